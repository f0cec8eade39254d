"""Drafting rules from text: numbers, clauses, sentences, the draft document and the CLI."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from policyreach import settings
from policyreach.cli import app
from policyreach.extract.clauses import split_clauses
from policyreach.extract.numbers import chinese_to_int, percentage, to_wan
from policyreach.extract.scoring import normalise
from policyreach.extract.sentence import draft_sentence
from policyreach.rules.errors import RuleErrors
from policyreach.rules.library import Library, add_policy_file
from policyreach.rules.schema import load_schema


@pytest.mark.parametrize(
    ("text", "value"),
    [("二十", 20), ("一百五十", 150), ("两千", 2000), ("三万五千", 35000), ("十", 10), ("一亿", 100_000_000)],
)
def test_chinese_numerals(text: str, value: int) -> None:
    assert chinese_to_int(text) == value


def test_units_and_shares() -> None:
    assert to_wan("5000", "元") == Decimal("0.5") and to_wan("1.5", "亿元") == Decimal(15000)
    assert to_wan("一百", "万元") == Decimal(100)
    assert percentage("10%") == Decimal("0.1") and percentage("百分之五") == Decimal("0.05")
    assert percentage("千分之三") == Decimal("0.003") and percentage("一成") == Decimal("0.1")


def test_clauses_keep_every_line() -> None:
    # a clause is cited by its real numbers: 三、 inside 第二条 is item 3 of article 2
    text = "第一条 适用范围。\n第二条 奖励。\n（一）首次认定的，给予20万元；\n继续上一款。\n三、其他。"
    clauses = split_clauses(text)
    assert [c.ref for c in clauses] == ["1", "2", "2.1", "2.3"]
    assert clauses[2].text.endswith("继续上一款。")


@pytest.mark.parametrize(
    ("text", "conditions", "amount"),
    [
        (
            "对上年度营业收入首次突破1亿元的企业，给予50万元一次性奖励。",
            ["revenue[last_year] >= 10000", "revenue[years_ago(2)] < 10000"],
            "50",
        ),
        (
            "对上年度研发费用不低于100万元的企业，按上年度研发费用的10%给予后补助，最高不超过100万元。",
            ["rd_expense[last_year] >= 100"],
            "min(rd_expense[last_year] * 0.1, 100)",
        ),
        (
            "对来长工作不超过3年、年龄在40周岁以下的博士研究生，每人每月给予3000元生活补贴，按12个月计发。",
            ["years_in_changchun <= 3", "age <= 40", 'degree == "doctor"'],
            "3.6",
        ),
        (
            "按上年度出口额分档奖励：1000万元以上奖励10万元，5000万元以上奖励30万元。",
            ["exports[last_year] >= 1000"],
            "tier(exports[last_year], [[1000, 10], [5000, 30]])",
        ),
    ],
)
def test_common_sentences(text: str, conditions: list[str], amount: str) -> None:
    draft = draft_sentence(text)
    assert {normalise(c) for c, _ in draft.conditions} == {normalise(c) for c in conditions}
    assert draft.amount is not None and normalise(draft.amount[0]) == normalise(amount)
    assert all(0 < conf <= 1 for _, conf in draft.conditions)


def test_nothing_is_dropped() -> None:
    draft = draft_sentence("本办法由市科学技术局负责解释。")
    assert not draft.conditions and draft.amount is None and draft.manual == ["本办法由市科学技术局负责解释。"]


def officer_fills_payout(text: str) -> str:
    """What the officer does before a draft can load: say how each benefit's money reaches the firm."""
    assert "payout: 待填写" in text, "a draft must leave the payout to the officer"
    return text.replace("payout: 待填写", "payout: cash")


def _validates(tmp_path: Path, text: str) -> Library:
    """The draft YAML, once the officer filled the payout, loads and validates as a policy file, expressions
    type-checked against the schema; before that it is refused, naming the payout."""
    path = tmp_path / "draft.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleErrors, match="payout"):
        add_policy_file(Library(schema=load_schema(settings.schema_path())), path)
    path.write_text(officer_fills_payout(text), encoding="utf-8")
    library = Library(schema=load_schema(settings.schema_path()))
    add_policy_file(library, path)
    return library


