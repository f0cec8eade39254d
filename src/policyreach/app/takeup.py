"""Whether the policies work: take-up (兑现率 = entities paid ÷ entities eligible), how long money takes, and whom it
reaches, per benefit, per department and by district, industry, size and kind of entity.

Eligible counts come from the simulation of today's population (the same numbers as the console's library page);
applications and payments from the database: the fund ledger's ``pay`` rows are the money that moved.
"""

from __future__ import annotations

import datetime as dt
import io
import statistics
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

import polars as pl
from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policyreach.app.ports import PlatformServices
from policyreach.rules.library import CompiledBenefit
from policyreach.simulation.dimensions import DIMENSIONS
from policyreach.simulation.simulate import ELIGIBLE, Simulation, label
from policyreach.store.models import Application, Entity, LedgerEntry

PAID_STATES = ("paid", "part_paid")
REACH_DIMENSIONS = {"district": "区县", "section": "行业门类", "size_class": "企业规模", "kind": "主体类型"}
KIND_ZH = {"enterprise": "企业", "institute": "院所", "talent": "人才"}


@dataclass(frozen=True)
class BenefitTakeUp:
    benefit_id: str
    title: str
    department: str
    payout: str
    eligible: int  # entities eligible today
    applied: int  # entities that applied (any state)
    paid: int  # entities paid
    paid_amount: Decimal  # 元, net of clawbacks
    days_to_money: float | None  # median days from application to the first payment
    days_from_publication: float | None  # median days from the policy's start of validity to the first payment

    @property
    def rate(self) -> float | None:
        """兑现率: paid ÷ eligible (None when nobody is eligible today)."""
        return self.paid / self.eligible if self.eligible else None


@dataclass(frozen=True)
class Reach:
    dimension: str
    label: str
    eligible: int  # entities eligible for at least one benefit
    paid: int  # entities paid for at least one benefit

    @property
    def rate(self) -> float | None:
        return self.paid / self.eligible if self.eligible else None


@dataclass(frozen=True)
class TakeUp:
    as_of: dt.date
    benefits: list[BenefitTakeUp]
    reach: dict[str, list[Reach]]

    def by_department(self) -> list[tuple[str, int, int, float | None]]:
        """(department, eligible pairs, paid pairs, rate), the lowest take-up first."""
        sums: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for b in self.benefits:
            sums[b.department][0] += b.eligible
            sums[b.department][1] += b.paid
        rows = [(d, e, p, p / e if e else None) for d, (e, p) in sums.items()]
        return sorted(rows, key=lambda r: (r[3] is None, r[3] if r[3] is not None else 0.0))


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def _days(later: dt.datetime | dt.date, earlier: dt.datetime | dt.date) -> float:
    a = later.date() if isinstance(later, dt.datetime) else later
    b = earlier.date() if isinstance(earlier, dt.datetime) else earlier
    return float((a - b).days)


def take_up(session: Session, platform: PlatformServices, sim: Simulation, benefits: list[CompiledBenefit]) -> TakeUp:
    """Take-up of ``benefits`` (the ones the officer may see) over the population ``sim`` matched."""
    wanted = {b.id for b in benefits}
    counts = {r["benefit_id"]: r for r in sim.benefits.iter_rows(named=True)}
    applied: dict[str, int] = {
        benefit_id: n
        for benefit_id, n in session.execute(
            select(Application.benefit_id, func.count(func.distinct(Application.entity_pk)))
            .where(Application.benefit_id.in_(wanted))
            .group_by(Application.benefit_id)
        )
    }
    paid_rows = session.execute(
        select(Application.benefit_id, Application.entity_pk, Application.created_at, LedgerEntry.kind)
        .add_columns(LedgerEntry.amount, LedgerEntry.at)
        .join(LedgerEntry, LedgerEntry.application_id == Application.id)
        .where(Application.benefit_id.in_(wanted), LedgerEntry.kind.in_(("pay", "clawback")))
        .order_by(LedgerEntry.at)
    ).all()
    paid_entities: dict[str, set[int]] = defaultdict(set)
    amounts: dict[str, Decimal] = defaultdict(Decimal)
    first_pay: dict[tuple[str, int], tuple[dt.datetime, dt.datetime]] = {}
    for benefit_id, entity_pk, applied_at, kind, amount, at in paid_rows:
        if kind == "pay":
            paid_entities[benefit_id].add(entity_pk)
            amounts[benefit_id] += amount
            first_pay.setdefault((benefit_id, entity_pk), (at, applied_at))
        else:
            amounts[benefit_id] -= amount
    waits: dict[str, list[float]] = defaultdict(list)
    since_start: dict[str, list[float]] = defaultdict(list)
    starts = {b.id: b.checked.policy.valid_from for b in benefits}
    for (benefit_id, _), (paid_at, applied_at) in first_pay.items():
        waits[benefit_id].append(_days(paid_at, applied_at))
        since_start[benefit_id].append(_days(paid_at, starts[benefit_id]))
    rows = []
    for b in benefits:
        c = counts.get(b.id, {})
        rows.append(
            BenefitTakeUp(
                b.id,
                b.spec.title,
                b.spec.department,
                b.spec.payout,
                int(c.get("eligible") or 0),
                applied.get(b.id, 0),
                len(paid_entities[b.id]),
                amounts[b.id],
                _median(waits[b.id]),
                _median(since_start[b.id]),
            )
        )
    rows.sort(key=lambda r: (r.rate is None, r.rate if r.rate is not None else 0.0, -r.eligible))
    paid_ids = set(
        session.scalars(
            select(Entity.entity_id)
            .join(Application, Application.entity_pk == Entity.id)
            .where(Application.benefit_id.in_(wanted), Application.state.in_(PAID_STATES))
        )
    )
    return TakeUp(platform.as_of, rows, _reach(sim, wanted, paid_ids))


