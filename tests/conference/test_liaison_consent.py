"""包保 registrations show nothing about a firm until the firm consents in its portal or the information office
approves; a firm's refusal stands (the office cannot approve over it)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import select

from policyreach.app.accounts import hash_password
from policyreach.store.models import Account, DisclosureConsent, Entity
from tests.web.conftest import csrf_of, login

SECRET = "consent-pass-1"
UNCLAIMED = "可享受但尚未申请的政策"


def _spare_firms(platform, n: int) -> list[Entity]:
    """Firms no account and no 包保 entry knows yet (from the end of the table: the demo takes the first ones)."""
    from policyreach.conference.records_models import LiaisonTarget

    with platform.sessions() as session:
        used = set(session.scalars(select(Account.entity_pk).where(Account.entity_pk.is_not(None))))
        used |= set(session.scalars(select(LiaisonTarget.entity_pk).where(LiaisonTarget.entity_pk.is_not(None))))
        rows = session.scalars(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id.desc()).limit(60))
        return [e for e in rows if e.id not in used][:n]


def _firm_account(platform, entity: Entity) -> str:
    username = f"consent-{entity.entity_id}"
    with platform.sessions() as session:
        session.add(
            Account(
                username=username,
                password_hash=hash_password(SECRET),
                role="enterprise",
                entity_pk=entity.id,
                display_name=entity.name,
            )
        )
        session.commit()
    return username


def _register(member: TestClient, firm: Entity) -> str:
    token = csrf_of(member.get("/conference/liaison").text)
    response = member.post(
        "/conference/liaison",
        data={"csrf_token": token, "kind": "enterprise", "firm": firm.uscc},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    found = re.match(r"(/conference/liaison/\d+)", response.headers["location"])
    assert found
    return found.group(1)


def _consent_id(platform, entity: Entity) -> int:
    with platform.sessions() as session:
        return session.scalar(select(DisclosureConsent.id).where(DisclosureConsent.entity_pk == entity.id))


def test_a_registered_firm_is_hidden_until_it_consents_or_the_office_approves(app, platform) -> None:
    consenting, approved, refusing = _spare_firms(platform, 3)
    with TestClient(app) as member, TestClient(app) as firm, TestClient(app) as office:
        login(member, "member1")
        page = _register(member, consenting)
        hidden = member.get(page).text
        assert consenting.name not in hidden and UNCLAIMED not in hidden and "待同意" in hidden
        assert consenting.name not in member.get("/conference/liaison").text

        # the firm consents in its portal: now its coverer sees it and what it could claim
        login(firm, _firm_account(platform, consenting), SECRET)
        portal = firm.get("/me/consents").text
        assert "王建华委员" in portal and "待同意" in portal
        answered = firm.post(
            f"/me/consents/{_consent_id(platform, consenting)}",
            data={"csrf_token": csrf_of(portal), "answer": "grant"},
            follow_redirects=False,
        )
        assert answered.status_code == 303
        shown = member.get(page).text
        assert consenting.name in shown and UNCLAIMED in shown

        # a firm that has not answered: the information office approves
        other_page = _register(member, approved)
        assert approved.name not in member.get(other_page).text
        login(office, "info1")
        listing = office.get("/conference/liaison-approvals").text
        assert "王建华委员" in listing
        ok = office.post(
            f"/conference/liaison-approvals/{_consent_id(platform, approved)}",
            data={"csrf_token": csrf_of(listing)},
            follow_redirects=False,
        )
        assert ok.status_code == 303
        assert approved.name in member.get(other_page).text

        # a firm that refused stays hidden: the office cannot approve over its answer
        third_page = _register(member, refusing)
        login(firm, _firm_account(platform, refusing), SECRET)
        token = csrf_of(firm.get("/me/consents").text)
        firm.post(f"/me/consents/{_consent_id(platform, refusing)}", data={"csrf_token": token, "answer": "refuse"})
        over = office.post(
            f"/conference/liaison-approvals/{_consent_id(platform, refusing)}",
            data={"csrf_token": csrf_of(office.get("/conference/liaison-approvals").text)},
        )
        assert over.status_code == 409
        assert refusing.name not in member.get(third_page).text
        # a member may not approve, and a firm may not answer another firm's request
        assert member.get("/conference/liaison-approvals").status_code == 403
        other = firm.post(
            f"/me/consents/{_consent_id(platform, approved)}", data={"csrf_token": token, "answer": "refuse"}
        )
        assert other.status_code == 404
