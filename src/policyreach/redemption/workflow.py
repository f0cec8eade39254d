"""Review, public notice and disbursement: every move goes through the state machine and the audit log.

Every state change is one compare-and-set (:func:`move`): an UPDATE guarded by the state and version the actor saw,
in the same transaction as the money it moves (``redemption.funds``). The second of two concurrent actors updates
no row and is told so (:class:`StaleState`); its transaction, money included, is rolled back whole.
"""

from __future__ import annotations

import datetime as dt
import io
import secrets
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl import Workbook
from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from policyreach.app.funds import fund_of
from policyreach.app.ports import PlatformServices
from policyreach.redemption import audit, funds, idempotency
from policyreach.redemption.bank import BankAccount, kept_account
from policyreach.redemption.claims import (
    WAN,
    ClaimRefused,
    _existing,
    not_tax,
    period_of,
    snapshot,
    within_window,
)
from policyreach.redemption.facts import BenefitFacts, facts_of
from policyreach.redemption.states import STATE_ZH, TRANSITIONS, StaleState, State, check
from policyreach.rules.numbers import wan_text
from policyreach.rules.policy import PAID_OUT, PAYOUT_ZH
from policyreach.store.models import (
    Account,
    Application,
    Disbursement,
    Entity,
    Fund,
    Objection,
    WithdrawalDecision,
)
from policyreach.workbooks import load_xlsx


class NotAllowed(PermissionError):
    """An officer acting outside the department, or a firm acting for another firm."""


def move(
    session: Session,
    application: Application,
    to: State,
    actor: str,
    reason: str | None = None,
    **values: Any,
) -> None:
    """One transition as one conditional UPDATE on the state and version the caller read; checked and audited.

    ``values`` are the other columns the transition sets, written by the same statement so that nothing of a lost
    race is left to a later flush.
    """
    check(application.state, to)
    before, version = application.state, application.version
    changes: dict[str, Any] = {"state": to.value, **values}
    if reason:
        changes["reason"] = reason
    done = funds.updated(
        session,
        update(Application)
        .where(Application.id == application.id, Application.state == before, Application.version == version)
        .values(version=Application.version + 1, **changes),
    )
    if done != 1:
        raise StaleState(
            application.id, session.scalar(select(Application.state).where(Application.id == application.id))
        )
    # read again on next use: a rollback of this transaction (or of a savepoint around it) must show the old state
    session.expire(application)
    audit.record(
        session,
        actor,
        f"application.{to.value}",
        f"application:{application.id}",
        {"from": before, "to": to.value, "reason": reason},
    )


def submit(
    session: Session,
    platform: PlatformServices,
    entity: Entity,
    benefit_id: str,
    *,
    idempotency_key: str | None,
    actor: str,
    disputed: bool = False,
    bank: BankAccount | None = None,
) -> Application:
    """申报审批: an application for review, pre-filled with the entity's evidence.

    Refused outside the window, and refused when verified data already show a condition unmet, naming it: the
    firm corrects the data at its source first, or applies ``disputed`` with its evidence attached for the officer.
    """
    idempotency_key = idempotency.scoped(idempotency.REVIEW, actor, entity.id, idempotency_key)
    done = idempotency.replayed(session, idempotency_key, entity.id)
    if done is not None:  # the same submission again: its first result
        return done
    match = platform.match_one(entity, benefit_id)
    if match is None:
        raise ClaimRefused("没有这个兑现事项，或它不适用于您的主体类型")
    not_tax(match)
    within_window(match)
    failing = [c for c in match.unmet if c.inputs and all(i["verified"] for i in c.inputs)]
    if failing and not disputed:
        raise ClaimRefused(
            "根据已核验的权威数据，您目前不满足："
            + "；".join(c.explanation for c in failing)
            + "。如认为数据有误，请向数据来源部门申请更正（“我的信息”页列有每项数据的来源），更正后再申报；"
            "或勾选“对核验数据有异议”并上传证明材料，由主管部门核实"
        )
    self_declared = [c for c in match.unmet if c not in failing]
    if self_declared and not disputed:
        raise ClaimRefused(
            "按您填报的信息，目前不满足："
            + "；".join(c.explanation for c in self_declared)
            + "。如信息有误，请先在“我的信息”中更正后再申报"
        )
    spec = match.benefit.spec
    period = period_of(spec.cycle, platform.as_of)
    existing = session.scalar(
        select(Application).where(
            Application.entity_pk == entity.id, Application.benefit_id == benefit_id, Application.period == period
        )
    )
    if existing is not None:
        return existing
    application = Application(
        entity_pk=entity.id,
        benefit_id=benefit_id,
        period=period,
        state=State.SUBMITTED,
        redemption="review",
        exclusive_key=f"{spec.exclusive_group}:{period}" if spec.exclusive_group else None,
        amount=None if match.amount is None else (match.amount * WAN).quantize(Decimal("0.01")),
        snapshot={
            **snapshot(platform, entity, match),
            **({"bank": bank.as_snapshot()} if bank else {}),
            **({"disputed": [c.requirement for c in match.unmet]} if disputed and match.unmet else {}),
        },
        idempotency_key=idempotency_key,
    )
    try:
        with session.begin_nested():
            session.add(application)
            session.flush()
    except IntegrityError:  # another benefit of its exclusive group this period, or the same one just made
        return idempotency.replayed(session, idempotency_key, entity.id) or _existing(
            session, entity, benefit_id, period, spec.exclusive_group
        )
    audit.record(
        session,
        actor,
        "application.submitted",
        f"application:{application.id}",
        {"benefit_id": benefit_id, "entity_id": entity.entity_id, "disputed": bool(disputed and match.unmet)},
    )
    return application


