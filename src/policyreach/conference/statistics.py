"""The year at a glance, counted the way the conference's work report counts it, and its XLSX export.

Shares are exact decimals with 6 places, rounded half up (docs/ARCHITECTURE.md, "Numbers"); the pages show them as
percentages with one decimal.
"""

from __future__ import annotations

import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from policyreach.conference import terms
from policyreach.conference.models import Assignment, ConferenceMember, Evaluation, Proposal
from policyreach.conference.records_models import (
    Activity,
    ActivityForm,
    LegislativeComment,
    LegislativeDraft,
    OpinionReport,
    SupervisionItem,
)

SHARE = Decimal("0.000001")
FILED = ("filed", "assigned", "answered", "closed")
NOT_RECEIVED = ("draft", "cosigning")
RATING_ZH = {"satisfied": "满意", "basic": "基本满意", "unsatisfied": "不满意"}
CATEGORIES = ("经济建设", "政治建设", "文化建设", "社会建设", "生态文明建设", "其他")
ORIGIN_ZH = {"member": "委员个人", "joint": "委员联名", "group": "党派团体、界别和专门委员会"}
DURING_ZH = {"plenary": "大会期间", "regular": "平时"}


def share(part: int, whole: int) -> Decimal | None:
    """part / whole as an exact decimal with 6 places, or None when there is nothing to divide."""
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(SHARE, rounding=ROUND_HALF_UP)


