"""``policyreach simulate``: payouts over a population, optionally against a reform (政策兑现模拟)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Annotated

import polars as pl
import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from policyreach import settings
from policyreach.allocation.plan import claims_from_simulation, load_plan
from policyreach.allocation.report import compare
from policyreach.cli.common import (
    AsOfOpt,
    Backend,
    BackendOpt,
    as_of_date,
    console,
    err_console,
    fail,
    load,
    refusing_out_of_range,
)
from policyreach.cli.match import simulate_on_spark
from policyreach.engine.explain import format_number
from policyreach.population.generate import generate
from policyreach.rules.errors import RuleError, RuleErrors
from policyreach.rules.library import Library, compile_library
from policyreach.rules.policy import PAYOUT_ZH
from policyreach.simulation.compare import Comparison
from policyreach.simulation.dimensions import DIMENSIONS
from policyreach.simulation.export import write_xlsx
from policyreach.simulation.reform import apply_reform, load_reform, reform_test_report
from policyreach.simulation.simulate import Simulation, simulate

simulate_app = typer.Typer()


def _population(path: Path | None, as_of: dt.date) -> pl.DataFrame:
    path = path or settings.data_dir() / "population.parquet"
    if not path.exists():
        with console.status(f"生成样本人群 {settings.sample_entities():,} 个主体…"):
            generate(settings.sample_entities(), 2025, path, as_of_year=as_of.year)
    return pl.read_parquet(path)


def _wanted(library: Library, benefits: list[str], policies: list[str]) -> list[str] | None:
    if not benefits and not policies:
        return None
    ids = [b.id for b in library.benefits if b.id in benefits or b.policy.id in policies]
    unknown = set(benefits) - {b.id for b in library.benefits} | set(policies) - set(library.policies)
    if unknown:
        err_console.print(f"[red]✗[/red] 未找到：{', '.join(sorted(unknown))}")
        raise typer.Exit(2)
    return ids


@simulate_app.command("simulate")
@refusing_out_of_range()
def simulate_command(
    population: Annotated[Path | None, typer.Option("--population", "-p", help="Parquet population.")] = None,
    benefit: Annotated[list[str] | None, typer.Option("--benefit", "-b", help="Only these benefits.")] = None,
    policy: Annotated[list[str] | None, typer.Option("--policy", help="Only these policies.")] = None,
    reform: Annotated[
        Path | None, typer.Option("--reform", "-r", exists=True, dir_okay=False, help="Reform YAML to compare.")
    ] = None,
    by: Annotated[str, typer.Option(help=f"Dimensions: {', '.join(DIMENSIONS)}.")] = "district,section,size_class",
    xlsx: Annotated[Path | None, typer.Option("--xlsx", help="Write every table to this XLSX.")] = None,
    as_of: AsOfOpt = None,
    backend: BackendOpt = Backend.inprocess,
    master: Annotated[str, typer.Option(help="With --backend spark: local[*] or spark://host:port.")] = "local[*]",
    conf: Annotated[list[str] | None, typer.Option(help="With --backend spark: KEY=VALUE.")] = None,
) -> None:
    """Simulate payouts over the whole population (全量模拟), baseline or baseline versus a reform."""

    when = as_of_date(as_of)
    schema, library = load(None, [settings.library_path()])
    wanted = _wanted(library, benefit or [], policy or [])
    if backend is Backend.spark:  # the Spark back end: baseline aggregates by district, industry, size class
        if reform is not None:
            err_console.print("[red]✗[/red] --reform 目前只在本机引擎上对比（不加 --backend spark）")
            raise typer.Exit(2)
        simulate_on_spark(compile_library(library, when, benefit_ids=wanted), population, master, conf or [])
        return
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console) as bar:
        task = bar.add_task("读取人群…", total=None)
        frame = _population(population, when)
        bar.update(task, description=f"基线：匹配 {frame.height:,} 个主体…")
        baseline = simulate(compile_library(library, when, benefit_ids=wanted), frame)
        comparison = None
        if reform is not None:
            bar.update(task, description="改革方案：校验并匹配…")
            try:
                plan = load_reform(reform)
                reformed = apply_reform([settings.library_path()], schema, plan, str(reform))
            except (RuleError, RuleErrors) as exc:
                fail(exc)
            ids = (
                None
                if wanted is None
                else [b.id for b in reformed.benefits if b.id in wanted or b.id not in {x.id for x in library.benefits}]
            )
            comparison = Comparison(
                baseline, simulate(compile_library(reformed, when, benefit_ids=ids), frame, dims=baseline.dims)
            )
            report = reform_test_report(reformed)
    _print_baseline(baseline, [d.strip() for d in by.split(",") if d.strip()])
    if comparison is not None:
        _print_comparison(comparison, plan.title, report)
    if xlsx is not None:
        console.print(f"[green]✓[/green] 已导出 {write_xlsx(xlsx, baseline, comparison)}")


def _money(value: object) -> str:
    return format_number(Decimal(str(value or 0)))


def _print_baseline(sim: Simulation, dims: list[str]) -> None:
    console.rule(f"[bold]政策兑现模拟 · {sim.entities:,} 个主体 · {sim.compiled.as_of}[/bold]")
    claimable = sim.reached
    console.print(
        f"{len(sim.compiled.benefits)} 个兑现事项；{claimable:,} 个主体可享至少一项；"
        "符合条件者预计："
        + "；".join(f"{PAYOUT_ZH[p]} [bold]{_money(v)}[/bold] 万元" for p, v in sim.totals.items())
        + "（各类分别计算，不相加）。"
    )
    table = Table(title="兑现事项")
    for name in ("兑现事项", "符合", "可能符合", "部分符合", "金额(万元)", "户均(万元)"):
        table.add_column(name, justify="left" if name == "兑现事项" else "right")
    for row in sim.benefits.head(20).iter_rows(named=True):
        table.add_row(
            row["title"],
            f"{row['eligible']:,}",
            f"{row['likely']:,}",
            f"{row['partial']:,}",
            _money(row["eligible_amount"]),
            _money(row["mean_amount"]),
        )
    console.print(table)
    for dim in dims:
        split = sim.by(dim).head(12)
        view = Table(title=f"按{DIMENSIONS[dim]}")
        for name in (DIMENSIONS[dim], "主体数", "获益主体", "覆盖率", "金额(万元)"):
            view.add_column(name, justify="left" if name == DIMENSIONS[dim] else "right")
        for row in split.iter_rows(named=True):
            view.add_row(
                row["label"],
                f"{row['population']:,}",
                f"{row['entities']:,}",
                f"{row['reach']:.1%}",
                _money(row["amount"]),
            )
        console.print(view)
    unreached = sim.unreached_benefits()
    if unreached.height:
        console.print(f"[yellow]无人可享的事项（{unreached.height}）[/yellow]：" + "、".join(unreached["title"]))
    uncovered = sim.uncovered_industries()
    if uncovered.height:
        console.print(
            f"[yellow]没有任何事项覆盖的行业（{uncovered.height}）[/yellow]："
            + "、".join(f"{r['label']}（{r['enterprises']}家）" for r in uncovered.head(10).iter_rows(named=True))
        )


def _print_comparison(comparison: Comparison, title: str, report: object) -> None:
    console.rule(f"[bold]改革方案：{title}[/bold]")
    gaining, losing = comparison.gaining(), comparison.losing()
    moved = "；".join(
        f"{PAYOUT_ZH[p]} {_money(b)} → {_money(a)} 万元（变化 [bold]{_money(c)}[/bold] 万元）"
        for p, (b, a, c) in comparison.changes().items()
    )
    console.print(
        f"{moved}；"
        f"新增符合 {gaining['entity_id'].n_unique():,} 个主体，"
        f"不再符合 {losing['entity_id'].n_unique():,} 个主体。"
    )
    table = Table(title="变化的事项")
    for name in ("兑现事项", "符合(前)", "符合(后)", "金额(前)", "金额(后)", "变化(万元)"):
        table.add_column(name, justify="left" if name == "兑现事项" else "right")
    for row in comparison.benefits().head(20).iter_rows(named=True):
        table.add_row(
            row["title"],
            f"{row['eligible']:,}",
            f"{row['eligible_reform']:,}",
            _money(row["eligible_amount"]),
            _money(row["eligible_amount_reform"]),
            _money(row["amount_change"]),
        )
    console.print(table)
    split = Table(title="按区县的变化")
    for name in ("区县", "获益主体(前)", "获益主体(后)", "金额(前)", "金额(后)", "变化(万元)"):
        split.add_column(name, justify="left" if name == "区县" else "right")
    for row in comparison.by("district").iter_rows(named=True):
        split.add_row(
            row["label"],
            f"{row['entities']:,}",
            f"{row['entities_reform']:,}",
            _money(row["amount"]),
            _money(row["amount_reform"]),
            _money(row["amount_change"]),
        )
    console.print(split)
    failures = getattr(report, "failures", None) or []
    if failures:
        console.print(f"[yellow]改革方案改变了 {len(failures)} 项测试用例的预期[/yellow]：")
        for failure in failures[:10]:
            console.print(f"  · {failure}", soft_wrap=True)


@simulate_app.command("allocate")
@refusing_out_of_range()
def allocate_command(
    funds: Annotated[
        Path,
        typer.Option(
            "--funds", "-f", exists=True, dir_okay=False, help="Funds plan YAML: budgets (元), entity cap, priority."
        ),
    ],
    population: Annotated[Path | None, typer.Option("--population", "-p", help="Parquet population.")] = None,
    as_of: AsOfOpt = None,
    time_limit: Annotated[float, typer.Option(help="Solver time limit, seconds.")] = 60.0,
) -> None:
    """Allocate limited funds (资金优化配置): first come first served, pro-rata and the HiGHS optimum side by side."""

    when = as_of_date(as_of)
    plan = load_plan(funds)
    _, library = load(None, [settings.library_path()])
    with console.status("模拟申领并求解…"):
        sim = simulate(compile_library(library, when), _population(population, when))
        claims = claims_from_simulation(sim, plan)
        outcomes = compare(claims, time_limit=time_limit)
    asked = Decimal(int(claims.amount.sum())) / 100
    budget = sum((f.budget for f in claims.funds.values()), Decimal(0))
    console.rule(f"[bold]资金配置 · {claims.n:,} 项申领 · {len(claims.funds)} 个资金[/bold]")
    console.print(
        f"申领总额 {format_number(asked)} 元，预算合计 {format_number(budget)} 元；目标：{plan.priority.label}。"
    )
    table = Table()
    for name in ("策略", "使用资金(元)", "覆盖主体", "支付项数", "重点对象覆盖", "目标值", "基尼系数"):
        table.add_column(name, justify="left" if name == "策略" else "right")
    for o in outcomes:
        table.add_row(
            o.label,
            format_number(o.money_used),
            f"{o.entities_reached:,}",
            f"{o.claims_paid:,}",
            f"{o.priority_coverage:.1%}",
            f"{o.objective:,.0f}",
            f"{o.gini:.3f}",
        )
    console.print(table)
    for o in outcomes:
        console.print(f"{o.label} 的紧约束：{'；'.join(o.binding) or '无'}", soft_wrap=True)
    solver = outcomes[-1].solver
    if solver is not None:
        console.print(
            f"求解器 HiGHS：{solver.status}，用时 {solver.seconds:.2f} 秒，相对间隙 {solver.gap:.4%}，"
            f"{solver.columns:,} 个变量、{solver.rows:,} 个约束。"
        )
