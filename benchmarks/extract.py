"""``BENCH=extract``: precision and recall of drafted rules on the labelled sentence set, by phrasing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from benchmarks import common
from policyreach.extract.scoring import Score
from policyreach.extract.sentence import draft_sentence

SET = Path(__file__).resolve().parents[1] / "tests" / "extract" / "labelled" / "sentences.yaml"


def score(sentences: list[dict]) -> Score:
    total = Score()
    for s in sentences:
        draft = draft_sentence(s["text"])
        total.add(s["conditions"], [c for c, _ in draft.conditions], s["amount"],
                  draft.amount[0] if draft.amount else None, s["manual"], draft.manual)
    return total


def library_recall() -> dict[str, Any]:
    """Draft every clause of the sample library and see how many of its own rules come back."""
    from policyreach import settings
    from policyreach.extract.clauses import HEADING, sentences
    from policyreach.extract.scoring import normalise
    from policyreach.rules.library import load_library
    from policyreach.rules.schema import load_schema

    library = load_library([settings.library_path()], load_schema(settings.schema_path()))
    drafted: dict[tuple[str, str], set[str]] = {}
    amounts: dict[tuple[str, str], set[str]] = {}
    for policy in library.policies.values():
        for ref, text in policy.clauses.items():
            got, money = set(), set()
            for sentence in sentences(HEADING.sub("", text, count=1)):
                draft = draft_sentence(sentence)
                got |= {normalise(c) for c, _ in draft.conditions}
                money |= {normalise(draft.amount[0])} if draft.amount else set()
            drafted[policy.id, ref], amounts[policy.id, ref] = got, money
    conditions = right = amount_total = amount_right = 0
    for benefit in library.benefits:
        for cond in benefit.spec.conditions:
            conditions += 1
            right += normalise(cond.expr) in drafted[benefit.policy.id, cond.clause]
        if benefit.spec.amount:
            amount_total += 1
            amount_right += normalise(benefit.spec.amount.formula) in amounts[benefit.policy.id,
                                                                               benefit.spec.amount.clause]
    return {"conditions": conditions, "condition_recall": round(right / conditions, 4),
            "amounts": amount_total, "amount_recall": round(amount_right / amount_total, 4)}


def run() -> dict[str, Any]:
    sentences = yaml.safe_load(SET.read_text(encoding="utf-8"))["sentences"]
    parts = {"all": sentences, "common": [s for s in sentences if s["phrasing"] == "common"],
             "novel": [s for s in sentences if s["phrasing"] == "novel"]}
    scores = {name: score(items) for name, items in parts.items()}
    whole = scores["all"]
    figures = {
        "sentences": len(sentences),
        "condition_precision": round(whole.conditions.precision, 4),
        "condition_recall": round(whole.conditions.recall, 4),
        "amount_precision": round(whole.amounts.precision, 4),
        "amount_recall": round(whole.amounts.recall, 4),
        "dropped": whole.dropped,
        "by_phrasing": {name: {"sentences": len(parts[name]),
                               "condition_precision": round(sc.conditions.precision, 4),
                               "condition_recall": round(sc.conditions.recall, 4),
                               "amount_precision": round(sc.amounts.precision, 4),
                               "amount_recall": round(sc.amounts.recall, 4)} for name, sc in scores.items()},
    }
    for name, sc in scores.items():
        print(f"extract [{name}] {len(parts[name])} sentences: conditions P {sc.conditions.precision:.3f} "
              f"R {sc.conditions.recall:.3f}; amounts P {sc.amounts.precision:.3f} R {sc.amounts.recall:.3f}; "
              f"dropped {sc.dropped}", flush=True)
    own = library_recall()
    figures["library"] = own
    print(f"extract [library] {own['conditions']} conditions, recall {own['condition_recall']:.3f}; "
          f"{own['amounts']} amounts, recall {own['amount_recall']:.3f}", flush=True)
    common.merge_results("extract", figures)
    rows = "\n".join(
        f"| {name} | {v['sentences']} | {v['condition_precision']:.3f} | {v['condition_recall']:.3f} | "
        f"{v['amount_precision']:.3f} | {v['amount_recall']:.3f} |" for name, v in figures["by_phrasing"].items())
    common.write_section("extract", f"""## Drafting rules from clause text (`BENCH=extract`)

The labelled set `tests/extract/labelled/sentences.yaml` ({len(sentences)} sentences, written before the
extractor; scoring rule in its README). Target: at least 90% of conditions and amounts exactly right.

| phrasing | sentences | condition precision | condition recall | amount precision | amount recall |
| --- | --- | --- | --- | --- | --- |
{rows}

Sentences whose manual parts were silently dropped: {whole.dropped}.

The sample library's own clauses, drafted and compared with the rules written for them: conditions
{own['condition_recall']:.1%} of {own['conditions']}, amounts {own['amount_recall']:.1%} of {own['amounts']}
(the library's rules use parameters such as `params.award`, which text cannot name, and encode some clauses
in ways a reader would phrase differently, so this is a floor).
""")
    return figures
