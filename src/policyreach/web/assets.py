"""What the platform serves from itself that a page would otherwise fetch elsewhere: Swagger UI for /api/docs (from
the pinned ``swagger-ui-bundle-v2`` package, never a CDN: a government intranet has no Internet, and the content
security policy allows scripts from this origin only) and the favicon browsers ask for on every page."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Depends, FastAPI
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

from policyreach.web.deps import allow

STATIC = Path(__file__).parent / "static"
SWAGGER_UI = "/static/swagger-ui"
router = APIRouter()

# the start-up script is a file of our static folder, not inline: no 'unsafe-inline' is needed in script-src
DOCS_PAGE = f"""<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>接口文档 · 政策通</title>
  <link rel="icon" href="/favicon.ico" sizes="any">
  <link rel="stylesheet" href="{SWAGGER_UI}/swagger-ui.css">
  <link rel="stylesheet" href="/static/api-docs.css">
</head>
<body>
<div id="swagger-ui" data-openapi="/api/openapi.json">
<noscript>接口文档需要启用 JavaScript；接口描述见 /api/openapi.json</noscript></div>
<script src="{SWAGGER_UI}/swagger-ui-bundle.js"></script>
<script src="/static/api-docs.js"></script>
</body>
</html>
"""


def install(app: FastAPI) -> None:
    """Mount Swagger UI's files; before the platform's own /static mount, which would otherwise answer for them."""
    app.mount(SWAGGER_UI, StaticFiles(directory=Path(str(swagger_ui_path))), name="swagger-ui")
    app.include_router(router)


@router.get(
    "/api/docs", response_class=HTMLResponse, include_in_schema=False, dependencies=[Depends(allow("public.read"))]
)
def api_docs() -> HTMLResponse:
    return HTMLResponse(DOCS_PAGE)


@router.get("/favicon.ico", include_in_schema=False, dependencies=[Depends(allow("public.read"))])
def favicon() -> FileResponse:
    return FileResponse(STATIC / "favicon.ico", media_type="image/x-icon", headers={"Cache-Control": "max-age=86400"})
