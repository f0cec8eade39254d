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
""")
    return figures
