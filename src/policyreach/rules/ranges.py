"""The range a numeric attribute's values must lie in (docs/ARCHITECTURE.md, "Numbers").

Every number a person or a registry enters is checked here: against the ``min``/``max`` its attribute declares in
the schema, and always against the engine's exact fixed-point range. The columnar back ends hold a decimal as
Int64 × 10**6 and the imports as DECIMAL(18, 6), so a magnitude of 10**12 or more (or an exponent such as
``1e308``) cannot be evaluated exactly on every back end: it is refused at the door, and a value already stored
out of range is read as unknown (``in_range`` false) rather than failing a page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Protocol

from policyreach.rules.numbers import SCALE
from policyreach.rules.schema import Attribute, Schema
from policyreach.rules.types import Type

INTEGER_DIGITS = 12  # DECIMAL(18, 6): 18 digits, 6 of them after the point
LIMIT = Decimal(10) ** INTEGER_DIGITS  # |value| < LIMIT on every back end


class Ranged(Protocol):
    """What a range needs of an attribute (a schema Attribute or an import Spec)."""

    @property
    def label(self) -> str: ...

    @property
    def unit(self) -> str | None: ...

    @property
    def min(self) -> Decimal | None: ...

    @property
    def max(self) -> Decimal | None: ...


class OutOfRange(ValueError):
    """A number outside its attribute's range; the message (Chinese) names the field and the bound."""


class AmountOutOfRange(OutOfRange):
    """A benefit's amount formula gives, for some entity, a sum past the engine's exact fixed-point range (a reform's
    factor or a rate written in the wrong unit): refused, never wrapped to another number."""

    def __init__(self, titles: list[str]) -> None:
        named = "、".join(f"“{t}”" for t in titles[:3]) + (f"等 {len(titles)} 项" if len(titles) > 3 else "")
        super().__init__(
            f"{named}的金额公式算出的金额超出可精确计算的范围（绝对值须小于约 9.2×10¹² 万元），"
            "请检查公式中的比例、单位或参数"
        )
        self.titles = titles


def bounds(attr: Ranged) -> tuple[Decimal, Decimal]:
    """The inclusive range of ``attr``: what it declares, never beyond the engine's exact range."""
    top = LIMIT - Decimal(1).scaleb(-SCALE)
    low = max(attr.min, -top) if attr.min is not None else -top
    high = min(attr.max, top) if attr.max is not None else top
    return low, high


def _shown(value: Decimal) -> str:
    if abs(value) >= LIMIT:
        return f"{value:.6g}" if value.is_finite() else str(value)
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def problem(attr: Ranged, value: object) -> str | None:
    """Why ``value`` is out of ``attr``'s range (Chinese, naming the field), or None when it is within it."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None  # not a number at all: the type check says so
    unit = attr.unit or ""
    if not number.is_finite():
        return f"“{attr.label}”应为有限的数值"
    low, high = bounds(attr)
    if number < low:
        if low == 0:
            return f"“{attr.label}”不能为负数"
        return f"“{attr.label}”不能小于 {_shown(low)}{unit}（填写的是 {_shown(number)}）"
    if number > high:
        if high >= LIMIT - 1:
            return f"“{attr.label}”数值过大（绝对值应小于 10 的 {INTEGER_DIGITS} 次方{unit}）"
        return f"“{attr.label}”不能大于 {_shown(high)}{unit}（填写的是 {_shown(number)}）"
    return None


def check(attr: Ranged, value: object) -> None:
    """Raise :class:`OutOfRange` when ``value`` is outside ``attr``'s range."""
    reason = problem(attr, value)
    if reason is not None:
        raise OutOfRange(reason)


def in_range(attr: Ranged, type_: Type, value: object) -> bool:
    """True unless ``value`` of a numeric attribute lies outside its range (non-numbers are not judged here)."""
    return not type_.is_number or problem(attr, value) is None


def attribute_of(schema: Schema, column: str) -> Attribute | None:
    """The attribute a stored column holds (``revenue_2025`` → revenue), None for a column the schema lacks."""
    found = schema.attributes.get(column)
    if found is not None:
        return found
    base, _, year = column.rpartition("_")
    found = schema.attributes.get(base)
    return found if found is not None and found.yearly and year.isdigit() else None


def stored(attr: Attribute, value: object) -> object:
    """A stored value as the engine reads it: None (unknown) when it is not of its type or out of its range.

    What the database holds was written before a check existed, by hand or by a bug: one entity's bad value must
    leave that value unknown, never fail the page or the whole population's simulation (:func:`flagged` lists it
    for an officer).
    """
    if value is None:
        return None
    try:
        if attr.type == Type.DEC:
            if isinstance(value, bool):
                return None
            number = Decimal(str(value))
            return number if number.is_finite() and problem(attr, number) is None else None
        if attr.type == Type.INT:
            if isinstance(value, bool):
                return None
            whole = Decimal(str(value))
            if not whole.is_finite() or whole != whole.to_integral_value() or problem(attr, whole) is not None:
                return None
            return value if isinstance(value, int) else int(whole)
        if attr.type == Type.DATE:
            return dt.date.fromisoformat(str(value))
    except (InvalidOperation, ValueError):
        return None
    return value


def flagged(schema: Schema, values: Mapping[str, object]) -> list[tuple[str, str, str]]:
    """(column, field label, reason) of every stored value :func:`stored` reads as unknown: for an officer."""
    out = []
    for column, value in values.items():
        attr = attribute_of(schema, column)
        if attr is None or value is None or stored(attr, value) is not None:
            continue
        year = column.rpartition("_")[2] if column != attr.name else ""
        label = attr.label + (f"（{year}年）" if year else "")
        reason = problem(attr, value) if attr.type.is_number and not isinstance(value, bool) else None
        out.append((column, label, reason or f"“{label}”的值“{str(value)[:40]}”不是{attr.type.zh}"))
    return out
