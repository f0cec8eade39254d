"""The enterprise portal (企业端): login, profile with sources, ranked policies, clause-by-clause pages."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData, UploadFile

from policyreach import plugins, settings
from policyreach.app import accounts, agents, aggregates, consents, likelihood, personal_data, second_factor
from policyreach.app.accounts import close_session, open_session
from policyreach.app.funds import fund_of
from policyreach.app.platform import Platform
from policyreach.app.reporting import matching_report
from policyreach.engine.match import Match
from policyreach.redemption import audit, funds, materials, statements
from policyreach.redemption.bank import AccountRefused, BankAccount, check_bank_account, saved_account, saved_row
from policyreach.redemption.claims import WAN, ClaimRefused, one_click
from policyreach.redemption.facts import facts_of
from policyreach.redemption.states import STATE_ZH, IllegalTransition, State
from policyreach.redemption.workflow import ANSWERS, move, respond_to_offer, submit
from policyreach.reports import matching
from policyreach.reports.pdf import PdfUnavailable, html_to_pdf
from policyreach.rules import ranges
from policyreach.rules.errors import RuleError
from policyreach.rules.numbers import wan_text
from policyreach.rules.policy import PAID_OUT
from policyreach.rules.schema import SELF_DECLARED
from policyreach.store.models import (
    Account,
    Application,
    AuditEntry,
    DisclosureConsent,
    Entity,
    Interaction,
    ValueChange,
)
from policyreach.web import oidc, policy_list, scopes
from policyreach.web import second_factor as second_factor_web
from policyreach.web.deps import (
    ENTITY_ROLES,
    account,
    allow,
    csrf,
    current_account,
    db,
    entity_account,
    firm_account,
    own_entity,
    platform,
    session_data,
)
from policyreach.web.downloads import attachment
from policyreach.web.profile import Row, parse_value, profile_rows
from policyreach.web.security import (
    LOGIN_COOKIE,
    SESSION_COOKIE,
    SESSION_MAX_AGE,
    Sessions,
    TooManyAttempts,
    check_login,
    client_address,
    is_https,
    same_origin,
)
from policyreach.web.templating import templates
from policyreach.web.uploads import read_limited

_NO_ROOM = (funds.NotFunded, funds.OverBudget)

router = APIRouter()
ACTIONS = {"favourite": "收藏", "unfavourite": "取消收藏", "dismiss": "不感兴趣", "applied_elsewhere": "已在别处申报"}

DbSession = Annotated[Session, Depends(db)]
Own = Annotated[Entity, Depends(own_entity)]
Plat = Annotated[Platform, Depends(platform)]


@router.get("/", include_in_schema=False, dependencies=[Depends(allow("public.read"))])
def home(request: Request, session: DbSession) -> RedirectResponse:
    user = current_account(request, session)
    if user is None:
        return RedirectResponse("/login", status_code=303)
    if user.role in ENTITY_ROLES:
        return RedirectResponse("/me/policies", status_code=303)
    if user.role == "finance":
        return RedirectResponse("/console/funds", status_code=303)
    if user.role == "registry":  # a registry's system account: its batches
        return RedirectResponse("/console/ingest", status_code=303)
    return RedirectResponse(plugins.home_for(user.role) or "/console", status_code=303)


def _login_page(
    request: Request, next: str, error: str | None, status_code: int = 200, headers: dict[str, str] | None = None
) -> Response:
    """The login form, its token bound to the pre-session cookie (set here when the browser has none yet)."""
    sessions: Sessions = request.app.state.sessions
    nonce = request.cookies.get(LOGIN_COOKIE) or ""
    fresh = len(nonce) < 16
    if fresh:
        nonce = secrets.token_urlsafe(24)
    response = templates.TemplateResponse(
        request,
        "login.html",
        {"next": next, "error": error, "login_token": sessions.login_token(nonce)},
        status_code=status_code,
        headers=headers,
    )
    if fresh:
        response.set_cookie(LOGIN_COOKIE, nonce, httponly=True, samesite="lax", secure=is_https(request), path="/login")
    return response


@router.get(
    "/login", response_class=HTMLResponse, include_in_schema=False, dependencies=[Depends(allow("public.read"))]
)
def login_page(request: Request, next: str = "/") -> Response:
    return _login_page(request, next, None)


@router.post("/login", include_in_schema=False, dependencies=[Depends(allow("public.submit"))])
def login(
    request: Request,
    session: DbSession,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    sessions: Sessions = request.app.state.sessions
    # login CSRF: a cross-site page must not sign a victim into the attacker's account
    if not same_origin(request) or not sessions.login_token_matches(csrf_token, request.cookies.get(LOGIN_COOKIE)):
        return _login_page(request, next, "登录表单已过期或来源不明，请重新输入后登录", status_code=403)
    try:
        user = check_login(request, session, username, password)
    except TooManyAttempts as refused:
        return _login_page(
            request, next, refused.message, status_code=429, headers={"Retry-After": str(refused.retry_after)}
        )
    if user is None:
        return _login_page(request, next, "用户名或密码不正确", status_code=401)
    refusal = agents.sign_in_refusal(user)
    if refusal is not None:  # a right password of an agent whose authorisation ended opens nothing
        return _login_page(request, next, refusal, status_code=403)
    if second_factor.enrolled(user):  # no session yet: the code first (web/second_factor.py)
        return second_factor_web.begin(request, user, next)
    audit.record(session, user.username, "login", f"account:{user.id}", {"ip": client_address(request)})
    cookie = sessions.issue(user.id, open_session(session, user.id, "web", SESSION_MAX_AGE))
    session.commit()
    target = next if next.startswith("/") and not next.startswith("//") else "/"
    if user.must_change_password:  # nothing else answers until it is changed (app.authority.gate)
        target = "/account/password"
    response = RedirectResponse(target, status_code=303)
    set_session_cookie(request, response, cookie)
    response.delete_cookie(LOGIN_COOKIE, path="/login")
    return response


def set_session_cookie(request: Request, response: Response, cookie: str) -> None:
    response.set_cookie(
        SESSION_COOKIE, cookie, max_age=SESSION_MAX_AGE, httponly=True, samesite="lax", secure=is_https(request)
    )


@router.post("/logout", include_in_schema=False, dependencies=[Depends(allow("account.secure")), Depends(csrf)])
def logout(request: Request, session: DbSession) -> RedirectResponse:
    data = session_data(request)
    target = "/login"
    if data is not None:
        close_session(session, data["s"])  # ended on the server: a copy of the cookie opens nothing any more
        session.commit()
        target = oidc.logout_target(request, session, data["a"]) or target  # and the provider's session too
    response = RedirectResponse(target, status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get(
    "/account/password",
    response_class=HTMLResponse,
    include_in_schema=False,
    dependencies=[Depends(allow("account.secure"))],
)
def password_page(request: Request, user: Annotated[Account, Depends(account)], done: int = 0) -> HTMLResponse:
    return templates.TemplateResponse(request, "password.html", {"user": user, "error": None, "done": done})


@router.post(
    "/account/password", include_in_schema=False, dependencies=[Depends(allow("account.secure")), Depends(csrf)]
)
def change_password(
    request: Request,
    session: DbSession,
    user: Annotated[Account, Depends(account)],
    current: Annotated[str, Form()] = "",
    new: Annotated[str, Form()] = "",
    repeated: Annotated[str, Form()] = "",
) -> Response:
    """A new password ends every session and API token of the account; this browser gets a new session."""
    try:
        accounts.change_password(session, user, current, new, repeated)
    except accounts.AccountError as exc:
        session.rollback()
        return templates.TemplateResponse(
            request, "password.html", {"user": user, "error": str(exc), "done": 0}, status_code=400
        )
    audit.record(session, user.username, "password_change", f"account:{user.id}", {"ip": client_address(request)})
    # the new session keeps what this one proved: a password change is no way to gain or lose the second factor
    proved = bool(getattr(request.state, "second_factor", False))
    cookie = request.app.state.sessions.issue(
        user.id, open_session(session, user.id, "web", SESSION_MAX_AGE, second_factor=proved)
    )
    session.commit()
    response = RedirectResponse("/account/password?done=1", status_code=303)
    set_session_cookie(request, response, cookie)
    return response


@router.get("/me", response_class=HTMLResponse, include_in_schema=False)
def profile(
    request: Request,
    entity: Own,
    plat: Plat,
    session: DbSession,
    user: Annotated[Account, Depends(entity_account)],
    saved: int = 0,
) -> HTMLResponse:
    rows = profile_rows(plat, entity)
    context = {
        "user": user,
        "entity": entity,
        "rows": rows,
        "saved": saved,
        "errors": [],
        "field_errors": {},
        **_first_question(session, plat, entity, rows),
    }
    if user.role == "talent":  # a person's data is held under their consents, shown (and withdrawn) here
        context |= {"items": personal_data.ITEMS, "consents": personal_data.consents_of(session, entity.id)}
    return templates.TemplateResponse(request, "profile.html", context)


def _first_question(session: Session, plat: Platform, entity: Entity, rows: list[Row]) -> dict[str, object]:
    """The box "先回答这个问题": the missing field the firm may fill whose answer settles the most expected money."""
    editable = {row.column: row for row in rows if row.editable}
    question = plat.next_question(session, entity, set(editable))
    if question is None or question.value <= 0:
        return {"question": None}
    titles = [b.spec.title for b in (plat.compiled.find(bid) for bid in question.benefits[:3]) if b is not None]
    return {"question": question, "question_row": editable[question.column], "question_titles": titles}


@router.post("/me/values", include_in_schema=False, dependencies=[Depends(csrf)])
async def edit_values(
    request: Request, session: DbSession, plat: Plat, user: Annotated[Account, Depends(firm_account("firm.apply"))]
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
            errors.append((column, f"{row.label}：{exc}"))  # said at the top (a link) and beside the field
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
    if errors:  # nothing is saved half-way; the form keeps what was typed
        session.rollback()
        typed = {column: str(form.get(column, "")).strip()[:1000] for column in editable}
        return templates.TemplateResponse(
            request,
            "profile.html",
            {
                "user": user,
                "entity": entity,
                "rows": profile_rows(plat, entity, typed),
                "saved": 0,
                "errors": errors,
                "field_errors": dict(errors),
            },
            status_code=400,
        )
    entity.values, entity.provenance = values, provenance
    if changed:
        session.flush()
        aggregates.rematch(plat, session, [entity.id])  # its stored matches and the console's figures follow
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
    chances = plat.chances(session, entity)  # once: the ranking weighs likely items by it and the page shows it
    habits = plat.habits(session, entity)  # once too: the ranking reads them, and the page its favourites
    matches = plat.matches(session, entity, habits=habits, chances=chances)
    shown = [
        m
        for m in matches
        if (not kind or m.benefit.spec.kind == kind)
        and (not department or m.benefit.spec.department == department)
        and (not status or m.status == status)
        and m.benefit_id not in habits.dismissed
    ]
    departments = sorted({m.benefit.spec.department for m in matches})
    # the best claim plan, as the report counts it (groups, caps, prerequisites, this year's windows, likely items
    # at their expected value); each payout its own sum
    plan = matching.plan_of(matches, plat.as_of, chances)
    totals = plan.totals
    closed = sum(1 for m in matches if m.status == "eligible" and m.window.status == "closed")
    counts = dict.fromkeys(("eligible", "likely", "partial"), 0)
    for m in matches:
        counts[m.status] = counts.get(m.status, 0) + 1
    return templates.TemplateResponse(
        request,
        "policies.html",
        {
            "user": user,
            "entity": entity,
            "rows": policy_list.rows(shown, habits.favourites, chances),
            "all": matches,
            "counts": counts,  # by status, for the summary line
            "departments": departments,
            "filters": {"kind": kind, "department": department, "status": status},
            "totals": totals,
            "left_out": plan.left_out,
            "expected": plan.expected if plan.likely else {},
            "capped": plan.capped,
            "model_text": matching.model_text(likelihood.provenance(plat.likelihood, plat.schema)),
            "closed": closed,
            "favourites": habits.favourites,
            "as_of": plat.as_of,
            "chances": chances,
        },
    )


@router.get("/me/benefits/{benefit_id}", response_class=HTMLResponse, include_in_schema=False)
def my_benefit(
    request: Request, benefit_id: str, session: DbSession, plat: Plat, user: Annotated[Account, Depends(entity_account)]
) -> HTMLResponse:
    entity = session.get(Entity, user.entity_pk)
    assert entity is not None
    session.add(Interaction(entity_pk=entity.id, benefit_id=benefit_id, action="view"))
    return _benefit_page(request, session, plat, user, entity, benefit_id)


def _funding(session: Session, plat: Platform, match: Match) -> str | None:
    """What the firm is told before it clicks when the fund cannot pay this claim now (the server refuses the same
    claim anyway): no budget yet, or less left than this claim needs. No fund figures: they are the bureau's."""
    money = funds.situation(session, fund_of(match.benefit), funds.budget_period(plat.as_of))
    if money is None:
        return None
    fund, figures = money
    if figures.budget is None:
        return str(funds.not_funded(fund.name, figures.period))
    need = None if match.amount is None else (match.amount * WAN).quantize(funds.CENT, ROUND_HALF_UP)
    if figures.remaining <= 0 or (need is not None and figures.remaining < need):
        return (
            f"本期额度已用完：“{fund.name}”{figures.period}年度预算"
            + (f"的剩余额度不足以兑现本项 {wan_text(need)}" if need is not None and figures.remaining > 0 else "已用完")
            + "，暂不能申领。财政部门追加预算后即可申领，届时本页会显示申领按钮。"
        )
    return None