def _department_of(platform: PlatformServices, application: Application) -> str | None:
    return facts_of(platform, application).department


def _may_decide(platform: PlatformServices, officer: Account, application: Application) -> None:
    if officer.role == "admin":
        return
    if officer.role != "officer" or officer.department != _department_of(platform, application):
        raise NotAllowed("只能处理本部门主管事项的申请")


DECISIONS = {"approve": State.APPROVED, "reject": State.REJECTED, "more_material": State.MORE_MATERIAL}


def decide(
    session: Session,
    platform: PlatformServices,
    officer: Account,
    application: Application,
    decision: str,
    reason: str = "",
    today: dt.date | None = None,
    amount: Decimal | None = None,
) -> None:
    """approve | reject | more_material; approval commits the money on the fund's budget of this period.

    ``amount`` (元) is the reviewer's for a manual benefit (一事一议) and only for one: required on approval,
    above zero and never above the policy's cap, checked here whatever the page sent."""
    _may_decide(platform, officer, application)
    wanted = DECISIONS.get(decision)
    if wanted is None:
        raise ClaimRefused(f"未知的处理方式 {decision}")
    if wanted not in TRANSITIONS[State(application.state)]:
        # the officer decided on a page showing a state the application has left: another officer acted first
        raise StaleState(application.id, application.state)
    if decision == "approve":
        if platform.compiled.find(application.benefit_id) is None and not _decided(session, application.id, CONTINUE):
            # a benefit withdrawn while this application waited: no money is committed for it until an officer of
            # the department recorded that it goes on from its snapshot (withdrawals.decide)
            raise ClaimRefused("该兑现事项已撤销：请先决定按申请时依据继续办理或终止办理，再核准")
        set_amount = manual_amount(facts_of(platform, application), amount)
        parts = plan_for(platform, application, funds.budget_period(today or platform.as_of), set_amount)
        move(
            session,
            application,
            State.APPROVED,
            officer.username,
            reason or None,
            decided_by=officer.username,
            fund_id=parts[0].fund_id if parts else None,
            **({"amount": set_amount} if set_amount is not None else {}),
        )
        funds.commit_plan(session, application, parts, officer.username)
    elif decision == "reject":
        if not reason:
            raise ClaimRefused("驳回须写明理由")
        move(session, application, State.REJECTED, officer.username, reason, decided_by=officer.username)
        # an objected application holds a commitment (OBJECTED → REJECTED is an upheld objection): give it back
        funds.release(session, application, officer.username)
    elif decision == "more_material":
        move(session, application, State.MORE_MATERIAL, officer.username, reason or "请补充材料")
    else:
        raise ClaimRefused(f"未知的处理方式 {decision}")


