"""push: deliveries as an outbox: the Message-ID (also the SMS gateway's idempotency key) recorded before sending,
and the lease of a delivery being sent, so a crash mid-send is reconciled

Revision ID: p003
Revises: p002
"""

import sqlalchemy as sa
from alembic import op

revision = "p003"
down_revision = "p002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("push_deliveries") as batch:
        batch.add_column(sa.Column("message_id", sa.String(200), nullable=True))
        batch.add_column(sa.Column("sending_until", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("push_deliveries") as batch:
        batch.drop_column("sending_until")
        batch.drop_column("message_id")
