"""Unified sign-in against a real OpenID Connect provider (oidc-provider on Node) and the platform served by uvicorn:
the authorization-code flow with PKCE, first and later sign-ins, logout at both ends, and the refusals (an expired
ID token, a tampered state, a wrong nonce, an unknown credit code)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import httpx
from sqlalchemy import func, select

from policyreach.store.models import Account, AuditEntry, AuthSession, ExternalIdentity
from policyreach.web.oidc import PENDING_COOKIE, _pending
from policyreach.web.security import SESSION_COOKIE
from tests.conftest import _free_port
from tests.oidc.conftest import UNKNOWN_CODE, Oidc, at_provider


def _count(platform, model) -> int:
    with platform.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _identity(platform, oidc: Oidc, subject: str) -> tuple[ExternalIdentity, Account] | None:
    with platform.sessions() as session:
        row = session.scalar(
            select(ExternalIdentity).where(ExternalIdentity.issuer == oidc.issuer, ExternalIdentity.subject == subject)
        )
        if row is None:
            return None
        account = session.get(Account, row.account_id)
        assert account is not None
        session.expunge_all()
        return row, account


def _signed_in(client: httpx.Client, oidc: Oidc, login: str, next: str = "/") -> httpx.Response:
    callback = at_provider(client, oidc, login, next)
    return client.get(callback)


def test_the_login_page_offers_unified_identity_and_the_flow_uses_pkce(oidc: Oidc) -> None:
    with httpx.Client() as client:
        page = client.get(f"{oidc.app_url}/login")
        assert "使用统一身份认证登录" in page.text
        started = client.get(f"{oidc.app_url}/login/oidc", params={"next": "/me/policies"})
    assert started.status_code == 303
    asked = parse_qs(urlsplit(started.headers["location"]).query)
    assert asked["code_challenge_method"] == ["S256"] and len(asked["code_challenge"][0]) >= 43
    assert asked["response_type"] == ["code"] and "openid" in asked["scope"][0].split()
    assert asked["state"][0] and asked["nonce"][0] and asked["client_id"] == ["policyreach"]
    assert "code_verifier" not in asked  # the verifier stays with this browser, in the signed pending cookie
    assert PENDING_COOKIE in started.headers["set-cookie"] and "HttpOnly" in started.headers["set-cookie"]
    # the logout form's answer redirects to the provider, which the pages' form-action must allow, and only it
    assert f"form-action 'self' {oidc.issuer};" in page.headers["content-security-policy"]


def test_first_sign_in_creates_the_firms_account_and_later_ones_reuse_it(platform, oidc: Oidc) -> None:
    accounts_before = _count(platform, Account)
    with httpx.Client() as client:
        answer = _signed_in(client, oidc, "legal-person-1", "/me/policies")
        assert answer.status_code == 303 and answer.headers["location"] == "/me/policies"
        assert SESSION_COOKIE in answer.headers["set-cookie"]
        portal = client.get(f"{oidc.app_url}/me/policies")
        assert portal.status_code == 200 and oidc.firm.name in portal.text  # the portal shows the firm
    found = _identity(platform, oidc, "legal-person-1")
    assert found is not None
    row, account = found
    assert account.role == "enterprise" and account.entity_pk == oidc.firm.id and account.display_name == oidc.firm.name
    assert _count(platform, Account) == accounts_before + 1
    with platform.sessions() as session:
        logged = session.scalars(select(AuditEntry.action).where(AuditEntry.subject == f"account:{account.id}")).all()
    assert logged == ["account_created_oidc", "login"]

    with httpx.Client() as client:  # another browser, another day: the provider asks again, the account is the same
        assert _signed_in(client, oidc, "legal-person-1").status_code == 303
        assert oidc.firm.name in client.get(f"{oidc.app_url}/me/policies").text
    again = _identity(platform, oidc, "legal-person-1")
    assert again is not None and again[1].id == account.id and again[0].last_login_at > row.last_login_at
    assert _count(platform, Account) == accounts_before + 1


def test_a_person_signs_in_as_the_talent_the_registry_names(platform, oidc: Oidc) -> None:
    subject = oidc.talent.values["id_hash"]
    with httpx.Client() as client:
        assert _signed_in(client, oidc, subject).status_code == 303
        assert oidc.talent.name in client.get(f"{oidc.app_url}/me/policies").text
    found = _identity(platform, oidc, subject)
    assert found is not None and found[1].role == "talent" and found[1].entity_pk == oidc.talent.id


def test_logout_ends_the_platform_session_and_the_providers(platform, oidc: Oidc) -> None:
    with httpx.Client() as client:
        _signed_in(client, oidc, "legal-person-1")
        page = client.get(f"{oidc.app_url}/me/policies")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token is not None
        cookie = client.cookies[SESSION_COOKIE]
        sessions_before = _count(platform, AuthSession)
        out = client.post(f"{oidc.app_url}/logout", data={"csrf_token": token.group(1)})
        assert out.status_code == 303
        end = out.headers["location"]
        assert end.startswith(f"{oidc.issuer}/session/end?")  # RP-initiated logout at the provider's endpoint
        assert parse_qs(urlsplit(end).query)["post_logout_redirect_uri"] == [f"{oidc.app_url}/login"]
        assert _count(platform, AuthSession) == sessions_before - 1
        replayed = httpx.get(f"{oidc.app_url}/me/policies", cookies={SESSION_COOKIE: cookie})
        assert replayed.status_code == 303 and replayed.headers["location"].startswith("/login")

        confirm = client.get(end)  # the provider asks whether to sign out there too; the person says yes
        form = re.search(r'action="([^"]+)"', confirm.text)
        xsrf = re.search(r'name="xsrf" value="([^"]+)"', confirm.text)
        assert confirm.status_code == 200 and form is not None and xsrf is not None
        done = client.post(httpx.URL(end).join(form.group(1)), data={"xsrf": xsrf.group(1), "logout": "yes"})
        while done.status_code in (302, 303) and not done.headers["location"].startswith(oidc.app_url):
            done = client.get(httpx.URL(str(done.url)).join(done.headers["location"]))
        assert urlsplit(done.headers["location"]).path == "/login"  # back on the platform's login page
        # the provider's session is gone as well: the next unified sign-in asks for the login again
        again = client.get(client.get(f"{oidc.app_url}/login/oidc").headers["location"], follow_redirects=True)
        assert 'name="login"' in again.text


def _refused_without_session(answer: httpx.Response, *, status: int, says: str) -> None:
    assert answer.status_code == status, answer.text[:300]
    assert says in answer.text
    assert f"{SESSION_COOKIE}=" not in answer.headers.get("set-cookie", "")


def test_an_expired_id_token_is_refused(platform, oidc: Oidc) -> None:
    sessions_before = _count(platform, AuthSession)
    with httpx.Client() as client:
        # the provider's ID tokens for this account live 1 s and reach the platform after 2 s
        answer = client.get(at_provider(client, oidc, "legal-person-late"))
    _refused_without_session(answer, status=400, says="身份令牌已过期")
    assert _identity(platform, oidc, "legal-person-late") is None
    assert _count(platform, AuthSession) == sessions_before


def test_a_tampered_state_is_refused_and_spends_the_pending_sign_in(platform, oidc: Oidc) -> None:
    sessions_before = _count(platform, AuthSession)
    with httpx.Client() as client:
        callback = at_provider(client, oidc, "legal-person-1")
        state = parse_qs(urlsplit(callback).query)["state"][0]
        tampered = callback.replace(f"state={state}", f"state={state[:-2]}xy")
        answer = client.get(tampered)
        _refused_without_session(answer, status=400, says="state 参数与本浏览器发起的不一致")
        assert PENDING_COOKIE in answer.headers.get("set-cookie", "")  # deleted: a state answers once
        # the genuine answer cannot be replayed afterwards either: its pending sign-in is spent
        _refused_without_session(client.get(callback), status=400, says="登录请求已过期或不是由本浏览器发起的")
    assert _count(platform, AuthSession) == sessions_before


def test_a_callback_from_another_browser_is_refused(oidc: Oidc) -> None:
    with httpx.Client() as client:
        callback = at_provider(client, oidc, "legal-person-1")
    with httpx.Client() as victim:  # the attacker's code and state, in a browser that never started a sign-in
        _refused_without_session(victim.get(callback), status=400, says="不是由本浏览器发起的")


def test_an_id_token_for_another_nonce_is_refused(platform, oidc: Oidc) -> None:
    sessions_before = _count(platform, AuthSession)
    with httpx.Client() as client:
        callback = at_provider(client, oidc, "legal-person-1")
        # the pending sign-in as a replayed or injected answer would meet it: same state, another nonce
        signer = _pending(type("R", (), {"app": oidc.app})())  # type: ignore[arg-type]
        pending = signer.loads(client.cookies[PENDING_COOKIE])
        client.cookies.set(PENDING_COOKIE, signer.dumps({**pending, "nonce": "another-nonce"}), path="/login/oidc")
        _refused_without_session(client.get(callback), status=400, says="nonce")
    assert _count(platform, AuthSession) == sessions_before


def test_a_code_without_its_pkce_verifier_is_refused_by_the_provider(platform, oidc: Oidc) -> None:
    """PKCE end to end: a code that leaked (a log, a referrer) is worth nothing without this browser's verifier."""
    sessions_before = _count(platform, AuthSession)
    with httpx.Client() as client:
        callback = at_provider(client, oidc, "legal-person-1")
        signer = _pending(type("R", (), {"app": oidc.app})())  # type: ignore[arg-type]
        pending = signer.loads(client.cookies[PENDING_COOKIE])
        guessed = {**pending, "code_verifier": "x" * 64}
        client.cookies.set(PENDING_COOKIE, signer.dumps(guessed), path="/login/oidc")
        _refused_without_session(
            client.get(callback), status=400, says="统一身份认证平台拒绝了本次授权（invalid_grant）"
        )
    assert _count(platform, AuthSession) == sessions_before


