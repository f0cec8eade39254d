"""The authorization matrix: every route × every role against the reviewed table in authorization.yaml.

Each role signs in (its own account: a firm that is not the victim, an officer of the victim's department and one of
another, finance, the administrator, the conference's roles), every route is called with real ids of objects owned by
someone else, and each POST carries the account's valid CSRF token, so that what answers is the policy's check
itself. A 422 (the matrix sends empty forms) means the request passed the check; it never counts as a refusal, and
neither does the CSRF 403. A route of the app missing from the table fails the test, and so does a table entry
naming a route the app does not have.
"""

from __future__ import annotations

import datetime as dt
import functools
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from sqlalchemy import select

from policyreach import plugins, settings
from policyreach.app import consents
from policyreach.app.accounts import hash_password
from policyreach.app.funds import fund_of
from policyreach.push.models import Job, Notification
from policyreach.store.models import (
    Account,
    Application,
    Disbursement,
    Entity,
    FirmAgent,
    IngestBatch,
    Material,
    PolicyDraft,
)
from policyreach.web import notice
from policyreach.web.security import SESSION_COOKIE
from tests.web.conftest import csrf_of, login

TABLE = yaml.safe_load((Path(__file__).parent / "authorization.yaml").read_text(encoding="utf-8"))
PASSWORD = "matrix-pass-1"
DEPARTMENT = "长春市科学技术局"
CSRF_REFUSAL = "表单已过期或来源不明"
CONFERENCE = "conference" in {p.name for p in plugins.installed()}
PLUGIN_ROLES = {"member", "committee", "unit", "info_office", "leader"}  # the conference's own: absent without it
ROLES = [r for r in TABLE["groups"]["everyone"] if CONFERENCE or r not in PLUGIN_ROLES]


def _expand(names: list[str]) -> set[str]:
    out: set[str] = set()
    for name in names:
        out |= set(TABLE["groups"].get(name, [name]))
    return out


def all_routes(routes: Any, prefix: str = "") -> set[tuple[str, str]]:
    """(method, path) of every route, descending into included routers (app.routes holds them lazily)."""
    out: set[tuple[str, str]] = set()
    for route in routes:
        if hasattr(route, "original_router"):
            out |= all_routes(route.original_router.routes, prefix + route.include_context.prefix)
        elif getattr(route, "methods", None):
            out |= {(m, prefix + route.path) for m in route.methods - {"HEAD"}}
    return out


@dataclass
class Matrix:
    objects: dict[str, Any]
    own_kind_benefit: dict[str, str]
    accounts: dict[str, str | None]  # role → username (None: anonymous)
    clients: dict[str, TestClient] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    csrf: dict[str, str] = field(default_factory=dict)


@functools.cache
def _hash() -> str:
    return hash_password(PASSWORD)


def _account(session, username: str, role: str, *, department: str | None = None, entity: Entity | None = None):
    if session.scalar(select(Account).where(Account.username == username)) is None:
        session.add(
            Account(
                username=username,
                password_hash=_hash(),
                role=role,
                department=department,
                entity_pk=entity.id if entity else None,
                display_name=username,
            )
        )


def _business_departments(platform, session, entity: Entity) -> set[str]:
    """The departments an entity has business with, computed here from its matches (not by the code under test)."""
    by_id = {b.id: b.spec.department for b in platform.compiled.benefits}
    return {by_id[m.benefit_id] for m in platform.matches(session, entity, habits=False) if m.status != "ineligible"}


def _throwaway_account(session) -> int:  # type: ignore[no-untyped-def]
    account = Account(username="mx-reset-target", password_hash="x", role="enterprise", display_name="矩阵")
    session.add(account)
    session.flush()
    return account.id


def _activity_attachment(session, beside: int) -> int:  # type: ignore[no-untyped-def]
    """A file of an activity other than ``beside``: asked for under ``beside``, it must be 404 to everyone."""
    from policyreach.conference.records_models import Activity, ActivityAttachment

    other = session.scalar(select(Activity.id).where(Activity.id != beside).limit(1))
    row = ActivityAttachment(
        activity_pk=other,
        name="调研报告.pdf",
        stored_as=secrets.token_hex(16),
        content_type="application/pdf",
        size=15,
        uploaded_by="matrix",
        uploaded_at=dt.datetime(2026, 5, 1, 2),
    )
    session.add(row)
    session.flush()
    return row.id


