"""The back-end-neutral intermediate representation of conditions and amounts.

Checked nodes (``Attr``, ``Param``, ``YearConst``, ``Builtin``) still depend on the
evaluation date; ``bind`` replaces them by ``Col`` and ``Const`` so that the bound tree
is all a back end needs. Nodes are frozen and compare without their source position,
so structurally identical conditions deduplicate across benefits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
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
    if isinstance(node, ListLit):
        return node.items
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
