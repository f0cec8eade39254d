"""national cryptography and personal information: encrypted sensitive values, personal-data consents, deletion
requests, and the anchors of audit ranges pruned after the retention period

Revision ID: i004
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "i004"
down_revision = "i003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_prunes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("export_file", sa.String(300), nullable=False),
        sa.Column("export_digest", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
    )
    op.create_table(
        "sensitive_values",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("entity_pk", sa.Integer(), sa.ForeignKey("entities.id"), nullable=False),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("key_id", sa.String(16), nullable=False),
        sa.Column("sealed", sa.String(400), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.UniqueConstraint("entity_pk", "field"),
    )
    op.create_index("ix_sensitive_values_entity_pk", "sensitive_values", ["entity_pk"])
    op.create_table(
        "personal_consents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("entity_pk", sa.Integer(), sa.ForeignKey("entities.id"), nullable=False),
        sa.Column("item", sa.String(32), nullable=False),
        sa.Column("purpose", sa.String(400), nullable=False),
        sa.Column("given_at", sa.DateTime(), nullable=False),
        sa.Column("given_by", sa.String(64), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(), nullable=True),
        sa.Column("withdrawn_by", sa.String(64), nullable=True),
        sa.UniqueConstraint("entity_pk", "item"),
    )
    op.create_index("ix_personal_consents_entity_pk", "personal_consents", ["entity_pk"])
    op.create_table(
        "deletion_requests",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("entity_pk", sa.Integer(), sa.ForeignKey("entities.id"), nullable=False),
        sa.Column("requested_by", sa.String(64), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(8), nullable=False),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column("held_until", sa.Date(), nullable=True),
    )
    op.create_index("ix_deletion_requests_entity_pk", "deletion_requests", ["entity_pk"])
    _seal_bank_accounts()


def _seal_bank_accounts() -> None:
    """Bank account numbers kept in plain text in applications' snapshots are sealed with SM4 (the key ring is
    created outside the database if this is its first use); a database without any needs no key."""
    import json

    connection = op.get_bind()
    applications = sa.table("applications", sa.column("id", sa.Integer()), sa.column("snapshot", sa.JSON()))
    rows = connection.execute(sa.select(applications.c.id, applications.c.snapshot)).all()
    if not rows:
        return
    from policyreach.store.crypto import is_sealed, seal

    for row in rows:
        snapshot = json.loads(row.snapshot) if isinstance(row.snapshot, str) else dict(row.snapshot or {})
        bank = snapshot.get("bank")
        if not isinstance(bank, dict) or not bank.get("number") or is_sealed(bank["number"]):
            continue
        number = str(bank["number"])
        snapshot["bank"] = {**bank, "number": seal(number), "tail": number[-4:]}
        connection.execute(applications.update().where(applications.c.id == row.id).values(snapshot=snapshot))


def downgrade() -> None:
    op.drop_table("deletion_requests")
    op.drop_table("personal_consents")
    op.drop_table("sensitive_values")
    op.drop_table("audit_prunes")
