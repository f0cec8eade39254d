"""Activities (notice, sign-up, sign-in, absences, outcome) and duty records feeding the assessment."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from policyreach.conference import activities, duty, reports
from policyreach.conference.activities import ActivityState
from policyreach.conference.assessment import load_rules
from policyreach.conference.models import Cosigner, Proposal
from policyreach.conference.roles import Forbidden
from tests.conference import records_db
from tests.conference.records_db import make_people

records_factory, db = records_db.records_factory, records_db.db
DAY = dt.date(2026, 4, 15)
AT = dt.datetime(2026, 4, 15, 9, 0)


def _held_meeting(session, people, form="常委会议", day=DAY):
    act = activities.plan(
        session,
        people.committee,
        title=f"{form}（测试）",
        form=form,
        held_on=day,
        topic="优化营商环境",
        lead_committee="经济委员会",
    )
    activities.notify(session, people.committee, act, "请准时出席。", [people.member_row, people.other_member_row])
    return act


def _closed(session, people, act, at=AT):
    activities.hold(session, people.committee, act)
    return activities.close_attendance(session, people.committee, act, at + dt.timedelta(days=1))


def test_sign_in_and_absences_are_decided_when_staff_close_the_attendance(db) -> None:
    people = make_people(db)
    act = _held_meeting(db, people)
    with pytest.raises(activities.IllegalTransition, match="当天"):
        activities.sign_in(db, people.member, act, AT - dt.timedelta(days=1))
    activities.sign_in(db, people.member, act, AT)
    activities.hold(db, people.committee, act)
    absent = next(p for p in act.participants if p.member_pk == people.other_member_row.id)
    assert absent.absence is None  # holding the activity marks nobody absent
    with pytest.raises(activities.IllegalTransition, match="考勤确认后"):
        activities.correct(db, people.committee, act, people.other_member_row.id, "present", "补录")
    with pytest.raises(Forbidden):
        activities.close_attendance(db, people.member, act, AT)
    counts = activities.close_attendance(db, people.committee, act, AT + dt.timedelta(days=1))
    assert counts["present"] == 1 and counts["unexcused"] == 1 and absent.absence == "unexcused"
    with pytest.raises(activities.IllegalTransition, match="已确认"):
        activities.close_attendance(db, people.committee, act, AT)
    with pytest.raises(activities.IllegalTransition, match="不能再签到"):
        activities.sign_in(db, people.other_member, act, AT)
    with pytest.raises(ValueError, match="理由"):
        activities.correct(db, people.committee, act, people.other_member_row.id, "excused", " ")
    activities.correct(db, people.committee, act, people.other_member_row.id, "excused", "请假条事后补交")
    assert absent.absence == "excused" and absent.leave_state == "approved"
    with pytest.raises(ValueError, match="成果"):
        activities.conclude(db, people.committee, act, " ", True)
    with pytest.raises(ValueError, match="文件或决定"):
        activities.conclude(db, people.committee, act, "形成协商报告，报市政府。", True)
    activities.conclude(
        db, people.committee, act, "形成协商报告，报市政府。", True, adopted_by="长府发〔2026〕3号", adopted_on=DAY
    )
    assert act.state == ActivityState.CONCLUDED and act.outcome_adopted is True
    assert (act.adopted_by, act.adopted_on) == ("长府发〔2026〕3号", DAY)


def test_paper_sign_in_and_approved_leave_before_or_after_are_not_absences(db) -> None:
    people = make_people(db)
    act = _held_meeting(db, people, form="视察")
    activities.sign_up(db, people.member, act, AT - dt.timedelta(days=3))
    with pytest.raises(ValueError, match="事由"):
        activities.ask_leave(db, people.other_member, act, "")
    with pytest.raises(activities.IllegalTransition, match="举行后"):
        activities.mark_paper(db, people.committee, act, [people.member_row.id], AT - dt.timedelta(days=1))
    activities.hold(db, people.committee, act)
    # the member signed the paper list at the venue; the other asks for leave after the day
    with pytest.raises(Forbidden):
        activities.mark_paper(db, people.member, act, [people.member_row.id], AT)
    assert activities.mark_paper(db, people.committee, act, [people.member_row.id] * 2, AT) == 1
    activities.ask_leave(db, people.other_member, act, "突发疾病住院")
    with pytest.raises(activities.IllegalTransition, match="待审批"):
        activities.close_attendance(db, people.committee, act, AT + dt.timedelta(days=1))
    with pytest.raises(Forbidden):
        activities.decide_leave(db, people.member, act, people.other_member_row.id, True)
    activities.decide_leave(db, people.committee, act, people.other_member_row.id, True)
    counts = activities.close_attendance(db, people.committee, act, AT + dt.timedelta(days=1))
    assert counts == {"present": 1, "present_paper": 1, "excused": 1, "pending_leave": 0, "unexcused": 0}
    rows = {p.member_pk: p for p in act.participants}
    assert rows[people.member_row.id].absence is None and rows[people.member_row.id].signed_in_by
    assert rows[people.other_member_row.id].absence == "excused"
    with pytest.raises(activities.IllegalTransition):
        activities.sign_up(db, people.member, act, AT)
    with pytest.raises(activities.IllegalTransition, match="考勤确认前"):
        activities.ask_leave(db, people.other_member, act, "再次请假")


def test_a_declined_leave_is_an_unexcused_absence_and_attendance_counts_only_once_closed(db) -> None:
    people = make_people(db)
    act = _held_meeting(db, people, form="调研", day=dt.date(2031, 5, 6))
    activities.ask_leave(db, people.other_member, act, "家中有事")
    activities.decide_leave(db, people.committee, act, people.other_member_row.id, False)
    activities.sign_in(db, people.member, act, dt.datetime(2031, 5, 6, 9))
    activities.hold(db, people.committee, act)
    assert duty.record_of(db, people.other_member_row, 2031).counts["unexcused_absences"] == 0
    assert duty.record_of(db, people.member_row, 2031).counts["activities_attended"] == 0  # not closed yet
    activities.close_attendance(db, people.committee, act, dt.datetime(2031, 5, 7, 9))
    assert duty.record_of(db, people.other_member_row, 2031).counts["unexcused_absences"] == 1
    assert duty.record_of(db, people.member_row, 2031).counts["activities_attended"] == 1


def test_an_activity_is_changed_or_cancelled_with_a_reason_before_it_is_held(db) -> None:
    people = make_people(db)
    act = activities.plan(db, people.committee, title="t", form="调研", held_on=DAY)
    later = DAY + dt.timedelta(days=7)
    with pytest.raises(ValueError, match="原因"):
        activities.change(db, people.committee, act, held_on=later, place="", reason="")
    with pytest.raises(Forbidden):
        activities.change(db, people.member, act, held_on=later, place="", reason="x")
    activities.change(db, people.committee, act, held_on=later, place="市政协机关", reason="与常委会议冲突")
    assert act.held_on == later and act.state == ActivityState.PLANNED
    with pytest.raises(ValueError, match="原因"):
        activities.cancel(db, people.committee, act, " ")
    activities.cancel(db, people.committee, act, "主题并入专题协商会")
    assert act.state == ActivityState.CANCELLED
    with pytest.raises(activities.IllegalTransition):
        activities.change(db, people.committee, act, held_on=DAY, place="", reason="恢复")


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (a, b)
        for a, b in itertools.product(ActivityState, ActivityState)
        if (a, b) not in activities.TRANSITIONS and a != b
    ],
)
def test_every_activity_transition_outside_the_table_is_refused(db, start, target) -> None:
    people = make_people(db)
    act = activities.plan(db, people.committee, title="t", form="调研", held_on=DAY)
    act.state = start
    with pytest.raises(activities.IllegalTransition):
        activities.move(db, act, target, people.leader)


def test_members_and_units_do_not_run_activities(db) -> None:
    people = make_people(db)
    for account in (people.member, people.unit):
        with pytest.raises(Forbidden):
            activities.plan(db, account, title="t", form="调研", held_on=DAY)
    act = activities.plan(db, people.committee, title="t", form="调研", held_on=DAY)
    for target in (ActivityState.NOTICED, ActivityState.CANCELLED):
        with pytest.raises(Forbidden):
            activities.move(db, act, target, people.member)
    with pytest.raises(Forbidden):
        activities.sign_in(db, people.unit, act, AT)
    with pytest.raises(ValueError, match="活动形式"):
        activities.plan(db, people.committee, title="t", form="茶话会", held_on=DAY)


def test_declared_duties_count_once_confirmed_and_decisions_are_final(db) -> None:
    people = make_people(db)
    speech = duty.declare(
        db, people.member, kind="speeches", title="全体会议大会发言", happened_on=DAY, evidence="大会发言材料第12号"
    )
    pending = duty.declare(
        db,
        people.member,
        kind="studio_activities",
        title="委员工作室接待群众",
        happened_on=DAY,
        evidence="活动照片与签到表",
    )
    with pytest.raises(Forbidden):
        duty.decide(db, people.member, speech, True)
    with pytest.raises(Forbidden):
        duty.decide(db, people.unit, speech, True)
    with pytest.raises(ValueError, match="理由"):
        duty.decide(db, people.office, pending, False)
    duty.decide(db, people.office, speech, True)
    with pytest.raises(duty.IllegalTransition):
        duty.decide(db, people.office, speech, False, "改主意")
    record = duty.record_of(db, people.member_row, 2026)
    assert record.counts["speeches"] == 1 and record.counts["studio_activities"] == 0
    assert [e.state for e in record.entries] == ["confirmed", "declared"]
    with pytest.raises(ValueError, match="可填报"):
        duty.declare(db, people.member, kind="proposals_lead", title="x", happened_on=DAY, evidence="y")


def test_the_record_counts_what_the_platform_saw_and_feeds_the_assessment(db) -> None:
    people = make_people(db)
    mine = [
        Proposal(
            year=2026,
            title=f"提案{i}",
            category="经济建设",
            proposer_pk=people.member_row.id,
            state=state,
            is_key=(i == 0),
        )
        for i, state in enumerate(["filed", "closed", "not_filed", "draft"])
    ]
    theirs = Proposal(
        year=2026, title="联名提案", category="社会建设", proposer_pk=people.other_member_row.id, state="assigned"
    )
    db.add_all([*mine, theirs])
    db.flush()
    db.add(Cosigner(proposal_pk=theirs.id, member_pk=people.member_row.id, state="confirmed"))
    report = reports.create(
        db, people.member, title="关于人参产业的建议", situation="s", analysis="a", suggestion="x", year=2026
    )
    reports.submit(db, people.member, report)
    reports.accept(db, people.office, report)
    reports.adopt(db, people.office, report, reports.bulletin_issue(db, 2026, DAY))
    reports.record_instruction(db, people.office, report, leader="市委书记", level="city", text="阅", on=DAY)
    meeting = _held_meeting(db, people)
    activities.sign_in(db, people.member, meeting, AT)
    _closed(db, people, meeting)
    survey = _held_meeting(db, people, form="调研", day=DAY + dt.timedelta(days=1))
    _closed(db, people, survey)  # the member did not come: unexcused
    speech = duty.declare(db, people.member, kind="speeches", title="发言", happened_on=DAY, evidence="材料")
    duty.decide(db, people.office, speech, True)

    record = duty.record_of(db, people.member_row, 2026)
    assert record.counts == {
        "proposals_submitted": 3,
        "proposals_lead": 2,
        "proposals_cosigned": 1,
        "key_proposals": 1,
        "reports_submitted": 1,
        "reports_adopted": 1,
        "reports_instructed": 1,
        "reports_higher": 0,
        "meetings_attended": 1,
        "activities_attended": 0,
        "unexcused_absences": 1,
        "legislative_comments": 0,
        "legislative_adopted": 0,
        "speeches": 1,
        "studio_activities": 0,
        "public_services": 0,
    }
    result = duty.assessment_of(db, load_rules(dt.date(2026, 12, 31)), people.member_row, 2026)
    # proposals 2×4+1 = 9, key 3, reports 1+3+5 = 9, meeting 3, speech 3, absence −5
    assert result.score == Decimal("22.00")
    assert result.grade == "basic" and not result.reminder and result.provable  # 12 ≤ 22 < 25
    assert duty.record_of(db, people.member_row, 2025).counts["proposals_lead"] == 0


def test_a_member_opens_only_their_own_record(db) -> None:
    people = make_people(db)
    assert duty.member_for(db, people.member) is people.member_row
    assert duty.member_for(db, people.member, people.member_row.id) is people.member_row
    with pytest.raises(Forbidden):
        duty.member_for(db, people.member, people.other_member_row.id)
    with pytest.raises(Forbidden):
        duty.member_for(db, people.unit, people.member_row.id)
    assert duty.member_for(db, people.office, people.other_member_row.id) is people.other_member_row
    assert duty.member_for(db, people.leader, people.member_row.id) is people.member_row


def test_members_below_the_reminder_line_are_reminded_once_a_month_by_the_job(records_factory) -> None:
    from sqlalchemy import select

    from policyreach.push.clock import CITY_TZ, ManualClock
    from policyreach.push.jobs import Job, run_pending
    from policyreach.push.models import Notification

    year = 2033  # nobody else's records: every member with a login is below the line
    with records_factory() as session, session.begin():
        people = make_people(session)
        busy = people.other_member_row
        for i in range(5):  # 5 meetings × 3 = 15 points: on the line, not below it
            act = activities.plan(
                session, people.committee, title=f"会议{i}", form="常委会议", held_on=dt.date(year, 3, 1 + i)
            )
            activities.notify(session, people.committee, act, "通知", [busy])
            activities.sign_in(session, people.other_member, act, dt.datetime(year, 3, 1 + i, 9))
            _closed(session, people, act, dt.datetime(year, 3, 1 + i, 9))
        duty.schedule_member_reminders(session, dt.date(year, 7, 1))
        idle, busy_account = people.member.id, people.other_member.id
    clock = ManualClock(dt.datetime(year, 7, 1, 11, tzinfo=CITY_TZ))
    assert run_pending(records_factory, clock, kinds=["conference.assessment_remind"]) == 1
    with records_factory() as session:

        def inbox(account_pk):
            return session.scalars(
                select(Notification).where(
                    Notification.account_pk == account_pk, Notification.kind == "conference.assessment_reminder"
                )
            ).all()

        assert [n.subject for n in inbox(idle)] == ["履职提醒：本年度履职得分偏低"]
        assert "低于提醒线15分" in inbox(idle)[0].body
        assert inbox(busy_account) == []
        assert session.scalar(select(Job).where(Job.key == f"conference.assessment_remind:{year}-08-01")) is not None
    with records_factory() as session, session.begin():  # a second run in the same month writes nothing new
        from policyreach.conference.assessment import load_rules

        again = duty.remind_members(session, load_rules(dt.date(year, 12, 31)), year, dt.date(year, 7, 15))
        assert people.member_row.id not in again


def test_the_consultation_plan_is_submitted_approved_with_its_body_and_date_then_published(db) -> None:
    from policyreach.conference import plan

    people = make_people(db)
    year = 2040 + next(PLAN_YEARS)
    with pytest.raises(Forbidden):
        plan.start(db, people.member, year)
    draft = plan.start(db, people.committee, year)
    assert plan.start(db, people.committee, year) is draft and draft.state == "draft"
    with pytest.raises(Forbidden):
        plan.move(db, people.committee, draft, "approve", today=DAY, approved_by="市委常委会", approved_on=DAY)
    with pytest.raises(activities.IllegalTransition, match="草案"):
        plan.move(db, people.leader, draft, "approve", today=DAY, approved_by="市委常委会", approved_on=DAY)
    plan.move(db, people.committee, draft, "submit", today=DAY)
    with pytest.raises(ValueError, match="理由"):
        plan.move(db, people.leader, draft, "return", today=DAY)
    plan.move(db, people.leader, draft, "return", today=DAY, note="请增加民营经济专题")
    plan.move(db, people.committee, draft, "submit", today=DAY)
    with pytest.raises(ValueError, match="审定机关"):
        plan.move(db, people.leader, draft, "approve", today=DAY, approved_on=DAY)
    with pytest.raises(ValueError, match="审定日期"):
        plan.move(
            db, people.leader, draft, "approve", today=DAY, approved_by="市委常委会", approved_on=DAY + dt.timedelta(1)
        )
    plan.move(db, people.leader, draft, "approve", today=DAY, approved_by="市委常委会会议", approved_on=DAY)
    # the state moved by one conditional update: a second 审定 of the same plan is refused
    with pytest.raises(activities.IllegalTransition, match="已审定"):
        plan.move(db, people.leader, draft, "approve", today=DAY, approved_by="政协党组", approved_on=DAY)
    plan.move(db, people.committee, draft, "publish", today=DAY)
    assert (draft.state, draft.approved_by, draft.approved_on, draft.published_on) == (
        "published",
        "市委常委会会议",
        DAY,
        DAY,
    )


PLAN_YEARS = itertools.count()


def test_a_draft_regulation_is_registered_from_pasted_clauses_and_closed_once_every_opinion_is_decided(db) -> None:
    from policyreach.conference import legislation

    people = make_people(db)
    clauses = legislation.parse_clauses("第一条 为了优化营商环境，\n制定本条例。\n第 二 条 本条例适用于本市。\n3. 附则")
    assert clauses == {"一": "为了优化营商环境，制定本条例。", "二": "本条例适用于本市。", "3": "附则"}
    draft = legislation.add_draft(
        db, people.committee, title="测试条例", drafting_office="市司法局", year=2026, clauses=clauses,
        comments_due=DAY,
    )  # fmt: skip
    opinion = legislation.comment(db, people.member, draft, "二", "建议明确适用范围", DAY)
    with pytest.raises(activities.IllegalTransition, match="截止"):
        legislation.comment(db, people.member, draft, "一", "晚到的意见", DAY + dt.timedelta(days=1))
    with pytest.raises(activities.IllegalTransition, match="1 条意见"):
        legislation.close(db, people.committee, draft, "已修改第二条", DAY)
    legislation.decide(db, people.committee, opinion, "adopted", "已增加适用范围的表述", DAY)
    with pytest.raises(ValueError, match="采纳情况"):
        legislation.close(db, people.committee, draft, " ", DAY)
    legislation.close(db, people.committee, draft, "起草单位修改第二条，已报市人大常委会审议稿采纳", DAY)
    assert draft.closed_on == DAY and "第二条" in draft.adoption_note
    with pytest.raises(activities.IllegalTransition, match="已结束"):
        legislation.comment(db, people.member, draft, "一", "x", DAY)


def test_a_leaders_instruction_is_forwarded_answered_by_its_unit_only_and_chased_weekly_when_overdue(db) -> None:
    from policyreach.conference import instructions
    from policyreach.conference.models import HandlingUnit
    from policyreach.conference.supervision import audit_notifier

    people = make_people(db)
    proposal = Proposal(year=2026, title="关于冰雪经济的提案", category="经济建设", proposer_pk=people.member_row.id,
                        state="assigned", number=f"T-{people.unit_row.id}")  # fmt: skip
    db.add(proposal)
    db.flush()
    with pytest.raises(Forbidden):
        instructions.record(db, people.unit, proposal=proposal, leader="市长", text="阅", on=DAY, today=DAY)
    with pytest.raises(ValueError, match="不能晚于"):
        instructions.record(
            db, people.office, proposal=proposal, leader="市长", text="阅", on=DAY + dt.timedelta(1), today=DAY
        )
    task = instructions.record(
        db, people.office, proposal=proposal, leader="市长", text="请商务局研究落实", on=DAY, today=DAY
    )
    sent: list[dict] = []

    def notifier(session, **message):
        sent.append(message)
        audit_notifier(session, **message)

    with pytest.raises(ValueError, match="早于今天"):
        instructions.forward(db, people.office, task, people.unit_row, DAY - dt.timedelta(1), DAY, notifier)
    instructions.forward(db, people.office, task, people.unit_row, DAY + dt.timedelta(days=10), DAY, notifier)
    assert (
        task.state == "forwarded"
        and sent[-1]["recipient"].id == people.unit.id
        and "请商务局研究落实" in sent[-1]["body"]
    )
    with pytest.raises(activities.IllegalTransition, match="已转办"):  # one conditional update: not twice
        instructions.forward(db, people.office, task, people.unit_row, DAY + dt.timedelta(days=10), DAY, notifier)
    # overdue: chased once, not again within the week, again after it
    late = DAY + dt.timedelta(days=11)
    assert instructions.remind_overdue(db, late, notifier) == 1 and "催办" in sent[-1]["subject"]
    assert instructions.remind_overdue(db, late + dt.timedelta(days=3), notifier) == 0
    assert instructions.remind_overdue(db, late + dt.timedelta(days=7), notifier) == 1
    other_unit = HandlingUnit(name=f"长春市另一测试局{people.unit_row.id}", short_name="另一局", kind="government")
    db.add(other_unit)
    db.flush()
    stranger = people.member
    with pytest.raises(Forbidden):
        instructions.answer(db, stranger, task, "已办", late)
    with pytest.raises(ValueError, match="办理情况"):
        instructions.answer(db, people.unit, task, " ", late)
    instructions.answer(db, people.unit, task, "已出台冰雪经济若干措施", late)
    assert task.state == "answered" and task.answered_on == late
    assert instructions.remind_overdue(db, late + dt.timedelta(days=30), notifier) == 0
    assert [t.id for t in instructions.visible(db, people.unit)] == [task.id]
