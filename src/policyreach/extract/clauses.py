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


def sentences(text: str) -> list[str]:
    """A clause's sentences (split at 。；), without empty pieces."""
    return [s.strip() for s in re.split(r"[。；;]", text) if s.strip()]
