"""Money a firm can account for: when each approved claim is expected to be paid, a receipt per payment, and the
year's statement of everything it received (for its books and its income-tax return).

Read from the fund ledger, the one record of money that moved: a ``pay`` row is money the bank paid, a ``clawback``
row money the firm returned. Amounts stay exact here; pages round them (``wan``), the XLSX keeps them as numbers.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import select
from sqlalchemy.orm import Session

from policyreach import settings
from policyreach.app.ports import PlatformServices
from policyreach.clock import local
from policyreach.redemption.facts import facts_of
from policyreach.redemption.states import State
from policyreach.rules.policy import PAYOUT_ZH
from policyreach.store.models import Application, Disbursement, Fund, LedgerEntry

# Fiscal money a firm receives may be left out of taxable income (不征税收入) only when the three conditions of
# 财税〔2011〕70号 第一条 all hold; the platform cannot know the third (the firm's own accounting), so it says what is
# needed rather than deciding
NON_TAXABLE_HINT = (
    "财政性资金：同时满足财税〔2011〕70号第一条三项条件（有专项资金拨付文件、有专门的资金管理办法或具体管理要求、"
    "企业对该资金及其支出单独核算）的，可作为不征税收入；否则计入当年收入总额"
)
TAX_HINTS = {"cash": NON_TAXABLE_HINT, "interest": NON_TAXABLE_HINT}
MONEY_PAYOUTS = ("cash", "interest")  # what reaches the firm's bank account through the platform


def expected_payment(application: Application, today: dt.date, batch_day: dt.date | None = None) -> dt.date | None:
    """The day an approved claim is expected in the firm's account: the notice period, then the finance bureau's
    usual time to pay (POLICYREACH_PAYMENT_DAYS); None once paid, or while an objection is being looked into."""
    pay_days = dt.timedelta(days=settings.payment_days())
    match application.state:
        case State.APPROVED:
            return today + dt.timedelta(days=settings.notice_days()) + pay_days
        case State.NOTICE:
            return (application.notice_until or today) + pay_days
        case State.DISBURSING:
            return (batch_day or today) + pay_days
        case _:
            return None


@dataclass(frozen=True)
class Payment:
    """One movement of money to (or back from) the firm: one ledger row."""

    application_id: int
    day: dt.date  # Beijing date
    title: str
    department: str
    fund: str
    payout: str
    amount: Decimal  # 元; negative: returned (追回)
    batch: str | None

    @property
    def tax_hint(self) -> str:
        return TAX_HINTS.get(self.payout, "")


def payments(session: Session, platform: PlatformServices, entity_pk: int, year: int | None = None) -> list[Payment]:
    """The firm's payments (and clawbacks), oldest first; only ``year``'s when given (Beijing dates)."""
    rows = session.execute(
        select(LedgerEntry, Application)
        .join(Application, Application.id == LedgerEntry.application_id)
        .where(Application.entity_pk == entity_pk, LedgerEntry.kind.in_(("pay", "clawback")))
        .order_by(LedgerEntry.at, LedgerEntry.id)
    ).all()
    funds = {f.id: f.name for f in session.scalars(select(Fund))}
    found = []
    for entry, application in rows:
        day = local(entry.at.replace(tzinfo=dt.UTC)).date()
        if year is not None and day.year != year:
            continue
        facts = facts_of(platform, application)
        found.append(
            Payment(
                application.id,
                day,
                facts.shown_title,
                facts.department or "",
                funds.get(entry.fund_id, "财政资金"),
                facts.payout,
                entry.amount if entry.kind == "pay" else -entry.amount,
                entry.disbursement_id,
            )
        )
    return found


@dataclass(frozen=True)
class Statement:
    year: int
    entity_name: str
    uscc: str | None
    payments: list[Payment]

    @property
    def totals(self) -> dict[str, Decimal]:
        """Net received by payout kind (cash and interest subsidies apart)."""
        sums: dict[str, Decimal] = defaultdict(Decimal)
        for p in self.payments:
            sums[p.payout] += p.amount
        return dict(sums)

    @property
    def total(self) -> Decimal:
        return sum((p.amount for p in self.payments), Decimal(0))


def statement(
    session: Session, platform: PlatformServices, entity_pk: int, entity_name: str, uscc: str | None, year: int
) -> Statement:
    return Statement(year, entity_name, uscc, payments(session, platform, entity_pk, year))


def batch_days(session: Session, applications: list[Application]) -> dict[str, dt.date]:
    ids = {a.disbursement_id for a in applications if a.disbursement_id}
    if not ids:
        return {}
    return {
        d.id: local(d.created_at.replace(tzinfo=dt.UTC)).date()
        for d in session.scalars(select(Disbursement).where(Disbursement.id.in_(ids)))
    }


HEADERS = [
    "到账日期",
    "兑现事项",
    "主管部门",
    "资金来源",
    "资金类别",
    "金额（元）",
    "拨付批次",
    "申请编号",
    "税务处理提示",
]


def statement_xlsx(found: Statement) -> bytes:
    """The statement as a workbook: exact amounts in 元 as numbers (for the firm's accounts), one row per payment."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = f"{found.year}年度政策资金"
    sheet.append([f"{found.entity_name} {found.year} 年度通过政策通收到的政策资金对账单"])
    sheet["A1"].font = Font(bold=True)
    sheet.append([f"统一社会信用代码：{found.uscc or '—'}；金额单位：元；负数为追回（退回）"])
    sheet.append(HEADERS)
    for p in found.payments:
        sheet.append(
            [
                p.day,
                p.title,
                p.department,
                p.fund,
                PAYOUT_ZH.get(p.payout, ""),
                p.amount,
                p.batch or "",
                p.application_id,
                p.tax_hint,
            ]
        )
        sheet.cell(sheet.max_row, 1).number_format = "yyyy-mm-dd"
        sheet.cell(sheet.max_row, 6).number_format = "#,##0.00"
    for payout, amount in found.totals.items():
        sheet.append(["", f"合计：{PAYOUT_ZH.get(payout, '')}", "", "", "", amount])
        sheet.cell(sheet.max_row, 6).number_format = "#,##0.00"
    for column, width in zip("ABCDEFGHI", (12, 30, 20, 24, 10, 16, 16, 10, 60), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
