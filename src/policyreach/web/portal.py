"""The enterprise portal (企业端): login, profile with sources, ranked policies, clause-by-clause pages."""

from __future__ import annotations

import secrets
import time
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData, UploadFile

from policyreach import plugins, settings
from policyreach.app.accounts import check_password
from policyreach.app.funds import fund_of
from policyreach.app.platform import Platform
from policyreach.redemption import audit, funds, materials
from policyreach.redemption.bank import check_bank_account
from policyreach.redemption.claims import ClaimRefused, one_click
from policyreach.redemption.facts import facts_of
from policyreach.redemption.states import STATE_ZH, IllegalTransition, State
from policyreach.redemption.workflow import ANSWERS, move, respond_to_offer, submit
from policyreach.reports import matching
from policyreach.reports.pdf import PdfUnavailable, html_to_pdf
from policyreach.rules.errors import RuleError
from policyreach.rules.policy import PAID_OUT, payout_totals
from policyreach.store.models import Account, Application, AuditEntry, Entity, Interaction, ValueChange
from policyreach.web.deps import ENTITY_ROLES, account, csrf, db, entity_account, own_entity, platform, session_data
from policyreach.web.profile import parse_value, profile_rows
from policyreach.web.security import SESSION_COOKIE, SESSION_MAX_AGE
from policyreach.web.templating import templates

router = APIRouter()
ACTIONS = {"favourite": "收藏", "unfavourite": "取消收藏", "dismiss": "不感兴趣", "applied_elsewhere": "已在别处申报"}

DbSession = Annotated[Session, Depends(db)]
Own = Annotated[Entity, Depends(own_entity)]
Plat = Annotated[Platform, Depends(platform)]


@router.get("/", include_in_schema=False)
def home(request: Request, session: DbSession) -> RedirectResponse:
    data = session_data(request)
    user = session.get(Account, data["a"]) if data else None
    if user is None:
        return RedirectResponse("/login", status_code=303)
    if user.role in ENTITY_ROLES:
        return RedirectResponse("/me/policies", status_code=303)
    if user.role == "finance":
        return RedirectResponse("/console/funds", status_code=303)
    return RedirectResponse(plugins.home_for(user.role) or "/console", status_code=303)


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_page(request: Request, next: str = "/") -> HTMLResponse:
    return templates.TemplateResponse(request, "login.html", {"next": next, "error": None})


@router.post("/login", include_in_schema=False)
def login(
    request: Request,
    session: DbSession,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    limiter, address, now = request.app.state.login_limiter, request.client.host if request.client else "", time.time()
    if limiter.blocked(session, username, address, now):
        return templates.TemplateResponse(
            request, "login.html", {"next": next, "error": "登录失败次数过多，请5分钟后再试"}, status_code=429
        )
    user = session.scalar(select(Account).where(Account.username == username))
    if user is None or not check_password(user.password_hash, password):
        limiter.failed(session, username, address, now)
        return templates.TemplateResponse(
            request, "login.html", {"next": next, "error": "用户名或密码不正确"}, status_code=401
        )
    limiter.succeeded(session, username, address)
    audit.record(
        session, user.username, "login", f"account:{user.id}", {"ip": request.client.host if request.client else None}
    )
    session.commit()
    target = next if next.startswith("/") and not next.startswith("//") else "/"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        request.app.state.sessions.issue(user.id),
        max_age=SESSION_MAX_AGE,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )
    return response


@router.post("/logout", include_in_schema=False, dependencies=[Depends(csrf)])
def logout() -> RedirectResponse:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/me", response_class=HTMLResponse, include_in_schema=False)
def profile(
    request: Request, entity: Own, plat: Plat, user: Annotated[Account, Depends(entity_account)], saved: int = 0
) -> HTMLResponse:
    rows = profile_rows(plat, entity)
    return templates.TemplateResponse(
        request, "profile.html", {"user": user, "entity": entity, "rows": rows, "saved": saved, "errors": []}
    )


