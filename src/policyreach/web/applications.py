"""The officer's side of redemption: the department's queue, decisions, notice, disbursement, bank files."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from policyreach import settings
from policyreach.app import authority
from policyreach.app.authority import Scope
from policyreach.redemption import funds, objections, withdrawals
from policyreach.redemption.claims import ClaimRefused
from policyreach.redemption.facts import facts_of
from policyreach.redemption.states import STATE_ZH, IllegalTransition, StaleState, State
from policyreach.redemption.workflow import (
    NotAllowed,
    batch_xlsx,
    claw_back,
    decide,
    departments_benefits,
    disburse,
    fund_for,
    import_bank_file,
    publish,
    reevaluate,
    resolve_objection,
)
from policyreach.store.models import (
    Account,
    Application,
    AuditEntry,
    Disbursement,
    Entity,
    Fund,
    LedgerEntry,
    Material,
    Objection,
)
from policyreach.web import scopes
from policyreach.web.console import DbSession, Officer, Plat
from policyreach.web.deps import allow, csrf, demand
from policyreach.web.templating import templates
from policyreach.web.uploads import read_limited
from policyreach.workbooks import UnreadableFile

router = APIRouter(prefix="/console")
Reviewer = Annotated[Account, Depends(allow("application.review", scopes.application))]


def _visible(plat: Plat, user: Account, application: Application) -> bool:
    """The department's applications, read from the snapshot when the benefit left the library (never a 500)."""
    return authority.allowed(user, "application.review", scopes.of_application(plat, application))


@router.get("/applications", response_class=HTMLResponse, include_in_schema=False)
def queue(request: Request, user: Officer, plat: Plat, session: DbSession, state: str = "") -> HTMLResponse:
    query = select(Application, Entity).join(Entity, Entity.id == Application.entity_pk).order_by(Application.id)
    if state:
        query = query.where(Application.state == state)
    rows = [(a, e) for a, e in session.execute(query) if _visible(plat, user, a)]
    documents: dict[int, list[Material]] = {}
    for material in session.scalars(select(Material).where(Material.application_id.in_([a.id for a, _ in rows]))):
        documents.setdefault(material.application_id, []).append(material)
    titles = {a.benefit_id: facts_of(plat, a).shown_title for a, _ in rows}
    recent = select(Disbursement).order_by(Disbursement.created_at.desc()).limit(20)
    if user.role != "admin":
        recent = recent.where(Disbursement.department == user.department)
    batches = list(session.scalars(recent))
    # objections recorded after a decision wait for an officer to say whether they bring new grounds
    waiting: dict[int, int] = {}
    for application_id in session.scalars(
        select(Objection.application_id).where(Objection.status == objections.PENDING)
    ):
        waiting[application_id] = waiting.get(application_id, 0) + 1
    withdrawn = withdrawals.awaiting(session, plat, user)
    return templates.TemplateResponse(
        request,
        "console_applications.html",
        {
            "user": user,
            "rows": rows,
            "titles": titles,
            "STATE_ZH": STATE_ZH,
            "state": state,
            "batches": batches,
            "documents": documents,
            "today": plat.as_of,
            "objections_waiting": waiting,
            "withdrawn": [(a, facts_of(plat, a)) for a in withdrawn],
        },
    )


