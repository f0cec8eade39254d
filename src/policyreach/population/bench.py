"""Generation benchmark: 1,000,000 entities to a temporary directory, in a fresh process.

``bench_generate()`` returns ``{"entities", "seconds", "peak_rss_mb", …}``; the child process
(``python -m policyreach.population.bench``) measures its own wall time and peak RSS, and the
RSS after every batch (flat memory: the last batch's RSS is close to the first's).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

from policyreach.population.generate import generate


def bench_generate(
    entities: int = 1_000_000, seed: int = 42, batch_size: int = 100_000, timeout: float = 900
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="policyreach-gen-") as tmp:
        out = Path(tmp) / "population.parquet"
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "policyreach.population.bench",
                "--entities",
                str(entities),
                "--seed",
                str(seed),
                "--batch-size",
                str(batch_size),
                "--out",
                str(out),
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"generation benchmark failed ({proc.returncode}): {proc.stderr[-2000:]}")
        figures = json.loads(proc.stdout.strip().splitlines()[-1])
        figures["file_mb"] = round(out.stat().st_size / 2**20, 1)
    return figures


def _child(entities: int, seed: int, batch_size: int, out: Path) -> dict[str, Any]:
    proc = psutil.Process()
    rss: list[float] = []
    before = proc.memory_info().rss / 2**20
    started = time.perf_counter()
    result = generate(
        entities, seed, out, batch_size=batch_size, progress=lambda _done: rss.append(proc.memory_info().rss / 2**20)
    )
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {
        "entities": entities,
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(peak, 1),
        "rss_before_mb": round(before, 1),
        "rss_first_batch_mb": round(rss[0], 1) if rss else None,
        "rss_last_batch_mb": round(rss[-1], 1) if rss else None,
        "rss_max_batch_mb": round(max(rss), 1) if rss else None,
        "batch_size": batch_size,
        "seed": seed,
        "columns": result.columns,
        "kinds": result.kinds,
        "entities_per_second": round(entities / seconds),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entities", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--batch-size", type=int, default=100_000)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    print(json.dumps(_child(args.entities, args.seed, args.batch_size, args.out), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
