"""Data commands: ``generate`` a synthetic 长春, write an import ``template``, ``import`` a CSV/XLSX.

Mounted on the main ``policyreach`` command (``data_app`` registers them at top level).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from policyreach import settings
from policyreach.app import aggregates
from policyreach.cli.common import AsOfOpt, Kind, KindOpt, SchemaOpt, console, err_console, load_schema_only
from policyreach.imports.validate import ImportResult, validate_import
from policyreach.imports.xlsx import write_marked_copy, write_template
from policyreach.population.catalogue import SOURCES
from policyreach.population.generate import generate
from policyreach.store.registry_imports import ListRefused, apply_list

data_app = typer.Typer(help="Sample data and imports (样例数据与导入).", no_args_is_help=True)


@data_app.command("generate")
def generate_command(
    entities: Annotated[
        int | None,
        typer.Option(
            "--entities",
            "-n",
            help="Number of entities (up to 10,000,000; default POLICYREACH_SAMPLE_ENTITIES or 20,000).",
        ),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed: same seed, same population.")] = 42,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Output file (.parquet; .csv writes CSV only); default POLICYREACH_DATA_DIR/population.parquet.",
        ),
    ] = None,
    csv: Annotated[bool, typer.Option("--csv", help="Also write a CSV next to the Parquet file.")] = False,
    missing_rate: Annotated[float, typer.Option("--missing-rate", help="Share of values left missing.")] = 0.05,
    self_declared_rate: Annotated[
        float, typer.Option("--self-declared-rate", help="Share of values that are self-declared.")
    ] = 0.1,
    as_of_year: Annotated[
        int | None,
        typer.Option(
            "--as-of-year", help="Yearly values cover the three years before (default: POLICYREACH_AS_OF's year)."
        ),
    ] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", help="Rows per written batch.")] = 100_000,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Generate a synthetic 长春 population (生成样例主体数据)."""

    entities = settings.sample_entities() if entities is None else entities
    out = out or settings.data_dir() / "population.parquet"
    try:
        with Progress(
            TextColumn("[bold]生成主体"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=err_console,
            disable=quiet,
            transient=False,
        ) as bar:
            task = bar.add_task("generate", total=entities)
            result = generate(
                entities,
                seed,
                out,
                missing_rate=missing_rate,
                self_declared_rate=self_declared_rate,
                as_of_year=as_of_year or settings.as_of().year,
                batch_size=batch_size,
                csv=csv,
                progress=lambda done: bar.update(task, completed=done),
            )
    except ValueError as exc:
        err_console.print(f"[red]✗[/red] {exc}")
        raise typer.Exit(2) from exc
    kinds = "，".join(f"{k} {v:,}" for k, v in result.kinds.items())
    files = " + ".join(str(p) for p in (result.parquet, result.csv) if p)
    console.print(
        f"[green]✓[/green] {result.entities:,} 个主体（{kinds}），{result.columns} 列 → {files}"
        f"（{result.seconds:.1f} 秒）"
    )


@data_app.command("template")
def template_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="Output .xlsx file.")],
    kind: KindOpt = Kind.enterprise,
    as_of_year: Annotated[
        int | None,
        typer.Option(
            "--as-of-year",
            help="Yearly columns for the three years before.",
        ),
    ] = None,
    schema: SchemaOpt = None,
) -> None:
    """Write an empty XLSX import template with Chinese headers and units (导入模板)."""

    year = as_of_year or settings.as_of().year
    path = write_template(out, kind.value, as_of_year=year, schema=load_schema_only(schema))
    console.print(f"[green]✓[/green] 导入模板 → {path}")


@data_app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="CSV or XLSX file.", exists=True, dir_okay=False)],
    kind: KindOpt = Kind.enterprise,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            help="Registry source of an officer's import (e.g. tax).",
        ),
    ] = None,
    batch_id: Annotated[str | None, typer.Option("--batch-id", help="Batch id of the import.")] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Parquet file for the validated rows.",
        ),
    ] = None,
    errors_out: Annotated[
        Path | None,
        typer.Option(
            "--errors-out",
            help="Where the marked XLSX copy goes on errors.",
        ),
    ] = None,
    as_of: AsOfOpt = None,
    schema: SchemaOpt = None,
) -> None:
    """Validate a CSV/XLSX of entities; all rows or none (数据导入校验)."""

    loaded = load_schema_only(schema)
    if source is not None:
        known = set(loaded.sources) if loaded.sources else set(SOURCES)
        if source not in known:
            err_console.print(f"[red]✗[/red] 未知的数据来源 {source!r}；可选：{'、'.join(sorted(known))}")
            raise typer.Exit(2)
    as_of_date = as_of.date() if as_of is not None else None
    result = validate_import(file, loaded, kind.value, source=source, batch_id=batch_id, as_of=as_of_date)
    for warning in result.warnings:
        err_console.print(f"[yellow]![/yellow] {warning}")
    if not result.ok:
        _refuse(result, file, errors_out)
    target = out or file.with_suffix(".parquet")
    result.write_parquet(target)
    verified = "已核验（来源：" + source + "）" if source and source != "self_declared" else "自行填报（未核验）"
    console.print(f"[green]✓[/green] {result.summary()}；{verified} → {target}")


