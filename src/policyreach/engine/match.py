"""Match semantics (docs/ARCHITECTURE.md, "Match semantics") and the single-entity path.

For one entity the library is evaluated with compiled Python closures (a few
milliseconds for a thousand benefits); the result is plain objects with everything a
report needs. Explanations are rendered on first access, so ranking a thousand benefits
does not format a thousand sentences.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from itertools import repeat
from operator import itemgetter
from typing import Any, overload

import numpy as np

from policyreach.engine.entity import EntityRecord
from policyreach.engine.explain import Explainer, Hint, money_words
from policyreach.engine.scalar import Fn, compile_scalar
from policyreach.rules import derivations
from policyreach.rules.absence import NONE, ListImport
from policyreach.rules.ir import Node, cols_of
from policyreach.rules.library import CompiledBenefit, CompiledLibrary
from policyreach.rules.numbers import degree_of, to_decimal
from policyreach.rules.policy import PAID_OUT, ApplicationPath, Policy, Prerequisite, WindowState


def status_of(met_weight: int, unmet_weight: int, total: int) -> tuple[str, int]:
    """(status, degree) from integer weights of met and unmet conditions."""
    unknown = total - met_weight - unmet_weight
    degree = degree_of(met_weight, unknown, total)
    if met_weight == total:
        return "eligible", degree
    if unmet_weight == 0:
        return "likely", degree
    return ("partial" if degree >= 50 else "ineligible"), degree


@dataclass
class ConditionResult:
    index: int
    node: Node
    outcome: str  # met | unmet | unknown
    clause: str
    clause_text: str
    label: str | None
    weight: Decimal
    _explainer: Explainer = field(repr=False)
    _values: dict[str, Any] = field(repr=False)
    _sources: dict[str, str] = field(repr=False)
    _who: str = field(default="您的企业", repr=False)
    _absent: dict[str, ListImport] = field(default_factory=dict, repr=False)

    @cached_property
    def explanation(self) -> str:
        return self._explainer.explain_condition(
            self.node, self.outcome, self._values, self.label, self._who, self._absent
        )

    @cached_property
    def hint(self) -> Hint | None:
        """What would meet this condition (None when it is met): a gap, a value to supply, or that it is fixed."""
        return self._explainer.hint(self.node, self.outcome, self._values, self.label, self._who, self._absent)

    @cached_property
    def requirement(self) -> str:
        return self.label or self._explainer.sentence(self.node)

    @cached_property
    def inputs(self) -> list[dict[str, Any]]:
        """Each value the condition reads: label, shown value, source and whether verified."""
        schema = self._explainer.schema
        rows = []
        for col in cols_of(self.node):
            value = self._values.get(col.column)
            source = self._sources.get(col.column)
            listed = self._absent.get(col.column)
            rows.append(
                {
                    "column": col.column,
                    "label": self._explainer.label(col),
                    "value": value,
                    "shown": "未提供"
                    if value is None
                    else self._explainer.show(value, col, self._absent.get(col.column)),
                    "source": schema.source_label(source) if value is not None else "未提供",
                    "listed": listed,
                    "verified": value is not None and schema.is_verified_source(source),
                }
            )
        return rows


class Shared:
    """What every match of one call reads alike: the entity's values and sources, the library's explainer and
    shared conditions, and the condition codes each match's outcomes are picked from (on first access)."""

    __slots__ = (
        "_names",
        "absent",
        "as_of",
        "codes",
        "explainer",
        "pick",
        "pool",
        "sources",
        "values",
        "who",
        "windows",
    )

    def __init__(
        self,
        codes: bytes,
        pick: list[Callable[[list[str]], tuple[str, ...]]],
        as_of: dt.date,
        explainer: Explainer,
        values: dict[str, Any],
        sources: dict[str, str],
        pool: list[Node],
        who: str,
        absent: dict[str, ListImport],
        windows: dict[int, WindowState] | None = None,
    ) -> None:
        self.codes, self.pick, self.as_of, self.explainer = codes, pick, as_of, explainer
        self.values, self.sources, self.pool, self.who, self.absent = values, sources, pool, who, absent
        # benefit index → its window on ``as_of``, kept by the matcher across calls: it depends on the date alone
        self.windows = {} if windows is None else windows
        self._names: list[str] | None = None

    def __eq__(self, other: object) -> bool:  # matches compare by what they were computed from, as before
        if not isinstance(other, Shared):
            return NotImplemented
        mine = (self.codes, self.as_of, self.explainer, self.values, self.sources, self.pool, self.who, self.absent)
        return mine == (
            other.codes,
            other.as_of,
            other.explainer,
            other.values,
            other.sources,
            other.pool,
            other.who,
            other.absent,
        )

    __hash__ = None  # type: ignore[assignment]

    def outcomes(self, benefit: int) -> tuple[str, ...]:
        if self._names is None:
            self._names = [_STATES[c] for c in self.codes]
        return self.pick[benefit](self._names)


