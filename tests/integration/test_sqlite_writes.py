"""The embedded database under concurrent writes: a real SQLite file in WAL mode behind a real server, writers that
wait their turn (busy timeout) instead of answering 500 "database is locked"."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from sqlalchemy import func, select, text

from policyreach.app.accounts import hash_password, open_session
from policyreach.app.funds import fund_of
from policyreach.app.platform import Platform
from policyreach.redemption import funds
from policyreach.store.db import make_engine, transaction
from policyreach.store.models import Account, Application, Entity
from policyreach.web.app import create_app
from policyreach.web.security import SESSION_COOKIE, SESSION_MAX_AGE, Sessions
from tests.conftest import _free_port
from tests.platforms import demo_platform
from tests.web.conftest import csrf_of

AS_OF = dt.date(2026, 6, 1)
SECRET = "sqlite-writes-secret"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Platform, str]]:
    """A small city on an SQLite file (without plug-ins: only the platform's writes matter here), served by uvicorn."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("POLICYREACH_PLUGINS", "none")
        platform = demo_platform(tmp_path_factory.mktemp("sqlite"), None, 200, 53, AS_OF, missing_rate=0.0)
        port = _free_port()
        server = uvicorn.Server(
            uvicorn.Config(create_app(platform, secret=SECRET), host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while not server.started:
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.05)
        try:
            yield platform, f"http://127.0.0.1:{port}"
        finally:
            server.should_exit = True
            thread.join(timeout=10)
            platform.engine.dispose()


def _file(platform: Platform) -> Path:
    database = platform.engine.url.database
    assert database, "these tests need an SQLite file"
    return Path(database)


def test_connections_are_in_wal_mode_with_a_busy_timeout(served: tuple[Platform, str]) -> None:
    platform, _ = served
    engine = make_engine(f"sqlite:///{_file(platform)}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 10_000
    engine.dispose()


def test_a_login_waits_for_a_long_writer_instead_of_failing(served: tuple[Platform, str]) -> None:
    """Another process holds the write lock for six seconds (the worker's re-match chunk, a registry import): the
    login waits and gets in, where SQLite's default five seconds answered 500."""
    platform, base = served
    with httpx.Client(base_url=base, timeout=60) as client:
        token = csrf_of(client.get("/login").text)
        holder = sqlite3.connect(_file(platform), timeout=1, check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("UPDATE platform_state SET value = value")
        release = threading.Timer(6.0, holder.commit)
        release.start()
        try:
            answer = client.post(
                "/login",
                data={"username": "enterprise1", "password": "demo1234", "csrf_token": token},
                follow_redirects=False,
            )
        finally:
            release.join()
            holder.close()
    assert answer.status_code == 303, answer.text[-500:]


def test_ten_concurrent_claims_on_sqlite_answer_without_a_server_error(served: tuple[Platform, str]) -> None:
    platform, base = served
    pairs = [
        (entity.id, m.benefit_id, m.amount)
        for entity in _enterprises(platform)
        for m in platform.matcher.match(platform.record(entity))
        if m.one_click and m.benefit.spec.redemption == "instant" and m.amount and fund_of(m.benefit)
    ]
    assert pairs, "the sample city should have provable one-click benefits"
    entity_pk, benefit_id, amount = pairs[0]
    fund_id = fund_of(platform.compiled.benefit(benefit_id))
    assert fund_id is not None
    sessions, clients = Sessions(SECRET), []
    with transaction(platform.sessions) as session:
        period = funds.budget_period(AS_OF)
        used = funds.figures_for(session, fund_id, period).used
        funds.set_budget(session, fund_id, period, used + amount * 10_000 * 20, "并发测试", "test")
        model = session.get(Entity, entity_pk)
        assert model is not None
        for i in range(10):  # ten firms with the same verified data: each its own entity and account
            twin = Entity(
                entity_id=f"WAL{i:03d}",
                kind=model.kind,
                name=f"{model.name}（{i}）",
                uscc=model.uscc,
                district=model.district,
                industry=model.industry,
                values=dict(model.values),
                provenance=dict(model.provenance),
            )
            session.add(twin)
            session.flush()
            account = Account(username=f"wal{i}", password_hash=PASSWORD_HASH, role="enterprise", entity_pk=twin.id)
            session.add(account)
            session.flush()
            cookie = sessions.issue(account.id, open_session(session, account.id, "web", SESSION_MAX_AGE))
            clients.append((twin.name, cookie))
    barrier, results = threading.Barrier(10), [None] * 10

    def claim(i: int) -> None:
        name, cookie = clients[i]
        csrf = sessions.read(cookie)
        assert csrf is not None
        with httpx.Client(base_url=base, cookies={SESSION_COOKIE: cookie}, timeout=120) as client:
            barrier.wait()
            results[i] = client.post(  # type: ignore[call-overload]
                f"/me/benefits/{benefit_id}/claim",
                data={
                    "csrf_token": csrf["c"],
                    "idempotency_key": f"wal-{i}",
                    "account_name": name,
                    "account_number": "6222020200112233",
                },
                follow_redirects=False,
            )

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = [r.status_code if isinstance(r, httpx.Response) else r for r in results]
    assert statuses == [303] * 10, [r.text[-300:] for r in results if isinstance(r, httpx.Response)]
    with platform.sessions() as session:
        made = session.scalar(
            select(func.count())
            .select_from(Application)
            .join(Entity, Entity.id == Application.entity_pk)
            .where(Entity.entity_id.like("WAL%"))
        )
    assert made == 10


PASSWORD_HASH = hash_password("not-used-by-these-tests")


def _enterprises(platform: Platform) -> list[Entity]:
    with platform.sessions() as session:
        return list(session.scalars(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id)))
