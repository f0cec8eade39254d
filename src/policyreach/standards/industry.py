"""国民经济行业分类 (GB/T 4754-2017): the 20 门类 and 97 大类, and the tests policies ask of a code.

Codes in PolicyReach data carry the 门类 letter before the 大类 digits ("C36"); finer codes
("K7020") are accepted where a standard needs them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

STANDARD = "GBT4754"  # the code list an attribute names to hold these codes (the schema's ``codeset``)
SECTIONS: dict[str, str] = {
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
# first and last 大类 of each 门类
SECTION_SPANS: dict[str, tuple[int, int]] = {
    "A": (1, 5),
    "B": (6, 12),
    "C": (13, 43),
    "D": (44, 46),
    "E": (47, 50),
    "F": (51, 52),
    "G": (53, 60),
    "H": (61, 62),
    "I": (63, 65),
    "J": (66, 69),
    "K": (70, 70),
    "L": (71, 72),
    "M": (73, 75),
    "N": (76, 79),
    "O": (80, 82),
    "P": (83, 83),
    "Q": (84, 85),
    "R": (86, 90),
    "S": (91, 96),
    "T": (97, 97),
}
# one name per 大类, 01 to 97, separated by spaces (the names themselves contain none)
_NAMES = (  # noqa: SIM905
    "农业 林业 畜牧业 渔业 农、林、牧、渔专业及辅助性活动 "
    "煤炭开采和洗选业 石油和天然气开采业 黑色金属矿采选业 有色金属矿采选业 非金属矿采选业 "
    "开采专业及辅助性活动 其他采矿业 "
    "农副食品加工业 食品制造业 酒、饮料和精制茶制造业 烟草制品业 纺织业 纺织服装、服饰业 "
    "皮革、毛皮、羽毛及其制品和制鞋业 木材加工和木、竹、藤、棕、草制品业 家具制造业 造纸和纸制品业 "
    "印刷和记录媒介复制业 文教、工美、体育和娱乐用品制造业 石油、煤炭及其他燃料加工业 化学原料和化学制品制造业 "
    "医药制造业 化学纤维制造业 橡胶和塑料制品业 非金属矿物制品业 黑色金属冶炼和压延加工业 有色金属冶炼和压延加工业 "
    "金属制品业 通用设备制造业 专用设备制造业 汽车制造业 铁路、船舶、航空航天和其他运输设备制造业 电气机械和器材制造业 "
    "计算机、通信和其他电子设备制造业 仪器仪表制造业 其他制造业 废弃资源综合利用业 金属制品、机械和设备修理业 "
    "电力、热力生产和供应业 燃气生产和供应业 水的生产和供应业 "
    "房屋建筑业 土木工程建筑业 建筑安装业 建筑装饰、装修和其他建筑业 "
    "批发业 零售业 "
    "铁路运输业 道路运输业 水上运输业 航空运输业 管道运输业 多式联运和运输代理业 装卸搬运和仓储业 邮政业 "
    "住宿业 餐饮业 "
    "电信、广播电视和卫星传输服务 互联网和相关服务 软件和信息技术服务业 "
    "货币金融服务 资本市场服务 保险业 其他金融业 "
    "房地产业 "
    "租赁业 商务服务业 "
    "研究和试验发展 专业技术服务业 科技推广和应用服务业 "
    "水利管理业 生态保护和环境治理业 公共设施管理业 土地管理业 "
    "居民服务业 机动车、电子产品和日用产品修理业 其他服务业 "
    "教育 "
    "卫生 社会工作 "
    "新闻和出版业 广播、电视、电影和录音制作业 文化艺术业 体育 娱乐业 "
    "中国共产党机关 国家机构 人民政协、民主党派 社会保障 群众团体、社会团体和其他成员组织 基层群众自治组织及其他组织 "
    "国际组织"
).split()
DIVISIONS: dict[str, str] = {f"{i:02d}": name for i, name in enumerate(_NAMES, start=1)}
_SECTION_OF: dict[str, str] = {f"{d:02d}": s for s, (lo, hi) in SECTION_SPANS.items() for d in range(lo, hi + 1)}


class InvalidIndustry(ValueError):
    """Not a GB/T 4754-2017 code; the message says why, in Chinese."""


def section_of(division: str) -> str:
    """门类 letter of a two-digit 大类 ("36" → "C")."""
    try:
        return _SECTION_OF[division]
    except KeyError:
        raise InvalidIndustry(f"“{division}”不是 GB/T 4754-2017 的大类代码") from None


def parse_industry(code: str) -> tuple[str, str]:
    """("C", "36") from "C36", "36" or a finer code such as "C3610"; the letter must fit the division."""
    text = code.strip().upper()
    letter = text[0] if text[:1].isalpha() else None
    digits = text[1:] if letter else text
    if len(digits) < 2 or len(digits) > 4 or not digits.isdigit():
        raise InvalidIndustry(f"行业代码“{code}”格式应为门类字母加大类代码，如 C36")
    section = section_of(digits[:2])
    if letter is not None and letter != section:
        raise InvalidIndustry(f"大类 {digits[:2]}（{DIVISIONS[digits[:2]]}）属于门类 {section}，不属于门类 {letter}")
    return section, digits[:2]


def is_valid_industry(code: str) -> bool:
    try:
        parse_industry(code)
    except InvalidIndustry:
        return False
    return True


def full_code(division: str) -> str:
    """ "36" → "C36"."""
    return section_of(division) + division


def name_of(code: str) -> str:
    """Chinese name of a 门类 ("C") or 大类 ("C36" / "36")."""
    text = code.strip().upper()
    if text in SECTIONS:
        return SECTIONS[text]
    return DIVISIONS[parse_industry(text)[1]]


def in_section(code: str, section: str) -> bool:
    """Is the code in 门类 ``section`` (e.g. 制造业 "C")?"""
    return is_valid_industry(code) and parse_industry(code)[0] == section.upper()


def in_divisions(code: str, divisions: Iterable[str | int]) -> bool:
    """Is the code's 大类 one of ``divisions`` (27, "27" or "C27")?"""
    if not is_valid_industry(code):
        return False
    wanted = {f"{d:02d}" if isinstance(d, int) else parse_industry(str(d))[1] for d in divisions}
    return parse_industry(code)[1] in wanted


