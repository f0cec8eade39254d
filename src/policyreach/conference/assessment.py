"""Members' annual duty assessment (委员履职考核), computed by the rules engine.

The rules are a policy of the conference (library_conference/assessment.yaml) over the member schema
(schema_conference/member.yaml). Evaluation has two stages, both plain engine matches:

1. the score items (``cppcc-score-*``): each item's amount, in 分, is its points; the year's score is
   their sum (an item whose condition is not met scores 0);
2. the grades (``cppcc-grade-*``, in order of precedence) and the reminder (``cppcc-remind``) read
   ``assessment_score``, the stage-1 sum, recorded with the source ``conference_assessment``.

A change of the rules is a reform file (policyreach.simulation.reform) applied to the same policy
file; ``compare`` assesses every member under both and reports who moves.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from policyreach import settings
from policyreach.engine.entity import EntityRecord, entity_from_mapping
from policyreach.engine.match import Match, SingleMatcher
from policyreach.rules.library import CompiledLibrary, Library, compile_library, load_library
from policyreach.rules.policy import Policy
from policyreach.rules.schema import Schema, load_schema
from policyreach.simulation.reform import Reform, apply_reform

SCHEMA_DIR = settings.ROOT / "schema_conference"
POLICY_FILE = settings.ROOT / "library_conference" / "assessment.yaml"
SCORE_PREFIX = "cppcc-score-"
GRADE_PREFIX = "cppcc-grade-"
REMIND_ID = "cppcc-remind"
GRADE_ORDER = ("excellent", "qualified", "basic", "unqualified")
GRADE_ZH = {"excellent": "优秀", "qualified": "合格", "basic": "基本合格", "unqualified": "不合格"}
# yearly counts a duty record supplies; the platform fills the first group, members declare the rest
PLATFORM_COUNTS = (
    "proposals_submitted",
    "proposals_lead",
    "proposals_cosigned",
    "key_proposals",
    "reports_submitted",
    "reports_adopted",
    "reports_instructed",
    "reports_higher",
    "meetings_attended",
    "activities_attended",
    "unexcused_absences",
    "legislative_comments",
    "legislative_adopted",
)
DECLARED_COUNTS = ("speeches", "studio_activities", "public_services")
COUNTS = PLATFORM_COUNTS + DECLARED_COUNTS
POINT = Decimal("0.01")


@dataclass
class AssessmentRules:
    """The assessment policy loaded and compiled for one evaluation date."""

    schema: Schema
    library: Library
    as_of: dt.date
    items: CompiledLibrary = field(init=False)
    grades: CompiledLibrary = field(init=False)

    def __post_init__(self) -> None:
        ids = [b.id for b in self.library.benefits]
        self.items = compile_library(
            self.library, self.as_of, benefit_ids=[i for i in ids if i.startswith(SCORE_PREFIX)]
        )
        self.grades = compile_library(
            self.library, self.as_of, benefit_ids=[i for i in ids if i.startswith(GRADE_PREFIX) or i == REMIND_ID]
        )
        self._item_matcher = SingleMatcher(self.items)
        self._grade_matcher = SingleMatcher(self.grades)

    @property
    def policy(self) -> Policy:  # the one policy of the library
        return next(iter(self.library.policies.values()))

    def parameter(self, name: str) -> Any:
        return self.policy.parameters[name].value_at(self.as_of)


@lru_cache(maxsize=8)
def _default_rules(as_of: dt.date) -> AssessmentRules:
    schema = load_schema(SCHEMA_DIR)
    return AssessmentRules(schema, load_library(POLICY_FILE, schema), as_of)


def load_rules(
    as_of: dt.date | None = None, *, reform: Reform | None = None, policy_file: Path | None = None
) -> AssessmentRules:
    """The conference's assessment rules, optionally with a reform applied."""
    when = as_of or dt.date(settings.as_of().year, 12, 31)
    if reform is None and policy_file is None:
        return _default_rules(when)
    schema = load_schema(SCHEMA_DIR)
    file = policy_file or POLICY_FILE
    library = apply_reform([file], schema, reform) if reform is not None else load_library(file, schema)
    return AssessmentRules(schema, library, when)


@dataclass
class Item:
    match: Match
    points: Decimal

    @property
    def title(self) -> str:
        return self.match.title


