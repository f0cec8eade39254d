"""The one Jinja2 environment of the pages: the platform's templates, then each plug-in's, and shared filters."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from fastapi.templating import Jinja2Templates

from policyreach import plugins
from policyreach.clock import local
from policyreach.engine.explain import format_number
from policyreach.redemption.states import history_label
from policyreach.rules.numbers import quantize, wan_text
from policyreach.rules.policy import (
    KIND_ZH,
    PAYOUT_AMOUNT_ZH,
    PAYOUT_HOW_ZH,
    PAYOUT_ZH,
    REDEMPTION_ZH,
    STATUS_ZH,
)
from policyreach.standards import divisions

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=[HERE / "templates", *plugins.template_dirs()])
# the templates ship with the code: asking the file system whether each one changed (two stat calls per template
# and page) is wasted on every request; a changed template is read at the next start
templates.env.auto_reload = False
templates.env.globals.update(
    STATUS_ZH=STATUS_ZH,
    KIND_ZH=KIND_ZH,
    REDEMPTION_ZH=REDEMPTION_ZH,
    PAYOUT_ZH=PAYOUT_ZH,
    PAYOUT_AMOUNT_ZH=PAYOUT_AMOUNT_ZH,
    PAYOUT_HOW_ZH=PAYOUT_HOW_ZH,
    plugin_navigation=plugins.navigation,
)


def money(value: object) -> str:
    """A figure of money already in its unit (万元 on most pages): digits grouped, at most two decimals (halves up)
    on every page alike; exact values stay in exports and the API."""
    if value is None:
        return "—"
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return format_number(value)
    text = f"{quantize(Decimal(str(value)), 2):,.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


templates.env.filters["money"] = money


def beijing(value: dt.datetime | str | None) -> str:
    """A stored time (naive UTC from the database, or the audit log's ISO text) in Beijing time, one format."""
    if value is None or value == "":
        return ""
    when = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    return local(when).strftime("%Y-%m-%d %H:%M")


# an amount in 元 as people read it: 万元 with at most two decimals, the unit included
templates.env.filters["wan"] = lambda v: "—" if v is None else wan_text(v)
templates.env.filters["beijing"] = beijing
templates.env.filters["history_zh"] = history_label
# a district code (GB/T 2260) by its name: people read 二道区, not 220105
templates.env.filters["district"] = lambda code: "" if not code else divisions.name_of(str(code)) or str(code)


def percent(p: float) -> str:
    """A learned probability as a person reads it: whole percents, never a false 0% or 100%."""
    if p < 0.01:
        return "不足 1%"
    if p > 0.99:
        return "99% 以上"
    return f"{round(p * 100)}%"


templates.env.filters["percent"] = percent
