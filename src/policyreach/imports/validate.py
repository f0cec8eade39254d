"""Validate an uploaded CSV/XLSX of entities against the schema and the national standards.

All or nothing: one bad cell and no row is imported; the result then lists every problem
(row as the user sees it, column header, value, reason in Chinese) and
:func:`policyreach.imports.xlsx.write_marked_copy` writes the upload back with the bad cells
marked. A valid file yields typed rows (Decimal, int, bool, date, code strings) that
:meth:`ImportResult.table` turns into the population layout with ``__verified`` flags.

Provenance: values are *verified* only for an import that names an authoritative ``source``
(an officer's or a system account's registry import), and then only for the attributes the
schema says come from that source. A file cannot mark its own values verified: ``__verified``
columns in an upload are ignored.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from policyreach.imports.headers import Column, HeaderError, match_header, normalise
from policyreach.imports.values import (
    ValueProblem,
    is_blank,
    to_bool,
    to_date,
    to_decimal,
    to_int,
    to_string,
)
from policyreach.population.catalogue import KIND_ZH, KINDS, SELF_DECLARED, Spec, catalogue
from policyreach.rules import ranges
from policyreach.standards import uscc
from policyreach.workbooks import decode_text, load_xlsx, read_csv

FILE_COLUMN = "(文件)"
REQUIRED: dict[str, tuple[str, ...]] = {
    "enterprise": ("uscc", "name"),
    "institute": ("uscc", "name"),
    "talent": ("name", "id_hash"),
}
UNIQUE: dict[str, str] = {"enterprise": "uscc", "institute": "uscc", "talent": "id_hash"}
ENTITY_ID_LENGTH = 32  # store.models.Entity.entity_id


@dataclass(frozen=True)
class ImportIssue:
    """One problem: row and column as the user sees them (row 1 is the header row)."""

    row: int
    column: str
    value: str
    reason: str
    cell: str | None = None  # e.g. "C5" (XLSX coordinates; also used for the marked copy of a CSV)
    col_index: int | None = None  # 1-based column of the cell

    def __str__(self) -> str:
        where = f"第{self.row}行" + (f"（{self.cell}）" if self.cell else "")
        return f"{where}「{self.column}」值“{self.value}”：{self.reason}"


@dataclass
class ImportResult:
    path: Path
    kind: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[ImportIssue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    source: str | None = None
    batch_id: str | None = None
    as_of: dt.date | None = None
    data_rows: int = 0  # non-empty data rows read
    row_numbers: list[int] = field(default_factory=list)  # each row's number as the user sees it, beside ``rows``
    # with ``plain_numbers``: decimal column → its cells' exact millionths (Int64, one per row of ``rows``; null
    # where the cell is blank or went the per-cell way and holds a Decimal)
    millionths: dict[str, pl.Series] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def table(self) -> pa.Table:
        """The imported rows in the population layout: entity_id, kind, values, ``__verified`` flags."""
        if not self.ok:
            raise ValueError("a file with errors imports nothing")
        cols = [(c, c.spec) for c in self.columns if c.spec is not None]
        key = UNIQUE[self.kind]
        fields = [pa.field("entity_id", pa.string(), nullable=False), pa.field("kind", pa.string(), nullable=False)]
        fields += [pa.field(c.name, _arrow_type(spec.type)) for c, spec in cols]
        fields += [pa.field(c.name + "__verified", pa.bool_(), nullable=False) for c, _ in cols]
        data: dict[str, list[Any]] = {f.name: [] for f in fields}
        for row in self.rows:
            data["entity_id"].append(str(row.get("entity_id") or row.get(key)))
            data["kind"].append(self.kind)
            for c, spec in cols:
                value = row.get(c.name)
                data[c.name].append(value)
                data[c.name + "__verified"].append(value is not None and self.verifies(spec))
        meta = {
            "policyreach.source": self.source or SELF_DECLARED,
            "policyreach.batch_id": self.batch_id or "",
            "policyreach.as_of": (self.as_of or dt.date.today()).isoformat(),
            "policyreach.file": self.path.name,
        }
        schema = pa.schema(fields, metadata=meta)
        return pa.Table.from_pydict(data, schema=schema)

    def verifies(self, spec: Spec) -> bool:
        return self.source is not None and self.source != SELF_DECLARED and spec.source == self.source

    def write_parquet(self, out: Path | str) -> Path:
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(self.table(), out)
        return out

    def summary(self) -> str:
        if self.ok:
            return (
                f"{self.path.name}：{KIND_ZH.get(self.kind, self.kind)} {len(self.rows)} 行、"
                f"{len(self.columns)} 列校验通过"
            )
        return f"{self.path.name}：发现 {len(self.errors)} 处错误，未导入任何数据"


def _arrow_type(typ: str) -> pa.DataType:
    return {"decimal": pa.decimal128(18, 6), "integer": pa.int64(), "boolean": pa.bool_(), "date": pa.date32()}.get(
        str(typ), pa.string()
    )


def column_letter(index: int) -> str:
    """1-based column index → spreadsheet letters (1 → A, 27 → AA)."""
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# ------------------------------------------------------------------------------------------------ reading
def read_rows(path: Path) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    """(header cells, [(row number as the user sees it, cells)]) of a CSV or the first sheet of an XLSX."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix in (".csv", ".txt"):
        return _read_csv(path)
    if suffix in (".jsonl", ".ndjson"):
        return _read_json_lines(path)
    if suffix == ".parquet":
        return _read_parquet(path)
    raise ValueError(f"不支持的文件类型 {path.suffix}：请上传 .csv、.xlsx、.jsonl 或 .parquet")


