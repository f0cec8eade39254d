"""The console's policy versions: the list with states and versions (as of any date), one version with its
difference from the version it revises, the preview of who would qualify, the four-eyes buttons, and the library's
export and import as YAML files. The steps are ``redemption.policy_lifecycle``'s; who may take them is the one
authorization policy's. See docs/ARCHITECTURE.md, "Policy versions".
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import polars as pl
from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from policyreach import settings
from policyreach.app import authority, policy_versions, workbench
from policyreach.app.authority import Scope
from policyreach.app.platform import Platform
from policyreach.app.policy_diff import diff, load_version
from policyreach.engine.explain import Explainer
from policyreach.redemption import policy_lifecycle
from policyreach.redemption.policy_lifecycle import LifecycleError
from policyreach.rules.errors import RuleError, RuleErrors
from policyreach.rules.library import Library, compile_library
from policyreach.simulation.compare import Comparison
from policyreach.simulation.dimensions import DIMENSIONS
from policyreach.simulation.simulate import simulate
from policyreach.store.models import Account, Entity, PolicyDraft
from policyreach.web import scopes
from policyreach.web.console import _stage
from policyreach.web.deps import allow, csrf, db, platform
from policyreach.web.downloads import attachment
from policyreach.web.templating import templates
from policyreach.web.uploads import read_limited
from policyreach.web.validation import parse_date, parse_id
from policyreach.workbooks import UnreadableFile, decode_text

router = APIRouter(prefix="/console")
DbSession = Annotated[Session, Depends(db)]
Plat = Annotated[Platform, Depends(platform)]
Author = Annotated[Account, Depends(allow("policy.author"))]
VersionAuthor = Annotated[Account, Depends(allow("policy.author", scopes.draft))]
VersionPublisher = Annotated[Account, Depends(allow("policy.approve", scopes.draft))]
SPLITS = ("district", "section", "size_class")
SHOWN = 20  # gainers and losers listed by name on the preview


def policy_scope(policy_id: str, session: DbSession) -> Scope | None:
    """A policy belongs to the department its newest version names (as ``scopes.draft``: a file several departments
    share is the administrator's, since an officer authors only its own department's files)."""
    newest = session.scalar(
        select(PolicyDraft).where(PolicyDraft.policy_id == policy_id).order_by(PolicyDraft.version.desc()).limit(1)
    )
    return None if newest is None else Scope.of_department(newest.department)


PolicyAuthor = Annotated[Account, Depends(allow("policy.author", policy_scope))]


def _people(session: Session, versions: list[PolicyDraft]) -> dict[str, str]:
    """Who drafted, submitted, approved, published and withdrew, by the names their accounts show."""
    usernames = {
        name
        for v in versions
        for name in (v.uploaded_by, v.submitted_by, v.approved_by, v.published_by, v.withdrawn_by)
        if name
    }
    found = session.execute(select(Account.username, Account.display_name).where(Account.username.in_(usernames)))
    shown = {username: f"{display}（{username}）" if display else username for username, display in found}
    return {name: shown.get(name, name) for name in usernames} | {policy_versions.SYSTEM: "（载入的政策文件）"}


def _mine(user: Account, version: PolicyDraft) -> bool:
    return authority.allowed(user, "policy.author", Scope.of_department(version.department))


@router.get("/policies", response_class=HTMLResponse, include_in_schema=False)
def policies_page(
    request: Request, user: Author, plat: Plat, session: DbSession, as_of: str | None = None
) -> HTMLResponse:
    """Every policy with its version in force and its newest version; ``as_of``: the library on that date."""
    on = parse_date(as_of, "as_of") if as_of else None
    rows = list(session.scalars(select(PolicyDraft).order_by(PolicyDraft.policy_id, PolicyDraft.version)))
    in_force = policy_versions.in_force(session, on or plat.today())
    policies: dict[str, dict[str, Any]] = {}
    for version in rows:
        if version.state not in policy_versions.READ_AS_OF and not _mine(user, version):
            continue  # another department's work in progress
        entry = policies.setdefault(version.policy_id, {"versions": 0, "newest": version, "id": version.policy_id})
        entry["versions"] += 1
        entry["newest"] = version
    for policy_id, entry in policies.items():
        entry["in_force"] = in_force.get(policy_id)
    listed = sorted(policies.values(), key=lambda e: (e["in_force"] is None, e["newest"].title))
    if on is not None:
        listed = [e for e in listed if e["in_force"] is not None]
    return templates.TemplateResponse(
        request,
        "console_policies.html",
        {"user": user, "policies": listed, "as_of": on, "states": policy_versions.STATE_ZH},
    )


@router.get("/policies/export.zip", include_in_schema=False)
def export_library(user: Author, session: DbSession, plat: Plat) -> Response:
    """The library as YAML files (the version of every policy in force now, its text as published): kept in git,
    reviewed as text, imported again."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _current_files(plat, session).items():
            archive.writestr(name, text.encode("utf-8"))
    name = f"policy-library-{plat.today().isoformat()}.zip"
    return Response(
        buffer.getvalue(),
        media_type="application/zip",
        headers={"Content-Disposition": attachment(name)},
    )


