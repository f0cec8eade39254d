"""Deliveries are an outbox: never lost, an SMS sent exactly once, an e-mail at most twice under one Message-ID.

The worker is a real process killed with SIGKILL at each crash point of a send (before the server is contacted,
after it accepted and before ``sent`` is recorded, after the record), then restarted; what arrived is counted at a
real SMTP server and at the SMS gateway."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from policyreach.push import jobs, notify, preferences, worker
from policyreach.push.clock import SystemClock
from policyreach.push.models import Delivery, Job
from policyreach.store.models import Account
from tests.push.conftest import make_db
from tests.push.servers import SmsGateway, SmtpServer

ROOT = Path(__file__).resolve().parents[2]
POINTS = ("before_send", "after_accept", "after_record")


@pytest.fixture(scope="module")
def smtp() -> Iterator[SmtpServer]:
    with SmtpServer() as server:
        yield server


@pytest.fixture(scope="module")
def sms() -> Iterator[SmsGateway]:
    with SmsGateway() as gateway:
        yield gateway


def _recipients(factory, clock) -> dict[str, tuple[str, str]]:
    """firm1..3, each with e-mail and SMS: (address, phone) by crash point."""
    out = {}
    with factory() as session, session.begin():
        for n, point in enumerate(POINTS, start=1):
            firm = session.scalar(select(Account).where(Account.username == f"firm{n}"))
            email, phone = f"{point}@firm{n}.cn", f"1380000000{n}"
            key = notify.recipient_key(firm)
            preferences.save(
                session,
                key,
                email=True,
                sms=True,
                email_address=email,
                phone=phone,
                digest=False,
                quiet_hours="",
                unsubscribed=[],
            )
            notify.notify(
                session,
                recipient=firm,
                kind="benefit.eligible",
                subject="您可申报：技术合同登记奖励",
                body="预计可获 10 万元",
                link="/me/benefits/tm-contract-seller",
                dedupe_key=f"outbox:{point}",
                clock=clock,
            )
            out[point] = (email, phone)
    return out


def _worker(env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "policyreach.cli", "worker", "--jobs-only"],
        env=env,
        cwd=ROOT,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )


def _states(factory) -> dict[tuple[str, str], str]:
    with factory() as session:
        return {(d.channel, d.address): d.state for d in session.scalars(select(Delivery))}


def test_a_worker_killed_at_each_crash_point_loses_nothing_and_duplicates_at_most_one_email(
    tmp_path, smtp, sms, monkeypatch
) -> None:
    # the worker is started seven times: without the conference plug-in it starts in half the time
    monkeypatch.setenv("POLICYREACH_PLUGINS", "none")
    factory = make_db(tmp_path / "outbox.db")
    who = _recipients(factory, SystemClock())
    plan = ",".join(f"{point}={address}" for point, pair in who.items() for address in pair)
    marks = tmp_path / "marks"
    marks.mkdir()
    env = {
        **os.environ,
        "POLICYREACH_DATABASE_URL": f"sqlite:///{tmp_path / 'outbox.db'}",
        "POLICYREACH_DATA_DIR": str(tmp_path),
        "POLICYREACH_PLUGINS": "none",
        "POLICYREACH_SMTP_URL": smtp.url,
        "POLICYREACH_SMS_URL": sms.url,
        "POLICYREACH_PUBLIC_URL": "http://portal.example",
        "POLICYREACH_WORKER_LEASE": "1",
        "POLICYREACH_WORKER_POLL": "0.1",
        "POLICYREACH_LOG_LEVEL": "WARNING",
        "POLICYREACH_JOB_MODULES": "tests.push.crashpoint",
        "POLICYREACH_TEST_CRASH_PLAN": plan,
        "POLICYREACH_TEST_CRASH_DIR": str(marks),
    }
    killed, deadline = 0, time.monotonic() + 300  # seven worker starts, on a busy machine
    while True:
        process = _worker(env, tmp_path / "worker.log")
        try:
            while process.poll() is None and set(_states(factory).values()) != {"sent"}:
                assert time.monotonic() < deadline, f"stuck: {_states(factory)}"
                time.sleep(0.1)
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=20)
        if process.returncode == -signal.SIGKILL:
            killed += 1
            continue
        break
    assert killed == 6 and len(list(marks.iterdir())) == 6, "the worker died once at every crash point"
    assert set(_states(factory).values()) == {"sent"}

    def mails(point: str) -> list[str]:
        return [m["Message-ID"] for m in smtp.mailbox.to(who[point][0])]

    with factory() as session:
        recorded = {d.address: d.message_id for d in session.scalars(select(Delivery))}
    # killed before the server was asked: sent once after the restart, under the Message-ID recorded before
    assert mails("before_send") == [recorded[who["before_send"][0]]]
    # killed after the server accepted, before the record: the one duplicate, with the same Message-ID
    assert mails("after_accept") == [recorded[who["after_accept"][0]]] * 2
    # killed after the record: nothing sent again
    assert mails("after_record") == [recorded[who["after_record"][0]]]
    # SMS: exactly once at every crash point; the gateway answered the resent one from its idempotency key
    arrived = {point: [m for m in sms.accepted if m["phone"] == who[point][1]] for point in POINTS}
    assert {point: len(got) for point, got in arrived.items()} == dict.fromkeys(POINTS, 1)
    assert all([m["key"] for m in arrived[p]] == [recorded[who[p][1]]] for p in POINTS)
    assert sms.replayed == [recorded[who["after_accept"][1]]]


def test_reconciliation_requeues_a_delivery_whose_job_was_given_up(tmp_path, smtp, sms, monkeypatch) -> None:
    """A worker died on every try of a delivery's job: the queue gives the job up, and the delivery is left
    ``sending``. A starting worker reconciles it: sent, under the Message-ID recorded before the first try."""
    monkeypatch.setenv("POLICYREACH_SMTP_URL", smtp.url)
    monkeypatch.setenv("POLICYREACH_SMS_URL", sms.url)
    worker.load_handlers()
    factory = make_db(tmp_path / "given-up.db")
    clock = SystemClock()
    with factory() as session, session.begin():
        firm = session.scalar(select(Account).where(Account.username == "firm1"))
        preferences.save(
            session,
            notify.recipient_key(firm),
            email=True,
            sms=False,
            email_address="given-up@firm1.cn",
            phone=None,
            digest=False,
            quiet_hours="",
            unsubscribed=[],
        )
        notify.notify(
            session, recipient=firm, kind="k", subject="主题", body="正文", link=None, dedupe_key="gu", clock=clock
        )
        delivery = session.scalars(select(Delivery)).one()
        past = clock.now() - dt.timedelta(minutes=5)
        delivery.state, delivery.message_id, delivery.sending_until = "sending", "<lost.1@policyreach.local>", past
        job = session.scalars(select(Job)).one()
        job.state, job.attempts, job.last_error = "failed", job.max_attempts, "worker lost on every attempt"
    assert jobs.run_pending(factory, clock) == 0  # the queue alone never sends it again
    assert notify.reconcile(factory, clock) == 1
    notify.reconcile(factory, clock)  # a second worker starting as well queues no second job
    with factory() as session:
        assert len(session.scalars(select(Job).where(Job.state == "pending")).all()) == 1
    assert jobs.run_pending(factory, clock) == 1
    assert [m["Message-ID"] for m in smtp.mailbox.to("given-up@firm1.cn")] == ["<lost.1@policyreach.local>"]
    assert set(_states(factory).values()) == {"sent"}


@pytest.fixture(scope="module")
def pg_factory(postgres_url):
    from sqlalchemy import create_engine, text

    from policyreach.store.db import make_engine, migrate, sessions

    admin = create_engine(postgres_url.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS outbox_test"))
        connection.execute(text("CREATE DATABASE outbox_test"))
    admin.dispose()
    engine = make_engine(postgres_url.rsplit("/", 1)[0] + "/outbox_test")
    migrate(engine)
    yield sessions(engine)
    engine.dispose()


def test_on_postgresql_two_workers_never_both_take_a_delivery_and_the_audit_chain_holds(pg_factory) -> None:
    import threading

    from policyreach.redemption import audit
    from policyreach.store.models import Entity

    clock = SystemClock()
    with pg_factory() as session, session.begin():
        entity = Entity(entity_id="PG01", kind="enterprise", name="企业", values={}, provenance={}, district="220102")
        session.add(entity)
        session.flush()
        preferences.save(
            session,
            f"e:{entity.id}",
            email=True,
            sms=False,
            email_address="pg@firm.cn",
            phone=None,
            digest=False,
            quiet_hours="",
            unsubscribed=[],
        )
    taken: list[str | None] = []
    for round_ in range(10):
        with pg_factory() as session, session.begin():
            notify.notify(
                session, recipient=f"e:{entity.id}", kind="k", subject="s", body="b", link=None,
                dedupe_key=f"pg:{round_}", clock=clock,
            )  # fmt: skip
            delivery_id = session.scalars(select(Delivery.id).order_by(Delivery.id.desc())).first()
        barrier = threading.Barrier(2)

        def take(worker_id: str, delivery_id: int = delivery_id, barrier: threading.Barrier = barrier) -> None:
            ctx = jobs.JobContext(0, "push.deliver", {}, 1, pg_factory, clock, worker_id, dt.timedelta(seconds=60))
            barrier.wait()
            try:
                taken.append(notify._take(ctx, [delivery_id], "pending", digest=False))
            except jobs.Retry:  # the other one holds it: this job comes back when that lease ends
                taken.append(None)

        threads = [threading.Thread(target=take, args=(f"w{i}",)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(taken) == 20 and sum(key is not None for key in taken) == 10  # one winner per delivery

    def append(n: int) -> None:
        for i in range(10):
            with pg_factory() as session, session.begin():
                audit.record(session, f"officer{n}", "test", f"thing:{n}:{i}")

    writers = [threading.Thread(target=append, args=(n,)) for n in range(4)]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    with pg_factory() as session:
        assert audit.verify(session) == []


def test_a_delivery_another_worker_is_sending_is_retried_when_its_lease_ends(db, clock, smtp, sms, monkeypatch) -> None:
    """The job queue retakes a dead worker's job a moment before the delivery's own lease ends: the job waits for
    that lease instead of finishing with the message unsent, then sends it under the recorded Message-ID."""
    monkeypatch.setenv("POLICYREACH_SMTP_URL", smtp.url)
    worker.load_handlers()
    with db() as session, session.begin():
        firm = session.scalar(select(Account).where(Account.username == "firm2"))
        preferences.save(
            session,
            notify.recipient_key(firm),
            email=True,
            sms=False,
            email_address="busy@firm2.cn",
            phone=None,
            digest=False,
            quiet_hours="",
            unsubscribed=[],
        )
        notify.notify(
            session, recipient=firm, kind="k", subject="主题", body="正文", link=None, dedupe_key="busy", clock=clock
        )
        delivery = session.scalars(select(Delivery)).one()
        delivery.state, delivery.message_id = "sending", "<busy.1@policyreach.local>"
        delivery.sending_until = clock.now() + dt.timedelta(seconds=30)
    assert jobs.run_pending(db, clock) == 1
    with db() as session:
        job = session.scalars(select(Job)).one()
        assert job.state == "pending" and job.run_at == clock.now() + dt.timedelta(seconds=30)
    assert smtp.mailbox.to("busy@firm2.cn") == []
    clock.advance(dt.timedelta(seconds=31))
    assert jobs.run_pending(db, clock) == 1
    assert [m["Message-ID"] for m in smtp.mailbox.to("busy@firm2.cn")] == ["<busy.1@policyreach.local>"]
    assert set(_states(db).values()) == {"sent"}
