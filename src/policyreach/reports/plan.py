"""The best claim plan of one entity (issue 21, item 5): what it can claim this year, without counting twice.

The plan is the set of benefits that maximizes the money the entity can *expect* (an eligible item's amount; a
likely item's amount times its learned probability) under the library's rules:

- an exclusive group (不得重复享受，就高) gives at most one of its members;
- a policy's per-entity cap (``Policy.cap``: 同一企业累计不超过 …) trims what its items add up to: items past the cap
  stay in the plan (the firm still applies; the department pays up to the cap) and the totals count the cap;
- a benefit that requires another one (``prerequisites: - benefit: …``) is in the plan only together with it, and out
  when that one cannot be claimed (a required *certification* is a condition of the rule itself, so the status has
  already decided it);
- a window that is closed for this year is out with the reason; one that opens later this year is in.

The interactions are small (groups of a handful, caps over one policy), so the plan is exact: every connected part
is enumerated, and a part too large for that (a cap over a long policy with many groups) is solved as a mixed-integer
programme with HiGHS. Ties go to the plan with more items, then to the smaller ids, so every page shows the same plan.
Money is compared across payouts only to choose (a tax relief and a grant are both money the firm keeps); every total
shown stays per payout, and a loan (not money the government pays) only decides between plans equal in money.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import highspy
import numpy as np

from policyreach.rules.policy import WindowState, payout_totals

# Above this many combinations a part is solved with HiGHS instead of enumerated.
ENUMERATION_LIMIT = 1 << 14
_FEN = Decimal("0.01")


@dataclass(frozen=True)
class Option:
    """One benefit as the plan weighs it: its amount in 万元, its group, and what else constrains it."""

    benefit_id: str
    title: str
    payout: str
    amount: Decimal
    group: str | None = None
    # None: eligible (certain); else the learned probability that a likely item's unknown conditions hold
    probability: float | None = None
    cap: str | None = None  # the key of the per-entity cap (a ``Cap``) its amount counts under
    requires: tuple[tuple[str, str], ...] = ()  # (benefit id, label) of benefits it needs in the plan
    unavailable: str | None = None  # why it cannot be claimed this year (a closed window), in Chinese

    @property
    def expected(self) -> Decimal:
        """The amount, or probability × amount for a likely item, exact to the fen (halves up)."""
        if self.probability is None:
            return self.amount
        p = Decimal(repr(float(self.probability))).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)
        return (p * self.amount).quantize(_FEN, rounding=ROUND_HALF_UP)

    @property
    def certain(self) -> bool:
        return self.probability is None


@dataclass(frozen=True)
class Cap:
    """A per-entity cap: what the options naming ``key`` add up to counts at most ``limit`` 万元."""

    key: str
    limit: Decimal
    label: str  # as a person reads it: "《…》同一企业每年累计不超过 500 万元"


@dataclass(frozen=True)
class Plan:
    chosen: tuple[Option, ...]
    left_out: tuple[tuple[Option, str], ...]  # (option, why it is not in the plan, in Chinese)
    caps: tuple[Cap, ...] = ()

    def _sums(self, value: str, only_certain: bool) -> dict[str, Decimal]:
        limits = {c.key: c.limit for c in self.caps}
        free: list[tuple[str, Decimal]] = []
        capped: dict[tuple[str, str], Decimal] = {}
        for o in self.chosen:
            if only_certain and not o.certain:
                continue
            amount = o.amount if value == "amount" else o.expected
            if o.cap in limits:
                capped[(o.cap, o.payout)] = capped.get((o.cap, o.payout), Decimal(0)) + amount
            else:
                free.append((o.payout, amount))
        free += [(payout, min(total, limits[key])) for (key, payout), total in capped.items()]
        return payout_totals(free)

    @property
    def totals(self) -> dict[str, Decimal]:
        """The certain money of the plan (its eligible items, caps applied), one sum per payout, never one grand
        total."""
        return self._sums("amount", only_certain=True)

    @property
    def expected(self) -> dict[str, Decimal]:
        """What the whole plan is expected to bring (likely items at probability × amount, caps applied), per
        payout."""
        return self._sums("expected", only_certain=False)

    @property
    def likely(self) -> tuple[Option, ...]:
        return tuple(o for o in self.chosen if not o.certain)

    @property
    def capped(self) -> list[tuple[Cap, Decimal]]:
        """Caps the plan reaches, each with the (certain) sum it trims."""
        found = []
        for cap in self.caps:
            total = sum((o.amount for o in self.chosen if o.cap == cap.key and o.certain), Decimal(0))
            if total > cap.limit:
                found.append((cap, total))
        return found

    def reason(self, benefit_id: str) -> str | None:
        return next((why for o, why in self.left_out if o.benefit_id == benefit_id), None)


def window_reason(state: WindowState, today: dt.date) -> str | None:
    """Why a benefit's window keeps it out of this year's plan, or None when it is open or opens later this year."""
    if state.status == "closed":
        if state.next_opens is not None and state.next_opens.year == today.year:
            return None  # another round this year: still in the plan
        following = f"，下一轮申报：{state.next_period}" if state.next_period else ""
        return f"申报窗口已关闭（截至 {state.closes}{following}）" if state.closes else "申报窗口已关闭"
    if state.status == "not_yet" and state.opens is not None and state.opens.year > today.year:
        return f"本年度不开放申报（{state.opens} 起申报）"
    return None


def best_plan(options: Iterable[Option], caps: Iterable[Cap] = ()) -> Plan:
    """The plan of most expected money under the groups, caps, prerequisites and windows; the chosen keep the order
    they came in."""
    given = list(options)
    cap_list = tuple(caps)
    limits = {c.key: c.limit for c in cap_list}
    # one option per benefit: the first given wins (a page never lists a benefit twice)
    unique: list[Option] = []
    for option in given:
        if all(option.benefit_id != o.benefit_id for o in unique):
            unique.append(option)
    offered = {o.benefit_id for o in unique if o.unavailable is None}
    # what can never be in the plan, transitively: out of window, or needing what cannot be claimed
    blocked: dict[str, str] = {o.benefit_id: o.unavailable for o in unique if o.unavailable is not None}
    changed = True
    while changed:
        changed = False
        for o in unique:
            if o.benefit_id in blocked:
                continue
            for needed, label in o.requires:
                if needed not in offered or needed in blocked:
                    blocked[o.benefit_id] = f"需先取得“{label}”，本次不可申领"
                    changed = True
                    break
    candidates = [o for o in unique if o.benefit_id not in blocked]
    chosen_ids: set[str] = set()
    for part in _parts(candidates):
        chosen_ids |= _solve(part, limits)
    chosen = [o for o in unique if o.benefit_id in chosen_ids]
    left_out = [(o, blocked[o.benefit_id]) for o in unique if o.benefit_id in blocked]
    by_id = {o.benefit_id: o for o in unique}
    for o in candidates:
        if o.benefit_id not in chosen_ids:
            left_out.append((o, _why_not(o, chosen, by_id)))
    order = {o.benefit_id: i for i, o in enumerate(unique)}
    left_out.sort(key=lambda t: order[t[0].benefit_id])
    return Plan(tuple(chosen), tuple(left_out), cap_list)


def _why_not(option: Option, chosen: Sequence[Option], by_id: dict[str, Option]) -> str:
    rival = next((o for o in chosen if option.group is not None and o.group == option.group), None)
    if rival is not None:
        if option.amount == rival.amount and option.expected == rival.expected:
            lower = "金额相同，只计一项"
        elif option.amount <= rival.amount:
            lower = "金额较低"
        elif option.expected <= rival.expected:
            lower = "按可能性折算后金额较低"
        else:
            # worth more alone, yet the plan with the rival is worth more: it unlocks another item, or a cap
            # leaves this one little room
            unlocked = [o.title for o in chosen if any(need == rival.benefit_id for need, _ in o.requires)]
            lower = (
                f"选“{rival.title}”可同时申领“{'”“'.join(unlocked)}”，合计更高"
                if unlocked
                else "受累计上限所限，计入后合计较低"
            )
        return f"与“{rival.title}”不重复享受（就高），{lower}"
    chosen_ids = {o.benefit_id for o in chosen}
    for needed, label in option.requires:
        if needed not in chosen_ids:
            title = by_id[needed].title if needed in by_id else label
            return f"需先取得“{title}”，而该项未列入方案"
    return "未列入方案"


def _parts(options: list[Option]) -> list[list[Option]]:
    """Options linked by a group, a cap or a prerequisite, each part in the order given."""
    parent = list(range(len(options)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[tuple[str, str], int] = {}
    index = {o.benefit_id: i for i, o in enumerate(options)}
    for i, o in enumerate(options):
        links = [("group", o.group)] if o.group else []
        links += [("cap", o.cap)] if o.cap else []
        for link in links:
            if link in first:
                parent[root(i)] = root(first[link])
            else:
                first[link] = i
        for needed, _ in o.requires:
            if needed in index:
                parent[root(i)] = root(index[needed])
    parts: dict[int, list[Option]] = {}
    for i, o in enumerate(options):
        parts.setdefault(root(i), []).append(o)
    return list(parts.values())


def _score(subset: Sequence[Option], limits: dict[str, Decimal]) -> tuple[Decimal, Decimal, int]:
    """(money, loans, items) a subset is worth: what the plan maximizes, in that order."""
    money, loans = Decimal(0), Decimal(0)
    capped: dict[str, Decimal] = {}
    for o in subset:
        if o.cap in limits:
            capped[o.cap] = capped.get(o.cap, Decimal(0)) + o.expected
        elif o.payout == "loan":
            loans += o.expected
        elif o.payout != "none":
            money += o.expected
    money += sum((min(total, limits[key]) for key, total in capped.items()), Decimal(0))
    return money, loans, len(subset)


def feasible(subset: Iterable[Option]) -> bool:
    """At most one per group, every required benefit inside, nothing out of its window."""
    items = list(subset)
    ids = {o.benefit_id for o in items}
    groups = [o.group for o in items if o.group is not None]
    return (
        len(groups) == len(set(groups))
        and all(needed in ids for o in items for needed, _ in o.requires)
        and all(o.unavailable is None for o in items)
    )


def _solve(part: list[Option], limits: dict[str, Decimal]) -> set[str]:
    groups: dict[str, list[Option]] = {}
    alone: list[Option] = []
    for o in part:
        (groups.setdefault(o.group, []) if o.group else alone).append(o)
    size = 2 ** len(alone)
    for members in groups.values():
        size *= len(members) + 1
    if size > ENUMERATION_LIMIT:
        return _solve_highs(part, limits)
    best: tuple[tuple[Decimal, Decimal, int], tuple[str, ...]] | None = None
    choices = [[None, *members] for members in groups.values()]
    for picks in itertools.product(*choices):
        grouped = [o for o in picks if o is not None]
        for mask in range(2 ** len(alone)):
            subset = grouped + [o for j, o in enumerate(alone) if mask >> j & 1]
            if not all(needed in {s.benefit_id for s in subset} for o in subset for needed, _ in o.requires):
                continue
            key = (_score(subset, limits), tuple(sorted(o.benefit_id for o in subset)))
            if best is None or key[0] > best[0] or (key[0] == best[0] and key[1] < best[1]):
                best = key
    return set(best[1]) if best else set()


def _solve_highs(part: list[Option], limits: dict[str, Decimal]) -> set[str]:
    """The same choice as a mixed-integer programme: x_i ∈ {0,1} per option, one capped total per cap
    (t_c ≤ limit, t_c ≤ Σ expected), Σ x ≤ 1 per group, x_i ≤ x_j for a prerequisite. Loans and the item count
    weigh far less than a fen, so they only break ties in money."""
    n = len(part)
    index = {o.benefit_id: i for i, o in enumerate(part)}
    caps = sorted({o.cap for o in part if o.cap in limits})
    m = n + len(caps)
    scale = sum((o.expected for o in part), Decimal(0)) or Decimal(1)
    tiny = float(Decimal("0.001") / (scale * (n + 1)))
    objective = np.zeros(m)
    for i, o in enumerate(part):
        value = float(o.expected)
        if o.cap in limits:
            objective[i] = -tiny
        elif o.payout == "loan":
            objective[i] = -tiny * (1 + value)
        elif o.payout == "none":
            objective[i] = -tiny
        else:
            objective[i] = -(value + tiny)
    rows: list[np.ndarray] = []
    upper: list[float] = []
    for k, key in enumerate(caps):
        objective[n + k] = -1.0
        row = np.zeros(m)
        row[n + k] = 1.0
        for i, o in enumerate(part):
            if o.cap == key:
                row[i] = -float(o.expected)
        rows.append(row)
        upper.append(0.0)
    for members in {o.group for o in part if o.group}:
        row = np.zeros(m)
        for i, o in enumerate(part):
            if o.group == members:
                row[i] = 1.0
        rows.append(row)
        upper.append(1.0)
    for i, o in enumerate(part):
        for needed, _ in o.requires:
            row = np.zeros(m)
            row[i], row[index[needed]] = 1.0, -1.0
            rows.append(row)
            upper.append(0.0)
    matrix = np.array(rows).reshape(len(rows), m)
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = m, len(rows)
    lp.col_cost_ = objective  # minimized: the money is negated above
    lp.col_lower_ = np.zeros(m)
    lp.col_upper_ = np.concatenate([np.ones(n), [float(limits[k]) for k in caps]])
    lp.row_lower_ = np.full(len(rows), -highspy.kHighsInf)
    lp.row_upper_ = np.array(upper, dtype=float)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.concatenate([[0], np.cumsum((matrix != 0).sum(axis=0))]).astype(np.int32)
    lp.a_matrix_.index_ = np.concatenate([np.flatnonzero(matrix[:, j]) for j in range(m)]).astype(np.int32)
    lp.a_matrix_.value_ = np.concatenate([matrix[matrix[:, j] != 0, j] for j in range(m)])
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n + [highspy.HighsVarType.kContinuous] * len(caps)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.passModel(lp)
    h.run()
    x = np.asarray(h.getSolution().col_value, dtype=float)
    if x.size != m:
        return set()
    return {o.benefit_id for o, chosen in zip(part, x[:n], strict=True) if chosen > 0.5}
