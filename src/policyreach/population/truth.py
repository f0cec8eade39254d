"""A true city and what the platform would actually receive of it (issue 21, "Match truth").

:func:`true_city` is the generated population with nothing missing and nothing self-declared:
every attribute known. A null in it is a fact ("never certified", "not 规上", "in no functional
area"), so :func:`truth_frame` marks every null as known-none for the engine.

:func:`observe` is the observation model: the platform's view of the same city.

- registries that send complete lists (market supervision's register, the certification
  lists of the science bureau and MIIT, the 严重失信 list, the statistics bureau's 规上 list,
  the HR bureau's talent classification) arrive whole, but a list names only its members:
  an unlisted entity has no value in the import (it is not sent a "false" or "never");
- tax figures for every firm that files (all but ``1 − tax_filing``);
- statistics figures (assets, exports, investment) only for 规上 firms (about a fifth);
- HR figures (employees, graduates hired) for firms that pay social insurance;
- the science bureau's yearly figures for firms on one of its lists;
- of what is still missing, a share ``self_declared`` is declared by the entity itself (all
  years of an attribute at once), and a share ``wrong`` of those declarations is off by
  ``error_low``–``error_high`` (numbers scaled, flags flipped); everything else is missing.

The returned ``covered`` maps each column a complete list delivered to the list's name: what
the platform *could* close (known absence) if its schema declares that list complete. Whether
it does is the platform's behaviour, measured by ``BENCH=truth``; this model is not.

Settings (environment variables, defaults in brackets): ``POLICYREACH_TRUTH_TAX_FILING`` [0.95],
``POLICYREACH_TRUTH_SOCIAL_INSURANCE`` [0.80], ``POLICYREACH_TRUTH_SELF_DECLARED`` [0.33],
``POLICYREACH_TRUTH_WRONG`` [0.10], ``POLICYREACH_TRUTH_ERROR_LOW`` [0.10],
``POLICYREACH_TRUTH_ERROR_HIGH`` [0.50], ``POLICYREACH_TRUTH_MIIT_LISTS`` [1: MIIT's
certification lists are imported]. :data:`HARSH` is the harsher variant the benchmark also reports.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import polars as pl

from policyreach.population.catalogue import Spec, catalogue, columns, years_for
from policyreach.population.generate import VERIFIED, generate
from policyreach.rules.absence import none_flag


@dataclass(frozen=True)
class ObservationModel:
    tax_filing: float = 0.95
    social_insurance: float = 0.80
    self_declared: float = 0.33
    wrong: float = 0.10
    error_low: float = 0.10
    error_high: float = 0.50
    miit_lists: bool = True

    @classmethod
    def from_env(cls) -> ObservationModel:
        def share(name: str, default: float) -> float:
            value = float(os.environ.get(f"POLICYREACH_TRUTH_{name}", default))
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"POLICYREACH_TRUTH_{name} must be in [0, 1], got {value}")
            return value

        base = cls()
        return cls(
            tax_filing=share("TAX_FILING", base.tax_filing),
            social_insurance=share("SOCIAL_INSURANCE", base.social_insurance),
            self_declared=share("SELF_DECLARED", base.self_declared),
            wrong=share("WRONG", base.wrong),
            error_low=share("ERROR_LOW", base.error_low),
            error_high=share("ERROR_HIGH", base.error_high),
            miit_lists=os.environ.get("POLICYREACH_TRUTH_MIIT_LISTS", "1") not in ("0", "false", "no"),
        )


DEFAULT = ObservationModel()
# Fewer filers and insured firms, fewer and worse declarations, and one department (MIIT) that
# has not shared its certification lists yet.
HARSH = replace(
    DEFAULT, tax_filing=0.85, social_insurance=0.55, self_declared=0.15, wrong=0.25, error_high=0.80, miit_lists=False
)

# Registries that send complete lists: list name → attributes it is complete for (by kind).
COMPLETE_LISTS: dict[str, tuple[str, ...]] = {
    "market_register": (
        "uscc",
        "name",
        "established",
        "registered_capital",
        "district",
        "functional_area",
        "industry",
        "ownership",
        "listed",
        "registered_in_changchun",
        "invention_patents",
        "other_patents",
    ),
    "credit_blacklist": ("serious_violation",),
    "science_lists": (
        "cert_hightech_year",
        "cert_tech_sme_year",
        "cert_gazelle_year",
        "cert_unicorn_year",
        "cert_lab_prov_year",
        "cert_lab_nat_year",
    ),
    "miit_lists": (
        "cert_srdi_year",
        "cert_little_giant_year",
        "cert_innovation_demo_year",
        "cert_tech_center_prov_year",
        "cert_tech_center_nat_year",
        "cert_first_set_year",
    ),
    "above_scale_list": ("first_time_above_scale_year",),
    "talent_register": (
        "id_hash",
        "birth_date",
        "degree",
        "title",
        "talent_level",
        "employer_uscc",
        "employer_district",
        "arrival_date",
        "social_insurance_months",
        "contract_years",
    ),
    "institute_register": ("institute_type", "researchers", "tech_transfer_income", "platform_level"),
}
_TAX = ("revenue", "tax_paid", "rd_expense", "tax_credit_grade")
_STATISTICS = ("total_assets", "exports", "fixed_investment")
_HR = ("employees", "new_hires_graduates")
_SCIENCE = ("rd_staff", "tech_contract_turnover")
_SCIENCE_MEMBERS = ("cert_hightech_year", "cert_tech_sme_year", "cert_gazelle_year", "cert_unicorn_year")
_MEMBERSHIP = ("serious_violation",)
_IDENTITY = ("entity_id", "kind", "name", "uscc", "id_hash")


@dataclass
class Observed:
    frame: pl.DataFrame  # value columns + ``c__verified`` flags, as the platform holds them
    covered: dict[str, str]  # column → the complete list that delivered it
    declared_cells: int  # (entity, column) values that came from self-declaration
    wrong_cells: int  # of those, the ones off by error_low–error_high


def true_city(n: int, seed: int, as_of_year: int = 2025) -> pl.DataFrame:
    """The generated city with every attribute known (no missing value, nothing self-declared)."""
    with tempfile.TemporaryDirectory(prefix="policyreach-truth-") as tmp:
        path = Path(tmp) / "truth.parquet"
        generate(n, seed, path, missing_rate=0.0, self_declared_rate=0.0, as_of_year=as_of_year)
        frame = pl.read_parquet(path)
    return frame.select([c for c in frame.columns if not c.endswith(VERIFIED)])


def value_columns(frame: pl.DataFrame) -> list[str]:
    return [c for c in frame.columns if c not in ("entity_id", "kind") and not c.endswith(("__verified", "__none"))]


def truth_frame(truth: pl.DataFrame) -> pl.DataFrame:
    """The true city for the engine: every value verified, every null a known none."""
    cols = value_columns(truth)
    return truth.with_columns(
        *(pl.lit(True).alias(c + VERIFIED) for c in cols),
        *(pl.col(c).is_null().alias(none_flag(c)) for c in cols),
    )


def _spec_columns(as_of_year: int) -> dict[str, Spec]:
    return {col: spec for col, spec, _ in columns(catalogue(), years_for(as_of_year))}


def observe(truth: pl.DataFrame, model: ObservationModel, seed: int, as_of_year: int = 2025) -> Observed:
    """What the platform receives of ``truth`` under ``model`` (deterministic in ``seed``)."""
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, 0x7207])))
    n = truth.height
    last = years_for(as_of_year)[-1]
    specs = _spec_columns(as_of_year)
    kind = truth["kind"].to_numpy()
    enterprise, institute = kind == "enterprise", kind == "institute"
    files_tax = (enterprise | institute) & (rng.random(n) < model.tax_filing)
    insured = enterprise & (rng.random(n) < model.social_insurance)
    first = truth["first_time_above_scale_year"].to_numpy()
    above = enterprise & ~np.isnan(first.astype(float)) & (np.nan_to_num(first.astype(float)) <= last)
    on_science_list = np.zeros(n, dtype=bool)
    for col in _SCIENCE_MEMBERS:
        on_science_list |= truth[col].is_not_null().to_numpy()
    lists = dict(COMPLETE_LISTS)
    if not model.miit_lists:
        lists.pop("miit_lists")
    covered = {attr: name for name, attrs in lists.items() for attr in attrs}

    def attribute(col: str) -> str:
        spec = specs.get(col)
        return spec.name if spec else col

    received: dict[str, np.ndarray] = {}
    for col in value_columns(truth):
        attr = attribute(col)
        if attr in _MEMBERSHIP and attr in covered:
            received[col] = truth[col].fill_null(False).to_numpy()  # a list of the flagged names only them
        elif col in _IDENTITY or attr in covered:
            received[col] = np.ones(n, dtype=bool)
        elif attr in _TAX:
            received[col] = files_tax
        elif attr in _STATISTICS:
            received[col] = above
        elif attr in _HR:
            received[col] = insured
        elif attr in _SCIENCE:
            received[col] = on_science_list | institute
        else:  # self-declared by its schema source, or a list not imported: only a declaration can give it
            received[col] = np.zeros(n, dtype=bool)
    # one declaration decision per (entity, attribute): a firm fills in every year of a figure at once
    declares: dict[str, np.ndarray] = {}
    wrong: dict[str, np.ndarray] = {}
    factor: dict[str, np.ndarray] = {}
    for attr in sorted({attribute(c) for c in received}):
        declares[attr] = rng.random(n) < model.self_declared
        wrong[attr] = rng.random(n) < model.wrong
        size = rng.uniform(model.error_low, model.error_high, n)
        factor[attr] = np.where(rng.random(n) < 0.5, 1 - size, 1 + size)
    out: list[pl.Series] = [truth["entity_id"], truth["kind"]]
    flags: list[pl.Series] = []
    declared_cells = wrong_cells = 0
    for col, got in received.items():
        attr = attribute(col)
        series = truth[col]
        has = series.is_not_null().to_numpy()
        verified = got & has & (specs[col].verified_source if col in specs else True)
        declared = ~got & has & declares[attr]
        bad = declared & wrong[attr]
        value = _distort(series, bad, factor[attr])
        keep = got | declared
        out.append(value.set(pl.Series(~keep), None) if not keep.all() else value)
        flags.append(pl.Series(col + VERIFIED, verified))
        declared_cells += int(declared.sum())
        wrong_cells += int(bad.sum())
    return Observed(pl.DataFrame(out + flags), covered, declared_cells, wrong_cells)


def _distort(series: pl.Series, bad: np.ndarray, factor: np.ndarray) -> pl.Series:
    """``series`` with the ``bad`` rows off by ``factor`` (numbers) or flipped (flags); exact decimals."""
    if not bad.any():
        return series
    dtype = series.dtype
    mask = pl.Series(bad)
    if dtype == pl.Boolean:
        return pl.select(pl.when(mask).then(~series).otherwise(series)).to_series().alias(series.name)
    if isinstance(dtype, pl.Decimal):
        # the factor to three decimal places, as an exact decimal: no float touches the money
        permille = pl.Series(np.rint(factor * 1000).astype(np.int64)).cast(pl.Decimal(18, 0))
        scaled = (series.cast(pl.Decimal(38, 6)) * permille / pl.lit(1000).cast(pl.Decimal(18, 0))).cast(dtype)
        return pl.select(pl.when(mask).then(scaled).otherwise(series)).to_series().alias(series.name)
    if dtype == pl.Int64:
        scaled_int = pl.Series(np.rint(series.fill_null(0).to_numpy() * factor).astype(np.int64))
        return pl.select(pl.when(mask).then(scaled_int).otherwise(series)).to_series().alias(series.name)
    return series
