"""The officer's side of redemption: the department's queue, decisions, notice, disbursement, bank files."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Annotated, Any
from urllib.parse import parse_qsl, quote, urlencode

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from policyreach import settings
from policyreach.app import authority
from policyreach.app.authority import Scope
from policyreach.engine.explain import OUTCOME_ZH
from policyreach.redemption import funds, objections, withdrawals
from policyreach.redemption import queue as review_queue
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
from policyreach.rules import ranges
from policyreach.rules.numbers import WAN
from policyreach.standards.divisions import DISTRICTS
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
from policyreach.web import policies, scopes
from policyreach.web.console import DbSession, Officer, Plat
from policyreach.web.deps import allow, csrf, demand
from policyreach.web.downloads import attachment
from policyreach.web.templating import templates
from policyreach.web.uploads import read_limited
from policyreach.workbooks import UnreadableFile

router = APIRouter(prefix="/console")
Reviewer = Annotated[Account, Depends(allow("application.review", scopes.application))]


def _visible(plat: Plat, user: Account, application: Application) -> bool:
    """The department's applications, read from the snapshot when the benefit left the library (never a 500)."""
    return authority.allowed(user, "application.review", scopes.of_application(plat, application))


@router.get("/applications", response_class=HTMLResponse, include_in_schema=False)
def queue(request: Request, user: Officer, plat: Plat, session: DbSession) -> HTMLResponse:
    """The department's applications, filtered in SQL and a page at a time; the filter is the page's URL."""
    benefits = review_queue.visible_benefits(plat, user, session)
    parsed = review_queue.parse(request.query_params, benefits)
    found = review_queue.page_of(session, parsed.filter, benefits)
    ids = [r.application.id for r in found.rows]
    documents: dict[int, list[Material]] = {}
    for material in session.scalars(select(Material).where(Material.application_id.in_(ids))):
        documents.setdefault(material.application_id, []).append(material)
    titles = {r.application.benefit_id: facts_of(plat, r.application).shown_title for r in found.rows}
    recent = select(Disbursement).order_by(Disbursement.created_at.desc()).limit(20)
    if user.role != "admin":
        recent = recent.where(Disbursement.department == user.department)
    batches = list(session.scalars(recent))
    # objections recorded after a decision wait for an officer to say whether they bring new grounds
    waiting: dict[int, int] = {}
    for application_id in session.scalars(
        select(Objection.application_id).where(
            Objection.status == objections.PENDING, Objection.application_id.in_(ids)
        )
    ):
        waiting[application_id] = waiting.get(application_id, 0) + 1
    withdrawn = withdrawals.awaiting(session, plat, user)
    choices = sorted(
        ((b.id, b.spec.title) for b in plat.compiled.benefits if benefits is None or b.id in benefits),
        key=lambda pair: pair[1],
    )
    return templates.TemplateResponse(
        request,
        "console_applications.html",
        {
            "user": user,
            "found": found,
            "f": parsed.filter,
            "errors": parsed.errors,
            "raw": {k: request.query_params.get(k, "") for k in review_queue.FIELD_ZH},
            "back": parsed.filter.query_string(),
            "titles": titles,
            "STATE_ZH": STATE_ZH,
            "STATE_CHOICES": review_queue.STATE_CHOICES,
            "benefit_choices": choices,
            "district_choices": sorted(DISTRICTS.items()),
            "DISTRICTS": DISTRICTS,
            "batches": batches,
            "documents": documents,
            "today": plat.as_of,
            "objections_waiting": waiting,
            "withdrawn": [(a, facts_of(plat, a)) for a in withdrawn],
            "bulk_done": request.query_params.get("done", ""),
            "bulk_failed": request.query_params.get("failed", ""),
        },
    )


# what the page can show inline: PDFs in a frame, pictures as images (anything else is downloaded)
PREVIEWABLE = {"application/pdf": "pdf", "image/png": "image", "image/jpeg": "image"}


