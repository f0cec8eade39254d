"""Past years imported from XLSX, so that the statistics page and the year's report have a real previous year.

Three sheets, through the roster's machinery (a template with a guide sheet, every row checked, all taken or none,
a marked copy of a refused file, each error named by row and column): proposals with their 立案/答复/评价 outcome,
界别, source and 大会/平时 and their lead handling unit; 社情民意 reports with their adoption, 批示 and forwarding;
activities with their form, date and who attended, was excused or absent. Every row names its 年度, which must be
an earlier year than today's: the platform's own records of the current year are never overwritten.

People and units are found on the roster (import the roster of the earlier 届次 and the handling units first), so a
misspelled name is refused rather than counted under nobody. A row is identified by its key (a proposal by its 编号,
a report by 年度 + 标题 + 报送者, an activity by 年度 + 名称 + 日期): importing the same file again updates the
rows it made (``imported``) and adds nothing; a key that belongs to a record made on the platform is refused.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from policyreach.conference import activities, activity_forms
from policyreach.conference.models import Assignment, ConferenceMember, Evaluation, HandlingUnit, Proposal
from policyreach.conference.records_models import (
    Activity,
    BulletinIssue,
    OpinionReport,
    Participant,
    ReportInstruction,
)
from policyreach.conference.roster import Column, Outcome, RowError, Rows, _nonempty, _one_of
from policyreach.conference.statistics import CATEGORIES

DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?: 00:00:00)?$")
YEAR = re.compile(r"^\d{4}$")
YES_NO = {"是": True, "否": False}
ORIGINS = {"委员": "member", "委员个人": "member", "联名": "joint", "委员联名": "joint", "党派团体": "group"}
DURING = {"大会": "plenary", "大会期间": "plenary", "平时": "regular"}
FILING = {"立案": "filed", "不立案": "not_filed", "并案": "merged"}
RATINGS = {"满意": "satisfied", "基本满意": "basic", "不满意": "unsatisfied"}
AUTHORS = ("委员", "党派团体")
LEVELS = {"市级": "city", "省级": "province", "全国": "national"}
FORWARDED = {"省级": "province", "全国": "national"}
NAME_IN_SECTOR = re.compile(r"^(.+?)[（(](.+)[）)]$")  # 张三（经济界）: a name shared by two members


def _date(v: str) -> str | None:
    m = DATE.match(v)
    if m is None:
        return "应为日期，如 2023-03-05"
    try:
        dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return "不是有效的日期"
    return None


def parse_date(v: str) -> dt.date:
    m = DATE.match(v)
    assert m is not None  # checked by the column
    return dt.date(int(m[1]), int(m[2]), int(m[3]))


def _year(v: str) -> str | None:
    return None if YEAR.match(v) else "应为四位年份，如 2023"


def _issue(v: str) -> str | None:
    return None if v.isdigit() and 0 < int(v) < 10000 else "应为期号数字"


def _names(v: str) -> str | None:
    return "不能超过 2000 个字" if len(v) > 2000 else None


YEAR_COLUMN = Column("年度", True, "往年的年份，如 2023（须早于今年）", _year)
PROPOSAL_COLUMNS = (
    YEAR_COLUMN,
    Column("编号", True, "提案编号（立案号），同一编号再次导入即更新", _nonempty(32)),
    Column("标题", True, "提案标题", _nonempty(200)),
    Column("类别", False, "、".join(CATEGORIES) + "（空为其他）", _one_of(CATEGORIES)),
    Column("提出者", True, "委员姓名（须在名册中）或党派团体、界别、专门委员会的名称", _nonempty(100)),
    Column("界别", False, "提出者的界别（同名委员时必填）", _nonempty(64)),
    Column("来源", True, "委员、联名或党派团体", _one_of(("委员", "联名", "党派团体"), ORIGINS)),
    Column("提出时段", True, "大会或平时", _one_of(("大会", "平时"), DURING)),
    Column("立案情况", True, "立案、不立案或并案", _one_of(tuple(FILING))),
    Column("重点提案", False, "是或否（空为否）", _one_of(tuple(YES_NO))),
    Column("承办单位", False, "主办单位的名称或简称（须在承办单位名册中）；立案的提案必填", _nonempty(100)),
    Column("答复日期", False, "如 2023-06-30；空为未答复", _date),
    Column("答复类别", False, "A（已解决或采纳）、B（列入计划）或 C（留作参考）", _one_of(("A", "B", "C"))),
    Column("评价", False, "满意、基本满意或不满意", _one_of(tuple(RATINGS))),
    Column("答复期限", False, "办理的截止日期，如 2023-06-30；空视为按期答复", _date),
)
REPORT_COLUMNS = (
    YEAR_COLUMN,
    Column("标题", True, "信息标题", _nonempty(200)),
    Column("报送者", True, "委员姓名（须在名册中）或党派团体的名称", _nonempty(100)),
    Column("报送者类别", True, "委员或党派团体", _one_of(AUTHORS)),
    Column("界别", False, "委员的界别（同名委员时必填）", _nonempty(64)),
    Column("类别", False, "、".join(CATEGORIES) + "（空为其他）", _one_of(CATEGORIES)),
    Column("报送日期", True, "如 2023-04-12", _date),
    Column(
        "采用期号",
        False,
        "被《社情民意》采用编发的期号（数字）；空为未采用",
        lambda v: None if v.isdigit() else "应为期号数字",
    ),
    Column("批示领导", False, "如：市长 某某；空为无批示", _nonempty(100)),
    Column("批示层级", False, "市级、省级或全国（有批示时必填）", _one_of(tuple(LEVELS))),
    Column("批示日期", False, "如 2023-05-08（有批示时必填）", _date),
    Column("批示内容", False, "批示的要点", _nonempty(2000)),
    Column("上报", False, "省级或全国；空为未上报", _one_of(tuple(FORWARDED))),
    Column("上级采用", False, "是或否：被省级以上政协采用", _one_of(tuple(YES_NO))),
)
ACTIVITY_COLUMNS = (
    YEAR_COLUMN,
    Column("活动名称", True, "如：优化营商环境专题协商会", _nonempty(200)),
    # any form on the office's list (activity_forms), checked against the table when the rows are read
    Column("形式", True, "活动形式名录中的形式，如 " + "、".join(activities.FORMS[:4]) + "、为民服务", _nonempty(64)),
    Column("日期", True, "举行日期，如 2023-05-18", _date),
    Column("地点", False, "", _nonempty(200)),
    Column("牵头委员会", False, "如：经济委员会", _nonempty(64)),
    Column("出席委员", False, "委员姓名，以顿号分隔；同名委员写作“姓名（界别）”", _names),
    Column("请假委员", False, "经批准请假的委员，写法同上", _names),
    Column("缺席委员", False, "无故缺席的委员，写法同上", _names),
    Column("协商成果", False, "成果报告的要点；空为未报送成果", _nonempty(2000)),
    Column("成果采纳", False, "是或否：成果是否被党委政府采纳", _one_of(tuple(YES_NO))),
)
KINDS = {
    "proposals": ("往年提案", PROPOSAL_COLUMNS),
    "reports": ("往年社情民意", REPORT_COLUMNS),
    "activities": ("往年协商活动", ACTIVITY_COLUMNS),
}


class _Roster:
    """The roster's members by name and by (name, 界别), and the units by name and 简称, read once per import."""

    def __init__(self, session: Session) -> None:
        self.by_name: dict[str, list[ConferenceMember]] = defaultdict(list)
        for m in session.scalars(select(ConferenceMember)):
            self.by_name[m.name].append(m)
        self.units = {}
        for u in session.scalars(select(HandlingUnit)):
            self.units[u.name] = u
            self.units.setdefault(u.short_name, u)

    def member(self, name: str, sector: str) -> ConferenceMember | str:
        """The member, or the Chinese reason none is found."""
        found = [m for m in self.by_name.get(name, []) if not sector or m.sector_group == sector]
        if len(found) == 1:
            return found[0]
        if not found:
            where = f"（{sector}）" if sector else ""
            return f"委员“{name}{where}”不在名册中，请先导入该届次的委员名册"
        return f"名册中有 {len(found)} 位委员名为“{name}”，请写明界别"


