"""Suggested boundary cases for a benefit: the values just below, at and just above each threshold its conditions
name, an unknown value and an excluded case, built from the conditions' text and the schema alone.

The officer states the outcome the clause implies for each one (符合 / 不符合 / 待核实) and the cases become the
policy's own ``tests:``; so this module never asks the engine what the rules decide (it only reads the rules), and
the page that shows its cases shows nothing the engine said before the officer has spoken. Steps follow the
attribute: a whole unit for an integer, 0.01 (or the threshold's own finer places) for a decimal, one year for a
year count computed from a date. See docs/ARCHITECTURE.md, "Policy versions".
"""

from __future__ import annotations

import ast
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from policyreach.rules.policy import Benefit, Condition, Policy
from policyreach.rules.schema import Attribute, Derived, Schema
from policyreach.rules.types import Type
from policyreach.standards import industry

Kind = Literal["typical", "below", "at", "above", "unknown", "excluded"]
KIND_ZH = {
    "typical": "各项条件均满足",
    "below": "略低于",
    "at": "恰好等于",
    "above": "略高于",
    "unknown": "数值未知",
    "excluded": "不满足适用范围",
}
_FLIP = {ast.Gt: ast.Lt, ast.GtE: ast.LtE, ast.Lt: ast.Gt, ast.LtE: ast.GtE, ast.Eq: ast.Eq}
OP_ZH = {ast.GtE: "≥", ast.Gt: ">", ast.LtE: "≤", ast.Lt: "<", ast.Eq: "="}
# a ratio or a growth rate is solved for with this denominator (万元): exact for any threshold with ≤ 4 places
_BASE = Decimal(10000)


@dataclass(frozen=True)
class Ref:
    """A quantity a condition reads: an attribute, for a year if yearly (``revenue[last_year]``)."""

    name: str
    year: int | None = None


@dataclass(frozen=True)
class Threshold:
    """One comparison of a condition: ``ref op value`` (the quantity always on the left)."""

    ref: Ref
    op: type[ast.cmpop]
    value: Decimal
    condition: int  # the index among the benefit's conditions (common ones first)


@dataclass
class Suggested:
    """One proposed case: the values an entity is given and what makes it a boundary, in words."""

    key: str  # stable for a version's text: the form names its fields by it
    benefit_id: str
    kind: Kind
    description: str
    entity: dict[str, Any] = field(default_factory=dict)


def conditions_of(policy: Policy, benefit: Benefit) -> list[Condition]:
    """The benefit's conditions as the engine reads them: the policy's common conditions first."""
    return [*policy.common_conditions, *benefit.conditions]


