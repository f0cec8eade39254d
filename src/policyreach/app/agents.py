"""A firm's agents (经办人): the legal representative authorises accounts to act for the firm, within scopes, until
a date, and revokes them.

The representative is the firm's account that is no agent. An authorisation creates the agent's own account (a
one-time initial password, shown once) bound to the firm; the authorization policy (``app.authority``) reads its
scopes at every request, and ``accounts.session_account`` signs it out once the authorisation has ended. What an
agent did is what the audit chain records under its account (the web layer writes the entries). Revocation ends the
agent's sessions and API tokens in its own transaction, so the next request of that browser is anonymous.
See README "Security", "A firm's agents".
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import string
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session

from policyreach import clock, settings
from policyreach.app.accounts import close_all_sessions, hash_password
from policyreach.app.authority import AGENT_SCOPES, APPLY, BANK, VIEW, agent_scopes
from policyreach.store.models import Account, AuditEntry, Entity, FirmAgent

PHONE = re.compile(r"1[3-9]\d{9}")
STATUS_ZH = {"active": "有效", "expired": "已过期", "revoked": "已撤销"}
# what an agent's audit entries mean to the representative (other entries: "其他操作")
ACTION_ZH = {
    "login": "登录",
    "password_change": "修改密码",
    "application.submitted": "提交申报",
    "application.approved_by_rule": "一键申领（按规则核准）",
    "application.held_for_batch": "一键申领（待统一核定）",
    "application.approved": "确认领取（确认银行账户）",
    "application.declined": "放弃领取",
    "entity.values_edited": "修改单位信息",
}


class AgentError(ValueError):
    """A refused authorisation or revocation: one Chinese message per field, each naming it."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("；".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Granted:
    agent: FirmAgent
    username: str
    password: str  # shown once to the representative, never stored in clear


def is_representative(account: Account) -> bool:
    """The firm's own account (法定代表人): an entity account that is no agent."""
    return account.entity_pk is not None and agent_scopes(account) is None


def status(agent: FirmAgent, today: dt.date) -> str:
    if agent.state != "active":
        return "revoked"
    return "active" if agent.in_force(today) else "expired"


def sign_in_refusal(account: Account) -> str | None:
    """Why this account may not sign in (an agent whose authorisation has ended), else None."""
    if account.agent is None or account.agent.in_force(clock.today()):
        return None
    return "您的经办授权已到期或已被撤销，请联系本单位法定代表人重新授权"


def _password() -> str:
    """A one-time initial password: 16 characters with upper and lower case letters and digits."""
    alphabet = string.ascii_letters + string.digits
    while True:
        password = "".join(secrets.choice(alphabet) for _ in range(16))
        if all(any(test(c) for c in password) for test in (str.islower, str.isupper, str.isdigit)):
            return password


def _expiry(raw: str, today: dt.date) -> tuple[dt.date | None, str | None]:
    longest = today + dt.timedelta(days=settings.agent_max_days())
    try:
        expires = dt.date.fromisoformat(raw.strip())
    except ValueError:
        return None, "有效期至：请填写日期（如 2026-12-31）"
    if expires < today:
        return None, f"有效期至：不能早于今天（{today.isoformat()}）"
    if expires > longest:
        return None, f"有效期至：最长授权 {settings.agent_max_days()} 天，即不晚于 {longest.isoformat()}"
    return expires, None


