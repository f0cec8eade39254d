"""Typed models of a policy file (one YAML file per policy document)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from functools import cached_property
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from policyreach.rules.schema import ProposedAttribute

BenefitKind = Literal["certification", "indicator", "subsidy", "talent", "finance", "other"]
Redemption = Literal["automatic", "instant", "review"]
# How the money reaches the firm, beside ``kind`` (what the benefit rewards): totals never add one to another.
Payout = Literal["cash", "tax", "interest", "loan", "none"]
Level = Literal["national", "province", "city", "district"]
Status = Literal["eligible", "likely", "partial", "ineligible"]
KIND_ZH = {
    "certification": "认定类",
    "indicator": "指标达成类",
    "subsidy": "奖补类",
    "talent": "人才类",
    "finance": "金融类",
    "other": "其他",
}
# paid out of a fund to the firm's bank account through the platform: only these are claimed, offered and disbursed
PAID_OUT = frozenset({"cash", "interest"})
PAYOUT_ZH = {
    "cash": "资金拨付",
    "tax": "税收优惠",
    "interest": "贴息",
    "loan": "贷款与担保",
    "none": "不涉及资金",
}
# what the estimated figure of each payout is (a tax relief is not money received; a loan is not a grant)
PAYOUT_AMOUNT_ZH = {
    "cash": "预计金额",
    "tax": "预计减免税额",
    "interest": "预计贴息",
    "loan": "预计融资支持额度",
    "none": "测算值",
}
PAYOUT_HOW_ZH = {
    "cash": "经审核、公示后拨付至企业对公银行账户",
    "tax": "在纳税申报（企业所得税预缴或年度汇算清缴）时向税务机关填报享受，不经平台拨付，无需提供银行账户",
    "interest": "按企业实际支付的贷款利息核定，经审核后拨付至企业对公银行账户",
    "loan": "由合作银行、担保机构提供贷款或担保，政府不直接向企业拨付资金",
    "none": "不涉及资金",
}


def payout_totals(items: Iterable[tuple[str, Decimal | None]]) -> dict[str, Decimal]:
    """(payout, amount) pairs summed per payout, in PAYOUT_ZH's order, leaving out payouts with nothing: there is no
    grand total across payouts (a tax relief is not money received, a loan is not a grant)."""
    sums: dict[str, Decimal] = {}
    for payout, amount in items:
        if amount is not None and payout != "none":
            sums[payout] = sums.get(payout, Decimal(0)) + amount
    return {key: sums[key] for key in PAYOUT_ZH if key in sums}


REDEMPTION_ZH = {"automatic": "免申即享", "instant": "即申即享", "review": "申报审批"}
STATUS_ZH = {"eligible": "符合", "likely": "可能符合", "partial": "部分符合", "ineligible": "不符合"}
SHARE_PLACES = Decimal("0.000001")  # a share or an instalment is an exact ratio with at most six places
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
PARAM_REF = re.compile(r"^params\.([A-Za-z_][A-Za-z0-9_]*)$")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Condition(_Model):
    expr: str
    clause: str
    label: str | None = None
    weight: Decimal = Decimal(1)

    @field_validator("weight")
    @classmethod
    def _positive(cls, value: Decimal) -> Decimal:
        if value <= 0 or value.as_tuple().exponent < -2:  # type: ignore[operator]
            raise ValueError("weight must be positive with at most 2 decimal places")
        return value

    @field_validator("clause", mode="before")
    @classmethod
    def _clause_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) else value


def _number_or_param(value: Any, what: str, formula: bool = False) -> Any:
    """A number, ``params.NAME``, or (``formula``: a manual amount's bound) an expression left for the checker."""
    if isinstance(value, bool):
        raise ValueError(f"{what} is a number or params.NAME")
    if isinstance(value, int | float):  # YAML floats are already Decimal; a Python float is read by its text
        return Decimal(str(value))
    if isinstance(value, str) and not PARAM_REF.match(value):
        try:
            return Decimal(value)
        except ArithmeticError:
            if formula and value.strip():
                return value.strip()
            raise ValueError(f"{what} is a number or params.NAME") from None
    return value


class Amount(_Model):
    """How much a benefit grants (docs/formats.md, "Amounts").

    ``formula`` is the full-year amount; ``cap`` and ``floor`` bound it (最高/最低, same unit); ``schedule`` gives the
    share of it due in each year of a multi-year period (前两年100%、后三年60%: [1, 1, 0.6, 0.6, 0.6]) and
    ``period_year`` which year of that period the entity is in (1 = the first; absent: the first), so the engine's
    amount is the amount of the current year. ``manual`` (一事一议): no formula, a reviewer sets the amount, within
    ``cap`` and not below ``floor`` when they are stated (不低于50万元: a floor with no formula); a manual amount's
    bounds may be formulas of the entity's figures (按设备购置额的8%～12%: floor ``equipment * 0.08``, cap
    ``min(equipment * 0.12, 1000)``).
    """

    formula: str = ""
    unit: str = "万元"
    clause: str
    # a number, or ``params.NAME`` so that a cap is dated like the award it limits (same unit as the formula)
    cap: Decimal | str | None = None
    floor: Decimal | str | None = None
    schedule: tuple[Decimal, ...] = ()
    period_year: str | None = None
    manual: bool = False
    label: str | None = None

    @field_validator("clause", mode="before")
    @classmethod
    def _clause_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) else value

    @field_validator("cap", mode="before")
    @classmethod
    def _cap_value(cls, value: Any) -> Any:
        return _number_or_param(value, "cap", formula=True)

    @field_validator("floor", mode="before")
    @classmethod
    def _floor_value(cls, value: Any) -> Any:
        return _number_or_param(value, "floor", formula=True)

    @field_validator("formula", mode="before")
    @classmethod
    def _formula_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int | Decimal) and not isinstance(value, bool) else value

    @model_validator(mode="after")
    def _one_way(self) -> Amount:
        if self.manual:
            if self.formula.strip() or self.schedule:
                raise ValueError("a manual amount (一事一议) has no formula or schedule: a reviewer sets it")
        elif not self.formula.strip():
            raise ValueError("an amount needs a formula, or 'manual: true' (一事一议) for one a reviewer sets")
        elif self.cap_formula is not None or self.floor_formula is not None:
            raise ValueError("cap and floor are a number or params.NAME (a formula bounds only a manual amount)")
        for bound in (self.cap, self.floor):
            if isinstance(bound, Decimal) and (not bound.is_finite() or bound < 0):
                raise ValueError("cap and floor must not be negative")
        if isinstance(self.cap, Decimal) and isinstance(self.floor, Decimal) and self.floor > self.cap:
            raise ValueError("the floor is above the cap")
        if self.period_year is not None and not self.schedule:
            raise ValueError("'period_year' says which year of a 'schedule': give the schedule")
        if len(self.schedule) > 10:
            raise ValueError("'schedule' covers at most ten years")
        for share in self.schedule:
            if not share.is_finite() or share < 0 or share > 1 or share != share.quantize(SHARE_PLACES):
                raise ValueError("each year's share of 'schedule' is 0..1 with at most six decimal places")
        return self

    @property
    def cap_parameter(self) -> str | None:
        """The parameter the cap names, when it names one."""
        match = PARAM_REF.match(self.cap) if isinstance(self.cap, str) else None
        return match.group(1) if match else None

    @property
    def floor_parameter(self) -> str | None:
        match = PARAM_REF.match(self.floor) if isinstance(self.floor, str) else None
        return match.group(1) if match else None

    @property
    def cap_formula(self) -> str | None:
        """A manual amount's cap computed from the entity's figures (min(equipment * 0.12, 1000))."""
        return self.cap if isinstance(self.cap, str) and not PARAM_REF.match(self.cap) else None

    @property
    def floor_formula(self) -> str | None:
        return self.floor if isinstance(self.floor, str) and not PARAM_REF.match(self.floor) else None


