"""The ingest API (数据推送接口): registries' system accounts push batches with a bearer token (``app/ingest.py``).

``POST /api/ingest/batches?kind=&batch_id=&as_of=[&source=][&registry=][&format=]`` takes the body as it comes
(JSON lines, CSV in UTF-8 or GBK, XLSX, Parquet: ``format`` or the Content-Type says which), copied to disk in chunks
under ``POLICYREACH_INGEST_MAX_MB``; it answers the batch's report: 200 written (or written before: ``replayed``),
400 with every error by row and column (nothing written), 409 for a batch id used with other content. A system
account's source is its own; the administrator names the source it imports for. ``GET`` reads a report, ``POST
…/rollback`` undoes a batch.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse
from sqlalchemy.orm import Session

from policyreach import settings
from policyreach.app import authority, ingest
from policyreach.app.platform import Platform
from policyreach.population.catalogue import KIND_ZH, KINDS
from policyreach.redemption import audit
from policyreach.store.models import Account
from policyreach.web import scopes
from policyreach.web.api import ERRORS, api_account
from policyreach.web.deps import allow, csrf, db, platform
from policyreach.web.templating import templates
from policyreach.web.uploads import display_name, on_disk, too_large

BATCHES = "/api/ingest/batches"
router = APIRouter(prefix=BATCHES, tags=["ingest"], responses={**ERRORS, 409: ERRORS[400]})
DbSession = Annotated[Session, Depends(db)]
Plat = Annotated[Platform, Depends(platform)]
CONTENT_TYPES = {
    "text/csv": "csv",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/json-lines": "jsonl",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.apache.parquet": "parquet",
}


def _format(request: Request, given: str | None) -> str:
    if given is not None:
        if given not in ingest.FORMATS:
            raise HTTPException(400, f"format 应为 {'、'.join(ingest.FORMATS)} 之一")
        return given
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    found = CONTENT_TYPES.get(content_type)
    if found is None:
        raise HTTPException(
            400, "无法确定批次格式：请用 Content-Type（text/csv、application/x-ndjson 等）或 format 参数说明"
        )
    return found


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, f"as_of 应为日期（如 2026-05-31），收到“{value[:40]}”") from None


def _source(user: Account, source: str | None) -> str:
    if user.role == authority.REGISTRY:
        if source not in (None, user.department):
            raise HTTPException(403, f"本账号只能推送{user.department}的数据")
        return str(user.department)
    if not source:
        raise HTTPException(400, "管理员导入须用 source 参数说明数据来源（如 tax）")
    return source


def _answer(report: ingest.BatchReport) -> JSONResponse:
    body = {**report.as_dict(), "summary": report.summary()}
    return JSONResponse(body, status_code=200 if report.ok else 400)


@router.post("")
async def push_batch(
    request: Request,
    plat: Plat,
    user: Annotated[Account, Depends(allow("ingest.write", who=api_account))],
    kind: str,
    batch_id: str,
    as_of: str,
    source: str | None = None,
    registry: str | None = None,
    format: str | None = None,
) -> JSONResponse:
    """Push one batch of a registry's data; all rows or none, once per batch id (the report says what changed)."""
    if kind not in KINDS:
        raise HTTPException(400, f"kind 应为 {'、'.join(KINDS)} 之一")
    day = _date(as_of)
    chosen = _source(user, source)
    suffix = ingest.FORMATS[_format(request, format)]
    cap = settings.ingest_max_bytes()
    with tempfile.TemporaryDirectory(prefix="policyreach-ingest-") as tmp:
        path = Path(tmp) / f"batch{suffix}"
        size = 0
        with path.open("wb") as out:
            async for chunk in request.stream():
                size += len(chunk)
                if size > cap:
                    raise too_large("批次", cap)
                out.write(chunk)
        try:
            report = await run_in_threadpool(
                ingest.submit,
                plat,
                path,
                source=chosen,
                kind=kind,
                batch_id=batch_id,
                as_of=day,
                actor=user,
                submitted_by=user.username,
                registry=registry,
                audit_record=audit.record,
            )
        except ingest.BatchConflict as exc:
            raise HTTPException(409, str(exc)) from exc
    return _answer(report)


@router.get("")
def list_batches(
    session: DbSession, user: Annotated[Account, Depends(allow("ingest.read", who=api_account))]
) -> list[dict[str, Any]]:
    """The latest batches (a system account: its own source's)."""
    own = user.department if user.role == authority.REGISTRY else None
    return [
        {"source": b.source, "batch_id": b.batch_id, "state": b.state, "at": b.at.isoformat(), "report": b.report}
        for b in ingest.batches(session, own)
    ]


@router.get("/{source}/{batch_id}")
def batch_report(
    source: str,
    batch_id: str,
    session: DbSession,
    user: Annotated[Account, Depends(allow("ingest.read", scopes.ingest_batch, who=api_account))],
) -> dict[str, Any]:
    """One batch's report."""
    found = ingest.load_batch(session, source, batch_id)
    assert found is not None  # the scope resolved it
    report = ingest.BatchReport.from_dict(found.report)
    return {**report.as_dict(), "state": found.state, "summary": report.summary()}


