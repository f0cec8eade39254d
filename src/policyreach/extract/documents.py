"""Policy documents as text: plain text, Word (.docx), PDF (its text layer, read with pypdf), a government web
page (.html), or pasted text; then the artefacts of a PDF copy are undone (``normalise``)."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from policyreach.extract.clauses import ARTICLE, heading
from policyreach.extract.word_numbering import WordNumbering
from policyreach.workbooks import UnreadableFile, check_zip, decode_text

CJK = r"\u3400-\u9fff"
# (and the full-width ％ a figure ends with: the readings of shares, bands and stages look for %)
FULL_DIGITS = str.maketrans("０１２３４５６７８９％", "0123456789%")
# full-width Latin letters (ＬＰＲ, ＩＳＯ９００１, ＧＭＰ) are the half-width names the readings look for: a page typed
# on a full-width keyboard otherwise hides an LPR subsidy's rate under letters no reading knows
FULL_WIDTH_LATIN = str.maketrans(
    "".join(chr(c) for c in [*range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]),
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
)


def normalise(text: str) -> str:
    """Undo what copying from a PDF does to Chinese text, keeping the document's own line breaks:
    spaces inside words and numerals ("高新技 术", "5 000万元", "第 一 条"), full-width digits, half-width
    punctuation between Chinese characters, page numbers on lines of their own, full-width spaces lost as "?"."""
    text = (
        unicodedata.normalize("NFC", text)
        .translate(FULL_DIGITS)
        .translate(FULL_WIDTH_LATIN)
        .replace("\r\n", "\n")
        .replace("\r", "\n")
    )
    # a full-width point inside a figure (１．５万元, ０．０１元) is its decimal point (left, 1．5 reads as 5); an
    # item's number at a line's start (１．对…, ２．５００万美元以上的) keeps its ．
    text = re.sub(r"(?m)(?<=[^\d\s])(\d+)．(?=\d)", r"\1.", text)
    # a web page's other spaces (&ensp; &emsp; &thinsp;) are spaces, and its zero-width ones (an editor's, a BOM) are
    # nothing: inside a figure or a title they split it (5&ensp;000万元, 高新技术\u200b企业)
    text = re.sub(r"[\u2000-\u200a\u202f\u205f]", " ", re.sub(r"[\u200b-\u200d\u2060\ufeff]", "", text))
    lines = []
    merged = ""  # the first cell of the last row of a tab-separated table that had one
    raw = [ln.replace("\u3000", " ").strip() for ln in text.split("\n")]
    # a copy whose page numbers are marked (— 3 —, 第3页) shows a bare number on its own line only as a table's cell
    # (its 序号 or its sum, when a PDF's table comes out one cell a line): not a page number to drop
    marked = any(PAGE_NUMBER.fullmatch(ln) and not ln.isdigit() for ln in raw)
    for at, line in enumerate(text.split("\n")):
        if "\t" in line:
            # a table pasted from Word as tab-separated text shows a cell merged down its first column on its first
            # row only; the rows after it start with a tab, and that cell is theirs too (自建海外仓 for the
            # row of 2000—5000平方米): without it the row reads as another kind's, or as no kind at all
            cells = line.replace("\u3000", " ").split("\t")
            if cells[0].strip():
                merged = cells[0].strip() if re.search(r"\d", line) else ""
            elif merged and len(cells) > 2 and any(c.strip() for c in cells):
                line = merged + line
        else:
            merged = ""
        # a WeChat or news page's bold (**第三条 股改奖励。**) pasted as its markdown markers: they would hide the
        # 第X条 every article starts with, and the whole page would be read as one clause
        line = line.replace("\u3000", " ").replace("\xa0", " ").replace("**", "").strip()
        # a half-width ? at a line's start or inside Chinese text is a full-width space a copy lost (??第一条?本办法):
        # Chinese writes its questions with ？, and a policy's articles ask none
        line = re.sub(rf"^\?+|(?<=[{CJK}])\?+(?=[{CJK}\d])", " ", line).strip()
        if PAGE_NUMBER.fullmatch(line) and not (line.isdigit() and (marked or _table_cell(raw, at))):
            continue  # a page number
        # spaces between Chinese characters and digits are layout, not words (a tab parts a table's cells: kept)
        line = re.sub(rf"(?<=[{CJK}\d（）()《》“”、，。％%]) +(?=[{CJK}\d（）()《》“”、，。％%])", "", line)
        # a figure written half in words as a news page writes it (5千万元, 3百万元, 5千元): in digits, as the
        # document's other sums are (read as 千万 alone, 5千万元 was 1000万元)
        line = re.sub(r"(\d+(?:\.\d+)?)([千百])(?=万|元)", _in_digits, line)
        # thousands separators (1,000万元, 5,000元) would split a number in two; a list (1,2,3) has no 3-digit groups
        line = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", line)
        # half-width punctuation inside Chinese text, as Chinese text writes it
        line = re.sub(rf"(?<=[{CJK}]),(?=\S)|(?<=\S),(?=[{CJK}])", "，", line)
        line = re.sub(rf"(?<=[{CJK}\d]);", "；", line)
        # (首次认定奖励.对…: a half-width full stop after Chinese text ends a sentence as 。 does; 一.总体要求 keeps
        # its number's stop)
        numeral = "[一二三四五六七八九十]"
        line = re.sub(rf"(?<!^{numeral})(?<!^{numeral}{{2}})(?<=[{CJK}])\.(?=[{CJK}（]|$)", "。", line)
        line = re.sub(rf"\((?=[{CJK}\d])", "（", line)
        line = re.sub(rf"(?<=[{CJK}\d])\)", "）", line)
        lines.append(line)
    return "\n".join(_cell_rows(_running_heads(_pasted(_without_interpretation(lines))))).strip("\n")


# the title of a 解读 (an interpretation of the policy) a page carries after the policy's text: 《…》政策解读,
# 关于…的解读, 政策解读, 【图解】…, 一图读懂…; its other forms: 《…》政策问答, 常见问题解答, 关于《…》的起草说明,
# …负责同志就《…》答记者问
INTERPRETATION = re.compile(
    r"(?:【[^】]{0,8}】)?(?:《[^》]{2,80}》|关于[^，。；]{2,80}的)?(?:政策|文件|常见问题|热点问题)?"
    r"(?:解读|问答|一问一答|解答|起草说明)(?:材料)?"
    r"|(?:【图解】|一图读懂)[^，。；]{0,80}|[^，。；]{0,80}答记者问"
    # (a page's questions and answers repeat the sums too: 常见问题, 热点问题 alone as a title)
    r"|(?:常见|热点)问题"
)
# a question and answer with no title before it (1．问：…？ then 答：…)
INTERPRETATION_QUESTION = re.compile(r"(?:\d{1,2}[．.、]\s*|[一二三四五六七八九十]{1,3}、\s*)?问[：:]")


def _without_interpretation(lines: list[str]) -> list[str]:
    """A page that publishes a policy often carries its 解读 below it, repeating the articles' sums in its own
    numbering (二、主要内容 …分别可获得5万元…): read as clauses they would be second benefits, and a summary's
    最高可获得50万元 one with no condition at all. The text ends at the 解读's title once an article has begun, or at
    a first question answered below it (问：…答：…)."""
    begun = False
    for at, line in enumerate(lines):
        if begun and INTERPRETATION.fullmatch(line):
            return lines[:at]
        if begun and INTERPRETATION_QUESTION.match(line):
            answer = next((later for later in lines[at + 1 :] if later.strip()), "")
            if re.match(r"答[：:]", answer) or re.search(r"[？?]\s*答[：:]", line):
                return lines[:at]
        begun = begun or heading(line) is not None
    return lines


# a pasted page's section heading (【二、推动企业上市】) and its bullets (▲ ● ◆, emoji) for a document's （一）（二）
SECTION = re.compile(r"【([^【】]{1,30})】")
BULLET = re.compile(r"([▲△●○◆◇■□★☆▶►▸•▪➤➢✔✅👉🔹🔸🔶🔷◎※])\s*")
KEYCAP = re.compile(r"(\d{1,2})\ufe0f?\u20e3\s*")


def _pasted(lines: list[str]) -> list[str]:
    """A page pasted from a WeChat article or a news site (its editor's layout, not the document's): a heading in
    【】 alone on its line groups 第X条 articles as a chapter would (its 一、 would otherwise open an item of the
    article above it), or, in a document without articles, is the heading it holds; lines that start with one
    bullet under one heading are its items, numbered one level below it (（一） under 第X条 or 一、, 1. under （一）).
    Bullets right after a grouping heading belong to no article (a 附则's paragraphs): the bullet alone is dropped."""
    articles = any(ARTICLE.match(line) for line in lines)
    out: list[str] = []
    sections = 0
    grouped = False  # since the last grouping heading, no article has opened
    run: tuple[str, int] = ("", 0)  # the bullet under the current heading and how many lines have had it
    parent = "article"  # the kind of the heading the bullets stand under
    for at, line in enumerate(lines):
        line = KEYCAP.sub(r"\1.", line) if KEYCAP.match(line) else line
        if section := SECTION.fullmatch(line):
            title = section.group(1).strip()
            if articles:
                sections += 1
                out.append(f"第{sections}部分 " + re.sub(r"^[\u3400-\u9fff]{1,3}[、．.]\s*", "", title))
                grouped = True
            else:
                out.append(title)
            run, parent = ("", 0), "article"
            continue
        found = heading(line)
        if articles and found and found[0] == "chinese" and len(line) <= 20 and not re.search(r"[。，,；;：:]", line):
            # 一、推动企业上市 as the page's bold section title, between 第X条 articles: it groups them (right before
            # an article, or, once such titles were seen, after the last article: the 附则's bare paragraphs)
            # (numbered on from the titles before it: an item titled 一、 inside an article starts again at 一)
            following = next((ln for ln in lines[at + 1 :] if ln), "")
            last = not any(ARTICLE.match(ln) for ln in lines[at + 1 :])
            if found[1] == sections + 1 and (ARTICLE.match(following) or (sections and last)):
                sections += 1
                out.append(f"第{sections}部分 " + re.sub(r"^[\u3400-\u9fff]{1,3}[、．.]\s*", "", line))
                grouped, run, parent = True, ("", 0), "article"
                continue
        bullet = BULLET.match(line)
        if bullet is None:
            if found:
                # (a line without a heading continues the item a page's width broke: the run goes on)
                run, parent = ("", 0), found[0]
            if line:
                grouped = grouped and ARTICLE.match(line) is None
            out.append(line)
            continue
        rest = line[bullet.end() :]
        if heading(rest) is not None or grouped:
            out.append(rest)
            continue
        mark = bullet.group(1)
        count = run[1] + 1 if run[0] == mark else 1
        run = (mark, count)
        block = []  # the lines after it under the same heading
        for following in lines[at + 1 :]:
            if heading(following) or SECTION.fullmatch(following):
                break
            block.append(following)
        # a lone bullet (no other line under its heading starts with it) numbers nothing
        if count == 1 and not any(ln.startswith(mark) for ln in block):
            out.append(rest)
        elif parent == "paren_chinese":
            out.append(f"{count}.{rest}")
        elif parent in ("arabic", "paren_arabic", "circled"):
            out.append(f"（{count}）{rest}")
        else:
            out.append(f"（{CN_NUMERALS[count - 1]}）{rest}")
    return out


CN_NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"] + [f"十{n}" for n in "一二三四五六七八九"]


def _in_digits(m: re.Match[str]) -> str:
    value = Decimal(m.group(1)) * (1000 if m.group(2) == "千" else 100)
    return format(value.normalize(), "f")


def _table_cell(raw: list[str], at: int) -> bool:
    """A bare number where page numbers are bare too: a table's cell when it stands among short cells below a
    table's header (序号, or a sum's column with its unit: 奖励金额（万元）), unless the line after it starts a page
    (a line the document repeats, its running header)."""
    start = at  # back over the run of short lines (cells, a page's break and header among them) it stands in
    while start > 0 and at - start < 40 and (not raw[start - 1] or CELL.fullmatch(raw[start - 1])):
        start -= 1
    before = [ln for ln in raw[start:at] if ln]
    after_at = next((i for i in range(at + 1, len(raw)) if raw[i]), len(raw))
    after = raw[after_at] if after_at < len(raw) else ""
    header = any(ln == "序号" or UNIT_COLUMN.search(ln) for ln in before)
    # the table's last row's last cell, the next article right after it (…大型科研仪器共享服务 / 20% / 5 / 第七条…); a
    # page's number after a bare cell of the last row stays a page's number
    opens = heading(after)
    last = bool(before) and opens is not None and opens[0] == "article" and not before[-1].isdigit()
    cells = bool(before) and all(CELL.fullmatch(ln) and heading(ln) is None for ln in (before[-1], after))
    return header and (cells or last) and not _repeated_as_running_head(raw, after_at)


def _repeated_as_running_head(raw: list[str], at: int) -> bool:
    """A line repeated in the copy is a page's running header when it stands at a page's top each time: first in the
    copy, or after a blank line or a page's number. A row's name that two tables share (检验检测服务 under 服务内容,
    and again under 补助比例) stands after the cells of the row before it."""
    line = raw[at] if at < len(raw) else ""
    if line.isdigit() or raw.count(line) < 2:
        return False
    tops = [i for i, ln in enumerate(raw) if ln == line and i != at]
    return all(i == 0 or not raw[i - 1] or PAGE_NUMBER.fullmatch(raw[i - 1]) for i in tops)


PAGE_NUMBER = re.compile(r"[-—–\s]*\d{1,3}[-—–\s]*|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d{1,3}\s*/\s*\d{1,3}")
TABLE_TITLE = re.compile(r"(?:标准|表|清单|附件\s*\d*)(?:如下)?[：:]?$")
# a short cell of a table: no sentence inside it, no tab (a row already whole)
CELL = re.compile(r"[^。；;，,：:\t]{1,24}")
# a column of a table's header that states its sums' unit in brackets (奖励金额（万元）, 年度补助上限（万元）)
UNIT_COLUMN = re.compile(r"[（(](?:万元|元|万美元)[^）)]{0,6}[）)]$")


def _cell_rows(lines: list[str]) -> list[str]:
    """A table a PDF copied out one cell a line (序号 / 类别 / 奖励金额（万元） / 1 / 国家知识产权示范企业 / 50 / 2 …)
    put back in rows, cells apart by a tab, as a table pasted from Word reads: otherwise each cell is a line of its
    own and no row names its sum. The header is a run of cells without figures right after a table's title (…标准,
    …表, 附件) or starting at 序号; each row after it has as many cells, with figures in the first row's places."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        # (the title's last words may be broken over two lines by the page's width: 标准 / 如下：)
        titled = i > 0 and TABLE_TITLE.search("".join(lines[max(0, i - 2) : i])) is not None
        span = 0  # the header's lines, a page's break (a blank line) among them
        while i + span < len(lines) and (
            (CELL.fullmatch(lines[i + span]) and not re.search(r"\d", lines[i + span]))
            or (span and not lines[i + span])
        ):
            span += 1
            if UNIT_COLUMN.search(lines[i + span - 1]) and lines[i + span : i + span + 1] != [""]:
                break  # 年度补助上限（万元）: the sums' column ends the header; a row's name (研究开发服务) follows it
        header = [c for c in lines[i : i + span] if c]
        width = len(header)
        if not (
            2 <= width <= 6
            and (titled or header[0] == "序号")
            and heading(header[0]) is None
            and not TABLE_TITLE.search(header[0])  # the table's own title above its header
        ):
            out.append(lines[i])
            i += 1
            continue
        cells = lines[i + span :]
        rows: list[list[str]] = []
        j = 0  # lines read after the header, blank ones (a page's break) included
        shape: list[bool] | None = None
        while True:
            row: list[str] = []
            k = j
            while len(row) < width and k < len(cells):
                if cells[k]:
                    row.append(cells[k])
                k += 1
            figures = [bool(re.search(r"\d", c)) for c in row]
            if len(row) < width or not all(CELL.fullmatch(c) and heading(c) is None for c in row) or not any(figures):
                break
            if shape is None:
                shape = figures
            if figures != shape:
                break
            rows.append(row)
            j = k
        if any(re.search(r"\d", c) and CELL.fullmatch(c) for c in [c for c in cells[j:] if c][:1]):
            rows = []  # a cell left over (a page number read as one): the rows are not sure, left as they were
        if not rows:
            out.append(lines[i])
            i += 1
            continue
        out += ["\t".join(header), *("\t".join(r) for r in rows)]
        i += span + j
    return out


def _running_heads(lines: list[str]) -> list[str]:
    """Lines a printed page repeats (东岭市人民政府行政规范性文件 above each page, …发布 1/2 below it): a header or
    footer, not text. A line counts when it comes back with only its numbers changed, is no clause heading and no
    sentence (no stop inside it), and names an issuer (政府, 局, 文件, 公报, 发布); a title a document repeats on
    purpose (支持标准, 1.申报条件 in each section) and rows of a table alike but for their figures are kept."""

    keys: dict[str, str] = {}

    def key(line: str) -> str:
        # the page's own number inside a header or footer changes from page to page; a header of two columns (the
        # series' name and its 登记号) swaps its ends on even pages, as a booklet prints them at the outer edge: a
        # short line is known by the least of its rotations, so both orders are one line
        if line not in keys:
            k = re.sub(r"\d+", "#", line)
            short = len(k) <= 40 and (k := re.sub(r"\s+", "", k))
            keys[line] = min(k[i:] + k[:i] for i in range(len(k))) if short else k
        return keys[line]

    seen: dict[str, int] = {}
    shown: dict[str, str] = {}  # a line as printed for each key (a rotation cuts words the checks below look for)
    for line in lines:
        seen[key(line)] = seen.get(key(line), 0) + 1
        shown.setdefault(key(line), re.sub(r"\d+", "#", line))
    repeated = {
        k
        for k, count in seen.items()
        if count >= 2
        and 6 <= len(k) <= 40
        and len(re.findall(rf"[{CJK}]", k)) >= 4
        and not re.search(r"[。；;：:，,]", k)
        # (白人社规〔2025〕5号　白川市…实施办法: a 文号 beside the short title names the issuer by its 文号)
        and re.search(r"文件|政府|办公室|办公厅|委员会|局|厅|公报|规范性|印发|发布|〔#〕#号", shown[k])
    }
    # a header of two lines (西川市人民政府公报 above 2025年第13期（总第286期）): a line that comes back as often,
    # each time on the same side of a header line, is the header's other line, though it names no issuer itself (a
    # title a page ends with once and another page starts with once is text)
    after: dict[str, int] = {}
    before: dict[str, int] = {}
    for i, line in enumerate(lines):
        k = key(line)
        if seen[k] >= 2 and k not in repeated and len(k) <= 40 and not re.search(r"[。；;：:，,]", line):
            after[k] = after.get(k, 0) + (i > 0 and key(lines[i - 1]) in repeated)
            before[k] = before.get(k, 0) + (i + 1 < len(lines) and key(lines[i + 1]) in repeated)
    repeated |= {k for k in after if seen[k] in (after[k], before[k]) and heading(shown[k]) is None}
    # (its first showing at the very top stays: there it is the document's own head, 海州市人社局 海州市财政局)
    return [ln for i, ln in enumerate(lines) if key(ln) not in repeated or heading(ln) is not None or i < 3]


# characters: a data table's cell is a name or a figure, never the document's paragraphs
LAYOUT_CELL = 120


def _layout_cell(lines: list[str]) -> bool:
    """A table's cell that holds the text itself (a page or a Word file laid out in a table: a long cell, sentences,
    a table inside), whose lines stay lines; any other cell's lines are one cell's text wrapped."""
    sentences = sum(ln.endswith(("。", "；", "：", ":")) for ln in lines)
    long = sum(map(len, lines)) > LAYOUT_CELL or "\t" in "".join(lines) or sentences > 1
    return len(lines) > 1 and long


def _word_cell_text(text: str) -> str:
    """A Word table cell's paragraphs: typed with Enter inside a cell (500万元（含） / —2000万元, 单个项目 / 补助上限),
    a data cell's lines are one band or one name, run together (a space only between two Latin words or figures);
    otherwise each line of the band would read as a row of its own and the table goes to a person."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if _layout_cell(lines):
        return "\n".join(lines)
    out = ""
    for line in lines:
        out += " " if out and re.match(r"[A-Za-z0-9]", out[-1]) and re.match(r"[A-Za-z0-9]", line) else ""
        out += line
    return out


