"""Sign-in at the venue by QR code: staff show a code that changes every few seconds; a member scans it with their
phone and, if invited (or signed up) and the activity is on today with its attendance still open, is signed in.

The code is an address holding a token ``activity-step-tag``: ``step`` counts the rotation periods
(``POLICYREACH_VENUE_QR_SECONDS``) since the epoch and ``tag`` is an HMAC-SHA256 of the activity and the step under
a key derived from the field key ring (kept outside the database and shared by every server process). A token is
accepted for ``POLICYREACH_VENUE_QR_VALID_SECONDS`` after its period began, so a photo of the code sent to someone
away from the venue soon stops working; a token with a wrong tag (forged, or for another activity) is refused.
Signing in twice keeps the first time: the sign-in is one conditional UPDATE, not a read and then a write.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import io
import re
from dataclasses import dataclass

import segno
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from policyreach import settings
from policyreach.clock import local
from policyreach.conference import roles
from policyreach.conference.activities import ActivityState, _own_member
from policyreach.conference.records_models import Activity, Participant
from policyreach.conference.roles import Forbidden, IllegalTransition
from policyreach.redemption import audit
from policyreach.store import crypto
from policyreach.store.models import Account

TOKEN = re.compile(r"^(\d{1,12})-(\d{1,12})-([A-Za-z0-9_-]{22})$")
SHOWERS = (roles.COMMITTEE, roles.INFO_OFFICE, roles.LEADER, roles.ADMIN)


class BadCode(ValueError):
    """A token that is malformed, forged or expired; the message is Chinese, shown to the member."""


def _keys() -> list[bytes]:
    """One derived key per field key, newest first: a code issued just before a rotation of keys still verifies."""
    return [hmac.new(k.mac, b"venue-sign-in", hashlib.sha256).digest() for k in reversed(crypto.field_ring().keys)]


def _tag(key: bytes, activity_id: int, step: int) -> str:
    mac = hmac.new(key, f"{activity_id}:{step}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac[:16]).decode("ascii").rstrip("=")


def _step(now: dt.datetime) -> int:
    return int(now.timestamp()) // settings.venue_qr_seconds()


def token(activity_id: int, now: dt.datetime) -> str:
    step = _step(now)
    return f"{activity_id}-{step}-{_tag(_keys()[0], activity_id, step)}"


@dataclass(frozen=True)
class Code:
    token: str
    url: str
    svg: str  # the QR code drawn by the platform (segno), served as SVG: nothing is fetched from elsewhere
    changes_in: int  # seconds until the next code
    period: int  # seconds each code is shown


def code_for(activity: Activity, base_url: str, now: dt.datetime) -> Code:
    tok = token(activity.id, now)
    url = f"{base_url.rstrip('/')}/conference/venue/{tok}"
    out = io.BytesIO()
    segno.make(url, error="m").save(
        out, kind="svg", scale=8, border=2, title=f"{activity.title} 签到二维码", desc=url, light="#fff"
    )
    period = settings.venue_qr_seconds()
    return Code(tok, url, out.getvalue().decode("utf-8"), period - int(now.timestamp()) % period, period)


def activity_of(raw: str, now: dt.datetime) -> int:
    """The activity a token signs in to; BadCode when it is malformed, forged or expired."""
    m = TOKEN.match(raw)
    if m is None:
        raise BadCode("二维码无效：请扫描会场现场展示的签到二维码")
    activity_id, step, tag = int(m[1]), int(m[2]), m[3]
    if not any(hmac.compare_digest(_tag(key, activity_id, step), tag) for key in _keys()):
        raise BadCode("二维码无效：请扫描会场现场展示的签到二维码")
    age = now.timestamp() - step * settings.venue_qr_seconds()
    if age < 0:
        raise BadCode("二维码无效：请扫描会场现场展示的签到二维码")
    if age > settings.venue_qr_valid_seconds():
        raise BadCode("二维码已过期：请扫描会场现场正在展示的签到二维码")
    return activity_id


def check_open(activity: Activity, today: dt.date) -> None:
    if activity.state not in (ActivityState.NOTICED, ActivityState.HELD) or activity.held_on != today:
        raise IllegalTransition("只能在活动当天签到")
    if activity.attendance_closed_at is not None:
        raise IllegalTransition("考勤已确认，不能再签到")


def sign_in(
    session: Session, account: Account, activity: Activity, raw: str, now: dt.datetime
) -> tuple[dt.datetime, bool]:
    """The member signs in from the venue's code (``now`` timezone-aware): (the Beijing time of their sign-in,
    whether this scan made it)."""
    if activity_of(raw, now) != activity.id:
        raise BadCode("二维码无效：请扫描会场现场展示的签到二维码")
    member = _own_member(session, account)
    here = local(now).replace(tzinfo=None)  # stored as the app's other sign-ins are: Beijing time
    check_open(activity, here.date())
    row = session.scalar(
        select(Participant).where(Participant.activity_pk == activity.id, Participant.member_pk == member.id)
    )
    if row is None or not (row.invited or row.signed_up_at):
        raise Forbidden("您未受邀参加此活动，也未报名，不能扫码签到；如需参加请联系会务人员")
    # one conditional UPDATE: two scans at once sign in once, and the first time stays
    made = session.execute(
        update(Participant)
        .where(Participant.id == row.id, Participant.signed_in_at.is_(None))
        .values(signed_in_at=here, signed_in_by=None)
    ).rowcount  # type: ignore[attr-defined]  # an UPDATE gives a CursorResult
    session.refresh(row)
    if made:
        audit.record(
            session, account.username, "activity.sign_in", f"activity:{activity.id}", {"member": member.id, "qr": True}
        )
    assert row.signed_in_at is not None
    return row.signed_in_at, bool(made)