@dataclass
class Match:
    """One benefit for one entity, built when :class:`Matches` is read (a call keeps ~150 of 1,000 benefits on the
    benchmark's firms): it holds only what differs per benefit; the rest is the call's :class:`Shared`, and the
    outcomes are picked from the call's condition codes when first read."""

    benefit: CompiledBenefit
    status: str
    degree: int
    amount: Decimal | None
    provable: bool
    _shared: Shared = field(repr=False)

    @cached_property
    def outcomes(self) -> tuple[str, ...]:
        """met | unmet | unknown per condition, in benefit order."""
        return self._shared.outcomes(self.benefit.index)

    @property
    def as_of(self) -> dt.date:
        return self._shared.as_of

    @property
    def _explainer(self) -> Explainer:
        return self._shared.explainer

    @property
    def _values(self) -> dict[str, Any]:
        return self._shared.values

    @property
    def _who(self) -> str:
        return self._shared.who

    @cached_property
    def conditions(self) -> list[ConditionResult]:
        """Each condition with its clause, outcome and explanation (built on first access)."""
        shared = self._shared
        compiled_conditions = shared.pool
        results = []
        for i, (cid, outcome) in enumerate(zip(self.benefit.condition_ids, self.outcomes, strict=True)):
            checked = self.benefit.checked.conditions[i]
            results.append(
                ConditionResult(
                    index=i,
                    node=compiled_conditions[cid],
                    outcome=outcome,
                    clause=checked.spec.clause,
                    clause_text=checked.clause_text,
                    label=checked.spec.label,
                    weight=checked.spec.weight,
                    _explainer=shared.explainer,
                    _values=shared.values,
                    _sources=shared.sources,
                    _who=shared.who,
                    _absent=shared.absent,
                )
            )
        return results

    @property
    def benefit_id(self) -> str:
        return self.benefit.id

    @property
    def title(self) -> str:
        return self.benefit.spec.title

    @property
    def policy(self) -> Policy:
        return self.benefit.checked.policy

    @property
    def application(self) -> ApplicationPath:
        return self.benefit.spec.application

    @property
    def deadline(self) -> dt.date | None:
        """The end of the window in force, the coming one or the last one (see :attr:`window`)."""
        return self.window.closes

    @cached_property
    def window(self) -> WindowState:
        """The application window on the evaluation date: 已截止 is shown, and refused, from this."""
        windows = self._shared.windows
        found = windows.get(self.benefit.index)
        if found is None:
            found = windows[self.benefit.index] = self.application.window_on(self.as_of)
        return found

    @property
    def payout(self) -> str:
        return self.benefit.spec.payout

    @property
    def one_click(self) -> bool:
        """Eligible, proven by verified data, redeemed without review, paid out through the platform (a tax relief is
        claimed in the tax return) and its window open today."""
        return (
            self.status == "eligible"
            and self.benefit.spec.payout in PAID_OUT
            and self.provable
            and self.benefit.spec.redemption in ("instant", "automatic")
            and self.window.open
        )

    @property
    def missing(self) -> list[str]:
        """Values to provide: inputs of conditions whose outcome is unknown."""
        seen: dict[str, None] = {}
        for cond in self.conditions:
            if cond.outcome == "unknown":
                seen.update(dict.fromkeys(i["label"] for i in cond.inputs if i["value"] is None))
        return list(seen)

    @property
    def unmet(self) -> list[ConditionResult]:
        return [c for c in self.conditions if c.outcome == "unmet"]

    @cached_property
    def hints(self) -> list[Hint]:
        """What would make the match eligible, one hint per condition not met, in benefit order (the renderer's)."""
        return [c.hint for c in self.conditions if c.hint is not None]

    @cached_property
    def fixed(self) -> bool:
        """Some condition is unmet and every unmet one is beyond the firm's reach: nothing is held out as hope.

        Decided from the outcomes without building the conditions or writing their hints (the policy list asks it of
        every partial match): the same answer as every unmet condition's ``hint.fixed``."""
        shared = self._shared
        unmet = [
            shared.pool[cid] for cid, o in zip(self.benefit.condition_ids, self.outcomes, strict=True) if o == "unmet"
        ]
        return bool(unmet) and all(
            shared.explainer.unmet_fixed(node, shared.values, shared.who, shared.absent) for node in unmet
        )

    @property
    def obtain_first(self) -> list[Prerequisite]:
        """Other benefits to obtain first, for partial matches; a certification to obtain or renew is the unmet
        condition's hint (which says when an old one expired), not repeated here."""
        if self.status not in ("partial", "ineligible"):
            return []
        return [p for p in self.benefit.spec.prerequisites if p.benefit is not None]

    @cached_property
    def amount_explanation(self) -> str | None:
        benefit = self.benefit
        spec = benefit.spec.amount
        if benefit.manual:
            return self._explainer.manual_words(
                benefit.manual_cap_node or benefit.manual_cap,
                self._who,
                benefit.manual_floor_node or benefit.manual_floor,
                self._values,
            )
        if benefit.amount is None or spec is None:
            return None
        # amounts are shown in 万元 whatever the file's unit; points stay 分
        unit = "分" if spec.unit == "分" else "万元"
        kind = benefit.spec.kind
        # a schedule's share is told in words below, so the formula explained is the full year's
        node = benefit.full_year if spec.schedule and benefit.full_year is not None else benefit.amount
        claimable = self.status in ("eligible", "likely")
        value = self.amount if claimable else self.potential_amount
        shown = self._full_year_amount() if spec.schedule else value
        text = self._explainer.explain_amount(
            node,
            shown,
            self._values,
            self._who,
            potential=not claimable,
            unit=unit,
            kind=kind,
            payout=benefit.spec.payout,
            fixed=not claimable and unit != "分" and self.fixed,  # a score holds out no money: no hints needed
        )
        if spec.schedule:
            year = self._period_year()
            text += "；" + self._explainer.schedule_words(spec.schedule, self._full_year_amount(), year)
            if value is not None:
                text += f"，本年度预计可得 {money_words(value, ' ')}"
        if benefit.spec.instalments:
            text += "；" + self._explainer.instalment_words(benefit.spec.instalments, value)
        return text

    def _full_year_amount(self) -> Decimal | None:
        if self.benefit.full_year is None:
            return None
        raw = compile_scalar(self.benefit.full_year)(self._values)
        return None if raw is None or raw is NONE else to_decimal(raw)

    def _period_year(self) -> int | None:
        if self.benefit.period_year is None:
            return 1
        raw = compile_scalar(self.benefit.period_year)(self._values)
        return raw if isinstance(raw, int) and not isinstance(raw, bool) else None

    @cached_property
    def potential_amount(self) -> Decimal | None:
        """What the formula gives with the entity's values, whatever the status."""
        if self.benefit.amount is None:
            return None
        raw = compile_scalar(self.benefit.amount)(self._values)
        return None if raw is None or raw is NONE else to_decimal(raw)

    @property
    def clause_refs(self) -> list[str]:
        return list(dict.fromkeys(c.clause for c in self.conditions))


