"""Several funds by share (市区按比例分担) and instalments over several years: the split is exact to the 分, the library
states it, and a claim commits every part on its fund and period or none, also under concurrency on PostgreSQL."""

from __future__ import annotations

import threading
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from sqlalchemy import func, select

from policyreach.redemption import funds
from policyreach.rules.policy import Benefit, split_exact
from policyreach.store.db import make_engine, migrate, sessions, transaction
from policyreach.store.models import Application, Entity, Fund, LedgerEntry

CITY, DISTRICT = "city", "district"
SHARES = ((CITY, Decimal("0.6")), (DISTRICT, Decimal("0.4")))


@given(
    cents=st.integers(0, 10**12),
    weights=st.lists(st.integers(1, 1000), min_size=1, max_size=5),
)
def test_a_split_adds_up_to_the_fen_and_the_first_part_takes_the_remainder(cents: int, weights: list[int]) -> None:
    total = Decimal(cents) / 100
    # weights as exact ratios summing to 1: the last one takes what the others leave
    ratios = [(Decimal(w) / sum(weights)).quantize(Decimal("0.000001"), "ROUND_DOWN") for w in weights[:-1]]
    ratios.append(1 - sum(ratios, Decimal(0)))
    parts = split_exact(total, ratios)
    assert sum(parts, Decimal(0)) == total
    assert all(p == p.quantize(Decimal("0.01")) and p >= 0 for p in parts)
    for part, ratio in zip(parts[1:], ratios[1:], strict=True):  # the others are rounded down, never up
        assert total * ratio - Decimal("0.01") < part <= total * ratio
    assert parts[0] >= total * ratios[0]  # the remainder cent goes to the first, stated place


def test_the_plan_splits_by_fund_then_by_instalment() -> None:
    parts = funds.plan(SHARES, (Decimal("0.4"), Decimal("0.3"), Decimal("0.3")), Decimal("1000.01"), "2026")
    assert [(p.fund_id, p.period, p.amount) for p in parts] == [
        (CITY, "2026", Decimal("240.01")),  # the city's 600.01: the cent the 60/40 split leaves is the city's …
        (CITY, "2027", Decimal("180.00")),
        (CITY, "2028", Decimal("180.00")),
        (DISTRICT, "2026", Decimal("160.00")),
        (DISTRICT, "2027", Decimal("120.00")),
        (DISTRICT, "2028", Decimal("120.00")),
    ]
    assert sum((p.amount for p in parts), Decimal(0)) == Decimal("1000.01")
    # … and a single fund paid at once is one part, as before
    assert funds.plan(((CITY, Decimal(1)),), (Decimal(1),), Decimal("5.00"), "2026") == [
        funds.Part(CITY, "2026", Decimal("5.00"))
    ]


