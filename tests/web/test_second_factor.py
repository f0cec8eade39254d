"""The second factor and the password policy through the pages, on an app that requires the second factor
(POLICYREACH_TOTP_REQUIRED on, as in production) over the shared seeded platform. Every account here is this
module's own, so that the demo accounts the other tests sign in with keep signing in with a password alone."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pyotp
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from policyreach.app.accounts import hash_password
from policyreach.redemption.states import State
from policyreach.store.models import Account, Application, AuditEntry, AuthSession, Entity
from tests.web.conftest import csrf_of, login, post_login

PASSWORD = "Factor-Test-2026"
CODES = re.compile(r"<code>([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})</code>")


@pytest.fixture(scope="module")
def strict(platform):  # type: ignore[no-untyped-def]
    """The shared platform behind an app that requires the second factor of officers, finance and administrators."""
    from policyreach.web.app import create_app

    return create_app(platform, secret="second-factor-secret", totp_required=True)


@pytest.fixture
def client(strict) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(strict) as c:
        yield c


def _account(platform, username: str, role: str, department: str | None = None, **extra) -> Account:  # type: ignore[no-untyped-def]
    with platform.sessions() as session:
        found = session.scalar(select(Account).where(Account.username == username))
        if found is None:
            found = Account(
                username=username,
                password_hash=hash_password(PASSWORD),
                role=role,
                department=department,
                display_name=department or username,
                **extra,
            )
            session.add(found)
            session.commit()
        return found


def _secret(page: str) -> str:
    found = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page)
    assert found, "no secret on the enrolment page"
    return found.group(1).replace(" ", "")


def _enrol(client: TestClient) -> tuple[pyotp.TOTP, list[str]]:
    page = client.get("/account/second-factor").text
    totp = pyotp.TOTP(_secret(page))
    done = client.post("/account/second-factor", data={"csrf_token": csrf_of(page), "code": totp.now()})
    assert done.status_code == 200, done.text
    codes = CODES.findall(done.text)
    assert len(codes) == 10 and "只显示这一次" in done.text
    return totp, codes


def _next_code(totp: pyotp.TOTP) -> str:
    """The next step's code: the current one was spent by the enrolment (or a sign-in) a moment ago."""
    return totp.at(time.time() + 30)


def _code(client: TestClient, code: str):  # type: ignore[no-untyped-def]
    page = client.get("/login/second-factor")
    return client.post(
        "/login/second-factor", data={"csrf_token": csrf_of(page.text), "code": code}, follow_redirects=False
    )


def _review_application(platform, strict, department_of: dict, tmp_path, monkeypatch) -> int:  # type: ignore[no-untyped-def]
    """A firm's submitted application for a review benefit, made through the portal; its department in the dict."""
    monkeypatch.setenv("POLICYREACH_UPLOADS", str(tmp_path / "uploads"))
    with platform.sessions() as session:
        claimed = set(session.scalars(select(Application.entity_pk)))
        for entity in session.scalars(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id)):
            if entity.id in claimed:
                continue
            for m in platform.matcher.match(platform.record(entity)):
                window = m.benefit.spec.application.window_on(platform.as_of).status
                if m.benefit.spec.redemption == "review" and m.status == "eligible" and window != "closed":
                    benefit_id, entity_pk = m.benefit_id, entity.id
                    department_of["department"] = m.benefit.spec.department
                    break
            else:
                continue
            break
        else:
            raise AssertionError("no fresh firm with an open review benefit")
        firm = f"factor-firm-{entity_pk}"
        if not session.scalar(select(Account).where(Account.username == firm)):
            session.add(
                Account(username=firm, password_hash=hash_password(PASSWORD), role="enterprise", entity_pk=entity_pk)
            )
            session.commit()
    with TestClient(strict) as applicant:
        login(applicant, firm, PASSWORD)
        page = applicant.get(f"/me/benefits/{benefit_id}").text
        applied = applicant.post(
            f"/me/benefits/{benefit_id}/apply",
            data={"csrf_token": csrf_of(page), "idempotency_key": "factor-1"},
            files=[("materials", ("申报书.pdf", b"%PDF-1.7 test", "application/pdf"))],
            follow_redirects=False,
        )
        assert applied.status_code == 303, applied.text
    with platform.sessions() as session:
        return session.scalar(
            select(Application.id).where(Application.entity_pk == entity_pk, Application.benefit_id == benefit_id)
        )


