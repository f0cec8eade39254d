"""The officer's workbench: a policy file as forms and back, checked as the library checks files.

A draft version's text stays the policy file (YAML is the exchange format): the workbench reads it into forms
(``to_form``), reads a posted form back into the same data (``from_post``), writes it with ``dump`` and checks it
with the same loader as an uploaded file, in drafting mode (``check``). Each checker error is put at the form field
that caused it through the YAML line it names (``field_of``). Parts the forms do not edit (parameters, cases, the
per-entity cap, a benefit's funds and prerequisites …) are kept from the stored text, so a save loses nothing.
Drafts start from a document (``extract.draft``) or from scratch (``blank``). See docs/ARCHITECTURE.md, "Policy
versions".
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from policyreach.rules.errors import RuleError, RuleErrors
from policyreach.rules.library import Library, add_policy_file
from policyreach.rules.schema import Schema
from policyreach.rules.types import Type
from policyreach.rules.yamlsource import load_yaml

TO_FILL = "待填写"
# what the extractor leaves for a person: a version holding any of these is not submitted
PLACEHOLDERS = (TO_FILL, "待命名", "【待人工确认】")
OPERATORS = {">=": "不低于（≥）", ">": "高于（>）", "<=": "不高于（≤）", "<": "低于（<）", "==": "等于", "!=": "不等于"}
OPERATORS |= {"in": "属于", "not in": "不属于"}
YEARS = {"": "（不分年度）", "last_year": "上年度", "this_year": "本年度"}
YEARS |= {f"years_ago({n})": f"{n}年前" for n in (2, 3)}
AMOUNT_KINDS = {
    "fixed": "固定金额",
    "rate": "比例 × 基数（可设上限、下限）",
    "tier": "分档（达到某档给予某额）",
    "progressive": "分段累进",
    "per_unit": "按件（数量）计，可设件数上限",
    "lookup": "按类别对照（如人才 A–E 类）",
    "manual": "一事一议（评审确定，不超过上限）",
    "expr": "其他算式",
}
KIND_ZH = {"certification": "认定类", "indicator": "指标达成类", "subsidy": "奖补类", "talent": "人才类"}
KIND_ZH |= {"finance": "金融类", "other": "其他"}
PAYOUT_ZH = {"cash": "资金拨付", "tax": "税收优惠", "interest": "贴息", "loan": "贷款与担保", "none": "不涉及资金"}
REDEMPTION_ZH = {"instant": "即申即享", "automatic": "免申即享", "review": "申报审批"}
LEVEL_ZH = {"national": "国家", "province": "省", "city": "市", "district": "区县"}
CYCLE_ZH = {"annual": "每年可享受", "once": "一次性"}
SUBJECT_ZH = {"enterprise": "企业", "institute": "机构", "talent": "人才", "member": "委员"}
TYPE_ZH = {"decimal": "数值（小数）", "integer": "整数", "boolean": "是/否", "string": "文本", "date": "日期"}
# a benefit's keys the forms edit; any other is kept from the stored text
BENEFIT_EDITED = (
    "id",
    "title",
    "kind",
    "payout",
    "redemption",
    "department",
    "exclusive_group",
    "cycle",
    "conditions",
    "amount",
    "application",
)
APPLICATION_EDITED = ("department", "channel", "steps", "materials", "window")
POLICY_EDITED = (
    "id",
    "title",
    "doc_number",
    "issuer",
    "level",
    "region",
    "valid_from",
    "valid_to",
    "source",
    "clauses",
    "common_conditions",
    "proposed_attributes",
    "benefits",
)
_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_YEAR = r"last_year|this_year|years_ago\(\d+\)|\d{4}"
SIMPLE = re.compile(rf"^\s*({_NAME})(?:\[({_YEAR})\])?\s*(>=|<=|==|!=|>|<|not in|in)\s*(.+?)\s*$")
BASE = re.compile(rf"^({_NAME})(?:\[({_YEAR})\])?$")
NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


# -- the form ----------------------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return _plain(value)
    if isinstance(value, float):
        return _plain(Decimal(str(value)))
    return str(value)


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def condition_form(c: Mapping[str, Any]) -> dict[str, str]:
    """A condition as the picker shows it: attribute, year, operator, value; anything else as an expression."""
    expr = _text(c.get("expr"))
    form = {"attr": "", "year": "", "op": ">=", "value": "", "expr": expr}
    if m := SIMPLE.match(expr):
        form |= {"attr": m.group(1), "year": m.group(2) or "", "op": m.group(3), "value": _unquote(m.group(4))}
        form["expr"] = ""
    form |= {"clause": _text(c.get("clause")), "label": _text(c.get("label")), "weight": _weight(c.get("weight"))}
    return form


def _weight(value: Any) -> str:
    return "" if value is None or Decimal(str(value)) == 1 else _text(value)


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'" and value[0] not in value[1:-1]:
        return value[1:-1]
    return value


def _base(expr: str) -> tuple[str, str] | None:
    m = BASE.match(expr.strip())
    return (m.group(1), m.group(2) or "") if m else None


def amount_form(a: Mapping[str, Any] | None) -> dict[str, Any]:
    """An amount as its builder shows it: the kind, the base (attribute and year), the kind's numbers and rows."""
    a = a or {}
    form: dict[str, Any] = {
        "kind": "fixed",
        "value": "",
        "attr": "",
        "year": "",
        "rate": "",
        "each": "",
        "most": "",
        "default": "",
        "rows": [],
        "expr": "",
        "cap": _text(a.get("cap")),
        "floor": _text(a.get("floor")),
        "unit": _text(a.get("unit", "万元")),
        "clause": _text(a.get("clause")),
        "label": _text(a.get("label")),
        "schedule": "、".join(_text(s) for s in a.get("schedule") or ()),
        "period_year": _text(a.get("period_year")),
    }
    if a.get("manual"):
        return form | {"kind": "manual"}
    formula = _text(a.get("formula")).strip()
    for candidate in _candidates(formula):
        if formula_of(form | candidate) == formula:
            return form | candidate
    return form | {"kind": "expr", "expr": formula}