class Material(_Model):
    name: str
    auto: bool = False
    note: str | None = None


class Window(_Model):
    opens: dt.date | None = None
    closes: dt.date | None = None
    # the same dates every year (a tax return's 汇算清缴 period, a yearly call): the next window is then known
    annual: bool = False

    @model_validator(mode="after")
    def _ordered(self) -> Window:
        if self.annual and (self.opens is None or self.closes is None):
            raise ValueError("an annual window needs both opens and closes")
        if self.opens is not None and self.closes is not None and self.opens > self.closes:
            raise ValueError("a window opens before it closes")
        return self

    def occurrences(self, day: dt.date) -> list[tuple[dt.date | None, dt.date | None]]:
        """The concrete windows around ``day``: itself, or for an annual window last year's, this year's and next."""
        if not self.annual:
            return [(self.opens, self.closes)]
        assert self.opens is not None and self.closes is not None
        first = self.opens.year
        return [
            (_in_year(self.opens, year), _in_year(self.closes, year + self.closes.year - first))
            for year in range(max(first, day.year - 1), day.year + 2)
        ]


def _in_year(day: dt.date, year: int) -> dt.date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a year without it
        return day.replace(year=year, day=28)


@dataclass(frozen=True)
class WindowState:
    """Where a day stands against a benefit's application windows; ``open`` decides whether it may be claimed."""

    status: Literal["always", "open", "not_yet", "closed"]
    opens: dt.date | None = None  # the window in force, the coming one (not_yet), or the last one (closed)
    closes: dt.date | None = None
    next_opens: dt.date | None = None  # after a closed window: the next one, when known
    next_closes: dt.date | None = None

    @property
    def open(self) -> bool:
        return self.status in ("always", "open")

    @property
    def period(self) -> str:
        return _period(self.opens, self.closes)

    @property
    def next_period(self) -> str | None:
        return _period(self.next_opens, self.next_closes) if self.next_opens or self.next_closes else None

    @cached_property  # a state is shared by every firm's match of the benefit (engine.match.SingleMatcher.windows)
    def label(self) -> str:
        """What a page shows next to the benefit ("" when it is received all year round)."""
        if self.status == "open":
            return f"申报截止 {self.closes}" if self.closes else f"申报时间 {self.period}"
        if self.status == "not_yet":
            return f"未开始（{self.opens} 起申报）"
        if self.status == "closed":
            return "已截止" + (f"（下一轮申报：{self.next_period}）" if self.next_period else "")
        return ""

    @property
    def refusal(self) -> str:
        """Why a claim, an application or an offer is refused today (for ``status`` not_yet or closed)."""
        if self.status == "not_yet":
            return f"该事项尚未开始申报（申报时间：{self.period}），请届时再申请"
        following = f"；下一轮申报时间：{self.next_period}" if self.next_period else "；下一轮申报时间以部门通知为准"
        return f"该事项本轮申报已截止（申报时间：{self.period}），平台不再受理{following}"