def _in_year(row: int, column: str, value: str, year: int, years: int = 1) -> list[RowError]:
    day = parse_date(value)
    if not year <= day.year < year + years:
        span = f"{year} 年" if years == 1 else f"{year}–{year + years - 1} 年"
        return [RowError(row, column, f"“{value}”不在{span}内")]
    return []


def check_years(rows: Rows, today: dt.date) -> list[RowError]:
    return [
        RowError(n, "年度", f"“{r['年度']}”不是往年：只能导入 {today.year} 年以前的数据")
        for n, r in rows
        if r.get("年度", "").isdigit() and int(r["年度"]) >= today.year
    ]


def import_rows(session: Session, kind: str, rows: Rows, outcome: Outcome) -> list[RowError]:
    """Check the rows against the roster and the records; without errors, write them (the caller commits)."""
    who = _Roster(session)
    if kind == "proposals":
        return _proposals(session, rows, who, outcome)
    if kind == "reports":
        return _reports(session, rows, who, outcome)
    return _activities(session, rows, who, outcome)


def _proposals(session: Session, rows: Rows, who: _Roster, outcome: Outcome) -> list[RowError]:
    errors: list[RowError] = []
    numbers = [r["编号"] for _, r in rows]
    existing = {p.number: p for p in session.scalars(select(Proposal).where(Proposal.number.in_(numbers)))}
    plan: list[tuple[dict[str, str], ConferenceMember | None, HandlingUnit | None, Proposal | None]] = []
    seen: dict[str, int] = {}
    for n, r in rows:
        year = int(r["年度"])
        if r["编号"] in seen:
            errors.append(RowError(n, "编号", f"与第 {seen[r['编号']]} 行的编号相同"))
        seen.setdefault(r["编号"], n)
        old = existing.get(r["编号"])
        if old is not None and not old.imported:
            errors.append(RowError(n, "编号", f"“{r['编号']}”是平台中已有的提案，不能用导入覆盖"))
        elif old is not None and old.year != year:
            errors.append(RowError(n, "编号", f"“{r['编号']}”已用于 {old.year} 年导入的提案"))
        member: ConferenceMember | None = None
        if ORIGINS[r["来源"]] != "group":
            found = who.member(r["提出者"], r.get("界别", ""))
            if isinstance(found, str):
                errors.append(RowError(n, "提出者", found))
            else:
                member = found
        unit = None
        filed = FILING[r["立案情况"]] == "filed"
        if r.get("承办单位"):
            unit = who.units.get(r["承办单位"])
            if unit is None:
                errors.append(RowError(n, "承办单位", f"“{r['承办单位']}”不在承办单位名册中，请先导入承办单位"))
            elif not filed:
                errors.append(RowError(n, "承办单位", f"{r['立案情况']}的提案没有承办单位"))
        elif filed:
            errors.append(RowError(n, "承办单位", "立案的提案必填"))
        if r.get("答复日期"):
            errors += _in_year(n, "答复日期", r["答复日期"], year, 2)  # a year's proposals are answered by the next
            if not filed:
                errors.append(RowError(n, "答复日期", f"{r['立案情况']}的提案没有答复"))
        for later in ("答复类别", "评价"):
            if r.get(later) and not r.get("答复日期"):
                errors.append(RowError(n, later, "须先填写答复日期"))
        plan.append((r, member, unit, old))
    if errors:
        return errors
    for r, member, unit, old in plan:
        p = old or Proposal(number=r["编号"], imported=True)
        if old is None:
            session.add(p)
            outcome.added += 1
        else:
            outcome.updated += 1
            for a in list(p.assignments):
                session.delete(a)
            for e in session.scalars(select(Evaluation).where(Evaluation.proposal_pk == p.id)):
                session.delete(e)
            session.flush()
        year, answered = int(r["年度"]), r.get("答复日期")
        p.year, p.title, p.category = year, r["标题"], r.get("类别") or "其他"
        p.proposer_pk = member.id if member else None
        p.proposer_group = None if member else r["提出者"]
        p.origin, p.during = ORIGINS[r["来源"]], DURING[r["提出时段"]]
        state = FILING[r["立案情况"]]
        p.state = "closed" if state == "filed" and answered else state
        p.is_key = YES_NO.get(r.get("重点提案", ""), False)
        p.mode = "lead" if unit else None
        p.submitted_on = p.submitted_on or dt.date(year, 1, 1)
        p.deadline = parse_date(r["答复期限"]) if r.get("答复期限") else None
        session.flush()
        if unit is not None:
            session.add(
                Assignment(
                    proposal_pk=p.id,
                    unit_pk=unit.id,
                    role="lead",
                    state="answered" if answered else "assigned",
                    answer_class=r.get("答复类别") or None,
                    answered_on=parse_date(answered) if answered else None,
                )
            )
        if r.get("评价") and answered:
            session.add(Evaluation(proposal_pk=p.id, round=1, rating=RATINGS[r["评价"]], at=parse_date(answered)))
    session.flush()
    return []


