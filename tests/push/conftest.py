"""A small migrated database per test module: the push tables and a few firms and accounts."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from policyreach.push.clock import UTC, ManualClock
from policyreach.store.db import make_engine, migrate, sessions
from policyreach.store.models import Account, Entity

# the worker's nightly likelihood training would change who a rematch tells (the push threshold) depending on which
# job a round runs first; these tests are about push: the training and the threshold are tests/app's and
# tests/push/test_learning.py's. Set before any worker process these tests start, which inherit it.
os.environ["POLICYREACH_LIKELIHOOD_NIGHTLY"] = "0"

START = dt.datetime(2026, 6, 1, 2, 0, tzinfo=UTC)  # 10:00 in 长春, outside the default quiet hours


def make_db(path: Path) -> sessionmaker[Session]:
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    factory = sessions(engine)
    with factory() as session, session.begin():
        for i in range(1, 4):
            entity = Entity(
                entity_id=f"T{i:04d}",
                kind="enterprise",
                name=f"测试企业{i}",
                values={},
                provenance={},
                district="220102",
                industry="C36",
            )
            session.add(entity)
            session.flush()
            session.add(
                Account(
                    username=f"firm{i}",
                    password_hash="x",
                    role="enterprise",
                    entity_pk=entity.id,
                    display_name=entity.name,
                )
            )
        session.add(
            Account(username="member1", password_hash="x", role="officer", department="政协办公厅", display_name="委员")
        )
    return factory


@pytest.fixture
def db(tmp_path: Path) -> sessionmaker[Session]:
    return make_db(tmp_path / "push.db")


@pytest.fixture
def clock() -> Iterator[ManualClock]:
    yield ManualClock(START)


def build_platform(base: Path, entities: int, seed: int):
    """A seeded platform of its own (database, library copy, a generated city): push tests publish policies."""
    from tests.platforms import demo_platform

    plat = demo_platform(base, f"sqlite:///{base / 'push.db'}", entities, seed, AS_OF)
    plat.population_file = base / "pop.parquet"  # type: ignore[attr-defined]
    return plat


@pytest.fixture(scope="session")
def push_platform(tmp_path_factory: pytest.TempPathFactory):
    return build_platform(tmp_path_factory.mktemp("push"), 1200, 23)


@pytest.fixture
def forget_preferences(push_platform) -> Iterator[None]:
    """For a test that saves a firm's preferences on the shared platform: removed afterwards, so that a firm
    unsubscribed from a department here is not silently skipped by a later module's messages (which module runs
    first on a worker depends on the run)."""
    from sqlalchemy import delete

    from policyreach.push.models import Preference

    yield
    with push_platform.sessions() as session, session.begin():
        session.execute(delete(Preference))


AS_OF = dt.date(2026, 6, 1)
