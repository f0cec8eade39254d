"""What every command group shares: the consoles, the loaders, and the options declared once.

Choices are Enums and dates are parsed by Typer itself, so a wrong value is refused (exit 2) before a command runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from policyreach import settings
from policyreach.rules.errors import RuleError, RuleErrors
from policyreach.rules.library import Library, load_library
from policyreach.rules.ranges import OutOfRange
from policyreach.rules.schema import Schema, load_schema

console = Console()
err_console = Console(stderr=True)


class Backend(StrEnum):
    """Where a whole population is matched: this process (streaming) or Spark."""

    inprocess = "inprocess"
    spark = "spark"


class Kind(StrEnum):
    enterprise = "enterprise"
    institute = "institute"
    talent = "talent"


SchemaOpt = Annotated[
    Path | None, typer.Option("--schema", help="Schema file or directory (default: POLICYREACH_SCHEMA).")
]
LibraryOpt = Annotated[
    list[Path] | None, typer.Option("--library", help="Policy files or directories (default: POLICYREACH_LIBRARY).")
]
AsOfOpt = Annotated[
    dt.datetime | None,
    typer.Option("--as-of", formats=["%Y-%m-%d"], help="Evaluation date, YYYY-MM-DD (default: POLICYREACH_AS_OF)."),
]
OutOpt = Annotated[Path, typer.Option("--out", "-o", help="Where to write the output.")]
BackendOpt = Annotated[Backend, typer.Option("--backend", help="inprocess (default) | spark.")]
KindOpt = Annotated[Kind, typer.Option("--kind", help="enterprise | institute | talent")]


def as_of_date(value: dt.datetime | None) -> dt.date:
    """The date an ``--as-of`` option gave, else the platform's (POLICYREACH_AS_OF, else the clock's day in 长春)."""
    from policyreach.clock import today

    return value.date() if value is not None else settings.pinned_as_of() or today()


def load_schema_only(schema_opt: Path | None) -> Schema:
    """The schema of ``--schema``, else POLICYREACH_SCHEMA; exit 1 naming what is wrong with it."""
    try:
        return load_schema(schema_opt or settings.schema_path())
    except (RuleError, RuleErrors) as exc:
        fail(exc)


def load(schema_opt: Path | None, paths: list[Path] | None = None, *, drafting: bool = False) -> tuple[Schema, Library]:
    """Load schema and library, printing every rules error and exiting 1 on any (2 when a path is missing);
    ``drafting``: a policy's proposed attributes may be used (a draft being checked)."""
    schema_path = schema_opt or settings.schema_path()
    paths = paths or [settings.library_path()]
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
        return schema, load_library(paths, schema, drafting=drafting)
    except RuleErrors as exc:
        fail(exc)
    except RuleError as exc:
        fail(exc)


def fail(exc: RuleError | RuleErrors) -> NoReturn:
    """Print every rules error (one line each, with its file and place) and exit 1."""
    for error in getattr(exc, "errors", [exc]):
        err_console.print(f"[red]✗[/red] {error}", soft_wrap=True)
    raise typer.Exit(1) from exc


@contextmanager
def refusing_out_of_range() -> Iterator[None]:
    """A number past the engine's exact range met while matching (an amount a reform's formula gives): one Chinese
    line naming the benefit and exit 1, not a traceback. Used as a decorator on the commands that match."""
    try:
        yield
    except OutOfRange as exc:
        err_console.print(f"[red]✗[/red] {exc}", soft_wrap=True)
        raise typer.Exit(1) from exc
