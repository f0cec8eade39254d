"""An OpenID Connect identity and its account, on SQLite and PostgreSQL: made at the first sign-in, bound to the
firm its credit code names (or the talent), reused later, refused when nothing matches, and one account when two
first sign-ins race."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from policyreach.app import identities
from policyreach.app.identities import Identity, IdentityRefused, sign_in
from policyreach.standards.uscc import make_uscc
from policyreach.store.db import make_engine, migrate, sessions
from policyreach.store.models import Account, Entity, ExternalIdentity, FirmAgent

ISSUER = "https://id.example.gov.cn"
FIRM_CODE = make_uscc("9", "1", "220101", "MA0QDT01")
OTHER_CODE = make_uscc("9", "1", "220101", "MA0QDT02")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def factory(request, tmp_path_factory: pytest.TempPathFactory) -> sessionmaker[Session]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('identities') / 'db.sqlite'}"
    else:
        url = request.getfixturevalue("postgres_database")("identities")
    engine = make_engine(url)
    migrate(engine)  # the migration under test makes the table, with its unique key
    made = sessions(engine)
    with made.begin() as session:
        session.add_all(
            [
                Entity(entity_id="F1", kind="enterprise", name="长春示例科技有限公司", uscc=FIRM_CODE, values={}),
                Entity(entity_id="F2", kind="enterprise", name="长春另一家公司", uscc=OTHER_CODE, values={}),
                Entity(entity_id="T1", kind="talent", name="张三", values={"id_hash": "a" * 32}),
            ]
        )
    return made


@pytest.fixture
def db(factory: sessionmaker[Session]) -> Iterator[sessionmaker[Session]]:
    yield factory
    with factory.begin() as session:
        session.execute(delete(ExternalIdentity))
        session.execute(delete(FirmAgent))
        session.execute(delete(Account))


def _firm(subject: str = "legal-1", code: str | None = FIRM_CODE) -> Identity:
    return Identity(ISSUER, subject, code, None)


def _counts(factory: sessionmaker[Session]) -> tuple[int, int]:
    with factory() as session:
        accounts = session.scalar(select(func.count()).select_from(Account)) or 0
        found = session.scalar(select(func.count()).select_from(ExternalIdentity)) or 0
        return accounts, found


def test_the_first_sign_in_makes_the_firms_account_and_later_ones_reuse_it(db) -> None:
    with db.begin() as session:
        made = sign_in(session, _firm(), 1000.0)
        first = made.account
        assert made.created
        assert first.role == "enterprise" and first.entity is not None and first.entity.uscc == FIRM_CODE
        assert first.display_name == "长春示例科技有限公司"
        assert first.username == identities.username_for(ISSUER, "legal-1")
    with db.begin() as session:
        again = sign_in(session, _firm(code=FIRM_CODE.lower()), 2000.0)  # a code in lower case is the same code
        assert again.account.id == first.id and not again.created
    assert _counts(db) == (1, 1)
    with db() as session:
        row = session.scalar(select(ExternalIdentity))
        assert row is not None and row.created_at == 1000.0 and row.last_login_at == 2000.0


def test_a_person_signs_in_as_the_talent_whose_id_hash_the_claim_carries(db) -> None:
    with db.begin() as session:
        person = sign_in(session, Identity(ISSUER, "p-1", None, "a" * 32), 1000.0).account
        assert person.role == "talent" and person.entity is not None and person.entity.name == "张三"


@pytest.mark.parametrize(
    ("identity", "says"),
    [
        (_firm(code=make_uscc("9", "1", "220101", "MA0QDT99")), "本平台没有统一社会信用代码为"),
        (_firm(code="91220101MA0QDT01X0"), "不正确"),  # a broken check character
        (Identity(ISSUER, "p-2", None, "b" * 32), "人才名录中没有您的身份信息"),
        (Identity(ISSUER, "p-3", None, None), "未提供统一社会信用代码或个人身份标识"),
        (Identity(ISSUER, "s" * 256, FIRM_CODE, None), "用户标识（sub）为空或过长"),
    ],
)
def test_an_identity_that_names_nothing_here_is_refused_and_writes_nothing(db, identity, says) -> None:
    with db() as session, pytest.raises(IdentityRefused, match=says):
        sign_in(session, identity, 1000.0)
    assert _counts(db) == (0, 0)


def test_an_identity_whose_credit_code_moved_to_another_firm_is_refused(db) -> None:
    with db.begin() as session:
        sign_in(session, _firm(), 1000.0)
    with db() as session, pytest.raises(IdentityRefused, match="此前绑定的是“长春示例科技有限公司”"):
        sign_in(session, _firm(code=OTHER_CODE), 2000.0)


def test_two_first_sign_ins_at_once_make_one_account(db, monkeypatch) -> None:
    """The second sign-in has found no identity and is about to insert when the first commits its own: its insert
    meets the unique keys and it reads the first one's account back (never two accounts, never a 500)."""
    found = identities._entity_for
    raced: list[int] = []
    calls: list[Identity] = []

    def and_meanwhile(session: Session, identity: Identity) -> Entity:
        calls.append(identity)
        if len(calls) == 1:  # the other process, in its own transaction, wins the race just now
            with db.begin() as other:
                raced.append(sign_in(other, identity, 1000.0).account.id)
        return found(session, identity)

    monkeypatch.setattr(identities, "_entity_for", and_meanwhile)
    with db.begin() as session:
        lost = sign_in(session, _firm(), 1001.0)
    assert raced and lost.account.id == raced[0] and not lost.created
    assert _counts(db) == (1, 1)


def test_a_person_a_firm_authorised_by_identity_signs_in_as_that_agent_until_revoked(db) -> None:
    import datetime as dt

    from policyreach import clock
    from policyreach.app.agents import sign_in_refusal

    with db.begin() as session:
        firm = session.scalar(select(Entity).where(Entity.entity_id == "F1"))
        account = Account(username="F1-13900000000", password_hash="x", role="enterprise", entity_pk=firm.id)
        session.add(account)
        session.flush()
        session.add(
            FirmAgent(
                entity_pk=firm.id,
                account_id=account.id,
                name="周会计",
                phone="13900000000",
                subject="agent-sub-1",
                scopes=["view", "apply"],
                expires_on=clock.today() + dt.timedelta(days=30),
                granted_by="legal",
            )
        )
        agent_account = account.id
    with db.begin() as session:
        signed = sign_in(session, Identity(ISSUER, "agent-sub-1", None, None), 1000.0)
        assert signed.account.id == agent_account and not signed.created
        assert sign_in_refusal(signed.account) is None
    with db.begin() as session:
        agent = session.scalar(select(FirmAgent).where(FirmAgent.subject == "agent-sub-1"))
        agent.state = "revoked"
    with db.begin() as session:
        again = sign_in(session, Identity(ISSUER, "agent-sub-1", None, None), 2000.0)
        assert again.account.id == agent_account  # the identity stays bound to the agent account …
        assert "已到期或已被撤销" in (sign_in_refusal(again.account) or "")  # … which may no longer sign in
    assert _counts(db) == (1, 1)  # no second account for the person
