"""The int64 amount evaluator (``batch._NativeAmounts``) computes what the Polars expressions compute, digit for digit.

Every row of a small frame holds the cases a quotient must get right: zero and negative denominators, halves that
round away from zero, unknown operands. A shape the evaluator does not cover must say so (and go to Polars), never
answer differently.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import polars as pl
import pytest

from policyreach.engine.batch import _NativeAmounts, _Uncovered
from policyreach.engine.columnar import to_polars
from policyreach.engine.frame import to_engine_expr
from policyreach.rules.binding import bind
from policyreach.rules.language import Env, parse_expression
from tests.engine.test_parity import AS_OF, COLUMNS, SCHEMA

FORMULAS = [
    "b / n",
    "ratio(b, a[last_year])",
    "ratio(n, a[last_year]) * 100",
    "min(b * 1000 / 10000, 50)",
    "(b - a[last_year]) * 0.15",
    "a[last_year] + n",
    "n - 3",
    "b / 3",
    "min((b - a[years_ago(2)]) * 0.01, 50)",
    "b * 0.1 * (0.25 - 0.15)",
    # the kernel keeps a constant one scalar until an op needs it row by row
    "min(b, 1000 / 3)",
    "max(n, 2, 0.5) * 2.5",
]
# … and a constant result (alone, or unknown through a zero divisor, also beside a column) until the end
CONSTANT_FORMULAS = ["min(7, 1000 / 3)", "7 / (2 - 2) + 1", "b / (3 - 3)", "ratio(1, 0) + b", "2.5 * 4"]
B = [*(Decimal(x) for x in ("1", "-1", "0.5", "2.5", "-2.5", "7", "1999.999")), None]
A = [Decimal("2"), Decimal("0"), Decimal("-3"), Decimal("0.000003"), Decimal("1500.5"), None]
N = [0, 2, -4, 3, 600, None]


@pytest.fixture(scope="module")
def frame() -> pl.DataFrame:
    rows = [(b, a, n) for b in B for a in A for n in N]
    raw = pl.DataFrame(
        {
            "b": pl.Series([r[0] for r in rows], dtype=pl.Decimal(18, 6)),
            "a_2024": pl.Series([r[1] for r in rows], dtype=pl.Decimal(18, 6)),
            "a_2023": pl.Series([r[1] for r in reversed(rows)], dtype=pl.Decimal(18, 6)),
            "n": pl.Series([r[2] for r in rows], dtype=pl.Int64),
        }
    )
    return raw.select(to_engine_expr(c, COLUMNS[c], raw.schema[c]) for c in raw.columns)


@pytest.mark.parametrize("formula", FORMULAS)
def test_native_amounts_equal_the_polars_expressions(formula: str, frame: pl.DataFrame) -> None:
    node = bind(parse_expression(formula, Env(SCHEMA)), AS_OF, {})
    want = frame.select(to_polars(node).cast(pl.Int64).alias("v"))["v"]
    if node.type.value == "integer":
        want = want * 10**6
    rows = np.arange(frame.height)
    try:
        values, known = _NativeAmounts(frame).evaluate(node, rows)
    except _Uncovered:
        pytest.fail(f"{formula} is a shape the evaluator covers")
    if node.type.value == "integer":
        values = values * 10**6
    assert known.tolist() == want.is_not_null().to_list(), formula
    assert values[known].tolist() == want.drop_nulls().to_list(), formula
    assert want.is_null().any() and want.is_not_null().any()  # both unknown and computed amounts were compared


@pytest.mark.parametrize("formula", CONSTANT_FORMULAS)
def test_constant_amounts_equal_the_polars_expressions(formula: str, frame: pl.DataFrame) -> None:
    node = bind(parse_expression(formula, Env(SCHEMA)), AS_OF, {})
    want = frame.with_columns(v=to_polars(node).cast(pl.Int64))["v"]  # a constant spread over the rows
    values, known = _NativeAmounts(frame).evaluate(node, np.arange(frame.height))
    if node.type.value == "integer":
        values, want = values * 10**6, want * 10**6
    assert known.tolist() == want.is_not_null().to_list(), formula
    assert values[known].tolist() == want.drop_nulls().to_list(), formula


def test_a_quotient_beyond_int64_is_left_to_polars(frame: pl.DataFrame) -> None:
    node = bind(parse_expression("b / 0.000001", Env(SCHEMA)), AS_OF, {})  # b·10^12 before the division
    big = frame.with_columns(pl.lit(10**17, dtype=pl.Int64).alias("b"))
    with pytest.raises(_Uncovered):
        _NativeAmounts(big).evaluate(node, np.arange(big.height))


BIG_FORMULAS = ["b * 0.5", "b * 0.123457", "min(b * 0.05, 100000)", "a[last_year] / 7", "(b - a[years_ago(2)]) * 0.3"]


@pytest.mark.parametrize("formula", BIG_FORMULAS)
def test_large_products_round_like_the_polars_expressions(formula: str) -> None:
    """Revenues of up to 2 · 10^6 万元: a product's rounding numerator 2|x · rate| + 10^6 reaches 2 · 10^18, far
    above 2^52, where ``native._floordiv`` takes its float quotient with the remainder's correction; odd µ times
    0.5 are exact halves, which round away from zero."""
    rng = np.random.default_rng(26)
    size = 20_000
    micro = np.concatenate([rng.integers(-2 * 10**12, 2 * 10**12, size), 2 * rng.integers(-(10**12), 10**12, 50) + 1])
    raw = pl.DataFrame(
        {
            "b": pl.Series([Decimal(int(v)).scaleb(-6) for v in micro], dtype=pl.Decimal(18, 6)),
            "a_2024": pl.Series([Decimal(int(v)).scaleb(-6) for v in micro[::-1]], dtype=pl.Decimal(18, 6)),
            "a_2023": pl.Series([Decimal(int(v)).scaleb(-6) for v in np.roll(micro, 7)], dtype=pl.Decimal(18, 6)),
        }
    )
    frame = raw.select(to_engine_expr(c, COLUMNS[c], raw.schema[c]) for c in raw.columns)
    node = bind(parse_expression(formula, Env(SCHEMA)), AS_OF, {})
    want = frame.select(to_polars(node).cast(pl.Int64).alias("v"))["v"]
    values, known = _NativeAmounts(frame).evaluate(node, np.arange(frame.height))
    assert known.all() and want.is_not_null().all()
    assert values.tolist() == want.to_list(), formula
    assert np.abs(want.to_numpy()).max() > 2**52 // 10**6  # the numerators were above 2^52


@pytest.mark.parametrize("constant_first", [False, True])
def test_a_column_times_a_constant_in_vector_code_equals_a_mul_row_by_row(constant_first: bool) -> None:
    """``native._mul_constant`` multiplies a chunk's rows by a constant without branches and leaves the rows the
    floats cannot settle to ``_a_mul`` itself: products near 2^61, quotients past 2^51 (the integer division), a
    product × a near the range. Every row must be ``_a_mul``'s, the chunk False exactly where a row leaves the
    range; ``min`` / ``max`` against a constant keep the known of both. Either operand order (rate × x copies)."""
    from policyreach.engine import native

    rng = np.random.default_rng(10)
    m = native.AMOUNT_CHUNK
    cases = [(150_000, 1, 10**6), (-3, 1, 10**6), (2**33 + 1, 1, 2), (7, 1000, 1), (-(2**31), 3, 1), (5, 1, 3)]
    seen_hard = seen_failed = 0
    for c, a, b in cases:
        near = (2**61) // abs(c)  # products about 2^61: the floats cannot tell if the range is left
        lanes = np.concatenate(
            [
                rng.integers(-(10**12), 10**12, m // 2),
                [0, 1, -1, near - 1, near, near + 1, -near, 2 * near, 2**62 // abs(c) + 1, 2**52, -(2**52) - 1],
            ]
        )
        for trial in range(3):  # with the rows that leave the range, without them, and without any hard row
            xs = rng.choice(lanes, m).astype(np.int64)
            if trial >= 1:
                xs = np.resize(xs[[native._a_mul(x, c, a, b)[0] for x in xs]], m)
            if trial == 2:
                xs = xs[np.abs(xs.astype(np.float64)) * abs(c) < 2.0**40]
                xs = np.resize(xs, m)
            known = rng.random(m) < 0.9
            valid = np.packbits(known, bitorder="little").view(np.uint64)[None, :]
            col, const = [native.A_COL, 0, 0], [native.A_CONST, c, 0]
            for code, bound in ((native.A_MIN, 10**15), (native.A_MAX, -(10**15))):
                operands = [const, col] if constant_first else [col, const]
                ops = np.array([*operands, [native.A_MUL, a, b], [native.A_CONST, bound, 0], [code, 2, 0]], np.int64)
                sv, sk, cv, cb, _, rows = native._amount_scratch()
                rows[:] = np.arange(m, dtype=np.uint64)
                ok = native._amount_chunk(ops, 0, len(ops), np.zeros((1, 2), np.int64), xs[None, :], valid, rows, m,
                                          sv, sk, cv, cb)  # fmt: skip
                want = [native._a_mul(int(x), c, a, b) for x in xs]
                if not all(w[0] for w in want):
                    assert not ok, (c, a, b, "a row left the range")
                    seen_failed += 1
                    continue
                assert ok, (c, a, b)
                capped = [(min if code == native.A_MIN else max)(int(w[1]), bound) for w in want]
                assert sv[0, :m].tolist() == capped, (c, a, b, code)
                assert sk[0, :m].tolist() == known.tolist()
                seen_hard += any(abs(float(x)) * abs(c) >= 2.0**61 or abs(int(x) * c) / b >= 2**51 for x in xs)
    assert seen_hard >= 4 and seen_failed >= 4  # both the hard rows' second pass and a failed chunk were compared
