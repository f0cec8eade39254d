"""Simulation over a generated population, reforms against the baseline, and the XLSX export."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
from openpyxl import load_workbook

from policyreach.engine.entity import record_from_row
from policyreach.engine.match import match_entity
from policyreach.population.generate import generate
from policyreach.rules.errors import RuleError, RuleErrors
from policyreach.rules.library import compile_library
from policyreach.simulation.compare import Comparison
from policyreach.simulation.export import write_xlsx
from policyreach.simulation.reform import Reform, apply_reform, load_reform, reform_test_report
from policyreach.simulation.simulate import simulate
from tests.conftest import FIXTURES

AS_OF = dt.date(2025, 6, 1)
LIBRARY = [FIXTURES / "library"]


@pytest.fixture(scope="module")
def population(tmp_path_factory: pytest.TempPathFactory) -> pl.DataFrame:
    path = tmp_path_factory.mktemp("sim") / "pop.parquet"
    generate(3000, 5, path, as_of_year=AS_OF.year, missing_rate=0.02)
    return pl.read_parquet(path)


@pytest.fixture(scope="module")
def baseline(fixture_library, population):
    return simulate(compile_library(fixture_library, AS_OF), population)


def test_counts_and_amounts_agree_with_single_entity_matching(baseline, population, fixture_schema) -> None:
    compiled = baseline.compiled
    expected: dict[str, list] = {b.id: [0, 0, 0, Decimal(0)] for b in compiled.benefits}
    reached = set()
    for row in population.iter_rows(named=True):
        for match in match_entity(compiled, record_from_row(row, fixture_schema)):
            position = {"eligible": 0, "likely": 1, "partial": 2}[match.status]
            expected[match.benefit.id][position] += 1
            if match.status == "eligible":
                expected[match.benefit.id][3] += match.amount or 0
            if match.status in ("eligible", "likely"):
                reached.add(row["entity_id"])
    got = {
        r["benefit_id"]: [r["eligible"], r["likely"], r["partial"], r["eligible_amount"]]
        for r in baseline.benefits.iter_rows(named=True)
    }
    assert got == expected
    assert baseline.reached == len(reached)
    assert sum(v[0] for v in expected.values()) > 0 and sum(v[1] for v in expected.values()) > 0


@pytest.mark.parametrize("dimension", ["district", "section", "division", "size_class", "functional_area", "age_band"])
def test_splits_add_up(baseline, population, dimension: str) -> None:
    split = baseline.by(dimension)
    assert split["population"].sum() == population.height
    # each payout's split adds up to its own total; total_amount is the cash one
    assert baseline.totals and baseline.total_amount == baseline.totals["cash"]
    for payout, total in baseline.totals.items():
        assert baseline.by(dimension, payout=payout)["amount"].sum() == total
    assert "" not in split["label"].to_list()


def test_size_split_uses_the_standard(baseline) -> None:
    labels = set(baseline.by("size_class")["label"])
    assert {"微型", "小型"} <= labels and "未知或不适用" in labels  # talents have no size


def _reform(tmp_path: Path, text: str) -> Reform:
    path = tmp_path / "reform.yaml"
    path.write_text(text, encoding="utf-8")
    return load_reform(path)


def test_parameter_reform_changes_cost_exactly(tmp_path, fixture_schema, fixture_library, baseline, population) -> None:
    plan = _reform(tmp_path, "id: r1\ntitle: 奖励提高到50万元\nparameters:\n  test-hightech.hightech_award: 50\n")
    reformed = apply_reform(LIBRARY, fixture_schema, plan)
    comparison = Comparison(baseline, simulate(compile_library(reformed, AS_OF), population))
    award = baseline.benefits.filter(pl.col("benefit_id") == "test-hightech-award").row(0, named=True)
    assert comparison.cost_change == award["eligible"] * Decimal(50 - 20)
    assert comparison.gaining().height == 0 and comparison.losing().height == 0
    failures = reform_test_report(reformed).failures or []
    assert any("amount 应为 20，实为 50" in str(f) for f in failures)


def test_threshold_reform_moves_entities(tmp_path, fixture_schema, baseline, population) -> None:
    plan = _reform(
        tmp_path,
        """id: r2
title: 研发补助门槛降为1000万元
benefits:
  - edit: test-rd-subsidy
    conditions:
      - {expr: rd_ratio >= 3, clause: "3"}
      - {expr: "revenue[last_year] >= 1000", clause: "3"}
      - {expr: district in CHANGCHUN_DISTRICTS, clause: "1"}
""",
    )
    comparison = Comparison(
        baseline, simulate(compile_library(apply_reform(LIBRARY, fixture_schema, plan), AS_OF), population)
    )
    gaining = comparison.gaining()
    assert gaining.height > 0 and comparison.losing().height == 0
    assert set(gaining["benefit_id"]) == {"test-rd-subsidy"}
    assert comparison.cost_change == gaining["amount"].sum()


def test_bad_reform_is_refused_with_its_file(tmp_path, fixture_schema) -> None:
    plan = _reform(
        tmp_path,
        """id: r3
title: 错误的方案
benefits:
  - edit: test-rd-subsidy
    conditions:
      - {expr: "revenue[last_year] >= banana", clause: "3"}
""",
    )
    with pytest.raises(RuleErrors) as info:
        apply_reform(LIBRARY, fixture_schema, plan, "reform.yaml")
    message = str(info.value.errors[0])
    assert "reform.yaml" in message and "banana" in message and "test-rd-subsidy" in message
    unknown = _reform(tmp_path, "id: r4\ntitle: x\nparameters:\n  test-hightech.nope: 1\n")
    with pytest.raises(RuleError, match="不存在的参数"):
        apply_reform(LIBRARY, fixture_schema, unknown)


def test_xlsx_export(tmp_path, baseline) -> None:
    path = write_xlsx(tmp_path / "sim.xlsx", baseline)
    book = load_workbook(path)
    assert {"兑现事项", "按区县", "按企业规模", "未覆盖行业"} <= set(book.sheetnames)
    sheet = book["兑现事项"]
    assert sheet["B1"].value == "兑现事项" and sheet.max_row == len(baseline.compiled.benefits) + 1


def test_a_reform_that_adds_a_benefit_must_say_its_payout_and_tax_is_never_cash(
    tmp_path, fixture_schema, baseline, population
) -> None:
    added = """id: r5
title: 新增研发税收优惠测算
benefits:
  - add:
      id: test-rd-tax
      title: 研发费用税前加计扣除（测算）
      kind: other
      {payout}department: 税务局
      conditions:
        - {{expr: rd_ratio >= 3, clause: "3"}}
      amount: {{formula: "10", unit: 万元, clause: "3"}}
      application: {{department: 税务局, channel: 电子税务局}}
    policy: test-hightech
"""
    with pytest.raises(RuleErrors, match="payout"):
        apply_reform(LIBRARY, fixture_schema, _reform(tmp_path, added.format(payout="")), "reform.yaml")
    plan = _reform(tmp_path, added.format(payout="payout: tax\n      "))
    comparison = Comparison(
        baseline, simulate(compile_library(apply_reform(LIBRARY, fixture_schema, plan), AS_OF), population)
    )
    before, after, change = comparison.changes()["tax"]
    assert before == 0 and after == change > 0
    assert comparison.cost_change == 0  # tax forgone is not a cash cost
