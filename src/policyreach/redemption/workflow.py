"""Review, public notice and disbursement: every move goes through the state machine and the audit log."""

from __future__ import annotations

import datetime as dt
import io
import secrets
from decimal import Decimal, InvalidOperation

from openpyxl import Workbook, load_workbook
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from policyreach.app.ports import PlatformServices
from policyreach.redemption import audit
from policyreach.redemption.bank import BankAccount, kept_account
from policyreach.redemption.claims import WAN, ClaimRefused, commit_money, not_tax, period_of, snapshot, within_window
from policyreach.redemption.facts import facts_of
from policyreach.redemption.states import State, check
from policyreach.store.models import Account, Application, Disbursement, Entity, Fund


class NotAllowed(PermissionError):
    """An officer acting outside the department, or a firm acting for another firm."""


def move(session: Session, application: Application, to: State, actor: str, reason: str | None = None) -> None:
    """One transition, checked and audited."""
    check(application.state, to)
    before = application.state
    application.state = to
    if reason:
        application.reason = reason
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
    if idempotency_key:
        done = session.scalar(select(Application).where(Application.idempotency_key == idempotency_key))
        if done is not None and done.entity_pk == entity.id:
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
    session.add(application)
    session.flush()
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


def decide(
    session: Session,
    platform: PlatformServices,
    officer: Account,
    application: Application,
    decision: str,
    reason: str = "",
) -> None:
    """approve | reject | more_material; approval commits the money against the fund under a lock."""
    _may_decide(platform, officer, application)
    if decision == "approve":
        check(application.state, State.APPROVED)
        fund_id = facts_of(platform, application).fund
        fund = session.scalar(select(Fund).where(Fund.id == fund_id).with_for_update()) if fund_id else None
        if fund is not None and application.amount is not None:
            if fund.committed + application.amount > fund.budget:
                raise ClaimRefused(f"“{fund.name}”额度不足，无法核准")
            fund.committed += application.amount
            application.fund_id = fund.id
        application.decided_by = officer.username
        move(session, application, State.APPROVED, officer.username, reason or None)
    elif decision == "reject":
        if not reason:
            raise ClaimRefused("驳回须写明理由")
        move(session, application, State.REJECTED, officer.username, reason)
    elif decision == "more_material":
        move(session, application, State.MORE_MATERIAL, officer.username, reason or "请补充材料")
    else:
        raise ClaimRefused(f"未知的处理方式 {decision}")


def publish(session: Session, application: Application, today: dt.date, actor: str, days: int | None = None) -> None:
    """公示 for ``days`` days (POLICYREACH_NOTICE_DAYS by default); objections are possible until it ends."""
    from policyreach import settings

    application.notice_until = today + dt.timedelta(days=settings.notice_days() if days is None else days)
    move(session, application, State.NOTICE, actor, f"公示至 {application.notice_until}")


def object_to(session: Session, application: Application, text: str, actor: str) -> None:
    move(session, application, State.OBJECTED, actor, text)


def _release(session: Session, application: Application) -> None:
    if application.fund_id and application.amount is not None:
        fund = session.scalar(select(Fund).where(Fund.id == application.fund_id).with_for_update())
        if fund is not None:
            fund.committed -= application.amount


def resolve_objection(session: Session, application: Application, upheld: bool, actor: str, reason: str) -> None:
    """An upheld objection rejects the application and gives its money back to the fund."""
    if upheld:
        _release(session, application)
        move(session, application, State.REJECTED, actor, reason)
    else:
        move(session, application, State.NOTICE, actor, reason)


def disburse(session: Session, today: dt.date, actor: str, fund_id: str | None = None) -> Disbursement | None:
    """Every application whose notice ended before ``today`` goes into one batch for the finance bureau."""
    query = select(Application).where(Application.state == State.NOTICE, Application.notice_until < today)
    if fund_id is not None:
        query = query.where(Application.fund_id == fund_id)
    due = list(session.scalars(query.order_by(Application.id).with_for_update()))
    if not due:
        return None
    batch = Disbursement(
        id=f"D{today:%Y%m%d}-{secrets.token_hex(3)}",
        fund_id=fund_id,
        total=sum((a.amount or Decimal(0) for a in due), Decimal(0)),
    )
    session.add(batch)
    for application in due:
        application.disbursement_id = batch.id
        move(session, application, State.DISBURSING, actor, f"拨付批次 {batch.id}")
    return batch


