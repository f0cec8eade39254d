"""Learned likelihood: how probable it is that a "likely" pair's unknown conditions hold (issue 21, item 3).

A pair is *likely* when none of its conditions is unmet and some are unknown. Models learn only
from the platform's **own** observed frame, exactly as received: registry values,
self-declarations (with their errors) and known nones; never a generator's truth, which
:func:`train` has no way to receive (docs/ARCHITECTURE.md, "Likelihood").

- For each benefit and each set of its conditions that is unknown together in some likely pair,
  one model learns P(all of the set hold | the benefit's other conditions hold, features) from
  the entities that have the benefit decided with its other conditions met.
- For each condition unknown anywhere, one model learns P(it holds | features) from every entity
  that has it decided: the fallback where the joint model has too few entities, a pair then
  taking the *product* of its conditions' probabilities, which assumes them independent given
  the features (wrong for one figure in two years, or a loan and its interest; hence the joint
  models first).

Features are what the platform holds of the entity (``likelihood.features``) except the ones
missing far more often where a model is asked than where it learns, plus whether the
conditions' inputs came from a registry (the asked rows have none from one). Two methods:

- ``boosting``: scikit-learn's histogram gradient boosting (NaN-aware, categorical industry,
  district and size class), calibrated by isotonic regression on a held-out quarter of the
  sample (sigmoid when that quarter is small);
- ``base_rate``: the share met among the same entities by industry section and size class,
  shrunk toward the overall share (the comparator the benchmark reports).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Literal, Protocol

import numpy as np
import polars as pl

from policyreach import settings
from policyreach.engine import bitmaps
from policyreach.engine.batch import BatchResult, match_population
from policyreach.likelihood.features import SECTION, FeatureSpec, fit_spec, matrix, prepared
from policyreach.rules.ir import Node, cols_of
from policyreach.rules.library import CompiledLibrary

if TYPE_CHECKING:
    from sklearn.calibration import CalibratedClassifierCV
    from threadpoolctl import ThreadpoolController

Method = Literal["boosting", "base_rate"]
VERSION = "1"
LIKELY = 2
ELIGIBLE = 3
MIN_ROWS = 200  # fewer decided entities than this, or fewer than MIN_CLASS of either outcome: the share itself
MIN_CLASS = 10
MIN_VALUES = 20  # a feature with fewer values than this among a model's fitted rows is left out
SHRINK = 20  # base rate: a cell counts as this many entities of the condition's overall share
NO_DATA = 0.5  # a condition nobody in the city has decided: no opinion either way
# a feature missing this much more often where a model is asked than where it learns is left out
MISSING_SHIFT = 0.3


# Scoring walks every tree for every (entity, unknown condition): a city of a million has about seven
# million of them, so the ensembles are kept small (few, shallow trees) to score within seconds.
BOOSTING: dict[str, object] = {
    "max_iter": 100,
    "learning_rate": 0.15,
    "max_leaf_nodes": 15,
    "min_samples_leaf": 20,
    "l2_regularization": 1.0,
    "early_stopping": True,
    "validation_fraction": 0.15,
    "n_iter_no_change": 10,
}


@dataclass(frozen=True)
class ModelInfo:
    """What a report or evidence snapshot carries about the model behind a probability."""

    version: str
    trained_at: dt.datetime
    features: tuple[str, ...]
    rows: int  # training rows used, summed over the conditions' models
    method: str = "boosting"
    conditions: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, object]:
        out = asdict(self)
        out["trained_at"] = self.trained_at.isoformat(timespec="seconds")
        out["features"] = list(self.features)
        return out


# What a model answers for: (benefit id, conditions unknown together in its likely pairs), or
# (None, one condition) for the per-condition fallback.
ModelKey = tuple[str | None, frozenset[Node]]


class _Estimator(Protocol):
    def probability(self, x: np.ndarray) -> np.ndarray: ...


@dataclass
class _Constant:
    share: float

    def probability(self, x: np.ndarray) -> np.ndarray:
        return np.full(x.shape[0], self.share)


@dataclass
class _Boosted:
    calibrated: CalibratedClassifierCV

    def probability(self, x: np.ndarray) -> np.ndarray:
        with _openmp_threads():
            return np.asarray(self.calibrated.predict_proba(x)[:, 1], dtype=np.float64)


@functools.cache
def _threadpools() -> ThreadpoolController:
    """The loaded thread pools, found once (0.8 ms a call otherwise: a firm's page asks several models); first asked
    for after scikit-learn has loaded its OpenMP library."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def _openmp_threads() -> contextlib.AbstractContextManager[object]:
    """scikit-learn's trees on settings.likelihood_threads() OpenMP threads (one by default), for one fit or one
    prediction."""
    return _threadpools().limit(limits=settings.likelihood_threads(), user_api="openmp")


@dataclass
class _Cells:
    """Share met per (industry section, size class) cell; columns 0 and 1 of its input."""

    rates: dict[tuple[float, float], float]
    overall: float

    def probability(self, x: np.ndarray) -> np.ndarray:
        keys = np.nan_to_num(x[:, :2], nan=-9.0)
        return np.array([self.rates.get((float(a), float(b)), self.overall) for a, b in keys])


@dataclass
class ConditionModel:
    """The model of one condition: the feature columns it reads and its estimator."""

    nodes: frozenset[Node]  # the conditions it answers for together (one, or a set unknown together)
    columns: tuple[int, ...]  # positions in the feature matrix
    provenance: tuple[str, ...]  # the condition's input columns: "all verified" is one more feature
    estimator: _Estimator
    rows: int
    positives: int
    holdout: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False)  # for importances

    def inputs(self, features: np.ndarray, verified: np.ndarray) -> np.ndarray:
        return np.column_stack([features[:, list(self.columns)], verified.astype(np.float32)])


