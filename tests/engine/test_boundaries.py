"""The proposed boundary cases straddle each threshold as the engine decides it: for random thresholds and
operators (以上/以下 inclusive, 超过/不满 exclusive), on integers, decimals, a ratio and a count of years, just below
and just above fall on the two sides the operator puts them, and "at" on the side the operator includes; the other
conditions stay met. The officer's cases, once written into the file, load back as the same policy plus its tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyreach.app.policy_cases import replace_tests
from policyreach.engine.entity import entity_from_mapping
from policyreach.engine.match import match_entity
from policyreach.rules.boundaries import suggest
from policyreach.rules.library import Library, add_policy_file, compile_library, validate_policy
from policyreach.rules.schema import load_schema
from policyreach.rules.yamlsource import load_yaml

FIXTURES = Path(__file__).parent.parent / "fixtures"
SCHEMA = load_schema(FIXTURES / "schema")
AS_OF = dt.date(2026, 6, 1)
OPS = {">=": "以上（含本数）", ">": "超过", "<=": "以下（含本数）", "<": "不满"}
INCLUDES = {">=": True, ">": False, "<=": True, "<": False}
ABOVE_MEETS = {">=": True, ">": True, "<=": False, "<": False}


def _policy(condition: str, extra: str = "") -> str:
    return f"""id: bounds
title: 边界测试政策
issuer: 测试市科学技术局
level: city
region: "220100"
valid_from: 2024-01-01
source: 测试用示例政策，非官方文本。
clauses:
  "1": 第一条 本市辖区注册、无严重失信记录的企业。
  "2": 第二条 门槛条款。
benefits:
  - id: bounds-award
    title: 门槛奖励
    kind: subsidy
    payout: cash
    department: 测试市科学技术局
    conditions:
      - {{expr: "{condition}", clause: "2", label: 门槛}}
      - {{expr: district in CHANGCHUN_DISTRICTS, clause: "1"}}
      - {{expr: not serious_violation, clause: "1", label: 无严重失信记录}}{extra}
    amount: {{formula: "10", unit: 万元, clause: "2"}}
    application:
      department: 测试市科学技术局
      channel: 政务服务网
