"""Split a policy document into numbered clauses, cited by their real numbers.

Numbering nests the way Chinese official documents write it: 第X条 (or 一、) at the top, then （一）, 1. / 1、,
（1）, ①. A clause's reference is the path of its real numbers ("6.1" is 第六条（一）, "3.1.2" is 三、（一）2.),
so a drafted rule cites the clause a reader finds in the document, whatever came before it. 第X章 headings only
group articles. An appendix after the articles (附件, 附表: often a table of awards) is a clause of its own, its
ref its name, its lines kept apart. Lines without a heading continue the clause above them (a PDF copy breaks
lines anywhere).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from policyreach.extract.numbers import CN, chinese_to_int

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# rank: how deep a kind of number sits (第X条 and 一、 head a document; 一、 under 第X条 is one deeper)
KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("article", re.compile(rf"^\s*(第\s*([{CN}\d]+)\s*条)\s*")),
    ("chinese", re.compile(rf"^\s*(([{CN}]+)\s*[、．.])\s*")),
    ("paren_chinese", re.compile(rf"^\s*([（(]\s*([{CN}]+)\s*[)）])\s*")),
    ("arabic", re.compile(r"^\s*((\d{1,2})\s*[.．、](?!\d))\s*")),
    ("paren_arabic", re.compile(r"^\s*([（(]\s*(\d{1,2})\s*[)）])\s*")),
    ("circled", re.compile(rf"^\s*(([{CIRCLED}]))\s*")),
]
RANK = {"article": 0, "chinese": 1, "paren_chinese": 2, "arabic": 3, "paren_arabic": 4, "circled": 5}
CHAPTER = re.compile(rf"^\s*第\s*[{CN}\d]+\s*(?:[章节编篇]|部分)")
ARTICLE = KINDS[0][1]
APPENDIX_REF_RE = re.compile(r"附[件表]")
# 附件1 / 附表：… after the articles: a section of its own (often a table of awards), never the last article's tail
APPENDIX = re.compile(rf"^\s*(附件|附表)\s*([{CN}\d]*)\s*(?:[：:]|$)")
# what follows an article or item number that is cited, not opened: 第十条规定, 第十条第二款, （一）项
CITED = re.compile(rf"(?:的|之)?规定|第\s*[{CN}\d]+\s*[款项]|项(?!目)|款(?!项)|、第|和第|或第|至第")
# 按下表给予奖励： an article whose amounts follow it as a table: its rows stay lines of its own text. After a lead
# that ends in 。 (按下表标准给予一次性奖励。) only a line laid out as a row is the table's (cells apart by tabs, or,
# its cells run together as a PDF's text gives them, no clause punctuation and a bare sum at its end or the table's
# unit): any other line may be prose a page broke; a note under the rows (注：…。) is the table's too, never its last
# row's tail
# (…按融资规模给予一次性奖励，标准如下： announces its table as 下表 does; so does a threshold the table sets, however
# long the claimant's words after it: 对…销售额增量达到下表标准的限额以上批发企业，按档次给予奖励：)
TABLE_LEAD = re.compile(
    r"(?:(?:(?:如|按|见|按照)?下表|标准如下)[^。；;]{0,16}|达到下表(?:所列)?标准[^。；;]{0,30}?"
    # 按下表标准给予安家补贴，分3年按40%、30%、30%拨付。: the sentence naming the table goes on past its sums
    r"|(?:按(?:照)?(?:如)?下表(?:所列)?(?:的)?标准|标准(?:见|如)下表)[^。；;]{0,40}?)([：:。])$"
)
TABLE_NOTE = re.compile(r"(?:注|备注|说明)\s*\d*\s*[：:]")


def _row_like(line: str) -> bool:
    bare = re.sub(r"[（(][^（）()]*[）)]", "", line)
    # (a row may end in its sum with its unit, A类人才　200万元, when the header names none)
    said = re.search(r"\d(?:万?元)?$", line) or re.search(r"[（(](?:单位[：:])?万?元", line)
    return "\t" in line or (not re.search(r"[，,。；;：:]", bare) and bool(said))


# the header of a table whose cells name no unit (人才类别　安家补贴), right below a lead that ends in 。: a short line
# of column names, without the words or the stops of a sentence
TABLE_HEADER = re.compile(
    r"^(?=[^，,。；;：:\d的对给予]{2,24}$).*(?:类别|类型|层次|层级|档次|等级|级别|名称|标准|金额|补贴|奖励|资助|补助)"
)


# kept for callers that strip a clause's own number from its text
HEADING = re.compile(
    rf"^\s*(第\s*[{CN}\d]+\s*条|[{CN}]+\s*[、．.]|[（(]\s*[{CN}\d]+\s*[)）]|\d{{1,2}}\s*[.．、](?!\d)|[{CIRCLED}])\s*"
)


@dataclass(frozen=True)
class Clause:
    ref: str  # the path of real numbers: "6", "6.1", "3.1.2"
    number: str  # as written, with its parents: 第六条（一）
    text: str
    chapter: str = ""  # the title of the 第X章 it stands in (申报条件), without its number


def _value(kind: str, raw: str) -> int:
    if kind == "circled":
        return CIRCLED.index(raw) + 1
    raw = raw.strip()
    return int(raw) if raw.isdigit() else chinese_to_int(raw)


def heading(line: str) -> tuple[str, int, str] | None:
    """(kind, number, heading as written) of a line that opens a clause."""
    for kind, pattern in KINDS:
        if m := pattern.match(line):
            written = re.sub(r"\s+", "", m.group(1))
            if kind == "chinese" and not re.fullmatch(rf"[{CN}]{{1,3}}[、．.]", written):
                continue  # "二〇二四." or a sentence that starts with a numeral word
            if kind in ("article", "paren_chinese", "paren_arabic") and CITED.match(line[m.end() :]):
                # a PDF line that starts inside a citation (…促进法》\n第十条规定，…; 第三条\n（一）项): no heading
                continue
            return kind, _value(kind, m.group(2)), written
    return None


POLICY_TITLE = re.compile(r"(?:若干|政策|措施|办法|细则|方案|意见|规定|规则)[）)]?$")


def _policy_follows(clauses: list[Clause]) -> bool:
    """The text just before a restarted 一、 or 第一条 is an appendix marker or a policy's title (with the sentence
    of purpose a set of measures opens with, 为…，制定以下措施, run into it)."""
    last = clauses[-1]
    # (a title line run into its purpose sentence, …若干财政支持措施为加快…，制定以下措施: the title ends before 为)
    purpose = r"(?:为|根据|按照)[^。]*制定(?:以下|如下|本)[^，,；;。]{0,8}$"
    tail = re.sub(
        rf"(?<=若干|政策|措施|办法|细则|方案|意见|规定|规则){purpose}",
        "",
        re.split(r"[。\n]", last.text.rstrip("。"))[-1],
    )
    return bool(APPENDIX_REF_RE.match(last.ref)) or bool(POLICY_TITLE.search(tail) and not re.search(r"[，,；;]", tail))


# a sum paid (给予一次性奖励20万元, 补助最高500万元): text that grants money, not a plan's targets or tasks
SUM_PAID = re.compile(r"(?:给予|奖励|补助|补贴|资助|贴息|奖补)[^。；;]{0,20}?\d+(?:\.\d+)?(?:万元|亿元|元)")


def _preamble(clauses: list[Clause]) -> Clause:
    """Everything so far as clause 0, one sentence after another."""
    texts = [c.text.replace("\n", "。") for c in clauses]
    return Clause("0", "", "".join(t if re.search(r"[。；：:]$", t) else t + "。" for t in texts))


def _page_width(document: str) -> int:
    """How many characters a PDF copy's full line holds, when most long lines hold the same number (the page broke
    them there); else a width no line reaches. A narrow page's broken first line is no short title."""
    lengths = [len(line.strip()) for line in document.splitlines() if len(line.strip()) >= 10]
    if not lengths:
        return 1_000
    common, count = Counter(lengths).most_common(1)[0]
    return common if count >= 5 and count * 5 >= len(lengths) else 1_000


