"""Load policy files, check every expression, and compile a library for one date.

Loading collects every error of a file before failing, so an officer sees them all;
each names the file, benefit, condition, line and column (the policy, for a common condition
or a parameter). A policy's common conditions are expanded here, first in every benefit, so the
compiled form and every back end see them exactly as if each benefit wrote them out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from policyreach.rules.binding import bind
from policyreach.rules.errors import RuleError, RuleErrors
from policyreach.rules.ir import Arith, Award, Call, Col, Const, Lookup, Node, Param, cols_of, columns_of, transform
from policyreach.rules.language import (
    Env,
    check_amount,
    check_condition,
    parameter_value,
    parse_expression,
)
from policyreach.rules.numbers import quantize
from policyreach.rules.policy import PAYOUT_ZH, Benefit, Condition, Policy, TestCase
from policyreach.rules.schema import Attribute, ProposedAttribute, Schema, extend, valid_name
from policyreach.rules.types import Type
from policyreach.rules.yamlsource import Path_, SourceDoc, load_yaml

# 分 (points) lets a policy score instead of pay: the conference's duty assessment is written this way.
AMOUNT_UNITS = {"万元": 1, "元": 10000, "分": 1}


@dataclass
class CheckedCondition:
    spec: Condition
    node: Node
    clause_text: str


@dataclass
class CheckedBenefit:
    policy: Policy
    spec: Benefit
    conditions: list[CheckedCondition]
    amount: Node | None
    amount_clause_text: str | None
    file: str
    period_year: Node | None = None  # which year of the amount's schedule the entity is in (checked, unbound)
    # a manual amount's cap and floor computed from the entity's figures (按设备购置额的8%～12%), checked, unbound
    manual_bounds: tuple[Node | None, Node | None] = (None, None)

    @property
    def id(self) -> str:
        return self.spec.id


@dataclass
class Library:
    schema: Schema
    policies: dict[str, Policy] = field(default_factory=dict)
    benefits: list[CheckedBenefit] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)  # policy id -> sha256 of its file
    tests: dict[str, list[TestCase]] = field(default_factory=dict)
    _ids: tuple[list[CheckedBenefit] | None, int, set[str]] = field(
        default_factory=lambda: (None, 0, set()), init=False, repr=False, compare=False
    )

    def benefit_ids(self) -> set[str]:
        """The ids of ``benefits``, kept while files are added one by one: building the set again for every file made
        loading a 10,000-benefit library quadratic. Rebuilt when ``benefits`` is another list or changed length."""
        of, size, ids = self._ids
        if of is not self.benefits or size != len(self.benefits):
            ids = {b.id for b in self.benefits}
            self._ids = (self.benefits, len(self.benefits), ids)
        return ids

    def benefit(self, benefit_id: str) -> CheckedBenefit:
        for benefit in self.benefits:
            if benefit.id == benefit_id:
                return benefit
        raise KeyError(benefit_id)


def policy_files(paths: Iterable[Path | str] | Path | str) -> list[Path]:
    items = [paths] if isinstance(paths, Path | str) else list(paths)
    files: list[Path] = []
    for item in items:
        p = Path(item)
        files.extend(sorted(p.rglob("*.yaml")) if p.is_dir() else [p])
    # cases live in their policy file's ``tests:``; a separate case file would otherwise never run
    stray = [f for f in files if f.name.endswith(".tests.yaml")]
    if stray:
        raise RuleError(
            f"用例应写在政策文件的 tests: 中，不再使用单独的用例文件：{', '.join(map(str, stray))}",
            f"test cases belong in the policy file's tests:, not in a separate file: {', '.join(map(str, stray))}",
            file=str(stray[0]),
        )
    return files


def load_library(paths: Iterable[Path | str] | Path | str, schema: Schema, *, drafting: bool = False) -> Library:
    """Load every policy file under ``paths``; raise ``RuleErrors`` listing all problems. ``drafting``: a policy's
    proposed attributes may be used before they are accepted (a draft being checked, never the library in force)."""
    library = Library(schema=schema)
    errors: list[RuleError] = []
    for file in policy_files(paths):
        try:
            add_policy_file(library, file, drafting=drafting)
        except RuleErrors as exc:
            errors.extend(exc.errors)
        except RuleError as exc:
            errors.append(exc.located(file=str(file)))
    if errors:
        raise RuleErrors(errors)
    return library


def add_policy_file(library: Library, file: Path | str, text: str | None = None, *, drafting: bool = False) -> Policy:
    file = Path(file)
    raw = text if text is not None else file.read_text(encoding="utf-8")
    doc = load_yaml(file, raw)
    policy = validate_policy(doc)
    if policy.id in library.policies:
        raise RuleError(
            f"政策编号 {policy.id} 重复（已在 {library.files[policy.id]} 中定义）",
            f"duplicate policy id {policy.id} (also in {library.files[policy.id]})",
            file=str(file),
        )
    checked = check_policy(policy, doc, library.schema, library.benefit_ids(), drafting=drafting)
    library.policies[policy.id] = policy
    library.files[policy.id] = str(file)
    library.versions[policy.id] = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    ids = library.benefit_ids()
    library.benefits.extend(checked)
    ids.update(b.id for b in checked)
    library._ids = (library.benefits, len(library.benefits), ids)
    library.tests[policy.id] = list(policy.tests)
    return policy


PAYOUT_MISSING = (
    "每个兑现事项须写明资金到达方式 payout："
    + "、".join(f"{key}（{label}）" for key, label in PAYOUT_ZH.items())
    + "；税收优惠在纳税申报时享受，不经平台拨付"
)


def validate_policy(doc: SourceDoc) -> Policy:
    try:
        return Policy.model_validate(doc.data or {})
    except ValidationError as exc:
        errors = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            pos = doc.position(loc)
            benefit = _benefit_id_at(doc, loc)
            where = ".".join(str(p) for p in loc)
            message = PAYOUT_MISSING if loc and loc[-1] == "payout" else err["msg"]
            errors.append(
                RuleError(
                    f"字段 {where} 有误：{message}",
                    f"field {where}: {err['msg']}",
                    file=doc.file,
                    benefit=benefit,
                    line=pos.line if pos else None,
                    column=pos.column if pos else None,
                    policy=_policy_id_at(doc, loc),
                )
            )
        raise RuleErrors(errors) from exc


def _benefit_id_at(doc: SourceDoc, loc: tuple[object, ...]) -> str | None:
    if len(loc) >= 2 and loc[0] == "benefits" and isinstance(loc[1], int):
        try:
            return str(doc.data["benefits"][loc[1]].get("id"))
        except (KeyError, IndexError, TypeError, AttributeError):
            return None
    return None


def _policy_id_at(doc: SourceDoc, loc: tuple[object, ...]) -> str | None:
    """The policy's id for errors no benefit can locate (common conditions, parameters)."""
    if not loc or loc[0] not in ("common_conditions", "parameters"):
        return None
    policy_id = doc.data.get("id") if isinstance(doc.data, dict) else None
    return str(policy_id) if policy_id is not None else None


