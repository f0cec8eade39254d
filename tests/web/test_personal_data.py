"""A talent's personal data through the pages (the shared seeded platform, real SQLite file): consents on the
profile with withdraw, the ID number sealed with SM4 (never in the database in clear), export, deletion with and
without a legal hold, and the officer's view limited to the departments the talent applied to, each view audited."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, select

from policyreach.app.accounts import hash_password
from policyreach.store.models import (
    Account,
    Application,
    AuditEntry,
    DeletionRequest,
    Entity,
    Fund,
    LedgerEntry,
    PersonalConsent,
    SensitiveValue,
)
from tests.web.conftest import csrf_of, login

ID = "11010519491231002X"  # the example number of GB 11643-1999
DEPARTMENT = "长春市人力资源和社会保障局"  # the department of the talent benefits


@pytest.fixture(scope="module")
def people(platform) -> dict[str, object]:
    """Two talents of their own (not talent1, which other tests read), both qualifying for a benefit of the
    department, only the first having applied to it; an officer of that department and one of another."""
    by_id = {b.id: b.spec.department for b in platform.compiled.benefits}
    with platform.sessions() as session, session.begin():
        linked = set(session.scalars(select(Account.entity_pk).where(Account.entity_pk.is_not(None))))
        talents = session.scalars(select(Entity).where(Entity.kind == "talent").order_by(Entity.id))
        spare: list[tuple[Entity, str]] = []
        for entity in (e for e in talents if e.id not in linked):
            qualifying = [
                m.benefit_id
                for m in platform.matches(session, entity, habits=False)
                if m.status in ("eligible", "likely") and by_id.get(m.benefit_id) == DEPARTMENT
            ]
            if qualifying:
                spare.append((entity, qualifying[0]))
            if len(spare) == 2:
                break
        password = hash_password("demo1234")
        for i, (entity, _) in enumerate(spare, start=1):
            session.add(Account(username=f"pd-talent{i}", password_hash=password, role="talent", entity_pk=entity.id))
        other = sorted(set(by_id.values()) - {DEPARTMENT, "长春市财政局"})[0]
        session.add(Account(username="pd-officer", password_hash=password, role="officer", department=DEPARTMENT))
        session.add(Account(username="pd-officer-other", password_hash=password, role="officer", department=other))
        application = Application(
            entity_pk=spare[0][0].id, benefit_id=spare[0][1], period="pd", state="submitted", redemption="review"
        )
        application.snapshot = {}
        session.add(application)
        session.flush()
        return {"first": spare[0][0].entity_id, "second": spare[1][0].entity_id, "application": application.id}


def _post(client: TestClient, url: str, page: str = "/me/personal", **data: str):
    token = csrf_of(client.get(page).text)
    return client.post(url, data={"csrf_token": token, **data}, follow_redirects=False)


def _entity(platform, entity_id: str) -> Entity:
    with platform.sessions() as session:
        return session.scalars(select(Entity).where(Entity.entity_id == entity_id)).one()


def _audits(platform, action: str) -> list[AuditEntry]:
    with platform.sessions() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_consent_id_number_export_and_withdrawal(app, platform, people) -> None:
    with TestClient(app) as talent:
        login(talent, "pd-talent1")
        profile = talent.get("/me").text
        assert "个人信息处理授权" in profile and "核验人才身份" in profile and "未授权" in profile

        # without the identity consent the number is refused, in Chinese, naming the field; nothing written
        refused = _post(talent, "/me/personal/id-number", id_number=ID)
        assert refused.status_code == 400 and "身份证号" in refused.text and "授权" in refused.text
        assert _post(talent, "/me/personal/consents", item="identity").status_code == 303
        bad = _post(talent, "/me/personal/id-number", id_number="110105194912310021")
        assert bad.status_code == 400 and "身份证号：校验位不正确" in bad.text
        assert _post(talent, "/me/personal/id-number", id_number=ID.lower()).status_code == 303

        entity = _entity(platform, people["first"])
        with platform.sessions() as session:
            stored = session.scalars(select(SensitiveValue).where(SensitiveValue.entity_pk == entity.id)).one()
            consent = session.scalars(select(PersonalConsent).where(PersonalConsent.entity_pk == entity.id)).one()
        assert stored.sealed.startswith(f"sm4:{stored.key_id}:") and ID not in stored.sealed
        database = Path(platform.engine.url.database)
        for kept in (database, database.with_name(database.name + "-wal")):  # not on disk in clear
            assert not kept.exists() or ID.encode() not in kept.read_bytes()
        assert consent.item == "identity" and consent.given_at is not None and consent.withdrawn_at is None
        page = talent.get("/me/personal").text
        assert "****002X" in page and ID not in page  # the page shows only the tail

        exported = talent.get("/me/personal/export.json")
        assert exported.status_code == 200 and "attachment" in exported.headers["content-disposition"]
        data = json.loads(exported.text)
        assert data["身份证号"] == ID and data["授权"][0]["事项"] == "身份证号" and data["授权"][0]["撤回时间"] is None

        # a sealed value altered in the database (or its key lost) is said in Chinese, never a server error
        with platform.sessions() as session, session.begin():
            row = session.get(SensitiveValue, stored.id)
            row.sealed = row.sealed[:-6] + ("AAAAAA" if not row.sealed.endswith("AAAAAA") else "BBBBBB")
        altered = talent.get("/me/personal")
        assert altered.status_code == 200 and "无法解密" in altered.text
        assert "无法解密" in talent.get("/me/personal/export.json").json()["身份证号"]

        # withdrawing the consent deletes what it covered; the profile shows when it was withdrawn
        assert _post(talent, "/me/personal/consents/withdraw", page="/me", item="identity").status_code == 303
        with platform.sessions() as session:
            assert session.scalars(select(SensitiveValue).where(SensitiveValue.entity_pk == entity.id)).all() == []
            consent = session.get(PersonalConsent, consent.id)
        assert consent.withdrawn_at is not None and consent.withdrawn_by == "pd-talent1"
        assert "撤回" in talent.get("/me").text
        again = _post(talent, "/me/personal/consents/withdraw", item="identity")
        assert again.status_code == 400 and "授权事项" in again.text
    assert [e.subject for e in _audits(platform, "personal.consent_withdrawn")].count(f"entity:{entity.entity_id}")
    assert all(ID not in json.dumps(e.data) for e in _audits(platform, "personal.id_number_set"))


def test_an_officer_sees_personal_data_only_for_its_departments_applicants_and_is_logged(app, platform, people):
    with TestClient(app) as talent:
        login(talent, "pd-talent1")
        _post(talent, "/me/personal/consents", item="identity")
        _post(talent, "/me/personal/id-number", id_number=ID)
    first, second = people["first"], people["second"]
    before = len(_audits(platform, "personal.viewed"))
    with TestClient(app) as officer:
        login(officer, "pd-officer")
        shown = officer.get(f"/console/entities/{first}/personal")
        assert shown.status_code == 200 and ID in shown.text and "已记入审计日志" in shown.text
        # a talent who qualifies for the department's benefits but never applied: not found, nothing logged
        assert officer.get(f"/console/entities/{second}/personal").status_code == 404
    with TestClient(app) as other:
        login(other, "pd-officer-other")
        assert other.get(f"/console/entities/{first}/personal").status_code == 404
    viewed = _audits(platform, "personal.viewed")
    assert len(viewed) == before + 1
    assert viewed[-1].actor == "pd-officer" and viewed[-1].subject == f"entity:{first}"
    assert viewed[-1].data == {"fields": ["id_number"], "department": DEPARTMENT}

    # the API's entity values of a talent: the same scope (not the wider one of qualifying), each read logged
    with TestClient(app) as client:

        def token(username: str) -> dict[str, str]:
            answer = client.post("/api/token", json={"username": username, "password": "demo1234"})
            return {"Authorization": f"Bearer {answer.json()['token']}"}

        officer = token("pd-officer")
        assert client.get(f"/api/entities/{first}", headers=officer).status_code == 200
        assert client.get(f"/api/entities/{second}", headers=officer).status_code == 404
        assert client.get(f"/api/entities/{first}", headers=token("pd-officer-other")).status_code == 404
        assert client.get(f"/api/entities/{second}", headers=token("pd-talent2")).status_code == 200  # its own
    viewed = _audits(platform, "personal.viewed")
    assert len(viewed) == before + 2 and viewed[-1].data == {"fields": ["values"], "via": "api"}


def test_deletion_is_done_unless_paid_money_holds_it(app, platform, people) -> None:
    # the second talent: nothing paid, so everything personal goes
    second = _entity(platform, people["second"])
    assert set(second.values) - {"name", "id_hash"}  # it has personal values to delete
    with TestClient(app) as talent:
        login(talent, "pd-talent2")
        _post(talent, "/me/personal/consents", item="identity")
        _post(talent, "/me/personal/id-number", id_number=ID)
        unconfirmed = _post(talent, "/me/personal/delete")
        assert unconfirmed.status_code in (400, 422) and "确认" in unconfirmed.text
        assert _post(talent, "/me/personal/delete", confirm="yes").headers["location"].endswith("saved=deleted")
    second = _entity(platform, people["second"])
    assert set(second.values) <= {"name", "id_hash"} and set(second.provenance) <= {"name", "id_hash"}
    with platform.sessions() as session:
        assert session.scalars(select(SensitiveValue).where(SensitiveValue.entity_pk == second.id)).all() == []
        consents = session.scalars(select(PersonalConsent).where(PersonalConsent.entity_pk == second.id)).all()
        assert all(c.withdrawn_at is not None for c in consents)

    # the first talent's application is still being handled: held, the reason shown, nothing deleted
    first = _entity(platform, people["first"])
    kept_values = dict(first.values)
    with TestClient(app) as talent:
        login(talent, "pd-talent1")
        answer = _post(talent, "/me/personal/delete", confirm="yes")
        assert answer.headers["location"].endswith("saved=delete-held")
        page = talent.get(answer.headers["location"]).text
        assert f"第 {people['application']} 号）正在办理" in page and "个人信息保护法" in page
    assert _entity(platform, people["first"]).values == kept_values

    # then it is paid public money: held for the accounting records' years, the law and the date shown
    with platform.sessions() as session, session.begin():
        fund = session.scalars(select(Fund.id)).first()
        session.add(
            LedgerEntry(
                fund_id=fund,
                period="2026",
                application_id=people["application"],
                amount=Decimal("1000"),
                kind="pay",
                by="finance",
            )
        )
    with TestClient(app) as talent:
        login(talent, "pd-talent1")
        _post(talent, "/me/personal/consents", item="identity")
        _post(talent, "/me/personal/id-number", id_number=ID)
        answer = _post(talent, "/me/personal/delete", confirm="yes")
        assert answer.headers["location"].endswith("saved=delete-held")
        page = talent.get(answer.headers["location"]).text
        assert "会计档案管理办法" in page and "已拨付财政资金" in page and "30 年" in page
    with platform.sessions() as session:
        held = session.scalars(select(DeletionRequest).where(DeletionRequest.entity_pk == first.id)).all()
        assert [r.state for r in held] == ["held", "held"] and held[0].held_until is None
        assert held[1].held_until is not None and "会计档案管理办法" in held[1].reason
        assert session.scalars(select(SensitiveValue).where(SensitiveValue.entity_pk == first.id)).one()
    assert _entity(platform, people["first"]).values == kept_values
    with platform.sessions() as session, session.begin():  # a payment written by hand: later tests reconcile the ledger
        session.execute(delete(LedgerEntry).where(LedgerEntry.application_id == people["application"]))
