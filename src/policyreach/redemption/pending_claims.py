"""The allocation problem as the platform holds it: the funds with what is left of this period's budget (the
budget the finance role set, less what the ledger has committed and paid) and the applications still waiting for a
decision, each a claim on its benefit's lead fund, with the firm's name, the benefit's title and the fund's name for
the page. Nothing is written: the strategies only compare. See docs/ARCHITECTURE.md, "Money".
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import polars as pl
from sqlalchemy import select
from sqlalchemy.orm import Session

from policyreach.allocation.claims import Claims, Fund, Priority
from policyreach.app.funds import fund_of
from policyreach.app.ports import PlatformServices
from policyreach.redemption import funds
from policyreach.redemption.states import State
from policyreach.store.models import Application, Entity
from policyreach.store.models import Fund as FundRow

# waiting for a decision on money: what an allocation may still decide
WAITING = (State.SUBMITTED, State.HELD, State.MORE_MATERIAL)


@dataclass
class PendingClaims:
    claims: Claims | None  # None: no waiting application draws on a fund with a budget
    period: str
    fund_names: dict[str, str]
    firm_names: dict[str, str]
    titles: dict[str, str]
    unfunded: list[str]  # the names of funds with waiting claims and no budget for the period


def pending(session: Session, plat: PlatformServices, entity_cap: Decimal | None) -> PendingClaims:
    period = funds.budget_period(plat.today())
    benefits = {b.id: b for b in plat.compiled.benefits}
    names = dict(session.execute(select(FundRow.id, FundRow.name)).all())
    remaining = {
        f.fund_id: f.remaining
        for f in funds.figures(session)
        if f.period == period and f.budget is not None and f.remaining > 0
    }
    rows = session.execute(
        select(Application.id, Application.benefit_id, Application.amount, Entity.entity_id, Entity.name)
        .join(Entity, Entity.id == Application.entity_pk)
        .where(Application.state.in_([s.value for s in WAITING]), Application.amount > 0)
        .order_by(Application.created_at, Application.id)
    ).all()
    records = []
    unfunded: set[str] = set()
    firm_names: dict[str, str] = {}
    for order, (application_id, benefit_id, amount, entity_id, firm) in enumerate(rows):
        benefit = benefits.get(benefit_id)
        fund_id = fund_of(benefit) if benefit is not None else None
        if benefit is None or fund_id is None:
            continue  # its benefit left the library or pays nothing out: no claim on a budget
        if fund_id not in remaining:
            unfunded.add(names.get(fund_id, "未命名资金"))
            continue
        firm_names[entity_id] = firm or "（未登记名称的主体）"
        records.append(
            {
                "claim_id": str(application_id),
                "entity_id": entity_id,
                "benefit_id": benefit_id,
                "fund": fund_id,
                "amount": Decimal(amount or 0),  # the query keeps amounts above zero only
                "reducible": benefit.spec.reducible,
                "exclusive_group": benefit.spec.exclusive_group,
                "order": order,
            }
        )
    titles = {b.id: b.spec.title for b in benefits.values()}
    if not records:
        return PendingClaims(None, period, names, firm_names, titles, sorted(unfunded))
    frame = pl.DataFrame(
        records,
        schema={
            "claim_id": pl.String,
            "entity_id": pl.String,
            "benefit_id": pl.String,
            "fund": pl.String,
            "amount": pl.Decimal(18, 2),
            "reducible": pl.Boolean,
            "exclusive_group": pl.String,
            "order": pl.Int64,
        },
    )
    dims = plat.simulation(session).dims.frame(["entity_id", "size_class", "division", "district"])
    frame = frame.join(dims.rename({"division": "industry"}), on="entity_id", how="left").sort("order")
    used = set(frame["fund"].to_list())
    pots = {k: Fund(k, remaining[k], names.get(k, "")) for k in remaining if k in used}
    claims = Claims(frame, pots, entity_cap=entity_cap, priority=Priority(label="按申领金额"))
    return PendingClaims(claims, period, names, firm_names, titles, sorted(unfunded))
