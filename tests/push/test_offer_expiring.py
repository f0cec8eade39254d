"""A 免申即享 offer not yet confirmed is told again 7 and 1 days before its benefit's window closes, in 万元."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from policyreach.push.events import offer_expiring
from policyreach.rules.library import compile_library
from policyreach.rules.policy import Window


def test_an_unconfirmed_offer_is_told_before_its_window_closes(fixture_library):
    compiled = compile_library(fixture_library, dt.date(2026, 6, 1))
    real = compiled.benefits[0]
    application = real.spec.application.model_copy(
        update={"window": Window(opens=dt.date(2026, 6, 1), closes=dt.date(2026, 6, 30)), "windows": ()}
    )
    benefit = SimpleNamespace(id=real.id, spec=real.spec.model_copy(update={"application": application}))
    offer = SimpleNamespace(entity_pk=7, amount=Decimal("123456.00"), period="2026")
    told = {
        day: offer_expiring(benefit, offer, dt.date(2026, 6, day), "v1")  # type: ignore[arg-type]
        for day in (22, 23, 28, 29, 30)
    }
    assert [day for day, message in told.items() if message is not None] == [23, 29]
    week = told[23]
    assert week is not None and week.recipient == "e:7" and week.kind == "offer.expiring"
    assert "12.35 万元" in week.body and "2026年6月30日" in week.body and "还剩 7 天" in week.body
    assert week.dedupe_key != told[29].dedupe_key  # type: ignore[union-attr]
    # a benefit open all year round has no closing date to warn of
    always = SimpleNamespace(
        id=real.id,
        spec=real.spec.model_copy(
            update={"application": real.spec.application.model_copy(update={"window": None, "windows": ()})}
        ),
    )
    assert offer_expiring(always, offer, dt.date(2026, 6, 23), "v1") is None  # type: ignore[arg-type]
