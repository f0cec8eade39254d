"""一事一议: a manual amount is the reviewer's, set on approval, server-side never above the policy's cap."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from policyreach.redemption.claims import ClaimRefused
from policyreach.redemption.facts import facts_of
from policyreach.redemption.states import State
from policyreach.redemption.workflow import decide
from policyreach.store.models import Account, Application, Entity, LedgerEntry
from tests.conftest import PLATFORM_AS_OF
from tests.platforms import demo_platform

KINDS = Path(__file__).resolve().parents[1] / "rules" / "amount_kinds" / "cc-amount-kinds.yaml"


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory):
    """A small city whose library holds the test library of amount kinds beside the sample policies."""
    return demo_platform(
        tmp_path_factory.mktemp("manual"), None, 20, 5, PLATFORM_AS_OF, lambda d: shutil.copy(KINDS, d)
    )


def _submitted(session, benefit_id: str) -> Application:
    entity = session.scalar(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id))
    application = Application(
        entity_pk=entity.id,
        benefit_id=benefit_id,
        period="2026",
        state=State.SUBMITTED,
        redemption="review",
        amount=None,
        snapshot={},
    )
    session.add(application)
    session.flush()
    return application


def test_the_reviewer_sets_a_manual_amount_within_the_cap(platform) -> None:
    officer = Account(username="o", password_hash="x", role="officer", department="长春市科学技术局")
    with platform.sessions() as session, session.begin():
        application = _submitted(session, "ak-manual")
        facts = facts_of(platform, application)
        assert facts.manual and facts.manual_cap == Decimal("10000000.00")  # 1,000 万元 in 元
        for amount, message in [
            (None, "须填写核定金额"),
            (Decimal("10000000.01"), "超过政策规定的上限 1,000 万元"),
            (Decimal(0), "须大于 0"),
            (Decimal("0.001"), "最多精确到分"),
        ]:
            with pytest.raises(ClaimRefused, match=message):
                decide(session, platform, officer, application, "approve", amount=amount)
            session.refresh(application)
            assert application.state == State.SUBMITTED and application.amount is None
        assert not session.scalar(select(func.count()).where(LedgerEntry.application_id == application.id))
        decide(session, platform, officer, application, "approve", amount=Decimal("800000.00"))
        session.refresh(application)
        assert application.state == State.APPROVED and application.amount == Decimal("800000.00")
        committed = session.scalar(
            select(func.sum(LedgerEntry.amount)).where(LedgerEntry.application_id == application.id)
        )
        assert committed == Decimal("800000.00")


def test_a_formula_amount_is_not_the_reviewers_to_set(platform) -> None:
    officer = Account(username="o", password_hash="x", role="officer", department="长春市科学技术局")
    with platform.sessions() as session, session.begin():
        application = _submitted(session, "ak-progressive")
        with pytest.raises(ClaimRefused, match="不由评审填写"):
            decide(session, platform, officer, application, "approve", amount=Decimal(100))