@dataclass
class LikelihoodModel:
    info: ModelInfo
    spec: FeatureSpec
    as_of: dt.date
    conditions: dict[ModelKey, ConditionModel]

    def feature_names(self, model: ConditionModel) -> list[str]:
        return [self.spec.names[j] for j in model.columns] + ["inputs_verified"]


# -- training ------------------------------------------------------------------------------------

# A model answers for a set of conditions unknown together in the likely pairs of one benefit
# (benefit id, condition ids), or for one condition in any benefit (None, (cid,)): the fallback.
Key = tuple[int | None, tuple[int, ...]]


@dataclass
class _Likely:
    """The likely pairs of a match, each with its benefit's set of unknown conditions."""

    pairs: pl.DataFrame  # entity_idx, benefit_idx
    keys: list[Key]  # distinct (benefit, unknown set)
    key_of: np.ndarray  # per pair: position in ``keys``

    def entities(self, key: int) -> np.ndarray:
        return np.unique(self.pairs["entity_idx"].to_numpy()[self.key_of == key])


def likely_sets(result: BatchResult) -> _Likely:
    """The likely pairs of ``result`` and, for each, which of its conditions are unknown."""
    likely = result.pairs.filter(pl.col("status") == LIKELY).select("entity_idx", "benefit_idx")
    e_idx = likely["entity_idx"].to_numpy()
    b_idx = likely["benefit_idx"].to_numpy()
    key_of = np.zeros(likely.height, dtype=np.int64)
    keys: dict[Key, int] = {}
    for benefit in result.compiled.benefits:
        rows = np.flatnonzero(b_idx == benefit.index)
        if rows.size == 0:
            continue
        cids = sorted(set(benefit.condition_ids))
        unknown = np.column_stack(
            [~bitmaps.gather(result.condition_known[cid], e_idx[rows]).astype(bool) for cid in cids]
        )
        patterns, inverse = np.unique(unknown, axis=0, return_inverse=True)
        for p, pattern in enumerate(patterns):
            key = (benefit.index, tuple(cid for cid, u in zip(cids, pattern, strict=True) if u))
            key_of[rows[inverse.reshape(-1) == p]] = keys.setdefault(key, len(keys))
    return _Likely(likely, list(keys), key_of)


