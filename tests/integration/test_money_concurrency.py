"""Money under real concurrency: the app served by uvicorn with two worker processes over one PostgreSQL database,
clients released together by a barrier (docs/ARCHITECTURE.md, "Several processes"; ACCEPTANCE.md, "Money").

- 20 clicks of one firm make one application and one commitment;
- two officers approving one application commit its money once, and the second is told 已被他人处理;
- 50 firms claiming on a fund with room for 10 get exactly 10 approvals, and the budget is never exceeded;
- two officers upholding one objection release its money once, and the second is told 已被他人处理;
- an objection racing a disbursement batch of the same application: exactly one wins, and the other agrees (in the
  batch and the objection recorded as late, or frozen and out of the batch), never both;
- six objections at once from one address on one application: the database's rate limit takes exactly one.

Each fails when its guard is removed (the fund-period lock in ``funds.commit``, the state/version condition in
``workflow.move``, the application's row lock and compare-and-set in ``objections.raise_objection``, the conditional
UPDATE of ``objections.take``): checked by hand once, as the closing notes of issues 18 and 19 record.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from policyreach.app.accounts import hash_password, open_session
from policyreach.app.funds import fund_of
from policyreach.app.platform import Platform
from policyreach.redemption import funds
from policyreach.redemption.claims import ClaimRefused, one_click
from policyreach.redemption.states import IllegalTransition
from policyreach.redemption.workflow import object_to, publish, submit
from policyreach.store.db import transaction
from policyreach.store.models import Account, Application, Entity, LedgerEntry, Objection
from policyreach.web.security import SESSION_COOKIE, SESSION_MAX_AGE, Sessions
from tests.integration.servers import serve
from tests.platforms import demo_platform

AS_OF = dt.date(2026, 6, 1)
SECRET = "money-concurrency-secret"


@dataclass
class Served:
    base: str
    platform: Platform  # this test process's own view of the same database, for set-up and checks


@pytest.fixture(scope="module")
def served(postgres_database, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    base = tmp_path_factory.mktemp("money")
    url = postgres_database("policyreach_money")
    platform = demo_platform(base, url, 400, 43, AS_OF, missing_rate=0.0)
    src = str(Path(__file__).resolve().parents[2] / "src")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")]),
        "POLICYREACH_DATABASE_URL": url,
        "POLICYREACH_LIBRARY": str(platform.library_dir),
        "POLICYREACH_DATA_DIR": str(base),
        "POLICYREACH_SECRET": SECRET,
        "POLICYREACH_AS_OF": AS_OF.isoformat(),
        "POLICYREACH_DEMO": "0",
        # every client here is 127.0.0.1: one objection per address and application a day, plenty per hour
        "POLICYREACH_OBJECTION_LIMITS": "50,1,50",
    }
    process, address = serve(env, base / "server.log", workers=2)
    try:
        yield Served(address, platform)
    finally:
        process.terminate()  # type: ignore[attr-defined]
        process.wait(timeout=30)  # type: ignore[attr-defined]
        platform.engine.dispose()


PASSWORD_HASH = hash_password("not-used-by-these-tests")


def _account(session, username: str, role: str, entity_pk: int | None = None, department: str | None = None) -> int:
    found = session.scalar(select(Account).where(Account.username == username))
    if found is None:
        found = Account(
            username=username, password_hash=PASSWORD_HASH, role=role, entity_pk=entity_pk, department=department
        )
        session.add(found)
        session.flush()
    return found.id


def _client(served: Served, account_id: int) -> tuple[httpx.Client, str]:
    """A logged-in client without a login round trip: a server-side session, the cookie the server itself would sign
    for it, and its CSRF token."""
    with transaction(served.platform.sessions) as session:
        opened = open_session(session, account_id, "web", SESSION_MAX_AGE)
    sessions = Sessions(SECRET)
    cookie = sessions.issue(account_id, opened)
    data = sessions.read(cookie)
    assert data is not None
    return httpx.Client(base_url=served.base, cookies={SESSION_COOKIE: cookie}, timeout=60), data["c"]


def _together(calls: list[Callable[[], httpx.Response]]) -> list[httpx.Response | BaseException]:
    """Run every call in its own thread, all released at once by a barrier."""
    barrier = threading.Barrier(len(calls))
    results: list[httpx.Response | BaseException] = [RuntimeError("not run")] * len(calls)

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = calls[i]()
        except BaseException as exc:
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _statuses(results: list[httpx.Response | BaseException]) -> list[int]:
    assert all(isinstance(r, httpx.Response) for r in results), [
        r for r in results if not isinstance(r, httpx.Response)
    ]
    return [r.status_code for r in results if isinstance(r, httpx.Response)]


def _one_click_pairs(platform: Platform) -> list[tuple[int, str, Decimal]]:
    """(entity pk, benefit, amount in 元) of instant benefits with an amount the entity can claim with one click."""
    found = []
    with platform.sessions() as session:
        for entity in session.scalars(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id)):
            for m in platform.matcher.match(platform.record(entity)):
                if m.one_click and m.benefit.spec.redemption == "instant" and m.amount and fund_of(m.benefit):
                    found.append((entity.id, m.benefit_id, m.amount * 10_000))
    assert found, "the sample city should have provable one-click benefits"
    return found


def _parts(platform: Platform, application_id: int) -> int:
    """How many (fund, year) parts the application's money has: one commitment, and one release, for each."""
    from policyreach.redemption.workflow import plan_for

    with platform.sessions() as session:
        application = session.get(Application, application_id)
        assert application is not None
        return len(plan_for(platform, application, funds.budget_period(platform.today())))


