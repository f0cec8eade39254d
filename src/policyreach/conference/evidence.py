"""Policy evidence for a proposal: a frozen snapshot of a simulation result, stored as JSON with its date and the
library version it was computed on; later changes to the library or the population never alter it.

Kinds: ``gaps`` (who no benefit reaches, split by district / industry / size, and the industries with firms
that nothing reaches), ``unclaimed`` (benefits nobody can claim), ``reform`` (what a reform costs and whom it
reaches), ``takeup`` (what named benefits delivered: 兑现率, time to money, reach; from the policy side's
take-up port). Amounts are exact decimals in 万元 written as strings; shares have six places, rounded half up.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from policyreach.app.ports import PlatformServices
from policyreach.app.takeup import takeup_of
from policyreach.conference.models import Assignment, Evidence, Proposal
from policyreach.conference.proposals import Refused, _actor, _proposer
from policyreach.conference.states import PState
from policyreach.redemption import audit
from policyreach.rules.library import compile_library
from policyreach.simulation.compare import Comparison
from policyreach.simulation.dimensions import DIMENSIONS
from policyreach.simulation.reform import apply_reform, load_reform
from policyreach.simulation.simulate import Simulation, simulate
from policyreach.store.models import Account

KINDS = {
    "gaps": "政策覆盖缺口（按区县/行业/规模）",
    "unclaimed": "无人可享的兑现事项",
    "reform": "改革方案的成本与覆盖",
    "takeup": "政策兑现情况（兑现率、到账时间、覆盖面）",
}
WAN = Decimal("0.01")
SPLITS = ("district", "section", "size_class")
SHARE = Decimal("0.000001")


def library_version(platform: PlatformServices) -> str:
    """One digest over every policy file's digest: the library the snapshot was computed on."""
    versions = sorted(platform.library.versions.items())
    return hashlib.sha256(repr(versions).encode("utf-8")).hexdigest()[:16]


def _share(part: int, whole: int) -> str:
    return str((Decimal(part) / Decimal(whole)).quantize(SHARE, ROUND_HALF_UP)) if whole else "0"


def gaps(simulation: Simulation, split: str) -> dict[str, Any]:
    if split not in SPLITS:
        raise Refused(f"请选择拆分维度：{'、'.join(DIMENSIONS[s] for s in SPLITS)}")
    table = simulation.by(split).sort("reach")
    rows = [
        {
            "value": str(r[split]),
            "label": r["label"],
            "population": int(r["population"] or 0),
            "reached": int(r["entities"]),
            "unreached": int(r["population"] or 0) - int(r["entities"]),
            "reach": _share(int(r["entities"]), int(r["population"] or 0)),
            "amount_wan": str(r["amount"]),
        }
        for r in table.iter_rows(named=True)
    ]
    uncovered = [
        {"division": r["division"], "label": r["label"], "enterprises": int(r["enterprises"])}
        for r in simulation.uncovered_industries().head(20).iter_rows(named=True)
    ]
    return {
        "split": split,
        "split_zh": DIMENSIONS[split],
        "entities": simulation.entities,
        "reached": simulation.reached,
        "rows": rows,
        "uncovered_industries": uncovered,
    }


def unclaimed(simulation: Simulation) -> dict[str, Any]:
    rows = [
        {"benefit_id": r["benefit_id"], "title": r["title"], "partial": int(r["partial"])}
        for r in simulation.unreached_benefits().iter_rows(named=True)
    ]
    return {"entities": simulation.entities, "benefits": rows}


def reform(platform: PlatformServices, session: Session, file: Path) -> dict[str, Any]:
    plan = load_reform(file)
    baseline = platform.simulation(session)

    reformed = apply_reform([platform.library_dir], platform.schema, plan, file.name)
    after = simulate(compile_library(reformed, platform.as_of), platform.population(session), dims=baseline.dims)
    comparison = Comparison(baseline, after)
    changes = [
        {
            "benefit_id": r["benefit_id"],
            "title": r["title"],
            "eligible_change": int(r["eligible_change"]),
            "amount_change_wan": str(r["amount_change"]),
        }
        for r in comparison.benefits().iter_rows(named=True)
    ]
    return {
        "reform_id": plan.id,
        "title": plan.title,
        # the cost is the cash paid out (资金拨付); tax relief and the other payouts are kept apart, never added
        "cost_before_wan": str(baseline.total_amount),
        "cost_after_wan": str(after.total_amount),
        "cost_change_wan": str(comparison.cost_change),
        "by_payout_wan": {p: [str(b), str(a), str(c)] for p, (b, a, c) in comparison.changes().items()},
        "benefits": changes,
    }


