"""The one place that reads what people upload: XLSX and DOCX (zip containers) and CSV or plain text.

Every import path goes through here (imports, bank files, policy documents, materials), so that the limits hold
everywhere at once: a zip container is checked for its total inflated size and its member count *before* a parser
opens it (an XLSX of 100 KB may inflate to gigabytes), and text is read as UTF-8 (with or without a BOM) or
GBK/GB18030 (what Excel in China saves), with a clear Chinese error otherwise. Errors are :class:`UnreadableFile`
(a ``ValueError``) whose message is meant for the person who uploaded the file.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from policyreach import settings

ZIP_SIGNATURE = b"PK\x03\x04"
TEXT_ENCODINGS = ("utf-8-sig", "gb18030")  # UTF-8 with or without a BOM, then GBK's superset


class UnreadableFile(ValueError):
    """A file refused before or while it is read; the message (Chinese) says why and what to upload instead."""


def active_sheet(book: Workbook) -> Worksheet:
    """The active sheet of a new workbook (``Workbook()``) or of one loaded for editing.

    openpyxl types ``active`` as possibly absent or a chart sheet, since a workbook may hold neither or
    only charts; a new workbook always opens on one worksheet, so anything else is a bug here.
    """
    sheet = book.active
    if not isinstance(sheet, Worksheet):
        raise TypeError(f"expected a worksheet, got {type(sheet).__name__}")
    return sheet


def _mb(size: int) -> str:
    return f"{size / 2**20:.0f} MB"


def check_zip(source: Path | bytes | IO[bytes], name: str = "文件") -> None:
    """Refuse a zip container (XLSX, DOCX) that is not one, holds too many members or inflates too far.

    The sizes are those the archive declares; zipfile stops inflating a member at its declared size and checks its
    CRC, so a file that lies about them fails to read instead of inflating further.
    """
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise UnreadableFile(f"“{name}”不是有效的 XLSX/DOCX 文件（文件已损坏或格式不符）") from exc
    if len(members) > settings.zip_max_members():
        raise UnreadableFile(f"“{name}”包含的内部文件过多（{len(members)} 个），不予读取")
    inflated = sum(m.file_size for m in members)
    if inflated > settings.zip_max_inflated_bytes():
        raise UnreadableFile(
            f"“{name}”解压后过大（{_mb(inflated)}，上限 {_mb(settings.zip_max_inflated_bytes())}），"
            "疑似压缩炸弹，不予读取"
        )


def load_xlsx(source: Path | bytes, name: str = "文件", **options: Any) -> Workbook:
    """An XLSX workbook through openpyxl, after :func:`check_zip`; ``options`` go to ``load_workbook``."""
    from openpyxl import load_workbook  # ~70 ms to import: paid only when a workbook is read

    if isinstance(source, bytes):
        check_zip(source, name)
    else:
        with Path(source).open("rb") as handle:
            check_zip(handle, name)
    try:
        return load_workbook(io.BytesIO(source) if isinstance(source, bytes) else source, **options)
    except UnreadableFile:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook: all mean "cannot read this"
        raise UnreadableFile(f"无法读取“{name}”：请上传用 Excel 保存的 .xlsx 文件") from exc


def decode_text(raw: bytes, name: str = "文件") -> str:
    """Text as UTF-8 (with or without a BOM) or GBK/GB18030; UnreadableFile for anything else (a binary file)."""
    for encoding in TEXT_ENCODINGS:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:  # decodes, but a text file has no NUL: a binary file renamed
            break
        return text
    raise UnreadableFile(f"无法识别“{name}”的文字编码：请另存为 UTF-8 或 GBK 编码的 CSV/文本文件")


def read_csv(raw: bytes, name: str = "文件") -> tuple[list[str], list[tuple[int, list[str]]]]:
    """(header cells, [(line number as an editor shows it, cells)]) of a CSV in UTF-8 or GBK."""
    text = decode_text(raw, name)
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[int, list[str]]] = []
    header: list[str] = []
    try:
        for record in reader:
            line = reader.line_num  # physical line where the record ends: what an editor shows
            if not header:
                header = record
                continue
            rows.append((line, record))  # the reader gives a new list per record
    except csv.Error as exc:  # an unclosed quote, a field beyond the csv module's limit, a NUL
        raise UnreadableFile(f"“{name}”第 {reader.line_num} 行格式有误，无法按 CSV 读取：{exc}") from exc
    return header, rows