def manual_amount(facts: BenefitFacts, amount: Decimal | None) -> Decimal | None:
    """The reviewer's amount of a manual benefit, checked against the stated cap and floor; None for any other."""
    if not facts.manual:
        if amount is not None:
            raise ClaimRefused("该事项的金额按政策规定计算，不由评审填写（核定金额 amount_wan）")
        return None
    if amount is None:
        raise ClaimRefused("该事项金额一事一议：核准时须填写核定金额（万元）（核定金额 amount_wan）")
    if facts.manual_unbounded is not None:
        raise ClaimRefused(f"{facts.manual_unbounded}，不能核准（核定金额 amount_wan）")
    if not amount.is_finite() or amount <= 0 or amount != amount.quantize(Decimal("0.01")):
        raise ClaimRefused("核定金额须大于 0，最多精确到分（核定金额 amount_wan）")
    if facts.manual_cap is not None and amount > facts.manual_cap:
        cap = wan_text(facts.manual_cap)
        raise ClaimRefused(f"核定金额 {wan_text(amount)} 超过政策规定的上限 {cap}，不能核准（核定金额 amount_wan）")
    if facts.manual_floor is not None and amount < facts.manual_floor:
        floor = wan_text(facts.manual_floor)
        raise ClaimRefused(f"核定金额 {wan_text(amount)} 低于政策规定的下限 {floor}，不能核准（核定金额 amount_wan）")
    return amount


def publish(session: Session, application: Application, today: dt.date, actor: str, days: int | None = None) -> None:
    """公示 for ``days`` days (POLICYREACH_NOTICE_DAYS by default); objections are possible until it ends."""
    from policyreach import settings

    until = today + dt.timedelta(days=settings.notice_days() if days is None else days)
    move(session, application, State.NOTICE, actor, f"公示至 {until}", notice_until=until)


def object_to(
    session: Session, application: Application, text: str, actor: str, *, contact: str = "", address: str = ""
) -> Objection:
    """The objection that freezes the payout: NOTICE → OBJECTED (a compare-and-set) and the objection kept.

    Whether an objection may freeze at all (the first one, or one an officer found brings new grounds) is decided by
    ``redemption.objections``; this is the move itself.
    """
    move(session, application, State.OBJECTED, actor, f"公示异议：{text[:200]}")
    objection = Objection(application_id=application.id, text=text, contact=contact, address=address, status=FREEZING)
    session.add(objection)
    session.flush()
    return objection


# an objection's life: one FREEZING at a time holds the payout; PENDING ones are recorded for the officer
FREEZING, PENDING, LATE = "freezing", "pending", "late"
UPHELD, DISMISSED, NO_NEW_GROUNDS = "upheld", "dismissed", "no_new_grounds"
OPEN = (FREEZING, PENDING)


def resolve_objection(session: Session, application: Application, upheld: bool, actor: str, reason: str) -> None:
    """An upheld objection rejects the application and gives its money back to the fund (a ledger row); either way
    the objections it answers (the freezing one and those recorded beside it) are decided with it."""
    if application.state != State.OBJECTED:
        # the officer decided on a page showing an objection another officer has decided since
        raise StaleState(application.id, application.state)
    if upheld:
        move(session, application, State.REJECTED, actor, reason)
        funds.release(session, application, actor)
    else:
        move(session, application, State.NOTICE, actor, reason)
    session.execute(
        update(Objection)
        .where(Objection.application_id == application.id, Objection.status.in_(OPEN))
        .values(status=UPHELD if upheld else DISMISSED, decided_by=actor, decision=reason[:500])
        .execution_options(synchronize_session=False)
    )


CLAWBACK_FROM = (State.PAID, State.PART_PAID)


def claw_back(
    session: Session, platform: PlatformServices, officer: Account, application: Application, reason: str
) -> tuple[Decimal, Decimal]:
    """追回: an officer of the benefit's department records that paid money is to be recovered, with the reason (a
    condition the firm must keep was broken, or an objection upheld after payment). One compare-and-set moves the
    application to 已追回 and, in the same transaction, every payment gets a clawback row on the fund and period it
    was paid from, and what was still committed for later instalments is given back; (recovered, released)."""
    _may_decide(platform, officer, application)
    if not reason.strip():
        raise ClaimRefused("追回须写明理由（如未履行承诺的条件、公示异议经核实成立）")
    if State(application.state) not in CLAWBACK_FROM:
        if application.state == State.CLAWED_BACK:
            raise StaleState(application.id, application.state)
        raise ClaimRefused(f"只有已拨付的申请可以追回（当前为“{STATE_ZH[State(application.state)]}”）")
    move(session, application, State.CLAWED_BACK, officer.username, reason.strip()[:500])
    recovered, released = funds.claw_back(session, application, officer.username)
    audit.record(
        session,
        officer.username,
        "fund.clawback",
        f"application:{application.id}",
        {"recovered": str(recovered), "released": str(released), "reason": reason.strip()[:500]},
    )
    return recovered, released


