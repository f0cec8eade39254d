"""identities of an OpenID Connect provider (issuer, subject) and the account each signs in as

Revision ID: i001
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "i001"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "external_identities",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("issuer", sa.String(255), nullable=False),
        sa.Column("subject", sa.String(255), nullable=False),
        sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("last_login_at", sa.Float, nullable=False),
        sa.UniqueConstraint("issuer", "subject", name="uq_external_identities_issuer_subject"),
    )
    op.create_index("ix_external_identities_account_id", "external_identities", ["account_id"])


def downgrade() -> None:
    op.drop_index("ix_external_identities_account_id", table_name="external_identities")
    op.drop_table("external_identities")