class _Text(HTMLParser):
    """The visible text of a web page, one block element per line; scripts, styles and navigation left out.

    A table's row is one line, its cells apart by a tab (as a table pasted from Word), whatever a cell holds: a
    page made from a Word file wraps each cell's text in <p><span>, which must not put every cell on a line of its
    own (the row's name, its sum and its 序号 apart; a lone 序号 reads as a page number). A cell merged down
    (rowspan) is repeated in each row it spans, as the page shows it. A cell that holds the text itself (a page
    laid out in a table: a long cell, or one holding a table) keeps its lines. Whitespace in the source collapses
    as a browser collapses it: a line break inside a paragraph is no break of the text."""

    BLOCKS: ClassVar[set[str]] = {
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
    }
    CELLS: ClassVar[set[str]] = {"td", "th"}
    SKIP: ClassVar[set[str]] = {"script", "style", "nav", "header", "footer", "noscript", "head", "title"}
    # a page's menu, breadcrumb (当前位置), share bar and footer (网站标识码, 联系电话, 邮编) in elements named for
    # them: after an 附件 table, a footer's figures would be read as its last rows
    CHROME_NAMES = re.compile(
        # (header, header-top, top: the site's banner and its 无障碍/长者模式 bar above the text)
        r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|position|location|dqwz|footer|foot|bottom|share|topbar"
        r"|sidebar|header|top)(?=$|[\s_\-\d])",
        re.I,
    )
    # (a name that also says it holds the text, position-content or article-bottom, is never left out)
    TEXT_NAMES = re.compile(r"content|article|zoom|detail|text|body|editor|main|zw|wz_", re.I)
    VOID: ClassVar[set[str]] = {"br", "img", "meta", "link", "input", "hr", "area", "base", "col", "embed", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.cells: list[list[str]] = []  # the open cells' text, innermost last (a table may sit inside a cell)
        # each open table's row so far: (text, rowspan, colspan, a layout cell?)
        self.rows: list[list[tuple[str, int, int, bool]]] = []
        # each open table's cells merged down: column → (their text, rows still to show it)
        self.spans: list[dict[int, tuple[str, int]]] = []
        self.spanned: list[tuple[int, int]] = []  # each open cell's (rowspan, colspan)
        self.depths: list[int] = []  # each open table: how many cells were open around it
        self.hiding: tuple[str, int] | None = None  # a chrome element left out: its tag, and how deep it nests

    def _out(self) -> list[str]:
        return self.cells[-1] if self.cells else self.parts

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.hiding:
            if tag == self.hiding[0]:
                self.hiding = (tag, self.hiding[1] + 1)
            return
        names = " ".join(v or "" for k, v in attrs if k in ("class", "id"))
        chrome = self.CHROME_NAMES.search(names) and not self.TEXT_NAMES.search(names)
        if tag not in self.VOID and not self.skipping and chrome:
            self.hiding = (tag, 1)
        elif tag in self.SKIP:
            self.skipping += 1
        elif self.skipping:
            return
        elif tag == "table":
            self._out().append("\n")
            self.rows.append([])
            self.spans.append({})
            self.depths.append(len(self.cells))
        elif tag == "tr" and self.rows:
            self._row()  # (a row left open, </tr> omitted, ends where the next begins)
        elif tag in self.CELLS and self.rows:
            self._cell()  # (likewise a cell left open)
            span = dict(attrs)
            self.cells.append([])
            self.spanned.append((_span(span.get("rowspan")), _span(span.get("colspan"))))
        elif tag in self.BLOCKS:
            self._out().append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.hiding:
            if tag == self.hiding[0]:
                self.hiding = (tag, self.hiding[1] - 1) if self.hiding[1] > 1 else None
            return
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif self.skipping:
            return
        elif tag in self.CELLS and self.rows:
            self._cell()
        elif tag == "tr" and self.rows:
            self._row()
        elif tag == "table" and self.rows:
            self._row()
            self.rows.pop()
            self.spans.pop()
            self.depths.pop()
            self._out().append("\n")
        elif tag in self.BLOCKS:
            self._out().append("\n")

    def _cell(self) -> None:
        """Close the innermost table's open cell, if any: its lines run together, unless it holds the text itself."""
        if len(self.cells) <= self.depths[-1]:
            return
        lines = [ln.strip() for ln in "".join(self.cells.pop()).split("\n") if ln.strip()]
        rowspan, colspan = self.spanned.pop()
        layout = _layout_cell(lines)
        text = "\n".join(lines) if layout else " ".join(lines)
        self.rows[-1].append((text, rowspan, colspan, layout))

    def _row(self) -> None:
        self._cell()
        row, spans = self.rows[-1], self.spans[-1]
        self.rows[-1] = []
        if not row:
            return
        if any(layout for *_, layout in row):
            # a layout table: its cells are the page's text, line by line
            self._out().append("".join(f"\n{text}\n" for text, *_ in row))
            return
        out: list[str] = []
        cells = iter(row)
        column = 0
        while True:
            if column in spans:
                text, left = spans[column]
                out.append(text)
                spans[column] = (text, left - 1)
                if left <= 1:
                    del spans[column]
                column += 1
                continue
            cell = next(cells, None)
            if cell is None:
                if any(c >= column for c in spans):
                    column += 1
                    continue
                break
            text, rowspan, colspan, _ = cell
            out.append(text)
            if rowspan > 1:
                spans[column] = (text, rowspan - 1)
            column += colspan
        line = "\t".join(out).strip("\t")
        if line.strip():
            self._out().append(f"\n{line}\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping and not self.hiding:
            self._out().append(re.sub(r"[ \t\r\n\f]+", " ", data))


def _span(value: str | None) -> int:
    return max(1, min(int(value), 100)) if value and value.strip().isdigit() else 1


# a government page's chrome around the document, on lines of its own: print/close links, view counts, the site's
# registration, the line giving the source and the time the page was updated
CHROME = re.compile(
    r"打印本页|关闭窗口|浏览次数|阅读次数|访问量|ICP备|公网安备|网站标识码|版权所有|扫一扫|分享到|字体[：:]?\s*[【\[]?大"
    r"|来源[：:].{0,40}(?:发布|更新|发文)(?:时间|日期)[：:]|^[上下]一(?:篇|条)[：:]"
    # a WeChat article's: its account's follow and QR-code prompts, 阅读原文, its time line, its editors, —END—
    r"|点击(?:上方|下方|蓝字|关注)|长按(?:识别|扫描)?二维码|阅读原文|^\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}"
    r"|^[—\-\s]*END[—\-\s]*$|^(?:责任)?编辑[：:]|^来源[：:][^，。；]{0,30}$"
)


def html_text(raw: str) -> str:
    parser = _Text()
    parser.feed(raw)
    parser.close()
    lines = (line.strip() for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line and not CHROME.search(line))


def pdf_text(path: Path) -> str:
    """The text layer of a PDF, page by page (a scanned PDF without one is refused, not guessed at)."""
    from pypdf import PdfReader  # imported when a PDF is read
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise UnreadableFile(f"无法读取“{path.name}”：PDF 文件已损坏或加密") from exc
    text = "\n".join(pages)
    if not re.search(rf"[{CJK}]", text):
        raise UnreadableFile(f"“{path.name}”没有文字层（可能是扫描件）：请上传可复制文字的 PDF、Word 或网页")
    return text


# Government sites still publish old binary Word/WPS files, RTF and OFD (the national fixed-layout format): none has
# a reader among our dependencies, so each is refused by name with the way out, never read as garbled text
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound-file header of .doc, .wps, .xls, .et
_SAVE_AS = {
    ".doc": "旧版 Word（.doc）",
    ".wps": "WPS 文字（.wps）",
    ".rtf": "RTF",
    ".ofd": "OFD 版式",
    ".xls": "旧版 Excel（.xls）",
    ".et": "WPS 表格（.et）",
}


def _refuse_unread_format(path: Path, suffix: str) -> None:
    with path.open("rb") as handle:
        head = handle.read(8)
    kind = _SAVE_AS.get(suffix) or ("旧版 Office/WPS" if head == _OLE2 else "RTF" if head[:5] == b"{\\rtf" else None)
    if kind is not None:
        raise UnreadableFile(
            f"无法直接读取“{path.name}”（{kind}文件）：请在 Word 或 WPS 中另存为 .docx 或 PDF 后再上传，"
            "或复制其文字粘贴"
        )


def read_document(path: Path) -> str:
    suffix = path.suffix.lower()
    _refuse_unread_format(path, suffix)
    if suffix == ".docx":
        # python-docx (with lxml) takes ~40 ms to import: paid only when a Word file is read
        from docx import Document
        from docx.table import Table

        with path.open("rb") as handle:
            check_zip(handle, path.name)  # a .docx is a zip: its inflated size is checked before python-docx opens it
        try:
            document = Document(str(path))
        except Exception as exc:  # python-docx raises many kinds for a damaged file: all mean "cannot read this"
            raise UnreadableFile(f"无法读取“{path.name}”：请上传用 Word 保存的 .docx 文件") from exc
        lines: list[str] = []
        numbering = WordNumbering(document)  # 第一条, （一） drawn by Word's automatic numbering are not in the text
        # paragraphs and tables in the order they appear: clauses are sometimes laid out in a table row; a row's cells
        # apart by a tab, as a web page's (python-docx repeats a merged cell: once across a row, in each row down)
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines += [
                    "\t".join(dict.fromkeys(_word_cell_text(cell.text) for cell in row.cells)) for row in block.rows
                ]
            else:
                label = numbering.label(block)  # an empty numbered paragraph still takes its number, as in Word
                lines.append(f"{label}\u3000{block.text}" if label and block.text.strip() else block.text)
        return normalise("\n".join(line for line in lines if line.strip()))
    if suffix == ".pdf":
        # (a web page printed to PDF from a browser keeps its chrome as a copied page does)
        return normalise(_without_chrome(pdf_text(path)))
    raw = decode_text(path.read_bytes(), path.name)
    if suffix in (".html", ".htm") or re.match(r"\s*(?:<!doctype html|<html)", raw, re.I):
        return normalise(html_text(raw))
    return normalise(_without_chrome(raw))


def _without_chrome(raw: str) -> str:
    """A web page copied as text keeps the page's chrome (来源…发布时间, 打印本页, the ICP number): on lines of their
    own it is no text, and after an 附表 it would be read as the table's last row. Dropped only from a text with
    two or more such lines (one 来源 line in a plain document stays)."""
    lines = raw.splitlines()
    if sum(bool(CHROME.search(line)) for line in lines) >= 2:
        return "\n".join(line for line in lines if not CHROME.search(line))
    return raw
