"""The government console (政府端): the library with its tests, who qualifies, push lists, search, uploads."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import tempfile
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

import plotly
import plotly.graph_objects as go
import polars as pl
from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from openpyxl import Workbook
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from policyreach import plugins, settings
from policyreach.app import aggregates, authority, passwords, policy_versions
from policyreach.app.accounts import hash_password
from policyreach.app.authority import Scope
from policyreach.app.platform import Platform
from policyreach.engine.cases import TestReport, run_tests
from policyreach.imports.registries import contradictions
from policyreach.redemption import policy_lifecycle
from policyreach.redemption import queue as review_queue
from policyreach.rules import ranges
from policyreach.rules.errors import RuleError, RuleErrors
from policyreach.rules.library import CompiledBenefit, load_library
from policyreach.rules.policy import Policy
from policyreach.simulation.dimensions import DIMENSIONS
from policyreach.standards import divisions
from policyreach.store.entities import contacts
from policyreach.store.models import Account, Entity, Interaction, PolicyDraft
from policyreach.web import scopes
from policyreach.web.charts import figure_html
from policyreach.web.deps import allow, csrf, db, officer, platform
from policyreach.web.downloads import attachment, file_name
from policyreach.web.templating import templates
from policyreach.web.uploads import read_limited
from policyreach.workbooks import UnreadableFile, decode_text

router = APIRouter(prefix="/console")
DbSession = Annotated[Session, Depends(db)]
Officer = Annotated[Account, Depends(officer)]
Plat = Annotated[Platform, Depends(platform)]
BenefitReader = Annotated[Account, Depends(allow("benefit.read", scopes.benefit))]
SPLITS = ("district", "section", "size_class")
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def _visible(plat: Platform, user: Account) -> list[CompiledBenefit]:
    """Officers see their department's benefits; admins see all."""
    return [
        b
        for b in plat.compiled.benefits
        if authority.allowed(user, "benefit.read", Scope.of_department(b.spec.department))
    ]


@router.get("", response_class=HTMLResponse, include_in_schema=False)
def library_page(request: Request, user: Officer, plat: Plat, session: DbSession) -> HTMLResponse:
    benefits = _visible(plat, user)
    if aggregates.built(session):  # maintained by delta as entities change (app/aggregates.py): no re-match here
        counts = aggregates.benefit_counts(session)
        population = session.scalar(select(func.count()).select_from(Entity)) or 0
    else:  # not built yet since the population was loaded (the worker builds them): the simulation, as before
        sim = plat.simulation(session)
        counts = {r["benefit_id"]: r for r in sim.benefits.iter_rows(named=True)}
        population = sim.entities
    failures = {f.benefit for f in plat.test_report.failures or []}
    return templates.TemplateResponse(
        request,
        "console_library.html",
        {
            "todo": review_queue.todo(session, review_queue.visible_benefits(plat, user, session), plat.as_of),
            "review_days": settings.review_days(),
            "timedelta": dt.timedelta,
            "user": user,
            "benefits": benefits,
            "counts": counts,
            "failures": failures,
            "report": plat.test_report,
            "entities": population,
            "today": plat.as_of,
        },
    )


def _benefit_or_404(plat: Platform, user: Account, benefit_id: str) -> CompiledBenefit:
    for benefit in _visible(plat, user):
        if benefit.id == benefit_id:
            return benefit
    raise HTTPException(404, "没有这个兑现事项，或它不属于您所在部门")


def _chart(split: pl.DataFrame, title: str) -> str:
    hover = "%{x}<br>金额 %{y} 万元<br>%{text} 个主体"
    # floats only for drawing the bars; the tables next to the chart show the exact amounts
    figure = go.Figure(
        go.Bar(
            x=split["label"].to_list(),
            y=[float(v) for v in split["amount"]],
            text=split["entities"].to_list(),
            hovertemplate=hover,
        )
    )
    figure.update_layout(title=title, height=320, margin={"l": 40, "r": 10, "t": 40, "b": 80}, yaxis_title="万元")
    return figure_html(figure)


