"""统计上大中小微型企业划分办法（2017）as a Spark column expression, identical to ``size_class_expr``.

The Polars version reads each bound from a 101-entry table at a slot: the integer value of
the code's first two characters (leading letters stripped), or the 物业管理 slot. Its
string-to-integer cast accepts exactly ``[+-]?[0-9]{1,2}`` for a two-character prefix (no
blanks, unlike Spark's cast) and its gather counts a negative slot from the table's end
(``-1`` is the last entry); the slot here is computed the same way, so both back ends agree
on every code, odd ones included. Spark SQL functions and literal arrays only: no UDF.
"""

from __future__ import annotations

from functools import reduce
from operator import and_, or_
from typing import Any

from policyreach.standards.enterprise_size import GROUPS, INDICATORS, PROPERTY_SLOT, _slot_groups

TIERS = range(3)
TABLE_SIZE = PROPERTY_SLOT + 1


def _table(values: list[Any], sql_type: str) -> Any:
    """A literal Spark array (one JVM call, however long)."""
    from pyspark.sql import functions as F  # pyspark is the optional "spark" extra: imported only when used

    items = ", ".join("NULL" if v is None else str(v).upper() for v in values)
    return F.expr(f"CAST(ARRAY({items}) AS ARRAY<{sql_type}>)")


def _slot(industry: Any) -> Any:
    """The table slot of a code, exactly as ``size_class_expr`` computes it; null outside the table."""
    from pyspark.sql import functions as F  # pyspark is the optional "spark" extra: imported only when used

    digits = F.regexp_replace(industry, F.lit("^[A-Za-z]+"), F.lit(""))  # "C36" and "36" alike
    prefix = F.substring(digits, 1, 2)
    number = F.when(prefix.rlike("^[+-]?[0-9]{1,2}$"), prefix.try_cast("int"))
    return (
        F.when(F.substring(digits, 1, 4) == "7020", F.lit(PROPERTY_SLOT))
        .when(number < 0, number + TABLE_SIZE)
        .otherwise(number)
    )


def size_class_spark(industry: Any, employees: Any, revenue: Any, total_assets: Any, *, scale: int = 10**6) -> Any:
    """Size class (大/中/小/微, null when unknown) as a Spark column; money inputs are BIGINT × ``scale``."""
    from pyspark.sql import functions as F  # pyspark is the optional "spark" extra: imported only when used

    groups = [GROUPS[g] if g else None for g in _slot_groups()]
    index = _slot(industry) + 1  # arrays count from 1
    values = {"employees": employees, "revenue": revenue, "total_assets": total_assets}
    factor = {"employees": 1, "revenue": scale, "total_assets": scale}

    def table(ind: str, tier: int) -> Any:
        bounds = [g.bounds[ind][tier] * factor[ind] if g and ind in g.bounds else None for g in groups]
        return F.try_element_at(_table(bounds, "BIGINT"), index)

    bound = {(ind, tier): table(ind, tier) for ind in INDICATORS for tier in TIERS}
    in_standard = F.coalesce(F.try_element_at(_table([g is not None for g in groups], "BOOLEAN"), index), F.lit(False))
    used = {ind: bound[ind, 2].isNotNull() for ind in INDICATORS}
    # every operand below is true or false, never null: plain & and | are the horizontal any/all
    micro = reduce(or_, [F.coalesce(values[i] < bound[i, 2], F.lit(False)) for i in INDICATORS])
    unknown = reduce(or_, [used[i] & values[i].isNull() for i in INDICATORS])

    def meets(tier: int) -> Any:
        return reduce(and_, [(~used[i]) | F.coalesce(values[i] >= bound[i, tier], F.lit(False)) for i in INDICATORS])

    return (
        F.when(~in_standard, F.lit(None).cast("string"))
        .when(micro, F.lit("微"))
        .when(unknown, F.lit(None).cast("string"))
        .when(meets(0), F.lit("大"))
        .when(meets(1), F.lit("中"))
        .otherwise(F.lit("小"))
    )
