"""Allocation: no strategy breaks a rule; the solver's optimum equals a brute-force optimum."""

from __future__ import annotations

import itertools
from decimal import Decimal

import numpy as np
import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from policyreach.allocation import Claims, Fund, Priority, compare
from policyreach.allocation.optimum import optimum
from policyreach.allocation.report import gini, violations
from policyreach.allocation.strategies import first_come_first_served, pro_rata


@st.composite
def problems(draw, max_claims: int = 14, reducible: bool = True) -> Claims:
    n = draw(st.integers(1, max_claims))
    n_entities = draw(st.integers(1, max(1, n // 2 + 1)))
    rows = {
        "claim_id": [f"c{i}" for i in range(n)],
        "entity_id": [f"e{draw(st.integers(0, n_entities - 1))}" for _ in range(n)],
        "benefit_id": [f"b{draw(st.integers(0, 4))}" for _ in range(n)],
        "fund": [draw(st.sampled_from(["F1", "F2"])) for _ in range(n)],
        "amount": [Decimal(draw(st.integers(1, 5000))) / 10 for _ in range(n)],
        "reducible": [reducible and draw(st.booleans()) for _ in range(n)],
        "exclusive_group": [draw(st.sampled_from([None, None, "g1", "g2"])) for _ in range(n)],
        "order": draw(st.permutations(list(range(n)))),
        "size_class": [draw(st.sampled_from(["大", "中", "小", "微"])) for _ in range(n)],
    }
    funds = {f: Fund(f, Decimal(draw(st.integers(0, 800)))) for f in ("F1", "F2")}
    cap = draw(st.sampled_from([None, Decimal(150), Decimal(400)]))
    frame = pl.DataFrame(rows, schema_overrides={"amount": pl.Decimal(18, 2)})
    return Claims(frame, funds, entity_cap=cap, priority=Priority(size_class={"小": 1.5, "微": 2.0}))


@settings(max_examples=120, deadline=None)
@given(problems())
def test_no_strategy_breaks_a_rule_and_the_optimum_is_best(claims: Claims) -> None:
    outcomes = compare(claims, rel_gap=0.0)
    for outcome in outcomes:
        assert violations(claims, outcome.paid) == [], outcome.strategy
    fcfs, prorata, best = outcomes
    assert best.objective >= fcfs.objective - 1e-9 and best.objective >= prorata.objective - 1e-9


def _brute_force(claims: Claims) -> float:
    best = 0.0
    for chosen in itertools.product((0, 1), repeat=claims.n):
        paid = np.where(np.array(chosen, dtype=bool), claims.amount, 0)
        if not violations(claims, paid):
            best = max(best, float((claims.weight * paid).sum()))
    return best / 100


@settings(max_examples=40, deadline=None)
@given(problems(max_claims=12, reducible=False))
def test_solver_matches_brute_force_on_fixed_awards(claims: Claims) -> None:
    paid, info = optimum(claims, rel_gap=0.0)
    assert violations(claims, paid) == []
    assert info.gap <= 1e-9
    assert abs(float((claims.weight * paid).sum()) / 100 - _brute_force(claims)) < 1e-6


def _claims(amounts: list[int], budget: int, reducible: list[bool], **extra) -> Claims:
    frame = pl.DataFrame(
        {
            "claim_id": [f"c{i}" for i in range(len(amounts))],
            "entity_id": extra.pop("entities", [f"e{i}" for i in range(len(amounts))]),
            "benefit_id": ["b"] * len(amounts),
            "fund": ["F"] * len(amounts),
            "amount": [Decimal(a) for a in amounts],
            "reducible": reducible,
            **extra,
        },
        schema_overrides={"amount": pl.Decimal(18, 2)},
    )
    return Claims(frame, {"F": Fund("F", Decimal(budget))})


def test_fixed_awards_are_all_or_nothing() -> None:
    claims = _claims([60, 60, 60], 100, [False, False, False])
    assert first_come_first_served(claims).tolist() == [6000, 0, 0]
    assert pro_rata(claims).tolist() == [6000, 0, 0]


def test_pro_rata_cuts_only_reducible_claims_by_one_ratio() -> None:
    claims = _claims([40, 100, 50], 100, [False, True, True])
    paid = pro_rata(claims)
    assert paid[0] == 4000  # the fixed award is whole
    assert paid[1] == 4000 and paid[2] == 2000  # 60 left for 150 asked: 40% each


def test_fcfs_follows_arrival_order_and_groups() -> None:
    claims = _claims(
        [30, 50, 40],
        100,
        [False, False, False],
        entities=["e1", "e1", "e2"],
        exclusive_group=["g", "g", None],
        order=[2, 0, 1],
    )
    # arrival: c1 (e1, g) then c2 then c0 (e1, g again: excluded)
    assert first_come_first_served(claims).tolist() == [0, 5000, 4000]


def test_optimum_prefers_declared_priority() -> None:
    frame = pl.DataFrame(
        {
            "claim_id": ["big", "micro"],
            "entity_id": ["e1", "e2"],
            "benefit_id": ["b", "b"],
            "fund": ["F", "F"],
            "amount": [Decimal(100), Decimal(80)],
            "reducible": [False, False],
            "size_class": ["大", "微"],
        },
        schema_overrides={"amount": pl.Decimal(18, 2)},
    )
    claims = Claims(frame, {"F": Fund("F", Decimal(100))}, priority=Priority(size_class={"微": 2.0}))
    fcfs, _, best = compare(claims)
    assert fcfs.paid.tolist() == [10000, 0]
    assert best.paid.tolist() == [0, 8000] and best.priority_coverage == 1.0
    assert "资金 F 用尽" in best.binding[0]


def test_gini() -> None:
    assert gini(np.array([5, 5, 5])) == 0.0
    assert abs(gini(np.array([0, 0, 10])) - 2 / 3) < 1e-12


def test_claims_from_a_simulation(tmp_path, fixture_library, fixture_schema) -> None:
    import datetime as dt

    from policyreach.allocation.plan import claims_from_simulation, load_plan
    from policyreach.population.generate import generate
    from policyreach.rules.library import compile_library
    from policyreach.simulation.reform import Reform, apply_reform
    from policyreach.simulation.simulate import simulate
    from tests.conftest import FIXTURES

    generate(1500, 3, tmp_path / "p.parquet", as_of_year=2025)
    change = {"edit": "test-rd-subsidy", "fund": "rd", "reducible": True}
    reform = Reform(id="fund", title="研发资金", benefits=[change])
    funded = apply_reform([FIXTURES / "library"], fixture_schema, reform)

    sim = simulate(compile_library(funded, dt.date(2025, 6, 1)), pl.read_parquet(tmp_path / "p.parquet"))
    (tmp_path / "funds.yaml").write_text(
        "funds:\n  rd: {name: 研发资金, budget: 1000000}\npriority: {size_class: {微: 2}}\n", encoding="utf-8"
    )
    claims = claims_from_simulation(sim, load_plan(tmp_path / "funds.yaml"))
    rd = sim.benefits.filter(pl.col("benefit_id") == "test-rd-subsidy").row(0, named=True)
    assert claims.n == rd["eligible"] > 0 and claims.reducible.all()
    assert Decimal(int(claims.amount.sum())) / 100 == rd["eligible_amount"] * 10_000
    for outcome in compare(claims):
        assert violations(claims, outcome.paid) == [] and outcome.money_used <= Decimal(1_000_000)
