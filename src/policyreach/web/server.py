"""Serve the platform with uvicorn: in this process (``policyreach run``/``serve``) or as workers of a factory."""

from __future__ import annotations

import uvicorn
from fastapi import FastAPI

from policyreach import settings
from policyreach.app import memory
from policyreach.app.build import from_settings, secret_key
from policyreach.app.platform import Platform
from policyreach.web.app import create_app
from policyreach.web.observability import configure_logging


def serve(platform: Platform) -> None:
    configure_logging(settings.log_level())
    app = create_app(platform, secret=secret_key())
    memory.settle()  # the library and the modules out of the collector's full passes (app/memory.py)
    uvicorn.run(
        app,
        host=settings.host(),
        port=settings.port(),
        log_config=None,
        access_log=False,
        proxy_headers=False,  # the client address is decided by POLICYREACH_TRUSTED_PROXIES alone (web/security.py)
    )


def serve_workers(workers: int) -> None:
    """``workers`` server processes (uvicorn's supervisor), each building its platform with
    :func:`app_from_settings`; the database was migrated by the caller, so no two workers migrate at once."""
    configure_logging(settings.log_level())
    uvicorn.run(
        "policyreach.web.server:app_from_settings",
        factory=True,
        workers=workers,
        # a worker answers the supervisor's health check only once its platform is built (library loaded and
        # compiled): on a busy machine that takes longer than uvicorn's 5 s, which would restart it for ever
        timeout_worker_healthcheck=300,
        host=settings.host(),
        port=settings.port(),
        log_config=None,
        access_log=False,
        proxy_headers=False,
    )


def app_from_settings() -> FastAPI:
    """An app over the configured database (``uvicorn --factory policyreach.web.server:app_from_settings``): each
    worker process builds its own platform; they agree through the database (docs/ARCHITECTURE.md). Pass uvicorn
    ``--no-proxy-headers``: the client address is decided by POLICYREACH_TRUSTED_PROXIES alone."""
    configure_logging(settings.log_level())
    app = create_app(from_settings(demo=False).platform, secret=secret_key())
    memory.settle()  # the library and the modules out of the collector's full passes (app/memory.py)
    return app
