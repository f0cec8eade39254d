"""Bind a checked tree to one evaluation date: years, parameters and builtins resolved.

The result contains only ``Const``, ``Col`` and operator nodes: the back-end-neutral
form every evaluator (scalar, columnar, Spark) consumes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping

from policyreach.rules import derivations
from policyreach.rules.errors import RuleError
from policyreach.rules.ir import (
    Arith,
    Attr,
    Award,
    BoolOp,
    Builtin,
    Call,
    Cmp,
    Col,
    Const,
    In,
    ListLit,
    Lookup,
    Node,
    Not,
    Param,
    PerUnit,
    Progressive,
    Tier,
    YearConst,
)
from policyreach.rules.language import parameter_value
from policyreach.rules.policy import Parameter
from policyreach.rules.schema import year_column
from policyreach.rules.types import Type


def bind(node: Node, as_of: dt.date, params: Mapping[str, Parameter]) -> Node:
    return _Binder(as_of, params).bind(node)


def builtin_column(name: str, as_of: dt.date) -> Col:
    """The column a builtin derivation produces for ``as_of`` and the columns it reads."""
    derivation = derivations.get(name)
    if derivation is None:
        raise RuleError(f"未知的内置派生属性 {name}", f"unknown builtin derivation {name}")
    deps = tuple(
        attr if offset is None else year_column(attr, as_of.year + offset) for attr, offset in derivation.inputs
    )
    return Col(derivation.type, column=f"{name}__{as_of.year}", attr=name, builtin=name, deps=deps)


class _Binder:
    def __init__(self, as_of: dt.date, params: Mapping[str, Parameter]) -> None:
        self.as_of = as_of
        self.params = params

    def bind(self, node: Node) -> Node:
        if isinstance(node, Attr):
            if node.year is None:
                return Col(node.type, column=node.name, attr=node.name, deps=(node.name,), pos=node.pos)
            year = node.year.resolve(self.as_of)
            column = year_column(node.name, year)
            return Col(node.type, column=column, attr=node.name, year=year, deps=(column,), pos=node.pos)
        if isinstance(node, Builtin):
            return dataclasses.replace(builtin_column(node.name, self.as_of), pos=node.pos)
        if isinstance(node, Param):
            return self.param(node)
        if isinstance(node, YearConst):
            return Const(Type.INT, value=self.as_of.year + node.offset, pos=node.pos)
        if isinstance(node, Cmp | Arith):
            return dataclasses.replace(node, left=self.bind(node.left), right=self.bind(node.right))
        if isinstance(node, BoolOp):
            return dataclasses.replace(node, items=tuple(self.bind(i) for i in node.items))
        if isinstance(node, Not):
            return dataclasses.replace(node, item=self.bind(node.item))
        if isinstance(node, In):
            return dataclasses.replace(node, item=self.bind(node.item))
        if isinstance(node, Call):
            args = tuple(self.bind(a) for a in node.args)
            if node.fn == "years_since":
                args = (*args, Const(Type.DATE, value=self.as_of, pos=node.pos))
            return dataclasses.replace(node, args=args)
        if isinstance(node, Tier | Progressive | PerUnit | Lookup):
            return dataclasses.replace(node, x=self.bind(node.x))
        if isinstance(node, Award):
            if node.inner is None:  # pragma: no cover - check_policy resolves every reference
                raise RuleError(f"金额引用 award({node.benefit!r}) 未解析", f"award({node.benefit!r}) is unresolved")
            return dataclasses.replace(node, inner=self.bind(node.inner))
        if isinstance(node, Const | ListLit | Col):
            return node
        raise TypeError(f"cannot bind {type(node).__name__}")  # pragma: no cover

    def param(self, node: Param) -> Const:
        param = self.params[node.name]
        value = parameter_value(param, self.as_of)
        if value is None:
            raise RuleError(
                f"参数 params.{node.name} 在 {self.as_of} 没有生效的取值",
                f"parameter params.{node.name} has no value in force on {self.as_of}",
                line=node.pos[0],
                column=node.pos[1] + 1,
            )
        if node.type == Type.DEC and isinstance(value, int) and not isinstance(value, bool):
            from policyreach.rules.numbers import to_decimal

            value = to_decimal(value)
        return Const(node.type, value=value, pos=node.pos)
