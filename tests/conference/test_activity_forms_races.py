"""The activity forms' compare-and-set on PostgreSQL: a speech is decided once however many staff decide it at the
same moment, and two editors adding the same form at once leave one form and a refusal, never a server error."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from sqlalchemy import func, select

from policyreach.conference import activities, activity_forms
from policyreach.conference.records_models import ActivityForm, ActivitySpeech
from policyreach.conference.roles import IllegalTransition
from policyreach.store.models import Account
from tests.conference.conftest import build_world

NOW = dt.datetime(2026, 5, 4, 10, 0)


def test_a_speech_is_decided_once_when_two_staff_decide_it_together(pg_factory) -> None:
    with pg_factory() as session:
        world = build_world(session)
        act = activities.plan(session, world["committee"], title="界别座谈", form="界别座谈会", held_on=NOW.date())
        speech = activity_forms.submit_speech(session, world["proposer"], act, title="发言", text="全文", now=NOW)
        session.commit()
        ids = (speech.id, world["committee"].id, world["info"].id)
    first, second = pg_factory(), pg_factory()
    try:
        # both staff have the speech open as 待选用 before either decides
        one, two = first.get(ActivitySpeech, ids[0]), second.get(ActivitySpeech, ids[0])
        assert one.state == two.state == "submitted"
        activity_forms.decide_speech(first, first.get(Account, ids[1]), one, True, NOW)
        first.commit()
        with pytest.raises(IllegalTransition, match="已处理"):
            activity_forms.decide_speech(second, second.get(Account, ids[2]), two, False, NOW)
        second.rollback()
    finally:
        first.close()
        second.close()
    with pg_factory() as session:
        assert session.get(ActivitySpeech, ids[0]).state == "selected"


def test_two_editors_adding_one_form_at_once_leave_one_and_a_refusal(pg_factory) -> None:
    with pg_factory() as session:
        world = build_world(session)
        session.commit()
        editors = (world["committee"].id, world["info"].id)
    name = f"并发形式{world.n}"
    first, second = pg_factory(), pg_factory()
    outcome: list[object] = []

    def add_second() -> None:  # waits on the first's uncommitted row, then finds the name taken
        try:
            activity_forms.add(
                second, second.get(Account, editors[1]), name=name, category="凝聚共识", counts_as="activity"
            )
            second.commit()
            outcome.append("added")
        except ValueError as exc:
            second.rollback()
            outcome.append(str(exc))

    try:
        activity_forms.add(first, first.get(Account, editors[0]), name=name, category="凝聚共识", counts_as="activity")
        racer = threading.Thread(target=add_second)
        racer.start()
        time.sleep(0.5)  # the second has passed its check and is waiting on the unique index
        first.commit()
        racer.join(10)
    finally:
        first.close()
        second.close()
    assert outcome and "重复" in str(outcome[0])
    with pg_factory() as session:
        assert session.scalar(select(func.count()).select_from(ActivityForm).where(ActivityForm.name == name)) == 1
