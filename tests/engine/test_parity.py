"""The columnar engine and the scalar path agree with the reference interpreter.

Random libraries (random well-typed expressions over a schema with every type, shared
conditions, random weights and amounts) and random entities with missing values.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policyreach.engine.backends import BATCH, SINGLE
from policyreach.engine.batch import STATUS_CODES
from policyreach.engine.entity import EntityRecord
from policyreach.rules.absence import NONE, none_flag
from policyreach.rules.library import Library, add_policy_file, compile_library
from policyreach.rules.ranges import AmountOutOfRange
from policyreach.rules.schema import Attribute, CodeSet, Schema
from policyreach.rules.types import Type
from tests.engine.reference import reference_match

AS_OF = dt.date(2025, 6, 30)
SCHEMA = Schema(
    sources={"tax": "税务局", "self_declared": "自行填报"},
    attributes={
        "a": Attribute(name="a", label="甲", type=Type.DEC, unit="万元", source="tax", yearly=True),
        "b": Attribute(name="b", label="乙", type=Type.DEC, unit="万元", source="tax"),
        "n": Attribute(name="n", label="丙", type=Type.INT, unit="人", source="tax"),
        "f": Attribute(name="f", label="丁", type=Type.BOOL, source="tax"),
        "s": Attribute(name="s", label="戊", type=Type.STR, source="tax"),
        "d": Attribute(name="d", label="己", type=Type.DATE, source="tax"),
    },
    codesets={"SET": CodeSet(name="SET", label="集合", values=("x", "y"))},
)
COLUMNS = {
    "a_2024": Type.DEC,
    "a_2023": Type.DEC,
    "b": Type.DEC,
    "n": Type.INT,
    "f": Type.BOOL,
    "s": Type.STR,
    "d": Type.DATE,
}

decimals = st.decimals(min_value=-2000, max_value=2000, places=3, allow_nan=False, allow_infinity=False)
num_leaf = st.one_of(
    st.sampled_from(["a[last_year]", "a[years_ago(2)]", "b", "n"]),
    st.sampled_from(
        [
            "lookup(s, {'x': 5, 'y': 12.5})",
            "lookup(s, {'x': 300, 'xa': 100}, 1)",
            "lookup(n, {1: 3, 2: 7, 600: 0.5})",
            "per_unit(n, 2, 10)",
        ]
    ),
    decimals.map(lambda d: str(d) if d >= 0 else f"({d})"),
    st.integers(-50, 500).map(lambda i: str(i) if i >= 0 else f"({i})"),
)


def _num(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    pair = st.tuples(children, children)
    return st.one_of(
        pair.map(lambda p: f"({p[0]} + {p[1]})"),
        pair.map(lambda p: f"({p[0]} - {p[1]})"),
        st.tuples(children, st.sampled_from(["0.1", "0.35", "2", "3.5"])).map(lambda p: f"({p[0]} * {p[1]})"),
        pair.map(lambda p: f"({p[0]} / {p[1]})"),
        pair.map(lambda p: f"min({p[0]}, {p[1]})"),
        pair.map(lambda p: f"max({p[0]}, {p[1]})"),
        children.map(lambda c: f"abs({c})"),
        st.tuples(children, st.integers(0, 3)).map(lambda p: f"round({p[0]}, {p[1]})"),
        pair.map(lambda p: f"ratio({p[0]}, {p[1]})"),
        children.map(lambda c: f"tier({c}, [[0, 5], [100, 12.5], [500, 30]])"),
        pair.map(lambda p: f"coalesce({p[0]}, {p[1]})"),
        # the amount kinds real policies need: 分段累进, per unit with a count cap, code → amount
        children.map(lambda c: f"progressive({c}, [[0, 0.1], [100, 0.08], [500, 0.05]])"),
        children.map(lambda c: f"progressive({c}, [[50, 0.333333]])"),
        st.tuples(children, st.sampled_from(["2", "0.35", "1.5, 10", "3, 7", "0.05, 2.5"])).map(
            lambda p: f"per_unit({p[0]}, {p[1]})"
        ),
        st.tuples(children, st.sampled_from(["1", "0.35", "100"])).map(lambda p: f"steps({p[0]}, {p[1]})"),
    )


numbers = st.recursive(num_leaf, _num, max_leaves=4)
bool_leaf = st.one_of(
    st.tuples(numbers, st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), numbers).map(
        lambda t: f"{t[0]} {t[1]} {t[2]}"
    ),
    st.sampled_from(
        [
            "f",
            "not f",
            "f == True",
            "s in SET",
            "s not in ['x', 'z']",
            "s == 'y'",
            "startswith(s, ['x', 'z'])",
            "years_since(d) >= 3",
            'd < date("2020-01-01")',
            "n in [1, 2, 3]",
            "b in [1.5, 2]",
            "0 < n <= 100",
        ]
    ),
)
conditions_pool = st.recursive(
    bool_leaf,
    lambda c: st.one_of(
        st.tuples(c, c).map(lambda p: f"({p[0]} and {p[1]})"),
        st.tuples(c, c).map(lambda p: f"({p[0]} or {p[1]})"),
        c.map(lambda x: f"not ({x})"),
    ),
    max_leaves=3,
)


@st.composite
def libraries(draw: st.DrawFn) -> str:
    pool = draw(st.lists(conditions_pool, min_size=2, max_size=8))
    benefits = []
    benefits_with_amount: list[str] = []
    for i in range(draw(st.integers(1, 5))):
        chosen = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=5))
        weights = draw(st.lists(st.sampled_from(["1", "2", "0.5", "1.25"]), min_size=len(chosen), max_size=len(chosen)))
        amount = draw(st.one_of(st.none(), numbers, st.just("params.award")))
        if i and benefits_with_amount and draw(st.booleans()):
            # another benefit's amount (在前款标准基础上上浮50%), its cap, floor and unit included
            ref = draw(st.sampled_from(benefits_with_amount))
            amount = draw(st.sampled_from([f"award('{ref}') * 0.5", f"award('{ref}') + {amount or 1}"]))
        conds = "\n".join(
            f"      - {{expr: {_q(c)}, clause: '1', weight: {w}}}" for c, w in zip(chosen, weights, strict=True)
        )
        # bounds (最高/最低) and a multi-year schedule whose year the entity's own figure gives
        extra = draw(
            st.sampled_from(
                [
                    "",
                    ", cap: 300",
                    ", floor: 2",
                    ", cap: 300, floor: 2",
                    ", schedule: [1, 1, 0.6], period_year: n",
                    ", schedule: [0.4, 0.35]",
                    ", unit: 元, cap: 2000000, floor: 3.5",
                ]
            )
        )
        amount_yaml = f"    amount: {{formula: {_q(amount)}, clause: '1'{extra}}}\n" if amount else ""
        if amount:
            benefits_with_amount.append(f"b{i}")
        kinds = draw(st.sampled_from(["[enterprise]", "[enterprise, talent]", "[talent]"]))
        benefits.append(
            f"  - id: b{i}\n    title: 事项{i}\n    kind: subsidy\n    payout: cash\n    department: 局\n"
            f"    subjects: {kinds}\n"
            f"    conditions:\n{conds}\n{amount_yaml}    application: {{department: 局, channel: 网}}\n"
        )
    return (
        "id: random\ntitle: 随机\nissuer: 局\nlevel: city\nregion: '220100'\nvalid_from: 2020-01-01\n"
        "source: 测试\nclauses: {'1': 第一条}\nparameters:\n  award: {label: 奖励, values: {2020-01-01: 20}}\n"
        "benefits:\n" + "".join(benefits)
    )


def _q(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'


# unknown (None) and known none (NONE: a complete list does not name the entity) beside values
absent = st.sampled_from([None, NONE])
values_by_type = {
    Type.DEC: st.one_of(absent, decimals, st.sampled_from([Decimal(0), Decimal("100"), Decimal("0.0005")])),
    Type.INT: st.one_of(absent, st.integers(-5, 600)),
    Type.BOOL: st.one_of(absent, st.booleans()),
    Type.STR: st.one_of(absent, st.sampled_from(["x", "y", "z", "xa", ""])),
    Type.DATE: st.one_of(absent, st.dates(dt.date(2015, 1, 1), dt.date(2025, 12, 31))),
}
rows = st.fixed_dictionaries({c: t for c, t in ((c, values_by_type[t]) for c, t in COLUMNS.items())}).map(dict)
entities = st.lists(
    st.tuples(rows, st.sets(st.sampled_from(list(COLUMNS))), st.sampled_from(["enterprise", "talent"])),
    min_size=1,
    max_size=40,
)


def _frame(population: list[tuple[dict, set, str]]) -> pl.DataFrame:
    data: dict[str, list] = {
        "entity_id": [f"e{i}" for i in range(len(population))],
        "kind": [k for _, _, k in population],
    }
    for column, type_ in COLUMNS.items():
        values = [None if row[column] is NONE else row[column] for row, _, _ in population]
        dtype = {
            Type.DEC: pl.Decimal(18, 6),
            Type.INT: pl.Int64,
            Type.BOOL: pl.Boolean,
            Type.STR: pl.String,
            Type.DATE: pl.Date,
        }[type_]
        data[column] = pl.Series(values, dtype=dtype)
        data[f"{column}__verified"] = [column in v for _, v, _ in population]
        data[none_flag(column)] = [row[column] is NONE for row, _, _ in population]
    return pl.DataFrame(data)


@pytest.mark.parametrize("backend", sorted(BATCH))  # every registered back end, the native kernel included
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(policy=libraries(), population=entities)
def test_columnar_and_scalar_agree_with_reference(backend: str, policy: str, population: list) -> None:
    match_population = BATCH[backend]
    library = Library(schema=SCHEMA)
    add_policy_file(library, "random.yaml", policy)
    compiled = compile_library(library, AS_OF)
    result = match_population(compiled, _frame(population), min_degree=0, include_partial=True)
    lean = match_population(compiled, _frame(population))
    claimable = lean.pairs
    assert set(claimable["status"].to_list()) <= {2, 3}
    assert claimable.height == result.pairs.filter(pl.col("status") >= 2).height
    partial = result.pairs.filter(pl.col("status") == 1)
    assert lean.counts()["partial"] == partial.height
    for benefit in compiled.benefits:
        on_demand = lean.partials(benefit.id).select("entity_idx", "degree", "amount").sort("entity_idx")
        expected = partial.filter(pl.col("benefit_idx") == benefit.index).select("entity_idx", "degree", "amount")
        assert on_demand.to_dicts() == expected.sort("entity_idx").to_dicts()
    batch = {(int(r["entity_idx"]), int(r["benefit_idx"])): r for r in result.pairs.iter_rows(named=True)}
    for i, (row, verified, kind) in enumerate(population):
        record = EntityRecord(
            entity_id=f"e{i}",
            kind=kind,
            values=row,
            sources={c: "tax" if c in verified else "self_declared" for c in row},
        )
        scalar = {m.benefit_id: m for m in SINGLE[backend](compiled, record, keep_all=True)}
        for benefit in compiled.benefits:
            if kind not in benefit.kinds:
                assert (i, benefit.index) not in batch
                continue
            want = reference_match(benefit, compiled.conditions, row, record.verified(SCHEMA))
            got = batch[(i, benefit.index)]
            assert STATUS_CODES[got["status"]] == want["status"]
            assert got["degree"] == want["degree"]
            assert got["provable"] == want["provable"]
            got_amount = None if got["amount"] is None else Decimal(got["amount"]).scaleb(-6)
            assert got_amount == want["amount"]
            assert result.outcomes(i, benefit.id) == want["outcomes"]
            one = scalar[benefit.id]
            assert (one.status, one.degree, one.amount, one.provable) == (
                want["status"],
                want["degree"],
                want["amount"],
                want["provable"],
            )
            assert [c.outcome for c in one.conditions] == want["outcomes"]


@pytest.mark.parametrize("backend", sorted(BATCH))
def test_an_amount_past_the_fixed_point_range_is_refused_never_wrapped(backend: str) -> None:
    """b × 10^6 for b ≈ 10^11 万元 is 10^23 millionths: past Int64. The product of two Int64 columns once wrapped
    silently to another number (2.0 × 10^17); it must be computed wide and refused, like a quotient that overflows.
    A product that fits stays exact."""
    policy = (
        "id: big\ntitle: 大\nissuer: 局\nlevel: city\nregion: '220100'\nvalid_from: 2020-01-01\nsource: 测试\n"
        "clauses: {'1': 第一条}\nbenefits:\n"
        "  - id: b0\n    title: 事项\n    kind: subsidy\n    payout: cash\n    department: 局\n"
        "    subjects: [enterprise]\n"
        "    conditions:\n      - {expr: 'b > 0', clause: '1'}\n    amount: {formula: 'b * 1000000', clause: '1'}\n"
        "    application: {department: 局, channel: 网}\n"
    )
    library = Library(schema=SCHEMA)
    add_policy_file(library, "big.yaml", policy)
    compiled = compile_library(library, AS_OF)
    row = dict.fromkeys(COLUMNS) | {"b": Decimal("100000000000.5")}
    with pytest.raises(AmountOutOfRange, match="“事项”的金额公式算出的金额超出可精确计算的范围"):
        BATCH[backend](compiled, _frame([(row, set(), "enterprise")]))
    row["b"] = Decimal("9000.000001")  # 9,000,000,001 万元: fits, to the last millionth
    found = BATCH[backend](compiled, _frame([(row, set(), "enterprise")])).pairs.row(0, named=True)
    assert Decimal(found["amount"]).scaleb(-6) == Decimal("9000000001")
