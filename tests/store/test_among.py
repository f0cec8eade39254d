"""``store.entities.among`` on PostgreSQL: one condition that selects exactly the rows whose key is among the values,
whichever way the values travel (one joined text split by the database, or a list for texts it could not split
back: a separator inside, an empty text)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import BigInteger, Column, MetaData, Table, Text, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from policyreach.store.db import make_engine
from policyreach.store.entities import among

KEYS = Table("among_keys", MetaData(), Column("number", BigInteger), Column("code", Text))
TEXTS = ["", ",", "a,b", '"quoted"', "back\\slash", "{brace}", "长春", "\x1f", "x\x1fy", "NULL", " ", "a"]


@pytest.fixture(scope="module")
def engine(postgres_database) -> Iterator[Engine]:
    engine = make_engine(postgres_database("policyreach_among"))
    KEYS.create(engine)
    with engine.begin() as connection:
        connection.execute(insert(KEYS), [{"number": n, "code": t} for n, t in enumerate(TEXTS)])
    yield engine
    engine.dispose()


@given(st.lists(st.sampled_from([*TEXTS, "absent"]), min_size=1, max_size=8))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_texts_select_exactly_their_rows(engine: Engine, wanted: list[str]) -> None:
    with Session(engine) as session:
        [condition] = list(among(session, KEYS.c.code, wanted))  # type: ignore[arg-type]
        found = sorted(session.scalars(select(KEYS.c.code).where(condition)))
    assert found == sorted(set(wanted) & set(TEXTS))


@given(st.lists(st.integers(-3, len(TEXTS) + 3), min_size=1, max_size=8))
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_numbers_select_exactly_their_rows(engine: Engine, wanted: list[int]) -> None:
    with Session(engine) as session:
        [condition] = list(among(session, KEYS.c.number, wanted))  # type: ignore[arg-type]
        found = sorted(session.scalars(select(KEYS.c.number).where(condition)))
    assert found == sorted(set(wanted) & set(range(len(TEXTS))))
