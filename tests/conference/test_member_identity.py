"""Member accounts linked to the unified identity: the roster's 统一身份标识 names a member's subject at the
province's provider, and that person's sign-in there (the real test provider, tests/oidc) lands in the member's own
account — the one the roster opened, or one made at the first sign-in for a member who had none."""

from __future__ import annotations

import io

import httpx
from openpyxl import Workbook
from sqlalchemy import select

from policyreach.conference import roster
from policyreach.conference.models import ConferenceMember
from policyreach.store.models import Account, ExternalIdentity
from tests.oidc.conftest import Oidc, at_provider, oidc  # noqa: F401 - the provider and the served platform


def _roster(rows: list[list[str]]) -> bytes:
    book = Workbook()
    book.active.append([c.header for c in roster.MEMBER_COLUMNS])
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _bound(platform, oidc: Oidc, subject: str) -> Account | None:  # noqa: F811
    with platform.sessions() as session:
        row = session.scalar(
            select(ExternalIdentity).where(ExternalIdentity.issuer == oidc.issuer, ExternalIdentity.subject == subject)
        )
        account = session.get(Account, row.account_id) if row else None
        if account is not None:
            session.expunge(account)
        return account


def test_members_sign_in_through_the_unified_identity_the_roster_names(platform, oidc: Oidc) -> None:  # noqa: F811
    row = ["身份委员甲", "经济界", "", "", "", "", "第十四届", "identitymembera", "member-person-1"]
    other = ["身份委员乙", "科技界", "", "", "", "", "第十四届", "", "member-person-2"]
    with platform.sessions() as session:
        office = session.scalar(select(Account).where(Account.username == "committee1"))
        outcome = roster.import_roster(session, office, _roster([row, other]), "members", "名册.xlsx")
        assert outcome.ok, [str(e) for e in outcome.errors]
        # one person, one identity: another member cannot be given the same subject
        taken = ["身份委员丙", "农业界", "", "", "", "", "第十四届", "", "member-person-1"]
        refused = roster.import_roster(session, office, _roster([taken]), "members", "名册.xlsx")
        assert [str(e) for e in refused.errors] == ["第 2 行“统一身份标识”：已是委员“身份委员甲（经济界）”的统一身份"]
        session.commit()
    with httpx.Client() as client:  # the member with a roster account: their identity lands in it
        callback = at_provider(client, oidc, "member-person-1", "/conference")
        assert client.get(callback).status_code == 303
        home = client.get(f"{oidc.app_url}/conference")
        assert home.status_code == 200 and "身份委员甲" in home.text
    account = _bound(platform, oidc, "member-person-1")
    assert account is not None and account.username == "identitymembera" and account.role == "member"
    assert not account.must_change_password  # the identity replaced the one-time password nobody used
    with httpx.Client() as client:  # the member without one: made at the first sign-in, linked to the member
        assert client.get(at_provider(client, oidc, "member-person-2", "/conference")).status_code == 303
        assert "身份委员乙" in client.get(f"{oidc.app_url}/conference").text
    made = _bound(platform, oidc, "member-person-2")
    assert made is not None and made.role == "member" and made.username.startswith("oidc-")
    with platform.sessions() as session:
        member = session.scalar(select(ConferenceMember).where(ConferenceMember.name == "身份委员乙"))
        assert member.account_pk == made.id
    with httpx.Client() as client:  # a later sign-in reuses the account
        assert client.get(at_provider(client, oidc, "member-person-2")).status_code == 303
    assert _bound(platform, oidc, "member-person-2").id == made.id
