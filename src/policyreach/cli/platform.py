"""Running the platform: ``run`` (the main job), ``serve``, ``worker`` aside; ``demo seed``, ``admin create``,
``reset``, ``audit verify``, ``audit rotate-key``, ``audit funds`` and ``redemption offer``. Each builds the platform
with ``app.build.from_settings``."""

from __future__ import annotations

from typing import Annotated

import polars as pl
import typer

from policyreach import settings
from policyreach.app.accounts import AccountError, create_account
from policyreach.app.build import FIRST_ADMIN_HINT, Built, database, from_settings
from policyreach.cli import summary
from policyreach.cli.common import console, err_console
from policyreach.population.generate import generate
from policyreach.push.worker import start_background
from policyreach.redemption.audit import verify_and_anchor
from policyreach.redemption.funds import figures, reconcile
from policyreach.redemption.workflow import offer_automatic
from policyreach.store.audit_keys import rotate_key_file
from policyreach.store.db import sessions, transaction

platform_app = typer.Typer()
demo_app = typer.Typer(no_args_is_help=True, help="Demo mode (演示模式): the sample city and its demo accounts.")
admin_app = typer.Typer(no_args_is_help=True, help="Accounts of a deployment (账号).")
audit_app = typer.Typer(no_args_is_help=True, help="The hash-chained audit log (审计日志).")
redemption_app = typer.Typer(no_args_is_help=True, help="Redemption jobs (兑现).")


def _sample_population() -> None:
    """The sample city's population, generated once and kept in the data directory (``reset`` starts over)."""
    population_file = settings.data_dir() / "population.parquet"
    if population_file.exists():
        return
    population_file.parent.mkdir(parents=True, exist_ok=True)
    with console.status(f"生成样本人群 {settings.sample_entities():,} 个主体…"):
        generate(settings.sample_entities(), 2025, population_file, as_of_year=settings.as_of().year)


def _build(demo: bool) -> Built:
    if demo:
        _sample_population()
    with console.status("建立数据库并载入政策库…" if not demo else "建立数据库并载入样本数据…"):
        return from_settings(demo=demo)


@platform_app.command("run")
def run_command(
    serve_after: Annotated[bool, typer.Option("--serve/--no-serve", help="Start the web server after set-up.")] = True,
    demo: Annotated[
        bool | None, typer.Option("--demo/--no-demo", help="Seed the sample city (default: POLICYREACH_DEMO).")
    ] = None,
) -> None:
    """The main job: the database and library; in demo mode the sample city, its overview and demo logins; then the
    web platform with the worker beside it."""
    demo = settings.demo() if demo is None else demo
    built = _build(demo)
    platform = built.platform
    if demo:
        population_file = settings.data_dir() / "population.parquet"
        population = pl.read_parquet(population_file)
        with console.status("全市匹配中…"):
            result = summary.run_matching(platform.compiled, population)
        summary.print_summary(console, result, population_file)
        summary.print_entity_report(
            console, platform.compiled, summary.demo_entity(result, population, platform.schema)
        )
        summary.print_accounts(console, built.demo_accounts, f"http://{settings.host()}:{settings.port()}")
    elif built.accounts == 0:
        console.print(f"[yellow]![/yellow] {FIRST_ADMIN_HINT}")
    if serve_after:
        from policyreach.web.server import serve  # the web stack: only for the commands that serve

        start_background(platform)  # 政策找人: events, reminders and deliveries beside the web server
        serve(platform)


@platform_app.command("serve")
def serve_command(
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="Server processes (default POLICYREACH_WORKERS or 1)."),
    ] = None,
) -> None:
    """Serve the platform over the configured database, without seeding anything (production; the worker runs
    apart: ``policyreach worker``). With several workers each process holds its own platform; they agree through
    the database (docs/DEPLOY.md)."""
    from policyreach.web.server import serve, serve_workers  # the web stack: only for the commands that serve

    count = settings.workers() if workers is None else workers
    built = from_settings(demo=False)  # migrated once here, before any worker starts
    if built.accounts == 0:
        console.print(f"[yellow]![/yellow] {FIRST_ADMIN_HINT}")
    if count == 1:
        serve(built.platform)
        return
    built.platform.engine.dispose()
    serve_workers(count)


@demo_app.command("seed")
def demo_seed_command() -> None:
    """Seed the sample city, its demo accounts and the plug-ins' demo data into the configured database."""
    built = _build(True)
    summary.print_accounts(console, built.demo_accounts, f"http://{settings.host()}:{settings.port()}")


