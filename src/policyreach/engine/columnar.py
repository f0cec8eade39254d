"""Columnar back end: a bound tree becomes a Polars expression.

Decimals live as Int64 fixed-point (value × 10**6), integers as Int64 (scale 0), so
thresholds compare exactly and fast. Products and quotients go through Int128 and are
rounded half up, matching the scalar back end digit for digit. Polars' boolean ``&``,
``|`` and ``~`` are Kleene, and comparisons with null give null: exactly the rules
language's three-valued logic.
"""

from __future__ import annotations

import datetime as dt
from functools import reduce
from typing import Any

import polars as pl
from polars.expr.whenthen import ChainedThen, Then

from policyreach.rules.ir import (
    Arith,
    BoolOp,
    Call,
    Cmp,
    Col,
    Const,
    In,
    ListLit,
    Node,
    Not,
    Tier,
    const_value,
)
from policyreach.rules.numbers import SCALE, to_decimal, to_scaled
from policyreach.rules.types import Type


def to_polars(node: Node) -> pl.Expr:
    """Compile a bound tree. Decimal results are Int64 scaled by 10**6."""
    expr, _ = _compile(node)
    return expr


def _scale(node: Node) -> int:
    return SCALE if node.type == Type.DEC else 0


def _compile(node: Node) -> tuple[pl.Expr, int]:
    if isinstance(node, Const):
        return _const(node), _scale(node)
    if isinstance(node, Col):
        return pl.col(node.column), _scale(node)
    if isinstance(node, Cmp):
        return _cmp(node), 0
    if isinstance(node, BoolOp):
        items = [_compile(i)[0] for i in node.items]
        combine = (lambda a, b: a & b) if node.op == "and" else (lambda a, b: a | b)
        return reduce(combine, items), 0
    if isinstance(node, Not):
        return ~_compile(node.item)[0], 0
    if isinstance(node, In):
        return _in(node), 0
    if isinstance(node, Arith):
        return _arith(node), _scale(node)
    if isinstance(node, Call):
        return _call(node), _scale(node)
    if isinstance(node, Tier):
        return _tier(node), _scale(node)
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


def _numbers(nodes: tuple[Node, ...] | list[Node]) -> tuple[list[pl.Expr], int]:
    """Compile numeric operands and bring them to one scale."""
    compiled = [_compile(n) for n in nodes]
    target = max(s for _, s in compiled)
    return [_rescale(e, s, target) for e, s in compiled], target


def _cmp(node: Cmp) -> pl.Expr:
    if node.left.type.is_number:
        (left, right), _ = _numbers([node.left, node.right])
    else:
        left, right = _compile(node.left)[0], _compile(node.right)[0]
    ops = {
        "==": left.__eq__,
        "!=": left.__ne__,
        "<": left.__lt__,
        "<=": left.__le__,
        ">": left.__gt__,
        ">=": left.__ge__,
    }
    return ops[node.op](right)


def _in(node: In) -> pl.Expr:
    item, scale = _compile(node.item)
    values: list[Any] = [o.value for o in node.options.items]
    if node.item.type.is_number:
        item = _rescale(item, scale, SCALE)
        values = [to_scaled(to_decimal(v)) for v in values]
        result = item.is_in(pl.Series(values, dtype=pl.Int64).implode())
    else:
        dtype = {Type.STR: pl.String, Type.BOOL: pl.Boolean, Type.DATE: pl.Date}[node.item.type]
        result = item.is_in(pl.Series(values, dtype=dtype).implode())
    return ~result if node.negate else result


def div_half_up(numerator: pl.Expr, denominator: pl.Expr) -> pl.Expr:
    """Signed integer division rounding halves away from zero; null when dividing by 0."""
    n = numerator.cast(pl.Int128)
    d = denominator.cast(pl.Int128)
    sign = n.sign() * d.sign()
    quotient = (n.abs() * 2 + d.abs()) // (d.abs() * 2)
    return pl.when(d == 0).then(None).otherwise(sign * quotient).cast(pl.Int64)


def _arith(node: Arith) -> pl.Expr:
    (left, ls), (right, rs) = _compile(node.left), _compile(node.right)
    if node.op in ("+", "-"):
        target = max(ls, rs)
        a, b = _rescale(left, ls, target), _rescale(right, rs, target)
        return a + b if node.op == "+" else a - b
    if node.op == "*":
        if ls + rs <= SCALE:
            return _rescale(left * right, ls + rs, _scale(node))
        return div_half_up(left.cast(pl.Int128) * right.cast(pl.Int128), pl.lit(10 ** (ls + rs - SCALE)))
    # a / b at scale 6: a·10^(6 − sa + sb) / b
    shift = SCALE - ls + rs
    return div_half_up(left.cast(pl.Int128) * pl.lit(10**shift, dtype=pl.Int128), right)


def _call(node: Call) -> pl.Expr:
    fn, args = node.fn, node.args
    if fn in ("min", "max"):
        values, scale = _numbers(args)
        values = [_rescale(v, scale, _scale(node)) for v in values]
        pick = pl.min_horizontal(values) if fn == "min" else pl.max_horizontal(values)
        return pl.when(pl.any_horizontal([v.is_null() for v in values])).then(None).otherwise(pick)
    if fn == "abs":
        return _compile(args[0])[0].abs()
    if fn == "round":
        return _round(args[0], const_value(args[1], int), node)
    if fn == "ratio":
        (a, sa), (b, sb) = _compile(args[0]), _compile(args[1])
        return div_half_up(a.cast(pl.Int128) * pl.lit(10 ** (SCALE - sa + sb), dtype=pl.Int128), b)
    if fn == "years_since":
        when, as_of = _compile(args[0])[0], const_value(args[1], dt.date)
        later = (when.dt.month().cast(pl.Int32) * 100 + when.dt.day().cast(pl.Int32)) > (as_of.month * 100 + as_of.day)
        return (pl.lit(as_of.year, dtype=pl.Int64) - when.dt.year().cast(pl.Int64)) - later.cast(pl.Int64)
    if fn == "startswith":
        code = _compile(args[0])[0]
        prefixes = [const_value(o, str) for o in args[1].items] if isinstance(args[1], ListLit) else []
        return reduce(lambda a, b: a | b, [code.str.starts_with(p) for p in prefixes])
    if fn == "coalesce":
        if node.type.is_number:
            values, scale = _numbers(args)
            return _rescale(pl.coalesce(values), scale, _scale(node))
        return pl.coalesce([_compile(a)[0] for a in args])
    raise TypeError(f"unknown function {fn}")  # pragma: no cover


def _round(arg: Node, places: int, node: Call) -> pl.Expr:
    value, scale = _compile(arg)
    if scale == 0:
        return _rescale(value, 0, _scale(node))
    step = 10 ** (SCALE - places)
    rounded = div_half_up(value, pl.lit(step))
    return rounded if node.type == Type.INT else rounded * pl.lit(step, dtype=pl.Int64)


def _tier(node: Tier) -> pl.Expr:
    x, xs = _compile(node.x)
    out_scale = _scale(node)
    result: Then | ChainedThen = pl.when(x.is_null()).then(None)
    for start, band in reversed(node.bands):
        threshold = to_scaled(start)  # scale 6
        compared = _rescale(x, xs, SCALE) >= pl.lit(threshold, dtype=pl.Int64)
        result = result.when(compared).then(_rescale(_const(band), _scale(band), out_scale))
    return result.otherwise(pl.lit(0, dtype=pl.Int64))
