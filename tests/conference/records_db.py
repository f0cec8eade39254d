"""Fixtures for the records tests (Engineer B): one migrated SQLite database per session with a few
accounts, members and units; each test builds its own objects."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy.orm import Session, sessionmaker

from policyreach.conference.models import ConferenceMember, HandlingUnit
from policyreach.store.db import make_engine, migrate, sessions
from policyreach.store.models import Account

_counter = itertools.count(1)


@dataclass
class People:
    member: Account
    other_member: Account
    office: Account
    leader: Account
    unit: Account
    committee: Account
    unit_row: HandlingUnit
    member_row: ConferenceMember
    other_member_row: ConferenceMember


@pytest.fixture(scope="session")
def records_factory(tmp_path_factory: pytest.TempPathFactory) -> sessionmaker[Session]:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('records') / 'records.db'}")
    migrate(engine)
    return sessions(engine)


def make_people(session: Session) -> People:
    """Fresh accounts for one test (unique names, so tests do not see each other's objects)."""
    n = next(_counter)
    unit = HandlingUnit(name=f"长春市测试局{n}", short_name=f"测试局{n}", kind="government")
    session.add(unit)
    accounts = {}
    for role in ("member", "other_member", "info_office", "leader", "unit", "committee"):
        acc = Account(
            username=f"{role}{n}",
            password_hash="x",
            role=role.replace("other_", ""),
            department=unit.name if role == "unit" else None,
            display_name=f"{role}{n}",
        )
        session.add(acc)
        accounts[role] = acc
    session.flush()
    member = ConferenceMember(
        account_pk=accounts["member"].id,
        name=f"委员甲{n}",
        sector_group="经济界",
        committee="经济委员会",
        term="第十四届",
    )
    other = ConferenceMember(
        account_pk=accounts["other_member"].id,
        name=f"委员乙{n}",
        sector_group="科技界",
        committee="教科卫体委员会",
        term="第十四届",
    )
    session.add_all([member, other])
    session.flush()
    return People(
        accounts["member"],
        accounts["other_member"],
        accounts["info_office"],
        accounts["leader"],
        accounts["unit"],
        accounts["committee"],
        unit,
        member,
        other,
    )


@pytest.fixture
def db(records_factory: sessionmaker[Session]) -> Iterator[Session]:
    with records_factory() as session, session.begin():
        yield session