VALUE = re.compile(r"^(?:-?\d+(?:\.\d+)?|params\.[A-Za-z_][A-Za-z0-9_]*)$")


def _candidates(formula: str) -> list[dict[str, Any]]:
    """The builders that may have written ``formula``; the one whose rebuilt formula is the same text is chosen, so
    a formula a builder cannot write exactly stays an expression (nothing is rewritten on the way)."""
    if VALUE.match(formula):
        return [{"kind": "fixed", "value": formula}]
    try:
        node = ast.parse(formula, mode="eval").body
    except SyntaxError:
        return []

    def src(n: ast.expr) -> str:
        return ast.get_source_segment(formula, n) or ast.unparse(n)

    found: list[dict[str, Any]] = []
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult) and (base := _base(src(node.left))):
        found.append({"kind": "rate", "attr": base[0], "year": base[1], "rate": src(node.right)})
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args):
        return found
    name, args = node.func.id, node.args
    base = _base(src(args[0]))
    if base is None:
        return found
    on = {"attr": base[0], "year": base[1]}
    if name in ("tier", "progressive") and len(args) == 2 and isinstance(args[1], ast.List):
        rows = [[src(e) for e in item.elts] for item in args[1].elts if isinstance(item, ast.List)]
        if all(len(r) == 2 for r in rows) and len(rows) == len(args[1].elts):
            found.append({"kind": name, **on, "rows": rows})
    if name == "per_unit" and len(args) in (2, 3):
        found.append({"kind": "per_unit", **on, "each": src(args[1]), "most": src(args[2]) if len(args) == 3 else ""})
    if name == "lookup" and len(args) in (2, 3) and isinstance(args[1], ast.Dict):
        table = args[1]
        rows = [[_unquote(src(k)) if k else "", src(v)] for k, v in zip(table.keys, table.values, strict=True)]
        found.append({"kind": "lookup", **on, "rows": rows, "default": src(args[2]) if len(args) == 3 else ""})
    return found


def _key(code: str) -> str:
    return code if code.isdigit() else '"' + code.replace('"', "") + '"'


def formula_of(form: Mapping[str, Any]) -> str:
    """The formula an amount builder writes (``kind`` and its fields); "" for a manual amount."""
    kind = form["kind"]
    base = f"{form['attr']}[{form['year']}]" if form.get("year") else str(form.get("attr", ""))
    rows = [(str(a).strip(), str(b).strip()) for a, b in form.get("rows") or []]
    if kind == "fixed":
        return str(form["value"]).strip()
    if kind == "rate":
        return f"{base} * {str(form['rate']).strip()}"
    if kind in ("tier", "progressive"):
        return f"{kind}({base}, [{', '.join(f'[{a}, {b}]' for a, b in rows)}])"
    if kind == "per_unit":
        most = str(form.get("most") or "").strip()
        return f"per_unit({base}, {str(form['each']).strip()}{', ' + most if most else ''})"
    if kind == "lookup":
        default = str(form.get("default") or "").strip()
        table = ", ".join(f"{_key(a)}: {b}" for a, b in rows)
        return f"lookup({base}, {{{table}}}{', ' + default if default else ''})"
    if kind == "manual":
        return ""
    return str(form.get("expr", "")).strip()


def to_form(data: Mapping[str, Any]) -> dict[str, Any]:
    """A policy file's data as the workbench's forms."""
    benefits = []
    for b in data.get("benefits") or []:
        app = b.get("application") or {}
        window = app.get("window") or {}
        benefits.append(
            {
                "orig": _text(b.get("id")),
                "id": _text(b.get("id")),
                "title": _text(b.get("title")),
                "kind": _text(b.get("kind")),
                "payout": "" if b.get("payout") == TO_FILL else _text(b.get("payout")),
                "redemption": _text(b.get("redemption", "review")),
                "department": _text(b.get("department")),
                "exclusive_group": _text(b.get("exclusive_group")),
                "cycle": _text(b.get("cycle", "annual")),
                "conditions": [condition_form(c) for c in b.get("conditions") or []],
                "amount": amount_form(b.get("amount")) if b.get("amount") is not None else None,
                "app_department": _text(app.get("department")),
                "channel": _text(app.get("channel")),
                "steps": "\n".join(_text(s) for s in app.get("steps") or ()),
                "materials": [
                    {"name": _text(m.get("name")), "auto": bool(m.get("auto")), "note": _text(m.get("note"))}
                    for m in app.get("materials") or ()
                ],
                "opens": _text(window.get("opens")),
                "closes": _text(window.get("closes")),
                "annual": bool(window.get("annual")),
            }
        )
    proposed = [
        {
            "name": str(name),
            "label": _text(p.get("label")),
            "type": _text(p.get("type", "decimal")),
            "unit": _text(p.get("unit")),
            "yearly": bool(p.get("yearly")),
            "department": _text(p.get("department")),
            "description": _text(p.get("description")),
        }
        for name, p in (data.get("proposed_attributes") or {}).items()
    ]
    return {
        **{k: _text(data.get(k)) for k in ("id", "title", "doc_number", "issuer", "level", "region", "source")},
        "valid_from": _text(data.get("valid_from")),
        "valid_to": _text(data.get("valid_to")),
        "clauses": [{"ref": str(k), "text": _text(v)} for k, v in (data.get("clauses") or {}).items()],
        "common": [condition_form(c) for c in data.get("common_conditions") or []],
        "proposed": proposed,
        "benefits": benefits,
    }