def split_clauses(document: str) -> list[Clause]:
    """Every non-empty line belongs to a clause; a line without a heading continues the previous one."""
    clauses: list[Clause] = []
    stack: list[tuple[int, int, str]] = []  # (rank, number, as written)
    articles = False
    previous, opened = "", True
    appendix = False
    chapter = ""
    part = 1  # how many times the top numbering has started again within the policy
    width = _page_width(document)
    for raw in document.splitlines():
        line = raw.strip()
        if m := CHAPTER.match(line):
            chapter = re.sub(r"\s+", "", line[m.end() :])
            continue
        if not line:
            continue
        if (m := APPENDIX.match(line)) and any(c.ref != "0" for c in clauses):
            # after the articles (before them, 附件：… names the policy a 通知 印发s, and its text follows): its ref
            # is its name (附件, 附件2); a table's rows stay one per line, and numbers inside it head nothing
            appendix = True
            clauses.append(Clause(m.group(1) + m.group(2), m.group(1) + m.group(2), line))
            continue
        opens = heading(line)
        if appendix and not ARTICLE.match(line) and not (opens and opens[0] == "chinese" and opens[1] == 1):
            last = clauses[-1]
            clauses[-1] = Clause(last.ref, last.number, last.text + "\n" + line, last.chapter)
            continue
        appendix = False  # an article after an appendix: the appendix was the policy's own text
        found = heading(line)
        if found and found[0] == "article" and clauses and not re.search(r"[。；;：:]$", previous):
            # 按本政策\n第八条标准执行: a citation the page's width put at a line's start, inside an unfinished
            # sentence, is no heading unless it is the next article (or a restart at 第一条)
            current = next((int(c.ref.split(".")[0]) for c in reversed(clauses) if re.match(r"\d+(?:\.|$)", c.ref)), 0)
            if found[1] not in (current + 1, 1):
                found = None
        lead = TABLE_LEAD.search(clauses[-1].text.split("\n")[0]) if clauses and found is None else None
        first = bool(clauses) and "\n" not in clauses[-1].text and TABLE_HEADER.match(line) is not None
        if lead and (
            ("。" not in line and (lead.group(1) != "。" or _row_like(line) or first))
            or (TABLE_NOTE.match(line) and "\n" in clauses[-1].text)
        ):
            # a row of the table the article's text announced (按下表给予奖励：): kept apart, never run together
            last = clauses[-1]
            clauses[-1] = Clause(last.ref, last.number, last.text + "\n" + line, last.chapter)
            previous, opened = line, False
            continue
        short, was_opening = previous, opened
        # (a line after 第五条 alone on its own line opens the article as a heading's own line would)
        alone = was_opening and not HEADING.sub("", short, count=1).strip()
        previous, opened = line, found is not None or not clauses or clauses[-1].ref == "0" or alone
        if found is None:
            if clauses:
                last = clauses[-1]
                # a short opening line without a stop is a title (一、适用范围): what follows is a sentence of its
                # own; any other line was broken by the page's width and simply continues
                # (a line ending mid-phrase, in a numeral or 的/和/、, or with a comma inside, is a broken
                # sentence, not a title)
                titled = (
                    was_opening
                    and not alone  # (第五条 alone on its line is no title)
                    and len(short) <= 20
                    # (a line near as wide as the page's, less a spaced heading's width, was broken by it)
                    and len(short) < 0.8 * width
                    and not re.search(r"[。；;：:，,\d的和及与、（(]$", short)
                    and not re.search(r"[，,；;]", short)
                )
                joint = "。" if titled else ""
                if lead and "\n" in last.text and (lead.group(1) != "。" or _row_like(last.text.rsplit("\n", 1)[1])):
                    # a sentence after the table's last row (落户奖励分3年…拨付。) is the article's again, never
                    # that row's tail: a line of its own below the rows
                    joint = "\n"
                clauses[-1] = Clause(last.ref, last.number, last.text + joint + line, last.chapter)
            else:
                clauses.append(Clause("0", "", line))
            continue
        kind, value, written = found
        articles = articles or kind == "article"
        rank = RANK[kind] - (1 if kind == "chinese" and not articles else 0)
        while stack and stack[-1][0] >= rank:
            stack.pop()
        stack.append((rank, value, written))
        ref = ".".join(str(n) for _, n, _ in stack)
        if len(stack) == 1 and value == 1 and any(c.ref in (ref, f"{part}-{ref}") for c in clauses):
            if _policy_follows(clauses) and not any(SUM_PAID.search(c.text) for c in clauses if c.ref != "0"):
                # the numbering starts again where the policy a 通知 印发s begins (after 附件 or the policy's
                # title): what came before, the 通知's own 一、二、 or a plan it 印发s beside the policy (a 实施方案's
                # targets and tasks), is its preamble, and the policy keeps its numbers; a document before it that
                # pays sums (the 若干措施 as 附件1, its 实施方案 as 附件2) is a policy itself and keeps its own, the
                # later one numbered as a part of its own (2-1 …)
                clauses, part = [_preamble(clauses)], 1
            else:
                # again inside one policy (第二部分 … 一、): a part of its own, cited as 2-1, 2-1.1 …
                part += 1
        if part > 1:
            ref = f"{part}-{ref}"
        clauses.append(Clause(ref, "".join(w for _, _, w in stack), line, chapter))
    parents = {c.ref.rsplit(".", 1)[0] for c in clauses if "." in c.ref}
    return [item for c in clauses for item in ([c] if c.ref in parents else _inline_items(c))]