def _period(opens: dt.date | None, closes: dt.date | None) -> str:
    if opens and closes:
        return f"{opens} 至 {closes}"
    return f"{opens} 起" if opens else f"截至 {closes}"


class ApplicationPath(_Model):
    department: str
    channel: str
    steps: tuple[str, ...] = ()
    materials: tuple[Material, ...] = ()
    window: Window | None = None
    # several known rounds (a spring and an autumn call); ``window`` is the usual single one
    windows: tuple[Window, ...] = ()
    contact: str | None = None

    @model_validator(mode="after")
    def _one_way(self) -> ApplicationPath:
        if self.window is not None and self.windows:
            raise ValueError("give either 'window' or 'windows', not both")
        return self

    def window_on(self, day: dt.date) -> WindowState:
        """The application window as it stands on ``day`` (the platform's date, never one typed into a form)."""
        declared = self.windows or ((self.window,) if self.window else ())
        if not declared:
            return WindowState("always")
        spans = sorted(
            (span for w in declared for span in w.occurrences(day)),
            key=lambda s: (s[0] or dt.date.min, s[1] or dt.date.max),
        )
        for opens, closes in spans:
            if (opens is None or opens <= day) and (closes is None or day <= closes):
                return WindowState("open", opens, closes)
        coming = [s for s in spans if s[0] is not None and s[0] > day]
        past = [s for s in spans if s[1] is not None and s[1] < day]
        if not past:
            return WindowState("not_yet", *coming[0])
        last = max(past, key=lambda s: s[1] or dt.date.min)
        following = coming[0] if coming else (None, None)
        return WindowState("closed", last[0], last[1], following[0], following[1])


class Prerequisite(_Model):
    benefit: str | None = None
    certification: str | None = None
    label: str

    @model_validator(mode="after")
    def _one_target(self) -> Prerequisite:
        if (self.benefit is None) == (self.certification is None):
            raise ValueError("a prerequisite names exactly one of 'benefit' or 'certification'")
        return self


