"""``policyreach keys rotate``: new keys for the audit chain and for sensitive fields, every sealed value re-sealed,
and the chain re-anchored.

The audit key file gets a new secret (the old one is retired: entries it signed still verify with it), the field key
ring a new current key (the old ones stay in the ring: backups made before still open). Every ID number and every
bank account number in applications' snapshots (and every value a plug-in seals) is re-sealed under the new field
key in one transaction, which also appends a ``keys.rotated`` entry signed with the new audit key; then the chain is
verified and the anchor moved to its head. A crash midway leaves both keys in both rings, so nothing becomes unreadable.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from policyreach import plugins, settings
from policyreach.redemption import audit
from policyreach.store import crypto
from policyreach.store.audit_keys import keyring, rotate_key_file
from policyreach.store.models import Application, SavedBankAccount, SensitiveValue


@dataclass(frozen=True)
class Rotated:
    audit_key: tuple[str, str] | None  # (old id, new id); None when the key comes from the environment
    field_key: tuple[str, str]
    resealed: int
    problems: list[audit.Problem]


def reseal_all(session: Session, ring: crypto.FieldRing) -> int:
    """Re-seal every sensitive value under the ring's current key (plain legacy values are sealed): how many."""
    count = 0
    for row in session.scalars(select(SensitiveValue)):
        row.sealed = crypto.reseal(row.sealed, ring)
        row.key_id = crypto.key_id_of(row.sealed)
        count += 1
    for saved in session.scalars(select(SavedBankAccount)):
        saved.sealed = crypto.reseal(saved.sealed, ring)
        saved.key_id = crypto.key_id_of(saved.sealed)
        count += 1
    for application in session.scalars(select(Application)):
        bank = (application.snapshot or {}).get("bank")
        if not isinstance(bank, dict) or not bank.get("number"):
            continue
        number = str(bank["number"])
        plain = crypto.open_sealed(number, ring) if crypto.is_sealed(number) else number
        kept: dict[str, Any] = {**bank, "number": crypto.seal(plain, ring), "tail": plain[-4:]}
        application.snapshot = {**application.snapshot, "bank": kept}  # a new dict: the JSON column sees the change
        count += 1
    return count + plugins.reseal(session, ring)  # the plug-ins' own sealed fields (the conference's phones)


def rotate(session: Session, actor: str = "system", anchor_path: Path | None = None) -> Rotated:
    audit_ids = None if settings.audit_key() is not None else rotate_key_file()
    field_ids = crypto.add_field_key()
    ring = crypto.field_ring()
    count = reseal_all(session, ring)
    audit.record(
        session,
        actor,
        "keys.rotated",
        "keys",
        {"audit_key": audit_ids[1] if audit_ids else None, "field_key": field_ids[1], "resealed": count},
        ring=keyring(),
    )
    session.commit()
    problems = audit.verify_and_anchor(session, anchor_path or settings.audit_anchor_path())
    return Rotated(audit_ids, field_ids, count, problems)
