"""The stored matches and the console's aggregates, maintained by delta (issue 25, item 3).

``entity_matches`` holds every eligible and likely pair with the entity's dimensions when it was matched;
``match_aggregates`` holds, per benefit, status, district, industry section and size class, how many entities and
how many 分. A changed entity is re-matched alone (:func:`rematch`): its entity row is locked first,
so two updates of one entity run one after the other, its stored pairs are replaced, and what they add or take away
is applied to the aggregates as increments in the database (``entities = entities + d``), so that updates of
different entities never lose each other's counts. The worker's nightly job rebuilds everything from a full
re-match (:func:`rebuild`), which equals the sum of the deltas (tests/app/test_aggregates.py).

On PostgreSQL the rebuild reads the city on one snapshot and stores its pairs minutes later; an entity changed in
between would keep the pairs of its old values until its next change. So the rebuild holds :data:`REBUILDING`
(an advisory lock) from before its snapshot to its commit, and a re-match that finds it held notes its entities
as *pending* (``platform_state`` rows ``rematch:<pk>``, in the re-match's own transaction); the rebuild re-matches
the pending entities once every writer of the old pairs table has committed, just before its own commit.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl
from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from policyreach import settings
from policyreach.app.platform import Platform
from policyreach.engine.batch import match_population
from policyreach.simulation.dimensions import Dimensions
from policyreach.simulation.simulate import NONE, label
from policyreach.store.db import in_parts
from policyreach.store.models import Entity, EntityMatch, MatchAggregate, PlatformState

BUILT = "aggregates_built"  # platform_state: set by a full rebuild, removed when a population is replaced
PENDING = "rematch:"  # platform_state key prefix: an entity re-matched while a rebuild was under way
REBUILDING = 25003  # advisory lock: held by a rebuild from before its snapshot to its commit

STATUSES = ("eligible", "likely")  # partial pairs (a city has far more) are counted by the simulation, not stored
DIMS = ("district", "section", "size_class")
Key = tuple[str, str, str, str, str]  # benefit, status, district, section, size class


def _pairs(
    platform: Platform, frame: pl.DataFrame, spark: str | None = None, keys: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Kept pairs of ``frame``: entity_id, benefit_id, status, cents, district, section, size_class; matched in
    this process, or on the Spark master ``spark``; with ``keys`` (entity_id, entity_pk) also the entity's key, the
    pairs of an entity not among them left out (joined to the entities' dimensions, not to each pair again)."""
    schema = {
        "entity_id": pl.String,
        "benefit_id": pl.String,
        "status": pl.String,
        "cents": pl.Int64,
        **dict.fromkeys(DIMS, pl.String),
        **({"entity_pk": pl.Int64} if keys is not None else {}),
    }
    if frame.height == 0:
        return pl.DataFrame(schema=schema)
    found = _kept(platform, frame) if spark is None else _kept_on_spark(platform, frame, spark)
    dims = Dimensions(frame, platform.as_of).frame(list(DIMS)).with_columns(pl.all().cast(pl.String).fill_null(""))
    dims = dims.with_columns(frame["entity_id"])
    if keys is not None:
        dims = dims.join(keys, on="entity_id")
    pairs = found.join(dims, on="entity_id", how="left" if keys is None else "inner")
    # the engine's amounts are exact 万元 with six places: × 10^6 is exact 分 (1 万元 = 1,000,000 分)
    amount = pl.col("amount").cast(pl.Decimal(38, 6)) * 1_000_000 if "amount" in pairs.columns else pl.lit(0)
    return pairs.select(
        "entity_id",
        "benefit_id",
        "status",
        amount.cast(pl.Int64).alias("cents"),  # null: the amount is not known (a figure it needs is missing)
        *(pl.col(d).fill_null("") for d in DIMS),
        *(["entity_pk"] if keys is not None else []),
    ).cast(schema)  # type: ignore[arg-type]


def _kept(platform: Platform, frame: pl.DataFrame) -> pl.DataFrame:
    return match_population(platform.compiled, frame).frame().filter(pl.col("status").is_in(STATUSES))


