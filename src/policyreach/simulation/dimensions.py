"""The dimensions a simulation splits by: district, functional area, industry, size class, firm age."""

from __future__ import annotations

import datetime as dt

import polars as pl

from policyreach.rules.numbers import SCALE
from policyreach.standards.enterprise_size import size_class_expr

DIMENSIONS = {
    "district": "区县",
    "functional_area": "功能区",
    "section": "行业门类",
    "division": "行业大类",
    "size_class": "企业规模",
    "age_band": "成立年限",
}
AGE_BANDS = [(0, "3年以下"), (3, "3-5年"), (5, "5-10年"), (10, "10年及以上")]


def _scaled(column: str, present: set[str]) -> pl.Expr:
    if column not in present:
        return pl.lit(None, dtype=pl.Int64)
    return (pl.col(column).cast(pl.Decimal(38, SCALE)) * 10**SCALE).cast(pl.Int64)


def _optional(column: str, present: set[str], dtype: pl.DataType = pl.String()) -> pl.Expr:
    return pl.col(column) if column in present else pl.lit(None, dtype=dtype)


def _expressions(present: set[str], as_of: dt.date) -> dict[str, pl.Expr]:
    last = as_of.year - 1
    industry = _optional("industry", present)
    employees = pl.col(f"employees_{last}") if f"employees_{last}" in present else pl.lit(None, dtype=pl.Int64)
    years = (pl.lit(as_of) - _optional("established", present, pl.Date())).dt.total_days() // 365
    band = pl.lit(None, dtype=pl.String)
    for floor, label in AGE_BANDS:
        band = pl.when(years >= floor).then(pl.lit(label)).otherwise(band)
    return {
        "entity_id": pl.col("entity_id"),
        "kind": pl.col("kind"),
        "district": pl.coalesce(_optional("district", present), _optional("employer_district", present)),
        "functional_area": _optional("functional_area", present),
        "section": industry.str.slice(0, 1),
        "division": industry,
        "size_class": size_class_expr(
            industry, employees, _scaled(f"revenue_{last}", present), _scaled(f"total_assets_{last}", present)
        ),
        "age_band": band,
    }


class Dimensions:
    """The population's dimensions, each computed the first time it is asked for (a split by district
    should not pay for the enterprise size of a million rows)."""

    def __init__(self, population: pl.DataFrame | pl.LazyFrame, as_of: dt.date) -> None:
        self._lazy = population.lazy()
        self._expressions = _expressions(set(self._lazy.collect_schema().names()), as_of)
        self._columns: dict[str, pl.Series] = {}

    def frame(self, names: list[str]) -> pl.DataFrame:
        """The named dimensions, one row per entity in population order."""
        missing = [n for n in names if n not in self._columns]
        if missing:
            computed = self._lazy.select([self._expressions[n].alias(n) for n in missing]).collect()
            self._columns.update({n: computed[n] for n in missing})
        return pl.DataFrame([self._columns[n] for n in names])
