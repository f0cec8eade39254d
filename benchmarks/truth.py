"""``BENCH=truth``: the match judged against a true city (issue 21, "Match truth").

A generated city with every attribute known is matched as the truth (every null a known none,
``policyreach.population.truth``); the platform's view of it under the observation model
(default and harsh, see that module) is matched as the platform would. Per benefit kind and
overall: precision and recall of "eligible", the share of "likely" pairs that are truly
eligible, and the push list (eligible + likely pairs: who is told to apply) with its precision,
recall and money (万元; the platform's figure and the truth's).

Figures go under ``truth`` in results.json, one entry per stage (``baseline``: today's matching;
later stages beside it). Settings: ``BENCH_TRUTH_ENTITIES`` (default 100,000), ``BENCH_SEED``,
``BENCH_TRUTH_STAGE`` (the stage the run records, default ``baseline``) and the observation
model's ``POLICYREACH_TRUTH_*`` (the default model; the harsh one is fixed).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Callable
from decimal import Decimal
from typing import NotRequired, TypedDict

import polars as pl

from benchmarks import common
from benchmarks.truth_likelihood import LikelihoodFigures, control, likelihood_figures, score_at_scale
from benchmarks.truth_likelihood import markdown as likelihood_markdown
from policyreach import settings
from policyreach.engine.batch import BatchResult, match_population
from policyreach.imports.registries import close_frame, list_import
from policyreach.likelihood.model import LikelihoodModel
from policyreach.population.truth import HARSH, ObservationModel, Observed, observe, true_city, truth_frame
from policyreach.rules.library import CompiledLibrary, compile_library, load_library
from policyreach.rules.schema import load_schema

AS_OF_YEAR = 2025
AS_OF = dt.date(AS_OF_YEAR, 6, 30)
ELIGIBLE, LIKELY = 3, 2


class KindFigures(TypedDict):
    """The platform's statuses against the truth's, over one benefit kind's pairs or all of them."""

    truly_eligible_pairs: int
    eligible_pairs: int
    eligible_precision: float | None
    eligible_recall: float | None
    likely_pairs: int
    likely_truly_eligible: float | None
    push_pairs: int
    push_precision: float | None
    push_recall: float | None
    push_money_wan: str  # exact
    push_true_money_wan: str
    true_money_wan: str
    money_recall: float | None


class ModelRecord(TypedDict):
    """One observation model's figures in a stage."""

    model: dict[str, object]  # the ObservationModel's fields
    declared_cells: int
    wrong_cells: int
    match_s: float
    by_kind: dict[str, KindFigures]  # "overall", then each benefit kind
    likelihood: NotRequired[LikelihoodFigures]  # the learned stages'


class StageRecord(TypedDict):
    """One stage's run, kept in results.json beside the other stages' last runs."""

    entities: int
    seed: int
    as_of: str
    seconds: float
    load_at_start: float
    machine: common.Machine
    default: ModelRecord
    harsh: ModelRecord


# A stage turns what the platform received into the frame it matches (today: as received).
Stage = Callable[[Observed, CompiledLibrary], pl.DataFrame]


def _today(observed: Observed, compiled: CompiledLibrary) -> pl.DataFrame:
    return observed.frame


def _closed(observed: Observed, compiled: CompiledLibrary) -> pl.DataFrame:
    """Issue 21 item 1: every complete list the platform received closes the world for its attributes."""
    schema = compiled.schema
    imports = [
        list_import(schema, name, AS_OF, f"truth-{name}")
        for name, reg in schema.registries.items()
        if all(attr in observed.covered for attr in reg.complete)
    ]
    return close_frame(observed.frame, schema, imports)


# The likelihood stage matches what closed_world matches; what changes is who is pushed (see _likelihood).
STAGES: dict[str, Stage] = {"baseline": _today, "closed_world": _closed, "likelihood": _closed}
LEARNED = ("likelihood",)


