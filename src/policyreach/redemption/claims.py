"""Claims that create applications: one click (即申即享) and its exactly-once, within-budget guarantees.

Exactly once rests on the database, not on timing: a unique constraint on (entity, benefit, period),
another on (entity, exclusive group, period), a unique idempotency key, and the fund's budget row locked while
the ledger's sum is checked and the commitment written (``redemption.funds``). A losing concurrent request finds
the winner's application.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from policyreach.app.funds import fund_of
from policyreach.app.ports import PlatformServices
from policyreach.engine.match import Match
from policyreach.redemption import audit, funds
from policyreach.redemption.states import ClaimRefused, State
from policyreach.store.models import Application, Entity, Fund

WAN = Decimal(10_000)
__all__ = ["WAN", "ClaimRefused", "one_click", "period_of", "snapshot"]


def period_of(cycle: str, as_of: dt.date) -> str:
    return "once" if cycle == "once" else str(as_of.year)


def snapshot(platform: PlatformServices, entity: Entity, match: Match) -> dict[str, Any]:
    """The evidence a claim is decided on, kept with the claim whatever changes later."""
    policy = match.benefit.checked.policy
    return {
        "as_of": platform.as_of.isoformat(),
        "policy_id": policy.id,
        "rule_version": platform.library.versions.get(policy.id),
        "benefit_id": match.benefit_id,
        "status": match.status,
        "degree": match.degree,
        "amount_wan": None if match.amount is None else str(match.amount),
        "conditions": [
            {
                "clause": c.clause_text,
                "rule": c.requirement,
                "outcome": c.outcome,
                "inputs": [
                    {
                        "column": i["column"],
                        "value": None if i["value"] is None else str(i["value"]),
                        "source": i.get("source"),
                        **_provenance(entity, i["column"]),
                    }
                    for i in c.inputs
                ],
            }
            for c in match.conditions
        ],
    }


def _provenance(entity: Entity, column: str) -> dict[str, Any]:
    info = entity.provenance.get(column, {})
    return {"as_of_date": info.get("as_of"), "batch_id": info.get("batch_id")}


def one_click(
    session: Session,
    platform: PlatformServices,
    entity: Entity,
    benefit_id: str,
    *,
    idempotency_key: str | None,
    actor: str,
) -> Application:
    """即申即享: a provable eligible match becomes an approved application, once, within the fund."""
    if idempotency_key:
        done = session.scalar(select(Application).where(Application.idempotency_key == idempotency_key))
        if done is not None:
            if done.entity_pk != entity.id:
                raise ClaimRefused("请求编号已被使用")
            return done
    match = platform.match_one(entity, benefit_id)
    if match is None or match.benefit.spec.redemption != "instant":
        raise ClaimRefused("该事项不支持一键申领")
    if match.status != "eligible" or not match.provable:
        raise ClaimRefused("权威数据尚不能证明您符合全部条件，请按申报审批流程申请")
    spec = match.benefit.spec
    period = period_of(spec.cycle, platform.as_of)
    amount = None if match.amount is None else (match.amount * WAN).quantize(Decimal("0.01"), ROUND_HALF_UP)
    fund_id = fund_of(match.benefit)
    budget_period = funds.budget_period(platform.as_of)
    application = Application(
        entity_pk=entity.id,
        benefit_id=benefit_id,
        period=period,
        state=State.APPROVED,
        redemption="instant",
        exclusive_key=f"{spec.exclusive_group}:{period}" if spec.exclusive_group else None,
        amount=amount,
        fund_id=fund_id if amount is not None else None,
        snapshot=snapshot(platform, entity, match),
        idempotency_key=idempotency_key,
    )
    try:
        with session.begin_nested():
            fund = session.get(Fund, fund_id) if fund_id else None
            if fund_id is not None and amount is not None and not funds.has_budget(session, fund_id, budget_period):
                raise funds.not_funded(fund.name if fund else fund_id, budget_period)
            if fund is not None and fund.mode == "batch":
                # a batch-mode fund decides when its window closes, by the chosen allocation strategy
                application.state = State.HELD
                action = "application.held_for_batch"
            else:
                action = "application.approved_by_rule"
            session.add(application)
            session.flush()
            if application.state == State.APPROVED and fund_id is not None and amount is not None:
                funds.commit(session, application, fund_id, budget_period, amount, actor)
            audit.record(
                session,
                actor,
                action,
                f"application:{application.id}",
                {"benefit_id": benefit_id, "entity_id": entity.entity_id, "amount": str(amount), "fund": fund_id},
            )
    except IntegrityError:
        return _existing(session, entity, benefit_id, period, spec.exclusive_group)
    return application


def _existing(session: Session, entity: Entity, benefit_id: str, period: str, group: str | None) -> Application:
    found = session.scalar(
        select(Application).where(
            Application.entity_pk == entity.id, Application.benefit_id == benefit_id, Application.period == period
        )
    )
    if found is not None:
        return found
    raise ClaimRefused(f"已享受同一组（{group}）的其他事项，按规定不得重复享受")