def _unverified(plat: Platform, match: Match) -> list[tuple[str, list[str]]]:
    """The met conditions that rest on values the firm declared itself, with the registries that could prove them:
    why a benefit it qualifies for is not claimed in one click, and where the proof would come from."""
    found = []
    for c in match.conditions:
        if c.outcome != "met" or all(i["verified"] or i["value"] is None for i in c.inputs):
            continue
        attributes = [ranges.attribute_of(plat.schema, i["column"]) for i in c.inputs if not i["verified"]]
        sources = {
            plat.schema.source_label(a.source) for a in attributes if a is not None and a.source != SELF_DECLARED
        }
        found.append((c.requirement, sorted(sources)))
    return found


def _benefit_page(
    request: Request,
    session: Session,
    plat: Platform,
    user: Account,
    entity: Entity,
    benefit_id: str,
    refusal: str | None = None,
    typed: dict[str, str] | None = None,
    refused_field: str | None = None,
    status_code: int = 409,
) -> HTMLResponse:
    """The benefit page; after a refused claim, the refusal in place of the form's answer, with what was typed
    (``refused_field``: the input the refusal is about, marked beside it)."""
    match = plat.match_one(entity, benefit_id)
    if match is None:
        raise HTTPException(404, "没有这个兑现事项，或它不适用于您的主体类型")
    session.commit()
    habits = plat.habits(session, entity)
    claimed = session.scalar(
        select(Application).where(Application.entity_pk == entity.id, Application.benefit_id == benefit_id)
    )
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
            "funding": _funding(session, plat, match),
            "refusal": refusal,
            "refused_field": refused_field,
            "saved_account": saved_row(session, entity.id),
            "typed": typed or {},
            "chance": plat.chances(session, entity).get(match.benefit_id) if match.status == "likely" else None,
            "unverified": _unverified(plat, match),
            "idempotency_key": secrets.token_urlsafe(16),
            "STATE_ZH": STATE_ZH,
        },
        status_code=status_code if refusal else 200,
    )