def check_policy(
    policy: Policy, doc: SourceDoc, schema: Schema, known_benefits: set[str], *, drafting: bool = False
) -> list[CheckedBenefit]:
    errors: list[RuleError] = []
    env = Env(schema=_proposed(policy, doc, schema, drafting, errors), params=policy.parameters)
    # an amount may name another benefit's amount of this policy (award("id")): resolved once all are checked
    amount_env = Env(
        schema=env.schema,
        params=env.params,
        codesets=env.codesets,
        benefits={b.id: b.title for b in policy.benefits},
    )
    checked: list[CheckedBenefit] = []
    seen: set[str] = set()  # this policy's own ids (``known_benefits`` is not copied: a national library has 10,000s)
    _check_references(policy, doc, errors)
    _check_entity_cap(policy, doc, errors)
    common = _common_conditions(policy, doc, env, errors)
    for bi, benefit in enumerate(policy.benefits):
        if benefit.id in seen or benefit.id in known_benefits:
            errors.append(
                _at(
                    doc,
                    ("benefits", bi, "id"),
                    benefit.id,
                    None,
                    f"兑现事项编号 {benefit.id} 重复",
                    f"duplicate benefit id {benefit.id}",
                )
            )
        seen.add(benefit.id)
        # common conditions come first and count like the benefit's own (weights, match degree, explanation)
        conditions = list(common)
        for ci, cond in enumerate(benefit.conditions):
            path: Path_ = ("benefits", bi, "conditions", ci)
            label = cond.label or f"#{ci + 1} {cond.expr}"
            clause = _clause(policy, cond.clause, doc, (*path, "clause"), benefit.id, label, errors)
            node = _expression(cond.expr, env, doc, (*path, "expr"), benefit.id, label, errors, check_condition)
            if node is not None and any(node == c.node for c in common):
                # written twice it would count twice in the match degree
                errors.append(
                    _at(
                        doc,
                        (*path, "expr"),
                        benefit.id,
                        label,
                        f"条件 {cond.expr} 已是本政策的公共条件（common_conditions），不应在兑现事项中重复",
                        f"condition {cond.expr} is already one of the policy's common_conditions",
                    )
                )
            elif node is not None and clause is not None:
                conditions.append(CheckedCondition(cond, node, clause))
        if not benefit.conditions and not policy.common_conditions:
            errors.append(
                _at(
                    doc,
                    ("benefits", bi, "id"),
                    benefit.id,
                    None,
                    "兑现事项至少需要一个条件（本政策没有公共条件）",
                    "a benefit needs at least one condition (the policy has no common_conditions)",
                )
            )
        spec = (
            benefit.model_copy(update={"conditions": (*policy.common_conditions, *benefit.conditions)})
            if policy.common_conditions
            else benefit
        )
        amount = amount_clause = period_year = None
        manual_bounds: tuple[Node | None, Node | None] = (None, None)
        if benefit.amount is not None:
            path = ("benefits", bi, "amount")
            amount_clause = _clause(policy, benefit.amount.clause, doc, (*path, "clause"), benefit.id, "金额", errors)
            if not benefit.amount.manual:
                formula = benefit.amount.formula
                label = "金额 amount"
                amount = _expression(
                    formula, amount_env, doc, (*path, "formula"), benefit.id, label, errors, check_amount
                )
            if benefit.amount.period_year is not None:
                period_year = _expression(
                    benefit.amount.period_year,
                    env,
                    doc,
                    (*path, "period_year"),
                    benefit.id,
                    "年度序号 period_year",
                    errors,
                    _check_year_number,
                )
            if benefit.amount.unit not in AMOUNT_UNITS:
                unit = benefit.amount.unit
                errors.append(
                    _at(
                        doc,
                        (*path, "unit"),
                        benefit.id,
                        "金额",
                        f"金额单位应为 万元、元 或 分，而不是 {unit}",
                        f"amount unit must be 万元, 元 or 分, not {unit}",
                    )
                )
            _check_cap(policy, benefit.amount.cap_parameter, doc, (*path, "cap"), benefit.id, errors)
            _check_cap(policy, benefit.amount.floor_parameter, doc, (*path, "floor"), benefit.id, errors, "下限 floor")
            bounds = tuple(
                None
                if text is None
                else _expression(text, amount_env, doc, (*path, key), benefit.id, label, errors, check_amount)
                for text, key, label in (
                    (benefit.amount.cap_formula, "cap", "金额上限 cap"),
                    (benefit.amount.floor_formula, "floor", "金额下限 floor"),
                )
            )
            manual_bounds = (bounds[0], bounds[1])
        checked.append(
            CheckedBenefit(policy, spec, conditions, amount, amount_clause, doc.file, period_year, manual_bounds)
        )
    _resolve_awards(policy, doc, checked, errors)
    if errors:
        raise RuleErrors(errors)
    return checked


