"""Drafting the amounts the rules language gained in the eighth round (docs/formats.md, "Amounts"), kept apart from
``sentence`` so that the families it reads and these constructs change independently:

- a floor with no formula (每家给予不低于50万元的补贴): a reviewer's amount, never below the floor (``manual``
  with ``floor``), never the floor itself read as the sum;
- a share of a 美元 figure paid in 元 (按实际到位外资的1%给予奖励，最高500万元人民币): the figure in 万美元 × the dated
  exchange-rate parameter the draft declares for the officer to fill (``params.usd_cny``) × the share;
- an award less one already received (扣减已获奖励后给予奖励): ``max(standard - received, 0)``;
- a rate range (按设备购置额的8%～12%，单个项目不超过1000万元): a reviewer's amount between the two shares, the cap on
  the higher one (``manual`` with formula bounds);
- a rate floor (按不低于2%的比例予以奖励，最高1亿元): a reviewer's amount at least that share of the figure compared.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from policyreach.extract.numbers import NUMBER, number, plain, to_wan

if TYPE_CHECKING:
    from policyreach.extract.sentence import Draft

FLOOR_REASON = "金额只定下限，须人工确定"
FLOOR = re.compile(
    rf"(?:给予|奖励|补贴|补助|资助)?不(?:低|少)于({NUMBER})\s*(亿元|万元|元)(?:人民币)?"
    rf"(?:[、,](?:最高)?(?:不超过|不高于)?{NUMBER}\s*(?:亿元|万元|元))?的"
    r"[^,;。]{0,6}?(?:补贴|奖励|补助|资助|支持|奖补)"
)
CAP = re.compile(rf"(?:最高|不超过|最多|上限为?)(?:不超过)?(?:奖励|补助|补贴|资助|奖补)?({NUMBER})\s*(亿元|万元|元)")


def floor_only(text: str, draft: Draft) -> None:
    """不低于X万元的补贴 with no formula: ``manual(floor=X)`` (with a stated cap ``manual(Y, floor=X)``). Only when
    nothing but the floor was read as the amount: a formula beside it (按投资额的5%，不低于10万元) stays a floor of the
    formula, and a fund's size (安排不低于2亿元的专项资金) matches no grant word."""
    found = FLOOR.search(text)
    if found is None or draft.variants:
        return
    floor = plain(to_wan(found.group(1), found.group(2)))
    if draft.amount is not None and draft.amount[0] != floor:
        return
    cap = CAP.search(text)
    top = plain(to_wan(cap.group(1), cap.group(2))) if cap else None
    if top is not None and number(top) < number(floor):
        return  # a cap below the floor is no reading of ours: to a person
    draft.amount = (f"manual({top}, floor={floor})" if top else f"manual(floor={floor})", 0.6)
    draft.spans.append(found.span())
    draft.handled.add(FLOOR_REASON)


# the dated rate a draft declares when a share of a 美元 figure is paid in 元: 万美元 × 元/美元 = 万元
USD_CNY = "usd_cny"
USD_CNY_PARAMETER: dict[str, object] = {
    "label": "美元兑人民币汇率（1美元折合人民币元数，待填写政策所定折算日的汇率）",
    "unit": "元/美元",
    "values": {},
}


def paid_in_yuan(text: str, draft: Draft, usd_of: dict[str, str]) -> bool:
    """A share of a figure the clause states in 美元 (实际到位外资100万美元以上的，按实际到位外资的1%给予奖励，最高
    500万元人民币), paid in 元: the 美元 figure × ``params.usd_cny`` × the share, in the year the clause compares
    the figure (当年); the parameter declared in the draft. False when the amount reads no such figure."""
    if draft.amount is None or not re.search(r"美元", text):
        return False
    formula = draft.amount[0]
    for attr, in_usd in usd_of.items():
        used = re.search(rf"\b{attr}\[([^\]]+)\]", formula)
        if used is None:
            continue
        compared = [re.search(rf"\b{in_usd}\[([^\]]+)\]", c) for c, _ in draft.conditions]
        year = next((m.group(1) for m in compared if m), used.group(1))
        converted = re.sub(rf"\b{attr}\[[^\]]+\]", f"{in_usd}[{year}] * params.{USD_CNY}", formula)
        draft.amount = (converted, min(draft.amount[1], 0.6))
        if any(m for m in compared):
            # the threshold on the 美元 figure already asks for one: its "> 0" (the share's own) says nothing more
            draft.conditions = [(c, k) for c, k in draft.conditions if not re.fullmatch(rf"{in_usd}\[.+\] > 0", c)]
        if not any(re.search(rf"\b{attr}\b", c) for c, _ in draft.conditions):
            draft.proposed.pop(attr, None)  # the figure in 元 is read by no rule now
        draft.parameters[USD_CNY] = dict(USD_CNY_PARAMETER)
        if in_usd not in draft.proposed:
            draft.propose(in_usd)
        return True
    return False


