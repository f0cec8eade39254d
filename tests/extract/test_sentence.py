"""One clause sentence drafted (extract/sentence.py): readings found by the lead's and helpers' own sentences."""

from __future__ import annotations

import pytest

from policyreach.extract.sentence import draft_sentence


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        (
            "对当年新授权的发明专利，每件给予5000元奖励，单个企业每年最高10万元。",
            "min(per_unit(invention_patents[this_year], 0.5), 10)",
        ),
        (
            "对当年新授权的发明专利，每件给予5000元奖励，每年最多资助10件，单个企业每年最高3万元。",
            "min(per_unit(invention_patents[this_year], 0.5, 10), 3)",
        ),
        ("对当年新授权的发明专利，每件给予5000元奖励。", "per_unit(invention_patents[this_year], 0.5)"),
    ],
)
def test_a_per_patent_sum_keeps_the_firms_yearly_cap(text: str, amount: str) -> None:
    draft = draft_sentence(text)
    assert draft.amount is not None and not draft.manual
    formula = draft.amount[0]
    for name in draft.proposed:  # the drafter names the count it proposes; the test names it as the label reads
        formula = formula.replace(name, "invention_patents")
    assert formula == amount
