"""Build the platform from settings (database, library, sample data) and serve it with uvicorn."""

from __future__ import annotations

import secrets
from pathlib import Path

from fastapi import FastAPI

from policyreach import settings
from policyreach.rules.library import Library
from policyreach.rules.schema import Schema
from policyreach.store.db import make_engine, migrate, sessions, transaction
from policyreach.web.platform import Platform
from policyreach.web.seed import DemoAccount, seed


def secret_key() -> str:
    """POLICYREACH_SECRET, else a key kept in the data directory so sessions survive a restart."""
    if settings.secret():
        return settings.secret()  # type: ignore[return-value]
    path = settings.data_dir() / "secret.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(32), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def build_platform(schema: Schema, library: Library, population_file: Path) -> tuple[Platform, list[DemoAccount]]:
    engine = make_engine()
    migrate(engine)
    platform = Platform(engine, sessions(engine), schema, library, settings.as_of(), settings.library_path())
    with transaction(platform.sessions) as session:
        accounts = seed(session, population_file, schema, platform.compiled, settings.as_of())
    return platform, accounts


def serve(platform: Platform) -> None:
    import uvicorn

    from policyreach.web.app import create_app
    from policyreach.web.observability import configure_logging

    configure_logging(settings.log_level())
    uvicorn.run(
        create_app(platform, secret=secret_key()),
        host=settings.host(),
        port=settings.port(),
        log_config=None,
        access_log=False,
    )


def app_from_settings() -> FastAPI:
    """An app over an already seeded database (``uvicorn --factory policyreach.web.server:app_from_settings``)."""
    from policyreach.rules.library import load_library
    from policyreach.rules.schema import load_schema
    from policyreach.web.app import create_app

    schema = load_schema(settings.schema_path())
    engine = make_engine()
    migrate(engine)
    platform = Platform(
        engine,
        sessions(engine),
        schema,
        load_library([settings.library_path()], schema),
        settings.as_of(),
        settings.library_path(),
    )
    return create_app(platform, secret=secret_key())
