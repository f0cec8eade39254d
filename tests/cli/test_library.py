"""``policyreach test`` and ``policyreach validate`` on the fixture library, as it is and with one edit."""

from __future__ import annotations

from pathlib import Path

from click.testing import Result
from typer.testing import CliRunner

from policyreach.cli import app
from tests.conftest import FIXTURES


def test_test_runs_yaml_cases() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["test", str(FIXTURES / "library"), "--schema", str(FIXTURES / "schema")])
    assert result.exit_code == 0, result.output
    assert "5 cases" in result.output and "0 failed" in result.output


def _run_on_edited_fixture(tmp_path: Path, command: str, old: str, new: str) -> Result:
    text = (FIXTURES / "library" / "hightech.yaml").read_text(encoding="utf-8")
    (tmp_path / "hightech.yaml").write_text(text.replace(old, new), encoding="utf-8")
    return CliRunner().invoke(app, [command, str(tmp_path), "--schema", str(FIXTURES / "schema")])


def test_test_reports_a_failing_case(tmp_path) -> None:
    result = _run_on_edited_fixture(
        tmp_path,
        "test",
        "test-hightech-award: {status: eligible, amount: 20}",
        "test-hightech-award: {status: eligible, amount: 25}",
    )
    assert result.exit_code == 1
    assert "test-hightech-award" in result.output and "上年度首次认定" in result.output
    assert "amount 应为 25，实为 20" in result.output


def test_validate_reports_a_rule_error_with_its_location(tmp_path) -> None:
    result = _run_on_edited_fixture(
        tmp_path, "validate", '"revenue[last_year] >= 2000"', '"revenue[last_year] >= true_value"'
    )
    assert result.exit_code == 1
    assert "test-rd-subsidy" in result.output and "未知的名称 true_value" in result.output


def test_test_names_a_missing_library(tmp_path) -> None:
    result = CliRunner().invoke(app, ["test", str(tmp_path / "nowhere"), "--schema", str(FIXTURES / "schema")])
    assert result.exit_code == 2
    unwrapped = result.output.replace("\n", "")  # Rich wraps a long temporary path at the terminal's width
    assert "nowhere" in unwrapped and "找不到" in unwrapped


def test_validate_refuses_a_code_outside_the_attributes_code_set(tmp_path) -> None:
    result = _run_on_edited_fixture(
        tmp_path,
        "validate",
        '{expr: district in CHANGCHUN_DISTRICTS, clause: "1"}',
        '{expr: \'district in ["220102", "220199"]\', clause: "1"}',
    )
    assert result.exit_code == 1
    assert "“220199”不是所在区县的有效代码" in result.output and "220102（南关区）" in result.output
