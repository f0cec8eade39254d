"""One measurement per fresh process: ``python -m benchmarks.engine_worker MODE WORKDIR [options]``.

Modes: ``batch`` (our match_population), ``single`` (match_entity latency), ``openfisca``.
Each prints one JSON line (its last line of stdout) with its figures and its own peak RSS
(``getrusage(RUSAGE_SELF).ru_maxrss``), so no two measurements share a process.
"""

from __future__ import annotations

import cProfile
import datetime as dt
import gc
import io
import json
import os
import pstats
import resource
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl

if TYPE_CHECKING:
    from policyreach.rules.library import CompiledLibrary


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def current_rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def _compile(workdir: Path) -> CompiledLibrary:
    from benchmarks.engine_synth import AS_OF, build_schema
    from policyreach.rules.library import Library, add_policy_file, compile_library

    library = Library(schema=build_schema())
    for path in sorted((workdir / "policies").glob("*.yaml")):
        add_policy_file(library, path.name, path.read_text(encoding="utf-8"))
    return compile_library(library, AS_OF)


def batch(workdir: Path, repeats: int, profile: bool) -> dict[str, Any]:
    from policyreach.engine.batch import match_population

    frame = pl.read_parquet(workdir / "population.parquet")
    t0 = time.perf_counter()
    compiled = _compile(workdir)
    compile_s = time.perf_counter() - t0
    gc.collect()
    rss_before = current_rss_mb()
    times = []
    cpu: list[float] = []  # CPU seconds of the process (every thread): what the load of others does not inflate
    cpu_system: list[float] = []  # of which system time
    result = None
    for i in range(repeats + 1):  # the first run is a warm-up
        result = None
        gc.collect()
        c0, t0, o0 = time.process_time(), time.perf_counter(), os.times()
        result = match_population(compiled, frame)
        elapsed = time.perf_counter() - t0
        if i:
            times.append(elapsed)
            cpu.append(time.process_time() - c0)
            o1 = os.times()
            # system time is mostly page faults on fresh memory: it swings with what the others do to memory
            cpu_system.append(o1.system - o0.system)
        print(f"  match_population run {i} ({'warm-up' if not i else 'timed'}): {elapsed:.3f} s", file=sys.stderr)
    assert result is not None
    peak = peak_rss_mb()
    single_core: list[float] = []
    single_core_cpu: list[float] = []
    from policyreach import settings

    if settings.engine_backend() == "numba":  # the same work on one core (the kernel's blocks run in sequence)
        from policyreach.engine import kernel

        kernel.threads(1)
        for _ in range(repeats):
            gc.collect()
            c0, t0 = time.process_time(), time.perf_counter()
            match_population(compiled, frame)
            single_core.append(time.perf_counter() - t0)
            single_core_cpu.append(time.process_time() - c0)
            print(f"  match_population one thread: {single_core[-1]:.3f} s", file=sys.stderr)
        kernel.threads(None)
    counts = result.counts()
    kept = result.pairs.height
    eligible = result.pairs.filter(pl.col("status") == 3).select("entity_idx", "benefit_idx")
    np.savez(
        workdir / "ours.npz",
        truth=np.stack(result.condition_true),
        known=np.stack(result.condition_known),
        elig_entity=eligible["entity_idx"].to_numpy(),
        elig_benefit=eligible["benefit_idx"].to_numpy(),
        benefit_conditions=np.array(
            [list(b.condition_ids) + [-1] * (6 - len(b.condition_ids)) for b in compiled.benefits], dtype=np.int64
        ),
    )
    out: dict[str, Any] = {
        "compile_s": compile_s,
        "times": times,
        "times_single_core": single_core,
        "cpu_s": cpu,
        "cpu_system_s": cpu_system,
        "cpu_single_core_s": single_core_cpu,
        "backend": settings.engine_backend(),
        "load_at_start": os.getloadavg()[0],
        "peak_rss_mb": peak,
        "rss_before_match_mb": rss_before,
        "counts": counts,
        "kept_pairs": kept,
        "distinct_conditions": len(compiled.conditions),
        "benefits": len(compiled.benefits),
        "entities": frame.height,
        "amount_known_pairs": int(result.pairs["amount"].is_not_null().sum()),
    }
    if profile:
        del result
        gc.collect()
        profiler = cProfile.Profile()
        profiler.enable()
        match_population(compiled, frame)
        profiler.disable()
        text = io.StringIO()
        stats = pstats.Stats(profiler, stream=text)
        stats.sort_stats("tottime").print_stats(18)
        stats.sort_stats("cumulative").print_stats(22)
        (workdir / "profile_engine.txt").write_text(text.getvalue(), encoding="utf-8")
    return out


