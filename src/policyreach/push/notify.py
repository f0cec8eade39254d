"""The notifier: one inbox message per dedupe key, and channel deliveries as the recipient's preferences say.

Exactly once rests on the database: ``push_notifications.dedupe_key`` is unique and every write is an
INSERT … ON CONFLICT DO NOTHING, so a retried job, a second run or a concurrent worker writes nothing new.
A delivery is its own queued job (``push.deliver``), retried with back-off, ``sent`` only when the SMTP
server or the SMS gateway accepted it, ``failed`` (visible in the console) when every try failed. Deliveries are
an outbox with a ``sending`` state, reconciled after a crash (see "the outbox" below): never lost, an SMS sent
exactly once, an e-mail at most twice under one Message-ID.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, func, insert, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from policyreach.push import jobs
from policyreach.push.clock import Clock, current_clock
from policyreach.push.models import Delivery, Notification
from policyreach.push.preferences import Prefs, preferences_of, quiet_until
from policyreach.store.models import Account, Entity

log = logging.getLogger("policyreach.push.notify")
ENTITY_ROLES = ("enterprise", "institute", "talent")
LEGAL_MARK = "【依法告知】"

Recipient = Account | Entity | int | str


def recipient_key(recipient: Recipient) -> str:
    """``e:<entity pk>`` for a firm (whichever of its accounts logs in sees it), ``a:<account pk>`` otherwise.

    Accepts an Account (a firm's account resolves to its entity), an Entity, an account pk, or a key.
    """
    if isinstance(recipient, Entity):
        return f"e:{recipient.id}"
    if isinstance(recipient, Account):
        if recipient.role in ENTITY_ROLES and recipient.entity_pk is not None:
            return f"e:{recipient.entity_pk}"
        return f"a:{recipient.id}"
    if isinstance(recipient, int):
        return f"a:{recipient}"
    if recipient[:2] in ("e:", "a:") and recipient[2:].isdigit():
        return recipient
    raise ValueError(f"not a recipient: {recipient!r}")


def inbox_keys(account: Account) -> list[str]:
    """Every recipient key whose messages this account reads: its own, and its firm's (an agent's: with 接收消息)."""
    keys = [f"a:{account.id}"]
    # a firm's agent reads the firm's messages only when authorised to receive them (接收消息)
    scopes = account.agent_scopes
    if account.entity_pk is not None and account.role in ENTITY_ROLES and (scopes is None or "messages" in scopes):
        keys.append(f"e:{account.entity_pk}")
    return keys


@dataclass(frozen=True)
class Message:
    """One message to write: the bulk form of :func:`notify`'s arguments."""

    recipient: str
    kind: str
    subject: str
    body: str
    link: str | None
    dedupe_key: str
    legal: bool = False
    department: str | None = None
    benefit_id: str | None = None


def notify(
    session: Session,
    *,
    recipient: Recipient,
    kind: str,
    subject: str,
    body: str,
    link: str | None,
    dedupe_key: str,
    legal: bool = False,
    department: str | None = None,
    benefit_id: str | None = None,
    clock: Clock | None = None,
) -> Notification | None:
    """Write the inbox message once per ``dedupe_key`` and queue its deliveries; None when it was already
    written, or when the recipient unsubscribed from ``department`` (a ``legal`` notice is sent regardless)."""
    message = Message(recipient_key(recipient), kind, subject, body, link, dedupe_key, legal, department, benefit_id)
    written = notify_many(session, [message], clock=clock)
    return session.get(Notification, written[0]) if written else None


def _insert(session: Session) -> postgresql.Insert | sqlite.Insert:
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(Notification)


