"""Entities in and out of the database in bulk: a population frame into ``entity_values`` rows (``COPY`` on
PostgreSQL, one executemany on SQLite) and the rows back into the frame the engine reads (``COPY ... TO``, by psql
processes on the caller's snapshot where they can: store/copy_out.py; one query on SQLite; into Polars, pivoted and
typed by column operations, never a Python loop over values).

A value is a row (entity, column, year, kind, exact millionths, text, flag, source, as-of date, batch): see
``store.models.EntityValue``. One entity's values are also its ``Entity.values`` mapping, for pages that read one.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

import numpy as np
import polars as pl
import pyarrow as pa
from sqlalchemy import BigInteger, ColumnElement, String, Text, any_, bindparam, delete, func, insert, select, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import InstrumentedAttribute, Session

from policyreach.population.generate import population_schema
from policyreach.rules import ranges
from policyreach.rules.schema import SELF_DECLARED, Schema
from policyreach.store.copy_out import block_ranges, copy_frame, read_frames
from policyreach.store.db import in_parts
from policyreach.store.models import (
    MICRO,
    Entity,
    EntityMatch,
    EntityValue,
    IngestChange,
    MatchAggregate,
    PlatformState,
    kind_of,
    year_of,
)

VERIFIED = "__verified"
_IDENTITY = ("entity_id", "kind")
VALUE_COLUMNS = ("entity_pk", "column", "year", "kind", "micro", "text", "flag", "source", "as_of", "batch_id")
VALUE_TYPES = _LONG = {
    "entity_pk": pl.Int64,
    "column": pl.String,
    "year": pl.Int16,
    "kind": pl.String,
    "micro": pl.Int64,
    "text": pl.String,
    "flag": pl.Boolean,
    "source": pl.String,
    "as_of": pl.Date,
    "batch_id": pl.String,
}


def _source(schema: Schema, column: str) -> str:
    attr = schema.attributes.get(column) or schema.attributes.get(column.rpartition("_")[0])
    return attr.source if attr is not None else SELF_DECLARED


def _long_values(frame: pl.DataFrame, schema: Schema, batch_id: str, as_of: dt.date) -> pl.DataFrame:
    """The frame's values as ``entity_values`` rows keyed by ``entity_id`` (column operations only)."""
    value_columns = [c for c in frame.columns if not c.endswith(VERIFIED) and c not in _IDENTITY]
    parts = []
    for column in value_columns:
        dtype = frame.schema[column]
        source = _source(schema, column)
        verified = pl.col(column + VERIFIED) if column + VERIFIED in frame.columns else pl.lit(False)
        micro, text, flag = pl.lit(None, pl.Int64), pl.lit(None, pl.String), pl.lit(None, pl.Boolean)
        if isinstance(dtype, pl.Decimal):
            kind, micro = "d", pl.col(column).cast(pl.Decimal(38, 6)).cast(pl.String).str.replace(r"\.", "")
            micro = micro.cast(pl.Int64)
        elif dtype.is_integer():
            kind, micro = "i", pl.col(column).cast(pl.Int64) * MICRO
        elif dtype == pl.Boolean:
            kind, flag = "b", pl.col(column)
        elif dtype == pl.Date:
            kind, text = "t", pl.col(column).cast(pl.String)
        else:
            kind, text = "s", pl.col(column).cast(pl.String)
        parts.append(
            frame.filter(pl.col(column).is_not_null()).select(
                pl.col("entity_id"),
                pl.lit(column).alias("column"),
                pl.lit(year_of(column), pl.Int16).alias("year"),
                pl.lit(kind).alias("kind"),
                micro.alias("micro"),
                text.alias("text"),
                flag.alias("flag"),
                pl.when(verified).then(pl.lit(source)).otherwise(pl.lit(SELF_DECLARED)).alias("source"),
                pl.lit(as_of).alias("as_of"),
                pl.lit(batch_id).alias("batch_id"),
            )
        )
    if not parts:
        return pl.DataFrame(schema={"entity_id": pl.String, **{k: v for k, v in _LONG.items() if k != "entity_pk"}})
    return pl.concat(parts, how="vertical_relaxed")


