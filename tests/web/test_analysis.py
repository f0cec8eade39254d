"""Console pages for simulation, reforms and allocation."""

from __future__ import annotations

import io
import re
from urllib.parse import quote

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from policyreach import settings
from tests.web.conftest import csrf_of, login


def _admin(app) -> TestClient:
    return login(TestClient(app), "admin")


def test_simulation_page_and_export(app, platform) -> None:
    client = _admin(app)
    html = client.get("/console/simulation").text
    with platform.sessions() as session:
        sim = platform.simulation(session)
    assert f"{sim.entities} 个主体" in html and "data-figure=" in html and "<script>" not in html and "政策盲区" in html
    export = client.get("/console/simulation.xlsx")
    assert re.search(
        r"filename\*=UTF-8''" + re.escape(quote("政策兑现模拟-")) + r"\d{4}-\d\d-\d\d\.xlsx$",
        export.headers["content-disposition"],
    )
    book = load_workbook(io.BytesIO(export.content))
    assert "兑现事项" in book.sheetnames and "按区县" in book.sheetnames


def test_reform_page_compares_and_refuses_a_broken_reform(app) -> None:
    client = _admin(app)
    token = csrf_of(client.get("/console/reform").text)
    reform = (settings.ROOT / "examples" / "reforms" / "hightech-award.yaml").read_bytes()
    html = client.post(
        "/console/reform", data={"csrf_token": token}, files={"reform": ("reform.yaml", reform, "application/x-yaml")}
    ).text
    assert (
        "新区高企配套奖励提高到20万元" in html
        and "资金拨付：" in html
        and "data-figure=" in html
        and "<script>" not in html
    )
    assert "税收优惠：" in html  # each payout its own line: a reform's cost never adds tax relief to cash
    broken = reform.replace(b"rd_expense[last_year] >= 300", b"rd_expense[last_year] >= banana")
    response = client.post(
        "/console/reform", data={"csrf_token": token}, files={"reform": ("reform.yaml", broken, "application/x-yaml")}
    )
    assert response.status_code == 422 and "banana" in response.text


def test_allocation_page_runs_the_three_strategies(app) -> None:
    client = _admin(app)
    token = csrf_of(client.get("/console/allocation").text)
    plan = (settings.ROOT / "examples" / "funds.yaml").read_bytes()
    html = client.post(
        "/console/allocation",
        data={"csrf_token": token},
        files={"plan_file": ("funds.yaml", plan, "application/x-yaml")},
    ).text
    assert "先到先得" in html and "按比例核减" in html and "最优配置" in html and "HiGHS" in html
    bad = client.post(
        "/console/allocation",
        data={"csrf_token": token},
        files={"plan_file": ("funds.yaml", b"funds: 3", "application/x-yaml")},
    )
    assert bad.status_code == 422 and "资金方案有误" in bad.text


def test_firms_cannot_reach_the_analysis_pages(firm) -> None:
    for path in ("/console/simulation", "/console/reform", "/console/allocation"):
        assert firm.get(path, follow_redirects=False).status_code == 403


def test_extract_page_drafts_rules_and_keeps_manual_parts(app) -> None:
    client = _admin(app)
    token = csrf_of(client.get("/console/extract").text)
    text = (
        "第一条 本措施适用于在长春市注册、无严重失信记录的企业。\n"
        "第二条 对上年度首次认定为国家高新技术企业的，给予20万元一次性奖励。\n"
        "第三条 本办法由市科学技术局负责解释。"
    )
    html = client.post("/console/extract", data={"csrf_token": token, "text": text}).text
    assert "cert_hightech_year == last_year" in html and "待人工处理（1）" in html and "负责解释" in html


def test_extract_page_reads_a_pdf_and_shows_scope_budget_and_validity(app) -> None:
    from pathlib import Path

    client = _admin(app)
    token = csrf_of(client.get("/console/extract").text)
    pdf = Path(__file__).parents[1] / "extract" / "real" / "documents" / "d1_industry.pdf"
    html = client.post(
        "/console/extract",
        data={"csrf_token": token},
        files={"document": ("临江市政策.pdf", pdf.read_bytes(), "application/pdf")},
    ).text
    assert "适用范围（各项共同条件）" in html and "not serious_violation" in html
    assert "资金规模（第 3 款）：5,000 万元，作为资金预算建议" in html
    assert "有效期：2024-03-01 至 2026-12-31" in html and "就高不重复（第 11 款）" in html
    assert "分年拨付：60.0%、40.0%" in html and "待命名（第四条）" in html
    # a file that is not a PDF at all is refused with a clear Chinese message, nothing drafted
    bad = client.post(
        "/console/extract",
        data={"csrf_token": token},
        files={"document": ("坏文件.pdf", b"%PDF-1.7 broken", "application/pdf")},
    )
    assert bad.status_code == 400 and "无法读取" in bad.text and "兑现事项草稿" not in bad.text
    assert "坏文件.pdf" in bad.text  # the sender's own file name, not the server's temporary one
    # an old binary Word file, as government sites still publish: refused by its name, with the way out
    old = client.post(
        "/console/extract",
        data={"csrf_token": token},
        files={"document": ("旧通知.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048), "application/msword")},
    )
    assert old.status_code == 400 and "“旧通知.doc”（旧版 Word（.doc）文件）" in old.text and "另存为 .docx" in old.text