def not_payable(session: Session, platform: PlatformServices | None, application: Application) -> str | None:
    """Why the application's money may not go through a disbursement batch or a bank file, or None.

    Only cash and interest subsidies are paid by the platform; tax relief, loans and guarantees never are. The
    payout is read from the library and from the snapshot, and either saying "not paid out" wins; an application made
    before benefits declared a payout has none in its snapshot, so the library decides, and with neither it is not
    paid (an officer sees it). A benefit withdrawn from the library is paid only after an officer decided to pay on.
    """
    kept = ((application.snapshot or {}).get("benefit") or {}).get("payout")
    found = platform.compiled.find(application.benefit_id) if platform is not None else None
    payouts = {p for p in (kept, found.spec.payout if found is not None else None) if p}
    if not payouts:
        return f"申请 {application.id} 无法确认资金到达方式（事项已不在政策库中，申请时也未记载），不经平台拨付"
    refused = sorted(payouts - PAID_OUT)
    if refused:
        return f"申请 {application.id} 的资金到达方式为“{PAYOUT_ZH.get(refused[0], refused[0])}”，不经平台拨付"
    if platform is not None and found is None and not _decided(session, application.id, CONTINUE):
        return f"申请 {application.id} 的事项已撤销，须由主管部门决定继续拨付或释放资金后才能拨付"
    return None


CONTINUE, RELEASE = "continue", "release"


def _decided(session: Session, application_id: int, decision: str) -> bool:
    return (
        session.scalar(select(WithdrawalDecision.decision).where(WithdrawalDecision.application_id == application_id))
        == decision
    )


def departments_benefits(
    platform: PlatformServices, officer: Account, session: Session | None = None
) -> set[str] | None:
    """The benefits whose applications the officer may batch and confirm: the department's; None for all (admin).

    With ``session``, also the withdrawn benefits of the department whose applications an officer decided to pay on
    from the snapshot (the library no longer names them).
    """
    if officer.role == "admin":
        return None
    if officer.role != "officer":
        raise NotAllowed("只有部门工作人员可以办理拨付")
    own = {b.id for b in platform.compiled.benefits if b.spec.department == officer.department}
    if session is not None:
        kept = session.execute(
            select(Application)
            .join(WithdrawalDecision, WithdrawalDecision.application_id == Application.id)
            .where(WithdrawalDecision.decision == CONTINUE)
        )
        own |= {
            a.benefit_id
            for (a,) in kept
            if platform.compiled.find(a.benefit_id) is None and facts_of(platform, a).department == officer.department
        }
    return own


def disburse(
    session: Session,
    today: dt.date,
    actor: str,
    fund_id: str | None = None,
    *,
    benefits: set[str] | None = None,
    department: str | None = None,
    platform: PlatformServices | None = None,
) -> Disbursement | None:
    """Every application whose notice ended before ``today`` with no objection open or upheld goes into one batch.

    ``today`` is the server's date, never a form's; ``benefits`` limits the batch to the officer's department. An
    objection that wins its race with the batch keeps its application out of it (both take the application's row
    lock, and each moves it by a compare-and-set). Money the platform does not pay (tax relief, loans, guarantees)
    and applications of a withdrawn benefit no officer decided to pay on stay out (:func:`not_payable`; the web
    passes ``platform`` so that the library is asked too).
    """
    period = funds.budget_period(today)
    query = select(Application).where(
        or_(
            and_(Application.state == State.NOTICE, Application.notice_until < today),
            Application.state == State.PART_PAID,  # paid in instalments: the next one may have fallen due
        )
    )
    if fund_id is not None:
        query = query.where(Application.fund_id == fund_id)
    if benefits is not None:
        query = query.where(Application.benefit_id.in_(sorted(benefits)))
    # rows locked in id order: two batches, or a batch and an objection, never wait on each other in a circle
    due = [
        (a, amount)
        for a in session.scalars(query.order_by(Application.id).with_for_update())
        if (amount := funds.in_batch(session, a, period)) > 0 or a.state == State.NOTICE
    ]
    if not due:
        return None
    batch = Disbursement(
        id=f"D{today:%Y%m%d}-{secrets.token_hex(3)}",
        fund_id=fund_id,
        department=department,
        created_by=actor,
        total=Decimal(0),
        period=period,
    )
    session.add(batch)
    session.flush()
    total = Decimal(0)
    for application, amount in due:
        if not_payable(session, platform, application):
            continue
        try:
            with session.begin_nested():
                move(session, application, State.DISBURSING, actor, f"拨付批次 {batch.id}", disbursement_id=batch.id)
        except StaleState:
            continue  # objected (or batched) by someone else since it was read: it stays out of this batch
        total += amount
    if not session.scalar(select(Application.id).where(Application.disbursement_id == batch.id).limit(1)):
        session.delete(batch)
        session.flush()
        return None
    batch.total = total
    session.flush()
    return batch


