"""Scalar back end: a bound tree becomes a Python closure over one entity's values.

Used for single-entity matching (a firm's page, the calculator), where building a
columnar plan would cost more than the evaluation. Decimals are ``Decimal`` with six
places; every ``*`` and ``/`` result is rounded half up, exactly like the columnar back
end's fixed-point integers. A known-none value (``rules.absence.NONE``) differs from every
value, so comparisons on it are decided (docs/ARCHITECTURE.md, "Known absence").
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeAlias

from policyreach.rules.absence import NONE
from policyreach.rules.ir import (
    Arith,
    Award,
    BoolOp,
    Call,
    Cmp,
    Col,
    Const,
    In,
    ListLit,
    Lookup,
    Node,
    Not,
    PerUnit,
    Progressive,
    Tier,
    lower,
)
from policyreach.rules.numbers import quantize
from policyreach.rules.types import Type

Row: TypeAlias = Mapping[str, Any]
Fn: TypeAlias = Callable[[Row], Any]
_CMP: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def compile_scalar(node: Node) -> Fn:
    """Compile a bound tree; the closure returns ``None`` for unknown."""
    return _compile(node)


def _compile(node: Node) -> Fn:
    if isinstance(node, Const):
        value = node.value
        return lambda row: value
    if isinstance(node, Col):
        column = node.column
        if node.type == Type.BOOL:  # a flag list that does not name the entity: the flag is false
            return lambda row: False if (v := row.get(column)) is NONE else v
        return lambda row: row.get(column)
    if isinstance(node, Cmp):
        return _cmp(node)
    if isinstance(node, BoolOp):
        items = [_compile(i) for i in node.items]
        return _and(items) if node.op == "and" else _or(items)
    if isinstance(node, Not):
        inner = _compile(node.item)
        return lambda row: None if (v := inner(row)) is None else not v
    if isinstance(node, In):
        return _in(node)
    if isinstance(node, Arith):
        return _arith(node)
    if isinstance(node, Call):
        return _call(node)
    if isinstance(node, Tier):
        return _tier(node)
    if isinstance(node, Progressive | PerUnit):
        return _compile(lower(node))
    if isinstance(node, Award) and node.inner is not None:
        return _compile(node.inner)
    if isinstance(node, Lookup):
        return _lookup(node)
    raise TypeError(f"cannot evaluate {type(node).__name__}")  # pragma: no cover


def _cmp(node: Cmp) -> Fn:
    left, right, op = _compile(node.left), _compile(node.right), _CMP[node.op]
    differs = node.op == "!="

    def run(row: Row) -> bool | None:
        a, b = left(row), right(row)
        # none before unknown: whatever an unknown operand turns out to be, it is not "no value"
        if a is NONE or b is NONE:
            return differs
        if a is None or b is None:
            return None
        return op(a, b)

    return run


def _and(items: list[Fn]) -> Fn:
    def run(row: Row) -> bool | None:
        unknown = False
        for item in items:
            value = item(row)
            if value is False:
                return False
            if value is None:
                unknown = True
        return None if unknown else True

    return run


def _or(items: list[Fn]) -> Fn:
    def run(row: Row) -> bool | None:
        unknown = False
        for item in items:
            value = item(row)
            if value is True:
                return True
            if value is None:
                unknown = True
        return None if unknown else False

    return run


def _in(node: In) -> Fn:
    item = _compile(node.item)
    options = frozenset(o.value for o in node.options.items)
    negate = node.negate

    def run(row: Row) -> bool | None:
        value = item(row)
        if value is NONE:
            return negate
        if value is None:
            return None
        return (value in options) != negate

    return run


def _arith(node: Arith) -> Fn:
    left, right, op = _compile(node.left), _compile(node.right), node.op
    integer = node.type == Type.INT

    def run(row: Row) -> Any:
        a, b = left(row), right(row)
        if a is NONE or b is NONE:
            return NONE
        if a is None or b is None:
            return None
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b if integer else quantize(Decimal(a) * Decimal(b))
        if b == 0:
            return None
        return quantize(Decimal(a) / Decimal(b))

    return run


def _call(node: Call) -> Fn:
    fn = node.fn
    if fn == "startswith":
        code = _compile(node.args[0])
        prefixes = tuple(o.value for o in node.args[1].items) if isinstance(node.args[1], ListLit) else ()
        return lambda row: None if (v := code(row)) is None else False if v is NONE else v.startswith(prefixes)
    args = [_compile(a) for a in node.args]
    if fn == "coalesce":
        return _coalesce(args)
    strict = _STRICT[fn]

    def run(row: Row) -> Any:
        values = [a(row) for a in args]
        if any(v is NONE for v in values):
            return NONE
        return None if any(v is None for v in values) else strict(*values)

    return run


def _coalesce(args: list[Fn]) -> Fn:
    def run(row: Row) -> Any:
        values = [a(row) for a in args]
        for value in values:
            if value is not None and value is not NONE:
                return value
        # none only when every argument is: an unknown one may still turn out to be a value
        return NONE if all(v is NONE for v in values) else None

    return run


def _years_since(when: dt.date, as_of: dt.date) -> int:
    return as_of.year - when.year - ((when.month, when.day) > (as_of.month, as_of.day))


def _ratio(a: Any, b: Any) -> Decimal | None:
    return None if b == 0 else quantize(Decimal(a) / Decimal(b))


def _steps(x: Any, size: Any) -> int:
    # whole steps only: a part of a step earns nothing (每新增1亿元奖励10万元: 2.5亿 → 2)
    return int(max(Decimal(x), Decimal(0)) // Decimal(size))


def _round(x: Any, places: int) -> Any:
    rounded = quantize(Decimal(x), places)
    return int(rounded) if places == 0 else quantize(rounded)


_STRICT: dict[str, Callable[..., Any]] = {
    "min": min,
    "max": max,
    "abs": abs,
    "round": _round,
    "steps": _steps,
    "ratio": _ratio,
    "years_since": _years_since,
}


def _tier(node: Tier) -> Fn:
    x = _compile(node.x)
    bands = [(start, band.value) for start, band in reversed(node.bands)]
    zero = 0 if node.type == Type.INT else Decimal(0)

    def run(row: Row) -> Any:
        value = x(row)
        if value is None or value is NONE:
            return value
        for start, result in bands:
            if value >= start:
                return result
        return zero

    return run


def _lookup(node: Lookup) -> Fn:
    x = _compile(node.x)
    decimal = node.type == Type.DEC
    table = {key: quantize(Decimal(v.value)) if decimal else v.value for key, v in node.table}  # type: ignore[arg-type]
    default = quantize(Decimal(node.default.value)) if decimal else node.default.value  # type: ignore[arg-type]

    def run(row: Row) -> Any:
        value = x(row)
        if value is None or value is NONE:
            return value
        return table.get(value, default)

    return run
