"""The password policy of local accounts (a 等保 2.0 review's expectations): length, character classes, not the user
name, no reuse of recent passwords. Applied whenever a password is set or changed by a person; the demo's seeding
sets its known password on purpose and does not pass through here. Lock-out after repeated failures is the login
limiter's (``web/security.LoginLimiter``), shared with the second factor's codes.
See README "Security".
"""

from __future__ import annotations

import time

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from policyreach.app.accounts import AccountError, check_password, hash_password
from policyreach.store.models import Account, PasswordHistory

MIN_LENGTH = 12
MAX_LENGTH = 128  # an argon2 run over a megabyte "password" is a cheap way to load the server
MIN_CLASSES = 3
HISTORY = 5  # earlier passwords kept besides the current one, none of which may come back

CLASSES = (
    ("大写字母", str.isupper),
    ("小写字母", str.islower),
    ("数字", str.isdigit),
)


class PasswordRefused(AccountError):
    """A password the policy refuses, with the rule it breaks in Chinese."""


def _classes(password: str) -> list[str]:
    found = [name for name, test in CLASSES if any(c.isascii() and test(c) for c in password)]
    # anything but an ASCII letter or digit is a symbol: punctuation, a space, a Chinese character
    if any(not (c.isascii() and c.isalnum()) for c in password):
        found.append("符号")
    return found


def problems(password: str, username: str) -> list[str]:
    """Every rule the password breaks, in Chinese, each naming the rule (empty: acceptable)."""
    found: list[str] = []
    if len(password) < MIN_LENGTH:
        found.append(f"密码长度至少 {MIN_LENGTH} 位（现为 {len(password)} 位）")
    if len(password) > MAX_LENGTH:
        found.append(f"密码长度不能超过 {MAX_LENGTH} 位")
    classes = _classes(password)
    if len(classes) < MIN_CLASSES:
        has = "、".join(classes) or "无"
        found.append(f"密码须包含大写字母、小写字母、数字、符号中的至少 {MIN_CLASSES} 类（现有：{has}）")
    name = username.strip().lower()
    if len(name) >= 3 and name in password.lower():
        found.append("密码不能包含用户名")
    return found


def check(password: str, username: str) -> None:
    """Raise PasswordRefused naming every rule broken."""
    broken = problems(password, username)
    if broken:
        raise PasswordRefused("；".join(broken))


def reused(session: Session, account: Account, password: str) -> bool:
    """Is this the account's current password or one of its last HISTORY passwords? (one argon2 run each)"""
    if check_password(account.password_hash, password):
        return True
    earlier = session.scalars(
        select(PasswordHistory.password_hash)
        .where(PasswordHistory.account_id == account.id)
        .order_by(PasswordHistory.id.desc())
        .limit(HISTORY)
    )
    return any(check_password(stored, password) for stored in earlier)


def set_password(session: Session, account: Account, password: str, *, must_change: bool) -> None:
    """Check the policy (and the history), then set the new hash, keeping the old one in the history."""
    check(password, account.username)
    if reused(session, account, password):
        raise PasswordRefused(f"新密码不能与当前密码或最近 {HISTORY} 次使用过的密码相同")
    session.add(PasswordHistory(account_id=account.id, password_hash=account.password_hash, at=time.time()))
    session.flush()
    kept = select(PasswordHistory.id).where(PasswordHistory.account_id == account.id)
    keep = list(session.scalars(kept.order_by(PasswordHistory.id.desc()).limit(HISTORY)))
    session.execute(
        delete(PasswordHistory).where(PasswordHistory.account_id == account.id, PasswordHistory.id.not_in(keep))
    )
    account.password_hash = hash_password(password)
    account.must_change_password = must_change
