"""The firm's claim and the officer's review done with the keyboard alone: Tab to each control (each showing a visible
focus ring), type, Space to tick the confirmation, Enter to act; the action is taken."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select

from policyreach.redemption.states import State
from policyreach.store.models import Account, Application, Entity

# the platform's focus style (app.css): a page without it hides where the keyboard is
FOCUS_SHOWN = """() => {
    const el = document.activeElement;
    if (!el || el === document.body || !el.matches(':focus-visible')) return false;
    const style = getComputedStyle(el);
    return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
}"""


def _sign_in_by_keyboard(page, server: str, username: str) -> None:
    page.goto(f"{server}/login")
    _tab_to(page, "document.activeElement.id === 'username'")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type("demo1234")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/login" not in url)


def _tab_to(page, condition: str, limit: int = 400) -> None:
    """Press Tab until ``condition`` (a JavaScript expression) holds for the focused element; its focus is visible."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(condition):
            focused = page.evaluate("document.activeElement.outerHTML")
            assert page.evaluate(FOCUS_SHOWN), f"no visible focus on {focused}"
            return
    raise AssertionError(f"Tab never reached {condition} on {page.url}")


def test_a_firm_claims_a_benefit_with_the_keyboard_alone(browser, server, served_platform) -> None:
    from tests.web.test_one_click import _firm_with_a_one_click_benefit

    username, benefit_id = _firm_with_a_one_click_benefit(served_platform)
    page = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN").new_page()
    _sign_in_by_keyboard(page, server, username)
    assert "/me/policies" in page.url
    _tab_to(page, f"document.activeElement.getAttribute('href') === '/me/benefits/{benefit_id}'")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/me/benefits/{benefit_id}**")
    _tab_to(page, "document.activeElement.id === 'account_number'")
    page.keyboard.type("6222 0202 0011 2233")
    _tab_to(page, "document.activeElement.textContent.includes('一键申领')", limit=10)
    page.keyboard.press("Enter")
    page.wait_for_url("**/me/applications**")
    assert "已核准" in page.content()
    with served_platform.sessions() as session:
        entity_pk = session.scalar(select(Account.entity_pk).where(Account.username == username))
        states = session.scalars(
            select(Application.state).where(Application.entity_pk == entity_pk, Application.benefit_id == benefit_id)
        ).all()
    assert states == [State.APPROVED]
    page.context.close()


def test_an_officer_approves_an_application_with_the_keyboard_alone(browser, server, served_platform) -> None:
    with served_platform.sessions() as session:
        department = session.scalar(select(Account.department).where(Account.username == "officer"))
        benefit = next(
            b
            for b in served_platform.compiled.benefits
            if b.spec.department == department and b.spec.redemption == "review" and "enterprise" in b.kinds
        )
        busy = set(session.scalars(select(Application.entity_pk)))
        firm = next(
            e
            for e in session.scalars(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id.desc()))
            if e.id not in busy
        )
        application = Application(
            entity_pk=firm.id,
            benefit_id=benefit.id,
            period="keyboard",
            state=State.SUBMITTED,
            redemption="review",
            amount=Decimal(20_000),
            snapshot={"benefit": {"title": benefit.spec.title, "department": department}},
            created_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        )
        session.add(application)
        session.commit()
        application_id = application.id

    page = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN").new_page()
    _sign_in_by_keyboard(page, server, "officer")
    page.goto(f"{server}/console/applications?state=submitted&benefit={benefit.id}")
    _tab_to(page, f"document.activeElement.closest('tr')?.id === 'a{application_id}'")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/console/applications/{application_id}**")
    _tab_to(page, "document.activeElement.id === 'approve-reason'")
    page.keyboard.type("材料齐全，同意核准")
    _tab_to(page, "document.activeElement.name === 'confirm'", limit=3)
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")
    _tab_to(page, "document.activeElement.value === 'approve'", limit=3)
    page.keyboard.press("Enter")
    page.wait_for_url("**/console/applications?**")
    with served_platform.sessions() as session:
        assert session.get(Application, application_id).state == State.APPROVED
    page.context.close()