def _read_json_lines(path: Path) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    """One JSON object per line (a registry's push): the keys are the headers, in the order they first appear;
    the row number is the line number, as an editor shows it."""
    text = decode_text(path.read_bytes(), path.name)
    header: dict[str, int] = {}
    records: list[tuple[int, dict[str, Any]]] = []
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw, parse_float=Decimal)  # money stays exact: never through a float
        except json.JSONDecodeError as exc:
            raise ValueError(f"第 {line} 行不是有效的 JSON：{exc.msg}（第 {exc.colno} 列）") from exc
        if not isinstance(record, dict):
            raise ValueError(f'第 {line} 行应为一个 JSON 对象（{{"列名": 值, …}}）')
        for key in record:
            header.setdefault(str(key), len(header))
        records.append((line, record))
    names = list(header)
    return names, [(line, [record.get(name) for name in names]) for line, record in records]


def _read_parquet(path: Path) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    """A Parquet file's columns as headers; rows numbered from 2, as if the header were row 1."""
    table = pq.read_table(path)
    columns = [table.column(i).to_pylist() for i in range(table.num_columns)]
    return list(table.column_names), [(n + 2, [c[n] for c in columns]) for n in range(table.num_rows)]


def _read_csv(path: Path) -> tuple[list[Any], list[tuple[int, list[str]]]]:
    header, rows = read_csv(path.read_bytes(), path.name)
    # the reader's rows as they are: copying each (a city's batch has hundreds of thousands) cost a tenth of a batch
    return list(header), rows


def data_sheet(workbook: Any) -> Any:
    for name in ("导入模板", "数据", "data"):
        if name in workbook.sheetnames:
            return workbook[name]
    return workbook.worksheets[0]


def _read_xlsx(path: Path) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    wb = load_xlsx(path, path.name, read_only=True, data_only=True)  # checked for a zip bomb first
    try:
        ws = data_sheet(wb)
        header: list[Any] = []
        rows: list[tuple[int, list[Any]]] = []
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            if number == 1:
                header = list(values)
                while header and header[-1] is None:
                    header.pop()
                continue
            rows.append((number, list(values)))
        return header, rows
    finally:
        wb.close()


