"""Every setting is an environment variable with a default (12-factor style)."""

from __future__ import annotations

import datetime as dt
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


def data_dir() -> Path:
    """POLICYREACH_DATA_DIR: where the embedded database and generated files live (default: var/)."""
    return _path("POLICYREACH_DATA_DIR", ROOT / "var")


def database_url() -> str:
    """POLICYREACH_DATABASE_URL: SQLAlchemy URL (default: an SQLite file in the data directory)."""
    return os.environ.get("POLICYREACH_DATABASE_URL") or f"sqlite:///{data_dir() / 'policyreach.db'}"


def sample_entities() -> int:
    """POLICYREACH_SAMPLE_ENTITIES: size of the generated sample population (default 20,000)."""
    return int(os.environ.get("POLICYREACH_SAMPLE_ENTITIES", "20000"))


def as_of() -> dt.date:
    """POLICYREACH_AS_OF: evaluation date, YYYY-MM-DD (default: today)."""
    value = os.environ.get("POLICYREACH_AS_OF")
    return dt.date.fromisoformat(value) if value else dt.date.today()


def host() -> str:
    """POLICYREACH_HOST: address the web server binds (default 127.0.0.1)."""
    return os.environ.get("POLICYREACH_HOST", "127.0.0.1")


def port() -> int:
    """POLICYREACH_PORT: web server port (default 8000)."""
    return int(os.environ.get("POLICYREACH_PORT", "8000"))


def secret() -> str | None:
    """POLICYREACH_SECRET: key that signs session cookies (default: one kept in the data directory)."""
    return os.environ.get("POLICYREACH_SECRET") or None


def log_level() -> str:
    """POLICYREACH_LOG_LEVEL: level of the structured JSON logs (default INFO)."""
    return os.environ.get("POLICYREACH_LOG_LEVEL", "INFO")


def uploads_dir() -> Path:
    """POLICYREACH_UPLOADS: where uploaded materials are kept, outside the web root (default: data dir/uploads)."""
    return _path("POLICYREACH_UPLOADS", data_dir() / "uploads")


def notice_days() -> int:
    """POLICYREACH_NOTICE_DAYS: length of the public notice (公示) before disbursement (default 7)."""
    return int(os.environ.get("POLICYREACH_NOTICE_DAYS", "7"))
