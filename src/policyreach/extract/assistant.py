"""The optional assistant: an OpenAI-compatible chat-completions endpoint asked to propose rules for the
sentences the grammar flagged for a person.

Off unless ``POLICYREACH_ASSISTANT_URL`` is set; never needed by tests or the demo (tests run a fake local
server). Only flagged sentences are sent. Whatever comes back is parsed as JSON and every expression goes
through our own rules parser and type checker against the schema before it is offered; a proposal is marked
``assistant`` with its own confidence (the model's, capped at ``MAX_CONFIDENCE`` so that it always ranks below
the grammar's), lands in the draft's review notes and never in the benefits: a person accepts it or not.
The stdlib's urllib is used on purpose: no HTTP client is a runtime dependency of the platform.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any

from policyreach import settings
from policyreach.rules.errors import RuleError
from policyreach.rules.language import Env, check_amount, check_condition, parse_expression
from policyreach.rules.schema import Schema

MAX_CONFIDENCE = 0.6
SYSTEM = """你是政策条款规则起草助手。把一句中国惠企政策条款改写为规则表达式（类 Python 的安全子集）。
只用下列属性名；年度属性写作 name[last_year]、name[this_year]、name[years_ago(2)]；金额单位为万元；
比较用 >= > <= < == !=，组合用 and or not，集合用 in [...]，函数 min max ratio startswith tier years_ago。
只回答一个 JSON 对象，不要任何解释：
{"conditions": ["表达式", ...], "amount": "金额公式或 null", "confidence": 0 到 1 之间的数}
无法写成规则时回答 {"conditions": [], "amount": null, "confidence": 0}。
属性：
"""


class AssistantError(Exception):
    """The endpoint failed or answered something that is not a valid, type-checked proposal."""


@dataclass(frozen=True)
class AssistantConfig:
    url: str
    model: str = "default"
    key: str | None = None
    timeout: float = 30.0

    @property
    def endpoint(self) -> str:
        base = self.url.rstrip("/")
        return base if base.endswith("/chat/completions") else f"{base}/chat/completions"


@dataclass
class Proposal:
    clause: str
    text: str
    conditions: list[str] = field(default_factory=list)
    amount: str | None = None
    confidence: float = 0.0
    kind: str = "assistant"  # always: proposed by the assistant, to be confirmed by a person


def config_from_env() -> AssistantConfig | None:
    url = settings.assistant_url()
    return AssistantConfig(url, settings.assistant_model(), settings.assistant_key()) if url else None


def _attributes(schema: Schema) -> str:
    lines = []
    for name, attr in schema.attributes.items():
        unit = f"，单位{attr.unit}" if attr.unit else ""
        yearly = "，按年度" if attr.yearly else ""
        codes = f"，取值见代码集 {attr.codeset}" if attr.codeset else ""
        lines.append(f"- {name}：{attr.label}（{attr.type.value}{unit}{yearly}{codes}）")
    for name, derived in schema.derived.items():
        lines.append(f"- {name}：{derived.label}（{derived.type.value}）")
    return "\n".join(lines)


def _ask(config: AssistantConfig, messages: list[dict[str, str]]) -> str:
    body = json.dumps({"model": config.model, "messages": messages, "temperature": 0}).encode("utf-8")
    headers = {"Content-Type": "application/json"}
    if config.key:
        headers["Authorization"] = f"Bearer {config.key}"
    request = urllib.request.Request(config.endpoint, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=config.timeout) as response:  # the configured URL only
            answer = json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        raise AssistantError(f"助手服务返回 HTTP {exc.code} (assistant endpoint answered HTTP {exc.code})") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise AssistantError(f"无法连接助手服务：{exc} (cannot reach the assistant endpoint)") from exc
    except json.JSONDecodeError as exc:
        raise AssistantError("助手服务的响应不是 JSON (the endpoint's response is not JSON)") from exc
    try:
        return str(answer["choices"][0]["message"]["content"])
    except (KeyError, IndexError, TypeError) as exc:
        raise AssistantError("助手服务的响应缺少 choices[0].message.content (not a chat-completions response)") from exc


def parse_proposal(content: str, env: Env, clause: str, text: str) -> Proposal:
    """The model's answer as a proposal whose every expression parses and type-checks; else AssistantError."""
    cleaned = re.sub(r"^```(?:json)?\s*|\s*```$", "", content.strip())
    try:
        data: Any = json.loads(cleaned)
    except json.JSONDecodeError as exc:
        raise AssistantError(f"助手的回答不是 JSON：{content[:80]!r} (the answer is not JSON)") from exc
    if not isinstance(data, dict) or not isinstance(data.get("conditions", []), list):
        raise AssistantError("助手的回答应为含 conditions 列表的 JSON 对象 (expected an object with a conditions list)")
    conditions = data.get("conditions") or []
    amount = data.get("amount")
    confidence = data.get("confidence", 0)
    if not all(isinstance(c, str) for c in conditions) or not (amount is None or isinstance(amount, str | int | float)):
        raise AssistantError("助手回答中的条件和金额应为字符串表达式 (conditions and amount must be expressions)")
    if not isinstance(confidence, int | float) or isinstance(confidence, bool) or not 0 <= confidence <= 1:
        raise AssistantError("助手回答的 confidence 应为 0 到 1 之间的数 (confidence must be a number in [0, 1])")
    for expr in conditions:
        try:
            check_condition(parse_expression(expr, env))
        except RuleError as exc:
            raise AssistantError(
                f"助手建议的条件 {expr!r} 未通过规则检查：{exc} (proposed condition rejected)"
            ) from exc
    if amount is not None:
        amount = str(amount)
        try:
            check_amount(parse_expression(amount, env))
        except RuleError as exc:
            raise AssistantError(f"助手建议的金额 {amount!r} 未通过规则检查：{exc} (proposed amount rejected)") from exc
    return Proposal(clause, text, list(conditions), amount, round(min(float(confidence), MAX_CONFIDENCE), 2))


def propose(config: AssistantConfig, schema: Schema, clause: str, text: str) -> Proposal:
    """Ask the endpoint about one flagged sentence; the answer is checked before it is returned."""
    messages = [
        {"role": "system", "content": SYSTEM + _attributes(schema)},
        {"role": "user", "content": f"条款（第 {clause} 款）：{text}"},
    ]
    return parse_proposal(_ask(config, messages), Env(schema=schema), clause, text)


def review_flagged(draft: dict[str, Any], config: AssistantConfig, schema: Schema) -> dict[str, Any]:
    """Add the assistant's proposals for every flagged sentence to ``draft['assistant']``; a failure is recorded
    beside its sentence with the reason, so the officer sees what was asked and why nothing came back."""
    notes = []
    for item in draft["manual"]:
        try:
            p = propose(config, schema, item["clause"], item["text"])
        except AssistantError as exc:
            notes.append({"clause": item["clause"], "text": item["text"], "kind": "assistant", "error": str(exc)})
            continue
        for expr in p.conditions:
            notes.append(
                {"clause": p.clause, "text": p.text, "kind": "assistant", "expr": expr, "confidence": p.confidence}
            )
        if p.amount is not None:
            notes.append(
                {
                    "clause": p.clause,
                    "text": p.text,
                    "kind": "assistant",
                    "expr": f"金额 {p.amount}",
                    "amount": p.amount,
                    "confidence": p.confidence,
                }
            )
    draft["assistant"] = notes
    return draft