def single(workdir: Path, calls: int) -> dict[str, Any]:
    from benchmarks.engine_synth import build_schema
    from policyreach.engine.entity import EntityRecord
    from policyreach.engine.match import match_entity

    schema = build_schema()
    compiled = _compile(workdir)
    warm = 100
    frame = pl.read_parquet(workdir / "population.parquet", n_rows=calls + warm)
    value_cols = [c for c in frame.columns if c not in ("entity_id", "kind") and not c.endswith("__verified")]
    records = []
    for row in frame.iter_rows(named=True):
        values = {c: row[c] for c in value_cols}
        sources = {}
        for c in value_cols:
            base, _, year = c.rpartition("_")
            attr = schema.attributes[base if year.isdigit() and base in schema.attributes else c]
            sources[c] = attr.source if row[f"{c}__verified"] else "self_declared"
        records.append(EntityRecord(entity_id=row["entity_id"], kind=row["kind"], values=values, sources=sources))
    t0 = time.perf_counter()
    match_entity(compiled, records[0])  # builds the per-library closures once
    first_s = time.perf_counter() - t0
    for record in records[1:warm]:
        match_entity(compiled, record)
    latencies = []
    cpu = []  # the thread's own CPU time: what is left when the other engineers' processes take the core away
    built_cpu = []  # the call and then every Match object built (the portal's page reads them all)
    built_lat = []
    shown = 0
    for record in records[warm : warm + calls]:
        c0, t0 = time.thread_time_ns(), time.perf_counter_ns()
        matches = match_entity(compiled, record)
        latencies.append((time.perf_counter_ns() - t0) / 1e6)
        cpu.append((time.thread_time_ns() - c0) / 1e6)
        shown += len(list(matches))
        del matches  # freeing the objects counts with building them
        built_lat.append((time.perf_counter_ns() - t0) / 1e6)
        built_cpu.append((time.thread_time_ns() - c0) / 1e6)
    lat = np.array(latencies)
    return {
        "calls": len(latencies),
        "p50_ms": float(np.percentile(lat, 50)),
        "p99_ms": float(np.percentile(lat, 99)),
        "cpu_p50_ms": float(np.percentile(cpu, 50)),
        "cpu_p99_ms": float(np.percentile(cpu, 99)),
        "built_p50_ms": float(np.percentile(built_lat, 50)),
        "built_p99_ms": float(np.percentile(built_lat, 99)),
        "built_cpu_p50_ms": float(np.percentile(built_cpu, 50)),
        "built_cpu_p99_ms": float(np.percentile(built_cpu, 99)),
        "mean_ms": float(lat.mean()),
        "max_ms": float(lat.max()),
        "first_call_s": first_s,
        "matches_per_entity": shown / max(1, len(latencies)),
        "peak_rss_mb": peak_rss_mb(),
    }


