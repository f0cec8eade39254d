"""The true city and the observation model behind ``BENCH=truth``."""

from __future__ import annotations

import polars as pl
import pytest

from policyreach.population.truth import DEFAULT, HARSH, ObservationModel, observe, true_city, truth_frame


@pytest.fixture(scope="module")
def truth() -> pl.DataFrame:
    return true_city(6_000, 7)


def _share(frame: pl.DataFrame, expr: pl.Expr) -> float:
    return float(frame.filter(pl.col("kind") == "enterprise").select(expr.mean()).item())


def test_the_truth_misses_nothing_but_facts(truth: pl.DataFrame) -> None:
    # revenue is a figure every living firm has; a certification year is null only for "never"
    living = truth.filter((pl.col("kind") == "enterprise") & (pl.col("established").dt.year() <= 2023))
    assert living["revenue_2024"].null_count() == 0
    frame = truth_frame(truth)
    assert frame["cert_hightech_year__none"].to_list() == truth["cert_hightech_year"].is_null().to_list()


def test_the_default_model_is_as_hard_as_a_city(truth: pl.DataFrame) -> None:
    seen = observe(truth, DEFAULT, 7)
    frame = seen.frame
    assert 0.93 <= _share(frame, pl.col("revenue_2024__verified")) <= 0.97  # filers, minus firms not yet founded
    assert 0.12 <= _share(frame, pl.col("total_assets_2024__verified")) <= 0.25  # 规上 only
    assert 0.75 <= _share(frame, pl.col("employees_2024__verified")) <= 0.85
    # a list names only its members: nobody is sent "not on the 失信 list" as a value
    verified_flags = frame.filter(pl.col("serious_violation__verified"))["serious_violation"]
    assert verified_flags.len() > 0 and verified_flags.all()
    assert frame["cert_hightech_year"].null_count() == truth["cert_hightech_year"].null_count()
    assert seen.covered["cert_hightech_year"] == "science_lists"
    assert 0.07 <= seen.wrong_cells / seen.declared_cells <= 0.13


def test_declarations_are_a_third_of_what_remains_and_never_verified(truth: pl.DataFrame) -> None:
    frame = observe(truth, DEFAULT, 7).frame
    loans = frame.filter(pl.col("kind") == "enterprise")
    given = (
        loans["new_loans_2024"].is_not_null().sum()
        / truth.filter(pl.col("kind") == "enterprise")["new_loans_2024"].is_not_null().sum()
    )
    assert 0.28 <= given <= 0.38
    assert not loans["new_loans_2024__verified"].any()


def test_observation_is_deterministic_and_the_harsh_model_is_harsher(truth: pl.DataFrame) -> None:
    assert observe(truth, DEFAULT, 7).frame.equals(observe(truth, DEFAULT, 7).frame)
    harsh = observe(truth, HARSH, 7)
    assert "cert_srdi_year" not in harsh.covered
    assert _share(harsh.frame, pl.col("employees_2024__verified")) < 0.6


def test_model_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYREACH_TRUTH_TAX_FILING", "0.5")
    monkeypatch.setenv("POLICYREACH_TRUTH_MIIT_LISTS", "0")
    model = ObservationModel.from_env()
    assert model.tax_filing == 0.5 and not model.miit_lists and model.wrong == DEFAULT.wrong
    monkeypatch.setenv("POLICYREACH_TRUTH_WRONG", "1.5")
    with pytest.raises(ValueError, match="WRONG"):
        ObservationModel.from_env()
