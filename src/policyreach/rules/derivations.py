"""Registry of builtin derived attributes (those a rules expression cannot state well).

A derivation names its inputs (attribute, year offset) and gives one function per back
end; they must agree exactly, which their own tests check. The rules layer only stores
the callables: it never imports a columnar library (the standards import Polars and
Spark inside the functions themselves).

The builtins are registered here, from the standards that define them: the standards
are the lowest layer and know nothing of the rules language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from policyreach.rules.types import Type
from policyreach.standards.enterprise_size import size_class, size_class_expr
from policyreach.standards.enterprise_size_spark import size_class_spark


@dataclass(frozen=True)
class Derivation:
    name: str
    type: Type
    inputs: tuple[tuple[str, int | None], ...]  # (attribute, year offset or None)
    python: Callable[..., Any]  # (*input values) -> value or None
    polars: Callable[..., Any]  # (*input pl.Expr) -> pl.Expr
    spark: Callable[..., Any] | None = None


_REGISTRY: dict[str, Derivation] = {}


def register(derivation: Derivation) -> Derivation:
    _REGISTRY[derivation.name] = derivation
    return derivation


def get(name: str) -> Derivation | None:
    return _REGISTRY.get(name)


register(
    Derivation(
        name="size_class",
        type=Type.STR,
        # the standard classifies on the last full year's figures (上年度)
        inputs=(("industry", None), ("employees", -1), ("revenue", -1), ("total_assets", -1)),
        python=size_class,
        polars=size_class_expr,
        spark=size_class_spark,
    )
)


def require(name: str) -> Derivation:
    """A derivation that binding has already vouched for: a miss here is a bug, not a user's error."""
    derivation = get(name)
    if derivation is None:
        raise KeyError(f"unknown builtin derivation {name}")
    return derivation
