"""``policyreach check``: national-standard checks for officers (统一社会信用代码, 企业划型)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from policyreach.standards import divisions, industry
from policyreach.standards.enterprise_size import SIZE_NAMES, classify
from policyreach.standards.uscc import InvalidUscc, parse_uscc

check_app = typer.Typer(no_args_is_help=True)
console = Console()
err_console = Console(stderr=True)


@check_app.command("uscc")
def check_uscc(codes: Annotated[list[str], typer.Argument(help="统一社会信用代码, one or more.")]) -> None:
    """Parse each 统一社会信用代码 (GB 32100-2015); exit 1 if any is invalid."""

    failed = False
    for code in codes:
        try:
            parsed = parse_uscc(code)
        except InvalidUscc as exc:
            err_console.print(f"[red]✗[/red] {code}：{exc.reason}")
            failed = True
            continue
        table = Table(title=f"✓ {parsed.code}", show_header=False)
        place = divisions.name_of(parsed.division)
        rows = [
            ("登记管理部门", f"{parsed.authority} {parsed.authority_name}"),
            ("机构类别", f"{parsed.org_type} {parsed.org_type_name}"),
            ("登记管理机关行政区划码", parsed.division + (f" {place}" if place else "")),
            ("主体标识码（组织机构代码）", parsed.org_code),
            ("校验码", parsed.check),
        ]
        for label, value in rows:
            table.add_row(label, value)
        console.print(table)
    if failed:
        raise typer.Exit(1)


def _amount(value: str, option: str) -> Decimal:
    try:
        return Decimal(value)
    except InvalidOperation as exc:
        raise typer.BadParameter(f"{option} 应为数字（万元），实为“{value}”") from exc


@check_app.command("size")
def check_size(
    industry_code: Annotated[str, typer.Option("--industry", help="GB/T 4754 code, e.g. C36.")],
    employees: Annotated[int | None, typer.Option(help="从业人员（人）.")] = None,
    revenue: Annotated[str | None, typer.Option(help="营业收入（万元）.")] = None,
    assets: Annotated[str | None, typer.Option(help="资产总额（万元）.")] = None,
) -> None:
    """Enterprise size 大/中/小/微 by 统计上大中小微型企业划分办法（2017）, with the deciding rule."""

    if not industry.is_valid_industry(industry_code):
        err_console.print(f"[red]✗[/red] 行业代码“{industry_code}”不是 GB/T 4754-2017 的大类代码")
        raise typer.Exit(1)
    decision = classify(
        industry_code,
        employees,
        _amount(revenue, "--revenue") if revenue is not None else None,
        _amount(assets, "--assets") if assets is not None else None,
    )
    if decision.size is None:
        err_console.print(f"[red]✗[/red] 无法划型：{decision.rule}")
        raise typer.Exit(1)
    console.print(f"[bold]{decision.size}[/bold]（{SIZE_NAMES[decision.size]}企业）")
    console.print(f"依据：{decision.rule}", soft_wrap=True)
