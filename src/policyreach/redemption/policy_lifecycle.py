"""A policy version's way through four eyes: draft → submitted → approved → published (with an effective date) →
superseded by the next version or withdrawn; a submitted or approved version may be returned to draft.

Every change of state is one conditional update on the state (compare-and-set: two officers pressing at once move
a version once) and one audit entry in the same transaction. No one approves a version they drafted or submitted:
the approval's update itself says so, so no check before it can be raced past. Who may take each step (the
department's officers; the publisher permission for approving, publishing and withdrawing) is the one
authorization policy's (``app.authority``); this module only keeps the order. The web layer tells push afterwards
(``push.events.library_changed``), which re-matches the benefits whose rules changed.
See docs/ARCHITECTURE.md, "Policy versions".
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from policyreach.app.policy_versions import STATE_ZH, digest, trial_library
from policyreach.app.ports import PlatformServices
from policyreach.engine.cases import submission_problems
from policyreach.redemption import audit
from policyreach.rules.errors import RuleError, RuleErrors
from policyreach.rules.library import Library
from policyreach.store.models import PolicyDraft

REASON_MAX = 500
log = logging.getLogger("policyreach.redemption.policy_lifecycle")


class LifecycleError(Exception):
    """A step refused: ``status`` for the page (403 four eyes, 409 a state moved on, 400 bad input)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _move(
    session: Session,
    version: PolicyDraft,
    sources: tuple[str, ...],
    target: str,
    *guards: Any,
    **values: Any,
) -> bool:
    """Compare-and-set on the state; True when this call moved it."""
    result = session.execute(
        update(PolicyDraft)
        .where(PolicyDraft.id == version.id, PolicyDraft.state.in_(sources), *guards)
        .values(state=target, **values)
        .execution_options(synchronize_session=False)
    )
    moved = bool(getattr(result, "rowcount", 0) == 1)
    session.refresh(version)
    return moved


def _stale(version: PolicyDraft, wanted: str) -> LifecycleError:
    return LifecycleError(
        409, f"第 {version.version} 版当前状态为“{STATE_ZH.get(version.state, version.state)}”，不能{wanted}"
    )


def _audit(session: Session, actor: str, action: str, version: PolicyDraft, **data: Any) -> None:
    audit.record(
        session,
        actor,
        action,
        f"policy:{version.policy_id}:v{version.version}",
        {"version_id": version.id, "title": version.title, "state": version.state, **data},
    )


def _reason(reason: str, required: bool) -> str:
    reason = reason.strip()
    if required and not reason:
        raise LifecycleError(400, "请填写理由（reason）")
    if len(reason) > REASON_MAX:
        raise LifecycleError(400, f"理由（reason）不能超过 {REASON_MAX} 字")
    return reason


def submit(session: Session, version: PolicyDraft, actor: str, library: Library, reason: str = "") -> None:
    """The author (or a colleague of the department) submits a draft for a second officer's approval, only when its
    cases pass beside ``library`` (the one in force) and every benefit has an eligible and an ineligible one. The
    cases are checked on the text as read here and the move requires that text still (its fingerprint in the
    update): cases changed by another officer meanwhile are never submitted unchecked."""
    note = _reason(reason, required=False)
    text, checked = version.text, version.digest
    try:
        trial = trial_library(library, version.file_name, text, version.policy_id)
    except (RuleError, RuleErrors) as exc:
        raise LifecycleError(409, f"该版本与当前政策库不再相容，不能提交审批：{exc}") from None
    problems = submission_problems(trial, version.policy_id)
    if problems:
        raise LifecycleError(409, "用例未通过，不能提交审批：" + "；".join(problems))
    same_text = PolicyDraft.digest == checked
    if not _move(
        session, version, ("draft",), "submitted", same_text, submitted_by=actor, submitted_at=_now(), reason=note
    ):
        if version.state == "draft":
            raise LifecycleError(409, "用例或政策文本刚被修改，请重新检查后再提交")
        raise _stale(version, "提交审批")
    _audit(session, actor, "policy.submit", version, reason=note)


def record_cases(session: Session, version: PolicyDraft, actor: str, text: str, cases: int) -> None:
    """Keep a draft's text with the officer's cases: only while it is a draft and its text is the one the cases were
    read from (compare-and-set on both), so that two officers saving at once never lose each other's readings."""
    before = version.digest
    moved = _move(
        session,
        version,
        ("draft",),
        "draft",
        PolicyDraft.digest == before,
        text=text,
        digest=digest(text),
        cases=cases,
    )
    if not moved:
        if version.state == "draft":
            raise LifecycleError(409, "用例刚被其他人修改，请刷新页面后重新填写")
        raise _stale(version, "修改用例")
    _audit(session, actor, "policy.cases", version, cases=cases)


