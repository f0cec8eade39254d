"""Columnar back end: a bound tree becomes a Polars expression.

Decimals live as Int64 fixed-point (value × 10**6), integers as Int64 (scale 0), so
thresholds compare exactly and fast. Products and quotients go through Int128 and are
rounded half up, matching the scalar back end digit for digit. Polars' boolean ``&``,
``|`` and ``~`` are Kleene, and comparisons with null give null: exactly the rules
language's three-valued logic. Known absence (docs/ARCHITECTURE.md, "Known absence") is a
``column__none`` flag beside a null value, for the columns named in ``absent``: each value
expression carries a "none" expression beside it, and comparisons, ``in`` and boolean columns
read it to be decided where a plain null would leave them unknown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from functools import reduce
from typing import Any

import polars as pl
from polars.expr.whenthen import ChainedThen, Then

from policyreach.rules.absence import none_flag
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
    const_decimal,
    const_value,
)
from policyreach.rules.numbers import SCALE, to_decimal, to_scaled
from policyreach.rules.types import Type


def to_polars(node: Node, absent: Collection[str] = ()) -> pl.Expr:
    """Compile a bound tree. Decimal results are Int64 scaled by 10**6.

    ``absent`` names the columns whose frame carries a ``column__none`` flag.
    """
    expr, _ = _compile(node, frozenset(absent))
    return expr


def _none(node: Node, ab: frozenset[str]) -> pl.Expr | None:
    """Where ``node``'s value is known to be none; ``None`` when it never can be."""
    if isinstance(node, Col):
        return pl.col(none_flag(node.column)) if node.column in ab else None
    if isinstance(node, Arith):
        return _either([_none(node.left, ab), _none(node.right, ab)])
    if isinstance(node, Tier | Lookup | Progressive | PerUnit):  # their other operands are constants
        return _none(node.x, ab)
    if isinstance(node, Award) and node.inner is not None:
        return _none(node.inner, ab)
    if isinstance(node, Call) and node.fn != "startswith":
        parts = [_none(a, ab) for a in node.args]
        if node.fn != "coalesce":
            return _either(parts)
        # coalesce is none only when every argument is; one that never is settles it
        if any(p is None for p in parts):
            return None
        return reduce(lambda a, b: a & b, [p for p in parts if p is not None])
    return None


def _either(parts: list[pl.Expr | None]) -> pl.Expr | None:
    present = [p for p in parts if p is not None]
    return reduce(lambda a, b: a | b, present) if present else None


def _decided(result: pl.Expr, none: pl.Expr | None, value: bool) -> pl.Expr:
    """``result``, except ``value`` where an operand is known to be none."""
    return result if none is None else pl.when(none).then(pl.lit(value)).otherwise(result)


def _scale(node: Node) -> int:
    return SCALE if node.type == Type.DEC else 0


def _compile(node: Node, ab: frozenset[str]) -> tuple[pl.Expr, int]:
    if isinstance(node, Const):
        return _const(node), _scale(node)
    if isinstance(node, Col):
        if node.type == Type.BOOL:  # a flag list that does not name the entity: the flag is false
            return _decided(pl.col(node.column), _none(node, ab), False), 0
        return pl.col(node.column), _scale(node)
    if isinstance(node, Cmp):
        return _cmp(node, ab), 0
    if isinstance(node, BoolOp):
        items = [_compile(i, ab)[0] for i in node.items]
        combine = (lambda a, b: a & b) if node.op == "and" else (lambda a, b: a | b)
        return reduce(combine, items), 0
    if isinstance(node, Not):
        return ~_compile(node.item, ab)[0], 0
    if isinstance(node, In):
        return _in(node, ab), 0
    if isinstance(node, Arith):
        return _arith(node, ab), _scale(node)
    if isinstance(node, Call):
        return _call(node, ab), _scale(node)
    if isinstance(node, Tier):
        return _tier(node, ab), _scale(node)
    if isinstance(node, Progressive):
        return _progressive(node, ab), _scale(node)
    if isinstance(node, PerUnit):
        return _per_unit(node, ab), _scale(node)
    if isinstance(node, Award) and node.inner is not None:
        return _rescale(*_compile(node.inner, ab), _scale(node)), _scale(node)
    if isinstance(node, Lookup):
        return _lookup(node, ab), _scale(node)
    raise TypeError(f"cannot compile {type(node).__name__}")  # pragma: no cover


def _const(node: Const) -> pl.Expr:
    value = node.value
    if node.type == Type.DEC:
        return pl.lit(to_scaled(to_decimal(value)), dtype=pl.Int64)
    if node.type == Type.INT:
        return pl.lit(value, dtype=pl.Int64)
    if node.type == Type.BOOL:
        return pl.lit(value, dtype=pl.Boolean)
    if node.type == Type.DATE:
        return pl.lit(value, dtype=pl.Date)
    return pl.lit(value, dtype=pl.String)