"""


def _statuses(text: str) -> dict[str, tuple[str, dict]]:
    library = Library(schema=SCHEMA)
    policy = add_policy_file(library, Path("bounds.yaml"), text)
    compiled = compile_library(library, AS_OF)
    found = {}
    for case in suggest(SCHEMA, policy, policy.benefits[0], AS_OF):
        entity = entity_from_mapping(SCHEMA, case.entity)
        (match,) = match_entity(compiled, entity, keep_all=True)
        found[case.key.split(":", 1)[1]] = (match.status, case.entity)
    return found


QUANTITIES = {
    "revenue[last_year]": st.decimals(min_value=1, max_value=99999, places=2),
    "employees[last_year]": st.integers(min_value=1, max_value=5000).map(Decimal),
    "rd_ratio": st.decimals(min_value=Decimal("0.01"), max_value=99, places=2),
    "firm_age": st.integers(min_value=1, max_value=40).map(Decimal),
}


@settings(max_examples=60, deadline=None)
@given(
    quantity=st.sampled_from(sorted(QUANTITIES)),
    op=st.sampled_from(sorted(OPS)),
    data=st.data(),
)
def test_below_at_and_above_straddle_the_threshold_as_the_engine_decides(quantity, op, data) -> None:
    threshold = data.draw(QUANTITIES[quantity], label="threshold")
    found = _statuses(_policy(f"{quantity} {op} {threshold}"))
    assert found["typical"][0] == "eligible", found["typical"]
    below, at, above = found["0:below"], found["0:at"], found["0:above"]
    meets = {True: "eligible", False: "partial"}
    assert above[0] == meets[ABOVE_MEETS[op]], (op, threshold, above)
    assert below[0] == meets[not ABOVE_MEETS[op]], (op, threshold, below)
    assert at[0] == meets[INCLUDES[op]], (op, threshold, at)
    assert found["unknown"][0] == "likely"
    assert found["excluded"][0] == "partial" and found["excluded"][1]["serious_violation"] is True


def test_a_threshold_finer_than_a_cent_and_two_bounds_on_one_quantity() -> None:
    upper = '\n      - {expr: "revenue[last_year] <= 500", clause: "2"}'
    found = _statuses(_policy("revenue[last_year] > 100.125", upper))
    assert [found[k][1]["revenue"][2025] for k in ("0:below", "0:at", "0:above")] == [
        Decimal("100.124"),
        Decimal("100.125"),
        Decimal("100.126"),
    ]
    assert (found["0:at"][0], found["0:above"][0], found["1:at"][0], found["1:above"][0]) == (
        "partial",
        "eligible",
        "eligible",
        "partial",
    )


def test_a_case_below_the_declared_range_is_not_proposed() -> None:
    found = _statuses(_policy("employees[last_year] >= 0"))
    assert "0:below" in found  # the fixture schema declares no minimum
    real = load_schema(Path(__file__).parent.parent.parent / "schema")
    library = Library(schema=real)
    policy = add_policy_file(library, Path("bounds.yaml"), _policy("employees[last_year] >= 0"))
    keys = [c.key for c in suggest(real, policy, policy.benefits[0], AS_OF)]
    assert "bounds-award:0:at" in keys and "bounds-award:0:below" not in keys  # 从业人员 min: 0


def test_cases_written_into_the_file_keep_every_other_line() -> None:
    old = "tests:\n  - {name: 旧用例, as_of: 2026-06-01, entity: {}, expect: {}}\n"
    text = _policy("revenue[last_year] >= 2000") + old
    cases = [
        {
            "name": "门槛奖励：恰好等于门槛",
            "as_of": AS_OF,
            "entity": {"revenue": {2025: Decimal("2000.5")}, "district": "220102", "serious_violation": False},
            "expect": {"bounds-award": {"outcome": "eligible", "amount": Decimal(10)}},
        }
    ]
    written = replace_tests(text, cases)
    assert written.startswith(text.split("tests:")[0])
    policy = validate_policy(load_yaml("bounds.yaml", written))
    (case,) = policy.tests
    assert case.entity["revenue"] == {2025: Decimal("2000.5")} and case.expect["bounds-award"].outcome == "eligible"
    assert policy.model_copy(update={"tests": ()}) == validate_policy(load_yaml("b.yaml", text)).model_copy(
        update={"tests": ()}
    )
    assert replace_tests(written, []) == text.split("tests:")[0]


@pytest.mark.parametrize("condition", ["listed", "industry == 'C36'", "industry in ['C36', 'C37']"])
def test_flags_codes_and_lists_are_met_in_the_typical_case(condition: str) -> None:
    assert _statuses(_policy(condition.replace("'", '\\"')))["typical"][0] == "eligible"


def test_an_officers_outcome_is_checked_like_a_status_and_names_the_condition() -> None:
    from policyreach.engine.cases import run_tests, submission_problems

    case = (
        "tests:\n  - name: 收入差一分\n    as_of: 2026-06-01\n"
        '    entity: {revenue: {2025: 1999.99}, district: "220102", serious_violation: false}\n'
        "    expect:\n      bounds-award: {outcome: eligible, amount: 10}\n"
    )
    library = Library(schema=SCHEMA)
    add_policy_file(library, Path("bounds.yaml"), _policy("revenue[last_year] >= 2000") + case)
    report = run_tests(library)
    shown = [str(f).split(": ", 1)[1] for f in report.failures or []]
    assert shown[0] == "政策 bounds 用例「收入差一分」兑现事项 bounds-award: 结论应为符合，实为不符合"
    problems = submission_problems(library, "bounds")
    assert (
        problems[0] == "用例「收入差一分」对「门槛奖励」：您的判断为符合，规则判定为不符合（未满足“门槛（第 2 条）”）"
    )
    assert "「门槛奖励」还缺少判断为符合、不符合且与规则一致的用例" in problems[1]
