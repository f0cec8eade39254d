"""Two server processes over one PostgreSQL database behave as one platform: a session opened on one is valid on the
other and a logout on one ends it on both, failed logins counted by one (through the form or /api/token) block the
next try on the other, and a policy published through one is in force on the other at its next request
(docs/ARCHITECTURE.md, "Several processes")."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import FIXTURES
from tests.integration.servers import serve
from tests.platforms import demo_platform
from tests.web.conftest import csrf_of, post_login

AS_OF = dt.date(2026, 6, 1)
# what is checked is that the processes agree, not how fast: the first page after a publish reloads the library, and
# beside a loaded suite on two cores it once took more than httpx's default 5 s
PATIENCE = 60.0


@pytest.fixture(scope="module")
def two_servers(postgres_database, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    base = tmp_path_factory.mktemp("processes")
    url = postgres_database("policyreach_processes")
    platform = demo_platform(base, url, 400, 41, AS_OF)
    platform.engine.dispose()
    env = {
        **os.environ,
        "POLICYREACH_DATABASE_URL": url,
        "POLICYREACH_LIBRARY": str(platform.library_dir),
        "POLICYREACH_DATA_DIR": str(base),
        "POLICYREACH_SECRET": "two-processes-secret",
        "POLICYREACH_AS_OF": AS_OF.isoformat(),
        "POLICYREACH_DEMO": "0",
        "POLICYREACH_TRUSTED_PROXIES": "127.0.0.1",  # the tests stand for a proxy: each its own client address
    }
    first, a = serve(env, base / "a.log")
    second, b = serve(env, base / "b.log")
    try:
        yield a, b
    finally:
        for process in (first, second):
            process.terminate()
            process.wait(timeout=20)


def _login(client: httpx.Client, username: str, password: str = "demo1234") -> httpx.Response:
    return post_login(client, username, password)


def test_a_session_opened_on_one_process_is_valid_on_the_other(two_servers: tuple[str, str]) -> None:
    a, b = two_servers
    with httpx.Client(base_url=a, timeout=PATIENCE) as on_a, httpx.Client(base_url=b, timeout=PATIENCE) as on_b:
        assert _login(on_a, "enterprise1").status_code == 303
        on_b.cookies = on_a.cookies
        page = on_b.get("/me/policies", follow_redirects=False)
    assert page.status_code == 200 and "我的政策" in page.text


def test_failed_logins_on_one_process_block_the_next_try_on_the_other(two_servers: tuple[str, str]) -> None:
    a, b = two_servers
    with httpx.Client(base_url=a, timeout=PATIENCE) as on_a, httpx.Client(base_url=b, timeout=PATIENCE) as on_b:
        for _ in range(5):
            assert _login(on_a, "enterprise2", "wrong-password").status_code == 401
        blocked = _login(on_b, "enterprise2")  # the right password, but the limit holds on every process
    assert blocked.status_code == 429 and "登录尝试过于频繁" in blocked.text


def test_a_policy_published_through_one_process_is_in_force_on_the_other(two_servers: tuple[str, str]) -> None:
    a, b = two_servers
    # the department's officer uploads on one process, the administrator publishes there, the other serves it
    text = (FIXTURES / "library" / "hightech.yaml").read_text(encoding="utf-8")
    text = text.replace("测试市科学技术局", "长春市科学技术局")
    with (
        httpx.Client(base_url=a, timeout=PATIENCE) as on_a,
        httpx.Client(base_url=a, timeout=PATIENCE) as officer,
        httpx.Client(base_url=b, timeout=PATIENCE) as on_b,
    ):
        assert _login(on_a, "admin").status_code == 303
        assert _login(officer, "officer").status_code == 303
        assert _login(on_b, "admin").status_code == 303
        before = on_b.get("/console").text.count('href="/console/benefits/')
        uploaded = officer.post(
            "/console/upload",
            data={"csrf_token": csrf_of(officer.get("/console/upload").text)},
            files={"policy": ("two-processes.yaml", text.encode(), "application/x-yaml")},
        )
        assert uploaded.status_code == 200 and "已保存为草稿" in uploaded.text, uploaded.text[-2000:]
        draft = re.search(r"草稿编号 (\d+)", uploaded.text).group(1)
        token = csrf_of(on_a.get("/console/upload").text)
        published = on_a.post(f"/console/drafts/{draft}/publish", data={"csrf_token": token})
        assert published.status_code == 303, published.text[-2000:]  # back to the upload page
        after = on_b.get("/console").text.count('href="/console/benefits/')
    assert after == before + 2  # the fixture policy has two benefits


def _token(client: httpx.Client, username: str, password: str, address: str) -> httpx.Response:
    return client.post(
        "/api/token", json={"username": username, "password": password}, headers={"X-Forwarded-For": address}
    )


def _form(client: httpx.Client, username: str, password: str, address: str) -> httpx.Response:
    token = csrf_of(client.get("/login", headers={"X-Forwarded-For": address}).text)
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token},
        headers={"X-Forwarded-For": address},
        follow_redirects=False,
    )


def test_the_form_and_the_token_share_one_limit_across_processes(two_servers: tuple[str, str]) -> None:
    """Failures through both doors of both processes add up; the owner at another address is heard at once.
    (Each test its own client address, forwarded by the proxy the servers trust: POLICYREACH_TRUSTED_PROXIES.)"""
    a, b = two_servers
    attacker, owner = "198.51.100.31", "198.51.100.32"
    with httpx.Client(base_url=a, timeout=PATIENCE) as on_a, httpx.Client(base_url=b, timeout=PATIENCE) as on_b:
        for i in range(5):
            door = (_token, _form)[i % 2]
            assert door((on_a, on_b)[i // 3], "enterprise3", "wrong-password", attacker).status_code == 401
        refused = [_token(on_a, "enterprise3", "demo1234", attacker), _form(on_b, "enterprise3", "demo1234", attacker)]
        heard = _form(on_b, "enterprise3", "demo1234", owner)
    assert [r.status_code for r in refused] == [429, 429] and all(int(r.headers["retry-after"]) > 0 for r in refused)
    assert heard.status_code == 303


def test_a_session_ended_on_one_process_is_refused_by_the_other(two_servers: tuple[str, str]) -> None:
    a, b = two_servers
    with httpx.Client(base_url=a, timeout=PATIENCE) as on_a, httpx.Client(base_url=b, timeout=PATIENCE) as on_b:
        assert _login(on_a, "institute1").status_code == 303
        on_b.cookies = on_a.cookies
        page = on_b.get("/me/policies", follow_redirects=False)
        assert page.status_code == 200
        on_b.post("/logout", data={"csrf_token": csrf_of(page.text)}, follow_redirects=False)
        replayed = on_a.get("/me/policies", follow_redirects=False)  # the first process's copy of the cookie
    assert replayed.status_code == 303 and replayed.headers["location"].startswith("/login")
