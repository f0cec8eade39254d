"""The labelled sentence set is itself valid: every expected rule parses against the schema."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from policyreach import settings
from policyreach.rules.language import Env, check_amount, check_condition, parse_expression
from policyreach.rules.schema import load_schema

SET = Path(__file__).parent / "labelled" / "sentences.yaml"


@pytest.fixture(scope="module")
def sentences() -> list[dict]:
    return yaml.safe_load(SET.read_text(encoding="utf-8"))["sentences"]


def test_size_ids_and_novel_share(sentences) -> None:
    assert len(sentences) >= 150
    assert len({s["id"] for s in sentences}) == len(sentences)
    novel = [s for s in sentences if s["phrasing"] == "novel"]
    assert len(novel) / len(sentences) >= 0.40
    assert all(s["novel"] for s in novel)
    assert sum(1 for s in sentences if s["conditions"] and s["amount"]) >= 60
    assert sum(1 for s in sentences if not s["conditions"] and not s["amount"]) >= 10


def test_every_expected_rule_type_checks(sentences) -> None:
    env = Env(load_schema(settings.ROOT / "schema"), {})
    for s in sentences:
        for condition in s["conditions"]:
            check_condition(parse_expression(condition, env))
        if s["amount"]:
            check_amount(parse_expression(s["amount"], env))


def test_the_later_addition_type_checks_and_is_kept_apart() -> None:
    later = yaml.safe_load((SET.parent / "later_2026-11-26.yaml").read_text(encoding="utf-8"))["sentences"]
    frozen = {s["id"] for s in yaml.safe_load(SET.read_text(encoding="utf-8"))["sentences"]}
    assert len(later) >= 30 and not frozen & {s["id"] for s in later}
    env = Env(load_schema(settings.ROOT / "schema"), {})
    for s in later:
        for condition in s["conditions"]:
            check_condition(parse_expression(condition, env))
        if s["amount"]:
            check_amount(parse_expression(s["amount"], env))
