"""The next best question (policyreach.questions): the value asked first is the one that settles most money."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from policyreach.engine.batch import match_population
from policyreach.engine.entity import EntityRecord
from policyreach.engine.match import SingleMatcher
from policyreach.questions import Priors, next_question, priors, ranked
from policyreach.rules.absence import NONE
from policyreach.rules.library import CompiledLibrary, Library, add_policy_file, compile_library
from policyreach.rules.schema import Attribute, Schema
from policyreach.rules.types import Type

SCHEMA = Schema(
    sources={"tax": "税务局", "self_declared": "自行填报"},
    attributes={
        name: Attribute(name=name, label=label, type=Type.INT, unit="万元", source="tax")
        for name, label in (("a", "甲"), ("b", "乙"), ("c", "丙"), ("d", "丁"))
    },
)
# (id, condition, amount formula): a decides 100 万元 alone, b decides 5, c and d together decide 40,
# and the amount of "scaled" waits for d
BENEFITS = (
    ("big", "a >= 10", "100"),
    ("small", "b >= 10", "5"),
    ("pair", "c >= 1 and d >= 1", "40"),
    ("scaled", "b >= 1", "d * 2"),
)


def _compiled() -> CompiledLibrary:
    text = (
        "id: p\ntitle: 测试\nissuer: 局\nlevel: city\nregion: '220100'\nvalid_from: 2020-01-01\nsource: 测试\n"
        "clauses: {'1': 第一条}\nbenefits:\n"
        + "".join(
            f"  - id: {bid}\n    title: 事项{bid}\n    kind: subsidy\n    payout: cash\n    department: 局\n"
            "    subjects: [enterprise]\n"
            f"    conditions:\n      - {{expr: '{expr}', clause: '1'}}\n"
            f"    amount: {{formula: '{amount}', unit: 万元, clause: '1'}}\n"
            "    application: {department: 局, channel: 网}\n"
            for bid, expr, amount in BENEFITS
        )
    )
    library = Library(schema=SCHEMA)
    add_policy_file(library, "p.yaml", text)
    return compile_library(library, dt.date(2025, 6, 30))


COMPILED = _compiled()
MATCHER = SingleMatcher(COMPILED)
EVEN = Priors(amount={"scaled": Decimal("30")})  # every condition at no opinion (0.5)


def _record(**values: object) -> EntityRecord:
    return EntityRecord("x", "enterprise", dict(values))


def test_the_value_that_decides_the_biggest_amount_is_asked_first() -> None:
    first = next_question(MATCHER, _record(), EVEN)
    assert first is not None and first.column == "a"
    assert first.value == Decimal("50.00")  # 0.5 × 100 万元, decided either way by the answer
    assert first.benefits == ("big",)


def test_answers_move_the_next_question_on_and_a_settled_record_asks_nothing() -> None:
    questions = ranked(MATCHER, _record(a=3), EVEN)
    # d: "pair" (0.5 × 40) and "scaled" (0.5 × 30) each wait for two values, so d settles half of each: 10 + 7.5;
    # b decides "small" (0.5 × 5) and whether "scaled" fails (0.5), moving it on by half when it holds: 2.5 + 11.25
    assert [(q.column, q.value) for q in questions] == [
        ("d", Decimal("17.50")),
        ("b", Decimal("13.75")),
        ("c", Decimal("10.00")),
    ]
    # with b known, d is the last value "scaled" waits for (its amount): it settles all of it
    after = ranked(MATCHER, _record(a=3, b=20), EVEN)
    assert after[0].column == "d" and after[0].value == Decimal("40.00")
    assert next_question(MATCHER, _record(a=3, b=0, c=0, d=NONE), EVEN) is None


def test_probabilities_change_the_order() -> None:
    # "big" is all but decided (a city where nearly nobody meets a >= 10): b now settles more
    cid = COMPILED.benefits[0].condition_ids[0]
    assert next_question(MATCHER, _record(), EVEN, {cid: 0.001}).column != "a"  # type: ignore[union-attr]


def test_skipped_and_disallowed_values_are_not_asked() -> None:
    assert next_question(MATCHER, _record(), EVEN, skipped=["a"]).column != "a"  # type: ignore[union-attr]
    assert next_question(MATCHER, _record(), EVEN, allowed={"c", "d"}).column in {"c", "d"}  # type: ignore[union-attr]


def test_priors_come_from_a_matched_population() -> None:
    frame = pl.DataFrame(
        {
            "entity_id": [str(i) for i in range(40)],
            "kind": ["enterprise"] * 40,
            "a": [20] * 10 + [1] * 30,
            "b": [None] * 40,
            "c": [1] * 40,
            "d": [5] * 40,
        },
        schema_overrides={"b": pl.Int64},
    )
    found = priors(match_population(COMPILED, frame))
    a_cid = COMPILED.benefits[0].condition_ids[0]
    b_cid = COMPILED.benefits[1].condition_ids[0]
    assert found.chance(a_cid) == (10 + 20 * 0.5) / (40 + 20)  # shrunk towards no opinion
    assert found.chance(b_cid) == 0.5  # nobody decided
    assert found.amount["pair"] == Decimal("40.00")
    assert "scaled" not in found.amount  # nobody eligible: no typical amount


VALUE = st.one_of(st.none(), st.just(NONE), st.integers(-5, 30))


@settings(max_examples=150, deadline=None)
@given(
    values=st.fixed_dictionaries({k: VALUE for k in "abcd"}),
    chances=st.lists(st.floats(0, 1), min_size=len(COMPILED.conditions), max_size=len(COMPILED.conditions)),
    amount=st.integers(0, 500),
)
def test_the_chosen_question_has_maximal_value_among_candidates(values, chances, amount) -> None:
    record = _record(**{k: v for k, v in values.items() if v is not None})
    pri = Priors(condition=tuple(chances), amount={"scaled": Decimal(amount)})
    questions = ranked(MATCHER, record, pri)
    chosen = next_question(MATCHER, record, pri)
    if not questions:
        assert chosen is None
        return
    assert chosen == questions[0]
    assert all(chosen.value >= q.value for q in questions)
    # only values not yet given are asked, and no answer settles more than the expected money still open
    assert all(values[q.column] is None for q in questions)
    open_money = Decimal(0)
    for match in MATCHER.match(record, keep_all=True):
        if "unmet" in match.outcomes:
            continue
        amount = match.amount if match.amount is not None else pri.amount.get(match.benefit_id, Decimal(0))
        chance = 1.0
        for cid, outcome in zip(match.benefit.condition_ids, match.outcomes, strict=True):
            chance *= chances[cid] if outcome == "unknown" else 1.0
        open_money += max(amount, Decimal(0)) * Decimal(f"{chance:.6f}")  # a negative amount is no money
    assert all(Decimal(0) <= q.value <= open_money + Decimal("0.01") for q in questions)
