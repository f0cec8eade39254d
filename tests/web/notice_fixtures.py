"""Applications on the public notice for the objection, withdrawal and payout tests, made through the real workflow
(a one-click claim commits the money on the fund's ledger, then an officer publishes it)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from policyreach.app.funds import fund_of
from policyreach.app.platform import Platform
from policyreach.redemption.claims import ClaimRefused, one_click
from policyreach.redemption.states import IllegalTransition
from policyreach.redemption.workflow import publish
from policyreach.store.db import transaction
from policyreach.store.models import Application, Entity
from tests.web.conftest import AS_OF


def on_notice(platform: Platform, count: int, *, ended: bool = False) -> list[int]:
    """``count`` fresh firms' one-click claims with money committed, on the notice (ended yesterday if ``ended``)."""
    made: list[int] = []
    with transaction(platform.sessions) as session:
        for entity in session.scalars(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id)):
            if len(made) == count:
                break
            if session.scalar(select(Application.id).where(Application.entity_pk == entity.id)):
                continue  # a fresh firm for every caller
            for m in platform.matcher.match(platform.record(entity)):
                if not (m.one_click and m.benefit.spec.redemption == "instant" and m.amount and fund_of(m.benefit)):
                    continue
                try:
                    with session.begin_nested():
                        application = one_click(
                            session, platform, entity, m.benefit_id, idempotency_key=None, actor="f"
                        )
                        publish(session, application, AS_OF - dt.timedelta(days=8 if ended else 0), "officer", days=7)
                except (ClaimRefused, IllegalTransition):
                    continue  # that fund is used up, or decides in batches: another benefit or another firm
                made.append(application.id)
                break
    assert len(made) == count, "the sample city should have enough fresh firms with one-click benefits"
    return made
