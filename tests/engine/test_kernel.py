"""The native kernel decides every planted threshold case as exact arithmetic does, and its parallel path agrees
with the Polars reference pair for pair.

Random libraries against the reference interpreter run in test_parity.py (every back end of
``engine.backends.BATCH``); these tests aim at what random draws rarely hit: values exactly on a threshold,
halves of the rounding, the 128-bit range of ratio and growth, and populations large enough for both cores.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from policyreach.engine import bitmaps, kernel, native
from policyreach.engine.backends import BATCH, SINGLE
from policyreach.engine.entity import EntityRecord
from policyreach.engine.frame import prepare_frame, to_engine_expr
from policyreach.engine.streaming import MatchSummary, iter_matches, match_parquet, read_matches
from policyreach.rules.absence import NONE
from policyreach.rules.ir import Col
from policyreach.rules.library import CompiledLibrary, Library, add_policy_file, compile_library
from policyreach.rules.types import Type
from tests.engine.reference import evaluate
from tests.engine.test_parity import AS_OF, COLUMNS, SCHEMA, _frame, _q

CONDITIONS = [
    "ratio(b, a[last_year]) >= 0.15",
    "ratio(b, a[last_year]) < 0.15",
    "ratio(n, b) <= 2",
    "ratio(n, b) == 0.333333",
    "0.5 > ratio(a[last_year], b)",
    "a[last_year] >= a[years_ago(2)] * 1.07",
    "a[last_year] > a[years_ago(2)] * 1.07",
    "a[last_year] < 1.07 * a[years_ago(2)]",
    "a[last_year] == a[years_ago(2)] * 1.07",
    "n >= b * 0.5",
    "b <= n * 3",
    "b > 3.5",
    "n <= 7",
    "n > 2.5",
    "n == 3.5",
    "b != 2",
    "0.000001 >= b",
    "a[last_year] >= b",
    "n < b",
    "s == 'y'",
    "s != 'x'",
    "s in SET",
    "s not in ['x', 'z']",
    "startswith(s, ['x', 'z'])",
    "f",
    "not f",
    "f == True",
    'd < date("2020-01-01")',
    'd >= date("2021-02-28")',
    "(b > 3.5 and not f) or s == 'y'",
    "not (n <= 7 or ratio(b, a[last_year]) >= 0.15)",
]

BIG = Decimal("999999999999.999999")  # the engine's range is |x| < 10^12
EDGES = [
    Decimal(0),
    Decimal("0.000001"),
    Decimal("-0.000001"),
    Decimal("0.00005"),
    Decimal("-0.00005"),
    Decimal("0.15"),
    Decimal("0.149999"),
    Decimal("0.150001"),
    Decimal("0.5"),
    Decimal("1.07"),
    Decimal("2"),
    Decimal("3.5"),
    Decimal("3.500001"),
    Decimal("100"),
    Decimal("107"),
    Decimal("0.000053"),
    Decimal("0.000054"),
    Decimal("0.000055"),
    Decimal("-0.000054"),
    Decimal("-0.000053"),
    Decimal("149999999999.999999"),
    Decimal("150000000000"),
    Decimal("1070000000000") / 1000,
    BIG,
    -BIG,
    BIG * Decimal("0.15"),
]


def _library(conditions: list[str], benefits: int = 1) -> str:
    body = []
    for i in range(benefits):
        chosen = conditions if benefits == 1 else conditions[i % len(conditions) :][:4] or conditions[:4]
        weights = ["1"] * len(chosen) if i % 2 else ["1", "2", "0.5", "1.25"][: len(chosen)]
        conds = "\n".join(
            f"      - {{expr: {_q(c)}, clause: '1', weight: {w}}}"
            for c, w in zip(chosen, weights if benefits > 1 else ["1"] * len(chosen), strict=True)
        )
        body.append(
            f"  - id: b{i}\n    title: 事项{i}\n    kind: subsidy\n    payout: cash\n    department: 局\n"
            f"    subjects: [enterprise]\n    conditions:\n{conds}\n"
            f"    amount: {{formula: 'min(b * 0.1, 50)', clause: '1'}}\n"
            f"    application: {{department: 局, channel: 网}}\n"
        )
    return (
        "id: k\ntitle: 核\nissuer: 局\nlevel: city\nregion: '220100'\nvalid_from: 2020-01-01\n"
        "source: 测试\nclauses: {'1': 第一条}\nbenefits:\n" + "".join(body)
    )


def _compiled(conditions: list[str], benefits: int = 1) -> CompiledLibrary:
    library = Library(schema=SCHEMA)
    add_policy_file(library, "k.yaml", _library(conditions, benefits))
    return compile_library(library, AS_OF)


def _planted_rows() -> list[dict]:
    """Every pair of edge values in (a last year, a two years ago) and (b, n), plus growth and ratio on the line."""
    rows: list[dict] = []
    rng = random.Random(7)
    ints = [None, NONE, 0, 1, 2, 3, 7, 8, -3, 10**12 - 1]
    for a1, a2 in itertools.product(EDGES, EDGES):
        rows.append({"a_2024": a1, "a_2023": a2, "b": rng.choice(EDGES), "n": rng.choice(ints)})
    for base in EDGES:  # growth exactly on, one micro-unit either side of, the rounded product
        product = (base * Decimal("1.07")).quantize(Decimal("0.000001"), rounding="ROUND_HALF_UP")
        for delta in (Decimal("-0.000001"), 0, Decimal("0.000001")):
            if abs(product + delta) < 10**12:
                rows.append({"a_2024": product + delta, "a_2023": base, "b": base, "n": 3})
        ratio = (base * Decimal("0.15")).quantize(Decimal("0.000001"))
        for delta in (Decimal("-0.000001"), 0, Decimal("0.000001")):
            rows.append({"a_2024": base, "a_2023": None, "b": ratio + delta, "n": 1})
    for b, n in itertools.product([*EDGES, None, NONE], ints):
        rows.append({"a_2024": None, "a_2023": NONE, "b": b, "n": n})
    strings = [None, NONE, "x", "y", "z", "xa", "", "中"]
    dates = [None, NONE, dt.date(2019, 12, 31), dt.date(2020, 1, 1), dt.date(2021, 2, 28), dt.date(2021, 2, 27)]
    for i, row in enumerate(rows):
        row["s"] = strings[i % len(strings)]
        row["f"] = [None, NONE, True, False][i % 4]
        row["d"] = dates[i % len(dates)]
    return rows


def test_kernel_covers_the_threshold_library_and_matches_exact_arithmetic() -> None:
    compiled = _compiled(CONDITIONS)
    rows = _planted_rows()
    population: list[tuple[dict, set[str], str]] = [(row, set(), "enterprise") for row in rows]
    frame = _frame([({c: row.get(c) for c in COLUMNS}, v, k) for row, v, k in population])
    prepared = prepare_frame(frame, compiled).collect()
    plan = kernel.plan(compiled, kernel._Columns(prepared, absent=frozenset(COLUMNS)))
    assert plan.fallback == [], "every condition here is one the kernel evaluates natively"
    result = BATCH["numba"](compiled, frame, min_degree=0, include_partial=True)
    mismatches = []
    idx = np.arange(len(rows), dtype=np.uint32)
    for cid, node in enumerate(compiled.conditions):
        known = bitmaps.gather(result.condition_known[cid], idx)
        true = bitmaps.gather(result.condition_true[cid], idx)
        for i, row in enumerate(rows):
            want = evaluate(node, {c: row.get(c) for c in COLUMNS})
            got = None if not known[i] else bool(true[i])
            if got != want:
                mismatches.append((cid, i, want, got))
    assert len(rows) > 800
    assert mismatches == []


@pytest.fixture(scope="module")
def large() -> tuple:
    """20,000 entities (above the kernel's parallel threshold) drawn from the edge values, 40 benefits."""
    compiled = _compiled(CONDITIONS, benefits=40)
    rng = np.random.default_rng(11)
    n = 20_000
    # moderate values only: the Polars reference fails outright on a ratio beyond Int64 (10^12 / 10^-6)
    moderate = [e for e in EDGES if abs(e) < 10**6]
    edge = pl.Series([str(e) for e in moderate]).cast(pl.Decimal(18, 6))

    def holes(values: pl.Series) -> pl.Series:
        return values.set(pl.Series(rng.random(n) < 0.1), None)

    def dec() -> pl.Series:
        return holes(edge.gather(rng.integers(0, len(moderate), n)))

    frame = pl.DataFrame(
        {
            "entity_id": [f"e{i}" for i in range(n)],
            "kind": "enterprise",
            "a_2024": dec(),
            "a_2023": dec(),
            "b": dec(),
            "n": holes(pl.Series(rng.integers(-3, 12, n))),
            "f": holes(pl.Series(rng.random(n) < 0.5)),
            "s": holes(pl.Series(rng.choice(["x", "y", "z", "xa", ""], n))),
            "d": pl.Series(rng.integers(17000, 19500, n)).cast(pl.Date),
            "b__none": rng.random(n) < 0.05,
            "b__verified": rng.random(n) < 0.7,
            "n__verified": rng.random(n) < 0.7,
        }
    )
    return compiled, frame


@pytest.mark.parametrize(
    ("min_degree", "include_partial", "keep_likely"), [(50, False, True), (0, True, True), (30, True, False)]
)
def test_parallel_kernel_agrees_with_reference_pair_for_pair(
    large: tuple, min_degree: int, include_partial: bool, keep_likely: bool
) -> None:
    compiled, frame = large
    options = {"min_degree": min_degree, "include_partial": include_partial, "keep_likely": keep_likely}
    want = BATCH["polars"](compiled, frame, **options)
    got = BATCH["numba"](compiled, frame, **options)
    assert got.pairs.height > 1000
    assert got.pairs.equals(want.pairs)
    assert got.counts() == want.counts()
    assert (got.partial_counts, got.likely_counts) == (want.partial_counts, want.likely_counts)
    assert all((x == y).all() for x, y in zip(got.condition_true, want.condition_true, strict=True))
    assert all((x == y).all() for x, y in zip(got.condition_known, want.condition_known, strict=True))
    assert got.claimable_any is not None and want.claimable_any is not None
    assert (got.claimable_any == want.claimable_any).all()


def test_one_thread_gives_the_same_pairs(large: tuple) -> None:
    compiled, frame = large
    both = BATCH["numba"](compiled, frame, min_degree=0, include_partial=True)
    kernel.threads(1)
    try:
        one = BATCH["numba"](compiled, frame, min_degree=0, include_partial=True)
    finally:
        kernel.threads(None)
    assert one.pairs.equals(both.pairs)


def test_blocks_whose_pairs_outgrow_the_slab_are_recomputed(large: tuple, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pass 1 writes each block's pairs into its row of a slab; a block with more pairs than its row holds must
    stop writing there (it would run into the next block's row) and be left to pass 2, which recomputes it."""
    from policyreach.engine import native

    compiled, frame = large
    options = {"min_degree": 0, "include_partial": True}
    want = BATCH["polars"](compiled, frame, **options)
    blocks = -(-bitmaps.n_words(frame.height) // native.BLOCK_WORDS)
    # rows of the average block's size: the fuller blocks overflow, the others do not
    monkeypatch.setattr(kernel, "SLAB_BYTES", kernel.SLAB_PAIR_BYTES * blocks * (want.pairs.height // blocks))
    recomputed: list[np.ndarray] = []
    fill = native.fill

    def spy(*args: object) -> object:
        recomputed.append(np.array(args[11]))
        return fill(*args)

    monkeypatch.setattr(native, "fill", spy)
    got = BATCH["numba"](compiled, frame, **options)
    assert len(recomputed) == 1 and 0 < recomputed[0].sum() < blocks
    assert got.pairs.equals(want.pairs)


def test_scratch_handed_on_from_a_call_of_the_same_size_changes_nothing(large: tuple) -> None:
    """The value columns, validity, slab and amounts' columns of one call go to the next call of the same size:
    a different population of that size (one fewer row: the same words, a padding row that held a value) must
    still get its own result."""
    compiled, frame = large
    BATCH["numba"](compiled, frame, min_degree=0, include_partial=True)
    other = frame.reverse().slice(0, frame.height - 1).with_columns(pl.col("n") + 1)
    got = BATCH["numba"](compiled, other, min_degree=0, include_partial=True)
    want = BATCH["polars"](compiled, other, min_degree=0, include_partial=True)
    assert got.pairs.equals(want.pairs)
    assert got.counts() == want.counts()


def _address(array: np.ndarray) -> int:
    """Where an array's data starts: the memory a result borrowed from the scratch pool, and gave back."""
    return int(array.__array_interface__["data"][0])


def test_a_results_memory_is_handed_on_only_once_nothing_views_it(large: tuple) -> None:
    """A result's arrays come from the scratch pool (``_Scratch.lend``) and go back to it when the last array
    viewing them is gone. A pairs frame and a condition row kept after the result itself is dropped must keep
    their values through the next call of the same size (the reversed population: as many pairs, other values),
    and once nothing views them the next call must get their memory back."""
    import gc

    compiled, frame = large
    first = BATCH["numba"](compiled, frame)
    pairs, row = first.pairs, first.condition_true[3]
    copied = pairs.write_ipc(None)
    copied.seek(0)
    pairs_then, row_then = pl.read_ipc(copied), row.copy()
    del first
    gc.collect()
    second = BATCH["numba"](compiled, frame.reverse())
    assert second.pairs.height == pairs.height and not second.pairs.equals(pairs)
    assert pairs.equals(pairs_then) and (row == row_then).all()
    assert second.pairs.equals(BATCH["polars"](compiled, frame.reverse()).pairs)

    matrices = second.condition_matrices
    assert matrices is not None
    before = {_address(matrices[0]), _address(matrices[1]), _address(second.pairs["entity_idx"].to_numpy())}
    del second, matrices, pairs, row
    gc.collect()
    pooled = {_address(a) for _, a in kernel.SCRATCH.free} | {_address(a) for a in kernel.SCRATCH.returned}
    assert before <= pooled
    third = BATCH["numba"](compiled, frame.reverse())
    assert third.condition_matrices is not None
    after = {_address(third.condition_matrices[0]), _address(third.condition_matrices[1])}
    assert after | {_address(third.pairs["entity_idx"].to_numpy())} <= pooled


@given(st.integers(min_value=1, max_value=2**40))
def test_a_size_class_holds_the_size_and_wastes_at_most_a_quarter(nbytes: int) -> None:
    size = kernel._size_class(nbytes)
    assert size >= nbytes and size >= 4096
    assert nbytes <= 4096 or size <= nbytes * 1.25
    assert kernel._size_class(size) == size  # a class is its own class: an owner is taken again by its size


def test_results_of_other_sizes_in_one_class_share_an_owner() -> None:
    """A stream's batches keep different numbers of pairs: a result's memory is taken again by the next result of
    its size class, not only of its exact size."""
    import gc

    assert kernel._size_class(100_001 * 4) == kernel._size_class(99_000 * 4)
    first = kernel.SCRATCH.lend((100_001,), np.uint32)
    at = _address(first)
    del first
    gc.collect()
    pooled = {_address(a) for _, a in kernel.SCRATCH.free} | {_address(a) for a in kernel.SCRATCH.returned}
    assert at in pooled
    second = kernel.SCRATCH.lend((99_000,), np.uint32)
    assert _address(second) in pooled and second.shape == (99_000,)


@pytest.mark.parametrize("copies", [1, 4200])  # one thread, and both (≥ kernel.PARALLEL_WORDS words)
def test_an_amount_beyond_int64_midway_is_computed_by_polars(copies: int) -> None:
    """The native amounts give up on a formula whose intermediate leaves int64 on some row (b × 0.5 in micro-units
    is 5·10^23 for b near 10^12); Polars computes it in 128 bits, and the other formula stays native."""
    library = _library(["b > 3.5", "n <= 7"], benefits=2).replace(
        "amount: {formula: 'min(b * 0.1, 50)'", "amount: {formula: 'b * 0.5'", 1
    )
    compiled_library = Library(schema=SCHEMA)
    add_policy_file(compiled_library, "k.yaml", library)
    compiled = compile_library(compiled_library, AS_OF)
    rows = [{"b": b, "n": 1} for b in (BIG, Decimal("4"), Decimal("123456.5"), None)] * copies
    frame = _frame([({c: row.get(c) for c in COLUMNS}, set(), "enterprise") for row in rows])
    want = BATCH["polars"](compiled, frame, min_degree=0, include_partial=True)
    got = BATCH["numba"](compiled, frame, min_degree=0, include_partial=True)
    assert got.pairs.equals(want.pairs)
    amounts = got.frame().filter(pl.col("benefit_id") == "b0")["amount"].to_list()
    assert Decimal("500000000000") in amounts and Decimal("61728.25") in amounts


def test_uncovered_conditions_fall_back_to_the_reference() -> None:
    compiled = _compiled(["years_since(d) >= 3", "(b + n) > 4", "b > 3.5", "coalesce(b, n) >= 2"])
    frame = _frame([({c: row.get(c) for c in COLUMNS}, {"b"}, "enterprise") for row in _planted_rows()[:300]])
    prepared = prepare_frame(frame, compiled).collect()
    plan = kernel.plan(compiled, kernel._Columns(prepared, absent=frozenset(COLUMNS)))
    assert len(plan.fallback) == 3 and len(plan.covered) == 1
    want = BATCH["polars"](compiled, frame, min_degree=0, include_partial=True)
    got = BATCH["numba"](compiled, frame, min_degree=0, include_partial=True)
    assert got.pairs.equals(want.pairs)


def test_streaming_outcomes_from_the_kernel_equal_the_reference(
    large: tuple, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled, frame = large
    path = tmp_path / "population.parquet"
    frame.write_parquet(path)

    def stream(backend: str) -> pa.Table:
        monkeypatch.setenv("POLICYREACH_ENGINE", backend)
        summary = MatchSummary()
        table = pa.Table.from_batches(list(iter_matches(compiled, path, batch_size=12_000, summary=summary)))
        assert summary.entities == frame.height and summary.batches == 2
        assert sum(summary.statuses.values()) == table.num_rows
        return table

    want, got = stream("polars"), stream("numba")
    assert got.num_rows > 1000
    assert got.equals(want)


def test_match_parquet_writes_what_iter_matches_yields(large: tuple, tmp_path: Path) -> None:
    """The written layout (dictionary codes, one writer thread a batch behind) reads back as the streamed pairs."""
    compiled, frame = large
    path = tmp_path / "population.parquet"
    frame.write_parquet(path)
    summary = match_parquet(compiled, path, tmp_path / "out", batch_size=7_000)
    assert summary.batches == 3 and summary.entities == frame.height
    want = pl.from_arrow(pa.Table.from_batches(list(iter_matches(compiled, path, batch_size=7_000))))
    got = read_matches(tmp_path / "out")
    assert isinstance(want, pl.DataFrame) and got.schema == want.schema
    keys = ["benefit_id", "entity_id"]
    assert got.height == summary.pairs == want.height > 1000
    assert got.sort(keys).equals(want.sort(keys))


def test_match_parquet_reports_a_failed_write(large: tuple, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A write failing on the writer thread (a full disk: here the second batch's) stops the match with its error,
    and every file opened is closed."""
    import pyarrow.parquet as pq

    from policyreach.engine import streaming

    compiled, frame = large
    path = tmp_path / "population.parquet"
    frame.write_parquet(path)
    opened: list[pq.ParquetWriter] = []
    calls = itertools.count()

    class FullDisk(pq.ParquetWriter):  # type: ignore[misc]
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            opened.append(self)

        def write_table(self, table: pa.Table, row_group_size: int | None = None) -> None:
            if next(calls) >= len(compiled.benefits):
                raise OSError("No space left on device")
            super().write_table(table, row_group_size)

    monkeypatch.setattr(streaming.pq, "ParquetWriter", FullDisk)
    with pytest.raises(OSError, match="No space left"):
        match_parquet(compiled, path, tmp_path / "out", batch_size=7_000)
    assert opened and not any(w.is_open for w in opened)


def test_single_entity_path_decides_planted_thresholds_natively_as_exact_arithmetic() -> None:
    """The portal's one-entity path (``SINGLE["numba"]``): every planted row as the reference decides it, and the
    kernel — not the closures — decides the conditions whenever the row's values fit its plan."""
    compiled = _compiled(CONDITIONS)
    plan = kernel.SinglePlan(compiled)
    assert plan.fallback == []
    native_rows = 0
    # beyond the 6 places the plan holds: the closures decide (3.5000004 > 3.5, though it rounds to 3.5)
    finer = [{"b": Decimal("3.5000004"), "n": 7, "s": "y"}, {"b": Decimal("-0.0000001"), "n": 3, "s": "x"}]
    for row in [*_planted_rows(), *finer]:
        values = {c: row.get(c) for c in COLUMNS}
        planned = plan.outcomes(values)
        if planned is not None:
            codes, left = planned
            native_rows += 1
            want = [evaluate(node, values) for node in compiled.conditions]
            got = [None if c == 2 else bool(c) for c in codes.tolist()]
            assert [g for cid, g in enumerate(got) if cid not in left] == [
                w for cid, w in enumerate(want) if cid not in left
            ], row
        record = EntityRecord(entity_id="e", values=values, sources={"b": "tax"})
        want_matches = SINGLE["polars"](compiled, record, keep_all=True)
        got_matches = SINGLE["numba"](compiled, record, keep_all=True)
        assert [(m.status, m.degree, m.amount, m.provable, m.outcomes) for m in got_matches] == [
            (m.status, m.degree, m.amount, m.provable, m.outcomes) for m in want_matches
        ]
    assert native_rows > 400  # rows holding a known absence go to the closures whole


def test_columns_reach_the_kernel_from_arrow_buffers_at_any_offset() -> None:
    """``_Columns.fill`` reads the Arrow buffers of each chunk as they are: a frame made of slices at odd rows has
    columns in several chunks, each with an offset (bit offsets for validity and flags) and seams inside a word;
    a null must arrive as 0 and unknown, the padding past the last row as 0 (a string code indexes a table). A
    micro-unit decimal arrives as the low word of its 128-bit integers, the extremes and negatives included."""
    rng = np.random.default_rng(5)
    n = 300

    def holes(values: pl.Series) -> pl.Series:
        return values.set(pl.Series(rng.random(n) < 0.2), None)

    whole = pl.DataFrame(
        {
            "i": holes(pl.Series(rng.integers(-(2**40), 2**40, n))),
            "f": holes(pl.Series(rng.random(n) < 0.5)),
            "s": holes(pl.Series(rng.choice(["x", "y", "zz"], n))),
            "d": holes(pl.Series(rng.integers(17000, 19500, n)).cast(pl.Date)),
            "m": holes(pl.Series([str(e) for e in rng.choice(np.array(EDGES, dtype=object), n)])).cast(
                pl.Decimal(18, 6)
            ),
        }
    )
    frame = pl.concat([whole.slice(5, 100), whole.slice(131, 77), whole.slice(220, 73)], rechunk=False)
    types = {"i": Type.INT, "f": Type.BOOL, "s": Type.STR, "d": Type.DATE, "m": Type.DEC}
    cols = kernel._Columns(frame)
    for name in frame.columns:
        cols.get(Col(types[name], column=name))
    chunks = cols.sources[cols.index["i"]]
    assert len(chunks) == 3 and all(c.offset for c in chunks), "the kernel must see the chunks with their offsets"
    assert all(c.offset for c in cols.sources[cols.index["f"]])
    assert all(pa.types.is_decimal(c.type) and c.offset for c in cols.sources[cols.index["m"]]), "read, not cast"
    words = bitmaps.n_words(frame.height)
    for parallel in (False, True):  # one thread per column, or every column on the calling thread
        values = np.full((len(cols.sources), words * 64), 7, dtype=np.int64)  # what an earlier call left
        valid = np.full((len(cols.sources), words), 7, dtype=np.uint64)
        cols.fill(values, valid, bitmaps.row_mask(frame.height), parallel=parallel)
        for name, i in cols.index.items():
            series = frame[name]
            given = series.is_not_null().to_numpy()
            if name == "s":
                codes = {v: c for c, v in enumerate(cols.dictionaries["s"])}
                want = [codes[v] if v is not None else 0 for v in series.to_list()]
            else:
                want = series.to_physical().cast(pl.Int64).fill_null(0).to_list()
            assert values[i, : frame.height].tolist() == want
            if name == "m":
                assert max(want) == 10**18 - 1 and min(want) == -(10**18) + 1
            assert not values[i, frame.height :].any()
            assert (bitmaps.gather(valid[i], np.arange(frame.height, dtype=np.uint32)) == given).all()
            assert (valid[i] & ~bitmaps.row_mask(frame.height) == 0).all()


@pytest.mark.parametrize("n", [300, 40_000])  # one thread, and the columns over both
def test_kind_and_verified_bitmaps_from_arrow_chunks_equal_the_reference(n: int) -> None:
    """The kernel's path takes the kind masks and the verified flags from the Arrow buffers of their chunks
    (``flag_bits``); they must be the reference's bitmaps: a null kind or flag as false, a kind no benefit names
    ignored, chunks at odd offsets, nothing set past the last row."""
    from types import SimpleNamespace

    from policyreach.engine import batch

    rng = np.random.default_rng(11)
    whole = pl.DataFrame(
        {
            "kind": pl.Series(rng.choice(["enterprise", "institute", "talent"], n)).set(
                pl.Series(rng.random(n) < 0.1), None
            ),
            "a__verified": pl.Series(rng.random(n) < 0.5).set(pl.Series(rng.random(n) < 0.2), None),
            "b__verified": pl.Series(rng.random(n) < 0.5),
        }
    )
    cut = n // 300
    frame = pl.concat(
        [whole.slice(3 * cut, 130 * cut), whole.slice(140 * cut, 61 * cut), whole.slice(205 * cut, 90 * cut)],
        rechunk=False,
    )
    assert frame["kind"].n_chunks() == 3
    kinds = [frozenset({"enterprise"}), frozenset({"institute", "enterprise"}), frozenset({"person"})]
    compiled: Any = SimpleNamespace(benefits=[SimpleNamespace(kinds=k) for k in kinds])
    native = batch._kind_masks_native(frame["kind"], compiled)
    reference = batch._kind_masks(frame["kind"], compiled)  # a null kind is no kind in both
    assert native.keys() == reference.keys()
    for key in kinds:
        assert (native[key] == reference[key]).all(), key
    assert native[frozenset({"enterprise"})].any() and not native[frozenset({"person"})].any()
    verified = batch._Verified(frame)
    rows = verified.rows(["b", "a", "c"])  # "c" has no flag column: never verified
    for row, column in zip(rows, ["b", "a", "c"], strict=True):
        assert (row == verified.all_of((column,))).all(), column
    assert rows[:2].any() and not rows[2].any()


def test_decimal_columns_of_18_digits_convert_without_the_checked_cast() -> None:
    """A Decimal of at most 18 digits at scale 6 converts with Polars' unchecked cast (every value fits int64);
    the extremes must come out as the checked cast gives them, and a wider Decimal still refuses an overflow."""
    values = ["999999999999.999999", "-999999999999.999999", None, "0.000001", "-0.000001"]
    frame = pl.DataFrame({"v": pl.Series(values).cast(pl.Decimal(18, 6))})
    got = frame.select(to_engine_expr("v", Type.DEC, frame.schema["v"]))["v"]
    assert got.to_list() == frame["v"].to_physical().cast(pl.Int64).to_list()
    assert got.to_list()[:2] == [999999999999999999, -999999999999999999]
    wide = pl.DataFrame({"v": pl.Series(["99999999999999.000000"]).cast(pl.Decimal(38, 6))})
    with pytest.raises(pl.exceptions.InvalidOperationError):
        wide.select(to_engine_expr("v", Type.DEC, wide.schema["v"]))


def test_a_plan_kept_with_the_library_is_bound_to_each_frames_text_codes() -> None:
    """The kernel plans a library once per frame layout and redoes only the lookup rows from each frame's text
    codes (a dictionary in order of first appearance): frames meeting their values in other orders, one with more
    than 64 distinct values (a table outside the atom), and the first frame again must each match as the reference,
    amounts included (their programs are kept with the library too)."""
    compiled = _compiled(["s in ['x', 'xa']", "startswith(s, ['x', 'w1'])", "s != 'y'", "n >= 2"], benefits=3)
    rng = random.Random(3)

    def population(words: list[Any]) -> pl.DataFrame:
        amounts = [None, Decimal("3.5"), Decimal("120"), Decimal("0.000001")]
        rows = [
            {c: None for c in COLUMNS} | {"s": w, "n": rng.choice([None, NONE, 1, 2, 5]), "b": rng.choice(amounts)}
            for w in words
        ]
        return _frame([(row, {"s"}, "enterprise") for row in rows])

    few = ["x", "y", "xa", None, "z", "", NONE] * 20  # NONE: a known absence decides a lookup atom by itself
    frames = [
        population(few),
        population(list(reversed(few))),
        population([f"w{i}" for i in range(90)] + few),  # 95 distinct: a table of its own
    ]
    frames.append(frames[0])
    for frame in frames:
        want = BATCH["polars"](compiled, frame, min_degree=0, include_partial=True)
        got = BATCH["numba"](compiled, frame, min_degree=0, include_partial=True)
        assert got.pairs.height > 0 and got.pairs["amount"].is_not_null().any()
        assert got.pairs.equals(want.pairs)
    plans = compiled.cache["kernel_plans"]
    assert isinstance(plans, dict) and len(plans) == 1  # planned once, bound four times


def test_lookups_sharing_a_code_column_and_ratios_sharing_columns_match_the_reference() -> None:
    """Pass 1 turns a code column that several lookups test into one-hot bitmaps per block of 4,096 entities, and
    computes the lanes' terms once for ratios against constants that share their columns. A block whose codes are
    all 0 (the first text met), one with 5 codes (3 bits) where a test keeps most of them, one with every entity
    unknown; ratios around their lines, each side of zero: every condition's bits and every pair as the reference."""
    compiled = _compiled(
        [
            "s == 'x'",
            "s in SET",
            "s not in ['z']",
            "s != 'y'",
            "ratio(b, a[last_year]) >= 0.15",
            "ratio(b, a[last_year]) < -0.5",
            "ratio(b, a[last_year]) > 2",
            "ratio(b, a[last_year]) <= 0",
        ],
        benefits=8,
    )
    rng = random.Random(5)
    near = [Decimal("0.149999"), Decimal("0.15"), Decimal("0.150001"), Decimal("-0.5"), Decimal("2"), Decimal(0)]

    def row(s: Any) -> dict:
        a = rng.choice([Decimal(1), Decimal(-3), Decimal("7.5"), Decimal(0), None])
        b = (a * rng.choice(near)).quantize(Decimal("0.000001")) if a is not None else Decimal(1)
        return {c: None for c in COLUMNS} | {"s": s, "a_2024": a, "b": b + rng.choice([0, 0, Decimal("0.000001")])}

    texts = ["x", "y", "z", "xa", ""]
    rows = [row("x") for _ in range(4096)]  # codes all 0
    rows += [row(rng.choice([*texts, None])) for _ in range(4096)]  # codes 0–4
    rows += [row(None) for _ in range(300)]  # no code known
    frame = _frame([(r, {"s", "b"}, "enterprise") for r in rows])
    prepared = prepare_frame(frame, compiled).collect()
    plan = kernel.plan(compiled, kernel._Columns(prepared, absent=frozenset(COLUMNS)))
    assert plan.fallback == []
    atoms, program = np.array(plan.atoms, dtype=np.int64), np.array(plan.program, dtype=np.int64)
    assert native._code_slots(atoms, program, int(atoms[:, 2:5].max()) + 1)[1] == 1  # s: one-hot bitmaps
    assert native._ratio_slots(atoms, program)[1].shape[0] == 1  # the four ratios' shared lane terms
    for options in ({"min_degree": 0, "include_partial": True}, {"min_degree": 50, "include_partial": False}):
        want = BATCH["polars"](compiled, frame, **options)
        got = BATCH["numba"](compiled, frame, **options)
        assert all((x == y).all() for x, y in zip(got.condition_true, want.condition_true, strict=True))
        assert all((x == y).all() for x, y in zip(got.condition_known, want.condition_known, strict=True))
        assert got.pairs.height > 1000
        assert got.pairs.equals(want.pairs)


def test_a_benefit_of_more_than_seven_equal_conditions_counts_past_seven() -> None:
    """Pass 1 counts the met and unmet conditions of an equal-weights benefit in bit planes, and leaves the fourth
    plane alone for benefits of at most 7 conditions; one of 12 has counts of 8 and more: its pairs' degrees and
    statuses must be the reference's."""
    compiled = _compiled(CONDITIONS[9:21])  # one benefit, 12 conditions of weight 1
    rows = _planted_rows()
    frame = _frame([({c: row.get(c) for c in COLUMNS}, set(), "enterprise") for row in rows])
    want = BATCH["polars"](compiled, frame, min_degree=0, include_partial=True)
    got = BATCH["numba"](compiled, frame, min_degree=0, include_partial=True)
    assert got.pairs.height > 500
    assert got.pairs.equals(want.pairs)


def test_the_kernel_reads_micro_unit_decimals_without_polars_converting_them(
    large: tuple, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The native path keeps decimals of scale 6 and ≤ 18 digits as they are: with every condition and amount
    formula native, Polars must not convert a single decimal column (that conversion was the cost spared), and the
    pairs must still equal the reference's; partials computed later convert the frame on demand."""
    from policyreach.engine import batch

    compiled, frame = large
    assert isinstance(frame.schema["b"], pl.Decimal)
    want = BATCH["polars"](compiled, frame)
    convert = batch.int_decimals
    calls: list[int] = []

    def refuse(frame: pl.DataFrame) -> pl.DataFrame:
        calls.append(frame.height)
        return convert(frame)

    monkeypatch.setattr(batch, "int_decimals", refuse)
    got = BATCH["numba"](compiled, frame)
    assert got.pairs.equals(want.pairs) and got.pairs.height > 0
    assert calls == [], "a decimal column was converted by Polars on the kernel's path"
    assert got._frame is not None and isinstance(got._frame.schema["b"], pl.Decimal)
    partial = next(compiled.benefits[i].id for i, count in got.partial_counts.items() if count)
    on_demand = got.partials(partial)
    assert calls == [frame.height]
    assert on_demand.height and on_demand.equals(want.partials(partial))


def test_short_strings_are_dictionary_encoded_natively_as_arrow_encodes_them() -> None:
    """A string of at most 12 bytes lies whole in its Arrow view, which the native encoder takes as its key: codes,
    nulls and dictionary must be Arrow's own, at any offset; a longer string, or more distinct strings than its
    table holds, must leave the column to Arrow's encoder (None)."""
    import pyarrow.compute as pc

    rng = np.random.default_rng(3)
    words = np.array(["", "x", "中", "xa", "220106", "abcdefghijkl", "中文四字", None], dtype=object)
    whole = pl.Series(rng.choice(words, 3000))
    for series in (whole, whole.slice(37, 2000), pl.concat([whole.slice(5, 100), whole.slice(300, 77)])):
        views = series.to_arrow(compat_level=pl.CompatLevel.newest())
        views = views.combine_chunks() if isinstance(views, pa.ChunkedArray) else views
        found = kernel._encode_inline(views)
        assert found is not None
        want = pc.dictionary_encode(views)
        assert found[0].to_pylist() == want.indices.to_pylist()
        assert found[1] == want.dictionary.to_pylist() and len(found[1]) == 7
    longer = pl.Series(["abcdefghijklm", "x"]).to_arrow(compat_level=pl.CompatLevel.newest())
    assert kernel._encode_inline(longer) is None
    many = pl.Series([str(i) for i in range(600)]).to_arrow(compat_level=pl.CompatLevel.newest())
    assert kernel._encode_inline(many) is None
