"""The same clause however a real document words it: surface forms rewritten into the forms the grammar reads.

Real documents say one threshold, range, sum or cap in many ways (500万元（含本数）以上, 超过2000万元、不足5000万元,
奖励30万元/家, 最高可达100万元, 1,000万元, 伍仟万元). ``canonical`` rewrites each such form into one the sentence
grammar already reads, *for the grammar only*: the clause an officer sees, the citations and the sentences sent to a
person stay as written (``sentence.draft_sentence`` keeps the written text for those). Every rewrite here keeps the
meaning under the legal reading of 以上/以下 (民法典 第一千二百五十九条: they include the number) and 超过/不足 (they
exclude it); the tests (tests/extract/test_variants.py) hold each family to drafting the same rules as its plain form.
``canonical`` is idempotent: a clause split into halves is read again through it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from policyreach.extract import vocabulary as vocab
from policyreach.extract.numbers import CN, chinese_to_int

# 大写 numerals (壹仟万元) as the grammar's numerals; thousands separators (1,000万元) are taken out in ``canonical``
UPPER_DIGITS = str.maketrans("零壹贰叁肆伍陆柒捌玖拾佰仟", "零一二三四五六七八九十百千")
NUM = rf"(?:\d+(?:\.\d+)?|[{CN}]+)"
UNIT = r"(?:亿元|万元|元|人|件|家|个|台|项)"
QTY = rf"{NUM}{UNIT}"
# words that open the lower end of a range (达到X, 超过X) and close the upper end (不足Y, 不超过Y)
LOWER_INCLUSIVE = r"不低于|不少于|达到|达|满|在"
LOWER_EXCLUSIVE = r"超过|高于|大于"
UPPER_INCLUSIVE = r"不超过|不高于|不多于"
UPPER_EXCLUSIVE = r"不足|低于|少于|未达到|未达|未满|不满|小于"
MARK = r"（(?:不)?含）"
# 超过2000万元、不足5000万元 / 2000万元以上、不足5000万元 / 达到2000万元且不足5000万元
LOWER_UPPER = re.compile(
    rf"(?:在)?(?:(?P<lw>{LOWER_EXCLUSIVE}|{LOWER_INCLUSIVE}))?(?P<low>{QTY})(?P<lmark>{MARK})?(?P<lsuffix>(?:及)?以上)?"
    rf"(?:、|且|并且|，且|,且)?"
    rf"(?:(?P<uw>{UPPER_EXCLUSIVE}|{UPPER_INCLUSIVE})(?P<high>{QTY})(?P<umark>{MARK})?"
    rf"|(?P<high2>{QTY})(?P<umark2>{MARK})?(?P<usuffix>(?:及)?以下)(?P<umark3>{MARK})?)"
)


# a range in a table's notation, the measure between its ends: 2000万元≤营业收入＜5000万元
BETWEEN_SIGNS = re.compile(
    rf"(?P<low>{QTY})(?P<lop>≤|<)(?P<measure>[^\d，,；;。、]{{2,16}}?)(?P<hop>≤|<)(?P<high>{QTY})"
)


def _ends(low: str, low_in: bool, high: str, high_in: bool) -> str:
    """A range as the grammar reads it, each end marked: X（含|不含）至Y（含|不含）."""
    return f"{low}（{'含' if low_in else '不含'}）至{high}（{'含' if high_in else '不含'}）"


def _signs(m: re.Match[str]) -> str:
    return m.group("measure") + _ends(m.group("low"), m.group("lop") == "≤", m.group("high"), m.group("hop") == "≤")


MONEY_WORDS = re.compile(r"收入|额|费用|投资|投入|奖|补|资助|给予|最高|不超过|纳税|税|资金|产值|营收|金额|支持")


def _yuan(m: re.Match[str]) -> str:
    """20万 → 20万元 where the clause speaks of money just before (奖励20万, 营业收入2000万～5000万元)."""
    before = m.string[max(0, m.start() - 12) : m.start()]
    return m.group(0) + "元" if MONEY_WORDS.search(before) else m.group(0)


def _range(m: re.Match[str]) -> str:
    """Both ends of 超过X、不足Y (and its kin) marked, as ``_ends`` writes them."""
    lw, lsuffix = m.group("lw"), m.group("lsuffix")
    if not (lw or lsuffix) or (lw == "在" and not lsuffix):
        return m.group(0)  # no word says the first number is a lower end: left as written
    # a mark (（含）, （不含）) says it; else 超过 excludes the number and every other word includes it
    low_in = ("不" not in m.group("lmark")) if m.group("lmark") else not (lw and re.fullmatch(LOWER_EXCLUSIVE, lw))
    if m.group("high"):
        high, mark = m.group("high"), m.group("umark")
        high_in = ("不" not in mark) if mark else bool(re.fullmatch(UPPER_INCLUSIVE, m.group("uw")))
    else:
        high, mark = m.group("high2"), m.group("umark2") or m.group("umark3")
        high_in = ("不" not in mark) if mark else True
    return _ends(m.group("low"), low_in, high, high_in)


REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        # --- verbs and claimants (variants2): 予以 is 给予; 对于 before a claimant is 对 (before 对认定为 is read)
        (r"予以", "给予"),
        (r"(?:^|(?<=[；;。]))对于", "对"),
        # --- thresholds: 逾X is 超过X, 不大于X is 不超过X
        (r"逾(?=\d|[一二三四五六七八九十两])", "超过"),
        # --- measures: 缴纳税收 is 纳税总额 (its 纳税 would be read with 收 left over)
        (r"(?:缴纳|上缴)税收(?:总额)?", "纳税总额"),
        # (设备（含技术、软件）投资额 is 设备投资额（含技术、软件）: what a measure holds said after its name, whole)
        (r"(设备|技术改造|技改|研发)（(含[^（）]{1,12})）(投资额|投资|投入|费用)", r"\1\3（\2）"),
        # --- levels: 国家级和省级X names two certifications as 国家级、省级X does
        (r"(国家级|省级|市级|区级|县级)(?:和|及|与)(?=省级|市级|区级|县级)", r"\1、"),
        # --- thresholds: 以上 includes its number already (含本数, 含X) and ≥ is 不低于
        (r"（含本数）", "（含）"),
        (r"（不含本数）", "（不含）"),
        (rf"({QTY})（(不?含)\1）(?=(?:及)?以[上下])", r"\1（\2）"),
        (rf"({QTY})(以[上下])（(不?含)\1）", r"\1（\3）\2"),
        (rf"({QTY})(以[上下])（(不?含)）", r"\1（\3）\2"),
        (rf"({QTY})（含）((?:及)?以[上下])", r"\1\2"),
        (r"不大于", "不超过"),
        (r"达到或超过|大于或等于|大于等于|≥|>=", "不低于"),
        (r"小于或等于|小于等于|≤|<=", "不超过"),
        (r"(?<![不])大于|>", "超过"),
        (r"(?<![不])小于|<", "低于"),
        # --- ranges: 在X和Y之间 is 在X至Y之间, and so is 介于X至Y without 之间; a dash or wave of any width is 至's
        (rf"(?:在|介于)({QTY}|{NUM})(?:和|与|到|至|—|-|～|~)({QTY})之间", r"在\1至\2之间"),
        (rf"介于({QTY}|{NUM})(?:和|与|到|至|—|-|～|~)({QTY})(?!之间)", r"在\1至\2之间"),
        (rf"({QTY})之间（(不?含)\1）", r"\1（\2）"),
        (r"(?<=\d)\s*[–―－〜](?=\s*\d)", "—"),
        # --- years: 上一年, 上一个年度 and 上个年度 are 上一年度
        (r"上一?个年度|上一年(?!度)", "上一年度"),
        # --- amounts: 人民币X万元 and X万元人民币 are X万元 (a sum in 美元 says so)
        (rf"人民币(?={NUM}(?:亿元|万元|元))", ""),
        (r"(?<=[万亿\d]元)人民币", ""),
        # --- amounts: a sum per claimant (30万元/家) is the claimant's sum
        (rf"({NUM}(?:亿元|万元|元))/(?:家|户|个?企业|个?单位)", r"\1"),
        # --- caps: 最高可达X, 以X为上限 are 最高X
        (rf"最高可达(?={NUM}(?:亿元|万元|元))", "最高"),
        (
            rf"(?:(?:补贴|奖励|补助|资助|奖补|支持)?(?:总额|金额|资金)?)以({NUM}(?:亿元|万元|元))为(?:上限|限额|最高限额)",
            r"最高\1",
        ),
        # --- caps: 最高贴息X, 最高为X, 最高额度X, 最高补助额X and 最高限额为X are 最高X (words between the cap word
        # and its sum); 按…X%给予不超过Y的补贴 is 按…X%给予补贴，最高Y
        (
            rf"最高(?:贴息|(?:补贴|补助|资助|奖补|奖励)(?=金?额))?(?:金?额度?|限额)?(?:为|是)?(?={NUM}(?:亿元|万元|元))",
            "最高",
        ),
        # --- shares: 按担保金额给予不超过2‰的奖励 is 按担保金额的2‰给予奖励 (a share's ceiling is the share itself, as
        # 最高X% is)
        (
            r"按([^，,；;。\d%‰]{2,12}?)(?:给予|予以)(?:不超过|最高)?(\d+(?:\.\d+)?[%‰])的(补贴|奖励|补助|资助|奖补)",
            r"按\1的\2给予\3",
        ),
        (
            rf"(按[^，,；;。]{{0,24}}?\d+(?:\.\d+)?%)(?:给予|予以)不超过({NUM}(?:亿元|万元|元))的(补贴|奖励|补助|资助|奖补)",
            r"\1给予\3，最高\2",
        ),
        # --- monthly sums: 500元/人·月 and 500元/月·人 are 500元/人/月
        (r"元/(?:人[·•・.]月|月[·•・.]人)", "元/人/月"),
        # --- increments: 新增部分 is 增量部分; 同比增加X and 比上年新增X are 比上年增加X
        (r"新增部分", "增量部分"),
        (r"同比(?:增加|新增)|(?:比|较)上一?年度?新增", "比上年增加"),
        # --- funding: how governments share an award's cost (资金由市、区两级财政按1:1比例分担) is no rule for the
        # claimant, and its ratio is no matching of a grant
        (
            r"[，,](?:所需|奖励|补贴|补助)?资金由[^，,；;。]{1,16}?财政(?:按[^，,；;。]{1,10}?)?(?:分担|承担|负担|列支)",
            "",
        ),
        # --- first/renewal: 再次通过认定 is a renewal (通过重新认定); 对认定为X is 对被认定为X, a new certificate
        # (期满后再次获得认定: the certificate lapsed and was won again, a renewal; the lapse itself no condition)
        (r"(?:有效)?期满(?:后)?(?=再次(?:通过|被|获得)认定|重新认定)", ""),
        (r"再次(?:通过|被|获得)认定", "通过重新认定"),
        (r"经复审认定|复审通过", "通过复审"),
        (r"(?<=[对凡])认定为", "被认定为"),
        # (extract20) 对新创建的国家级…示范园区: a title newly won by creating it is one newly recognised (新认定)
        (r"(?<=[对凡])新创建(?:成功)?的", "新认定的"),
        # --- second round (variants2): thresholds, caps, counts, tier lists, matching, monthly sums, first ---
        # thresholds: 及其以上 is 及以上; X及X以上 says X以上 twice; 超出X and 多于X are 超过X; 达X is 达到X
        (r"及其以上", "及以上"),
        (rf"({QTY})及\1以上", r"\1以上"),
        (rf"超出(?={NUM})|(?<!不)多于(?={NUM})", "超过"),
        # caps: 最高达X, 最高达到X and 高达X are 最高X (before 达X is read as a threshold's 达到X)
        (rf"(?:最高|高)达到?(?={NUM}(?:亿元|万元|元))", "最高"),
        (r"(?<![可到上限])达(?=\d)", "达到"),
        # caps: 不得超过X is 不超过X; 最高限X is 最高X; 最高奖补X is 最高补助X (the cap, in a word the grammar knows)
        (r"不得超过", "不超过"),
        (rf"最高限(?={NUM}(?:亿元|万元|元))", "最高"),
        (rf"最高奖补(?={NUM}(?:亿元|万元|元))", "最高补助"),
        # caps: 最多X, 最高可获X, 最高可获得X and 最高可享受X are 最高X; 上限达X is 上限为X
        (rf"最多(?=(?:补贴|奖励|补助|资助|奖补|支持)?{NUM}(?:亿元|万元|元))", "最高"),
        (rf"最高可(?:获得?|享受)(?={NUM}(?:亿元|万元|元))", "最高"),
        (rf"上限(?:达到?)(?={NUM}(?:亿元|万元|元))", "上限为"),
        # counts: 每年资助上限为10件 is 每年最多资助10件
        (r"(资助|补助|奖励|支持|补贴)上限(?:为|是)?(?=\d+(?:件|项|个|台|次)(?![\d万元]))", r"最多\1"),
        # tier lists: 依次给予 is 分别给予; 按X、Y分别给予奖励 is 分别给予奖励X、Y
        (r"依次(?=给予|奖励|补助|补贴|资助|奖补|一次性)", "分别"),
        (
            rf"按({QTY}(?:[、和及]{QTY})+)(?:的标准)?分别(给予|奖励|补助|补贴|资助|奖补)([^，,；;。\d]{{0,8}}?)(?=[，,；;。]|$)",
            r"分别\2\3\1",
        ),
        # matching: 1比1 is 1:1; 等额给予配套 is 给予等额配套
        (r"(?<![\d.])(\d+(?:\.\d+)?)比(\d+(?:\.\d+)?)(?=的?比例|给予|配套)", r"\1:\2"),
        (r"等额(给予)(?=配套)", r"\1等额"),
        # monthly sums: 每人500元/月 is 每人每月500元
        (rf"每人({NUM}(?:万元|元))/月", r"每人每月\1"),
        # periods: how long a sum is paid, 半年, is 6个月 (only a payment's period: 失业半年以上 describes a person and
        # is read as the document words it)
        (r"(?<=期限|限为|最长|发放|补贴|为期)半年(?!度)", "6个月"),
        # first: 初次 and 首度 are 首次
        (r"初次|首度", "首次"),
        # interest: 按不高于LPR的X% and 按最高不超过LPR的X% are 按不超过LPR的X%; 贴息比例不超过LPR的X% is
        # 按不超过LPR的X%进行贴息
        (r"按(?:最高)?(?:不高于|不超过)(?=[^，,；;。]{0,20}(?:LPR|利率))", "按不超过"),
        (
            r"贴息比例(?:为)?(?:不超过|不高于|最高)?([^，,；;。]{2,30}?(?:LPR|利率)）?的\d+(?:\.\d+)?%)(?=[，,；;。])",
            r"按不超过\1进行贴息",
        ),
        # interest: 按照贷款额2个百分点 is 按贷款额2个百分点
        (r"按照([^，,；;。\d的]{2,12}?)(?=\d+(?:\.\d+)?个百分点)", r"按\1"),
        # bands: 达到1亿元的， (达到 alone, which includes the number) is 在1亿元以上的，
        (rf"达到({QTY})的(?=[，,])", r"在\1以上的"),
    )
)


FULL_WIDTH = str.maketrans({"(": "（", ")": "）", "＞": ">", "＜": "<", "＝": "=", "≧": "≥", "≦": "≤"})
# a sum with 万 or 亿 and no 元 (奖励20万, 2000万～5000万元), before what follows a sum
BARE_WAN = re.compile(r"\d+(?:\.\d+)?(?:万|亿)(?![元美\d])(?=以上|以下|及|（|至|～|~|—|-|、|，|,|。|；|奖|补|资|的)")
UPPER = re.compile(r"[零壹贰叁肆伍陆柒捌玖拾佰仟万亿]+(?=万元|亿元|元)")


# a payment schedule written as a ratio (按照4:3:3的比例分三期兑付): the shares in %, as 40%、30%、30%
RATIO_PLAN = re.compile(r"(\d+(?:[:：∶]\d+){2,})(?=的?比例[^，,；;。]{0,6}(?:拨付|兑付|发放|兑现))")


def _shares(m: re.Match[str]) -> str:
    parts = [int(x) for x in re.split(r"[:：∶]", m.group(1))]
    total = sum(parts)
    if not total or any(p * 100 % total for p in parts):
        return m.group(0)  # shares that are no whole percentage are left as written
    return "、".join(f"{p * 100 // total}%" for p in parts)


# who a clause is for, named before its first comma without 对 (新引进的高端产业优质项目，…): read as 对… is
CLAIMANT_NOUN = r"(?:项目|企业|单位|实验室|研究院|机构|团队|基地|平台|中心|园区|载体)"
BARE_CLAIMANT = re.compile(rf"(?!第)[^，,；;。\d对凡]{{2,30}}{CLAIMANT_NOUN}(?=[，,])")
GIVING = re.compile(r"给予|奖励|补助|补贴|资助|奖补|安排|设立|支持|培育|力争")


def _percent(m: re.Match[str]) -> str:
    """百分之二 → 2%, 百分之零点五 → 0.5%: the share as the grammar's constructs read it."""
    whole, _, part = m.group(1).partition("点")
    digits = str(chinese_to_int(whole)) if whole else "0"
    if part:
        digits += "." + "".join(str(chinese_to_int(ch)) for ch in part)
    return digits + "%"


