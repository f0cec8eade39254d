"""The features a likelihood model reads: what the platform holds of an entity, as numbers.

One matrix for a whole population (rows = entities, float32, NaN = unknown), built from the
frame the engine matches (``engine.frame.prepare_frame``: the library's input columns, their
provenance flags, known-none flags and builtins such as the size class). Nothing here reads a
truth: a column is a feature only as the platform received it.

- strings (industry, district, size class, degree …) are categories, coded by a vocabulary
  fixed at training time; the industry's section (门类, its first letter) is added beside the
  division because small divisions borrow strength from their section;
- dates are years before the evaluation date (age of a firm, of a person);
- numbers are floats in the engine's own units (decimals stay fixed-point × 10**6: trees split on
  order, so a monotone scale changes nothing); they are model inputs, never money that is paid
  or compared with a policy threshold, so the exactness rule for money does not apply to them;
- a known none (a complete list does not name the entity) is −1, distinct from unknown (NaN):
  "never certified" says something that "nobody told us" does not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import polars as pl

from policyreach.engine.frame import prepare_frame
from policyreach.rules.absence import NONE_SUFFIX
from policyreach.rules.library import CompiledLibrary

KIND = "kind"
SECTION = "industry_section"
MAX_CATEGORIES = 250  # HistGradientBoosting takes at most 255 bins per categorical feature
NONE_CODE = -1.0


@dataclass(frozen=True)
class FeatureSpec:
    """Which columns become features and how strings are coded; fixed when a model is trained."""

    numeric: tuple[str, ...]
    categorical: dict[str, tuple[str, ...]]  # column -> vocabulary (code = position)

    @property
    def names(self) -> tuple[str, ...]:
        return (*self.categorical, *self.numeric)

    @property
    def categorical_mask(self) -> np.ndarray:
        return np.array([True] * len(self.categorical) + [False] * len(self.numeric))


def prepared(frame: pl.DataFrame, compiled: CompiledLibrary) -> pl.DataFrame:
    """The frame as the engine sees it, with the industry section added."""
    out = prepare_frame(frame, compiled).collect()
    if "industry" in out.columns:
        out = out.with_columns(pl.col("industry").str.slice(0, 1).alias(SECTION))
    return out


def fit_spec(frame: pl.DataFrame) -> FeatureSpec:
    """The feature layout of a prepared frame (vocabularies from its own values)."""
    numeric: list[str] = []
    categorical: dict[str, tuple[str, ...]] = {}
    for name, dtype in frame.schema.items():
        if name == "entity_id" or name.endswith(("__verified", NONE_SUFFIX)):
            continue
        if dtype == pl.String:
            counts = frame[name].drop_nulls().value_counts(sort=True)
            vocabulary = tuple(str(v) for v in counts[name].head(MAX_CATEGORIES).sort().to_list())
            if vocabulary:
                categorical[name] = vocabulary
        elif dtype in (pl.Int64, pl.Int32, pl.UInt32, pl.Boolean, pl.Date, pl.Float64):
            numeric.append(name)
    return FeatureSpec(tuple(numeric), categorical)


def matrix(frame: pl.DataFrame, spec: FeatureSpec, as_of: dt.date) -> np.ndarray:
    """Rows = entities of a prepared frame, columns = ``spec.names``; NaN unknown, −1 known none."""
    n = frame.height
    out = np.full((n, len(spec.names)), np.nan, dtype=np.float32)
    for j, (name, vocabulary) in enumerate(spec.categorical.items()):
        if name not in frame.columns:
            continue
        lookup = pl.DataFrame({name: list(vocabulary), "__code": np.arange(len(vocabulary), dtype=np.float32)})
        codes = frame.select(name).join(lookup, on=name, how="left", maintain_order="left")["__code"]
        out[:, j] = codes.fill_null(np.nan).to_numpy()
    offset = len(spec.categorical)
    for j, name in enumerate(spec.numeric, start=offset):
        if name not in frame.columns:
            continue
        col = frame[name]
        if col.dtype == pl.Date:
            values = ((pl.lit(as_of) - col).dt.total_days() / 365.25).alias(name)
            series = frame.select(values).to_series()
        else:
            series = col.cast(pl.Float64)
        column = series.fill_null(np.nan).to_numpy().astype(np.float32)
        absent = name + NONE_SUFFIX
        if absent in frame.columns:
            column = np.where(frame[absent].fill_null(False).to_numpy(), np.float32(NONE_CODE), column)
        out[:, j] = column
    return out
