"""The public objection form cannot be abused (issue 19, point 4): a CSRF token bound to the page's cookie, a
honeypot, a size limit, rate limits kept in the database, and an objection that freezes a payout once; after an
officer's decision a new one freezes it again only when an officer finds new grounds.

Each guard was checked once by removing it (the closing note of issue 19 says which test then failed).
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from policyreach.redemption import funds
from policyreach.redemption.objections import TooMany, raise_objection
from policyreach.redemption.states import State
from policyreach.store.db import transaction
from policyreach.store.models import Application, LedgerEntry, Objection, ObjectionQuota
from tests.web.conftest import csrf_of, login
from tests.web.notice_fixtures import on_notice

TEXT = "该企业实际经营地址不在本区，申报材料与事实不符，请核实"


def _state(platform, application_id: int) -> str:
    with platform.sessions() as session:
        return session.get(Application, application_id).state


def _objections(platform, application_id: int) -> list[str]:
    with platform.sessions() as session:
        return list(
            session.scalars(
                select(Objection.status).where(Objection.application_id == application_id).order_by(Objection.id)
            )
        )


def _public(app) -> tuple[TestClient, str]:
    client = TestClient(app)
    return client, csrf_of(client.get("/notice").text)


def test_the_form_refuses_forged_hidden_and_oversized_submissions(app, platform, monkeypatch) -> None:
    monkeypatch.setenv("POLICYREACH_OBJECTION_LIMITS", "1,5,50")  # one objection per address per hour
    first, second = on_notice(platform, 2)
    public, token = _public(app)
    url = f"/notice/{first}/objection"
    # no token, and a cross-site form (no cookie: SameSite=Strict) carrying a token it copied
    assert public.post(url, data={"text": TEXT}).status_code == 403
    stranger = TestClient(app)
    assert stranger.post(url, data={"text": TEXT, "csrf_token": token}).status_code == 403
    other, other_token = _public(app)  # a token of another visitor's cookie does not match this one
    assert public.post(url, data={"text": TEXT, "csrf_token": other_token}).status_code == 403
    # the honeypot: answered as received, nothing kept, nothing frozen
    trap = public.post(url, data={"text": TEXT, "csrf_token": token, "website": "http://spam.example"})
    assert trap.status_code == 200 and "异议已收到" in trap.text
    # the size limit names the field and the figures
    long = public.post(url, data={"text": "异" * 2001, "csrf_token": token})
    assert long.status_code == 400 and "异议内容" in long.text and "2000" in long.text
    assert _state(platform, first) == State.NOTICE and _objections(platform, first) == []
    done = public.post(url, data={"text": TEXT, "csrf_token": token, "contact": "13800000000"})
    assert done.status_code == 200 and "暂停拨付" in done.text
    assert _state(platform, first) == State.OBJECTED and _objections(platform, first) == ["freezing"]
    # the address used its hour: the next objection, on another application, is refused with the reason
    again = public.post(f"/notice/{second}/objection", data={"text": TEXT, "csrf_token": token})
    assert again.status_code == 429 and "每小时最多提交 1 条" in again.text
    assert _state(platform, second) == State.NOTICE and _objections(platform, second) == []
    for client in (public, stranger, other):
        client.close()


def _act(officer: TestClient, application_id: int, **data: str):
    token = csrf_of(officer.get(f"/console/applications/{application_id}").text)
    return officer.post(
        f"/console/applications/{application_id}", data={"csrf_token": token, **data}, follow_redirects=False
    )


def test_an_objection_freezes_once_and_again_only_on_new_grounds(app, platform, monkeypatch) -> None:
    monkeypatch.setenv("POLICYREACH_OBJECTION_LIMITS", "100,100,100")
    (application_id,) = on_notice(platform, 1)
    public, token = _public(app)
    url = f"/notice/{application_id}/objection"
    assert public.post(url, data={"text": TEXT, "csrf_token": token}).status_code == 200
    officer = login(TestClient(app), "admin")
    page = officer.get(f"/console/applications/{application_id}").text
    assert TEXT in page and "已暂停拨付，待核实" in page
    # an objection while frozen is recorded beside the first, decided with it
    beside = public.post(url, data={"text": "补充：该企业员工社保缴纳地也不在本区", "csrf_token": token})
    assert beside.status_code == 200 and "一并核实" in beside.text
    assert (
        _act(officer, application_id, action="dismiss_objection", reason="经核实，实际经营地在本区").status_code == 303
    )
    assert _state(platform, application_id) == State.NOTICE
    assert _objections(platform, application_id) == ["dismissed", "dismissed"]
    # the same anonymous POST again: recorded and shown to the officer, the payout not frozen
    repeat = public.post(url, data={"text": TEXT, "csrf_token": token})
    assert repeat.status_code == 200 and "审查是否提出了新的事实和理由" in repeat.text
    assert _state(platform, application_id) == State.NOTICE
    assert _objections(platform, application_id)[-1] == "pending"
    with platform.sessions() as session:
        benefit_id = session.get(Application, application_id).benefit_id
    # the queue filtered to this benefit's notices: other tests' applications may fill the unfiltered first page
    listing = officer.get(f"/console/applications?state=notice&benefit={benefit_id}").text
    assert "条异议待认定是否有新理由" in listing
    with platform.sessions() as session:
        pending = session.scalar(
            select(Objection.id).where(Objection.application_id == application_id, Objection.status == "pending")
        )
    refused = _act(officer, application_id, action="no_new_grounds", objection_id=str(pending))
    assert refused.status_code == 409 and "请写明是否提出了新的事实和理由" in refused.text
    assert (
        _act(
            officer, application_id, action="no_new_grounds", objection_id=str(pending), reason="与前次相同"
        ).status_code
        == 303
    )
    assert _state(platform, application_id) == State.NOTICE
    # a new fact: the officer accepts it as new grounds and the payout is frozen again, once
    public.post(url, data={"text": "新情况：该企业已于上月迁出本区，工商登记已变更", "csrf_token": token})
    with platform.sessions() as session:
        newer = session.scalar(
            select(Objection.id).where(Objection.application_id == application_id, Objection.status == "pending")
        )
    assert (
        _act(officer, application_id, action="new_grounds", objection_id=str(newer), reason="迁出属新事实").status_code
        == 303
    )
    assert _state(platform, application_id) == State.OBJECTED
    second = _act(officer, application_id, action="new_grounds", objection_id=str(newer), reason="迁出属新事实")
    assert second.status_code == 409 and "已被他人处理" in second.text
    # upheld: the money goes back to the fund once, every open objection decided with it
    assert _act(officer, application_id, action="uphold", reason="经核实已迁出").status_code == 303
    assert _state(platform, application_id) == State.REJECTED
    assert _objections(platform, application_id) == ["dismissed", "dismissed", "no_new_grounds", "upheld"]
    with platform.sessions() as session:
        moved = {
            kind: session.scalar(
                select(func.count())
                .select_from(LedgerEntry)
                .where(LedgerEntry.application_id == application_id, LedgerEntry.kind == kind)
            )
            for kind in ("commit", "release")
        }
        # each part committed (one per fund and year it draws on) released exactly once
        assert moved["release"] == moved["commit"] >= 1 and funds.reconcile(session) == []
    history = officer.get(f"/console/applications/{application_id}").text
    # in the officer's words, never the audit chain's codes
    assert "收到公示异议" in history and "异议认定：有新的事实和理由，暂停拨付" in history
    assert "objection." not in history and "application." not in history
    public.close()
    officer.close()


def test_rate_limits_are_kept_in_the_database_and_bounded(platform, monkeypatch) -> None:
    monkeypatch.setenv(
        "POLICYREACH_OBJECTION_LIMITS", "3,2,4"
    )  # per address/hour, per address+application/day, per application/day
    first, second, third, fourth = on_notice(platform, 4)
    now = 2_000_000_000.0

    def objection(application_id: int, address: str, at: float = now) -> str:
        try:
            with transaction(platform.sessions) as session:
                return raise_objection(session, application_id, TEXT, address=address, now=at).status
        except TooMany as exc:  # which limit refused it, read from the message the objector is shown
            text = str(exc)
            return "address" if "每小时" in text else "pair" if "您今天已对该申请" in text else "application"

    assert [objection(first, "10.0.0.1") for _ in range(3)] == ["freezing", "pending", "pair"]
    assert [objection(a, "10.0.0.2") for a in (second, third, fourth)] == ["freezing", "freezing", "freezing"]
    assert objection(first, "10.0.0.2") == "address"  # the address's hour is used
    assert objection(first, "10.0.0.2", now + 3601) == "pending"  # the next hour
    assert [objection(first, f"10.0.1.{i}") for i in range(2)] == ["pending", "application"]
    with platform.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Objection).where(Objection.application_id == first)) == 4
        before = session.scalar(select(func.count()).select_from(ObjectionQuota))
    # a day later the expired windows are pruned as new objections come: the table holds only live windows
    assert objection(second, "10.0.9.9", now + 3 * 86400) == "pending"
    with platform.sessions() as session:
        live = session.scalar(select(func.count()).select_from(ObjectionQuota))
    assert before >= 8 and live == 3


@pytest.fixture(autouse=True)
def _fresh_quota(platform):
    """Each test starts with no counted objections (the platform is shared by the session)."""
    from sqlalchemy import delete

    with transaction(platform.sessions) as session:
        session.execute(delete(ObjectionQuota))