def _kept_on_spark(platform: Platform, frame: pl.DataFrame, master: str) -> pl.DataFrame:
    """The same pairs from the same compiled rules as Spark SQL: the population goes to Spark as Parquet in
    POLICYREACH_REMATCH_SPARK_DIR and the kept pairs come back the same way (a cluster's executors read and write
    there), then the directory is removed."""
    from pyspark.sql import functions as F

    from policyreach.engine.spark import match_population_spark, session_on

    with tempfile.TemporaryDirectory(prefix="policyreach-rematch-", dir=settings.rematch_spark_dir()) as scratch:
        population, kept = Path(scratch) / "population.parquet", Path(scratch) / "kept"
        frame.write_parquet(population)
        with session_on(master, app_name="policyreach-rematch") as spark:
            pairs = match_population_spark(platform.compiled, spark.read.parquet(str(population)))
            pairs.where(F.col("status").isin(*STATUSES)).select(
                "entity_id", "benefit_id", "status", "amount"
            ).write.parquet(str(kept))
        return pl.read_parquet(kept / "*.parquet")


def rematch(platform: Platform, session: Session, entity_pks: Sequence[int], *, gone: bool = False) -> int:
    """Re-match these entities alone, replace their stored pairs and move the aggregates by the difference, in the
    caller's transaction (``gone``: the entities are about to be deleted, their pairs only taken away). Returns how
    many pairs changed."""
    pks = sorted(set(entity_pks))
    if pks and _rebuild_under_way(session):
        _note_pending(session, pks)  # a rebuild read the city before this change: it re-matches them at its end
    if not pks or not built(session):
        return 0  # nothing maintained yet: the first rebuild counts these entities as they are then
    # the entities' rows locked in one order: an update of the same entity waits for this one (its stored pairs,
    # read below, are then what this transaction wrote), and two batches never deadlock
    ids: dict[int, str] = {}
    old_rows: list[Any] = []
    for part in in_parts(pks):  # ascending parts of a sorted list: the locks are still taken in one order
        ids.update(
            session.execute(
                select(Entity.id, Entity.entity_id).where(Entity.id.in_(part)).order_by(Entity.id).with_for_update()
            ).all()
        )
        old_rows += session.execute(
            select(
                EntityMatch.entity_pk,
                EntityMatch.benefit_id,
                EntityMatch.status,
                EntityMatch.cents,
                EntityMatch.district,
                EntityMatch.section,
                EntityMatch.size_class,
            ).where(EntityMatch.entity_pk.in_(part))
        ).all()
    return _replace(platform, session, pks, ids, old_rows, gone=gone)


def _replace(
    platform: Platform,
    session: Session,
    pks: list[int],
    ids: dict[int, str],
    old_rows: Sequence[tuple[Any, ...]],
    *,
    gone: bool = False,
) -> int:
    """Re-match the entities ``ids`` (pk → entity id; ``pks`` may name more, whose pairs only go), replace the stored
    pairs of ``pks``, and move the aggregates by the difference from ``old_rows`` (what they counted for ``pks``)."""
    pk_of = {entity_id: pk for pk, entity_id in ids.items()}
    new = _pairs(platform, platform.frame(session, list(ids.values()))) if ids and not gone else pl.DataFrame()
    new_rows = [
        (pk_of[e], b, s, c, d, sec, size) for e, b, s, c, d, sec, size in (new.iter_rows() if new.height else ())
    ]
    old_set, new_set = set(old_rows), set(new_rows)
    if old_set == new_set:
        return 0
    delta: dict[Key, list[int]] = {}
    for sign, rows in ((-1, old_set - new_set), (1, new_set - old_set)):
        for _pk, benefit, status, cents, district, section, size in rows:
            entry = delta.setdefault((benefit, status, district, section, size), [0, 0])
            entry[0] += sign
            entry[1] += sign * (cents or 0)
    for part in in_parts(pks):
        session.execute(delete(EntityMatch).where(EntityMatch.entity_pk.in_(part)))
    if new_rows:
        session.execute(insert(EntityMatch), [_match_row(r) for r in new_rows])
    _apply(session, delta)
    return len(old_set ^ new_set)


def _match_row(row: tuple[Any, ...]) -> dict[str, Any]:
    pk, benefit, status, cents, district, section, size = row
    return {
        "entity_pk": pk,
        "benefit_id": benefit,
        "status": status,
        "cents": cents,
        "district": district,
        "section": section,
        "size_class": size,
    }