def replace_population(
    session: Session, frame: pl.DataFrame, schema: Schema, batch_id: str, as_of: dt.date, chunk: int = 5000
) -> int:
    """Load a population (all rows or, on any error, none: the caller's transaction decides)."""
    session.execute(delete(EntityValue))
    # the batches' rows per entity go with the entities (on PostgreSQL no foreign key cascades them: g004i)
    session.execute(delete(IngestChange))
    session.execute(delete(EntityMatch))
    session.execute(delete(MatchAggregate))
    session.execute(delete(PlatformState).where(PlatformState.key == "aggregates_built"))  # app/aggregates.BUILT
    session.execute(delete(Entity))
    pick = [c for c in ("name", "uscc", "district", "employer_district", "industry") if c in frame.columns]
    heads = frame.select("entity_id", "kind", *pick)
    rows = [
        {
            "entity_id": r["entity_id"],
            "kind": r["kind"],
            "name": r.get("name") or r["entity_id"],
            "uscc": r.get("uscc"),
            "district": r.get("district") or r.get("employer_district"),
            "industry": r.get("industry"),
        }
        for r in heads.iter_rows(named=True)
    ]
    for start in range(0, len(rows), chunk):
        session.execute(insert(Entity), rows[start : start + chunk])
    pks = pl.DataFrame(
        list(session.execute(select(Entity.entity_id, Entity.id))),
        schema={"entity_id": pl.String, "entity_pk": pl.Int64},
        orient="row",
    )
    long = _long_values(frame, schema, batch_id, as_of).join(pks, on="entity_id").select(VALUE_COLUMNS)
    copy_values(session, long)
    return len(rows)


def copy_values(session: Session, long: pl.DataFrame) -> None:
    """Insert ``entity_values`` rows (a frame with :data:`VALUE_COLUMNS`)."""
    if long.height:
        copy_table(session, "entity_values", long.select(VALUE_COLUMNS))


def copy_table(session: Session, table: str, rows: pl.DataFrame) -> None:
    """Insert a frame's rows into ``table`` (its columns named as the frame's): ``COPY FROM`` on PostgreSQL, one
    executemany on SQLite, in the session's transaction."""
    if rows.height == 0:
        return
    session.flush()
    connection = session.connection()
    raw: Any = connection.connection.driver_connection
    names = ", ".join(f'"{c}"' for c in rows.columns)
    if connection.dialect.name == "postgresql":
        buffer = io.BytesIO()
        rows.write_csv(buffer, include_header=False, null_value="\\N", quote_style="necessary")
        statement = f"COPY {table} ({names}) FROM STDIN (FORMAT csv, NULL '\\N')"
        with raw.cursor() as cursor, cursor.copy(statement) as copy:
            view = buffer.getbuffer()
            for start in range(0, len(view), 1 << 20):
                copy.write(view[start : start + (1 << 20)])
        return
    marks = ", ".join("?" for _ in rows.columns)
    dates = [c for c, t in rows.schema.items() if t == pl.Date]
    rows = rows.with_columns(pl.col(c).cast(pl.String) for c in dates)
    raw.cursor().executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows.iter_rows())


def write_values(
    session: Session,
    items: Sequence[tuple[int, str, Any, dict[str, Any] | None]],
    existing: Sequence[tuple[int, str]] | None = None,
) -> None:
    """Write values of many entities at once: (entity pk, column, JSON-like value, provenance) each; a value of
    None deletes the column's row. The rows replaced are deleted (``existing``, when the caller knows which of the
    items had a row) and the new ones copied in, in the session's transaction, and the entities marked changed."""
    if not items:
        return
    records = []
    for pk, column, value, origin in items:
        if value is None:
            continue
        origin = origin or {}
        as_of = origin.get("as_of")
        day = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
        kind, micro, text, flag = kind_of(value)
        records.append(
            (pk, column, year_of(column), kind, micro, text, flag, origin.get("source"), day, origin.get("batch_id"))
        )
    forget_values(session, [(pk, column) for pk, column, _, _ in items] if existing is None else existing)
    copy_values(session, pl.DataFrame(records, schema=_LONG, orient="row"))
    touch(session, [pk for pk, _, _, _ in items])


