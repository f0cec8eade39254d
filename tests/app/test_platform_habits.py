"""Habit weights learned in the running platform: fitted from its own interaction log, stored and announced to every
process, used to rank a firm's benefits, with the hand-set weights while too few firms have a log."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import delete, select

from policyreach.app import habits as learned_habits
from policyreach.ranking import rank
from policyreach.store.models import Entity, Interaction, PlatformState


@pytest.fixture
def logged(platform, tmp_path, monkeypatch):
    """Six firms with a log each (views, then a favourite of what they viewed), taken away again afterwards."""
    monkeypatch.setenv("POLICYREACH_HABITS_MODEL", str(tmp_path / "habits.json"))
    added: list[int] = []
    with platform.sessions() as session, session.begin():
        firms = list(session.scalars(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id).limit(6)))
        for entity in firms:
            benefits = [c.benefit_id for c in platform._candidates(entity)][-3:]
            for benefit_id, action in [*((b, "view") for b in benefits), (benefits[0], "favourite")]:
                row = Interaction(entity_pk=entity.id, benefit_id=benefit_id, action=action)
                session.add(row)
                session.flush()
                added.append(row.id)
    try:
        yield firms
    finally:
        platform.habit_weights, platform._habits_tried = None, None
        with platform.sessions() as session, session.begin():
            session.execute(delete(Interaction).where(Interaction.id.in_(added)))
            session.execute(delete(PlatformState).where(PlatformState.key == learned_habits.HABITS_VERSION))


def test_too_few_firms_keep_the_hand_set_weights(platform, logged, monkeypatch) -> None:
    monkeypatch.setenv("POLICYREACH_HABITS_MIN_FIRMS", "50")
    with platform.sessions() as session, session.begin():
        assert platform.fit_habits(session) is None
        assert session.get(PlatformState, learned_habits.HABITS_VERSION) is None
    assert platform.habit_weights is None


def test_fitted_weights_are_stored_announced_and_rank_the_firms_benefits(platform, logged, monkeypatch) -> None:
    monkeypatch.setenv("POLICYREACH_HABITS_MIN_FIRMS", "3")
    with platform.sessions() as session, session.begin():
        weights = platform.fit_habits(session)
    assert weights is not None and weights.firms >= 3
    stored = json.loads(learned_habits.settings.habits_model_path().read_text(encoding="utf-8"))
    assert stored["version"] == weights.version and stored["source"] == "interaction log" and stored["fitted_at"]
    # another process: it reads the announced version on its next request and loads the same weights
    platform.habit_weights, platform._habits_tried = None, None
    with platform.sessions() as session:
        assert session.get(PlatformState, learned_habits.HABITS_VERSION).value == weights.version
        platform.refresh(session)
        assert platform.habit_weights == weights
        firm = logged[0]
        shown = [m.benefit_id for m in platform.matches(session, firm, chances={})]
        habits = platform.habits(session, firm)
    expected = [c.benefit_id for c in rank(platform._candidates(firm), habits, weights)]
    assert shown == expected
