"""Typed models of a policy file (one YAML file per policy document)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

BenefitKind = Literal["certification", "indicator", "subsidy", "talent", "finance", "other"]
Redemption = Literal["automatic", "instant", "review"]
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
REDEMPTION_ZH = {"automatic": "免申即享", "instant": "即申即享", "review": "申报审批"}
STATUS_ZH = {"eligible": "符合", "likely": "可能符合", "partial": "部分符合", "ineligible": "不符合"}
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


class Amount(_Model):
    formula: str
    unit: str = "万元"
    clause: str
    # a number, or ``params.NAME`` so that a cap is dated like the award it limits (same unit as the formula)
    cap: Decimal | str | None = None
    label: str | None = None

    @field_validator("clause", mode="before")
    @classmethod
    def _clause_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) else value

    @field_validator("cap", mode="before")
    @classmethod
    def _cap_value(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError("cap is a number or params.NAME")
        if isinstance(value, int | float):  # YAML floats are already Decimal; a Python float is read by its text
            return Decimal(str(value))
        if isinstance(value, str) and not PARAM_REF.match(value):
            try:
                return Decimal(value)
            except ArithmeticError:
                raise ValueError("cap is a number or params.NAME") from None
        return value

    @property
    def cap_parameter(self) -> str | None:
        """The parameter the cap names, when it names one."""
        match = PARAM_REF.match(self.cap) if isinstance(self.cap, str) else None
        return match.group(1) if match else None

    @field_validator("formula", mode="before")
    @classmethod
    def _formula_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int | Decimal) and not isinstance(value, bool) else value


class Material(_Model):
    name: str
    auto: bool = False
    note: str | None = None


class Window(_Model):
    opens: dt.date | None = None
    closes: dt.date | None = None


class ApplicationPath(_Model):
    department: str
    channel: str
    steps: tuple[str, ...] = ()
    materials: tuple[Material, ...] = ()
    window: Window | None = None
    contact: str | None = None


class Prerequisite(_Model):
    benefit: str | None = None
    certification: str | None = None
    label: str

    @model_validator(mode="after")
    def _one_target(self) -> Prerequisite:
        if (self.benefit is None) == (self.certification is None):
            raise ValueError("a prerequisite names exactly one of 'benefit' or 'certification'")
        return self


class Benefit(_Model):
    id: str
    title: str
    kind: BenefitKind
    redemption: Redemption = "review"
    subjects: tuple[Literal["enterprise", "institute", "talent", "member"], ...] = ("enterprise",)
    department: str
    exclusive_group: str | None = None
    fund: str | None = None
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
    amount: Decimal | None = None
    degree: int | None = None
    provable: bool | None = None


class TestCase(_Model):
    name: str
    as_of: dt.date
    entity: dict[str, Any]
    verified: tuple[str, ...] | Literal["all"] | None = None
    expect: dict[str, Expectation]


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
