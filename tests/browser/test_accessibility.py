"""Every HTML page passes an axe-core audit: each GET route of the app that answers HTML, as each role the
authorization matrix (tests/web/authorization.yaml) lets see it, at a phone's and a desktop's width, with no serious
or critical violation.

axe-core comes from the npm registry through the Makefile's set-up (tests/browser/axe, pinned by its
package-lock.json) and is added to each page by the browser itself as an init script: the platform's
content-security policy (script-src 'self') stays as it is, and nothing is loaded from a CDN. Both widths are audited
on one load of the page (the viewport is resized and axe runs again: the layout follows the width through CSS media
queries alone). A page with the same structure as one already audited for its route (the same tags and attributes,
data and repeated rows aside; see ``_fingerprint``) is not audited twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute
from sqlalchemy import delete, select

from policyreach.push.models import Notification
from policyreach.redemption.states import State
from policyreach.store.models import Account, Application, Entity, Fund, LedgerEntry
from tests.web.conftest import csrf_of
from tests.web.test_authorization import (
    ACCOUNTS,
    DEPARTMENT,
    PASSWORD,
    ROLES,
    TABLE,
    Matrix,
    _expand,
    _expected,
    _path,
    matrix_objects,
)

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
# the conference's other member: the owner of the matrix's draft proposal, to audit that page as its owner
OWNER_OF_OTHER_PROPOSAL = "member2"


def html_routes(app: Any, prefix: str = "") -> list[str]:
    """The GET routes whose answer is an HTML page (declared with HTMLResponse), descending into included routers."""
    out: list[str] = []
    for route in app.routes if hasattr(app, "routes") else app:
        if hasattr(route, "original_router"):
            out += html_routes(route.original_router.routes, prefix + route.include_context.prefix)
        elif isinstance(route, APIRoute) and "GET" in route.methods:
            response_class = getattr(route.response_class, "value", route.response_class)
            if isinstance(response_class, type) and issubclass(response_class, HTMLResponse):
                out.append(prefix + route.path)
    return sorted(set(out))


@dataclass(frozen=True)
class Cell:
    route: str  # the template, e.g. /me/benefits/{benefit_id}
    role: str  # the matrix's role, or an account named for a page only its owner sees
    path: str
    status: int = 200  # what the page answers: a state shown with an error answers with its own code
    required: bool = True  # False where the conference module decides whether the role sees the page


# states of pages that a plain GET of their route does not show: the error page (with the navigation) and a form
# that kept what was typed with its errors marked (aria-invalid, the error colours)
STATES = [
    Cell("error page", "enterprise", "/me/benefits/no-such-benefit", 404),
    Cell("error page", "officer", "/console/applications/999999999", 404),
    Cell("form with errors", "officer", "/console/applications?min_wan=abc&since=2026-02-30"),
]


def _own_objects(platform) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Objects the audit's own accounts own, for pages the matrix only asks about with someone else's object: a
    message to each account, and a paid application (with its receipt) of the audit's firm."""
    with platform.sessions() as session:
        accounts = {
            a.username: a for a in session.scalars(select(Account).where(Account.username.in_(ACCOUNTS.values())))
        }
        messages = {}
        for username, account in accounts.items():
            note = Notification(
                recipient=f"a:{account.id}",
                account_pk=account.id,
                token=secrets.token_hex(8),
                kind="match",
                subject="无障碍检查的消息",
                body="一条给本账户的消息",
                link="/me/inbox",
                dedupe_key=f"a11y:{username}",
                created_at=dt.datetime.now(dt.UTC),
            )
            session.add(note)
            session.flush()
            messages[username] = note.id
        firm = accounts["mx-enterprise"]
        entity = session.get(Entity, firm.entity_pk)
        benefit = next(b for b in platform.compiled.benefits if b.spec.payout == "cash" and "enterprise" in b.kinds)
        paid = Application(
            entity_pk=entity.id,
            benefit_id=benefit.id,
            period="a11y",
            state=State.PAID,
            redemption=benefit.spec.redemption,
            amount=Decimal("123456.78"),
            snapshot={"benefit": {"title": benefit.spec.title}, "bank": {"name": entity.name, "tail": "2233"}},
        )
        session.add(paid)
        session.flush()
        session.add(
            LedgerEntry(
                fund_id=session.scalars(select(Fund)).first().id,
                period=str(platform.as_of.year),
                application_id=paid.id,
                amount=Decimal("123456.78"),
                kind="pay",
                at=dt.datetime(platform.as_of.year, 3, 1, 8, 0),
                by="bank",
                disbursement_id="A11Y-1",
            )
        )
        # a revision of one of the department's policies (its own file, as a new draft): the preview page shows it;
        # the matrix's draft is deliberately unreadable, so its preview is a refusal, not the page
        from pathlib import Path

        from policyreach.app import policy_versions

        policy = next(p for p in platform.library.policies.values() if policy_versions.departments(p) == {DEPARTMENT})
        revision = policy_versions.new_draft(
            session,
            name=Path(platform.library.files[policy.id]).name,
            policy=policy,
            text=Path(platform.library.files[policy.id]).read_text(encoding="utf-8"),
            cases=len(policy.tests),
            author="mx-officer",
            department=DEPARTMENT,
        )
        session.commit()
        return {"messages": messages, "paid_application": paid.id, "revision": revision.id}


