"""The issue's "Done when" path in a real browser: a member submits a joint proposal, the co-signer confirms, the
committee files and assigns it, the lead unit answers with class A and a link to a benefit, the member rates it
满意. Screenshots go to tests/artifacts; POLICYREACH_DOCS_SCREENSHOTS=1 refreshes docs/screenshots/conference-*.png."""

from __future__ import annotations

import os
from pathlib import Path

from tests.browser.conftest import PHONE

# the session fixtures shared with the browser tests

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / ("docs/screenshots" if os.environ.get("POLICYREACH_DOCS_SCREENSHOTS") else "tests/artifacts")
TITLE = "关于提高首次认定高企奖励标准支持科技企业的建议"


def _page(browser, phone: bool):
    if phone:
        context = browser.new_context(
            viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN"
        )
    else:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    return context, context.new_page()


def _login(page, server: str, username: str, target: str) -> None:
    page.goto(f"{server}/login?next={target}")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("demo1234")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"**{target}")


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_member_to_unit_to_member_done_when_path(browser, server, served_platform):
    SHOTS.mkdir(parents=True, exist_ok=True)
    benefit = next(b for b in served_platform.compiled.benefits if b.id == "ht-hightech-first")
    contexts = []
    try:
        # 1. the member drafts and submits a joint proposal, on a phone
        context, member = _page(browser, phone=True)
        contexts.append(context)
        _login(member, server, "member1", "/conference/proposals/new")
        member.get_by_label("标题").fill(TITLE)
        member.get_by_label("案由").fill("首次认定国家高新技术企业的奖励偏低，科技型中小企业申报高企的积极性不高。")
        member.get_by_label("分析").fill("同类城市的奖励普遍高于我市，且需企业另行申报。")
        member.get_by_label("具体建议").fill("提高首次认定高新技术企业的奖励标准，奖励免申即享直达企业。")
        member.get_by_label("长春市科学技术局").check()
        member.get_by_label("李晓东（科学技术界）").check()
        member.get_by_label("同意立案后在公开页面公布本提案及答复").check()
        assert _fits(member)
        member.screenshot(path=str(SHOTS / "conference-1-member-drafts-phone.png"), full_page=True)
        member.get_by_role("button", name="提交", exact=True).click()
        member.wait_for_url("**/conference/proposals/*")
        assert member.locator("#state").inner_text() == "联名待确认"
        url = member.url.split("?")[0]
        path = url.removeprefix(server)

        # 2. the co-signer confirms
        context, cosigner = _page(browser, phone=True)
        contexts.append(context)
        _login(cosigner, server, "member2", "/conference/proposals")
        cosigner.locator("#cosign").get_by_role("link", name=TITLE).click()
        cosigner.get_by_role("button", name="确认联名").click()
        cosigner.wait_for_url("**note=*")
        assert cosigner.locator("#state").inner_text() == "待审查"

        # 3. the committee sees likely duplicates side by side, files and assigns
        context, committee = _page(browser, phone=False)
        contexts.append(context)
        _login(committee, server, "committee1", path)
        duplicates = committee.locator("#review .dup")
        assert duplicates.count() == 3 and "高新技术企业" in duplicates.first.inner_text()
        committee.screenshot(path=str(SHOTS / "conference-2-committee-duplicates.png"), full_page=True)
        committee.get_by_role("button", name="立案").click()
        committee.wait_for_url("**note=*")
        assert committee.locator("#state").inner_text() == "已立案待交办"
        committee.get_by_label("主办单位").select_option(label="长春市科学技术局")
        committee.get_by_role("button", name="交办").click()
        committee.wait_for_url("**note=*")
        assert committee.locator("#state").inner_text() == "办理中"

        # 4. the lead unit contacts the proposer and answers class A with a link to a benefit, on a phone
        context, unit = _page(browser, phone=True)
        contexts.append(context)
        _login(unit, server, "unit2", "/conference/proposals")  # 长春市科学技术局
        assert _fits(unit)  # the unit's list of assignments on a phone
        unit.locator("#tasks").get_by_role("link", name=TITLE).click()
        unit.get_by_label("与提案人沟通情况").fill("电话联系提案人，听取对奖励标准的意见")
        unit.get_by_role("button", name="记录沟通").click()
        unit.wait_for_url("**note=*")
        unit.get_by_label("书面答复").fill(
            "建议已采纳：首次认定国家高新技术企业奖励自2026年起提高至30万元，符合条件的企业一键即享。"
        )
        unit.get_by_label("答复类别").select_option("A")
        unit.get_by_label("落实该建议的兑现事项（可选）").select_option(benefit.id)
        unit.get_by_role("button", name="提交答复").click()
        unit.wait_for_url("**note=*")
        assert unit.locator("#state").inner_text() == "已答复待评价"
        assert _fits(unit)
        unit.screenshot(path=str(SHOTS / "conference-3-unit-answers-phone.png"), full_page=True)

        # 5. the member rates it 满意 and follows the link to the benefit
        member.goto(url)
        assert benefit.spec.title in member.locator("#handling").inner_text()
        member.get_by_label("满意", exact=True).check()
        member.get_by_role("button", name="提交评价").click()
        member.wait_for_url("**note=*")
        assert member.locator("#state").inner_text() == "已办结"
        member.screenshot(path=str(SHOTS / "conference-4-member-rates-phone.png"), full_page=True)
        member.goto(f"{server}/conference/public?q=高新技术企业")
        assert _fits(member) and member.locator("table tbody tr").count() >= 1
        member.goto(url)
        member.locator("a.benefit-link").click()
        member.wait_for_url(f"**/conference/benefits/{benefit.id}")
        assert TITLE in member.locator("#proposals").inner_text()
    finally:
        for context in contexts:
            context.close()
