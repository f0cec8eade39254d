"""A firm's agent in a real browser at phone width: authorised by the representative, applies, is revoked and is
signed out at its next page load."""

from __future__ import annotations

import datetime as dt
import re

from policyreach import clock
from tests.browser.conftest import ARTIFACTS, PHONE


def _sign_in(page, server: str, username: str, password: str) -> None:
    page.goto(f"{server}/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_representative_authorises_an_agent_who_applies_and_is_revoked(browser, server, served_platform) -> None:
    from tests.web.test_one_click import _firm_with_a_one_click_benefit

    username, benefit_id = _firm_with_a_one_click_benefit(served_platform)
    options = {"viewport": PHONE, "locale": "zh-CN", "is_mobile": True, "has_touch": True}
    representative = browser.new_context(**options).new_page()
    agent = browser.new_context(**options).new_page()
    try:
        _sign_in(representative, server, username, "demo1234")
        representative.wait_for_url("**/me/policies")
        representative.get_by_role("link", name="经办人").click()
        representative.wait_for_url("**/me/agents")
        representative.get_by_label("经办人姓名").fill("周会计")
        representative.get_by_label("手机号").fill("13912345678")
        representative.get_by_role("checkbox", name="申报", exact=True).check()
        last_day = clock.today() + dt.timedelta(days=90)
        representative.get_by_label("有效期至").fill(last_day.isoformat())
        representative.get_by_role("button", name="授权", exact=True).click()
        assert "已授权：周会计" in representative.locator("#granted").inner_text()
        agent_name = representative.locator("#granted-username").inner_text()
        agent_password = representative.locator("#granted-password").inner_text()
        assert _fits_the_screen(representative)

        _sign_in(agent, server, agent_name, agent_password)
        agent.wait_for_url("**/account/password")  # a password the platform chose: the agent sets its own first
        agent.get_by_label("当前密码").fill(agent_password)
        agent.get_by_label("新密码（至少 12 位）").fill("Agent-pass-2026!")
        agent.get_by_label("再次输入新密码").fill("Agent-pass-2026!")
        agent.get_by_role("button", name=re.compile("修改|确认|保存")).click()
        agent.wait_for_url("**/account/password?done=1")
        agent.goto(f"{server}/me/policies")
        agent.goto(f"{server}/me/benefits/{benefit_id}")
        title = agent.get_by_role("heading", level=1).inner_text()
        agent.fill("#account_number", "6222 0202 0011 2233")
        agent.get_by_role("button", name=re.compile("一键申领")).click()
        agent.wait_for_url("**/me/applications**")
        assert "已核准" in agent.content()

        representative.goto(f"{server}/me/agents")  # not a reload: that would send the authorisation again
        assert representative.get_by_role("alert").count() == 0
        card = representative.locator("section.agent", has_text="周会计")
        assert "查看、申报" in card.inner_text() and "有效" in card.inner_text()
        record = card.locator("table.agent-actions").inner_text()
        assert "一键申领" in record and title.split(" · ")[0].strip() in record
        assert _fits_the_screen(representative)
        representative.screenshot(path=str(ARTIFACTS / "portal-agents-phone.png"), full_page=True)
        card.get_by_role("button", name="撤销周会计的授权").click()
        representative.wait_for_url("**/me/agents**")
        assert "已撤销" in representative.locator("section.agent", has_text="周会计").inner_text()

        agent.reload()  # the next page load of the agent's browser: signed out at once
        agent.wait_for_url("**/login**")
        assert agent.get_by_label("用户名").is_visible()
    finally:
        representative.context.close()
        agent.context.close()
