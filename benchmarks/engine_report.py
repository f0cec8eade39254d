"""The engine section of BENCHMARKS.md, written from the figures of one run."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from benchmarks.engine import OPENFISCA_REFERENCE_S

TARGET_SPEEDUP = 10.0
TARGET_RSS_MB = 1536.0  # issue 26: 1M × 1,000 within 1.5 GB
TARGET_P99_MS = 0.5  # issue 26: one entity × 1,000 benefits


def _ok(passed: bool) -> str:
    return "met" if passed else "**missed**"


def _p99_status(f: dict[str, Any], wall_ok: bool) -> str:
    """The wall-clock p99 on a shared machine is the scheduler's (a preempted call waits for its core); the
    thread's own CPU time says whether the call itself is within the target."""
    if wall_ok:
        return "met"
    if f.get("single_entity_cpu_p99_ms", TARGET_P99_MS) < TARGET_P99_MS:
        return "met in the thread's CPU time; **missed** in wall time (preemption under load)"
    return "**missed**"


def hot_spots(profile: str, top: int = 8) -> list[str]:
    """The first ``top`` rows of the tottime-sorted cProfile table."""
    rows = []
    section = profile.split("Ordered by: internal time", 1)[-1]
    for line in section.splitlines():
        if re.match(r"\s*\d+(/\d+)?\s+\d", line):
            rows.append(line.rstrip())
        if len(rows) >= top:
            break
    return rows


