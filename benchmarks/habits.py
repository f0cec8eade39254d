"""``BENCH=habits``: does learning a firm's habits rank its benefits better than match degree alone?

Generated interaction logs with hidden preferences, drawn from two user models:

- ``leaning`` (the log this benchmark always had): each firm secretly favours one department or one kind of
  benefit; its true relevance of a benefit is the match (eligible 3, likely 2, partial 1) doubled when the benefit
  is of the favoured department or kind, 0 once dismissed. Its views lean 80% towards the preference, sometimes a
  favourite, sometimes a dismissal.
- ``amounts`` (a different user model): each firm cares for the size of the award, not for who pays it; its true
  relevance is the match times (1 + the benefit's amount percentile among the firm's candidates). It views the
  larger awards 70% of the time, sometimes favours one, and dismisses carelessly: half its dismissals set aside a
  benefit it still wants (tidying the list; relevance unchanged), half a small one it does not (relevance 0).

Each log has two periods: the first is what a ranking may read (``Habits``); the second, drawn from the same
hidden relevance (views and favourites in proportion to it), is the *held-out interactions*: a learned ranking
fits on the first → second periods of the training firms (even positions) and every ranking is judged on the
held-out firms (odd positions), against the hidden relevance and against their second-period interactions.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypedDict

import numpy as np
import polars as pl

from benchmarks import common
from benchmarks.simulate import population
from policyreach import settings
from policyreach.engine.entity import record_from_row
from policyreach.engine.match import SingleMatcher
from policyreach.ranking import FEATURES, Candidate, Habits, LearnedWeights, fit, rank
from policyreach.rules.library import compile_library, load_library
from policyreach.rules.policy import BenefitKind
from policyreach.rules.schema import load_schema

AS_OF = dt.date(2026, 6, 1)
MATCH_RELEVANCE = {"eligible": 3.0, "likely": 2.0, "partial": 1.0}
Actions = list[tuple[str, str]]
Catalogue = dict[str, tuple[str, BenefitKind]]  # benefit id -> (department, kind)


class RankingFigures(TypedDict):
    ndcg10_hidden: float
    ndcg10_held_out_interactions: float


class LogFigures(TypedDict):
    """One user model's log: the learned fit and each ranking's NDCG@10."""

    train_firms: int
    held_out_firms: int
    fit_s: float
    weights: dict[str, float]  # by feature
    degree: RankingFigures
    hand_set: RankingFigures
    learned: RankingFigures


class HabitsFigures(TypedDict):
    firms: int
    load_at_start: float
    logs: dict[str, LogFigures]  # by user model
    machine: common.Machine


def ndcg(ranked: list[str], relevance: dict[str, float], k: int = 10) -> float:
    gains = [relevance.get(b, 0.0) for b in ranked[:k]]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sorted(relevance.values(), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


@dataclass
class Firm:
    candidates: list[Candidate]
    log: Actions  # the first period: what a ranking reads
    relevance: dict[str, float]  # hidden
    later: Actions  # the second period: held-out interactions


def _pick(rng: np.random.Generator, pool: list[str]) -> str:
    return pool[int(rng.integers(len(pool)))]


def _leaning(rng: np.random.Generator, candidates: list[Candidate]) -> tuple[Actions, dict[str, float]]:
    """The original model: a hidden department or kind; views leaning 80% towards it (draws as before)."""
    by_department = rng.random() < 0.5
    keys = sorted({c.department if by_department else c.kind for c in candidates})
    favourite = keys[int(rng.integers(len(keys)))]
    preferred = {c.benefit_id for c in candidates if (c.department if by_department else c.kind) == favourite}
    liked = [c.benefit_id for c in candidates if c.benefit_id in preferred]
    other = [c.benefit_id for c in candidates if c.benefit_id not in preferred]
    actions: Actions = []
    for _ in range(int(rng.integers(2, 7))):
        pool = liked if liked and (rng.random() < 0.8 or not other) else other
        actions.append((_pick(rng, pool), "view"))
    if liked and rng.random() < 0.5:
        actions.append((_pick(rng, liked), "favourite"))
    if other and rng.random() < 0.3:
        actions.append((_pick(rng, other), "dismiss"))
    dismissed = {b for b, a in actions if a == "dismiss"}
    relevance = {
        c.benefit_id: MATCH_RELEVANCE[c.status]
        * (2 if c.benefit_id in preferred else 1)
        * (0 if c.benefit_id in dismissed else 1)
        for c in candidates
    }
    return actions, relevance


def _amounts(rng: np.random.Generator, candidates: list[Candidate]) -> tuple[Actions, dict[str, float]]:
    """Firms that want the larger awards, whoever pays them, and dismiss carelessly."""
    order = np.argsort(np.argsort([c.amount for c in candidates], kind="stable"), kind="stable")
    percentile = {c.benefit_id: float(order[i]) / max(len(candidates) - 1, 1) for i, c in enumerate(candidates)}
    large = [c.benefit_id for c in candidates if percentile[c.benefit_id] >= 2 / 3]
    small = [c.benefit_id for c in candidates if percentile[c.benefit_id] < 2 / 3]
    actions: Actions = []
    for _ in range(int(rng.integers(2, 7))):
        pool = large if large and (rng.random() < 0.7 or not small) else small
        actions.append((_pick(rng, pool), "view"))
    if large and rng.random() < 0.4:
        actions.append((_pick(rng, large), "favourite"))
    unwanted: set[str] = set()
    for _ in range(int(rng.integers(0, 3))):
        if rng.random() < 0.5:  # tidying the list: the benefit is still wanted
            actions.append((_pick(rng, [c.benefit_id for c in candidates]), "dismiss"))
        elif small:
            gone = _pick(rng, small)
            unwanted.add(gone)
            actions.append((gone, "dismiss"))
    relevance = {
        c.benefit_id: 0.0 if c.benefit_id in unwanted else MATCH_RELEVANCE[c.status] * (1 + percentile[c.benefit_id])
        for c in candidates
    }
    return actions, relevance


USER_MODELS: dict[str, Callable[[np.random.Generator, list[Candidate]], tuple[Actions, dict[str, float]]]] = {
    "leaning": _leaning,
    "amounts": _amounts,
}
SEED_OFFSET = {"leaning": 0, "amounts": 1}


def _later(rng: np.random.Generator, relevance: dict[str, float]) -> Actions:
    """The second period: views and a favourite drawn in proportion to the hidden relevance."""
    ids = [b for b, r in relevance.items() if r > 0]
    if not ids:
        return []
    weights = np.array([relevance[b] for b in ids])
    p = weights / weights.sum()
    actions: Actions = [(ids[int(i)], "view") for i in rng.choice(len(ids), size=int(rng.integers(2, 7)), p=p)]
    if rng.random() < 0.6:
        p2 = weights**2 / (weights**2).sum()
        actions.append((ids[int(rng.choice(len(ids), p=p2))], "favourite"))
    return actions


def later_relevance(later: Actions) -> dict[str, float]:
    """Held-out interactions as graded relevance: a favourite 2, a view 1."""
    grade: dict[str, float] = {}
    for benefit_id, action in later:
        grade[benefit_id] = max(grade.get(benefit_id, 0.0), 2.0 if action == "favourite" else 1.0)
    return grade


def firms(model: str, count: int, seed: int) -> tuple[list[Firm], Catalogue]:
    """``count`` generated firms (at least 12 candidates each) with their logs under user ``model``."""
    rng = np.random.default_rng(seed + SEED_OFFSET[model])
    later_rng = np.random.default_rng([seed, 0x4AB1, SEED_OFFSET[model]])  # apart: the first period draws as before
    schema = load_schema(settings.schema_path())
    compiled = compile_library(load_library([settings.library_path()], schema), AS_OF)
    matcher = SingleMatcher(compiled)
    catalogue = {b.id: (b.spec.department, b.spec.kind) for b in compiled.benefits}
    frame = pl.read_parquet(population(100_000)).filter(pl.col("kind") == "enterprise").head(count * 2)
    out: list[Firm] = []
    for row in frame.iter_rows(named=True):
        matches = matcher.match(record_from_row(row, schema))
        if len(matches) < 12 or len(out) >= count:
            continue
        candidates = [
            Candidate(m.benefit_id, m.status, m.degree, float(m.amount or 0), *catalogue[m.benefit_id]) for m in matches
        ]
        log, relevance = USER_MODELS[model](rng, candidates)
        out.append(Firm(candidates, log, relevance, _later(later_rng, relevance)))
    return out, catalogue


Ranker = Callable[[Firm], list[Candidate]]


def evaluate(held_out: list[Firm], ranker: Ranker) -> tuple[float, float]:
    """Mean NDCG@10 against the hidden relevance and against the held-out interactions."""
    hidden, later = [], []
    for firm in held_out:
        order = [c.benefit_id for c in ranker(firm)]
        hidden.append(ndcg(order, firm.relevance))
        later.append(ndcg(order, later_relevance(firm.later)))
    return float(np.mean(hidden)), float(np.mean(later))


def learned(catalogue: Catalogue, train: list[Firm]) -> LearnedWeights:
    """The platform's fit (``ranking.fit``) on the training firms: first period → second period."""
    weights = fit(
        ((f.candidates, Habits.from_actions(f.log, catalogue), f.later) for f in train),
        source="benchmarks/habits.py",
    )
    assert weights is not None, "too few training firms acted on anything later"
    return weights