# ------------------------------------------------------------------------------------------------ validation
def validate_import(
    path: Path | str,
    schema: Any = None,
    kind: str = "enterprise",
    *,
    source: str | None = None,
    batch_id: str | None = None,
    as_of: dt.date | None = None,
    key_only: bool = False,
    plain_numbers: bool = False,
) -> ImportResult:
    """Check every cell of ``path`` (CSV or XLSX) for ``kind``; rows only if the whole file is valid.

    ``schema``: a loaded :class:`policyreach.rules.schema.Schema`, a list of catalogue specs, or
    None (the repository's schema/, or the built-in attribute list of docs/attributes.md). ``key_only``: only the
    entity's key is required (a registry's update of entities it names; a new entity still needs its name).
    ``plain_numbers``: a decimal cell written plainly (digits, at most six places) is given as its normalised text
    (``format(value.normalize(), "f")``, what the entities table keeps) with its millionths in
    ``ImportResult.millionths``, not as a ``Decimal``: the registry batch's writer takes them by column and never
    needs one per value (a city's batch has millions).
    """
    path = Path(path)
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}")
    as_of = as_of or dt.date.today()
    all_specs = schema if isinstance(schema, list) else catalogue(schema)
    result = ImportResult(path=path, kind=kind, source=source, batch_id=batch_id, as_of=as_of)
    if source is not None and source != SELF_DECLARED and not batch_id:
        result.errors.append(ImportIssue(1, FILE_COLUMN, source, "权威来源导入必须填写批次号（batch id）"))
    try:
        header, rows = read_rows(path)
    except Exception as exc:
        result.errors.append(ImportIssue(1, FILE_COLUMN, path.name, f"无法读取文件：{exc}"))
        return result

    kind_specs = [s for s in all_specs if kind in s.kinds]
    other_specs = [s for s in all_specs if kind not in s.kinds]
    columns: list[tuple[int, Column]] = []  # (1-based column index, column)
    ignored: set[int] = set()
    foreign: dict[int, Column] = {}
    seen: dict[str, str] = {}
    for index, raw in enumerate(header, start=1):
        text = normalise(raw)
        if not text:
            ignored.add(index)
            continue
        if text.lower().endswith("__verified"):
            ignored.add(index)
            result.warnings.append(f"已忽略列“{text}”：上传文件不能自行标记数据为已核验")
            continue
        cell = f"{column_letter(index)}1"
        try:
            col = match_header(raw, kind_specs)
        except HeaderError as exc:
            try:  # an attribute of another kind: allowed only if the column is empty
                other = match_header(raw, other_specs)
                foreign[index] = other
                continue
            except HeaderError:
                pass
            result.errors.append(ImportIssue(1, text, text, str(exc), cell, index))
            continue
        if col.name in seen:
            result.errors.append(ImportIssue(1, text, text, f"与列“{seen[col.name]}”重复", cell, index))
            continue
        seen[col.name] = text
        columns.append((index, col))
    result.columns = [c for _, c in columns]
    present = {c.spec.name for _, c in columns if c.spec is not None}
    required = (UNIQUE[kind],) if key_only else REQUIRED[kind]
    for name in required:
        if name not in present:
            spec = next((s for s in kind_specs if s.name == name), None)
            label = spec.label if spec else name
            result.errors.append(ImportIssue(1, label, "", f"缺少必填列“{label}”"))

    unique = UNIQUE[kind]
    # column by column (a registry's batch has hundreds of thousands of rows): each column's cells are parsed at
    # once (_parse_column), and only the cells the fast path cannot vouch for go through the per-cell checks,
    # whose reasons are the errors reported
    data = [(number, cells) for number, cells in rows if not _blank_row(cells)]
    result.data_rows = len(data)
    for index, other in foreign.items():
        for number, cells in data:
            value = cells[index - 1] if index - 1 < len(cells) else None
            if not is_blank(value):
                kinds = "、".join(KIND_ZH[k] for k in other.spec.kinds) if other.spec else ""
                result.errors.append(
                    ImportIssue(
                        number,
                        normalise(header[index - 1]),
                        _show(value),
                        f"该列只适用于{kinds}，不适用于{KIND_ZH[kind]}",
                        f"{column_letter(index)}{number}",
                        index,
                    )
                )
    parsed: dict[str, list[Any]] = {}  # column → its values, made into row mappings once all are valid
    # the cells by column, transposed at once when every row has them all (a registry's file), else row by row
    width = len(data[0][1]) if data else 0
    transposed = (
        list(zip(*(cells for _, cells in data), strict=True))
        if data and all(len(cells) == width for _, cells in data)
        else None
    )
    for index, col in columns:
        if transposed is not None and index <= width:
            raw = list(transposed[index - 1])
        else:
            raw = [cells[index - 1] if index - 1 < len(cells) else None for _, cells in data]
        letter = column_letter(index)
        is_required = col.spec is not None and col.spec.name in required
        label = col.spec.label if col.spec is not None else col.header
        values, refused, blank = _parse_column(raw, col, as_of.year, result.millionths if plain_numbers else None)
        # the cells to say something about (a column has a city's rows, nearly all fine)
        for position in refused:
            number, value = data[position][0], values[position]
            result.errors.append(
                ImportIssue(number, col.header, _show(raw[position]), value.reason, f"{letter}{number}", index)
            )
        for position in blank if is_required else ():
            number = data[position][0]
            result.errors.append(ImportIssue(number, col.header, "", f"“{label}”为必填项", f"{letter}{number}", index))
        if col.name == "kind":
            for position in [i for i, v in enumerate(values) if v is not None and type(v) is not _Refused]:
                if values[position] != kind:
                    number = data[position][0]
                    result.errors.append(
                        ImportIssue(
                            number,
                            col.header,
                            _show(raw[position]),
                            f"本次导入的主体类型为{KIND_ZH[kind]}（{kind}）",
                            f"{letter}{number}",
                            index,
                        )
                    )
        if col.name == unique:
            first_seen: dict[Any, int] = {}
            for position, value in enumerate(values):
                if value is None or type(value) is _Refused:
                    continue
                number = data[position][0]
                if value in first_seen:
                    result.errors.append(
                        ImportIssue(
                            number,
                            col.header,
                            _show(raw[position]),
                            f"与第{first_seen[value]}行重复",
                            f"{letter}{number}",
                            index,
                        )
                    )
                    continue
                first_seen[value] = number
        parsed[col.name] = values
    if not result.errors:
        names = list(parsed)
        result.rows = [dict(zip(names, row, strict=True)) for row in zip(*parsed.values(), strict=True)]
        if not names:
            result.rows = [{} for _ in data]
        result.row_numbers = [number for number, _ in data]
    if result.data_rows == 0 and not result.errors:
        result.errors.append(ImportIssue(2, FILE_COLUMN, "", "文件中没有数据行"))
    if result.errors:
        result.rows, result.row_numbers = [], []  # all or nothing
        result.errors.sort(key=lambda e: (e.row, e.col_index or 0))
    return result


