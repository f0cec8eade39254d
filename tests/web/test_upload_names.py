"""An upload is kept on disk under its sender's own name (the readers' messages name it), made safe as a file name:
no directory, no control character, no lone surrogate, short enough for ext4's 255 bytes."""

from __future__ import annotations

import io

import pytest
from starlette.datastructures import UploadFile

from policyreach.web.uploads import _stem


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("政策文件.pdf", "政策文件"),
        ("../../etc/passwd", "passwd"),
        ("..", "upload"),
        (None, "upload"),
        ("a\x00b\x1f.doc", "ab"),
        ("\udcff坏.pdf", "坏"),
        ("😀" * 100 + ".pdf", "😀" * 60),
    ],
)
def test_an_uploads_name_on_disk_is_its_own_made_safe(sent: str | None, kept: str) -> None:
    stem = _stem(UploadFile(io.BytesIO(b""), filename=sent))
    assert stem == kept
    assert "/" not in stem and len((stem + ".docx").encode()) <= 255