def _shown_value(plat: Plat, column: str, value: str | None) -> str:
    if value is None:
        return "未提供"
    if value in ("True", "False"):
        return "是" if value == "True" else "否"
    attr = ranges.attribute_of(plat.schema, column)
    if attr is not None and attr.codeset:
        codes = plat.schema.codesets.get(attr.codeset)
        if codes is not None and value in codes.labels:
            return codes.labels[value]
    unit = attr.unit if attr is not None and attr.unit else ""
    return f"{value}{unit}"


def _column_label(plat: Plat, column: str) -> str:
    attr = ranges.attribute_of(plat.schema, column)
    if attr is None:
        return "其他数据"
    year = column.rpartition("_")[2] if attr.yearly else ""
    return f"{attr.label}（{year}年）" if year.isdigit() else attr.label


def _evidence(plat: Plat, snapshot: dict[str, Any]) -> list[dict[str, Any]]:
    """The snapshot's conditions as an officer reads them: labels, not column names; 是/否, not True/False."""
    rows = []
    for c in snapshot.get("conditions") or []:
        inputs = [
            {
                "label": _column_label(plat, i.get("column", "")),
                "value": _shown_value(plat, i.get("column", ""), i.get("value")),
                "source": plat.schema.source_label(i.get("source")),
                "batch_id": i.get("batch_id"),
            }
            for i in c.get("inputs") or []
        ]
        rows.append(
            {
                "clause": c.get("clause") or "",
                "rule": c.get("rule") or "",
                "outcome": OUTCOME_ZH.get(c.get("outcome", ""), "—"),
                "inputs": inputs,
            }
        )
    return rows


def _back_to(back: str, benefits: set[str] | None, anchor: str = "") -> str:
    """The queue as the officer left it: the ``back`` field re-read as a filter, so it can only ever be a filter of
    this page (never another address)."""
    query = review_queue.parse(dict(parse_qsl(back)), benefits).filter.query_string()
    return "/console/applications" + (f"?{query}" if query else "") + anchor