def _refuse(result: ImportResult, file: Path, errors_out: Path | None) -> NoReturn:
    """Print a refused file's errors (row, cell, column, value, reason), write the marked copy, exit 1."""
    table = Table(title=f"{file.name}：{len(result.errors)} 处错误，未导入任何数据", show_lines=False)
    for title in ("行", "单元格", "列", "值", "原因"):
        table.add_column(title)
    for issue in result.errors[:200]:
        table.add_row(str(issue.row), issue.cell or "", issue.column, issue.value, issue.reason)
    err_console.print(table)
    if len(result.errors) > 200:
        err_console.print(f"……另有 {len(result.errors) - 200} 处错误，见标注副本")
    marked = errors_out or file.with_name(f"{file.stem}.错误标注.xlsx")
    write_marked_copy(result, marked)
    err_console.print(f"[red]✗[/red] 标注错误的副本 → {marked}")
    raise typer.Exit(1)


@data_app.command("import-list")
def import_list_command(
    registry: Annotated[str, typer.Argument(help="Registry name in the schema (e.g. hightech_list).")],
    file: Annotated[Path, typer.Argument(help="CSV or XLSX of the complete list.", exists=True, dir_okay=False)],
    as_of: Annotated[
        dt.datetime, typer.Option("--as-of", formats=["%Y-%m-%d"], help="The date the list is complete as of.")
    ],
    batch_id: Annotated[str, typer.Option("--batch-id", help="Batch id of the list (e.g. the bureau's notice).")],
    kind: Annotated[Kind | None, typer.Option("--kind", help="Kind of the listed entities, if several.")] = None,
    imported_by: Annotated[str, typer.Option("--by", help="Who imports it (recorded).")] = "cli",
    errors_out: Annotated[Path | None, typer.Option("--errors-out", help="Marked XLSX copy on errors.")] = None,
) -> None:
    """Import a complete registry list into the platform database (名单导入): whom it does not name has none."""
    from policyreach.app.build import from_settings

    platform = from_settings(demo=False).platform
    reg = platform.schema.registries.get(registry)
    if reg is None:
        known = "、".join(sorted(platform.schema.registries))
        err_console.print(f"[red]✗[/red] 模式中没有名单 {registry!r}；可选：{known}")
        raise typer.Exit(2)
    kinds = reg.kinds  # the schema loader fills them: the kinds of the files that declare the list
    chosen = kind.value if kind is not None else kinds[0]
    if chosen not in kinds or (kind is None and len(kinds) > 1):
        err_console.print(f"[red]✗[/red] 名单 {reg.label} 覆盖{'、'.join(kinds)}：请用 --kind 指定本文件的主体类型")
        raise typer.Exit(2)
    day = as_of.date()
    result = validate_import(file, platform.schema, chosen, source=reg.source, batch_id=batch_id, as_of=day)
    if not result.ok:
        _refuse(result, file, errors_out)
    kept = {"uscc", "id_hash", "name", *reg.complete}
    for column in result.columns:
        if column.name not in kept:
            err_console.print(f"[yellow]![/yellow] 已忽略列“{column.header}”：名单只写入{reg.label}覆盖的项目")
    try:
        with platform.sessions() as session, session.begin():
            applied = apply_list(session, platform.schema, registry, result.rows, day, batch_id, imported_by)
            aggregates.after_list(platform, session)  # the console's figures with the list now in force
    except ListRefused as refused:
        for reason in refused.reasons:
            err_console.print(f"[red]✗[/red] {reason}")
        err_console.print(f"[red]✗[/red] {file.name}：{len(refused.reasons)} 处错误，未导入任何数据")
        raise typer.Exit(1) from refused
    console.print(
        f"[green]✓[/green] {reg.label}（截至 {day.isoformat()}，批次 {batch_id}）：列入 {applied.named} 个主体，"
        f"写入 {applied.written} 项，撤销 {applied.withdrawn} 项；未列入者视为未获得"
    )
