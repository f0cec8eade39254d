"""The policy list's rows written in Python (web/policy_list.py) against the Jinja loop they replaced: the same
markup, byte for byte, for real matches of many firms and any favourites and learned chances."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from policyreach.engine.match import Match
from policyreach.store.models import Entity
from policyreach.web import policy_list
from policyreach.web.templating import templates

# the loop as policies.html held it before the rows moved to Python (the oracle, not used by the page)
LOOP = (Path(__file__).parent / "policy_list_loop.html").read_text(encoding="utf-8").removesuffix("\n")
# autoescape as for the page: the environment decides it by the template's name, and a string has none
ORACLE = templates.env.overlay(autoescape=True).from_string(LOOP)

_cache: dict[str, list[list[Match]]] = {}


def _firms_matches(platform) -> list[list[Match]]:
    """Every kind's first entities' matches, including both windows of a benefit (the clock moved past some)."""
    if "m" not in _cache:
        found = []
        with platform.sessions() as session:
            entities = session.scalars(select(Entity).order_by(Entity.id).limit(60)).all()
            for entity in entities:
                found.append(platform.matches(session, entity, habits=False))
        _cache["m"] = found
    return _cache["m"]


def test_the_firms_matches_cover_the_rows_branches(platform) -> None:
    """The property below is only worth its name if the real matches reach each branch of the row."""
    rows = [m for ms in _firms_matches(platform) for m in ms]
    assert {m.status for m in rows} >= {"eligible", "likely", "partial"}
    assert any(m.amount is None and m.status == "partial" and m.fixed for m in rows)
    assert any(m.amount is None and not (m.status == "partial" and m.fixed) for m in rows)
    assert any(m.amount is not None for m in rows)
    assert any(m.one_click for m in rows)
    assert any(m.window.label for m in rows) and any(not m.window.label for m in rows)
    assert {m.window.status for m in rows} >= {"closed"}


@settings(max_examples=40, deadline=dt.timedelta(seconds=5))
@given(data=st.data())
def test_the_rows_are_the_loops_markup(platform, data) -> None:
    everyone = _firms_matches(platform)
    matches = data.draw(st.sampled_from(everyone)) if everyone else []
    matches = matches[: data.draw(st.integers(0, len(matches)))]
    ids = sorted({m.benefit_id for m in matches}) or ["none"]
    favourites = data.draw(st.frozensets(st.sampled_from(ids)))
    chances = data.draw(st.dictionaries(st.sampled_from(ids), st.floats(0, 1)))
    expected = ORACLE.render(matches=matches, favourites=favourites, chances=chances)
    assert str(policy_list.rows(matches, favourites, chances)) == expected
