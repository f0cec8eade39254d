"""Events → incremental re-matching → notifications, exactly once."""

from __future__ import annotations

import datetime as dt
import threading

import polars as pl
import pytest
from sqlalchemy import func, select

from policyreach.engine.batch import match_population
from policyreach.push import events, jobs, worker
from policyreach.push.clock import UTC, ManualClock, local, set_clock
from policyreach.push.models import BenefitState, Job, MatchState, Notification
from policyreach.rules.library import compile_library, load_library
from policyreach.store.models import Account, Application, Entity, ValueChange
from tests.web.conftest import post_login

NEW_POLICY = """\
id: cc-push-test
title: 长春市支持中小企业稳增长专项措施（示例）
doc_number: 长工信发〔2026〕9号
issuer: 长春市工业和信息化局
level: city
region: "220100"
valid_from: 2026-01-01
valid_to: 2027-12-31
source: 示例政策：测试用，金额为示意，非官方文本。
sample: true
clauses:
  "1": 第一条 本措施适用于在长春市注册、无严重失信和重大违法记录的企业。
  "2": 第二条 上年度营业收入达到{threshold}万元的企业，给予一次性奖励10万元。
benefits:
  - id: push-growth
    title: 稳增长一次性奖励
    kind: indicator
    payout: cash
    redemption: review
    department: 长春市工业和信息化局
    conditions:
      - {{expr: "revenue[last_year] >= {threshold}", clause: "2", label: 上年度营业收入达到{threshold}万元}}
      - {{expr: district in CHANGCHUN_DISTRICTS, clause: "1", label: 在长春市注册}}
      - {{expr: not serious_violation, clause: "1", label: 无严重失信和重大违法记录}}
    amount: {{formula: "10", unit: 万元, clause: "2"}}
    application:
      department: 长春市工业和信息化局
      channel: 长春市惠企政策兑现平台
      steps: [在线申报, 部门审核, 公示, 拨付]
      window: {{opens: 2026-06-01, closes: 2026-06-30}}
tests:
  - name: 达到门槛
    as_of: 2026-06-01
    entity: {{kind: enterprise, revenue: {{2025: {threshold}}}, district: "220102", serious_violation: false}}
    expect:
      push-growth: {{status: eligible, amount: 10}}
"""
NOW = dt.datetime(2026, 6, 1, 2, 0, tzinfo=UTC)


def publish(platform, threshold: int) -> None:
    (platform.library_dir / "cc-push-test.yaml").write_text(NEW_POLICY.format(threshold=threshold), encoding="utf-8")
    platform.use_library(load_library([platform.library_dir], platform.schema))


def expected(platform) -> dict[str, str]:
    """Who the engine says is eligible or likely for the new benefit, computed apart from the job."""
    with platform.sessions() as session:
        frame = platform.frame(session)
    compiled = compile_library(platform.library, platform.as_of, benefit_ids=["push-growth"])
    pairs = match_population(compiled, frame).frame().filter(pl.col("status").is_in(["eligible", "likely"]))
    return dict(zip(pairs["entity_id"], pairs["status"], strict=True))


def count(platform, *, benefit_kinds: bool = False, **where) -> int:
    with platform.sessions() as session:
        query = select(func.count()).select_from(Notification)
        if benefit_kinds:
            query = query.where(Notification.kind.like("benefit.%"))
        for column, value in where.items():
            query = query.where(getattr(Notification, column) == value)
        return session.scalar(query)


@pytest.fixture(scope="module")
def published(push_platform):
    """Baseline first (nobody told), then the officer publishes a new benefit and the worker runs."""
    clock = ManualClock(NOW)
    worker.load_handlers()
    worker.run_once(push_platform, clock)
    assert count(push_platform, benefit_kinds=True) == 0, "the baseline run tells nobody about benefits"
    with push_platform.sessions() as session:
        offered = session.scalar(select(func.count()).select_from(Application).where(Application.state == "offered"))
        assert offered > 0 and count(push_platform, kind="offer.confirm") == offered  # 免申即享 on the scheduler
        assert session.scalar(select(func.count()).select_from(BenefitState)) == len(push_platform.compiled.benefits)
        assert session.scalar(select(func.count()).select_from(MatchState)) > 0
        # the daily audit chain check is on the scheduler too, and found the chain intact
        check = session.scalar(select(Job).where(Job.key == f"audit.verify:{local(clock).date()}"))
        assert (
            check is not None
            and check.state == "done"
            and check.result == {"problems": 0, "alerted": False, "pruned": 0}
        )
    publish(push_platform, 2000)
    queued = events.library_changed(push_platform, clock)
    assert len(queued) == 1
    jobs.run_pending(push_platform.sessions, clock, services={"platform": push_platform})
    return clock


