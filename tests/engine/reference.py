"""A straightforward row-by-row reference interpreter of bound rules, for tests only.

Written independently of the engine's back ends, directly from docs/ARCHITECTURE.md, "Rules language"
and "Numbers": Kleene logic, exact decimals, halves rounded up; and "Known absence": a row value
``NONE`` is no value at all, unequal to everything (so ``!=`` and ``not in`` hold, every other
comparison fails), kept by arithmetic, skipped by coalesce, false as a flag.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

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
)

SIX = Decimal("0.000001")


def q(value: Decimal) -> Decimal:
    return value.quantize(SIX, rounding=ROUND_HALF_UP)


def evaluate(node: Node, row: dict[str, Any]) -> Any:
    if isinstance(node, Const):
        return node.value
    if isinstance(node, Col):
        value = row.get(node.column)
        return False if value is NONE and node.type.value == "boolean" else value
    if isinstance(node, Not):
        value = evaluate(node.item, row)
        return None if value is None else not value
    if isinstance(node, BoolOp):
        values = [evaluate(i, row) for i in node.items]
        if node.op == "and":
            if any(v is False for v in values):
                return False
            return None if any(v is None for v in values) else True
        if any(v is True for v in values):
            return True
        return None if any(v is None for v in values) else False
    if isinstance(node, Cmp):
        a, b = evaluate(node.left, row), evaluate(node.right, row)
        if NONE in (a, b):
            return node.op == "!="
        if a is None or b is None:
            return None
        return {
            "==": a == b,
            "!=": a != b,
            "<": a < b,
            "<=": a <= b,
            ">": a > b,
            ">=": a >= b,
        }[node.op]
    if isinstance(node, In):
        value = evaluate(node.item, row)
        if value is NONE:
            return node.negate
        if value is None:
            return None
        inside = any(value == o.value for o in node.options.items)
        return not inside if node.negate else inside
    if isinstance(node, Arith):
        a, b = evaluate(node.left, row), evaluate(node.right, row)
        if a is NONE or b is NONE:
            return NONE
        if a is None or b is None:
            return None
        if node.op == "+":
            return a + b
        if node.op == "-":
            return a - b
        if node.op == "*":
            product = Decimal(a) * Decimal(b)
            return int(product) if node.type.value == "integer" else q(product)
        return None if b == 0 else q(Decimal(a) / Decimal(b))
    if isinstance(node, Tier):
        x = evaluate(node.x, row)
        if x is None or x is NONE:
            return x
        result: Any = 0
        for start, band in node.bands:
            if Decimal(x) >= start:
                result = band.value
        return result
    if isinstance(node, Progressive):
        # 分段累进: each band's rate on the part of x inside it, each part rounded half up to six places
        x = evaluate(node.x, row)
        if x is None or x is NONE:
            return x
        total = Decimal(0)
        ends = [start for start, _ in node.bands[1:]] + [None]
        for (start, rate), end in zip(node.bands, ends, strict=True):
            top = Decimal(x) if end is None else min(Decimal(x), end)
            if top > start:
                total += q((top - start) * rate)
        return total
    if isinstance(node, Award):
        # another benefit's amount: its own formula, cap and floor, evaluated for the same entity
        return evaluate(node.inner, row) if node.inner is not None else None
    if isinstance(node, PerUnit):
        x = evaluate(node.x, row)
        if x is None or x is NONE:
            return x
        count = max(x, 0)
        if node.limit is not None:
            count = min(count, node.limit.value)
        product = Decimal(count) * Decimal(node.each.value)
        return int(product) if node.type.value == "integer" else q(product)
    if isinstance(node, Lookup):
        x = evaluate(node.x, row)
        if x is None or x is NONE:
            return x
        for key, value in node.table:
            if key == x:
                return value.value
        return node.default.value
    if isinstance(node, Call):
        return _call(node, row)
    raise TypeError(type(node))


def _call(node: Call, row: dict[str, Any]) -> Any:
    if node.fn == "startswith":
        code = evaluate(node.args[0], row)
        options = node.args[1]
        assert isinstance(options, ListLit)
        if code is NONE:
            return False
        return None if code is None else any(code.startswith(o.value) for o in options.items)
    values = [evaluate(a, row) for a in node.args]
    if node.fn == "coalesce":
        real = [v for v in values if v is not None and v is not NONE]
        if real:
            return real[0]
        return NONE if all(v is NONE for v in values) else None
    if any(v is NONE for v in values):
        return NONE
    if any(v is None for v in values):
        return None
    if node.fn == "min":
        return min(values)
    if node.fn == "max":
        return max(values)
    if node.fn == "abs":
        return abs(values[0])
    if node.fn == "steps":
        # whole steps in exact fractions, never below none
        return max(math.floor(Fraction(values[0]) / Fraction(values[1])), 0)
    if node.fn == "ratio":
        return None if values[1] == 0 else q(Decimal(values[0]) / Decimal(values[1]))
    if node.fn == "round":
        rounded = Decimal(values[0]).quantize(Decimal(1).scaleb(-values[1]), rounding=ROUND_HALF_UP)
        return int(rounded) if values[1] == 0 else q(rounded)
    if node.fn == "years_since":
        born, today = values
        assert isinstance(born, dt.date)
        years = today.year - born.year
        if (born.month, born.day) > (today.month, today.day):
            years -= 1
        return years
    raise ValueError(node.fn)


def reference_match(benefit, conditions: list[Node], row: dict[str, Any], verified: set[str]) -> dict[str, Any]:
    """Status, degree, amount, provable and outcomes of one benefit for one row."""
    outcomes = []
    met = unmet = 0
    for cid, weight in zip(benefit.condition_ids, benefit.weights, strict=True):
        value = evaluate(conditions[cid], row)
        outcome = "unknown" if value is None else "met" if value else "unmet"
        outcomes.append(outcome)
        met += weight if outcome == "met" else 0
        unmet += weight if outcome == "unmet" else 0
    total = sum(benefit.weights)
    unknown = total - met - unmet
    degree = int(
        (Decimal(100) * (Decimal(met) + Decimal(unknown) / 2) / Decimal(total)).quantize(
            Decimal(1), rounding=ROUND_HALF_UP
        )
    )
    if met == total:
        status = "eligible"
    elif unmet == 0:
        status = "likely"
    elif degree >= 50:
        status = "partial"
    else:
        status = "ineligible"
    amount = None
    if status in ("eligible", "likely") and benefit.amount is not None:
        raw = evaluate(benefit.amount, row)
        amount = None if raw is None or raw is NONE else q(Decimal(raw))
    provable = all(c in verified for c in benefit.columns)
    return {"status": status, "degree": degree, "amount": amount, "provable": provable, "outcomes": outcomes}