def batch_xlsx(session: Session, batch: Disbursement) -> bytes:
    book = Workbook()
    sheet = book.worksheets[0]  # the sheet a new workbook comes with
    sheet.title = "拨付清单"
    # the receipt stays in column H (the bank's confirmation is read by position); the account follows it
    sheet.append(
        [
            "批次",
            "申请编号",
            "主体编号",
            "主体名称",
            "统一社会信用代码",
            "兑现事项",
            "金额（元）",
            "银行回执",
            "收款账户名称",
            "收款账号",
        ]
    )
    rows = session.execute(
        select(Application, Entity)
        .join(Entity, Entity.id == Application.entity_pk)
        .where(Application.disbursement_id == batch.id)
        .order_by(Application.id)
    )
    for application, entity in rows:
        account = kept_account(application.snapshot or {})
        sheet.append(
            [
                batch.id,
                application.id,
                entity.entity_id,
                entity.name,
                entity.uscc,
                application.benefit_id,
                application.amount,
                "",
                account.name if account else "",
                account.number if account else "",
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def import_bank_file(session: Session, data: bytes, actor: str) -> int:
    """Mark paid what the bank confirms; any row that does not match its batch refuses the whole file."""
    sheet = load_workbook(io.BytesIO(data), read_only=True).active
    if sheet is None:  # the caller reports any error but a refusal as an unreadable file
        raise ValueError("the bank file has no worksheet")
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    problems, confirmed = [], []
    for number, row in enumerate(rows, start=2):
        batch_id, application_id, amount, receipt = row[0], row[1], row[6], row[7]
        if not receipt:
            continue
        application = session.get(Application, application_id) if isinstance(application_id, int) else None
        try:
            matches = application is not None and Decimal(str(amount)) == application.amount
        except InvalidOperation:
            matches = False
        if application is None or application.disbursement_id != batch_id or not matches:
            problems.append(f"第 {number} 行：申请 {application_id} 与批次 {batch_id} 的记录或金额不符")
        elif application.state != State.DISBURSING:
            problems.append(f"第 {number} 行：申请 {application_id} 当前不在拨付中")
        else:
            confirmed.append((application, str(receipt)))
    if problems:
        raise ClaimRefused("；".join(problems))
    for application, receipt in confirmed:
        move(session, application, State.PAID, actor, f"银行回执 {receipt}")
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


def respond_to_offer(
    session: Session,
    application: Application,
    accept: bool,
    bank: BankAccount | None,
    actor: str,
    fund_id: str | None = None,
) -> None:
    """The firm confirms its bank account, checked by ``redemption.bank`` (the money is committed then), or
    declines."""
    if not accept:
        move(session, application, State.DECLINED, actor, "企业放弃")
        return
    if bank is None:
        raise ClaimRefused("请填写收款银行账户（账户名称和账号）")
    check(application.state, State.APPROVED)
    application.fund_id = commit_money(session, fund_id, application.amount)
    application.snapshot = {**application.snapshot, "bank": bank.as_snapshot()}
    move(session, application, State.APPROVED, actor, "企业确认银行账户")


def close_batch(
    session: Session, platform: PlatformServices, fund_id: str, actor: str, strategy: str = "optimum"
) -> int:
    """A batch-mode fund's window closes: the chosen allocation strategy decides every held claim at once.

    Fixed awards are paid whole or not at all; a reducible benefit may be paid in part (its amount is
    then lowered to what is paid). Returns the number approved.
    """
    import polars as pl

    from policyreach.allocation.claims import Claims
    from policyreach.allocation.claims import Fund as BudgetFund
    from policyreach.allocation.report import compare

    fund = session.scalar(select(Fund).where(Fund.id == fund_id).with_for_update())
    if fund is None or fund.mode != "batch":
        raise ClaimRefused(f"资金 {fund_id} 不是统一核定（batch）模式")
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
    claims = Claims(frame, {fund_id: BudgetFund(fund_id, fund.budget - fund.committed, fund.name)})
    outcome = next(o for o in compare(claims, time_limit=30) if o.strategy == strategy)
    approved = 0
    for application, paid in zip(held, outcome.paid, strict=True):
        if paid > 0:
            application.amount = Decimal(int(paid)) / 100
            fund.committed += application.amount
            move(session, application, State.APPROVED, actor, f"资金统一核定（{outcome.label}）")
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
