"""Ranking a firm's benefits: the engine's order first, then the firm's own marks and leanings move benefits."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policyreach.ranking import (
    ACTION_WEIGHT,
    STATUS_RANK,
    Candidate,
    Habits,
    base_score,
    habit_score,
    rank,
)

DEPARTMENTS = ("科技局", "工信局", "人社局")
KINDS = ("subsidy", "award", "certification")
SHOWN = ("eligible", "likely", "partial")  # what the portal ranks: the engine leaves ineligible matches out


def candidate(
    benefit_id: str, status: str = "eligible", degree: int = 100, amount: float = 0.0, **where: str
) -> Candidate:
    return Candidate(
        benefit_id, status, degree, amount, where.get("department", DEPARTMENTS[0]), where.get("kind", KINDS[0])
    )


def ids(ranked: list[Candidate]) -> list[str]:
    return [c.benefit_id for c in ranked]


# --- the engine's order ---------------------------------------------------------------------------------------------


def test_status_first_then_degree_then_amount() -> None:
    ranked = rank(
        [
            candidate("partial", "partial", 99, 500),
            candidate("likely-low", "likely", 60, 1000),
            candidate("likely-high", "likely", 90),
            candidate("eligible-small", "eligible", 100, 1),
            candidate("eligible-large", "eligible", 100, 300),
        ]
    )
    assert ids(ranked) == ["eligible-large", "eligible-small", "likely-high", "likely-low", "partial"]


def test_amounts_past_the_cap_or_below_zero_do_not_count() -> None:
    # log1p(30000) and log1p(90000) are both above the cap: a tie, so the input order stays (sorting is stable)
    huge = [candidate("a", amount=30_000), candidate("b", amount=90_000)]
    assert ids(rank(huge)) == ["a", "b"] and ids(rank(huge[::-1])) == ["b", "a"]
    assert base_score(candidate("owed", amount=-5)) == base_score(candidate("none", amount=0))


def test_without_marks_or_leanings_habits_change_nothing() -> None:
    items = [candidate("x", "likely", 70, 10), candidate("y", "eligible", 100), candidate("z", "partial", 80)]
    assert rank(items, Habits()) == rank(items)
    assert all(habit_score(c, Habits()) == base_score(c) for c in items)


# --- a firm's habits ----------------------------------------------------------------------------------------------


def test_marks_follow_the_actions_in_time_order() -> None:
    actions = [("a", "favourite"), ("a", "unfavourite"), ("b", "favourite"), ("c", "dismiss")]
    actions.append(("d", "applied_elsewhere"))
    habits = Habits.from_actions(actions, {})
    assert habits.favourites == {"b"} and habits.dismissed == {"c"} and habits.applied_elsewhere == {"d"}
    assert Habits.from_actions([*actions, ("a", "favourite")], {}).favourites == {"a", "b"}


def test_actions_weigh_the_department_and_kind_of_catalogued_benefits() -> None:
    catalogue = {"a": ("科技局", "award"), "b": ("工信局", "subsidy")}
    actions = [("a", "view"), ("a", "favourite"), ("b", "dismiss"), ("b", "applied_elsewhere"), ("b", "print")]
    habits = Habits.from_actions([*actions, ("elsewhere", "favourite")], catalogue)
    assert habits.department == Counter({"科技局": 1 + 3, "工信局": -2})
    assert habits.kind == Counter({"award": 1 + 3, "subsidy": -2})
    assert habits.favourites == {"a", "elsewhere"}  # marked, though it leans nowhere: the catalogue does not know it
    assert ACTION_WEIGHT["applied_elsewhere"] == 0 and "print" not in ACTION_WEIGHT


def test_a_department_leaned_against_counts_as_not_leaned_to() -> None:
    habits = Habits(department=Counter({"工信局": -6, "科技局": 2}))
    shunned = candidate("b", department="工信局")
    assert habit_score(shunned, habits) == base_score(shunned)
    liked = candidate("a", department="科技局")
    assert habit_score(liked, habits) > base_score(liked)


def test_a_favourite_partial_match_goes_above_the_unmarked_eligible_ones() -> None:
    items = [candidate("e1", amount=9_000), candidate("e2"), candidate("p", "partial", 50)]
    assert ids(rank(items, Habits(favourites={"p"}))) == ["p", "e1", "e2"]


@pytest.mark.parametrize("mark", ["dismissed", "applied_elsewhere"])
def test_a_set_aside_benefit_goes_below_every_unmarked_one(mark: str) -> None:
    leaned = Habits(department=Counter({DEPARTMENTS[1]: 9}), kind=Counter({KINDS[1]: 9}), **{mark: {"e"}})
    items = [candidate("e", amount=20_000, department=DEPARTMENTS[1], kind=KINDS[1]), candidate("p", "partial", 50)]
    assert ids(rank(items, leaned)) == ["p", "e"]


def test_leaning_to_a_department_may_lift_a_likely_match_over_an_eligible_one_a_kind_alone_never() -> None:
    items = [candidate("e"), candidate("l", "likely", 95, department=DEPARTMENTS[1], kind=KINDS[1])]
    assert ids(rank(items, Habits(department=Counter({DEPARTMENTS[1]: 1})))) == ["l", "e"]
    assert ids(rank(items, Habits(kind=Counter({KINDS[1]: 1})))) == ["e", "l"]


# --- properties ------------------------------------------------------------------------------------------------------


@st.composite
def candidates(
    draw: st.DrawFn, statuses: tuple[str, ...] = tuple(STATUS_RANK), real_degrees: bool = False
) -> list[Candidate]:
    """Candidates with distinct ids; ``real_degrees`` as the engine gives them (eligible 100, else 50 to 100)."""
    count = draw(st.integers(0, 12))
    out: list[Candidate] = []
    for i in range(count):
        status = draw(st.sampled_from(statuses))
        degree = 100 if real_degrees and status == "eligible" else draw(st.integers(50 if real_degrees else 0, 100))
        amount = draw(st.one_of(st.just(0.0), st.floats(-10, 1e6, allow_nan=False)))
        department, kind = draw(st.sampled_from(DEPARTMENTS)), draw(st.sampled_from(KINDS))
        out.append(Candidate(f"b{i}", status, degree, amount, department, kind, closed=draw(st.booleans())))
    return out


@st.composite
def habits_over(draw: st.DrawFn, items: list[Candidate]) -> Habits:
    """A firm's history: any actions on its benefits (and on one the catalogue does not know), in any order."""
    catalogue = {c.benefit_id: (c.department, c.kind) for c in items}
    benefit = st.sampled_from([*catalogue, "unknown"])
    action = st.sampled_from([*ACTION_WEIGHT, "unfavourite", "print"])
    return Habits.from_actions(draw(st.lists(st.tuples(benefit, action), max_size=30)), catalogue)


