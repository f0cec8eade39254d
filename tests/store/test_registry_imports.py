"""Imports of complete lists are rows; the latest of each registry is in force for close_frame/close_record."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import inspect

from policyreach import settings
from policyreach.rules.errors import RuleError
from policyreach.rules.schema import load_schema
from policyreach.store.db import make_engine, migrate, sessions
from policyreach.store.registry_imports import imports_in_force, record_import


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


def test_an_undeclared_registry_is_refused_and_nothing_is_written(engine) -> None:
    schema = load_schema(settings.ROOT / "schema")
    with sessions(engine)() as session, session.begin(), pytest.raises(RuleError):
        record_import(session, schema, "no_such_list", dt.date(2026, 6, 30), "x", "officer1")
    with sessions(engine)() as session:
        assert imports_in_force(session, schema) == []