def _apply(session: Session, delta: dict[Key, list[int]]) -> None:
    """Add ``delta`` to the aggregates as increments the database makes (never a value read here and written
    back), in one order of keys so that two transactions never wait on each other in a circle."""
    dialect = session.get_bind().dialect.name
    upsert: Any = pg_insert if dialect == "postgresql" else sqlite_insert
    rows = [
        {
            "benefit_id": benefit,
            "status": status,
            "district": district,
            "section": section,
            "size_class": size,
            "entities": delta[(benefit, status, district, section, size)][0],
            "cents": delta[(benefit, status, district, section, size)][1],
        }
        for benefit, status, district, section, size in sorted(delta)
        if delta[(benefit, status, district, section, size)] != [0, 0]
    ]
    if not rows:
        return
    statement = upsert(MatchAggregate)
    statement = statement.on_conflict_do_update(
        index_elements=["benefit_id", "status", "district", "section", "size_class"],
        set_={
            "entities": MatchAggregate.entities + statement.excluded.entities,
            "cents": MatchAggregate.cents + statement.excluded.cents,
        },
    )
    # one statement for every key (executemany keeps their order): a firm's update moves a few dozen keys
    session.execute(statement, rows)


def rebuild(platform: Platform, session: Session) -> int:
    """Re-match the whole population and store every kept pair and the aggregates afresh (the nightly job)."""
    from policyreach.store.copy_out import copy_frame
    from policyreach.store.entities import copy_table

    postgres = session.get_bind().dialect.name == "postgresql"
    if postgres:  # before the snapshot: a re-match that commits after it finds the lock held and notes its entities
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": REBUILDING})
    frame = platform.frame(session)
    key_schema = {"entity_id": pl.String, "entity_pk": pl.Int64}
    keys = (
        copy_frame(session, "SELECT entity_id, id FROM entities", key_schema)
        if postgres
        else pl.DataFrame(list(session.execute(select(Entity.entity_id, Entity.id))), schema=key_schema, orient="row")
    )
    # in the kernel's order: sorted by the key instead, the key and the foreign key were built faster but the
    # benefit index slower, a second more of PostgreSQL's CPU at 200,000 entities
    stored = _pairs(platform, frame, settings.rematch_spark(), keys).select(
        "entity_pk", "benefit_id", "status", "cents", *DIMS
    )
    if postgres:
        _swap_matches(session, stored)
    else:
        session.execute(delete(EntityMatch))
        copy_table(session, "entity_matches", stored)
    session.execute(delete(MatchAggregate))
    totals = stored.group_by("benefit_id", "status", *DIMS).agg(
        pl.len().cast(pl.Int64).alias("entities"), pl.col("cents").sum().alias("cents")
    )
    copy_table(session, "match_aggregates", totals)
    if postgres:
        _settle_pending(platform, session, stored)
    session.merge(PlatformState(key=BUILT, value=platform.as_of.isoformat()))
    session.flush()
    return stored.height


