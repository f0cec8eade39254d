"""A policy document to a draft policy YAML for an officer to review: clauses, benefits, rules, confidence."""

from __future__ import annotations

from typing import Any

import yaml

from policyreach.extract.clauses import HEADING, Clause, sentences, split_clauses
from policyreach.extract.sentence import Draft, draft_sentence


def _general(drafts: list[tuple[Clause, Draft]]) -> list[dict[str, Any]]:
    """Conditions of clauses without an amount (适用范围) apply to every benefit."""
    return [{"expr": expr, "clause": clause.ref, "confidence": round(conf, 2)}
            for clause, draft in drafts if draft.amount is None for expr, conf in draft.conditions]


def draft_policy(document: str, policy_id: str = "draft") -> dict[str, Any]:
    clauses = split_clauses(document)
    drafts = [(clause, draft_sentence(sentence)) for clause in clauses
              for sentence in sentences(HEADING.sub("", clause.text, count=1))]
    general = _general(drafts)
    benefits, manual = [], []
    for clause, draft in drafts:
        manual += [{"clause": clause.ref, "text": text} for text in draft.manual]
        if draft.amount is None:
            continue
        benefits.append({
            "id": f"{policy_id}-{len(benefits) + 1}",
            "title": f"待命名（第 {clause.ref} 款）",
            "conditions": [{"expr": e, "clause": clause.ref, "confidence": round(c, 2)} for e, c in draft.conditions]
            + [dict(g) for g in general if g["expr"] not in [e for e, _ in draft.conditions]],
            "amount": {"formula": draft.amount[0], "unit": "万元", "clause": clause.ref,
                       "confidence": round(draft.amount[1], 2)},
        })
    return {
        "id": policy_id,
        "draft": True,
        "clauses": {c.ref: c.text for c in clauses},
        "benefits": benefits,
        "manual": manual,  # sentences that became no rule: to be written or confirmed by hand, never dropped
    }


def to_yaml(draft: dict[str, Any]) -> str:
    header = "# 规则草稿：由政策通从条款文本自动生成，须经人工审核后方可作为政策文件发布。\n"
    return header + yaml.safe_dump(draft, allow_unicode=True, sort_keys=False, width=120)
