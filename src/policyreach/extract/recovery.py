"""How much of the sample library's own rules the extractor drafts back from the library's clause texts.

"Recovered" (reported by ``BENCH=extract`` and tested): a condition the library writes for a benefit is
recovered when some condition drafted from the very clause it cites is the same rule by
``policyreach.extract.compare`` (parsed, type-checked, bound and printed canonically) on the policy's first
day or on a day one of its parameters changes. An amount likewise, its ``cap`` folded in as ``min(…, cap)``,
compared with the amounts drafted from the clause the amount cites. The drafter sees only the clause texts
(and, for the subject kind, the whole document's text); never the library's rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from policyreach.extract.clauses import HEADING, sentences
from policyreach.extract.compare import canonical, dates_to_compare
from policyreach.extract.sentence import Draft, draft_sentence, guess_subject, in_context
from policyreach.rules.language import Env
from policyreach.rules.library import Library


@dataclass
class Recovery:
    conditions: int = 0
    conditions_recovered: int = 0
    amounts: int = 0
    amounts_recovered: int = 0
    missed: list[str] = field(default_factory=list)  # "policy/benefit: expr" for a person to read

    @property
    def condition_recall(self) -> float:
        return self.conditions_recovered / self.conditions if self.conditions else 1.0

    @property
    def amount_recall(self) -> float:
        return self.amounts_recovered / self.amounts if self.amounts else 1.0


def _drafts(text: str, subject: str) -> list[Draft]:
    return [draft_sentence(s, subject=subject) for s in in_context(sentences(HEADING.sub("", text, count=1)))]


def library_recovery(library: Library) -> Recovery:
    result = Recovery()
    for policy in library.policies.values():
        env = Env(schema=library.schema, params=policy.parameters)
        days = dates_to_compare(policy.valid_from, policy.parameters)
        subject = guess_subject("\n".join(policy.clauses.values()))
        drafted = {ref: _drafts(text, subject) for ref, text in policy.clauses.items()}

        def forms(exprs: list[str], amount: bool, _env: Env = env, _days: list = days) -> set[tuple]:
            return {(day, canonical(e, _env, day, amount=amount)) for e in exprs for day in _days} - {
                (day, None) for day in _days
            }

        for benefit in (b for b in library.benefits if b.policy.id == policy.id):
            for cond in benefit.spec.conditions:
                result.conditions += 1
                got = forms(
                    [c for d in drafted[cond.clause] for c, _ in d.conditions]
                    + [c for d in drafted[cond.clause] for conds, _ in d.variants for c, _ in conds],
                    False,
                )
                want = {(day, canonical(cond.expr, env, day)) for day in days}
                if want & got:
                    result.conditions_recovered += 1
                else:
                    result.missed.append(f"{benefit.id} [{cond.clause}] {cond.expr}")
            amount = benefit.spec.amount
            if amount is None:
                continue
            result.amounts += 1
            got = forms(
                [d.amount[0] for d in drafted[amount.clause] if d.amount]
                + [a for d in drafted[amount.clause] for _, (a, _) in d.variants],
                True,
            )
            want = {
                (day, canonical(amount.formula, env, day, amount=True, cap=amount.cap, unit=amount.unit))
                for day in days
            }
            if want & got:
                result.amounts_recovered += 1
            else:
                result.missed.append(f"{benefit.id} [{amount.clause}] amount {amount.formula}")
    return result