# the bank reads the account from the list and writes its receipt into the last column; the upload is read by position
BANK_HEADER = [
    "批次",
    "申请编号",
    "主体编号",
    "主体名称",
    "统一社会信用代码",
    "兑现事项",
    "金额（元）",
    "收款账户名称",
    "收款账号",
    "银行回执",
]


def bank_account_of(application: Application) -> tuple[str, str]:
    """The (account name, account number) the firm confirmed, empty when it gave none."""
    kept = kept_account(application.snapshot or {})
    return (kept.name, kept.number) if kept is not None else ("", "")


def plan_for(
    platform: PlatformServices, application: Application, period: str, amount: Decimal | None = None
) -> list[funds.Part]:
    """Each fund's share of the application's award in each year it falls due from ``period`` on (the benefit's
    ``funds`` and ``instalments``; the snapshot's when it left the library); empty when no money is paid out."""
    amount = application.amount if amount is None else amount
    facts = facts_of(platform, application)
    if amount is None or not facts.shares:
        return []
    return funds.plan(facts.shares, facts.schedule, amount, period)


def fund_for(platform: PlatformServices, application: Application) -> str | None:
    """The fund an application's money is committed on: the library's benefit, else (withdrawn) what was kept."""
    benefit = platform.compiled.find(application.benefit_id)
    if benefit is not None:
        return fund_of(benefit)
    return application.fund_id or facts_of(platform, application).fund


