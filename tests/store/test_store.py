"""The store on SQLite and on a real PostgreSQL server: migrations, a population in and out, atomic loads."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, delete, func, inspect, select
from sqlalchemy.exc import IntegrityError

from policyreach import settings
from policyreach.engine.batch import match_population
from policyreach.population.generate import generate
from policyreach.rules.library import compile_library
from policyreach.rules.schema import Schema, load_schema
from policyreach.store.db import MIGRATIONS, make_engine, migrate, sessions, transaction
from policyreach.store.entities import population_frame, replace_population
from policyreach.store.models import Entity, EntityValue

AS_OF = dt.date(2025, 6, 1)


@pytest.fixture(scope="module")
def city_schema() -> Schema:
    return load_schema(settings.ROOT / "schema")


@pytest.fixture(scope="module")
def population(tmp_path_factory) -> pl.DataFrame:
    path = tmp_path_factory.mktemp("store") / "pop.parquet"
    generate(400, 21, path, as_of_year=AS_OF.year)
    return pl.read_parquet(path)


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    sqlite = f"sqlite:///{tmp_path / 'test.db'}"
    url = sqlite if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    engine = make_engine(url)
    migrate(engine)
    yield engine
    with engine.begin() as connection:  # leave the shared server clean for the next test
        for table in ("interactions", "value_changes", "accounts", "entities"):
            connection.exec_driver_sql(f"DELETE FROM {table}")
    engine.dispose()


def test_migrations_create_every_table(engine) -> None:
    tables = set(inspect(engine).get_table_names())
    assert {"entities", "accounts", "value_changes", "interactions", "alembic_version"} <= tables
    assert "matches" not in tables  # made by 0001, never used, dropped by 0004
    migrate(engine)  # running again is a no-op


def _alembic(engine: Engine, command_name: str, target: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, command_name)(config, target)


def test_0004_drops_the_matches_table_and_its_downgrade_brings_it_back(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    _alembic(engine, "upgrade", "0003")
    assert "matches" in inspect(engine).get_table_names()
    migrate(engine)  # every head, 0004 among them
    assert "matches" not in inspect(engine).get_table_names()
    # only the main line: downgrading 0004 alone leaves the push and conference branches off
    fresh = make_engine(f"sqlite:///{tmp_path / 'main.db'}")
    _alembic(fresh, "upgrade", "0004")
    _alembic(fresh, "downgrade", "0003")
    indexes = {i["name"] for i in inspect(fresh).get_indexes("matches")}
    assert indexes == {"ix_matches_benefit_id", "ix_matches_entity_pk"}
    engine.dispose()
    fresh.dispose()


def test_population_round_trip(engine, population, city_schema) -> None:
    factory = sessions(engine)
    with transaction(factory) as session:
        assert replace_population(session, population, city_schema, "gen-1", AS_OF) == population.height
    with factory() as session:
        back = population_frame(session, city_schema, AS_OF.year)
    original = population.sort("entity_id")
    back = back.sort("entity_id").select(original.columns)
    for column in original.columns:
        if column.endswith("__verified"):
            # a flag on a missing value means nothing: compare where a value exists
            base = column.removesuffix("__verified")
            given = original[base].is_not_null()
            assert (original[column] & given).to_list() == (back[column] & given).to_list(), column
        else:
            assert original[column].to_list() == back[column].to_list(), column


def test_matches_are_the_same_from_the_database(engine, population, fixture_schema, fixture_library) -> None:
    factory = sessions(engine)
    with transaction(factory) as session:
        replace_population(session, population, fixture_schema, "gen-1", AS_OF)
    with factory() as session:
        back = population_frame(session, fixture_schema, AS_OF.year)
    compiled = compile_library(fixture_library, AS_OF)
    a = match_population(compiled, population).frame().sort("entity_id", "benefit_id")
    b = match_population(compiled, back).frame().sort("entity_id", "benefit_id")
    assert a.height > 0 and a.equals(b)


def test_a_failing_load_leaves_nothing(engine, population, fixture_schema) -> None:
    factory = sessions(engine)
    broken = pl.concat([population.head(50), population.head(1)])  # a duplicate entity id
    with pytest.raises(IntegrityError), transaction(factory) as session:
        replace_population(session, broken, fixture_schema, "gen-2", AS_OF)
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(Entity)) == 0


def test_a_few_entities_read_value_by_value_as_the_whole_population_reads_them(engine, population, city_schema) -> None:
    """One firm's update reads its frame value by value (store.entities.FEW): the same frame as the column
    operations give, stored values out of range or type included (unknown either way)."""
    factory = sessions(engine)
    with transaction(factory) as session:
        replace_population(session, population, city_schema, "gen-1", AS_OF)
        pks = dict(session.execute(select(Entity.entity_id, Entity.id)).all())
        ids = sorted(pks)[:5]
        odd = [  # a flag where a number belongs, a fraction in an integer, beyond the range, a bad date
            EntityValue(entity_pk=pks[ids[0]], column="revenue_2024", kind="b", flag=True, source="tax"),
            EntityValue(entity_pk=pks[ids[1]], column="employees_2024", kind="d", micro=1_500_000),
            EntityValue(entity_pk=pks[ids[2]], column="revenue_2023", kind="d", micro=-(10**17)),
            EntityValue(entity_pk=pks[ids[3]], column="established", kind="t", text="2020-13-45"),
        ]
        for value in odd:
            session.execute(
                delete(EntityValue).where(EntityValue.entity_pk == value.entity_pk, EntityValue.column == value.column)
            )
            session.add(value)
    with factory() as session:
        whole = population_frame(session, city_schema, AS_OF.year).filter(pl.col("entity_id").is_in(ids))
        few = population_frame(session, city_schema, AS_OF.year, entity_ids=ids)
    assert few.schema == whole.schema
    assert few.sort("entity_id").equals(whole.sort("entity_id"))
    assert few.filter(pl.col("entity_id") == ids[0])["revenue_2024"].item() is None


@pytest.mark.parametrize("entities", [0, 3, 20])
def test_value_rows_whose_entity_is_gone_are_left_out(postgres_url, population, city_schema, entities: int) -> None:
    """PostgreSQL keeps no foreign key from the value rows to their entity (g003i; SQLite has one): rows left by an
    entity deleted without the ORM must not stop the city's frame, read value by value (a few entities) or by column."""
    from policyreach.store.entities import _positioned

    engine = make_engine(postgres_url)
    migrate(engine)
    factory = sessions(engine)
    with transaction(factory) as session:
        replace_population(session, population.head(entities + 2), city_schema, "gen-1", AS_OF)
        gone = session.scalars(select(Entity.id).order_by(Entity.id).limit(2)).all()
        session.execute(delete(Entity).where(Entity.id.in_(gone)))  # their value rows stay
        assert session.scalar(select(func.count()).where(EntityValue.entity_pk.in_(gone)))
    with factory() as session:
        frame = population_frame(session, city_schema, AS_OF.year)
    assert frame.height == entities
    kept = population.head(entities + 2).tail(entities)
    assert sorted(frame["entity_id"]) == sorted(kept["entity_id"])
    if entities:
        assert frame.sort("entity_id")["employees_2024"].to_list() == kept.sort("entity_id")["employees_2024"].to_list()
    orphans = pl.DataFrame({"entity_pk": [1, 2]}, schema={"entity_pk": pl.Int64})
    assert _positioned(pl.DataFrame(schema={"entity_pk": pl.Int64}), orphans).height == 0
    with engine.begin() as connection:  # leave the shared server clean for the next test
        for table in ("entity_values", "entities"):
            connection.exec_driver_sql(f"DELETE FROM {table}")
    engine.dispose()
