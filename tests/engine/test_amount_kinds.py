"""The amount kinds real policies need, construct by construct: every back end agrees with the reference.

分段累进 (``progressive``), per-unit amounts with a count cap (``per_unit``), a code → amount table (``lookup``),
floors beside caps and multi-year schedules are evaluated over random rows (missing and known-none values among
them) by the scalar closures, the Polars expressions and the reference interpreter (tests/engine/reference.py),
with no tolerance. The library-wide random parity (tests/engine/test_parity.py, tests/spark) mixes them with
everything else; here each construct is exercised on every row, so a wrong band edge cannot hide.
"""

from __future__ import annotations

from decimal import Decimal

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyreach.engine.columnar import to_polars
from policyreach.engine.frame import to_engine_expr
from policyreach.engine.scalar import compile_scalar
from policyreach.rules.absence import NONE
from policyreach.rules.binding import bind
from policyreach.rules.language import Env, parse_expression
from policyreach.rules.numbers import to_decimal
from policyreach.rules.types import Type
from tests.engine.reference import evaluate
from tests.engine.test_parity import AS_OF, COLUMNS, SCHEMA, _frame, decimals, values_by_type

SUBJECTS = ["a[last_year]", "b", "n", "(b - a[years_ago(2)])", "round(b, 1)"]
TEMPLATES = [
    "progressive({x}, [[0, 0.1], [100, 0.08], [500, 0.05]])",
    "progressive({x}, [[0, 0.1], [100, 0.08], [100.5, 0.05]])",
    "progressive({x}, [[20, 1], [21, 0.5]])",
    "progressive({x}, [[0, 0.333333], [7.5, 0.000001]])",
    "per_unit({x}, 2)",
    "per_unit({x}, 2, 10)",
    "per_unit({x}, 0.05, 1000.5)",
    "per_unit({x}, 3.333333, 7)",
    "min(progressive({x}, [[0, 0.1], [1000, 0.05]]), 50)",
    "max(per_unit({x}, 0.6, 10), 1)",
    # whole steps (每新增1亿元奖励10万元): a part of a step earns nothing, a step size finer than the 分 too
    "per_unit(steps({x}, 100), 10, 5)",
    "steps({x}, 0.35)",
    "steps({x}, 0.000001) + steps({x}, 7)",
    "lookup(s, {{'x': 500, 'y': 300.5, 'xa': 0}})",
    "lookup(s, {{'x': 500, 'y': 300}}, 20)",
    "lookup(n, {{0: 1, 1: 2.5, 2: 7}}) * {x}",
    "lookup(n, {{1: 1, 2: 1, 3: 0.6, 4: 0.6, 5: 0.6}})",
    # composed: bands over a capped count, a capped count of bands
    "progressive(per_unit({x}, 0.5, 300), [[0, 0.1], [50, 0.2]])",
    "per_unit(progressive({x}, [[10, 0.5]]), 2, 40.5)",
]
ROW = st.fixed_dictionaries({column: values_by_type[type_] for column, type_ in COLUMNS.items()}).map(dict)
SMALL = st.fixed_dictionaries(
    {
        **{column: values_by_type[type_] for column, type_ in COLUMNS.items()},
        "n": st.one_of(st.sampled_from([None, NONE]), st.integers(-2, 12)),
        "b": st.one_of(st.sampled_from([None, NONE, Decimal(100), Decimal(500)]), decimals),
    }
).map(dict)


def _scaled(value: object, type_: Type) -> int | None:
    """A value in the columnar back end's representation (decimals × 10**6)."""
    if value is None or value is NONE:
        return None
    if type_ == Type.DEC:
        return int(to_decimal(value).scaleb(6))  # type: ignore[arg-type]
    return int(value)  # type: ignore[call-overload]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    template=st.sampled_from(TEMPLATES),
    subject=st.sampled_from(SUBJECTS),
    population=st.lists(st.one_of(ROW, SMALL), min_size=1, max_size=30),
)
def test_each_amount_kind_agrees_on_every_back_end(template: str, subject: str, population: list[dict]) -> None:
    node = bind(parse_expression(template.format(x=subject), Env(SCHEMA)), AS_OF, {})
    scalar = compile_scalar(node)
    raw = _frame([(row, set(), "enterprise") for row in population])
    engine = [to_engine_expr(c, t, raw.schema[c]) for c, t in COLUMNS.items()]
    frame = raw.select(*engine, *(pl.col(f"{c}__none") for c in COLUMNS))
    columnar = frame.select(to_polars(node, absent=list(COLUMNS)).cast(pl.Int64).alias("v"))["v"].to_list()
    for row, got in zip(population, columnar, strict=True):
        want = evaluate(node, row)
        assert _scaled(scalar(row), node.type) == _scaled(want, node.type), (template, row)
        assert got == _scaled(want, node.type), (template, row)
        assert (scalar(row) is NONE) == (want is NONE)


def test_progressive_bands_by_hand() -> None:
    """0–100 万 at 10%, 100–500 at 8%, above at 5%: 1,200 万 gives 10 + 32 + 35 = 77 万."""
    node = bind(parse_expression("progressive(b, [[0, 0.1], [100, 0.08], [500, 0.05]])", Env(SCHEMA)), AS_OF, {})
    run = compile_scalar(node)
    assert run({"b": Decimal(1200)}) == Decimal(77)
    assert run({"b": Decimal(100)}) == Decimal(10)
    assert run({"b": Decimal(50)}) == Decimal(5)
    assert run({"b": Decimal(-5)}) == Decimal(0)
    assert run({"b": None}) is None


def test_whole_steps_by_hand() -> None:
    """每新增100万元奖励10万元，最多5档: 250 → 2 steps, 100 → 1, 99.999999 → 0, none below 0, capped at 5."""
    node = bind(parse_expression("per_unit(steps(b, 100), 10, 5)", Env(SCHEMA)), AS_OF, {})
    run = compile_scalar(node)
    got = [run({"b": Decimal(v)}) for v in ("250", "100", "99.999999", "-300", "5000")]
    assert got == [20, 10, 0, 0, 50]
    assert run({"b": None}) is None


def test_per_unit_and_lookup_by_hand() -> None:
    per = compile_scalar(bind(parse_expression("per_unit(n, 2, 10)", Env(SCHEMA)), AS_OF, {}))
    assert [per({"n": n}) for n in (0, 3, 10, 12, -1)] == [0, 6, 20, 20, 0]
    level = compile_scalar(bind(parse_expression("lookup(s, {'x': 500, 'y': 300})", Env(SCHEMA)), AS_OF, {}))
    assert [level({"s": s}) for s in ("x", "y", "z", None)] == [500, 300, 0, None]


def test_nested_bands_name_their_figure_a_bounded_number_of_times() -> None:
    """Bands within bands compile to an expression that names the figure twice per band and level (the exact
    half-up division reads its numerator twice), not eight times through min, max and the division: three levels
    of three bands must not become an expression Polars takes seconds to plan (the parity tests draw such trees)."""
    bands = "[[0, 0.1], [100, 0.08], [500, 0.05]]"
    text = "b"
    for _ in range(3):
        text = f"progressive({text}, {bands})"
    expr = to_polars(bind(parse_expression(text, Env(SCHEMA)), AS_OF, {}))
    assert str(expr).count('col("b")') <= (2 * 3) ** 3
    capped = to_polars(bind(parse_expression("per_unit(per_unit(n, 2, 10), 3, 7)", Env(SCHEMA)), AS_OF, {}))
    assert str(capped).count('col("n")') == 1