def _resolve_awards(policy: Policy, doc: SourceDoc, checked: list[CheckedBenefit], errors: list[RuleError]) -> None:
    """Fill every award("id") with that benefit's full-year amount (formula, cap, floor) in the referring benefit's
    unit. A benefit with no formula (一事一议, none) or a chain that comes back to itself is refused."""
    by_id = {c.id: c for c in checked}

    def standard(target: CheckedBenefit, trail: tuple[str, ...]) -> Node:
        spec = target.spec.amount
        assert spec is not None and target.amount is not None
        node = resolve(target.amount, (*trail, target.id))
        factor = AMOUNT_UNITS[spec.unit]
        if factor != 1:
            node = Arith(Type.DEC, op="/", left=node, right=Const(Type.INT, value=factor))
        for bound, name, fn in ((spec.cap, spec.cap_parameter, "min"), (spec.floor, spec.floor_parameter, "max")):
            if bound is None:
                continue
            limit: Node = Param(Type.DEC, name=name) if name else Const(Type.DEC, value=Decimal(bound))
            if factor != 1:
                limit = Arith(Type.DEC, op="/", left=limit, right=Const(Type.INT, value=factor))
            node = Call(Type.DEC, fn=fn, args=(node, limit))
        if node.type != Type.DEC:  # an integer award still reads as money with places, like the referring amount
            node = Arith(Type.DEC, op="*", left=node, right=Const(Type.DEC, value=Decimal(1)))
        return node

    def resolve(node: Node, trail: tuple[str, ...]) -> Node:
        def fill(current: Node) -> Node | None:
            if not isinstance(current, Award) or current.inner is not None:
                return None
            target = by_id.get(current.benefit)
            if current.benefit in trail:
                raise _AwardProblem(
                    f"金额引用 award 形成循环：{' → '.join((*trail, current.benefit))}",
                    f"award references form a cycle: {' -> '.join((*trail, current.benefit))}",
                )
            if target is None or target.amount is None:
                raise _AwardProblem(
                    f"award 引用的兑现事项 {current.benefit} 没有金额公式（一事一议或未写金额），无法作为标准",
                    f"award refers to {current.benefit}, which has no amount formula",
                )
            inner = standard(target, trail)
            factor = AMOUNT_UNITS[by_id[trail[-1]].spec.amount.unit]  # type: ignore[union-attr]
            if factor != 1:
                inner = Arith(Type.DEC, op="*", left=inner, right=Const(Type.INT, value=factor))
            return Award(Type.DEC, benefit=current.benefit, name=current.name, inner=inner, pos=current.pos)

        return transform(node, fill)

    for bi, benefit in enumerate(checked):
        if benefit.amount is None:
            continue
        try:
            benefit.amount = resolve(benefit.amount, (benefit.id,))
        except _AwardProblem as exc:
            errors.append(_at(doc, ("benefits", bi, "amount", "formula"), benefit.id, "金额 amount", exc.zh, exc.en))


