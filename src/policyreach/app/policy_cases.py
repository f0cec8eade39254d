"""The officer's test cases of a policy version: the boundary cases proposed for each benefit
(``rules.boundaries``), the outcome the officer read from the clause for each, and the policy file's ``tests:``
rewritten to hold them, so that the cases travel with the file through export and import like any other.

A proposed case is stored under its words as the case's name: proposed again for the same text it finds the
officer's reading; a case written by hand in the file is kept as it is. Whether the rules agree is the engine's
(``engine.cases.submission_problems``), asked only once the officer has stated an outcome. The state change that
writes the text is ``redemption.policy_lifecycle.record_cases``'s. See docs/ARCHITECTURE.md, "Policy versions".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from policyreach.rules.boundaries import Suggested, figure, suggest
from policyreach.rules.library import Library
from policyreach.rules.policy import Benefit, Expectation, Policy, TestCase
from policyreach.rules.yamlsource import load_yaml
from policyreach.standards import industry

OUTCOMES = {"eligible": "符合", "ineligible": "不符合", "pending": "待核实"}
CASES_MAX = 400  # a form larger than this is no officer's reading
_AMOUNT = re.compile(r"^\d{1,8}(\.\d{1,2})?$")


@dataclass
class Proposed:
    """One proposed case on the page: its words, its values in Chinese, and what the officer said of it."""

    suggested: Suggested
    name: str
    values: list[tuple[str, str]]
    outcome: str | None = None
    amount: Decimal | None = None

    @property
    def amount_text(self) -> str:
        """The stated amount as the officer typed it (万元, the form's unit)."""
        return "" if self.amount is None else _plain(self.amount)


@dataclass
class BenefitCases:
    benefit: Benefit
    proposed: list[Proposed] = field(default_factory=list)
    written: list[TestCase] = field(default_factory=list)  # cases of the file the workbench did not propose
    clauses: list[tuple[str, str]] = field(default_factory=list)  # what the officer reads: the clauses it cites


def case_name(benefit: Benefit, suggested: Suggested) -> str:
    return f"{benefit.title}：{suggested.description}"


def proposals(library: Library, policy: Policy, as_of: dt.date) -> list[BenefitCases]:
    """Each benefit's proposed cases with the outcome the file already states for them (by the case's name)."""
    stored = {case.name: case for case in policy.tests}
    found = []
    for benefit in policy.benefits:
        cited = [c.clause for c in (*policy.common_conditions, *benefit.conditions)]
        cited += [benefit.amount.clause] if benefit.amount is not None else []
        clauses = [(k, policy.clauses[k]) for k in dict.fromkeys(cited) if k in policy.clauses]
        entry = BenefitCases(benefit, clauses=clauses)
        names = set()
        for suggested in suggest(library.schema, policy, benefit, as_of):
            name = case_name(benefit, suggested)
            names.add(name)
            proposed = Proposed(suggested, name, shown_values(library, suggested.entity))
            case = stored.get(name)
            expected = case.expect.get(benefit.id) if case is not None else None
            if expected is not None:
                proposed.outcome = expected.outcome or _outcome(expected.status)
                proposed.amount = expected.amount
            entry.proposed.append(proposed)
        entry.written = [c for c in policy.tests if benefit.id in c.expect and c.name not in names]
        found.append(entry)
    return found


def _outcome(status: str | None) -> str | None:
    if status is None:
        return None
    return {"eligible": "eligible", "likely": "pending"}.get(status, "ineligible")


def shown_values(library: Library, entity: dict[str, Any]) -> list[tuple[str, str]]:
    """A case's values as an officer reads them: the attribute's label (and year), the value with its unit, a code
    by its name."""
    schema = library.schema
    rows = []
    for name, value in entity.items():
        if name == "kind":
            continue
        attribute = schema.field(name)
        label = attribute.label if attribute is not None else name
        unit = attribute.unit if attribute is not None and attribute.unit else ""
        codeset = getattr(attribute, "codeset", None)
        labels = schema.codesets[codeset].labels if codeset and codeset in schema.codesets else {}
        items = sorted(value.items()) if isinstance(value, dict) else [(None, value)]
        for year, given in items:
            if isinstance(given, bool):
                text = "是" if given else "否"
            elif isinstance(given, str) and codeset == industry.STANDARD and industry.is_valid_industry(given):
                text = f"{industry.name_of(given)}（{industry.SECTIONS[industry.parse_industry(given)[0]]}）"
            elif isinstance(given, str):
                text = labels.get(given, given)
            elif isinstance(given, dt.date):
                text = f"{given.year}年{given.month}月{given.day}日"
            else:
                text = f"{figure(Decimal(given), unit)}{' ' + unit if unit and unit != '%' else unit}"
            rows.append((f"{year}年{label}" if year is not None else label, text))
    return rows


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


class CaseInputError(ValueError):
    """A reading the form sent that cannot be kept: the message names the case and the field, in Chinese."""


def read_form(
    entries: list[BenefitCases], keys: list[str], outcomes: list[str], amounts: list[str]
) -> dict[str, tuple[str | None, Decimal | None]]:
    """The officer's readings by case name, from the form's parallel lists; every value checked first."""
    if not (len(keys) == len(outcomes) == len(amounts)) or len(keys) > CASES_MAX:
        raise CaseInputError("表单不完整（case、outcome、amount 数目不一致），请刷新页面后重新填写")
    by_key = {p.suggested.key: (e, p) for e in entries for p in e.proposed}
    readings: dict[str, tuple[str | None, Decimal | None]] = {}
    for key, outcome, amount in zip(keys, outcomes, amounts, strict=True):
        if key not in by_key:
            raise CaseInputError("用例（case）已不在本版本的建议中，请刷新页面后重新填写")
        entry, proposed = by_key[key]
        if outcome not in ("", *OUTCOMES):
            raise CaseInputError(f"用例「{proposed.name}」的结论（outcome）须为符合、不符合或待核实")
        amount = amount.strip()
        value = None
        if amount:
            if not _AMOUNT.match(amount):
                raise CaseInputError(f"用例「{proposed.name}」的金额（amount）须为不超过两位小数的万元数")
            try:
                value = Decimal(amount)
            except InvalidOperation:
                raise CaseInputError(f"用例「{proposed.name}」的金额（amount）须为数字") from None
            if outcome != "eligible":
                raise CaseInputError(f"用例「{proposed.name}」只有判断为符合时才填写金额（amount）")
            if entry.benefit.amount is None:
                raise CaseInputError(f"用例「{proposed.name}」：该兑现事项没有金额，金额（amount）应留空")
        readings[proposed.name] = (outcome or None, value)
    return readings


def with_readings(
    text: str,
    file_name: str,
    entries: list[BenefitCases],
    readings: dict[str, tuple[str | None, Decimal | None]],
    as_of: dt.date,
) -> str:
    """The file's text with ``tests:`` holding the officer's readings of the proposed cases (a proposed case left
    unread is not kept) after the cases written by hand, kept as they were."""
    doc = load_yaml(file_name, text)
    data = doc.data if isinstance(doc.data, dict) else {}
    proposed_names = {p.name for e in entries for p in e.proposed}
    kept = [c for c in (data.get("tests") or []) if not (isinstance(c, dict) and c.get("name") in proposed_names)]
    for entry in entries:
        for proposed in entry.proposed:
            outcome, amount = readings.get(proposed.name, (proposed.outcome, proposed.amount))
            if outcome is None:
                continue
            expect: dict[str, Any] = {"outcome": outcome}
            if amount is not None:
                expect["amount"] = amount
            Expectation.model_validate(expect)
            kept.append(
                {
                    "name": proposed.name,
                    "as_of": as_of,
                    "entity": proposed.suggested.entity,
                    "expect": {entry.benefit.id: expect},
                }
            )
    return replace_tests(text, kept)


class _Dumper(yaml.SafeDumper):
    pass


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    if value == value.to_integral():
        return dumper.represent_int(int(value))
    return dumper.represent_scalar("tag:yaml.org,2002:float", _plain(value))


_Dumper.add_representer(Decimal, _decimal)
_TOP_KEY = re.compile(r"^[^\s#-]")


def replace_tests(text: str, tests: list[Any]) -> str:
    """``text`` with its top-level ``tests:`` block replaced by ``tests`` (appended when it had none); every other
    line of the file is kept byte for byte."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.startswith("tests:")), None)
    block = (
        yaml.dump({"tests": tests}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000) if tests else ""
    )
    if start is None:
        head = text if text.endswith("\n") or not text else text + "\n"
        return head + block
    end = next((i for i in range(start + 1, len(lines)) if _TOP_KEY.match(lines[i])), len(lines))
    return "".join(lines[:start]) + block + "".join(lines[end:])
