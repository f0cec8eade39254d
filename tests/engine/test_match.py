"""Match semantics (DESIGN "Match semantics") and explanations on small hand-made cases, on both back ends."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyreach.engine.batch import STATUS_CODES, match_population
from policyreach.engine.entity import entity_from_mapping
from policyreach.engine.match import Match, match_entity, status_of
from policyreach.rules.library import Library, add_policy_file, compile_library
from policyreach.rules.schema import Schema
from tests.rules.one_benefit import library_of

AS_OF = dt.date(2025, 6, 1)


def one(schema: Schema, conditions: list[str], values: dict[str, Any], amount: str = "10") -> Match:
    compiled = compile_library(library_of(schema, conditions, amount), AS_OF)
    (match,) = match_entity(compiled, entity_from_mapping(schema, values), keep_all=True)
    return match


def batch_one(schema: Schema, conditions: list[str], frame: pl.DataFrame, amount: str = "10") -> pl.DataFrame:
    compiled = compile_library(library_of(schema, conditions, amount), AS_OF)
    return match_population(compiled, frame, min_degree=0, include_partial=True).pairs


def test_threshold_met_exactly(fixture_schema) -> None:
    match = one(fixture_schema, ["revenue[last_year] >= 2000"], {"revenue": {2024: "2000"}})
    assert match.status == "eligible"
    match = one(fixture_schema, ["revenue[last_year] >= 2000"], {"revenue": {2024: "1999.999999"}})
    assert match.status == "ineligible"


@settings(max_examples=40, deadline=None)
@given(st.decimals(min_value=0, max_value=10**9, places=6, allow_nan=False, allow_infinity=False))
def test_any_decimal_meets_its_own_threshold_on_both_back_ends(fixture_schema, value: Decimal) -> None:
    # float32 (OpenFisca's storage) fails many of these, e.g. 16777217 or 2000.000001.
    condition = [f"revenue[last_year] >= {value}"]
    assert one(fixture_schema, condition, {"revenue": {2024: value}}).status == "eligible"
    frame = pl.DataFrame({"entity_id": ["e"], "revenue_2024": pl.Series([value], dtype=pl.Decimal(18, 6))})
    assert STATUS_CODES[batch_one(fixture_schema, condition, frame)["status"][0]] == "eligible"


def test_kleene_logic(fixture_schema) -> None:
    unknown = {"district": "220102"}
    assert one(fixture_schema, ["listed and revenue[last_year] > 0"], {"listed": False}).status == "ineligible"
    assert one(fixture_schema, ["listed or revenue[last_year] > 0"], {"listed": True}).status == "eligible"
    assert one(fixture_schema, ["not listed"], unknown).status == "likely"
    assert one(fixture_schema, ["listed in [True]"], unknown).status == "likely"


def test_missing_value_is_unknown_never_zero(fixture_schema) -> None:
    match = one(fixture_schema, ["revenue[last_year] < 100", "district == '220102'"], {"district": "220102"})
    assert match.status == "likely"
    assert match.degree == 75
    assert match.missing == ["上年度（2024年）营业收入"]


def test_status_and_degree_from_weights() -> None:
    assert status_of(2, 1, 4) == ("partial", 63)
    assert status_of(1, 2, 4) == ("ineligible", 38)


def test_ratio_with_zero_is_unknown(fixture_schema) -> None:
    match = one(
        fixture_schema,
        ["ratio(rd_expense[last_year], revenue[last_year]) >= 0.03"],
        {"rd_expense": {2024: 10}, "revenue": {2024: 0}},
    )
    assert match.status == "likely"


def test_amount_with_cap_and_half_up(fixture_schema) -> None:
    values = {"rd_expense": {2024: "0.000005"}}
    match = one(fixture_schema, ["rd_expense[last_year] > 0"], values, amount="min(rd_expense[last_year] * 0.1, 100)")
    assert match.amount == Decimal("0.000001")  # 0.0000005 rounds half up
    match = one(
        fixture_schema,
        ["rd_expense[last_year] > 0"],
        {"rd_expense": {2024: 5000}},
        amount="min(rd_expense[last_year] * 0.1, 100)",
    )
    assert match.amount == Decimal(100)


def test_tier(fixture_schema) -> None:
    formula = "tier(revenue[last_year], [[10000, 30], [50000, 50], [100000, 100]])"
    for revenue, award in ((9999, 0), (10000, 30), (60000, 50), (100000, 100)):
        match = one(fixture_schema, ["revenue[last_year] > 0"], {"revenue": {2024: revenue}}, amount=formula)
        assert match.amount == award


def test_explanation_has_own_value_and_threshold(fixture_schema) -> None:
    match = one(fixture_schema, ["revenue[last_year] >= 2000"], {"revenue": {2024: 1500}})
    assert match.conditions[0].explanation == "上年度（2024年）营业收入不低于2,000万元（您的企业：1,500万元，未满足）"
    match = one(
        fixture_schema,
        ["revenue[last_year] > 0"],
        {"rd_expense": {2024: 425}, "revenue": {2024: 1}},
        amount="min(rd_expense[last_year] * 0.1, 100)",
    )
    expected = "按上年度（2024年）研发费用的10%给予补助，最高100万元；您的企业预计可得 42.5 万元"
    assert match.amount_explanation == expected


def test_an_unknown_constant_amount_is_unknown_in_both_engines(fixture_schema) -> None:
    values = {"revenue": {2024: "2500"}}
    match = one(fixture_schema, ["revenue[last_year] >= 2000"], values, amount="ratio(1, 0)")
    assert match.status == "eligible" and match.amount is None
    frame = pl.DataFrame({"entity_id": ["E1"], "kind": ["enterprise"], "revenue_2024": [Decimal("2500")]})
    pairs = batch_one(fixture_schema, ["revenue[last_year] >= 2000"], frame, amount="ratio(1, 0)")
    assert pairs["amount"].to_list() == [None]


def test_matches_build_each_match_once_when_read_and_agree_with_a_list(fixture_schema) -> None:
    """A call's kept benefits are a sequence read like a list: the same objects by index and by iteration, one
    benefit without building the others, the figures without any object, on both back ends."""
    library = Library(schema=fixture_schema)
    body = "\n".join(
        f'  - {{id: b{i}, title: 事项{i}, kind: subsidy, payout: cash, department: 测试局, conditions: [{{expr: "{c}", '
        f'clause: "1"}}], amount: {{formula: "{i}", clause: "1"}}, application: {{department: 测试局, channel: 网上}}}}'
        for i, c in enumerate(["revenue[last_year] >= 100", "revenue[last_year] < 100", "district == '220102'"])
    )
    add_policy_file(library, "m.yaml", POLICY_HEAD + "benefits:\n" + body + "\n")
    compiled = compile_library(library, AS_OF)
    firm = entity_from_mapping(fixture_schema, {"revenue": {2024: "150"}})
    for backend in ("polars", "numba"):
        everything = match_entity(compiled, firm, keep_all=True, backend=backend)
        assert len(everything) == 3
        assert everything.rows() == [
            ("b0", "eligible", 100, Decimal("0.000000")),
            ("b1", "ineligible", 0, None),
            ("b2", "likely", 50, Decimal("2.000000")),
        ]
        second = everything[1]
        assert everything[-2] is second and everything.get("b1") is second
        listed = list(everything)
        assert listed[1] is second and everything[0:2] == listed[0:2]
        assert [(m.benefit_id, m.status, m.outcomes) for m in listed] == [
            ("b0", "eligible", ("met",)),
            ("b1", "ineligible", ("unmet",)),
            ("b2", "likely", ("unknown",)),
        ]
        assert everything == listed and everything.get("b9") is None
        kept = match_entity(compiled, firm, backend=backend)
        assert [m.benefit_id for m in kept] == ["b0", "b2"]
        with pytest.raises(IndexError):
            kept[2]


POLICY_HEAD = """\
id: m
title: 测试政策
issuer: 测试局
level: city
region: "220100"
valid_from: 2024-01-01
source: 测试
clauses: {"1": 第一条 测试条款。}
"""
