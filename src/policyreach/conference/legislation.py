"""Legislative consultation (立法协商): members comment on a draft regulation clause by clause; the drafting
office ends each comment adopted, partly adopted or not adopted, always with its reason. Audited.

    pending ──▶ adopted | partly | not_adopted   (final)
"""

from __future__ import annotations

import datetime as dt

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
) -> LegislativeDraft:
    roles.require(account, RECORDERS, "登记法规草案")
    if not clauses:
        raise ValueError("草案须列出条款")
    draft = LegislativeDraft(year=year, title=title, drafting_office=drafting_office, clauses=clauses, sample=sample)
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


def by_clause(draft: LegislativeDraft, comments: list[LegislativeComment]) -> list[tuple[str, str, list]]:
    """The draft clause by clause with its comments (for the page)."""
    return [(no, text, [c for c in comments if c.clause == no]) for no, text in draft.clauses.items()]
