"""The review queue's filter: read from a URL, said back as one, and every bad field named, never a 500."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from urllib.parse import parse_qsl

from hypothesis import given
from hypothesis import strategies as st

from policyreach.redemption.queue import QueueFilter, parse
from policyreach.redemption.states import State


def test_bad_fields_are_named_in_chinese_and_left_out() -> None:
    parsed = parse(
        {
            "state": "hacked",
            "district": "22'; --",
            "since": "2026-02-30",
            "min_wan": "-3",
            "max_wan": "abc",
            "page": "0",
            "benefit": "someone-elses",
        },
        benefits={"mine"},
    )
    assert parsed.filter == QueueFilter()
    assert set(parsed.errors) == {"state", "district", "since", "min_wan", "max_wan", "page", "benefit"}
    assert parsed.errors["since"].startswith("申请日期（起）：")
    assert parsed.errors["min_wan"] == "金额下限（万元）：请填写不小于 0 的数字（单位：万元）"
    assert "不属于您所在部门" in parsed.errors["benefit"]


def test_reversed_ranges_keep_the_first_end_and_say_so() -> None:
    parsed = parse({"since": "2026-05-01", "until": "2026-04-01", "min_wan": "10", "max_wan": "2"})
    assert parsed.filter.since == dt.date(2026, 5, 1) and parsed.filter.until is None
    assert parsed.filter.min_wan == Decimal(10) and parsed.filter.max_wan is None
    assert "结束日期早于开始日期" in parsed.errors["until"] and "金额上限小于下限" in parsed.errors["max_wan"]


filters = st.builds(
    QueueFilter,
    state=st.sampled_from(["", *(s.value for s in State)]),
    benefit=st.sampled_from(["", "a-benefit", "another-one"]),
    district=st.sampled_from(["", "220102", "220105"]),
    since=st.none() | st.dates(dt.date(2020, 1, 1), dt.date(2026, 12, 31)),
    until=st.none(),
    min_wan=st.none() | st.decimals(0, 1000, places=2),
    max_wan=st.none(),
    page=st.integers(1, 500),
)


@given(filters)
def test_a_filter_survives_its_own_url(f: QueueFilter) -> None:
    """What the page links to (next page, back after an action) opens the same filter."""
    again = parse(dict(parse_qsl(f.query_string())))
    assert again.errors == {} and again.filter == f