@router.post("/me/values", include_in_schema=False, dependencies=[Depends(csrf)])
async def edit_values(
    request: Request, session: DbSession, plat: Plat, user: Annotated[Account, Depends(entity_account)]
) -> Response:
    entity = session.get(Entity, user.entity_pk)
    assert entity is not None
    form = await request.form()
    editable = {row.column: row for row in profile_rows(plat, entity) if row.editable}
    values, provenance, errors, changed = dict(entity.values), dict(entity.provenance), [], []
    for column, row in editable.items():
        raw = str(form.get(column, "")).strip()
        try:
            value = parse_value(plat, column, raw)
        except (ValueError, RuleError) as exc:
            errors.append(f"{row.label}：{exc}")
            continue
        if value == values.get(column):
            continue
        session.add(
            ValueChange(
                entity_pk=entity.id,
                column=column,
                old=_text(values.get(column)),
                new=_text(value),
                source="self_declared",
                account_pk=user.id,
            )
        )
        if value is None:
            values.pop(column, None)
            provenance.pop(column, None)
        else:
            values[column] = value
            provenance[column] = {"source": "self_declared", "as_of": plat.as_of.isoformat(), "batch_id": None}
        changed.append(column)
    if errors:  # nothing is saved half-way
        session.rollback()
        return templates.TemplateResponse(
            request,
            "profile.html",
            {"user": user, "entity": entity, "rows": profile_rows(plat, entity), "saved": 0, "errors": errors},
            status_code=422,
        )
    entity.values, entity.provenance = values, provenance
    if changed:
        audit.record(session, user.username, "entity.values_edited", f"entity:{entity.entity_id}", {"columns": changed})
    session.commit()
    return RedirectResponse(f"/me?saved={len(changed)}", status_code=303)


def _text(value: object) -> str | None:
    return None if value is None else str(value)


@router.get("/me/policies", response_class=HTMLResponse, include_in_schema=False)
def my_policies(
    request: Request,
    session: DbSession,
    plat: Plat,
    user: Annotated[Account, Depends(entity_account)],
    kind: str = "",
    department: str = "",
    status: str = "",
) -> HTMLResponse:
    entity = session.get(Entity, user.entity_pk)
    assert entity is not None
    matches = plat.matches(session, entity)
    habits = plat.habits(session, entity)
    shown = [
        m
        for m in matches
        if (not kind or m.benefit.spec.kind == kind)
        and (not department or m.benefit.spec.department == department)
        and (not status or m.status == status)
        and m.benefit_id not in habits.dismissed
    ]
    departments = sorted({m.benefit.spec.department for m in matches})
    # what can still be claimed: eligible and not past this round's window; each payout its own sum
    claimable = [m for m in matches if m.status == "eligible" and m.window.status != "closed"]
    totals = payout_totals((m.payout, m.amount) for m in claimable)
    closed = sum(1 for m in matches if m.status == "eligible" and m.window.status == "closed")
    return templates.TemplateResponse(
        request,
        "policies.html",
        {
            "user": user,
            "entity": entity,
            "matches": shown,
            "all": matches,
            "departments": departments,
            "filters": {"kind": kind, "department": department, "status": status},
            "totals": totals,
            "closed": closed,
            "favourites": habits.favourites,
            "as_of": plat.as_of,
            "chances": plat.chances(session, entity) if any(m.status == "likely" for m in matches) else {},
        },
    )


@router.get("/me/benefits/{benefit_id}", response_class=HTMLResponse, include_in_schema=False)
def my_benefit(
    request: Request, benefit_id: str, session: DbSession, plat: Plat, user: Annotated[Account, Depends(entity_account)]
) -> HTMLResponse:
    entity = session.get(Entity, user.entity_pk)
    assert entity is not None
    match = plat.match_one(entity, benefit_id)
    if match is None:
        raise HTTPException(404, "没有这个兑现事项，或它不适用于您的主体类型")
    session.add(Interaction(entity_pk=entity.id, benefit_id=benefit_id, action="view"))
    session.commit()
    habits = plat.habits(session, entity)
    claimed = session.scalar(
        select(Application).where(Application.entity_pk == entity.id, Application.benefit_id == benefit_id)
    )
    money = funds.situation(session, fund_of(match.benefit), funds.budget_period(plat.as_of))
    funding = None  # what the firm is told before it clicks: the server refuses the same claim anyway
    if money is not None and money[1].budget is None:
        funding = str(funds.not_funded(money[0].name, money[1].period))
    elif money is not None and money[1].remaining <= 0:
        funding = f"“{money[0].name}”本期额度已用完，请关注下一批次资金安排"
    return templates.TemplateResponse(
        request,
        "benefit.html",
        {
            "user": user,
            "entity": entity,
            "m": match,
            "favourite": benefit_id in habits.favourites,
            "actions": ACTIONS,
            "as_of": plat.as_of,
            "claimed": claimed,
            "funding": funding,
            "chance": plat.chances(session, entity).get(benefit_id) if match.status == "likely" else None,
            "idempotency_key": secrets.token_urlsafe(16),
            "STATE_ZH": STATE_ZH,
        },
    )


