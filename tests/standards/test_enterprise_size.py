"""统计上大中小微型企业划分办法（2017）: every group at its bounds, and Python = Polars."""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyreach.rules.numbers import to_scaled
from policyreach.standards.enterprise_size import GROUPS, classify, group_of, size_class, size_class_expr

# One representative code per group of the standard.
CODES = {
    "agriculture": "A01",
    "industry": "C36",
    "construction": "E47",
    "wholesale": "F51",
    "retail": "F52",
    "transport": "G54",
    "warehousing": "G59",
    "postal": "G60",
    "lodging": "H61",
    "catering": "H62",
    "telecom": "I63",
    "software": "I65",
    "real_estate": "K70",
    "property": "K7020",
    "leasing": "L72",
    "other": "M73",
}


def _at(group: str, tier: int, *, minus: str | None = None) -> dict[str, object]:
    """Every indicator exactly at the tier's lower bound, one optionally just below it."""
    values: dict[str, object] = {"employees": None, "revenue": None, "total_assets": None}
    for ind, bounds in GROUPS[group].bounds.items():
        bound = bounds[tier]
        if ind == minus:
            values[ind] = bound - 1 if ind == "employees" else Decimal(bound) - Decimal("0.01")
        else:
            values[ind] = bound if ind == "employees" else Decimal(bound)
    return values


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_every_group_at_its_bounds(group: str) -> None:
    code = CODES[group]
    assert group_of(code) is GROUPS[group]
    for tier, size in enumerate(("大", "中", "小")):
        assert size_class(code, **_at(group, tier)) == size, (group, size)
        for ind in GROUPS[group].bounds:
            below = size_class(code, **_at(group, tier, minus=ind))
            # 须同时满足所列指标的下限，否则下划一档; below the small bound any one indicator makes 微
            assert below == ("中", "小", "微")[tier], (group, size, ind, below)


def test_micro_needs_only_one_indicator_even_when_another_is_unknown() -> None:
    assert size_class("C36", 19, None, None) == "微"
    assert size_class("C36", None, Decimal("299.99"), None) == "微"
    assert size_class("C36", 5000, None, None) is None  # could be 大 or 微: unknown
    assert size_class("E47", None, Decimal(90000), None) is None


def test_outside_the_standard() -> None:
    assert group_of("J66") is None and size_class("J66", 10, Decimal(1), Decimal(1)) is None
    assert group_of("S91") is None
    assert group_of("G53") is GROUPS["other"]  # 铁路运输 is not in 交通运输业 of the 2017 table
    assert group_of("K7010") is GROUPS["real_estate"] and group_of("K7020") is GROUPS["property"]
    assert group_of("36") is GROUPS["industry"]


def test_the_rule_is_explained() -> None:
    decision = classify("C36", 1500, Decimal(60000), Decimal(50000))
    assert decision.size == "大" and "工业" in decision.rule and "1000" in decision.rule
    assert "下划一档" in classify("F52", 10, Decimal(100), None).rule
    assert "只须满足所列指标中的一项" in classify("C36", 15, None, None).rule


_codes = st.sampled_from([*CODES.values(), "J66", "S91", "G53", "C13", "I64", "B06", "D46"])
_people = st.one_of(st.none(), st.integers(0, 3000))
_bounds = sorted({Decimal(b) for g in GROUPS.values() for bs in g.bounds.values() for b in bs})
_money = st.one_of(st.none(), st.decimals(0, 250000, places=2), st.sampled_from(_bounds))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_codes, _people, _money, _money), min_size=1, max_size=40))
def test_polars_agrees_with_python(rows: list[tuple]) -> None:
    frame = pl.DataFrame(
        {
            "industry": [r[0] for r in rows],
            "employees": [r[1] for r in rows],
            "revenue": [None if r[2] is None else to_scaled(r[2]) for r in rows],
            "assets": [None if r[3] is None else to_scaled(r[3]) for r in rows],
        },
        schema={"industry": pl.String, "employees": pl.Int64, "revenue": pl.Int64, "assets": pl.Int64},
    )
    got = frame.select(
        size_class_expr(pl.col("industry"), pl.col("employees"), pl.col("revenue"), pl.col("assets")).alias("s")
    )["s"].to_list()
    assert got == [size_class(*r) for r in rows]
