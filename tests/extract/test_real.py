"""The real-structure development set (issue 22): its shape, the development part's score, the whole documents
drafted end to end, and real document formats (PDF text layer, a government web page, PDF-copy artefacts)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from policyreach import settings
from policyreach.extract.clauses import split_clauses
from policyreach.extract.constructs import USD_CNY, USD_CNY_PARAMETER
from policyreach.extract.documents import normalise, read_document
from policyreach.extract.draft import SCHEDULED, draft_policy, manual_bounds, to_yaml
from policyreach.extract.realset import (
    FamilyScore,
    _invented,
    _trap_taken,
    documents,
    held_out,
    load_set,
    pasted_alone,
    score_sentence,
    score_set,
)
from policyreach.extract.scoring import normalise as same_rule
from policyreach.extract.sentence import draft_sentence
from policyreach.rules.language import Env, check_amount, check_condition, parse_expression
from policyreach.rules.policy import Parameter
from policyreach.rules.schema import ProposedAttribute, extend, load_schema
from policyreach.workbooks import UnreadableFile

from .pdfmake import write_pdf

REAL = Path(__file__).parent / "real"
DOCS = REAL / "documents"


@pytest.fixture(scope="module")
def items() -> list[dict]:
    return load_set(REAL / "devset.yaml")


@pytest.fixture(scope="module")
def scores(items):
    return score_set(items)


@pytest.fixture(scope="module")
def scored_documents() -> dict[str, dict]:
    """Every whole document drafted and scored once (≈ 10 CPU-s), for the blind ones' floors and the others' rule."""
    return documents(DOCS)


def test_the_set_is_real_sized_labelled_and_holds_out_whole_documents(items) -> None:
    assert len(items) >= 300 and len({i["id"] for i in items}) == len(items)
    sources = Counter(i["source"] for i in items)
    assert len(sources) >= 25 and all(s.startswith("http") for s in sources)
    # whole source documents are held out, by a hash of the address: about a third of the sentences
    out = sum(n for s, n in sources.items() if held_out(s))
    assert 0.2 <= out / len(items) <= 0.45
    assert all(held_out(i["source"]) == held_out(s) for s in sources for i in items if i["source"] == s)
    schema = load_schema(settings.schema_path())
    for item in items:
        # a label may use a quantity the schema lacks: declared as the draft would (`proposed`, checked as a draft)
        proposed = {n: ProposedAttribute.model_validate(p).attribute(n) for n, p in item.get("proposed", {}).items()}
        # award("前款"): a sentence names the standard it raises by its words; a document resolves them to a benefit
        named = {
            r: r
            for v in [item.get("amount") or "", *(v["amount"] for v in item.get("variants", []))]
            for r in re.findall(r'award\("([^"]+)"\)', v)
        }
        # params.usd_cny (a 美元 figure paid in 元): the rate parameter as a draft declares it for the officer
        params = {USD_CNY: Parameter.model_validate(USD_CNY_PARAMETER)}
        env = Env(schema=extend(schema, proposed) if proposed else schema, params=params, benefits=named)
        pairs = [(c, False) for c in item.get("conditions", [])]
        pairs += [(item["amount"], True)] if item.get("amount") else []
        for v in item.get("variants", []):
            pairs += [(c, False) for c in v["conditions"]] + [(v["amount"], True)]
        for expr, amount in pairs:
            if amount and (bounds := manual_bounds(expr)) is not None:
                # 一事一议 (manual(cap), manual(floor=X)): no formula, a reviewer sets it within its bounds, each a
                # number or a formula of the claimant's figures
                for bound in filter(None, bounds):
                    check_amount(parse_expression(bound, env))
                continue
            if amount and (plan := SCHEDULED.fullmatch(expr)):
                # schedule(formula, [each year's share], period_year): the full year's amount and the year of the period
                check_amount(parse_expression(plan.group(1), env))
                check_amount(parse_expression(plan.group(3), env))
                continue
            (check_amount if amount else check_condition)(parse_expression(expr, env))
        assert pairs or item.get("awaits") or item.get("traps"), item["id"]  # nothing unlabelled
        # a label that takes its own trap could never be right (r630's 1 of 签订1年 beside its own `>= 1`)
        assert not _trap_taken([e for e, _ in pairs], [str(t) for t in item.get("traps", [])]), item["id"]
    assert {i["family"] for i in items} >= {"tier_list", "range", "legal_reading", "progressive", "interest", "usd"}


def test_the_development_part_is_mostly_fully_right_and_no_trap_is_taken(scores) -> None:
    dev = scores["dev"]
    labelled = dev.sentences - dev.awaiting
    # a floor against regressions, not the goal: each round adds real documents the extractor reads worse at first
    # (the eighth round's 35 new development sentences: 5 right before it, 23 after); 301/319 at its end; the ninth
    # round's 26 new ones: 4 right before it, 16 after; 317/344 at its end (BENCHMARKS.md, "Ninth round"); the tenth
    # round's new ones: extract11's 40 (人社, 商务, 农业, 文旅, 服务业) 7 right before it, 25 after, and extract10's 38
    # (科技, 工信, 知识产权, 金融) 11 before, 30 after; the eleventh round's 28 new development ones (provincial
    # documents, 海南, 宁夏, 黑龙江…): 9 right before it, 20 after; the twelfth round's 35 new development ones
    # (extract14: 物流, 会展, 首店, 网零, 民宿, 茶园 of 人社/商务/农业/文旅 documents): 9 right before it, 28 after;
    # extract13's 32 (科技/工信/金融/知识产权): 9 before, 26 after. Merged: 450/513 of those the language can hold
    # (0.877; each branch alone 0.88: the gains added up exactly, each round's new sentences read worse than the old);
    # the fifteenth round's 28 new development ones (extract16: 会展, 旅行社, 促消费, 龙头企业, 冷链, rent schedules of
    # 人社/商务/农业/文旅 documents): 6 right before it, 16 after; 467/538 at its end (0.868: the older 450 kept);
    # the sixteenth round's 38 new development ones (extract17: documents of 海南, 内蒙古, 西藏, 甘肃, 湖南, 江西,
    # 云南 …): 10 right before it, 27 after; 517/599 at its end (0.863: the older 487 → 490); the seventeenth round's
    # 30 new development ones (extract18: documents of 黑龙江, 西藏, 上海, 山西 …): 12 right before it, 20 after;
    # 539/624 at its end (0.864: the older 517 → 519); the eighteenth round's 31 new development ones (extract19:
    # documents of 云南, 内蒙古, 海南, 湖北, 江西, 广西 … weighted to the weak families): 12 right before it, 17 after;
    # 556/653 at its end (0.851: the older 539 kept). The floor moved from 0.86 to 0.85 with them, as the comment's
    # first line says it may: the older sentences lost none (checked id by id), the new ones read worse; the
    # nineteenth round's 24 new development ones (extract20: documents of 黑龙江, 辽宁, 内蒙古, 福建, 四川, 浙江, 安徽
    # … weighted to the weak families): 8 right before it, 13 after; 569/677 at its end (0.840: the older 556 kept).
    # The floor moved from 0.85 to 0.84 with them, for the same reason
    assert dev.fully_right / labelled >= 0.84, dev.wrong
    assert dev.flagged_as_expected >= dev.awaiting - 2  # what the language cannot hold yet goes to a person
    # (the held-out figure alone, never the part's repr: a failing message must not show which held-out sentences
    # are wrong, or the part stops being held out)
    held_traps = scores["held_out"].traps_taken
    assert dev.traps_taken == 0, dev.wrong
    assert held_traps == 0, "the held-out part took a trap number"
    # (extract20: with its 24 new development sentences the amounts' precision was 0.940 before the round and 0.945 at
    # its end, the older 684 sentences' unchanged at 0.951; the new ones' wrong sums are mostly where our labels and
    # the extractor's conventions differ: r1561's monthly sum with no period, which the extractor pays for 12 months,
    # and r1589's 当年. The amounts' floor moved from 0.95 to 0.94 with them, said in BENCHMARKS)
    assert dev.conditions.precision >= 0.95 and dev.amounts.precision >= 0.94


# written blind (doc7): expected drafts committed before the extractor was run on them, so not all is drafted yet.
# (amounts right at least, invented conditions at most): the figures after doc8's sentence readings (README, "Blind
# documents, second round"; doc7's were 3, 3, 2, 1 with d9's ceiling 4). d9's 2.1.1 was relabelled `== this_year`
# (当年新认定), as the set's conventions read 当年; its scope's 农产品 is still read as industry A01
# d10 (doc8) was written blind too: 0/8 before its two document-level fixes, 8/8 after; d11 (doc9): 4/6 right with 5
# invented conditions before its fixes (a kind of trade, merged table cells), 6/6 and none after; d12 (doc9): 3/4 with
# its fund drafted as an award before its fixes, 4/4 after;
# d13 (doc10): 2/5 right blind, nothing invented; 3/5 after its document-level fixes, 5/5 after two sentence readings;
# d14 (doc11): 9/10 right blind, 2 invented conditions, 就高 lost; 10/10, nothing invented, 就高 read after its fixes;
# d15 (doc12, a 稳就业 web page): 4/6 right blind (its 附件 table lost, a founder's sum paid to small firms), 6/6 after
# d16 (doc13, a 工信 细则 as a Word file): 4/8 right blind (按下表's table, a bracketed threshold, per-unit robots and
# instalments lost), 7/8 after; its 1 "invented" was 11.1's stated `> 0` on a base (服务合同金额, not yearly) the
# label names otherwise (诊断服务, yearly); 8/8, none, since doc30 read a bought service's cost as that year's
# d17 (doc14, a 知识产权 资助办法 as a PDF): 4/11 right blind (a gazette's second header line, its 附件 table's cells
# on lines of their own, its fund drafted as an award, per-piece sums of quantities the schema lacks), 11/11 after
# d19 (doc16, a 商务 外贸 web page with its 政策解读 below it): 5/6 right blind, 5 invented conditions and 5 benefits
# drafted from the 解读 (its repeated sums; one with no condition), full-width points lost (１．５); 6/6, none after
# d18 (doc15, a 金融 若干政策措施 pasted from a WeChat article): 0/12 blind (**第X条** in bold markers hid every
# article), 12/12 after its fixes, nothing invented
# d21 (doc18, a 人社 人才 实施办法 as a PDF, levels defined in an 附件 table across a page break): 3/5 right blind
# (monthly sums by level with 分别 lost their 36 months; a share of the price capped by level with 分别 flagged);
# 5/5 after; d23 (doc18, a 工信 若干政策措施 as a web page with a 政策问答 below): 7/7 right blind but 4 benefits
# drafted from the 政策问答, none after
# d20 (doc17, a 人社 人才 实施办法 printed in a government's 公报, as a PDF): 5/7 right blind (a share of a home's
# price for two levels listed without 分别, and two titles listed before 分别, each went to a person), nothing invented;
# 7/7 after, nothing invented
# d22 (doc17, a province's 工信 page printing a 实施方案 and 若干财政支持措施 under 附件1/附件2, a 政策问答 below): 7/8
# right blind, nothing invented, but 2 benefits drafted from the 问答's answers and the scope wrong; 8/8 after
# d24 (doc19, a district's 金融 若干措施 pasted from its PDF): 6/9 right blind (a 融资规模 table below 标准如下：
# flagged, a 首贷 award on the year's 新增贷款, a 新增贷款 put on a pledge loan's interest share); 9/9, none after
# d25 (doc19, a 科技 创新券 实施细则 as a Word file): 2/3 right blind (a table of shares and caps by service read no
# row); 3/3 after
# d26 (doc20, a 商务 促进消费 若干措施 as a PDF): 4/8 right blind, 3 invented (达到下表标准的 with a table of 销售额增量
# bands read as one tier of revenue); 7/8 after, its 5 "invented" the table's 销售额 read as revenue where the label,
# as r823, proposes sales; the per-account 直播 award still goes to a person
# d27 (doc21, a county's 乡村振兴 产业扶持办法 as a web page): 2/6 right blind (full-width ＬＰＲ unread, 大中型农业机械
# read as the claimant's size, 库容 bands read as contradicting, 集中连片 cut inside its word); 5/6 after, the 农机
# 累加补贴's base drafted as 国家补贴额 without a year (its label's 国家农机购置补贴 of the year: the 1 invented); its
# scope's 农业企业 read as A01 blind, as the section A after
# d28 (doc22, a 高新区's comprehensive 促进经济高质量发展若干政策 as a PDF): 8/11 right blind, nothing invented (an A–D
# table behind a mid-sentence 按下表标准, a total paid as sums by stage, a 实缴注册资本 band table with its payment
# plan below it; 就高 narrowed to the two articles a second sentence named); 11/11 after
# d29 (doc23, a 市场监管局's 质量品牌标准化 奖励资金 申报通知 as a web page): 2/6 right blind, 2 invented (每项分别
# over four levels of standard and a 技术委员会、分技术委员会秘书处 list went to a person, the second 秘书处 clause
# drafted on True, a certified product proposed as 产品; 3/6 and 1 under the label corrected to declare 认证费用 as
# proposed); 6/6, none after; its cap (本通知各项奖励累计) is read after, not scored
# d30 (doc24, a city's 促进民营经济和中小企业 若干措施 as a Word file, its measures Word list items): 5/8 right blind,
# 1 invented (a 纳统 table by kind read with amounts 0, an LPR share flagged, 每人每月 × months read flat); 8/8,
# none after
# d31 (doc25, a 人社局's 就业创业补贴 经办规程 as a PDF): 2/6 right blind, nothing invented (an LPR bound priced on the
# contract's day, a hires' share of the staff in the sentence before, a share of the minimum wage with its monthly sum
# stated, bands of rented 平方米 paying yearly sums over a period said once); 5/6 after, 第七条 (the employer's
# insurance for its hires) going to a person as d8's 2.2 and r294 do
# d32 (doc26, a 科学技术局's 孵化器/众创空间/新型研发机构 认定和绩效评价管理办法 as a web page): 1/7 right blind, 1
# invented, scope wrong, a trap taken (认定条件 drafted as every benefit's, 第四条's scope lost to its 新型研发机构,
# 认定（备案）, institutes by level, grades and firms counted went to a person); 7/7 after
# d35 (doc29, a 工信局's 工业发展专项资金 申报通知 with its 申报指南 as a Word file): 3/6 right blind, 2 invented (a
# tier of titles the drafter did not know, a table's band cells wrapped over two lines, a 2024 first entry read as
# last year's, a proposed price labelled with 该产品 and half-width brackets); 6/6, none after
# d36 (doc30, a 科学技术局's 科技创新后补助 实施细则 as a PDF): 2/5 right blind, 1 invented (size tiers of a share
# of the 研发费用 increase and a seller's and buyer's shares 分别 went to a person; a voucher's 实际支付金额 read
# undated); 5/5, none after
# d37 (doc31, a province's 高层次人才分类认定和支持办法 as a government web page): 0/3 right blind, 2 invented (a table
# of two items' columns under a two-row header read by neither item, 认定 ages read as the scope, 劳动（聘用）合同
# unread, a postdoc read as a doctor's degree, a rent charged at 50% drafted as a grant); 3/3, none after
# d38 (doc32, a 地方金融管理局's 金融支持实体经济 若干措施 as a PDF): 3/6 right blind, 1 invented (a 北交所 total on any
# listing; 沪深 stages listed with 分别, 新三板 with 再给予 and 2‰ of bonds went to a person); 6/6, none after
# d39 (doc33, a 工信局's 专精特新梯度培育 若干措施 as a PDF): 2/6 right blind, 1 invented (four titles and 复核通过
# listed with 分别 went to a person, 新升规 in two instalments drafted as one, a platform's title read as a size);
# 3/7 blind under two labels corrected by the set's conventions; 7/7, none after
# d41 (doc35, a 商务局's 外经贸发展专项资金 申报通知 with its 申报指南 as a Word file): 3/5 right blind, 1 invented (a
# new firm's 当年 read as this year; a table of 增量 bands in 美元 and 面积 thresholds listed with 分别 went to a
# person); 5/5, none after
# d40 (doc34, a 人社局's 创业扶持 实施办法 as a government web page): 0/6 right blind, 0 invented by the scorer (a
# founder's 一次性创业补贴 drafted as a firm's on 小微; 分别 with the payee or a registration between; 每带动1人 and
# 每平方米每月 with their caps went to a person; a staff band in brackets); 6/6, none after
# d42 (doc36, a 人社局's 技能人才提升行动实施办法 as a PDF): 2/5 right blind, 1 invented (an apprentice subsidy over a
# 1至2年 培养期 read for one year on a count named 或在岗, its halves lost; 每名获奖选手 with a yearly cap and a 试点
# 备案 award with 再给予 on a count went to a person or to True); 5/5, none after
# d44 (doc38, a 市场监督管理局（知识产权局）'s 知识产权资助和奖励办法 as a PDF): 5/11 right blind, none invented
# (per-unit sums per patent, per country and per designated country with their caps, and two fees with 分别, went
# to a person; 驰名商标 and 贯标 on True; a share of 投入 with a cap not read); 11/11, none after
BLIND = {
    "d6_listing": (5, 0),
    "d7_tourism": (7, 0),
    "d8_graduates": (2, 0),
    "d9_agri_page": (6, 0),
    "d10_rd_page": (8, 0),
    "d11_trade_district": (6, 0),
    "d12_techreform_rules": (4, 0),
    "d13_talent_measures": (5, 0),
    "d14_science_policy": (10, 0),
    "d15_jobs_page": (6, 0),
    "d16_digital_rules": (8, 0),
    "d17_ip_funding": (11, 0),
    "d19_trade_page": (6, 0),
    "d18_finance_wechat": (12, 0),
    "d21_talent_rules": (5, 0),
    "d23_industry_page": (7, 0),
    "d20_talent_gazette": (7, 0),
    "d22_industry_province_page": (8, 0),
    "d24_finance_district": (9, 0),
    "d25_voucher_rules": (3, 0),
    "d26_consumption_measures": (7, 5),
    "d27_county_agri_page": (5, 1),
    "d28_hitech_zone_policy": (11, 0),
    "d29_quality_standards_notice_page": (6, 0),
    "d30_private_economy_measures": (8, 0),
    "d31_jobs_subsidy_rules": (5, 0),
    "d32_incubator_rules_page": (7, 0),
    "d33_hq_investment_policy": (8, 0),
    "d34_jobs_insurance_guide_page": (3, 0),
    "d35_industry_funds_guide": (6, 0),
    "d36_science_postsubsidy_rules": (5, 0),
    "d37_talent_classification_page": (3, 0),
    "d38_finance_measures": (6, 0),
    "d39_srdi_tiered_measures": (7, 0),
    "d41_trade_funds_guide": (5, 0),
    "d40_startup_support_page": (6, 0),
    "d42_skills_upgrading_rules": (5, 0),
    "d43_trade_upscale_rewards_page": (6, 0),
    "d44_ip_funding_rules": (11, 0),
    "d45_county_agri_operators_page": (10, 0),
}


def test_blind_documents_keep_their_floor_and_take_nothing_from_other_clauses(scored_documents) -> None:
    found = scored_documents
    assert set(BLIND) <= set(found)
    for name, (floor, ceiling) in BLIND.items():
        figures = found[name]
        assert figures["amounts_right"] >= floor, name
        assert figures["invented_conditions"] <= ceiling and figures["benefits_from_other_clauses"] == 0, name
        keys = ["budget_right", "valid_from_right", "valid_to_right", "exclusive_right"]
        for key in keys + (["scope_right"] if name != "d9_agri_page" else []):
            assert figures[key], (name, key)
        assert figures["instalments_right"] and not figures["traps_taken"], name


def test_whole_documents_draft_every_money_article_and_invent_nothing(scored_documents) -> None:
    for name, figures in scored_documents.items():
        if name in BLIND:
            continue
        assert figures["benefits_found"] == figures["money_articles"], name
        assert figures["amounts_right"] == figures["money_articles"], name
        assert figures["invented_conditions"] == 0 and figures["benefits_from_other_clauses"] == 0, name
        assert figures["awaiting_flagged"] == figures["awaiting_rules_grow"] or name == "d3_talent", name
        for key in ("scope_right", "budget_right", "valid_from_right", "valid_to_right", "exclusive_right"):
            assert figures[key], (name, key)
        assert figures["instalments_right"] and not figures["traps_taken"], name


def test_a_pdf_text_layer_reads_like_the_text_and_cites_real_clause_numbers(tmp_path: Path) -> None:
    text = (DOCS / "d1_industry.txt").read_text(encoding="utf-8")
    pdf = tmp_path / "policy.pdf"
    write_pdf(text, pdf)  # lines broken at the page's width, 第 一 条 and 5 000 spaced as in a PDF copy
    read = read_document(pdf)
    from_pdf, from_text = draft_policy(read, "p"), draft_policy(text, "p")
    assert [(b["amount"]["clause"], b["amount"].get("formula")) for b in from_pdf["benefits"]] == [
        (b["amount"]["clause"], b["amount"].get("formula")) for b in from_text["benefits"]
    ]
    refs = [b["amount"]["clause"] for b in from_pdf["benefits"]]
    assert refs == ["4", "4", "4", "5", "6.1", "6.2", "7", "8", "8", "9", "10"]  # 10: 一事一议, manual
    assert from_pdf["budget"]["amount"] == 5000 and str(from_pdf["valid_to"]) == "2026-12-31"
    assert {b["exclusive_group"] for b in from_pdf["benefits"]} == {"p-highest"}
    assert [b["instalments"] for b in from_pdf["benefits"] if b["amount"]["clause"] == "7"] == [[0.6, 0.4]]
    # the draft file still loads as a policy
    loaded = yaml.safe_load(to_yaml(from_pdf))
    assert loaded["common_conditions"] and "budget" not in loaded and "exclusive" not in loaded


def test_a_government_web_page_is_read_without_its_scripts_and_navigation(tmp_path: Path) -> None:
    body = (DOCS / "d2_science.txt").read_text(encoding="utf-8")
    page = tmp_path / "policy.html"
    paragraphs = "".join(f"<p>{line}</p>" for line in body.splitlines())
    page.write_text(
        "<!DOCTYPE html><html lang='zh-CN'><head><title>政府网站</title><script>var x = '给予99万元';</script>"
        f"</head><body><nav>首页 | 政策文件 | 第一条 导航</nav><div class='content'>{paragraphs}</div>"
        "<footer>主办单位：某区人民政府 网站标识码 123</footer></body></html>",
        encoding="utf-8",
    )
    text = read_document(page)
    assert "99万元" not in text and "导航" not in text and "网站标识码" not in text
    refs = [c.ref for c in split_clauses(text)]
    assert refs[:3] == ["0", "1", "2"] and "3.1.1" in refs and "4.2" in refs


def test_a_pdf_without_a_text_layer_is_refused_in_chinese(tmp_path: Path) -> None:
    scanned = tmp_path / "scan.pdf"
    write_pdf("", scanned)
    with pytest.raises(UnreadableFile, match="没有文字层"):
        read_document(scanned)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7 not really")
    with pytest.raises(UnreadableFile, match="无法读取"):
        read_document(broken)


def test_pdf_copy_artefacts_are_undone() -> None:
    copied = "第 三 条 对高新技 术企业，给予 5 000 万元(含)补助;最高 1 0万元,按第2条执行。\n- 3 -\n"
    assert normalise(copied) == "第三条对高新技术企业，给予5000万元（含）补助；最高10万元，按第2条执行。"


@pytest.mark.parametrize(
    "text",
    [
        "对种植面积达到50亩以上的经营主体，给予5万元补贴。",  # a quantity the schema lacks
        "对一季度产值达到4000万元及以上的企业，给予20万元奖补。",
        "对贷款额度在30万元至300万元之间的主体，给予2万元补助。",
        "对上年度到账外资500万美元以上的企业，按到账额的2%给予奖励，最高200万元人民币。",  # needs a rate
    ],
)
def test_a_sentence_stating_a_threshold_never_drafts_true(text: str) -> None:
    draft = draft_sentence(text)
    assert draft.amount is None and not draft.conditions and draft.manual  # flagged whole, with the reason
    policy = draft_policy(f"第一条 {text}")
    assert not policy["benefits"] and policy["manual"]


def test_amounts_in_dollars_are_kept_as_stated() -> None:
    draft = draft_sentence("对上年度进出口总额1000万美元以上、且比上年增长10%以上的企业，给予10万元奖励。")
    assert [c for c, _ in draft.conditions] == [
        "trade_usd[last_year] >= 1000",  # 万美元, never turned into 万元 by a rate the text does not give
        "trade_usd[last_year] >= trade_usd[years_ago(2)] * 1.1",
    ]
    assert draft.amount == ("10", 0.8) and draft.proposed["trade_usd"]["unit"] == "万美元"
    per_dollar = draft_sentence("对自营出口企业，按当年出口额每1美元奖励人民币0.02元，单个企业最高不超过30万元。")
    assert per_dollar.amount and per_dollar.amount[0] == "min(exports_usd[this_year] * 0.02, 30)"


def test_bands_listed_with_respectively_do_not_overlap() -> None:
    draft = draft_sentence(
        "对首次通过认定的高新技术企业，按其上年度销售收入3000万元（含）以下、3000万元至1亿元（含）、1亿元以上三档，"
        "分别给予10万元、20万元、30万元奖励。"
    )
    assert [([c for c, _ in own], a) for own, (a, _) in draft.variants] == [
        (["revenue[last_year] <= 3000"], "10"),
        (["revenue[last_year] > 3000", "revenue[last_year] <= 10000"], "20"),
        (["revenue[last_year] > 10000"], "30"),
    ]
    assert [c for c, _ in draft.conditions] == ["cert_hightech_year == last_year"]
    shares = draft_sentence("对设备投入达到200万元、1000万元以上的项目，分别按投入的2%、3%给予奖补，最高50万元。")
    assert [a for _, (a, _) in shares.variants] == [
        "min(equipment_investment * 0.02, 50)",
        "min(equipment_investment * 0.03, 50)",
    ]
    assert next([c for c, _ in own] for own, _ in shares.variants) == [
        "equipment_investment >= 200",
        "equipment_investment < 1000",
    ]


def test_titles_listed_with_respectively_are_one_benefit_each() -> None:
    draft = draft_sentence("对当年评为省级智能工厂、市级数字化车间的，分别给予50万元、10万元奖励。")
    labels = [p["label"] for p in draft.proposed.values()]
    assert labels == ["省级智能工厂认定年份", "市级数字化车间认定年份"] and not draft.manual
    assert [([c.split()[1:] for c, _ in own], a) for own, (a, _) in draft.variants] == [
        ([["==", "this_year"]], "50"),
        ([["==", "this_year"]], "10"),
    ]


def test_matching_and_per_unit_amounts_name_what_they_count() -> None:
    matched = draft_sentence("对获得国家科技计划立项的企业，按国家下达经费1:1给予配套，最高200万元。")
    assert matched.amount and matched.amount[0] == "min(national_grant[last_year], 200)"
    assert matched.proposed["national_grant"]["label"] == "国家下达经费"
    each = draft_sentence("企业新购置工业机器人的，每台补助0.5万元，同一企业年度补助不超过30万元。")
    assert each.amount and re.fullmatch(r"min\(per_unit\(quantity_\w+\[last_year\], 0\.5\), 30\)", each.amount[0])
    assert [p["label"] for p in each.proposed.values()] == ["工业机器人"]
    assert draft_sentence("对符合条件的企业，每家给予不低于50万元的补贴。").manual  # only a floor: for a person


def test_exclusive_groups_follow_what_the_text_names() -> None:
    science = draft_policy((DOCS / "d2_science.txt").read_text(encoding="utf-8"), "s")
    grouped = {b["amount"]["clause"] for b in science["benefits"] if b.get("exclusive_group")}
    assert grouped == {"3.1.1", "3.1.2", "3.2.1", "3.2.2"}  # 第三条第（一）项、第（二）项, not the patents or loans
    talent = draft_policy((DOCS / "d3_talent.txt").read_text(encoding="utf-8"), "t")
    (group,) = talent["exclusive"]
    assert group["across_documents"] and group["clause"] == "8"  # 不再同时享受县内其他同类安家补贴
    assert "其他政策的同类补贴" in to_yaml(talent)


@pytest.mark.parametrize(
    ("text", "conditions", "amount"),
    [
        # 民法典 第一千二百五十九条: 以上/以下/以内/届满 include the number, 不满/超过 exclude it (unless stated)
        (
            "上年度从业人员在300人以上1000人以下的企业，给予5万元补助。",
            ["employees[last_year] >= 300", "employees[last_year] <= 1000"],
            "5",
        ),
        ("对上年度营业收入1亿元以上（不含1亿元）的企业，奖励30万元。", ["revenue[last_year] > 10000"], "30"),
        ("当年营业收入100万元以下（不含）的企业，给予5万元奖励。", ["revenue[this_year] < 100"], "5"),
        ("对成立届满3年的企业，给予2万元补助。", ["firm_age >= 3"], "2"),
        ("对上年度纳税总额不满500万元的企业，给予2万元补助。", ["tax_paid[last_year] < 500"], "2"),
        (
            "对年纳税额500万元（含）至1000万元的企业，奖励10万元；1000万元（含）以上的，奖励30万元。",
            ["tax_paid[last_year] >= 500"],
            "tier(tax_paid[last_year], [[500, 10], [1000, 30]])",
        ),
        (
            "对年度研发投入500万元以上且占营业收入比例不低于3%的企业，给予20万元奖励。",
            ["rd_expense[last_year] >= 500", "rd_ratio >= 3"],
            "20",
        ),
    ],
)
def test_legal_reading_and_bands(text: str, conditions: list[str], amount: str) -> None:
    draft = draft_sentence(text)
    assert [c for c, _ in draft.conditions] == conditions and not draft.manual
    assert draft.amount is not None and draft.amount[0] == amount


def test_min_and_max_are_compared_whatever_the_order_of_their_arguments() -> None:
    # min(a, b, c) and min(c, a, b) are one rule; the scorer compared them as strings (extract6's note)
    assert same_rule("min(a[last_year] * 0.3, 100, b * 0.2)") == same_rule("min(100, b * 0.2, a[last_year]*0.3)")
    assert same_rule("max(min(per_unit(x, 0.5, 5), 10), 1)") == same_rule("max(1, min(10, per_unit(x, 0.5, 5)))")
    # only min and max: another call's arguments keep their roles, and min is not max
    assert same_rule("per_unit(x, 0.5, 5)") != same_rule("per_unit(x, 5, 0.5)")
    assert same_rule("min(a, 100)") != same_rule("max(a, 100)")


def test_a_variants_sum_is_held_to_that_variants_conditions() -> None:
    # (doc12) d15's blind draft put the smaller firms' 中小微 on the 大型企业's share too; scored against every
    # variant's conditions together it counted as stated, and the blind figure showed nothing invented
    pairs = [(['size_class in ["大"]'], "paid * 0.3"), (['size_class in ["中", "小", "微"]'], "paid * 0.6")]

    def benefit(formula: str, *exprs: str) -> dict:
        return {"amount": {"formula": formula}, "conditions": [{"expr": e} for e in exprs]}

    both = benefit("paid * 0.3", 'size_class in ["大"]', 'size_class in ["中", "小", "微"]')
    assert _invented([both], pairs, set()) == 1
    assert _invented([benefit("paid * 0.6", 'size_class in ["中", "小", "微"]')], pairs, set()) == 0
    # an amount no variant has (scored wrong already) is held to every variant's conditions, as before
    assert _invented([benefit("paid * 0.5", 'size_class in ["大"]', "x > 1")], pairs, {same_rule("x > 1")}) == 0


def test_a_list_of_one_prefix_is_that_prefix() -> None:
    # startswith(industry, ["F52"]) and startswith(industry, "F52") are one rule (extract11's 限上 labels)
    assert same_rule('startswith(industry, ["F52"])') == same_rule('startswith(industry, "F52")')
    assert same_rule('not startswith(industry, ["C"])') == same_rule('not startswith(industry, "C")')
    # two prefixes are not one, nor is another prefix
    assert same_rule('startswith(industry, ["F", "H"])') != same_rule('startswith(industry, "F")')
    assert same_rule('startswith(industry, ["F51"])') != same_rule('startswith(industry, "F52")')


def test_a_sentence_pasted_alone_into_the_command_drafts_what_the_sentence_reader_drafts(items, scores) -> None:
    """Clauses quoted from a document are run through ``policyreach extract`` one by one: a lone sentence is read
    whole, as the sentence reader reads it (the document path split it at ；, losing the base a second half leans
    on, a list of platforms' kinds and the boards of a listing). Development sentences only; left out are those
    referring to another clause's standard (alone, nothing to resolve: a person's), labels on a field another kind
    of claimant holds (the command guesses whom the text addresses; the label says it) and eligibility with no sum
    (可给予适当补贴: a document sends conditions no benefit takes to a person, who joins them to one)."""
    fields = load_schema(settings.schema_path())
    wrong = []
    for item in items:
        if held_out(item["source"]) or item["id"] in scores["dev"].wrong:
            continue
        label = " ".join([*item.get("conditions", []), str(item.get("amount")), str(item.get("variants", ""))])
        subject = item.get("subject", "enterprise")
        others = [f for n in re.findall(r"[a-z_]+", label) if (f := fields.field(n)) and f.kinds]
        if "award(" in label or any(subject not in f.kinds for f in others):
            continue
        if item.get("conditions") and not item.get("amount") and not item.get("variants"):
            continue
        if not score_sentence(item, FamilyScore(), read=pasted_alone):
            wrong.append(item["id"])
    assert not wrong, f"read right by the sentence reader, wrong through the command: {wrong}"


def test_a_trap_is_a_number_standing_alone_never_a_digit_inside_an_identifier() -> None:
    # (a proposed attribute's identifier is a hash: d32's quantity_897e6cae held a 6 its traps list)
    assert not _trap_taken(
        ["schedule(min(rd_expense[last_year] * 0.2, 200), [1, 1], years_since(quantity_897e6cae))"], ["6"]
    )
    assert _trap_taken(["quantity_897e6cae >= 6"], ["6"]) and _trap_taken(["per_unit(x[last_year], 6)"], ["6"])
    assert not _trap_taken(["x >= 2000.5"], ["2000"]) and _trap_taken(["x[years_ago(2)] > 0"], ["2"])
