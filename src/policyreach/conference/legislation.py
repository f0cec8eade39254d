"""Legislative consultation (立法协商): members comment on a draft regulation clause by clause; the drafting
office ends each comment adopted, partly adopted or not adopted, always with its reason. Audited.

    pending ──▶ adopted | partly | not_adopted   (final)

The office registers the draft (its clauses pasted as they are numbered, a deadline for opinions) and closes the
consultation once every opinion has its decision, recording what the drafting office adopted and how.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policyreach.conference import roles
from policyreach.conference.records_models import LegislativeComment, LegislativeDraft
from policyreach.conference.roles import Forbidden, IllegalTransition
from policyreach.redemption import audit
from policyreach.store.models import Account

OUTCOME_ZH = {"pending": "待反馈", "adopted": "采纳", "partly": "部分采纳", "not_adopted": "未采纳"}
TRANSITIONS = {("pending", "adopted"), ("pending", "partly"), ("pending", "not_adopted")}
# the drafting office's answers are entered by the conference's office staff, who receive them in writing
RECORDERS = (roles.COMMITTEE, roles.INFO_OFFICE, roles.LEADER, roles.ADMIN)


def add_draft(
    session: Session,
    account: Account,
    *,
    title: str,
    drafting_office: str,
    year: int,
    clauses: dict[str, str],
    sample: bool = False,
    comments_due: dt.date | None = None,
) -> LegislativeDraft:
    roles.require(account, RECORDERS, "登记法规草案")
    if not title.strip():
        raise ValueError("“草案名称”不能为空")
    if not drafting_office.strip():
        raise ValueError("“起草单位”不能为空")
    if not clauses:
        raise ValueError("草案须列出条款")
    draft = LegislativeDraft(
        year=year,
        title=title.strip(),
        drafting_office=drafting_office.strip(),
        clauses=clauses,
        sample=sample,
        comments_due=comments_due,
    )
    session.add(draft)
    session.flush()
    audit.record(session, account.username, "legislation.draft", f"draft:{draft.id}", {"title": title})
    return draft


def comment(
    session: Session, account: Account, draft: LegislativeDraft, clause: str, text: str, today: dt.date
) -> LegislativeComment:
    """A member's comment on one clause of the draft."""
    roles.require(account, (roles.MEMBER,), "提出立法协商意见")
    member = roles.member_of(session, account)
    if member is None:
        raise Forbidden("该账号未关联委员")
    if draft.closed_on is not None:
        raise IllegalTransition("该草案的立法协商已结束")
    if draft.comments_due is not None and today > draft.comments_due:
        raise IllegalTransition(f"意见征集已于 {draft.comments_due} 截止")
    if clause not in draft.clauses:
        raise ValueError(f"草案没有第 {clause} 条")
    if not text.strip():
        raise ValueError("意见不能为空")
    row = LegislativeComment(
        draft_pk=draft.id, member_pk=member.id, clause=clause, text=text.strip(), state="pending", submitted_on=today
    )
    session.add(row)
    session.flush()
    audit.record(session, account.username, "legislation.comment", f"comment:{row.id}", {"clause": clause})
    return row


def decide(
    session: Session, account: Account, row: LegislativeComment, outcome: str, reason: str, today: dt.date
) -> None:
    """The drafting office's answer; every outcome carries its reason."""
    if (row.state, outcome) not in TRANSITIONS:
        now, wanted = OUTCOME_ZH.get(row.state, row.state), OUTCOME_ZH.get(outcome, outcome)
        raise IllegalTransition(f"意见已{now}，不能再改为{wanted}")
    roles.require(account, RECORDERS, "登记起草单位反馈")
    if not reason.strip():
        raise ValueError("须写明起草单位的理由")
    before = row.state
    row.state, row.reason, row.decided_on = outcome, reason.strip(), today
    audit.record(
        session,
        account.username,
        f"legislation.{outcome}",
        f"comment:{row.id}",
        {"from": before, "to": outcome, "reason": reason},
    )


CLAUSE_HEAD = re.compile(r"^\s*(?:第\s*([一二三四五六七八九十百零〇\d]+)\s*条|(\d+)\s*[.、．])\s*")


def parse_clauses(text: str) -> dict[str, str]:
    """The clauses typed or pasted into the form: a line starting 第N条 or "N." opens clause N (its number kept as
    written, Chinese or Arabic), the lines after it continue it; text before the first number is clause 1."""
    clauses: dict[str, str] = {}
    current: str | None = None
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        head = CLAUSE_HEAD.match(line)
        if head:
            current = head.group(1) or head.group(2)
            clauses[current] = line[head.end() :].strip()
        elif current is None:
            current = "1"
            clauses[current] = line
        else:
            clauses[current] = f"{clauses[current]}{line}"
    return clauses


def close(session: Session, account: Account, draft: LegislativeDraft, note: str, today: dt.date) -> None:
    """The consultation ends: every opinion has the drafting office's decision, and what it adopted is recorded."""
    roles.require(account, RECORDERS, "结束立法协商")
    if draft.closed_on is not None:
        raise IllegalTransition("该草案的立法协商已结束")
    pending = session.scalar(
        select(func.count())
        .select_from(LegislativeComment)
        .where(LegislativeComment.draft_pk == draft.id, LegislativeComment.state == "pending")
    )
    if pending:
        raise IllegalTransition(f"尚有 {pending} 条意见待登记起草单位反馈")
    if not note.strip():
        raise ValueError("须写明起草单位的采纳情况（如：修改了哪些条款、以何文件采纳）")
    draft.closed_on, draft.adoption_note = today, note.strip()
    audit.record(session, account.username, "legislation.closed", f"draft:{draft.id}", {"note": note.strip()})


def by_clause(draft: LegislativeDraft, comments: list[LegislativeComment]) -> list[tuple[str, str, list]]:
    """The draft clause by clause with its comments (for the page)."""
    return [(no, text, [c for c in comments if c.clause == no]) for no, text in draft.clauses.items()]
