"""统一社会信用代码 (GB 32100-2015): spec constants, real codes, each refusal reason, and check-character properties.

The expected values here are computed by a small reference implementation written from the standard's text,
independent of ``policyreach.standards.uscc``.
"""

from __future__ import annotations

import dataclasses
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policyreach.standards.uscc import (
    CHARSET,
    WEIGHTS,
    InvalidUscc,
    Uscc,
    check_character,
    is_valid_uscc,
    make_uscc,
    org_check_character,
    parse_uscc,
)

SPEC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
SPEC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

# Published codes of well-known enterprises (all 登记管理部门 9, 机构类别 1).
REAL = [
    "91350100M000100Y43",
    "91110000600037341L",
    "911101080828461726",
    "914403001922038216",
    "9144030071526726XG",
    "91330100716105852F",
    "91110108551385082Q",
]

# GB 32100-2015 附录: 登记管理部门代码 → (name, {机构类别代码: name}).
TABLE: dict[str, tuple[str, dict[str, str]]] = {
    "1": ("机构编制", {"1": "机关", "2": "事业单位", "3": "中央编办直接管理机构编制的群众团体", "9": "其他"}),
    "2": ("外交", {"1": "外国常驻新闻机构", "9": "其他"}),
    "3": (
        "司法行政",
        {
            "1": "律师执业机构",
            "2": "公证处",
            "3": "基层法律服务所",
            "4": "司法鉴定机构",
            "5": "仲裁委员会",
            "9": "其他",
        },
    ),
    "4": ("文化", {"1": "外国在华文化中心", "9": "其他"}),
    "5": ("民政", {"1": "社会团体", "2": "民办非企业单位", "3": "基金会", "9": "其他"}),
    "6": ("旅游", {"1": "外国旅游部门常驻代表机构", "2": "港澳台地区旅游部门常驻内地（大陆）代表机构", "9": "其他"}),
    "7": ("宗教", {"1": "宗教活动场所", "2": "宗教院校", "9": "其他"}),
    "8": ("工会", {"1": "基层工会", "9": "其他"}),
    "9": ("工商", {"1": "企业", "2": "个体工商户", "3": "农民专业合作社"}),
    "A": ("中央军委改革和编制办公室", {"1": "军队事业单位", "9": "其他"}),
    "N": ("农业", {"1": "组级集体经济组织", "2": "村级集体经济组织", "3": "乡镇级集体经济组织", "9": "其他"}),
    "Y": ("其他", {"1": "其他"}),
}
KINDS = [(a, t) for a, (_, types) in TABLE.items() for t in types]


def ref_check(first17: str) -> str:
    """Reference C18 = 31 − (Σ value × 3^i mod 31) mod 31, with 31 written 0."""
    total = sum(SPEC_CHARSET.index(ch) * pow(3, i, 31) for i, ch in enumerate(first17))
    return SPEC_CHARSET[(31 - total % 31) % 31]


