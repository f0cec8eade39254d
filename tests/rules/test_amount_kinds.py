"""The amount kinds of real policies, end to end over the sample schema: loading, checking, the policy's own
cases, and the one renderer's sentences with the entity's own figures (tests/rules/amount_kinds/)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from policyreach.engine.cases import run_tests
from policyreach.engine.entity import entity_from_mapping
from policyreach.engine.match import Match, match_entity
from policyreach.rules.errors import RuleErrors
from policyreach.rules.library import Library, add_policy_file, compile_library, load_library
from policyreach.rules.schema import Schema

HERE = Path(__file__).parent / "amount_kinds"
AS_OF = dt.date(2026, 6, 30)


@pytest.fixture(scope="module")
def kinds(schema: Schema) -> Library:
    return load_library([HERE], schema)


def _matches(library: Library, entity: dict) -> dict[str, Match]:
    compiled = compile_library(library, AS_OF)
    record = entity_from_mapping(library.schema, entity)
    return {m.benefit_id: m for m in match_entity(compiled, record, keep_all=True)}


def test_the_policys_own_cases_pass(kinds: Library) -> None:
    report = run_tests(kinds)
    assert report.cases == 4
    assert report.ok, report.failures


def test_each_amount_is_explained_with_the_firms_own_figures(kinds: Library) -> None:
    firm = {"kind": "enterprise", "revenue": {2025: 1200, 2024: 150}, "invention_patents": 12, "rd_expense": {2025: 30}}
    got = _matches(kinds, firm)
    progressive = got["ak-progressive"].amount_explanation or ""
    assert "100万元以内的部分按10%" in progressive and "超过500万元的部分按5%" in progressive
    assert "100万元×10%＝10万元" in progressive and "400万元×8%＝32万元" in progressive
    assert "700万元×5%＝35万元" in progressive and "合计77万元" in progressive
    per_unit = got["ak-per-unit"].amount_explanation or ""
    assert "每件2万元，最多计10件" in per_unit and "12件，按最多10件计" in per_unit and "＝20万元" in per_unit
    steps = got["ak-steps"].amount_explanation or ""
    assert "每满1,000万元计5万元，最多计10档" in steps, steps
    assert "1,050万元，每满1,000万元计一档，共1档：1×5万元＝5万元" in steps, steps
    floor = got["ak-floor"].amount_explanation or ""
    assert "最高100万元，最低5万元" in floor and "预计可得 5 万元" in floor
    instalments = got["ak-instalments"].amount_explanation or ""
    assert "分3年拨付：第1年40%（20万元）、第2年30%（15万元）、第3年30%（15万元）" in instalments
    manual = got["ak-manual"]
    assert manual.status == "eligible" and manual.amount is None
    assert manual.amount_explanation == "金额一事一议，由评审确定，最高不超过1,000万元；您的企业的金额待评审人员核定"
    assert manual.benefit.manual_cap == Decimal(1000)
    floor = got["ak-manual-floor"]
    assert floor.status == "eligible" and floor.amount is None and floor.benefit.manual_floor == Decimal(50)
    assert floor.amount_explanation == "金额一事一议，由评审确定，不低于50万元；您的企业的金额待评审人员核定"
    ranged = got["ak-manual-range"]  # 按研发费用的8%～12%: the bounds said in words and with the firm's own figures
    assert ranged.status == "eligible" and ranged.amount is None
    assert ranged.amount_explanation == (
        "金额一事一议，由评审确定，在上年度（2025年）研发费用的8%至上年度（2025年）研发费用的12%（最高1,000万元）"
        "之间（含）（按您的企业的数据：2.4万元至3.6万元）；您的企业的金额待评审人员核定"
    )


def test_a_range_from_a_figure_not_known_says_so_and_states_no_bounds(kinds: Library) -> None:
    got = _matches(kinds, {"kind": "enterprise", "revenue": {2025: 1200}})
    assert "（您的企业的相关数据未知，核实后方可确定范围）" in (got["ak-manual-range"].amount_explanation or "")


def test_a_talent_sees_the_level_table_and_the_schedule(kinds: Library) -> None:
    got = _matches(kinds, {"kind": "talent", "talent_level": "B", "arrival_date": "2024-03-01"})
    lookup = got["ak-lookup"].amount_explanation or ""
    assert "A类500万元、B类300万元" in lookup and "长春市人才分类为B类，对应300万元" in lookup
    schedule = got["ak-schedule"].amount_explanation or ""
    assert "第1至2年每年按100%（6万元），第3至5年每年按60%（3.6万元），5年合计22.8万元" in schedule
    assert "目前为第3年" in schedule and "本年度预计可得 3.6 万元" in schedule
    assert got["ak-schedule"].amount == Decimal("3.6")


BAD = """id: bad
title: 错误示例
issuer: 局
level: city
region: '220100'
valid_from: 2025-01-01
source: 测试
clauses: {'1': 第一条}
benefits:
  - id: bad-1
    title: 错误
    kind: subsidy
    payout: cash
    department: 局
    redemption: REDEMPTION
    conditions: [{expr: "invention_patents > 0", clause: '1'}]
    amount: AMOUNT
    application: {department: 局, channel: 网}
