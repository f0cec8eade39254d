"""Who owns the object a route's path names: each resolver turns an id into an ``authority.Scope`` (None: no such
object), for ``deps.allow(action, resolver)``. Resolvers never raise: the policy decides what the answer is."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from sqlalchemy import select
from sqlalchemy.orm import Session

from policyreach.app.authority import Scope
from policyreach.app.funds import fund_of
from policyreach.app.platform import Platform
from policyreach.push.models import Notification
from policyreach.redemption.facts import facts_of
from policyreach.store.models import (
    Application,
    Disbursement,
    DisclosureConsent,
    Entity,
    Fund,
    IngestBatch,
    Material,
    PolicyDraft,
)
from policyreach.web.deps import db, platform

DbSession = Annotated[Session, Depends(db)]
Plat = Annotated[Platform, Depends(platform)]


def _known(departments: set[str | None]) -> frozenset[str]:
    """A department the snapshot did not keep belongs to nobody (the administrator still sees the object)."""
    return frozenset(d for d in departments if d)


def of_application(plat: Platform, application: Application | None) -> Scope | None:
    if application is None:
        return None
    # the department read from the snapshot when the benefit left the library (never a 500)
    return Scope(entity_pk=application.entity_pk, departments=_known({facts_of(plat, application).department}))


def application(application_id: int, session: DbSession, plat: Plat) -> Scope | None:
    return of_application(plat, session.get(Application, application_id))


def document(document_id: int, session: DbSession, plat: Plat) -> Scope | None:
    material = session.get(Material, document_id)
    return of_application(plat, session.get(Application, material.application_id) if material else None)


def batch(batch_id: str, session: DbSession) -> Scope | None:
    found = session.get(Disbursement, batch_id)
    return None if found is None else Scope.of_department(found.department)


def benefit(benefit_id: str, plat: Plat) -> Scope | None:
    for b in plat.compiled.benefits:
        if b.id == benefit_id:
            return Scope.of_department(b.spec.department)
    return None


def fund(fund_id: str, session: DbSession, plat: Plat) -> Scope | None:
    if session.get(Fund, fund_id) is None:
        return None
    return Scope(departments=frozenset(b.spec.department for b in plat.compiled.benefits if fund_of(b) == fund_id))


def entity(entity_id: str, session: DbSession, plat: Plat) -> Scope | None:
    """An entity's data belongs to the entity and to every department it has business with: one it applied to,
    or one with a benefit it qualifies for (eligible or likely: the department's push list names it)."""
    found = session.scalar(select(Entity).where(Entity.entity_id == entity_id))
    if found is None:
        return None
    departments = {
        facts_of(plat, a).department
        for a in session.scalars(select(Application).where(Application.entity_pk == found.id))
    }
    by_id = {b.id: b.spec.department for b in plat.compiled.benefits}
    departments |= {
        by_id[m.benefit_id]
        for m in plat.matches(session, found, habits=False)
        if m.status in ("eligible", "likely") and m.benefit_id in by_id
    }
    return Scope(entity_pk=found.id, departments=_known(departments))


def personal(entity_id: str, session: DbSession, plat: Plat) -> Scope | None:
    """An entity's personal data belongs to the entity and to the departments it applied to: narrower than
    :func:`entity`, a benefit it merely qualifies for gives no department its ID number."""
    found = session.scalar(select(Entity).where(Entity.entity_id == entity_id))
    if found is None:
        return None
    applied = session.scalars(select(Application).where(Application.entity_pk == found.id))
    return Scope(entity_pk=found.id, departments=_known({facts_of(plat, a).department for a in applied}))


def notification(notification_id: int, session: DbSession) -> Scope | None:
    found = session.get(Notification, notification_id)
    return None if found is None else Scope(recipient=found.recipient)


def draft(draft_id: int, session: DbSession) -> Scope | None:
    found = session.get(PolicyDraft, draft_id)
    return None if found is None else Scope.of_department(found.department)


def consent(consent_id: int, session: DbSession) -> Scope | None:
    found = session.get(DisclosureConsent, consent_id)
    return None if found is None else Scope(entity_pk=found.entity_pk)


def ingest_batch(source: str, batch_id: str, session: DbSession) -> Scope | None:
    """A registry's batch belongs to its source (the system account speaking for it) and the administrator."""
    found = session.scalar(select(IngestBatch).where(IngestBatch.source == source, IngestBatch.batch_id == batch_id))
    return None if found is None else Scope.of_department(found.source)
