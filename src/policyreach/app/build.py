"""The one builder of the platform: the server, the worker, every CLI job and the tests call :func:`from_settings`.

It migrates the database, loads the schema and the library and compiles them; it seeds the sample city and demo
accounts only in demo mode (``POLICYREACH_DEMO=1``, set by ``make run``), so a batch job against a real database never
creates an account. See docs/ARCHITECTURE.md, "The application core".
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from policyreach import settings
from policyreach.app import policy_versions, schema_extension
from policyreach.app.accounts import account_count
from policyreach.app.demo import DemoAccount, seed
from policyreach.app.funds import sync_funds
from policyreach.app.platform import Platform
from policyreach.clock import Clock
from policyreach.rules.library import Library, load_library
from policyreach.rules.schema import Schema, load_schema
from policyreach.store import crypto
from policyreach.store.db import make_engine, migrate, sessions, transaction

FIRST_ADMIN_HINT = (
    "数据库中还没有任何账号：请先创建第一个管理员：policyreach admin create --username <用户名>"
    "（或用 make run 启动演示模式）"
)


@dataclass(frozen=True)
class Built:
    platform: Platform
    demo_accounts: list[DemoAccount]
    accounts: int  # accounts in the database after the build (0: the first administrator is still to be created)


def secret_key() -> str:
    """POLICYREACH_SECRET, else a key kept in the data directory, so that sessions survive a restart and every
    process of one deployment signs cookies with the same key."""
    if (configured := settings.secret()) is not None:
        return configured
    path = settings.data_dir() / "secret.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(32), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def database(engine: Engine | None = None, schema: Schema | None = None) -> tuple[Engine, Schema]:
    """The migrated database and the deployment's schema (with its accepted attributes), without the library: what a
    command that only writes accounts or reads the schema needs."""
    engine = engine or make_engine()
    crypto.field_ring()  # a wrong POLICYREACH_CRYPTO, or intl without its package, stops the start, not a request
    migrate(engine)
    schema = schema or load_schema(settings.schema_path())
    with transaction(sessions(engine)) as session:  # the deployment's accepted attributes (app.schema_extension)
        schema = schema_extension.extended(session, schema)
    return engine, schema


def from_settings(
    *,
    demo: bool | None = None,
    engine: Engine | None = None,
    schema: Schema | None = None,
    library: Library | None = None,
    library_dir: Path | None = None,
    as_of: dt.date | None = None,
    population_file: Path | None = None,
    clock: Clock | None = None,
) -> Built:
    """The platform over ``POLICYREACH_DATABASE_URL`` (migrated), ``_SCHEMA``, ``_LIBRARY`` and ``_AS_OF``.

    Every argument overrides its setting (tests pass a temporary database and a copy of the library); without
    ``as_of`` or POLICYREACH_AS_OF the platform's date follows ``clock`` (default: the installed clock). In demo mode
    (``demo`` or ``POLICYREACH_DEMO``) the sample population in ``population_file`` (default: the data directory's
    ``population.parquet``) and the demo accounts are seeded when the database has no entity yet.
    """
    engine, schema = database(engine, schema)
    library_dir = library_dir or settings.library_path()
    library = library or load_library([library_dir], schema)
    platform = Platform(
        engine, sessions(engine), schema, library, as_of or settings.pinned_as_of(), library_dir, clock=clock
    )
    demo_logins: list[DemoAccount] = []
    with transaction(platform.sessions) as session:
        if settings.demo() if demo is None else demo:
            population = population_file or settings.data_dir() / "population.parquet"
            demo_logins = seed(session, population, schema, platform.compiled, platform.as_of)
        sync_funds(session, platform.compiled)  # every fund the library names exists before anyone claims
        # every file in force is a version, so that a decision names the version it was made under from the start
        policy_versions.record_library(session, platform.library, platform.today())
        platform.adopt_announced_version(session)
        count = account_count(session)
    return Built(platform, demo_logins, count)