def train(
    observed: pl.DataFrame,
    compiled: CompiledLibrary,
    *,
    method: Method = "boosting",
    max_rows: int = 10_000,
    seed: int = 0,
    now: dt.datetime | None = None,
) -> LikelihoodModel:
    """Models for what stays unknown in the likely pairs of ``observed``.

    ``observed`` is the platform's own frame (after its registry imports); nothing else about the
    entities is accepted. For each benefit and each set of its conditions that is unknown together
    in some likely pair, a model learns P(all of the set hold | the benefit's other conditions hold,
    features) from the entities that have the benefit decided and its other conditions met: the
    other conditions select the firms (a 小微 firm's payroll grows less often than the city's), and
    conditions on one figure in two years or on a loan and its interest are far from independent
    (a product of separate probabilities says "1 in 5" where the truth is "1 in 25"). Where too
    few entities have that, the pair falls back on the product of one model per condition
    (independence given the features). At most ``max_rows`` entities per model (a uniform
    sample) keep the nightly job within its time.
    """
    started = time.perf_counter()
    frame = prepared(observed, compiled)
    result = match_population(compiled, observed)
    spec = fit_spec(frame)
    features = matrix(frame, spec, compiled.as_of)
    kinds = frame["kind"].to_numpy()
    n = frame.height
    rng = np.random.Generator(np.random.PCG64(seed))
    likely = likely_sets(result)
    known = {cid: _bools(bits, n) for cid, bits in enumerate(result.condition_known)}
    true = {cid: _bools(bits, n) for cid, bits in enumerate(result.condition_true)}
    models: dict[ModelKey, ConditionModel] = {}
    singles = sorted({cid for _, cids in likely.keys for cid in cids})
    for cid in singles:
        subjects = {k for b in compiled.benefits if cid in b.condition_ids for k in b.kinds}
        rows = np.flatnonzero(known[cid] & np.isin(kinds, list(subjects)))
        asked = np.unique(
            np.concatenate([likely.entities(k) for k, (_, cids) in enumerate(likely.keys) if cid in cids])
        )
        nodes = frozenset({compiled.conditions[cid]})
        sample = _sample(rows, max_rows, rng)
        models[(None, nodes)] = _fit(nodes, spec, frame, features, sample, true[cid][sample], asked, method, seed)
    for k, (benefit_idx, cids) in enumerate(likely.keys):
        benefit = compiled.benefits[benefit_idx or 0]
        decided = np.isin(kinds, list(benefit.kinds))
        label = np.ones(n, dtype=bool)
        for cid in set(benefit.condition_ids):
            decided &= known[cid] if cid in cids else known[cid] & true[cid]
            if cid in cids:
                label &= true[cid]
        rows = np.flatnonzero(decided)
        if rows.size < MIN_ROWS:
            continue  # too few entities like these: the pair falls back on the product
        nodes = frozenset(compiled.conditions[cid] for cid in cids)
        sample = _sample(rows, max_rows, rng)
        fitted = _fit(nodes, spec, frame, features, sample, label[sample], likely.entities(k), method, seed)
        models[(benefit.id, nodes)] = fitted
    trained_at = now or dt.datetime.now(dt.UTC)
    rows_used = sum(m.rows for m in models.values())
    digest = hashlib.sha256(
        "|".join(
            [
                method,
                *sorted(compiled.library.versions.values()),
                *spec.names,
                str(max_rows),
                str(seed),
                trained_at.isoformat(),
            ]
        ).encode()
    ).hexdigest()[:12]
    info = ModelInfo(
        version=f"likelihood-{VERSION}/{method}/{digest}",
        trained_at=trained_at,
        features=spec.names,
        rows=rows_used,
        method=method,
        conditions=len(models),
        seconds=round(time.perf_counter() - started, 2),
    )
    return LikelihoodModel(info, spec, compiled.as_of, models)


def _sample(rows: np.ndarray, max_rows: int, rng: np.random.Generator) -> np.ndarray:
    return np.sort(rng.choice(rows, max_rows, replace=False)) if rows.size > max_rows else rows


