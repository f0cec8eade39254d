"""The back-end-neutral intermediate representation of conditions and amounts.

Checked nodes (``Attr``, ``Param``, ``YearConst``, ``Builtin``) still depend on the
evaluation date; ``bind`` replaces them by ``Col`` and ``Const`` so that the bound tree
is all a back end needs. Nodes are frozen and compare without their source position,
so structurally identical conditions deduplicate across benefits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TypeAlias, TypeVar, Union

from policyreach.rules.types import Type

Value: TypeAlias = Union[Decimal, int, bool, str, dt.date, None]  # noqa: UP007 - runtime alias
Pos: TypeAlias = tuple[int, int]
_V = TypeVar("_V")


@dataclass(frozen=True)
class Node:
    type: Type
    pos: Pos = field(default=(1, 0), compare=False, repr=False, kw_only=True)


@dataclass(frozen=True)
class Const(Node):
    value: Value = None


@dataclass(frozen=True)
class ListLit(Node):
    items: tuple[Const, ...] = ()


@dataclass(frozen=True)
class YearRef:
    """A year as written: absolute (2024) or relative to the evaluation year (-1 = last year)."""

    absolute: int | None = None
    offset: int | None = None

    def resolve(self, as_of: dt.date) -> int:
        return self.absolute if self.absolute is not None else as_of.year + (self.offset or 0)


@dataclass(frozen=True)
class Attr(Node):
    name: str = ""
    year: YearRef | None = None


@dataclass(frozen=True)
class Builtin(Node):
    name: str = ""


@dataclass(frozen=True)
class Param(Node):
    name: str = ""


@dataclass(frozen=True)
class YearConst(Node):
    offset: int = 0


@dataclass(frozen=True)
class Col(Node):
    """A physical column; ``deps`` are the stored columns its value derives from."""

    column: str = ""
    attr: str = ""
    year: int | None = None
    builtin: str | None = None
    deps: tuple[str, ...] = ()


# Operands are required: a comparison or an operator without them means nothing. Keyword-only lets them
# follow the operator's default; every caller already names them.
@dataclass(frozen=True, kw_only=True)
class Cmp(Node):
    op: str = "=="
    left: Node
    right: Node


@dataclass(frozen=True)
class BoolOp(Node):
    op: str = "and"
    items: tuple[Node, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Not(Node):
    item: Node


@dataclass(frozen=True, kw_only=True)
class In(Node):
    item: Node
    options: ListLit
    negate: bool = False


@dataclass(frozen=True, kw_only=True)
class Arith(Node):
    op: str = "+"
    left: Node
    right: Node


@dataclass(frozen=True)
class Call(Node):
    fn: str = ""
    args: tuple[Node, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Tier(Node):
    x: Node
    bands: tuple[tuple[Decimal, Const], ...] = ()


@dataclass(frozen=True, kw_only=True)
class Progressive(Node):
    """分段累进: each band's rate applies to the part of ``x`` inside the band (``bands``: (start, rate), starts
    strictly increasing; the last band is open above). Below the first start nothing is due."""

    x: Node
    bands: tuple[tuple[Decimal, Decimal], ...] = ()


@dataclass(frozen=True, kw_only=True)
class PerUnit(Node):
    """每件/每亩 …: ``each`` per unit of ``x`` (never below none), counting at most ``limit`` units when stated."""

    x: Node
    each: Const
    limit: Const | None = None


@dataclass(frozen=True, kw_only=True)
class Lookup(Node):
    """A code → amount table (人才 A–E 类 → 金额): the amount listed for ``x``'s value, ``default`` when unlisted."""

    x: Node
    table: tuple[tuple[Value, Const], ...] = ()
    default: Const


@dataclass(frozen=True, kw_only=True)
class Award(Node):
    """Another benefit's amount of the same policy for the same entity (在第X条标准上浮30%, 按工业类项目标准的80%):
    ``award("id")``. ``inner`` is that benefit's full-year amount (its formula with its cap and floor, in the
    referring benefit's unit), filled in when the policy is checked; back ends evaluate ``inner``, the renderer
    names the benefit (``name``) instead of repeating its formula."""

    benefit: str = ""
    name: str = ""
    inner: Node | None = None


