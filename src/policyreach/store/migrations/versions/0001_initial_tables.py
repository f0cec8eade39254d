"""initial tables

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "entities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("uscc", sa.String(length=18), nullable=True),
        sa.Column("district", sa.String(length=6), nullable=True),
        sa.Column("industry", sa.String(length=8), nullable=True),
        sa.Column("values", sa.JSON(), nullable=False),
        sa.Column("provenance", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("entity_id"),
    )
    with op.batch_alter_table("entities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entities_district"), ["district"], unique=False)
        batch_op.create_index(batch_op.f("ix_entities_industry"), ["industry"], unique=False)
        batch_op.create_index(batch_op.f("ix_entities_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_entities_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_entities_uscc"), ["uscc"], unique=False)

    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("entity_pk", sa.Integer(), nullable=True),
        sa.Column("department", sa.String(length=100), nullable=True),
        sa.Column("display_name", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_pk"],
            ["entities.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username"),
    )
    op.create_table(
        "interactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_pk", sa.Integer(), nullable=False),
        sa.Column("benefit_id", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=24), nullable=False),
        sa.Column("at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_pk"],
            ["entities.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.create_index("ix_interactions_entity_benefit", ["entity_pk", "benefit_id"], unique=False)

    op.create_table(
        "matches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_pk", sa.Integer(), nullable=False),
        sa.Column("benefit_id", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("degree", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=18, scale=2), nullable=True),
        sa.Column("provable", sa.Boolean(), nullable=False),
        sa.Column("library_version", sa.String(length=64), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_pk"],
            ["entities.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("entity_pk", "benefit_id"),
    )
    with op.batch_alter_table("matches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_matches_benefit_id"), ["benefit_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_matches_entity_pk"), ["entity_pk"], unique=False)

    op.create_table(
        "value_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_pk", sa.Integer(), nullable=False),
        sa.Column("column", sa.String(length=64), nullable=False),
        sa.Column("old", sa.String(length=200), nullable=True),
        sa.Column("new", sa.String(length=200), nullable=True),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("batch_id", sa.String(length=64), nullable=True),
        sa.Column("account_pk", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_pk"],
            ["accounts.id"],
        ),
        sa.ForeignKeyConstraint(
            ["entity_pk"],
            ["entities.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("value_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_value_changes_entity_pk"), ["entity_pk"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("value_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_value_changes_entity_pk"))

    op.drop_table("value_changes")
    with op.batch_alter_table("matches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_matches_entity_pk"))
        batch_op.drop_index(batch_op.f("ix_matches_benefit_id"))

    op.drop_table("matches")
    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.drop_index("ix_interactions_entity_benefit")

    op.drop_table("interactions")
    op.drop_table("accounts")
    with op.batch_alter_table("entities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entities_uscc"))
        batch_op.drop_index(batch_op.f("ix_entities_name"))
        batch_op.drop_index(batch_op.f("ix_entities_kind"))
        batch_op.drop_index(batch_op.f("ix_entities_industry"))
        batch_op.drop_index(batch_op.f("ix_entities_district"))

    op.drop_table("entities")