def openfisca(workdir: Path, repeats: int) -> dict[str, Any]:
    from openfisca_core.simulations import SimulationBuilder

    from benchmarks import engine_openfisca as of
    from benchmarks.engine_synth import DISTRICTS, INDUSTRIES

    spec = json.loads((workdir / "spec.json").read_text(encoding="utf-8"))
    system, _enums = of.build_system(spec["pool"], spec["benefits"], spec["columns"])
    names = [f"b_{b['id'].replace('-', '_')}" for b in spec["benefits"]]
    frame = pl.read_parquet(workdir / "population.parquet")
    n = frame.height

    t0 = time.perf_counter()
    inputs: dict[str, tuple[str, np.ndarray]] = {}
    for col in spec["columns_all"]:
        name, kind = col["column"], col["kind"]
        series = frame[name]
        period = col["period"]
        if kind == "dec":  # how data reaches OpenFisca: a float; OpenFisca stores float32
            array = series.cast(pl.Float64).fill_null(0.0).to_numpy()
        elif kind == "int":
            array = series.fill_null(0).to_numpy().astype(np.int32)
        elif kind == "bool":
            array = series.fill_null(False).to_numpy()
        else:
            codes = DISTRICTS if name == "district" else INDUSTRIES
            array = series.replace_strict(
                list(codes), list(range(1, len(codes) + 1)), default=0, return_dtype=pl.Int16
            ).to_numpy()
        inputs[name] = (period, array)  # keyed by column: revenue_2024 → (2024, …)
    del frame
    gc.collect()
    prepare_s = time.perf_counter() - t0

    # warm-up: the same system on a small simulation (first-call costs of every formula)
    small = SimulationBuilder().build_default_simulation(system, 1000)
    of.set_inputs(small, {c: (p, a[:1000]) for c, (p, a) in inputs.items()})
    for name in names:
        small.calculate(name, of.PERIOD)
    del small

    times, setup, cpu = [], [], []
    simulation = None
    for _ in range(repeats):
        simulation = None
        gc.collect()
        t0 = time.perf_counter()
        simulation = SimulationBuilder().build_default_simulation(system, n)
        of.set_inputs(simulation, inputs)
        setup.append(time.perf_counter() - t0)
        c0, t0 = time.process_time(), time.perf_counter()
        for name in names:
            simulation.calculate(name, of.PERIOD)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        print(f"  openfisca run: set-up {setup[-1]:.2f} s, calculate {times[-1]:.2f} s", file=sys.stderr)
    assert simulation is not None
    peak = peak_rss_mb()
    words = (n + 63) // 64

    def pack(array: np.ndarray) -> np.ndarray:
        out = np.zeros(words * 8, dtype=np.uint8)
        packed = np.packbits(np.asarray(array, dtype=bool), bitorder="little")
        out[: packed.size] = packed
        return out.view(np.uint64)

    conditions = np.stack([pack(simulation.calculate(f"c{c['id']}", of.PERIOD)) for c in spec["pool"]])
    benefits = np.stack([pack(simulation.calculate(name, of.PERIOD)) for name in names])
    np.savez(workdir / "openfisca.npz", conditions=conditions, benefits=benefits)
    return {
        "times": times,
        "cpu_s": cpu,
        "setup_s": setup,
        "prepare_s": prepare_s,
        "peak_rss_mb": peak,
        "eligible_pairs_filled": int(sum(int(np.bitwise_count(b).sum()) for b in benefits)),
    }


def main(argv: list[str]) -> None:
    mode, workdir = argv[0], Path(argv[1])
    options = dict(a.split("=", 1) for a in argv[2:])
    started = dt.datetime.now()
    if mode == "batch":
        out = batch(workdir, int(options.get("repeats", 3)), options.get("profile", "1") == "1")
    elif mode == "single":
        out = single(workdir, int(options.get("calls", 1000)))
    elif mode == "openfisca":
        out = openfisca(workdir, int(options.get("repeats", 1)))
    else:
        raise SystemExit(f"unknown mode {mode}")
    out["wall_s"] = (dt.datetime.now() - started).total_seconds()
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
