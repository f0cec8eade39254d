"""A policy's common conditions (its scope clause) apply to every benefit as if written first in each."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from policyreach.engine.batch import match_population
from policyreach.engine.entity import entity_from_mapping
from policyreach.engine.match import match_entity
from policyreach.rules.errors import RuleError, RuleErrors
from policyreach.rules.library import CompiledLibrary, Library, add_policy_file, compile_library, load_library
from policyreach.rules.schema import Schema

AS_OF = dt.date(2025, 6, 1)
SCOPE = "第一条 本措施适用于在长春市注册、无严重失信记录的企业。"
HEAD = f"""\
id: scoped
title: 测试政策（示例）
issuer: 测试局
level: city
region: "220100"
valid_from: 2024-01-01
source: 测试
clauses:
  "1": {SCOPE}
  "2": 第二条 对上年度营业收入不低于2000万元的企业，给予10万元奖励。
  "3": 第三条 对上年度研发费用占营业收入比例不低于3%的企业，按研发费用的10%给予补助，最高不超过50万元。
parameters:
  award: {{label: 营业收入奖励, unit: 万元, values: {{2024-01-01: 10}}, reference: "2"}}
  rd_cap: {{label: 研发补助上限, unit: 万元, values: {{2024-01-01: 50}}, reference: "3"}}
"""
COMMON = """\
common_conditions:
  - {expr: district in CHANGCHUN_DISTRICTS, clause: "1", label: 在长春市注册}
  - {expr: not serious_violation, clause: "1", label: 无严重失信记录}
"""
SCOPE_LINES = """\
      - {expr: district in CHANGCHUN_DISTRICTS, clause: "1", label: 在长春市注册}
      - {expr: not serious_violation, clause: "1", label: 无严重失信记录}
"""
REVENUE = '      - {expr: "revenue[last_year] >= 2000", clause: "2", label: 上年度营业收入不低于2000万元}\n'
BENEFITS = (
    """\
benefits:
  - id: scoped-revenue
    title: 营业收入奖励
    kind: indicator
    payout: cash
    department: 测试局
    conditions:
{scope}"""
    + REVENUE.replace("{", "{{").replace("}", "}}")
    + """\
    amount: {{formula: params.award, clause: "2"}}
    application: {{department: 测试局, channel: 网上}}
  - id: scoped-rd
    title: 研发补助
    kind: subsidy
    payout: cash
    department: 测试局
    conditions:
{scope}      - {{expr: rd_ratio >= 3, clause: "3", weight: 2}}
    amount: {{formula: "rd_expense[last_year] * 0.1", clause: "3", cap: params.rd_cap}}
    application: {{department: 测试局, channel: 网上}}
