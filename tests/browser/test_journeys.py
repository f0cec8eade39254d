"""Each person's main path in a real browser, read as that person reads it (issue 24, "How it is judged").

A firm on a phone fills a missing figure, is told what it can do next, saves its bank account once, applies with
material, is asked for more, uploads it, is approved, publicised and paid, with a message in its inbox at each step
(the scheduler's round of ``push.steps`` runs in the test). An officer at a desk filters the queue, previews the
material, approves with a reason and approves a batch. (The finance role's fund nearing its budget, the warning and
the refused claim are ``test_funds_finance.py``.) Every page is checked for money in 万元 with at most two decimals
and for words of the code.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import struct
import zlib
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import load_workbook
from pypdf import PdfWriter
from sqlalchemy import select

from policyreach import settings
from policyreach.app.accounts import hash_password
from policyreach.app.funds import fund_of
from policyreach.push import steps
from policyreach.redemption import funds, materials
from policyreach.redemption.claims import WAN
from policyreach.redemption.states import State
from policyreach.store.db import transaction
from policyreach.store.models import Account, Application, Entity
from tests.browser.conftest import ARTIFACTS, PHONE
from tests.browser.test_funds_finance import INTERNALS, WAN_AMOUNT

# besides the workflow's words: a condition's outcome, Python's truth values, an audit action's name
MORE_INTERNALS = re.compile(r"\b(met|unmet|unknown|submitted|more_material|notice|paid)\b|application\.\w+")
BEIJING = ZoneInfo("Asia/Shanghai")
# screenshots go to tests/artifacts; POLICYREACH_DOCS_SCREENSHOTS=1 refreshes the ones the README shows
DOCS = (
    Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    if os.environ.get("POLICYREACH_DOCS_SCREENSHOTS")
    else Path(__file__).resolve().parents[1] / "artifacts"
)


def _login(page, server: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{server}/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("demo1234")
    with page.expect_navigation():
        page.get_by_role("button", name="登录").click()


def _read(page) -> str:
    """The visible text of the page's main part, checked: no words of the code, money as people write it."""
    text = page.locator("main").inner_text()
    for pattern in (INTERNALS, MORE_INTERNALS):
        found = pattern.search(text)
        assert not found, (
            f"{found.group(0)!r} shown to a person in: …{text[max(0, found.start() - 60) : found.end() + 60]}…"
        )
    for amount in WAN_AMOUNT.findall(text):
        assert re.fullmatch(r"-?\d{1,3}(,\d{3})*(\.\d{1,2})?", amount), f"{amount} 万元 is not how money is shown"
    assert not re.search(r"\d\.\d{3,} ?(万元|元)", text)
    return text


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _announce(platform) -> None:
    """The scheduler's round that tells firms the steps of their applications (push/steps.py)."""
    with transaction(platform.sessions) as session:
        steps.announce(session)


