"""Spark back end: the same bound trees as the Polars engine, as Spark SQL column expressions.

Exactly the columnar back end's arithmetic (``engine.columnar``): decimals are BIGINT
fixed-point (value × 10**6), integers BIGINT at scale 0. Products and quotients run on BIGINT
while their operands provably fit (``TRY_MULTIPLY`` is null past BIGINT; quotients need
|n|, |d| ≤ 2**62) and on exact DECIMAL(38, 0) integers (the Int128 of the Polars back end)
otherwise; both round half up explicitly, never by the precision rules of Spark's decimal
division, so the engines agree digit for digit whatever ``spark.sql.decimalOperations.*`` says.

Three-valued logic: Spark's AND, OR and NOT are Kleene and comparisons with null are
null, like Polars. Where Spark differs (``least``/``greatest`` skip nulls, ``null IN ()``
is false, division by zero fails in ANSI mode) the generated SQL says so explicitly.

Trees compile to Spark SQL text (``SparkSql``): one JVM call per expression instead of one
per operator (building the sample library's plan through the Column API took ~150,000 Py4J
round trips). Operands read more than once become columns of their own, computed once per
row, so the text grows linearly with a formula. No Python UDF anywhere.

``match_population_spark`` evaluates every unique condition of a library once per row,
sums each benefit's met and unmet weights, and explodes only the kept (entity, benefit) pairs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from policyreach.engine.frame import column_type
from policyreach.rules import derivations
from policyreach.rules.absence import NONE_SUFFIX, none_flag
from policyreach.rules.ir import (
    Arith,
    Award,
    BoolOp,
    Call,
    Cmp,
    Col,
    Const,
    In,
    ListLit,
    Lookup,
    Node,
    Not,
    PerUnit,
    Progressive,
    Tier,
    const_decimal,
    const_value,
    lower,
)
from policyreach.rules.library import CompiledBenefit, CompiledLibrary
from policyreach.rules.numbers import SCALE, to_decimal, to_scaled
from policyreach.rules.types import Type
from policyreach.standards.enterprise_size_spark import size_class_spark

SQL_TYPES: dict[Type, str] = {
    Type.DEC: "BIGINT",
    Type.INT: "BIGINT",
    Type.BOOL: "BOOLEAN",
    Type.STR: "STRING",
    Type.DATE: "DATE",
}
WIDE = "DECIMAL(38, 0)"  # exact integers below 10**38: the Int128 of the Polars back end
AMOUNT = "DECIMAL(18, 6)"
OUTPUT = ("benefit_id", "status", "degree", "amount", "provable", "outcomes")
PARTIAL_DEGREE = 50  # partial: some condition unmet, degree ≥ 50


# -- SQL text ------------------------------------------------------------------------------------


def quote(name: str) -> str:
    """A column name as a Spark SQL identifier."""
    return "`" + name.replace("`", "``") + "`"


def string_literal(text: str) -> str:
    """A string literal that reads the same whatever ``spark.sql.parser.escapedStringLiterals`` is."""
    if "'" in text or "\\" in text:
        return f"CAST(X'{text.encode('utf-8').hex()}' AS STRING)"
    return f"'{text}'"


def _bigint(value: int) -> str:
    return f"CAST({value} AS BIGINT)"


def literal(value: Any, type_: Type) -> str:
    """A constant in the engine's representation (decimals scaled to BIGINT micro-units)."""
    if value is None:
        return f"CAST(NULL AS {SQL_TYPES[type_]})"
    if type_ == Type.DEC:
        return _bigint(to_scaled(to_decimal(value)))
    if type_ == Type.INT:
        return _bigint(int(value))
    if type_ == Type.BOOL:
        return "TRUE" if value else "FALSE"
    if type_ == Type.DATE:
        return f"DATE '{value.isoformat()}'"
    return string_literal(str(value))


# -- expressions ---------------------------------------------------------------------------------


def to_spark(node: Node, absent: Collection[str] = ()) -> Column:
    """Compile a bound tree to a Spark column. Decimal results are BIGINT scaled by 10**6."""
    return F.expr(to_spark_sql(node, absent))


def to_spark_sql(node: Node, absent: Collection[str] = ()) -> str:
    """The Spark SQL text of a bound tree, self-contained (what ``to_spark`` wraps).

    Operands a rounded division reads several times are repeated in the text, so it grows
    with the nesting; ``SparkSql(share=True)`` computes them once, in columns of their own.
    """
    return SparkSql(absent=absent).sql(node)