@router.post("/policies/import", response_class=HTMLResponse, include_in_schema=False, dependencies=[Depends(csrf)])
async def import_library(
    request: Request, user: Author, plat: Plat, session: DbSession, library: Annotated[UploadFile, File()]
) -> HTMLResponse:
    """A library exported as a zip of YAML files (or one file): each file that differs from the version in force is
    staged and kept as a draft of its policy, for four eyes like any upload; nothing is kept unless every file
    passes."""
    name = Path(library.filename or "library.zip").name
    try:
        files = _files_of(name, await read_limited(library, settings.upload_max_bytes()))
    except (UnreadableFile, zipfile.BadZipFile, ValueError) as exc:
        raise HTTPException(400, f"政策库文件（library）无法读取：{exc}") from None
    errors: list[str] = []
    staged = []
    unchanged = set(_current_files(plat, session).values())
    for file_name, text in files:
        if text in unchanged:
            continue  # the version in force already (any department's): nothing to review
        problems, added, report = _stage(plat, file_name, text)
        if problems or added is None or report is None:
            errors += problems or [f"{file_name}：无法校验"]
            continue
        if not report.ok or not report.cases:
            errors.append(f"{file_name}：须有测试用例且全部通过")
            continue
        departments = policy_versions.departments(added)
        if not authority.departments_allowed(user, "policy.author", departments):
            errors.append(f"{file_name}：您只能导入本部门（{user.department}）的政策")
            continue
        staged.append((file_name, text, added, report.cases))
    made: list[PolicyDraft] = []
    if not errors:
        for file_name, text, added, cases in staged:
            made.append(
                policy_versions.new_draft(
                    session, name=file_name, policy=added, text=text, cases=cases, author=user.username
                )
            )
        session.commit()
    context = {"user": user, "errors": errors, "made": made, "files": len(files), "states": policy_versions.STATE_ZH}
    return templates.TemplateResponse(
        request, "console_policy_import.html", context, status_code=422 if errors else 200
    )


def _current_files(plat: Platform, session: Session) -> dict[str, str]:
    """The file of every policy the library runs now, by name: the text of its version, as kept."""
    files = {}
    for policy_id, sha in plat.library.versions.items():
        version = policy_versions.of_decision(session, policy_id, sha)
        path = Path(plat.library.files[policy_id])
        files[path.name] = version.text if version is not None else path.read_text(encoding="utf-8")
    return files


def _files_of(name: str, data: bytes) -> list[tuple[str, str]]:
    if name.endswith((".yaml", ".yml")):
        return [(name, decode_text(data, name))]
    if not name.endswith(".zip"):
        raise ValueError("须为 .zip（导出的政策库）或 .yaml 文件")
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > 500 or sum(m.file_size for m in members) > settings.upload_max_bytes() * 20:
            raise ValueError("压缩包内文件过多或过大")
        for member in members:
            file_name = Path(member.filename).name
            if not file_name.endswith((".yaml", ".yml")) or file_name.startswith("."):
                continue
            found.append((file_name, decode_text(archive.read(member), file_name)))
    if not found:
        raise ValueError("压缩包中没有 .yaml 政策文件")
    return found


