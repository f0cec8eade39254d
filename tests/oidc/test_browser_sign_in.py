"""A firm's legal person on a phone signs in through the unified identity in a real browser (Debian's chromium), sees
the firm's policies, and signs out of the platform and of the provider."""

from __future__ import annotations

from tests.conftest import ARTIFACTS
from tests.oidc.conftest import Oidc


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
