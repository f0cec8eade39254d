"""The best claim plan of one entity (issue 21, item 5): what it can claim at once, without counting twice.

Benefits of one exclusive group (不得重复享受，就高) are alternatives: the plan keeps the one worth most and leaves the
others out with the reason, so that the totals a firm reads are money it can actually receive. Every total stays per
payout (a tax relief is not money received, a loan is not a grant).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from policyreach.rules.policy import payout_totals


@dataclass(frozen=True)
class Option:
    """One claimable benefit as the plan weighs it: its amount in 万元 and its exclusive group, if any."""

    benefit_id: str
    title: str
    payout: str
    amount: Decimal
    group: str | None = None


@dataclass(frozen=True)
class Plan:
    chosen: tuple[Option, ...]
    left_out: tuple[tuple[Option, str], ...]  # (option, why it is not in the plan, in Chinese)

    @property
    def totals(self) -> dict[str, Decimal]:
        """The plan's money, one sum per payout (never one grand total)."""
        return payout_totals((o.payout, o.amount) for o in self.chosen)

    def reason(self, benefit_id: str) -> str | None:
        return next((why for o, why in self.left_out if o.benefit_id == benefit_id), None)


def best_plan(options: Iterable[Option]) -> Plan:
    """Every option outside a group, and the most valuable one of each group (ties: the first by id, so the plan is
    the same on every page); the chosen keep the order they came in."""
    given = list(options)
    chosen: list[Option] = []
    left_out: list[tuple[Option, str]] = []
    groups: dict[str, list[Option]] = {}
    for option in given:
        if option.group is None:
            chosen.append(option)
        else:
            groups.setdefault(option.group, []).append(option)
    for members in groups.values():
        best = min(members, key=lambda o: (-o.amount, o.benefit_id))
        chosen.append(best)
        for other in members:
            if other is not best:
                lower = "金额相同，只计一项" if other.amount == best.amount else "金额较低"
                left_out.append((other, f"与“{best.title}”不重复享受（就高），{lower}"))
    order = {o.benefit_id: i for i, o in enumerate(given)}
    chosen.sort(key=lambda o: order[o.benefit_id])
    return Plan(tuple(chosen), tuple(left_out))
