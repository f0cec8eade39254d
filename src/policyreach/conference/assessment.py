"""Members' annual duty assessment (委员履职考核), computed by the rules engine.

The rules are a policy of the conference (library_conference/assessment.yaml) over the member schema
(schema_conference/member.yaml). Evaluation has two stages, both plain engine matches:

1. the score items (``cppcc-score-*``): each item's amount, in 分, is its points; the year's score is
   their sum (an item whose condition is not met scores 0);
2. the grades (``cppcc-grade-*``, in order of precedence) and the reminder (``cppcc-remind``) read
   ``assessment_score``, the stage-1 sum, recorded with the source ``conference_assessment``.

Activity forms the office adds and scores on their own (``FormRule``) become a second policy of the same library,
written in the same rules language at load time: a parameter for the points (and the cap) and a score item per form
over the member's count of attendances at it. The evaluation reads them like any other item.

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

import yaml

from policyreach import settings
from policyreach.engine.entity import EntityRecord, entity_from_mapping
from policyreach.engine.match import Match, SingleMatcher
from policyreach.rules.library import CompiledLibrary, Library, add_policy_file, compile_library, load_library
from policyreach.rules.policy import Policy
from policyreach.rules.schema import Attribute, Schema, extend, load_schema
from policyreach.rules.types import Type
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


FORMS_POLICY_ID = "cppcc-assessment-forms"


@dataclass(frozen=True)
class FormRule:
    """An activity form the office scores on its own: ``points`` per attendance, at most ``cap`` a year."""

    key: str  # the member attribute counting the year's attendances at this form, e.g. form_12_attended
    name: str
    points: Decimal
    cap: Decimal | None = None


def _forms_policy(base: Path, forms: tuple[FormRule, ...]) -> str:
    """The office's own-scored forms as a policy in the rules language, beside the assessment's."""
    doc = yaml.load(base.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    since = doc["valid_from"]
    office = doc["benefits"][0]["department"]
    clauses, parameters, benefits = {}, {}, []
    for n, form in enumerate(forms, start=1):
        pts, cap = f"pts_{form.key}", f"cap_{form.key}"
        cap_text = f"，本项最高计{_number(form.cap)}分" if form.cap is not None else ""
        clauses[str(n)] = f"参加“{form.name}”活动，每次计{_number(form.points)}分{cap_text}。"
        parameters[pts] = {"label": f"参加{form.name}每次分值", "unit": "分", "values": {since: _number(form.points)}}
        formula = f"{form.key} * params.{pts}"
        if form.cap is not None:
            parameters[cap] = {"label": f"{form.name}项最高分", "unit": "分", "values": {since: _number(form.cap)}}
            formula = f"min({formula}, params.{cap})"
        benefits.append(
            {
                "id": f"{SCORE_PREFIX}{form.key.replace('_', '-')}",
                "title": form.name,
                "kind": "other",
                "payout": "none",
                "subjects": ["member"],
                "department": office,
                "conditions": [{"expr": f"{form.key} >= 1", "clause": str(n), "label": f"参加了{form.name}"}],
                "amount": {"formula": formula, "unit": "分", "clause": str(n)},
                "application": {"department": office, "channel": "政协履职平台（委员履职档案）"},
            }
        )
    policy = {
        "id": FORMS_POLICY_ID,
        "title": "办公厅增设活动形式的计分",
        "issuer": doc["issuer"],
        "level": doc["level"],
        "region": doc["region"],
        "valid_from": since,
        "source": "政协办公厅在活动形式目录中设定的分值（履职平台生成）",
        "sample": bool(doc.get("sample")),
        "clauses": clauses,
        "parameters": parameters,
        "benefits": benefits,
    }
    return yaml.safe_dump(policy, allow_unicode=True, sort_keys=False)


def _number(value: Decimal) -> int | float:
    # YAML has no Decimal; points carry two places at most, which a float's repr keeps exactly
    return int(value) if value == value.to_integral_value() else float(value)


def _with_forms(schema: Schema, library: Library, base: Path, forms: tuple[FormRule, ...]) -> Library:
    if not forms:
        return library
    extra = {
        f.key: Attribute(
            name=f.key, label=f"参加{f.name}", type=Type.INT, unit="次", source="conference_platform", min=Decimal(0)
        )
        for f in forms
    }
    library.schema = extend(schema, extra)
    add_policy_file(library, base.with_name(f"{FORMS_POLICY_ID}.yaml"), _forms_policy(base, forms))
    return library


@lru_cache(maxsize=8)
def _default_rules(as_of: dt.date, forms: tuple[FormRule, ...] = ()) -> AssessmentRules:
    schema = load_schema(SCHEMA_DIR)
    library = _with_forms(schema, load_library(POLICY_FILE, schema), POLICY_FILE, forms)
    return AssessmentRules(library.schema, library, as_of)


def load_rules(
    as_of: dt.date | None = None,
    *,
    reform: Reform | None = None,
    policy_file: Path | None = None,
    forms: tuple[FormRule, ...] = (),
) -> AssessmentRules:
    """The conference's assessment rules with the office's own-scored activity forms, optionally with a reform
    applied."""
    when = as_of or dt.date(settings.as_of().year, 12, 31)
    if reform is None and policy_file is None:
        return _default_rules(when, tuple(forms))
    schema = load_schema(SCHEMA_DIR)
    file = policy_file or POLICY_FILE
    library = apply_reform([file], schema, reform) if reform is not None else load_library(file, schema)
    library = _with_forms(schema, library, file, tuple(forms))
    return AssessmentRules(library.schema, library, when)


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
    # the fixed counts and the counts of the office's own-scored forms (attributes of the rules' schema)
    data.update({k: v for k, v in counts.items() if k in COUNTS or k in rules.schema.attributes})
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