def _ledger(platform: Platform, application_id: int, kind: str) -> int:
    with platform.sessions() as session:
        return session.scalar(
            select(func.count())
            .select_from(LedgerEntry)
            .where(LedgerEntry.application_id == application_id, LedgerEntry.kind == kind)
        )


def _room(platform: Platform, benefit_id: str, amount: Decimal, claims: int) -> tuple[str, Decimal]:
    """Set the benefit's fund so that exactly ``claims`` more of ``amount`` fit; the fund and what was used before."""
    fund_id = fund_of(platform.compiled.benefit(benefit_id))
    assert fund_id is not None
    period = funds.budget_period(AS_OF)
    with transaction(platform.sessions) as session:
        used = funds.figures_for(session, fund_id, period).used
        funds.set_budget(session, fund_id, period, used + amount * claims, "并发测试", "finance-test")
    return fund_id, used


def test_twenty_clicks_of_one_firm_make_one_application(served: Served) -> None:
    entity_pk, benefit_id, amount = _one_click_pairs(served.platform)[0]
    _room(served.platform, benefit_id, amount, 5)
    with transaction(served.platform.sessions) as session:
        account_id = _account(session, "clicker", "enterprise", entity_pk)
        firm = session.get(Entity, entity_pk)
        assert firm is not None
        bank = {"account_name": firm.name, "account_number": "6222020200112233"}  # the portal asks for the account
    client, token = _client(served, account_id)
    with client:
        page = client.get(f"/me/benefits/{benefit_id}").text
        assert "一键申领" in page
        calls = [
            lambda i=i: client.post(  # twenty tabs of the same page: each its own request key
                f"/me/benefits/{benefit_id}/claim",
                data={"csrf_token": token, "idempotency_key": f"tab-{i}", **bank},
                follow_redirects=False,
            )
            for i in range(20)
        ]
        results = _together(calls)
    assert _statuses(results) == [303] * 20
    locations = {r.headers["location"] for r in results if isinstance(r, httpx.Response)}
    assert len(locations) == 1
    with served.platform.sessions() as session:
        ids = list(
            session.scalars(
                select(Application.id).where(Application.entity_pk == entity_pk, Application.benefit_id == benefit_id)
            )
        )
        assert funds.reconcile(session) == []
    assert len(ids) == 1 and _ledger(served.platform, ids[0], "commit") == _parts(served.platform, ids[0])


def test_two_officers_approving_one_application_commit_its_money_once(served: Served) -> None:
    platform = served.platform
    with transaction(platform.sessions) as session:
        picked = None
        for entity in session.scalars(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id.desc())):
            for m in platform.matcher.match(platform.record(entity)):
                if m.benefit.spec.redemption == "review" and m.status == "eligible" and m.amount and fund_of(m.benefit):
                    picked = (entity, m)
                    break
            if picked:
                break
        assert picked, "the sample city should have an eligible review benefit with an amount"
        entity, match = picked
        application = submit(session, platform, entity, match.benefit_id, idempotency_key="two-officers", actor="firm")
        application_id = application.id
        department = match.benefit.spec.department
        officers = [_account(session, f"approver{i}", "officer", department=department) for i in range(2)]
    _room(platform, match.benefit_id, match.amount * 10_000, 3)
    clients = [_client(served, officer) for officer in officers]
    calls = [
        lambda c=c, t=t: c.post(
            f"/console/applications/{application_id}",
            data={"csrf_token": t, "action": "approve", "confirm": "yes"},
            follow_redirects=False,
        )
        for c, t in clients
    ]
    results = _together(calls)
    for c, _ in clients:
        c.close()
    assert sorted(_statuses(results)) == [303, 409]
    lost = next(r for r in results if isinstance(r, httpx.Response) and r.status_code == 409)
    assert "已被他人处理" in lost.text
    assert _ledger(platform, application_id, "commit") == _parts(platform, application_id)
    with platform.sessions() as session:
        assert session.get(Application, application_id).state == "approved"
        assert funds.reconcile(session) == []