def takeup(session: Session, platform: PlatformServices, benefit_ids: list[str]) -> dict[str, Any]:
    """What the named benefits delivered (through the policy side's take-up port): 兑现率 = paid ÷ eligible, the
    median days from application and from the policy's start to the money, and whom it reached by district."""
    found = takeup_of(session, platform, benefit_ids)
    if not found.benefits:
        raise Refused("请选择要引用兑现情况的兑现事项")
    rows = [
        {
            "benefit_id": b.benefit_id,
            "title": b.title,
            "department": b.department,
            "eligible": b.eligible,
            "applied": b.applied,
            "paid": b.paid,
            "rate": _share(b.paid, b.eligible) if b.eligible else None,
            "paid_wan": str((b.paid_amount / Decimal(10000)).quantize(WAN, ROUND_HALF_UP)),
            "days_to_money": b.days_to_money,
            "days_from_publication": b.days_from_publication,
        }
        for b in found.benefits
    ]
    reach = [
        {"label": r.label, "eligible": r.eligible, "paid": r.paid, "rate": _share(r.paid, r.eligible)}
        for r in found.reach.get("district", [])
    ]
    return {"as_of": found.as_of.isoformat(), "benefits": rows, "reach_by_district": reach}


def reform_files(platform: PlatformServices) -> list[Path]:
    """Reforms a proposer may cite: the repository's examples/reforms next to the library."""
    folder = Path(platform.library_dir).resolve().parent / "examples" / "reforms"
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def attach(
    session: Session,
    account: Account,
    proposal: Proposal,
    platform: PlatformServices,
    kind: str,
    *,
    on: dt.date,
    split: str = "section",
    reform_file: Path | None = None,
    benefit_ids: list[str] | None = None,
) -> Evidence:
    """The proposer attaches a snapshot to a draft; it is frozen from then on (no route edits evidence)."""
    _proposer(session, account, proposal)
    if proposal.state != PState.DRAFT:
        raise Refused("只能在提交前为草稿附上政策证据")
    if kind == "gaps":
        data, title = gaps(platform.simulation(session), split), f"政策覆盖缺口（按{DIMENSIONS.get(split, split)}）"
    elif kind == "unclaimed":
        data, title = unclaimed(platform.simulation(session)), "无人可享的兑现事项"
    elif kind == "takeup":
        data = takeup(session, platform, list(benefit_ids or []))
        names = "、".join(b["title"] for b in data["benefits"][:2]) + ("等" if len(data["benefits"]) > 2 else "")
        title = f"兑现情况：{names}"[:200]
    elif kind == "reform":
        files = reform_files(platform)
        file = reform_file or (files[0] if files else None)
        if file is None:
            raise Refused("没有可引用的改革方案")
        data = reform(platform, session, file)
        title = f"改革方案：{data['title']}"
    else:
        raise Refused(f"证据类别应为：{'、'.join(KINDS.values())}")
    record = Evidence(
        proposal_pk=proposal.id,
        kind=kind,
        title=title,
        taken_on=on,
        library_version=library_version(platform),
        data=data,
    )
    session.add(record)
    session.flush()
    audit.record(
        session,
        _actor(account),
        "proposal.evidence",
        f"proposal:{proposal.id}",
        {"evidence": record.id, "kind": kind, "library_version": record.library_version},
    )
    return record


def proposals_for_benefit(session: Session, benefit_id: str) -> list[tuple[Proposal, str | None]]:
    """Proposals whose answer names this benefit: the benefit pages show them (the trace back to the ask).

    Each comes with its answer's class; an answer always sets one, but the column allows none, so the type does too.
    """

    rows = session.execute(
        select(Proposal, Assignment.answer_class)
        .join(Assignment, Assignment.proposal_pk == Proposal.id)
        .where(Assignment.link_kind == "benefit", Assignment.link_id == benefit_id, Assignment.state == "answered")
        .order_by(Proposal.id)
    ).all()
    return [(p, c) for p, c in rows]
