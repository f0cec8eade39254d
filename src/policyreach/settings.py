"""Every setting is an environment variable with a default (12-factor style)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _path(name: str, default: Path) -> Path:
    return Path(os.environ.get(name, str(default)))


def schema_path() -> Path:
    """POLICYREACH_SCHEMA: a schema file or directory (default: the repository's schema/)."""
    return _path("POLICYREACH_SCHEMA", ROOT / "schema")


def library_path() -> Path:
    """POLICYREACH_LIBRARY: the policy library directory (default: the repository's library/)."""
    return _path("POLICYREACH_LIBRARY", ROOT / "library")
