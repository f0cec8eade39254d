"""The stored matches and the console's aggregates, maintained by delta (issue 25, item 3): after any sequence of
single-entity updates they equal a full re-match (a property test, SQLite); two concurrent updates of different
entities counted in the same aggregate rows, released together by a barrier, lose neither (PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from policyreach.app import aggregates
from policyreach.app.platform import Platform
from policyreach.simulation.dimensions import DIMENSIONS
from policyreach.store.entities import read_values, write_values
from policyreach.store.models import Entity, EntityMatch
from tests.integration.cities import plain_city

AS_OF = dt.date(2026, 6, 1)
ENTITIES = 120
# what an update sets: figures the library's conditions and amounts read, and the dimensions counted by
COLUMNS = {
    "revenue_2025": st.sampled_from([None, Decimal("50"), Decimal("800.5"), Decimal("3000"), Decimal("25000")]),
    "employees_2025": st.sampled_from([None, 5, 40, 300, 2000]),
    "rd_expense_2025": st.sampled_from([None, Decimal("0"), Decimal("30"), Decimal("600")]),
    "district": st.sampled_from(["220102", "220104", "220106"]),
    "industry": st.sampled_from(["C3911", "I6513", "F5131"]),
    "cert_hightech_year": st.sampled_from([None, 2020, 2024]),
}


def _expected(platform: Platform, session: Any) -> dict[aggregates.Key, tuple[int, int]]:
    """The aggregates a full re-match of the stored population gives, computed apart from the stored ones."""
    pairs = aggregates._pairs(platform, platform.frame(session))
    totals = pairs.group_by("benefit_id", "status", *aggregates.DIMS).agg(pl.len(), pl.col("cents").sum())
    return {(b, s, d, sec, size): (int(n), int(c)) for b, s, d, sec, size, n, c in totals.iter_rows() if n or c}


@pytest.fixture(scope="module")
def sqlite_city(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    base = tmp_path_factory.mktemp("aggregates")
    platform = plain_city(base, f"sqlite:///{base / 'city.db'}", ENTITIES, 29, AS_OF)
    with platform.sessions() as session, session.begin():
        aggregates.rebuild(platform, session)
    yield platform
    platform.engine.dispose()


def _update(platform: Platform, pk: int, values: dict[str, Any]) -> None:
    provenance = {"source": "tax", "as_of": AS_OF.isoformat(), "batch_id": "test"}
    with platform.sessions() as session, session.begin():
        write_values(session, [(pk, column, value, provenance) for column, value in values.items()])
        aggregates.rematch(platform, session, [pk])


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    updates=st.lists(
        st.tuples(st.integers(0, ENTITIES - 1), st.dictionaries(st.sampled_from(list(COLUMNS)), st.none(), max_size=3)),
        min_size=1,
        max_size=4,
    ),
    data=st.data(),
)
def test_deltas_equal_a_full_rematch(sqlite_city: Platform, updates: list[Any], data: st.DataObject) -> None:
    platform = sqlite_city
    with platform.sessions() as session:
        pks = list(session.scalars(select(Entity.id).order_by(Entity.id)))
    for index, columns in updates:
        values = {column: data.draw(COLUMNS[column]) for column in columns}
        _update(platform, pks[index % len(pks)], values)
    with platform.sessions() as session:
        assert aggregates.snapshot(session) == _expected(platform, session)


def test_the_console_reads_the_maintained_counts(sqlite_city: Platform) -> None:
    """The library page's figures are the aggregates: an entity that loses what made it eligible leaves them."""
    platform = sqlite_city
    with platform.sessions() as session:
        pk, benefit = session.execute(
            select(EntityMatch.entity_pk, EntityMatch.benefit_id).where(EntityMatch.status == "eligible").limit(1)
        ).one()
        before = aggregates.benefit_counts(session)[benefit]["eligible"]
        columns = list(read_values(session, [pk])[pk])
    _update(platform, pk, dict.fromkeys(c for c in columns if c not in ("name", "uscc")))
    with platform.sessions() as session:
        assert aggregates.benefit_counts(session)[benefit]["eligible"] == before - 1
        assert aggregates.snapshot(session) == _expected(platform, session)


