"""Engine benchmark: our columnar matcher vs OpenFisca on 1,000,000 firms × 1,000 benefits.

Sizes (environment): BENCH_ENTITIES (1000000), BENCH_BENEFITS (1000), BENCH_POOL (400 distinct
conditions), BENCH_SEED, BENCH_REPEATS (timed runs of ours after one warm-up, 3),
BENCH_OPENFISCA_REPEATS (3), BENCH_SINGLE_CALLS (1000), BENCH_PROFILE (1 = one extra cProfiled
run of ours), BENCH_PLANT (firms planted exactly at each numeric threshold, 20),
BENCH_WORKDIR (scratch directory for the population and worker outputs).
Smoke test: ``BENCH=engine BENCH_ENTITIES=20000 python -m benchmarks.run``.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks import common
from benchmarks.engine_synth import (
    DEC_PLACES,
    Cond,
    Workload,
    _passes,
    column_kind,
    generate,
    policy_files,
    population_frame,
    value_columns,
)

OPENFISCA_REFERENCE_S = 13.6
WORKER = "benchmarks.engine_worker"


def _spec(work: Workload) -> dict[str, Any]:
    columns = []
    for col in value_columns():
        base, _, year = col.rpartition("_")
        yearly = year.isdigit()
        columns.append(
            {
                "column": col,
                "attr": base if yearly else col,
                "kind": column_kind(col),
                "yearly": "1" if yearly else "0",
                "period": year if yearly else "ETERNITY",
            }
        )
    # one input variable per attribute (yearly attributes appear once per year in columns)
    attrs, seen = [], set()
    for c in columns:
        if c["attr"] not in seen:
            seen.add(c["attr"])
            attrs.append(c)
    return {
        "columns_all": columns,
        "columns": attrs,
        "pool": [
            {
                "id": c.id,
                "kind": c.kind,
                "expr": c.expr,
                "columns": list(c.columns),
                "op": c.op,
                "value": c.value,
                "negate": c.negate,
                "codes": list(c.codes),
            }
            for c in work.pool
        ],
        "benefits": [{"id": b.id, "conditions": list(b.conditions)} for b in work.benefits],
    }


def _float32_truth(work: Workload, cond: Cond, rows: np.ndarray) -> np.ndarray:
    """What OpenFisca's encoding computes at ``rows`` (values → float64 → float32, as its holders store)."""
    v = work.pop.values

    def f32(col: str) -> np.ndarray:
        x = v[col][rows]
        stored: np.ndarray = (
            (x / 10**DEC_PLACES).astype(np.float32) if column_kind(col) == "dec" else x.astype(np.int32)
        )
        return stored

    decided: np.ndarray
    if cond.kind == "cmp":
        x = f32(cond.columns[0])
        t = float(cond.value) if "." in cond.value else int(cond.value)
        decided = {">=": x >= t, ">": x > t, "<": x < t, "<=": x <= t}[cond.op]
    elif cond.kind == "ratio":
        a, b = f32(cond.columns[0]), f32(cond.columns[1])
        decided = np.divide(a, b, out=np.zeros_like(a, dtype=np.float32), where=b != 0) >= float(cond.value)
    elif cond.kind == "growth":
        decided = f32(cond.columns[0]) >= f32(cond.columns[1]) * float(cond.value)
    else:
        decided = _passes(work.pop, cond)[rows]
    return decided


def _bits(bools: np.ndarray, words: int) -> np.ndarray:
    out = np.zeros(words * 8, dtype=np.uint8)
    packed = np.packbits(bools, bitorder="little")
    out[: packed.size] = packed
    return out.view(np.uint64)


def _positions(bits: np.ndarray, n: int) -> np.ndarray:
    return np.flatnonzero(np.unpackbits(bits.view(np.uint8), bitorder="little")[:n])


