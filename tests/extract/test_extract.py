"""Drafting rules from text: numbers, clauses, sentences, the draft document and the CLI."""

from __future__ import annotations

from decimal import Decimal

import pytest
import yaml
from typer.testing import CliRunner

from policyreach.cli import app
from policyreach.extract.clauses import split_clauses
from policyreach.extract.numbers import chinese_to_int, percentage, to_wan
from policyreach.extract.scoring import normalise
from policyreach.extract.sentence import draft_sentence


@pytest.mark.parametrize(("text", "value"), [("二十", 20), ("一百五十", 150), ("两千", 2000), ("三万五千", 35000),
                                             ("十", 10), ("一亿", 100_000_000)])
def test_chinese_numerals(text: str, value: int) -> None:
    assert chinese_to_int(text) == value


def test_units_and_shares() -> None:
    assert to_wan("5000", "元") == Decimal("0.5") and to_wan("1.5", "亿元") == Decimal(15000)
    assert to_wan("一百", "万元") == Decimal(100)
    assert percentage("10%") == Decimal("0.1") and percentage("百分之五") == Decimal("0.05")
    assert percentage("千分之三") == Decimal("0.003") and percentage("一成") == Decimal("0.1")


def test_clauses_keep_every_line() -> None:
    text = "第一条 适用范围。\n第二条 奖励。\n（一）首次认定的，给予20万元；\n继续上一款。\n三、其他。"
    clauses = split_clauses(text)
    assert [c.ref for c in clauses] == ["1", "2", "2.1", "3"]
    assert clauses[2].text.endswith("继续上一款。")


@pytest.mark.parametrize(("text", "conditions", "amount"), [
    ("对上年度营业收入首次突破1亿元的企业，给予50万元一次性奖励。",
     ["revenue[last_year] >= 10000", "revenue[years_ago(2)] < 10000"], "50"),
    ("对上年度研发费用不低于100万元的企业，按上年度研发费用的10%给予后补助，最高不超过100万元。",
     ["rd_expense[last_year] >= 100"], "min(rd_expense[last_year] * 0.1, 100)"),
    ("对来长工作不超过3年、年龄在40周岁以下的博士研究生，每人每月给予3000元生活补贴，按12个月计发。",
     ["years_in_changchun <= 3", "age <= 40", 'degree == "doctor"'], "3.6"),
    ("按上年度出口额分档奖励：1000万元以上奖励10万元，5000万元以上奖励30万元。",
     ["exports[last_year] >= 1000"], "tier(exports[last_year], [[1000, 10], [5000, 30]])"),
])
def test_common_sentences(text: str, conditions: list[str], amount: str) -> None:
    draft = draft_sentence(text)
    assert {normalise(c) for c, _ in draft.conditions} == {normalise(c) for c in conditions}
    assert draft.amount is not None and normalise(draft.amount[0]) == normalise(amount)
    assert all(0 < conf <= 1 for _, conf in draft.conditions)


def test_nothing_is_dropped() -> None:
    draft = draft_sentence("本办法由市科学技术局负责解释。")
    assert not draft.conditions and draft.amount is None and draft.manual == ["本办法由市科学技术局负责解释。"]


def test_cli_reads_standard_input_and_writes_a_draft() -> None:
    text = ("第一条 本措施适用于在长春市注册、无严重失信记录的企业。\n"
            "第二条 对上年度首次认定为国家高新技术企业的，给予20万元一次性奖励。\n"
            "第三条 本办法由市科学技术局负责解释。\n")
    result = CliRunner().invoke(app, ["extract", "-", "--id", "demo"], input=text)
    assert result.exit_code == 0
    draft = yaml.safe_load(result.output)
    (benefit,) = draft["benefits"]
    assert benefit["amount"]["formula"] == "20" and benefit["amount"]["clause"] == "2"
    assert {"cert_hightech_year == last_year", "not serious_violation"} <= {c["expr"] for c in benefit["conditions"]}
    assert draft["manual"] == [{"clause": "3", "text": "本办法由市科学技术局负责解释"}]


def test_a_docx_goes_through_end_to_end(tmp_path) -> None:
    from docx import Document

    document = Document()
    document.add_heading("长春市支持科技企业发展若干措施（示例）", level=1)
    document.add_paragraph("第一条 本措施适用于在长春市注册、无严重失信记录的企业。")
    document.add_paragraph("第二条 对上年度营业收入首次突破1亿元的企业，给予50万元一次性奖励。")
    path = tmp_path / "policy.docx"
    document.save(str(path))
    result = CliRunner().invoke(app, ["extract", str(path), "--id", "docx"])
    assert result.exit_code == 0, result.output
    (benefit,) = yaml.safe_load(result.output)["benefits"]
    assert benefit["amount"]["formula"] == "50"
    assert "revenue[years_ago(2)] < 10000" in {c["expr"] for c in benefit["conditions"]}
