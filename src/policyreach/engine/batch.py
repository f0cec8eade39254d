"""Match a whole library against a whole population in one columnar pass.

1. Every *unique* condition of the library is evaluated once over all entities (Polars,
   multi-threaded), however many benefits share it.
2. Each outcome column becomes two bitmaps (true, known); a benefit's conditions combine
   word by word: met and unmet weights are bit-sliced counters, and "worth keeping"
   (status not ineligible, or degree ≥ a threshold) is a comparison of counters.
3. Only kept pairs are materialised: status, degree, amount and the provable flag.
The per-condition outcome of any kept pair stays answerable from the bitmaps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl
import pyarrow as pa

from policyreach import settings
from policyreach.engine import bitmaps
from policyreach.engine.bitmaps import Bits, Counter
from policyreach.engine.columnar import to_polars
from policyreach.engine.frame import absent_columns, int_decimals, is_micro_decimal, prepare_frame
from policyreach.engine.scalar import compile_scalar
from policyreach.rules.ir import Node, cols_of
from policyreach.rules.library import CompiledBenefit, CompiledLibrary
from policyreach.rules.numbers import to_decimal, to_scaled
from policyreach.rules.ranges import AmountOutOfRange
from policyreach.rules.types import Type

if TYPE_CHECKING:
    from policyreach.engine.kernel import Amounts, KernelResult

STATUS_CODES = ("ineligible", "partial", "likely", "eligible")
OUTCOMES = ("unmet", "met", "unknown")


@dataclass
class BatchResult:
    """Kept (entity, benefit) pairs as columns, plus what explains any of them."""

    compiled: CompiledLibrary
    entity_ids: pl.Series
    kinds: pl.Series
    pairs: pl.DataFrame  # entity_idx, benefit_idx, status, degree, amount (Int64 ×10^6), provable
    condition_true: list[Bits] = field(repr=False, default_factory=list)
    condition_known: list[Bits] = field(repr=False, default_factory=list)
    # the kernel's: the (condition × word) matrices whose rows condition_true / condition_known are
    condition_matrices: tuple[np.ndarray, np.ndarray] | None = field(repr=False, default=None)
    partial_counts: dict[int, int] = field(default_factory=dict)  # benefit index -> partial pairs not in `pairs`
    likely_counts: dict[int, int] = field(default_factory=dict)  # benefit index -> likely pairs not in `pairs`
    claimable_any: Bits | None = field(repr=False, default=None)  # entities eligible or likely for some benefit
    _frame: pl.DataFrame | None = field(repr=False, default=None)
    _applicable: dict[int, Bits] = field(repr=False, default_factory=dict)

    @property
    def size(self) -> int:
        return self.entity_ids.len()

    def frame(self) -> pl.DataFrame:
        """Kept matches with ids and exact decimal amounts, in the shared output layout."""
        benefit_ids = pl.Series([b.id for b in self.compiled.benefits], dtype=pl.String)
        return self.pairs.select(
            self.entity_ids.gather(self.pairs["entity_idx"]).alias("entity_id"),
            benefit_ids.gather(self.pairs["benefit_idx"]).alias("benefit_id"),
            pl.col("status").replace_strict(list(range(4)), list(STATUS_CODES), return_dtype=pl.String),
            pl.col("degree"),
            pl.col("amount").cast(pl.Int128).cast(pl.Decimal(38, 6)) / pl.lit(10**6).cast(pl.Decimal(38, 6)),
            pl.col("provable"),
        ).with_columns(pl.col("amount").cast(pl.Decimal(18, 6)))

    def outcomes(self, entity_idx: int, benefit_id: str) -> list[str]:
        """Per-condition outcome ('met' / 'unmet' / 'unknown') of one pair, in benefit order."""
        benefit = self.compiled.benefit(benefit_id)
        idx = np.array([entity_idx], dtype=np.uint32)
        result = []
        for cid in benefit.condition_ids:
            known = bitmaps.gather(self.condition_known[cid], idx)[0]
            true = bitmaps.gather(self.condition_true[cid], idx)[0]
            result.append("unknown" if not known else "met" if true else "unmet")
        return result

    def counts(self) -> dict[str, int]:
        """Pairs by status, partial ones included even when they were not materialised."""
        statuses = self.pairs["status"].value_counts()
        by_code = dict(zip(statuses["status"].to_list(), statuses["count"].to_list(), strict=True))
        counts = {name: int(by_code.get(code, 0)) for code, name in enumerate(STATUS_CODES)}
        counts["partial"] += sum(self.partial_counts.values())
        counts["likely"] += sum(self.likely_counts.values())
        return counts

    def partials(self, benefit_id: str) -> pl.DataFrame:
        """The partial pairs of one benefit, computed on demand from the kept bitmaps."""
        benefit = self.compiled.benefit(benefit_id)
        if benefit.index not in self.partial_counts or self._frame is None:
            return self.pairs.filter((pl.col("benefit_idx") == benefit.index) & (pl.col("status") == 1))
        frame = int_decimals(self._frame)
        part = _benefit_pairs(
            benefit,
            tuple(self.condition_true),
            tuple(self.condition_known),
            self._applicable[benefit.index],
            _Verified(frame),
            50,
            True,
        )
        if part is None:
            return self.pairs.clear()
        return _assemble(self.compiled, frame, [part]).filter(pl.col("status") == 1)


def match_population(
    compiled: CompiledLibrary,
    population: pl.DataFrame | pl.LazyFrame,
    *,
    min_degree: int = 50,
    include_partial: bool = False,
    keep_likely: bool = True,
    backend: str | None = None,
) -> BatchResult:
    """Evaluate ``compiled`` over ``population``.

    Eligible and likely pairs are always materialised. Partial ones (and ineligible ones
    with degree ≥ ``min_degree`` when it is below 50) are materialised with
    ``include_partial``; otherwise they are counted, and ``BatchResult.partials`` computes
    one benefit's on demand — a city has far more near misses than matches. With
    ``keep_likely=False`` likely pairs are counted too (a simulation needs only the eligible ones
    row by row). ``backend`` names one of ``engine.backends.BATCH`` (default: the ``POLICYREACH_ENGINE`` setting).
    """
    native = (backend or settings.engine_backend()) == "numba"
    ahead = {}
    if native and isinstance(population, pl.DataFrame):
        from policyreach.engine.kernel import encode_ahead

        ahead = encode_ahead(compiled, population)  # on a worker thread while Polars prepares the frame
    frame = prepare_frame(population, compiled, keep_micro=native).collect()
    if native:
        return _match_kernel(compiled, frame, min_degree, include_partial, keep_likely, ahead)
    n = frame.height
    outcomes = _evaluate_conditions(frame, compiled)
    truth, known = zip(*(bitmaps.from_boolean(s) for s in outcomes), strict=True) if outcomes else ((), ())
    valid = bitmaps.row_mask(n)
    kinds = _kind_masks(frame["kind"], compiled)
    verified = _Verified(frame)
    applicable = {b.index: kinds[b.kinds] & valid for b in compiled.benefits}
    parts = [
        _benefit_pairs(
            benefit, truth, known, applicable[benefit.index], verified, min_degree, include_partial, keep_likely
        )
        for benefit in compiled.benefits
    ]
    claimable_any = np.zeros(valid.size, dtype=np.uint64)
    kept = [p for p in parts if p is not None]
    for part in kept:
        claimable_any |= part.claimable
    return BatchResult(
        compiled=compiled,
        entity_ids=frame["entity_id"],
        kinds=frame["kind"],
        pairs=_assemble(compiled, frame, kept),
        condition_true=list(truth),
        condition_known=list(known),
        partial_counts={p.benefit.index: p.partial_count for p in kept if p.partial_count},
        likely_counts={p.benefit.index: p.likely_count for p in kept if p.likely_count},
        claimable_any=claimable_any,
        _frame=frame,
        _applicable=applicable,
    )


def _evaluate_conditions(
    frame: pl.DataFrame, compiled: CompiledLibrary, cids: list[int] | None = None
) -> list[pl.Series]:
    nodes = compiled.conditions if cids is None else [compiled.conditions[c] for c in cids]
    if not nodes:
        return []
    names = [f"__c{i}" for i in range(len(nodes))]
    absent = absent_columns(frame)
    exprs = [to_polars(node, absent).cast(pl.Boolean).alias(name) for name, node in zip(names, nodes, strict=True)]
    # with_columns broadcasts conditions that do not read any column (constants).
    result = frame.lazy().with_columns(exprs).select(names).collect()
    return [result.to_series(i) for i in range(result.width)]


def _kind_masks(kinds: pl.Series, compiled: CompiledLibrary) -> dict[frozenset[str], Bits]:
    # a null kind is no kind (as in the kernel): no benefit applies to it
    single = {
        k: bitmaps.from_bools((kinds == k).fill_null(False).to_numpy())
        for k in set(kinds.drop_nulls().unique().to_list())
    }
    return _masks_of(single, compiled, kinds.len())


def _kind_masks_native(kinds: pl.Series, compiled: CompiledLibrary) -> dict[frozenset[str], Bits]:
    """``_kind_masks`` for the kernel: only the kinds the library names, each one comparison whose bits are taken
    from its Arrow buffers natively (the column's distinct values, a NumPy copy and a packbits per kind were
    0.011 s at 1M rows)."""
    from policyreach.engine.kernel import flag_bits

    names = sorted({kind for benefit in compiled.benefits for kind in benefit.kinds})
    bits: Any = flag_bits(pl.DataFrame([(kinds == k).alias(str(i)) for i, k in enumerate(names)])) if names else []
    return _masks_of(dict(zip(names, bits, strict=True)), compiled, kinds.len())


def _masks_of(single: dict[str, Bits], compiled: CompiledLibrary, n: int) -> dict[frozenset[str], Bits]:
    """Each distinct set of kinds the library's benefits apply to, as the OR of its kinds' rows."""
    masks: dict[frozenset[str], Bits] = {}
    zero = np.zeros(bitmaps.n_words(n), dtype=np.uint64)
    for benefit in compiled.benefits:
        if benefit.kinds not in masks:
            mask = zero.copy()
            for kind in benefit.kinds:
                if kind in single:
                    mask |= single[kind]
            masks[benefit.kinds] = mask
    return masks


class _Verified:
    """AND of ``column__verified`` flags, cached per set of columns."""

    def __init__(self, frame: pl.DataFrame) -> None:
        self.frame = frame
        self.single: dict[str, Bits] = {}
        self.combined: dict[tuple[str, ...], Bits] = {}

    def rows(self, columns: list[str]) -> Bits:
        """Each column's flag as a bitmap row (a null flag, or one the frame lacks, is not verified), in one native
        call (the kernel's path; ``all_of`` is the reference's)."""
        from policyreach.engine.kernel import flag_bits

        flags = [f"{c}__verified" for c in columns]
        present = [f for f in flags if f in self.frame.columns]
        bits = flag_bits(self.frame, present)
        if len(present) == len(flags):
            return bits
        out = np.zeros((len(columns), bitmaps.n_words(self.frame.height)), dtype=np.uint64)
        out[[flags.index(f) for f in present]] = bits
        return out

    def all_of(self, columns: tuple[str, ...]) -> Bits:
        if columns not in self.combined:
            bits = bitmaps.row_mask(self.frame.height)
            for column in columns:
                if column not in self.single:
                    flag = f"{column}__verified"
                    # a null flag is not verified: the true bitmap is already masked by the known one
                    self.single[column] = (
                        bitmaps.from_boolean(self.frame[flag])[0] if flag in self.frame.columns else np.zeros_like(bits)
                    )
                bits = bits & self.single[column]
            self.combined[columns] = bits
        return self.combined[columns]


@dataclass
class _Part:
    benefit: CompiledBenefit
    idx: np.ndarray
    status: np.ndarray
    degree: np.ndarray
    provable: np.ndarray
    claimable: Bits
    partial_count: int = 0  # partial pairs counted but not materialised
    likely_count: int = 0  # likely pairs counted but not materialised


def _benefit_pairs(
    benefit: CompiledBenefit,
    truth: tuple[Bits, ...],
    known: tuple[Bits, ...],
    applicable: Bits,
    verified: _Verified,
    min_degree: int,
    include_partial: bool,
    keep_likely: bool = True,
) -> _Part | None:
    words = applicable.size
    any_unmet = np.zeros(words, dtype=np.uint64)
    all_met = applicable.copy()
    met, unmet = Counter(words), Counter(words)
    for cid, weight in zip(benefit.condition_ids, benefit.weights, strict=True):
        is_unmet = known[cid] & ~truth[cid]
        any_unmet |= is_unmet
        all_met &= truth[cid]
        met.add(truth[cid] & applicable, weight)
        unmet.add(is_unmet, weight)
    total = benefit.total_weight
    keep_degree = min(min_degree, 50) if include_partial else 50
    # degree ≥ D  ⟺  100·(met − unmet) ≥ (2D − 101)·W  ⟺  met + offset ≥ unmet, offset ≥ 0 for D ≤ 50
    offset = (-(2 * keep_degree - 101) * total) // 100
    if offset:
        met.add(applicable, offset)
    claimable = ~any_unmet & applicable
    near = bitmaps.greater_equal(met, unmet) & any_unmet & applicable
    partial_count = likely_count = 0
    wanted = claimable if keep_likely else all_met
    if not keep_likely:
        likely_count = int(np.bitwise_count(claimable & ~all_met).sum())
    if include_partial:
        kept = wanted | near
    else:
        kept = wanted
        partial_count = int(np.bitwise_count(near).sum())
    idx = bitmaps.positions(kept)
    if idx.size == 0 and not partial_count and not likely_count:
        return _Part(benefit, idx, idx.astype(np.uint8), idx.astype(np.uint8), idx.astype(bool), claimable=claimable)
    met_w = met.values_at(idx) - offset
    unmet_w = unmet.values_at(idx)
    unknown_w = total - met_w - unmet_w
    degree = (200 * met_w + 100 * unknown_w + total) // (2 * total)
    status = np.where(met_w == total, 3, np.where(unmet_w == 0, 2, np.where(degree >= 50, 1, 0))).astype(np.uint8)
    provable = bitmaps.gather(verified.all_of(benefit.columns), idx).astype(bool)
    return _Part(benefit, idx, status, degree.astype(np.uint8), provable, claimable, partial_count, likely_count)


def _assemble(compiled: CompiledLibrary, frame: pl.DataFrame, parts: list[_Part]) -> pl.DataFrame:
    """One frame of kept pairs; amounts for eligible and likely pairs (unknown inputs give null)."""
    amounts = _amounts(parts, frame)

    def cat(arrays: list[np.ndarray], dtype: type) -> np.ndarray:
        return np.concatenate(arrays) if arrays else np.empty(0, dtype=dtype)

    values = cat([a for a, _ in amounts], np.int64)
    valid = cat([v for _, v in amounts], bool)
    return pl.DataFrame(
        {
            "entity_idx": cat([p.idx for p in parts], np.uint32),
            "benefit_idx": cat([np.full(p.idx.size, p.benefit.index, dtype=np.uint32) for p in parts], np.uint32),
            "status": cat([p.status for p in parts], np.uint8),
            "degree": cat([p.degree for p in parts], np.uint8),
            "provable": cat([p.provable for p in parts], bool),
            "amount": pl.Series(values, dtype=pl.Int64).set(pl.Series(~valid), None)
            if values.size
            else pl.Series([], dtype=pl.Int64),
        }
    )


def _amounts(parts: list[_Part], frame: pl.DataFrame) -> list[tuple[np.ndarray, np.ndarray]]:
    """(scaled amount, is known) per kept pair, per part.

    Formula amounts are computed only for eligible and likely rows, all benefits' queries
    collected together so Polars runs them in parallel.
    """
    out: list[tuple[np.ndarray, np.ndarray]] = []
    queries: list[pl.LazyFrame] = []
    pending: list[tuple[int, np.ndarray, bool]] = []
    for part in parts:
        node, size = part.benefit.amount, part.idx.size
        claimable = part.status >= 2
        out.append((np.zeros(size, dtype=np.int64), np.zeros(size, dtype=bool)))
        if node is None or not claimable.any():
            continue
        if not cols_of(node):
            constant = compile_scalar(node)({})  # may be unknown, e.g. a ratio with a zero denominator
            if constant is not None:
                out[-1][0][:] = to_scaled(to_decimal(constant))
                out[-1][1][:] = claimable
            continue
        rows = frame.select([c.column for c in cols_of(node)])[pl.Series(part.idx[claimable])]
        queries.append(rows.lazy().select(to_polars(node).cast(pl.Int64).alias("a")))
        pending.append((len(out) - 1, claimable, node.type.value == "integer"))
    titles = [[parts[slot].benefit.checked.spec.title] for slot, _, _ in pending]
    for (slot, claimable, integer), result in zip(pending, _collect_amounts(queries, titles), strict=True):
        computed = result["a"] * 10**6 if integer else result["a"]
        out[slot][0][claimable] = computed.fill_null(0).to_numpy()
        out[slot][1][claimable] = computed.is_not_null().to_numpy()
    return out


def _match_kernel(
    compiled: CompiledLibrary,
    frame: pl.DataFrame,
    min_degree: int,
    include_partial: bool,
    keep_likely: bool,
    ahead: dict[str, Any] | None = None,
) -> BatchResult:
    """``match_population`` through the native kernel (engine/kernel.py); same result, pair for pair."""
    from policyreach.engine import kernel

    n = frame.height
    valid = bitmaps.row_mask(n)
    kinds = _kind_masks_native(frame["kind"], compiled)
    verified = _Verified(frame)

    def fallback(cids: list[int]) -> list[tuple[Bits, Bits]]:
        if not cids:  # (the conversion of every decimal column is what the kernel's path spares)
            return []
        return [bitmaps.from_boolean(s) for s in _evaluate_conditions(int_decimals(frame), compiled, cids)]

    programs, uncovered, native_amounts = _amount_programs(compiled, frame)
    out = kernel.run(
        compiled,
        frame,
        fallback=fallback,
        masks=kinds,
        verified=verified,
        valid_rows=valid,
        min_degree=min_degree,
        include_partial=include_partial,
        keep_likely=keep_likely,
        ahead=ahead,
        amounts=native_amounts,
    )
    amounts = _kernel_amounts(compiled, frame, out, programs, uncovered)
    pairs = pl.DataFrame(
        {
            "entity_idx": out.entity,
            "benefit_idx": out.benefit,
            "status": out.status,
            "degree": out.degree,
            "provable": _flags(out.provable),
            "amount": amounts,
        }
    )
    return BatchResult(
        compiled=compiled,
        entity_ids=frame["entity_id"],
        kinds=frame["kind"],
        pairs=pairs,
        condition_true=list(out.truth),
        condition_known=list(out.known),
        condition_matrices=(out.truth, out.known),
        partial_counts={i: int(c) for i, c in enumerate(out.partial_counts) if c},
        likely_counts={i: int(c) for i, c in enumerate(out.likely_counts) if c},
        claimable_any=out.claimable_any,
        _frame=frame,
        _applicable=_shared_masks(compiled, kinds, valid),
    )


def _flags(values: np.ndarray) -> pl.Series:
    """Bools as a Boolean series through their packed bits (NumPy packs 6.9M in 0.3 ms; Polars' own conversion
    took 2.7 ms)."""
    bits = pa.py_buffer(np.packbits(values, bitorder="little"))
    return pl.Series(values=pa.Array.from_buffers(pa.bool_(), values.size, [None, bits]), dtype=pl.Boolean)


def _shared_masks(compiled: CompiledLibrary, kinds: dict[frozenset[str], Bits], valid: Bits) -> dict[int, Bits]:
    """Each benefit's applicable rows, one read-only bitmap per distinct set of kinds (a handful, not one per
    benefit: 1,000 copies of a 1M-row bitmap were 125 MB allocated and written on every call)."""
    masks: dict[frozenset[str], Bits] = {}
    for key in dict.fromkeys(b.kinds for b in compiled.benefits):
        mask = kinds[key] & valid
        mask.flags.writeable = False
        masks[key] = mask
    return {b.index: masks[b.kinds] for b in compiled.benefits}


def _amount_programs(compiled: CompiledLibrary, frame: pl.DataFrame) -> tuple[dict[Node, int], set[Node], Amounts]:
    """Each distinct amount formula compiled once to an int64 program, which the kernel's pass 2 runs over each
    block's eligible and likely pairs (``kernel.Amounts``); the formulas it does not cover are left to Polars.
    Building the programs is Python (≈ 0.006 s for 1,000 benefits), so they are kept with the library for the
    frame's layout (a few entries: batches of one stream share them); the kernel reads the columns they name."""
    from policyreach.engine.kernel import Amounts

    key = tuple(frame.schema.items())
    store = compiled.cache.setdefault("amount_programs", {})
    assert isinstance(store, dict)
    found = store.get(key)
    if found is None:
        evaluator = _NativeAmounts(frame)
        programs: dict[Node, int] = {}
        uncovered: set[Node] = set()
        program_of = np.full(len(compiled.benefits), -1, dtype=np.int64)
        for benefit in compiled.benefits:
            node = benefit.amount
            if node is None or node in uncovered:
                continue
            if node not in programs:
                try:
                    programs[node] = evaluator.program(node, integer_to_scaled=True)
                except _Uncovered:
                    uncovered.add(node)
                    continue
            program_of[benefit.index] = programs[node]
        program_of.flags.writeable = False
        if len(store) >= 8:
            store.clear()
        ops, starts, tiers = evaluator.program_arrays()
        found = store[key] = (
            programs,
            frozenset(uncovered),
            Amounts(ops, starts, program_of, list(evaluator.index), tiers),
        )
    programs, left, amounts = found
    return programs, set(left), amounts