def markdown(f: dict[str, Any], profile: str) -> str:
    m, v, d = f["machine"], f["versions"], f["float32_disagreements"]
    speed_ok = f["speedup_vs_openfisca"] >= TARGET_SPEEDUP
    rss_ok = f["peak_rss_mb"] < TARGET_RSS_MB
    p99_ok = f["single_entity_p99_ms"] < TARGET_P99_MS
    of_note = ""
    if f["openfisca_eval_s"] > 1.5 * OPENFISCA_REFERENCE_S:
        of_note = (
            f"\nOur OpenFisca figure ({f['openfisca_eval_s']:.1f} s) is more than 1.5× the "
            f"{OPENFISCA_REFERENCE_S} s measured by others: see the notes below.\n"
        )
    elif f["openfisca_eval_s"] < OPENFISCA_REFERENCE_S / 1.5:
        of_note = (
            f"\nOur OpenFisca figure ({f['openfisca_eval_s']:.1f} s) is well *below* the "
            f"~{OPENFISCA_REFERENCE_S} s measured by others. The encoding is deliberately the cheapest "
            "idiomatic one, which makes the comparison harder for us, not easier: every condition is its "
            "own variable, so OpenFisca's "
            "cache computes each of the ~400 shared conditions once; a benefit is a product of cached "
            "boolean arrays; codes are `Enum`s; no amounts, degrees or statuses are computed (ours computes "
            "all of them); input loading and `set_input` are excluded from its time.\n"
        )
    kept_per_firm = f["kept_pairs"] / max(1, f["entities"])
    sc = f["status_counts"]
    by_kind = "\n".join(
        f"| {k} | {s['conditions']} | {s['rows_disagreeing']:,} | {s['float32_explained']:,} |"
        for k, s in sorted(f["float32_disagreements"]["condition_rows_by_kind"].items())
    )
    lines = [
        "## Engine: 1,000,000 firms × 1,000 benefits (issues 2 and 26)",
        "",
        f"Last run: {dt.date.today().isoformat()}, `BENCH=engine make bench` "
        f"({f['entities']:,} entities, {f['benefits']:,} benefits, seed {f['method']['seed']}).",
        f"Machine: {m['cores']} cores ({m['cpu']}), {m['memory_gb']} GB RAM, Python {m['python']}; "
        f"polars {v['polars']}, numpy {v['numpy']}, pyarrow {v['pyarrow']}, openfisca-core {v['openfisca-core']} "
        "(benchmark-only).",
        "",
        "| figure | value | target | |",
        "|---|---|---|---|",
        f"| our `match_population` | **{f['eval_s']:.3f} s** (runs {', '.join(f'{t:.2f}' for t in f['eval_runs_s'])}) "
        "| ≈ 1 s | |",
        f"| OpenFisca, same rules, same run | **{f['openfisca_eval_s']:.3f} s** (runs "
        f"{', '.join(f'{t:.2f}' for t in f['openfisca_runs_s'])}) | (others: ~{OPENFISCA_REFERENCE_S} s) | |",
        f"| speed-up | **{f['speedup_vs_openfisca']:.2f}×** | ≥ {TARGET_SPEEDUP:.0f}× | {_ok(speed_ok)} |",
        f"| back end | `{f.get('backend', 'polars')}` (`POLICYREACH_ENGINE`) | | |",
        f"| the same on one core (`numba.set_num_threads(1)`) | **{f.get('eval_single_core_s')} s** (runs "
        f"{', '.join(f'{t:.2f}' for t in f.get('eval_single_core_runs_s', []))}), "
        f"{f.get('speedup_single_core_vs_openfisca')}× OpenFisca | reported | |",
        f"| CPU seconds (not inflated by the other processes' load): ours on 2 threads / on 1 / OpenFisca | "
        f"{f.get('cpu_s')} / {f.get('cpu_single_core_s')} / {f.get('openfisca_cpu_s')} s → one-core CPU speed-up "
        f"{round(f['openfisca_cpu_s'] / f['cpu_single_core_s'], 2) if f.get('cpu_single_core_s') else None}× | | |",
        f"| of our CPU seconds on 2 threads, system time (page faults on fresh memory; swings with the others' "
        f"memory traffic) | {f.get('cpu_system_s')} s (runs "
        f"{', '.join(f'{t:.2f}' for t in f.get('cpu_system_runs_s', []))}) | | |",
        f"| machine load (1-min average; 7 other engineers share the 2 cores) | at start "
        f"{f.get('load_at_start')}; before each worker {f.get('load_before_each_worker')} | | |",
        f"| peak RSS of our batch process | **{f['peak_rss_mb']:,.0f} MB** (population + library loaded: "
        f"{f['rss_before_match_mb']:,.0f} MB) | ≤ 1.5 GB | {_ok(rss_ok)} |",
        f"| single entity × 1,000 benefits, p50 / p99 | **{f['single_entity_p50_ms']:.2f} / "
        f"{f['single_entity_p99_ms']:.2f} ms** ({f['single_entity_calls']} calls; the thread's own CPU time "
        f"p50 / p99 {f.get('single_entity_cpu_p50_ms', 0):.2f} / {f.get('single_entity_cpu_p99_ms', 0):.2f} ms) "
        f"| p99 ≤ {TARGET_P99_MS} ms "
        f"| {_p99_status(f, p99_ok)} |",
        f"| the same with every `Match` object built (the call returns them lazily; "
        f"{f.get('single_entity_matches', 0):.0f} per entity), p50 / p99 | "
        f"{f.get('single_entity_built_p50_ms', 0):.2f} / {f.get('single_entity_built_p99_ms', 0):.2f} ms (thread CPU "
        f"{f.get('single_entity_built_cpu_p50_ms', 0):.2f} / {f.get('single_entity_built_cpu_p99_ms', 0):.2f} ms) "
        "| reported | |",
        f"| OpenFisca process peak RSS | {f['openfisca_peak_rss_mb']:,.0f} MB | | |",
        f"| library compile (1,000 benefits, {f['distinct_conditions']} distinct conditions) | {f['compile_s']:.2f} s "
        "| | |",
        f"| kept pairs (status ≠ ineligible or degree ≥ 50) | {f['kept_pairs']:,} ({kept_per_firm:.0f} per firm): "
        f"eligible {sc['eligible']:,}, likely {sc['likely']:,}, partial {sc['partial']:,} | | |",
        f"| eligible pairs: ours / OpenFisca | **{f['eligible_pairs']:,} / {f['openfisca_eligible_pairs']:,}** | "
        "equal but for float32 | |",
        f"| pairs that disagree | {d['pairs']:,}, of which explained by float32: {d['pairs_explained_by_float32']:,} "
        "| all explained | "
        f"{_ok(d['pairs'] == d['pairs_explained_by_float32'])} |",
        f"| our conditions vs exact integer arithmetic | {f['engine_vs_exact_mismatches']} mismatching rows | 0 | "
        f"{_ok(f['engine_vs_exact_mismatches'] == 0)} |",
        of_note,
        "### Workload",
        "",
        "Generated by `benchmarks/engine_synth.py` from one seeded `numpy.random.Generator` (same seed, same "
        "library and population):",
        "",
        "- 20 enterprise attributes: 4 yearly decimals in 万元 to the 元 (revenue, R&D expense, tax, exports; "
        "2024 and 2023), 3 other decimals, 5 integers, 6 flags, `district` (code set) and `industry` (GB/T 4754 "
        "code): 24 value columns as `Decimal(18, 6)` / `Int64` / `Boolean` / `String`, each with a "
        "`__verified` flag (85% verified).",
        "- **5% missing values in every column**, independently.",
        f"- A pool of {f['distinct_conditions']} distinct conditions: decimal and integer thresholds "
        "(`revenue[last_year] >= 2000.01`, `employees <= 45`, `total_assets < 20`), flags, "
        '`district in ["220102", …]`, `startswith(industry, ["C3", "I65"])`, ratios '
        "(`ratio(rd_expense[last_year], revenue[last_year]) >= 0.03`) and growth "
        "(`revenue[last_year] >= revenue[years_ago(2)] * 1.15`). Each threshold comes from a quantile of the "
        "population so that the condition passes for 5–60% of firms (log-uniform, so most conditions are "
        f"selective: pass rates min {f['condition_pass_rate']['min']:.1%}, median "
        f"{f['condition_pass_rate']['median']:.1%}, max {f['condition_pass_rate']['max']:.1%}). A third of the "
        "thresholds are to the cent (2000.01), the rest round figures.",
        "- 1,000 benefits in 50 policy files, each with 3–6 conditions drawn from the pool with a Zipf-like "
        "popularity (never two on one attribute), and an amount: a fixed award, `min(x * rate, cap)`, or a "
        "`tier(...)` (5% have none).",
        f"- Threshold cases planted: {d['planted_threshold_rows']:,} firm×condition cells set exactly at a decimal "
        "threshold or 1 元 either side of it, an R&D ratio exactly at its threshold, growth exactly at its factor.",
        "",
        "### Method",
        "",
        "- `python -m benchmarks.run` (parts registry in `benchmarks/run.py`; `BENCH=engine` runs this part). The "
        "parent process generates the data once into a scratch directory (Parquet + policy YAML); **every "
        "measurement runs in its own fresh process** (`benchmarks/engine_worker.py`) and reports its own peak RSS "
        "(`getrusage(RUSAGE_SELF).ru_maxrss`), so figures do not mix.",
        f"- Ours: Parquet read and library compiled outside the timing; `match_population(compiled, frame)` "
        f"(default `min_degree=50`) timed wall-clock — {f['method']['ours']}. The time includes the engine's own "
        "input conversion (Decimal → Int64 fixed point), all condition evaluation, statuses, degrees, amounts, "
        "`provable` and the kept-pairs frame. Peak RSS is the whole process: Python, Polars, the 1M-row "
        "population, the compiled library and the result.",
        "- Single entity: a fresh process compiles the library, turns 1,100 population rows into `EntityRecord`s "
        "(Decimal values, sources from the `__verified` flags), warms up on 100 of them (the first call builds "
        "the per-library closures), then times `match_entity(compiled, record)` once for each of 1,000 "
        "*different* entities (`perf_counter_ns`).",
        "- OpenFisca (`benchmarks/engine_openfisca.py`), the idiomatic vectorised encoding: a `TaxBenefitSystem` "
        "with one person entity `firm`; one input `Variable` per attribute (yearly ones `definition_period = "
        "YEAR` with inputs for 2024 and 2023, the others `ETERNITY`; codes as `Enum`); **one formula `Variable` "
        "per distinct condition** and **one per benefit** (product of its condition variables); a `Simulation` "
        "from `SimulationBuilder().build_default_simulation(system, 1_000_000)` with `set_input` per column; "
        f"timed: `simulation.calculate(benefit, '2025')` for all 1,000 benefits — {f['method']['openfisca']}. "
        "Building the simulation and `set_input` are *not* counted "
        f"({', '.join(f'{t:.1f}' for t in f['openfisca_setup_s'])} s).",
        "",
        "### Agreement, missing values and float32",
        "",
        "OpenFisca has no *unknown*: a missing input is its variable's default (0, False, the `UNKNOWN` enum "
        "item). Our engine keeps it unknown, so such a pair is at most `likely`, never `eligible`. The eligible "
        "counts are therefore compared **on the pairs whose inputs are all given** (OpenFisca's eligible bitmap "
        'of a benefit AND "every column the benefit reads is present"; ours needs no filter, since eligible '
        "implies every condition known). Read naively with missing = 0/False, OpenFisca would report "
        f"{f['openfisca_eligible_pairs_zero_filled']:,} eligible pairs: "
        f"{f['openfisca_eligible_pairs_zero_filled'] - f['openfisca_eligible_pairs']:,} of them only because a "
        "missing value read as 0 passed a condition like `fixed_investment < 20`.",
        "",
        "Every disagreement is checked cell by cell: each condition is evaluated again by exact integer "
        "arithmetic (`engine_synth._passes`) and by a float32 emulation of the OpenFisca formula; a cell is "
        "*explained by float32* when OpenFisca's value equals the float32 emulation and ours equals the exact "
        "value; a pair is explained when one of its conditions has such a cell.",
        "",
        "| condition kind | conditions | cells where OpenFisca ≠ exact | explained by float32 |",
        "|---|---|---|---|",
        by_kind,
        "",
        f"Of the planted threshold cells, OpenFisca decides **{d['planted_threshold_rows_openfisca_wrong']:,} of "
        f"{d['planted_threshold_rows']:,} wrong**: with float32 a firm 1 元 below `revenue >= 2000.01` (万元) "
        "rounds onto the threshold and is accepted, an R&D ratio of exactly 3% computes as 0.0299999 and is "
        "refused, `a >= b * 1.15` with a exactly 1.15 b goes either way. Ours decides every one exactly (our "
        "condition outcomes match the exact integer evaluation on every known cell).",
        "",
    ]
    if not (speed_ok and rss_ok and p99_ok):
        lines += ["### What limits us", ""]
        lines += [ANALYSIS.strip(), ""]
        spots = hot_spots(profile)
        if spots:
            lines += [
                "cProfile of one `match_population` at full size (top functions by own time; full "
                "output in `benchmarks/profile_engine.txt`):",
                "",
                "```",
                "   ncalls  tottime  percall  cumtime  percall filename:lineno(function)",
                *spots,
                "```",
                "",
            ]
    lines += [
        "### Figures a machine can read",
        "",
        '`benchmarks/results.json` is nested by part: `{"engine": {...}, <other parts>: {...}}`; each part '
        "replaces only its own key. The engine keys: `entities`, `benefits`, `eval_s`, `openfisca_eval_s`, "
        "`speedup_vs_openfisca`, `peak_rss_mb`, `single_entity_p50_ms`, `single_entity_p99_ms`, "
        "`eligible_pairs`, `openfisca_eligible_pairs`, plus `kept_pairs`, `status_counts`, "
        "`float32_disagreements`, `openfisca_eligible_pairs_zero_filled`, `rss_before_match_mb`, "
        "`openfisca_peak_rss_mb`, the individual runs, `machine` and `versions`.",
        "",
        "Quick run: `BENCH=engine BENCH_ENTITIES=20000 make bench` (other knobs: `BENCH_BENEFITS`, `BENCH_POOL`, "
        "`BENCH_REPEATS`, `BENCH_OPENFISCA_REPEATS`, `BENCH_SINGLE_CALLS`, `BENCH_PROFILE=0`, `BENCH_SEED`, "
        "`BENCH_WORKDIR`). A quick run overwrites `results.json` and this section with its own sizes.",
    ]
    return "\n".join(lines)


