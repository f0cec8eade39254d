"""XLSX files for people: the empty import template and the marked copy of a refused upload."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from policyreach.imports.headers import chinese_header
from policyreach.imports.validate import (
    FILE_COLUMN,
    REQUIRED,
    ImportResult,
    column_letter,
    data_sheet,
    read_rows,
)
from policyreach.population.catalogue import KIND_ZH, KINDS, SOURCES, Spec, catalogue, years_for

TEMPLATE_SHEET = "导入模板"
GUIDE_SHEET = "填写说明"
ERROR_SHEET = "错误说明"
RED = "FFFF9999"
HEADER_FILL = "FFDDEBF7"
TYPE_ZH = {"decimal": "数值", "integer": "整数", "boolean": "是/否", "string": "文本/代码", "date": "日期"}


def template_columns(kind: str, as_of_year: int, schema: Any = None) -> list[tuple[str, Spec, int | None]]:
    """(Chinese header, spec, year) for every stored attribute of ``kind``; yearly ones for three years."""
    specs = schema if isinstance(schema, list) else catalogue(schema)
    out: list[tuple[str, Spec, int | None]] = []
    required = REQUIRED[kind]
    ordered = sorted(
        (s for s in specs if kind in s.kinds),
        key=lambda s: (s.name not in required, required.index(s.name) if s.name in required else 0),
    )
    for spec in ordered:
        if spec.yearly:
            out.extend((chinese_header(spec, y), spec, y) for y in reversed(years_for(as_of_year)))
        else:
            out.append((chinese_header(spec), spec, None))
    return out


def _allowed(spec: Spec) -> str:
    if spec.values:
        return "、".join(f"{v}（{spec.value_labels[v]}）" if v in spec.value_labels else v for v in spec.values)
    return {
        "USCC": "18位统一社会信用代码（GB 32100-2015），校验位必须正确",
        "GBT4754": "国民经济行业分类（GB/T 4754-2017）门类字母+大类两位数字，如 C36",
        "CHANGCHUN_DIVISIONS": "长春市区县代码（GB/T 2260）或名称，如 220102 或 南关区",
        "CHANGCHUN_FUNCTIONAL_AREAS": "功能区代码或名称，如 cc_gaoxin 或 长春高新技术产业开发区；不在功能区则留空",
    }.get(
        spec.codeset or "",
        {
            "boolean": "是 / 否",
            "date": "日期，如 2020-05-18",
            "decimal": f"数值，单位{spec.unit}，最多6位小数" if spec.unit else "数值，最多6位小数",
            "integer": "年份（四位数字），未获得则留空"
            if spec.name.endswith("_year")
            else f"整数{('，单位' + spec.unit) if spec.unit else ''}",
        }.get(str(spec.type), "文本"),
    )


def write_template(out: Path | str, kind: str = "enterprise", *, as_of_year: int, schema: Any = None) -> Path:
    """An empty import template: headers with units and years, and a sheet explaining each column."""
    # openpyxl takes ~70 ms to import: the web app and the CLI pay it only when a workbook is written
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    from policyreach.workbooks import active_sheet

    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    cols = template_columns(kind, as_of_year, schema)
    wb = Workbook()
    ws = active_sheet(wb)
    ws.title = TEMPLATE_SHEET
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    bold = Font(bold=True)
    yes_no = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
    ws.add_data_validation(yes_no)
    for index, (header, spec, year) in enumerate(cols, start=1):
        cell = ws.cell(row=1, column=index, value=header)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        english = f"{spec.name}_{year}" if year else spec.name
        cell.comment = Comment(f"{english}\n{_allowed(spec)}", "政策通")
        letter = column_letter(index)
        ws.column_dimensions[letter].width = max(12, min(40, len(header) * 2 + 2))
        if str(spec.type) == "boolean":
            yes_no.add(f"{letter}2:{letter}5000")
        elif spec.values and len(",".join(spec.values)) < 250:
            dv = DataValidation(type="list", formula1='"' + ",".join(spec.values) + '"', allow_blank=True)
            ws.add_data_validation(dv)
            dv.add(f"{letter}2:{letter}5000")
        if str(spec.type) in ("string",) or spec.codeset:
            for row in range(2, 502):  # codes stay text: 220102 must not become a number
                ws.cell(row=row, column=index).number_format = "@"
    ws.freeze_panes = "C2"
    ws.row_dimensions[1].height = 36

    guide = wb.create_sheet(GUIDE_SHEET)
    titles = ["列标题", "英文列名", "名称", "类型", "单位", "数据来源", "必填", "填写说明"]
    guide.append(titles)
    for cell in guide[1]:
        cell.font, cell.fill = bold, fill
    required = REQUIRED[kind]
    for header, spec, year in cols:
        guide.append(
            [
                header,
                f"{spec.name}_{year}" if year else spec.name,
                spec.label + (f"（{year}年度）" if year else ""),
                TYPE_ZH.get(str(spec.type), str(spec.type)),
                spec.unit or "",
                SOURCES.get(spec.source, spec.source),
                "是" if spec.name in required else "否",
                _allowed(spec) + (f"；{spec.description}" if spec.description else ""),
            ]
        )
    for letter, width in zip("ABCDEFGH", (34, 30, 30, 10, 8, 22, 6, 60), strict=True):
        guide.column_dimensions[letter].width = width
    guide.append([])
    guide.append(
        [
            f"说明：本模板用于导入{KIND_ZH[kind]}数据。数值按列标题中的单位填写，最多6位小数；"
            "按年度填报的指标在列标题中注明年份；自行上传的数据均视为“自行填报”，"
            "由主管部门核验后方为已核验数据。任一单元格有误，整个文件不予导入，并返回标注错误的副本。"
        ]
    )
    wb.save(out)
    return out


def write_marked_copy(result: ImportResult, out: Path | str) -> Path:
    """The upload as XLSX with every bad cell filled red and commented, plus an "错误说明" sheet."""
    from openpyxl import Workbook  # see write_template
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    from policyreach.workbooks import active_sheet, load_xlsx

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    src = result.path
    if src.suffix.lower() in (".xlsx", ".xlsm"):
        wb = load_xlsx(src, src.name)
        ws = data_sheet(wb)
    else:
        wb = Workbook()
        ws = active_sheet(wb)
        ws.title = "数据"
        header, rows = read_rows(src)
        ws.append(list(header))
        for number, cells in rows:
            for index, value in enumerate(cells, start=1):
                ws.cell(row=number, column=index, value=value)
    red = PatternFill("solid", fgColor=RED)
    by_cell: dict[str, list[str]] = {}
    for issue in result.errors:
        if issue.cell:
            by_cell.setdefault(issue.cell, []).append(issue.reason)
    for coordinate, reasons in by_cell.items():
        cell = ws[coordinate]
        cell.fill = red
        comment = Comment("\n".join(reasons), "政策通")
        comment.width, comment.height = 300, 80 + 20 * len(reasons)
        cell.comment = comment
    if ERROR_SHEET in wb.sheetnames:
        del wb[ERROR_SHEET]
    sheet = wb.create_sheet(ERROR_SHEET)
    sheet.append(["行号", "单元格", "列", "填写的值", "错误原因"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for issue in result.errors:
        sheet.append(
            [
                issue.row,
                issue.cell or "",
                issue.column if issue.column != FILE_COLUMN else "整个文件",
                issue.value,
                issue.reason,
            ]
        )
    sheet.append([])
    sheet.append(
        [f"共 {len(result.errors)} 处错误；文件未导入任何数据。请在“{ws.title}”表中按红色单元格的批注修改后重新上传。"]
    )
    for letter, width in zip("ABCDE", (8, 10, 30, 30, 70), strict=True):
        sheet.column_dimensions[letter].width = width
    wb.save(out)
    return out