def compare(work: Workload, workdir: Path) -> dict[str, Any]:
    """Condition by condition and pair by pair: ours vs exact arithmetic vs OpenFisca."""
    n = work.pop.n
    words = (n + 63) // 64
    # NpzFile reads an array from disk on every item access: load each one exactly once
    with np.load(workdir / "ours.npz") as f:
        ours = {k: f[k] for k in f.files}
    with np.load(workdir / "openfisca.npz") as f:
        theirs = {k: f[k] for k in f.files}
    truth, known = ours["truth"], ours["known"]
    # map pool id -> our compiled condition id through the benefits (same order on both sides)
    mapping: dict[int, int] = {}
    for benefit, compiled_ids in zip(work.benefits, ours["benefit_conditions"], strict=True):
        for pid, cid in zip(benefit.conditions, compiled_ids, strict=False):
            assert mapping.setdefault(pid, int(cid)) == int(cid), "condition order differs"
    complete = {c: _bits(work.pop.known(c), words) for c in value_columns()}
    exact_vs_ours = 0
    cond_disagree: dict[int, np.ndarray] = {}  # pool id -> rows where OpenFisca differs from exact (complete rows)
    by_kind: dict[str, dict[str, int]] = {}
    planted_wrong = planted_total = 0
    for cond in work.pool:
        if cond.id not in mapping:
            continue
        cid = mapping[cond.id]
        exact = _bits(_passes(work.pop, cond), words)
        row_complete = np.bitwise_and.reduce([complete[c] for c in cond.columns])
        # ours: known exactly where inputs are complete (ratio: and the denominator is not 0)
        exact_vs_ours += int(np.bitwise_count((truth[cid] ^ exact) & known[cid]).sum())
        exact_vs_ours += int(np.bitwise_count(truth[cid] & ~known[cid]).sum())
        diff = (theirs["conditions"][cond.id] ^ exact) & row_complete
        if cond.kind == "ratio":  # x/0: ours unknown, OpenFisca's divide(where=b != 0) gives 0 → False
            diff &= known[cid]
        rows = _positions(diff, n)
        stats = by_kind.setdefault(cond.kind, {"conditions": 0, "rows_disagreeing": 0, "float32_explained": 0})
        stats["conditions"] += 1
        if rows.size:
            emulated = _float32_truth(work, cond, rows)
            openfisca = np.unpackbits(theirs["conditions"][cond.id].view(np.uint8), bitorder="little")[rows]
            stats["rows_disagreeing"] += int(rows.size)
            stats["float32_explained"] += int((emulated == openfisca.astype(bool)).sum())
            cond_disagree[cond.id] = rows
        if cond.planted:
            planted = np.array(cond.planted)
            planted_total += planted.size
            planted_wrong += int(np.isin(planted, rows).sum())
    # pairs: our eligible pairs vs OpenFisca's eligible pairs whose inputs are all given
    e_ent, e_ben = ours["elig_entity"].astype(np.int64), ours["elig_benefit"].astype(np.int64)
    flat = np.zeros(len(work.benefits) * words * 64, dtype=bool)
    flat[e_ben * words * 64 + e_ent] = True
    eligible = np.packbits(flat.reshape(len(work.benefits), -1), axis=1, bitorder="little").view(np.uint64)
    del flat
    ours_eligible = of_complete = of_filled = pair_diff = pair_explained = engine_status_mismatch = 0
    for b, benefit in enumerate(work.benefits):
        columns = sorted({c for pid in benefit.conditions for c in work.pool[pid].columns})
        mask = np.bitwise_and.reduce([complete[c] for c in columns])
        theirs_b = theirs["benefits"][b]
        mine = eligible[b]
        # consistency of our own output: eligible ⟺ every condition known and true
        recomputed = np.bitwise_and.reduce([truth[mapping[p]] & known[mapping[p]] for p in benefit.conditions])
        engine_status_mismatch += int(np.bitwise_count(recomputed ^ mine).sum())
        ours_eligible += int(np.bitwise_count(mine).sum())
        of_complete += int(np.bitwise_count(theirs_b & mask).sum())
        of_filled += int(np.bitwise_count(theirs_b).sum())
        d = (theirs_b & mask) ^ mine
        count = int(np.bitwise_count(d).sum())
        if count:
            pair_diff += count
            rows = _positions(d, n)
            touched = np.zeros(rows.size, dtype=bool)
            for pid in benefit.conditions:
                if pid in cond_disagree:
                    touched |= np.isin(rows, cond_disagree[pid])
            pair_explained += int(touched.sum())
    return {
        "ours_eligible_pairs": ours_eligible,
        "openfisca_eligible_pairs": of_complete,
        "openfisca_eligible_pairs_zero_filled": of_filled,
        "pairs_disagreeing": pair_diff,
        "pairs_disagreeing_explained_by_float32": pair_explained,
        "condition_rows_disagreeing": {k: v for k, v in by_kind.items() if v["conditions"]},
        "planted_threshold_rows": planted_total,
        "planted_threshold_rows_openfisca_wrong": planted_wrong,
        "engine_vs_exact_mismatches": exact_vs_ours,
        "engine_status_vs_conditions_mismatches": engine_status_mismatch,
    }