@router.get("/policies/{policy_id}", response_class=HTMLResponse, include_in_schema=False)
def policy_page(request: Request, policy_id: str, user: PolicyAuthor, session: DbSession) -> HTMLResponse:
    versions = policy_versions.history(session, policy_id)
    if not versions:
        raise HTTPException(404, "没有这项政策")
    return templates.TemplateResponse(
        request,
        "console_policy.html",
        {
            "user": user,
            "versions": versions,
            "title": versions[-1].title,
            "states": policy_versions.STATE_ZH,
            "people": _people(session, versions),
        },
    )


def _version(session: Session, version_id: int) -> PolicyDraft:
    version = session.get(PolicyDraft, version_id)
    if version is None:
        raise HTTPException(404, "没有这个版本")
    return version


def _other_side(session: Session, version: PolicyDraft, against: int | None) -> PolicyDraft | None:
    if against is not None:
        other = session.get(PolicyDraft, against)
        if other is None or other.policy_id != version.policy_id:
            raise HTTPException(400, "对比版本（against）须是同一政策的版本")
        return other
    if version.based_on is not None:
        return session.get(PolicyDraft, version.based_on)
    return session.scalar(
        select(PolicyDraft)
        .where(
            PolicyDraft.policy_id == version.policy_id,
            PolicyDraft.version < version.version,
            PolicyDraft.state.in_(policy_versions.WAS_PUBLISHED),
        )
        .order_by(PolicyDraft.version.desc())
        .limit(1)
    )


@router.get("/policy-versions/{draft_id}", response_class=HTMLResponse, include_in_schema=False)
def version_page(
    request: Request,
    draft_id: int,
    user: VersionAuthor,
    plat: Plat,
    session: DbSession,
    against: str | None = None,
) -> HTMLResponse:
    """One version: its facts, its difference from the version it revises (or ``against``), the steps open."""
    version = _version(session, draft_id)
    other = _other_side(session, version, parse_id(against, "against") if against else None)
    try:
        changes = diff(
            plat.library,
            (other.file_name, other.text) if other is not None else None,
            (version.file_name, version.text),
            plat.today(),
        )
        problem = None
    except (RuleError, RuleErrors) as exc:
        changes, problem = [], f"该版本与当前政策库不再相容，无法比较：{exc}"
    publisher = authority.allowed(user, "policy.approve", Scope.of_department(version.department))
    return templates.TemplateResponse(
        request,
        "console_policy_version.html",
        {
            "user": user,
            "version": version,
            "other": other,
            "changes": changes,
            "problem": problem,
            "publisher": publisher,
            "own": user.username in (version.uploaded_by, version.submitted_by),
            "today": plat.today(),
            "states": policy_versions.STATE_ZH,
            "versions": policy_versions.history(session, version.policy_id),
            "people": _people(session, [version]),
        },
    )


