"""``award("id")``: an amount that is another benefit's amount of the same policy (在前款奖励标准基础上上浮50%,
按工业类项目奖励标准的80%), its cap, floor and unit included, on every back end and in the renderer's words.

The random library parity (tests/engine/test_parity.py, tests/spark) mixes references with everything else;
here the values are worked out by hand, and every way a reference cannot hold is refused with a Chinese reason.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from policyreach.engine.backends import BATCH, SINGLE
from policyreach.engine.entity import EntityRecord
from policyreach.engine.explain import Explainer
from policyreach.rules.errors import RuleErrors
from policyreach.rules.library import Library, add_policy_file, compile_library
from tests.engine.test_parity import AS_OF, SCHEMA, _frame

HEAD = (
    "id: p\ntitle: 测试\nissuer: 局\nlevel: city\nregion: '220100'\nvalid_from: 2020-01-01\nsource: 测试\n"
    "clauses: {'1': 第一条, '2': 第二条}\nparameters:\n  top: {label: 上限, values: {2020-01-01: 40}}\nbenefits:\n"
)


def _benefit(bid: str, title: str, amount: str, condition: str = "b >= 0") -> str:
    return (
        f"  - id: {bid}\n    title: {title}\n    kind: subsidy\n    payout: cash\n    department: 局\n"
        f"    subjects: [enterprise]\n    conditions: [{{expr: '{condition}', clause: '1'}}]\n"
        f"    amount: {amount}\n    application: {{department: 局, channel: 网}}\n"
    )


POLICY = HEAD + "".join(
    [
        # the standard: 10% of b, at most params.top (40) 万元, at least 2 万元
        _benefit("base", "营收奖励", "{formula: 'b * 0.1', clause: '1', cap: params.top, floor: 2}"),
        # the raise: 50% more of it for the firms of the chain (written after or before the standard alike)
        _benefit("raise", "重点产业链上浮", "{formula: \"award('base') * 0.5\", clause: '2'}", "f"),
        # in 元: the same standard read in 元
        _benefit("yuan", "按元计", "{formula: \"award('base') * 0.8\", clause: '2', unit: 元}"),
        # a chain of references: 80% of the raise
        _benefit("chain", "再引用", "{formula: \"award('raise') * 0.8 + 1\", clause: '2'}"),
    ]
)


@pytest.fixture(scope="module")
def compiled():  # type: ignore[no-untyped-def]
    library = Library(schema=SCHEMA)
    add_policy_file(library, "p.yaml", POLICY)
    return compile_library(library, AS_OF)


# b → the standard (10% of b within [2, 40]) → raise, 元 variant, chain
CASES = [
    (Decimal(100), Decimal(10), Decimal(5), Decimal(8), Decimal(5)),
    (Decimal(1000), Decimal(40), Decimal(20), Decimal(32), Decimal(17)),
    (Decimal(5), Decimal(2), Decimal(1), Decimal("1.6"), Decimal("1.8")),
]


@pytest.mark.parametrize("backend", sorted(BATCH))
def test_every_back_end_gives_the_referenced_standard(compiled, backend: str) -> None:  # type: ignore[no-untyped-def]
    rows = [{"b": b, "f": True} for b, *_ in CASES] + [{"b": None, "f": True}]
    full = [{c: r.get(c) for c in ("a_2024", "a_2023", "b", "n", "f", "s", "d")} for r in rows]
    result = BATCH[backend](compiled, _frame([(r, set(), "enterprise") for r in full]), min_degree=0)
    amounts = {
        (int(r["entity_idx"]), compiled.benefits[int(r["benefit_idx"])].id): r["amount"]
        for r in result.pairs.iter_rows(named=True)
    }
    for i, (_, base, raised, yuan, chain) in enumerate(CASES):
        got = {bid: Decimal(amounts[(i, bid)]).scaleb(-6) for bid in ("base", "raise", "yuan", "chain")}
        # the 元 benefit's amount is reported in 万元 like every other
        assert got == {"base": base, "raise": raised, "yuan": yuan, "chain": chain}
        record = EntityRecord(entity_id=f"e{i}", kind="enterprise", values=full[i], sources={})
        single = {m.benefit_id: m.amount for m in SINGLE[backend](compiled, record, keep_all=True)}
        assert {k: single[k] for k in got} == got
    # an unknown base leaves the raise unknown, never 0
    assert amounts.get((len(CASES), "raise")) is None


def test_the_renderer_names_the_standard_with_the_firms_figure(compiled) -> None:  # type: ignore[no-untyped-def]
    raise_ = compiled.benefit("raise")
    text = Explainer(SCHEMA, AS_OF).explain_amount(raise_.amount, Decimal(20), {"b": Decimal(1000), "f": True})
    assert "按“营收奖励”的标准金额的50%" in text
    assert "“营收奖励”的标准金额为40万元" in text
    assert "预计可得 20 万元" in text


@pytest.mark.parametrize(
    ("benefits", "reason"),
    [
        ([_benefit("x", "甲", "{formula: \"award('x') * 0.5\", clause: '1'}")], "形成循环：x → x"),
        (
            [
                _benefit("x", "甲", "{formula: \"award('y') * 0.5\", clause: '1'}"),
                _benefit("y", "乙", "{formula: \"award('x') + 1\", clause: '1'}"),
            ],
            "形成循环",
        ),
        (
            [_benefit("x", "甲", "{formula: \"award('nope') * 0.5\", clause: '1'}")],
            "award 引用的兑现事项 nope 不在本政策中",
        ),
        (
            [
                _benefit("m", "一事一议", "{manual: true, cap: 100, clause: '1'}").replace(
                    "application:", "redemption: review\n    application:"
                ),
                _benefit("x", "甲", "{formula: \"award('m') * 0.5\", clause: '1'}"),
            ],
            "没有金额公式",
        ),
        (
            [
                _benefit("a", "甲", "{formula: '5', clause: '1'}"),
                _benefit("x", "乙", "{formula: '5', clause: '1'}", 'award("a") > 1'),
            ],
            "award 只能用于兑现事项的金额公式",
        ),
    ],
)
def test_a_reference_that_cannot_hold_is_refused(benefits: list[str], reason: str) -> None:
    with pytest.raises(RuleErrors) as caught:
        add_policy_file(Library(schema=SCHEMA), "p.yaml", HEAD + "".join(benefits))
    assert reason in str(caught.value)


def test_a_raise_needs_no_frame_column_of_its_own(compiled) -> None:  # type: ignore[no-untyped-def]
    # the raise reads the standard's inputs, so provenance and the needed columns name them
    assert set(compiled.benefit("raise").columns) == {"f", "b"}


def test_a_reference_is_checked_against_each_policy_not_remembered_from_another() -> None:
    """The library keeps checked expressions per schema (a national library repeats its conditions); a text naming
    award("id") depends on its policy's benefits, so a second policy that writes the same text without that benefit
    is refused, whatever was checked before."""
    library = Library(schema=SCHEMA)
    add_policy_file(library, "p.yaml", POLICY)
    other = HEAD.replace("id: p\n", "id: q\n") + _benefit(
        "own", "另一政策", "{formula: \"award('base') * 0.5\", clause: '2'}"
    )
    with pytest.raises(RuleErrors, match="不在本政策中"):
        add_policy_file(library, "q.yaml", other)
