"""Exact numbers of the rules language: the match degree on integer weights."""

from __future__ import annotations

from policyreach.rules.numbers import degree_of


def test_degree_rounds_half_up() -> None:
    assert degree_of(2, 1, 4) == 63  # 62.5 → 63, not 62 (banker's rounding)
    assert degree_of(1, 1, 4) == 38  # 37.5 → 38


def test_an_amount_in_yuan_reads_in_wan_with_at_most_two_decimals() -> None:
    from decimal import Decimal

    from policyreach.engine.explain import money_words
    from policyreach.rules.numbers import wan_text

    shown = {v: wan_text(Decimal(v)) for v in ("300000", "123456.78", "123450", "12345678901.99", "50", "0", "-2000")}
    assert shown == {
        "300000": "30 万元",
        "123456.78": "12.35 万元",  # halves up, never to even
        "123450": "12.35 万元",
        "12345678901.99": "1,234,567.89 万元",
        "50": "50.00 元",  # a small sum in 元 rather than 0.01 万元
        "0": "0 万元",
        "-2000": "-0.2 万元",
    }
    assert money_words(Decimal("300.5236")) == "300.52万元" and money_words(Decimal("0.004"), " ") == "40 元"