def test_publishing_rematches_only_the_new_benefit_and_tells_who_qualifies(push_platform, published) -> None:
    want = expected(push_platform)
    assert len(want) > 10
    assert count(push_platform, benefit_id="push-growth") == len(want)
    assert count(push_platform, benefit_kinds=True) == len(want), "no other benefit was re-matched"
    assert count(push_platform, kind="benefit.eligible") == sum(s == "eligible" for s in want.values())
    with push_platform.sessions() as session:
        job = session.scalars(
            select(Job).where(Job.kind == "push.rematch_benefit", Job.payload["event"].as_string() == "published")
        ).one()
        assert job.state == "done" and job.progress == job.total == len(want)
        sample = session.scalars(select(Notification).where(Notification.kind == "benefit.eligible")).first()
        likely = session.scalars(select(Notification).where(Notification.kind == "benefit.likely")).first()
    assert sum(s == "likely" for s in want.values()) > 0  # revenue not given: unknown, so likely, and told so
    assert "尚待核实：上年度营业收入达到2000万元" in likely.body and "已满足：在长春市注册" in likely.body
    assert "《长春市支持中小企业稳增长专项措施（示例）》第一条、第二条" in sample.body
    assert "预计可获 10 万元" in sample.body and "申报截止 2026-06-30" in sample.body
    assert "上年度营业收入达到2000万元" in sample.body
    assert sample.link == "/me/benefits/push-growth" and sample.department == "长春市工业和信息化局"


def test_running_the_job_twice_and_concurrently_sends_nothing_twice(push_platform, published) -> None:
    before = count(push_platform)
    with push_platform.sessions() as session, session.begin():
        version = session.get(BenefitState, "push-growth").version
        payload = {"benefit_id": "push-growth", "version": version, "event": "changed", "department": None}
        for _ in range(3):
            jobs.enqueue(session, "push.rematch_benefit", payload, clock=published)  # no key: three real runs
    threads = [
        threading.Thread(
            target=jobs.run_pending,
            args=(push_platform.sessions, published),
            kwargs={"services": {"platform": push_platform}, "worker_id": f"w{i}"},
        )
        for i in range(3)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with push_platform.sessions() as session:
        states = session.scalars(select(Job.state).where(Job.kind == "push.rematch_benefit")).all()
        assert set(states) == {"done"}
        dupes = session.execute(
            select(Notification.recipient, Notification.benefit_id, Notification.kind, func.count())
            .group_by(Notification.recipient, Notification.benefit_id, Notification.kind)
            .having(func.count() > 1)
        ).all()
    assert count(push_platform) == before and dupes == []


def test_a_firms_data_change_rematches_that_firm_only(push_platform, published) -> None:
    with push_platform.sessions() as session, session.begin():
        ids = set(expected(push_platform))
        entity = session.scalars(
            select(Entity).where(
                Entity.kind == "enterprise", Entity.entity_id.not_in(ids), Entity.district.like("2201%")
            )
        ).first()
        values = dict(entity.values)
        values.update({"revenue_2025": "2500", "serious_violation": False})
        entity.values = values
        session.add(
            ValueChange(entity_pk=entity.id, column="revenue_2025", old=None, new="2500", source="self_declared")
        )
        pk = entity.id
    before = count(push_platform)
    worker.run_once(push_platform, published)
    mine = count(push_platform, recipient=f"e:{pk}", benefit_id="push-growth")
    assert mine == 1
    worker.run_once(push_platform, published)  # the same change seen again queues nothing new
    assert count(push_platform) - before >= 1
    with push_platform.sessions() as session:
        jobs_for_entity = session.scalars(select(Job).where(Job.kind == "push.rematch_entity")).all()
        assert [j.payload["entity_pk"] for j in jobs_for_entity] == [pk]
        others = session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(
                Notification.created_at >= published.now(),
                Notification.recipient != f"e:{pk}",
                Notification.id > 0,
                Notification.kind.in_(["benefit.eligible", "benefit.likely"]),
                Notification.benefit_id != "push-growth",
            )
        )
    assert others == 0