def flatten(form: Mapping[str, Any]) -> dict[str, str]:
    """The form as the names and values its page posts (the template writes the same names)."""
    out: dict[str, str] = {}
    for key in ("id", "title", "doc_number", "issuer", "level", "region", "source", "valid_from", "valid_to"):
        out[key] = form[key]
    out["clauses"] = str(len(form["clauses"]))
    for i, c in enumerate(form["clauses"]):
        out[f"clause.{i}.ref"], out[f"clause.{i}.text"] = c["ref"], c["text"]
    _flat_conditions(out, "common", form["common"])
    out["proposed"] = str(len(form["proposed"]))
    for i, p in enumerate(form["proposed"]):
        for key in ("name", "label", "type", "unit", "department", "description"):
            out[f"proposed.{i}.{key}"] = p[key]
        if p["yearly"]:
            out[f"proposed.{i}.yearly"] = "on"
    out["benefits"] = str(len(form["benefits"]))
    for i, b in enumerate(form["benefits"]):
        p = f"b.{i}."
        for key in ("orig", "id", "title", "kind", "payout", "redemption", "department", "exclusive_group", "cycle"):
            out[p + key] = b[key]
        for key in ("app_department", "channel", "steps", "opens", "closes"):
            out[p + key] = b[key]
        if b["annual"]:
            out[p + "annual"] = "on"
        _flat_conditions(out, p + "c", b["conditions"])
        out[p + "materials"] = str(len(b["materials"]))
        for j, m in enumerate(b["materials"]):
            out[f"{p}m.{j}.name"], out[f"{p}m.{j}.note"] = m["name"], m["note"]
            if m["auto"]:
                out[f"{p}m.{j}.auto"] = "on"
        a = b["amount"]
        out[p + "a.kind"] = a["kind"] if a is not None else "none"
        if a is not None:
            for key in ("value", "attr", "year", "rate", "each", "most", "default", "expr", "cap", "floor", "unit"):
                out[f"{p}a.{key}"] = a[key]
            for key in ("clause", "label", "schedule", "period_year"):
                out[f"{p}a.{key}"] = a[key]
            out[p + "a.rows"] = str(len(a["rows"]))
            for j, (left, right) in enumerate(a["rows"]):
                out[f"{p}a.r.{j}.0"], out[f"{p}a.r.{j}.1"] = left, right
    return out


def _flat_conditions(out: dict[str, str], prefix: str, conditions: list[dict[str, str]]) -> None:
    out[prefix] = str(len(conditions))
    for j, c in enumerate(conditions):
        for key in ("attr", "year", "op", "value", "expr", "clause", "label", "weight"):
            out[f"{prefix}.{j}.{key}"] = c[key]


# -- the form back into the file ---------------------------------------------------------------------------------


@dataclass
class FormErrors(Exception):
    """What a posted form cannot say, by field name (Chinese messages naming the field)."""

    fields: dict[str, str] = field(default_factory=dict)


