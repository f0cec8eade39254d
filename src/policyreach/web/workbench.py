"""The officer's workbench in the console: start a policy from a document or from scratch, edit every part of a
draft version in forms (never YAML), accept, rename or map the attributes its draft proposes. What is saved is the
version's policy file, checked as an uploaded file is; the lifecycle (submit, approve, publish) is the versions'
page's (``web.policies``). See docs/ARCHITECTURE.md, "Policy versions".
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from policyreach.app import authority, policy_versions
from policyreach.app import workbench as wb
from policyreach.app.authority import Scope
from policyreach.app.platform import Platform
from policyreach.app.schema_extension import ExtensionRefused, accept
from policyreach.redemption import audit
from policyreach.rules.schema import ProposedAttribute, Schema, extend
from policyreach.rules.types import Type
from policyreach.store.models import Account, PolicyDraft
from policyreach.web import scopes
from policyreach.web.deps import allow, csrf, db, platform
from policyreach.web.templating import templates
from policyreach.web.uploads import on_disk
from policyreach.workbooks import UnreadableFile

router = APIRouter(prefix="/console")
DbSession = Annotated[Session, Depends(db)]
Plat = Annotated[Platform, Depends(platform)]
Author = Annotated[Account, Depends(allow("policy.author"))]
VersionAuthor = Annotated[Account, Depends(allow("policy.author", scopes.draft))]
POLICY_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,60}$")
DOCUMENTS = (".docx", ".txt", ".pdf", ".html", ".htm")


def _drafts(session: Session, user: Account) -> list[PolicyDraft]:
    rows = session.scalars(
        select(PolicyDraft).where(PolicyDraft.state == "draft").order_by(PolicyDraft.id.desc()).limit(50)
    )
    return [d for d in rows if authority.allowed(user, "policy.author", Scope.of_department(d.department))]


@router.get("/workbench", response_class=HTMLResponse, include_in_schema=False)
def start_page(request: Request, user: Author, session: DbSession) -> HTMLResponse:
    """Start a policy from a document or from scratch; the department's drafts to go on with."""
    context = {"user": user, "drafts": _drafts(session, user), "error": None}
    return templates.TemplateResponse(request, "console_workbench_start.html", context)


