"""Baseline and reform side by side: cost, who gains and who loses eligibility, how the split moves."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import polars as pl

from policyreach.rules.policy import PAYOUT_ZH
from policyreach.simulation.simulate import ELIGIBLE, Simulation, money


@dataclass
class Comparison:
    baseline: Simulation
    reform: Simulation

    @property
    def cost_change(self) -> Decimal:
        """The change in cash paid out (资金拨付); :meth:`changes` gives every payout's own."""
        return self.reform.total_amount - self.baseline.total_amount

    def changes(self) -> dict[str, tuple[Decimal, Decimal, Decimal]]:
        """Per payout: (before, after, change); a reform that moves tax relief is not a cash cost."""
        before, after = self.baseline.totals, self.reform.totals
        zero = Decimal(0)
        return {
            payout: (
                before.get(payout, zero),
                after.get(payout, zero),
                after.get(payout, zero) - before.get(payout, zero),
            )
            for payout in PAYOUT_ZH
            if payout in before or payout in after
        }

    def benefits(self) -> pl.DataFrame:
        """Per benefit: eligible count and amount before and after."""
        cols = ["benefit_id", "title", "eligible", "eligible_amount"]
        before = self.baseline.benefits.select(cols)
        after = self.reform.benefits.select(cols)
        table = before.join(after, on="benefit_id", how="full", coalesce=True, suffix="_reform")
        return (
            table.with_columns(
                pl.coalesce("title", "title_reform").alias("title"),
                pl.col("eligible", "eligible_reform", "eligible_amount", "eligible_amount_reform").fill_null(0),
            )
            .drop("title_reform")
            .with_columns(
                (pl.col("eligible_reform") - pl.col("eligible")).alias("eligible_change"),
                (pl.col("eligible_amount_reform") - pl.col("eligible_amount")).alias("amount_change"),
            )
            .filter((pl.col("eligible_change") != 0) | (pl.col("amount_change") != 0))
            .sort("amount_change", descending=True)
        )

    def gaining(self) -> pl.DataFrame:
        """(entity, benefit) pairs eligible under the reform and not before."""
        return _difference(self.reform, self.baseline)

    def losing(self) -> pl.DataFrame:
        """(entity, benefit) pairs eligible before and not under the reform."""
        return _difference(self.baseline, self.reform)

    def by(self, dimension: str) -> pl.DataFrame:
        before = self.baseline.by(dimension).select(dimension, "label", "entities", "amount")
        after = self.reform.by(dimension).select(dimension, "entities", "amount")
        table = before.join(after, on=dimension, how="full", coalesce=True, suffix="_reform").fill_null(0)
        return table.with_columns((pl.col("amount_reform") - pl.col("amount")).alias("amount_change")).sort(
            "amount_change", descending=True
        )


def _keys(sim: Simulation, numbering: dict[str, int]) -> pl.DataFrame:
    """Eligible pairs as one integer key (entity, benefit numbered by id: indices differ across libraries)."""
    mapping = {b.index: numbering[b.id] for b in sim.compiled.benefits}
    pairs = sim.pairs.filter(pl.col("status") == ELIGIBLE)
    benefit = pl.col("benefit_idx").replace_strict(mapping, return_dtype=pl.UInt64)
    return pairs.select(
        (pl.col("entity_idx").cast(pl.UInt64) * 65536 + benefit).alias("key"),
        "entity_idx",
        benefit.alias("benefit"),
        "amount",
    )


def _difference(a: Simulation, b: Simulation) -> pl.DataFrame:
    """Pairs of ``a`` not in ``b``, with names: only the difference is turned into strings."""
    ids = sorted({x.id for x in a.compiled.benefits} | {x.id for x in b.compiled.benefits})
    numbering = {benefit_id: i for i, benefit_id in enumerate(ids)}
    mine, theirs = _keys(a, numbering), _keys(b, numbering)
    only = mine.filter(~pl.col("key").is_in(theirs["key"].implode()))
    return only.select(
        a.entity_ids.gather(only["entity_idx"]).alias("entity_id"),
        pl.Series(ids).gather(only["benefit"]).alias("benefit_id"),
        money("amount"),
    )