def test_the_maintained_amounts_are_the_simulations_to_the_fen(sqlite_city: Platform) -> None:
    """The stored 分 add up, per benefit, to the simulation's eligible amount in 万元, exactly (they were once
    万元 × 100, which the console read as 分: every maintained amount 10,000 times too small)."""
    platform = sqlite_city
    with platform.sessions() as session:
        maintained = aggregates.benefit_counts(session)
        simulated = {r["benefit_id"]: r for r in platform.simulation(session).benefits.iter_rows(named=True)}
    paying = [b for b, row in maintained.items() if row["eligible_amount"]]
    assert len(paying) >= 5
    for benefit in paying:
        assert maintained[benefit]["eligible_amount"] == simulated[benefit]["eligible_amount"], benefit


def test_the_stored_eligible_pairs_are_the_simulations(sqlite_city: Platform) -> None:
    """Whom to contact for a benefit (the console's push list), read from the stored pairs: the simulation's
    eligible entities and amounts, to the 分."""
    platform = sqlite_city
    with platform.sessions() as session:
        sim = platform.simulation(session)
        benefits = sim.eligible()["benefit_id"].unique().sort().to_list()
        assert len(benefits) >= 5
        for benefit in benefits:
            stored = aggregates.eligible(session, benefit).sort("entity_id")
            assert stored.equals(sim.eligible([benefit]).sort("entity_id")), benefit


