"""Accounts: argon2 password hashes and the first administrator of a deployment."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policyreach.store.models import Account

_hasher = PasswordHasher()

# roles an administrator creates from the CLI; the web console creates the others
CLI_ROLES = ("admin", "officer", "finance")


class AccountError(ValueError):
    """A refused account change, with a message for the person who asked."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def account_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Account)) or 0


def create_account(
    session: Session, username: str, password: str, *, role: str = "admin", department: str | None = None
) -> Account:
    """A new officer or administrator; refuses a taken name, a short password and an officer without department."""
    username = username.strip()
    if not username:
        raise AccountError("用户名不能为空")
    if role not in CLI_ROLES:
        raise AccountError(f"角色只能是 {' / '.join(CLI_ROLES)}，收到 {role!r}")
    if role in ("officer", "finance") and not department:
        raise AccountError("部门工作人员须指定所属部门（--department）")
    if len(password) < 12:
        raise AccountError("密码至少 12 位")
    if session.scalar(select(Account.id).where(Account.username == username)) is not None:
        raise AccountError(f"用户名 {username} 已存在")
    account = Account(
        username=username,
        password_hash=hash_password(password),
        role=role,
        department=department,
        display_name=department or "系统管理员",
    )
    session.add(account)
    session.flush()
    return account
