"""The one renderer: conditions and amounts as plain Chinese, with the entity's own figures.

Sentences are built from the rule's structure (docs/ARCHITECTURE.md, "One renderer"), never from a
stored string; the optional label of a condition only replaces the subject. Reports,
portal pages, the calculator and messages all call this module.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeGuard

from policyreach.rules.absence import NONE, ListImport
from policyreach.rules.binding import bind
from policyreach.rules.ir import (
    Arith,
    BoolOp,
    Call,
    Cmp,
    Col,
    Const,
    In,
    ListLit,
    Node,
    Not,
    Tier,
    cols_of,
    const_decimal,
)
from policyreach.rules.language import Env, parse_expression
from policyreach.rules.numbers import quantize
from policyreach.rules.schema import Schema

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
OUTCOME_ZH = {"met": "满足", "unmet": "未满足", "unknown": "待补充"}


def _percent_of_ratio(node: Node) -> TypeGuard[Arith]:
    return (
        isinstance(node, Arith)
        and node.op == "*"
        and isinstance(node.left, Call)
        and node.left.fn == "ratio"
        and isinstance(node.right, Const)
        and node.right.value == 100
    )


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
        self._derived = self._bound_derived()

    def _bound_derived(self) -> dict[Node, str]:
        named: dict[Node, str] = {}
        for derived in self.schema.derived.values():
            if derived.expr:
                try:
                    node = bind(parse_expression(derived.expr, Env(self.schema)), self.as_of, {})
                except Exception:
                    continue
                named[node] = derived.label
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
        if isinstance(node, Col):
            field = self.schema.field(node.attr)
            if field is None and node.builtin:
                field = next((d for d in self.schema.derived.values() if d.builtin == node.builtin), None)
            return (field.unit or "") if field and field.unit not in ("年份",) else ""
        for derived in self.schema.derived.values():
            if self._derived.get(node) == derived.label:
                return derived.unit or ""
        return ""

    def code_label(self, code: object) -> str:
        for codeset in self.schema.codesets.values():
            if isinstance(code, str) and code in codeset.labels:
                return codeset.labels[code]
        return format_number(code)

    def list_label(self, options: ListLit) -> str:
        values = tuple(o.value for o in options.items)
        for codeset in self.schema.codesets.values():
            if tuple(codeset.values) == values:
                return codeset.label
        names = [self.code_label(v) for v in values]
        return "、".join(names[:8]) + ("等" if len(names) > 8 else "")

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
        return self.sentence(node)

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
        # a sum inside a product keeps its brackets, or "(a + b) × 2" would read as "a + b × 2"
        text = self.term(node)
        if op in ("*", "/") and isinstance(node, Arith) and node.op in ("+", "-") and node not in self._derived:
            return f"（{text}）"
        return text

    def _call(self, node: Call) -> str:
        args = node.args
        if node.fn == "ratio":
            return f"{self.term(args[0])}占{self.term(args[1])}的比例"
        if node.fn == "years_since":
            return f"{self.term(args[0])}至今年数"
        if node.fn in ("min", "max") and len(args) == 2 and isinstance(args[1], Const):
            word = "最高" if node.fn == "min" else "最低"
            return f"{self.term(args[0])}，{word}{format_number(args[1].value)}"
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
    ) -> str:
        """The formula in words with the entity's amount; ``kind`` (the benefit's) names what is granted."""
        if unit == "分":  # a score (the conference's duty assessment), not money
            return self._explain_points(node, value, values, who, potential)
        formula = self.amount_rule(node, kind=kind)
        if value is not None and potential:
            return f"{formula}；若满足全部条件，{who}预计可得 {money_words(value, ' ')}"
        if value is None:
            missing = [self.label(c) for c in cols_of(node) if values.get(c.column) is None]
            need = f"，需补充：{'、'.join(missing)}" if missing else ""
            return f"{formula}；{who}暂无法估算金额{need}"
        return f"{formula}；{who}预计可得 {money_words(value, ' ')}"

    def amount_rule(self, node: Node, unit: str = "万元", kind: str = "") -> str:
        if unit == "分":
            return self.points_rule(node)
        grant = GRANT_ZH.get(kind, "补助")
        if isinstance(node, Const):
            return f"给予{format_number(node.value)}万元"
        if isinstance(node, Tier):
            return f"按{self.term(node.x)}分档给予：{self.bands(node)}"
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
            return f"{self._by(node.args[0])}给予{grant}，最高{format_number(node.args[1].value)}万元"
        return f"{self._by(node)}给予{grant}（万元）"

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
