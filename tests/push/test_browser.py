"""Done when: an officer publishes a new benefit; a demo firm that qualifies finds the message in its inbox
and in the local SMTP server's mailbox, opens the benefit and applies; the funnel shows it.

A real server, a real worker thread (the scheduler and the job queue), a real SMTP server and Debian's
chromium driven by Playwright; the firm uses a phone-sized screen."""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
import uvicorn
from sqlalchemy import select

from policyreach.engine.batch import match_population
from policyreach.push import worker
from policyreach.push.models import Delivery, Notification
from policyreach.rules.library import Library, add_policy_file, compile_library
from policyreach.standards import divisions
from policyreach.store.models import Account
from policyreach.web.app import create_app
from tests.push.conftest import build_platform
from tests.push.servers import SmtpServer

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
PHONE = {"width": 390, "height": 844}
FIRM_MAIL = "finance@demo-firm.cn"

POLICY = """\
id: cc-push-browser
title: 长春市支持重点产业链企业扩大生产若干措施（示例）
doc_number: 长科发〔2026〕21号
issuer: 长春市科学技术局
level: city
region: "220100"
valid_from: 2026-01-01
valid_to: 2027-12-31
source: 示例政策：测试用，金额为示意，非官方文本。
sample: true
clauses:
  "1": 第一条 本措施适用于在长春市{district_name}注册的{industry}行业企业。
  "2": 第二条 上年度营业收入达到{revenue}万元、未超过{cap}万元的，给予扩大生产奖励20万元。
benefits:
  - id: push-browser-award
    title: 重点产业链扩产奖励
    kind: indicator
    payout: cash
    redemption: review
    department: 长春市科学技术局
    conditions:
      - {{expr: 'district == "{district}"', clause: "1", label: 在{district_name}注册}}
      - {{expr: 'industry == "{industry}"', clause: "1", label: 属于{industry}行业}}
      - {{expr: "revenue[last_year] >= {revenue}", clause: "2", label: 上年度营业收入达到{revenue}万元}}
      - {{expr: "revenue[last_year] <= {cap}", clause: "2", label: 上年度营业收入未超过{cap}万元}}
    amount: {{formula: "20", unit: 万元, clause: "2"}}
    application:
      department: 长春市科学技术局
      channel: 长春市惠企政策兑现平台
      steps: [在线申报, 部门审核, 公示, 拨付]
      window: {{opens: 2026-05-01, closes: 2026-12-31}}
tests:
  - name: 符合条件
    as_of: 2026-06-01
    entity: {{kind: enterprise, district: "{district}", industry: "{industry}", revenue: {{2025: {revenue}}}}}
    expect:
      push-browser-award: {{status: eligible, amount: 20}}
"""


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def browser_platform(tmp_path_factory: pytest.TempPathFactory):
    """Its own city: what this test publishes and applies for must not leak into the other push tests."""
    return build_platform(tmp_path_factory.mktemp("push-browser"), 800, 29)


@pytest.fixture(scope="module")
def smtp() -> Iterator[SmtpServer]:
    with SmtpServer() as server:
        yield server