class _Reader:
    def __init__(self, post: Mapping[str, str], schema: Schema) -> None:
        self.post, self.schema, self.errors = post, schema, FormErrors()

    def get(self, name: str) -> str:
        return (self.post.get(name) or "").strip()

    def count(self, name: str, most: int = 200) -> int:
        raw = self.get(name) or "0"
        if not raw.isdigit() or int(raw) > most:
            self.errors.fields[name] = f"行数 {name} 有误"
            return 0
        return int(raw)

    def removed(self, prefix: str) -> bool:
        return self.get(prefix + ".remove") == "on"

    def number(self, name: str, zh: str, required: bool = False) -> Decimal | str | None:
        raw = self.get(name)
        if not raw:
            if required:
                self.errors.fields[name] = f"{zh}：请填写"
            return None
        if raw.startswith("params."):
            return raw  # a dated parameter of the policy, checked by the loader
        try:
            value = Decimal(raw.replace(",", ""))
        except InvalidOperation:
            self.errors.fields[name] = f"{zh}：“{raw[:30]}”不是数字"
            return None
        if not value.is_finite():
            self.errors.fields[name] = f"{zh}：“{raw[:30]}”不是数字"
            return None
        return value

    def literal(self, attr: str, value: str) -> str:
        """A value as the rules language writes it: a word compared with a text attribute is quoted (the officer
        types 小, the rule says "小"); a number, a list, a code set or another expression is written as typed."""
        found = self.schema.field(attr)
        if not value or found is None or found.type is not Type.STR:
            return value
        if value[0] in "\"'[" or value in self.schema.codesets or value.startswith("params."):
            return value
        return '"' + value.replace('"', "") + '"'

    def base(self, prefix: str, zh: str) -> str:
        attr, year = self.get(prefix + "attr"), self.get(prefix + "year")
        if not attr:
            self.errors.fields[prefix + "attr"] = f"{zh}：请选择属性"
            return ""
        return f"{attr}[{year}]" if year else attr

    def condition(self, prefix: str) -> dict[str, Any] | None:
        attr, expr = self.get(prefix + "attr"), self.get(prefix + "expr")
        if not attr and not expr:
            return None  # an empty row (one added and left blank)
        if attr:
            op, value, year = self.get(prefix + "op"), self.get(prefix + "value"), self.get(prefix + "year")
            if op not in OPERATORS:
                self.errors.fields[prefix + "op"] = "比较方式：请选择"
            if not value:
                self.errors.fields[prefix + "value"] = "条件值：请填写"
            expr = (
                f"{attr}[{year}] {op} {self.literal(attr, value)}"
                if year
                else f"{attr} {op} {self.literal(attr, value)}"
            )
        out: dict[str, Any] = {"expr": expr, "clause": self.get(prefix + "clause")}
        if label := self.get(prefix + "label"):
            out["label"] = label
        if self.get(prefix + "weight"):
            weight = self.number(prefix + "weight", "权重")
            if weight is not None:
                out["weight"] = weight
        return out

    def conditions(self, prefix: str) -> list[dict[str, Any]]:
        found = []
        for j in range(self.count(prefix)):
            if not self.removed(f"{prefix}.{j}") and (c := self.condition(f"{prefix}.{j}.")) is not None:
                found.append(c)
        return found

    def value(self, name: str, zh: str, required: bool = False) -> str:
        """A number (or ``params.NAME``) as typed, checked to be one; "" when left empty."""
        raw = self.get(name).replace(",", "")
        if not raw:
            if required:
                self.errors.fields[name] = f"{zh}：请填写"
            return ""
        if not VALUE.match(raw):
            self.errors.fields[name] = f"{zh}：“{raw[:30]}”不是数字"
        return raw

    def amount(self, p: str, old: Mapping[str, Any]) -> dict[str, Any] | None:
        kind = self.get(p + "kind")
        if kind in ("", "none"):
            return None
        if kind not in AMOUNT_KINDS:
            self.errors.fields[p + "kind"] = "金额方式：请选择"
            return None
        form: dict[str, Any] = {"kind": kind, "attr": self.get(p + "attr"), "year": self.get(p + "year")}
        if kind in ("rate", "tier", "progressive", "per_unit", "lookup") and not form["attr"]:
            self.errors.fields[p + "attr"] = "计算依据：请选择属性"
        if kind == "fixed":
            form["value"] = self.value(p + "value", "固定金额", required=True)
        elif kind == "rate":
            form["rate"] = self.value(p + "rate", "比例", required=True)
        elif kind in ("tier", "progressive", "lookup"):
            form["rows"] = self._rows(p, kind)
            form["default"] = self.value(p + "default", "未列类别的金额")
        elif kind == "per_unit":
            form["each"] = self.value(p + "each", "每件金额", required=True)
            form["most"] = self.value(p + "most", "件数上限")
        elif kind == "expr":
            form["expr"] = self.get(p + "expr")
            if not form["expr"]:
                self.errors.fields[p + "expr"] = "算式：请填写"
        out: dict[str, Any] = {"manual": True} if kind == "manual" else {"formula": formula_of(form)}
        unit = self.get(p + "unit") or "万元"
        if unit != "万元" or "unit" in old:
            out["unit"] = unit
        out["clause"] = self.get(p + "clause")
        for key, zh in (("cap", "上限"), ("floor", "下限")):
            if (bound := self.number(p + key, zh)) is not None:
                out[key] = bound
        if schedule := self.get(p + "schedule"):
            shares = []
            for part in re.split(r"[、,，\s]+", schedule):
                if part:
                    try:
                        shares.append(Decimal(part.rstrip("%")) / (100 if part.endswith("%") else 1))
                    except InvalidOperation:
                        self.errors.fields[p + "schedule"] = f"分年比例：“{part[:20]}”不是数字"
            out["schedule"] = shares
        if period := self.get(p + "period_year"):
            out["period_year"] = period
        if label := self.get(p + "label"):
            out["label"] = label
        return out

    def _rows(self, p: str, kind: str) -> list[tuple[str, str]]:
        rows = []
        for j in range(self.count(p + "rows")):
            left, right = self.get(f"{p}r.{j}.0"), self.get(f"{p}r.{j}.1")
            if self.removed(f"{p}r.{j}") or (not left and not right):
                continue
            if kind == "lookup" and not left:
                self.errors.fields[f"{p}r.{j}.0"] = f"第 {j + 1} 行：请填写类别"
            elif kind != "lookup":
                self.value(f"{p}r.{j}.0", f"第 {j + 1} 行的起点")
            self.value(f"{p}r.{j}.1", f"第 {j + 1} 行的金额或比例", required=True)
            rows.append((left, right))
        if not rows:
            self.errors.fields[p + "rows"] = "请至少填写一行"
        return rows


def _defaulted(b: dict[str, Any], old: Mapping[str, Any], key: str, value: str, default: str) -> None:
    """A field with a default is written when it differs from it or the stored file wrote it (no churn in diffs)."""
    if value and (value != default or key in old):
        b[key] = value


