"""Money a firm can account for: the expected payment date, a receipt per payment, the year's statement."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import delete, select

from policyreach.redemption.states import State
from policyreach.store.models import Account, Application, Entity, Fund, LedgerEntry
from tests.web.conftest import AS_OF, login

PAID = Decimal("123456.78")
RETURNED = Decimal("1000.50")


@pytest.fixture(scope="module")
def firm_with_money(app, platform) -> Iterator[dict[str, object]]:
    """A firm with one application paid this year (part of it clawed back), one approved, one on notice."""
    with platform.sessions() as session:
        entity = session.scalars(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id.desc())).first()
        cash = [b for b in platform.compiled.benefits if b.spec.payout == "cash" and "enterprise" in b.kinds][:3]
        fund = session.scalars(select(Fund)).first()
        username = f"statement{entity.id}"
        from policyreach.app.accounts import hash_password

        session.add(
            Account(username=username, password_hash=hash_password("demo1234"), role="enterprise", entity_pk=entity.id)
        )
        made = []
        for i, (benefit, state) in enumerate(zip(cash, (State.PAID, State.APPROVED, State.NOTICE), strict=True)):
            a = Application(
                entity_pk=entity.id,
                benefit_id=benefit.id,
                period=f"statement-{i}",
                state=state,
                redemption=benefit.spec.redemption,
                amount=PAID,
                notice_until=AS_OF + dt.timedelta(days=3) if state == State.NOTICE else None,
                snapshot={
                    "benefit": {"title": benefit.spec.title},
                    "bank": {"name": entity.name, "number": "6222020200112233"},
                },
            )
            session.add(a)
            session.flush()
            made.append(a.id)
        # 08:00 UTC on the 1st of March is 16:00 in Beijing: the same day
        day = dt.datetime(AS_OF.year, 3, 1, 8, 0)
        session.add(
            LedgerEntry(
                fund_id=fund.id,
                period=str(AS_OF.year),
                application_id=made[0],
                amount=PAID,
                kind="pay",
                at=day,
                by="bank",
                disbursement_id="B-TEST-1",
            )
        )
        session.add(
            LedgerEntry(
                fund_id=fund.id,
                period=str(AS_OF.year),
                application_id=made[0],
                amount=RETURNED,
                kind="clawback",
                at=day + dt.timedelta(days=30),
                by="officer",
            )
        )
        session.commit()
    yield {"username": username, "ids": made, "fund": fund.name, "titles": [b.spec.title for b in cash]}
    with platform.sessions() as session:  # rows written by hand, not by the workflow: other tests reconcile the ledger
        session.execute(delete(LedgerEntry).where(LedgerEntry.application_id.in_(made)))
        session.execute(delete(Application).where(Application.id.in_(made)))
        session.commit()


@pytest.fixture
def client(app, firm_with_money) -> TestClient:
    return login(TestClient(app), firm_with_money["username"])


def test_the_year_statement_sums_what_arrived_and_keeps_exact_values_in_excel(client, firm_with_money) -> None:
    page = client.get("/me/statement").text
    assert f"{AS_OF.year} 年度政策资金对账单" in page
    assert f"{AS_OF.year}-03-01" in page and "12.35 万元" in page and "-0.1 万元" in page
    assert "资金拨付<strong>12.25 万元</strong>" in page  # 123,456.78 − 1,000.50 = 122,456.28 元
    assert "财税〔2011〕70号" in page and firm_with_money["fund"] in page
    workbook = load_workbook(io.BytesIO(client.get(f"/me/statement.xlsx?year={AS_OF.year}").content))
    sheet = workbook.active
    amounts = [row[5] for row in sheet.iter_rows(min_row=4, values_only=True) if isinstance(row[5], int | float)]
    assert amounts[:2] == [float(PAID), -float(RETURNED)] and amounts[-1] == pytest.approx(float(PAID - RETURNED))
    assert client.get("/me/statement?year=1999").status_code == 400
    empty = client.get(f"/me/statement?year={AS_OF.year - 1}").text
    assert "尚无通过政策通拨付的资金" in empty


def test_the_statement_pdf_is_a4_with_page_numbers(client) -> None:
    pdf = PdfReader(io.BytesIO(client.get("/me/statement.pdf").content))
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    text = pdf.pages[0].extract_text()
    # the PDF's text layer writes some characters as CJK radicals (⻚ for 页): the page number is read by its shape
    assert re.search(r"第 1 \S，共 \d+ \S", text) and "年度政策资" in text


def test_each_payment_has_a_receipt_and_each_approved_claim_an_expected_date(client, firm_with_money, app) -> None:
    paid, approved, _ = firm_with_money["ids"]
    receipt = client.get(f"/me/applications/{paid}/receipt").text
    assert "拨付回单" in receipt and "尾号 2233" in receipt and "123,456.78 元" in receipt and "B-TEST-1" in receipt
    assert client.get(f"/me/applications/{approved}/receipt").status_code == 404  # not paid yet
    listing = client.get("/me/applications").text
    due_approved = AS_OF + dt.timedelta(days=7 + 10)  # the notice period, then the finance bureau's usual time
    due_notice = AS_OF + dt.timedelta(days=3 + 10)
    assert f"预计 {due_approved.isoformat()} 前到账（公示 7 天" in listing
    assert f"预计 {due_notice.isoformat()} 前到账（公示至" in listing
    assert f'href="/me/applications/{paid}/receipt"' in listing
    other = login(TestClient(app), "enterprise1")
    assert other.get(f"/me/applications/{paid}/receipt").status_code in (403, 404)  # another firm's money