"""
)
WITH_COMMON = HEAD + COMMON + BENEFITS.format(scope="")
WRITTEN_OUT = HEAD + BENEFITS.format(scope=SCOPE_LINES)
ENTITIES = [
    {"district": "220102", "serious_violation": False, "revenue": {2024: 2500}, "rd_expense": {2024: 900}},
    {"district": "220102", "serious_violation": True, "revenue": {2024: 2500, 2023: 100}},
    {"district": "110101", "revenue": {2024: 1500}, "rd_expense": {2024: 100}},
    {"serious_violation": False, "revenue": {2024: 3000}, "rd_expense": {2024: 60}},
    {},
]


def _library(schema: Schema, text: str, name: str = "scoped.yaml") -> Library:
    library = Library(schema=schema)
    add_policy_file(library, name, text)
    return library


def _errors(schema: Schema, text: str) -> list[RuleError]:
    with pytest.raises(RuleErrors) as caught:
        _library(schema, text)
    return caught.value.errors


def test_common_conditions_are_loaded_and_prepended_to_every_benefit(fixture_schema: Schema) -> None:
    library = _library(fixture_schema, WITH_COMMON)
    policy = library.policies["scoped"]
    assert [c.label for c in policy.common_conditions] == ["在长春市注册", "无严重失信记录"]
    assert [len(b.conditions) for b in policy.benefits] == [1, 1]  # the policy as written
    for benefit in library.benefits:
        assert [c.spec.label for c in benefit.conditions[:2]] == ["在长春市注册", "无严重失信记录"]
        assert [c.clause_text for c in benefit.conditions[:2]] == [SCOPE, SCOPE]
        assert benefit.spec.conditions[:2] == policy.common_conditions
        assert len(benefit.spec.conditions) == len(benefit.conditions) == 3


def test_expansion_compiles_exactly_like_conditions_written_in_each_benefit(fixture_schema: Schema) -> None:
    """Every back end consumes the compiled form, so equal compiled forms mean equal results everywhere."""
    common = compile_library(_library(fixture_schema, WITH_COMMON), AS_OF)
    written = compile_library(_library(fixture_schema, WRITTEN_OUT), AS_OF)
    assert common.conditions == written.conditions
    for a, b in zip(common.benefits, written.benefits, strict=True):
        assert (a.id, a.condition_ids, a.weights, a.amount, a.columns) == (
            b.id,
            b.condition_ids,
            b.weights,
            b.amount,
            b.columns,
        )
    assert [b.total_weight for b in common.benefits] == [3, 4]


def test_matches_and_degrees_are_those_of_the_written_out_policy(fixture_schema: Schema) -> None:
    common = compile_library(_library(fixture_schema, WITH_COMMON), AS_OF)
    written = compile_library(_library(fixture_schema, WRITTEN_OUT), AS_OF)

    def scalar(compiled: CompiledLibrary) -> list[tuple]:
        return [
            (m.benefit_id, m.status, m.degree, m.amount, m.provable, [c.explanation for c in m.conditions])
            for values in ENTITIES
            for m in match_entity(compiled, entity_from_mapping(fixture_schema, values), keep_all=True)
        ]

    assert scalar(common) == scalar(written)
    assert {row[1] for row in scalar(common)} >= {"eligible", "partial", "likely"}
    frame = pl.DataFrame(
        {
            "entity_id": [f"e{i}" for i in range(len(ENTITIES))],
            "kind": ["enterprise"] * len(ENTITIES),
            "district": [e.get("district") for e in ENTITIES],
            "serious_violation": [e.get("serious_violation") for e in ENTITIES],
            "revenue_2024": pl.Series([e.get("revenue", {}).get(2024) for e in ENTITIES], dtype=pl.Decimal(18, 6)),
            "rd_expense_2024": pl.Series(
                [e.get("rd_expense", {}).get(2024) for e in ENTITIES], dtype=pl.Decimal(18, 6)
            ),
        }
    )

    def columnar(compiled: CompiledLibrary) -> list[tuple]:
        result = match_population(compiled, frame, min_degree=0, include_partial=True)
        return result.frame().sort("entity_id", "benefit_id").rows()

    assert columnar(common) == columnar(written)


def test_the_explanation_shows_a_common_condition_with_its_clause(fixture_schema: Schema) -> None:
    compiled = compile_library(_library(fixture_schema, WITH_COMMON), AS_OF)
    entity = entity_from_mapping(fixture_schema, {"district": "110101", "revenue": {2024: 2500}})
    match = next(m for m in match_entity(compiled, entity, keep_all=True) if m.benefit_id == "scoped-revenue")
    first, second, own = match.conditions
    assert (first.clause, first.clause_text, first.outcome) == ("1", SCOPE, "unmet")
    assert first.explanation.startswith("在长春市注册（您的企业：") and first.explanation.endswith("未满足）")
    assert (second.outcome, second.clause_text) == ("unknown", SCOPE)
    assert own.outcome == "met" and own.clause == "2"
    assert match.status == "partial" and match.degree == 50  # (1 met + ½ unknown) of 3
    assert match.clause_refs == ["1", "2"]


def test_a_benefit_may_rely_on_common_conditions_alone(fixture_schema: Schema) -> None:
    library = _library(fixture_schema, WITH_COMMON.replace("    conditions:\n" + REVENUE, ""))
    assert [c.spec.label for c in library.benefit("scoped-revenue").conditions] == ["在长春市注册", "无严重失信记录"]
    # without common conditions a benefit still needs one of its own
    (error,) = _errors(fixture_schema, WRITTEN_OUT.replace("    conditions:\n" + SCOPE_LINES + REVENUE, ""))
    assert error.benefit == "scoped-revenue" and "至少需要一个条件" in error.message_zh


def test_an_error_in_a_common_condition_names_the_file_the_policy_and_the_condition(fixture_schema: Schema) -> None:
    text = WITH_COMMON.replace("not serious_violation", "serious_violation >= 3")
    (error,) = _errors(fixture_schema, text)  # reported once, not once per benefit
    assert error.file == "scoped.yaml" and error.policy == "scoped" and error.benefit is None
    assert error.condition is not None and "公共条件" in error.condition and "无严重失信记录" in error.condition
    assert error.line == WITH_COMMON.splitlines().index(COMMON.splitlines()[2]) + 1
    shown = str(error)
    assert shown.startswith("scoped.yaml:") and "政策 policy scoped" in shown and "无严重失信记录" in shown


def test_a_common_condition_citing_a_missing_clause_is_refused(fixture_schema: Schema) -> None:
    (error,) = _errors(
        fixture_schema, WITH_COMMON.replace('clause: "1", label: 在长春市注册', 'clause: "9", label: 在长春市注册')
    )
    assert error.policy == "scoped" and "'9'" in error.message_zh and "在长春市注册" in (error.condition or "")


def test_a_malformed_common_condition_names_the_policy(fixture_schema: Schema) -> None:
    errors = _errors(fixture_schema, WITH_COMMON.replace('clause: "1", label: 在长春市注册', "label: 在长春市注册"))
    assert [(e.policy, e.file) for e in errors] == [("scoped", "scoped.yaml")]
    assert "common_conditions.0.clause" in errors[0].message_en


def test_a_benefit_repeating_a_common_condition_is_refused(fixture_schema: Schema) -> None:
    text = HEAD + COMMON + BENEFITS.format(scope=SCOPE_LINES[: SCOPE_LINES.index("\n") + 1])
    errors = _errors(fixture_schema, text)
    assert {e.benefit for e in errors} == {"scoped-revenue", "scoped-rd"}
    assert all("公共条件" in e.message_zh and e.condition == "在长春市注册" for e in errors)


def test_a_parameter_names_the_clause_that_states_it(fixture_schema: Schema) -> None:
    library = _library(fixture_schema, WITH_COMMON)
    assert library.policies["scoped"].parameters["award"].reference == "2"
    (error,) = _errors(fixture_schema, WITH_COMMON.replace('reference: "3"', 'reference: "7"'))
    assert error.policy == "scoped" and error.condition == "参数 params.rd_cap" and "'7'" in error.message_zh


def test_a_cap_may_be_a_dated_parameter(fixture_schema: Schema) -> None:
    by_param = compile_library(_library(fixture_schema, WITH_COMMON), AS_OF).benefit("scoped-rd")
    literal = compile_library(_library(fixture_schema, WITH_COMMON.replace("cap: params.rd_cap", "cap: 50")), AS_OF)
    assert by_param.amount == literal.benefit("scoped-rd").amount
    entity = entity_from_mapping(
        fixture_schema,
        {"district": "220102", "serious_violation": False, "revenue": {2024: 10000}, "rd_expense": {2024: 900}},
    )
    compiled = compile_library(_library(fixture_schema, WITH_COMMON), AS_OF)
    rd = next(m for m in match_entity(compiled, entity) if m.benefit_id == "scoped-rd")
    assert rd.amount == Decimal(50) and "最高50万元" in (rd.amount_explanation or "")
    (error,) = _errors(fixture_schema, WITH_COMMON.replace("cap: params.rd_cap", "cap: params.nope"))
    assert error.benefit == "scoped-rd" and "params.nope" in error.message_zh
    errors = _errors(fixture_schema, WITH_COMMON.replace("cap: params.rd_cap", "cap: fifty"))
    assert errors[0].benefit == "scoped-rd" and "cap" in errors[0].message_en


def test_a_separate_case_file_is_refused_rather_than_silently_skipped(fixture_schema: Schema, tmp_path: Path) -> None:
    (tmp_path / "scoped.yaml").write_text(WITH_COMMON, encoding="utf-8")
    assert load_library(tmp_path, fixture_schema).policies["scoped"].common_conditions
    (tmp_path / "scoped.tests.yaml").write_text("policy: scoped\ntests: []\n", encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_library(tmp_path, fixture_schema)
    assert "scoped.tests.yaml" in str(caught.value) and "tests:" in caught.value.message_zh
