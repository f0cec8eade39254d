"""``policyreach worker`` and ``policyreach push …``: the job queue from the command line."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from sqlalchemy import func, select

from policyreach import settings
from policyreach.app.build import from_settings
from policyreach.cli.common import console
from policyreach.push import events, worker
from policyreach.push.models import Job
from policyreach.push.notify import delivery_summary
from policyreach.web.observability import configure_logging

push_app = typer.Typer(no_args_is_help=True, help="政策找人: events, the job queue and deliveries.")


def worker_command(
    once: Annotated[bool, typer.Option("--once", help="One scheduler tick and every due job, then exit.")] = False,
    schedule: Annotated[
        bool,
        typer.Option(
            "--schedule/--jobs-only", help="Also run the scheduler (events, daily jobs), or only queued jobs."
        ),
    ] = True,
) -> None:
    """The background worker (政策找人): events, re-matching, reminders, e-mail and SMS, until SIGTERM."""
    configure_logging(settings.log_level())
    platform = from_settings(demo=False).platform
    if once:
        console.print(f"[green]✓[/green] 运行任务 {worker.run_once(platform)} 个")
        return
    console.print("政策找人 worker 已启动（SIGTERM 停止）")
    worker.run(platform, schedule=schedule)


@push_app.command("status")
def status_command() -> None:
    """Jobs by kind and state, deliveries by channel and state."""
    with from_settings(demo=False).platform.sessions() as session:
        table = Table(title="任务队列")
        for column in ("kind", "state", "jobs"):
            table.add_column(column)
        for kind, state, n in session.execute(
            select(Job.kind, Job.state, func.count()).group_by(Job.kind, Job.state).order_by(Job.kind, Job.state)
        ):
            table.add_row(kind, state, str(n))
        console.print(table)
        console.print({"deliveries": delivery_summary(session)})


@push_app.command("sync")
def sync_command() -> None:
    """Queue the re-matching for what changed now: the library (published/changed/withdrawn) and firms' data."""
    platform = from_settings(demo=False).platform
    with platform.sessions() as session, session.begin():
        made = events.sync_library(session, platform)
        changed = events.scan_changes(session)
    console.print(f"[green]✓[/green] 政策变动任务 {len(made)} 个，主体数据变动任务 {changed} 个")