@admin_app.command("create")
def admin_create_command(
    username: Annotated[str, typer.Option("--username", help="The new account's user name.")],
    password: Annotated[
        str,
        typer.Option(
            "--password",
            prompt="密码",
            hide_input=True,
            confirmation_prompt=True,
            help="At least 12, three of upper, lower, digit, symbol.",
        ),
    ],
    role: Annotated[str, typer.Option("--role", help="admin (default) | officer | finance | registry")] = "admin",
    department: Annotated[
        str | None, typer.Option("--department", help="An officer's department; a registry account's source (tax).")
    ] = None,
) -> None:
    """Create an administrator (the first account of a deployment), an officer (who must change the password
    chosen for them at the first sign-in) or a registry's system account (数据共享系统账号: it pushes its source's
    batches through the ingest API with a bearer token from /api/token)."""
    engine, schema = database()  # an account needs neither the library nor the city
    sources = schema.sources
    if role == "registry" and department not in sources:
        known = "、".join(f"{k}（{v}）" for k, v in sources.items() if k != "self_declared")
        err_console.print(f"[red]✗[/red] 系统账号的 --department 须为数据来源之一：{known}")
        raise typer.Exit(1)
    try:
        with transaction(sessions(engine)) as session:
            create_account(
                session,
                username,
                password,
                role=role,
                department=department,
                must_change=role in ("officer", "finance"),
            )
    except AccountError as exc:
        err_console.print(f"[red]✗[/red] {exc}")
        raise typer.Exit(1) from exc
    finally:
        engine.dispose()
    console.print(f"[green]✓[/green] 已创建账号 {username.strip()}（{role}）")


@platform_app.command("reset")
def reset_command(yes: Annotated[bool, typer.Option("--yes", help="Do not ask.")] = False) -> None:
    """Delete the embedded database and the generated population (start over)."""
    data = settings.data_dir()
    targets = [
        data / "population.parquet",
        data / "policyreach.db",
        data / "policyreach.db-wal",
        data / "policyreach.db-shm",
        settings.audit_anchor_path(),  # the anchor of a deleted database would fail the new one's first check
    ]
    if not yes and not typer.confirm(f"删除 {data} 中的数据库和样本人群？"):
        raise typer.Exit(1)
    for target in targets:
        target.unlink(missing_ok=True)
    console.print("[green]✓[/green] 已清除；下次 make run 会重新生成。")


@audit_app.command("verify")
def audit_verify_command() -> None:
    """Check the whole audit chain with the audit secret and against the last anchored head; exit 1 naming every
    altered or deleted entry. Intact, the anchor (POLICYREACH_AUDIT_ANCHOR) moves to the head just checked."""
    engine, _ = database()  # the chain is in the database: neither the library nor the city is needed
    with sessions(engine)() as session:
        problems = verify_and_anchor(session, settings.audit_anchor_path())
    engine.dispose()
    for problem in problems:
        err_console.print(f"[red]✗[/red] {problem}")
    if problems:
        raise typer.Exit(1)
    console.print("[green]✓[/green] 审计日志完整，哈希链无断点")


@audit_app.command("rotate-key")
def audit_rotate_key_command() -> None:
    """Retire the audit secret kept in the data directory and start a new one (new entries are signed with it;
    verification still accepts the old one for the entries it signed)."""
    if settings.audit_key() is not None:
        err_console.print(
            "[red]✗[/red] 审计密钥由环境变量 POLICYREACH_AUDIT_KEY 提供：请把旧值加入 POLICYREACH_AUDIT_KEYS_RETIRED，"
            "再把 POLICYREACH_AUDIT_KEY 换成新值，然后重启所有进程。"
        )
        raise typer.Exit(1)
    old, new = rotate_key_file()
    console.print(f"[green]✓[/green] 审计密钥已轮换：{old} → {new}（请重启所有进程，使新密钥生效）")


@audit_app.command("funds")
def audit_funds_command() -> None:
    """Reconcile the money ledger with the applications, the budgets and the batches; exit 1 naming each difference."""
    engine, _ = database()  # the ledger is in the database: neither the library nor the city is needed
    with sessions(engine)() as session:
        problems = reconcile(session)
        shown = figures(session)
    engine.dispose()
    for problem in problems:
        err_console.print(f"[red]✗[/red] {problem}")
    if problems:
        raise typer.Exit(1)
    console.print(f"[green]✓[/green] 资金台账与申请、预算、拨付批次一致（{len(shown)} 个资金年度）")


@redemption_app.command("offer")
def redemption_offer_command() -> None:
    """免申即享: create this period's offers for every provable eligible entity (once per period)."""
    platform = from_settings(demo=False).platform
    with transaction(platform.sessions) as session:
        made = offer_automatic(session, platform)
    console.print(f"[green]✓[/green] 新生成免申即享兑现 {made} 项")


likelihood_app = typer.Typer(help="The learned likelihood of likely pairs (可能符合的概率模型).", no_args_is_help=True)


@likelihood_app.command("train")
def likelihood_train_command() -> None:
    """Train the model on the platform's population now (the worker also does it nightly) and announce it."""
    from policyreach.app.likelihood import described

    platform = from_settings(demo=False).platform
    with (
        console.status("训练中（按同行业、同规模企业的已知数据学习）…"),
        platform.sessions() as session,
        session.begin(),
    ):
        info = platform.train_likelihood(session).info
    console.print(f"[green]✓[/green] 模型 {described(info)}，{info.conditions} 个条件模型，用时 {info.seconds} 秒")