class _AwardProblem(Exception):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


def unaccepted(policy: Policy, schema: Schema) -> dict[str, ProposedAttribute]:
    """The policy's proposed attributes the schema (files and the deployment's extension) does not hold yet."""
    return {n: p for n, p in policy.proposed_attributes.items() if schema.field(n) is None}


def _proposed(policy: Policy, doc: SourceDoc, schema: Schema, drafting: bool, errors: list[RuleError]) -> Schema:
    """The schema the policy's expressions are checked against: with its proposed attributes while drafting; in the
    library, a proposed attribute must have been accepted (and agree with what was accepted)."""
    extra: dict[str, Attribute] = {}
    for name, proposed in policy.proposed_attributes.items():
        path = ("proposed_attributes", name)
        if not valid_name(name):
            zh = f"拟新增属性名 {name!r} 不合法：须为小写字母、数字和下划线，且不以 _年份 结尾"
            errors.append(_at(doc, path, None, "拟新增属性", zh, f"invalid attribute name {name!r}", policy.id))
            continue
        have = schema.field(name)
        if have is None:
            if drafting:
                extra[name] = proposed.attribute(name)
                continue
            zh = (
                f"属性 {name}（{proposed.label}）是本政策拟新增的属性，尚未采纳进本部署的模式扩展："
                "请主管人员在“上传政策”页采纳后再上传"
            )
            errors.append(
                _at(doc, path, None, "拟新增属性", zh, f"proposed attribute {name} is not accepted yet", policy.id)
            )
        elif have.type != proposed.type or (isinstance(have, Attribute) and have.yearly != proposed.yearly):
            zh = f"拟新增属性 {name} 与模式中已有的同名属性（{have.label}）类型或按年度记录方式不一致"
            errors.append(
                _at(
                    doc, path, None, "拟新增属性", zh, f"proposed attribute {name} differs from the schema's", policy.id
                )
            )
    return extend(schema, extra) if extra else schema


