"""The console's 政策找人 pages: the reach funnel per benefit (chart, splits, XLSX), re-match jobs with their
progress, and deliveries that failed."""

from __future__ import annotations

from typing import Annotated

import plotly.graph_objects as go
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from policyreach.app.platform import Platform
from policyreach.push import events, funnel
from policyreach.push.channels import CHANNEL_ZH
from policyreach.push.jobs import STATE_ZH, job_status
from policyreach.push.models import Delivery, Job, Notification
from policyreach.push.notify import delivery_summary
from policyreach.store.models import Account, Entity
from policyreach.web import scopes
from policyreach.web.charts import figure_html
from policyreach.web.console import _benefit_or_404, _visible
from policyreach.web.deps import allow, csrf, db, officer, platform
from policyreach.web.downloads import attachment, file_name
from policyreach.web.templating import templates

router = APIRouter(prefix="/console")
DbSession = Annotated[Session, Depends(db)]
Officer = Annotated[Account, Depends(officer)]
BenefitReader = Annotated[Account, Depends(allow("benefit.read", scopes.benefit))]
Plat = Annotated[Platform, Depends(platform)]
EVENT_ZH = {"baseline": "首次建档", "published": "发布", "changed": "修订", "withdrawn": "撤回"}
JOB_KIND_ZH = {
    "push.rematch_benefit": "重新匹配兑现事项",
    "push.rematch_entity": "重新匹配主体",
    "push.reminders": "申报期提醒",
    "push.announce": "公示通知",
}


def _job_titles(plat: Platform, session: Session, jobs: list[Job]) -> dict[int, str]:
    """What each job works on, as an officer reads it: the benefit's title or the entity's name, never an id."""
    entity_of = {j.id: int(pk) for j in jobs if str(pk := j.payload.get("entity_pk", "")).isdigit()}
    names: dict[int, str] = {}
    if entity_of:
        query = select(Entity.id, Entity.name).where(Entity.id.in_(set(entity_of.values())))
        names = {pk: name for pk, name in session.execute(query)}
    benefits = {b.id: b.spec.title for b in plat.library.benefits}
    titles = {}
    for job in jobs:
        what = benefits.get(str(job.payload.get("benefit_id", ""))) or names.get(entity_of.get(job.id, 0)) or ""
        titles[job.id] = "：".join(filter(None, (JOB_KIND_ZH.get(job.kind, "后台任务"), what)))
    return titles


@router.get("/funnel", response_class=HTMLResponse, include_in_schema=False)
def overview(request: Request, user: Officer, plat: Plat, session: DbSession) -> HTMLResponse:
    visible = {b.id: b for b in _visible(plat, user)}
    table = funnel.totals(funnel.entity_stages(session, list(visible))) if visible else None
    rows = [r for r in table.iter_rows(named=True)] if table is not None else []
    recent = list(session.scalars(select(Job).where(Job.kind.like("push.%")).order_by(Job.id.desc()).limit(15)))
    failed = session.execute(
        select(Delivery, Notification)
        .join(Notification, Notification.id == Delivery.notification_id)
        .where(Delivery.state == "failed")
        .order_by(Delivery.id.desc())
        .limit(50)
    ).all()
    return templates.TemplateResponse(
        request,
        "console_funnel.html",
        {
            "user": user,
            "b": None,
            "rows": rows,
            "benefits": visible,
            "jobs": recent,
            "job_titles": _job_titles(plat, session, recent),
            "running": any(j.state in ("pending", "running") for j in recent),
            "JOB_ZH": STATE_ZH,
            "EVENT_ZH": EVENT_ZH,
            "deliveries": delivery_summary(session),
            "failed": failed,
            "CHANNEL_ZH": CHANNEL_ZH,
            "STAGE_ZH": funnel.STAGE_ZH,
            "STAGES": funnel.STAGES,
        },
    )


def _chart(counts: dict[str, int], title: str) -> str:
    figure = go.Figure(
        go.Funnel(
            y=[funnel.STAGE_ZH[s] for s in funnel.STAGES],
            x=[counts[s] for s in funnel.STAGES],
            textinfo="value+percent initial",
        )
    )
    figure.update_layout(title=title, height=340, margin={"l": 90, "r": 10, "t": 40, "b": 20})
    return figure_html(figure)


@router.get("/funnel/{benefit_id}", response_class=HTMLResponse, include_in_schema=False)
def benefit_funnel(
    request: Request, benefit_id: str, user: BenefitReader, plat: Plat, session: DbSession
) -> HTMLResponse:
    benefit = _benefit_or_404(plat, user, benefit_id)
    counts = funnel.summary(session, benefit_id)
    splits = {dim: funnel.by_dimension(session, plat, benefit_id, dim) for dim in funnel.SPLITS}
    return templates.TemplateResponse(
        request,
        "console_funnel.html",
        {
            "user": user,
            "b": benefit,
            "counts": counts,
            "chart": _chart(counts, "政策触达漏斗"),
            "splits": splits,
            "SPLITS": funnel.SPLITS,
            "STAGE_ZH": funnel.STAGE_ZH,
            "STAGES": funnel.STAGES,
        },
    )


@router.post("/funnel/{benefit_id}/announce", include_in_schema=False, dependencies=[Depends(csrf)])
async def announce(
    request: Request,
    benefit_id: str,
    user: Annotated[Account, Depends(allow("benefit.announce", scopes.benefit))],
    plat: Plat,
    session: DbSession,
) -> Response:
    """A notice to every firm that can claim the benefit; only a legally required one overrides preferences."""
    _benefit_or_404(plat, user, benefit_id)
    form = await request.form()
    subject, body = str(form.get("subject", "")).strip(), str(form.get("body", "")).strip()
    if not subject or not body or len(subject) > 100 or len(body) > 1000:
        raise HTTPException(422, "请填写通知标题（100字以内）和正文（1000字以内）")
    job_id = events.announce(
        session, plat, benefit_id, subject, body, legal=form.get("legal") == "1", actor=user.username
    )
    session.commit()
    return RedirectResponse(f"/console/funnel?job={job_id}", status_code=303)


@router.get("/funnel/{benefit_id}/export.xlsx", include_in_schema=False)
def benefit_funnel_xlsx(benefit_id: str, user: BenefitReader, plat: Plat, session: DbSession) -> Response:
    benefit = _benefit_or_404(plat, user, benefit_id)
    return Response(
        funnel.xlsx(session, plat, benefit_id, benefit.spec.title),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": attachment(file_name(benefit.spec.title, "触达漏斗", suffix=".xlsx"))},
    )


@router.get("/push/jobs/{job_id}", include_in_schema=False)
def job_progress(job_id: int, _user: Officer, session: DbSession) -> JSONResponse:
    """A background job's state and progress (for the console, polled while a re-match runs)."""
    try:
        return JSONResponse(job_status(session, job_id))
    except KeyError as exc:
        raise HTTPException(404, "没有这个任务") from exc
