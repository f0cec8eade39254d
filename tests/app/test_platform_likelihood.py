"""The learned likelihood in the running platform: trained on its own population, announced to every process,
shown beside "可能符合" and used to rank a firm's likely items by expected value."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from policyreach.app.platform import Platform
from policyreach.store.models import Account, Entity
from tests.conftest import with_likelihood
from tests.web.conftest import login


@pytest.fixture(scope="module")
def trained(platform, likelihood_file):
    """The shared platform with the session's model (trained once, tests/conftest.py), taken away again so other
    tests see the platform as they expect."""
    with with_likelihood(platform, likelihood_file) as model:
        yield model


def _firm(platform) -> Entity:
    with platform.sessions() as session:
        account = session.scalar(select(Account).where(Account.username == "enterprise1"))
        assert account is not None
        entity = session.get(Entity, account.entity_pk)
        assert entity is not None
        return entity


def test_without_a_model_likely_items_say_nothing_about_a_probability(platform, app) -> None:
    # first in the module: the model below is trained once for the tests after it
    assert platform.likelihood is None
    with TestClient(app) as client:
        page = login(client, "enterprise1").get("/me/policies").text
    assert "可能符合" in page and "依据同行业、同规模企业的数据" not in page


def test_a_model_trained_in_one_process_is_loaded_by_another(platform, trained) -> None:
    assert trained.info.rows > 0 and trained.info.conditions > 0
    other = Platform(
        platform.engine,
        platform.sessions,
        platform.schema,
        platform.library,
        platform.pinned_as_of,
        platform.library_dir,
    )
    assert other.likelihood is None
    with other.sessions() as session:
        other.refresh(session)
    assert other.likelihood is not None and other.likelihood.info.version == trained.info.version


def test_likely_items_show_their_probability_and_rank_by_expected_value(platform, app, trained) -> None:
    firm = _firm(platform)
    with platform.sessions() as session:
        chances = platform.chances(session, firm)
        matches = platform.matches(session, firm, habits=False)
    likely = [m for m in matches if m.status == "likely"]
    assert likely, "the demo firm has likely items"
    assert set(chances) == {m.benefit_id for m in likely}
    assert all(0.0 <= p <= 1.0 for p in chances.values())
    # among likely items of one degree, a higher expected value (probability × amount) comes first
    values = [float(m.amount or 0) * chances[m.benefit_id] for m in likely]
    assert len(set(values)) > 1
    with TestClient(app) as client:
        page = login(client, "enterprise1").get("/me/policies").text
    shown = re.findall(r"可能符合（约 (不足 1%|99% 以上|\d{1,2}%)，依据同行业、同规模企业的数据）", page)
    assert len(shown) == len(likely)


def test_the_push_list_leaves_out_likely_pairs_under_the_threshold(platform, trained, monkeypatch) -> None:
    """Who is told to apply: a likely pair only at POLICYREACH_PUSH_MIN_PROBABILITY or above (push/events)."""
    import polars as pl

    from policyreach.engine.batch import match_population
    from policyreach.push.events import _unlikely

    with platform.sessions() as session:
        frame = platform.frame(session)
    result = match_population(platform.compiled, frame)
    likely = set(
        result.frame().with_columns(result.pairs["entity_idx"]).filter(pl.col("status") == "likely")["entity_idx"]
    )
    assert likely
    monkeypatch.setenv("POLICYREACH_PUSH_MIN_PROBABILITY", "0")
    assert _unlikely(platform, frame, result) == set()
    monkeypatch.setenv("POLICYREACH_PUSH_MIN_PROBABILITY", "1")
    everyone = _unlikely(platform, frame, result)
    assert everyone and everyone <= likely
    monkeypatch.setenv("POLICYREACH_PUSH_MIN_PROBABILITY", "0.30")
    assert _unlikely(platform, frame, result) <= everyone
