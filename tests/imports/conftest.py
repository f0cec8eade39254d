from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from policyreach.population.generate import generate


@pytest.fixture(scope="session")
def sample_firms(tmp_path_factory) -> list[dict]:
    """A few generated enterprises with every core value present: valid USCCs, districts, industries."""
    path = tmp_path_factory.mktemp("firms") / "firms.parquet"
    generate(2_000, 99, path, missing_rate=0.0)
    df = pl.read_parquet(path).filter(pl.col("kind") == "enterprise").head(10)
    return df.to_dicts()


@pytest.fixture
def out_dir(tmp_path) -> Path:
    return tmp_path
