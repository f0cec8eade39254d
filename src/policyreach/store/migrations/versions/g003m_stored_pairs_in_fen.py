"""entity_matches.cents and match_aggregates.cents were written as 万元 × 100 while every reader takes them as 分
(the console's maintained amounts showed 10,000 times too small): the stored pairs and aggregates are dropped and
marked unbuilt, so that pages read the simulation until the worker's rebuild (at once when unbuilt) stores them in
分. A pair's 分 may now be null: an eligible pair whose amount is not known (a figure it needs is missing) was stored
as 0, which a list of whom to contact would show as a sum of nothing. Nothing else depends on the dropped rows.

Revision ID: g003m
Revises: g003i
"""

import sqlalchemy as sa
from alembic import op

revision = "g003m"
down_revision = "g003i"
branch_labels = None
depends_on = None

BUILT = "aggregates_built"  # app/aggregates.py


def upgrade() -> None:
    op.execute("DELETE FROM entity_matches")
    op.execute("DELETE FROM match_aggregates")
    op.execute(sa.text("DELETE FROM platform_state WHERE key = :key").bindparams(key=BUILT))
    with op.batch_alter_table("entity_matches") as table:
        table.alter_column("cents", existing_type=sa.BigInteger(), nullable=True, server_default=None)


def downgrade() -> None:
    op.execute("DELETE FROM entity_matches")
    op.execute(sa.text("DELETE FROM platform_state WHERE key = :key").bindparams(key=BUILT))
    with op.batch_alter_table("entity_matches") as table:
        table.alter_column("cents", existing_type=sa.BigInteger(), nullable=False)
