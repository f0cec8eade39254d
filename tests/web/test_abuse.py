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

import datetime as dt
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

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
    "/api/token": ["grant_type", "username", "password", "code"],
    "/console/workbench/{draft_id}": [
        *("title", "issuer", "valid_from", "clauses", "clause.0.text", "benefits", "b.0.title", "b.0.payout"),
        *("b.0.c", "b.0.c.0.attr", "b.0.c.0.value", "b.0.a.kind", "b.0.a.rate", "add"),
    ],
}
NO_FIELDS = {  # nothing typed: only the token (and the id in the address)
    "/logout",
    "/me/inbox/read",
    "/console/disbursements",
    "/console/funnel/{benefit_id}/announce",
    "/conference/reports/from-proposal/{proposal_id}",
    "/conference/proposals/{proposal_id}/submit",
    "/conference/liaison-approvals/{consent_id}",
    "/conference/venue/{code}",  # the code is in the address (it survives the sign-in redirect)
    "/console/drafts/{draft_id}/publish",
    "/console/workbench/{draft_id}/revise",
    "/me/agents/{agent_id}/revoke",
    "/console/accounts/{account_id}/second-factor/reset",
    "/api/ingest/batches",  # the batch is the raw body, its parameters in the query (tests/integration/test_ingest.py)
    "/api/ingest/batches/{source}/{batch_id}/rollback",
    "/console/ingest/{source}/{batch_id}/rollback",
    "/conference/activities/{activity_id}/attachments/{attachment_id}/delete",
}
UPLOADS = {"policy", "reform", "plan_file", "document", "bank_file", "file", "materials", "library"}
# who sends each form (the first matching prefix): the role that passes the route's own permission check
SENDER = [
    ("/me/personal", "talent1"),
    ("/me/", "enterprise1"),
    ("/console/funds", "finance"),
    ("/console/accounts", "admin"),
    ("/console/", "officer"),
    ("/conference/assignments", "unit1"),
    ("/conference/proposals/{proposal_id}/review", "committee1"),
    ("/conference/proposals/{proposal_id}/assign", "committee1"),
    ("/conference/legislation/comments", "committee1"),
    ("/conference/roster", "committee1"),
    ("/conference/legislation/{draft_id}/comment", "member1"),
    ("/conference/legislation", "committee1"),
    ("/conference/plan", "committee1"),
    ("/conference/instructions", "committee1"),
    ("/conference/supervision", "committee1"),
    ("/conference/duty/{entry_id}", "committee1"),
    ("/conference/activity-forms", "committee1"),
    ("/conference/activities/{activity_id}/guests", "committee1"),
    ("/conference/activities/{activity_id}/figures", "committee1"),
    ("/conference/activities/{activity_id}/attachments", "committee1"),
    ("/conference/speeches/{speech_id}/decide", "committee1"),
    ("/conference/", "member1"),
    ("/api/", None),
    ("/notice/", None),
    ("/login", None),
    ("/logout", "enterprise1"),
    ("/account/", "enterprise1"),
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
    "task_id": "instruction_tasks",
    "form_id": "activity_forms",
    "speech_id": "activity_speeches",
    "attachment_id": "activity_attachments",
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
    # an application of the sending firm, of a benefit of the sending officer's department, waiting for material:
    # the firm's and the officer's forms on it reach their fields instead of answering 404
    from policyreach.redemption.states import State
    from policyreach.store.models import Application

    with platform.sessions() as session:
        firm = session.scalar(select(Account).where(Account.username == "enterprise1"))
        application = Application(
            entity_pk=firm.entity_pk,
            benefit_id=ids["benefit_id"],
            period="abuse",
            state=State.MORE_MATERIAL,
            redemption="review",
            snapshot={},
        )
        session.add(application)
        session.commit()
        ids["application_id"] = str(application.id)
        # an agent of the sending firm, so that the revocation form is reached (the fields' abuse is the grant's)
        from policyreach.app import agents

        granted = agents.grant(
            session,
            firm,
            name="滥用测试",
            phone="13700000000",
            scopes=["view"],
            # a month ahead: "today" is Beijing's, which is a day past UTC's for eight hours of the day
            expires_on=(dt.date.today() + dt.timedelta(days=30)).isoformat(),
        )
        session.commit()
        ids["agent_id"] = str(granted.agent.id)
        # an account of its own for the administrator's resets: the senders' sessions must survive them
        target = Account(username="abuse-reset-target", password_hash="x", role="enterprise", display_name="滥用")
        session.add(target)
        session.commit()
        ids["account_id"] = str(target.id)
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


def _bomb_xlsx() -> bytes:
    """A real workbook of a few KB plus one member of 100 MB of zeros: about 100 KB on the wire."""
    from tests.test_workbooks import INFLATED, xlsx_bytes

    return xlsx_bytes(INFLATED)


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return _bomb_xlsx()


def test_uploads_are_capped_and_zip_bombs_refused_before_parsing(app, platform, restored, bomb, monkeypatch) -> None:
    from policyreach.redemption import materials
    from policyreach.store.models import Account, Application
    from tests.web.test_one_click import _firm_with_a_review_benefit

    monkeypatch.setenv("POLICYREACH_UPLOADS", str(Path(platform.library_dir).parent / "abuse-uploads"))
    username, benefit_id = _firm_with_a_review_benefit(platform)
    with platform.sessions() as session:
        entity_pk = session.scalar(select(Account.entity_pk).where(Account.username == username))
    apply_url = f"/me/benefits/{benefit_id}/apply"

    def applications() -> int:
        with platform.sessions() as session:
            return len(session.scalars(select(Application.id).where(Application.entity_pk == entity_pk)).all())

    before = applications()
    with TestClient(app) as firm:
        login(firm, username)
        form = {"csrf_token": csrf_of(firm.get(f"/me/benefits/{benefit_id}").text)}
        inflated = firm.post(apply_url, data=form, files=[("materials", ("年报.xlsx", bomb, "application/zip"))])
        assert inflated.status_code == 422 and "解压后过大" in inflated.text
        monkeypatch.setattr(materials, "MAX_BYTES", 4096)
        big = firm.post(apply_url, data=form, files=[("materials", ("审计.pdf", b"%PDF" + b"0" * 5000, "x"))])
        assert big.status_code == 413 and "超过" in big.text and "审计.pdf" in big.text
    assert applications() == before  # nothing written half-way

    with TestClient(app) as admin:
        login(admin, "admin")
        token = csrf_of(admin.get("/console/upload").text)
        confirm = admin.post(
            "/console/disbursements/confirm",
            data={"csrf_token": token},
            files={"bank_file": ("回执.xlsx", bomb, "application/zip")},
        )
        assert confirm.status_code == 400 and "解压后过大" in confirm.text
        docx = admin.post("/console/extract", data={"csrf_token": token}, files={"document": ("政策.docx", bomb, "x")})
        assert docx.status_code == 400 and "解压后过大" in docx.text
        gbk = admin.post(
            "/console/extract",
            data={"csrf_token": token},
            files={"document": ("政策.txt", "第一条 对高新技术企业给予奖励。".encode("gbk"), "text/plain")},
        )
        assert gbk.status_code == 200 and "对高新技术企业给予奖励" in gbk.text
        monkeypatch.setenv("POLICYREACH_TEXT_UPLOAD_MAX_KB", "1")
        policy = admin.post(
            "/console/upload", data={"csrf_token": token}, files={"policy": ("p.yaml", b"#" * 2048, "text/yaml")}
        )
        assert policy.status_code == 413 and "超过 1 KB" in policy.text
        monkeypatch.setenv("POLICYREACH_UPLOAD_MAX_MB", "0.01")
        bank = admin.post(
            "/console/disbursements/confirm",
            data={"csrf_token": token},
            files={"bank_file": ("回执.xlsx", b"PK\x03\x04" + b"0" * 20_000, "x")},
        )
        assert bank.status_code == 413 and "回执.xlsx" in bank.text
        assert admin.get("/healthz").status_code == 200


def test_idempotency_keys_are_scoped_to_the_account_and_the_operation(platform, restored) -> None:
    from policyreach.redemption.workflow import submit
    from policyreach.store.models import Application, Entity

    by_entity: dict[int, list[str]] = {}
    with platform.sessions() as session:
        for entity in session.scalars(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id)):
            for m in platform.matcher.match(platform.record(entity)):
                if m.benefit.spec.redemption == "review" and m.status == "eligible" and m.window.status == "open":
                    by_entity.setdefault(entity.id, []).append(m.benefit_id)
            if len(by_entity) >= 2 and any(len(b) >= 2 for b in by_entity.values()):
                break
    first = next(e for e, b in by_entity.items() if len(b) >= 2)
    second = next(e for e in by_entity if e != first)
    benefit, other_benefit = by_entity[first][:2]
    with platform.sessions() as session:
        mine = submit(session, platform, session.get(Entity, first), benefit, idempotency_key="k-1", actor="firm-a")
        session.commit()
        # the same click again: the first result
        again = submit(session, platform, session.get(Entity, first), benefit, idempotency_key="k-1", actor="firm-a")
        assert again.id == mine.id
        # another firm's identical key: its own application, never a 500 nor the first firm's
        theirs_benefit = by_entity[second][0]
        theirs = submit(
            session, platform, session.get(Entity, second), theirs_benefit, idempotency_key="k-1", actor="firm-b"
        )
        session.commit()
        assert theirs.id != mine.id and theirs.entity_pk == second and theirs.benefit_id == theirs_benefit
        # no key (or the string an absent field once became): a new request, never the firm's other application
        keyless = submit(
            session, platform, session.get(Entity, first), other_benefit, idempotency_key="None", actor="firm-a"
        )
        session.commit()
        assert keyless.id != mine.id and keyless.benefit_id == other_benefit and keyless.idempotency_key is None
        stored = session.scalars(select(Application.idempotency_key).where(Application.id.in_([mine.id, theirs.id])))
        assert all(key is not None and len(key) == 64 and key != "k-1" for key in stored)
        assert session.scalar(select(Application).where(Application.idempotency_key == "None")) is None


