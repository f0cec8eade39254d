"""Migration g003m: pairs and aggregates stored in the wrong unit are dropped and marked unbuilt, so that the pages
read the simulation until the worker's rebuild stores them in 分."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command

from policyreach.store.db import alembic_config, make_engine


def test_pairs_in_the_old_unit_are_dropped_and_marked_unbuilt(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "g003i")
        connection.execute(sa.text("INSERT INTO platform_state (key, value) VALUES ('aggregates_built', '2026-06-01')"))
        connection.execute(sa.text("INSERT INTO platform_state (key, value) VALUES ('library_version', 'v1')"))
        connection.execute(
            sa.text(
                "INSERT INTO match_aggregates (benefit_id, status, district, section, size_class, entities, cents) "
                "VALUES ('b1', 'eligible', '220102', 'C', '小', 3, 7433)"
            )
        )
        command.upgrade(config, "g003m")
    with engine.begin() as connection:
        assert connection.execute(sa.text("SELECT count(*) FROM match_aggregates")).scalar() == 0
        kept = connection.execute(sa.text("SELECT key FROM platform_state")).scalars().all()
        assert kept == ["library_version"]  # only the mark of the built aggregates goes
        # a pair whose amount is not known keeps no amount (it was stored as 0)
        connection.execute(
            sa.text("INSERT INTO entities (id, entity_id, kind, name) VALUES (1, 'E1', 'enterprise', '甲')")
        )
        connection.execute(
            sa.text(
                "INSERT INTO entity_matches (entity_pk, benefit_id, status, cents, district, section, size_class) "
                "VALUES (1, 'b1', 'eligible', NULL, '220102', 'C', '小')"
            )
        )