"""


@pytest.mark.parametrize(
    ("amount", "redemption", "message"),
    [
        ("{formula: 'progressive(invention_patents, [[0, 0.1], [0, 0.2]])', clause: '1'}", "review", "严格递增"),
        ("{formula: 'progressive(invention_patents, [[0, 10]])', clause: '1'}", "review", "0 到 1 之间"),
        ("{formula: 'per_unit(invention_patents, revenue[last_year])', clause: '1'}", "review", "数字常量"),
        ("{formula: \"lookup(talent_level, {'F': 5})\", clause: '1'}", "review", "不是长春市人才分类的有效代码"),
        ("{formula: \"lookup(revenue[last_year], {1: 5})\", clause: '1'}", "review", "应为代码"),
        ("{formula: '5', floor: 10, cap: 5, clause: '1'}", "review", "floor is above the cap"),
        ("{manual: true, formula: '5', clause: '1'}", "review", "no formula"),
        ("{manual: true, cap: 100, clause: '1'}", "instant", "redemption is 'review'"),
        ("{manual: true, floor: 50, cap: 20, clause: '1'}", "review", "floor is above the cap"),
        ("{manual: true, floor: params.none, clause: '1'}", "review", "未定义的参数 params.none"),
        ("{formula: '5', cap: 'revenue[last_year] * 0.1', clause: '1'}", "review", "bounds only a manual amount"),
        ("{manual: true, cap: 'talent_level * 0.1', clause: '1'}", "review", "金额上限 cap"),
        ("{formula: '5', period_year: '1', clause: '1'}", "review", "give the schedule"),
        ("{formula: '5', schedule: [1, 0.5], period_year: 'revenue[last_year]', clause: '1'}", "review", "须得出整数"),
        ("{formula: '5', floor: params.none, clause: '1'}", "review", "未定义的参数 params.none"),
    ],
)
def test_wrong_amounts_are_refused_in_chinese(schema: Schema, amount: str, redemption: str, message: str) -> None:
    with pytest.raises(RuleErrors) as caught:
        add_policy_file(
            Library(schema=schema), "bad.yaml", BAD.replace("AMOUNT", amount).replace("REDEMPTION", redemption)
        )
    assert message in str(caught.value)


PROPOSED = "mu_tax: {label: 亩均税收, unit: 万元/亩, yearly: true}"


def test_the_command_line_checks_a_draft_with_its_proposed_attributes(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from policyreach.cli import app
    from policyreach.settings import ROOT

    draft = tmp_path / "mu-tax.yaml"
    draft.write_text(
        BAD.replace("REDEMPTION", "review")
        .replace("AMOUNT", "{formula: '10', clause: '1'}")
        .replace("invention_patents > 0", "mu_tax[last_year] >= 30")
        .replace("benefits:", f"proposed_attributes:\n  {PROPOSED}\nbenefits:"),
        encoding="utf-8",
    )
    args = ["validate", str(draft), "--schema", str(ROOT / "schema")]
    refused = CliRunner().invoke(app, args)
    assert refused.exit_code == 1 and "尚未采纳进本部署的模式扩展" in refused.output
    checked = CliRunner().invoke(app, [*args, "--draft"])
    assert checked.exit_code == 0, checked.output


def test_a_floor_above_the_cap_for_a_large_figure_is_lowered_to_the_cap(kinds: Library) -> None:
    # 8% of 20,000万元 is 1,600万元, above the 1,000万元 cap: the cap is the most and so the least allowed
    got = _matches(kinds, {"kind": "enterprise", "revenue": {2025: 1200}, "rd_expense": {2025: 20000}})
    assert "（按您的企业的数据：1,000万元至1,000万元）" in (got["ak-manual-range"].amount_explanation or "")
