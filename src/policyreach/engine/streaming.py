"""The in-process engine over a Parquet population too large to hold: record batch by record batch.

Each batch (a slice of rows, only the columns the library reads) is matched by
``match_population`` and its kept pairs, with every per-condition outcome, are handed on
before the next batch is read (``match_parquet`` writes one batch while matching the next):
memory holds one or two batches, whatever the population's size. The
output is the layout the Spark back end writes (``engine.spark.match_population_spark``):
entity_id, benefit_id, status, degree, amount, provable, outcomes — a Parquet dataset
partitioned by benefit (``benefit_id=<id>/part-….parquet``), one directory a department reads.
"""

from __future__ import annotations

import itertools
import shutil
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from policyreach.engine import bitmaps
from policyreach.engine.batch import OUTCOMES, STATUS_CODES, BatchResult, match_population
from policyreach.rules.library import CompiledLibrary

PARTITION = "benefit_id"
MATCH_SCHEMA = pa.schema(
    [
        ("entity_id", pa.string()),
        ("benefit_id", pa.string()),
        ("status", pa.string()),
        ("degree", pa.int32()),
        ("amount", pa.decimal128(18, 6)),  # 万元, exact: 0.000001 万元 is 1 分
        ("provable", pa.bool_()),
        ("outcomes", pa.list_(pa.string())),  # 'met' / 'unmet' / 'unknown' per condition, in benefit order
    ]
)
_OUTCOME_WORDS = pa.array(OUTCOMES, type=pa.string())  # index = unmet 0, met 1, unknown 2
_STATUS_WORDS = pa.array(STATUS_CODES, type=pa.string())


@dataclass
class MatchSummary:
    """What a match run did: entities read, pairs written (by status), seconds."""

    entities: int = 0
    pairs: int = 0
    batches: int = 0
    seconds: float = 0.0
    statuses: dict[str, int] = field(default_factory=dict)


def input_columns(compiled: CompiledLibrary, available: list[str]) -> list[str]:
    """The columns of a population file that matching ``compiled`` reads (and their verified flags)."""
    names = list(dict.fromkeys(["entity_id", "kind", *compiled.input_columns()]))
    present = set(available)
    return [c for c in [*names, *(f"{n}__verified" for n in names)] if c in present]


def parquet_files(path: Path) -> list[Path]:
    """The Parquet files of a population: the file itself, or a directory's files (Spark's layout too)."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*.parquet") if not p.name.startswith((".", "_")))
    return [path]


def iter_population(compiled: CompiledLibrary, path: Path, batch_size: int) -> Iterator[pl.DataFrame]:
    """The population in batches of at most ``batch_size`` rows, only the columns ``compiled`` needs.

    Each batch is a slice of a file read by Polars' own Parquet reader, which decodes only the row groups the slice
    covers, on every core: a quarter of the CPU time of pyarrow's ``iter_batches`` turned into Polars frames.
    """
    for file in parquet_files(path):
        metadata = pq.read_metadata(file)
        columns = input_columns(compiled, metadata.schema.to_arrow_schema().names)
        scan = pl.scan_parquet(file, hive_partitioning=False).select(columns)
        for start in range(0, metadata.num_rows, batch_size):
            yield scan.slice(start, batch_size).collect()


def result_table(result: BatchResult) -> pa.Table:
    """A batch's kept pairs in the shared output layout, per-condition outcomes included.

    Built from the pair columns' buffers with Arrow kernels (ids taken by index, the fixed-point amount laid
    out as decimal128 as it is): no frame of Python-visible decimals in between, so writing keeps up with
    matching.
    """
    pairs = result.pairs
    benefit_ids = pa.array([b.id for b in result.compiled.benefits], type=pa.string())
    offsets, codes = outcome_codes(result)
    columns = [
        _entity_ids(result),
        benefit_ids.take(pa.array(pairs["benefit_idx"].to_numpy())),
        _STATUS_WORDS.take(pa.array(pairs["status"].to_numpy())),
        *_numbers(result),
        pa.ListArray.from_arrays(pa.array(offsets), _OUTCOME_WORDS.take(pa.array(codes))),
    ]
    return pa.Table.from_arrays(columns, schema=MATCH_SCHEMA)


def _entity_ids(result: BatchResult) -> pa.Array:
    ids = result.entity_ids.to_arrow()
    return ids.take(pa.array(result.pairs["entity_idx"].to_numpy())).cast(pa.string())


def _numbers(result: BatchResult) -> list[pa.Array]:
    """degree, amount and provable of the kept pairs, as the output layout types them."""
    pairs = result.pairs
    amount = pairs["amount"].to_arrow()
    if isinstance(amount, pa.ChunkedArray):
        amount = amount.combine_chunks()
    return [
        pa.array(pairs["degree"].to_numpy().astype(np.int32)),
        _decimal(amount, pairs.height),
        pa.array(pairs["provable"].to_numpy()),
    ]


# What match_parquet writes: the output layout without the partition column, the words as dictionary codes. The
# Parquet writer takes dictionary arrays as they are (no hashing of millions of words) and files written without
# the Arrow schema read back as plain strings, the layout Spark writes.
_WRITTEN = pa.schema(
    [
        ("entity_id", pa.string()),
        ("status", pa.dictionary(pa.int8(), pa.string())),
        ("degree", pa.int32()),
        ("amount", pa.decimal128(18, 6)),
        ("provable", pa.bool_()),
        ("outcomes", pa.list_(pa.dictionary(pa.int8(), pa.string()))),
    ]
)
_WRITE_OPTIONS: dict[str, Any] = {
    "store_schema": False,
    # entity ids are all distinct within a file: a dictionary of them is hashing for nothing
    "use_dictionary": ["status", "degree", "outcomes.list.element"],
    # the outcome lists' statistics (min and max word) tell a reader nothing and cost a comparison per word
    "write_statistics": ["entity_id", "status", "degree", "amount", "provable"],
}


def _written_table(result: BatchResult) -> pa.Table:
    """A batch's kept pairs as ``match_parquet`` writes them (one table; sliced per benefit by the caller)."""
    offsets, codes = outcome_codes(result)
    columns = [
        _entity_ids(result),
        pa.DictionaryArray.from_arrays(pa.array(result.pairs["status"].to_numpy().astype(np.int8)), _STATUS_WORDS),
        *_numbers(result),
        pa.ListArray.from_arrays(pa.array(offsets), pa.DictionaryArray.from_arrays(pa.array(codes), _OUTCOME_WORDS)),
    ]
    return pa.Table.from_arrays(columns, schema=_WRITTEN)


