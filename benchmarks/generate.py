"""``BENCH=generate``: the synthetic 长春 — 1,000,000 entities written to Parquet in a fresh process.

Figures: ``generate.entities``, ``generate.seconds``, ``generate.peak_rss_mb`` (target: under 60 s,
flat memory), plus the RSS after the first and the last batch to show that memory stays flat.
"""

from __future__ import annotations

from typing import Any

from benchmarks import common
from policyreach.population.bench import bench_generate


def run() -> dict[str, Any]:
    entities = common.env_int("BENCH_GENERATE_ENTITIES", 1_000_000)
    batch_size = common.env_int("BENCH_GENERATE_BATCH", 100_000)
    seed = common.env_int("BENCH_SEED", 42)
    figures = bench_generate(entities, seed=seed, batch_size=batch_size)
    figures["machine"] = common.machine()
    print(f"generate: {figures['entities']:,} entities in {figures['seconds']:.1f} s, "
          f"peak RSS {figures['peak_rss_mb']:.0f} MB (after first batch {figures['rss_first_batch_mb']:.0f} MB, "
          f"after last {figures['rss_last_batch_mb']:.0f} MB), {figures['file_mb']:.0f} MB Parquet", flush=True)
    common.merge_results("generate", figures)
    common.write_section("generate", markdown(figures))
    return figures


def markdown(f: dict[str, Any]) -> str:
    kinds = ", ".join(f"{k} {v:,}" for k, v in f["kinds"].items())
    return f"""## Synthetic 长春: population generation (`BENCH=generate`)

`policyreach generate --entities {f['entities']:,}` equivalent, run in a fresh process
(`policyreach.population.bench`), seed {f.get('seed', 42)}, batches of {f['batch_size']:,} rows,
{f['columns']} columns (values for three years, Decimal(18,6) money, a `__verified` flag per column),
zstd Parquet.

| figure | value |
| --- | --- |
| entities | {f['entities']:,} ({kinds}) |
| seconds | {f['seconds']:.1f} (target < 60) |
| entities per second | {f['entities_per_second']:,} |
| peak RSS | {f['peak_rss_mb']:.0f} MB |
| RSS before / after first batch / after last batch | {f['rss_before_mb']:.0f} / \
{f['rss_first_batch_mb']:.0f} / {f['rss_last_batch_mb']:.0f} MB |
| Parquet file | {f['file_mb']:.0f} MB |

Memory is flat: the process holds one batch (and one 16,384-row generation block) at a time, so
RSS after the last batch is within a few tens of MB of RSS after the first; 10,000,000 entities
need the same memory as 1,000,000.
"""
