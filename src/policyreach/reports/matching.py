"""The smart matching report of one entity: summary, then every benefit with its interpretation."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from policyreach.engine.match import Match
from policyreach.reports.plan import Option, Plan, best_plan
from policyreach.rules.policy import (
    KIND_ZH,
    PAYOUT_AMOUNT_ZH,
    PAYOUT_ZH,
    REDEMPTION_ZH,
    STATUS_ZH,
)
from policyreach.workbooks import active_sheet

OUTCOME_ZH = {"met": "满足", "unmet": "不满足", "unknown": "待确认"}


@dataclass(frozen=True)
class ClauseLine:
    clause: str
    interpretation: str
    outcome: str


@dataclass(frozen=True)
class HintLine:
    """What would change an item (the renderer's sentence): ``kind`` gap | obtain | expired | choice | change |
    missing | fixed, and the profile fields (columns) it asks for."""

    text: str
    kind: str
    fields: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ReportItem:
    benefit_id: str
    title: str
    policy: str
    doc_number: str
    department: str
    kind: str
    payout: str  # cash | tax | interest | loan: which total the amount belongs to
    status: str
    degree: int
    amount: Decimal | None
    amount_rule: str | None
    one_click: bool
    redemption: str
    channel: str
    steps: list[str]
    deadline: dt.date | None
    window_status: str  # always | open | not_yet | closed, on the report's date
    window: str  # 已截止（下一轮申报：…）, 申报截止 …, or "" all year round
    missing: list[str]
    clauses: list[ClauseLine] = field(default_factory=list)
    exclusive_group: str | None = None  # 不得重复享受，就高: the plan keeps one item of a group
    # partial and likely items: what would make them eligible; ``fixed`` when nothing the firm supplies would
    hints: list[HintLine] = field(default_factory=list)
    fixed: bool = False


@dataclass(frozen=True)
class MatchingReport:
    entity_id: str
    name: str
    kind: str
    generated: dt.date
    items: list[ReportItem]

    @property
    def eligible(self) -> list[ReportItem]:
        return [i for i in self.items if i.status == "eligible"]

    @property
    def plan(self) -> Plan:
        """The best claim plan: eligible items whose window is not closed, one per exclusive group (the highest)."""
        return best_plan(
            Option(i.benefit_id, i.title, i.payout, i.amount, i.exclusive_group)
            for i in self.eligible
            if i.window_status != "closed" and i.amount is not None
        )

    @property
    def totals(self) -> dict[str, Decimal]:
        """What can still be claimed, as the plan counts it: one sum per payout, never one grand total."""
        return self.plan.totals

    @property
    def closed(self) -> int:
        return sum(1 for i in self.eligible if i.window_status == "closed")

    def count(self, status: str) -> int:
        return sum(1 for i in self.items if i.status == status)


def build(entity_id: str, name: str, kind: str, as_of: dt.date, matches: list[Match]) -> MatchingReport:
    items = []
    for m in matches:
        spec = m.benefit.spec
        items.append(
            ReportItem(
                benefit_id=m.benefit_id,
                title=m.title,
                policy=m.policy.title,
                doc_number=m.policy.doc_number or "",
                department=spec.department,
                kind=KIND_ZH[spec.kind],
                payout=spec.payout,
                status=m.status,
                degree=m.degree,
                amount=m.amount,
                amount_rule=m.amount_explanation,
                one_click=m.one_click,
                redemption=REDEMPTION_ZH[spec.redemption],
                channel=m.application.channel,
                steps=list(m.application.steps),
                deadline=m.deadline,
                window_status=m.window.status,
                window=m.window.label,
                missing=m.missing,
                clauses=[ClauseLine(c.clause_text, c.explanation, OUTCOME_ZH[c.outcome]) for c in m.conditions],
                exclusive_group=spec.exclusive_group,
                hints=[HintLine(h.text, h.kind, [f.column for f in h.fields]) for h in m.hints]
                if m.status in ("partial", "likely")
                else [],
                fixed=m.status == "partial" and m.fixed,
            )
        )
    return MatchingReport(entity_id, name, kind, as_of, items)


def _totals_text(report: MatchingReport) -> str:
    if not report.totals:
        return "暂无可申领的金额"
    return "，".join(f"{PAYOUT_AMOUNT_ZH[k]}（{PAYOUT_ZH[k]}）{v} 万元" for k, v in report.totals.items())


def to_json(report: MatchingReport) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        if isinstance(value, Decimal):
            return format(value.normalize(), "f")
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return value

    return {
        "title": "智能匹配报告",
        "entity": {"entity_id": report.entity_id, "name": report.name, "kind": report.kind},
        "generated": report.generated.isoformat(),
        "summary": {
            "eligible": report.count("eligible"),
            "likely": report.count("likely"),
            "partial": report.count("partial"),
            "closed": report.closed,
            # per payout, in 万元: cash, tax (预计减免税额), interest, loan; there is deliberately no grand total
            "totals_wan": {payout: plain(amount) for payout, amount in report.totals.items()},
            # eligible items the totals leave out (an exclusive group keeps its highest), with the reason
            "left_out": [{"benefit_id": o.benefit_id, "reason": why} for o, why in report.plan.left_out],
        },
        "benefits": [
            {**plain(asdict(i)), "status_zh": STATUS_ZH[i.status], "payout_zh": PAYOUT_ZH[i.payout]}
            for i in report.items
        ],
    }


def to_xlsx(report: MatchingReport) -> bytes:
    book = Workbook()
    sheet = active_sheet(book)
    sheet.title = "智能匹配报告"
    sheet.append([f"{report.name} 智能匹配报告（{report.generated}）"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(
        [
            f"符合 {report.count('eligible')} 项（本轮已截止 {report.closed} 项）；{_totals_text(report)}；"
            f"可能符合 {report.count('likely')} 项；部分符合 {report.count('partial')} 项"
        ]
    )
    headers = [
        "兑现事项",
        "所属政策",
        "文号",
        "主管部门",
        "状态",
        "匹配度(%)",
        "预计金额(万元)",
        "资金到达方式",
        "兑现方式",
        "申报渠道",
        "申报时间",
        "需补充",
        "还差什么",
    ]
    sheet.append(headers)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for i in report.items:
        sheet.append(
            [
                i.title,
                i.policy,
                i.doc_number,
                i.department,
                STATUS_ZH[i.status],
                i.degree,
                i.amount,
                PAYOUT_ZH[i.payout],
                i.redemption,
                i.channel,
                i.window or "常年受理",
                "、".join(i.missing),
                "；".join(h.text for h in i.hints),
            ]
        )
    clauses = book.create_sheet("条款解读")
    clauses.append(["兑现事项", "政策条款", "解读", "结果"])
    for i in report.items:
        for line in i.clauses:
            clauses.append([i.title, line.clause, line.interpretation, line.outcome])
    for ws in (sheet, clauses):
        for index, column in enumerate(ws.columns, start=1):  # columns start at A
            ws.column_dimensions[get_column_letter(index)].width = 28
            for cell in column:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