def test_cli_reads_standard_input_and_writes_a_draft(tmp_path: Path) -> None:
    text = (
        "第一条 本措施适用于在长春市注册、无严重失信记录的企业。\n"
        "第二条 对上年度首次认定为国家高新技术企业的，给予20万元一次性奖励。\n"
        "第三条 本办法由市科学技术局负责解释。\n"
    )
    result = CliRunner().invoke(app, ["extract", "-", "--id", "demo"], input=text)
    assert result.exit_code == 0
    draft = yaml.safe_load(result.output)
    (benefit,) = draft["benefits"]
    assert benefit["amount"]["formula"] == "20" and benefit["amount"]["clause"] == "2"
    # the scope clause is the policy's common conditions, applied to every benefit when the policy loads
    assert [c["expr"] for c in benefit["conditions"]] == ["cert_hightech_year == last_year"]
    assert {c["expr"] for c in draft["common_conditions"]} == {
        "district in CHANGCHUN_DISTRICTS",
        "not serious_violation",
    }
    # the sentence that became no rule is flagged for a person, in the file itself, never dropped
    assert "#   第 3 款：本办法由市科学技术局负责解释" in result.output
    assert "# 置信度 0.85" in result.output
    library = _validates(tmp_path, result.output)
    assert [b.id for b in library.benefits] == ["demo-1"]


