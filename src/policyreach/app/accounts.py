"""Accounts: argon2 password hashes and the first administrator of a deployment."""

from __future__ import annotations

import functools
import hashlib
import secrets
import time

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, joinedload

from policyreach import clock, settings
from policyreach.store.models import Account, AuthSession, Entity


@functools.cache
def _hasher_with(parameters: tuple[int, int, int]) -> PasswordHasher:
    passes, memory, lanes = parameters
    return PasswordHasher(time_cost=passes, memory_cost=memory, parallelism=lanes)


def _hasher() -> PasswordHasher:
    return _hasher_with(settings.argon2_parameters())


@functools.cache
def _dummy_hash_with(parameters: tuple[int, int, int]) -> str:
    return _hasher_with(parameters).hash(secrets.token_urlsafe(16))


def dummy_hash() -> str:
    """Verified in place of an unknown user's hash, with the same parameters, so that a wrong user name costs the
    same argon2 run as a wrong password and the answer's timing does not tell which names exist; made at the first
    sign-in, not at import (an argon2 run every CLI command would pay)."""
    return _dummy_hash_with(settings.argon2_parameters())


# roles an administrator creates from the CLI; the web console creates the others
CLI_ROLES = ("admin", "officer", "finance", "registry")


class AccountError(ValueError):
    """A refused account change, with a message for the person who asked."""


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def check_password(stored: str, password: str) -> bool:
    try:
        return _hasher().verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def authenticate(session: Session, username: str, password: str) -> Account | None:
    """The account these credentials open, or None; one argon2 verification whether or not the name exists."""
    user = session.scalar(select(Account).where(Account.username == username))
    ok = check_password(user.password_hash if user is not None else dummy_hash(), password)
    if not ok or user is None:
        return None
    if _hasher().check_needs_rehash(user.password_hash):  # the cost was raised since: made again while we hold it
        user.password_hash = hash_password(password)
    return user


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def open_session(session: Session, account_id: int, kind: str, lifetime: float, *, second_factor: bool = False) -> str:
    """A new server-side session (a browser's or an API token's): the secret its cookie or token carries.

    Only the secret's digest is stored, so that a copy of the table opens nothing; expired rows are pruned here,
    which bounds the table by the sessions of one lifetime. ``second_factor``: opened after a TOTP or recovery code.
    """
    now = time.time()
    session.execute(delete(AuthSession).where(AuthSession.expires_at <= now))
    secret = secrets.token_urlsafe(24)
    session.add(
        AuthSession(
            id=_digest(secret),
            account_id=account_id,
            kind=kind,
            created_at=now,
            expires_at=now + lifetime,
            second_factor=second_factor,
        )
    )
    return secret


def live_session(session: Session, secret: str | None, account_id: int) -> AuthSession | None:
    """The session row of a live session, or None when it was ended, has expired or belongs to another account."""
    found = live_account(session, secret, account_id)
    return None if found is None else found[0]


def live_account(session: Session, secret: str | None, account_id: int) -> tuple[AuthSession, Account] | None:
    """The session row of a live session and its account, or None when it was ended, has expired, belongs to another
    account or is an agent's whose authorisation has ended.

    The caller keeps the account returned: the session's identity map holds objects weakly, so an account looked up
    here and dropped is read again by the next ``session.get`` (two queries more on every page)."""
    if not secret:
        return None
    # the session's row and its account in one query (every request asks): the agent (read just below) and the
    # entity (every firm's page reads it) joined; the entity's values only when a page reads them (the policy list
    # reads them as plain rows: Platform.record)
    found = session.execute(
        select(AuthSession, Account)
        .join(Account, Account.id == AuthSession.account_id)
        .where(AuthSession.id == _digest(secret))
        .options(joinedload(Account.agent), joinedload(Account.entity).lazyload(Entity.value_rows))
    ).first()
    if found is None:
        return None
    row, account = found
    if row.account_id != account_id or row.expires_at <= time.time():
        return None
    if account.agent is not None and not account.agent.in_force(clock.today()):
        return None  # an agent past its authorisation's last day is signed out like a revoked one
    return row, account


def session_account(session: Session, secret: str | None, account_id: int) -> Account | None:
    """The account of a live session, or None when it was ended, has expired, belongs to another account or is an
    agent whose authorisation has ended."""
    found = live_account(session, secret, account_id)
    return None if found is None else found[1]


def mark_second_factor(session: Session, secret: str) -> None:
    """The session proved the second factor in its course (the factor was just enrolled in it)."""
    row = session.get(AuthSession, _digest(secret))
    if row is not None:
        row.second_factor = True


def close_session(session: Session, secret: str | None) -> None:
    if secret:
        session.execute(delete(AuthSession).where(AuthSession.id == _digest(secret)))


def close_all_sessions(session: Session, account_id: int) -> None:
    """End every browser session and API token of the account (a changed or reset password)."""
    session.execute(delete(AuthSession).where(AuthSession.account_id == account_id))


def change_password(session: Session, account: Account, current: str, new: str, repeated: str) -> None:
    """Set a new password after checking the current one; every session and token of the account ends."""
    from policyreach.app import passwords  # the policy module sets hashes with this module's hasher

    if not check_password(account.password_hash, current):
        raise AccountError("当前密码不正确")
    if new != repeated:
        raise AccountError("两次输入的新密码不一致")
    passwords.set_password(session, account, new, must_change=False)  # the policy, the history
    close_all_sessions(session, account.id)


def set_by_administrator(session: Session, account: Account, password: str) -> None:
    """An administrator sets a password (a forgotten one): the policy applies, the owner must change it at the next
    sign-in, and every session of the account ends."""
    from policyreach.app import passwords

    passwords.set_password(session, account, password, must_change=True)
    close_all_sessions(session, account.id)


def account_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Account)) or 0


def create_account(
    session: Session,
    username: str,
    password: str,
    *,
    role: str = "admin",
    department: str | None = None,
    must_change: bool = False,
) -> Account:
    """A new officer or administrator; refuses a taken name, a password the policy refuses and an officer without
    department. ``must_change``: the password was chosen for its owner, who must change it at the first sign-in."""
    from policyreach.app import passwords

    username = username.strip()
    if not username:
        raise AccountError("用户名不能为空")
    if role not in CLI_ROLES:
        raise AccountError(f"角色只能是 {' / '.join(CLI_ROLES)}，收到 {role!r}")
    if role in ("officer", "finance") and not department:
        raise AccountError("部门工作人员须指定所属部门（--department）")
    if role == "registry" and not department:
        raise AccountError("系统账号须用 --department 指定它推送的数据来源（如 tax）")
    passwords.check(password, username)
    if session.scalar(select(Account.id).where(Account.username == username)) is not None:
        raise AccountError(f"用户名 {username} 已存在")
    account = Account(
        username=username,
        password_hash=hash_password(password),
        role=role,
        department=department,
        display_name=department or "系统管理员",
        must_change_password=must_change,
    )
    session.add(account)
    session.flush()
    return account