def _decimal(scaled: pa.Array, n: int) -> pa.Array:
    """Int64 micro-units as decimal128(18, 6) with the same digits: the 128-bit value is the integer itself."""
    values = np.empty((n, 2), dtype=np.int64)
    if n:
        # the values buffer as it is: what lies under a null is never read
        low = np.frombuffer(scaled.buffers()[1], dtype=np.int64, count=scaled.offset + n)[scaled.offset :]
        values[:, 0] = low
        np.right_shift(low, 63, out=values[:, 1])  # sign extension into the high word
    validity = scaled.buffers()[0] if scaled.null_count else None
    if validity is not None and scaled.offset:
        validity = pa.array(scaled.is_valid().to_numpy(zero_copy_only=False)).buffers()[1]
    return pa.Array.from_buffers(pa.decimal128(18, 6), n, [validity, pa.py_buffer(values)])


def outcome_lists(result: BatchResult) -> pa.ListArray:
    """Every kept pair's outcomes as lists of words."""
    offsets, codes = outcome_codes(result)
    return pa.ListArray.from_arrays(pa.array(offsets), _OUTCOME_WORDS.take(pa.array(codes)))


def outcome_codes(result: BatchResult) -> tuple[np.ndarray, np.ndarray]:
    """(list offsets, flat codes: 0 unmet, 1 met, 2 unknown) of every kept pair's outcomes, vectorised."""
    pairs = result.pairs
    entity_idx = pairs["entity_idx"].to_numpy()
    benefit_idx = pairs["benefit_idx"].to_numpy()
    if len(pairs) and result.condition_matrices is not None:
        from policyreach.engine import kernel

        # the kernel's condition rows are views of one matrix: one native pass over every kept pair
        matrix_t, matrix_k = result.condition_matrices
        return kernel.outcome_codes(result.compiled, matrix_t, matrix_k, entity_idx, benefit_idx)
    codes: list[np.ndarray] = []
    lengths = np.zeros(len(pairs), dtype=np.int64)
    # pairs are assembled benefit after benefit: each benefit's run is a matrix
    starts = np.flatnonzero(np.diff(benefit_idx, prepend=-1)) if len(pairs) else np.empty(0, dtype=np.int64)
    ends = [*starts[1:].tolist(), len(pairs)]
    for start, end in zip(starts.tolist(), ends, strict=True):
        benefit = result.compiled.benefits[int(benefit_idx[start])]
        idx = entity_idx[start:end].astype(np.uint32)
        k = len(benefit.condition_ids)
        lengths[start:end] = k
        if k == 0:
            continue
        matrix = np.empty((end - start, k), dtype=np.int8)
        for j, cid in enumerate(benefit.condition_ids):
            known = bitmaps.gather(result.condition_known[cid], idx).astype(bool)
            true = bitmaps.gather(result.condition_true[cid], idx).astype(bool)
            matrix[:, j] = np.where(known, true.astype(np.int8), 2)
        codes.append(matrix.ravel())
    flat = np.concatenate(codes) if codes else np.empty(0, dtype=np.int8)
    offsets = np.zeros(len(pairs) + 1, dtype=np.int32)
    np.cumsum(lengths, out=offsets[1:])
    return offsets, flat


