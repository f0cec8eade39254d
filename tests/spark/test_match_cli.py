"""``policyreach match`` on both back ends writes the same Parquet; ``simulate --backend spark`` the same totals."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from pyspark.sql import SparkSession
from typer.testing import CliRunner

from policyreach.cli import app
from policyreach.engine.batch import match_population
from policyreach.engine.spark import SPARK_DIMENSIONS, simulate_spark
from policyreach.engine.streaming import MATCH_SCHEMA, read_matches
from policyreach.rules.library import CompiledLibrary
from policyreach.simulation.simulate import simulate
from tests.spark.conftest import AS_OF, ROOT

KEYS = ["entity_id", "benefit_id"]


def _match(out: Path, population: Path, *extra: str) -> pl.DataFrame:
    result = CliRunner().invoke(
        app,
        [
            "match",
            "--input",
            str(population),
            "--out",
            str(out),
            "--library",
            str(ROOT / "library"),
            "--schema",
            str(ROOT / "schema"),
            "--as-of",
            AS_OF.isoformat(),
            *extra,
        ],
    )
    assert result.exit_code == 0, result.output
    assert "条匹配结果" in result.output
    return read_matches(out).sort(KEYS)


def test_match_in_process_and_on_spark_write_the_same_parquet(
    spark: SparkSession, population_file: Path, sample_compiled: CompiledLibrary, tmp_path: Path
) -> None:
    """Partial and ineligible pairs kept too (degree ≥ 30): every status, every outcome word."""
    extra = ["--include-partial", "--min-degree", "30"]
    local = _match(tmp_path / "inprocess", population_file, "--batch-size", "700", *extra)
    on_spark = _match(tmp_path / "spark", population_file, "--backend", "spark", "--master", "local[2]", *extra)
    assert local.schema == on_spark.schema == pl.Schema(MATCH_SCHEMA)
    assert local.height > 10_000
    assert local.equals(on_spark)  # every column, outcomes included, no tolerance
    # one folder per benefit, the same ones on both sides
    folders = {p.name for p in (tmp_path / "inprocess").iterdir()}
    assert folders == {p.name for p in (tmp_path / "spark").iterdir() if p.is_dir()}
    assert all(f.startswith("benefit_id=") for f in folders)
    # and both are what the in-memory engine keeps
    result = match_population(sample_compiled, pl.read_parquet(population_file), min_degree=30, include_partial=True)
    want = result.frame().with_columns(pl.col("degree").cast(pl.Int32)).sort(KEYS)
    assert local.drop("outcomes").equals(want)
    index = {entity: i for i, entity in enumerate(result.entity_ids.to_list())}
    for row in on_spark.gather_every(37).iter_rows(named=True):
        assert row["outcomes"] == result.outcomes(index[row["entity_id"]], row["benefit_id"]), row
    assert set(local["status"].unique()) == {"eligible", "likely", "partial", "ineligible"}
    assert set(local["outcomes"].explode().unique()) == {"met", "unmet", "unknown"}
    assert local["amount"].is_not_null().any() and local["provable"].any() and not local["provable"].all()


def test_match_refuses_an_unknown_backend(population_file: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["match", "--input", str(population_file), "--out", str(tmp_path / "x"), "--backend", "dask"]
    )
    assert result.exit_code == 2
    assert not (tmp_path / "x").exists()


def test_spark_simulation_aggregates_equal_the_in_process_simulation(
    spark: SparkSession, population_file: Path, sample_compiled: CompiledLibrary
) -> None:
    got = simulate_spark(sample_compiled, spark.read.parquet(str(population_file)))
    sim = simulate(sample_compiled, pl.read_parquet(population_file))
    assert got["entities"] == sim.entities
    assert got["reached"] == sim.reached
    want_benefits = {r["benefit_id"]: r for r in sim.benefits.iter_rows(named=True)}
    assert len(got["benefits"]) == len(want_benefits)
    for row in got["benefits"]:
        want = want_benefits[row["benefit_id"]]
        assert (row["eligible"], row["likely"], row["partial"], row["eligible_amount"]) == (
            want["eligible"],
            want["likely"],
            want["partial"],
            want["eligible_amount"],
        ), row["benefit_id"]
    for dim in SPARK_DIMENSIONS:
        want = {
            r[dim]: (r["population"], r["entities"], r["pairs"], r["amount"]) for r in sim.by(dim).iter_rows(named=True)
        }
        have = {r[dim]: (r["population"], r["entities"], r["pairs"], r["amount"]) for r in got["by"][dim]}
        assert have == want, dim
        assert len(have) > 2


def test_simulate_command_on_spark(spark: SparkSession, population_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYREACH_LIBRARY", str(ROOT / "library"))
    monkeypatch.setenv("POLICYREACH_SCHEMA", str(ROOT / "schema"))
    result = CliRunner().invoke(
        app,
        [
            "simulate",
            "--population",
            str(population_file),
            "--backend",
            "spark",
            "--master",
            "local[2]",
            "--as-of",
            AS_OF.isoformat(),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "政策兑现模拟（Spark" in result.output
    assert "按区县" in result.output and "按企业规模" in result.output


def test_match_does_not_overwrite_a_folder_of_other_files(population_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    result = CliRunner().invoke(
        app,
        [
            "match",
            "--input",
            str(population_file),
            "--out",
            str(out),
            "--library",
            str(ROOT / "library"),
            "--schema",
            str(ROOT / "schema"),
        ],
    )
    assert result.exit_code == 2
    assert (out / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_without_pyspark_the_spark_backend_says_how_to_install_it(population_file: Path, tmp_path: Path) -> None:
    """The rest works without the extra; --backend spark names it instead of failing with a traceback."""
    script = (
        "import sys; sys.modules['pyspark'] = None\n"
        "from typer.testing import CliRunner\nfrom policyreach.cli import app\n"
        "args = ['match', '--input', sys.argv[1], '--out', sys.argv[2], '--as-of', '2026-06-01']\n"
        "local = CliRunner().invoke(app, args)\n"
        "spark = CliRunner().invoke(app, [*args[:4], sys.argv[3], '--backend', 'spark'])\n"
        "print(local.exit_code, spark.exit_code, repr(spark.output))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(population_file), str(tmp_path / "a"), str(tmp_path / "b")],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "POLICYREACH_LIBRARY": str(ROOT / "library"), "POLICYREACH_SCHEMA": str(ROOT / "schema")},
    )
    local, spark, output = run.stdout.split(" ", 2)
    assert (local, spark) == ("0", "2"), run.stdout + run.stderr[-2000:]
    assert "policyreach[spark]" in output and "Java 17" in output
    assert read_matches(tmp_path / "a").height > 10_000
