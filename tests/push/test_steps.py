"""Each step of a firm's application reaches its inbox once, in Chinese, with the officer's reason and the amount."""

from __future__ import annotations

import re
from decimal import Decimal

from sqlalchemy import select, update

from policyreach.push import steps
from policyreach.push.clock import ManualClock
from policyreach.push.models import Notification
from policyreach.redemption.states import State
from policyreach.redemption.workflow import move
from policyreach.store.models import Application, PlatformState
from tests.push.conftest import START

ENGLISH = re.compile(r"[A-Za-z_]{3,}")


def _application(session, period: str = "2026") -> Application:
    application = Application(
        entity_pk=1,
        benefit_id="rd-subsidy",
        period=period,
        state=State.SUBMITTED,
        redemption="review",
        amount=Decimal("123456.78"),
        snapshot={"benefit": {"title": "研发费用后补助"}},
    )
    session.add(application)
    session.flush()
    return application


def _inbox(session) -> list[Notification]:
    return list(session.scalars(select(Notification).where(Notification.recipient == "e:1").order_by(Notification.id)))


def test_each_step_is_announced_once_in_order_with_its_reason(db) -> None:
    clock = ManualClock(START)
    with db() as session, session.begin():
        old = _application(session)
        move(session, old, State.REJECTED, "officer", "历史记录")
        assert steps.announce(session, clock) == 0  # a new database starts at the chain's end: no flood of history
        application = _application(session, "2026b")
        move(session, application, State.MORE_MATERIAL, "officer", "请补充 2025 年度研发费用专项审计报告")
    with db() as session, session.begin():
        assert steps.announce(session, clock) == 1
        assert steps.announce(session, clock) == 0  # the same round again writes nothing
        application = session.get(Application, application.id)
        move(session, application, State.SUBMITTED, "firm1", None)  # the firm's own step: not told back to it
        application = session.get(Application, application.id)
        move(session, application, State.APPROVED, "officer", None)
        application = session.get(Application, application.id)
        move(session, application, State.NOTICE, "officer", "公示至 2026-06-08")
    with db() as session, session.begin():
        assert steps.announce(session, clock) == 2
        inbox = _inbox(session)
    assert [n.subject for n in inbox] == [
        "请补充材料：研发费用后补助",
        "申请已核准：研发费用后补助",
        "进入公示：研发费用后补助",
    ]
    assert "请补充 2025 年度研发费用专项审计报告" in inbox[0].body
    assert "12.35 万元" in inbox[1].body and "公示" in inbox[1].body
    assert "公示至 2026-06-08" in inbox[2].body
    assert all(n.link == f"/me/applications#a{application.id}" for n in inbox)
    assert not any(ENGLISH.search(n.subject + n.body) for n in inbox)


def test_a_second_worker_reading_the_same_range_writes_nothing_twice(db) -> None:
    clock = ManualClock(START)
    with db() as session, session.begin():
        steps.announce(session, clock)
        mark = session.scalar(select(PlatformState.value).where(PlatformState.key == steps.WATERMARK))
        application = _application(session)
        move(session, application, State.REJECTED, "officer", "不符合第三条")
    with db() as session, session.begin():
        assert steps.announce(session, clock) == 1
        # a slower worker that read the mark before this round moved it: it announces the same entries again
        session.execute(update(PlatformState).where(PlatformState.key == steps.WATERMARK).values(value=mark))
        assert steps.announce(session, clock) == 0
        assert [n.subject for n in _inbox(session)] == ["申请未通过：研发费用后补助"]
        assert "理由：不符合第三条" in _inbox(session)[0].body