def notify_many(
    session: Session, messages: Sequence[Message], *, clock: Clock | None = None, chunk: int = 5000
) -> list[int]:
    """Batched :func:`notify`: one INSERT … ON CONFLICT DO NOTHING … RETURNING per chunk; the ids written."""
    clock = clock or current_clock()
    now = clock.now()
    prefs = preferences_of(session, sorted({m.recipient for m in messages}))
    written: list[int] = []
    for start in range(0, len(messages), chunk):
        rows, by_key = [], {}
        for m in messages[start : start + chunk]:
            pref = prefs[m.recipient]
            if m.department and m.department in pref.unsubscribed and not m.legal:
                continue  # the firm said no to this department's pushes; an officer cannot override that
            kind, key = m.recipient[0], int(m.recipient[2:])
            rows.append(
                {
                    "recipient": m.recipient,
                    "entity_pk": key if kind == "e" else None,
                    "account_pk": key if kind == "a" else None,
                    "kind": m.kind,
                    "subject": (LEGAL_MARK + m.subject if m.legal else m.subject)[:200],
                    "body": m.body,
                    "link": m.link,
                    "dedupe_key": m.dedupe_key,
                    "token": secrets.token_urlsafe(12),
                    "legal": m.legal,
                    "department": m.department,
                    "benefit_id": m.benefit_id,
                    "created_at": now,
                }
            )
            by_key[m.dedupe_key] = m
        if not rows:
            continue
        statement = (
            _insert(session)
            .on_conflict_do_nothing(index_elements=["dedupe_key"])
            .returning(Notification.id, Notification.dedupe_key)
        )
        new = (
            session.execute(statement, rows).all()
            if len(rows) > 1
            else session.execute(statement.values(**rows[0])).all()
        )
        written += [row[0] for row in new]
        _queue_deliveries(session, [(row[0], by_key[row[1]]) for row in new], prefs, now, clock)
    return written


def _queue_deliveries(
    session: Session, new: Iterable[tuple[int, Message]], prefs: dict[str, Prefs], now: dt.datetime, clock: Clock
) -> None:
    """Deliveries of the new messages, and a ``push.deliver`` job for each one not held for the digest, both
    inserted in bulk (a publication may reach a hundred thousand firms)."""
    rows, later = [], {}
    for notification_id, m in new:
        pref = prefs[m.recipient]
        digest = pref.digest and not m.legal
        for channel, address in pref.channels().items():
            rows.append(
                {
                    "notification_id": notification_id,
                    "channel": channel,
                    "address": address,
                    "state": "digest" if digest else "pending",
                    "attempts": 0,
                }
            )
            # quiet hours delay the sending, never the inbox; a legal notice goes at once
            later[(notification_id, channel)] = None if m.legal else quiet_until(pref.quiet_hours, now)
    if not rows:
        return
    made = session.execute(
        insert(Delivery).returning(Delivery.id, Delivery.notification_id, Delivery.channel, Delivery.state), rows
    ).all()
    jobs.enqueue_many(
        session,
        "push.deliver",
        [
            ({"delivery_id": d_id}, f"deliver:{d_id}", later[(n_id, channel)] or now)
            for d_id, n_id, channel, state in made
            if state == "pending"
        ],
        clock=clock,
    )


def unread_count(session: Session, account: Account) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.recipient.in_(inbox_keys(account)), Notification.read_at.is_(None))
        )
        or 0
    )


def mark_read(session: Session, notification: Notification, clock: Clock | None = None) -> None:
    if notification.read_at is None:
        notification.read_at = (clock or current_clock()).now()


def follow(session: Session, token: str, clock: Clock | None = None) -> Notification | None:
    """The message's link was followed: it counts as opened and as leading to the benefit page."""
    found = session.scalar(select(Notification).where(Notification.token == token))
    if found is None:
        return None
    now = (clock or current_clock()).now()
    found.read_at = found.read_at or now
    found.clicked_at = found.clicked_at or now
    return found


def delivery_summary(session: Session) -> dict[str, Any]:
    """Deliveries by channel and state, for the console."""
    rows = session.execute(
        select(Delivery.channel, Delivery.state, func.count()).group_by(Delivery.channel, Delivery.state)
    )
    out: dict[str, dict[str, int]] = {}
    for channel, state, count in rows:
        out.setdefault(channel, {})[state] = count
    return out


# -- deliveries (job handlers) ------------------------------------------------------------------------------


def _urls(notification: Notification) -> tuple[str | None, str]:
    from policyreach import settings

    base = settings.public_url().rstrip("/")
    link = f"{base}/n/{notification.token}" if notification.link else None
    return link, f"{base}/me/preferences"


