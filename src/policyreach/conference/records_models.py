"""The conference's records beside proposals (migration c002): public-opinion reports, activities of the
consultation plan, legislative consultation, consultative supervision, the 包保 ledger and members'
self-declared duty entries. Each object with a life has one ``state`` moved only through its state machine.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from policyreach.conference.models import ConferenceMember, HandlingUnit
from policyreach.store.models import Base, Entity, Hundredths


class BulletinIssue(Base):
    """One issue (期) of the 社情民意 bulletin sent to the party committee and the government."""

    __tablename__ = "report_bulletins"
    __table_args__ = (UniqueConstraint("year", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    number: Mapped[int]  # 第 n 期 of the year
    title: Mapped[str] = mapped_column(String(200), default="")
    published_on: Mapped[dt.date]


class OpinionReport(Base):
    """A public-opinion report (社情民意信息); ``state`` moves only through ``reports.TRANSITIONS``."""

    __tablename__ = "opinion_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)
    title: Mapped[str] = mapped_column(String(200))
    situation: Mapped[str] = mapped_column(Text, default="")  # 基本情况
    analysis: Mapped[str] = mapped_column(Text, default="")  # 问题分析
    suggestion: Mapped[str] = mapped_column(Text, default="")  # 意见建议
    category: Mapped[str] = mapped_column(String(16), default="其他")
    author_pk: Mapped[int | None] = mapped_column(ForeignKey("conference_members.id"), index=True)
    author_group: Mapped[str | None] = mapped_column(String(100))  # a party group, sector group or committee
    state: Mapped[str] = mapped_column(String(16), index=True, default="draft")
    edited_text: Mapped[str | None] = mapped_column(Text)  # the information office's edited version
    rating: Mapped[str | None] = mapped_column(String(1))  # A | B | C: the office's value rating
    bulletin_pk: Mapped[int | None] = mapped_column(ForeignKey("report_bulletins.id"), index=True)
    forwarded_to: Mapped[str | None] = mapped_column(String(12))  # province | national
    higher_adopted: Mapped[bool] = mapped_column(default=False)  # adopted by the provincial/national conference
    reason: Mapped[str | None] = mapped_column(String(500))  # why archived or returned
    submitted_on: Mapped[dt.date | None] = mapped_column(index=True)
    decided_on: Mapped[dt.date | None]
    sample: Mapped[bool] = mapped_column(default=False)
    imported: Mapped[bool] = mapped_column(default=False)  # a past year's row from XLSX (conference.history)
    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
    # a proposal the committee did not file and turned into a report (不立案 → 社情民意), migration c003
    proposal_pk: Mapped[int | None] = mapped_column(
        ForeignKey("proposals.id", name="fk_opinion_reports_proposal_pk"), unique=True, index=True
    )

    author: Mapped[ConferenceMember | None] = relationship()
    bulletin: Mapped[BulletinIssue | None] = relationship()
    instructions: Mapped[list[ReportInstruction]] = relationship(
        back_populates="report", order_by="ReportInstruction.id"
    )


class ReportInstruction(Base):
    """A leader's written instruction (批示) on a report."""

    __tablename__ = "report_instructions"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_pk: Mapped[int] = mapped_column(ForeignKey("opinion_reports.id"), index=True)
    leader: Mapped[str] = mapped_column(String(100))  # name and post, e.g. 市长 某某
    level: Mapped[str] = mapped_column(String(12))  # city | province | national
    text: Mapped[str] = mapped_column(Text)
    on: Mapped[dt.date]

    report: Mapped[OpinionReport] = relationship(back_populates="instructions")


