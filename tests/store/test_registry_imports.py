"""Imports of complete lists are rows; the latest of each registry is in force for close_frame/close_record."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import inspect

from policyreach import settings
from policyreach.rules.errors import RuleError
from policyreach.rules.schema import load_schema
from policyreach.store.db import make_engine, migrate, sessions
from policyreach.store.models import PlatformState
from policyreach.store.registry_imports import imports_in_force, record_import, state_and_imports


@pytest.fixture
def engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'imports.db'}")
    migrate(engine)
    yield engine
    engine.dispose()


def test_latest_import_of_each_registry_is_in_force(engine) -> None:
    schema = load_schema(settings.ROOT / "schema")
    names = sorted(schema.registries)
    first, second = names[0], names[1]
    assert "registry_imports" in inspect(engine).get_table_names()
    with sessions(engine)() as session, session.begin():
        record_import(session, schema, first, dt.date(2026, 3, 31), "b1", "officer1")
        record_import(session, schema, first, dt.date(2026, 6, 30), "b2", "officer1")
        record_import(session, schema, second, dt.date(2026, 6, 30), "c1", "system")
    with sessions(engine)() as session:
        in_force = {imp.registry: imp for imp in imports_in_force(session, schema)}
        assert set(in_force) == {first, second}
        assert (in_force[first].batch, in_force[first].as_of) == ("b2", dt.date(2026, 6, 30))
        assert in_force[first].label == schema.registries[first].label
        earlier = {imp.registry: imp for imp in imports_in_force(session, schema, on=dt.date(2026, 4, 1))}
        assert set(earlier) == {first} and earlier[first].batch == "b1"


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_the_state_and_the_lists_in_force_in_one_query_agree_with_each_read_alone(
    backend, tmp_path, postgres_database
) -> None:
    """``Platform.refresh`` reads the announced versions and the lists in force in one round trip (a UNION of two
    tables): the same answers as the two reads, on both databases."""
    url = postgres_database("imports_union") if backend == "postgres" else f"sqlite:///{tmp_path / 'union.db'}"
    engine = make_engine(url)
    migrate(engine)
    schema = load_schema(settings.ROOT / "schema")
    first, second = sorted(schema.registries)[:2]
    try:
        with sessions(engine)() as session:
            assert state_and_imports(session, schema, ["library_version"], dt.date(2026, 6, 1)) == ({}, [])
        with sessions(engine)() as session, session.begin():
            session.add_all([PlatformState(key="library_version", value="v7"), PlatformState(key="other", value="x")])
            record_import(session, schema, first, dt.date(2026, 6, 30), "b2", "officer1")
            record_import(session, schema, first, dt.date(2026, 3, 31), "b1", "officer1")
            record_import(session, schema, second, dt.date(2026, 3, 31), "c1", "system")
            record_import(session, schema, second, dt.date(2026, 3, 31), "c2", "system")  # same day, later: in force
        with sessions(engine)() as session:
            for on in (dt.date(2026, 1, 1), dt.date(2026, 4, 1), dt.date(2026, 7, 1)):
                state, lists = state_and_imports(session, schema, ["library_version", "likelihood_version"], on)
                assert state == {"library_version": "v7"}
                assert lists == imports_in_force(session, schema, on)
            assert [(i.registry, i.batch) for i in lists] == sorted([(first, "b2"), (second, "c2")])
    finally:
        engine.dispose()


def test_an_undeclared_registry_is_refused_and_nothing_is_written(engine) -> None:
    schema = load_schema(settings.ROOT / "schema")
    with sessions(engine)() as session, session.begin(), pytest.raises(RuleError):
        record_import(session, schema, "no_such_list", dt.date(2026, 6, 30), "x", "officer1")
    with sessions(engine)() as session:
        assert imports_in_force(session, schema) == []