def _bools(bits: np.ndarray, n: int) -> np.ndarray:
    return np.unpackbits(bits.view(np.uint8), bitorder="little")[:n].astype(bool)


def _own_attributes(nodes: Iterable[Node]) -> tuple[set[str], tuple[str, ...]]:
    """The attributes conditions read (builtins through what they derive from) and their stored columns."""
    attrs: set[str] = set()
    stored: list[str] = []
    for col in (c for node in nodes for c in cols_of(node)):
        if col.builtin:
            attrs.add(col.column)
            for dep in col.deps:
                base, _, year = dep.rpartition("_")
                attrs.add(base if year.isdigit() else dep)
                stored.append(dep)
        else:
            attrs.add(col.attr or col.column)
            stored.append(col.column)
    return attrs, tuple(dict.fromkeys(stored))


def _columns_for(
    spec: FeatureSpec, nodes: Iterable[Node], learn: np.ndarray, ask: np.ndarray
) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """The features a model may read: those about as often known where it is asked as where it learns.

    The entities a model learns from have the condition decided, those it is asked about do not:
    a figure the condition reads (or one that travels with it, such as the other years of a
    declaration) is known in the first and missing in the second. Trees send a missing value down
    whichever branch the training rows taught them, so such a feature would answer for the asked
    rows from rows unlike them; it is left out. A feature known in both (the revenue beside an
    unknown R&D expense) stays. ``learn`` and ``ask`` are the two groups' feature rows.
    """
    _, stored = _own_attributes(nodes)
    missing_learn = np.isnan(learn).mean(axis=0) if learn.shape[0] else np.ones(learn.shape[1])
    missing_ask = np.isnan(ask).mean(axis=0) if ask.shape[0] else np.zeros(ask.shape[1])
    keep = [
        j
        for j in range(len(spec.names))
        # a feature no training row has a value for teaches nothing (and the binner refuses it)
        if missing_learn[j] < 1.0 and missing_ask[j] - missing_learn[j] <= MISSING_SHIFT
    ]
    return tuple(keep), stored


def verified_of(frame: pl.DataFrame, stored: Iterable[str]) -> np.ndarray:
    """Whether every one of ``stored`` columns came from a registry, per row of a prepared frame."""
    out = np.ones(frame.height, dtype=bool)
    for column in stored:
        flag = f"{column}__verified"
        out &= frame[flag].fill_null(False).to_numpy() if flag in frame.columns else False
    return out


def _fit(
    nodes: frozenset[Node],
    spec: FeatureSpec,
    frame: pl.DataFrame,
    features: np.ndarray,
    rows: np.ndarray,
    labels: np.ndarray,
    asked: np.ndarray,
    method: Method,
    seed: int,
) -> ConditionModel:
    columns, stored = _columns_for(spec, nodes, features[rows], features[asked])
    positives = int(labels.sum())
    share = (positives + 1) / (labels.size + 2)  # Laplace: never exactly 0 or 1 from a handful of rows
    base = ConditionModel(nodes, columns, stored, _Constant(share), int(labels.size), positives)
    if labels.size < MIN_ROWS or min(positives, labels.size - positives) < MIN_CLASS:
        return base
    if method == "base_rate":
        return _fit_cells(base, spec, features[rows], labels)
    x = base.inputs(features[rows], verified_of(frame[rows], stored))
    rng = np.random.Generator(np.random.PCG64(seed + 1))
    holdout = rng.random(labels.size) < 0.25  # calibration and importances: rows the trees never saw
    if min(labels[holdout].sum(), (~labels[holdout]).sum()) < 3 or holdout.all():
        return base
    # A feature the fitted rows (almost) never have a value for teaches nothing, and the binner refuses one
    # with no value in the part the trees fit after early stopping has set its validation rows aside.
    usable = np.isfinite(x[~holdout]).sum(axis=0) >= MIN_VALUES
    usable[-1] = True  # inputs_verified: always a value
    columns = tuple(j for j, ok in zip(columns, usable[:-1], strict=True) if ok)
    base.columns, x = columns, x[:, usable]
    names = [spec.names[j] for j in columns]
    categorical = np.array([n in spec.categorical for n in names] + [False])
    # scikit-learn is imported where a model is fitted: every command and page that only reads a model starts faster
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.frozen import FrozenEstimator

    boosted = HistGradientBoostingClassifier(categorical_features=categorical, random_state=seed, **BOOSTING)
    calibration = "isotonic" if holdout.sum() >= 1000 else "sigmoid"
    # The frozen trees are not refitted; the folds only spread the calibrator's fit (fewer for a rare class).
    folds = int(min(5, labels[holdout].sum(), (~labels[holdout]).sum()))
    calibrated = CalibratedClassifierCV(FrozenEstimator(boosted), method=calibration, cv=folds)
    with _openmp_threads():
        boosted.fit(x[~holdout], labels[~holdout])
        calibrated.fit(x[holdout], labels[holdout])
    keep = np.flatnonzero(holdout)[:2000]
    base.estimator = _Boosted(calibrated)
    base.holdout = (x[keep], labels[keep])
    return base


