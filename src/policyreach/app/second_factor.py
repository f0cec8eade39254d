"""The second factor of an account: TOTP (RFC 6238, through pyotp) and single-use recovery codes.

- A code is accepted for the current 30-second step or the one before or after (clocks drift), and never twice:
  the step it matched is written with a compare-and-set on the account's last accepted step, so that the same code
  sent twice, even to two server processes at once, opens at most one session.
- Ten recovery codes are made at enrolment, shown once and kept only as digests; each opens one sign-in. They are
  random (60 bits), so a fast digest keeps them as safe as the session secrets (``app.accounts``), and one lookup
  finds a code.
- An administrator's reset removes the factor and the codes and ends every session: the account enrols again at its
  next sign-in (and an officer can do nothing else until it has).

Which roles must have one, and what a session without it may do, is the authorization policy's
(``app.authority.gate``). See README "Security".
"""

from __future__ import annotations

import hashlib
import hmac
import io
import secrets
import time

import pyotp
import segno
from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from policyreach.app.accounts import close_all_sessions
from policyreach.store.models import Account, RecoveryCode

STEP = 30  # seconds, what every authenticator app uses
WINDOW = 1  # steps either side of now
ISSUER = "政策通 PolicyReach"
RECOVERY_CODES = 10
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read off paper


class SecondFactorError(ValueError):
    """A refused code or enrolment, with a message for the person."""


def enrolled(account: Account) -> bool:
    return account.totp_secret is not None


def pending_secret(account: Account) -> str:
    """The secret being enrolled: kept until confirmed, so that a reload shows the same QR code the app scanned."""
    if account.totp_pending is None:
        account.totp_pending = pyotp.random_base32()
    return account.totp_pending


def provisioning_uri(secret: str, username: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def qr_svg(uri: str) -> bytes:
    """The QR code of an otpauth URI as an SVG drawn here (never an external service: the secret is in it)."""
    buffer = io.BytesIO()
    # a white background and the quiet zone: a phone's camera reads it on a dark page too
    segno.make(uri, error="m").save(buffer, kind="svg", scale=5, title="二次验证绑定二维码", light="#fff")
    return buffer.getvalue()


def _normal(code: str) -> str:
    return "".join(code.split()).replace("-", "").upper()


def matching_step(secret: str, code: str, now: float) -> int | None:
    """The time step (within the window around ``now``) whose code this is, or None."""
    code = _normal(code)
    if len(code) != 6 or not code.isdigit():
        return None
    totp, current = pyotp.TOTP(secret), int(now // STEP)
    for step in range(current - WINDOW, current + WINDOW + 1):
        if hmac.compare_digest(totp.at(step * STEP), code):
            return step
    return None


def _accept_step(session: Session, account: Account, step: int) -> bool:
    """Record the step as used unless it, or a later one, already was (compare-and-set: a replay loses)."""
    result = session.execute(
        update(Account)
        .where(Account.id == account.id, or_(Account.totp_last_step.is_(None), Account.totp_last_step < step))
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    session.expire(account, ["totp_last_step"])
    return result.rowcount == 1  # type: ignore[attr-defined]


def _digest(account_id: int, code: str) -> str:
    return hashlib.sha256(f"{account_id}:{_normal(code)}".encode()).hexdigest()


def use_recovery_code(session: Session, account: Account, code: str, now: float) -> bool:
    """Spend one recovery code: true only for an unused code of this account, once (compare-and-set)."""
    if len(_normal(code)) != 12:
        return False
    result = session.execute(
        update(RecoveryCode)
        .where(
            RecoveryCode.account_id == account.id,
            RecoveryCode.digest == _digest(account.id, code),
            RecoveryCode.used_at.is_(None),
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


def verify(session: Session, account: Account, code: str, now: float | None = None) -> bool:
    """A sign-in's second factor: a TOTP code not used before, or an unused recovery code."""
    if account.totp_secret is None:
        return False
    now = time.time() if now is None else now
    step = matching_step(account.totp_secret, code, now)
    if step is not None:
        return _accept_step(session, account, step)
    return use_recovery_code(session, account, code, now)


def new_recovery_codes(session: Session, account: Account) -> list[str]:
    """Ten fresh codes (the earlier ones are void), returned once for the page to show; only digests are kept."""
    session.execute(delete(RecoveryCode).where(RecoveryCode.account_id == account.id))
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(_ALPHABET) for _ in range(12))
        codes.append(f"{raw[:4]}-{raw[4:8]}-{raw[8:]}")
        session.add(RecoveryCode(account_id=account.id, digest=_digest(account.id, raw), used_at=None))
    return codes


def confirm(session: Session, account: Account, code: str, now: float | None = None) -> list[str]:
    """Finish enrolment with a code from the app: the pending secret becomes the account's; its recovery codes."""
    if account.totp_secret is not None:
        raise SecondFactorError("此账号已绑定二次验证；如需更换，请联系系统管理员重置")
    if account.totp_pending is None:
        raise SecondFactorError("请先打开绑定页面，用验证器应用扫描二维码")
    now = time.time() if now is None else now
    step = matching_step(account.totp_pending, code, now)
    if step is None:
        raise SecondFactorError("动态验证码不正确：请输入验证器应用当前显示的 6 位数字（注意手机时间须准确）")
    account.totp_secret, account.totp_pending, account.totp_last_step = account.totp_pending, None, step
    return new_recovery_codes(session, account)


def remaining_codes(session: Session, account: Account) -> int:
    query = select(func.count()).where(RecoveryCode.account_id == account.id, RecoveryCode.used_at.is_(None))
    return session.scalar(query) or 0


def reset(session: Session, account: Account) -> None:
    """An administrator's reset: no factor, no codes, no session; the account enrols again at its next sign-in."""
    account.totp_secret = account.totp_pending = account.totp_last_step = None
    session.execute(delete(RecoveryCode).where(RecoveryCode.account_id == account.id))
    close_all_sessions(session, account.id)
