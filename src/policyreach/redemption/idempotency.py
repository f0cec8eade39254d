"""Idempotency keys of claims and applications, scoped to the account and the operation.

A form carries a random key so that a repeated click (a double submit, a retried request) returns the first result
instead of making a second application. The key is the client's, so it is never trusted as a global name: what is
stored is a digest of (operation, account, entity, key), and one account's key can never find, or collide with,
another's (another firm sending the same key makes its own application, never a 500 or the first firm's data).
A missing key ("", or the string "None" an absent form field once became) is a new request, never a key.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from policyreach.store.models import Application

ONE_CLICK = "one_click"
REVIEW = "review"
ABSENT = ("", "None", "null", "undefined")  # what a missing field becomes on the way in


def scoped(operation: str, actor: str, entity_pk: int, key: str | None) -> str | None:
    """The stored key: a digest that fits the column whatever the client sent; None when no key was sent."""
    if key is None or key.strip() in ABSENT:
        return None
    material = "\x00".join((operation, actor, str(entity_pk), key.strip()))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def replayed(session: Session, stored: str | None, entity_pk: int) -> Application | None:
    """The application the same account made with the same key for the same operation, if any."""
    if stored is None:
        return None
    found = session.scalar(select(Application).where(Application.idempotency_key == stored))
    return found if found is not None and found.entity_pk == entity_pk else None
