"""The best claim plan: one item per exclusive group (the highest), everything else kept, totals per payout."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from policyreach.reports.plan import Option, best_plan


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


options = st.lists(
    st.builds(
        Option,
        benefit_id=st.uuids().map(str),
        title=st.text(min_size=1, max_size=4),
        payout=st.sampled_from(["cash", "tax", "interest", "loan"]),
        amount=st.decimals(min_value=0, max_value=10_000, places=2),
        group=st.one_of(st.none(), st.sampled_from(["a", "b", "c"])),
    ),
    max_size=12,
)


@given(options)
def test_the_plan_is_a_partition_with_one_item_per_group_each_the_highest(given_options: list[Option]) -> None:
    plan = best_plan(given_options)
    chosen = {o.benefit_id for o in plan.chosen}
    left = {o.benefit_id for o, _ in plan.left_out}
    assert chosen | left == {o.benefit_id for o in given_options} and not chosen & left
    groups = {o.group for o in given_options if o.group is not None}
    assert sorted(o.group for o in plan.chosen if o.group is not None) == sorted(groups)
    for group in groups:
        best = next(o for o in plan.chosen if o.group == group)
        assert all(o.amount <= best.amount for o in given_options if o.group == group)
    naive: dict[str, Decimal] = {}
    for o in given_options:
        naive[o.payout] = naive.get(o.payout, Decimal(0)) + o.amount
    assert all(plan.totals.get(p, Decimal(0)) <= naive[p] for p in naive)  # never more than counting everything
