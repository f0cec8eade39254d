"""The difference between two versions of a real policy file, in the words an officer reads: parameters under the
benefit that reads them, conditions with the schema's Chinese labels, windows, departments, benefits added and
removed, and nothing at all for an unchanged file."""

from __future__ import annotations

import datetime as dt

import pytest

from policyreach import settings
from policyreach.app.policy_diff import diff, sentences
from policyreach.rules.library import load_library
from policyreach.rules.schema import load_schema

NAME = "cc-rd-subsidy.yaml"
ON = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def library():
    return load_library([settings.ROOT / "library"], load_schema(settings.ROOT / "schema"))


@pytest.fixture(scope="module")
def text() -> str:
    return (settings.ROOT / "library" / NAME).read_text(encoding="utf-8")


def _told(library, old: str, new: str) -> list[str]:
    return sentences(diff(library, (NAME, old), (NAME, new), ON))


def test_a_rate_and_a_cap_are_told_under_their_benefit(library, text) -> None:
    new = text.replace("values: {2025-01-01: 0.1}", "values: {2025-01-01: 0.12}", 1).replace(
        'values: {2025-01-01: 100}\n    reference: "2"', 'values: {2025-01-01: 120}\n    reference: "2"', 1
    )
    assert _told(library, text, new) == ["研发费用后补助：比例 10% → 12%；单个企业上限 100 → 120 万元"]


def test_an_unchanged_file_has_no_difference(library, text) -> None:
    assert _told(library, text, text) == []
    # a value dated later than the day read is told with its date
    later = text.replace("values: {2025-01-01: 0.1}", "values: {2025-01-01: 0.1, 2027-01-01: 0.12}", 1)
    assert _told(library, text, later) == ["研发费用后补助：比例 自2027年1月1日起 10% → 12%"]


def test_conditions_are_told_with_chinese_labels(library, text) -> None:
    new = text.replace('"rd_ratio >= 3", clause: "2"', '"rd_ratio >= 4", clause: "2"', 1).replace(
        '      - {expr: "rd_expense[last_year] >= 100", clause: "2", label: 上年度研发费用不低于100万元}\n',
        '      - {expr: "rd_expense[last_year] >= 100", clause: "2", label: 上年度研发费用不低于100万元}\n'
        '      - {expr: "employees[last_year] >= 10", clause: "2"}\n',
        1,
    )
    told = _told(library, text, new)
    assert told == [
        "研发费用后补助：条件 上年度研发费用占营业收入比例不低于3% → 上年度研发费用占营业收入比例不低于4%；"
        "新增条件：上年度（2025年）从业人员不低于10人"
    ]
    # and back: the added condition is removed
    assert "删除条件：上年度（2025年）从业人员不低于10人" in _told(library, new, text)[0]
    assert not any("rd_ratio" in s or "employees" in s for s in told)  # never the expression


def test_windows_departments_materials_and_benefits(library, text) -> None:
    new = (
        text.replace(
            "window: {opens: 2026-04-01, closes: 2026-07-31}", "window: {opens: 2026-04-01, closes: 2026-08-31}", 1
        )
        .replace(
            "    department: 长春市科学技术局\n    exclusive_group: rds-rd-award\n    fund: cc-rd-fund\n"
            "    reducible: true\n"
            '    conditions:\n      - {expr: "rd_expense[last_year] >= 100"',
            "    department: 长春市工业和信息化局\n    exclusive_group: rds-rd-award\n    fund: cc-rd-fund\n"
            '    reducible: true\n    conditions:\n      - {expr: "rd_expense[last_year] >= 100"',
            1,
        )
        .replace("        - {name: 研发项目立项及辅助账, auto: false}\n", "", 1)
    )
    told = _told(library, text, new)
    assert told == [
        "研发费用后补助：主管部门 长春市科学技术局 → 长春市工业和信息化局；"
        "申报时间 2026年4月1日至2026年7月31日 → 2026年4月1日至2026年8月31日；删除申报材料：研发项目立项及辅助账"
    ]
    # a benefit taken out of the file (and its clause text changed)
    fewer = text[: text.index("  - id: rds-sme-intensity")] + text[text.index("  - id: rds-first-rd") :]
    told = _told(library, text, fewer.replace("给予10万元研发强度奖励", "给予12万元研发强度奖励"))
    assert "长春市企业研发投入后补助实施办法（示例）：第四条条文有修改" in told
    assert "中小企业研发强度奖励：删除兑现事项" in told


def test_a_formula_change_is_told_as_the_amount_rule(library, text) -> None:
    new = text.replace(
        'formula: "min(rd_expense[last_year] * params.rd_subsidy_rate, params.rd_subsidy_cap)"',
        'formula: "min(rd_expense[last_year] * params.rd_subsidy_rate, 80)"',
        1,
    )
    (told,) = _told(library, text, new)
    assert told.startswith("研发费用后补助：金额 ") and "最高100万元" in told and "最高80万元" in told


def test_a_new_and_a_withdrawn_policy(library, text) -> None:
    assert sentences(diff(library, None, (NAME, text), ON)) == [
        "长春市企业研发投入后补助实施办法（示例）：新发布，含兑现事项：研发费用后补助、研发投入增量奖励、"
        "中小企业研发强度奖励、规上工业企业首次开展研发活动奖励、研发人才集聚奖励"
    ]
    assert sentences(diff(library, (NAME, text), None, ON))[0].startswith(
        "长春市企业研发投入后补助实施办法（示例）：废止"
    )