@router.get("/benefits/{benefit_id}", response_class=HTMLResponse, include_in_schema=False)
def benefit_page(
    request: Request, benefit_id: str, user: BenefitReader, plat: Plat, session: DbSession
) -> HTMLResponse:
    benefit = _benefit_or_404(plat, user, benefit_id)
    row, splits, maintained = _who_qualifies(plat, session, benefit_id)
    charts = {
        dim: _chart(split.filter(pl.col("entities") > 0), f"按{DIMENSIONS[dim]}") for dim, split in splits.items()
    }
    return templates.TemplateResponse(
        request,
        "console_benefit.html",
        {
            "user": user,
            "b": benefit,
            "row": row,
            "splits": splits,
            "maintained": maintained,
            "charts": charts,
            "DIMENSIONS": DIMENSIONS,
            "tests": [c for cases in plat.library.tests.values() for c in cases if benefit_id in c.expect],
            "failures": [f for f in plat.test_report.failures or [] if f.benefit == benefit_id],
            "links": plugins.benefit_links(session, benefit_id),
            "today": plat.as_of,
        },
    )  # 政协提案 whose answer this benefit implements


def _who_qualifies(
    plat: Platform, session: Session, benefit_id: str
) -> tuple[dict[str, Any], dict[str, pl.DataFrame], bool]:
    """The benefit's counts and its splits by district, section and size; from the maintained aggregates once
    built (a registry update moves them by delta: no re-match of the city per view, which at a million entities
    takes minutes), else from the simulation, whose splits also give each value's population. The third item says
    which (the maintained figures keep no partial pairs and no population per value)."""
    if aggregates.built(session):
        return (
            aggregates.benefit_row(session, benefit_id),
            {dim: aggregates.splits(session, benefit_id, dim) for dim in SPLITS},
            True,
        )
    sim = plat.simulation(session)
    row = sim.benefits.filter(pl.col("benefit_id") == benefit_id).row(0, named=True)
    return row, {dim: sim.by(dim, [benefit_id]) for dim in SPLITS}, False


@router.get("/benefits/{benefit_id}/export.xlsx", include_in_schema=False)
def benefit_export(benefit_id: str, user: BenefitReader, plat: Plat, session: DbSession) -> Response:
    _benefit_or_404(plat, user, benefit_id)
    _, splits, maintained = _who_qualifies(plat, session, benefit_id)
    book = Workbook()
    book.remove(book.worksheets[0])  # one sheet per split instead of the empty one a new workbook comes with
    for dim, split in splits.items():
        sheet = book.create_sheet(f"按{DIMENSIONS[dim]}")
        middle = "可能符合主体数" if maintained else "主体数"
        sheet.append([DIMENSIONS[dim], middle, "符合主体数", "金额（万元）"])
        for r in split.iter_rows(named=True):
            sheet.append([r["label"], r["likely"] if maintained else r["population"], r["entities"], r["amount"]])
    return _xlsx(book, f"{benefit_id}-符合情况.xlsx")


def _push_list(plat: Platform, session: Session, benefit_id: str) -> pl.DataFrame:
    """Eligible entities that have not said they applied elsewhere: whom to contact (政策找人); the stored pairs
    once built (no re-match of the city per view), else the simulation."""
    if aggregates.built(session):
        eligible = aggregates.eligible(session, benefit_id)
    else:
        eligible = plat.simulation(session).eligible([benefit_id])
    applied = {
        e
        for (e,) in session.execute(
            select(Entity.entity_id)
            .join(Interaction)
            .where(Interaction.benefit_id == benefit_id, Interaction.action == "applied_elsewhere")
        )
    }
    people = contacts(session, eligible["entity_id"].to_list())
    return (
        eligible.join(people, on="entity_id")
        .filter(~pl.col("entity_id").is_in(list(applied)))
        .sort("amount", descending=True)
    )


@router.get("/benefits/{benefit_id}/push", response_class=HTMLResponse, include_in_schema=False)
def push_page(request: Request, benefit_id: str, user: BenefitReader, plat: Plat, session: DbSession) -> HTMLResponse:
    benefit = _benefit_or_404(plat, user, benefit_id)
    rows = _push_list(plat, session, benefit_id)
    return templates.TemplateResponse(request, "console_push.html", {"user": user, "b": benefit, "rows": rows})


