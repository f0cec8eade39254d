"""The push tables (migration p001): jobs, notifications, deliveries, preferences, funnel events, event state."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, String, Text, TypeDecorator, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from policyreach.push.clock import UTC
from policyreach.store.models import Base


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC in Python, naive UTC in the column: SQLite keeps no offset, so every value is stored as UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Job(Base):
    """A unit of background work. ``key`` (unique) makes enqueueing idempotent; a lease makes claims safe."""

    __tablename__ = "push_jobs"
    __table_args__ = (Index("ix_push_jobs_due", "state", "run_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(48))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    key: Mapped[str | None] = mapped_column(String(200), unique=True)
    state: Mapped[str] = mapped_column(String(12), default="pending")  # pending | running | done | failed
    attempts: Mapped[int] = mapped_column(default=0)
    max_attempts: Mapped[int] = mapped_column(default=5)
    run_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    locked_by: Mapped[str | None] = mapped_column(String(64))
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    progress: Mapped[int] = mapped_column(default=0)
    total: Mapped[int | None]
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class Notification(Base):
    """One inbox message (站内信) of one recipient: a firm (entity) or any account. Written once per dedupe key."""

    __tablename__ = "push_notifications"
    __table_args__ = (
        Index("ix_push_notifications_recipient", "recipient", "read_at"),
        Index("ix_push_notifications_benefit", "benefit_id", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(32))  # "e:<entity pk>" or "a:<account pk>"
    entity_pk: Mapped[int | None] = mapped_column(ForeignKey("entities.id"))
    account_pk: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    kind: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(String(300))
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    token: Mapped[str] = mapped_column(String(32), unique=True)  # in the message's link: the funnel's attribution
    legal: Mapped[bool] = mapped_column(default=False)
    department: Mapped[str | None] = mapped_column(String(100))
    benefit_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    read_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)  # opened in the inbox or by its link
    clicked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)  # its link followed to the benefit


class Delivery(Base):
    """A notification sent through one channel, as an outbox: ``pending`` (or ``digest``) → ``sending`` → ``sent``
    only when the SMTP server or SMS gateway accepted it, or ``failed``. The Message-ID is recorded before the
    first try and reused by every later one (see ``push.notify``, "Outbox")."""

    __tablename__ = "push_deliveries"
    __table_args__ = (UniqueConstraint("notification_id", "channel"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    notification_id: Mapped[int] = mapped_column(ForeignKey("push_notifications.id"), index=True)
    channel: Mapped[str] = mapped_column(String(8))  # email | sms
    address: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(12), index=True)  # pending | digest | sending | sent | failed
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # migration p003: the e-mail's Message-ID, and the SMS gateway's idempotency key (one per digest, shared by its
    # deliveries); a ``sending`` delivery whose lease ran out was left by a worker that died mid-send
    message_id: Mapped[str | None] = mapped_column(String(200))
    sending_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class Preference(Base):
    """A recipient's choices: channels, addresses, daily digest, quiet hours, departments unsubscribed."""

    __tablename__ = "push_preferences"

    recipient: Mapped[str] = mapped_column(String(32), primary_key=True)
    inbox: Mapped[bool] = mapped_column(default=True)
    email: Mapped[bool] = mapped_column(default=True)
    sms: Mapped[bool] = mapped_column(default=False)
    email_address: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(32))
    digest: Mapped[bool] = mapped_column(default=False)
    quiet_hours: Mapped[str | None] = mapped_column(String(16))  # "22:00-07:00" local time; "" for none
    unsubscribed: Mapped[list[str]] = mapped_column(JSON, default=list)  # departments


class BenefitState(Base):
    """The rule version of each benefit last matched for push: a publication, change or withdrawal is a diff."""

    __tablename__ = "push_benefit_state"

    benefit_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[str] = mapped_column(String(64))
    withdrawn: Mapped[bool] = mapped_column(default=False)
    changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    title: Mapped[str | None] = mapped_column(String(200))  # migration p002: named even once withdrawn
    policy_title: Mapped[str | None] = mapped_column(String(300))
    department: Mapped[str | None] = mapped_column(String(100))


class MatchState(Base):
    """Who was eligible or likely for a benefit at the last push run (absent: neither), to tell what is new."""

    __tablename__ = "push_match_state"
    __table_args__ = (UniqueConstraint("benefit_id", "entity_pk"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    benefit_id: Mapped[str] = mapped_column(String(64), index=True)
    entity_pk: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)
    status: Mapped[str] = mapped_column(String(12))
    version: Mapped[str] = mapped_column(String(64))


class Cursor(Base):
    """How far an event scanner has read (e.g. the last ``value_changes`` id seen)."""

    __tablename__ = "push_cursors"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(default=0)
