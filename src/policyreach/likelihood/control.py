"""The control city: what is unknown drawn independently of everything known (issue 21, item 3).

Every attribute that no complete registry list sends (tax, statistics, HR and science figures,
loans, self-declared facts) is permuted across the entities of the same kind, all its years with
one permutation. What the platform knows of an entity then says nothing about those attributes,
so a model that learned real structure (rather than leaking the answer) must fall to chance
within a benefit: an AUC of about 0.5.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from policyreach.population.truth import COMPLETE_LISTS


def shuffled(truth: pl.DataFrame, seed: int) -> pl.DataFrame:
    """``truth`` with every attribute no complete list sends permuted across entities of the same kind."""
    covered = {attr for attrs in COMPLETE_LISTS.values() for attr in attrs}
    rng = np.random.Generator(np.random.PCG64(seed + 0xC0))
    kinds = truth["kind"].to_numpy()
    groups: dict[str, list[str]] = {}
    for col in truth.columns:
        if col in ("entity_id", "kind"):
            continue
        base, _, year = col.rpartition("_")
        attr = base if year.isdigit() else col
        if attr not in covered:
            groups.setdefault(attr, []).append(col)
    out = truth
    for cols in groups.values():
        mapping = np.arange(truth.height)
        for kind in np.unique(kinds):
            idx = np.flatnonzero(kinds == kind)
            mapping[idx] = rng.permutation(idx)
        order = pl.Series(mapping)
        out = out.with_columns([truth[c].gather(order) for c in cols])  # one permutation for all its years
    return out
