"""The sample library: size, coverage of its own cases, and the features a real library uses."""

from __future__ import annotations

from collections import Counter, defaultdict

from policyreach.engine.cases import run_tests
from policyreach.rules.library import Library


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
