"""The FastAPI application: pages in Simplified Chinese, an OpenAPI-documented API, metrics and health."""

from __future__ import annotations

import secrets
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import OperationalError
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from policyreach import plugins, settings
from policyreach.app import accounts
from policyreach.app.platform import Platform
from policyreach.redemption.states import StaleState
from policyreach.web import (
    agents,
    analysis,
    api,
    applications,
    assets,
    bank,
    calculator,
    console,
    funds,
    funnel,
    inbox,
    ingest,
    notice,
    observability,
    oidc,
    personal,
    policies,
    policy_cases,
    portal,
    schema_ext,
    second_factor,
    statements,
    takeup,
    validation,
    workbench,
)
from policyreach.web.bodylimit import BodyLimit
from policyreach.web.deps import LoginRequired, SignInIncomplete
from policyreach.web.errors import error_page
from policyreach.web.security import LoginLimiter, Sessions, TrustedProxies, security_headers

HERE = Path(__file__).parent
FRAMING = frozenset({"Content-Security-Policy", "X-Frame-Options"})


# Starlette's own refusals of a form it cannot parse (too many fields, a part over 1 MB, broken multipart) say so in
# English; a person reads them in Chinese
FORM_REFUSALS = (
    ("Too many files", "上传的文件过多"),
    ("Too many fields", "表单字段过多"),
    ("Field exceeded maximum size", "表单中某一项内容过大（每项不超过 1 MB）"),
    ("Part exceeded maximum size", "上传内容中某一部分过大（每部分不超过 1 MB）"),
    ("Missing boundary in multipart", "上传内容格式有误（缺少分隔符）"),
    ("Invalid multipart data", "上传内容格式有误"),
)


TRANSIENT_SQLSTATES = frozenset({"40001", "40P01"})  # serialization_failure, deadlock_detected


def _in_chinese(detail: object) -> object:
    if isinstance(detail, str):
        for english, chinese in FORM_REFUSALS:
            if detail.startswith(english):
                return f"表单无法读取：{chinese}，请检查后重新提交"
    return detail


class SecurityHeaders:
    """ASGI middleware: the site's security headers on every answer (see web/security.py).

    Plain ASGI for the reason ``observability.Measure`` is: ``@app.middleware("http")`` costs a task and memory
    streams per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                headers = MutableHeaders(scope=message)
                request = Request(scope)
                for name, value in security_headers(request).items():
                    # a material previewed inside its application's page sets a stricter policy of its own that
                    # allows framing by this origin only (web/applications.document); every other answer gets the
                    # site's
                    if name in FRAMING and name in headers:
                        continue
                    headers[name] = value
                oidc_client = request.app.state.oidc
                if oidc_client is not None:  # the logout form's answer goes on to the provider's end_session_endpoint
                    headers["Content-Security-Policy"] = oidc_client.allow_logout_redirect(
                        headers["Content-Security-Policy"]
                    )
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(
    platform: Platform,
    *,
    secret: str | None = None,
    trusted_proxies: tuple[str, ...] | None = None,
    max_body_bytes: int | None = None,
    identity: oidc.OidcConfig | None = None,
    totp_required: bool | None = None,
) -> FastAPI:
    """The app; ``trusted_proxies``, ``max_body_bytes`` and ``totp_required`` default to their settings
    (POLICYREACH_TRUSTED_PROXIES, POLICYREACH_MAX_BODY_BYTES, POLICYREACH_TOTP_REQUIRED), ``identity`` (the unified
    identity provider) to POLICYREACH_OIDC_*."""
    # /api/docs is served by web.assets from this origin: FastAPI's own page loads Swagger UI from a CDN
    app = FastAPI(
        title="PolicyReach 政策通", version="0.1.0", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json"
    )
    app.state.platform = platform
    app.state.sessions = Sessions(secret or secrets.token_urlsafe(32))
    app.state.login_limiter = LoginLimiter()
    accounts.dummy_hash()  # made before the first sign-in: the first unknown name costs no more than a known one
    identity = identity or oidc.OidcConfig.from_settings()
    app.state.oidc = oidc.OidcClient(identity) if identity is not None else None
    app.state.totp_required = settings.totp_required() if totp_required is None else totp_required
    app.state.trusted_proxies = TrustedProxies(
        settings.trusted_proxies() if trusted_proxies is None else trusted_proxies
    )
    assets.install(app)  # Swagger UI's files for /api/docs and the favicon, all from this origin
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    # innermost of the middlewares: its 413 still gets the request id, the log line and the security headers
    app.add_middleware(
        BodyLimit,
        limit=settings.max_body_bytes() if max_body_bytes is None else max_body_bytes,
        wider=((ingest.BATCHES, settings.ingest_max_bytes()),),  # a registry's batch may be large
    )
    observability.install(app)

    app.add_middleware(SecurityHeaders)

    for module in (
        portal,
        oidc,
        second_factor,
        calculator,
        api,
        console,
        policies,
        policy_cases,
        analysis,
        applications,
        funds,
        notice,
        inbox,
        funnel,
        statements,
        takeup,
        agents,
        personal,
        bank,
        schema_ext,
        ingest,
        workbench,
    ):
        app.include_router(module.router)
    app.include_router(ingest.console_router)
    for plugin in plugins.installed():  # the conference's pages, and any other plug-in's
        for router in plugin.routers() if plugin.routers is not None else ():
            app.include_router(router)

    @app.exception_handler(LoginRequired)
    async def to_login(request: Request, _exc: LoginRequired) -> RedirectResponse:
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    @app.exception_handler(SignInIncomplete)
    async def to_completion(request: Request, exc: SignInIncomplete) -> RedirectResponse:
        # a password to change or a second factor to enrol: the one page this sign-in may see
        return RedirectResponse(exc.target, status_code=303)

    @app.exception_handler(StaleState)
    async def lost_race(request: Request, exc: StaleState) -> Response:
        # the losing actor's transaction was rolled back when its session closed: only the answer is left to give
        return await http_error(request, StarletteHTTPException(409, str(exc)))

    @app.exception_handler(OperationalError)
    async def busy(request: Request, exc: OperationalError) -> Response:
        # PostgreSQL chose this transaction as a deadlock's victim or refused it a serializable snapshot (two batches
        # over the same firms as a rebuild commits; two officers at one fund): it was rolled back whole, so the
        # sender may simply send again. Anything else is a fault of ours and stays a 500.
        if getattr(exc.orig, "sqlstate", None) not in TRANSIENT_SQLSTATES:
            raise exc
        detail = "与同时提交的另一项更改冲突，本次没有写入任何内容，请稍后重试"
        return await http_error(request, StarletteHTTPException(503, detail, headers={"Retry-After": "1"}))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        response = error_page(request, exc.status_code, _in_chinese(exc.detail))
        response.headers.update(exc.headers or {})  # Retry-After of a 429, WWW-Authenticate …
        return response

    validation.install(app, http_error)  # bad input: 400 in Chinese naming the field, never 500
    return app
