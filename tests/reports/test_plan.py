"""The best claim plan: the most expected money under exclusive groups, caps, prerequisites and windows, exact."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyreach.reports import plan as plan_module
from policyreach.reports.plan import Cap, Option, best_plan, feasible, window_reason
from policyreach.rules.policy import ApplicationPath, Window


def test_an_exclusive_group_keeps_its_highest_and_says_why_the_others_are_left_out() -> None:
    plan = best_plan(
        [
            Option("rd-after", "研发费用后补助", "cash", Decimal("30"), "rd"),
            Option("listing", "上市奖励", "cash", Decimal("200"), None),
            Option("rd-growth", "研发投入增量奖励", "cash", Decimal("80"), "rd"),
            Option("tax", "研发费用加计扣除", "tax", Decimal("12.5"), None),
        ]
    )
    assert [o.benefit_id for o in plan.chosen] == ["listing", "rd-growth", "tax"]
    assert plan.totals == {"cash": Decimal("280"), "tax": Decimal("12.5")}
    assert plan.reason("rd-after") == "与“研发投入增量奖励”不重复享受（就高），金额较低"
    assert plan.reason("listing") is None


def test_a_likely_item_counts_at_its_expected_value_and_totals_keep_certain_money_apart() -> None:
    plan = best_plan(
        [
            Option("unicorn", "独角兽企业奖励", "cash", Decimal("200"), "growth", probability=0.3),
            Option("gazelle", "瞪羚企业奖励", "cash", Decimal("80"), "growth"),
            Option("loan-rate", "科技贷款贴息", "interest", Decimal("10"), probability=0.72),
        ]
    )
    assert [o.benefit_id for o in plan.chosen] == ["gazelle", "loan-rate"]
    assert plan.reason("unicorn") == "与“瞪羚企业奖励”不重复享受（就高），按可能性折算后金额较低"
    assert plan.totals == {"cash": Decimal("80")}  # certain money only
    assert plan.expected == {"cash": Decimal("80"), "interest": Decimal("7.20")}


def test_a_per_entity_cap_trims_the_total_and_moves_a_group_choice_outside_the_capped_policy() -> None:
    cap = Cap("cc-digital", Decimal("100"), "《数字经济政策》同一企业每年累计不超过 100 万元")
    plan = best_plan(
        [
            Option("platform", "平台建设奖励", "cash", Decimal("90"), cap="cc-digital"),
            Option("cloud", "上云补贴", "cash", Decimal("60"), "scale", cap="cc-digital"),
            Option("scale-up", "规上培育奖励", "cash", Decimal("50"), "scale"),
        ],
        [cap],
    )
    # 上云补贴 would add only 10 under the cap; 规上培育奖励 adds 50
    assert [o.benefit_id for o in plan.chosen] == ["platform", "scale-up"]
    assert plan.totals == {"cash": Decimal("140")}
    plan = best_plan(
        [
            Option("platform", "平台建设奖励", "cash", Decimal("90"), cap="cc-digital"),
            Option("cloud", "上云补贴", "cash", Decimal("60"), cap="cc-digital"),
        ],
        [cap],
    )
    assert plan.totals == {"cash": Decimal("100")} and len(plan.chosen) == 2
    assert plan.capped == [(cap, Decimal("150"))]


def test_a_benefit_requiring_another_is_in_the_plan_only_with_it() -> None:
    plan = best_plan(
        [
            Option("base", "首次认定奖励", "cash", Decimal("20"), "first"),
            Option("rival", "复审奖励", "cash", Decimal("30"), "first"),
            Option("topup", "区级配套奖励", "cash", Decimal("25"), requires=(("base", "首次认定奖励"),)),
            Option("orphan", "后续奖励", "cash", Decimal("99"), requires=(("gone", "上市奖励"),)),
        ]
    )
    # base + topup (45) beats rival alone (30)
    assert [o.benefit_id for o in plan.chosen] == ["base", "topup"]
    assert plan.reason("orphan") == "需先取得“上市奖励”，本次不可申领"
    assert (
        plan.reason("rival") == "与“首次认定奖励”不重复享受（就高），选“首次认定奖励”可同时申领“区级配套奖励”，合计更高"
    )


def test_windows_closed_for_the_year_are_out_and_a_later_round_this_year_is_in() -> None:
    today = dt.date(2026, 7, 1)
    spring = ApplicationPath(
        department="科技局", channel="网上", window=Window(opens="2026-03-01", closes="2026-03-31")
    )
    reason = window_reason(spring.window_on(today), today)
    assert reason == "申报窗口已关闭（截至 2026-03-31）"
    rounds = ApplicationPath(
        department="科技局",
        channel="网上",
        windows=(Window(opens="2026-03-01", closes="2026-03-31"), Window(opens="2026-09-01", closes="2026-09-30")),
    )
    assert window_reason(rounds.window_on(today), today) is None
    annual = ApplicationPath(
        department="税务局", channel="网上", window=Window(opens="2026-01-01", closes="2026-05-31", annual=True)
    )
    assert window_reason(annual.window_on(today), today) == (
        "申报窗口已关闭（截至 2026-05-31，下一轮申报：2027-01-01 至 2027-05-31）"
    )
    later = ApplicationPath(department="科技局", channel="网上", window=Window(opens="2027-02-01"))
    assert window_reason(later.window_on(today), today) == "本年度不开放申报（2027-02-01 起申报）"
    plan = best_plan([Option("spring", "春季申报", "cash", Decimal("10"), unavailable=reason)])
    assert not plan.chosen and plan.reason("spring") == reason


# -- the plan is never beaten by any feasible subset --------------------------------------------------------------


@st.composite
def libraries(draw: st.DrawFn) -> tuple[list[Option], list[Cap]]:
    n = draw(st.integers(0, 8))
    ids = [f"b{i}" for i in range(n)]
    caps = [
        Cap(key, Decimal(draw(st.integers(0, 150))), key)
        for key in draw(st.sets(st.sampled_from(["p", "q"]), min_size=1))
    ]
    options = []
    for i, benefit_id in enumerate(ids):
        needs = draw(st.lists(st.sampled_from([*ids[:i], "missing"]), max_size=1)) if i else []
        options.append(
            Option(
                benefit_id,
                benefit_id,
                draw(st.sampled_from(["cash", "tax", "interest", "loan"])),
                draw(st.one_of(st.integers(0, 120).map(Decimal), st.decimals(min_value=0, max_value=300, places=2))),
                draw(st.one_of(st.none(), st.sampled_from(["a", "b"]))),
                draw(st.one_of(st.none(), st.floats(0.01, 1.0))),
                draw(st.one_of(st.none(), st.sampled_from([c.key for c in caps] or [None]))),
                tuple((need, need) for need in needs),
                draw(st.one_of(st.none(), st.just("申报窗口已关闭（截至 2026-03-31）"))) if i % 3 == 2 else None,
            )
        )
    return options, caps


def _worth(subset: list[Option], caps: list[Cap]) -> tuple[Decimal, Decimal]:
    """Money (caps applied) and loans of a subset, computed here independently of the plan's own scoring."""
    limits = {c.key: c.limit for c in caps}
    money = sum(
        (o.expected for o in subset if o.cap not in limits and o.payout in ("cash", "tax", "interest")), Decimal(0)
    )
    loans = sum((o.expected for o in subset if o.cap not in limits and o.payout == "loan"), Decimal(0))
    for key, limit in limits.items():
        money += min(sum((o.expected for o in subset if o.cap == key), Decimal(0)), limit)
    return money, loans


