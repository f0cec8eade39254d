"""行政区划代码 (GB/T 2260) for 长春市, and the city's functional areas (开发区).

A development zone is not an administrative division: firms in 高新区 are registered in
朝阳区 too. So the zone is a second attribute (``functional_area``) next to ``district``.
"""

from __future__ import annotations

from dataclasses import dataclass

CITY_CODE = "220100"
CITY_NAME = "长春市"


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str  # 市辖区 | 县 | 县级市
    share: float  # approximate share of the city's registered market entities


DIVISION_TABLE: tuple[Division, ...] = (
    Division("220102", "南关区", "市辖区", 0.135),
    Division("220103", "宽城区", "市辖区", 0.095),
    Division("220104", "朝阳区", "市辖区", 0.175),
    Division("220105", "二道区", "市辖区", 0.125),
    Division("220106", "绿园区", "市辖区", 0.115),
    Division("220112", "双阳区", "市辖区", 0.035),
    Division("220113", "九台区", "市辖区", 0.060),
    Division("220122", "农安县", "县", 0.060),
    Division("220182", "榆树市", "县级市", 0.055),
    Division("220183", "德惠市", "县级市", 0.060),
    Division("220184", "公主岭市", "县级市", 0.085),
)
DISTRICTS: dict[str, str] = {d.code: d.name for d in DIVISION_TABLE}
DISTRICT_WEIGHTS: dict[str, float] = {d.code: d.share for d in DIVISION_TABLE}

FUNCTIONAL_AREAS: dict[str, str] = {
    "cc_xinqu": "长春新区",
    "cc_jingkai": "长春经济技术开发区",
    "cc_gaoxin": "长春高新技术产业开发区",
    "cc_jingyue": "长春净月高新技术产业开发区",
    "cc_qikai": "长春汽车经济技术开发区",
    "cc_zhonghan": "中韩(长春)国际合作示范区",
    "cc_konggang": "长春空港经济开发区",
    "cc_kuancheng": "宽城经济开发区",
}
FUNCTIONAL_AREA_SHORT: dict[str, str] = {
    "cc_xinqu": "长春新区",
    "cc_jingkai": "经开区",
    "cc_gaoxin": "高新区",
    "cc_jingyue": "净月高新区",
    "cc_qikai": "汽开区",
    "cc_zhonghan": "中韩示范区",
    "cc_konggang": "空港经济开发区",
    "cc_kuancheng": "宽城经开区",
}


def name_of(code: str) -> str | None:
    """Name of a 长春 division or functional area code, or None."""
    if code == CITY_CODE:
        return CITY_NAME
    return DISTRICTS.get(code) or FUNCTIONAL_AREAS.get(code)


def resolve_district(value: str) -> str | None:
    """A district code from a code or a name as people write it (南关区, 南关, 长春市南关区)."""
    value = value.strip()
    if value in DISTRICTS:
        return value
    bare = value.removeprefix("吉林省").removeprefix(CITY_NAME)
    for code, name in DISTRICTS.items():
        if bare in (name, name[:-1]) and bare:
            return code
    return None


def resolve_functional_area(value: str) -> str | None:
    """A functional area code from a code, its full name or its short name (高新区)."""
    value = value.strip()
    if value in FUNCTIONAL_AREAS:
        return value
    for code in FUNCTIONAL_AREAS:
        if value in (FUNCTIONAL_AREAS[code], FUNCTIONAL_AREA_SHORT[code]):
            return code
    return None
