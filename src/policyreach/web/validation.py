"""Bad input in a page's form, query or address answers 400 with a Chinese message naming the field, never 500.

FastAPI refuses a typed parameter it cannot parse (an integer id given "abc", a malformed date) with a 422 in English;
pages answer 400 in Chinese instead, naming the field. The API keeps its documented 422 (its schema says so) and
FastAPI's body, with the Chinese sentence beside it (``message``). Text longer than its column
(``store.lengths.TooLong``) is a 400 too, with nothing written. :func:`parse_date` and :func:`parse_id` serve the
handlers that read a value themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from policyreach.store.lengths import TooLong

# the fields a person sees by another name (others are named as they are sent)
LABELS = {
    "application_id": "申请编号",
    "proposal_id": "提案编号",
    "assignment_id": "交办编号",
    "attachment_id": "附件编号",
    "notification_id": "消息编号",
    "document_id": "材料编号",
    "activity_id": "活动编号",
    "record_id": "记录编号",
    "report_id": "报告编号",
    "member_id": "委员编号",
    "request_id": "请求编号",
    "job_id": "任务编号",
    "happened_on": "日期",
    "held_on": "日期",
    "on": "日期",
    "since": "起始日期",
    "year": "年份",
    "amount": "金额",
    "period": "期间",
    "leader": "牵头人",
    "cosigners": "联名委员",
    "co": "会办单位",
    "separate": "分办单位",
    "draft_id": "版本编号",
    "as_of": "查询日期",
    "effective_from": "生效日期",
    "against": "对比版本",
    "reason": "理由",
}
_WHAT = {
    "int": "应为整数编号",
    "date": "应为日期（如 2026-05-18）",
    "datetime": "应为日期时间",
    "decimal": "应为数值",
    "float": "应为数值",
    "bool": "应为是或否",
    "missing": "为必填项",
    "string_too_long": "过长",
    "too_long": "过长",
    "list": "格式不正确",
}


def label(field: str) -> str:
    return LABELS.get(field, field)


def _sentence(error: dict[str, Any]) -> str:
    loc = [str(part) for part in error.get("loc", ()) if not isinstance(part, int)]
    field = loc[-1] if loc else "输入"
    kind = str(error.get("type", ""))
    what = next((text for key, text in _WHAT.items() if kind == key or kind.startswith(key + "_")), "格式不正确")
    shown = error.get("input")
    typed = f"（填写的是“{str(shown)[:40]}”）" if isinstance(shown, str | int) and kind != "missing" else ""
    where = "网址中的" if loc and loc[0] == "path" else ""
    return f"{where}“{label(field)}”{what}{typed}"


def message(exc: RequestValidationError) -> str:
    sentences = list(dict.fromkeys(_sentence(e) for e in exc.errors()))
    return "输入有误：" + "；".join(sentences[:5])


def parse_date(raw: str, field: str) -> dt.date:
    """A date typed into a form or a query (YYYY-MM-DD); 400 naming the field otherwise."""
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise HTTPException(400, f"“{label(field)}”应为日期（如 2026-05-18），填写的是“{raw[:40]}”") from None


def parse_id(raw: str, field: str) -> int:
    """An integer id typed into a form; 400 naming the field otherwise (never a database overflow)."""
    text = raw.strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 18):
        raise HTTPException(400, f"“{label(field)}”应为整数编号，填写的是“{raw[:40]}”")
    return int(text)


Handler = Callable[[Request, StarletteHTTPException], Awaitable[Response]]


def install(app: FastAPI, http_error: Handler) -> None:
    """Answer validation errors: a page's with ``http_error`` (the app's error page) as 400, the API's as 422."""

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if request.url.path.startswith("/api/"):  # the API keeps the 422 and the body its OpenAPI schema documents
            body = {"detail": jsonable_encoder(exc.errors()), "message": message(exc)}
            return JSONResponse(body, status_code=422)
        return await http_error(request, StarletteHTTPException(400, message(exc)))

    @app.exception_handler(TooLong)
    async def too_long(request: Request, exc: TooLong) -> Response:
        return await http_error(request, StarletteHTTPException(400, str(exc)))

    # an id or a number beyond what the database holds (a 30-digit id in the address): SQLite's driver raises
    # OverflowError, PostgreSQL a DataError; either way the value was the person's, and nothing was written
    @app.exception_handler(OverflowError)
    @app.exception_handler(DataError)
    async def out_of_range(request: Request, _exc: Exception) -> Response:
        return await http_error(request, StarletteHTTPException(400, "输入的编号或数值超出可处理的范围，请检查后重试"))
