"""The funds the library names, as rows of the platform: every ``fund:`` of a benefit exists as a fund.

A benefit that pays money without naming a fund draws on its department's own fund, so that no money leaves the
platform without a budget behind it (docs/ARCHITECTURE.md, "Decisions every module shares"). Budgets are set by
the finance role (``redemption.funds``); this module only makes sure the funds exist.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from policyreach.rules.library import CompiledBenefit, CompiledLibrary
from policyreach.rules.policy import PAID_OUT, Benefit
from policyreach.store.models import Fund

DEPARTMENT_FUND = "dept:"


def shares_of(spec: Benefit) -> tuple[tuple[str, Decimal], ...]:
    """The (fund, share) pairs a benefit's money is committed on, the lead fund first; empty when it pays no money
    out."""
    # tax relief (claimed in the tax return), loans and score items are not money the government pays: no budget
    if spec.amount is None or spec.payout not in PAID_OUT:
        return ()
    return tuple((fund or f"{DEPARTMENT_FUND}{spec.department}", share) for fund, share in spec.shares)


def fund_of(benefit: CompiledBenefit) -> str | None:
    """The fund a benefit's money is committed on (the lead fund of several), or None when it pays no money out."""
    shares = shares_of(benefit.spec)
    return shares[0][0] if shares else None


def fund_names(compiled: CompiledLibrary) -> dict[str, str]:
    """Every fund the library draws on, with a name a finance officer recognises: the policy it serves."""
    names: dict[str, str] = {}
    for benefit in compiled.benefits:
        for share in benefit.spec.funds:
            if share.name and share.fund not in names:
                names[share.fund] = share.name
        for fund_id, _share in shares_of(benefit.spec):
            if fund_id in names:
                continue
            if fund_id.startswith(DEPARTMENT_FUND):
                names[fund_id] = f"{benefit.spec.department}政策兑现资金"
            else:
                names[fund_id] = f"{benefit.checked.policy.title}专项资金"
    return names


def sync_funds(session: Session, compiled: CompiledLibrary) -> int:
    """Create the funds the library names and the database lacks; the number created. Several processes may run it
    at once: a fund another one created first is simply there."""
    names = fund_names(compiled)
    existing = set(session.scalars(select(Fund.id).where(Fund.id.in_(list(names)))))
    made = 0
    for fund_id, name in names.items():
        if fund_id in existing:
            continue
        try:
            with session.begin_nested():
                session.add(Fund(id=fund_id, name=name[:200], mode="fcfs"))
                session.flush()
            made += 1
        except IntegrityError:
            continue
    return made