def _kernel_amounts(
    compiled: CompiledLibrary,
    frame: pl.DataFrame,
    out: KernelResult,
    programs: dict[Node, int],
    uncovered: set[Node],
) -> pl.Series:
    """Amounts of the eligible and likely pairs: the kernel's (``_amount_programs``), and for the formulas it does
    not cover, or that leave int64 on some row, Polars' once over the union of their benefits' rows."""
    values, known, failed = out.amount, out.amount_known, out.amount_failed
    assert values is not None and known is not None and failed is not None
    size = out.entity.size
    uncovered = uncovered | {node for node, f in programs.items() if failed[f]}
    if uncovered and size:
        _polars_amounts(compiled, int_decimals(frame), out.bounds, out.entity, out.status, uncovered, values, known)
    validity = pa.py_buffer(np.packbits(known, bitorder="little"))
    array = pa.Array.from_buffers(pa.int64(), size, [validity, pa.py_buffer(values)])
    return pl.Series(values=array, dtype=pl.Int64)


def _polars_amounts(
    compiled: CompiledLibrary,
    frame: pl.DataFrame,
    bounds: np.ndarray,
    entity: np.ndarray,
    status: np.ndarray,
    nodes: set[Node],
    values: np.ndarray,
    known: np.ndarray,
) -> None:
    """The amounts of formulas in ``nodes`` into ``values`` / ``known``: each once over its benefits' rows."""
    groups: dict[Node, list[np.ndarray]] = {}
    for benefit in compiled.benefits:
        start, end = int(bounds[benefit.index]), int(bounds[benefit.index + 1])
        if benefit.amount not in nodes or start == end:
            continue
        at = np.flatnonzero(status[start:end] >= 2) + start
        if at.size:
            groups.setdefault(benefit.amount, []).append(at)
    queries: list[pl.LazyFrame] = []
    titles: list[list[str]] = []
    pending: list[tuple[np.ndarray, np.ndarray, np.ndarray, bool]] = []
    for node, parts in groups.items():
        at = np.concatenate(parts)
        rows = entity[at]
        if not cols_of(node):
            constant = compile_scalar(node)({})  # may be unknown, e.g. a ratio with a zero denominator
            values[at] = to_scaled(to_decimal(constant)) if constant is not None else 0
            known[at] = constant is not None
            continue
        union = np.unique(rows)
        picked = frame.select([c.column for c in cols_of(node)])[pl.Series(union)]
        queries.append(picked.lazy().select(to_polars(node).cast(pl.Int64).alias("a")))
        pending.append((at, rows, union, node.type.value == "integer"))
        titles.append([b.checked.spec.title for b in compiled.benefits if b.amount == node])
    for (at, rows, union, integer), result in zip(pending, _collect_amounts(queries, titles), strict=True):
        computed = result["a"] * 10**6 if integer else result["a"]
        where = np.searchsorted(union, rows)
        values[at] = computed.fill_null(0).to_numpy()[where]
        known[at] = computed.is_not_null().to_numpy()[where]