def run() -> dict[str, Any]:
    entities = common.env_int("BENCH_ENTITIES", 1_000_000)
    benefits = common.env_int("BENCH_BENEFITS", 1000)
    pool_size = common.env_int("BENCH_POOL", 400)
    seed = common.env_int("BENCH_SEED", 20250630)
    repeats = common.env_int("BENCH_REPEATS", 3)
    of_repeats = common.env_int("BENCH_OPENFISCA_REPEATS", 3)
    calls = common.env_int("BENCH_SINGLE_CALLS", 1000)
    profile = os.environ.get("BENCH_PROFILE", "1") == "1"
    plant = common.env_int("BENCH_PLANT", 20)
    workdir = Path(os.environ.get("BENCH_WORKDIR") or tempfile.mkdtemp(prefix="policyreach-bench-engine-"))
    (workdir / "policies").mkdir(parents=True, exist_ok=True)

    load_at_start = os.getloadavg()
    print(f"machine load at start (1/5/15 min): {load_at_start}", flush=True)
    t0 = time.perf_counter()
    work = generate(entities, benefits, pool_size, seed, plant)
    population_frame(work.pop).write_parquet(workdir / "population.parquet", compression="lz4")
    for old in (workdir / "policies").glob("*.yaml"):
        old.unlink()
    for name, text in policy_files(work.benefits, work.pool):
        (workdir / "policies" / name).write_text(text, encoding="utf-8")
    (workdir / "spec.json").write_text(json.dumps(_spec(work), ensure_ascii=False), encoding="utf-8")
    generate_s = time.perf_counter() - t0
    print(
        f"generated {entities:,} firms × {benefits:,} benefits ({len(work.pool)} distinct conditions, "
        f"{work.planted_rows} planted threshold rows) in {generate_s:.1f} s → {workdir}",
        flush=True,
    )

    loads: dict[str, float] = {}
    loads["batch"] = os.getloadavg()[0]
    batch = common.run_worker(WORKER, "batch", str(workdir), f"repeats={repeats}", f"profile={int(profile)}")
    loads["single"] = os.getloadavg()[0]
    single = common.run_worker(WORKER, "single", str(workdir), f"calls={min(calls, entities - 100)}")
    loads["openfisca"] = os.getloadavg()[0]
    openfisca = common.run_worker(WORKER, "openfisca", str(workdir), f"repeats={of_repeats}")
    t0 = time.perf_counter()
    agreement = compare(work, workdir)
    compare_s = time.perf_counter() - t0

    eval_s = float(np.median(batch["times"]))
    of_s = float(np.median(openfisca["times"]))
    rates = np.array([c.pass_rate for c in work.pool])
    figures: dict[str, Any] = {
        "entities": entities,
        "benefits": batch["benefits"],
        "distinct_conditions": batch["distinct_conditions"],
        "eval_s": round(eval_s, 3),
        "backend": batch["backend"],
        "eval_single_core_s": round(float(np.median(batch["times_single_core"])), 3)
        if batch["times_single_core"]
        else None,
        "eval_single_core_runs_s": [round(t, 3) for t in batch["times_single_core"]],
        "speedup_single_core_vs_openfisca": round(of_s / float(np.median(batch["times_single_core"])), 2)
        if batch["times_single_core"]
        else None,
        "cpu_s": round(float(np.median(batch["cpu_s"])), 3),
        "cpu_system_s": round(float(np.median(batch["cpu_system_s"])), 3) if batch.get("cpu_system_s") else None,
        "cpu_single_core_s": round(float(np.median(batch["cpu_single_core_s"])), 3)
        if batch["cpu_single_core_s"]
        else None,
        "openfisca_cpu_s": round(float(np.median(openfisca["cpu_s"])), 3),
        "load_at_start": [round(x, 2) for x in load_at_start],
        "load_before_each_worker": {k: round(v, 2) for k, v in loads.items()},
        "eval_runs_s": [round(t, 3) for t in batch["times"]],
        "cpu_runs_s": [round(t, 3) for t in batch["cpu_s"]],
        "cpu_system_runs_s": [round(t, 3) for t in batch.get("cpu_system_s", [])],
        "openfisca_eval_s": round(of_s, 3),
        "openfisca_runs_s": [round(t, 3) for t in openfisca["times"]],
        "openfisca_setup_s": [round(t, 3) for t in openfisca["setup_s"]],
        "speedup_vs_openfisca": round(of_s / eval_s, 2),
        "peak_rss_mb": round(batch["peak_rss_mb"], 1),
        "rss_before_match_mb": round(batch["rss_before_match_mb"], 1),
        "openfisca_peak_rss_mb": round(openfisca["peak_rss_mb"], 1),
        "single_entity_p50_ms": round(single["p50_ms"], 3),
        "single_entity_p99_ms": round(single["p99_ms"], 3),
        "single_entity_cpu_p50_ms": round(single["cpu_p50_ms"], 3),
        "single_entity_cpu_p99_ms": round(single["cpu_p99_ms"], 3),
        "single_entity_built_p50_ms": round(single["built_p50_ms"], 3),
        "single_entity_built_p99_ms": round(single["built_p99_ms"], 3),
        "single_entity_built_cpu_p50_ms": round(single["built_cpu_p50_ms"], 3),
        "single_entity_built_cpu_p99_ms": round(single["built_cpu_p99_ms"], 3),
        "single_entity_matches": round(single["matches_per_entity"], 1),
        "single_entity_mean_ms": round(single["mean_ms"], 3),
        "single_entity_calls": single["calls"],
        "single_entity_peak_rss_mb": round(single["peak_rss_mb"], 1),
        "compile_s": round(batch["compile_s"], 3),
        "kept_pairs": batch["kept_pairs"],
        "status_counts": batch["counts"],
        "eligible_pairs": batch["counts"]["eligible"],
        "openfisca_eligible_pairs": agreement["openfisca_eligible_pairs"],
        "openfisca_eligible_pairs_zero_filled": agreement["openfisca_eligible_pairs_zero_filled"],
        "float32_disagreements": {
            "pairs": agreement["pairs_disagreeing"],
            "pairs_explained_by_float32": agreement["pairs_disagreeing_explained_by_float32"],
            "condition_rows_by_kind": agreement["condition_rows_disagreeing"],
            "planted_threshold_rows": agreement["planted_threshold_rows"],
            "planted_threshold_rows_openfisca_wrong": agreement["planted_threshold_rows_openfisca_wrong"],
        },
        "engine_vs_exact_mismatches": agreement["engine_vs_exact_mismatches"],
        "engine_status_vs_conditions_mismatches": agreement["engine_status_vs_conditions_mismatches"],
        "condition_pass_rate": {
            "min": round(float(rates.min()), 4),
            "median": round(float(np.median(rates)), 4),
            "max": round(float(rates.max()), 4),
        },
        "missing_rate": 0.05,
        "method": {
            "ours": f"median of {repeats} runs after 1 warm-up, fresh process",
            "openfisca": f"median of {of_repeats} run(s) after a 1,000-firm warm-up, fresh process",
            "seed": seed,
        },
        "machine": common.machine(),
        "versions": _versions(),
        "generate_s": round(generate_s, 1),
        "compare_s": round(compare_s, 1),
    }
    _print(figures)
    common.merge_results("engine", figures)
    profile_text = (
        (workdir / "profile_engine.txt").read_text(encoding="utf-8")
        if profile and (workdir / "profile_engine.txt").exists()
        else ""
    )
    if profile_text:
        (common.ROOT / "benchmarks" / "profile_engine.txt").write_text(profile_text, encoding="utf-8")
    from benchmarks.engine_report import markdown

    common.write_section("engine", markdown(figures, profile_text))
    return figures


