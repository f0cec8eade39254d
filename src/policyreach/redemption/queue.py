"""The officer's review queue: which applications one officer sees, filtered and a page at a time.

The filter lives in the page's URL (a bookmark or a colleague's link opens the same view) and is carried through every
action, so deciding an application returns to the same filtered page. Everything is filtered in SQL: the demo city
holds hundreds of applications, a real one tens of thousands, and an officer sees one page of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar
from urllib.parse import urlencode

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from policyreach import settings
from policyreach.app.ports import PlatformServices
from policyreach.redemption.states import STATE_ZH, State
from policyreach.store.models import Account, Application, Entity

Q = TypeVar("Q", bound=Select[*tuple[Any, ...]])
BEIJING = dt.timezone(dt.timedelta(hours=8))
WAN = Decimal(10_000)
# what the filter form calls each field, for the errors that name it
FIELD_ZH = {
    "state": "状态",
    "benefit": "兑现事项",
    "district": "区县",
    "since": "申请日期（起）",
    "until": "申请日期（止）",
    "min_wan": "金额下限（万元）",
    "max_wan": "金额上限（万元）",
    "page": "页码",
}


@dataclass(frozen=True)
class QueueFilter:
    state: str = ""
    benefit: str = ""
    district: str = ""
    since: dt.date | None = None  # Beijing dates, both ends included
    until: dt.date | None = None
    min_wan: Decimal | None = None
    max_wan: Decimal | None = None
    page: int = 1

    def query_string(self, **changes: Any) -> str:
        """The filter as a URL query (empty fields left out), with ``changes`` applied (e.g. another page)."""
        shown = replace(self, **changes) if changes else self
        pairs = [
            ("state", shown.state),
            ("benefit", shown.benefit),
            ("district", shown.district),
            ("since", shown.since.isoformat() if shown.since else ""),
            ("until", shown.until.isoformat() if shown.until else ""),
            ("min_wan", _plain(shown.min_wan)),
            ("max_wan", _plain(shown.max_wan)),
            ("page", str(shown.page) if shown.page > 1 else ""),
        ]
        return urlencode([(k, v) for k, v in pairs if v])

    @property
    def active(self) -> bool:
        return self.query_string(page=1) != ""


@dataclass
class Parsed:
    filter: QueueFilter
    errors: dict[str, str] = field(default_factory=dict)  # field -> Chinese message; that field is ignored


def _plain(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _wan(text: str) -> Decimal:
    value = Decimal(text.replace(",", "").replace("，", ""))
    if not value.is_finite() or value < 0 or value > Decimal("1e9"):
        raise InvalidOperation
    return value


def parse(params: Mapping[str, str], benefits: set[str] | None = None) -> Parsed:
    """Read a filter from a query (or a form's ``back`` field): a bad field is named and left out, never a 500.

    ``benefits``: the benefit ids this officer may see; another one is refused like an unknown value.
    """
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    text = {k: (params.get(k) or "").strip() for k in FIELD_ZH}
    if text["state"]:
        if text["state"] in {s.value for s in State}:
            values["state"] = text["state"]
        else:
            errors["state"] = "没有这个状态"
    if text["benefit"]:
        if benefits is None or text["benefit"] in benefits:
            values["benefit"] = text["benefit"][:64]
        else:
            errors["benefit"] = "没有这个兑现事项，或它不属于您所在部门"
    if text["district"]:
        if text["district"].isdigit() and len(text["district"]) == 6:
            values["district"] = text["district"]
        else:
            errors["district"] = "请从列表中选择区县"
    for name, reader, message in (
        ("since", _date, "请按“2026-03-01”的格式填写日期"),
        ("until", _date, "请按“2026-03-01”的格式填写日期"),
        ("min_wan", _wan, "请填写不小于 0 的数字（单位：万元）"),
        ("max_wan", _wan, "请填写不小于 0 的数字（单位：万元）"),
    ):
        if text[name]:
            try:
                values[name] = reader(text[name])
            except (ValueError, InvalidOperation):
                errors[name] = message
    if text["page"]:
        if text["page"].isdigit() and 0 < int(text["page"]) < 100_000:
            values["page"] = int(text["page"])
        else:
            errors["page"] = "页码应为正整数"
    if values.get("since") and values.get("until") and values["since"] > values["until"]:
        errors["until"] = "结束日期早于开始日期"
        values.pop("until")
    low, high = values.get("min_wan"), values.get("max_wan")
    if low is not None and high is not None and low > high:
        errors["max_wan"] = "金额上限小于下限"
        values.pop("max_wan")
    return Parsed(QueueFilter(**values), {k: f"{FIELD_ZH[k]}：{v}" for k, v in errors.items()})


def visible_benefits(platform: PlatformServices, officer: Account, session: Session) -> set[str] | None:
    """The benefits whose applications the officer reviews: the department's, including those that left the library
    (their department read from a kept snapshot); None for an administrator (all)."""
    if officer.role == "admin":
        return None
    library = {b.id: b.spec.department for b in platform.compiled.benefits}
    own = {benefit for benefit, department in library.items() if department == officer.department}
    gone = session.scalars(
        select(Application.benefit_id).where(Application.benefit_id.notin_(library)).distinct()
    ).all()
    for benefit_id in gone:  # one snapshot per withdrawn benefit says whose it was
        snapshot = session.scalar(select(Application.snapshot).where(Application.benefit_id == benefit_id).limit(1))
        if ((snapshot or {}).get("benefit") or {}).get("department") == officer.department:
            own.add(benefit_id)
    return own


def _utc(day: dt.date) -> dt.datetime:
    """The start of a Beijing day as the naive UTC time the database keeps."""
    return dt.datetime.combine(day, dt.time(), BEIJING).astimezone(dt.UTC).replace(tzinfo=None)


def _filtered(query: Q, f: QueueFilter, benefits: set[str] | None) -> Q:
    if benefits is not None:
        query = query.where(Application.benefit_id.in_(sorted(benefits)))
    if f.state:
        query = query.where(Application.state == f.state)
    if f.benefit:
        query = query.where(Application.benefit_id == f.benefit)
    if f.district:
        query = query.where(Entity.district == f.district)
    if f.since:
        query = query.where(Application.created_at >= _utc(f.since))
    if f.until:
        query = query.where(Application.created_at < _utc(f.until + dt.timedelta(days=1)))
    if f.min_wan is not None:
        query = query.where(Application.amount >= f.min_wan * WAN)
    if f.max_wan is not None:
        query = query.where(Application.amount <= f.max_wan * WAN)
    return query


@dataclass(frozen=True)
class Row:
    application: Application
    entity_name: str
    district: str | None


@dataclass(frozen=True)
class QueuePage:
    rows: list[Row]
    total: int
    page: int
    pages: int
    counts: dict[str, int]  # state -> applications the officer sees in it (the whole queue, not the filter)


def page_of(session: Session, f: QueueFilter, benefits: set[str] | None) -> QueuePage:
    base = select(Application, Entity.name, Entity.district).join(Entity, Entity.id == Application.entity_pk)
    counted = _filtered(
        select(func.count(Application.id)).join(Entity, Entity.id == Application.entity_pk), f, benefits
    )
    total = session.scalar(counted) or 0
    size = settings.queue_page_size()
    pages = max(1, -(-total // size))
    page = min(f.page, pages)
    # the oldest waiting first: an application waits no longer because it arrived on a busy day
    query = _filtered(base, f, benefits).order_by(Application.created_at, Application.id)
    shown = session.execute(query.limit(size).offset((page - 1) * size))
    rows = [Row(a, name, district) for a, name, district in shown]
    by_state = select(Application.state, func.count(Application.id)).group_by(Application.state)
    if benefits is not None:
        by_state = by_state.where(Application.benefit_id.in_(sorted(benefits)))
    counts = {state: n for state, n in session.execute(by_state)}
    return QueuePage(rows, total, page, pages, counts)


STATE_CHOICES = [(s.value, STATE_ZH[s]) for s in State]


@dataclass(frozen=True)
class Todo:
    """What waits for an officer when the console opens: each count links to the queue filtered to it."""

    waiting: int  # 待审核
    overdue: int  # waiting longer than the review period
    overdue_since: dt.date  # submitted before this Beijing day is overdue
    material: int  # 待补充材料 (the firm's turn; shown so the officer knows)
    objected: int  # 公示异议处理中
    payable: int  # 公示期满, ready for a disbursement batch


def todo(session: Session, benefits: set[str] | None, today: dt.date) -> Todo:
    def count(*where: Any) -> int:
        query = select(func.count(Application.id)).where(*where)
        if benefits is not None:
            query = query.where(Application.benefit_id.in_(sorted(benefits)))
        return session.scalar(query) or 0

    since = today - dt.timedelta(days=settings.review_days())
    return Todo(
        waiting=count(Application.state == State.SUBMITTED),
        overdue=count(Application.state == State.SUBMITTED, Application.created_at < _utc(since)),
        overdue_since=since,
        material=count(Application.state == State.MORE_MATERIAL),
        objected=count(Application.state == State.OBJECTED),
        payable=count(Application.state == State.NOTICE, Application.notice_until < today),
    )
