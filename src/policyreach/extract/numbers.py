"""Numbers as policies write them: Arabic or Chinese numerals, 元/万元/亿元, 百分之X, X%, 千分之X, 一成."""

from __future__ import annotations

import re
from decimal import Decimal

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
CN = "零〇一二两三四五六七八九十百千万亿"
NUMBER = rf"(?:\d+(?:\.\d+)?|[{CN}]+)"
TO_WAN = {"元": Decimal("0.0001"), "万元": Decimal(1), "亿元": Decimal(10000), "万": Decimal(1), "亿": Decimal(10000)}


def chinese_to_int(text: str) -> int:
    """二十 → 20, 一百五十 → 150, 两千 → 2000, 三万五千 → 35000."""
    total, section, digit = 0, 0, 0
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in UNITS:
            section += (digit or 1) * UNITS[ch]
            digit = 0
        elif ch == "万":
            total += (section + digit) * 10000
            section, digit = 0, 0
        elif ch == "亿":
            total += (section + digit) * 100_000_000
            section, digit = 0, 0
    return total + section + digit


def number(text: str) -> Decimal:
    text = text.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return Decimal(text)
    return Decimal(chinese_to_int(text))


def to_wan(value: str, unit: str) -> Decimal:
    """An amount in 万元."""
    return (number(value) * TO_WAN[unit]).normalize()


def percentage(text: str) -> Decimal | None:
    """A share as a fraction: 10% → 0.1, 百分之五 → 0.05, 千分之三 → 0.003, 一成 → 0.1, 一半 → 0.5."""
    if m := re.fullmatch(rf"({NUMBER})%", text):
        return number(m.group(1)) / 100
    if m := re.fullmatch(rf"百分之({NUMBER})", text):
        return number(m.group(1)) / 100
    if m := re.fullmatch(rf"千分之({NUMBER})", text):
        return number(m.group(1)) / 1000
    if m := re.fullmatch(rf"([{CN}])成", text):
        return number(m.group(1)) / 10
    if text == "一半":
        return Decimal("0.5")
    return None


def plain(value: Decimal) -> str:
    """A decimal as the rules language writes it (no exponent, no trailing zeros)."""
    text = format(value.normalize(), "f")
    return text