def _common_conditions(policy: Policy, doc: SourceDoc, env: Env, errors: list[RuleError]) -> list[CheckedCondition]:
    """Checked once for the whole policy, so an error is reported once, not once per benefit."""
    common: list[CheckedCondition] = []
    for ci, cond in enumerate(policy.common_conditions):
        path = ("common_conditions", ci)
        label = f"公共条件 common #{ci + 1} {cond.label or cond.expr}"
        clause = _clause(policy, cond.clause, doc, (*path, "clause"), None, label, errors, policy_id=policy.id)
        node = _expression(
            cond.expr, env, doc, (*path, "expr"), None, label, errors, check_condition, policy_id=policy.id
        )
        if node is not None and clause is not None:
            common.append(CheckedCondition(cond, node, clause))
    return common


def _check_references(policy: Policy, doc: SourceDoc, errors: list[RuleError]) -> None:
    for name, param in policy.parameters.items():
        if param.reference is not None and param.reference not in policy.clauses:
            pos = doc.position(("parameters", name, "reference"))
            errors.append(
                RuleError(
                    f"参数 params.{name} 引用的条款 {param.reference!r} 不存在；已有条款：{', '.join(policy.clauses)}",
                    f"parameter params.{name} cites clause {param.reference!r}, which does not exist",
                    file=doc.file,
                    condition=f"参数 params.{name}",
                    line=pos.line if pos else None,
                    column=pos.column if pos else None,
                    policy=policy.id,
                )
            )


def _check_year_number(node: Node) -> None:
    if node.type != Type.INT:
        raise RuleError(
            f"period_year 须得出整数（第几年，1 为第一年），这里得到的是{node.type.zh}",
            f"period_year must be an integer (1 = the first year), got a {node.type.value}",
        )


def _check_cap(
    policy: Policy,
    name: str | None,
    doc: SourceDoc,
    path: Path_,
    benefit: str,
    errors: list[RuleError],
    what: str = "上限 cap",
) -> None:
    if name is None:
        return
    param = policy.parameters.get(name)
    if param is None:
        errors.append(
            _at(
                doc,
                path,
                benefit,
                f"金额{what}",
                f"金额{what.split()[0]}引用了未定义的参数 params.{name}",
                f"the amount's {what.split()[1]} names an undefined parameter params.{name}",
            )
        )
        return
    if not all(isinstance(v, Decimal | int) and not isinstance(v, bool) for v in param.values.values()):
        errors.append(
            _at(
                doc,
                path,
                benefit,
                f"金额{what}",
                f"金额{what.split()[0]} params.{name} 必须是数值参数",
                f"the amount's {what.split()[1]} params.{name} must be a numeric parameter",
            )
        )


def _check_entity_cap(policy: Policy, doc: SourceDoc, errors: list[RuleError]) -> None:
    """The policy's per-entity cap cites a clause it has and, when dated, a numeric parameter."""
    cap = policy.cap
    if cap is None:
        return
    label = "累计上限 cap"
    _clause(policy, cap.clause, doc, ("cap", "clause"), None, label, errors, policy_id=policy.id)
    name = cap.parameter
    if name is None:
        return
    param = policy.parameters.get(name)
    if param is None:
        zh, en = (
            f"累计上限引用了未定义的参数 params.{name}",
            f"the policy's cap names an undefined parameter params.{name}",
        )
    elif not all(isinstance(v, Decimal | int) and not isinstance(v, bool) for v in param.values.values()):
        zh, en = f"累计上限 params.{name} 必须是数值参数", f"the policy's cap params.{name} must be a numeric parameter"
    else:
        return
    errors.append(_at(doc, ("cap", "amount"), None, label, zh, en, policy=policy.id))


def _clause(
    policy: Policy,
    ref: str,
    doc: SourceDoc,
    path: Path_,
    benefit: str | None,
    label: str,
    errors: list[RuleError],
    *,
    policy_id: str | None = None,
) -> str | None:
    if ref in policy.clauses:
        return policy.clauses[ref]
    errors.append(
        _at(
            doc,
            path,
            benefit,
            label,
            f"引用的条款 {ref!r} 不存在；已有条款：{', '.join(policy.clauses)}",
            f"clause {ref!r} does not exist",
            policy=policy_id,
        )
    )
    return None