def _cells(routes: list[str], matrix: Matrix, own: dict[str, Any]) -> tuple[list[Cell], dict[str, str]]:
    """Every (route, role) the audit loads, and why a route has none."""
    cells: list[Cell] = []
    none: dict[str, str] = {}
    for template in routes:
        entry = TABLE["routes"].get(f"GET {template}")
        if entry is None:
            none[template] = "not in tests/web/authorization.yaml"
            continue
        found = []
        for role in ROLES:
            expected = _expected(entry, role)
            # a conference route decided by the module: every conference role is tried, the page audited where shown
            if expected == "allowed" or (isinstance(expected, set) and "allowed" in expected):
                found.append(Cell(template, role, _path(matrix, template, entry, role), required=expected == "allowed"))
        if template in ("/console/policy-versions/{draft_id}/preview", "/console/policy-versions/{draft_id}/cases"):
            shown = template.replace("{draft_id}", str(own["revision"]))
            found = [Cell(template, c.role, shown) for c in found]
        if not found:  # pages only their owner sees: the matrix asks with someone else's object
            if template == "/me/inbox/{notification_id}":
                for role in ROLES:
                    if role in _expand(entry.get("not_found", [])) and ACCOUNTS[role]:
                        found.append(Cell(template, role, f"/me/inbox/{own['messages'][ACCOUNTS[role]]}"))
            elif template == "/me/applications/{application_id}/receipt":
                found.append(Cell(template, "enterprise", f"/me/applications/{own['paid_application']}/receipt"))
            elif template == "/conference/proposals/{proposal_id}":
                path = f"/conference/proposals/{matrix.objects['other_proposal']}"
                found.append(Cell(template, OWNER_OF_OTHER_PROPOSAL, path))
                published = f"/conference/proposals/{matrix.objects['published_proposal']}"
                found += [Cell(template, role, published, required=False) for role in sorted(_expand(["conference"]))]
        if template == "/conference/venue/{code}":  # the matrix's code is forged: a member opens a real one
            from policyreach.clock import current_clock
            from policyreach.conference import venue

            code = venue.token(matrix.objects["any_activity"], current_clock().now())
            found = [Cell(template, "member", f"/conference/venue/{code}")]
        if not found:
            none[template] = "no role of the matrix may see it"
        cells += found
    return cells, none


def _sign_in(context, server: str, username: str, password: str) -> None:
    """Signs the context in through the login form's own request (its pre-session cookie and token)."""
    token = csrf_of(context.request.get(f"{server}/login").text())
    answer = context.request.post(
        f"{server}/login",
        form={"username": username, "password": password, "csrf_token": token},
        max_redirects=0,
    )
    assert answer.status == 303, f"{username} could not sign in: {answer.status}"


