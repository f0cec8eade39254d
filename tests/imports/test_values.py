"""Cell values: exact decimals (XLSX floats through their repr), integers, flags, dates, codes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from policyreach.imports.headers import UNIT_FACTORS
from policyreach.imports.values import ValueProblem, to_bool, to_date, to_decimal, to_int, to_string
from policyreach.population.catalogue import catalogue

SPECS = {s.name: s for s in catalogue()}


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (1234.56, Decimal("1234.56")),  # an XLSX number: the float's shortest repr is what the user typed
        (0.1, Decimal("0.1")),
        (123456789.123456, Decimal("123456789.123456")),
        (12, Decimal(12)),
        ("1,500.250000", Decimal("1500.25")),
        ("２０００", Decimal(2000)),  # full-width digits
        ("2000万元", Decimal(2000)),
        ("1e3", Decimal(1000)),
    ],
)
def test_decimals_are_exact(cell, expected):
    value = to_decimal(cell, SPECS["revenue"])
    assert value == expected and isinstance(value, Decimal)
    assert value.as_tuple().exponent == -6


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        (0.1 + 0.2, "小数位数"),  # a computed cell: 0.30000000000000004 is not an exact 6-place amount
        ("1.1234567", "小数位数"),
        ("高", "数值"),
        ("约500", "数值"),
        (True, "是/否"),
        ("-3", "负数"),
        (float("nan"), "有限"),
        ("1" * 13, "过大"),
    ],
)
def test_bad_decimals_are_refused(cell, reason):
    with pytest.raises(ValueProblem, match=reason):
        to_decimal(cell, SPECS["revenue"])


def test_unit_conversion_is_exact():
    assert to_decimal("12345678", SPECS["revenue"], UNIT_FACTORS[("元", "万元")]) == Decimal("1234.5678")
    with pytest.raises(ValueProblem, match="小数位数"):
        to_decimal("0.001", SPECS["revenue"], UNIT_FACTORS[("元", "万元")])  # 0.1 分 is below the 6th place
    assert to_decimal("0.5", SPECS["revenue"], UNIT_FACTORS[("亿元", "万元")]) == Decimal(5000)


def test_integers_years_flags_dates():
    assert to_int(12.0, SPECS["employees"], 2025) == 12
    with pytest.raises(ValueProblem, match="小数"):
        to_int(12.5, SPECS["employees"], 2025)
    with pytest.raises(ValueProblem, match="文字"):
        to_int("十二", SPECS["employees"], 2025)
    with pytest.raises(ValueProblem, match="年份"):
        to_int(2031, SPECS["cert_hightech_year"], 2025)
    assert to_bool("是") is True and to_bool("否") is False and to_bool(1) is True
    with pytest.raises(ValueProblem, match="是"):
        to_bool("也许")
    assert to_date("2020年5月8日", 2025) == dt.date(2020, 5, 8)
    assert to_date(dt.datetime(2020, 5, 8), 2025) == dt.date(2020, 5, 8)
    with pytest.raises(ValueProblem, match="日期"):
        to_date("去年", 2025)


def test_codes_and_enumerations():
    assert to_string("民营", SPECS["ownership"]) == "private"
    assert to_string("private", SPECS["ownership"]) == "private"
    with pytest.raises(ValueProblem, match="可选值"):
        to_string("私人", SPECS["ownership"])
    assert to_string(220104.0, SPECS["district"]) == "220104"
    assert to_string("朝阳区", SPECS["district"]) == "220104"
    assert to_string("c36", SPECS["industry"]) == "C36"
    with pytest.raises(ValueProblem, match="4754"):
        to_string("汽车", SPECS["industry"])
    assert to_string("长春高新技术产业开发区", SPECS["functional_area"]) == "cc_gaoxin"
    with pytest.raises(ValueProblem, match="统一社会信用代码"):
        to_string("91220101MA00000000", SPECS["uscc"])
    assert to_string("硕士", SPECS["degree"]) == "master"
