"""统一社会信用代码 (GB 32100-2015): 18 characters, parsed into their parts, with both check characters.

Layout: [1] 登记管理部门代码, [2] 机构类别代码, [3-8] 登记管理机关行政区划码, [9-17] 主体标识码
(组织机构代码, GB 11714, whose 9th character is its own check digit), [18] 校验码.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, Z, S, V
VALUE = {ch: i for i, ch in enumerate(CHARSET)}
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # 1, 3, 9, 27, 19, 26, 16, …
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)  # GB 11714 weights of the organisation code
ORG_CHARSET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # GB 11714 body characters
ORG_VALUE = {ch: i for i, ch in enumerate(ORG_CHARSET)}

AUTHORITIES: dict[str, tuple[str, dict[str, str]]] = {
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
    "9": ("工商（市场监督管理）", {"1": "企业", "2": "个体工商户", "3": "农民专业合作社"}),
    "A": ("中央军委改革和编制办公室", {"1": "军队事业单位", "9": "其他"}),
    "N": ("农业", {"1": "组级集体经济组织", "2": "村级集体经济组织", "3": "乡镇级集体经济组织", "9": "其他"}),
    "Y": ("其他", {"1": "其他"}),
}


class InvalidUscc(ValueError):
    """A code that is not a valid 统一社会信用代码; ``reason`` says why, in Chinese."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(f"{code}：{reason}")
        self.code = code
        self.reason = reason


@dataclass(frozen=True)
class Uscc:
    code: str
    authority: str
    authority_name: str
    org_type: str
    org_type_name: str
    division: str
    org_code: str
    check: str


def check_character(first17: str) -> str:
    """The 18th character for the first 17 (C18 = 31 − Σ value × weight mod 31, with 31 written 0)."""
    total = sum(VALUE[ch] * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def org_check_character(org8: str) -> str:
    """GB 11714: C9 = 11 − Σ value × weight mod 11; 10 is written X and 11 is written 0."""
    c9 = 11 - sum(ORG_VALUE[ch] * w for ch, w in zip(org8, ORG_WEIGHTS, strict=True)) % 11
    return "X" if c9 == 10 else "0" if c9 == 11 else str(c9)


def parse_uscc(code: str) -> Uscc:
    """Parse and verify a code; raise :class:`InvalidUscc` with the first reason it fails."""
    text = code.strip().upper()
    if len(text) != 18:
        raise InvalidUscc(code, f"长度应为18位，实为{len(text)}位")
    for pos, ch in enumerate(text, start=1):
        if ch not in VALUE:
            raise InvalidUscc(code, f"第{pos}位字符“{ch}”不在代码字符集中（不使用 I、O、Z、S、V）")
    authority = AUTHORITIES.get(text[0])
    if authority is None:
        raise InvalidUscc(code, f"登记管理部门代码“{text[0]}”无效")
    org_type_name = authority[1].get(text[1])
    if org_type_name is None:
        raise InvalidUscc(code, f"机构类别代码“{text[1]}”不属于登记管理部门“{authority[0]}”")
    if not text[2:8].isdigit():
        raise InvalidUscc(code, f"第3至8位登记管理机关行政区划码“{text[2:8]}”应为6位数字")
    expected_org = org_check_character(text[8:16])
    if text[16] != expected_org:
        raise InvalidUscc(code, f"组织机构代码校验位应为“{expected_org}”，实为“{text[16]}”")
    expected = check_character(text[:17])
    if text[17] != expected:
        raise InvalidUscc(code, f"校验码应为“{expected}”，实为“{text[17]}”")
    return Uscc(text, text[0], authority[0], text[1], org_type_name, text[2:8], text[8:17], text[17])


def is_valid_uscc(code: str) -> bool:
    try:
        parse_uscc(code)
    except InvalidUscc:
        return False
    return True


def make_uscc(authority: str, org_type: str, division: str, org_code8: str) -> str:
    """A valid code from its parts; both check characters are computed."""
    first17 = f"{authority}{org_type}{division}{org_code8}{org_check_character(org_code8)}"
    return first17 + check_character(first17)


def _table(values: dict[str, int]) -> np.ndarray:
    table = np.full(128, -1, dtype=np.int64)
    for ch, value in values.items():
        table[ord(ch)] = value
    return table


_VALUES, _ORG_VALUES = _table(VALUE), _table(ORG_VALUE)
_PAIRS = frozenset(a + t for a, (_, types) in AUTHORITIES.items() for t in types)
_CHECK_CHARS = np.frombuffer(CHARSET.encode(), dtype=np.uint8)
_ORG_CHECK_CHARS = np.frombuffer(b"0123456789X0", dtype=np.uint8)  # C9 of 0..11: 10 is X, 11 is 0


def valid_many(codes: Sequence[str | None]) -> np.ndarray:
    """Which of ``codes`` :func:`parse_uscc` accepts as they are written (18 characters, upper case, nothing to
    strip), decided over all of them at once: a registry's batch names a city's firms, and the per-code parse, which
    says why a code fails, is then asked only about the few this does not vouch for. Never true for a code the parse
    refuses (tests/standards/test_uscc.py compares them)."""
    shaped = np.zeros(len(codes), dtype=bool)
    picked: list[str] = []
    for position, code in enumerate(codes):
        if isinstance(code, str) and len(code) == 18 and code.isascii() and code[:2] in _PAIRS:
            shaped[position] = True
            picked.append(code)
    if not picked:
        return shaped
    text = np.frombuffer("".join(picked).encode("ascii"), dtype=np.uint8)
    chars = text.reshape(-1, 18)
    values = _VALUES[chars]
    ok = (values >= 0).all(axis=1)  # every character in the code's set (no I, O, Z, S, V, no lower case)
    ok &= ((chars[:, 2:8] >= ord("0")) & (chars[:, 2:8] <= ord("9"))).all(axis=1)
    org = _ORG_VALUES[chars[:, 8:16]] @ np.array(ORG_WEIGHTS)
    ok &= chars[:, 16] == _ORG_CHECK_CHARS[11 - org % 11]
    total = np.where(values[:, :17] < 0, 0, values[:, :17]) @ np.array(WEIGHTS)
    ok &= chars[:, 17] == _CHECK_CHARS[(31 - total % 31) % 31]
    shaped[shaped] = ok
    return shaped
