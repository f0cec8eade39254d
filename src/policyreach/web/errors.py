"""Error answers in Chinese: the page keeps the signed-in person's navigation, and a server error shows the request
id its log line carries, so that a report from a user finds the log line."""

from __future__ import annotations

import logging

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from policyreach.web.templating import templates

log = logging.getLogger("policyreach.web")

SERVER_ERROR = "服务器内部错误，请稍后重试。如问题持续，请联系管理员并提供下面的请求编号。"


def request_id(request: Request) -> str:
    return str(getattr(request.state, "request_id", ""))


def error_page(request: Request, status: int, detail: object) -> Response:
    """The error page (JSON under /api/), with the navigation of whoever the request found signed in (the account
    its own session loaded: an error page never takes a second pool connection, which under load exhausted the
    pool while many requests were refused at once)."""
    rid = request_id(request)
    if request.url.path.startswith("/api/"):
        body: dict[str, object] = {"detail": detail}
        if status >= 500:
            body["request_id"] = rid
        return JSONResponse(body, status_code=status)
    context = {"status": status, "detail": detail, "request_id": rid if status >= 500 else None}
    user = getattr(request.state, "user", None)
    if user is not None:
        try:
            return templates.TemplateResponse(request, "error.html", {**context, "user": user}, status_code=status)
        except Exception:  # the database itself may be what failed: the page without the person's navigation
            log.warning("error page without navigation", exc_info=True, extra={"fields": {"request_id": rid}})
    try:
        return templates.TemplateResponse(request, "error.html", {**context, "user": None}, status_code=status)
    except Exception:
        log.exception("error page failed", extra={"fields": {"request_id": rid}})
        return HTMLResponse(f"<!doctype html><meta charset=utf-8><p>{SERVER_ERROR}</p><p>请求编号：{rid}</p>", status)
