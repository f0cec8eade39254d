"""The native (Numba) kernel of ``match_population``: conditions, bitmaps and pairs in one pass per block.

The library's distinct conditions are translated into *atoms* the kernel evaluates on fixed-point integers:

- ``CMP``: a numeric or date column against a constant (``revenue_2024 >= 500``);
- ``CMPCOL``: two numeric columns (``a >= b``);
- ``DIVCMP``: a value against a rounded quotient — ``ratio(a, b) >= t`` and ``a >= b * k`` — decided by
  cross-multiplication in 128-bit integers with the exact half-up correction, never a division, so a firm
  planted exactly on a threshold is decided as exact arithmetic decides it;
- ``LOOKUP``: a string or boolean column through a table built once over its distinct values (``in``,
  ``==``, ``startswith``, flags).

A condition is a postfix program of atoms and Kleene ``and`` / ``or`` / ``not``. A condition the kernel does
not cover (arithmetic inside a comparison, ``years_since``, ``coalesce``, …) is evaluated by the Polars
reference (``engine/columnar.py``) first and its bitmaps handed in, so coverage never changes a result.

Work goes block by block of ``BLOCK_WORDS`` × 64 entities (both cores through ``prange``): the block's
conditions are evaluated while its value columns are in cache, and every benefit's met/unmet weights are
combined there as bit-sliced counters; the block's kept pairs, with status, degree and provable, go to the block's
row of a slab. A second pass copies them benefit-major, entity ascending — the order of the reference — and runs
the amount formulas over each block's pairs.
"""

from __future__ import annotations

import collections
import datetime as dt
import mmap
import operator
import threading
import weakref
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc

from policyreach.engine import native, native_columns
from policyreach.engine.frame import is_micro_decimal
from policyreach.engine.native import BLOCK_WORDS, STACK
from policyreach.rules.absence import NONE_SUFFIX
from policyreach.rules.ir import Arith, BoolOp, Call, Cmp, Col, Const, In, ListLit, Node, Not
from policyreach.rules.library import CompiledLibrary
from policyreach.rules.numbers import SCALE, to_decimal, to_scaled
from policyreach.rules.types import Type

CMP, CMPCOL, DIVCMP, LOOKUP = 0, 1, 2, 3
OPS = {"==": 0, "!=": 1, "<": 2, "<=": 3, ">": 4, ">=": 5}
FLIP = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}
AND, OR, NOT = -1, -2, -3
_NA = -1
# atom row: kind, op, col_a, col_b, col_d, mult_a, mult_b, const, decided(-1 none, 0 false, 1 true), table
_ATOM_WIDTH = 10
_MAX64 = 2**63 - 1


class NotCovered(Exception):
    """A construct the kernel does not evaluate: the condition goes to the Polars reference."""


@dataclass
class _Columns:
    """The frame's columns the plan reads, numbered in the order it asks for them, and the Arrow arrays that
    ``fill`` converts into the kernel's layout (int64 values, validity bitmaps) in one native pass."""

    frame: pl.DataFrame
    index: dict[str, int] = field(default_factory=dict)
    sources: list[list[pa.Array]] = field(default_factory=list)  # each column's chunks
    dictionaries: dict[str, list[Any]] = field(default_factory=dict)
    absent: frozenset[str] = frozenset()
    ahead: dict[str, Future[tuple[list[pa.Array], list[Any]]]] = field(default_factory=dict)  # see encode_ahead
    fetched: dict[str, list[pa.Array]] = field(default_factory=dict)  # see prefetch

    def get(self, col: Col) -> int:
        return self.get_name(col.column)

    def get_name(self, name: str) -> int:
        if name not in self.index:
            self.index[name] = len(self.sources)
            if name in self.ahead:
                chunks, self.dictionaries[name] = self.ahead.pop(name).result()
            elif name in self.fetched:
                chunks = self.fetched.pop(name)
            else:
                chunks = arrow_chunks(self.frame[name], self.dictionaries, name)
            self.sources.append(chunks)
        return self.index[name]

    def prefetch(self, names: list[str]) -> None:
        """The Arrow chunks of the integer, date and flag columns among ``names``, ahead of the plan, in one
        conversion of the frame (``frame_chunks``)."""
        schema = self.frame.schema
        wanted = [c for c in names if _direct(schema.get(c)) and c not in self.fetched]
        self.fetched.update(zip(wanted, frame_chunks(self.frame, wanted), strict=True))

    def fill(
        self,
        values: npt.NDArray[np.int64],
        valid: npt.NDArray[np.uint64],
        valid_rows: npt.NDArray[np.uint64],
        parallel: bool = False,
    ) -> None:
        """Each column into ``values[i]`` (int64; a null, and the padding after the last row, as 0) and
        ``valid[i]`` (its validity AND ``valid_rows``), straight from the Arrow buffers of its chunks (a frame
        Polars collected comes in chunks; joining them was a copy of every column), in one native call over
        every chunk (``native_columns.fill``), the columns spread over the threads when ``parallel``."""
        fill_columns(self.sources, values, valid, valid_rows, self.frame.height, parallel)


