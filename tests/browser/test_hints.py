"""A firm on a phone follows a hint's link to the missing figure: it lands on that field of the profile, focused."""

from __future__ import annotations

from playwright.sync_api import expect
from sqlalchemy import select

from policyreach.store.models import Account
from tests.conftest import ARTIFACTS


def test_a_hint_link_lands_on_and_focuses_the_field(phone, server, served_platform) -> None:
    with served_platform.sessions() as session:
        user = session.scalar(select(Account).where(Account.username == "enterprise1"))
        match, field = next(
            (m, h.fields[0])
            for m in served_platform.matches(session, user.entity)
            for h in m.hints
            if h.kind == "missing" and h.fields
        )
    phone.goto(f"{server}/login")
    phone.get_by_label("用户名").fill("enterprise1")
    phone.get_by_label("密码").fill("demo1234")
    phone.get_by_role("button", name="登录").click()
    phone.wait_for_url("**/me/policies")
    phone.goto(f"{server}/me/benefits/{match.benefit_id}")
    link = phone.get_by_role("link", name=f"填写{field.label}").first
    link.scroll_into_view_if_needed()
    assert link.is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "hints-benefit-phone.png"))  # what the firm reads before following it
    link.click()
    phone.wait_for_url(f"**/me#field-{field.column}")
    expect(phone.locator(f"[name='{field.column}']")).to_be_focused()  # polls: the script runs on load
    # the focused input is on the phone's screen, its row marked, and the page still fits the width
    box = phone.locator(f"[name='{field.column}']").bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= phone.viewport_size["height"]
    assert "landed" in (phone.locator(f"#field-{field.column}").get_attribute("class") or "")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    phone.screenshot(path=str(ARTIFACTS / "hints-profile-landed-phone.png"))  # the screen the firm lands on
