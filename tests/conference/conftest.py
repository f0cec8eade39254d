"""Fixtures for the proposal tests: a migrated SQLite database per session (and one on the session's PostgreSQL),
and a builder of fresh people for each test (unique names, so tests never see each other's objects)."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

import pytest
from sqlalchemy.orm import Session, sessionmaker

from policyreach.conference.models import ConferenceMember, HandlingUnit
from policyreach.store.db import make_engine, migrate, sessions
from policyreach.store.models import Account
from tests.conftest import seeded_platform

_counter = itertools.count(1)
ASSIGNED_ON = dt.date(2024, 9, 27)  # a Friday before the National Day holidays and their make-up days


@pytest.fixture(scope="session")
def sqlite_factory(tmp_path_factory: pytest.TempPathFactory) -> sessionmaker[Session]:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('proposals') / 'proposals.db'}")
    migrate(engine)
    return sessions(engine)


@pytest.fixture(scope="session")
def pg_factory(postgres_database) -> sessionmaker[Session]:
    engine = make_engine(postgres_database("conference_proposals"))
    migrate(engine)
    return sessions(engine)


@dataclass
class World:
    """Accounts of every role, three members, a leader member and three handling units."""

    n: int
    accounts: dict[str, Account] = field(default_factory=dict)
    members: dict[str, ConferenceMember] = field(default_factory=dict)
    units: dict[str, HandlingUnit] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Account:
        return self.accounts[key]


def build_world(session: Session) -> World:
    n = next(_counter)
    world = World(n)
    for key in ("science", "commerce", "transport"):
        unit = HandlingUnit(name=f"长春市{key}局{n}", short_name=f"{key}{n}", kind="government")
        session.add(unit)
        world.units[key] = unit
    specs = [
        ("proposer", "member", None),
        ("cosigner", "member", None),
        ("stranger", "member", None),
        ("committee", "committee", None),
        ("leader", "leader", None),
        ("info", "info_office", None),
        ("science", "unit", "science"),
        ("commerce", "unit", "commerce"),
        ("transport", "unit", "transport"),
        ("admin", "admin", None),
    ]
    for key, role, unit in specs:
        account = Account(
            username=f"t{n}-{key}",
            password_hash="x",
            role=role,
            display_name=key,
            department=world.units[unit].name if unit else None,
        )
        session.add(account)
        world.accounts[key] = account
    session.flush()
    for key in ("proposer", "cosigner", "stranger", "leader"):
        member = ConferenceMember(
            account_pk=world.accounts[key].id,
            name=f"委员{key}{n}",
            sector_group="经济界",
            committee="经济委员会",
            is_leader=key == "leader",
        )
        session.add(member)
        world.members[key] = member
    session.flush()
    return world


@pytest.fixture(scope="session")
def platform(tmp_path_factory: pytest.TempPathFactory):
    """The conference tests' own seeded platform: their proposals and reports stay out of the web tests' city."""
    return seeded_platform(tmp_path_factory.mktemp("conference-web"))


@pytest.fixture(scope="session")
def app(platform):
    """The app over the conference tests' platform (a session fixture caches one value: the root's would be shared)."""
    from policyreach.web.app import create_app

    return create_app(platform, secret="conference-secret")
