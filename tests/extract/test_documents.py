"""Reading documents: what copying a real document does to its numbers is undone before any clause is read."""

from __future__ import annotations

import pytest

from policyreach.extract.documents import normalise
from policyreach.extract.draft import draft_policy


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("营业收入首次突破1,000万元的", "营业收入首次突破1000万元的"),
        ("每件给予5,000元资助", "每件给予5000元资助"),
        ("基金规模1,000,000万元", "基金规模1000000万元"),
        ("第1,2,3项", "第1,2,3项"),  # a list: no group of three digits
        ("2,1000", "2,1000"),  # four digits after the comma: not a thousands separator
    ],
)
def test_thousands_separators_are_taken_out_of_numbers(written: str, read: str) -> None:
    assert normalise(written) == read


def test_a_threshold_written_with_a_thousands_separator_is_a_condition() -> None:
    policy = draft_policy("第一条 对上年度营业收入首次突破1,000万元的企业，给予5万元奖励。", "p")
    [benefit] = policy["benefits"]
    assert [c["expr"] for c in benefit["conditions"]] == ["revenue[last_year] >= 1000", "revenue[years_ago(2)] < 1000"]
    assert benefit["amount"]["formula"] == "5"
    assert not policy["manual"]
