"""Ranking a firm's benefits by match and by its own habits (用户操作习惯).

The base order is what the engine says (status, degree, amount). A firm's own actions then
move benefits: a favourite lifts one, a dismissal or "applied elsewhere" sinks it, and the
departments and kinds of benefit the firm keeps looking at or favouring lift their peers.

How much each of these counts is learned from the interaction log (issue 21, item 7): :func:`fit`
takes firms whose log is split in time, reads the habit features of each candidate from the
earlier part and learns, by logistic regression, which candidates the firm acted on in the later
part; :class:`LearnedWeights` are the fitted coefficients with their provenance. The hand-set
weights below are the fallback while too few firms have a log to learn from.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

STATUS_RANK = {"eligible": 3, "likely": 2, "partial": 1, "ineligible": 0}
ACTION_WEIGHT = {"view": 1.0, "favourite": 3.0, "applied_elsewhere": 0.0, "dismiss": -2.0}

# What the engine says. Matches the portal shows score from 1000 (partial) up; an eligible one has degree 100.
STATUS_BAND = 1000  # above DEGREE_WEIGHT × 100 + AMOUNT_CAP = 510: a better status always comes first
DEGREE_WEIGHT = 5  # two points of degree are worth the whole amount term: the amount only breaks near ties
AMOUNT_CAP = 10.0  # on log1p(万元), reached at about 22,000 万元: one large award does not outweigh the degree
# A closed round (已截止) sinks below every open eligible one: a firm acts on the top of its list. Just above the
# amount term (an eligible match's degree is always 100), far below what the bands and leanings keep apart; for
# likely and partial matches it weighs two points of degree
CLOSED_PENALTY = AMOUNT_CAP + 1

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
    closed: bool = False  # its application window closed on the day of the match (已截止)


@dataclass
class Habits:
    """What one firm did: actions per benefit, and its leaning towards departments and kinds."""

    favourites: set[str] = field(default_factory=set)
    dismissed: set[str] = field(default_factory=set)
    applied_elsewhere: set[str] = field(default_factory=set)
    # weighted sums of actions, not counts: a favourite weighs 3, a dismissal -2
    department: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    kind: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    views: defaultdict[str, int] = field(default_factory=lambda: defaultdict(int))  # per benefit

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
            elif action == "view":
                habits.views[benefit_id] += 1
            weight = ACTION_WEIGHT.get(action, 0.0)
            if benefit_id in catalogue and weight:
                department, kind = catalogue[benefit_id]
                habits.department[department] += weight
                habits.kind[kind] += weight
        return habits


def base_score(c: Candidate) -> float:
    amount = min(math.log1p(max(c.amount, 0.0)), AMOUNT_CAP)
    return STATUS_RANK[c.status] * STATUS_BAND + c.degree * DEGREE_WEIGHT + amount - CLOSED_PENALTY * c.closed


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


def rank(
    candidates: Sequence[Candidate], habits: Habits | None = None, weights: LearnedWeights | None = None
) -> list[Candidate]:
    """By match alone (no habits), by the learned weights when given, else by the hand-set ones. A closed round
    sinks below the open eligible ones in the hand-set score; the learned weights know no window, so under them it
    sinks below every open one."""
    if habits is None:
        return sorted(candidates, key=lambda c: -base_score(c))
    if weights is not None:
        scores = weights.scores(features(candidates, habits))
        order = sorted(
            range(len(candidates)),
            key=lambda i: (candidates[i].closed, -scores[i], -base_score(candidates[i])),
        )
        return [candidates[i] for i in order]
    return sorted(candidates, key=lambda c: -habit_score(c, habits))


# -- learned habit weights (issue 21, item 7) ------------------------------------------------------------------------

# What the engine says and what the firm did, per candidate: the hand-set score's terms, each free to weigh what the
# log shows, plus the firm's views of the benefit itself and where its amount stands among the firm's candidates.
FEATURES = (
    "eligible",
    "likely",
    "partial",
    "degree",
    "amount",
    "amount_share",
    "favourite",
    "set_aside",
    "department_lean",
    "kind_lean",
    "views",
)
LATER_GRADE = {"favourite": 2.0, "view": 1.0}  # what the later part of a log says a firm wanted
MIN_FIRMS = 50  # fewer firms with a log split in time than this: the hand-set weights stay


def features(candidates: Sequence[Candidate], habits: Habits) -> np.ndarray:
    """One row per candidate, one column per :data:`FEATURES` name."""
    amounts = np.array([max(c.amount, 0.0) for c in candidates])
    ranks = np.argsort(np.argsort(amounts, kind="stable"), kind="stable")
    share = ranks / max(len(candidates) - 1, 1)
    rows = []
    for i, c in enumerate(candidates):
        rows.append(
            (
                c.status == "eligible",
                c.status == "likely",
                c.status == "partial",
                c.degree / 100,
                min(math.log1p(amounts[i]), AMOUNT_CAP) / AMOUNT_CAP,
                share[i],
                c.benefit_id in habits.favourites,
                c.benefit_id in habits.dismissed or c.benefit_id in habits.applied_elsewhere,
                _lean(habits.department, c.department),
                _lean(habits.kind, c.kind),
                min(habits.views.get(c.benefit_id, 0), 5) / 5,
            )
        )
    return np.array(rows, dtype=np.float64).reshape(len(candidates), len(FEATURES))


@dataclass(frozen=True)
class LearnedWeights:
    """Fitted coefficients (one per :data:`FEATURES`) and where they come from."""

    coefficients: tuple[float, ...]
    fitted_at: str  # ISO time, UTC
    firms: int  # firms whose log was split into an earlier and a later part
    rows: int  # (firm, candidate) rows fitted
    source: str = "interaction log"
    features: tuple[str, ...] = FEATURES
    version: str = ""  # what the platform announces: every fit its own, even under a pinned clock

    def scores(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(x @ np.array(self.coefficients), dtype=np.float64)

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["coefficients"], out["features"] = list(self.coefficients), list(self.features)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LearnedWeights | None:
        """The stored weights, or None when they were fitted over other features (an older version)."""
        if tuple(data.get("features", ())) != FEATURES:
            return None
        return cls(
            tuple(float(c) for c in data["coefficients"]),
            str(data["fitted_at"]),
            int(data["firms"]),
            int(data["rows"]),
            str(data.get("source", "interaction log")),
            version=str(data.get("version", "")),
        )


Example = tuple[Sequence[Candidate], Habits, Iterable[tuple[str, str]]]  # candidates, earlier habits, later actions


def fit(
    examples: Iterable[Example], *, min_firms: int = MIN_FIRMS, now: dt.datetime | None = None, source: str = ""
) -> LearnedWeights | None:
    """Logistic regression of "the firm acted on it later" (a favourite counts twice a view) on the features read
    from the earlier part of its log; None when fewer than ``min_firms`` firms acted on anything later."""
    from sklearn.linear_model import LogisticRegression  # here: every page imports ranking, only the fit needs it

    xs, ys, ws, firms = [], [], [], 0
    for candidates, habits, later in examples:
        grade: dict[str, float] = {}
        for benefit_id, action in later:
            if action in LATER_GRADE:
                grade[benefit_id] = max(grade.get(benefit_id, 0.0), LATER_GRADE[action])
            elif action in ("dismiss", "applied_elsewhere"):
                grade[benefit_id] = 0.0
        if not candidates or not any(grade.get(c.benefit_id) for c in candidates):
            continue
        firms += 1
        xs.append(features(candidates, habits))
        labels = np.array([grade.get(c.benefit_id, 0.0) for c in candidates])
        ys.append(labels > 0)
        ws.append(np.where(labels > 0, labels, 1.0))
    if firms < min_firms:
        return None
    x, y, w = np.vstack(xs), np.concatenate(ys), np.concatenate(ws)
    model = LogisticRegression(C=1.0, max_iter=1000)
    model.fit(x, y, sample_weight=w)
    at = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).isoformat(timespec="seconds")
    return LearnedWeights(
        tuple(float(c) for c in model.coef_[0]),
        at,
        firms,
        int(x.shape[0]),
        source or "interaction log",
        version=f"habits-{at}-{uuid.uuid4().hex[:8]}",
    )


def split_log(
    actions: Sequence[tuple[str, str]], share: float = 2 / 3
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """A firm's log in time order cut into the part a ranking reads and the later part it learns from."""
    cut = max(1, min(len(actions) - 1, round(len(actions) * share)))
    return list(actions[:cut]), list(actions[cut:])