# items run into their article's paragraph (第六条 …。（一）对…；（二）对…。), as a PDF or a web page may give them
INLINE_ITEM = re.compile(rf"(?<=[。：:；;])\s*[（(]([{CN}]{{1,3}})[)）]")


def _inline_items(clause: Clause) -> list[Clause]:
    """An article whose （一）（二）… follow a stop inside its own paragraph: each item a clause of its own, cited by
    its real number (6.1), as when each stands on a line of its own. Numbered otherwise than 1, 2, 3…, left whole."""
    if not re.fullmatch(r"\d+", clause.ref):
        return [clause]
    marks = list(INLINE_ITEM.finditer(clause.text))
    if len(marks) < 2 or [chinese_to_int(m.group(1)) for m in marks] != list(range(1, len(marks) + 1)):
        return [clause]
    ends = [m.start() for m in marks[1:]] + [len(clause.text)]
    items = [
        Clause(
            f"{clause.ref}.{n}",
            f"{clause.number}（{m.group(1)}）",
            clause.text[m.start() : end].strip(),
            clause.chapter,
        )
        for n, (m, end) in enumerate(zip(marks, ends, strict=True), start=1)
    ]
    return [Clause(clause.ref, clause.number, clause.text[: marks[0].start()], clause.chapter), *items]


