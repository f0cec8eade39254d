"""The notifier's contract: once per dedupe key, recipients of every kind, preferences, legal notices."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from policyreach.push import preferences
from policyreach.push.models import Delivery, Job, Notification
from policyreach.push.notify import Message, notify, notify_many, recipient_key, unread_count
from policyreach.store.models import Account, Entity


def _firm(session, n: int = 1) -> Account:
    return session.scalar(select(Account).where(Account.username == f"firm{n}"))


def test_once_per_dedupe_key_and_unread_count(db, clock) -> None:
    with db() as session, session.begin():
        firm = _firm(session)
        first = notify(
            session,
            recipient=firm,
            kind="benefit.new",
            subject="新政策",
            body="您的企业符合……",
            link="/me/benefits/x",
            dedupe_key="k1",
            department="科技局",
            benefit_id="x",
            clock=clock,
        )
        again = notify(
            session,
            recipient=firm.entity,
            kind="benefit.new",
            subject="新政策",
            body="……",
            link="/me/benefits/x",
            dedupe_key="k1",
            clock=clock,
        )
        assert first is not None and again is None
        assert first.recipient == f"e:{firm.entity_pk}" and first.created_at == clock.now()
        assert len(first.token) >= 16
        member = session.scalar(select(Account).where(Account.username == "member1"))
        assert (
            notify(
                session,
                recipient=member,
                kind="proposal.remind",
                subject="催办",
                body="请于……答复",
                link=None,
                dedupe_key="k2",
                clock=clock,
            ).recipient
            == f"a:{member.id}"
        )
    with db() as session:
        assert unread_count(session, _firm(session)) == 1
        assert unread_count(session, _firm(session, 2)) == 0
        assert session.scalar(select(func.count()).select_from(Notification)) == 2


def test_unsubscribed_department_is_respected_except_legal_notices(db, clock) -> None:
    with db() as session, session.begin():
        firm = _firm(session)
        key = recipient_key(firm)
        preferences.save(
            session,
            key,
            email=True,
            sms=False,
            email_address="a@example.cn",
            phone=None,
            digest=False,
            quiet_hours="",
            unsubscribed=["科技局"],
        )
        assert (
            notify(
                session,
                recipient=firm,
                kind="benefit.new",
                subject="s",
                body="b",
                link=None,
                dedupe_key="u1",
                department="科技局",
                clock=clock,
            )
            is None
        )
        legal = notify(
            session,
            recipient=firm,
            kind="notice.legal",
            subject="依法告知",
            body="b",
            link=None,
            dedupe_key="u2",
            department="科技局",
            legal=True,
            clock=clock,
        )
        assert legal is not None and legal.legal and legal.subject.startswith("【依法告知】")
        delivery = session.scalars(select(Delivery)).one()
        assert delivery.channel == "email" and delivery.address == "a@example.cn" and delivery.state == "pending"
        job = session.scalars(select(Job).where(Job.kind == "push.deliver")).one()
        assert job.payload == {"delivery_id": delivery.id} and job.run_at == clock.now()


def test_quiet_hours_delay_deliveries_and_digest_holds_them(db, clock) -> None:
    night = dt.datetime(2026, 6, 1, 15, 0, tzinfo=dt.UTC)  # 23:00 in 长春
    clock.set(night)
    with db() as session, session.begin():
        one, two = _firm(session, 1), _firm(session, 2)
        preferences.save(
            session,
            recipient_key(one),
            email=True,
            sms=True,
            email_address="a@example.cn",
            phone="13800000000",
            digest=False,
            quiet_hours="22:00-07:00",
            unsubscribed=[],
        )
        preferences.save(
            session,
            recipient_key(two),
            email=True,
            sms=False,
            email_address="b@example.cn",
            phone=None,
            digest=True,
            quiet_hours="",
            unsubscribed=[],
        )
        notify(session, recipient=one, kind="k", subject="s", body="b", link=None, dedupe_key="q1", clock=clock)
        notify(session, recipient=two, kind="k", subject="s", body="b", link=None, dedupe_key="q2", clock=clock)
        runs = sorted(j.run_at for j in session.scalars(select(Job).where(Job.kind == "push.deliver")))
        assert runs == [dt.datetime(2026, 6, 1, 23, 0, tzinfo=dt.UTC)] * 2  # 07:00 next morning, email and SMS
        held = session.scalars(select(Delivery).where(Delivery.address == "b@example.cn")).one()
        assert held.state == "digest"


def test_bulk_writes_each_message_once(db, clock) -> None:
    with db() as session, session.begin():
        keys = [f"e:{pk}" for pk in session.scalars(select(Entity.id))]
        messages = [Message(k, "benefit.new", "s", "b", None, f"bulk:{k}", benefit_id="x") for k in keys]
        assert len(notify_many(session, messages, clock=clock)) == 3
        assert (
            len(notify_many(session, [*messages, Message(keys[0], "k", "s", "b", None, "bulk:new")], clock=clock)) == 1
        )
    with db() as session:
        assert session.scalar(select(func.count()).select_from(Notification)) == 4
