"""Personal information pages (个人信息保护法): a talent's consents, ID number, export and deletion request; an
officer's view of an entity's personal data, only where the entity applied to the officer's department, each view
recorded in the audit chain. The rules are in ``app.personal_data``; here every step is also audited."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from policyreach.app import personal_data
from policyreach.app.platform import Platform
from policyreach.redemption import audit
from policyreach.store.crypto import CryptoError, masked
from policyreach.store.models import Account, Entity
from policyreach.web import scopes
from policyreach.web.deps import allow, csrf, db, platform
from policyreach.web.templating import templates

router = APIRouter()
DbSession = Annotated[Session, Depends(db)]
Plat = Annotated[Platform, Depends(platform)]
Talent = Annotated[Account, Depends(allow("personal.own"))]


def _entity(session: Session, user: Account) -> Entity:
    entity = session.get(Entity, user.entity_pk) if user.entity_pk is not None else None
    if entity is None:
        raise HTTPException(403, "此页面仅供人才用户使用")
    return entity


def _page(
    request: Request,
    session: Session,
    plat: Plat,
    user: Account,
    errors: list[str] | None = None,
    **extra: object,
) -> HTMLResponse:
    entity = _entity(session, user)
    unreadable: list[str] = []
    try:
        number = personal_data.id_number(session, entity.id)
    except CryptoError:  # a missing key or an altered value: said, never a server error
        number, unreadable = None, ["已保存的身份证号无法解密（密钥缺失或数据被改动），请重新填写或联系平台管理员"]
    context = {
        "user": user,
        "entity": entity,
        "items": personal_data.ITEMS,
        "consents": personal_data.consents_of(session, entity.id),
        "id_number": masked(number) if number else None,
        "requests": personal_data.deletion_requests(session, entity.id),
        "hold": personal_data.legal_hold(session, entity.id, plat.as_of),
        "errors": [*unreadable, *(errors or [])],
        "saved": None,
        **extra,
    }
    status = 400 if errors else 200
    return templates.TemplateResponse(request, "personal.html", context, status_code=status)


@router.get("/me/personal", response_class=HTMLResponse, include_in_schema=False)
def personal_page(
    request: Request, session: DbSession, plat: Plat, user: Talent, saved: str | None = None
) -> HTMLResponse:
    shown = SAVED.get(saved or "")
    return _page(request, session, plat, user, saved=saved if shown else None, SAVED_TEXT=shown)


SAVED = {
    "consent": "已记录您的同意",
    "withdrawn": "已撤回授权，相关信息已删除",
    "held": "已撤回授权；但相关信息依法须保存，见下方说明",
    "id": "身份证号已加密保存",
    "deleted": "您的个人信息已删除",
    "delete-held": "删除请求已登记，但部分信息依法须保存，原因见下方",
}


@router.post("/me/personal/consents", include_in_schema=False, dependencies=[Depends(csrf)])
def give_consent(session: DbSession, user: Talent, item: Annotated[str, Form()]) -> RedirectResponse:
    entity = _entity(session, user)
    try:
        personal_data.give(session, entity.id, item, user.username)
    except personal_data.PersonalDataError as exc:
        raise HTTPException(400, str(exc)) from exc
    audit.record(session, user.username, "personal.consent_given", f"entity:{entity.entity_id}", {"item": item})
    session.commit()
    return RedirectResponse("/me/personal?saved=consent", status_code=303)


@router.post("/me/personal/consents/withdraw", include_in_schema=False, dependencies=[Depends(csrf)])
def withdraw_consent(session: DbSession, plat: Plat, user: Talent, item: Annotated[str, Form()]) -> RedirectResponse:
    entity = _entity(session, user)
    try:
        hold = personal_data.withdraw(session, entity, item, user.username, plat.as_of)
    except personal_data.PersonalDataError as exc:
        raise HTTPException(400, str(exc)) from exc
    audit.record(
        session,
        user.username,
        "personal.consent_withdrawn",
        f"entity:{entity.entity_id}",
        {"item": item, "held": hold.reason if hold else None},
    )
    session.commit()
    return RedirectResponse(f"/me/personal?saved={'held' if hold else 'withdrawn'}", status_code=303)


@router.post("/me/personal/id-number", include_in_schema=False, dependencies=[Depends(csrf)])
def save_id_number(
    request: Request, session: DbSession, plat: Plat, user: Talent, id_number: Annotated[str, Form()]
) -> Response:
    entity = _entity(session, user)
    try:
        personal_data.set_id_number(session, entity.id, id_number[:64])
    except personal_data.PersonalDataError as exc:
        session.rollback()
        return _page(request, session, plat, user, errors=[str(exc)])
    # the number itself never enters the audit chain: only that it changed
    audit.record(session, user.username, "personal.id_number_set", f"entity:{entity.entity_id}", {})
    session.commit()
    return RedirectResponse("/me/personal?saved=id", status_code=303)


@router.get("/me/personal/export.json", include_in_schema=False)
def export_personal(session: DbSession, user: Talent) -> Response:
    entity = _entity(session, user)
    data = personal_data.export(session, entity)
    audit.record(session, user.username, "personal.exported", f"entity:{entity.entity_id}", {})
    session.commit()
    body = json.dumps(data, ensure_ascii=False, indent=1, default=str)
    return Response(
        body,
        media_type="application/json; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="personal-{entity.entity_id}.json"'},
    )


@router.post("/me/personal/delete", include_in_schema=False, dependencies=[Depends(csrf)])
def delete_personal(
    session: DbSession, plat: Plat, user: Talent, confirm: Annotated[str | None, Form()] = None
) -> RedirectResponse:
    if confirm != "yes":
        raise HTTPException(400, "确认删除：请勾选“我确认删除我的个人信息”后再提交")
    entity = _entity(session, user)
    request_row = personal_data.request_deletion(session, entity, user.username, plat.as_of)
    audit.record(
        session,
        user.username,
        "personal.deletion_requested",
        f"entity:{entity.entity_id}",
        {"state": request_row.state, "reason": request_row.reason},
    )
    session.commit()
    return RedirectResponse(
        f"/me/personal?saved={'deleted' if request_row.state == 'done' else 'delete-held'}", status_code=303
    )


@router.get("/console/entities/{entity_id}/personal", response_class=HTMLResponse, include_in_schema=False)
def officer_view(
    request: Request,
    entity_id: str,
    session: DbSession,
    user: Annotated[Account, Depends(allow("personal.read", scopes.personal))],
) -> HTMLResponse:
    """The entity's personal data for an officer of a department it applied to (the policy checked that); the
    view is recorded before anything is shown."""
    entity = session.scalar(select(Entity).where(Entity.entity_id == entity_id))
    assert entity is not None  # the policy found it
    try:
        number = personal_data.id_number(session, entity.id)
    except CryptoError as exc:
        raise HTTPException(409, "该主体的身份证号无法解密（密钥缺失或数据被改动），请联系系统管理员") from exc
    audit.record(
        session,
        user.username,
        "personal.viewed",
        f"entity:{entity.entity_id}",
        {"fields": ["id_number"], "department": user.department},
    )
    session.commit()
    context = {
        "user": user,
        "entity": entity,
        "id_number": number,
        "items": personal_data.ITEMS,
        "consents": personal_data.consents_of(session, entity.id),
    }
    return templates.TemplateResponse(request, "personal_officer.html", context)
