"""Likely duplicates and similar past proposals: jieba segmentation and a short BM25 of our own.

Why our own BM25 rather than rank-bm25 or scikit-learn: the corpus is a few thousand short texts, the scoring is
twenty lines we can read and test, and it needs nothing beyond jieba (whose dictionary ships inside the wheel,
so nothing is downloaded). Two token streams are indexed together: jieba's words (search mode, which also
emits the shorter words inside long ones) and character bigrams of the Chinese runs, because paraphrases of
the same matter often share a two-character stem that jieba cuts differently (入托/托育, 电瓶车/电动车).
Boilerplate of proposals (关于…的建议, 建议, 提案) is stripped so that it does not make every pair look alike.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import jieba

jieba.setLogLevel(logging.WARNING)

# words every proposal uses; they say nothing about its matter
STOPWORDS = frozenset(
    re.split(
        r"\s+",
        """
关于 建议 提案 的 和 与 及 等 对 在 为 是 了 把 让 将 从 由 向 并 也 都 要 有 没有 一个 一些 我市 长春 长春市 全市 市
政府 部门 相关 有关 加强 加快 推进 推动 进一步 提升 提高 促进 完善 支持 做好 解决 问题 工作 发展 建设 实现 给予 目前
""".strip(),
    )
)
BOILERPLATE = re.compile(r"^关于|的(建议|提案)$|(建议|提案)$")
CHINESE_RUN = re.compile(r"[\u4e00-\u9fff]+")
WORD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+")


def tokens(text: str) -> list[str]:
    """Words (jieba search mode, stop words removed) and character bigrams of the Chinese runs."""
    words = [w for w in jieba.lcut_for_search(text) if WORD.fullmatch(w) and w not in STOPWORDS and len(w) > 1]
    bigrams = [f"#{run[i : i + 2]}" for run in CHINESE_RUN.findall(text) for i in range(len(run) - 1)]
    return words + bigrams


def proposal_text(title: str, *parts: str | None) -> str:
    """The text a proposal is compared on: its title (without 关于…的建议) twice, then its body."""
    core = BOILERPLATE.sub("", title.strip())
    return " ".join([core, core, *(p for p in parts if p)])


@dataclass
class Index:
    """BM25 (Okapi) over ``tokens``; k1 and b at their textbook values."""

    k1: float = 1.5
    b: float = 0.75
    ids: list[object] = field(default_factory=list)
    _docs: list[Counter[str]] = field(default_factory=list)
    _lengths: list[int] = field(default_factory=list)
    _df: Counter[str] = field(default_factory=Counter)

    def add(self, doc_id: object, text: str) -> None:
        counts = Counter(tokens(text))
        self.ids.append(doc_id)
        self._docs.append(counts)
        self._lengths.append(sum(counts.values()))
        self._df.update(counts.keys())

    def extend(self, items: Iterable[tuple[object, str]]) -> Index:
        for doc_id, text in items:
            self.add(doc_id, text)
        return self

    def _idf(self, term: str) -> float:
        n, df = len(self._docs), self._df.get(term, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def search(self, text: str, k: int = 3, *, exclude: Iterable[object] = ()) -> list[tuple[object, float]]:
        """The ``k`` best documents for ``text`` with their scores, best first (``exclude`` left out)."""
        if not self._docs:
            return []
        skip = set(exclude)
        query = Counter(tokens(text))
        average = sum(self._lengths) / len(self._lengths)
        weights = {term: self._idf(term) for term in query}
        scored: list[tuple[float, int]] = []
        for i, doc in enumerate(self._docs):
            if self.ids[i] in skip:
                continue
            norm = self.k1 * (1 - self.b + self.b * self._lengths[i] / average)
            score = 0.0
            for term, idf in weights.items():
                tf = doc.get(term)
                if tf:
                    score += idf * tf * (self.k1 + 1) / (tf + norm)
            if score > 0:
                scored.append((score, i))
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        return [(self.ids[i], round(score, 3)) for score, i in scored[:k]]
