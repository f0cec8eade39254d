"""Leaders' 批示 followed through: recorded on a proposal or a report, 转办 to a unit with a deadline, closed by the
unit's 反馈; an overdue one is chased (催办) once a week on the platform's scheduler.

    recorded ──转办──▶ forwarded ──反馈──▶ answered

Each move is one conditional update on the task's state (two people acting at once cannot both move it) and is
audited; the unit is told of the 转办 and every 催办 through the platform's notifier.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from policyreach.clock import Clock
from policyreach.conference import reports, roles
from policyreach.conference.models import HandlingUnit, Proposal
from policyreach.conference.records_models import InstructionTask, OpinionReport
from policyreach.conference.roles import Forbidden, IllegalTransition
from policyreach.conference.supervision import Notifier, push_notifier
from policyreach.push import jobs
from policyreach.push.clock import today as city_today
from policyreach.redemption import audit
from policyreach.store.models import Account

STATE_ZH = {"recorded": "待转办", "forwarded": "已转办，待反馈", "answered": "已反馈"}
RECORDERS = (roles.COMMITTEE, roles.INFO_OFFICE, roles.LEADER, roles.ADMIN)
REMIND_EVERY = dt.timedelta(days=7)


def record(
    session: Session,
    account: Account,
    *,
    proposal: Proposal | None = None,
    report: OpinionReport | None = None,
    leader: str,
    text: str,
    on: dt.date,
    today: dt.date,
    level: str = "city",
) -> InstructionTask:
    """The office records a leader's 批示 on a proposal or a report (on a report it also counts as the report's
    instruction in the statistics)."""
    roles.require(account, RECORDERS, "登记领导批示")
    if (proposal is None) == (report is None):
        raise ValueError("批示须针对一件提案或一篇社情民意信息")
    if not leader.strip():
        raise ValueError("“批示领导”不能为空")
    if not text.strip():
        raise ValueError("“批示内容”不能为空")
    if on > today:
        raise ValueError("“批示日期”不能晚于今天")
    if report is not None:
        reports.record_instruction(session, account, report, leader=leader.strip(), level=level, text=text, on=on)
    task = InstructionTask(
        proposal_pk=proposal.id if proposal else None,
        report_pk=report.id if report else None,
        leader=leader.strip(),
        text=text.strip(),
        instructed_on=on,
        state="recorded",
        recorded_by=account.username,
    )
    session.add(task)
    session.flush()
    audit.record(session, account.username, "instruction.recorded", f"instruction:{task.id}", {"leader": leader})
    return task


def _move(session: Session, task: InstructionTask, before: str, values: dict[str, object], what: str) -> None:
    moved = session.execute(
        update(InstructionTask)
        .where(InstructionTask.id == task.id, InstructionTask.state == before)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    session.refresh(task)
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        raise IllegalTransition(f"批示当前为“{STATE_ZH[task.state]}”，不能{what}")


def forward(
    session: Session,
    account: Account,
    task: InstructionTask,
    unit: HandlingUnit,
    due_on: dt.date,
    today: dt.date,
    notifier: Notifier = push_notifier,
) -> None:
    """转办: the unit that must act on the 批示, and by when; its staff are told."""
    roles.require(account, RECORDERS, "转办领导批示")
    if due_on < today:
        raise ValueError("“反馈期限”不能早于今天")
    _move(session, task, "recorded", {"state": "forwarded", "unit_pk": unit.id, "due_on": due_on}, "转办")
    audit.record(session, account.username, "instruction.forwarded", f"instruction:{task.id}", {"unit": unit.id})
    _tell_unit(session, task, unit, notifier, "conference.instruction_forwarded", "领导批示转办", today)


def answer(session: Session, account: Account, task: InstructionTask, feedback: str, today: dt.date) -> None:
    """反馈: the unit reports what it did; the 批示 is closed."""
    unit = roles.unit_of(session, account)
    if account.role != roles.UNIT or unit is None or unit.id != task.unit_pk:
        raise Forbidden("只有承办该批示的单位可以反馈")
    if not feedback.strip():
        raise ValueError("“办理情况”不能为空")
    _move(session, task, "forwarded", {"state": "answered", "feedback": feedback.strip(), "answered_on": today}, "反馈")
    audit.record(session, account.username, "instruction.answered", f"instruction:{task.id}", {})


def visible(session: Session, account: Account) -> list[InstructionTask]:
    """The office and leaders see every 批示; a unit sees those forwarded to it."""
    query = select(InstructionTask).order_by(InstructionTask.state != "forwarded", InstructionTask.id.desc())
    if account.role in RECORDERS:
        return list(session.scalars(query.limit(500)))
    unit = roles.unit_of(session, account)
    if account.role == roles.UNIT and unit is not None:
        return list(session.scalars(query.where(InstructionTask.unit_pk == unit.id)))
    raise Forbidden("领导批示仅限政协机关、领导和承办单位查看")


def one(session: Session, account: Account, task_id: int) -> InstructionTask | None:
    """The 批示 ``task_id`` when ``account`` may see it (the office and leaders any, a unit its own), else None;
    refused, as :func:`visible` is, for the other roles."""
    if account.role not in (*RECORDERS, roles.UNIT):
        raise Forbidden("领导批示仅限政协机关、领导和承办单位查看")
    task = session.get(InstructionTask, task_id)
    if task is None or account.role in RECORDERS:
        return task
    unit = roles.unit_of(session, account)
    return task if unit is not None and task.unit_pk == unit.id else None


def subject(session: Session, task: InstructionTask) -> tuple[str, str]:
    """(what the 批示 is about, its page) for lists."""
    if task.proposal_pk is not None:
        p = session.get(Proposal, task.proposal_pk)
        return (f"提案 {p.number or ''}《{p.title}》" if p else "提案", f"/conference/proposals/{task.proposal_pk}")
    r = session.get(OpinionReport, task.report_pk)
    return (f"社情民意《{r.title}》" if r else "社情民意", f"/conference/reports/{task.report_pk}")


def _tell_unit(
    session: Session,
    task: InstructionTask,
    unit: HandlingUnit,
    notifier: Notifier,
    kind: str,
    subject_line: str,
    today: dt.date,
) -> None:
    about, _ = subject(session, task)
    for staff in session.scalars(select(Account).where(Account.role == roles.UNIT, Account.department == unit.name)):
        notifier(
            session,
            recipient=staff,
            kind=kind,
            subject=subject_line,
            body=f"{task.leader}对{about}批示：“{task.text[:60]}”。请于{task.due_on}前反馈办理情况。",
            link="/conference/instructions",
            dedupe_key=f"instruction:{task.id}:{kind}:{today}",
        )


def remind_overdue(session: Session, today: dt.date, notifier: Notifier = push_notifier) -> int:
    """催办 every forwarded 批示 past its deadline, at most once per ``REMIND_EVERY``; returns how many."""
    sent = 0
    overdue = session.scalars(
        select(InstructionTask).where(InstructionTask.state == "forwarded", InstructionTask.due_on < today)
    )
    for task in overdue:
        if task.unit is None or (task.last_reminded_on and today - task.last_reminded_on < REMIND_EVERY):
            continue
        _tell_unit(
            session, task, task.unit, notifier, "conference.instruction_overdue", "领导批示反馈已超期（催办）", today
        )
        task.last_reminded_on = today
        audit.record(session, "system:conference", "instruction.chased", f"instruction:{task.id}", {"on": today})
        sent += 1
    return sent


@jobs.handler("conference.instruction_remind")
def remind_job(context: jobs.JobContext) -> dict[str, object]:
    """The daily 催办 of overdue 批示; it queues the next day's run itself (one job per day)."""
    day = city_today(context.clock)
    with context.transaction() as session:
        sent = remind_overdue(session, day)
        schedule_reminders(session, day + dt.timedelta(days=1), clock=context.clock)
    return {"reminded": sent}


def schedule_reminders(session: Session, day: dt.date, *, clock: Clock | None = None) -> None:
    jobs.enqueue_daily(session, "conference.instruction_remind", day, dt.time(9, 40), clock=clock)
