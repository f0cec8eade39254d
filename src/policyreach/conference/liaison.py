"""The 包保 ledger: leaders and members who look after named firms, projects or parks; their visits and the
firms' requests (诉求) with status and who closed them. On a covered firm the leader sees the benefits the
firm qualifies for and has not claimed, from the platform's own matcher and the applications table.

    request: open ──▶ in_progress ──▶ closed      (open ──▶ closed directly when solved at once)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from policyreach.app import consents
from policyreach.app.ports import PlatformServices
from policyreach.conference import roles
from policyreach.conference.records_models import LiaisonRequest, LiaisonTarget, LiaisonVisit
from policyreach.conference.roles import Forbidden, IllegalTransition
from policyreach.redemption import audit
from policyreach.store.models import Account, Application, DisclosureConsent, Entity

KIND_ZH = {"enterprise": "企业", "project": "项目", "park": "园区"}
REQUEST_ZH = {"open": "待办理", "in_progress": "办理中", "closed": "已办结"}
TRANSITIONS = {("open", "in_progress"), ("in_progress", "closed"), ("open", "closed")}
COVERERS = (roles.MEMBER, roles.LEADER)


def _own(session: Session, account: Account, target: LiaisonTarget) -> None:
    """Only the member who covers the target (or the administrator) may read and act on it."""
    if account.role == roles.ADMIN:
        return
    member = roles.member_of(session, account)
    if member is None or member.id != target.member_pk:
        raise Forbidden("只能查看本人包保的企业、项目或园区")


def cover(
    session: Session,
    account: Account,
    *,
    kind: str,
    name: str,
    since: dt.date,
    entity: Entity | None = None,
    sample: bool = False,
) -> LiaisonTarget:
    roles.require(account, COVERERS, "登记包保对象")
    member = roles.member_of(session, account)
    if member is None:
        raise Forbidden("该账号未关联委员")
    if kind not in KIND_ZH:
        raise ValueError("包保对象应为企业、项目或园区")
    if kind == "enterprise" and entity is None:
        raise ValueError("包保企业须关联平台中的企业")
    # a firm is shown by the code the member typed until it consents: its name is part of what it agrees to show
    name = f"企业 {entity.uscc or entity.entity_id}" if entity else name.strip()
    if not name:
        raise ValueError("请填写包保对象名称")
    same = select(LiaisonTarget.id).where(
        LiaisonTarget.member_pk == member.id,
        LiaisonTarget.kind == kind,
        (LiaisonTarget.entity_pk == entity.id) if entity else (LiaisonTarget.name == name),
    )
    if session.scalar(same) is not None:  # a second click, or the same firm twice: one ledger entry
        raise ValueError(f"{name}已在您的包保台账中")
    target = LiaisonTarget(
        member_pk=member.id, kind=kind, entity_pk=entity.id if entity else None, name=name, since=since, sample=sample
    )
    session.add(target)
    session.flush()
    if entity is not None:
        consent_for(session, target, requester=account.display_name)
    audit.record(session, account.username, "liaison.cover", f"liaison:{target.id}", {"name": target.name})
    return target


PURPOSE = "政协委员包保联系：了解企业诉求，查看企业可享受但尚未申请的政策，协助对接"


def consent_for(
    session: Session, target: LiaisonTarget, *, requester: str = "政协委员", approved_by: str | None = None
) -> DisclosureConsent:
    """Ask the covered firm to let its coverer see what the platform knows about it (once per ledger entry)."""
    assert target.entity_pk is not None
    return consents.ask(session, target.entity_pk, subject(target), requester, PURPOSE, approved_by=approved_by)


def subject(target: LiaisonTarget) -> str:
    return f"liaison:{target.id}"


def disclosed(session: Session, target: LiaisonTarget) -> bool:
    """May the coverer see the firm: not before it consents in its portal or the information office approves."""
    return target.entity_pk is None or consents.disclosed(session, subject(target))


def targets(session: Session, account: Account) -> list[LiaisonTarget]:
    member = roles.member_of(session, account)
    if account.role not in COVERERS or member is None:
        raise Forbidden("包保台账仅限政协领导和委员本人查看")
    return list(
        session.scalars(select(LiaisonTarget).where(LiaisonTarget.member_pk == member.id).order_by(LiaisonTarget.id))
    )


def get(session: Session, account: Account, target_pk: int) -> LiaisonTarget:
    target = session.get(LiaisonTarget, target_pk)
    if target is None:
        raise LookupError("包保对象不存在")
    _own(session, account, target)
    return target


def visit(session: Session, account: Account, target: LiaisonTarget, on: dt.date, note: str) -> LiaisonVisit:
    _own(session, account, target)
    row = LiaisonVisit(target_pk=target.id, visited_on=on, note=note.strip())
    session.add(row)
    session.flush()
    audit.record(session, account.username, "liaison.visit", f"liaison:{target.id}", {"on": on})
    return row


def raise_request(session: Session, account: Account, target: LiaisonTarget, text: str, on: dt.date) -> LiaisonRequest:
    _own(session, account, target)
    if not text.strip():
        raise ValueError("诉求内容不能为空")
    row = LiaisonRequest(target_pk=target.id, text=text.strip(), state="open", raised_on=on)
    session.add(row)
    session.flush()
    audit.record(session, account.username, "liaison.request", f"liaison-request:{row.id}", {"target": target.id})
    return row


def move_request(
    session: Session,
    account: Account,
    row: LiaisonRequest,
    to: str,
    *,
    handled_by: str = "",
    result: str = "",
    on: dt.date,
) -> None:
    target = session.get(LiaisonTarget, row.target_pk)
    assert target is not None
    _own(session, account, target)
    if (row.state, to) not in TRANSITIONS:
        raise IllegalTransition(f"诉求当前“{REQUEST_ZH[row.state]}”，不能变为“{REQUEST_ZH.get(to, to)}”")
    if to == "in_progress":
        if not handled_by.strip():
            raise ValueError("须写明承办单位")
        row.handled_by = handled_by.strip()
    if to == "closed":
        if not result.strip():
            raise ValueError("办结须写明结果")
        row.result, row.closed_by, row.closed_on = result.strip(), handled_by.strip() or account.display_name, on
    before = row.state
    row.state = to
    audit.record(
        session, account.username, f"liaison.request_{to}", f"liaison-request:{row.id}", {"from": before, "to": to}
    )


def unclaimed_benefits(session: Session, platform: PlatformServices, target: LiaisonTarget) -> list[Any]:
    """Benefits the covered firm qualifies for (eligible or likely) and has no application for: 政策找人."""
    if target.entity_pk is None:
        return []
    entity = session.get(Entity, target.entity_pk)
    if entity is None:
        return []
    if not disclosed(session, target):
        return []
    claimed = set(session.scalars(select(Application.benefit_id).where(Application.entity_pk == entity.id)))
    return [
        m
        for m in platform.matches(session, entity, habits=False)
        if m.status in ("eligible", "likely") and m.benefit_id not in claimed
    ]
