"""The sample library over 100,000 generated entities: identical result sets on Spark and in process."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from pyspark.sql import SparkSession

from policyreach.engine.batch import match_population
from policyreach.engine.spark import match_population_spark
from policyreach.engine.streaming import result_table
from policyreach.population.generate import generate
from policyreach.rules.library import CompiledLibrary
from tests.spark.conftest import AS_OF

ENTITIES = 100_000


@pytest.fixture(scope="module")
def large_population(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("large") / "population.parquet"
    generate(ENTITIES, 20260602, path, as_of_year=AS_OF.year)
    return path


def _comparable(frame: pl.DataFrame) -> pl.DataFrame:
    """Every column, outcomes as one string, so two frames compare row by row."""
    return frame.with_columns(pl.col("degree").cast(pl.Int32), pl.col("outcomes").list.join(",")).sort(
        "entity_id", "benefit_id"
    )


def test_sample_library_over_100k_entities_is_identical_on_both_back_ends(
    spark: SparkSession, sample_compiled: CompiledLibrary, large_population: Path, tmp_path: Path
) -> None:
    want = _comparable(
        pl.from_arrow(result_table(match_population(sample_compiled, pl.read_parquet(large_population))))
    )
    # written by the executors and read back, as a real job's output: nothing is collected on the driver
    match_population_spark(sample_compiled, spark.read.parquet(str(large_population))).write.parquet(
        str(tmp_path / "spark")
    )
    got = _comparable(pl.read_parquet(tmp_path / "spark" / "*.parquet"))
    assert want.height > 1_000_000  # ~20 kept pairs per entity
    assert set(want["status"].unique()) == {"eligible", "likely"}
    assert got.select(want.columns).equals(want)