def ref_org_check(org8: str) -> str:
    """Reference GB 11714 C9 = 11 − (Σ value × weight mod 11); 10 → X, 11 → 0."""
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    c9 = 11 - sum(digits.index(ch) * w for ch, w in zip(org8, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    return {10: "X", 11: "0"}.get(c9, str(c9))


def reason_of(code: str) -> str:
    with pytest.raises(InvalidUscc) as info:
        parse_uscc(code)
    assert not is_valid_uscc(code)
    return info.value.reason


# --- constants -------------------------------------------------------------------------------------------------


def test_charset_and_weights_are_the_standards() -> None:
    assert CHARSET == SPEC_CHARSET and len(CHARSET) == 31
    assert not set("IOZSV") & set(CHARSET)
    assert tuple(WEIGHTS) == SPEC_WEIGHTS


# --- real codes ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", REAL)
def test_real_codes_are_valid_and_split_into_parts(code: str) -> None:
    parsed = parse_uscc(code)
    assert parsed == Uscc(code, "9", parsed.authority_name, "1", "企业", code[2:8], code[8:17], code[17])
    assert "工商" in parsed.authority_name
    assert is_valid_uscc(code)
    assert check_character(code[:17]) == code[17] == ref_check(code[:17])
    assert org_check_character(code[8:16]) == code[16] == ref_org_check(code[8:16])


@pytest.mark.parametrize("code", REAL)
def test_make_uscc_rebuilds_real_codes(code: str) -> None:
    assert make_uscc(code[0], code[1], code[2:8], code[8:16]) == code


def test_input_is_stripped_and_upper_cased() -> None:
    parsed = parse_uscc("  91350100m000100y43 ")
    assert parsed.code == "91350100M000100Y43" and parsed.org_code == "M000100Y4"
    assert is_valid_uscc("9144030071526726xg")
    assert parse_uscc(" 91110000600037341l ").code == "91110000600037341L"


def test_parsed_code_is_frozen() -> None:
    parsed = parse_uscc(REAL[0])
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.check = "0"  # type: ignore[misc]


# --- the standard's table ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("authority", "org_type"), KINDS)
def test_every_kind_in_the_table_is_accepted_with_its_names(authority: str, org_type: str) -> None:
    parsed = parse_uscc(make_uscc(authority, org_type, "220102", "12345678"))
    assert (parsed.authority, parsed.org_type) == (authority, org_type)
    assert TABLE[authority][0] in parsed.authority_name
    assert parsed.org_type_name == TABLE[authority][1][org_type]


@pytest.mark.parametrize("authority", sorted(set(CHARSET) - set(TABLE)))
def test_authorities_outside_the_table_are_refused(authority: str) -> None:
    code = make_uscc(authority, "1", "220102", "12345678")
    assert reason_of(code) == f"登记管理部门代码“{authority}”无效"


@pytest.mark.parametrize(("authority", "org_type"), [("9", "4"), ("9", "9"), ("5", "4"), ("1", "5"), ("Y", "2")])
def test_org_types_not_under_their_authority_are_refused(authority: str, org_type: str) -> None:
    reason = reason_of(make_uscc(authority, org_type, "220102", "12345678"))
    assert reason.startswith(f"机构类别代码“{org_type}”") and TABLE[authority][0] in reason


# --- each kind of invalid code -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("", "长度应为18位，实为0位"),
        ("91350100M000100Y4", "长度应为18位，实为17位"),
        ("91350100M000100Y433", "长度应为18位，实为19位"),
    ],
)
def test_wrong_length(code: str, reason: str) -> None:
    assert reason_of(code) == reason


@pytest.mark.parametrize(
    ("code", "pos", "ch"),
    [
        ("9135I100M000100Y43", 5, "I"),
        ("9135O100M000100Y43", 5, "O"),
        ("91350100M000100Z43", 16, "Z"),
        ("S1350100M000100Y43", 1, "S"),
        ("91350100V000100Y43", 9, "V"),
        ("91350100M000100Y4-", 18, "-"),
        ("91350100M0001s0Y43", 14, "S"),
    ],
)
def test_characters_outside_the_charset(code: str, pos: int, ch: str) -> None:
    assert reason_of(code).startswith(f"第{pos}位字符“{ch}”不在代码字符集中")


def test_unknown_authority() -> None:
    assert reason_of("01350100M000100Y43") == "登记管理部门代码“0”无效"


@pytest.mark.parametrize("division", ["35A100", "Y10000", "11000X"])
def test_division_must_be_six_digits(division: str) -> None:
    code = make_uscc("9", "1", division, "M000100Y")
    assert "行政区划码" in reason_of(code) and division in reason_of(code)


def test_org_code_check_digit_is_verified() -> None:
    # 17th character changed and the 18th recomputed, so only the GB 11714 check fails
    first17 = "91350100M000100Y5"
    code = first17 + check_character(first17)
    assert reason_of(code) == "组织机构代码校验位应为“4”，实为“5”"


def test_final_check_character_is_verified() -> None:
    assert reason_of("91350100M000100Y44") == "校验码应为“3”，实为“4”"
    assert reason_of("91110000600037341K") == "校验码应为“L”，实为“K”"


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("91350100M0001I0Y43", "第14位字符“I”不在代码字符集中"),
        ("94350100M000100Y43", "机构类别代码“4”不属于登记管理部门"),
        ("9135A100M000100Y43", "行政区划码"),
        ("91350100M000100Y53", "组织机构代码校验位应为“4”，实为“5”"),
    ],
)
def test_one_fault_in_a_published_code_is_named(code: str, reason: str) -> None:
    """91350100M000100Y43 with one character changed and its check characters left as they were."""
    assert reason in reason_of(code)


