"""The platform the tests run: built by the same ``app.build.from_settings`` as the server, in demo mode, over a
temporary database and a copy of the sample library (uploads in the tests publish there, never into the repository)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from policyreach import settings
from policyreach.app.build import from_settings
from policyreach.app.platform import Platform
from policyreach.population.generate import generate
from policyreach.rules.schema import load_schema
from policyreach.store.db import make_engine


def demo_platform(
    base: Path,
    url: str | None,
    entities: int,
    seed: int,
    as_of: dt.date,
    edit_library: Callable[[Path], None] | None = None,
    **generate_options: Any,
) -> Platform:
    """A generated city of ``entities`` (seed ``seed``) seeded into ``url`` (default: an SQLite file in ``base``);
    ``edit_library`` may change the copy of the sample library first."""
    population = base / "pop.parquet"
    generate(entities, seed, population, as_of_year=as_of.year, **generate_options)
    library_dir = base / "library"
    shutil.copytree(settings.ROOT / "library", library_dir)
    if edit_library is not None:
        edit_library(library_dir)
    built = from_settings(
        demo=True,
        engine=make_engine(url or f"sqlite:///{base / 'platform.db'}"),
        schema=load_schema(settings.ROOT / "schema"),
        library_dir=library_dir,
        as_of=as_of,
        population_file=population,
    )
    return built.platform