def from_post(post: Mapping[str, str], stored: Mapping[str, Any], schema: Schema) -> dict[str, Any]:
    """The policy file's data from a posted form; the parts the forms do not edit come from ``stored`` (the version's
    text as saved). Raises ``FormErrors`` for what the form itself cannot say (a number that is not one)."""
    r = _Reader(post, schema)
    data: dict[str, Any] = {}
    for key in ("id", "title", "doc_number", "issuer", "level", "region"):
        if value := r.get(key):
            data[key] = value
    for key in ("valid_from", "valid_to"):
        if raw := r.get(key):
            try:
                data[key] = dt.date.fromisoformat(raw)
            except ValueError:
                r.errors.fields[key] = f"日期 {key} 应为 YYYY-MM-DD，例如 2026-01-01"
    data["source"] = r.get("source")
    clauses: dict[str, str] = {}
    for i in range(r.count("clauses", 500)):
        ref, text = r.get(f"clause.{i}.ref"), r.get(f"clause.{i}.text")
        if r.removed(f"clause.{i}") or (not ref and not text):
            continue
        if ref in clauses:
            r.errors.fields[f"clause.{i}.ref"] = f"条款编号 {ref} 重复"
        clauses[ref] = text
    data["clauses"] = clauses
    if common := r.conditions("common"):
        data["common_conditions"] = common
    proposed: dict[str, Any] = {}
    for i in range(r.count("proposed")):
        name = r.get(f"proposed.{i}.name")
        if not name:
            continue
        spec: dict[str, Any] = {"label": r.get(f"proposed.{i}.label"), "type": r.get(f"proposed.{i}.type") or "decimal"}
        for key in ("unit", "department", "description"):
            if value := r.get(f"proposed.{i}.{key}"):
                spec[key] = value
        if r.get(f"proposed.{i}.yearly") == "on":
            spec["yearly"] = True
        proposed[name] = spec
    if proposed:
        data["proposed_attributes"] = proposed
    kept = {str(b.get("id")): b for b in stored.get("benefits") or [] if isinstance(b, dict)}
    benefits = []
    titles: dict[str, int] = {}
    for i in range(r.count("benefits")):
        p = f"b.{i}."
        if r.removed(f"b.{i}"):
            continue
        old = kept.get(r.get(p + "orig"), {})
        b: dict[str, Any] = {"id": r.get(p + "id"), "title": r.get(p + "title"), "kind": r.get(p + "kind")}
        if b["title"] in titles:
            r.errors.fields[p + "title"] = f"名称“{b['title']}”与第 {titles[b['title']] + 1} 项相同，请改为不同的名称"
        titles.setdefault(b["title"], i)
        b["payout"] = r.get(p + "payout")
        if not b["payout"]:
            r.errors.fields[p + "payout"] = "兑现方式：请选择"
        _defaulted(b, old, "redemption", r.get(p + "redemption"), "review")
        b["department"] = r.get(p + "department")
        if group := r.get(p + "exclusive_group"):
            b["exclusive_group"] = group
        _defaulted(b, old, "cycle", r.get(p + "cycle"), "annual")
        for key, value in old.items():  # what the forms do not edit, in its place
            if key not in BENEFIT_EDITED:
                b[key] = value
        b["conditions"] = r.conditions(p + "c")
        if (amount := r.amount(p + "a.", old.get("amount") or {})) is not None:
            b["amount"] = amount
        app: dict[str, Any] = {"department": r.get(p + "app_department"), "channel": r.get(p + "channel")}
        if steps := [s.strip() for s in r.get(p + "steps").splitlines() if s.strip()]:
            app["steps"] = steps
        materials = []
        for j in range(r.count(p + "materials")):
            name = r.get(f"{p}m.{j}.name")
            if not name or r.removed(f"{p}m.{j}"):
                continue
            material: dict[str, Any] = {"name": name, "auto": r.get(f"{p}m.{j}.auto") == "on"}
            if note := r.get(f"{p}m.{j}.note"):
                material["note"] = note
            materials.append(material)
        if materials:
            app["materials"] = materials
        window: dict[str, Any] = {}
        for key in ("opens", "closes"):
            if raw := r.get(p + key):
                try:
                    window[key] = dt.date.fromisoformat(raw)
                except ValueError:
                    r.errors.fields[p + key] = "日期应为 YYYY-MM-DD，例如 2026-03-01"
        if r.get(p + "annual") == "on":
            window["annual"] = True
        if window:
            app["window"] = window
        for key, value in (old.get("application") or {}).items():
            if key not in APPLICATION_EDITED:
                app[key] = value
        b["application"] = app
        benefits.append(b)
    data["benefits"] = benefits
    if not benefits:
        r.errors.fields["benefits"] = "至少需要一项兑现事项"
    for key, value in stored.items():
        if key not in POLICY_EDITED:
            data[key] = value
    if r.errors.fields:
        raise r.errors
    return _ordered(data)


ORDER = (
    "id",
    "title",
    "doc_number",
    "issuer",
    "level",
    "region",
    "valid_from",
    "valid_to",
    "source",
    "sample",
    "clauses",
    "parameters",
    "proposed_attributes",
    "common_conditions",
    "cap",
    "benefits",
    "tests",
)


def _ordered(data: dict[str, Any]) -> dict[str, Any]:
    """The keys in the order policy files are written (docs/formats.md), so a diff of two versions reads well."""
    return {k: data[k] for k in ORDER if k in data} | {k: v for k, v in data.items() if k not in ORDER}


# -- text, checking, errors at fields ----------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    pass


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    text = _plain(value)
    tag = "tag:yaml.org,2002:int" if re.fullmatch(r"-?\d+", text) else "tag:yaml.org,2002:float"
    return dumper.represent_scalar(tag, text)


_Dumper.add_representer(Decimal, _decimal)


