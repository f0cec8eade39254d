"""ingest_batches and ingest_changes: batches the registries push, idempotent per source and batch id, each
change kept with what it replaced so that a batch can be rolled back (issue 25, item 2)

Revision ID: g001
Revises: w001
"""

import sqlalchemy as sa
from alembic import op

revision = "g001"
down_revision = "w001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ingest_batches",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("batch_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("as_of", sa.Date, nullable=False),
        sa.Column("registry", sa.String(64), nullable=True),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("account_pk", sa.Integer, sa.ForeignKey("accounts.id"), nullable=True),
        sa.Column("submitted_by", sa.String(64), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("report", sa.JSON, nullable=False),
        sa.Column("at", sa.DateTime, server_default=sa.func.now(), nullable=False),
        sa.Column("rolled_back_at", sa.DateTime, nullable=True),
        sa.Column("rolled_back_by", sa.String(64), nullable=True),
        sa.UniqueConstraint("source", "batch_id", name="uq_ingest_batches_source_batch"),
    )
    op.create_table(
        "ingest_changes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("batch_pk", sa.Integer, sa.ForeignKey("ingest_batches.id"), nullable=False),
        sa.Column("entity_pk", sa.Integer, sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("column", sa.String(64), nullable=False),
        sa.Column("old", sa.JSON, nullable=True),
        sa.Column("old_provenance", sa.JSON, nullable=True),
        sa.Column("new", sa.JSON, nullable=True),
    )
    op.create_index("ix_ingest_changes_batch_pk", "ingest_changes", ["batch_pk"])


def downgrade() -> None:
    op.drop_index("ix_ingest_changes_batch_pk", table_name="ingest_changes")
    op.drop_table("ingest_changes")
    op.drop_table("ingest_batches")
