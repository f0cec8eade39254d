"""ingest_changes: one row per (batch, entity) instead of one per value, so that a city's first load writes its
values and a row per entity, not three rows per value (issue 25, BENCH=city): the values a batch wrote are the
entity's value rows that still carry its provenance; a row keeps how many (``cells``), whether the batch created
the entity, and only what the batch replaced or removed (``old``). Existing per-value rows are folded into that
shape; the worker's cursor over the new rows starts past them (what they changed was told through value_changes).

On PostgreSQL the value rows lose their foreign key to ``entities``: ``COPY`` checked it row by row (tens of
millions for a city, more than half of the copy's time), while what it guards is already guaranteed where rows are
written (a batch writes values only for entity rows it has locked or created in its own transaction) and where
entities go (their values are deleted with them: ``store.entities.replace_population``, ``app.ingest``, and the ORM
deletes an entity's value rows itself). SQLite keeps it: dropping it there means rebuilding the table, and its
inserts are not where the time goes.

Revision ID: g003i
Revises: g002
"""

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "g003i"
down_revision = "g002"
branch_labels = None
depends_on = "p001"  # push_cursors: the worker's cursor over the new rows is set here

CREATED = "*"  # the old shape's mark of an entity the batch created (app/ingest.py)
CHUNK = 5000


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _rename_to_final(new: str) -> None:
    """PostgreSQL names a table's key, sequence and constraints after the table: give them the final names."""
    op.rename_table(new, "ingest_changes")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"ALTER INDEX {new}_pkey RENAME TO ingest_changes_pkey")
        op.execute(f"ALTER SEQUENCE {new}_id_seq RENAME TO ingest_changes_id_seq")
        for target in ("batch_pk_fkey", "entity_pk_fkey"):
            op.execute(f"ALTER TABLE ingest_changes RENAME CONSTRAINT {new}_{target} TO ingest_changes_{target}")


def upgrade() -> None:
    bind = op.get_bind()
    op.create_table(
        "ingest_changes_g003i",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("batch_pk", sa.Integer, sa.ForeignKey("ingest_batches.id"), nullable=False),
        sa.Column("entity_pk", sa.Integer, sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("cells", sa.Integer, nullable=False, server_default="0"),
        sa.Column("old", sa.JSON, nullable=True),
    )
    before = sa.table(
        "ingest_changes",
        *(sa.column(c) for c in ("id", "batch_pk", "entity_pk", "column")),
        sa.column("old", sa.JSON),
        sa.column("old_provenance", sa.JSON),
        sa.column("new", sa.JSON),
    )
    after = sa.table(
        "ingest_changes_g003i",
        *(sa.column(c) for c in ("batch_pk", "entity_pk", "created", "cells")),
        sa.column("old", sa.JSON),
    )
    folded: dict[tuple[int, int], dict[str, Any]] = {}
    query = sa.select(before).order_by(before.c.id)
    for _, batch_pk, entity_pk, column, old, old_provenance, new in bind.execute(query):
        row = folded.setdefault(
            (batch_pk, entity_pk),
            {"batch_pk": batch_pk, "entity_pk": entity_pk, "created": False, "cells": 0, "old": {}},
        )
        if column == CREATED:
            row["created"] = True
            continue
        # the JSON columns come back decoded: a text value is a str here, not JSON to parse again
        if new is not None:
            row["cells"] += 1
        if old is not None:
            row["old"][column] = [old, old_provenance]
    rows = [{**r, "old": r["old"] or None} for _, r in sorted(folded.items())]
    for start in range(0, len(rows), CHUNK):
        bind.execute(sa.insert(after), rows[start : start + CHUNK])
    op.drop_index("ix_ingest_changes_batch_pk", table_name="ingest_changes")
    op.drop_table("ingest_changes")
    _rename_to_final("ingest_changes_g003i")
    op.create_index("ix_ingest_changes_batch_pk", "ingest_changes", ["batch_pk"])
    if bind.dialect.name == "postgresql":
        op.execute("ALTER TABLE entity_values DROP CONSTRAINT IF EXISTS entity_values_entity_pk_fkey")
    # the worker has already queued a re-match for every entity these rows name (from value_changes)
    last = bind.execute(sa.text("SELECT max(id) FROM ingest_changes")).scalar()
    if last is not None:
        cursors = sa.table("push_cursors", sa.column("name"), sa.column("position"))
        bind.execute(sa.delete(cursors).where(cursors.c.name == "ingest_changes"))
        bind.execute(sa.insert(cursors).values(name="ingest_changes", position=last))


def downgrade() -> None:
    """Back to one row per value. What each value became is read from the entity's value rows that still carry the
    batch's provenance; a value changed since its batch has no "new" any more, as the rollback then refuses anyway."""
    from policyreach.store.models import plain  # the one definition of how a value is read

    bind = op.get_bind()
    op.create_table(
        "ingest_changes_g003i",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("batch_pk", sa.Integer, sa.ForeignKey("ingest_batches.id"), nullable=False),
        sa.Column("entity_pk", sa.Integer, sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("column", sa.String(64), nullable=False),
        sa.Column("old", sa.JSON, nullable=True),
        sa.Column("old_provenance", sa.JSON, nullable=True),
        sa.Column("new", sa.JSON, nullable=True),
    )
    target = sa.table(
        "ingest_changes_g003i",
        *(sa.column(c) for c in ("batch_pk", "entity_pk", "column")),
        *(sa.column(c, sa.JSON) for c in ("old", "old_provenance", "new")),
    )
    query = sa.text(
        "SELECT c.batch_pk, c.entity_pk, c.created, c.old, b.source, b.batch_id FROM ingest_changes c "
        "JOIN ingest_batches b ON b.id = c.batch_pk ORDER BY c.id"
    )
    values = sa.text(
        'SELECT "column", kind, micro, text, flag FROM entity_values '
        "WHERE entity_pk = :pk AND source = :source AND batch_id = :batch"
    )
    rows: list[dict[str, Any]] = []
    for batch_pk, entity_pk, created, old, source, batch_id in bind.execute(query).all():
        base = {"batch_pk": batch_pk, "entity_pk": entity_pk}
        if created:
            rows.append({**base, "column": CREATED, "old": None, "old_provenance": None, "new": None})
        written = {
            column: plain(kind, micro, text, flag)
            for column, kind, micro, text, flag in bind.execute(
                values, {"pk": entity_pk, "source": source, "batch": batch_id}
            )
        }
        replaced = _json(old) or {}
        for column in sorted(set(written) | set(replaced)):
            was, origin = replaced.get(column, (None, None))
            rows.append({**base, "column": column, "old": was, "old_provenance": origin, "new": written.get(column)})
    for start in range(0, len(rows), CHUNK):
        bind.execute(sa.insert(target), rows[start : start + CHUNK])
    op.drop_index("ix_ingest_changes_batch_pk", table_name="ingest_changes")
    op.drop_table("ingest_changes")
    _rename_to_final("ingest_changes_g003i")
    op.create_index("ix_ingest_changes_batch_pk", "ingest_changes", ["batch_pk"])
    bind.execute(sa.text("DELETE FROM push_cursors WHERE name = 'ingest_changes'"))
    if bind.dialect.name == "postgresql":
        op.execute("DELETE FROM entity_values v WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = v.entity_pk)")
        op.create_foreign_key(
            "entity_values_entity_pk_fkey", "entity_values", "entities", ["entity_pk"], ["id"], ondelete="CASCADE"
        )
