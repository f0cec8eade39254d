"""The calculator on a phone: one question at a time, what the answers give so far on the first screen."""

from __future__ import annotations

import os
from pathlib import Path

ANSWERS = {
    "district": "220102",
    "industry": "汽车",  # the industry by its Chinese name
    "birth_date": "1990-05-01",
    "arrival_date": "2025-03-01",
}


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _answer(page) -> str:
    """Answer the one question shown; returns its field."""
    form = page.locator("section.next-question form")
    field = form.locator("input:not([type=hidden]), select").first
    name = field.get_attribute("name") or ""
    if field.evaluate("e => e.tagName") == "SELECT":
        field.select_option(ANSWERS.get(name) or field.locator("option").nth(1).get_attribute("value"))
    else:
        field.fill(ANSWERS.get(name, "2020" if name.startswith("cert_") else "300"))
    form.get_by_role("button", name="回答并更新结果").click()
    return name


def test_a_visitor_on_a_phone_answers_one_question_at_a_time(phone, server) -> None:
    phone.goto(f"{server}/calculator?kind=enterprise")
    assert phone.get_by_role("heading", name="第一个问题").is_visible()
    question = phone.locator("section.next-question")
    assert question.locator("input:not([type=hidden]), select").count() == 1  # one question, with its label
    first = _answer(phone)
    phone.wait_for_url("**/calculator?**")
    results = phone.get_by_role("heading", name="目前的结果")
    following = phone.get_by_role("heading", name="下一个问题")
    assert results.is_visible() and following.is_visible()
    # what the answers give comes first, and the next question is still on the first screen of a phone
    top = results.bounding_box()
    below = question.bounding_box()
    assert top is not None and below is not None and top["y"] < below["y"] < 844
    assert _fits_the_screen(phone)
    if os.environ.get("POLICYREACH_DOCS_SCREENSHOTS"):  # the README's picture of the calculator on a phone
        phone.screenshot(
            path=str(Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "calculator-phone.png")
        )
    second = _answer(phone)
    assert second != first
    phone.get_by_role("link", name="跳过这个问题").click()
    phone.wait_for_url("**skip=**")
    skipped = phone.locator("section.next-question").locator("input:not([type=hidden]), select").first
    assert skipped.get_attribute("name") not in (first, second)


def test_the_industry_is_found_by_its_name_without_any_script(browser, server) -> None:
    """A phone with scripts off: the name typed, the server's list of the 大类 it fits, one chosen, results first."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto(f"{server}/calculator?kind=enterprise")
        page.get_by_text("一次填写多项", exact=True).click()
        field = page.get_by_label("所属行业", exact=False).last
        assert field.get_attribute("list") == "industry-names"  # a browser offers the names as one types
        field.fill("运输")
        page.get_by_role("button", name="计算").click()
        choice = page.locator("section.industry-choice")
        assert "请选择所属行业" in choice.inner_text()
        choice.get_by_label("名称含“运输”的行业", exact=False).select_option(label="道路运输业（G54）")
        choice.get_by_role("button", name="选定行业").click()
        assert "industry=G54" in page.url
        summary = page.get_by_role("heading", name="目前的结果").bounding_box()
        assert summary is not None and summary["y"] < 844  # what the answers give, on the first screen
        page.get_by_text("一次填写多项", exact=True).click()
        assert page.get_by_label("所属行业", exact=False).last.input_value() == "G54 道路运输业"
        assert _fits_the_screen(page)
    finally:
        context.close()
