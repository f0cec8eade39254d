"""policy versions and four eyes: a draft is one version of a policy (its number, the version it revises, its
effective date, who submitted, approved and withdrew it), and an officer may hold the department's publisher
permission

Revision ID: w001
Revises: r001
"""

import sqlalchemy as sa
from alembic import op

revision = "w001"
down_revision = "r001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("policy_drafts") as table:
        table.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        table.add_column(sa.Column("based_on", sa.Integer(), nullable=True))
        table.add_column(sa.Column("digest", sa.String(64), nullable=True))
        table.add_column(sa.Column("effective_from", sa.Date(), nullable=True))
        table.add_column(sa.Column("submitted_by", sa.String(64), nullable=True))
        table.add_column(sa.Column("submitted_at", sa.DateTime(), nullable=True))
        table.add_column(sa.Column("approved_by", sa.String(64), nullable=True))
        table.add_column(sa.Column("approved_at", sa.DateTime(), nullable=True))
        table.add_column(sa.Column("ended_at", sa.DateTime(), nullable=True))
        table.add_column(sa.Column("withdrawn_by", sa.String(64), nullable=True))
        table.add_column(sa.Column("withdrawn_on", sa.Date(), nullable=True))
        table.add_column(sa.Column("reason", sa.String(500), nullable=True))
    _number_existing()
    op.create_index("ix_policy_drafts_policy_id", "policy_drafts", ["policy_id"])
    op.create_index("uq_policy_drafts_version", "policy_drafts", ["policy_id", "version"], unique=True)
    with op.batch_alter_table("accounts") as table:
        table.add_column(sa.Column("publisher", sa.Boolean(), nullable=False, server_default=sa.false()))


def _number_existing() -> None:
    """Drafts kept before versions existed: numbered per policy in upload order, with their text's fingerprint."""
    import hashlib

    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, policy_id, text FROM policy_drafts ORDER BY id")).all()
    numbers: dict[str, int] = {}
    for row_id, policy_id, text in rows:
        numbers[policy_id] = numbers.get(policy_id, 0) + 1
        connection.execute(
            sa.text("UPDATE policy_drafts SET version = :v, digest = :d WHERE id = :i"),
            {"v": numbers[policy_id], "d": hashlib.sha256(text.encode("utf-8")).hexdigest(), "i": row_id},
        )


def downgrade() -> None:
    with op.batch_alter_table("accounts") as table:
        table.drop_column("publisher")
    op.drop_index("uq_policy_drafts_version", "policy_drafts")
    op.drop_index("ix_policy_drafts_policy_id", "policy_drafts")
    with op.batch_alter_table("policy_drafts") as table:
        for column in (
            "reason",
            "withdrawn_on",
            "withdrawn_by",
            "ended_at",
            "approved_at",
            "approved_by",
            "submitted_at",
            "submitted_by",
            "effective_from",
            "digest",
            "based_on",
            "version",
        ):
            table.drop_column(column)
