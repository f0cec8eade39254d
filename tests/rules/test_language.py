"""The rules language's checks: a type error or an unknown name is refused with where it is and why."""

from __future__ import annotations

import pytest

from policyreach.rules.errors import RuleError, RuleErrors
from policyreach.rules.schema import Schema
from tests.rules.one_benefit import POLICY, library_of


def _error(schema: Schema, condition: str) -> RuleError:
    with pytest.raises(RuleErrors) as info:
        library_of(schema, [condition])
    (error,) = info.value.errors
    return error


def test_type_error_names_file_benefit_condition_line_and_column(fixture_schema) -> None:
    condition = "revenue[last_year] >= '高'"
    error = _error(fixture_schema, condition)
    text = POLICY.format(conditions=f'      - {{expr: "{condition}", clause: "1"}}', amount="10").splitlines()
    line = next(i for i, row in enumerate(text, 1) if condition in row)
    assert (error.file, error.benefit, error.line) == ("t.yaml", "b", line)
    assert error.column == text[line - 1].index("'高'") + 1
    assert "以万元计的数值" in error.message_zh and "'高' 是文本" in error.message_zh
    assert "revenue is a decimal in 万元; '高' is a string" in error.message_en
    assert f"t.yaml:{line}:{error.column}" in str(error)


@pytest.mark.parametrize(
    ("condition", "needle"),
    [
        ("revenu[last_year] > 1", "未知的名称 revenu"),
        ("revenue > 1", "按年度记录"),
        ("district > 1", "district 是文本"),
        ("employees[last_year] + 1", "条件必须是"),
        ("__import__('os')", "未知函数"),
        ("revenue[last_year].real > 1", "只支持 params"),
        ("params.missing > 1", "未定义的参数"),
        ("district in 5", "列表"),
        ("revenue[last_year] >", "语法错误"),
    ],
)
def test_errors_are_precise(fixture_schema, condition: str, needle: str) -> None:
    error = _error(fixture_schema, condition)
    assert needle in error.message_zh
    assert error.line is not None and error.column is not None