def _expression(
    text: str,
    env: Env,
    doc: SourceDoc,
    path: Path_,
    benefit: str | None,
    label: str,
    errors: list[RuleError],
    check: Callable[[Node], None],
    *,
    policy_id: str | None = None,
) -> Node | None:
    try:
        return _parsed(text, env, check)
    except RuleError as exc:
        pos = doc.position(path)
        if pos is not None:
            inner_line, inner_col = exc.line or 1, exc.column or 1
            exc.line = pos.line + inner_line - 1
            exc.column = (pos.column + (1 if pos.quoted else 0) + inner_col - 1) if inner_line == 1 else inner_col
        errors.append(exc.located(file=doc.file, benefit=benefit, condition=label, policy=policy_id))
        return None


# Checked expressions by schema, then by (text, check). A national library repeats its conditions (10,000 benefits draw
# on ~2,000 distinct ones): each text is parsed and type-checked once per schema instead of once per benefit. Only texts
# that cannot read the policy's own parameters or benefits are kept, so the schema alone decides the result. A schema
# that gained names since (an accepted attribute is added in place) starts afresh; a few schemas are held (the library
# in force, a reload's, a draft's), the oldest dropped.
_PARSED: dict[int, tuple[Schema, tuple[int, int, int], dict[tuple[str, Callable[[Node], None]], Node]]] = {}
_PARSED_SCHEMAS = 4


def _parsed(text: str, env: Env, check: Callable[[Node], None]) -> Node:
    schema = env.schema
    # params and award("id") depend on the policy (its parameters, its benefits and whether an amount is checked)
    if env.codesets or "params" in str(text) or "award" in str(text):
        node = parse_expression(text, env)
        check(node)
        return node
    names = (len(schema.attributes), len(schema.derived), len(schema.codesets))
    entry = _PARSED.get(id(schema))
    if entry is None or entry[0] is not schema or entry[1] != names:
        _PARSED.pop(id(schema), None)
        while len(_PARSED) >= _PARSED_SCHEMAS:
            del _PARSED[next(iter(_PARSED))]
        entry = _PARSED[id(schema)] = (schema, names, {})
    known = entry[2]
    key = (str(text), check)
    found = known.get(key)
    if found is None:
        found = parse_expression(text, env)
        check(found)  # an error is raised each time it is met, never kept
        known[key] = found
    return found


def _at(
    doc: SourceDoc, path: Path_, benefit: str | None, label: str | None, zh: str, en: str, policy: str | None = None
) -> RuleError:
    pos = doc.position(path)
    return RuleError(
        zh,
        en,
        file=doc.file,
        benefit=benefit,
        condition=label,
        line=pos.line if pos else None,
        column=pos.column if pos else None,
        policy=policy,
    )


# -- compilation ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CompiledBenefit:
    """One benefit bound to a date: condition ids into the shared pool, weights, amount."""

    index: int
    checked: CheckedBenefit
    condition_ids: tuple[int, ...]
    weights: tuple[int, ...]  # integer weights (scaled by 100 when any weight is fractional)
    amount: Node | None  # bound, in 万元, cap applied
    kinds: frozenset[str]
    columns: tuple[str, ...]  # stored columns read by conditions and amount (provenance)
    # the full-year amount (cap and floor applied) before a multi-year schedule takes this year's share of it
    full_year: Node | None = None
    period_year: Node | None = None  # bound: which year of the schedule the entity is in
    # a manual amount (一事一议): the engine's amount is unknown; the reviewer's must not exceed this (万元; None: none)
    manual_cap: Decimal | None = None
    # ... nor fall below this (不低于X万元, 万元; None: the policy states no floor)
    manual_floor: Decimal | None = None
    # bounds computed from the entity's figures (按设备购置额的8%～12%): bound, in 万元; the reviewer's amount must
    # lie within their values for the claimant (an unknown figure: no approval)
    manual_cap_node: Node | None = None
    manual_floor_node: Node | None = None

    @property
    def manual(self) -> bool:
        return self.checked.spec.amount is not None and self.checked.spec.amount.manual

    @property
    def id(self) -> str:
        return self.checked.id

    @property
    def spec(self) -> Benefit:
        return self.checked.spec

    @property
    def total_weight(self) -> int:
        return sum(self.weights)


