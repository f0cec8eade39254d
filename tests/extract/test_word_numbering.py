"""A .docx typed with Word's automatic numbering holds no 第一条 or （一） in its text: the reader draws the labels as
Word does, so clauses keep their real numbers and rules cite them."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml

from policyreach.extract.documents import read_document
from policyreach.extract.draft import draft_policy
from policyreach.extract.word_numbering import chinese_counting, formatted

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.mark.parametrize(
    ("n", "text"),
    [
        *((1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一")),
        *((100, "一百"), (105, "一百零五"), (110, "一百一十"), (1000, "一千")),
    ],
)
def test_chinese_counting_writes_numbers_as_articles_are_numbered(n: int, text: str) -> None:
    assert chinese_counting(n) == text


def test_formats_word_draws() -> None:
    assert [formatted(3, f) for f in ("decimal", "ideographTraditional", "decimalEnclosedCircle", "upperLetter")] == [
        "3",
        "丙",
        "③",
        "C",
    ]
    assert formatted(12, "ideographLegalTraditional") == "拾贰" and formatted(2, "bullet") is None


def _level(ilvl: int, fmt: str, text: str) -> str:
    return f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'


def _numbered_document(path: Path) -> None:
    """第%1条 / （%2） / %3. in one list; a second list of the same definition that starts again at 1."""
    document = Document()
    numbering = document.part.numbering_part.element
    levels = _level(0, "chineseCounting", "第%1条") + _level(1, "chineseCounting", "（%2）")
    levels += _level(2, "decimal", "%3.")
    numbering.append(parse_xml(f'<w:abstractNum {W} w:abstractNumId="90">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    restart = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    numbering.append(parse_xml(f'<w:num {W} w:numId="91"><w:abstractNumId w:val="90"/>{restart}</w:num>'))

    def add(text: str, num: str | None = None, ilvl: int = 0) -> None:
        paragraph = document.add_paragraph(text)
        if num is not None:
            paragraph._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr {W}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>')
            )

    add("临江市促进科技创新若干政策")
    add("为加快建设创新型城市，制定本政策。", "90")
    add("对首次认定的国家高新技术企业，给予20万元一次性奖励。", "90")
    add("对新认定的市级研发机构，按以下标准给予支持：", "90")
    add("重点实验室给予30万元；", "90", 1)
    add("工程技术研究中心给予20万元。", "90", 1)
    add("", "90")  # an empty numbered paragraph takes 第四条 in Word too
    add("本政策自印发之日起施行，有效期三年。", "90")
    add("附：申报材料", None)
    add("申报书", "91")
    document.save(str(path))


def test_word_numbering_gives_articles_their_real_numbers(tmp_path: Path) -> None:
    path = tmp_path / "numbered.docx"
    _numbered_document(path)
    text = read_document(path)
    lines = [line for line in text.splitlines() if line.strip()]
    assert [line[:4] for line in lines[1:4]] == ["第一条为", "第二条对", "第三条对"]
    assert lines[4].startswith("（一）") and lines[5].startswith("（二）")
    assert lines[6].startswith("第五条") and lines[-1].startswith("第一条")  # the second list starts again
    draft = draft_policy(text, "numbered")
    cited = {b["amount"]["clause"]: b for b in draft["benefits"] if b.get("amount")}
    assert {"2", "3.1", "3.2"} <= set(cited), sorted(cited)


def test_numbering_in_a_paragraphs_style(tmp_path: Path) -> None:
    """A heading style linked to a list numbers each paragraph of that style."""
    document = Document()
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(f'<w:abstractNum {W} w:abstractNumId="80">{_level(0, "chineseCounting", "%1、")}</w:abstractNum>')
    )
    numbering.append(parse_xml(f'<w:num {W} w:numId="80"><w:abstractNumId w:val="80"/></w:num>'))
    style = document.styles["Heading 2"]
    style.element.get_or_add_pPr().append(parse_xml(f'<w:numPr {W}><w:ilvl w:val="0"/><w:numId w:val="80"/></w:numPr>'))
    document.add_paragraph("支持对象", style="Heading 2")
    document.add_paragraph("在本市注册的企业。")
    document.add_paragraph("支持标准", style="Heading 2")
    path = tmp_path / "styled.docx"
    document.save(str(path))
    lines = [line for line in read_document(path).splitlines() if line.strip()]
    assert lines[0].startswith("一、") and not lines[1].startswith("二") and lines[2].startswith("二、")