def _blank_row(cells: list[Any]) -> bool:
    for value in cells:
        if type(value) is str:
            # a cell with an ASCII letter or digit is never blank (NFKC leaves those as they are)
            if value and ((value[0].isascii() and value[0].isalnum()) or not is_blank(value)):
                return False
        elif value is not None:
            return False
    return True


@dataclass(frozen=True)
class _Refused:
    """A cell's value refused, with the reason the per-cell checks give."""

    reason: str


# what a registry's export holds: no sign, unit, separator or space (ASCII digits only: \d would take others)
_PLAIN_DECIMAL = r"^([0-9]{1,12})(?:\.([0-9]{1,6}))?$"
_PLAIN_INTEGER = r"^[0-9]{1,15}$"
_PLACES = Decimal(1).scaleb(-6)  # to_decimal's quantum
MICRO = 10**6


def _parse_column(
    raw: list[Any], col: Column, as_of_year: int, millionths: dict[str, pl.Series] | None = None
) -> tuple[list[Any], list[int], list[int]]:
    """Every cell of one column: (its value, None when blank, or :class:`_Refused`; the positions refused; the
    positions blank or None).

    Plain decimal and integer text (the bulk of a registry's batch) is parsed over the whole column by Polars and
    checked against the attribute's range at once, and so are codes and free text that need no change; an empty
    cell is blank at once; every other cell goes through :func:`_parse`, once per distinct value, which gives the
    same values and the reasons the errors name. With ``millionths`` (``plain_numbers``) a plain decimal cell is
    its normalised text, and the column's millionths go there."""
    n = len(raw)
    spec = col.spec
    typ = str(spec.type) if spec is not None else ""
    strings = [v if type(v) is str else None for v in raw]
    series = pl.Series(strings, dtype=pl.String)
    # None and "" are blank (values.is_blank); a cell of another type (an XLSX number, a JSON value) is judged
    # below, so it is told apart from None when there is one
    empty = series.is_null() | (series == "")
    if raw.count(None) != strings.count(None):
        empty &= pl.Series([v is None or type(v) is str for v in raw], dtype=pl.Boolean)
    given: pl.Series | None = None  # the fast path's values: null where the cell is judged below
    out: list[Any] | None = None  # or its values as a list, with ``taken`` the cells it gave
    taken: pl.Series | None = None
    if spec is not None and typ in ("decimal", "integer") and col.factor is None and n:
        low, high = ranges.bounds(spec)
        if typ == "decimal":
            # exact millionths from the text itself (integer part, six places), compared with the range's in
            # integers: no float, and no Decimal literal for Polars to rescale
            parts = series.str.extract_groups(_PLAIN_DECIMAL)
            fraction = parts.struct.field("2").fill_null("").str.pad_end(6, "0").cast(pl.Int64)
            scaled = parts.struct.field("1").cast(pl.Int64) * MICRO + fraction
            lowest = int(low.scaleb(6).to_integral_value(ROUND_CEILING))
            highest = int(high.scaleb(6).to_integral_value(ROUND_FLOOR))
        else:
            scaled = series.str.extract(_PLAIN_INTEGER, 0).cast(pl.Int64)
            lowest, highest = math.ceil(low), math.floor(high)
            if spec.name.endswith("_year"):
                lowest, highest = max(lowest, 1949), min(highest, as_of_year)
        # within the range the attribute declares (and non-negative: the pattern has no sign); the rest is judged
        # cell by cell, which says why
        fits = (scaled.is_not_null() & (scaled >= lowest) & (scaled <= highest)).fill_null(False)
        kept = pl.select(pl.when(fits).then(scaled).alias(col.name)).to_series()
        if typ == "integer":
            given = kept
        elif millionths is not None:
            millionths[col.name] = kept
            given = normalised_text(kept)
        else:  # as to_decimal gives it, for the imports that keep Decimals
            taken = fits
            out = [Decimal(t).quantize(_PLACES) if ok else None for t, ok in zip(strings, fits.to_list(), strict=True)]  # type: ignore[arg-type]
    elif spec is not None and typ not in _NOT_TEXT and (spec.codeset == "USCC" or spec.name in _USCC_COLUMNS):
        # the key of every row of a firms' batch: codes written as the standard writes them are checked at once
        # (both check characters); the rest go through the per-cell parse, which says what is wrong
        given = pl.select(pl.when(pl.Series(uscc.valid_many(raw))).then(series)).to_series()
    elif (spec is None and n) or (
        spec is not None and typ == "string" and not spec.values and not spec.codeset and col.name not in _CHECKED
    ):
        # free text (a firm's name, in every batch of every source; the entity id): a cell that normalising cannot
        # change (ASCII and CJK ideographs, single spaces inside) is its own value; the rest go the per-cell way
        fits_text = series.str.contains(_PLAIN_TEXT) & ~series.is_in(_BLANK_TEXT)
        if spec is None and col.name == "entity_id":
            fits_text &= series.str.len_chars() <= ENTITY_ID_LENGTH
        given = pl.select(pl.when(fits_text.fill_null(False)).then(series)).to_series()
    if given is not None:
        out, taken = given.to_list(), given.is_not_null()
    if out is None:
        out = [None] * n
    judged = ~empty if taken is None else ~(taken | empty)
    refused: list[int] = []
    blank: list[int] = empty.arg_true().to_list()
    seen: dict[tuple[type, Any], Any] = {}
    for position in judged.arg_true().to_list():
        value = raw[position]
        try:
            key = (type(value), value)
            hit = seen.get(key, _MISSING)
        except TypeError:  # not hashable: judged on its own
            key, hit = None, _MISSING
        if hit is _MISSING:
            try:
                hit = _parse(value, col, as_of_year)
            except ValueProblem as exc:
                hit = _Refused(str(exc))
            if key is not None:
                seen[key] = hit
        out[position] = hit
        if hit is None:
            blank.append(position)
        elif type(hit) is _Refused:
            refused.append(position)
    return out, refused, blank


