"""The FastAPI application: pages in Simplified Chinese, an OpenAPI-documented API, metrics and health."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from policyreach import plugins
from policyreach.app.platform import Platform
from policyreach.redemption.states import StaleState
from policyreach.web import (
    analysis,
    api,
    applications,
    assets,
    calculator,
    console,
    funds,
    funnel,
    inbox,
    notice,
    observability,
    portal,
    validation,
)
from policyreach.web.deps import LoginRequired
from policyreach.web.security import SECURITY_HEADERS, LoginLimiter, Sessions
from policyreach.web.templating import templates

HERE = Path(__file__).parent


def create_app(platform: Platform, *, secret: str | None = None) -> FastAPI:
    # /api/docs is served by web.assets from this origin: FastAPI's own page loads Swagger UI from a CDN
    app = FastAPI(
        title="PolicyReach 政策通", version="0.1.0", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json"
    )
    app.state.platform = platform
    app.state.sessions = Sessions(secret or secrets.token_urlsafe(32))
    app.state.login_limiter = LoginLimiter()
    assets.install(app)  # Swagger UI's files for /api/docs and the favicon, all from this origin
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    observability.install(app)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    for module in (portal, calculator, api, console, analysis, applications, funds, notice, inbox, funnel):
        app.include_router(module.router)
    for plugin in plugins.installed():  # the conference's pages, and any other plug-in's
        for router in plugin.routers() if plugin.routers is not None else ():
            app.include_router(router)

    @app.exception_handler(LoginRequired)
    async def to_login(request: Request, _exc: LoginRequired) -> RedirectResponse:
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    @app.exception_handler(StaleState)
    async def lost_race(request: Request, exc: StaleState) -> Response:
        # the losing actor's transaction was rolled back when its session closed: only the answer is left to give
        return await http_error(request, StarletteHTTPException(409, str(exc)))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return templates.TemplateResponse(
            request, "error.html", {"status": exc.status_code, "detail": exc.detail}, status_code=exc.status_code
        )

    validation.install(app, http_error)  # bad input: 400 in Chinese naming the field, never 500
    return app
