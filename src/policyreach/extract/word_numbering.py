"""The labels Word draws in front of automatically numbered paragraphs (第一条, 一、, （一）, 1.), which a .docx does
not hold as text: without them a policy typed with Word's numbering loses every article number, and rules cite the
wrong clauses.

A paragraph names a list (``numId``) and a level (``ilvl``), directly or through its style; the list's abstract
definition gives each level a start, a number format and a label template (``第%1条``, ``（%2）``). Counters are kept
per list and level in document order, a level's counter restarting when a shallower level of its list advances, as
Word draws them (ECMA-376 Part 1, 17.9). Formats without a drawn number (bullets, none) give no label.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from docx.oxml.ns import qn

DIGITS = "〇一二三四五六七八九"
_ROMAN: tuple[tuple[int, str], ...] = (
    *((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL")),
    *((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")),
)
_TEN_STEMS = "甲乙丙丁戊己庚辛壬癸"
_LEGAL = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")


def chinese_counting(n: int) -> str:
    """一 … 十, 十一, 二十, 一百零五: how Word writes ``chineseCounting`` (and the articles of a Chinese policy)."""
    if n <= 0:
        return str(n)
    if n >= 10_000:
        return str(n)
    parts: list[str] = []
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            if zero:
                parts.append("零")
            parts.append(DIGITS[digit] + unit)
            zero = False
        elif parts:
            zero = True
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text  # 十一, not 一十一


def _letters(n: int) -> str:
    # Word repeats the letter: A … Z, AA … ZZ, AAA
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _roman(n: int) -> str:
    out = []
    for value, numeral in _ROMAN:
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def formatted(n: int, fmt: str) -> str | None:
    """``n`` in Word's number format ``fmt``; None for a format that draws no number (bullet, none)."""
    if fmt in ("bullet", "none"):
        return None
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return chinese_counting(n)
    if fmt in ("ideographLegalTraditional", "chineseLegalSimplified"):
        return chinese_counting(n).translate(_LEGAL)
    if fmt == "ideographDigital" or fmt == "taiwaneseDigital":
        return "".join(DIGITS[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return _TEN_STEMS[(n - 1) % 10] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}."
    if fmt == "ideographEnclosedCircle":
        return chr(0x3220 + n - 1) if 1 <= n <= 10 else f"（{chinese_counting(n)}）"
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return str(n)  # decimal, and any format we do not know: the number itself rather than nothing


class _Level:
    def __init__(self, element: Any) -> None:
        self.start = _int(element.find(qn("w:start")), 1)
        fmt = element.find(qn("w:numFmt"))
        self.fmt = fmt.get(qn("w:val")) if fmt is not None else "decimal"
        text = element.find(qn("w:lvlText"))
        self.text = text.get(qn("w:val")) if text is not None else ""
        self.legal = element.find(qn("w:isLgl")) is not None  # the deeper levels' numbers drawn as decimals


def _int(element: Any, default: int) -> int:
    value = element.get(qn("w:val")) if element is not None else None
    return int(value) if value is not None and value.lstrip("-").isdigit() else default


class WordNumbering:
    """Labels of a document's numbered paragraphs, asked in document order (the counters advance as they are asked)."""

    def __init__(self, document: Any) -> None:
        self._levels: dict[str, dict[int, _Level]] = {}  # numId → ilvl → its level
        self._counters: dict[str, dict[int, int]] = {}
        self._shared: dict[str, str] = {}  # numId → whose counters it advances
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return  # a document without numbering.xml
        abstract = {
            a.get(qn("w:abstractNumId")): {_level_of(lvl): _Level(lvl) for lvl in a.findall(qn("w:lvl"))}
            for a in numbering.findall(qn("w:abstractNum"))
        }
        for num in numbering.findall(qn("w:num")):
            num_id = num.get(qn("w:numId"))
            abstract_id = _val(num.find(qn("w:abstractNumId")))
            levels = dict(abstract.get(abstract_id, {}))
            # lists of one definition continue one another's numbers, as Word draws them, unless one starts again
            restarts = num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}") is not None
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = _level_of(override)
                replaced = override.find(qn("w:lvl"))
                if replaced is not None:
                    levels[ilvl] = _Level(replaced)
                start = override.find(qn("w:startOverride"))
                if start is not None and ilvl in levels:
                    levels[ilvl] = copy.copy(levels[ilvl])
                    levels[ilvl].start = _int(start, 1)
            if num_id is not None:
                self._levels[num_id] = levels
                self._shared[num_id] = num_id if restarts else f"abstract:{abstract_id}"

    def label(self, paragraph: Any) -> str:
        """The label Word draws before ``paragraph`` ("" for none), advancing its list's counters."""
        num_id, ilvl = self._numbering_of(paragraph)
        if num_id is None or num_id == "0" or num_id not in self._levels:
            return ""
        ilvl = ilvl or 0
        levels = self._levels[num_id]
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self._counters.setdefault(self._shared[num_id], {})
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # a deeper level starts again under the next item of this one

        def number(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            shown = levels.get(at)
            if shown is None:
                return ""
            value = counters.get(at, shown.start)
            fmt = "decimal" if level.legal and at < ilvl else shown.fmt
            return formatted(value, fmt) or ""

        if formatted(counters[ilvl], level.fmt) is None:
            return ""
        return re.sub(r"%(\d)", number, level.text)

    def _numbering_of(self, paragraph: Any) -> tuple[str | None, int | None]:
        num_pr = _num_pr(paragraph._p.pPr)
        if num_pr is not None:
            return num_pr
        style = paragraph.style
        while style is not None:  # a heading style linked to a list numbers every paragraph of that style
            found = _num_pr(style.element.pPr)
            if found is not None:
                return found
            style = style.base_style
        return None, None


def _level_of(element: Any) -> int:
    value = element.get(qn("w:ilvl"), "0")
    return int(value) if value.isdigit() else 0


def _val(element: Any) -> str | None:
    return element.get(qn("w:val")) if element is not None else None


def _num_pr(p_pr: Any) -> tuple[str | None, int | None] | None:
    num_pr = p_pr.find(qn("w:numPr")) if p_pr is not None else None
    if num_pr is None:
        return None
    num_id = _val(num_pr.find(qn("w:numId")))
    ilvl = _val(num_pr.find(qn("w:ilvl")))
    return num_id, int(ilvl) if ilvl is not None and ilvl.isdigit() else None
