"""国民经济行业分类 (GB/T 4754-2017): all sections and divisions, and the tests policies use."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from policyreach.cli import app
from policyreach.standards.industry import (
    DIVISIONS,
    SECTIONS,
    InvalidIndustry,
    full_code,
    in_divisions,
    in_section,
    is_valid_industry,
    name_of,
    parse_industry,
    section_of,
)


def test_counts() -> None:
    assert len(SECTIONS) == 20 and "".join(SECTIONS) == "ABCDEFGHIJKLMNOPQRST"
    assert len(DIVISIONS) == 97 and list(DIVISIONS) == [f"{i:02d}" for i in range(1, 98)]


@pytest.mark.parametrize(
    ("division", "section"),
    [
        ("01", "A"),
        ("05", "A"),
        ("06", "B"),
        ("12", "B"),
        ("13", "C"),
        ("43", "C"),
        ("44", "D"),
        ("46", "D"),
        ("47", "E"),
        ("51", "F"),
        ("53", "G"),
        ("60", "G"),
        ("61", "H"),
        ("65", "I"),
        ("66", "J"),
        ("70", "K"),
        ("72", "L"),
        ("73", "M"),
        ("79", "N"),
        ("82", "O"),
        ("83", "P"),
        ("85", "Q"),
        ("90", "R"),
        ("96", "S"),
        ("97", "T"),
    ],
)
def test_section_boundaries(division: str, section: str) -> None:
    assert section_of(division) == section and full_code(division) == section + division


def test_names() -> None:
    assert name_of("C36") == "汽车制造业" and name_of("27") == "医药制造业"
    assert name_of("C39") == "计算机、通信和其他电子设备制造业" and name_of("I65") == "软件和信息技术服务业"
    assert name_of("C13") == "农副食品加工业" and name_of("C") == "制造业"


def test_parse_and_refuse() -> None:
    assert parse_industry("c36") == ("C", "36") and parse_industry("K7020") == ("K", "70")
    for bad, words in (("A36", "属于门类 C"), ("C98", "不是"), ("汽车", "格式"), ("C3", "格式")):
        with pytest.raises(InvalidIndustry) as info:
            parse_industry(bad)
        assert words in str(info.value)
        assert not is_valid_industry(bad)


def test_section_and_division_helpers() -> None:
    assert in_section("C36", "C") and not in_section("I65", "C")
    assert in_divisions("C27", [27, 36, 39]) and in_divisions("C36", ["C36"]) and not in_divisions("C35", [27, 36])
    assert not in_divisions("nonsense", [27])


def test_cli_size_prints_class_and_rule() -> None:
    runner = CliRunner()
    result = runner.invoke(
        app, ["check", "size", "--industry", "C36", "--employees", "1500", "--revenue", "60000", "--assets", "50000"]
    )
    assert result.exit_code == 0 and "大" in result.output and "1000" in result.output
    small = runner.invoke(app, ["check", "size", "--industry", "F52", "--employees", "10", "--revenue", "100"])
    assert small.exit_code == 0 and "小" in small.output and "下划一档" in small.output
    bad = runner.invoke(app, ["check", "size", "--industry", "A36", "--employees", "10"])
    assert bad.exit_code == 1 and "A36" in bad.output