def among(session: Session, column: InstrumentedAttribute[Any], values: Sequence[Any]) -> Iterator[ColumnElement[bool]]:
    """``column IN values`` as few conditions as the database allows: on PostgreSQL one array parameter for them all
    (``= ANY``: a batch of a city names tens of thousands of entities, and a statement with a parameter each costs
    more to compile than to run), on SQLite a thousand at a time (its parameter limit)."""
    if not values:
        return
    if session.get_bind().dialect.name == "postgresql":
        # as one text, split by the database: the driver adapts a list element by element in Python (about 12 ms
        # for a batch's 17,000 codes; a city's batch names a million), a join is one C call; a list whose texts
        # could not be split back exactly (one holding the separator, or an empty text) goes as a list
        if isinstance(values[0], int) and all(type(v) is int for v in values):
            joined = ",".join(map(str, values))
            yield column == any_(func.string_to_array(bindparam(None, joined, type_=Text()), ",").cast(_BIGINTS))
            return
        if all(type(v) is str for v in values) and "" not in values:
            joined = _SEPARATOR.join(values)
            if joined.count(_SEPARATOR) == len(values) - 1:
                yield column == any_(func.string_to_array(bindparam(None, joined, type_=Text()), _SEPARATOR))
                return
        kind = BigInteger() if isinstance(values[0], int) else String()
        yield column == any_(bindparam(None, list(values), type_=ARRAY(kind)))
        return
    for start in range(0, len(values), 1000):
        yield column.in_(values[start : start + 1000])


_BIGINTS = ARRAY(BigInteger())
_SEPARATOR = "\x1f"  # the unit separator: no code, name or identifier holds it (among checks)


def forget_values(session: Session, keys: Sequence[tuple[int, str]]) -> None:
    """Delete the rows of (entity pk, column) ``keys``."""
    session.flush()
    by_column: dict[str, list[int]] = {}
    for pk, column in keys:
        by_column.setdefault(column, []).append(pk)
    for column, pks in by_column.items():
        for condition in among(session, EntityValue.entity_pk, pks):
            session.execute(delete(EntityValue).where(EntityValue.column == column, condition))
    session.expire_all()


def touch(session: Session, pks: Iterable[int]) -> None:
    """Mark entities changed (the simulation cache and the incremental re-match key on ``updated_at``)."""
    for condition in among(session, Entity.id, sorted(set(pks))):
        session.execute(update(Entity).where(condition).values(updated_at=func.now()))


def read_values(
    session: Session, pks: Sequence[int], columns: Sequence[str] | None = None
) -> dict[int, dict[str, Any]]:
    """entity pk → column → (JSON-like value, provenance) for many entities in one query (SQLite: per thousand)."""
    from policyreach.store.models import plain

    found: dict[int, dict[str, Any]] = {pk: {} for pk in pks}
    query = select(
        EntityValue.entity_pk,
        EntityValue.column,
        EntityValue.kind,
        EntityValue.micro,
        EntityValue.text,
        EntityValue.flag,
        EntityValue.source,
        EntityValue.as_of,
        EntityValue.batch_id,
    )
    if columns is not None:
        query = query.where(EntityValue.column.in_(list(columns)))  # a batch's columns: a few dozen
    for condition in among(session, EntityValue.entity_pk, list(pks)):
        for pk, column, kind, micro, text, flag, source, as_of, batch in session.execute(query.where(condition)):
            origin = None
            if source is not None:
                origin = {"source": source, "as_of": as_of.isoformat() if as_of else None, "batch_id": batch}
            found[pk][column] = (plain(kind, micro, text, flag), origin)
    return found


_ONE_ENTITY = (
    select(
        *(
            EntityValue.__table__.c[name]
            for name in ("column", "kind", "micro", "text", "flag", "source", "as_of", "batch_id")
        )
    )
    .where(EntityValue.__table__.c.entity_pk == bindparam("pk"))
    .order_by(EntityValue.__table__.c.column)
)


def entity_values(session: Session, pk: int) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """One entity's (values, provenance), as ``Entity.values`` and ``Entity.provenance`` give them, read as plain
    rows: a page that only reads them (the policy list, on every view) makes no ORM object per value."""
    from policyreach.store.models import plain

    values: dict[str, Any] = {}
    provenance: dict[str, dict[str, Any]] = {}
    for column, kind, micro, text, flag, source, as_of, batch in session.execute(_ONE_ENTITY, {"pk": pk}):
        values[column] = plain(kind, micro, text, flag)
        if source is not None:
            provenance[column] = {"source": source, "as_of": as_of.isoformat() if as_of else None, "batch_id": batch}
    return values, provenance


