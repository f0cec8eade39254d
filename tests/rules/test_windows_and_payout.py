"""Application windows as they stand on a day, and the payout every benefit must declare."""

from __future__ import annotations

import datetime as dt

import pytest

from policyreach import settings
from policyreach.rules.errors import RuleErrors
from policyreach.rules.library import Library, add_policy_file, load_library
from policyreach.rules.policy import ApplicationPath, Window
from policyreach.rules.schema import Schema
from tests.rules.one_benefit import POLICY

D = dt.date


def _path(**window: object) -> ApplicationPath:
    return ApplicationPath.model_validate({"department": "局", "channel": "网上", **window})


def test_a_window_is_open_inside_and_closed_after_with_its_dates() -> None:
    path = _path(window={"opens": "2026-05-01", "closes": "2026-08-31"})
    assert path.window_on(D(2026, 5, 1)).open and path.window_on(D(2026, 8, 31)).open
    before, after = path.window_on(D(2026, 4, 30)), path.window_on(D(2026, 9, 1))
    assert before.status == "not_yet" and not before.open and "2026-05-01" in before.label
    assert after.status == "closed" and not after.open
    assert after.label == "已截止" and "2026-05-01 至 2026-08-31" in after.refusal and "已截止" in after.refusal


def test_an_annual_window_gives_the_next_round() -> None:
    path = _path(window={"opens": "2026-01-01", "closes": "2026-05-31", "annual": True})
    december = path.window_on(D(2026, 12, 1))
    assert december.status == "closed" and (december.opens, december.closes) == (D(2026, 1, 1), D(2026, 5, 31))
    assert december.next_period == "2027-01-01 至 2027-05-31"
    assert "下一轮申报：2027-01-01 至 2027-05-31" in december.label
    assert path.window_on(D(2027, 3, 1)).open and path.window_on(D(2030, 5, 31)).open
    assert path.window_on(D(2025, 12, 31)).status == "not_yet"  # the first round is the declared one


def test_several_rounds_and_no_window() -> None:
    path = _path(
        windows=[{"opens": "2026-03-01", "closes": "2026-04-30"}, {"opens": "2026-09-01", "closes": "2026-10-31"}]
    )
    between = path.window_on(D(2026, 6, 1))
    assert between.status == "closed" and between.next_opens == D(2026, 9, 1)
    assert path.window_on(D(2026, 9, 15)).open and path.window_on(D(2026, 11, 1)).next_period is None
    always = _path().window_on(D(2026, 6, 1))
    assert always.open and always.label == ""
    with pytest.raises(ValueError):
        Window(opens=D(2026, 9, 1), closes=D(2026, 3, 1))
    with pytest.raises(ValueError):
        _path(window={"closes": "2026-05-31"}, windows=[{"closes": "2026-05-31"}])


def test_a_benefit_without_payout_is_refused_in_chinese(schema: Schema) -> None:
    text = POLICY.format(conditions='      - {expr: "employees[last_year] > 0", clause: "1"}', amount="10")
    with pytest.raises(RuleErrors) as refused:
        add_policy_file(Library(schema=schema), "t.yaml", text.replace("    payout: cash\n", ""))
    assert "资金到达方式 payout" in str(refused.value) and "tax（税收优惠）" in str(refused.value)
    with pytest.raises(RuleErrors, match="payout"):
        add_policy_file(Library(schema=schema), "t.yaml", text.replace("payout: cash", "payout: 待填写"))


def test_every_sample_benefit_says_how_its_money_reaches_the_firm(schema: Schema) -> None:
    library = load_library([settings.library_path()], schema)
    payouts = {b.id: b.spec.payout for b in library.benefits}
    assert payouts["nt-rd-deduction"] == payouts["nt-small-profit"] == "tax"
    assert payouts["ccf-loan-interest"] == "interest" and payouts["ccf-tax-credit-loan"] == "loan"
    assert all(p in ("cash", "tax", "interest", "loan") for p in payouts.values())
    tax = [b for b in library.benefits if b.policy.id == "national-tax"]
    assert tax and all(b.spec.payout == "tax" for b in tax)