_SIMPLE = re.compile(r"`(?:[^`]|``)+`|CAST\(-?\d+ AS BIGINT\)|-?\d+")
FAST = 2**62  # |n|, |d| ≤ 2**62: n DIV d, n % d and 2·|n % d| cannot overflow a BIGINT


class SparkSql:
    """Compiles bound trees to Spark SQL text.

    With ``share``, every operand read more than once (a quotient's numerator and denominator,
    a product, the argument of min, max or tier) that is more than a column or a literal becomes
    a column ``__s{i}`` of its own, identical operands once: the text grows linearly with the tree
    instead of exponentially, and each operand is computed once per row. ``columns(df)`` adds
    those columns to a frame, in as many projections as they nest.
    """

    def __init__(self, share: bool = False, absent: Collection[str] = ()) -> None:
        self._share = share
        # columns whose frame carries a known-absence flag (docs/ARCHITECTURE.md, "Known absence")
        self._absent = frozenset(absent)
        self._names: dict[str, str] = {}  # sql → column name
        self._layers: list[list[str]] = []  # per projection: "sql AS name"
        self._level: dict[str, int] = {}  # column name → the projection that computes it

    def sql(self, node: Node) -> str:
        return self._compile(node)[0]

    def columns(self, df: DataFrame) -> DataFrame:
        """``df`` with the shared operands, each projection reading only the ones before it."""
        for layer in self._layers:
            df = df.selectExpr("*", *layer)
        return df

    def shared(self, sql: str) -> str:
        """A column reference standing for ``sql`` (or ``sql`` itself when not sharing or trivial)."""
        if not self._share or _SIMPLE.fullmatch(sql):
            return sql
        if sql not in self._names:
            name = f"__s{len(self._names)}"
            level = max((self._level[m] + 1 for m in re.findall(r"`(__s\d+)`", sql)), default=0)
            if level == len(self._layers):
                self._layers.append([])
            self._layers[level].append(f"{sql} AS {quote(name)}")
            self._names[sql], self._level[name] = name, level
        return quote(self._names[sql])

    # -- nodes

    def _compile(self, node: Node) -> tuple[str, int]:
        if isinstance(node, Const):
            return literal(node.value, node.type), _scale(node)
        if isinstance(node, Col):
            if node.type == Type.BOOL:  # a flag list that does not name the entity: the flag is false
                return _decided(quote(node.column), self._none(node), False), 0
            return quote(node.column), _scale(node)
        if isinstance(node, Cmp):
            return self._cmp(node), 0
        if isinstance(node, BoolOp):
            joiner = " AND " if node.op == "and" else " OR "
            return "(" + joiner.join(self.sql(i) for i in node.items) + ")", 0
        if isinstance(node, Not):
            return f"(NOT {self.sql(node.item)})", 0
        if isinstance(node, In):
            return self._in(node), 0
        if isinstance(node, Arith):
            return self._arith(node), _scale(node)
        if isinstance(node, Call):
            return self._call(node), _scale(node)
        if isinstance(node, Tier):
            return self._tier(node), _scale(node)
        if isinstance(node, Progressive | PerUnit):
            return self._compile(lower(node))
        if isinstance(node, Award) and node.inner is not None:
            return self._compile(node.inner)
        if isinstance(node, Lookup):
            return self._lookup(node), _scale(node)
        raise TypeError(f"cannot compile {type(node).__name__}")  # pragma: no cover

    def _none(self, node: Node) -> str | None:
        """SQL that is true where ``node``'s value is known none; ``None`` when it never can be."""
        if isinstance(node, Col):
            return quote(none_flag(node.column)) if node.column in self._absent else None
        if isinstance(node, Arith):
            return _either([self._none(node.left), self._none(node.right)])
        if isinstance(node, Tier | Lookup):
            return self._none(node.x)
        if isinstance(node, Progressive | PerUnit):
            return self._none(lower(node))
        if isinstance(node, Award) and node.inner is not None:
            return self._none(node.inner)
        if isinstance(node, Call) and node.fn != "startswith":
            parts = [self._none(a) for a in node.args]
            if node.fn != "coalesce":
                return _either(parts)
            # coalesce is none only when every argument is; one that never is settles it
            if any(p is None for p in parts):
                return None
            return "(" + " AND ".join(p for p in parts if p is not None) + ")"
        return None

    def _numbers(self, nodes: Sequence[Node]) -> tuple[list[str], int]:
        """Compile numeric operands and bring them to one scale."""
        compiled = [self._compile(n) for n in nodes]
        target = max(s for _, s in compiled)
        return [_rescale(e, s, target) for e, s in compiled], target

    def _cmp(self, node: Cmp) -> str:
        if node.left.type.is_number:
            (left, right), _ = self._numbers([node.left, node.right])
        else:
            left, right = self.sql(node.left), self.sql(node.right)
        none = _either([self._none(node.left), self._none(node.right)])
        return _decided(f"({left} {_CMP[node.op]} {right})", none, node.op == "!=")

    def _in(self, node: In) -> str:
        item, scale = self._compile(node.item)
        values = [o.value for o in node.options.items]
        if node.item.type.is_number:
            item = _rescale(item, scale, SCALE)
            options = [_bigint(to_scaled(to_decimal(v))) for v in values]
        else:
            options = [literal(v, node.item.type) for v in values]
        # null IN (...) is null in both engines, except that Spark's `null IN ()` is false
        result = f"({item} IN ({', '.join(options)}))" if options else f"(CASE WHEN {item} IS NOT NULL THEN FALSE END)"
        return _decided(f"(NOT {result})" if node.negate else result, self._none(node.item), node.negate)

    def _arith(self, node: Arith) -> str:
        (left, ls), (right, rs) = self._compile(node.left), self._compile(node.right)
        if node.op in ("+", "-"):
            target = max(ls, rs)
            return f"({_rescale(left, ls, target)} {node.op} {_rescale(right, rs, target)})"
        if node.op == "*":
            if ls + rs <= SCALE:
                return _rescale(f"({left} * {right})", ls + rs, _scale(node))
            return self._product(left, right, ls + rs - SCALE)
        return self._quotient(left, ls, node.right)

    def _product(self, left: str, right: str, places: int) -> str:
        """``left × right / 10**places``, halves up: on BIGINT unless the product overflows it."""
        left, right = self.shared(left), self.shared(right)
        product = self.shared(f"TRY_MULTIPLY({left}, {right})")  # null past BIGINT (or when unknown)
        exact = round_shift(f"({_wide(left)} * {_wide(right)})", places)
        return f"(CASE WHEN {product} IS NOT NULL THEN {self._round_long(product, places)} ELSE {exact} END)"

    def _round_long(self, value: str, places: int) -> str:
        """``value / 10**places`` rounded half up (away from zero), on BIGINT: it cannot overflow."""
        if places <= 0:
            return round_shift(value, places)
        value, unit = self.shared(value), 10**places
        rest = f"({value} % {_bigint(unit)})"
        half = _bigint(unit // 2)
        return (
            f"(({value} DIV {_bigint(unit)}) + CASE WHEN {rest} >= {half} THEN 1L "
            f"WHEN {rest} <= -{half} THEN -1L ELSE 0L END)"
        )

    def _quotient(self, left: str, ls: int, right: Node) -> str:
        """``left / right`` at scale 6: left·10^(6 − sl + sr) / right, halves up; null dividing by 0."""
        denominator, rs = self._compile(right)
        shift = SCALE - ls + rs
        power = _power_of_ten(right)
        if power is not None and power - shift <= SCALE:  # a literal 10**k (元 → 万元, say): a shift
            return self._round_long(left, power - shift)
        left, d = self.shared(left), self.shared(denominator)
        n = self.shared(f"TRY_MULTIPLY({left}, {_bigint(10**shift)})") if shift else left
        exact = div_half_up(f"({_wide(left)} * {_wide(_bigint(10**shift))})", d)
        bounded = " AND ".join(f"{x} BETWEEN {_bigint(-FAST)} AND {_bigint(FAST)}" for x in (n, d))
        away = f"IF(({n} < 0) = ({d} < 0), 1L, -1L)"
        fast = f"(({n} DIV {d}) + CASE WHEN ABS({n} % {d}) * 2 >= ABS({d}) THEN {away} ELSE 0L END)"
        return f"(CASE WHEN {d} = 0 THEN NULL WHEN {bounded} THEN {fast} ELSE {exact} END)"

    def _call(self, node: Call) -> str:
        fn, args = node.fn, node.args
        if fn in ("min", "max"):
            values, scale = self._numbers(args)
            values = [self.shared(_rescale(v, scale, _scale(node))) for v in values]
            pick = f"{'LEAST' if fn == 'min' else 'GREATEST'}({', '.join(values)})"
            # LEAST/GREATEST skip nulls; the rules language's min/max is unknown when any input is
            unknown = " OR ".join(f"{v} IS NULL" for v in values)
            return f"(CASE WHEN {unknown} THEN NULL ELSE {pick} END)"
        if fn == "steps":
            # whole steps on the scaled integers (DIV truncates, exact at 0 and above); GREATEST skips a null
            value, scale = self._compile(args[0])
            x = self.shared(_rescale(value, scale, SCALE))
            size = _bigint(to_scaled(const_decimal(args[1])))
            return f"(CASE WHEN {x} IS NULL THEN NULL ELSE (GREATEST({x}, 0L) DIV {size}) END)"
        if fn == "abs":
            return f"ABS({self.sql(args[0])})"
        if fn == "round":
            return self._round(args[0], const_value(args[1], int), node)
        if fn == "ratio":
            left, ls = self._compile(args[0])
            return self._quotient(left, ls, args[1])
        if fn == "years_since":
            return _years_since(self.shared(self.sql(args[0])), const_value(args[1], dt.date))
        if fn == "startswith":
            return _decided(_startswith(self.shared(self.sql(args[0])), args[1]), self._none(args[0]), False)
        if fn == "coalesce":
            if node.type.is_number:
                values, scale = self._numbers(args)
                return _rescale(f"COALESCE({', '.join(values)})", scale, _scale(node))
            return f"COALESCE({', '.join(self.sql(a) for a in args)})"
        raise TypeError(f"unknown function {fn}")  # pragma: no cover

    def _round(self, arg: Node, places: int, node: Call) -> str:
        value, scale = self._compile(arg)
        if scale == 0:
            return _rescale(value, 0, _scale(node))
        rounded = self._round_long(value, SCALE - places)
        return rounded if node.type == Type.INT else _rescale(rounded, 0, SCALE - places)

    def _tier(self, node: Tier) -> str:
        x, xs = self._compile(node.x)
        x = self.shared(x)
        out_scale = _scale(node)
        scaled = _rescale(x, xs, SCALE)
        bands = [
            f"WHEN {scaled} >= {_bigint(to_scaled(start))} "
            f"THEN {_rescale(literal(band.value, band.type), _scale(band), out_scale)}"
            for start, band in reversed(node.bands)
        ]
        return f"(CASE WHEN {x} IS NULL THEN NULL {' '.join(bands)} ELSE CAST(0 AS BIGINT) END)"

    def _lookup(self, node: Lookup) -> str:
        x = self.shared(self.sql(node.x))
        out_scale = _scale(node)
        cases = [
            f"WHEN {x} = {literal(key, node.x.type)} THEN {_rescale(literal(v.value, v.type), _scale(v), out_scale)}"
            for key, v in node.table
        ]
        default = _rescale(literal(node.default.value, node.default.type), _scale(node.default), out_scale)
        return f"(CASE WHEN {x} IS NULL THEN NULL {' '.join(cases)} ELSE {default} END)"


def _either(parts: list[str | None]) -> str | None:
    present = [p for p in parts if p is not None]
    return "(" + " OR ".join(present) + ")" if present else None


def _decided(result: str, none: str | None, value: bool) -> str:
    """``result``, except ``value`` where an operand is known to be none."""
    return result if none is None else f"(CASE WHEN {none} THEN {'TRUE' if value else 'FALSE'} ELSE {result} END)"


def _scale(node: Node) -> int:
    return SCALE if node.type == Type.DEC else 0


def _rescale(sql: str, scale: int, target: int) -> str:
    return sql if scale == target else f"({sql} * {_bigint(10 ** (target - scale))})"


_CMP = {"==": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">="}


def _wide(sql: str) -> str:
    return f"CAST({sql} AS {WIDE})"


def round_shift(numerator: str, places: int) -> str:
    """``numerator / 10**places`` rounded half up (away from zero), as BIGINT, on exact DECIMAL(38, 0).

    ``numerator × 0.0…01`` is an exact DECIMAL(38, places) product (with or without
    ``allowPrecisionLoss``) and ROUND is HALF_UP: no division, so nothing rounds early.
    """
    if places <= 0:
        return f"CAST({_wide(numerator)} * {_bigint(10**-places)} AS BIGINT)"
    step = f"CAST('0.{'0' * (places - 1)}1' AS DECIMAL({places}, {places}))"
    return f"CAST(ROUND({_wide(numerator)} * {step}, 0) AS BIGINT)"


LONG_LIMIT = 2**63


def div_half_up(numerator: str, denominator: str) -> str:
    """Signed integer division rounding halves away from zero, as BIGINT; null when dividing by 0.

    On exact DECIMAL(38, 0) integers: ``(2|n| + |d|) DIV (2|d|)``. Spark's DIV wraps silently
    past BIGINT, so a quotient that large is cast from the (bigger still) dividend instead:
    an overflow error in ANSI mode, as Polars' strict cast to Int64 raises. The denominator
    is nulled where it is 0, so no division by zero is ever evaluated.
    """
    n = _wide(numerator)
    d = _wide(f"CASE WHEN {denominator} <> 0 THEN {denominator} END")
    a = f"(ABS({n}) * 2 + ABS({d}))"
    b = f"(ABS({d}) * 2)"
    # b is capped so the product stays below 10**38; past the cap the quotient is small anyway
    too_big = f"{a} >= LEAST({b}, {_wide(str(10**19))}) * {_wide(str(LONG_LIMIT))}"
    quotient = f"CAST(CASE WHEN {too_big} THEN {a} ELSE {a} DIV {b} END AS BIGINT)"
    return f"({quotient} * CASE WHEN ({n} < 0) <> ({d} < 0) THEN -1 ELSE 1 END)"


def _power_of_ten(node: Node) -> int | None:
    """k when ``node`` is a constant whose engine value (integer, or decimal micro-units) is 10**k."""
    if not isinstance(node, Const) or not isinstance(node.value, int | Decimal):
        return None
    scaled = to_scaled(to_decimal(node.value)) if node.type == Type.DEC else int(node.value)
    text = str(scaled)
    if scaled <= 0 or text.rstrip("0") != "1":
        return None
    return len(text) - 1


def _years_since(when: str, as_of: dt.date) -> str:
    later = f"(MONTH({when}) * 100 + DAYOFMONTH({when})) > {as_of.month * 100 + as_of.day}"
    return f"({_bigint(as_of.year)} - CAST(YEAR({when}) AS BIGINT) - IF({later}, 1L, 0L))"


def _startswith(code: str, options: Node) -> str:
    prefixes = [const_value(o, str) for o in options.items] if isinstance(options, ListLit) else []
    if not prefixes:  # the scalar back end's str.startswith(()) is False; Polars cannot compile this
        return f"(CASE WHEN {code} IS NOT NULL THEN FALSE END)"
    return "(" + " OR ".join(f"STARTSWITH({code}, {string_literal(p)})" for p in prefixes) + ")"


# -- frames --------------------------------------------------------------------------------------


def engine_column_sql(name: str, type_: Type, dtype: T.DataType) -> str:
    """An input column in the engine's representation (decimals as BIGINT × 10**6)."""
    col = quote(name)
    if type_ == Type.DEC:
        # DECIMAL(38, 6) × 10**6 is an exact integer; the cast to BIGINT drops only ".000000"
        return f"CAST(CAST({col} AS DECIMAL(38, {SCALE})) * {10**SCALE} AS BIGINT)"
    if type_ == Type.DATE and isinstance(dtype, T.StringType):
        return f"TO_DATE({col})"
    return f"CAST({col} AS {SQL_TYPES[type_]})"


def prepare_spark_frame(compiled: CompiledLibrary, df: DataFrame, carry: Sequence[str] = ()) -> DataFrame:
    """Select, convert and complete the columns ``compiled`` needs; add builtin columns.

    The Spark counterpart of ``engine.frame.prepare_frame``: columns a library reads but
    ``df`` lacks become typed nulls, and ``c__verified`` is true only where ``c`` is given.
    ``carry`` names columns of ``df`` passed through unchanged (a simulation's dimensions).
    """
    present = {f.name: f.dataType for f in df.schema.fields}
    columns = [f"CAST({quote('entity_id')} AS STRING) AS {quote('entity_id')}", *(quote(c) for c in carry)]
    kind = f"CAST({quote('kind')} AS STRING)" if "kind" in present else "'enterprise'"
    columns.append(f"{kind} AS {quote('kind')}")
    for column in compiled.input_columns():
        type_ = column_type(compiled.schema, column)
        if type_ is None:
            continue
        value = engine_column_sql(column, type_, present[column]) if column in present else literal(None, type_)
        columns.append(f"{value} AS {quote(column)}")
        flag = f"{column}__verified"
        # A value nobody gave is never verified, whatever the flag says.
        given = f"{quote(column)} IS NOT NULL" if column in present else "FALSE"
        absent = none_flag(column)
        if absent in present:
            # a value someone gave wins over a registry's "not listed"
            none = f"(COALESCE(CAST({quote(absent)} AS BOOLEAN), FALSE) AND NOT ({given}))"
            columns.append(f"{none} AS {quote(absent)}")
            given = f"(({given}) OR {none})"
        known = "FALSE"
        if flag in present:
            known = f"(COALESCE(CAST({quote(flag)} AS BOOLEAN), FALSE) AND {given})"
        columns.append(f"{known} AS {quote(flag)}")
    frame = df.selectExpr(*columns)
    builtins = compiled.builtin_cols()
    if builtins:
        frame = frame.withColumns({c.column: _builtin(c) for c in builtins})
    return frame


def _builtin(col: Col) -> Column:
    derivation = derivations.get(col.builtin or "")
    if derivation is None or derivation.spark is None:
        raise NotImplementedError(f"builtin derivation {col.builtin} has no Spark version")
    column: Column = derivation.spark(*[F.col(quote(d)) for d in col.deps])
    return column


# -- matching ------------------------------------------------------------------------------------


@contextmanager
def session_on(
    master: str, confs: Mapping[str, str] | None = None, app_name: str = "policyreach"
) -> Iterator[SparkSession]:
    """A SparkSession on ``master`` (``local[*]``, ``spark://host:port``); stopped afterwards only if this call
    started it (a process that already runs one keeps it)."""
    existing = SparkSession.getActiveSession()
    builder = SparkSession.builder.master(master).appName(app_name)
    # the engine's dates are calendar dates: read them the same in every time zone
    builder = builder.config("spark.sql.session.timeZone", "UTC")
    for key, value in (confs or {}).items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    if existing is None:
        session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        if existing is None:
            session.stop()


def match_population_spark(
    compiled: CompiledLibrary,
    df: DataFrame,
    *,
    min_degree: int = 50,
    include_partial: bool = False,
    carry: Sequence[str] = (),
) -> DataFrame:
    """Evaluate ``compiled`` over ``df``: the (entity, benefit) pairs ``match_population`` keeps.

    Columns: entity_id, benefit_id, status, degree (int), amount (DECIMAL(18, 6) in 万元,
    null when unknown or not claimable), provable, outcomes ('met' / 'unmet' / 'unknown'
    per condition, in benefit order). Eligible and likely pairs are always kept; with
    ``include_partial`` also those with an unmet condition and degree ≥ min(min_degree, 50).
    ``carry`` names columns of ``df`` copied onto every pair of their entity (no join needed later).
    """
    frame = prepare_spark_frame(compiled, df, carry)
    if not compiled.benefits:
        return frame.sparkSession.createDataFrame([], OUTPUT_SCHEMA)
    # 1. operands read more than once, then each unique condition and each set of subject kinds,
    # once per row
    absent = [c.removesuffix(NONE_SUFFIX) for c in frame.columns if c.endswith(NONE_SUFFIX)]
    compiler = SparkSql(share=True, absent=absent)
    conditions = [compiler.sql(c) for c in compiled.conditions]
    amounts = {b.index: amount_sql(b, compiler) for b in compiled.benefits}
    kinds = sorted({b.kinds for b in compiled.benefits}, key=sorted)
    evaluated = compiler.columns(frame).selectExpr(
        "*",
        *[f"CAST({c} AS BOOLEAN) AS __c{i}" for i, c in enumerate(conditions)],
        *[f"{_kind_test(k)} AS __k{i}" for i, k in enumerate(kinds)],
    )
    # 2. each benefit's met and unmet weights, as columns: later uses read them, none recomputes them
    scored = evaluated.selectExpr("*", *[sql for b in compiled.benefits for sql in _weights(b)])
    # 3. one struct per benefit and row, null unless kept, built in a projection: Spark compiles a
    # projection to Java, but evaluates an EXPLODE's argument in interpreted mode (10× slower)
    keep = min(min_degree, PARTIAL_DEGREE) if include_partial else None
    present = set(scored.columns)
    kind_flags = {k: f"__k{i}" for i, k in enumerate(kinds)}
    pairs = ", ".join(_benefit_pair(b, present, keep, kind_flags[b.kinds], amounts[b.index]) for b in compiled.benefits)
    carried = [quote(c) for c in carry]
    built = scored.selectExpr(quote("entity_id"), *carried, f"ARRAY({pairs}) AS __pairs")
    # EXPLODE_OUTER, not EXPLODE: for EXPLODE the optimiser infers a `size(__pairs) > 0` filter and
    # pushes it down, inlining every projection below into one tree it then takes minutes to plan
    exploded = built.selectExpr(quote("entity_id"), *carried, "EXPLODE_OUTER(__pairs) AS __pair").where(
        "__pair IS NOT NULL"
    )
    return exploded.selectExpr(quote("entity_id"), *[f"__pair.{name} AS {name}" for name in OUTPUT], *carried)


def _kind_test(kinds: frozenset[str]) -> str:
    """True where the entity's kind is one of ``kinds`` (false, not unknown, when it has none)."""
    return f"COALESCE({quote('kind')} IN ({', '.join(string_literal(k) for k in sorted(kinds))}), FALSE)"


def _outcome(condition: str) -> str:
    return f"CASE WHEN {condition} IS NULL THEN 'unknown' WHEN {condition} THEN 'met' ELSE 'unmet' END"


def _weights(benefit: CompiledBenefit) -> list[str]:
    """``__met{i}`` and ``__unmet{i}``: the summed weights of the benefit's met and unmet conditions."""
    conds = list(zip(benefit.condition_ids, benefit.weights, strict=True))
    met = " + ".join(f"CASE WHEN __c{cid} THEN {w} ELSE 0 END" for cid, w in conds)
    unmet = " + ".join(f"CASE WHEN NOT __c{cid} THEN {w} ELSE 0 END" for cid, w in conds)
    return [f"CAST({met} AS BIGINT) AS __met{benefit.index}", f"CAST({unmet} AS BIGINT) AS __unmet{benefit.index}"]


def _benefit_pair(benefit: CompiledBenefit, present: set[str], keep: int | None, kind_flag: str, amount: str) -> str:
    """One benefit's struct (status, degree, amount, provable, outcomes) where the pair is kept, else null."""
    met, unmet, total = f"__met{benefit.index}", f"__unmet{benefit.index}", benefit.total_weight
    # degree = round_half_up(100 × (met + ½ unknown) / total), in integers (numbers.degree_of)
    degree = f"CAST(({met} * 200 + ({total} - {met} - {unmet}) * 100 + {total}) DIV {2 * total} AS INT)"
    claimable = f"({unmet} = 0)"
    status = (
        f"CASE WHEN {met} = {total} THEN 'eligible' WHEN {claimable} THEN 'likely' "
        f"WHEN {degree} >= {PARTIAL_DEGREE} THEN 'partial' ELSE 'ineligible' END"
    )
    wanted = claimable if keep is None else f"({claimable} OR {degree} >= {keep})"
    kept = f"({kind_flag} AND {wanted})"
    outcomes = f"ARRAY({', '.join(_outcome(f'__c{cid}') for cid in benefit.condition_ids)})"
    return (
        f"IF({kept}, NAMED_STRUCT('benefit_id', {string_literal(benefit.id)}, 'status', {status}, "
        f"'degree', {degree}, 'amount', CASE WHEN {claimable} THEN {amount} END, "
        f"'provable', {_provable(benefit, present)}, 'outcomes', {outcomes}), NULL)"
    )


def amount_sql(benefit: CompiledBenefit, compiler: SparkSql | None = None) -> str:
    """The formula's amount in 万元 as DECIMAL(18, 6); null without a formula or with unknown inputs."""
    if benefit.amount is None:
        return f"CAST(NULL AS {AMOUNT})"
    value = _wide((compiler or SparkSql()).sql(benefit.amount))
    if benefit.amount.type == Type.INT:
        return f"CAST({value} AS {AMOUNT})"
    # micro-units × 0.000001: an exact DECIMAL(38, 6) product (scales add, nothing rounds)
    return f"CAST({value} * CAST('{Decimal(1).scaleb(-SCALE)}' AS DECIMAL({SCALE}, {SCALE})) AS {AMOUNT})"


def _provable(benefit: CompiledBenefit, present: set[str]) -> str:
    """Every column the benefit reads is verified (a column without a flag never is)."""
    flags = [quote(f"{c}__verified") if f"{c}__verified" in present else "FALSE" for c in benefit.columns]
    return "(" + " AND ".join(flags) + ")" if flags else "TRUE"


OUTPUT_SCHEMA = T.StructType(
    [
        T.StructField("entity_id", T.StringType()),
        T.StructField("benefit_id", T.StringType()),
        T.StructField("status", T.StringType()),
        T.StructField("degree", T.IntegerType()),
        T.StructField("amount", T.DecimalType(18, 6)),
        T.StructField("provable", T.BooleanType()),
        T.StructField("outcomes", T.ArrayType(T.StringType())),
    ]
)


# -- simulation ----------------------------------------------------------------------------------

NONE = "—"  # as simulation.simulate.NONE: a dimension that is unknown or does not apply
SPARK_DIMENSIONS = ("district", "section", "size_class")


def dimension_sql(df: DataFrame, as_of: dt.date) -> dict[str, Column]:
    """District, industry section and size class per entity, as ``simulation.dimensions`` computes them."""
    present = {f.name: f.dataType for f in df.schema.fields}
    last = as_of.year - 1

    def optional(name: str, sql_type: str = "STRING") -> str:
        return f"CAST({quote(name)} AS {sql_type})" if name in present else f"CAST(NULL AS {sql_type})"

    def scaled(name: str) -> Column:
        return F.expr(engine_column_sql(name, Type.DEC, present[name]) if name in present else "CAST(NULL AS BIGINT)")

    industry = optional("industry")
    size = size_class_spark(
        F.expr(industry),
        F.expr(optional(f"employees_{last}", "BIGINT")),
        scaled(f"revenue_{last}"),
        scaled(f"total_assets_{last}"),
    )
    return {
        "district": F.expr(f"COALESCE({optional('district')}, {optional('employer_district')})"),
        "section": F.expr(f"SUBSTRING({industry}, 1, 1)"),
        "size_class": size,
    }


def simulate_spark(compiled: CompiledLibrary, df: DataFrame, dims: Sequence[str] = SPARK_DIMENSIONS) -> dict[str, Any]:
    """Counts and amounts per benefit and per dimension, aggregated on the cluster (only totals come back).

    The numbers of ``simulation.simulate.simulate``: per benefit the eligible, likely and partial
    pairs and the eligible amount; per dimension value the population, the entities with an
    eligible pair, those pairs and their amount (万元, exact DECIMAL); entities reached (eligible
    or likely for some benefit). Two Spark jobs, each a GROUPING SETS aggregation in one pass.
    """
    columns = dimension_sql(df, compiled.as_of)
    with_dims = df.withColumns({f"__dim_{d}": F.coalesce(columns[d], F.lit(NONE)) for d in dims})
    carried = [f"__dim_{d}" for d in dims]
    pairs = match_population_spark(compiled, with_dims, min_degree=PARTIAL_DEGREE, include_partial=True, carry=carried)
    pairs.createOrReplaceTempView("__policyreach_pairs")
    with_dims.select("entity_id", *carried).createOrReplaceTempView("__policyreach_population")
    spark = df.sparkSession
    sets = ", ".join(f"({quote(c)})" for c in carried)
    eligible = "status = 'eligible'"
    rows = spark.sql(
        f"SELECT benefit_id, status, {', '.join(quote(c) for c in carried)}, "
        f"GROUPING_ID() AS __set, COUNT(*) AS pairs, "
        f"COUNT(DISTINCT IF({eligible}, entity_id, NULL)) AS eligible_entities, "
        f"SUM(IF({eligible}, 1, 0)) AS eligible_pairs, SUM(IF({eligible}, amount, NULL)) AS eligible_amount, "
        f"COUNT(DISTINCT IF(status IN ('eligible', 'likely'), entity_id, NULL)) AS reached "
        f"FROM __policyreach_pairs GROUP BY GROUPING SETS ((benefit_id, status), {sets}, ())"
    ).collect()
    population = spark.sql(
        f"SELECT {', '.join(quote(c) for c in carried)}, GROUPING_ID() AS __set, COUNT(*) AS population "
        f"FROM __policyreach_population GROUP BY GROUPING SETS ({sets}, ())"
    ).collect()
    benefits: dict[str, dict[str, Any]] = {
        b.id: {
            "benefit_id": b.id,
            "title": b.spec.title,
            "eligible": 0,
            "likely": 0,
            "partial": 0,
            "eligible_amount": Decimal(0),
        }
        for b in compiled.benefits
    }
    by: dict[str, dict[str, dict[str, Any]]] = {d: {} for d in dims}
    reached = 0
    entities = 0
    for row in population:
        for d, c in zip(dims, carried, strict=True):
            if row[c] is not None:
                by[d][row[c]] = {
                    d: row[c],
                    "population": row["population"],
                    "entities": 0,
                    "pairs": 0,
                    "amount": Decimal(0),
                }
        if all(row[c] is None for c in carried):
            entities = row["population"]
    for row in rows:
        if row["benefit_id"] is not None:
            benefit = benefits[row["benefit_id"]]
            if row["status"] in ("eligible", "likely", "partial"):
                benefit[row["status"]] += row["pairs"]
            if row["status"] == "eligible":
                benefit["eligible_amount"] += row["eligible_amount"] or Decimal(0)
            continue
        value = next(((d, row[c]) for d, c in zip(dims, carried, strict=True) if row[c] is not None), None)
        if value is None:
            reached = row["reached"]
            continue
        entry = by[value[0]][value[1]]
        entry.update(
            entities=row["eligible_entities"], pairs=row["eligible_pairs"], amount=row["eligible_amount"] or Decimal(0)
        )
    return {
        "entities": entities,
        "reached": reached,
        "benefits": list(benefits.values()),
        "by": {d: sorted(v.values(), key=lambda r: (-r["amount"], str(r[d]))) for d, v in by.items()},
    }