@router.get("/benefits/{benefit_id}/push.xlsx", include_in_schema=False)
def push_export(benefit_id: str, user: BenefitReader, plat: Plat, session: DbSession) -> Response:
    benefit = _benefit_or_404(plat, user, benefit_id)
    book = Workbook()
    sheet = book.worksheets[0]  # the sheet a new workbook comes with
    sheet.title = "待联系主体"
    sheet.append(["主体编号", "名称", "统一社会信用代码", "区县", "预计金额（万元）"])
    for r in _push_list(plat, session, benefit_id).iter_rows(named=True):
        district = (divisions.name_of(r["district"]) or r["district"]) if r["district"] else None
        sheet.append([r["entity_id"], r["name"], r["uscc"], district, r["amount"]])
    return _xlsx(book, file_name(benefit.spec.title, "待联系主体", suffix=".xlsx"))


def _xlsx(book: Workbook, filename: str) -> Response:
    buffer = io.BytesIO()
    book.save(buffer)
    return Response(
        buffer.getvalue(),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": attachment(filename)},
    )


@router.get("/entities", response_class=HTMLResponse, include_in_schema=False)
def entity_search(
    request: Request,
    user: Officer,
    session: DbSession,
    q: str = "",
    district: str = "",
    industry: str = "",
    cert: str = "",
) -> HTMLResponse:
    query = select(Entity).order_by(Entity.entity_id).limit(50)
    if q:
        query = query.where(or_(Entity.name.contains(q), Entity.uscc == q.upper(), Entity.entity_id == q))
    if district:
        query = query.where(Entity.district == district)
    if industry:
        query = query.where(Entity.industry.startswith(industry.upper()))
    found = list(session.scalars(query))
    if cert:
        found = [e for e in found if e.values.get(cert) is not None]
    certs = {
        a.name: a.label for a in request.app.state.platform.schema.attributes.values() if a.name.startswith("cert_")
    }
    return templates.TemplateResponse(
        request,
        "console_entities.html",
        {
            "user": user,
            "found": found,
            "params": {"q": q, "district": district, "industry": industry, "cert": cert},
            "certs": certs,
        },
    )


@router.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
def entity_page(
    request: Request,
    entity_id: str,
    user: Annotated[Account, Depends(allow("entity.search"))],
    plat: Plat,
    session: DbSession,
) -> HTMLResponse:
    entity = session.scalar(select(Entity).where(Entity.entity_id == entity_id))
    if entity is None:
        raise HTTPException(404, "没有这个主体")
    record = plat.record(entity)
    # self-declared values a complete list in force contradicts: the officer checks them before any money moves
    disputed = [
        (plat.schema.attributes[attr].label, record.values[attr], imp.sentence())
        for attr, imp in contradictions(record, plat.schema, plat.imports)
    ]
    return templates.TemplateResponse(
        request,
        "console_entity.html",
        {
            "user": user,
            "entity": entity,
            "matches": plat.matches(session, entity, habits=False),
            # values stored out of range or type: evaluated as unknown, shown here so that an officer corrects them
            "flagged": ranges.flagged(plat.schema, entity.values),
            "contradictions": disputed,
        },
    )


@router.get("/upload", response_class=HTMLResponse, include_in_schema=False)
def upload_page(
    request: Request, user: Annotated[Account, Depends(allow("policy.author"))], session: DbSession, note: str = ""
) -> HTMLResponse:
    context = {
        "user": user,
        "errors": [],
        "result": None,
        "drafts": _drafts(session, user),
        "states": policy_versions.STATE_ZH,
        "note": note[:200],
    }
    return templates.TemplateResponse(request, "console_upload.html", context)


