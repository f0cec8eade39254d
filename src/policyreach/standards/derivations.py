"""Builtin derived attributes of the domain, registered with the rules layer on import."""

from __future__ import annotations

from policyreach.rules.derivations import Derivation, register
from policyreach.rules.types import Type
from policyreach.standards.enterprise_size import size_class, size_class_expr
from policyreach.standards.enterprise_size_spark import size_class_spark

SIZE_CLASS = register(
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
