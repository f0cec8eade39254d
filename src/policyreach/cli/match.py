"""``policyreach match``: every entity of a Parquet population against the library, to Parquet (批量匹配).

Two back ends, one output layout: the in-process engine streams the population in record
batches (``engine.streaming``); ``--backend spark`` runs the same compiled rules as Spark SQL
(``engine.spark``) on ``--master`` (``local[*]`` or a ``spark://host:port`` cluster). Spark's
own configuration applies as usual (spark-defaults.conf in ``SPARK_CONF_DIR``, ``--conf``
here, ``PYSPARK_SUBMIT_ARGS``).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from policyreach import settings
from policyreach.cli.common import (
    AsOfOpt,
    Backend,
    BackendOpt,
    LibraryOpt,
    SchemaOpt,
    as_of_date,
    console,
    err_console,
    load,
    refusing_out_of_range,
)
from policyreach.engine.streaming import clear_output, match_parquet
from policyreach.rules.library import CompiledLibrary, compile_library
from policyreach.rules.policy import STATUS_ZH
from policyreach.simulation.dimensions import DIMENSIONS
from policyreach.simulation.simulate import label

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

match_app = typer.Typer()


def _confs(pairs: list[str]) -> dict[str, str]:
    confs = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            err_console.print(f"[red]✗[/red] --conf 须为 KEY=VALUE，而不是 {pair!r}")
            raise typer.Exit(2)
        confs[key.strip()] = value.strip()
    return confs


@contextmanager
def spark_session(
    master: str, confs: dict[str, str] | None = None, app_name: str = "policyreach"
) -> Iterator[SparkSession]:
    """A SparkSession on ``master``; stopped afterwards only if this call started it."""
    try:
        from policyreach.engine.spark import session_on
    except ImportError as exc:  # the optional extra is missing
        err_console.print("[red]✗[/red] 未安装 pyspark：pip install 'policyreach\\[spark]'（并需 Java 17）")
        raise typer.Exit(2) from exc
    with session_on(master, confs, app_name) as session:
        yield session


def _compiled(library: list[Path] | None, schema: Path | None, as_of: dt.datetime | None) -> CompiledLibrary:
    _, loaded = load(schema, library)
    return compile_library(loaded, as_of_date(as_of))


@match_app.command("match")
@refusing_out_of_range()
def match_command(
    input: Annotated[
        Path,
        typer.Option("--input", "-i", exists=True, help="Population: a Parquet file or a directory of Parquet files."),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output directory (Parquet, one folder per benefit).")],
    backend: BackendOpt = Backend.inprocess,
    master: Annotated[
        str, typer.Option("--master", help="Spark master: local[*], local[N], spark://host:port.")
    ] = "local[*]",
    conf: Annotated[list[str] | None, typer.Option("--conf", help="Spark setting KEY=VALUE (repeatable).")] = None,
    library: LibraryOpt = None,
    schema: SchemaOpt = None,
    as_of: AsOfOpt = None,
    min_degree: Annotated[int, typer.Option("--min-degree", help="With --include-partial: lowest degree kept.")] = 50,
    include_partial: Annotated[
        bool, typer.Option("--include-partial", help="Keep partial matches too, not only eligible and likely.")
    ] = False,
    batch_size: Annotated[int, typer.Option("--batch-size", help="In-process: entities per record batch.")] = 100_000,
) -> None:
    """Match a whole population and write the kept matches as Parquet (批量匹配，输出 Parquet)."""

    compiled = _compiled(library, schema, as_of)
    try:  # an earlier match output is replaced; a folder holding anything else is refused, on both back ends
        clear_output(out)
    except FileExistsError as exc:
        err_console.print(f"[red]✗[/red] {exc}")
        raise typer.Exit(2) from exc
    started = time.perf_counter()
    if backend is Backend.inprocess:
        summary = match_parquet(
            compiled, input, out, batch_size=batch_size, min_degree=min_degree, include_partial=include_partial
        )
        entities, statuses = summary.entities, summary.statuses
        where = "本机流式引擎"
    else:
        with spark_session(master, _confs(conf or []), "policyreach-match") as spark:
            from policyreach.engine.spark import match_population_spark  # pyspark is there: the session started

            df = spark.read.parquet(str(input))
            matches = match_population_spark(compiled, df, min_degree=min_degree, include_partial=include_partial)
            matches.write.mode("overwrite").partitionBy("benefit_id").parquet(str(out))
            entities = df.count()  # from the Parquet footers
            statuses = {
                r["status"]: r["count"] for r in spark.read.parquet(str(out)).groupBy("status").count().collect()
            }
            where = f"Spark（{spark.sparkContext.master}）"
    seconds = time.perf_counter() - started
    counts = "，".join(f"{STATUS_ZH[s]} {statuses[s]:,}" for s in STATUS_ZH if statuses.get(s))
    console.print(
        f"[green]✓[/green] {where}：{entities:,} 个主体 × {len(compiled.benefits)} 个兑现事项，"
        f"写出 {sum(statuses.values()):,} 条匹配结果（{counts or '无'}）→ {out}（{seconds:.1f} 秒）"
    )


def simulate_on_spark(compiled: Any, population: Path | None, master: str, confs: list[str]) -> dict[str, Any]:
    """``policyreach simulate --backend spark``: the aggregates of ``compiled`` computed on the cluster, printed."""

    path = population or settings.data_dir() / "population.parquet"
    if not path.exists():
        err_console.print(f"[red]✗[/red] 找不到人群文件 {path}（先运行 policyreach generate）")
        raise typer.Exit(2)
    started = time.perf_counter()
    with spark_session(master, _confs(confs), "policyreach-simulate") as spark:
        from policyreach.engine.spark import simulate_spark

        result = simulate_spark(compiled, spark.read.parquet(str(path)))
        where = spark.sparkContext.master
    seconds = time.perf_counter() - started
    total = sum((b["eligible_amount"] for b in result["benefits"]), start=0)
    console.rule(f"[bold]政策兑现模拟（Spark {where}）· {result['entities']:,} 个主体 · {compiled.as_of}[/bold]")
    console.print(
        f"{len(compiled.benefits)} 个兑现事项；{result['reached']:,} 个主体可享至少一项；"
        f"符合条件者预计兑现总额 [bold]{total:,}[/bold] 万元（{seconds:.1f} 秒）。"
    )
    table = Table(title="兑现事项")
    for name in ("兑现事项", "符合", "可能符合", "部分符合", "金额(万元)"):
        table.add_column(name, justify="left" if name == "兑现事项" else "right")
    for row in sorted(result["benefits"], key=lambda r: -r["eligible_amount"])[:20]:
        table.add_row(
            row["title"],
            f"{row['eligible']:,}",
            f"{row['likely']:,}",
            f"{row['partial']:,}",
            f"{row['eligible_amount']:,}",
        )
    console.print(table)
    for dim, rows in result["by"].items():
        view = Table(title=f"按{DIMENSIONS[dim]}")
        for name in (DIMENSIONS[dim], "主体数", "获益主体", "金额(万元)"):
            view.add_column(name, justify="left" if name == DIMENSIONS[dim] else "right")
        for row in rows[:12]:
            view.add_row(label(dim, row[dim]), f"{row['population']:,}", f"{row['entities']:,}", f"{row['amount']:,}")
        console.print(view)
    return result
