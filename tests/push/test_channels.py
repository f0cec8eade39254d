"""E-mail through a real SMTP server and SMS through an HTTP gateway: sent only when accepted, retried with
back-off, failed in the end — never silently dropped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from policyreach.push import jobs, preferences, worker
from policyreach.push.models import Delivery, Job
from policyreach.push.notify import notify, recipient_key
from policyreach.store.models import Account
from tests.push.servers import SmsGateway, SmtpServer, free_port


@pytest.fixture(scope="module")
def smtp() -> Iterator[SmtpServer]:
    with SmtpServer() as server:
        yield server


@pytest.fixture(scope="module")
def sms() -> Iterator[SmsGateway]:
    with SmsGateway() as gateway:
        yield gateway


@pytest.fixture
def channels(smtp, sms, monkeypatch) -> None:
    worker.load_handlers()
    monkeypatch.setenv("POLICYREACH_SMTP_URL", smtp.url)
    monkeypatch.setenv("POLICYREACH_SMS_URL", sms.url)
    monkeypatch.setenv("POLICYREACH_PUBLIC_URL", "http://portal.example")
    monkeypatch.setenv("POLICYREACH_JOB_ATTEMPTS", "3")
    monkeypatch.setenv("POLICYREACH_JOB_BACKOFF", "60")
    sms.fail_with = None


def _setup(db, clock, *, email: str, phone: str | None, digest: bool = False, n: int = 1) -> None:
    with db() as session, session.begin():
        firm = session.scalar(select(Account).where(Account.username == f"firm{n}"))
        preferences.save(
            session,
            recipient_key(firm),
            email=True,
            sms=phone is not None,
            email_address=email,
            phone=phone,
            digest=digest,
            quiet_hours="",
            unsubscribed=[],
        )
        for i in range(2 if digest else 1):
            notify(
                session,
                recipient=firm,
                kind="benefit.eligible",
                subject=f"您可申报：技术合同登记奖励{i}",
                body="您的企业符合《长春市促进技术转移和科技成果转化若干措施（示例）》第二条……预计可获 10 万元",
                link="/me/benefits/tm-contract-seller",
                dedupe_key=f"{email}:{i}",
                department="长春市科学技术局",
                clock=clock,
            )


def test_email_and_sms_are_sent_once_accepted(db, clock, channels, smtp, sms) -> None:
    _setup(db, clock, email="boss@firm1.cn", phone="13800000001")
    assert jobs.run_pending(db, clock) == 2
    assert jobs.run_pending(db, clock) == 0  # nothing left, nothing sent twice
    [mail] = smtp.mailbox.to("boss@firm1.cn")
    assert mail["Subject"] == "您可申报：技术合同登记奖励0"
    text = mail.get_content()
    assert "预计可获 10 万元" in text and "http://portal.example/n/" in text and "/me/preferences" in text
    [message] = [m for m in sms.accepted if m["phone"] == "13800000001"]
    assert message["text"].startswith("【政策通】您可申报") and "http://portal.example/n/" in message["text"]
    with db() as session:
        states = {d.channel: (d.state, d.attempts, d.sent_at) for d in session.scalars(select(Delivery))}
    assert states == {"email": ("sent", 1, clock.now()), "sms": ("sent", 1, clock.now())}


def test_a_refusing_gateway_is_retried_with_back_off_then_failed(db, clock, channels, sms) -> None:
    sms.fail_with = 503
    _setup(db, clock, email="x@firm2.cn", phone="13800000002", n=2)
    for attempt in range(1, 4):
        jobs.run_pending(db, clock)
        with db() as session:
            delivery = session.scalar(select(Delivery).where(Delivery.channel == "sms"))
            job = session.scalar(select(Job).where(Job.payload["delivery_id"].as_integer() == delivery.id))
        assert delivery.attempts == attempt and "503" in delivery.last_error
        if attempt < 3:
            assert delivery.state == "pending" and job.state == "pending"
            assert job.run_at - clock.now() == dt.timedelta(seconds=60 * 2 ** (attempt - 1))
            clock.advance(job.run_at - clock.now())
    assert delivery.state == "failed" and job.state == "failed"
    assert not [m for m in sms.accepted if m["phone"] == "13800000002"]  # never claimed as sent
    with db() as session:
        assert session.scalar(select(Delivery.state).where(Delivery.channel == "email")) == "sent"


def test_an_unreachable_smtp_server_fails_the_delivery(db, clock, channels, monkeypatch) -> None:
    monkeypatch.setenv("POLICYREACH_SMTP_URL", f"smtp://127.0.0.1:{free_port()}")  # nobody listens there
    _setup(db, clock, email="y@firm3.cn", phone=None, n=3)
    for _ in range(3):
        jobs.run_pending(db, clock)
        clock.advance(dt.timedelta(hours=1))
    with db() as session:
        delivery = session.scalars(select(Delivery)).one()
    assert delivery.state == "failed" and delivery.attempts == 3 and delivery.sent_at is None


def test_daily_digest_sends_one_message_with_everything_held(db, clock, channels, smtp) -> None:
    _setup(db, clock, email="digest@firm1.cn", phone=None, digest=True)
    assert jobs.run_pending(db, clock) == 0  # held for the digest
    assert smtp.mailbox.to("digest@firm1.cn") == []
    with db() as session, session.begin():
        jobs.enqueue(session, "push.digest", {"date": "2026-06-01"}, key="digest:2026-06-01", clock=clock)
    jobs.run_pending(db, clock)
    [mail] = smtp.mailbox.to("digest@firm1.cn")
    assert mail["Subject"] == "政策通每日消息汇总（2 条）"
    assert "技术合同登记奖励0" in mail.get_content() and "技术合同登记奖励1" in mail.get_content()
    with db() as session:
        assert set(session.scalars(select(Delivery.state))) == {"sent"}
