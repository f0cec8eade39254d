"""Password hashes: the production cost by default, a cheaper one only where set, and a stored hash brought up to
the setting at its owner's next sign-in."""

from __future__ import annotations

import pytest
from argon2 import extract_parameters
from sqlalchemy import select

from policyreach import settings
from policyreach.app.accounts import authenticate, hash_password
from policyreach.store.db import make_engine, migrate, sessions
from policyreach.store.models import Account


def test_the_default_cost_is_rfc_9106s_low_memory_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("POLICYREACH_ARGON2")  # the suite's conftest lowers it
    assert settings.argon2_parameters() == (3, 65536, 4)
    made = extract_parameters(hash_password("correct horse"))
    assert (made.time_cost, made.memory_cost, made.parallelism) == (3, 65536, 4)


@pytest.mark.parametrize("raw", ["3,65536", "a,b,c", "0,8,1", "1,8,2", "1,64,0"])
def test_a_cost_argon2_cannot_run_is_refused_in_chinese(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv("POLICYREACH_ARGON2", raw)
    with pytest.raises(ValueError, match="POLICYREACH_ARGON2") as refused:
        settings.argon2_parameters()
    assert raw in str(refused.value)


def test_a_raised_cost_reaches_a_stored_hash_at_its_next_sign_in(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'accounts.db'}")
    migrate(engine)
    factory = sessions(engine)
    monkeypatch.setenv("POLICYREACH_ARGON2", "1,8,1")
    with factory() as session, session.begin():
        session.add(Account(username="finance2", password_hash=hash_password("s3cret-pass"), role="finance"))
    monkeypatch.setenv("POLICYREACH_ARGON2", "2,64,2")

    def stored() -> tuple[int, int, int]:
        with factory() as session:
            made = extract_parameters(session.scalars(select(Account.password_hash)).one())
            return made.time_cost, made.memory_cost, made.parallelism

    with factory() as session, session.begin():
        assert authenticate(session, "finance2", "wrong-pass") is None
    assert stored() == (1, 8, 1)  # a wrong password changes nothing
    with factory() as session, session.begin():
        assert authenticate(session, "finance2", "s3cret-pass") is not None
    assert stored() == (2, 64, 2)
    with factory() as session, session.begin():  # and the new hash opens it
        assert authenticate(session, "finance2", "s3cret-pass") is not None
