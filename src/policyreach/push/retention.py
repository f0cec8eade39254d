"""Retention: the audit chain is kept in the database at least ``POLICYREACH_RETENTION_DAYS`` (never under 180, what
等保 2.0 asks of logs), and older entries leave it only after an anchored export.

The daily audit check (``push.audit_check``) calls :func:`prune_expired` once the whole chain verified. The range
that leaves is written first to a file in ``POLICYREACH_RETENTION_EXPORT_DIR`` (each entry whole, with its key id
and hash, and the range's anchor: the hash it starts from and its last hash), flushed to disk; only then, in one
transaction, the range is deleted, a row of ``audit_prunes`` records the anchor and the export's SM3 digest, and
an ``audit.pruned`` entry is appended to the chain. The anchor also goes to the anchor file outside the database, so
verification goes on from the anchor, and a prune row forged to hide deleted entries is found.
:func:`verify_export` re-checks an export file with the audit keys. The newest entry is never pruned.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from policyreach import settings
from policyreach.redemption import audit
from policyreach.redemption.audit import Anchor, Problem
from policyreach.store.audit_keys import KeyRing, algorithm_of, digest, keyring
from policyreach.store.crypto import sm3_hex
from policyreach.store.models import AuditEntry, AuditPrune


@dataclass(frozen=True)
class Pruned:
    entries: int  # how many left the database now
    first: int  # their numbers on the chain (1-based)
    last: int
    export: Path


class PruneRefused(RuntimeError):
    """The chain did not verify: nothing is exported or deleted (the daily check has raised the alert)."""


def _row(entry: AuditEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "at": entry.at,
        "actor": entry.actor,
        "action": entry.action,
        "subject": entry.subject,
        "data": entry.data,
        "prev_hash": entry.prev_hash,
        "key_id": entry.key_id,
        "hash": entry.hash,
    }


def _write_durably(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())  # on disk before a single entry leaves the database
    temporary.replace(path)


def prune_expired(
    session: Session,
    now: dt.datetime,
    *,
    ring: KeyRing | None = None,
    anchor_path: Path | None = None,
    export_dir: Path | None = None,
    verified: bool = False,
    batch: int = 50_000,
) -> Pruned | None:
    """Export, then prune, the entries older than the retention period (None: nothing is that old). Commits.
    ``verified``: the caller has just verified and anchored the chain (the daily check), else it is done here."""
    ring = ring or keyring()
    anchor_path = anchor_path or settings.audit_anchor_path()
    if not verified:
        problems = audit.verify_and_anchor(session, anchor_path, ring)
        if problems:
            raise PruneRefused(f"audit chain does not verify ({len(problems)} problems): nothing pruned")
    cutoff = (now - dt.timedelta(days=settings.retention_days())).astimezone(dt.UTC).isoformat(timespec="microseconds")
    base_entries, base_hash = audit.base_of(session)
    newest = session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1))
    # entries are appended in time order: the expired ones are a prefix of the chain (the newest always stays)
    prefix: list[AuditEntry] = []
    # at most ``batch`` a run: one export file and one transaction stay small; the next day's run goes on
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.id).limit(batch)).all():
        if entry.at >= cutoff or entry.id == newest:
            break
        prefix.append(entry)
    if not prefix:
        return None
    first, last = base_entries + 1, base_entries + len(prefix)
    export = (export_dir or settings.retention_export_dir()) / f"audit-{first:09d}-{last:09d}.json"
    document = {
        "kind": "policyreach audit export",
        "database": session.get_bind().engine.url.render_as_string(hide_password=True),
        "first": first,
        "last": last,
        "prev_hash": base_hash,
        "anchor": {"entries": last, "hash": prefix[-1].hash},
        "exported_at": now.isoformat(timespec="seconds"),
        "entries": [_row(e) for e in prefix],
    }
    text = json.dumps(document, ensure_ascii=False, indent=1, default=str)
    _write_durably(export, text)
    export_digest = sm3_hex(text.encode("utf-8"))
    with session.begin_nested():
        session.add(
            AuditPrune(entries=last, hash=prefix[-1].hash, export_file=str(export)[:300], export_digest=export_digest)
        )
        # the range is the chain's start: every id up to the last exported one (no list of ids to bind)
        session.execute(delete(AuditEntry).where(AuditEntry.id <= prefix[-1].id))
        audit.record(
            session,
            "system",
            "audit.pruned",
            f"audit:{first}-{last}",
            {"entries": len(prefix), "anchor": prefix[-1].hash, "export": export.name, "sm3": export_digest},
            ring=ring,
        )
    session.commit()
    # the anchor file learns the new start of the chain: a forged prune row would not match it
    head = audit.read_anchor(anchor_path, session)
    audit.write_anchor(
        anchor_path,
        session,
        Anchor(head.entries if head else 0, head.hash if head else base_hash, (last, prefix[-1].hash)),
    )
    return Pruned(len(prefix), first, last, export)


def verify_export(path: Path, ring: KeyRing | None = None) -> list[Problem]:
    """Every break inside an export file: each entry's keyed hash and link, from its ``prev_hash`` to its anchor."""
    ring = ring or keyring()
    document = json.loads(path.read_text(encoding="utf-8"))
    problems: list[Problem] = []
    prev = document["prev_hash"]
    for row in document["entries"]:
        if row["prev_hash"] != prev:
            problems.append(Problem(row["id"], "与前一条记录的链接断开"))
        secret = ring.secret(row["key_id"])
        args = (row["prev_hash"], row["at"], row["actor"], row["action"], row["subject"], row["data"])
        if secret is None:
            problems.append(Problem(row["id"], f"签名密钥 {row['key_id']} 不在本机的审计密钥中"))
        elif digest(secret, *args, algorithm_of(row["key_id"])) != row["hash"]:
            problems.append(Problem(row["id"], "内容与其哈希不符（记录被改动）"))
        prev = row["hash"]
    if prev != document["anchor"]["hash"] or len(document["entries"]) != document["last"] - document["first"] + 1:
        problems.append(Problem(None, "归档文件的末条哈希或条数与其锚点不符"))
    return problems
