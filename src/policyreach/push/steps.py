"""Every step of an application announced to the firm, through the one notifier.

The audit chain is where every step is written, in the same transaction as the step itself (``redemption.workflow``):
the announcer reads the entries written since the last round and turns each step a firm must know of into an inbox
message (and e-mail/SMS per its preferences). Nothing in the money workflow has to remember to notify, a step that
rolled back was never audited, and each message is keyed on its audit entry, so two workers or a replayed round write
it once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from policyreach import settings
from policyreach.push.clock import Clock
from policyreach.push.notify import Message, notify_many
from policyreach.rules.numbers import wan_text
from policyreach.store.models import Application, AuditEntry, PlatformState

WATERMARK = "steps.announced_to"  # the last audit entry id the announcer has read
BATCH = 2000


@dataclass(frozen=True)
class Step:
    subject: str
    body: str


def _amount(application: Application) -> str:
    return wan_text(application.amount) if application.amount is not None else "待核定"


def _reason(data: dict[str, Any], fallback: str) -> str:
    reason = str(data.get("reason") or "").strip()
    return reason or fallback


def describe(action: str, data: dict[str, Any], application: Application) -> Step | None:
    """The message a firm reads for one audited step of its application; None for a step it need not be told of
    (its own submission, a re-evaluation kept for the record, an offer the offer job announces already)."""
    title = ((application.snapshot or {}).get("benefit") or {}).get("title") or "兑现事项"
    amount = _amount(application)
    days = settings.notice_days()
    match action:
        case "application.more_material":
            return Step(
                f"请补充材料：{title}",
                f"主管部门要求补充材料：{_reason(data, '请补充申报材料')}。"
                "请在“我的申请”中上传补充材料，提交后重新进入审核。",
            )
        case "application.approved" | "application.approved_by_rule":
            return Step(
                f"申请已核准：{title}",
                f"金额 {amount}。下一步：公示 {days} 天，公示期满无异议后进入拨付，拨付后另行通知。",
            )
        case "application.rejected":
            return Step(
                f"申请未通过：{title}",
                f"理由：{_reason(data, '未说明')}。如有异议，可联系主管部门；条件变化后可重新申请。",
            )
        case "application.notice":
            return Step(
                f"进入公示：{title}",
                f"{_reason(data, '公示期内任何人可提出异议')}。公示期满无异议后进入拨付。",
            )
        case "application.objected":
            return Step(
                f"公示收到异议：{title}",
                "公示期内收到异议，拨付暂停。主管部门核实后将告知结果，必要时会请您补充说明。",
            )
        case "application.disbursing":
            return Step(
                f"进入拨付：{title}",
                f"金额 {amount} 已列入拨付批次，由财政部门拨付至您提供的收款账户；到账后另行通知。",
            )
        case "application.paid" | "application.part_paid":
            paid = "本期分期已拨付" if action.endswith("part_paid") else "已拨付"
            return Step(f"{paid}：{title}", f"{paid}，金额合计 {amount}。可在“我的申请”中查看拨付记录。")
        case "application.clawed_back":
            return Step(
                f"资金追回：{title}",
                f"主管部门决定追回已拨付资金。理由：{_reason(data, '未说明')}。请按通知将资金退回。",
            )
        case "application.withdrawn":
            return Step(
                f"申请终止办理：{title}",
                f"该兑现事项已调整或停止受理，主管部门决定终止办理。理由：{_reason(data, '未说明')}。",
            )
        case "application.declined":
            return Step(f"已放弃：{title}", "您已放弃本项免申即享兑现；如需恢复，请联系主管部门。")
        case _:
            return None


def audited_round(
    session: Session,
    *,
    watermark: str,
    subjects: Sequence[str],
    messages_of: Callable[[Session, list[AuditEntry]], list[Message]],
    clock: Clock | None = None,
) -> int:
    """One round of telling people what the audit chain recorded since ``watermark``, for entries whose subject
    starts with one of ``subjects``; the number of messages written. The applications' announcer below and the
    conference's use it.

    The first round of a new database starts at the chain's end: history written before the announcer existed (the
    demo's seeded year) is not announced all at once. Messages are keyed on their entry, so a round replayed by a
    second worker writes nothing twice.
    """
    # reading by id is complete: audit entries commit in id order, each writer holding the chain's head row until its
    # transaction ends (redemption/audit.py), so no lower id can appear after a higher one was read
    value = session.scalar(select(PlatformState.value).where(PlatformState.key == watermark))
    if value is None:
        top = session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1)) or 0
        session.add(PlatformState(key=watermark, value=str(top)))
        session.flush()
        return 0
    last = int(value)
    entries = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.id > last, or_(*(AuditEntry.subject.like(f"{s}%") for s in subjects)))
        .order_by(AuditEntry.id)
        .limit(BATCH)
    ).all()
    if not entries:
        return 0
    messages = messages_of(session, list(entries))
    written = notify_many(session, messages, clock=clock) if messages else []
    # moved forward only: a slower worker that read an older range never moves the mark back
    session.execute(
        update(PlatformState)
        .where(PlatformState.key == watermark, PlatformState.value == str(last))
        .values(value=str(entries[-1].id), changed_at=dt.datetime.now(dt.UTC).replace(tzinfo=None))
    )
    return len(written)


def announce(session: Session, clock: Clock | None = None) -> int:
    """Announce the steps of applications audited since the last round; the number of messages written."""
    return audited_round(session, watermark=WATERMARK, subjects=("application:",), messages_of=_messages, clock=clock)


def _messages(session: Session, entries: list[AuditEntry]) -> list[Message]:
    ids = {int(e.subject.partition(":")[2]) for e in entries if e.subject.partition(":")[2].isdigit()}
    applications = {a.id: a for a in session.scalars(select(Application).where(Application.id.in_(ids)))}
    messages = []
    for entry in entries:
        application = applications.get(int(entry.subject.partition(":")[2] or 0))
        step = describe(entry.action, entry.data or {}, application) if application is not None else None
        if step is None or application is None:
            continue
        messages.append(
            Message(
                recipient=f"e:{application.entity_pk}",
                kind=entry.action,
                subject=step.subject,
                body=step.body,
                link=f"/me/applications#a{application.id}",
                dedupe_key=f"step:{entry.id}",
                # no department: a step of the firm's own claim is told whatever pushes it unsubscribed from
                benefit_id=application.benefit_id,
            )
        )
    return messages


__all__ = ["announce", "audited_round", "describe"]