def takeup_of(session: Session, platform: PlatformServices, benefit_ids: list[str]) -> TakeUp:
    """The port other modules use for take-up as evidence (the conference's proposals cite it): the figures of the
    named benefits over today's simulation, the same numbers as /console/takeup. Unknown ids are left out; the policy
    side offers this and never learns who asks."""
    wanted = set(benefit_ids)
    benefits = [b for b in platform.compiled.benefits if b.id in wanted]
    return take_up(session, platform, platform.simulation(session), benefits)


def _reach(sim: Simulation, wanted: set[str], paid_ids: set[str]) -> dict[str, list[Reach]]:
    """Entities eligible for at least one of the benefits, and those paid, by each dimension."""
    indices = [b.index for b in sim.compiled.benefits if b.id in wanted]
    eligible = (
        sim.pairs.filter((pl.col("status") == ELIGIBLE) & pl.col("benefit_idx").is_in(indices))
        .select("entity_idx")
        .unique()
        .with_columns(pl.lit(True).alias("eligible"))
    )
    names = [d for d in REACH_DIMENSIONS if d == "kind" or d in DIMENSIONS]
    frame = (
        sim.dims.frame(names)
        .with_row_index("entity_idx")
        .with_columns(sim.entity_ids.is_in(sorted(paid_ids)).alias("paid"))
        .join(eligible, on="entity_idx", how="left")
        .with_columns(pl.col("eligible").fill_null(False))
        .filter(pl.col("eligible") | pl.col("paid"))
    )
    reach: dict[str, list[Reach]] = {}
    for dimension in names:
        grouped = frame.group_by(dimension).agg(
            pl.col("eligible").sum().alias("eligible"), pl.col("paid").sum().alias("paid")
        )
        found = [
            Reach(
                dimension,
                KIND_ZH.get(str(value), str(value)) if dimension == "kind" else label(dimension, value),
                int(e),
                int(p),
            )
            for value, e, p in grouped.iter_rows()
        ]
        reach[dimension] = sorted(found, key=lambda r: -r.eligible)
    return reach


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def takeup_xlsx(found: TakeUp) -> bytes:
    """The take-up tables as a workbook: exact amounts in 元 and rates as numbers."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "按兑现事项"
    sheet.append([f"政策兑现情况（截至 {found.as_of.isoformat()}）"])
    sheet["A1"].font = Font(bold=True)
    sheet.append(
        [
            "兑现事项",
            "主管部门",
            "今日符合条件主体",
            "已申请主体",
            "已兑现主体",
            "兑现率",
            "已兑现金额（元）",
            "申请到拨付（中位天数）",
            "政策施行到拨付（中位天数）",
        ]
    )
    for b in found.benefits:
        sheet.append(
            [
                b.title,
                b.department,
                b.eligible,
                b.applied,
                b.paid,
                b.rate,
                b.paid_amount,
                b.days_to_money,
                b.days_from_publication,
            ]
        )
        sheet.cell(sheet.max_row, 6).number_format = "0.0%"
        sheet.cell(sheet.max_row, 7).number_format = "#,##0.00"
    departments = book.create_sheet("按部门")
    departments.append(["主管部门", "符合条件（主体×事项）", "已兑现（主体×事项）", "兑现率"])
    for department, eligible, paid, rate in found.by_department():
        departments.append([department, eligible, paid, rate])
        departments.cell(departments.max_row, 4).number_format = "0.0%"
    for dimension, rows in found.reach.items():
        sheet = book.create_sheet(f"按{REACH_DIMENSIONS[dimension]}")
        sheet.append([REACH_DIMENSIONS[dimension], "符合条件主体", "已兑现主体", "兑现率"])
        for r in rows:
            sheet.append([r.label, r.eligible, r.paid, r.rate])
            sheet.cell(sheet.max_row, 4).number_format = "0.0%"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
