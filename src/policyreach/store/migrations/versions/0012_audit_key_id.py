"""audit log: the id of the secret that signed each entry; unkeyed entries checked, then re-signed

Revision ID: 0012
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("key_id", sa.String(16), nullable=True))
    _resign()


def _resign() -> None:
    """Entries hashed without a key are re-signed with the audit secret, but only when their unkeyed chain is
    intact up to the head: a chain already broken is left as it is, for ``audit verify`` to report."""
    connection = op.get_bind()
    rows = connection.execute(
        sa.text("SELECT id, at, actor, action, subject, data, prev_hash, hash FROM audit_log ORDER BY id")
    ).all()
    if not rows:
        return  # a new database needs no key yet
    import json

    from policyreach.store.audit_keys import GENESIS, digest, key_id, keyring, legacy_digest

    def loaded(data: object) -> dict:
        return json.loads(data) if isinstance(data, str) else dict(data or {})  # type: ignore[call-overload]

    prev = GENESIS
    for row in rows:
        data = loaded(row.data)
        unkeyed = legacy_digest(row.prev_hash, row.at, row.actor, row.action, row.subject, data)
        if row.prev_hash != prev or unkeyed != row.hash:
            return
        prev = row.hash
    head = connection.execute(sa.text("SELECT entries, hash FROM audit_head WHERE id = 1")).first()
    if head is None or head.entries != len(rows) or head.hash != prev:
        return
    secret = keyring().current
    prev = GENESIS
    for row in rows:
        signed = digest(secret, prev, row.at, row.actor, row.action, row.subject, loaded(row.data))
        connection.execute(
            sa.text("UPDATE audit_log SET prev_hash = :prev, hash = :hash, key_id = :kid WHERE id = :id"),
            {"prev": prev, "hash": signed, "kid": key_id(secret), "id": row.id},
        )
        prev = signed
    connection.execute(sa.text("UPDATE audit_head SET hash = :hash WHERE id = 1"), {"hash": prev})


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("key_id")
