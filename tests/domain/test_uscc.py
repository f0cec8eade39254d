"""统一社会信用代码 (GB 32100-2015): real codes pass, every kind of fault is refused with its reason."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from policyreach.cli import app
from policyreach.standards.uscc import (
    CHARSET,
    WEIGHTS,
    InvalidUscc,
    check_character,
    is_valid_uscc,
    make_uscc,
    org_check_character,
    parse_uscc,
)

REAL = ["91350100M000100Y43", "91110000600037341L", "911101080828461726"]


def test_weights_are_the_standards() -> None:
    assert WEIGHTS[:8] == (1, 3, 9, 27, 19, 26, 16, 17) and len(CHARSET) == 31
    assert not set("IOZSV") & set(CHARSET)


@pytest.mark.parametrize("code", REAL)
def test_published_codes_are_valid(code: str) -> None:
    parsed = parse_uscc(code)
    assert parsed.authority == "9" and parsed.org_type_name == "企业"
    assert parsed.division == code[2:8] and parsed.org_code == code[8:17] and parsed.check == code[17]


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("91350100M000100Y4", "长度应为18位，实为17位"),
        ("91350100M0001I0Y43", "第14位字符“I”不在代码字符集中"),
        ("01350100M000100Y43", "登记管理部门代码“0”无效"),
        ("94350100M000100Y43", "机构类别代码“4”不属于登记管理部门"),
        ("9135A100M000100Y43", "行政区划码"),
        ("91350100M000100Y53", "组织机构代码校验位应为“4”，实为“5”"),
        ("91350100M000100Y44", "校验码应为“3”，实为“4”"),
    ],
)
def test_invalid_codes_say_why(code: str, reason: str) -> None:
    with pytest.raises(InvalidUscc) as info:
        parse_uscc(code)
    assert reason in info.value.reason
    assert not is_valid_uscc(code)


def test_lower_case_and_spaces_are_normalised() -> None:
    assert parse_uscc(" 91110000600037341l ").code == "91110000600037341L"


def test_org_check_character() -> None:
    assert org_check_character("M000100Y") == "4" and org_check_character("60003734") == "1"


_parts = st.tuples(
    st.sampled_from(["91", "92", "93", "12", "52", "N2"]),
    st.from_regex(r"\A22[0-9]{4}\Z"),
    st.from_regex(r"\A[0-9A-HJ-NP-RTUWXY]{8}\Z"),
)


@given(_parts)
def test_made_codes_parse(parts: tuple[str, str, str]) -> None:
    kind, division, org = parts
    code = make_uscc(kind[0], kind[1], division, org)
    assert parse_uscc(code).division == division


@given(_parts, st.integers(0, 16), st.sampled_from(CHARSET))
def test_any_single_substitution_in_the_first_17_is_caught(parts, pos: int, ch: str) -> None:
    code = make_uscc(parts[0][0], parts[0][1], parts[1], parts[2])
    changed = code[:pos] + ch + code[pos + 1 :]
    if changed != code:
        # the 18th character alone detects every single substitution (31 is prime)
        assert check_character(changed[:17]) != code[17]
        assert not is_valid_uscc(changed)


def test_cli_prints_parts_or_the_reason() -> None:
    runner = CliRunner()
    ok = runner.invoke(app, ["check", "uscc", "91220102123456788J"])
    assert ok.exit_code == 0 and "220102" in ok.output and "南关区" in ok.output and "企业" in ok.output
    bad = runner.invoke(app, ["check", "uscc", "91220102123456788J", "91350100M000100Y44"])
    assert bad.exit_code == 1 and "校验码应为“3”" in bad.output
