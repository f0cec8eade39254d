"""Pages in a real browser: a firm on a phone, an officer's chart, a talent's report."""

from __future__ import annotations

import io
import os
import unicodedata
from pathlib import Path

from pypdf import PdfReader

# screenshots go to tests/artifacts; POLICYREACH_DOCS_SCREENSHOTS=1 refreshes the ones the README shows
DOCS = (Path(__file__).resolve().parents[2] / "docs" / "screenshots" if os.environ.get("POLICYREACH_DOCS_SCREENSHOTS")
        else Path(__file__).resolve().parents[1] / "artifacts")


def _login(page, server: str, username: str) -> None:
    page.goto(f"{server}/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("demo1234")
    page.get_by_role("button", name="登录").click()


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_firm_on_a_phone_reads_a_benefit_and_downloads_its_report(phone, server) -> None:
    _login(phone, server, "enterprise1")
    phone.wait_for_url("**/me/policies")
    assert phone.get_by_role("heading", level=1).inner_text().endswith("我的政策")
    assert _fits_the_screen(phone)
    phone.screenshot(path=str(DOCS / "portal-policies-phone.png"), full_page=False)
    phone.locator("ol.benefits li a").first.click()
    phone.wait_for_url("**/me/benefits/**")
    assert phone.get_by_role("heading", name="逐条解读").is_visible()
    rows = phone.locator("table.clauses tbody tr")
    assert rows.count() >= 2 and "您的企业" in rows.first.inner_text()
    assert _fits_the_screen(phone)
    phone.screenshot(path=str(DOCS / "portal-benefit-phone.png"), full_page=True)
    phone.goto(f"{server}/me/report")
    with phone.expect_download() as info:
        phone.get_by_role("link", name="PDF").click()
    data = Path(info.value.path()).read_bytes()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "智能匹配报告" in unicodedata.normalize("NFKC", text)


def test_keyboard_reaches_the_login_form(phone, server) -> None:
    phone.goto(f"{server}/login")
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.textContent") == "跳到正文"
    for _ in range(4):
        phone.keyboard.press("Tab")
        if phone.evaluate("document.activeElement.id") == "username":
            break
    assert phone.evaluate("document.activeElement.id") == "username"
    phone.keyboard.type("enterprise1")
    phone.keyboard.press("Tab")
    phone.keyboard.type("demo1234")
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/me/policies")


def test_officer_sees_a_chart(desktop, server, platform) -> None:
    _login(desktop, server, "admin")
    desktop.wait_for_url("**/console")
    desktop.screenshot(path=str(DOCS / "console-library.png"), full_page=False)
    with platform.sessions() as session:
        busiest = platform.simulation(session).benefits.sort("eligible", descending=True)["benefit_id"][0]
    desktop.locator(f"table a[href='/console/benefits/{busiest}']").click()
    desktop.wait_for_selector(".chart .main-svg", timeout=15000)
    assert desktop.locator(".chart .main-svg").count() >= 1
    desktop.screenshot(path=str(DOCS / "console-benefit.png"), full_page=False)


def test_talent_sees_own_report(phone, server) -> None:
    _login(phone, server, "talent1")
    phone.goto(f"{server}/me/report")
    assert phone.get_by_role("heading", name="智能匹配报告").is_visible()
    assert _fits_the_screen(phone)


def test_officer_compares_a_reform_and_allocates_funds(desktop, server) -> None:
    examples = Path(__file__).resolve().parents[2] / "examples"
    _login(desktop, server, "admin")
    desktop.wait_for_url("**/console")
    desktop.goto(f"{server}/console/reform")
    desktop.set_input_files("#reform", str(examples / "reforms" / "hightech-award.yaml"))
    desktop.get_by_role("button", name="测算").click()
    desktop.wait_for_selector(".chart .main-svg", timeout=15000)
    assert "兑现总额" in desktop.content()
    desktop.screenshot(path=str(DOCS / "console-reform.png"), full_page=False)
    desktop.goto(f"{server}/console/allocation")
    desktop.set_input_files("#plan_file", str(examples / "funds.yaml"))
    desktop.get_by_role("button", name="计算").click()
    desktop.wait_for_selector(".chart .main-svg", timeout=60000)
    assert "最优配置" in desktop.content()
    desktop.screenshot(path=str(DOCS / "console-allocation.png"), full_page=True)