@dataclass
class Chunks:
    """Columns' Arrow chunks described for ``native_columns.fill`` / ``flags``: one row of nine integers per chunk
    (its column, the addresses and sizes of its data and validity buffers, its width, offset, first row and
    length); the arrays are held here so that their buffers outlive the call."""

    arrays: list[pa.Array] = field(default_factory=list)
    rows: list[tuple[int, ...]] = field(default_factory=list)
    col_start: list[int] = field(default_factory=lambda: [0])

    def add(self, chunks: list[pa.Array]) -> None:
        """The next column: int64, int32, boolean or micro-unit decimal128 Arrow arrays, one after the other."""
        start = 0
        column = len(self.col_start) - 1
        for array in chunks:
            buffers = array.buffers()
            validity, data = buffers[0], buffers[1]
            width = 0 if pa.types.is_boolean(array.type) else array.type.bit_width // 8
            self.rows.append(
                (
                    column,
                    data.address,
                    data.size,
                    validity.address if validity is not None else 0,
                    validity.size if validity is not None else 0,
                    width,
                    array.offset,
                    start,
                    len(array),
                )
            )
            self.arrays.append(array)
            start += len(array)
        self.col_start.append(len(self.rows))

    def table(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """(one row per chunk, where each column's rows start)."""
        chunks = np.array(self.rows or [(0,) * 9], dtype=np.int64).reshape(-1, 9)
        return chunks, np.array(self.col_start, dtype=np.int64)


def fill_columns(
    sources: list[list[pa.Array]],
    values: npt.NDArray[np.int64],
    valid: npt.NDArray[np.uint64],
    valid_rows: npt.NDArray[np.uint64],
    n: int,
    parallel: bool,
) -> None:
    """Columns given as Arrow chunks (``arrow_chunks``) into rows of ``values`` / ``valid`` (see ``_Columns.fill``)."""
    described = Chunks()
    for chunks in sources:
        described.add(chunks)
    table, col_start = described.table()
    (native_columns.fill if parallel else native_columns.fill_serial)(table, col_start, n, valid_rows, values, valid)


def flag_bits(frame: pl.DataFrame, names: list[str] | None = None) -> npt.NDArray[np.uint64]:
    """Each boolean column ``names`` of ``frame`` (default: all) as one bitmap row (a null as false), in one native
    call over their Arrow chunks, the columns spread over the threads when the frame is large (23 verified flags
    of 1M rows: 3 ms of one thread)."""
    from policyreach.engine import bitmaps

    names = frame.columns if names is None else names
    n = frame.height
    words = bitmaps.n_words(n)
    out = np.empty((len(names), words), dtype=np.uint64)
    if names:
        described = Chunks()
        for chunks in frame_chunks(frame, names):
            described.add(chunks)
        native = native_columns.flags if words >= PARALLEL_WORDS and len(names) > 1 else native_columns.flags_serial
        native(*described.table(), bitmaps.row_mask(n), out)
    return out


_DIRECT = (pl.Int64, pl.Date, pl.Boolean)  # the types whose Arrow arrays the kernel reads as they are


def _direct(dtype: Any) -> bool:
    """Whether the kernel reads a column of ``dtype``'s Arrow arrays as they are (a micro-unit decimal: the low
    64 bits of each 128-bit integer)."""
    return dtype in _DIRECT or is_micro_decimal(dtype)


def frame_chunks(frame: pl.DataFrame, names: list[str]) -> list[list[pa.Array]]:
    """The Arrow chunks of ``frame``'s columns ``names`` as ``arrow_chunks`` gives them; the integer, date and flag
    columns in one conversion of the frame (a ``to_arrow`` per chunk of each column cost twice as much: 0.013 s
    for the 1M × 1,000 benchmark's 21 columns of 16 chunks)."""
    schema = frame.schema
    direct = [c for c in dict.fromkeys(names) if _direct(schema[c])]
    table = frame.select(direct).to_arrow() if direct else None
    return [
        table.column(c).chunks if table is not None and c in direct else arrow_chunks(frame[c], {}, c) for c in names
    ]


_POOL: list[ThreadPoolExecutor] = []


def encode_ahead(
    compiled: CompiledLibrary, population: pl.DataFrame
) -> dict[str, Future[tuple[list[pa.Array], list[Any]]]]:
    """Start dictionary-encoding the population's text columns that conditions read, on a worker thread, while
    Polars prepares the frame (Arrow's encoder releases the GIL: on two cores the 0.02 s of two text columns at 1M
    rows hide behind the preparation). Only columns the preparation passes through unchanged: stored as
    ``String`` (``frame.to_engine_expr`` casts them to ``String``) and not replaced by a builtin."""
    builtins = {c.column for c in compiled.builtin_cols()}
    schema = population.schema
    names = [c for c in _columns_read(compiled, Type.STR) if c not in builtins and schema.get(c) == pl.String]
    if not names:
        return {}
    if not _POOL:  # (a forked child would inherit it without its threads, but Polars itself hangs in one)
        _POOL.append(ThreadPoolExecutor(max_workers=2, thread_name_prefix="policyreach-encode"))
    return {name: _POOL[0].submit(_encode, population[name]) for name in names}


def _encode(series: pl.Series) -> tuple[list[pa.Array], list[Any]]:
    dictionaries: dict[str, list[Any]] = {}
    chunks = arrow_chunks(series, dictionaries, series.name)
    return chunks, dictionaries[series.name]


def _columns_read(compiled: CompiledLibrary, type_: Type | None = None) -> list[str]:
    """The columns the library's conditions name (of ``type_``), once per library."""
    key = f"kernel_columns:{type_}"
    cached = compiled.cache.get(key)
    if not isinstance(cached, list):
        found = {n.column: n.type for node in compiled.conditions for n in _walk(node) if isinstance(n, Col)}
        cached = compiled.cache[key] = [c for c, t in found.items() if type_ is None or t == type_]
    return list(cached)


def arrow_chunks(series: pl.Series, dictionaries: dict[str, list[Any]], name: str) -> list[pa.Array]:
    """A column as Arrow arrays the kernel can read, chunk by chunk: int64, int32 (dates, dictionary codes) or
    boolean bits; a string column becomes its dictionary codes (the dictionary kept for the lookup tables)."""
    dtype = series.dtype
    if dtype == pl.String:
        # as Arrow's string views, which are Polars' own buffers (plain Arrow strings are a copy of every string:
        # half the dictionary's time at 1M rows)
        array = series.to_arrow(compat_level=pl.CompatLevel.newest())
        views = array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array
        inline = _encode_inline(views)
        if inline is not None:
            indices, dictionaries[name] = inline
            return [indices]
        encoded = pc.dictionary_encode(views)
        dictionaries[name] = encoded.dictionary.to_pylist()
        return [encoded.indices]
    if not _direct(dtype):
        series = series.cast(pl.Int64)
    arrays = [chunk.to_arrow() for chunk in series.get_chunks()]
    return [part for a in arrays for part in (a.chunks if isinstance(a, pa.ChunkedArray) else [a])]


def _encode_inline(views: pa.Array) -> tuple[pa.Array, list[Any]] | None:
    """(int32 codes, dictionary) of a string-view array whose strings all lie in their views (≤ 12 bytes) and are
    few (``native_columns.encode_inline``: 0.002–0.003 s at 1M rows, where Arrow's encoder took 0.011); None
    otherwise. The codes keep the views' validity buffer and offset."""
    if not pa.types.is_string_view(views.type) or len(views) == 0:
        return None
    validity, data = views.buffers()[:2]
    offset, n = views.offset, len(views)
    codes = np.empty(offset + n, dtype=np.int32)
    first = np.empty(native_columns.TEXT_SLOTS // 2, dtype=np.int64)
    count = native_columns.encode_inline(
        np.frombuffer(data, dtype=np.uint64),
        np.frombuffer(validity, dtype=np.uint8) if validity is not None else np.zeros(1, dtype=np.uint8),
        validity is not None,
        offset,
        n,
        codes,
        first,
    )
    if count < 0:
        return None
    dictionary = [views[int(i)].as_py() for i in first[:count]]  # (Arrow has no ``take`` of string views)
    return pa.Array.from_buffers(pa.int32(), n, [validity, pa.py_buffer(codes)], offset=offset), dictionary


@dataclass
class Plan:
    """Atoms and per-condition programs of one library over one frame's columns."""

    atoms: list[list[int]] = field(default_factory=list)
    tables: list[list[int]] = field(default_factory=list)
    program: list[int] = field(default_factory=list)
    starts: list[int] = field(default_factory=lambda: [0])
    covered: list[int] = field(default_factory=list)  # compiled condition ids the kernel evaluates
    fallback: list[int] = field(default_factory=list)  # … and the ones Polars evaluates
    lookups: list[tuple[int, str, Any]] = field(default_factory=list)  # (atom, column, test): see _Planned


def plan(compiled: CompiledLibrary, cols: _Columns) -> Plan:
    out = Plan()
    for cid, node in enumerate(compiled.conditions):
        mark = (len(out.atoms), len(out.tables), len(out.program), len(out.lookups))
        try:
            _emit(node, cols, out)
            _check_depth(out.program[mark[2] :])
        except NotCovered:
            del out.atoms[mark[0] :], out.tables[mark[1] :], out.program[mark[2] :], out.lookups[mark[3] :]
            out.fallback.append(cid)
            continue
        out.covered.append(cid)
        out.starts.append(len(out.program))
    return out


def _check_depth(program: list[int]) -> None:
    depth = top = 0
    for code in program:
        top += 1 if code >= 0 else (-1 if code in (AND, OR) else 0)
        depth = max(depth, top)
    if depth > STACK:
        raise NotCovered


def _emit(node: Node, cols: _Columns, out: Plan) -> None:
    if isinstance(node, BoolOp) and node.items:
        _emit(node.items[0], cols, out)
        for item in node.items[1:]:
            _emit(item, cols, out)
            out.program.append(AND if node.op == "and" else OR)
        return
    if isinstance(node, Not):
        _emit(node.item, cols, out)
        out.program.append(NOT)
        return
    out.program.append(len(out.atoms))
    out.atoms.append(_atom(node, cols, out))


def _none_col(node: Node, cols: _Columns) -> bool:
    return isinstance(node, Col) and node.column in cols.absent


def _row(kind: int, op: str, a: int, b: int = _NA, d: int = _NA, ma: int = 1, mb: int = 1, const: int = 0) -> list[int]:
    for number in (ma, mb, const):
        if not -_MAX64 <= number <= _MAX64:
            raise NotCovered
    if kind == CMP:
        return _range(op, a, ma, const)
    return [kind, OPS.get(op, 0), a, b, d, ma, mb, const, -1, _NA]


def _range(op: str, a: int, ma: int, c: int) -> list[int]:
    """``x·ma op c`` as ``lo ≤ x ≤ hi`` (or its negation for ``!=``) on the column's own integers, exactly."""
    low, high = -_MAX64 - 1, _MAX64
    lo, hi, negate = low, high, 0
    if op == ">=":
        lo = -(-c // ma)
    elif op == ">":
        lo = -(-(c + 1) // ma)
    elif op == "<=":
        hi = c // ma
    elif op == "<":
        hi = (c - 1) // ma
    else:
        negate = int(op == "!=")
        lo = hi = c // ma if c % ma == 0 else high  # no integer x has x·ma = c: values never reach 2^63 − 1
    lo, hi = max(low, min(high, lo)), max(low, min(high, hi))
    if lo > hi:
        lo, hi = high, high
    span = (hi - lo) % 2**64
    return [CMP, negate, a, _NA, _NA, lo, span - 2**64 if span > _MAX64 else span, 0, -1, _NA]


def _atom(node: Node, cols: _Columns, out: Plan) -> list[int]:
    if isinstance(node, Col) and node.type == Type.BOOL:
        row = _lookup(node, cols, out, lambda v: bool(v))
        row[8] = 0 if _none_col(node, cols) else -1  # a flag list that does not name the entity: false
        return row
    if isinstance(node, In) and isinstance(node.item, Col) and isinstance(node.options, ListLit):
        options = {_key(o) for o in node.options.items}
        row = _lookup(node.item, cols, out, lambda v: (_key_value(v, node.item.type) in options) != node.negate)
        row[8] = int(node.negate) if _none_col(node.item, cols) else -1
        return row
    if isinstance(node, Call) and node.fn == "startswith" and isinstance(node.args[0], Col):
        if not isinstance(node.args[1], ListLit):
            raise NotCovered
        prefixes = tuple(str(o.value) for o in node.args[1].items)
        row = _lookup(node.args[0], cols, out, lambda v: str(v).startswith(prefixes))
        row[8] = 0 if _none_col(node.args[0], cols) else -1
        return row
    if isinstance(node, Cmp) and _text_cmp(node):
        left, right, op = node.left, node.right, node.op
        if isinstance(left, Const):
            left, right, op = right, left, FLIP[op]
        if not isinstance(right, Const):
            raise NotCovered
        const: Any = right.value
        compare = _PY_OPS[op]
        row = _lookup(left, cols, out, lambda v: compare(v, const))
        row[8] = int(op == "!=") if _none_col(left, cols) else -1
        return row
    if isinstance(node, Cmp):
        row = _cmp(node, cols, out)
        nones = [_none_col(c, cols) for c in _operand_cols(node)]
        row[8] = int(node.op == "!=") if any(nones) else -1
        return row
    raise NotCovered


_PY_OPS = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def _text_cmp(node: Cmp) -> bool:
    return node.left.type == Type.STR and node.right.type == Type.STR


def _operand_cols(node: Cmp) -> list[Node]:
    found: list[Node] = []
    for side in (node.left, node.right):
        if isinstance(side, Col):
            found.append(side)
        elif isinstance(side, Arith | Call):
            found.extend(a for a in ([side.left, side.right] if isinstance(side, Arith) else side.args))
    return found


def _key(const: Const) -> Any:
    value = const.value
    if const.type.is_number:
        return to_scaled(to_decimal(value))
    return value


def _key_value(value: Any, type_: Type) -> Any:
    return to_scaled(to_decimal(value)) if type_.is_number else value


def _lookup(col: Node, cols: _Columns, out: Plan, test: Any) -> list[int]:
    if not isinstance(col, Col) or col.type not in (Type.STR, Type.BOOL) or col.column not in cols.frame.columns:
        raise NotCovered
    a = cols.get(col)
    out.lookups.append((len(out.atoms), col.column, test))  # _emit appends this atom next
    return _lookup_row(a, cols.dictionaries.get(col.column, [False, True]), test, out.tables)


def _lookup_row(a: int, domain: list[Any], test: Any, tables: list[list[int]]) -> list[int]:
    """The lookup atom of column ``a`` whose codes stand for ``domain``; a table too wide for one word is appended
    to ``tables``."""
    table = [int(bool(test(v))) for v in domain]
    if len(table) <= 64:  # the table as one word: bit c says whether code c passes
        mask = sum(bit << i for i, bit in enumerate(table))
        return [LOOKUP, 0, a, _NA, _NA, 1, 1, mask - 2**64 if mask > _MAX64 else mask, -1, _NA]
    tables.append(table)
    return [LOOKUP, 0, a, _NA, _NA, 1, 1, 0, -1, len(tables) - 1]


@dataclass
class _Planned:
    """A library's plan over one layout of prepared frame (its column names and known-absence flags), kept with
    the library: the columns in the plan's order, its arrays, and each lookup atom with the test that makes its
    table from the codes of a frame. The codes are the only part that depends on a frame's values (its text
    columns' dictionaries, in order of first appearance), so every call redoes just those rows (``bind``)."""

    columns: list[str]
    atoms: npt.NDArray[np.int64]
    program: npt.NDArray[np.int64]
    starts: npt.NDArray[np.int64]
    covered: npt.NDArray[np.int64]
    fallback: list[int]
    lookups: list[tuple[int, str, Any]]

    def bind(self, cols: _Columns) -> tuple[npt.NDArray[np.int64], list[list[int]]]:
        """(atoms, tables) over ``cols``' frame, whose columns are numbered here in the plan's order."""
        for name in self.columns:
            cols.get_name(name)
        atoms = self.atoms.copy()
        tables: list[list[int]] = []
        for a, name, test in self.lookups:
            row = _lookup_row(int(atoms[a, 2]), cols.dictionaries.get(name, [False, True]), test, tables)
            atoms[a, 7], atoms[a, 9] = row[7], row[9]  # the table; what a known absence decides stays
        return atoms, tables


def _table_array(tables: list[list[int]]) -> npt.NDArray[np.uint8]:
    """Lookup tables as the rows of one array (zero past each table's end)."""
    out = np.zeros((max(1, len(tables)), max([1, *(len(t) for t in tables)])), dtype=np.uint8)
    for i, table in enumerate(tables):
        out[i, : len(table)] = table
    return out


def planned(compiled: CompiledLibrary, cols: _Columns) -> tuple[_Planned, npt.NDArray[np.int64], list[list[int]]]:
    """The plan of ``compiled`` over ``cols``' frame, made once per library and frame layout (0.01 s of Python for
    1,000 benefits, on every call before); (the plan, its atoms and tables for this frame)."""
    store = compiled.cache.setdefault("kernel_plans", {})
    assert isinstance(store, dict)
    key = (tuple(cols.frame.columns), cols.absent)
    found = store.get(key)
    if isinstance(found, _Planned):
        return (found, *found.bind(cols))
    p = plan(compiled, cols)
    found = store[key] = _Planned(
        columns=list(cols.index),
        atoms=np.array(p.atoms, dtype=np.int64).reshape(-1, _ATOM_WIDTH),
        program=np.array(p.program, dtype=np.int64),
        starts=np.array(p.starts, dtype=np.int64),
        covered=np.array(p.covered, dtype=np.int64),
        fallback=p.fallback,
        lookups=p.lookups,
    )
    return found, found.atoms, p.tables


def _scale(node: Node) -> int:
    return SCALE if node.type == Type.DEC else 0


def _is_col(node: Node, cols: _Columns) -> bool:
    return (
        isinstance(node, Col)
        and node.type in (Type.DEC, Type.INT, Type.DATE, Type.BOOL)
        and node.column in cols.frame.columns
    )


def _const_int(node: Const, scale: int) -> int:
    """A constant at ``scale`` (dates: days since 1970-01-01)."""
    value: Any = node.value
    if node.type == Type.DATE:
        return int((value - dt.date(1970, 1, 1)).days)
    if node.type == Type.BOOL:
        return int(bool(value))
    if node.type == Type.DEC:
        return int(to_scaled(to_decimal(value)) * 10 ** (scale - SCALE))
    return int(int(value) * 10**scale)


def _cmp(node: Cmp, cols: _Columns, out: Plan) -> list[int]:
    left, right, op = node.left, node.right, node.op
    if isinstance(left, Const) and not isinstance(right, Const):
        left, right, op = right, left, FLIP[op]
    if _is_col(left, cols) and isinstance(right, Const):
        if left.type in (Type.BOOL, Type.DATE) or right.type in (Type.BOOL, Type.DATE):
            if left.type != right.type:
                raise NotCovered
            return _row(CMP, op, cols.get(left), const=_const_int(right, 0))  # type: ignore[arg-type]
        target = max(_scale(left), _scale(right))
        return _row(CMP, op, cols.get(left), ma=10 ** (target - _scale(left)), const=_const_int(right, target))  # type: ignore[arg-type]
    if _is_col(left, cols) and _is_col(right, cols) and left.type.is_number and right.type.is_number:
        target = max(_scale(left), _scale(right))
        return _row(
            CMPCOL,
            op,
            cols.get(left),  # type: ignore[arg-type]
            cols.get(right),  # type: ignore[arg-type]
            ma=10 ** (target - _scale(left)),
            mb=10 ** (target - _scale(right)),
        )
    # X op round(…): the rounded side on the right
    if isinstance(left, Call | Arith) and not isinstance(right, Call | Arith):
        left, right, op = right, left, FLIP[op]
    if isinstance(right, Call) and right.fn == "ratio" and isinstance(left, Const):
        a, b = right.args
        if not (_is_col(a, cols) and _is_col(b, cols)) or a.type == Type.DATE or b.type == Type.DATE:
            raise NotCovered
        # ratio(a, b) = a·10^(6 − sa + sb) / b at scale 6; the constant too
        target = max(SCALE, _scale(left))
        return _row(
            DIVCMP,
            op,
            _NA,
            cols.get(b),  # type: ignore[arg-type]
            cols.get(a),  # type: ignore[arg-type]
            ma=_const_int(left, target),
            mb=10 ** (SCALE - _scale(a) + _scale(b)) * 10 ** (target - SCALE),
            const=0,
        )
    if isinstance(right, Arith) and right.op == "*" and _is_col(left, cols):
        col, k = right.left, right.right
        if isinstance(col, Const):
            col, k = k, col
        if not (_is_col(col, cols) and isinstance(k, Const) and k.type.is_number and col.type.is_number):
            raise NotCovered
        sp, sk, sc = _scale(right), _scale(k), _scale(col)
        kk = _const_int(k, sk)
        target = max(_scale(left), sp)
        if sc + sk <= SCALE:  # exact product, rescaled to the node's scale
            factor, divisor = kk * 10 ** (sp - sc - sk), 1
        else:  # rounded half up to scale 6
            factor, divisor = kk, 10 ** (sc + sk - SCALE)
        factor *= 10 ** (target - sp)  # the product brought to the comparison's scale: exact after rounding
        if divisor != 1 and target != sp:
            raise NotCovered
        return _row(
            DIVCMP,
            op,
            cols.get(left),  # type: ignore[arg-type]
            _NA,
            cols.get(col),  # type: ignore[arg-type]
            ma=10 ** (target - _scale(left)),
            mb=factor,
            const=divisor,
        )
    raise NotCovered


@dataclass
class _Shape:
    """A library's benefits as the kernel's flat arrays: built once per library version and kept degree."""

    arrays: tuple[npt.NDArray[np.int64], ...]
    mask_keys: list[frozenset[str]]
    vcols: list[str]


def _library_arrays(compiled: CompiledLibrary, keep_degree: int) -> _Shape:
    key = f"kernel_arrays:{keep_degree}"
    cached = compiled.cache.get(key)
    if isinstance(cached, _Shape):
        return cached
    benefits = compiled.benefits
    cond_start = np.zeros(len(benefits) + 1, dtype=np.int64)
    cond_start[1:] = np.cumsum([len(b.condition_ids) for b in benefits])
    cond_ids = np.array([c for b in benefits for c in b.condition_ids], dtype=np.int64)
    weights = np.array([w for b in benefits for w in b.weights], dtype=np.int64)
    totals = np.array([b.total_weight for b in benefits], dtype=np.int64)
    offsets = np.array([(-(2 * keep_degree - 101) * b.total_weight) // 100 for b in benefits], dtype=np.int64)
    uniform = np.array([_uniform(b.weights, int(o)) for b, o in zip(benefits, offsets, strict=True)], dtype=np.int64)
    mask_keys = list(dict.fromkeys(b.kinds for b in benefits))
    app_index = np.array([mask_keys.index(b.kinds) for b in benefits], dtype=np.int64)
    vcols = list(dict.fromkeys(c for b in benefits for c in b.columns))
    col_start = np.zeros(len(benefits) + 1, dtype=np.int64)
    col_start[1:] = np.cumsum([len(b.columns) for b in benefits])
    where = {c: i for i, c in enumerate(vcols)}
    col_ids = np.array([where[c] for b in benefits for c in b.columns], dtype=np.int64)
    shape = _Shape(
        (cond_start, cond_ids, weights, totals, offsets, uniform, app_index, col_start, col_ids), mask_keys, vcols
    )
    compiled.cache[key] = shape
    return shape


def _grades(compiled: CompiledLibrary, shape: _Shape) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.int64]]:
    """(tables, table of each benefit): the packed status and degree by met and unmet counts
    (``native.grade_table``), one table per distinct (weight, total) of the equal-weights benefits, so pass 1
    looks a pair's grade up instead of dividing."""
    cached = compiled.cache.get("kernel_grades")
    if isinstance(cached, tuple):
        return cached
    cond_start, _, weights, totals, _, uniform = shape.arrays[:6]
    rows: dict[tuple[int, int], int] = {}
    grade_of = np.zeros(len(totals), dtype=np.int64)
    for b in np.flatnonzero(uniform >= 0):
        grade_of[b] = rows.setdefault((int(weights[cond_start[b]]), int(totals[b])), len(rows))
    tables = np.zeros((max(1, len(rows)), 256), dtype=np.uint32)
    for (weight, total), row in rows.items():
        native.grade_table(weight, total, tables[row])
    compiled.cache["kernel_grades"] = (tables, grade_of)
    return tables, grade_of


SLAB_BYTES = 256 * 2**20  # pass 1's pair slab (virtual; only the rows' written parts become memory)
SLAB_PAIR_BYTES = 4  # a pair packed in one uint32: entity in its block, degree, status, provable
PARALLEL_WORDS = 256  # below this many words (16,384 entities) one thread does it all


def outcome_codes(
    compiled: CompiledLibrary,
    truth: npt.NDArray[np.uint64],
    known: npt.NDArray[np.uint64],
    entity: npt.NDArray[np.uint32],
    benefit: npt.NDArray[np.uint32],
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int8]]:
    """(list offsets, flat outcome codes) of kept pairs, as the streaming output's ``outcomes`` column wants them."""
    sizes = np.array([len(b.condition_ids) for b in compiled.benefits], dtype=np.int64)
    cond_start = np.zeros(sizes.size + 1, dtype=np.int64)
    np.cumsum(sizes, out=cond_start[1:])
    cond_ids = np.array([c for b in compiled.benefits for c in b.condition_ids], dtype=np.int64)
    offsets = np.zeros(entity.size + 1, dtype=np.int64)
    np.cumsum(sizes[benefit], out=offsets[1:])
    flat = np.empty(int(offsets[-1]), dtype=np.int8)
    native.outcomes(
        truth, known, entity.astype(np.int64), benefit.astype(np.int64), cond_start, cond_ids, offsets, flat
    )
    return offsets.astype(np.int32), flat


class _Scratch:
    """Internal arrays of one call handed to the next call asking for the same shape (at most
    ``settings.engine_scratch_mb()`` kept): a fresh array of hundreds of MB costs the operating system a page
    fault and a zeroed page per 4 KB or 2 MB touched, which was 0.1–0.7 s of system time per 1M × 1,000 call.
    An array is handed to one call at a time (taken out of the pool until given back), so concurrent calls never
    share one; what is given back holds no meaning, every taker writes what it reads."""

    def __init__(self) -> None:
        # (shape, dtype, lazy) and the array, oldest first; several of one key (a call's truth and known matrices,
        # its valid and none bits have one shape each)
        self.free: list[tuple[tuple[Any, ...], npt.NDArray[Any]]] = []
        self.lock = threading.Lock()
        # the memory of results that are gone (``lend``), appended by their finalizers: a finalizer runs inside
        # some garbage collection, which may be inside ``give`` holding the lock, so it only appends
        self.returned: collections.deque[npt.NDArray[Any]] = collections.deque()

    def lend(self, shape: tuple[int, ...], dtype: Any) -> npt.NDArray[Any]:
        """An array for a result the caller keeps: its memory comes back to the pool once no array views it (a
        1M × 1,000 call's condition matrices, pairs and amounts were ≈ 240 MB of fresh memory, faulted in and
        zeroed by the operating system: 0.04–0.08 CPU-s a call). Its contents are undefined, like ``np.empty``'s."""
        nbytes = int(np.prod(shape)) * np.dtype(dtype).itemsize
        if not nbytes:
            return np.empty(shape, dtype=dtype)
        # owners come in size classes: a stream's batches each keep a different number of pairs, and owners of
        # exact sizes were never taken again (they filled the pool and pushed the scratch out of it)
        owner = self.take((_size_class(nbytes),), np.uint8)
        # from a memoryview, NumPy gives the array a memoryview of its own as its base, which every view of the
        # array keeps alive (through the array): it dies with the last of them. (From the owner itself the base
        # would be the owner, which the pool keeps; and a finalizer on the array could run while a view of it is
        # still in use, since a view's base skips over arrays that hold no buffer of their own.)
        flat = np.frombuffer(owner.data, dtype=np.uint8, count=nbytes)
        weakref.finalize(flat.base, self.returned.append, owner)
        out: npt.NDArray[Any] = flat.view(dtype).reshape(shape)
        return out

    def take(self, shape: tuple[int, ...], dtype: Any, lazy: bool = False) -> npt.NDArray[Any]:
        while self.returned:
            self.give(self.returned.popleft())
        key = (shape, np.dtype(dtype).str, lazy)
        with self.lock:
            at = next((i for i, (k, _) in enumerate(self.free) if k == key), None)
            found = self.free.pop(at)[1] if at is not None else None
        if found is not None:
            return found
        return _lazy(shape, dtype) if lazy else np.empty(shape, dtype=dtype)

    def give(self, array: npt.NDArray[Any], lazy: bool = False) -> None:
        from policyreach import settings

        budget = settings.engine_scratch_mb() * 2**20
        with self.lock:
            self.free.append(((array.shape, array.dtype.str, lazy), array))
            while self.free and sum(a.nbytes for _, a in self.free) > budget:
                del self.free[0]  # the oldest first


SCRATCH = _Scratch()


def _size_class(nbytes: int) -> int:
    """``nbytes`` rounded up to the next of four steps per power of two (at most a quarter more; 4 KB at least)."""
    if nbytes <= 4096:
        return 4096
    step = 1 << (nbytes.bit_length() - 3)
    return -(-nbytes // step) * step


def _lazy(shape: tuple[int, ...], dtype: Any) -> npt.NDArray[Any]:
    """An array in fresh anonymous memory with ordinary pages: only the pages written become memory. (NumPy asks
    for transparent huge pages on large arrays: one byte written in each row of the slab would then fault in and
    zero 2 MB pages, the whole 256 MB.)"""
    size = max(1, int(np.prod(shape)) * np.dtype(dtype).itemsize)
    return np.frombuffer(mmap.mmap(-1, size), dtype=dtype, count=int(np.prod(shape))).reshape(shape)


def _uniform(weights: tuple[int, ...], offset: int) -> int:
    """F for a benefit of k ≤ 15 equal weights w (near ⟺ met + F ≥ unmet in counts, F = ⌊offset / w⌋ ≤ 15), else −1.

    w·met + offset ≥ w·unmet ⟺ met − unmet ≥ −offset / w ⟺ met + ⌊offset / w⌋ ≥ unmet (counts are integers).
    """
    if not weights or len(weights) > 15 or len(set(weights)) != 1 or weights[0] <= 0:
        return -1
    return min(offset // weights[0], 15)


def threads(count: int | None) -> None:
    """Use ``count`` threads (None: every core); the single-core figure is measured with 1."""
    native.threads(count)


def empty_bits(rows: int, words: int) -> npt.NDArray[np.uint64]:
    return np.zeros((rows, words), dtype=np.uint64)


# ---------------------------------------------------------------------------------------------- the driver


@dataclass
class Amounts:
    """The amount formulas as int64 stack programs (``batch._NativeAmounts``: ``ops`` from ``op_start[f]``, the
    frame's columns they read, by their number in the ops, and tier bands) and each benefit's program (−1: none),
    which pass 2 runs over each block's pairs while they and the block's rows are in cache. The columns are read
    from the kernel's own fixed-point values (a second conversion of the same columns was 0.011 s at 1M rows)."""

    ops: npt.NDArray[np.int64]
    op_start: npt.NDArray[np.int64]
    program_of: npt.NDArray[np.int64]
    columns: list[str]
    tiers: npt.NDArray[np.int64]

    def bound(self, cols: _Columns) -> npt.NDArray[np.int64]:
        """``ops`` with each column operand renumbered to the column's row in the kernel's values (``cols``)."""
        ops = self.ops.copy()
        reads = ops[:, 0] == native.A_COL
        if reads.any():
            rows = np.array([cols.get_name(name) for name in self.columns], dtype=np.int64)
            ops[reads, 1] = rows[ops[reads, 1]]
        return ops


@dataclass
class KernelResult:
    """Condition bitmaps (one row per compiled condition) and the kept pairs, benefit-major; with ``Amounts``
    given, each pair's amount (0 / not known but for eligible and likely pairs; the arrays lent by the scratch pool,
    which takes them back once nothing views them) and the programs that left the int64 range (``amount_failed``)."""

    truth: npt.NDArray[np.uint64]
    known: npt.NDArray[np.uint64]
    entity: npt.NDArray[np.uint32]
    benefit: npt.NDArray[np.uint32]
    status: npt.NDArray[np.uint8]
    degree: npt.NDArray[np.uint8]
    provable: npt.NDArray[np.bool_]
    bounds: npt.NDArray[np.int64]  # benefit b's pairs are [bounds[b], bounds[b + 1])
    partial_counts: npt.NDArray[np.int64]
    likely_counts: npt.NDArray[np.int64]
    claimable_any: npt.NDArray[np.uint64]
    fallback: list[int]
    amount: npt.NDArray[np.int64] | None = None
    amount_known: npt.NDArray[np.bool_] | None = None
    amount_failed: npt.NDArray[np.bool_] | None = None


def run(
    compiled: CompiledLibrary,
    frame: pl.DataFrame,
    *,
    fallback: Any,
    masks: dict[frozenset[str], npt.NDArray[np.uint64]],
    verified: Any,
    valid_rows: npt.NDArray[np.uint64],
    min_degree: int,
    include_partial: bool,
    keep_likely: bool,
    ahead: dict[str, Future[tuple[list[pa.Array], list[Any]]]] | None = None,
    amounts: Amounts | None = None,
) -> KernelResult:
    """Match ``compiled`` over a prepared frame; ``fallback(cids)`` gives the Polars bitmaps of uncovered conditions;
    ``ahead``: its text columns already being encoded (``encode_ahead``)."""
    from policyreach.engine import bitmaps

    n = frame.height
    words = bitmaps.n_words(n)
    absent = frozenset(c.removesuffix(NONE_SUFFIX) for c in frame.columns if c.endswith(NONE_SUFFIX))
    cols = _Columns(frame, absent=absent, ahead=ahead or {})
    cols.prefetch(_columns_read(compiled) + (amounts.columns if amounts is not None else []))
    # the benefits' arrays and bitmaps before the plan, which waits for the text columns' encoding (``ahead``, on a
    # worker thread): this work then overlaps it rather than following it
    keep_degree = min(min_degree, 50) if include_partial else 50
    shape = _library_arrays(compiled, keep_degree)
    keys = shape.mask_keys
    mask_rows = np.stack([masks[k] & valid_rows for k in keys]) if keys else np.zeros((1, words), np.uint64)
    verified_rows = verified.rows(shape.vcols) if shape.vcols else np.zeros((1, words), np.uint64)
    p, atoms, plan_tables = planned(compiled, cols)
    amount_ops = amounts.bound(cols) if amounts is not None else None  # before the values' shape is fixed
    ncond = len(compiled.conditions)
    # every row is written: the kernel's by pass 1 over every word, the others' below
    truth = SCRATCH.lend((ncond, words), np.uint64)
    known = SCRATCH.lend((ncond, words), np.uint64)
    for cid, (t, k) in zip(p.fallback, fallback(p.fallback), strict=True):
        truth[cid], known[cid] = t, k
    ncols = max(1, len(cols.sources))
    values = SCRATCH.take((ncols, words * 64 or 64), np.int64)  # whole words: no tail loop in the kernel
    valid = SCRATCH.take((ncols, words), np.uint64)
    none = SCRATCH.take((ncols, words), np.uint64)
    if len(cols.sources) < ncols:
        values[:] = valid[:] = none[:] = 0
    # one parallel call (one barrier, not one per column as before): the copy is bound by memory bandwidth, which
    # a second core raises
    cols.fill(values, valid, valid_rows, parallel=words >= PARALLEL_WORDS)
    none[:] = 0
    flagged = [(name, i) for name, i in cols.index.items() if name in absent]
    flags = flag_bits(frame, [f"{name}{NONE_SUFFIX}" for name, _ in flagged])
    for (_, i), bits in zip(flagged, flags, strict=True):
        none[i] = bits & ~valid[i] & valid_rows
    tables = _table_array(plan_tables)
    program, starts, covered = p.program, p.starts, p.covered

    benefits = compiled.benefits
    cond_start, cond_ids, weights, totals, offsets, uniform, app_index, col_start, col_ids = shape.arrays

    parallel = words >= PARALLEL_WORDS
    # pass 1 writes each block's kept pairs into the block's row of a slab, so pass 2 only copies them to their
    # benefit-major slots (and computes their amounts); the rows are virtual memory until written (1M × 1,000:
    # ≈ 28 MB of 256 MB touched, 4 bytes a pair), and a block whose pairs outgrow its row is recomputed by pass 2
    blocks = (words + BLOCK_WORDS - 1) // BLOCK_WORDS
    cap = max(1, min(len(benefits) * BLOCK_WORDS * 64, SLAB_BYTES // (SLAB_PAIR_BYTES * max(1, blocks))))
    slab = SCRATCH.take((blocks, cap), np.uint32, lazy=True)  # a pair a word (``native.LOCAL_BITS``…)
    grades, grade_of = _grades(compiled, shape)
    kept_n, near_n, likely_n, claimable_any, overflow = (native.count if parallel else native.count_serial)(
        atoms, tables, program, starts, covered, values, valid, none, truth, known, n, words,
        cond_start, cond_ids, weights, offsets, uniform, totals, app_index, mask_rows, include_partial, keep_likely,
        col_start, col_ids, verified_rows, grades, grade_of, slab,
    )  # fmt: skip
    # pass 1 counts block-major (its stores stay in one cache line run per block), and pass 2 reads a block's runs'
    # slots as one row, not 1,000 cache lines: the benefit-major slots are computed in that layout (a transpose,
    # a cumulative sum and a transpose back were 0.004 s of one thread at 1M × 1,000)
    kept_by_block = kept_n
    start_by_block = SCRATCH.take(kept_n.shape, np.int64)
    bounds = np.empty(len(benefits) + 1, dtype=np.int64)
    native.slots(kept_by_block, start_by_block, bounds)
    total_pairs = int(bounds[-1])
    entity = SCRATCH.lend((total_pairs,), np.uint32)
    benefit = SCRATCH.lend((total_pairs,), np.uint32)
    status = SCRATCH.lend((total_pairs,), np.uint8)
    degree = SCRATCH.lend((total_pairs,), np.uint8)
    provable = SCRATCH.lend((total_pairs,), np.bool_)
    if amounts is None:
        amount = (False, *_NO_AMOUNTS)
    else:
        # the benefits grouped by program: pass 2 runs each program once a block over all of its benefits' pairs
        order = np.argsort(amounts.program_of, kind="stable")
        order = order[amounts.program_of[order] >= 0]
        group_of, group_start = np.unique(amounts.program_of[order], return_index=True)
        ops, op_start = amount_ops, amounts.op_start
        assert ops is not None
        reads = np.array([(ops[op_start[f] : op_start[f + 1], 0] == native.A_COL).any() for f in group_of], np.bool_)
        amount = (
            True, ops, op_start, group_of, np.append(group_start, order.size), order, reads, values, valid,
            amounts.tiers,
            SCRATCH.lend((total_pairs,), np.int64),  # the result's own buffer
            SCRATCH.lend((total_pairs,), np.bool_),  # only its packed bits are kept
            np.zeros(len(amounts.op_start), dtype=np.bool_),
        )  # fmt: skip
    (native.place if parallel else native.place_serial)(
        kept_by_block, start_by_block, overflow, slab, entity, benefit, status, degree, provable, amount
    )
    SCRATCH.give(slab, lazy=True)
    if overflow.any():
        start_at = np.ascontiguousarray(start_by_block.T)  # benefit-major, as the recomputation reads it
        (native.fill if parallel else native.fill_serial)(
            truth, known, words, cond_start, cond_ids, weights, offsets, uniform, totals, app_index, mask_rows,
            include_partial, keep_likely, overflow, start_at, col_start, col_ids, verified_rows,
            entity, benefit, status, degree, provable,
        )  # fmt: skip
        (native.fill_amounts if parallel else native.fill_amounts_serial)(
            overflow, kept_by_block, start_by_block, entity, status, amount
        )
    for scratch in (values, valid, none, start_by_block):  # pass 2's amounts read the values
        SCRATCH.give(scratch)
    zero = np.zeros(len(benefits), dtype=np.int64)
    return KernelResult(
        truth=truth,
        known=known,
        entity=entity,
        benefit=benefit,
        status=status,
        degree=degree,
        provable=provable,
        bounds=bounds,
        partial_counts=zero if include_partial else near_n.sum(axis=0),
        likely_counts=zero if keep_likely else likely_n.sum(axis=0),
        claimable_any=claimable_any,
        fallback=p.fallback,
        amount=amount[-3] if amounts is not None else None,
        amount_known=amount[-2] if amounts is not None else None,
        amount_failed=amount[-1] if amounts is not None else None,
    )


def _no(dtype: Any, dims: int) -> npt.NDArray[Any]:
    return np.zeros((1,) * dims, dtype=dtype)


# pass 2's amount inputs when there are none: of the same types, so the kernel compiles once
_NO_AMOUNTS = (
    _no(np.int64, 2), _no(np.int64, 1), _no(np.int64, 1), _no(np.int64, 1), _no(np.int64, 1), _no(np.bool_, 1),
    _no(np.int64, 2), _no(np.uint64, 2), _no(np.int64, 2), _no(np.int64, 1), _no(np.bool_, 1), _no(np.bool_, 1),
)  # fmt: skip


# ------------------------------------------------------------------------------------------- one entity


def _walk(node: Node) -> list[Node]:
    from policyreach.rules.ir import children

    found, stack = [], [node]
    while stack:
        item = stack.pop()
        found.append(item)
        stack.extend(children(item))
    return found


_EPOCH = dt.date(1970, 1, 1)
_LIMIT = 2**62
_FACTOR = 10**SCALE


class SinglePlan:
    """The library's conditions planned once per library version for one entity at a time (the portal's path).

    The plan is the batch kernel's, over a frame whose text columns hold every text constant the library
    compares them with: an entity's text is then a code into that dictionary. A value the plan cannot hold
    exactly — text outside the dictionary, a decimal with more than 6 places, a known absence, a type the
    column does not expect — leaves the conditions reading it (or the whole entity) to the Python closures,
    which are the definition; so the native path never changes a result.
    """

    def __init__(self, compiled: CompiledLibrary) -> None:
        types: dict[str, Type] = {}
        texts: dict[str, dict[str, None]] = {}
        self.reading: dict[str, list[int]] = {}  # text column -> conditions that read it
        for cid, node in enumerate(compiled.conditions):
            nodes = _walk(node)
            consts = [n.value for n in nodes if isinstance(n, Const) and n.type == Type.STR]
            for item in nodes:
                if isinstance(item, Col):
                    types.setdefault(item.column, item.type)
                    if item.type == Type.STR:
                        texts.setdefault(item.column, {}).update(dict.fromkeys(str(c) for c in consts))
                        self.reading.setdefault(item.column, []).append(cid)
        height = max([1, *(len(t) for t in texts.values())])
        data: dict[str, pl.Series] = {}
        for name, type_ in types.items():
            if type_ == Type.STR:
                words = list(texts.get(name, {}))
                data[name] = pl.Series(name, words + [None] * (height - len(words)), dtype=pl.String)
            else:
                dtype = {Type.BOOL: pl.Boolean, Type.DATE: pl.Date}.get(type_, pl.Int64)
                data[name] = pl.Series(name, [None] * height, dtype=dtype)
        # a library reading no column still needs a frame of one row to plan its constant conditions over
        cols = _Columns(pl.DataFrame(data) if data else pl.DataFrame({"__row": [None]}))
        p = plan(compiled, cols)
        self.fallback = p.fallback
        self.columns = [(name, i, types[name]) for name, i in cols.index.items()]
        self.codes = {name: {v: c for c, v in enumerate(words)} for name, words in cols.dictionaries.items()}
        # each column's conversion chosen here once, not per value: (name, index, convert, text)
        self.converters = [
            (name, i, self._converter(type_, name), type_ == Type.STR) for name, i, type_ in self.columns
        ]
        self.atoms = np.array(p.atoms, dtype=np.int64).reshape(-1, _ATOM_WIDTH)
        self.tables = _table_array(p.tables)
        self.program = np.array(p.program, dtype=np.int64)
        self.starts = np.array(p.starts, dtype=np.int64)
        self.covered = np.array(p.covered, dtype=np.int64)
        self.ncols = max(1, len(cols.sources))
        self.ncond = len(compiled.conditions)
        self.none = np.zeros(self.ncols, dtype=np.bool_)  # a known absence sends the entity to the closures

    def inputs(self, values: dict[str, Any]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_], list[int]] | None:
        """(fixed-point values, validity, conditions left to the closures) of one entity, or None: all of them."""
        row = np.zeros(self.ncols, dtype=np.int64)
        valid = np.zeros(self.ncols, dtype=np.bool_)
        left: list[int] = []
        for name, i, convert, text in self.converters:
            value = values.get(name)
            if value is None:
                continue
            scaled = convert(value)
            if scaled is None:
                if not text or not isinstance(value, str):
                    return None  # known absence or an unexpected type: the closures decide it all
                left.extend(self.reading.get(name, ()))
                continue
            row[i] = scaled
            valid[i] = True
        return row, valid, left

    def outcomes(self, values: dict[str, Any]) -> tuple[npt.NDArray[np.int8], list[int]] | None:
        """(codes per condition: 0 unmet, 1 met, 2 unknown; conditions left to the closures), or None: all of them."""
        found = self.inputs(values)
        if found is None:
            return None
        row, valid, left = found
        codes = np.full(self.ncond, 2, dtype=np.int8)
        native.single(self.atoms, self.tables, self.program, self.starts, self.covered, row, valid, self.none, codes)
        return codes, self.fallback + left

    def _converter(self, type_: Type, name: str) -> Any:
        """value → the kernel's int64 (None: the plan cannot hold it exactly), for a column of ``type_``."""
        if type_ == Type.STR:
            words = self.codes.get(name, {})
            return lambda v: words.get(v) if isinstance(v, str) else None
        if type_ == Type.BOOL:
            return lambda v: int(v) if isinstance(v, bool) else None
        if type_ == Type.DATE:
            return lambda v: (v - _EPOCH).days if type(v) is dt.date else None
        if type_ == Type.INT:
            return lambda v: v if type(v) is int and -_LIMIT < v < _LIMIT else None
        return _fixed


def _fixed(value: Any) -> int | None:
    """A decimal as exact micro-units, or None when it has more than 6 places (or is not a finite number)."""
    if type(value) is Decimal:
        if not value.is_finite():
            return None
        n, d = value.as_integer_ratio()
    elif type(value) is int:
        n, d = value, 1
    else:
        return None
    q, r = divmod(_FACTOR, d)
    out = n * q
    return out if not r and -_LIMIT < out < _LIMIT else None