@dataclass
class Assessment:
    member_id: str
    score: Decimal
    grade: str | None  # excellent | qualified | basic | unqualified; None when a value is missing
    items: list[Item]
    grade_matches: list[Match]
    reminder: bool
    provable: bool  # every count came from the platform or was confirmed by the office

    @property
    def grade_zh(self) -> str:
        return GRADE_ZH.get(self.grade or "", "待定")

    @property
    def grade_match(self) -> Match | None:
        return next((m for m in self.grade_matches if m.benefit_id == GRADE_PREFIX + (self.grade or "")), None)


def member_record(
    rules: AssessmentRules,
    member_id: str,
    counts: Mapping[str, Any],
    verified: Iterable[str] = (),
    profile: Mapping[str, Any] | None = None,
) -> EntityRecord:
    """A member as the engine sees one: the year's counts, verified where the platform or office vouches."""
    data = {k: v for k, v in (profile or {}).items() if v is not None}
    data.update({k: counts[k] for k in COUNTS if k in counts})
    return entity_from_mapping(rules.schema, data, entity_id=member_id, kind="member", verified=list(verified))


def assess(rules: AssessmentRules, member: EntityRecord) -> Assessment:
    """Score and grade one member; both come out of the engine."""
    matches = rules._item_matcher.match(member, keep_all=True, who="您")
    items = [Item(m, _points(m)) for m in matches]
    score = sum((i.points for i in items), Decimal(0)).quantize(POINT, rounding=ROUND_HALF_UP)
    unknown = any(m.status == "likely" for m in matches)
    staged = EntityRecord(member.entity_id, "member", dict(member.values), dict(member.sources), member.name)
    staged.values["assessment_score"] = None if unknown else score
    staged.sources["assessment_score"] = "conference_assessment"
    grade_matches = rules._grade_matcher.match(staged, keep_all=True, who="您")
    grade = None
    if not unknown:
        by_id = {m.benefit_id: m for m in grade_matches}
        grade = next((g for g in GRADE_ORDER if by_id[GRADE_PREFIX + g].status == "eligible"), None)
    reminder = any(m.benefit_id == REMIND_ID and m.status == "eligible" for m in grade_matches)
    provable = all(m.provable for m in matches)
    ordered = sorted(
        (m for m in grade_matches if m.benefit_id != REMIND_ID),
        key=lambda m: GRADE_ORDER.index(m.benefit_id.removeprefix(GRADE_PREFIX)),
    )
    return Assessment(member.entity_id, score, grade, items, ordered, reminder, provable)


def _points(match: Match) -> Decimal:
    if match.status != "eligible" or match.amount is None:
        return Decimal(0)
    return match.amount.quantize(POINT, rounding=ROUND_HALF_UP)


@dataclass
class ReformResult:
    before: dict[str, Assessment]
    after: dict[str, Assessment]

    def moves(self) -> Counter[tuple[str, str]]:
        """(grade before, grade after) → members."""
        return Counter((self.before[k].grade_zh, self.after[k].grade_zh) for k in self.before)

    def grade_counts(self) -> tuple[Counter[str], Counter[str]]:
        return (Counter(a.grade_zh for a in self.before.values()), Counter(a.grade_zh for a in self.after.values()))

    def changed(self) -> list[str]:
        return [k for k in self.before if self.before[k].grade != self.after[k].grade]

    def mean_score(self) -> tuple[Decimal, Decimal]:
        n = max(len(self.before), 1)  # both sides assess the same members

        def mean(side: dict[str, Assessment]) -> Decimal:
            return (sum((a.score for a in side.values()), Decimal(0)) / n).quantize(POINT, rounding=ROUND_HALF_UP)

        return mean(self.before), mean(self.after)


def compare(
    before: AssessmentRules, after: AssessmentRules, members: Iterable[tuple[str, Mapping[str, Any], Iterable[str]]]
) -> ReformResult:
    """Every member under the current rules and under the reform (member id, counts, verified names)."""
    result = ReformResult({}, {})
    for member_id, counts, verified in members:
        verified = list(verified)
        result.before[member_id] = assess(before, member_record(before, member_id, counts, verified))
        result.after[member_id] = assess(after, member_record(after, member_id, counts, verified))
    return result
