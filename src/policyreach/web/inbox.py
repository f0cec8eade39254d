"""The inbox (站内信) of every account, the message links that count in the funnel, and push preferences."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import select, update
from sqlalchemy.orm import Session, object_session

from policyreach import plugins
from policyreach.app.platform import Platform
from policyreach.push import notify as notifier
from policyreach.push import preferences as prefs
from policyreach.push.channels import CHANNEL_ZH
from policyreach.push.clock import current_clock, local
from policyreach.push.messages import KIND_ZH
from policyreach.push.models import Delivery, Notification
from policyreach.store.models import Account
from policyreach.web import scopes
from policyreach.web.deps import allow, csrf, db, platform
from policyreach.web.templating import templates

router = APIRouter()
DbSession = Annotated[Session, Depends(db)]
User = Annotated[Account, Depends(allow("account.own"))]
Plat = Annotated[Platform, Depends(platform)]
DELIVERY_ZH = {"pending": "待发送", "digest": "待每日汇总", "sending": "发送中", "sent": "已发送", "failed": "发送失败"}


def unread_for(request: Request, user: Account | None) -> int:
    """For the badge in the page header (base.html): the account's unread messages."""
    if user is None:
        return 0
    # the request's own session (the one the account was loaded in): a page never holds two pool connections
    session = object_session(user)
    if session is not None:
        return notifier.unread_count(session, user)
    with request.app.state.platform.sessions() as own:
        return notifier.unread_count(own, user)


templates.env.globals["unread_count"] = unread_for
templates.env.filters["local_time"] = lambda v: "" if v is None else local(v).strftime("%Y-%m-%d %H:%M")


def _own(session: Session, user: Account, notification_id: int) -> Notification:
    found = session.get(Notification, notification_id)
    if found is None or found.recipient not in notifier.inbox_keys(user):
        raise HTTPException(404, "没有这条消息")
    return found


@router.get("/me/inbox", response_class=HTMLResponse, include_in_schema=False)
def inbox(request: Request, session: DbSession, user: User, unread: int = 0) -> HTMLResponse:
    query = select(Notification).where(Notification.recipient.in_(notifier.inbox_keys(user)))
    if unread:
        query = query.where(Notification.read_at.is_(None))
    rows = list(session.scalars(query.order_by(Notification.created_at.desc(), Notification.id.desc()).limit(200)))
    return templates.TemplateResponse(
        request,
        "inbox.html",
        {
            "user": user,
            "rows": rows,
            "message": None,
            "unread": notifier.unread_count(session, user),
            "only_unread": unread,
            "KIND_ZH": {**KIND_ZH, **plugins.message_kinds()},
        },
    )


@router.get("/me/inbox/{notification_id}", response_class=HTMLResponse, include_in_schema=False)
def message(
    request: Request,
    notification_id: int,
    session: DbSession,
    user: Annotated[Account, Depends(allow("account.own", scopes.notification))],
) -> HTMLResponse:
    found = _own(session, user, notification_id)
    notifier.mark_read(session, found)
    session.commit()
    deliveries = list(session.scalars(select(Delivery).where(Delivery.notification_id == found.id)))
    return templates.TemplateResponse(
        request,
        "inbox.html",
        {
            "user": user,
            "rows": [],
            "message": found,
            "unread": notifier.unread_count(session, user),
            "deliveries": deliveries,
            "CHANNEL_ZH": CHANNEL_ZH,
            "DELIVERY_ZH": DELIVERY_ZH,
            "KIND_ZH": {**KIND_ZH, **plugins.message_kinds()},
        },
    )


@router.post("/me/inbox/read", include_in_schema=False, dependencies=[Depends(csrf)])
def read_all(session: DbSession, user: User) -> RedirectResponse:
    session.execute(
        update(Notification)
        .where(Notification.recipient.in_(notifier.inbox_keys(user)), Notification.read_at.is_(None))
        .values(read_at=current_clock().now())
    )
    session.commit()
    return RedirectResponse("/me/inbox", status_code=303)


@router.get("/n/{token}", include_in_schema=False, dependencies=[Depends(allow("public.read"))])
def follow(token: str, session: DbSession) -> RedirectResponse:
    """A message's link: counted (opened, viewed) for the funnel, then on to the page it points at."""
    found = notifier.follow(session, token)
    if found is None or not found.link or not found.link.startswith("/") or found.link.startswith("//"):
        raise HTTPException(404, "链接无效或已过期")
    session.commit()
    return RedirectResponse(found.link, status_code=303)


def _departments(plat: Platform) -> list[str]:
    return sorted({b.spec.department for b in plat.compiled.benefits})


@router.get("/me/preferences", response_class=HTMLResponse, include_in_schema=False)
def preferences_page(
    request: Request, session: DbSession, user: User, plat: Plat, saved: int = 0, error: str = ""
) -> HTMLResponse:
    key = notifier.recipient_key(user)
    return templates.TemplateResponse(
        request,
        "preferences.html",
        {
            "user": user,
            "p": prefs.preferences(session, key),
            "departments": _departments(plat),
            "saved": saved,
            "error": error,
        },
        status_code=422 if error else 200,
    )


@router.post("/me/preferences", include_in_schema=False, dependencies=[Depends(csrf)])
async def save_preferences(request: Request, session: DbSession, user: User, plat: Plat) -> Any:
    form = await request.form()
    departments = set(_departments(plat))
    try:
        prefs.save(
            session,
            notifier.recipient_key(user),
            email=form.get("email") == "1",
            sms=form.get("sms") == "1",
            email_address=str(form.get("email_address", "")),
            phone=str(form.get("phone", "")),
            digest=form.get("digest") == "1",
            quiet_hours=str(form.get("quiet_hours", "")),
            unsubscribed=[str(d) for d in form.getlist("unsubscribed") if d in departments],
        )
    except prefs.InvalidPreference as exc:
        session.rollback()
        return preferences_page(request, session, user, plat, error=str(exc))
    session.commit()
    return RedirectResponse("/me/preferences?saved=1", status_code=303)
