"""Whole tables out of PostgreSQL as CSV for the nightly re-match, by ``psql`` processes on the session's snapshot.

The driver hands a ``COPY ... TO STDOUT`` over one row at a time to Python: seven million value rows cost about
four CPU seconds of this process at 200,000 entities (0.6 µs a row), more than PostgreSQL took to write them. A
``psql`` process reads the same stream in C and passes it on through a pipe in large blocks, and several of them
read disjoint ranges of a table's blocks at once, each with its own backend, on a machine's other cores.

They are other sessions: each imports the caller's snapshot (``pg_export_snapshot``, ``SET TRANSACTION SNAPSHOT``),
so that together they read exactly what one statement of the caller's transaction would, never a batch committed in
between. A transaction that has written cannot lend its rows this way (other sessions never see them): it reads
through its own connection (:func:`read_frames` returns None), as it does where ``psql`` is not installed.
"""

from __future__ import annotations

import io
import subprocess
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import polars as pl
from sqlalchemy import text
from sqlalchemy.orm import Session

from policyreach.store.db import libpq, pg_tool

PARTS = 2  # processes reading the largest table at once: the cores of the machine the nightly job was sized on


def block_ranges(session: Session, table: str, parts: int = PARTS) -> list[str]:
    """Conditions splitting ``table`` into ``parts`` ranges of its blocks (a TID range scan each, PostgreSQL 14+);
    the last range is open, so a row in a block added after the size was read still belongs to one."""
    blocks = session.execute(
        text("SELECT pg_relation_size(CAST(:t AS regclass)) / current_setting('block_size')::int"), {"t": table}
    ).scalar_one()
    step = max(1, -(-int(blocks) // parts))
    conditions = []
    for i in range(parts):
        bounds = [f"ctid >= '({step * i},0)'::tid"] if i else []
        if i < parts - 1:
            bounds.append(f"ctid < '({step * (i + 1)},0)'::tid")
        conditions.append(" AND ".join(bounds) or "true")
    return conditions


Schema = dict[str, type[pl.DataType]]


def read_frames(session: Session, queries: list[tuple[str, Schema]]) -> list[pl.DataFrame] | None:
    """Each query's rows as a frame of its schema, read at once by one ``psql`` each (``COPY ... TO STDOUT`` as
    CSV) and parsed as each arrives, all on the session's snapshot; None where that cannot be done (not PostgreSQL,
    no ``psql``, or the session's transaction has written rows that other sessions would not see)."""
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        return None
    psql = pg_tool("psql")
    if psql is None:
        return None
    session.flush()
    unwritten, snapshot = session.execute(
        text("SELECT pg_current_xact_id_if_assigned() IS NULL, pg_export_snapshot()")
    ).one()
    if not unwritten:
        return None
    dsn, env = libpq(connection.engine.url)
    env |= {"PGCLIENTENCODING": "UTF8", "PGAPPNAME": "policyreach-nightly-read"}

    def run(query: str, schema: Schema) -> pl.DataFrame:
        command = [
            psql,
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-d",
            dsn,
            "-c",
            "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
            "-c",
            f"SET TRANSACTION SNAPSHOT '{snapshot}'",
            "-c",
            f"COPY ({query}) TO STDOUT (FORMAT csv)",
            "-c",
            "COMMIT",
        ]
        done = subprocess.run(command, env=env, capture_output=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"psql could not read the population: {done.stderr.decode(errors='replace')[-500:]}")
        return csv_frame(done.stdout, schema)  # Polars parses without the interpreter's lock: beside the others

    # the exporting transaction stays open (the caller's) until every reader has imported and finished
    with ThreadPoolExecutor(len(queries)) as pool:
        return list(pool.map(lambda q: run(*q), queries))


def copy_frame(session: Session, query: str, schema: Schema) -> pl.DataFrame:
    """A query's rows read through the session's own connection (it sees what the transaction wrote) by
    ``COPY ... TO STDOUT`` on PostgreSQL, parsed by Polars in one call."""
    session.flush()
    raw: Any = session.connection().connection.driver_connection
    buffer = io.BytesIO()
    with raw.cursor() as cursor, cursor.copy(f"COPY ({query}) TO STDOUT (FORMAT csv)") as copy:
        for block in copy:
            buffer.write(block)
    return csv_frame(buffer.getvalue(), schema)


def csv_frame(data: bytes, schema: Schema) -> pl.DataFrame:
    """PostgreSQL's CSV rows (no header) as a frame of ``schema``."""
    return pl.read_csv(io.BytesIO(data), has_header=False, new_columns=list(schema), schema=schema)
