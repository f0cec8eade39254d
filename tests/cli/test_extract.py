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
        # formats government sites still publish, refused by name with the way out, never read as garbled text
        (
            "old.doc",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
            "旧版 Word（.doc）文件）：请在 Word 或 WPS",
        ),
        ("renamed.txt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\xb0\xec\xb7\xa8" * 20, "旧版 Office/WPS"),
        ("policy.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "WPS 文字（.wps）"),
        ("note.txt", b"{\\rtf1\\ansi \\'b0\\'ec\\'b7\\'a8}", "RTF文件"),
        ("layout.ofd", b"PK\x03\x04 an OFD package", "OFD 版式文件"),
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
