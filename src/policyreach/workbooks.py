"""The one place that knows what kind of sheet an XLSX workbook made or edited here starts on."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet


def active_sheet(book: Workbook) -> Worksheet:
    """The active sheet of a new workbook (``Workbook()``) or of one loaded for editing.

    openpyxl types ``active`` as possibly absent or a chart sheet, since a workbook may hold neither or
    only charts; a new workbook always opens on one worksheet, so anything else is a bug here.
    """
    sheet = book.active
    if not isinstance(sheet, Worksheet):
        raise TypeError(f"expected a worksheet, got {type(sheet).__name__}")
    return sheet