def _stage(plat: Platform, name: str, text: str) -> tuple[list[str], Policy | None, TestReport | None]:
    """Validate the file with the library around it and run its cases, in a staging directory of copies: the
    library directory is never written here, whatever the file holds."""
    with tempfile.TemporaryDirectory(prefix="policyreach-staging-") as staging:
        for existing in plat.library_dir.rglob("*.yaml"):  # the files the library loads (load_library)
            if existing.name != name:
                copy = Path(staging) / existing.relative_to(plat.library_dir)
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(existing, copy)
        (Path(staging) / name).write_text(text, encoding="utf-8")
        try:
            trial = load_library([staging], plat.schema)
        except RuleErrors as exc:
            return [str(e).replace(staging + "/", "") for e in exc.errors], None, None
        except RuleError as exc:
            return [str(exc).replace(staging + "/", "")], None, None
    added = next(p for pid, p in trial.policies.items() if Path(trial.files[pid]).name == name)
    return [], added, run_tests(trial, policy_ids=[added.id])


def _departments(policy: Policy) -> set[str]:
    """A policy file belongs to the departments its benefits name (the one that handles each, and its path)."""
    return {d for b in policy.benefits for d in (b.department, b.application.department)}


def _replaced_departments(plat: Platform, name: str) -> set[str]:
    """The departments of the file an upload of this name would replace (none for a new file)."""
    return {
        d
        for pid, file in plat.library.files.items()
        if Path(file).name == name
        for d in _departments(plat.library.policies[pid])
    }


@router.post("/upload", response_class=HTMLResponse, include_in_schema=False, dependencies=[Depends(csrf)])
async def upload(
    request: Request,
    user: Annotated[Account, Depends(allow("policy.author"))],
    plat: Plat,
    session: DbSession,
    policy: Annotated[UploadFile, File()],
) -> HTMLResponse:
    """Stage an uploaded policy (validate it and run its cases); when both pass, keep it as a draft of its
    department. It is published by someone else: a second officer through its versions, or the administrator at
    once (never the one who uploaded it)."""
    name = Path(policy.filename or "policy.yaml").name

    def page(
        errors: list[str], result: dict[str, Any] | None, status: int = 200, proposed: list | None = None
    ) -> HTMLResponse:
        context = {
            "user": user,
            "errors": errors,
            "result": result,
            "drafts": _drafts(session, user),
            "states": policy_versions.STATE_ZH,
        }
        context["proposals"] = proposed or []  # attributes the draft proposes: accepted on the page (web.schema_ext)
        return templates.TemplateResponse(request, "console_upload.html", context, status_code=status)

    if not name.endswith((".yaml", ".yml")) or name.startswith("."):
        return page([f"政策文件须为 .yaml 文件：{name}"], None, 422)
    try:
        text = decode_text(await read_limited(policy, settings.text_upload_max_bytes()), name)
    except UnreadableFile as exc:
        return page([str(exc)], None, 400)
    errors, added, report = _stage(plat, name, text)
    if errors or added is None or report is None:
        from policyreach.web.schema_ext import proposals

        return page(errors, None, 422, proposals(plat.schema, text))
    departments = _departments(added) | _replaced_departments(plat, name)
    if not authority.departments_allowed(user, "policy.author", departments):
        others = "、".join(sorted(departments - {user.department or ""}))
        return page([f"您只能上传本部门（{user.department}）的政策；{name} 涉及：{others}"], None, 403)
    result: dict[str, Any] = {"policy": added, "report": report, "published": False, "draft": None}
    if report.ok and report.cases:
        draft = policy_versions.new_draft(
            session, name=name, policy=added, text=text, cases=report.cases, author=user.username
        )
        session.commit()
        result["draft"] = draft
    return page([], result)


def _drafts(session: Session, user: Account) -> list[PolicyDraft]:
    # work in progress; what was published is the versions' page's (/console/policies)
    pending = PolicyDraft.state.not_in(policy_versions.READ_AS_OF)
    rows = session.scalars(select(PolicyDraft).where(pending).order_by(PolicyDraft.id.desc()).limit(50))
    return [d for d in rows if authority.allowed(user, "policy.author", Scope.of_department(d.department))]


def _publish_draft(plat: Platform, session: Session, draft: PolicyDraft, user: Account) -> object:
    """Write the draft into the library (atomically, see ``Platform.publish_file``) and mark it published."""
    policy_lifecycle.publish_directly(plat, session, draft, user.username)
    session.commit()
    from policyreach.push.events import library_changed

    return library_changed(plat)  # 政策找人: re-match what changed, in the background