def _account_given(session: Session, entity: Entity, name: str, number: str, branch: str = "") -> BankAccount | None:
    """The account a claim pays to: the one typed with it (checked), else the firm's saved account, else None."""
    if number.strip():
        return check_bank_account(name, number, entity.name, branch)
    return saved_account(session, entity.id)


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
    user: Annotated[Account, Depends(firm_account("firm.apply"))],
    idempotency_key: Annotated[str, Form()] = "",  # absent: a new request (a claim is still once per period)
    account_name: Annotated[str, Form()] = "",
    account_number: Annotated[str, Form()] = "",
) -> Response:
    """即申即享: one click, one application; a repeated click returns the same one. The money goes to the account
    given with the click, checked against the firm's registered name. A refusal answers 409 with the benefit page,
    the reason at the top and the account as it was typed."""
    entity = session.get(Entity, user.entity_pk)
    assert entity is not None
    try:
        # checked when given; a first click without one is refused once the claim itself is known to stand (a
        # repeated click finds its application whatever it sends)
        bank = _account_given(session, entity, account_name, account_number)
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
        match = plat.match_one(entity, benefit_id)
        if match is None:
            raise HTTPException(409, str(exc)) from exc
        # a budget refusal says it as the page does (in 万元, without the fund's figures), not as the ledger does
        funding = _funding(session, plat, match) if isinstance(exc, _NO_ROOM) else None
        typed = {"account_name": account_name, "account_number": account_number}
        field = exc.field if isinstance(exc, AccountRefused) else None
        return _benefit_page(
            request,
            session,
            plat,
            user,
            entity,
            benefit_id,
            refusal=funding or str(exc),
            typed=typed,
            refused_field=field,
        )
    return RedirectResponse(f"/me/applications#a{application.id}", status_code=303)


