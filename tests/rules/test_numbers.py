"""Exact numbers of the rules language: the match degree on integer weights."""

from __future__ import annotations

from policyreach.rules.numbers import degree_of


def test_degree_rounds_half_up() -> None:
    assert degree_of(2, 1, 4) == 63  # 62.5 → 63, not 62 (banker's rounding)
    assert degree_of(1, 1, 4) == 38  # 37.5 → 38
