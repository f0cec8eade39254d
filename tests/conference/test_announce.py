"""Every conference step told through the one notifier: read from the audit chain once per round, behind a
watermark, each message written once whatever the workers do (a replayed round, a second worker)."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select, update

from policyreach import plugins
from policyreach.conference import activities, reports
from policyreach.conference import announce as an
from policyreach.conference import proposals as wf
from policyreach.conference.records_models import Participant
from policyreach.push.clock import CITY_TZ, ManualClock
from policyreach.push.models import Notification
from policyreach.store.models import PlatformState
from tests.conference.conftest import build_world

TEXT = dict(
    category="经济建设", case_text="夜市冬季停业。", analysis="缺少保温设施。", suggestions="建设暖棚。", year=2024
)
CLOCK = ManualClock(dt.datetime(2024, 6, 1, 9, 0, tzinfo=CITY_TZ))
INTERNAL = re.compile(r"[a-z_]{3,}|None|True|False")  # English words, field names or Python values in a message


def _inbox(session, account) -> list[Notification]:
    return list(
        session.scalars(select(Notification).where(Notification.account_pk == account.id).order_by(Notification.id))
    )


def test_every_proposal_report_and_activity_step_is_told_once(sqlite_factory):
    with sqlite_factory() as session, session.begin():
        an.announce(session, CLOCK)  # catch up with what earlier tests wrote (or start the watermark)
        start = int(session.scalar(select(PlatformState.value).where(PlatformState.key == an.WATERMARK)) or 0)
        w = build_world(session)
        p = wf.draft(
            session, w["proposer"], title="关于夜市全季候经营的建议", cosigner_pks=[w.members["cosigner"].id], **TEXT
        )
        wf.submit(session, w["proposer"], p, dt.date(2024, 1, 2))
        wf.cosign(session, w["cosigner"], p, True, dt.date(2024, 1, 3))
        wf.file_proposal(session, w["committee"], p, dt.date(2024, 1, 4))
        lead, co = wf.assign(
            session, w["committee"], p, dt.date(2024, 1, 5), lead=w.units["commerce"].id, co=[w.units["transport"].id]
        )
    with sqlite_factory() as session, session.begin():
        assert an.announce(session, CLOCK) >= 6
        lead, co = session.merge(lead), session.merge(co)
        p = session.merge(p)
        wf.chase(session, dt.date(2024, 5, 6))  # 答复期限 2024-04-05 passed: 催办 (the unit directly, the member here)
        wf.send_opinion(session, w["transport"], co, "建议同步开通夜间公交。")
        wf.record_contact(session, w["commerce"], lead, dt.date(2024, 5, 7), "电话沟通")
        wf.answer(session, w["commerce"], lead, "已建设暖棚，夜市全年开放。", "A", dt.date(2024, 5, 8))
        wf.evaluate(session, w["proposer"], p, "satisfied", "", dt.date(2024, 5, 9))

        report = reports.create(
            session,
            w["proposer"],
            title="关于老旧小区加装电梯的信息",
            situation="情况",
            analysis="分析",
            suggestion="建议",
        )
        reports.submit(session, w["proposer"], report)
        reports.accept(session, w["info"], report)
        reports.forward(session, w["info"], report, "province")
        reports.record_instruction(
            session, w["info"], report, leader="省政协主席", level="province", text="请研究", on=dt.date(2024, 5, 10)
        )

        act = activities.plan(
            session, w["leader"], title="夜经济专题协商会", form=activities.FORMS[0], held_on=dt.date(2024, 6, 20)
        )
        activities.notify(session, w["leader"], act, "请参加专题协商。", [w.members["proposer"]])
        activities.change(
            session, w["leader"], act, held_on=dt.date(2024, 6, 21), place="政协三楼会议室", reason="与常委会会期冲突"
        )
        activities.cancel(session, w["leader"], act, "议题并入季度协商")
    with sqlite_factory() as session, session.begin():
        an.announce(session, CLOCK)
        proposer = [(n.kind, n.subject) for n in _inbox(session, w["proposer"])]
        cosigner = [n.kind for n in _inbox(session, w["cosigner"])]
        committee = [n.kind for n in _inbox(session, w["committee"])]
        lead_unit = [(n.kind, n.subject, n.body) for n in _inbox(session, w["commerce"])]
        co_unit = [n.kind for n in _inbox(session, w["transport"])]
        info = [n.kind for n in _inbox(session, w["info"])]
        everything = [
            n
            for who in ("proposer", "cosigner", "committee", "commerce", "transport", "info")
            for n in _inbox(session, w[who])
        ]

    kinds = [k for k, _ in proposer]
    for step in (
        "proposal.filed",
        "proposal.assigned",
        "assignment.chase",
        "assignment.answered",
        "proposal.answered",  # evaluation requested
        "report.editing",
        "report.forwarded",
        "report.instruction",
        "activity.noticed",
        "activity.changed",
        "activity.cancelled",
    ):
        assert kinds.count(step) == 1, (step, proposer)
    assert "请评价办理结果：《关于夜市全季候经营的建议》" in dict((s, k) for k, s in proposer)
    assert cosigner.count("proposal.cosigning") == 1 and "proposal.filed" in cosigner
    assert committee.count("proposal.submitted") == 1
    assigned = next(m for m in lead_unit if m[0] == "proposal.assigned")
    assert "（主办）" in assigned[1] and "答复期限 2024年4月5日" in assigned[2]
    assert {"conference.chase", "assignment.opinion_sent", "proposal.closed"} <= {m[0] for m in lead_unit}
    assert "proposal.assigned" in co_unit and "proposal.closed" not in co_unit  # a co unit's opinion is not rated
    assert info.count("report.submitted") == 1
    for message in everything:
        text = message.subject + message.body
        for unit in w.units.values():  # the test world's unit names carry a key of the test
            text = text.replace(unit.name, "单位")
        assert not INTERNAL.search(text), (message.subject, message.body)

    # a replayed round (a second worker that read the same range, the watermark set back) writes nothing new
    with sqlite_factory() as session, session.begin():
        total = len(_inbox(session, w["proposer"]))
        mark = int(session.scalar(select(PlatformState.value).where(PlatformState.key == an.WATERMARK)) or 0)
        # back to where this test began: entries before it were never announced (a first round starts at the end)
        session.execute(update(PlatformState).where(PlatformState.key == an.WATERMARK).values(value=str(start)))
    with sqlite_factory() as session, session.begin():
        assert an.announce(session, CLOCK) == 0
        assert len(_inbox(session, w["proposer"])) == total
        assert session.scalar(select(PlatformState.value).where(PlatformState.key == an.WATERMARK)) == str(mark)


def test_the_conference_round_is_registered_with_the_scheduler():
    assert [name for name, _ in plugins.rounds()] == ["conference"]


def test_an_activity_change_needs_a_reason_and_a_real_change(sqlite_factory):
    import pytest

    with sqlite_factory() as session, session.begin():
        w = build_world(session)
        act = activities.plan(
            session, w["leader"], title="调研活动", form=activities.FORMS[0], held_on=dt.date(2024, 7, 1)
        )
        with pytest.raises(ValueError, match="原因"):
            activities.change(session, w["leader"], act, held_on=dt.date(2024, 7, 2), place="", reason=" ")
        with pytest.raises(ValueError, match="相同"):
            activities.change(session, w["leader"], act, held_on=dt.date(2024, 7, 1), place="", reason="改期")
        assert session.scalars(select(Participant).where(Participant.activity_pk == act.id)).all() == []
