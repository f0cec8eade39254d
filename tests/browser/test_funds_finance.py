"""The finance role (财政局) and a fund in a real browser: a budget set with a reason, firms on phones claiming a
one-click benefit until the fund is used up, the next firm told why it cannot claim, the budget raised, it claims."""

from __future__ import annotations

import os
import re
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import delete, select

from policyreach.app.accounts import hash_password
from policyreach.app.funds import fund_of, shares_of
from policyreach.redemption import funds
from policyreach.redemption.claims import WAN
from policyreach.rules.numbers import wan_text
from policyreach.store.db import transaction
from policyreach.store.models import Account, Application, Entity, FundBudget, LedgerEntry
from tests.browser.conftest import ARTIFACTS, PHONE

DOCS = (
    Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    if os.environ.get("POLICYREACH_DOCS_SCREENSHOTS")
    else Path(__file__).resolve().parents[1] / "artifacts"
)
# words of the code that must never reach a person: states, kinds, payouts, modes, Python's own
INTERNALS = re.compile(
    r"\b(None|null|True|False|Decimal|commit|release|clawback|approved|eligible|instant|cash|fcfs|batch|"
    r"fund_id|budget|period)\b|[a-z]+_[a-z_]+|Traceback"
)
# an amount in 万元 as the pages write it: digits grouped, at most two decimals
WAN_AMOUNT = re.compile(r"(-?[\d,]+(?:\.\d+)?) 万元")


def _login(page, server: str, username: str) -> None:
    page.goto(f"{server}/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("demo1234")
    with page.expect_navigation():
        page.get_by_role("button", name="登录").click()


def _shown(page) -> str:
    """What a person reads on the page: the visible text of its main part."""
    text = page.locator("main").inner_text()
    assert not INTERNALS.search(text), INTERNALS.search(text)
    for amount in WAN_AMOUNT.findall(text):
        assert re.fullmatch(r"-?\d{1,3}(,\d{3})*(\.\d{1,2})?", amount), f"{amount} 万元 is not how money is shown"
    assert not re.search(r"\d\.\d{3,} ?(万元|元)", text), re.search(r".{40}\d\.\d{3,} ?(万元|元)", text)
    return text


def _two_firms_on_one_fund(platform) -> tuple[str, str, list[tuple[Entity, Decimal]]]:
    """A one-click benefit and two firms without applications that data proves eligible for the same amount, on a
    fund nobody has drawn on this period (its figures are then this test's own)."""
    period = funds.budget_period(platform.as_of)
    with platform.sessions() as session:
        drawn = set(session.scalars(select(LedgerEntry.fund_id).where(LedgerEntry.period == period)))
        claimed = set(session.scalars(select(Application.entity_pk)))
        found: dict[tuple[str, Decimal], list[tuple[Entity, Decimal]]] = {}
        for entity in session.scalars(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id)):
            if entity.id in claimed:
                continue
            for m in platform.matcher.match(platform.record(entity)):
                fund_id = fund_of(m.benefit)
                if not (m.one_click and m.benefit.spec.redemption == "instant" and m.amount and fund_id):
                    continue
                if fund_id in drawn or m.benefit.spec.payout != "cash" or m.amount < 1:
                    continue
                if len(shares_of(m.benefit.spec)) != 1 or m.benefit.spec.schedule != (Decimal(1),):
                    continue  # the whole award on this one fund in this one year: the percentages below are its
                amount = (m.amount * WAN).quantize(funds.CENT)
                firms = found.setdefault((m.benefit_id, amount), [])
                firms.append((entity, amount))
                if len(firms) == 2:
                    return m.benefit_id, fund_id, firms
    raise AssertionError("no two fresh firms with the same one-click benefit on an undrawn fund")


def _firm_account(platform, entity: Entity, tag: str) -> str:
    username = f"fund-{tag}-{entity.id}"
    with transaction(platform.sessions) as session:
        if session.scalar(select(Account.id).where(Account.username == username)) is None:
            session.add(
                Account(
                    username=username,
                    password_hash=hash_password("demo1234"),
                    role="enterprise",
                    entity_pk=entity.id,
                    display_name=entity.name,
                )
            )
    return username


def _set_budget(page, amount: Decimal, reason: str) -> str:
    page.get_by_label(re.compile("预算金额")).fill(str(amount))
    page.get_by_label(re.compile("依据或理由")).fill(reason)
    page.get_by_role("button", name="保存预算").click()
    page.wait_for_url("**saved=**")
    return _shown(page)


def _claim(page) -> None:
    page.fill("#account_number", "6222 0202 0011 2233")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("一键申领")).click()


