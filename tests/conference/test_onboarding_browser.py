"""The office onboards its conference in a browser: the roster from XLSX (a bad row refused, nothing taken), the
year's plan through 审定, an activity held with paper sign-in and a leave approved after the day, and the attendance
closed — nobody excused or signed on paper is marked absent; a past year imported and set beside the year in the
generated report. Screenshots go to tests/artifacts; POLICYREACH_DOCS_SCREENSHOTS=1 refreshes the README's
docs/screenshots/conference-onboarding-*.png."""

from __future__ import annotations

import io
import os
import secrets
import shutil

from openpyxl import Workbook

from policyreach.clock import today
from policyreach.conference import roster
from tests.conference.test_records_browser import DOCS, _login
from tests.conftest import ARTIFACTS

HEADERS = ["姓名", "界别", "专门委员会", "党派", "职务", "联系电话", "届次", "登录账号"]


def _xlsx(path, rows) -> str:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    path.write_bytes(out.getvalue())
    return str(path)


def _shot(page, name: str, full_page: bool = True) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=full_page)
    if os.environ.get("POLICYREACH_DOCS_SCREENSHOTS"):  # docs change on request only, like the other browser tests
        DOCS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ARTIFACTS / name, DOCS / name)


def _logout(page, server: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{server}/login")


def test_the_office_onboards_plans_holds_and_closes_attendance_fairly(desktop, server, tmp_path) -> None:
    tag = secrets.token_hex(3)
    committee, paper_name, leave_name, login = f"测试专委会{tag}", f"纸签委员{tag}", f"请假委员{tag}", f"leave{tag}"
    page = desktop
    _login(page, server, "committee1")
    page.goto(f"{server}/conference/roster")
    bad = [[paper_name, "经济界", committee, "民盟", "", "13800001234", "第十四届", ""],
           [leave_name, "科技界", committee, "九三学社", "", "12345", "第十四届", login]]  # fmt: skip
    page.get_by_label("委员名册文件（.xlsx）").set_input_files(_xlsx(tmp_path / "bad.xlsx", bad))
    page.get_by_role("region", name="导入委员名册").get_by_role("button", name="检查并导入").click()
    alert = page.get_by_role("alert")
    assert "所有行均未写入" in alert.inner_text() and "第 3 行“联系电话”" in alert.inner_text()
    assert page.get_by_role("link", name="下载标注了错误的副本").is_visible()
    _shot(page, "conference-onboarding-1-roster-refused.png")
    bad[1][5] = "13900005678"
    page.get_by_label("委员名册文件（.xlsx）").set_input_files(_xlsx(tmp_path / "good.xlsx", bad))
    page.get_by_role("region", name="导入委员名册").get_by_role("button", name="检查并导入").click()
    done = page.get_by_role("status").inner_text()
    assert "新增 2 条" in done and "开通账号 1 个" in done
    password = page.locator("tr", has_text=login).locator("code").inner_text()

    # the next year's plan: drafted and submitted by the office, 审定 by a leader, published by the office
    year = today().year + 1
    page.goto(f"{server}/conference/activities?year={year}")
    page.get_by_role("button", name="起草本年度协商计划").click()
    page.get_by_role("button", name="报送审定").click()
    assert page.locator("#plan-h").inner_text() == "年度协商计划：已报审"
    _logout(page, server)
    _login(page, server, "lingdao")
    page.goto(f"{server}/conference/activities?year={year}")
    page.get_by_label("审定机关").fill("中共长春市委常委会会议")
    page.get_by_label("审定日期").fill(str(today()))
    page.get_by_role("button", name="登记审定").click()
    assert f"经中共长春市委常委会会议于 {today()} 审定" in page.content()
    _logout(page, server)
    _login(page, server, "committee1")
    page.goto(f"{server}/conference/activities?year={year}")
    page.get_by_role("button", name="印发").click()
    assert page.locator("#plan-h").inner_text() == "年度协商计划：已印发"

    # an activity today, noticed to the new committee's two members
    page.goto(f"{server}/conference/activities?year={today().year}")
    page.get_by_text("列入协商计划").click()
    page.get_by_label("活动名称").fill(f"公平考勤座谈会{tag}")
    page.get_by_label("形式").select_option("协商座谈会")
    page.get_by_label("日期").first.fill(str(today()))
    page.get_by_label("牵头专委会").fill(committee)
    page.get_by_label("通知（填写即发出）").fill("请准时出席。")
    page.get_by_label("邀请").first.select_option("committee")
    page.get_by_role("button", name="列入计划").click()
    card = page.locator("section.card", has_text=f"公平考勤座谈会{tag}")
    card.get_by_role("button", name="活动已举行").click()
    # the code members scan at the venue (tests/conference/test_venue.py signs in with it)
    page.goto(f"{server}/conference/activities?year={today().year}")
    page.locator("section.card", has_text=f"公平考勤座谈会{tag}").get_by_role(
        "link", name="考勤（纸质签到、请假审批、确认）"
    ).click()
    page.get_by_role("link", name="展示扫码签到二维码").click()
    qr = page.get_by_role("img", name="扫码签到二维码", exact=False)
    assert qr.is_visible()  # and the SVG loaded, waited for since the image may load after the page's load event
    assert page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=qr.element_handle())
    _shot(page, "conference-onboarding-2-venue-qr.png")

    # the member with the new account asks for leave after the day (first sign-in: the password is changed first)
    _logout(page, server)
    page.get_by_label("用户名").fill(login)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.get_by_label("当前密码").fill(password)
    new = "Xq" + secrets.token_urlsafe(10) + "9!"
    page.get_by_label("新密码（至少 12 位）").fill(new)
    page.get_by_label("再次输入新密码").fill(new)
    page.get_by_role("button", name="修改密码").click()
    page.goto(f"{server}/conference/activities?year={today().year}")
    card = page.locator("section.card", has_text=f"公平考勤座谈会{tag}")
    card.get_by_label("请假事由（活动后补请假）").fill("当天突发疾病就医")
    card.get_by_role("button", name="请假").click()
    assert "请假待审批" in page.locator("section.card", has_text=f"公平考勤座谈会{tag}").inner_text()

    # the office: the paper list, the leave approved, the reconciliation, then closing
    _logout(page, server)
    _login(page, server, "committee1")
    page.goto(f"{server}/conference/activities?year={today().year}")
    page.locator("section.card", has_text=f"公平考勤座谈会{tag}").get_by_role(
        "link", name="考勤（纸质签到、请假审批、确认）"
    ).click()
    assert page.get_by_role("button", name="确认考勤").is_disabled()  # a leave awaits its decision
    page.locator("tr", has_text=paper_name).get_by_label("纸质签到表上有签名").check()
    page.get_by_role("button", name="录入勾选的纸质签到").click()
    page.locator("tr", has_text=leave_name).get_by_role("button", name="批准请假").click()
    recon = page.locator("section", has=page.get_by_role("heading", name="核对")).inner_text()
    assert "出席 1 人（其中纸质签到 1 人），请假已批准 1 人" in recon and "未签到且未请假 0 人" in recon
    page.get_by_label("已核对签到和请假：0 人将记为无故缺席").check()
    page.get_by_role("button", name="确认考勤").click()
    assert "考勤已确认" in page.get_by_role("status").inner_text()
    assert page.locator("tr", has_text=paper_name).locator("td").nth(3).inner_text() == "出席"
    assert page.locator("tr", has_text=leave_name).locator("td").nth(3).inner_text() == "请假"
    assert "无故缺席" not in page.locator("table").inner_text()
    _shot(page, "conference-onboarding-3-attendance-closed.png")


