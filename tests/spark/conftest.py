"""One local Spark session for the whole test session (JVM start-up costs seconds).

pyspark is imported outright, not through ``importorskip``: a machine without the ``spark``
extra must fail these tests, not skip them (``make test`` installs it).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyspark.sql import SparkSession

from policyreach.population.generate import generate
from policyreach.rules.library import CompiledLibrary, compile_library, load_library
from policyreach.rules.schema import load_schema

# the driver's heap for whichever Spark session a test process starts first (the fixture's or a command's): the
# default 1 GiB ran out collecting a simulation's result once in a CI run
os.environ.setdefault("PYSPARK_SUBMIT_ARGS", "--driver-memory 2g pyspark-shell")


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    session = (
        SparkSession.builder.master("local[2]")
        .appName("policyreach-spark-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


ROOT = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 6, 1)
POPULATION_SIZE = 3000  # the sample library over it: every status occurs, Spark plans it in seconds


@pytest.fixture(scope="session")
def sample_compiled() -> CompiledLibrary:
    """The repository's sample library, compiled for the tests' evaluation date."""
    return compile_library(load_library(ROOT / "library", load_schema(ROOT / "schema")), AS_OF)


@pytest.fixture(scope="session")
def population_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated population (what ``policyreach generate`` writes), once per session."""
    path = tmp_path_factory.mktemp("population") / "population.parquet"
    generate(POPULATION_SIZE, 20260601, path, as_of_year=AS_OF.year)
    return path