def test_fifty_firms_on_a_fund_with_room_for_ten(served: Served) -> None:
    platform = served.platform
    entity_pk, benefit_id, amount = _one_click_pairs(platform)[-1]
    with transaction(platform.sessions) as session:
        # fifty firms with the same verified data (the city is small): each its own entity and account
        model = session.get(Entity, entity_pk)
        accounts, names = [], []
        for i in range(50):
            twin = Entity(
                entity_id=f"TWIN{i:03d}",
                kind=model.kind,
                name=f"{model.name}（{i}）",
                uscc=model.uscc,
                district=model.district,
                industry=model.industry,
                values=dict(model.values),
                provenance=dict(model.provenance),
            )
            session.add(twin)
            session.flush()
            accounts.append(_account(session, f"twin{i}", "enterprise", twin.id))
            names.append(twin.name)
    fund_id, used = _room(platform, benefit_id, amount, 10)
    clients = [_client(served, a) for a in accounts]
    calls = [
        lambda c=c, t=t, i=i: c.post(
            f"/me/benefits/{benefit_id}/claim",
            data={
                "csrf_token": t,
                "idempotency_key": f"twin-{i}",
                "account_name": names[i],
                "account_number": "6222020200112233",
            },
            follow_redirects=False,
        )
        for i, (c, t) in enumerate(clients)
    ]
    results = _together(calls)
    for c, _ in clients:
        c.close()
    statuses = _statuses(results)
    refused = [r.text for r in results if isinstance(r, httpx.Response) and r.status_code == 409]
    assert statuses.count(303) == 10 and statuses.count(409) == 40, statuses
    assert all(re.search("额度已用完", text) for text in refused)
    with platform.sessions() as session:
        now = funds.figures_for(session, fund_id, funds.budget_period(AS_OF))
        assert now.budget is not None and now.used <= now.budget
        assert now.used - used == amount * 10
        approved = session.scalar(
            select(func.count())
            .select_from(Application)
            .join(Entity, Entity.id == Application.entity_pk)
            .where(Entity.entity_id.like("TWIN%"), Application.state == "approved")
        )
        assert approved == 10
        assert funds.reconcile(session) == []


def _on_notice(platform: Platform, count: int, *, ended: bool) -> list[tuple[int, str]]:
    """Fresh firms' one-click claims (money committed) on the notice: (application, department) each."""
    made: list[tuple[int, str]] = []
    for entity_pk, benefit_id, amount in _one_click_pairs(platform):
        if len(made) == count:
            break
        with platform.sessions() as session:
            if session.scalar(select(Application.id).where(Application.entity_pk == entity_pk)):
                continue
        _room(platform, benefit_id, amount, 1)
        try:
            with transaction(platform.sessions) as session:
                entity = session.get(Entity, entity_pk)
                application = one_click(session, platform, entity, benefit_id, idempotency_key=None, actor="firm")
                publish(session, application, AS_OF - dt.timedelta(days=8 if ended else 0), "officer", days=7)
                made.append((application.id, platform.compiled.benefit(benefit_id).spec.department))
        except (ClaimRefused, IllegalTransition):
            continue  # a batch-mode fund, or a benefit of the firm's exclusive group already taken
    assert len(made) == count, "the sample city should have enough fresh firms with one-click benefits"
    return made


def _public(base: str) -> tuple[httpx.Client, str]:
    """An anonymous visitor who opened the notice page: its cookie and the form's token."""
    client = httpx.Client(base_url=base, timeout=60)
    page = client.get("/notice").text
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, page[-200:]
    return client, found.group(1)


def _state(platform: Platform, application_id: int) -> Application:
    with platform.sessions() as session:
        application = session.get(Application, application_id)
        assert application is not None
        session.expunge(application)
        return application


