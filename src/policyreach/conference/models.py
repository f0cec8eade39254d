"""The conference module's base tables: members, handling units and the proposal lifecycle (migration c001).

They sit on the platform's ``Base`` and ``accounts`` table; nothing on the policy side imports them.
A proposal links to the policy side only by ids (benefit/policy/reform ids are strings of the library).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from policyreach.store.models import Base


class ConferenceMember(Base):
    """A member (委员) of the conference; ``account_pk`` is set when the member logs in to the platform."""

    __tablename__ = "conference_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_pk: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), unique=True)
    name: Mapped[str] = mapped_column(String(64), index=True)
    sector_group: Mapped[str] = mapped_column(String(64), index=True)  # 界别
    committee: Mapped[str | None] = mapped_column(String(64))  # 专门委员会
    term: Mapped[str] = mapped_column(String(32), default="第十四届")  # 届次
    is_leader: Mapped[bool] = mapped_column(default=False)  # 主席、副主席、秘书长
    party: Mapped[str | None] = mapped_column(String(32))  # 党派 (full name, roster.PARTIES)
    position: Mapped[str | None] = mapped_column(String(8))  # 职务: 主席 … 常委, 委员
    phone: Mapped[str | None] = mapped_column(String(200))  # 联系电话, sealed (store.crypto)
    # the member's subject at the unified identity (OIDC): their first sign-in there binds it to their account
    identity_subject: Mapped[str | None] = mapped_column(String(255), unique=True, index=True)


class ConferenceTerm(Base):
    """A 届次 and the year it began (migration c009): a year belongs to the latest term begun by then."""

    __tablename__ = "conference_terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(32), unique=True)  # 第十四届
    first_year: Mapped[int]


class MemberTerm(Base):
    """A member's seat in one 届次: a re-appointed member has one per term, so a past year still counts the members
    who sat in it (``ConferenceMember.term`` is only the latest)."""

    __tablename__ = "conference_member_terms"
    __table_args__ = (UniqueConstraint("member_pk", "term"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_pk: Mapped[int] = mapped_column(ForeignKey("conference_members.id"), index=True)
    term: Mapped[str] = mapped_column(String(32))


class HandlingUnit(Base):
    """A handling unit (承办单位); unit staff accounts carry its ``name`` in ``accounts.department``."""

    __tablename__ = "handling_units"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    short_name: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16), default="government")  # government | party | court | enterprise


class Proposal(Base):
    """One proposal (提案) through its whole life; ``state`` moves only through ``conference.states``."""

    __tablename__ = "proposals"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str | None] = mapped_column(String(32), unique=True)  # 立案号, given when filed
    year: Mapped[int] = mapped_column(index=True)
    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(16))  # 经济建设 | 政治建设 | 文化建设 | 社会建设 | 生态文明建设 | 其他
    case_text: Mapped[str] = mapped_column(Text, default="")  # 案由
    analysis: Mapped[str] = mapped_column(Text, default="")  # 分析
    suggestions: Mapped[str] = mapped_column(Text, default="")  # 具体建议
    suggested_units: Mapped[list[Any]] = mapped_column(JSON, default=list)  # names the proposer suggests
    proposer_pk: Mapped[int | None] = mapped_column(ForeignKey("conference_members.id"), index=True)
    proposer_group: Mapped[str | None] = mapped_column(String(100))  # a party group, sector group or committee
    origin: Mapped[str] = mapped_column(String(12), default="member")  # member | joint | group
    during: Mapped[str] = mapped_column(String(12), default="plenary")  # plenary (大会) | regular (平时)
    state: Mapped[str] = mapped_column(String(20), index=True, default="draft")
    round: Mapped[int] = mapped_column(default=1)  # handling round; 不满意 starts another
    reason: Mapped[str | None] = mapped_column(String(500))  # 不立案 reason, return reason
    disposal: Mapped[str | None] = mapped_column(String(16))  # not filed: report (转社情民意) | reference (参考意见)
    disposal_unit: Mapped[str | None] = mapped_column(String(100))  # unit the reference opinion went to
    merged_into_pk: Mapped[int | None] = mapped_column(ForeignKey("proposals.id"))
    is_key: Mapped[bool] = mapped_column(default=False)  # 重点提案
    supervisor_pk: Mapped[int | None] = mapped_column(ForeignKey("conference_members.id"))  # 督办 leader
    mode: Mapped[str | None] = mapped_column(String(12))  # lead (主办+会办) | separate (分办)
    assigned_on: Mapped[dt.date | None]
    deadline: Mapped[dt.date | None]
    extension_reason: Mapped[str | None] = mapped_column(String(500))
    public_consent: Mapped[bool] = mapped_column(default=False)  # the proposer agrees to publication
    published: Mapped[bool] = mapped_column(default=False)
    sample: Mapped[bool] = mapped_column(default=False)  # demo data, shown as 示例
    imported: Mapped[bool] = mapped_column(default=False)  # a past year's row from XLSX (conference.history)
    submitted_on: Mapped[dt.date | None]
    filed_on: Mapped[dt.date | None]
    closed_on: Mapped[dt.date | None]
    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())

    proposer: Mapped[ConferenceMember | None] = relationship(foreign_keys=[proposer_pk])
    supervisor: Mapped[ConferenceMember | None] = relationship(foreign_keys=[supervisor_pk])
    cosigners: Mapped[list[Cosigner]] = relationship(back_populates="proposal", order_by="Cosigner.id")
    assignments: Mapped[list[Assignment]] = relationship(back_populates="proposal", order_by="Assignment.id")


class Cosigner(Base):
    """A co-signer of a joint proposal (联名); the proposal is submitted once every co-signer confirmed."""

    __tablename__ = "proposal_cosigners"
    __table_args__ = (UniqueConstraint("proposal_pk", "member_pk"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_pk: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)
    member_pk: Mapped[int] = mapped_column(ForeignKey("conference_members.id"), index=True)
    state: Mapped[str] = mapped_column(String(12), default="pending")  # pending | confirmed | declined
    at: Mapped[dt.datetime | None]

    proposal: Mapped[Proposal] = relationship(back_populates="cosigners")
    member: Mapped[ConferenceMember] = relationship()


class Assignment(Base):
    """One handling unit's part of a proposal (主办 / 会办 / 分办), with its own small state machine."""

    __tablename__ = "proposal_assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_pk: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)
    unit_pk: Mapped[int] = mapped_column(ForeignKey("handling_units.id"), index=True)
    role: Mapped[str] = mapped_column(String(8))  # lead | co | separate
    state: Mapped[str] = mapped_column(String(20), default="assigned")
    round: Mapped[int] = mapped_column(default=1)
    adjust_reason: Mapped[str | None] = mapped_column(String(500))  # 申请调整 reason
    adjust_decision: Mapped[str | None] = mapped_column(String(500))
    opinion: Mapped[str | None] = mapped_column(Text)  # 会办意见 sent to the lead unit
    contacted_on: Mapped[dt.date | None]  # the lead unit contacted the proposer
    contact_note: Mapped[str | None] = mapped_column(String(500))
    answer: Mapped[str | None] = mapped_column(Text)  # 答复 text
    answer_class: Mapped[str | None] = mapped_column(String(1))  # A | B | C
    answered_on: Mapped[dt.date | None]
    link_kind: Mapped[str | None] = mapped_column(String(8))  # benefit | policy | reform
    link_id: Mapped[str | None] = mapped_column(String(64), index=True)
    last_chased_on: Mapped[dt.date | None]  # 催办

    proposal: Mapped[Proposal] = relationship(back_populates="assignments")
    unit: Mapped[HandlingUnit] = relationship()


