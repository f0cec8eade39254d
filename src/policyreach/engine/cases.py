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
from policyreach.engine.match import ConditionResult, Match, match_entity
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
        if self.field == "outcome":  # the officer's reading, in the words the officer chose it by
            want, got = (OUTCOME_ZH.get(str(v), str(v)) for v in (self.expected, self.actual))
            return (
                f"{self.file}: 政策 {self.policy} 用例「{self.case}」兑现事项 {self.benefit}: 结论应为{want}，实为{got}"
            )
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


def outcome_of(status: str) -> str:
    """The outcome an officer states for a status: only eligible grants the benefit; likely waits for a value."""
    return {"eligible": "eligible", "likely": "pending"}.get(status, "ineligible")


def stated(expected: Expectation) -> str | None:
    """The outcome a case expects, whether written as the officer's outcome or as a status."""
    if expected.outcome is not None:
        return expected.outcome
    return outcome_of(expected.status) if expected.status is not None else None


def _compare(
    policy: str, case: str, benefit: str, expected: Expectation, match: object, file: str
) -> Iterator[tuple[CaseFailure | None, int]]:
    for name in ("outcome", "status", "amount", "degree", "provable"):
        want = getattr(expected, name)
        if want is None:
            continue
        got = outcome_of(match.status) if name == "outcome" else getattr(match, name)  # type: ignore[attr-defined]
        same = (Decimal(got) == Decimal(want)) if name == "amount" and got is not None else got == want
        yield (None if same else CaseFailure(policy, case, benefit, name, want, got, file)), 1


def _shown(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


OUTCOME_ZH = {"eligible": "符合", "ineligible": "不符合", "pending": "待核实"}


@dataclass
class Disagreement:
    """A case whose stated outcome the rules do not reach: the case, the benefit, both readings and the conditions
    that decided it, so that the officer corrects the rule or the reading."""

    case: str
    benefit: str
    stated: str
    decided: str
    conditions: list[str]

    def __str__(self) -> str:
        why = f"（{'；'.join(self.conditions)}）" if self.conditions else ""
        return f"用例「{self.case}」对「{self.benefit}」：您的判断为{self.stated}，规则判定为{self.decided}{why}"


def submission_problems(library: Library, policy_id: str) -> list[str]:
    """Why a policy's version may not go to a second officer yet (none: it may): every case must agree with the
    rules, and every benefit needs a passing case the clause makes eligible and one it makes ineligible."""
    policy = library.policies[policy_id]
    titles = {b.id: b.title for b in policy.benefits}
    problems: list[str] = []
    passing: dict[str, set[str]] = {b.id: set() for b in policy.benefits}
    for case in library.tests.get(policy_id, []):
        try:
            compiled = compile_library(library, case.as_of, benefit_ids=list(case.expect))
            entity = entity_from_mapping(library.schema, case.entity, verified=case.verified)
        except (RuleError, KeyError) as exc:
            problems.append(f"用例「{case.name}」无法运行：{exc}")
            continue
        matches = {m.benefit_id: m for m in match_entity(compiled, entity, keep_all=True)}
        for benefit_id, expected in case.expect.items():
            title = titles.get(benefit_id, benefit_id)
            match = matches.get(benefit_id)
            if match is None:
                problems.append(f"用例「{case.name}」：本政策没有兑现事项「{title}」或该事项在 {case.as_of} 不适用")
                continue
            failed = [f for f, _ in _compare(policy_id, case.name, benefit_id, expected, match, "") if f is not None]
            if failed:
                problems.append(str(_disagreement(case.name, title, expected, match, failed)))
                continue
            reading = stated(expected)
            if reading is not None and benefit_id in passing:
                passing[benefit_id].add(reading)
    for benefit in policy.benefits:
        missing = [OUTCOME_ZH[o] for o in ("eligible", "ineligible") if o not in passing[benefit.id]]
        if missing:
            problems.append(
                f"「{benefit.title}」还缺少判断为{'、'.join(missing)}且与规则一致的用例：每个兑现事项至少需要一个"
                "符合、一个不符合的用例"
            )
    return problems


def _disagreement(
    case: str, title: str, expected: Expectation, match: Match, failed: list[CaseFailure]
) -> Disagreement:
    reading = stated(expected)
    decided = outcome_of(match.status)
    if reading is not None and reading != decided:
        ours, theirs = OUTCOME_ZH[reading], OUTCOME_ZH[decided]
        # the conditions that made the difference: those unmet (or unknown) when the officer read it as met
        shown = [c for c in match.conditions if c.outcome != "met"]
        conditions = [f"{'未满足' if c.outcome == 'unmet' else '数值未知'}“{_named(c)}”" for c in shown]
        if decided != "ineligible" and reading == "ineligible":
            conditions = [f"规则认为“{_named(c)}”已满足" for c in match.conditions if c.outcome == "met"][:3]
        return Disagreement(case, title, ours, theirs, conditions)
    parts = [f"{_FIELD_ZH.get(f.field, f.field)}应为 {_shown(f.expected)}，规则算得 {_shown(f.actual)}" for f in failed]
    return Disagreement(case, title, OUTCOME_ZH.get(reading or "", "—"), OUTCOME_ZH[decided], parts)


_FIELD_ZH = {"amount": "金额（万元）", "degree": "符合度", "status": "状态", "provable": "可证明", "outcome": "结论"}


def _named(condition: ConditionResult) -> str:
    return f"{condition.requirement}（第 {condition.clause} 条）"
