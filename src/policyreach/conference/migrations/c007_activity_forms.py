"""conference: activity forms the office can extend (what each records and how it counts in the assessment),
non-member participants (experts), speeches submitted and selected, beneficiaries and materials of an activity

Revision ID: c007
Revises: c006

"""

import sqlalchemy as sa
from alembic import op

revision = "c007"
down_revision = "c006"
branch_labels = None
depends_on = None

# name, category, counts as, records: experts, speeches, beneficiaries, outcome, attachments. The eight forms the
# module had before come first, so that every existing activity (whose ``form`` holds one of their names) keeps
# counting exactly as it did: the three meetings under 会议出席, the rest under 协商、视察、调研活动.
SEED = (
    ("全体会议", "会议", "meeting", 0, 1, 0, 0, 0),
    ("常委会议", "会议", "meeting", 0, 1, 0, 0, 0),
    ("专题议政性常委会", "会议", "meeting", 0, 1, 0, 1, 0),
    ("专题协商会", "协商议政", "activity", 1, 1, 0, 1, 1),
    ("协商座谈会", "协商议政", "activity", 1, 1, 0, 1, 1),
    ("视察", "视察调研", "activity", 1, 0, 0, 1, 1),
    ("调研", "视察调研", "activity", 1, 0, 0, 1, 1),
    ("立法协商", "协商议政", "activity", 1, 1, 0, 1, 1),
    ("界别座谈会", "凝聚共识", "activity", 1, 1, 0, 1, 0),
    ("主题征文", "凝聚共识", "activity", 1, 0, 0, 1, 1),
    ("参观", "凝聚共识", "activity", 0, 0, 0, 0, 0),
    ("书画笔会", "凝聚共识", "activity", 1, 0, 0, 0, 1),
    ("委员专家基层行", "为民服务", "service", 1, 0, 1, 1, 1),
    ("为民服务", "为民服务", "service", 1, 0, 1, 1, 1),
    ("联组会议", "会议", "meeting", 0, 1, 0, 1, 0),
    ("大会发言", "会议", "none", 0, 1, 0, 0, 1),
    ("走访民主党派", "联络走访", "activity", 0, 0, 0, 1, 0),
    ("走访工商联", "联络走访", "activity", 0, 0, 0, 1, 0),
    ("督办视察", "民主监督", "activity", 1, 0, 0, 1, 1),
)


def upgrade() -> None:
    # exact to two places in every database, as the model's ``Hundredths`` (integer hundredths on SQLite)
    exact = sa.BigInteger() if op.get_bind().dialect.name == "sqlite" else sa.Numeric(6, 2)
    forms = op.create_table(
        "activity_forms",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(16), nullable=False, unique=True),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("counts_as", sa.String(10), nullable=False),
        sa.Column("points", exact, nullable=True),
        sa.Column("cap", exact, nullable=True),
        sa.Column("has_experts", sa.Boolean(), nullable=False),
        sa.Column("has_speeches", sa.Boolean(), nullable=False),
        sa.Column("has_beneficiaries", sa.Boolean(), nullable=False),
        sa.Column("has_outcome", sa.Boolean(), nullable=False),
        sa.Column("has_attachments", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
    )
    op.bulk_insert(
        forms,
        [
            {
                "name": name,
                "category": category,
                "counts_as": counts_as,
                "points": None,
                "cap": None,
                "has_experts": bool(experts),
                "has_speeches": bool(speeches),
                "has_beneficiaries": bool(beneficiaries),
                "has_outcome": bool(outcome),
                "has_attachments": bool(attachments),
                "active": True,
                "position": i,
            }
            for i, (name, category, counts_as, experts, speeches, beneficiaries, outcome, attachments) in enumerate(
                SEED, start=1
            )
        ],
    )
    op.add_column("conference_activities", sa.Column("beneficiaries", sa.Integer(), nullable=True))
    op.add_column("conference_activities", sa.Column("materials", sa.Text(), nullable=True))
    op.create_table(
        "activity_guests",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("activity_pk", sa.Integer(), sa.ForeignKey("conference_activities.id"), nullable=False, index=True),
        sa.Column("name", sa.String(50), nullable=False),
        sa.Column("unit", sa.String(100), nullable=False),
        sa.Column("speciality", sa.String(100), nullable=False),
        sa.Column("added_by", sa.String(64), nullable=False),
        sa.UniqueConstraint("activity_pk", "name", "unit"),
    )
    op.create_table(
        "activity_speeches",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("activity_pk", sa.Integer(), sa.ForeignKey("conference_activities.id"), nullable=False, index=True),
        sa.Column("member_pk", sa.Integer(), sa.ForeignKey("conference_members.id"), nullable=False, index=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("state", sa.String(12), nullable=False, index=True),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("decided_by", sa.String(64), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.UniqueConstraint("activity_pk", "member_pk"),
    )


def downgrade() -> None:
    op.drop_table("activity_speeches")
    op.drop_table("activity_guests")
    with op.batch_alter_table("conference_activities", schema=None) as batch_op:
        batch_op.drop_column("materials")
        batch_op.drop_column("beneficiaries")
    op.drop_table("activity_forms")