def test_a_firm_that_no_longer_qualifies_is_told_why(push_platform, published) -> None:
    # a firm told it qualifies corrects last year's revenue below the threshold: the message says by how much, and
    # that a closed year's figure cannot change (the renderer's hint), not just "不再符合"
    with push_platform.sessions() as session, session.begin():
        pk = session.scalar(
            select(MatchState.entity_pk).where(MatchState.benefit_id == "push-growth", MatchState.status == "eligible")
        )
        entity = session.get(Entity, pk)
        old = entity.values.get("revenue_2025")
        entity.values = {**entity.values, "revenue_2025": "1500"}
        session.add(ValueChange(entity_pk=pk, column="revenue_2025", old=old, new="1500", source="self_declared"))
    worker.run_once(push_platform, published)
    with push_platform.sessions() as session:
        body = session.scalar(
            select(Notification.body).where(
                Notification.recipient == f"e:{pk}",
                Notification.kind == "benefit.lost",
                Notification.benefit_id == "push-growth",
            )
        )
    assert body is not None and "不再符合" in body
    assert "上年度（2025年）营业收入 1,500万元，要求不低于2,000万元：还差 500 万元" in body
    assert "无法通过补充材料改变" in body


def test_window_reminders_follow_the_clock(push_platform, published) -> None:
    with push_platform.sessions() as session:
        eligible = session.scalar(
            select(func.count())
            .select_from(MatchState)
            .where(MatchState.benefit_id == "push-growth", MatchState.status == "eligible")
        )
    assert eligible > 0
    for day, n in (
        (dt.datetime(2026, 6, 22, 1, tzinfo=UTC), 0),
        (dt.datetime(2026, 6, 23, 1, tzinfo=UTC), 1),
        (dt.datetime(2026, 6, 29, 1, tzinfo=UTC), 2),
    ):
        published.set(day)
        worker.run_once(push_platform, published)
        worker.run_once(push_platform, published)  # ticking again the same day changes nothing
        assert count(push_platform, kind="window.closing", benefit_id="push-growth") == n * eligible
    with push_platform.sessions() as session:
        subjects = set(
            session.scalars(
                select(Notification.subject).where(
                    Notification.kind == "window.closing", Notification.benefit_id == "push-growth"
                )
            )
        )
    assert subjects == {"还剩 7 天截止：稳增长一次性奖励", "还剩 1 天截止：稳增长一次性奖励"}


def test_a_revised_policy_may_notify_again_and_tells_who_lost_it(push_platform, published) -> None:
    before_ids = set(expected(push_platform))
    publish(push_platform, 6000)
    after = expected(push_platform)
    assert 0 < len(after) < len(before_ids)
    events.library_changed(push_platform, published)
    jobs.run_pending(push_platform.sessions, published, services={"platform": push_platform})
    with push_platform.sessions() as session:
        lost = session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.kind == "benefit.lost", Notification.benefit_id == "push-growth")
        )
        again = session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(
                Notification.kind.in_(["benefit.eligible", "benefit.likely"]),
                Notification.benefit_id == "push-growth",
                Notification.dedupe_key.like("%:" + session.get(BenefitState, "push-growth").version + ":%"),
            )
        )
    assert again == len(after)
    assert lost >= len(before_ids - set(after)) - 1  # minus the firm whose own edit is tested above
    assert Account is not None


