"""``policyreach keys``: the keys of the national cryptography (国密) kept outside the database: ``rotate`` (a new
audit key and field key, every sensitive value re-sealed, the chain re-anchored) and ``verify-export`` (an audit
range exported before the retention prune, checked with the audit keys)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from policyreach.app.build import from_settings
from policyreach.cli.common import console, err_console
from policyreach.push.retention import verify_export
from policyreach.redemption.key_rotation import rotate

keys_app = typer.Typer(no_args_is_help=True, help="Keys of the audit chain and of sensitive fields (密钥).")


@keys_app.command("rotate")
def keys_rotate_command() -> None:
    """New keys: the audit chain's (the old one retired, still verifying its entries) and the sensitive fields'
    (every ID number and bank account number re-encrypted with SM4 under it); then the chain is verified and
    re-anchored."""
    built = from_settings(demo=False)
    with built.platform.sessions() as session:
        done = rotate(session, actor="cli")
    if done.audit_key is None:
        console.print(
            "[yellow]![/yellow] 审计密钥由环境变量 POLICYREACH_AUDIT_KEY 提供，未轮换：请把旧值加入 "
            "POLICYREACH_AUDIT_KEYS_RETIRED，再换新值并重启所有进程"
        )
    else:
        console.print(f"[green]✓[/green] 审计密钥已轮换：{done.audit_key[0]} → {done.audit_key[1]}")
    console.print(
        f"[green]✓[/green] 敏感字段密钥已轮换：{done.field_key[0]} → {done.field_key[1]}，重新加密 {done.resealed} 项"
    )
    for problem in done.problems:
        err_console.print(f"[red]✗[/red] {problem}")
    if done.problems:
        raise typer.Exit(1)
    console.print("[green]✓[/green] 审计链核验通过，锚点已更新")


@keys_app.command("verify-export")
def keys_verify_export_command(
    path: Annotated[Path, typer.Argument(help="An audit export file (retention/).")],
) -> None:
    """Check an exported audit range: every entry's keyed hash and link, up to its anchor."""
    problems = verify_export(path)
    for problem in problems:
        err_console.print(f"[red]✗[/red] {problem}")
    if problems:
        raise typer.Exit(1)
    console.print(f"[green]✓[/green] {path.name}：归档记录完整，末条与锚点一致")
