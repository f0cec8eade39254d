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


def test_token_from_the_oauth2_password_form_and_from_json(app, platform) -> None:
    """OAuth2 clients (and Swagger UI's Authorize) post a form and read access_token; JSON clients read token."""
    own = _entity(platform, "enterprise1")
    with TestClient(app) as client:
        form = client.post(
            "/api/token", data={"grant_type": "password", "username": "enterprise1", "password": "demo1234"}
        )
        assert form.status_code == 200, form.text
        body = form.json()
        assert body["token_type"] == "bearer" and body["access_token"] == body["token"]
        headers = {"Authorization": f"Bearer {body['access_token']}"}
        assert client.get(f"/api/entities/{own.entity_id}", headers=headers).json()["name"] == own.name
        as_json = client.post("/api/token", json={"username": "enterprise1", "password": "demo1234"})
        assert as_json.status_code == 200 and as_json.json()["access_token"] == as_json.json()["token"]
        # the form is checked like the JSON: a wrong password is refused, and so is every malformed body, with 400
        assert client.post("/api/token", data={"username": "enterprise1", "password": "x"}).status_code == 401
        refused = {
            "no password": client.post("/api/token", data={"username": "enterprise1"}),
            "other grant": client.post(
                "/api/token", data={"grant_type": "client_credentials", "username": "enterprise1", "password": "x"}
            ),
            "not json": client.post("/api/token", content=b"{", headers={"Content-Type": "application/json"}),
            "a list": client.post("/api/token", json=["enterprise1", "demo1234"]),
            "a number": client.post("/api/token", json={"username": 1, "password": "demo1234"}),
        }
        assert {k: r.status_code for k, r in refused.items()} == dict.fromkeys(refused, 400)
        assert "password" in refused["no password"].json()["detail"]
        assert "grant_type" in refused["other grant"].json()["detail"]
        documented = client.get("/api/openapi.json").json()["paths"]["/api/token"]["post"]["requestBody"]["content"]
        assert {"application/json", "application/x-www-form-urlencoded"} <= set(documented)


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
        assert client.post("/api/calculator", json={"revenue": "很多"}).status_code == 400