@router.get("/policy-versions/{draft_id}/preview", response_class=HTMLResponse, include_in_schema=False)
def preview_page(request: Request, draft_id: int, user: VersionAuthor, plat: Plat, session: DbSession) -> HTMLResponse:
    """Who would qualify in the city today under this version (counts and cost by district, industry and size), and
    for a revision who gains, who loses and the cost change against the library in force."""
    version = _version(session, draft_id)
    today = plat.as_of
    try:
        library = _trial_library(plat, version)
    except (RuleError, RuleErrors) as exc:
        raise HTTPException(409, f"该版本与当前政策库不再相容，无法预览：{exc}") from None
    baseline = plat.simulation(session)
    population = plat.population(session)
    new_ids = [b.id for b in library.policies[version.policy_id].benefits]
    after = simulate(compile_library(library, today, benefit_ids=new_ids), population, dims=baseline.dims)
    current = plat.library.policies.get(version.policy_id)
    old_ids = [b.id for b in current.benefits] if current is not None else []
    before = simulate(compile_library(plat.library, today, benefit_ids=old_ids), population, dims=baseline.dims)
    comparison = Comparison(before, after)
    splits = {dim: comparison.by(dim).filter((pl.col("entities") + pl.col("entities_reform")) > 0) for dim in SPLITS}
    gaining, losing = comparison.gaining(), comparison.losing()
    names = _names(session, [*gaining["entity_id"].head(SHOWN), *losing["entity_id"].head(SHOWN)])
    titles = {b.id: b.spec.title for b in [*before.compiled.benefits, *after.compiled.benefits]}
    return templates.TemplateResponse(
        request,
        "console_policy_preview.html",
        {
            "user": user,
            "version": version,
            "revision": current is not None,
            "today": today,
            "after": after,
            "comparison": comparison,
            "changes": comparison.changes(),
            "splits": splits,
            "dimensions": DIMENSIONS,
            "gaining": gaining,
            "losing": losing,
            "names": names,
            "titles": titles,
            "shown": SHOWN,
        },
    )


def _trial_library(plat: Platform, version: PolicyDraft) -> Library:
    """The library in force with this version in place of its policy's."""
    return policy_versions.trial_library(plat.library, version.file_name, version.text, version.policy_id)


@dataclass
class DecidedUnder:
    """The version an application was decided under, as its page tells it: the clauses and the amount rule."""

    version: PolicyDraft
    current: bool  # still the version in force
    clauses: list[tuple[str, str]]
    amount_rule: str | None
    formula: str | None


def decided_under(plat: Platform, session: Session, snapshot: dict[str, Any]) -> DecidedUnder | None:
    """The version named by the application's snapshot (its id, else its file's fingerprint), read from the kept
    text: a revision or a withdrawal since changes nothing of what the page says the decision was based on."""
    version = None
    if isinstance(snapshot.get("policy_version"), int):
        version = session.get(PolicyDraft, snapshot["policy_version"])
    version = version or policy_versions.of_decision(session, snapshot.get("policy_id"), snapshot.get("rule_version"))
    if version is None:
        return None
    benefit_id = snapshot.get("benefit_id")
    clauses: list[tuple[str, str]] = []
    rule = formula = None
    try:
        as_of = dt.date.fromisoformat(snapshot.get("as_of") or plat.as_of.isoformat())
        side = load_version(plat.library, version.file_name, version.text, as_of)
        spec = next(b for b in side.policy.benefits if b.id == benefit_id)
        cited = [c.clause for c in (*side.policy.common_conditions, *spec.conditions)]
        if spec.amount is not None:
            cited.append(spec.amount.clause)
            formula = spec.amount.formula
            compiled = side.benefits[spec.id].amount
            if compiled is not None:
                rule = Explainer(plat.schema, as_of).amount_rule(compiled, spec.amount.unit, spec.kind, spec.payout)
        clauses = [(k, side.policy.clauses[k]) for k in dict.fromkeys(cited) if k in side.policy.clauses]
    except (RuleError, RuleErrors, StopIteration, ValueError, KeyError):
        pass  # the kept text no longer loads beside today's library: the version is still named
    return DecidedUnder(version, version.digest == plat.library.versions.get(version.policy_id), clauses, rule, formula)


def _names(session: Session, entity_ids: list[str]) -> dict[str, str]:
    if not entity_ids:
        return {}
    rows = session.execute(select(Entity.entity_id, Entity.name).where(Entity.entity_id.in_(entity_ids)))
    return {entity_id: name for entity_id, name in rows}


# -- the steps ---------------------------------------------------------------------------------------------------


def _confirmed(confirm: str) -> None:
    if confirm != "yes":
        raise HTTPException(400, "请勾选确认（confirm）后再提交")