def _rescale(expr: pl.Expr, scale: int, target: int) -> pl.Expr:
    return expr if scale == target else expr * pl.lit(10 ** (target - scale), dtype=pl.Int64)


def _numbers(nodes: tuple[Node, ...] | list[Node], ab: frozenset[str]) -> tuple[list[pl.Expr], int]:
    """Compile numeric operands and bring them to one scale."""
    compiled = [_compile(n, ab) for n in nodes]
    target = max(s for _, s in compiled)
    return [_rescale(e, s, target) for e, s in compiled], target


def _cmp(node: Cmp, ab: frozenset[str]) -> pl.Expr:
    if node.left.type.is_number:
        (left, right), _ = _numbers([node.left, node.right], ab)
    else:
        left, right = _compile(node.left, ab)[0], _compile(node.right, ab)[0]
    ops = {
        "==": left.__eq__,
        "!=": left.__ne__,
        "<": left.__lt__,
        "<=": left.__le__,
        ">": left.__gt__,
        ">=": left.__ge__,
    }
    none = _either([_none(node.left, ab), _none(node.right, ab)])
    return _decided(ops[node.op](right), none, node.op == "!=")


def _in(node: In, ab: frozenset[str]) -> pl.Expr:
    item, scale = _compile(node.item, ab)
    values: list[Any] = [o.value for o in node.options.items]
    if node.item.type.is_number:
        item = _rescale(item, scale, SCALE)
        values = [to_scaled(to_decimal(v)) for v in values]
        result = item.is_in(pl.Series(values, dtype=pl.Int64).implode())
    else:
        dtype = {Type.STR: pl.String, Type.BOOL: pl.Boolean, Type.DATE: pl.Date}[node.item.type]
        result = item.is_in(pl.Series(values, dtype=dtype).implode())
    return _decided(~result if node.negate else result, _none(node.item, ab), node.negate)


def div_half_up(numerator: pl.Expr, denominator: pl.Expr) -> pl.Expr:
    """Signed integer division rounding halves away from zero; null when dividing by 0."""
    n = numerator.cast(pl.Int128)
    d = denominator.cast(pl.Int128)
    sign = n.sign() * d.sign()
    quotient = (n.abs() * 2 + d.abs()) // (d.abs() * 2)
    return pl.when(d == 0).then(None).otherwise(sign * quotient).cast(pl.Int64)


def _arith(node: Arith, ab: frozenset[str]) -> pl.Expr:
    (left, ls), (right, rs) = _compile(node.left, ab), _compile(node.right, ab)
    if node.op in ("+", "-"):
        target = max(ls, rs)
        a, b = _rescale(left, ls, target), _rescale(right, rs, target)
        return a + b if node.op == "+" else a - b
    if node.op == "*":
        return _times(left, ls, right, rs, _scale(node))
    # a / b at scale 6: a·10^(6 − sa + sb) / b
    shift = SCALE - ls + rs
    return div_half_up(left.cast(pl.Int128) * pl.lit(10**shift, dtype=pl.Int128), right)


def _times(left: pl.Expr, ls: int, right: pl.Expr, rs: int, out_scale: int) -> pl.Expr:
    if ls + rs <= SCALE:  # in Int128: two Int64 operands' product wraps silently in Int64
        return _rescale(left.cast(pl.Int128) * right.cast(pl.Int128), ls + rs, out_scale)
    return div_half_up(left.cast(pl.Int128) * right.cast(pl.Int128), pl.lit(10 ** (ls + rs - SCALE)))


# Progressive and PerUnit compute exactly what their lowering (ir.lower) does, operation for operation, but with
# ``clip`` for the lowering's max(·, 0) and min(·, width): x is referenced once per band instead of four times
# (min and max name each operand twice, for their null test), which kept nested bands' expressions from
# growing by 4^depth × bands.


def _progressive(node: Progressive, ab: frozenset[str]) -> pl.Expr:
    x, xs = _compile(node.x, ab)
    x = _rescale(x, xs, SCALE)
    total: pl.Expr | None = None
    for i, (start, rate) in enumerate(node.bands):
        above = x - pl.lit(to_scaled(start), dtype=pl.Int64)
        portion = (
            above.clip(lower_bound=0)
            if i + 1 == len(node.bands)
            else above.clip(0, to_scaled(node.bands[i + 1][0] - start))
        )
        part = _times(portion, SCALE, pl.lit(to_scaled(rate), dtype=pl.Int64), SCALE, SCALE)
        total = part if total is None else total + part
    assert total is not None  # the checker admits no progressive without bands
    return total


