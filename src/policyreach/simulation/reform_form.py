"""A reform of one published policy written in a form instead of a file: its numeric parameters, each benefit's
numeric thresholds, its fixed amount and its cap, each shown with its label, unit and value in force; what the
officer changes becomes a :class:`~policyreach.simulation.reform.Reform`, applied and checked like an uploaded one.
"""

from __future__ import annotations

import ast
import copy
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from policyreach.rules.boundaries import OP_ZH
from policyreach.rules.policy import Policy
from policyreach.rules.schema import Schema
from policyreach.simulation.reform import BenefitChange, Reform

_NUMBER = re.compile(r"^-?\d{1,12}(\.\d{1,6})?$")


@dataclass(frozen=True)
class Field:
    """One number an officer may change: ``key`` names it in the form (``param:NAME``, ``cond:BENEFIT:INDEX``,
    ``cap:BENEFIT``, ``fixed:BENEFIT``)."""

    key: str
    group: str  # 政策参数, or the benefit's title
    label: str
    unit: str
    current: Decimal

    @property
    def shown(self) -> str:
        return format(self.current.normalize(), "f")


def fields(policy: Policy, schema: Schema, as_of: dt.date) -> list[Field]:
    found = []
    for name, parameter in policy.parameters.items():
        value = parameter.value_at(as_of)
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            found.append(Field(f"param:{name}", "政策参数", parameter.label, parameter.unit or "", Decimal(value)))
    for benefit in policy.benefits:
        for index, condition in enumerate(benefit.conditions):
            literal = _literal(condition.expr)
            if literal is None:
                continue
            name, op, value, _ = literal
            attribute = schema.field(name)
            label = condition.label or (attribute.label if attribute is not None else name)
            unit = attribute.unit if attribute is not None and attribute.unit else ""
            found.append(
                Field(f"cond:{benefit.id}:{index}", benefit.title, f"{label}：门槛（{OP_ZH[op]}）", unit, value)
            )
        amount = benefit.amount
        if amount is None:
            continue
        fixed = _number(amount.formula)
        if fixed is not None:
            found.append(Field(f"fixed:{benefit.id}", benefit.title, "定额奖补", amount.unit, fixed))
        if isinstance(amount.cap, Decimal):
            found.append(Field(f"cap:{benefit.id}", benefit.title, "最高金额（上限）", amount.unit, amount.cap))
    return found


def _number(text: str) -> Decimal | None:
    text = text.strip()
    return Decimal(text) if _NUMBER.match(text) else None


def _literal(expr: str) -> tuple[str, type[ast.cmpop], Decimal, tuple[int, int]] | None:
    """``attribute op number`` (the attribute possibly for a year): its name, the operator, the number and the
    number's place in the text (UTF-8 byte offsets, as ``ast`` gives them)."""
    try:
        node = ast.parse(expr, mode="eval").body
    except SyntaxError:
        return None
    if not isinstance(node, ast.Compare) or len(node.ops) != 1 or type(node.ops[0]) not in OP_ZH:
        return None
    left, right = node.left, node.comparators[0]
    name = left.id if isinstance(left, ast.Name) else None
    if isinstance(left, ast.Subscript) and isinstance(left.value, ast.Name):
        name = left.value.id
    if name is None or not isinstance(right, ast.Constant) or isinstance(right.value, bool):
        return None
    if not isinstance(right.value, int | float) or right.end_col_offset is None:
        return None
    return name, type(node.ops[0]), Decimal(str(right.value)), (right.col_offset, right.end_col_offset)


class FormError(ValueError):
    """A value the form sent that cannot be used: the message names the field, in Chinese."""


def reform_of(
    policy: Policy, raw: dict[str, Any], known: list[Field], keys: list[str], values: list[str]
) -> tuple[Reform, list[str]]:
    """The reform the changed values make (``raw``: the policy file's data as loaded), and the changes in words."""
    if len(keys) != len(values) or len(keys) > 500:
        raise FormError("表单不完整（key 与 value 数目不一致），请刷新页面后重新填写")
    by_key = {f.key: f for f in known}
    parameters: dict[str, Any] = {}
    edits: dict[str, dict[str, Any]] = {}
    raw_benefits = {b.get("id"): b for b in raw.get("benefits", []) if isinstance(b, dict)}
    words = []
    for key, text in zip(keys, values, strict=True):
        found = by_key.get(key)
        if found is None:
            raise FormError("要修改的项目（key）不在该政策中，请刷新页面后重新填写")
        text = text.strip().replace(",", "")
        if not text:
            continue
        if not _NUMBER.match(text):
            raise FormError(f"“{found.group} · {found.label}”（value）须为数字，最多六位小数")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise FormError(f"“{found.group} · {found.label}”（value）须为数字") from None
        if value < 0:
            raise FormError(f"“{found.group} · {found.label}”（value）不能为负数")
        if value == found.current:
            continue
        words.append(f"{found.group} · {found.label}：{found.shown} → {format(value.normalize(), 'f')}{found.unit}")
        kind, _, rest = key.partition(":")
        if kind == "param":
            # a YAML number: the reform's file is dumped and read again, and a float's shortest text is exact
            parameters[f"{policy.id}.{rest}"] = int(value) if value == value.to_integral() else float(value)
            continue
        benefit_id, _, index = rest.partition(":")
        source = raw_benefits.get(benefit_id)
        if source is None:
            raise FormError(f"兑现事项“{found.group}”在政策文件中找不到，请刷新页面")
        edit = edits.setdefault(benefit_id, {})
        if kind == "cond":
            conditions = edit.setdefault("conditions", copy.deepcopy(source.get("conditions", [])))
            condition = conditions[int(index)]
            literal = _literal(str(condition["expr"]))
            if literal is None:
                raise FormError(f"“{found.group} · {found.label}”的条件无法修改")
            start, end = literal[3]
            data = str(condition["expr"]).encode("utf-8")
            condition["expr"] = (data[:start] + format(value.normalize(), "f").encode() + data[end:]).decode("utf-8")
        else:
            amount = edit.setdefault("amount", copy.deepcopy(source.get("amount", {})))
            amount["cap" if kind == "cap" else "formula"] = format(value.normalize(), "f")
    if not words:
        raise FormError("没有修改任何数值：请至少改动一项（value）后再测算")
    changes = [BenefitChange.model_validate({"edit": b, **fields}) for b, fields in edits.items()]
    reform = Reform(id=f"{policy.id}-form", title=f"{policy.title}：{'；'.join(words)}", benefits=changes)
    return reform.model_copy(update={"parameters": parameters}), words
