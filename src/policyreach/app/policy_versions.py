"""Every version of every policy, read: what is in force on a date, what a decision was made under, and the
library's baseline (the files found on disk recorded as versions).

A version is a row of ``policy_drafts`` (``store.models.PolicyDraft``) holding the file's text verbatim, so that
YAML stays the exchange format and nothing is lost between upload, publication, export and import. The changes of
state (four eyes, compare-and-set, audited) are ``redemption.policy_lifecycle``'s.
See docs/ARCHITECTURE.md, "Policy versions".
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from policyreach.rules.library import Library, add_policy_file
from policyreach.rules.policy import Policy
from policyreach.store.models import PolicyDraft

STATE_ZH = {
    "draft": "草稿",
    "submitted": "待审批",
    "approved": "已审批待发布",
    "scheduled": "已发布，待生效",
    "published": "已发布",
    "superseded": "已被新版本取代",
    "withdrawn": "已废止",
}
# the states of a version that was in the library once (a decision was made under one of these)
WAS_PUBLISHED = ("published", "superseded", "withdrawn")
# and a version published for a later day: the as-of reading of that day finds it
READ_AS_OF = (*WAS_PUBLISHED, "scheduled")
SYSTEM = "system"  # who recorded a file found in the library directory


def digest(text: str) -> str:
    """The version's fingerprint: the same sha256 of the file's text as ``Library.versions`` and the snapshot's
    ``rule_version``, so that an application made under a file finds its version."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def departments(policy: Policy) -> set[str]:
    """A policy file belongs to the departments its benefits name (the one that handles each, and its path)."""
    return {d for b in policy.benefits for d in (b.department, b.application.department)}


def next_number(session: Session, policy_id: str) -> int:
    latest = session.scalar(select(func.max(PolicyDraft.version)).where(PolicyDraft.policy_id == policy_id))
    return (latest or 0) + 1


def current(session: Session, policy_id: str) -> PolicyDraft | None:
    """The newest published version, in force or scheduled (a revision is based on it and compared with it)."""
    return session.scalar(
        select(PolicyDraft)
        .where(PolicyDraft.policy_id == policy_id, PolicyDraft.state.in_(("published", "scheduled")))
        .order_by(PolicyDraft.version.desc())
        .limit(1)
    )


def new_draft(
    session: Session, *, name: str, policy: Policy, text: str, cases: int, author: str, department: str | None = None
) -> PolicyDraft:
    """A new version of ``policy`` as a draft: the next number, revising the published version (if any)."""
    base = current(session, policy.id)
    draft = PolicyDraft(
        file_name=name,
        policy_id=policy.id,
        title=policy.title,
        department=department or "、".join(sorted(departments(policy))),
        text=text,
        state="draft",
        cases=cases,
        uploaded_by=author,
        version=next_number(session, policy.id),
        based_on=base.id if base is not None else None,
        digest=digest(text),
    )
    session.add(draft)
    session.flush()
    return draft


def record_library(session: Session, library: Library, today: dt.date) -> list[PolicyDraft]:
    """Record every file of the library that no published version holds (the sample library at the first start, a
    file changed on disk by hand) as a published version; earlier published ones of its policy are superseded.

    A policy's first version takes effect on its ``valid_from`` (it was in force before anyone recorded it); a later
    one on ``today``. Idempotent, and harmless when two processes start at once (the loser's rows are dropped)."""
    made = []
    for policy_id, policy in library.policies.items():
        sha = library.versions.get(policy_id)
        known = session.scalar(
            select(PolicyDraft.id).where(
                PolicyDraft.policy_id == policy_id, PolicyDraft.digest == sha, PolicyDraft.state == "published"
            )
        )
        if known is not None:
            continue
        file = library.files[policy_id]
        try:
            text = Path(file).read_text(encoding="utf-8")
        except OSError:
            continue
        number = next_number(session, policy_id)
        try:
            with session.begin_nested():
                for older in session.scalars(
                    select(PolicyDraft).where(PolicyDraft.policy_id == policy_id, PolicyDraft.state == "published")
                ):
                    older.state, older.ended_at = "superseded", dt.datetime.now(dt.UTC)
                version = PolicyDraft(
                    file_name=file.rsplit("/", 1)[-1],
                    policy_id=policy_id,
                    title=policy.title,
                    department="、".join(sorted(departments(policy))),
                    text=text,
                    state="published",
                    cases=len(policy.tests),
                    uploaded_by=SYSTEM,
                    published_by=SYSTEM,
                    published_at=dt.datetime.now(dt.UTC),
                    version=number,
                    digest=sha,
                    effective_from=policy.valid_from if number == 1 else today,
                )
                session.add(version)
                session.flush()
            made.append(version)
        except IntegrityError:
            continue  # another process recorded it first
    return made


def in_force(session: Session, on: dt.date, policy_ids: Iterable[str] | None = None) -> dict[str, PolicyDraft]:
    """The version of each policy in force on ``on``: the published one with the latest effective date on or before
    it (the higher number on the same day); none for a policy withdrawn by then or not yet published."""
    query = select(PolicyDraft).where(
        PolicyDraft.state.in_(READ_AS_OF),
        PolicyDraft.effective_from.is_not(None),
        PolicyDraft.effective_from <= on,
    )
    if policy_ids is not None:
        query = query.where(PolicyDraft.policy_id.in_(list(policy_ids)))
    found: dict[str, PolicyDraft] = {}
    for version in session.scalars(query.order_by(PolicyDraft.effective_from, PolicyDraft.version)):
        found[version.policy_id] = version
    kept = {}
    for policy_id, version in found.items():
        ended = version.withdrawn_on if version.state == "withdrawn" else None
        if ended is None or on < ended:
            kept[policy_id] = version
    return kept


def of_decision(session: Session, policy_id: str | None, rule_version: str | None) -> PolicyDraft | None:
    """The version an application was decided under, from its snapshot's policy and file fingerprint."""
    if not policy_id or not rule_version:
        return None
    return session.scalar(
        select(PolicyDraft)
        .where(
            PolicyDraft.policy_id == policy_id,
            PolicyDraft.digest == rule_version,
            or_(*(PolicyDraft.state == s for s in WAS_PUBLISHED)),
        )
        .order_by(PolicyDraft.version.desc())
        .limit(1)
    )


def history(session: Session, policy_id: str) -> list[PolicyDraft]:
    return list(
        session.scalars(select(PolicyDraft).where(PolicyDraft.policy_id == policy_id).order_by(PolicyDraft.version))
    )


def trial_library(library: Library, file_name: str, text: str, policy_id: str) -> Library:
    """The library ``library`` with this text in place of its policy's file (the library itself is not touched)."""
    trial = Library(schema=library.schema)
    for pid, policy in library.policies.items():
        if pid != policy_id:
            trial.policies[pid], trial.files[pid] = policy, library.files[pid]
            trial.versions[pid] = library.versions[pid]
            if pid in library.tests:
                trial.tests[pid] = library.tests[pid]
    trial.benefits = [b for b in library.benefits if b.policy.id != policy_id]
    add_policy_file(trial, Path(file_name), text)
    return trial