@router.post("/me/benefits/{benefit_id}/actions", include_in_schema=False, dependencies=[Depends(csrf)])
def benefit_action(
    benefit_id: str,
    action: Annotated[str, Form()],
    session: DbSession,
    plat: Plat,
    user: Annotated[Account, Depends(entity_account)],
) -> RedirectResponse:
    if action not in ACTIONS or benefit_id not in plat.catalogue:
        raise HTTPException(400, "无效的操作")
    session.add(Interaction(entity_pk=user.entity_pk, benefit_id=benefit_id, action=action))
    session.commit()
    return RedirectResponse(f"/me/benefits/{benefit_id}" if action != "dismiss" else "/me/policies", status_code=303)


@router.post("/me/benefits/{benefit_id}/claim", include_in_schema=False, dependencies=[Depends(csrf)])
def claim(
    request: Request,
    benefit_id: str,
    session: DbSession,
    plat: Plat,
    user: Annotated[Account, Depends(entity_account)],
    idempotency_key: Annotated[str, Form()],
    account_name: Annotated[str, Form()] = "",
    account_number: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """即申即享: one click, one application; a repeated click returns the same one. The money goes to the account
    given with the click, checked against the firm's registered name."""
    entity = session.get(Entity, user.entity_pk)
    assert entity is not None
    try:
        # checked when given; a first click without one is refused once the claim itself is known to stand (a
        # repeated click finds its application whatever it sends)
        bank = check_bank_account(account_name, account_number, entity.name) if account_number.strip() else None
        application = one_click(
            session,
            plat,
            entity,
            benefit_id,
            idempotency_key=idempotency_key,
            actor=user.username,
            bank=bank,
            bank_required=True,
        )
        session.commit()
    except ClaimRefused as exc:
        session.rollback()
        raise HTTPException(409, str(exc)) from exc
    return RedirectResponse(f"/me/applications#a{application.id}", status_code=303)


@router.post("/me/benefits/{benefit_id}/apply", include_in_schema=False, dependencies=[Depends(csrf)])
async def apply(
    request: Request, benefit_id: str, session: DbSession, plat: Plat, user: Annotated[Account, Depends(entity_account)]
) -> RedirectResponse:
    """申报审批: the application with its materials; a bad file refuses the whole submission."""
    form = await request.form()
    entity = session.get(Entity, user.entity_pk)
    assert entity is not None
    try:
        files = await _uploaded(form, "materials")
        for name, data in files:
            materials.check(name, data)
        disputed = form.get("dispute") == "1"
        if disputed and not files:
            raise ClaimRefused("对核验数据有异议的，请上传证明材料，供主管部门核实")
        # the account may also be given later (before payment); given here, it is checked now
        number = str(form.get("account_number", "")).strip()
        bank = check_bank_account(str(form.get("account_name", "")), number, entity.name) if number else None
        application = submit(
            session,
            plat,
            entity,
            benefit_id,
            idempotency_key=str(form.get("idempotency_key")),
            actor=user.username,
            disputed=disputed,
            bank=bank,
        )
        for name, data in files:
            materials.store(session, settings.uploads_dir(), application, name, data)
        session.commit()
    except ClaimRefused as exc:
        session.rollback()
        raise HTTPException(422, str(exc)) from exc
    return RedirectResponse(f"/me/applications#a{application.id}", status_code=303)


async def _uploaded(form: FormData, field: str) -> list[tuple[str, bytes]]:
    """The files sent in ``field``, by name; a file input left empty sends a part without a name: not a file."""
    files = []
    for part in form.getlist(field):
        if isinstance(part, UploadFile) and part.filename:
            files.append((part.filename, await part.read()))
    return files


@router.post("/me/applications/{application_id}/resubmit", include_in_schema=False, dependencies=[Depends(csrf)])
async def resubmit(
    request: Request, application_id: int, session: DbSession, user: Annotated[Account, Depends(entity_account)]
) -> RedirectResponse:
    """The firm adds the material the officer asked for and sends the application back."""
    application = session.get(Application, application_id)
    if application is None or application.entity_pk != user.entity_pk:
        raise HTTPException(404, "没有这个申请")
    form = await request.form()
    try:
        files = await _uploaded(form, "materials")
        if not files:
            raise ClaimRefused("请上传需要补充的材料")
        for name, data in files:
            materials.check(name, data)
        move(session, application, State.SUBMITTED, user.username, "已补充材料")
        for name, data in files:
            materials.store(session, settings.uploads_dir(), application, name, data)
        session.commit()
    except (ClaimRefused, IllegalTransition) as exc:
        session.rollback()
        raise HTTPException(422, str(exc)) from exc
    return RedirectResponse(f"/me/applications#a{application_id}", status_code=303)


@router.get("/me/applications", response_class=HTMLResponse, include_in_schema=False)
def my_applications(
    request: Request, session: DbSession, plat: Plat, user: Annotated[Account, Depends(entity_account)]
) -> HTMLResponse:
    rows = list(
        session.scalars(
            select(Application).where(Application.entity_pk == user.entity_pk).order_by(Application.id.desc())
        )
    )
    subjects = [f"application:{a.id}" for a in rows]
    history: dict[str, list[AuditEntry]] = {}
    for entry in session.scalars(select(AuditEntry).where(AuditEntry.subject.in_(subjects)).order_by(AuditEntry.id)):
        history.setdefault(entry.subject, []).append(entry)
    titles = {a.benefit_id: facts_of(plat, a).shown_title for a in rows}
    return templates.TemplateResponse(
        request,
        "applications.html",
        {
            "user": user,
            "rows": rows,
            "history": history,
            "titles": titles,
            "STATE_ZH": STATE_ZH,
            "entity_name": user.entity.name if user.entity else "",
        },
    )


@router.post("/me/applications/{application_id}/offer", include_in_schema=False, dependencies=[Depends(csrf)])
def answer_offer(
    application_id: int,
    session: DbSession,
    plat: Plat,
    user: Annotated[Account, Depends(entity_account)],
    answer: Annotated[str, Form()],
    account_name: Annotated[str, Form()] = "",
    account_number: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """免申即享: the firm confirms its bank account, or declines; any other answer is refused, nothing recorded."""
    if answer not in ANSWERS:  # refused before anything is read: a stray word records nothing
        raise HTTPException(400, "无效的答复：请选择“确认领取”或“放弃”")
    application = session.get(Application, application_id)
    if application is None or application.entity_pk != user.entity_pk:
        raise HTTPException(404, "没有这个申请")
    facts = facts_of(plat, application)
    try:
        bank = None
        if answer == "accept":
            if facts.payout not in PAID_OUT:  # an offer made before payouts were told apart: nothing to pay here
                raise ClaimRefused("该事项不经平台拨付资金，无需确认银行账户")
            entity = session.get(Entity, application.entity_pk)
            assert entity is not None
            bank = check_bank_account(account_name, account_number, entity.name)
        respond_to_offer(session, plat, application, answer, bank, user.username)
    except (ClaimRefused, IllegalTransition) as exc:
        session.rollback()
        raise HTTPException(409, str(exc)) from exc
    session.commit()
    return RedirectResponse(f"/me/applications#a{application_id}", status_code=303)


def _report(session: Session, plat: Platform, user: Account) -> matching.MatchingReport:
    entity = session.get(Entity, user.entity_pk)
    assert entity is not None
    return matching.build(entity.entity_id, entity.name, entity.kind, plat.as_of, plat.matches(session, entity))


def report_html(request: Request, report: matching.MatchingReport) -> str:
    return templates.get_template("report.html").render(request=request, r=report)


@router.get("/me/report", response_class=HTMLResponse, include_in_schema=False)
def my_report(
    request: Request, session: DbSession, plat: Plat, user: Annotated[Account, Depends(entity_account)]
) -> HTMLResponse:
    return HTMLResponse(report_html(request, _report(session, plat, user)))


@router.get("/me/report.json", include_in_schema=False)
def my_report_json(session: DbSession, plat: Plat, user: Annotated[Account, Depends(entity_account)]) -> JSONResponse:
    return JSONResponse(matching.to_json(_report(session, plat, user)))


@router.get("/me/report.xlsx", include_in_schema=False)
def my_report_xlsx(session: DbSession, plat: Plat, user: Annotated[Account, Depends(entity_account)]) -> Response:
    return _download(
        matching.to_xlsx(_report(session, plat, user)),
        "智能匹配报告.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@router.get("/me/report.pdf", include_in_schema=False)
def my_report_pdf(
    request: Request, session: DbSession, plat: Plat, user: Annotated[Account, Depends(entity_account)]
) -> Response:
    try:
        data = html_to_pdf(report_html(request, _report(session, plat, user)))
    except PdfUnavailable as exc:
        raise HTTPException(503, str(exc)) from exc
    return _download(data, "智能匹配报告.pdf", "application/pdf")


def _download(data: bytes, filename: str, media_type: str) -> Response:
    return Response(
        data, media_type=media_type, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"}
    )


__all__ = ["account", "router"]
