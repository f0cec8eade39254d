"""The append-only, keyed and anchored audit log and its verification (``policyreach audit verify``).

Each entry's hash is an HMAC under a secret kept outside the database (``store.audit_keys``) and covers its own
content, the key's id and the previous entry's hash: altering an entry breaks the chain from there on, and whoever
can write the database but not read the secret cannot recompute it. The head (count and last hash) is a separate
row written in the same transaction, so deleting the newest entries is detected; a missing head under existing
entries is itself an error. Since a tail cut off together with a rewritten head row would still be consistent,
each successful check also records the head outside the database (``POLICYREACH_AUDIT_ANCHOR``) and the next
check requires the chain to still hold that entry.

After the retention period the oldest entries leave the database (``push.retention``): they are written to an
export file first, and a row of ``audit_prunes`` (also recorded in the anchor file) says how many left and the last
one's hash, from which the chain in the database goes on: verification starts there instead of at the genesis.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from policyreach.store.audit_keys import GENESIS, KeyRing, algorithm_of, digest, keyring
from policyreach.store.models import AuditEntry, AuditHead, AuditPrune

__all__ = ["GENESIS", "Problem", "record", "verify", "verify_and_anchor"]


def record(
    session: Session,
    actor: str,
    action: str,
    subject: str,
    data: dict[str, Any] | None = None,
    *,
    ring: KeyRing | None = None,
) -> AuditEntry:
    """Append one entry signed with the current key and move the head, inside the caller's transaction."""
    ring = ring or keyring()
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
        key_id=ring.current_id,
        hash=ring.sign(head.hash, at, actor, action, subject, payload),
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


@dataclass(frozen=True)
class Anchor:
    """The head a previous check found intact: the chain must still hold entry number ``entries`` with ``hash``.
    ``base`` is where the chain starts after a prune (entries moved out, last hash), as the anchor file knows it."""

    entries: int
    hash: str
    base: tuple[int, str] | None = field(default=None, compare=False)  # a head is the same head from any start


def base_of(session: Session) -> tuple[int, str]:
    """Where the chain in the database starts: (entries pruned before it, the last pruned entry's hash)."""
    last = session.scalar(select(AuditPrune).order_by(AuditPrune.id.desc()).limit(1))
    return (0, GENESIS) if last is None else (last.entries, last.hash)


def _database(session: Session) -> str:
    # one anchor file may serve several databases (tests, a staging copy): each is anchored under its own URL
    return session.get_bind().engine.url.render_as_string(hide_password=True)


def read_anchor(path: Path, session: Session) -> Anchor | None:
    if not path.exists():
        return None
    found = json.loads(path.read_text(encoding="utf-8")).get(_database(session))
    if found is None:
        return None
    base = found.get("base")
    return Anchor(int(found["entries"]), str(found["hash"]), None if base is None else (int(base[0]), str(base[1])))


def write_anchor(path: Path, session: Session, anchor: Anchor) -> None:
    known = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    kept = known.get(_database(session), {}).get("base")
    base = anchor.base if anchor.base is not None else (None if kept is None else tuple(kept))
    known[_database(session)] = {
        "entries": anchor.entries,
        "hash": anchor.hash,
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        **({"base": list(base)} if base is not None else {}),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(known, ensure_ascii=False, indent=1), encoding="utf-8")
    temporary.replace(path)  # a crash mid-write never leaves half an anchor


def verify(session: Session, ring: KeyRing | None = None, anchor: Anchor | None = None) -> list[Problem]:
    """Every break in the chain: altered content, an unknown key, a missing link, a missing head, or a tail
    that was cut off (against the head row, and against ``anchor`` when given)."""
    return _check(session, ring or keyring(), anchor)[0]


def _signed(secret: str, entry: AuditEntry) -> str:
    algorithm = algorithm_of(entry.key_id)
    return digest(secret, entry.prev_hash, entry.at, entry.actor, entry.action, entry.subject, entry.data, algorithm)


def _check(session: Session, ring: KeyRing, anchor: Anchor | None) -> tuple[list[Problem], Anchor | None]:
    # The head is read first: entries appended while the scan runs come after it on the chain and are checked
    # like the others (their keyed hashes cannot be forged), so a busy platform gives no false alarm.
    head = session.get(AuditHead, 1)
    seen = None if head is None else Anchor(head.entries, head.hash)
    marks = {n.entries: n for n in (seen, anchor) if n is not None and n.entries > 0}
    found: dict[int, str] = {}
    problems: list[Problem] = []
    count, prev = base_of(session)
    if anchor is not None and anchor.base is not None and anchor.base != (count, prev):
        # a prune row written by someone who deleted entries without the export: the anchor file knows better
        problems.append(
            Problem(
                None,
                f"日志起点（已导出归档 {count} 条，末条哈希 {prev[:12]}…）与锚定文件记下的归档起点"
                f"（{anchor.base[0]} 条，{anchor.base[1][:12]}…）不符（有记录未经归档被删除）",
            )
        )
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.id)):
        count += 1
        if entry.prev_hash != prev:
            problems.append(Problem(entry.id, "与前一条记录的链接断开（前面的记录被删除或改动）"))
        secret = ring.secret(entry.key_id)
        if secret is None:
            problems.append(
                Problem(
                    entry.id,
                    f"签名密钥 {entry.key_id or '（无）'} 不在本机的审计密钥中"
                    "（记录被伪造，或旧密钥未配置为已退役密钥）",
                )
            )
        elif entry.hash != _signed(secret, entry):
            problems.append(Problem(entry.id, "内容与其哈希不符（记录被改动）"))
        if count in marks:
            found[count] = entry.hash
        prev = entry.hash
    if seen is None:
        if count > 0:
            problems.append(Problem(None, f"日志头记录缺失，而日志有 {count} 条（头记录被删除）"))
    elif count < seen.entries or (seen.entries > 0 and found.get(seen.entries) != seen.hash):
        problems.append(
            Problem(
                None,
                f"日志头记录有 {seen.entries} 条、末条哈希 {seen.hash[:12]}…，"
                f"实际有 {count} 条（最新的记录被删除或改动）",
            )
        )
    if anchor is not None and anchor.entries > 0:
        if count < anchor.entries:
            problems.append(
                Problem(None, f"上次核验时日志有 {anchor.entries} 条，现在只有 {count} 条（末尾的记录被删除）")
            )
        elif anchor.entries <= base_of(session)[0]:
            pass  # that entry was exported and pruned since: its export file holds it
        elif found.get(anchor.entries) != anchor.hash:
            problems.append(Problem(None, f"第 {anchor.entries} 条与上次核验时记下的哈希不同（日志在此之前被改写）"))
    return problems, seen


def verify_and_anchor(session: Session, path: Path, ring: KeyRing | None = None) -> list[Problem]:
    """:func:`verify` against the anchor kept at ``path`` (outside the database); when the chain is intact, the
    anchor moves to the head just checked."""
    problems, seen = _check(session, ring or keyring(), read_anchor(path, session))
    if not problems and seen is not None:
        write_anchor(path, session, Anchor(seen.entries, seen.hash, base_of(session)))
    return problems