# a share of a named base written without 的 (按研发费用10%) or as a multiple (按研发费用的0.1倍给予补贴): 按…的X%
# (only a base the schema measures: an unnamed one, 按项目投资额8%, is declared in the clause's words as written)
SHARE_OF = re.compile(r"(按照?(?:其)?(?:上一?年度|当年)?)([^，,；;。\d的%]{2,12}?)(?=\d+(?:\.\d+)?%)")


def _share_of(m: re.Match[str]) -> str:
    # interest paid (实际支付利息) and a loan's sum (贷款额) are bases the interest readings know, though the schema
    # names them otherwise
    named = bool(re.search(r"(?:利息|贷款(?:金?额)?)$", m.group(2))) or any(
        pattern.fullmatch(m.group(2)) for _, pattern, _ in vocab.measure_regex()
    )
    return f"{m.group(1)}{m.group(2)}的" if named else m.group(0)


MULTIPLE = re.compile(
    r"(按照?[^，,；;。\d]{1,16}?的)(\d+(?:\.\d+)?)倍(?=给予|予以|进行|的?(?:奖励|补贴|补助|资助|奖补|配套|支持))"
)


def _scaled(number: str, factor: int) -> str:
    """A written number times ``factor``, exact, no trailing zeros: ("0.1", 100) → "10", ("5", 1000) → "5000"."""
    out = format(Decimal(number) * factor, "f")
    return out.rstrip("0").rstrip(".") if "." in out else out