def _marks(c: Candidate, habits: Habits) -> tuple[bool, bool]:
    return c.benefit_id in habits.favourites, c.benefit_id in habits.dismissed | habits.applied_elsewhere


@given(st.data())
def test_ranking_is_a_permutation(data: st.DataObject) -> None:
    items = data.draw(candidates())
    habits = data.draw(habits_over(items))
    for ranked in (rank(items), rank(items, habits)):
        assert sorted(ids(ranked)) == sorted(ids(items)) and len(ranked) == len(items)


@given(candidates())
def test_without_habits_a_better_status_always_comes_first(items: list[Candidate]) -> None:
    order = [STATUS_RANK[c.status] for c in rank(items)]
    assert order == sorted(order, reverse=True)
    assert rank(items, Habits()) == rank(items)


@given(candidates(real_degrees=True))
def test_every_open_eligible_round_comes_before_every_closed_one(items: list[Candidate]) -> None:
    # a firm acts on the top of its list: 已截止 there leaves it nothing to do, whatever the amount
    closed = [c.closed for c in rank(items) if c.status == "eligible"]
    assert closed == sorted(closed)


def test_under_learned_weights_a_closed_round_sinks_below_the_open_ones() -> None:
    from policyreach.ranking import fit

    weights = fit(_firms(120), min_firms=50)
    assert weights is not None
    cands = [
        Candidate("shut", "eligible", 100, 500.0, DEPARTMENTS[0], KINDS[0], closed=True),
        candidate("open", "partial", 60),
    ]
    habits = Habits.from_actions([("shut", "view"), ("shut", "favourite")], {})
    assert ids(rank(cands, habits, weights)) == ["open", "shut"]


@given(st.data())
def test_at_equal_habits_the_engine_decides(data: st.DataObject) -> None:
    """Two benefits of one department and kind with the same marks keep the engine's order between them."""
    items = data.draw(candidates())
    habits = data.draw(habits_over(items))
    position = {c.benefit_id: i for i, c in enumerate(rank(items, habits))}
    for a in items:
        for b in items:
            alike = (a.department, a.kind, _marks(a, habits)) == (b.department, b.kind, _marks(b, habits))
            if not alike or a is b:
                continue
            better_status = STATUS_RANK[a.status] > STATUS_RANK[b.status]
            better_match = (
                a.status == b.status
                and a.closed <= b.closed  # a closed round is the worse match of its status
                and a.degree > b.degree
                and max(a.amount, 0) >= max(b.amount, 0)
            )
            if better_status or better_match:
                assert position[a.benefit_id] < position[b.benefit_id], (a, b)