class Evaluation(Base):
    """The proposer's rating of one round of handling; 不满意 starts another round."""

    __tablename__ = "proposal_evaluations"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_pk: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)
    round: Mapped[int]
    rating: Mapped[str] = mapped_column(String(12))  # satisfied | basic | unsatisfied
    comment: Mapped[str] = mapped_column(String(1000), default="")
    at: Mapped[dt.date]


class Supervision(Base):
    """A supervision activity of a key proposal (督办): visit, meeting, written follow-up."""

    __tablename__ = "proposal_supervisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_pk: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)
    leader_pk: Mapped[int] = mapped_column(ForeignKey("conference_members.id"))
    held_on: Mapped[dt.date]
    kind: Mapped[str] = mapped_column(String(16))  # 视察 | 座谈 | 督办会 | 书面督办
    note: Mapped[str] = mapped_column(Text, default="")


class Evidence(Base):
    """A frozen snapshot of a simulation result attached to a proposal: it never changes after it is taken."""

    __tablename__ = "proposal_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_pk: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # gaps | unclaimed | reform
    title: Mapped[str] = mapped_column(String(200))
    taken_on: Mapped[dt.date]
    library_version: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Attachment(Base):
    """A file the proposer attached (附件), stored outside the web root under a random name (migration c001b)."""

    __tablename__ = "proposal_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_pk: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    stored_as: Mapped[str] = mapped_column(String(80))
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int]
    uploaded_on: Mapped[dt.date]