def percent(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"{(value * 100).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


@dataclass
class UnitRow:
    name: str
    assigned: int = 0
    answered: int = 0
    on_time: int = 0
    rated: int = 0
    satisfied: int = 0  # 满意 or 基本满意

    @property
    def on_time_rate(self) -> Decimal | None:
        return share(self.on_time, self.answered)

    @property
    def satisfaction(self) -> Decimal | None:
        return share(self.satisfied, self.rated)


@dataclass
class FormRow:
    """One activity form's year: activities held, who took part (members signed in, non-members registered),
    beneficiaries and speeches."""

    name: str
    category: str = ""
    activities: int = 0
    members: int = 0  # distinct members signed in at its held activities
    experts: int = 0  # distinct non-members (name and 单位) registered at them
    beneficiaries: int = 0  # 直接受益群众 人次
    speeches_submitted: int = 0
    speeches_selected: int = 0

    @property
    def people(self) -> int:
        return self.members + self.experts


@dataclass
class YearStats:
    year: int
    proposals: dict[str, int] = field(default_factory=dict)
    answer_classes: Counter[str] = field(default_factory=Counter)
    ratings: Counter[str] = field(default_factory=Counter)
    reports: dict[str, int] = field(default_factory=dict)
    by_sector: dict[str, dict[str, int]] = field(default_factory=dict)
    by_unit: list[UnitRow] = field(default_factory=list)
    by_category: dict[str, int] = field(default_factory=dict)
    activities: Counter[str] = field(default_factory=Counter)
    activity_outcomes: dict[str, int] = field(default_factory=dict)
    # filed proposals by who filed them (ORIGIN_ZH) and when (DURING_ZH), the way the work report splits them
    by_origin: dict[str, int] = field(default_factory=dict)
    by_during: dict[str, int] = field(default_factory=dict)
    # members: how many, how many filed or co-signed a proposal or wrote a report, attendance of closed activities
    participation: dict[str, int] = field(default_factory=dict)
    legislation: dict[str, int] = field(default_factory=dict)
    supervision: dict[str, int] = field(default_factory=dict)
    # activities by form, and over all forms: people taking part, beneficiaries, speeches (migration c007)
    by_form: dict[str, FormRow] = field(default_factory=dict)
    by_form_category: dict[str, FormRow] = field(default_factory=dict)  # the same, a person once per category
    taking_part: dict[str, int] = field(default_factory=dict)
    sample: bool = False

    def category_total(self, category: str, key: str) -> int:
        row = self.by_form_category.get(category)
        return int(getattr(row, key)) if row is not None else 0

    @property
    def on_time_rate(self) -> Decimal | None:
        return share(self.proposals.get("answered_on_time", 0), self.proposals.get("answers", 0))

    @property
    def attendance_rate(self) -> Decimal | None:
        """Signed in ÷ invited, over the year's held activities (an excused absence counts as not attended)."""
        return share(self.participation.get("attended", 0), self.participation.get("invited", 0))

    def class_share(self, cls: str) -> Decimal | None:
        return share(self.answer_classes.get(cls, 0), sum(self.answer_classes.values()))

    def rating_share(self, rating: str) -> Decimal | None:
        return share(self.ratings.get(rating, 0), sum(self.ratings.values()))


def year_stats(session: Session, year: int) -> YearStats:
    stats = YearStats(year)
    proposals = list(
        session.scalars(
            select(Proposal)
            .where(Proposal.year == year)
            .options(
                selectinload(Proposal.assignments).selectinload(Assignment.unit),
                selectinload(Proposal.proposer),
                selectinload(Proposal.cosigners),
            )
        )
    )
    evaluations: dict[int, Evaluation] = {}
    for ev in session.scalars(
        select(Evaluation)
        .join(Proposal, Proposal.id == Evaluation.proposal_pk)
        .where(Proposal.year == year)
        .order_by(Evaluation.round, Evaluation.id)
    ):
        evaluations[ev.proposal_pk] = ev  # the latest round's rating is the proposal's
    received = [p for p in proposals if p.state not in NOT_RECEIVED]
    filed = [p for p in received if p.state in FILED]
    answers = [a for p in filed for a in p.assignments if a.role in ("lead", "separate") and a.answered_on]
    on_time = [
        a
        for a in answers
        # ``answers`` holds answered ones only; the test is repeated here because a list keeps no narrowing
        if a.proposal.deadline is None or (a.answered_on is not None and a.answered_on <= a.proposal.deadline)
    ]
    stats.proposals = {
        "received": len(received),
        "filed": len(filed),
        "not_filed": sum(1 for p in received if p.state == "not_filed"),
        "merged": sum(1 for p in received if p.state == "merged"),
        "key": sum(1 for p in filed if p.is_key),
        "answers": len(answers),
        "answered_on_time": len(on_time),
        "closed": sum(1 for p in filed if p.state == "closed"),
        # 已解决或采纳: a filed proposal one of whose lead or separate answers is class A
        "adopted": sum(1 for p in filed if any(a in answers and a.answer_class == "A" for a in p.assignments)),
    }
    stats.by_origin = {z: sum(1 for p in filed if p.origin == key) for key, z in ORIGIN_ZH.items()}
    stats.by_during = {z: sum(1 for p in filed if p.during == key) for key, z in DURING_ZH.items()}
    stats.answer_classes = Counter(a.answer_class for a in answers if a.answer_class)
    stats.ratings = Counter(evaluations[p.id].rating for p in filed if p.id in evaluations)
    stats.by_category = {c: sum(1 for p in filed if p.category == c) for c in CATEGORIES}
    stats.sample = any(p.sample for p in proposals)

    units: dict[str, UnitRow] = {}
    for p in filed:
        for a in p.assignments:
            if a.state == "withdrawn":
                continue
            row = units.setdefault(a.unit.name, UnitRow(a.unit.name))
            row.assigned += 1
            if a.role in ("lead", "separate") and a.answered_on:
                row.answered += 1
                row.on_time += a in on_time
                if p.id in evaluations:
                    row.rated += 1
                    row.satisfied += evaluations[p.id].rating in ("satisfied", "basic")
    stats.by_unit = sorted(units.values(), key=lambda r: (-r.assigned, r.name))

    reports = list(
        session.scalars(
            select(OpinionReport)
            .where(OpinionReport.year == year, OpinionReport.state != "draft")
            .options(selectinload(OpinionReport.instructions), selectinload(OpinionReport.author))
        )
    )
    stats.reports = {
        "received": len(reports),
        "adopted": sum(1 for r in reports if r.bulletin_pk is not None),
        "instructed": sum(1 for r in reports if r.instructions),
        "forwarded": sum(1 for r in reports if r.forwarded_to),
        "higher_adopted": sum(1 for r in reports if r.higher_adopted),
        "archived": sum(1 for r in reports if r.state == "archived"),
    }
    stats.sample = stats.sample or any(r.sample for r in reports)

    sectors: dict[str, dict[str, int]] = defaultdict(
        lambda: {"members": 0, "proposals": 0, "reports": 0, "reports_adopted": 0}
    )
    sitting = terms.members_of_year(session, year)
    for member in session.scalars(select(ConferenceMember).where(ConferenceMember.id.in_(sitting))):
        sectors[member.sector_group]["members"] += 1
    for p in filed:
        if p.proposer is not None:
            sectors[p.proposer.sector_group]["proposals"] += 1
    for r in reports:
        if r.author is not None:
            sectors[r.author.sector_group]["reports"] += 1
            sectors[r.author.sector_group]["reports_adopted"] += r.bulletin_pk is not None
    stats.by_sector = dict(sorted(sectors.items(), key=lambda kv: (-kv[1]["proposals"], kv[0])))

    acts = list(
        session.scalars(
            select(Activity)
            .where(Activity.year == year)
            .options(
                selectinload(Activity.participants), selectinload(Activity.guests), selectinload(Activity.speeches)
            )
        )
    )
    stats.participation = _participation(sitting, proposals, reports, acts)
    stats.by_form, stats.by_form_category, stats.taking_part = _by_form(session, acts)
    stats.activities = Counter(a.form for a in acts if a.state != "cancelled")
    stats.activity_outcomes = {
        "concluded": sum(1 for a in acts if a.state == "concluded"),
        "adopted": sum(1 for a in acts if a.outcome_adopted),
    }
    comments = list(
        session.scalars(select(LegislativeComment).join(LegislativeDraft).where(LegislativeDraft.year == year))
    )
    stats.legislation = {
        "drafts": len(set(c.draft_pk for c in comments)),
        "comments": len(comments),
        **{s: sum(1 for c in comments if c.state == s) for s in ("adopted", "partly", "not_adopted", "pending")},
    }
    items = list(session.scalars(select(SupervisionItem).where(SupervisionItem.year == year)))
    stats.supervision = {"findings": len(items), "closed": sum(1 for i in items if i.state == "closed")}
    return stats


def _by_form(session: Session, acts: list[Activity]) -> tuple[dict[str, FormRow], dict[str, FormRow], dict[str, int]]:
    """Per form, per category of forms and in all. A member or an expert is counted once in each however many
    activities they joined (the work report's "140多名委员和专家"); beneficiaries and speeches add up."""
    forms = {f.name: f for f in session.scalars(select(ActivityForm).order_by(ActivityForm.position, ActivityForm.id))}
    rows: dict[str, FormRow] = {}
    groups: dict[str, FormRow] = {}
    members: dict[str, set[int]] = defaultdict(set)
    experts: dict[str, set[tuple[str, str]]] = defaultdict(set)
    everyone: tuple[set[int], set[tuple[str, str]]] = (set(), set())
    for a in acts:
        if a.state == "cancelled":
            continue
        known = forms.get(a.form)
        category = known.category if known else ""
        targets = (rows.setdefault(a.form, FormRow(a.form, category)), groups.setdefault(category, FormRow(category)))
        signed = {p.member_pk for p in a.participants if p.signed_in_at is not None}
        guests = {(g.name, g.unit) for g in a.guests}
        held = a.state in ("held", "concluded")
        if held:
            everyone[0].update(signed)
            everyone[1].update(guests)
        for key, row in zip(("form", "category"), targets, strict=True):
            row.activities += 1
            row.speeches_submitted += len(a.speeches)
            row.speeches_selected += sum(1 for x in a.speeches if x.state == "selected")
            if held:  # only what took place counts: a planned activity has nobody yet
                members[f"{key}:{row.name}"] |= signed
                experts[f"{key}:{row.name}"] |= guests
                row.beneficiaries += a.beneficiaries or 0
    for key, table in (("form", rows), ("category", groups)):
        for name, row in table.items():
            row.members, row.experts = len(members[f"{key}:{name}"]), len(experts[f"{key}:{name}"])
    order = {name: i for i, name in enumerate(forms)}
    ordered = dict(sorted(rows.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))
    totals = {
        "members": len(everyone[0]),
        "experts": len(everyone[1]),
        "people": len(everyone[0]) + len(everyone[1]),
        "beneficiaries": sum(r.beneficiaries for r in rows.values()),
        "speeches_submitted": sum(r.speeches_submitted for r in rows.values()),
        "speeches_selected": sum(r.speeches_selected for r in rows.values()),
    }
    return ordered, groups, totals


def _participation(
    members: set[int], proposals: list[Proposal], reports: list[OpinionReport], acts: list[Activity]
) -> dict[str, int]:
    """Among the members who sat in the year (``terms.members_of_year``)."""
    active = {p.proposer_pk for p in proposals if p.state not in NOT_RECEIVED}
    active |= {
        c.member_pk for p in proposals if p.state not in NOT_RECEIVED for c in p.cosigners if c.state == "confirmed"
    }
    active |= {r.author_pk for r in reports}
    held = [a for a in acts if a.state in ("held", "concluded")]
    invited = [x for a in held for x in a.participants if x.invited]
    return {
        "members": len(members),
        "active": len(active & members),
        "silent": len(members - active),  # filed, co-signed and wrote nothing this year
        "invited": len(invited),
        "attended": sum(1 for x in invited if x.signed_in_at is not None),
        "excused": sum(1 for x in invited if x.absence == "excused"),
    }


def to_xlsx(stats: YearStats) -> bytes:
    """One workbook: the overview, then one sheet per breakdown (shares as exact decimals)."""
    book = Workbook()
    sheet = book.worksheets[0]  # the sheet a new workbook comes with
    sheet.title = "总览"
    bold = Font(bold=True)
    title = f"政协长春市委员会 {stats.year} 年度履职统计" + ("（示例数据）" if stats.sample else "")
    sheet.append([title])
    sheet["A1"].font = bold
    p, r = stats.proposals, stats.reports
    rows = [
        ("收到提案", p.get("received", 0)),
        ("立案", p.get("filed", 0)),
        *((f"立案·{z}", n) for z, n in stats.by_origin.items()),
        *((f"立案·{z}", n) for z, n in stats.by_during.items()),
        ("已解决或采纳（A类）", p.get("adopted", 0)),
        ("不立案", p.get("not_filed", 0)),
        ("并案", p.get("merged", 0)),
        ("重点提案", p.get("key", 0)),
        ("答复件数", p.get("answers", 0)),
        ("按期答复", p.get("answered_on_time", 0)),
        ("按期答复率", stats.on_time_rate),
        *((f"{c}类答复占比", stats.class_share(c)) for c in "ABC"),
        *((f"{z}占比", stats.rating_share(k)) for k, z in RATING_ZH.items()),
        ("收到社情民意信息", r.get("received", 0)),
        ("采用编发", r.get("adopted", 0)),
        ("获领导批示", r.get("instructed", 0)),
        ("上报省级以上", r.get("forwarded", 0)),
        ("被省级以上采用", r.get("higher_adopted", 0)),
        ("立法协商意见", stats.legislation.get("comments", 0)),
        ("立法协商意见被采纳", stats.legislation.get("adopted", 0)),
        ("协商式监督发现问题", stats.supervision.get("findings", 0)),
        ("已整改办结", stats.supervision.get("closed", 0)),
        ("委员人数", stats.participation.get("members", 0)),
        ("提交提案或社情民意的委员", stats.participation.get("active", 0)),
        ("未提交提案和社情民意的委员", stats.participation.get("silent", 0)),
        ("活动应出席人次", stats.participation.get("invited", 0)),
        ("活动实到人次", stats.participation.get("attended", 0)),
        ("请假人次", stats.participation.get("excused", 0)),
        ("出席率", stats.attendance_rate),
        ("参加活动的委员（人）", stats.taking_part.get("members", 0)),
        ("参加活动的专家等非委员（人）", stats.taking_part.get("experts", 0)),
        ("直接受益群众（人次）", stats.taking_part.get("beneficiaries", 0)),
        ("为民服务类活动参加委员和专家（人）", stats.category_total("为民服务", "people")),
        ("为民服务直接受益群众（人次）", stats.category_total("为民服务", "beneficiaries")),
        ("提交发言（篇）", stats.taking_part.get("speeches_submitted", 0)),
        ("发言被选用（篇）", stats.taking_part.get("speeches_selected", 0)),
    ]
    sheet.append(["指标", "数值"])
    for label, value in rows:
        sheet.append([label, value])
    sheet.column_dimensions["A"].width = 24

    units = book.create_sheet("承办单位")
    units.append(["承办单位", "交办件数", "答复件数", "按期答复", "按期答复率", "评价件数", "满意及基本满意", "满意率"])
    for u in stats.by_unit:
        units.append([u.name, u.assigned, u.answered, u.on_time, u.on_time_rate, u.rated, u.satisfied, u.satisfaction])
    units.column_dimensions["A"].width = 30
    sectors = book.create_sheet("界别")
    sectors.append(["界别", "委员人数", "立案提案", "社情民意信息", "被采用信息"])
    for name, row in stats.by_sector.items():
        sectors.append([name, row["members"], row["proposals"], row["reports"], row["reports_adopted"]])
    categories = book.create_sheet("提案类别")
    categories.append(["类别", "立案提案"])
    for name, count in stats.by_category.items():
        categories.append([name, count])
    acts = book.create_sheet("协商活动")
    acts.append(["活动形式", "次数"])
    for form, count in sorted(stats.activities.items()):
        acts.append([form, count])
    forms = book.create_sheet("活动形式")
    forms.append(
        [
            "活动形式",
            "类别",
            "活动次数",
            "参加委员（人）",
            "专家等非委员（人）",
            "直接受益群众（人次）",
            "提交发言",
            "选用发言",
        ]
    )
    for line in stats.by_form.values():
        forms.append(
            [
                line.name,
                line.category,
                line.activities,
                line.members,
                line.experts,
                line.beneficiaries,
                line.speeches_submitted,
                line.speeches_selected,
            ]
        )
    forms.column_dimensions["A"].width = 18
    for ws in book.worksheets:
        for cell in ws[2 if ws is sheet else 1]:
            cell.font = bold
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
