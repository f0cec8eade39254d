"""Health, Prometheus metrics (administrators and the machine itself only), structured (JSON) request logs with a
request id, and the answer to an unexpected error: logged with that id, a Chinese page showing it."""

from __future__ import annotations

import json
import logging
import secrets
import time

from fastapi import Depends, FastAPI, HTTPException, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from policyreach.push.audit_check import AuditCollector
from policyreach.web.deps import allow, current_account
from policyreach.web.errors import SERVER_ERROR, error_page
from policyreach.web.security import is_local

log = logging.getLogger("policyreach.web")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
        }
        payload.update(getattr(record, "fields", {}))
        return json.dumps(payload, ensure_ascii=False)


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger("policyreach")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


class Measure:
    """ASGI middleware: a request id, the request's metrics and its log line, and the page of an unexpected error.

    A plain ASGI middleware rather than ``@app.middleware("http")``: Starlette's ``BaseHTTPMiddleware`` runs the
    rest of the app in a task of its own with memory streams between them, which cost more per request than
    everything this middleware does (issue 25's profile of /me/policies)."""

    def __init__(self, app: ASGIApp, requests: Counter, latency: Histogram) -> None:
        self.app, self.requests, self.latency = app, requests, latency

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        rid = secrets.token_hex(8)
        scope.setdefault("state", {})["request_id"] = rid  # request.state.request_id, for the error page
        status = 500
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, started
            if message["type"] == "http.response.start":
                started, status = True, message["status"]
                message.setdefault("headers", [])
                MutableHeaders(scope=message)["X-Request-ID"] = rid
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            # an unexpected error: its trace goes to the log under the request id the person is shown
            route = getattr(scope.get("route"), "path", "unmatched")
            log.exception(
                "unhandled error", extra={"fields": {"request_id": rid, "method": scope["method"], "route": route}}
            )
            if started:  # the answer is under way: nothing else can be said on this connection
                raise
            await error_page(Request(scope), 500, SERVER_ERROR)(scope, receive, send_with_id)
        route = getattr(scope.get("route"), "path", "unmatched")
        elapsed = time.perf_counter() - start
        method = scope["method"]
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(elapsed)
        fields = {"request_id": rid, "method": method, "route": route, "status": status, "ms": round(elapsed * 1000, 2)}
        (log.error if status >= 500 else log.info)("request", extra={"fields": fields})


def install(app: FastAPI) -> None:
    registry = CollectorRegistry()
    requests = Counter(
        "policyreach_http_requests_total", "HTTP requests", ["method", "route", "status"], registry=registry
    )
    latency = Histogram(
        "policyreach_http_request_seconds",
        "Request latency",
        ["method", "route"],
        registry=registry,
        buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5),
    )
    # the worker checks the audit chain; every server reports the outcome it recorded in the database
    registry.register(AuditCollector(lambda: app.state.platform.sessions))

    app.add_middleware(Measure, requests=requests, latency=latency)

    @app.get("/healthz", include_in_schema=False, dependencies=[Depends(allow("public.read"))])
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/metrics", include_in_schema=False)
    def metrics(request: Request) -> Response:
        """For the machine's own scraper (loopback, not forwarded by a proxy) and for administrators: the figures
        tell an outsider which routes exist and how busy the platform is."""
        if not is_local(request):
            with request.app.state.platform.sessions() as session:
                user = current_account(request, session)
            if user is None or user.role != "admin":
                raise HTTPException(403, "监控指标仅对系统管理员和本机开放")
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
