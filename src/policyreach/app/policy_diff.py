"""The difference between two versions of a policy, in the words an officer reads:
"研发费用后补助：比例 10% → 12%；单个企业上限 100 → 120 万元".

Both versions are loaded with the library around them (a prerequisite may name another policy's benefit) and bound
to one date, so that conditions and amounts are told by the one renderer (``engine.explain``) with the schema's
Chinese labels, never as expressions. Parameters are told under the benefit that reads them; a parameter several
benefits read is told under the policy. Pure: no database, no web.
See docs/ARCHITECTURE.md, "Policy versions".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from policyreach.engine.explain import Explainer, format_number
from policyreach.rules.ir import Node, cols_of
from policyreach.rules.library import (
    CompiledBenefit,
    Library,
    add_policy_file,
    compile_library,
    validate_policy,
)
from policyreach.rules.policy import KIND_ZH, PAYOUT_ZH, REDEMPTION_ZH, Benefit, Condition, Policy, Window
from policyreach.rules.yamlsource import load_yaml

PARAM = re.compile(r"params\.([A-Za-z_][A-Za-z0-9_]*)")
NUMERALS = "零一二三四五六七八九十"


@dataclass
class Change:
    """What changed in one part: the policy itself or one benefit (its title), each item one phrase."""

    subject: str
    items: list[str] = field(default_factory=list)

    def sentence(self) -> str:
        return f"{self.subject}：{'；'.join(self.items)}"


@dataclass
class Version:
    """One side of the difference: the policy and its benefits bound to the date."""

    policy: Policy
    benefits: dict[str, CompiledBenefit]
    conditions: list[Node]  # the compiled library's unique bound conditions (a benefit's condition_ids index it)


def load_version(library: Library, name: str, text: str, on: dt.date) -> Version:
    """The policy of ``text`` in a copy of ``library`` without its earlier version (raises the rules' errors)."""
    trial = Library(schema=library.schema)
    policy_id = validate_policy(load_yaml(Path(name), text)).id
    for pid, policy in library.policies.items():
        if pid == policy_id:
            continue
        trial.policies[pid], trial.files[pid] = policy, library.files[pid]
        trial.versions[pid] = library.versions[pid]
    trial.benefits = [b for b in library.benefits if b.policy.id != policy_id]
    policy = add_policy_file(trial, Path(name), text)
    ids = [b.id for b in policy.benefits]
    compiled = compile_library(trial, on, only_in_force=False, benefit_ids=ids)
    return Version(policy, {b.id: b for b in compiled.benefits}, compiled.conditions)


def diff(library: Library, old: tuple[str, str] | None, new: tuple[str, str] | None, on: dt.date) -> list[Change]:
    """The changes from ``old`` to ``new`` (each ``(file name, text)``; None: the policy did not exist / is
    withdrawn), as of ``on`` (parameters dated later are told with their date)."""
    explainer = Explainer(library.schema, on)
    if old is None and new is None:
        return []
    if old is None or new is None:
        name, text = new if new is not None else old  # type: ignore[misc]
        side = load_version(library, name, text, on)
        word = "新发布" if old is None else "废止"
        return [Change(side.policy.title, [f"{word}，含兑现事项：{'、'.join(b.title for b in side.policy.benefits)}"])]
    before, after = load_version(library, *old, on), load_version(library, *new, on)
    return _Differ(explainer, before, after, on).changes()


def _wan(value: Any) -> str:
    return format_number(value) if isinstance(value, Decimal | int) else str(value)


def _value(value: Any, unit: str | None, label: str) -> str:
    """A parameter's value as read: a rate as a percentage, an amount with its unit."""
    if value is None:
        return "（无）"
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        number = Decimal(value)
        if not unit and ("比例" in label or "率" in label) and abs(number) < 1:
            return f"{format_number((number * 100).normalize())}%"
        return f"{format_number(number)}{' ' + unit if unit else ''}"
    return format_number(value)


def _clause_name(key: str) -> str:
    if key.isdigit() and 0 < int(key) <= 10:
        return f"第{NUMERALS[int(key)]}条"
    if key.isdigit() and int(key) < 20:
        return f"第十{NUMERALS[int(key) - 10]}条"
    return f"第{key}条"


def _window(window: Window | None) -> str:
    if window is None:
        return "常年受理"
    opens = format_number(window.opens) if window.opens else "即日"
    closes = format_number(window.closes) if window.closes else "长期"
    return f"{opens}至{closes}{'（每年）' if window.annual else ''}"


def _windows(benefit: Benefit) -> str:
    path = benefit.application
    windows = path.windows or ((path.window,) if path.window else ())
    return "、".join(_window(w) for w in windows) if windows else "常年受理"


def _params_of(benefit: Benefit, common: tuple[Condition, ...]) -> set[str]:
    texts = [c.expr for c in (*common, *benefit.conditions)]
    if benefit.amount is not None:
        texts += [benefit.amount.formula, str(benefit.amount.cap or "")]
    return set(PARAM.findall(" ".join(texts)))


class _Differ:
    def __init__(self, explainer: Explainer, before: Version, after: Version, on: dt.date) -> None:
        self.explain, self.before, self.after, self.on = explainer, before, after, on

    def changes(self) -> list[Change]:
        old, new = self.before.policy, self.after.policy
        head = Change(new.title)
        self._policy(head, old, new)
        result: list[Change] = []
        by_benefit: dict[str, Change] = {}
        old_benefits = {b.id: b for b in old.benefits}
        new_benefits = {b.id: b for b in new.benefits}
        for benefit in new.benefits:
            by_benefit[benefit.id] = Change(benefit.title, [] if benefit.id in old_benefits else ["新增兑现事项"])
        for benefit in old.benefits:
            if benefit.id not in new_benefits:
                by_benefit[benefit.id] = Change(benefit.title, ["删除兑现事项"])
        self._parameters(head, by_benefit)  # first: a rate or a cap is what an officer looks for
        for benefit in new.benefits:
            if benefit.id in old_benefits:
                self._benefit(by_benefit[benefit.id], old_benefits[benefit.id], benefit)
        if head.items:
            result.append(head)
        result.extend(c for c in by_benefit.values() if c.items)
        return result

    # -- the policy ------------------------------------------------------------------------------------------
    def _policy(self, change: Change, old: Policy, new: Policy) -> None:
        for attr, label in (("title", "名称"), ("doc_number", "文号"), ("issuer", "发文机关")):
            if getattr(old, attr) != getattr(new, attr):
                change.items.append(f"{label} {getattr(old, attr) or '（无）'} → {getattr(new, attr) or '（无）'}")
        if (old.valid_from, old.valid_to) != (new.valid_from, new.valid_to):
            change.items.append(f"有效期 {self._period(old)} → {self._period(new)}")
        for key in sorted(set(old.clauses) | set(new.clauses), key=lambda k: (len(k), k)):
            if key not in old.clauses:
                change.items.append(f"新增{_clause_name(key)}")
            elif key not in new.clauses:
                change.items.append(f"删除{_clause_name(key)}")
            elif old.clauses[key] != new.clauses[key]:
                change.items.append(f"{_clause_name(key)}条文有修改")
        old_scope = [self._sentence(c, self.before, None) for c in old.common_conditions]
        new_scope = [self._sentence(c, self.after, None) for c in new.common_conditions]
        change.items += [f"适用范围新增条件：{s}" for s in new_scope if s not in old_scope]
        change.items += [f"适用范围删除条件：{s}" for s in old_scope if s not in new_scope]
        if old.cap != new.cap:
            change.items.append(f"同一主体累计上限 {self._cap(old)} → {self._cap(new)}")

    @staticmethod
    def _period(policy: Policy) -> str:
        end = format_number(policy.valid_to) if policy.valid_to else "长期"
        return f"{format_number(policy.valid_from)}至{end}"

    @staticmethod
    def _cap(policy: Policy) -> str:
        return "（无）" if policy.cap is None else f"{_wan(policy.cap.amount)} 万元"

    def _sentence(self, condition: Condition, version: Version, benefit: CompiledBenefit | None) -> str:
        """A condition in words: its bound tree through the renderer (the label the author wrote if it fails)."""
        node = self._node(condition, version, benefit)
        try:
            return self.explain.sentence(node) if node is not None else condition.label or condition.expr
        except Exception:  # a construct the renderer does not know: the author's label still says it in Chinese
            return condition.label or condition.expr

    def _node(self, condition: Condition, version: Version, benefit: CompiledBenefit | None) -> Node | None:
        benefits = [benefit] if benefit is not None else list(version.benefits.values())
        for candidate in benefits:
            for checked, cid in zip(candidate.checked.conditions, candidate.condition_ids, strict=True):
                if checked.spec is condition:
                    return version.conditions[cid]
        return None

    # -- one benefit -----------------------------------------------------------------------------------------
    def _benefit(self, change: Change, old: Benefit, new: Benefit) -> None:
        items = change.items
        if old.title != new.title:
            items.append(f"名称 {old.title} → {new.title}")
        for attr, label, words in (
            ("kind", "类别", KIND_ZH),
            ("payout", "资金到达方式", PAYOUT_ZH),
            ("redemption", "兑现方式", REDEMPTION_ZH),
        ):
            if getattr(old, attr) != getattr(new, attr):
                items.append(f"{label} {words.get(getattr(old, attr), '')} → {words.get(getattr(new, attr), '')}")
        if old.department != new.department:
            items.append(f"主管部门 {old.department} → {new.department}")
        if old.application.department != new.application.department:
            items.append(f"受理部门 {old.application.department} → {new.application.department}")
        if old.application.channel != new.application.channel:
            items.append(f"申报渠道 {old.application.channel} → {new.application.channel}")
        if _windows(old) != _windows(new):
            items.append(f"申报时间 {_windows(old)} → {_windows(new)}")
        if old.exclusive_group != new.exclusive_group:
            items.append("不重复享受（就高）的分组有调整")
        self._conditions(items, old, new)
        self._amount(items, old, new)
        old_materials = [m.name for m in old.application.materials]
        new_materials = [m.name for m in new.application.materials]
        items += [f"新增申报材料：{m}" for m in new_materials if m not in old_materials]
        items += [f"删除申报材料：{m}" for m in old_materials if m not in new_materials]
        if old.application.steps != new.application.steps:
            items.append(f"办理流程 {'→'.join(old.application.steps)} 改为 {'→'.join(new.application.steps)}")

    def _conditions(self, items: list[str], old: Benefit, new: Benefit) -> None:
        before = self.before.benefits[old.id]
        after = self.after.benefits[new.id]
        olds = [(self._sentence(c, self.before, before), self._columns(c, self.before, before)) for c in old.conditions]
        news = [(self._sentence(c, self.after, after), self._columns(c, self.after, after)) for c in new.conditions]
        gone = [c for c in olds if c[0] not in {n[0] for n in news}]
        came = [c for c in news if c[0] not in {o[0] for o in olds}]
        for sentence, columns in list(gone):
            # the same attributes before and after: one condition changed, not one removed and one added
            twin = next((c for c in came if c[1] == columns and columns), None)
            if twin is not None:
                items.append(f"条件 {sentence} → {twin[0]}")
                came.remove(twin)
                gone.remove((sentence, columns))
        items += [f"删除条件：{s}" for s, _ in gone]
        items += [f"新增条件：{s}" for s, _ in came]

    def _columns(self, condition: Condition, version: Version, benefit: CompiledBenefit) -> frozenset[str]:
        node = self._node(condition, version, benefit)
        return frozenset(c.column for c in cols_of(node)) if node is not None else frozenset()

    def _amount(self, items: list[str], old: Benefit, new: Benefit) -> None:
        a, b = old.amount, new.amount
        if a is None and b is None:
            return
        if a is not None and b is not None and (a.formula, a.cap, a.unit) == (b.formula, b.cap, b.unit):
            return  # a parameter it reads may have changed: told with the parameters
        items.append(f"金额 {self._rule(self.before, old)} → {self._rule(self.after, new)}")

    def _rule(self, version: Version, benefit: Benefit) -> str:
        compiled = version.benefits[benefit.id]
        if compiled.amount is None or benefit.amount is None:
            return "不涉及金额"
        try:
            return self.explain.amount_rule(compiled.amount, benefit.amount.unit, benefit.kind, benefit.payout)
        except Exception:  # a new amount kind the renderer does not tell yet: its label or its formula
            return benefit.amount.label or benefit.amount.formula

    # -- parameters ------------------------------------------------------------------------------------------
    def _parameters(self, head: Change, by_benefit: dict[str, Change]) -> None:
        old, new = self.before.policy, self.after.policy
        readers: dict[str, list[Benefit]] = {}
        for benefit in new.benefits:
            for name in _params_of(benefit, new.common_conditions):
                readers.setdefault(name, []).append(benefit)
        for name in [*new.parameters, *(n for n in old.parameters if n not in new.parameters)]:
            before, after = old.parameters.get(name), new.parameters.get(name)
            if before is not None and after is not None and before.values == after.values:
                continue
            param = after or before
            assert param is not None
            users = readers.get(name, [])
            label = param.label
            if len(users) == 1:
                target = by_benefit[users[0].id]
                short = label.removeprefix(users[0].title) or label
            else:
                target, short = head, label
            target.items.append(self._param_change(short, before, after))

    def _param_change(self, label: str, before: Any, after: Any) -> str:
        unit = (after or before).unit
        if before is None:
            return f"新增参数 {label} {_value(after.value_at(self.on), unit, label)}"
        if after is None:
            return f"删除参数 {label}"
        old_now, new_now = before.value_at(self.on), after.value_at(self.on)
        if old_now == new_now:
            later = sorted(d for d in after.values if d > self.on and after.values[d] != before.value_at(d))
            if later:
                day = later[0]
                was, becomes = _value(before.value_at(day), unit, label), _value(after.values[day], unit, label)
                return f"{label} 自{format_number(day)}起 {was} → {becomes}"
            return f"{label} 的历年取值有调整"
        if unit and old_now is not None and new_now is not None:
            return f"{label} {_wan(old_now)} → {_wan(new_now)} {unit}"
        return f"{label} {_value(old_now, unit, label)} → {_value(new_now, unit, label)}"


def sentences(changes: list[Change]) -> list[str]:
    return [c.sentence() for c in changes]