def _times(m: re.Match[str]) -> str:
    return f"{m.group(1)}{_scaled(m.group(2), 100)}%"


# one certification at several levels, each with its sum (对新认定的国家级企业技术中心给予100万元奖励，省级企业技术中心
# 给予50万元奖励；市级奖励10万元): the later levels written as the grammar reads a claimant left out (；省级的，给予…)
LEVEL = r"国家级|省级|市级|区级|县级"
VERB = r"给予|奖励|补助|补贴|资助|奖补"
FIRST_LEVEL = re.compile(rf"(对[^，,；;。]*?(?:{LEVEL}))([^，,；;。\d]{{2,16}}?)[，,]?(?=(?:{VERB}))")
LATER_LEVEL = re.compile(rf"[，,、；;]({LEVEL})([^，,；;。、\d]{{0,16}}?)[，,]?(?=(?:{VERB}))")


def _levels(text: str) -> str:
    first = FIRST_LEVEL.match(text)
    if not first:
        return text
    later = list(LATER_LEVEL.finditer(text, first.end()))
    # a later level names the first one's certification, or none: else it is another thing, left as written
    if not later or any(m.group(2) not in ("", first.group(2), "的") for m in later):
        return text
    for m in reversed(later):
        text = f"{text[: m.start()]}；{m.group(1)}的，{text[m.end() :]}"
    return f"{first.group(1)}{first.group(2)}，{text[first.end() :]}"


