"""A policy document to a draft policy for an officer to review: clauses, benefits, rules, confidence.

``draft_policy`` returns the draft as data (what the console shows: every rule with its confidence, the
sentences left for a person, any assistant proposals); ``to_yaml`` writes it as a policy file that loads and
validates like any other (``policyreach validate``), with everything to review written as YAML comments:
the confidence after each rule, the flagged manual sentences and the assistant's proposals at the end.
Nothing becomes a rule silently: a benefit whose clause gives no condition gets the placeholder ``True``
labelled 【待人工确认】, and fields text cannot give (department, channel) say 待填写.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

import yaml

from policyreach import settings
from policyreach.extract.assistant import AssistantConfig, review_flagged
from policyreach.extract.clauses import HEADING, Clause, sentences, split_clauses
from policyreach.extract.sentence import Draft, draft_sentence, guess_subject, in_context
from policyreach.rules.errors import RuleError
from policyreach.rules.language import Env, check_amount, check_condition, parse_expression
from policyreach.rules.schema import load_schema

TO_FILL = "待填写"
LEVELS = (
    ("national", "000000", r"国务院|财政部|国家税务总局|税务总局|全国"),
    ("province", "220000", r"吉林省"),
    ("city", "220100", r"长春市|本市|市政府"),
)


def _general(drafts: list[tuple[Clause, Draft]]) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """Conditions stated apart from any amount: those of a clause that pays nothing (适用范围) apply to every
    benefit; those of a clause that also pays (an exclusion after the award) apply to that clause's benefits."""
    paying = {clause.ref for clause, draft in drafts if draft.amount is not None or draft.variants}
    general: list[dict[str, Any]] = []
    local: dict[str, list[dict[str, Any]]] = {}
    for clause, draft in drafts:
        if draft.amount is not None or draft.variants:
            continue
        found = [{"expr": e, "clause": clause.ref, "confidence": round(c, 2)} for e, c in draft.conditions]
        (local.setdefault(clause.ref, []) if clause.ref in paying else general).extend(found)
    return general, local


def _title(document: str) -> str:
    for line in document.splitlines():
        line = line.strip()
        if line and not HEADING.match(line):
            return line[:80]
    return "政策草稿（待命名）"


def _valid_from(document: str) -> dt.date:
    if m := re.search(r"自(\d{4})年(\d{1,2})月(\d{1,2})日起(?:施行|执行|实施)", document):
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return dt.date.today()


def _issuer(document: str) -> str:
    office = r"[\u4e00-\u9fff]{2,16}?(?:局|厅|委员会|人民政府|办公室|办公厅)"
    m = re.search(rf"由({office})(?:负责解释|印发|发布)", document) or re.search(rf"({office})(?:印发|发布)", document)
    return m.group(1) if m else TO_FILL


def _kind(conditions: list[dict[str, Any]], subject: str) -> str:
    if subject == "talent":
        return "talent"
    if any(c["expr"].startswith("cert_") for c in conditions):
        return "certification"
    if any(re.search(r"loan|interest", c["expr"]) for c in conditions):
        return "finance"
    return "subsidy"


def _benefit(
    policy_id: str,
    number: int,
    clause: Clause,
    own: list[tuple[str, float]],
    amount: tuple[str, float],
    general: list[dict[str, Any]],
    subject: str,
    issuer: str,
) -> dict[str, Any]:
    conditions = [{"expr": e, "clause": clause.ref, "confidence": round(c, 2)} for e, c in own]
    conditions += [dict(g) for g in general if g["expr"] not in [e for e, _ in own]]
    if not conditions:
        conditions = [
            {
                "expr": "True",
                "clause": clause.ref,
                "confidence": 0.0,
                "label": "【待人工确认】条款未给出可转换的条件，请补充",
            }
        ]
    return {
        "id": f"{policy_id}-{number}",
        "title": f"待命名（第 {clause.ref} 款）",
        "kind": _kind(conditions, subject),
        # how the money reaches the firm cannot be read off a sentence reliably (a 补贴 may be a tax credit): the
        # officer says it, and the file does not load until then
        "payout": TO_FILL,
        "subjects": [subject],
        "department": issuer,
        "conditions": conditions,
        "amount": {"formula": amount[0], "unit": "万元", "clause": clause.ref, "confidence": round(amount[1], 2)},
        "application": {"department": issuer, "channel": TO_FILL},
    }


@cache
def _env() -> Env | None:
    try:
        return Env(schema=load_schema(settings.schema_path()))
    except Exception:  # without a schema the draft is still written; `policyreach validate` will say what is wrong
        return None