def test_an_officer_without_a_second_factor_can_only_enrol(platform, client) -> None:
    _account(platform, "factor-officer-1", "officer", "长春市科学技术局")
    signed = post_login(client, "factor-officer-1", PASSWORD)
    assert signed.status_code == 303
    for path in ("/console", "/console/applications", "/console/funds", "/me/inbox", "/me/preferences"):
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"] == "/account/second-factor", path
    page = client.get("/account/second-factor")
    assert (
        page.status_code == 200 and "须绑定二次验证" in page.text and 'src="/account/second-factor/qr.svg"' in page.text
    )
    qr = client.get("/account/second-factor/qr.svg")
    assert qr.headers["content-type"] == "image/svg+xml" and qr.content.startswith(b"<?xml") and b"<svg" in qr.content
    assert qr.headers["cache-control"] == "no-store"
    wrong = client.post("/account/second-factor", data={"csrf_token": csrf_of(page.text), "code": "12345"})
    assert wrong.status_code == 400 and "动态验证码不正确" in wrong.text
    _enrol(client)
    assert client.get("/console/applications").status_code == 200  # enrolled in this session: everything opens
    again = client.get("/account/second-factor").text
    assert "已绑定二次验证" in again and "剩余可用恢复码：10 个" in again and "totp-secret" not in again


def test_the_password_opens_no_session_until_the_code_is_given_and_a_code_never_twice(platform, strict) -> None:
    _account(platform, "factor-officer-2", "officer", "长春市科学技术局")
    with TestClient(strict) as first:
        login(first, "factor-officer-2", PASSWORD)
        totp, codes = _enrol(first)
    with TestClient(strict) as browser:
        before = _sessions(platform, "factor-officer-2")
        half = post_login(browser, "factor-officer-2", PASSWORD)
        assert half.status_code == 303 and half.headers["location"] == "/login/second-factor"
        assert "pr_session" not in browser.cookies and _sessions(platform, "factor-officer-2") == before
        # the half-signed-in state grants nothing
        assert browser.get("/console", follow_redirects=False).headers["location"].startswith("/login")
        assert browser.get("/me/inbox", follow_redirects=False).headers["location"].startswith("/login")
        wrong = _code(browser, "000000" if _next_code(totp) != "000000" else "111111")
        assert wrong.status_code == 401 and "不正确或已使用过" in wrong.text
        code = _next_code(totp)
        good = _code(browser, code)
        assert good.status_code == 303 and "pr_session" in browser.cookies
        assert browser.get("/console/applications").status_code == 200
    with TestClient(strict) as thief:  # the same code, seen over a shoulder, with the password
        post_login(thief, "factor-officer-2", PASSWORD)
        replayed = _code(thief, code)
        assert replayed.status_code == 401 and "pr_session" not in thief.cookies
        spare = _code(thief, codes[0])  # a recovery code: once
        assert spare.status_code == 303
    with TestClient(strict) as again:
        post_login(again, "factor-officer-2", PASSWORD)
        assert _code(again, codes[0]).status_code == 401
    with platform.sessions() as session:
        logins = session.scalars(
            select(AuditEntry.data).where(AuditEntry.actor == "factor-officer-2", AuditEntry.action == "login")
        ).all()
    # the enrolling sign-in with the password alone, then the two that gave a code
    assert [bool(d.get("second_factor")) for d in logins] == [False, True, True]


def _sessions(platform, username: str) -> int:  # type: ignore[no-untyped-def]
    with platform.sessions() as session:
        account_id = session.scalar(select(Account.id).where(Account.username == username))
        return len(session.scalars(select(AuthSession.id).where(AuthSession.account_id == account_id)).all())


def test_code_guessing_is_limited_like_passwords(platform, strict) -> None:
    _account(platform, "factor-officer-3", "officer", "长春市科学技术局")
    with TestClient(strict) as owner:
        login(owner, "factor-officer-3", PASSWORD)
        totp, _ = _enrol(owner)
    with TestClient(strict) as guesser:
        post_login(guesser, "factor-officer-3", PASSWORD)
        right = _next_code(totp)
        guesses = [f"{n:06d}" for n in range(6) if f"{n:06d}" not in (right, totp.now())][:5]
        assert [_code(guesser, g).status_code for g in guesses] == [401] * 5
        refused = _code(guesser, right)  # even the right code waits now
        assert refused.status_code == 429 and "秒后再试" in refused.text and int(refused.headers["retry-after"]) > 0
        post_login(guesser, "factor-officer-3", PASSWORD)  # the password again clears nothing of the codes' count
        assert _code(guesser, right).status_code == 429


