"""Every threshold and amount of the sample library is a dated parameter or a number its own clause states.

A number written into a rule must be one a reader finds in the clause the rule cites ("不低于100万元"
beside ``rd_expense[last_year] >= 100``); award sizes, caps, rates and thresholds a clause words
differently ("5亿元" for 50000 万元, "25%" for 0.25) are dated parameters with a reference to their clause,
so that a reform changes a value in one place and the clause it comes from stays visible.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from policyreach import settings
from policyreach.rules.library import Library, load_library
from policyreach.rules.schema import load_schema

_YEAR_WORDS = ("last_year", "this_year")


def _is_year_offset(node: ast.Constant, parent: ast.AST | None) -> bool:
    """``years_ago(2)`` and ``last_year - 2`` count years back from the evaluation date: no policy value."""
    if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name) and parent.func.id == "years_ago":
        return True
    if isinstance(parent, ast.BinOp) and isinstance(parent.op, ast.Add | ast.Sub):
        other = parent.left if parent.right is node else parent.right
        return isinstance(other, ast.Name) and other.id in _YEAR_WORDS
    return False


def _is_percent_of_ratio(node: ast.Constant, parent: ast.AST | None) -> bool:
    """The 100 of ``ratio(a, b) * 100`` turns a ratio into the percentage the clause states."""
    if node.value != 100 or not (isinstance(parent, ast.BinOp) and isinstance(parent.op, ast.Mult)):
        return False
    other = parent.left if parent.right is node else parent.right
    return isinstance(other, ast.Call) and isinstance(other.func, ast.Name) and other.func.id == "ratio"


def written_numbers(expr: str) -> Iterator[str]:
    """The numbers a rule writes, as text ("0.25", "50000"), less those that are no policy value.

    Zero (none, any: ``> 0``, ``max(…, 0)``), year offsets and the percentage factor of a ratio are left out.
    """
    tree = ast.parse(expr.strip(), mode="eval")
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    constants = [node for node in ast.walk(tree) if isinstance(node, ast.Constant)]
    for node in sorted(constants, key=lambda n: (n.lineno, n.col_offset)):
        if not isinstance(node, ast.Constant) or isinstance(node.value, bool | str) or node.value is None:
            continue
        parent = parents.get(node)
        if node.value == 0 or _is_year_offset(node, parent) or _is_percent_of_ratio(node, parent):
            continue
        text = ast.get_source_segment(expr.strip(), node) or repr(node.value)
        yield number_text(Decimal(text.replace("_", "")))


def number_text(value: Decimal) -> str:
    return format(value.normalize(), "f")


def stated(number: str, clause_text: str) -> bool:
    """The clause writes the number itself: 5 is in "给予5万元", not in "2025年" or "15%"."""
    return re.search(rf"(?<![\d.]){re.escape(number)}(?!\d|\.\d)", clause_text) is not None


def unstated_numbers(library: Library) -> list[str]:
    found = []
    for benefit in library.benefits:
        for cond in benefit.conditions:
            found.extend(
                f"{benefit.file}: {benefit.id} 条件 [{cond.spec.clause}] {cond.spec.expr}: {number}"
                for number in written_numbers(cond.spec.expr)
                if not stated(number, cond.clause_text)
            )
        amount = benefit.spec.amount
        if amount is None or benefit.amount_clause_text is None:
            continue
        numbers = list(written_numbers(amount.formula))
        if isinstance(amount.cap, Decimal):
            numbers.append(number_text(amount.cap))
        found.extend(
            f"{benefit.file}: {benefit.id} 金额 [{amount.clause}] {amount.formula} (cap {amount.cap}): {number}"
            for number in numbers
            if not stated(number, benefit.amount_clause_text)
        )
    return found


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(settings.library_path(), load_schema(settings.schema_path()))


def test_every_number_in_a_rule_is_a_parameter_or_stated_by_its_clause(library: Library) -> None:
    unstated = unstated_numbers(library)
    assert not unstated, "\n".join(unstated)


def test_every_parameter_is_dated_and_cites_the_clause_that_states_it(library: Library) -> None:
    for policy in library.policies.values():
        for key, param in policy.parameters.items():
            assert param.values and min(param.values) <= policy.valid_from, f"{policy.id}: params.{key}"
            assert param.reference in policy.clauses, f"{policy.id}: params.{key} names no clause"


def test_award_sizes_caps_and_rates_are_parameters(library: Library) -> None:
    """Beyond the rule above, the sample library writes no money or rate into an amount: only the 12 months
    of a monthly sum and the bands of a tier, each stated by its clause, stay literal."""
    for benefit in library.benefits:
        amount = benefit.spec.amount
        if amount is None:
            continue
        assert not isinstance(amount.cap, Decimal), f"{benefit.id}: cap {amount.cap}"
        outside_tiers = re.sub(r"tier\((.*?), \[\[.*\]\]\)", r"\1", amount.formula)
        assert set(written_numbers(outside_tiers)) <= {"12"}, f"{benefit.id}: {amount.formula}"


def test_the_check_reads_numbers_as_a_clause_writes_them() -> None:
    clause = "第三条 按投资额的6%给予补助，最高不超过200万元；对2025年营业收入不低于1000万元的企业，给予5万元奖励。"
    assert list(written_numbers("min(fixed_investment[last_year] * 0.06, 200)")) == ["0.06", "200"]
    assert not stated("0.06", clause) and stated("200", clause)
    assert stated("5", clause) and not stated("25", clause) and not stated("20", clause)
    assert not stated("100", clause)  # inside 1000
    assert list(written_numbers("revenue[years_ago(2)] < 1000 and revenue[last_year] > 0")) == ["1000"]
    assert list(written_numbers("cert_hightech_year >= last_year - 2")) == []
    assert list(written_numbers("ratio(rd_staff[last_year], employees[last_year]) * 100 >= 10")) == ["10"]
    assert list(written_numbers("tier(employees[last_year], [[0, 1], [10, 3]])")) == ["1", "10", "3"]
    assert list(written_numbers("0 - unexcused_absences * 5")) == ["5"]
    assert list(written_numbers("params.award * 12")) == ["12"]


def test_the_check_catches_a_bare_rate_in_a_library(tmp_path: Path) -> None:
    """The rule the library follows is not vacuous: a rate written into a formula is reported."""
    source = (settings.ROOT / "library" / "cc-rd-subsidy.yaml").read_text(encoding="utf-8")
    policy = tmp_path / "cc-rd-subsidy.yaml"
    policy.write_text(source.replace("* params.rd_increment_rate", "* 0.15"), encoding="utf-8")
    library = load_library(policy, load_schema(settings.ROOT / "schema"))
    (found,) = unstated_numbers(library)
    assert "rds-rd-increment" in found and found.endswith(": 0.15")