@pytest.fixture(scope="module")
def pg_city(postgres_database, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    base = tmp_path_factory.mktemp("aggregates-pg")
    platform = plain_city(base, postgres_database("policyreach_aggregates"), 200, 31, AS_OF)
    with platform.sessions() as session, session.begin():
        aggregates.rebuild(platform, session)
    yield platform
    platform.engine.dispose()


def test_concurrent_updates_of_different_entities_keep_the_aggregates_exact(pg_city: Platform) -> None:
    """Pairs of entities counted in the same aggregate rows are emptied at once by two threads, several rounds: an
    aggregate written back from a value read first (rather than incremented in the database) loses one of them."""
    platform = pg_city
    with platform.sessions() as session:
        rows = session.execute(
            select(
                EntityMatch.entity_pk,
                EntityMatch.benefit_id,
                EntityMatch.district,
                EntityMatch.section,
                EntityMatch.size_class,
            ).where(EntityMatch.status == "eligible")
        ).all()
        values = read_values(session, sorted({r[0] for r in rows}))
    by_key: dict[tuple[str, ...], list[int]] = {}
    for pk, *key in rows:
        by_key.setdefault(tuple(key), []).append(pk)
    pairs, used = [], set()
    for pks in sorted(by_key.values(), key=len, reverse=True):
        free = [pk for pk in pks if pk not in used]
        while len(free) >= 2 and len(pairs) < 6:
            a, b = free.pop(), free.pop()
            pairs.append((a, b))
            used |= {a, b}
    assert len(pairs) >= 3, "the generated city should have entities sharing an aggregate row"
    failures: list[BaseException] = []

    def empty(pk: int, barrier: threading.Barrier) -> None:
        try:
            barrier.wait(timeout=30)
            _update(platform, pk, dict.fromkeys(c for c in values[pk] if c not in ("name", "uscc")))
        except BaseException as problem:
            failures.append(problem)

    for a, b in pairs:
        barrier = threading.Barrier(2)
        threads = [threading.Thread(target=empty, args=(pk, barrier)) for pk in (a, b)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert not failures, failures
    with platform.sessions() as session:
        assert aggregates.snapshot(session) == _expected(platform, session)


def test_rebuild_is_the_nightly_job(pg_city: Platform, tmp_path: Path) -> None:
    """The worker's handler rebuilds what the deltas maintain: the same figures."""
    from policyreach.push import rematch

    assert aggregates_job_kind() == rematch.KIND
    platform = pg_city
    with platform.sessions() as session:
        maintained = aggregates.snapshot(session)
    with platform.sessions() as session, session.begin():
        aggregates.rebuild(platform, session)
    with platform.sessions() as session:
        assert aggregates.snapshot(session) == maintained


def test_the_nightly_swap_keeps_the_pairs_table_whole(pg_city: Platform) -> None:
    """On PostgreSQL the rebuild loads a fresh pairs table and swaps it in: the same pairs, the key refusing a
    duplicate, the benefit index, and the entity's foreign key still removing an entity's pairs with it."""
    from sqlalchemy import delete, text
    from sqlalchemy.exc import IntegrityError

    platform = pg_city
    columns = (EntityMatch.entity_pk, EntityMatch.benefit_id, EntityMatch.status, EntityMatch.cents)
    with platform.sessions() as session:
        before = set(session.execute(select(*columns)).all())
    with platform.sessions() as session, session.begin():
        aggregates.rebuild(platform, session)
    with platform.sessions() as session:
        assert set(session.execute(select(*columns)).all()) == before
        kept = {
            row[0]
            for row in session.execute(
                text("SELECT conname FROM pg_constraint WHERE conrelid = 'entity_matches'::regclass")
            )
        }
        assert kept == {"entity_matches_pkey", "entity_matches_entity_pk_fkey"}
        indexes = {
            row[0]
            for row in session.execute(text("SELECT indexname FROM pg_indexes WHERE tablename = 'entity_matches'"))
        }
        assert indexes == {"entity_matches_pkey", "ix_entity_matches_benefit_id"}
        pk, benefit = session.execute(select(EntityMatch.entity_pk, EntityMatch.benefit_id).limit(1)).one()
    with pytest.raises(IntegrityError), platform.sessions() as session, session.begin():
        session.add(EntityMatch(entity_pk=pk, benefit_id=benefit, status="eligible", cents=0))
    with platform.sessions() as session:
        session.execute(delete(Entity).where(Entity.id == pk))  # rolled back: only whether its pairs go with it
        assert session.scalar(select(func.count()).where(EntityMatch.entity_pk == pk)) == 0
        session.rollback()


def test_readers_during_the_nightly_swap_see_every_pair(pg_city: Platform) -> None:
    """Pages reading the stored pairs while the nightly job swaps the table in read the whole old table or the whole
    new one, never an error (a query queued behind the swap finds the new table by its name) nor a part."""
    platform = pg_city
    with platform.sessions() as session:
        total = session.scalar(select(func.count()).select_from(EntityMatch))
    assert total
    seen: list[int] = []
    failures: list[BaseException] = []
    done = threading.Event()

    def read() -> None:
        try:
            while not done.is_set():
                with platform.sessions() as session:
                    seen.append(int(session.scalar(select(func.count()).select_from(EntityMatch)) or 0))
        except BaseException as problem:
            failures.append(problem)

    readers = [threading.Thread(target=read) for _ in range(2)]
    for reader in readers:
        reader.start()
    try:
        for _ in range(3):
            with platform.sessions() as session, session.begin():
                aggregates.rebuild(platform, session)
    finally:
        done.set()
        for reader in readers:
            reader.join(timeout=60)
    assert not failures, failures
    assert seen and set(seen) == {total}


def test_entities_changed_during_the_nightly_rebuild_keep_their_new_pairs(
    pg_city: Platform, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A registry update and an entity's removal commit while the nightly job matches the city on its snapshot: the
    swap puts back neither the pairs of the old values nor those of the removed entity (whose key would refuse the
    new table), and the aggregates stay equal to a full re-match."""
    platform = pg_city
    with platform.sessions() as session:
        eligible = session.scalars(select(EntityMatch.entity_pk).where(EntityMatch.status == "eligible")).all()
        changed, removed = sorted(set(eligible))[:2]
        values = read_values(session, [changed])
    matched, go = threading.Event(), threading.Event()
    whole_city = aggregates._pairs

    def paused(platform: Platform, frame: pl.DataFrame, spark: str | None = None, keys: Any = None) -> pl.DataFrame:
        pairs = whole_city(platform, frame, spark, keys)
        if keys is not None:  # the rebuild's match of the city (a re-match of a few entities passes no keys)
            matched.set()
            assert go.wait(timeout=120)
        return pairs

    monkeypatch.setattr(aggregates, "_pairs", paused)
    failures: list[BaseException] = []

    def nightly() -> None:
        try:
            with platform.sessions() as session, session.begin():
                aggregates.rebuild(platform, session)
        except BaseException as problem:
            failures.append(problem)
            matched.set()

    thread = threading.Thread(target=nightly)
    thread.start()
    try:
        assert matched.wait(timeout=120)
        _update(platform, changed, dict.fromkeys(c for c in values[changed] if c not in ("name", "uscc")))
        with platform.sessions() as session, session.begin():
            aggregates.rematch(platform, session, [removed], gone=True)
            session.delete(session.get_one(Entity, removed))
    finally:
        go.set()
        thread.join(timeout=120)
    assert not failures, failures
    with platform.sessions() as session:
        entity_id = session.get_one(Entity, changed).entity_id
        fresh = aggregates._pairs(platform, platform.frame(session, [entity_id]))
        stored = session.execute(
            select(EntityMatch.benefit_id, EntityMatch.status, EntityMatch.cents).where(
                EntityMatch.entity_pk == changed
            )
        ).all()
        assert set(stored) == set(fresh.select("benefit_id", "status", "cents").rows())
        assert not session.scalars(select(EntityMatch.benefit_id).where(EntityMatch.entity_pk == removed)).all()
        assert aggregates.snapshot(session) == _expected(platform, session)
        assert aggregates._pending(session) == []


def test_a_large_batch_during_the_nightly_rebuild_notes_every_entity(pg_city: Platform) -> None:
    """A registry batch of tens of thousands of entities notes them all as pending: one VALUES list of them would pass
    PostgreSQL's 65,535 parameters (two a row)."""
    pks = list(range(10_000_000, 10_040_000))
    with pg_city.sessions() as session:
        aggregates._note_pending(session, pks)
        aggregates._note_pending(session, pks[:5])  # noted twice: once
        assert aggregates._pending(session) == pks
        session.rollback()


def test_a_batch_of_more_entities_than_a_statement_takes_is_rematched(pg_city: Platform) -> None:
    """A registry batch naming more entities than PostgreSQL's 65,535 parameters re-matches them in parts (the
    entities' locks, their stored pairs, their frame), the same figures as in one."""
    with pg_city.sessions() as session:
        real = list(session.scalars(select(Entity.id).order_by(Entity.id)))
        before = aggregates.snapshot(session)
        assert aggregates.rematch(pg_city, session, [*real, *range(10_000_000, 10_070_000)]) == 0
        assert aggregates.snapshot(session) == before
        one = session.get_one(Entity, real[0]).entity_id
        assert pg_city.frame(session, [*(f"x{i}" for i in range(70_000)), one])["entity_id"].to_list() == [one]
        session.rollback()


def test_entity_ids_of_more_pks_than_a_statement_takes(pg_city: Platform) -> None:
    """The funnel's split by district names every firm a benefit was pushed to: more than PostgreSQL's 65,535
    parameters for a benefit pushed across a city. Unknown keys are left out."""
    from policyreach.store.entities import contacts, entity_ids

    with pg_city.sessions() as session:
        real = {pk: entity_id for pk, entity_id in session.execute(select(Entity.id, Entity.entity_id))}
        assert entity_ids(session, [*range(10_000_000, 10_070_000), *real, *real]) == real
        # the push list's contacts of a benefit's eligible firms, as many
        found = contacts(session, [*(f"x{i}" for i in range(70_000)), *real.values()])
        assert sorted(found["entity_id"].to_list()) == sorted(real.values()) and found["name"].null_count() == 0


def aggregates_job_kind() -> str:
    return "matches.rebuild"


def test_the_library_page_shows_the_maintained_counts(sqlite_city: Platform) -> None:
    """Over HTTP: the console's benefit table is the aggregates (an update moves it without a re-match of the city)."""
    import re

    from fastapi.testclient import TestClient

    from policyreach.app.accounts import hash_password
    from policyreach.store.models import Account
    from policyreach.web.app import create_app
    from tests.web.conftest import login

    platform = sqlite_city
    with platform.sessions() as session, session.begin():
        if session.scalar(select(Account.id).where(Account.username == "agg-admin")) is None:
            session.add(Account(username="agg-admin", password_hash=hash_password("Agg-pass-2026"), role="admin"))
    with platform.sessions() as session:
        pk, benefit = session.execute(
            select(EntityMatch.entity_pk, EntityMatch.benefit_id).where(EntityMatch.status == "eligible").limit(1)
        ).one()
        expected = aggregates.benefit_counts(session)[benefit]["eligible"]
        columns = list(read_values(session, [pk])[pk])
    row = re.compile(rf'href="/console/benefits/{re.escape(benefit)}">[^<]*</a></td><td>[^<]*</td>\s*<td>(\d+)</td>')
    with TestClient(create_app(platform, secret="aggregates-test", totp_required=False)) as client:
        login(client, "agg-admin", "Agg-pass-2026")
        shown = row.search(client.get("/console").text)
        assert shown is not None and int(shown.group(1)) == expected
        _update(platform, pk, dict.fromkeys(c for c in columns if c not in ("name", "uscc")))
        shown = row.search(client.get("/console").text)
        assert shown is not None and int(shown.group(1)) == expected - 1


def test_the_benefit_page_reads_the_maintained_splits(sqlite_city: Platform, monkeypatch: pytest.MonkeyPatch) -> None:
    """Who qualifies for a benefit, by district, section and size (its console page and Excel): the maintained
    aggregates, equal to the simulation's splits to the 分, read without re-matching the city (at a million
    entities every registry update made the next view of the page re-match everyone)."""
    import io

    from fastapi.testclient import TestClient
    from openpyxl import load_workbook

    from policyreach.app.accounts import hash_password
    from policyreach.store.models import Account
    from policyreach.web.app import create_app
    from policyreach.web.console import SPLITS
    from tests.web.conftest import login

    platform = sqlite_city
    with platform.sessions() as session, session.begin():
        if session.scalar(select(Account.id).where(Account.username == "agg-admin")) is None:
            session.add(Account(username="agg-admin", password_hash=hash_password("Agg-pass-2026"), role="admin"))
    with platform.sessions() as session:
        sim = platform.simulation(session)
        top = sim.benefits.sort("eligible", descending=True).row(0, named=True)
        benefit = top["benefit_id"]
        for dim in SPLITS:
            want = {(r["label"], r["entities"], r["amount"]) for r in sim.by(dim, [benefit]).iter_rows(named=True)}
            got = {
                (r["label"], r["entities"], r["amount"])
                for r in aggregates.splits(session, benefit, dim).iter_rows(named=True)
            }
            assert {w for w in want if w[1]} == {g for g in got if g[1]}, dim
    assert top["eligible"] >= 3

    def no_rematch(*_: object, **__: object) -> None:
        raise AssertionError("the benefit page re-matched the city")

    monkeypatch.setattr(Platform, "simulation", no_rematch)
    with TestClient(create_app(platform, secret="aggregates-test", totp_required=False)) as client:
        login(client, "agg-admin", "Agg-pass-2026")
        assert f"符合 <strong>{top['eligible']}</strong> 个主体" in client.get(f"/console/benefits/{benefit}").text
        book = load_workbook(io.BytesIO(client.get(f"/console/benefits/{benefit}/export.xlsx").content))
        for dim in SPLITS:
            rows = list(book[f"按{DIMENSIONS[dim]}"].iter_rows(min_row=2, values_only=True))
            assert sum(r[2] for r in rows) == top["eligible"], dim


@pytest.mark.parametrize("city", ["sqlite_city", "pg_city"])
def test_a_rebuild_of_no_entities_stores_nothing(city: str, request: pytest.FixtureRequest) -> None:
    """The city emptied in the rebuild's transaction (rolled back after): no pairs, no aggregates, no error."""
    from sqlalchemy import delete, text

    from policyreach.store.models import EntityValue

    platform: Platform = request.getfixturevalue(city)
    with platform.sessions() as session, session.begin():
        session.execute(delete(EntityValue))
        session.execute(text("DELETE FROM ingest_changes"))
        session.execute(delete(Entity))
        assert aggregates.rebuild(platform, session) == 0
        assert session.scalar(select(func.count()).select_from(EntityMatch)) == 0
        assert aggregates.snapshot(session) == {}
        session.rollback()
    with platform.sessions() as session:
        assert session.scalar(select(func.count()).select_from(EntityMatch)) > 0
