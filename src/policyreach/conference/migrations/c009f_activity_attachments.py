"""conference: files attached to an activity's outcome (附件材料), uploaded by the office for a form that records
attachments; the free-text ``materials`` stays as notes beside them

Revision ID: c009f
Revises: c009

"""

import sqlalchemy as sa
from alembic import op

revision = "c009f"
down_revision = "c009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "activity_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_pk", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("stored_as", sa.String(length=80), nullable=False),
        sa.Column("content_type", sa.String(length=120), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("uploaded_by", sa.String(length=64), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["activity_pk"], ["conference_activities.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_activity_attachments_activity_pk", "activity_attachments", ["activity_pk"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_activity_attachments_activity_pk", "activity_attachments")
    op.drop_table("activity_attachments")
