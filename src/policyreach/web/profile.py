"""The profile page's rows: every attribute of the entity's kind with its value and where it came from."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from policyreach.app.platform import Platform
from policyreach.engine.explain import format_number
from policyreach.rules import ranges
from policyreach.rules.schema import SELF_DECLARED, Attribute, year_column
from policyreach.rules.types import Type
from policyreach.store.models import Entity

MAX_TEXT = 200  # a free-text attribute (a name, a field of study): longer is a mistake or an attack


@dataclass(frozen=True)
class Row:
    column: str
    label: str
    shown: str
    raw: str
    unit: str
    source: str  # Chinese name of the source
    verified: bool
    editable: bool
    input_type: str  # text | number | date | select
    options: tuple[tuple[str, str], ...] = ()
    listed: str = ""  # the sentence of a complete list that does not name the entity ("…名单（截至 …）未列入")


def _columns(plat: Platform, kind: str) -> list[tuple[str, Attribute, int | None]]:
    out = []
    for attr in plat.schema.attributes.values():
        if kind not in attr.kinds:
            continue
        years = range(plat.as_of.year - 1, plat.as_of.year - 4, -1) if attr.yearly else [None]
        out += [(attr.name if y is None else year_column(attr.name, y), attr, y) for y in years]
    return out


def profile_rows(plat: Platform, entity: Entity, typed: dict[str, str] | None = None) -> list[Row]:
    """The rows; ``typed`` (column → what the firm typed) keeps a refused form's entries in its inputs."""
    rows = []
    # what a complete list in force says the entity does not have: shown as the list's sentence, verified, and still
    # open to the firm's own declaration (certified after the list's date), which the officer sees as a contradiction
    absent = plat.record(entity).absent
    for column, attr, year in _columns(plat, entity.kind):
        value = entity.values.get(column)
        info = entity.provenance.get(column, {})
        source = info.get("source", SELF_DECLARED) if value is not None else None
        verified = source is not None and source != SELF_DECLARED
        listed = absent.get(column) if value is None else None
        if listed is not None:
            source = listed.source
        codes = plat.schema.codesets.get(attr.codeset) if attr.codeset else None
        options = tuple((v, codes.labels.get(v, v)) for v in codes.values) if codes else ()
        if attr.type == Type.BOOL:
            options = (("true", "是"), ("false", "否"))
        rows.append(
            Row(
                column=column,
                label=attr.label + (f"（{year}年）" if year else ""),
                shown=_shown(value, attr, dict(options)),
                raw=typed[column]
                if typed is not None and column in typed
                else ""
                if value is None
                else ("true" if value is True else "false" if value is False else str(value)),
                unit=attr.unit or "",
                source="—" if source is None else plat.schema.source_label(source),
                verified=verified or listed is not None,
                editable=not verified,  # a registry value is never overwritten by the firm
                input_type="select"
                if options
                else {"decimal": "number", "integer": "number", "date": "date"}.get(attr.type.value, "text"),
                options=options,
                listed=listed.sentence() if listed is not None else "",
            )
        )
    return rows


def _shown(value: Any, attr: Attribute, labels: dict[str, str]) -> str:
    if value is None:
        return "未提供"
    if isinstance(value, bool):
        return "是" if value else "否"
    if ranges.stored(attr, value) is None:  # stored before the checks: shown as it is, marked, never a 500
        return f"{str(value)[:40]}（超出有效范围，按未提供处理）"
    if attr.type == Type.DEC:
        return format_number(Decimal(str(value)))
    return labels.get(str(value), str(value))


def parse_value(plat: Platform, column: str, raw: str) -> Any:
    """A form value as stored JSON (exact decimal string, int, bool, ISO date or code); '' clears it."""
    attr = plat.schema.attributes.get(column) or plat.schema.attributes[column.rpartition("_")[0]]
    if raw == "":
        return None
    if attr.type in (Type.DEC, Type.INT):
        # a phone keyboard in Chinese mode types full-width digits and commas (１２，５００); people group digits
        raw = re.sub(r"[\s,]", "", unicodedata.normalize("NFKC", raw)) or raw
    if attr.type == Type.DEC:
        try:
            number = Decimal(raw)
        except InvalidOperation:
            raise ValueError(f"“{raw[:40]}”不是数字") from None
        exponent = number.as_tuple().exponent
        if not isinstance(exponent, int):  # NaN or an infinity: Decimal accepts them, an attribute may not
            raise ValueError(f"“{raw}”不是数字")
        if exponent < -6:
            raise ValueError("最多保留6位小数")
        ranges.check(attr, number)  # before formatting: "1e308" is refused, not written out in 309 digits
        return format(number.normalize(), "f")
    if attr.type == Type.INT:
        if not raw.lstrip("-").isascii() or not raw.lstrip("-").isdigit() or len(raw) > 20:
            raise ValueError(f"“{raw[:40]}”不是整数")
        ranges.check(attr, int(raw))
        return int(raw)
    if attr.type == Type.BOOL:
        if raw not in ("true", "false"):
            raise ValueError("请选择“是”或“否”")
        return raw == "true"
    if attr.type == Type.DATE:
        try:
            return dt.date.fromisoformat(raw).isoformat()
        except ValueError:
            raise ValueError(f"“{raw[:40]}”不是日期（YYYY-MM-DD）") from None
    codes = plat.schema.codesets.get(attr.codeset) if attr.codeset else None
    if codes is not None and raw not in codes.values:
        raise ValueError(f"“{raw[:40]}”不在可选范围内")
    if len(raw) > MAX_TEXT:
        raise ValueError(f"最多 {MAX_TEXT} 个字")
    return raw
