"""The one renderer: conditions and amounts as plain Chinese, with the entity's own figures.

Sentences are built from the rule's structure (docs/ARCHITECTURE.md, "One renderer"), never from a
stored string; the optional label of a condition only replaces the subject. Reports,
portal pages, the calculator and messages all call this module.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal, localcontext
from typing import Any, TypeGuard

from policyreach.engine.scalar import compile_scalar
from policyreach.rules.absence import NONE, ListImport
from policyreach.rules.binding import bind
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
    children,
    cols_of,
    const_decimal,
    transform,
)
from policyreach.rules.language import Env, parse_expression
from policyreach.rules.numbers import quantize
from policyreach.rules.schema import Fixity, Schema
from policyreach.rules.types import Type

_OP_WORDS = {">=": "不低于", ">": "高于", "<=": "不高于", "<": "低于", "==": "为", "!=": "不为"}
# what a benefit of each kind grants, in its amount sentence (认定奖励, 研发补助, 人才补贴, 贷款贴息补贴 ...)
GRANT_ZH = {
    "certification": "奖励",
    "indicator": "奖励",
    "subsidy": "补助",
    "talent": "补贴",
    "finance": "补贴",
    "other": "支持",
}
TAX_RELIEF_ZH = "估算减免税额"
OUTCOME_ZH = {"met": "满足", "unmet": "未满足", "unknown": "待补充"}
FIXED_ZH = "无法通过补充材料改变"
_CN_COUNT = {1: "一", 2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十"}
_YEAR_COLUMN = re.compile(r"^(?P<attr>.+)_(?P<year>\d{4})$")


@dataclass(frozen=True)
class FieldRef:
    """A field of the profile a hint asks the firm to fill: the page links to ``#field-<column>``."""

    column: str
    label: str


@dataclass(frozen=True)
class Hint:
    """What would change one condition's outcome (docs/formats.md, "What would change it").

    ``kind``: ``gap`` (a figure short by an amount), ``obtain`` (a certification to obtain), ``expired`` (one to
    renew), ``choice`` (an ``or`` with several ways), ``change`` (another change the firm can make), ``missing``
    (a value to supply) or ``fixed`` (nothing the firm supplies can meet it: never offered as hope).
    """

    text: str
    kind: str
    fields: tuple[FieldRef, ...] = ()

    @property
    def fixed(self) -> bool:
        return self.kind == "fixed"


def _percent_of_ratio(node: Node) -> TypeGuard[Arith]:
    return (
        isinstance(node, Arith)
        and node.op == "*"
        and isinstance(node.left, Call)
        and node.left.fn == "ratio"
        and isinstance(node.right, Const)
        and node.right.value == 100
    )


def readable(node: Node) -> Node:
    """An amount as a person reads it: sums and differences of constants done (two bound parameters' ``0.25 −
    0.05`` is 20%) and a factor of 1 dropped (加计扣除比例 100%); a product of constants stays, as 每月0.3万元×12
    tells how the sum comes. The back ends evaluate the tree as written."""

    def fold(part: Node) -> Node | None:
        if not isinstance(part, Arith):
            return None
        left, right = _number(part.left), _number(part.right)
        if left is not None and right is not None and part.op in ("+", "-"):
            value = left + right if part.op == "+" else left - right
            return Const(part.type, value=value if part.type != Type.INT else int(value))
        if part.op == "*" and right == 1:
            return part.left
        if part.op == "*" and left == 1:
            return part.right
        return None

    return transform(node, fold)


def _part_above(node: Node) -> tuple[Node, Decimal] | None:
    """max(x − line, 0) as (x, line): the part of x above a line."""
    if not (isinstance(node, Call) and node.fn == "max" and len(node.args) == 2 and _number(node.args[1]) == 0):
        return None
    inner = node.args[0]
    if isinstance(inner, Arith) and inner.op == "-" and (line := _number(inner.right)) is not None:
        return inner.left, line
    return None


def _percentage(node: Node) -> bool:
    """ratio(a, b) × 100: a share written in per cent, whose thresholds and bands read with "%"."""
    return (
        isinstance(node, Arith)
        and node.op == "*"
        and isinstance(node.left, Call)
        and node.left.fn == "ratio"
        and _number(node.right) == 100
    )


def _number(node: Node) -> Decimal | None:
    if isinstance(node, Const) and isinstance(node.value, int | Decimal) and not isinstance(node.value, bool):
        return Decimal(node.value)
    return None


def format_number(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        text = f"{value:,f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10000 else str(value)
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value)


def money_words(wan: Decimal | int, space: str = "") -> str:
    """An amount in 万元 as a person reads it: at most two decimals (halves up), or 元 when it is below 0.01 万元."""
    value = Decimal(wan)
    if value and abs(value) < Decimal("0.01"):
        return f"{format_number(quantize(value * 10_000, 2))}{space}元"
    return f"{format_number(quantize(value, 2))}{space}万元"


