"""Two strategies officers use today: first come first served, and 按比例核减 (pro-rata reduction).

Each returns the amount paid per claim in 分. Fixed awards are all or nothing; only reducible
claims may be cut. Neither ever exceeds a fund's budget, an entity cap or an exclusive group.
"""

from __future__ import annotations

import numpy as np

from policyreach.allocation.claims import Claims


class _Ledger:
    """Remaining budget per fund, remaining cap per entity, and the exclusive groups already taken."""

    def __init__(self, claims: Claims) -> None:
        self.fund_left = claims.budget.copy()
        n_entities = int(claims.entity.max()) + 1 if claims.n else 0
        self.cap_left = np.full(n_entities, claims.cap if claims.cap is not None else np.iinfo(np.int64).max)
        self.taken: set[int] = set()
        self.claims = claims

    def room(self, c: int) -> int:
        claims = self.claims
        if claims.group[c] >= 0 and claims.group[c] in self.taken:
            return 0
        return int(min(self.fund_left[claims.fund[c]], self.cap_left[claims.entity[c]]))

    def pay(self, c: int, amount: int) -> int:
        if amount <= 0:
            return 0
        claims = self.claims
        self.fund_left[claims.fund[c]] -= amount
        self.cap_left[claims.entity[c]] -= amount
        if claims.group[c] >= 0:
            self.taken.add(int(claims.group[c]))
        return amount


def first_come_first_served(claims: Claims) -> np.ndarray:
    """Claims in arrival order; a reducible claim takes what is left, a fixed one only if it fits whole."""
    paid = np.zeros(claims.n, dtype=np.int64)
    ledger = _Ledger(claims)
    for c in claims.order:
        room = ledger.room(c)
        want = int(claims.amount[c])
        if want <= room:
            paid[c] = ledger.pay(c, want)
        elif claims.reducible[c]:
            paid[c] = ledger.pay(c, room)
    return paid


def pro_rata(claims: Claims) -> np.ndarray:
    """按比例核减: fixed awards in arrival order, then one common ratio per fund for reducible claims.

    Exclusive groups keep the claimant's largest claim (就高不重复); entity caps clip reducible
    claims first and drop fixed ones that no longer fit.
    """
    keep = _largest_per_group(claims)
    want = np.where(keep, claims.amount, 0)
    want = _clip_to_entity_caps(claims, want)
    paid = np.zeros(claims.n, dtype=np.int64)
    for f in range(len(claims.budget)):
        in_fund = claims.fund == f
        left = int(claims.budget[f])
        for c in claims.order[(in_fund & ~claims.reducible)[claims.order]]:
            if 0 < want[c] <= left:
                paid[c] = want[c]
                left -= int(want[c])
        cut = in_fund & claims.reducible & (want > 0)
        total = int(want[cut].sum())
        if total:
            # floor of amount × left / total, in integers: the sum never exceeds what is left
            paid[cut] = want[cut] if total <= left else (want[cut] * left) // total
    return paid


def _largest_per_group(claims: Claims) -> np.ndarray:
    keep = claims.group < 0
    grouped = np.flatnonzero(~keep)
    if grouped.size:
        # largest amount first, earliest arrival on ties
        rank = np.empty(claims.n, dtype=np.int64)
        rank[claims.order] = np.arange(claims.n)
        idx = grouped[np.lexsort((rank[grouped], -claims.amount[grouped], claims.group[grouped]))]
        first = np.ones(idx.size, dtype=bool)
        first[1:] = claims.group[idx[1:]] != claims.group[idx[:-1]]
        keep[idx[first]] = True
    return keep


def _clip_to_entity_caps(claims: Claims, want: np.ndarray) -> np.ndarray:
    if claims.cap is None:
        return want
    out = want.copy()
    left: dict[int, int] = {}
    for c in claims.order:
        room = left.setdefault(int(claims.entity[c]), claims.cap)
        take = min(int(out[c]), room) if claims.reducible[c] else (int(out[c]) if out[c] <= room else 0)
        out[c] = take
        left[int(claims.entity[c])] = room - take
    return out