@router.post("/me/benefits/{benefit_id}/apply", include_in_schema=False, dependencies=[Depends(csrf)])
async def apply(
    request: Request,
    benefit_id: str,
    session: DbSession,
    plat: Plat,
    user: Annotated[Account, Depends(firm_account("firm.apply"))],
) -> Response:
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
        # the account may also be given later (before payment); given here, it is checked now; else the saved one
        bank = _account_given(session, entity, str(form.get("account_name", "")), str(form.get("account_number", "")))
        application = submit(
            session,
            plat,
            entity,
            benefit_id,
            idempotency_key=_text_field(form, "idempotency_key"),  # absent: a new request, never the key "None"
            actor=user.username,
            disputed=disputed,
            bank=bank,
        )
        for name, data in files:
            materials.store(session, settings.uploads_dir(), application, name, data)
        session.commit()
    except ClaimRefused as exc:
        session.rollback()
        # the benefit page again, the reason at the top and beside the field: files must be chosen again (a
        # browser never refills a file input), what was typed is kept
        typed = {k: str(form.get(k, ""))[:60] for k in ("account_name", "account_number")}
        field = exc.field if isinstance(exc, AccountRefused) else None
        return _benefit_page(
            request,
            session,
            plat,
            user,
            entity,
            benefit_id,
            refusal=str(exc),
            typed=typed,
            refused_field=field,
            status_code=400 if field else 422,
        )
    return RedirectResponse(f"/me/applications#a{application.id}", status_code=303)


