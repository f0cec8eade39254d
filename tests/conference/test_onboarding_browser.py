"""The office onboards its conference in a browser: the roster from XLSX (a bad row refused, nothing taken), the
year's plan through 审定, an activity held with paper sign-in and a leave approved after the day, and the attendance
closed — nobody excused or signed on paper is marked absent."""

from __future__ import annotations

import io
import secrets

from openpyxl import Workbook

from policyreach.clock import today
from tests.conference.test_records_browser import _login

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
