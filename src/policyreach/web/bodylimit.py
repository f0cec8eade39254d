"""The request body limit (POLICYREACH_MAX_BODY_BYTES), enforced before the body is read: a declared length over
the limit is refused at once, and a body sent without one (chunked) is cut off as soon as it passes the limit."""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from policyreach.web.errors import error_page


def _size_text(limit: int) -> str:
    return f"{limit / (1024 * 1024):g} MB" if limit >= 1024 * 1024 else f"{limit} 字节"


class BodyLimit:
    """ASGI middleware: 413 with a Chinese message for a request body larger than ``limit`` bytes."""

    def __init__(self, app: ASGIApp, limit: int, wider: tuple[tuple[str, int], ...] = ()) -> None:
        # wider: (path prefix, limit) for the few routes that take large bodies (a registry's batch)
        self.app, self.base, self.wider = app, limit, wider
        self.limit = limit

    def _limit_for(self, scope: Scope) -> int:
        path = str(scope.get("path", ""))
        return next((limit for prefix, limit in self.wider if path.startswith(prefix)), self.base)

    async def _refuse(self, scope: Scope, send: Send, status: int = 413) -> None:
        message = (
            f"提交的内容过大（上限 {_size_text(self._limit_for(scope))}），请缩小文件或分批提交"
            if status == 413
            else "请求头 Content-Length 无效"
        )

        async def nothing() -> Message:
            return {"type": "http.disconnect"}

        response = error_page(Request(scope), status, message)
        response.headers["Connection"] = "close"  # the unread rest of the body is not waited for
        await response(scope, nothing, send)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit_for(scope)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            try:
                length = int(declared)
            except ValueError:
                length = -1
            if length < 0 or length > limit:
                await self._refuse(scope, send, 413 if length > limit else 400)
                return
        received, refused, started = 0, False, False

        async def limited_receive() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    refused = True
                    if not started:
                        await self._refuse(scope, send)
                    return {"type": "http.disconnect"}  # the application stops reading; its answer is dropped
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if refused:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception:
            if not refused:
                raise
