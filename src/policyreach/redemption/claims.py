"""Claims that create applications: one click (即申即享) and its exactly-once, within-budget guarantees.

Exactly once rests on the database, not on timing: a unique constraint on (entity, benefit, period),
another on (entity, exclusive group, period), a unique idempotency key, and the fund's budget row locked while
the ledger's sum is checked and the commitment written (``redemption.funds``). A losing concurrent request finds
the winner's application.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from policyreach.app.funds import shares_of
from policyreach.app.ports import PlatformServices
from policyreach.engine.match import Match
from policyreach.redemption import audit, funds, idempotency
from policyreach.redemption.states import ClaimRefused, State
from policyreach.rules.policy import PAID_OUT
from policyreach.store.models import Application, Entity, Fund

if TYPE_CHECKING:  # the bank module raises this module's ClaimRefused: it imports this one at run time
    from policyreach.redemption.bank import BankAccount

WAN = Decimal(10_000)
__all__ = ["WAN", "ClaimRefused", "one_click", "period_of", "snapshot"]


def period_of(cycle: str, as_of: dt.date) -> str:
    return "once" if cycle == "once" else str(as_of.year)


def _version_id(entity: Entity, policy_id: str, digest: str | None) -> int | None:
    from sqlalchemy.orm import object_session

    from policyreach.app.policy_versions import of_decision

    session = object_session(entity)
    version = of_decision(session, policy_id, digest) if session is not None else None
    return version.id if version is not None else None


def snapshot(platform: PlatformServices, entity: Entity, match: Match) -> dict[str, Any]:
    """The evidence a claim is decided on, kept with the claim whatever changes later (the benefit's own facts too:
    pages render from them when the benefit is withdrawn or changed, see ``redemption.facts``)."""
    from policyreach.app.likelihood import provenance
    from policyreach.redemption.facts import snapshot_of

    policy = match.benefit.checked.policy
    window = match.window
    return {
        "as_of": platform.as_of.isoformat(),
        "policy_id": policy.id,
        "rule_version": platform.library.versions.get(policy.id),
        # the version in force now (app/policy_versions): the page explains the decision by its text for good
        "policy_version": _version_id(entity, policy.id, platform.library.versions.get(policy.id)),
        "benefit_id": match.benefit_id,
        "benefit": snapshot_of(match.benefit.spec, policy.title),
        "window": {
            "status": window.status,
            "opens": window.opens.isoformat() if window.opens else None,
            "closes": window.closes.isoformat() if window.closes else None,
        },
        "status": match.status,
        "degree": match.degree,
        # the learned likelihood in force when the claim was made (version, training time, inputs, rows; None when
        # none is trained): the officer can tell which model ranked and invited it
        "model": provenance(platform.likelihood, platform.schema),
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


def within_window(match: Match) -> None:
    """Refuse outside the application window, on the platform's date (never a date sent by a form)."""
    if not match.window.open:
        raise ClaimRefused(match.window.refusal)


def not_tax(match: Match) -> None:
    """A tax relief is claimed in the tax return: the platform takes no application and no bank account for it."""
    if match.benefit.spec.payout == "tax":
        raise ClaimRefused(
            "该事项为税收优惠，在纳税申报（企业所得税预缴或年度汇算清缴）时向税务机关填报享受，不经平台拨付，"
            "也无需提供银行账户；申报步骤见事项页面"
        )


def paid_out(match: Match) -> None:
    """Refuse a one-click claim of money the platform does not pay: a tax relief, a loan or a guarantee."""
    not_tax(match)
    if match.benefit.spec.payout not in PAID_OUT:
        raise ClaimRefused("该事项由合作银行或担保机构办理，政府不直接拨付资金，请按事项页面的申报路径办理")


def one_click(
    session: Session,
    platform: PlatformServices,
    entity: Entity,
    benefit_id: str,
    *,
    idempotency_key: str | None,
    actor: str,
    bank: BankAccount | None = None,
    bank_required: bool = False,
) -> Application:
    """即申即享: a provable eligible match becomes an approved application, once, within the fund and the window;
    ``bank`` is the checked account the money goes to (see ``redemption.bank``; the portal requires it)."""
    idempotency_key = idempotency.scoped(idempotency.ONE_CLICK, actor, entity.id, idempotency_key)
    done = idempotency.replayed(session, idempotency_key, entity.id)
    if done is not None:  # the same click again: its first result
        return done
    match = platform.match_one(entity, benefit_id)
    if match is not None:
        paid_out(match)  # first: a tax relief's firm is told where it is claimed, not merely "no"
    if match is None or match.benefit.spec.redemption != "instant":
        raise ClaimRefused("该事项不支持一键申领")
    within_window(match)
    if match.status != "eligible" or not match.provable:
        raise ClaimRefused("权威数据尚不能证明您符合全部条件，请按申报审批流程申请")
    spec = match.benefit.spec
    period = period_of(spec.cycle, platform.as_of)
    amount = None if match.amount is None else (match.amount * WAN).quantize(Decimal("0.01"), ROUND_HALF_UP)
    budget_period = funds.budget_period(platform.as_of)
    parts = [] if amount is None else funds.plan(shares_of(spec), spec.schedule, amount, budget_period)
    fund_id = parts[0].fund_id if parts else None
    for part in parts:  # before the account is asked for: an unfunded claim cannot be made at all
        if not funds.has_budget(session, part.fund_id, part.period):
            fund = session.get(Fund, part.fund_id)
            raise funds.not_funded(fund.name if fund else part.fund_id, part.period)
    if bank is None and bank_required:
        raise ClaimRefused("请填写收款银行账户（账户名称须与登记名称一致）和账号")
    application = Application(
        entity_pk=entity.id,
        benefit_id=benefit_id,
        period=period,
        state=State.APPROVED,
        redemption="instant",
        exclusive_key=f"{spec.exclusive_group}:{period}" if spec.exclusive_group else None,
        amount=amount,
        fund_id=fund_id if amount is not None else None,
        snapshot={**snapshot(platform, entity, match), **({"bank": bank.as_snapshot()} if bank else {})},
        idempotency_key=idempotency_key,
    )
    try:
        with session.begin_nested():
            fund = session.get(Fund, fund_id) if fund_id else None
            if fund is not None and fund.mode == "batch":
                # a batch-mode fund decides when its window closes, by the chosen allocation strategy
                application.state = State.HELD
                action = "application.held_for_batch"
            else:
                action = "application.approved_by_rule"
            session.add(application)
            session.flush()
            if application.state == State.APPROVED:
                funds.commit_plan(session, application, parts, actor)
            audit.record(
                session,
                actor,
                action,
                f"application:{application.id}",
                {
                    "benefit_id": benefit_id,
                    "entity_id": entity.entity_id,
                    "amount": str(amount),
                    "fund": fund_id,
                    "parts": [[p.fund_id, p.period, str(p.amount)] for p in parts],
                },
            )
    except IntegrityError:
        # the same key at the same moment from a second request: the first one's result
        return idempotency.replayed(session, idempotency_key, entity.id) or _existing(
            session, entity, benefit_id, period, spec.exclusive_group
        )
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