_HEADS = {"entity_pk": pl.Int64, "entity_id": pl.String, "kind": pl.String, "name": pl.String}
_READ = {
    "entity_pk": pl.Int64,
    "column": pl.String,
    "kind": pl.String,
    "micro": pl.Int64,
    "text": pl.String,
    "flag": pl.Boolean,
    "source": pl.String,
}


def _read_long(session: Session, entity_ids: list[str] | None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(entities: entity_pk, entity_id, kind, name; values: entity_pk, column, kind, micro, text, flag, verified)."""
    heads_query = select(Entity.id, Entity.entity_id, Entity.kind, Entity.name)
    long_schema = _READ  # the value rows' columns read
    names = ", ".join(f'"{c}"' for c in long_schema)
    connection = session.connection()
    if entity_ids is not None:
        # a few entities: one query over the primary key
        # in parts: PostgreSQL takes 65,535 parameters a statement (a large batch's re-match names more entities)
        heads = pl.concat(
            [_frame(session, heads_query.where(Entity.entity_id.in_(part)), _HEADS) for part in in_parts(entity_ids)]
        )
        pks = heads["entity_pk"].to_list()
        rows: list[Any] = []
        for start in range(0, len(pks), 1000):
            query = select(*(getattr(EntityValue, c) for c in long_schema)).where(
                EntityValue.entity_pk.in_(pks[start : start + 1000])
            )
            rows.extend(session.execute(query))
        return heads, pl.DataFrame(rows, schema=long_schema, orient="row")
    raw: Any = connection.connection.driver_connection
    csv_schema = {**long_schema, "flag": pl.String}
    if connection.dialect.name == "postgresql":
        values_query = f"SELECT {names} FROM entity_values"
        parts = read_frames(
            session,
            [
                ("SELECT id, entity_id, kind, name FROM entities", _HEADS),
                *((f"{values_query} WHERE {where}", csv_schema) for where in block_ranges(session, "entity_values")),
            ],
        )
        if parts is not None:  # the whole population on one snapshot, read beside this process
            heads, values = parts[0], pl.concat(parts[1:])
        else:
            heads = _frame(session, heads_query, _HEADS)
            values = copy_frame(session, values_query, csv_schema)
        return heads, _flags(values).cast(long_schema)  # type: ignore[arg-type]
    heads = _frame(session, heads_query, _HEADS)
    session.flush()
    # SQLite has no COPY: it writes the rows as one CSV text itself (quote() gives SQL literals, whose doubled
    # quotes are CSV's with ' as the quote character), so that no Python object is made per value
    fields = " || ',' || ".join(
        f'CASE WHEN "{c}" IS NULL THEN \'\' ELSE quote("{c}") END'  # quote(NULL) is the text NULL
        if c not in ("entity_pk", "micro", "flag")
        else f"ifnull(\"{c}\", '')"
        for c in long_schema
    )
    cursor = raw.cursor()
    cursor.execute(f"SELECT group_concat({fields}, char(10)) FROM entity_values")
    (blob,) = cursor.fetchone()
    if not blob:
        return heads, pl.DataFrame(schema=long_schema)
    csv_schema = {**long_schema, "flag": pl.Int8}
    values = pl.read_csv(
        io.BytesIO(blob.encode()), has_header=False, new_columns=list(long_schema), schema=csv_schema, quote_char="'"
    )
    return heads, values.with_columns(pl.col("flag").cast(pl.Boolean))


def _frame(session: Session, query: Any, schema: dict[str, Any]) -> pl.DataFrame:
    return pl.DataFrame(list(session.execute(query)), schema=schema, orient="row")


def _flags(values: pl.DataFrame) -> pl.DataFrame:
    """PostgreSQL's CSV writes a boolean as t or f."""
    return values.with_columns(pl.col("flag").replace_strict({"t": True, "f": False}, default=None))


def entity_ids(session: Session, pks: Sequence[int]) -> dict[int, str]:
    """Primary key → entity id of those of ``pks`` that exist, for any number of them (in parts: PostgreSQL takes
    65,535 parameters a statement, and a benefit is pushed to more firms than that)."""
    found: dict[int, str] = {}
    for part in in_parts(sorted(set(pks))):
        found.update(
            (pk, entity_id)
            for pk, entity_id in session.execute(select(Entity.id, Entity.entity_id).where(Entity.id.in_(part)))
        )
    return found


def contacts(session: Session, ids: Sequence[str]) -> pl.DataFrame:
    """entity_id, name, uscc, district of those of ``ids`` that exist, for any number of them (a benefit's eligible
    firms across a city pass PostgreSQL's 65,535 parameters a statement)."""
    rows: list[Any] = []
    for part in in_parts(sorted(set(ids))):
        query = select(Entity.entity_id, Entity.name, Entity.uscc, Entity.district).where(Entity.entity_id.in_(part))
        rows += [tuple(row) for row in session.execute(query)]
    # typed: no rows still joins (an untyped empty frame cannot be joined)
    schema = {"entity_id": pl.String, "name": pl.String, "uscc": pl.String, "district": pl.String}
    return pl.DataFrame(rows, schema=schema, orient="row")


def population_frame(
    session: Session, schema: Schema, as_of_year: int, entity_ids: list[str] | None = None
) -> pl.DataFrame:
    """The entities as the engine's population frame (typed columns and ``__verified`` flags).

    A stored value out of its attribute's range or type reads as unknown, never as a failed simulation."""
    arrow = population_schema(as_of_year)
    heads, values = _read_long(session, entity_ids)
    if heads.height <= FEW:
        return _few_frame(arrow, heads, values, schema)
    wanted = [f.name for f in arrow if f.name not in _IDENTITY and not f.name.endswith(VERIFIED)]
    values = values.filter(pl.col("column").is_in(wanted)).with_columns(
        (pl.col("source").is_not_null() & (pl.col("source") != SELF_DECLARED)).alias("verified")
    )
    columns: dict[str, pa.Array] = {}
    n = heads.height
    grouped = {key[0]: part for key, part in _positioned(heads, values).partition_by("column", as_dict=True).items()}
    for field in arrow:
        name = field.name
        if name in _IDENTITY or name.endswith(VERIFIED):
            continue
        part = grouped.get(name)
        rows = part["row"].to_numpy() if part is not None else np.empty(0, dtype=np.uint32)
        verified = np.zeros(n, dtype=bool)
        if part is not None:
            verified[rows] = part["verified"].to_numpy()
        columns[name] = _typed(field, part, rows, n, ranges.attribute_of(schema, name))
        columns[name + VERIFIED] = pa.array(verified)
    table = pa.table(
        {
            "entity_id": heads["entity_id"].to_arrow(),
            "kind": heads["kind"].to_arrow(),
            **columns,
            # the entity row's name where no value names it
            "name": pl.Series(columns["name"]).fill_null(heads["name"]).to_arrow()
            if "name" in columns
            else heads["name"].to_arrow(),
        }
    )
    table = table.select([f.name for f in arrow]).cast(_nullable(arrow))
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    return frame.with_columns(pl.col(f"^.*{VERIFIED}$").fill_null(False))


def _positioned(heads: pl.DataFrame, values: pl.DataFrame) -> pl.DataFrame:
    """``values`` with each row's entity position in ``heads`` (``row``), those of no entity there left out: a
    binary search over the sorted keys, where a join of the city's value rows with its entities took most of the
    pivot's time."""
    if heads.height == 0:
        return values.clear().with_columns(row=pl.Series([], dtype=pl.UInt32))
    pks = heads["entity_pk"].to_numpy()
    order = np.argsort(pks, kind="stable")
    keys = pks[order]
    wanted = values["entity_pk"].to_numpy()
    at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    return values.with_columns(row=pl.Series(order[at], dtype=pl.UInt32)).filter(pl.Series(keys[at] == wanted))


FEW = 8  # up to this many entities (one firm's update) a frame is built value by value: no per-column operations


def _few_frame(arrow: pa.Schema, heads: pl.DataFrame, values: pl.DataFrame, schema: Schema) -> pl.DataFrame:
    """:func:`population_frame` for a few entities, by the same rules as :func:`_typed` (a value out of its range
    or type is unknown), from Python values: a firm's update re-matches one entity, and a column operation per
    attribute would cost more than the match."""
    n = heads.height
    position = {pk: i for i, pk in enumerate(heads["entity_pk"].to_list())}
    fields = {f.name: f for f in arrow}
    data: dict[str, list[Any]] = {
        "entity_id": heads["entity_id"].to_list(),
        "kind": heads["kind"].to_list(),
    }
    for field in arrow:
        if field.name not in _IDENTITY:
            data[field.name] = [False] * n if field.name.endswith(VERIFIED) else [None] * n
    for pk, column, kind, micro, text, flag, source in values.iter_rows():
        field = fields.get(column)
        if field is None or column in _IDENTITY or column.endswith(VERIFIED):
            continue
        row = position.get(pk)
        if row is None:  # a value row whose entity is gone (PostgreSQL keeps no foreign key on them, g003i)
            continue
        data[column + VERIFIED][row] = source is not None and source != SELF_DECLARED
        data[column][row] = _value(field.type, kind, micro, text, flag, ranges.attribute_of(schema, column))
    names = data["name"]
    for row, name in enumerate(heads["name"].to_list()):  # the entity row's name where no value names it
        if names[row] is None:
            names[row] = name
    frame = pl.from_arrow(pa.Table.from_pydict(data, schema=_nullable(arrow)))
    assert isinstance(frame, pl.DataFrame)
    return frame


def _value(kind: pa.DataType, stored: str, micro: int | None, text: str | None, flag: bool | None, attr: Any) -> Any:
    """One stored value as the frame's column holds it, or None (unknown), as :func:`_typed` decides."""
    if pa.types.is_decimal(kind) or pa.types.is_integer(kind):
        if micro is None or stored == "b":
            return None
        if attr is not None:
            low, high = ranges.bounds(attr)
            if not int(low.scaleb(6)) <= micro <= int(high.scaleb(6)):
                return None
        if pa.types.is_integer(kind):
            return micro // MICRO if micro % MICRO == 0 else None
        return Decimal(micro).scaleb(-6)
    if pa.types.is_boolean(kind):
        return flag
    if pa.types.is_date(kind):
        try:
            return dt.datetime.strptime(text or "", "%Y-%m-%d").date()
        except ValueError:
            return None
    return text


def _typed(field: pa.Field, part: pl.DataFrame | None, rows: np.ndarray, n: int, attr: Any) -> pa.Array:
    """One column of the frame from its value rows (``rows``: each row's entity position)."""
    kind = field.type
    if part is None:
        return pa.nulls(n, kind)
    if pa.types.is_decimal(kind) or pa.types.is_integer(kind):
        micro = (
            part["micro"].to_numpy().copy()
            if part["micro"].null_count() == 0
            else part["micro"].fill_null(0).to_numpy()
        )
        ok = part["micro"].is_not_null().to_numpy() & ~part["kind"].is_in(["b"]).to_numpy()
        if attr is not None:
            low, high = ranges.bounds(attr)
            ok &= (micro >= int(low.scaleb(6))) & (micro <= int(high.scaleb(6)))
        if pa.types.is_integer(kind):
            ok &= micro % MICRO == 0
        full = np.zeros(n, dtype=np.int64)
        valid = np.zeros(n, dtype=bool)
        full[rows], valid[rows] = micro, ok
        if pa.types.is_integer(kind):
            return pa.array(full // MICRO, type=kind, mask=~valid)
        from policyreach.population.generate import _decimal_array

        return _decimal_array(full, valid)
    if pa.types.is_boolean(kind):
        full_flag = np.zeros(n, dtype=bool)
        valid = np.zeros(n, dtype=bool)
        flag = part["flag"]
        full_flag[rows] = flag.fill_null(False).to_numpy()
        valid[rows] = flag.is_not_null().to_numpy()
        return pa.array(full_flag, mask=~valid)
    series = pl.Series([None], dtype=pl.String).extend_constant(None, n - 1) if n else pl.Series([], dtype=pl.String)
    series = series.scatter(rows, part["text"]) if len(rows) else series
    if pa.types.is_date(kind):
        return series.str.to_date("%Y-%m-%d", strict=False).to_arrow()
    return series.to_arrow()


@functools.lru_cache(maxsize=8)
def _nullable(schema: pa.Schema) -> pa.Schema:
    # asked for every frame, even one entity's: the same few schemas (one per evaluation year)
    return pa.schema([f.with_nullable(True) for f in schema])
