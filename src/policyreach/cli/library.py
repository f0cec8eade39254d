"""``policyreach test``, ``validate`` and ``explain``: the library checked, and one entity read clause by clause."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
import yaml
from rich.table import Table

from policyreach.cli.common import AsOfOpt, LibraryOpt, SchemaOpt, as_of_date, console, err_console, load
from policyreach.engine.cases import run_tests
from policyreach.engine.entity import entity_from_mapping
from policyreach.engine.match import match_entity
from policyreach.rules.errors import RuleError
from policyreach.rules.library import compile_library
from policyreach.rules.policy import STATUS_ZH

library_app = typer.Typer()

PathsArg = Annotated[list[Path] | None, typer.Argument(help="Policy files or directories.")]


@library_app.command("test")
def test_command(paths: PathsArg = None, schema: SchemaOpt = None) -> None:
    """Run the YAML test cases next to the rules (用例测试)."""
    _, library = load(schema, paths)
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


@library_app.command("validate")
def validate_command(
    paths: PathsArg = None,
    schema: SchemaOpt = None,
    draft: Annotated[
        bool, typer.Option("--draft", help="A draft: its proposed_attributes may be used before they are accepted.")
    ] = False,
) -> None:
    """Parse and type-check policy files without running their cases."""
    _, library = load(schema, paths, drafting=draft)
    console.print(f"[green]✓[/green] {len(library.policies)} policies, {len(library.benefits)} benefits valid")


@library_app.command("explain")
def explain_command(
    entity_file: Annotated[Path, typer.Argument(help="YAML/JSON with an entity's attribute values, or - for stdin.")],
    library_paths: LibraryOpt = None,
    schema: SchemaOpt = None,
    as_of: AsOfOpt = None,
    show_all: Annotated[bool, typer.Option("--all", help="Also list ineligible benefits.")] = False,
) -> None:
    """Match one entity and print each benefit clause by clause (条款解读)."""
    schema_obj, library = load(schema, library_paths)
    text = sys.stdin.read() if str(entity_file) == "-" else entity_file.read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    try:
        entity = entity_from_mapping(schema_obj, data, verified=data.pop("verified", None))
    except RuleError as exc:
        err_console.print(f"[red]✗[/red] {exc}")
        raise typer.Exit(1) from exc
    found = match_entity(compile_library(library, as_of_date(as_of)), entity, keep_all=show_all)
    matches = sorted(found, key=lambda m: (-m.degree, -(m.amount or 0)))
    for match in matches:
        table = Table(title=f"{match.title}  [{STATUS_ZH[match.status]} · 匹配度 {match.degree}]", show_lines=True)
        table.add_column("条款")
        table.add_column("解读")
        for cond in match.conditions:
            table.add_row(cond.clause_text, cond.explanation)
        if match.amount_explanation:
            table.add_row(match.benefit.checked.amount_clause_text or "", match.amount_explanation)
        console.print(table)
