"""Run the strategies side by side and report what each achieves and which constraints bind."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np

from policyreach.allocation.claims import FEN, Claims
from policyreach.allocation.optimum import SolverInfo, optimum
from policyreach.allocation.strategies import first_come_first_served, pro_rata

STRATEGY_ZH = {"fcfs": "先到先得", "pro_rata": "按比例核减", "optimum": "最优配置（HiGHS）"}


@dataclass
class Outcome:
    strategy: str
    paid: np.ndarray  # 分 per claim
    money_used: Decimal  # 元
    entities_reached: int
    claims_paid: int
    priority_coverage: float  # share of the priority claims' requested money that is paid
    objective: float  # Σ weight × paid (元)
    gini: float  # of the amounts received per claimant entity
    binding: list[str] = field(default_factory=list)
    solver: SolverInfo | None = None

    @property
    def label(self) -> str:
        return STRATEGY_ZH[self.strategy]


def violations(claims: Claims, paid: np.ndarray) -> list[str]:
    """Every broken rule, in Chinese; empty for a valid allocation."""
    found = []
    if (paid < 0).any() or (paid > claims.amount).any():
        found.append("金额超出申领额或为负")
    fixed_cut = ~claims.reducible & (paid > 0) & (paid != claims.amount)
    if fixed_cut.any():
        found.append(f"{int(fixed_cut.sum())} 项定额奖励被部分支付")
    spent = np.bincount(claims.fund, weights=paid, minlength=len(claims.budget))
    for f in np.flatnonzero(spent > claims.budget):
        found.append(f"资金 {claims.fund_ids[f]} 超出预算")
    if claims.cap is not None and claims.n:
        per_entity = np.bincount(claims.entity, weights=paid)
        if (per_entity > claims.cap).any():
            found.append("单个主体超出累计上限")
    grouped = (claims.group >= 0) & (paid > 0)
    if grouped.any() and np.bincount(claims.group[grouped]).max() > 1:
        found.append("同一主体在互斥组内获得多项")
    return found


def enforce(claims: Claims, paid: np.ndarray) -> np.ndarray:
    """Repair a solver answer that sits within floating tolerance of a bound: drop the least valuable."""
    paid = paid.copy()
    value = claims.weight * claims.amount
    for c in np.argsort(value):  # least valuable first
        if not violations(claims, paid):
            break
        if paid[c] > 0 and _in_violation(claims, paid, c):
            paid[c] = 0
    return paid


def _in_violation(claims: Claims, paid: np.ndarray, c: int) -> bool:
    spent = paid[claims.fund == claims.fund[c]].sum()
    if spent > claims.budget[claims.fund[c]]:
        return True
    if claims.cap is not None and paid[claims.entity == claims.entity[c]].sum() > claims.cap:
        return True
    return claims.group[c] >= 0 and int(((claims.group == claims.group[c]) & (paid > 0)).sum()) > 1


def measure(claims: Claims, strategy: str, paid: np.ndarray, solver: SolverInfo | None = None) -> Outcome:
    n_entities = int(claims.entity.max()) + 1 if claims.n else 0
    per_entity = np.bincount(claims.entity, weights=paid, minlength=n_entities)
    priority = claims.weight > 1
    asked = claims.amount[priority].sum()
    return Outcome(
        strategy=strategy,
        paid=paid,
        money_used=Decimal(int(paid.sum())) / FEN,
        entities_reached=int((per_entity > 0).sum()),
        claims_paid=int((paid > 0).sum()),
        priority_coverage=float(paid[priority].sum() / asked) if asked else 1.0,
        objective=float((claims.weight * paid).sum() / FEN),
        gini=gini(per_entity),
        binding=binding(claims, paid),
        solver=solver,
    )


def gini(values: np.ndarray) -> float:
    if values.size == 0 or values.sum() == 0:
        return 0.0
    v = np.sort(values.astype(float))
    n = v.size
    return float((2 * np.arange(1, n + 1) - n - 1) @ v / (n * v.sum()))


def binding(claims: Claims, paid: np.ndarray) -> list[str]:
    """Funds whose remainder cannot pay the smallest claim still unpaid (约束紧的资金)."""
    out = []
    left = claims.budget - np.bincount(claims.fund, weights=paid, minlength=len(claims.budget)).astype(np.int64)
    for f, fund_id in enumerate(claims.fund_ids):
        unpaid = (claims.fund == f) & (paid < claims.amount)
        if unpaid.any() and left[f] < claims.amount[unpaid].min():
            out.append(f"资金 {fund_id} 用尽（余 {Decimal(int(left[f])) / FEN} 元）")
    if claims.cap is not None:
        per_entity = np.bincount(claims.entity, weights=paid)
        capped = int((per_entity >= claims.cap).sum())
        if capped:
            out.append(f"{capped} 个主体达到累计上限")
    return out


def compare(claims: Claims, *, time_limit: float = 60.0, rel_gap: float = 1e-4) -> list[Outcome]:
    """fcfs, pro-rata and the optimum on the same claims; the optimum is never below the other two."""
    fcfs = measure(claims, "fcfs", first_come_first_served(claims))
    prorata = measure(claims, "pro_rata", pro_rata(claims))
    paid, info = optimum(claims, time_limit=time_limit, rel_gap=rel_gap)
    best = measure(claims, "optimum", enforce(claims, paid), info)
    for other in (fcfs, prorata):
        # within the solver's gap or a 分 of rounding a heuristic can tie or edge ahead: keep the better answer
        if other.objective > best.objective:
            best = measure(claims, "optimum", other.paid.copy(), info)
    return [fcfs, prorata, best]
