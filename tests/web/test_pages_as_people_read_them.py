"""Every page a demo account reaches by following links reads as a person reads it: no server error, no Python
literal (None, True, nan) where a value was missing, no money with more than two decimals. The crawl follows the
links each role's pages show, a few variants of each path, as a new user clicking through would."""

from __future__ import annotations

import html
import re
from collections import deque

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import login

# one account of each role the demo seeds: firms, talents, institutes, officers, finance, the conference
ROLES = ("enterprise1", "talent1", "institute1", "officer", "finance", "admin", "member1", "committee1", "unit1")
PAGES_PER_ROLE = 30
VARIANTS_PER_PATH = 2  # /conference/proposals/481 and /482 show the same template: two are enough
# leaving, files and the machine's API are not pages a person reads
SKIPPED = ("/logout", "/static/", "/api/", "download", "export", ".xlsx", ".pdf", ".csv", ".json")
LITERAL = re.compile(r"(?<![A-Za-z_])(None|True|False|nan|NaN|undefined)(?![A-Za-z_])")
LONG_MONEY = re.compile(r"\d\.\d{3,}\s*(?:万元|元)")
SHAPE = re.compile(r"/\d+(?=/|$)")


def _visible(page: str) -> str:
    """The text a person sees: no scripts, styles, rule expressions shown as code, or attributes."""
    text = re.sub(r"<(script|style|code|pre)\b.*?</\1>", " ", page, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def _links(page: str) -> list[str]:
    found = (html.unescape(h) for h in re.findall(r'href="([^"#]+)"', page))
    return [h for h in found if h.startswith("/") and not h.startswith("//") and not any(s in h for s in SKIPPED)]


@pytest.mark.parametrize("username", ROLES)
def test_every_page_a_role_reaches_reads_without_leaks(app, username: str) -> None:
    problems: list[str] = []
    seen: set[str] = set()
    shapes: dict[str, int] = {}
    queue = deque(["/"])
    visited = 0
    with TestClient(app) as client:
        login(client, username)
        while queue and visited < PAGES_PER_ROLE:
            url = queue.popleft()
            shape = SHAPE.sub("/N", url.split("?")[0])
            if url in seen or shapes.get(shape, 0) >= VARIANTS_PER_PATH:
                continue
            seen.add(url)
            shapes[shape] = shapes.get(shape, 0) + 1
            response = client.get(url)
            visited += 1
            if response.status_code >= 500:
                problems.append(f"{url}: {response.status_code}")
                continue
            if "text/html" not in response.headers.get("content-type", ""):
                continue
            text = _visible(response.text)
            for pattern, what in ((LITERAL, "literal"), (LONG_MONEY, "money")):
                for hit in pattern.finditer(text):
                    around = re.sub(r"\s+", " ", text[max(0, hit.start() - 40) : hit.end() + 10])
                    problems.append(f"{url}: {what} {hit.group(0)!r} in “{around}”")
            queue.extend(_links(response.text))
    assert visited >= 5, f"{username} reached only {visited} pages"  # the crawl itself works
    assert not problems, "\n".join(problems[:20])
