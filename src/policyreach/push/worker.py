"""The worker process (``policyreach worker``): the scheduler's tick, then due jobs, until SIGTERM."""

from __future__ import annotations

import importlib
import threading
import time

from policyreach import plugins, settings
from policyreach.app.ports import PlatformServices
from policyreach.push import jobs, notify
from policyreach.push.clock import Clock, current_clock, today

# Modules whose @handler registrations the worker needs; plug-ins name theirs in their registration.
HANDLER_MODULES = (
    "policyreach.push.notify",
    "policyreach.push.events",
    "policyreach.push.audit_check",
    "policyreach.push.learning",
    "policyreach.push.rematch",
)


def load_handlers() -> dict[str, jobs.Handler]:
    """Import every module that registers handlers: ours, the plug-ins', and those of POLICYREACH_JOB_MODULES."""
    for name in [*HANDLER_MODULES, *plugins.job_modules(), *settings.job_modules()]:
        importlib.import_module(name)
    return jobs.HANDLERS


def run(
    platform: PlatformServices,
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
    notify.reconcile(platform.sessions, clock)  # deliveries a worker killed mid-send left behind
    schedule_plugins(platform, clock)
    last = [0.0]

    def tick() -> None:
        if time.monotonic() - last[0] >= tick_every:
            last[0] = time.monotonic()
            events.tick(platform.sessions, platform, clock)

    jobs.run_forever(
        platform.sessions, clock, services={"platform": platform}, poll=poll, stop=stop, tick=tick if schedule else None
    )


def schedule_plugins(platform: PlatformServices, clock: Clock) -> None:
    """Queue the plug-ins' recurring jobs when a worker starts (each such job queues its own next run, and queueing is
    idempotent by key, so a restart or a second worker adds nothing)."""
    with platform.sessions() as session, session.begin():
        for plugin in plugins.installed():
            if plugin.schedule is not None:
                plugin.schedule(session, today(clock))


def run_once(platform: PlatformServices, clock: Clock | None = None, *, limit: int = 1000) -> int:
    """One scheduler tick and every due job (tests, cron-style use): the number of jobs run."""
    from policyreach.push import events

    load_handlers()
    clock = clock or current_clock()
    notify.reconcile(platform.sessions, clock)
    events.tick(platform.sessions, platform, clock)
    return jobs.run_pending(platform.sessions, clock, limit=limit, services={"platform": platform})


def start_background(platform: PlatformServices, clock: Clock | None = None) -> threading.Event:
    """Run the worker in a daemon thread of this process (``policyreach run``: one command serves everything);
    set the returned event to stop it. A separate ``policyreach worker`` process may run as well."""
    stop = threading.Event()
    threading.Thread(target=run, args=(platform, clock), kwargs={"stop": stop}, name="push-worker", daemon=True).start()
    return stop
