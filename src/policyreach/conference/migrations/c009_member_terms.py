"""conference: the 届次 with the year each began, and every member's seats in them, so that a new term's roster
keeps the old term's members in the old years' figures

Revision ID: c009
Revises: c008

The seats of today's members are their current term; each term on the roster gets the first year of 长春's
calendar (``terms.default_first_year``), which the office corrects by importing the roster with 届次起始年份.

"""

import sqlalchemy as sa
from alembic import op

revision = "c009"
down_revision = "c008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from policyreach.conference.terms import default_first_year

    op.create_table(
        "conference_terms",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(32), nullable=False, unique=True),
        sa.Column("first_year", sa.Integer(), nullable=False),
    )
    op.create_table(
        "conference_member_terms",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("member_pk", sa.Integer(), sa.ForeignKey("conference_members.id"), nullable=False),
        sa.Column("term", sa.String(32), nullable=False),
        sa.UniqueConstraint("member_pk", "term"),
    )
    op.create_index("ix_conference_member_terms_member_pk", "conference_member_terms", ["member_pk"])
    bind = op.get_bind()
    seats = "INSERT INTO conference_member_terms (member_pk, term) SELECT id, term FROM conference_members"
    bind.execute(sa.text(seats))
    terms = [row[0] for row in bind.execute(sa.text("SELECT DISTINCT term FROM conference_members"))]
    table = sa.table("conference_terms", sa.column("name", sa.String), sa.column("first_year", sa.Integer))
    if terms:
        op.bulk_insert(table, [{"name": t, "first_year": default_first_year(t)} for t in terms])


def downgrade() -> None:
    op.drop_index("ix_conference_member_terms_member_pk", "conference_member_terms")
    op.drop_table("conference_member_terms")
    op.drop_table("conference_terms")
