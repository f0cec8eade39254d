"""A policy's per-entity cap (同一企业累计不超过 …): parsed, checked against its clause and parameter, dated."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from policyreach.engine.entity import entity_from_mapping
from policyreach.engine.match import match_entity
from policyreach.reports import matching
from policyreach.rules.library import compile_library
from policyreach.rules.schema import Schema
from tests.rules.test_common_conditions import AS_OF, WITH_COMMON, _errors, _library


def test_a_policy_cap_is_read_and_dated_like_its_parameter(fixture_schema: Schema) -> None:
    policy = _library(fixture_schema, WITH_COMMON + 'cap: {amount: params.rd_cap, clause: "3", label: 累计上限}\n')
    cap = policy.policies["scoped"].cap
    assert cap is not None and cap.payout == "cash" and cap.parameter == "rd_cap"
    parameters = policy.policies["scoped"].parameters
    assert cap.value_on(parameters, dt.date(2025, 6, 1)) == Decimal(50)
    assert cap.value_on(parameters, dt.date(2023, 6, 1)) is None  # before the parameter's first value
    literal = _library(fixture_schema, WITH_COMMON + 'cap: {amount: 80, clause: "3"}\n').policies["scoped"].cap
    assert literal is not None and literal.value_on({}, dt.date(2025, 6, 1)) == Decimal(80)


def test_a_policy_cap_naming_what_does_not_exist_is_refused_in_chinese(fixture_schema: Schema) -> None:
    (error,) = _errors(fixture_schema, WITH_COMMON + 'cap: {amount: params.nope, clause: "3"}\n')
    assert error.policy == "scoped" and "累计上限" in error.message_zh and "params.nope" in error.message_zh
    (error,) = _errors(fixture_schema, WITH_COMMON + 'cap: {amount: 50, clause: "9"}\n')
    assert error.condition == "累计上限 cap" and "'9'" in error.message_zh
    errors = _errors(fixture_schema, WITH_COMMON + 'cap: {amount: -5, clause: "3"}\n')
    assert errors and "negative" in errors[0].message_en


def test_the_report_plan_counts_a_policy_cap(fixture_schema: Schema) -> None:
    """From the policy file to the report: two eligible awards of one policy (10 + 50 万元) under its cap of 40."""
    text = WITH_COMMON + 'cap: {amount: 40, clause: "3", label: 同一企业每年累计不超过40万元}\n'
    compiled = compile_library(_library(fixture_schema, text), AS_OF)
    entity = entity_from_mapping(
        fixture_schema,
        {"district": "220102", "serious_violation": False, "revenue": {2024: 10000}, "rd_expense": {2024: 900}},
    )
    matches = match_entity(compiled, entity)
    report = matching.build("e1", "测试企业", "enterprise", AS_OF, matches)
    assert matching.plan_of(matches, AS_OF) == report.plan  # the portal's totals are the report's
    assert {i.benefit_id for i in report.eligible} == {"scoped-revenue", "scoped-rd"}
    assert report.totals == {"cash": Decimal(40)} and len(report.plan.chosen) == 2
    ((cap, total),) = report.plan.capped
    assert cap.label == "《测试政策（示例）》同一企业每年累计不超过40万元" and total == Decimal(60)
    data = matching.to_json(report)
    assert data["summary"]["totals_wan"] == {"cash": "40"}
    assert data["summary"]["caps_reached"] == [{"cap": cap.label, "limit_wan": "40", "sum_wan": "60"}]
    uncapped = compile_library(_library(fixture_schema, WITH_COMMON), AS_OF)
    plain = matching.build("e1", "测试企业", "enterprise", AS_OF, match_entity(uncapped, entity))
    assert plain.totals == {"cash": Decimal(60)}
