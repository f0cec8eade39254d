"""A firm's agents (经办人): the representative authorises, the agent acts within its scopes, every act is recorded
under the agent's account, revocation and expiry sign the agent out at once."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from policyreach import clock
from policyreach.app.accounts import hash_password
from policyreach.push import notify
from policyreach.redemption import audit
from policyreach.store.models import Account, AuditEntry, AuthSession, Entity, FirmAgent
from tests.web.conftest import claim_form, csrf_of, login, post_login
from tests.web.test_one_click import _firm_with_a_one_click_benefit


def _in_a_year() -> str:
    return (clock.today() + dt.timedelta(days=200)).isoformat()


def _grant(client: TestClient, scopes: list[str], *, phone: str, name: str = "张经办") -> tuple[str, str]:
    page = client.get("/me/agents")
    assert page.status_code == 200, page.text
    form = {"csrf_token": csrf_of(page.text), "name": name, "phone": phone, "expires_on": _in_a_year()}
    response = client.post("/me/agents", data={**form, "scopes": scopes})
    assert response.status_code == 200, response.text
    username = re.search(r'id="granted-username">([^<]+)<', response.text)
    password = re.search(r'id="granted-password">([^<]+)<', response.text)
    assert username and password, "the page shows the new agent's name and one-time password"
    assert password.group(1) not in client.get("/me/agents").text  # shown once only
    return username.group(1), password.group(1)


NEW_PASSWORD = "Agent-pass-2026!"


def first_sign_in(agent: TestClient, username: str, password: str) -> TestClient:
    """The agent's first sign-in with the one-time password: sent to set its own, and nothing else answers until it
    has (app.authority.gate)."""
    response = post_login(agent, username, password)
    assert response.status_code == 303 and response.headers["location"] == "/account/password"
    assert agent.get("/me/policies", follow_redirects=False).headers["location"] == "/account/password"
    page = agent.get("/account/password").text
    changed = agent.post(
        "/account/password",
        data={"csrf_token": csrf_of(page), "current": password, "new": NEW_PASSWORD, "repeated": NEW_PASSWORD},
        follow_redirects=False,
    )
    assert changed.status_code == 303, changed.text
    return agent


@pytest.fixture
def firm_and_benefit(app, platform) -> Iterator[tuple[TestClient, str]]:
    username, benefit_id = _firm_with_a_one_click_benefit(platform)
    with TestClient(app) as client:
        yield login(client, username), benefit_id


def test_an_agent_with_apply_claims_and_the_representative_sees_what_it_did(app, platform, firm_and_benefit) -> None:
    representative, benefit_id = firm_and_benefit
    username, password = _grant(representative, ["apply"], phone="138 0013 8001")  # 申报 includes 查看
    with TestClient(app) as agent:
        first_sign_in(agent, username, password)
        assert agent.get("/me/agents").status_code == 403  # only the representative manages agents
        assert "经办人" not in agent.get("/me/policies").text.split("<main")[0]  # nor is offered the link
        page = agent.get(f"/me/benefits/{benefit_id}").text
        claimed = agent.post(f"/me/benefits/{benefit_id}/claim", data=claim_form(page), follow_redirects=False)
        assert claimed.status_code == 303, claimed.text
    shown = representative.get("/me/agents").text
    assert "张经办" in shown and "13800138001" in shown and "查看、申报" in shown and "有效" in shown
    assert "一键申领" in shown  # the agent's claim, on the representative's page
    assert "（经办人 张经办）" in representative.get("/me/applications").text  # and in the application's history
    with platform.sessions() as session:
        actors = set(session.scalars(select(AuditEntry.actor).where(AuditEntry.action.like("application.%"))))
        assert username in actors  # the audit chain names the agent, not the firm's own account
        assert audit.verify(session) == []


def test_an_agent_without_a_scope_is_refused_in_chinese(app, platform, firm_and_benefit) -> None:
    representative, benefit_id = firm_and_benefit
    username, password = _grant(representative, ["view"], phone="13800138002", name="李查看")
    with TestClient(app) as agent:
        first_sign_in(agent, username, password)
        assert agent.get("/me/policies").status_code == 200
        page = agent.get(f"/me/benefits/{benefit_id}").text
        # the page offers no button it would refuse, and says who can add the scope
        assert 'id="agent-scope"' in page and "法定代表人" in page and "一键申领" not in page
        forged = {"csrf_token": csrf_of(page), "idempotency_key": "x", "account_name": "x"}
        refused = agent.post(
            f"/me/benefits/{benefit_id}/claim",
            data={**forged, "account_number": "6222020200112233"},
            follow_redirects=False,
        )
        assert refused.status_code == 403 and "您的经办授权不含“申报”" in refused.text
        values = agent.post("/me/values", data={"csrf_token": csrf_of(page)}, follow_redirects=False)
        assert values.status_code == 403
        offer = agent.post("/me/applications/1/offer", data={"csrf_token": csrf_of(page), "answer": "accept"})
        assert offer.status_code == 403 and "您的经办授权不含“确认银行账户”" in offer.text
        grant = agent.post(
            "/me/agents",
            data={"csrf_token": csrf_of(page), "name": "越权", "phone": "13900000000", "scopes": ["apply"]},
        )
        assert grant.status_code == 403 and "法定代表人" in grant.text
        console = agent.get("/console", follow_redirects=False)
        assert console.status_code == 403 and "企业账号不能" in console.text  # not the representative's either
    with platform.sessions() as session:
        entity_pk = session.scalar(select(Account.entity_pk).where(Account.username == username))
        assert session.scalar(select(func.count()).select_from(FirmAgent).where(FirmAgent.name == "越权")) == 0
        # its sign-in and its own password (set at the first sign-in) are all it did
        acted = select(AuditEntry.id).where(
            AuditEntry.actor == username, AuditEntry.action.not_in(("login", "password_change"))
        )
        assert not session.scalar(acted)
        # the firm's messages reach an agent only with 接收消息
        agent_account = session.scalar(select(Account).where(Account.username == username))
        assert notify.inbox_keys(agent_account) == [f"a:{agent_account.id}"]
        representative_account = session.scalar(
            select(Account).where(Account.entity_pk == entity_pk, ~Account.agent.has())
        )
        assert f"e:{entity_pk}" in notify.inbox_keys(representative_account)


def test_revocation_ends_the_agents_sessions_and_tokens_at_once(app, platform, firm_and_benefit) -> None:
    representative, _ = firm_and_benefit
    username, password = _grant(representative, ["view", "apply", "messages"], phone="13800138003", name="王离职")
    with TestClient(app) as agent:
        first_sign_in(agent, username, password)
        password = NEW_PASSWORD  # its own from now on
        token = agent.post("/api/token", json={"username": username, "password": password}).json()["token"]
        assert agent.get("/me/policies").status_code == 200
        with platform.sessions() as session:
            found = session.scalar(select(FirmAgent).where(FirmAgent.name == "王离职"))
            agent_id, account_id = found.id, found.account_id
            assert session.scalar(select(func.count()).where(AuthSession.account_id == account_id)) == 2
        page = representative.get("/me/agents").text
        revoked = representative.post(
            f"/me/agents/{agent_id}/revoke", data={"csrf_token": csrf_of(page)}, follow_redirects=False
        )
        assert revoked.status_code == 303
        with platform.sessions() as session:  # ended in the revocation's transaction, not at the next request
            assert session.scalar(select(func.count()).where(AuthSession.account_id == account_id)) == 0
        after = agent.get("/me/policies", follow_redirects=False)
        assert after.status_code == 303 and after.headers["location"].startswith("/login")
        api = agent.get("/api/entities/E0000001", headers={"Authorization": f"Bearer {token}"})
        assert api.status_code == 401
        again = post_login(agent, username, password)
        assert again.status_code == 403 and "已被撤销" in again.text
    shown = representative.get("/me/agents").text
    assert "已撤销" in shown
    again = representative.post(f"/me/agents/{agent_id}/revoke", data={"csrf_token": csrf_of(shown)})
    assert again.status_code == 409 and "已撤销" in again.text


def test_an_expired_authorisation_acts_as_revoked(app, platform, firm_and_benefit) -> None:
    representative, _ = firm_and_benefit
    username, password = _grant(representative, ["view"], phone="13800138004", name="赵到期")
    with TestClient(app) as agent:
        first_sign_in(agent, username, password)
        password = NEW_PASSWORD  # its own from now on
        assert agent.get("/me/policies").status_code == 200
        clock.set_clock(clock.ManualClock(clock.current_clock().now() + dt.timedelta(days=201)))
        try:
            after = agent.get("/me/policies", follow_redirects=False)
            assert after.status_code == 303 and after.headers["location"].startswith("/login")
            refused = post_login(agent, username, password)
            assert refused.status_code == 403 and "到期" in refused.text
            assert "已过期" in representative.get("/me/agents").text
        finally:
            clock.set_clock(None)


def test_a_bad_authorisation_is_refused_field_by_field_and_writes_nothing(app, platform, firm_and_benefit) -> None:
    representative, _ = firm_and_benefit
    token = csrf_of(representative.get("/me/agents").text)
    today = clock.today()
    yesterday, too_far = (today - dt.timedelta(days=1)).isoformat(), (today + dt.timedelta(days=400)).isoformat()

    def counts() -> tuple[int, int]:
        with platform.sessions() as session:
            return (
                session.scalar(select(func.count()).select_from(FirmAgent)),
                session.scalar(select(func.count()).select_from(Account)),
            )

    before = counts()
    no_scopes: list[str] = []
    cases = [
        (
            {"name": "", "phone": "12345", "expires_on": "2026-02-30", "scopes": no_scopes},
            ["经办人姓名", "手机号", "授权范围", "有效期至"],
        ),
        ({"name": "甲", "phone": "13800138005", "expires_on": yesterday}, ["有效期至"]),
        ({"name": "甲", "phone": "13800138005", "expires_on": too_far}, ["最长"]),
        (
            {"name": "甲" * 51, "phone": "13800138005", "expires_on": (today + dt.timedelta(days=30)).isoformat()},
            ["经办人姓名"],
        ),
    ]
    for fields, named in cases:
        response = representative.post("/me/agents", data={"csrf_token": token, "scopes": ["view"], **fields})
        assert response.status_code == 400, response.text
        for field in named:
            assert field in response.text
    unknown = representative.post(
        "/me/agents", data={"csrf_token": token, "name": "甲", "phone": "13800138005", "scopes": ["admin"]}
    )
    assert unknown.status_code == 400 and "授权范围" in unknown.text
    assert counts() == before


def test_another_firm_cannot_see_or_revoke_an_agent(app, platform, firm_and_benefit) -> None:
    representative, _ = firm_and_benefit
    _grant(representative, ["view"], phone="13800138006", name="孙他人")
    with platform.sessions() as session:
        agent = session.scalar(select(FirmAgent).where(FirmAgent.name == "孙他人"))
        other = session.scalar(
            select(Entity).where(Entity.kind == "enterprise", Entity.id != agent.entity_pk).order_by(Entity.id)
        )
        if not session.scalar(select(Account).where(Account.username == "agents-other-firm")):
            session.add(
                Account(
                    username="agents-other-firm",
                    password_hash=hash_password("demo1234"),
                    role="enterprise",
                    entity_pk=other.id,
                )
            )
            session.commit()
        agent_id = agent.id
    with TestClient(app) as stranger:
        login(stranger, "agents-other-firm")
        page = stranger.get("/me/agents").text
        assert "孙他人" not in page
        response = stranger.post(f"/me/agents/{agent_id}/revoke", data={"csrf_token": csrf_of(page)})
        assert response.status_code == 404
    with platform.sessions() as session:
        assert session.get(FirmAgent, agent_id).state == "active"