TIER_PIECE = re.compile(
    r"(?:以上|以下|至\d+[^；;，,]{0,4}?|不足\d+[^；;，,]{0,2}?|不低于\d+%)的[，,]?\s*"
    r"(?:给予|奖励|补助|返还|补贴|奖补)?(?:一次性)?(?:奖励|补助|补贴|资助|奖补)?\d+(?:\.\d+)?万元"
)
# 设备投资额在600万元（含）至3000万元的项目，按设备投资额的6%给予补助；3000万元（含）以上的，按9%: bands paying
# shares, one sentence as bands paying sums are
RATE_TIER_PIECE = re.compile(
    r"(?:以上|以下|至\d+[^；;，,]{0,4}?)的(?:项目|企业|单位)?[，,]?\s*按照?(?:[^；;，,。\d%]{2,12}?的)?\d+(?:\.\d+)?%"
)
# 租用面积50平方米以下的，每户每年补贴3000元；50平方米（含）以上的，每户每年补贴5000元: bands of a size paying
# sums in 元 (per household, per year), one sentence as bands paying sums in 万元 are
SIZE_TIER_PIECE = re.compile(
    r"\d+\s*(?:平方米|立方米|吨|亩)(?:[(（]含[)）])?"
    # (面积100亩（含）至500亩（不含）的，每亩每年补贴50元: a band with both ends, as its next band is)
    r"(?:以上|以下|至\d+\s*(?:平方米|立方米|吨|亩)(?:[(（]不?含[)）])?)的[，,]\s*[^；;，,。\d]{0,8}?\d+(?:\.\d+)?(?:万元|元)"
)
# 大型企业按…实际缴纳失业保险费的30%返还；中小微企业按60%返还: each size of firm paying its share of the base the
# first names, one sentence as bands paying shares are (the later sizes name no base of their own)
SIZE_SHARE_PIECE = re.compile(
    r"(?:中小微|中小|小微|大型|中型|小型|微型)企业[^；;，,。]{0,24}?按照?[^；;。]{0,48}?\d+(?:\.\d+)?%"
)

