"""Pages in a real browser: a firm on a phone, an officer's chart, a talent's report."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader

ARTIFACTS_DIR = Path(__file__).resolve().parents[1] / "artifacts"
# screenshots go to tests/artifacts; POLICYREACH_DOCS_SCREENSHOTS=1 refreshes the ones the README shows
DOCS = (
    Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    if os.environ.get("POLICYREACH_DOCS_SCREENSHOTS")
    else Path(__file__).resolve().parents[1] / "artifacts"
)


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


def test_officer_sees_a_chart(desktop, server, served_platform) -> None:
    _login(desktop, server, "admin")
    desktop.wait_for_url("**/console")
    desktop.screenshot(path=str(DOCS / "console-library.png"), full_page=False)
    with served_platform.sessions() as session:
        busiest = served_platform.simulation(session).benefits.sort("eligible", descending=True)["benefit_id"][0]
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
    # no file: a published policy picked, one of its figures changed in the form
    desktop.goto(f"{server}/console/reform")
    desktop.select_option("#pick", "cc-xinqu")
    desktop.get_by_role("button", name="修改这项政策").click()
    form = desktop.locator("form[action='/console/reform/policy']")
    field = form.locator("input[name='value']").first
    field.fill(str(Decimal(field.input_value().replace(",", "")) * 2))
    form.get_by_role("button", name="测算").click()
    desktop.wait_for_selector(".chart .main-svg", timeout=15000)
    assert "资金拨付：" in desktop.content()  # totals per way the money reaches firms, never one sum across them
    desktop.locator("section[aria-labelledby='result-h']").screenshot(path=str(DOCS / "console-reform.png"))
    # a plan file still works, folded under its summary
    desktop.goto(f"{server}/console/reform")
    desktop.get_by_text("上传改革方案文件").click()
    desktop.set_input_files("#reform", str(examples / "reforms" / "hightech-award.yaml"))
    desktop.locator("form[action='/console/reform']").get_by_role("button", name="测算").click()
    desktop.wait_for_selector(".chart .main-svg", timeout=15000)
    # allocation from the funds and the claims already in the platform
    desktop.goto(f"{server}/console/allocation")
    with desktop.expect_navigation():
        desktop.locator("form[action='/console/allocation/platform']").get_by_role("button", name="计算").click()
    assert "最优配置" in desktop.content()
    desktop.screenshot(path=str(DOCS / "console-allocation.png"), full_page=True)


def test_one_click_claim_is_approved_publicised_and_paid(browser, server, served_platform) -> None:
    from openpyxl import load_workbook

    from tests.web.test_one_click import _firm_with_a_one_click_benefit

    username, benefit_id = _firm_with_a_one_click_benefit(served_platform)
    firm = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN").new_page()
    _login(firm, server, username)
    firm.goto(f"{server}/me/benefits/{benefit_id}")
    registered = firm.input_value("#account_name")  # pre-filled with the firm's registered name
    firm.fill("#account_number", "6222 0202 0011 2233")
    firm.get_by_role("button", name=re.compile("一键申领")).click()
    firm.wait_for_url("**/me/applications**")
    assert "已核准" in firm.content()

    officer = browser.new_context(locale="zh-CN", accept_downloads=True).new_page()
    _login(officer, server, "admin")
    officer.goto(f"{server}/console/applications?state=approved")
    # its own row: other tests' approved claims share the served platform's queue
    application_id = firm.url.rsplit("#a", 1)[1]
    officer.locator(f"tr[id='a{application_id}']").get_by_role("link", name=re.compile("查看")).click()
    officer.wait_for_url(f"**/console/applications/{application_id}**")
    officer.get_by_role("button", name="开始公示").click()
    officer.wait_for_url("**/console/applications?state=approved**")  # back to the queue as it was filtered
    officer.goto(f"{server}/console/applications?state=notice")
    assert "公示中" in officer.content()
    # the batch is dated by the server, never by the form: move the platform's day past the notice period
    pinned = served_platform.pinned_as_of
    served_platform.pinned_as_of = pinned + dt.timedelta(days=8)
    try:
        officer.reload()
        assert "拨付日期：" + str(pinned + dt.timedelta(days=8)) in officer.content()
        officer.get_by_role("button", name=re.compile("生成拨付批次")).click()
    finally:
        served_platform.pinned_as_of = pinned
    with officer.expect_download() as info:
        officer.get_by_role("link", name="导出拨付清单").first.click()
    book = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert [c.value for c in book.active[1]][7:9] == ["收款账户名称", "收款账号"]
    assert any(r[7].value == registered and r[8].value == "6222020200112233" for r in book.active.iter_rows(min_row=2))
    for row in book.active.iter_rows(min_row=2):
        row[9].value = f"BANK-{row[1].value}"
    confirmed = ARTIFACTS_DIR / "bank-confirmation.xlsx"
    book.save(confirmed)
    officer.set_input_files("#bank_file", str(confirmed))
    officer.get_by_role("button", name="导入并标记已拨付").click()
    officer.wait_for_url("**state=paid**")
    firm.goto(f"{server}/me/applications")
    assert "已拨付" in firm.content()
    firm.screenshot(path=str(DOCS / "portal-applications-phone.png"), full_page=True)
