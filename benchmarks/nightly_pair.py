"""The nightly full re-match alone, two versions of the code side by side on one generated city (issue 25).

``python -m benchmarks.nightly_pair --hold ENTITIES STATE`` builds a city of ENTITIES generated entities in
a throw-away PostgreSQL cluster once (through ``ingest.submit_by_source``, in this process: the HTTP path is
BENCH=city's figure, not this one's), builds the maintained figures once and keeps the cluster until the file
STATE is removed; ``python -m benchmarks.nightly_pair STATE RUNS SRC_A SRC_B ...`` then times ``aggregates.rebuild``
in a fresh process per source tree (``PYTHONPATH=SRC``), the trees taking turns, RUNS rounds: wall seconds, this
process's user and system CPU seconds and the database backends' CPU seconds, with the load at each run. Each
process also checks that the pairs and aggregates it stored equal the first tree's (the same rows, in any order).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:  # imported where used at run time: a child process times its own tree's code
    from policyreach.app.platform import Platform

AS_OF = dt.date(2026, 6, 1)
ROOT = Path(__file__).resolve().parent.parent


class Timing(TypedDict):
    """One timed rebuild, as the child prints it (seconds)."""

    wall: float
    user: float
    system: float
    children: float  # the psql readers
    database: float
    pairs: int
    load: float
    fingerprint: str  # of the stored pairs and aggregates


class Address(TypedDict):
    """The held city, as ``--hold`` writes it to its state file."""

    url: str
    library_dir: str
    postmaster: int
    entities: int


def _platform(url: str, library_dir: Path) -> Platform:
    from policyreach import settings
    from policyreach.app.build import from_settings
    from policyreach.rules.schema import load_schema
    from policyreach.store.db import make_engine

    schema = load_schema(settings.ROOT / "schema")
    return from_settings(
        demo=False, engine=make_engine(url), schema=schema, library_dir=library_dir, as_of=AS_OF
    ).platform


def _fingerprint(platform: Platform) -> str:
    """A digest of every stored pair and aggregate row, sorted (equal stores, equal digests)."""
    import hashlib

    digest = hashlib.sha256()
    with platform.engine.connect() as connection:
        for query in (
            "SELECT entity_pk, benefit_id, status, cents, district, section, size_class FROM entity_matches "
            "ORDER BY entity_pk, benefit_id",
            "SELECT benefit_id, status, district, section, size_class, entities, cents FROM match_aggregates "
            "WHERE entities <> 0 OR cents <> 0 ORDER BY 1, 2, 3, 4, 5",
        ):
            for row in connection.exec_driver_sql(query):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()[:16]


def time_one(url: str, library_dir: str, postmaster: int) -> None:
    """One timed rebuild in this process (the child's side), printed as JSON."""
    from benchmarks.city import _children, _cpu
    from policyreach.app import aggregates

    platform = _platform(url, Path(library_dir))
    load = os.getloadavg()[0]
    before = os.times(), _cpu(postmaster), time.perf_counter(), _children()
    with platform.sessions() as session, session.begin():
        pairs = aggregates.rebuild(platform, session)
    after = os.times(), _cpu(postmaster), time.perf_counter(), _children()
    timing: Timing = {
        "wall": round(after[2] - before[2], 2),
        "user": round(after[0].user - before[0].user, 2),
        "system": round(after[0].system - before[0].system, 2),
        "children": round(after[3] - before[3], 2),
        "database": round(after[1] - before[1], 2),
        "pairs": pairs,
        "load": load,
        "fingerprint": _fingerprint(platform),
    }
    print(json.dumps(timing))


def hold(entities: int, state: Path) -> None:
    """Build the city and keep its cluster until ``state`` is removed (its address written there as JSON)."""
    from tests.conftest import pg_cluster

    from benchmarks.city import _postmaster
    from policyreach import settings
    from policyreach.app import aggregates, ingest
    from policyreach.population.generate import generate

    os.environ["POLICYREACH_INGEST_MATCH_LIMIT"] = "0"
    with pg_cluster() as url, tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        library_dir = base / "library"
        shutil.copytree(settings.ROOT / "library", library_dir)
        generate(entities, 7, base / "pop.parquet", as_of_year=AS_OF.year)
        platform = _platform(url, library_dir)
        started = time.perf_counter()
        reports = ingest.submit_by_source(
            platform, base / "pop.parquet", batch_id="city", as_of=AS_OF, submitted_by="bench", workdir=base
        )
        assert all(r.ok for r in reports), [r.errors[:3] for r in reports if not r.ok]
        with platform.sessions() as session, session.begin():
            aggregates.rebuild(platform, session)
        platform.engine.dispose()
        print(f"city of {entities:,} built in {time.perf_counter() - started:.0f} s", flush=True)
        address: Address = {
            "url": url,
            "library_dir": str(library_dir),
            "postmaster": _postmaster(url),
            "entities": entities,
        }
        state.write_text(json.dumps(address))
        while state.exists():
            time.sleep(1)


def pair(state: Path, runs: int, trees: list[str]) -> None:
    """RUNS rounds of one rebuild per tree, taking turns, after one unmeasured rebuild per tree (the kernel's
    compilation, cached on disk per tree, and the operating system's caches)."""
    address: Address = json.loads(state.read_text())
    results: dict[str, list[Timing]] = {tree: [] for tree in trees}
    for round_ in range(runs + 1):
        for tree in trees:
            env = {**os.environ, "PYTHONPATH": f"{tree}{os.pathsep}{ROOT}"}
            arguments = [address["url"], address["library_dir"], str(address["postmaster"])]
            out = subprocess.run(
                [sys.executable, "-m", "benchmarks.nightly_pair", "--one", *arguments],
                env=env,
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            figures: Timing = json.loads(out.strip().splitlines()[-1])
            if round_:
                results[tree].append(figures)
            print(tree, "warm-up" if not round_ else "", figures, flush=True)
    prints = {f["fingerprint"] for found in results.values() for f in found}
    assert len(prints) == 1, f"the trees stored different pairs or aggregates: {prints}"
    for tree, found in results.items():
        walls = sorted(f["wall"] for f in found)
        users = sorted(f["user"] for f in found)
        loads = [round(f["load"], 1) for f in found]
        print(
            f"{tree} at {address['entities']:,}: wall median {walls[len(walls) // 2]} s {walls}, "
            f"user median {users[len(users) // 2]} s {users}, load {loads}"
        )


if __name__ == "__main__":
    if sys.argv[1] == "--one":
        time_one(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif sys.argv[1] == "--hold":
        hold(int(sys.argv[2]), Path(sys.argv[3]))
    else:
        pair(Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3:])