def _send(channel: str, address: str, subject: str, notifications: list[Notification], key: str) -> str:
    from policyreach.push.channels import CHANNELS
    from policyreach.push.messages import email_text, sms_text

    if channel == "email":
        parts = []
        for n in notifications:
            link, prefs_url = _urls(n)
            parts.append(
                (f"{n.subject}\n" if len(notifications) > 1 else "") + email_text(n.body, link, prefs_url, n.legal)
            )
        return CHANNELS["email"](address, subject, "\n\n――――――\n\n".join(parts), key=key)
    first = notifications[0]
    text = sms_text(subject if len(notifications) > 1 else first.subject, _urls(first)[0])
    return CHANNELS[channel](address, subject, text, key=key)


# -- the outbox ---------------------------------------------------------------------------------------------
#
# A delivery moves pending (or digest) → sending → sent, or failed. ``sending`` is committed, with the Message-ID
# and a lease, before the server is contacted; ``sent`` after it accepted. A worker killed in between leaves the
# delivery ``sending``: once its lease ran out, the next try (the job queue retaking the job, or the reconciliation
# a starting worker runs) sends it again under the same Message-ID. So nothing is lost; an SMS is sent once, since
# the gateway dedupes on that key; an e-mail at most twice, only when the worker died after the SMTP server accepted
# it and before ``sent`` was recorded, and both copies carry one Message-ID, which mail clients fold.

SENDING = "sending"
DIGEST_MARK = "digest"  # in a digest's Message-ID: reconciliation resends it as a digest

# Hooks called at each crash point of a send with (point, address): "before_send", "after_accept", "after_record".
# Production installs none; the crash tests install one (through POLICYREACH_JOB_MODULES) that kills the worker.
CHECKPOINTS: list[Callable[[str, str], None]] = []


def _checkpoint(point: str, address: str) -> None:
    for hook in CHECKPOINTS:
        hook(point, address)


def _resendable(now: dt.datetime) -> ColumnElement[bool]:
    # a delivery another worker is sending right now is left alone until its lease runs out
    return and_(Delivery.state == SENDING, Delivery.sending_until < now)


def _take(ctx: jobs.JobContext, ids: list[int], ready: str, digest: bool) -> str | None:
    """Compare-and-set the deliveries ``ids`` from ``ready`` (or an abandoned ``sending``) to ``sending``, with the
    Message-ID they already have or a new one, committed before anything is sent; the Message-ID, None when one of
    them was sent meanwhile, :class:`jobs.Retry` while another worker's lease on one of them runs."""
    from policyreach.push.channels import new_message_id

    now = ctx.clock.now()
    with ctx.transaction() as session:
        known = session.scalars(select(Delivery.message_id).where(Delivery.id.in_(ids))).all()
        key = next((k for k in known if k), None)
        if key is None:
            key = new_message_id()
            key = key.replace("@", f".{DIGEST_MARK}@") if digest else key
        taken = session.execute(
            update(Delivery)
            .where(Delivery.id.in_(ids), or_(Delivery.state == ready, _resendable(now)))
            .values(state=SENDING, message_id=key, sending_until=now + ctx.lease, attempts=Delivery.attempts + 1)
        )
        if getattr(taken, "rowcount", 0) != len(ids):
            busy = session.scalar(
                select(func.max(Delivery.sending_until)).where(Delivery.id.in_(ids), Delivery.state == SENDING)
            )
            session.rollback()
            if busy is not None:
                # another worker's lease, or a dead one's that has not quite run out (its job's lease ends a moment
                # earlier): come back when it ends, never finish this job with the message unsent
                raise jobs.Retry("being sent by another worker", max(busy - now, dt.timedelta(seconds=1)))
            return None
    return key


def _sent(ctx: jobs.JobContext, ids: list[int]) -> None:
    with ctx.transaction() as session:
        session.execute(
            update(Delivery)
            .where(Delivery.id.in_(ids))
            .values(state="sent", sent_at=ctx.clock.now(), sending_until=None, last_error=None)
        )


@jobs.handler("push.deliver")
def deliver(ctx: jobs.JobContext) -> dict[str, Any]:
    """Send one delivery; ``sent`` only after the server accepted it, ``failed`` after the last try."""
    delivery_id = ctx.payload["delivery_id"]
    with ctx.transaction() as session:
        delivery = session.get(Delivery, delivery_id)
        if delivery is None or delivery.state not in ("pending", SENDING):
            return {"state": getattr(delivery, "state", "missing")}  # sent by an earlier try
        notification = session.get(Notification, delivery.notification_id)
        assert notification is not None
        channel, address, subject = delivery.channel, delivery.address, notification.subject
    key = _take(ctx, [delivery_id], "pending", digest=False)
    if key is None:
        return {"state": "taken"}
    _checkpoint("before_send", address)
    try:
        receipt = _send(channel, address, subject, [notification], key)
    except Exception as exc:
        _failed_try([delivery_id], ctx, exc, back="pending")
        raise
    _checkpoint("after_accept", address)
    _sent(ctx, [delivery_id])
    _checkpoint("after_record", address)
    return {"state": "sent", "receipt": receipt, "message_id": key}