@router.get("/applications/{application_id}", response_class=HTMLResponse, include_in_schema=False)
def application_page(
    request: Request,
    application_id: int,
    user: Reviewer,
    plat: Plat,
    session: DbSession,
    note: str = "",
    back: str = "",
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
    actors = {e.actor for e in history}
    found = session.execute(select(Account.username, Account.display_name).where(Account.username.in_(actors)))
    names = {username: shown for username, shown in found}
    kept = review_queue.parse(dict(parse_qsl(back)), review_queue.visible_benefits(plat, user, session)).filter
    return templates.TemplateResponse(
        request,
        "console_application.html",
        {
            "user": user,
            "a": application,
            "back": kept.query_string(),
            "evidence": _evidence(plat, application.snapshot or {}),
            "decided_under": policies.decided_under(plat, session, application.snapshot or {}),
            "actor_names": {k: v or k for k, v in names.items()} | {"system": "平台", "platform": "平台"},
            "materials": list(
                session.scalars(select(Material).where(Material.application_id == application_id).order_by(Material.id))
            ),
            "PREVIEWABLE": PREVIEWABLE,
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


def _amount_yuan(raw: str) -> Decimal | None:
    """The reviewer's amount of a manual benefit, typed in 万元, as 元; a malformed one is a 400 naming the field."""
    text = raw.strip().replace(",", "").replace("，", "")
    if not text:
        return None
    try:
        wan = Decimal(text)
    except InvalidOperation:
        raise HTTPException(400, f"核定金额（万元）应为数字，而不是“{raw[:20]}”") from None
    if not wan.is_finite() or abs(wan) >= Decimal(10) ** 8:
        raise HTTPException(400, "核定金额（万元）超出可接受的范围")
    return wan * WAN


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
    back: Annotated[str, Form()] = "",
    amount_wan: Annotated[str, Form()] = "",
) -> Response:
    application = session.get(Application, application_id)
    if application is None or not _visible(plat, user, application):
        raise HTTPException(404, "没有这个申请，或它不属于您所在部门")
    if action in MONEY_DECISIONS:
        demand(request, user, "application.approve", scopes.of_application(plat, application))
    reason = reason.strip()
    try:
        if action in ("approve", "reject", "more_material"):
            if confirm != "yes":  # the page asks too; a decision sent without the box ticked is not taken
                raise ClaimRefused(f"{DECISION_ZH[action]}前请勾选确认框：决定记入审计日志，不可撤销")
            if action == "more_material" and not reason:
                raise ClaimRefused("要求补充材料须写明需补充哪些材料")
            set_amount = _amount_yuan(amount_wan) if action == "approve" else None
            decide(session, plat, user, application, action, reason, amount=set_amount)
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
    return RedirectResponse(
        _back_to(back, review_queue.visible_benefits(plat, user, session), f"#a{application_id}"), status_code=303
    )


DECISION_ZH = {"approve": "核准", "reject": "驳回", "more_material": "要求补充材料"}
BULK_ZH = {"approve": "核准", "publish": "开始公示"}


@router.post("/applications", include_in_schema=False, dependencies=[Depends(csrf)])
def bulk(
    request: Request,
    user: Officer,
    plat: Plat,
    session: DbSession,
    action: Annotated[str, Form()],
    ids: Annotated[list[str] | None, Form()] = None,
    confirm: Annotated[str, Form()] = "",
    back: Annotated[str, Form()] = "",
) -> Response:
    """A batch of 免申即享/即申即享 applications approved, or approved ones put on notice, in one go.

    Each application is its own decision (its own compare-and-set and money commitment, committed alone): one that
    another officer decided first, or whose fund has no room left, is reported and skipped, never half-done.
    Applications that need a reading of the firm's material (申报审批) are approved one by one on their own page.
    """
    benefits = review_queue.visible_benefits(plat, user, session)
    if action not in BULK_ZH:
        raise HTTPException(400, "未知的批量操作")
    if confirm != "yes":
        raise HTTPException(400, f"批量{BULK_ZH[action]}前请勾选确认框")
    chosen = sorted({int(i) for i in ids or [] if i.isdigit()})
    if not chosen:
        raise HTTPException(400, "请先勾选要批量办理的申请")
    if len(chosen) > settings.queue_page_size():
        raise HTTPException(400, f"一次最多批量办理 {settings.queue_page_size()} 件")
    done, failed = 0, []
    for application_id in chosen:
        application = session.get(Application, application_id)
        if application is None or not _visible(plat, user, application):
            failed.append(f"{application_id}：没有这个申请，或它不属于您所在部门")
            continue
        try:
            if action == "approve":
                if application.redemption == "review":
                    raise ClaimRefused("申报审批类申请须逐件审核材料后核准")
                decide(session, plat, user, application, "approve", "批量核准（免申即享）")
            else:
                publish(session, application, plat.as_of, user.username)
            session.commit()
            done += 1
        except (ClaimRefused, IllegalTransition, NotAllowed, StaleState) as exc:
            session.rollback()
            failed.append(f"{application_id}：{exc}")
    query = review_queue.parse(dict(parse_qsl(back)), benefits).filter.query_string()
    said = [("done", f"已{BULK_ZH[action]} {done} 件")] + ([("failed", "；".join(failed)[:1500])] if failed else [])
    return RedirectResponse(
        "/console/applications?" + "&".join(filter(None, [query, urlencode(said)])) + "#bulk", status_code=303
    )


@router.get("/documents/{document_id}", include_in_schema=False)
def document(
    document_id: int,
    user: Annotated[Account, Depends(allow("application.review", scopes.document))],
    plat: Plat,
    session: DbSession,
    preview: bool = False,
) -> Response:
    """An uploaded material, for the officers of the benefit's department only (``preview``: shown in the page)."""
    material = session.get(Material, document_id)
    application = session.get(Application, material.application_id) if material else None
    if material is None or application is None or not _visible(plat, user, application):
        raise HTTPException(404, "没有这个材料，或它不属于您所在部门")
    data = (settings.uploads_dir() / material.stored_as).read_bytes()
    shown_inline = preview and material.content_type in PREVIEWABLE
    headers = {"Content-Disposition": attachment(material.name, inline=shown_inline)}
    if shown_inline:  # the application's own page frames it; nothing else may (and it runs no script)
        headers["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; frame-ancestors 'self'"
        headers["X-Frame-Options"] = "SAMEORIGIN"
    return Response(data, media_type=material.content_type, headers=headers)


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