def transform(node: Node, fn: Callable[[Node], Node | None]) -> Node:
    """``node`` rebuilt bottom-up, each node replaced by ``fn(node)`` when that gives one (else kept)."""
    rebuilt: Node = node
    if isinstance(node, Cmp | Arith):
        rebuilt = replace(node, left=transform(node.left, fn), right=transform(node.right, fn))
    elif isinstance(node, BoolOp):
        rebuilt = replace(node, items=tuple(transform(i, fn) for i in node.items))
    elif isinstance(node, Not | In):
        rebuilt = replace(node, item=transform(node.item, fn))
    elif isinstance(node, Call):
        rebuilt = replace(node, args=tuple(transform(a, fn) for a in node.args))
    elif isinstance(node, Tier | Progressive | PerUnit | Lookup):
        rebuilt = replace(node, x=transform(node.x, fn))
    elif isinstance(node, Award) and node.inner is not None:
        rebuilt = replace(node, inner=transform(node.inner, fn))
    found = fn(rebuilt)
    return rebuilt if found is None else found


def lower(node: Progressive | PerUnit) -> Node:
    """The construct in operators every back end already evaluates exactly (min, max, ×, +), so that each back
    end computes it with its own exact arithmetic. ``Lookup`` has no such form and is evaluated natively."""
    if isinstance(node, PerUnit):
        zero = Const(node.x.type, value=0 if node.x.type == Type.INT else Decimal(0))
        count: Node = Call(node.x.type, fn="max", args=(node.x, zero))
        if node.limit is not None:
            limit_type = Type.INT if node.x.type == Type.INT and node.limit.type == Type.INT else Type.DEC
            count = Call(limit_type, fn="min", args=(count, node.limit))
        return Arith(node.type, op="*", left=count, right=node.each)
    parts: list[Node] = []
    zero_dec = Const(Type.DEC, value=Decimal(0))
    for i, (start, rate) in enumerate(node.bands):
        above: Node = Arith(Type.DEC, op="-", left=node.x, right=Const(Type.DEC, value=start))
        portion: Node = Call(Type.DEC, fn="max", args=(above, zero_dec))
        if i + 1 < len(node.bands):
            width = Const(Type.DEC, value=node.bands[i + 1][0] - start)
            portion = Call(Type.DEC, fn="min", args=(portion, width))
        parts.append(Arith(Type.DEC, op="*", left=portion, right=Const(Type.DEC, value=rate)))
    total = parts[0]
    for part in parts[1:]:
        total = Arith(Type.DEC, op="+", left=total, right=part)
    return total


def const_value(node: Node, kind: type[_V]) -> _V:
    """The value of an argument the checker only admits as a constant of ``kind`` (round's places, a date)."""
    if isinstance(node, Const) and isinstance(node.value, kind):
        return node.value
    raise TypeError(f"expected a {kind.__name__} constant, got {node!r}")


def const_decimal(node: Node) -> Decimal:
    """A numeric constant as an exact ``Decimal``; integer constants stand wherever decimals do."""
    if isinstance(node, Const) and isinstance(node.value, int | Decimal):
        return Decimal(node.value)
    raise TypeError(f"expected a numeric constant, got {node!r}")


def children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, Cmp | Arith):
        return (node.left, node.right)
    if isinstance(node, BoolOp):
        return node.items
    if isinstance(node, Not):
        return (node.item,)
    if isinstance(node, In):
        return (node.item, node.options)
    if isinstance(node, Call):
        return node.args
    if isinstance(node, Tier):
        return (node.x, *(v for _, v in node.bands))
    if isinstance(node, Progressive):
        return (node.x,)
    if isinstance(node, PerUnit):
        return (node.x, node.each) if node.limit is None else (node.x, node.each, node.limit)
    if isinstance(node, Lookup):
        return (node.x, *(v for _, v in node.table), node.default)
    if isinstance(node, ListLit):
        return node.items
    if isinstance(node, Award) and node.inner is not None:
        return (node.inner,)
    return ()


def columns_of(node: Node) -> tuple[str, ...]:
    """Stored columns a bound tree reads (for provenance), in first-seen order."""
    seen: dict[str, None] = {}
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, Col):
            seen.update(dict.fromkeys(current.deps or (current.column,)))
        stack.extend(reversed(children(current)))
    return tuple(seen)


def cols_of(node: Node) -> tuple[Col, ...]:
    """Distinct ``Col`` nodes of a bound tree, in first-seen order."""
    seen: dict[Col, None] = {}
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, Col):
            seen[current] = None
        stack.extend(reversed(children(current)))
    return tuple(seen)
