"""The same platform on a real PostgreSQL server: seed, log in, match, edit, report, console."""

from __future__ import annotations

import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from policyreach.store.models import Account
from policyreach.web.app import create_app
from tests.platforms import demo_platform
from tests.web.conftest import AS_OF, csrf_of, login


@pytest.fixture(scope="module")
def pg_app(postgres_url, tmp_path_factory):
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS policyreach_web")
        connection.execute("CREATE DATABASE policyreach_web")
    platform = demo_platform(
        tmp_path_factory.mktemp("pgweb"), postgres_url.rsplit("/", 1)[0] + "/policyreach_web", 600, 23, AS_OF
    )
    yield create_app(platform, secret="pg-secret"), platform
    platform.engine.dispose()


def test_portal_and_api_on_postgresql(pg_app) -> None:
    app, platform = pg_app
    assert platform.engine.dialect.name == "postgresql"
    with TestClient(app) as client:
        login(client, "enterprise1")
        assert "我的政策" in client.get("/me/policies").text
        page = client.get("/me").text
        response = client.post(
            "/me/values", data={"csrf_token": csrf_of(page), "loan_interest_paid_2025": "12.34"}, follow_redirects=False
        )
        assert response.status_code == 303
        with platform.sessions() as session:
            user = session.scalar(select(Account).where(Account.username == "enterprise1"))
            assert user.entity.values["loan_interest_paid_2025"] == "12.34"
        report = client.get("/me/report.json").json()
        assert report["entity"]["name"] == user.entity.name and report["benefits"]
        token = client.post("/api/token", json={"username": "enterprise1", "password": "demo1234"}).json()["token"]
        matches = client.get(
            f"/api/entities/{user.entity.entity_id}/matches", headers={"Authorization": f"Bearer {token}"}
        )
        assert matches.status_code == 200 and matches.json()
    with TestClient(app) as officer:
        login(officer, "admin")
        assert "政策库" in officer.get("/console").text


def test_an_agent_is_revoked_once_and_signed_out_on_postgresql(pg_app) -> None:
    """Two revocations racing on PostgreSQL: the conditional update lets one through (the other waits for its row
    lock and then finds nothing active), and the agent's sessions end with the first."""
    import datetime as dt
    import threading

    from policyreach import clock
    from policyreach.app import agents
    from policyreach.store.models import AuthSession, FirmAgent
    from tests.web.test_agents import first_sign_in

    app, platform = pg_app
    with platform.sessions() as session:
        representative = session.scalar(select(Account).where(Account.username == "enterprise1"))
        expires = (clock.today() + dt.timedelta(days=30)).isoformat()
        granted = agents.grant(
            session, representative, name="钱并发", phone="13600000000", scopes=["view"], expires_on=expires
        )
        session.commit()
        agent_id, username, password = granted.agent.id, granted.username, granted.password
    with TestClient(app) as agent:
        first_sign_in(agent, username, password)  # sets its own password first, as every agent must
        assert agent.get("/me/policies").status_code == 200
        outcomes: list[str] = []
        with platform.sessions() as first:
            representative = first.scalar(select(Account).where(Account.username == "enterprise1"))
            agents.revoke(first, representative, agent_id)  # holds the row until it commits

            def second() -> None:
                with platform.sessions() as other:
                    them = other.scalar(select(Account).where(Account.username == "enterprise1"))
                    try:
                        agents.revoke(other, them, agent_id)
                        other.commit()
                        outcomes.append("revoked")
                    except agents.AgentError:
                        outcomes.append("refused")

            racer = threading.Thread(target=second)
            racer.start()
            racer.join(0.5)
            assert racer.is_alive()  # waiting on the first revocation's row lock
            first.commit()
            racer.join(10)
        assert outcomes == ["refused"]
        with platform.sessions() as session:
            found = session.get(FirmAgent, agent_id)
            assert found.state == "revoked"
            assert not session.scalar(select(AuthSession.id).where(AuthSession.account_id == found.account_id))
        after = agent.get("/me/policies", follow_redirects=False)
        assert after.status_code == 303 and after.headers["location"].startswith("/login")


def _deadlock_victim(platform) -> Exception:
    """A real deadlock on PostgreSQL: two transactions lock two rows in opposite orders, released together by a
    barrier; the one PostgreSQL aborts raises what a route would see."""
    import threading

    from sqlalchemy import text

    with platform.engine.begin() as connection:
        connection.execute(text("CREATE TABLE IF NOT EXISTS deadlock_probe (id int PRIMARY KEY)"))
        connection.execute(text("INSERT INTO deadlock_probe VALUES (1), (2) ON CONFLICT DO NOTHING"))
    barrier, raised = threading.Barrier(2), []

    def lock(first: int, second: int) -> None:
        try:
            with platform.engine.begin() as connection:
                connection.execute(text("SELECT 1 FROM deadlock_probe WHERE id = :i FOR UPDATE"), {"i": first})
                barrier.wait()
                connection.execute(text("SELECT 1 FROM deadlock_probe WHERE id = :i FOR UPDATE"), {"i": second})
        except Exception as exc:  # the victim's error, as the driver gives it
            raised.append(exc)

    threads = [threading.Thread(target=lock, args=pair) for pair in ((1, 2), (2, 1))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(raised) == 1
    return raised[0]


def test_a_deadlock_victim_is_told_in_chinese_to_send_again(pg_app) -> None:
    """PostgreSQL rolls a deadlock's victim back whole (two registry batches over the same firms as a rebuild commits):
    the sender gets a 503 in Chinese with Retry-After, not a 500, and the server keeps serving."""
    _, platform = pg_app
    victim = _deadlock_victim(platform)
    app = create_app(platform, secret="pg-deadlock")

    def raise_it() -> None:
        raise victim

    app.add_api_route("/api/deadlock-probe", raise_it)
    with TestClient(app, raise_server_exceptions=False) as client:
        answer = client.get("/api/deadlock-probe")
        assert answer.status_code == 503 and answer.headers["retry-after"] == "1"
        assert "没有写入任何内容" in answer.json()["detail"]
        assert client.get("/healthz").status_code == 200
