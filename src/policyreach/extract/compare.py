"""Semantic comparison of rules: two expressions are the same rule when their bound, canonical IR agrees.

Textual equality is too strict to say whether a drafted rule "recovers" one a person wrote: the library
writes ``params.hightech_award`` where the clause says 20万元, ``listed == True`` where a draft says
``listed``, keeps a cap in ``amount.cap`` instead of ``min(…, cap)``, and may order operands differently.
So both sides go through the rules parser (a draft that does not type-check never matches), are bound to a
date (parameters become their value in force that day), and are printed canonically:

- comparisons are oriented one fixed way (``a <= b`` is ``b >= a``); ``x == True`` is ``x``, ``x == False``
  is ``not x``;
- ``+``, ``*``, ``and``, ``or`` sort their operands; lists inside ``in`` and ``startswith`` are sets;
- arithmetic on two constants is folded exactly (Decimal), so ``params.rent_month * 12`` with 0.08 is 0.96;
- numbers print as normalised decimals (``10000`` = ``10000.0``).

Nothing else is forgiven: a different attribute, year, threshold, operator or formula is a different rule.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from policyreach.rules.binding import bind
from policyreach.rules.errors import RuleError, RuleErrors
from policyreach.rules.ir import Arith, BoolOp, Call, Cmp, Col, Const, In, ListLit, Node, Not, Tier, const_decimal
from policyreach.rules.language import Env, check_amount, check_condition, parse_expression
from policyreach.rules.policy import Parameter

_TO_WAN = {"万元": Decimal(1), "元": Decimal("0.0001")}
_FLIP = {">=": "<=", "<=": ">=", ">": "<", "<": ">", "==": "==", "!=": "!="}


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, Decimal | int):
        text = format(Decimal(value).normalize(), "f")
        return text
    if isinstance(value, str):
        return repr(value)
    return str(value)


def _fold(node: Arith) -> Decimal | None:
    """Exact arithmetic on two numeric constants; None when either side is not one."""
    if not (isinstance(node.left, Const) and isinstance(node.right, Const)):
        return None
    a, b = node.left.value, node.right.value
    if (
        isinstance(a, bool)
        or isinstance(b, bool)
        or not (isinstance(a, Decimal | int) and isinstance(b, Decimal | int))
    ):
        return None
    x, y = Decimal(a), Decimal(b)
    if node.op == "/":
        return x / y if y else None
    return {"+": x + y, "-": x - y, "*": x * y}[node.op]


def canon(node: Node) -> str:
    """The canonical text of a bound IR node."""
    if isinstance(node, Const):
        return _value(node.value)
    if isinstance(node, ListLit):
        return "{" + ",".join(sorted(_value(i.value) for i in node.items)) + "}"
    if isinstance(node, Col):
        return node.column
    if isinstance(node, Cmp):
        if node.op in ("==", "!=") and isinstance(node.right, Const) and isinstance(node.right.value, bool):
            truth = node.right.value == (node.op == "==")
            return canon(node.left) if truth else f"not({canon(node.left)})"
        left, right = canon(node.left), canon(node.right)
        return min(f"{left}{node.op}{right}", f"{right}{_FLIP[node.op]}{left}")
    if isinstance(node, BoolOp):
        return f"{node.op}(" + ",".join(sorted(canon(i) for i in node.items)) + ")"
    if isinstance(node, Not):
        return f"not({canon(node.item)})"
    if isinstance(node, In):
        return f"{canon(node.item)}{' not' if node.negate else ''} in {canon(node.options)}"
    if isinstance(node, Arith):
        folded = _fold(node)
        if folded is not None:
            return _value(folded)
        left, right = canon(node.left), canon(node.right)
        if node.op in ("+", "*"):
            left, right = sorted((left, right))
        return f"({left}{node.op}{right})"
    if isinstance(node, Call):
        if node.fn in ("min", "max"):
            # associative and idempotent: min(50, min(x, 50)) is min(x, 50)
            return f"{node.fn}(" + ",".join(sorted(set(_flat(node, node.fn)))) + ")"
        return f"{node.fn}(" + ",".join(canon(a) for a in node.args) + ")"
    if isinstance(node, Tier):
        bands = ",".join(f"[{_value(a)},{canon(b)}]" for a, b in node.bands)
        return f"tier({canon(node.x)},[{bands}])"
    return repr(node)  # pragma: no cover - every bound node kind is handled above


def _flat(node: Node, fn: str) -> list[str]:
    if isinstance(node, Call) and node.fn == fn:
        return [text for arg in node.args for text in _flat(arg, fn)]
    return [canon(node)]


def scale(node: Node, factor: Decimal) -> Node:
    """An amount in another unit (元 → 万元): constants and rates multiplied through min, max, tier and ``*``."""
    if factor == 1:
        return node
    if isinstance(node, Const) and isinstance(node.value, Decimal | int) and not isinstance(node.value, bool):
        return _times(node, factor)
    if isinstance(node, Call) and node.fn in ("min", "max"):
        return dataclasses.replace(node, args=tuple(scale(a, factor) for a in node.args))
    if isinstance(node, Tier):
        return dataclasses.replace(node, bands=tuple((a, _times(v, factor)) for a, v in node.bands))
    if isinstance(node, Arith) and node.op in ("+", "-"):
        return dataclasses.replace(node, left=scale(node.left, factor), right=scale(node.right, factor))
    if isinstance(node, Arith) and node.op == "*":
        if isinstance(node.right, Const):
            return dataclasses.replace(node, right=scale(node.right, factor))
        return dataclasses.replace(node, left=scale(node.left, factor))
    if isinstance(node, Arith) and node.op == "/":
        return dataclasses.replace(node, left=scale(node.left, factor))
    return Arith(node.type, op="*", left=node, right=Const(node.type, value=factor))


def _times(node: Const, factor: Decimal) -> Const:
    # band values are numeric constants (the checker says so), and a band must stay a constant
    return dataclasses.replace(node, value=const_decimal(node) * factor)


def canonical(
    expr: str, env: Env, as_of: dt.date, amount: bool = False, cap: Decimal | str | None = None, unit: str = "万元"
) -> str | None:
    """The canonical form of a condition (or an amount in 万元, its cap folded in) on ``as_of``.

    A cap is a number or ``params.NAME``; either reads as the second argument of ``min``.

    None when the expression does not parse or type-check: such a draft matches nothing."""
    text = f"min({expr}, {cap})" if amount and cap is not None else expr
    try:
        node = parse_expression(text, env)
        (check_amount if amount else check_condition)(node)
        bound = bind(node, as_of, env.params)
        return canon(scale(bound, _TO_WAN.get(unit, Decimal(1))) if amount else bound)
    except (RuleError, RuleErrors, KeyError, TypeError, ValueError, ArithmeticError):
        return None


def dates_to_compare(valid_from: dt.date, params: Mapping[str, Parameter]) -> list[dt.date]:
    """The policy's first day and every day a parameter changes: a clause may state any of those values."""
    days = {valid_from} | {day for p in params.values() for day in p.values if day >= valid_from}
    return sorted(days)
