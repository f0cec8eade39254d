"""The next best question (issue 21, item 6; docs/ARCHITECTURE.md, "The next best question").

A visitor of the calculator, or a firm on its profile, has given some values. Which one value should it give
next? The one whose answer settles the most *expected money*: for every benefit still open (no condition unmet,
some condition unknown or the amount not yet computable), its expected money is P(its unknown conditions hold) ×
its amount. Asking a value settles that money when a condition the value decides fails (probability 1 − q); when
they hold (q), it settles all of it if the value is the last thing the benefit waits for, else the share 1/n of
the n values the benefit still waits for (the answer moves it on by one of them). The value of a question is that
sum over benefits; the largest is asked first, one at a time (value of information, one step ahead: after each
answer the values are recomputed from the new record).

Probabilities of single conditions come from the caller: the learned per-condition models when the platform has
them for a stored firm (``likelihood.condition_chances``), else :class:`Priors` (the share of the city's entities
that meet each condition, among those that have it decided). A condition waiting for several values is decided by
none of them alone; such values are ordered among themselves by the money they touch (``partial``), after every
question that decides something.

Pure: the engine and the rules only, no database, no web.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import polars as pl

from policyreach.engine.batch import BatchResult
from policyreach.engine.entity import EntityRecord
from policyreach.engine.match import SingleMatcher
from policyreach.rules.absence import NONE
from policyreach.rules.ir import Node, cols_of
from policyreach.rules.library import CompiledBenefit, CompiledLibrary
from policyreach.rules.numbers import to_decimal

NO_OPINION = 0.5  # a condition nobody in the city has decided
ELIGIBLE = 3
FEN = Decimal("0.01")
PLACES = Decimal("0.000001")


@dataclass(frozen=True)
class Priors:
    """What the city says before anything is known of the one asking."""

    condition: tuple[float, ...] = ()  # per condition of the library's pool: share met among those decided
    amount: Mapping[str, Decimal] = field(default_factory=dict)  # benefit id → mean amount (万元) of its eligible

    def chance(self, cid: int) -> float:
        return self.condition[cid] if cid < len(self.condition) else NO_OPINION


SHRINK = 20  # a condition decided for few entities leans towards no opinion, as if SHRINK more were split evenly


def priors(result: BatchResult) -> Priors:
    """Base rates from a matched population: each condition's share met, each benefit's mean eligible amount."""
    shares = []
    for true, known in zip(result.condition_true, result.condition_known, strict=True):
        decided = int(np.bitwise_count(known).sum())
        met = int(np.bitwise_count(true & known).sum())
        shares.append((met + SHRINK * NO_OPINION) / (decided + SHRINK))
    eligible = result.pairs.filter((pl.col("status") == ELIGIBLE) & pl.col("amount").is_not_null())
    means = eligible.group_by("benefit_idx").agg(pl.col("amount").mean().alias("mean"))
    ids = [b.id for b in result.compiled.benefits]
    amounts = {
        ids[int(b)]: (Decimal(str(m)) / 10**6).quantize(FEN, ROUND_HALF_UP)
        for b, m in zip(means["benefit_idx"], means["mean"], strict=True)
        if m is not None
    }
    return Priors(tuple(shares), amounts)


@dataclass(frozen=True)
class Question:
    """One value to ask for: a stored column (``revenue_2025``, ``industry``) and what its answer is worth."""

    column: str
    value: Decimal  # expected money (万元) whose fate the answer decides
    partial: Decimal  # expected money of benefits it brings closer without deciding them (orders the rest)
    benefits: tuple[str, ...]  # the benefits whose conditions or amount read it, most money first

    @property
    def key(self) -> tuple[Decimal, Decimal]:
        return (self.value, self.partial)


def _missing(node: Node, values: Mapping[str, object]) -> frozenset[str]:
    """The stored columns ``node`` reads that have no value (a known none is a value)."""
    out: set[str] = set()
    for col in cols_of(node):
        for dep in col.deps or (col.column,):
            if values.get(dep) is None:
                out.add(dep)
    return frozenset(out)


def _decimal(p: float) -> Decimal:
    return Decimal(f"{min(max(p, 0.0), 1.0):.6f}")


def ranked(
    matcher: SingleMatcher,
    record: EntityRecord,
    priors: Priors,
    chances: Mapping[int, float] | None = None,
    *,
    allowed: Collection[str] | None = None,
    skipped: Iterable[str] = (),
) -> list[Question]:
    """Every question worth asking of ``record``, the most valuable first (ties in the schema's column order).

    ``chances``: condition id (the library's pool) → probability it holds for this record, overriding the priors
    (learned models); ``allowed``: the columns that may be asked (a page's fields), default every one the library
    reads; ``skipped``: columns the visitor chose not to answer.
    """
    compiled = matcher.compiled
    values = matcher.row(record)
    stored = dict(record.values)
    outcomes = [fn(values) for fn in matcher.conditions]
    chances = chances or {}
    skip = set(skipped)
    value: dict[str, Decimal] = {}
    partial: dict[str, Decimal] = {}
    touched: dict[str, dict[str, Decimal]] = {}
    for benefit in compiled.benefits:
        if record.kind not in benefit.kinds or benefit.amount is None or _points(benefit):
            continue
        if any(outcomes[cid] is False for cid in benefit.condition_ids):
            continue  # an unmet condition: the benefit's money is settled at nothing
        unknown = {cid: _missing(compiled.conditions[cid], stored) for cid in benefit.condition_ids}
        unknown = {cid: cols for cid, cols in unknown.items() if outcomes[cid] is None}
        amount_cols = _missing(benefit.amount, stored)
        amount = _amount(matcher, benefit, values, priors)
        if (not unknown and not amount_cols) or amount <= 0:
            continue  # decided, or no money to settle
        p = {cid: chances.get(cid, priors.chance(cid)) for cid in unknown}
        expected = amount * _decimal(float(np.prod(list(p.values()))))
        asked = set().union(*unknown.values(), amount_cols)
        for column in asked:
            if column in skip or (allowed is not None and column not in allowed):
                continue
            decided = [cid for cid, cols in unknown.items() if cols == {column}]
            q = float(np.prod([p[cid] for cid in decided])) if decided else 1.0
            rest = [cid for cid in unknown if cid not in decided]
            last = not rest and amount_cols <= {column}
            # decided: it fails (1 - q), or it holds and nothing else is waited for; else it holds and moves the
            # benefit on by one of the values it waits for (q = 1 when the answer decides no condition alone). Without
            # that share, a value every benefit needs and nearly every firm passes (no 严重失信) would be asked last,
            # and no benefit could be confirmed before the very end: 21 questions instead of 9 (BENCHMARKS.md).
            settled = (1.0 - q) + (q if last else q / len(asked))
            value[column] = value.get(column, Decimal(0)) + (expected * _decimal(settled)).quantize(PLACES)
            # a share of the benefit's open conditions, each split among the values it still waits for
            waits = [1 / len(cols) for cols in unknown.values() if column in cols]
            share = sum(waits) / len(unknown) if unknown else 1.0
            partial[column] = partial.get(column, Decimal(0)) + (expected * _decimal(share)).quantize(PLACES)
            touched.setdefault(column, {})[benefit.id] = expected
    order = {column: i for i, column in enumerate(_schema_order(compiled))}
    questions = []
    for column, worth in value.items():
        money = touched[column]
        questions.append(
            Question(
                column,
                worth.quantize(FEN, ROUND_HALF_UP),
                partial[column].quantize(FEN, ROUND_HALF_UP),
                tuple(sorted(money, key=lambda b: -money[b])),
            )
        )
    questions.sort(key=lambda q: (-q.value, -q.partial, order.get(q.column, len(order)), q.column))
    return questions


def next_question(
    matcher: SingleMatcher,
    record: EntityRecord,
    priors: Priors,
    chances: Mapping[int, float] | None = None,
    *,
    allowed: Collection[str] | None = None,
    skipped: Iterable[str] = (),
) -> Question | None:
    """The one value to ask for now, or None when nothing left to ask settles any money."""
    questions = ranked(matcher, record, priors, chances, allowed=allowed, skipped=skipped)
    return questions[0] if questions else None


def _amount(matcher: SingleMatcher, benefit: CompiledBenefit, values: Mapping[str, object], priors: Priors) -> Decimal:
    """The benefit's amount with what is known, else what its eligible entities in the city get on average."""
    fn = matcher.amounts[benefit.index]
    raw = fn(dict(values)) if fn is not None else None
    if raw is not None and raw is not NONE:
        return to_decimal(raw).quantize(FEN, ROUND_HALF_UP)
    return priors.amount.get(benefit.id, Decimal(0))


def _points(benefit: CompiledBenefit) -> bool:
    """An amount in 分 (points of an assessment) is no money to settle."""
    return benefit.spec.amount is not None and benefit.spec.amount.unit == "分"


def _schema_order(compiled: CompiledLibrary) -> list[str]:
    """Stored columns in the schema's attribute order (the order a form lists them): the benchmark's baseline."""
    columns: dict[str, tuple[int, int]] = {}
    position = {name: i for i, name in enumerate(compiled.schema.attributes)}
    nodes = [*compiled.conditions, *(b.amount for b in compiled.benefits if b.amount is not None)]
    for node in nodes:
        for col in cols_of(node):
            for dep in col.deps or (col.column,):
                attr, _, year = dep.rpartition("_")
                name, rank = (attr, -int(year)) if year.isdigit() and attr in position else (dep, 0)
                columns[dep] = (position.get(name, len(position)), rank)
    return sorted(columns, key=lambda c: (columns[c], c))


def schema_order(compiled: CompiledLibrary) -> list[str]:
    """Every stored column the library reads, in the schema's order (latest year first)."""
    return _schema_order(compiled)