def approve(session: Session, version: PolicyDraft, actor: str, reason: str = "") -> None:
    """A second officer approves: never the one who drafted or submitted the version (checked in the update)."""
    note = _reason(reason, required=False)
    four_eyes = (PolicyDraft.uploaded_by != actor, PolicyDraft.submitted_by != actor)
    if not _move(session, version, ("submitted",), "approved", *four_eyes, approved_by=actor, approved_at=_now()):
        if version.state == "submitted" and actor in (version.uploaded_by, version.submitted_by):
            raise LifecycleError(403, "不能审批自己起草或提交的版本：须由本部门另一位有发布权限的工作人员审批")
        raise _stale(version, "审批")
    _audit(session, actor, "policy.approve", version, reason=note)


def send_back(session: Session, version: PolicyDraft, actor: str, reason: str) -> None:
    """Return a submitted or approved version to draft, with the reason the author reads."""
    note = _reason(reason, required=True)
    if not _move(session, version, ("submitted", "approved"), "draft", reason=note, approved_by=None, approved_at=None):
        raise _stale(version, "退回")
    _audit(session, actor, "policy.return", version, reason=note)


def publish(
    plat: PlatformServices,
    session: Session,
    version: PolicyDraft,
    actor: str,
    effective_from: dt.date,
    reason: str = "",
) -> bool:
    """Publish an approved version from ``effective_from`` (today or later, the city's date). From today: its file
    enters the library now and the version it revises is superseded; from a later day: it waits (scheduled) and
    :func:`put_due_in_force` (the worker's tick) puts it in force that day. True when the library changed."""
    note = _reason(reason, required=False)
    today = plat.today()
    if effective_from < today:
        raise LifecycleError(400, f"生效日期（effective_from）不能早于今天（{today.isoformat()}）")
    if not _move(
        session,
        version,
        ("approved",),
        "scheduled" if effective_from > today else "published",
        published_by=actor,
        published_at=_now(),
        effective_from=effective_from,
    ):
        raise _stale(version, "发布")
    _audit(session, actor, "policy.publish", version, effective_from=effective_from.isoformat(), reason=note)
    if effective_from > today:
        return False
    _put_in_force(plat, session, version)
    return True


def publish_directly(plat: PlatformServices, session: Session, version: PolicyDraft, actor: str) -> None:
    """An uploaded draft published at once by the administrator, from today, audited as such: four eyes still, the
    one who uploaded it never publishes it (checked in the update, as the approval is)."""
    moved = _move(
        session,
        version,
        ("draft",),
        "published",
        PolicyDraft.uploaded_by != actor,
        published_by=actor,
        published_at=_now(),
        effective_from=plat.today(),
    )
    if not moved:
        if version.state == "draft" and version.uploaded_by == actor:
            raise LifecycleError(403, "不能直接发布自己上传的草稿：须由另一位有发布权限的工作人员发布")
        raise _stale(version, "发布")
    _audit(session, actor, "policy.publish", version, effective_from=plat.today().isoformat(), direct=True)
    _put_in_force(plat, session, version)


def _put_in_force(plat: PlatformServices, session: Session, version: PolicyDraft) -> None:
    plat.publish_file(session, version.file_name, version.text)
    for older in session.scalars(
        select(PolicyDraft).where(
            PolicyDraft.policy_id == version.policy_id,
            PolicyDraft.state.in_(("published", "scheduled")),
            PolicyDraft.version < version.version,
        )
    ):
        if _move(session, older, ("published", "scheduled"), "superseded", ended_at=_now()):
            _audit(session, "system", "policy.supersede", older, by_version=version.version)


def put_due_in_force(plat: PlatformServices, session: Session) -> list[PolicyDraft]:
    """Scheduled versions whose day has come: in force now, each once whichever process ticks first (the move from
    scheduled to published is a compare-and-set, and only the process that made it writes the file)."""
    due = session.scalars(
        select(PolicyDraft)
        .where(PolicyDraft.state == "scheduled", PolicyDraft.effective_from <= plat.today())
        .order_by(PolicyDraft.policy_id, PolicyDraft.version)
    ).all()
    newest: dict[str, PolicyDraft] = {v.policy_id: v for v in due}
    made = []
    for version in newest.values():
        try:
            with session.begin_nested():
                if not _move(session, version, ("scheduled",), "published"):
                    continue  # another process put it in force
                _put_in_force(plat, session, version)
        except (RuleError, RuleErrors) as exc:
            # the library moved on since it was approved: it stays scheduled (and the library as it was, see
            # publish_file) until withdrawn or replaced, and the others still take effect
            log.error("policy version %s v%s cannot take effect: %s", version.policy_id, version.version, exc)
            continue
        _audit(session, "system", "policy.in_force", version)
        made.append(version)
    return made


def withdraw(plat: PlatformServices, session: Session, version: PolicyDraft, actor: str, reason: str) -> None:
    """Withdraw the published version (废止): its file leaves the library; applications keep their snapshot."""
    note = _reason(reason, required=True)
    moved = _move(
        session,
        version,
        ("published", "scheduled"),
        "withdrawn",
        withdrawn_by=actor,
        withdrawn_on=plat.today(),
        ended_at=_now(),
        reason=note,
    )
    if not moved:
        raise _stale(version, "废止")
    if plat.library.versions.get(version.policy_id) == version.digest:
        plat.withdraw_file(session, version.file_name)
    _audit(session, actor, "policy.withdraw", version, reason=note)
