"""A member reads the annual assessment on a phone: score, grade and every clause with the member's own
figures, from the engine's explanation renderer (browser test; screenshots in tests/artifacts, and
POLICYREACH_DOCS_SCREENSHOTS=1 refreshes docs/screenshots/)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from tests.browser.conftest import ARTIFACTS

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _login(page, server: str, username: str) -> None:
    page.goto(f"{server}/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("demo1234")
    with page.expect_navigation():
        page.get_by_role("button", name="登录").click()


def test_member_reads_the_assessment_clause_by_clause_on_a_phone(phone, server) -> None:
    _login(phone, server, "weiyuan")
    phone.goto(f"{server}/conference/activities")
    phone.get_by_role("link", name="履职档案").click()
    phone.wait_for_url(re.compile(r".*/conference/members/\d+/assessment$"))
    heading = phone.get_by_role("heading", level=1).inner_text()
    assert "年度履职档案与考核" in heading
    summary = phone.locator(".assessment-summary").inner_text()
    assert re.search(r"\d+(\.\d+)? 分 · 等次 (优秀|合格|基本合格|不合格)", summary)
    rows = phone.locator("table.clauses").first.locator("tbody tr")
    assert rows.count() == 9  # one row per score clause of the policy
    proposals = phone.locator('tr[data-item="cppcc-score-meetings"]')
    assert proposals.locator("td.clause").inner_text().startswith("第四条 会议出席")
    assert re.search(r"出席了全体会议或常委会议（您：\d+次，满足）", proposals.inner_text())
    assert "本项得" in proposals.inner_text()
    assert phone.get_by_role("heading", name="等次评定").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), "page scrolls sideways"
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "conference-assessment-phone.png"
    phone.evaluate("window.scrollTo(0, document.querySelector('.assessment-summary').offsetTop - 8)")
    phone.screenshot(path=str(shot))  # one screen: the score, the grade and the first clause (the fixture keeps all)
    if os.environ.get("POLICYREACH_DOCS_SCREENSHOTS"):  # like the other browser tests: docs change on request only
        DOCS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, DOCS / "conference-assessment-phone.png")
    # another member's record is refused even with the address typed in
    mine = int(re.search(r"/members/(\d+)/", phone.url).group(1))
    response = phone.goto(f"{server}/conference/members/{mine + 1}/assessment")
    assert response is not None and response.status == 403


def test_leader_reads_the_year_at_a_glance_with_charts_on_a_phone(phone, server) -> None:
    _login(phone, server, "lingdao")
    phone.goto(f"{server}/conference/statistics")
    assert phone.get_by_role("heading", level=1).inner_text().endswith("年度履职统计 示例数据")
    phone.wait_for_selector(".chart .main-svg")  # Plotly drew the charts (served locally)
    assert phone.locator(".chart .js-plotly-plot").count() == 4
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), "page scrolls sideways"
    with phone.expect_download() as info:
        phone.get_by_role("link", name="导出 Excel").click()
    assert info.value.suggested_filename.endswith(".xlsx")


def test_leader_registers_a_covered_park_on_a_phone(phone, server) -> None:
    _login(phone, server, "lingdao")
    phone.goto(f"{server}/conference/liaison")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), "page scrolls sideways"
    phone.get_by_label("类型", exact=True).select_option(label="园区")
    phone.get_by_label("项目或园区名称").fill("北湖科技园（浏览器测试）")
    phone.get_by_label("项目或园区名称").press("Enter")  # the keyboard submits the form
    phone.wait_for_url(re.compile(r".*/conference/liaison/\d+\?note=.*"))
    assert phone.get_by_role("heading", level=1).inner_text().startswith("北湖科技园（浏览器测试）")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), "page scrolls sideways"
    phone.goto(f"{server}/conference/liaison")
    assert phone.get_by_role("link", name="北湖科技园（浏览器测试）").count() == 1
