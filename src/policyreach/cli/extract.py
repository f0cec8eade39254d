"""``policyreach extract``: draft rules from a policy document's text (条款解析)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from policyreach.extract.assistant import config_from_env
from policyreach.extract.documents import read_document
from policyreach.extract.draft import draft_policy, to_yaml

extract_app = typer.Typer()


@extract_app.command("extract")
def extract_command(
    source: Annotated[str, typer.Argument(help="A .txt or .docx policy document, or - for standard input.")],
    policy_id: Annotated[str, typer.Option("--id", help="Id for the draft policy.")] = "draft",
) -> None:
    """Draft rules from a policy's text (条款解析): clauses, conditions and amounts with a confidence."""
    text = sys.stdin.read() if source == "-" else read_document(Path(source))
    # the assistant (POLICYREACH_ASSISTANT_URL) is asked only about flagged sentences, and only when configured
    sys.stdout.write(to_yaml(draft_policy(text, policy_id, assistant=config_from_env())))