def _pairs(result: BatchResult, name: str) -> pl.DataFrame:
    return result.pairs.select(
        "entity_idx",
        "benefit_idx",
        pl.col("status").alias(f"{name}_status"),
        pl.col("amount").alias(f"{name}_amount"),
    )


def _money(expr: pl.Expr) -> pl.Expr:
    return (expr.fill_null(0).sum() // 10**4).alias("m")  # 万元 × 10**6 → 万元 × 100 (exact integers)


def measure(
    truth: BatchResult, seen: BatchResult, compiled: CompiledLibrary, pushed: pl.DataFrame | None = None
) -> dict[str, KindFigures]:
    """Per benefit kind and overall, the platform's statuses against the truth's.

    ``pushed`` (entity_idx, benefit_idx, push) overrides who is told to apply; by default every
    eligible and likely pair.
    """
    kinds = pl.DataFrame(
        {
            "benefit_idx": [b.index for b in compiled.benefits],
            "benefit_kind": [b.spec.kind for b in compiled.benefits],
        },
        schema={"benefit_idx": pl.UInt32, "benefit_kind": pl.String},
    )
    joined = (
        _pairs(truth, "t")
        .join(_pairs(seen, "o"), on=["entity_idx", "benefit_idx"], how="full", coalesce=True)
        .join(kinds, on="benefit_idx")
        .with_columns(
            (pl.col("t_status") == ELIGIBLE).fill_null(False).alias("true"),
            (pl.col("o_status") == ELIGIBLE).fill_null(False).alias("elig"),
            (pl.col("o_status") == LIKELY).fill_null(False).alias("likely"),
        )
        .with_columns((pl.col("elig") | pl.col("likely")).alias("push"))
    )
    if pushed is not None:
        joined = (
            joined.drop("push")
            .join(pushed, on=["entity_idx", "benefit_idx"], how="left")
            .with_columns(pl.col("push").fill_null(False))
        )
    out = {"overall": _figures(joined)}
    for frame in sorted(joined.partition_by("benefit_kind", as_dict=False), key=_kind_of):
        out[_kind_of(frame)] = _figures(frame)
    return out


def _kind_of(frame: pl.DataFrame) -> str:
    return str(frame["benefit_kind"][0])


def _ratio(a: int, b: int) -> float | None:
    return None if b == 0 else round(a / b, 4)  # a reported share, not money: a float is fine here


def _figures(frame: pl.DataFrame) -> KindFigures:
    row = frame.select(
        pl.col("true").sum().alias("true"),
        pl.col("elig").sum().alias("elig"),
        (pl.col("elig") & pl.col("true")).sum().alias("elig_true"),
        pl.col("likely").sum().alias("likely"),
        (pl.col("likely") & pl.col("true")).sum().alias("likely_true"),
        pl.col("push").sum().alias("push"),
        (pl.col("push") & pl.col("true")).sum().alias("push_true"),
        _money(pl.when(pl.col("push")).then(pl.col("o_amount"))).alias("push_money"),
        _money(pl.when(pl.col("push") & pl.col("true")).then(pl.col("t_amount"))).alias("push_true_money"),
        _money(pl.when(pl.col("true")).then(pl.col("t_amount"))).alias("true_money"),
    ).row(0, named=True)
    money = {k: str(Decimal(int(row[k])).scaleb(-2)) for k in ("push_money", "push_true_money", "true_money")}
    return {
        "truly_eligible_pairs": row["true"],
        "eligible_pairs": row["elig"],
        "eligible_precision": _ratio(row["elig_true"], row["elig"]),
        "eligible_recall": _ratio(row["elig_true"], row["true"]),
        "likely_pairs": row["likely"],
        "likely_truly_eligible": _ratio(row["likely_true"], row["likely"]),
        "push_pairs": row["push"],
        "push_precision": _ratio(row["push_true"], row["push"]),
        "push_recall": _ratio(row["push_true"], row["true"]),
        "push_money_wan": money["push_money"],
        "push_true_money_wan": money["push_true_money"],
        "true_money_wan": money["true_money"],
        "money_recall": _ratio(int(row["push_true_money"]), int(row["true_money"])),
    }


def run() -> dict[str, StageRecord]:
    entities = common.env_int("BENCH_TRUTH_ENTITIES", 100_000)
    seed = common.env_int("BENCH_SEED", 42)
    stage = os.environ.get("BENCH_TRUTH_STAGE", "baseline")
    if stage not in STAGES:
        raise SystemExit(f"unknown BENCH_TRUTH_STAGE {stage!r}; known: {', '.join(STAGES)}")
    load = os.getloadavg()[0]
    started = time.perf_counter()
    compiled = compile_library(load_library([settings.library_path()], load_schema(settings.schema_path())), AS_OF)
    truth = true_city(entities, seed, AS_OF_YEAR)
    truth_result = match_population(compiled, truth_frame(truth))
    models = {"default": ObservationModel.from_env(), "harsh": HARSH}
    figures: dict[str, ModelRecord] = {}
    trained: dict[str, LikelihoodModel] = {}
    for label, model in models.items():
        observed = observe(truth, model, seed, AS_OF_YEAR)
        match_started = time.perf_counter()
        frame = STAGES[stage](observed, compiled)
        seen = match_population(compiled, frame)
        match_s = round(time.perf_counter() - match_started, 2)
        pushed, learned = None, None
        if stage in LEARNED:
            pushed, learned, trained[label] = likelihood_figures(truth_result, seen, frame, compiled, seed)
        figures[label] = {
            "model": model.__dict__,
            "declared_cells": observed.declared_cells,
            "wrong_cells": observed.wrong_cells,
            "match_s": match_s,
            "by_kind": measure(truth_result, seen, compiled, pushed),
        }
        if learned is not None:
            figures[label]["likelihood"] = learned
        overall = figures[label]["by_kind"]["overall"]
        print(f"truth [{stage}, {label}]: " + json.dumps(overall, ensure_ascii=False), flush=True)
    if stage in LEARNED:
        figures["default"]["likelihood"]["control"] = control(truth, compiled, seed)
        scale = common.env_int("BENCH_TRUTH_SCORE_ENTITIES", 1_000_000)
        if scale:
            figures["default"]["likelihood"]["at_scale"] = score_at_scale(scale, seed, compiled, trained["default"])
    record: StageRecord = {
        "entities": entities,
        "seed": seed,
        "as_of": AS_OF.isoformat(),
        "seconds": round(time.perf_counter() - started, 1),
        "load_at_start": round(load, 2),
        "machine": common.machine(),
        "default": figures["default"],
        "harsh": figures["harsh"],
    }
    previous = _previous()
    previous[stage] = record
    common.merge_results("truth", previous)
    common.write_section("truth", markdown(previous))
    return previous


def _previous() -> dict[str, StageRecord]:
    """The stages' last runs, as results.json keeps them."""
    truth = common.read_results().get("truth")
    if isinstance(truth, dict):
        stages: dict[str, StageRecord] = truth
        return stages
    return {}


WHY_CLOSED = (
    'What stays "likely" now hinges on figures no complete source sends (R&D and employees of firms that do not '
    "file or insure, statistics below 规上, loans); pushing every such pair is what keeps precision low, and the "
    "learned probability as the push threshold (issue 21 item 3) is the change meant to close that gap. "
    "Recall below 1 comes from wrong self-declarations and values the truth itself leaves undecided "
    "(a ratio over a zero revenue)."
)
WHY_LEARNED = (
    "No threshold meets both (see the sweep): from 0.20 to 0.30 precision rises by about eight points and "
    "recall falls by about three, because one block of pairs moves together. It is 中小微企业贷款贴息 "
    "(ccf-loan-interest): some 35,000 likely pairs whose only unknown is whether the firm paid loan interest "
    "in the year. The generator draws "
    "borrowing at random (28% of firms, 85% of those in a given year), independent of everything a registry or "
    "a declaration tells the platform, so the calibrated probability is about 0.23 for every one of them and "
    "about 8,300 truly eligible pairs (2.8% of all truly eligible) cannot be told from the 27,000 others: "
    "pushing them costs nine points of precision, leaving them out three points of recall. The default 0.30 keeps "
    "precision (the 精准 the issue asks for) and stays clear of that block. A second, smaller loss is not the "
    "model's: 小微企业稳岗返还 compares a firm's payroll with the year before, and for firms founded in 2024 the "
    "truth has no 2023 figure (unmet) while the platform sees it as unknown; no firm the model learns from looks "
    "like them (about 5,700 pairs at a probability near 0.8, none eligible). Closing the world for years before "
    "the founding date (the market register gives it) would decide them. The rest of the recall gap is wrong "
    "self-declarations, as before."
)


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


def markdown(stages: dict[str, StageRecord]) -> str:
    first = next(iter(stages.values()))
    lines = [
        "## Match truth: the match against a true city (`BENCH=truth`)",
        "",
        f"{first['entities']:,} generated entities (seed {first['seed']}), evaluated as of {first['as_of']}. The "
        "truth is the same city with every attribute known (a null is a fact: never certified, not 规上); the "
        "platform sees it through the observation model of `policyreach.population.truth` (complete registry "
        "lists that name only their members, tax figures for filers, statistics for 规上 firms, HR figures for "
        "insured firms, a third of the rest self-declared and a tenth of those wrong by 10–50%). *harsh*: fewer "
        "filers and insured firms, fewer and worse declarations, MIIT's lists not imported. Push list = eligible "
        "+ likely pairs (who is told to apply); money in 万元, the platform's figure and the truth's.",
        "",
        "Stages: `baseline` is today's matching, measured and committed before any change it measures; "
        "`closed_world` imports every complete list the platform received as complete (known absence, "
        "issue 21 item 1): an entity a list does not name has a known none; `likelihood` matches the same and "
        "pushes a likely pair only when its learned probability reaches the threshold (issue 21 item 3).",
        "",
        "| stage | model | kind | eligible P / R | likely truly eligible | push pairs | push P / R "
        "| push money (platform / truly eligible / truth) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for stage, record in stages.items():
        for model in ("default", "harsh"):
            for kind, f in record[model]["by_kind"].items():
                lines.append(
                    f"| {stage} | {model} | {kind} | {_pct(f['eligible_precision'])} / {_pct(f['eligible_recall'])} "
                    f"| {_pct(f['likely_truly_eligible'])} ({f['likely_pairs']:,}) | {f['push_pairs']:,} "
                    f"| {_pct(f['push_precision'])} / {_pct(f['push_recall'])} "
                    f"| {f['push_money_wan']} / {f['push_true_money_wan']} / {f['true_money_wan']} |"
                )
    for stage, record in stages.items():
        lines += likelihood_markdown(stage, record)
    last_stage, last = list(stages.items())[-1]
    overall = last["default"]["by_kind"]["overall"]
    precision, recall = overall["push_precision"] or 0.0, overall["push_recall"] or 0.0
    lines += [
        "",
        f"Target (issue 21): push precision ≥ 0.90 and recall ≥ 0.95 on the default model. `{last_stage}`: "
        f"precision {precision:.3f} ({'met' if precision >= 0.9 else f'short by {0.9 - precision:.3f}'}), "
        f"recall {recall:.3f} ({'met' if recall >= 0.95 else f'short by {0.95 - recall:.3f}'}). "
        + (WHY_LEARNED if last_stage in LEARNED else WHY_CLOSED),
    ]
    lines.append("")
    lines.append(
        "Run times: "
        + "; ".join(
            f"{s} {r['seconds']} s (load {r['load_at_start']} at start, {r['machine']['cores']} cores)"
            for s, r in stages.items()
        )
        + "."
    )
    return "\n".join(lines)