@dataclass
class CompiledLibrary:
    """A library bound to ``as_of``: the unique conditions shared by all benefits."""

    library: Library
    as_of: dt.date
    conditions: list[Node]
    benefits: list[CompiledBenefit]
    cache: dict[str, object] = field(default_factory=dict, repr=False)  # back ends' compiled forms

    @property
    def schema(self) -> Schema:
        return self.library.schema

    def find(self, benefit_id: str) -> CompiledBenefit | None:
        """The benefit, or None when it is not (or no longer) in this library: pages about applications ask this."""
        index = self.cache.get("benefit_index")
        if not isinstance(index, dict):
            index = self.cache["benefit_index"] = {b.id: b for b in self.benefits}
        found = index.get(benefit_id)
        return found if isinstance(found, CompiledBenefit) else None

    def benefit(self, benefit_id: str) -> CompiledBenefit:
        for benefit in self.benefits:
            if benefit.id == benefit_id:
                return benefit
        raise KeyError(benefit_id)

    def columns(self) -> list[str]:
        """Every stored column any condition or amount reads."""
        seen: dict[str, None] = {}
        for benefit in self.benefits:
            seen.update(dict.fromkeys(benefit.columns))
        return list(seen)

    def input_columns(self) -> list[str]:
        """The stored columns evaluation reads: ``columns()``, each builtin replaced by those it derives from."""
        wanted = dict.fromkeys(self.columns())
        for col in self.builtin_cols():
            wanted.pop(col.column, None)
            wanted.update(dict.fromkeys(col.deps))
        return list(wanted)

    def builtin_cols(self) -> list[Col]:
        cached = self.cache.get("builtin_cols")  # walked once: every match over the library asks again
        if isinstance(cached, list):
            return list(cached)
        seen: dict[str, Col] = {}
        nodes = [*self.conditions, *(b.amount for b in self.benefits if b.amount is not None)]
        for node in nodes:
            for col in cols_of(node):
                if col.builtin:
                    seen[col.column] = col
        self.cache["builtin_cols"] = list(seen.values())
        return list(seen.values())


def compile_library(
    library: Library, as_of: dt.date, *, only_in_force: bool = True, benefit_ids: Iterable[str] | None = None
) -> CompiledLibrary:
    wanted = set(benefit_ids) if benefit_ids is not None else None
    pool: dict[Node, int] = {}
    conditions: list[Node] = []
    compiled: list[CompiledBenefit] = []
    for checked in library.benefits:
        if wanted is not None and checked.id not in wanted:
            continue
        if only_in_force and wanted is None and not checked.policy.in_force(as_of):
            continue
        params = checked.policy.parameters
        ids = []
        for cond in checked.conditions:
            node = bind(cond.node, as_of, params)
            if node not in pool:
                pool[node] = len(conditions)
                conditions.append(node)
            ids.append(pool[node])
        full_year, period_year, amount = _bound_amount(checked, as_of)
        cols: dict[str, None] = {}
        for cid in ids:
            cols.update(dict.fromkeys(columns_of(conditions[cid])))
        if amount is not None:
            cols.update(dict.fromkeys(columns_of(amount)))
        manual_cap, manual_floor = _manual_bound(checked, as_of, "cap"), _manual_bound(checked, as_of, "floor")
        cap_node, floor_node = (_manual_formula(checked, node, as_of) for node in checked.manual_bounds)
        for bound in (cap_node, floor_node):
            if bound is not None:
                cols.update(dict.fromkeys(columns_of(bound)))
        if manual_cap is not None and manual_floor is not None and manual_floor > manual_cap:
            # dated bounds can cross on a day the file's own check (numbers only) cannot see
            raise RuleError(
                f"一事一议金额的下限 {manual_floor} 万元高于上限 {manual_cap} 万元（{as_of}）",
                f"the manual amount's floor {manual_floor} is above its cap {manual_cap} on {as_of}",
                file=checked.file,
                benefit=checked.id,
                condition="金额下限 floor",
            )
        compiled.append(
            CompiledBenefit(
                index=len(compiled),
                checked=checked,
                condition_ids=tuple(ids),
                weights=integer_weights([c.spec.weight for c in checked.conditions]),
                amount=amount,
                kinds=frozenset(checked.spec.subjects),
                columns=tuple(cols),
                full_year=full_year,
                period_year=period_year,
                manual_cap=manual_cap,
                manual_floor=manual_floor,
                manual_cap_node=cap_node,
                manual_floor_node=floor_node,
            )
        )
    return CompiledLibrary(library=library, as_of=as_of, conditions=conditions, benefits=compiled)


