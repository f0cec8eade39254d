"""An injectable clock: the server, the worker and the tests all ask :func:`current_clock` what time it is.

Tests move a :class:`ManualClock` forward instead of sleeping; ``POLICYREACH_NOW`` pins the time of a
separate process (a worker started by a test, a demo), otherwise the system clock is used. It lives below every
layer that tells the time (the platform's evaluation date, push, redemption, the conference), so that the
application core can follow it without importing push; ``policyreach.push.clock`` re-exports it.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Protocol, runtime_checkable

UTC = dt.UTC


@runtime_checkable
class Clock(Protocol):
    def now(self) -> dt.datetime:
        """The current time, timezone-aware, in UTC."""
        ...


def as_utc(value: dt.datetime) -> dt.datetime:
    """A naive value is taken as UTC (what SQLite gives back); an aware one is converted."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(UTC)


class ManualClock:
    """A clock that only moves when told to (thread-safe: a test may move it while a worker runs)."""

    def __init__(self, start: dt.datetime | None = None) -> None:
        self._now = as_utc(start) if start is not None else dt.datetime(2026, 1, 1, tzinfo=UTC)
        self._lock = threading.Lock()

    def now(self) -> dt.datetime:
        with self._lock:
            return self._now

    def advance(self, delta: dt.timedelta) -> dt.datetime:
        with self._lock:
            self._now += delta
            return self._now

    def set(self, when: dt.datetime) -> None:
        with self._lock:
            self._now = as_utc(when)


_installed: Clock | None = None


def set_clock(clock: Clock | None) -> None:
    """Install the process-wide clock (None: back to the settings' default)."""
    global _installed
    _installed = clock


def current_clock() -> Clock:
    """The installed clock, else a fixed one from ``POLICYREACH_NOW``, else the system clock."""
    if _installed is not None:
        return _installed
    from policyreach import settings

    fixed = settings.push_now()
    return ManualClock(fixed) if fixed is not None else SystemClock()


def today(clock: Clock | None = None) -> dt.date:
    """The date in the city's time zone (UTC+8, 长春), which is what windows and digests mean by a day."""
    return local(clock or current_clock()).date()


CITY_TZ = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")


def local(clock_or_time: Clock | dt.datetime) -> dt.datetime:
    when = clock_or_time if isinstance(clock_or_time, dt.datetime) else clock_or_time.now()
    return as_utc(when).astimezone(CITY_TZ)
