"""Simulation results to XLSX (one sheet per table, Chinese headers) for the finance bureau."""

from __future__ import annotations

from pathlib import Path

import polars as pl
from openpyxl import Workbook
from openpyxl.styles import Font

from policyreach.simulation.compare import Comparison
from policyreach.simulation.dimensions import DIMENSIONS
from policyreach.simulation.simulate import Simulation
from policyreach.workbooks import active_sheet

HEADERS = {
    "benefit_id": "事项编号",
    "title": "兑现事项",
    "policy_id": "政策编号",
    "kind": "类型",
    "department": "主管部门",
    "eligible": "符合主体数",
    "likely": "可能符合",
    "partial": "部分符合",
    "eligible_amount": "符合者金额(万元)",
    "mean_amount": "户均金额(万元)",
    "label": "名称",
    "population": "主体数",
    "entities": "获益主体数",
    "pairs": "事项次数",
    "amount": "金额(万元)",
    "reach": "覆盖率",
    "eligible_reform": "改革后符合主体数",
    "eligible_amount_reform": "改革后金额(万元)",
    "eligible_change": "主体数变化",
    "amount_change": "金额变化(万元)",
    "entities_reform": "改革后获益主体数",
    "amount_reform": "改革后金额(万元)",
    "entity_id": "主体编号",
    "enterprises": "企业数",
    "reached": "覆盖企业数",
    **DIMENSIONS,
}


def _sheet(book: Workbook, title: str, frame: pl.DataFrame) -> None:
    sheet = book.create_sheet(title)
    sheet.append([HEADERS.get(c, c) for c in frame.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in frame.iter_rows():
        sheet.append(list(row))  # Decimal cells stay exact numbers in the workbook


def write_xlsx(path: Path, simulation: Simulation, comparison: Comparison | None = None) -> Path:
    book = Workbook()
    book.remove(active_sheet(book))
    _sheet(book, "兑现事项", simulation.benefits)
    for dim, name in DIMENSIONS.items():
        _sheet(book, f"按{name}", simulation.by(dim))
    _sheet(book, "无人可享事项", simulation.unreached_benefits())
    _sheet(book, "未覆盖行业", simulation.uncovered_industries())
    if comparison is not None:
        _sheet(book, "改革前后对比", comparison.benefits())
        _sheet(book, "新增符合", comparison.gaining())
        _sheet(book, "不再符合", comparison.losing())
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
