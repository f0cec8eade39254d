"""With a learned model: the report (HTML, JSON, XLSX), the portal, the push messages and the evidence snapshots show
the likely items' probabilities and the model's provenance; the console shows the model to the officer."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import select

from policyreach.app import likelihood
from policyreach.push.messages import compose
from policyreach.redemption.claims import snapshot
from policyreach.store.models import Account, Entity
from tests.conftest import with_likelihood
from tests.web.conftest import login

CHANCE = re.compile(r"^约 (不足 1%|99% 以上|\d{1,2}%)$")


def test_without_a_model_the_report_says_so_and_the_console_too(app) -> None:
    # first in the module: the model below is trained once for the tests after it
    with TestClient(app) as client:
        data = login(client, "enterprise1").get("/me/report.json").json()
    assert data["model"] is None and "尚未训练" in data["model_zh"]
    assert all(b["probability_zh"] is None for b in data["benefits"])
    with TestClient(app) as client:
        page = login(client, "officer").get("/console/likelihood")
    assert page.status_code == 200 and "尚未训练概率模型" in page.text


@pytest.fixture(scope="module")
def trained(platform, likelihood_file):
    """The shared platform with the session's model (trained once, tests/conftest.py), taken away afterwards."""
    with with_likelihood(platform, likelihood_file) as model:
        yield model


@pytest.fixture(scope="module")
def firm_client(app, trained):
    with TestClient(app) as client:
        yield login(client, "enterprise1")


def test_the_json_report_gives_probabilities_the_model_and_money_kinds_apart(firm_client, trained) -> None:
    data = firm_client.get("/me/report.json").json()
    model = data["model"]
    assert model["version"] == trained.info.version and model["rows"] == trained.info.rows > 0
    assert model["trained_at"] == trained.info.trained_at.isoformat(timespec="seconds")
    assert model["features"] == list(trained.info.features) and len(model["features_zh"]) == len(model["features"])
    assert trained.info.version in data["model_zh"] and f"{trained.info.rows} 行" in data["model_zh"]
    likely = [b for b in data["benefits"] if b["status"] == "likely"]
    assert likely and all(b["probability"] is not None and CHANCE.match(b["probability_zh"]) for b in likely)
    assert all(b["probability_zh"] is None for b in data["benefits"] if b["status"] != "likely")
    summary = data["summary"]
    # each payout its own sum, certain and expected alike; the expected adds the plan's likely items at p × amount
    payouts = {"cash", "tax", "interest", "loan"}
    assert set(summary["totals_wan"]) <= payouts and set(summary["expected_wan"]) <= payouts
    planned_likely = [b for b in likely if b["in_plan"]]
    assert planned_likely, "the demo firm has likely items in its plan"
    for payout, certain in summary["totals_wan"].items():
        assert Decimal(summary["expected_wan"][payout]) >= Decimal(certain)
    for payout in {b["payout"] for b in planned_likely}:
        extra = sum(
            Decimal(str(round(b["probability"], 6))) * Decimal(b["amount"])
            for b in planned_likely
            if b["payout"] == payout
        )
        gained = Decimal(summary["expected_wan"][payout]) - Decimal(summary["totals_wan"].get(payout, "0"))
        assert abs(gained - extra) <= Decimal("0.01") * len(planned_likely)  # each expected value is to the fen


def test_the_html_and_xlsx_reports_show_probabilities_and_provenance(firm_client, trained) -> None:
    html = firm_client.get("/me/report").text
    assert re.search(r"可能符合（约 (不足 1%|99% 以上|\d{1,2}%)）", html)
    assert trained.info.version in html and "连同可能符合的事项（按概率折算的期望值）" in html
    book = load_workbook(io.BytesIO(firm_client.get("/me/report.xlsx").content))
    sheet = book.active
    assert trained.info.version in str(sheet["A4"].value)
    chances = [row[5].value for row in sheet.iter_rows(min_row=6) if row[4].value == "可能符合"]
    assert chances and all(CHANCE.match(str(c)) for c in chances)
    assert "含可能符合事项按概率折算的期望值" in str(sheet["A2"].value)


def test_the_portal_shows_the_expected_money_and_the_model(firm_client, trained) -> None:
    page = firm_client.get("/me/policies").text
    assert "连同可能符合的事项（按概率折算的期望值）" in page and trained.info.version in page


def test_an_evidence_snapshot_keeps_the_model_in_force(platform, trained) -> None:
    with platform.sessions() as session:
        account = session.scalar(select(Account).where(Account.username == "enterprise1"))
        entity = session.get(Entity, account.entity_pk)
        match = platform.matches(session, entity, habits=False)[0]
        kept = snapshot(platform, entity, match)
    assert kept["model"]["version"] == trained.info.version and kept["model"]["rows"] == trained.info.rows
    assert kept["model"]["trained_at"] and kept["model"]["features_zh"]


def test_a_likely_message_says_its_probability() -> None:
    subject, body = compose(
        kind="benefit.likely",
        who="贵企业",
        policy_title="测试政策",
        benefit_title="瞪羚企业奖励",
        clauses=["3"],
        met=["成立满3年"],
        unknown=["上年度营业收入增长率不低于20%"],
        amount_wan=Decimal("50"),
        closes=None,
        probability=0.724,
    )
    assert subject == "您可能符合：瞪羚企业奖励（约 72%）"
    assert body.startswith("贵企业可能符合（约 72%，依据同行业、同规模企业的数据）《测试政策》")


def test_the_console_shows_the_model_its_figures_and_importances_in_chinese(app, platform, trained) -> None:
    officer = login(TestClient(app), "officer")
    page = officer.get("/console/likelihood")
    assert page.status_code == 200
    text = page.text
    assert trained.info.version in text and f"{trained.info.rows} 行" in text and "北京时间" in text
    rows = likelihood.overview(trained, platform.compiled)
    learned = [r for r in rows if r.learned]
    assert learned and any(r.auc is not None and 0.0 <= r.auc <= 1.0 for r in learned)
    assert all(r.brier is None or 0.0 <= r.brier <= 1.0 for r in rows)
    # the importances of the model with most rows, by default, each feature in Chinese
    shown = max(learned, key=lambda r: r.rows)
    found = likelihood.feature_importances(trained, shown.index, platform.schema)
    assert found and all(re.search(r"[\u4e00-\u9fff]", name) for name, _ in found)
    assert found[0][0] in text and "特征重要性" in text
    other = officer.get(f"/console/likelihood?m={learned[-1].index}")
    assert other.status_code == 200 and learned[-1].conditions.split("；")[0] in other.text
    refused = officer.get(f"/console/likelihood?m={len(rows)}")
    assert refused.status_code == 400 and "模型编号 m 超出范围" in refused.text
    assert officer.get("/console/likelihood?m=abc").status_code == 400