def _reports(session: Session, rows: Rows, who: _Roster, outcome: Outcome) -> list[RowError]:
    errors: list[RowError] = []
    plan: list[tuple[int, dict[str, str], ConferenceMember | None, OpinionReport | None]] = []
    seen: dict[tuple[str, str, str], int] = {}
    for n, r in rows:
        year = int(r["年度"])
        key = (r["年度"], r["标题"], r["报送者"])
        if key in seen:
            errors.append(RowError(n, "标题", f"与第 {seen[key]} 行是同一篇信息（年度、标题和报送者相同）"))
        seen.setdefault(key, n)
        errors += _in_year(n, "报送日期", r["报送日期"], year)
        member: ConferenceMember | None = None
        if r["报送者类别"] == "委员":
            found = who.member(r["报送者"], r.get("界别", ""))
            if isinstance(found, str):
                errors.append(RowError(n, "报送者", found))
            else:
                member = found
        if r.get("批示领导"):
            for needed in ("批示层级", "批示日期"):
                if not r.get(needed):
                    errors.append(RowError(n, needed, "有批示时必填"))
            if r.get("批示日期"):
                errors += _in_year(n, "批示日期", r["批示日期"], year, 2)
        elif r.get("批示内容") or r.get("批示日期"):
            errors.append(RowError(n, "批示领导", "填写了批示，须写明批示领导"))
        same = session.scalars(
            select(OpinionReport).where(OpinionReport.year == year, OpinionReport.title == r["标题"])
        ).all()
        old = next((x for x in same if (x.author_pk == member.id if member else x.author_group == r["报送者"])), None)
        if old is not None and not old.imported:
            errors.append(RowError(n, "标题", "平台中已有这篇信息，不能用导入覆盖"))
        plan.append((year, r, member, old))
    if errors:
        return errors
    bulletins = {(b.year, b.number): b for b in session.scalars(select(BulletinIssue))}
    for year, r, member, old in plan:
        report = old or OpinionReport(year=year, title=r["标题"], imported=True)
        if old is None:
            session.add(report)
            outcome.added += 1
        else:
            outcome.updated += 1
            for i in list(report.instructions):
                session.delete(i)
            session.flush()
        sent = parse_date(r["报送日期"])
        report.author_pk = member.id if member else None
        report.author_group = None if member else r["报送者"]
        report.category = r.get("类别") or "其他"
        report.submitted_on, report.decided_on = sent, sent
        report.bulletin_pk = None
        if r.get("采用期号"):
            number = int(r["采用期号"])
            issue = bulletins.get((year, number))
            if issue is None:
                issue = BulletinIssue(year=year, number=number, title=f"{year}年第{number}期", published_on=sent)
                session.add(issue)
                session.flush()
                bulletins[(year, number)] = issue
            report.bulletin_pk = issue.id
        report.forwarded_to = FORWARDED.get(r.get("上报", ""))
        report.higher_adopted = YES_NO.get(r.get("上级采用", ""), False)
        report.state = "forwarded" if report.forwarded_to else "adopted" if report.bulletin_pk else "archived"
        session.flush()
        if r.get("批示领导"):
            session.add(
                ReportInstruction(
                    report_pk=report.id,
                    leader=r["批示领导"],
                    level=LEVELS[r["批示层级"]],
                    text=r.get("批示内容", ""),
                    on=parse_date(r["批示日期"]),
                )
            )
    session.flush()
    return []


