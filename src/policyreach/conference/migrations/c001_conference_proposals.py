"""conference proposals: members, handling units, proposals and their handling

Revision ID: c001
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "c001"
down_revision = "0003"
branch_labels = ("conference",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "handling_units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("short_name", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "conference_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_pk", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("sector_group", sa.String(length=64), nullable=False),
        sa.Column("committee", sa.String(length=64), nullable=True),
        sa.Column("term", sa.String(length=32), nullable=False),
        sa.Column("is_leader", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_pk"],
            ["accounts.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("account_pk"),
    )
    op.create_index(op.f("ix_conference_members_name"), "conference_members", ["name"], unique=False)
    op.create_index(op.f("ix_conference_members_sector_group"), "conference_members", ["sector_group"], unique=False)
    op.create_table(
        "proposals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("case_text", sa.Text(), nullable=False),
        sa.Column("analysis", sa.Text(), nullable=False),
        sa.Column("suggestions", sa.Text(), nullable=False),
        sa.Column("suggested_units", sa.JSON(), nullable=False),
        sa.Column("proposer_pk", sa.Integer(), nullable=True),
        sa.Column("proposer_group", sa.String(length=100), nullable=True),
        sa.Column("origin", sa.String(length=12), nullable=False),
        sa.Column("during", sa.String(length=12), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("disposal", sa.String(length=16), nullable=True),
        sa.Column("disposal_unit", sa.String(length=100), nullable=True),
        sa.Column("merged_into_pk", sa.Integer(), nullable=True),
        sa.Column("is_key", sa.Boolean(), nullable=False),
        sa.Column("supervisor_pk", sa.Integer(), nullable=True),
        sa.Column("mode", sa.String(length=12), nullable=True),
        sa.Column("assigned_on", sa.Date(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("extension_reason", sa.String(length=500), nullable=True),
        sa.Column("public_consent", sa.Boolean(), nullable=False),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("sample", sa.Boolean(), nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=True),
        sa.Column("filed_on", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(
            ["merged_into_pk"],
            ["proposals.id"],
        ),
        sa.ForeignKeyConstraint(
            ["proposer_pk"],
            ["conference_members.id"],
        ),
        sa.ForeignKeyConstraint(
            ["supervisor_pk"],
            ["conference_members.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("number"),
    )
    op.create_index(op.f("ix_proposals_proposer_pk"), "proposals", ["proposer_pk"], unique=False)
    op.create_index(op.f("ix_proposals_state"), "proposals", ["state"], unique=False)
    op.create_index(op.f("ix_proposals_year"), "proposals", ["year"], unique=False)
    op.create_table(
        "proposal_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_pk", sa.Integer(), nullable=False),
        sa.Column("unit_pk", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("adjust_reason", sa.String(length=500), nullable=True),
        sa.Column("adjust_decision", sa.String(length=500), nullable=True),
        sa.Column("opinion", sa.Text(), nullable=True),
        sa.Column("contacted_on", sa.Date(), nullable=True),
        sa.Column("contact_note", sa.String(length=500), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answer_class", sa.String(length=1), nullable=True),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("link_kind", sa.String(length=8), nullable=True),
        sa.Column("link_id", sa.String(length=64), nullable=True),
        sa.Column("last_chased_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["proposal_pk"],
            ["proposals.id"],
        ),
        sa.ForeignKeyConstraint(
            ["unit_pk"],
            ["handling_units.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_proposal_assignments_link_id"), "proposal_assignments", ["link_id"], unique=False)
    op.create_index(op.f("ix_proposal_assignments_proposal_pk"), "proposal_assignments", ["proposal_pk"], unique=False)
    op.create_index(op.f("ix_proposal_assignments_unit_pk"), "proposal_assignments", ["unit_pk"], unique=False)
    op.create_table(
        "proposal_cosigners",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_pk", sa.Integer(), nullable=False),
        sa.Column("member_pk", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_pk"],
            ["conference_members.id"],
        ),
        sa.ForeignKeyConstraint(
            ["proposal_pk"],
            ["proposals.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("proposal_pk", "member_pk"),
    )
    op.create_index(op.f("ix_proposal_cosigners_member_pk"), "proposal_cosigners", ["member_pk"], unique=False)
    op.create_index(op.f("ix_proposal_cosigners_proposal_pk"), "proposal_cosigners", ["proposal_pk"], unique=False)
    op.create_table(
        "proposal_evaluations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_pk", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("rating", sa.String(length=12), nullable=False),
        sa.Column("comment", sa.String(length=1000), nullable=False),
        sa.Column("at", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["proposal_pk"],
            ["proposals.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_proposal_evaluations_proposal_pk"), "proposal_evaluations", ["proposal_pk"], unique=False)
    op.create_table(
        "proposal_evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_pk", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("library_version", sa.String(length=64), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["proposal_pk"],
            ["proposals.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_proposal_evidence_proposal_pk"), "proposal_evidence", ["proposal_pk"], unique=False)
    op.create_table(
        "proposal_supervisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_pk", sa.Integer(), nullable=False),
        sa.Column("leader_pk", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["leader_pk"],
            ["conference_members.id"],
        ),
        sa.ForeignKeyConstraint(
            ["proposal_pk"],
            ["proposals.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_proposal_supervisions_proposal_pk"), "proposal_supervisions", ["proposal_pk"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_proposal_supervisions_proposal_pk"), table_name="proposal_supervisions")
    op.drop_table("proposal_supervisions")
    op.drop_index(op.f("ix_proposal_evidence_proposal_pk"), table_name="proposal_evidence")
    op.drop_table("proposal_evidence")
    op.drop_index(op.f("ix_proposal_evaluations_proposal_pk"), table_name="proposal_evaluations")
    op.drop_table("proposal_evaluations")
    op.drop_index(op.f("ix_proposal_cosigners_proposal_pk"), table_name="proposal_cosigners")
    op.drop_index(op.f("ix_proposal_cosigners_member_pk"), table_name="proposal_cosigners")
    op.drop_table("proposal_cosigners")
    op.drop_index(op.f("ix_proposal_assignments_unit_pk"), table_name="proposal_assignments")
    op.drop_index(op.f("ix_proposal_assignments_proposal_pk"), table_name="proposal_assignments")
    op.drop_index(op.f("ix_proposal_assignments_link_id"), table_name="proposal_assignments")
    op.drop_table("proposal_assignments")
    op.drop_index(op.f("ix_proposals_year"), table_name="proposals")
    op.drop_index(op.f("ix_proposals_state"), table_name="proposals")
    op.drop_index(op.f("ix_proposals_proposer_pk"), table_name="proposals")
    op.drop_table("proposals")
    op.drop_index(op.f("ix_conference_members_sector_group"), table_name="conference_members")
    op.drop_index(op.f("ix_conference_members_name"), table_name="conference_members")
    op.drop_table("conference_members")
    op.drop_table("handling_units")