def rankers(catalogue: Catalogue, weights: LearnedWeights) -> dict[str, Ranker]:
    return {
        "degree": lambda f: rank(f.candidates),
        "hand_set": lambda f: rank(f.candidates, Habits.from_actions(f.log, catalogue)),
        "learned": lambda f: rank(f.candidates, Habits.from_actions(f.log, catalogue), weights),
    }


LABELS = {
    "degree": "by match (status, degree, amount)",
    "hand_set": "hand-set habit weights (`ranking.py`)",
    "learned": "learned weights (`ranking.fit`, logistic)",
}


def run() -> HabitsFigures:
    count = common.env_int("BENCH_HABITS_FIRMS", 1500)
    seed = common.env_int("BENCH_SEED", 42)
    load = os.getloadavg()[0]
    logs: dict[str, LogFigures] = {}
    rows, fits = [], []
    for model in USER_MODELS:
        generated, catalogue = firms(model, count, seed)
        train, held_out = generated[0::2], generated[1::2]
        started = time.perf_counter()
        weights = learned(catalogue, train)
        fit_s = time.perf_counter() - started
        scores: dict[str, RankingFigures] = {}
        fits.append(
            f"| {model} | {weights.rows:,} ({weights.firms:,} firms) | {fit_s:.2f} s | "
            + ", ".join(f"{n} {c:+.2f}" for n, c in zip(FEATURES, weights.coefficients, strict=True))
            + " |"
        )
        for name, ranker in rankers(catalogue, weights).items():
            hidden, later = evaluate(held_out, ranker)
            scores[name] = {"ndcg10_hidden": round(hidden, 4), "ndcg10_held_out_interactions": round(later, 4)}
            rows.append(f"| {model} | {LABELS[name]} | {hidden:.4f} | {later:.4f} |")
            print(f"habits [{model}] {name}: NDCG@10 hidden {hidden:.4f}, held-out interactions {later:.4f}")
        logs[model] = {
            "train_firms": len(train),
            "held_out_firms": len(held_out),
            "fit_s": round(fit_s, 2),
            "weights": dict(zip(FEATURES, (round(c, 3) for c in weights.coefficients), strict=True)),
            "degree": scores["degree"],
            "hand_set": scores["hand_set"],
            "learned": scores["learned"],
        }
    figures: HabitsFigures = {
        "firms": count,
        "load_at_start": round(load, 2),
        "logs": logs,
        "machine": common.machine(),
    }
    common.merge_results("habits", figures)
    table, fitted = "\n".join(rows), "\n".join(fits)
    common.write_section(
        "habits",
        f"""## Ranking with users' habits (`BENCH=habits`)

{count:,} generated firms per log, each with at least 12 candidate benefits, under two user models
(`benchmarks/habits.py`). `leaning`: each firm secretly favours one department or one kind of benefit (views 80%
towards it, sometimes a favourite, sometimes a dismissal; relevance: eligible 3 / likely 2 / partial 1, doubled for
the favoured department or kind, 0 once dismissed). `amounts`: each firm wants the larger awards whoever pays them
(relevance × (1 + amount percentile)), views the larger ones 70% of the time and dismisses carelessly (half its
dismissals set aside a benefit it still wants). Each log has a first period (what a ranking reads) and a second,
held-out period (views and favourites in proportion to the hidden relevance). Rankings are judged on the held-out
half of the firms (odd positions), against the hidden relevance and against their held-out interactions
(favourite 2, view 1). Load at start {load:.2f} on {common.machine()["cores"]} cores.

| log | ranking | NDCG@10 (hidden relevance) | NDCG@10 (held-out interactions) |
| --- | --- | --- | --- |
{table}

The learned ranking is the platform's own fit (`policyreach.ranking.fit`: logistic regression of "acted on it in
the later period" — a favourite weighs twice a view — on the hand-set score's terms plus the firm's views of the
benefit and its amount's place among the firm's candidates), fitted on the training half's first → second periods
only. The degree-only and hand-set rows of both logs were recorded in the commit that added the second log, before
the learned ranker existed (`git log benchmarks/habits.py`). Fitted coefficients (features scaled to about 0–1):

| log | rows fitted | fit time | coefficients |
| --- | --- | --- | --- |
{fitted}
""",
    )
    return figures
