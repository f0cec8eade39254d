"""``policyreach extract``: draft rules from a policy document's text (条款解析)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from policyreach.cli.common import err_console
from policyreach.workbooks import UnreadableFile

extract_app = typer.Typer()


@extract_app.command("extract")
def extract_command(
    source: Annotated[
        str,
        typer.Argument(
            help="A policy document (.txt, .docx, .pdf with a text layer, .html), or - for text pasted on stdin."
        ),
    ],
    policy_id: Annotated[str, typer.Option("--id", help="Id for the draft policy.")] = "draft",
) -> None:
    """Draft rules from a policy's text (条款解析): clauses, conditions and amounts with a confidence."""
    # the extractor (its grammar's few hundred patterns) loads here, not with every command of the CLI: ≈ 0.4 CPU-s
    # that the servers, workers and other commands started by hand or by the tests never use
    from policyreach.extract.assistant import config_from_env
    from policyreach.extract.documents import read_document
    from policyreach.extract.draft import draft_policy, to_yaml

    path = Path(source)
    if source != "-" and not path.is_file():
        err_console.print(
            f"[red]✗[/red] 找不到文件“{source}”：请给出政策文件的路径，或用 - 从标准输入粘贴文本", soft_wrap=True
        )
        raise typer.Exit(2)
    try:
        text = sys.stdin.read() if source == "-" else read_document(path)
    except UnreadableFile as refused:  # damaged, encrypted, scanned without a text layer, not text at all
        err_console.print(f"[red]✗[/red] {refused}", soft_wrap=True)
        raise typer.Exit(2) from refused
    # the assistant (POLICYREACH_ASSISTANT_URL) is asked only about flagged sentences, and only when configured
    sys.stdout.write(to_yaml(draft_policy(text, policy_id, assistant=config_from_env())))