class Explainer:
    """Renders bound trees for one schema and evaluation date."""

    def __init__(self, schema: Schema, as_of: dt.date) -> None:
        self.schema = schema
        self.as_of = as_of
        self.money_word = "万元"  # the word after a per-head amount; 分 on the copy that renders scores
        self._derived_unit: dict[Node, str] = {}
        self._derived = self._bound_derived()

    def _bound_derived(self) -> dict[Node, str]:
        named: dict[Node, str] = {}
        for derived in self.schema.derived.values():
            if derived.expr:
                try:
                    node = bind(parse_expression(derived.expr, Env(self.schema)), self.as_of, {})
                except Exception:
                    continue
                # two kinds may derive the same value (企业成立年限, 机构成立年限): a sentence names what they share
                named[node] = _shared_label(named[node], derived.label) if node in named else derived.label
                self._derived_unit.setdefault(node, derived.unit or "")
        return named

    # -- subjects ------------------------------------------------------------------------
    def year_words(self, year: int) -> str:
        if year == self.as_of.year - 1:
            return f"上年度（{year}年）"
        if year == self.as_of.year:
            return f"本年度（{year}年）"
        return f"{year}年"

    def label(self, col: Col) -> str:
        field = self.schema.field(col.attr) or self.schema.derived.get(col.attr)
        if field is None and col.builtin:
            field = next((d for d in self.schema.derived.values() if d.builtin == col.builtin), None)
        text = field.label if field else col.attr
        return f"{self.year_words(col.year)}{text}" if col.year is not None else text

    def unit(self, node: Node) -> str:
        if _percentage(node):
            return "%"
        if isinstance(node, Col):
            field = self.schema.field(node.attr)
            if field is None and node.builtin:
                field = next((d for d in self.schema.derived.values() if d.builtin == node.builtin), None)
            return (field.unit or "") if field and field.unit not in ("年份",) else ""
        return self._derived_unit.get(node, "")

    def code_label(self, code: object) -> str:
        for codeset in self.schema.codesets.values():
            if isinstance(code, str) and code in codeset.labels:
                return codeset.labels[code]
        return format_number(code)

    def code_of(self, node: Node, code: object) -> str:
        """A code in words, by the code set of the attribute it is a value of when it has one (A类 of 人才分类, not
        an A of another set)."""
        attr = self.schema.attributes.get(node.attr) if isinstance(node, Col) else None
        codeset = self.schema.codesets.get(attr.codeset) if attr is not None and attr.codeset else None
        if codeset is not None and isinstance(code, str) and code in codeset.labels:
            return codeset.labels[code]
        return self.code_label(code)

    def list_label(self, options: ListLit) -> str:
        values = tuple(o.value for o in options.items)
        for codeset in self.schema.codesets.values():
            if tuple(codeset.values) == values:
                return codeset.label
        names = [self.code_label(v) for v in values]
        return "、".join(names[:8]) + ("等" if len(names) > 8 else "")

    def column_label(self, column: str) -> str:
        """The label of a stored column ("employees_2025" → "上年度（2025年）从业人员")."""
        attr = self.schema.attributes.get(column)
        if attr is not None:
            return attr.label
        found = _YEAR_COLUMN.match(column)
        if found and (attr := self.schema.attributes.get(found["attr"])) is not None:
            return f"{self.year_words(int(found['year']))}{attr.label}"
        return column

    def fixity(self, col: Col) -> Fixity:
        """Whether the firm can change a value: a figure of a closed year is fixed whatever the schema says, and a
        builtin derived only from fixed values is too (docs/formats.md, "What would change it")."""
        if col.builtin:
            return all(self.column_fixity(d) is True for d in col.deps)
        if col.year is not None and col.year < self.as_of.year:
            return True
        attr = self.schema.attributes.get(col.attr)
        return attr.fixity if attr is not None else False

    def column_fixity(self, column: str) -> Fixity:
        found = _YEAR_COLUMN.match(column)
        if found and found["attr"] in self.schema.attributes:
            if int(found["year"]) < self.as_of.year:
                return True
            return self.schema.attributes[found["attr"]].fixity
        attr = self.schema.attributes.get(column)
        return attr.fixity if attr is not None else False

    # -- what would change it -------------------------------------------------------------
    def hint(
        self,
        node: Node,
        outcome: str,
        values: Mapping[str, Any],
        label: str | None = None,
        who: str = "您的企业",
        absent: Mapping[str, ListImport] | None = None,
    ) -> Hint | None:
        """The smallest change that would meet an unmet condition, the values to supply for an unknown one, or that
        nothing the firm supplies can meet it; ``None`` for a met condition."""
        if outcome == "met":
            return None
        hints = _Hints(self, values, absent or {}, who)
        head = label or self.sentence(node)
        return hints.missing(node, head) if outcome == "unknown" else hints.unmet(node, head)

    def unmet_fixed(
        self,
        node: Node,
        values: Mapping[str, Any],
        who: str = "您的企业",
        absent: Mapping[str, ListImport] | None = None,
    ) -> bool:
        """Whether the hint of an unmet condition says it is fixed (``hint(node, "unmet", …).fixed``), decided
        without writing the hint's words: the policy list asks it of every partial match on every page view, and
        writing the words (the firm's figures, the gaps in 万元) cost more than the rest of the page."""
        return _Hints(self, values, absent or {}, who).unmet_fixed(node)

    # -- conditions ----------------------------------------------------------------------
    def sentence(self, node: Node) -> str:
        """The requirement a condition states, without the entity's values."""
        if node in self._derived:
            return self._derived[node]
        if isinstance(node, Cmp):
            left, right = self.term(node.left), self.term(node.right)
            if isinstance(node.right, Const) and node.right.type.value == "boolean":
                return f"{left}{'为是' if node.right.value == (node.op == '==') else '为否'}"
            if isinstance(node.right, Const) and node.left.type.value == "decimal" and node.right.type.is_number:
                right = format_number(const_decimal(node.right))
            if _percent_of_ratio(node.left) and isinstance(node.right, Const) and node.left not in self._derived:
                # ratio(a, b) * 100 >= 10 reads "a占b的比例不低于10%", not "…的比例×100不低于10"
                return f"{self.term(node.left.left)}{_OP_WORDS[node.op]}{right}%"
            return f"{left}{_OP_WORDS[node.op]}{right}{self.unit(node.left) if isinstance(node.right, Const) else ''}"
        if isinstance(node, BoolOp):
            joiner = "且" if node.op == "and" else "或"
            return joiner.join(self._nested(i) for i in node.items)
        if isinstance(node, Not):
            return (
                f"不满足“{self.sentence(node.item)}”"
                if not isinstance(node.item, Col)
                else f"{self.label(node.item)}为否"
            )
        if isinstance(node, In):
            word = "不属于" if node.negate else "属于"
            return f"{self.term(node.item)}{word}{self.list_label(node.options)}"
        if isinstance(node, Col):
            return f"{self.label(node)}为是"
        if isinstance(node, Call) and node.fn == "startswith" and isinstance(node.args[1], ListLit):
            word = "、".join(self.code_label(o.value) for o in node.args[1].items)
            return f"{self.term(node.args[0])}属于{word}"
        return self.term(node)

    def _nested(self, node: Node) -> str:
        text = self.sentence(node)
        return f"（{text}）" if isinstance(node, BoolOp) else text

    def term(self, node: Node) -> str:
        """A value expression in words (a subject, a threshold, a formula)."""
        if node in self._derived:
            return self._derived[node]
        if isinstance(node, Col):
            return self.label(node)
        if isinstance(node, Const):
            return self.code_label(node.value) if isinstance(node.value, str) else format_number(node.value)
        if _percentage(node):
            assert isinstance(node, Arith) and isinstance(node.left, Call)
            return f"{self.term(node.left.args[0])}占{self.term(node.left.args[1])}的百分比"
        if isinstance(node, Arith):
            if (
                node.op == "*"
                and isinstance(node.right, Const)
                and isinstance(node.left, Col)
                and self.unit(node.left) in ("人", "件", "个", "家", "台", "项")
            ):
                per = format_number(const_decimal(node.right))
                return f"{self.label(node.left)}每{self.unit(node.left)}{per}{self.money_word}"
            if (
                node.op == "*"
                and isinstance(node.right, Const)
                and node.right.type.value == "decimal"
                and const_decimal(node.right) < 1
            ):
                pct = format_number(const_decimal(node.right) * 100)
                return f"{self._increment(node.left) or self._operand(node.left, '*')}的{pct}%"
            symbol = {"+": "＋", "-": "－", "*": "×", "/": "÷"}[node.op]
            return f"{self._operand(node.left, node.op)}{symbol}{self._operand(node.right, node.op)}"
        if isinstance(node, Call):
            return self._call(node)
        if isinstance(node, Tier):
            return f"按{self.term(node.x)}分档（{self.bands(node)}）"
        if isinstance(node, Progressive):
            return f"按{self.term(node.x)}分段累进计算（{self.progressive_bands(node)}）"
        if isinstance(node, PerUnit):
            return self.per_unit_words(node)
        if isinstance(node, Lookup):
            return f"按{self.term(node.x)}对应金额（{self.lookup_table(node)}）"
        if isinstance(node, Award):
            return f"“{node.name}”的标准金额"
        return self.sentence(node)

    def progressive_bands(self, node: Progressive) -> str:
        """ "100万元以内的部分按10%；100万元至500万元的部分按8%；超过500万元的部分按5%"."""
        unit = self.unit(node.x)
        parts = []
        for i, (start, rate) in enumerate(node.bands):
            pct = f"{format_number(rate * 100)}%"
            following = node.bands[i + 1][0] if i + 1 < len(node.bands) else None
            if following is None:
                parts.append(f"超过{format_number(start)}{unit}的部分按{pct}")
            elif start == 0:
                parts.append(f"{format_number(following)}{unit}以内的部分按{pct}")
            else:
                parts.append(f"{format_number(start)}{unit}至{format_number(following)}{unit}的部分按{pct}")
        return "；".join(parts)

    def _step_size(self, node: Call) -> str:
        """ "1,000万元": a step of ``steps(x, size)`` with the unit of x."""
        return f"{format_number(const_decimal(node.args[1]))}{self._figure_unit(node.args[0])}"

    def _figure_unit(self, node: Node) -> str:
        """The unit of a figure, or of the first attribute it is computed from (an increase is in its unit)."""
        return self.unit(node) or next((u for c in cols_of(node) if (u := self.unit(c))), "")

    def per_unit_words(self, node: PerUnit) -> str:
        """ "发明专利授权量每件2万元，最多计10件"; by steps "新增产值每满10,000万元10万元，最多计5档"."""
        if isinstance(node.x, Call) and node.x.fn == "steps":
            limit = f"，最多计{format_number(node.limit.value)}档" if node.limit is not None else ""
            return (
                f"{self.term(node.x.args[0])}每满{self._step_size(node.x)}"
                f"计{format_number(node.each.value)}{self.money_word}{limit}"
            )
        unit = self.unit(node.x) or "个"
        limit = f"，最多计{format_number(node.limit.value)}{unit}" if node.limit is not None else ""
        return f"{self.term(node.x)}每{unit}{format_number(node.each.value)}{self.money_word}{limit}"

    def lookup_table(self, node: Lookup) -> str:
        """ "A类人才500万元、B类人才300万元；其他0万元"."""
        money = self.money_word
        listed = "、".join(f"{self.code_of(node.x, k)}{format_number(v.value)}{money}" for k, v in node.table)
        return f"{listed}；其他{format_number(node.default.value)}{self.money_word}"

    def working(self, node: Node, values: Mapping[str, Any]) -> list[str]:
        """How each progressive, per-unit and lookup part of an amount comes out with the entity's own figures
        ("1,200万元：100万元以内部分 100万元×10%＝10万元；…合计77万元"); parts whose input is unknown are left out."""
        lines: list[str] = []
        stack = [node]
        while stack:
            current = stack.pop()
            stack.extend(reversed(children(current)))
            if isinstance(current, Award) and current.inner is not None:
                # the other benefit's amount with this entity's figures, so the raise reads with its base
                standard = compile_scalar(current.inner)(values)
                if standard is not None and standard is not NONE:
                    lines.append(f"“{current.name}”的标准金额为{money_words(Decimal(standard))}")
                continue
            value = compile_scalar(current.x)(values) if isinstance(current, Progressive | PerUnit | Lookup) else None
            if value is None or value is NONE:
                continue
            if isinstance(current, Progressive):
                lines.append(self._progressive_working(current, Decimal(value)))
            elif isinstance(current, PerUnit) and isinstance(current.x, Call) and current.x.fn == "steps":
                # the figure itself beside its whole steps, so the claimant sees what a part of a step earns
                raw = compile_scalar(current.x.args[0])(values)
                lines.append(self._steps_working(current, Decimal(raw), value))
            elif isinstance(current, PerUnit):
                lines.append(self._per_unit_working(current, Decimal(value)))
            elif isinstance(current, Lookup):
                found = next((v for k, v in current.table if k == value), current.default)
                lines.append(
                    f"{self.term(current.x)}为{self.code_of(current.x, value)}，"
                    f"对应{format_number(found.value)}{self.money_word}"
                )
        return lines

    def _progressive_working(self, node: Progressive, x: Decimal) -> str:
        unit = self.unit(node.x)
        parts, total = [], Decimal(0)
        for i, (start, rate) in enumerate(node.bands):
            end = node.bands[i + 1][0] if i + 1 < len(node.bands) else None
            top = x if end is None else min(x, end)
            if top <= start:
                break
            portion = top - start
            part = quantize(portion * rate)
            total += part
            where = (
                f"超过{format_number(start)}{unit}的部分"
                if end is None
                else (
                    f"{format_number(end)}{unit}以内的部分"
                    if start == 0
                    else f"{format_number(start)}{unit}至{format_number(end)}{unit}的部分"
                )
            )
            parts.append(
                f"{where} {format_number(quantize(portion, 2))}{unit}×{format_number(rate * 100)}%＝{money_words(part)}"
            )
        if not parts:
            return f"{self.term(node.x)} {format_number(quantize(x, 2))}{unit}，未达到起算点"
        head = f"{self.term(node.x)} {format_number(quantize(x, 2))}{unit}"
        return f"{head}：{'；'.join(parts)}；合计{money_words(total)}"

    def _per_unit_working(self, node: PerUnit, x: Decimal) -> str:
        unit = self.unit(node.x) or "个"
        count = max(x, Decimal(0))
        capped = ""
        if node.limit is not None and count > const_decimal(node.limit):
            count = const_decimal(node.limit)
            capped = f"，按最多{format_number(node.limit.value)}{unit}计"
        each = const_decimal(node.each)
        return (
            f"{self.term(node.x)} {format_number(quantize(x, 2))}{unit}{capped}："
            f"{format_number(quantize(count, 2))}×{format_number(each)}{self.money_word}"
            f"＝{format_number(quantize(count * each, 2))}{self.money_word}"
        )

    def _steps_working(self, node: PerUnit, raw: Decimal, steps: int) -> str:
        assert isinstance(node.x, Call)
        count, capped = steps, ""
        if node.limit is not None and count > const_decimal(node.limit):
            count = int(const_decimal(node.limit))
            capped = f"，按最多{format_number(node.limit.value)}档计"
        each, money = const_decimal(node.each), self.money_word
        return (
            f"{self.term(node.x.args[0])} {format_number(quantize(raw, 2))}{self._figure_unit(node.x.args[0])}，"
            f"每满{self._step_size(node.x)}计一档，共{steps}档{capped}："
            f"{count}×{format_number(each)}{money}＝{format_number(quantize(count * each, 2))}{money}"
        )

    def bands(self, node: Tier, money: str = "万元") -> str:
        """ "不足10人的1万元；10人（含）至50人的3万元；50人及以上的5万元": each band with the subject's unit."""
        unit = self.unit(node.x)
        parts = []
        for i, (start, value) in enumerate(node.bands):
            amount = f"{format_number(value.value)}{money}"
            following = node.bands[i + 1][0] if i + 1 < len(node.bands) else None
            if following is None:
                parts.append(f"{format_number(start)}{unit}及以上的{amount}")
            elif start == 0:
                parts.append(f"不足{format_number(following)}{unit}的{amount}")
            else:
                parts.append(f"{format_number(start)}{unit}（含）至{format_number(following)}{unit}的{amount}")
        return "；".join(parts)

    def _increment(self, node: Node) -> str | None:
        """a[last year] - a[year before] reads as the increase, not as a subtraction a reader must bracket."""
        if (
            isinstance(node, Arith)
            and node.op == "-"
            and isinstance(node.left, Col)
            and isinstance(node.right, Col)
            and node.left.attr == node.right.attr
            and node.left.year
            and node.right.year
        ):
            return f"{self.label(node.left)}较{node.right.year}年增长部分"
        return None

    def _operand(self, node: Node, op: str) -> str:
        # a sum inside a product keeps its brackets, or "(a + b) × 2" would read as "a + b × 2"; a capped figure
        # too: "（营业收入的10%，最高300万元）的20%", not "最高300万元的20%"
        text = self.term(node)
        bracketed = (isinstance(node, Arith) and node.op in ("+", "-")) or (
            isinstance(node, Call) and node.fn in ("min", "max") and not _part_above(node)
        )
        return f"（{text}）" if op in ("*", "/") and bracketed and node not in self._derived else text

    def _call(self, node: Call) -> str:
        args = node.args
        if node.fn == "ratio":
            return f"{self.term(args[0])}占{self.term(args[1])}的比例"
        if node.fn == "years_since":
            return f"{self.term(args[0])}至今年数"
        if above := _part_above(node):
            # max(x − 500, 0): the part above the line, as a progressive clause says it (超过500万元的部分)
            figure, line = above
            return f"{self.term(figure)}超过{format_number(line)}{self._figure_unit(figure)}的部分"
        if node.fn in ("min", "max") and len(args) == 2 and isinstance(args[1], Const):
            word = "最高" if node.fn == "min" else "最低"
            return f"{self.term(args[0])}，{word}{format_number(args[1].value)}{self._figure_unit(args[0])}"
        if node.fn == "steps":
            return f"{self.term(args[0])}每满{self._step_size(node)}计一档的档数"
        if node.fn == "round":
            return f"{self.term(args[0])}（四舍五入）"
        names = {"min": "较小者", "max": "较大者", "abs": "绝对值", "coalesce": "首个已知值"}
        inner = "、".join(self.term(a) for a in args)
        return f"{inner}的{names.get(node.fn, node.fn)}"

    # -- with the entity's own values ----------------------------------------------------
    def values_text(
        self,
        node: Node,
        values: Mapping[str, Any],
        who: str = "您的企业",
        absent: Mapping[str, ListImport] | None = None,
    ) -> str:
        parts = []
        cols = cols_of(node)
        for col in cols:
            value = values.get(col.column)
            shown = "未提供" if value is None else self.show(value, col, (absent or {}).get(col.column))
            parts.append(shown if len(cols) == 1 else f"{self.label(col)} {shown}")
        return f"{who}：{'；'.join(parts)}" if parts else ""

    def show(self, value: Any, col: Col, listed: ListImport | None = None) -> str:
        """``value`` in words; a value a complete list's silence gave says which list and as of when."""
        if listed is not None:
            return listed.sentence()  # "科技局高企名单（截至 2026-06-30）未列入"
        if value is NONE:
            return "无"
        if isinstance(value, str):
            return self.code_label(value)
        if self.unit(col) == "万元" and isinstance(value, Decimal | int) and not isinstance(value, bool):
            return money_words(value)  # a firm's own figure too: 300.52万元, not 300.5236万元
        return f"{format_number(value)}{self.unit(col)}"

    def explain_condition(
        self,
        node: Node,
        outcome: str,
        values: Mapping[str, Any],
        label: str | None = None,
        who: str = "您的企业",
        absent: Mapping[str, ListImport] | None = None,
    ) -> str:
        """ "上年度（2024年）营业收入不低于2,000万元（您的企业：1,500万元，未满足）"."""
        head = label or self.sentence(node)
        mine = self.values_text(node, values, who, absent)
        detail = f"{mine}，{OUTCOME_ZH[outcome]}" if mine else OUTCOME_ZH[outcome]
        return f"{head}（{detail}）"

    def explain_amount(
        self,
        node: Node,
        value: Decimal | None,
        values: Mapping[str, Any],
        who: str = "您的企业",
        potential: bool = False,
        unit: str = "万元",
        kind: str = "",
        fixed: bool = False,
        payout: str = "",
    ) -> str:
        """The formula in words with the entity's amount; ``kind`` (the benefit's) names what is granted and
        ``payout`` how it arrives (a tax relief is estimated, not granted). ``fixed``: a partial match whose unmet
        conditions cannot change, so no "若满足全部条件" amount is held out."""
        if unit == "分":  # a score (the conference's duty assessment), not money
            return self._explain_points(node, value, values, who, potential)
        node = readable(node)
        formula = self.amount_rule(node, kind=kind, payout=payout)
        working = self.working(node, values)
        if working:
            formula = f"{formula}（{who}：{'；'.join(working)}）"
        if potential and fixed:
            return f"{formula}；{who}未满足的条件{FIXED_ZH}，本项暂不能申报"
        if value is not None and potential:
            return f"{formula}；若满足全部条件，{who}预计可得 {money_words(value, ' ')}"
        if value is None:
            missing = [self.label(c) for c in cols_of(node) if values.get(c.column) is None]
            need = f"，需补充：{'、'.join(missing)}" if missing else ""
            return f"{formula}；{who}暂无法估算金额{need}"
        return f"{formula}；{who}预计可得 {money_words(value, ' ')}"

    def amount_rule(self, node: Node, unit: str = "万元", kind: str = "", payout: str = "") -> str:
        if unit == "分":
            return self.points_rule(node)
        node = readable(node)
        # a tax relief is the platform's estimate of tax not paid: nobody "给予" it
        give = TAX_RELIEF_ZH if payout == "tax" else f"给予{GRANT_ZH.get(kind, '补助')}"
        if isinstance(node, Const):
            return f"给予{format_number(node.value)}万元"
        if isinstance(node, Tier):
            return f"按{self.term(node.x)}分档给予：{self.bands(node)}"
        if isinstance(node, Progressive):
            return f"按{self.term(node.x)}分段累进{give}：{self.progressive_bands(node)}"
        if isinstance(node, PerUnit):
            return f"按{self.per_unit_words(node)}{give}"
        if isinstance(node, Lookup):
            return f"按{self.term(node.x)}给予：{self.lookup_table(node)}"
        if isinstance(node, Call) and node.fn == "max" and len(node.args) == 2 and isinstance(node.args[1], Const):
            floor = f"最低{format_number(node.args[1].value)}万元"
            inner = node.args[0]
            capped = isinstance(inner, Call) and inner.fn == "min" and len(inner.args) == 2
            if capped and isinstance(inner, Call) and isinstance(inner.args[1], Const):
                return f"{self._by(inner.args[0])}{give}，最高{format_number(inner.args[1].value)}万元，{floor}"
            return f"{self._by(inner)}{give}，{floor}"
        if (
            isinstance(node, Arith)
            and node.op == "*"
            and isinstance(node.left, Const)
            and isinstance(node.right, Const)
        ):
            each, times = const_decimal(node.left), const_decimal(node.right)
            if times == 12:  # a monthly sum paid for a year
                return f"每月{format_number(each)}万元，按12个月计，共{format_number(each * times)}万元"
            return f"给予{format_number(each)}万元×{format_number(times)}，共{format_number(each * times)}万元"
        if isinstance(node, Call) and node.fn == "min" and len(node.args) == 2 and isinstance(node.args[1], Const):
            return f"{self._by(node.args[0])}{give}，最高{format_number(node.args[1].value)}万元"
        return f"{self._by(node)}{give}（万元）"

    def schedule_words(self, shares: tuple[Decimal, ...], full_year: Decimal | None, year: int | None) -> str:
        """A multi-year schedule: "分年度给予：第1至2年每年按100%，第3至5年每年按60%", with the entity's year and each
        year's amount when the full-year amount is known."""
        runs: list[tuple[int, int, Decimal]] = []
        for i, share in enumerate(shares, start=1):
            if runs and runs[-1][2] == share:
                runs[-1] = (runs[-1][0], i, share)
            else:
                runs.append((i, i, share))
        parts = []
        for first, last, share in runs:
            years = f"第{first}年" if first == last else f"第{first}至{last}年每年"
            each = f"（{money_words(quantize(full_year * share, 2))}）" if full_year is not None else ""
            parts.append(f"{years}按{format_number(share * 100)}%{each}")
        text = f"分年度给予：{'，'.join(parts)}"
        if full_year is not None:
            total = sum((quantize(full_year * share, 2) for share in shares), Decimal(0))
            text += f"，{len(shares)}年合计{money_words(total)}"
        if year is not None:
            text += f"；目前为第{year}年" if 1 <= year <= len(shares) else "；已不在给予期内"
        return text

    def instalment_words(self, shares: tuple[Decimal, ...], amount: Decimal | None) -> str:
        """Instalments of one award: "分3年拨付：第1年40%（20万元）、第2年30%（15万元）、第3年30%（15万元）"."""
        from policyreach.rules.policy import split_exact

        parts = [f"第{i}年{format_number(share * 100)}%" for i, share in enumerate(shares, start=1)]
        if amount is not None:
            yuan = split_exact(quantize(amount * 10_000, 2), shares)
            parts = [f"{part}（{money_words(y / 10_000)}）" for part, y in zip(parts, yuan, strict=True)]
        return f"分{len(shares)}年拨付：{'、'.join(parts)}"

    def manual_words(
        self,
        cap: Decimal | Node | None,
        who: str = "您的企业",
        floor: Decimal | Node | None = None,
        values: Mapping[str, Any] | None = None,
    ) -> str:
        """一事一议: the amount is the reviewer's, within the stated cap and not below the stated floor; a bound
        computed from the entity's figures (按设备购置额的8%～12%) is said in words and with the entity's own."""
        hi, lo = (
            None if b is None else self._bound_term(b) if isinstance(b, Node) else money_words(b) for b in (cap, floor)
        )
        if lo is not None and hi is not None:
            bound = f"，在{lo}至{hi}之间（含）"
        elif lo is not None:
            bound = f"，不低于{lo}"
        else:
            bound = f"，最高不超过{hi}" if hi is not None else ""
        own = ""
        if isinstance(cap, Node) or isinstance(floor, Node):
            raw = [compile_scalar(b)(values or {}) if isinstance(b, Node) else b for b in (floor, cap)]
            figures = [None if f is None else Decimal(f) for f in raw]
            if any(isinstance(b, Node) and f is None for b, f in zip((floor, cap), figures, strict=True)):
                own = f"（{who}的相关数据未知，核实后方可确定范围）"
            else:
                low, high = figures
                if low is not None and high is not None and low > high:
                    figures[0] = high  # a floor above the cap is lowered to it (redemption.facts does the same)
                said = [money_words(f) for f in figures if f is not None]
                own = f"（按{who}的数据：{'至'.join(said)}）"
        return f"金额一事一议，由评审确定{bound}{own}；{who}的金额待评审人员核定"

    def _bound_term(self, node: Node) -> str:
        """A manual amount's bound in words: "上年度研发费用的12%（最高1,000万元）"."""
        if isinstance(node, Call) and node.fn == "min" and len(node.args) == 2 and isinstance(node.args[1], Const):
            return f"{self.term(node.args[0])}（最高{money_words(const_decimal(node.args[1]))}）"
        return self.term(node)

    def points_rule(self, node: Node) -> str:
        # the same sentences as for money, with 分 where a money formula would say 万元: a copy says it, so the
        # shared explainer never changes under concurrent requests
        scores = copy.copy(self)
        scores.money_word = "分"
        return scores._points_rule(node)

    def _points_rule(self, node: Node) -> str:
        if isinstance(node, Arith) and node.op == "-" and isinstance(node.left, Const) and node.left.value == 0:
            return f"按{self.term(node.right)}扣分"  # a deduction is written as 0 - …
        if isinstance(node, Const):
            return f"计{format_number(node.value)}分"
        if isinstance(node, Call) and node.fn == "min" and len(node.args) == 2 and isinstance(node.args[1], Const):
            return f"{self._by(node.args[0])}计分，最高{format_number(node.args[1].value)}分"
        if isinstance(node, Call) and node.fn == "max" and len(node.args) == 2 and isinstance(node.args[1], Const):
            return f"{self._by(node.args[0])}计分，最低{format_number(node.args[1].value)}分"
        return f"{self._by(node)}计分"

    def _explain_points(
        self, node: Node, value: Decimal | None, values: Mapping[str, Any], who: str, potential: bool
    ) -> str:
        rule = self.points_rule(node)
        mine = self.values_text(node, values, who)
        shown = f"（{mine}）" if mine else ""
        if value is None:
            missing = [self.label(c) for c in cols_of(node) if values.get(c.column) is None]
            need = f"，需补充：{'、'.join(missing)}" if missing else ""
            return f"{rule}{shown}；暂无法计分{need}"
        if potential:
            return f"{rule}{shown}；未满足计分条件，本项计0分"
        if value < 0:
            return f"{rule}{shown}；本项扣 {format_number(-value)} 分"
        return f"{rule}{shown}；本项得 {format_number(value)} 分"

    def _by(self, node: Node) -> str:
        term = self.term(node)
        return term if term.startswith("按") else f"按{term}"


