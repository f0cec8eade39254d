"""The whole lifecycle through the workflow functions, on SQLite and on PostgreSQL, with the audit log checked."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from policyreach.conference import proposals as wf
from policyreach.conference.models import Evaluation, Proposal
from policyreach.conference.roles import Forbidden
from policyreach.conference.states import AState, PState
from policyreach.push.models import Notification
from policyreach.redemption import audit
from policyreach.store.models import AuditEntry
from tests.conference.conftest import ASSIGNED_ON, build_world

TEXT = dict(
    category="经济建设",
    case_text="新民胡同夜市冬季停业。",
    analysis="缺少保温设施。",
    suggestions="建设暖棚和风雨廊，实现全年经营。",
    year=2024,
)


@pytest.mark.parametrize("db", ["sqlite_factory", "pg_factory"])
def test_joint_proposal_from_draft_to_closed(request, db):
    factory = request.getfixturevalue(db)
    with factory() as session, session.begin():
        w = build_world(session)
        p = wf.draft(
            session,
            w["proposer"],
            title="关于打造新民胡同全季候夜市的建议",
            cosigner_pks=[w.members["cosigner"].id],
            public_consent=True,
            **TEXT,
        )
        assert p.origin == "joint" and p.state == PState.DRAFT
        wf.submit(session, w["proposer"], p, dt.date(2024, 1, 10))
        assert p.state == PState.COSIGNING and p.submitted_on is None
        wf.cosign(session, w["cosigner"], p, True, dt.date(2024, 1, 11))
        assert p.state == PState.SUBMITTED and p.submitted_on == dt.date(2024, 1, 11)

        number = wf.file_proposal(session, w["committee"], p, dt.date(2024, 9, 26))
        assert number.startswith("2024-") and p.state == PState.FILED
        lead, co = wf.assign(
            session, w["committee"], p, ASSIGNED_ON, lead=w.units["commerce"].name, co=[w.units["transport"].name]
        )
        assert p.state == PState.ASSIGNED and p.deadline == dt.date(2024, 12, 27)

        wf.send_opinion(session, w["transport"], co, "建议同步开通夜间公交。")
        with pytest.raises(wf.Refused, match="沟通"):
            wf.answer(session, w["commerce"], lead, "已建设暖棚，夜市全年开放。", "A", dt.date(2024, 11, 1))
        wf.record_contact(session, w["commerce"], lead, dt.date(2024, 10, 15), "电话沟通")
        wf.answer(
            session,
            w["commerce"],
            lead,
            "已建设暖棚，夜市全年开放，冬季客流增长。",
            "A",
            dt.date(2024, 11, 1),
            link_kind="benefit",
            link_id="night-market-subsidy",
        )
        assert p.state == PState.ANSWERED and lead.answer_class == "A" and lead.link_id == "night-market-subsidy"

        # 不满意: another round, recorded
        wf.evaluate(session, w["proposer"], p, "unsatisfied", "暖棚只覆盖一半摊位", dt.date(2024, 11, 5))
        assert p.state == PState.ASSIGNED and p.round == 2
        assert lead.state == AState.ASSIGNED and co.state == AState.ASSIGNED and lead.contacted_on is None
        wf.send_opinion(session, w["transport"], co, "夜间公交已开通，建议延长末班车时间。")
        wf.record_contact(session, w["commerce"], lead, dt.date(2024, 11, 8), "现场走访")
        wf.answer(session, w["commerce"], lead, "暖棚已覆盖全部摊位，并延长营业时间。", "A", dt.date(2024, 12, 1))
        wf.evaluate(session, w["proposer"], p, "satisfied", "", dt.date(2024, 12, 3))
        assert p.state == PState.CLOSED and p.closed_on == dt.date(2024, 12, 3)
        ratings = session.scalars(
            select(Evaluation.rating).where(Evaluation.proposal_pk == p.id).order_by(Evaluation.round)
        ).all()
        assert ratings == ["unsatisfied", "satisfied"]

        wf.publish(session, w["committee"], p)
        assert p.published
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.subject == f"proposal:{p.id}").order_by(AuditEntry.id)
        ).all()
        assert actions[:4] == ["proposal.draft", "proposal.cosigning", "proposal.cosign", "proposal.submitted"]
        assert actions.count("assignment.answered") == 2 and "proposal.closed" in actions
        assert audit.verify(session) == []


@pytest.mark.parametrize("db", ["sqlite_factory", "pg_factory"])
def test_lead_unit_cannot_answer_for_all_while_a_co_unit_is_pending(request, db):
    factory = request.getfixturevalue(db)
    with factory() as session, session.begin():
        w = build_world(session)
        p = wf.draft(session, w["proposer"], title="关于会办未完成时主办答复的建议", **TEXT)
        wf.submit(session, w["proposer"], p, dt.date(2024, 3, 1))
        wf.file_proposal(session, w["committee"], p, dt.date(2024, 3, 5))
        lead, co, other = wf.assign(
            session,
            w["committee"],
            p,
            dt.date(2024, 3, 6),
            lead=w.units["commerce"].id,
            co=[w.units["transport"].id, w.units["science"].id],
        )
        wf.record_contact(session, w["commerce"], lead, dt.date(2024, 3, 20), "电话沟通")
        wf.send_opinion(session, w["transport"], co, "同意主办单位意见。")
        with pytest.raises(wf.Refused, match=f"会办单位尚未提出会办意见：{w.units['science'].name}"):
            wf.answer(session, w["commerce"], lead, "已研究办理，列入年度计划落实。", "B", dt.date(2024, 4, 1))
        assert lead.state == AState.ASSIGNED and lead.answer is None and p.state == PState.ASSIGNED
        assert (
            "assignment.answered"
            not in session.scalars(select(AuditEntry.action).where(AuditEntry.subject == f"proposal:{p.id}")).all()
        )
        wf.send_opinion(session, w["science"], other, "配合落实。")
        wf.answer(session, w["commerce"], lead, "已研究办理，列入年度计划落实。", "B", dt.date(2024, 4, 2))
        assert lead.state == AState.ANSWERED and p.state == PState.ANSWERED and lead.answered_on == dt.date(2024, 4, 2)


def test_separate_assignment_waits_for_every_unit(sqlite_factory):
    with sqlite_factory() as session, session.begin():
        w = build_world(session)
        p = wf.draft(session, w["proposer"], title="关于缓解停车难的建议", **TEXT)
        wf.submit(session, w["proposer"], p, dt.date(2024, 3, 1))
        wf.file_proposal(session, w["committee"], p, dt.date(2024, 3, 5))
        a, b = wf.assign(
            session, w["committee"], p, dt.date(2024, 3, 6), separate=[w.units["transport"].id, w.units["commerce"].id]
        )
        for unit, assignment in (("transport", a), ("commerce", b)):
            wf.record_contact(session, w[unit], assignment, dt.date(2024, 4, 1), "座谈")
        wf.answer(session, w["transport"], a, "已新建两处停车楼，共增加泊位八百个。", "B", dt.date(2024, 4, 2))
        assert p.state == PState.ASSIGNED
        wf.answer(session, w["commerce"], b, "条件所限暂难实施，留作参考：商圈用地紧张。", "C", dt.date(2024, 4, 3))
        assert p.state == PState.ANSWERED


def test_adjustment_within_working_days_and_replacement(sqlite_factory):
    with sqlite_factory() as session, session.begin():
        w = build_world(session)
        p = wf.draft(session, w["proposer"], title="关于支持人工智能育种的建议", **TEXT)
        wf.submit(session, w["proposer"], p, dt.date(2024, 9, 1))
        wf.file_proposal(session, w["committee"], p, dt.date(2024, 9, 20))
        (lead,) = wf.assign(session, w["committee"], p, ASSIGNED_ON, lead=w.units["transport"].name)
        # five working days after Fri 27 Sep 2024 end on Thu 10 Oct (the holiday week does not count)
        assert wf.adjustment_window_end(lead) == dt.date(2024, 10, 10)
        with pytest.raises(wf.Refused, match="期限"):
            wf.request_adjustment(session, w["transport"], lead, "不属于本单位职责", dt.date(2024, 10, 11))
        with pytest.raises(Forbidden):
            wf.request_adjustment(session, w["science"], lead, "别人的任务", dt.date(2024, 10, 8))
        wf.request_adjustment(session, w["transport"], lead, "育种属于农业和科技部门职责", dt.date(2024, 10, 10))
        assert lead.state == AState.ADJUSTING
        new = wf.decide_adjustment(
            session,
            w["committee"],
            lead,
            True,
            "同意，改由科技局主办",
            dt.date(2024, 10, 11),
            new_unit=w.units["science"].name,
        )
        assert lead.state == AState.WITHDRAWN and new is not None and new.role == "lead"
        # the released unit no longer reads the proposal; the new one does
        assert session.scalar(wf.visible_query(session, w["transport"]).where(Proposal.id == p.id)) is None
        assert wf.get_visible(session, w["science"], p.id) is p
        wf.record_contact(session, w["science"], new, dt.date(2024, 10, 20), "电话")
        wf.answer(session, w["science"], new, "已设立AI育种专项，支持三家种企。", "A", dt.date(2024, 11, 1))
        assert p.state == PState.ANSWERED


def test_not_filed_merged_returned_and_extension(sqlite_factory):
    with sqlite_factory() as session, session.begin():
        w = build_world(session)
        a, b, c, d = (wf.draft(session, w["proposer"], title=f"提案{i}", **TEXT) for i in range(4))
        for p in (a, b, c, d):
            wf.submit(session, w["proposer"], p, dt.date(2024, 2, 1))
        with pytest.raises(wf.Refused, match="理由"):
            wf.not_file(session, w["committee"], a, "", "report")
        wf.not_file(session, w["committee"], a, "属于个案诉求", "reference", "长春市信访局")
        assert a.state == PState.NOT_FILED and a.disposal == "reference"
        wf.file_proposal(session, w["committee"], b, dt.date(2024, 2, 2))
        wf.merge(session, w["committee"], c, b)
        assert c.state == PState.MERGED and c.merged_into_pk == b.id
        wf.return_to_proposer(session, w["committee"], d, "一案多事，请拆分")
        assert d.state == PState.DRAFT
        wf.edit_draft(session, w["proposer"], d, title="提案3（拆分后）")
        wf.assign(session, w["committee"], b, dt.date(2024, 2, 5), lead=w.units["science"].id)
        with pytest.raises(wf.Refused, match="6 个月"):
            wf.extend(session, w["committee"], b, 7, "情况复杂")
        assert wf.extend(session, w["committee"], b, 6, "需跨年度协调资金") == dt.date(2024, 8, 5)


def test_key_proposal_supervision_and_chase(sqlite_factory):
    with sqlite_factory() as session, session.begin():
        w = build_world(session)
        p = wf.draft(session, w["proposer"], title="关于建设寒地育种中心的建议", **TEXT)
        wf.submit(session, w["proposer"], p, dt.date(2024, 1, 5))
        wf.file_proposal(session, w["committee"], p, dt.date(2024, 1, 8))
        with pytest.raises(Forbidden):
            wf.make_key(session, w["committee"], p, w.members["leader"])
        with pytest.raises(wf.Refused):
            wf.make_key(session, w["leader"], p, w.members["stranger"])
        wf.make_key(session, w["leader"], p, w.members["leader"])
        wf.supervise(session, w["leader"], p, "视察", "到育种基地现场督办", dt.date(2024, 3, 1))
        wf.assign(session, w["committee"], p, dt.date(2024, 1, 10), lead=w.units["science"].name)
        assert p.deadline == dt.date(2024, 4, 10)
        assert all(item.proposal.id != p.id for item in wf.late_items(session, dt.date(2024, 4, 10)))
        late = [item for item in wf.late_items(session, dt.date(2024, 4, 20)) if item.proposal.id == p.id]
        assert len(late) == 1 and late[0].days_late == 10 and late[0].unit.id == w.units["science"].id
        chased = [i for i in wf.chase(session, dt.date(2024, 4, 20)) if i.proposal.id == p.id]
        assert len(chased) == 1
        notes = session.scalars(select(Notification).where(Notification.account_pk == w["science"].id)).all()
        assert len(notes) == 1 and "催办" in notes[0].subject
        # a second run the same week writes nothing new
        assert all(i.proposal.id != p.id for i in wf.chase(session, dt.date(2024, 4, 22)))
        assert session.scalars(select(Notification).where(Notification.account_pk == w["science"].id)).all() == notes


def test_adjustment_window_and_deadline_are_settings(sqlite_factory, monkeypatch):
    monkeypatch.setenv("POLICYREACH_ADJUST_WORKDAYS", "2")
    monkeypatch.setenv("POLICYREACH_ANSWER_MONTHS", "2")
    with sqlite_factory() as session, session.begin():
        w = build_world(session)
        p = wf.draft(session, w["proposer"], title="关于设置测试的建议", **TEXT)
        wf.submit(session, w["proposer"], p, dt.date(2024, 9, 1))
        wf.file_proposal(session, w["committee"], p, dt.date(2024, 9, 20))
        (lead,) = wf.assign(session, w["committee"], p, ASSIGNED_ON, lead=w.units["science"].id)
        assert wf.adjustment_window_end(lead) == dt.date(2024, 9, 30)  # Sun 29 Sep was a working day
        assert p.deadline == dt.date(2024, 11, 27)


def test_two_reviewers_filing_at_once_get_different_numbers_on_postgresql(pg_factory):
    import threading

    with pg_factory() as session, session.begin():
        w = build_world(session)
        ids = []
        for i in range(2):
            p = wf.draft(session, w["proposer"], title=f"并发立案{i}", **{**TEXT, "year": 2031})
            wf.submit(session, w["proposer"], p, dt.date(2031, 1, 2))
            ids.append(p.id)
        committee_id = w["committee"].id
    barrier, numbers, errors = threading.Barrier(2), {}, []

    def review(pid: int) -> None:
        try:
            with pg_factory() as session, session.begin():
                from policyreach.store.models import Account

                proposal = session.get(Proposal, pid)
                committee = session.get(Account, committee_id)
                barrier.wait(timeout=10)
                numbers[pid] = wf.file_proposal(session, committee, proposal, dt.date(2031, 1, 5))
        except Exception as exc:  # collected: the assertion below shows it
            errors.append(exc)

    threads = [threading.Thread(target=review, args=(pid,)) for pid in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert errors == [] and sorted(numbers.values()) == ["2031-0001", "2031-0002"]
