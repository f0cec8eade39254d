"""Uploaded materials: size and type checked by content, stored outside the web root under random names."""

from __future__ import annotations

import secrets
from pathlib import Path

from sqlalchemy.orm import Session

from policyreach.redemption.claims import ClaimRefused
from policyreach.store.models import Application, Material
from policyreach.workbooks import ZIP_SIGNATURE, UnreadableFile, check_zip

MAX_BYTES = 10 * 2**20
# what a file's first bytes must be for the type it claims (a renamed .exe is refused)
SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
}
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def check(name: str, data: bytes) -> str:
    """The file's extension when it is acceptable; ClaimRefused naming the file and the reason otherwise."""
    suffix = Path(name).suffix.lower()
    if suffix not in SIGNATURES:
        raise ClaimRefused(f"“{name}”的类型不受支持，请上传 PDF、JPG、PNG、DOCX 或 XLSX 文件")
    if not data:
        raise ClaimRefused(f"“{name}”是空文件")
    if len(data) > MAX_BYTES:
        raise ClaimRefused(f"“{name}”超过 10 MB")
    if not data.startswith(SIGNATURES[suffix]):
        raise ClaimRefused(f"“{name}”的内容与扩展名 {suffix} 不符")
    if data.startswith(ZIP_SIGNATURE):
        try:  # an XLSX or DOCX is a zip: a small one may inflate to gigabytes in whoever opens it
            check_zip(data, name)
        except UnreadableFile as exc:
            raise ClaimRefused(str(exc)) from exc
    return suffix


def save(directory: Path, data: bytes) -> str:
    """Write checked bytes under a new random name in ``directory`` and return that name: no part of the user's
    file name reaches the file system."""
    directory.mkdir(parents=True, exist_ok=True)
    stored_as = secrets.token_hex(16)
    (directory / stored_as).write_bytes(data)
    return stored_as


def store(session: Session, directory: Path, application: Application, name: str, data: bytes) -> Material:
    suffix = check(name, data)
    stored_as = save(directory, data)
    material = Material(
        application_id=application.id,
        name=Path(name).name[:200],
        stored_as=stored_as,
        content_type=CONTENT_TYPES[suffix],
        size=len(data),
    )
    session.add(material)
    return material