class Matches(Sequence[Match]):
    """The benefits one call kept, in library order: a sequence of :class:`Match` whose objects are built when read.

    The call decides everything (status, degree, provable, the amounts of likely and eligible benefits) into
    compact columns; a :class:`Match` — what a page or a report reads — is made on first access, all of them in
    one C-level loop when the sequence is iterated. A firm typically keeps ~150 of 1,000 benefits, most of them
    partial, and building them cost more than deciding them; callers that need one benefit (:meth:`get`) or
    only the figures (:meth:`rows`) build none.
    """

    __slots__ = ("_amount", "_benefit", "_benefits", "_built", "_degree", "_provable", "_shared", "_status")

    def __init__(
        self,
        benefits: list[CompiledBenefit],
        benefit: list[int],
        status: list[int],
        degree: list[int],
        amount: list[Decimal | None],
        provable: list[bool],
        shared: Shared,
    ) -> None:
        self._benefits, self._benefit, self._status, self._degree = benefits, benefit, status, degree
        self._amount, self._provable, self._shared = amount, provable, shared
        self._built: list[Match | None] | None = None

    def _one(self, i: int) -> Match:
        return Match(
            self._benefits[self._benefit[i]],
            STATUS_NAMES[self._status[i]],
            self._degree[i],
            self._amount[i],
            self._provable[i],
            self._shared,
        )

    def _all(self) -> list[Match]:
        built = self._built
        if built is None:
            built = self._built = list(
                map(
                    Match,
                    map(self._benefits.__getitem__, self._benefit),
                    map(STATUS_NAMES.__getitem__, self._status),
                    self._degree,
                    self._amount,
                    self._provable,
                    repeat(self._shared),
                )
            )
        elif None in built:
            for i, m in enumerate(built):
                if m is None:
                    built[i] = self._one(i)
        return built  # type: ignore[return-value]  # no None is left

    def __len__(self) -> int:
        return len(self._benefit)

    @overload
    def __getitem__(self, index: int) -> Match: ...

    @overload
    def __getitem__(self, index: slice) -> list[Match]: ...

    def __getitem__(self, index: int | slice) -> Match | list[Match]:
        if isinstance(index, slice):
            return self._all()[index]
        if self._built is None:
            self._built = [None] * len(self._benefit)
        i = range(len(self._benefit))[index]  # negative indices and the IndexError, as a list gives them
        found = self._built[i]
        if found is None:
            found = self._built[i] = self._one(i)
        return found

    def __iter__(self) -> Iterator[Match]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Matches | list):
            return self._all() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Matches({len(self)} benefits)"

    def get(self, benefit_id: str) -> Match | None:
        """The match of one benefit, building no other."""
        for i, b in enumerate(self._benefit):
            if self._benefits[b].id == benefit_id:
                return self[i]
        return None

    def rows(self) -> list[tuple[str, str, int, Decimal | None]]:
        """(benefit id, status, degree, amount) of every kept benefit, without building a :class:`Match`."""
        benefits = self._benefits
        return [
            (benefits[b].id, STATUS_NAMES[s], d, a)
            for b, s, d, a in zip(self._benefit, self._status, self._degree, self._amount, strict=True)
        ]