@router.post("/drafts/{draft_id}/publish", include_in_schema=False, dependencies=[Depends(csrf)])
def publish_draft(
    draft_id: int,
    user: Annotated[Account, Depends(allow("policy.publish", scopes.draft))],
    plat: Plat,
    session: DbSession,
) -> Response:
    """The draft's publish action (the administrator's; the officer workbench adds a second officer's approval)."""
    draft = session.get(PolicyDraft, draft_id)
    if draft is None or draft.state != "draft":
        raise HTTPException(409, "该草稿已发布或不存在")
    errors, _added, report = _stage(plat, draft.file_name, draft.text)  # the library may have moved on since
    if errors or report is None or not report.ok:
        raise HTTPException(409, "草稿与当前政策库不再相容，请重新上传：" + "；".join(errors))
    try:
        _publish_draft(plat, session, draft, user)
    except policy_lifecycle.LifecycleError as exc:
        raise HTTPException(exc.status, exc.message) from None
    return RedirectResponse("/console/upload", status_code=303)


@router.get("/vendor/plotly.min.js", include_in_schema=False)
def plotly_js(_user: Officer) -> FileResponse:
    """Plotly's JavaScript from the installed package, never from a CDN."""
    return FileResponse(PLOTLY_JS, media_type="application/javascript")


Admin = Annotated[Account, Depends(allow("accounts.manage"))]
ROLES = {
    "enterprise": "企业",
    "institute": "院所/高校",
    "talent": "人才",
    "officer": "部门工作人员",
    "finance": "财政局（资金管理）",
    "admin": "管理员",
}


@router.get("/accounts", response_class=HTMLResponse, include_in_schema=False)
def accounts_page(
    request: Request, user: Admin, session: DbSession, error: str = "", created: str = "", note: str = ""
) -> HTMLResponse:
    rows = list(session.scalars(select(Account).order_by(Account.id)))
    return templates.TemplateResponse(
        request,
        "console_accounts.html",
        {"user": user, "rows": rows, "roles": ROLES, "error": error, "created": created, "note": note},
    )


@router.post("/accounts", include_in_schema=False, dependencies=[Depends(csrf)])
def create_account(
    request: Request,
    user: Admin,
    session: DbSession,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    role: Annotated[str, Form()],
    subject: Annotated[str, Form()] = "",
    publisher: Annotated[str, Form()] = "",
) -> Response:
    """Create an account: a firm's by its USCC or entity id, an officer's with a department (and, ticked, the
    department's publisher permission: approving and publishing its policy versions, four eyes)."""

    def again(message: str) -> Response:
        refused = accounts_page(request, user, session, error=message)
        refused.status_code = 400
        return refused

    if role not in ROLES or not username.strip():
        return again("请填写用户名（username），并选择角色（role）")
    broken = passwords.problems(password, username)
    if broken:
        return again("初始密码（password）：" + "；".join(broken))
    if session.scalar(select(Account).where(Account.username == username.strip())):
        return again(f"用户名 {username} 已存在")
    entity_pk, department = None, None
    if role in ("enterprise", "institute", "talent"):
        entity = session.scalar(
            select(Entity).where(or_(Entity.uscc == subject.strip().upper(), Entity.entity_id == subject.strip()))
        )
        if entity is None or entity.kind != role:
            return again(f"没有找到类型为“{ROLES[role]}”、代码或编号为“{subject}”的主体")
        entity_pk = entity.id
    elif role in ("officer", "finance"):
        if not subject.strip():
            return again("部门工作人员和财政局账号须填写所在部门")
        department = subject.strip()
    session.add(
        Account(
            username=username.strip(),
            password_hash=hash_password(password),
            role=role,
            entity_pk=entity_pk,
            department=department,
            display_name=subject.strip() or username,
            publisher=role == "officer" and publisher == "yes",
            must_change_password=True,  # the administrator chose it: its owner replaces it at the first sign-in
        )
    )
    session.commit()
    return RedirectResponse(f"/console/accounts?created={quote(username.strip())}", status_code=303)
