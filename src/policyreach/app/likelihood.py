"""The learned likelihood in the running platform (issue 21, item 3): trained on the platform's own population
frame (after the lists in force, never anything the platform would not know), stored beside the database, announced
to every process through ``platform_state`` like a library version, and asked for one entity's likely pairs.

The model file is a pickle the platform itself wrote into its data directory (scikit-learn's own persistence);
nothing from outside is ever unpickled: the path is a setting, not a request parameter.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import polars as pl
from sqlalchemy.orm import Session

from policyreach import settings
from policyreach.clock import local
from policyreach.engine.batch import match_population
from policyreach.likelihood import LikelihoodModel, ModelInfo, score, train
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
