"""`policyreach extract` refuses a file it cannot read with one Chinese line naming it, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from policyreach.cli.main import app


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("missing.pdf", None, "找不到文件"),
        ("damaged.pdf", b"\x00\x01 not a pdf", "已损坏或加密"),
        ("damaged.docx", b"PK not a zip", ".docx"),
    ],
)
def test_an_unreadable_document_is_named_in_one_chinese_line(
    tmp_path: Path, name: str, content: bytes | None, says: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = CliRunner().invoke(app, ["extract", str(path)])
    assert result.exit_code == 2
    assert says in result.output and name in result.output
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output
