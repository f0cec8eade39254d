"""The conference's object rule, asked before a form is read: the object a route's path names must be one the
account may see under the module's own rules (``proposals.get_visible``, ``assignment_of_unit``, the 包保 ledger's
and the reports' owners), else 404 — whatever the form holds, so that another member's ids are not probed and a
malformed form never answers first. Role-level access is the platform's policy (``conference.use``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from policyreach.conference import liaison, reports
from policyreach.conference import proposals as wf
from policyreach.conference.models import Assignment
from policyreach.conference.records_models import DutyEntry
from policyreach.conference.roles import MEMBER, UNIT, Forbidden, member_of
from policyreach.store.models import Account
from policyreach.web.deps import allow, db


def _check(session: Session, user: Account, name: str, pk: int) -> None:
    if name == "proposal_id":
        wf.get_visible(session, user, pk)
    elif name == "assignment_id":
        if user.role == UNIT:
            wf.assignment_of_unit(session, user, pk)
            return
        found = session.get(Assignment, pk)
        if found is None:
            raise LookupError(pk)
        wf.get_visible(session, user, found.proposal_pk)
    elif name == "target_id":
        liaison.get(session, user, pk)
    elif name == "report_id":
        reports.get(session, user, pk)
    elif name == "entry_id":
        entry = session.get(DutyEntry, pk)
        member = member_of(session, user) if user.role == MEMBER else None
        if entry is None or (user.role == MEMBER and (member is None or entry.member_pk != member.id)):
            raise LookupError(pk)


def visible_object(
    request: Request,
    user: Annotated[Account, Depends(allow("conference.use"))],
    session: Annotated[Session, Depends(db)],
) -> None:
    for name, raw in request.path_params.items():
        if not str(raw).isdigit():
            continue  # the route's own validation answers (422)
        try:
            _check(session, user, name, int(raw))
        except (Forbidden, LookupError) as exc:
            raise HTTPException(404, "没有找到该对象，或您无权查看") from exc
