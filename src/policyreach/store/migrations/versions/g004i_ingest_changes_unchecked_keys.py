"""ingest_changes without per-row foreign keys on PostgreSQL (issue 25, BENCH=city): a batch copies in a row per
entity it changed, and ``COPY`` checked both keys (the entity, the batch) row by row, a trigger each: at a million
entities a first load's ten batches are ten million checks, a sixth of the import's database time at 20,000. What
they guard is guaranteed where the rows are written and where their targets go: a batch writes its rows in the
transaction that inserted its batch row and holds (or created) every entity it names; batch rows are never
deleted; an entity's rows are deleted with it (``app.ingest._delete_entities``, ``store.entities.
replace_population``). SQLite keeps them: dropping one there means rebuilding the table, and its inserts are not
where the time goes (as revision g003i did for the value rows).

Revision ID: g004i
Revises: g003m
"""

from alembic import op

revision = "g004i"
down_revision = "g003m"
branch_labels = None
depends_on = None

KEYS = (
    ("ingest_changes_entity_pk_fkey", "entity_pk", "entities", "CASCADE"),
    ("ingest_changes_batch_pk_fkey", "batch_pk", "ingest_batches", None),
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, _column, _target, _on_delete in KEYS:
        op.execute(f"ALTER TABLE ingest_changes DROP CONSTRAINT IF EXISTS {name}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # rows whose entity went without them would refuse the key: they told of an entity that is no more
    op.execute("DELETE FROM ingest_changes c WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = c.entity_pk)")
    for name, column, target, on_delete in KEYS:
        op.create_foreign_key(name, "ingest_changes", target, [column], ["id"], ondelete=on_delete)