def _fit_cells(base: ConditionModel, spec: FeatureSpec, features: np.ndarray, labels: np.ndarray) -> ConditionModel:
    names = list(spec.names)
    size = next((n for n in names if n.startswith("size_class")), None)
    cells = [names.index(SECTION) if SECTION in names else None, names.index(size) if size else None]
    keys = np.column_stack([features[:, j] if j is not None else np.full(labels.size, np.nan) for j in cells])
    keys = np.nan_to_num(keys, nan=-9.0)
    overall = float(labels.mean())
    table = (
        pl.DataFrame({"a": keys[:, 0], "b": keys[:, 1], "y": labels})
        .group_by("a", "b")
        .agg(pl.col("y").sum().alias("p"), pl.len().alias("n"))
    )
    rates = {(float(a), float(b)): (p + SHRINK * overall) / (n + SHRINK) for a, b, p, n in table.iter_rows()}
    base.columns = tuple(j if j is not None else 0 for j in cells)
    base.estimator = _Cells(rates, overall)
    return base


# -- scoring -------------------------------------------------------------------------------------


def score(model: LikelihoodModel, observed: pl.DataFrame, result: BatchResult) -> pl.DataFrame:
    """Probability that each likely pair of ``result`` is eligible: entity_idx, benefit_idx, probability.

    ``result`` is the match of ``observed``. A pair whose unknown conditions have a joint model
    takes its probability; otherwise the product of its conditions' own (independence given the
    features, the fallback). Each (entity, model) is predicted once, however many benefits share it.
    """
    compiled = result.compiled
    likely = likely_sets(result)
    e_idx = likely.pairs["entity_idx"].to_numpy()
    entities = np.unique(e_idx)
    frame = prepared(observed[pl.Series(entities.astype(np.int64))], compiled)
    features = matrix(frame, model.spec, model.as_of)
    position = np.searchsorted(entities, e_idx)
    log_p = np.zeros(likely.pairs.height)

    def predict(cond: ConditionModel, at: np.ndarray) -> np.ndarray:
        sub = features[at]
        if isinstance(cond.estimator, _Boosted):
            return cond.estimator.probability(cond.inputs(sub, verified_of(frame, cond.provenance)[at]))
        return cond.estimator.probability(sub[:, list(cond.columns)])

    plan: dict[ModelKey, list[np.ndarray]] = {}  # model -> the pair rows it answers
    for k, (benefit_idx, cids) in enumerate(likely.keys):
        rows = np.flatnonzero(likely.key_of == k)
        joint: ModelKey = (compiled.benefits[benefit_idx or 0].id, frozenset(compiled.conditions[c] for c in cids))
        parts = [joint] if joint in model.conditions else [(None, frozenset({compiled.conditions[c]})) for c in cids]
        for part in parts:
            plan.setdefault(part, []).append(rows)
    for part, chunks in plan.items():
        rows = np.concatenate(chunks)
        cond = model.conditions.get(part)
        if cond is None:
            log_p[rows] += np.log(NO_DATA)
            continue
        at, inverse = np.unique(position[rows], return_inverse=True)
        log_p[rows] += np.log(np.clip(predict(cond, at)[inverse], 1e-12, 1.0))
    return likely.pairs.with_columns(pl.Series("probability", np.exp(log_p), dtype=pl.Float64))


