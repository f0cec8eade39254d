"""The demo year, the similarity index and the daily 催办 job through the push queue."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import func, select

from policyreach.conference import proposals as wf
from policyreach.conference.demo_proposals import HAND
from policyreach.conference.models import HandlingUnit, Proposal
from policyreach.conference.similarity import Index, proposal_text, tokens
from policyreach.push import jobs
from policyreach.push.clock import CITY_TZ, ManualClock
from policyreach.push.models import Notification
from policyreach.redemption import audit
from tests.conference.conftest import build_world

TEXT = dict(category="经济建设", case_text="案由", analysis="分析", suggestions="建议", year=2024)


def test_demo_year_is_of_the_reports_order(platform):
    with platform.sessions() as session:
        sample = select(Proposal).where(Proposal.sample)
        states = Counter(session.scalars(sample.with_only_columns(Proposal.state)))
        filed = sum(states[s] for s in ("filed", "assigned", "answered", "closed"))
        assert len(HAND) >= 50
        assert 400 <= sum(states.values()) <= 600 and 380 <= filed <= 470, states
        assert states["not_filed"] >= 20 and states["merged"] >= 5
        assert session.scalar(select(func.count()).select_from(HandlingUnit)) >= 40
        titles = set(session.scalars(sample.with_only_columns(Proposal.title)))
        assert {h.title for h in HAND} <= titles
        assert audit.verify(session) == []


def test_tokens_drop_boilerplate_and_keep_bigrams():
    words = tokens(proposal_text("关于打造新民胡同全季候夜市的建议", "建议建设暖棚"))
    assert "新民" in words and "夜市" in words and "#夜市" in words
    assert "关于" not in words and "建议" not in words


def test_index_ranks_the_same_matter_first():
    index = Index().extend(
        [
            (1, proposal_text("关于发展普惠托育服务的建议", "三岁以下婴幼儿托育机构少、收费高")),
            (2, proposal_text("关于老旧小区加装电梯的建议", "多层住宅老人上下楼难")),
            (3, proposal_text("关于扩大普惠性幼儿园供给的建议", "公办园学位不足")),
        ]
    )
    found = index.search(proposal_text("关于解决婴幼儿入托难入托贵的提案", "年轻父母找不到价格合理的托儿所"), 2)
    assert found[0][0] == 1
    assert index.search("关于", 3) == [] and Index().search("托育", 3) == []
    assert [doc for doc, _ in index.search("托育 电梯", 3, exclude=[1])] == [2]


def test_daily_chase_job_notifies_late_units_and_queues_the_next_day(sqlite_factory):
    with sqlite_factory() as session, session.begin():
        w = build_world(session)
        p = wf.draft(session, w["proposer"], title="关于催办测试的建议", **TEXT)
        wf.submit(session, w["proposer"], p, dt.date(2024, 1, 2))
        wf.file_proposal(session, w["committee"], p, dt.date(2024, 1, 3))
        wf.assign(session, w["committee"], p, dt.date(2024, 1, 4), lead=w.units["transport"].id)
        unit_account = w["transport"].id
    clock = ManualClock(dt.datetime(2024, 5, 6, 9, 30, tzinfo=CITY_TZ))
    with sqlite_factory() as session, session.begin():
        wf.schedule_chase(session, dt.date(2024, 5, 6), clock=clock)
        wf.schedule_chase(session, dt.date(2024, 5, 6), clock=clock)  # idempotent: one job per day
    assert jobs.run_pending(sqlite_factory, clock, kinds=["conference.chase"]) == 1
    with sqlite_factory() as session:
        notes = session.scalars(select(Notification).where(Notification.account_pk == unit_account)).all()
        assert len(notes) == 1 and "已超期" in notes[0].subject
        queued = session.scalar(select(jobs.Job).where(jobs.Job.key == "conference.chase:2024-05-07"))
        assert queued is not None and queued.state == jobs.PENDING


def test_demo_year_seeds_on_postgresql_too(postgres_url):
    from sqlalchemy import text

    from policyreach.conference.demo_proposals import seed_proposals
    from policyreach.store.db import make_engine, migrate, sessions

    admin = make_engine(postgres_url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("CREATE DATABASE conference_demo"))
    admin.dispose()
    engine = make_engine(postgres_url.rsplit("/", 1)[0] + "/conference_demo")
    migrate(engine)
    factory = sessions(engine)
    with factory() as session, session.begin():
        seed_proposals(session, dt.date(2026, 6, 1), "x")
        seed_proposals(session, dt.date(2026, 6, 1), "x")  # a second start changes nothing
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(Proposal)) == len(HAND) + 429
        assert session.scalar(select(func.count()).select_from(HandlingUnit)) == 48
        assert len(wf.late_items(session, dt.date(2026, 6, 1))) >= 10
        assert audit.verify(session) == []
    engine.dispose()