# Written from the profile of the full-size run; kept next to the code that prints the numbers.
ANALYSIS = """
**Where the time goes (issue 26).** `match_population` runs on the native kernel (`engine/kernel.py`, Numba): the ~400
distinct conditions become fixed-point atoms (ranges, dictionary lookups, ratio and growth cross-multiplied with a
128-bit exact path for the close calls), evaluated block by block (4,096 firms) with every benefit's met/unmet
counters combined in the same block, both cores through `prange`. Pass 1 also writes each block's kept pairs into the
block's row of a lazily mapped slab, one 32-bit word a pair (the entity in its block, provable, and status and degree
looked up by the bit-sliced met/unmet counts while they are in L1: no division); pass 2 copies them to their
benefit-major slots and computes their amounts there — int64 stack programs, each distinct formula (86 for the 950
benefits with an amount) once a block over all of its benefits' pairs, while the block's rows are in cache, constants
as scalars, a constant formula once, reading the kernel's own value columns and validity bits (since the ninth
round; they had their own conversion of 9 columns before); the value columns and the slab are handed from one call to
the next of the same size (`POLICYREACH_ENGINE_SCRATCH_MB`). Around the passes (prep6, the seventh round) the columns
are converted in one native call over every chunk of every column, spread over both cores
(`engine/native_columns.py`), text columns are dictionary-encoded on a worker thread while Polars prepares the frame,
and the plan and the amounts' programs are kept with the library per frame layout (only the lookup atoms re-bound to
each frame's text codes). Since the sixth round the value columns reach the kernel straight from
the Arrow buffers of their Polars chunks (a null as 0, and the validity bits; joining the 16 chunks of a collected
frame was a copy of every column), since the ninth a decimal of scale 6 and at most 18 digits as Polars read it, the
low word of each 128-bit integer (Polars' conversion of the 11 decimal columns is left for when Polars evaluates
something over the frame), string columns are dictionary-encoded from Arrow string views (Polars' own
buffers; since the ninth round natively when every string is at most 12 bytes and lies in its view, 0.006 s a 1M
column against Arrow's 0.012), ratio and growth conditions are decided 64 lanes at a time in vector code, and pass 1
reads contiguous rows
where Numba's index wrapping had made LLVM gather word by word. Measured at the full 1,000,000 × 1,000 side by side
with the fifth round's code in one sitting (load 3.7–4.4; user CPU seconds, three runs each, two sittings): **2
threads 1.04–1.16 → 0.70–0.76, one thread 0.96–1.06 → 0.67–0.73**; the outputs hash identically. *Seventh round*
(kernel6), side by side with the sixth round's code in one sitting (load 4.8–6.5; user CPU-s, mean of five calls): the
kernel's passes with the amounts **0.61 → 0.48 on one thread, 0.63 → 0.51 on two**, the whole call 0.82 → 0.68 and
0.86 → 0.72; pass 1 0.42 → 0.35 (the pairs' writing ≈ 0.11 → 0.07: one store a pair, no division, the words holding
pairs listed without a branch), pass 2 and the amounts 0.07 + 0.12 → 0.13 (pass 2's copy alone 0.063 → 0.029: Numba's
wrapping of signed indices had turned its stores into scatters; unsigned ones are contiguous); the outputs hash
identically again. *Eighth round* (kernel8: pass 1's conditions), side by side with the seventh round's code in
one sitting (load 3–4.5; thread CPU-s of pass 1 alone on one thread, best of nine): conditions 0.204–0.209 →
0.139–0.140 — lookups on a code column that several of them test OR the block's one-hot bitmaps of it (112 lookups
0.049 → 0.020), ratios against a constant that share their columns take their lanes' float terms computed once a
block (46 ratios on 7 pairs of columns 0.069 → 0.039), ranges in one pass over the words (233: 0.062 → 0.058) —
the combining ≈ 0.10 → 0.085 (a benefit of at most 7 conditions counts in three planes, its first condition sets
the counters), the pairs' writing ≈ 0.085 unchanged: pass 1 0.395–0.40 → 0.31–0.33 (load 5); the whole call (process
CPU-s, median of five) 0.64 → 0.57 on one thread, 0.69 → 0.63 on two; the outputs hash identically. *Ninth
round* (kernel9: around the passes), side by side with the eighth round's code (load 4.4–5, one thread, medians of
seven calls, a harness timing each step of the call): everything but the two passes 0.144–0.151 → 0.110–0.113 CPU-s
(Polars' preparation with the text encoding 0.071 → 0.016–0.017: no decimal cast; the amounts' own column conversion
0.010 → 0; the pairs' slots 0.004 → 0.001; the pairs frame 0.005 → 0.0014; the conversion into the kernel's layout
0.032 → 0.040, reading 16-byte decimals), page faults 16–17 k → 8–10 k a call, the whole call 0.534 / 0.558 →
0.507 / 0.513 CPU-s; on two threads at load 3 the whole call 0.567–0.603 → 0.537–0.554 CPU-s, best wall 0.297–0.323
→ 0.279–0.288 s; the outputs hash identically. The
sixth round's per-part figures follow. Per part (user CPU-s, best of five or more, load 4–8):
pass 1 on one thread 0.45 → 0.36, of which conditions 0.34 → 0.20 (ratio and growth, 54 conditions: 0.234 → 0.084; 233
ranges 0.07; 112 lookups 0.05), combining ≈ 0.05 and writing the 6.9 M kept pairs into the slab ≈ 0.11 (≈ 16 ns a
pair: the bit scan, the degree's division, four stores); then pass 2 ≈ 0.06, amounts ≈ 0.09 (a gather from the value
column per pair: cache misses), the plan 0.06 → 0.03, the columns' conversion ≈ 0.04, and ≈ 0.1 of Polars around
(preparing the frame ≈ 0.05–0.09, the kind and verified bitmaps, the pairs frame). cProfile of one call at load 4.8
(wall seconds, 0.88 in all): pass 1 0.42, amounts 0.10, Polars `collect` 0.09, pass 2 0.09, the conversion 0.05, the
dictionaries 0.02. System time is 0.05–0.4 s of a run and swings with the others' memory traffic: a call writes ≈ 230
MB of fresh result arrays (condition bitmaps, pairs, amounts) that the kernel faults in as transparent huge pages
(NumPy's advice; with it turned off the runs were slower, 1.2–2.2 s against 0.8–1.6 s, for the same system time). What
bounds the rest: the wall time on this shared machine is the CPU time divided by the share of the two cores the other
processes leave (at load 4–5 about half a core per thread), and every parallel region ends at a barrier that waits for
the slower thread; a second thread then gains little (the one-core runs are within the noise of the two-core ones),
and dynamic chunks of blocks (`set_parallel_chunksize`) changed nothing. In CPU terms pass 1 is instruction-bound
(LLVM vectorises 256 bits wide; after the eighth round the conditions take ≈ 0.25 ns a firm for a range, 0.85 ns
for a ratio, 0.2 ns for a lookup, and a range is near the one-port bound of 64-lane compares into a mask), the pairs'
writing is latency-bound; the amounts (≈ 0.09 CPU-s, moved into pass 2 with the block's rows in cache) cost 17–19 ns
a pair for a rate with a cap or a tier against 4–10 ns a row when the same programs read rows in order. Since the
tenth round a column times a constant and min / max against one run in vector code (the stack machine's loop for
`min(x * rate, cap)` 7.3 → 2.45 ns a row; pass 2 with the amounts 0.115 → 0.101 CPU-s on one thread): what is left
of the amounts (≈ 0.075 CPU-s) is mostly gathering each chunk's pairs and writing their results back, ≈ 8.5 ns a
pair (with every program cut to its column's read, pass 2 still takes 0.086). *Eleventh round* (kernel11): an
equal-weights benefit of at most 7 conditions (all 1,000 of the bench's) is combined word by word with its counters in
registers, one pass over the block instead of one per condition each loading and storing eight counter words (rows
past its conditions read a zero row: three compiled loops, for 3, 5 and 7 rows); side by side in one sitting (load 8,
thread CPU-s on one thread, best of nine) the combining ≈ 0.090–0.095 → 0.065, pass 1 0.283–0.285 → 0.245–0.252; the
outputs hash identically. *Twelfth round* (the lead): a call's results — the condition matrices (2 × 50 MB), the
pairs' five columns and their amounts (≈ 130 MB) — were fresh memory every call, which the operating system faulted
in and zeroed inside the passes (2,300–6,700 faults, 0.04–0.10 system CPU-s a call, more when its huge pages had to be
compacted). They now borrow their memory from the scratch pool (`kernel._Scratch.lend`, in size classes) and give it
back when the last array viewing them is gone (a finalizer on the memoryview NumPy keeps as their base, which every
view keeps alive), so the next call writes into pages that are already there: ≈ 1,000 faults, 0.01–0.02 system
CPU-s. Side by side (load 1.6–2, two threads, medians of nine calls in one process): the call's CPU 0.485 → 0.456–0.460
s, pass 2 0.077 → 0.054 s wall (its stores had been the page faults), the whole call 0.254 → 0.240 s; one thread 0.487
→ 0.404 s. What bounds the rest (two threads, ≈ 0.24 s a call): pass 1 ≈ 0.12 s, pass 2 with the amounts ≈ 0.054, the
columns' conversion ≈ 0.022, and ≈ 0.04 of serial work around them (the verified and kind flags ≈ 0.01, Polars'
preparation of the frame ≈ 0.005, the plan's binding, the result's frame) while the other core waits."""
