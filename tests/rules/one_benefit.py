"""A policy file with one benefit, made from hand-written conditions and an amount formula (rules and engine tests)."""

from __future__ import annotations

from policyreach.rules.library import Library, add_policy_file
from policyreach.rules.schema import Schema

POLICY = """\
id: t
title: 测试政策
issuer: 测试局
level: city
region: "220100"
valid_from: 2024-01-01
source: 测试
clauses: {{"1": 第一条 测试条款。}}
benefits:
  - id: b
    title: 测试事项
    kind: subsidy
    payout: cash
    department: 测试局
    conditions:
{conditions}
    amount: {{formula: "{amount}", clause: "1"}}
    application: {{department: 测试局, channel: 网上}}
"""


def library_of(schema: Schema, conditions: list[str], amount: str = "10") -> Library:
    body = "\n".join(f'      - {{expr: "{c}", clause: "1"}}' for c in conditions)
    library = Library(schema=schema)
    add_policy_file(library, "t.yaml", POLICY.format(conditions=body, amount=amount))
    return library
