"""Registry batches on the embedded database (the demo's SQLite file, where a console file import takes the same
path): a first load writes its values and a row per entity, a later batch keeps what it replaced, and rollbacks
undo them in turn — the same rules as on PostgreSQL (tests/integration/test_ingest.py), through SQLite's inserts
instead of COPY and its parameter lists instead of arrays."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from policyreach.app import ingest
from policyreach.app.platform import Platform
from policyreach.standards.uscc import make_uscc
from policyreach.store.models import Entity, IngestBatch, IngestChange
from tests.integration.cities import plain_city

AS_OF = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Platform:
    base = tmp_path_factory.mktemp("ingest-sqlite")
    return plain_city(base, f"sqlite:///{base / 'city.db'}", 40, 61, AS_OF)


def _submit(platform: Platform, tmp: Path, source: str, batch_id: str, rows: list[dict[str, object]]):
    body = tmp / f"{batch_id}.jsonl"
    body.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    report = ingest.submit(
        platform, body, source=source, kind="enterprise", batch_id=batch_id, as_of=AS_OF, actor=None, submitted_by="t"
    )
    assert report.ok, report.errors
    return report


def test_a_first_load_and_a_later_batch_roll_back_in_turn_on_sqlite(platform: Platform, tmp_path: Path) -> None:
    codes = [make_uscc("9", "1", "220102", f"MB{n:05d}X") for n in range(1200)]  # more than SQLite's 999 parameters
    made = _submit(
        platform, tmp_path, "market_supervision", "ms-1", [{"uscc": c, "name": f"企业{c[-6:]}"} for c in codes]
    )
    assert made.created == 1200
    first = _submit(platform, tmp_path, "tax", "tax-1", [{"uscc": c, "revenue_2025": "10"} for c in codes])
    assert first.values_changed == 1200
    second = _submit(platform, tmp_path, "tax", "tax-2", [{"uscc": codes[0], "revenue_2025": "20", "tax_paid_2025": 3}])
    assert second.values_changed == 2
    with platform.sessions() as session:
        batch = session.scalar(select(IngestBatch).where(IngestBatch.batch_id == "tax-2"))
        assert batch is not None
        [change] = session.scalars(select(IngestChange).where(IngestChange.batch_pk == batch.id))
        assert change.cells == 2 and change.old is not None and change.old["revenue_2025"][0] == "10"

    with pytest.raises(ingest.RollbackRefused, match="此后已被更改"):
        ingest.rollback(platform, "tax", "tax-1", "t")
    assert ingest.rollback(platform, "tax", "tax-2", "t").restored == 2
    with platform.sessions() as session:
        firm = session.scalar(select(Entity).where(Entity.uscc == codes[0]))
        assert firm is not None and firm.values["revenue_2025"] == "10" and "tax_paid_2025" not in firm.values
        assert firm.provenance["revenue_2025"]["batch_id"] == "tax-1"
    assert ingest.rollback(platform, "tax", "tax-1", "t").restored == 1200
    assert ingest.rollback(platform, "market_supervision", "ms-1", "t").state == "rolled_back"
    with platform.sessions() as session:
        assert session.scalars(select(Entity).where(Entity.uscc.in_(codes[:900]))).first() is None
