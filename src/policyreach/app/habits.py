"""Habit weights learned from the platform's own interaction log (issue 21, item 7), fitted in the nightly job
beside the likelihood, stored beside the database and announced to every process through ``platform_state``.

Why nightly from the platform's own log rather than fitted once offline: the weights say how this city's firms
act on what they see, which only its own log shows and which changes as the library and the portal change; a
generated log (``BENCH=habits``) can test the method, not stand in for the firms. Until enough firms have a log with
an earlier and a later part (``POLICYREACH_HABITS_MIN_FIRMS``), the hand-set weights of ``policyreach.ranking`` stay.

Each firm's log, in time order, is cut in two (``ranking.split_log``): the earlier part gives its habits, the later
part what it went on to act on. Its candidates are its matches today (the statuses it saw then are not kept).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from policyreach import settings
from policyreach.clock import Clock, current_clock
from policyreach.ranking import Candidate, Example, Habits, LearnedWeights, fit, split_log
from policyreach.store.models import Entity, Interaction, PlatformState

HABITS_VERSION = "habits_version"
Candidates = Callable[[Entity], list[Candidate]]


def examples(session: Session, candidates: Candidates, catalogue: dict[str, tuple[str, str]]) -> Iterator[Example]:
    """One (candidates, earlier habits, later actions) per firm with at least two actions in its log."""
    logs: dict[int, list[tuple[str, str]]] = {}
    for entity_pk, benefit_id, action in session.execute(
        select(Interaction.entity_pk, Interaction.benefit_id, Interaction.action).order_by(Interaction.id)
    ):
        logs.setdefault(entity_pk, []).append((benefit_id, action))
    for entity_pk, actions in logs.items():
        entity = session.get(Entity, entity_pk)
        if entity is None or len(actions) < 2:
            continue
        earlier, later = split_log(actions)
        yield candidates(entity), Habits.from_actions(earlier, catalogue), later


def fit_and_store(
    session: Session, candidates: Candidates, catalogue: dict[str, tuple[str, str]], clock: Clock | None = None
) -> LearnedWeights | None:
    """Fit, write the file (replaced atomically) and announce the version; None (nothing written) when too few firms
    have a log to learn from."""
    weights = fit(
        examples(session, candidates, catalogue),
        min_firms=settings.habits_min_firms(),
        now=(clock or current_clock()).now(),
    )
    if weights is None:
        return None
    path = settings.habits_model_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    partial.write_text(json.dumps(weights.as_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(partial, path)
    session.merge(PlatformState(key=HABITS_VERSION, value=weights.version))
    session.flush()
    return weights


def load(path: Path, version: str) -> LearnedWeights | None:
    """The stored weights if they are the announced ``version`` (else None: fitted elsewhere, or not yet)."""
    try:
        weights = LearnedWeights.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return weights if weights is not None and weights.version == version else None
