"""The finance role's fund pages, what a firm is told about an unfunded benefit, and a disbursement that takes
neither a date nor another department's claims from the form."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from urllib.parse import quote

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import delete, func, select

from policyreach.app.funds import fund_of
from policyreach.redemption import funds
from policyreach.redemption.claims import one_click
from policyreach.redemption.states import State
from policyreach.redemption.workflow import batch_xlsx, disburse, publish
from policyreach.rules.numbers import wan_text as funds_wan
from policyreach.store.db import transaction
from policyreach.store.models import Account, Application, Disbursement, Entity, FundBudget, LedgerEntry
from tests.web.conftest import AS_OF, csrf_of, login

PERIOD = str(AS_OF.year)


def _fund_page(client: TestClient, fund_id: str) -> str:
    page = client.get(f"/console/funds/{quote(fund_id, safe='')}")
    assert page.status_code == 200, page.text[-500:]
    return page.text


def test_finance_sets_and_raises_a_budget_with_a_reason(app, platform) -> None:
    fund_id = "cc-sci-fund"
    with TestClient(app) as finance:
        login(finance, "finance")
        assert finance.get("/", follow_redirects=False).headers["location"] == "/console/funds"
        overview = finance.get("/console/funds").text
        assert "资金管理" in overview and fund_id in overview
        page = _fund_page(finance, fund_id)
        assert "首次认定国家高新技术企业奖励" in page  # the benefits drawing on it
        with platform.sessions() as session:
            used = funds.figures_for(session, fund_id, PERIOD).used
        token = csrf_of(page)
        url = f"/console/funds/{quote(fund_id, safe='')}/budget"
        low = finance.post(url, data={"csrf_token": token, "period": PERIOD, "amount": "-1", "reason": "x"})
        assert low.status_code == 422 and "大于零" in low.text
        bad = finance.post(url, data={"csrf_token": token, "period": PERIOD, "amount": "1e3", "reason": ""})
        assert bad.status_code == 422
        target = used + Decimal("1000000.00")
        raised = finance.post(
            url,
            data={"csrf_token": token, "period": PERIOD, "amount": str(target), "reason": "长财预〔2026〕12号追加"},
            follow_redirects=False,
        )
        assert raised.status_code == 303
        shown = finance.get(raised.headers["location"]).text
        assert "长财预〔2026〕12号追加" in shown and f"预算已设为 {target:,.2f} 元" in shown
    with platform.sessions() as session:
        assert funds.figures_for(session, fund_id, PERIOD).budget == target
    with TestClient(app) as officer:  # an officer sees the fund, but budgets are the finance bureau's
        login(officer, "officer")
        page = _fund_page(officer, fund_id)
        assert "安排或调整预算" not in page
        refused = officer.post(
            f"/console/funds/{fund_id}/budget",
            data={"csrf_token": csrf_of(page), "period": PERIOD, "amount": "1", "reason": "x"},
        )
        assert refused.status_code == 403


def _firm_and_instant_benefit(platform) -> tuple[Entity, str]:
    with platform.sessions() as session:
        for entity in session.scalars(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id.desc())):
            if session.scalar(select(Application.id).where(Application.entity_pk == entity.id)):
                continue
            for m in platform.matcher.match(platform.record(entity)):
                if m.one_click and m.benefit.spec.redemption == "instant" and m.amount and fund_of(m.benefit):
                    return entity, m.benefit_id
    raise AssertionError("no fresh firm with a one-click benefit")


def test_a_benefit_whose_fund_has_no_budget_cannot_be_claimed(app, platform) -> None:
    from policyreach.app.accounts import hash_password

    entity, benefit_id = _firm_and_instant_benefit(platform)
    fund_id = fund_of(platform.compiled.benefit(benefit_id))
    with transaction(platform.sessions) as session:
        kept = session.get(FundBudget, (fund_id, PERIOD))
        saved = (kept.budget, kept.set_by)
        session.execute(delete(FundBudget).where(FundBudget.fund_id == fund_id, FundBudget.period == PERIOD))
        session.add(
            Account(
                username=f"unfunded{entity.id}",
                password_hash=hash_password("demo1234"),
                role="enterprise",
                entity_pk=entity.id,
            )
        )
    try:
        with TestClient(app) as firm:
            login(firm, f"unfunded{entity.id}")
            page = firm.get(f"/me/benefits/{benefit_id}").text
            assert "本期资金尚未安排" in page
            refused = firm.post(
                f"/me/benefits/{benefit_id}/claim", data={"csrf_token": csrf_of(page), "idempotency_key": "nf-1"}
            )
            assert refused.status_code == 409 and "本期资金尚未安排" in refused.text
        with platform.sessions() as session:
            assert not session.scalar(select(Application.id).where(Application.entity_pk == entity.id))
    finally:
        with transaction(platform.sessions) as session:
            session.add(FundBudget(fund_id=fund_id, period=PERIOD, budget=saved[0], set_by=saved[1]))


def test_disbursement_takes_the_servers_date_and_the_officers_department(app, platform) -> None:
    with transaction(platform.sessions) as session:
        entity, benefit_id = _firm_and_instant_benefit(platform)
        entity = session.get(Entity, entity.id)
        application = one_click(session, platform, entity, benefit_id, idempotency_key=None, actor="firm")
        publish(session, application, AS_OF, "officer", days=7)  # notice runs past the server's date
        application_id = application.id
        department = platform.compiled.benefit(benefit_id).spec.department
    with TestClient(app) as admin:
        login(admin, "admin")
        token = csrf_of(admin.get("/console/applications").text)
        admin.post("/console/disbursements", data={"csrf_token": token, "today": "2099-01-01"})
    with platform.sessions() as session:
        assert session.get(Application, application_id).state == State.NOTICE  # the form's date changed nothing
    with transaction(platform.sessions) as session:  # the notice ended: a stranger department's officer tries
        session.get(Application, application_id).notice_until = AS_OF - dt.timedelta(days=1)
        stranger = Account(username="stranger-dept", password_hash="x", role="officer", department="某其他部门")
        session.add(stranger)
    with platform.sessions() as session:
        assert disburse(session, AS_OF, "stranger-dept", benefits=set(), department="某其他部门") is None
        benefits = {b.id for b in platform.compiled.benefits if b.spec.department == department}
        batch = disburse(session, AS_OF, "owner", benefits=benefits, department=department)
        assert batch is not None and session.get(Application, application_id).state == State.DISBURSING
        xlsx = batch_xlsx(session, batch)
        session.commit()
        batch_id = batch.id
    book = load_workbook(io.BytesIO(xlsx))
    sheet = book.active
    for row in sheet.iter_rows(min_row=2):
        row[8].value = "6222000011112222"  # an account the batch did not carry
        row[9].value = "BANK-1"
    edited = io.BytesIO()
    book.save(edited)
    with TestClient(app) as admin:
        login(admin, "admin")
        token = csrf_of(admin.get("/console/applications").text)
        refused = admin.post(
            "/console/disbursements/confirm",
            data={"csrf_token": token},
            files={"bank_file": ("bank.xlsx", edited.getvalue(), "application/octet-stream")},
        )
        assert refused.status_code == 422 and "收款账号不符" in refused.text and "第 2 行" in refused.text
    with platform.sessions() as session:
        assert session.get(Application, application_id).state == State.DISBURSING
        assert session.get(Disbursement, batch_id).department == department


def test_fund_pages_show_shares_and_instalments_and_an_officer_claws_back_with_a_confirmation(app, platform) -> None:
    from policyreach.redemption.workflow import decide, import_bank_file

    with TestClient(app) as finance:
        login(finance, "finance")
        page = _fund_page(finance, "cc-sci-fund")
        assert "本资金分担 60%（另由 区（开发区）科技创新配套资金 40%）" in page
        assert "分 3 年拨付：核准当年 40%、次年 30%、第 3 年 30%，各计入当年度预算" in page
        assert "本资金分担 40%" in _fund_page(finance, "cc-district-sci-fund")
    # a relocation award paid in its first instalment, as the officer finds it
    admin = Account(username="admin", password_hash="x", role="admin")
    with transaction(platform.sessions) as session:
        taken = select(Application.entity_pk).where(Application.benefit_id == "ht-relocation")
        entity = session.scalar(select(Entity).where(Entity.kind == "enterprise", Entity.id.not_in(taken)))
        application = Application(
            entity_pk=entity.id,
            benefit_id="ht-relocation",
            period="once",
            state=State.SUBMITTED,
            redemption="review",
            amount=Decimal("5000.00"),
            snapshot={},
        )
        session.add(application)
        session.flush()
        decide(session, platform, admin, application, "approve", today=AS_OF)
        publish(session, application, AS_OF - dt.timedelta(days=10), "officer", days=7)
        batch = disburse(session, AS_OF, "officer", platform=platform)
        assert batch is not None
        book = load_workbook(io.BytesIO(batch_xlsx(session, batch)))
        for row in book.active.iter_rows(min_row=2):
            row[9].value = "BANK-1"
        out = io.BytesIO()
        book.save(out)
        import_bank_file(session, out.getvalue(), "officer", platform=platform)
        application_id = application.id
    with TestClient(app) as officer:
        login(officer, "officer")
        page = officer.get(f"/console/applications/{application_id}").text
        assert "分期拨付中" in page and "追回已拨付的 0.2 万元" in page and "我已核实，确认追回" in page
        url, token = f"/console/applications/{application_id}", csrf_of(page)
        unconfirmed = officer.post(url, data={"csrf_token": token, "action": "clawback", "reason": "迁出本市"})
        assert unconfirmed.status_code == 409 and "请勾选" in unconfirmed.text
        form = {"csrf_token": token, "action": "clawback", "reason": "迁出本市", "confirm": "yes"}
        assert officer.post(url, data=form, follow_redirects=False).status_code == 303
        again = officer.post(url, data=form)
        assert again.status_code == 409 and "已被他人处理" in again.text
        shown = officer.get(url).text
        assert "已追回" in shown and "追回" in shown and "迁出本市" in shown
    with platform.sessions() as session:
        assert session.get(Application, application_id).state == State.CLAWED_BACK
        assert funds.paid_of(session, session.get(Application, application_id)) == 0
        assert funds.reconcile(session) == []


def test_the_ledger_page_of_a_fund(app, platform) -> None:
    """Every movement of a fund's money, newest first, a page at a time; a page number that is not one is a 400."""
    with transaction(platform.sessions) as session:
        entity, benefit_id = _firm_and_instant_benefit(platform)
        firm = session.get(Entity, entity.id)
        application = one_click(session, platform, firm, benefit_id, idempotency_key=None, actor="x")
        fund_id, name = application.fund_id, entity.name
        # this fund's own part: a benefit shared between funds commits each fund's share on its own ledger
        amount = session.scalar(
            select(func.sum(LedgerEntry.amount)).where(
                LedgerEntry.application_id == application.id, LedgerEntry.fund_id == fund_id
            )
        )
    url = f"/console/funds/{quote(fund_id, safe='')}/ledger"
    with TestClient(app) as finance:
        login(finance, "finance")
        page = finance.get(url)
        assert page.status_code == 200 and "资金台账" in page.text
        assert name in page.text and "承诺" in page.text and funds_wan(amount) in page.text
        assert finance.get(url, params={"page": "999"}).status_code == 200  # past the end: the last page
        bad = finance.get(url, params={"page": "abc"})
        assert bad.status_code == 400 and "页码" in bad.text
    with TestClient(app) as firm:
        login(firm, "enterprise1")
        assert firm.get(url).status_code == 403
