"""Consent to disclosure: what the platform knows about an entity is shown to someone outside the government (a
CPPCC member who registered the firm in the 包保 ledger) only after the entity agrees in its portal or the office the
asking module names (the conference's 信息办) approves. A plug-in asks under its own subject key; the policy side
stores and answers, and never imports the plug-in. See docs/ARCHITECTURE.md, "Plug-ins"."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from policyreach.store.models import DisclosureConsent

PENDING, GRANTED, REFUSED, APPROVED = "pending", "granted", "refused", "approved"
STATE_ZH = {PENDING: "待同意", GRANTED: "企业已同意", REFUSED: "企业已拒绝", APPROVED: "信息办已批准"}
DISCLOSED = (GRANTED, APPROVED)


class ConsentError(ValueError):
    """A decision the consent's state does not allow; the message is Chinese, shown to the user."""


def ask(
    session: Session, entity_pk: int, subject: str, requester: str, purpose: str, *, approved_by: str | None = None
) -> DisclosureConsent:
    """Ask the entity (once per subject); ``approved_by`` records an approval given at once (demo data)."""
    found = session.scalar(select(DisclosureConsent).where(DisclosureConsent.subject == subject))
    if found is not None:
        return found
    row = DisclosureConsent(
        subject=subject,
        entity_pk=entity_pk,
        requester=requester,
        purpose=purpose,
        state=APPROVED if approved_by else PENDING,
        decided_by=approved_by,
        decided_at=dt.datetime.now(dt.UTC) if approved_by else None,
    )
    session.add(row)
    session.flush()
    return row


def of(session: Session, subject: str) -> DisclosureConsent | None:
    return session.scalar(select(DisclosureConsent).where(DisclosureConsent.subject == subject))


def disclosed(session: Session, subject: str) -> bool:
    found = of(session, subject)
    return found is not None and found.state in DISCLOSED


def for_entity(session: Session, entity_pk: int) -> list[DisclosureConsent]:
    query = select(DisclosureConsent).where(DisclosureConsent.entity_pk == entity_pk)
    return list(session.scalars(query.order_by(DisclosureConsent.id.desc())))


def pending(session: Session, prefix: str) -> list[DisclosureConsent]:
    query = select(DisclosureConsent).where(
        DisclosureConsent.subject.startswith(prefix), DisclosureConsent.state == PENDING
    )
    return list(session.scalars(query.order_by(DisclosureConsent.id)))


def answer(session: Session, consent: DisclosureConsent, agree: bool, by: str) -> None:
    """The entity's own answer: it may agree or refuse, and change its mind (withdrawing a consent hides again)."""
    if consent.state == APPROVED and not agree:
        raise ConsentError("信息办已批准该登记，如有异议请联系政协信息办")
    consent.state, consent.decided_by, consent.decided_at = (GRANTED if agree else REFUSED), by, dt.datetime.now(dt.UTC)


def approve(session: Session, consent: DisclosureConsent, by: str) -> None:
    """The office's approval of a registration the entity has not answered (never over the entity's refusal)."""
    if consent.state == REFUSED:
        raise ConsentError("企业已拒绝，信息办不能代为同意")
    if consent.state == PENDING:
        consent.state, consent.decided_by, consent.decided_at = APPROVED, by, dt.datetime.now(dt.UTC)