def _text_field(form: FormData, field: str) -> str | None:
    value = form.get(field)
    return value if isinstance(value, str) and value.strip() else None


async def _uploaded(form: FormData, field: str) -> list[tuple[str, bytes]]:
    """The files sent in ``field``, by name; a file input left empty sends a part without a name: not a file."""
    files = []
    for part in form.getlist(field):
        if isinstance(part, UploadFile) and part.filename:
            files.append((part.filename, await read_limited(part, materials.MAX_BYTES)))
    return files


@router.post("/me/applications/{application_id}/resubmit", include_in_schema=False, dependencies=[Depends(csrf)])
async def resubmit(
    request: Request,
    application_id: int,
    session: DbSession,
    user: Annotated[Account, Depends(allow("firm.apply", scopes.application))],
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
    return _applications_page(request, session, plat, user)


def _applications_page(
    request: Request,
    session: Session,
    plat: Platform,
    user: Account,
    *,
    refused: tuple[int, str, str | None] | None = None,
    typed: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The firm's applications; after a refused offer answer, the reason beside that offer's form (``refused``:
    the application, the message, the field) with what was typed kept."""
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
            "expected": _expected_payments(session, plat, rows),
            "notice_days": settings.notice_days(),
            # who acted for the firm: an agent's entries name the agent
            "agent_names": {a.account.username: a.name for a in agents.agents_of(session, user.entity_pk or 0)},
            "saved_account": saved_row(session, user.entity_pk or 0),
            "refused": refused,
            "typed": typed or {},
        },
        status_code=status_code,
    )


def _expected_payments(session: Session, plat: Platform, rows: list[Application]) -> dict[int, dt.date]:
    """When each approved claim that pays money is expected in the firm's account."""
    batches = statements.batch_days(session, rows)
    found = {}
    for a in rows:
        if facts_of(plat, a).payout not in statements.MONEY_PAYOUTS:
            continue  # tax relief is taken in the tax return, a loan from the bank: nothing is paid to wait for
        due = statements.expected_payment(a, plat.as_of, batches.get(a.disbursement_id or ""))
        if due is not None:
            found[a.id] = due
    return found


@router.post("/me/applications/{application_id}/offer", include_in_schema=False, dependencies=[Depends(csrf)])
def answer_offer(
    request: Request,
    application_id: int,
    session: DbSession,
    plat: Plat,
    user: Annotated[Account, Depends(allow("firm.bank", scopes.application))],
    answer: Annotated[str, Form()],
    account_name: Annotated[str, Form()] = "",
    account_number: Annotated[str, Form()] = "",
) -> Response:
    """免申即享: the firm confirms its bank account (the saved one unless it types another), or declines; any other
    answer is refused, nothing recorded. A refusal shows the applications again, the reason beside this offer's
    form and what was typed kept."""
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
            bank = _account_given(session, entity, account_name, account_number)
            if bank is None:
                raise AccountRefused("account_number", "请填写收款银行账号，或先保存本单位的收款账户")
        respond_to_offer(session, plat, application, answer, bank, user.username)
    except (ClaimRefused, IllegalTransition) as exc:
        session.rollback()
        field = exc.field if isinstance(exc, AccountRefused) else None
        typed = {"account_name": account_name[:200], "account_number": account_number[:60]}
        return _applications_page(
            request,
            session,
            plat,
            user,
            refused=(application_id, str(exc), field),
            typed=typed,
            status_code=400 if field else 409,
        )
    session.commit()
    return RedirectResponse(f"/me/applications#a{application_id}", status_code=303)


def _report(session: Session, plat: Platform, user: Account) -> matching.MatchingReport:
    entity = session.get(Entity, user.entity_pk)
    assert entity is not None
    return matching_report(plat, session, entity)


@dataclass(frozen=True)
class Claimed:
    title: str
    state: str
    amount: Decimal | None


def _this_year(session: Session, plat: Platform, entity_pk: int) -> tuple[list[Claimed], dict[str, Decimal]]:
    """What the firm already applied for this year and what reached its account (the report's first page)."""
    year = plat.as_of.year
    start = dt.datetime(year, 1, 1) - dt.timedelta(hours=8)  # the Beijing new year, as the naive UTC time stored
    rows = session.scalars(
        select(Application)
        .where(Application.entity_pk == entity_pk, Application.created_at >= start)
        .order_by(Application.created_at)
    )
    claimed = [Claimed(facts_of(plat, a).shown_title, STATE_ZH[State(a.state)], a.amount) for a in rows]
    received: dict[str, Decimal] = {}
    for p in statements.payments(session, plat, entity_pk, year):
        received[p.payout] = received.get(p.payout, Decimal(0)) + p.amount
    return claimed, received


def report_html(
    request: Request, report: matching.MatchingReport, session: Session, plat: Platform, entity_pk: int
) -> str:
    claimed, received = _this_year(session, plat, entity_pk)
    return templates.get_template("report.html").render(request=request, r=report, claimed=claimed, received=received)


@router.get("/me/report", response_class=HTMLResponse, include_in_schema=False)
def my_report(
    request: Request, session: DbSession, plat: Plat, user: Annotated[Account, Depends(entity_account)]
) -> HTMLResponse:
    return HTMLResponse(report_html(request, _report(session, plat, user), session, plat, user.entity_pk or 0))


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
        data = html_to_pdf(report_html(request, _report(session, plat, user), session, plat, user.entity_pk or 0))
    except PdfUnavailable as exc:
        raise HTTPException(503, str(exc)) from exc
    return _download(data, "智能匹配报告.pdf", "application/pdf")


def _download(data: bytes, filename: str, media_type: str) -> Response:
    return Response(data, media_type=media_type, headers={"Content-Disposition": attachment(filename)})


__all__ = ["account", "router"]


@router.get("/me/consents", response_class=HTMLResponse, include_in_schema=False)
def my_consents(
    request: Request, session: DbSession, user: Annotated[Account, Depends(entity_account)], saved: int = 0
) -> HTMLResponse:
    """Who asked to see what the platform knows about this entity (a CPPCC member's 包保 registration), and the
    entity's answer."""
    assert user.entity_pk is not None
    rows = consents.for_entity(session, user.entity_pk)
    context = {"user": user, "rows": rows, "STATE_ZH": consents.STATE_ZH, "saved": saved}
    return templates.TemplateResponse(request, "consents.html", context)


@router.post("/me/consents/{consent_id}", include_in_schema=False, dependencies=[Depends(csrf)])
def answer_consent(
    consent_id: int,
    session: DbSession,
    user: Annotated[Account, Depends(allow("firm.represent", scopes.consent))],
    answer: Annotated[str, Form()],
) -> RedirectResponse:
    if answer not in ("grant", "refuse"):
        raise HTTPException(400, "无效的答复：请选择“同意”或“不同意”")
    consent = session.get(DisclosureConsent, consent_id)
    assert consent is not None  # the policy found it, and it is this entity's
    try:
        consents.answer(session, consent, answer == "grant", user.username)
    except consents.ConsentError as exc:
        raise HTTPException(409, str(exc)) from exc
    audit.record(session, user.username, f"consent.{answer}", consent.subject, {"consent": consent.id})
    session.commit()
    return RedirectResponse("/me/consents?saved=1", status_code=303)