def test_money_moves_only_in_a_session_opened_with_the_second_factor(platform, strict, tmp_path, monkeypatch) -> None:
    where: dict[str, str] = {}
    application_id = _review_application(platform, strict, where, tmp_path, monkeypatch)
    _account(platform, "factor-officer-4", "officer", where["department"])
    with TestClient(strict) as desk, TestClient(strict) as laptop:
        login(laptop, "factor-officer-4", PASSWORD)  # signed in with the password, before the factor existed
        login(desk, "factor-officer-4", PASSWORD)
        refused = desk.post(
            f"/console/applications/{application_id}",
            data={"csrf_token": csrf_of(desk.get("/account/second-factor").text), "action": "approve"},
            follow_redirects=False,
        )
        assert refused.status_code == 303 and refused.headers["location"] == "/account/second-factor"
        _enrol(desk)
        # the laptop's session was opened without the second factor: it reads, but moves no money
        queue = laptop.get("/console/applications")
        assert queue.status_code == 200
        token = csrf_of(queue.text)
        step_up = laptop.post(
            f"/console/applications/{application_id}",
            data={"csrf_token": token, "action": "approve", "confirm": "yes"},
        )
        assert step_up.status_code == 403 and "资金操作须在二次验证后进行" in step_up.text
        with platform.sessions() as session:
            assert session.get(Application, application_id).state == State.SUBMITTED
        batch = laptop.post("/console/disbursements", data={"csrf_token": token}, follow_redirects=False)
        assert batch.status_code == 403 and "二次验证" in batch.text
        approved = desk.post(
            f"/console/applications/{application_id}",
            data={"csrf_token": csrf_of(desk.get("/console/applications").text), "action": "approve", "confirm": "yes"},
            follow_redirects=False,
        )
        assert approved.status_code == 303, approved.text
    with platform.sessions() as session:
        assert session.get(Application, application_id).state == State.APPROVED


def test_an_administrator_resets_a_second_factor_with_an_audit_entry_and_the_account_enrols_again(
    platform, strict
) -> None:
    _account(platform, "factor-admin", "admin")
    target = _account(platform, "factor-officer-5", "officer", "长春市科学技术局")
    with TestClient(strict) as officer:
        login(officer, "factor-officer-5", PASSWORD)
        _enrol(officer)
        with TestClient(strict) as admin:
            login(admin, "factor-admin", PASSWORD)
            assert (
                admin.get("/console/accounts", follow_redirects=False).headers["location"] == "/account/second-factor"
            )
            _enrol(admin)
            page = admin.get("/console/accounts").text
            assert f'action="/console/accounts/{target.id}/second-factor/reset"' in page
            reset = admin.post(
                f"/console/accounts/{target.id}/second-factor/reset",
                data={"csrf_token": csrf_of(page)},
                follow_redirects=False,
            )
            assert reset.status_code == 303
            assert "已重置账号 factor-officer-5 的二次验证" in admin.get(reset.headers["location"]).text
            assert admin.post("/console/accounts/999999/second-factor/reset", data={"csrf_token": csrf_of(page)})
        # the officer's sessions ended; the next sign-in is the password and the enrolment again
        assert officer.get("/console", follow_redirects=False).headers["location"].startswith("/login")
    with TestClient(strict) as officer:
        login(officer, "factor-officer-5", PASSWORD)
        assert officer.get("/console", follow_redirects=False).headers["location"] == "/account/second-factor"
    with platform.sessions() as session:
        entry = session.scalar(
            select(AuditEntry).where(
                AuditEntry.action == "second_factor_reset", AuditEntry.subject == f"account:{target.id}"
            )
        )
        assert entry is not None and entry.actor == "factor-admin" and entry.data["username"] == "factor-officer-5"


