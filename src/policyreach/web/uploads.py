"""Uploaded files taken in chunks under a per-field size cap (the request-wide body limit is a separate guard).

A file is never read whole before its size is known: it is copied chunk by chunk, to a temporary file for the
readers that want a path (imports, documents) or into memory for small ones, and refused with 413 as soon as it
passes its cap. What the file holds is then read by :mod:`policyreach.workbooks`, the readers every import path uses.
"""

from __future__ import annotations

import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import HTTPException
from starlette.datastructures import UploadFile

from policyreach import settings

CHUNK = 64 * 1024


def too_large(name: str, limit: int) -> HTTPException:
    size = f"{limit / 2**20:.0f} MB" if limit >= 2**20 else f"{limit / 2**10:.0f} KB"
    return HTTPException(413, f"“{name}”超过 {size}，请压缩或拆分后再上传")


def display_name(upload: UploadFile, default: str = "上传的文件") -> str:
    """The file's own name for messages (never a path; shortened)."""
    return Path(upload.filename or default).name[:80] or default


async def read_limited(upload: UploadFile, limit: int | None = None) -> bytes:
    """The upload's bytes, read in chunks; 413 naming the file once it passes ``limit`` (default: the setting)."""
    cap = settings.upload_max_bytes() if limit is None else limit
    data = bytearray()
    while chunk := await upload.read(CHUNK):
        data += chunk
        if len(data) > cap:
            raise too_large(display_name(upload), cap)
    return bytes(data)


def _stem(upload: UploadFile) -> str:
    """The upload's own name without its suffix, safe as a file name (no control characters, short: ext4 takes 255
    bytes and a Chinese character is three)."""
    name = display_name(upload, "").encode("utf-8", "ignore").decode("utf-8")  # a lone surrogate is no file name
    stem = "".join(c for c in Path(name).stem if c.isprintable())[:60].strip()
    return stem if stem not in ("", ".", "..") else "upload"


@asynccontextmanager
async def on_disk(upload: UploadFile, suffix: str = "", limit: int | None = None) -> AsyncIterator[Path]:
    """The upload copied to a temporary file in chunks (removed afterwards); 413 once it passes ``limit``."""
    cap = settings.upload_max_bytes() if limit is None else limit
    with tempfile.TemporaryDirectory(prefix="policyreach-upload-") as tmp:
        path = Path(tmp) / f"{_stem(upload)}{suffix}"  # the readers' messages name the file its sender knows
        size = 0
        with path.open("wb") as out:
            while chunk := await upload.read(CHUNK):
                size += len(chunk)
                if size > cap:
                    raise too_large(display_name(upload), cap)
                out.write(chunk)
        yield path