def suggest(schema: Schema, policy: Policy, benefit: Benefit, as_of: dt.date) -> list[Suggested]:
    """Boundary cases for one benefit on ``as_of``: a typical case that meets every condition this module can read,
    below / at / above each threshold with the rest as in the typical case, one with the first threshold's value
    unknown, and one failing the scope (a common condition) where there is one."""
    reader = _Reader(schema, policy, as_of)
    conditions = conditions_of(policy, benefit)
    meeting: dict[str, Any] = {"kind": benefit.subjects[0]}
    thresholds: list[Threshold] = []
    failing: list[tuple[int, dict[str, Any]]] = []
    for index, condition in enumerate(conditions):
        read = reader.read(condition.expr, index)
        for ref, value in read.meets:
            reader.put(meeting, ref, value)
        thresholds += read.thresholds
        failing += [(index, f) for f in read.fails]
    derived = [t for t in thresholds if reader.derived(t.ref)]
    for threshold in [t for t in thresholds if not reader.derived(t.ref)] + derived:  # the tightest value of each
        value = reader.meeting(threshold.ref, thresholds)
        if value is not None:
            reader.put(meeting, threshold.ref, value, meet=threshold.op)
    cases = [Suggested(f"{benefit.id}:typical", benefit.id, "typical", "各项条件均满足的典型情形", dict(meeting))]
    for n, threshold in enumerate(thresholds):
        label = reader.label(threshold.ref)
        unit = reader.unit(threshold.ref)
        shown = f"{OP_ZH[threshold.op]} {figure(threshold.value, unit)}{unit}"
        step = reader.step(threshold)
        for kind, value in (
            ("below", threshold.value - step),
            ("at", threshold.value),
            ("above", threshold.value + step),
        ):
            if not reader.allowed(threshold.ref, value):
                continue
            entity = dict(meeting)
            reader.put(entity, threshold.ref, value)
            for other in derived:  # a ratio read from the value just set still met, the value kept
                if other.ref != threshold.ref and not reader.derived(threshold.ref):
                    kept = reader.meeting(other.ref, thresholds)
                    if kept is not None:
                        reader.put(entity, other.ref, kept, meet=other.op, keep=threshold.ref)
            where = _clause(conditions, threshold)
            words = f"{label}{KIND_ZH[kind]}门槛：{figure(value, unit)}{unit}（条件“{shown}”，{where}）"
            cases.append(Suggested(f"{benefit.id}:{n}:{kind}", benefit.id, kind, words, entity))  # type: ignore[arg-type]
    if thresholds:
        first = thresholds[0]
        entity = dict(meeting)
        reader.drop(entity, first.ref)
        words = f"{reader.label(first.ref)}数值未知，其他条件均满足（{_clause(conditions, first)}）"
        cases.append(Suggested(f"{benefit.id}:unknown", benefit.id, "unknown", words, entity))
    common = len(policy.common_conditions)
    scope = [(i, f) for i, f in failing if i < common] or failing
    if scope:
        index, values = scope[0]
        entity = dict(meeting) | values
        condition = conditions[index]
        given = "、".join(reader.words(name, value) for name, value in values.items())
        what = f"“{condition.label}”" if condition.label else "适用范围"
        words = f"不满足{what}（第 {condition.clause} 条）：{given}，其他条件均满足"
        cases.append(Suggested(f"{benefit.id}:excluded", benefit.id, "excluded", words, entity))
    return cases


def _clause(conditions: list[Condition], threshold: Threshold) -> str:
    return f"第 {conditions[threshold.condition].clause} 条"


def figure(value: Decimal, unit: str = "") -> str:
    """A figure as people write it: no trailing zeros, and money's digits grouped by thousands (4,999.99 万元; a
    year stays 2024)."""
    return f"{value.normalize():,f}" if "元" in unit else format(value.normalize(), "f")


def _holds(op: type[ast.cmpop], left: Decimal, right: Decimal) -> bool:
    return {
        ast.GtE: left >= right,
        ast.Gt: left > right,
        ast.LtE: left <= right,
        ast.Lt: left < right,
        ast.Eq: left == right,
    }[op]


def _meeting_value(same: list[Threshold], step: Decimal) -> Decimal | None:
    """A value meeting every threshold on one quantity: a candidate near each bound, the first that meets all."""
    candidates = [c for t in same for c in (t.value, t.value + step, t.value - step, t.value + 1, t.value - 1)]
    for candidate in candidates:
        if all(_holds(t.op, candidate, t.value) for t in same):
            return candidate
    return None


@dataclass
class _Read:
    thresholds: list[Threshold] = field(default_factory=list)
    meets: list[tuple[Ref, Any]] = field(default_factory=list)
    fails: list[dict[str, Any]] = field(default_factory=list)


