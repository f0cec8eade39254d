"""The in-process engine streams: a population larger than the memory it is allowed is matched batch by batch.

A subprocess caps its address space (``RLIMIT_AS``, beyond what its libraries map) below the size the population
takes in memory
(``pl.read_parquet(...).estimated_size()``); under the same cap, loading the population whole fails,
and ``match_parquet`` succeeds with the same pairs as the in-memory engine. The subprocess runs with one
Polars thread, Arrow's system allocator and two malloc arenas: thread stacks and allocator arenas
reserve address space they never touch, which ``RLIMIT_AS`` counts though no memory is used.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from policyreach.engine.batch import match_population
from policyreach.engine.streaming import read_matches
from policyreach.population.generate import generate
from policyreach.rules.library import compile_library, load_library
from policyreach.rules.schema import load_schema
from tests.spark.conftest import AS_OF, ROOT

ENTITIES = 1_000_000
CAP_MB = 700
BENEFITS = 6  # the first benefits of the sample library: the population's size is what is tested

SCRIPT = """
import datetime as dt, resource, sys
from pathlib import Path
import policyreach.engine.native  # noqa: F401 - the kernel's compiler (llvmlite) is mapped before the cap
# the cap is what the process may reserve beyond what it holds once its libraries are mapped (llvmlite alone reserves
# more address space than it uses, which RLIMIT_AS counts)
held = next(int(l.split()[1]) * 1024 for l in open("/proc/self/status") if l.startswith("VmSize"))
limit = held + int(sys.argv[1]) * 2**20
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from policyreach.rules.library import compile_library, load_library
from policyreach.rules.schema import load_schema
root, population, out, mode = Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]), sys.argv[5]
library = load_library(root / "library", load_schema(root / "schema"))
ids = [b.id for b in library.benefits][:int(sys.argv[6])]
compiled = compile_library(library, dt.date.fromisoformat(sys.argv[7]), benefit_ids=ids)
if mode == "whole":
    import polars as pl
    frame = pl.read_parquet(population)
    print("loaded", frame.height)
else:
    from policyreach.engine.streaming import match_parquet
    summary = match_parquet(compiled, population, out, batch_size=20_000)
    # VmHWM, not ru_maxrss: the latter keeps the parent's peak across fork and exec
    peak = next(int(l.split()[1]) // 1024 for l in open("/proc/self/status") if l.startswith("VmHWM"))
    print("streamed", summary.entities, summary.pairs, peak)
"""


@pytest.fixture(scope="module")
def big_population(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "population.parquet"
    generate(ENTITIES, 11, path, as_of_year=AS_OF.year)
    return path


def _run(mode: str, population: Path, out: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "POLARS_MAX_THREADS": "1", "ARROW_DEFAULT_MEMORY_POOL": "system", "MALLOC_ARENA_MAX": "2"}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            SCRIPT,
            str(CAP_MB),
            str(ROOT),
            str(population),
            str(out),
            mode,
            str(BENEFITS),
            AS_OF.isoformat(),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_streaming_matches_a_population_larger_than_its_memory_cap(big_population: Path, tmp_path: Path) -> None:
    whole = pl.read_parquet(big_population)
    in_memory_mb = whole.estimated_size() / 2**20
    assert in_memory_mb > CAP_MB * 1.1, in_memory_mb
    # the cap is real: the population does not fit under it whole
    loaded = _run("whole", big_population, tmp_path / "unused")
    assert loaded.returncode != 0 and "loaded" not in loaded.stdout, loaded.stdout
    streamed = _run("stream", big_population, tmp_path / "out")
    assert streamed.returncode == 0, streamed.stderr[-3000:]
    _, entities, pairs, peak_mb = streamed.stdout.split()
    assert int(entities) == ENTITIES
    assert int(peak_mb) < CAP_MB
    # and the answers are the in-memory engine's
    library = load_library(ROOT / "library", load_schema(ROOT / "schema"))
    compiled = compile_library(library, AS_OF, benefit_ids=[b.id for b in library.benefits][:BENEFITS])
    want = match_population(compiled, whole).frame().with_columns(pl.col("degree").cast(pl.Int32))
    del whole
    got = read_matches(tmp_path / "out")
    assert got.height == int(pairs) == want.height > 1000
    keys = ["entity_id", "benefit_id"]
    assert got.drop("outcomes").sort(keys).equals(want.sort(keys))