@router.post("/workbench", include_in_schema=False, dependencies=[Depends(csrf)])
async def start(
    request: Request,
    user: Author,
    plat: Plat,
    session: DbSession,
    policy_id: Annotated[str, Form(max_length=80)] = "",
    title: Annotated[str, Form(max_length=200)] = "",
    text: Annotated[str, Form(max_length=200_000)] = "",
    document: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """A new policy's first draft version: the extractor's draft of the document (file or pasted text), else an
    empty policy; the officer goes on in the forms."""

    def refused(message: str, status: int = 400) -> HTMLResponse:
        context = {"user": user, "drafts": _drafts(session, user), "error": message}
        return templates.TemplateResponse(request, "console_workbench_start.html", context, status_code=status)

    policy_id = policy_id.strip() or f"wb-{plat.today():%Y%m%d}-{secrets.token_hex(3)}"
    if not POLICY_ID.match(policy_id):
        return refused("政策标识 policy_id 只能由小写字母、数字和连字符组成，且以字母或数字开头")
    taken = session.scalar(select(PolicyDraft.id).where(PolicyDraft.policy_id == policy_id).limit(1))
    if taken is not None or policy_id in plat.library.policies:
        return refused(f"政策标识 policy_id：{policy_id} 已被使用，请换一个")
    if document is not None and document.filename:
        suffix = Path(document.filename).suffix.lower()
        if suffix not in DOCUMENTS:
            return refused("政策文件 document 须为 PDF、Word（.docx）、网页（.html）或文本（.txt）")
        from policyreach.extract.documents import read_document

        try:
            async with on_disk(document, suffix) as path:
                text = read_document(path)
        except UnreadableFile as exc:
            return refused(f"政策文件 document 无法读取：{exc}")
    department = user.department or ""
    if text.strip():
        data = wb.from_document(text, policy_id)
        if not data.get("benefits"):
            return refused("政策文本 text 中没有读出任何奖补条款；可改为“从空白开始”，在表单中逐条编写")
        if title.strip():
            data["title"] = title.strip()
    else:
        data = wb.blank(policy_id, title.strip() or "新政策（待命名）", department, plat.today())
    version = PolicyDraft(
        file_name=f"{policy_id}.yaml",
        policy_id=policy_id,
        title=str(data["title"])[:200],
        department=department or str(data.get("issuer", ""))[:120],
        text=wb.dump(data),
        state="draft",
        cases=0,
        uploaded_by=user.username,
        version=1,
        digest="",
    )
    version.digest = policy_versions.digest(version.text)
    session.add(version)
    session.commit()
    return RedirectResponse(f"/console/workbench/{version.id}", status_code=303)


def _version(session: Session, draft_id: int) -> PolicyDraft:
    version = session.get(PolicyDraft, draft_id)
    if version is None:
        raise HTTPException(404, "没有这个版本")
    return version


def _schema(plat: Platform, data: dict[str, Any]) -> Schema:
    """The platform's schema with the attributes this draft proposes (what the picker offers and the checker uses)."""
    extra = {}
    for name, spec in (data.get("proposed_attributes") or {}).items():
        if isinstance(name, str) and plat.schema.field(name) is None:
            try:
                extra[name] = ProposedAttribute.model_validate(spec).attribute(name)
            except ValidationError:
                continue
    return extend(plat.schema, extra) if extra else plat.schema


def _page(
    request: Request,
    user: Account,
    plat: Plat,
    version: PolicyDraft,
    form: dict[str, Any],
    checked: wb.Checked,
    *,
    status: int = 200,
    note: str = "",
) -> HTMLResponse:
    data = wb.load(version.text)
    schema = _schema(plat, data)
    refs = [c["ref"] for c in form["clauses"]]
    beside: dict[str, list[int]] = {ref: [] for ref in refs}
    apart: list[int] = []
    for i, b in enumerate(form["benefits"]):
        cited = (b["amount"] or {}).get("clause") or next((c["clause"] for c in b["conditions"]), "")
        beside.get(cited, apart).append(i)
    groups = sorted({b["exclusive_group"] for b in form["benefits"] if b["exclusive_group"]})
    context = {
        "user": user,
        "version": version,
        "form": form,
        "errors": checked.fields,
        "general": checked.general,
        "beside": beside,
        "apart": apart,
        "groups": groups,
        "attributes": (picker := wb.attributes(schema)),
        "units": {a["name"]: a["unit"] for a in picker if a["unit"]},
        "proposed_names": [p["name"] for p in form["proposed"]],
        "accepted": {p["name"] for p in form["proposed"] if plat.schema.field(p["name"]) is not None},
        "placeholders": wb.placeholders(version.text),
        "editable": version.state == "draft",
        "note": note,
        "status": status,
        "wb": wb,
        "states": policy_versions.STATE_ZH,
    }
    return templates.TemplateResponse(request, "console_workbench.html", context, status_code=status)


@router.get("/workbench/{draft_id}", response_class=HTMLResponse, include_in_schema=False)
def edit_page(
    request: Request, draft_id: int, user: VersionAuthor, plat: Plat, session: DbSession, note: str = ""
) -> HTMLResponse:
    """The version in forms: the clauses on one side, each drafted benefit beside the clause it cites; what the
    checker says of the saved text at its field."""
    version = _version(session, draft_id)
    checked = wb.check(plat.library, version.file_name, version.text)
    return _page(request, user, plat, version, wb.to_form(wb.load(version.text)), checked, note=note[:200])


@router.post(
    "/workbench/{draft_id}", response_class=HTMLResponse, include_in_schema=False, dependencies=[Depends(csrf)]
)
async def save(request: Request, draft_id: int, user: VersionAuthor, plat: Plat, session: DbSession) -> Response:
    """Save the forms as the version's policy file when the checker accepts it, else show the page again with the
    officer's values and each message at its field (nothing saved). ``add``: show it with one more empty row."""
    version = _version(session, draft_id)
    if version.state != "draft":
        raise HTTPException(409, f"第 {version.version} 版已{policy_versions.STATE_ZH[version.state]}，不能再修改")
    posted = await request.form()
    post = {k: v for k, v in posted.items() if isinstance(v, str)}
    if add := post.get("add", ""):
        form = wb.unflatten(post)
        wb.add_row(form, add)
        return _page(request, user, plat, version, form, wb.Checked())
    stored = wb.load(version.text)
    try:
        data = wb.from_post(post, stored, _schema(plat, stored | _proposed_of(post)))
    except wb.FormErrors as exc:
        return _page(request, user, plat, version, wb.unflatten(post), wb.Checked(fields=exc.fields), status=422)
    if data.get("id") != version.policy_id:
        checked = wb.Checked(fields={"id": f"政策标识不能修改（本政策为 {version.policy_id}）"})
        return _page(request, user, plat, version, wb.unflatten(post), checked, status=422)
    text = wb.dump(data)
    checked = wb.check(plat.library, version.file_name, text)
    named = {
        str(d)
        for b in data["benefits"]
        for d in (b.get("department"), (b.get("application") or {}).get("department"))
        if d and not any(mark in str(d) for mark in wb.PLACEHOLDERS)
    }
    if named and not authority.departments_allowed(user, "policy.author", named | {version.department}):
        checked.general.append(f"您只能编写本部门（{user.department}）的政策；表单中涉及：{'、'.join(sorted(named))}")
    if not checked.ok:
        form = wb.unflatten(post)
        return _page(request, user, plat, version, form, _on_posted(checked, text, post), status=422)
    # compare-and-set on the state: a version submitted meanwhile is not changed under its reviewer
    moved = session.execute(
        update(PolicyDraft)
        .where(PolicyDraft.id == version.id, PolicyDraft.state == "draft")
        .values(text=text, digest=policy_versions.digest(text), title=str(data["title"])[:200])
    )
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        raise HTTPException(409, "该版本已提交审批，不能再修改")
    audit.record(session, user.username, "policy.edit", f"policy:{version.policy_id}:v{version.version}", {})
    session.commit()
    return RedirectResponse(f"/console/workbench/{version.id}?note={quote('已保存')}", status_code=303)


def _proposed_of(post: dict[str, str]) -> dict[str, Any]:
    """The proposed attributes as posted (their names and types decide how a value is written)."""
    found = {}
    for i in range(min(int(post.get("proposed", "0") or 0) if post.get("proposed", "0").isdigit() else 0, 50)):
        name = (post.get(f"proposed.{i}.name") or "").strip()
        if name:
            found[name] = {
                "label": post.get(f"proposed.{i}.label") or name,
                "type": post.get(f"proposed.{i}.type") or "decimal",
                "yearly": post.get(f"proposed.{i}.yearly") == "on",
            }
    return {"proposed_attributes": found} if found else {}


def _on_posted(checked: wb.Checked, text: str, post: dict[str, str]) -> wb.Checked:
    """The checker's fields are those of the text written from the post, whose rows are the posted ones without the
    removed: the field names are renumbered back to the posted rows so each message lands where it was typed."""
    mapping = _row_map(post)
    return wb.Checked(fields={mapping.get(k, k): v for k, v in checked.fields.items()}, general=checked.general)


def _row_map(post: dict[str, str]) -> dict[str, str]:
    """Field names of the written data (rows renumbered from 0, empty and removed rows left out) → posted names."""
    out: dict[str, str] = {}

    def rows(prefix: str, kept: list[int], written: str) -> None:
        for new, old in enumerate(kept):
            for key in ("attr", "year", "op", "value", "expr", "clause", "label", "weight", "name", "note"):
                out[f"{written}.{new}.{key}"] = f"{prefix}.{old}.{key}"

    def kept_rows(prefix: str, filled: tuple[str, ...], count: str | None = None) -> list[int]:
        raw = post.get(count or prefix, "0")
        n = int(raw) if raw.isdigit() else 0
        return [
            j
            for j in range(min(n, 500))
            if post.get(f"{prefix}.{j}.remove") != "on"
            and any((post.get(f"{prefix}.{j}.{k}") or "").strip() for k in filled)
        ]

    for new, old in enumerate(kept_rows("clause", ("ref", "text"), "clauses")):
        out[f"clause.{new}.text"], out[f"clause.{new}.ref"] = f"clause.{old}.text", f"clause.{old}.ref"
    rows("common", kept_rows("common", ("attr", "expr")), "common")
    n = int(post.get("benefits", "0")) if post.get("benefits", "0").isdigit() else 0
    benefits = [i for i in range(min(n, 200)) if post.get(f"b.{i}.remove") != "on"]
    for new, old in enumerate(benefits):
        for key in (*wb.BENEFIT_EDITED, "app_department", "channel", "steps", "opens", "closes"):
            out[f"b.{new}.{key}"] = f"b.{old}.{key}"
        for key in ("kind", "value", "attr", "year", "rate", "each", "most", "default", "expr", "cap", "floor"):
            out[f"b.{new}.a.{key}"] = f"b.{old}.a.{key}"
        for key in ("unit", "clause", "label", "schedule", "period_year", "rows"):
            out[f"b.{new}.a.{key}"] = f"b.{old}.a.{key}"
        rows(f"b.{old}.c", kept_rows(f"b.{old}.c", ("attr", "expr")), f"b.{new}.c")
        rows(f"b.{old}.m", kept_rows(f"b.{old}.m", ("name",), f"b.{old}.materials"), f"b.{new}.m")
    return out


Action = Annotated[str, Form(max_length=10)]


@router.post("/workbench/{draft_id}/attributes", include_in_schema=False, dependencies=[Depends(csrf)])
def proposed_attribute(
    draft_id: int,
    user: VersionAuthor,
    plat: Plat,
    session: DbSession,
    name: Annotated[str, Form(max_length=60)],
    action: Action,
    label: Annotated[str, Form(max_length=100)] = "",
    type: Annotated[str, Form(max_length=16)] = "decimal",
    unit: Annotated[str, Form(max_length=20)] = "",
    yearly: Annotated[str, Form(max_length=8)] = "",
    department: Annotated[str, Form(max_length=120)] = "",
    new_name: Annotated[str, Form(max_length=60)] = "",
    existing: Annotated[str, Form(max_length=60)] = "",
) -> Response:
    """A proposed attribute of the draft: ``accept`` it into the deployment's schema extension (as proposed, with
    the label, unit and department the officer corrected), ``rename`` it, or ``map`` it onto an attribute the
    schema has (every rule using it then uses that one). 400 in Chinese naming the field."""
    version = _version(session, draft_id)
    if version.state != "draft":
        raise HTTPException(409, f"第 {version.version} 版已{policy_versions.STATE_ZH[version.state]}，不能再修改")
    data = wb.load(version.text)
    proposed = data.get("proposed_attributes") or {}
    name = name.strip()
    if name not in proposed:
        raise HTTPException(400, f"属性标识 name：本草稿没有拟新增属性 {name[:60]}")
    if action == "accept":
        if not authority.allowed(user, "schema.extend"):
            raise HTTPException(403, "您没有采纳新属性的权限")
        if type not in {t.value for t in Type}:
            raise HTTPException(400, "属性类型 type 有误")
        try:
            spec = ProposedAttribute(
                label=label.strip() or str(proposed[name].get("label", "")),
                type=Type(type),
                unit=unit.strip() or None,
                yearly=yearly == "on",
                department=department.strip() or None,
            )
        except ValidationError:
            raise HTTPException(400, "中文名称 label 有误：不能为空，且不超过 100 字") from None
        try:
            accept(session, plat.schema, name, spec, user.username, version.policy_id)
        except ExtensionRefused as exc:
            session.rollback()
            raise HTTPException(400, str(exc)) from None
        proposed[name] = {k: v for k, v in spec.model_dump(mode="json").items() if v not in (None, False)}
        data["proposed_attributes"] = proposed  # the file keeps its declaration, agreeing with the schema now
        audit.record(session, user.username, "schema.extend", f"attribute:{name}", {"label": spec.label})
        note = f"已采纳属性“{spec.label}”"
    elif action == "rename":
        target = new_name.strip()
        if not re.fullmatch(r"[a-z][a-z0-9_]{0,59}", target) or plat.schema.field(target) is not None:
            raise HTTPException(400, "新标识 new_name 须为小写字母、数字和下划线，且不与已有属性重名")
        data = wb.rename_attribute(data, name, target, keep_declaration=True)
        note = f"已将属性“{proposed[name].get('label', '')}”的标识改为 {target}"
    elif action == "map":
        target = existing.strip()
        found = plat.schema.field(target)
        if found is None:
            raise HTTPException(400, f"对应属性 existing：模式中没有属性 {target[:60]}")
        data = wb.rename_attribute(data, name, target, keep_declaration=False)
        note = f"已将“{proposed[name].get('label', '')}”对应到已有属性“{found.label}”"
    else:
        raise HTTPException(400, "操作 action 应为 accept、rename 或 map")
    text = wb.dump(data)
    moved = session.execute(
        update(PolicyDraft)
        .where(PolicyDraft.id == version.id, PolicyDraft.state == "draft")
        .values(text=text, digest=policy_versions.digest(text))
    )
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        raise HTTPException(409, "该版本已提交审批，不能再修改")
    session.commit()
    return RedirectResponse(f"/console/workbench/{version.id}?note={quote(note)}", status_code=303)


@router.post("/workbench/{draft_id}/revise", include_in_schema=False, dependencies=[Depends(csrf)])
def revise(draft_id: int, user: VersionAuthor, session: DbSession, plat: Plat) -> Response:
    """A new draft version from this one's text (a published policy revised in the forms)."""
    version = _version(session, draft_id)
    open_draft = session.scalar(
        select(PolicyDraft.id).where(PolicyDraft.policy_id == version.policy_id, PolicyDraft.state == "draft").limit(1)
    )
    if open_draft is not None:
        return RedirectResponse(f"/console/workbench/{open_draft}", status_code=303)
    base = policy_versions.current(session, version.policy_id)
    draft = PolicyDraft(
        file_name=version.file_name,
        policy_id=version.policy_id,
        title=version.title,
        department=version.department,
        text=version.text,
        state="draft",
        cases=version.cases,
        uploaded_by=user.username,
        version=policy_versions.next_number(session, version.policy_id),
        based_on=base.id if base is not None else None,
        digest=version.digest,
    )
    session.add(draft)
    session.commit()
    return RedirectResponse(f"/console/workbench/{draft.id}", status_code=303)
