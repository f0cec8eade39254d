"""Applications of a benefit withdrawn from the library: nothing is released silently (issue 18, point 8).

When a benefit leaves the library while applications on it are in flight, their money stays committed and they stay
out of disbursement batches until an officer of the benefit's department (read from the snapshot, see
``redemption.facts``) decides, per application: pay on from the snapshot, or release with a reason. The decision is
one row (its primary key refuses a second), an audit entry, and for a release the move to WITHDRAWN and a release row
of the ledger, all in one transaction. An application already at the bank (DISBURSING) is paid on.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from policyreach.app.ports import PlatformServices
from policyreach.redemption import audit, funds
from policyreach.redemption.facts import facts_of
from policyreach.redemption.states import ClaimRefused, StaleState, State
from policyreach.redemption.workflow import CONTINUE, RELEASE, _may_decide, move
from policyreach.store.models import Account, Application, WithdrawalDecision

IN_FLIGHT = (
    State.OFFERED,
    State.SUBMITTED,
    State.MORE_MATERIAL,
    State.HELD,
    State.APPROVED,
    State.NOTICE,
    State.OBJECTED,
)
DECISION_ZH = {CONTINUE: "按申请时依据继续办理", RELEASE: "终止办理并释放资金"}


def awaiting(session: Session, platform: PlatformServices, officer: Account) -> list[Application]:
    """The officer's department's in-flight applications whose benefit was withdrawn and no one decided on yet."""
    decided = select(WithdrawalDecision.application_id)
    library = [b.id for b in platform.compiled.benefits]
    rows = session.scalars(
        select(Application)
        .where(
            Application.state.in_(IN_FLIGHT),
            Application.id.not_in(decided),
            Application.benefit_id.not_in(library),  # the queue asks on every view: read only the withdrawn ones
        )
        .order_by(Application.id)
    )
    return [
        a
        for a in rows
        if platform.compiled.find(a.benefit_id) is None
        and (officer.role == "admin" or facts_of(platform, a).department == officer.department)
    ]


def decision_of(session: Session, application_id: int) -> WithdrawalDecision | None:
    return session.get(WithdrawalDecision, application_id)


def decide(
    session: Session,
    platform: PlatformServices,
    officer: Account,
    application: Application,
    decision: str,
    reason: str,
) -> None:
    """Pay on from the snapshot (``continue``) or end the application and give its money back (``release``)."""
    _may_decide(platform, officer, application)
    if decision not in DECISION_ZH:
        raise ClaimRefused("请选择“继续办理”或“终止并释放资金”")
    if platform.compiled.find(application.benefit_id) is not None:
        raise ClaimRefused("该事项仍在政策库中，无需作撤销处理")
    reason = reason.strip()
    if decision == RELEASE and not reason:
        raise ClaimRefused("处理理由：终止办理并释放资金须写明理由")
    if State(application.state) not in IN_FLIGHT:
        raise StaleState(application.id, application.state)
    try:
        with session.begin_nested():
            session.add(
                WithdrawalDecision(
                    application_id=application.id,
                    decision=decision,
                    reason=(reason or DECISION_ZH[CONTINUE])[:500],
                    decided_by=officer.username,
                )
            )
            session.flush()
    except IntegrityError as exc:  # another officer decided a moment ago
        raise StaleState(application.id, application.state) from exc
    released = funds.ZERO
    if decision == RELEASE:
        move(session, application, State.WITHDRAWN, officer.username, f"事项已撤销：{reason[:200]}")
        released = funds.release(session, application, officer.username)
    audit.record(
        session,
        officer.username,
        f"application.withdrawal_{decision}",
        f"application:{application.id}",
        {"decision": decision, "reason": reason or DECISION_ZH[CONTINUE], "released": str(released)},
    )
