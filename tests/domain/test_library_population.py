"""The whole sample library on a generated 长春: the columnar engine and the single-entity engine agree."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from policyreach.engine.batch import match_population
from policyreach.engine.entity import record_from_row
from policyreach.engine.match import match_entity
from policyreach.population.generate import generate
from policyreach.rules.library import Library, compile_library
from policyreach.rules.schema import Schema

AS_OF = dt.date(2026, 6, 1)


@pytest.fixture(scope="session")
def population(tmp_path_factory: pytest.TempPathFactory) -> pl.DataFrame:
    path: Path = tmp_path_factory.mktemp("city") / "city.parquet"
    generate(4000, 11, path, as_of_year=AS_OF.year)
    return pl.read_parquet(path)


def test_population_mixes_kinds_and_years(population: pl.DataFrame) -> None:
    shares = population["kind"].value_counts(normalize=True)
    share = dict(zip(shares["kind"], shares["proportion"], strict=True))
    assert 0.75 < share["enterprise"] < 0.92 and 0.05 < share["talent"] < 0.15 and 0.02 < share["institute"] < 0.1
    assert {f"revenue_{y}" for y in (2023, 2024, 2025)} <= set(population.columns)


def test_every_benefit_reaches_someone_and_both_engines_agree(
    library: Library, schema: Schema, population: pl.DataFrame
) -> None:
    compiled = compile_library(library, AS_OF)
    batch = match_population(compiled, population).frame()
    claimable = batch.filter(pl.col("status").is_in(["eligible", "likely"]))
    reached = set(claimable["benefit_id"])
    assert len(reached) >= 0.8 * len(compiled.benefits), sorted({b.id for b in compiled.benefits} - reached)

    sample = population.gather(list(range(0, population.height, 13)))
    by_entity = {
        (r["entity_id"], r["benefit_id"]): (r["status"], r["amount"])
        for r in claimable.filter(pl.col("entity_id").is_in(sample["entity_id"].implode())).iter_rows(named=True)
    }
    expected = {
        (row["entity_id"], match.benefit.id): (match.status, match.amount)
        for row in sample.iter_rows(named=True)
        for match in match_entity(compiled, record_from_row(row, schema))
        if match.status in ("eligible", "likely")
    }
    assert by_entity == expected
    assert sum(status == "eligible" for status, _ in expected.values()) >= 20
