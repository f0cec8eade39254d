"""The smart matching report of one entity: summary, then every benefit with its interpretation."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from policyreach.engine.match import Match
from policyreach.reports.plan import Cap, Option, Plan, best_plan, window_reason
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
    # a likely item's learned probability that its unknown conditions hold (None: eligible, or no model)
    probability: float | None = None
    cap_key: str = ""  # its policy's id when the policy caps what an entity gets of this payout
    requires: list[tuple[str, str]] = field(default_factory=list)  # (benefit id, label): benefits it needs first
    unavailable: str | None = None  # why its window keeps it out of this year's plan ("申报窗口已关闭（截至 …）")

    @property
    def chance(self) -> str | None:
        """The probability as a person reads it ("约 72%"), for a likely item with a learned one."""
        return None if self.probability is None or self.status != "likely" else f"约 {percent(self.probability)}"


@dataclass(frozen=True)
class MatchingReport:
    entity_id: str
    name: str
    kind: str
    generated: dt.date
    items: list[ReportItem]
    # the learned likelihood behind the probabilities: version, training time, features, rows (None: no model)
    model: dict[str, Any] | None = None
    caps: tuple[Cap, ...] = ()  # the per-entity caps of the policies the items belong to

    @property
    def eligible(self) -> list[ReportItem]:
        return [i for i in self.items if i.status == "eligible"]

    @property
    def plan(self) -> Plan:
        """The best claim plan over the eligible items and the likely ones with a learned probability (at their
        expected value), under groups, caps, prerequisites and this year's windows; computed once."""
        if self._plan is None:
            options = [
                Option(
                    i.benefit_id,
                    i.title,
                    i.payout,
                    i.amount,
                    i.exclusive_group,
                    i.probability if i.status == "likely" else None,
                    i.cap_key if any(c.key == i.cap_key for c in self.caps) else None,
                    tuple(i.requires),
                    i.unavailable,
                )
                for i in self.items
                if i.amount is not None and (i.status == "eligible" or (i.status == "likely" and i.probability))
            ]
            object.__setattr__(self, "_plan", best_plan(options, self.caps))
        assert self._plan is not None
        return self._plan

    _plan: Plan | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def totals(self) -> dict[str, Decimal]:
        """What can certainly be claimed, as the plan counts it: one sum per payout, never one grand total."""
        return self.plan.totals

    @property
    def expected(self) -> dict[str, Decimal]:
        """What the plan is expected to bring with its likely items at probability × amount, per payout."""
        return self.plan.expected

    @property
    def model_text(self) -> str:
        return model_text(self.model)

    @property
    def closed(self) -> int:
        return sum(1 for i in self.eligible if i.window_status == "closed")

    def count(self, status: str) -> int:
        return sum(1 for i in self.items if i.status == status)


def percent(p: float) -> str:
    """A learned probability as a person reads it: whole percents, never a false 0% or 100%."""
    if p < 0.01:
        return "不足 1%"
    if p > 0.99:
        return "99% 以上"
    return f"{Decimal(repr(p * 100)).quantize(Decimal(1), ROUND_HALF_UP)}%"


def model_text(model: dict[str, Any] | None) -> str:
    """The model's provenance in one Chinese sentence (every report carries it, with or without a model)."""
    if not model:
        return "“可能符合”事项的概率模型尚未训练：报告未给出概率，可能符合的事项不计入预期金额。"
    trained = dt.datetime.fromisoformat(str(model["trained_at"]))
    if trained.tzinfo is None:
        trained = trained.replace(tzinfo=dt.UTC)
    beijing = trained.astimezone(dt.timezone(dt.timedelta(hours=8)))
    names = model.get("features_zh") or [feature_label(str(f)) for f in model.get("features", [])]
    features = "、".join(str(n) for n in names)
    return (
        f"“可能符合”事项的概率由平台模型 {model['version']} 估计：{beijing:%Y-%m-%d %H:%M}（北京时间）训练，"
        f"使用本市企业样本 {model['rows']} 行，输入为{features}；仅依据平台已掌握的数据，概率不改变匹配状态和匹配度。"
    )


# how the model's feature names read to an officer or a firm; a figure of the library reads as its schema label
FEATURE_ZH = {
    "kind": "主体类型",
    "industry_division": "行业大类",
    "industry_section": "行业门类",
    "district": "所在区县",
    "size_class": "企业规模",
    "age": "成立年限",
    "firm_age": "成立年限",
    "inputs_verified": "条件数据是否来自部门名单",
}


def feature_label(name: str, labels: dict[str, str] | None = None) -> str:
    """A model feature in Chinese: a known name, a schema attribute's label (``revenue_2025`` → 营业收入（2025年）)."""
    if name in FEATURE_ZH:
        return FEATURE_ZH[name]
    labels = labels or {}
    base, _, year = name.rpartition("_")
    if year.isdigit() and base in labels:
        return f"{labels[base]}（{year}年）"
    return labels.get(name, name)


def build(
    entity_id: str,
    name: str,
    kind: str,
    as_of: dt.date,
    matches: list[Match],
    *,
    chances: dict[str, float] | None = None,
    model: dict[str, Any] | None = None,
) -> MatchingReport:
    """The report of one entity's ``matches`` on ``as_of``; ``chances`` are the learned probabilities of its likely
    items (``Platform.chances``) and ``model`` the provenance of the model behind them (``ModelInfo.as_dict``)."""
    chances = chances or {}
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
                probability=chances.get(m.benefit_id) if m.status == "likely" else None,
                cap_key=_cap_key(m),
                requires=[(p.benefit, p.label) for p in spec.prerequisites if p.benefit is not None],
                unavailable=window_reason(m.window, as_of),
            )
        )
    return MatchingReport(entity_id, name, kind, as_of, items, model, caps_of(matches, as_of))


