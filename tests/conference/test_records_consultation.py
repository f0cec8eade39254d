"""Legislative consultation, consultative supervision with reminders, and the 包保 ledger."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from policyreach.conference import legislation, liaison, supervision
from policyreach.conference.roles import Forbidden
from policyreach.store.models import AuditEntry
from tests.conference import records_db
from tests.conference.records_db import make_people

records_factory, db = records_db.records_factory, records_db.db
DAY = dt.date(2026, 6, 10)


def test_comments_end_adopted_partly_or_not_with_the_drafting_offices_reason(db) -> None:
    people = make_people(db)
    draft = legislation.add_draft(
        db,
        people.committee,
        title="长春市优化营商环境条例（草案）",
        year=2026,
        drafting_office="市司法局",
        clauses={"1": "第一条 …", "2": "第二条 …"},
    )
    with pytest.raises(ValueError, match="第 9 条"):
        legislation.comment(db, people.member, draft, "9", "建议删除", DAY)
    with pytest.raises(Forbidden):
        legislation.comment(db, people.unit, draft, "1", "建议", DAY)
    first = legislation.comment(db, people.member, draft, "1", "建议明确涉企检查的频次上限。", DAY)
    second = legislation.comment(db, people.other_member, draft, "2", "建议增加容缺受理。", DAY)
    with pytest.raises(ValueError, match="理由"):
        legislation.decide(db, people.committee, first, "adopted", "", DAY)
    with pytest.raises(Forbidden):
        legislation.decide(db, people.member, first, "adopted", "自己采纳", DAY)
    legislation.decide(db, people.committee, first, "partly", "频次上限已写入实施细则。", DAY)
    legislation.decide(db, people.committee, second, "not_adopted", "上位法已有规定。", DAY)
    with pytest.raises(legislation.IllegalTransition):
        legislation.decide(db, people.committee, first, "adopted", "再改", DAY)
    with pytest.raises(legislation.IllegalTransition):
        legislation.decide(db, people.committee, second, "pending", "退回", DAY)
    layout = legislation.by_clause(draft, [first, second])
    assert [(no, [c.state for c in cs]) for no, _, cs in layout] == [("1", ["partly"]), ("2", ["not_adopted"])]


def test_a_finding_is_rectified_by_its_unit_only_and_closed_by_the_office(db) -> None:
    people = make_people(db)
    item = supervision.record_finding(
        db, people.committee, unit_pk=people.unit_row.id, year=2026, finding="惠企政策兑现周期过长", due_on=DAY
    )
    other_unit = make_people(db).unit
    with pytest.raises(Forbidden):
        supervision.move(db, other_unit, item, "rectified", text="不是我的", today=DAY)
    with pytest.raises(Forbidden):
        supervision.move(db, people.member, item, "rectified", text="x", today=DAY)
    with pytest.raises(supervision.IllegalTransition):
        supervision.move(db, people.committee, item, "closed", today=DAY)
    with pytest.raises(ValueError, match="整改"):
        supervision.move(db, people.unit, item, "rectified", text=" ", today=DAY)
    supervision.move(db, people.unit, item, "rectified", text="已压缩至10个工作日", today=DAY)
    with pytest.raises(Forbidden):
        supervision.move(db, people.unit, item, "closed", today=DAY)
    supervision.move(db, people.committee, item, "open", text="整改材料不全", today=DAY)
    supervision.move(db, people.unit, item, "rectified", text="补充了材料", today=DAY)
    supervision.move(db, people.committee, item, "closed", today=DAY)
    assert item.state == "closed" and item.closed_on == DAY
    with pytest.raises(supervision.IllegalTransition):
        supervision.move(db, people.unit, item, "rectified", text="x", today=DAY)
    assert [i.id for i in supervision.visible(db, people.unit, 2026)] == [item.id]
    assert item.id not in [i.id for i in supervision.visible(db, other_unit, 2026)]
    with pytest.raises(Forbidden):
        supervision.visible(db, people.member, 2026)


def test_overdue_findings_are_chased_once_per_week_through_the_notifier(db) -> None:
    people = make_people(db)
    item = supervision.record_finding(
        db, people.committee, unit_pk=people.unit_row.id, year=2026, finding="园区道路积水整改", due_on=DAY
    )
    sent: list[tuple[str, str]] = []

    def notifier(session, *, recipient, kind, subject, body, link, dedupe_key):
        sent.append((recipient.username, dedupe_key))
        supervision.audit_notifier(
            session, recipient=recipient, kind=kind, subject=subject, body=body, link=link, dedupe_key=dedupe_key
        )

    supervision.remind_overdue(db, DAY, notifier)  # due today: not overdue yet
    assert not [k for _, k in sent if k.startswith(f"supervision:{item.id}:")]
    supervision.remind_overdue(db, DAY + dt.timedelta(days=1), notifier)
    assert (people.unit.username, f"supervision:{item.id}:{DAY + dt.timedelta(days=1)}") in sent
    before = len(sent)
    supervision.remind_overdue(db, DAY + dt.timedelta(days=3), notifier)
    assert not [k for _, k in sent[before:] if k.startswith(f"supervision:{item.id}:")]
    supervision.remind_overdue(db, DAY + dt.timedelta(days=8), notifier)
    assert (people.unit.username, f"supervision:{item.id}:{DAY + dt.timedelta(days=8)}") in sent
    logged = db.scalars(
        select(AuditEntry).where(
            AuditEntry.action == "conference.supervision_overdue", AuditEntry.subject == f"account:{people.unit.id}"
        )
    ).all()
    assert len(logged) == 2


def test_the_liaison_ledger_is_its_coverers_own(db) -> None:
    people = make_people(db)
    leader_member = people.member  # a member account covers; leaders are members with is_leader
    with pytest.raises(ValueError, match="关联"):
        liaison.cover(db, leader_member, kind="enterprise", name="某企业", since=DAY)
    park = liaison.cover(db, leader_member, kind="park", name="长春国际汽车城", since=DAY)
    with pytest.raises(Forbidden):
        liaison.get(db, people.other_member, park.id)
    with pytest.raises(Forbidden):
        liaison.targets(db, people.unit)
    liaison.visit(db, leader_member, park, DAY, "走访园区，了解用地诉求")
    request = liaison.raise_request(db, leader_member, park, "园区配套道路建设滞后", DAY)
    with pytest.raises(liaison.IllegalTransition):
        liaison.move_request(db, leader_member, request, "open", on=DAY)
    with pytest.raises(ValueError, match="承办单位"):
        liaison.move_request(db, leader_member, request, "in_progress", on=DAY)
    liaison.move_request(db, leader_member, request, "in_progress", handled_by="市交通运输局", on=DAY)
    with pytest.raises(ValueError, match="结果"):
        liaison.move_request(db, leader_member, request, "closed", on=DAY)
    liaison.move_request(
        db, leader_member, request, "closed", handled_by="市交通运输局", result="已列入年度计划", on=DAY
    )
    assert request.state == "closed" and request.closed_by == "市交通运输局"
    with pytest.raises(Forbidden):
        liaison.move_request(db, people.other_member, request, "in_progress", handled_by="x", on=DAY)
    assert [t.id for t in liaison.targets(db, leader_member)] == [park.id]


def test_the_daily_job_chases_overdue_findings_into_the_units_inbox(records_factory) -> None:
    from policyreach.push.clock import CITY_TZ, ManualClock
    from policyreach.push.jobs import Job, run_pending
    from policyreach.push.models import Notification

    with records_factory() as session, session.begin():
        people = make_people(session)
        item = supervision.record_finding(
            session,
            people.committee,
            unit_pk=people.unit_row.id,
            year=2026,
            finding="重点项目审批超时（定时任务）",
            due_on=DAY,
        )
        supervision.schedule_reminders(session, DAY + dt.timedelta(days=2))
        supervision.schedule_reminders(session, DAY + dt.timedelta(days=2))  # idempotent by its key
        unit_account, item_id = people.unit.id, item.id
    clock = ManualClock(dt.datetime.combine(DAY + dt.timedelta(days=2), dt.time(10), tzinfo=CITY_TZ))
    assert run_pending(records_factory, clock, kinds=["conference.supervision_remind"]) == 1
    with records_factory() as session:
        inbox = session.scalars(select(Notification).where(Notification.account_pk == unit_account)).all()
        assert [n.subject for n in inbox] == ["协商式监督整改事项已超期"]
        assert inbox[0].link == f"/conference/supervision#s{item_id}"
        assert session.get(type(item), item_id).last_reminded_on == DAY + dt.timedelta(days=2)
        next_key = f"conference.supervision_remind:{DAY + dt.timedelta(days=3)}"
        queued = session.scalar(select(Job).where(Job.key == next_key))
        assert queued is not None and queued.state == "pending"
