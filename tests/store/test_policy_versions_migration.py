"""Migration w001 on a database with drafts kept before versions existed: numbered per policy in upload order, with
their text's fingerprint, under the unique (policy, version) index; and its downgrade."""

from __future__ import annotations

import hashlib

from sqlalchemy import inspect, text

from policyreach.store.db import make_engine
from tests.store.test_store import _alembic


def test_w001_numbers_the_drafts_already_kept(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'drafts.db'}")
    _alembic(engine, "upgrade", "i004")
    with engine.begin() as connection:
        for policy_id, body in (("p-a", "a1"), ("p-b", "b1"), ("p-a", "a2")):
            connection.execute(
                text(
                    "INSERT INTO policy_drafts (file_name, policy_id, title, department, text, state, cases,"
                    " uploaded_by) VALUES (:f, :p, '标题', '长春市科学技术局', :t, 'draft', 1, 'officer')"
                ),
                {"f": f"{policy_id}.yaml", "p": policy_id, "t": body},
            )
    _alembic(engine, "upgrade", "w001")
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT policy_id, version, digest FROM policy_drafts ORDER BY id")).all()
        publisher = connection.execute(text("SELECT count(*) FROM accounts WHERE publisher")).scalar()
    assert [(p, v) for p, v, _ in rows] == [("p-a", 1), ("p-b", 1), ("p-a", 2)]
    assert rows[2][2] == hashlib.sha256(b"a2").hexdigest()
    assert publisher == 0
    indexes = {i["name"]: i for i in inspect(engine).get_indexes("policy_drafts")}
    assert indexes["uq_policy_drafts_version"]["unique"]
    _alembic(engine, "downgrade", "i004")
    assert "version" not in {c["name"] for c in inspect(engine).get_columns("policy_drafts")}
    assert "publisher" not in {c["name"] for c in inspect(engine).get_columns("accounts")}
    engine.dispose()
