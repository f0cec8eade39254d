"""Load policy files, check every expression, and compile a library for one date.

Loading collects every error of a file before failing, so an officer sees them all;
each names the file, benefit, condition, line and column.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from pydantic import ValidationError

from policyreach.rules.binding import bind
from policyreach.rules.errors import RuleError, RuleErrors
from policyreach.rules.ir import Arith, Call, Col, Const, Node, cols_of, columns_of
from policyreach.rules.language import Env, check_amount, check_condition, parse_expression
from policyreach.rules.numbers import quantize
from policyreach.rules.policy import Benefit, Condition, Policy, TestCase
from policyreach.rules.schema import Schema
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
        candidates = sorted(p.rglob("*.yaml")) if p.is_dir() else [p]
        files.extend(f for f in candidates if not f.name.endswith(".tests.yaml"))
    return files


def load_library(paths: Iterable[Path | str] | Path | str, schema: Schema) -> Library:
    """Load every policy file under ``paths``; raise ``RuleErrors`` listing all problems."""
    library = Library(schema=schema)
    errors: list[RuleError] = []
    for file in policy_files(paths):
        try:
            add_policy_file(library, file)
        except RuleErrors as exc:
            errors.extend(exc.errors)
        except RuleError as exc:
            errors.append(exc.located(file=str(file)))
    if errors:
        raise RuleErrors(errors)
    return library


def add_policy_file(library: Library, file: Path | str, text: str | None = None) -> Policy:
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
    known = {b.id for b in library.benefits}
    checked = check_policy(policy, doc, library.schema, known)
    library.policies[policy.id] = policy
    library.files[policy.id] = str(file)
    library.versions[policy.id] = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    library.benefits.extend(checked)
    library.tests[policy.id] = [*policy.tests, *_sibling_tests(file, policy.id)]
    return policy


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
            errors.append(
                RuleError(
                    f"字段 {where} 有误：{err['msg']}",
                    f"field {where}: {err['msg']}",
                    file=doc.file,
                    benefit=benefit,
                    line=pos.line if pos else None,
                    column=pos.column if pos else None,
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


def check_policy(policy: Policy, doc: SourceDoc, schema: Schema, known_benefits: set[str]) -> list[CheckedBenefit]:
    env = Env(schema=schema, params=policy.parameters)
    errors: list[RuleError] = []
    checked: list[CheckedBenefit] = []
    seen = set(known_benefits)
    for bi, benefit in enumerate(policy.benefits):
        if benefit.id in seen:
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
        conditions = []
        for ci, cond in enumerate(benefit.conditions):
            path: Path_ = ("benefits", bi, "conditions", ci)
            label = cond.label or f"#{ci + 1} {cond.expr}"
            clause = _clause(policy, cond.clause, doc, (*path, "clause"), benefit.id, label, errors)
            node = _expression(cond.expr, env, doc, (*path, "expr"), benefit.id, label, errors, check_condition)
            if node is not None and clause is not None:
                conditions.append(CheckedCondition(cond, node, clause))
        amount = amount_clause = None
        if benefit.amount is not None:
            path = ("benefits", bi, "amount")
            amount_clause = _clause(policy, benefit.amount.clause, doc, (*path, "clause"), benefit.id, "金额", errors)
            amount = _expression(
                benefit.amount.formula, env, doc, (*path, "formula"), benefit.id, "金额 amount", errors, check_amount
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
        checked.append(CheckedBenefit(policy, benefit, conditions, amount, amount_clause, doc.file))
    if errors:
        raise RuleErrors(errors)
    return checked


def _clause(
    policy: Policy, ref: str, doc: SourceDoc, path: Path_, benefit: str, label: str, errors: list[RuleError]
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
        )
    )
    return None


def _expression(
    text: str,
    env: Env,
    doc: SourceDoc,
    path: Path_,
    benefit: str,
    label: str,
    errors: list[RuleError],
    check: Callable[[Node], None],
) -> Node | None:
    try:
        node = parse_expression(text, env)
        check(node)
        return node
    except RuleError as exc:
        pos = doc.position(path)
        if pos is not None:
            inner_line, inner_col = exc.line or 1, exc.column or 1
            exc.line = pos.line + inner_line - 1
            exc.column = (pos.column + (1 if pos.quoted else 0) + inner_col - 1) if inner_line == 1 else inner_col
        errors.append(exc.located(file=doc.file, benefit=benefit, condition=label))
        return None


def _at(doc: SourceDoc, path: Path_, benefit: str, label: str | None, zh: str, en: str) -> RuleError:
    pos = doc.position(path)
    return RuleError(
        zh,
        en,
        file=doc.file,
        benefit=benefit,
        condition=label,
        line=pos.line if pos else None,
        column=pos.column if pos else None,
    )


def _sibling_tests(file: Path, policy_id: str) -> list[TestCase]:
    sibling = file.with_name(file.name.removesuffix(".yaml") + ".tests.yaml")
    if not sibling.exists():
        return []
    doc = load_yaml(sibling)
    data = doc.data or {}
    if data.get("policy") not in (None, policy_id):
        raise RuleError(
            f"测试文件声明的政策 {data.get('policy')} 与 {policy_id} 不一致",
            f"test file is for policy {data.get('policy')}, not {policy_id}",
            file=str(sibling),
        )
    try:
        return [TestCase.model_validate(case) for case in data.get("tests", [])]
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ("tests", *err["loc"])
        pos = doc.position(loc)
        raise RuleError(
            f"测试用例有误：{err['msg']}",
            f"invalid test case: {err['msg']}",
            file=str(sibling),
            line=pos.line if pos else None,
            column=pos.column if pos else None,
        ) from exc


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
        seen: dict[str, Col] = {}
        nodes = [*self.conditions, *(b.amount for b in self.benefits if b.amount is not None)]
        for node in nodes:
            for col in cols_of(node):
                if col.builtin:
                    seen[col.column] = col
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
        amount = _bound_amount(checked, as_of)
        cols: dict[str, None] = {}
        for cid in ids:
            cols.update(dict.fromkeys(columns_of(conditions[cid])))
        if amount is not None:
            cols.update(dict.fromkeys(columns_of(amount)))
        compiled.append(
            CompiledBenefit(
                index=len(compiled),
                checked=checked,
                condition_ids=tuple(ids),
                weights=integer_weights([c.spec.weight for c in checked.conditions]),
                amount=amount,
                kinds=frozenset(checked.spec.subjects),
                columns=tuple(cols),
            )
        )
    return CompiledLibrary(library=library, as_of=as_of, conditions=conditions, benefits=compiled)


def integer_weights(weights: list[Decimal]) -> tuple[int, ...]:
    if all(w == w.to_integral_value() for w in weights):
        return tuple(int(w) for w in weights)
    return tuple(int(w * 100) for w in weights)


def _bound_amount(checked: CheckedBenefit, as_of: dt.date) -> Node | None:
    spec = checked.spec.amount
    if checked.amount is None or spec is None:
        return None
    node = bind(checked.amount, as_of, checked.policy.parameters)
    factor = AMOUNT_UNITS[spec.unit]
    if factor != 1:
        node = Arith(Type.DEC, op="/", left=node, right=Const(Type.INT, value=factor))
    if spec.cap is not None:
        node = Call(Type.DEC, fn="min", args=(node, Const(Type.DEC, value=quantize(spec.cap / factor))))
    return node