class _Hints:
    """The hint renderer's state for one condition: the explainer, the entity's values and its lists' silence."""

    def __init__(self, explainer: Explainer, values: Mapping[str, Any], absent: Mapping[str, ListImport], who: str):
        self.x = explainer
        self.values = values
        self.absent = absent
        self.who = who

    def holds(self, node: Node, changes: Mapping[str, Any] | None = None) -> bool | None:
        row = {**self.values, **changes} if changes else self.values
        result: bool | None = compile_scalar(node)(row)
        return result

    def shown(self, col: Col) -> str:
        value = self.values.get(col.column)
        return "未提供" if value is None else self.x.show(value, col, self.absent.get(col.column))

    def mine(self, node: Node) -> str:
        """The entity's values, each named: a fixed condition's sentence says whose figure cannot change."""
        parts = [f"{self.x.label(c)} {self.shown(c)}" for c in cols_of(node)]
        return f"{self.who}：{'；'.join(parts)}" if parts else ""

    def unmet(self, node: Node, head: str) -> Hint:
        if isinstance(node, BoolOp):
            return self._bool(node, head)
        if isinstance(node, Cmp):
            event = self._event(node, head)
            if event is not None:
                return event
            gap = self._gap(node)
            if gap is not None:
                return gap
        if isinstance(node, In) and isinstance(node.item, Col) and self.x.fixity(node.item) is True:
            where = "属于不予支持的范围" if node.negate else "不在支持范围内"
            text = f"{self.x.label(node.item)}为{self.shown(node.item)}，{where}（{FIXED_ZH}）"
            return Hint(text, "fixed")
        cols = cols_of(node)
        fixity = [self.x.fixity(c) for c in cols]
        if cols and all(f is True for f in fixity):
            return self._fixed(node, head, self._comes_of_age(node))
        if cols and all(f in (True, "past") for f in fixity):
            # an event's year can only become this year: if even that does not meet it, nothing will
            now = {c.column: self.x.as_of.year for c, f in zip(cols, fixity, strict=True) if f == "past"}
            if not self.holds(node, now):
                return self._fixed(node, head)
        mine = self.mine(node)
        return Hint(f"需满足：{head}{f'（{mine}）' if mine else ''}", "change")

    def unmet_fixed(self, node: Node) -> bool:
        """``unmet(node, …).fixed``, by the same decisions in the same order, without the words (each branch names
        the one of ``unmet`` it stands for; tests/engine/test_hints.py compares the two over a city)."""
        if isinstance(node, BoolOp):  # _bool
            if node.op == "or":  # fixed when no way is open
                return all(self.unmet_fixed(i) for i in node.items)
            failing = [i for i in node.items if self.holds(i) is False]
            return not failing or any(self.unmet_fixed(i) for i in failing)
        if isinstance(node, Cmp):
            col = node.left if isinstance(node.left, Col) else None
            if col is not None and self.x.fixity(col) == "past" and self.x.schema.attributes.get(col.attr) is not None:
                # _event: obtainable (or renewable) this year unless even this year's date does not meet it
                return not self.holds(node, {col.column: self.x.as_of.year})
            if isinstance(node.right, Const) and node.right.type.is_number and node.op in (">=", ">", "<=", "<"):
                if isinstance(node.left, Col) and node.left.type.is_number and not node.left.builtin:
                    value = self.values.get(node.left.column)  # _threshold_gap: a gap when there is a figure
                    if not (value is None or value is NONE or isinstance(value, bool)):
                        return self.x.fixity(node.left) is True  # _maybe_fixed
                elif _percent_of_ratio(node.left) and node.op in (">=", ">"):
                    ratio = node.left.left
                    top = ratio.args[0] if isinstance(ratio, Call) and ratio.args else None
                    fixity = [self.x.fixity(c) for c in cols_of(node)]
                    if isinstance(top, Col) and self.x.fixity(top) is True and all(f is True for f in fixity):
                        return True  # a gap would be fixed (its numerator is), and so is the condition without one
                    if isinstance(top, Col) and self.x.fixity(top) is False:
                        return False  # a gap would not be, nor would the condition without one (a figure it reads can)
                    gap = self._ratio_gap(node, node.left, const_decimal(node.right))  # the rest: the words decide
                    if gap is not None:
                        return gap.fixed
        if isinstance(node, In) and isinstance(node.item, Col) and self.x.fixity(node.item) is True:
            return True
        cols = cols_of(node)
        fixity = [self.x.fixity(c) for c in cols]
        if cols and all(f is True for f in fixity):
            return True
        if cols and all(f in (True, "past") for f in fixity):
            now = {c.column: self.x.as_of.year for c, f in zip(cols, fixity, strict=True) if f == "past"}
            return not self.holds(node, now)
        return False

    def _fixed(self, node: Node, head: str, why: str = "") -> Hint:
        mine = self.mine(node)
        return Hint(f"未满足“{head}”（{mine + '；' if mine else ''}{why}{FIXED_ZH}）", "fixed")

    def _bool(self, node: BoolOp, head: str) -> Hint:
        if node.op == "or":  # every way is unmet: the ones the firm can take, cheapest first by kind
            ways = [self.unmet(i, self.x.sentence(i)) for i in node.items]
            open_ways = sorted((w for w in ways if not w.fixed), key=lambda w: _KIND_ORDER.get(w.kind, 9))
            if not open_ways:
                return self._fixed(node, head)
            if len(open_ways) == 1:
                return open_ways[0]
            marks = "①②③④⑤⑥⑦⑧⑨"
            text = "；".join(f"{marks[i] if i < len(marks) else i + 1}{w.text}" for i, w in enumerate(open_ways))
            return Hint(f"满足以下任一项即可：{text}", "choice", _fields(open_ways))
        failing = [i for i in node.items if self.holds(i) is False]
        hints = [self.unmet(i, self.x.sentence(i)) for i in failing] or [self._fixed(node, head)]
        fixed = [h for h in hints if h.fixed]
        if fixed:  # one part that cannot change is enough to make the whole fixed
            return Hint("；".join(h.text for h in fixed), "fixed")
        return Hint("；".join(h.text for h in hints), hints[0].kind if len(hints) == 1 else "change", _fields(hints))

    def _comes_of_age(self, node: Node) -> str:
        """ "years_since(date) >= n" is met on the n-th anniversary without anything the firm does: say the day
        (as a fact, still fixed today: the match is decided on the platform's date)."""
        if not (
            isinstance(node, Cmp)
            and node.op in (">=", ">")
            and isinstance(node.left, Call)
            and node.left.fn == "years_since"
            and isinstance(node.left.args[0], Col)
            and isinstance(node.right, Const)
            and isinstance(node.right.value, int)
        ):
            return ""
        since = self.values.get(node.left.args[0].column)
        if not isinstance(since, dt.date):
            return ""
        years = node.right.value + (1 if node.op == ">" else 0)
        try:
            day = since.replace(year=since.year + years)
        except ValueError:  # born on 29 February: the anniversary falls on 1 March
            day = dt.date(since.year + years, 3, 1)
        return f"将于{format_number(day)}满足；" if day > self.x.as_of else ""

    # -- a certification's year: obtained, expired, or an event of a closed year --------------------------------
    def _event(self, node: Cmp, head: str) -> Hint | None:
        col = node.left if isinstance(node.left, Col) else None
        if col is None or self.x.fixity(col) != "past":
            return None
        attr = self.x.schema.attributes.get(col.attr)
        if attr is None:
            return None
        event = attr.label.removesuffix("年份")
        value = self.values.get(col.column)
        expired = ""
        if isinstance(value, int) and attr.validity is not None:
            years = attr.validity.years_at(dt.date(value, 12, 31))
            if years is not None and value + years < self.x.as_of.year:
                expired = f"{event}已于 {value + years} 年到期（{value} 年认定，有效期{_CN_COUNT.get(years, years)}年）"
        # what happened in a closed year is fixed; a new event can only be dated this year
        if self.holds(node, {col.column: self.x.as_of.year}):
            if expired and attr.validity is not None:
                return Hint(f"{expired}，需{attr.validity.renewal}，通过后方可申报", "expired")
            verb = "取得" if event.endswith("认定") else "完成"  # 取得高企认定, 完成科技型中小企业入库
            if value is NONE or value is None:
                listed = self.absent.get(col.column)
                now = listed.sentence() if listed is not None else f"尚未{verb}{event}"
                return Hint(f"{now}：需先{verb}{event}，{verb}后方可申报", "obtain")
            return Hint(f"{attr.label}为 {value} 年：需本年度重新{verb}{event}后方可申报", "obtain")
        if expired:
            return Hint(f"{expired}；本项要求“{head}”（{FIXED_ZH}）", "fixed")
        return self._fixed(node, head)

    # -- a figure short of its threshold ------------------------------------------------------------------------
    def _gap(self, node: Cmp) -> Hint | None:
        if not isinstance(node.right, Const) or not node.right.type.is_number or node.op not in (">=", ">", "<=", "<"):
            return None
        threshold = const_decimal(node.right)
        if isinstance(node.left, Col) and node.left.type.is_number and not node.left.builtin:
            return self._threshold_gap(node, node.left, threshold)
        if _percent_of_ratio(node.left) and node.op in (">=", ">"):
            return self._ratio_gap(node, node.left, threshold)
        return None

    def _threshold_gap(self, node: Cmp, col: Col, threshold: Decimal) -> Hint | None:
        value = self.values.get(col.column)
        if value is None or value is NONE or isinstance(value, bool):
            return None
        unit = self.x.unit(col)
        upward = node.op in (">=", ">")
        step = Decimal(1) if col.type == Type.INT else Decimal("0.01")
        target = threshold + step if node.op == ">" else threshold - step if node.op == "<" else threshold
        gap = (target - Decimal(value)) if upward else (Decimal(value) - target)
        wanted = f"要求{_OP_WORDS[node.op]}{format_number(threshold)}{unit}"
        amount = money_words(gap, " ") if unit == "万元" else f"{format_number(gap)} {unit}".rstrip()
        change = f"还差 {amount}" if upward else f"需减少 {amount}"
        text = f"{self.x.label(col)} {self.shown(col)}，{wanted}：{change}"
        return self._maybe_fixed(text, (col,))

    def _ratio_gap(self, node: Cmp, left: Arith, threshold: Decimal) -> Hint | None:
        ratio = left.left
        if not isinstance(ratio, Call) or not all(isinstance(a, Col) for a in ratio.args[:2]):
            return None
        top, bottom = ratio.args[0], ratio.args[1]
        assert isinstance(top, Col) and isinstance(bottom, Col)
        a, b = _figure(self.values.get(top.column)), _figure(self.values.get(bottom.column))
        if a is None or b is None or not b > 0:
            return None
        current = compile_scalar(left)(self.values)
        needed = self._least_numerator(node, top, b, threshold)
        if current is None or needed is None:
            return None
        gap = needed - a
        unit = self.x.unit(top)
        amount = money_words(gap, " ") if unit == "万元" else f"{format_number(gap)} {unit}".rstrip()
        subject = self.x.term(left) if left in self.x._derived else self.x.term(ratio)
        shown = format_number(quantize(Decimal(current), 2))
        text = (
            f"{subject} {shown}%，要求{_OP_WORDS[node.op]}{format_number(threshold)}%：{self.x.label(top)}还差 {amount}"
        )
        return self._maybe_fixed(text, (top,))

    def _least_numerator(self, node: Cmp, top: Col, bottom: Decimal, threshold: Decimal) -> Decimal | None:
        """The least numerator (to the fen of 万元, or a whole person) that meets the condition, checked by the
        same exact arithmetic the engine uses: the exact quotient rounded up, then nudged by one step."""
        step = Decimal(1) if top.type == Type.INT else Decimal("0.01")
        with localcontext() as ctx:
            ctx.prec = 60
            guess = (threshold * bottom / 100).quantize(step, rounding=ROUND_CEILING)
        for _ in range(3):  # the ratio is rounded to six places: at most a step or two away either way
            if not self.holds(node, {top.column: _typed(guess, top)}):
                guess += step
            elif guess - step >= 0 and self.holds(node, {top.column: _typed(guess - step, top)}):
                guess -= step
            else:
                return guess
        return guess if self.holds(node, {top.column: _typed(guess, top)}) else None

    def _maybe_fixed(self, text: str, cols: tuple[Col, ...]) -> Hint:
        if all(self.x.fixity(c) is True for c in cols):
            closed = next((c.year for c in cols if c.year is not None and c.year < self.x.as_of.year), None)
            why = f"{self.x.year_words(closed)}数据已确定，" if closed is not None else ""
            return Hint(f"{text}（{why}{FIXED_ZH}）", "fixed")
        return Hint(text, "gap")

    # -- a value to supply ----------------------------------------------------------------------------------------
    def missing(self, node: Node, head: str) -> Hint:
        fields: dict[str, str] = {}
        for col in cols_of(node):
            if self.values.get(col.column) is not None:
                continue
            if col.builtin:  # a derived value: the stored figures it is derived from
                for dep in col.deps:
                    if self.values.get(dep) is None:
                        fields[dep] = self.x.column_label(dep)
            else:
                fields[col.column] = self.x.label(col)
        refs = tuple(FieldRef(c, label) for c, label in fields.items())
        if not refs:
            return Hint(f"待确认：{head}", "missing")
        return Hint(f"请补充{'、'.join(fields.values())}（用于判断“{head}”）", "missing", refs)


_KIND_ORDER = {"gap": 0, "change": 1, "obtain": 2, "expired": 3, "choice": 4}


def _fields(hints: list[Hint]) -> tuple[FieldRef, ...]:
    return tuple(dict.fromkeys(f for h in hints for f in h.fields))


def _shared_label(first: str, second: str) -> str:
    """The common ending of two labels ("成立年限"), or the first label when they share none."""
    common = 0
    while common < min(len(first), len(second)) and first[-1 - common] == second[-1 - common]:
        common += 1
    return first[-common:] if common >= 2 else first


def _figure(value: Any) -> Decimal | None:
    """A known number as an exact decimal; unknown, none or a flag is no figure to compute a gap from."""
    if value is None or value is NONE or isinstance(value, bool) or not isinstance(value, int | Decimal):
        return None
    return Decimal(value)


def _typed(value: Decimal, col: Col) -> Decimal | int:
    return int(value) if col.type == Type.INT else value
