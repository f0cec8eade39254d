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


def _optional(column: str, present: set[str], dtype: pl.DataType = pl.String) -> pl.Expr:
    return pl.col(column) if column in present else pl.lit(None, dtype=dtype)


def dimensions(population: pl.DataFrame | pl.LazyFrame, as_of: dt.date) -> pl.DataFrame:
    """One row per entity with every dimension (null where it does not apply, e.g. a talent's industry)."""
    lazy = population.lazy()
    present = set(lazy.collect_schema().names())
    last = as_of.year - 1
    industry = _optional("industry", present)
    employees = pl.col(f"employees_{last}") if f"employees_{last}" in present else pl.lit(None, dtype=pl.Int64)
    years = (pl.lit(as_of) - _optional("established", present, pl.Date)).dt.total_days() // 365
    band = pl.lit(None, dtype=pl.String)
    for floor, label in AGE_BANDS:
        band = pl.when(years >= floor).then(pl.lit(label)).otherwise(band)
    return lazy.select(
        "entity_id",
        "kind",
        pl.coalesce(_optional("district", present), _optional("employer_district", present)).alias("district"),
        _optional("functional_area", present).alias("functional_area"),
        industry.str.slice(0, 1).alias("section"),
        industry.alias("division"),
        size_class_expr(industry, employees, _scaled(f"revenue_{last}", present),
                        _scaled(f"total_assets_{last}", present)).alias("size_class"),
        band.alias("age_band"),
    ).collect()
