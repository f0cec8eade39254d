"""Imports of complete registry lists, as rows: which lists close the world, as of when (issue 21, item 1).

A list import (``imports.registries``) makes every entity it does not name a known none; that
holds for the platform only while the import is recorded. ``record_import`` writes the row the
import command calls for; ``imports_in_force`` reads, per registry, the latest import (by as-of
date, then time of import) as the ``rules.absence.ListImport`` objects that ``close_frame`` and
``close_record`` take. A registry the schema no longer declares is skipped: its list closes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Date,
    DateTime,
    Index,
    Integer,
    String,
    UniqueConstraint,
    cast,
    func,
    literal,
    null,
    select,
    union_all,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, selectinload

from policyreach.rules.absence import ListImport
from policyreach.rules.errors import RuleError
from policyreach.rules.schema import Schema
from policyreach.rules.types import Type
from policyreach.store.models import Base, Entity, PlatformState, ValueChange


class RegistryImport(Base):
    """One import of a complete list: the registry, its as-of date, the batch, who ran it and when."""

    __tablename__ = "registry_imports"
    __table_args__ = (
        UniqueConstraint("registry", "batch_id", name="uq_registry_imports_batch"),
        Index("ix_registry_imports_registry_as_of", "registry", "as_of"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # the column is "registry"; the attribute cannot be: DeclarativeBase already uses that name
    list_name: Mapped[str] = mapped_column("registry", String(64))
    as_of: Mapped[dt.date] = mapped_column(Date)
    batch_id: Mapped[str] = mapped_column(String(64))
    imported_by: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


def record_import(
    session: Session,
    schema: Schema,
    registry: str,
    as_of: dt.date,
    batch_id: str,
    imported_by: str,
    at: dt.datetime | None = None,
) -> ListImport:
    """Record one import of ``registry`` (a name the schema declares) and return it as a ``ListImport``.

    The caller owns the transaction: the row commits with the values the import wrote, or not at all.
    Raises ``RuleError`` for a registry the schema does not declare (nothing is written).
    """
    found = _list_import(schema, registry, as_of, batch_id)  # refuses an undeclared registry first
    row = RegistryImport(list_name=registry, as_of=as_of, batch_id=batch_id, imported_by=imported_by)
    if at is not None:
        row.at = at
    session.add(row)
    session.flush()
    return found


def imports_in_force(session: Session, schema: Schema, on: dt.date | None = None) -> list[ListImport]:
    """The latest import of each registry the schema declares (as of ``on`` when given), for ``close_frame``."""
    query = select(
        RegistryImport.list_name, RegistryImport.as_of, RegistryImport.at, RegistryImport.id, RegistryImport.batch_id
    )
    if on is not None:
        query = query.where(RegistryImport.as_of <= on)
    return _latest(schema, session.execute(query))


def _latest(schema: Schema, rows: Iterable[Any]) -> list[ListImport]:
    """Of (registry, as-of date, time of import, id, batch) rows, each registry's latest import: by as-of date, then
    time of import, then id."""
    latest: dict[str, tuple[Any, ...]] = {}
    for row in sorted(rows, key=lambda r: (r[1], r[2] or dt.datetime.min, r[3])):
        latest[row[0]] = tuple(row)  # ordered: the last one seen is the one in force
    return [
        _list_import(schema, name, row[1], row[4]) for name, row in sorted(latest.items()) if name in schema.registries
    ]


def state_and_imports(
    session: Session, schema: Schema, keys: Sequence[str], on: dt.date
) -> tuple[dict[str, str], list[ListImport]]:
    """``platform_state``'s values of ``keys`` and the imports in force on ``on``, in one round trip: every request
    of every server process asks both (``Platform.refresh``)."""
    state = select(
        literal("s").label("part"),
        PlatformState.key.label("name"),
        cast(null(), Date).label("as_of"),
        cast(null(), DateTime).label("at"),
        cast(null(), Integer).label("id"),
        PlatformState.value.label("text"),
    ).where(PlatformState.key.in_(list(keys)))
    imports = select(
        literal("i"),
        RegistryImport.list_name,
        RegistryImport.as_of,
        RegistryImport.at,
        RegistryImport.id,
        RegistryImport.batch_id,
    ).where(RegistryImport.as_of <= on)
    values: dict[str, str] = {}
    found: list[tuple[Any, ...]] = []
    for part, name, as_of, at, pk, text in session.execute(union_all(state, imports)):
        if part == "s":
            values[str(name)] = str(text)
        else:
            found.append((name, as_of, at, pk, text))
    return values, _latest(schema, found)


def _list_import(schema: Schema, registry: str, as_of: dt.date, batch_id: str) -> ListImport:
    # As imports.registries.list_import; the store sits beside imports (independent layers), so not imported.
    reg = schema.registries.get(registry)
    if reg is None:
        raise RuleError(f"模式中没有名单 {registry}", f"no registry {registry} in the schema")
    return ListImport(registry, reg.label, reg.source, as_of, batch_id)


@dataclass(frozen=True)
class ListApplied:
    """What one list import changed: entities named, values written, values the new list no longer backs."""

    named: int
    written: int
    withdrawn: int


class ListRefused(ValueError):
    """Rows of a list that cannot be applied (each reason names the row's key); nothing was written."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("；".join(reasons))
        self.reasons = reasons


def apply_list(
    session: Session,
    schema: Schema,
    registry: str,
    rows: list[dict[str, Any]],
    as_of: dt.date,
    batch_id: str,
    imported_by: str,
) -> ListApplied:
    """Write a complete list into the entities and record its import, in the caller's transaction, all or nothing.

    ``rows`` are validated rows (``imports.validate``), keyed by ``uscc`` (firms, institutes) or ``id_hash``
    (talents). Each named entity gets the list's values with the list's provenance; a flag the file has no column
    for is true for everyone named (a 失信 list names who is on it). A value this registry's source wrote earlier
    for an entity the new list no longer names is removed (a revoked certificate): the list is complete, so its
    silence now means none. Self-declared values are left alone; ``imports.registries.contradictions`` reports them.
    Raises ``ListRefused`` naming every row that cannot be applied; the caller rolls back.
    """
    reg = schema.registries.get(registry)
    if reg is None:
        raise ListRefused([f"模式中没有名单 {registry}"])
    query = select(Entity).where(Entity.kind.in_(reg.kinds)).options(selectinload(Entity.value_rows))
    entities = list(session.scalars(query))
    by_key = {_key(e): e for e in entities if _key(e)}
    reasons: list[str] = []
    named: dict[int, dict[str, Any]] = {}
    for row in rows:
        key = str(row.get("uscc") or row.get("id_hash") or "")
        entity = by_key.get(key)
        who = f"{key}（{row.get('name') or '未填名称'}）"
        if entity is None:
            reasons.append(f"{who}：平台中没有该主体，请先导入主体登记信息")
            continue
        values: dict[str, Any] = {}
        for attr in reg.complete:
            spec = schema.attributes[attr]
            value = row.get(attr, True if spec.type == Type.BOOL else None)
            if value is None:
                reasons.append(f"{who}：名单缺少「{spec.label}」")
            values[attr] = _stored(value)
        named[entity.id] = values
    if reasons:
        raise ListRefused(reasons)
    provenance = {"source": reg.source, "as_of": as_of.isoformat(), "batch_id": batch_id}
    written = withdrawn = 0
    for entity in entities:
        values, sources = dict(entity.values), dict(entity.provenance)
        for attr in reg.complete:
            old = values.get(attr)
            if entity.id in named:
                new = named[entity.id][attr]
            elif old is not None and sources.get(attr, {}).get("source") == reg.source:
                new = None  # written by an earlier list of this registry, not named by this one
            else:
                continue
            if new is None:
                values.pop(attr, None)
                sources.pop(attr, None)
                withdrawn += 1
            else:
                values[attr], sources[attr] = new, provenance
                written += old != new
            if old != new:
                session.add(
                    ValueChange(
                        entity_pk=entity.id,
                        column=attr,
                        old=None if old is None else str(old),
                        new=None if new is None else str(new),
                        source=reg.source,
                        batch_id=batch_id,
                    )
                )
        if values != entity.values or sources != entity.provenance:
            entity.values, entity.provenance = values, sources
    record_import(session, schema, registry, as_of, batch_id, imported_by)
    return ListApplied(len(named), written, withdrawn)


def _key(entity: Entity) -> str:
    return str(entity.uscc or entity.values.get("id_hash") or "")


def _stored(value: Any) -> Any:
    # as the entities table keeps values: JSON, decimals as exact strings, dates in ISO
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value