# 绩效评价为优秀的，给予100万元资助；良好的，给予60万元；合格的，给予30万元: grades of one evaluation each with its sum
# in halves, written as grades listed before 分别 are (评价为优秀、良好、合格的，分别给予100万元、60万元、30万元资助)
EVALUATION_GRADE = r"优秀|良好|合格|较好|一般"
GRADES_IN_HALVES = re.compile(
    rf"((?:评价|考核)(?:结果)?(?:为|被评为|评定为)?)({EVALUATION_GRADE})的[，,]({VERB})(\d+(?:\.\d+)?万元)([^；;。，,\d]{{0,6}})"
    rf"((?:[；;](?:{EVALUATION_GRADE})的[，,](?:{VERB})?\d+(?:\.\d+)?万元[^；;。，,\d]{{0,6}})+)(?=[；;。]|$)"
)


def _grades_in_halves(m: re.Match[str]) -> str:
    later = re.findall(rf"[；;]({EVALUATION_GRADE})的[，,](?:{VERB})?(\d+(?:\.\d+)?万元)", m.group(6))
    grades, sums = [m.group(2), *(g for g, _ in later)], [m.group(4), *(a for _, a in later)]
    if len(set(grades)) != len(grades):
        return m.group(0)
    return f"{m.group(1)}{'、'.join(grades)}的，分别{m.group(3)}{'、'.join(sums)}{m.group(5)}"


