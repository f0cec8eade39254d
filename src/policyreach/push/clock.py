"""The clock push owns (docs/ARCHITECTURE.md, "One scheduler, one notifier"), defined in :mod:`policyreach.clock`
so that the application core below push can follow the same clock."""

from policyreach.clock import (
    CITY_TZ,
    UTC,
    Clock,
    ManualClock,
    SystemClock,
    as_utc,
    current_clock,
    local,
    set_clock,
    today,
)

__all__ = [
    "CITY_TZ",
    "UTC",
    "Clock",
    "ManualClock",
    "SystemClock",
    "as_utc",
    "current_clock",
    "local",
    "set_clock",
    "today",
]