@pytest.fixture(scope="module")
def server(browser_platform, smtp) -> Iterator[str]:
    port = _port()
    url = f"http://127.0.0.1:{port}"
    saved = {k: os.environ.get(k) for k in ("POLICYREACH_SMTP_URL", "POLICYREACH_PUBLIC_URL")}
    os.environ.update({"POLICYREACH_SMTP_URL": smtp.url, "POLICYREACH_PUBLIC_URL": url})
    instance = uvicorn.Server(
        uvicorn.Config(
            create_app(browser_platform, secret="push-browser"), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    worker.run_once(browser_platform)  # the first tick records the baseline before anything is published
    stop = threading.Event()
    background = threading.Thread(
        target=worker.run, args=(browser_platform,), kwargs={"stop": stop, "poll": 0.2, "tick_every": 1.0}, daemon=True
    )
    background.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield url
    stop.set()
    background.join(timeout=30)
    instance.should_exit = True
    thread.join(timeout=10)
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def _login(page, server: str, username: str) -> None:
    page.goto(f"{server}/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("demo1234")
    page.get_by_role("button", name="登录").click()


def _policy_for(push_platform, username: str) -> tuple[str, int]:
    """A new policy whose conditions the demo firm meets (its district, industry and revenue), and how many
    firms of the city the engine finds for it."""
    with push_platform.sessions() as session:
        firm = session.scalar(select(Account).where(Account.username == username)).entity
        revenue = firm.values["revenue_2025"]
        text = POLICY.format(
            district=firm.district,
            district_name=divisions.name_of(firm.district) or firm.district,
            industry=firm.industry,
            revenue=revenue,
            cap=Decimal(str(revenue)) + 1,
        )
        frame = push_platform.frame(session)
    trial = Library(schema=push_platform.schema)
    add_policy_file(trial, "cc-push-browser.yaml", text)
    compiled = compile_library(trial, push_platform.as_of)
    told = match_population(compiled, frame).frame().filter(pl.col("status").is_in(["eligible", "likely"]))
    return text, told.height


def _until(check, what: str, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while not (found := check()):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)
    return found


def test_officer_publishes_firm_is_told_opens_applies_and_the_funnel_counts_it(
    browser, server, browser_platform, smtp, tmp_path
) -> None:
    push_platform = browser_platform
    # of the demo firms, the one whose district, industry and revenue make the narrowest new policy
    username = min(("enterprise1", "enterprise2", "enterprise3"), key=lambda u: _policy_for(push_platform, u)[1])
    text, qualifying = _policy_for(push_platform, username)
    assert qualifying == 1  # a revenue band this narrow leaves only the demo firm, eligible or likely
    firm = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN"
    ).new_page()
    officer = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
    try:
        # the firm gives an e-mail address and no quiet hours (so the test does not depend on the hour)
        _login(firm, server, username)
        firm.goto(f"{server}/me/preferences")
        firm.get_by_label("邮箱").fill(FIRM_MAIL)
        firm.get_by_label(re.compile("免打扰时段")).fill("")
        firm.get_by_role("button", name="保存").click()
        firm.get_by_text("已保存").wait_for()

        # the officer publishes the new policy through the console
        policy_file = tmp_path / "cc-push-browser.yaml"
        policy_file.write_text(text, encoding="utf-8")
        _login(officer, server, "officer")  # the department's officer uploads it: a draft
        officer.goto(f"{server}/console/upload")
        officer.set_input_files("#policy", str(policy_file))
        officer.get_by_role("button", name="上传并校验").click()
        officer.get_by_text("已保存为草稿").first.wait_for()
        draft = re.search(r"草稿编号 (\d+)", officer.content()).group(1)
        _login(officer, server, "admin")  # someone else publishes it at once: four eyes
        officer.goto(f"{server}/console/upload")
        officer.locator(f"form[action='/console/drafts/{draft}/publish']").get_by_role("button", name="发布").click()
        officer.wait_for_url("**/console/upload")

        # the worker re-matches it in the background and writes the message; the e-mail reaches the SMTP server
        def message_written():
            with push_platform.sessions() as session:
                return session.scalar(
                    select(Notification).where(
                        Notification.benefit_id == "push-browser-award",
                        Notification.recipient.like("e:%"),
                        Notification.dedupe_key.like("%e:" + str(_entity_pk(session, username))),
                    )
                )

        message = _until(message_written, "the notification")
        mails = _until(lambda: smtp.mailbox.to(FIRM_MAIL), "the e-mail")
        assert mails[0]["Subject"] == "您可申报：重点产业链扩产奖励"
        body = mails[0].get_content()
        assert "预计可获 20 万元" in body and "申报截止 2026-12-31" in body and f"/n/{message.token}" in body
        # the worker marks the delivery sent once the SMTP server has answered: a moment after the mail is there

        def delivery_state() -> str | None:
            with push_platform.sessions() as session:
                return session.scalar(select(Delivery.state).where(Delivery.notification_id == message.id))

        _until(lambda: delivery_state() != "sending", "the delivery's outcome")
        assert delivery_state() == "sent"

        # the firm finds it in its inbox (with the unread badge), opens it, follows it to the benefit, applies
        firm.goto(f"{server}/me/policies")
        assert firm.locator("#inbox-link .badge").inner_text().strip() != ""
        firm.locator("#inbox-link").click()
        firm.wait_for_url(re.compile("/me/inbox"))
        assert firm.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # the inbox fits a phone
        ARTIFACTS.mkdir(exist_ok=True)
        firm.screenshot(path=str(ARTIFACTS / "push-inbox-phone.png"), full_page=False)
        firm.get_by_role("link", name=re.compile("重点产业链扩产奖励")).first.click()
        firm.get_by_text("预计可获 20 万元").wait_for()
        firm.get_by_role("link", name="查看详情并申报").click()
        firm.wait_for_url(re.compile("/me/benefits/push-browser-award"))
        firm.get_by_role("button", name="提交申请").click()
        firm.wait_for_url(re.compile("/me/applications"))
        assert "重点产业链扩产奖励" in firm.content()
        assert firm.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # fits a phone

        # the officer's funnel: the one firm the engine found was notified, opened, viewed and applied
        officer.goto(f"{server}/console/funnel/push-browser-award")
        counts = {
            s: int(officer.locator(f"#funnel-counts [data-stage={s}]").inner_text())
            for s in ("notified", "opened", "viewed", "applied", "approved")
        }
        assert counts == {"notified": 1, "opened": 1, "viewed": 1, "applied": 1, "approved": 0}
        officer.locator(".chart .plot-container").first.wait_for()  # the Plotly chart drew
        # the notice form's fields take the card's width on a desktop, not a short input's
        form = officer.locator("form.wide").bounding_box()
        for field in ("标题", "正文"):
            assert officer.get_by_label(field).bounding_box()["width"] >= 0.95 * form["width"], field
    finally:
        ARTIFACTS.mkdir(exist_ok=True)
        firm.screenshot(path=str(ARTIFACTS / "push-firm-applied-phone.png"), full_page=True)
        officer.screenshot(path=str(ARTIFACTS / "push-funnel.png"), full_page=True)
        firm.context.close()
        officer.context.close()


def _entity_pk(session, username: str) -> int:
    return session.scalar(select(Account.entity_pk).where(Account.username == username))