def _best_by_brute_force(options: list[Option], caps: list[Cap]) -> tuple[Decimal, Decimal]:
    return max(
        _worth(list(subset), caps)
        for size in range(len(options) + 1)
        for subset in itertools.combinations(options, size)
        if feasible(subset)
    )


@settings(max_examples=200, deadline=None)
@given(libraries())
def test_the_plan_is_never_beaten_by_any_feasible_subset(library: tuple[list[Option], list[Cap]]) -> None:
    options, caps = library
    plan = best_plan(options, caps)
    assert feasible(plan.chosen)
    chosen = {o.benefit_id for o in plan.chosen}
    left = {o.benefit_id for o, _ in plan.left_out}
    assert chosen | left == {o.benefit_id for o in options} and not chosen & left
    assert all(why for _, why in plan.left_out)
    assert _worth(list(plan.chosen), caps) == _best_by_brute_force(options, caps)


@settings(max_examples=60, deadline=None)
@given(libraries())
def test_highs_finds_the_same_money_as_enumeration(library: tuple[list[Option], list[Cap]]) -> None:
    options, caps = library
    saved = plan_module.ENUMERATION_LIMIT
    plan_module.ENUMERATION_LIMIT = 0  # every part goes to the mixed-integer programme
    try:
        plan = best_plan(options, caps)
    finally:
        plan_module.ENUMERATION_LIMIT = saved
    assert feasible(plan.chosen)
    assert _worth(list(plan.chosen), caps)[0] == _best_by_brute_force(options, caps)[0]


@pytest.mark.parametrize("size", [12])
def test_a_large_part_is_solved_quickly(size: int) -> None:
    """Twelve groups of three under one cap: 4^12 combinations go to HiGHS, not to enumeration."""
    options = [
        Option(f"g{g}-{k}", f"g{g}-{k}", "cash", Decimal(10 * k + g), f"g{g}", cap="p")
        for g in range(size)
        for k in range(3)
    ]
    plan = best_plan(options, [Cap("p", Decimal("200"), "p")])
    assert len(plan.chosen) == size and plan.totals == {"cash": Decimal("200")}