# attributes whose text is data (names, figures, addresses, tokens): only whether they are empty can change what axe
# finds (an empty alt, label or title); class, role, type, aria-* states and the rest stay as they are
DATA_ATTRIBUTES = {"value", "content", "aria-label", "title", "alt", "placeholder", "href", "action", "src", "datetime"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Structure(HTMLParser):
    """The page as a tree of tags, their attributes and whether each text is empty."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, list[str]]] = [("#root", [])]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        shown = []
        for name, value in sorted(attrs):
            value = value or ""
            if name in DATA_ATTRIBUTES or name.startswith("data-"):
                value = "x" if value.strip() else ""
            shown.append(f"{name}={re.sub(r'[0-9]+', '0', value)}")
        head = f"<{tag} {' '.join(shown)}>"
        if tag in VOID:
            self.stack[-1][1].append(head)
        else:
            self.stack.append((head, []))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if any(head.startswith(f"<{tag} ") for head, _ in self.stack[1:]):
            while True:  # closes what the page left open inside it, as the browser does
                head, children = self.stack.pop()
                self.stack[-1][1].append(head + _collapsed(children))
                if head.startswith(f"<{tag} "):
                    break

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.stack[-1][1].append("T")

    def tree(self) -> str:
        while len(self.stack) > 1:
            head, children = self.stack.pop()
            self.stack[-1][1].append(head + _collapsed(children))
        return _collapsed(self.stack[0][1])


def _collapsed(children: list[str]) -> str:
    """Children with runs of identical siblings (a table's rows, a list's items) kept once: ten rows of one shape
    audit like one."""
    kept = [c for i, c in enumerate(children) if i == 0 or c != children[i - 1]]
    return "[" + "".join(kept) + "]"


def _fingerprint(html: str) -> str:
    """The page's structure: its tags and attributes with the data taken out (names, figures, tokens) and repeated
    rows kept once. Two pages of one route with the same structure, whoever sees them and whatever rows they list, are
    audited once: what axe judges (labels, names, roles, contrast of the same classes) is the same on both."""
    parser = _Structure()
    parser.feed(html)
    parser.close()
    return hashlib.sha256(parser.tree().encode()).hexdigest()


def _axe(page) -> list[dict[str, Any]]:
    result = page.evaluate(
        """async () => {
            // only the rules that can find a serious or critical violation: the others (landmarks, heading order,
            // regions …) are moderate or minor at most, and on a long page the slowest
            const checks = axe._audit.data.checks;
            const grave = (id) => ['serious', 'critical'].includes((checks[id] || {}).impact);
            const rules = {};
            for (const rule of axe._audit.rules) {
                const ids = [...rule.any, ...rule.all, ...rule.none].map((c) => c.id || c);
                if (!ids.some(grave)) rules[rule.id] = {enabled: false};
            }
            const r = await axe.run(document, {resultTypes: ['violations'], rules});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.filter(n => ['serious', 'critical'].includes(n.impact))
                              .map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160),
                                          summary: n.failureSummary}))}));
        }"""
    )
    return [v for v in result if v["nodes"]]


def _shown(cell: Cell, status: int, kind: str, final: str) -> bool:
    """Whether the cell's page showed as expected: its status, as HTML, at its own address (not redirected)."""
    return status == cell.status and "text/html" in kind and final.split("?")[0] == cell.path.split("?")[0]


@pytest.fixture(scope="module")
def audit_objects(served_platform) -> Iterator[tuple[Matrix, dict[str, Any]]]:
    objects, own_kind = matrix_objects(served_platform)
    own = _own_objects(served_platform)
    yield Matrix(objects, own_kind, ACCOUNTS), own
    # the paid application is a page to audit, not money: its ledger line (paid, never committed) would be a
    # difference for every later test of this process that reconciles the ledger
    with served_platform.sessions() as session:
        session.execute(delete(LedgerEntry).where(LedgerEntry.application_id == own["paid_application"]))
        session.execute(delete(Application).where(Application.id == own["paid_application"]))
        session.commit()


