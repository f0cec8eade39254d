"""A withdrawal releases nothing silently (issue 18, point 8), and money the platform does not pay never reaches a
disbursement batch or a bank file (issue 18, point 5), even for applications made before benefits declared a payout.

A withdrawn benefit is, to an application, a benefit id the library no longer holds while the application's snapshot
still has its facts: the tests make exactly that by renaming the application's benefit to one the library lacks.
Both guards (the withdrawal and payout checks of ``workflow.not_payable`` in ``disburse`` and ``import_bank_file``)
were checked once by removing them: the closing note of issue 18 says which test then failed.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook
from sqlalchemy import func, select, update

from policyreach.app.accounts import hash_password
from policyreach.redemption import funds
from policyreach.redemption.claims import ClaimRefused
from policyreach.redemption.states import State
from policyreach.redemption.workflow import BANK_HEADER, departments_benefits, disburse, import_bank_file
from policyreach.store.db import transaction
from policyreach.store.models import (
    Account,
    Application,
    AuditEntry,
    Disbursement,
    Entity,
    LedgerEntry,
    WithdrawalDecision,
)
from tests.web.conftest import AS_OF, csrf_of, login
from tests.web.notice_fixtures import on_notice


def _ledger(session, application_id: int, kind: str) -> Decimal:
    return session.scalar(
        select(func.coalesce(func.sum(LedgerEntry.amount), 0)).where(
            LedgerEntry.application_id == application_id, LedgerEntry.kind == kind
        )
    )


def _officer(platform, username: str, department: str) -> None:
    with transaction(platform.sessions) as session:
        if session.scalar(select(Account).where(Account.username == username)) is None:
            session.add(
                Account(
                    username=username, password_hash=hash_password("demo1234"), role="officer", department=department
                )
            )


def _post(client: TestClient, application_id: int, **data: str):
    token = csrf_of(client.get("/console/applications").text)
    return client.post(
        f"/console/applications/{application_id}", data={"csrf_token": token, **data}, follow_redirects=False
    )


def test_a_withdrawn_benefits_money_waits_for_the_officers_recorded_decision(app, platform) -> None:
    # two claims of one department (the officer decides on both): which benefits fresh firms claim first depends on
    # what earlier tests left, so a few are claimed and a pair of one department is taken
    made = on_notice(platform, 6, ended=True)
    with platform.sessions() as session:
        departments = {a: session.get(Application, a).snapshot["benefit"]["department"] for a in made}
    released, kept = next((a, b) for i, a in enumerate(made) for b in made[i + 1 :] if departments[a] == departments[b])
    with transaction(platform.sessions) as session:
        for application_id in (released, kept):  # the benefit leaves the library; the snapshot keeps its facts
            session.execute(
                update(Application).where(Application.id == application_id).values(benefit_id=f"gone-{application_id}")
            )
        department = session.get(Application, released).snapshot["benefit"]["department"]
        committed = {a: _ledger(session, a, "commit") for a in (released, kept)}
    assert all(committed.values())
    gone = {f"gone-{released}", f"gone-{kept}"}
    _officer(platform, "withdrawal-officer", department)
    _officer(platform, "withdrawal-stranger", "某其他部门")
    # nothing is batched before an officer decides, and the money stays committed
    with transaction(platform.sessions) as session:
        assert disburse(session, AS_OF, "x", benefits=gone, platform=platform) is None
    officer = login(TestClient(app), "withdrawal-officer")
    queue = officer.get("/console/applications").text
    assert "事项已撤销、待决定的申请" in queue and f'id="w{released}"' in queue and f'id="w{kept}"' in queue
    stranger = login(TestClient(app), "withdrawal-stranger")
    assert f'id="w{released}"' not in stranger.get("/console/applications").text
    assert _post(stranger, released, action="withdrawal_release", reason="x").status_code == 404
    # a release needs a reason; nothing is written without one
    bare = _post(officer, released, action="withdrawal_release")
    assert bare.status_code == 409 and "须写明理由" in bare.text
    with platform.sessions() as session:
        assert session.get(WithdrawalDecision, released) is None and _ledger(session, released, "release") == 0
    done = _post(officer, released, action="withdrawal_release", reason="政策已废止，经局务会研究不再兑现")
    assert done.status_code == 303
    again = _post(officer, released, action="withdrawal_continue")
    assert again.status_code == 409 and "已被他人处理" in again.text
    assert _post(officer, kept, action="withdrawal_continue").status_code == 303
    with platform.sessions() as session:
        assert session.get(Application, released).state == State.WITHDRAWN
        assert _ledger(session, released, "release") == committed[released]  # one release row, the whole commitment
        assert session.get(Application, kept).state == State.NOTICE and _ledger(session, kept, "release") == 0
        actions = set(
            session.scalars(
                select(AuditEntry.action).where(
                    AuditEntry.subject.in_([f"application:{released}", f"application:{kept}"])
                )
            )
        )
        assert {"application.withdrawal_release", "application.withdrawal_continue", "application.withdrawn"} <= actions
        assert funds.reconcile(session) == []
    detail = officer.get(f"/console/applications/{released}").text
    assert "终止办理并释放资金" in detail and "政策已废止，经局务会研究不再兑现" in detail
    queue = officer.get("/console/applications").text
    assert f'id="w{released}"' not in queue and f'id="w{kept}"' not in queue
    # paid on from the snapshot: the department's officer batches it (the library no longer names its benefit)
    with transaction(platform.sessions) as session:
        account = session.scalar(select(Account).where(Account.username == "withdrawal-officer"))
        theirs = departments_benefits(platform, account, session)
        assert theirs is not None and f"gone-{kept}" in theirs and f"gone-{released}" not in theirs
        batch = disburse(session, AS_OF, "withdrawal-officer", benefits=theirs & gone, platform=platform)
        assert batch is not None and session.get(Application, kept).disbursement_id == batch.id
    for client in (officer, stranger):
        client.close()


def _old_application(session, benefit_id: str, tag: str, state: State, payout: str | None, department: str) -> int:
    """An application as one made before benefits declared a payout looks (``payout`` None), or with the payout its
    snapshot kept, on the notice that ended yesterday."""
    entity = session.scalar(select(Entity).order_by(Entity.id))
    benefit = {"title": f"旧事项 {tag}", "department": department, **({"payout": payout} if payout else {})}
    application = Application(
        entity_pk=entity.id,
        benefit_id=benefit_id,
        period=f"old-{tag}",
        state=state,
        redemption="review",
        amount=Decimal("1000.00"),
        snapshot={"benefit": benefit},
        notice_until=AS_OF - dt.timedelta(days=1),
    )
    session.add(application)
    session.flush()
    return application.id


def test_tax_relief_loans_and_unknown_payouts_never_reach_a_batch_or_a_bank_file(platform) -> None:
    library = {b.spec.payout: b for b in platform.compiled.benefits}
    assert {"tax", "loan"} <= set(library), "the sample library has tax relief and a loan"
    with transaction(platform.sessions) as session:
        old = {  # made before the payout field: the library says what they are
            payout: _old_application(session, library[payout].id, payout, State.NOTICE, None, "财政局")
            for payout in ("tax", "loan", "none")
            if payout in library
        }
        # withdrawn from the library: the snapshot says loan; another says nothing at all
        old["gone-loan"] = _old_application(session, "gone-loan", "gone-loan", State.NOTICE, "loan", "财政局")
        old["gone-unknown"] = _old_application(session, "gone-unknown", "gone-unknown", State.NOTICE, None, "财政局")
        for key in ("gone-loan", "gone-unknown"):  # even an officer's decision to pay on does not make them cash
            session.add(WithdrawalDecision(application_id=old[key], decision="continue", reason="继续", decided_by="o"))
        benefits = {session.get(Application, a).benefit_id for a in old.values()}
    with transaction(platform.sessions) as session:
        assert disburse(session, AS_OF, "officer", benefits=benefits, platform=platform) is None
        assert disburse(session, AS_OF, "officer", benefits=benefits) is None  # without the library too
        assert {session.get(Application, a).state for a in old.values()} == {State.NOTICE}
    # one already in a batch (made by an older version) is not marked paid by a bank file: the whole file is refused
    with transaction(platform.sessions) as session:
        session.add(Disbursement(id="D-OLD-TAX", total=Decimal("1000.00"), department="财政局"))
        in_batch = _old_application(session, library["tax"].id, "tax-batched", State.DISBURSING, None, "财政局")
        session.get(Application, in_batch).disbursement_id = "D-OLD-TAX"
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.append(BANK_HEADER)
    sheet.append(["D-OLD-TAX", in_batch, "E", "某企业", "", library["tax"].id, "1000.00", "", "", "回执-001"])
    data = io.BytesIO()
    book.save(data)
    with platform.sessions() as session:
        with pytest.raises(ClaimRefused, match=f"第 2 行：申请 {in_batch} 的资金到达方式为“税收优惠”，不经平台拨付"):
            import_bank_file(session, data.getvalue(), "finance", platform=platform)
        session.rollback()
        assert session.get(Application, in_batch).state == State.DISBURSING
        assert _ledger(session, in_batch, "pay") == 0


def test_an_application_of_a_withdrawn_benefit_is_approved_only_after_the_decision_to_go_on(platform) -> None:
    """No money is committed for a benefit the library no longer holds until an officer recorded that the application
    goes on from its snapshot (money-races noted approval as the one path left)."""
    from policyreach.redemption import withdrawals
    from policyreach.redemption.workflow import decide

    department = "长春市科学技术局"
    officer = Account(username="officer", password_hash="x", role="officer", department=department)
    with transaction(platform.sessions) as session:
        application_id = _old_application(session, "gone-benefit", "approve", State.SUBMITTED, "cash", department)
    with transaction(platform.sessions) as session:
        application = session.get(Application, application_id)
        with pytest.raises(ClaimRefused, match="已撤销"):
            decide(session, platform, officer, application, "approve", today=AS_OF)
        assert _ledger(session, application_id, "commit") == 0
    with transaction(platform.sessions) as session:
        application = session.get(Application, application_id)
        withdrawals.decide(session, platform, officer, application, "continue", "")
    with transaction(platform.sessions) as session:
        application = session.get(Application, application_id)
        try:
            decide(session, platform, officer, application, "approve", today=AS_OF)
        except ClaimRefused as refused:  # past the withdrawal check: only the snapshot's money facts may refuse now
            assert "已撤销" not in str(refused)
