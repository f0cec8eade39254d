"""Closed-world registry imports: the lists' silence becomes known none, with provenance, on both local back ends."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from policyreach import settings
from policyreach.engine.batch import match_population
from policyreach.engine.entity import entity_from_mapping
from policyreach.engine.match import match_entity
from policyreach.imports.registries import close_frame, close_record, contradictions, list_import
from policyreach.rules.absence import NONE
from policyreach.rules.errors import RuleError
from policyreach.rules.library import compile_library, load_library
from policyreach.rules.schema import load_schema

AS_OF = dt.date(2025, 6, 30)
SCHEMA = load_schema(settings.schema_path())


@pytest.fixture(scope="module")
def compiled():  # type: ignore[no-untyped-def]
    return compile_library(load_library([settings.library_path()], SCHEMA), AS_OF)


def _imports() -> list:  # type: ignore[type-arg]
    return [
        list_import(SCHEMA, name, "2026-06-30", f"b-{name}")
        for name in ("hightech_list", "unicorn_list", "credit_blacklist")
    ]


def test_the_schema_declares_complete_lists() -> None:
    assert SCHEMA.registries["hightech_list"].complete == ("cert_hightech_year",)
    assert set(SCHEMA.registries["credit_blacklist"].kinds) == {"enterprise", "institute"}
    with pytest.raises(RuleError, match="hightech"):
        list_import(SCHEMA, "hightech", "2026-06-30", "b")


def test_an_unlisted_firm_is_known_not_certified_and_told_why(compiled) -> None:  # type: ignore[no-untyped-def]
    firm = entity_from_mapping(SCHEMA, {"industry": "C31", "employees": {2024: 117}}, verified="all")
    before = {m.benefit_id: m for m in match_entity(compiled, firm, keep_all=True)}
    closed = close_record(firm, SCHEMA, _imports())
    assert closed.values["cert_hightech_year"] is NONE and closed.values["serious_violation"] is False
    assert closed.absent["cert_unicorn_year"].batch == "b-unicorn_list"
    after = {m.benefit_id: m for m in match_entity(compiled, closed, keep_all=True)}
    unicorn = [b for b, m in before.items() if "cert_unicorn_year" in m.benefit.columns]
    assert unicorn, "the sample library has a 独角兽 benefit"
    for benefit in unicorn:
        assert before[benefit].status == "likely"
        assert after[benefit].status in ("partial", "ineligible")
        sentences = [c.explanation for c in after[benefit].conditions if c.outcome == "unmet"]
        assert any("科技局独角兽企业名单（截至 2026-06-30）未列入" in s for s in sentences), sentences


def test_a_listed_or_declared_value_is_kept_and_a_contradiction_reported() -> None:
    listed = entity_from_mapping(SCHEMA, {"cert_hightech_year": 2023}, verified="all")
    assert close_record(listed, SCHEMA, _imports()).values["cert_hightech_year"] == 2023
    declared = entity_from_mapping(SCHEMA, {"cert_unicorn_year": 2024})
    closed = close_record(declared, SCHEMA, _imports())
    assert closed.values["cert_unicorn_year"] == 2024 and closed.sources["cert_unicorn_year"] == "self_declared"
    assert [a for a, _ in contradictions(closed, SCHEMA, _imports())] == ["cert_unicorn_year"]
    talent = entity_from_mapping(SCHEMA, {}, kind="talent")
    assert "cert_hightech_year" not in close_record(talent, SCHEMA, _imports()).values  # not a covered kind


def test_the_frame_and_the_record_agree(compiled) -> None:  # type: ignore[no-untyped-def]
    frame = pl.DataFrame(
        {
            "entity_id": ["a", "b", "t"],
            "kind": ["enterprise", "enterprise", "talent"],
            "cert_hightech_year": pl.Series([2024, None, None], dtype=pl.Int64),
            "cert_hightech_year__verified": [True, False, False],
            "serious_violation": pl.Series([True, None, None], dtype=pl.Boolean),
            "serious_violation__verified": [True, False, False],
        }
    )
    closed = close_frame(frame, SCHEMA, _imports())
    assert closed["cert_hightech_year__none"].to_list() == [False, True, False]
    assert closed["serious_violation"].to_list() == [True, False, None]
    assert closed["cert_hightech_year__verified"].to_list() == [True, True, False]
    batch = match_population(compiled, closed, min_degree=0, include_partial=True)
    by_id = dict(zip(batch.frame()["entity_id"], batch.frame()["benefit_id"], strict=False))
    assert by_id  # something matched
    rows = closed.to_dicts()
    for i, row in enumerate(rows[:2]):
        record = entity_from_mapping(
            SCHEMA,
            {k: v for k, v in row.items() if k in ("cert_hightech_year", "serious_violation") and v is not None},
            entity_id=row["entity_id"],
            verified="all",
        )
        record = close_record(record, SCHEMA, _imports())
        for match in match_entity(compiled, record, keep_all=True):
            assert batch.outcomes(i, match.benefit_id) == list(match.outcomes), match.benefit_id