def _checked(draft: Draft, text: str) -> Draft:
    """Keep only rules the rules language accepts; a rule the grammar got wrong becomes a manual note, not an error
    in the file and not a silent loss."""
    env = _env()
    if env is None:
        return draft

    def fails(expr: str, amount: bool) -> bool:
        try:
            (check_amount if amount else check_condition)(parse_expression(expr, env))
        except RuleError:
            return True
        return False

    bad = [e for e, _ in draft.conditions if fails(e, False)]
    if draft.amount and fails(draft.amount[0], True):
        bad.append(draft.amount[0])
        draft.amount = None
    if bad:
        draft.conditions = [(e, c) for e, c in draft.conditions if e not in bad]
        draft.manual.append(f"{text}（未能生成有效规则：{'；'.join(bad)}）")
    return draft


def draft_policy(document: str, policy_id: str = "draft", assistant: AssistantConfig | None = None) -> dict[str, Any]:
    """The draft of a document; with ``assistant`` (see ``extract.assistant``) its flagged sentences are also
    sent to the assistant, whose checked proposals are listed for review, never added to the benefits."""
    clauses = split_clauses(document)
    subject = guess_subject(document)
    drafts = [
        (clause, _checked(draft_sentence(sentence, subject=subject), sentence))
        for clause in clauses
        for sentence in in_context(sentences(HEADING.sub("", clause.text, count=1)))
    ]
    general, local = _general(drafts)
    issuer = _issuer(document)
    level, region = next(((lv, code) for lv, code, words in LEVELS if re.search(words, document)), ("city", "220100"))
    benefits: list[dict[str, Any]] = []
    manual: list[dict[str, str]] = []
    for clause, draft in drafts:
        manual += [{"clause": clause.ref, "text": text} for text in draft.manual]
        shared = local.get(clause.ref, []) + general
        for own, amount in draft.variants:
            benefits.append(
                _benefit(policy_id, len(benefits) + 1, clause, draft.conditions + own, amount, shared, subject, issuer)
            )
        if draft.amount is not None:
            benefits.append(
                _benefit(policy_id, len(benefits) + 1, clause, draft.conditions, draft.amount, shared, subject, issuer)
            )
    policy: dict[str, Any] = {
        "id": policy_id,
        "title": _title(document),
        "issuer": issuer,
        "level": level,
        "region": region,
        "valid_from": _valid_from(document),
        "source": "规则草稿：由政策通从条款文本自动生成，须经人工审核后方可发布。",
        "clauses": {c.ref: c.text for c in clauses},
        "benefits": benefits,
        "manual": manual,  # sentences that became no rule: to be written or confirmed by hand, never dropped
        "assistant": [],  # proposals for flagged sentences, offered for review only (extract.assistant)
    }
    if assistant is not None:
        review_flagged(policy, assistant, load_schema(settings.schema_path()))
    return policy


def as_policy(draft: dict[str, Any]) -> dict[str, Any]:
    """The draft as a policy file's data: review fields (confidence, manual, assistant) left out."""
    policy = {k: v for k, v in draft.items() if k not in ("manual", "assistant")}
    policy["benefits"] = [
        {
            **b,
            "conditions": [{k: v for k, v in c.items() if k != "confidence"} for c in b["conditions"]],
            "amount": {k: v for k, v in b["amount"].items() if k != "confidence"},
        }
        for b in draft["benefits"]
    ]
    return policy


def to_yaml(draft: dict[str, Any]) -> str:
    """A policy file with the review notes as comments (a confidence after each rule, the manual sentences,
    the assistant's proposals) so that it both validates and shows the officer what to check."""
    header = (
        "# 规则草稿：由政策通从条款文本自动生成，须经人工审核后方可作为政策文件发布。\n"
        "# 每条规则后注明置信度；“待人工处理”列出未能转换为规则的句子，一句不漏。\n"
    )
    body = yaml.safe_dump(as_policy(draft), allow_unicode=True, sort_keys=False, width=120)
    lines = body.splitlines()
    confidences = [c["confidence"] for b in draft["benefits"] for c in b["conditions"]] if draft["benefits"] else []
    amounts = [b["amount"]["confidence"] for b in draft["benefits"]]
    out, ci, ai, in_amount = [], 0, 0, False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("- expr:") and ci < len(confidences):
            line += f"  # 置信度 {confidences[ci]}"
            ci += 1
        if stripped == "amount:":
            in_amount = True
        if in_amount and stripped.startswith("formula:") and ai < len(amounts):
            line += f"  # 置信度 {amounts[ai]}"
            ai += 1
            in_amount = False
        out.append(line)
    notes = ["", f"# 待人工处理（{len(draft['manual'])} 句，未能转换为规则）："]
    notes += [f"#   第 {m['clause']} 款：{m['text']}" for m in draft["manual"]]
    if draft.get("assistant"):
        notes.append(f"# 助手建议（{len(draft['assistant'])} 条，未采纳，须人工确认后再写入规则）：")
        for p in draft["assistant"]:
            shown = p.get("expr") or p.get("error")
            notes.append(f"#   第 {p['clause']} 款：{shown}（{p['kind']}，助手置信度 {p.get('confidence', '—')}）")
    return header + "\n".join(out + notes) + "\n"
