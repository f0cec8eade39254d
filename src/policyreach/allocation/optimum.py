"""The optimum: a mixed-integer programme solved by HiGHS (highspy).

maximise   Σ w_c · a_c · x_c                       (declared priority × amount paid)
subject to Σ_{c in fund f} a_c · x_c ≤ B_f          every fund
           Σ_{c of entity e} a_c · x_c ≤ cap        every entity whose claims exceed the cap
           Σ_{c in group g} s_c ≤ 1                 every exclusive group of one entity
           x_c ∈ {0, 1} for fixed awards; x_c ∈ [0, 1], x_c ≤ s_c ∈ {0, 1} for reducible ones
Money is in 元 for the solver (well-scaled); the answer is turned back into whole 分 by flooring,
which can only lower a sum, so every constraint still holds exactly.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import highspy
import numpy as np

from policyreach.allocation.claims import FEN, Claims


@dataclass(frozen=True)
class SolverInfo:
    seconds: float
    gap: float  # relative MIP gap at the end (0 = proven optimal)
    status: str
    objective: float
    columns: int
    rows: int


def optimum(claims: Claims, *, time_limit: float = 60.0, rel_gap: float = 1e-4) -> tuple[np.ndarray, SolverInfo]:
    a = claims.amount / FEN
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    upper: list[float] = []

    def add_row(members: np.ndarray, coef: np.ndarray, bound: float) -> None:
        r = len(upper)
        rows.append(np.full(members.size, r))
        cols.append(members)
        vals.append(coef)
        upper.append(bound)

    for f in range(len(claims.budget)):
        members = np.flatnonzero(claims.fund == f)
        add_row(members, a[members], claims.budget[f] / FEN)
    if claims.cap is not None:
        totals = np.bincount(claims.entity, weights=claims.amount)
        for e in np.flatnonzero(totals > claims.cap):
            members = np.flatnonzero(claims.entity == e)
            add_row(members, a[members], claims.cap / FEN)
    n_cols = claims.n
    grouped = claims.group >= 0
    sizes = np.bincount(claims.group[grouped]) if grouped.any() else np.zeros(0, dtype=np.int64)
    shared = grouped & (sizes[np.where(grouped, claims.group, 0)] > 1 if sizes.size else False)
    selector = np.arange(claims.n)
    reducible_shared = np.flatnonzero(shared & claims.reducible)
    selector[reducible_shared] = n_cols + np.arange(reducible_shared.size)  # s_c for reducible members
    n_cols += reducible_shared.size
    for c, s in zip(reducible_shared, selector[reducible_shared], strict=True):
        add_row(np.array([c, s]), np.array([1.0, -1.0]), 0.0)
    for g in np.flatnonzero(sizes > 1):
        members = np.flatnonzero(claims.group == g)
        add_row(selector[members], np.ones(members.size), 1.0)

    integer = np.ones(n_cols, dtype=bool)
    integer[: claims.n] = ~claims.reducible
    cost = np.zeros(n_cols)
    cost[: claims.n] = claims.weight * a
    start = time.perf_counter()
    x, info = _solve(
        cost,
        integer,
        np.concatenate(rows) if rows else np.zeros(0, int),
        np.concatenate(cols) if cols else np.zeros(0, int),
        np.concatenate(vals) if vals else np.zeros(0),
        np.array(upper),
        time_limit,
        rel_gap,
    )
    seconds = time.perf_counter() - start
    x = x[: claims.n]
    paid = np.where(
        claims.reducible,
        np.floor(claims.amount * np.clip(x, 0, 1) + 1e-6).astype(np.int64),
        np.where(x > 0.5, claims.amount, 0),
    )
    return paid, SolverInfo(seconds, info[0], info[1], info[2], n_cols, len(upper))


def _solve(
    cost: np.ndarray,
    integer: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    vals: np.ndarray,
    upper: np.ndarray,
    time_limit: float,
    rel_gap: float,
) -> tuple[np.ndarray, tuple[float, str, float]]:
    n_cols, n_rows = cost.size, upper.size
    order = np.lexsort((rows, cols))
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n_cols, n_rows
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = cost
    lp.col_lower_ = np.zeros(n_cols)
    lp.col_upper_ = np.ones(n_cols)
    lp.row_lower_ = np.full(n_rows, -highspy.kHighsInf)
    lp.row_upper_ = upper
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.concatenate([[0], np.cumsum(np.bincount(cols, minlength=n_cols))]).astype(np.int32)
    lp.a_matrix_.index_ = rows[order].astype(np.int32)
    lp.a_matrix_.value_ = vals[order]
    lp.integrality_ = [highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous for i in integer]
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", float(rel_gap))
    h.setOptionValue("threads", 1)
    h.passModel(lp)
    h.run()
    info = h.getInfo()
    status = h.modelStatusToString(h.getModelStatus())
    x = np.asarray(h.getSolution().col_value, dtype=float)
    if x.size != n_cols:  # no feasible point found in time: pay nothing rather than guess
        x = np.zeros(n_cols)
    gap = float(info.mip_gap) if integer.any() else 0.0
    return x, (gap if np.isfinite(gap) else float("inf"), status, float(info.objective_function_value))