def integer_weights(weights: list[Decimal]) -> tuple[int, ...]:
    if all(w == w.to_integral_value() for w in weights):
        return tuple(int(w) for w in weights)
    return tuple(int(w * 100) for w in weights)


def _bound_amount(checked: CheckedBenefit, as_of: dt.date) -> tuple[Node | None, Node | None, Node | None]:
    """(full-year amount, year of the schedule, this year's amount), bound and in 万元.

    The engine's amount is this year's: the formula, bounded by cap (最高) and floor (最低), times the share the
    schedule gives the entity's year of the period (the first year's when no ``period_year`` is written; nothing
    after the period). Instalments of a benefit split that amount over budget years later, in the redemption."""
    spec = checked.spec.amount
    if checked.amount is None or spec is None:
        return None, None, None
    node = bind(checked.amount, as_of, checked.policy.parameters)
    factor = AMOUNT_UNITS[spec.unit]
    if factor != 1:
        node = Arith(Type.DEC, op="/", left=node, right=Const(Type.INT, value=factor))
    cap = _bound(checked, spec.cap, spec.cap_parameter, as_of, "金额上限 cap")
    if cap is not None:
        node = Call(Type.DEC, fn="min", args=(node, Const(Type.DEC, value=quantize(cap / factor))))
    floor = _bound(checked, spec.floor, spec.floor_parameter, as_of, "金额下限 floor")
    if floor is not None:
        node = Call(Type.DEC, fn="max", args=(node, Const(Type.DEC, value=quantize(floor / factor))))
    if not spec.schedule:
        return node, None, node
    shares = [Const(Type.DEC, value=quantize(share)) for share in spec.schedule]
    if checked.period_year is None:
        return node, None, Arith(Type.DEC, op="*", left=node, right=shares[0])
    year = bind(checked.period_year, as_of, checked.policy.parameters)
    table = tuple((i + 1, share) for i, share in enumerate(shares))
    share_now = Lookup(Type.DEC, x=year, table=table, default=Const(Type.DEC, value=Decimal(0)))
    return node, year, Arith(Type.DEC, op="*", left=node, right=share_now)


def _manual_bound(checked: CheckedBenefit, as_of: dt.date, which: Literal["cap", "floor"]) -> Decimal | None:
    """A manual amount's cap or floor in force on ``as_of``, in 万元 (None: not stated, or not a manual amount)."""
    spec = checked.spec.amount
    if spec is None or not spec.manual:
        return None
    if (spec.cap_formula if which == "cap" else spec.floor_formula) is not None:
        return None  # computed from the entity's figures: ``manual_cap_node`` / ``manual_floor_node``
    if which == "cap":
        bound = _bound(checked, spec.cap, spec.cap_parameter, as_of, "金额上限 cap")
    else:
        bound = _bound(checked, spec.floor, spec.floor_parameter, as_of, "金额下限 floor")
    return None if bound is None else quantize(bound / AMOUNT_UNITS[spec.unit])


def _manual_formula(checked: CheckedBenefit, node: Node | None, as_of: dt.date) -> Node | None:
    """A manual amount's bound computed from the entity's figures, bound and in 万元."""
    spec = checked.spec.amount
    if node is None or spec is None:
        return None
    bound = bind(node, as_of, checked.policy.parameters)
    factor = AMOUNT_UNITS[spec.unit]
    return bound if factor == 1 else Arith(Type.DEC, op="/", left=bound, right=Const(Type.INT, value=factor))


def _bound(
    checked: CheckedBenefit, value: Decimal | str | None, name: str | None, as_of: dt.date, what: str
) -> Decimal | None:
    if value is None:
        return None
    if name is None:
        return Decimal(value)
    found = parameter_value(checked.policy.parameters[name], as_of)
    if found is None:
        raise RuleError(
            f"参数 params.{name} 在 {as_of} 没有生效的取值",
            f"parameter params.{name} has no value in force on {as_of}",
            file=checked.file,
            benefit=checked.id,
            condition=what,
        )
    return Decimal(found)  # type: ignore[arg-type]