def dump(data: Mapping[str, Any]) -> str:
    """The policy file's text (what the version keeps, exports and diffs)."""
    return yaml.dump(dict(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)


def load(text: str) -> dict[str, Any]:
    """A version's text as data (dates as dates, numbers exact); an unreadable text gives an empty policy."""
    try:
        data = load_yaml("policy.yaml", text).data
    except RuleError:
        return {}
    return data if isinstance(data, dict) else {}


@dataclass
class Checked:
    """The checker's verdict on a text: errors by form field, and those no field holds."""

    fields: dict[str, str] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.fields and not self.general


def check(library: Library, file_name: str, text: str) -> Checked:
    """The same checker as an uploaded file's (validate, type-check against the schema with the library around it),
    in drafting mode: the draft's proposed attributes check before they are accepted; publication refuses them."""
    trial = Library(schema=library.schema)
    policy_id = str(load(text).get("id", ""))
    for pid, policy in library.policies.items():
        if pid != policy_id:
            trial.policies[pid], trial.files[pid] = policy, library.files[pid]
    trial.benefits = [b for b in library.benefits if b.policy.id != policy_id]
    try:
        add_policy_file(trial, Path(file_name), text, drafting=True)
    except RuleErrors as exc:
        return placed(text, exc.errors)
    except RuleError as exc:
        return placed(text, [exc])
    return Checked()


def placed(text: str, errors: list[RuleError]) -> Checked:
    """Each error at the form field holding the YAML line it names (else by its benefit, else in general)."""
    try:
        doc = load_yaml("policy.yaml", text)
    except RuleError:
        return Checked(general=[e.message_zh for e in errors])
    by_line: dict[int, tuple[Any, ...]] = {}
    for path, position in sorted(doc.positions.items(), key=lambda item: len(item[0])):
        by_line[position.line] = path  # the deepest value starting on the line
    benefit_index = {str(b.get("id")): i for i, b in enumerate(doc.data.get("benefits") or []) if isinstance(b, dict)}
    out = Checked()
    for error in errors:
        name = None
        if error.line is not None and error.line in by_line:
            name = field_of(by_line[error.line], doc.data)
        if name is None and error.benefit in benefit_index:
            name = f"b.{benefit_index[error.benefit]}.id"
        message = error.message_zh
        if error.line is not None and error.line in by_line and TO_FILL in str(_at_path(doc.data, by_line[error.line])):
            message = "尚待填写：文件原文没有写明，请在此选择或填写"  # the extractor's placeholder, not a mistake
        if name is None:
            out.general.append(message)
        else:
            out.fields[name] = f"{out.fields[name]}；{message}" if name in out.fields else message
    return out


def _at_path(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def field_of(path: tuple[Any, ...], data: Mapping[str, Any]) -> str | None:
    """The form field of a path in the policy file's data (the names ``flatten`` writes)."""
    if not path:
        return None
    head = path[0]
    if head in ("id", "title", "doc_number", "issuer", "level", "region", "valid_from", "valid_to", "source"):
        return str(head)
    if head == "clauses":
        refs = [str(k) for k in data.get("clauses") or {}]
        return f"clause.{refs.index(str(path[1]))}.text" if len(path) > 1 and str(path[1]) in refs else "clauses"
    if head == "common_conditions" and len(path) > 1:
        return _condition_field("common", path[1:], (data.get("common_conditions") or [])[path[1]])
    if head == "proposed_attributes" and len(path) > 1:
        names = [str(k) for k in data.get("proposed_attributes") or {}]
        index = names.index(str(path[1])) if str(path[1]) in names else 0
        return f"proposed.{index}.{path[2] if len(path) > 2 else 'name'}"
    if head == "benefits" and len(path) > 1 and isinstance(path[1], int):
        return _benefit_field(f"b.{path[1]}.", path[2:], data["benefits"][path[1]])
    return None


def _condition_field(prefix: str, path: tuple[Any, ...], condition: Any) -> str:
    j = path[0]
    key = path[1] if len(path) > 1 else "expr"
    if key == "expr":
        simple = isinstance(condition, dict) and SIMPLE.match(str(condition.get("expr", "")))
        return f"{prefix}.{j}.{'value' if simple else 'expr'}"
    return f"{prefix}.{j}.{key}"


def _benefit_field(p: str, path: tuple[Any, ...], benefit: Mapping[str, Any]) -> str:
    if not path:
        return p + "id"
    key = path[0]
    if key == "conditions" and len(path) > 1:
        return _condition_field(p + "c", path[1:], (benefit.get("conditions") or [])[path[1]])
    if key == "amount":
        form = amount_form(benefit.get("amount"))
        sub = path[1] if len(path) > 1 else "formula"
        if sub == "formula":
            where = {"fixed": "value", "rate": "rate", "per_unit": "each", "expr": "expr", "manual": "cap"}
            return p + "a." + where.get(form["kind"], "attr")
        return p + "a." + ("schedule" if sub == "schedule" else str(sub))
    if key == "application":
        sub = path[1] if len(path) > 1 else "channel"
        if sub == "department":
            return p + "app_department"
        if sub == "window":
            return p + (str(path[2]) if len(path) > 2 and path[2] in ("opens", "closes") else "opens")
        if sub == "materials":
            return f"{p}m.{path[2]}.name" if len(path) > 2 else p + "channel"
        return p + ("steps" if sub == "steps" else "channel")
    if key in BENEFIT_EDITED:
        return p + str(key)
    return p + "id"


def placeholders(text: str) -> list[str]:
    """Where the text still holds what the extractor left for a person (待填写, 待命名, 【待人工确认】): a version
    with any is not submitted."""
    found = []
    data = load(text)
    for key in ("title", "issuer", "source"):
        if any(mark in str(data.get(key, "")) for mark in PLACEHOLDERS):
            found.append(f"政策的{ {'title': '名称', 'issuer': '发文单位', 'source': '来源'}[key] }")
    for b in data.get("benefits") or []:
        if not isinstance(b, dict):
            continue
        name = str(b.get("title") or b.get("id"))
        parts = [("名称", b.get("title")), ("兑现方式", b.get("payout")), ("主管部门", b.get("department"))]
        app = b.get("application") or {}
        parts += [("受理部门", app.get("department")), ("申报渠道", app.get("channel"))]
        parts += [("条件", c.get("label") or c.get("expr")) for c in b.get("conditions") or [] if isinstance(c, dict)]
        for zh, value in parts:
            if any(mark in str(value or "") for mark in PLACEHOLDERS):
                found.append(f"“{name}”的{zh}")
    if not found and any(mark in text for mark in PLACEHOLDERS):
        found.append("政策文本中")
    return found


# -- starting a draft ----------------------------------------------------------------------------------------------


def from_document(document: str, policy_id: str) -> dict[str, Any]:
    """A document's draft (``extract.draft``) as a policy file's data, each benefit with a name of its own."""
    from policyreach.extract.assistant import config_from_env
    from policyreach.extract.draft import as_policy, draft_policy

    data = as_policy(draft_policy(document, policy_id, assistant=config_from_env()))
    data.pop("source", None)
    data["source"] = "规则草稿：由政策通从条款文本生成，经工作台编辑。"
    for b in data["benefits"]:
        amount = b.get("amount") or {}
        # 最高不超过 N 万元 read as min(formula, N): the builder's cap says the same and shows as 上限
        if "cap" not in amount and (capped := _capped(str(amount.get("formula", "")))):
            amount["formula"], amount["cap"] = capped
    return _ordered(unique_titles(data))


def _capped(formula: str) -> tuple[str, Decimal] | None:
    """``min(f, N)`` as (f, N); None for anything else."""
    try:
        node = ast.parse(formula, mode="eval").body
    except SyntaxError:
        return None
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "min"):
        return None
    if len(node.args) != 2 or not isinstance(node.args[1], ast.Constant):
        return None
    inner, bound = ast.get_source_segment(formula, node.args[0]), node.args[1].value
    if inner is None or isinstance(bound, bool) or not isinstance(bound, int | float):
        return None
    return inner, Decimal(str(bound))


def unique_titles(data: dict[str, Any]) -> dict[str, Any]:
    """Two drafted benefits of one clause (its items, its variants) get names of their own: …之一、…之二."""
    benefits = data.get("benefits") or []
    counts: dict[str, int] = {}
    for b in benefits:
        counts[b["title"]] = counts.get(b["title"], 0) + 1
    seen: dict[str, int] = {}
    numerals = "一二三四五六七八九十"
    for b in benefits:
        title = b["title"]
        if counts[title] > 1:
            seen[title] = seen.get(title, 0) + 1
            n = seen[title]
            b["title"] = f"{title}之{numerals[n - 1] if n <= 10 else n}"
    return data


def blank(policy_id: str, title: str, department: str, today: dt.date) -> dict[str, Any]:
    """A policy written from scratch: one clause, one benefit, every field to be filled in the forms."""
    return {
        "id": policy_id,
        "title": title,
        "issuer": department or TO_FILL,
        "level": "city",
        "region": "220100",
        "valid_from": today,
        "source": "由政策通工作台编写。",
        "clauses": {"1": TO_FILL},
        "benefits": [
            {
                "id": f"{policy_id}-1",
                "title": "待命名（第 1 条）",
                "kind": "subsidy",
                "payout": TO_FILL,
                "department": department or TO_FILL,
                "conditions": [],
                "amount": {"formula": "0", "unit": "万元", "clause": "1"},
                "application": {"department": department or TO_FILL, "channel": TO_FILL},
            }
        ],
    }


def attributes(schema: Schema) -> list[dict[str, str]]:
    """The attribute picker's entries: Chinese label, unit, source department, yearly; derived ones too."""
    out = []
    for name, a in sorted(schema.attributes.items(), key=lambda item: item[1].label):
        source = schema.sources.get(a.source, a.source)
        out.append(
            {
                "name": name,
                "label": a.label,
                "unit": a.unit or "",
                "source": source,
                "yearly": "按年度" if a.yearly else "",
                "type": TYPE_ZH.get(a.type.value, a.type.value),
            }
        )
    for name, d in sorted(schema.derived.items(), key=lambda item: item[1].label):
        out.append({"name": name, "label": d.label, "unit": d.unit or "", "source": "由其他数据计算", "yearly": ""})
        out[-1]["type"] = TYPE_ZH.get(d.type.value, d.type.value)
    return out


def rename_attribute(data: dict[str, Any], old: str, new: str, *, keep_declaration: bool) -> dict[str, Any]:
    """Every expression using ``old`` uses ``new``; the proposal is renamed (or dropped when mapped onto an
    attribute the schema has)."""
    word = re.compile(rf"(?<![A-Za-z0-9_.]){re.escape(old)}(?![A-Za-z0-9_])")

    def fix(c: dict[str, Any]) -> dict[str, Any]:
        return {**c, "expr": word.sub(new, str(c["expr"]))} if "expr" in c else c

    data = dict(data)
    if "common_conditions" in data:
        data["common_conditions"] = [fix(c) for c in data["common_conditions"]]
    benefits = []
    for b in data.get("benefits") or []:
        b = {**b, "conditions": [fix(c) for c in b.get("conditions") or []]}
        amount = b.get("amount")
        if isinstance(amount, dict):
            amount = {**amount}
            for key in ("formula", "period_year"):
                if isinstance(amount.get(key), str):
                    amount[key] = word.sub(new, amount[key])
            b["amount"] = amount
        benefits.append(b)
    data["benefits"] = benefits
    proposed = dict(data.get("proposed_attributes") or {})
    spec = proposed.pop(old, None)
    if keep_declaration and spec is not None:
        proposed[new] = spec
    if proposed:
        data["proposed_attributes"] = proposed
    else:
        data.pop("proposed_attributes", None)
    return _ordered(data)


def unflatten(post: Mapping[str, str]) -> dict[str, Any]:
    """A posted form read back as the page shows it, exactly as typed (a form refused is shown again with the
    officer's own values, nothing lost); rows marked for removal are left out."""
    r = _Reader(post, Schema())
    g = r.get

    def conditions(prefix: str) -> list[dict[str, str]]:
        keys = ("attr", "year", "op", "value", "expr", "clause", "label", "weight")
        return [
            {k: g(f"{prefix}.{j}.{k}") for k in keys} for j in range(r.count(prefix)) if not r.removed(f"{prefix}.{j}")
        ]

    benefits = []
    for i in range(r.count("benefits")):
        p = f"b.{i}."
        if r.removed(f"b.{i}"):
            continue
        keys = ("orig", "id", "title", "kind", "payout", "redemption", "department", "exclusive_group", "cycle")
        b: dict[str, Any] = {k: g(p + k) for k in keys}
        b |= {k: g(p + k) for k in ("app_department", "channel", "opens", "closes")}
        b["steps"] = (post.get(p + "steps") or "").strip()
        b["annual"] = g(p + "annual") == "on"
        b["conditions"] = conditions(p + "c")
        b["materials"] = [
            {"name": g(f"{p}m.{j}.name"), "note": g(f"{p}m.{j}.note"), "auto": g(f"{p}m.{j}.auto") == "on"}
            for j in range(r.count(p + "materials"))
            if not r.removed(f"{p}m.{j}")
        ]
        kind = g(p + "a.kind")
        if kind in ("", "none"):
            b["amount"] = None
        else:
            fields = ("value", "attr", "year", "rate", "each", "most", "default", "expr", "cap", "floor", "unit")
            amount: dict[str, Any] = {"kind": kind} | {k: g(f"{p}a.{k}") for k in fields}
            amount |= {k: g(f"{p}a.{k}") for k in ("clause", "label", "schedule", "period_year")}
            amount["rows"] = [
                [g(f"{p}a.r.{j}.0"), g(f"{p}a.r.{j}.1")]
                for j in range(r.count(p + "a.rows"))
                if not r.removed(f"{p}a.r.{j}")
            ]
            b["amount"] = amount
        benefits.append(b)
    proposed = [
        {k: g(f"proposed.{i}.{k}") for k in ("name", "label", "type", "unit", "department", "description")}
        | {"yearly": g(f"proposed.{i}.yearly") == "on"}
        for i in range(r.count("proposed"))
    ]
    keys = ("id", "title", "doc_number", "issuer", "level", "region", "source", "valid_from", "valid_to")
    return {k: g(k) for k in keys} | {
        "clauses": [
            {"ref": g(f"clause.{i}.ref"), "text": g(f"clause.{i}.text")}
            for i in range(r.count("clauses", 500))
            if not r.removed(f"clause.{i}")
        ],
        "common": conditions("common"),
        "proposed": proposed,
        "benefits": benefits,
    }


def empty_condition(clause: str = "") -> dict[str, str]:
    return {"attr": "", "year": "", "op": ">=", "value": "", "expr": "", "clause": clause, "label": "", "weight": ""}


def add_row(form: dict[str, Any], where: str) -> None:
    """An empty row where the page's 添加 button asked (``common``, ``clause``, ``benefit``, ``b.N.c``, ``b.N.m``,
    ``b.N.r``): the page is shown again with it, nothing is saved."""
    first = form["clauses"][0]["ref"] if form["clauses"] else ""
    if where == "common":
        form["common"].append(empty_condition(first))
    elif where == "clause":
        refs = [c["ref"] for c in form["clauses"]]
        numbers = [int(x) for x in refs if x.isdigit()]
        form["clauses"].append({"ref": str(max(numbers, default=0) + 1), "text": ""})
    elif where == "benefit":
        n = len(form["benefits"]) + 1
        used = {b["id"] for b in form["benefits"]}
        while f"{form['id']}-{n}" in used:
            n += 1
        amount = amount_form({"formula": "", "clause": first}) | {"kind": "fixed", "value": ""}
        form["benefits"].append(
            {
                "orig": "",
                "id": f"{form['id']}-{n}",
                "title": "",
                "kind": "subsidy",
                "payout": "",
                "redemption": "review",
                "department": form["issuer"],
                "exclusive_group": "",
                "cycle": "annual",
                "conditions": [],
                "amount": amount,
                "app_department": form["issuer"],
                "channel": "",
                "steps": "",
                "materials": [],
                "opens": "",
                "closes": "",
                "annual": False,
            }
        )
    elif m := re.fullmatch(r"b\.(\d+)\.([cmr])", where):
        i = int(m.group(1))
        if i >= len(form["benefits"]):
            return
        b = form["benefits"][i]
        clause = (b["amount"] or {}).get("clause") or first
        if m.group(2) == "c":
            b["conditions"].append(empty_condition(clause))
        elif m.group(2) == "m":
            b["materials"].append({"name": "", "note": "", "auto": False})
        elif b["amount"] is not None:
            b["amount"]["rows"].append(["", ""])