def test_finance_sets_a_budget_firms_claim_it_up_and_a_raise_lets_the_next_one_claim(
    browser, desktop, server, served_platform
) -> None:
    benefit_id, fund_id, [(first, a1), (second, a2)] = _two_firms_on_one_fund(served_platform)
    title = served_platform.compiled.benefit(benefit_id).spec.title
    period = funds.budget_period(served_platform.as_of)
    with transaction(served_platform.sessions) as session:  # this year's budget not yet 下达 for the fund
        kept = session.get(FundBudget, (fund_id, period))
        original = kept.budget if kept is not None else None
        session.execute(delete(FundBudget).where(FundBudget.fund_id == fund_id, FundBudget.period == period))
    firm_a = _firm_account(served_platform, first, "a")
    firm_b = _firm_account(served_platform, second, "b")
    phones = [browser.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True, has_touch=True) for _ in range(2)]
    phone_a, phone_b = (c.new_page() for c in phones)
    for page in (phone_a, phone_b, desktop):
        page.set_default_timeout(10_000)
    fund_url = f"{server}/console/funds/{quote(fund_id, safe='')}"
    try:
        # a firm opens the benefit before the fund has a budget: told so, and given no button to press
        _login(phone_a, server, firm_a)
        phone_a.goto(f"{server}/me/benefits/{benefit_id}")
        text = _shown(phone_a)
        assert "本期资金尚未安排" in text and "预算尚未下达" in text
        assert phone_a.get_by_role("button", name=re.compile("一键申领")).count() == 0

        # the finance bureau lands on its funds, sees the fund unfunded, and sets a budget with a reason
        _login(desktop, server, "finance")
        desktop.wait_for_url("**/console/funds")
        row = desktop.locator(f"tr[id='fund-{fund_id}']")
        assert "未安排" in row.inner_text() and "本期资金尚未安排" in row.inner_text()
        row.get_by_role("link").click()
        desktop.wait_for_url(f"**/console/funds/{quote(fund_id, safe='')}")
        budget = (a1 * Decimal("1.1")).quantize(funds.CENT)  # room for the first claim, and not for a second
        text = _set_budget(desktop, budget, "长财预〔2026〕8号 下达年度预算")
        assert f"预算已设为 {budget:,.2f} 元（{wan_text(budget)}）" in text
        assert f"未安排 → {wan_text(budget)} · 长财预〔2026〕8号 下达年度预算" in text
        assert "财政局" in desktop.locator("ul.history").inner_text()

        # both firms open the page while there is room; the first one claims
        _login(phone_b, server, firm_b)
        phone_b.goto(f"{server}/me/benefits/{benefit_id}")
        phone_a.reload()
        assert f"一键申领 {wan_text(a1)}" in phone_a.get_by_role("button", name=re.compile("一键申领")).inner_text()
        _claim(phone_a)
        phone_a.wait_for_url("**/me/applications**")
        text = _shown(phone_a)
        assert title in text and "已核准" in text and wan_text(a1) in text

        # the finance bureau sees the fund nearly used up (≥ 80%) and the commitment in the ledger
        desktop.goto(fund_url)
        current = desktop.locator(f"tr[id='period-{period}']").inner_text()
        assert "即将用完" in current and "90.9%" in current and wan_text(budget - a1) in current
        ledger = desktop.locator("table.ledger tbody tr").first.inner_text()
        assert first.name in ledger and "承诺" in ledger and wan_text(a1) in ledger and "企业自助申领" in ledger

        # the second firm, its page still showing the button, clicks: told in Chinese why, its account kept
        _claim(phone_b)
        refusal = phone_b.locator("#refusal").inner_text()
        assert "未能申领" in refusal and "本期额度已用完" in refusal
        assert f"剩余额度不足以兑现本项 {wan_text(a2)}" in refusal and "财政部门追加预算后即可申领" in refusal
        assert phone_b.get_by_role("button", name=re.compile("一键申领")).count() == 0
        assert phone_b.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        _shown(phone_b)
        phone_b.screenshot(path=str(ARTIFACTS / "portal-claim-refused-phone.png"))
        phone_b.goto(f"{server}/me/benefits/{benefit_id}")  # and the page says the same before any click
        assert "本期额度已用完" in phone_b.locator("#funding").inner_text()
        with served_platform.sessions() as session:
            assert session.scalar(select(Application.id).where(Application.entity_pk == second.id)) is None

        # the finance bureau raises the budget; the second firm claims and is approved
        desktop.goto(fund_url)
        text = _set_budget(desktop, a1 + a2, "长财预〔2026〕15号 追加预算")
        assert f"{wan_text(budget)} → {wan_text(a1 + a2)} · 长财预〔2026〕15号 追加预算" in text
        phone_b.goto(f"{server}/me/benefits/{benefit_id}")
        assert phone_b.locator("#funding").count() == 0
        _claim(phone_b)
        phone_b.wait_for_url("**/me/applications**")
        text = _shown(phone_b)
        assert title in text and "已核准" in text and wan_text(a2) in text

        # now used up to the last 分: the fund says so, and the ledger names both firms
        desktop.goto(fund_url)
        current = desktop.locator(f"tr[id='period-{period}']").inner_text()
        assert "本期额度已用完" in current and "100.0%" in current
        _shown(desktop)
        desktop.screenshot(path=str(DOCS / "console-fund.png"), full_page=True)
        desktop.get_by_role("link", name="查看全部资金台账").click()
        desktop.wait_for_url("**/ledger")
        rows = desktop.locator("table.ledger tbody tr")
        assert rows.count() == 2
        assert second.name in rows.nth(0).inner_text() and first.name in rows.nth(1).inner_text()
        assert re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d", rows.nth(0).inner_text())
        assert "第 1 / 1 页" in _shown(desktop)
        desktop.screenshot(path=str(DOCS / "console-fund-ledger.png"), full_page=False)
        desktop.goto(f"{server}/console/funds")
        _shown(desktop)
        desktop.screenshot(path=str(ARTIFACTS / "console-funds.png"), full_page=False)
        with served_platform.sessions() as session:
            assert funds.figures_for(session, fund_id, period).used == a1 + a2
            assert not funds.reconcile(session)
    finally:
        for context in phones:
            context.close()
        # later tests claim on the demo's budgets: give the fund back its room
        with transaction(served_platform.sessions) as session:
            used = funds.figures_for(session, fund_id, period).used
            funds.set_budget(session, fund_id, period, (original or Decimal(0)) + used, "测试结束，恢复预算", "finance")
