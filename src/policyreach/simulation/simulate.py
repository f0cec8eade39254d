"""What a benefit, a policy or the whole library pays out over a whole population, and to whom."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import polars as pl

from policyreach.engine.batch import BatchResult, match_population
from policyreach.rules.library import CompiledLibrary
from policyreach.simulation.dimensions import DIMENSIONS, dimensions
from policyreach.standards import divisions, industry
from policyreach.standards.enterprise_size import SIZE_NAMES

MONEY = pl.Decimal(38, 6)
NONE = "—"  # a dimension that is unknown or does not apply (a talent has no industry)


@dataclass
class Simulation:
    compiled: CompiledLibrary
    entities: int
    benefits: pl.DataFrame  # one row per benefit: counts and amounts
    pairs: pl.DataFrame  # eligible and likely pairs: entity_id, benefit_id, status, amount
    dims: pl.DataFrame  # one row per entity: the dimensions

    @property
    def total_amount(self) -> Decimal:
        return Decimal(self.benefits["eligible_amount"].sum() or 0)

    def by(self, dimension: str, benefit_ids: list[str] | None = None) -> pl.DataFrame:
        """Eligible entities, pairs and amounts split by one dimension (区县, 行业, 规模 …)."""
        if dimension not in DIMENSIONS:
            raise ValueError(f"未知的维度 {dimension}，可选：{', '.join(DIMENSIONS)}")
        pairs = self.pairs.filter(pl.col("status") == "eligible")
        if benefit_ids is not None:
            pairs = pairs.filter(pl.col("benefit_id").is_in(benefit_ids))
        dims = self.dims.select("entity_id", pl.col(dimension).fill_null(NONE))
        population = dims.group_by(dimension).agg(pl.len().alias("population"))
        split = pairs.join(dims, on="entity_id", how="left").group_by(
            dimension).agg(
            pl.col("entity_id").n_unique().alias("entities"),
            pl.len().alias("pairs"),
            pl.col("amount").sum().alias("amount"),
        )
        table = population.join(split, on=dimension, how="full", coalesce=True).fill_null(0)
        return table.with_columns(
            pl.col(dimension).map_elements(lambda v: label(dimension, v), return_dtype=pl.String).alias("label"),
            (pl.col("entities") / pl.col("population")).fill_nan(0).alias("reach"),
        ).sort("amount", descending=True)

    def unreached_benefits(self) -> pl.DataFrame:
        """Benefits nobody can claim (neither eligible nor likely)."""
        return self.benefits.filter((pl.col("eligible") + pl.col("likely")) == 0).select("benefit_id", "title",
                                                                                           "partial")

    def uncovered_industries(self, min_firms: int = 1) -> pl.DataFrame:
        """大类 with enterprises that no benefit reaches (evidence for a proposal)."""
        reached = self.pairs.select("entity_id").unique()
        firms = self.dims.filter((pl.col("kind") == "enterprise") & pl.col("division").is_not_null())
        table = firms.join(reached.with_columns(pl.lit(True).alias("reached")), on="entity_id", how="left").group_by(
            "division").agg(pl.len().alias("enterprises"), pl.col("reached").sum().alias("reached"))
        return table.filter((pl.col("reached") == 0) & (pl.col("enterprises") >= min_firms)).with_columns(
            pl.col("division").map_elements(lambda v: label("division", v), return_dtype=pl.String).alias("label")
        ).sort("enterprises", descending=True)


def label(dimension: str, value: object) -> str:
    """Chinese label of a dimension value."""
    if value is None or value == NONE:
        return "不在功能区" if dimension == "functional_area" else "未知或不适用"
    text = str(value)
    if dimension == "district":
        return divisions.name_of(text) or text
    if dimension == "functional_area":
        return divisions.FUNCTIONAL_AREAS.get(text, text)
    if dimension == "section" and text in industry.SECTIONS:
        return f"{text} {industry.SECTIONS[text]}"
    if dimension == "division" and industry.is_valid_industry(text):
        return f"{text} {industry.name_of(text)}"
    if dimension == "size_class":
        return SIZE_NAMES.get(text, text)
    return text


def simulate(compiled: CompiledLibrary, population: pl.DataFrame, *, result: BatchResult | None = None) -> Simulation:
    """Match the population once and aggregate; ``result`` reuses a match already made."""
    result = result or match_population(compiled, population)
    pairs = result.frame().select("entity_id", "benefit_id", "status", pl.col("amount").cast(MONEY))
    return Simulation(compiled, result.size, benefit_table(result, pairs), pairs,
                      dimensions(population, compiled.as_of))


def benefit_table(result: BatchResult, pairs: pl.DataFrame) -> pl.DataFrame:
    benefits = result.compiled.benefits
    partial = result.partial_counts
    meta = pl.DataFrame({
        "benefit_id": [b.id for b in benefits],
        "title": [b.spec.title for b in benefits],
        "policy_id": [b.checked.policy.id for b in benefits],
        "kind": [b.spec.kind for b in benefits],
        "department": [b.spec.department for b in benefits],
        "partial": [partial.get(b.index, 0) for b in benefits],
    })
    eligible = pl.col("status") == "eligible"
    totals = pairs.group_by("benefit_id").agg(
        eligible.sum().alias("eligible"),
        (pl.col("status") == "likely").sum().alias("likely"),
        pl.col("amount").filter(eligible).sum().alias("eligible_amount"),
        pl.col("amount").filter(eligible).mean().alias("mean_amount"),
        pl.col("amount").filter(~eligible).sum().alias("likely_amount"),
    )
    table = meta.join(totals, on="benefit_id", how="left").with_columns(
        pl.col("eligible", "likely").fill_null(0),
        pl.col("eligible_amount", "likely_amount").fill_null(0).cast(MONEY),
        pl.col("partial").cast(pl.UInt32),
    )
    return table.with_columns(pl.col("mean_amount").cast(MONEY)).sort("eligible_amount", descending=True)
