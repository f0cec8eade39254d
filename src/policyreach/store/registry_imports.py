"""Imports of complete registry lists, as rows: which lists close the world, as of when (issue 21, item 1).

A list import (``imports.registries``) makes every entity it does not name a known none; that
holds for the platform only while the import is recorded. ``record_import`` writes the row the
import command calls for; ``imports_in_force`` reads, per registry, the latest import (by as-of
date, then time of import) as the ``rules.absence.ListImport`` objects that ``close_frame`` and
``close_record`` take. A registry the schema no longer declares is skipped: its list closes nothing.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, Index, String, UniqueConstraint, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from policyreach.rules.absence import ListImport
from policyreach.rules.errors import RuleError
from policyreach.rules.schema import Schema
from policyreach.store.models import Base


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
    query = select(RegistryImport).order_by(RegistryImport.as_of, RegistryImport.at, RegistryImport.id)
    if on is not None:
        query = query.where(RegistryImport.as_of <= on)
    latest: dict[str, RegistryImport] = {}
    for row in session.scalars(query):
        latest[row.list_name] = row  # ordered: the last one seen is the one in force
    return [
        _list_import(schema, name, row.as_of, row.batch_id)
        for name, row in sorted(latest.items())
        if name in schema.registries
    ]


def _list_import(schema: Schema, registry: str, as_of: dt.date, batch_id: str) -> ListImport:
    # As imports.registries.list_import; the store sits beside imports (independent layers), so not imported.
    reg = schema.registries.get(registry)
    if reg is None:
        raise RuleError(f"模式中没有名单 {registry}", f"no registry {registry} in the schema")
    return ListImport(registry, reg.label, reg.source, as_of, batch_id)
