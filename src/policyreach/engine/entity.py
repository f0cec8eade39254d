"""One entity's values as the engine sees them: columns, with provenance.

Attribute values may be given per attribute (``revenue: {2024: 1500}``) or per column
(``revenue_2024: 1500``); both end up as column → value. A column is *verified* when
its source is an authoritative one (docs/ARCHITECTURE.md, "Provenance").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from policyreach.rules import ranges
from policyreach.rules.absence import ListImport
from policyreach.rules.errors import RuleError
from policyreach.rules.numbers import NumberError, to_decimal
from policyreach.rules.schema import Schema, year_column
from policyreach.rules.types import Type


@dataclass
class EntityRecord:
    entity_id: str
    kind: str = "enterprise"
    values: dict[str, Any] = field(default_factory=dict)  # column -> typed value (None = unknown)
    sources: dict[str, str] = field(default_factory=dict)  # column -> source code
    name: str | None = None
    absent: dict[str, ListImport] = field(default_factory=dict)  # column -> the list whose silence made it none

    def verified(self, schema: Schema) -> set[str]:
        return {c for c, s in self.sources.items() if schema.is_verified_source(s) and self.values.get(c) is not None}


def entity_from_mapping(
    schema: Schema,
    data: Mapping[str, Any],
    *,
    entity_id: str = "case",
    kind: str | None = None,
    sources: Mapping[str, str] | None = None,
    verified: Iterable[str] | str | None = None,
) -> EntityRecord:
    """Build a record from attribute or column keyed data, checking every value's type.

    ``verified`` = ``"all"`` marks every given value as coming from its schema source;
    a list names the attributes or columns that are verified.
    """
    record = EntityRecord(entity_id=entity_id, kind=kind or str(data.get("kind", "enterprise")))
    record.name = data.get("name") if isinstance(data.get("name"), str) else None
    for key, value in data.items():
        if key in ("kind", "entity_id"):
            continue
        for column, attr_name, year_value in _columns(schema, key, value):
            attr = schema.attributes[attr_name]
            typed = coerce(attr.type, year_value, column)
            reason = ranges.problem(attr, typed) if attr.type.is_number else None
            if reason is not None:
                raise RuleError(reason, f"{column}: {typed!r} is outside the range of {attr_name}", found=repr(typed))
            record.values[column] = typed
            record.sources[column] = attr.source if _is_verified(verified, attr_name, column) else "self_declared"
    if sources:
        record.sources.update(sources)
    return record


def _is_verified(verified: Iterable[str] | str | None, attr: str, column: str) -> bool:
    if verified == "all":
        return True
    if verified is None or isinstance(verified, str):
        return False
    names = set(verified)
    return attr in names or column in names


def _columns(schema: Schema, key: str, value: Any) -> list[tuple[str, str, Any]]:
    attr = schema.attributes.get(key)
    if attr is not None:
        if attr.yearly:
            if value is None:
                return []
            if not isinstance(value, Mapping):
                raise RuleError(
                    f"{key}（{attr.label}）按年度记录，请写成 {{年份: 数值}}",
                    f"{key} is yearly: give {{year: value}}",
                )
            if not all(str(y).isdigit() and len(str(y)) == 4 for y in value):
                raise RuleError(f"{key}（{attr.label}）的年份应为四位数字", f"{key}: years must be four digits")
            return [(year_column(key, int(y)), key, v) for y, v in value.items()]
        return [(key, key, value)]
    base, _, year = key.rpartition("_")
    attr = schema.attributes.get(base)
    if attr is not None and attr.yearly and year.isdigit():
        return [(key, base, value)]
    if key in schema.derived:
        raise RuleError(f"{key} 是派生属性，由系统计算，不能直接填写", f"{key} is derived and cannot be given")
    raise RuleError(f"未知属性 {key}", f"unknown attribute {key}")


def coerce(type_: Type, value: Any, column: str) -> Any:
    """Check and convert one value to the engine's Python type for ``type_``."""
    if value is None:
        return None
    try:
        if type_ == Type.DEC:
            return to_decimal(value)
        if type_ == Type.INT:
            if isinstance(value, bool):
                raise ValueError
            number = to_decimal(value)
            if number != number.to_integral_value():
                raise ValueError
            return int(number)
        if type_ == Type.BOOL:
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in ("true", "1", "是", "yes", "y"):
                return True
            if text in ("false", "0", "否", "no", "n"):
                return False
            raise ValueError
        if type_ == Type.DATE:
            if isinstance(value, dt.datetime):
                return value.date()
            if isinstance(value, dt.date):
                return value
            return dt.date.fromisoformat(str(value).strip())
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            raise ValueError
        return value
    except (ValueError, NumberError) as exc:
        raise RuleError(
            f"{column} 应为{type_.zh}，而 {value!r} 不是",
            f"{column} must be a {type_.value}; {value!r} is not",
            expected=type_.value,
            found=repr(value),
        ) from exc


def record_from_row(row: dict[str, Any], schema: Schema) -> EntityRecord:
    """An EntityRecord from one population row (columns and ``COL__verified`` flags)."""
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for column, value in row.items():
        if column.endswith("__verified") or column in ("entity_id", "kind", "name"):
            continue
        attr = schema.attributes.get(column) or schema.attributes.get(column.rpartition("_")[0])
        if attr is None or value is None:
            continue
        values[column] = value
        sources[column] = attr.source if row.get(f"{column}__verified") else "self_declared"
    return EntityRecord(
        entity_id=row["entity_id"],
        kind=row.get("kind") or "enterprise",
        values=values,
        sources=sources,
        name=row.get("name"),
    )
