"""Engine and sessions from ``POLICYREACH_DATABASE_URL``; the schema is brought up by Alembic."""

from __future__ import annotations

import glob
import os
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import URL, Connection, Engine, create_engine, event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from policyreach import plugins, settings

MIGRATIONS = Path(__file__).parent / "migrations"

IN_LIST = 10_000  # ids one statement names at most: PostgreSQL takes 65,535 parameters a statement, SQLite 32,766

_Item = TypeVar("_Item")


def in_parts(items: Sequence[_Item]) -> list[Sequence[_Item]]:
    """``items`` in consecutive parts of at most ``IN_LIST``, one IN list each (at least one part, maybe empty)."""
    return [items[start : start + IN_LIST] for start in range(0, max(1, len(items)), IN_LIST)]


def pg_tool(name: str) -> str | None:
    """A PostgreSQL client program (pg_dump, pg_restore, psql), or None where the client is not installed."""
    # the server's own version where several are installed: pg_dump refuses a newer server than itself
    path = os.pathsep.join([*sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True), os.environ.get("PATH", "")])
    return shutil.which(name, path=path)


def libpq(url: URL) -> tuple[str, dict[str, str]]:
    """A libpq connection string for the client programs, the password passed in the environment (never on a
    command line, which every local user can read)."""
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def make_engine(url: str | None = None) -> Engine:
    url = url or settings.database_url()
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "savepoint", _sqlite_savepoint)
    return engine


def _sqlite_pragmas(connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    # A transaction takes the write lock when it begins, not at its first write: a transaction that has read and
    # then writes while another holds the lock gets "database is locked" at once (SQLite does not wait then, as
    # waiting could deadlock), which ten concurrent claims met. The driver begins one before the first write
    # (reads before it run on their own, as before); savepoints get the same start below.
    connection.isolation_level = "IMMEDIATE"
    cursor = connection.cursor()
    # a writer waits for the one before it rather than failing with "database is locked": SQLite has one writer at
    # a time, and the first requests after a start meet the worker's re-match chunks and the other processes' writes
    cursor.execute(f"PRAGMA busy_timeout={int(settings.sqlite_busy_seconds() * 1000)}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers do not wait for the writer
    cursor.close()


def _sqlite_savepoint(connection: Connection, _name: str) -> None:
    """A savepoint outside a transaction would begin a deferred one (read, then an upgrade that fails instead of
    waiting): begin it with the write lock, waiting the busy timeout for it."""
    raw = connection.connection.dbapi_connection
    if raw is not None and not raw.in_transaction:
        raw.execute("BEGIN IMMEDIATE")


def alembic_config() -> Config:
    """The migrations of the platform and of every enabled plug-in, each plug-in on its own branch."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # each plug-in keeps its own branch of the schema beside the platform's (docs/ARCHITECTURE.md, "Plug-ins")
    locations = [MIGRATIONS / "versions", *plugins.migration_locations()]
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", os.pathsep.join(str(p) for p in locations))
    return config


def migrate(engine: Engine) -> None:
    """Upgrade the database to the latest migration (creates it on first run)."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")  # the platform and each plug-in's branch each have a head


def sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    with factory() as session, session.begin():
        yield session
