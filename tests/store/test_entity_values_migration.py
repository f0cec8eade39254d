"""Migration g002: the JSON documents of existing entities become typed value rows with their provenance, read back
as the same values (decimals exact, dates, flags, integers, text), and the JSON columns go."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from alembic import command
from sqlalchemy import inspect, text

from policyreach.store.db import alembic_config, make_engine, sessions
from policyreach.store.entities import read_values
from policyreach.store.models import Entity, EntityValue

VALUES = {
    "revenue_2025": "12345.678901",
    "employees_2025": 37,
    "cert_hightech": True,
    "cert_hightech_year": 2024,
    "established": "2015-03-02",
    "industry": "C3911",
    "odd": "not a number",
}
PROVENANCE = {
    "revenue_2025": {"source": "tax", "as_of": "2026-05-31", "batch_id": "t-1"},
    "employees_2025": {"source": "self_declared", "as_of": "2026-06-01", "batch_id": None},
}


def test_json_values_become_typed_rows(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "g001")
        connection.execute(
            text(
                'INSERT INTO entities (entity_id, kind, name, "values", provenance, updated_at) '
                "VALUES ('E1', 'enterprise', '长春某公司', :v, :p, CURRENT_TIMESTAMP)"
            ),
            {"v": json.dumps(VALUES), "p": json.dumps(PROVENANCE)},
        )
        command.upgrade(config, "g002")
    assert "values" not in {c["name"] for c in inspect(engine).get_columns("entities")}
    with sessions(engine)() as session:
        entity = session.query(Entity).one()
        assert entity.values == VALUES
        assert entity.provenance["revenue_2025"] == PROVENANCE["revenue_2025"]
        assert entity.provenance["employees_2025"]["source"] == "self_declared"
        revenue = session.get(EntityValue, (entity.id, "revenue_2025"))
        assert revenue is not None and revenue.year == 2025 and revenue.micro == 12345678901
        assert Decimal(revenue.micro) / 10**6 == Decimal("12345.678901")
        assert read_values(session, [entity.id])[entity.id]["odd"] == ("not a number", None)
    engine.dispose()


def test_the_bulk_read_keeps_awkward_text(tmp_path: Path) -> None:
    """SQLite's bulk read goes through CSV text: quotes, commas, new lines, an empty text and the word NULL stay
    themselves, and a missing value stays missing."""
    from policyreach.store.db import migrate
    from policyreach.store.entities import _read_long

    engine = make_engine(f"sqlite:///{tmp_path / 'awkward.db'}")
    migrate(engine)
    awkward = {"name": "it's\n,new", "a": "", "b": "NULL", "c": True, "d": 5, "e": "长春,'x'"}
    with sessions(engine)() as session, session.begin():
        session.add(Entity(entity_id="E1", kind="enterprise", name="x", values=awkward, provenance={}))
    with sessions(engine)() as session:
        _, values = _read_long(session, None)
    rows = {r["column"]: r for r in values.iter_rows(named=True)}
    assert {c: rows[c]["text"] for c in ("name", "a", "b", "e")} == {c: awkward[c] for c in ("name", "a", "b", "e")}
    assert rows["c"]["flag"] is True and rows["c"]["text"] is None
    assert rows["d"]["micro"] == 5_000_000 and rows["d"]["source"] is None
    engine.dispose()
