"""The amounts the rules language gained in the eighth round, drafted from sentences of our own (none taken from the
development set): a reviewer's amount with only a floor (不低于X万元), a share of a 美元 figure paid in 元 at the
exchange-rate parameter the draft declares, and a standard less an award already received. A drafted policy with
them, once the officer fills what the draft cannot know, loads, matches and is explained."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from policyreach import settings
from policyreach.engine.entity import entity_from_mapping
from policyreach.engine.match import match_entity
from policyreach.extract.draft import draft_policy, to_yaml
from policyreach.extract.sentence import draft_sentence
from policyreach.rules.errors import RuleError
from policyreach.rules.library import Library, add_policy_file, compile_library
from policyreach.rules.schema import ProposedAttribute, extend, load_schema


def drafted(text: str) -> tuple[list[str], str | None]:
    draft = draft_sentence(text)
    assert not draft.manual, draft.manual
    return [c for c, _ in draft.conditions], draft.amount[0] if draft.amount else None


@pytest.mark.parametrize(
    ("text", "conditions", "amount"),
    [
        (
            "对上年度营业收入同比增长25%以上的企业，每家给予不低于40万元的市场开拓补贴。",
            ["revenue_growth >= 25"],
            "manual(floor=40)",
        ),
        (  # a floor and a cap listed together: the reviewer's amount between them
            "对新认定的高新技术企业，给予不低于10万元、最高不超过60万元的研发补助。",
            ["cert_hightech_year == last_year"],
            "manual(60, floor=10)",
        ),
    ],
)
def test_a_floor_with_no_formula_is_a_reviewers_amount_never_the_floor_itself(text, conditions, amount) -> None:
    assert drafted(text) == (conditions, amount)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        (
            "对企业设备更新项目，按设备购置额的10%～15%给予奖补，单个项目原则上不超过800万元。",
            "manual(min(equipment_purchase * 0.15, 800), floor=equipment_purchase * 0.1)",
        ),
        (  # no cap in money: the higher share alone bounds it
            "对企业技术改造项目，按设备购置额的5%至8%给予补助。",
            "manual(equipment_purchase * 0.08, floor=equipment_purchase * 0.05)",
        ),
    ],
)
def test_a_rate_range_is_a_reviewers_amount_between_the_two_shares(text, amount) -> None:
    assert drafted(text) == (["equipment_purchase > 0"], amount)


def test_a_rate_range_is_never_its_lower_end_alone() -> None:
    # it went whole to a person before the bounds could be formulas (test_phrasing_families kept that case)
    # (设备投资额 is the project's own figure, as the set labels it: doc9)
    assert drafted("对企业技术改造项目，按照设备投资额的8%-12%给予补助。") == (
        ["equipment_investment > 0"],
        "manual(equipment_investment * 0.12, floor=equipment_investment * 0.08)",
    )


def test_a_rate_floor_is_a_reviewers_amount_at_least_the_share_of_the_figure_compared() -> None:
    draft = draft_sentence("对当年实际到位外资超过3000万美元的增资项目，按不低于3%的比例给予奖励，最高奖励5000万元。")
    assert not draft.manual and [c for c, _ in draft.conditions] == ["foreign_capital_usd[this_year] > 3000"]
    assert draft.amount is not None
    assert draft.amount[0] == "manual(5000, floor=foreign_capital_usd[this_year] * params.usd_cny * 0.03)"
    assert set(draft.parameters) == {"usd_cny"}
    # in 元, no exchange rate
    conditions, amount = drafted("对上年度技术改造投资超过2000万元的项目，按不低于5%的比例给予补助，最高补助300万元。")
    (figure,) = {c.split(" >")[0] for c in conditions}
    assert amount == f"manual(300, floor={figure} * 0.05)"


def test_a_fund_of_at_least_a_size_is_no_floor_of_an_award() -> None:
    text = "区财政每年安排不低于3亿元的产业发展专项资金，对新认定的高新技术企业奖励15万元。"
    assert drafted(text) == (["cert_hightech_year == last_year"], "15")


def test_a_share_of_a_dollar_figure_paid_in_yuan_uses_the_declared_exchange_rate() -> None:
    draft = draft_sentence(
        "对当年实际到位外资200万美元以上的新设项目，按实际到位外资的3%给予奖励，最高奖励150万元人民币。"
    )
    assert not draft.manual, draft.manual
    assert [c for c, _ in draft.conditions] == ["foreign_capital_usd[this_year] >= 200"]
    assert draft.amount is not None
    assert draft.amount[0] == "min(foreign_capital_usd[this_year] * params.usd_cny * 0.03, 150)"
    assert set(draft.parameters) == {"usd_cny"} and draft.parameters["usd_cny"]["unit"] == "元/美元"
    assert set(draft.proposed) == {"foreign_capital_usd"}  # the figure in 元 is read by no rule


def test_a_share_of_a_figure_in_yuan_needs_no_exchange_rate() -> None:
    draft = draft_sentence("对当年实际到位外资2000万元以上的新设项目，按实际到位外资的3%给予奖励，最高奖励150万元。")
    assert not draft.parameters and draft.amount is not None and "usd_cny" not in draft.amount[0]


def test_a_standard_less_the_award_already_received() -> None:
    draft = draft_sentence(
        "企业在境外证券交易所上市的，奖励标准为200万元，已获得辅导阶段奖励的，扣减已获奖励后给予奖励。"
    )
    assert not draft.manual, draft.manual
    (name,) = draft.proposed
    assert draft.proposed[name]["label"] == "已获奖励" and draft.proposed[name]["unit"] == "万元"
    assert [c for c, _ in draft.conditions] == ["listed"]
    assert draft.amount is not None and draft.amount[0] == f"max(200 - {name}, 0)"


DOCUMENT = """长春市促进外资和市场开拓的若干措施
第一条 对当年实际到位外资300万美元以上的新设项目，按实际到位外资的2%给予奖励，最高奖励100万元人民币。
第二条 对上年度营业收入同比增长20%以上的企业，每家给予不低于30万元、最高不超过80万元的市场开拓补贴。
第三条 对企业设备更新项目，按设备购置额的10%～15%给予奖补，单个项目不超过800万元。
"""


def test_a_drafted_policy_with_them_loads_matches_and_is_explained_once_filled(tmp_path: Path) -> None:
    draft = draft_policy(DOCUMENT, "fx")
    assert draft["parameters"]["usd_cny"]["values"] == {} and draft["parameters"]["usd_cny"]["reference"] == "1"
    floor = next(b for b in draft["benefits"] if b["amount"]["clause"] == "2")
    assert floor["amount"]["manual"] is True and (floor["amount"]["floor"], floor["amount"]["cap"]) == (30, 80)
    assert floor["redemption"] == "review"
    text = to_yaml(draft).replace("payout: 待填写", "payout: cash")
    path = tmp_path / "fx.yaml"
    path.write_text(text, encoding="utf-8")
    proposed = {n: ProposedAttribute.model_validate(p).attribute(n) for n, p in draft["proposed_attributes"].items()}
    schema = extend(load_schema(settings.schema_path()), proposed)
    today = dt.date.today()
    library = Library(schema=schema)
    add_policy_file(library, path)
    with pytest.raises(RuleError, match=r"params\.usd_cny"):
        compile_library(library, today)  # the rate the officer has not filled yet: never a guessed one
    path.write_text(text.replace("values: {}", "values: {2020-01-01: 7.1}"), encoding="utf-8")
    library = Library(schema=schema)
    add_policy_file(library, path)
    firm = {"kind": "enterprise", "foreign_capital_usd": {today.year: 500}, "revenue": {today.year - 1: 1300}}
    firm["equipment_purchase"] = 2000
    firm["revenue"][today.year - 2] = 1000
    got = {m.benefit_id: m for m in match_entity(compile_library(library, today), entity_from_mapping(schema, firm))}
    assert got["fx-1"].amount == Decimal(71)  # 500万美元 × 7.1 × 2%
    assert got["fx-2"].amount is None and got["fx-2"].benefit.manual_floor == Decimal(30)
    assert "在30万元至80万元之间（含）" in (got["fx-2"].amount_explanation or "")
    ranged = got["fx-3"]
    assert ranged.amount is None and ranged.benefit.manual_cap_node is not None
    assert "（按您的企业的数据：200万元至300万元）" in (ranged.amount_explanation or "")  # 2,000万元 × 10%～15%


def test_the_drafted_yaml_keeps_the_floor() -> None:
    loaded = yaml.safe_load(to_yaml(draft_policy(DOCUMENT, "fx")))
    amount = next(b for b in loaded["benefits"] if b["amount"]["clause"] == "2")["amount"]
    assert (amount["floor"], amount["cap"]) == (30, 80)
