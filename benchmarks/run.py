"""``python -m benchmarks.run`` — run benchmark parts; ``BENCH=all`` (default) or a comma list.

Each part is a module exposing ``run() -> dict`` that prints its figures, merges them into
``benchmarks/results.json`` under its own key and writes its own section of BENCHMARKS.md.
Add a part by adding its module to ``PARTS``.
"""

from __future__ import annotations

import importlib
import os
import sys
import time

PARTS: dict[str, str] = {
    "engine": "benchmarks.engine",
    "engine_scale": "benchmarks.engine_scale",
    "generate": "benchmarks.generate",
    "simulate": "benchmarks.simulate",
    "allocate": "benchmarks.allocate",
    "habits": "benchmarks.habits",
    "web": "benchmarks.web",
    "queue": "benchmarks.queue",
    "extract": "benchmarks.extract",
    "cppcc": "benchmarks.cppcc",
    "push": "benchmarks.push",
    "spark": "benchmarks.spark",
    "truth": "benchmarks.truth",
    "questions": "benchmarks.questions",
    "city": "benchmarks.city",
}


def main() -> int:
    wanted = os.environ.get("BENCH", "all").strip() or "all"
    names = list(PARTS) if wanted == "all" else [n.strip() for n in wanted.split(",") if n.strip()]
    unknown = [n for n in names if n not in PARTS]
    if unknown:
        print(f"unknown benchmark part(s): {', '.join(unknown)}; known: {', '.join(PARTS)}", file=sys.stderr)
        return 2
    for name in names:
        started = time.perf_counter()
        print(f"== benchmark part: {name}", flush=True)
        importlib.import_module(PARTS[name]).run()
        print(f"== {name} done in {time.perf_counter() - started:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