def _swap_matches(session: Session, stored: pl.DataFrame) -> None:
    """Replace every stored pair on PostgreSQL by loading a fresh table and swapping it in, in the caller's
    transaction: copying a city's pairs into the indexed table (after deleting the old ones, which its unique key
    still sees) checked the key, the benefit index and the entity's foreign key row by row, most of the nightly
    job's time; the indexes built once over the loaded rows and the key validated by one join cost a fraction.
    Readers keep the old table until the commit (the swap's exclusive lock lasts from the drop to the commit)."""
    from policyreach.store.entities import copy_table

    session.flush()
    session.execute(text("CREATE TABLE entity_matches_next (LIKE entity_matches INCLUDING DEFAULTS)"))
    copy_table(session, "entity_matches_next", stored)
    for statement in (
        "ALTER TABLE entity_matches_next ADD CONSTRAINT entity_matches_next_pkey PRIMARY KEY (entity_pk, benefit_id)",
        "CREATE INDEX ix_entity_matches_next_benefit_id ON entity_matches_next (benefit_id)",
        # the foreign key below takes this lock anyway; taken first, every entity deleted since the snapshot has
        # committed (and noted itself pending), so its pairs can leave the new table before the key is checked
        "LOCK TABLE entities IN SHARE ROW EXCLUSIVE MODE",
    ):
        session.execute(text(statement))
    pending = _pending(session)
    if pending:
        session.execute(
            text(
                "DELETE FROM entity_matches_next WHERE entity_pk = ANY(:pks) "
                "AND NOT EXISTS (SELECT 1 FROM entities WHERE entities.id = entity_matches_next.entity_pk)"
            ),
            {"pks": pending},
        )
    for statement in (
        "ALTER TABLE entity_matches_next ADD CONSTRAINT entity_matches_next_entity_pk_fkey FOREIGN KEY (entity_pk) "
        "REFERENCES entities (id) ON DELETE CASCADE",
        "DROP TABLE entity_matches",
        "ALTER TABLE entity_matches_next RENAME TO entity_matches",
        "ALTER INDEX entity_matches_next_pkey RENAME TO entity_matches_pkey",
        "ALTER INDEX ix_entity_matches_next_benefit_id RENAME TO ix_entity_matches_benefit_id",
        "ALTER TABLE entity_matches RENAME CONSTRAINT entity_matches_next_entity_pk_fkey "
        "TO entity_matches_entity_pk_fkey",
        "ANALYZE entity_matches",  # a new table has no statistics: the portal's queries plan on them
    ):
        session.execute(text(statement))


def _rebuild_under_way(session: Session) -> bool:
    """Whether a rebuild holds :data:`REBUILDING` (on PostgreSQL; SQLite writes one transaction at a time). When it
    does not, this transaction holds the lock shared until it commits, so a rebuild starting now waits for it."""
    if session.get_bind().dialect.name != "postgresql":
        return False
    return not session.scalar(text("SELECT pg_try_advisory_xact_lock_shared(:key)"), {"key": REBUILDING})


def _note_pending(session: Session, pks: Sequence[int]) -> None:
    # rows as executemany (SQLAlchemy pages them): one VALUES list of a large batch's entities would pass
    # PostgreSQL's 65,535 parameters
    statement = pg_insert(PlatformState).on_conflict_do_nothing(index_elements=["key"])
    session.execute(statement, [{"key": f"{PENDING}{pk}", "value": ""} for pk in pks])


def _pending(session: Session) -> list[int]:
    keys = session.scalars(select(PlatformState.key).where(PlatformState.key.startswith(PENDING)))
    return sorted(int(key.removeprefix(PENDING)) for key in keys)


def _settle_pending(platform: Platform, session: Session, stored: pl.DataFrame) -> None:
    """Re-match the entities changed since the rebuild's snapshot, against the pairs it stored and counted. Every
    re-match that wrote the old pairs table has committed by now (dropping it waited for them), and one that comes
    later waits for this commit and then reads the new table."""
    pending = _pending(session)
    if not pending:
        return
    found = session.execute(text("SELECT id, entity_id FROM entities WHERE id = ANY(:pks)"), {"pks": pending})
    ids: dict[int, str] = {pk: entity_id for pk, entity_id in found}
    counted = stored.filter(pl.col("entity_pk").is_in(pending))
    old_rows = counted.select("entity_pk", "benefit_id", "status", "cents", *DIMS).rows()
    _replace(platform, session, pending, ids, old_rows)
    keys = [f"{PENDING}{pk}" for pk in pending]
    session.execute(text("DELETE FROM platform_state WHERE key = ANY(:keys)"), {"keys": keys})


def after_list(platform: Platform, session: Session) -> None:
    """A complete list imported or withdrawn closes every entity it covers anew (the silence of a list is a known
    none): the maintained figures are rebuilt at once with the lists now in force, when they are maintained."""
    session.flush()
    platform.use_imports(session)
    if built(session):
        rebuild(platform, session)


def built(session: Session) -> bool:
    """Whether the aggregates have been built since the population was last replaced (else pages simulate)."""
    return session.get(PlatformState, BUILT) is not None


