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