# 5千万元, 1千元: a digit times 千 is the number in full (5000万元, 1000元); 伍拾万圆: 圆 is 元 in 大写 sums
THOUSANDS = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)千(?=万元|万|元)")
YUAN_UPPER = re.compile(r"(?<=[零壹贰叁肆伍陆柒捌玖拾佰仟万亿\d])圆")


def _thousands(m: re.Match[str]) -> str:
    return _scaled(m.group(1), 1000)


# 每人每月0.05万元: a monthly sum per person in 元, as the grammar reads it (每人每月500元)
MONTHLY_WAN = re.compile(rf"(每人每月(?:补贴|补助|给予|奖励|发放)?)({NUM})万元")


def _monthly_yuan(m: re.Match[str]) -> str:
    if not re.fullmatch(r"\d+(?:\.\d+)?", m.group(2)):
        return m.group(0)
    return f"{m.group(1)}{_scaled(m.group(2), 10000)}元"


# in a 分别 list (首次达到2000万元，8000万元的，分别给予…10万元，20万元 / 10万元以及20万元 /
# 2000万元以上、8000万元以上的): the items are separated by 、, and 以上 said after each item is said once, after the
# last (it is the same reading)
LIST_COMMA = re.compile(rf"(?<=[万亿]元)(?:[，,]|以及)(?={NUM}(?:亿元|万元|元)(?:[的、。；;]|以上的|$))")
LIST_ABOVE = re.compile(rf"(?<=[万亿]元)(?:及)?以上、(?={NUM}(?:亿元|万元|元)(?:及)?以上)")