@router.get("/applications/{application_id}", response_class=HTMLResponse, include_in_schema=False)
def application_page(
    request: Request, application_id: int, user: Reviewer, plat: Plat, session: DbSession, note: str = ""
) -> HTMLResponse:
    """One application: its evidence snapshot and its whole history, for the department's officers."""
    application = session.get(Application, application_id)
    if application is None or not _visible(plat, user, application):
        raise HTTPException(404, "没有这个申请，或它不属于您所在部门")
    history = list(
        session.scalars(
            select(AuditEntry).where(AuditEntry.subject == f"application:{application_id}").order_by(AuditEntry.id)
        )
    )
    return templates.TemplateResponse(
        request,
        "console_application.html",
        {
            "user": user,
            "a": application,
            "entity": session.get(Entity, application.entity_pk),
            "history": history,
            "STATE_ZH": STATE_ZH,
            "note": note,
            "title": facts_of(plat, application).shown_title,
            "facts": facts_of(plat, application),
            "ledger": list(
                session.scalars(
                    select(LedgerEntry).where(LedgerEntry.application_id == application_id).order_by(LedgerEntry.id)
                )
            ),
            "fund_names": {f.id: f.name for f in session.scalars(select(Fund))},
            "KIND_ZH": funds.KIND_ZH,
            "paid": funds.paid_of(session, application),
            "objections": objections.open_objections(session, application_id),
            "withdrawal": withdrawals.decision_of(session, application_id),
            "awaiting_withdrawal": not facts_of(plat, application).in_library
            and application.state in withdrawals.IN_FLIGHT
            and withdrawals.decision_of(session, application_id) is None,
            "DECISION_ZH": withdrawals.DECISION_ZH,
            "OBJECTION_ZH": objections.STATUS_ZH,
            "money": funds.situation(
                session,
                application.fund_id or fund_for(plat, application),
                funds.budget_period(plat.as_of),
            ),
        },
    )


# the review's decisions that commit or take back money: the policy's "application.approve" (a second factor)
MONEY_DECISIONS = frozenset({"approve", "clawback", "withdrawal_continue", "withdrawal_release"})


@router.post("/applications/{application_id}", include_in_schema=False, dependencies=[Depends(csrf)])
def act(
    request: Request,
    application_id: int,
    user: Reviewer,
    plat: Plat,
    session: DbSession,
    action: Annotated[str, Form()],
    reason: Annotated[str, Form()] = "",
    confirm: Annotated[str, Form()] = "",
    objection_id: Annotated[str, Form()] = "",
) -> Response:
    application = session.get(Application, application_id)
    if application is None or not _visible(plat, user, application):
        raise HTTPException(404, "没有这个申请，或它不属于您所在部门")
    if action in MONEY_DECISIONS:
        demand(request, user, "application.approve", scopes.of_application(plat, application))
    try:
        if action in ("approve", "reject", "more_material"):
            decide(session, plat, user, application, action, reason)
        elif action == "publish":
            publish(session, application, plat.as_of, user.username)
        elif action == "reevaluate":
            result = reevaluate(session, plat, application, user)
            session.commit()
            then, now = result["snapshot"], result["today"]
            note = f"申请时：{then['status']} {then['amount_wan']}；今天：{now['status']} {now['amount_wan']}"
            return RedirectResponse(f"/console/applications/{application_id}?note={quote(note)}", status_code=303)
        elif action in ("uphold", "dismiss_objection"):
            resolve_objection(session, application, action == "uphold", user.username, reason or "经核实处理")
        elif action == "clawback":
            if confirm != "yes":
                raise ClaimRefused("追回前请勾选“我已核实，确认追回”")
            claw_back(session, plat, user, application, reason)
        elif action in ("new_grounds", "no_new_grounds"):
            objection = session.get(Objection, int(objection_id)) if objection_id.isdigit() else None
            if objection is None or objection.application_id != application_id:
                raise ClaimRefused("没有这条异议")
            objections.decide_grounds(session, plat, user, objection.id, action == "new_grounds", reason)
        elif action in ("withdrawal_continue", "withdrawal_release"):
            withdrawals.decide(session, plat, user, application, action.removeprefix("withdrawal_"), reason)
        else:
            raise ClaimRefused("未知的操作")
    except (ClaimRefused, IllegalTransition, NotAllowed) as exc:
        session.rollback()
        raise HTTPException(409, str(exc)) from exc
    session.commit()
    return RedirectResponse(f"/console/applications#a{application_id}", status_code=303)


