"""The smart matching report: HTML, JSON, XLSX and a PDF whose text is real Chinese."""

from __future__ import annotations

import io
import unicodedata

from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from policyreach.store.models import Account

RADICALS = str.maketrans(dict(zip("⻓⻔⻋⻢⻚⻜⻅⻉⻛⻥⻆⻄⻝⻘", "长门车马页飞见贝风鱼角西食青", strict=True)))


def _entity_name(platform, username: str) -> str:
    with platform.sessions() as session:
        return session.scalar(select(Account).where(Account.username == username)).entity.name


def test_html_report(firm, platform) -> None:
    html = firm.get("/me/report").text
    assert "智能匹配报告" in html and _entity_name(platform, "enterprise1") in html
    assert "资金到达方式" in html and "政策条款" in html


def test_json_report_agrees_with_the_portal(firm, platform) -> None:
    data = firm.get("/me/report.json").json()
    assert data["title"] == "智能匹配报告" and data["entity"]["name"] == _entity_name(platform, "enterprise1")
    eligible = [b for b in data["benefits"] if b["status"] == "eligible"]
    assert data["summary"]["eligible"] == len(eligible) > 0
    from decimal import Decimal

    # one sum per payout over what can still be claimed; no grand total adds a tax relief to money paid
    assert "total_amount_wan" not in data["summary"]
    # the best plan's: an exclusive group (不得重复享受，就高) counts its highest item only, a window closed for the
    # year keeps an item out; each says why
    left_out = {x["benefit_id"]: x["reason"] for x in data["summary"]["left_out"]}
    assert all("不重复享受（就高）" in why or why.startswith("申报窗口已关闭") for why in left_out.values())
    if left_out:  # the portal's totals are the same plan's, and say what they leave out
        assert "合计按最佳申报方案计算，未计入" in firm.get("/me/policies").text
    claimable = [b for b in eligible if b["benefit_id"] not in left_out]
    assert all(b["in_plan"] for b in claimable) and not any(b["in_plan"] for b in eligible if b not in claimable)
    expected = {p: sum(Decimal(b["amount"] or 0) for b in claimable if b["payout"] == p) for p in ("cash", "tax")}
    totals = data["summary"]["totals_wan"]
    assert all(Decimal(totals.get(p, "0")) == expected[p] for p in expected)
    assert data["summary"]["closed"] == sum(1 for b in eligible if b["window_status"] == "closed")
    assert all(b["clauses"] for b in data["benefits"])


def test_xlsx_report(firm) -> None:
    response = firm.get("/me/report.xlsx")
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["智能匹配报告", "条款解读"] and "智能匹配报告" in book.active["A1"].value
    sheet = book.active
    assert str(sheet["A3"].value).startswith("合计按最佳申报方案计算") and "概率模型" in str(sheet["A4"].value)
    assert [c.value for c in sheet[5]][:7] == [
        "兑现事项",
        "所属政策",
        "文号",
        "主管部门",
        "状态",
        "可能性",
        "匹配度(%)",
    ]


def test_pdf_report_shows_chinese(firm, platform) -> None:
    response = firm.get("/me/report.pdf")
    assert response.status_code == 200, response.text
    raw = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    # the CJK font shares glyphs between a character and its radical form (长/⻓, 生/⽣); text
    # extraction may return the radical, so compare after mapping those back
    text = unicodedata.normalize("NFKC", raw).translate(RADICALS)
    assert "智能匹配报告" in text and _entity_name(platform, "enterprise1") in text