def _conference_objects(session, platform, victim_entity_id: str) -> dict[str, Any]:
    from policyreach.conference import liaison
    from policyreach.conference import proposals as wf
    from policyreach.conference.models import Assignment, Attachment, ConferenceMember, HandlingUnit, Proposal
    from policyreach.conference.records_models import (
        Activity,
        ActivityForm,
        ActivitySpeech,
        DutyEntry,
        InstructionTask,
        LegislativeComment,
        LegislativeDraft,
        OpinionReport,
        SupervisionItem,
    )

    member2 = session.scalar(select(Account).where(Account.username == "member2"))
    member1 = session.scalar(select(Account).where(Account.username == "member1"))
    mine = select(ConferenceMember.id).where(ConferenceMember.account_pk == member1.id)
    other = session.scalar(select(ConferenceMember).where(ConferenceMember.account_pk == member2.id))
    proposal = wf.draft(
        session,
        member2,
        title="授权矩阵：他人的提案草稿",
        category="经济建设",
        case_text="案由",
        analysis="分析",
        suggestions="建议",
        year=platform.as_of.year,
    )
    session.flush()
    stored = secrets.token_hex(8)
    (settings.uploads_dir() / stored).write_bytes(b"%PDF-1.4 matrix")
    attachment = Attachment(
        proposal_pk=proposal.id,
        name="附件.pdf",
        stored_as=stored,
        content_type="application/pdf",
        size=15,
        uploaded_on=platform.as_of,
    )
    session.add(attachment)
    unit1 = session.scalar(select(HandlingUnit).where(HandlingUnit.name == "长春市商务局"))
    victim = session.scalar(select(Entity).where(Entity.entity_id == victim_entity_id))
    target = liaison.cover(session, member2, kind="enterprise", name="", since=platform.as_of, entity=victim)
    session.flush()

    def first(query):
        found = session.scalar(query.limit(1))
        assert found is not None, f"the demo data has no {query}"
        return found.id

    any_activity = first(select(Activity))
    return {
        "other_proposal": proposal.id,
        "other_attachment": attachment.id,
        "published_proposal": first(select(Proposal).where(Proposal.published.is_(True))),
        "other_assignment": first(select(Assignment).where(Assignment.unit_pk != unit1.id)),
        "other_target": target.id,
        "victim_consent": liaison.consent_for(session, target).id,
        "other_member": other.id,
        "other_report": first(select(OpinionReport).where(OpinionReport.author_pk.not_in(mine))),
        "other_duty": first(select(DutyEntry).where(DutyEntry.member_pk.not_in(mine))),
        "any_activity": any_activity,
        "any_legislation": first(select(LegislativeDraft)),
        "any_comment": first(select(LegislativeComment)),
        "any_supervision": first(select(SupervisionItem)),
        "any_instruction": first(select(InstructionTask)),
        "any_form": first(select(ActivityForm)),
        "any_speech": first(select(ActivitySpeech)),
        "other_activity_attachment": _activity_attachment(session, any_activity),
        "forged_venue_code": f"{any_activity}-1-{'A' * 22}",  # a venue QR token nobody signed
    }


# role → username (None: anonymous); the mx- accounts are the matrix's own (PASSWORD), the others the demo city's
ACCOUNTS: dict[str, str | None] = {
    "anonymous": None,
    "enterprise": "mx-enterprise",
    "institute": "mx-institute",
    "talent": "mx-talent",
    "officer": "mx-officer",
    "officer_other": "mx-officer-other",
    "finance": "mx-finance",
    "admin": "mx-admin",
    "registry": "mx-registry",
    "member": "member1",
    "committee": "committee1",
    "unit": "unit1",
    "info_office": "info1",
    "leader": "leader1",
}


