"""Scoring the real-structure development set (tests/extract/real/README.md): sentences by phrasing family,
the held-out source documents apart, and whole documents drafted end to end.

A sentence is *fully right* when its drafted conditions equal the labelled ones one to one, its amount (or every
variant) equals the labelled one, it is not flagged and no trap number (文号, 名单, 资金规模, 条款号, 日期) appears in
any drafted rule. A sentence labelled with no rule (it awaits a construct the rules language lacks) is never fully
right; whether it was flagged whole, as it must be today, is counted apart.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from policyreach.extract.scoring import Tally, normalise
from policyreach.extract.sentence import Draft, draft_sentence

HOLD_OUT_PERCENT = 30


def held_out(address: str) -> bool:
    """Whole source documents are held out by a hash of their address (deterministic, ~30%)."""
    return int(hashlib.sha256(address.encode("utf-8")).hexdigest(), 16) % 100 < HOLD_OUT_PERCENT


def load_set(path: Path) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["sentences"]


def _trap_taken(rules: list[str], traps: list[str]) -> bool:
    # a number standing alone, never a digit inside an identifier (quantity_897e6cae is no 6)
    return any(re.search(rf"(?<![\w.]){re.escape(t)}(?![\w.])", r, re.ASCII) for r in rules for t in traps)


def _pairs(conditions: list[str], amount: str | None, variants: list[dict[str, Any]]) -> list[tuple[list[str], str]]:
    if variants:
        return [(conditions + list(v["conditions"]), v["amount"]) for v in variants]
    return [(conditions, amount)] if amount is not None else []


def _same_set(a: list[str], b: list[str]) -> bool:
    return sorted(normalise(x) for x in a) == sorted(normalise(x) for x in b)


@dataclass
class FamilyScore:
    sentences: int = 0
    fully_right: int = 0
    flagged_as_expected: int = 0
    awaiting: int = 0
    traps_taken: int = 0
    conditions: Tally = field(default_factory=Tally)
    amounts: Tally = field(default_factory=Tally)
    wrong: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "fully_right": self.fully_right,
            "fully_right_share": round(self.fully_right / self.sentences, 4) if self.sentences else 1.0,
            "awaiting_rules_grow": self.awaiting,
            "flagged_as_expected": self.flagged_as_expected,
            "traps_taken": self.traps_taken,
            "condition_precision": round(self.conditions.precision, 4),
            "condition_recall": round(self.conditions.recall, 4),
            "amount_precision": round(self.amounts.precision, 4),
            "amount_recall": round(self.amounts.recall, 4),
        }


def drafted(draft: Draft) -> tuple[list[str], str | None, list[dict[str, Any]]]:
    conditions = [c for c, _ in draft.conditions]
    variants = [{"conditions": [c for c, _ in own], "amount": amount[0]} for own, amount in draft.variants]
    return conditions, (draft.amount[0] if draft.amount else None), variants


def _same_attribute(want: dict[str, Any], got: dict[str, Any]) -> bool:
    """A drafted proposed attribute is the labelled one when unit and yearly agree and one label names the other
    (the label gives the words an officer would look for: 发明专利, 募资净额)."""
    return (
        want.get("unit") == got.get("unit")
        and bool(want.get("yearly")) == bool(got.get("yearly"))
        and (str(want["label"]) in str(got["label"]) or str(got["label"]) in str(want["label"]))
    )


def _renamed(drafted: dict[str, dict[str, Any]], labelled: dict[str, dict[str, Any]]) -> dict[str, str]:
    """The drafted proposed attributes under the label's identifiers (the identifier is the drafter's choice)."""
    names: dict[str, str] = {}
    for want_name, want in labelled.items():
        for got_name, got in drafted.items():
            if got_name not in names and _same_attribute(want, got):
                names[got_name] = want_name
                break
    return names


def _rename(expr: str, names: dict[str, str]) -> str:
    for old, new in names.items():
        expr = re.sub(rf"\b{re.escape(old)}\b", new, expr)
    return expr


def pasted_alone(text: str, subject: str = "enterprise") -> Draft:
    """The sentence pasted alone into ``policyreach extract`` (a document of one clause), as a sentence's draft:
    each benefit a variant with the common conditions, flagged when the document left anything to a person."""
    from policyreach.extract.draft import draft_policy

    policy = draft_policy(text, "alone")
    common = [(c["expr"], 1.0) for c in policy.get("common_conditions", [])]
    return Draft(
        variants=[
            (common + [(c["expr"], 1.0) for c in b["conditions"] if c["expr"] != "True"], (_formula(b["amount"]), 1.0))
            for b in policy["benefits"]
        ],
        manual=[m["text"] for m in policy["manual"]],
        proposed=policy.get("proposed_attributes", {}),
    )


def score_sentence(
    item: dict[str, Any], score: FamilyScore, read: Callable[[str, str], Draft] = draft_sentence
) -> bool:
    """Whether ``read`` (the sentence reader; ``pasted_alone`` for the command's path) drafts the item fully right."""
    draft = read(item["text"], item.get("subject", "enterprise"))
    got_c, got_a, got_v = drafted(draft)
    if names := _renamed(draft.proposed, item.get("proposed", {})):
        got_c = [_rename(c, names) for c in got_c]
        got_a = _rename(got_a, names) if got_a is not None else None
        got_v = [
            {"conditions": [_rename(c, names) for c in v["conditions"]], "amount": _rename(v["amount"], names)}
            for v in got_v
        ]
    flagged = bool(draft.manual)
    want_pairs = _pairs(item.get("conditions", []), item.get("amount"), item.get("variants", []))
    want_c = list(item.get("conditions", [])) + [c for v in item.get("variants", []) for c in v["conditions"]]
    got_pairs = _pairs(got_c, got_a, got_v)
    got_all = got_c + [c for v in got_v for c in v["conditions"]]
    rules = got_all + [a for _, a in got_pairs]
    trap = _trap_taken(rules, [str(t) for t in item.get("traps", [])])
    score.sentences += 1
    score.traps_taken += trap
    # conditions: one to one, in any order (README of the frozen set)
    score.conditions.expected += len(want_c)
    score.conditions.extracted += len(got_all)
    pool = [normalise(c) for c in want_c]
    for g in got_all:
        if normalise(g) in pool:
            pool.remove(normalise(g))
            score.conditions.right += 1
    want_amounts = [normalise(a) for _, a in want_pairs]
    score.amounts.expected += len(want_amounts)
    score.amounts.extracted += len(got_pairs)
    for _, a in got_pairs:
        if normalise(a) in want_amounts:
            want_amounts.remove(normalise(a))
            score.amounts.right += 1
    if not want_pairs and not want_c and item.get("awaits"):
        score.awaiting += 1
        score.flagged_as_expected += flagged and not got_pairs and not trap
        score.wrong.append(item["id"])
        return False
    if not want_pairs and not want_c:  # a sentence that is no rule (validity, fund size): nothing may be drafted
        right = not got_pairs and not got_all and not trap
    else:
        right = (
            not flagged
            and not trap
            and len(got_pairs) == len(want_pairs)
            and sorted((tuple(sorted(normalise(c) for c in cs)), normalise(a)) for cs, a in got_pairs)
            == sorted((tuple(sorted(normalise(c) for c in cs)), normalise(a)) for cs, a in want_pairs)
        )
        if not want_pairs:
            right = not flagged and not trap and _same_set(got_all, want_c) and not got_pairs
    score.fully_right += right
    if not right:
        score.wrong.append(item["id"])
    return right


def score_set(items: list[dict[str, Any]]) -> dict[str, FamilyScore]:
    """Scores by family, plus "all" (development part), "held_out" and their families."""
    out: dict[str, FamilyScore] = defaultdict(FamilyScore)
    for item in items:
        part = "held_out" if held_out(item["source"]) else "dev"
        for key in (part, f"{part}:{item['family']}"):
            score_sentence(item, out[key])
    return dict(out)


# --- whole documents -------------------------------------------------------------------------------------------


def _formula(amount: dict[str, Any], sums: dict[str, str] | None = None) -> str:
    """A drafted amount as the labels write it: its formula, manual(cap) for 一事一议 (manual(cap, floor=X) with a
    floor), schedule(formula, [shares], year) for a multi-year schedule (scored whole, never its base alone). An
    award of another benefit whose amount is a plain sum (按第八条标准执行) is that sum: ``sums`` maps ids to them."""
    if amount.get("manual"):
        bounds = [str(amount["cap"])] if "cap" in amount else []
        bounds += [f"floor={amount['floor']}"] if "floor" in amount else []
        return f"manual({', '.join(bounds)})"
    formula = str(amount["formula"])
    cited = re.fullmatch(r'award\("([^"]+)"\)(?:\s*\*\s*(\d+(?:\.\d+)?))?', formula)
    if cited and sums and cited.group(1) in sums:
        return format(Decimal(sums[cited.group(1)]) * Decimal(cited.group(2) or 1), "f")
    if "schedule" in amount:
        shares = ", ".join(str(x) for x in amount["schedule"])
        return f"schedule({formula}, [{shares}], {amount['period_year']})"
    return formula


def _invented(got: list[dict[str, Any]], pairs: list[tuple[list[str], str]], allowed: set[str]) -> int:
    """The drafted conditions the text does not state. A benefit with one variant's amount is held to that variant's
    conditions: another variant's (the 中小微 of the smaller firms' share put on the 大型企业's) is no condition the
    text states for this sum; a benefit whose amount is no variant's is held to them all."""
    stated = {normalise(c) for cs, _ in pairs for c in cs} | allowed
    out = 0
    for b in got:
        own = [cs for cs, a in pairs if normalise(a) == normalise(_formula(b["amount"]))]
        mine = {normalise(c) for cs in own for c in cs} | allowed if own else stated
        out += sum(1 for c in b["conditions"] if normalise(c["expr"]) not in mine and c["expr"] != "True")
    return out


def score_document(text: str, expected: dict[str, Any], subject: str | None = None) -> dict[str, Any]:
    from policyreach.extract.draft import draft_policy

    policy = draft_policy(text, "doc")
    if names := _renamed(policy.get("proposed_attributes", {}), expected.get("proposed", {})):
        for b in policy["benefits"]:
            b["conditions"] = [{**c, "expr": _rename(c["expr"], names)} for c in b["conditions"]]
            for key in ("formula", "period_year"):  # a schedule's year is counted from a date it proposes
                if key in b["amount"]:
                    b["amount"][key] = _rename(b["amount"][key], names)
    by_clause: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for b in policy["benefits"]:
        by_clause[str(b["amount"]["clause"])].append(b)
    sums = {
        b["id"]: str(b["amount"]["formula"])
        for b in policy["benefits"]
        if re.fullmatch(r"\d+(?:\.\d+)?", str(b["amount"].get("formula", "")))
    }
    flagged_refs = {str(m["clause"]) for m in policy["manual"]}
    allowed = {normalise(c) for c in expected.get("scope", []) + expected.get("optional", [])}
    money = [b for b in expected["benefits"] if "awaits" not in b]
    found = amounts_right = invented = 0
    for want in expected["benefits"]:
        got = by_clause.get(str(want["clause"]), [])
        if "awaits" in want:
            continue
        if got:
            found += 1
        pairs = _pairs(want.get("conditions", []), want.get("amount"), want.get("variants", []))
        want_amounts = sorted(normalise(a) for _, a in pairs)
        if sorted(normalise(_formula(b["amount"], sums)) for b in got) == want_amounts:
            amounts_right += 1
        invented += _invented(got, pairs, allowed)
    awaiting = [b for b in expected["benefits"] if "awaits" in b]
    awaiting_flagged = sum(
        1 for b in awaiting if str(b["clause"]) in flagged_refs and not by_clause.get(str(b["clause"]))
    )
    expected_refs = {str(b["clause"]) for b in expected["benefits"]}
    extra = [ref for ref in by_clause if ref not in expected_refs]
    scope = {normalise(c) for c in expected.get("scope", [])}
    got_scope = {normalise(c["expr"]) for c in policy.get("common_conditions", [])}
    rules = [c["expr"] for b in policy["benefits"] for c in b["conditions"]] + [
        _formula(b["amount"]) for b in policy["benefits"]
    ]
    return {
        "money_articles": len(money),
        "benefits_found": found,
        "amounts_right": amounts_right,
        "invented_conditions": invented,
        "benefits_from_other_clauses": len(extra),
        "awaiting_rules_grow": len(awaiting),
        "awaiting_flagged": awaiting_flagged,
        "scope_right": scope <= got_scope and not (got_scope - scope - allowed),
        "budget_right": policy.get("budget", {}).get("amount") == expected.get("budget")
        if expected.get("budget") is not None
        else "budget" not in policy,
        "valid_from_right": expected.get("valid_from") is None or policy["valid_from"] == expected["valid_from"],
        "valid_to_right": policy.get("valid_to") == expected.get("valid_to"),
        "exclusive_right": bool(policy.get("exclusive")) == bool(expected.get("exclusive")),
        "instalments_right": all(
            [round(float(x.rstrip("%")) / 100, 4) for x in want["schedule"]]
            in [b.get("instalments") for b in by_clause.get(str(want["clause"]), [])]
            for want in expected["benefits"]
            if want.get("schedule")
        ),
        "traps_taken": _trap_taken(rules, [str(t) for t in expected.get("traps", [])]),
    }


# the copy a document is scored from, when it has several (d1 has its .txt and a .pdf written from it)
COPIES = (".txt", ".docx", ".pdf", ".html")


def documents(folder: Path) -> dict[str, dict[str, Any]]:
    """Each expected draft (``*.yaml``) scored against its document, read as ``policyreach extract`` reads it."""
    from policyreach.extract.documents import read_document

    out = {}
    for labels in sorted(folder.glob("*.yaml")):
        copy = next((p for p in map(labels.with_suffix, COPIES) if p.exists()), None)
        if copy is None:
            continue
        expected = yaml.safe_load(labels.read_text(encoding="utf-8"))
        for key in ("valid_from", "valid_to"):
            if isinstance(expected.get(key), str):
                expected[key] = dt.date.fromisoformat(expected[key])
        out[labels.stem] = score_document(read_document(copy), expected, expected.get("subject"))
    return out
