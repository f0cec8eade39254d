"""The API with tokens, the public calculator, and every route with an entity id tried as another firm."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import select

from policyreach.store.models import Account
from tests.web.conftest import login

TENANT_PARAMS = ("entity_id", "application_id", "document_id")


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


def test_officers_read_any_entity(app, platform) -> None:
    with TestClient(app) as client:
        other = _entity(platform, "enterprise2")
        response = client.get(f"/api/entities/{other.entity_id}", headers=_token(client, "officer"))
        assert response.status_code == 200 and response.json()["name"] == other.name


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


def _all_routes(routes, prefix: str = "") -> list[tuple[str, set[str]]]:
    """(path, methods) of every route, descending into included routers (app.routes holds them lazily)."""
    out = []
    for route in routes:
        if hasattr(route, "original_router"):
            out += _all_routes(route.original_router.routes, prefix + route.include_context.prefix)
        elif getattr(route, "methods", None):
            out.append((prefix + route.path, set(route.methods)))
    return out


def _tenant_routes(app) -> list[tuple[str, set[str]]]:
    return [
        (path, methods)
        for path, methods in _all_routes(app.routes)
        if any("{" + p + "}" in path for p in TENANT_PARAMS)
    ]


def test_route_listing_sees_every_router(app) -> None:
    paths = {path for path, _ in _all_routes(app.routes)}
    assert {"/me/policies", "/console/entities/{entity_id}", "/api/entities/{entity_id}/matches"} <= paths


def test_every_route_with_an_entity_id_refuses_another_firm(app, platform) -> None:
    victim = _entity(platform, "enterprise2")
    routes = _tenant_routes(app)
    assert routes, "expected routes that carry an entity id"
    tried = set()
    with TestClient(app) as client:
        login(client, "enterprise1")
        headers = _token(client, "enterprise1")
        for template, methods in routes:
            path = re.sub(r"\{(entity_id|application_id|document_id)\}", victim.entity_id, template)
            path = path.replace("{benefit_id}", platform.compiled.benefits[0].id)
            for method in methods - {"HEAD"}:
                response = client.request(method, path, headers=headers)
                assert response.status_code in (400, 401, 403, 404, 405, 422), (method, template, response.status_code)
                assert victim.name not in response.text, (method, template)
                tried.add((method, template))
    assert tried == {(m, path) for path, methods in routes for m in methods - {"HEAD"}}
