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

# What the engine says. Matches the portal shows score from 1000 (partial) up; an eligible one has degree 100.
STATUS_BAND = 1000  # above DEGREE_WEIGHT × 100 + AMOUNT_CAP = 510: a better status always comes first
DEGREE_WEIGHT = 5  # two points of degree are worth the whole amount term: the amount only breaks near ties
AMOUNT_CAP = 10.0  # on log1p(万元), reached at about 22,000 万元: one large award does not outweigh the degree

# What the firm did. Leanings are shares (0 to 1) of the firm's positive action weight.
# Enough to put a favourite partial match (degree >= 50) above every eligible one the firm has not marked, at
# equal leanings: 1000 + 2500 + 5 × 50 > 3000 + 500 + 10.
FAVOURITE_LIFT = 2500
# A dismissed or applied-elsewhere benefit, even eligible and wholly leaned to (3510 + 1800 - 5000 = 310), falls
# below every unmarked one the portal shows (from 1000); only a favourite mark can keep it higher.
SET_ASIDE_PENALTY = 5000
# Together a whole leaning lifts exactly one band, as the firm's preference should: every likely match
# leaned to passes the eligible ones not leaned to (2000 + 5 × 50 + 1800 > 3510), a partial one never does
# (1000 + 510 + 1800 < 3500). The department counts double the kind: alone it may lift a likely match of high
# degree (63 or more) over an eligible one, while the kind alone (600) never crosses a band.
DEPARTMENT_LEAN = 1200
KIND_LEAN = 600


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
    amount = min(math.log1p(max(c.amount, 0.0)), AMOUNT_CAP)
    return STATUS_RANK[c.status] * STATUS_BAND + c.degree * DEGREE_WEIGHT + amount


def _lean(counter: Mapping[str, float], key: str) -> float:
    total = sum(v for v in counter.values() if v > 0)
    return max(counter.get(key, 0.0), 0.0) / total if total else 0.0


def habit_score(c: Candidate, habits: Habits) -> float:
    score = base_score(c)
    if c.benefit_id in habits.favourites:
        score += FAVOURITE_LIFT
    if c.benefit_id in habits.dismissed or c.benefit_id in habits.applied_elsewhere:
        score -= SET_ASIDE_PENALTY
    return score + DEPARTMENT_LEAN * _lean(habits.department, c.department) + KIND_LEAN * _lean(habits.kind, c.kind)


def rank(candidates: Sequence[Candidate], habits: Habits | None = None) -> list[Candidate]:
    if habits is None:
        return sorted(candidates, key=lambda c: -base_score(c))
    return sorted(candidates, key=lambda c: -habit_score(c, habits))