def matrix_objects(platform) -> tuple[dict[str, Any], dict[str, str]]:  # type: ignore[no-untyped-def]
    """The matrix's accounts and the objects its routes are called with (owned by others), made once on a platform
    (this module's and the accessibility audit's): the objects by name and a benefit of each kind of entity."""
    with platform.sessions() as session:
        linked = set(session.scalars(select(Account.entity_pk).where(Account.entity_pk.is_not(None))))

        def spare(kind: str, skip: int = 0) -> Entity:
            rows = session.scalars(select(Entity).where(Entity.kind == kind).order_by(Entity.id.desc()))
            return [e for e in rows if e.id not in linked][skip]

        benefit = next(
            b
            for b in platform.compiled.benefits
            if b.spec.department == DEPARTMENT and b.spec.redemption == "review" and "enterprise" in b.kinds
        )
        victim = spare("enterprise", 1)
        busy = _business_departments(platform, session, victim) | {DEPARTMENT}
        departments = sorted({b.spec.department for b in platform.compiled.benefits} - busy - {"长春市财政局"})
        other_department = departments[0]  # a department the victim firm has no business with
        _account(session, "mx-enterprise", "enterprise", entity=spare("enterprise"))
        _account(session, "mx-institute", "institute", entity=spare("institute"))
        _account(session, "mx-talent", "talent", entity=spare("talent"))
        _account(session, "mx-officer", "officer", department=DEPARTMENT)
        _account(session, "mx-officer-other", "officer", department=other_department)
        _account(session, "mx-finance", "finance", department="长春市财政局")
        _account(session, "mx-admin", "admin")
        _account(session, "mx-registry", "registry", department="tax")
        ingested = IngestBatch(
            source="science_bureau",
            batch_id="MX-INGEST",
            kind="enterprise",
            as_of=dt.date(2026, 5, 31),
            digest="0" * 64,
            submitted_by="matrix",
            state="applied",
            report={"source": "science_bureau", "batch_id": "MX-INGEST", "kind": "enterprise", "as_of": "2026-05-31"},
        )
        if session.scalar(select(IngestBatch).where(IngestBatch.batch_id == "MX-INGEST")) is None:
            session.add(ingested)
        application = Application(
            entity_pk=victim.id,
            benefit_id=benefit.id,
            period="matrix",
            state="submitted",
            redemption="review",
            snapshot={},
        )
        session.add(application)
        session.flush()
        stored = secrets.token_hex(8)
        settings.uploads_dir().mkdir(parents=True, exist_ok=True)
        (settings.uploads_dir() / stored).write_bytes(b"%PDF-1.4 matrix")
        session.add(
            Material(
                application_id=application.id,
                name="材料.pdf",
                stored_as=stored,
                content_type="application/pdf",
                size=15,
            )
        )
        session.add(Disbursement(id="MX-BATCH", department=DEPARTMENT, total=0, state="sent", created_by="matrix"))
        token = secrets.token_hex(8)
        session.add(
            Notification(
                recipient=f"e:{victim.id}",
                entity_pk=victim.id,
                kind="match",
                subject="授权矩阵",
                body="他人的消息",
                link="/me/policies",
                dedupe_key=f"matrix:{token}",
                token=token,
                created_at=dt.datetime.now(dt.UTC),
            )
        )
        draft = PolicyDraft(
            file_name="matrix-draft.yaml",
            policy_id="matrix-draft",
            title="授权矩阵草稿",
            department=DEPARTMENT,
            text="id: [这不是有效的政策文件",  # publishing it fails (409): the administrator's cell changes nothing
            state="draft",
            cases=0,
            uploaded_by="matrix",
        )
        session.add(draft)
        session.flush()
        agent = Account(username="mx-victim-agent", password_hash="!", role="enterprise", entity_pk=victim.id)
        session.add(agent)
        session.flush()
        victim_agent = FirmAgent(
            entity_pk=victim.id,
            account_id=agent.id,
            name="矩阵经办人",
            phone="13800000000",
            scopes=["view"],
            expires_on=dt.date(2099, 12, 31),
            granted_by="matrix",
        )
        session.add(victim_agent)
        session.flush()
        fund = next(
            f
            for f in ("cc-sci-fund", "cc-rd-fund")
            if {b.spec.department for b in platform.compiled.benefits if fund_of(b) == f} == {DEPARTMENT}
        )
        objects: dict[str, Any] = {
            "victim_entity": victim.entity_id,
            "victim_application": application.id,
            "victim_document": session.scalar(select(Material.id).where(Material.application_id == application.id)),
            "victim_batch": "MX-BATCH",
            "victim_ingest_source": "science_bureau",
            "victim_ingest_batch": "MX-INGEST",
            "victim_notification": session.scalar(select(Notification.id).where(Notification.token == token)),
            "victim_notification_token": token,
            "dept_benefit": benefit.id,
            "dept_fund": fund,
            "dept_draft": draft.id,
            "dept_policy": draft.policy_id,
            "victim_agent": victim_agent.id,
            "job": session.scalar(select(Job.id).limit(1)),
            # an account the administrator's resets act on (its second factor, a temporary password)
            "some_account": _throwaway_account(session),
        }
        if CONFERENCE:
            objects |= _conference_objects(session, platform, victim.entity_id)
        else:
            objects["victim_consent"] = consents.ask(session, victim.id, "matrix:consent", "授权矩阵", "测试").id
        session.commit()
    own_kind = {
        kind: next(b.id for b in platform.compiled.benefits if kind in b.kinds)
        for kind in ("enterprise", "institute", "talent")
    }
    return objects, own_kind