BENEFIT: dict[str, Any] = {
    "id": "b",
    "title": "奖励",
    "kind": "subsidy",
    "payout": "cash",
    "department": "科技局",
    "application": {"department": "科技局", "channel": "平台"},
}


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"funds": [{"fund": "a", "share": "0.6"}, {"fund": "b", "share": "0.5"}]}, "add up to 1.1, not 1"),
        ({"funds": [{"fund": "a", "share": "0.6"}, {"fund": "a", "share": "0.4"}]}, "names a fund twice"),
        ({"funds": [{"fund": "a", "share": "1"}]}, "at least two funds"),
        ({"fund": "a", "funds": [{"fund": "a", "share": "0.5"}, {"fund": "b", "share": "0.5"}]}, "not both"),
        ({"funds": [{"fund": "a", "share": "0"}, {"fund": "b", "share": "1"}]}, "ratio above 0"),
        ({"funds": [{"fund": "a", "share": "0.3333333"}, {"fund": "b", "share": "0.6666667"}]}, "six decimal"),
        ({"instalments": ["0.4", "0.3", "0.2"]}, "add up to 0.9, not 1"),
        ({"payout": "tax", "instalments": ["0.5", "0.5"]}, "draws on no fund"),
    ],
)
def test_the_library_refuses_shares_and_instalments_that_do_not_add_up(extra: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Benefit.model_validate({**BENEFIT, **extra})


def test_the_library_reads_shares_and_instalments() -> None:
    spec = Benefit.model_validate(
        {
            **BENEFIT,
            "funds": [{"fund": "a", "share": Decimal("0.6")}, {"fund": "b", "share": Decimal("0.4"), "name": "区资金"}],
            "instalments": [Decimal("0.4"), Decimal("0.3"), Decimal("0.3")],
        }
    )
    assert spec.shares == (("a", Decimal("0.6")), ("b", Decimal("0.4")))
    assert spec.schedule == (Decimal("0.4"), Decimal("0.3"), Decimal("0.3"))
    single = Benefit.model_validate({**BENEFIT, "fund": "a"})
    assert single.shares == (("a", Decimal(1)),) and single.schedule == (Decimal(1),)


# -- on PostgreSQL: every part commits or none ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def shared_engine(postgres_database) -> Any:
    engine = make_engine(postgres_database("policyreach_fund_shares"))
    migrate(engine)
    with transaction(sessions(engine)) as session:
        session.add_all([Fund(id=CITY, name="市级资金"), Fund(id=DISTRICT, name="区级配套资金")])
    yield engine
    engine.dispose()


def _applications(engine: Any, n: int, tag: str) -> list[int]:
    with transaction(sessions(engine)) as session:
        entity = Entity(entity_id=f"E-{tag}", kind="enterprise", name="某公司", values={}, provenance={})
        session.add(entity)
        session.flush()
        made = [
            Application(
                entity_pk=entity.id,
                benefit_id=f"{tag}-{i}",
                period="2026",
                state="approved",
                redemption="instant",
                amount=Decimal("1000.00"),
                fund_id=CITY,
                snapshot={},
            )
            for i in range(n)
        ]
        session.add_all(made)
        session.flush()
        return [a.id for a in made]


def _budgets(engine: Any, period: str, city: str, district: str) -> None:
    with transaction(sessions(engine)) as session:
        funds.set_budget(session, CITY, period, Decimal(city), "批复", "finance")
        funds.set_budget(session, DISTRICT, period, Decimal(district), "批复", "finance")


def _rows(engine: Any, ids: list[int]) -> int:
    with sessions(engine)() as session:
        return session.scalar(select(func.count(LedgerEntry.id)).where(LedgerEntry.application_id.in_(ids))) or 0


def test_a_share_that_does_not_fit_refuses_the_whole_claim(shared_engine: Any) -> None:
    _budgets(shared_engine, "2030", "100000", "399.99")  # the city has room; the district one 分 too little
    (application_id,) = _applications(shared_engine, 1, "all-or-nothing")
    plan = funds.plan(SHARES, (Decimal(1),), Decimal("1000.00"), "2030")
    with sessions(shared_engine)() as session:
        application = session.get(Application, application_id)
        refusal = r"区级配套资金.*2030年度额度已用完.*剩余 399.99 元，本项需 400.00 元"
        with pytest.raises(funds.OverBudget, match=refusal):
            funds.commit_plan(session, application, plan, "firm")
        session.commit()  # whatever the refused claim had written would be kept now
        assert funds.figures_for(session, CITY, "2030").used == 0
    assert _rows(shared_engine, [application_id]) == 0
    # a later instalment's year without a budget: refused too, naming that year, nothing written
    later = funds.plan(SHARES, (Decimal("0.5"), Decimal("0.5")), Decimal("1000.00"), "2030")
    with sessions(shared_engine)() as session:
        application = session.get(Application, application_id)
        with pytest.raises(funds.NotFunded, match="2031年度预算尚未下达"):
            funds.commit_plan(session, application, later, "firm")
        session.commit()
    assert _rows(shared_engine, [application_id]) == 0


def test_concurrent_claims_on_two_funds_commit_only_what_both_have_room_for(shared_engine: Any) -> None:
    """Eight claims at once, each 600 on the city fund and 400 on the district's; the district has room for three:
    exactly three commit both shares, the rest neither, and neither fund is ever over its budget."""
    _budgets(shared_engine, "2031", "100000", "1200")
    ids = _applications(shared_engine, 8, "race")
    plan = funds.plan(SHARES, (Decimal(1),), Decimal("1000.00"), "2031")
    barrier = threading.Barrier(len(ids))
    outcome: dict[int, str] = {}

    def claim(application_id: int) -> None:
        with sessions(shared_engine)() as session:
            application = session.get(Application, application_id)
            barrier.wait()
            try:
                funds.commit_plan(session, application, plan, "firm")
                session.commit()
                outcome[application_id] = "committed"
            except funds.OverBudget:
                session.rollback()
                outcome[application_id] = "refused"

    threads = [threading.Thread(target=claim, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcome.values()) == ["committed"] * 3 + ["refused"] * 5
    with sessions(shared_engine)() as session:
        assert funds.figures_for(session, DISTRICT, "2031").used == Decimal("1200.00")
        assert funds.figures_for(session, CITY, "2031").used == Decimal("1800.00")
        committed = [i for i, o in outcome.items() if o == "committed"]
        assert _rows(shared_engine, committed) == 6 and _rows(shared_engine, ids) == 6