def test_an_api_token_of_an_account_with_a_second_factor_needs_its_code(platform, strict) -> None:
    _account(platform, "factor-officer-6", "officer", "长春市科学技术局")
    with TestClient(strict) as browser:
        login(browser, "factor-officer-6", PASSWORD)
        totp, _ = _enrol(browser)
    api = TestClient(strict)
    bare = api.post("/api/token", json={"username": "factor-officer-6", "password": PASSWORD})
    assert bare.status_code == 401 and "code" in bare.json()["detail"]
    issued = api.post(
        "/api/token", json={"username": "factor-officer-6", "password": PASSWORD, "code": _next_code(totp)}
    )
    assert issued.status_code == 200, issued.text
    token = issued.json()["token"]
    assert api.get("/api/entities/E0000001", headers={"Authorization": f"Bearer {token}"}).status_code in (200, 404)
    # an officer who has not enrolled gets a token, and the API tells it to enrol first
    _account(platform, "factor-officer-7", "officer", "长春市科学技术局")
    bare = api.post("/api/token", json={"username": "factor-officer-7", "password": PASSWORD}).json()["token"]
    held = api.get("/api/entities/E0000001", headers={"Authorization": f"Bearer {bare}"})
    assert held.status_code == 403 and "须先绑定二次验证" in held.text


def test_a_firm_may_turn_the_second_factor_on(platform, strict) -> None:
    with platform.sessions() as session:
        entity = session.scalar(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id.desc()))
        entity_pk = entity.id
    _account(platform, "factor-firm-own", "enterprise", entity_pk=entity_pk)
    with TestClient(strict) as firm:
        login(firm, "factor-firm-own", PASSWORD)
        assert firm.get("/me/policies").status_code == 200  # a firm is not made to enrol
        page = firm.get("/account/second-factor").text
        assert "开启二次验证后" in page
        totp, _ = _enrol(firm)
    with TestClient(strict) as firm:
        assert post_login(firm, "factor-firm-own", PASSWORD).headers["location"] == "/login/second-factor"
        assert _code(firm, _next_code(totp)).status_code == 303
        assert firm.get("/me/policies").status_code == 200


def test_a_password_an_administrator_set_must_be_changed_before_anything_else(platform, strict) -> None:
    _account(platform, "factor-admin-2", "admin")
    with platform.sessions() as session:
        entity = session.scalar(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id.desc()).offset(1))
        uscc = entity.uscc
    with TestClient(strict) as admin:
        login(admin, "factor-admin-2", PASSWORD)
        _enrol(admin)
        token = csrf_of(admin.get("/console/accounts").text)
        form = {"csrf_token": token, "username": "factor-newfirm", "role": "enterprise", "subject": uscc}
        weak = admin.post("/console/accounts", data={**form, "password": "password1234"})
        assert weak.status_code == 400 and "初始密码（password）" in weak.text and "至少 3 类" in weak.text
        named = admin.post("/console/accounts", data={**form, "password": "Factor-Newfirm-1"})
        assert named.status_code == 400 and "不能包含用户名" in named.text
        made = admin.post("/console/accounts", data={**form, "password": "Given-By-Admin-1"}, follow_redirects=False)
        assert made.status_code == 303
    with TestClient(strict) as newcomer:
        signed = post_login(newcomer, "factor-newfirm", "Given-By-Admin-1")
        assert signed.status_code == 303 and signed.headers["location"] == "/account/password"
        for path in ("/me/policies", "/me", "/me/inbox"):
            answer = newcomer.get(path, follow_redirects=False)
            assert answer.status_code == 303 and answer.headers["location"] == "/account/password", path
        page = newcomer.get("/account/password").text
        assert "须先修改" in page
        change = {"csrf_token": csrf_of(page), "current": "Given-By-Admin-1"}
        short = newcomer.post("/account/password", data={**change, "new": "Short-1", "repeated": "Short-1"})
        assert short.status_code == 400 and "至少 12 位" in short.text
        same = newcomer.post(
            "/account/password", data={**change, "new": "Given-By-Admin-1", "repeated": "Given-By-Admin-1"}
        )
        assert same.status_code == 400 and "最近 5 次" in same.text
        done = newcomer.post(
            "/account/password", data={**change, "new": "My-Own-Secret-7", "repeated": "My-Own-Secret-7"}
        )
        assert done.status_code == 200 and "密码已修改" in done.text
        assert newcomer.get("/me/policies").status_code == 200