def _inbox_says(page, server: str, subject: str, *words: str) -> str:
    page.goto(f"{server}/me/inbox")
    item = page.locator("ul.inbox li", has_text=subject).first
    assert item.count() == 1, f"no message “{subject}” in the inbox: {_read(page)[:400]}"
    item.get_by_role("link").click()
    page.wait_for_url("**/me/inbox/**")
    text = _read(page)
    for word in words:
        assert word in text, (word, text)
    return text


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=420, height=595)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _png() -> bytes:
    """A 4 × 4 grey image, written by hand (no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\x80" * 12 for _ in range(4))
    header = struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def _firm_missing_one_figure(platform) -> tuple[str, str, str, object]:
    """A fresh firm that qualifies for a 即申即享/免申即享 cash benefit on a figure it declared itself, on a fund with
    room: that figure is taken out of its profile, so the firm has to fill it in (username, benefit, column, value)."""
    period = funds.budget_period(platform.as_of)
    with platform.sessions() as session:
        claimed = set(session.scalars(select(Application.entity_pk)))
        for entity in session.scalars(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id.desc())):
            if entity.id in claimed:
                continue
            for m in platform.matcher.match(platform.record(entity)):
                if not (
                    m.status == "eligible"
                    and not m.one_click
                    and m.benefit.spec.redemption in ("instant", "automatic")
                    and m.window.open
                    and m.payout == "cash"
                    and m.amount
                ):
                    continue
                fund_id = fund_of(m.benefit)
                if fund_id and funds.figures_for(session, fund_id, period).remaining < m.amount * WAN:
                    continue
                declared = [
                    i
                    for c in m.conditions
                    for i in c.inputs
                    if not i["verified"]
                    and isinstance(entity.values.get(i["column"]), (int, str))
                    and re.fullmatch(r"\d+(\.\d+)?", str(entity.values.get(i["column"])))
                ]
                if not declared:
                    continue
                column = declared[0]["column"]
                value = entity.values[column]
                username = f"journey{entity.id}"
                session.add(
                    Account(
                        username=username,
                        password_hash=hash_password("demo1234"),
                        role="enterprise",
                        entity_pk=entity.id,
                        display_name=entity.name,
                    )
                )
                entity.values = {k: v for k, v in entity.values.items() if k != column}
                entity.provenance = {k: v for k, v in entity.provenance.items() if k != column}
                session.commit()
                return username, m.benefit_id, column, value
    raise AssertionError("no fresh firm qualifies on a declared figure for a benefit with room in its fund")


def test_a_firm_on_a_phone_fills_a_figure_applies_and_is_paid_told_at_each_step(
    browser, desktop, server, served_platform, tmp_path
) -> None:
    _announce(served_platform)  # the announcer's first round marks where it starts
    username, benefit_id, column, value = _firm_missing_one_figure(served_platform)
    title = served_platform.compiled.benefit(benefit_id).spec.title
    context = browser.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True, has_touch=True)
    firm = context.new_page()
    firm.set_default_timeout(15_000)
    desktop.set_default_timeout(15_000)
    proof, more = tmp_path / "研发费用专项审计报告.pdf", tmp_path / "补充说明.png"
    proof.write_bytes(_pdf())
    more.write_bytes(_png())
    try:
        # the benefit waits for a figure; its link lands on that field of the profile, where the firm fills it
        _login(firm, server, username)
        firm.goto(f"{server}/me/benefits/{benefit_id}")
        assert "可能符合" in _read(firm)
        link = firm.locator(f"main a[href$='#field-{column}']").first
        link.scroll_into_view_if_needed()
        link.click()
        firm.wait_for_url(f"**/me#field-{column}")
        field = firm.locator(f"[name='{column}']")
        field.fill(str(value))
        with firm.expect_navigation():
            firm.get_by_role("button", name="保存并重新匹配").click()

        # the benefit now says what to do: its figure is the firm's own word, so proof goes to the department
        firm.goto(f"{server}/me/benefits/{benefit_id}")
        text = _read(firm)
        assert "符合" in text and "下一步" in text and "尚未经权威数据核验" in text and "提交证明材料" in text
        assert firm.get_by_role("button", name=re.compile("一键申领")).count() == 0
        assert _fits(firm)

        # the bank account, once: typed twice as a phone types it, then offered by the application form
        firm.get_by_role("link", name="保存本单位收款账户").first.click()
        firm.wait_for_url("**/me/bank?next=**")
        firm.get_by_label("开户行").fill("中国建设银行长春西安大路支行")
        firm.get_by_label("银行账号", exact=True).fill("６２１７　０００１ ２３４５ ６７８９")
        firm.get_by_label("再次输入银行账号").fill("6217 0001 2345 6780")  # one digit off: said beside the field
        firm.get_by_role("button", name="保存收款账户").click()
        assert "两次填写的银行账号不一致" in firm.locator("#e-account_number_again").inner_text()
        assert firm.get_by_label("银行账号", exact=True).input_value() == "６２１７　０００１ ２３４５ ６７８９"
        firm.get_by_label("再次输入银行账号").fill("6217 0001 2345 6789")
        firm.get_by_role("button", name="保存收款账户").click()
        firm.wait_for_url(f"**/me/benefits/{benefit_id}")
        form = firm.locator("form#apply")
        assert "****6789" in form.inner_text() and form.locator("[name=account_number]").count() == 0
        form.locator("input[type=file]").set_input_files(str(proof))
        form.get_by_role("button", name="提交申请").click()
        firm.wait_for_url("**/me/applications#a*")
        application_id = int(firm.url.rsplit("#a", 1)[1])
        assert "待审核" in firm.locator(f"#a{application_id}").inner_text()

        # the officer asks for more material, with the reason the firm will read
        _login(desktop, server, "admin")
        desktop.goto(f"{server}/console/applications/{application_id}")
        assert desktop.locator("#materials iframe.preview").count() == 1  # the PDF is read in the page
        assert "中国建设银行长春西安大路支行） ****6789" in _read(desktop)  # the saved account, as the firm gave it
        decision = desktop.locator("form.decision", has=desktop.locator("#more-reason"))
        decision.locator("#more-reason").fill("请补充上年度研发费用明细账截图")
        decision.get_by_role("checkbox").check()
        with desktop.expect_navigation():
            decision.get_by_role("button", name="要求补充材料").click()
        _announce(served_platform)
        _inbox_says(firm, server, f"请补充材料：{title}", "请补充上年度研发费用明细账截图")

        # the firm uploads it from its applications; the officer approves with a reason
        firm.goto(f"{server}/me/applications")
        card = firm.locator(f"#a{application_id}")
        assert "请补充上年度研发费用明细账截图" in card.inner_text()
        card.locator("input[type=file]").set_input_files(str(more))
        card.get_by_role("button", name="提交补充材料").click()
        firm.wait_for_url("**/me/applications#a*")
        desktop.goto(f"{server}/console/applications/{application_id}")
        assert desktop.locator("#materials img.preview").count() == 1
        approve = desktop.locator("form.decision", has=desktop.locator("#approve-reason"))
        approve.locator("#approve-reason").fill("材料齐全，研发费用经核对属实")
        approve.get_by_role("checkbox").check()
        with desktop.expect_navigation():
            approve.get_by_role("button", name="核准").click()
        _announce(served_platform)
        with served_platform.sessions() as session:
            amount = session.get(Application, application_id).amount
        shown_amount = f"{(amount / WAN).quantize(Decimal('0.01')):,} 万元".replace(".00 万元", " 万元")
        text = _inbox_says(firm, server, f"申请已核准：{title}", "公示")
        assert re.search(r"金额 [\d,]+(\.\d{1,2})? 万元", text), text

        # public notice, then (the server's day moved past it) a batch and the bank's confirmation
        desktop.goto(f"{server}/console/applications/{application_id}")
        with desktop.expect_navigation():
            desktop.get_by_role("button", name="开始公示").click()
        _announce(served_platform)
        _inbox_says(firm, server, f"进入公示：{title}")
        pinned = served_platform.pinned_as_of
        served_platform.pinned_as_of = pinned + dt.timedelta(days=8)
        try:
            desktop.goto(f"{server}/console/applications?state=notice")
            with desktop.expect_navigation():
                desktop.get_by_role("button", name=re.compile("生成拨付批次")).click()
        finally:
            served_platform.pinned_as_of = pinned
        _announce(served_platform)
        _inbox_says(firm, server, f"进入拨付：{title}", "收款账户")
        with desktop.expect_download() as info:
            desktop.get_by_role("link", name="导出拨付清单").first.click()
        book = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
        assert any(r[8].value == "6217000123456789" for r in book.active.iter_rows(min_row=2))  # the saved account
        for row in book.active.iter_rows(min_row=2):
            row[9].value = f"BANK-{row[1].value}"
        confirmed = ARTIFACTS / "journey-bank-confirmation.xlsx"
        ARTIFACTS.mkdir(exist_ok=True)
        book.save(confirmed)
        desktop.set_input_files("#bank_file", str(confirmed))
        desktop.get_by_role("button", name="导入并标记已拨付").click()
        desktop.wait_for_url("**state=paid**")
        _announce(served_platform)
        _inbox_says(firm, server, f"已拨付：{title}", "金额合计")
        firm.goto(f"{server}/me/inbox")
        firm.screenshot(path=str(DOCS / "portal-inbox-phone.png"))
        firm.goto(f"{server}/me/bank")
        assert "****6789" in _read(firm) and "保存账号 ****6789" in _read(firm)
        firm.screenshot(path=str(DOCS / "portal-bank-phone.png"), full_page=True)

        # the firm's applications: paid, its history in Beijing time, the receipt one tap away
        firm.goto(f"{server}/me/applications")
        card_text = _read(firm.locator(f"#a{application_id}").page)
        own = firm.locator(f"#a{application_id}").inner_text()
        assert "已拨付" in own and shown_amount in own, (shown_amount, own)
        now = dt.datetime.now(BEIJING)
        stamps = re.findall(r"\d{4}-\d\d-\d\d \d\d:\d\d", own)
        assert stamps and all(
            abs(dt.datetime.fromisoformat(s).replace(tzinfo=BEIJING) - now) < dt.timedelta(minutes=10) for s in stamps
        ), (stamps, now)  # Beijing time: UTC would be eight hours off
        assert firm.locator(f"#a{application_id}").get_by_role("link", name="拨付回单").count() == 1
        assert "T" not in "".join(stamps) and card_text
        assert _fits(firm)
        firm.screenshot(path=str(ARTIFACTS / "journey-firm-paid-phone.png"), full_page=True)
    finally:
        context.close()


def test_an_officer_filters_the_queue_previews_material_approves_and_approves_a_batch(
    desktop, server, served_platform
) -> None:
    with served_platform.sessions() as session:
        department = session.scalar(select(Account.department).where(Account.username == "officer"))
        period = funds.budget_period(served_platform.as_of)

        def has_room(b) -> bool:
            fund_id = fund_of(b)
            return fund_id is None or funds.figures_for(session, fund_id, period).remaining > 100_000

        review = next(
            b
            for b in served_platform.compiled.benefits
            if b.spec.department == department
            and b.spec.redemption == "review"
            and b.spec.payout == "cash"
            and has_room(b)
        )
        automatic = next(
            b
            for b in served_platform.compiled.benefits
            if b.spec.department == department
            and b.spec.redemption == "automatic"
            and b.spec.payout == "cash"
            and has_room(b)
        )
        firms = list(
            session.scalars(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id.desc()).limit(40))
        )
        made = []
        for i, (benefit, firm) in enumerate([(review, firms[0])] + [(automatic, f) for f in firms[1:4]]):
            a = Application(
                entity_pk=firm.id,
                benefit_id=benefit.id,
                period=f"journey-{i}",
                state=State.SUBMITTED,
                redemption=benefit.spec.redemption,
                amount=Decimal("12345.67") + i,
                snapshot={"benefit": {"title": benefit.spec.title, "department": department, "payout": "cash"}},
            )
            session.add(a)
            session.flush()
            made.append(a.id)
        review_id, batch = made[0], made[1:]
        application = session.get(Application, review_id)
        materials.store(session, settings.uploads_dir(), application, "营业执照.pdf", _pdf())
        materials.store(session, settings.uploads_dir(), application, "现场照片.png", _png())
        session.commit()

    _login(desktop, server, "officer")
    desktop.set_default_timeout(15_000)
    desktop.goto(f"{server}/console/applications")
    filters = desktop.locator("#filters")
    filters.get_by_label("状态").select_option("submitted")
    filters.get_by_label("兑现事项").select_option(review.id)
    filters.get_by_role("button", name="筛选").click()
    desktop.wait_for_url("**/console/applications?**")
    assert "state=submitted" in desktop.url and f"benefit={review.id}" in desktop.url
    text = _read(desktop)
    assert "1.23 万元" in text  # 12,345.67 元, as a person reads it
    row = desktop.locator(f"tr[id='a{review_id}']")
    assert row.locator("input[type=checkbox]").count() == 0  # a 申报审批 application is read one by one
    row.get_by_role("link", name=re.compile("审核")).click()
    desktop.wait_for_url(f"**/console/applications/{review_id}?back=**")

    # the material in the page: the PDF in a frame, the photo as an image that loaded
    frame = desktop.locator("#materials iframe.preview")
    assert frame.count() == 1 and "营业执照.pdf" in (frame.get_attribute("title") or "")
    image = desktop.locator("#materials img.preview")
    image.wait_for()
    assert desktop.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    response = desktop.request.get(server + (frame.get_attribute("src") or ""))
    assert response.status == 200 and response.headers["content-type"].startswith("application/pdf")
    _read(desktop)
    desktop.screenshot(path=str(DOCS / "console-review.png"), full_page=False)  # the decisions (headless shows no PDF)

    # approved with a reason and its confirmation; back on the queue as it was filtered
    approve = desktop.locator("form.decision", has=desktop.locator("#approve-reason"))
    approve.locator("#approve-reason").fill("经核对营业执照与现场照片，符合条件")
    approve.get_by_role("checkbox").check()
    approve.get_by_role("button", name="核准").click()
    desktop.wait_for_url("**/console/applications?**")
    assert "state=submitted" in desktop.url and f"benefit={review.id}" in desktop.url
    desktop.goto(f"{server}/console/applications/{review_id}")
    assert "经核对营业执照与现场照片，符合条件" in _read(desktop) and "已核准" in _read(desktop)

    # a batch of 免申即享 applications, approved together
    desktop.goto(f"{server}/console/applications?state=submitted&benefit={automatic.id}")
    for application_id in batch:
        desktop.locator(f"tr[id='a{application_id}'] input[type=checkbox]").check()
    bulk = desktop.locator("#bulk-form")
    bulk.get_by_label(re.compile("确认批量办理")).check()
    bulk.get_by_role("button", name="批量核准").click()
    desktop.wait_for_url("**#bulk")
    assert "已核准 3 件" in desktop.locator("#bulk").inner_text()
    assert f"benefit={automatic.id}" in desktop.url  # the filter kept
    _read(desktop)
    with served_platform.sessions() as session:
        states = {session.get(Application, i).state for i in made}
        assert states == {State.APPROVED}
