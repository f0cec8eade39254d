"""The append-only, hash-chained audit log and its verification (``policyreach audit verify``).

Each entry's hash covers its own content and the previous entry's hash, so altering an entry
breaks the chain from there on. The head (count and last hash) is a separate row written in the
same transaction, so deleting the newest entries is detected too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from policyreach.store.models import AuditEntry, AuditHead

GENESIS = "0" * 64


def _digest(prev: str, at: str, actor: str, action: str, subject: str, data: dict[str, Any]) -> str:
    content = json.dumps(
        [prev, at, actor, action, subject, data], ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str
    )
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def record(session: Session, actor: str, action: str, subject: str, data: dict[str, Any] | None = None) -> AuditEntry:
    """Append one entry and move the head, inside the caller's transaction."""
    head = session.scalar(select(AuditHead).where(AuditHead.id == 1).with_for_update())
    if head is None:
        head = AuditHead(id=1, entries=0, hash=GENESIS)
        session.add(head)
    at = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    payload = json.loads(json.dumps(data or {}, ensure_ascii=False, default=str))
    entry = AuditEntry(
        at=at,
        actor=actor,
        action=action,
        subject=subject,
        data=payload,
        prev_hash=head.hash,
        hash=_digest(head.hash, at, actor, action, subject, payload),
    )
    session.add(entry)
    head.entries += 1
    head.hash = entry.hash
    session.flush()
    return entry


@dataclass(frozen=True)
class Problem:
    entry_id: int | None
    reason: str  # Chinese

    def __str__(self) -> str:
        return f"第 {self.entry_id} 条：{self.reason}" if self.entry_id is not None else self.reason


def verify(session: Session) -> list[Problem]:
    """Every break in the chain: altered content, a missing link, or a tail that was cut off."""
    problems: list[Problem] = []
    prev, count = GENESIS, 0
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.id)):
        count += 1
        if entry.prev_hash != prev:
            problems.append(Problem(entry.id, "与前一条记录的链接断开（前面的记录被删除或改动）"))
        if _digest(entry.prev_hash, entry.at, entry.actor, entry.action, entry.subject, entry.data) != entry.hash:
            problems.append(Problem(entry.id, "内容与其哈希不符（记录被改动）"))
        prev = entry.hash
    head = session.get(AuditHead, 1)
    if head is not None and (head.entries != count or head.hash != prev):
        problems.append(
            Problem(
                None,
                f"日志头记录有 {head.entries} 条、末条哈希 {head.hash[:12]}…，"
                f"实际有 {count} 条（最新的记录被删除或改动）",
            )
        )
    return problems