def normalised_text(millionths: pl.Series) -> pl.Series:
    """Non-negative millionths as ``format(Decimal(m).scaleb(-6).normalize(), "f")`` writes them ("1200.5", "0",
    "100"), by column operations."""
    whole = (millionths // MICRO).cast(pl.String)
    fraction = (millionths % MICRO).cast(pl.String).str.zfill(6).str.strip_chars_end("0")
    text = pl.when(fraction == "").then(whole).otherwise(whole + "." + fraction)
    return pl.select(text.alias(millionths.name)).to_series()


_MISSING = object()
_NOT_TEXT = ("decimal", "integer", "boolean", "date")
# what values.to_string checks beyond normalising (codes, divisions, areas), by name as it reads them
_CHECKED = ("uscc", "employer_uscc", "industry", "district", "employer_district", "functional_area")
# text NFKC leaves as it is (printable ASCII, CJK ideographs) with no space at either end nor two together:
# values.normalise gives it back unchanged; "-" and "/" alone are blanks (values.is_blank)
_PLAIN_TEXT = r"^[!-~\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}]+(?: [!-~\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}]+)*$"
_BLANK_TEXT = ("-", "/")
_USCC_COLUMNS = ("uscc", "employer_uscc")  # as values.to_string reads them


def _show(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    return str(value)


def _parse(value: object, col: Column, as_of_year: int) -> Any:
    if is_blank(value):
        return None
    spec = col.spec
    if spec is None:  # entity_id / kind
        text = normalise(value)
        if col.name == "entity_id" and len(text) > ENTITY_ID_LENGTH:
            # the entities table's column: refused here, in Chinese, rather than by the database
            raise ValueProblem(f"主体编号过长：最多 {ENTITY_ID_LENGTH} 个字符，填写了 {len(text)} 个")
        return text
    typ = str(spec.type)
    if typ == "decimal":
        return to_decimal(value, spec, col.factor)
    if typ == "integer":
        if col.factor is not None:
            raise ValueProblem(f"单位应为{spec.unit}")
        return to_int(value, spec, as_of_year)
    if typ == "boolean":
        return to_bool(value)
    if typ == "date":
        return to_date(value, as_of_year)
    return to_string(value, spec)