def _failed_try(ids: list[int], ctx: jobs.JobContext, exc: Exception, *, back: str) -> None:
    """The server refused or did not answer: ready for the next try (same Message-ID), or failed after the last."""
    with ctx.transaction() as session:
        session.execute(
            update(Delivery)
            .where(Delivery.id.in_(ids), Delivery.state == SENDING)
            .values(
                state="failed" if ctx.last_attempt else back,
                sending_until=None,
                last_error=str(exc)[:500],
            )
        )


@jobs.handler("push.digest")
def digest(ctx: jobs.JobContext) -> dict[str, Any]:
    """The daily digest: one message per recipient address and channel with everything held for it."""
    with ctx.transaction() as session:
        groups: dict[tuple[str, str], list[int]] = {}
        for delivery in session.scalars(select(Delivery).where(Delivery.state == "digest").order_by(Delivery.id)):
            groups.setdefault((delivery.channel, delivery.address), []).append(delivery.id)
        for (channel, address), ids in groups.items():
            jobs.enqueue(
                session,
                "push.digest_send",
                {"channel": channel, "address": address, "ids": ids},
                key=f"digest:{ctx.payload.get('date')}:{channel}:{address}",
                clock=ctx.clock,
            )
    return {"groups": len(groups)}


@jobs.handler("push.digest_send")
def digest_send(ctx: jobs.JobContext) -> dict[str, Any]:
    now = ctx.clock.now()
    with ctx.transaction() as session:
        held = list(
            session.scalars(
                select(Delivery).where(
                    Delivery.id.in_(ctx.payload["ids"]), or_(Delivery.state == "digest", _resendable(now))
                )
            )
        )
        notifications = [session.get_one(Notification, d.notification_id) for d in held]
    if not held:
        return {"sent": 0}
    ids = [d.id for d in held]
    key = _take(ctx, ids, "digest", digest=True)
    if key is None:
        return {"sent": 0, "state": "taken"}
    subject = f"政策通每日消息汇总（{len(notifications)} 条）"
    _checkpoint("before_send", ctx.payload["address"])
    try:
        _send(ctx.payload["channel"], ctx.payload["address"], subject, notifications, key)
    except Exception as exc:
        _failed_try(ids, ctx, exc, back="digest")
        raise
    _checkpoint("after_accept", ctx.payload["address"])
    _sent(ctx, ids)
    _checkpoint("after_record", ctx.payload["address"])
    return {"sent": len(held), "message_id": key}


def reconcile(factory: sessionmaker[Session], clock: Clock | None = None) -> int:
    """Deliveries a dead worker left ``sending`` (their lease ran out): queue their sending again, under the
    Message-ID they carry; a starting worker calls this first. The number of messages requeued."""
    now = (clock or current_clock()).now()
    with factory() as session, session.begin():
        left = list(session.scalars(select(Delivery).where(_resendable(now)).order_by(Delivery.id)))
        groups: dict[str, list[Delivery]] = {}
        for delivery in left:
            groups.setdefault(delivery.message_id or f"none:{delivery.id}", []).append(delivery)
        for key, group in groups.items():
            first = group[0]
            # the key names the try that was lost, so a second reconciliation of the same try queues nothing
            again = f"reconcile:{first.id}:{first.attempts}"
            if DIGEST_MARK in key:
                payload = {"channel": first.channel, "address": first.address, "ids": [d.id for d in group]}
                jobs.enqueue(session, "push.digest_send", payload, key=again, clock=clock)
            else:
                for delivery in group:
                    again = f"reconcile:{delivery.id}:{delivery.attempts}"
                    jobs.enqueue(session, "push.deliver", {"delivery_id": delivery.id}, key=again, clock=clock)
        if groups:
            log.warning("reconciled %d message(s) left being sent by a worker that stopped", len(groups))
    return len(groups)
