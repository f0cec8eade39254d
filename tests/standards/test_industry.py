"""国民经济行业分类 (GB/T 4754-2017): the full 门类 and 大类 tables, section spans and the code helpers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

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

EXPECTED_SECTIONS = {
    "A": "农、林、牧、渔业",
    "B": "采矿业",
    "C": "制造业",
    "D": "电力、热力、燃气及水生产和供应业",
    "E": "建筑业",
    "F": "批发和零售业",
    "G": "交通运输、仓储和邮政业",
    "H": "住宿和餐饮业",
    "I": "信息传输、软件和信息技术服务业",
    "J": "金融业",
    "K": "房地产业",
    "L": "租赁和商务服务业",
    "M": "科学研究和技术服务业",
    "N": "水利、环境和公共设施管理业",
    "O": "居民服务、修理和其他服务业",
    "P": "教育",
    "Q": "卫生和社会工作",
    "R": "文化、体育和娱乐业",
    "S": "公共管理、社会保障和社会组织",
    "T": "国际组织",
}

# 门类 → {大类: name}, transcribed from the standard.
EXPECTED: dict[str, dict[str, str]] = {
    "A": {"01": "农业", "02": "林业", "03": "畜牧业", "04": "渔业", "05": "农、林、牧、渔专业及辅助性活动"},
    "B": {
        "06": "煤炭开采和洗选业",
        "07": "石油和天然气开采业",
        "08": "黑色金属矿采选业",
        "09": "有色金属矿采选业",
        "10": "非金属矿采选业",
        "11": "开采专业及辅助性活动",
        "12": "其他采矿业",
    },
    "C": {
        "13": "农副食品加工业",
        "14": "食品制造业",
        "15": "酒、饮料和精制茶制造业",
        "16": "烟草制品业",
        "17": "纺织业",
        "18": "纺织服装、服饰业",
        "19": "皮革、毛皮、羽毛及其制品和制鞋业",
        "20": "木材加工和木、竹、藤、棕、草制品业",
        "21": "家具制造业",
        "22": "造纸和纸制品业",
        "23": "印刷和记录媒介复制业",
        "24": "文教、工美、体育和娱乐用品制造业",
        "25": "石油、煤炭及其他燃料加工业",
        "26": "化学原料和化学制品制造业",
        "27": "医药制造业",
        "28": "化学纤维制造业",
        "29": "橡胶和塑料制品业",
        "30": "非金属矿物制品业",
        "31": "黑色金属冶炼和压延加工业",
        "32": "有色金属冶炼和压延加工业",
        "33": "金属制品业",
        "34": "通用设备制造业",
        "35": "专用设备制造业",
        "36": "汽车制造业",
        "37": "铁路、船舶、航空航天和其他运输设备制造业",
        "38": "电气机械和器材制造业",
        "39": "计算机、通信和其他电子设备制造业",
        "40": "仪器仪表制造业",
        "41": "其他制造业",
        "42": "废弃资源综合利用业",
        "43": "金属制品、机械和设备修理业",
    },
    "D": {"44": "电力、热力生产和供应业", "45": "燃气生产和供应业", "46": "水的生产和供应业"},
    "E": {"47": "房屋建筑业", "48": "土木工程建筑业", "49": "建筑安装业", "50": "建筑装饰、装修和其他建筑业"},
    "F": {"51": "批发业", "52": "零售业"},
    "G": {
        "53": "铁路运输业",
        "54": "道路运输业",
        "55": "水上运输业",
        "56": "航空运输业",
        "57": "管道运输业",
        "58": "多式联运和运输代理业",
        "59": "装卸搬运和仓储业",
        "60": "邮政业",
    },
    "H": {"61": "住宿业", "62": "餐饮业"},
    "I": {"63": "电信、广播电视和卫星传输服务", "64": "互联网和相关服务", "65": "软件和信息技术服务业"},
    "J": {"66": "货币金融服务", "67": "资本市场服务", "68": "保险业", "69": "其他金融业"},
    "K": {"70": "房地产业"},
    "L": {"71": "租赁业", "72": "商务服务业"},
    "M": {"73": "研究和试验发展", "74": "专业技术服务业", "75": "科技推广和应用服务业"},
    "N": {"76": "水利管理业", "77": "生态保护和环境治理业", "78": "公共设施管理业", "79": "土地管理业"},
    "O": {"80": "居民服务业", "81": "机动车、电子产品和日用产品修理业", "82": "其他服务业"},
    "P": {"83": "教育"},
    "Q": {"84": "卫生", "85": "社会工作"},
    "R": {"86": "新闻和出版业", "87": "广播、电视、电影和录音制作业", "88": "文化艺术业", "89": "体育", "90": "娱乐业"},
    "S": {
        "91": "中国共产党机关",
        "92": "国家机构",
        "93": "人民政协、民主党派",
        "94": "社会保障",
        "95": "群众团体、社会团体和其他成员组织",
        "96": "基层群众自治组织及其他组织",
    },
    "T": {"97": "国际组织"},
}
EXPECTED_SECTION_OF = {d: s for s, divs in EXPECTED.items() for d in divs}


def refused(code: str) -> str:
    with pytest.raises(InvalidIndustry) as info:
        parse_industry(code)
    assert not is_valid_industry(code)
    return str(info.value)


# --- tables -------------------------------------------------------------------------------------------------------


def test_twenty_sections_with_their_names() -> None:
    assert len(SECTIONS) == 20
    assert SECTIONS == EXPECTED_SECTIONS and list(SECTIONS) == list("ABCDEFGHIJKLMNOPQRST")


def test_ninety_seven_divisions_numbered_01_to_97() -> None:
    assert len(DIVISIONS) == 97
    assert list(DIVISIONS) == [f"{i:02d}" for i in range(1, 98)]


def test_expected_table_itself_has_97_divisions() -> None:
    assert len(EXPECTED_SECTION_OF) == 97 and len(EXPECTED) == 20


@pytest.mark.parametrize("division", [f"{i:02d}" for i in range(1, 98)])
def test_division_names_and_sections(division: str) -> None:
    section = EXPECTED_SECTION_OF[division]
    assert DIVISIONS[division] == EXPECTED[section][division]
    assert section_of(division) == section


@pytest.mark.parametrize(
    ("division", "name"),
    [
        ("13", "农副食品加工业"),
        ("27", "医药制造业"),
        ("36", "汽车制造业"),
        ("39", "计算机、通信和其他电子设备制造业"),
        ("65", "软件和信息技术服务业"),
    ],
)
def test_well_known_division_names(division: str, name: str) -> None:
    assert DIVISIONS[division] == name


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
        ("50", "E"),
        ("51", "F"),
        ("52", "F"),
        ("53", "G"),
        ("60", "G"),
        ("61", "H"),
        ("62", "H"),
        ("63", "I"),
        ("65", "I"),
        ("66", "J"),
        ("69", "J"),
        ("70", "K"),
        ("71", "L"),
        ("72", "L"),
        ("73", "M"),
        ("75", "M"),
        ("76", "N"),
        ("79", "N"),
        ("80", "O"),
        ("82", "O"),
        ("83", "P"),
        ("84", "Q"),
        ("85", "Q"),
        ("86", "R"),
        ("90", "R"),
        ("91", "S"),
        ("96", "S"),
        ("97", "T"),
    ],
)
def test_section_boundaries(division: str, section: str) -> None:
    assert section_of(division) == section
    assert full_code(division) == section + division


def test_every_section_is_one_contiguous_run() -> None:
    order = [section_of(f"{i:02d}") for i in range(1, 98)]
    runs = [s for i, s in enumerate(order) if i == 0 or order[i - 1] != s]
    assert runs == list("ABCDEFGHIJKLMNOPQRST")


@pytest.mark.parametrize("division", ["00", "98", "99", "3", "136", "C36", ""])
def test_section_of_refuses_unknown_divisions(division: str) -> None:
    with pytest.raises(InvalidIndustry) as info:
        section_of(division)
    assert "大类" in str(info.value)


# --- parsing ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["C36", "36", "c36", " C36 "])
def test_parse_accepts_letter_or_digits(code: str) -> None:
    assert parse_industry(code) == ("C", "36")
    assert is_valid_industry(code)


def test_a_class_code_parses_to_its_division() -> None:
    assert parse_industry("K7020") == ("K", "70")


@pytest.mark.parametrize(("code", "words"), [("A36", "属于门类 C"), ("C98", "不是"), ("汽车", "格式"), ("C3", "格式")])
def test_the_reason_names_the_fault(code: str, words: str) -> None:
    assert words in refused(code)


def test_letter_must_match_the_division() -> None:
    reason = refused("A36")
    assert "36" in reason and "门类 C" in reason and "A" in reason


@pytest.mark.parametrize("code", ["C98", "98", "00", "A00", "Z36", "", "C", "3", "C3a", "汽车", "CC36", "C-36"])
def test_unknown_or_malformed_codes_are_refused(code: str) -> None:
    assert refused(code)  # a non-empty Chinese reason
    assert any("\u4e00" <= ch <= "\u9fff" for ch in refused(code))


def test_invalid_industry_is_a_value_error() -> None:
    assert issubclass(InvalidIndustry, ValueError)


# --- helpers --------------------------------------------------------------------------------------------------------


def test_full_code_round_trips_for_every_division() -> None:
    for division in DIVISIONS:
        code = full_code(division)
        assert code == EXPECTED_SECTION_OF[division] + division
        assert parse_industry(code) == (code[0], division)


def test_name_of() -> None:
    assert name_of("C36") == "汽车制造业" and name_of("36") == "汽车制造业"
    assert name_of("I65") == "软件和信息技术服务业" and name_of("T97") == "国际组织"
    assert name_of("27") == "医药制造业" and name_of("C39") == "计算机、通信和其他电子设备制造业"
    assert name_of("C13") == "农副食品加工业" and name_of("C") == "制造业"  # a 门类 alone names the section
    with pytest.raises(InvalidIndustry):
        name_of("A36")


def test_in_section() -> None:
    assert in_section("C36", "C") and in_section("36", "C") and in_section("C13", "c")
    assert not in_section("I65", "C") and not in_section("C36", "I")
    assert not in_section("A36", "A") and not in_section("nonsense", "C")


@pytest.mark.parametrize("divisions", [[27, 36, 39], ["27", "36", "39"], ["C27", "C36", "C39"], (d for d in [36])])
def test_in_divisions_accepts_ints_strings_and_lettered_codes(divisions) -> None:
    assert in_divisions("C36", divisions)


def test_in_divisions_refuses_others() -> None:
    assert in_divisions("C27", [27, 36, 39]) and in_divisions("39", ["C39"]) and in_divisions("C36", ["C36"])
    assert not in_divisions("C35", [27, 36, 39]) and not in_divisions("I65", [5, 6])
    assert not in_divisions("A36", [36]) and not in_divisions("", [36]) and not in_divisions("nonsense", [27])
    assert in_divisions("A01", [1]) and not in_divisions("A01", [])


# --- properties -------------------------------------------------------------------------------------------------------


@given(st.sampled_from(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ")), st.integers(0, 99))
def test_lettered_code_is_valid_exactly_when_the_letter_is_its_section(letter: str, number: int) -> None:
    division = f"{number:02d}"
    code = letter + division
    expected = EXPECTED_SECTION_OF.get(division) == letter
    assert is_valid_industry(code) is expected
    assert is_valid_industry(code.lower()) is expected
    if expected:
        assert in_section(code, letter) and in_divisions(code, [number]) and name_of(code) == DIVISIONS[division]


@given(st.integers(1, 97), st.integers(1, 97))
def test_in_divisions_agrees_with_equality(a: int, b: int) -> None:
    code = full_code(f"{a:02d}")
    assert in_divisions(code, [b]) is (a == b)
    assert in_divisions(code, [full_code(f"{b:02d}")]) is (a == b)
