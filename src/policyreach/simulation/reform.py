"""Policy reforms: a YAML file that changes parameters and edits, adds or removes benefits.

A reform is applied to the policy files' data and the result is loaded exactly like a policy
library, so a reform is validated like a policy; its effect on the library's own test cases
is reported (a reform is expected to change some amounts: the report says which).

    id: hightech-award-30
    title: 高企首次认定奖励提高到30万元
    parameters:
      cc-hightech.hightech_first_award: 30          # policy.parameter: value from now on
      cc-hightech.other_param: {2026-01-01: 40}      # or dated values
    benefits:
      - edit: cc-ht-first-award                     # replace these fields of an existing benefit
        amount: {formula: "params.hightech_first_award", unit: 万元, clause: "2"}
      - add: {id: new-benefit, …}                    # a whole new benefit
        policy: cc-hightech
      - remove: cc-ht-unicorn
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from policyreach.engine.cases import TestReport, run_tests
from policyreach.rules.errors import RuleError, RuleErrors
from policyreach.rules.library import Library, add_policy_file, policy_files
from policyreach.rules.schema import Schema
from policyreach.rules.yamlsource import load_yaml


class BenefitChange(BaseModel):
    model_config = ConfigDict(extra="allow")
    edit: str | None = None
    add: dict[str, Any] | None = None
    remove: str | None = None
    policy: str | None = None


class Reform(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    title: str
    description: str | None = None
    parameters: dict[str, Any] = Field(default_factory=dict)
    benefits: list[BenefitChange] = Field(default_factory=list)


def load_reform(file: Path | str) -> Reform:
    file = Path(file)
    doc = load_yaml(file, file.read_text(encoding="utf-8"))
    try:
        return Reform.model_validate(doc.data or {})
    except ValueError as exc:
        raise RuleError(f"改革方案格式错误：{exc}", f"invalid reform file: {exc}", file=str(file)) from exc


def apply_reform(paths: list[Path], schema: Schema, reform: Reform, reform_file: str = "reform") -> Library:
    """The library with the reform applied, loaded and checked like any library."""
    docs = {file: yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for file in policy_files(paths)}
    by_policy = {doc["id"]: doc for doc in docs.values()}
    _change_parameters(by_policy, reform, reform_file)
    _change_benefits(by_policy, reform, reform_file)
    library = Library(schema=schema)
    errors: list[RuleError] = []
    for file, doc in docs.items():
        text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
        try:
            add_policy_file(library, f"{reform_file}（应用于 {file.name}）", text)
        except RuleErrors as exc:
            errors.extend(exc.errors)
        except RuleError as exc:
            errors.append(exc)
    if errors:
        raise RuleErrors(errors)
    return library


def reform_test_report(library: Library) -> TestReport:
    """The library's own cases run against the reformed rules: which expectations the reform changes."""
    return run_tests(library)


def _fail(reform_file: str, zh: str, en: str) -> RuleError:
    return RuleError(zh, en, file=reform_file)


def _change_parameters(by_policy: dict[str, dict], reform: Reform, reform_file: str) -> None:
    for key, value in reform.parameters.items():
        policy_id, _, name = key.partition(".")
        params = by_policy.get(policy_id, {}).get("parameters", {})
        if name not in params:
            raise _fail(reform_file, f"改革方案引用了不存在的参数 {key}", f"reform names an unknown parameter {key}")
        # a plain value applies from the policy's start: it replaces the whole dated series
        values = value if isinstance(value, dict) else {by_policy[policy_id]["valid_from"]: value}
        params[name]["values"] = {(_date(k)): v for k, v in values.items()}


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _change_benefits(by_policy: dict[str, dict], reform: Reform, reform_file: str) -> None:
    where = {b["id"]: (pid, i) for pid, doc in by_policy.items() for i, b in enumerate(doc.get("benefits", []))}
    removed: list[tuple[str, int]] = []
    for change in reform.benefits:
        fields = change.model_extra or {}
        if change.edit is not None:
            if change.edit not in where:
                raise _fail(
                    reform_file, f"改革方案要修改的兑现事项 {change.edit} 不存在", f"unknown benefit {change.edit}"
                )
            pid, i = where[change.edit]
            by_policy[pid]["benefits"][i].update(copy.deepcopy(fields))
        elif change.add is not None:
            if change.policy not in by_policy:
                raise _fail(
                    reform_file,
                    f"新增兑现事项须指明所属政策（policy），{change.policy} 不存在",
                    f"an added benefit needs an existing policy, not {change.policy}",
                )
            by_policy[change.policy].setdefault("benefits", []).append(copy.deepcopy(change.add))
        elif change.remove is not None:
            if change.remove not in where:
                raise _fail(
                    reform_file, f"改革方案要删除的兑现事项 {change.remove} 不存在", f"unknown benefit {change.remove}"
                )
            removed.append(where[change.remove])
    for pid, i in sorted(removed, reverse=True):
        benefit_id = by_policy[pid]["benefits"][i]["id"]
        del by_policy[pid]["benefits"][i]
        _drop_expectations(by_policy[pid], benefit_id)


def _drop_expectations(policy: dict, benefit_id: str) -> None:
    for case in policy.get("tests", []):
        case.get("expect", {}).pop(benefit_id, None)
    policy["tests"] = [c for c in policy.get("tests", []) if c.get("expect")]