# a half that renews the certificate the half before it named, with no claimant of its own
RENEWED = re.compile(r"\s*对?(?:通过)?(?:重新认定|复审|复核)(?:通过)?的")
# 对新认定的国家级技能大师工作室，给予50万元；省级的，给予20万元: a half naming only another level of the title the half
# before named, its lead (对新认定的) left to that half
TITLE_LEVEL = r"(?:国家级|自治区级|省级|市级|区级|县级)"
OTHER_LEVEL_HALF = re.compile(rf"\s*{TITLE_LEVEL}(?:的|[^，,；;。对]{{2,16}}?)[，,]\s*(?:给予|奖励|补助|资助)")
LEVELLED_HALF = re.compile(rf"\s*对[^，,]*?{TITLE_LEVEL}")

# 绩效评价为优秀的，给予100万元；良好的，给予60万元: a half naming only another grade of the evaluation the half before
# named (read together, as grades listed before 分别 are)
OTHER_GRADE_HALF = re.compile(r"\s*(?:优秀|良好|合格|较好|一般)(?:等次|等级)?的[，,]\s*(?:给予|奖励|补助|资助|补贴)?\d")
GRADED_HALF = re.compile(r"(?:评价|考核)(?:结果)?(?:为|被评为|评定为)?(?:优秀|良好|合格|较好)(?:等次|等级)?的")


# 给予奖励20万元，分两年兑现：入统次年兑现10万元；第二年…的，再兑现10万元: the years' sums are the award's parts,
# read together (the later year alone names neither the award nor its claimant)
# (分两年兑现，第一年兑现50%；第二年…的，兑现其余50%: a plan opened by its first year after a comma, too)
PAID_OVER_YEARS = re.compile(r"分[两二三23]年(?:兑现|拨付|发放|支付)(?:[：:]|[，,](?=首年|第一年))")


# （责任单位：市财政局、市商务局）, （牵头单位：…） closing a measure: who carries it out, no sentence of the measure
RESPONSIBLE_UNITS = re.compile(r"[（(](?:责任|牵头|配合|实施)(?:单位|部门)[：:][^（()）]*[）)]\s*$")


def sentences(text: str) -> list[str]:
    """A clause's sentences (split at 。 and ；), without empty pieces; a tier list ("X以上的，Y；Z以上的，W")
    separated by ； stays one sentence, since its bands only make sense together."""
    out: list[str] = []
    for sentence in re.split(r"。", text):
        pieces = (TIER_PIECE, RATE_TIER_PIECE, SIZE_TIER_PIECE, SIZE_SHARE_PIECE)
        if any(len(piece.findall(sentence)) >= 2 for piece in pieces) or PAID_OVER_YEARS.search(sentence):
            out.append(sentence.strip())
        else:
            for piece in re.split(r"[；;]", sentence):
                other_level = OTHER_LEVEL_HALF.match(piece) and out and LEVELLED_HALF.match(out[-1])
                other_grade = OTHER_GRADE_HALF.match(piece) and out and GRADED_HALF.search(out[-1])
                if (RENEWED.match(piece) or other_level or other_grade) and out and out[-1]:
                    # 对首次认定的…，给予X；通过重新认定的，给予Y: the renewal leaves its certificate to the first half,
                    # so the two are read together (alone it names no one)
                    out[-1] += "；" + piece.strip()
                else:
                    out.append(piece.strip())
    return [s for piece in out if (s := RESPONSIBLE_UNITS.sub("", piece).strip())]
