"""A talent on a phone manages personal data in a real browser: consents, the ID number (shown only by its tail),
and withdrawal from the profile page; the pages fit the screen and label every input."""

from __future__ import annotations

from tests.browser.test_pages import _fits_the_screen, _login


def test_talent_on_a_phone_gives_and_withdraws_consent_for_the_id_number(phone, server) -> None:
    _login(phone, server, "talent1")
    phone.goto(f"{server}/me/personal")
    assert phone.get_by_role("heading", name="个人信息与授权").is_visible()
    assert _fits_the_screen(phone)
    phone.get_by_role("button", name="同意“身份证号”授权").click()
    assert phone.get_by_role("status").inner_text() == "已记录您的同意"
    phone.get_by_label("身份证号（18位）").fill("11010519491231002X")
    phone.get_by_role("button", name="加密保存").click()
    assert "身份证号已加密保存" in phone.get_by_role("status").inner_text()
    body = phone.locator("main").inner_text()
    assert "****002X" in body and "11010519491231002X" not in body

    # the profile page lists the consent with its date and withdraws it
    phone.goto(f"{server}/me")
    assert phone.get_by_role("heading", name="个人信息授权").is_visible()
    assert _fits_the_screen(phone)
    phone.get_by_role("button", name="撤回“身份证号”授权").click()
    assert "已撤回授权" in phone.get_by_role("status").inner_text()
    assert "尚未填写" in phone.locator("main").inner_text()  # the sealed number is gone with the consent
