"""The platform the tests run: built by the same ``app.build.from_settings`` as the server, in demo mode, over a
temporary database and a copy of the sample library (uploads in the tests publish there, never into the repository)."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
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
    ``edit_library`` may change the copy of the sample library first.

    An SQLite city of the sample library starts from a copy of the same city seeded before in this process, when
    there is one: the platform then starts over a seeded database, as `make run` does the second time (the seeding
    skips what is there), and the suite seeds each city once per process instead of once per fixture."""
    if url is None and edit_library is None:
        key = (entities, seed, as_of, tuple(sorted(generate_options.items())))
        if key not in _seeded:
            template = Path(tempfile.mkdtemp(prefix="policyreach-city-"))
            _build(template, None, entities, seed, as_of, None, generate_options).engine.dispose()
            _seeded[key] = template
        for name in ("pop.parquet", "platform.db"):
            shutil.copy(_seeded[key] / name, base / name)
        shutil.copytree(_seeded[key] / "library", base / "library")
        return _open(base, None, as_of)
    return _build(base, url, entities, seed, as_of, edit_library, generate_options)


# seeded SQLite cities of this process by (entities, seed, as_of, generation options): each a directory to copy
_seeded: dict[tuple[Any, ...], Path] = {}


def _build(
    base: Path,
    url: str | None,
    entities: int,
    seed: int,
    as_of: dt.date,
    edit_library: Callable[[Path], None] | None,
    generate_options: dict[str, Any],
) -> Platform:
    generate(entities, seed, base / "pop.parquet", as_of_year=as_of.year, **generate_options)
    shutil.copytree(settings.ROOT / "library", base / "library")
    if edit_library is not None:
        edit_library(base / "library")
    return _open(base, url, as_of)


def _open(base: Path, url: str | None, as_of: dt.date) -> Platform:
    built = from_settings(
        demo=True,
        engine=make_engine(url or f"sqlite:///{base / 'platform.db'}"),
        schema=load_schema(settings.ROOT / "schema"),
        library_dir=base / "library",
        as_of=as_of,
        population_file=base / "pop.parquet",
    )
    return built.platform
