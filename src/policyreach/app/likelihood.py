"""The learned likelihood in the running platform (issue 21, item 3): trained on the platform's own population
frame (after the lists in force, never anything the platform would not know), stored beside the database, announced
to every process through ``platform_state`` like a library version, and asked for one entity's likely pairs.

The model file is a pickle the platform itself wrote into its data directory (scikit-learn's own persistence);
nothing from outside is ever unpickled: the path is a setting, not a request parameter.
"""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl
from sqlalchemy.orm import Session

from policyreach import settings
from policyreach.clock import local
from policyreach.engine.batch import match_population
from policyreach.likelihood import LikelihoodModel, ModelInfo, importances, score, train
from policyreach.likelihood.model import ModelKey
from policyreach.reports.matching import feature_label
from policyreach.rules.library import CompiledLibrary
from policyreach.rules.schema import Schema
from policyreach.store.models import PlatformState

LIKELIHOOD_VERSION = "likelihood_version"


def train_and_store(session: Session, frame: pl.DataFrame, compiled: CompiledLibrary) -> LikelihoodModel:
    """Train on ``frame`` (the platform's closed population), write the model file, announce its version.

    The file is replaced atomically, so a process loading it meanwhile reads the old model or the new one."""
    model = train(frame, compiled, max_rows=settings.likelihood_max_rows())
    path = settings.likelihood_model_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    with partial.open("wb") as out:
        pickle.dump(model, out, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(partial, path)
    session.merge(PlatformState(key=LIKELIHOOD_VERSION, value=model.info.version))
    session.flush()
    return model


def load(path: Path, version: str) -> LikelihoodModel | None:
    """The stored model if it is the announced ``version`` (else None: trained elsewhere, or not yet)."""
    if not path.is_file():
        return None
    with path.open("rb") as file:
        model = pickle.load(file)
    return model if isinstance(model, LikelihoodModel) and model.info.version == version else None


def chances(model: LikelihoodModel, frame: pl.DataFrame, compiled: CompiledLibrary) -> dict[str, float]:
    """benefit id → probability of each likely pair of the entities in ``frame`` (one entity: the portal's pages)."""
    result = match_population(compiled, frame)
    # the learned part only: an eligible pair's probability is 1 by definition, not an estimate to show
    pairs = score(model, frame, result)
    ids = [b.id for b in compiled.benefits]
    return {ids[b]: float(p) for b, p in zip(pairs["benefit_idx"], pairs["probability"], strict=True)}


def described(info: ModelInfo) -> str:
    """The model as an officer reads it: version, when trained (Beijing time), rows used."""
    return f"{info.version}（{local(info.trained_at):%Y-%m-%d %H:%M} 训练，{info.rows} 行样本）"


def provenance(model: LikelihoodModel | None, schema: Schema) -> dict[str, object] | None:
    """What a report or an evidence snapshot keeps about the model behind a probability: its version, training time,
    inputs (also in Chinese) and rows used; None without a model."""
    if model is None:
        return None
    out = model.info.as_dict()
    labels = {name: attr.label for name, attr in schema.attributes.items()}
    out["features_zh"] = [feature_label(name, labels) for name in model.info.features]
    return out


# -- the console's view of the model (nothing is a black box to the officer) ------------------------------------


@dataclass(frozen=True)
class ModelRow:
    """One of the model's condition models as the console lists it."""

    index: int  # position in the model's table: the console page's ?m=
    benefit: str  # the benefit's title, or "（通用）" for a per-condition fallback model
    conditions: str  # the conditions it answers for, by their labels
    rows: int  # training rows used
    positives: int
    learned: bool  # a calibrated boosted model (else the share met among its rows)
    holdout: int  # held-out rows kept for the figures below (0: none)
    auc: float | None  # ROC AUC on the held-out rows (None: no such rows, or one class only)
    brier: float | None


def _labels(compiled: CompiledLibrary) -> dict[object, str]:
    """Each bound condition of the library as a person reads it (its label, else its expression)."""
    out: dict[object, str] = {}
    for benefit in compiled.benefits:
        for cid, cond in zip(benefit.condition_ids, benefit.checked.conditions, strict=False):
            out.setdefault(compiled.conditions[cid], cond.spec.label or cond.spec.expr)
    return out


def overview(model: LikelihoodModel, compiled: CompiledLibrary) -> list[ModelRow]:
    """Every condition model with its rows and, where held-out rows were kept, its AUC and Brier score on them."""
    from sklearn.metrics import brier_score_loss, roc_auc_score

    labels = _labels(compiled)
    titles = {b.id: b.spec.title for b in compiled.benefits}
    rows = []
    for index, ((benefit_id, nodes), cond) in enumerate(model.conditions.items()):
        auc = brier = None
        held = 0
        if cond.holdout is not None:
            x, y = cond.holdout
            held = int(y.size)
            p = cond.estimator.probability(x)
            brier = float(brier_score_loss(y, p))
            if 0 < int(y.sum()) < y.size:
                auc = float(roc_auc_score(y, p))
        names = sorted(labels.get(node, "（已不在政策库中的条件）") for node in nodes)
        rows.append(
            ModelRow(
                index,
                titles.get(benefit_id, benefit_id) if benefit_id else "（通用：单个条件）",
                "；".join(names),
                cond.rows,
                cond.positives,
                cond.holdout is not None,
                held,
                auc,
                brier,
            )
        )
    return rows


_IMPORTANCE_CACHE: dict[tuple[str, int], list[tuple[str, float]]] = {}


def feature_importances(model: LikelihoodModel, index: int, schema: Schema) -> list[tuple[str, float]]:
    """Permutation importance (rise in Brier score on the held-out rows) of one condition model's features, in
    Chinese, largest first; kept per model version, since a model file never changes under its version."""
    cache_key = (model.info.version, index)
    if cache_key not in _IMPORTANCE_CACHE:
        key: ModelKey = list(model.conditions)[index]
        labels = {name: attr.label for name, attr in schema.attributes.items()}
        found = importances(model, key, repeats=3)
        _IMPORTANCE_CACHE[cache_key] = [(feature_label(name, labels), float(np.round(v, 6))) for name, v in found]
        if len(_IMPORTANCE_CACHE) > 256:  # old versions' entries: a bounded cache
            _IMPORTANCE_CACHE.pop(next(iter(_IMPORTANCE_CACHE)))
    return _IMPORTANCE_CACHE[cache_key]