def test_a_docx_goes_through_end_to_end(tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    document.add_heading("长春市支持科技企业发展若干措施（示例）", level=1)
    document.add_paragraph("第一条 本措施适用于在长春市行政区域内依法登记注册、无严重失信记录的企业。")
    document.add_paragraph("第二条 对上年度营业收入首次突破1亿元的企业，给予50万元一次性奖励。")
    document.add_paragraph(
        "第三条 对上年度研发费用不低于100万元的中小微企业，按上年度研发费用的10%给予补助，最高不超过100万元。"
    )
    table = document.add_table(rows=1, cols=2)  # a clause laid out in a table cell is read too
    table.rows[0].cells[0].text = "第四条"
    table.rows[0].cells[1].text = "按上年度出口额分档奖励：1000万元以上的奖励10万元，5000万元以上的奖励30万元。"
    document.add_paragraph("第五条 本措施由长春市科学技术局负责解释，自2026年1月1日起施行。")
    path = tmp_path / "policy.docx"
    document.save(str(path))
    result = CliRunner().invoke(app, ["extract", str(path), "--id", "docx"])
    assert result.exit_code == 0, result.output
    library = _validates(tmp_path, result.output)
    policy = library.policies["docx"]
    assert policy.issuer == "长春市科学技术局" and policy.valid_from.isoformat() == "2026-01-01"
    by_clause = {b.spec.amount.clause: b for b in library.benefits}
    assert set(by_clause) == {"2", "3", "4"}
    assert {c.spec.expr for c in by_clause["2"].conditions} == {
        "revenue[last_year] >= 10000",
        "revenue[years_ago(2)] < 10000",
        "district in CHANGCHUN_DISTRICTS",
        "not serious_violation",
    }
    assert by_clause["3"].spec.amount.formula == "min(rd_expense[last_year] * 0.1, 100)"
    assert 'size_class in ["中", "小", "微"]' in {c.spec.expr for c in by_clause["3"].conditions}
    assert by_clause["4"].spec.amount.formula == "tier(exports[last_year], [[1000, 10], [5000, 30]])"
    assert "第 5 款：本措施由长春市科学技术局负责解释" in result.output


def test_standard_input_to_standard_output_through_the_installed_command(tmp_path: Path) -> None:
    """`policyreach extract -` as a shell pipeline: text on stdin, the draft YAML on stdout, nothing else."""
    exe = Path(sys.executable).with_name("policyreach")
    text = "第一条 对上年度新认定的瞪羚企业，给予30万元一次性奖励。\n"
    done = subprocess.run(
        [str(exe), "extract", "-", "--id", "pipe"],
        input=text.encode("utf-8"),
        capture_output=True,
        timeout=60,
        check=True,
    )
    out = done.stdout.decode("utf-8")
    assert yaml.safe_load(out)["benefits"][0]["conditions"][0]["expr"] == "cert_gazelle_year == last_year"
    _validates(tmp_path, out)


def test_a_clause_without_any_condition_still_validates_with_a_flagged_placeholder(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["extract", "-", "--id", "bare"], input="第一条 给予每家企业5万元奖励。\n")
    (benefit,) = yaml.safe_load(result.output)["benefits"]
    (condition,) = benefit["conditions"]
    assert condition["expr"] == "True" and condition["label"].startswith("【待人工确认】")
    _validates(tmp_path, result.output)


@pytest.mark.parametrize(
    ("text", "conditions", "amount"),
    [
        # comparisons before the quantity, after it, and set phrases for first-time thresholds
        (
            "销售额首次迈上5亿元关口的，给予一次性奖励100万元。",
            ["revenue[last_year] >= 50000", "revenue[years_ago(2)] < 50000"],
            "100",
        ),
        ("对拥有1件以上有效发明专利的企业，给予5万元奖励。", ["invention_patents >= 1"], "5"),
        ("技术交易额过千万元的，奖励10万元。", ["tech_contract_turnover[last_year] >= 1000"], "10"),
        (
            "当年实缴税款首次突破500万元的，奖励10万元。",
            ["tax_paid[this_year] >= 500", "tax_paid[last_year] < 500"],
            "10",
        ),
        # 千分之X and a cap written after the amount
        (
            "对出口额达到3000万元以上的企业，按出口额的千分之二给予奖励，20万元封顶。",
            ["exports[last_year] >= 3000"],
            "min(exports[last_year] * 0.002, 20)",
        ),
        # 连续X年, increments and their implied condition
        (
            "对营业收入连续三年增长的企业，奖励20万元。",
            ["revenue[last_year] > revenue[years_ago(2)]", "revenue[years_ago(2)] > revenue[years_ago(3)]"],
            "20",
        ),
        (
            "研发费用增量部分给予15%奖补，单个企业至多200万元。",
            ["rd_expense[last_year] > rd_expense[years_ago(2)]"],
            "min((rd_expense[last_year] - rd_expense[years_ago(2)]) * 0.15, 200)",
        ),
        # region, industry codes written in the text, sizes
        (
            "对在吉林省行政区域内注册的农副食品加工业（C13）和食品制造业（C14）中型、小型企业，给予5万元奖励。",
            ['startswith(district, "22")', 'startswith(industry, ["C13", "C14"])', 'size_class in ["中", "小"]'],
            "5",
        ),
    ],
)
def test_the_grammar_is_general(text: str, conditions: list[str], amount: str) -> None:
    draft = draft_sentence(text)
    assert {normalise(c) for c, _ in draft.conditions} == {normalise(c) for c in conditions}
    assert draft.amount is not None and normalise(draft.amount[0]) == normalise(amount)


def test_tiers_across_semicolons_stay_one_sentence_and_start_at_zero() -> None:
    from policyreach.extract.clauses import sentences

    clause = (
        "对上年度从业人员人数不低于前一年度的小型、微型企业，按上年度从业人员规模给予稳岗返还："
        "从业人员不足10人的，返还1万元；10人（含）至49人的，返还3万元；50人（含）以上的，返还5万元。"
        "稳岗返还资金直接拨付。"
    )
    first, second = sentences(clause)
    draft = draft_sentence(first)
    assert draft.amount is not None and draft.amount[0] == "tier(employees[last_year], [[0, 1], [10, 3], [50, 5]])"
    assert {c for c, _ in draft.conditions} == {
        "employees[last_year] >= employees[years_ago(2)]",
        'size_class in ["小", "微"]',
    }
    assert draft_sentence(second).manual == ["稳岗返还资金直接拨付"]


def test_enumerated_awards_become_one_benefit_each_and_ellipsis_keeps_its_measure() -> None:
    from policyreach.extract.draft import draft_policy
    from policyreach.extract.sentence import in_context

    talent = draft_sentence(
        "对来长工作不超过3年的高层次人才，给予一次性安家补贴：A类200万元，B类100万元，C类50万元。", subject="talent"
    )
    assert [(conds[0][0], amount[0]) for conds, amount in talent.variants] == [
        ('talent_level == "A"', "200"),
        ('talent_level == "B"', "100"),
        ('talent_level == "C"', "50"),
    ]
    assert ("years_in_changchun <= 3", 0.85) in talent.conditions
    pieces = in_context(
        ["对上年度营业收入首次突破1000万元的企业，给予10万元奖励", "首次突破5000万元的，给予30万元奖励"]
    )
    assert draft_sentence(pieces[1]).conditions[0][0] == "revenue[last_year] >= 5000"
    draft = draft_policy(
        "第一条 对上年度营业收入首次突破1000万元的企业，给予10万元奖励；首次突破5000万元的，给予30万元奖励。"
    )
    assert [b["amount"]["formula"] for b in draft["benefits"]] == ["10", "30"]


def test_every_sample_policy_drafted_from_its_text_is_a_valid_policy_file(tmp_path: Path) -> None:
    from policyreach.extract.draft import draft_policy, to_yaml

    for source in sorted(settings.library_path().glob("*.yaml")):
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        text = data["title"] + "\n" + "\n".join(data["clauses"].values())
        out = officer_fills_payout(to_yaml(draft_policy(text, data["id"])))
        path = tmp_path / source.name
        path.write_text(out, encoding="utf-8")
        library = Library(schema=load_schema(settings.schema_path()))
        add_policy_file(library, path)
        assert library.benefits, source.name


def test_a_rule_that_fails_the_type_check_becomes_a_manual_note() -> None:
    from policyreach.extract.draft import _checked
    from policyreach.extract.sentence import Draft

    draft = _checked(
        Draft(
            conditions=[("revenue[last_year] >= 100", 0.8), ("revenue >= '高'", 0.5)], amount=("min(nothing, 3)", 0.5)
        ),
        "某句",
    )
    assert draft.conditions == [("revenue[last_year] >= 100", 0.8)] and draft.amount is None
    assert draft.manual == ["某句（未能生成有效规则：revenue >= '高'；min(nothing, 3)）"]


def test_scope_exclusions_stay_with_their_clause_and_validity_periods_are_read() -> None:
    from policyreach.extract.draft import draft_policy

    draft = draft_policy(
        "第一条 本措施适用于在长春市注册的企业。\n"
        "第二条 对上年度研发费用不低于100万元的企业，给予10万元奖励。"
        "烟草制造业、住宿和餐饮业企业不适用本条。\n"
        "第三条 对上年度新认定的瞪羚企业，给予30万元奖励。"
    )
    first, second = ([c["expr"] for c in b["conditions"]] for b in draft["benefits"])
    assert first == ["rd_expense[last_year] >= 100", 'not startswith(industry, ["C16", "H"])']
    assert second == ["cert_gazelle_year == last_year"]
    assert [c["expr"] for c in draft["common_conditions"]] == ["district in CHANGCHUN_DISTRICTS"]
    inside = draft_sentence("国家需要重点扶持的高新技术企业，在高新技术企业证书有效期内，减按15%的税率征收企业所得税。")
    assert [c for c, _ in inside.conditions] == ["cert_hightech_year >= last_year - 2"]
    outside = draft_sentence("不在高新技术企业证书有效期内的企业按25%的法定税率测算。")
    assert [c for c, _ in outside.conditions] == ["coalesce(cert_hightech_year, 0) < last_year - 2"]


@pytest.mark.parametrize(
    ("text", "conditions", "amount"),
    [
        ("市财政每年安排1000万元专项资金，用于支持企业技术改造。", [], None),  # a fund's size is nobody's award
        ("对2025年认定的省级企业技术中心给予30万元奖励。", ["cert_tech_center_prov_year == 2025"], "30"),
        (
            "对当年新增规上工业企业给予一次性奖励20万元。",
            ["first_time_above_scale_year == this_year", 'startswith(industry, ["B", "C", "D"])'],
            "20",
        ),
        (
            "对年主营业务收入超过5亿元的制造业企业，按其年度新增研发投入的10%给予奖励，单户最高不超过500万元。",
            [
                "revenue[last_year] > 50000",
                "rd_expense[last_year] > rd_expense[years_ago(2)]",
                'startswith(industry, "C")',
            ],
            "min((rd_expense[last_year] - rd_expense[years_ago(2)]) * 0.1, 500)",
        ),
    ],
)
def test_phrases_met_after_the_labelled_sets(text: str, conditions: list[str], amount: str | None) -> None:
    draft = draft_sentence(text)
    assert [c for c, _ in draft.conditions] == conditions
    assert (draft.amount[0] if draft.amount else None) == amount
    # a sentence with no condition goes to a person, unless it sizes a fund (the fund's budget proposal)
    assert bool(draft.manual or draft.budget) == (not conditions)


@pytest.mark.parametrize(
    ("text", "conditions", "amount"),
    [
        ("对上年度营业收入超过两千万元的企业，奖励二十万元。", ["revenue[last_year] > 2000"], "20"),
        (
            "对研发费用达到一百五十万元以上的，按研发费用的百分之十五给予补助，最高不超过一百万元。",
            ["rd_expense[last_year] >= 150"],
            "min(rd_expense[last_year] * 0.15, 100)",
        ),
        (
            "对上年度纳税总额首次突破一亿元的企业，给予一次性奖励一百万元。",
            ["tax_paid[last_year] >= 10000", "tax_paid[years_ago(2)] < 10000"],
            "100",
        ),
    ],
)
def test_chinese_numerals_in_whole_sentences(text: str, conditions: list[str], amount: str) -> None:
    draft = draft_sentence(text)
    assert [c for c, _ in draft.conditions] == conditions and draft.amount is not None
    assert draft.amount[0] == amount
