"""The worker process (``policyreach worker``): the scheduler's tick, then due jobs, until SIGTERM."""

from __future__ import annotations

import importlib
import threading
import time
from typing import Any

from policyreach.push import jobs
from policyreach.push.clock import Clock, current_clock

# Modules whose @handler registrations the worker needs; other parts of the platform append theirs.
HANDLER_MODULES = ["policyreach.push.notify", "policyreach.push.events"]


def load_handlers() -> dict[str, jobs.Handler]:
    """Import every module that registers handlers: ours, and those named by POLICYREACH_JOB_MODULES."""
    from policyreach import settings

    for name in [*HANDLER_MODULES, *settings.job_modules()]:
        importlib.import_module(name)
    return jobs.HANDLERS


def run(
    platform: Any,
    clock: Clock | None = None,
    *,
    stop: threading.Event | None = None,
    poll: float | None = None,
    tick_every: float = 5.0,
    schedule: bool = True,
) -> None:
    """Serve jobs for ``platform`` (its engine, library and sessions) until ``stop`` is set."""
    from policyreach.push import events

    load_handlers()
    clock = clock or current_clock()
    last = [0.0]

    def tick() -> None:
        if time.monotonic() - last[0] >= tick_every:
            last[0] = time.monotonic()
            events.tick(platform.sessions, platform, clock)

    jobs.run_forever(
        platform.sessions, clock, services={"platform": platform}, poll=poll, stop=stop, tick=tick if schedule else None
    )


def run_once(platform: Any, clock: Clock | None = None, *, limit: int = 1000) -> int:
    """One scheduler tick and every due job (tests, cron-style use): the number of jobs run."""
    from policyreach.push import events

    load_handlers()
    clock = clock or current_clock()
    events.tick(platform.sessions, platform, clock)
    return jobs.run_pending(platform.sessions, clock, limit=limit, services={"platform": platform})


def platform_from_settings() -> Any:
    """The platform over the already set-up database (POLICYREACH_DATABASE_URL, _LIBRARY, _SCHEMA, _AS_OF)."""
    from policyreach import settings
    from policyreach.rules.library import load_library
    from policyreach.rules.schema import load_schema
    from policyreach.store.db import make_engine, migrate, sessions
    from policyreach.web.platform import Platform

    schema = load_schema(settings.schema_path())
    engine = make_engine()
    migrate(engine)
    return Platform(
        engine,
        sessions(engine),
        schema,
        load_library([settings.library_path()], schema),
        settings.as_of(),
        settings.library_path(),
    )


def start_background(platform: Any, clock: Clock | None = None) -> threading.Event:
    """Run the worker in a daemon thread of this process (``policyreach run``: one command serves everything);
    set the returned event to stop it. A separate ``policyreach worker`` process may run as well."""
    stop = threading.Event()
    threading.Thread(target=run, args=(platform, clock), kwargs={"stop": stop}, name="push-worker", daemon=True).start()
    return stop
