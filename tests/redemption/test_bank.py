"""The bank account a firm types on a phone: separators and full-width digits read as typed, anything else named."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policyreach.redemption.bank import check_bank_account
from policyreach.redemption.claims import ClaimRefused

NAME = "长春示例科技有限公司"
FULL_WIDTH = str.maketrans("0123456789 ", "０１２３４５６７８９　")


@given(st.text("0123456789", min_size=8, max_size=30).filter(lambda d: len(set(d)) > 1), st.booleans())
def test_separators_and_full_width_digits_give_the_same_account(digits: str, wide: bool) -> None:
    spaced = " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))
    typed = spaced.translate(FULL_WIDTH) if wide else spaced.replace(" ", "-")
    assert check_bank_account(NAME, typed, NAME).number == digits


@pytest.mark.parametrize("typed", ["6222 abcd 0011", "٦٢٢٢٠٢٠٢٠٠١١٢٢٣٣", "1111 1111 1111", "1234"])
def test_what_is_not_an_account_number_is_refused_in_chinese(typed: str) -> None:
    with pytest.raises(ClaimRefused, match="请填写正确的银行账号"):
        check_bank_account(NAME, typed, NAME)
