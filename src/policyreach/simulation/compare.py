"""Baseline and reform side by side: cost, who gains and who loses eligibility, how the split moves."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import polars as pl

from policyreach.simulation.simulate import Simulation


@dataclass
class Comparison:
    baseline: Simulation
    reform: Simulation

    @property
    def cost_change(self) -> Decimal:
        return self.reform.total_amount - self.baseline.total_amount

    def benefits(self) -> pl.DataFrame:
        """Per benefit: eligible count and amount before and after."""
        cols = ["benefit_id", "title", "eligible", "eligible_amount"]
        before = self.baseline.benefits.select(cols)
        after = self.reform.benefits.select(cols)
        table = before.join(after, on="benefit_id", how="full", coalesce=True, suffix="_reform")
        return table.with_columns(
            pl.coalesce("title", "title_reform").alias("title"),
            pl.col("eligible", "eligible_reform", "eligible_amount", "eligible_amount_reform").fill_null(0),
        ).drop("title_reform").with_columns(
            (pl.col("eligible_reform") - pl.col("eligible")).alias("eligible_change"),
            (pl.col("eligible_amount_reform") - pl.col("eligible_amount")).alias("amount_change"),
        ).filter((pl.col("eligible_change") != 0) | (pl.col("amount_change") != 0)).sort(
            "amount_change", descending=True)

    def gaining(self) -> pl.DataFrame:
        """(entity, benefit) pairs eligible under the reform and not before."""
        return _eligible(self.reform).join(_eligible(self.baseline), on=["entity_id", "benefit_id"], how="anti")

    def losing(self) -> pl.DataFrame:
        return _eligible(self.baseline).join(_eligible(self.reform), on=["entity_id", "benefit_id"], how="anti")

    def by(self, dimension: str) -> pl.DataFrame:
        before = self.baseline.by(dimension).select(dimension, "label", "entities", "amount")
        after = self.reform.by(dimension).select(dimension, "entities", "amount")
        table = before.join(after, on=dimension, how="full", coalesce=True, suffix="_reform").fill_null(0)
        return table.with_columns((pl.col("amount_reform") - pl.col("amount")).alias("amount_change")).sort(
            "amount_change", descending=True)


def _eligible(sim: Simulation) -> pl.DataFrame:
    return sim.pairs.filter(pl.col("status") == "eligible").select("entity_id", "benefit_id", "amount")