def test_malformed_ids_dates_and_overlong_text_answer_400_in_chinese(app, platform, restored) -> None:
    with TestClient(app) as admin:
        login(admin, "admin")
        token = csrf_of(admin.get("/console/upload").text)
        for url, words in (
            ("/console/applications/abc", "网址中的“申请编号”应为整数编号"),
            ("/console/applications/" + "9" * 30, "超出可处理的范围"),
        ):
            response = admin.get(url)
            assert response.status_code == 400 and words in response.text, (url, response.status_code)
        before = _counts(platform)
        long_name = admin.post(
            "/console/accounts",
            data={
                "csrf_token": token,
                "username": "u" * 200,
                "password": "a-long-password-1",
                "role": "officer",
                "subject": "科技局",
            },
        )
        assert long_name.status_code in (400, 422) and CHINESE.search(long_name.text)
        assert _counts(platform) == before
    api = TestClient(app).post("/api/calculator", json={"kind": "enterprise", "revenue": {"2025": "1e308"}})
    assert api.status_code == 400 and "revenue_2025" in api.text
    negative = TestClient(app).post("/api/calculator", json={"kind": "enterprise", "revenue": {"2025": -500}})
    assert negative.status_code == 400 and "“营业收入”不能为负数" in negative.text


def test_text_longer_than_its_column_is_refused_at_flush_on_every_database(platform) -> None:
    from policyreach.store.lengths import TooLong
    from policyreach.store.models import Account

    with platform.sessions() as session:
        session.add(Account(username="长" * 65, password_hash="x", role="officer"))
        with pytest.raises(TooLong, match="“用户名”过长：最多 64 个字"):
            session.flush()
        session.rollback()


def test_a_form_starlette_cannot_parse_is_refused_in_chinese(app) -> None:
    """Starlette refuses a multipart part over 1 MB, or broken multipart, before any route runs: in Chinese too."""
    with TestClient(app) as client:
        big = client.post("/login", files={"username": (None, "x" * (1024 * 1024 + 10))})
        assert big.status_code == 400 and "表单无法读取" in big.text and "exceeded" not in big.text
        broken = client.post("/login", content=b"--x\r\n", headers={"Content-Type": "multipart/form-data"})
        assert broken.status_code == 400 and "表单无法读取" in broken.text
        assert client.get("/healthz").status_code == 200
