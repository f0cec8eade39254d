"""Logins that resist guessing without letting anyone lock others out, sessions the server ends, and the operational
guards of the web layer: body limit, 5xx with a request id, /metrics, security headers, no inline scripts.

Every client here has its own peer address (TestClient's ``client``), so that the limiter's counts of one test never
touch another's: the limiter keys on the address and the name, as it does in production.
"""

from __future__ import annotations

import itertools
import logging
import re
import statistics
import time
from collections.abc import Iterator
from typing import Annotated

import pytest
from argon2 import PasswordHasher
from fastapi import Depends
from fastapi.testclient import TestClient
from sqlalchemy import delete, select, update

from policyreach.app import accounts
from policyreach.app.accounts import hash_password
from policyreach.store.db import transaction
from policyreach.store.models import Account, LoginFailure
from policyreach.web.app import create_app
from policyreach.web.deps import account
from policyreach.web.security import SESSION_COOKIE, LoginLimiter
from tests.conftest import ARTIFACTS
from tests.web.conftest import csrf_of, post_login

_addresses = (f"10.19.{i // 250}.{i % 250 + 1}" for i in itertools.count())
TEMPLATE_DIRS = [
    ARTIFACTS.parent.parent / "src" / "policyreach" / "web" / "templates",
    ARTIFACTS.parent.parent / "src" / "policyreach" / "conference" / "templates",
]


def _client(app, address: str | None = None, **options) -> TestClient:  # type: ignore[no-untyped-def]
    return TestClient(app, client=(address or next(_addresses), 50000), **options)


def _token(client: TestClient, username: str, password: str):  # type: ignore[no-untyped-def]
    return client.post("/api/token", json={"username": username, "password": password})


PASSWORD = "first-password-123"
_HASH = hash_password(PASSWORD)