@router.post("/{source}/{batch_id}/rollback")
async def rollback_batch(
    source: str,
    batch_id: str,
    plat: Plat,
    user: Annotated[Account, Depends(allow("ingest.write", scopes.ingest_batch, who=api_account))],
) -> dict[str, Any]:
    """Undo a batch: every value it changed restored, all or nothing (409 when a later batch changed one since)."""
    try:
        report = await run_in_threadpool(ingest.rollback, plat, source, batch_id, user.username, audit.record)
    except ingest.RollbackRefused as exc:
        raise HTTPException(409, str(exc)) from exc
    except ingest.BatchNotFound as exc:
        raise HTTPException(404, str(exc)) from exc
    return {**report.as_dict(), "summary": report.summary()}


# -- the console's file import: the same path as a registry's push ---------------------------------------------------

console_router = APIRouter(prefix="/console/ingest", include_in_schema=False)
SUFFIXES = {".csv": "csv", ".txt": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".xlsx": "xlsx", ".parquet": "parquet"}


def _console_page(
    request: Request,
    session: Session,
    user: Account,
    report: ingest.BatchReport | None = None,
    errors: list[str] | None = None,
    status: int = 200,
) -> HTMLResponse:
    plat: Platform = request.app.state.platform
    own = user.department if user.role == authority.REGISTRY else None
    sources = {k: v for k, v in plat.schema.sources.items() if k != "self_declared" and own in (None, k)}
    context = {
        "user": user,
        "report": report,
        "errors": errors or [],
        "sources": sources,
        "registries": plat.schema.registries,
        "kinds": KIND_ZH,
        "batches": ingest.batches(session, own),
    }
    return templates.TemplateResponse(request, "console_ingest.html", context, status_code=status)


@console_router.get("", response_class=HTMLResponse)
def ingest_page(
    request: Request, session: DbSession, user: Annotated[Account, Depends(allow("ingest.read"))]
) -> HTMLResponse:
    """The latest batches and a form to import a registry's file (导入登记数据)."""
    return _console_page(request, session, user)


@console_router.post("", response_class=HTMLResponse, dependencies=[Depends(csrf)])
async def ingest_file(
    request: Request,
    session: DbSession,
    plat: Plat,
    user: Annotated[Account, Depends(allow("ingest.write"))],
    file: Annotated[UploadFile, File()],
    source: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "enterprise",
    batch_id: Annotated[str, Form()] = "",
    as_of: Annotated[str, Form()] = "",
    registry: Annotated[str, Form()] = "",
) -> HTMLResponse:
    """An officer's or a registry's file, through the very path of the ingest API (``app.ingest.submit``)."""
    name = display_name(file, "导入文件")
    suffix = Path(name).suffix.lower()
    problems = []
    if suffix not in SUFFIXES:
        problems.append(f"文件类型应为 {'、'.join(SUFFIXES)}：{name}")
    if kind not in KINDS:
        problems.append("请选择主体类型")
    if not batch_id.strip():
        problems.append("请填写批次号")
    try:
        day = dt.date.fromisoformat(as_of.strip())
    except ValueError:
        problems.append(f"“数据截至日期”应为日期（如 2026-05-31），收到“{as_of[:40]}”")
    if user.role == authority.REGISTRY:
        source = str(user.department)
    if problems:
        return _console_page(request, session, user, errors=problems, status=400)
    async with on_disk(file, suffix, settings.ingest_max_bytes()) as path:
        try:
            report = await run_in_threadpool(
                ingest.submit,
                plat,
                path,
                source=source,
                kind=kind,
                batch_id=batch_id.strip(),
                as_of=day,
                actor=user,
                submitted_by=user.username,
                registry=registry or None,
                audit_record=audit.record,
            )
        except ingest.BatchConflict as exc:
            return _console_page(request, session, user, errors=[str(exc)], status=409)
    return _console_page(request, session, user, report=report, status=200 if report.ok else 400)


@console_router.post("/{source}/{batch_id}/rollback", response_class=HTMLResponse, dependencies=[Depends(csrf)])
async def rollback_from_console(
    request: Request,
    source: str,
    batch_id: str,
    session: DbSession,
    plat: Plat,
    user: Annotated[Account, Depends(allow("ingest.write", scopes.ingest_batch))],
) -> HTMLResponse:
    """The rollback of the API, from the batches' list: the page answers with the restored count or why not."""
    try:
        report = await run_in_threadpool(ingest.rollback, plat, source, batch_id, user.username, audit.record)
    except ingest.RollbackRefused as exc:
        return _console_page(request, session, user, errors=[str(exc)], status=409)
    except ingest.BatchNotFound as exc:  # the scope found it a moment ago: rolled away by a concurrent restore
        return _console_page(request, session, user, errors=[str(exc)], status=404)
    return _console_page(request, session, user, report=report)
