"""Ranking a firm's benefits by match and by its own habits (用户操作习惯).

The base order is what the engine says (status, degree, amount). A firm's own actions then
move benefits: a favourite lifts one, a dismissal or "applied elsewhere" sinks it, and the
departments and kinds of benefit the firm keeps looking at or favouring lift their peers.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

STATUS_RANK = {"eligible": 3, "likely": 2, "partial": 1, "ineligible": 0}
ACTION_WEIGHT = {"view": 1.0, "favourite": 3.0, "applied_elsewhere": 0.0, "dismiss": -2.0}


@dataclass(frozen=True)
class Candidate:
    benefit_id: str
    status: str
    degree: int
    amount: float  # 万元, 0 when unknown
    department: str
    kind: str


@dataclass
class Habits:
    """What one firm did: actions per benefit, and its leaning towards departments and kinds."""

    favourites: set[str] = field(default_factory=set)
    dismissed: set[str] = field(default_factory=set)
    applied_elsewhere: set[str] = field(default_factory=set)
    # weighted sums of actions, not counts: a favourite weighs 3, a dismissal -2
    department: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    kind: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))

    @classmethod
    def from_actions(cls, actions: Iterable[tuple[str, str]], catalogue: Mapping[str, tuple[str, str]]) -> Habits:
        """``actions``: (benefit_id, action) in time order; ``catalogue``: benefit_id → (department, kind)."""
        habits = cls()
        for benefit_id, action in actions:
            if action == "favourite":
                habits.favourites.add(benefit_id)
            elif action == "unfavourite":
                habits.favourites.discard(benefit_id)
            elif action == "dismiss":
                habits.dismissed.add(benefit_id)
            elif action == "applied_elsewhere":
                habits.applied_elsewhere.add(benefit_id)
            weight = ACTION_WEIGHT.get(action, 0.0)
            if benefit_id in catalogue and weight:
                department, kind = catalogue[benefit_id]
                habits.department[department] += weight
                habits.kind[kind] += weight
        return habits


def base_score(c: Candidate) -> float:
    return STATUS_RANK[c.status] * 1000 + c.degree * 5 + min(math.log1p(max(c.amount, 0.0)), 10)


def _lean(counter: Mapping[str, float], key: str) -> float:
    total = sum(v for v in counter.values() if v > 0)
    return max(counter.get(key, 0.0), 0.0) / total if total else 0.0


def habit_score(c: Candidate, habits: Habits) -> float:
    score = base_score(c)
    if c.benefit_id in habits.favourites:
        score += 2500
    if c.benefit_id in habits.dismissed or c.benefit_id in habits.applied_elsewhere:
        score -= 5000
    # a strong, consistent leaning may lift a benefit one status band (a likely one above an eligible one)
    score += 1200 * _lean(habits.department, c.department) + 600 * _lean(habits.kind, c.kind)
    return score


def rank(candidates: Sequence[Candidate], habits: Habits | None = None) -> list[Candidate]:
    if habits is None:
        return sorted(candidates, key=lambda c: -base_score(c))
    return sorted(candidates, key=lambda c: -habit_score(c, habits))