def canonical(text: str) -> str:
    """The clause in the forms the sentence grammar reads (see the module's docstring); meaning unchanged."""
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text.translate(FULL_WIDTH))  # 1,000万元 (a list writes 、)
    text = THOUSANDS.sub(_thousands, YUAN_UPPER.sub("元", text))
    text = UPPER.sub(lambda m: m.group(0).translate(UPPER_DIGITS), text)
    text = GRADES_IN_HALVES.sub(_grades_in_halves, text)
    if "分别" in text:
        text = LIST_ABOVE.sub("、", LIST_COMMA.sub("、", text))
    text = MONTHLY_WAN.sub(_monthly_yuan, text)
    text = BETWEEN_SIGNS.sub(_signs, BARE_WAN.sub(_yuan, text))
    if (found := BARE_CLAIMANT.match(text)) and not GIVING.search(found.group(0)):
        text = "对" + text
    for pattern, replacement in REWRITES:
        text = pattern.sub(replacement, text)
    text = _levels(LOWER_UPPER.sub(_range, RATIO_PLAN.sub(_shares, text)))
    text = SHARE_OF.sub(_share_of, MULTIPLE.sub(_times, text))
    text = re.sub(r"百分之([零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?)", _percent, text)
    # 前一年度 alone is the year before this one (上一年度); beside another year word (前一年度无出口实绩、
    # 上年度出口额…) it is the year before that one
    if "前一年度" in text and not re.search(r"上一?年度?|当年|本年度", text.replace("前一年度", "")):
        text = text.replace("前一年度", "上一年度", 1)
    return text