def test_a_past_year_imported_stands_beside_the_year_in_the_generated_report(desktop, server, tmp_path) -> None:
    page = desktop
    _login(page, server, "committee1")
    page.goto(f"{server}/conference/statistics")
    year = int(page.get_by_role("heading", level=1).inner_text()[:4])  # the last complete year, the demo's
    past = year - 1
    headers = [c.header for c in roster.kinds()["proposals"][1]]
    rows = [
        {"编号": f"{past}-史001", "立案情况": "立案", "答复日期": f"{past}-06-30", "答复类别": "A", "评价": "满意"},
        {"编号": f"{past}-史002", "立案情况": "立案", "答复日期": f"{past}-08-15", "答复类别": "B", "提出时段": "平时"},
        {"编号": f"{past}-史003", "立案情况": "不立案"},
    ]
    book = Workbook()
    book.active.append(headers)
    for row in rows:
        filed = {"承办单位": "长春市商务局"} if row["立案情况"] == "立案" else {}
        base = {"年度": past, "标题": f"往年提案{row['编号']}", "提出者": "民盟长春市委", "来源": "党派团体"}
        full = {**base, "提出时段": "大会", **filed, **row}
        book.active.append([full.get(h) for h in headers])
    path = tmp_path / "past.xlsx"
    book.save(path)
    page.goto(f"{server}/conference/roster")
    page.get_by_label("往年提案文件（.xlsx）").set_input_files(str(path))
    page.get_by_role("region", name="导入往年提案").get_by_role("button", name="检查并导入").click()
    assert "新增 3 条" in page.get_by_role("status").inner_text()
    _shot(page, "conference-onboarding-4-past-year-imported.png")
    page.goto(f"{server}/conference/statistics?year={year}")
    page.get_by_role("link", name="年度统计报告（网页，含上年对比）").click()
    table = page.locator("table").first
    assert [t.strip() for t in table.locator("th").all_inner_texts()] == ["指标", f"{year}年", f"{past}年", "比上年"]

    def row(label: str) -> list[str]:
        return (
            table.locator("tr")
            .filter(has=page.get_by_role("cell", name=label, exact=True))
            .locator("td")
            .all_inner_texts()
        )

    assert row("收到提案")[2] == "3件"  # the imported year's figure, beside the demo year's
    assert row("立案")[2] == "2件" and row("不立案")[2] == "1件" and row("已解决或采纳（A类）")[2] == "1件"
    _shot(page, "conference-onboarding-5-annual-report.png", full_page=False)  # its first section: the proposals
