"""``policyreach match`` refuses an amount past the engine's exact range in one Chinese line naming the benefit."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from policyreach.cli import app
from policyreach.population.generate import generate

ROOT = Path(__file__).resolve().parents[2]

POLICY = """\
id: big
title: 大额测试政策
issuer: 长春市科技局
level: city
region: "220100"
valid_from: 2025-01-01
source: 测试
clauses: {"1": 第一条 按上年度营业收入的若干倍给予奖励。}
benefits:
  - id: b0
    title: 营业收入倍数奖励
    kind: subsidy
    payout: cash
    department: 长春市科技局
    subjects: [enterprise]
    conditions:
      - {expr: 'revenue[last_year] > 0', clause: '1'}
    amount: {formula: 'revenue[last_year] * FACTOR', clause: '1'}
    application: {department: 长春市科技局, channel: 网上}
"""


@pytest.mark.parametrize("engine", ["numba", "polars"])
def test_an_amount_past_the_exact_range_is_refused_naming_the_benefit(
    engine: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Revenue of up to ≈ 2 × 10^4 万元 times 10^9 leaves Int64's millionths above ≈ 9,200 万元: the population
    sorted by revenue, the first batches fit and are written before a later one is refused: exit 1 with the
    benefit's name, no traceback, and no half-written output left. Times 10^6 every amount fits and is written."""
    monkeypatch.setenv("POLICYREACH_ENGINE", engine)
    population = tmp_path / "population.parquet"
    generate(200, 2025, population, as_of_year=2026)
    pl.read_parquet(population).sort("revenue_2025", nulls_last=False).write_parquet(population)
    results = {}
    for factor in ("1000000000", "1000000"):
        library = tmp_path / f"library-{factor}"
        library.mkdir()
        (library / "big.yaml").write_text(POLICY.replace("FACTOR", factor), encoding="utf-8")
        out = tmp_path / f"out-{factor}"
        args = ["match", "--input", str(population), "--out", str(out), "--library", str(library), "--batch-size", "40"]
        results[factor] = CliRunner().invoke(app, [*args, "--schema", str(ROOT / "schema"), "--as-of", "2026-06-01"])
    refused, fits = results["1000000000"], results["1000000"]
    assert refused.exit_code == 1, refused.output
    assert "“营业收入倍数奖励”的金额公式算出的金额超出可精确计算的范围" in refused.output
    assert refused.exception is None or isinstance(refused.exception, SystemExit)
    assert not list((tmp_path / "out-1000000000").rglob("*.parquet"))  # the batches before the refused one too
    assert fits.exit_code == 0 and "条匹配结果" in fits.output, fits.output
