"""The learned likelihood on a small generated city: trained on what the platform sees, judged against the truth."""

from __future__ import annotations

import datetime as dt
import inspect
from decimal import Decimal

import numpy as np
import polars as pl
import pytest
from sklearn.metrics import roc_auc_score

from policyreach import settings
from policyreach.engine.batch import BatchResult, match_population
from policyreach.imports.registries import close_frame, list_import
from policyreach.likelihood import (
    ModelInfo,
    expected_value,
    expected_values,
    importances,
    push_mask,
    score,
    train,
)
from policyreach.likelihood.control import shuffled
from policyreach.population.truth import ObservationModel, observe, true_city, truth_frame
from policyreach.rules.library import CompiledLibrary, compile_library, load_library
from policyreach.rules.schema import load_schema

AS_OF = dt.date(2025, 6, 30)
N = 6000


@pytest.fixture(scope="module")
def compiled() -> CompiledLibrary:
    return compile_library(load_library([settings.library_path()], load_schema(settings.schema_path())), AS_OF)


def _city(truth: pl.DataFrame, compiled: CompiledLibrary) -> tuple[pl.DataFrame, BatchResult, BatchResult]:
    """(observed frame after the complete lists, its match, the truth's match)."""
    observed = observe(truth, ObservationModel(), 5, AS_OF.year)
    schema = compiled.schema
    imports = [
        list_import(schema, name, AS_OF, f"t-{name}")
        for name, reg in schema.registries.items()
        if all(attr in observed.covered for attr in reg.complete)
    ]
    frame = close_frame(observed.frame, schema, imports)
    return frame, match_population(compiled, frame), match_population(compiled, truth_frame(truth))


def _judged(truth: BatchResult, seen: BatchResult, probability: pl.DataFrame) -> pl.DataFrame:
    eligible = truth.pairs.filter(pl.col("status") == 3).select("entity_idx", "benefit_idx", pl.lit(True).alias("y"))
    return probability.join(eligible, on=["entity_idx", "benefit_idx"], how="left").with_columns(
        pl.col("y").fill_null(False)
    )


def _within_benefit_auc(judged: pl.DataFrame) -> float:
    aucs, weights = [], []
    for (_,), group in judged.group_by("benefit_idx"):
        y = group["y"].to_numpy()
        if 0 < y.sum() < y.size:
            aucs.append(roc_auc_score(y, group["probability"].to_numpy()))
            weights.append(y.size)
    return float(np.average(aucs, weights=weights))


@pytest.fixture(scope="module")
def real(compiled: CompiledLibrary) -> tuple[pl.DataFrame, BatchResult, BatchResult]:
    return _city(true_city(N, 5, AS_OF.year), compiled)


@pytest.fixture(scope="module")
def learned(real, compiled: CompiledLibrary) -> tuple[object, pl.DataFrame]:
    frame, seen, _ = real
    model = train(frame, compiled, max_rows=3000, seed=1, now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    return model, score(model, frame, seen)


def test_training_takes_only_the_observed_frame() -> None:
    # The generator's truth has no way in: the signature accepts the platform's frame, the library and settings.
    parameters = list(inspect.signature(train).parameters)
    assert parameters == ["observed", "compiled", "method", "max_rows", "seed", "now"]


def test_one_probability_in_the_unit_interval_per_likely_pair(real, learned) -> None:
    _, seen, _ = real
    _, probability = learned
    likely = seen.pairs.filter(pl.col("status") == 2)
    assert probability.height == likely.height > 0
    p = probability["probability"].to_numpy()
    assert np.isfinite(p).all() and (p >= 0).all() and (p <= 1).all()


def test_calibrated_and_discriminating_on_the_real_city(real, learned) -> None:
    _, seen, truth = real
    _, probability = learned
    judged = _judged(truth, seen, probability)
    y, p = judged["y"].to_numpy(), judged["probability"].to_numpy()
    # calibration in the large: as many eligible pairs predicted as there are, within a few points
    assert abs(p.mean() - y.mean()) < 0.05
    # and per decile of probability, the predicted share tracks the observed one
    order = np.argsort(p)
    for chunk in np.array_split(order, 5):
        assert abs(p[chunk].mean() - y[chunk].mean()) < 0.15
    assert roc_auc_score(y, p) > 0.85
    assert _within_benefit_auc(judged) > 0.6


def test_control_city_falls_to_chance_within_a_benefit(compiled: CompiledLibrary) -> None:
    frame, seen, truth = _city(shuffled(true_city(N, 5, AS_OF.year), 5), compiled)
    model = train(frame, compiled, max_rows=3000, seed=1)
    judged = _judged(truth, seen, score(model, frame, seen))
    assert 0.4 < _within_benefit_auc(judged) < 0.62


def test_model_info_and_importances(learned) -> None:
    model, _ = learned
    info = model.info
    assert isinstance(info, ModelInfo) and info.rows > 0 and info.conditions == len(model.conditions)
    assert info.version.startswith("likelihood-1/boosting/")
    assert info.as_dict()["trained_at"] == "2026-01-01T00:00:00+00:00"
    boosted = [key for key, cond in model.conditions.items() if cond.holdout is not None]
    ranked = importances(model, boosted[0], repeats=2)
    assert ranked and {name for name, _ in ranked} <= {*info.features, "inputs_verified"}


def test_expected_value_is_exact_money() -> None:
    assert expected_value(0.72, Decimal("30.00")) == Decimal("21.60")
    assert expected_value(1 / 3, Decimal("100")) == Decimal("33.33")  # p to six places, halves up to the fen
    pairs = pl.DataFrame({"amount": [30 * 10**6, None, 7], "probability": [0.72, 0.5, 0.5]})
    assert expected_values(pairs).to_list() == [21_600_000, None, 4]  # 3.5 rounds half up


def test_push_mask_needs_the_threshold_only_for_likely_pairs() -> None:
    status = np.array([3, 2, 2, 1, 2])
    probability = np.array([np.nan, 0.31, 0.29, 0.99, np.nan])
    assert push_mask(status, probability, Decimal("0.30")).tolist() == [True, True, False, False, False]


def test_push_threshold_setting(monkeypatch) -> None:
    assert settings.push_min_probability() == Decimal("0.30")
    monkeypatch.setenv("POLICYREACH_PUSH_MIN_PROBABILITY", "0.5")
    assert settings.push_min_probability() == Decimal("0.5")
    monkeypatch.setenv("POLICYREACH_PUSH_MIN_PROBABILITY", "1.5")
    with pytest.raises(ValueError):
        settings.push_min_probability()


def test_the_trees_run_on_the_configured_openmp_threads(monkeypatch) -> None:
    # OpenMP's threads spin while they wait: on busy cores a training on two took 15 times as long as on one
    import sklearn.ensemble  # noqa: F401  (loads scikit-learn's OpenMP library, as a fit does)
    from threadpoolctl import threadpool_info

    from policyreach.likelihood.model import _openmp_threads

    def openmp() -> set[int]:
        # scikit-learn's own OpenMP runtime (its wheel's libgomp): the kernel's Numba pool, which an earlier test of the
        # same process may have started, is another runtime with threads of its own
        return {
            lib["num_threads"]
            for lib in threadpool_info()
            if lib["user_api"] == "openmp" and "scikit_learn" in lib["filepath"]
        }

    assert openmp()
    with _openmp_threads():
        assert openmp() == {1}  # the default
    monkeypatch.setenv("POLICYREACH_LIKELIHOOD_THREADS", "2")
    with _openmp_threads():
        assert openmp() == {2}
