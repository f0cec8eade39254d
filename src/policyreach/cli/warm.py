"""``policyreach warm``: compile the native kernel into its cache (NUMBA_CACHE_DIR) once, before the processes that
match start.

A process that finds the cache empty spends about a minute of CPU compiling the kernel before its first match (a
server's first page, a worker's first job, a test process's platform); several started together each compile it. Run
after an install or an upgrade (and by ``make test`` before its test processes), the kernel is compiled once and every
later process loads it in a second.
"""

from __future__ import annotations

import tempfile
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import polars as pl
import typer

from policyreach import settings
from policyreach.cli.common import AsOfOpt, LibraryOpt, SchemaOpt, as_of_date, console, load
from policyreach.engine.batch import match_population
from policyreach.engine.entity import record_from_row
from policyreach.engine.kernel import PARALLEL_WORDS
from policyreach.engine.match import match_entity
from policyreach.population.generate import generate
from policyreach.rules.library import compile_library
from policyreach.simulation.simulate import simulate

warm_app = typer.Typer()

# one population above the kernel's parallel threshold (64 entities a word) and one below it: the two paths are
# compiled apart
PARALLEL_ENTITIES = PARALLEL_WORDS * 64 + 4_096
SERIAL_ENTITIES = 2_000


class Part(StrEnum):
    """What to compile: both paths, or one of them (two processes each compiling one take half the time)."""

    all = "all"
    serial = "serial"  # the serial path and the portal's one-entity path
    parallel = "parallel"


@warm_app.command("warm")
def warm_command(
    library_paths: LibraryOpt = None,
    schema: SchemaOpt = None,
    as_of: AsOfOpt = None,
    entities: Annotated[int, typer.Option(help="Entities of the larger generated population.")] = PARALLEL_ENTITIES,
    part: Annotated[
        Part, typer.Option(help="all, or serial / parallel to compile one path in each of two processes.")
    ] = Part.all,
) -> None:
    """Compile the native kernel into its cache now (编译匹配内核并缓存), so that later processes load it."""
    started = time.monotonic()
    schema_obj, library = load(schema, library_paths)
    when = as_of_date(as_of)
    compiled = compile_library(library, when)
    serial, parallel = part != Part.parallel, part != Part.serial
    sizes = [SERIAL_ENTITIES] * serial + [max(entities, SERIAL_ENTITIES)] * parallel
    with tempfile.TemporaryDirectory() as folder, console.status("编译匹配内核…"):
        for n in sizes:
            path = Path(folder) / f"warm-{n}.parquet"
            generate(n, 2025, path, as_of_year=when.year)
            frame = pl.read_parquet(path)
            match_population(compiled, frame, backend="numba")  # the platform's and the worker's matching
            simulate(compiled, frame)  # amounts, and matching without the likely pairs
        if serial:  # the portal's one entity
            for row in frame.head(8).iter_rows(named=True):
                match_entity(compiled, record_from_row(row, schema_obj), backend="numba")
    console.print(
        f"[green]✓[/green] 匹配内核已编译并缓存于 {settings.numba_cache_dir()}（{time.monotonic() - started:.0f} 秒）"
    )
