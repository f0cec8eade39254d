"""The synthetic 长春: deterministic, realistic, exact decimals, streamed with flat memory."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from policyreach.population.catalogue import catalogue, years_for
from policyreach.population.generate import BLOCK, generate, population_schema
from policyreach.standards.uscc import is_valid_uscc

N = 20_000
SEED = 20250101


@pytest.fixture(scope="session")
def population(tmp_path_factory) -> tuple[Path, pl.DataFrame]:
    path = tmp_path_factory.mktemp("pop") / "pop.parquet"
    result = generate(N, SEED, path, batch_size=7_000, csv=True)
    assert result.entities == N and result.csv is not None and result.csv.exists()
    return path, pl.read_parquet(path)


@pytest.fixture(scope="session")
def enterprises(population) -> pl.DataFrame:
    return population[1].filter(pl.col("kind") == "enterprise")


def test_same_seed_same_bytes_and_batch_size_does_not_change_values(tmp_path, population):
    a, b, c = tmp_path / "a.parquet", tmp_path / "b.parquet", tmp_path / "c.parquet"
    generate(3_000, 11, a, batch_size=1_000)
    generate(3_000, 11, b, batch_size=1_000)
    assert a.read_bytes() == b.read_bytes()
    generate(3_000, 11, c, batch_size=2_999)
    assert pl.read_parquet(a).equals(pl.read_parquet(c))
    # a smaller population is a prefix of a larger one with the same seed
    _, df = population
    small = tmp_path / "small.parquet"
    generate(BLOCK, SEED, small)  # the same seed gives the same entities, block by block
    assert pl.read_parquet(small).equals(df.head(BLOCK))
    other = tmp_path / "other.parquet"
    generate(1_000, SEED + 1, other)
    assert not pl.read_parquet(other).equals(df.head(1_000))


def test_ids_and_kinds_mix(population):
    _, df = population
    assert df["entity_id"][0] == "E0000001" and df["entity_id"][-1] == f"E{N:07d}"
    assert df["entity_id"].n_unique() == N
    share = {r["kind"]: r["count"] / N for r in df["kind"].value_counts().to_dicts()}
    assert share["enterprise"] == pytest.approx(0.85, abs=0.02)
    assert share["talent"] == pytest.approx(0.10, abs=0.015)
    assert share["institute"] == pytest.approx(0.05, abs=0.01)
    assert df.columns[:3] == ["entity_id", "kind", "name"]


def test_every_uscc_valid_unique_and_talents_point_at_employers(population):
    _, df = population
    coded = df.filter(pl.col("kind") != "talent")
    codes = coded["uscc"].to_list()
    assert None not in codes and all(is_valid_uscc(c) for c in codes)
    assert len(set(codes)) == len(codes)
    ent = coded.filter(pl.col("kind") == "enterprise")
    assert ent.select((pl.col("uscc").str.slice(0, 2) == "91").all()).item()
    with_district = ent.filter(pl.col("district").is_not_null())
    assert (with_district["uscc"].str.slice(2, 6) == with_district["district"]).all()
    talents = df.filter(pl.col("kind") == "talent")
    employers = talents.filter(pl.col("employer_uscc").is_not_null())
    assert employers.height > 0.9 * talents.height
    joined = employers.join(
        coded.select("uscc", pl.col("district").alias("emp_district")),
        left_on="employer_uscc",
        right_on="uscc",
        how="left",
    )
    assert joined["emp_district"].is_not_null().sum() > 0.9 * employers.height  # missing share aside
    both = joined.filter(pl.col("employer_district").is_not_null() & pl.col("emp_district").is_not_null())
    assert (both["employer_district"] == both["emp_district"]).all()


def test_every_attribute_and_three_years_present_other_kinds_null(population):
    _, df = population
    years = years_for(2025)
    assert years == [2022, 2023, 2024]
    for spec in catalogue():
        names = [f"{spec.name}_{y}" for y in years] if spec.yearly else [spec.name]
        for name in names:
            assert name in df.columns and f"{name}__verified" in df.columns
            for kind in ("enterprise", "institute", "talent"):
                if kind not in spec.kinds:
                    part = df.filter(pl.col("kind") == kind)
                    assert part[name].null_count() == part.height, (name, kind)
                    assert not part[f"{name}__verified"].any()
    ent = df.filter(pl.col("kind") == "enterprise")
    # yearly values exist from the year a firm was established (plus the missing share)
    assert ent["revenue_2024"].null_count() < 0.1 * ent.height
    assert ent["revenue_2022"].null_count() < 0.3 * ent.height
    assert {f"revenue_{y}" for y in (2023, 2024, 2025)} <= set(population_schema(2026).names)


def test_decimals_are_exact_decimal_columns(population):
    path, df = population
    schema = pq.read_schema(path)
    for name in ("revenue_2024", "total_assets_2023", "registered_capital", "tax_paid_2022", "rd_expense_2024"):
        assert schema.field(name).type == pa.decimal128(18, 6)
        assert df.schema[name] == pl.Decimal(18, 6)
    value = df.filter(pl.col("revenue_2024").is_not_null())["revenue_2024"][0]
    assert isinstance(value, Decimal)
    # decimals in the CSV are exact text too
    csv = pl.read_csv(path.with_suffix(".csv"), infer_schema_length=0, n_rows=200)
    text = next(v for v in csv["revenue_2024"].to_list() if v)
    assert Decimal(text) == df.filter(pl.col("revenue_2024").is_not_null())["revenue_2024"][0]


def test_missing_and_self_declared_shares_follow_the_rates(tmp_path, enterprises):
    def shares(ent: pl.DataFrame, missing: float, declared: float) -> None:
        for col in ("ownership", "registered_capital", "tax_credit_grade", "invention_patents", "industry"):
            assert ent[col].null_count() / ent.height == pytest.approx(missing, abs=0.012), col
            present = ent.filter(pl.col(col).is_not_null())
            assert 1 - present[f"{col}__verified"].mean() == pytest.approx(declared, abs=0.015), col
        for col in ("loan_interest_paid_2024", "new_loans_2023"):  # self_declared in the schema
            assert not ent[f"{col}__verified"].any()
        assert not ent.filter(pl.col("tax_credit_grade").is_null())["tax_credit_grade__verified"].any()

    shares(enterprises, 0.05, 0.10)
    path = tmp_path / "rates.parquet"
    generate(20_000, 5, path, missing_rate=0.2, self_declared_rate=0.3)
    df = pl.read_parquet(path)
    shares(df.filter(pl.col("kind") == "enterprise"), 0.2, 0.3)
    assert not df.filter(pl.col("kind") == "talent")["field__verified"].any()


def test_realistic_city(enterprises):
    ent = enterprises
    n = ent.height
    districts = {r["district"]: r["count"] for r in ent["district"].drop_nulls().value_counts().to_dicts()}
    assert set(districts) <= {
        "220102",
        "220103",
        "220104",
        "220105",
        "220106",
        "220112",
        "220113",
        "220122",
        "220182",
        "220183",
        "220184",
    }
    assert max(districts, key=districts.get) == "220104"  # 朝阳区 (with 高新区) is the largest
    assert districts["220104"] > 3 * districts["220112"]
    industries = ent["industry"].drop_nulls()
    pillars = industries.is_in(["C36", "C13", "C14", "C27", "C39", "C40", "C34", "C35", "C38"]).mean()
    assert 0.2 < pillars < 0.45
    manufacturing = industries.str.starts_with("C")
    top_manufacturing = industries.filter(manufacturing).value_counts().sort("count", descending=True)
    assert top_manufacturing["industry"][0] == "C36"  # automotive leads manufacturing
    assert industries.str.slice(0, 1).is_in(["F", "I", "M", "L"]).mean() > 0.25  # services are there
    employees = ent["employees_2024"].drop_nulls()
    assert (employees < 100).mean() > 0.9 and (employees < 20).mean() > 0.6  # mostly micro and small
    assert employees.max() > 1_000
    certs = {
        c: ent[c].is_not_null().mean()
        for c in ("cert_hightech_year", "cert_tech_sme_year", "cert_srdi_year", "cert_little_giant_year")
    }
    assert 0.05 <= certs["cert_hightech_year"] <= 0.08
    assert 0.08 <= certs["cert_tech_sme_year"] <= 0.12
    assert 0.012 <= certs["cert_srdi_year"] <= 0.03
    assert certs["cert_little_giant_year"] <= 0.005
    years = ent["cert_hightech_year"].drop_nulls()
    assert years.min() >= 2015 and years.max() == 2024 and years.n_unique() >= 8
    fl = ent.select(
        pl.col("cert_hightech_year").is_not_null().alias("ht"),
        (pl.col("rd_expense_2024").cast(pl.Float64) / pl.col("revenue_2024").cast(pl.Float64)).alias("rd"),
        pl.col("employees_2024").cast(pl.Float64).log().alias("le"),
        pl.col("revenue_2024").cast(pl.Float64).log().alias("lr"),
        pl.col("total_assets_2024").cast(pl.Float64).log().alias("la"),
    ).drop_nulls()
    by = fl.group_by("ht").agg(pl.col("rd").mean()).sort("ht")
    assert by["rd"][1] > 5 * by["rd"][0]  # R&D goes with high-tech status
    corr = np.corrcoef(fl["le"].to_numpy(), fl["lr"].to_numpy())[0, 1]
    assert corr > 0.6
    assert np.corrcoef(fl["lr"].to_numpy(), fl["la"].to_numpy())[0, 1] > 0.7
    assert ent["name"].str.ends_with("公司").all()
    assert n > 15_000


def test_talents_and_institutes_are_plausible(population):
    _, df = population
    talents = df.filter(pl.col("kind") == "talent")
    assert talents["degree"].drop_nulls().is_in(["doctor", "master", "bachelor", "college", "other"]).all()
    assert talents["id_hash"].drop_nulls().str.len_chars().eq(32).all()
    assert (talents["birth_date"].drop_nulls().dt.year() <= 2003).all()
    institutes = df.filter(pl.col("kind") == "institute")
    assert institutes["institute_type"].drop_nulls().n_unique() == 4
    assert institutes["researchers_2024"].drop_nulls().min() >= 1


def test_arguments_are_checked(tmp_path):
    with pytest.raises(ValueError):
        generate(0, 1, tmp_path / "x.parquet")
    with pytest.raises(ValueError):
        generate(10, 1, tmp_path / "x.parquet", missing_rate=1.5)


def test_memory_stays_flat_while_streaming(tmp_path):
    """200k entities in 20k batches: RSS after the first batches does not keep growing."""
    script = textwrap.dedent(f"""
        import json, psutil
        from policyreach.population.generate import generate
        proc, rss = psutil.Process(), []
        generate(200_000, 3, {str(tmp_path / "big.parquet")!r}, batch_size=20_000,
                 progress=lambda done: rss.append(proc.memory_info().rss))
        print(json.dumps(rss))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    rss = json.loads(out.stdout.strip().splitlines()[-1])
    assert len(rss) == 10
    growth_mb = (max(rss[2:]) - rss[1]) / 2**20
    assert growth_mb < 40, f"RSS grew by {growth_mb:.0f} MB while streaming"
    assert pq.ParquetFile(tmp_path / "big.parquet").metadata.num_rows == 200_000


def test_a_small_city_of_another_seed_mixes_kinds_too(tmp_path: Path) -> None:
    """The mix holds on a small city of another seed and year, the size the web tests seed (kept from the old
    library-population suite, whose shares were checked on this sample)."""
    path = tmp_path / "city.parquet"
    generate(4000, 11, path, as_of_year=2026)
    population = pl.read_parquet(path)
    shares = population["kind"].value_counts(normalize=True)
    share = dict(zip(shares["kind"], shares["proportion"], strict=True))
    assert 0.75 < share["enterprise"] < 0.92 and 0.05 < share["talent"] < 0.15 and 0.02 < share["institute"] < 0.1
    assert {f"revenue_{y}" for y in (2023, 2024, 2025)} <= set(population.columns)
