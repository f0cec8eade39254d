"""The nightly job's read of the population by psql processes (store/copy_out.py), on a real PostgreSQL server: the
same frame as the session's own read, on the session's snapshot, and never without the transaction's own writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import polars as pl
import pytest
from sqlalchemy import Engine, text

from policyreach import settings
from policyreach.population.generate import generate
from policyreach.rules.schema import Schema, load_schema
from policyreach.store import copy_out, entities
from policyreach.store.db import make_engine, migrate, sessions, transaction
from policyreach.store.entities import population_frame, replace_population

AS_OF = dt.date(2025, 6, 1)
TRICKY = 'a,"b"\nc 长春，\\N'  # CSV's separator, quote and line break, a backslash, PostgreSQL's NULL marker


@pytest.fixture(scope="module")
def schema() -> Schema:
    return load_schema(settings.ROOT / "schema")


@pytest.fixture(scope="module")
def engine(postgres_database, tmp_path_factory, schema: Schema) -> Iterator[Engine]:
    path = tmp_path_factory.mktemp("copy-out") / "pop.parquet"
    generate(120, 5, path, as_of_year=AS_OF.year)
    engine = make_engine(postgres_database("policyreach_copy_out"))
    migrate(engine)
    with transaction(sessions(engine)) as session:
        replace_population(session, pl.read_parquet(path), schema, "gen-1", AS_OF)
        # a name no CSV writer or reader may mangle, and one empty (not unknown) text
        session.execute(
            text(
                "UPDATE entity_values SET text = :t WHERE \"column\" = 'name' AND entity_pk = "
                "(SELECT min(entity_pk) FROM entity_values WHERE \"column\" = 'name')"
            ),
            {"t": TRICKY},
        )
        session.execute(
            text(
                "UPDATE entity_values SET text = '' WHERE \"column\" = 'name' AND entity_pk = "
                "(SELECT max(entity_pk) FROM entity_values WHERE \"column\" = 'name')"
            )
        )
    yield engine
    engine.dispose()


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each population read went through psql (True) or the session's own connection (False)."""
    seen: list[bool] = []
    real = entities.read_frames

    def spy(session: Any, queries: list[Any]) -> Any:
        found = real(session, queries)
        seen.append(found is not None)
        return found

    monkeypatch.setattr(entities, "read_frames", spy)
    return seen


def _frame(engine: Engine, schema: Schema) -> pl.DataFrame:
    with sessions(engine)() as session, session.begin():
        return population_frame(session, schema, AS_OF.year).sort("entity_id")


def test_the_psql_read_is_the_sessions_read(
    engine: Engine, schema: Schema, reads: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    by_psql = _frame(engine, schema)
    monkeypatch.setattr(copy_out, "pg_tool", lambda name: None)  # as where the client is not installed
    by_session = _frame(engine, schema)
    assert reads == [True, False]
    assert by_psql.height == 120 and by_psql.equals(by_session)
    assert TRICKY in by_psql["name"].to_list() and "" in by_psql["name"].to_list()


def test_the_block_ranges_cover_every_row_once(engine: Engine) -> None:
    with sessions(engine)() as session:
        total = session.execute(text("SELECT count(*) FROM entity_values")).scalar_one()
        for parts in (1, 2, 3, 7):
            ranges = copy_out.block_ranges(session, "entity_values", parts)
            assert len(ranges) == parts
            counts = [
                session.execute(text(f"SELECT count(*) FROM entity_values WHERE {where}")).scalar_one()
                for where in ranges
            ]
            assert sum(counts) == total, (parts, counts)
            assert parts == 1 or min(counts) > 0, counts


def test_a_batch_committed_after_the_snapshot_is_not_read(
    engine: Engine, schema: Schema, reads: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another session commits between the nightly transaction's snapshot and psql's read: the readers import the
    snapshot, so the frame is the population as it was when the job began, whole (never half a batch)."""
    before = _frame(engine, schema)
    real = copy_out.libpq

    def commit_meanwhile(url: Any) -> Any:
        with engine.begin() as other:
            other.execute(text("UPDATE entity_values SET text = 'changed meanwhile' WHERE \"column\" = 'name'"))
        return real(url)

    monkeypatch.setattr(copy_out, "libpq", commit_meanwhile)
    try:
        during = _frame(engine, schema)
        monkeypatch.setattr(copy_out, "libpq", real)
        after = _frame(engine, schema)
    finally:
        with engine.begin() as connection:  # the name back as it was, for the other tests
            for entity_id, name in before.select("entity_id", "name").iter_rows():
                connection.execute(
                    text(
                        "UPDATE entity_values SET text = :n WHERE \"column\" = 'name' AND entity_pk = "
                        "(SELECT id FROM entities WHERE entity_id = :e)"
                    ),
                    {"n": name, "e": entity_id},
                )
    assert reads == [True, True, True]
    assert during.equals(before)
    assert set(after["name"].to_list()) == {"changed meanwhile"}


def test_a_transaction_that_has_written_reads_its_own_rows(engine: Engine, schema: Schema, reads: list[bool]) -> None:
    """psql's sessions would not see an uncommitted write (a complete list's rebuild runs in the transaction that
    imported it): such a transaction reads through its own connection."""
    with sessions(engine)() as session, session.begin():
        session.execute(text("UPDATE entity_values SET text = 'not yet committed' WHERE \"column\" = 'name'"))
        frame = population_frame(session, schema, AS_OF.year)
        session.rollback()
    assert reads == [False]
    assert set(frame["name"].to_list()) == {"not yet committed"}