def batch_xlsx(session: Session, batch: Disbursement) -> bytes:
    book = Workbook()
    sheet = book.worksheets[0]  # the sheet a new workbook comes with
    sheet.title = "拨付清单"
    sheet.append(BANK_HEADER)
    rows = session.execute(
        select(Application, Entity)
        .join(Entity, Entity.id == Application.entity_pk)
        .where(Application.disbursement_id == batch.id)
        .order_by(Application.id)
    )
    for application, entity in rows:
        name, number = bank_account_of(application)
        amount = funds.in_batch(session, application, batch.period, batch.id)
        sheet.append(
            [
                batch.id,
                application.id,
                entity.entity_id,
                entity.name,
                entity.uscc,
                application.benefit_id,
                amount,
                name,
                number,
                "",
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(value: object) -> str:
    return "" if value is None else str(value).strip()


def _id(text: str) -> bool:
    """An application id as a cell may hold it: ASCII digits that fit the database's integer."""
    return text.isascii() and text.isdigit() and len(text) <= 18


def import_bank_file(
    session: Session,
    data: bytes,
    actor: str,
    *,
    benefits: set[str] | None = None,
    platform: PlatformServices | None = None,
) -> int:
    """Mark paid what the bank confirms, each at most once; any row that does not match refuses the whole file.

    A row matches when its application is in that batch, in the officer's department, still being disbursed, with
    the same amount and the same account as the batch file carried.
    """
    sheet = load_xlsx(data, "银行回执", read_only=True).active  # checked for its inflated size before parsing
    if sheet is None:  # the caller reports any error but a refusal as an unreadable file
        raise ValueError("the bank file has no worksheet")
    rows = list(sheet.iter_rows(min_row=1, values_only=True))
    if not rows or [_cell(c) for c in rows[0][: len(BANK_HEADER)]] != BANK_HEADER:
        raise ClaimRefused("表头与导出的拨付清单不符：请在导出的清单上填写“银行回执”列后上传")
    ids = sorted({int(_cell(row[1])) for row in rows[1:] if len(row) > 1 and _id(_cell(row[1]))})
    # lock every named application first, in id order, before any of them moves
    found = {
        a.id: a
        for a in session.scalars(
            select(Application).where(Application.id.in_(ids)).order_by(Application.id).with_for_update()
        )
    }
    batches = {
        b.id: b
        for b in session.scalars(
            select(Disbursement).where(
                Disbursement.id.in_(sorted({a.disbursement_id for a in found.values() if a.disbursement_id}))
            )
        )
    }
    problems, confirmed, seen = [], [], set()
    for number, row in enumerate(rows[1:], start=2):
        row = tuple(row) + (None,) * (len(BANK_HEADER) - len(row))
        batch_id, application_id, amount, account, receipt = row[0], row[1], row[6], row[8], row[9]
        if not _cell(receipt):
            continue
        key = int(_cell(application_id)) if _id(_cell(application_id)) else None
        application = found.get(key) if key is not None else None
        batch = batches.get(application.disbursement_id or "") if application is not None else None
        # an instalment's batch pays what fell due by its year, not the whole award (once paid: what it paid)
        owed = funds.in_batch(session, application, batch.period, batch.id) if application and batch else None
        try:
            same_amount = owed is not None and Decimal(_cell(amount)) == owed
        except InvalidOperation:
            same_amount = False
        if application is None or application.disbursement_id != _cell(batch_id):
            problems.append(f"第 {number} 行：申请 {_cell(application_id)} 不在批次 {_cell(batch_id)} 中")
        elif benefits is not None and application.benefit_id not in benefits:
            problems.append(f"第 {number} 行：申请 {application.id} 不属于您所在部门")
        elif not same_amount:
            problems.append(f"第 {number} 行：申请 {application.id} 金额不符（文件 {_cell(amount)}，拨付清单 {owed}）")
        elif _cell(account) != bank_account_of(application)[1]:
            problems.append(f"第 {number} 行：申请 {application.id} 收款账号不符（文件 {_cell(account) or '空'}）")
        elif application.id in seen:
            problems.append(f"第 {number} 行：申请 {application.id} 在文件中重复出现")
        elif refusal := not_payable(session, platform, application):
            problems.append(f"第 {number} 行：{refusal}")
        elif application.state != State.DISBURSING:
            problems.append(
                f"第 {number} 行：申请 {application.id} 当前为“{STATE_ZH[State(application.state)]}”，不在拨付中"
            )
        else:
            seen.add(application.id)
            assert batch is not None
            confirmed.append((application, batch, _cell(receipt)))
    if problems:
        raise ClaimRefused("；".join(problems))
    for application, batch, receipt in confirmed:
        later = funds.remaining_after(session, application, batch.period)
        to = State.PART_PAID if later > 0 else State.PAID
        move(session, application, to, actor, f"银行回执 {receipt[:100]}")
        funds.pay(session, application, actor, batch.period, batch.id)
    return len(confirmed)


def offer_automatic(session: Session, platform: PlatformServices, actor: str = "system") -> int:
    """免申即享: for every provable eligible match of an `automatic` benefit, an offer the firm only confirms.

    The push scheduler runs it every day (job ``redemption.offer`` in ``policyreach.push.events``, which then
    tells each firm with an offer to confirm); `policyreach redemption offer` runs it by hand. Offers already
    made are not made again: the unique (entity, benefit, period) keeps it once.
    """
    made = 0
    automatic = {b.id for b in platform.compiled.benefits if b.spec.redemption == "automatic"}
    for entity in session.scalars(select(Entity).order_by(Entity.id)):
        for match in platform.matcher.match(platform.record(entity)):
            if match.benefit_id not in automatic or not match.one_click:
                continue
            spec = match.benefit.spec
            period = period_of(spec.cycle, platform.as_of)
            if session.scalar(
                select(Application.id).where(
                    Application.entity_pk == entity.id,
                    Application.benefit_id == match.benefit_id,
                    Application.period == period,
                )
            ):
                continue
            application = Application(
                entity_pk=entity.id,
                benefit_id=match.benefit_id,
                period=period,
                state=State.OFFERED,
                redemption="automatic",
                exclusive_key=f"{spec.exclusive_group}:{period}" if spec.exclusive_group else None,
                amount=None if match.amount is None else (match.amount * WAN).quantize(Decimal("0.01")),
                snapshot=snapshot(platform, entity, match),
            )
            try:
                with session.begin_nested():
                    session.add(application)
                    session.flush()
                    audit.record(
                        session,
                        actor,
                        "application.offered",
                        f"application:{application.id}",
                        {"benefit_id": match.benefit_id, "entity_id": entity.entity_id},
                    )
            except IntegrityError:  # already has another benefit of the same exclusive group
                continue
            made += 1
    return made


ANSWERS = {"accept": True, "decline": False}


def respond_to_offer(
    session: Session,
    platform: PlatformServices,
    application: Application,
    answer: str,
    bank: BankAccount | None,
    actor: str,
    today: dt.date | None = None,
) -> None:
    """The firm confirms its bank account, checked by ``redemption.bank`` (the money is committed then), or
    declines; any other answer is refused and nothing is recorded."""
    if answer not in ANSWERS:
        raise ClaimRefused("请选择“确认领取”或“放弃”")
    if not ANSWERS[answer]:
        move(session, application, State.DECLINED, actor, "企业放弃")
        return
    if bank is None:
        raise ClaimRefused("请填写收款银行账户（账户名称和账号）")
    parts = plan_for(platform, application, funds.budget_period(today or platform.as_of))
    move(
        session,
        application,
        State.APPROVED,
        actor,
        "企业确认银行账户",
        fund_id=parts[0].fund_id if parts else None,
        snapshot={**application.snapshot, "bank": bank.as_snapshot()},
    )
    funds.commit_plan(session, application, parts, actor)


def close_batch(
    session: Session, platform: PlatformServices, fund_id: str, actor: str, strategy: str = "optimum"
) -> int:
    """A batch-mode fund's window closes: the chosen allocation strategy decides every held claim at once.

    Fixed awards are paid whole or not at all; a reducible benefit may be paid in part (its amount is then lowered to
    what is paid). Each approval is committed through the ledger like any other, so the budget is checked again by
    the same guarded commitment whatever the solver returned. Returns the number approved.
    """
    import polars as pl

    from policyreach.allocation.claims import Claims
    from policyreach.allocation.claims import Fund as BudgetFund
    from policyreach.allocation.report import compare

    fund = session.get(Fund, fund_id)
    if fund is None or fund.mode != "batch":
        raise ClaimRefused(f"资金 {fund_id} 不是统一核定（batch）模式")
    period = funds.budget_period(platform.as_of)
    room = funds.figures_for(session, fund_id, period)
    if room.budget is None:
        raise funds.not_funded(fund.name, period)
    held = list(
        session.scalars(
            select(Application)
            .where(Application.fund_id == fund_id, Application.state == State.HELD)
            .order_by(Application.id)
        )
    )
    if not held:
        return 0
    frame = pl.DataFrame(
        {
            "claim_id": [str(a.id) for a in held],
            "entity_id": [str(a.entity_pk) for a in held],
            "benefit_id": [a.benefit_id for a in held],
            "fund": [fund_id] * len(held),
            "amount": [a.amount or Decimal(0) for a in held],
            "reducible": [facts_of(platform, a).reducible for a in held],
            "order": list(range(len(held))),
        },
        schema_overrides={"amount": pl.Decimal(18, 2)},
    )
    claims = Claims(frame, {fund_id: BudgetFund(fund_id, room.remaining, fund.name)})
    outcome = next(o for o in compare(claims, time_limit=30) if o.strategy == strategy)
    approved = 0
    for application, paid in zip(held, outcome.paid, strict=True):
        cents = int(paid)  # the solver pays whole 分
        if cents > 0:
            amount = (Decimal(cents) / 100).quantize(Decimal("0.01"))
            move(session, application, State.APPROVED, actor, f"资金统一核定（{outcome.label}）", amount=amount)
            funds.commit_plan(session, application, plan_for(platform, application, period, amount), actor)
            approved += 1
        else:
            move(session, application, State.REJECTED, actor, "本批次资金额度不足，未获安排")
    return approved


def reevaluate(session: Session, platform: PlatformServices, application: Application, officer: Account) -> dict:
    """An explicit, recorded re-evaluation: today's match next to the claim's snapshot, which is kept."""
    _may_decide(platform, officer, application)
    entity = session.get(Entity, application.entity_pk)
    match = platform.match_one(entity, application.benefit_id) if entity else None
    now = {
        "status": match.status if match else "ineligible",
        "amount_wan": None if match is None or match.amount is None else str(match.amount),
    }
    before = {"status": application.snapshot.get("status"), "amount_wan": application.snapshot.get("amount_wan")}
    audit.record(
        session,
        officer.username,
        "application.reevaluated",
        f"application:{application.id}",
        {"snapshot": before, "today": now},
    )
    return {"snapshot": before, "today": now}
