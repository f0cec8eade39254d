"""``policyreach check``: a credit code, an industry and a size class checked from the command line."""

from __future__ import annotations

from typer.testing import CliRunner

from policyreach.cli import app


def test_uscc_prints_parts_or_the_reason() -> None:
    runner = CliRunner()
    ok = runner.invoke(app, ["check", "uscc", "91220102123456788J"])
    assert ok.exit_code == 0 and "220102" in ok.output and "南关区" in ok.output and "企业" in ok.output
    bad = runner.invoke(app, ["check", "uscc", "91220102123456788J", "91350100M000100Y44"])
    assert bad.exit_code == 1 and "校验码应为“3”" in bad.output


def test_size_prints_class_and_rule() -> None:
    runner = CliRunner()
    result = runner.invoke(
        app, ["check", "size", "--industry", "C36", "--employees", "1500", "--revenue", "60000", "--assets", "50000"]
    )
    assert result.exit_code == 0 and "大" in result.output and "1000" in result.output
    small = runner.invoke(app, ["check", "size", "--industry", "F52", "--employees", "10", "--revenue", "100"])
    assert small.exit_code == 0 and "小" in small.output and "下划一档" in small.output
    bad = runner.invoke(app, ["check", "size", "--industry", "A36", "--employees", "10"])
    assert bad.exit_code == 1 and "A36" in bad.output
