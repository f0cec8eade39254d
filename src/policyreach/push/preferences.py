"""A recipient's preferences: channels, addresses, a daily digest instead of single messages, quiet hours,
and departments whose pushes it does not want. Legal notices bypass all of them (and say so)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from policyreach import settings
from policyreach.push.clock import CITY_TZ, UTC, as_utc
from policyreach.push.models import Preference

_HOURS = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^1\d{10}$")  # a mainland mobile number


@dataclass(frozen=True)
class Prefs:
    recipient: str
    email: bool
    sms: bool
    email_address: str | None
    phone: str | None
    digest: bool
    quiet_hours: str
    unsubscribed: tuple[str, ...]

    def channels(self) -> dict[str, str]:
        """Channel → address for every channel that is on and has an address."""
        out = {}
        if self.email and self.email_address:
            out["email"] = self.email_address
        if self.sms and self.phone:
            out["sms"] = self.phone
        return out


def _from_row(recipient: str, row: Preference | None) -> Prefs:
    if row is None:
        return Prefs(recipient, True, False, None, None, False, settings.quiet_hours_default(), ())
    quiet = settings.quiet_hours_default() if row.quiet_hours is None else row.quiet_hours
    return Prefs(
        recipient, row.email, row.sms, row.email_address, row.phone, row.digest, quiet, tuple(row.unsubscribed or ())
    )


def preferences(session: Session, recipient: str) -> Prefs:
    return _from_row(recipient, session.get(Preference, recipient))


def preferences_of(session: Session, recipients: list[str]) -> dict[str, Prefs]:
    """Many at once (the bulk notifier): recipients without a row get the defaults."""
    rows: dict[str, Preference] = {}
    for start in range(0, len(recipients), 900):
        chunk = recipients[start : start + 900]
        rows.update(
            {r.recipient: r for r in session.scalars(select(Preference).where(Preference.recipient.in_(chunk)))}
        )
    return {r: _from_row(r, rows.get(r)) for r in recipients}


class InvalidPreference(ValueError):
    """A value the preferences page refuses; the message says why in Chinese."""


def save(
    session: Session,
    recipient: str,
    *,
    email: bool,
    sms: bool,
    email_address: str | None,
    phone: str | None,
    digest: bool,
    quiet_hours: str,
    unsubscribed: list[str],
) -> Preference:
    email_address = (email_address or "").strip() or None
    phone = (phone or "").strip() or None
    quiet_hours = quiet_hours.strip()
    if email_address and not EMAIL.match(email_address):
        raise InvalidPreference("电子邮箱格式不正确")
    if phone and not PHONE.match(phone):
        raise InvalidPreference("手机号码应为11位数字")
    if quiet_hours and not _HOURS.match(quiet_hours):
        raise InvalidPreference("免打扰时段格式应为 22:00-07:00")
    row = session.get(Preference, recipient) or Preference(recipient=recipient)
    row.email, row.sms, row.email_address, row.phone = email, sms, email_address, phone
    row.digest, row.quiet_hours, row.unsubscribed = digest, quiet_hours, sorted(set(unsubscribed))
    session.add(row)
    return row


def quiet_until(quiet_hours: str, when: dt.datetime) -> dt.datetime | None:
    """If ``when`` falls in the quiet hours (local time), the UTC time they end; else None."""
    found = _HOURS.match(quiet_hours or "")
    if not found:
        return None
    start = dt.time(int(found[1]), int(found[2]))
    end = dt.time(int(found[3]), int(found[4]))
    local = as_utc(when).astimezone(CITY_TZ)
    now = local.time()
    if start == end:
        return None
    inside = (start <= now < end) if start < end else (now >= start or now < end)
    if not inside:
        return None
    day = local.date() if now < end else local.date() + dt.timedelta(days=1)
    return dt.datetime.combine(day, end, tzinfo=CITY_TZ).astimezone(UTC)
