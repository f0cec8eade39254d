"""Imports: Chinese/English headers, schema and standards checks, all or nothing, marked error copy."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pytest
from openpyxl import load_workbook

from policyreach.imports import validate_import, write_marked_copy, write_template
from policyreach.imports.headers import HeaderError, chinese_header, match_header
from policyreach.imports.xlsx import ERROR_SHEET, GUIDE_SHEET, TEMPLATE_SHEET
from policyreach.population.catalogue import SOURCES, catalogue

AS_OF = dt.date(2025, 6, 30)
SPEC = {s.name: s for s in catalogue()}


def H(name: str, year: int | None = None) -> str:
    return chinese_header(SPEC[name], year)


def _cell_value(firm: dict, name: str):
    value = firm.get(name)
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


def fill_template(path: Path, firms: list[dict]) -> Path:
    """Fill an import template the way a user does: numbers typed as numbers, flags as 是/否."""
    wb = load_workbook(path)
    ws, guide = wb[TEMPLATE_SHEET], wb[GUIDE_SHEET]
    names = [row[1].value for row in guide.iter_rows(min_row=2) if row[1].value and row[0].value]
    headers = [c.value for c in ws[1]]
    assert len(names) == len(headers)
    for r, firm in enumerate(firms, start=2):
        for c, name in enumerate(names, start=1):
            ws.cell(row=r, column=c, value=_cell_value(firm, name))
    wb.save(path)
    return path


def test_template_has_chinese_headers_units_years_and_a_guide(tmp_path):
    path = write_template(tmp_path / "t.xlsx", "enterprise", as_of_year=2025)
    wb = load_workbook(path)
    assert wb.sheetnames == [TEMPLATE_SHEET, GUIDE_SHEET]
    headers = [c.value for c in wb[TEMPLATE_SHEET][1]]
    assert headers[:2] == [H("uscc"), H("name")]
    assert "营业收入(万元)·2024" in headers  # label(unit)·year
    for expected in (
        H("revenue", 2024),
        H("revenue", 2023),
        H("revenue", 2022),
        H("employees", 2024),
        H("district"),
        H("cert_hightech_year"),
    ):
        assert expected in headers
    assert all(c.value is None for row in wb[TEMPLATE_SHEET].iter_rows(min_row=2) for c in row)  # empty
    guide = {row[1].value: [c.value for c in row] for row in wb[GUIDE_SHEET].iter_rows(min_row=2) if row[1].value}
    assert guide["revenue_2024"][2:6] == [
        f"{SPEC['revenue'].label}（2024年度）",
        "数值",
        "万元",
        SOURCES[SPEC["revenue"].source],
    ]
    assert guide["loan_interest_paid_2024"][5] == SOURCES["self_declared"]
    assert len(guide) == len(headers)
    talent = load_workbook(write_template(tmp_path / "talent.xlsx", "talent", as_of_year=2025))
    assert H("degree") in [c.value for c in talent[TEMPLATE_SHEET][1]]


def test_template_round_trip_imports_three_rows(tmp_path, sample_firms):
    path = fill_template(write_template(tmp_path / "t.xlsx", "enterprise", as_of_year=2025), sample_firms[:3])
    result = validate_import(path, None, "enterprise", as_of=AS_OF)
    assert result.ok, [str(e) for e in result.errors]
    assert len(result.rows) == 3
    for row, firm in zip(result.rows, sample_firms[:3], strict=True):
        assert row["uscc"] == firm["uscc"]
        assert isinstance(row["revenue_2024"], Decimal) and row["revenue_2024"] == firm["revenue_2024"]
        assert row["tax_paid_2023"] == firm["tax_paid_2023"]  # to the 分: 6 places survive the float cell
        assert row["established"] == firm["established"]
        assert row["district"] == firm["district"]
    table = result.table()
    assert table.num_rows == 3 and table.schema.field("revenue_2024").type == pa.decimal128(18, 6)
    assert not any(table.column("revenue_2024__verified").to_pylist())  # an upload is self-declared


def test_broken_xlsx_imports_nothing_and_marks_the_bad_cells(tmp_path, sample_firms):
    path = fill_template(write_template(tmp_path / "broken.xlsx", "enterprise", as_of_year=2025), sample_firms[:4])
    wb = load_workbook(path)
    ws = wb[TEMPLATE_SHEET]
    col = {c.value: c.column_letter for c in ws[1]}
    good = ws["A2"].value
    bad_uscc = good[:-1] + ("0" if good[-1] != "0" else "1")
    ws[f"{col[H('uscc')]}2"] = bad_uscc
    ws[f"{col[H('revenue', 2024)]}3"] = "约五百万"
    ws[f"{col[H('district')]}4"] = "长白山区"
    ws[f"{col[H('total_assets', 2023)]}5"] = 1.1234567
    wb.save(path)

    result = validate_import(path, None, "enterprise", as_of=AS_OF)
    assert not result.ok and result.rows == []
    found = {(e.row, e.column): e for e in result.errors}
    assert set(found) == {(2, H("uscc")), (3, H("revenue", 2024)), (4, H("district")), (5, H("total_assets", 2023))}
    assert "统一社会信用代码" in found[(2, H("uscc"))].reason
    assert found[(3, H("revenue", 2024))].value == "约五百万"
    assert "数值" in found[(3, H("revenue", 2024))].reason
    assert "长春市" in found[(4, H("district"))].reason
    assert "小数位数" in found[(5, H("total_assets", 2023))].reason

    marked = write_marked_copy(result, tmp_path / "marked.xlsx")
    wb = load_workbook(marked)
    ws = wb[TEMPLATE_SHEET]
    for error in result.errors:
        cell = ws[error.cell]
        assert cell.fill.fgColor.rgb.endswith("FF9999"), error.cell
        assert cell.comment is not None and error.reason in cell.comment.text
    assert ws["B2"].fill.fgColor.rgb in (None, "00000000")  # untouched cells stay unmarked
    sheet = wb[ERROR_SHEET]
    listed = [(r[0].value, r[1].value, r[2].value) for r in sheet.iter_rows(min_row=2, max_row=len(result.errors) + 1)]
    assert (3, f"{col[H('revenue', 2024)]}3", H("revenue", 2024)) in listed


def test_csv_with_english_headers_in_gbk(tmp_path, sample_firms):
    firm = sample_firms[0]
    header = "uscc,name,district,industry,revenue_2024,employees_2024,listed,established,ownership"
    line = f'{firm["uscc"]},{firm["name"]},南关区,{firm["industry"]},"1,234.5",12,否,2019/5/8,民营'
    path = tmp_path / "firms.csv"
    path.write_bytes(f"{header}\r\n{line}\r\n\r\n".encode("gb18030"))
    result = validate_import(path, None, "enterprise", as_of=AS_OF)
    assert result.ok, [str(e) for e in result.errors]
    row = result.rows[0]
    assert row["district"] == "220102" and row["revenue_2024"] == Decimal("1234.5")
    assert row["listed"] is False and row["established"] == dt.date(2019, 5, 8) and row["ownership"] == "private"


def test_csv_errors_point_at_line_and_header_and_get_a_marked_copy(tmp_path, sample_firms):
    a, b = sample_firms[0], sample_firms[1]
    path = tmp_path / "bad.csv"
    path.write_text(
        f"统一社会信用代码,名称,{H('employees', 2024)},营业收入(万元)·2024,行业代码\n"
        f"{a['uscc']},{a['name']},12.5,100,C36\n"
        f"{a['uscc']},{b['name']},3,-5,C99\n",
        encoding="utf-8",
    )
    result = validate_import(path, None, "enterprise", as_of=AS_OF)
    got = {(e.row, e.column, e.cell) for e in result.errors}
    assert got == {
        (2, H("employees", 2024), "C2"),
        (3, "统一社会信用代码", "A3"),
        (3, "营业收入(万元)·2024", "D3"),
        (3, "行业代码", "E3"),
    }
    assert any("重复" in e.reason for e in result.errors)
    wb = load_workbook(write_marked_copy(result, tmp_path / "bad.marked.xlsx"))
    assert wb.worksheets[0]["C2"].comment is not None and ERROR_SHEET in wb.sheetnames


def test_headers_units_and_unknown_columns(tmp_path, sample_firms):
    specs = catalogue()
    assert match_header("营业收入（万元）· 2024", specs).name == "revenue_2024"
    assert match_header("2023年营业收入", specs).name == "revenue_2023"
    assert match_header("revenue_2022", specs).name == "revenue_2022"
    assert match_header("首台(套)重大技术装备认定年份", specs).name == "cert_first_set_year"
    with pytest.raises(HeaderError, match="年份"):
        match_header("营业收入(万元)", specs)
    with pytest.raises(HeaderError, match="单位"):
        match_header("营业收入(美元)·2024", specs)
    firm = sample_firms[0]
    path = tmp_path / "units.csv"
    path.write_text(
        f"统一社会信用代码,名称,营业收入(元)·2024,利润率\n{firm['uscc']},{firm['name']},12345678,3\n", encoding="utf-8"
    )
    result = validate_import(path, None, "enterprise", as_of=AS_OF)
    assert [(e.row, e.column, e.cell) for e in result.errors] == [(1, "利润率", "D1")]
    path.write_text(
        f"统一社会信用代码,名称,营业收入(元)·2024\n{firm['uscc']},{firm['name']},12345678\n", encoding="utf-8"
    )
    result = validate_import(path, None, "enterprise", as_of=AS_OF)
    assert result.ok and result.rows[0]["revenue_2024"] == Decimal("1234.5678")


def test_provenance_only_an_authoritative_batch_verifies_its_own_attributes(tmp_path, sample_firms):
    firm = sample_firms[0]
    path = tmp_path / "tax.csv"
    path.write_text(
        "统一社会信用代码,名称,营业收入(万元)·2024,从业人员(人)·2024,revenue_2024__verified\n"
        f"{firm['uscc']},{firm['name']},100.25,7,true\n",
        encoding="utf-8",
    )
    upload = validate_import(path, None, "enterprise", as_of=AS_OF)
    assert upload.ok and upload.warnings  # the __verified column is ignored
    assert upload.table().column("revenue_2024__verified").to_pylist() == [False]
    officer = validate_import(path, None, "enterprise", source="tax", batch_id="tax-2025-06", as_of=AS_OF)
    table = officer.table()
    assert table.column("revenue_2024__verified").to_pylist() == [True]
    assert table.column("employees_2024__verified").to_pylist() == [False]  # HR's attribute, not tax's
    assert table.schema.metadata[b"policyreach.batch_id"] == b"tax-2025-06"
    no_batch = validate_import(path, None, "enterprise", source="tax", as_of=AS_OF)
    assert not no_batch.ok and "批次" in no_batch.errors[0].reason


def test_required_columns_and_empty_files(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("名称\n", encoding="utf-8")
    result = validate_import(path, None, "enterprise", as_of=AS_OF)
    reasons = " ".join(e.reason for e in result.errors)
    assert "统一社会信用代码" in reasons and "没有数据行" not in reasons
    path.write_text("统一社会信用代码,名称\n", encoding="utf-8")
    assert "没有数据行" in validate_import(path, None, "enterprise", as_of=AS_OF).errors[0].reason


@pytest.mark.parametrize("kind", ["enterprise", "institute", "talent"])
def test_generated_population_passes_its_own_import(tmp_path, kind):
    """Every generated value is valid for the importer: codes, standards, types, units, places."""
    import polars as pl

    from policyreach.population.generate import generate

    generate(3_000, 8, tmp_path / "pop.parquet", csv=True)
    csv = pl.read_csv(tmp_path / "pop.csv", infer_schema_length=0).filter(pl.col("kind") == kind)
    csv.write_csv(tmp_path / f"{kind}.csv")
    result = validate_import(tmp_path / f"{kind}.csv", None, kind, as_of=AS_OF)
    assert result.ok, [str(e) for e in result.errors[:5]]
    assert len(result.rows) == csv.height
    assert any("__verified" in w for w in result.warnings)
    frame = pl.read_parquet(tmp_path / "pop.parquet").filter(pl.col("kind") == kind)
    column = "revenue_2024" if kind == "enterprise" else "researchers_2024" if kind == "institute" else "degree"
    assert [r.get(column) for r in result.rows] == frame[column].to_list()


def test_an_entity_id_longer_than_its_column_is_a_cell_error(tmp_path, sample_firms):
    """The entities table holds 32 characters of an entity id: a longer one is named like any bad cell, never
    left to the database (a batch copies its new entities in)."""
    a = sample_firms[0]
    path = tmp_path / "long.csv"
    path.write_text(f"entity_id,统一社会信用代码,名称\n{'E' * 40},{a['uscc']},{a['name']}\n", encoding="utf-8")
    result = validate_import(path, None, "enterprise", as_of=AS_OF)
    assert [(e.row, e.column, e.cell) for e in result.errors] == [(2, "entity_id", "A2")]
    assert "最多 32 个字符" in result.errors[0].reason and not result.rows
