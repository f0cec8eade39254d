"""What would change a match (docs/formats.md, "What would change it"): the renderer's hints on hand-made cases,
with the sample schema's fixed attributes and certification validity."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from policyreach.engine.entity import entity_from_mapping
from policyreach.engine.match import Match, match_entity
from policyreach.rules.absence import NONE, ListImport
from policyreach.rules.errors import RuleError
from policyreach.rules.library import compile_library
from policyreach.rules.schema import Schema, load_schema
from tests.rules.one_benefit import library_of

AS_OF = dt.date(2026, 6, 1)  # 上年度 is 2025
IN_CITY = "district == '220102'"  # met by every case below, so that a single unmet condition makes it partial


@pytest.fixture(scope="module")
def schema() -> Schema:
    return load_schema(Path(__file__).resolve().parents[2] / "schema")


def one(
    schema: Schema, conditions: list[str], values: dict[str, Any], absent: dict[str, ListImport] | None = None
) -> Match:
    compiled = compile_library(library_of(schema, [*conditions, IN_CITY], "10"), AS_OF)
    entity = entity_from_mapping(schema, {"kind": "enterprise", "district": "220102", **values})
    if absent:  # a complete list's silence: a known none with the list's provenance (rules/absence.py)
        entity = dataclasses.replace(
            entity, values={**entity.values, **dict.fromkeys(absent, NONE)}, absent={**entity.absent, **absent}
        )
    (match,) = match_entity(compiled, entity, keep_all=True)
    return match


def test_ratio_gap_is_the_exact_missing_numerator(schema) -> None:
    # 21 / 1000 = 2.1 %; 3 % of 1,000 万元 is 30 万元: 9 万元 short, and 8.99 would not do
    match = one(schema, ["rd_ratio >= 3"], {"rd_expense": {2025: "21"}, "revenue": {2025: "1000"}})
    (hint,) = match.hints
    assert "2.1%，要求不低于3%" in hint.text and "研发费用还差 9 万元" in hint.text
    # an awkward denominator: the least figure to the fen of 万元 that the engine's own arithmetic accepts
    match = one(schema, ["rd_ratio >= 3"], {"rd_expense": {2025: "20"}, "revenue": {2025: "1234.57"}})
    (hint,) = match.hints
    assert "还差 17.04 万元" in hint.text  # 3 % × 1,234.57 = 37.0371 → 37.04 − 20
    for figure, status in (("37.04", "eligible"), ("37.03", "partial")):
        again = one(schema, ["rd_ratio >= 3"], {"rd_expense": {2025: figure}, "revenue": {2025: "1234.57"}})
        assert again.status == status


def test_a_past_year_figure_is_fixed_and_holds_out_no_amount(schema) -> None:
    match = one(schema, ["rd_ratio >= 3"], {"rd_expense": {2025: "21"}, "revenue": {2025: "1000"}})
    assert match.status == "partial" and match.fixed and match.hints[0].fixed
    assert "上年度（2025年）数据已确定，无法通过补充材料改变" in match.hints[0].text
    assert match.amount_explanation is not None
    assert "若满足全部条件" not in match.amount_explanation and "无法通过补充材料改变" in match.amount_explanation


def test_threshold_gap_of_a_figure_the_firm_can_change(schema) -> None:
    match = one(schema, ["invention_patents >= 5"], {"invention_patents": 2})
    (hint,) = match.hints
    assert hint.kind == "gap" and not match.fixed
    assert hint.text == "有效发明专利 2件，要求不低于5件：还差 3 件"
    assert match.amount_explanation is not None and "若满足全部条件，您的企业预计可得 10 万元" in (
        match.amount_explanation
    )
    strictly = one(schema, ["invention_patents > 5"], {"invention_patents": 2})
    assert "还差 4 件" in strictly.hints[0].text  # more than 5 is 6


def test_this_years_money_figure_gap_in_wan(schema) -> None:
    match = one(schema, ["revenue[this_year] >= 2000"], {"revenue": {2026: "1975.5"}})
    (hint,) = match.hints
    assert hint.kind == "gap" and "本年度（2026年）营业收入 1,975.5万元" in hint.text and "还差 24.5 万元" in hint.text


def test_fixed_attributes_are_said_to_be_fixed(schema) -> None:
    industry = one(schema, ["industry in ['C39', 'I65']"], {"industry": "C31"})
    (hint,) = industry.hints
    assert hint.fixed and industry.fixed
    assert hint.text == "所属行业为黑色金属冶炼和压延加工业，不在支持范围内（无法通过补充材料改变）"
    young = one(schema, ["firm_age >= 4"], {"established": dt.date(2024, 1, 1)})
    assert young.fixed and "成立日期 2024年1月1日" in young.hints[0].text
    # firm_age and institute_age derive the same value: the sentence names what they share, never 机构 for a firm
    assert "“成立年限不低于4年”" in young.hints[0].text
    # the fourth anniversary comes by itself: said as a fact, still fixed on the platform's date
    assert "将于2028年1月1日满足；无法通过补充材料改变" in young.hints[0].text
    # a size class derived from last year's figures is fixed too
    size = one(
        schema,
        ["size_class in ['小', '微']"],
        {
            "industry": "C31",
            "employees": {2025: 2000},
            "revenue": {2025: "50000"},
            "total_assets": {2025: "90000"},
        },
    )
    size_hint = size.hints[0]
    assert size.status == "partial" and size_hint.fixed, size_hint


def test_a_changeable_condition_beside_a_fixed_one_keeps_the_hope(schema) -> None:
    match = one(
        schema,
        ["industry in ['C39']", "invention_patents >= 5"],
        {"industry": "C39", "invention_patents": 1},
    )
    assert not match.fixed
    both = one(schema, ["industry in ['C39']", "invention_patents >= 5"], {"industry": "C31", "invention_patents": 1})
    assert not both.fixed  # one unmet condition can change; the page still lists the fixed one as fixed
    assert [h.kind for h in both.hints] == ["fixed", "gap"]


def test_an_expired_certification_says_when_and_what_renewal_needs(schema) -> None:
    valid = "cert_hightech_year >= last_year - 2"
    match = one(schema, [valid], {"cert_hightech_year": 2019})
    (hint,) = match.hints
    assert hint.kind == "expired" and not match.fixed
    assert hint.text.startswith("国家高新技术企业认定已于 2022 年到期（2019 年认定，有效期三年），需向科技部门重新申请")
    assert "需先取得" not in hint.text
    # a condition on last year's certification cannot be met by renewing now: fixed, still saying it expired
    last = one(schema, ["cert_hightech_year == last_year"], {"cert_hightech_year": 2019})
    assert last.fixed and "已于 2022 年到期" in last.hints[0].text and "无法通过补充材料改变" in last.hints[0].text
    # not certified at all: obtain it (this year's certificate would meet the condition)
    hightech_list = ListImport("hightech_list", "科技局高企名单", "science_bureau", dt.date(2026, 3, 31), "b1")
    never = one(schema, [valid], {}, {"cert_hightech_year": hightech_list})
    assert never.status == "partial" and never.hints[0].kind == "obtain"
    assert never.hints[0].text == (
        "科技局高企名单（截至 2026-03-31）未列入：需先取得国家高新技术企业认定，取得后方可申报"
    )
    # a certificate still in force (2023 + 3 = 2026) is not called expired
    assert one(schema, [valid], {"cert_hightech_year": 2023}).status == "eligible"


def test_any_group_offers_the_ways_the_firm_can_take(schema) -> None:
    ways = "invention_patents >= 5 or cert_hightech_year >= last_year - 2 or industry == 'C39'"
    match = one(schema, [ways], {"invention_patents": 2, "cert_hightech_year": 2019, "industry": "C31"})
    (hint,) = match.hints
    assert hint.kind == "choice" and hint.text.startswith("满足以下任一项即可：①有效发明专利 2件")
    assert "②国家高新技术企业认定已于 2022 年到期" in hint.text and "C31" not in hint.text and "行业" not in hint.text
    # one open way: that way alone; none: fixed
    single = one(schema, ["invention_patents >= 5 or industry == 'C39'"], {"invention_patents": 2, "industry": "C31"})
    assert single.hints[0].kind == "gap"
    young = {"industry": "C31", "established": dt.date(2025, 1, 1)}
    closed = one(schema, ["industry == 'C39' or firm_age >= 4"], young)
    assert closed.fixed


def test_a_missing_value_names_the_fields_to_fill(schema) -> None:
    match = one(schema, ["rd_ratio >= 3"], {})
    assert match.status == "likely"
    (hint,) = match.hints
    assert hint.kind == "missing"
    assert [f.column for f in hint.fields] == ["rd_expense_2025", "revenue_2025"]
    assert [f.label for f in hint.fields] == ["上年度（2025年）研发费用", "上年度（2025年）营业收入"]
    # a builtin's missing inputs are the stored figures it is derived from
    size = one(schema, ["size_class in ['小', '微']"], {"industry": "C31"})
    assert {f.column for f in size.hints[0].fields} == {"employees_2025", "revenue_2025", "total_assets_2025"}


def test_the_schema_refuses_a_validity_on_anything_but_a_year(tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "kind: enterprise\nattributes:\n"
        "  name: {label: 名称, type: string, fixed: past,\n"
        "         validity: {values: {2016-01-01: 3}, reference: x, renewal: y}}\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleError, match=r"attributes\.name"):
        load_schema(bad)


def test_the_word_free_fixed_decision_agrees_with_the_hints_over_the_demo_city(platform) -> None:
    """``Match.fixed`` (asked of every partial match on the policy list) decides without writing any hint: it must
    say what every unmet condition's written hint says, for every kept and set-aside benefit of a few hundred of the
    demo city's entities (every kind of condition the sample library has: gaps, ratios, events, lists, groups)."""
    from sqlalchemy import select

    from policyreach.store.models import Entity

    seen = {True: 0, False: 0}
    with platform.sessions() as session:
        entities = session.scalars(select(Entity).order_by(Entity.id).limit(120)).all()
        for entity in entities:
            for match in platform.matcher.match(platform.record(entity), keep_all=True):
                if "unmet" not in match.outcomes:
                    continue
                for condition in match.unmet:
                    shared = match._shared
                    quick = shared.explainer.unmet_fixed(condition.node, shared.values, shared.who, shared.absent)
                    assert condition.hint is not None and quick == condition.hint.fixed, (
                        entity.entity_id,
                        match.benefit_id,
                        condition.requirement,
                        condition.hint,
                    )
                    seen[quick] += 1
                assert match.fixed == all(c.hint is not None and c.hint.fixed for c in match.unmet)
    assert seen[True] > 100 and seen[False] > 100, seen  # both answers are exercised, not one
