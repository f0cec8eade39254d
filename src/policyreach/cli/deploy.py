"""Deployment commands: ``ingest`` (a registry's batch from a file, its report and rollback: the same path as the
ingest API), ``backup`` and ``restore`` (docs/DEPLOY.md)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from policyreach.app import backups, ingest
from policyreach.app.build import database, from_settings
from policyreach.cli.common import Kind, KindOpt, console, err_console
from policyreach.redemption import audit

ingest_app = typer.Typer(no_args_is_help=True, help="Registry batches (数据推送): import, report, roll back.")
backup_app = typer.Typer()


def _print(report: ingest.BatchReport) -> None:
    for problem in report.errors[:200]:
        err_console.print(f"[red]✗[/red] {problem['message']}")
    if len(report.errors) > 200:
        err_console.print(f"……另有 {len(report.errors) - 200} 处错误")
    (err_console if report.errors else console).print(
        f"{'[red]✗[/red]' if report.errors else '[green]✓[/green]'} {report.summary()}"
    )


@ingest_app.command("push")
def push_command(
    file: Annotated[Path, typer.Argument(help="JSON lines, CSV (UTF-8/GBK), XLSX or Parquet.", exists=True)],
    source: Annotated[
        str,
        typer.Option(
            "--source",
            help="The registry's source (tax, market_supervision, …); 'all': a file of several sources' columns "
            "(Parquet or CSV, e.g. a first load), split into one batch per kind and source.",
        ),
    ],
    batch_id: Annotated[str, typer.Option("--batch-id", help="The batch's id: the same id is written once.")],
    as_of: Annotated[dt.datetime, typer.Option("--as-of", formats=["%Y-%m-%d"], help="The data's as-of date.")],
    kind: KindOpt = Kind.enterprise,
    registry: Annotated[
        str | None, typer.Option("--registry", help="A complete list the batch declares (e.g. hightech_list).")
    ] = None,
    by: Annotated[str, typer.Option("--by", help="Who imports it (recorded).")] = "cli",
) -> None:
    """Write a registry's batch from a file, all rows or none, once per batch id; print its report."""
    platform = from_settings(demo=False).platform
    if source == "all":
        with tempfile.TemporaryDirectory(prefix="policyreach-ingest-") as tmp:
            reports = ingest.submit_by_source(
                platform,
                file,
                batch_id=batch_id,
                as_of=as_of.date(),
                submitted_by=by,
                workdir=Path(tmp),
                audit_record=audit.record,
            )
        for report in reports:
            _print(report)
        if any(r.errors for r in reports):
            raise typer.Exit(1)
        return
    try:
        report = ingest.submit(
            platform,
            file,
            source=source,
            kind=kind.value,
            batch_id=batch_id,
            as_of=as_of.date(),
            actor=None,
            submitted_by=by,
            registry=registry,
            audit_record=audit.record,
        )
    except ingest.BatchConflict as exc:
        err_console.print(f"[red]✗[/red] {exc}")
        raise typer.Exit(1) from exc
    _print(report)
    if report.errors:
        raise typer.Exit(1)


@ingest_app.command("report")
def report_command(
    source: Annotated[str, typer.Argument(help="The batch's source.")],
    batch_id: Annotated[str, typer.Argument(help="The batch's id.")],
) -> None:
    """A batch's report."""
    platform = from_settings(demo=False).platform
    with platform.sessions() as session:
        found = ingest.load_batch(session, source, batch_id)
    if found is None:
        err_console.print(f"[red]✗[/red] 没有批次 {batch_id}（{source}）")
        raise typer.Exit(1)
    report = ingest.BatchReport.from_dict(found.report)
    report.state = found.state
    _print(report)


@ingest_app.command("rollback")
def rollback_command(
    source: Annotated[str, typer.Argument(help="The batch's source.")],
    batch_id: Annotated[str, typer.Argument(help="The batch's id.")],
    by: Annotated[str, typer.Option("--by", help="Who rolls it back (recorded).")] = "cli",
) -> None:
    """Undo a batch: every value it changed restored, all or nothing."""
    platform = from_settings(demo=False).platform
    try:
        report = ingest.rollback(platform, source, batch_id, by, audit.record)
    except (ingest.RollbackRefused, ingest.BatchNotFound) as exc:
        err_console.print(f"[red]✗[/red] {exc}")
        raise typer.Exit(1) from exc
    _print(report)


@backup_app.command("backup")
def backup_command(
    out: Annotated[Path, typer.Argument(help="The archive (.tar) to write, or a directory for a dated one.")],
) -> None:
    """Back up the database, uploaded materials, policy library and audit anchor (备份); the secrets' key ids are
    recorded, never the secrets."""
    database()[0].dispose()  # migrated: the dump is of the current schema
    try:
        made = backups.backup(out)
    except backups.BackupError as exc:
        err_console.print(f"[red]✗[/red] {exc}")
        raise typer.Exit(1) from exc
    console.print(
        f"[green]✓[/green] 备份 → {made.path}（{made.database} 数据库，材料 {made.uploads} 个，"
        f"政策文件 {made.library} 个，{made.bytes / 2**20:.1f} MB）；密钥不在备份中，请另行保管"
    )


@backup_app.command("restore")
def restore_command(
    archive: Annotated[Path, typer.Argument(help="An archive written by policyreach backup.", exists=True)],
    force: Annotated[bool, typer.Option("--force", help="Overwrite a database that is not empty.")] = False,
) -> None:
    """Restore a backup into the configured (empty) database and directories (恢复); then run ``policyreach audit
    verify`` and ``policyreach audit funds``."""
    try:
        info = backups.restore(archive, force=force)
    except backups.BackupError as exc:
        err_console.print(f"[red]✗[/red] {exc}")
        raise typer.Exit(1) from exc
    database()[0].dispose()  # a backup of an older version is migrated forward
    console.print(
        f"[green]✓[/green] 已恢复 {info.get('created_at')} 的备份；"
        "请运行 policyreach audit verify 与 policyreach audit funds"
    )