def search(text: str, limit: int = 40) -> list[tuple[str, str]]:
    """大类 a person means by ``text``, as (code, name), best first: a code ("C36", "36", "C3610"), the form a list
    offers ("C36 汽车制造业"), or part of a Chinese name ("汽车" → 汽车制造业; "制造业" → every 大类 of 门类 C).

    Names are matched as typed (full-width forms folded), then, when nothing contains the whole text, by every
    character of it in order ("软件信息" finds 软件和信息技术服务业)."""
    query = "".join(unicodedata.normalize("NFKC", text or "").split())
    if not query:
        return []
    head = query[:5].rstrip("0123456789") if query[:1].isalpha() and query[:1].isascii() else ""
    code = query.split("(")[0]
    for candidate in (code[:5], code[:3], code[:2], head):
        if candidate and candidate[-1:].isdigit() and is_valid_industry(candidate):
            _, division = parse_industry(candidate)
            return [(full_code(division), DIVISIONS[division])]
    name = query.lstrip("ABCDEFGHIJKLMNOPQRSTabcdefghijklmnopqrst0123456789")
    if not name:
        return []
    ranked: list[tuple[int, str, str]] = []
    for division, title in DIVISIONS.items():
        section = _SECTION_OF[division]
        if title == name:
            rank = 0
        elif title.startswith(name):
            rank = 1
        elif name in title:
            rank = 2
        elif name in SECTIONS[section]:
            rank = 3
        elif _in_order(name, title):
            rank = 4
        else:
            continue
        ranked.append((rank, full_code(division), title))
    ranked.sort()
    if ranked and ranked[0][0] == 0:
        return [ranked[0][1:]]  # the name itself: nothing to choose
    best = ranked[0][0] if ranked else 0
    # a name that contains the text beats a 门类 or a scattered match: "软件" means 软件和信息技术服务业 alone
    kept = [r for r in ranked if r[0] <= 2] if best <= 2 else ranked
    return [(code, title) for _, code, title in kept[:limit]]


def _in_order(needle: str, text: str) -> bool:
    rest = iter(text)
    return all(ch in rest for ch in needle)
