"""The abuse suite: what an attacker with an account (or without one) sends to every form of the app.

Every POST route in ``app.routes`` is enumerated (a new route without an entry here fails the test) and sent, with
a valid CSRF token and real ids, an SQL injection string, a template injection string, 10,000 characters, a malformed
date and a malformed id in every field at once; uploads get oversize files, zip bombs, GBK and broken CSV. Each
answers a clear error (a 4xx with Chinese text) or does its work: never a 5xx, nothing written half-way (the row
count of every table is unchanged after a refusal) and the server keeps serving.

The requests run against the shared seeded platform; its SQLite database is copied before and put back after, so
that what an accepted abusive request wrote never reaches another test.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect, select, text

from tests.web.conftest import csrf_of, login

SQL = "x'); DROP TABLE applications; -- \" OR 1=1 --"
TEMPLATE = "{{ 7*7 }}{% for x in range(3) %}${7*7}{% endfor %}<script>alert(1)</script>"
LONG = "长" * 10_000
PAYLOADS = {"sql": SQL, "template": TEMPLATE, "long": LONG, "date": "2026-02-30", "id": "9" * 30}
CHINESE = re.compile(r"[\u4e00-\u9fff]")

# forms whose handler reads ``request.form()`` itself: the fields its page sends (the others are declared)
READ_BY_HAND = {
    "/me/values": ["loan_interest_paid_2025", "new_loans_2025", "revenue_2025", "established", "listed"],
    "/me/benefits/{benefit_id}/apply": ["idempotency_key", "account_name", "account_number", "dispute", "materials"],
    "/me/applications/{application_id}/resubmit": ["materials"],
    "/me/preferences": ["email", "sms", "email_address", "phone", "digest", "quiet_hours", "unsubscribed"],
    "/conference/assessment/reform": ["year", "proposal_weight"],
}
NO_FIELDS = {  # nothing typed: only the token (and the id in the address)
    "/logout",
    "/me/inbox/read",
    "/console/disbursements",
    "/console/funnel/{benefit_id}/announce",
    "/conference/reports/from-proposal/{proposal_id}",
    "/conference/proposals/{proposal_id}/submit",
}
UPLOADS = {"policy", "reform", "plan_file", "document", "bank_file", "file", "materials"}
# who sends each form (the first matching prefix): the role that passes the route's own permission check
SENDER = [
    ("/me/", "enterprise1"),
    ("/console/funds", "finance"),
    ("/console/accounts", "admin"),
    ("/console/", "officer"),
    ("/conference/assignments", "unit1"),
    ("/conference/proposals/{proposal_id}/review", "committee1"),
    ("/conference/proposals/{proposal_id}/assign", "committee1"),
    ("/conference/legislation/comments", "committee1"),
    ("/conference/duty/{entry_id}", "committee1"),
    ("/conference/", "member1"),
    ("/api/", None),
    ("/notice/", None),
    ("/login", None),
    ("/logout", "enterprise1"),
]
# a real row for each id in an address, so that the form itself is reached, not a 404
ID_TABLES = {
    "application_id": "applications",
    "proposal_id": "proposals",
    "assignment_id": "proposal_assignments",
    "report_id": "opinion_reports",
    "activity_id": "conference_activities",
    "draft_id": "legislative_drafts",
    "comment_id": "legislative_comments",
    "item_id": "supervision_items",
    "target_id": "liaison_targets",
    "entry_id": "duty_entries",
}


def _routes(routes, prefix: str = "") -> Iterator[tuple[str, object]]:
    for route in routes:
        if hasattr(route, "original_router"):  # included routers are held lazily
            yield from _routes(route.original_router.routes, prefix + route.include_context.prefix)
        elif "POST" in (getattr(route, "methods", None) or ()):
            yield prefix + route.path, route


def _fields(path: str, route) -> list[str]:
    declared = [p.name for p in route.dependant.body_params if p.name != "csrf_token"]
    return declared + READ_BY_HAND.get(path, [])


RECORDS_REFUSALS = {"login_failures"}  # a refused login is counted on purpose: that is the limiter


def _counts(platform) -> dict[str, int]:
    with platform.engine.connect() as connection:
        return {
            table: connection.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()
            for table in inspect(connection).get_table_names()
            if table not in RECORDS_REFUSALS
        }


@pytest.fixture
def restored(platform) -> Iterator[None]:
    """The shared database copied (SQLite's online backup) and put back afterwards, caches dropped."""
    database = platform.engine.url.database
    keep = sqlite3.connect(":memory:")
    with sqlite3.connect(database) as live:
        live.backup(keep)
    library = {p.name: p.read_bytes() for p in platform.library_dir.glob("*.yaml")}
    try:
        yield
    finally:
        platform.engine.dispose()
        with sqlite3.connect(database) as live:
            keep.backup(live)
        keep.close()
        for extra in set(p.name for p in platform.library_dir.glob("*.yaml")) - set(library):
            (platform.library_dir / extra).unlink()
        platform._simulation = None


def _ids(platform) -> dict[str, str]:
    ids = {"benefit_id": "", "fund_id": "", "entity_id": "E0000001"}
    with platform.engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        for name, table in ID_TABLES.items():
            found = connection.execute(text(f'SELECT min(id) FROM "{table}"')).scalar() if table in tables else None
            ids[name] = str(found or 1)
        ids["fund_id"] = connection.execute(text("SELECT min(id) FROM funds")).scalar() or "none"
    with platform.sessions() as session:
        from policyreach.store.models import Account

        department = session.scalar(select(Account.department).where(Account.username == "officer"))
    ids["benefit_id"] = next(
        b.id for b in platform.compiled.benefits if b.spec.department == department and "enterprise" in b.kinds
    )
    return ids


def _sender(path: str) -> str | None:
    return next(who for prefix, who in SENDER if path.startswith(prefix))


def test_every_form_refuses_abuse_clearly_and_writes_nothing_half_way(app, platform, restored) -> None:
    routes = sorted(_routes(app.routes), key=lambda item: item[0])
    unknown = [p for p, r in routes if not _fields(p, r) and p not in NO_FIELDS]
    assert not unknown, f"POST routes without a field list in the abuse suite: {unknown}"
    ids = _ids(platform)
    clients: dict[str | None, TestClient] = {}
    tokens: dict[str | None, str] = {}
    tried, accepted = 0, 0
    try:
        for path, route in routes:
            who = _sender(path)
            if who not in clients:
                clients[who] = TestClient(app) if who is None else login(TestClient(app), who)
                tokens[who] = csrf_of(clients[who].get("/").text) if who else ""  # one per session
            client = clients[who]
            url = re.sub(r"\{(\w+)\}", lambda m: ids.get(m.group(1), "1"), path)
            for kind, payload in PAYLOADS.items():
                data: dict[str, str] = {"csrf_token": tokens[who]}
                files = {}
                for field in _fields(path, route):
                    if field in UPLOADS:
                        files[field] = (f"{kind}.xlsx", payload.encode("utf-8"), "application/octet-stream")
                    elif field != "values":
                        data[field] = payload
                before = _counts(platform)
                if path.startswith("/api/calculator"):
                    response = client.post(url, json={"revenue": {"2025": payload}, "name": payload})
                else:
                    response = client.post(url, data=data, files=files or None, follow_redirects=False)
                tried += 1
                assert response.status_code < 500, (path, kind, response.status_code, response.text[:300])
                if response.status_code >= 400:
                    assert CHINESE.search(response.text), (path, kind, response.status_code, response.text[:300])
                    assert _counts(platform) == before, (path, kind, "wrote half-way")
                else:
                    accepted += 1
                if "html" in response.headers.get("content-type", ""):  # JSON carries text, a page must escape it
                    assert "<script>alert(1)</script>" not in response.text, (path, kind)
                    assert "49$" not in response.text, (path, kind)  # the template string was not evaluated
            if path == "/logout":  # the client's session is gone: the next form it sends logs in again
                clients.pop(who).close()
        assert client.get("/healthz").status_code == 200  # the server keeps serving
    finally:
        for c in clients.values():
            c.close()
    assert tried == len(routes) * len(PAYLOADS)