@pytest.fixture(scope="module")
def matrix(app, platform) -> Iterator[Matrix]:
    objects, own_kind = matrix_objects(platform)
    accounts = ACCOUNTS
    found = Matrix(objects, own_kind, accounts)
    for role, username in accounts.items():
        if role not in ROLES:
            continue
        client = TestClient(app)
        client.__enter__()
        found.clients[role] = client
        if username is None:
            continue
        password = PASSWORD if username.startswith("mx-") else "demo1234"
        login(client, username, password)
        found.csrf[role] = csrf_of(client.get("/me/preferences").text)
        token = client.post("/api/token", json={"username": username, "password": password})
        assert token.status_code == 200, token.text
        found.tokens[role] = token.json()["token"]
    yield found
    for client in found.clients.values():
        client.__exit__(None, None, None)


def _outcome(response: Any) -> str:
    status = response.status_code
    location = response.headers.get("location", "")
    if status in (301, 302, 303, 307) and location.startswith("/login"):
        return "refused"
    if status == 401:
        return "refused"
    if status == 403:
        # the CSRF check answering means the matrix sent no valid token: never a refused access
        return "csrf" if CSRF_REFUSAL in response.text else "refused"
    if status == 404:
        return "not_found"
    if status >= 500:
        return "error"
    return "allowed"


def _expected(entry: dict[str, Any], role: str) -> str | set[str]:
    for outcome in ("allowed", "not_found"):
        if role in _expand(entry.get(outcome, [])):
            return outcome
    if entry.get("conference") == "module" and role in _expand(["conference"]):
        # decided by the module's own rules; another member's objects are never reachable
        return {"refused", "not_found"} if role in entry.get("cross", []) else {"allowed", "refused", "not_found"}
    return "refused"


def _path(matrix: Matrix, template: str, entry: dict[str, Any], role: str) -> str:
    path = template
    for name, ref in (entry.get("params") or {}).items():
        value = matrix.objects[ref] if ref != "own_kind_benefit" else matrix.own_kind_benefit.get(role, "x")
        if ref == "own_kind_benefit" and role not in matrix.own_kind_benefit:
            value = matrix.objects["dept_benefit"]
        path = path.replace("{" + name + "}", str(value))
    assert "{" not in path, f"{template}: a path parameter has no object in the table"
    return path


