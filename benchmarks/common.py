"""Shared helpers for benchmark parts: results.json merging, BENCHMARKS.md sections, sub-processes."""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypedDict

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results.json"
REPORT = ROOT / "BENCHMARKS.md"

# A JSON object read back (results.json, a worker's last line): what its values are is its writer's to say, so a
# reader names the keys it expects and their types where it reads them.
JsonObject = dict[str, Any]


class Machine(TypedDict):
    """The machine a part ran on, kept beside its figures."""

    cores: int | None
    cpu: str
    memory_gb: float | None
    python: str


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value.replace("_", "")) if value else default


def read_results() -> JsonObject:
    """results.json's parts by key (nothing when it is missing or not JSON: a part then writes it afresh)."""
    if RESULTS.exists():
        try:
            data: JsonObject = json.loads(RESULTS.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            return {}
        return data
    return {}


def merge_results(part: str, figures: Mapping[str, object]) -> None:
    """Replace ``part``'s key in results.json, keeping every other part's figures."""
    data = read_results()
    data[part] = figures
    RESULTS.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_section(part: str, markdown: str) -> None:
    """Replace the ``<!-- bench:part:begin -->`` … ``end`` block of BENCHMARKS.md (or append it)."""
    begin, end = f"<!-- bench:{part}:begin -->", f"<!-- bench:{part}:end -->"
    block = f"{begin}\n{markdown.rstrip()}\n{end}\n"
    text = (
        REPORT.read_text(encoding="utf-8")
        if REPORT.exists()
        else (
            "# Benchmarks\n\nWritten by `make bench` (`python -m benchmarks.run`); each part owns one section "
            "between its markers and its key in `benchmarks/results.json`.\n\n"
        )
    )
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end) + r"\n?", re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + block
    REPORT.write_text(text, encoding="utf-8")


def run_worker(module: str, *args: str, timeout: float = 1800) -> JsonObject:
    """Run ``python -m module args`` in a fresh process; its last stdout line is a JSON object."""
    proc = subprocess.run(
        [sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )
    if proc.stderr:
        sys.stderr.write(proc.stderr)
    if proc.returncode != 0:
        raise RuntimeError(f"{module} {' '.join(args)} failed with exit code {proc.returncode}")
    figures: JsonObject = json.loads(proc.stdout.strip().splitlines()[-1])
    return figures


def machine() -> Machine:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import psutil

        memory_gb = round(psutil.virtual_memory().total / 2**30, 1)
    except ImportError:  # pragma: no cover
        memory_gb = None
    return {"cores": os.cpu_count(), "cpu": cpu, "memory_gb": memory_gb, "python": platform.python_version()}
