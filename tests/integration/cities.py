"""A plain city for the deployment suites: a generated population loaded into a migrated database, outside demo
mode (no demo accounts, no plug-in demo data: seconds instead of a minute on a busy machine)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import polars as pl

from policyreach import settings
from policyreach.app.build import from_settings
from policyreach.app.platform import Platform
from policyreach.population.generate import generate
from policyreach.rules.schema import load_schema
from policyreach.store.db import make_engine
from policyreach.store.entities import replace_population


def plain_city(base: Path, url: str, entities: int, seed: int, as_of: dt.date) -> Platform:
    """``entities`` generated entities (seed ``seed``) in the database at ``url``, with a copy of the sample library
    in ``base/library``; the platform built as a deployment builds it."""
    population = base / "pop.parquet"
    generate(entities, seed, population, as_of_year=as_of.year)
    library_dir = base / "library"
    shutil.copytree(settings.ROOT / "library", library_dir)
    schema = load_schema(settings.ROOT / "schema")
    platform = from_settings(
        demo=False, engine=make_engine(url), schema=schema, library_dir=library_dir, as_of=as_of
    ).platform
    with platform.sessions() as session, session.begin():
        replace_population(session, pl.read_parquet(population), schema, "city", as_of)
    return platform
