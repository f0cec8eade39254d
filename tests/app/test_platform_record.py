"""The engine's view of a stored entity is the same whichever way its values were read: with the entity (its
``value_rows``, as most pages load it) or as plain rows (the policy list, whose account query leaves them out)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import lazyload

from policyreach.store.models import Entity


def test_an_entitys_record_from_plain_rows_equals_the_one_from_its_loaded_values(platform) -> None:
    with platform.sessions() as lean, platform.sessions() as loaded:
        query = select(Entity).order_by(Entity.id).limit(150)
        plain = lean.scalars(query.options(lazyload(Entity.value_rows))).all()
        full = {e.id: e for e in loaded.scalars(query)}
        assert len(plain) == 150
        for entity in plain:
            record = platform.record(entity)
            assert "value_rows" not in entity.__dict__  # read as plain rows, no object per value
            expected = platform.record_of(full[entity.id], full[entity.id].values, full[entity.id].provenance)
            assert record == expected and list(record.values) == list(expected.values)
            assert record.values and record.sources  # a real firm's figures, not two empty records
