"""conference records: public-opinion reports, activities, legislative consultation, supervision, 包保, duty entries

Revision ID: c002
Revises: c001
"""

import sqlalchemy as sa
from alembic import op

revision = "c002"
down_revision = "c001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "conference_activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("form", sa.String(length=16), nullable=False),
        sa.Column("lead_committee", sa.String(length=64), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("notice", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("outcome_adopted", sa.Boolean(), nullable=True),
        sa.Column("sample", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_conference_activities_state"), "conference_activities", ["state"], unique=False)
    op.create_index(op.f("ix_conference_activities_year"), "conference_activities", ["year"], unique=False)
    op.create_table(
        "report_bulletins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("year", "number"),
    )
    op.create_table(
        "legislative_drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("drafting_office", sa.String(length=100), nullable=False),
        sa.Column("clauses", sa.JSON(), nullable=False),
        sa.Column("activity_pk", sa.Integer(), nullable=True),
        sa.Column("sample", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_pk"],
            ["conference_activities.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_legislative_drafts_year"), "legislative_drafts", ["year"], unique=False)
    op.create_table(
        "supervision_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("activity_pk", sa.Integer(), nullable=True),
        sa.Column("unit_pk", sa.Integer(), nullable=False),
        sa.Column("finding", sa.Text(), nullable=False),
        sa.Column("rectification", sa.Text(), nullable=True),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("last_reminded_on", sa.Date(), nullable=True),
        sa.Column("sample", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_pk"],
            ["conference_activities.id"],
        ),
        sa.ForeignKeyConstraint(
            ["unit_pk"],
            ["handling_units.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_supervision_items_state"), "supervision_items", ["state"], unique=False)
    op.create_index(op.f("ix_supervision_items_unit_pk"), "supervision_items", ["unit_pk"], unique=False)
    op.create_index(op.f("ix_supervision_items_year"), "supervision_items", ["year"], unique=False)
    op.create_table(
        "activity_participants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_pk", sa.Integer(), nullable=False),
        sa.Column("member_pk", sa.Integer(), nullable=False),
        sa.Column("invited", sa.Boolean(), nullable=False),
        sa.Column("signed_up_at", sa.DateTime(), nullable=True),
        sa.Column("signed_in_at", sa.DateTime(), nullable=True),
        sa.Column("absence", sa.String(length=10), nullable=True),
        sa.ForeignKeyConstraint(
            ["activity_pk"],
            ["conference_activities.id"],
        ),
        sa.ForeignKeyConstraint(
            ["member_pk"],
            ["conference_members.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("activity_pk", "member_pk"),
    )
    op.create_index(
        op.f("ix_activity_participants_activity_pk"), "activity_participants", ["activity_pk"], unique=False
    )
    op.create_index(op.f("ix_activity_participants_member_pk"), "activity_participants", ["member_pk"], unique=False)
    op.create_table(
        "duty_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_pk", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("sample", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_pk"],
            ["conference_members.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_duty_entries_member_pk"), "duty_entries", ["member_pk"], unique=False)
    op.create_index(op.f("ix_duty_entries_year"), "duty_entries", ["year"], unique=False)
    op.create_table(
        "legislative_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_pk", sa.Integer(), nullable=False),
        sa.Column("member_pk", sa.Integer(), nullable=False),
        sa.Column("clause", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("submitted_on", sa.Date(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["draft_pk"],
            ["legislative_drafts.id"],
        ),
        sa.ForeignKeyConstraint(
            ["member_pk"],
            ["conference_members.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_legislative_comments_draft_pk"), "legislative_comments", ["draft_pk"], unique=False)
    op.create_index(op.f("ix_legislative_comments_member_pk"), "legislative_comments", ["member_pk"], unique=False)
    op.create_table(
        "liaison_targets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_pk", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("entity_pk", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("sample", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_pk"],
            ["entities.id"],
        ),
        sa.ForeignKeyConstraint(
            ["member_pk"],
            ["conference_members.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_liaison_targets_entity_pk"), "liaison_targets", ["entity_pk"], unique=False)
    op.create_index(op.f("ix_liaison_targets_member_pk"), "liaison_targets", ["member_pk"], unique=False)
    op.create_table(
        "opinion_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("situation", sa.Text(), nullable=False),
        sa.Column("analysis", sa.Text(), nullable=False),
        sa.Column("suggestion", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("author_pk", sa.Integer(), nullable=True),
        sa.Column("author_group", sa.String(length=100), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("edited_text", sa.Text(), nullable=True),
        sa.Column("rating", sa.String(length=1), nullable=True),
        sa.Column("bulletin_pk", sa.Integer(), nullable=True),
        sa.Column("forwarded_to", sa.String(length=12), nullable=True),
        sa.Column("higher_adopted", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("submitted_on", sa.Date(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("sample", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_pk"],
            ["conference_members.id"],
        ),
        sa.ForeignKeyConstraint(
            ["bulletin_pk"],
            ["report_bulletins.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_opinion_reports_author_pk"), "opinion_reports", ["author_pk"], unique=False)
    op.create_index(op.f("ix_opinion_reports_bulletin_pk"), "opinion_reports", ["bulletin_pk"], unique=False)
    op.create_index(op.f("ix_opinion_reports_state"), "opinion_reports", ["state"], unique=False)
    op.create_index(op.f("ix_opinion_reports_submitted_on"), "opinion_reports", ["submitted_on"], unique=False)
    op.create_index(op.f("ix_opinion_reports_year"), "opinion_reports", ["year"], unique=False)
    op.create_table(
        "liaison_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("target_pk", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("handled_by", sa.String(length=100), nullable=True),
        sa.Column("result", sa.Text(), nullable=True),
        sa.Column("closed_by", sa.String(length=100), nullable=True),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["target_pk"],
            ["liaison_targets.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_liaison_requests_target_pk"), "liaison_requests", ["target_pk"], unique=False)
    op.create_table(
        "liaison_visits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("target_pk", sa.Integer(), nullable=False),
        sa.Column("visited_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["target_pk"],
            ["liaison_targets.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_liaison_visits_target_pk"), "liaison_visits", ["target_pk"], unique=False)
    op.create_table(
        "report_instructions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_pk", sa.Integer(), nullable=False),
        sa.Column("leader", sa.String(length=100), nullable=False),
        sa.Column("level", sa.String(length=12), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_pk"],
            ["opinion_reports.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_report_instructions_report_pk"), "report_instructions", ["report_pk"], unique=False)


def downgrade() -> None:
    op.drop_table("report_instructions")
    op.drop_table("liaison_visits")
    op.drop_table("liaison_requests")
    op.drop_table("opinion_reports")
    op.drop_table("liaison_targets")
    op.drop_table("legislative_comments")
    op.drop_table("duty_entries")
    op.drop_table("activity_participants")
    op.drop_table("supervision_items")
    op.drop_table("legislative_drafts")
    op.drop_table("report_bulletins")
    op.drop_table("conference_activities")