def _versions() -> dict[str, str]:
    from importlib.metadata import version

    return {p: version(p) for p in ("polars", "numpy", "pyarrow", "openfisca-core")}


def _print(f: dict[str, Any]) -> None:
    d = f["float32_disagreements"]
    lines = [
        f"entities × benefits         {f['entities']:,} × {f['benefits']:,} ({f['distinct_conditions']} distinct "
        f"conditions)",
        f"our eval                    {f['eval_s']:.3f} s  (runs {f['eval_runs_s']})",
        f"OpenFisca eval              {f['openfisca_eval_s']:.3f} s  (runs {f['openfisca_runs_s']}; set-up "
        f"{f['openfisca_setup_s']} s not counted)",
        f"speed-up                    {f['speedup_vs_openfisca']:.1f}×  (back end {f['backend']}; one core "
        f"{f['eval_single_core_s']} s → {f['speedup_single_core_vs_openfisca']}×)",
        f"CPU seconds                 ours {f['cpu_s']} (both threads), one core {f['cpu_single_core_s']}; "
        f"OpenFisca {f['openfisca_cpu_s']}",
        f"machine load                at start {f['load_at_start']}; before each worker {f['load_before_each_worker']}",
        f"peak RSS (ours)             {f['peak_rss_mb']:.0f} MB  (before matching {f['rss_before_match_mb']:.0f} MB; "
        f"OpenFisca process {f['openfisca_peak_rss_mb']:.0f} MB)",
        f"single entity p50 / p99     {f['single_entity_p50_ms']:.3f} / {f['single_entity_p99_ms']:.3f} ms "
        f"({f['single_entity_calls']} calls; thread CPU {f['single_entity_cpu_p50_ms']:.3f} / "
        f"{f['single_entity_cpu_p99_ms']:.3f} ms; with every Match built {f['single_entity_built_cpu_p50_ms']:.3f} / "
        f"{f['single_entity_built_cpu_p99_ms']:.3f} ms CPU)",
        f"kept pairs                  {f['kept_pairs']:,}  {f['status_counts']}",
        f"eligible pairs (ours)       {f['eligible_pairs']:,}",
        f"eligible pairs (OpenFisca)  {f['openfisca_eligible_pairs']:,} on pairs with every input given "
        f"({f['openfisca_eligible_pairs_zero_filled']:,} with missing inputs read as 0/False)",
        f"float32 disagreements       {d['pairs']:,} pairs ({d['pairs_explained_by_float32']:,} explained by "
        f"float32); planted threshold rows wrong: {d['planted_threshold_rows_openfisca_wrong']}/"
        f"{d['planted_threshold_rows']}",
        f"condition rows by kind      {d['condition_rows_by_kind']}",
        f"engine vs exact arithmetic  {f['engine_vs_exact_mismatches']} mismatching condition rows; "
        f"{f['engine_status_vs_conditions_mismatches']} status/condition inconsistencies",
    ]
    print("\n".join(lines), flush=True)