class _Reader:
    """Reads a condition's comparisons, flags and code lists; what it cannot read adds no value (the officer still
    judges the case, and an unread condition is left unknown in it)."""

    def __init__(self, schema: Schema, policy: Policy, as_of: dt.date) -> None:
        self.schema, self.policy, self.as_of = schema, policy, as_of

    # -- reading ----------------------------------------------------------------------------------------------

    def read(self, expr: str, index: int) -> _Read:
        found = _Read()
        try:
            tree = ast.parse(expr, mode="eval").body
        except SyntaxError:
            return found
        parts = tree.values if isinstance(tree, ast.BoolOp) and isinstance(tree.op, ast.And) else [tree]
        for part in parts:
            self._part(part, index, found)
        return found

    def _part(self, node: ast.expr, index: int, found: _Read) -> None:
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            ref = self._ref(node.operand)
            if ref is not None and self._type(ref) == Type.BOOL:
                found.meets.append((ref, False))
                found.fails.append(self._values(ref, True))
            return
        ref = self._ref(node)
        if ref is not None and self._type(ref) == Type.BOOL:
            found.meets.append((ref, True))
            found.fails.append(self._values(ref, False))
            return
        if _call(node, "startswith") and len(node.args) == 2:  # type: ignore[attr-defined]
            self._prefixes(node.args[0], node.args[1], found)  # type: ignore[attr-defined]
            return
        if not isinstance(node, ast.Compare) or len(node.ops) != 1:
            return
        left, op, right = node.left, type(node.ops[0]), node.comparators[0]
        if op in (ast.In, ast.NotIn):
            self._membership(left, op, right, found)
            return
        if op not in _FLIP:
            return
        ref, value = self._ref(left), self._number(right)
        if ref is not None and op is ast.Eq and isinstance(right, ast.Constant) and isinstance(right.value, str):
            found.meets.append((ref, right.value))
            return
        if ref is None or value is None:
            ref, value, op = self._ref(right), self._number(left), _FLIP[op]
        if ref is None or value is None or self._type(ref) not in (Type.INT, Type.DEC):
            return
        found.thresholds.append(Threshold(ref, op, value, index))

    def _membership(self, left: ast.expr, op: type[ast.cmpop], right: ast.expr, found: _Read) -> None:
        ref = self._ref(left)
        if ref is None or self._type(ref) != Type.STR:
            return
        if isinstance(right, ast.Name):
            codeset = self.schema.codesets.get(right.id)
            codes = list(codeset.values) if codeset is not None else []
        elif isinstance(right, ast.List | ast.Tuple | ast.Set):
            codes = [e.value for e in right.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        else:
            return
        if not codes:
            return
        attribute = self.schema.attributes.get(ref.name)
        allowed = self.schema.codesets.get(attribute.codeset) if attribute and attribute.codeset else None
        outside = [c for c in (allowed.values if allowed else ()) if c not in codes]
        if op is ast.In:
            found.meets.append((ref, codes[0]))
            if outside:
                found.fails.append(self._values(ref, outside[0]))
        elif outside:
            found.meets.append((ref, outside[0]))
            found.fails.append(self._values(ref, codes[0]))

    def _prefixes(self, left: ast.expr, right: ast.expr, found: _Read) -> None:
        """``startswith(industry, ["B", "C", "D"])``, the usual way a scope names 工业 or a sector: a code of the
        attribute's code list inside the prefixes meets it, one outside fails it."""
        ref = self._ref(left)
        elements = right.elts if isinstance(right, ast.List | ast.Tuple) else [right]
        prefixes = [e.value for e in elements if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        if ref is None or self._type(ref) != Type.STR or not prefixes:
            return
        codes = self._codes(ref)
        inside = next((c for c in codes if c.startswith(tuple(prefixes))), None)
        outside = next((c for c in codes if not c.startswith(tuple(prefixes))), None)
        if inside is not None:
            found.meets.append((ref, inside))
        if outside is not None:
            found.fails.append(self._values(ref, outside))

    def _codes(self, ref: Ref) -> list[str]:
        """The values an attribute may hold: its code list, or the industry classification's 大类 codes."""
        attribute = self.schema.attributes.get(ref.name)
        if attribute is None or not attribute.codeset:
            return []
        if attribute.codeset == industry.STANDARD:
            return [industry.full_code(division) for division in industry.DIVISIONS]
        codeset = self.schema.codesets.get(attribute.codeset)
        return list(codeset.values) if codeset is not None else []

    def _ref(self, node: ast.expr) -> Ref | None:
        if isinstance(node, ast.Name) and self.schema.field(node.id) is not None:
            return Ref(node.id)
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
            attribute = self.schema.attributes.get(node.value.id)
            year = self._year(node.slice)
            if attribute is not None and attribute.yearly and year is not None:
                return Ref(node.value.id, year)
        return None

    def _year(self, node: ast.expr) -> int | None:
        if isinstance(node, ast.Name) and node.id == "last_year":
            return self.as_of.year - 1
        if isinstance(node, ast.Name) and node.id == "this_year":
            return self.as_of.year
        if (
            _call(node, "years_ago")
            and len(node.args) == 1  # type: ignore[attr-defined]
            and isinstance(node.args[0], ast.Constant)  # type: ignore[attr-defined]
            and isinstance(node.args[0].value, int)  # type: ignore[attr-defined]
        ):
            return self.as_of.year - node.args[0].value  # type: ignore[attr-defined]
        if isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool):
            return node.value
        return None

    def _number(self, node: ast.expr) -> Decimal | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
            return Decimal(str(node.value))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            inner = self._number(node.operand)
            return -inner if inner is not None else None
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "params":
            parameter = self.policy.parameters.get(node.attr)
            value = parameter.value_at(self.as_of) if parameter is not None else None
            if isinstance(value, Decimal | int) and not isinstance(value, bool):
                return Decimal(value)
            return None
        year = self._year(node)
        return Decimal(year) if year is not None and not isinstance(node, ast.Constant) else None

    # -- the schema -------------------------------------------------------------------------------------------

    def _field(self, ref: Ref) -> Attribute | Derived | None:
        return self.schema.field(ref.name)

    def _type(self, ref: Ref) -> Type | None:
        found = self._field(ref)
        return found.type if found is not None else None

    def label(self, ref: Ref) -> str:
        found = self._field(ref)
        label = found.label if found is not None else ref.name
        if ref.year is not None:
            return f"{ref.year} 年{label}"
        return label

    def unit(self, ref: Ref) -> str:
        found = self._field(ref)
        unit = found.unit if found is not None and found.unit else ""
        return f" {unit}" if unit and unit != "%" else unit

    def words(self, name: str, value: Any) -> str:
        """A value given to an attribute, in words: a flag as 是/否, a code by its name."""
        found = self.schema.field(name)
        label = found.label if found is not None else name
        if isinstance(value, bool):
            return f"{label}：{'是' if value else '否'}"
        codeset = getattr(found, "codeset", None)
        labels = self.schema.codesets[codeset].labels if codeset and codeset in self.schema.codesets else {}
        return f"{label}：{labels.get(value, value) if isinstance(value, str) else value}"

    def meeting(self, ref: Ref, thresholds: list[Threshold]) -> Decimal | None:
        same = [t for t in thresholds if t.ref == ref]
        return _meeting_value(same, min(self.step(t) for t in same))

    def step(self, threshold: Threshold) -> Decimal:
        if self._type(threshold.ref) == Type.INT:
            return Decimal(1)
        places = -int(threshold.value.normalize().as_tuple().exponent)
        return Decimal(1).scaleb(-max(2, places))

    def allowed(self, ref: Ref, value: Decimal) -> bool:
        """Within the attribute's declared range (a value the profile would refuse is no case to judge)."""
        found = self._field(ref)
        if isinstance(found, Attribute):
            if found.type == Type.INT and value != value.to_integral():
                return False
            if found.min is not None and value < found.min:
                return False
            return not (found.max is not None and value > found.max)
        return self._solve(ref, value, {}, None, None) is not None

    # -- writing values ---------------------------------------------------------------------------------------

    def _values(self, ref: Ref, value: Any) -> dict[str, Any]:
        entity: dict[str, Any] = {}
        self.put(entity, ref, value)
        return entity

    def derived(self, ref: Ref) -> bool:
        return isinstance(self._field(ref), Derived)

    def put(
        self,
        entity: dict[str, Any],
        ref: Ref,
        value: Any,
        *,
        meet: type[ast.cmpop] | None = None,
        keep: Ref | None = None,
    ) -> None:
        """Give ``ref`` the value: a derived quantity through its inputs. ``meet``: only meet ``ref op value`` (a
        ratio rounded the right way), keeping the input ``keep`` (or the numerator) as it is in ``entity``."""
        if isinstance(value, Decimal):
            value = int(value) if value == value.to_integral() else value.normalize()
        if self.derived(ref):
            if isinstance(value, int | Decimal) and not isinstance(value, bool):
                solved = self._solve(ref, Decimal(value), entity, meet, keep)
                for name, given in (solved or {}).items():
                    entity[name] = {**(entity.get(name) or {}), **given} if isinstance(given, dict) else given
            return
        if ref.year is not None:
            entity[ref.name] = {**(entity.get(ref.name) or {}), ref.year: value}
        else:
            entity[ref.name] = value

    def drop(self, entity: dict[str, Any], ref: Ref) -> None:
        if not self.derived(ref):
            entity.pop(ref.name, None)
            return
        for name in self._solve(ref, Decimal(1), {}, None, None) or {}:
            entity.pop(name, None)

    def _solve(
        self,
        ref: Ref,
        value: Decimal,
        entity: dict[str, Any],
        meet: type[ast.cmpop] | None,
        keep: Ref | None,
    ) -> dict[str, Any] | None:
        """Inputs giving a derived quantity ``value``: the derivations the schema uses (a count of full years since
        a date; a ratio in %; a growth rate in %)."""
        derived = self.schema.derived.get(ref.name)
        if derived is None or derived.expr is None:
            return None
        try:
            tree = ast.parse(derived.expr, mode="eval").body
        except SyntaxError:
            return None
        if _call(tree, "years_since") and isinstance(tree.args[0], ast.Name):  # type: ignore[attr-defined]
            if value != value.to_integral() or value < 0:
                return None
            years = int(value)
            try:
                day = self.as_of.replace(year=self.as_of.year - years)
            except ValueError:  # 29 February
                day = self.as_of.replace(year=self.as_of.year - years, day=28)
            return {tree.args[0].id: day}  # type: ignore[attr-defined]
        if isinstance(tree, ast.BinOp) and isinstance(tree.op, ast.Mult) and _hundred(tree.right):
            inner = tree.left
            if _call(inner, "ratio"):  # ratio(a, b) * 100
                return self._ratio(inner, value / 100, entity, meet, keep)  # type: ignore[arg-type]
            if (
                isinstance(inner, ast.BinOp)
                and isinstance(inner.op, ast.Sub)
                and _call(inner.left, "ratio")
                and isinstance(inner.right, ast.Constant)
                and inner.right.value == 1
            ):  # (ratio(a, b) - 1) * 100: a growth rate
                return self._ratio(inner.left, 1 + value / 100, entity, meet, keep)  # type: ignore[arg-type]
        return None

    def _ratio(
        self,
        call: ast.Call,
        ratio: Decimal,
        entity: dict[str, Any],
        meet: type[ast.cmpop] | None,
        keep: Ref | None,
    ) -> dict[str, Any] | None:
        """``top / bottom = ratio`` (the engine keeps six places): exactly, with a denominator of whole 万元 that
        keeps the numerator at least what ``entity`` has; or, with ``meet``, only on the side of the comparison,
        changing one input and keeping the other (``keep``, else the numerator)."""
        top, bottom = (self._ref(a) for a in call.args[:2])
        if top is None or bottom is None or ratio < 0:
            return None
        had_top, had_bottom = self._given(entity, top), self._given(entity, bottom)
        cent = Decimal("0.01")
        if meet is not None and meet is not ast.Eq and ratio > 0:
            upward = meet in (ast.GtE, ast.Gt)  # the ratio must not fall below (or rise above) the value
            nudge = Decimal("0.000001") if meet in (ast.Gt, ast.Lt) else Decimal(0)
            target = ratio + nudge if upward else ratio - nudge
            if keep == bottom and had_bottom is not None and target > 0:
                raw = had_bottom * target
                numerator = raw.quantize(cent, rounding="ROUND_CEILING" if upward else "ROUND_FLOOR")
                return self._pair(top, numerator, bottom, had_bottom)
            if had_top is not None and had_top > 0 and target > 0:
                raw = had_top / target
                denominator = raw.quantize(cent, rounding="ROUND_FLOOR" if upward else "ROUND_CEILING")
                if denominator > 0:
                    return self._pair(top, had_top, bottom, denominator)
        scale = _BASE
        if had_top is not None and ratio > 0:
            while ratio * scale < had_top:
                scale *= 10
        return self._pair(top, ratio * scale, bottom, scale)

    @staticmethod
    def _given(entity: dict[str, Any], ref: Ref) -> Decimal | None:
        value = entity.get(ref.name)
        if isinstance(value, dict):
            value = value.get(ref.year)
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            return Decimal(value)
        return None

    @staticmethod
    def _pair(top: Ref, numerator: Decimal, bottom: Ref, denominator: Decimal) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for ref, given in ((bottom, denominator), (top, numerator)):
            plain: Any = int(given) if given == given.to_integral() else given.normalize()
            if ref.year is not None:
                values[ref.name] = {**(values.get(ref.name) or {}), ref.year: plain}
            else:
                values[ref.name] = plain
        return values


def _call(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name and bool(node.args)


def _hundred(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value == 100
