"""Known absence in the engine: a none value decides every condition on it, on both local back ends."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from policyreach.engine.batch import match_population
from policyreach.engine.entity import EntityRecord
from policyreach.engine.match import match_entity
from policyreach.rules.absence import NONE
from policyreach.rules.library import CompiledLibrary, Library, add_policy_file, compile_library
from policyreach.rules.schema import Attribute, Schema
from policyreach.rules.types import Type

SCHEMA = Schema(
    sources={"science_bureau": "科学技术局", "self_declared": "自行填报"},
    attributes={
        "y": Attribute(name="y", label="认定年份", type=Type.INT, unit="年", source="science_bureau"),
        "f": Attribute(name="f", label="失信", type=Type.BOOL, source="science_bureau"),
    },
)
# expression → outcome when y (and f) is none
CASES = {
    "y >= 2023": "unmet",
    "y == 2024": "unmet",
    "y != 2024": "met",
    "y <= 2024": "unmet",
    "not (y >= 2023)": "met",
    "y in [2023, 2024]": "unmet",
    "y not in [2023, 2024]": "met",
    "coalesce(y, 0) < 2022": "met",
    "y + 1 > 2000": "unmet",
    "max(y, 2020) >= 2020": "unmet",
    "not f": "met",
    "f": "unmet",
    "f or y >= 2020": "unmet",
}


def _compiled() -> CompiledLibrary:
    text = (
        "id: p\ntitle: 测试\nissuer: 局\nlevel: city\nregion: '220100'\nvalid_from: 2020-01-01\nsource: 测试\n"
        "clauses: {'1': 第一条}\nbenefits:\n"
        + "".join(
            f"  - id: b{i}\n    title: 事项{i}\n    kind: subsidy\n    payout: cash\n    department: 局\n"
            "    subjects: [enterprise]\n"
            f"    conditions:\n      - {{expr: '{e}', clause: '1'}}\n    application: {{department: 局, channel: 网}}\n"
            for i, e in enumerate(CASES)
        )
    )
    library = Library(schema=SCHEMA)
    add_policy_file(library, "p.yaml", text)
    return compile_library(library, dt.date(2025, 6, 30))


@pytest.mark.parametrize("absent", [True, False])
def test_none_decides_and_null_stays_unknown(absent: bool) -> None:
    compiled = _compiled()
    frame = pl.DataFrame(
        {
            "entity_id": ["e"],
            "kind": ["enterprise"],
            "y": pl.Series([None], dtype=pl.Int64),
            "f": pl.Series([None], dtype=pl.Boolean),
            "y__verified": [absent],
            "f__verified": [absent],
            **({"y__none": [True], "f__none": [True]} if absent else {}),
        }
    )
    result = match_population(compiled, frame, min_degree=0, include_partial=True)
    record = EntityRecord("e", values={"y": NONE, "f": NONE} if absent else {}, sources={})
    scalar = {m.benefit_id: m for m in match_entity(compiled, record, keep_all=True)}
    for i, want in enumerate(CASES.values()):
        # coalesce passes over an unknown value too (its meaning before known absence existed)
        expected = want if absent or "coalesce" in list(CASES)[i] else "unknown"
        assert result.outcomes(0, f"b{i}") == [expected], list(CASES)[i]
        assert scalar[f"b{i}"].outcomes == (expected,), list(CASES)[i]


def test_a_declared_value_wins_over_a_registry_none() -> None:
    compiled = _compiled()
    frame = pl.DataFrame(
        {"entity_id": ["e"], "kind": ["enterprise"], "y": [2024], "y__none": [True], "y__verified": [False]}
    )
    result = match_population(compiled, frame, min_degree=0, include_partial=True)
    assert result.outcomes(0, "b1") == ["met"]  # y == 2024
