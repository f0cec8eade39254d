"""A funds plan (YAML) and the claims a simulation produces against it.

funds:
  cc-sme-fund: {name: 中小企业发展专项资金, budget: 30000000}     # 元
entity_cap: 2000000                                              # 元 per entity, optional
priority:                                                        # the declared objective
  label: 向小微企业和汽车产业倾斜
  size_class: {小: 1.5, 微: 2.0}
  industry: {C36: 1.5}
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import polars as pl
import yaml
from pydantic import BaseModel, ConfigDict, Field

from policyreach.allocation.claims import Claims, Fund, Priority
from policyreach.rules.policy import PAID_OUT
from policyreach.simulation.simulate import Simulation

WAN = 10_000  # 元 per 万元


class FundSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = ""
    budget: Decimal


class PrioritySpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str = "按申领金额"
    size_class: dict[str, float] = Field(default_factory=dict)
    industry: dict[str, float] = Field(default_factory=dict)
    district: dict[str, float] = Field(default_factory=dict)


class FundsPlan(BaseModel):
    model_config = ConfigDict(extra="forbid")
    funds: dict[str, FundSpec]
    entity_cap: Decimal | None = None
    priority: PrioritySpec = Field(default_factory=PrioritySpec)


def load_plan(path: Path) -> FundsPlan:
    return FundsPlan.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")) or {})


def claims_from_simulation(sim: Simulation, plan: FundsPlan) -> Claims:
    """Eligible pairs of benefits paid from a planned fund, with the claimant's dimensions; amounts in 元.

    Only money the fund pays to the firms (cash awards and subsidies, interest subsidies) draws on its budget: a
    tax relief is forgone revenue and a loan or guarantee is the bank's money, so neither is a claim here."""
    specs = {b.id: b.spec for b in sim.compiled.benefits if b.spec.payout in PAID_OUT}
    meta = pl.DataFrame(
        {
            "benefit_id": list(specs),
            # a benefit shared by several funds is planned on its lead fund (the plan has one budget per claim)
            "fund": [s.lead_fund for s in specs.values()],
            "reducible": [s.reducible for s in specs.values()],
            "exclusive_group": [s.exclusive_group for s in specs.values()],
        },
        schema={"benefit_id": pl.String, "fund": pl.String, "reducible": pl.Boolean, "exclusive_group": pl.String},
    )
    funded = [b for b, spec in specs.items() if spec.lead_fund in plan.funds]
    pairs = sim.eligible(funded).filter(pl.col("amount") > 0)
    frame = (
        pairs.join(meta.filter(pl.col("fund").is_in(list(plan.funds))), on="benefit_id")
        .join(
            sim.dims.frame(["entity_id", "size_class", "division", "district"]).rename({"division": "industry"}),
            on="entity_id",
            how="left",
        )
        .with_columns((pl.col("amount") * WAN).round(2).cast(pl.Decimal(18, 2)).alias("amount"))
        .sort("entity_id", "benefit_id")
        .with_row_index("order")
        .with_columns(pl.concat_str("entity_id", "benefit_id", separator=":").alias("claim_id"))
    )
    funds = {k: Fund(k, v.budget, v.name) for k, v in plan.funds.items()}
    priority = Priority(plan.priority.size_class, plan.priority.industry, plan.priority.district, plan.priority.label)
    return Claims(frame, funds, entity_cap=plan.entity_cap, priority=priority)