def _results(
    compiled: CompiledLibrary,
    path: Path,
    batch_size: int,
    min_degree: int,
    include_partial: bool,
    summary: MatchSummary,
) -> Iterator[BatchResult]:
    """Each batch's match, counted into ``summary`` (pairs by status counted on the codes, not on words)."""
    for frame in iter_population(compiled, path, batch_size):
        result = match_population(compiled, frame, min_degree=min_degree, include_partial=include_partial)
        summary.entities += frame.height
        summary.pairs += result.pairs.height
        summary.batches += 1
        by_code = np.bincount(result.pairs["status"].to_numpy(), minlength=len(STATUS_CODES))
        for code, count in enumerate(by_code.tolist()):
            if count:
                name = STATUS_CODES[code]
                summary.statuses[name] = summary.statuses.get(name, 0) + int(count)
        del frame
        yield result


def iter_matches(
    compiled: CompiledLibrary,
    path: Path,
    *,
    batch_size: int = 100_000,
    min_degree: int = 50,
    include_partial: bool = False,
    summary: MatchSummary | None = None,
) -> Iterator[pa.RecordBatch]:
    """Kept pairs of a Parquet population, one batch of entities at a time (flat memory)."""
    summary = summary if summary is not None else MatchSummary()
    for result in _results(compiled, path, batch_size, min_degree, include_partial, summary):
        table = result_table(result)
        del result
        yield from table.to_batches()


def match_parquet(
    compiled: CompiledLibrary,
    path: Path,
    out: Path,
    *,
    batch_size: int = 100_000,
    min_degree: int = 50,
    include_partial: bool = False,
) -> MatchSummary:
    """Match a Parquet population and write the kept pairs to ``out``, partitioned by benefit.

    One file per benefit; each batch's pairs of a benefit become one row group of its file. A batch is written
    by one writer thread while the next batch is matched (Arrow's Parquet writer releases the GIL), and never
    more than one batch waits: memory holds at most two batches' pairs, whatever the population's size
    (pyarrow's dataset writer would queue up to 64M rows).
    """
    started = time.perf_counter()
    clear_output(out)
    summary = MatchSummary()
    writers: dict[int, pq.ParquetWriter] = {}
    names = [b.id for b in compiled.benefits]

    def write(table: pa.Table, bounds: list[int]) -> None:
        for b, (start, end) in enumerate(itertools.pairwise(bounds)):
            if start == end:
                continue
            if b not in writers:
                folder = out / f"{PARTITION}={escape_partition(names[b])}"
                folder.mkdir(parents=True, exist_ok=True)
                writers[b] = pq.ParquetWriter(folder / "part-00000.parquet", _WRITTEN, **_WRITE_OPTIONS)
            writers[b].write_table(table.slice(start, end - start))

    pending: Future[None] | None = None
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="match-writer") as pool:
        try:
            for result in _results(compiled, path, batch_size, min_degree, include_partial, summary):
                table = _written_table(result)
                # pairs come grouped by benefit, in benefit order: each benefit's rows are one slice
                benefit_idx = result.pairs["benefit_idx"].to_numpy()
                bounds = np.searchsorted(benefit_idx, np.arange(len(names) + 1), side="left").tolist()
                del result, benefit_idx
                if pending is not None:
                    pending.result()  # the previous batch is written before another one is queued
                pending = pool.submit(write, table, bounds)
                del table
            if pending is not None:
                pending.result()
        except BaseException:
            _close(writers, pending)
            clear_output(out)  # a batch refused (an amount past the exact range): no half-written output is left
            raise
        _close(writers, pending)
    out.mkdir(parents=True, exist_ok=True)
    summary.seconds = time.perf_counter() - started
    return summary


def _close(writers: dict[int, pq.ParquetWriter], pending: Future[None] | None) -> None:
    if pending is not None:
        pending.cancel()
        wait([pending])
    for writer in writers.values():
        writer.close()
    writers.clear()


# Spark's ExternalCatalogUtils.escapePathName: the same folder names on both back ends
_ESCAPED = {
    *(chr(c) for c in range(1, 32)),
    '"',
    "#",
    "%",
    "'",
    "*",
    "/",
    ":",
    "=",
    "?",
    "\\",
    "\x7f",
    "{",
    "[",
    "]",
    "^",
}


def escape_partition(value: str) -> str:
    """A partition value as a folder name, escaped exactly as Spark escapes it."""
    return "".join(f"%{ord(c):02X}" if c in _ESCAPED else c for c in value)


def clear_output(out: Path) -> None:
    """Remove a previous match output at ``out``; refuse a folder holding anything else."""
    if not out.exists():
        return
    if not out.is_dir():
        raise FileExistsError(f"{out} 已存在且不是目录")
    entries = list(out.iterdir())
    foreign = [p for p in entries if not (p.name.startswith(f"{PARTITION}=") or p.name.startswith((".", "_")))]
    if foreign:
        raise FileExistsError(f"{out} 中有非匹配结果的文件（如 {foreign[0].name}），不覆盖")
    for entry in entries:
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def read_matches(path: Path) -> pl.DataFrame:
    """A match output directory (either back end's) as one frame in the shared layout."""
    dataset = ds.dataset(
        path, format="parquet", partitioning=ds.partitioning(pa.schema([(PARTITION, pa.string())]), flavor="hive")
    )
    table = dataset.to_table(columns=MATCH_SCHEMA.names)
    frame = pl.from_arrow(table.cast(MATCH_SCHEMA))
    assert isinstance(frame, pl.DataFrame)
    return frame
