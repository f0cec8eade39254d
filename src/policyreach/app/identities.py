"""Unified identity: an OpenID Connect identity (issuer, subject) and the account it signs in as.

An identity whose claims carry a 统一社会信用代码 is the legal person's account of the firm or institute with that
code; one without is a natural person: a person a plug-in knows (a conference member whose roster names their
identity) signs in as their own account, anyone else is found among the talents by the registry's 身份证号摘要.
The first sign-in creates the account, bound to that entity, with the entity's kind as its role; every later sign-in
of the same (issuer, subject) reuses it. The web flow that checks the provider's answer is ``web/oidc.py``.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from policyreach import clock, plugins
from policyreach.app.accounts import hash_password
from policyreach.standards.uscc import InvalidUscc, parse_uscc
from policyreach.store.models import Account, Entity, EntityValue, ExternalIdentity, FirmAgent

FIRM_KINDS = ("enterprise", "institute")


class IdentityRefused(ValueError):
    """An identity the platform cannot sign in, with a message for the person (no account was made)."""


@dataclass(frozen=True)
class Identity:
    """What a verified ID token (and the userinfo endpoint) said about the person signing in."""

    issuer: str
    subject: str
    credit_code: str | None  # the legal person's 统一社会信用代码, when the identity is a firm's
    person_id: str | None  # a natural person's id as the talent registry holds it (id_hash)
    name: str | None = None


def username_for(issuer: str, subject: str) -> str:
    """A fixed local name per identity: two first sign-ins of one identity in parallel collide on it (and on the
    identity's unique key), so the loser finds the winner's account instead of making a second one."""
    return "oidc-" + hashlib.sha256(f"{issuer}\0{subject}".encode()).hexdigest()[:20]


def _entity_for(session: Session, identity: Identity) -> Entity:
    if identity.credit_code:
        code = identity.credit_code.strip().upper()
        try:
            parse_uscc(code)
        except InvalidUscc as exc:
            message = f"统一身份认证提供的统一社会信用代码“{code[:32]}”不正确（{exc.reason}），无法登录"
            raise IdentityRefused(message) from None
        found = session.scalar(select(Entity).where(Entity.uscc == code, Entity.kind.in_(FIRM_KINDS)).limit(1))
        if found is None:
            raise IdentityRefused(
                f"本平台没有统一社会信用代码为 {code} 的企业或单位，未能登录。"
                "如贵单位在长春注册，请联系市场监督管理部门核实登记信息后再试"
            )
        return found
    if identity.person_id:
        found = session.scalar(
            select(Entity)
            .join(EntityValue, EntityValue.entity_pk == Entity.id)
            .where(Entity.kind == "talent", EntityValue.column == "id_hash", EntityValue.text == identity.person_id)
            .limit(1)
        )
        if found is None:
            raise IdentityRefused("本平台的人才名录中没有您的身份信息，未能登录。请联系人力资源和社会保障部门核实")
        return found
    raise IdentityRefused("统一身份认证未提供统一社会信用代码或个人身份标识，无法确定您代表的单位或个人")


def _check_still_bound(session: Session, account: Account, identity: Identity) -> None:
    """A later sign-in whose credit code names another firm than the account's is refused: the identity was
    bound to one firm, and moving it silently would hand that account's applications to someone else."""
    if not identity.credit_code or account.entity is None:
        return
    if account.entity.uscc != identity.credit_code.strip().upper():
        raise IdentityRefused(
            f"该统一身份此前绑定的是“{account.entity.name}”，与本次认证提供的统一社会信用代码不一致，"
            "未能登录。请联系平台管理员核实"
        )


@dataclass(frozen=True)
class SignedIn:
    account: Account
    created: bool  # made by this sign-in (the identity's first)


def sign_in(session: Session, identity: Identity, now: float) -> SignedIn:
    """The account this identity signs in as, made at its first sign-in; raises IdentityRefused.

    Not check-then-act: the new account and identity are inserted under unique keys in a savepoint, and a
    parallel first sign-in that won the race is read back instead.
    """
    if not identity.subject or len(identity.subject) > 255 or len(identity.issuer) > 255:
        raise IdentityRefused("统一身份认证提供的用户标识（sub）为空或过长，无法登录")
    key = (ExternalIdentity.issuer == identity.issuer, ExternalIdentity.subject == identity.subject)
    for _ in range(2):
        row = session.scalar(select(ExternalIdentity).where(*key))
        if row is not None:
            account = session.get(Account, row.account_id)
            assert account is not None  # the foreign key cascades: an identity never outlives its account
            _check_still_bound(session, account, identity)
            row.last_login_at = now
            return SignedIn(account, created=False)
        agent = _agent_for(session, identity)
        if agent is not None:  # a person a firm authorised by their own identity: signs in as that agent
            try:
                with session.begin_nested():
                    session.add(_identity_row(identity, agent.account_id, now))
                    # the identity replaces the one-time password the representative saw: from now on the agent
                    # signs in through the provider only, and has no password of its own to set
                    agent.account.password_hash = hash_password(secrets.token_urlsafe(32))
                    agent.account.must_change_password = False
                    session.flush()
                return SignedIn(agent.account, created=False)
            except IntegrityError:
                continue
        if not identity.credit_code:  # a person a plug-in knows (a conference member): their own account
            try:
                with session.begin_nested():
                    known = plugins.identity_account(session, identity.issuer, identity.subject, identity.name)
                    if known is not None:
                        session.add(_identity_row(identity, known, now))
                        session.flush()
                if known is not None:
                    account = session.get(Account, known)
                    assert account is not None
                    return SignedIn(account, created=False)
            except IntegrityError:
                continue  # a parallel first sign-in bound it: read it back
        entity = _entity_for(session, identity)
        try:
            with session.begin_nested():
                account = Account(
                    username=username_for(identity.issuer, identity.subject),
                    # never typed by anyone: the account signs in only through the provider, and a password login
                    # with its name still costs one argon2 run like any other
                    password_hash=hash_password(secrets.token_urlsafe(32)),
                    role=entity.kind,
                    entity_pk=entity.id,
                    display_name=entity.name[:100],
                )
                session.add(account)
                session.flush()
                session.add(_identity_row(identity, account.id, now))
                session.flush()
            return SignedIn(account, created=True)
        except IntegrityError:
            continue  # another process made it first: read it back
    raise IdentityRefused("登录时发生冲突，请稍后重试")


def _identity_row(identity: Identity, account_id: int, now: float) -> ExternalIdentity:
    return ExternalIdentity(
        issuer=identity.issuer, subject=identity.subject, account_id=account_id, created_at=now, last_login_at=now
    )


def _agent_for(session: Session, identity: Identity) -> FirmAgent | None:
    """The authorisation a firm gave this person by their identity subject, when it is in force (an identity with a
    credit code is a firm's legal person, never an agent)."""
    if identity.credit_code:
        return None
    found = session.scalars(
        select(FirmAgent).where(FirmAgent.subject == identity.subject, FirmAgent.state == "active")
    ).all()
    in_force = [a for a in found if a.in_force(clock.today())]
    if len(in_force) > 1:
        raise IdentityRefused("您同时是多家单位的经办人，请使用各单位分配的账号登录")
    return in_force[0] if in_force else None


def signs_in_through(session: Session, account_id: int, issuer: str) -> bool:
    """The account is an identity of this provider (its logout also ends the provider's session)."""
    found = select(ExternalIdentity.id).where(
        ExternalIdentity.account_id == account_id, ExternalIdentity.issuer == issuer
    )
    return session.scalar(found.limit(1)) is not None