def benefit_counts(session: Session, benefit_id: str | None = None) -> dict[str, dict[str, Any]]:
    """benefit id → eligible, likely (entities) and eligible_amount (万元, exact): the console's table (one
    benefit's row alone when ``benefit_id`` is given)."""
    out: dict[str, dict[str, Any]] = {}
    query = select(
        MatchAggregate.benefit_id,
        MatchAggregate.status,
        func.sum(MatchAggregate.entities),
        func.sum(MatchAggregate.cents),
    )
    if benefit_id is not None:
        query = query.where(MatchAggregate.benefit_id == benefit_id)
    for benefit, status, entities, cents in session.execute(
        query.group_by(MatchAggregate.benefit_id, MatchAggregate.status)
    ):
        row = out.setdefault(benefit, _no_one())
        row[status] = int(entities or 0)
        if status == "eligible":
            row["eligible_amount"] = Decimal(int(cents or 0)) / 1_000_000
    return out


def benefit_row(session: Session, benefit_id: str) -> dict[str, Any]:
    """One benefit's row of :func:`benefit_counts`, zeros when nobody qualifies or is likely to."""
    return benefit_counts(session, benefit_id).get(benefit_id) or _no_one()


def _no_one() -> dict[str, Any]:
    return {"eligible": 0, "likely": 0, "partial": 0, "eligible_amount": Decimal(0)}


def eligible(session: Session, benefit_id: str) -> pl.DataFrame:
    """One benefit's stored eligible pairs as the simulation gives them: entity_id, benefit_id, amount (exact 万元;
    null where it is not known)."""
    rows = session.execute(
        select(Entity.entity_id, EntityMatch.cents)
        .join(Entity, Entity.id == EntityMatch.entity_pk)
        .where(EntityMatch.benefit_id == benefit_id, EntityMatch.status == "eligible")
    )
    pairs = pl.DataFrame(list(rows), schema={"entity_id": pl.String, "cents": pl.Int64}, orient="row")
    return pairs.select(
        "entity_id",
        pl.lit(benefit_id, pl.String).alias("benefit_id"),
        (pl.col("cents").cast(pl.Decimal(38, 6)) / 1_000_000).cast(pl.Decimal(38, 6)).alias("amount"),
    )


def splits(session: Session, benefit_id: str, dim: str) -> pl.DataFrame:
    """One benefit's maintained figures by a dimension's value (区县, 行业门类, 企业规模): value, label, entities
    (eligible), likely, amount (eligible, exact 万元), largest amount first: what the console's benefit page shows
    without re-matching the city."""
    column = getattr(MatchAggregate, dim)
    query = (
        select(column, MatchAggregate.status, func.sum(MatchAggregate.entities), func.sum(MatchAggregate.cents))
        .where(MatchAggregate.benefit_id == benefit_id)
        .group_by(column, MatchAggregate.status)
    )
    found: dict[str, dict[str, Any]] = {}
    for value, status, entities, cents in session.execute(query):
        row = found.setdefault(value or NONE, {"entities": 0, "likely": 0, "amount": Decimal(0)})
        if status == "eligible":
            row["entities"] += int(entities or 0)
            row["amount"] += Decimal(int(cents or 0)) / 1_000_000
        elif status == "likely":
            row["likely"] += int(entities or 0)
    rows = [
        {"value": value, "label": label(dim, value), **figures}
        for value, figures in found.items()
        if figures["entities"] or figures["likely"]
    ]
    schema: dict[str, pl.DataType | type[pl.DataType]] = {
        "value": pl.String,
        "label": pl.String,
        "entities": pl.Int64,
        "likely": pl.Int64,
        "amount": pl.Decimal(38, 6),
    }
    return pl.DataFrame(rows, schema=schema).sort(["amount", "entities", "value"], descending=[True, True, False])


def snapshot(session: Session) -> dict[Key, tuple[int, int]]:
    """Every aggregate row as (key → (entities, 分)) for comparisons (tests, the nightly check)."""
    found: dict[Key, tuple[int, int]] = {}
    for benefit, status, district, section, size, entities, cents in session.execute(
        select(
            MatchAggregate.benefit_id,
            MatchAggregate.status,
            MatchAggregate.district,
            MatchAggregate.section,
            MatchAggregate.size_class,
            MatchAggregate.entities,
            MatchAggregate.cents,
        )
    ):
        if entities or cents:
            found[(benefit, status, district, section, size)] = (entities, cents)
    return found