RECEIVED = re.compile(r"扣减(?:已|此前)?(?:按本办法)?(?:获得|获|享受)?的?(?:各阶段|阶段)?(?:奖励|补助|扶持|资金)")
RECEIVED_WORDS = "已获奖励"


def less_received(text: str, draft: Draft) -> None:
    """奖励标准为300万元，…扣减已获奖励后给予奖励: the standard less the award already received (a proposed
    attribute in the clause's words), never below 0."""
    if draft.amount is None or draft.variants or not RECEIVED.search(text):
        return
    standard = draft.amount[0]
    if not re.fullmatch(r"\d+(?:\.\d+)?", standard):
        return  # only a fixed standard: a formula less an award is left to a person
    name = draft.declare(RECEIVED_WORDS, "万元", False)
    draft.amount = (f"max({standard} - {name}, 0)", min(draft.amount[1], 0.6))


RANGE_REASON = "按比例区间计算，金额由评审确定"
RATE_RANGE = re.compile(rf"的\s*({NUMBER})%?\s*(?:-|—|~|～|至|到)\s*({NUMBER})%")


def rate_range(text: str, draft: Draft) -> None:
    """按设备购置额的8%～12%，单个项目不超过1000万元: a reviewer's amount between the two shares of the figure the
    share reads (its cap kept on the higher one): ``manual(min(x * 0.12, 1000), floor=x * 0.08)``. Only when the
    share was read at the range's lower end on one figure, so the figure is the one the clause names."""
    found = RATE_RANGE.search(text)
    if found is None or draft.amount is None or draft.variants:
        return
    low, high = (plain(number(found.group(i)) / 100) for i in (1, 2))
    read = re.fullmatch(rf"(?:min\()?(\w+(?:\[[^\]]+\])?) \* {re.escape(low)}(?:, ({NUMBER}))?\)?", draft.amount[0])
    if read is None or number(high) <= number(low) or (draft.amount[0].startswith("min(") != bool(read.group(2))):
        return
    figure, cap = read.group(1), read.group(2)
    top = f"min({figure} * {high}, {cap})" if cap else f"{figure} * {high}"
    draft.amount = (f"manual({top}, floor={figure} * {low})", 0.6)
    draft.spans.append(found.span())
    draft.handled.add(RANGE_REASON)


RATE_FLOOR = re.compile(rf"按不(?:低|少)于({NUMBER})%的(?:比例|标准)?(?:予以|给予)?(?:奖励|补助|补贴|资助|奖补)")


def rate_floor(text: str, draft: Draft) -> None:
    """对年实际外资金额超过5000万美元的新项目，按不低于2%的比例予以奖励，最高奖励1亿元: a reviewer's amount, at least
    the share of the one figure the clause compares (in 元 at ``params.usd_cny`` when it is in 美元), within the
    cap: ``manual(10000, floor=x * params.usd_cny * 0.02)``. Only when no amount was read and exactly one money
    figure the draft proposes is compared."""
    found = RATE_FLOOR.search(text)
    if found is None or draft.amount is not None or draft.variants:
        return
    figures = {
        m.group(0)
        for c, _ in draft.conditions
        if (m := re.match(r"(\w+)(?:\[[^\]]+\])?(?= >)", c))
        and draft.proposed.get(m.group(1), {}).get("unit") in ("万元", "万美元")
    }
    if len(figures) != 1:
        return
    (figure,) = figures
    name = figure.split("[")[0]
    share = plain(number(found.group(1)) / 100)
    if draft.proposed[name]["unit"] == "万美元":
        floor = f"{figure} * params.{USD_CNY} * {share}"
        draft.parameters[USD_CNY] = dict(USD_CNY_PARAMETER)
    else:
        floor = f"{figure} * {share}"
    cap = CAP.search(text)
    top = plain(to_wan(cap.group(1), cap.group(2))) if cap else ""
    draft.amount = (f"manual({top}, floor={floor})" if top else f"manual(floor={floor})", 0.6)
    draft.spans.append(found.span())