def condition_chances(
    model: LikelihoodModel, observed: pl.DataFrame, compiled: CompiledLibrary, cids: Iterable[int]
) -> dict[int, float]:
    """Probability that each condition of ``cids`` (the library's pool) holds for the one entity of ``observed``,
    from its own per-condition model (the next question weighs unknown conditions by it); a condition without a
    model is left out, for the caller's base rate."""
    frame = prepared(observed.head(1), compiled)
    features = matrix(frame, model.spec, model.as_of)
    out: dict[int, float] = {}
    for cid in cids:
        cond = model.conditions.get((None, frozenset({compiled.conditions[cid]})))
        if cond is None:
            continue
        if isinstance(cond.estimator, _Boosted):
            p = cond.estimator.probability(cond.inputs(features, verified_of(frame, cond.provenance)))
        else:
            p = cond.estimator.probability(features[:, list(cond.columns)])
        out[cid] = float(p[0])
    return out


def probabilities(model: LikelihoodModel, observed: pl.DataFrame, result: BatchResult) -> pl.DataFrame:
    """Every kept pair of ``result`` with its probability: 1 for eligible, learned for likely, null otherwise."""
    likely = score(model, observed, result)
    return result.pairs.join(likely, on=["entity_idx", "benefit_idx"], how="left").with_columns(
        pl.when(pl.col("status") == ELIGIBLE).then(pl.lit(1.0)).otherwise(pl.col("probability")).alias("probability")
    )


# -- use -----------------------------------------------------------------------------------------


def push_mask(status: np.ndarray, probability: np.ndarray, threshold: Decimal) -> np.ndarray:
    """Who is told to apply: eligible pairs, and likely pairs at least ``threshold`` probable."""
    # The threshold is exact in the setting and the reports; it meets a probability, itself a float estimate.
    return (status == ELIGIBLE) | ((status == LIKELY) & (np.nan_to_num(probability, nan=0.0) >= float(threshold)))


def expected_value(probability: float, amount: Decimal) -> Decimal:
    """Probability × amount, in the amount's unit, exact to the fen (halves up): the ranking key."""
    p = Decimal(repr(float(probability))).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)
    return (p * amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def expected_values(pairs: pl.DataFrame, amount: str = "amount", probability: str = "probability") -> pl.Series:
    """Vectorised :func:`expected_value` for fixed-point amounts (Int64 × 10**6, as ``BatchResult.pairs``).

    The probability is taken to six places (parts per million) and the product is done in integers,
    halves up, so ranking by it never puts a float on money.
    """
    ppm = (pl.col(probability).fill_null(0.0) * 10**6).round(0).cast(pl.Int128)
    product = pl.col(amount).cast(pl.Int128) * ppm
    return pairs.select(((product + 500_000) // 10**6).cast(pl.Int64).alias("expected_value")).to_series()


def importances(model: LikelihoodModel, key: ModelKey, *, repeats: int = 5, seed: int = 0) -> list[tuple[str, float]]:
    """Permutation importance (rise in Brier score) of each feature of one model, largest first."""
    cond = model.conditions[key]
    if not isinstance(cond.estimator, _Boosted) or cond.holdout is None:
        return []
    x, y = cond.holdout
    from sklearn.inspection import permutation_importance

    with _openmp_threads():
        found = permutation_importance(
            cond.estimator.calibrated, x, y, scoring="neg_brier_score", n_repeats=repeats, random_state=seed
        )
    names = model.feature_names(cond)
    ranked = sorted(zip(names, found.importances_mean, strict=True), key=lambda t: -t[1])
    return [(name, float(value)) for name, value in ranked]