@router.get("/documents/{document_id}", include_in_schema=False)
def document(
    document_id: int,
    user: Annotated[Account, Depends(allow("application.review", scopes.document))],
    plat: Plat,
    session: DbSession,
) -> Response:
    """An uploaded material, for the officers of the benefit's department only."""
    material = session.get(Material, document_id)
    application = session.get(Application, material.application_id) if material else None
    if material is None or application is None or not _visible(plat, user, application):
        raise HTTPException(404, "没有这个材料，或它不属于您所在部门")
    data = (settings.uploads_dir() / material.stored_as).read_bytes()
    return Response(
        data,
        media_type=material.content_type,
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(material.name)}"},
    )


@router.post("/disbursements", include_in_schema=False, dependencies=[Depends(csrf)])
def new_batch(
    user: Annotated[Account, Depends(allow("disbursement.create"))], plat: Plat, session: DbSession
) -> Response:
    """The department's applications whose notice has ended go into one batch for the finance bureau.

    The date is the server's (the platform's clock), never one sent with the form: a form's date could skip the
    notice period. A ``today`` field sent anyway is ignored.
    """
    try:
        benefits = departments_benefits(plat, user, session)
    except NotAllowed as exc:
        raise HTTPException(403, str(exc)) from exc
    batch = disburse(session, plat.as_of, user.username, benefits=benefits, department=user.department, platform=plat)
    session.commit()
    return RedirectResponse("/console/applications" + (f"?batch={batch.id}" if batch else ""), status_code=303)


def _batch_visible(plat: Plat, user: Account, batch: Disbursement) -> bool:
    return authority.allowed(user, "disbursement.export", Scope.of_department(batch.department))


@router.get("/disbursements/{batch_id}.xlsx", include_in_schema=False)
def batch_export(
    batch_id: str,
    user: Annotated[Account, Depends(allow("disbursement.export", scopes.batch))],
    plat: Plat,
    session: DbSession,
) -> Response:
    batch = session.get(Disbursement, batch_id)
    if batch is None or not _batch_visible(plat, user, batch):
        raise HTTPException(404, "没有这个拨付批次，或它不属于您所在部门")
    return _xlsx_bytes(batch_xlsx(session, batch), f"{batch_id}.xlsx")


def _xlsx_bytes(data: bytes, filename: str) -> Response:
    return Response(
        data,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f"attachment; filename={filename}"},
    )


@router.post(
    "/disbursements/confirm", response_class=HTMLResponse, include_in_schema=False, dependencies=[Depends(csrf)]
)
async def confirm(
    request: Request,
    user: Annotated[Account, Depends(allow("disbursement.confirm"))],
    plat: Plat,
    session: DbSession,
    bank_file: Annotated[UploadFile, File()],
) -> Response:
    """Import the bank's confirmation: every row checked before anything is marked paid."""
    data = await read_limited(bank_file)  # 413 past the cap, before anything is parsed
    try:
        paid = import_bank_file(
            session, data, user.username, benefits=departments_benefits(plat, user, session), platform=plat
        )
    except UnreadableFile as exc:  # not an XLSX, damaged, or a zip bomb: said as such
        session.rollback()
        raise HTTPException(400, f"银行回执有误，未做任何标记：{exc}") from exc
    except NotAllowed as exc:
        session.rollback()
        raise HTTPException(403, str(exc)) from exc
    except (ClaimRefused, IllegalTransition) as exc:
        session.rollback()
        raise HTTPException(422, f"银行回执有误，未做任何标记：{exc}") from exc
    except StaleState:
        raise  # someone confirmed the same batch at the same moment: the registered handler says so (409)
    except Exception as exc:  # an unreadable file
        session.rollback()
        raise HTTPException(422, "无法读取银行回执文件，请上传导出的拨付清单（.xlsx）并填写回执列") from exc
    session.commit()
    return RedirectResponse(f"/console/applications?state={State.PAID.value}&paid={paid}", status_code=303)


__all__ = ["router"]