_STATES = ("unmet", "met", "unknown")
_WHO = {"enterprise": "您的企业", "institute": "您的单位", "talent": "您"}


class SingleMatcher:
    """Closures for every unique condition and amount of a compiled library, built once per library version.

    A call evaluates the ~400 distinct conditions once, then combines all benefits at once (weights, status,
    degree, provable as arrays over the library: one native call with ``numba``, NumPy otherwise); the kept
    benefits come back as :class:`Matches`, whose objects are built when read.
    """

    def __init__(self, compiled: CompiledLibrary, backend: str = "polars") -> None:
        self.compiled = compiled
        # each benefit's application window on the library's date, filled as matches read it: a page lists the
        # same benefits for every firm, and the window depends on the date alone
        self.windows: dict[int, WindowState] = {}
        self.conditions: list[Fn] = [compile_scalar(c) for c in compiled.conditions]
        self.native: Any = None
        if backend == "numba":  # the conditions through the native kernel, planned here once per library version
            from policyreach.engine.kernel import SinglePlan

            self.native = SinglePlan(compiled)
        self.amounts: list[Fn | None] = [compile_scalar(b.amount) if b.amount else None for b in compiled.benefits]
        self.explainer = Explainer(compiled.schema, compiled.as_of)
        self.builtins = compiled.builtin_cols()
        benefits = compiled.benefits
        self.slot_benefit = np.repeat(np.arange(len(benefits)), [len(b.condition_ids) for b in benefits])
        self.slot_condition = np.array([c for b in benefits for c in b.condition_ids], dtype=np.int64)
        self.slot_weight = np.array([w for b in benefits for w in b.weights], dtype=np.int64)
        self.totals = np.array([b.total_weight for b in benefits], dtype=np.int64)
        self.columns = sorted({c for b in benefits for c in b.columns})
        where = {c: i for i, c in enumerate(self.columns)}
        self.column_benefit = np.repeat(np.arange(len(benefits)), [len(b.columns) for b in benefits])
        self.column_index = np.array([where[c] for b in benefits for c in b.columns], dtype=np.int64)
        self.by_kind: dict[str, np.ndarray] = {}
        self._arrays: tuple[np.ndarray, np.ndarray] | None = None
        # each benefit's outcomes out of the library's, as one C call (a map over a tuple costs more per match)
        self.pick: list[Callable[[list[str]], tuple[str, ...]]] = [_picker(b.condition_ids) for b in benefits]

    def _applies(self, kind: str) -> np.ndarray:
        if kind not in self.by_kind:
            self.by_kind[kind] = np.array([kind in b.kinds for b in self.compiled.benefits], dtype=bool)
        return self.by_kind[kind]

    def row(self, entity: EntityRecord) -> dict[str, Any]:
        values = dict(entity.values)
        for col in self.builtins:
            derivation = derivations.get(col.builtin or "")
            # a builtin reads figures, not lists: a none input leaves it unknown, as a null does in a frame
            deps = [None if (v := values.get(d)) is NONE else v for d in col.deps]
            values[col.column] = derivation.python(*deps) if derivation else None
        return values

    def match(self, entity: EntityRecord, *, keep_all: bool = False, who: str | None = None) -> Matches:
        values = self.row(entity)
        verified = entity.verified(self.compiled.schema)
        plan = self.native
        if plan is None:
            codes = self._closure_codes(values)
            kept = self._combine_numpy(codes, verified, entity.kind, keep_all)
        elif (found := plan.inputs(values)) is None:  # a value the plan cannot hold: the closures decide all
            codes = self._closure_codes(values)
            kept = self._combine(codes, verified, entity.kind, keep_all)
        elif not found[2] and not plan.fallback:  # the common case: conditions and benefits in one native call
            codes = np.full(plan.ncond, 2, dtype=np.int8)
            kept = self._combine(codes, verified, entity.kind, keep_all, inputs=found)
        else:
            from policyreach.engine import native

            row, valid, left = found
            codes = np.full(plan.ncond, 2, dtype=np.int8)
            native.single(
                plan.atoms, plan.tables, plan.program, plan.starts, plan.covered, row, valid, plan.none, codes
            )
            for cid in plan.fallback + left:
                v = self.conditions[cid](values)
                codes[cid] = 2 if v is None else 1 if v else 0
            kept = self._combine(codes, verified, entity.kind, keep_all)
        kept_b, status_k, degree_k, provable_k = (a.tolist() for a in kept)
        # amounts only where the status is likely or eligible: a partial match shows what it could give on demand
        amounts: list[Decimal | None] = [None] * len(kept_b)
        for at in np.flatnonzero(kept[1] >= 2).tolist():
            amount_fn = self.amounts[kept_b[at]]
            if amount_fn is not None:
                raw = amount_fn(values)
                amounts[at] = None if raw is None or raw is NONE else to_decimal(raw)
        shared = Shared(
            codes.tobytes(),
            self.pick,
            self.compiled.as_of,
            self.explainer,
            values,
            entity.sources,
            self.compiled.conditions,
            who or _WHO.get(entity.kind, "您"),
            entity.absent,
            self.windows,
        )
        return Matches(self.compiled.benefits, kept_b, status_k, degree_k, amounts, provable_k, shared)

    def _closure_codes(self, values: dict[str, Any]) -> np.ndarray:
        outcomes = [fn(values) for fn in self.conditions]
        return np.fromiter((2 if v is None else 1 if v else 0 for v in outcomes), dtype=np.int8, count=len(outcomes))

    def _combine(
        self,
        codes: np.ndarray,
        verified: set[str],
        kind: str,
        keep_all: bool,
        inputs: tuple[np.ndarray, np.ndarray, list[int]] | None = None,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(benefit, status, degree, provable) of the kept benefits, in one native pass over the library; with
        ``inputs`` (the plan's values of the entity) the same call decides the conditions into ``codes`` first."""
        from policyreach.engine import native

        if self._arrays is None:
            benefits = self.compiled.benefits
            starts = np.zeros(len(benefits) + 1, dtype=np.int64)
            starts[1:] = np.cumsum([len(b.condition_ids) for b in benefits])
            col_starts = np.zeros(len(benefits) + 1, dtype=np.int64)
            col_starts[1:] = np.cumsum([len(b.columns) for b in benefits])
            self._arrays = (starts, col_starts)
        starts, col_starts = self._arrays
        given = np.array([c in verified for c in self.columns], dtype=np.bool_)
        if not given.size:
            given = np.zeros(1, dtype=np.bool_)
        combine = (
            codes,
            starts,
            self.slot_condition,
            self.slot_weight,
            self.totals,
            self._applies(kind),
            col_starts,
            self.column_index,
            given,
            keep_all,
        )
        if inputs is not None:
            plan = self.native
            row, valid = inputs[0], inputs[1]
            head = (plan.atoms, plan.tables, plan.program, plan.starts, plan.covered, row, valid, plan.none)
            out = native.single_match(*head, *combine)
        else:
            out = native.single_combine(*combine)
        return out[0], out[1], out[2], out[3]

    def _combine_numpy(
        self, codes: np.ndarray, verified: set[str], kind: str, keep_all: bool
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        nb = len(self.compiled.benefits)
        slot = codes[self.slot_condition]
        met = np.bincount(self.slot_benefit, weights=self.slot_weight * (slot == 1), minlength=nb).astype(np.int64)
        unmet = np.bincount(self.slot_benefit, weights=self.slot_weight * (slot == 0), minlength=nb).astype(np.int64)
        totals = self.totals
        safe = np.maximum(totals, 1)
        degree = np.where(totals > 0, (200 * met + 100 * (totals - met - unmet) + totals) // (2 * safe), 100)
        status = np.where(met == totals, 3, np.where(unmet == 0, 2, np.where(degree >= 50, 1, 0)))
        kept = self._applies(kind) & ((status > 0) | keep_all)
        if self.columns:
            given = np.array([c in verified for c in self.columns], dtype=bool)
            missing: np.ndarray = np.bincount(self.column_benefit, weights=~given[self.column_index], minlength=nb)
        else:
            missing = np.zeros(nb)
        return np.flatnonzero(kept), status[kept], degree[kept], missing[kept] == 0


STATUS_NAMES = ("ineligible", "partial", "likely", "eligible")


def _picker(ids: tuple[int, ...]) -> Callable[[list[str]], tuple[str, ...]]:
    if len(ids) >= 2:
        return itemgetter(*ids)
    if len(ids) == 1:
        only = ids[0]
        return lambda names: (names[only],)
    return lambda names: ()


def match_entity(
    compiled: CompiledLibrary, entity: EntityRecord, *, keep_all: bool = False, backend: str | None = None
) -> Matches:
    """All benefits of ``compiled`` for one entity (ineligible ones only with ``keep_all``).

    ``backend`` names one of ``engine.backends.SINGLE`` (default: the ``POLICYREACH_ENGINE`` setting): ``numba``
    decides the conditions in the native kernel, ``polars`` with the Python closures alone.
    """
    from policyreach import settings

    key = f"single:{backend or settings.engine_backend()}"
    matcher = compiled.cache.get(key)
    if not isinstance(matcher, SingleMatcher):
        matcher = compiled.cache[key] = SingleMatcher(compiled, backend or settings.engine_backend())
    return matcher.match(entity, keep_all=keep_all)
