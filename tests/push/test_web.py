"""The inbox with its unread count, message links that count in the funnel, preferences, the console funnel."""

from __future__ import annotations

import io
import re
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import func, select

from policyreach.push import funnel
from policyreach.push.models import Notification, Preference
from policyreach.push.notify import notify
from policyreach.store.models import Account
from policyreach.web.app import create_app
from tests.web.conftest import post_login


def login(client: TestClient, username: str) -> TestClient:
    response = post_login(client, username)
    assert response.status_code == 303, response.text
    return client


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found
    return found.group(1)


@pytest.fixture(scope="module")
def app(push_platform):
    return create_app(push_platform, secret="push-secret")


@pytest.fixture(scope="module")
def messages(push_platform):
    """Two messages to the firm enterprise1 (one about a benefit it can claim), one to enterprise2."""
    with push_platform.sessions() as session, session.begin():
        one = session.scalar(select(Account).where(Account.username == "enterprise1"))
        two = session.scalar(select(Account).where(Account.username == "enterprise2"))
        benefit = push_platform.matches(session, one.entity)[0].benefit
        first = notify(
            session,
            recipient=one,
            kind="benefit.eligible",
            subject="您可申报：" + benefit.spec.title,
            body="您的企业符合……",
            link=f"/me/benefits/{benefit.id}",
            dedupe_key="web:1",
            benefit_id=benefit.id,
            department=benefit.spec.department,
        )
        notify(
            session,
            recipient=one,
            kind="window.closing",
            subject="还剩 7 天截止",
            body="……",
            link=None,
            dedupe_key="web:2",
        )
        other = notify(
            session,
            recipient=two,
            kind="benefit.eligible",
            subject="别人的消息",
            body="……",
            link="/me/policies",
            dedupe_key="web:3",
        )
        return {"first": first.id, "token": first.token, "benefit": benefit.id, "other": other.id}


def test_inbox_lists_messages_with_the_unread_count(app, push_platform, messages) -> None:
    with push_platform.sessions() as session:
        firm = session.scalar(select(Account).where(Account.username == "enterprise1"))
        unread = session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.recipient == f"e:{firm.entity_pk}", Notification.read_at.is_(None))
        )
    assert unread >= 2  # the two above, and whatever earlier tests' events told this firm
    with TestClient(app) as client:
        login(client, "enterprise1")
        html = client.get("/me/inbox").text
        assert f'id="unread">{unread}<' in html and "您可申报" in html and "别人的消息" not in html
        assert f'aria-label="未读 {unread} 条"' in client.get("/me/policies").text  # the badge on every page
        page = client.get(f"/me/inbox/{messages['first']}").text
        assert "您的企业符合" in page and f"/n/{messages['token']}" in page
        assert f'id="unread">{unread - 1}<' in client.get("/me/inbox").text
        assert client.get(f"/me/inbox/{messages['other']}").status_code == 404  # another firm's message
        token = csrf_of(client.get("/me/inbox").text)
        client.post("/me/inbox/read", data={"csrf_token": token})
        assert 'id="unread">0<' in client.get("/me/inbox").text