def _request(matrix: Matrix, role: str, method: str, path: str) -> Any:
    client = matrix.clients[role]
    headers = {}
    if path.startswith("/api/") and role in matrix.tokens:
        headers["Authorization"] = f"Bearer {matrix.tokens[role]}"
    if method == "GET":
        return client.get(path, headers=headers, follow_redirects=False)
    data = {"csrf_token": matrix.csrf[role]} if role in matrix.csrf else {}
    if path.startswith("/notice/"):  # the public form's own token, bound to its cookie (web/notice.py), not a session's
        client.cookies.set(notice.NOTICE_COOKIE, "matrix")
        data = {"csrf_token": notice._signer(SimpleNamespace(app=client.app)).dumps("matrix")}  # type: ignore[arg-type]
    if path.startswith("/api/"):
        return client.request(method, path, headers=headers, json={}, follow_redirects=False)
    return client.request(method, path, headers=headers, data=data, follow_redirects=False)


def test_every_route_is_in_the_table(app) -> None:
    routes = {f"{m} {p}" for m, p in all_routes(app.routes)}
    table = set(TABLE["routes"])
    missing = sorted(routes - table)
    assert not missing, f"routes missing from tests/web/authorization.yaml: {missing}"
    absent = sorted(r for r in table - routes if CONFERENCE or not r.split(" ", 1)[1].startswith("/conference"))
    assert not absent, f"the table names routes the app does not have: {absent}"


def test_the_matrix(app, matrix: Matrix) -> None:
    routes = {f"{m} {p}" for m, p in all_routes(app.routes)}
    # signing out last: it ends the role's session (and its API token)
    order = sorted(routes, key=lambda r: (r in ("POST /logout", "DELETE /api/token"), r))
    wrong: list[str] = []
    for route in order:
        entry = TABLE["routes"][route]
        method, template = route.split(" ", 1)
        for role in ROLES:
            path = _path(matrix, template, entry, role)
            response = _request(matrix, role, method, path)
            got, expected = _outcome(response), _expected(entry, role)
            if (
                entry.get("signs_out")
                and response.status_code == 303
                and f"{SESSION_COOKIE}=" in str(response.headers.get("set-cookie", ""))
            ):
                got = "allowed"  # the session cookie cleared: signed out
            if got == "csrf" and role == "anonymous":
                got = "refused"  # no session, hence no token to send: signing in is what is missing
            ok = got in expected if isinstance(expected, set) else got == expected
            if not ok:
                wrong.append(f"{route} as {role}: expected {expected}, got {got} ({response.status_code})")
    assert not wrong, "\n".join(wrong)


# routes that answer by a rule that is not about an account: /metrics to the machine itself (loopback, not forwarded)
# or to an administrator, decided by the route (web/observability.py) on the peer's address
NOT_ABOUT_ACCOUNTS = {"GET /metrics"}
# the console's and the portal's shared dependencies: each asks the policy (console.read, portal.use) in web/deps
ASKERS = {"officer", "entity_account"}


def _asks(dependant: Any) -> set[str]:
    names = {getattr(dependant.call, "__name__", "")}
    for dependency in dependant.dependencies:
        names |= _asks(dependency)
    return names


def test_every_route_asks_the_one_policy(app) -> None:
    """Every route of the app, public ones included, asks ``app.authority`` through ``web.deps.allow`` (whose
    dependencies are named ``allow_<action>``) or the console's and portal's shared dependencies that ask it: no
    route decides on its own who may use it."""
    from fastapi.routing import APIRoute

    def walk(routes: Any, prefix: str = "") -> Iterator[tuple[str, APIRoute]]:
        for route in routes:
            if hasattr(route, "original_router"):
                yield from walk(route.original_router.routes, prefix + route.include_context.prefix)
            elif isinstance(route, APIRoute):
                for method in route.methods:
                    yield f"{method} {prefix}{route.path}", route

    found = dict(walk(app.routes))
    assert len(found) >= 50  # the walk reached the included routers (80 without the conference, more with it)
    silent = sorted(
        name
        for name, route in found.items()
        if name not in NOT_ABOUT_ACCOUNTS
        and not any(n.startswith("allow_") or n in ASKERS for n in _asks(route.dependant))
    )
    assert not silent, f"routes that do not ask the authorization policy: {silent}"
