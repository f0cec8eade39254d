"""Entities in and out of the database: from a population frame, and back to the frame the engine reads."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import polars as pl
import pyarrow as pa
from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from policyreach.population.generate import population_schema
from policyreach.rules import ranges
from policyreach.rules.schema import SELF_DECLARED, Schema
from policyreach.store.models import Entity

VERIFIED = "__verified"
_IDENTITY = ("entity_id", "kind")


def _json(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def rows_from_frame(frame: pl.DataFrame, schema: Schema, batch_id: str, as_of: dt.date) -> list[dict[str, Any]]:
    """Insertable rows: values as JSON, provenance from each column's ``__verified`` flag."""
    value_columns = [c for c in frame.columns if not c.endswith(VERIFIED) and c not in _IDENTITY]
    sources = {c: _source(schema, c) for c in value_columns}
    out = []
    for row in frame.iter_rows(named=True):
        values = {c: _json(row[c]) for c in value_columns if row[c] is not None}
        provenance = {
            c: {
                "source": sources[c] if row.get(c + VERIFIED) else SELF_DECLARED,
                "as_of": as_of.isoformat(),
                "batch_id": batch_id,
            }
            for c in values
        }
        out.append(
            {
                "entity_id": row["entity_id"],
                "kind": row["kind"],
                "name": row.get("name") or row["entity_id"],
                "uscc": values.get("uscc"),
                "district": values.get("district") or values.get("employer_district"),
                "industry": values.get("industry"),
                "values": values,
                "provenance": provenance,
            }
        )
    return out


def _source(schema: Schema, column: str) -> str:
    attr = schema.attributes.get(column) or schema.attributes.get(column.rpartition("_")[0])
    return attr.source if attr is not None else SELF_DECLARED


def replace_population(
    session: Session, frame: pl.DataFrame, schema: Schema, batch_id: str, as_of: dt.date, chunk: int = 2000
) -> int:
    """Load a population (all rows or, on any error, none: the caller's transaction decides)."""
    session.execute(delete(Entity))
    rows = rows_from_frame(frame, schema, batch_id, as_of)
    for start in range(0, len(rows), chunk):
        session.execute(insert(Entity), rows[start : start + chunk])
    return len(rows)


def population_frame(
    session: Session, schema: Schema, as_of_year: int, entity_ids: list[str] | None = None
) -> pl.DataFrame:
    """The entities as the engine's population frame (typed columns and ``__verified`` flags)."""
    arrow = population_schema(as_of_year)
    query = select(Entity.entity_id, Entity.kind, Entity.name, Entity.values, Entity.provenance)
    if entity_ids is not None:
        query = query.where(Entity.entity_id.in_(entity_ids))
    decimals = {f.name for f in arrow if pa.types.is_decimal(f.type)}
    dates = {f.name for f in arrow if pa.types.is_date(f.type)}
    integers = {f.name for f in arrow if pa.types.is_integer(f.type)}
    attrs = {column: ranges.attribute_of(schema, column) for column in decimals | dates | integers}
    records = []
    for entity_id, kind, name, values, provenance in session.execute(query):
        record: dict[str, Any] = {"entity_id": entity_id, "kind": kind, "name": name}
        for column, value in values.items():
            attr = attrs.get(column)
            if attr is not None:  # a stored value out of its range or type is unknown, never a failed simulation
                value = ranges.stored(attr, value)
            elif column in decimals:
                value = Decimal(value)
            elif column in dates:
                value = dt.date.fromisoformat(value)
            record[column] = value
            record[column + VERIFIED] = provenance.get(column, {}).get("source", SELF_DECLARED) != SELF_DECLARED
        records.append(record)
    table = pa.Table.from_pylist(records, schema=_nullable(arrow))
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    return frame.with_columns(pl.col(f"^.*{VERIFIED}$").fill_null(False))


def _nullable(schema: pa.Schema) -> pa.Schema:
    return pa.schema([f.with_nullable(True) for f in schema])