def _done(session: Session, version: PolicyDraft, step: Any) -> Response:
    try:
        step()
    except LifecycleError as exc:  # nothing is committed: the session's close rolls back what this step began
        raise HTTPException(exc.status, exc.message) from None
    except (RuleError, RuleErrors) as exc:  # the library would not stand with (or without) it: left as it was
        raise HTTPException(409, f"政策库不能按此变更成立（例如其他政策引用了它），未作改动：{exc}") from None
    session.commit()
    return RedirectResponse(f"/console/policy-versions/{version.id}", status_code=303)


Reason = Annotated[str, Form()]
Confirm = Annotated[str, Form()]


@router.post("/policy-versions/{draft_id}/submit", include_in_schema=False, dependencies=[Depends(csrf)])
def submit(
    draft_id: int, user: VersionAuthor, plat: Plat, session: DbSession, confirm: Confirm = "", reason: Reason = ""
) -> Response:
    _confirmed(confirm)
    version = _version(session, draft_id)
    if unfilled := workbench.placeholders(version.text):  # what the extractor left for a person is not reviewed
        raise HTTPException(409, "草稿仍有待填写的内容，请在工作台中填写后再提交：" + "、".join(unfilled))
    problems, _added, report = _stage(plat, version.file_name, version.text)  # the file, on today's library
    if problems or report is None:
        raise HTTPException(409, "该版本与当前政策库不再相容，请修改后重新上传：" + "；".join(problems))
    # its cases are the submit step's own gate, which names each disagreeing case and condition
    return _done(
        session, version, lambda: policy_lifecycle.submit(session, version, user.username, plat.library, reason)
    )


@router.post("/policy-versions/{draft_id}/approve", include_in_schema=False, dependencies=[Depends(csrf)])
def approve(
    draft_id: int, user: VersionPublisher, session: DbSession, confirm: Confirm = "", reason: Reason = ""
) -> Response:
    _confirmed(confirm)
    version = _version(session, draft_id)
    return _done(session, version, lambda: policy_lifecycle.approve(session, version, user.username, reason))


@router.post("/policy-versions/{draft_id}/return", include_in_schema=False, dependencies=[Depends(csrf)])
def send_back(
    draft_id: int, user: VersionPublisher, session: DbSession, confirm: Confirm = "", reason: Reason = ""
) -> Response:
    _confirmed(confirm)
    version = _version(session, draft_id)
    return _done(session, version, lambda: policy_lifecycle.send_back(session, version, user.username, reason))


@router.post("/policy-versions/{draft_id}/publish", include_in_schema=False, dependencies=[Depends(csrf)])
def publish(
    draft_id: int,
    user: VersionPublisher,
    plat: Plat,
    session: DbSession,
    confirm: Confirm = "",
    reason: Reason = "",
    effective_from: Annotated[str, Form()] = "",
) -> Response:
    """Publish from the effective date; the library reloads in every process, and push re-matches the benefits
    whose rules changed (``push.events.library_changed``)."""
    _confirmed(confirm)
    day = parse_date(effective_from, "effective_from") if effective_from else plat.today()
    version = _version(session, draft_id)
    problems, _added, report = _stage(plat, version.file_name, version.text)  # the library may have moved on
    if problems or report is None or not report.ok:
        raise HTTPException(409, "该版本与当前政策库不再相容，请重新上传：" + "；".join(problems))
    changed: list[bool] = []
    response = _done(
        session,
        version,
        lambda: changed.append(policy_lifecycle.publish(plat, session, version, user.username, day, reason)),
    )
    if changed and changed[0]:
        from policyreach.push.events import library_changed

        library_changed(plat)
    return response


@router.post("/policy-versions/{draft_id}/withdraw", include_in_schema=False, dependencies=[Depends(csrf)])
def withdraw(
    draft_id: int, user: VersionPublisher, plat: Plat, session: DbSession, confirm: Confirm = "", reason: Reason = ""
) -> Response:
    _confirmed(confirm)
    version = _version(session, draft_id)
    response = _done(session, version, lambda: policy_lifecycle.withdraw(plat, session, version, user.username, reason))
    from policyreach.push.events import library_changed

    library_changed(plat)
    return response
