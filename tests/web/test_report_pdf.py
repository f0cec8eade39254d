"""The matching report as a document to hand to a boss: A4, page numbers, the plan's totals by kind on the first
page, then what can be claimed, what is still missing, the clauses in an appendix; a demo firm's fits 8 pages."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader

from policyreach.rules.policy import PAYOUT_AMOUNT_ZH
from tests.web.conftest import login
from tests.web.test_report import RADICALS

A4 = (595, 842)  # points


def _text(page) -> str:
    return unicodedata.normalize("NFKC", page.extract_text()).translate(RADICALS)


@pytest.mark.parametrize("username", ["enterprise1", "enterprise2", "institute1"])
def test_a_demo_firms_report_is_a4_numbered_and_short(app, username: str) -> None:
    client = login(TestClient(app), username)
    totals = client.get("/me/report.json").json()["summary"]["totals_wan"]
    pdf = PdfReader(io.BytesIO(client.get("/me/report.pdf").content))
    pages = len(pdf.pages)
    assert pages <= 8, f"{username}'s report runs to {pages} pages"
    assert all((round(float(p.mediabox.width)), round(float(p.mediabox.height))) == A4 for p in pdf.pages)
    for number, page in enumerate(pdf.pages, start=1):
        assert f"第 {number} 页,共 {pages} 页" in _text(page)  # NFKC writes the full-width comma half-width
    first = _text(pdf.pages[0])
    assert "最佳申报方案" in first and "本年度已申请、已获得" in first
    for payout in totals:  # each kind of money apart, with its own label, on the first page
        assert PAYOUT_AMOUNT_ZH[payout] in first
    assert "一、可以申报的事项" not in first  # the first page is the summary alone
    rest = "".join(_text(p) for p in pdf.pages[1:])
    assert "一、可以申报的事项" in rest and unicodedata.normalize("NFKC", "附录：条款解读") in rest
    assert not re.search(r"\d\.\d{3,} ?万元", rest)  # money as people read it
