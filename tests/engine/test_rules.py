"""Rules language, match semantics, errors and explanations on small hand-made cases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from policyreach.cli import app
from policyreach.engine.batch import STATUS_CODES, match_population
from policyreach.engine.entity import entity_from_mapping
from policyreach.engine.match import match_entity, status_of
from policyreach.rules.errors import RuleError, RuleErrors
from policyreach.rules.library import Library, add_policy_file, compile_library
from policyreach.rules.numbers import degree_of
from tests.conftest import FIXTURES

AS_OF = dt.date(2025, 6, 1)
POLICY = """\
id: t
title: 测试政策
issuer: 测试局
level: city
region: "220100"
valid_from: 2024-01-01
source: 测试
clauses: {{"1": 第一条 测试条款。}}
benefits:
  - id: b
    title: 测试事项
    kind: subsidy
    department: 测试局
    conditions:
{conditions}
    amount: {{formula: "{amount}", clause: "1"}}
    application: {{department: 测试局, channel: 网上}}
"""


def library_of(schema, conditions: list[str], amount: str = "10") -> Library:
    body = "\n".join(f'      - {{expr: "{c}", clause: "1"}}' for c in conditions)
    library = Library(schema=schema)
    add_policy_file(library, "t.yaml", POLICY.format(conditions=body, amount=amount))
    return library


def one(schema, conditions: list[str], values: dict, amount: str = "10"):
    compiled = compile_library(library_of(schema, conditions, amount), AS_OF)
    (match,) = match_entity(compiled, entity_from_mapping(schema, values), keep_all=True)
    return match


def batch_one(schema, conditions: list[str], frame: pl.DataFrame, amount: str = "10") -> pl.DataFrame:
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


def test_degree_rounds_half_up() -> None:
    assert degree_of(2, 1, 4) == 63  # 62.5 → 63, not 62 (banker's rounding)
    assert degree_of(1, 1, 4) == 38  # 37.5 → 38
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


def test_shared_conditions_are_computed_once(fixture_library) -> None:
    compiled = compile_library(fixture_library, AS_OF)
    uses = sum(len(b.condition_ids) for b in compiled.benefits)
    assert len(compiled.conditions) < uses  # 'district in CHANGCHUN_DISTRICTS' is shared


def _error(schema, condition: str) -> RuleError:
    with pytest.raises(RuleErrors) as info:
        library_of(schema, [condition])
    (error,) = info.value.errors
    return error


def test_type_error_names_file_benefit_condition_line_and_column(fixture_schema) -> None:
    condition = "revenue[last_year] >= '高'"
    error = _error(fixture_schema, condition)
    text = POLICY.format(conditions=f'      - {{expr: "{condition}", clause: "1"}}', amount="10").splitlines()
    line = next(i for i, row in enumerate(text, 1) if condition in row)
    assert (error.file, error.benefit, error.line) == ("t.yaml", "b", line)
    assert error.column == text[line - 1].index("'高'") + 1
    assert "以万元计的数值" in error.message_zh and "'高' 是文本" in error.message_zh
    assert "revenue is a decimal in 万元; '高' is a string" in error.message_en
    assert f"t.yaml:{line}:{error.column}" in str(error)


@pytest.mark.parametrize(
    ("condition", "needle"),
    [
        ("revenu[last_year] > 1", "未知的名称 revenu"),
        ("revenue > 1", "按年度记录"),
        ("district > 1", "district 是文本"),
        ("employees[last_year] + 1", "条件必须是"),
        ("__import__('os')", "未知函数"),
        ("revenue[last_year].real > 1", "只支持 params"),
        ("params.missing > 1", "未定义的参数"),
        ("district in 5", "列表"),
        ("revenue[last_year] >", "语法错误"),
    ],
)
def test_errors_are_precise(fixture_schema, condition: str, needle: str) -> None:
    error = _error(fixture_schema, condition)
    assert needle in error.message_zh
    assert error.line is not None and error.column is not None


def test_unknown_clause_is_reported(fixture_schema) -> None:
    text = POLICY.format(conditions='      - {expr: "listed", clause: "9"}', amount="1")
    with pytest.raises(RuleErrors) as info:
        add_policy_file(Library(schema=fixture_schema), "t.yaml", text)
    assert "条款 '9' 不存在" in str(info.value)


def test_cli_runs_yaml_cases() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["test", str(FIXTURES / "library"), "--schema", str(FIXTURES / "schema")])
    assert result.exit_code == 0, result.output
    assert "5 cases" in result.output and "0 failed" in result.output


def _run_on_edited_fixture(tmp_path, command: str, old: str, new: str):
    text = (FIXTURES / "library" / "hightech.yaml").read_text(encoding="utf-8")
    (tmp_path / "hightech.yaml").write_text(text.replace(old, new), encoding="utf-8")
    return CliRunner().invoke(app, [command, str(tmp_path), "--schema", str(FIXTURES / "schema")])


def test_cli_reports_failing_case(tmp_path) -> None:
    result = _run_on_edited_fixture(
        tmp_path,
        "test",
        "test-hightech-award: {status: eligible, amount: 20}",
        "test-hightech-award: {status: eligible, amount: 25}",
    )
    assert result.exit_code == 1
    assert "test-hightech-award" in result.output and "上年度首次认定" in result.output
    assert "amount 应为 25，实为 20" in result.output


def test_cli_reports_rule_error_location(tmp_path) -> None:
    result = _run_on_edited_fixture(
        tmp_path, "validate", '"revenue[last_year] >= 2000"', '"revenue[last_year] >= true_value"'
    )
    assert result.exit_code == 1
    assert "test-rd-subsidy" in result.output and "未知的名称 true_value" in result.output


def test_cli_names_a_missing_library(tmp_path) -> None:
    result = CliRunner().invoke(app, ["test", str(tmp_path / "nowhere"), "--schema", str(FIXTURES / "schema")])
    assert result.exit_code == 2
    assert "nowhere" in result.output and "找不到" in result.output


def test_a_code_outside_the_attributes_code_set_is_refused(tmp_path) -> None:
    result = _run_on_edited_fixture(
        tmp_path,
        "validate",
        '{expr: district in CHANGCHUN_DISTRICTS, clause: "1"}',
        '{expr: \'district in ["220102", "220199"]\', clause: "1"}',
    )
    assert result.exit_code == 1
    assert "“220199”不是所在区县的有效代码" in result.output and "220102（南关区）" in result.output


def test_an_unknown_constant_amount_is_unknown_in_both_engines(fixture_schema) -> None:
    values = {"revenue": {2024: "2500"}}
    match = one(fixture_schema, ["revenue[last_year] >= 2000"], values, amount="ratio(1, 0)")
    assert match.status == "eligible" and match.amount is None
    frame = pl.DataFrame({"entity_id": ["E1"], "kind": ["enterprise"], "revenue_2024": [Decimal("2500")]})
    pairs = batch_one(fixture_schema, ["revenue[last_year] >= 2000"], frame, amount="ratio(1, 0)")
    assert pairs["amount"].to_list() == [None]