class Activity(Base):
    """An activity of the annual consultation plan (or a meeting); ``state`` through ``activities``."""

    __tablename__ = "conference_activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)
    title: Mapped[str] = mapped_column(String(200))
    topic: Mapped[str] = mapped_column(String(200), default="")
    form: Mapped[str] = mapped_column(String(16))  # the name of an ActivityForm (names are never changed)
    lead_committee: Mapped[str] = mapped_column(String(64), default="")
    held_on: Mapped[dt.date]
    place: Mapped[str] = mapped_column(String(200), default="")
    notice: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(12), index=True, default="planned")
    outcome: Mapped[str | None] = mapped_column(Text)  # 协商成果
    outcome_adopted: Mapped[bool | None]  # whether the government adopted the outcome
    adopted_by: Mapped[str | None] = mapped_column(String(200))  # the document or decision that adopted it
    adopted_on: Mapped[dt.date | None]
    sample: Mapped[bool] = mapped_column(default=False)
    imported: Mapped[bool] = mapped_column(default=False)  # a past year's row from XLSX (conference.history)
    # set when staff close the attendance: absences are decided then, and the assessment reads only closed ones
    attendance_closed_at: Mapped[dt.datetime | None]
    beneficiaries: Mapped[int | None]  # 直接受益群众（人次）, for a form that counts them (migration c007)
    # notes on the outcome's materials (文号, links): the files themselves are ``attachments`` (migration c009f)
    materials: Mapped[str | None] = mapped_column(Text)

    participants: Mapped[list[Participant]] = relationship(back_populates="activity", order_by="Participant.id")
    guests: Mapped[list[ActivityGuest]] = relationship(order_by="ActivityGuest.id")
    speeches: Mapped[list[ActivitySpeech]] = relationship(order_by="ActivitySpeech.id")
    attachments: Mapped[list[ActivityAttachment]] = relationship(order_by="ActivityAttachment.id")


class Participant(Base):
    """A member invited to or signed up for an activity; sign-in (签到) and absences are recorded here."""

    __tablename__ = "activity_participants"
    __table_args__ = (UniqueConstraint("activity_pk", "member_pk"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_pk: Mapped[int] = mapped_column(ForeignKey("conference_activities.id"), index=True)
    member_pk: Mapped[int] = mapped_column(ForeignKey("conference_members.id"), index=True)
    invited: Mapped[bool] = mapped_column(default=False)  # required to attend (invited), or signed up freely
    signed_up_at: Mapped[dt.datetime | None]
    signed_in_at: Mapped[dt.datetime | None]
    # the staff member who marked the sign-in from the paper list; None when the member signed in in the app
    signed_in_by: Mapped[str | None] = mapped_column(String(64))
    absence: Mapped[str | None] = mapped_column(String(10))  # excused (请假) | unexcused (无故缺席)
    leave_reason: Mapped[str | None] = mapped_column(String(500))
    leave_state: Mapped[str | None] = mapped_column(String(10))  # requested | approved | declined

    activity: Mapped[Activity] = relationship(back_populates="participants")
    member: Mapped[ConferenceMember] = relationship()


class ActivityForm(Base):
    """A form of activity the office runs (视察, 界别座谈会, 为民服务 …): what its activities record and how taking
    part counts in the assessment (``counts_as``: meeting | activity | service under the assessment's own clauses,
    own: a score item of its own with ``points`` per attendance up to ``cap``, none). Migration c007 seeds it."""

    __tablename__ = "activity_forms"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(16), unique=True)
    category: Mapped[str] = mapped_column(String(16))
    counts_as: Mapped[str] = mapped_column(String(10))
    points: Mapped[Decimal | None] = mapped_column(Hundredths())
    cap: Mapped[Decimal | None] = mapped_column(Hundredths())
    has_experts: Mapped[bool] = mapped_column(default=False)
    has_speeches: Mapped[bool] = mapped_column(default=False)
    has_beneficiaries: Mapped[bool] = mapped_column(default=False)
    has_outcome: Mapped[bool] = mapped_column(default=False)
    has_attachments: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)  # a retired form is not offered for new activities
    position: Mapped[int] = mapped_column(default=0)


