"""What a benefit, a policy or the whole library pays out over a whole population, and to whom.

Pairs stay as the engine made them (entity index, benefit index, status code, amount in
fixed-point) until someone asks for names: a city has millions of pairs and a report shows a few.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import polars as pl

from policyreach.engine.batch import STATUS_CODES, BatchResult, match_population
from policyreach.rules.library import CompiledLibrary
from policyreach.rules.numbers import SCALE, quantize
from policyreach.rules.policy import payout_totals
from policyreach.simulation.dimensions import DIMENSIONS, Dimensions
from policyreach.standards import divisions, industry
from policyreach.standards.enterprise_size import SIZE_NAMES

MONEY = pl.Decimal(38, 6)
NONE = "—"  # a dimension that is unknown or does not apply (a talent has no industry)
ELIGIBLE, LIKELY = STATUS_CODES.index("eligible"), STATUS_CODES.index("likely")


def money(column: str) -> pl.Expr:
    """Fixed-point Int64 (× 10^6) to an exact decimal in 万元."""
    return (pl.col(column).cast(pl.Int128).cast(MONEY) / pl.lit(10**SCALE).cast(MONEY)).cast(MONEY)


@dataclass
class Simulation:
    compiled: CompiledLibrary
    entity_ids: pl.Series
    benefits: pl.DataFrame  # one row per benefit: counts and amounts
    pairs: pl.DataFrame  # eligible pairs: entity_idx, benefit_idx, status (code), amount (fixed-point)
    dims: Dimensions  # the population's dimensions, computed when first asked for
    reached_count: int = 0

    @property
    def entities(self) -> int:
        return self.entity_ids.len()

    @property
    def totals(self) -> dict[str, Decimal]:
        """Eligible amounts per payout (资金拨付, 税收优惠 as tax forgone, 贴息, 贷款与担保): never one sum of them."""
        return payout_totals(
            (payout, Decimal(amount))
            for payout, amount in self.benefits.select("payout", "eligible_amount").iter_rows()
            if amount is not None
        )

    @property
    def total_amount(self) -> Decimal:
        """The cash awards and subsidies paid to firms' accounts (资金拨付); other payouts are in :attr:`totals`."""
        return self.totals.get("cash", Decimal(0))

    @property
    def reached(self) -> int:
        """Entities that can claim at least one benefit (eligible or likely)."""
        return self.reached_count

    def _indices(self, benefit_ids: list[str]) -> list[int]:
        wanted = set(benefit_ids)
        return [b.index for b in self.compiled.benefits if b.id in wanted]

    def eligible(self, benefit_ids: list[str] | None = None) -> pl.DataFrame:
        """Eligible pairs with names: entity_id, benefit_id, amount (万元)."""
        pairs = self.pairs.filter(pl.col("status") == ELIGIBLE)
        if benefit_ids is not None:
            pairs = pairs.filter(pl.col("benefit_idx").is_in(self._indices(benefit_ids)))
        ids = pl.Series([b.id for b in self.compiled.benefits], dtype=pl.String)
        return pairs.select(
            self.entity_ids.gather(pairs["entity_idx"]).alias("entity_id"),
            ids.gather(pairs["benefit_idx"]).alias("benefit_id"),
            money("amount").alias("amount"),
        )

    def by(self, dimension: str, benefit_ids: list[str] | None = None, payout: str | None = None) -> pl.DataFrame:
        """Eligible entities, pairs and amounts split by one dimension (区县, 行业, 规模 …); ``payout`` keeps the
        benefits of one payout, so that an amount never adds tax relief to cash."""
        if dimension not in DIMENSIONS:
            raise ValueError(f"未知的维度 {dimension}，可选：{', '.join(DIMENSIONS)}")
        pairs = self.pairs.filter(pl.col("status") == ELIGIBLE)
        if benefit_ids is not None:
            pairs = pairs.filter(pl.col("benefit_idx").is_in(self._indices(benefit_ids)))
        if payout is not None:
            pairs = pairs.filter(
                pl.col("benefit_idx").is_in([b.index for b in self.compiled.benefits if b.spec.payout == payout])
            )
        dims = self.dims.frame([dimension]).select(pl.col(dimension).fill_null(NONE)).with_row_index("entity_idx")
        population = dims.group_by(dimension).agg(pl.len().alias("population"))
        split = (
            pairs.join(dims, on="entity_idx", how="left")
            .group_by(dimension)
            .agg(
                pl.col("entity_idx").n_unique().alias("entities"),
                pl.len().alias("pairs"),
                pl.col("amount").sum().alias("amount"),
            )
            .with_columns(money("amount"))
        )
        table = population.join(split, on=dimension, how="full", coalesce=True).with_columns(
            pl.col("entities", "pairs").fill_null(0), pl.col("amount").fill_null(0).cast(MONEY)
        )
        labels = {v: label(dimension, v) for v in table[dimension].to_list()}
        return table.with_columns(
            pl.col(dimension).replace_strict(labels, return_dtype=pl.String).alias("label"),
            (pl.col("entities") / pl.col("population")).fill_nan(0).alias("reach"),
        ).sort("amount", descending=True)

    def unreached_benefits(self) -> pl.DataFrame:
        """Benefits nobody can claim (neither eligible nor likely)."""
        return self.benefits.filter((pl.col("eligible") + pl.col("likely")) == 0).select(
            "benefit_id", "title", "partial"
        )

    def uncovered_industries(self, min_firms: int = 1) -> pl.DataFrame:
        """大类 with enterprises that no benefit reaches (evidence for a proposal)."""
        reached = self.pairs.select("entity_idx").unique().with_columns(pl.lit(True).alias("reached"))
        firms = (
            self.dims.frame(["kind", "division"])
            .with_row_index("entity_idx")
            .filter((pl.col("kind") == "enterprise") & pl.col("division").is_not_null())
        )
        table = (
            firms.join(reached, on="entity_idx", how="left")
            .group_by("division")
            .agg(pl.len().alias("enterprises"), pl.col("reached").sum().alias("reached"))
        )
        table = table.filter((pl.col("reached") == 0) & (pl.col("enterprises") >= min_firms))
        labels = {v: label("division", v) for v in table["division"].to_list()}
        return table.with_columns(
            pl.col("division").replace_strict(labels, return_dtype=pl.String).alias("label")
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


def simulate(
    compiled: CompiledLibrary,
    population: pl.DataFrame | pl.LazyFrame,
    *,
    result: BatchResult | None = None,
    dims: Dimensions | None = None,
) -> Simulation:
    """Match the population once and aggregate; ``result`` and ``dims`` reuse work already done."""
    # only eligible pairs are needed row by row; likely ones are counted
    result = result or match_population(compiled, population, keep_likely=False)
    pairs = result.pairs.select("entity_idx", "benefit_idx", "status", "amount")
    if dims is None:
        dims = Dimensions(population, compiled.as_of)
    reached = int(np.bitwise_count(result.claimable_any).sum()) if result.claimable_any is not None else 0
    return Simulation(compiled, result.entity_ids, benefit_table(result, pairs), pairs, dims, reached)


def benefit_table(result: BatchResult, pairs: pl.DataFrame) -> pl.DataFrame:
    benefits = result.compiled.benefits
    partial = result.partial_counts
    meta = pl.DataFrame(
        {
            "benefit_idx": [b.index for b in benefits],
            "benefit_id": [b.id for b in benefits],
            "title": [b.spec.title for b in benefits],
            "policy_id": [b.checked.policy.id for b in benefits],
            "kind": [b.spec.kind for b in benefits],
            "payout": [b.spec.payout for b in benefits],
            "department": [b.spec.department for b in benefits],
            "partial": [partial.get(b.index, 0) for b in benefits],
            "_likely_counted": [result.likely_counts.get(b.index, 0) for b in benefits],
        },
        schema_overrides={
            "benefit_idx": pairs.schema["benefit_idx"],
            "partial": pl.UInt32,
            "_likely_counted": pl.UInt32,
        },
    )
    eligible = pl.col("status") == ELIGIBLE
    totals = pairs.group_by("benefit_idx").agg(
        eligible.sum().alias("eligible"),
        (pl.col("status") == LIKELY).sum().alias("likely"),
        pl.col("amount").filter(eligible).sum().alias("eligible_amount"),
    )
    table = (
        meta.join(totals, on="benefit_idx", how="left")
        .with_columns(
            pl.col("eligible", "likely").fill_null(0),
            pl.col("eligible_amount").fill_null(0),
        )
        .with_columns(money("eligible_amount"), pl.col("likely") + pl.col("_likely_counted"))
    )
    # the mean per entity, exact and rounded half up (a handful of values: Python's Decimal does it)
    mean = [
        quantize(Decimal(total) / count) if count else None
        for total, count in zip(table["eligible_amount"].to_list(), table["eligible"].to_list(), strict=True)
    ]
    return (
        table.with_columns(pl.Series("mean_amount", mean, dtype=MONEY))
        .sort("eligible_amount", descending=True)
        .drop("benefit_idx", "_likely_counted")
    )
