"""The Spark back end gives exactly the Polars engine's answers: no tolerance anywhere.

Random libraries and populations with missing values (the strategies of tests/engine/test_parity.py),
compared expression by expression over every row and pair by pair with outcomes; the builtin size
class on odd industry codes. The sample library over a generated population: test_match_cli.py (local
mode) and test_standalone_cluster.py (a cluster); 100,000 entities in ``BENCH=spark``.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyspark.sql import DataFrame, SparkSession

from policyreach.engine.batch import BatchResult, match_population
from policyreach.engine.columnar import to_polars
from policyreach.engine.frame import prepare_frame
from policyreach.engine.spark import SparkSql, match_population_spark, prepare_spark_frame, to_spark
from policyreach.rules.ir import Node
from policyreach.rules.library import CompiledLibrary, Library, add_policy_file, compile_library
from policyreach.standards.enterprise_size import GROUPS, size_class_expr
from policyreach.standards.enterprise_size_spark import size_class_spark
from tests.engine.test_parity import AS_OF, COLUMNS, SCHEMA, _frame, _q, conditions_pool, entities, libraries, numbers

ROOT = Path(__file__).resolve().parents[2]
SLOW_OK = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
)
OUTPUT_TYPES = {
    "entity_id": pl.String,
    "benefit_id": pl.String,
    "status": pl.String,
    "degree": pl.Int32,
    "amount": pl.Decimal(18, 6),
    "provable": pl.Boolean,
    "outcomes": pl.List(pl.String),
}
HEADER = (
    "id: random\ntitle: 随机\nissuer: 局\nlevel: city\nregion: '220100'\nvalid_from: 2020-01-01\n"
    "source: 测试\nclauses: {'1': 第一条}\nparameters:\n  award: {label: 奖励, values: {2020-01-01: 20}}\n"
    "benefits:\n"
)


# -- helpers -------------------------------------------------------------------------------------


def _compile(policy: str) -> CompiledLibrary:
    library = Library(schema=SCHEMA)
    add_policy_file(library, "random.yaml", policy)
    return compile_library(library, AS_OF)


def _to_spark(spark: SparkSession, frame: pl.DataFrame) -> DataFrame:
    return spark.createDataFrame(frame.to_arrow())


def _collect(df: DataFrame) -> pl.DataFrame:
    return pl.from_arrow(df.toArrow())  # type: ignore[return-value]


def _assert_same_matches(result: BatchResult, got: pl.DataFrame, *, every: int = 1) -> None:
    """Same pairs with the same status, degree, amount and provable; outcomes of every ``every``-th pair."""
    assert dict(got.schema) == OUTPUT_TYPES
    keys = ["entity_id", "benefit_id"]
    want = result.frame().with_columns(pl.col("degree").cast(pl.Int32)).sort(keys)
    got = got.sort(keys)
    assert got.drop("outcomes").to_dicts() == want.to_dicts()
    index = {entity: i for i, entity in enumerate(result.entity_ids.to_list())}
    for row in got.gather_every(every).iter_rows(named=True):
        assert row["outcomes"] == result.outcomes(index[row["entity_id"]], row["benefit_id"]), row


# -- strategies ----------------------------------------------------------------------------------


@st.composite
def populations(draw: st.DrawFn) -> pl.DataFrame:
    """Entities with missing values, some columns or flags (or `kind`) absent, dates and decimals as text."""
    frame = _frame(draw(entities))
    optional = [*COLUMNS, *(f"{c}__verified" for c in COLUMNS), "kind"]
    frame = frame.drop(sorted(draw(st.sets(st.sampled_from(optional), max_size=3))))
    if "d" in frame.columns and draw(st.booleans()):
        frame = frame.with_columns(pl.col("d").dt.to_string("%Y-%m-%d"))
    if "b" in frame.columns and draw(st.booleans()):
        frame = frame.with_columns(pl.col("b").cast(pl.String))
    return frame


# divisions by powers of ten take a shortcut in the Spark compiler (10**7 does not); the others do not
_denominators = st.sampled_from(["10", "10000", "0.01", "1000000", "10000000", "3", "(-7)", "0.000001"])
spark_numbers = st.one_of(
    numbers,
    st.tuples(numbers, _denominators).map(lambda p: f"({p[0]} / {p[1]})"),
    st.tuples(numbers, st.integers(0, 6)).map(lambda p: f"round(({p[0]}) / 3, {p[1]})"),
    numbers.map(lambda x: f"({x} * 0.000001)"),
)


@st.composite
def expression_policies(draw: st.DrawFn) -> str:
    """One benefit per drawn condition and amount (in 万元 or 元, some capped)."""
    conditions = draw(st.lists(conditions_pool, min_size=1, max_size=6))
    amounts = draw(st.lists(spark_numbers, min_size=1, max_size=6))
    benefits = []
    for i in range(max(len(conditions), len(amounts))):
        unit = draw(st.sampled_from(["万元", "元"]))
        cap = draw(st.sampled_from(["", ", cap: 100", ", cap: 0.35"]))
        benefits.append(
            f"  - id: x{i}\n    title: 事项{i}\n    kind: subsidy\n    payout: cash\n    department: 局\n"
            f"    conditions:\n      - {{expr: {_q(conditions[i % len(conditions)])}, clause: '1'}}\n"
            f"    amount: {{formula: {_q(amounts[i % len(amounts)])}, unit: {unit}, clause: '1'{cap}}}\n"
            f"    application: {{department: 局, channel: 网}}\n"
        )
    return HEADER + "".join(benefits)


# -- expressions ---------------------------------------------------------------------------------


def _assert_same_values(
    spark: SparkSession, compiled: CompiledLibrary, frame: pl.DataFrame, nodes: list[Node], *, inline: bool = False
) -> None:
    """Each node over every row: Spark's value (BIGINT micro-units, boolean, ...) equals Polars'.

    Compiled with shared operands, as ``match_population_spark`` does, and with ``inline`` also
    self-contained (``to_spark``). Where Polars fails (an Int64 overflow in a strict cast), Spark
    must fail as well.
    """
    prepared = prepare_frame(frame, compiled).collect()
    expected: dict[int, list] = {}
    failing = []
    for i, node in enumerate(nodes):
        try:
            values = prepared.lazy().with_columns(to_polars(node).alias("v")).select("v").collect()
            expected[i] = values["v"].to_list()
        except pl.exceptions.PolarsError:
            failing.append(i)
    spark_frame = prepare_spark_frame(compiled, _to_spark(spark, frame))
    compiler = SparkSql(share=True)  # shared operands, as match_population_spark compiles them
    shared = {i: compiler.sql(nodes[i]) for i in expected}
    columns = [f"{sql} AS v{i}" for i, sql in shared.items()]
    got = _collect(compiler.columns(spark_frame).selectExpr("entity_id", *columns))
    assert got["entity_id"].to_list() == prepared["entity_id"].to_list()
    for i, values in expected.items():
        assert got[f"v{i}"].to_list() == values, nodes[i]
    if inline:
        alone = _collect(spark_frame.select(*[to_spark(nodes[i]).alias(f"v{i}") for i in expected]))
        assert alone.to_dict(as_series=False) == got.drop("entity_id").to_dict(as_series=False)
    for i in failing:
        failing_compiler = SparkSql(share=True)
        sql = failing_compiler.sql(nodes[i])
        with pytest.raises(Exception):  # noqa: B017 - any Spark error: ANSI overflow, cast
            failing_compiler.columns(spark_frame).selectExpr(sql).collect()


@settings(SLOW_OK, max_examples=8)
@given(policy=expression_policies(), frame=populations())
def test_every_condition_and_amount_has_polars_values_on_every_row(
    spark: SparkSession, policy: str, frame: pl.DataFrame
) -> None:
    compiled = _compile(policy)
    nodes = [*compiled.conditions, *(b.amount for b in compiled.benefits if b.amount is not None)]
    _assert_same_values(spark, compiled, frame, nodes)


EDGE_POLICY = HEADER + "".join(
    f"  - id: e{i}\n    title: 边界{i}\n    kind: subsidy\n    payout: cash\n    department: 局\n"
    f"    conditions:\n      - {{expr: {_q(cond)}, clause: '1'}}\n"
    f"    amount: {{formula: {_q(amount)}, clause: '1'}}\n    application: {{department: 局, channel: 网}}\n"
    for i, (cond, amount) in enumerate(
        [
            ("b in [1.5, 2]", "b / 2"),  # halves at the 6th place, both signs
            ("not f", "b * 0.5"),
            ("s not in ['x', 'z']", "round(b, 2)"),
            ("startswith(s, ['x', 'z'])", "round(b * 1000, 0)"),
            ("f or n > 3", "ratio(b, n)"),  # n = 0: unknown
            ("f and n > 3", "min(b, n)"),  # a null argument: unknown, not the other one
            ("years_since(d) >= 3", "max(b, a[last_year])"),
            ('d < date("2020-01-01")', "coalesce(a[last_year], b, 0)"),
            ("n in [1, 2, 3]", "tier(b, [[0, 5], [100, 12.5], [500, 30]])"),  # below the first band: 0
            ("b == 0.0000005 * 2", "a[last_year] / b"),  # divide by 0: unknown
            ("0 < n <= 100", "(b / 10000) + (b / 10000000)"),
        ]
    )
)


def _edge_frame() -> pl.DataFrame:
    tiny = Decimal("0.000001")
    values = [
        tiny,
        -tiny,
        Decimal("0.005"),
        Decimal("-0.005"),
        Decimal("0.0005"),
        Decimal("-0.0015"),
        Decimal(0),
        None,
        Decimal("1.5"),
        Decimal("-2.5"),
        Decimal("99.999999"),
        Decimal("-1234567.891234"),
    ]
    rows = len(values)
    return pl.DataFrame(
        {
            "entity_id": [f"e{i:02d}" for i in range(rows)],
            "kind": ["enterprise"] * rows,
            "a_2024": pl.Series(
                [Decimal(3), None, Decimal(-7), Decimal("0.000003")] * (rows // 4), dtype=pl.Decimal(18, 6)
            ),
            "b": pl.Series(values, dtype=pl.Decimal(18, 6)),
            "n": [0, 2, None, -3, 7, 1, 0, 5, None, 100, 3, -1],
            "f": [True, False, None] * (rows // 3),
            "s": ["x", "y", None, "z"] * (rows // 4),
            "d": [dt.date(2019, 6, 30), dt.date(2022, 7, 1), None, dt.date(2015, 1, 1)] * (rows // 4),
        }
    )


@pytest.mark.parametrize("ansi", ["true", "false"])
@pytest.mark.parametrize("precision_loss", ["true", "false"])
def test_edge_cases_whatever_the_session_says(spark: SparkSession, ansi: str, precision_loss: str) -> None:
    """Ties, zero denominators and nulls; the answers do not depend on ANSI mode or decimal precision rules."""
    confs = {"spark.sql.ansi.enabled": ansi, "spark.sql.decimalOperations.allowPrecisionLoss": precision_loss}
    before = {key: spark.conf.get(key) for key in confs}
    try:
        for key, value in confs.items():
            spark.conf.set(key, value)
        compiled = _compile(EDGE_POLICY)
        nodes = [*compiled.conditions, *(b.amount for b in compiled.benefits if b.amount is not None)]
        _assert_same_values(spark, compiled, _edge_frame(), nodes, inline=True)
        result = match_population(compiled, _edge_frame(), min_degree=0, include_partial=True)
        _assert_same_matches(
            result,
            _collect(
                match_population_spark(compiled, _to_spark(spark, _edge_frame()), min_degree=0, include_partial=True)
            ),
        )
    finally:
        for key, value in before.items():
            spark.conf.set(key, value)


KINDS_POLICY = HEADER + "".join(
    f"  - id: k{i}\n    title: 金额{i}\n    kind: subsidy\n    payout: cash\n    department: 局\n"
    f"    conditions:\n      - {{expr: {_q(cond)}, clause: '1'}}\n"
    f"    amount: {{formula: {_q(amount)}, clause: '1'{extra}}}\n    application: {{department: 局, channel: 网}}\n"
    for i, (cond, amount, extra) in enumerate(
        [
            ("n in [1, 2, 3]", "progressive(b, [[0, 0.1], [1, 0.08], [2.5, 0.05]])", ", floor: 0.2"),
            ("f or n > 3", "per_unit(n, 2.5, 3)", ", cap: 5"),
            ("s in SET", "max(lookup(s, {'x': 500, 'y': 300.5}), per_unit(b, 0.333333, 1.5))", ""),
            ("n != 0", "b * 0.35", ", schedule: [1, 1, 0.6, 0.6, 0.6], period_year: n"),
            ("b > 0", "lookup(n, {1: 1, 2: 0.6, 5: 0.000001}) * b", ", unit: 元, cap: 3, floor: 0.5"),
            # another benefit's amount (上浮50% of k0's standard, its floor included; k4's, written in 元, read in 万元)
            ("f", "award('k0') * 0.5 + award('k4')", ""),
            # whole steps (每新增1亿元奖励10万元), from a decimal and from a count
            ("b > 0", "per_unit(steps(b, 0.35), 10, 5) + steps(n, 2)", ""),
        ]
    )
)


def test_amount_kinds_agree_with_polars(spark: SparkSession) -> None:
    """分段累进, per unit with a count cap, code → amount, floors, a schedule's year, another benefit's amount
    (award) and whole steps on the edge rows."""
    compiled = _compile(KINDS_POLICY)
    nodes = [b.amount for b in compiled.benefits if b.amount is not None]
    _assert_same_values(spark, compiled, _edge_frame(), nodes, inline=True)
    result = match_population(compiled, _edge_frame(), min_degree=0, include_partial=True)
    spark_frame = _to_spark(spark, _edge_frame())
    _assert_same_matches(
        result, _collect(match_population_spark(compiled, spark_frame, min_degree=0, include_partial=True))
    )


LARGE_POLICY = HEADER + "".join(
    f"  - id: l{i}\n    title: 大数{i}\n    kind: subsidy\n    payout: cash\n    department: 局\n"
    f"    conditions:\n      - {{expr: {_q(cond)}, clause: '1'}}\n"
    f"    amount: {{formula: {_q(amount)}, clause: '1'}}\n    application: {{department: 局, channel: 网}}\n"
    for i, (cond, amount) in enumerate(
        [
            ("b > 0", "b * 3.5"),  # the product of micro-units passes BIGINT: computed exactly
            ("b < 0", "b * (-0.35)"),
            ("n > 0", "a[last_year] / b"),  # a × 10**6 passes BIGINT
            ("f", "b / 3"),
            ("not f", "b / (-7)"),  # |b| × 10**6 either side of 2**62, where the quotient stops taking BIGINT
            ("s == 'x'", "ratio(b, n)"),
            ("n == 0", "round(b * 0.35, 2)"),
            ("n != 0", "a[last_year] / n"),
            ("b >= 1.5", "min(b * 2, a[last_year])"),
            ("n >= 3", "(b / 7) / 3"),
        ]
    )
)


@pytest.mark.parametrize("ansi", ["true", "false"])
def test_large_values_leave_the_bigint_path_exactly(spark: SparkSession, ansi: str) -> None:
    """Products and quotients past BIGINT (or past 2**62) take the exact DECIMAL(38, 0) path: same answers."""
    billions = [
        Decimal(2 * 10**11),
        Decimal(-2 * 10**11),
        Decimal("4611686.018427"),
        Decimal("4611686.018428"),
        Decimal("-4611686.018428"),
        Decimal("1.5"),
        Decimal("-0.5"),
        None,
    ]
    frame = pl.DataFrame(
        {
            "entity_id": [f"l{i}" for i in range(len(billions))],
            "kind": ["enterprise"] * len(billions),
            "a_2024": pl.Series(
                [
                    Decimal(9 * 10**11),
                    Decimal(-9 * 10**11),
                    Decimal(3),
                    Decimal(7),
                    Decimal("0.000001"),
                    None,
                    Decimal(10**11),
                    Decimal(-1),
                ],
                dtype=pl.Decimal(38, 6),
            ),
            "b": pl.Series(billions, dtype=pl.Decimal(38, 6)),
            "n": [3, -7, 0, 1, 2, None, 1_000_000, 7],
            "f": [True, False, None, True, False, None, True, False],
            "s": ["x", "y", None, "x", "x", "z", "x", None],
        }
    )
    before = spark.conf.get("spark.sql.ansi.enabled")
    spark.conf.set("spark.sql.ansi.enabled", ansi)
    try:
        compiled = _compile(LARGE_POLICY)
        nodes = [b.amount for b in compiled.benefits if b.amount is not None]
        _assert_same_values(spark, compiled, frame, nodes, inline=True)
        result = match_population(compiled, frame, min_degree=0, include_partial=True)
        _assert_same_matches(
            result,
            _collect(match_population_spark(compiled, _to_spark(spark, frame), min_degree=0, include_partial=True)),
        )
    finally:
        spark.conf.set("spark.sql.ansi.enabled", before)


# -- whole matches -------------------------------------------------------------------------------


@settings(SLOW_OK, max_examples=8)
@given(policy=libraries(), frame=populations(), keep=st.sampled_from([(50, False), (0, True), (30, True), (80, True)]))
def test_matches_agree_with_polars(
    spark: SparkSession, policy: str, frame: pl.DataFrame, keep: tuple[int, bool]
) -> None:
    compiled = _compile(policy)
    min_degree, include_partial = keep
    result = match_population(compiled, frame, min_degree=min_degree, include_partial=include_partial)
    got = match_population_spark(
        compiled, _to_spark(spark, frame), min_degree=min_degree, include_partial=include_partial
    )
    _assert_same_matches(result, _collect(got))


def test_no_python_udf_in_the_plan(spark: SparkSession) -> None:
    compiled = _compile(EDGE_POLICY)
    plan = match_population_spark(compiled, _to_spark(spark, _edge_frame()))._jdf.queryExecution().toString()
    assert not any(word in plan for word in ("PythonUDF", "BatchEvalPython", "ArrowEvalPython", "PythonEval"))


# -- builtin derivation --------------------------------------------------------------------------


ODD_CODES = [
    "C36",
    "36",
    "c36",
    "CC36",
    "C3",
    "3",
    "03",
    "+3",
    "-1",
    "C-1",
    "-9",
    " 36",
    "36 ",
    "３6",
    "C",
    "",
    "K7020",
    "7020",
    "K70201",
    "K7010",
    "J66",
    "S91",
    "G53",
    "A01",
    "E47",
    "L72",
    "M73",
    "36x",
    "+",
    None,
]


def test_size_class_on_odd_codes_agrees_with_polars(spark: SparkSession) -> None:
    bounds = sorted({b for g in GROUPS.values() for bs in g.bounds.values() for b in bs})
    people = [None, 0, *bounds, 5000]
    money = [None, Decimal(0), *(Decimal(b) - d for b in bounds for d in (Decimal(0), Decimal("0.01")))]
    rng = random.Random(20260601)
    rows = [(code, rng.choice(people), rng.choice(money), rng.choice(money)) for code in ODD_CODES for _ in range(60)]
    frame = pl.DataFrame(
        {
            "industry": [r[0] for r in rows],
            "employees": [r[1] for r in rows],
            "revenue": [None if r[2] is None else int(r[2] * 10**6) for r in rows],
            "assets": [None if r[3] is None else int(r[3] * 10**6) for r in rows],
        },
        schema={"industry": pl.String, "employees": pl.Int64, "revenue": pl.Int64, "assets": pl.Int64},
    )
    want = frame.select(size_class_expr(*[pl.col(c) for c in frame.columns]).alias("s"))["s"].to_list()
    df = _to_spark(spark, frame)
    got = _collect(df.select(size_class_spark(*[df[c] for c in frame.columns]).alias("s")))["s"].to_list()
    assert got == want
    assert {"大", "中", "小", "微", None} <= set(want)
