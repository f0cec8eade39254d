"""Scoring drafted rules against the labelled set (tests/extract/labelled/README.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

FLIP = {">=": "<=", "<=": ">=", ">": "<", "<": ">", "==": "==", "!=": "!="}


def normalise(expr: str) -> str:
    text = re.sub(r"\s+", "", expr)

    def number(m: re.Match[str]) -> str:
        try:
            return format(Decimal(m.group(0)).normalize(), "f")
        except InvalidOperation:
            return m.group(0)

    text = re.sub(r"(?<![\w\[])\d+(?:\.\d+)?", number, text)
    # min and max do not depend on the order of their arguments: min(a, b, c) is min(c, a, b)
    text = _unordered(text)
    # string lists are sets (README): ["小","微"] is ["微","小"]
    text = re.sub(
        r'\[("[^"\]]*"(?:,"[^"\]]*")*)\]', lambda m: "[" + ",".join(sorted(m.group(1).split(","))) + "]", text
    )
    # startswith(code, ["C27"]) is startswith(code, "C27"): a list of one prefix is that prefix
    text = re.sub(r'(startswith\([^,()]+,)\[("[^"\]]*")\]\)', r"\1\2)", text)
    if m := re.fullmatch(r"(.+?)(>=|<=|==|!=|>|<)(.+)", text):
        left, op, right = m.groups()
        flipped = f"{right}{FLIP[op]}{left}"
        return min(text, flipped)
    return text


def _split_arguments(inner: str) -> list[str]:
    """The top-level arguments of a call's inside (commas inside nested brackets belong to their argument)."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(inner):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(inner[start:i])
            start = i + 1
    return [*parts, inner[start:]]


def _unordered(text: str) -> str:
    """Every min(...) and max(...) with its arguments (themselves normalised so) in sorted order."""
    out, i = [], 0
    while m := re.compile(r"\b(min|max)\(").search(text, i):
        depth, j = 1, m.end()
        while j < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[j], 0)
            j += 1
        if depth:  # unbalanced: left as written
            break
        args = sorted(_unordered(a) for a in _split_arguments(text[m.end() : j - 1]))
        out.append(text[i : m.start()] + f"{m.group(1)}(" + ",".join(args) + ")")
        i = j
    return "".join(out) + text[i:]


@dataclass
class Tally:
    right: int = 0
    extracted: int = 0
    expected: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0


@dataclass
class Score:
    conditions: Tally = field(default_factory=Tally)
    amounts: Tally = field(default_factory=Tally)
    dropped: int = 0

    def add(
        self,
        expected_conditions: list[str],
        got_conditions: list[str],
        expected_amount: str | None,
        got_amount: str | None,
        manual_expected: list[str],
        manual_got: list[str],
    ) -> None:
        want = [normalise(c) for c in expected_conditions]
        got = [normalise(c) for c in got_conditions]
        self.conditions.expected += len(want)
        self.conditions.extracted += len(got)
        pool = list(want)
        for g in got:
            if g in pool:
                pool.remove(g)
                self.conditions.right += 1
        if expected_amount is not None:
            self.amounts.expected += 1
        if got_amount is not None:
            self.amounts.extracted += 1
            if expected_amount is not None and normalise(got_amount) == normalise(expected_amount):
                self.amounts.right += 1
        if manual_expected and not (manual_got or got):
            self.dropped += 1