def _per_unit(node: PerUnit, ab: frozenset[str]) -> pl.Expr:
    x, xs = _compile(node.x, ab)
    count = x.clip(lower_bound=0)
    if node.limit is not None:
        integer = node.x.type == Type.INT and node.limit.type == Type.INT
        count = _rescale(count, xs, 0 if integer else SCALE)
        xs = 0 if integer else SCALE
        count = count.clip(upper_bound=_rescale_value(node.limit, xs))
    return _times(count, xs, _const(node.each), _scale(node.each), _scale(node))


def _rescale_value(limit: Const, scale: int) -> int:
    """A constant as the integer it is at ``scale`` (limits are whole or decimal counts)."""
    value = const_decimal(limit)
    return to_scaled(value) if scale == SCALE else int(value)


def _call(node: Call, ab: frozenset[str]) -> pl.Expr:
    fn, args = node.fn, node.args
    if fn in ("min", "max"):
        values, scale = _numbers(args, ab)
        values = [_rescale(v, scale, _scale(node)) for v in values]
        pick = pl.min_horizontal(values) if fn == "min" else pl.max_horizontal(values)
        return pl.when(pl.any_horizontal([v.is_null() for v in values])).then(None).otherwise(pick)
    if fn == "steps":
        # whole steps on the scaled integers: floor division is exact there
        x, xs = _compile(args[0], ab)
        size = to_scaled(const_decimal(args[1]))
        return _rescale(x, xs, SCALE).clip(lower_bound=0) // pl.lit(size, dtype=pl.Int64)
    if fn == "abs":
        return _compile(args[0], ab)[0].abs()
    if fn == "round":
        return _round(args[0], const_value(args[1], int), node, ab)
    if fn == "ratio":
        (a, sa), (b, sb) = _compile(args[0], ab), _compile(args[1], ab)
        return div_half_up(a.cast(pl.Int128) * pl.lit(10 ** (SCALE - sa + sb), dtype=pl.Int128), b)
    if fn == "years_since":
        when, as_of = _compile(args[0], ab)[0], const_value(args[1], dt.date)
        later = (when.dt.month().cast(pl.Int32) * 100 + when.dt.day().cast(pl.Int32)) > (as_of.month * 100 + as_of.day)
        return (pl.lit(as_of.year, dtype=pl.Int64) - when.dt.year().cast(pl.Int64)) - later.cast(pl.Int64)
    if fn == "startswith":
        code = _compile(args[0], ab)[0]
        prefixes = [const_value(o, str) for o in args[1].items] if isinstance(args[1], ListLit) else []
        found = reduce(lambda a, b: a | b, [code.str.starts_with(p) for p in prefixes])
        return _decided(found, _none(args[0], ab), False)
    if fn == "coalesce":
        if node.type.is_number:
            values, scale = _numbers(args, ab)
            return _rescale(pl.coalesce(values), scale, _scale(node))
        return pl.coalesce([_compile(a, ab)[0] for a in args])
    raise TypeError(f"unknown function {fn}")  # pragma: no cover


def _round(arg: Node, places: int, node: Call, ab: frozenset[str]) -> pl.Expr:
    value, scale = _compile(arg, ab)
    if scale == 0:
        return _rescale(value, 0, _scale(node))
    step = 10 ** (SCALE - places)
    rounded = div_half_up(value, pl.lit(step))
    return rounded if node.type == Type.INT else rounded * pl.lit(step, dtype=pl.Int64)


def _tier(node: Tier, ab: frozenset[str]) -> pl.Expr:
    x, xs = _compile(node.x, ab)
    out_scale = _scale(node)
    result: Then | ChainedThen = pl.when(x.is_null()).then(None)
    for start, band in reversed(node.bands):
        threshold = to_scaled(start)  # scale 6
        compared = _rescale(x, xs, SCALE) >= pl.lit(threshold, dtype=pl.Int64)
        result = result.when(compared).then(_rescale(_const(band), _scale(band), out_scale))
    return result.otherwise(pl.lit(0, dtype=pl.Int64))


def _lookup(node: Lookup, ab: frozenset[str]) -> pl.Expr:
    x, _ = _compile(node.x, ab)
    out_scale = _scale(node)
    result: Then | ChainedThen = pl.when(x.is_null()).then(None)
    key_type = pl.String if node.x.type == Type.STR else pl.Int64
    for key, value in node.table:
        result = result.when(x == pl.lit(key, dtype=key_type)).then(_rescale(_const(value), _scale(value), out_scale))
    return result.otherwise(_rescale(_const(node.default), _scale(node.default), out_scale))