PRESENT, EXCUSED, ABSENT = "出席委员", "请假委员", "缺席委员"


def _activities(session: Session, rows: Rows, who: _Roster, outcome: Outcome) -> list[RowError]:
    errors: list[RowError] = []
    plan: list[tuple[int, dict[str, str], dict[int, tuple[ConferenceMember, str]], Activity | None]] = []
    seen: dict[tuple[str, str, str], int] = {}
    forms = {f.name for f in activity_forms.listed(session)}  # a past year's form may be out of use today
    for n, r in rows:
        year = int(r["年度"])
        key = (r["年度"], r["活动名称"], r["日期"])
        if key in seen:
            errors.append(RowError(n, "活动名称", f"与第 {seen[key]} 行是同一活动（名称和日期相同）"))
        seen.setdefault(key, n)
        errors += _in_year(n, "日期", r["日期"], year)
        people: dict[int, tuple[ConferenceMember, str]] = {}
        for column in (PRESENT, EXCUSED, ABSENT):
            for name in filter(None, (x.strip() for x in re.split(r"[、，,；;\s]+", r.get(column, "")))):
                m = NAME_IN_SECTOR.match(name)
                found = who.member(m[1], m[2]) if m else who.member(name, "")
                if isinstance(found, str):
                    errors.append(RowError(n, column, found))
                elif found.id in people and people[found.id][1] != column:
                    errors.append(RowError(n, column, f"“{name}”同时列在“{people[found.id][1]}”中"))
                else:
                    people[found.id] = (found, column)
        if r["形式"] not in forms:
            errors.append(RowError(n, "形式", f"“{r['形式']}”不在活动形式名录中（可在“活动形式”页面添加）"))
        if r.get("成果采纳") and not r.get("协商成果"):
            errors.append(RowError(n, "成果采纳", "须先填写协商成果"))
        old = session.scalar(
            select(Activity).where(
                Activity.year == year, Activity.title == r["活动名称"], Activity.held_on == parse_date(r["日期"])
            )
        )
        if old is not None and not old.imported:
            errors.append(RowError(n, "活动名称", "平台中已有这次活动，不能用导入覆盖"))
        plan.append((year, r, people, old))
    if errors:
        return errors
    for year, r, people, old in plan:
        held = parse_date(r["日期"])
        act = old or Activity(year=year, title=r["活动名称"], held_on=held, imported=True)
        if old is None:
            session.add(act)
            outcome.added += 1
        else:
            outcome.updated += 1
            for x in list(act.participants):
                session.delete(x)
            session.flush()  # the rows go before the same members are added again (one row per member)
        act.form, act.place = r["形式"], r.get("地点", "")
        act.lead_committee = r.get("牵头委员会", "")
        act.outcome = r.get("协商成果") or None
        act.outcome_adopted = YES_NO[r["成果采纳"]] if r.get("成果采纳") else None
        act.state = "concluded" if act.outcome else "held"
        # a past year's attendance is final: it counts as closed on the day the activity was held
        act.attendance_closed_at = dt.datetime.combine(held, dt.time(0, 0))
        session.flush()
        for member, column in people.values():
            session.add(
                Participant(
                    activity_pk=act.id,
                    member_pk=member.id,
                    invited=True,
                    signed_in_at=act.attendance_closed_at if column == PRESENT else None,
                    signed_in_by="导入" if column == PRESENT else None,
                    absence={EXCUSED: "excused", ABSENT: "unexcused"}.get(column),
                    leave_state="approved" if column == EXCUSED else None,
                )
            )
    session.flush()
    return []
