"""Run the test cases written in each policy file's ``tests:`` (OpenFisca style: rules and cases side by side).

Each case gives an entity's values and the expected status / amount / degree / provable
flag per benefit; a failure names the policy, the case, the benefit and the differing value.
The runner lives in the engine because running a case is matching: ``policyreach.rules`` only
loads and checks the cases, and never imports the engine.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from policyreach.engine.entity import entity_from_mapping
from policyreach.engine.match import match_entity
from policyreach.rules.errors import RuleError
from policyreach.rules.library import Library, compile_library
from policyreach.rules.policy import Expectation, TestCase


@dataclass
class CaseFailure:
    policy: str
    case: str
    benefit: str
    field: str
    expected: object
    actual: object
    file: str

    def __str__(self) -> str:
        return (
            f"{self.file}: 政策 {self.policy} 用例「{self.case}」兑现事项 {self.benefit}: "
            f"{self.field} 应为 {_shown(self.expected)}，实为 {_shown(self.actual)}"
        )


@dataclass
class TestReport:
    cases: int = 0
    checks: int = 0
    failures: list[CaseFailure] | None = None

    @property
    def ok(self) -> bool:
        return not self.failures


def run_tests(library: Library, policy_ids: list[str] | None = None) -> TestReport:
    """Run the cases of every policy, or of ``policy_ids`` only."""
    report = TestReport(failures=[])
    for policy_id, cases in library.tests.items():
        if policy_ids is not None and policy_id not in policy_ids:
            continue
        for case in cases:
            report.cases += 1
            for failure, checked in _run_case(library, policy_id, case):
                report.checks += checked
                if failure is not None:
                    report.failures.append(failure)  # type: ignore[union-attr]
    return report


def _run_case(library: Library, policy_id: str, case: TestCase) -> Iterator[tuple[CaseFailure | None, int]]:
    file = library.files[policy_id]
    try:
        compiled = compile_library(library, case.as_of, benefit_ids=list(case.expect))
        entity = entity_from_mapping(library.schema, case.entity, verified=case.verified)
    except (RuleError, KeyError) as exc:
        yield CaseFailure(policy_id, case.name, "-", "用例 case", "可运行", str(exc), file), 1
        return
    matches = {m.benefit_id: m for m in match_entity(compiled, entity, keep_all=True)}
    for benefit_id, expected in case.expect.items():
        match = matches.get(benefit_id)
        if match is None:
            yield CaseFailure(policy_id, case.name, benefit_id, "兑现事项", "存在且适用", "不存在或不适用", file), 1
            continue
        yield from _compare(policy_id, case.name, benefit_id, expected, match, file)


def _compare(
    policy: str, case: str, benefit: str, expected: Expectation, match: object, file: str
) -> Iterator[tuple[CaseFailure | None, int]]:
    for name in ("status", "amount", "degree", "provable"):
        want = getattr(expected, name)
        if want is None:
            continue
        got = getattr(match, name)
        same = (Decimal(got) == Decimal(want)) if name == "amount" and got is not None else got == want
        yield (None if same else CaseFailure(policy, case, benefit, name, want, got, file)), 1


def _shown(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)
