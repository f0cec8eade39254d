"""The test cases of a policy version, as a form: for each benefit the proposed boundary cases with their values
in words, the officer states the outcome the clause implies (and the amount), and the draft's file keeps them as
its ``tests:``. What the rules decide is shown only where they disagree with what the officer stated, and the same
check gates submission (``redemption.policy_lifecycle.submit``). See docs/ARCHITECTURE.md, "Policy versions".
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from policyreach.app import policy_cases, policy_versions
from policyreach.app.platform import Platform
from policyreach.engine.cases import submission_problems
from policyreach.redemption import policy_lifecycle
from policyreach.redemption.policy_lifecycle import LifecycleError
from policyreach.rules.errors import RuleError, RuleErrors
from policyreach.rules.library import Library
from policyreach.store.models import Account, PolicyDraft
from policyreach.web import scopes
from policyreach.web.deps import allow, csrf, db, platform
from policyreach.web.templating import templates

router = APIRouter(prefix="/console")
DbSession = Annotated[Session, Depends(db)]
Plat = Annotated[Platform, Depends(platform)]
VersionAuthor = Annotated[Account, Depends(allow("policy.author", scopes.draft))]
Many = Annotated[list[str], Form()]


def _version(session: Session, version_id: int) -> PolicyDraft:
    version = session.get(PolicyDraft, version_id)
    if version is None:
        raise HTTPException(404, "没有这个版本")
    return version


def _trial(plat: Platform, version: PolicyDraft) -> Library:
    try:
        return policy_versions.trial_library(plat.library, version.file_name, version.text, version.policy_id)
    except (RuleError, RuleErrors) as exc:
        raise HTTPException(409, f"该版本与当前政策库不再相容，请先修改政策文件：{exc}") from None


@router.get("/policy-versions/{draft_id}/cases", response_class=HTMLResponse, include_in_schema=False)
def cases_page(request: Request, draft_id: int, user: VersionAuthor, plat: Plat, session: DbSession) -> HTMLResponse:
    """The proposed cases by benefit with the officer's readings; the problems that still block submission."""
    version = _version(session, draft_id)
    trial = _trial(plat, version)
    policy = trial.policies[version.policy_id]
    entries = policy_cases.proposals(trial, policy, plat.as_of)
    return templates.TemplateResponse(
        request,
        "console_policy_cases.html",
        {
            "user": user,
            "version": version,
            "entries": entries,
            "outcomes": policy_cases.OUTCOMES,
            "editable": version.state == "draft",
            # the engine is asked only about what the officer (or the file) has stated
            "problems": submission_problems(trial, version.policy_id),
            "states": policy_versions.STATE_ZH,
        },
    )


@router.post("/policy-versions/{draft_id}/cases", include_in_schema=False, dependencies=[Depends(csrf)])
def save_cases(
    draft_id: int,
    user: VersionAuthor,
    plat: Plat,
    session: DbSession,
    case: Many = [],  # noqa: B006 - FastAPI copies a default for each request
    outcome: Many = [],  # noqa: B006
    amount: Many = [],  # noqa: B006
) -> Response:
    """Keep the officer's readings in the draft's file (all of them or none), then show the page again."""
    version = _version(session, draft_id)
    if version.state != "draft":
        raise HTTPException(409, f"第 {version.version} 版已{policy_versions.STATE_ZH[version.state]}，不能再修改用例")
    trial = _trial(plat, version)
    policy = trial.policies[version.policy_id]
    entries = policy_cases.proposals(trial, policy, plat.as_of)
    try:
        readings = policy_cases.read_form(entries, case, outcome, amount)
        text = policy_cases.with_readings(version.text, version.file_name, entries, readings, plat.as_of)
        kept = policy_versions.trial_library(plat.library, version.file_name, text, version.policy_id)
    except policy_cases.CaseInputError as exc:
        raise HTTPException(400, str(exc)) from None
    except (RuleError, RuleErrors, ValueError) as exc:
        raise HTTPException(400, f"用例无法保存：{exc}") from None
    try:
        cases = len(kept.tests.get(version.policy_id, []))
        policy_lifecycle.record_cases(session, version, user.username, text, cases)
    except LifecycleError as exc:
        raise HTTPException(exc.status, exc.message) from None
    session.commit()
    return RedirectResponse(f"/console/policy-versions/{version.id}/cases#check", status_code=303)
