"""Policy evidence: frozen simulation snapshots on a proposal, and the trace from a benefit back to the proposal."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from policyreach import settings
from policyreach.conference import evidence as ev
from policyreach.conference import proposals as wf
from policyreach.conference.models import ConferenceMember, Evidence
from policyreach.conference.roles import Forbidden
from policyreach.store.models import Account
from tests.conference.conftest import build_world

TEXT = dict(
    category="经济建设",
    case_text="部分行业没有任何政策覆盖。",
    analysis="见附件证据。",
    suggestions="针对未覆盖行业出台扶持政策。",
    year=2026,
)


def _member(session, username):
    account = session.scalar(select(Account).where(Account.username == username))
    return account, session.scalar(select(ConferenceMember).where(ConferenceMember.account_pk == account.id))


def test_snapshots_are_frozen_with_date_and_library_version(platform):
    with platform.sessions() as session, session.begin():
        author, _ = _member(session, "member3")
        p = wf.draft(session, author, title="关于补齐政策覆盖缺口的建议", **TEXT)
        gaps = ev.attach(session, author, p, platform, "gaps", split="district", on=dt.date(2026, 6, 1))
        unclaimed = ev.attach(session, author, p, platform, "unclaimed", on=dt.date(2026, 6, 1))
        reform = ev.attach(
            session,
            author,
            p,
            platform,
            "reform",
            on=dt.date(2026, 6, 1),
            reform_file=settings.ROOT / "examples" / "reforms" / "hightech-award.yaml",
        )
        sim = platform.simulation(session)
        assert gaps.library_version == ev.library_version(platform) and len(gaps.library_version) == 16
        assert gaps.data["entities"] == sim.entities and gaps.data["split"] == "district"
        rows = gaps.data["rows"]
        assert sum(r["population"] for r in rows) == sim.entities
        assert all(r["unreached"] == r["population"] - r["reached"] for r in rows)
        # shares are exact six-place decimals, lowest reach first
        reach = [Decimal(r["reach"]) for r in rows]
        assert reach == sorted(reach) and all(r.as_tuple().exponent >= -6 for r in reach)
        assert {b["benefit_id"] for b in unclaimed.data["benefits"]} == set(sim.unreached_benefits()["benefit_id"])
        assert reform.data["reform_id"] and Decimal(reform.data["cost_change_wan"]) == (
            Decimal(reform.data["cost_after_wan"]) - Decimal(reform.data["cost_before_wan"])
        )
        wf.submit(session, author, p, dt.date(2026, 6, 2))
        with pytest.raises(wf.Refused, match="草稿"):
            ev.attach(session, author, p, platform, "gaps", on=dt.date(2026, 6, 2))
        stored = session.scalars(select(Evidence).where(Evidence.proposal_pk == p.id).order_by(Evidence.id)).all()
        assert [e.kind for e in stored] == ["gaps", "unclaimed", "reform"]
        assert stored[0].taken_on == dt.date(2026, 6, 1)
        session.rollback()


def test_only_the_proposer_attaches_evidence(platform):
    with platform.sessions() as session, session.begin():
        author, _ = _member(session, "member3")
        other, _ = _member(session, "member2")
        p = wf.draft(session, author, title="关于无人可享政策的建议", **TEXT)
        with pytest.raises(Forbidden):
            ev.attach(session, other, p, platform, "unclaimed", on=dt.date(2026, 6, 1))
        session.rollback()


def test_a_benefit_lists_the_proposals_it_implements(sqlite_factory):
    with sqlite_factory() as session, session.begin():
        w = build_world(session)
        p = wf.draft(session, w["proposer"], title="关于提高高企奖励的建议", **TEXT)
        wf.submit(session, w["proposer"], p, dt.date(2026, 3, 1))
        wf.file_proposal(session, w["committee"], p, dt.date(2026, 3, 2))
        (lead,) = wf.assign(session, w["committee"], p, dt.date(2026, 3, 3), lead=w.units["science"].id)
        assert all(q.id != p.id for q, _ in ev.proposals_for_benefit(session, "ht-hightech-first"))
        wf.record_contact(session, w["science"], lead, dt.date(2026, 3, 5), "电话")
        wf.answer(
            session,
            w["science"],
            lead,
            "奖励标准已提高，一键即享。",
            "A",
            dt.date(2026, 3, 9),
            link_kind="benefit",
            link_id="ht-hightech-first",
        )
        assert (p, "A") in ev.proposals_for_benefit(session, "ht-hightech-first")
        assert ev.proposals_for_benefit(session, "no-such-benefit") == []


def test_a_proposal_cites_a_benefits_take_up_through_the_policy_sides_port(platform, app):
    """The conference reads take-up through app.takeup.takeup_of (the same figures as /console/takeup), frozen."""
    import re

    from fastapi.testclient import TestClient

    from policyreach.app.takeup import take_up
    from tests.web.conftest import csrf_of, login

    with platform.sessions() as session:
        console = take_up(session, platform, platform.simulation(session), list(platform.compiled.benefits))
    cited = max(console.benefits, key=lambda b: (b.paid, b.eligible))
    assert cited.eligible > 0
    with platform.sessions() as session, session.begin():
        author, _ = _member(session, "member3")
        p = wf.draft(session, author, title="关于提高政策兑现率的建议", **TEXT)
        with pytest.raises(wf.Refused, match="兑现事项"):
            ev.attach(session, author, p, platform, "takeup", on=dt.date(2026, 6, 1), benefit_ids=["no-such-benefit"])
        snap = ev.attach(session, author, p, platform, "takeup", on=dt.date(2026, 6, 1), benefit_ids=[cited.benefit_id])
        row = snap.data["benefits"][0]
        assert (row["eligible"], row["applied"], row["paid"]) == (cited.eligible, cited.applied, cited.paid)
        assert Decimal(row["rate"]) == (Decimal(cited.paid) / Decimal(cited.eligible)).quantize(Decimal("0.000001"))
        assert Decimal(row["paid_wan"]) == (cited.paid_amount / 10000).quantize(Decimal("0.01"))
        assert row["days_to_money"] == cited.days_to_money and snap.data["reach_by_district"]
        pid = p.id
    with TestClient(app) as client:
        login(client, "member3")
        page = client.get(f"/conference/proposals/{pid}").text
        assert "兑现情况：" + cited.title in page and " 万元" in page
        assert re.search(r"<td>\d+\.\d%</td>", page)  # 兑现率 as a percentage with one decimal, not a raw ratio
        token = csrf_of(page)
        client.post(
            f"/conference/proposals/{pid}/evidence",
            data={"csrf_token": token, "kind": "takeup", "benefit": cited.benefit_id},
        )
    with platform.sessions() as session:
        assert len(session.scalars(select(Evidence).where(Evidence.proposal_pk == pid)).all()) == 2