def test_every_html_page_passes_axe_as_every_role_at_both_widths(
    browser, server, served_platform, audit_objects, capsys, monkeypatch
) -> None:
    from policyreach.web.app import create_app

    # the venue's sign-in code made when the cells are listed must still open when the member's turn comes
    monkeypatch.setenv("POLICYREACH_VENUE_QR_VALID_SECONDS", "3600")

    assert AXE.exists(), "axe-core is not installed: run make system-deps (tests/browser/axe, npm ci)"
    matrix, own = audit_objects
    routes = html_routes(create_app(served_platform, secret="route-list"))
    cells, not_audited = _cells(routes, matrix, own)
    cells += STATES
    by_account: dict[str, list[Cell]] = defaultdict(list)
    for cell in cells:
        by_account[cell.role].append(cell)

    audited: dict[str, set[str]] = defaultdict(set)  # route → roles whose page was audited
    skipped: dict[str, list[str]] = defaultdict(list)  # route → role: why not
    seen: dict[tuple[str, str], str] = {}
    violations: list[str] = []
    by_rule: dict[str, int] = defaultdict(int)
    missed: list[str] = []  # pages the matrix says the role sees, that did not show as HTML
    runs = 0
    timings: list[tuple[float, float, str, str]] = []
    for role, its_cells in by_account.items():
        username = ACCOUNTS.get(role, role)
        context = browser.new_context(locale="zh-CN", viewport=WIDTHS["phone"])
        context.add_init_script(path=str(AXE))  # injected by the browser, not by the page: the CSP is untouched
        if username:
            _sign_in(context, server, username, PASSWORD if username.startswith("mx-") else "demo1234")
        page = context.new_page()
        for cell in its_cells:
            started = time.monotonic()
            # the HTML first, without a browser's rendering: a page whose structure was audited is not loaded again
            answer = context.request.get(f"{server}{cell.path}")
            final = answer.url.removeprefix(server)
            if not _shown(cell, answer.status, answer.headers.get("content-type", ""), final):
                skipped[cell.route].append(f"{role}: {answer.status} {final}")
                if cell.required:
                    missed.append(f"{cell.path} as {role}: {answer.status} at {final}")
                continue
            key = (cell.route, _fingerprint(answer.text()))
            if key in seen:  # the same structure as a page of this route already audited
                audited[cell.route].add(role)
                continue
            page.set_viewport_size(WIDTHS["phone"])
            response = page.goto(f"{server}{cell.path}", wait_until="load")
            status = response.status if response else 0
            kind = response.headers.get("content-type", "") if response else ""
            final = page.url.removeprefix(server)
            if not _shown(cell, status, kind, final):
                skipped[cell.route].append(f"{role}: {status} {final}")
                if cell.required:
                    missed.append(f"{cell.path} as {role}: {status} {kind} at {final}")
                continue
            if page.locator("#swagger-ui").count():  # drawn by script after the load: audit the drawn page
                page.wait_for_selector(".opblock", timeout=30_000)
            seen[key] = role
            loaded = time.monotonic()
            for width, size in WIDTHS.items():
                if width != "phone":
                    page.set_viewport_size(size)
                for v in _axe(page):
                    by_rule[v["id"]] += len(v["nodes"])
                    shown = "\n    ".join(f"{n['target']}: {n['html']} ({n['summary']})" for n in v["nodes"][:6])
                    violations.append(
                        f"{cell.path} as {role} ({width}): {v['id']} [{v['impact']}] {v['help']} — "
                        f"{len(v['nodes'])} element(s):\n    {shown}"
                    )
                runs += 1
            timings.append((time.monotonic() - started, loaded - started, cell.path, role))
            audited[cell.route].add(role)
        context.close()

    states = [s for s in STATES if s.role in audited[s.route]]
    for route in routes:
        if route not in audited and route not in not_audited:
            not_audited[route] = "; ".join(skipped[route]) or "no page"
    with capsys.disabled():
        print(
            f"\naccessibility: pages audited {sum(1 for r in routes if r in audited)} of {len(routes)} HTML routes "
            f"({sum(len(audited[r]) for r in routes)} route × role pages, {len(states)} of {len(STATES)} error states, "
            f"{runs} axe runs)"
        )
        for route, why in sorted(not_audited.items()):
            print(f"  not audited: {route} — {why}")
        for page in missed:
            print(f"  not shown: {page}")
        for total, load, path, role in sorted(timings, reverse=True)[:5]:
            print(f"  slowest: {total:.2f}s (load {load:.2f}s) {path} as {role}")
        print(f"  total {sum(t[0] for t in timings):.1f}s, loads {sum(t[1] for t in timings):.1f}s")
        for rule, count in sorted(by_rule.items()):
            print(f"  serious/critical: {rule}: {count} element(s)")
    assert not violations, "\n".join(violations)
    assert not not_audited, not_audited
    assert not missed, missed
    assert len(states) == len(STATES), [s for s in STATES if s not in states]
