"""The ``policyreach`` command: one entry point, a sub-command per job."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
import yaml
from rich.console import Console
from rich.table import Table

from policyreach import settings
from policyreach.rules.errors import RuleError, RuleErrors
from policyreach.rules.library import Library, compile_library, load_library
from policyreach.rules.policy import STATUS_ZH
from policyreach.rules.schema import Schema, load_schema

app = typer.Typer(help="PolicyReach 政策通: policies find people.", no_args_is_help=True)
console = Console()
err_console = Console(stderr=True)

SchemaOpt = Annotated[Optional[Path], typer.Option("--schema", help="Schema file or directory.")]  # noqa: UP045


def _mount() -> None:
    from policyreach.cli_check import check_app
    from policyreach.cli_data import data_app
    from policyreach.cli_simulate import simulate_app

    app.add_typer(check_app, name="check", help="Check codes against national standards (国家标准校验).")
    app.add_typer(data_app)  # generate, template, import at the top level
    app.add_typer(simulate_app)
    from policyreach.cli_match import match_app

    app.add_typer(match_app)  # match: in-process (streaming) or --backend spark
    from policyreach.push.cli import push_app, worker_command

    app.add_typer(push_app, name="push")  # 政策找人: the job queue and deliveries
    app.command("worker")(worker_command)
    from policyreach.conference import JOB_MODULES
    from policyreach.push.worker import HANDLER_MODULES

    HANDLER_MODULES.extend(JOB_MODULES)  # the conference's jobs ride on the push scheduler; push does not import it


def load(schema_opt: Path | None, paths: list[Path]) -> tuple[Schema, Library]:
    """Load schema and library, printing every rules error and exiting 1 on any."""
    schema_path = schema_opt or settings.schema_path()
    missing = [p for p in (schema_path, *paths) if not Path(p).exists()]
    if missing:
        err_console.print(
            f"[red]✗[/red] 找不到 {', '.join(map(str, missing))}：请用 POLICYREACH_SCHEMA / POLICYREACH_LIBRARY "
            f"或 --schema 指定实体模式与政策库 (schema or library not found; set POLICYREACH_SCHEMA / "
            f"POLICYREACH_LIBRARY or pass --schema)"
        )
        raise typer.Exit(2)
    try:
        schema = load_schema(schema_path)
        return schema, load_library(paths, schema)
    except RuleErrors as exc:
        for error in exc.errors:
            err_console.print(f"[red]✗[/red] {error}", soft_wrap=True)
        raise typer.Exit(1) from exc
    except RuleError as exc:
        err_console.print(f"[red]✗[/red] {exc}")
        raise typer.Exit(1) from exc


@app.command("test")
def test_command(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Policy files or directories.")] = None,  # noqa: UP045
    schema: SchemaOpt = None,
) -> None:
    """Run the YAML test cases next to the rules (用例测试)."""
    from policyreach.engine.cases import run_tests

    _, library = load(schema, paths or [settings.library_path()])
    report = run_tests(library)
    for failure in report.failures or []:
        console.print(f"[red]FAIL[/red] {failure}", soft_wrap=True)
    colour = "green" if report.ok else "red"
    console.print(
        f"[{colour}]{len(library.policies)} policies, {len(library.benefits)} benefits, "
        f"{report.cases} cases, {report.checks} checks, {len(report.failures or [])} failed[/{colour}]"
    )
    if not report.ok:
        raise typer.Exit(1)


@app.command("validate")
def validate_command(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Policy files or directories.")] = None,  # noqa: UP045
    schema: SchemaOpt = None,
) -> None:
    """Parse and type-check policy files without running their cases."""
    _, library = load(schema, paths or [settings.library_path()])
    console.print(f"[green]✓[/green] {len(library.policies)} policies, {len(library.benefits)} benefits valid")


@app.command("explain")
def explain_command(
    entity_file: Annotated[Path, typer.Argument(help="YAML/JSON with an entity's attribute values, or - for stdin.")],
    library_paths: Annotated[Optional[list[Path]], typer.Option("--library")] = None,  # noqa: UP045
    schema: SchemaOpt = None,
    as_of: Annotated[Optional[str], typer.Option(help="Evaluation date, YYYY-MM-DD.")] = None,  # noqa: UP045
    show_all: Annotated[bool, typer.Option("--all", help="Also list ineligible benefits.")] = False,
) -> None:
    """Match one entity and print each benefit clause by clause (条款解读)."""
    from policyreach.engine.entity import entity_from_mapping
    from policyreach.engine.match import match_entity

    schema_obj, library = load(schema, library_paths or [settings.library_path()])
    text = sys.stdin.read() if str(entity_file) == "-" else entity_file.read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    when = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
    try:
        entity = entity_from_mapping(schema_obj, data, verified=data.pop("verified", None))
    except RuleError as exc:
        err_console.print(f"[red]✗[/red] {exc}")
        raise typer.Exit(1) from exc
    matches = match_entity(compile_library(library, when), entity, keep_all=show_all)
    matches.sort(key=lambda m: (-m.degree, -(m.amount or 0)))
    for match in matches:
        table = Table(title=f"{match.title}  [{STATUS_ZH[match.status]} · 匹配度 {match.degree}]", show_lines=True)
        table.add_column("条款")
        table.add_column("解读")
        for cond in match.conditions:
            table.add_row(cond.clause_text, cond.explanation)
        if match.amount_explanation:
            table.add_row(match.benefit.checked.amount_clause_text or "", match.amount_explanation)
        console.print(table)


@app.command("run")
def run_command(
    serve: Annotated[bool, typer.Option("--serve/--no-serve", help="Start the web server after set-up.")] = True,
) -> None:
    """The main job: database, sample library and population, city overview, then the web platform."""
    import polars as pl

    from policyreach import summary
    from policyreach.web.server import build_platform
    from policyreach.web.server import serve as serve_platform

    schema_obj, library = load(None, [settings.library_path()])
    data = settings.data_dir()
    data.mkdir(parents=True, exist_ok=True)
    population_file = data / "population.parquet"
    if not population_file.exists():  # kept between runs: no silent reset (policyreach reset starts over)
        from policyreach.population.generate import generate

        with console.status(f"生成样本人群 {settings.sample_entities():,} 个主体…"):
            generate(settings.sample_entities(), 2025, population_file, as_of_year=settings.as_of().year)
    with console.status("建立数据库并载入样本数据…"):
        platform, accounts = build_platform(schema_obj, library, population_file)
    population = pl.read_parquet(population_file)
    with console.status("全市匹配中…"):
        result = summary.run_matching(platform.compiled, population)
    summary.print_summary(console, result, population_file)
    summary.print_entity_report(console, platform.compiled, summary.demo_entity(result, population, schema_obj))
    summary.print_accounts(console, accounts, f"http://{settings.host()}:{settings.port()}")
    if serve:
        from policyreach.push.worker import start_background

        start_background(platform)  # 政策找人: events, reminders and deliveries beside the web server
        serve_platform(platform)


@app.command("reset")
def reset_command(yes: Annotated[bool, typer.Option("--yes", help="Do not ask.")] = False) -> None:
    """Delete the embedded database and the generated population (start over)."""
    data = settings.data_dir()
    targets = [
        data / "population.parquet",
        data / "policyreach.db",
        data / "policyreach.db-wal",
        data / "policyreach.db-shm",
    ]
    if not yes and not typer.confirm(f"删除 {data} 中的数据库和样本人群？"):
        raise typer.Exit(1)
    for target in targets:
        target.unlink(missing_ok=True)
    console.print("[green]✓[/green] 已清除；下次 make run 会重新生成。")


audit_app = typer.Typer(no_args_is_help=True, help="The hash-chained audit log (审计日志).")
app.add_typer(audit_app, name="audit")


@audit_app.command("verify")
def audit_verify_command() -> None:
    """Check the whole audit chain; exit 1 naming every altered or deleted entry."""
    from policyreach.redemption.audit import verify
    from policyreach.store.db import make_engine, migrate, sessions

    engine = make_engine()
    migrate(engine)
    with sessions(engine)() as session:
        problems = verify(session)
    for problem in problems:
        err_console.print(f"[red]✗[/red] {problem}")
    if problems:
        raise typer.Exit(1)
    console.print("[green]✓[/green] 审计日志完整，哈希链无断点")


redemption_app = typer.Typer(no_args_is_help=True, help="Redemption jobs (兑现).")
app.add_typer(redemption_app, name="redemption")


@redemption_app.command("offer")
def redemption_offer_command() -> None:
    """免申即享: create this period's offers for every provable eligible entity (once per period)."""
    from policyreach.redemption.workflow import offer_automatic
    from policyreach.store.db import transaction
    from policyreach.web.server import build_platform

    schema_obj, library = load(None, [settings.library_path()])
    platform, _ = build_platform(schema_obj, library, settings.data_dir() / "population.parquet")
    with transaction(platform.sessions) as session:
        made = offer_automatic(session, platform)
    console.print(f"[green]✓[/green] 新生成免申即享兑现 {made} 项")


@app.command("extract")
def extract_command(
    source: Annotated[str, typer.Argument(help="A .txt or .docx policy document, or - for standard input.")],
    policy_id: Annotated[str, typer.Option("--id", help="Id for the draft policy.")] = "draft",
) -> None:
    """Draft rules from a policy's text (条款解析): clauses, conditions and amounts with a confidence."""
    from policyreach.extract.assistant import config_from_env
    from policyreach.extract.documents import read_document
    from policyreach.extract.draft import draft_policy, to_yaml

    text = sys.stdin.read() if source == "-" else read_document(Path(source))
    # the assistant (POLICYREACH_ASSISTANT_URL) is asked only about flagged sentences, and only when configured
    sys.stdout.write(to_yaml(draft_policy(text, policy_id, assistant=config_from_env())))


@app.command("version")
def version_command() -> None:
    """Print the version."""
    from policyreach import __version__

    console.print(json.dumps({"policyreach": __version__}))


_mount()

if __name__ == "__main__":  # pragma: no cover
    app()
