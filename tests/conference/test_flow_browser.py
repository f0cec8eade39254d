"""A member, the committee and two units in a real browser: the proposal filed, 立案, 交办 (主办 + 会办), 催办 once it
is overdue, answered by every unit, evaluated; each person lands on their pending items and reads, in the inbox, a
message for each step that concerns them, with dates as people write them and no English internals.

Between the steps the test runs the conference's scheduler round (the announcer the worker's tick runs) and the
催办 of a day after the deadline, as the worker under `make run` would."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select

from policyreach.conference import announce, proposals
from policyreach.conference.models import Proposal
from tests.browser.conftest import PHONE

TITLE = "关于延长夜间公交运营时间服务夜经济的建议（流程测试）"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
INTERNAL = re.compile(r"[A-Za-z_]{3,}")


def _page(browser, phone: bool):
    options = (
        {"viewport": PHONE, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
        if phone
        else {"viewport": {"width": 1280, "height": 900}}
    )
    context = browser.new_context(locale="zh-CN", **options)
    return context, context.new_page()


def _login(page, server: str, username: str) -> None:
    page.goto(f"{server}/login?next=/conference")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("demo1234")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/conference")


def _round(platform) -> None:
    """One scheduler round of the conference (what push.events.tick runs through the plug-in hook)."""
    with platform.sessions() as session, session.begin():
        announce.announce(session)


def _inbox(page, server: str) -> str:
    page.goto(f"{server}/me/inbox")
    text = page.locator("ul.inbox").inner_text()
    # the messages' own words (each item's time stamp is the platform's one Beijing-time format, checked elsewhere)
    words = re.sub(r"\n[^\n]* · \d{4}-\d{2}-\d{2} \d{2}:\d{2}\n", "\n", text)
    assert not ISO_DATE.search(words), words  # dates read 2026年6月1日
    assert not INTERNAL.search(words), words  # no action names, field names or Python values
    return text


def test_member_committee_and_units_from_filing_to_evaluation(browser, server, served_platform):
    _round(served_platform)  # the announcer's watermark is set before the first step
    contexts = []
    try:
        context, member = _page(browser, phone=True)
        contexts.append(context)
        _login(member, server, "member1")
        assert member.locator("h1").inner_text().startswith("待办事项")
        member.get_by_role("link", name="＋ 撰写新提案").click()
        member.get_by_label("标题").fill(TITLE)
        member.get_by_label("案由").fill("夜市和商圈晚间客流大，末班公交过早，群众夜间出行不便。")
        member.get_by_label("分析").fill("夜间公交线路少、班次稀，影响夜经济发展。")
        member.get_by_label("具体建议").fill("在夜市和商圈周边开通夜间公交专线，末班车延至二十三时。")
        member.get_by_role("button", name="提交", exact=True).click()
        member.wait_for_url("**/conference/proposals/*")
        assert member.locator("#state").inner_text() == "待审查"
        path = member.url.split("?")[0].removeprefix(server)
        _round(served_platform)

        # the committee lands on its pending items, opens the list to review, files and assigns
        context, committee = _page(browser, phone=False)
        contexts.append(context)
        _login(committee, server, "committee1")
        assert int(committee.locator("#todo-review .n").inner_text().split()[0].removesuffix("件")) >= 1
        committee.locator("#todo-review").click()
        committee.locator("#list").get_by_role("link", name=TITLE).click()
        committee.get_by_role("button", name="立案").click()
        committee.wait_for_url("**note=*")
        committee.get_by_label("主办单位").select_option(label="长春市商务局")
        committee.locator("#assign summary", has_text="会办单位").click()
        committee.locator('#assign label:has(input[name="co"])', has_text="长春市交通运输局").locator("input").check()
        committee.get_by_role("button", name="交办").click()
        committee.wait_for_url("**note=*")
        assert committee.locator("#state").inner_text() == "办理中"
        _round(served_platform)

        # the deadline passes without an answer: the day's 催办 (the worker's job), then a round
        with served_platform.sessions() as session, session.begin():
            p = session.scalar(select(Proposal).where(Proposal.title == TITLE))
            assert p is not None and p.deadline is not None
            chased = proposals.chase(session, p.deadline + dt.timedelta(days=5))
            assert any(item.proposal.id == p.id and item.days_late == 5 for item in chased)
            number = p.number
        _round(served_platform)

        # the co-handling unit sends its opinion; the lead unit sees it waited for, then answers
        context, lead = _page(browser, phone=True)
        contexts.append(context)
        _login(lead, server, "unit1")  # 长春市商务局
        assert int(lead.locator("#todo-answer .n").inner_text().split()[0].removesuffix("件")) >= 1
        lead.locator("#todo-answer").click()
        lead.locator("#list").get_by_role("link", name=TITLE).click()
        lead.get_by_label("与提案人沟通情况").fill("电话联系提案人，听取线路设置意见")
        lead.get_by_role("button", name="记录沟通").click()
        lead.wait_for_url("**note=*")
        assert "长春市交通运输局" in lead.locator(".waiting-co").inner_text()

        context, co = _page(browser, phone=True)
        contexts.append(context)
        _login(co, server, "unit3")  # 长春市交通运输局
        co.locator("#todo-opinion").click()
        co.locator("#list").get_by_role("link", name=TITLE).click()
        co.get_by_label("会办意见（送主办单位）").fill("同意开通夜间专线，本局负责线路审批和站点设置。")
        co.get_by_role("button", name="送主办单位").click()
        co.wait_for_url("**note=*")
        _round(served_platform)

        lead.reload()
        assert lead.locator(".waiting-co").count() == 0
        lead.get_by_label("书面答复").fill("建议已采纳：夜市周边开通两条夜间公交专线，末班车延至二十三时，本月起运行。")
        lead.get_by_label("答复类别").select_option("A")
        lead.get_by_role("button", name="提交答复").click()
        lead.wait_for_url("**note=*")
        assert lead.locator("#state").inner_text() == "已答复待评价"
        _round(served_platform)

        # the member lands on the answer to evaluate and rates it
        member.goto(f"{server}/conference")
        assert member.locator("#todo-evaluate .n").inner_text().split()[0].removesuffix("件") != "0"
        member.locator("#todo-evaluate").click()
        member.locator("#list").get_by_role("link", name=TITLE).click()
        member.get_by_label("满意", exact=True).check()
        member.get_by_role("button", name="提交评价").click()
        member.wait_for_url("**note=*")
        assert member.locator("#state").inner_text() == "已办结"
        assert member.url.split("?")[0].removeprefix(server) == path
        _round(served_platform)

        # what each one was told, in their inbox
        told = _inbox(member, server)
        for subject in (
            f"提案已立案：《{TITLE}》",
            f"提案 {number} 已交办：《{TITLE}》",
            f"已催办：提案 {number}",
            f"承办单位已答复：《{TITLE}》",
            f"请评价办理结果：《{TITLE}》",
        ):
            assert subject in told, subject
        assert "超过答复期限 5 天" in told and "答复类别 A 类" in told
        assert f"新提案待审查：《{TITLE}》" in _inbox(committee, server)
        lead_told = _inbox(lead, server)
        assert f"新交办提案（主办）：提案 {number}" in lead_told
        assert f"催办：提案 {number} 已超期 5 天" in lead_told
        assert f"收到会办意见：提案 {number}" in lead_told and f"提案人评价：满意（提案 {number}）" in lead_told
        assert re.search(r"答复期限 \d{4}年\d{1,2}月\d{1,2}日", lead_told)
        assert f"新交办提案（会办）：提案 {number}" in _inbox(co, server)
        # a message opens the proposal, and its button does not speak of applying for a benefit
        member.get_by_role("link", name=f"请评价办理结果：《{TITLE}》").click()
        member.get_by_role("link", name="查看详情", exact=True).click()
        member.wait_for_url(f"**{path}")
    finally:
        for context in contexts:
            context.close()
