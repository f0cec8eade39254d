"""The sample library: size, coverage of its own cases, the features a real library uses, and on a generated 长春
every benefit reaches someone, the columnar and the single-entity engine agreeing."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path

import polars as pl
import pytest

from policyreach.engine.batch import match_population
from policyreach.engine.cases import run_tests
from policyreach.engine.entity import record_from_row
from policyreach.engine.match import match_entity
from policyreach.population.generate import generate
from policyreach.rules.errors import RuleErrors
from policyreach.rules.library import Library, add_policy_file, compile_library
from policyreach.rules.schema import Schema
from tests.rules.one_benefit import POLICY

AS_OF = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def population(tmp_path_factory: pytest.TempPathFactory) -> pl.DataFrame:
    path: Path = tmp_path_factory.mktemp("city") / "city.parquet"
    generate(4000, 11, path, as_of_year=AS_OF.year)
    return pl.read_parquet(path)


def test_size_and_sample_labelling(library: Library) -> None:
    assert len(library.policies) >= 12
    assert len(library.benefits) >= 60
    for policy in library.policies.values():
        assert policy.sample and "示例" in policy.source and "非官方" in policy.source, policy.id
    levels = Counter(p.level for p in library.policies.values())
    assert levels["province"] + levels["national"] >= 2


def test_every_case_passes(library: Library) -> None:
    report = run_tests(library)
    assert report.ok, "\n".join(map(str, report.failures or []))
    assert report.cases >= len(library.benefits)


def test_every_benefit_has_an_eligible_and_a_non_eligible_case(library: Library) -> None:
    seen: dict[str, set[str]] = defaultdict(set)
    for cases in library.tests.values():
        for case in cases:
            for benefit_id, expected in case.expect.items():
                seen[benefit_id].add("yes" if expected.status == "eligible" else "no")
    for benefit in library.benefits:
        assert seen[benefit.id] >= {"yes", "no"}, f"{benefit.id}: cases {sorted(seen[benefit.id])}"


def test_one_click_benefits(library: Library) -> None:
    one_click = [
        b
        for b in library.benefits
        if b.spec.kind in ("certification", "indicator") and b.spec.redemption in ("instant", "automatic")
    ]
    assert len(one_click) >= 15


def test_library_uses_groups_tiers_caps_and_prerequisites(library: Library) -> None:
    benefits = [b.spec for b in library.benefits]
    groups = Counter(b.exclusive_group for b in benefits if b.exclusive_group)
    assert sum(1 for n in groups.values() if n >= 2) >= 3
    formulas = [b.amount.formula for b in benefits if b.amount]
    assert sum("tier(" in f for f in formulas) >= 3
    assert sum(("min(" in f) for f in formulas) + sum(1 for b in benefits if b.amount and b.amount.cap) >= 5
    assert sum(1 for b in benefits if b.prerequisites) >= 3
    assert {s for b in benefits for s in b.subjects} == {"enterprise", "institute", "talent"}


def test_every_condition_cites_its_clause(library: Library) -> None:
    for benefit in library.benefits:
        for cond in benefit.conditions:
            assert cond.clause_text and cond.clause_text in benefit.policy.clauses.values()
        if benefit.spec.amount:
            assert benefit.amount_clause_text in benefit.policy.clauses.values()


def test_shared_conditions_are_computed_once(fixture_library: Library) -> None:
    compiled = compile_library(fixture_library, dt.date(2025, 6, 1))
    uses = sum(len(b.condition_ids) for b in compiled.benefits)
    assert len(compiled.conditions) < uses  # 'district in CHANGCHUN_DISTRICTS' is shared


def test_every_benefit_reaches_someone_and_both_engines_agree(
    library: Library, schema: Schema, population: pl.DataFrame
) -> None:
    compiled = compile_library(library, AS_OF)
    batch = match_population(compiled, population).frame()
    claimable = batch.filter(pl.col("status").is_in(["eligible", "likely"]))
    reached = set(claimable["benefit_id"])
    assert len(reached) >= 0.8 * len(compiled.benefits), sorted({b.id for b in compiled.benefits} - reached)

    sample = population.gather(list(range(0, population.height, 13)))
    by_entity = {
        (r["entity_id"], r["benefit_id"]): (r["status"], r["amount"])
        for r in claimable.filter(pl.col("entity_id").is_in(sample["entity_id"].implode())).iter_rows(named=True)
    }
    expected = {
        (row["entity_id"], match.benefit.id): (match.status, match.amount)
        for row in sample.iter_rows(named=True)
        for match in match_entity(compiled, record_from_row(row, schema))
        if match.status in ("eligible", "likely")
    }
    assert by_entity == expected
    assert sum(status == "eligible" for status, _ in expected.values()) >= 20


def test_unknown_clause_is_reported(fixture_schema) -> None:
    text = POLICY.format(conditions='      - {expr: "listed", clause: "9"}', amount="1")
    with pytest.raises(RuleErrors) as info:
        add_policy_file(Library(schema=fixture_schema), "t.yaml", text)
    assert "条款 '9' 不存在" in str(info.value)


def test_a_benefit_id_used_by_another_file_is_refused(fixture_schema) -> None:
    """Benefit ids are unique across the library, also when the list was replaced (as the workbench's trials do)."""
    first = POLICY.format(conditions='      - {expr: "listed", clause: "1"}', amount="1")
    library = Library(schema=fixture_schema)
    add_policy_file(library, "t.yaml", first)
    second = first.replace("id: t\n", "id: t2\n", 1)
    with pytest.raises(RuleErrors) as info:
        add_policy_file(library, "t2.yaml", second)
    assert "兑现事项编号 b 重复" in str(info.value)
    assert [b.id for b in library.benefits] == ["b"]  # nothing of the refused file was added
    library.benefits = [b for b in library.benefits if b.id != "b"]  # the workbench's trial without the policy
    add_policy_file(library, "t2.yaml", second)
    assert [b.id for b in library.benefits] == ["b"]
    with pytest.raises(RuleErrors):
        add_policy_file(library, "t3.yaml", first.replace("id: t\n", "id: t3\n", 1))