def caps_of(matches: Iterable[Match], as_of: dt.date) -> tuple[Cap, ...]:
    """The per-entity caps of the policies the matches belong to, in force on ``as_of``."""
    caps: dict[str, Cap] = {}
    for m in matches:
        policy = m.benefit.checked.policy
        if policy.cap is not None and policy.id not in caps and m.benefit.spec.payout == policy.cap.payout:
            limit = policy.cap.value_on(policy.parameters, as_of)
            if limit is not None:
                label = policy.cap.label or f"同一企业累计不超过 {limit} 万元"
                caps[policy.id] = Cap(policy.id, limit, f"《{policy.title}》{label}")
    return tuple(caps.values())


def _cap_key(match: Match) -> str:
    """Its policy's id when the policy caps what an entity gets of this benefit's payout, else ""."""
    policy = match.benefit.checked.policy
    return policy.id if policy.cap is not None and match.payout == policy.cap.payout else ""


def plan_of(matches: list[Match], as_of: dt.date, chances: dict[str, float] | None = None) -> Plan:
    """The best claim plan of ``matches`` without the rest of the report (the portal's totals): the same options the
    report weighs, without rendering a sentence."""
    chances = chances or {}
    caps = caps_of(matches, as_of)
    capped = {c.key for c in caps}
    return best_plan(
        (
            Option(
                m.benefit_id,
                m.title,
                m.payout,
                m.amount,
                m.benefit.spec.exclusive_group,
                chances.get(m.benefit_id) if m.status == "likely" else None,
                _cap_key(m) if _cap_key(m) in capped else None,
                tuple((p.benefit, p.label) for p in m.benefit.spec.prerequisites if p.benefit is not None),
                window_reason(m.window, as_of),
            )
            for m in matches
            if m.amount is not None and (m.status == "eligible" or (m.status == "likely" and chances.get(m.benefit_id)))
        ),
        caps,
    )


def totals_text(report: MatchingReport) -> str:
    """What the plan can certainly claim, one sum per payout, and its expected value with likely items."""
    if not report.totals:
        text = "暂无确定可申领的金额"
    else:
        text = "，".join(f"{PAYOUT_AMOUNT_ZH[k]}（{PAYOUT_ZH[k]}）{_wan(v)} 万元" for k, v in report.totals.items())
    if report.plan.likely:
        text += "；含可能符合事项按概率折算的期望值：" + "，".join(
            f"{PAYOUT_ZH[k]} {_wan(v)} 万元" for k, v in report.expected.items()
        )
    return text


def _wan(value: Decimal) -> str:
    """万元 with at most two decimals, trailing zeros dropped (what the pages' ``wan`` filter shows)."""
    text = format(value.quantize(Decimal("0.01"), ROUND_HALF_UP), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def left_out_text(report: MatchingReport) -> list[str]:
    """Each item the plan leaves out, with the reason, as a line a person reads."""
    return [f"{o.title}：{why}" for o, why in report.plan.left_out]


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

    chosen = {o.benefit_id for o in report.plan.chosen}
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
            # with the plan's likely items at probability × amount (per payout too)
            "expected_wan": {payout: plain(amount) for payout, amount in report.expected.items()},
            # items the plan leaves out (an exclusive group keeps its highest, a closed window …), with the reason
            "left_out": [
                {"benefit_id": o.benefit_id, "title": o.title, "reason": why} for o, why in report.plan.left_out
            ],
            "caps_reached": [
                {"cap": cap.label, "limit_wan": plain(cap.limit), "sum_wan": plain(total)}
                for cap, total in report.plan.capped
            ],
        },
        # the model behind every probability below: nothing is a black box (None: no model trained yet)
        "model": report.model,
        "model_zh": report.model_text,
        "benefits": [
            {
                **plain(asdict(i)),
                "status_zh": STATUS_ZH[i.status],
                "payout_zh": PAYOUT_ZH[i.payout],
                "probability_zh": i.chance,
                "in_plan": i.benefit_id in chosen,
            }
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
            f"符合 {report.count('eligible')} 项（本轮已截止 {report.closed} 项）；{totals_text(report)}；"
            f"可能符合 {report.count('likely')} 项；部分符合 {report.count('partial')} 项"
        ]
    )
    lines = left_out_text(report)
    sheet.append(["合计按最佳申报方案计算" + ("，未计入：" + "；".join(lines) if lines else "")])
    sheet.append([report.model_text])
    headers = [
        "兑现事项",
        "所属政策",
        "文号",
        "主管部门",
        "状态",
        "可能性",
        "匹配度(%)",
        "预计金额(万元)",
        "资金到达方式",
        "兑现方式",
        "申报渠道",
        "申报时间",
        "需补充",
        "还差什么",
        "计入方案",
    ]
    sheet.append(headers)
    for cell in sheet[5]:
        cell.font = Font(bold=True)
    plan = report.plan
    chosen = {o.benefit_id for o in plan.chosen}
    for i in report.items:
        reason = plan.reason(i.benefit_id)
        sheet.append(
            [
                i.title,
                i.policy,
                i.doc_number,
                i.department,
                STATUS_ZH[i.status],
                i.chance or "",
                i.degree,
                i.amount,
                PAYOUT_ZH[i.payout],
                i.redemption,
                i.channel,
                i.window or "常年受理",
                "、".join(i.missing),
                "；".join(h.text for h in i.hints),
                "计入" if i.benefit_id in chosen else (f"不计入：{reason}" if reason else ""),
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
