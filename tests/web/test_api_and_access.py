"""The API with tokens and the public calculator (who may read what: the matrix in test_authorization.py)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from policyreach.store.models import Account


def _token(client: TestClient, username: str) -> dict[str, str]:
    response = client.post("/api/token", json={"username": username, "password": "demo1234"})
    assert response.status_code == 200
    return {"Authorization": f"Bearer {response.json()['token']}"}


def _entity(platform, username: str):
    with platform.sessions() as session:
        return session.scalar(select(Account).where(Account.username == username)).entity


def test_api_token_and_own_data(app, platform) -> None:
    with TestClient(app) as client:
        headers = _token(client, "enterprise1")
        own = _entity(platform, "enterprise1")
        data = client.get(f"/api/entities/{own.entity_id}", headers=headers).json()
        assert data["name"] == own.name and data["provenance"]
        matches = client.get(f"/api/entities/{own.entity_id}/matches", headers=headers).json()
        assert matches and all(m["conditions"] for m in matches)
        assert client.get(f"/api/entities/{own.entity_id}").status_code == 401
        assert (
            client.get(f"/api/entities/{own.entity_id}", headers={"Authorization": "Bearer forged"}).status_code == 401
        )
        assert client.post("/api/token", json={"username": "enterprise1", "password": "x"}).status_code == 401
        assert "/api/entities/{entity_id}/matches" in client.get("/api/openapi.json").json()["paths"]


def test_calculator_needs_no_login(app, platform) -> None:
    with TestClient(app) as client:
        html = client.get(
            "/calculator",
            params={
                "go": "1",
                "kind": "enterprise",
                "district": "220102",
                "revenue": "5000",
                "employees": "80",
                "industry": "C36",
            },
        ).text
        assert "可能享受的政策" in html and "待补充" in html
        found = client.post(
            "/api/calculator",
            json={"kind": "talent", "degree": "doctor", "birth_date": "1992-01-01", "arrival_date": "2025-03-01"},
        ).json()
        assert any(m["title"] for m in found)
        assert client.post("/api/calculator", json={"revenue": "很多"}).status_code == 422