def test_the_worker_runs_beside_the_web_server_in_a_thread(push_platform, published) -> None:
    import time

    with push_platform.sessions() as session, session.begin():
        pk = session.scalar(select(Entity.id).order_by(Entity.id))
        job_id = events.entity_changed(session, pk, "background-test", published)
    stop = worker.start_background(push_platform, published)
    try:
        deadline = time.monotonic() + 60
        while True:
            with push_platform.sessions() as session:
                state = session.get(Job, job_id).state
            if state == "done":
                break
            assert time.monotonic() < deadline, state
            time.sleep(0.1)
    finally:
        stop.set()


def test_withdrawing_a_benefit_tells_who_had_it(push_platform, published) -> None:
    with push_platform.sessions() as session:
        holders = session.scalar(
            select(func.count()).select_from(MatchState).where(MatchState.benefit_id == "push-growth")
        )
    assert holders > 0
    (push_platform.library_dir / "cc-push-test.yaml").unlink()
    push_platform.use_library(load_library([push_platform.library_dir], push_platform.schema))
    assert len(events.library_changed(push_platform, published)) == 1
    jobs.run_pending(push_platform.sessions, published, services={"platform": push_platform})
    with push_platform.sessions() as session:
        told = session.scalars(select(Notification).where(Notification.kind == "benefit.withdrawn")).all()
        left = session.scalar(
            select(func.count()).select_from(MatchState).where(MatchState.benefit_id == "push-growth")
        )
        state = session.get(BenefitState, "push-growth")
    assert len(told) == holders and left == 0 and state.withdrawn
    assert told[0].subject == "停止受理：稳增长一次性奖励" and "已停止受理或不再有效" in told[0].body


def test_an_officers_notice_respects_unsubscribing_unless_legally_required(
    push_platform, published, forget_preferences
) -> None:
    import re

    from fastapi.testclient import TestClient

    from policyreach.push import preferences
    from policyreach.store.models import AuditEntry
    from policyreach.web.app import create_app

    benefit = next(b for b in push_platform.compiled.benefits if b.spec.department == "长春市科学技术局")
    with push_platform.sessions() as session, session.begin():
        holders = list(session.scalars(select(MatchState.entity_pk).where(MatchState.benefit_id == benefit.id)))
        assert len(holders) >= 2
        preferences.save(
            session,
            f"e:{holders[0]}",
            email=False,
            sms=False,
            email_address=None,
            phone=None,
            digest=False,
            quiet_hours="",
            unsubscribed=["长春市科学技术局"],
        )
    set_clock(published)  # the web server asks current_clock() too
    try:
        with TestClient(create_app(push_platform, secret="notice")) as client:
            post_login(client, "officer")
            token = re.search(r'name="csrf_token" value="([^"]+)"', client.get(f"/console/funnel/{benefit.id}").text)[1]
            for legal in ("", "1"):
                response = client.post(
                    f"/console/funnel/{benefit.id}/announce",
                    follow_redirects=False,
                    data={
                        "csrf_token": token,
                        "subject": "申报材料要求调整",
                        "body": "请按新版申报指南准备材料。",
                        "legal": legal,
                    },
                )
                assert response.status_code == 303
            assert (
                client.post(
                    f"/console/funnel/{benefit.id}/announce", data={"csrf_token": token, "subject": "", "body": ""}
                ).status_code
                == 422
            )
    finally:
        set_clock(None)
    jobs.run_pending(push_platform.sessions, published, services={"platform": push_platform})
    with push_platform.sessions() as session:
        announced = session.scalars(select(Job).where(Job.kind == "push.announce")).all()
        assert [(j.state, j.payload["legal"]) for j in announced] == [("done", False), ("done", True)], [
            j.last_error for j in announced
        ]
        plain = set(session.scalars(select(Notification.recipient).where(Notification.kind == "notice")))
        legal = session.scalars(select(Notification).where(Notification.kind == "notice.legal")).all()
        logged = session.scalars(select(AuditEntry).where(AuditEntry.action == "push.announce")).all()
    assert plain == {f"e:{pk}" for pk in holders[1:]}  # the firm that unsubscribed was left out
    assert {n.recipient for n in legal} == {f"e:{pk}" for pk in holders}  # the legal notice reached it too
    assert all(n.subject == "【依法告知】申报材料要求调整" for n in legal)
    assert [e.data["legal"] for e in logged] == [False, True]
