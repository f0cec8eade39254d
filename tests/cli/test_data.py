"""The data commands, driven through Typer's CliRunner."""

from __future__ import annotations

import polars as pl
import pyarrow.parquet as pq
from openpyxl import load_workbook
from typer.testing import CliRunner

from policyreach.cli.data import data_app
from policyreach.imports.xlsx import ERROR_SHEET, TEMPLATE_SHEET
from tests.imports.test_imports import fill_template

runner = CliRunner()


def test_generate_writes_parquet_and_csv(tmp_path):
    out = tmp_path / "pop.parquet"
    result = runner.invoke(
        data_app,
        [
            "generate",
            "--entities",
            "1000",
            "--seed",
            "7",
            "--out",
            str(out),
            "--csv",
            "--missing-rate",
            "0.1",
            "--self-declared-rate",
            "0.2",
        ],
    )
    assert result.exit_code == 0, result.output
    assert pq.ParquetFile(out).metadata.num_rows == 1000
    assert pl.read_csv(out.with_suffix(".csv"), infer_schema_length=0).height == 1000
    assert "1,000" in result.output
    bad = runner.invoke(data_app, ["generate", "--entities", "0", "--out", str(out), "-q"])
    assert bad.exit_code == 2


def test_template_then_import_round_trip(tmp_path, sample_firms):
    template = tmp_path / "企业导入模板.xlsx"
    result = runner.invoke(
        data_app, ["template", "--out", str(template), "--kind", "enterprise", "--as-of-year", "2025"]
    )
    assert result.exit_code == 0, result.output
    fill_template(template, sample_firms[:3])
    out = tmp_path / "imported.parquet"
    result = runner.invoke(
        data_app,
        [
            "import",
            str(template),
            "--kind",
            "enterprise",
            "--source",
            "tax",
            "--batch-id",
            "B-001",
            "--out",
            str(out),
            "--as-of",
            "2025-06-30",
        ],
    )
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert table.num_rows == 3 and table.column("revenue_2024__verified").to_pylist() == [True] * 3


def test_import_of_a_broken_file_exits_1_with_a_marked_copy(tmp_path, sample_firms):
    template = tmp_path / "t.xlsx"
    runner.invoke(data_app, ["template", "--out", str(template), "--as-of-year", "2025"])
    fill_template(template, sample_firms[:2])
    wb = load_workbook(template)
    wb[TEMPLATE_SHEET]["A3"] = "91220102MA0000000X"
    wb.save(template)
    marked = tmp_path / "marked.xlsx"
    out = tmp_path / "never.parquet"
    result = runner.invoke(
        data_app, ["import", str(template), "--out", str(out), "--errors-out", str(marked), "--as-of", "2025-06-30"]
    )
    assert result.exit_code == 1
    assert not out.exists()
    wb = load_workbook(marked)
    assert wb[TEMPLATE_SHEET]["A3"].comment is not None and ERROR_SHEET in wb.sheetnames
    unknown = runner.invoke(data_app, ["import", str(template), "--source", "weather"])
    assert unknown.exit_code == 2
