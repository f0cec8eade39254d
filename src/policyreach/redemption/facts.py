"""What an application's benefit was, even when the benefit is no longer in the library.

A benefit may be withdrawn, replaced by a revised policy or leave the library when its policy expires while
applications on it are still in flight (submitted, approved, in public notice, in a disbursement batch). Officers
must still see, decide and pay them; so every page and step reads the benefit through :func:`facts_of`: the library
in force when it still holds the benefit, else the evidence snapshot taken when the application was made. Nothing
here raises for a benefit that is gone.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import object_session

from policyreach.app.funds import shares_of
from policyreach.app.ports import PlatformServices
from policyreach.engine.scalar import compile_scalar
from policyreach.rules.ir import cols_of
from policyreach.rules.numbers import WAN
from policyreach.rules.policy import Benefit
from policyreach.store.models import Application, Entity

if TYPE_CHECKING:
    from policyreach.rules.library import CompiledBenefit


@dataclass(frozen=True)
class BenefitFacts:
    benefit_id: str
    title: str
    department: str | None  # None only for an old snapshot of a withdrawn benefit: then only an admin may act
    fund: str | None
    payout: str
    reducible: bool
    in_library: bool  # False: withdrawn or changed out of the library; the snapshot speaks for it
    shares: tuple[tuple[str, Decimal], ...] = ()  # (fund, share), the lead fund first; empty: no money paid out
    schedule: tuple[Decimal, ...] = (Decimal(1),)  # the share due in each year from the year of approval
    manual: bool = False  # 一事一议: the reviewer sets the amount on approval
    manual_cap: Decimal | None = None  # 元: the most the reviewer may set (None: the policy states no cap)
    manual_floor: Decimal | None = None  # 元: the least the reviewer may set (不低于X万元; None: no floor stated)
    # why the bounds, computed from the claimant's figures (按设备购置额的8%～12%), cannot be known: no approval then
    manual_unbounded: str | None = None

    @property
    def shown_title(self) -> str:
        return self.title if self.in_library else f"{self.title}（该事项已撤销或调整，按申请时的依据办理）"


def snapshot_of(spec: Benefit, policy_title: str) -> dict[str, Any]:
    """The benefit's own facts kept in an application's snapshot."""
    return {
        "title": spec.title,
        "policy_title": policy_title,
        "department": spec.department,
        "fund": spec.fund,
        "payout": spec.payout,
        "kind": spec.kind,
        "redemption": spec.redemption,
        "reducible": spec.reducible,
        "shares": [[fund, str(share)] for fund, share in shares_of(spec)],
        "schedule": [str(share) for share in spec.schedule],
        **(
            {
                "manual": True,
                "manual_cap": _yuan(spec, "cap"),
                "manual_floor": _yuan(spec, "floor"),
                "manual_formula_bounds": spec.amount.cap_formula is not None or spec.amount.floor_formula is not None,
            }
            if spec.amount is not None and spec.amount.manual
            else {}
        ),
    }


def _yuan(spec: Benefit, which: str) -> str | None:
    """A manual amount's cap or floor in 元 as the policy states it (a dated one is read from the library while it
    holds the benefit)."""
    from policyreach.rules.library import AMOUNT_UNITS

    amount = spec.amount
    bound = None if amount is None else (amount.cap if which == "cap" else amount.floor)
    if amount is None or not isinstance(bound, Decimal):
        return None
    return str((bound * WAN / AMOUNT_UNITS[amount.unit]).quantize(Decimal("0.01")))


def facts_of(platform: PlatformServices, application: Application) -> BenefitFacts:
    found = platform.compiled.find(application.benefit_id)
    spec = found.spec if found is not None else None
    if found is not None and spec is not None:
        shares = shares_of(spec)
        cap, floor, unbounded = found.manual_cap, found.manual_floor, None
        if found.manual_cap_node is not None or found.manual_floor_node is not None:
            cap, floor, unbounded = _claimants_bounds(platform, application, found, cap, floor)
        return BenefitFacts(
            application.benefit_id,
            spec.title,
            spec.department,
            shares[0][0] if shares else spec.fund,
            spec.payout,
            spec.reducible,
            True,
            shares,
            spec.schedule,
            found.manual,
            None if cap is None else (cap * WAN).quantize(Decimal("0.01")),
            None if floor is None else (floor * WAN).quantize(Decimal("0.01")),
            unbounded,
        )
    kept = (application.snapshot or {}).get("benefit") or {}
    shares = tuple((f, Decimal(s)) for f, s in kept.get("shares", []))
    fund = shares[0][0] if shares else (kept.get("fund") or application.fund_id)
    if not shares and fund:  # a snapshot from before shares were kept: the one fund it named, paid at once
        shares = ((fund, Decimal(1)),)
    return BenefitFacts(
        application.benefit_id,
        kept.get("title") or application.benefit_id,
        kept.get("department"),
        fund,
        kept.get("payout", "cash"),
        bool(kept.get("reducible", False)),
        False,
        shares,
        tuple(Decimal(s) for s in kept.get("schedule", [])) or (Decimal(1),),
        bool(kept.get("manual", False)),
        Decimal(kept["manual_cap"]) if kept.get("manual_cap") else None,
        Decimal(kept["manual_floor"]) if kept.get("manual_floor") else None,
        # bounds from the claimant's figures need the benefit as it was: gone from the library, none can be checked
        UNBOUNDED_GONE if kept.get("manual_formula_bounds") else None,
    )


UNBOUNDED_GONE = "该事项的核定金额上下限按申请人的数据计算，而该事项已撤销或调整，无法按申请时的依据核定"


def _claimants_bounds(
    platform: PlatformServices,
    application: Application,
    found: CompiledBenefit,
    cap: Decimal | None,
    floor: Decimal | None,
) -> tuple[Decimal | None, Decimal | None, str | None]:
    """The cap and floor (万元) computed from the claimant's own figures as the platform holds them now; an unknown
    figure leaves the bounds unknown, and the reason stops the approval."""
    session = object_session(application)
    entity = session.get(Entity, application.entity_pk) if session is not None else None
    if entity is None:
        return cap, floor, "未找到申请人的数据，无法计算核定金额的上下限"
    values = platform.record(entity).values
    bounds = []
    for node, stated in ((found.manual_cap_node, cap), (found.manual_floor_node, floor)):
        if node is None:
            bounds.append(stated)
            continue
        value = compile_scalar(node)(values)
        if value is None:
            fields = [platform.schema.field(c.attr) for c in cols_of(node) if values.get(c.column) is None]
            words = "、".join(dict.fromkeys(f.label for f in fields if f is not None))
            return cap, floor, f"核定金额的上下限按申请人的数据计算，其中{words or '所需数据'}未知，须先核实"
        bounds.append(Decimal(value))
    high, low = bounds
    if high is not None and low is not None and low > high:
        low = high  # 8% of a large purchase above the 1000万元 cap: the cap is the most, and so the least, allowed
    return high, low, None