def grant(
    session: Session,
    representative: Account,
    *,
    name: str,
    phone: str,
    scopes: Iterable[str],
    expires_on: str,
    subject: str = "",
) -> Granted:
    """Authorise an agent: its account and the authorisation, in the caller's transaction; all checked first."""
    if not is_representative(representative):
        raise AgentError(["只有本单位法定代表人的账号可以授权经办人"])
    entity = session.get(Entity, representative.entity_pk)
    assert entity is not None
    today = clock.today()
    problems: list[str] = []
    name, phone, subject = name.strip(), re.sub(r"[\s-]", "", phone), subject.strip()
    if not name:
        problems.append("经办人姓名：请填写")
    elif len(name) > 50:
        problems.append("经办人姓名：不超过 50 个字")
    if not PHONE.fullmatch(phone):
        problems.append("手机号：请填写 11 位手机号码")
    elif session.scalar(
        select(FirmAgent.id).where(
            FirmAgent.entity_pk == entity.id,
            FirmAgent.phone == phone,
            FirmAgent.state == "active",
            FirmAgent.expires_on >= today,
        )
    ):
        problems.append("手机号：该手机号已是本单位在册的经办人，如需调整请先撤销")
    if len(subject) > 200:
        problems.append("统一身份标识：不超过 200 个字符")
    given = set(scopes)
    if given & {APPLY, BANK}:  # applying or confirming an account needs the pages they are done on
        given.add(VIEW)
    chosen = [s for s in AGENT_SCOPES if s in given]  # in the order the page lists them
    if not given:
        problems.append("授权范围：请至少选择一项")
    elif given - set(chosen):
        problems.append("授权范围：只能选择 " + "、".join(AGENT_SCOPES.values()))
    expires, problem = _expiry(expires_on, today)
    if problem:
        problems.append(problem)
    if problems:
        raise AgentError(problems)
    assert expires is not None
    username = f"{entity.entity_id}-{phone}"
    taken = set(session.scalars(select(Account.username).where(Account.username.like(f"{username}%"))))
    n = 1
    while username in taken:  # the same person authorised again after a revocation: a new account
        n += 1
        username = f"{entity.entity_id}-{phone}-{n}"
    password = _password()
    account = Account(
        username=username,
        password_hash=hash_password(password),
        role=representative.role,
        entity_pk=entity.id,
        display_name=name,
        # chosen by the platform and seen by the representative: the agent sets its own at the first sign-in
        must_change_password=True,
    )
    session.add(account)
    session.flush()
    agent = FirmAgent(
        entity_pk=entity.id,
        account_id=account.id,
        name=name,
        phone=phone,
        subject=subject or None,
        scopes=chosen,
        expires_on=expires,
        state="active",
        granted_by=representative.username,
    )
    session.add(agent)
    session.flush()
    return Granted(agent, username, password)


def revoke(session: Session, representative: Account, agent_id: int) -> FirmAgent:
    """Revoke at once: a conditional update (a second revocation changes nothing) and the end of every session and
    API token of the agent's account, in the caller's transaction."""
    result = session.execute(
        update(FirmAgent)
        .where(
            FirmAgent.id == agent_id,
            FirmAgent.entity_pk == representative.entity_pk,
            FirmAgent.state == "active",
        )
        .values(state="revoked", revoked_by=representative.username, revoked_at=func.now())
        .execution_options(synchronize_session=False)
    )
    done = cast(CursorResult[Any], result).rowcount
    agent = session.get(FirmAgent, agent_id)
    if done != 1 or agent is None:
        raise AgentError(["该经办人的授权已撤销"])
    session.refresh(agent)
    close_all_sessions(session, agent.account_id)
    return agent


def agents_of(session: Session, entity_pk: int) -> list[FirmAgent]:
    return list(session.scalars(select(FirmAgent).where(FirmAgent.entity_pk == entity_pk).order_by(FirmAgent.id)))


def actions_of(session: Session, agents: list[FirmAgent], limit: int = 50) -> dict[int, list[AuditEntry]]:
    """What each agent did for the firm, newest first: the audit chain's entries written under its account."""
    names = {agent.account.username: agent.id for agent in agents}
    found: dict[int, list[AuditEntry]] = {agent.id: [] for agent in agents}
    if not names:
        return found
    for entry in session.scalars(
        select(AuditEntry).where(AuditEntry.actor.in_(names)).order_by(AuditEntry.id.desc()).limit(limit * len(names))
    ):
        bucket = found[names[entry.actor]]
        if len(bucket) < limit:
            bucket.append(entry)
    return found