def test_invalid_uscc_is_a_value_error_with_the_reason_in_its_message() -> None:
    with pytest.raises(ValueError, match="校验码应为“3”，实为“4”") as info:
        parse_uscc("91350100M000100Y44")
    assert isinstance(info.value, InvalidUscc) and info.value.reason == "校验码应为“3”，实为“4”"


# --- check characters ----------------------------------------------------------------------------------------------


def test_check_character_of_zero_sum_is_written_0() -> None:
    assert check_character("0" * 17) == "0"  # 31 − 0 = 31 → "0"
    assert check_character("1" + "0" * 16) == "Y"  # 31 − 1 = 30 → "Y"


def test_org_check_character_special_values() -> None:
    assert org_check_character("00000000") == "0"  # 11 − 0 = 11 → "0"
    assert org_check_character("40000000") == "X"  # 4 × 3 = 12 ≡ 1 → 10 → "X"
    assert org_check_character("60003734") == "1"
    assert org_check_character("M000100Y") == "4"


def test_every_single_substitution_of_a_real_code_is_refused() -> None:
    code = REAL[0]
    for pos in range(18):
        for ch in CHARSET.replace(code[pos], ""):
            assert not is_valid_uscc(code[:pos] + ch + code[pos + 1 :]), (pos, ch)


def test_make_uscc_is_fast() -> None:
    start = time.perf_counter()
    codes = {make_uscc("9", "1", "220102", f"{i:08d}") for i in range(20_000)}
    assert time.perf_counter() - start < 1.0
    assert len(codes) == 20_000


# --- properties ------------------------------------------------------------------------------------------------------

_kinds = st.sampled_from(KINDS)
_divisions = st.from_regex(r"\A[0-9]{6}\Z")
_bodies = st.text(alphabet=SPEC_CHARSET, min_size=8, max_size=8)


@given(_kinds, _divisions, _bodies)
def test_made_codes_always_parse(kind: tuple[str, str], division: str, body: str) -> None:
    code = make_uscc(kind[0], kind[1], division, body)
    parsed = parse_uscc(code)
    assert (parsed.code, parsed.division, parsed.org_code[:8]) == (code, division, body)
    assert parsed.org_code[8] == ref_org_check(body) and parsed.check == ref_check(code[:17])


@given(_kinds, _divisions, _bodies, st.integers(0, 17), st.sampled_from(SPEC_CHARSET))
def test_any_single_substitution_is_refused(kind: tuple[str, str], division: str, body: str, pos: int, ch: str) -> None:
    code = make_uscc(kind[0], kind[1], division, body)
    changed = code[:pos] + ch + code[pos + 1 :]
    if changed == code:
        return
    assert not is_valid_uscc(changed)
    if pos < 17:
        # the 18th character alone detects it: every weight is non-zero modulo the prime 31
        assert check_character(changed[:17]) != code[17]


@given(st.text(alphabet=SPEC_CHARSET, min_size=17, max_size=17))
def test_check_character_matches_the_reference(first17: str) -> None:
    assert check_character(first17) == ref_check(first17)


@given(st.text(max_size=25))
def test_arbitrary_text_is_valid_only_if_its_check_character_fits(text: str) -> None:
    if is_valid_uscc(text):
        code = text.strip().upper()
        assert len(code) == 18 and code[17] == ref_check(code[:17])


@given(
    st.lists(
        st.one_of(
            st.sampled_from(REAL),
            st.text(alphabet=SPEC_CHARSET + "IOZSVaz -", min_size=16, max_size=19),
            st.builds(
                lambda code, at, ch: code[:at] + ch + code[at + 1 :],
                st.sampled_from(REAL),
                st.integers(0, 17),
                st.sampled_from(SPEC_CHARSET + "IOZSVa "),
            ),
            st.none(),
        ),
        max_size=40,
    )
)
def test_the_column_check_vouches_only_for_codes_the_parse_accepts_as_written(codes: list[str | None]) -> None:
    """valid_many (a batch's key column at once) agrees with parse_uscc on codes written as the standard writes them,
    and leaves every other cell (a mistyped character, lower case, a space) to the parse, which says why."""
    from policyreach.standards.uscc import valid_many

    expected = [c is not None and c == c.strip().upper() and is_valid_uscc(c) for c in codes]
    assert valid_many(codes).tolist() == expected
