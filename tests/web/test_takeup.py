"""Whether the policies work: take-up per benefit and department, and reach by district, for the officers."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import delete, select

from policyreach.app.takeup import take_up
from policyreach.store.models import Application, Entity, Fund, LedgerEntry
from tests.web.conftest import login


@pytest.fixture(scope="module")
def paid(platform) -> Iterator[dict[str, object]]:
    """Two eligible firms of one cash benefit paid (one of them 30 days after applying), the benefit's take-up known."""
    with platform.sessions() as session:
        sim = platform.simulation(session)
        eligible = sim.eligible()
        counts = eligible.group_by("benefit_id").len().sort("len", descending=True)
        benefit = next(
            platform.compiled.benefit(b)
            for b in counts["benefit_id"].to_list()
            if platform.compiled.benefit(b).spec.payout == "cash"
        )
        firms = eligible.filter(eligible["benefit_id"] == benefit.id)["entity_id"].to_list()[:2]
        fund = session.scalars(select(Fund)).first()
        made = []
        for i, entity_id in enumerate(firms):
            entity = session.scalar(select(Entity).where(Entity.entity_id == entity_id))
            applied = dt.datetime(2026, 3, 1, 8, 0)
            a = Application(
                entity_pk=entity.id,
                benefit_id=benefit.id,
                period=f"takeup-{i}",
                state="paid",
                redemption=benefit.spec.redemption,
                amount=Decimal(50_000),
                snapshot={},
                created_at=applied,
            )
            session.add(a)
            session.flush()
            made.append(a.id)
            session.add(
                LedgerEntry(
                    fund_id=fund.id,
                    period="2026",
                    application_id=a.id,
                    amount=Decimal(50_000),
                    kind="pay",
                    at=applied + dt.timedelta(days=30 + 10 * i),
                    by="bank",
                )
            )
        session.commit()
        before = sim.benefits.filter(sim.benefits["benefit_id"] == benefit.id)["eligible"].item()
    yield {"benefit": benefit, "eligible": before}
    with platform.sessions() as session:  # rows written by hand, not by the workflow: other tests reconcile the ledger
        session.execute(delete(LedgerEntry).where(LedgerEntry.application_id.in_(made)))
        session.execute(delete(Application).where(Application.id.in_(made)))
        session.commit()


def test_take_up_counts_paid_entities_against_eligible_ones(platform, paid) -> None:
    benefit = paid["benefit"]
    with platform.sessions() as session:
        found = take_up(session, platform, platform.simulation(session), [benefit])
    row = found.benefits[0]
    assert row.benefit_id == benefit.id and row.eligible == paid["eligible"]
    assert row.paid >= 2 and row.paid_amount >= Decimal(100_000)
    assert row.rate == pytest.approx(row.paid / row.eligible)
    assert row.days_to_money is not None and row.days_to_money >= 30  # the median of 30 and 40 and any others
    districts = found.reach["district"]
    assert sum(r.paid for r in districts) == row.paid  # each paid firm counted once, in its own district
    assert all(not r.label.isdigit() for r in districts)  # names, not codes


def test_the_take_up_page_and_workbook(app, paid) -> None:
    admin = login(TestClient(app), "admin")
    page = admin.get("/console/takeup").text
    assert "政策兑现情况" in page and paid["benefit"].spec.title in page and "兑现率" in page
    assert "按区县" in page and "按企业规模" in page
    book = load_workbook(io.BytesIO(admin.get("/console/takeup.xlsx").content))
    sheet = book["按兑现事项"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=3, values_only=True)}
    row = rows[paid["benefit"].spec.title]
    assert row[4] >= 2 and row[5] == pytest.approx(row[4] / row[2])
    assert {"按部门", "按区县", "按行业门类", "按企业规模", "按主体类型"} <= set(book.sheetnames)