class ActivityGuest(Base):
    """A non-member taking part in an activity (an expert, a scholar): a name, not an account; counted among the
    people taking part, never assessed."""

    __tablename__ = "activity_guests"
    __table_args__ = (UniqueConstraint("activity_pk", "name", "unit"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_pk: Mapped[int] = mapped_column(ForeignKey("conference_activities.id"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    unit: Mapped[str] = mapped_column(String(100))  # 单位
    speciality: Mapped[str] = mapped_column(String(100))  # 专业
    added_by: Mapped[str] = mapped_column(String(64))


class ActivitySpeech(Base):
    """A member's speech at an activity: submitted by the member, then selected (or not) by staff; only a
    selected speech counts."""

    __tablename__ = "activity_speeches"
    __table_args__ = (UniqueConstraint("activity_pk", "member_pk"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_pk: Mapped[int] = mapped_column(ForeignKey("conference_activities.id"), index=True)
    member_pk: Mapped[int] = mapped_column(ForeignKey("conference_members.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(
        String(12), index=True, default="submitted"
    )  # submitted | selected | not_selected
    submitted_at: Mapped[dt.datetime]
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[dt.datetime | None]

    member: Mapped[ConferenceMember] = relationship()


class ActivityAttachment(Base):
    """A file of an activity's outcome (附件材料: 调研报告, 会议纪要, photos), uploaded by the office for a form that
    records attachments; stored outside the web root under a random name (migration c009f)."""

    __tablename__ = "activity_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_pk: Mapped[int] = mapped_column(ForeignKey("conference_activities.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))  # the uploader's file name, shown and offered on download only
    stored_as: Mapped[str] = mapped_column(String(80))
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int]
    uploaded_by: Mapped[str] = mapped_column(String(64))  # the account's username
    uploaded_at: Mapped[dt.datetime]  # naive UTC, shown in Beijing time


class LegislativeDraft(Base):
    """A draft regulation put to legislative consultation (立法协商)."""

    __tablename__ = "legislative_drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)
    title: Mapped[str] = mapped_column(String(200))
    drafting_office: Mapped[str] = mapped_column(String(100))
    clauses: Mapped[dict[str, Any]] = mapped_column(default=dict)  # clause number -> text
    activity_pk: Mapped[int | None] = mapped_column(ForeignKey("conference_activities.id"))
    sample: Mapped[bool] = mapped_column(default=False)
    comments_due: Mapped[dt.date | None]  # members comment until this day
    closed_on: Mapped[dt.date | None]  # the consultation closed with the drafting office's decisions
    adoption_note: Mapped[str | None] = mapped_column(Text)  # what the drafting office did with the opinions


class LegislativeComment(Base):
    """A member's comment on one clause; it ends adopted, partly adopted or not adopted, with the reason."""

    __tablename__ = "legislative_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_pk: Mapped[int] = mapped_column(ForeignKey("legislative_drafts.id"), index=True)
    member_pk: Mapped[int] = mapped_column(ForeignKey("conference_members.id"), index=True)
    clause: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(12), default="pending")  # pending | adopted | partly | not_adopted
    reason: Mapped[str | None] = mapped_column(String(500))  # the drafting office's reason
    submitted_on: Mapped[dt.date]
    decided_on: Mapped[dt.date | None]

    draft: Mapped[LegislativeDraft] = relationship()
    member: Mapped[ConferenceMember] = relationship()


class SupervisionItem(Base):
    """A finding of consultative supervision (协商式监督) and its rectification, followed until closed."""

    __tablename__ = "supervision_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)
    activity_pk: Mapped[int | None] = mapped_column(ForeignKey("conference_activities.id"))
    unit_pk: Mapped[int] = mapped_column(ForeignKey("handling_units.id"), index=True)
    finding: Mapped[str] = mapped_column(Text)
    rectification: Mapped[str | None] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(12), index=True, default="open")
    due_on: Mapped[dt.date]
    closed_on: Mapped[dt.date | None]
    last_reminded_on: Mapped[dt.date | None]
    sample: Mapped[bool] = mapped_column(default=False)

    unit: Mapped[HandlingUnit] = relationship()


class LiaisonTarget(Base):
    """A firm, project or park covered (包保/包联) by a leader or member."""

    __tablename__ = "liaison_targets"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_pk: Mapped[int] = mapped_column(ForeignKey("conference_members.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # enterprise | project | park
    entity_pk: Mapped[int | None] = mapped_column(ForeignKey("entities.id"), index=True)  # for an enterprise
    name: Mapped[str] = mapped_column(String(200))
    since: Mapped[dt.date]
    sample: Mapped[bool] = mapped_column(default=False)

    member: Mapped[ConferenceMember] = relationship()
    entity: Mapped[Entity | None] = relationship()


class LiaisonVisit(Base):
    __tablename__ = "liaison_visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    target_pk: Mapped[int] = mapped_column(ForeignKey("liaison_targets.id"), index=True)
    visited_on: Mapped[dt.date]
    note: Mapped[str] = mapped_column(Text, default="")


class LiaisonRequest(Base):
    """A covered firm's request (诉求): its status and who closed it."""

    __tablename__ = "liaison_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    target_pk: Mapped[int] = mapped_column(ForeignKey("liaison_targets.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(12), default="open")  # open | in_progress | closed
    handled_by: Mapped[str | None] = mapped_column(String(100))  # the unit working on it
    result: Mapped[str | None] = mapped_column(Text)
    closed_by: Mapped[str | None] = mapped_column(String(100))
    raised_on: Mapped[dt.date]
    closed_on: Mapped[dt.date | None]


class DutyEntry(Base):
    """A duty the platform cannot see (speech, studio activity, public service), declared by the member
    with evidence and counted once the office confirms it."""

    __tablename__ = "duty_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_pk: Mapped[int] = mapped_column(ForeignKey("conference_members.id"), index=True)
    year: Mapped[int] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(20))  # speeches | studio_activities | public_services
    title: Mapped[str] = mapped_column(String(200))
    happened_on: Mapped[dt.date]
    evidence: Mapped[str] = mapped_column(Text, default="")  # a description, a link, a document reference
    state: Mapped[str] = mapped_column(String(10), default="declared")  # declared | confirmed | rejected
    decided_by: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str | None] = mapped_column(String(500))
    sample: Mapped[bool] = mapped_column(default=False)

    member: Mapped[ConferenceMember] = relationship()


class ConsultationPlan(Base):
    """The year's 年度协商计划: drafted by the office, submitted, 审定 by the approving body, then published."""

    __tablename__ = "consultation_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(unique=True)
    state: Mapped[str] = mapped_column(String(12), default="draft")  # draft | submitted | approved | published
    approved_by: Mapped[str | None] = mapped_column(String(100))  # the body that 审定 it (市委常委会 …)
    approved_on: Mapped[dt.date | None]
    published_on: Mapped[dt.date | None]
    note: Mapped[str | None] = mapped_column(Text)


class InstructionTask(Base):
    """A leader's 批示 on a proposal or a report and its follow-through: 转办 to a unit with a deadline, then the
    unit's 反馈, which closes it; 催办 when it is overdue."""

    __tablename__ = "instruction_tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_pk: Mapped[int | None] = mapped_column(ForeignKey("proposals.id"), index=True)
    report_pk: Mapped[int | None] = mapped_column(ForeignKey("opinion_reports.id"), index=True)
    leader: Mapped[str] = mapped_column(String(100))  # name and post, e.g. 市长 某某
    text: Mapped[str] = mapped_column(Text)
    instructed_on: Mapped[dt.date]
    state: Mapped[str] = mapped_column(String(12), index=True, default="recorded")  # recorded | forwarded | answered
    unit_pk: Mapped[int | None] = mapped_column(ForeignKey("handling_units.id"), index=True)
    due_on: Mapped[dt.date | None]
    feedback: Mapped[str | None] = mapped_column(Text)
    answered_on: Mapped[dt.date | None]
    last_reminded_on: Mapped[dt.date | None]
    recorded_by: Mapped[str] = mapped_column(String(64))

    unit: Mapped[HandlingUnit | None] = relationship()