@pytest.fixture
def member(platform, request) -> Iterator[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """An officer account of this test alone (its name is the test's), with a password it may change: no test sees
    another's failures on a name."""
    username = request.node.name[5:69]
    with transaction(platform.sessions) as session:
        session.add(
            Account(
                username=username,
                password_hash=_HASH,
                role="officer",
                department="长春市科学技术局",
                display_name="测试",
            )
        )
    yield username, PASSWORD
    with transaction(platform.sessions) as session:
        session.execute(delete(LoginFailure).where(LoginFailure.username == username))


@pytest.fixture(scope="module")
def small_app(platform):  # type: ignore[no-untyped-def]
    """An app with a 4 KB body limit, a trusted proxy, a route that fails and a limiter with smaller numbers (each
    failed login costs an argon2 run: the defaults are checked once, by tests/web/test_one_click.py), beside the
    shared one."""
    app = create_app(platform, secret="test-secret", max_body_bytes=4096, trusted_proxies=("10.250.0.1",))
    app.state.login_limiter = LoginLimiter(free=2, address_limit=6)

    @app.get("/boom", include_in_schema=False)
    def boom(user: Annotated[Account, Depends(account)]) -> None:  # a page of a signed-in person, failing
        raise RuntimeError(f"an unexpected failure for {user.username}")

    return app


# -- login CSRF ------------------------------------------------------------------------------------------------------


def test_login_without_the_forms_token_or_from_another_site_is_refused(app) -> None:
    with _client(app) as client, _client(app) as other:
        page = client.get("/login")
        token = csrf_of(page.text)
        assert "pr_login" in client.cookies  # the pre-session cookie the token is bound to
        form = {"username": "enterprise1", "password": "demo1234"}
        missing = client.post("/login", data=form, follow_redirects=False)
        assert missing.status_code == 403 and "来源不明" in missing.text
        foreign = client.post(
            "/login",
            data={**form, "csrf_token": token},
            headers={"Origin": "https://attacker.example"},
            follow_redirects=False,
        )
        assert foreign.status_code == 403 and SESSION_COOKIE not in foreign.cookies
        framed = client.post(
            "/login", data={**form, "csrf_token": token}, headers={"Origin": "null"}, follow_redirects=False
        )
        assert framed.status_code == 403
        # a token the attacker fetched for their own browser is bound to their cookie, not to the victim's
        theirs = csrf_of(other.get("/login").text)
        assert client.post("/login", data={**form, "csrf_token": theirs}, follow_redirects=False).status_code == 403
        ok = client.post(
            "/login",
            data={**form, "csrf_token": token},
            headers={"Origin": "http://testserver", "Referer": "http://testserver/login"},
            follow_redirects=False,
        )
        assert ok.status_code == 303 and SESSION_COOKIE in ok.cookies


# -- the limiter -----------------------------------------------------------------------------------------------------


def test_the_form_and_the_token_endpoint_share_one_count(app, member) -> None:
    username, password = member
    with _client(app) as client:
        for attempt in range(5):  # five wrong passwords, through both doors
            answer = post_login(client, username, "wrong") if attempt % 2 else _token(client, username, "wrong")
            assert answer.status_code == 401
        by_api, by_form = _token(client, username, password), post_login(client, username, password)
    for refused in (by_api, by_form):  # the right password, and still refused: the guess is not even checked
        assert refused.status_code == 429 and 0 < int(refused.headers["retry-after"]) <= 30
        assert "登录尝试过于频繁" in refused.text
    with _client(app) as owner:  # the owner, elsewhere, is heard at once
        assert post_login(owner, username, password).status_code == 303
        assert _token(owner, username, password).status_code == 200


def test_a_name_under_attack_is_slowed_more_and_more_but_its_owner_gets_in(small_app, member) -> None:
    app, (username, password) = small_app, member
    bots = [next(_addresses) for _ in range(5)]

    def guess(bot: str) -> None:
        with _client(app, bot) as client:
            assert _token(client, username, f"guess-from-{bot}").status_code == 401

    for bot in bots[:2]:  # a distributed guess: the name's free failures (two in this app)
        guess(bot)
    waits = []
    for bot in [*bots[2:], None]:
        with _client(app, bots[0]) as first:  # the first bot, trying again: refused, told how long to wait
            answer = _token(first, username, "again")
        assert answer.status_code == 429 and "登录尝试过于频繁" in answer.json()["detail"]
        waits.append(int(answer.headers["retry-after"]))
        if bot is not None:
            guess(bot)  # one more failure on the name
    # 30 s after the free failures, doubling with each further one: 30, 60, 120, 240 (less the time gone by)
    assert all(b > 1.8 * a for a, b in itertools.pairwise(waits)) and 20 < waits[0] <= 30 and waits[-1] > 200, waits
    with _client(app) as owner:
        assert post_login(owner, username, "a typo").status_code == 401  # the owner is heard, even wrong
        assert post_login(owner, username, password).status_code == 429  # … and then slowed like anyone
    with _client(app) as owner:
        assert post_login(owner, username, password).status_code == 303  # from another address: not locked out


def test_an_address_failing_on_many_names_is_blocked_hard(small_app) -> None:
    app, sprayer = small_app, next(_addresses)
    with _client(app, sprayer) as client:
        statuses = [_token(client, f"sprayed{i}", "Spring2026!").status_code for i in range(6)]
        assert statuses == [401] * 6  # one password over six names (thirty by default): no name is slowed
        blocked = post_login(client, "enterprise3")  # a real name, its right password
        assert blocked.status_code == 429 and "封禁" in blocked.text and int(blocked.headers["retry-after"]) > 600
        assert _token(client, "enterprise3", "demo1234").status_code == 429
    with _client(app) as elsewhere:
        assert post_login(elsewhere, "enterprise3").status_code == 303


def test_parallel_guesses_cannot_slip_in_before_the_failures_are_counted(app, platform) -> None:
    """Each attempt is recorded before its password is checked: a burst from one address gets no more tries than
    the limit allows (here: the name's five free tries)."""
    from concurrent.futures import ThreadPoolExecutor

    name = "burst-target"
    with _client(app) as client, ThreadPoolExecutor(12) as pool:
        statuses = list(pool.map(lambda i: _token(client, name, f"p{i}").status_code, range(12)))
    assert 1 <= statuses.count(401) <= 5 and statuses.count(401) + statuses.count(429) == 12, statuses
    with platform.sessions() as session:
        assert len(session.scalars(select(LoginFailure.id).where(LoginFailure.username == name)).all()) <= 5


def test_the_limiter_keeps_one_window_of_rows(platform) -> None:
    limiter = LoginLimiter(window=60)
    with platform.sessions() as session:
        old = time.time() - 3600
        session.add_all(LoginFailure(username=f"stale{i}", address="192.0.2.1", at=old) for i in range(20))
        session.commit()
        verdict = limiter.attempt(session, "fresh", "192.0.2.1", time.time())
        limiter.failed(session, verdict, time.time())
        left = session.scalars(select(LoginFailure.username).where(LoginFailure.address == "192.0.2.1")).all()
    assert left == ["fresh"]


def test_an_unknown_name_costs_the_same_argon2_run_as_a_known_one(app, platform, member, monkeypatch) -> None:
    username, password = member
    calls = []

    class Counting(PasswordHasher):  # the real hasher, counting its verifications
        def verify(self, stored, password):  # type: ignore[no-untyped-def]
            calls.append(stored)
            return super().verify(stored, password)

    # at the production cost (the suite's own is argon2's least, too cheap to tell apart from a database lookup)
    monkeypatch.setenv("POLICYREACH_ARGON2", "3,65536,4")
    with transaction(platform.sessions) as session:
        session.execute(
            update(Account).where(Account.username == username).values(password_hash=hash_password(password))
        )
    counting = Counting(time_cost=3, memory_cost=65536, parallelism=4)
    monkeypatch.setattr(accounts, "_hasher", lambda: counting)
    timings: dict[str, list[float]] = {"unknown": [], "known": []}
    for i in range(5):
        for kind, name in (("unknown", f"nobody-{i}"), ("known", username)):
            with _client(app) as client:  # a fresh address each: the limiter stays out of the measurement
                start = time.perf_counter()
                assert _token(client, name, f"wrong-{i}").status_code == 401
                timings[kind].append(time.perf_counter() - start)
    assert len(calls) == 10  # one argon2 verification per attempt, known name or not
    unknown, known = statistics.median(timings["unknown"]), statistics.median(timings["known"])
    assert 0.5 < unknown / known < 2.0, timings  # without the dummy hash an unknown name answers 10-50× faster


# -- sessions the server ends ----------------------------------------------------------------------------------------


def test_a_cookie_replayed_after_logout_opens_nothing(app) -> None:
    with _client(app) as client:
        post_login(client, "enterprise2")
        stolen = client.cookies[SESSION_COOKIE]
        page = client.get("/me/policies")
        assert page.status_code == 200
        client.post("/logout", data={"csrf_token": csrf_of(page.text)}, follow_redirects=False)
    with _client(app, cookies={SESSION_COOKIE: stolen}) as replay:
        answer = replay.get("/me/policies", follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"].startswith("/login")


def test_a_revoked_api_token_is_refused(app) -> None:
    with _client(app) as client:
        token = _token(client, "officer", "demo1234").json()["token"]
        bearer = {"Authorization": f"Bearer {token}"}
        assert client.get("/api/entities/E000001", headers=bearer).status_code in (200, 404)
        assert client.delete("/api/token", headers=bearer).status_code == 204
        assert client.get("/api/entities/E000001", headers=bearer).status_code == 401


def test_a_password_change_ends_every_session_and_token_of_the_account(app, member) -> None:
    username, password = member
    new = "second-password-456"
    with _client(app) as here, _client(app) as there, _client(app) as script:
        assert post_login(here, username, password).status_code == 303
        assert post_login(there, username, password).status_code == 303
        token = _token(script, username, password).json()["token"]
        form = here.get("/account/password")
        refused = here.post(
            "/account/password",
            data={"csrf_token": csrf_of(form.text), "current": "not-it", "new": new, "repeated": new},
        )
        assert refused.status_code == 400 and "当前密码不正确" in refused.text
        changed = here.post(
            "/account/password",
            data={"csrf_token": csrf_of(form.text), "current": password, "new": new, "repeated": new},
        )
        assert changed.status_code == 200 and "密码已修改" in changed.text
        assert here.get("/console", follow_redirects=False).status_code == 200  # this browser: a new session
        assert there.get("/console", follow_redirects=False).status_code == 303  # every other one: ended
        assert script.get("/api/benefits").status_code == 200
        assert script.get("/api/entities/E000001", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    with _client(app) as client:
        assert post_login(client, username, password).status_code == 401
    with _client(app) as client:
        assert post_login(client, username, new).status_code == 303
    with transaction(app.state.platform.sessions) as session:  # the other tests of the module use the first one
        found = session.scalar(select(Account).where(Account.username == username))
        assert found is not None
        found.password_hash = hash_password(password)


# -- operations ------------------------------------------------------------------------------------------------------


def test_the_body_limit_is_a_setting_of_twenty_megabytes(monkeypatch) -> None:
    from policyreach import settings

    monkeypatch.delenv("POLICYREACH_MAX_BODY_BYTES", raising=False)
    assert settings.max_body_bytes() == 20 * 1024 * 1024
    monkeypatch.setenv("POLICYREACH_MAX_BODY_BYTES", "1000")
    assert settings.max_body_bytes() == 1000


def test_a_body_over_the_limit_is_refused_before_it_is_read(small_app) -> None:
    with _client(small_app) as client:
        token = csrf_of(client.get("/login").text)
        declared = client.post("/login", data={"username": "x" * 5000, "password": "p", "csrf_token": token})
        assert declared.status_code == 413 and "提交的内容过大" in declared.text and "4096 字节" in declared.text

        def chunks() -> Iterator[bytes]:  # no Content-Length: cut off as the stream passes the limit
            yield b"username=enterprise1&password=demo1234&csrf_token=" + token.encode()
            for _ in range(10):
                yield b"&padding=" + b"x" * 1000

        streamed = client.post(
            "/login", content=chunks(), headers={"Content-Type": "application/x-www-form-urlencoded"}
        )
        assert streamed.status_code == 413 and "提交的内容过大" in streamed.text
        api = client.post("/api/calculator", json={"x": "y" * 5000})
        assert api.status_code == 413 and "提交的内容过大" in api.json()["detail"]
        assert "content-security-policy" in api.headers and api.headers["x-request-id"]
        small = client.post("/api/calculator", json={})
        assert small.status_code != 413


def test_a_server_error_is_logged_with_the_request_id_the_page_shows(small_app, caplog) -> None:
    logger = logging.getLogger("policyreach.web")
    logger.addHandler(caplog.handler)  # whether or not the JSON logging stops propagation
    level, logger.level = logger.level, logging.INFO
    try:
        with _client(small_app, raise_server_exceptions=False) as client:
            post_login(client, "officer")
            answer = client.get("/boom")
    finally:
        logger.removeHandler(caplog.handler)
        logger.level = level
    rid = answer.headers["x-request-id"]
    assert answer.status_code == 500 and "服务器内部错误" in answer.text and rid in answer.text
    assert 'action="/logout"' in answer.text and "修改密码" in answer.text  # the officer's navigation is kept
    logged = [r for r in caplog.records if getattr(r, "fields", {}).get("request_id") == rid]
    assert any(r.levelno == logging.ERROR and r.exc_info for r in logged)  # the trace, under the shown id
    assert any(getattr(r, "fields", {}).get("status") == 500 for r in logged)  # and the request line


def test_metrics_are_for_administrators_and_the_machine_itself(app) -> None:
    with _client(app) as anonymous:
        assert anonymous.get("/metrics").status_code == 403
    with _client(app) as firm:
        post_login(firm, "enterprise1")
        assert firm.get("/metrics").status_code == 403
    with _client(app) as admin:
        post_login(admin, "admin")
        assert "policyreach_http_requests_total" in admin.get("/metrics").text
    with _client(app, "127.0.0.1") as local:
        assert local.get("/metrics").status_code == 200
        # a proxy on this machine forwards other people's requests: those are not local
        assert local.get("/metrics", headers={"X-Forwarded-For": "203.0.113.9"}).status_code == 403


def test_security_headers_and_a_policy_without_inline_scripts(app, small_app) -> None:
    with _client(app) as client:
        plain = client.get("/login")
    policy = plain.headers["content-security-policy"]
    script_src = re.search(r"script-src ([^;]*)", policy)
    assert script_src and script_src.group(1).strip() == "'self'", policy
    assert "frame-ancestors 'none'" in policy and plain.headers["x-frame-options"] == "DENY"
    assert "strict-transport-security" not in plain.headers  # plain HTTP
    with _client(app, base_url="https://testserver") as secure:
        login = post_login(secure, "enterprise1")
        assert "max-age=" in login.headers["strict-transport-security"]
        session_cookie = [c for c in login.headers.get_list("set-cookie") if c.startswith(f"{SESSION_COOKIE}=")]
        assert session_cookie and "; secure" in session_cookie[0].lower()
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.4"}
    with _client(small_app, "10.250.0.1") as behind_proxy:
        assert "strict-transport-security" in behind_proxy.get("/login", headers=forwarded).headers
    with _client(small_app, "10.250.0.2") as pretender:  # not the configured proxy: its headers are its own word
        assert "strict-transport-security" not in pretender.get("/login", headers=forwarded).headers


def test_the_client_address_is_the_forwarded_one_only_behind_a_trusted_proxy(small_app, platform) -> None:
    for peer, forwarded, expected in (
        ("10.250.0.1", "203.0.113.50, 198.51.100.77", "198.51.100.77"),  # the proxy's word: the hop it saw
        ("10.250.0.3", "198.51.100.78", "10.250.0.3"),  # anyone else's header is ignored
    ):
        with _client(small_app, peer) as client:
            token = csrf_of(client.get("/login").text)
            client.post(
                "/login",
                data={"username": "forwarded-check", "password": "x", "csrf_token": token},
                headers={"X-Forwarded-For": forwarded},
            )
        with platform.sessions() as session:
            last = session.scalars(
                select(LoginFailure.address)
                .where(LoginFailure.username == "forwarded-check")
                .order_by(LoginFailure.id.desc())
            ).first()
        assert last == expected


def test_no_template_carries_an_inline_script_or_handler() -> None:
    """The policy forbids them: every page's scripts are files (checked in the browser by the page tests)."""
    offending = []
    for directory in TEMPLATE_DIRS:
        for path in sorted(directory.glob("*.html")):
            text = path.read_text(encoding="utf-8")
            offending += [f"{path.name}: {m.group(0)}" for m in re.finditer(r"<script(?![^>]*\bsrc=)[^>]*>", text)]
            offending += [f"{path.name}: {m.group(0)}" for m in re.finditer(r"<[a-z][^>]*\son[a-z]+\s*=", text)]
            offending += [f"{path.name}: javascript:" for _ in re.finditer(r"javascript:", text)]
    assert offending == []
