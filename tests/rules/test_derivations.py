"""The registry of builtin derived attributes: each builtin with its inputs and one function per back end."""

from __future__ import annotations

from policyreach.rules import derivations
from policyreach.standards.enterprise_size import size_class, size_class_expr
from policyreach.standards.enterprise_size_spark import size_class_spark


def test_registered_as_a_builtin_derivation() -> None:
    derivation = derivations.get("size_class")
    assert derivation is not None
    assert [name for name, _ in derivation.inputs] == ["industry", "employees", "revenue", "total_assets"]
    assert all(offset == -1 for name, offset in derivation.inputs if name != "industry")
    assert (derivation.python, derivation.polars, derivation.spark) == (size_class, size_class_expr, size_class_spark)


def test_an_unknown_builtin_is_none() -> None:
    assert derivations.get("no_such_builtin") is None
