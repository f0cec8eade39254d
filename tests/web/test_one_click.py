"""One click in the portal, the firm's applications, audit of logins, rate limits and security headers."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from policyreach.app.accounts import hash_password
from policyreach.redemption import audit
from policyreach.store.models import Account, Application, AuditEntry, Entity
from tests.web.conftest import claim_form, csrf_of, login, post_login


def _firm_with_a_one_click_benefit(platform, from_the_middle: bool = False) -> tuple[str, str]:
    """A fresh firm with a one-click benefit, its account made. ``from_the_middle`` starts half-way through the city:
    a caller whose firm must stay unclaimed for the whole session keeps clear of the tests that take the first fresh
    firms (in id order) or the newest ones and claim for them."""
    query = select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id)
    with platform.sessions() as session:
        if from_the_middle:
            ids = session.scalars(select(Entity.id).where(Entity.kind == "enterprise").order_by(Entity.id)).all()
            query = query.where(Entity.id >= ids[len(ids) // 2])
        for entity in session.scalars(query):
            if session.scalar(select(Application.id).where(Application.entity_pk == entity.id)):
                continue  # a fresh firm for every caller
            if session.scalar(select(Account.id).where(Account.username == f"oneclick{entity.id}")):
                continue  # and one no earlier caller took (it may claim later, after this caller chose)
            for m in platform.matcher.match(platform.record(entity)):
                if m.one_click and m.benefit.spec.redemption == "instant":
                    username = f"oneclick{entity.id}"
                    session.add(
                        Account(
                            username=username,
                            password_hash=hash_password("demo1234"),
                            role="enterprise",
                            entity_pk=entity.id,
                        )
                    )
                    session.commit()
                    return username, m.benefit_id
    raise AssertionError("no firm with a one-click benefit in the sample city")


def test_one_click_claim_is_made_once_and_shows_its_history(app, platform) -> None:
    username, benefit_id = _firm_with_a_one_click_benefit(platform)
    with TestClient(app) as client:
        login(client, username)
        page = client.get(f"/me/benefits/{benefit_id}").text
        assert "一键申领" in page
        form = claim_form(page)
        first = client.post(f"/me/benefits/{benefit_id}/claim", data=form, follow_redirects=False)
        again = client.post(f"/me/benefits/{benefit_id}/claim", data=form, follow_redirects=False)
        other = client.post(
            f"/me/benefits/{benefit_id}/claim", data={**form, "idempotency_key": "another"}, follow_redirects=False
        )
        assert first.status_code == again.status_code == other.status_code == 303
        assert first.headers["location"] == again.headers["location"] == other.headers["location"]
        listing = client.get("/me/applications").text
        assert "已核准" in listing and "按规则核准" in listing
        assert "已申请（已核准）" in client.get(f"/me/benefits/{benefit_id}").text
    with platform.sessions() as session:
        entity_pk = session.scalar(select(Account.entity_pk).where(Account.username == username))
        assert (
            session.scalar(
                select(func.count())
                .select_from(Application)
                .where(Application.entity_pk == entity_pk, Application.benefit_id == benefit_id)
            )
            == 1
        )


def test_a_firm_cannot_one_click_what_data_does_not_prove(firm, platform) -> None:
    with platform.sessions() as session:
        entity = session.scalar(select(Account).where(Account.username == "enterprise1")).entity
        refused = next(m for m in platform.matcher.match(platform.record(entity), keep_all=True) if not m.one_click)
    page = firm.get("/me/policies").text
    response = firm.post(
        f"/me/benefits/{refused.benefit_id}/claim", data={"csrf_token": csrf_of(page), "idempotency_key": "x1"}
    )
    assert response.status_code == 409


def test_logins_are_audited_and_the_chain_holds(app, platform) -> None:
    with TestClient(app) as client:
        login(client, "enterprise2")
    with platform.sessions() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "login")) > 0
        assert audit.verify(session) == []


def test_login_attempts_are_rate_limited(app) -> None:
    with TestClient(app) as client:
        codes = [post_login(client, "ratelimited", "wrong").status_code for _ in range(6)]
        assert codes[:5] == [401] * 5 and codes[5] == 429
        assert post_login(client, "ratelimited", "x").status_code == 429


def test_security_headers(app) -> None:
    with TestClient(app) as client:
        headers = client.get("/login").headers
        assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"
        assert "default-src 'self'" in headers["content-security-policy"]


def _firm_with_a_review_benefit(platform) -> tuple[str, str]:
    with platform.sessions() as session:
        for entity in session.scalars(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id.desc())):
            for m in platform.matcher.match(platform.record(entity)):
                if m.benefit.spec.redemption == "review" and m.status == "eligible":
                    username = f"review{entity.id}"
                    if not session.scalar(select(Account).where(Account.username == username)):
                        session.add(
                            Account(
                                username=username,
                                password_hash=hash_password("demo1234"),
                                role="enterprise",
                                entity_pk=entity.id,
                            )
                        )
                        session.commit()
                    return username, m.benefit_id
    raise AssertionError("no firm with a review benefit")


def test_review_application_with_materials(app, platform, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("POLICYREACH_UPLOADS", str(tmp_path / "uploads"))
    username, benefit_id = _firm_with_a_review_benefit(platform)
    with TestClient(app) as client:
        login(client, username)
        page = client.get(f"/me/benefits/{benefit_id}").text
        assert "在线申报" in page
        form = {"csrf_token": csrf_of(page), "idempotency_key": "review-1"}
        fake = client.post(
            f"/me/benefits/{benefit_id}/apply",
            data=form,
            files=[("materials", ("审计报告.pdf", b"MZ not a pdf", "application/pdf"))],
        )
        assert fake.status_code == 422 and "内容与扩展名 .pdf 不符" in fake.text
        with platform.sessions() as session:
            entity_pk = session.scalar(select(Account.entity_pk).where(Account.username == username))
            assert not session.scalar(
                select(Application).where(Application.entity_pk == entity_pk, Application.benefit_id == benefit_id)
            )
        good = client.post(
            f"/me/benefits/{benefit_id}/apply",
            data=form,
            follow_redirects=False,
            files=[("materials", ("审计报告.pdf", b"%PDF-1.7 test", "application/pdf"))],
        )
        assert good.status_code == 303
    stored = list((tmp_path / "uploads").iterdir())
    assert len(stored) == 1 and "审计报告" not in stored[0].name and stored[0].read_bytes().startswith(b"%PDF")
    with TestClient(app) as officer:
        login(officer, "admin")
        queue = officer.get("/console/applications?state=submitted").text
        link = re.search(r'href="(/console/documents/\d+)">审计报告.pdf', queue).group(1)
        assert officer.get(link).content.startswith(b"%PDF")


def test_notice_objection_reevaluation_and_history(app, platform) -> None:
    username, benefit_id = _firm_with_a_one_click_benefit(platform)
    with TestClient(app) as firm:
        login(firm, username)
        page = firm.get(f"/me/benefits/{benefit_id}").text
        firm.post(f"/me/benefits/{benefit_id}/claim", data=claim_form(page))
    with platform.sessions() as session:
        entity_pk = session.scalar(select(Account.entity_pk).where(Account.username == username))
        application_id = session.scalar(
            select(Application.id).where(Application.entity_pk == entity_pk, Application.benefit_id == benefit_id)
        )
    officer = login(TestClient(app), "admin")
    token = csrf_of(officer.get("/console/applications").text)
    officer.post(f"/console/applications/{application_id}", data={"csrf_token": token, "action": "publish"})
    with TestClient(app) as public:  # no login needed to see the notice or to object
        listing = public.get("/notice").text
        assert f'id="a{application_id}"' in listing
        form = csrf_of(listing)  # the anonymous form's own token, bound to the page's cookie
        short = public.post(f"/notice/{application_id}/objection", data={"text": "不对", "csrf_token": form})
        assert short.status_code == 400 and "至少 10 个字" in short.text
        ok = public.post(
            f"/notice/{application_id}/objection",
            data={"text": "该企业注册地址与实际经营地不符，请核实", "csrf_token": form},
        )
        assert "异议已收到" in ok.text and f'id="a{application_id}"' not in ok.text
    response = officer.post(
        f"/console/applications/{application_id}",
        follow_redirects=False,
        data={"csrf_token": token, "action": "reevaluate"},
    )
    assert response.status_code == 303
    detail = officer.get(response.headers["location"]).text
    # the history in the officer's words: no audit action code shows
    assert "收到公示异议" in detail and "按当日数据重新评估" in detail and "application." not in detail


def test_more_material_then_resubmit(app, platform, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("POLICYREACH_UPLOADS", str(tmp_path / "uploads"))
    username, benefit_id = _firm_with_a_review_benefit(platform)
    with TestClient(app) as firm:
        login(firm, username)
        page = firm.get(f"/me/benefits/{benefit_id}").text
        if "在线申报" in page:
            firm.post(
                f"/me/benefits/{benefit_id}/apply",
                data={"csrf_token": csrf_of(page), "idempotency_key": "m1"},
                files=[("materials", ("a.pdf", b"%PDF-1.4", "application/pdf"))],
            )
        with platform.sessions() as session:
            entity_pk = session.scalar(select(Account.entity_pk).where(Account.username == username))
            application_id = session.scalar(
                select(Application.id).where(Application.entity_pk == entity_pk, Application.benefit_id == benefit_id)
            )
        officer = login(TestClient(app), "admin")
        token = csrf_of(officer.get("/console/applications").text)
        officer.post(
            f"/console/applications/{application_id}",
            data={"csrf_token": token, "action": "more_material", "reason": "请补充专项审计报告", "confirm": "yes"},
        )
        listing = firm.get("/me/applications").text
        assert "请补充专项审计报告" in listing and "提交补充材料" in listing
        response = firm.post(
            f"/me/applications/{application_id}/resubmit",
            follow_redirects=False,
            data={"csrf_token": csrf_of(listing)},
            files=[("materials", ("审计.pdf", b"%PDF-1.7 more", "application/pdf"))],
        )
        assert response.status_code == 303
        with platform.sessions() as session:
            assert session.get(Application, application_id).state == "submitted"
