"""One entity's matching report as every page and the API serve it: its matches ranked, its likely items' learned
probabilities, and the provenance of the model behind them (issue 21, items 3 and 5)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from policyreach.app import likelihood
from policyreach.app.ports import PlatformServices
from policyreach.reports import matching
from policyreach.store.models import Entity


def matching_report(platform: PlatformServices, session: Session, entity: Entity) -> matching.MatchingReport:
    # the chances once: the ranking weighs likely items by them, the plan counts them, the report shows them
    chances = platform.chances(session, entity)
    return matching.build(
        entity.entity_id,
        entity.name,
        entity.kind,
        platform.as_of,
        platform.matches(session, entity, chances=chances),
        chances=chances,
        model=likelihood.provenance(platform.likelihood, platform.schema),
    )
