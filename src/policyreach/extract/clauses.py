"""Split a policy document into numbered clauses (第X条, 一、, （一）, 1.), keeping every sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from policyreach.extract.numbers import CN

HEADING = re.compile(rf"^\s*(第[{CN}\d]+条|[{CN}]+、|[（(][{CN}\d]+[)）]|\d+[.．、])\s*")


@dataclass(frozen=True)
class Clause:
    ref: str  # "1", "2", "2.1" …
    number: str  # as written: 第二条, 一、, （一）
    text: str


def split_clauses(document: str) -> list[Clause]:
    """Every non-empty line belongs to a clause; a line without a heading continues the previous one."""
    clauses: list[Clause] = []
    top = sub = 0
    for raw in document.splitlines():
        line = raw.strip()
        if not line:
            continue
        heading = HEADING.match(line)
        if heading is None:
            if clauses:
                last = clauses[-1]
                clauses[-1] = Clause(last.ref, last.number, last.text + line)
            else:
                clauses.append(Clause("0", "", line))
            continue
        number = heading.group(1)
        if number.startswith(("（", "(")) or re.match(r"\d", number):
            sub += 1
            ref = f"{max(top, 1)}.{sub}"
        else:
            top, sub = top + 1, 0
            ref = str(top)
        clauses.append(Clause(ref, number, line))
    return clauses


TIER_PIECE = re.compile(
    r"(?:以上|以下|至\d+[^；;，,]{0,4}?|不足\d+[^；;，,]{0,2}?|不低于\d+%)的[，,]?\s*"
    r"(?:给予|奖励|补助|返还|补贴|奖补)?\d+(?:\.\d+)?万元"
)


def sentences(text: str) -> list[str]:
    """A clause's sentences (split at 。 and ；), without empty pieces; a tier list ("X以上的，Y；Z以上的，W")
    separated by ； stays one sentence, since its bands only make sense together."""
    out: list[str] = []
    for sentence in re.split(r"。", text):
        if len(TIER_PIECE.findall(sentence)) >= 2:
            out.append(sentence.strip())
        else:
            out += [s.strip() for s in re.split(r"[；;]", sentence)]
    return [s for s in out if s]
