"""What ``policyreach run`` prints before it serves: the city overview, one firm's report, the demo logins."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import polars as pl
from rich.console import Console
from rich.table import Table

from policyreach.app.platform import candidate
from policyreach.engine.batch import BatchResult, match_population
from policyreach.engine.entity import EntityRecord, record_from_row
from policyreach.engine.explain import format_number
from policyreach.engine.match import match_entity
from policyreach.ranking import rank
from policyreach.reports import matching
from policyreach.rules.library import CompiledLibrary
from policyreach.rules.numbers import quantize
from policyreach.rules.policy import STATUS_ZH
from policyreach.rules.schema import Schema
from policyreach.simulation.simulate import benefit_table as simulated


def benefit_table(result: BatchResult) -> pl.DataFrame:
    """Per benefit: how many entities are eligible / likely / partial, and the estimated total."""
    # the simulation's table reads the engine's raw pairs (benefit index, status code, fixed-point amount)
    return simulated(result, result.pairs.select("entity_idx", "benefit_idx", "status", "amount"))


def print_summary(console: Console, result: BatchResult, population: Path) -> None:
    table = benefit_table(result)
    counts = result.counts()
    console.rule("[bold]政策通 · 全市匹配概览[/bold]")
    console.print(
        f"样本人群 {result.size:,} 个主体（{population}），{len(result.compiled.benefits)} 个兑现事项；"
        f"符合 {counts['eligible']:,} 项次，可能符合 {counts['likely']:,}，部分符合 {counts['partial']:,}。"
    )
    view = Table(show_lines=False)
    for name in ("兑现事项", "符合", "可能符合", "部分符合", "符合者预计金额(万元)"):
        view.add_column(name, justify="left" if name == "兑现事项" else "right")
    for row in table.head(15).iter_rows(named=True):
        view.add_row(
            row["title"],
            f"{row['eligible']:,}",
            f"{row['likely']:,}",
            f"{row['partial']:,}",
            # 万元 with at most two decimals where a person reads it; exact figures are in the exports
            format_number(quantize(Decimal(row["eligible_amount"] or 0), 2)),
        )
    console.print(view)


def print_entity_report(console: Console, compiled: CompiledLibrary, entity: EntityRecord) -> None:
    """The firm's report as its page tells it (matching.build: the same plan, totals per payout and windows), in
    the terminal."""
    as_of = compiled.as_of
    found = {m.benefit_id: m for m in match_entity(compiled, entity) if m.status != "ineligible"}
    # the order the firm's page shows before it has any habits: the ranking's (status, degree, amount; closed last)
    matches = [found[c.benefit_id] for c in rank([candidate(m) for m in found.values()])]
    name = entity.name or entity.entity_id
    report = matching.build(entity.entity_id, name, entity.kind, as_of, matches)
    console.rule(f"[bold]智能匹配报告 · {name}[/bold]")
    closed = f"（其中 {report.closed} 项本轮已截止）" if report.closed else ""
    console.print(
        f"截至 {as_of}，符合 {report.count('eligible')} 项{closed}，可能符合 {report.count('likely')} 项；"
        f"按最佳申报方案，{matching.totals_text(report)}。"
    )
    for item in report.items[:8]:
        mode = item.redemption + ("（可一键申领）" if item.one_click else "")
        console.print(f"\n[bold]{item.title}[/bold]  {STATUS_ZH[item.status]} · 匹配度 {item.degree} · {mode}")
        for clause in item.clauses:
            console.print(f"  · {clause.interpretation}")
        if item.amount_rule:
            console.print(f"  ¥ {item.amount_rule}")
        window = f" · {item.window}" if item.window else ""
        console.print(f"  → {item.department} · {item.channel}{window}")


def demo_entity(result: BatchResult, population: pl.DataFrame, schema: Schema) -> EntityRecord:
    """The enterprise with the most eligible benefits: a good first report to show."""
    pairs = result.pairs.filter(pl.col("status") == 3)
    best = pairs.group_by("entity_idx").len().sort(["len", "entity_idx"], descending=[True, False])
    index = int(best["entity_idx"][0]) if best.height else 0
    row = population.row(index, named=True)
    return record_from_row(row, schema)


def run_matching(compiled: CompiledLibrary, population: pl.DataFrame) -> BatchResult:
    return match_population(compiled, population)


def print_accounts(console: Console, accounts: list, address: str) -> None:
    """Where the platform listens and who can log in."""
    console.rule("[bold]政策通已就绪[/bold]")
    console.print(f"地址：[bold]{address}[/bold]（企业端 /me/policies，政府端 /console，接口文档 /api/docs）")
    table = Table(title="演示账号")
    for name in ("用户名", "密码", "角色", "对应主体"):
        table.add_column(name)
    for a in accounts:
        table.add_row(a.username, a.password, a.role, a.who)
    console.print(table)
