"""The readers every import path uses: zip containers checked before parsing, CSV in UTF-8 or GBK, clear errors."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from policyreach.extract.documents import read_document
from policyreach.imports.validate import validate_import
from policyreach.workbooks import UnreadableFile, check_zip, decode_text, load_xlsx, read_csv

INFLATED = 100 * 2**20  # what the attacker's 100 KB file became in the parser


def xlsx_bytes(bomb: int = 0) -> bytes:
    """A real workbook; with ``bomb`` bytes of zeros added as one more member (deflated to about a thousandth)."""
    book = Workbook()
    book.active.append(["统一社会信用代码", "名称"])
    buffer = io.BytesIO()
    book.save(buffer)
    if bomb:
        with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("xl/media/image1.bin", bytes(bomb))
    return buffer.getvalue()


@pytest.fixture(scope="session")
def bomb() -> bytes:
    data = xlsx_bytes(INFLATED)
    assert len(data) < 200 * 1024  # small on the wire
    return data


def test_a_zip_bomb_is_refused_before_parsing(bomb, tmp_path) -> None:
    with pytest.raises(UnreadableFile, match="解压后过大"):
        check_zip(bomb, "名单.xlsx")
    with pytest.raises(UnreadableFile, match="解压后过大"):
        load_xlsx(bomb, "名单.xlsx")
    path = tmp_path / "名单.xlsx"
    path.write_bytes(bomb)
    result = validate_import(path)
    assert not result.ok and "解压后过大" in str(result.errors[0])
    docx = tmp_path / "政策.docx"
    docx.write_bytes(bomb)
    with pytest.raises(UnreadableFile, match="解压后过大"):
        read_document(docx)
    check_zip(xlsx_bytes(), "名单.xlsx")  # a real workbook passes


def test_too_many_members_and_a_damaged_container_are_refused(monkeypatch) -> None:
    monkeypatch.setenv("POLICYREACH_ZIP_MAX_MEMBERS", "3")
    with pytest.raises(UnreadableFile, match="内部文件过多"):
        check_zip(xlsx_bytes(), "名单.xlsx")
    with pytest.raises(UnreadableFile, match="不是有效的"):
        check_zip(b"PK\x03\x04" + b"\x00" * 100, "名单.xlsx")


def test_csv_is_read_as_utf8_with_or_without_bom_or_gbk() -> None:
    text = "名称,营业收入\n长春一汽,100\n"
    for raw in (text.encode("utf-8"), text.encode("utf-8-sig"), text.encode("gbk"), text.encode("gb18030")):
        header, rows = read_csv(raw, "a.csv")
        assert header == ["名称", "营业收入"] and rows == [(2, ["长春一汽", "100"])]


def test_a_binary_or_broken_csv_gets_a_clear_chinese_error(tmp_path) -> None:
    with pytest.raises(UnreadableFile, match=r"无法识别.*编码"):
        decode_text(b"\xff\xfe\x00\x00\x80\x81", "a.csv")
    with pytest.raises(UnreadableFile, match=r"无法识别.*编码"):
        decode_text(b"abc\x00def", "a.csv")  # decodes, but a NUL means a binary file
    huge = b'"' + b"x" * 200_000 + b'"\n'  # beyond the csv module's field limit
    with pytest.raises(UnreadableFile, match="格式有误"):
        read_csv(b"a,b\n" + huge, "a.csv")
    path = tmp_path / "broken.csv"
    path.write_bytes(b"\xff\xfe\x00\x00\x80\x81")
    result = validate_import(path)
    assert not result.ok and "编码" in str(result.errors[0])


def test_a_gbk_registry_import_checks_each_number_against_its_declared_range(tmp_path: Path) -> None:
    text = "统一社会信用代码,名称,注册资本（万元）\n91220101MA0000001X,长春甲,-5\n91220101MA0000002X,长春乙,1e308\n"
    path = tmp_path / "gbk.csv"
    path.write_bytes(text.encode("gbk"))
    result = validate_import(path)
    assert result.data_rows == 2 and not result.ok and not result.rows  # all or nothing
    capital = [e for e in result.errors if e.column.startswith("注册资本")]
    assert [e.row for e in capital] == [2, 3]
    assert "不能为负数" in capital[0].reason and "数值过大" in capital[1].reason