def test_two_officers_upholding_one_objection_release_its_money_once(served: Served) -> None:
    platform = served.platform
    ((application_id, department),) = _on_notice(platform, 1, ended=False)
    with transaction(platform.sessions) as session:
        object_to(session, session.get(Application, application_id), "该企业实际经营地不在本市，请核实", "citizen")
        officers = [_account(session, f"upholder{i}", "officer", department=department) for i in range(2)]
    clients = [_client(served, officer) for officer in officers]
    calls = [
        lambda c=c, t=t: c.post(
            f"/console/applications/{application_id}",
            data={"csrf_token": t, "action": "uphold", "reason": "经核实异议成立"},
            follow_redirects=False,
        )
        for c, t in clients
    ]
    results = _together(calls)
    for c, _ in clients:
        c.close()
    assert sorted(_statuses(results)) == [303, 409]
    lost = next(r for r in results if isinstance(r, httpx.Response) and r.status_code == 409)
    assert "已被他人处理" in lost.text
    assert _ledger(platform, application_id, "release") == _parts(platform, application_id)
    assert _state(platform, application_id).state == "rejected"
    with platform.sessions() as session:
        assert funds.reconcile(session) == []


def _race(served: Served, application_id: int, department: str, delay: float) -> str:
    """One round: the department's officer makes a batch while a citizen objects; which of the two won.

    The batch leaves ``delay`` seconds after the objection: the objection does more before it takes the row (its
    checks and rate limits), so without a head start it always loses; with one, rounds see both winners."""
    platform = served.platform
    with transaction(platform.sessions) as session:
        officer_id = _account(session, f"batcher-{department}", "officer", department=department)
    officer, token = _client(served, officer_id)
    public, form = _public(served.base)
    try:
        batch, objection = _together(
            [
                lambda: (
                    time.sleep(delay)
                    or officer.post("/console/disbursements", data={"csrf_token": token}, follow_redirects=False)
                ),
                lambda: public.post(
                    f"/notice/{application_id}/objection",
                    data={"csrf_token": form, "text": "该企业申报的研发投入与事实不符，请暂缓拨付并核实"},
                ),
            ]
        )
        assert isinstance(batch, httpx.Response) and batch.status_code == 303, batch
        assert isinstance(objection, httpx.Response), objection
        application = _state(platform, application_id)
        with platform.sessions() as session:
            kept = list(session.scalars(select(Objection.status).where(Objection.application_id == application_id)))
        assert _ledger(platform, application_id, "pay") == 0
        if application.state == "disbursing":  # the batch won: the objection is recorded as late, and says so
            assert application.disbursement_id is not None
            assert objection.status_code == 409 and "已进入拨付" in objection.text, objection.text[-500:]
            assert kept == ["late"] and _ledger(platform, application_id, "release") == 0
            return "batch"
        # the objection won: frozen and out of the batch; upheld, its money goes back once
        assert application.state == "objected" and application.disbursement_id is None, application.state
        assert objection.status_code == 200 and "暂停拨付" in objection.text
        assert kept == ["freezing"]
        upheld = officer.post(
            f"/console/applications/{application_id}",
            data={"csrf_token": token, "action": "uphold", "reason": "经核实异议成立"},
            follow_redirects=False,
        )
        assert upheld.status_code == 303
        assert _state(platform, application_id).disbursement_id is None
        assert _ledger(platform, application_id, "release") == _parts(platform, application_id)
        return "objection"

    finally:
        officer.close()
        public.close()


DELAYS = (0.0, 0.02, 0.05, 0.1, 0.2, 0.4)


def test_an_objection_racing_a_disbursement_batch(served: Served) -> None:
    """Whoever takes the application's row first wins; the other sees it and says so, never both."""
    # one application at a time: a batch takes every due application of its department
    outcomes = [_race(served, *_on_notice(served.platform, 1, ended=True)[0], delay) for delay in DELAYS]
    with served.platform.sessions() as session:
        assert funds.reconcile(session) == []
    print("objection vs batch, winner of each round:", outcomes)


def test_objections_at_once_from_one_address_are_counted_across_processes(served: Served) -> None:
    platform = served.platform
    ((application_id, _),) = _on_notice(platform, 1, ended=False)
    visitors = [_public(served.base) for _ in range(6)]
    calls = [
        lambda c=c, t=t, i=i: c.post(
            f"/notice/{application_id}/objection",
            data={"csrf_token": t, "text": f"异议第 {i} 条：该企业不符合申报条件，请核实"},
        )
        for i, (c, t) in enumerate(visitors)
    ]
    results = _together(calls)
    for c, _ in visitors:
        c.close()
    assert sorted(_statuses(results)) == [200] + [429] * 5
    with platform.sessions() as session:
        kept = session.scalar(
            select(func.count()).select_from(Objection).where(Objection.application_id == application_id)
        )
    assert kept == 1 and _state(platform, application_id).state == "objected"