@given(st.data())
def test_a_set_aside_benefit_comes_after_every_other_shown_one(data: st.DataObject) -> None:
    items = data.draw(candidates(SHOWN))
    habits = data.draw(habits_over(items))
    ranked = rank(items, habits)
    set_aside = [i for i, c in enumerate(ranked) if _marks(c, habits) == (False, True)]
    kept = [i for i, c in enumerate(ranked) if not _marks(c, habits)[1]]
    assert not set_aside or not kept or max(kept) < min(set_aside)


@given(st.data())
def test_leanings_lift_a_benefit_one_band_at_most(data: st.DataObject) -> None:
    """With the engine's degrees, an eligible benefit stays above every partial one with the same marks."""
    items = data.draw(candidates(SHOWN, real_degrees=True))
    habits = data.draw(habits_over(items))
    ranked = rank(items, habits)
    for marks in {_marks(c, habits) for c in items}:
        statuses = [c.status for c in ranked if _marks(c, habits) == marks]
        if "eligible" in statuses and "partial" in statuses:
            last_eligible = max(i for i, s in enumerate(statuses) if s == "eligible")
            assert last_eligible < statuses.index("partial")


@given(candidates(SHOWN, real_degrees=True), st.dictionaries(st.sampled_from(KINDS), st.floats(-5, 50)))
def test_a_leaning_to_kinds_alone_never_crosses_a_band(items: list[Candidate], leaning: dict[str, float]) -> None:
    order = [STATUS_RANK[c.status] for c in rank(items, Habits(kind=Counter(leaning)))]
    assert order == sorted(order, reverse=True)


# --- habits learned from the log (issue 21, item 7) -----------------------------------------------------------------


def _firms(count: int, seed: int = 0) -> list[tuple[list[Candidate], Habits, list[tuple[str, str]]]]:
    """Firms that go on to act on what they viewed before, whatever its department or status: the log teaches it."""
    import random

    rng = random.Random(seed)
    out = []
    for _ in range(count):
        cands = [
            candidate(
                f"b{i}", rng.choice(SHOWN), rng.randint(50, 100), rng.random() * 100, department=rng.choice(DEPARTMENTS)
            )
            for i in range(15)
        ]
        viewed = rng.sample([c.benefit_id for c in cands], 3)
        earlier = [(b, "view") for b in viewed]
        later = [(rng.choice(viewed), "favourite"), (rng.choice(viewed), "view")]
        out.append((cands, Habits.from_actions(earlier, {}), later))
    return out


def test_the_fit_learns_what_the_log_shows_and_ranks_by_it() -> None:
    from policyreach.ranking import FEATURES, fit

    weights = fit(_firms(120), min_firms=50)
    assert weights is not None and weights.firms == 120 and weights.rows == 120 * 15
    learned = dict(zip(FEATURES, weights.coefficients, strict=True))
    assert learned["views"] == max(learned.values())  # the one thing that predicts the later actions here
    # a viewed partial match now comes before an unviewed eligible one: the hand-set weights would not do that
    cands = [candidate("seen", "partial", 60), candidate("other", "eligible", 100, 50.0)]
    habits = Habits.from_actions([("seen", "view")], {})
    assert ids(rank(cands, habits, weights)) == ["seen", "other"]
    assert ids(rank(cands, habits)) == ["other", "seen"]


def test_too_little_data_keeps_the_hand_set_weights() -> None:
    from policyreach.ranking import fit

    assert fit(_firms(49), min_firms=50) is None
    # a firm that acted on nothing later teaches nothing and does not count
    assert fit([(c, h, []) for c, h, _ in _firms(80)], min_firms=50) is None


def test_learned_weights_round_trip_with_their_provenance() -> None:
    from policyreach.ranking import LearnedWeights, fit

    weights = fit(_firms(60), min_firms=50, source="test log")
    assert weights is not None
    again = LearnedWeights.from_dict(weights.as_dict())
    assert again == weights and again.source == "test log" and again.version.startswith("habits-")
    older = {**weights.as_dict(), "features": ["eligible", "degree"]}
    assert LearnedWeights.from_dict(older) is None  # fitted over other features: not used
