"""The calculator on a phone: one question at a time, what the answers give so far on the first screen."""

from __future__ import annotations

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
    second = _answer(phone)
    assert second != first
    phone.get_by_role("link", name="跳过这个问题").click()
    phone.wait_for_url("**skip=**")
    skipped = phone.locator("section.next-question").locator("input:not([type=hidden]), select").first
    assert skipped.get_attribute("name") not in (first, second)
