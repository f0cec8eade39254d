"""The enterprise portal through HTTP: login, ranked policies, clause pages, edits, habits, access."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import select

from policyreach.store.models import Account
from tests.web.conftest import csrf_of, login, post_login


def _benefit_ids(html: str) -> list[str]:
    return re.findall(r'href="/me/benefits/([a-z0-9-]+)"', html)


def test_health_and_metrics(app) -> None:
    with TestClient(app) as client:
        assert client.get("/healthz").json() == {"status": "ok"}
        client.get("/login")
        login(client, "admin")  # the test client is no loopback peer: only an administrator reads the metrics
        metrics = client.get("/metrics").text
        assert "policyreach_http_requests_total" in metrics
        assert "# TYPE policyreach_audit_chain_problems gauge" in metrics  # read from the database at each scrape


def test_login_is_required_and_wrong_passwords_fail(app) -> None:
    with TestClient(app) as client:
        response = client.get("/me/policies", follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login")
        bad = post_login(client, "enterprise1", "nope")
        assert bad.status_code == 401 and "用户名或密码不正确" in bad.text


def test_session_cookie_is_httponly_and_samesite(app) -> None:
    with TestClient(app) as client:
        response = post_login(client, "enterprise1")
        cookie = response.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=lax" in cookie


def test_my_policies_lists_ranked_benefits(firm, platform) -> None:
    html = firm.get("/me/policies").text
    ids = _benefit_ids(html)
    assert len(ids) >= 3 and "我的政策" in html and "预计可享受" in html
    # the engine's order (habits may lift a favourite above it, and other tests act as this firm)
    with platform.sessions() as session:
        user = session.scalar(select(Account).where(Account.username == "enterprise1"))
        statuses = [m.status for m in platform.matches(session, user.entity, habits=False)]
    assert statuses == sorted(statuses, key=["eligible", "likely", "partial"].index)


def _matches(platform, username: str):
    with platform.sessions() as session:
        user = session.scalar(select(Account).where(Account.username == username))
        return platform.matches(session, user.entity)


def test_benefit_page_interprets_every_clause(firm, platform) -> None:
    match = _matches(platform, "enterprise1")[0]
    html = firm.get(f"/me/benefits/{match.benefit_id}").text
    assert match.title in html and "逐条解读" in html and "申报路径" in html
    for condition in match.conditions:
        assert condition.clause_text in html and condition.explanation in html


def test_filters(firm) -> None:
    html = firm.get("/me/policies", params={"status": "eligible"}).text
    assert "部分符合</span>" not in html and "可能符合</span>" not in html


def test_favourite_and_dismiss_change_the_order(app, platform) -> None:
    with TestClient(app) as client:
        login(client, "enterprise2")
        before = _benefit_ids(client.get("/me/policies").text)
        last = before[-1]
        page = client.get(f"/me/benefits/{last}").text
        client.post(f"/me/benefits/{last}/actions", data={"action": "favourite", "csrf_token": csrf_of(page)})
        after = _benefit_ids(client.get("/me/policies").text)
        assert after[0] == last and before[0] != last
        first = after[1]
        page = client.get(f"/me/benefits/{first}").text
        client.post(f"/me/benefits/{first}/actions", data={"action": "dismiss", "csrf_token": csrf_of(page)})
        assert first not in _benefit_ids(client.get("/me/policies").text)


def test_forms_need_the_csrf_token(firm, platform) -> None:
    benefit = _matches(platform, "enterprise1")[0].benefit_id
    response = firm.post(f"/me/benefits/{benefit}/actions", data={"action": "favourite"})
    assert response.status_code == 403 and "表单已过期" in response.text


def test_editing_a_self_declared_value_rematches(app, platform) -> None:
    with TestClient(app) as client:
        login(client, "enterprise3")
        page = client.get("/me").text
        assert "已核验" in page
        column = "loan_interest_paid_2025"
        assert f'name="{column}"' in page
        form = {"csrf_token": csrf_of(page), column: "88.5"}
        response = client.post("/me/values", data=form, follow_redirects=False)
        assert response.status_code == 303
        with platform.sessions() as session:
            user = session.scalar(select(Account).where(Account.username == "enterprise3"))
            assert user.entity.values[column] == "88.5"
            assert user.entity.provenance[column]["source"] == "self_declared"
        bad = client.post("/me/values", data={"csrf_token": form["csrf_token"], column: "很多"})
        assert bad.status_code == 400 and "不是数字" in bad.text


def test_a_verified_value_cannot_be_overwritten(app, platform) -> None:
    with TestClient(app) as client:
        login(client, "enterprise1")
        page = client.get("/me").text
        with platform.sessions() as session:
            entity = session.scalar(select(Account).where(Account.username == "enterprise1")).entity
            verified = next(c for c, p in entity.provenance.items() if p["source"] != "self_declared")
            before = entity.values[verified]
        client.post("/me/values", data={"csrf_token": csrf_of(page), verified: "1"})
        with platform.sessions() as session:
            entity = session.scalar(select(Account).where(Account.username == "enterprise1")).entity
            assert entity.values[verified] == before


def test_a_talent_sees_its_own_policies(app, platform) -> None:
    with TestClient(app) as client:
        login(client, "talent1")
        html = client.get("/me/policies").text
        ids = _benefit_ids(html)
        assert ids and all(platform.compiled.benefit(b).kinds >= {"talent"} for b in ids)
        assert client.get("/console", follow_redirects=False).status_code in (403, 404)


def test_my_policies_reads_the_account_once_in_few_queries(firm, platform) -> None:
    """The page is the platform's busiest (BENCHMARKS.md, "Web on PostgreSQL with several server workers"): each
    statement is a round trip to the database under load. The account, its agent and entity come in one query and
    are kept for the request (the identity map holds them weakly: a dropped account was read a second time), and the
    firm's habits are read once for the ranking and the page."""
    from sqlalchemy import event

    firm.get("/me/policies")  # warm: the library's first use, the templates compiled
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:
        statements.append(" ".join(statement.split())[:80])

    event.listen(platform.engine, "before_cursor_execute", seen)
    try:
        assert firm.get("/me/policies").status_code == 200
    finally:
        event.remove(platform.engine, "before_cursor_execute", seen)
    reads = [s for s in statements if s.startswith("SELECT")]
    assert len(reads) <= 8, reads
    assert sum(" FROM accounts " in s or s.endswith(" FROM accounts") for s in reads) <= 1, reads
    assert sum("FROM interactions" in s for s in reads) == 1, reads