def test_message_link_counts_as_opened_and_viewed_then_leads_to_the_benefit(app, push_platform, messages) -> None:
    with TestClient(app) as client:
        response = client.get(f"/n/{messages['token']}", follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == f"/me/benefits/{messages['benefit']}"
        assert client.get("/n/not-a-token", follow_redirects=False).status_code == 404
    with push_platform.sessions() as session:
        found = session.get(Notification, messages["first"])
        assert found.read_at is not None and found.clicked_at is not None
        counts = funnel.summary(session, messages["benefit"])
    assert counts["notified"] >= 1 and counts["viewed"] >= 1
    assert counts["notified"] >= counts["opened"] >= counts["viewed"] >= counts["applied"] >= counts["approved"]


def test_preferences_are_saved_and_checked(app, push_platform, forget_preferences) -> None:
    with TestClient(app) as client:
        login(client, "enterprise2")
        page = client.get("/me/preferences").text
        assert "长春市科学技术局" in page and "依法告知" in page
        token = csrf_of(page)
        bad = client.post("/me/preferences", data={"csrf_token": token, "email": "1", "email_address": "nope"})
        assert bad.status_code == 422 and "邮箱格式不正确" in bad.text
        ok = client.post(
            "/me/preferences",
            data={
                "csrf_token": token,
                "email": "1",
                "email_address": "boss@firm.cn",
                "sms": "1",
                "phone": "13912345678",
                "digest": "1",
                "quiet_hours": "21:30-08:00",
                "unsubscribed": ["长春市科学技术局", "不存在的部门"],
            },
            follow_redirects=False,
        )
        assert ok.status_code == 303
    with push_platform.sessions() as session:
        firm = session.scalar(select(Account).where(Account.username == "enterprise2"))
        saved = session.get(Preference, f"e:{firm.entity_pk}")
    assert saved.email_address == "boss@firm.cn" and saved.phone == "13912345678" and saved.digest
    assert saved.quiet_hours == "21:30-08:00" and saved.unsubscribed == ["长春市科学技术局"]


def test_console_funnel_page_chart_and_export(app, messages) -> None:
    with TestClient(app) as client:
        login(client, "admin")
        overview = client.get("/console/funnel").text
        assert "各事项触达情况" in overview and f"/console/funnel/{messages['benefit']}" in overview
        page = client.get(f"/console/funnel/{messages['benefit']}")
        assert page.status_code == 200 and "触达漏斗" in page.text and "plotly" in page.text.lower()
        assert "按区县" in page.text and "按企业规模" in page.text
        export = client.get(f"/console/funnel/{messages['benefit']}/export.xlsx")
        book = load_workbook(io.BytesIO(export.content))
        assert book.sheetnames == ["总体", "按区县", "按行业门类", "按企业规模"]
        # saved under the benefit's title, stamped in Beijing time: what the officer reads, not ids and UTC
        title = book["总体"]["B1"].value
        assert (
            export.headers["content-disposition"].endswith(quote(f"{title}-触达漏斗.xlsx"))
            and messages["benefit"] not in title
        )
        assert str(book["总体"]["B2"].value).endswith("（北京时间）")
        rows = list(book["总体"].iter_rows(min_row=5, values_only=True))
        assert rows[0][0] == "已推送" and rows[0][1] >= 1 and rows[2][0] == "已查看政策" and rows[2][1] >= 1
    with TestClient(app) as firm:
        login(firm, "enterprise1")
        assert firm.get("/console/funnel").status_code == 403


def test_talents_and_institutes_have_inboxes_too(app, push_platform) -> None:
    from policyreach.push.messages import BenefitTexts

    with push_platform.sessions() as session, session.begin():
        for username in ("talent1", "institute1"):
            user = session.scalar(select(Account).where(Account.username == username))
            match = next(m for m in push_platform.matches(session, user.entity) if m.status == "eligible")
            texts = BenefitTexts(push_platform.compiled, match.benefit)
            subject, body = texts.message("benefit.eligible", user.entity.kind, match.amount)
            notify(
                session,
                recipient=user,
                kind="benefit.eligible",
                subject=subject,
                body=body,
                link=f"/me/benefits/{match.benefit_id}",
                dedupe_key=f"kinds:{username}",
                benefit_id=match.benefit_id,
            )
    for username, who in (("talent1", "您符合"), ("institute1", "您的单位符合")):
        with TestClient(app) as client:
            login(client, username)
            inbox = client.get("/me/inbox").text
            assert "您可申报" in inbox and who in inbox, username


def test_the_jobs_table_names_what_each_job_works_on_and_never_refreshes_by_itself(app, push_platform, messages):
    """A queued re-match is shown by the benefit's title and the event in words; while one runs the page says so and
    offers a refresh, without a timed reload (an accessibility failure)."""
    from policyreach.push import jobs

    with push_platform.sessions() as session, session.begin():
        jobs.enqueue(session, "push.rematch_benefit", {"benefit_id": messages["benefit"], "event": "changed"})
        firm = session.scalar(select(Account).where(Account.username == "enterprise1")).entity
        jobs.enqueue(session, "push.rematch_entity", {"entity_pk": firm.id})
        title, name = push_platform.library.benefit(messages["benefit"]).spec.title, firm.name
    with TestClient(app) as client:
        login(client, "admin")
        page = client.get("/console/funnel").text
    assert f"重新匹配兑现事项：{title}（修订）" in page and f"重新匹配主体：{name}" in page
    assert "有任务正在进行" in page and 'http-equiv="refresh"' not in page
