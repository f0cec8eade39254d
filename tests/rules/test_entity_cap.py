"""A policy's per-entity cap (同一企业累计不超过 …): parsed, checked against its clause and parameter, dated."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from policyreach.rules.schema import Schema
from tests.rules.test_common_conditions import WITH_COMMON, _errors, _library


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
