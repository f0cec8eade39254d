"""The Content-Disposition of a file the platform hands out, named for the person who saves it."""

from __future__ import annotations

import re
from urllib.parse import quote

# what Windows and macOS refuse in a file name, and control characters: a benefit's title may hold any of them
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def file_name(*parts: str, suffix: str) -> str:
    """``parts`` joined by "-" as a file name a person recognises (a benefit's title, not its id), made safe."""
    stem = _UNSAFE.sub("_", "-".join(p.strip() for p in parts if p.strip()))[:100].strip(" .")
    return f"{stem or '导出'}{suffix}"


def attachment(filename: str, *, inline: bool = False) -> str:
    """The header's value: the UTF-8 name (RFC 6266), which every current browser reads."""
    return f"{'inline' if inline else 'attachment'}; filename*=UTF-8''{quote(filename)}"