def test_a_credit_code_of_no_firm_gets_a_chinese_page_and_no_account(platform, oidc: Oidc) -> None:
    accounts_before = _count(platform, Account)
    with httpx.Client() as client:
        answer = _signed_in(client, oidc, "stranger")
    _refused_without_session(answer, status=403, says=f"本平台没有统一社会信用代码为 {UNKNOWN_CODE} 的企业或单位")
    assert _count(platform, Account) == accounts_before
    assert _identity(platform, oidc, "stranger") is None


def test_without_an_issuer_unified_sign_in_is_off(app) -> None:
    from fastapi.testclient import TestClient

    with TestClient(app) as client:
        assert "使用统一身份认证登录" not in client.get("/login").text
        off = client.get("/login/oidc", follow_redirects=False)
        assert off.status_code == 404 and "未启用统一身份认证" in off.text
        assert client.get("/login/oidc/callback?code=x&state=y").status_code == 404


def test_a_provider_that_cannot_be_reached_or_names_another_issuer_is_a_chinese_502(platform, oidc: Oidc) -> None:
    from fastapi.testclient import TestClient

    from policyreach.web.app import create_app
    from policyreach.web.oidc import OidcConfig

    closed = _free_port()  # nothing listens there
    elsewhere = oidc.issuer.replace("127.0.0.1", "localhost")  # the same provider, whose metadata names 127.0.0.1
    for issuer in (f"http://127.0.0.1:{closed}", elsewhere):
        config = OidcConfig(issuer, "policyreach", "", f"{oidc.app_url}/cb", f"{oidc.app_url}/login", timeout=2)
        with TestClient(create_app(platform, secret="s", identity=config)) as client:
            answer = client.get("/login/oidc", follow_redirects=False)
        assert answer.status_code == 502 and "统一身份认证平台暂时无法访问" in answer.text, issuer
        assert PENDING_COOKIE not in answer.headers.get("set-cookie", "")


def test_only_a_path_of_this_site_is_where_a_sign_in_goes_next(oidc: Oidc) -> None:
    with httpx.Client() as client:
        for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
            started = client.get(f"{oidc.app_url}/login/oidc", params={"next": target})
            pending = _pending(type("R", (), {"app": oidc.app})()).loads(started.cookies[PENDING_COOKIE])  # type: ignore[arg-type]
            assert pending["next"] == "/", target
