"""Money under real concurrency: the app served by uvicorn with two worker processes over one PostgreSQL database,
clients released together by a barrier (docs/ARCHITECTURE.md, "Several processes"; ACCEPTANCE.md, "Money").

- 20 clicks of one firm make one application and one commitment;
- two officers approving one application commit its money once, and the second is told 已被他人处理;
- 50 firms claiming on a fund with room for 10 get exactly 10 approvals, and the budget is never exceeded.

Each fails when its guard is removed (the fund-period lock in ``funds.commit``, the state/version condition in
``workflow.move``): checked by hand once, as the closing note of issue 18 records.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
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
from policyreach.redemption.workflow import submit
from policyreach.store.db import transaction
from policyreach.store.models import Account, Application, Entity, LedgerEntry
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
    assert len(ids) == 1 and _ledger(served.platform, ids[0], "commit") == 1


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
            data={"csrf_token": t, "action": "approve"},
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
    assert _ledger(platform, application_id, "commit") == 1
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
