"""/api/docs in a real browser, offline and under a content-security policy without 'unsafe-inline' for scripts;
the favicon every page asks for."""

from __future__ import annotations

from urllib.parse import urlsplit

# stricter than the platform's own header: scripts from this origin only, no inline script, no eval
STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'"
)


def test_api_docs_list_the_operations_from_the_platforms_own_files(desktop, server) -> None:
    elsewhere: list[str] = []
    violations: list[str] = []
    own = urlsplit(server).netloc

    def strict(route) -> None:  # the page as served, its CSP header replaced by the strict one
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": STRICT_CSP})

    desktop.on("request", lambda r: elsewhere.append(r.url) if urlsplit(r.url).netloc not in (own, "") else None)
    desktop.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    desktop.route("**/api/docs", strict)
    desktop.goto(f"{server}/api/docs")
    desktop.wait_for_selector(".opblock", timeout=15_000)
    operations = desktop.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/token" in operations and "/api/entities/{entity_id}/matches" in operations, operations
    assert desktop.locator("script:not([src])").count() == 0  # nothing inline to allow
    assert not elsewhere, elsewhere  # no CDN: an intranet has none
    assert not violations, violations
    icon = desktop.request.get(f"{server}/favicon.ico")
    assert icon.status == 200 and icon.headers["content-type"] == "image/x-icon" and icon.body()[:4] == b"\0\0\1\0"
    desktop.goto(f"{server}/login")
    assert desktop.locator("link[rel=icon][href='/favicon.ico']").count() == 1
