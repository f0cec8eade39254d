"""Migration g003i on a SQLite file and on PostgreSQL: a batch's per-value change rows fold into one row per (batch,
entity) — the values it wrote counted, only what it replaced kept, the entity it created marked — the worker's
cursor starts past them, PostgreSQL's value rows lose their per-row foreign key, and the downgrade gives the
per-value rows back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command

from policyreach.store.db import alembic_config, make_engine

CITY = {"source": "tax", "as_of": "2026-01-01", "batch_id": "city"}


def _table(name: str, *columns: str, json: tuple[str, ...] = ()) -> sa.TableClause:
    return sa.table(name, *(sa.column(c) for c in columns), *(sa.column(c, sa.JSON) for c in json))


def _old_shape(connection: sa.Connection) -> None:
    """Two firms and one tax batch as the per-value shape kept them: the batch created the second firm, gave the
    first a revenue (replacing a text the city had there) and replaced its employees."""
    entities = _table("entities", "id", "entity_id", "kind", "name", "uscc", "updated_at")
    now = dt.datetime(2026, 6, 1, 8)
    connection.execute(
        sa.insert(entities),
        [
            {"id": 1, "entity_id": "E1", "kind": "enterprise", "name": "长春甲公司", "uscc": None, "updated_at": now},
            {"id": 2, "entity_id": "E2", "kind": "enterprise", "name": "长春乙公司", "uscc": None, "updated_at": now},
        ],
    )
    values = _table("entity_values", "entity_pk", "column", "year", "kind", "micro", "source", "as_of", "batch_id")
    day = dt.date(2026, 5, 31)
    connection.execute(
        sa.insert(values),
        [  # every row as the batch wrote it (the employees replaced the city's 3)
            {**r, "source": "tax", "as_of": day, "batch_id": "t-1"}
            for r in (
                {"entity_pk": 1, "column": "revenue_2025", "year": 2025, "kind": "i", "micro": 200_000_000},
                {"entity_pk": 1, "column": "employees_2025", "year": 2025, "kind": "i", "micro": 5_000_000},
                {"entity_pk": 2, "column": "revenue_2025", "year": 2025, "kind": "i", "micro": 7_000_000},
            )
        ],
    )
    batches = _table(
        "ingest_batches",
        "id",
        "source",
        "batch_id",
        "kind",
        "as_of",
        "digest",
        "submitted_by",
        "state",
        json=("report",),
    )
    connection.execute(
        sa.insert(batches).values(
            id=1, source="tax", batch_id="t-1", kind="enterprise", as_of=day, digest="d", submitted_by="x",
            state="applied", report={},
        )
    )  # fmt: skip
    changes = _table("ingest_changes", "batch_pk", "entity_pk", "column", json=("old", "old_provenance", "new"))
    connection.execute(
        sa.insert(changes),
        [
            {"batch_pk": 1, "entity_pk": 2, "column": "*", "old": None, "old_provenance": None, "new": None},
            {"batch_pk": 1, "entity_pk": 1, "column": "revenue_2025", "old": "旧", "old_provenance": CITY, "new": 200},
            {"batch_pk": 1, "entity_pk": 1, "column": "employees_2025", "old": 3, "old_provenance": CITY, "new": 5},
            {"batch_pk": 1, "entity_pk": 2, "column": "revenue_2025", "old": None, "old_provenance": None, "new": 7},
        ],
    )


def _rows(connection: sa.Connection, query: str) -> list[Any]:
    return [tuple(r) for r in connection.execute(sa.text(query))]


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'old.db'}"
    return str(request.getfixturevalue("postgres_database")("policyreach_g003i"))


def test_per_value_changes_fold_into_a_row_per_entity_and_back(url: str) -> None:
    engine = make_engine(url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "g002")
        _old_shape(connection)
        command.upgrade(config, "g003i")
    folded = sa.table(
        "ingest_changes", *(sa.column(c) for c in ("id", "entity_pk", "created", "cells")), sa.column("old", sa.JSON)
    )
    with engine.connect() as connection:
        rows = {r.entity_pk: r for r in connection.execute(sa.select(folded))}
        assert set(rows) == {1, 2}
        replaced = {"employees_2025": [3, CITY], "revenue_2025": ["旧", CITY]}  # text stays text
        assert (rows[1].created, rows[1].cells, rows[1].old) == (False, 2, replaced)
        assert (rows[2].created, rows[2].cells, rows[2].old) == (True, 1, None)  # a first load keeps no old values
        # the worker was told of these entities through value_changes already
        cursor = _rows(connection, "SELECT position FROM push_cursors WHERE name = 'ingest_changes'")
        assert cursor == [(max(r.id for r in rows.values()),)]
        if engine.dialect.name == "postgresql":
            keys = _rows(connection, "SELECT conname FROM pg_constraint WHERE conrelid = 'entity_values'::regclass")
            assert ("entity_values_entity_pk_fkey",) not in keys
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "g002")
    per_value = _table("ingest_changes", "entity_pk", "column", json=("old", "old_provenance", "new"))
    with engine.connect() as connection:
        back = {
            (r.entity_pk, r.column): (r.old, r.old_provenance, r.new) for r in connection.execute(sa.select(per_value))
        }
        assert back == {
            (2, "*"): (None, None, None),
            (1, "revenue_2025"): ("旧", CITY, 200),
            (1, "employees_2025"): (3, CITY, 5),
            (2, "revenue_2025"): (None, None, 7),
        }
        if engine.dialect.name == "postgresql":
            keys = _rows(connection, "SELECT conname FROM pg_constraint WHERE conrelid = 'entity_values'::regclass")
            assert ("entity_values_entity_pk_fkey",) in keys
    engine.dispose()
