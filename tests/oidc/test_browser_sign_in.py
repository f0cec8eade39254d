"""A firm's legal person on a phone signs in through the unified identity in a real browser (Debian's chromium), sees
the firm's policies, and signs out of the platform and of the provider."""

from __future__ import annotations

import datetime as dt
import re

from policyreach import clock
from tests.conftest import ARTIFACTS, PHONE
from tests.oidc.conftest import Oidc


def _through_the_provider(page, oidc: Oidc, login: str) -> None:
    page.goto(f"{oidc.app_url}/login")
    page.get_by_role("link", name="使用统一身份认证登录").click()
    page.wait_for_url(f"{oidc.issuer}/**")
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("any")
    page.locator("button[type=submit]").click()
    page.wait_for_url(f"{oidc.app_url}/me/policies")


def test_a_firm_signs_in_on_a_phone_through_the_unified_identity_and_out_again(phone, oidc: Oidc) -> None:
    phone.goto(f"{oidc.app_url}/login")
    phone.get_by_role("link", name="使用统一身份认证登录").click()
    phone.wait_for_url(f"{oidc.issuer}/**")  # the provider's own sign-in page
    phone.locator("input[name=login]").fill("legal-person-phone")
    phone.locator("input[name=password]").fill("any")
    phone.locator("button[type=submit]").click()
    phone.wait_for_url(f"{oidc.app_url}/me/policies")
    assert phone.get_by_role("heading", level=1).inner_text().endswith("我的政策")
    assert oidc.firm.name in phone.locator("body").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "oidc-portal-phone.png"))

    phone.get_by_role("button", name="退出").click()
    phone.wait_for_url(f"{oidc.issuer}/session/end**")  # RP-initiated logout: the provider asks to confirm
    phone.get_by_role("button", name="Yes, sign me out").click()
    phone.wait_for_url(f"{oidc.app_url}/login**")
    assert phone.get_by_role("heading", level=1).inner_text() == "登录政策通"
    phone.goto(f"{oidc.app_url}/me/policies")  # the platform's session is over
    phone.wait_for_url(f"{oidc.app_url}/login**")


def _open_a_claimable_benefit(page, oidc: Oidc, platform) -> None:
    """The claimant's one-click benefit chosen when the session began or, when other tests of this process have since
    used up its fund's budget or closed its window, another of its one-click benefits that still offers the claim."""
    with platform.sessions() as session:
        firm = session.merge(oidc.claimant, load=True)
        matches = platform.matcher.match(platform.record(firm))
    candidates = [oidc.benefit_id] + [
        m.benefit_id for m in matches if m.one_click and m.benefit.spec.redemption == "instant"
    ]
    for benefit_id in dict.fromkeys(candidates):
        page.goto(f"{oidc.app_url}/me/benefits/{benefit_id}")
        if page.get_by_role("button", name=re.compile("一键申领")).count():
            return
    raise AssertionError(f"no one-click claim offered to the agent: {page.locator('main').inner_text()[:800]}")


def test_a_legal_person_signed_in_by_unified_identity_authorises_an_agent_who_claims_and_is_revoked(
    browser, oidc: Oidc, platform
) -> None:
    """The whole path of issue 20's first proof: both people sign in through the provider, never with a password."""
    options = {"viewport": PHONE, "locale": "zh-CN", "is_mobile": True, "has_touch": True}
    legal = browser.new_context(**options).new_page()
    agent = browser.new_context(**options).new_page()
    try:
        _through_the_provider(legal, oidc, "legal-person-agents")
        assert oidc.claimant.name in legal.locator("body").inner_text()
        legal.get_by_role("link", name="经办人").click()
        legal.wait_for_url("**/me/agents")
        legal.get_by_label("经办人姓名").fill("周会计")
        legal.get_by_label("手机号").fill("13912340001")
        legal.get_by_label("统一身份认证标识（可选）").fill("agent-person-1")
        legal.get_by_role("checkbox", name="申报", exact=True).check()
        legal.get_by_label("有效期至").fill((clock.today() + dt.timedelta(days=30)).isoformat())
        legal.get_by_role("button", name="授权", exact=True).click()
        assert "已授权：周会计" in legal.locator("#granted").inner_text()

        # the agent signs in with their own identity (no credit code): the platform finds the authorisation
        _through_the_provider(agent, oidc, "agent-person-1")
        assert oidc.claimant.name in agent.locator("body").inner_text()
        _open_a_claimable_benefit(agent, oidc, platform)
        if agent.locator("#account_number").count():  # else the saved account is offered (another test saved one)
            agent.fill("#account_number", "6222 0202 0011 2233")
        agent.get_by_role("button", name=re.compile("一键申领")).click()
        agent.wait_for_url("**/me/applications**")
        assert "已核准" in agent.content() and "经办人 周会计" in agent.content()

        legal.goto(f"{oidc.app_url}/me/agents")
        card = legal.locator("section.agent", has_text="周会计")
        assert "一键申领" in card.locator("table.agent-actions").inner_text()
        card.get_by_role("button", name="撤销周会计的授权").click()
        legal.wait_for_url("**/me/agents**")
        assert "已撤销" in legal.locator("section.agent", has_text="周会计").inner_text()

        agent.reload()  # the revoked agent's session ended with the revocation
        agent.wait_for_url("**/login**")
        agent.get_by_role("link", name="使用统一身份认证登录").click()  # and the identity no longer signs in
        agent.wait_for_url(f"{oidc.app_url}/**")
        assert "已到期或已被撤销" in agent.locator("body").inner_text()
    finally:
        legal.context.close()
        agent.context.close()
