"""Windows enforced on the platform's date, the clock moving a running server, applications that make sense, and
pages that survive a withdrawn benefit.

A platform of its own, unpinned and driven by a ManualClock: these tests move time and withdraw benefits, which the
shared platform's other tests must never see.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from policyreach import settings
from policyreach.app.accounts import hash_password
from policyreach.app.build import from_settings
from policyreach.app.platform import Platform
from policyreach.clock import CITY_TZ, ManualClock
from policyreach.population.generate import generate
from policyreach.push import worker
from policyreach.push.models import Notification
from policyreach.redemption.bank import BankAccount, kept_account
from policyreach.redemption.states import State
from policyreach.redemption.workflow import offer_automatic
from policyreach.rules.library import load_library
from policyreach.rules.schema import load_schema
from policyreach.store.db import make_engine
from policyreach.store.models import Account, Application, Entity
from tests.web.conftest import claim_form, csrf_of, login

START = dt.date(2026, 6, 1)


def city(day: dt.date, hour: int = 12, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=CITY_TZ)


@pytest.fixture(scope="module")
def clocked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Platform, ManualClock, TestClient]]:
    from policyreach.web.app import create_app

    base = tmp_path_factory.mktemp("clocked")
    generate(700, 29, base / "pop.parquet", as_of_year=START.year)
    shutil.copytree(settings.ROOT / "library", base / "library")
    clock = ManualClock(city(START))
    platform = from_settings(
        demo=True,
        engine=make_engine(f"sqlite:///{base / 'platform.db'}"),
        schema=load_schema(settings.ROOT / "schema"),
        library_dir=base / "library",
        population_file=base / "pop.parquet",
        clock=clock,  # no as_of: the platform's date is the clock's day in the city
    ).platform
    assert platform.pinned_as_of is None and platform.as_of == START
    yield platform, clock, TestClient(create_app(platform, secret="clocked"))


def _account_for(platform: Platform, entity: Entity) -> str:
    username = f"w{entity.id}"
    with platform.sessions() as session:
        if not session.scalar(select(Account).where(Account.username == username)):
            session.add(
                Account(
                    username=username, password_hash=hash_password("demo1234"), role="enterprise", entity_pk=entity.id
                )
            )
            session.commit()
    return username


def _firm_where(platform: Platform, wanted) -> tuple[str, str, dt.date | None]:
    """A firm without applications yet and a benefit ``wanted(match)`` picks: (username, benefit id, window end)."""
    with platform.sessions() as session:
        for entity in session.scalars(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id)):
            if session.scalar(select(Application.id).where(Application.entity_pk == entity.id)):
                continue
            for m in platform.matcher.match(platform.record(entity), keep_all=True):
                if wanted(m):
                    return _account_for(platform, entity), m.benefit_id, m.window.closes
    raise AssertionError("no such firm in the generated city")


def _applications(platform: Platform, username: str, benefit_id: str) -> int:
    with platform.sessions() as session:
        pk = session.scalar(select(Account.entity_pk).where(Account.username == username))
        return session.scalar(
            select(func.count())
            .select_from(Application)
            .where(Application.entity_pk == pk, Application.benefit_id == benefit_id)
        )


def _logged_in(client: TestClient, username: str) -> TestClient:
    client.cookies.clear()
    return login(client, username)


def test_the_clock_moves_a_running_server_past_midnight_and_past_a_window(clocked) -> None:
    platform, clock, client = clocked
    # a one-click benefit of a firm, and the last day of its window
    username, benefit_id, closes = _firm_where(
        platform, lambda m: m.one_click and m.benefit.spec.redemption == "instant" and m.window.closes is not None
    )
    review_user, review_id, review_closes = _firm_where(
        platform,
        lambda m: m.benefit.spec.redemption == "review" and m.status == "eligible" and m.window.closes is not None,
    )
    assert closes is not None and review_closes is not None
    clock.set(city(closes, 23, 59))
    firm = _logged_in(client, username)
    page = firm.get(f"/me/benefits/{benefit_id}").text  # the request rebinds the library to the clock's day
    assert platform.as_of == closes and "一键申领" in page and f"至 {closes}" in page
    form = claim_form(page)  # the form the firm has on its screen at 23:59

    # a review application made inside its window, on that window's last day
    clock.set(city(review_closes, 23, 58))
    applicant = _logged_in(TestClient(client.app), review_user)
    form_page = applicant.get(f"/me/benefits/{review_id}").text
    made = applicant.post(
        f"/me/benefits/{review_id}/apply",
        data={"csrf_token": csrf_of(form_page), "idempotency_key": "in-window"},
        files=[("materials", ("申报书.pdf", b"%PDF-1.7 test", "application/pdf"))],
        follow_redirects=False,
    )
    assert made.status_code == 303

    # two minutes later it is the next day in 长春: nothing restarted, the window of the claim is closed
    clock.set(city(closes, 23, 59) + dt.timedelta(minutes=2))
    page = firm.get(f"/me/benefits/{benefit_id}").text
    assert platform.as_of == closes + dt.timedelta(days=1)
    assert "已截止" in page and "一键申领" not in page and 'action="/me/benefits/' + benefit_id + '/claim"' not in page
    listing = firm.get("/me/policies").text
    assert "已截止" in listing
    refused = firm.post(f"/me/benefits/{benefit_id}/claim", data=form)  # sent after midnight
    assert refused.status_code == 409 and "已截止" in refused.text
    assert _applications(platform, username, benefit_id) == 0  # nothing recorded

    # the review application made in time is still decided after its window closed
    clock.set(city(review_closes) + dt.timedelta(days=2))
    late = applicant.get(f"/me/benefits/{review_id}").text
    assert "已截止" in late and f"/me/benefits/{review_id}/apply" not in late
    again = applicant.post(
        f"/me/benefits/{review_id}/apply",
        data={"csrf_token": csrf_of(late), "idempotency_key": "late"},
        files=[("materials", ("申报书.pdf", b"%PDF-1.7 test", "application/pdf"))],
    )
    assert again.status_code == 422 and "已截止" in again.text
    with platform.sessions() as session:
        application = session.scalar(select(Application).where(Application.benefit_id == review_id))
        assert application is not None and application.state == State.SUBMITTED
        application_id = application.id
    officer = _logged_in(TestClient(client.app), "admin")
    token = csrf_of(officer.get("/console/applications").text)
    decided = officer.post(
        f"/console/applications/{application_id}",
        data={"csrf_token": token, "action": "approve", "confirm": "yes"},
        follow_redirects=False,
    )
    assert decided.status_code == 303
    with platform.sessions() as session:
        assert session.get(Application, application_id).state == State.APPROVED


def test_no_offer_and_no_invitation_past_the_window(clocked) -> None:
    platform, clock, _ = clocked
    clock.set(city(dt.date(2026, 12, 20)))  # every window of the sample library but a few has closed
    platform.rebind_if_new_day()
    closed = {
        b.id
        for b in platform.compiled.benefits
        if b.spec.application.window_on(platform.as_of).status == "closed" and b.spec.redemption == "automatic"
    }
    assert closed
    with platform.sessions() as session:
        offer_automatic(session, platform)
        session.commit()
        made = set(session.scalars(select(Application.benefit_id).where(Application.state == State.OFFERED)))
    assert not made & closed
    # the worker's day: baseline matching, reminders, offers; then a firm's data change is re-matched
    worker.load_handlers()
    worker.run_once(platform, clock)
    with platform.sessions() as session:
        entity = session.scalar(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id))
        entity.values = {**entity.values, "serious_violation": False}
        session.commit()
    clock.set(city(dt.date(2026, 12, 20), 13))
    worker.run_once(platform, clock)
    with platform.sessions() as session:
        invited = set(
            session.scalars(
                select(Notification.benefit_id).where(
                    Notification.kind.in_(["benefit.eligible", "benefit.likely", "window.closing", "offer.confirm"])
                )
            )
        )
    assert not invited & {
        b.id for b in platform.compiled.benefits if b.spec.application.window_on(platform.as_of).status == "closed"
    }


def test_an_answer_other_than_accept_or_decline_is_refused(clocked) -> None:
    platform, clock, client = clocked
    clock.set(city(START))
    platform.rebind_if_new_day()
    with platform.sessions() as session:
        offer_automatic(session, platform)
        session.commit()
        offer = session.scalar(select(Application).where(Application.state == State.OFFERED).order_by(Application.id))
        assert offer is not None
        entity = session.get(Entity, offer.entity_pk)
        offer_id, name = offer.id, entity.name
    username = _account_for(platform, entity)
    firm = _logged_in(client, username)
    page = firm.get("/me/applications").text
    token = csrf_of(page)
    for answer in ("maybe", "", "ACCEPT"):
        response = firm.post(f"/me/applications/{offer_id}/offer", data={"csrf_token": token, "answer": answer})
        assert response.status_code in (400, 422)
    wrong_name = firm.post(
        f"/me/applications/{offer_id}/offer",
        data={
            "csrf_token": token,
            "answer": "accept",
            "account_name": "某某贸易公司",
            "account_number": "6222020200112233",
        },
    )
    assert wrong_name.status_code == 400 and "不一致" in wrong_name.text  # bad input, said beside the field
    with platform.sessions() as session:
        assert session.get(Application, offer_id).state == State.OFFERED  # nothing recorded
    accepted = firm.post(
        f"/me/applications/{offer_id}/offer",
        data={"csrf_token": token, "answer": "accept", "account_name": name, "account_number": "6222 0202 0011 2233"},
        follow_redirects=False,
    )
    assert accepted.status_code == 303
    with platform.sessions() as session:
        kept = session.get(Application, offer_id)
        assert kept.state == State.APPROVED and kept_account(kept.snapshot) == BankAccount(name, "6222020200112233")


def test_a_review_application_that_verified_data_fail_is_refused_naming_the_condition(clocked) -> None:
    platform, clock, client = clocked
    clock.set(city(START))
    platform.rebind_if_new_day()

    def fails_on_verified(m) -> bool:
        return (
            m.benefit.spec.redemption == "review"
            and m.benefit.spec.payout != "tax"
            and m.window.open
            and m.status in ("partial", "ineligible")
            and any(c.inputs and all(i["verified"] for i in c.inputs) for c in m.unmet)
        )

    username, benefit_id, _ = _firm_where(platform, fails_on_verified)
    firm = _logged_in(client, username)
    page = firm.get(f"/me/benefits/{benefit_id}").text
    refused = firm.post(
        f"/me/benefits/{benefit_id}/apply",
        data={"csrf_token": csrf_of(page), "idempotency_key": "fails"},
        files=[("materials", ("申报书.pdf", b"%PDF-1.7 test", "application/pdf"))],
    )
    detail = refused.text
    assert refused.status_code == 422 and "已核验的权威数据" in detail and "申请更正" in detail
    assert _applications(platform, username, benefit_id) == 0
    # disputing the data needs evidence; with it, the application goes to the officer marked as disputed
    bare = firm.post(
        f"/me/benefits/{benefit_id}/apply",
        data={"csrf_token": csrf_of(page), "idempotency_key": "fails2", "dispute": "1"},
    )
    assert bare.status_code == 422 and _applications(platform, username, benefit_id) == 0
    disputed = firm.post(
        f"/me/benefits/{benefit_id}/apply",
        data={"csrf_token": csrf_of(page), "idempotency_key": "fails3", "dispute": "1"},
        files=[("materials", ("证明.pdf", b"%PDF-1.7 evidence", "application/pdf"))],
        follow_redirects=False,
    )
    assert disputed.status_code == 303
    with platform.sessions() as session:
        application = session.scalar(select(Application).where(Application.benefit_id == benefit_id))
        assert application.snapshot["disputed"]
        application_id = application.id
    officer = _logged_in(TestClient(client.app), "admin")
    assert "企业对核验数据有异议" in officer.get(f"/console/applications/{application_id}").text


def test_a_tax_relief_is_shown_as_tax_saved_with_steps_and_never_asks_for_an_account(clocked) -> None:
    platform, clock, client = clocked
    clock.set(city(dt.date(2026, 3, 1)))  # inside the tax return's 汇算清缴 period
    platform.rebind_if_new_day()
    username, benefit_id, _ = _firm_where(
        platform, lambda m: m.benefit.spec.payout == "tax" and m.status == "eligible" and m.amount
    )
    firm = _logged_in(client, username)
    page = firm.get(f"/me/benefits/{benefit_id}").text
    assert "预计减免税额" in page and "如何享受" in page and "纳税申报" in page
    assert "account_number" not in page and "银行账号" not in page and "一键申领" not in page
    policies = firm.get("/me/policies").text
    assert "预计减免税额（税收优惠）" in policies
    refused = firm.post(f"/me/benefits/{benefit_id}/claim", data={"csrf_token": csrf_of(page), "idempotency_key": "t"})
    assert refused.status_code == 409 and "纳税申报" in refused.text
    with platform.sessions() as session:
        offer_automatic(session, platform)
        session.commit()
        assert not session.scalar(select(Application.id).where(Application.benefit_id.like("nt-%")))
    clock.set(city(dt.date(2026, 6, 1)))
    closed = firm.get(f"/me/benefits/{benefit_id}").text
    assert "已截止" in closed and "下一轮申报时间：2027-01-01 至 2027-05-31" in closed


def test_officer_pages_survive_a_withdrawn_benefit_with_live_applications(clocked, tmp_path: Path) -> None:
    platform, clock, client = clocked
    clock.set(city(START))
    platform.rebind_if_new_day()
    username, benefit_id, _ = _firm_where(
        platform,
        lambda m: m.one_click and m.benefit.spec.redemption == "instant" and m.benefit.spec.department != "",
    )
    firm = _logged_in(client, username)
    made = firm.post(f"/me/benefits/{benefit_id}/claim", data=claim_form(firm.get(f"/me/benefits/{benefit_id}").text))
    assert made.status_code == 200 or made.status_code == 303
    with platform.sessions() as session:
        application = session.scalar(select(Application).where(Application.benefit_id == benefit_id))
        application_id, department, title = (
            application.id,
            application.snapshot["benefit"]["department"],
            application.snapshot["benefit"]["title"],
        )
    # the officer publishes the policy file again without the benefit (withdrawn)
    policy_id = platform.compiled.benefit(benefit_id).checked.policy.id
    file = Path(platform.library.files[policy_id])
    original = file.read_text(encoding="utf-8")
    import yaml

    data = yaml.safe_load(original)
    data["benefits"] = [b for b in data["benefits"] if b["id"] != benefit_id]
    data["tests"] = [t for t in data.get("tests", []) if benefit_id not in t["expect"]]
    try:
        with platform.sessions() as session, session.begin():
            platform.publish_file(session, file.name, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
        assert platform.compiled.find(benefit_id) is None
        officer = _logged_in(TestClient(client.app), "admin")
        queue = officer.get(f"/console/applications?benefit={benefit_id}")  # a filter keeps a benefit that left
        assert queue.status_code == 200 and title in queue.text and "已撤销或调整" in queue.text
        detail = officer.get(f"/console/applications/{application_id}")
        assert detail.status_code == 200 and title in detail.text and "申请时的证据" in detail.text
        # the department's own officer still sees and handles it, from the snapshot
        with platform.sessions() as session:
            session.add(
                Account(
                    username="dept-officer",
                    password_hash=hash_password("demo1234"),
                    role="officer",
                    department=department,
                )
            )
            session.commit()
        own = _logged_in(TestClient(client.app), "dept-officer")
        assert own.get(f"/console/applications/{application_id}").status_code == 200
        token = csrf_of(own.get("/console/applications").text)
        published = own.post(
            f"/console/applications/{application_id}",
            data={"csrf_token": token, "action": "publish"},
            follow_redirects=False,
        )
        assert published.status_code == 303
        assert firm.get("/me/applications").status_code == 200
    finally:
        with platform.sessions() as session, session.begin():
            platform.publish_file(session, file.name, original)
    assert platform.compiled.find(benefit_id) is not None
    assert load_library([platform.library_dir], platform.schema)


def test_every_page_that_lists_a_closed_benefit_says_so(clocked) -> None:
    platform, clock, client = clocked
    clock.set(city(START))  # the tax return's 汇算清缴 period ended the day before
    platform.rebind_if_new_day()
    client.cookies.clear()
    calculator = client.get(
        "/calculator",
        params={
            "go": "1",
            "kind": "enterprise",
            "district": "220102",
            "industry": "C36",
            "employees": "50",
            "revenue": "1200",
            "total_assets": "900",
        },
    ).text
    assert "小型微利企业所得税优惠" in calculator and "已截止（下一轮申报：2027-01-01 至 2027-05-31）" in calculator
    officer = _logged_in(TestClient(client.app), "admin")
    library = officer.get("/console").text
    assert "已截止（下一轮申报：2027-01-01 至 2027-05-31）" in library and "税收优惠" in library
    benefit = officer.get("/console/benefits/nt-small-profit").text
    assert "已截止" in benefit and "截止前提交的申请仍可审核" in benefit
    username, _, _ = _firm_where(platform, lambda m: m.benefit.spec.payout == "tax" and m.status == "eligible")
    firm = _logged_in(client, username)
    report = firm.get("/me/report.json").json()
    closed = [b for b in report["benefits"] if b["payout"] == "tax" and b["status"] == "eligible"]
    assert closed and all(b["window_status"] == "closed" and b["window"].startswith("已截止") for b in closed)
    assert "tax" not in report["summary"]["totals_wan"]  # nothing of a closed round is counted as claimable
    assert "已截止" in firm.get("/me/report").text
    api = client.post("/api/calculator", json={"kind": "enterprise", "industry": "C36", "district": "220102"}).json()
    assert {m["window"] for m in api if m["benefit_id"].startswith("nt-")} == {"closed"}