def _collect_amounts(queries: list[pl.LazyFrame], titles: list[list[str]]) -> list[pl.DataFrame]:
    """The amount queries, together; when one leaves Int64 (Polars refuses the cast), the refusal names the benefits
    whose formula it is: found by collecting each again, a cost paid only on that error."""
    try:
        return pl.collect_all(queries)
    except pl.exceptions.InvalidOperationError:
        failed: list[str] = []
        for query, names in zip(queries, titles, strict=True):
            try:
                query.collect()
            except pl.exceptions.InvalidOperationError:
                failed += names
        raise AmountOutOfRange(failed or [t for names in titles for t in names]) from None


class _Uncovered(Exception):
    """An amount formula of a shape the NumPy evaluator leaves to Polars."""


class _NativeAmounts:
    """Amount formulas over chosen rows in int64, digit for digit what ``columnar.to_polars`` computes.

    A formula becomes a small stack program (``program``) that the native kernel (``native.amounts``) runs over
    a chunk of rows at a time, in parallel over benefits. Products are rounded half up like
    ``columnar.div_half_up``; a shape not listed here raises ``_Uncovered`` when the program is built, and a row
    whose intermediate would leave int64 makes the kernel give up on the whole formula: both go to Polars.
    """

    LIMIT = 2**62

    def __init__(self, frame: pl.DataFrame) -> None:
        self.frame = frame
        self.index: dict[str, int] = {}
        self.ops: list[tuple[int, int, int, int]] = []
        self.tiers: list[tuple[int, int]] = []
        self.starts = [0]

    def _column(self, name: str) -> int:
        if name not in self.index:
            dtype = self.frame[name].dtype
            if dtype not in (pl.Int64, pl.Int32) and not is_micro_decimal(dtype):  # (read by the kernel as Int64)
                raise _Uncovered
            self.index[name] = len(self.index)
        return self.index[name]

    def program(self, node: Node, integer_to_scaled: bool = False) -> int:
        """Append ``node``'s program (value at the node's scale, or ×10^6 for an integer node when asked);
        returns its number."""
        from policyreach.engine import native

        mark = (len(self.ops), len(self.tiers), dict(self.index))
        try:
            depth = self._emit(node, 0)
            if integer_to_scaled and node.type.value == "integer":
                self._lift(0, 6)
            if depth > native.AMOUNT_DEPTH:
                raise _Uncovered
        except _Uncovered:
            del self.ops[mark[0] :], self.tiers[mark[1] :]
            self.index = mark[2]
            raise
        self.starts.append(len(self.ops))
        return len(self.starts) - 2

    def _lift(self, scale: int, target: int) -> None:
        from policyreach.engine import native

        if target < scale:
            raise _Uncovered
        if target > scale:
            factor = 10 ** (target - scale)
            self.ops.append((native.A_LIFT, factor, (self.LIMIT - 1) // factor, 0))

    def _emit(self, n: Node, top: int) -> int:
        """Emit ``n`` with ``top`` slots already in use; returns the deepest the stack gets."""
        from policyreach.engine import native
        from policyreach.rules.ir import Arith, Call, Col, Const, Tier

        if isinstance(n, Const) and n.type.is_number:
            v = to_scaled(to_decimal(n.value)) if n.type == Type.DEC else int(n.value)  # type: ignore[arg-type]
            if not -(2**63) <= v < 2**63:
                raise _Uncovered
            self.ops.append((native.A_CONST, v, 0, 0))
            return top + 1
        if isinstance(n, Col) and n.type in (Type.DEC, Type.INT):
            self.ops.append((native.A_COL, self._column(n.column), 0, 0))
            return top + 1
        if isinstance(n, Arith) and n.op == "*":
            sa, sb = _scale_of(n.left), _scale_of(n.right)
            depth = max(self._emit(n.left, top), self._emit(n.right, top + 1))
            if sa + sb <= 6:
                if _scale(n) < sa + sb:
                    raise _Uncovered
                self.ops.append((native.A_MUL, 10 ** (_scale(n) - sa - sb), 1, 0))
            else:
                self.ops.append((native.A_MUL, 1, 10 ** (sa + sb - 6), 0))
            return depth
        if isinstance(n, Arith) and n.op in ("+", "-"):
            sa, sb = _scale_of(n.left), _scale_of(n.right)
            target = max(sa, sb)
            depth = self._emit(n.left, top)
            self._lift(sa, target)
            depth = max(depth, self._emit(n.right, top + 1))
            self._lift(sb, target)
            self.ops.append((native.A_ADD if n.op == "+" else native.A_SUB, 0, 0, 0))
            return depth
        if (isinstance(n, Arith) and n.op == "/") or (isinstance(n, Call) and n.fn == "ratio"):
            high, low = (n.left, n.right) if isinstance(n, Arith) else n.args
            shift = 6 - _scale_of(high) + _scale_of(low)
            if shift < 0:
                raise _Uncovered
            depth = max(self._emit(high, top), self._emit(low, top + 1))
            self.ops.append((native.A_DIV, 10**shift, 0, 0))
            return depth
        if isinstance(n, Call) and n.fn in ("min", "max") and n.args:
            target = max(_scale_of(a) for a in n.args)
            depth = top
            for i, arg in enumerate(n.args):
                depth = max(depth, self._emit(arg, top + i))
                self._lift(_scale_of(arg), target)
            self.ops.append((native.A_MIN if n.fn == "min" else native.A_MAX, len(n.args), 0, 0))
            self._lift(target, _scale(n))
            return depth
        if isinstance(n, Tier):
            depth = self._emit(n.x, top)
            self._lift(_scale_of(n.x), 6)
            first = len(self.tiers)
            for start, band in n.bands:
                if not (isinstance(band, Const) and band.type.is_number):
                    raise _Uncovered
                value = to_scaled(to_decimal(band.value)) if band.type == Type.DEC else int(band.value)  # type: ignore[arg-type]
                lifted = value * 10 ** (_scale(n) - _scale(band)) if _scale(n) >= _scale(band) else None
                if lifted is None or abs(lifted) >= self.LIMIT:
                    raise _Uncovered
                self.tiers.append((to_scaled(start), lifted))
            self.ops.append((native.A_TIER, first, len(n.bands), 0))
            return depth
        raise _Uncovered

    def program_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(ops, op starts, tier bands) for ``native.amounts``; an op's column operand numbers ``self.index``."""
        ops = np.array(self.ops or [(0, 0, 0, 0)], dtype=np.int64).reshape(-1, 4)
        tiers = np.array(self.tiers or [(0, 0)], dtype=np.int64).reshape(-1, 2)
        return ops, np.array(self.starts, dtype=np.int64), tiers

    def arrays(self) -> tuple[np.ndarray, ...]:
        """``program_arrays`` and the columns in the kernel's layout: values with nulls as 0, validity bitmaps."""
        from policyreach.engine.kernel import fill_columns, frame_chunks

        n = self.frame.height
        cols = np.empty((max(1, len(self.index)), n), dtype=np.int64)
        valid = np.zeros((max(1, len(self.index)), bitmaps.n_words(n)), dtype=np.uint64)
        sources = frame_chunks(self.frame, list(self.index))
        fill_columns(sources, cols, valid, bitmaps.row_mask(n), n, parallel=False)
        return *self.program_arrays(), cols, valid

    def evaluate(self, node: Node, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(value at the node's scale, known) per row; ``_Uncovered`` when the formula is left to Polars."""
        from policyreach.engine import native

        program = self.program(node)
        ops, starts, tiers, cols, valid = self.arrays()
        size = rows.size
        entity = rows.astype(np.uint32)
        values = np.empty(size, dtype=np.int64)
        known = np.empty(size, dtype=np.bool_)
        failed = np.zeros(len(starts) - 1, dtype=np.bool_)
        program_of = np.array([program], dtype=np.int64)
        status = np.full(size, 3, dtype=np.uint8)
        bounds = np.array([0, size], dtype=np.int64)
        native.amounts(ops, starts, program_of, bounds, status, entity, cols, valid, tiers, values, known, failed)
        if failed[program]:
            raise _Uncovered
        return values, known


def _scale(n: Node) -> int:
    return 6 if n.type == Type.DEC else 0


def _scale_of(n: Node) -> int:
    """The scale ``_NativeAmounts`` computes ``n``'s values at (the node's own, but for + and -: their operands')."""
    from policyreach.rules.ir import Arith, Call

    if isinstance(n, Arith) and n.op in ("+", "-"):
        return max(_scale_of(n.left), _scale_of(n.right))
    if (isinstance(n, Arith) and n.op == "/") or (isinstance(n, Call) and n.fn == "ratio"):
        return 6
    return _scale(n)