def _ratio(value: Decimal, what: str) -> Decimal:
    if not value.is_finite() or value <= 0 or value > 1 or value != value.quantize(SHARE_PLACES):
        raise ValueError(f"{what} must be a ratio above 0 and at most 1, with at most six decimal places")
    return value


class FundShare(_Model):
    """One fund's part of a benefit paid by several (市区按比例分担), e.g. ``{fund: cc-sci-fund, share: 0.6}``."""

    fund: str
    share: Decimal
    name: str | None = None  # how the finance bureau calls the fund, when the policy's title does not say it

    @field_validator("share")
    @classmethod
    def _share(cls, value: Decimal) -> Decimal:
        return _ratio(value, "share")


def split_exact(total: Decimal, weights: Iterable[Decimal]) -> list[Decimal]:
    """``total`` (元, two places) split by ``weights`` (summing to 1) into parts exact to the 分 that add up to it:
    every part but the first is rounded down, and the first (the lead fund, the first instalment) takes what is
    left, so the cent that does not divide always goes to the same, stated place."""
    cent = Decimal("0.01")
    weights = list(weights)
    rest = [(total * w).quantize(cent, rounding=ROUND_DOWN) for w in weights[1:]]
    return [total - sum(rest, Decimal(0)), *rest]


class Benefit(_Model):
    id: str
    title: str
    kind: BenefitKind
    # required: a benefit that does not say how its money reaches the firm would be added to the wrong total
    payout: Payout
    redemption: Redemption = "review"
    subjects: tuple[Literal["enterprise", "institute", "talent", "member"], ...] = ("enterprise",)
    department: str
    exclusive_group: str | None = None
    fund: str | None = None
    # several funds by share (the first listed takes the cent a split leaves), instead of one ``fund``
    funds: tuple[FundShare, ...] = ()
    # paid over several years: the share due in the year of approval, the year after, …; empty: paid at once
    instalments: tuple[Decimal, ...] = ()
    cycle: Literal["annual", "once"] = "annual"
    reducible: bool = False
    prerequisites: tuple[Prerequisite, ...] = ()
    # may be empty when the policy's common conditions apply (checked when the policy is loaded)
    conditions: tuple[Condition, ...] = ()
    amount: Amount | None = None
    application: ApplicationPath
    description: str | None = None

    @field_validator("id")
    @classmethod
    def _id_format(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError("id must be lower-case letters, digits and '-'")
        return value

    @model_validator(mode="after")
    def _manual_is_reviewed(self) -> Benefit:
        if self.amount is not None and self.amount.manual and self.redemption != "review":
            raise ValueError("a manual amount (一事一议) is set by a reviewer: the benefit's redemption is 'review'")
        return self

    @model_validator(mode="after")
    def _tax_has_no_fund(self) -> Benefit:
        if self.payout == "tax" and (self.fund is not None or self.funds or self.instalments):
            raise ValueError("a tax relief (payout: tax) is claimed in the tax return and draws on no fund")
        return self

    @model_validator(mode="after")
    def _shares_add_up(self) -> Benefit:
        if self.funds:
            if self.fund is not None:
                raise ValueError("give either 'fund' or 'funds' (several funds by share), not both")
            if len(self.funds) < 2:
                raise ValueError("'funds' names at least two funds; a single fund is 'fund'")
            if len({f.fund for f in self.funds}) != len(self.funds):
                raise ValueError("'funds' names a fund twice")
            total = sum((f.share for f in self.funds), Decimal(0))
            if total != 1:
                raise ValueError(f"the shares of 'funds' add up to {total}, not 1")
        if self.instalments:
            for share in self.instalments:
                _ratio(share, "an instalment")
            total = sum(self.instalments, Decimal(0))
            if total != 1:
                raise ValueError(f"the shares of 'instalments' add up to {total}, not 1")
            if len(self.instalments) > 10:
                raise ValueError("'instalments' covers at most ten years")
        return self

    @property
    def shares(self) -> tuple[tuple[str | None, Decimal], ...]:
        """(fund, share) pairs the money is drawn from; ``None`` as the fund: the department's own (see
        ``app.funds``)."""
        if self.funds:
            return tuple((f.fund, f.share) for f in self.funds)
        return ((self.fund, Decimal(1)),)

    @property
    def lead_fund(self) -> str | None:
        """The fund named first: the one fund, or the lead of several (None: the department's own)."""
        return self.funds[0].fund if self.funds else self.fund

    @property
    def schedule(self) -> tuple[Decimal, ...]:
        """The share of the award due in each year from the year of approval on."""
        return self.instalments or (Decimal(1),)


class Parameter(_Model):
    label: str
    unit: str | None = None
    values: dict[dt.date, Decimal | int | str | bool]
    reference: str | None = None  # the clause that states the value (OpenFisca's reference)

    @field_validator("reference", mode="before")
    @classmethod
    def _reference_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    def value_at(self, when: dt.date) -> Decimal | int | str | bool | None:
        """Value in force on ``when``: the latest one dated on or before it."""
        current = None
        for since in sorted(self.values):
            if since <= when:
                current = self.values[since]
        return current


class Expectation(_Model):
    status: Status | None = None
    # the outcome an officer read from the clause (the workbench's cases): 符合 is the status eligible, 不符合 partial
    # or ineligible (the benefit is not granted, however near), 待核实 likely (a value is unknown)
    outcome: Literal["eligible", "ineligible", "pending"] | None = None
    amount: Decimal | None = None
    degree: int | None = None
    provable: bool | None = None


class TestCase(_Model):
    name: str
    as_of: dt.date
    entity: dict[str, Any]
    verified: tuple[str, ...] | Literal["all"] | None = None
    expect: dict[str, Expectation]


class EntityCap(_Model):
    """A per-entity cap over a policy (同一企业每年享受本政策资金累计不超过 …): what one entity's benefits of the policy
    with ``payout`` add up to counts at most ``amount`` 万元 in its claim plan (``reports.plan``)."""

    # a number in 万元, or ``params.NAME`` so that the cap is dated like the awards it limits
    amount: Decimal | str
    payout: Payout = "cash"
    clause: str
    label: str | None = None

    @field_validator("clause", mode="before")
    @classmethod
    def _clause_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) else value

    @field_validator("amount", mode="before")
    @classmethod
    def _amount_value(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError("cap amount is a number or params.NAME")
        if isinstance(value, int | float):
            value = Decimal(str(value))
        if isinstance(value, str) and not PARAM_REF.match(value):
            try:
                value = Decimal(value)
            except ArithmeticError:
                raise ValueError("cap amount is a number or params.NAME") from None
        if isinstance(value, Decimal) and (not value.is_finite() or value < 0):
            raise ValueError("cap amount must not be negative")
        return value

    @property
    def parameter(self) -> str | None:
        match = PARAM_REF.match(self.amount) if isinstance(self.amount, str) else None
        return match.group(1) if match else None

    def value_on(self, parameters: dict[str, Parameter], day: dt.date) -> Decimal | None:
        """The cap in force on ``day`` in 万元 (None: its parameter has no numeric value then)."""
        name = self.parameter
        if name is None:
            return Decimal(self.amount)
        value = parameters[name].value_at(day) if name in parameters else None
        return Decimal(value) if isinstance(value, Decimal | int) and not isinstance(value, bool) else None


class Policy(_Model):
    id: str
    title: str
    doc_number: str | None = None
    issuer: str
    level: Level
    region: str
    valid_from: dt.date
    valid_to: dt.date | None = None
    source: str
    sample: bool = False
    clauses: dict[str, str] = Field(min_length=1)
    parameters: dict[str, Parameter] = Field(default_factory=dict)
    # the scope clause ("在长春市注册、无严重失信"): applies to every benefit, as if written first in each
    common_conditions: tuple[Condition, ...] = ()
    benefits: tuple[Benefit, ...] = Field(min_length=1)
    # optional: what one entity's benefits of this policy add up to at most (the plan counts the cap)
    cap: EntityCap | None = None
    # quantities the schema lacks, proposed by the draft (identifier → label, unit, yearly, department)
    proposed_attributes: dict[str, ProposedAttribute] = Field(default_factory=dict)
    tests: tuple[TestCase, ...] = ()

    @field_validator("clauses", mode="before")
    @classmethod
    def _clause_keys(cls, value: Any) -> Any:
        return {str(k): v for k, v in value.items()} if isinstance(value, dict) else value

    @field_validator("id")
    @classmethod
    def _id_format(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError("id must be lower-case letters, digits and '-'")
        return value

    def in_force(self, when: dt.date) -> bool:
        return self.valid_from <= when and (self.valid_to is None or when <= self.valid_to)
