"""entity_values: each entity's values as typed rows with their provenance, read and loaded in bulk (issue 25,
item 1); the JSON documents ``entities.values`` and ``entities.provenance`` move into them and go

Revision ID: g002
Revises: g001
"""

import datetime as dt
import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "g002"
down_revision = "g001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from policyreach.store.models import kind_of, year_of  # the one definition of how a value is kept

    op.create_table(
        "entity_values",
        sa.Column("entity_pk", sa.Integer, sa.ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("column", sa.String(64), primary_key=True),
        sa.Column("year", sa.SmallInteger, nullable=True),
        sa.Column("kind", sa.String(1), nullable=False),
        sa.Column("micro", sa.BigInteger, nullable=True),
        sa.Column("text", sa.Text, nullable=True),
        sa.Column("flag", sa.Boolean, nullable=True),
        sa.Column("source", sa.String(32), nullable=True),
        sa.Column("as_of", sa.Date, nullable=True),
        sa.Column("batch_id", sa.String(64), nullable=True),
    )
    op.create_table(
        "entity_matches",
        sa.Column("entity_pk", sa.Integer, sa.ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("benefit_id", sa.String(100), primary_key=True),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("cents", sa.BigInteger, nullable=False),
        sa.Column("district", sa.String(12), nullable=False),
        sa.Column("section", sa.String(4), nullable=False),
        sa.Column("size_class", sa.String(16), nullable=False),
    )
    op.create_index("ix_entity_matches_benefit_id", "entity_matches", ["benefit_id"])
    op.create_table(
        "match_aggregates",
        sa.Column("benefit_id", sa.String(100), primary_key=True),
        sa.Column("status", sa.String(10), primary_key=True),
        sa.Column("district", sa.String(12), primary_key=True),
        sa.Column("section", sa.String(4), primary_key=True),
        sa.Column("size_class", sa.String(16), primary_key=True),
        sa.Column("entities", sa.BigInteger, nullable=False),
        sa.Column("cents", sa.BigInteger, nullable=False),
    )
    bind = op.get_bind()
    entities = sa.table(
        "entities", sa.column("id", sa.Integer), sa.column("values", sa.JSON), sa.column("provenance", sa.JSON)
    )
    target = sa.table(
        "entity_values",
        *(
            sa.column(c)
            for c in ("entity_pk", "column", "year", "kind", "micro", "text", "flag", "source", "as_of", "batch_id")
        ),
    )
    rows: list[dict[str, Any]] = []
    for pk, values, provenance in bind.execute(sa.select(entities.c.id, entities.c["values"], entities.c.provenance)):
        values = json.loads(values) if isinstance(values, str) else values or {}
        provenance = json.loads(provenance) if isinstance(provenance, str) else provenance or {}
        for column, value in values.items():
            if value is None:
                continue
            kind, micro, text, flag = kind_of(value)
            info = provenance.get(column) or {}
            as_of = info.get("as_of")
            rows.append(
                {
                    "entity_pk": pk,
                    "column": column,
                    "year": year_of(column),
                    "kind": kind,
                    "micro": micro,
                    "text": text,
                    "flag": flag,
                    "source": info.get("source"),
                    "as_of": dt.date.fromisoformat(as_of) if isinstance(as_of, str) else None,
                    "batch_id": info.get("batch_id"),
                }
            )
        if len(rows) >= 10000:
            bind.execute(sa.insert(target), rows)
            rows = []
    if rows:
        bind.execute(sa.insert(target), rows)
    # DROP COLUMN in place (SQLite >= 3.35 too): a copied table would cascade-delete the rows just written
    op.execute('ALTER TABLE entities DROP COLUMN "values"')
    op.execute("ALTER TABLE entities DROP COLUMN provenance")


def downgrade() -> None:
    op.add_column("entities", sa.Column("values", sa.JSON, nullable=False, server_default="{}"))
    op.add_column("entities", sa.Column("provenance", sa.JSON, nullable=False, server_default="{}"))
    op.drop_table("match_aggregates")
    op.drop_index("ix_entity_matches_benefit_id", table_name="entity_matches")
    op.drop_table("entity_matches")
    op.drop_table("entity_values")
