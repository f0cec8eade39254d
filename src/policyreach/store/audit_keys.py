"""The audit chain's keys: each entry's hash is an HMAC under a secret kept outside the database: HMAC-SM3 (国密,
the default) or HMAC-SHA256 (``POLICYREACH_CRYPTO=intl``, and every entry signed before SM3 came).

Whoever can write the database but not read the secret cannot recompute a consistent chain. Every entry names
the key that signed it (``key_id``, a one-way fingerprint of the secret), so the secret can be rotated: new entries
use the current key, and ``audit verify`` still checks older entries with the retired keys it is given.
The secret comes from POLICYREACH_AUDIT_KEY, else from ``audit.key`` in the data directory (created on first
use, mode 600); retired secrets from POLICYREACH_AUDIT_KEYS_RETIRED and ``audit-retired.keys`` (one per line).
The key id says the algorithm too: ``sm3:`` and twelve hex digits of an SM3 fingerprint for HMAC-SM3, twelve hex
digits of a SHA-256 fingerprint for HMAC-SHA256, so that old entries keep verifying after the default changed.
See README, "审计链密钥 / Audit secret".
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policyreach import settings
from policyreach.store.crypto import hmac_sm3, sm3_hex

GENESIS = "0" * 64
KEY_FILE = "audit.key"
RETIRED_FILE = "audit-retired.keys"
SHA256, SM3 = "sha256", "sm3"
_SM3_PREFIX = "sm3:"


def default_algorithm() -> str:
    return SHA256 if settings.crypto() == "intl" else SM3


@functools.lru_cache(maxsize=64)
def key_id(secret: str, algorithm: str = SHA256) -> str:
    """A short fingerprint naming the secret (and the algorithm) in each entry; it reveals nothing usable about the
    secret. Cached: verification asks it for every entry."""
    if algorithm == SM3:
        return _SM3_PREFIX + sm3_hex(b"policyreach-audit-key-id\0" + secret.encode("utf-8"))[:12]
    return hashlib.sha256(b"policyreach-audit-key-id\0" + secret.encode("utf-8")).hexdigest()[:12]


def algorithm_of(kid: str | None) -> str:
    return SM3 if kid is not None and kid.startswith(_SM3_PREFIX) else SHA256


def _content(key: str, prev: str, at: str, actor: str, action: str, subject: str, data: dict[str, Any]) -> bytes:
    # the key id is signed too: relabelling an entry with another key's id breaks it
    return json.dumps(
        [key, prev, at, actor, action, subject, data],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    ).encode("utf-8")


def digest(
    secret: str,
    prev: str,
    at: str,
    actor: str,
    action: str,
    subject: str,
    data: dict[str, Any],
    algorithm: str = SHA256,
) -> str:
    """The keyed hash of one entry, chained to the previous entry's hash (HMAC-SHA256 unless ``algorithm`` says
    SM3: migration 0012 signed with SHA-256, and must keep doing so whatever the default is now)."""
    content = _content(key_id(secret, algorithm), prev, at, actor, action, subject, data)
    if algorithm == SM3:
        return hmac_sm3(secret.encode("utf-8"), content).hex()
    return hmac.new(secret.encode("utf-8"), content, hashlib.sha256).hexdigest()


def legacy_digest(prev: str, at: str, actor: str, action: str, subject: str, data: dict[str, Any]) -> str:
    """The unkeyed hash entries had before migration 0012, which re-signs them after checking them with it."""
    content = json.dumps(
        [prev, at, actor, action, subject, data], ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str
    )
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class KeyRing:
    """The current secret, which signs new entries, and the retired ones verification still accepts."""

    current: str
    retired: tuple[str, ...] = ()
    algorithm: str = field(default_factory=default_algorithm)  # what new entries are signed with

    @property
    def current_id(self) -> str:
        return key_id(self.current, self.algorithm)

    def secret(self, kid: str | None) -> str | None:
        """The secret named ``kid`` (under whichever algorithm the id names), or None when this ring lacks it."""
        if kid is None:
            return None
        algorithm = algorithm_of(kid)
        for candidate in (self.current, *self.retired):
            if hmac.compare_digest(key_id(candidate, algorithm), kid):
                return candidate
        return None

    def sign(self, prev: str, at: str, actor: str, action: str, subject: str, data: dict[str, Any]) -> str:
        return digest(self.current, prev, at, actor, action, subject, data, self.algorithm)


def _read_lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # created 600 from the start, never world-readable even for an instant
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)


def keyring() -> KeyRing:
    """The ring from the settings: POLICYREACH_AUDIT_KEY or the data directory's key file (created when absent)."""
    data = settings.data_dir()
    current = settings.audit_key()
    if current is None:
        path = data / KEY_FILE
        if not path.exists():
            _write_private(path, secrets.token_urlsafe(32) + "\n")
        current = path.read_text(encoding="utf-8").strip()
    retired = [*settings.audit_keys_retired(), *_read_lines(data / RETIRED_FILE)]
    return KeyRing(current, tuple(k for k in retired if k != current))


def rotate_key_file() -> tuple[str, str]:
    """Retire the data directory's key and write a new one: (old key id, new key id). Only for the key file:
    a key given by POLICYREACH_AUDIT_KEY is rotated by changing the variable (the old one goes to _RETIRED)."""
    data = settings.data_dir()
    ring = keyring()
    old = ring.current
    retired = _read_lines(data / RETIRED_FILE)
    if old not in retired:
        _write_private(data / RETIRED_FILE, "".join(f"{k}\n" for k in [*retired, old]))
    new = secrets.token_urlsafe(32)
    _write_private(data / KEY_FILE, new + "\n")
    return key_id(old, ring.algorithm), key_id(new, ring.algorithm)
