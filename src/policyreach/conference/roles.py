"""The conference module's account roles and the page access checks both proposal and record pages use."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from policyreach.conference.models import ConferenceMember, HandlingUnit
from policyreach.store.models import Account

MEMBER = "member"  # 政协委员
COMMITTEE = "committee"  # 提案委员会 staff
UNIT = "unit"  # 承办单位 staff; ``Account.department`` names the unit (HandlingUnit.name)
INFO_OFFICE = "info_office"  # 信息办 (社情民意)
LEADER = "leader"  # 政协领导: sees everything
ADMIN = "admin"  # the platform's administrator counts as a leader here

ROLES = (MEMBER, COMMITTEE, UNIT, INFO_OFFICE, LEADER)
COVERERS = (MEMBER, LEADER)  # who keeps a 包保 ledger
ROLE_ZH = {
    MEMBER: "政协委员",
    COMMITTEE: "提案委员会",
    UNIT: "承办单位",
    INFO_OFFICE: "信息办",
    LEADER: "政协领导",
    ADMIN: "系统管理员",
}
CONFERENCE_ROLES = frozenset({*ROLES, ADMIN})


class Forbidden(PermissionError):
    """An account acting outside its role or its own objects; the message is Chinese, shown to the user."""


class IllegalTransition(ValueError):
    """A move an object's state machine does not have at all; the message is Chinese, shown to the user."""


def is_conference(account: Account) -> bool:
    return account.role in CONFERENCE_ROLES


def sees_everything(account: Account) -> bool:
    """Leaders and the administrator see every object of the module; others see by role and ownership."""
    return account.role in (LEADER, ADMIN)


def require(account: Account, roles: Iterable[str], what: str = "此操作") -> None:
    """Refuse unless the account has one of ``roles`` (leaders/admin pass only when listed)."""
    allowed = set(roles)
    if account.role not in allowed:
        names = "、".join(ROLE_ZH.get(r, r) for r in sorted(allowed))
        raise Forbidden(f"{what}仅限{names}")


def member_of(session: Session, account: Account) -> ConferenceMember | None:
    """The ``ConferenceMember`` row of a member account (None for other accounts)."""

    return session.scalar(select(ConferenceMember).where(ConferenceMember.account_pk == account.id))


def unit_of(session: Session, account: Account) -> HandlingUnit | None:
    """The ``HandlingUnit`` of a unit account, by its department name (None for other accounts)."""

    if account.role != UNIT or not account.department:
        return None
    return session.scalar(select(HandlingUnit).where(HandlingUnit.name == account.department))
