"""Registry of builtin derived attributes (those a rules expression cannot state well).

A derivation names its inputs (attribute, year offset) and gives one function per back
end; they must agree exactly, which their own tests check. The rules layer only stores
the callables: it never imports a columnar library.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from policyreach.rules.types import Type


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
    if name not in _REGISTRY:
        _load_standard_derivations()
    return _REGISTRY.get(name)


def require(name: str) -> Derivation:
    """A derivation that binding has already vouched for: a miss here is a bug, not a user's error."""
    derivation = get(name)
    if derivation is None:
        raise KeyError(f"unknown builtin derivation {name}")
    return derivation


def _load_standard_derivations() -> None:
    # The domain registers its derivations on import; importing lazily keeps the
    # rules layer free of domain code until a schema asks for a builtin.
    with contextlib.suppress(ImportError):
        import policyreach.standards.derivations  # noqa: F401
