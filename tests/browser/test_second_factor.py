"""An officer in a real browser, on a server that requires the second factor (as production does): signed in with
the password alone it reaches nothing but the enrolment page; it reads the secret the page shows, its
"authenticator" (pyotp) computes the code, the recovery codes are shown once; a session opened before the
enrolment still moves no money, the enrolled one approves."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pyotp
import pytest
from sqlalchemy import select

from policyreach.app.accounts import hash_password
from policyreach.redemption.states import State
from policyreach.store.models import Account, Application
from tests.conftest import _free_port
from tests.web.test_second_factor import _review_application

PASSWORD = "Browser-Factor-26"


@pytest.fixture(scope="module")
def strict_server(served_platform) -> Iterator[tuple[str, object]]:  # type: ignore[no-untyped-def]
    """The browser tests' platform behind a second server (a thread) whose app requires the second factor."""
    import threading
    import time

    import uvicorn

    from policyreach.web.app import create_app

    app = create_app(served_platform, secret="browser-strict-secret", totp_required=True)
    instance = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=_free_port(), log_level="warning"))
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{instance.config.port}", app
    instance.should_exit = True
    thread.join(timeout=10)


def _sign_in(page, server: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="登录").click()


def _approve(page, server: str, application_id: int) -> None:
    """Approve on the application's own page: the confirmation ticked, then the button."""
    page.goto(f"{server}/console/applications/{application_id}")
    page.get_by_label(re.compile("确认核准")).check()
    # waits for the answer's page: the click only starts the POST, and the database is read right after
    with page.expect_navigation():
        page.get_by_role("button", name="核准", exact=True).click()


def test_an_officer_enrols_and_only_then_approves_money(
    browser, served_platform, strict_server, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    server, app = strict_server
    where: dict[str, str] = {}
    application_id = _review_application(served_platform, app, where, tmp_path, monkeypatch)
    with served_platform.sessions() as session:
        if not session.scalar(select(Account).where(Account.username == "browser-factor")):
            session.add(
                Account(
                    username="browser-factor",
                    password_hash=hash_password(PASSWORD),
                    role="officer",
                    department=where["department"],
                    display_name=where["department"],
                )
            )
            session.commit()
    desk = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    laptop = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        officer, other = desk.new_page(), laptop.new_page()
        _sign_in(other, server, "browser-factor")  # a second sign-in with the password alone, before enrolling
        _sign_in(officer, server, "browser-factor")
        assert officer.url.endswith("/account/second-factor")
        assert "须绑定二次验证后才能使用其他功能" in officer.locator("main").inner_text()
        # the queue, and the approval with it, is out of reach until enrolled
        officer.goto(f"{server}/console/applications")
        assert officer.url.endswith("/account/second-factor")
        qr = officer.get_by_role("img", name=re.compile("二次验证绑定二维码"))
        # drawn by the platform, loaded (waited for: the image may load after the page's load event)
        assert officer.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=qr.element_handle())
        secret = officer.locator("#totp-secret").inner_text().replace(" ", "")
        officer.get_by_label("6 位动态验证码").fill(pyotp.TOTP(secret).now())
        with officer.expect_navigation():
            officer.get_by_role("button", name="确认绑定").click()
        shown = officer.locator("main").inner_text()
        assert "二次验证已绑定" in shown and "只显示这一次" in shown
        assert len(re.findall(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", shown)) == 10

        # the other session was opened without the second factor: it sees the queue, its approval is refused
        _approve(other, server, application_id)
        assert "资金操作须在二次验证后进行" in other.locator("main").inner_text()
        with served_platform.sessions() as session:
            assert session.get(Application, application_id).state == State.SUBMITTED

        _approve(officer, server, application_id)
        with served_platform.sessions() as session:
            state = session.get(Application, application_id).state
        assert state == State.APPROVED, officer.locator("main").inner_text()
        assert "已核准" in officer.locator(f"#a{application_id}").inner_text()  # back in the queue, on its row
    finally:
        desk.close()
        laptop.close()
