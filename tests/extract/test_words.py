"""From rules to words: every condition and amount renders through ``policyreach.engine.explain`` with the
entity's own figures, in the report/portal match objects and on the public calculator page."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient

from policyreach import settings
from policyreach.engine.entity import entity_from_mapping
from policyreach.engine.explain import GRANT_ZH, Explainer
from policyreach.engine.match import SingleMatcher
from policyreach.rules.binding import bind
from policyreach.rules.language import Env, parse_expression
from policyreach.rules.library import compile_library, load_library
from policyreach.rules.schema import load_schema

AS_OF = dt.date(2026, 6, 1)
FIRM = {
    "kind": "enterprise",
    "district": "220102",
    "industry": "C36",
    "revenue": {2025: "1500", 2024: "1200"},
    "rd_expense": {2025: "425", 2024: "300"},
    "employees": {2025: 80, 2024: 70},
    "established": "2015-03-01",
    "serious_violation": False,
    "cert_hightech_year": 2025,
    "rd_staff": {2025: 12},
    "new_hires_graduates": {2025: 12},
    "exports": {2025: "2000", 2024: "1500"},
}


@pytest.fixture(scope="module")
def schema():
    return load_schema(settings.schema_path())


@pytest.fixture(scope="module")
def explainer(schema) -> Explainer:
    return Explainer(schema, AS_OF)


def _node(schema, expr: str):
    return bind(parse_expression(expr, Env(schema)), AS_OF, {})


@pytest.mark.parametrize(
    ("expr", "value", "words"),
    [
        (
            "min(rd_expense[last_year] * 0.1, 100)",
            "42.5",
            "按上年度（2025年）研发费用的10%给予补助，最高100万元；您的企业预计可得 42.5 万元",
        ),
        ("20", "20", "给予20万元；您的企业预计可得 20 万元"),
        (
            "tier(employees[last_year], [[0, 1], [10, 3], [50, 5]])",
            "5",
            "按上年度（2025年）从业人员分档给予：不足10人的1万元；10人（含）至50人的3万元；50人及以上的5万元；"
            "您的企业预计可得 5 万元",
        ),
        (
            "tier(exports[last_year], [[1000, 10], [5000, 30]])",
            "10",
            "按上年度（2025年）出口额分档给予：1,000万元（含）至5,000万元的10万元；5,000万元及以上的30万元；"
            "您的企业预计可得 10 万元",
        ),
        (
            "min((rd_expense[last_year] - rd_expense[years_ago(2)]) * 0.15, 200)",
            "18.75",
            "按上年度（2025年）研发费用较2024年增长部分的15%给予补助，最高200万元；您的企业预计可得 18.75 万元",
        ),
        (
            "min(new_hires_graduates[last_year] * 0.1, 50)",
            "1.2",
            "按上年度（2025年）新招用高校毕业生每人0.1万元给予补助，最高50万元；您的企业预计可得 1.2 万元",
        ),
        ("0.3 * 12", "3.6", "每月0.3万元，按12个月计，共3.6万元；您的企业预计可得 3.6 万元"),
        (
            "tier(ratio(rd_staff[last_year], employees[last_year]) * 100, [[10, 5], [20, 10]])",
            "5",
            "按上年度（2025年）研发人员占上年度（2025年）从业人员的百分比分档给予：10%（含）至20%的5万元；"
            "20%及以上的10万元；您的企业预计可得 5 万元",
        ),
    ],
)
def test_amount_forms_read_as_sentences(schema, explainer, expr: str, value: str, words: str) -> None:
    assert explainer.explain_amount(_node(schema, expr), Decimal(value), {}) == words


@pytest.mark.parametrize(
    ("expr", "words"),
    [
        # parameters bind to constants: 加计扣除比例 100% is a factor of 1, two rates' difference one rate
        ("rd_expense[last_year] * 1.0 * 0.25", "按上年度（2025年）研发费用的25%估算减免税额（万元）"),
        (
            "min(revenue[last_year] * 0.1, 300) * (0.25 - 0.05)",
            "按（上年度（2025年）营业收入的10%，最高300万元）的20%估算减免税额（万元）",
        ),
        (
            "min(exports[last_year], 500) * 0.25 + max(exports[last_year] - 500, 0) * 0.125",
            "按（上年度（2025年）出口额，最高500万元）的25%＋上年度（2025年）出口额超过500万元的部分的12.5%"
            "估算减免税额（万元）",
        ),
    ],
)
def test_a_tax_relief_reads_as_an_estimate_in_plain_figures(schema, explainer, expr: str, words: str) -> None:
    assert explainer.amount_rule(_node(schema, expr), kind="other", payout="tax") == words


def test_a_condition_reads_with_the_firms_own_figure(schema, explainer) -> None:
    node = _node(schema, "revenue[last_year] >= 2000")
    assert (
        explainer.explain_condition(node, "unmet", {"revenue_2025": Decimal(1500)})
        == "上年度（2025年）营业收入不低于2,000万元（您的企业：1,500万元，未满足）"
    )
    share = _node(schema, "ratio(rd_staff[last_year], employees[last_year]) * 100 >= 10")
    assert explainer.sentence(share) == "上年度（2025年）研发人员占上年度（2025年）从业人员的比例不低于10%"


@pytest.fixture(scope="module")
def library(schema):
    return load_library([settings.library_path()], schema)


def test_every_condition_and_amount_of_the_library_renders_from_its_structure(schema, library) -> None:
    """What the report and the portal show (Match.conditions[].explanation, Match.amount_explanation)."""
    matcher = SingleMatcher(compile_library(library, AS_OF))
    firm = entity_from_mapping(schema, FIRM, verified=())
    matches = {m.benefit_id: m for m in matcher.match(firm, keep_all=True)}
    assert (
        matches["rds-rd-subsidy"].amount_explanation
        == "按上年度（2025年）研发费用的10%给予补助，最高100万元；您的企业预计可得 42.5 万元"
    )
    rd = next(c.explanation for c in matches["rds-rd-subsidy"].conditions if "研发费用不低于" in c.explanation)
    assert rd.endswith("研发费用不低于100万元（您的企业：425万元，满足）")
    rendered = 0
    kinds_granted: set[tuple[str, str]] = set()
    for match in matches.values():
        for c in match.conditions:
            # no rule syntax leaks into the words, and each sentence states the outcome with the firm's own figures
            assert not re.search(r"\[|params\.|_year|==|>=|<=|×100", c.explanation), c.explanation
            assert re.search(r"（.*(满足|未满足|待补充)）$", c.explanation), c.explanation
            rendered += 1
        if match.amount_explanation:
            assert not re.search(r"\[|params\.|_year|tier\(|min\(", match.amount_explanation), match.amount_explanation
            # what is granted follows the benefit's kind: a certification award is not a 补助
            granted = set(re.findall(r"给予(奖励|补助|补贴|支持)", match.amount_explanation))
            assert granted <= {GRANT_ZH[match.benefit.spec.kind]}, (match.benefit_id, match.amount_explanation)
            kinds_granted.update((match.benefit.spec.kind, g) for g in granted)
            rendered += 1
    assert rendered > 300
    assert {("indicator", "奖励"), ("subsidy", "补助")} <= kinds_granted, kinds_granted


def test_the_calculator_page_shows_every_rule_in_words(schema, library, tmp_path_factory) -> None:
    from policyreach.app.platform import Platform
    from policyreach.store.db import make_engine, migrate, sessions
    from policyreach.web.app import create_app

    base = tmp_path_factory.mktemp("calc")
    engine = make_engine(f"sqlite:///{base / 'calc.db'}")
    migrate(engine)
    plat = Platform(engine, sessions(engine), schema, library, AS_OF, settings.library_path())
    with TestClient(create_app(plat, secret="test-secret")) as client:
        html = client.get(
            "/calculator",
            params={
                "go": "1",
                "kind": "enterprise",
                "district": "220102",
                "industry": "C36",
                "revenue": "1500",
                "rd_expense": "425",
            },
        ).text
    assert "逐条解读" in html
    assert "按上年度（2025年）研发费用的10%给予补助，最高100万元；您的企业预计可得 42.5 万元" in html
    assert "研发费用不低于100万元（您的企业：425万元，满足）" in html
