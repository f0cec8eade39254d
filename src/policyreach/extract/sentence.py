"""Draft rules from one clause sentence: conditions, an amount, and what could not become a rule.

The grammar is small and general rather than a list of sentences: a *measure* (named by the compositional
patterns of ``vocabulary``) followed by an optional filler (规模, 数量, 在, 为), a comparison word before or
after a quantity (不低于 X, X 以上, 过 X, X 之上 …), with the year read from the words before it (上年度, 当年 …)
and first-time forms (首次突破, 首破, 迈上…台阶). Amounts are read by form: a share of a base (按 … 的 X%,
给予 X% 奖补, 以 … 为基数), increments (增长部分, 增量), tiers (X 以上的 Y；X（含）至 Z 的 Y；不足 X 的 Y), per head,
per month, a fixed sum, each with a cap (最高, 封顶, 至多, 上限, 以 … 为限). Enumerations such as "A类200万元，
B类100万元" become variants, one benefit each. Every sentence with no condition is kept whole for a person.
Per-unit amounts, LPR interest, 一事一议, rent schedules and quantities the schema lacks are drafted with the
language's amount kinds (per_unit, manual, schedule) and proposed attributes (``_connected``, ``Draft.proposed``).
"""

from __future__ import annotations

import hashlib
import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from policyreach.extract import constructs, variants
from policyreach.extract import vocabulary as vocab
from policyreach.extract.numbers import CN, NUMBER, number, percentage, plain, to_wan

UNIT = r"(亿元|万元|元|亿|人次|人|件|家|个|台|项)"
QTY = rf"({NUMBER}|[千百]万|亿)\s*{UNIT}"
MONEY = rf"({NUMBER}|[千百]万|亿)\s*(亿元|万元|元)"
PCT = rf"(?:{NUMBER}%|百分之{NUMBER}|千分之{NUMBER}|[{CN}]成|一半)"
GE = (
    *("不低于", "不少于", "不小于", "达到", "达", "届满", "满", "破", "过"),
    *("迈上", "站上", "跨越", "突破", "首破", "在"),
)
GT = ("超过", "超", "高于", "大于")
LE = ("不超过", "不高于", "不多于")
LT = ("低于", "少于", "小于", "不足", "未满", "不满")
CMP = "|".join(sorted(GE + GT + LE + LT, key=len, reverse=True))
SUFFIX = r"(以上|及以上|之上|以下|及以下|以内|之下|台阶|关口)"
YEAR_WORDS = [
    ("上一年度", "last_year"),
    ("上年度", "last_year"),
    ("上年", "last_year"),
    ("近一年", "last_year"),
    ("前一年度", "years_ago(2)"),
    ("当年度", "this_year"),  # (当年度专利授权量: the whole word, no 度 left on the measure's label)
    ("当年", "this_year"),
    ("本年度", "this_year"),
    ("年内", "this_year"),
]
PREVIOUS = {"last_year": "years_ago(2)", "this_year": "last_year", "years_ago(2)": "years_ago(3)"}
AWARD = r"(?:给予|奖励|奖补|补贴|补助|资助|安家费|津贴|发放|返还|贴息|支持|安排|奖金|补差奖励)"


@dataclass
class Draft:
    conditions: list[tuple[str, float]] = field(default_factory=list)  # (expression, confidence)
    amount: tuple[str, float] | None = None
    manual: list[str] = field(default_factory=list)
    # enumerations ("博士10万元，硕士5万元"): each (its own conditions, its amount) becomes a benefit
    variants: list[tuple[list[tuple[str, float]], tuple[str, float]]] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # text read as conditions, not amounts
    budget: str | None = None  # a fund's size in 万元 (专项资金 X 万元): the fund's budget, never an award
    schedule: list[str] = field(default_factory=list)  # how an award is paid out (40%、30%、30%): application metadata
    # quantities the schema lacks, used by the drafted rules: identifier → label, type, unit, yearly, department
    proposed: dict[str, dict[str, object]] = field(default_factory=dict)
    handled: set[str] = field(default_factory=set)  # UNREADABLE reasons a new construct of the language drafted
    # dated parameters a drafted rule uses and the officer fills (美元兑人民币汇率): name → label, unit, values
    parameters: dict[str, dict[str, object]] = field(default_factory=dict)
    # quantities declared in the clause's words (the words, the column a rule reads): a later share of them
    # (按实际投入的1.5%) reads the same column
    quantities: list[tuple[str, str]] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)  # what a reader saw and could not draft: sends it to a person

    def propose(self, name: str, words: str | None = None) -> str:
        """Declare a proposed attribute; ``words``: how this clause names it, shown to the officer as its label."""
        label, type_, unit, yearly, department = PROPOSED[name]
        if words and name in self.proposed:
            return name  # the first naming in the clause stands
        label = words or label
        self.proposed[name] = {"label": label, "type": type_, "unit": unit, "yearly": yearly, "department": department}
        return name

    def declare(self, words: str, unit: str | None, yearly: bool, type_: str = "decimal") -> str:
        """A quantity no table names (网上销售本地农产品金额): proposed under an identifier made from its words,
        labelled with them; the officer names it properly when accepting it into the schema extension."""
        name = "quantity_" + hashlib.sha1(words.encode("utf-8")).hexdigest()[:8]
        self.proposed[name] = {"label": words, "type": type_, "unit": unit, "yearly": yearly, "department": None}
        return name

    def add(self, expr: str, confidence: float, span: tuple[int, int] | None = None) -> None:
        if expr not in [c for c, _ in self.conditions]:
            self.conditions.append((expr, confidence))
        if span:
            self.spans.append(span)

    def taken(self, start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in self.spans)


# quantities real policies use and the schema lacks (docs/formats.md, "Proposed attributes"): identifier →
# (Chinese label, type, unit, recorded by year, the department likely to hold the figure)
PROPOSED: dict[str, tuple[str, str, str | None, bool, str]] = {
    "invention_patents_granted": ("新授权发明专利", "integer", "件", True, "市场监督管理局（知识产权局）"),
    "utility_patents_granted": ("新授权实用新型专利", "integer", "件", True, "市场监督管理局（知识产权局）"),
    "design_patents_granted": ("新授权外观设计专利", "integer", "件", True, "市场监督管理局（知识产权局）"),
    "pct_patents_granted": ("新授权PCT国际专利", "integer", "件", True, "市场监督管理局（知识产权局）"),
    "pct_national_phase": ("进入国家阶段的PCT国际专利申请", "integer", "件", True, "市场监督管理局（知识产权局）"),
    "loan_interest_at_lpr": ("按贷款市场报价利率（LPR）计的贷款利息", "decimal", "万元", True, "人民银行分支机构"),
    "loan_rate_over_lpr_bp": (
        "贷款利率高出贷款市场报价利率（LPR）的基点数",
        "decimal",
        "基点",
        True,
        "人民银行分支机构",
    ),
    "planted_area": ("种植面积", "decimal", "亩", True, "农业农村局"),
    "transferred_land": ("土地流转面积", "decimal", "亩", True, "农业农村局"),
    "land_area": ("用地面积", "decimal", "亩", False, "自然资源局"),
    "world_top_regional_hq": ("世界500强企业区域总部", "boolean", None, False, "商务局"),
    "world_top_company": ("世界500强企业（含其子公司）", "boolean", None, False, "商务局"),
    "china_top_company": ("中国企业500强（含其子公司）", "boolean", None, False, "商务局"),
    "local_fiscal_contribution": ("地方财政贡献", "decimal", "万元", True, "税务局（财政局核定地方留成）"),
    "hq_enterprise": ("认定的总部企业", "boolean", None, False, "商务局"),
    "settled_date": ("入驻（落户）日期", "date", None, False, "企业自行申报（载体或主管部门核实）"),
    "loan_amount": ("贴息贷款金额", "decimal", "万元", True, "人民银行分支机构"),
    "loan_interest_at_benchmark": ("按贷款基准利率计的贷款利息", "decimal", "万元", True, "人民银行分支机构"),
    "loan_term": ("贷款期限", "decimal", "年", False, "人民银行分支机构"),
    "new_loan_interest": ("新增贷款利息", "decimal", "万元", True, "人民银行分支机构"),
    "new_agri_operator": ("新型农业经营主体", "boolean", None, False, "农业农村局"),
    "ipo_net_proceeds": ("首发上市募资净额", "decimal", "万元", False, "证券监管部门"),
    "project_investment": ("项目总投资", "decimal", "万元", False, "发展和改革委员会"),
    "cert_design_center_national_year": ("国家级工业设计中心认定年份", "integer", "年", False, "工业和信息化部门"),
    "cert_design_center_prov_year": ("省级工业设计中心认定年份", "integer", "年", False, "工业和信息化部门"),
    "cert_design_center_city_year": ("市级工业设计中心认定年份", "integer", "年", False, "工业和信息化部门"),
    # bases of a share (按其实际发生X的30%): spent by the firm in the year, shown by its invoices
    "total_input": ("总投入", "decimal", "万元", True, "企业自行申报（财政、主管部门审核）"),
    "intermediary_fees": ("中介服务费用", "decimal", "万元", True, "企业自行申报（主管部门审核）"),
    "insurance_premium": ("保费", "decimal", "万元", True, "金融监管部门（承保机构）"),
    "guarantee_fees": ("担保费", "decimal", "万元", True, "金融监管部门（担保机构）"),
    "certification_fees": ("认证费用", "decimal", "万元", True, "市场监督管理局"),
    "testing_fees": ("检测费用", "decimal", "万元", True, "市场监督管理局"),
    "booth_fees": ("展位费", "decimal", "万元", True, "商务局"),
    "training_fees": ("培训费用", "decimal", "万元", True, "人力资源和社会保障局"),
    "rent_paid": ("租金", "decimal", "万元", True, "企业自行申报（主管部门审核）"),
    "social_insurance_paid": ("单位缴纳的社会保险费", "decimal", "万元", True, "人力资源和社会保障局"),
    # measures clauses compare with that the schema lacks (PROPOSED_MEASURES)
    "output_value": ("工业产值", "decimal", "万元", True, "统计局"),
    "rd_deduction": ("研发费用加计扣除额", "decimal", "万元", True, "税务局"),
    "trade_value": ("进出口额", "decimal", "万元", True, "商务局（海关）"),
    # (网零额 is the statistics' short name of 网络零售额: the label gives both, the words an officer looks for)
    "online_retail_sales": ("网络零售额（网零额）", "decimal", "万元", True, "商务局（电子商务统计）"),
    "equipment_purchase": ("设备购置额", "decimal", "万元", False, "企业自行申报（工业和信息化部门审核）"),
    "equipment_investment": ("设备投资额", "decimal", "万元", False, "企业自行申报（工业和信息化部门审核）"),
    # amounts in 美元 are kept as stated, in 万美元 (an exchange rate is no rule the text gives)
    "trade_usd": ("进出口额（美元）", "decimal", "万美元", True, "商务局（海关）"),
    "exports_usd": ("出口额（美元）", "decimal", "万美元", True, "商务局（海关）"),
    "foreign_capital": ("实际利用外资", "decimal", "万元", True, "商务局"),
    "foreign_capital_usd": ("实际利用外资（美元）", "decimal", "万美元", True, "商务局"),
    # a 招商引资 policy's 内资 counterpart of 实际到位外资: the capital a newly brought-in firm or project received
    "capital_arrived": ("实际到位资金", "decimal", "万元", True, "商务局（投资促进部门）"),
    # a grant from another level of government that a clause matches (1:1 配套, 按国拨经费的20%配套)
    "national_grant": ("国家资助资金", "decimal", "万元", True, "科学技术局（项目下达文件）"),
    "provincial_grant": ("省级资助资金", "decimal", "万元", True, "科学技术局（项目下达文件）"),
    "city_grant": ("市级资助资金", "decimal", "万元", True, "财政局（市级拨付文件）"),
    "superior_grant": ("上级资助资金", "decimal", "万元", True, "主管部门（上级下达文件）"),
}
# quantities the schema lacks that clauses compare with or take a share of, named as the schema's own measures are
# (measures): matched before the schema's, since their words hold some of those (进出口额 holds 出口额)
PROPOSED_MEASURES: list[tuple[str, str, str]] = [
    ("output_value", r"(?:规上)?(?:工业)?(?:总)?产值(?!排|规模)", "money"),
    # the deduction the tax office allows on 研发费用, not the 研发费用 themselves
    ("rd_deduction", r"研发费用(?:税前)?加计扣除(?:额|金额|数额)", "money"),
    ("trade_value", rf"{vocab.TRADE_PART}(?:自营)?进出口(?:总)?(?:额|总值)", "money"),
    ("online_retail_sales", r"网(?:络|上)?零(?:售)?额", "money"),
    ("equipment_purchase", r"(?:新)?设备购置(?:额|费用|费|金额|款)", "money"),
    # a project's 设备投资额, undated, is a part of its investment, not the firm's yearly 固定资产投资; dated
    # (当年完成设备投资, 上年度设备投资) or an increase (新增设备投资) it stays the firm's yearly figure
    (
        "equipment_investment",
        r"(?<!年)(?<!年度)(?<!年内)(?<!完成)(?<!新增)(?:生产和技术|技术)?设备投(?:资|入)(?:额|金额)?",
        "money",
    ),
    ("project_investment", r"(?:项目)?总投资(?:额)?", "money"),
    # the interest the year's new loans bear: neither the new loans themselves nor their increase over a year
    ("new_loan_interest", r"新增(?:银行)?贷款(?:的)?利息", "money"),
    ("foreign_capital", r"(?:实际)?(?:利用|到账|到位|使用)外资(?:额|金额)?|实际到资额|外资到账额", "money"),
    ("capital_arrived", r"实际到位(?:注册)?(?:资本金|资金)(?:额|金额)?", "money"),
]
# the words that name each base in a clause
PROPOSED_BASES = (
    # (基本养老、基本医疗和失业保险费 are social insurance a firm pays, not an insurance policy's 保费)
    (r"社会保险费|(?:养老|医疗|失业|工伤|生育)保险费", "social_insurance_paid"),
    (r"总投入", "total_input"),
    (r"中介服务费", "intermediary_fees"),
    (r"担保费", "guarantee_fees"),
    (r"保费|保险费(?!补)", "insurance_premium"),
    (r"认证费", "certification_fees"),
    (r"检测费", "testing_fees"),
    (r"展位费", "booth_fees"),
    (r"培训费", "training_fees"),
    (r"租金|房租", "rent_paid"),
)

NOT_RULES = (
    # 文号 (财科〔2023〕5号), titles of other documents and article references carry numbers that are no rule
    re.compile(r"[\u4e00-\u9fff]{1,8}[〔\[]\d{4}[〕\]]\d+号"),
    re.compile(r"《[^》]{1,60}》"),
    re.compile(rf"(?:本(?:办法|政策|措施|细则|方案))?第[{CN}\d]+条(?:第[(（]?[{CN}\d]+[)）]?[项款点])?"),
)


def _plain(text: str) -> str:
    """Half-width digits and punctuation, no spaces: the text as the readers see it, article numbers kept."""
    table = str.maketrans("０１２３４５６７８９％；：（），∶～－", "0123456789%;:(),:~-")
    # quotes around a name (省级“专精特新”中小企业, “绿色工厂”称号) are no part of it: the name reads as without them
    text = re.sub(r"[“”‘’「」]", "", text)
    return text.strip().translate(table).replace(" ", "").replace("\u3000", "").replace("，", ",")


def _normalise(text: str) -> str:
    text = _plain(text)
    for pattern in NOT_RULES:
        text = pattern.sub(lambda m: "※" * len(m.group(0)), text)
    # "国家级、省级企业技术中心" names two certifications: spelt out so that each is found on its own
    text = re.sub(
        r"(国家级|自治区级|省级|市级)、(自治区级|省级|市级)(企业技术中心|重点实验室)",
        lambda m: f"{m.group(1)}{m.group(3)}、{m.group(2)}{m.group(3)}",
        text,
    )
    # 设备投资额(含软件)达到300万元以上: what a measure takes in, said between it and its threshold, is the same
    # measure (only 含, or 不含税 that says how it is counted: any other 不含 narrows it, and a bare (含) after a
    # number is the bound's own)
    text = re.sub(r"(?<=[额费资])\((?:(?:包)?含[^()\d]{1,10}|不含(?:增值)?税)\)", "", text)
    # 年销售额(营业额)达到200万元: the same revenue named again in another trade's words, in brackets, no other measure
    text = re.sub(rf"({vocab.REVENUE})\({vocab.REVENUE}\)", r"\1", text)
    # 按300元/人/月的标准 says 按每人每月300元的标准 (and 元/人/年 每人每年): one reading of a per-person sum
    text = re.sub(rf"({NUMBER})元/人/([月年])", r"每人每\2\1元", text)
    text = re.sub(rf"({NUMBER})元/([月年])/人", r"每人每\2\1元", text)
    text = re.sub(rf"({NUMBER})(万?元)/人(?![/次])", r"每人\1\2", text)  # 按500元/人的标准: 每人500元
    # 按10元/平方米/月的标准 says 按每平方米每月10元的标准: a sum per unit of area a month (or a year)
    text = re.sub(rf"({NUMBER})元/平方米/([月年])", r"每平方米每\2\1元", text)
    # 每招用1名就业困难人员，给予1000元 says 招用就业困难人员，每人给予1000元 (每吸纳1人: the people the claimant
    # is named by): a per-person sum for the people hired
    text = re.sub(
        r"每(新招用|招用|吸纳|招收|聘用|安置)(?:1|一)(?:名|人)([^,;。\d]{2,12}?,)?",
        lambda m: f"{m.group(1)}{m.group(2)}每人" if m.group(2) else "每人",
        text,
    )
    # 按实际完成投资额的0.2‰奖补 is a share (千分之0.2) of the named sum; 月利率2‰ stays a rate (its own reason)
    text = re.sub(rf"(?<!利率)(?<!利率为)({NUMBER})‰", r"千分之\1", text)
    # 按上级补助资金给予等额配套 says 给予1:1配套: the grant matched in full
    text = re.sub(r"(?:给予|予以)?等额(?:资金)?配套", "给予1:1配套", text)
    # 一企一策, 一项一策, 一事一策: the amount a reviewer sets for the one claimant, as 一事一议 says
    text = re.sub(r"一[企项事]一[策议]", "一事一议", text)
    # 对上年度新注册的企业，当年进出口额…: 当年 after a dated arrival is the year the clause said, not this year
    text = re.sub(
        r"(上一?年度|前一年度|\d{4}年度?)((?:新|首次)?(?:注册|设立|成立|引进|落户|迁入)[^;。]{0,30}?,)当年(?!度)",
        r"\1\2\1",
        text,
    )
    return text


LISTING_STAGE_WORD = (
    r"(?:完成)?(?:股份制改造|股改|辅导备案|辅导验收|申报(?:材料)?(?:获)?受理"
    r"|(?:上市|首发)?申请(?:获)?受理|(?:成功)?上市)"
)
# (分辅导备案、申报受理、上市三个阶段分别奖励…: 分 for 按, a bare 上市 for the last stage)
LISTING_STAGE_SUMS = re.compile(
    rf"(?:按(?:照)?|分)((?:{LISTING_STAGE_WORD})(?:、{LISTING_STAGE_WORD})+)(?:等)?(?:[一二三四五六\d]个)?阶段[,，]?"
    rf"分别(给予|奖励|补助)((?:{NUMBER}万元、)+{NUMBER}万元)(奖励|补助)?"
)


def _year(text: str, start: int) -> str:
    window = text[max(0, start - 10) : start]
    best, where = "last_year", -1
    for word, year in YEAR_WORDS:
        i = window.rfind(word)
        if i > where:
            best, where = year, i
    return best


def _quantity(value: str, unit: str, kind: str) -> str:
    if value in ("千万", "百万", "亿"):
        value = {"千万": "一千万", "百万": "一百万", "亿": "一亿"}[value]
    if unit in ("亿",):
        unit = "亿元"
    if kind == "money":
        if unit in ("亿元", "万元", "元"):
            return plain(to_wan(value, unit))
        return plain(number(value))
    return plain(number(value))


def _op(word: str | None, suffix: str | None) -> str | None:
    if word in LE or suffix in ("以下", "及以下", "以内"):
        return "<="
    if word in LT or suffix == "之下":
        return "<"
    if word in GT or suffix == "之上":
        return ">"
    if word in GE or suffix in ("以上", "及以上", "台阶", "关口"):
        return ">="
    return None


def _column(attr: str, year: str) -> str:
    if attr in vocab.EXPRESSIONS:
        return vocab.EXPRESSIONS[attr].format(y=year)
    if attr in ("rd_ratio", "revenue_growth") or attr in vocab.NOT_YEARLY:
        return attr
    if attr in PROPOSED and not PROPOSED[attr][3]:
        return attr
    return f"{attr}[{year}]"


def measures(text: str) -> list[tuple[str, str, int, int]]:
    """Every measure named in the text: (attribute, kind, start, end), the first pattern owning its stretch."""
    found: list[tuple[str, str, int, int]] = []
    for attr, pattern, kind in _proposed_measures() + vocab.measure_regex():
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for _, _, s, e in found):
                continue
            found.append((attr, kind, m.start(), m.end()))
    return sorted(found, key=lambda f: f[2])


@cache
def _proposed_measures() -> list[tuple[str, re.Pattern[str], str]]:
    return [(a, re.compile(p), k) for a, p, k in PROPOSED_MEASURES]


def _pct(text: str) -> Decimal:
    """The fraction a ``PCT`` match stands for: every shape PCT admits is one ``percentage`` reads."""
    value = percentage(text)
    if value is None:
        raise ValueError(f"{text!r} matched PCT but is no percentage")
    return value


def _comparisons(text: str, draft: Draft) -> None:
    for attr, kind, start, end in measures(text):
        if re.search(rf"季度?|当季|[{CN}\d]+月(?:份)?$", text[max(0, start - 6) : start]):
            continue  # a quarter's or months' figure (一季度产值) is no yearly value: its threshold stays unread
        year = _year(text, start)
        col = _column(attr, year)
        rest = text[end : end + 30]
        if kind == "pct":
            if m := re.match(rf"(?:在|为)?({CMP})?({PCT})(以上|及以上|以下|之上)?", rest):
                op = _op(m.group(1), m.group(3)) or ">="
                draft.add(f"{col} {op} {plain(_pct(m.group(2)) * 100)}", 0.85, (start, end + m.end()))
            continue
        if attr in USD_OF and _usd_threshold(text, attr, year, start, end, draft):
            continue
        growth = re.match(
            rf"(?:同比)?(?:增幅|增长率|增速|增长)(?:在|为)?({CMP})?({PCT})(以上|及以上)?", rest
        ) or re.match(rf"(?:同比|[较比](?:上一?年度?|前一年度))增长(?:率)?({CMP})?({PCT})(以上|及以上)?", rest)
        if growth:
            rate = _pct(growth.group(2))
            # 增长超过20% excludes 20% (民法典 第一千二百五十九条), as any 超过 does; 以上 and 达到 include it
            op = ">" if _op(growth.group(1), growth.group(3)) == ">" else ">="
            if attr == "revenue":
                draft.add(f"revenue_growth {op} {plain(rate * 100)}", 0.8, (start, end + growth.end()))
            else:
                draft.add(f"{col} {op} {attr}[{PREVIOUS[year]}] * {plain(1 + rate)}", 0.75, (start, end + growth.end()))
            # (增速达到15%(含)至25%: the lower end's own (含) before the range's 至)
            if top := re.match(rf"(?:\(含\))?\s*(?:-|—|~|～|至|到)\s*({PCT})(\(不含\))?", rest[growth.end() :]):
                # 增长10%-20%: a band of growth, its upper end included unless the clause says otherwise
                high, below = _pct(top.group(1)), "<" if top.group(2) else "<="
                where = (start, end + growth.end() + top.end())
                if attr == "revenue":
                    draft.add(f"revenue_growth {below} {plain(high * 100)}", 0.75, where)
                else:
                    draft.add(f"{col} {below} {attr}[{PREVIOUS[year]}] * {plain(1 + high)}", 0.7, where)
            continue
        if increase := re.match(
            rf"(?:同比)?(?:净)?(?:增量|增加额|新增额)(?:合计)?(?:在|为)?({CMP})?{QTY}(\((?:不)?含\))?{SUFFIX}?", rest
        ):
            # 产值增量超过1000万元: the year's figure less the year before's, compared like the figure itself
            said_op, said_value, said_unit, marked, said_suffix = increase.groups()
            relation = _op(said_op, said_suffix)
            # 销售额增量在1亿元（含）至3亿元（不含）: a band of the increase, its lower end read as 以上 is
            top = re.match(rf"\s*(?:-|—|~|～|至|到)\s*{QTY}(\((?:不)?含\))?", rest[increase.end() :])
            if top and not relation and not said_suffix:
                relation = ">="
            if relation and "[" in col and not (kind == "money" and said_unit not in ("亿元", "万元", "元", "亿")):
                if marked == "(不含)":
                    relation = {">=": ">", "<=": "<"}.get(relation, relation)
                elif marked == "(含)":
                    relation = {">": ">=", "<": "<="}.get(relation, relation)
                x = _quantity(said_value, said_unit, kind)
                draft.add(f"{col} - {attr}[{PREVIOUS[year]}] {relation} {x}", 0.75, (start, end + increase.end()))
                if top and relation in (">=", ">"):
                    below = "<" if top.group(3) == "(不含)" else "<="
                    y = _quantity(top.group(1), top.group(2), kind)
                    where = (start, end + increase.end() + top.end())
                    draft.add(f"{col} - {attr}[{PREVIOUS[year]}] {below} {y}", 0.75, where)
                continue
        if m := re.match(r"(?:人数)?(?:较|比)(?:前一年度|上年度?|上一年度)(?:净)?(增加|增长|不减少|减少)(?!\d)", rest):
            op = {"增加": ">", "增长": ">", "不减少": ">=", "减少": "<"}[m.group(1)]
            draft.add(f"{col} {op} {attr}[{PREVIOUS[year]}]", 0.8, (start, end + m.end()))
            continue
        if m := re.match(rf"(?:人数)?(?:较|比)(?:前一年度|上年度?)(?:净)?增加{QTY}(以上)?", rest):
            draft.add(
                f"{col} - {attr}[{PREVIOUS[year]}] >= {_quantity(m.group(1), m.group(2), kind)}",
                0.75,
                (start, end + m.end()),
            )
            continue
        if m := re.match(r"(?:人数)?不低于(?:前一年度|上年度?)", rest):
            draft.add(f"{col} >= {attr}[{PREVIOUS[year]}]", 0.8, (start, end + m.end()))
            continue
        if kind == "money" and (
            later := re.match(
                rf"[^;。]{{0,16}}?(?:且|、|,)(?:(?:较上一?年度?|比上一?年度?|同比)增长(?:率)?|增幅|增速|增长率)"
                rf"(?:在|为|达到)?({CMP})?({PCT})(以上|及以上)?",
                rest,
            )
        ):
            rate = _pct(later.group(2))
            where = (end + later.start(2) - len(later.group(1) or ""), end + later.end())
            op = ">" if _op(later.group(1), later.group(3)) == ">" else ">="
            if attr == "revenue":
                draft.add(f"revenue_growth {op} {plain(rate * 100)}", 0.75, where)
            elif "[" in col:
                draft.add(f"{col} {op} {attr}[{PREVIOUS[year]}] * {plain(1 + rate)}", 0.7, where)
        if attr == "revenue" and re.match(r"连续(三|3)个?年度?(?:正)?增长", rest):
            draft.add("revenue[last_year] > revenue[years_ago(2)]", 0.75, (start, end + 6))
            draft.add("revenue[years_ago(2)] > revenue[years_ago(3)]", 0.75)
            continue
        if _range(rest, col, kind, draft, (start, end)):
            continue
        pre = re.search(rf"{QTY}(以上|及以上)(?:的)?$", text[max(0, start - 12) : start])
        if kind == "count" and pre and pre.group(2) not in ("亿元", "万元", "元", "亿"):
            draft.add(f"{col} >= {plain(number(pre.group(1)))}", 0.8, (start - len(pre.group(0)), end))
            continue
        pattern = (
            rf"(?:拥有量|贡献|规模|数量|总数|总额|金额|人数|数|额)?(?:完成|实现)?(在|为|达)?(首次|首)?({CMP})?(?:了)?"
            rf"{QTY}(\(含\)|\(不含\))?{SUFFIX}?(\((?:不)?含[^)]{{0,8}}\))?"
        )
        m = re.match(pattern, rest)
        if not m or re.match(r"(?:的)?部分", rest[m.end() :]):
            continue  # (成交额1000万元及以下部分按1%: a band of a sum paid on, no threshold of the claimant)
        word: str | None
        filler, first, word, value, unit, marked, suffix, marked_after = m.groups()
        # "X（不含）以上" / "X以下（不含）": the clause itself says the number is excluded (民法典 第一千二百五十九条)
        # (不含土地款, 含税: what the figure holds, not whether the threshold is in it)
        marked_after = marked_after if marked_after and BOUNDARY_MARK.fullmatch(marked_after) else None
        strict = marked == "(不含)" or bool(marked_after and marked_after.startswith("(不含"))
        word = word or ("达" if filler == "达" else None)
        if kind == "money" and unit not in ("亿元", "万元", "元", "亿"):
            continue
        if kind == "count" and unit in ("亿元", "万元", "元", "亿"):
            continue
        relation = _op(word, suffix)
        if relation is None:
            continue
        if strict:
            relation = {">=": ">", "<=": "<"}.get(relation, relation)
        elif marked == "(含)" or (marked_after or "").startswith("(含"):
            relation = {">": ">=", "<": "<="}.get(relation, relation)  # 超过1000万元（含）: the clause includes it
        x = _quantity(value, unit, kind)
        span = (start, end + m.end())
        first_time = first or word in ("首破", "迈上", "站上", "跨越") or suffix in ("台阶", "关口")
        if first_time and kind == "money" and relation in (">=", ">") and col.endswith("]"):
            draft.add(f"{col} {relation} {x}", 0.85, span)
            draft.add(f"{attr}[{PREVIOUS[year]}] {'<' if relation == '>=' else '<='} {x}", 0.85)
        elif word == "在" and suffix is None:
            continue
        else:
            draft.add(f"{col} {relation} {x}", 0.85, span)


# a mark on a threshold's own figure: （含）, （不含本数）, （含5000万元）; not （不含土地款）, which says what it holds
BOUNDARY_MARK = re.compile(rf"\((?:不)?含(?:本数|{NUMBER}\s*(?:亿元|万元|元|亿|万)?)?\)")
USD_OF = {"trade_value": "trade_usd", "exports": "exports_usd", "foreign_capital": "foreign_capital_usd"}
GROWTH_AFTER = (
    rf"[^;。]{{0,16}}?(?:且|、|,)(?:(?:较上一?年度?|比上一?年度?|同比)增长(?:率)?|增幅|增速|增长率)"
    rf"(?:在|为|达到)?({CMP})?({PCT})(以上|及以上)?"
)


# the increase of a figure in 美元 over the year before, said between the figure and its bound
USD_INCREASE = re.compile(
    r"(?:总额|金额|额)?(?:\([^)]{1,20}\))?(?:较|比)(?:上一?年度?|前一年度|\d{4}年度?)(?:的)?(?:增量|增加额|新增额|新增|增加)(?=[^%]{0,6}美元)"
)


def _usd_threshold(text: str, attr: str, year: str, start: int, end: int, draft: Draft) -> bool:
    """ "进出口额达到1000万美元以上": the threshold kept in 万美元 as stated, on the quantity in 美元 (a proposed
    attribute), with the growth the clause asks of it."""
    rest = text[end : end + 40]
    usd = USD_OF[attr]
    col, named = f"{usd}[{year}]", text[start:end]
    if increase := USD_INCREASE.match(text[end : end + 30]):
        # 进出口额（按海关统计，以美元计）较前一年度增量在100万美元（含）—500万美元的: the year's figure less the year
        # before's, compared as the figure itself is (its bounds kept in 万美元)
        col, end = f"{col} - {usd}[{PREVIOUS[year]}]", end + increase.end()
        rest = text[end : end + 40]
    if band := re.match(
        rf"(?:总额|金额|额)?(?:\([^)]{{1,8}}\))?(?:在|为)?({NUMBER})\s*(亿美元|万美元)?(\((?:不)?含\))?(?:至|-|—|~|到)"
        rf"({NUMBER})\s*(亿美元|万美元)(\((?:不)?含[^)]{{0,12}}\))?(?:之间)?",
        rest,
    ):
        # 在500万美元至1000万美元之间: both ends, each included unless the clause marks it (as for 元 ranges)
        low, low_unit, low_mark, high, high_unit, high_mark = band.groups()
        scale = {"亿美元": 10000, "万美元": 1}
        draft.propose(usd, f"{named}（美元）")
        low_op = ">" if (low_mark or "").startswith("(不") else ">="
        high_op = "<" if (high_mark or "").startswith("(不") else "<="
        low_value = plain(number(low) * scale[low_unit or high_unit])
        draft.add(f"{col} {low_op} {low_value}", 0.8, (start, end + band.end()))
        draft.add(f"{col} {high_op} {plain(number(high) * scale[high_unit])}", 0.8, (start, end + band.end()))
        return True
    m = re.match(
        rf"(?:总额|金额|额)?(?:\([^)]{{1,8}}\))?(?:在|为)?(首次|首)?({CMP})?({NUMBER})\s*(亿美元|万美元)(\((?:不)?含\))?"
        rf"{SUFFIX}?(\((?:不)?含[^)]{{0,8}}\))?",
        rest,
    )
    if not m:
        return False
    first, word, value, unit, marked, suffix, marked_after = m.groups()
    relation = _op(word, suffix)
    if relation is None:
        return False
    if marked == "(不含)" or (marked_after or "").startswith("(不含"):
        relation = {">=": ">", "<=": "<"}.get(relation, relation)
    amount = number(value) * (10000 if unit == "亿美元" else 1)
    draft.propose(usd, f"{named}（美元）")
    draft.add(f"{col} {relation} {plain(amount)}", 0.8, (start, end + m.end()))
    if (first or word in ("首破", "迈上", "站上", "跨越") or suffix in ("台阶", "关口")) and relation in (">=", ">"):
        # 首次突破1亿美元: above it this year, below it the year before (as for 元 figures)
        draft.add(f"{usd}[{PREVIOUS[year]}] {'<' if relation == '>=' else '<='} {plain(amount)}", 0.8)
    if later := re.match(GROWTH_AFTER, rest[m.end() :]):
        rate = _pct(later.group(2))
        where = (end + m.end() + later.start(2), end + m.end() + later.end())
        draft.add(f"{col} >= {usd}[{PREVIOUS[year]}] * {plain(1 + rate)}", 0.75, where)
    return True


def _usd_read(text: str, draft: Draft) -> None:
    """Every 美元 figure of the clause is in a drafted rule (kept in 万美元), so its 美元 needs no person. A
    measure the clause states in 美元 is read in 美元 in its other comparisons too (出口额同比增长20%以上且出口额在
    500万美元以上: the growth of the 美元 figure)."""
    for attr, in_usd in USD_OF.items():
        if in_usd in draft.proposed:
            draft.conditions = [(re.sub(rf"\b{attr}\[", f"{in_usd}[", c), k) for c, k in draft.conditions]
            draft.conditions = [
                x for i, x in enumerate(draft.conditions) if x[0] not in [c for c, _ in draft.conditions[:i]]
            ]
    if (
        len(re.findall(rf"(?:奖励|给予|补助|资助|补贴)(?:人民币)?{NUMBER}(?:万元|元)", text)) >= 2
        and not draft.variants
    ):
        return  # bands of a 美元 figure, each with its award (…奖励20万元；1000万美元以上的，奖励50万元): to a person
    rules = [c for c, _ in draft.conditions] + ([draft.amount[0]] if draft.amount else [])
    rules += [c for own, _ in draft.variants for c, _ in own]
    usd = [name for name, spec in draft.proposed.items() if spec["unit"] == "万美元"]
    rules = [r for r in rules if "_usd" in r or any(re.search(rf"\b{n}\b", r) for n in usd)]
    for m in re.finditer(rf"({NUMBER})(亿美元|万美元)", text):
        if text[max(0, m.start() - 1) : m.start()] == "每":
            continue  # 每1万美元: the unit of a rate, not a figure a rule compares
        value = plain(number(m.group(1)) * (10000 if m.group(2) == "亿美元" else 1))
        if not any(re.search(rf"(?<![\d.]){re.escape(value)}(?![\d])", r) for r in rules):
            return
    paid_on_usd = (
        bool(draft.amount)
        and draft.amount is not None
        and ("_usd" in draft.amount[0] or any(re.search(rf"\b{n}\b", draft.amount[0]) for n in usd))
    )
    if re.search(r"每[^,;。]{0,3}美元", text) and not paid_on_usd:
        return
    in_yuan = draft.amount and any(re.search(rf"\b{a}\[", draft.amount[0]) for a in USD_OF)
    if in_yuan and not constructs.paid_in_yuan(text, draft, USD_OF):
        return  # a share of a figure stated in 美元, paid in 元, that was not read on its 美元 figure
    if rules:
        draft.handled.add(USD_REASON)


# words that end the name of a sum of money a firm reports (购置工业机器人实际投入, 服务外包离岸执行额)
# (资本: 实缴注册资本, what a firm paid in, which the registered 注册资本 is not)
MONEY_NOUN = r"(?:额|投入|投资|金额|收入|费用|支出|总值|价值|营收|资产|融资|收益|成本|造价|价格|价款|房款|资本)"
DECLARED_THRESHOLD = re.compile(
    rf"(首次突破|首次达到|首次超过|不低于|不少于|达到|超过|突破|在|达)?({NUMBER})\s*(亿元|万元|亿美元|万美元)"
    rf"(\((?:不)?含\))?(以上|及以上|以下|及以下|以内)?(?!至|-|—|~|到)"
)


def _declared_thresholds(text: str, draft: Draft) -> None:
    """A threshold on a sum the schema and the tables lack (购置工业机器人实际投入达到100万元以上, 服务外包离岸执行额
    达到100万美元以上): a proposed attribute in the clause's own words (美元 kept in 万美元), never dropped. Yearly
    when the clause dates it (上年度, 当年). Bands (several thresholds of one quantity) are left to ``_tiers``."""
    if "分别" in text or "部分" in text:
        return
    for m in DECLARED_THRESHOLD.finditer(text):
        word, value, unit, marked, suffix = m.groups()
        if not (word or suffix) or draft.taken(m.start(), m.end()):
            continue
        if not (declared := _declared_words(text, m.start())):
            continue
        words, said = declared
        relation = _op(word if word not in ("首次突破", "首次达到", "首次超过") else word[2:], suffix)
        if relation is None or (word == "在" and suffix is None):
            continue
        if marked == "(不含)":
            relation = {">=": ">", "<=": "<"}.get(relation, relation)
        usd = unit.endswith("美元")
        amount = number(value) * 10000 if unit == "亿美元" else number(value) if usd else to_wan(value, unit)
        yearly = said is not None
        name = draft.declare(words, "万美元" if usd else "万元", yearly)
        col = f"{name}[{said[1]}]" if said else name
        draft.add(f"{col} {relation} {plain(amount)}", 0.6, m.span())
        if word and word.startswith("首次") and said and relation in (">=", ">"):
            draft.add(f"{name}[{PREVIOUS[said[1]]}] {'<' if relation == '>=' else '<='} {plain(amount)}", 0.6)
        if said and (later := re.match(GROWTH_AFTER, text[m.end() :])):
            # 年零售额1亿元以上且增速超过20%: the growth of the figure just named, as for the table's own figures
            op = ">" if _op(later.group(1), later.group(3)) == ">" else ">="
            where = (m.end() + later.start(2) - len(later.group(1) or ""), m.end() + later.end())
            draft.add(f"{col} {op} {name}[{PREVIOUS[said[1]]}] * {plain(1 + _pct(later.group(2)))}", 0.6, where)
        draft.quantities.append((words, col))


def _declared_words(text: str, start: int) -> tuple[str, tuple[str, str] | None] | None:
    """The words naming a sum the schema lacks just before ``start`` (上年度融资规模在…), and the year they state."""
    piece = re.split(r"[,;。、]", text[:start])[-1]
    named = re.search(rf"([\u4e00-\u9fff]{{2,20}}?{MONEY_NOUN})(?:规模|总额)?(?:在|为)?$", piece)
    if not named:
        return None
    words = re.sub(r"^(?:对|凡|经[^,;。]{0,6}?认定的)?", "", named.group(1))
    said = next(((w, y) for w, y in YEAR_WORDS if w in words), None)
    if said:
        words = words[words.find(said[0]) + len(said[0]) :]
    elif lead := re.match(r"(?:年度|年)(?=[\u4e00-\u9fff]{2})", words):
        said = (lead.group(0), "last_year")  # 年度技术改造投资额: the figure of the year, read for the last one
        words = words[lead.end() :]
    words = re.sub(r"^(?:的|企业|单位|其)+", "", words)
    if not (2 <= len(words) <= 16) or re.search(r"最高|最低|上限|奖励|补助|补贴|资助|给予|每|贷款", words):
        return None  # (a loan's size is read with the interest subsidy it qualifies for)
    return words, said


def _declared_ranges(text: str, draft: Draft) -> None:
    """A band of a sum the schema lacks (上年度融资规模在1000万元（含）至5000万元（不含）的): both ends on a proposed
    attribute in the clause's own words, read as a known figure's band is (``_range``), never left unread."""
    if "分别" in text or "部分" in text:
        return
    for m in RANGE.finditer(text):
        if m.group(5) not in ("亿元", "万元") or draft.taken(m.start(), m.end()):
            continue
        if not (declared := _declared_words(text, m.start())):
            continue
        words, said = declared
        name = draft.declare(words, "万元", said is not None)
        col = f"{name}[{said[1]}]" if said else name
        if _range(text[m.start() :], col, "money", draft, (m.start(), m.start())):
            draft.quantities.append((words, col))


SERVED_FIRMS = re.compile(
    rf"(服务|带动|孵化|入驻|集聚)([^,;。\d]{{2,14}}?)(超过|达到|不少于|不低于|满)({NUMBER})家(以上|及以上)?"
)


def _served_firms(text: str, draft: Draft) -> None:
    """A count of the firms the claimant serves or hosts (服务本市中小外贸企业超过100家): a proposed count in 家 in
    the clause's words, of the year the clause dates; never dropped (the schema counts no firm's clients)."""
    for m in SERVED_FIRMS.finditer(text):
        relation = _op(m.group(3), m.group(5))
        if relation is None or draft.taken(*m.span()):
            continue
        dated = re.search(r"年度|当年|上年|每年", text[: m.start()])
        name = draft.declare(m.group(1) + m.group(2), "家", dated is not None, "integer")
        col = f"{name}[{_year(text, m.start())}]" if dated else name
        draft.add(f"{col} {relation} {plain(number(m.group(4)))}", 0.6, m.span())


# 担保费率不超过1%, 保险费率低于2%: a ceiling on a rate the claimant charges or pays, in % of the year's business
FEE_RATE = re.compile(rf"((?:担保|保险|综合|融资|服务)?费率)(不超过|不高于|低于|在)({NUMBER})%(以下|以内)?")


def _fee_rates(text: str, draft: Draft) -> None:
    """A ceiling on a fee rate (对担保费率不超过1%的…业务): a proposed attribute in the clause's words, in %, of the
    year the business was done; never dropped silently."""
    for m in FEE_RATE.finditer(text):
        words, word, value, suffix = m.groups()
        if (word == "在" and not suffix) or draft.taken(m.start(), m.end()):
            continue
        relation = "<" if word == "低于" else "<="
        name = draft.declare(re.sub(r"^(?:对|其|的)+", "", words), "%", True)
        draft.add(f"{name}[last_year] {relation} {plain(number(value))}", 0.6, m.span())


# 贷款期限届满1年以上, 贷款期限在3年（含）以上, 贷款期限不满1年: the loan's term against a number of years, 届满 and
# 以上 including it, 不满 excluding it (民法典 第一千二百五十九条); a subsidy's own period (贴息期限不超过3年) is
# no loan's
LOAN_TERM_BOUND = re.compile(
    rf"贷款期限(?:(届满|满|达到|在)|(不满|不足|未满))?({NUMBER})(?:个)?年(\(含(?:{NUMBER}年)?\))?(以上|及以上|以内|以下)?"
)


def _loan_term_bounds(text: str, draft: Draft) -> None:
    """A bound on the loan's term, in years (``loan_term``), never dropped silently."""
    for m in LOAN_TERM_BOUND.finditer(text):
        reach, short, years, _, side = m.groups()
        if draft.taken(*m.span()) or not (reach or short or side):
            continue
        op = "<" if short else "<=" if side in ("以内", "以下") else ">="
        draft.add(f"{draft.propose('loan_term')} {op} {plain(number(years))}", 0.7, m.span())


# 利率不高于LPR加100个基点的贷款，按实际发生利息的50%: the loans' rate, a condition of its own in basis points over
# LPR, beside a share of the interest actually paid (the LPR share readings, ``_connected``, take theirs)
# (不超过贷款合同签订日LPR加50个基点: the day the rate is priced on, no condition of its own)
LOAN_RATE_OVER_LPR = re.compile(
    r"(?:贷款)?(?:实际)?(?:执行)?利率(?:不高于|不超过)(?:(?:贷款)?合同签订(?:日|当日|时)|放款日)?的?(?:同期)?"
    r"(?:[一五15]年期)?(?:贷款市场报价利率(?:\(LPR\))?|LPR)"
    r"(?:上浮|加|\+)(\d+)个?基点(?:\(含\))?"
)


def _loan_rate_over_lpr_bound(text: str, draft: Draft) -> None:
    """The rate bound in basis points, when the sum is a share of the interest paid and LPR is named nowhere else."""
    bound = LOAN_RATE_OVER_LPR.search(text)
    if not bound or not _reads(draft, "loan_interest_paid") or LPR_REASON in draft.handled:
        return
    rest = text[: bound.start()] + text[bound.end() :]
    if re.search(r"LPR|报价利率|基准利率|基点", rest):
        return
    draft.add(f"{draft.propose('loan_rate_over_lpr_bp')}[last_year] <= {bound.group(1)}", 0.7, bound.span())
    draft.handled.update({LPR_REASON, RAISE})  # (上浮N个基点 is the rate's bound, no raise of another clause's sum)


COUNT_THRESHOLD = re.compile(
    rf"(不低于|不少于|达到|超过|在|达|低于|不足)?({NUMBER})\s*(件|项|万吨标准煤|吨标准煤|万吨|吨|万人次|人次|人|万立方米|立方米|万平方米|平方米|亩|间夜|趟|架次|辆|户|天)"
    r"(\((?:不)?含\))?"
    r"(以上|及以上|以下|及以下)?(?!至|-|—|~|到)"
)
# a band of a capacity or an area, as a table's row writes it (2000（含）—5000平方米)
SIZE_BAND = re.compile(
    rf"({NUMBER})\s*(?:万吨|吨|立方米|平方米)?(\((?:不)?含\))?(?:至|-|—|~|到)({NUMBER})\s*(万吨|吨|立方米|平方米)"
    r"(\((?:不)?含\))?"
)


DECLARED_RATE = re.compile(
    rf"([\u4e00-\u9fff]{{2,8}}?(?:率|人数|占比))(?:在|为)?(不低于|不高于|达到|超过|低于|不足|不超过)?({NUMBER})%"
    r"(\((?:不)?含\))?(以上|及以上|以下|及以下)?(?=的|,|、|且|并)"
)


def _declared_rates(text: str, draft: Draft) -> None:
    """见习留用率达到50%及以上的见习单位: a threshold on a rate the schema lacks, a proposed yearly share in %, in
    the clause's words (a rate that prices a loan or a fee, and growth, are read elsewhere)."""
    for m in DECLARED_RATE.finditer(text):
        words, word, value, marked, suffix = m.groups()
        words = re.sub(r"^(?:对|凡|其|企业|单位)+", "", re.split(r"[或和及且、]", words)[-1])  # 未裁员或裁员率
        year = next((y for w, y in YEAR_WORDS if words.startswith(w)), None)
        words = re.sub("^(?:" + "|".join(w for w, _ in YEAR_WORDS) + ")", "", words)
        relation = _op(word, suffix)
        if (
            relation is None
            or draft.taken(m.start(), m.end())
            # (支农支小担保业务占比不低于60%: a share the clause names ends in 占比, as a rate in 率 does)
            or re.search(r"利率|费率|贴息率|汇率|税率|增长率|增速|比率|比例|占比(?!$)", words)
            or len(words) < 3
        ):
            continue
        if marked:  # 10%（含）以上 / （不含）: the clause says whether the number is in
            relation = {">": ">=", "<": "<="}.get(relation, relation) if marked == "(含)" else relation
            relation = {">=": ">", "<=": "<"}.get(relation, relation) if marked == "(不含)" else relation
        counted = re.search(r"([^,;。]{2,40}?)的?(?:数量|人数)?(?:达到|占)$", text[: m.start()])
        if words.endswith("人数") and counted:
            # 当年新招用符合条件的人员数量达到企业现有在职职工人数15%以上: the headcount after 达到 is the
            # denominator; the share is of the people counted before it, dated by the year said with them
            people = counted.group(1)
            said = next(((w, y) for w, y in YEAR_WORDS if w in people), None)
            if said:
                people, year = people[people.find(said[0]) + len(said[0]) :], said[1]
            people = re.sub(r"^[\u4e00-\u9fff]{0,4}?(?:企业|单位|主体)(?=新|招|吸纳|录用|聘用)", "", people)
            words = f"{people}占{words}的比例"
        # (境外参会人数达到10%: a share of the people, in %, as a rate is)
        name = draft.declare(words, "%", True)
        draft.add(f"{name}[{year or _year(text, m.start())}] {relation} {plain(number(value))}", 0.6, m.span())


# a title the claimant holds, named right after its thresholds (…不低于6件的国家知识产权示范企业，给予): 示范/试点/优势
# (a title newly won, 对新认定的…示范企业, is read as a certification's year elsewhere)
DEMONSTRATION_TITLE = re.compile(
    r"(?:以上|以下|件|项|个|%|万元|亿元)的((?:国家级?|省级?|市级?|区级?|县级?)[\u4e00-\u9fff]{2,12}?(?:示范|试点|优势)"
    r"(?:企业|单位))(?=,|，)"
)


def _demonstration_title(text: str, draft: Draft) -> None:
    """对上年度专利申请量不低于6件的国家知识产权示范企业: the title is the claimant's, a yes-or-no fact in its words
    (it was dropped silently once a threshold had been read)."""
    if not draft.conditions or "分别" in text:
        return  # (a claimant alone is read by ``_title`` and ``_claimant``; titles listed go with their sums)
    for m in DEMONSTRATION_TITLE.finditer(text):
        if not draft.taken(*m.span(1)):
            draft.add(draft.declare(m.group(1), None, False, "boolean"), 0.6, m.span(1))


def _declared_count_growth(text: str, draft: Draft) -> None:
    """专利申请量不低于6件、且专利申请量比上年增长超过30%: the growth of a count the clause declared, read as a
    measure's growth is (超过 excludes the rate, 以上 and 达到 include it), in the year the count is dated."""
    for name, spec in list(draft.proposed.items()):
        if spec.get("unit") not in ("件", "项", "个", "家", "台", "套") or not spec.get("yearly"):
            continue
        dated = next((c for c, _ in draft.conditions if c.startswith(f"{name}[")), None)
        year = dated.split("[")[1].split("]")[0] if dated else "last_year"
        said = rf"{re.escape(str(spec['label']))}(?:同比|[较比](?:上一?年度?|前一年度))?(?:增长率?|增幅|增速)"
        for m in re.finditer(rf"{said}(?:在|为)?({CMP})?({PCT})(以上|及以上)?", text):
            if draft.taken(*m.span()) or year not in PREVIOUS:
                continue
            op = ">" if _op(m.group(1), m.group(3)) == ">" else ">="
            draft.add(f"{name}[{year}] {op} {name}[{PREVIOUS[year]}] * {plain(1 + _pct(m.group(2)))}", 0.7, m.span())


def _declared_counts(text: str, draft: Draft) -> None:
    """A threshold on a count the schema lacks (当年专利申请量5件以上且发明专利授权不少于2件): a proposed attribute
    in the clause's words, counted in the year the clause dates it (a year said before, in the same part, dates the
    later counts too); never dropped."""
    if "分别" in text:
        return  # listed bands are read elsewhere
    previous: tuple[str, str, int] | None = None
    for m in [*SIZE_BAND.finditer(text), *COUNT_THRESHOLD.finditer(text)]:
        if m.re is SIZE_BAND:
            # a band: its lower end included unless marked (不含); its upper end excluded when only the lower one
            # is marked 含 (2000（含）—5000: the row above owns 5000) or when marked (不含), else included
            low, low_mark, value, unit, high_mark = m.groups()
            word, suffix, mark = None, None, None
            high_op = "<" if (high_mark or "").startswith("(不") or (low_mark == "(含)" and not high_mark) else "<="
            bounds = [(">" if low_mark == "(不含)" else ">=", low), (high_op, value)]
            if draft.taken(m.start(), m.end()):
                continue
        else:
            word, value, unit, mark, suffix = m.groups()
            if not (word or suffix) or draft.taken(m.start(), m.end()):
                continue
            if suffix in ("以下", "及以下") and not unit.endswith(("方米", "吨", "亩", "标准煤")):
                continue  # (an upper bound read on a size alone: 租用面积50平方米以下; a count's stays as it was)
            bounds = []
        if re.search(r"每|最多|最高|不超过|上限|至多", text[max(0, m.start() - 6) : m.start()]):
            continue  # a count cap of a per-unit sum (每年最多资助10件), read with the sum
        if unit == "亩" and re.search(r"每亩|元/亩", text):
            continue  # an area a per-亩 sum is paid on: read with the sum
        part = re.split(r"[,;。]", text[: m.start()])[-1]
        named = re.search(r"([\u4e00-\u9fff]{2,16})$", re.split(r"[、且并和及]", part)[-1])
        if not named and previous and word and re.search(r"[、且]$", part):
            # 门店面积低于2000平方米、不低于1000平方米: a second bound right after the first is on the same measure
            name, col, scale = previous
            draft.add(f"{col} {_op(word, suffix)} {plain(number(value) * scale)}", 0.6, m.span())
            continue
        if not named:
            continue
        words = re.sub(r"^(?:对|凡)", "", named.group(1))
        # (年度 alone dates a yearly count as the clause's other yearly figures are: the year before the claim)
        # (一个旅行社一年内引来5趟以上: the year's count, as 年度累计)
        # (年度内取证人数: the year's count, its 内 no part of the count's words)
        dating = [("一年内", "last_year"), *YEAR_WORDS, ("年度内", "last_year"), ("年度", "last_year")]
        said = next(((w, y) for w, y in dating if w in part), None)
        if said and said[0] in words:
            words = words[words.find(said[0]) + len(said[0]) :]
        elif said and words.endswith(after := part[part.rfind(said[0]) + len(said[0]) :]):
            words = after  # (a year word just before the 16 characters kept: what follows it)
        words = re.sub(r"^(?:的|企业|单位|其)+", "", words)
        toured = re.search(r"(?:组织|接待|吸引|带动)([\u4e00-\u9fff]{0,4}?游客)", words) if unit == "人" else None
        if toured:
            # 年度累计组织境外游客来本市旅游达到200人以上: the tourists brought, counted as people (not 人次)
            words = toured.group(1)
        brought = re.search(r"(?:累计)?(?:引来|引进|开行|开通)$", words) if unit in ("趟", "架次", "辆") else None
        thing = brought and re.match(r"(?:[^,;。]{0,12}?的)?([\u4e00-\u9fff]{2,8}?)(?:的|[,;。]|$)", text[m.end() :])
        if thing:
            # 一年内引来5趟以上旅游专列, 累计引来5架次以上符合条件的旅游团队: what was brought, named after its count
            words = thing.group(1)
        if unit.endswith("人次"):
            # 年度组织外地游客来本市过夜游览累计达到1000人次: the visits counted, without the verb or 累计
            words = re.sub(r"(?:累计|合计|共计)$", "", re.sub(r"^(?:组织|接待|吸引|带动)", "", words))
        if not (2 <= len(words) <= 12) or re.search(r"最高|最多|上限|奖励|补助|补贴|资助|给予|每|项目$", words):
            continue
        if unit == "亩" and re.search(r"种植|流转|用地", words):
            continue  # 种植面积 and land held are the yearly areas the per-亩 reading proposes: to a person alone
        if unit == "人" and not toured and (not words.endswith("人数") or measures(words)):
            continue  # a headcount the schema lacks (缴纳失业保险员工人数), not one it reads (从业人员)
        relation = _op(word, suffix) if not bounds else bounds[0][0]
        if relation is None or (word == "在" and suffix is None):
            continue
        if mark == "(不含)":
            relation = {">=": ">", "<=": "<"}.get(relation, relation)
        # 年加工能力在20万吨以上, 库容达到1000立方米以上: a capacity in 吨 or 立方米, not a count
        # (茶园面积不低于300亩: an area in 亩, as one in 平方米; 总间夜数达到400间夜: nights counted as such)
        # (能耗5000吨标准煤及以上, 节能量1万吨标准煤: energy in 吨标准煤, a unit of its own)
        tons = unit.endswith(("吨", "标准煤", "方米")) or unit == "亩"
        # (引来5趟以上旅游专列, 5架次以上旅游团队, 车辆在30辆以上, 带动脱贫户6户以上: trips, flights, vehicles and
        # households counted in their own units)
        own_units = ("人", "间夜", "趟", "架次", "辆", "户", "天")  # (展期2天以上: an exhibition's days)
        counted = "人次" if unit.endswith("人次") else unit if unit in own_units else "件"
        if tons:
            words = re.sub(r"^新建(?:的)?", "", words)  # 新建冷藏保鲜设施库容: the facility's capacity
        # (1万平方米: an area counted in 平方米, its 万 the scale below)
        measure = "吨" if unit.endswith("吨") else unit.removeprefix("万") if tons else counted
        if unit == "户" and said is None and re.search(r"带动|帮扶|联结", words):
            said = ("带动", "last_year")  # households a firm leads, counted by the year (as the people it hires)
        name = draft.declare(words, measure, said is not None, "decimal" if tons else "integer")
        col = f"{name}[{said[1]}]" if said else name
        scale = 10000 if unit.startswith("万") else 1
        for op, x in bounds or [(relation, value)]:
            draft.add(f"{col} {op} {plain(number(x) * scale)}", 0.6, m.span())
        previous = (name, col, scale)


# 裁员率不高于5.5%, 留用率达50%以上: a rate the schema lacks, under or over a percentage
RATE_THRESHOLD = re.compile(
    rf"(不高于|不超过|低于|不低于|达到|超过|高于|在|达)?"
    # (不高于上年度全国城镇调查失业率控制目标5.5%, 不高于参保职工总数的20%: the bound named before its figure)
    r"((?<=于|过)[^,;。\d%]{1,20}?(?:控制目标|目标|总数的|人数的))?"
    rf"({NUMBER})%(以上|及以上|以下|及以下|以内)?"
)


def _rate_thresholds(text: str, draft: Draft) -> None:
    """A threshold on a rate the schema lacks (上年度未裁员或裁员率不高于5.5%, 见习期满留用率达50%以上): a proposed
    attribute in %, in the clause's words, yearly when the clause dates it; never dropped while the sums beside it
    are drafted. (未裁员 is a rate of 0: the rate's ceiling holds it.) Growth rates and shares are read elsewhere."""
    if "分别" in text:
        return
    for m in RATE_THRESHOLD.finditer(text):
        word, _, value, suffix = m.groups()
        if not (word or suffix) or draft.taken(m.start(), m.end()):
            continue
        part = re.split(r"[,;。]", text[: m.start()])[-1]
        named = re.search(r"([\u4e00-\u9fff]{1,8}率)$", re.split(r"或者|[、且并和及或]", part)[-1])
        if not named or re.search(r"增长|增速|利率|费率|税率|贴息|汇率|比例|占比", named.group(1)):
            continue
        words = named.group(1)
        said = next(((w, y) for w, y in [*YEAR_WORDS, ("年度", "last_year")] if w in part), None)
        if said and said[0] in words:
            words = words[words.find(said[0]) + len(said[0]) :]
        words = re.sub(r"^(?:对|凡|的|企业|单位|其)+", "", words)
        relation = _op(word, suffix)
        if relation is None or (word == "在" and suffix is None) or len(words) < 2:
            continue
        name = draft.declare(words, "%", said is not None)
        col = f"{name}[{said[1]}]" if said else name
        draft.add(f"{col} {relation} {plain(number(value))}", 0.6, m.span())


RANGE = re.compile(
    rf"(?:完成|实现)?(?:在|为|达到|处于)?({NUMBER})\s*(亿元|万元|元|人|件)?(\((?:不)?含\))?(?:至|-|—|~|到)"
    rf"({NUMBER})\s*(亿元|万元|元|人|件)(\((?:不)?含(?:{NUMBER}(?:亿元|万元|元|人|件))?\))?(?:之间)?"
)


BETWEEN = re.compile(
    rf"(?:在|为)?({NUMBER})\s*(亿元|万元|元|人|件)?(\((?:不)?含\))?(?:及)?以上(?:,|、)?({NUMBER})\s*(亿元|万元|元|人|件)"
    rf"(\((?:不)?含\))?(?:及)?(以下|以内)"
)


def _range(rest: str, col: str, kind: str, draft: Draft, where: tuple[int, int]) -> bool:
    """ "X（含）至Y（不含）", "X—Y万元（含Y万元）", "X～Y": both ends, each included unless the text says
    otherwise; an upper end marked as included by name ("含5000万元") after an unmarked lower end reads the
    lower end as excluded, since the band below it already holds it."""
    if (b := BETWEEN.match(rest)) and (kind == "money") == (b.group(5) in ("亿元", "万元", "元")):
        # "300人以上1000人以下": both ends included (以上, 以下) unless marked （不含）
        low, low_unit, low_mark, high, high_unit, high_mark, _ = b.groups()
        span = (where[0], where[1] + b.end())
        low_op = ">" if low_mark == "(不含)" else ">="
        high_op = "<" if high_mark == "(不含)" else "<="
        draft.add(f"{col} {low_op} {_quantity(low, low_unit or high_unit, kind)}", 0.85, span)
        draft.add(f"{col} {high_op} {_quantity(high, high_unit, kind)}", 0.85, span)
        return True
    m = RANGE.match(rest)
    if not m:
        return False
    low, low_unit, low_mark, high, high_unit, high_mark = m.groups()
    if (kind == "money") != (high_unit in ("亿元", "万元", "元")):
        return False
    low_value = _quantity(low, low_unit or high_unit, kind)
    high_value = _quantity(high, high_unit, kind)
    if low_mark:
        low_op = ">" if "不" in low_mark else ">="
    else:
        low_op = ">" if high_mark and re.search(r"\d", high_mark) else ">="
    high_op = "<" if high_mark and "不" in high_mark else "<="
    span = (where[0], where[1] + m.end())
    draft.add(f"{col} {low_op} {low_value}", 0.85, span)
    draft.add(f"{col} {high_op} {high_value}", 0.85, span)
    return True


RD_SHARE = re.compile(
    rf"(?:研发|科研|研究开发)[^,;。]{{0,20}}?且占(?:上年度)?{vocab.REVENUE}(?:的)?(?:比例|比重)(?:在|为|达到)?"
    rf"({CMP})?({PCT})(以上|及以上)?"
)


def _rd_share(text: str, draft: Draft) -> None:
    """ "研发投入500万元以上且占营业收入比例不低于3%": the share, named after the amount it divides."""
    if m := RD_SHARE.search(text):
        op = _op(m.group(1), m.group(3)) or ">="
        draft.add(
            f"rd_ratio {op} {plain(_pct(m.group(2)) * 100)}", 0.8, (m.start(1) if m.group(1) else m.start(2), m.end())
        )


ADDED_MEASURE_RISE = re.compile(r"([a-z_]+)\[([a-z_()0-9]+)\] > \1\[([a-z_()0-9]+)\]")


def _added_measure_increase(text: str, draft: Draft) -> None:
    """年度新增进出口额1亿元（含）以上: a threshold said right after 新增 and its measure is on the increase over the
    year before (进出口额 less the year before's), never the year's level beside a bare rise. A level named apart
    (新增研发投入, 研发投入500万元以上) keeps both readings."""
    for attr, kind, start, end in measures(text):
        if kind != "money" or not text[max(0, start - 2) : start].endswith("新增"):
            continue
        if not re.match(rf"(?:额)?(?:在|达到|为)?{NUMBER}\s*(?:亿元|万元)", text[end:]):
            continue
        rises = [(c, k) for c, k in draft.conditions if (m := ADDED_MEASURE_RISE.fullmatch(c)) and m.group(1) == attr]
        if len(rises) != 1:
            continue
        year, before = ADDED_MEASURE_RISE.fullmatch(rises[0][0]).group(2, 3)  # type: ignore[union-attr]
        levels = [(c, k) for c, k in draft.conditions if re.fullmatch(rf"{attr}\[{re.escape(year)}\] >=? [\d.]+", c)]
        if len(levels) != 1:
            continue
        confidence, compared = levels[0][1], levels[0][0].split("] ", 1)[1]
        draft.conditions = [ck for ck in draft.conditions if ck not in (rises[0], levels[0])]
        draft.conditions.append((f"{attr}[{year}] - {attr}[{before}] {compared}", confidence))


def _share_base_said_short(draft: Draft) -> None:
    """采购非关联企业工业设计服务金额达到10万元以上的，按采购金额的10%: a share's base said again in fewer words (or
    a few more: 设计服务实际发生额 … 设计服务费实际发生额) is the quantity the threshold named, never a second one.
    Both proposed, in the same unit and year kind, with the same first word and head, one's words inside the other's
    in order."""
    money = {n: p for n, p in draft.proposed.items() if p["unit"] == "万元" and p["type"] == "decimal"}
    if len(money) != 2 or not draft.amount:
        return
    (a, pa), (b, pb) = money.items()
    short, long_ = sorted((str(pa["label"]), str(pb["label"])), key=len)
    if pa["yearly"] != pb["yearly"] or len(short) < 4 or short == long_:
        return
    if short[0] != long_[0] or short[-2:] != long_[-2:] or not re.search(".*?".join(map(re.escape, short)), long_):
        return
    said = [c for c, _ in draft.conditions]
    thresholded = [n for n in (a, b) if any(re.fullmatch(rf"{n}(?:\[[a-z_()0-9]+\])? >=? [\d.]+", c) for c in said)]
    kept = thresholded[0] if thresholded else None
    if kept is None:
        return
    gone = b if kept == a else a
    if gone not in draft.amount[0]:
        return
    renamed = [(re.sub(rf"\b{gone}\b", kept, c), k) for c, k in draft.conditions]
    draft.conditions = []
    for c, k in renamed:
        if re.fullmatch(rf"{kept}(?:\[[a-z_()0-9]+\])? > 0", c) and len(renamed) > 1:
            continue  # (its threshold says more)
        draft.add(c, k)
    draft.amount = (re.sub(rf"\b{gone}\b", kept, draft.amount[0]), draft.amount[1])
    del draft.proposed[gone]


GRANT_UNIT_OF_A_COUNT = re.compile(
    rf"以([^,;。\d]{{1,12}}?)({NUMBER})\s*(头|只|亩|台|套|吨|平方米|立方米|人)为(?:一|1)个?(单元|档|单位)"
)


def _grant_units_of_a_count(text: str, draft: Draft) -> None:
    """以泌乳牛实际存栏100头为一个单元，每个单元补贴50万元: the units paid on are whole steps of the count the clause
    names (steps(存栏, 100)), which must reach one unit; never a count of 单元 the firm would report."""
    found = GRANT_UNIT_OF_A_COUNT.search(text)
    if not found or not draft.amount:
        return
    units = [n for n, p in draft.proposed.items() if p["label"] == found.group(4)]
    if len(units) != 1 or f"per_unit({units[0]}," not in draft.amount[0]:
        return
    counted = draft.declare(re.sub(r"^(?:其|企业)", "", found.group(1)), found.group(3), False, "integer")
    size = plain(number(found.group(2)))
    draft.amount = (draft.amount[0].replace(f"per_unit({units[0]},", f"per_unit(steps({counted}, {size}),"), 0.6)
    draft.conditions = [(c, k) for c, k in draft.conditions if not c.startswith(f"{units[0]} ")]
    draft.add(f"{counted} >= {size}", 0.6)
    del draft.proposed[units[0]]


def _occurrence(text: str, draft: Draft) -> None:
    """A thing that happened (发生研发费用, 获得贷款) or did not happen the year before (前一年度未获得贷款)."""
    for attr, kind, start, end in measures(text):
        if kind != "money" or attr in vocab.NOT_YEARLY or attr in vocab.EXPRESSIONS:
            continue
        before = text[max(0, start - 12) : start]
        col = _column(attr, _year(text, start))
        if re.search(r"前一年度(?:无|未(?:获得|发生|取得)?)(?:银行)?[^,;]{0,3}$", before):
            draft.add(f"{attr}[years_ago(2)] == 0", 0.8, (start, end))
        elif before.endswith("新增") and attr != "new_loans" and "[" in col:
            draft.add(f"{col} > {attr}[{PREVIOUS[col.split('[')[1].rstrip(']')]}]", 0.65)  # an increase to pay on
        elif re.search(
            r"(?:实际发生|发生|获得|支付|取得|新增)(?:的)?(?:银行|新增|信用|按期支付的银行)?[^,;]{0,4}$", before
        ) or (attr == "new_loans" and "首贷" in text):
            draft.add(f"{col} > 0", 0.65)
    if re.search(r"前一年度(?:未获得|无|未取得)(?:银行)?贷款", text):
        draft.add("new_loans[years_ago(2)] == 0", 0.8)
        draft.add("new_loans[last_year] > 0", 0.7)
    if re.search(r"(?:获得|取得)(?:银行)?贷款|新增银行贷款", text):
        draft.add("new_loans[last_year] > 0", 0.65)
    if re.search(r"前一年度无出口", text):
        draft.add("exports[years_ago(2)] == 0", 0.8)
    if "首年实现出口" in text:
        draft.add("exports[years_ago(2)] == 0", 0.75)
    for m in re.finditer(rf"连续({NUMBER})个?年度?[^,;。]{{0,8}}?(?:正)?增长", text):
        found = measures(text[max(0, m.start() - 12) : m.end()])
        if found:
            attr = found[0][0]
            years = int(number(m.group(1)))
            for k in range(1, years):
                now = "last_year" if k == 1 else f"years_ago({k})"
                draft.add(f"{attr}[{now}] > {attr}[years_ago({k + 1})]", 0.75)
    if "首次开展研发活动" in text:
        draft.add("rd_expense[last_year] > 0", 0.8)
        draft.add("rd_expense[years_ago(2)] == 0", 0.8)


def _certifications(text: str, draft: Draft) -> None:
    taken: list[tuple[int, int]] = []
    for word, attr in sorted(vocab.CERTIFICATIONS.items(), key=lambda kv: -len(kv[0])):
        for m in re.finditer(re.escape(word), text):
            i, j = m.start(), m.end()
            if any(a < j and i < b for a, b in taken) or any(attr in c for c, _ in draft.conditions):
                continue
            taken.append((i, j))
            if attr == "cert_tech_sme_year" and re.search(r"(?:省|市|区|县)级?$", text[max(0, i - 2) : i]):
                continue  # 省级科技型中小企业: a province's title of its own, not the national 评价入库
            # 列入高新技术企业培育库 / 培育入库企业 / 后备企业: a candidate for the title, which it does not hold yet;
            # the list is a yes/no fact of its own (the officer's 培育库), never the certificate's year
            if pool := re.match(r"(?:企业)?(?:培育库|培育入库|培育对象|后备库|后备企业|培育企业)", text[j : j + 8]):
                # (新入选/首次列入…培育库: entering the list is the event of the year, as a title newly won is)
                entered = re.search(
                    r"(当年|本年度)?(?:新|首次)(?:入选|列入|纳入|进入)(?:国家|省级|市级|区级|县级)?$", text[:i]
                )
                if entered:
                    name = draft.declare(f"{word}{pool.group(0)}入库年份", "年", False, "integer")
                    year = "this_year" if entered.group(1) else "last_year"
                    draft.add(f"{name} == {year}", 0.7, (i, j + pool.end()))
                    continue
                draft.add(draft.declare(word + pool.group(0), None, False, "boolean"), 0.6, (i, j + pool.end()))
                continue
            # (市外高新技术企业在有效期内整体迁入本市的; 整体迁入的高新技术企业: a certified firm moved in whole, a
            # yes/no fact of its own, never the certificate's validity or year)
            moved = re.search(r"整体(?:迁入|搬迁)", text[j : j + 16]) or re.search(r"整体(?:迁入|搬迁)的?$", text[:i])
            if moved and not re.search(r"(?:新|首次)(?:认定|获评)(?:或|及|和|、)整体", text[: j + 16]):
                moved_in = draft.declare(f"整体迁入的{word}", None, False, "boolean")
                draft.add(moved_in, 0.6, (i, j))
                continue
            # 资格/证书有效期: any mention of the validity period decides, negated when it says 不在 … 有效期内
            validity = rf"(不在)?(?:国家)?{re.escape(word)}(?:企业)?(?:且)?(?:资格|证书)?(?:仍)?(?:在|处于)?有效期内"
            if v := re.search(validity, text):
                draft.add(f"coalesce({attr}, 0) < last_year - 2" if v.group(1) else f"{attr} >= last_year - 2", 0.75)
                continue
            before = text[max(0, i - 26) : i]
            # (对首次认定的创新型中小企业、省级专精特新中小企业、国家级专精特新“小巨人”企业: a long list of titles
            # puts its lead out of a later title's reach; the lead before the first 、 is every title's)
            listed = re.search(r"[^,;。]*$", text[:i])
            if listed and "、" in listed.group(0) and len(listed.group(0)) > 26:
                before = listed.group(0).split("、")[0] + "、" + before
            after = text[j : j + 12]
            if re.match(r"(?:企业)?(?:且)?(?:资格|证书)?(?:仍)?(?:在|处于)有效期内?", after):
                draft.add(f"{attr} >= last_year - 2", 0.75)
            elif "上年度以来" in before:
                draft.add(f"{attr} >= last_year", 0.75)
            elif y := re.search(r"(\d{4})年度?(?:新|首次)?(?:认定|获评|入库)的?$", before):
                draft.add(f"{attr} == {y.group(1)}", 0.8)
            elif re.search(r"(?:当年|本年度)(?:首次|新)?(?:通过)?(?:认定|获评|入库)", before):
                draft.add(f"{attr} == this_year", 0.8)
            elif (re.match(r"(?:企业)?(?:评价)?(?:入库|认定)", after) and re.search(r"通过|首次|新", before)) or (
                re.match(r"(?:企业)?评价", after) and re.search(r"(?:完成|通过)(?:国家级?)?$", before)
            ):  # (当年完成国家级科技型中小企业评价: the year it was entered)
                # 当年通过科技型中小企业评价入库: the certificate named between the verb and its 入库/认定
                draft.add(f"{attr} == {'this_year' if re.search(r'当年|本年度', before) else 'last_year'}", 0.8)
            elif (
                re.search(
                    r"首次|新认定|新获|新晋|新建|新组建|重新认定|复审|复核通过|通过复核|被认定|经认定|入库|晋升|升级"
                    r"|再次(?:申报|通过)",
                    before,
                )
                # 获批建设的国家重点实验室，最高给予: approved in the year when a sum is paid for it, as 获批 titles
                # are (``_title``); beside a share (按省级支持经费1:1配套) it names the grant matched, no condition
                or (re.search(r"获批|批准", before) and not re.search(rf"配套|\d:\d|{PCT}", text))
                or (re.search(r"上一?年度", before) and re.search("认定|获评|入库|纳入", before + after))
                # (高新技术企业复审通过的, read 通过复审: the renewal said after the title and its 企业)
                or re.match(r"(?:企业)?(?:通过)?(?:重新认定|复审)|(?:企业)?首次", after)
                or re.match(r"[^,]{0,4}首次晋升", after)
                or re.search(r"新增(?:的)?(?:国家级?)?$", before)  # 对新增的高新技术企业: newly certified
            ):
                if re.search(r"已认定|已获|已入库|已纳入", before):
                    draft.add(f"{attr} <= last_year", 0.7)
                else:
                    draft.add(f"{attr} == last_year", 0.85)
            elif attr == "cert_hightech_year" and not re.search(r"已认定|已获|曾", before):
                # being a 高新技术企业 means holding a certificate in force (valid three years), not having held one
                draft.add(f"{attr} >= last_year - 2", 0.65)
            elif re.search(r"已认定|已获|拥有|已入库|属于|获得", before) or re.search(r"的$", before):
                draft.add(f"{attr} <= last_year", 0.7)
            elif (
                re.search(r"(?:^|[,;。])(?:对|凡)$", before)
                # (对科技型中小企业上年度研发费用超过50万元的, 对专精特新企业的贷款: the title names the claimant)
                and re.match(r"(?:企业)?(?:[,，]|上一?年度|当年|年度|近[一二三两]年|的(?!认定|评价|称号|资格))", after)
            ) or (
                # (科技型中小企业完成还本付息后，按…: the title opens the sentence as its subject)
                before == "" and re.match(r"(?:企业)?(?:完成|获得|取得|申请|按时|通过)", after)
            ):
                # 对科技型中小企业，给予…: the claimant is named by its title alone, read as 已认定的 is
                draft.add(f"{attr} <= last_year", 0.65)
    if "国家级" in text and "企业技术中心" in text and re.search(r"升级为国家级|晋升为国家级", text):
        draft.conditions = [(c, k) for c, k in draft.conditions if "cert_tech_center_prov_year" not in c]
        draft.add("cert_tech_center_prov_year <= last_year", 0.7)
        draft.add("cert_tech_center_nat_year == last_year", 0.8)
    if re.search(r"企业技术中心首次晋升为省级", text):
        draft.add("cert_tech_center_prov_year == last_year", 0.8)
    if re.search(r"获得国家认定的首台套", text) and not any("cert_first_set" in c for c, _ in draft.conditions):
        draft.add("cert_first_set_year == last_year", 0.8)


# a tier of talent named in words (顶尖人才, 国家级领军人才, 拔尖人才, 骨干人才), not a team or a programme of it
TALENT_TIER = r"((?:国家级|省级|市级|国内外|国际)?(?:顶尖|领军|拔尖|骨干|高端|杰出)人才)(?!团队|项目|计划|工程|专项)"


# 对新进站的博士后研究人员, 博士后出站后留在本省工作并…的: a postdoc's standing (in a station, or staying after it),
# a fact of its own; a doctor's degree would offer a postdoc's grant to every doctor (博士后科研工作站 is an
# institution, no person)
POSTDOC_PERSON = re.compile(
    r"(?:对|凡)?([\u4e00-\u9fff]{0,6}?博士后(?!(?:科研)?(?:工作站|流动站|创新实践基地|基地|平台))[\u4e00-\u9fff]{0,12}?)"
    r"(?=[，,。；;]|并|且|的[，,])"
)


def _people(text: str, draft: Draft) -> None:
    if postdoc := POSTDOC_PERSON.search(text):
        draft.add(draft.declare(re.sub(r"^(?:对|凡)|的$", "", postdoc.group(1)), None, False, "boolean"), 0.7)
        text = text[: postdoc.start()] + text[postdoc.end() :]  # (its 博士 is no degree asked)
    if m := re.search(r"(专科|本科|硕士|博士)(?:及以上|以上)学历", text):
        lowest = vocab.DEGREE_ORDER.index(vocab.DEGREES[m.group(1)])
        codes = list(reversed(vocab.DEGREE_ORDER[lowest:]))
        draft.add("degree in [" + ", ".join(f'"{c}"' for c in codes) + "]", 0.8)
    elif not re.search(r"按学历|最高学历", text) or len({c for w, c in vocab.DEGREES.items() if w in text}) == 1:
        for word, code in vocab.DEGREES.items():
            # 博士后科研工作站 is an institution (a postdoc, 进站博士后, does hold a doctorate)
            if re.search(rf"{word}(?!后(?:科研)?(?:工作站|流动站|创新实践基地|基地))", text):
                draft.add(f'degree == "{code}"', 0.85)
                break
    for word, code in vocab.TITLES.items():
        if word in text:
            draft.add(f'title == "{code}"', 0.85)
    if m := re.search(rf"(?:不满|未满)({NUMBER})周?岁", text):
        draft.add(f"age < {plain(number(m.group(1)))}", 0.85)
    elif m := re.search(rf"({NUMBER})周?岁(以下|以内)|(?:不超过|不大于|不高于)({NUMBER})周?岁", text):
        # (年龄不超过35周岁: the age said before its number, 以内 as well)
        draft.add(f"age <= {plain(number(m.group(1) or m.group(3)))}", 0.85)
    if m := re.search(rf"来长(?:工作)?(?:不超过|不满|({NUMBER})年(?:以)?内)({NUMBER})?年?", text):
        years = m.group(1) or m.group(2)
        if years:
            draft.add(f"years_in_changchun <= {plain(number(years))}", 0.85)
    elif m := re.search(rf"(?:落户|来)长春?(?:不足|未满)({NUMBER})年", text):
        draft.add(f"years_in_changchun < {plain(number(m.group(1)))}", 0.8)
    if re.search(r"无自有住房|无房产|无住房", text):
        draft.add("not owns_home_in_changchun", 0.8)
    if m := re.search(rf"(?:社会保险|社保)(?:缴费)?满({NUMBER})个月", text):
        draft.add(f"social_insurance_months >= {plain(number(m.group(1)))}", 0.85)
    if m := re.search(r"认定为([A-E])类(?!至)", text):
        draft.add(f'talent_level == "{m.group(1)}"', 0.85)
    elif m := re.search(r"(?<![A-Za-z])([A-E])类(?:至|到|—|-|～)([A-E])类(?:人才|高层次人才)", text):
        # A类至C类人才: every level of the range, never its last alone
        span = ", ".join(f'"{x}"' for x in "ABCDE"[ord(m.group(1)) - ord("A") : ord(m.group(2)) - ord("A") + 1])
        draft.add(f"talent_level in [{span}]", 0.8)
    elif m := re.search(r"(?<![A-Za-z])((?:[A-E]类(?:、|和|及|或))+[A-E])类(?:人才|高层次人才)", text):
        # D类、E类人才 (no 分别: one sum for all of them): each level listed, never the last alone
        listed = ", ".join(f'"{x}"' for x in re.findall(r"[A-E]", m.group(1)))
        draft.add(f"talent_level in [{listed}]", 0.8)
    elif m := re.search(r"(?<![A-Za-z])([A-E])类(?:人才|高层次人才)", text):
        draft.add(f'talent_level == "{m.group(1)}"', 0.8)
    elif len(tiers := {t.group(1): t.span(1) for t in re.finditer(TALENT_TIER, text)}) == 1:
        # 对全职引进的领军人才: a tier named in words, not by a level's letter, is who may claim (a yes-or-no fact in
        # the text's words, as for d3's 领军人才); a list of them pairs with sums by 分别 (``_respectively``)
        [(tier, where)] = tiers.items()
        draft.add(draft.declare(tier, None, False, "boolean"), 0.6, where)
    # a firm that hires (招用…签订1年以上劳动合同) is paid for the people it took on: the contract's term is a fact
    # of each hire an officer checks, not a condition on the firm
    # (对留用并签订1年以上劳动合同的见习人员，按人数给予见习单位… / 对招用…并签订…的小微企业，按每人1000元: paid
    # to the unit per head, the same)
    per_head_to_unit = re.search(r"人数|每人|/人", text) and re.search(
        r"给予[^,;。\d]{0,6}?(?:单位|企业|基地|机构)|(?:新招用|招用|吸纳|招收|聘用|安置|招录|留用)[^,;。]{0,12}?签订",
        text,
    )
    # (劳动（聘用）合同: either kind of contract)
    if (m := re.search(rf"签订({NUMBER})年以上(?:的)?劳动(?:[(（]聘用[)）])?合同", text)) and not (
        per_head_to_unit
        or re.search(
            r"(?:企业|单位|基地|机构|实体|主体)[^,;。]{0,6}?(?:新招用|招用|吸纳|招收|聘用|安置|招录|留用)",
            text[: m.start()],
        )
    ):
        draft.add(f"contract_years >= {plain(number(m.group(1)))}", 0.8)


def _institutes(text: str, draft: Draft) -> None:
    found: list[str] = []
    for word, code in vocab.INSTITUTES.items():
        for m in re.finditer(word, text):
            if text[m.end() : m.end() + 3].startswith("毕业生") or code in found:
                continue
            if re.search(r"与[^,;。]{0,4}$", text[max(0, m.start() - 5) : m.start()]):
                continue  # 企业与高校院所签订合作协议: the claimant's partner, not the claimant
            if re.search(
                r"(?:企业|单位|主体|运营机构|孵化器|众创空间)(?:[、和及与]|以及)$",
                text[max(0, m.start() - 8) : m.start()],
            ):
                continue  # 孵化器、众创空间运营机构和新型研发机构: one of several kinds of claimant, no condition
            if re.match(
                r"(?:院所|科研院所)?(?:的)?(?:产业技术研究院|技术转移(?:中心|机构)|(?:独立)?研发中心|研究院|分院|分中心)",
                text[m.end() :],
            ):
                continue  # 高校院所产业技术研究院: an institution the universities set up, named as a kind of its own
            if word == "高校" and "高等院校" in text:
                continue
            found.append(code)
    if len(found) == 1:
        draft.add(f'institute_type == "{found[0]}"', 0.8)
    elif found:
        draft.add("institute_type in [" + ", ".join(f'"{c}"' for c in found) + "]", 0.75)


TRADES = {"批发": "F51", "零售": "F52", "住宿": "H61", "餐饮": "H62"}
# 批发、零售、住宿、餐饮企业 (商贸企业): the trades listed before the one 企业 they share; 批发 and 零售 together are
# the whole section F, 住宿 and 餐饮 H (零售额 is a figure, not a trade)
# (住宿业、餐饮业企业: each trade may be written with its 业)
TRADE_LIST = re.compile(r"(?:(?:批发|零售|住宿|餐饮)业?[、和及与]?)+(?=企业|个体|商户)|商贸(?=企业|个体|商户)")


def _trades(text: str) -> tuple[list[tuple[int, str]], list[tuple[int, int]]]:
    found: list[tuple[int, str]] = []
    for m in TRADE_LIST.finditer(text):
        named = {TRADES[w] for w in re.findall("|".join(TRADES), m.group(0))} or set(TRADES.values())
        for section in ("F", "H"):
            if {c for c in TRADES.values() if c.startswith(section)} <= named:
                named = {c for c in named if not c.startswith(section)} | {section}
        found += [(m.start(), c) for c in sorted(named)]
    return found, [m.span() for m in TRADE_LIST.finditer(text)]


# 批发企业每家奖励8万元，零售、住宿餐饮企业每家奖励4万元: trades each with its own sum
TRADE_SUM = re.compile(
    rf"((?:(?:批发|零售|住宿|餐饮)[、和及与]?)+)企业(?:每家)?(?:奖励|给予|补助|奖补)(?:一次性)?{MONEY}"
)


def _trade_sums(text: str, draft: Draft) -> list[tuple[list[tuple[str, float]], tuple[str, float]]]:
    """Trades named each with its sum (批发企业每家奖励8万元，零售、住宿餐饮企业每家奖励4万元): one benefit per
    trade, its industries a condition of its own, the clause's other conditions common to all."""
    found = list(TRADE_SUM.finditer(text))
    if len(found) < 2:
        return []
    draft.conditions = [(c, k) for c, k in draft.conditions if not c.startswith("startswith(industry")]
    out = []
    for m in found:
        codes = ", ".join(f'"{c}"' for _, c in _trades(m.group(1) + "企业")[0])
        out.append(([(f"startswith(industry, [{codes}])", 0.8)], (plain(to_wan(m.group(2), m.group(3))), 0.8)))
    return out


def _industries(text: str) -> list[str]:
    codes = re.findall(r"(?<![A-Za-z0-9])([A-T]\d{2})(?!\d)", text)
    if codes:
        return list(dict.fromkeys(codes))
    found, spans = _trades(text)
    for name, code in sorted(vocab.INDUSTRY_NAMES.items(), key=lambda kv: -len(kv[0])):
        for m in re.finditer(re.escape(name), text):
            if any(a < m.end() and m.start() < b for a, b in spans):
                continue
            if (
                len(name) <= 3
                and not re.match(r"(?:企业|行业|领域|机构)", text[m.end() : m.end() + 2])
                and name not in ("整车", "制造业", "工业类")
            ):
                continue
            if re.match(r"(?:创新中心|中心|平台|基地|研究院|联盟|单项冠军)", text[m.end() : m.end() + 5]):
                continue  # 制造业创新中心, 制造业单项冠军: a kind of institution or title, not the claimant's industry
            if re.match(r"[局厅]|部门|行政部门|主管部门", text[m.end() : m.end() + 4]):
                # 人力资源和社会保障局 (…部门): an office that issues or explains the policy, no claimant's industry
                continue
            if re.match(r"(?:设备|机械|机具|装备(?!制造))", text[m.end() : m.end() + 4]):
                continue  # 购置农产品加工设备: the machine a grant pays for, not the claimant's industry
            if re.match(r"卡", text[m.end() : m.end() + 1]):
                # 社会保障卡: the card a person is paid into, no claimant's industry
                continue
            if re.search(r"[A-Z\d星]级$", text[max(0, m.start() - 3) : m.start()]):
                continue  # 5A级物流企业: a graded title, read as the title (its kind no condition beside it)
            spans.append((m.start(), m.end()))
            for c in [code] if isinstance(code, str) else code:
                found.append((m.start(), c))
    ordered = list(dict.fromkeys(c for _, c in sorted(found)))
    # a specific division makes its section redundant (生物医药领域的制造企业 is C27, not C and C27)
    return [c for c in ordered if not any(o != c and o.startswith(c) for o in ordered)]


_NAMED = "|".join(re.escape(name) for name in sorted(vocab.INDUSTRY_NAMES, key=len, reverse=True))


def _places_and_kinds(text: str, draft: Draft, subject: str) -> None:
    district = "employer_district" if subject == "talent" else "district"
    area = None
    for name, code in sorted(vocab.AREA_NAMES.items(), key=lambda kv: -len(kv[0])):
        if name in text and not (name == "长春新区" and "长春新区" not in text):
            area = code
            break
    if area:
        draft.add(f'functional_area == "{area}"', 0.8)
    named = [
        code
        for _, code in sorted((text.find(name), code) for name, code in vocab.DISTRICT_NAMES.items() if name in text)
    ]
    if len(named) == 1 and not area:
        draft.add(f'{district} == "{named[0]}"', 0.8)
    elif len(named) > 1:
        draft.add(f"{district} in [" + ", ".join(f'"{c}"' for c in named) + "]", 0.75)
    if re.search(r"(?:长春市|本市)(?:行政区域内)?[^,;]{0,12}?(?:登记)?注册(?!不满|不足|满)|在长春市注册", text):
        draft.add(f"{district} in CHANGCHUN_DISTRICTS", 0.85)
    elif re.search(r"吉林省(?:行政区域内)?[^,;]{0,12}?(?:登记)?注册", text):
        draft.add(f'startswith({district}, "22")', 0.8)
    # 购置大中型农业机械, 大型冷库: a size before a machine or a facility is the thing's, not the claimant's
    thing = r"(?:[\u4e00-\u9fff]{0,2}(?:机械|农机|机具|拖拉机|设备|装备|仪器|车辆|客车|货车|船舶|冷库|水库|灌区))"
    # (大中小微型企业划分: every size named at once is the classification, no size of the claimant)
    sized = re.sub(r"大[、]?中[、]?小[、]?微型?", "", text)
    # (中小企业公共服务示范平台, 小型微型企业创业创新示范基地, 中小企业服务中心: a body serving firms, not the
    # claimant's size)
    sized = re.sub(
        r"(?:[中小微]型?、?)+企业[^,;。的]{0,8}?(?:公共服务|服务平台|服务中心|服务机构|示范平台|示范基地)", "", sized
    )
    sizes = [v for w, v in vocab.SIZE_WORDS.items() if re.search(rf"{w}(?!微利|{thing})", sized)]
    if not sizes:
        for word, values in vocab.SIZES.items():
            # 小微企业园 is a park, 全国中小企业股份转让系统 a market: neither a size
            if re.search(rf"(?<![型新]){word}(?!企业园|园|股份转让系统)", sized):
                sizes = values
                break
    # 对融资担保机构为小微企业…提供担保, 给予担保机构补贴: the sizes name the firms an institution serves, not the
    # institution that is paid
    served = re.search(r"(?:给予|对)(?:政府性)?[^,;。]{0,4}?(?:担保机构|银行(?!贷款)|金融机构|服务机构)", text)
    # (…的小微企业担保业务, 中小企业融资担保业务: the firms a guarantee business serves, its guarantor being paid)
    served = served or re.search(r"(?:中小微|小微|中小)企业(?:贷款|融资)?(?:再)?担保业务", text)
    if sizes and "大" not in sizes and not served:
        draft.add("size_class in [" + ", ".join(f'"{s}"' for s in sizes) + "]", 0.85)
    # 限额以上 (限上) is the trade's 规上: the same list of the statistics office, entered the same way (首次纳入统计的
    # 限上企业, 新增入库的限上, 新转为限上, 新上限); 上限 of a sum is no list (上限上浮)
    above_scale = (
        r"(?:首次|新进|新增|新)(?:进入|纳入统计|纳入|入|升为|升入|成为)?的?(?:规模以上|规上)[^,。]*(?:统计|库|企业)"
        r"|新进规上库|(?:首次|新)?(?:小)?升规|(?:首次|新增|新)(?:投产)?纳统"
        r"|(?:首次|新增|新)(?:纳入统计|纳入|入库|转为)?的?(?:限额以上|(?<!上)限上(?!浮))|新上限(?=的|企业)"
    )
    if m := re.search(above_scale, text):
        draft.add(f"first_time_above_scale_year == {_year(text, m.start())}", 0.85)
    elif re.search(r"规模以上|规上(?:工业)?企业|限额以上|(?<!上)限上(?!浮)", text):
        draft.add("first_time_above_scale_year <= last_year", 0.7)
    elif re.search(r"(?:规模以下|规下)[^,，；;。\d]{0,8}?企业", text):
        # (extract20) 规模以下企业: a yes-or-no fact of its own, never dropped; `not first_time_above_scale_year <=
        # last_year` would be unknown, not true, for a firm never above scale
        draft.add(draft.declare("规模以下企业", None, False, "boolean"), 0.6)
    codes = _industries(text)
    # "…业企业不适用本条" / "…行业除外": the industries named are the ones excluded
    # (非工业类项目: the industry named right after 非 is the one excluded)
    negate = "not " if re.search(r"不适用|除外|不享受|不包括", text) or re.search(rf"非(?:{_NAMED})", text) else ""
    if len(codes) == 1:
        draft.add(f'{negate}startswith(industry, "{codes[0]}")', 0.75)
    elif codes:
        draft.add(f"{negate}startswith(industry, [" + ", ".join(f'"{c}"' for c in codes) + "])", 0.75)
    if re.search(r"无严重失信|未被列入严重失信|无重大违法", text) or SERIOUS_VIOLATION_SHUT_OUT.search(text):
        draft.add("not serious_violation", 0.9)
    _facts(text, draft)


# 存在严重失信行为的企业，不得享受本办法奖励: those with a serious violation shut out, i.e. none may have one
SERIOUS_VIOLATION_SHUT_OUT = re.compile(
    r"(?:存在|有|发生|被列入|列入)严重失信[^,;。]{0,12}?的[^,;。]{0,6}?,?(?:一律)?(?:不得|不予|不能)"
    r"(?:享受|申报|申请|给予|奖励|补助|补贴|支持|扶持|奖补)"
)


LISTING_STAGE = "上市（挂牌）进程的阶段，须新增属性"
AGAIN = "追加的金额另有条件，须人工确定"
EQUITY_MARKET = re.compile(
    r"在(全国中小企业股份转让系统|新三板|区域性股权(?:交易)?市场|[\u4e00-\u9fff]{2,4}股权交易中心)"
    # (在全国中小企业股份转让系统（新三板）挂牌: the market's short name in brackets after its own)
    r"(?:\([\u4e00-\u9fff]{2,6}\))?"
    # (在区域性股权市场“科技创新专板”挂牌: a board of the market, named in quotes or not, is where the firm is quoted)
    r"(?:[\"“”]?([\u4e00-\u9fff]{2,10}?板)[\"“”]?)?挂牌"
)


# a step of a listing (辅导备案, 辅导验收, 申请获受理), a tier of a market (创新层) or a pool of candidates
# (上市后备企业库): each a yes-or-no fact of its own, as a draft proposes it (the set's r304, r624)
LISTING_STAGES = re.compile(
    r"辅导验收|辅导备案|(?:上市|发行|首发)?申请[^,;。]{0,6}?受理|申报(?:材料)?[^,;。]{0,4}?受理|基础层|创新层|精选层"
    r"|上市后备(?:企业)?(?:资源)?库"
)


# the boards a listing is on, when a clause pays each its own sum
BOARDS = re.compile(r"主板|科创板|创业板|北交所|北京证券交易所|境外(?:主要)?(?:证券)?(?:交易所|市场)")


def _listing_stage(text: str, draft: Draft) -> None:
    """报证监局辅导备案的企业，奖励25万元: the one stage a clause pays for, in its words. Two stages in one clause
    (分别, or listed before one sum) are left to a person, who pairs each with its sum."""
    found = list(LISTING_STAGES.finditer(text))
    named = {"受理" if m.group(0).endswith("受理") else m.group(0) for m in found}
    if len(named) != 1 or "分别" in text:
        return
    words = next(iter(named))
    draft.add(draft.declare("上市申请受理" if words == "受理" else words, None, False, "boolean"), 0.6, found[0].span())
    draft.handled.add(LISTING_STAGE)
    if len(re.findall(r"\d+(?:\.\d+)?万元", text)) == 1:
        # 首发上市申请获受理的，再奖励200万元 (an item after 辅导备案's): the later stage is this sum's own condition,
        # and a firm reaches it only through the stages before
        draft.handled.add(AGAIN)


# a product newly listed as a 首台（套）, 首批次 or 首版次 (in a 目录, 名单 or 公告): a yes-or-no fact in the clause's
# words (the set's r431), the firm's own product being what is paid for
FIRST_OF_KIND = re.compile(
    r"(?:新)?(?:列入|纳入|入选|认定为|获评)[^,;。]{0,8}?(首台\(?套\)?(?:首批次)?(?:首版次)?|首批次|首版次)"
    r"[^,;。]{0,16}?(?:目录|名单|公告)"
)


# 上年度新注册或从市外迁入本市的: a firm's arrival dated by the clause (新注册, 新设立, 迁入, 落户), one way or two
NEWLY_ARRIVED_IN_YEAR = re.compile(
    r"(上一年度|上年度|前一年度|\d{4}年度?)((?:新注册|新设立|新成立|注册成立)(?:或|及|和|、)?(?:从市外|从外地|由市外)?(?:迁入|落户)?(?:本|我)?(?:市|区|县)?)的"
)


def _facts(text: str, draft: Draft) -> None:
    """Plain facts policies state in set phrases."""
    _listing_stage(text, draft)
    insured = re.search(r"首台\(?套\)?[^,;。]{0,6}?(?:保险|保费|综合险)", text)  # (投保首台（套）综合险: an insurance)
    if (first := FIRST_OF_KIND.search(text)) and "分别" not in text and not insured:
        words = first.group(1).replace("(", "（").replace(")", "）")
        draft.add(draft.declare(words, None, False, "boolean"), 0.6, first.span())
    if moved := re.search(r"(?:注册地|总部|工商注册关系)迁入(?:我|本)(?:市|区|县)", text):
        # 挂牌后将注册地迁入我市的企业: a move the schema has no attribute for, a yes-or-no fact in the clause's words
        # (as the set's 整体迁入的高新技术企业); dropped, the sum would go to every firm of the kind again.
        # (整体迁入本市 alone is left as it was: its sentences also date the registration, 在本市登记注册不满2年)
        draft.add(draft.declare(moved.group(0), None, False, "boolean"), 0.6, moved.span())
    if arrived := NEWLY_ARRIVED_IN_YEAR.search(text):
        # 对上年度新注册或从市外迁入本市的外贸企业: the year the firm came (either way), a year in the clause's words;
        # dropped, the sum would go to every firm of the kind whatever year it came
        # (a year by number, 2024年度, reads as the default last year, as a figure's year by number does)
        year = next((y for w, y in YEAR_WORDS if w == arrived.group(1)), "last_year")
        came = draft.declare(re.sub(r"[,;。]", "", arrived.group(2)), "年", False, "integer")
        draft.add(f"{came} == {year}", 0.6, arrived.span())
    if market := EQUITY_MARKET.search(text):
        # 在全国中小企业股份转让系统挂牌, 在区域性股权市场挂牌: quoted on a market the schema has no attribute for, a
        # yes-or-no fact in the clause's words (listing's own stages, 辅导备案 and 受理, stay for a person)
        quoted_on = f"{market.group(1)}{market.group(2) or ''}挂牌"
        draft.add(draft.declare(quoted_on, None, False, "boolean"), 0.6, market.span())
        if not re.search(r"上市申请|正式受理|辅导备案|基础层|创新层|分别", text):
            draft.handled.add(LISTING_STAGE)
    if (
        # (拟上市企业 intends to list: not listed yet; so does 对拟在上海证券交易所首发上市的企业)
        re.search(
            r"(?<!辅导)(?<!拟)上市(?!辅导|申请|后备|培育|挂牌|\(挂牌\)|工作)|登陆资本市场|首次公开发行",
            re.sub(r"拟在[^,;。]{0,24}?上市", "", text),
        )
        and "上市辅导" not in text
    ):
        draft.add("listed", 0.7)
    if m := re.search(r"纳税信用(?:等级|评价)?(?:为|是|在)?(不低于)?([ABMCD])(?:级)?(及以上|以上)?", text):
        # B级及以上, 不低于B级: that grade or a better one (A, B, M, C, D from best to worst), 以上 included
        better = "ABMCD"[: "ABMCD".index(m.group(2)) + 1]
        grades = ", ".join(f'"{g}"' for g in better)
        if m.group(1) or m.group(3):
            draft.add(f"tax_credit_grade in [{grades}]", 0.85)
        else:
            draft.add(f'tax_credit_grade == "{m.group(2)}"', 0.85)
    if re.search(r"外资(?:企业|项目)|外商投资(?:企业|项目)|外商投资设立", text):
        draft.add('ownership == "foreign"', 0.8)
    if re.search(r"战略性新兴(?:产业)?(?:工业|制造业)?(?:企业|项目)|属于战略性新兴产业", text):
        # 新升规的战略性新兴工业企业: a yes-or-no fact of the firm the schema lacks, never dropped silently
        draft.add(draft.declare("战略性新兴产业", None, False, "boolean"), 0.6)
    if m := re.search(rf"(?:成立|注册|登记注册|存续)(?:时间)?(?:不满|不足|未满)({NUMBER})年", text):
        draft.add(f"firm_age < {plain(number(m.group(1)))}", 0.8)
    elif m := re.search(rf"成立(?:届)?满({NUMBER})年", text):
        draft.add(f"firm_age >= {plain(number(m.group(1)))}", 0.8)
    elif m := re.search(rf"(?:注册)?成立({NUMBER})年(?:以内|以下)", text):
        draft.add(f"firm_age <= {plain(number(m.group(1)))}", 0.8)
    if re.search(r"总部企业", text) and not re.search(
        r"(?:新认定|认定为|评为|首次认定|认定的|新落户|新引进|新设立|引进的)[^,;。]{0,4}总部企业", text
    ):
        # 总部企业购建自用办公用房的: a firm recognised as a headquarters, a yes-or-no fact the schema lacks (a
        # newly recognised one is the title's year, read with the titles; a newly settled one may not be
        # recognised yet, what its other words say decides)
        draft.add(draft.propose("hq_enterprise"), 0.6)
    standing = re.search(r"的(龙头企业|新型农业经营主体)[,;]", text)
    if standing and not re.search(r"(?:国家|省|市|县|区)级", text[max(0, standing.start() - 8) : standing.start()]):
        # 对新取得国际商标注册的龙头企业, 对带动脱贫户…的新型农业经营主体: the claimant a standing title the
        # schema lacks (a yes-or-no fact), what it did before 的 the clause's other conditions; a level before it
        # (省级以上的龙头企业) is a title of that level, left to the title readings
        if standing.group(1) == "龙头企业":
            draft.add(draft.declare("龙头企业", None, False, "boolean"), 0.6, standing.span(1))
        else:
            draft.add(draft.propose("new_agri_operator"), 0.6, standing.span(1))
    if re.search(r"完成(?:股份制改造|股改)", text):
        # 完成股份制改造的上市后备企业: a step towards listing, a yes-or-no fact of its own (not being listed)
        draft.add(draft.declare("股份制改造", None, False, "boolean"), 0.6)


BASES = {
    "利息": "loan_interest_paid",
    "投资额": "fixed_investment",
    "成交额": "tech_contract_turnover",
    "出口额": "exports",
    "贷款": "new_loans",
    "支出额": None,
}


def _base(span: str, text: str, offset: int, last: bool = False) -> str | None:
    """The base of a share: a measure named in ``span`` (the words after 按; with ``last``, the one named last),
    else the sentence's first one."""
    named = measures(span)
    for attr, kind, start, _ in reversed(named) if last else named:
        if kind == "money" and attr not in vocab.NOT_YEARLY:
            column = _column(attr, _year(text, offset + start))
            if span[max(0, start - 2) : start].endswith("新增") and attr != "new_loans" and "[" in column:
                # 新增研发投入 is the increase over the year before
                year = column.split("[")[1].rstrip("]")
                return f"({column} - {attr}[{PREVIOUS[year]}])"
            return column
    for word, base in BASES.items():
        if word == "投资额" and "设施投资额" in span:
            continue  # 按设施投资额的30%: what a new facility cost (its own figure), not the firm's 固定资产投资
        if word == "投资额" and re.search(r"(?:获得|获|引进|吸引|融资|到位)[^,;。]{0,4}?投资额", span):
            continue  # 按实际获得投资额的5%: money invested in the firm (风险投资), not what it invested itself
        if word == "贷款" and "首笔贷款" in span:
            continue  # 按首笔贷款金额的1%: the first loan a 首贷户 had (its own figure), not the year's new loans
        if word in span and base:
            return f"{base}[{_year(text, offset + span.find(word))}]"
    if not re.fullmatch(
        r"(?:照)?(?:不超过)?(?:其|企业)?(?:上一?年度|当年|年度)?(?:实际)?(?:发生|支出|完成|投入|投资|支付|核定)?(?:的)?"
        r"(?:额|金额|费用|总额)?",
        span,
    ):
        # the span names a sum of its own (按其关联交易净额的5%, 按其贡献的20%): never another measure of the
        # clause; only a bare 支出额, 发生额 or nothing refers back to the one the clause named
        return None
    for attr, kind, start, _ in measures(text):
        if kind == "money" and attr not in vocab.NOT_YEARLY and attr not in vocab.EXPRESSIONS:
            return _column(attr, _year(text, start))
    return None


def _cap(text: str, draft: Draft | None = None) -> str | None:
    for pattern in (
        rf"(?:最高(?:可)?(?:不超过)?(?:给予)?(?:支持|资助|奖励|补助|补贴|扶持)?|至多|上限(?:为)?|总额不超过|总额最高|封顶)"
        rf"({NUMBER}|[千百]万|亿)"
        r"(亿元|万元|元)",
        rf"({NUMBER})(亿元|万元|元)封顶",
        rf"以({NUMBER})(亿元|万元|元)为限",
        # 补助总额限50万元: a ceiling said with 限 alone
        rf"(?:补助|奖励|资助|补贴|奖补)?总额(?:以|限)({NUMBER})(亿元|万元|元)",
        # 不超过80元/平方米、每年不超过150万元的租金支持: a yearly ceiling of the grant, whatever follows it
        rf"每年(?:累计)?不超过({NUMBER})(亿元|万元|元)(?!的?(?:企业|单位|项目|主体))",
        # 给予不超过100万元的补助 is a cap; 营业收入不超过500万元的企业 and 不超过X万元的部分 are a threshold and a band
        # (给予不超过100万元的建设经费支持: the grant's words may name what it pays for first)
        rf"(?<![低高])不超过({NUMBER})(亿元|万元|元)"
        r"(?:的(?=(?:一次性)?(?:[^,;。\d]{0,4}?)(?:奖励|补助|补贴|资助|奖补|支持|扶持|贴息|资金|经费))|(?!的))",
    ):
        for m in re.finditer(pattern, text):
            if draft is not None and draft.taken(m.start(), m.end()):
                continue
            return _quantity(m.group(1), m.group(2), "money")
    return None


def _floor(text: str, draft: Draft | None = None) -> str | None:
    """最低不少于5万元, or 补助金额不低于10万元、不超过300万元 (a floor written beside the cap)."""
    # (最低补助10万元: the kind of grant said between 最低 and its sum)
    if m := re.search(rf"最低(?:补助|奖励|资助|补贴|奖补)?(?:金额)?(?:不少于|不低于|为)?({NUMBER})(万元|元)", text):
        return _quantity(m.group(1), m.group(2), "money")
    if m := re.search(rf"(?:补助|奖励|资助|补贴|奖补)?(?:金额|额度)?(?:下限|保底)(?:为)?({NUMBER})(万元|元)", text):
        return _quantity(m.group(1), m.group(2), "money")  # 补助下限为5万元: the floor said as a lower limit
    if m := re.search(
        rf"(?:补助|奖励|资助|补贴|奖补)(?:金额|资金|额度|额)?不(?:低|少)于({NUMBER})(万元|元)[、,]?(?:最高)?不超过{NUMBER}",
        text,
    ):
        if draft is not None:
            draft.spans.append(m.span())  # the floor's number is no threshold of the claimant
        return _quantity(m.group(1), m.group(2), "money")
    return None


def _capped(formula: str, cap: str | None, floor: str | None = None) -> str:
    capped = f"min({formula}, {cap})" if cap else formula
    return f"max({capped}, {floor})" if floor else capped


def _progressive(text: str, base: str | None = None) -> tuple[str, float] | None:
    """分段累进: "X万元以下部分奖励a%，X万元至Y万元部分奖励b%，超过Y万元部分奖励c%" as a sum of the slices; ``base``:
    the quantity sliced when the schema lacks it (a proposed attribute), the slices then need no 累进 word."""
    if not re.search(r"部分", text):
        return None
    money = rf"({NUMBER})(亿元|万元)"
    slices: list[tuple[Decimal | None, Decimal | None, Decimal]] = []
    for m in re.finditer(
        rf"(?:(?:不超过)?{money}(?:\(含\))?(?:及以下|以下|以内)?|{money}(?:至|-|~){money}|(?:超过){money}(?:以上)?)"
        rf"(?:的)?部分[^,;。]{{0,4}}?(?:奖励|补助|按|给予)*({PCT})",
        text,
    ):
        rate = _pct(m.group(9))
        if m.group(1):
            slices.append((None, to_wan(m.group(1), m.group(2)), rate))
        elif m.group(3):
            slices.append((to_wan(m.group(3), m.group(4)), to_wan(m.group(5), m.group(6)), rate))
        else:
            slices.append((to_wan(m.group(7), m.group(8)), None, rate))
    # slices that meet end to end from the bottom (2000万元及以下部分按0.5%，超过2000万元的部分按0.3%) are bands of one
    # sum whether or not the clause says 累进 or 分段
    chained = (
        bool(slices)
        and slices[0][0] is None
        and all(a[1] is not None and a[1] == b[0] for a, b in itertools.pairwise(slices))
    )
    if len(slices) < 2 or not (re.search(r"累进|分段", text) or base or chained):
        return None
    base = base or next(
        (_column(a, _year(text, st)) for a, k, st, _ in measures(text) if k == "money" and a not in vocab.EXPRESSIONS),
        None,
    )
    if base is None:
        return None
    terms = []
    for low, high, rate in slices:
        if low is None and high is not None:
            terms.append(f"min({base}, {plain(high)}) * {plain(rate)}")
        elif low is not None and high is not None:
            terms.append(f"max(min({base}, {plain(high)}) - {plain(low)}, 0) * {plain(rate)}")
        elif low is not None:
            terms.append(f"max({base} - {plain(low)}, 0) * {plain(rate)}")
    return " + ".join(terms), 0.7


def _in_wan(value: str, unit: str | None) -> Decimal:
    return to_wan(value, unit) if unit in ("亿元", "万元", "元") else number(value)


LIST = rf"({NUMBER}|[千百]万|亿)\s*(亿元|万元|元)?"
# the 分别 that pairs a list with its amounts; 首次分别达到5亿元、10亿元 lists thresholds, not what is paid
PAIRING = r"分别(?!(?:首次)?(?:达到|超过|突破))"


def _amount_list(text: str) -> list[str]:
    """ "分别给予(一次性)奖励 A万元、B万元、C万元": the amounts in 万元, a unit written once applying to all."""
    # (分别给予平台运营单位一次性奖励50万元、20万元: who is paid, or a long award name, may stand between 给予 and the
    # sums)
    m = re.search(rf"{PAIRING}[^,;。\d%]{{0,20}}?(?:最高)?(?:不超过)?{LIST}((?:(?:、|和|及)(?:最高)?{LIST})+)", text)
    if not m:
        return []
    pieces = re.findall(LIST, m.group(0)[m.group(0).find(m.group(1)) :])
    unit = next((u for _, u in reversed(pieces) if u), None)
    if unit is None:
        return []
    return [plain(to_wan(v, u or unit)) for v, u in pieces]


SHARES = re.compile(rf"分别(?:按照?|给予)?([^,;。%]{{0,12}}?)的?({PCT})((?:、{PCT})+)")
# one band of a list (5000万元（含）以下、5000万元至2亿元（含）、2亿元以上): its ends and how each is marked
BAND = re.compile(
    rf"({NUMBER})(亿元|万元)?(\((?:不)?含\))?(?:(以下|以内|及以下|以上|及以上)|(?:至|-|—|~)({NUMBER})(亿元|万元)"
    rf"(\((?:不)?含\))?(以下|以内)?)"
)
MARKED = rf"{LIST}(?:\(含\))?"


def _bands(listed: str) -> list[tuple[tuple[str, Decimal] | None, tuple[str, Decimal] | None]] | None:
    """The bands a list names, each as (lower, upper) with its operator; a shared end belongs to the band that
    marks it （含）, else to the one whose word includes it (以下 includes, 民法典 第一千二百五十九条), so that the
    bands never overlap. None when the list is no band list."""
    pieces = listed.split("、")
    raw: list[tuple[Decimal | None, bool, Decimal | None, bool]] = []  # (low, low marked, high, high marked)
    says_high: list[bool] = []  # the piece marks its upper end （含） itself, not only by its word (以下)
    for piece in pieces:
        m = BAND.fullmatch(piece)
        if not m:
            return None
        value, unit, mark, word, high, high_unit, high_mark, _ = m.groups()
        below = mark == "(含)" and word in ("以下", "以内", "及以下")
        says_high.append(high_mark == "(含)" if high is not None else below)
        if high is not None:
            raw.append((to_wan(value, unit or high_unit), mark == "(含)", to_wan(high, high_unit), high_mark == "(含)"))
        elif unit is None:
            return None
        elif word in ("以下", "以内", "及以下"):
            raw.append((None, False, to_wan(value, unit), mark != "(不含)"))
        else:
            raw.append((to_wan(value, unit), mark != "(不含)", None, False))
    out: list[tuple[tuple[str, Decimal] | None, tuple[str, Decimal] | None]] = []
    for i, (low, low_in, high, high_in) in enumerate(raw):
        if low is not None and i > 0 and raw[i - 1][2] == low:
            # X以下、X（含）至Y: the band that marks X （含） owns it over the one whose word (以下) would
            low_in = low_in and not says_high[i - 1] if "(含)" in pieces[i] else not raw[i - 1][3]
        if high is not None and i + 1 < len(raw) and raw[i + 1][0] == high:
            following = raw[i + 1][1] and "(含)" in pieces[i + 1]
            high_in = high_in and not following
        out.append(
            (
                (">=" if low_in else ">", low) if low is not None else None,
                ("<=" if high_in else "<", high) if high is not None else None,
            )
        )
    return out


def _kind_sums(text: str, amounts: list[str], draft: Draft) -> list[str]:
    """The sums listed with 分别 for kinds of person (degrees, titles, talent levels), as each kind's amount: a
    monthly sum over the clause's months (分别按每人每月5000元、3000元…连续发放36个月), or each kind's cap on one
    share of a sum the schema lacks (按购房合同价款的20%…最高分别不超过40万元、20万元: the share's base proposed in
    the clause's words, as ``_declared_share`` reads it); the sums as listed otherwise. A share it cannot read leaves
    the sums as they are, and the unread share sends the sentence to a person."""
    caps = re.search(r"(?:最高分别|分别最高)[^,;。]*", text)
    share = re.search(rf"按照?(?:其)?(?:实际)?([^,;。\d]{{2,14}}?)的({PCT})", text)
    if caps and share and share.end() < caps.start():
        # (the caps hidden, so that the share is read uncapped: each kind's cap is its own)
        _declared_share(text[: caps.start()] + "※" * len(caps.group(0)) + text[caps.end() :], share, draft)
        if draft.amount is not None:
            formula, draft.amount = draft.amount[0], None
            return [_capped(formula, a) for a in amounts]
    if not share and re.search(r"分别[^,;。\d]{0,8}?(?:最高|不超过|最多)|(?:最高|最多)分别", text):
        # 分别给予最高200万元、100万元的安家补贴: each kind's cap, a sum a reviewer sets within it (as titles' are)
        return [f"manual({a})" for a in amounts]
    if re.search(r"每(?:人每)?月", text):
        months = _months(text)
        return [plain(number(a) * months) for a in amounts]
    return amounts


# 主导制定, 牵头制（修）订, 主持修订并发布: a standard the claimant led (what follows is the standard's level)
LED_STANDARD = r"(?:主导|牵头|主持)(?:制定|制修订|制[（(]修[)）]订|修订|研制)(?:并(?:发布|颁布|实施))?"


def _led_standard(verb: str, kind: str) -> str:
    """The label of the standards of a kind a claimant led, in the clause's verb (制定 and 修订 are paid apart)."""
    return re.sub(r"并(?:发布|颁布|实施)$", "", verb).replace("（", "(").replace("）", ")") + kind


def _per_unit_of_each_kind(
    draft: Draft, counted: list[str], amounts: list[str], year: str
) -> list[tuple[list[tuple[str, float]], tuple[str, float]]]:
    """One benefit per kind counted (分别 over kinds, each paid per unit): its count in the year, paid per unit."""
    draft.handled.add(PER_UNIT)
    out = []
    for name, a in zip(counted, amounts, strict=True):
        col = f"{name}[{year}]"
        out.append(([(f"{col} > 0", 0.7)], (f"per_unit({col}, {a})", 0.7)))
    return out


def _respectively(text: str, draft: Draft) -> list[tuple[list[tuple[str, float]], tuple[str, float]]]:
    """Lists paired by 分别: thresholds ("首次突破5亿元、10亿元的，分别奖励50万元、100万元": one benefit per
    threshold, each a first crossing; without 首次 the thresholds bound exclusive bands), bands ("X以下、X至Y、Y以上
    三档") or certifications ("国家级、省级企业技术中心，分别给予100万元、50万元"); the amounts may be shares of the
    banded quantity ("分别按实际投资额的1.5%、1.8%、2%", with the clause's cap)."""
    if "分别" not in text:
        return []
    amounts = _amount_list(text)
    shares = SHARES.search(text)
    head = text[: pairing.start()] if (pairing := re.search(PAIRING, text)) else text
    one_sum = re.match(
        rf"分别(?:一次性)?(?:给予|奖励|奖补|补助|资助)(?:一次性)?(?:奖励|奖补|补助|资助)?{MONEY}", text[len(head) :]
    )
    if not amounts and not shares and one_sum and "、" in head:
        # 新认定为A、B的，分别一次性给予20万元: one sum said once for every title listed, each its own benefit
        sum_each = plain(to_wan(one_sum.group(1), one_sum.group(2)))
        return _titles(head, [sum_each] * (head.count("、") + 1), draft)
    if len(amounts) < 2 and not shares:
        return []
    if usd := _usd_list(text, head, amounts, draft):
        return usd
    if sizes := _size_threshold_list(text, head, amounts, draft):
        return sizes
    if banded := _banded_list(text, head, amounts, shares, draft):
        return banded
    if len(amounts) < 2:
        return []
    for attr, kind, start, end in measures(head):
        if kind != "money" or attr in vocab.EXPRESSIONS or attr in vocab.NOT_YEARLY:
            continue
        m = re.match(
            rf"(?:在|为)?(首次(?:分别)?(?:突破|达到|超过)|(?:分别)?(?:突破|达到|超过))?{LIST}((?:(?:、|和|及){LIST})+)(以上)?",
            head[end:],
        )
        if not m:
            continue
        pieces = re.findall(LIST, m.group(0))
        unit = next((u for _, u in reversed(pieces) if u), "万元")
        thresholds = [plain(to_wan(v, u or unit)) for v, u in pieces]
        if len(thresholds) != len(amounts):
            return []
        year = _year(text, start)
        col = _column(attr, year)
        first = bool(m.group(1) and m.group(1).startswith("首次"))
        op = ">" if m.group(1) and m.group(1).endswith("超过") else ">="
        mine = re.compile(rf"{re.escape(attr)}\[")
        draft.conditions = [(c, k) for c, k in draft.conditions if not mine.match(c)]
        out = []
        for x, a in zip(thresholds, amounts, strict=True):
            own = [(f"{col} {op} {x}", 0.85)]
            if first:
                own.append((f"{attr}[{PREVIOUS[year]}] {'<' if op == '>=' else '<='} {x}", 0.85))
            out.append((own, (a, 0.8)))
        return out
    # 新获得绿色食品、有机农产品认证的，每个产品分别给予2万元、3万元: a sum per thing of each kind listed, one benefit
    # per kind, over the things of that kind gained in the year (a count the schema lacks, in the kind's words)
    each = re.search(
        r"(?:新)?(?:获得|取得|通过)([^,;。\d]{4,40}?)(?:认证|认定|登记)的?,?每(个|件|项|张)[\u4e00-\u9fff]{0,3}?分别",
        text,
    )
    # (绿色食品、有机农产品认证和农产品地理标志登记: each kind with its own 认证/登记 word, the last after 和)
    kinds = [re.sub(r"(?:认证|认定|登记)$", "", k) for k in re.split(r"、|和|及", each.group(1))] if each else []
    if each and len(kinds) == len(amounts) and all(2 <= len(k) <= 12 for k in kinds):
        year = _year(text, each.start())
        counted = [draft.declare(kind, each.group(2), True, "integer") for kind in kinds]
        out = _per_unit_of_each_kind(draft, counted, amounts, year)
        # 同一主体每年奖励最高不超过10万元 after the sums: each kind's sum stays within the claimant's cap (it was
        # dropped; exact where the kinds' benefits are exclusive, as under 就高)
        if cap := _cap(text[each.end() :]):
            out = [(own, (_capped(formula, cap), k)) for own, (formula, k) in out]
        return out
    # 主导制定国际标准、国家标准、行业标准和地方标准的单位，每项分别给予…: a sum per standard of each level led,
    # one benefit per level, over the standards of that level led in the year (a count the schema lacks)
    led = re.search(
        rf"({LED_STANDARD})((?:[^,;。\d、和及]{{2,8}}?标准[、和及])+[^,;。\d、和及]{{2,8}}?标准)"
        r"(?:的|并[^,;。]{0,12}?的)[^,;。\d]{0,4}?,?(?:每(项|个)分别|分别(?:按|给予)?每(项|个))",
        text,
    )
    standards = re.split(r"[、和及]", led.group(2)) if led else []
    if led and len(standards) == len(amounts) and len(set(standards)) == len(standards):
        year = _year(text, led.start())
        unit = led.group(3) or led.group(4)
        counted = [draft.declare(_led_standard(led.group(1), kind), unit, True, "integer") for kind in standards]
        return _per_unit_of_each_kind(draft, counted, amounts, year)
    # grades of an evaluation listed before 分别 (绩效评价结果为优秀、良好、合格的…，分别给予30万元、20万元、10万元):
    # one benefit per grade, on the year of the evaluation that gave it (as a grade a place is rated in: 五星级)
    rated = re.search(
        # (年度绩效评价优秀、良好的: the grades may follow the evaluation's name directly)
        # (绩效评价为优秀、良好的: 为 after the evaluation's name, no 结果)
        r"(当年度?|本年度|上年度|上一年度)?(?:度)?([^,;。\d、]{2,8}?)(?:(?:结果|等次|等级)(?:为|被评为|评定为)|(?<=评价|考核)(?:为)?)"
        r"((?:优秀|良好|合格|较好|一般)(?:[、和及](?:优秀|良好|合格|较好|一般))+)(?:等次|等级)?的",
        head,
    )
    grades = re.split(r"[、和及]", rated.group(3)) if rated else []
    if rated and len(grades) == len(amounts) and len(set(grades)) == len(grades):
        said = re.match(r"(?:对|的)?(当年度?|本年度|上一?年度|年度)?", rated.group(2))
        start, when = (said.end(), said.group(1)) if said else (0, None)
        year = "this_year" if (rated.group(1) or when) in ("当年", "当年度", "本年度") else "last_year"
        name = rated.group(2)[start:]
        draft.conditions = [(c, k) for c, k in draft.conditions if c.startswith("startswith(industry")]
        return [
            ([(f"{draft.declare(f'{name}{g}', '年', False, 'integer')} == {year}", 0.7)], (a, 0.8))
            for g, a in zip(grades, amounts, strict=True)
        ]
    # degrees listed before 分别 (博士、硕士、本科毕业生，分别给予每人每月3000元、2000元、1000元): one benefit per
    # degree, a monthly sum paid over the clause's months
    degrees = re.findall(r"(博士|硕士|本科|学士|专科)", re.sub(r"博士后", "", head))
    if len(degrees) >= 2 and len(degrees) == len(amounts) and len(set(degrees)) == len(degrees):
        draft.conditions = [(c, k) for c, k in draft.conditions if not c.startswith("degree")]
        return [
            ([(f'degree == "{vocab.DEGREES[d]}"', 0.8)], (a, 0.8))
            for d, a in zip(degrees, _kind_sums(text, amounts, draft), strict=True)
        ]
    # professional titles listed before 分别 (正高级、副高级职称的人才，分别给予3万元、2万元): one benefit per title
    titles = re.findall(r"(正高级|副高级)", head)
    if len(titles) >= 2 and len(titles) == len(amounts) and len(set(titles)) == len(titles):
        draft.conditions = [(c, k) for c, k in draft.conditions if not c.startswith("title ")]
        return [
            ([(f'title == "{vocab.TITLES[t]}"', 0.8)], (a, 0.8))
            for t, a in zip(titles, _kind_sums(text, amounts, draft), strict=True)
        ]
    # 首店 by its reach (全国首店、全省首店、全市首店，分别给予…): one benefit per reach, a yes-or-no fact in its words
    # (每引进一家全国首店…: a sum per store an operator brings, a count: left for a person)
    stores = re.findall(r"(全球|全国|全省|全市|区域)首(?:店|发店)", head)
    per_store = re.search(r"每(?:新)?(?:引进|引入|招引|落地)", head)
    if len(stores) >= 2 and len(stores) == len(amounts) and len(set(stores)) == len(stores) and not per_store:
        return [
            ([(draft.declare(f"{reach}首店", None, False, "boolean"), 0.7)], (a, 0.8))
            for reach, a in zip(stores, amounts, strict=True)
        ]
    # talent levels (A类、B类、C类 … 分别; A、B、C类; A至C类): one benefit per level
    levels = _listed_levels(head) or re.findall(r"(?<![A-Za-z])([A-E])类", head)
    if levels and shares and len(levels) == len(amounts):
        return _level_shares(levels, shares, amounts, text, draft)
    if levels and len(levels) == len(amounts):
        draft.conditions = [(c, k) for c, k in draft.conditions if not c.startswith("talent_level")]
        return [
            ([(f'talent_level == "{lv}"', 0.8)], (a, 0.8))
            for lv, a in zip(levels, _kind_sums(text, amounts, draft), strict=True)
        ]
    # tiers named in words (顶尖人才、领军人才、拔尖人才，分别给予…): one benefit per tier, each a yes-or-no fact
    tiers = re.findall(TALENT_TIER, head)
    if len(tiers) >= 2 and len(tiers) == len(amounts) and len(set(tiers)) == len(tiers):
        return [
            ([(draft.declare(t, None, False, "boolean"), 0.6)], (a, 0.7))
            for t, a in zip(tiers, _kind_sums(text, amounts, draft), strict=True)
        ]
    # other kinds of talent named in words, no level's code (青年英才人才…): the same, in the text's words; a document
    # that defined the codes put them in
    kinds = re.findall(r"([^、,;。的对]{2,6}人才)(?=、|,|$|的)", head)
    if len(kinds) >= 2 and len(kinds) == len(amounts) and len(set(kinds)) == len(kinds) and "类" not in head:
        return [
            ([(draft.declare(kind, None, False, "boolean"), 0.6)], (a, 0.8))
            for kind, a in zip(kinds, _kind_sums(text, amounts, draft), strict=True)
        ]
    # prizes listed before 分别 (获得中国专利金奖、银奖、优秀奖的，分别奖励50万元、30万元、10万元): one benefit per
    # prize, each a yes-or-no fact named with the award it belongs to
    # (上年度获得中国外观设计金奖、银奖…: a prize won in a stated year is a title of that year, ``_titles``)
    prizes = re.findall(PRIZE, head)
    dated = re.search(r"(?:上年度|上一年度|当年度?|本年度)(?:获得|荣获|获)", head)
    if len(prizes) >= 2 and len(prizes) == len(amounts) and len(set(prizes)) == len(prizes) and not dated:
        lead = re.search(r"[^,;。、\d]{0,20}$", head[: head.find(prizes[0])])
        lead_words = lead.group(0) if lead else ""
        contest = re.search(r"在?([^,;。]{2,16}?(?:大赛|竞赛|比赛|挑战赛))(?:中|上)?(?:获得|荣获|获)$", lead_words)
        award = re.sub(r"^.*?(?:获得|荣获|获评|获|设立|设|评选出|评选|评为)", "", lead_words)
        award = re.sub(r"^(?:对|凡)?在?", "", contest.group(1)) if contest else re.sub(r"^(?:对|凡)?的?", "", award)
        draft.conditions = [(c, k) for c, k in draft.conditions if c.startswith(("startswith(industry", "size_class"))]
        return [
            ([(draft.declare(f"{award}{prize}", None, False, "boolean"), 0.6)], (a, 0.8))
            for prize, a in zip(prizes, amounts, strict=True)
        ]
    # certifications named in order before 分别, each paired with its amount
    named = [(c, k) for c, k in draft.conditions if c.startswith("cert_")]
    if re.search(r"分别[^,;。\d]{0,6}(?:最高|不超过|不高于)", text):
        # caps, not sums (分别给予最高500万元、300万元, 分别予以不超过120万元、40万元的奖励): each title or
        # certification gets a reviewer's amount within its own cap
        amounts = [f"manual({a})" for a in amounts]
    if len(named) == 1 and len(amounts) == 2 and re.search(rf"(?:首次|新)(?:通过)?认定[、和及]{RENEWAL}", head):
        # 首次认定、重新认定为高新技术企业的，分别奖励20万元、10万元: a first certification and a renewal, each its sum
        draft.conditions = [(c, k) for c, k in draft.conditions if not c.startswith("cert_")]
        return [(named, (a, 0.8)) for a in amounts]
    if len(named) == len(amounts):
        order = sorted(named, key=lambda ck: _cert_position(head, ck[0]))
        spots = [_cert_position(head, c) for c, _ in order]
        if any(not re.search(r"[、,和及与]", head[a:b]) for a, b in itertools.pairwise(spots)):
            # 国家级、省级专精特新小巨人企业: two certifications read inside one title (省级专精特新 within it), not
            # two titles listed: never paired with the sums, silently (left for a person)
            return []
        draft.conditions = [(c, k) for c, k in draft.conditions if not c.startswith("cert_")]
        return [([ck], (a, 0.8)) for ck, a in zip(order, amounts, strict=True)]
    return _titles(head, amounts, draft)


# a prize's grades (中国专利金奖、银奖; 科学技术奖一等奖、二等奖)
PRIZE = r"特等奖|一等奖|二等奖|三等奖|金奖|银奖|铜奖|优秀奖|优胜奖|提名奖"


def _level_shares(
    levels: list[str], shares: re.Match[str], caps: list[str], text: str, draft: Draft
) -> list[tuple[list[tuple[str, float]], tuple[str, float]]]:
    """分别按购房款的50%、30%给予补贴，最高分别不超过200万元、100万元 for A类、B类: each level its share of the sum the
    clause names, under its own cap (the listed sums are caps, never the amounts); a base or caps it cannot pair
    leave the sentence to a person."""
    rates = [_share_of(r) for r in re.findall(PCT, shares.group(2) + shares.group(3))]
    words = re.sub(r"^(?:其|实际)?", "", shares.group(1))
    capped = re.search(r"最高(?:分别)?(?:不超过|为)?|分别(?:最高)?不超过", text)
    if len(rates) != len(levels) or not capped or not (2 <= len(words) <= 10):
        return []
    if not re.search(rf"(?:{MONEY_NOUN}|费|价格|价款|房款|租金|工资|薪酬)$", words):
        return []
    col = draft.declare(words, "万元", False)
    draft.conditions = [(c, k) for c, k in draft.conditions if not c.startswith("talent_level")]
    draft.add(f"{col} > 0", 0.6)
    draft.handled.add("share")
    return [
        ([(f'talent_level == "{lv}"', 0.8)], (f"min({col} * {plain(rate)}, {cap})", 0.7))
        for lv, rate, cap in zip(levels, rates, caps, strict=True)
    ]


def _listed_levels(words: str) -> list[str]:
    """The talent levels a list names, in order: A类、B类、C类, A、B、C类 (类 said once), A至C类 or A类至C类 (every
    level between); a single level is no list."""
    if m := re.search(r"(?<![A-Za-z])([A-E])类?(?:至|到|-|—|~)([A-E])类", words):
        first, last = ord(m.group(1)), ord(m.group(2))
        return [chr(c) for c in range(first, last + 1)] if first < last else []
    m = re.search(r"(?<![A-Za-z])[A-E]类?(?:(?:、|和|及|或)[A-E]类?)*(?:、|和|及|或)[A-E]类", words)
    return re.findall(r"[A-E]", m.group(0)) if m else []


def _each_level(text: str, draft: Draft) -> None:
    """对在本市购房的D类、E类人才，按房款的20%给予补贴 (no 分别): each level listed earns the one sum, a benefit per
    level (as levels listed before 分别 are); the single level read from the list's last one is dropped."""
    lead = re.match(r"(?:对|凡)?[^,;。]{2,60}?(?:人才|人员)[,;]", text)
    levels = _listed_levels(lead.group(0)) if lead else []
    if draft.amount is None or draft.variants or "分别" in text or len(levels) < 2:
        return
    draft.conditions = [(c, k) for c, k in draft.conditions if not c.startswith("talent_level")]
    draft.variants = [([(f'talent_level == "{lv}"', 0.8)], draft.amount) for lv in levels]
    draft.amount = None


def _prize_sums(text: str, draft: Draft) -> list[tuple[list[tuple[str, float]], tuple[str, float]]]:
    """获得省专利奖一等奖的项目每项奖励8万元，二等奖每项奖励3万元, or 给予一等奖250万元、二等奖80万元的配套奖励 (each
    grade right before its sum): each prize its own sum, a yes-or-no fact named with the award the first prize belongs
    to (as prizes listed before 分别 are, ``_respectively``)."""
    paid = list(
        re.finditer(rf"({PRIZE})(?:[^,;。\d]{{0,8}}?每(?:项|个|件)?(?:{GRANTS})?|(?:为)?)({NUMBER})(万元|元)", text)
    )
    if len(paid) < 2 or len({m.group(1) for m in paid}) != len(paid) or "分别" in text:
        return []
    lead = re.search(r"(?:获得|荣获|获评|获)([^,;。、\d]{2,12}?)$", text[: paid[0].start()])
    award = lead.group(1) if lead else ""
    draft.conditions = [(c, k) for c, k in draft.conditions if c.startswith(("startswith(industry", "size_class"))]
    draft.spans.extend(m.span() for m in paid)
    draft.handled.add(PER_UNIT)  # (每项: each prize a project wins, its own sum; no count to cap)
    return [
        (
            [(draft.declare(f"{award}{m.group(1)}", None, False, "boolean"), 0.6)],
            (_quantity(m.group(2), m.group(3), "money"), 0.8),
        )
        for m in paid
    ]


# (自治区级: the provincial level of 内蒙古, 广西, 西藏, 宁夏 and 新疆, as 省级 is elsewhere)
LEVELS = r"国家级|自治区级|省级|市级|区级|县级|国家|中国|自治区|省|市"
# a grade a kind of place or firm is rated in (5A级 景区, 五星级 饭店, 甲级 民宿)
GRADE = r"(?:[1-5]A|[一二三四五1-5]星|[甲乙丙]|[金银铜][宿星牌]?)级"  # (银宿级、金宿级民宿; 金星、银星级旅馆)


def _titles(head: str, amounts: list[str], draft: Draft) -> list[tuple[list[tuple[str, float]], tuple[str, float]]]:
    """Titles the schema lacks, listed before 分别 ("评为省级未来工厂、省级智能工厂、市级数字化车间的", "国家级、省级、
    市级技术创新示范企业"): each its own benefit, on the year the title was awarded (a proposed attribute per title,
    labelled with its words, as the schema's certifications are)."""
    head = re.sub(r"[,，]?(?:每家|每个|每户|均)$", "", head)  # 对新认定的A、B，每家分别给予: no part of the list
    # (新认定（备案）的…众创空间: a filing said beside the recognition is the same award of the title)
    head = re.sub(r"(认定|评定)[(（](?:备案|命名|授牌)[)）]", r"\1", head)
    m = re.search(
        r"(?:对)?(当年度?|本年度|上年度|上一年度)?(?:首次|新)?(?:被)?"
        r"(?:评为|认定为|评定为|获评|评定|认定|获得|获批|入选|命名为|列入)?的?"
        # (民宿的经营单位, 的经营主体: who runs the titled place is no part of the title)
        r"((?:[^,;。\d%]|\dA)(?:[^,;。\d%]|\dA){1,59}?)的?(?:申请|经营)?(?:企业|单位|项目|主体|组织)?[,，]?$",
        head,
    )
    # (a certification the schema holds may be listed among them: 国家级专精特新“小巨人”企业、国家级制造业单项冠军企业)
    # (省级、市级新型研发机构: the kind of institute the titles name is the titles' word, no condition beside them)
    kind = [c for c, _ in draft.conditions if c.startswith("institute_type ==") and m and _institute_in(c, m.group(2))]
    if not m or any(not c.startswith(("startswith(industry", "cert_")) and c not in kind for c, _ in draft.conditions):
        return []
    # (技术转移机构获得国家级、省级技术转移示范机构称号的: who wins is named before the verb, the titles after it)
    listed = re.sub(
        r"^[^、]*?(?:评为|认定为|评定为|获评|评定的?|认定的?|备案的?|获批|入选|列入|获得|荣获)(?=" + LEVELS + ")",
        "",
        m.group(2),
    )
    # (中华技能大奖、全国技术能手称号的高技能人才: the kind of person who wins, after the last title, is no part of it)
    listed = re.sub(r"的[^、的]{0,6}(?:人才|人员|个人|职工|工匠)$", "", listed)
    # (重点龙头企业 is the title's own word: kept in its label, as a single title keeps it)
    firm = "企业" if head[m.end(2) :].startswith("企业") else ""
    items = [
        i
        for i in re.sub(
            r"^(?:对)?(?:当年度?|上年度)?(?:首次|新)?(?:被)?(?:评为|认定为|评定为|获评|评定的?|认定的?|获批|入选|列入)",
            "",
            re.sub(r"(?:荣誉)?称号$|(?<=秘书处)工作$", "", listed) + firm,
        ).split("、")
    ]
    bare = any(re.fullmatch(LEVELS, i) for i in items[:-1])  # (国家级、省级…秘书处: the levels' own reading below)
    if len(items) >= 2 and items[-1].endswith("秘书处") and "承担" in head and not bare:
        # 承担全国专业标准化技术委员会、分技术委员会秘书处: the role written once, after the last, is every one's,
        # and a sub-committee (分…) belongs to the kind the first names (全国专业标准化…)
        committee = items[0].removeprefix("承担")
        items = [committee, *items[1:]]
        items = [i if i.endswith("秘书处") else i + "秘书处" for i in items]
        for n, item in enumerate(items[1:], 1):
            body = item.removeprefix("分")
            if item.startswith("分") and (at := committee.find(body.removesuffix("秘书处"))) > 0:
                items[n] = committee[:at] + item
    # (示范工厂、示范车间的制造业企业: the kind of firm after the last title is no part of it)
    if len(items) >= 2 and "的" in items[-1] and draft.conditions:
        items[-1] = re.sub(r"的[^、的]{1,8}$", "", items[-1])
    if len(items) != len(amounts) or len(items) < 2:
        return []
    last = items[-1]
    if all(re.fullmatch(LEVELS, i) for i in items[:-1]) and (lead := re.match(LEVELS, last)):
        # 国家、省、市级X: the 级 said once, at the end, is every level's (国家级、省级、市级X)
        if lead.group(0).endswith("级"):
            items[:-1] = [i if i.endswith("级") or i == "中国" else i + "级" for i in items[:-1]]
        items = [i + last[lead.end() :] for i in items[:-1]] + [last]  # 国家级、省级、市级技术创新示范企业
    elif all(re.fullmatch(rf"(?:{LEVELS})?(?:{GRADE}|[金银铜][宿星牌])", i) for i in items[:-1]) and (
        grade := re.match(rf"(?:{LEVELS})?{GRADE}", last)
    ):
        # grades of one kind (国家5A级、4A级旅游景区; 甲级、乙级旅游民宿): the kind after the last grade is each one's
        # (金星、银星、铜星级: the 级 said once, at the end, is every grade's)
        items = [(i if i.endswith("级") else i + "级") + last[grade.end() :] for i in items[:-1]] + [last]
    elif (first := re.fullmatch(rf"(.{{2,12}}?)(?:{PRIZE})", items[0])) and all(
        re.fullmatch(PRIZE, i) for i in items[1:]
    ):
        # 中国专利金奖、银奖、优秀奖: the prize named once, with its first grade, is each grade's
        items = [items[0]] + [first.group(1) + i for i in items[1:]]
    # titles with no level are titles only when the clause awards them (认定为数字化智能化示范工厂、示范车间)
    # (新获得…称号, 荣获…奖: a title or prize won is awarded too)
    awarded = re.search(
        r"认定为|评为|获评|命名为|入选|列入|(?:新|首次)(?:认定|承担)|获批|(?:获得|荣获)[^,;。]*(?:称号|奖)", head
    )
    if any(not (3 <= len(i) <= 16) or not (re.match(rf"{LEVELS}|{GRADE}", i) or awarded) for i in items):
        return []  # not a list of awarded titles: left for a person
    # (新认定的创新型中小企业、专精特新中小企业、专精特新“小巨人”企业: a tier of titles ending in 企业, awarded, among
    # them a certification the schema holds, so the list is one of titles and not of kinds of claimant)
    tier = awarded is not None and any(w in i for i in items for w in vocab.CERTIFICATIONS)
    firm_word = r"单位|项目|的" if tier else r"企业|单位|项目|的"
    # (a title awarded may end in 企业 when its words make it one: 产学研示范企业, 创新引领型民营企业)
    entitled = r"(?:示范|引领型?[\u4e00-\u9fff]{0,4}|龙头|冠军|标杆)企业$"
    if any(
        len(i) < 4 or (re.search(firm_word, i) and not (awarded and re.search(entitled, i)))
        for i in items
        if not re.match(rf"{LEVELS}|{GRADE}", i)
    ):
        return []  # (a title's words, not a kind of claimant or a phrase)
    year = "this_year" if m.group(1) in ("当年", "当年度", "本年度") else "last_year"
    # an item that is a certification the schema holds is read as it; the sentence's own reading must have found
    # the same ones (else a title was read inside another: left for a person)
    held = [next((a for w, a in vocab.CERTIFICATIONS.items() if w in i), None) for i in items]
    if {a for a in held if a} != {c.split(" ")[0] for c, _ in draft.conditions if c.startswith("cert_")}:
        return []
    # the industry the firms are in stays a condition of each (示范车间的制造业企业)
    draft.conditions = [(c, k) for c, k in draft.conditions if c.startswith("startswith(industry")]
    out = []
    for item, cert, amount in zip(items, held, amounts, strict=True):
        won = "承担年份" if item.endswith("秘书处") else "认定年份"
        name = cert or draft.declare(f"{item}{won}", "年", False, "integer")
        out.append(([(f"{name} == {year}", 0.7)], (amount, 0.8)))
    return out


def _institute_in(condition: str, words: str) -> bool:
    """``condition`` (institute_type == "…") reads a kind of institute whose word ``words`` hold."""
    return any(f'"{value}"' in condition and word in words for word, value in vocab.INSTITUTES.items())


def _each_title(text: str, draft: Draft) -> bool:
    """对新认定的A、B，给予X (no 分别): either title earns the one sum, each its own benefit on the year it was
    awarded (as titles listed before 分别 are, ``_titles``); the draft's amount becomes the variants'."""
    lead = re.match(r"(?:对|凡)?[^,;。]{4,60}?,", text)
    if draft.amount is None or "分别" in text or not lead or "、" not in lead.group(0):
        return False
    listed = _titles(lead.group(0), [draft.amount[0]] * (lead.group(0).count("、") + 1), draft)
    if listed:
        draft.variants, draft.amount = listed, None
    return bool(listed)


def _either_certificate(text: str, draft: Draft) -> None:
    """对新认定的国家级、省级企业技术中心，给予X (no 分别): either certificate earns the one sum, each its own
    benefit; drafted as one, the benefit asked for both at once."""
    lead = re.match(r"[^,;。]*?,", text)
    named = [(c, k) for c, k in draft.conditions if re.fullmatch(r"cert_\w+_year == \w+", c)]
    if draft.amount is None or draft.variants or "分别" in text or len(named) < 2 or not lead:
        return
    if "、" not in lead.group(0) or re.search(r"同时|并且|且|又|和|及|后", lead.group(0)):
        return  # (获评省级…后又升级为国家级的, 同时获得A和B: both at once, as written)
    draft.conditions = [ck for ck in draft.conditions if ck not in named]
    draft.variants = [([ck], draft.amount) for ck in named]
    draft.amount = None


TITLE_WORDS = (
    r"评为|认定为|获评|获认定的?|认定的?|评定的?|获批(?:设立|建设)?的?|入选|命名为|授予|获得|荣获|建(?:设|成)?的|设立"
    # (对新注册地理标志证明商标的: a trademark registered, its year, as 当年获得地理标志证明商标 is)
    r"|注册(?=[^,;。\d]{0,8}?商标)"
    # (对新增国家级农民合作社示范社: a title added at a level)
    r"|晋升为|升级为|增(?=国家级|自治区级|省级|市级|区级|县级)"
    # (对新承担省专业标准化技术委员会秘书处工作的单位: a role taken on in the year, as a title awarded)
    r"|承担(?=[^,;。]{2,16}秘书处)"
    # (首次纳入职业技能等级认定试点的企业: a pilot a firm is entered into, as a title awarded)
    r"|(?:纳入|列入)(?=[^,;。]{2,16}?试点)"
    # (首次备案成为职业技能等级认定机构的企业: a body a firm is entered as, as a title awarded)
    r"|备案(?:成为|为)(?=[^,;。]{2,16}?(?:认定|评价|鉴定)机构)"
)
CONTEST = re.compile(
    r"在([^,;。]{2,16}?(?:大赛|竞赛|比赛|挑战赛))(?:中|上)?(?:获得|荣获|获)"
    r"(前[一二三四五六七八九十\d]+名|[一二三特]等奖|金奖|银奖|铜奖|优胜奖|优秀奖)"
)


# 首次进入全区商贸企业前十名 / 位列全市纳税百强: a place in a ranking the district keeps, the claimant's own fact
FIRST_IN_A_RANKING = re.compile(
    r"(首次)?(?:进入|位列|跻身|列入)((?:全[区市县省国]|本[区市县])[^,;。\d]{0,12}?)前([一二三四五六七八九十百\d]+)(?:名|位|强)"
)


# 对上年度由个体工商户转型为企业的 / 新转为公司的个体工商户 / “个转企”企业: a change of the claimant's legal form
INDIVIDUAL_TO_FIRM = re.compile(
    r"(当年|本年度|上年度|上一年度)?(?:新)?(?:由)?个体工商户(?:首次)?(?:转型|转制|转)(?:升级)?为(?:[^,;。]{0,6}?)(?:企业|公司)"
    r"|(当年|本年度|上年度|上一年度)?[“\"]?个转企[”\"]?"
)


def _certified_or_moved_in(text: str, draft: Draft) -> None:
    """对新认定或整体迁入的高新技术企业，一次性奖励40万元: either way of becoming one here earns the sum, each its
    own benefit (the certificate's year; a certified firm moved in whole, a yes/no fact)."""
    either = re.search(r"(?:新|首次)(?:认定|获评)(?:或|及|和|、)整体(?:迁入|搬迁)的?", text)
    if not either or draft.amount is None or draft.variants:
        return
    certs = [(c, k) for c, k in draft.conditions if re.fullmatch(r"cert_\w+ == (?:last|this)_year", c)]
    words = [w for w, a in vocab.CERTIFICATIONS.items() if certs and certs[0][0].startswith(f"{a} ") and w in text]
    if len(certs) != 1 or not words:
        return
    moved_in = draft.declare(f"整体迁入的{max(words, key=len)}", None, False, "boolean")
    draft.conditions = [ck for ck in draft.conditions if ck != certs[0]]
    draft.variants = [([certs[0]], draft.amount), ([(moved_in, 0.6)], draft.amount)]
    draft.amount = None


def _title(text: str, draft: Draft) -> None:
    """The claimant named only by a title the schema lacks (对新认定的省级绿色工厂, 对当年获评国家级服务型制造示范
    企业的) or a contest placing (在省级创业大赛中获得前三名): a proposed attribute in the clause's words, so the
    benefit has the condition the text states instead of none. A title with its level and 新/首次/当年 is the year
    it was awarded, as the schema's certifications are (and as titles listed before 分别 are, ``_titles``); a
    placing is a yes-or-no fact."""
    # (a share's own condition, its base > 0, names no claimant; nor does the industry the firm is in)
    base_only = all(
        (c.endswith(" > 0") and c.split(" ")[0] in (draft.amount or ("",))[0]) or c.startswith("startswith(industry")
        for c, _ in draft.conditions
    )
    # (对上一年度由个体工商户转型为企业的…，按行业给予奖励：: a lead-in's claimant, which its items' sums are for; so
    # is a title with its level, 对首次认定的省级绿色工厂，按以下标准…：; a title without one leaves its level to the
    # items, 国家级的，奖励200万元)
    lead_in = re.search(r"[:：]$", text.strip().rstrip("。")) and (
        INDIVIDUAL_TO_FIRM.search(text)
        or FIRST_IN_A_RANKING.search(text)
        or re.search(rf"(?:首次|新)(?:认定|获评|获批)(?:为)?的?(?:{LEVELS})", text)
    )
    if not base_only or draft.variants or (draft.amount is None and "一事一议" not in text and not lead_in):
        return  # (a share's own condition, its base > 0, names no claimant: the title still does)
    if not draft.conditions and _each_title(text, draft):
        return
    if MATCHING in draft.handled:
        return  # 对新获批的国家级技术创新中心，按国家支持资金1:1配套: the title names the grant matched, no condition
    if placed := CONTEST.search(text):
        draft.add(draft.declare(f"{placed.group(1)}{placed.group(2)}", None, False, "boolean"), 0.6, placed.span())
        return
    if ranked := FIRST_IN_A_RANKING.search(text):
        # 首次进入全区商贸企业前十名: the ranking is the claimant's (the year it first entered, as 首次 titles are);
        # the firms it ranks (商贸企业) name the ranking, not the claimant's industry, which only its own words say
        draft.conditions = [(c, k) for c, k in draft.conditions if not c.startswith("startswith(industry")]
        if own := sorted({c for _, c in _trades(text[: ranked.start()] + text[ranked.end() :])[0]}):
            draft.add("startswith(industry, [" + ", ".join(f'"{c}"' for c in own) + "])", 0.75)
        words = f"{ranked.group(2)}前{ranked.group(3)}名"
        if ranked.group(1):
            draft.add(
                f"{draft.declare(f'首次进入{words}年份', '年', False, 'integer')} == last_year", 0.6, ranked.span()
            )
        else:
            draft.add(draft.declare(f"进入{words}", None, False, "boolean"), 0.6, ranked.span())
        return
    if turned := INDIVIDUAL_TO_FIRM.search(text):
        # 个转企: a 个体工商户 turning into a firm is an event of one year (上年度, else last year's, as 首次 titles)
        year = "this_year" if (turned.group(1) or turned.group(2)) in ("当年", "本年度") else "last_year"
        draft.add(f"{draft.declare('个体工商户转型为企业年份', '年', False, 'integer')} == {year}", 0.6, turned.span())
        return
    m = re.search(
        # (通过复核的国家知识产权示范企业, 重新认定的X: a renewal is the title's year, as 复审 of the schema's are)
        # (对商标新被依法认定为驰名商标的申请单位: the thing titled said first, 依法 how; the claimant 申请单位)
        rf"(?:对|凡)?(?:商标|专利|产品|品牌)?(当年|本年度|上年度|上一年度)?(首次|新|经|通过复审|通过复核|复审|复核|重新)?(?:被)?(?:依法)?"
        rf"({TITLE_WORDS}|(?<=[审核])的)(?:为)?"
        # (国家4A级旅游景区: a grade written in digits is part of the title)
        rf"((?:{LEVELS})?(?:{GRADE})?[^,;。\d%、]{{2,14}}?)(?:(?<=秘书处)工作)?(?:的)?(?:申请)?(?:企业|单位|项目)?(?:的)?"
        r"(?:[,;]|(?=给予|一次性奖励|奖励\d))",
        text,
    )
    if not m or re.search(r"、|和|及|或", m.group(4)):
        return  # several titles (with 分别 or not): one benefit each, left to ``_titles`` or a person
    # 对在本市新设立的外资研发中心: the 的 after the verb is no part of the title
    title = m.group(4).removeprefix("的") + ("企业" if text[m.end(4) : m.end(4) + 2] == "企业" else "")
    # (a grade of qualification, 施工总承包特级, 设计甲级, is a title a firm is promoted to)
    kinds = (
        r"(?:企业|中心|平台|基地|工厂|车间|实验室|工作站|园区|孵化器|众创空间|试点|(?:认定|评价|鉴定)机构|特级|[一二三壹贰叁]级|[甲乙]级|商标)"
        r"(?:资质)?$"
    )
    if not re.match(rf"{LEVELS}|{GRADE}", title) and not re.search(kinds, title):
        # without a level or a grade (五星级旅游饭店), only a named kind of firm or institution is a title
        return
    # holding a title (已认定, 认定为) is no yearly event: its reading is an officer's choice. Winning one (获得,
    # 荣获) is, when the clause pays a sum for it; beside a share (获得国家立项的，按国拨经费的20%) it names the grant
    won_now = m.group(3).startswith(("获得", "荣获", "获评", "入选", "设立", "获批", "晋升", "升级")) and not [
        c for c, _ in draft.conditions if not c.startswith("startswith(industry")
    ]
    if not (m.group(1) or m.group(2) or won_now):
        return
    year = "this_year" if m.group(1) in ("当年", "本年度") else "last_year"
    # an award is won, a title awarded, a station set up, a grade promoted to
    years = {"获得": "获得年份", "荣获": "获得年份", "授予": "获得年份", "设立": "设立年份", "晋升为": "晋升年份"}
    years["承担"] = "承担年份"  # (a committee's secretariat taken on)
    years |= {"纳入": "纳入年份", "列入": "纳入年份"}  # (a pilot entered)
    years |= {"备案成为": "备案年份", "备案为": "备案年份"}
    years["注册"] = "注册年份"  # (a trademark registered)
    won = years.get(m.group(3).replace("升级为", "晋升为"), "认定年份")
    name = draft.declare(f"{title}{won}", "年", False, "integer")
    draft.add(f"{name} == {year}", 0.6, m.span(4))


def _usd_list(
    text: str, head: str, amounts: list[str], draft: Draft
) -> list[tuple[list[tuple[str, float]], tuple[str, float]]]:
    """Thresholds in 美元 listed before 分别 (进出口额达到3000万美元、5000万美元、1亿美元的，分别奖励…): kept in
    万美元 on the quantity in 美元, first crossings each its own benefit, else exclusive bands (as for 元 lists). A
    quantity no table names (跨境电商进出口额, 服务外包执行额) is proposed in the words before its list."""
    usd_figure = r"(\d+(?:\.\d+)?)\s*(亿美元|万美元)?"
    listed = rf"(?:在|为|达到|达)?(首次突破|首次达到|首次超过)?({usd_figure}(?:、{usd_figure})+)(以上|及以上)?(?:的|,)"
    place = None
    for attr, _, start, end in measures(head):
        if attr not in USD_OF:
            continue
        m = re.match(rf"(?:总额|金额|额)?{listed}", head[end:])
        if not m or "美元" not in m.group(2):
            return []
        usd = USD_OF[attr]
        draft.propose(usd, f"{head[start:end]}（美元）")
        draft.conditions = [(c, k) for c, k in draft.conditions if not re.match(rf"(?:{attr}|{usd})\[", c)]
        place = (usd, _year(text, start), end, m)
        break
    if place is None:
        words = re.search(rf"([\u4e00-\u9fff]{{2,14}}?(?:金额|额|投资|收入|规模))(?={listed})", head)
        if not words:
            return []
        m = re.match(listed, head[words.end() :])
        if not m or "美元" not in m.group(2):
            return []
        cut = re.split(rf"对|按|的|年度|{'|'.join(w for w, _ in YEAR_WORDS)}", words.group(1))
        label = cut[-1] if len(cut[-1]) >= 2 else words.group(1)
        near = head[max(0, words.end() - len(label) - 4) : words.end() - len(label)]
        year = next((y for w, y in YEAR_WORDS if w in near), "last_year")  # a yearly figure: last year unless dated
        usd = draft.declare(label, "万美元", True)
        place = (usd, year, words.end(), m)
    usd, year, end, m = place
    pieces = re.findall(usd_figure, m.group(2))
    unit = next((u for _, u in reversed(pieces) if u), "万美元")
    xs = [number(v) * (10000 if (u or unit) == "亿美元" else 1) for v, u in pieces]
    if len(xs) != len(amounts) or xs != sorted(xs):
        draft.proposed.pop(usd, None)
        return []
    col = f"{usd}[{year}]"
    draft.spans.append((end, end + m.end()))
    out = []
    for i, (x, a) in enumerate(zip(xs, amounts, strict=True)):
        if m.group(1):  # 首次突破: above it this year, below it the year before
            own = [(f"{col} >= {plain(x)}", 0.8), (f"{usd}[{PREVIOUS[year]}] < {plain(x)}", 0.8)]
        else:
            own = [(f"{col} >= {plain(x)}", 0.8)]
            if i + 1 < len(xs):
                own.append((f"{col} < {plain(xs[i + 1])}", 0.8))
        out.append((own, (a, 0.8)))
    return out


SIZE_LISTED = re.compile(
    rf"([\u4e00-\u9fff]{{2,16}}?(?:面积|库容|容量|能力))(?:达到|在|为|达)?"
    rf"((?:{NUMBER}\s*(?:万平方米|平方米|万立方米|立方米|亩|万吨|吨)(?:\((?:不)?含\))?、)+"
    rf"{NUMBER}\s*(万平方米|平方米|万立方米|立方米|亩|万吨|吨)(?:\((?:不)?含\))?)(?:以上|及以上)?(?:的|,)"
)


def _size_threshold_list(
    text: str, head: str, amounts: list[str], draft: Draft
) -> list[tuple[list[tuple[str, float]], tuple[str, float]]]:
    """Thresholds of an area or a capacity listed before 分别 (海外仓仓储面积达到1000平方米（含）、5000平方米（含）
    以上，分别给予20万元、50万元): exclusive bands on a proposed figure in the clause's words and unit, as thresholds of
    a sum listed without 首次 are (read one by one, the first threshold alone went to every larger one too)."""
    m = SIZE_LISTED.search(head)
    if not m or "首次" in m.group(0) or "不含" in m.group(2):
        return []  # (a threshold marked 不含 bounds its band otherwise: to a person)
    cut = re.split(rf"对|按|的|年度|{'|'.join(w for w, _ in YEAR_WORDS)}", m.group(1))
    words = cut[-1] if len(cut[-1]) >= 2 else m.group(1)
    near = head[max(0, m.end(1) - len(words) - 4) : m.end(1) - len(words)]
    said = next((y for w, y in YEAR_WORDS if w in near), None)
    if re.search(r"种植|流转|用地", words):
        return []  # (yearly areas in 亩 the per-亩 reading proposes: to a person, as a single threshold is)
    pieces = re.findall(rf"({NUMBER})\s*(万平方米|平方米|万立方米|立方米|亩|万吨|吨)?", m.group(2))
    unit = m.group(3)
    xs = [number(v) * (10000 if (u or unit).startswith("万") else 1) for v, u in pieces]
    if len(xs) != len(amounts) or xs != sorted(xs):
        return []
    measure = "吨" if unit.endswith("吨") else unit.removeprefix("万")
    name = draft.declare(words, measure, said is not None)
    col = f"{name}[{said}]" if said else name
    draft.conditions = [
        (c, k) for c, k in draft.conditions if not c.startswith(f"{name} ") and not c.startswith(f"{name}[")
    ]
    draft.spans.append(m.span(2))
    out = []
    for i, (x, a) in enumerate(zip(xs, amounts, strict=True)):
        own = [(f"{col} >= {plain(x)}", 0.8)]
        if i + 1 < len(xs):
            own.append((f"{col} < {plain(xs[i + 1])}", 0.8))
        out.append((own, (a, 0.8)))
    return out


def _banded_list(
    text: str, head: str, amounts: list[str], shares: re.Match[str] | None, draft: Draft
) -> list[tuple[list[tuple[str, float]], tuple[str, float]]]:
    """A quantity with a list of thresholds or bands before 分别 (not first crossings): one benefit per band."""
    # (…10亿元以上且增速不低于10%的: a condition every band shares may follow the list)
    listed = rf"(?:在|为|达到|达|处于)?({MARKED}(?:、{MARKED})+)(以上|及以上)?(?:的|且|三档|两档|四档|[,，])"
    band_list = rf"(?:在|为|达到)?({BAND.pattern}(?:、{BAND.pattern})+)"
    named = [
        (a, k, st, e)
        for a, k, st, e in measures(head)
        if k == "money" and a not in vocab.EXPRESSIONS and a not in vocab.NOT_YEARLY
    ]
    place = None
    for attr, _, start, end in named:
        if re.match(r"(?:在|为)?(?:首次|首)", head[end:]):
            return []  # first crossings: each threshold its own benefit (below)
        if m := re.match(listed, head[end:]) or re.match(band_list, head[end:]):
            col = _column(attr, _year(text, start))
            place = (attr, col, m)
            break
    if place is None:
        # a quantity no table names, in the words before its list (网上销售本地农产品金额达到100万元、300万元以上)
        m = re.search(
            # (融资金额5亿元（含）以下、5亿元至10亿元（含）、10亿元以上: bands of it, the first one closed below)
            rf"([\u4e00-\u9fff]{{2,14}}?(?:金额|额|投资|收入|产值|规模))"
            rf"(?=(?:在|为|达到|达)?{LIST}(?:\(含\))?(?:以下|以内|及以下)?(?:\(含\))?、)",
            head,
        )
        if not m or re.search(r"首次", head[m.end() : m.end() + 6]):
            return []
        cut = re.split(rf"对|按|的|年度|{'|'.join(w for w, _ in YEAR_WORDS)}", m.group(1))
        words = cut[-1] if len(cut[-1]) >= 2 else m.group(1)
        start_words = m.end(1) - len(words)
        near = head[max(0, start_words - 4) : start_words]
        year = next((y for w, y in YEAR_WORDS if w in near), "last_year" if "年度" in near else None)
        if year is None and len(words) >= 4 and words.startswith("年"):
            # (年实际投资额达到1亿元、3亿元: a yearly figure, its 年 no part of it)
            year, words = "last_year", words[1:]
        name = draft.declare(words, "万元", year is not None)
        col = f"{name}[{year}]" if year else name
        after = re.match(listed, head[m.end() :]) or re.match(band_list, head[m.end() :])
        if not after:
            draft.proposed.pop(name, None)
            return []
        place = (name, col, after)
    attr, col, m = place
    listed_text = m.group(1)
    bands = _bands(re.sub(r"(?:三档|两档|四档)$", "", listed_text))
    if bands is None:
        # thresholds each with 以上: bands from each up to the next one (exclusive of it)
        pieces = re.findall(rf"({NUMBER}|[千百]万|亿)\s*(亿元|万元|元)?", listed_text)
        unit = next((u for _, u in reversed(pieces) if u), "万元")
        xs = [to_wan(v, u or unit) for v, u in pieces]
        if xs != sorted(xs):
            return []
        bands = [((">=", x), ("<", xs[i + 1]) if i + 1 < len(xs) else None) for i, x in enumerate(xs)]
    if shares and len(amounts) < 2:
        rates = [percentage(r) for r in re.findall(PCT, shares.group(0)[shares.start(2) - shares.start(0) :])]
        cap = _cap(text[shares.end() :], None)
        formulas = [_capped(f"{col} * {plain(r)}", cap) for r in rates if r is not None]
    else:
        formulas = amounts
    if len(formulas) != len(bands):
        return []
    mine = re.compile(rf"{re.escape(col)} ")
    draft.conditions = [(c, k) for c, k in draft.conditions if not mine.match(c)]
    draft.spans.append((text.find(listed_text), text.find(listed_text) + len(listed_text)))
    growth = re.search(
        rf"{re.escape(listed_text)}(?:以上|及以上)?且(?:增速|增幅|增长率|同比增长|较上年增长)(不低于|达到|超过)?({PCT})(以上|及以上)?",
        text,
    )
    dated = re.fullmatch(r"(\w+)\[(\w+)\]", col)
    if growth and dated and dated.group(2) in PREVIOUS:
        # 10亿元以上且增速不低于10%的: every band's growth over the year before, as 零售额…增速达到5%以上 reads alone
        op = ">" if growth.group(1) == "超过" else ">="
        rate = _pct(growth.group(2))
        where = (growth.start(), growth.end())
        if attr == "revenue":
            draft.add(f"revenue_growth {op} {plain(rate * 100)}", 0.75, where)
        else:
            draft.add(f"{col} {op} {attr}[{PREVIOUS[dated.group(2)]}] * {plain(1 + rate)}", 0.75, where)
    out = []
    for (low, high), formula in zip(bands, formulas, strict=True):
        own = [(f"{col} {end[0]} {plain(end[1])}", 0.8) for end in (low, high) if end is not None]
        out.append((own, (formula, 0.8)))
    if place[0].startswith("quantity_") and bands[0][0] is None:
        # 按融资金额5亿元（含）以下…: a figure of something done (an issue, a sum raised), the lowest band open below;
        # nothing done earns nothing
        draft.add(f"{col} > 0", 0.7)
    return out


def _cert_position(text: str, expr: str) -> int:
    attr = expr.split()[0]
    spots = [text.find(w) for w, a in vocab.CERTIFICATIONS.items() if a == attr and w in text]
    return min(spots) if spots else len(text)


def _tiers(text: str, draft: Draft) -> tuple[str, float] | None:
    # (?![\d.]): a number is never split in two ("1000万元" is not "100" and "0万元")
    q = rf"({NUMBER}|[千百]万|亿)(?![\d.])\s*(亿元|万元|元|人|件|%)?"
    award = (
        rf"(?:的)?(?:企业|单位|项目|主体)?,?(?:{AWARD}|奖励)?(?![万亿])({NUMBER}|[千百]万|亿)(?![\d.])\s*(亿元|万元|元)"
    )
    bands: list[tuple[Decimal, str, str | None]] = []
    for m in re.finditer(rf"(?:不低于|达到)?{q}(?:\(含\))?(?:及)?以上{award}", text):
        bands.append((_in_wan(m.group(1), m.group(2)), plain(to_wan(m.group(3), m.group(4))), m.group(2)))
    for m in re.finditer(rf"{q}(?:\((?:不)?含\))?(?:至|-|—|~)\s*{q}(?:\((?:不)?含\))?{award}", text):
        unit = m.group(2) or m.group(4)
        bands.append((_in_wan(m.group(1), unit), plain(to_wan(m.group(5), m.group(6))), unit))
    for m in re.finditer(rf"(?:不足{q}|{q}以下){award}", text):
        unit = m.group(2) or m.group(4)
        bands.append((Decimal(0), plain(to_wan(m.group(5), m.group(6))), unit))
    for m in re.finditer(rf"(?:比例)?不低于({NUMBER})%的,?(?:{AWARD})?{MONEY}", text):
        bands.append((number(m.group(1)), plain(to_wan(m.group(2), m.group(3))), "%"))
    if len(bands) < 2:
        return None
    unit = next((u for _, _, u in bands if u), None)
    base = None
    if unit == "%":
        base = next((_column(a, _year(text, s)) for a, k, s, _ in measures(text) if k == "pct"), None)
        if base == "rd_ratio":
            base = None
    else:
        share = re.search(r"按([^,;。]*?)(?:分档|规模)", text)
        base = _base(share.group(1), text, share.start(1)) if share else None
        if base is None:
            for attr, kind, start, _ in measures(text):
                if (kind == "count") == (unit in ("人", "件")) and attr not in vocab.EXPRESSIONS:
                    base = _column(attr, _year(text, start))
                    break
    if base is None:
        return None
    ordered = sorted({a.normalize(): v for a, v, _ in bands}.items())
    formula = f"tier({base}, [" + ", ".join(f"[{plain(a)}, {v}]" for a, v in ordered) + "])"
    # comparisons read from the bands themselves are not conditions of the benefit; the lowest band is
    band = re.compile(rf"{re.escape(base)} (?:[<>]=?|==) (?!0$)\d")
    draft.conditions = [(c, k) for c, k in draft.conditions if not band.match(c)]
    if ordered[0][0] > 0:
        draft.add(f"{base} >= {plain(ordered[0][0])}", 0.7)
    return formula, 0.75


PAID_FOR = (
    # (发放年限5年: a table's column of the years a monthly sum is paid)
    r"(?:按|发放|补满|全年按|每年按|(?:(?:补贴|发放|享受|补助)(?:期(?:限)?|年限)|期限)(?:为)?"
    r"|连续(?:发放|补贴|享受)?|最长|最多|共|累计|补贴|发放|享受|给予)"
)


def _months(text: str) -> Decimal:
    """How many months a monthly sum is paid for: 按12个月发放, 补贴期限6个月, 最长补贴24个月, 连续发放3年, 3年内每月
    (12 when the clause does not say); a condition's months (缴纳社会保险满6个月以上) are no period of payment."""
    for m in re.finditer(rf"{PAID_FOR}(?:最长)?(?:不超过)?(?:补贴|发放|享受)?({NUMBER})(个月|年)(?!以上|及以上)", text):
        return number(m.group(1)) * (12 if m.group(2) == "年" else 1)
    if within := re.search(rf"({NUMBER})年(?:内|以内)[^,;。]{{0,4}}?每(?:人每)?月", text):
        return number(within.group(1)) * 12
    return Decimal(12)


def _core(words: str) -> str:
    """The words that name a sum, without who spends it, how it is counted or its 额 (项目实际完成投资额 → 投资)."""
    words = re.sub(r"^(?:照)?(?:不超过)?(?:其|企业)?(?:上一?年度|当年)?", "", words)
    return re.sub(r"项目|实际|完成|发生|支付|的|额$", "", words)


def _amount(text: str, draft: Draft) -> tuple[str, float] | None:
    if between := re.search(
        # (12万至18万元: the first figure's 元 left to the second's)
        rf"(?:给予|奖励|资助|支持|补助)[^,;。\d]{{0,6}}?({NUMBER})(万元|元|万)?(?:至|-|—|~|～|到)({NUMBER})(万元|元)"
        rf"(?:的)?[^,;。\d]{{0,6}}?(?:奖励|支持|资助|补助|补贴|扶持)",
        text,
    ):
        # 给予3万元至15万元的资助: a reviewer sets the amount within the range (manual, its top as the cap)
        draft.spans.append(between.span())
        return f"manual({_quantity(between.group(3), between.group(4), 'money')})", 0.6
    bound = _base_bound(text, draft)  # read first: its number is no cap of the grant
    cap = _cap(text, draft)
    if tiered := _tiers(text, draft):
        return tiered
    if banded := _progressive(text):
        sliced = banded[0][4:].split(",")[0]
        draft.add(f"{sliced} > 0", 0.7)  # paid on a positive base only
        # (每家每年奖励最高不超过80万元: the bands' sum is capped, by words after the bands: 不超过1000万元部分 is one)
        return _capped(banded[0], _cap(text[text.rfind("部分") :])), banded[1]
    if above := re.search(rf"(?:超过|超出)({NUMBER})(亿元|万元)(?:以上)?的部分[^;。\d]{{0,8}}?({PCT})", text):
        base = _base(text[: above.start()], text, 0, last=True)
        rate = percentage(above.group(3))
        if base and rate is not None and not re.search(r"累进|分段", text):
            # 研发费用超过1000万元的部分按5%: the share of the part above the clause's own threshold
            x = _quantity(above.group(1), above.group(2), "money")
            draft.add(f"{base} > {x}", 0.8, above.span())
            return _capped(f"({base} - {x}) * {plain(rate)}", cap, _floor(text, draft)), 0.75
    if m := re.search(
        rf"(?:增长的部分|增长部分|增量部分|增加额|增量|超出(?:上一?年度?|前一年度)?(?:的)?部分|超过部分)[^;。]{{0,8}}?(?:给予|的|按)?({PCT})",
        text,
    ):
        rate = percentage(m.group(1))
        # (对地方财力贡献增量的50%: the increase of the contribution, read with it below, not of a figure named before)
        base = None if re.search(r"贡献(?:的)?$", text[: m.start()]) else _base(text[: m.start()], text, 0, last=True)
        if base is None and (said := [(text.rfind(w, 0, m.start()), col) for w, col in draft.quantities]):
            # 软件业务收入超过1亿元…按软件业务收入增量的5%: the increase of the sum the threshold named
            where, col = max(said)
            if where >= 0 and "[" in col:
                base = col
                draft.handled.add("share")
        threshold = re.escape(base or "") + r" >=? (\d+(?:\.\d+)?)$"
        over = next((re.match(threshold, c) for c, _ in draft.conditions if re.match(threshold, c)), None)
        if base and rate is not None and m.group(0).startswith(("超出部分", "超过部分")) and over:
            # 首次超过1000万元的，超出部分按10%: the part above the clause's own threshold, not last year's figure
            return _capped(f"({base} - {over.group(1)}) * {plain(rate)}", cap), 0.75
        if base and rate is not None and "[" in base:
            attr, year = base.split("[")[0], base.split("[")[1].rstrip("]")
            before = f"{attr}[{PREVIOUS[year]}]"
            # (a threshold on the figure, 达到200万元以上, asks for no growth: a comparison with the year before does)
            # (nor does a growth of the revenue above a rate, revenue_growth > 15, which says there is one)
            grown = attr == "revenue" and any(re.match(r"revenue_growth >=? \d", c) for c, _ in draft.conditions)
            if not grown and not any(
                re.match(rf"{re.escape(base)} >=? {re.escape(before)}", c) for c, _ in draft.conditions
            ):
                draft.add(f"{base} > {before}", 0.7)  # an increment is paid only when there is one
            return _capped(f"({base} - {attr}[{PREVIOUS[year]}]) * {plain(rate)}", cap, _floor(text, draft)), 0.75
    graduates = next(((a, st) for a, _, st, _ in measures(text) if a == "new_hires_graduates"), None)
    if graduates and re.search(r"^[^,;。]{0,16}?参加(?:就业)?见习", text[graduates[1] :]):
        # (吸纳离校2年内未就业高校毕业生参加见习的单位: graduates taken in as interns, not hired: ``_hired`` counts
        # them)
        graduates = None
        draft.conditions = [(c, k) for c, k in draft.conditions if not c.startswith("new_hires_graduates")]
    heads_col = f"new_hires_graduates[{_year(text, graduates[1])}]" if graduates else None
    if monthly := re.search(
        rf"(?:每人)?每月(?:给予|发放|补贴)?[^,;。\d]{{0,6}}?({NUMBER})元|月补贴标准(?:为)?({NUMBER})元", text
    ):
        per_month = to_wan(monthly.group(1) or monthly.group(2), "元")
        total = plain(per_month * _months(text))
        heads_col = heads_col or _hired(text, monthly.start(), draft)
        if not heads_col and re.search(r"给予(?:企业|单位|用人单位|用人主体)(?:按)?每人", text):
            # 对高校毕业生到小微企业就业的，给予企业每人每月500元: paid to the firm for people the clause does not
            # let us count (no hiring named): never one person's total
            draft.unread.append(HEADS)
            return None
        # paid to the firm for each graduate it took on; paid to a person as the total of the months
        return (_capped(f"{heads_col} * {total}", cap), 0.75) if heads_col else (total, 0.8)
    trainee = re.search(rf"每(?:名|位)([\u4e00-\u9fff]{{2,4}}?)每年[^,;。\d]{{0,6}}?({NUMBER})(万元|元)", text)
    # (组织…职工开展新型学徒制培训的，按每人每年6000元…给予企业: the people are the apprentices the training makes,
    # whoever the firm took them from, 新招用或在岗)
    trainee = trainee or (
        re.search(rf"每人每年[^,;。\d]{{0,6}}?({NUMBER})(万元|元)", text) if APPRENTICESHIP.search(text) else None
    )
    if trainee and not heads_col and not re.search(r"人才|专家|博士|硕士", trainee.group(1)):
        # 按每名学徒每年5000元…给予企业…，最长不超过2年: the firm is paid for each of the people named after 每名,
        # a year's sum over the years the clause allows (one year when it says none; 培养期为1至2年: the longest)
        years = re.search(
            rf"(?:期限|最长|最多|连续|培养期|培训期)[^,;。\d]{{0,8}}?(?:{NUMBER}(?:至|到|-|—|~))?({NUMBER})年",
            text[trainee.end() :],
        )
        people, (each, unit) = (
            (trainee.group(1), trainee.group(2, 3)) if trainee.lastindex == 3 else ("学徒", trainee.group(1, 2))
        )
        each = to_wan(each, unit) * (number(years.group(1)) if years else 1)
        col = f"{draft.declare(people, '人', True, 'integer')}[{_year(text, trainee.start())}]"
        draft.add(f"{col} >= 1", 0.6)
        return _capped(f"{col} * {plain(each)}", cap), 0.7
    if yearly := re.search(
        rf"(?:每(人|户))?每年(?:发放|给予|补贴)?(?!最高|最多|不超过)[^,;。\d]{{0,6}}?({NUMBER})(万元|元)[^,;。\d]{{0,6}}?,?"
        rf"(?:连续|共|(?:补贴|发放|享受|资助)?期限(?:为)?(?:最长)?(?:不超过)?|发放期(?:为)?|最(?:长|多)(?:不超过)?)"
        rf"(?:发放|补贴|支持|资助)?({NUMBER})年",
        text,
    ):
        total = plain(to_wan(yearly.group(2), yearly.group(3)) * number(yearly.group(4)))
        # 吸纳…的用人单位，按每人每年1200元…补贴期限不超过3年: paid to the firm for each person it took on, as the
        # monthly sums are; to a person, the sum of the years (每户每年, 每年 alone: to the claimant itself)
        if yearly.group(1) != "人":
            return _capped(total, cap), 0.75
        heads_col = heads_col or _hired(text, yearly.start(), draft)
        return (_capped(f"{heads_col} * {total}", cap), 0.75) if heads_col else (total, 0.75)
    per_led = re.search(rf"每带动(?:1|一)(?:名|人)[^,;。\d]{{0,6}}?({NUMBER})(元|万元)", text)
    if per_led and re.search(r"企业|单位|实体|主体|基地", text[: per_led.start()]):
        # 创业实体吸纳登记失业人员、…高校毕业生就业…，按每带动1人2000元…，每个创业实体…最高不超过3万元: one sum for
        # every person the claimant brought into work, whatever kind the clause lists (one count, the one cap)
        col = f"{draft.declare('带动就业人员', '人', True, 'integer')}[{_year(text, per_led.start())}]"
        draft.add(f"{col} >= 1", 0.6)
        return _capped(f"{col} * {plain(to_wan(per_led.group(1), per_led.group(2)))}", cap), 0.75
    households = re.search(rf"每(?:带动|帮扶|联结)(?:1|一)户[^,;。\d]{{0,6}}?({NUMBER})(元|万元)", text)
    if households and (led := _threshold_heads(draft, "户")):
        # 带动脱贫户6户以上的…，每带动一户补助4000元: paid for each household the threshold counts
        return _capped(f"{led} * {plain(to_wan(households.group(1), households.group(2)))}", cap), 0.75
    heads = re.search(rf"每(?:招用)?1?(?:名|人)(?:次)?[^,;。\d]{{0,12}}?({NUMBER})(元|万元)", text)
    if heads and re.search(r"每(?:晚|天|日)|每住一晚", heads.group(0)):
        # 每人每晚奖励10元, 每人每天350元: a sum per person and night (or day), paid on the nights or days stayed,
        # which the clause does not let us count: never one head's sum (for a person, as the set's r294)
        draft.unread.append(HEADS)
        return None
    if heads and not heads_col:
        heads_col = (
            _hired(text, heads.start(), draft)
            or _counted_people(text, heads.start(), draft)
            or _threshold_heads(draft)
            or _people_named_after_each(text, heads, draft)
        )
    if heads and heads_col:
        return _capped(f"{heads_col} * {plain(to_wan(heads.group(1), heads.group(2)))}", cap), 0.75
    if (
        heads
        and re.search(r"企业|单位|基地|机构|主体|用人|项目|会议|展会|活动", text)
        and not re.search(r"博士|硕士|人才|专家", text)
    ):
        # a firm paid so much a head for people the clause does not let us count: never the one head's sum
        draft.unread.append(HEADS)
        return None
    if per_usd := re.search(
        rf"每(出口|进出口|进口|增长|增加|新增)?1?(万)?美元(?:[^,;。\d]{{0,5}}?)(?:奖励|补助|补贴|给予|奖)?(?:人民币)?({NUMBER})(元|分)",
        text,
    ):
        # 每出口1美元奖励0.01元: 元 per 美元 is 万元 per 万美元, so the rate applies to the 万美元 figure as it stands
        named = next(((a, st, e) for a, _, st, e in measures(text[: per_usd.start()]) if a in USD_OF), None)
        usd = USD_OF[named[0]] if named else ("trade_usd" if per_usd.group(1) == "进出口" else "exports_usd")
        where = named[1] if named else per_usd.start()
        col = f"{draft.propose(usd, f'{text[named[1] : named[2]]}（美元）' if named else None)}[{_year(text, where)}]"
        if named and (served := re.search(r"(服务|代理|带动)的$", text[: named[1]])):
            # 按其服务的进出口额: the trade of the firms the claimant served, not its own
            draft.proposed.pop(usd, None)
            col = f"{draft.declare(served.group(0) + text[named[1] : named[2]], '万美元', True)}[{_year(text, where)}]"
        declared = [
            n for n, spec in draft.proposed.items() if spec.get("unit") == "万美元" and n not in USD_OF.values()
        ]
        words_named = re.search(
            r"(?:对|按)(?:其)?(?:上一?年度|当年)?([\u4e00-\u9fff]{2,12}?额)$", text[: per_usd.start()]
        )
        if not named and not declared and words_named and not re.search(r"(?:进|出)口额$", words_named.group(1)):
            # 对离岸服务外包执行额每1万美元奖励500元: the 美元 figure the words before the rate name, not exports
            draft.proposed.pop(usd, None)
            name = draft.declare(words_named.group(1), "万美元", True)
            col = f"{name}[{_year(text, words_named.start())}]"
        if not named and len(declared) == 1:
            # 离岸执行额达到100万美元以上的，按每美元0.1元: the rate is on the 美元 figure the threshold named
            each_year = draft.proposed[declared[0]].get("yearly")
            col = f"{declared[0]}[{_year(text, per_usd.start())}]" if each_year else declared[0]
            if not any(usd in c for c, _ in draft.conditions):
                draft.proposed.pop(usd, None)  # proposed above for a figure the clause does not name
        # 元 per 美元 is 万元 per 万美元; 每1万美元执行额奖励3000元 is 3000元, 0.3万元, per 万美元
        rate = number(per_usd.group(3)) / (100 if per_usd.group(4) == "分" else 1) / (10000 if per_usd.group(2) else 1)
        draft.handled.add(PER_UNIT)  # 每出口1美元: a rate on the 美元 figure, no count of things
        # (以上年度出口额为基数，当年超出基数的部分每1美元奖励0.01元: the increase over last year's base, said by the
        # base's words, is the increase 每增长1美元 names)
        over_base = re.search(
            r"以(?:上一?年度?|前一年度)[^,;。\d]{0,10}?为基数,?(?:当年|本年度)?超(?:出|过)?基数(?:的)?(?:部分)?,?$",
            text[: per_usd.start()],
        )
        if over_base and named and _year(text, where) == "last_year":
            col, before = f"{usd}[this_year]", f"{usd}[last_year]"
            draft.conditions = [(c, k) for c, k in draft.conditions if not c.startswith(usd)]
            draft.add(f"{col} > {before}", 0.7)
            draft.handled.add(INCREMENT)
            return _capped(f"({col} - {before}) * {plain(rate)}", cap), 0.7
        if per_usd.group(1) in ("增长", "增加", "新增") and named:
            # 按进出口总额每增长1美元奖励0.02元: the rate is on the increase over the year before, never the whole
            # figure; an increase the clause does not ask for otherwise must be there
            before = f"{usd}[{PREVIOUS[_year(text, where)]}]"
            if not any(before in c for c, _ in draft.conditions):
                draft.add(f"{col} > {before}", 0.7)
            draft.handled.add(INCREMENT)  # a step of 1美元 is a rate on the increase: no whole steps to count
            return _capped(f"({col} - {before}) * {plain(rate)}", cap), 0.7
        if not any(c.startswith(col) for c, _ in draft.conditions):
            draft.add(f"{col} > 0", 0.7)
        return _capped(f"{col} * {plain(rate)}", cap), 0.7
    if points := re.search(rf"按(?:贷款额|贷款金额|实际贷款额|新增贷款额)?(?:的)?({NUMBER})个百分点", text):
        base = _base("新增贷款", text, points.start()) or "new_loans[last_year]"
        return _capped(f"{base} * {plain(number(points.group(1)) / 100)}", cap), 0.75
    share = (
        re.search(rf"(?:按|为|以)([^,;。]*?)(?:的|为基数,?(?:补助|奖励|给予)?)({PCT})(?!以上|及以上|的税率)", text)
        # 给予不超过研发费用10%的补助: the base named between 给予 and its share
        or re.search(rf"给予(?:不超过|不高于|最高)?([^,;。\d]{{2,14}}?)的?({PCT})的?(?:{AWARD}|奖补|奖励)", text)
        # 按照不超过实际投资额20%的比例给予补助
        or re.search(rf"按照?(?:不超过|不高于)?([^,;。\d]{{2,14}}?)({PCT})的?比例", text)
        # 补助金额不超过项目总投资的20%且不超过500万元: the share is the amount, the sum its cap
        or re.search(
            rf"(?:补助|奖励|资助|补贴|奖补|支持)(?:金额|资金|额度|标准)?(?:原则上)?(?:最高)?(?:不超过|不高于|为)"
            rf"([^,;。\d]{{2,14}}?)的({PCT})",
            text,
        )
    ) or re.search(
        rf"(?:给予|补助比例(?:为)?|(?<!减)按照?|补助|奖励|奖补)({PCT})"
        rf"(?:的)?(?:比例)?(?:给予)?"
        rf"(?:奖补|补助|奖励|补贴|贴息)?(?!以上|的税率)",
        text,
    )
    if share:
        span, rate_text = (share.group(1), share.group(2)) if share.lastindex == 2 else ("", share.group(1))
        base = _base(span, text, share.start(1) if share.lastindex == 2 else 0)
        own = _core(span)
        if len(own) >= 2 and (
            same := next((col for words, col in draft.quantities if _core(words).endswith(own)), None)
        ):
            base = same  # 达到100万元以上的…按实际投入的1.5%: the share of the quantity the threshold named
        rate_value = percentage(rate_text)
        if base and "[" in base and not _year_said(text[max(0, share.start() - 2) : share.end()]):
            # 当年固定资产投资2000万元以上的，按设备投资的8%: an undated base is the year the clause set for it
            attr = base.removeprefix("(").split("[")[0]
            dated = next((c.split(" ")[0] for c, _ in draft.conditions if c.startswith(f"{attr}[")), None)
            if dated and base.startswith(attr):
                base = dated
            elif base.startswith("loan_interest_paid[") and (
                loan := re.search(r"(当年|本年度|上一?年度)[^,;。]{0,12}?贷款", text)
            ):
                # 当年用于生产经营的银行贷款，按实际支付利息的50%: the interest of the loans the clause dates
                base = f"loan_interest_paid[{_year_said(loan.group(1))}]"
        if base and rate_value is not None:
            if (
                base.startswith("loan_interest_paid")
                and re.search(r"(?:实际|已)(?:支付|发生)|发生的[^,;。]{0,6}利息", text)
                and not any(c.startswith(base) for c, _ in draft.conditions)
            ):
                draft.add(f"{base} > 0", 0.7)  # a subsidy on interest paid needs interest paid
            if base.startswith("loan_interest_paid") and not re.search(
                r"新增|首贷|首笔|首次|前一年度|(?:当年|本年度|上一?年度)[^,;。]{0,12}?贷款", text
            ):
                # 以专利权质押方式获得银行贷款的，按其上年度实际支付利息的50%: 获得贷款 names the loan whose interest
                # is paid, not one newly taken last year (a loan of years before pays interest too); a loan the
                # clause dates (当年获得银行贷款的) or calls new keeps its condition
                draft.conditions = [(c, k) for c, k in draft.conditions if not re.match(r"new_loans\[\w+\] > 0$", c)]
            if base.split("[")[0] in PROPOSED and not any(c.startswith(base + " ") for c, _ in draft.conditions):
                draft.add(f"{base} > 0", 0.7)  # a share of a base the schema lacks is paid when there is one
            elif (
                # (对整体迁入的高新技术企业，按其上年度研发投入的10%: a claimant named by a yes-or-no fact has the base
                # too, and the base must be there, as with no claimant's fact)
                all(re.fullmatch(r"\w+", c) for c, _ in draft.conditions)
                and re.match(r"对|凡", text)
                and re.fullmatch(r"\w+(?:\[\w+(?:\(\d\))?\])?", base)
            ):
                # 对企业研发费用按5%给予补助: the claimant is the one who has the base (a bare 按研发费用的8% names no
                # claimant: its clause's other sentences do)
                draft.add(f"{base} > 0", 0.7)
            if bound and (not bound[1] or re.match(r"\(?(?:new_loans|loan_amount|loan_size)\[", base)):
                # 单户企业贷款额度最高不超过500万元 / 设备购置额最高按1000万元计算: the base is bounded, not the grant
                base = f"min({base}, {bound[0]})"
            elif bound:
                # a bound on the loan beside a share of its interest: the interest on the bounded part is no figure
                # the clause gives (it was read as the grant's cap)
                draft.unread.append("贷款额度上限下的利息须人工换算")
                return None
            return _capped(f"{base} * {plain(rate_value)}", cap, _floor(text, draft)), 0.8
    for m in re.finditer(MONEY, text):
        if draft.taken(m.start(), m.end()) or (
            cap and re.search(r"(最高|封顶|至多|上限|为限|不超过)", text[max(0, m.start() - 6) : m.end() + 3])
        ):
            continue
        after = text[m.end() : m.end() + 4]
        if re.match(r"(?:\(含\))?(?:以上|以下|及以上|以内|至|台阶|关口|的(?:企业|单位|项目))", after):
            continue
        if re.match(r"(?:的)?(?:专项资金|专项经费|预算|资金规模|资金池)", after) or re.search(
            r"(?:每年|年度|统筹|预算)(?:安排|预算)[^,;。]{0,10}$|设立[^,;。]{0,10}$",
            text[max(0, m.start() - 14) : m.start()],
        ):
            continue  # the size of a fund, not what one claimant gets
        if re.search(AWARD, text) or re.search(r"奖|补|津贴|扶持", text):
            return _quantity(m.group(1), m.group(2), "money"), 0.8 if re.search(
                AWARD, text[max(0, m.start() - 12) : m.end() + 6]
            ) else 0.6
    if (
        cap
        and re.search(
            rf"给予[^,;。\d]{{0,10}}最高(?:不超过)?{NUMBER}|最高(?:{GRANTS}|支持)(?:不超过)?{NUMBER}|"
            # 单个项目最高补助金额不超过1500万元: the ceiling said of the grant's amount, and no sum of its own
            rf"最高(?:{GRANTS}|支持)?(?:金额|额度)(?:不超过|为)?{NUMBER}|"
            # 经认定给予分档奖励，最高不超过150万元: an award with no figure of its own, then its ceiling
            rf"给予[^,;。\d]{{0,6}}?(?:奖励|支持|补助|资助|奖补),最高(?:不超过)?{NUMBER}|"
            # 按项目实际情况给予支持，单个项目支持上限为8000万元: the ceiling said as the grant's upper limit
            rf"给予[^,;。\d]{{0,6}}?(?:奖励|支持|补助|资助|奖补),(?:单个|单户|每个|每家)[^,;。\d]{{0,4}}?"
            rf"(?:{GRANTS}|支持)?上限(?:为)?{NUMBER}|"
            # 给予特殊奖励，金额不超过80万元: the award's ceiling said of its amount
            rf"给予[^,;。\d]{{0,6}}?(?:奖励|支持|补助|资助|奖补),(?:奖励|补助|资助|支持)?(?:金额|额度)(?:最高)?不超过{NUMBER}|"
            # 给予不超过100万元的建设经费支持: a ceiling with no sum of its own
            rf"给予(?:一次性)?不超过{NUMBER}\s*(?:亿元|万元|元)(?:的|(?:奖励|支持|补助|资助|奖补)(?:[,;。]|$))",
            text,
        )
        # (每年最高: a yearly cap, no per-unit sum; a percentage a condition holds, 增速不低于50%, is no share)
        and not any(not draft.taken(*p.span()) for p in re.finditer(rf"{PCT}|每(?!年)", text))
    ):
        # 给予一次性最高800万元奖励, 单个项目最高奖励1亿元, and no formula: a reviewer sets the amount within the cap
        return f"manual({cap})", 0.6
    return None


def _base_bound(text: str, draft: Draft) -> tuple[str, bool] | None:
    """A ceiling on the base of a share, not on the grant: 单户企业贷款额度最高不超过500万元 (a loan's, so only a share
    of a loan takes it: the second item is True) or 设备购置额最高按1000万元计算 (the named base counted up to X)."""
    loan = re.search(
        rf"(?:单户|单个企业|每户|单笔|每家企业)(?:企业)?(?:贷款|借款|融资)(?:额度|金额|额|规模)?"
        rf"(?:最高|不超过|上限为?)(?:不超过)?({NUMBER})(亿元|万元)",
        text,
    )
    counted = re.search(rf"最高按({NUMBER})(亿元|万元)计(?:算)?|以({NUMBER})(亿元|万元)为上限计算", text)
    found = loan or counted
    if not found:
        return None
    draft.spans.append(found.span())
    value, unit = (found.group(1), found.group(2)) if found.group(1) else (found.group(3), found.group(4))
    return _quantity(value, unit, "money"), found is loan


# 企业新型学徒制, 学徒制培训: the people a per-person sum is paid for are the apprentices
APPRENTICESHIP = re.compile(r"学徒制|学徒培训|学徒培养")


def _hired(text: str, end: int, draft: Draft) -> str | None:
    """对招用就业困难人员的企业，按每人每月500元: the people a firm hired that a per-person sum is paid for, counted
    in the clause's words (the schema counts only graduates); None when the clause names no firm hiring them."""
    if re.search(r"参加(?:就业)?见习", text[:end]) and re.search(r"见习(?:的)?(?:单位|基地)", text[:end]):
        # 对吸纳16—24岁失业青年和…高校毕业生参加就业见习的见习单位，按每人每月1800元: the interns the unit takes
        # in, whoever they are (their ages and kinds are checked per person; …参加见习的单位 names it as well)
        name = draft.declare("见习人员", "人", True, "integer")
        col = f"{name}[{_year(text, end)}]"
        draft.add(f"{col} >= 1", 0.6)
        return col
    # (安置就业困难人员在公益性岗位工作的: 安置 hires too, and where they work ends their words; 招用16至24岁登记
    # 失业青年、签订劳动合同: an age band before the kind is checked per person, the kind alone names them)
    aged = rf"(?:{NUMBER}(?:—|-|~|至|到){NUMBER}岁|{NUMBER}岁(?:以上|以下))"
    hired = re.search(
        rf"(?:新招用|招用|吸纳|招收|聘用|新招录|招录|新录用|录用|安置)的?{aged}?"
        rf"((?:[^,;。的]{{1,6}}?{NUMBER}年(?:内|以内)的?)?[^,;。\d的]{{2,12}}?)"
        r"(?:并|稳定就业|实现就业|就业|的|,|签订|在|、(?=签订|并|缴纳))",
        text[:end],
    )
    # (见习留用率达到50%的见习单位: a rate that qualifies the base, not the people kept on)
    if not hired and re.search(r"留用(?!率)", text[:end]) and re.search(r"基地|单位|企业", text[:end]):
        # 见习人员被见习基地留用…按每人800元给予见习基地留用补贴: the people the base kept on
        name = draft.declare("留用人员", "人", True, "integer")
        col = f"{name}[{_year(text, end)}]"
        draft.add(f"{col} >= 1", 0.6)
        return col
    if not hired and re.search(r"见习(?:单位|基地)", text[:end]) and re.search(r"见习补贴", text):
        # 见习单位，见习补贴…每人每月1800元: the trainees the unit takes on, as 吸纳见习人员的 names them
        name = draft.declare("见习人员", "人", True, "integer")
        col = f"{name}[{_year(text, end)}]"
        draft.add(f"{col} >= 1", 0.6)
        return col
    # (对吸纳脱贫劳动力就业的扶贫车间: a workshop, a co-operative or an operator hires too)
    if not hired or not re.search(r"企业|单位|用人|基地|机构|车间|合作社|经营主体", text[:end]):
        return None
    # 退役1年内的军人: the people are named by their kind (退役军人); how recent they are is checked per person
    words = re.sub(rf"{NUMBER}年(?:内|以内)的", "", hired.group(1))
    # 登记失业的16—24岁青年: a qualifier and an age band before the kind of people, which alone names them
    people = r"(?:青年|人员|毕业生|劳动力|农民工|军人|残疾人)"
    if kind := re.match(rf"的{aged}?([\u4e00-\u9fff]{{0,4}}?{people})", text[hired.end(1) :]):
        words += kind.group(1)
    name = draft.declare(words, "人", True, "integer")
    col = f"{name}[{_year(text, hired.start())}]"
    draft.add(f"{col} >= 1", 0.6)
    return col


# 每名获奖选手, 每名学员: people a firm is paid for, named by what they are right after 每名 (a person's own sum,
# 每名博士, is no firm's count)
EACH_NAMED_PERSON = re.compile(r"每(?:名|位)([\u4e00-\u9fff]{0,6}?(?:选手|学员|学徒|技工|工人|员工|职工))")


def _people_named_after_each(text: str, heads: re.Match[str], draft: Draft) -> str | None:
    """对培养获奖选手的企业，按每名获奖选手3万元: the firm is paid for each of the people named after 每名, counted in
    those words; only when the clause names the firm or unit it pays."""
    named = EACH_NAMED_PERSON.match(heads.group(0))
    # (对…获奖的企业职工，每名选手奖励1万元: the 职工 are paid, a firm only names where they work)
    claimant = re.search(r"(?:^|[,;。])(?:对|凡)([^,;。]*)[,，]", text[: heads.start()])
    firm = r"(?:企业|单位|机构|基地)"
    paid = (claimant and re.search(rf"{firm}的?$", claimant.group(1))) or re.search(rf"给予(?:其?所在)?{firm}", text)
    if not named or not paid:
        return None
    col = f"{draft.declare(named.group(1), '人', True, 'integer')}[{_year(text, heads.start())}]"
    draft.add(f"{col} >= 1", 0.6)
    return col


def _threshold_heads(draft: Draft, unit: str = "人") -> str | None:
    """对境外参会人数达30人及以上的国际会议，按800元/人: the people a threshold already counts (a proposed count in
    人) are those the per-person sum is paid for; the households (户) a threshold counts, those a per-household sum
    is paid for."""
    for condition, _ in draft.conditions:
        column = condition.split(" ")[0]
        spec = draft.proposed.get(column.split("[")[0])
        if spec is None or spec.get("unit") != unit:
            continue
        # (组织境外游客…达到200人以上的，另按每人80元: tourists a firm brings, counted as people, are paid for too)
        if unit == "户" or str(spec.get("label", "")).endswith(("人数", "游客")):
            return column
    return None


def _counted_people(text: str, end: int, draft: Draft) -> str | None:
    """按连续参加失业保险的人数每人300元, 其外省籍员工按时返岗的，按每人500元: the people a per-person sum is paid
    for, named before the sum by their count or by what they did (the schema counts none of them)."""
    before = text[:end]
    named = re.search(r"按([^,;。按]{2,16}?)的?人数", before) or next(
        reversed(
            list(re.finditer(r"(?:^|,)其?([^,;。]{0,10}?(?:员工|职工|人员|劳动力|工人)[^,;。]{0,12}?)的,", before))
        ),
        None,
    )
    if not named:
        return None
    if re.match(r"对(?:企业|单位|本单位)?(?:参保)?(?:职工|员工|劳动者)", named.group(1)) and not re.search(
        r"给予(?:其?所在)?(?:企业|单位|用人单位)", text
    ):
        return None  # (对企业职工取得技师证书的，每名职工给予2000元: the workers are the claimants, each paid his own)
    # (对企业组织职工参加培训的: the claimant's 对企业 is no part of the people's words)
    name = draft.declare(re.sub(r"^对(?:企业|单位)?", "", named.group(1)), "人", True, "integer")
    col = f"{name}[{_year(text, named.start())}]"
    draft.add(f"{col} >= 1", 0.6)
    return col


BAND_UNIT = r"(亿元|万元|亿|万)"
OWN_SUM = rf"的?,?(?:{AWARD}|奖励)(?:一次性)?(?:奖励|补助|补贴|奖补)?({NUMBER})(亿元|万元|元)"
CLOSED_BAND = re.compile(
    rf"({NUMBER})\s*{BAND_UNIT}?(?:\((?:不)?含\))?(?:至|-|—|~)\s*({NUMBER})\s*{BAND_UNIT}(?:\((?:不)?含\))?{OWN_SUM}"
)
OPEN_BAND = re.compile(rf"(?<![至\d.])({NUMBER})\s*{BAND_UNIT}(?:\(含\))?(?:及)?以上{OWN_SUM}")
# 年产值超10亿元的，给予…: a top band that leaves its number to the band below it
ABOVE_BAND = re.compile(rf"(?:超过|超)({NUMBER})\s*{BAND_UNIT}{OWN_SUM}")


def _closed_bands(text: str, draft: Draft) -> list[tuple[list[tuple[str, float]], tuple[str, float]]]:
    """总投资3亿元以上的补助500万元，1亿至3亿元的补助300万元，5000万元至1亿元的补助150万元: bands of one measure,
    each with its own sum and no 分别, one benefit each. A band X至Y ends below Y when another band starts at Y (that
    band's 以上 owns it, as an officer reads adjoining bands), else at Y included (至 includes both ends)."""
    closed = list(CLOSED_BAND.finditer(text))
    if not closed or "分别" in text or re.search(r"以下|以内|不足|低于|不满", text):
        return []  # (a band from nothing up, 500万元以下的补助5万元, makes them a tier: ``_tiers`` reads it whole)

    def wan(value: str, unit: str | None) -> Decimal:
        return to_wan(value, {"亿": "亿元", "万": "万元"}.get(unit or "", unit or "万元"))

    bands: list[tuple[Decimal, Decimal | None, str]] = [
        (
            wan(m.group(1), m.group(2) or m.group(4)),
            wan(m.group(3), m.group(4)),
            _quantity(m.group(5), m.group(6), "money"),
        )
        for m in closed
    ]
    bands += [
        (wan(m.group(1), m.group(2)), None, _quantity(m.group(3), m.group(4), "money"))
        for m in OPEN_BAND.finditer(text)
    ]
    above = {wan(m.group(1), m.group(2)) for m in ABOVE_BAND.finditer(text)}  # lows the band excludes
    bands += [
        (wan(m.group(1), m.group(2)), None, _quantity(m.group(3), m.group(4), "money"))
        for m in ABOVE_BAND.finditer(text)
    ]
    base = next(
        (
            _column(a, _year(text, s))
            for a, kind, s, _ in measures(text)
            if kind == "money" and a not in vocab.EXPRESSIONS
        ),
        None,
    )
    if base is None or len(bands) < 2:
        return []
    lows = {low for low, _, _ in bands} - above
    out: list[tuple[list[tuple[str, float]], tuple[str, float]]] = []
    for low, high, amount in sorted(bands, key=lambda b: b[0], reverse=True):
        own = [(f"{base} {'>' if low in above and high is None else '>='} {plain(low)}", 0.7)]
        if high is not None:
            own.append((f"{base} {'<' if high in lows else '<='} {plain(high)}", 0.7))
        out.append((own, (amount, 0.75)))
    column = base.split("[")[0]
    draft.conditions = [(c, k) for c, k in draft.conditions if not re.match(rf"{column}\b", c)]
    draft.spans += [m.span() for m in closed]
    return out


def _rate_bands(text: str, draft: Draft) -> list[tuple[list[tuple[str, float]], tuple[str, float]]]:
    """投资额在1000万元以下的，补助比例为12%；投资额在1000万元至3000万元的，补助比例为10%: bands of one measure, one
    per part after ；, each paying its own share of the measure: one benefit each. A band's lower end is left out
    when the band before it (X以下) holds it, as an officer reads adjoining bands."""
    parts = [p for p in re.split(r"[;；]", text.rstrip("。")) if p.strip()]
    if len(parts) < 2 or "分别" in text or re.search(rf"(?:{AWARD}|奖励)[^,;。\d]{{0,4}}?{MONEY}", text):
        return []  # (a sum of its own in a part: bands that pay sums are read by ``_tiers``)
    base = draft.quantities[0][1] if draft.quantities else None
    base = base or next(
        (
            _column(a, _year(text, s))
            for a, kind, s, _ in measures(text)
            if kind == "money" and a not in vocab.EXPRESSIONS
        ),
        None,
    )
    if base is None:
        return []
    bands: list[tuple[Decimal | None, Decimal | None, str]] = []
    for part in parts:
        # (按设备投资额的8%: a share of the measure the bands are of, named again; of another measure, a person's)
        named = re.findall(rf"(?:比例(?:为)?|按照?(?:([^,;。\d%]{{2,12}}?)的)?)({PCT})", part)
        shares = [share for _, share in named]
        of = {next((a for a, _, _, _ in measures(words)), None) for words, _ in named if words}
        if of - {base.removeprefix("(").split("[")[0]}:
            return []
        below = re.search(rf"({NUMBER})\s*(亿元|万元)(?:\(含\))?(?:以下|及以下)", part)
        between = re.search(rf"({NUMBER})\s*(亿元|万元)?(?:\(含\))?(?:至|-|—|~)\s*({NUMBER})\s*(亿元|万元)", part)
        above = re.search(rf"({NUMBER})\s*(亿元|万元)(?:\(含\))?(?:以上|及以上)", part)
        if len(shares) != 1 or sum(x is not None for x in (below, between, above)) != 1:
            return []
        if below:
            bands.append((None, to_wan(below.group(1), below.group(2)), shares[0]))
        elif between:
            bands.append(
                (
                    to_wan(between.group(1), between.group(2) or between.group(4)),
                    to_wan(between.group(3), between.group(4)),
                    shares[0],
                )
            )
        elif above:
            bands.append((to_wan(above.group(1), above.group(2)), None, shares[0]))
    # (…的8%，最高100万元；…的10%，最高300万元: each band its own cap when every band states one; a cap said once
    # stands for all)
    own_caps = [_cap(part) for part in parts]
    caps = own_caps if all(own_caps) else [_cap(text, draft)] * len(bands)
    # X以下 holds X (民法典 第一千二百五十九条), so the next band starts above it; X至Y yields Y to a band starting at Y
    held = {high for low, high, _ in bands if low is None and high is not None}
    lows = {low for low, _, _ in bands if low is not None}
    out: list[tuple[list[tuple[str, float]], tuple[str, float]]] = []
    for (low, high, share), cap in zip(bands, caps, strict=True):
        own: list[tuple[str, float]] = []
        if low is not None:
            own.append((f"{base} {'>' if low in held else '>='} {plain(low)}", 0.7))
        if high is not None:
            own.append((f"{base} {'<' if low is not None and high in lows else '<='} {plain(high)}", 0.7))
        out.append((own, (_capped(f"{base} * {plain(_pct(share))}", cap), 0.7)))
    column = base.split("[")[0]
    draft.conditions = [(c, k) for c, k in draft.conditions if not re.match(rf"{column}\b", c)]
    draft.spans.append((0, len(text)))
    draft.handled.add("share")
    return out


SIZED = {"中小微": ["中", "小", "微"], "中小": ["中", "小"], "小微": ["小", "微"], "大型": ["大"], "中型": ["中"]}
SIZED |= {"小型": ["小"], "微型": ["微"]}
# (按不超过…的60%返还, as the national 稳岗返还 text words it: the share, as 不超过LPR的60% is read)
# (中小微企业以及以单位形式参保的个体工商户按60%: other claimants named with the size share it)
# (小微企业按4%、其他企业按2%: 其他 is every size the others leave)
SIZE_SHARE = re.compile(
    rf"({'|'.join(SIZED)}|其他)企业(?:(?:以及|及|和|、)[^,;。按]{{1,20}}?)?(?:按照?|返还)(?:不超过|不高于)?([^,;。]{{0,30}}?)({PCT})"
)


def _size_shares(text: str, draft: Draft) -> list[tuple[list[tuple[str, float]], tuple[str, float]]]:
    """大型企业按上年度实际缴纳失业保险费的30%返还，中小微企业按60%返还: one share of one base per size of firm
    (the base named once, by the first; a sum the schema lacks proposed in the clause's words)."""
    # 失业保险费（不含补缴历年欠费及滞纳金）的30%: what the base leaves out names no other base
    text = re.sub(r"[（(]不?含[^（()）]{1,20}[）)]", "", text)
    found = list(SIZE_SHARE.finditer(text))
    if len(found) < 2 or len({m.group(1) for m in found}) != len(found):
        return []
    first = found[0]
    if found[0].group(1) == "其他":
        return []  # (其他 is the rest of the sizes named before it)
    if all(SIZED_INCREASE_WORDS.fullmatch(m.group(2)) for m in found):
        return _size_shares_of_an_increase(text, draft, found)
    # 按本企业及其职工上年度实际缴纳失业保险费的: the sum's own words follow the verb that pays it
    named = re.search(r"(?:(?:缴纳|支付|发生)的?|^照?)((?:(?!缴纳|支付|发生)[^,;。的]){2,12})的$", first.group(2))
    # (对企业上年度允许加计扣除的研发费用，小微企业按4%: the base named once, before the sizes)
    ahead = re.search(r"(?:对|按照?)(?:企业)?((?:上一?年度|当年|年度)?[^,;。]{2,24}?)[,，]$", text[: first.start()])
    ahead = ahead if not named and re.fullmatch(r"照?", first.group(2)) else None
    source = ahead or named
    if source is None or any(m.group(2) and not re.fullmatch(r"照?", m.group(2)) for m in found[1:]):
        return []  # the later sizes name a base of their own: left for a person
    where = source.start(1) if ahead else first.start(2) + source.start(1)
    words = re.sub(r"^(?:上一?年度|当年|年度)?(?:实际)?", "", source.group(1))
    base = _base(words, text, where)
    if ahead and base is None:
        return []  # (a base named before the sizes that no measure reads: left for a person)
    if base is None:
        base = f"{draft.declare(words, '万元', True)}[{_year(text, where)}]"
    draft.conditions = [(c, k) for c, k in draft.conditions if not c.startswith("size_class")]
    draft.handled.add("share")
    # (单个企业每年不超过150万元: one cap for every size; before, a capped clause had no cap read here)
    cap = _cap(text, draft) if ahead else None
    return [
        (
            [(f"{base} > 0", 0.7), ("size_class in [" + ", ".join(f'"{z}"' for z in sizes) + "]", 0.8)],
            (_capped(f"{base} * {plain(percentage(m.group(3)) or Decimal(0))}", cap), 0.75),
        )
        for m in found
        if (sizes := _sizes_of_share(m.group(1), [f.group(1) for f in found]))
    ]


# the parties of a technology contract: the one that sells (输出, 转让) registers the 成交额 the schema holds; the one
# that buys (吸纳, 受让) has a figure of its own
CONTRACT_SELLER = r"(?:技术)?(?:输出方|转让方|卖方)"
CONTRACT_BUYER = r"(?:技术)?(?:吸纳方|受让方|买方)"
CONTRACT_PARTY_SHARES = re.compile(
    rf"分别(?:给予|按)?(?P<first>{CONTRACT_SELLER}|{CONTRACT_BUYER})(?:[（(][^（()）]{{1,6}}[）)])?(?P<a>{PCT})、"
    rf"(?P<second>{CONTRACT_SELLER}|{CONTRACT_BUYER})(?:[（(][^（()）]{{1,6}}[）)])?(?P<b>{PCT})"
)
CONTRACT_PARTY_CAPS = re.compile(rf"分别(?:最高)?(?:不超过|不高于)?{MONEY}、{MONEY}")


def _contract_party_shares(text: str, draft: Draft) -> list[tuple[list[tuple[str, float]], tuple[str, float]]]:
    """按上年度登记的技术合同成交额，分别给予技术输出方（卖方）2%、技术吸纳方（买方）3%的奖励，…分别最高不超过100万元、
    50万元: each party its share of the contract's sum under its own cap. The seller's is the registered 成交额; the
    buyer's is what it bought, proposed in the clause's words (never the seller's figure read as the buyer's)."""
    found = CONTRACT_PARTY_SHARES.search(text)
    if not found or bool(re.fullmatch(CONTRACT_SELLER, found["first"])) == bool(
        re.fullmatch(CONTRACT_SELLER, found["second"])
    ):
        return []
    named = [m for m in measures(text[: found.start()]) if m[0] == "tech_contract_turnover"]
    if not named:
        return []
    _, _, start, end = named[-1]
    year = _year(text, start)
    caps = CONTRACT_PARTY_CAPS.search(text, found.end())
    each_cap = (
        [_quantity(caps.group(1), caps.group(2), "money"), _quantity(caps.group(3), caps.group(4), "money")]
        if caps
        else [_cap(text[found.end() :])] * 2  # (one cap said once covers both parties)
    )
    out = []
    for party, share, cap in ((found["first"], found["a"], each_cap[0]), (found["second"], found["b"], each_cap[1])):
        if re.fullmatch(CONTRACT_SELLER, party):
            column = f"tech_contract_turnover[{year}]"
        else:
            label = f"{party if party.startswith('技术') else '技术' + party}{text[start:end]}"
            column = f"{draft.declare(label, '万元', True)}[{year}]"
        rate = plain(percentage(share) or Decimal(0))
        out.append(([(f"{column} > 0", 0.7)], (_capped(f"{column} * {rate}", cap), 0.7)))
    draft.handled.add("share")
    return out


# 大型企业按增量部分的10%…，中小微企业按增量部分的20%: each size its share of the same increase
SIZED_INCREASE_WORDS = re.compile(r"(?:其)?(?:增量|增长|增加|新增)(?:部分)?(?:的)?")


def _size_shares_of_an_increase(
    text: str, draft: Draft, found: list[re.Match[str]]
) -> list[tuple[list[tuple[str, float]], tuple[str, float]]]:
    """以…研发费用较前一年度的增量为基数…，其中大型企业按增量部分的10%…，中小微企业按增量部分的20%: the increase of
    the figure named before the sizes over the year before, each size its share of it under the clause's one cap.
    Only a figure a measure reads is taken: an increase of what no measure names is left for a person."""
    measured = _base(text[: found[0].start()], text, 0, last=True)
    if measured is None or not re.fullmatch(r"\w+\[(?:last_year|this_year|years_ago\(2\))\]", measured):
        return []
    attr, year = measured.split("[")[0], measured.split("[")[1].rstrip("]")
    before = f"{attr}[{PREVIOUS[year]}]"
    # (对上年度研发费用较前一年度增长的企业: the growth the clause asked for is each size's own condition, said once)
    grown = f"{measured} > {before}"
    draft.conditions = [(c, k) for c, k in draft.conditions if not c.startswith("size_class") and c != grown]
    draft.handled.add("share")
    cap = _cap(text, draft)
    return [
        (
            [(grown, 0.7), ("size_class in [" + ", ".join(f'"{z}"' for z in sizes) + "]", 0.8)],
            (_capped(f"({measured} - {before}) * {plain(percentage(m.group(3)) or Decimal(0))}", cap), 0.75),
        )
        for m in found
        if (sizes := _sizes_of_share(m.group(1), [f.group(1) for f in found]))
    ]


def _sizes_of_share(said: str, every: list[str]) -> list[str]:
    """The sizes a share's words name; 其他 the sizes no other share names (大, 中 beside 小微)."""
    if said != "其他":
        return SIZED[said]
    named = {z for w in every if w != "其他" for z in SIZED[w]}
    return [z for z in ("大", "中", "小", "微") if z not in named]


# an assessment passed whose grade the sum follows (通过智能制造能力成熟度评估的企业，按照二级6万元、三级12万元)
ASSESSED_GRADE_NAME = re.compile(r"通过(?:国家|省级?|市级?)?([^,;。\d]{4,16}?)(?:评估|评价|评定|测评)")


def _assessed_grade_sums(text: str, draft: Draft) -> list[tuple[list[tuple[str, float]], tuple[str, float]]]:
    """对通过智能制造能力成熟度评估的企业，按照二级最高6万元、三级最高12万元…给予奖励 (or 二级、三级分别奖励A、B):
    one benefit per grade of the assessment (a proposed grade in 级, named by the assessment), each its sum, a
    reviewer's amount within it when said 最高."""
    named = ASSESSED_GRADE_NAME.search(text)
    if not named:
        return []
    after = text[named.end() :]
    each = re.findall(rf"([{CN}\d])级(最高|不超过)?(?:奖励|给予|补助)?{MONEY}", after)
    listed = re.search(rf"((?:[{CN}\d]级、)+[{CN}\d]级)(?:企业)?分别", after)
    sums = _amount_list(after) if listed else []
    if listed and len(sums) == listed.group(1).count("、") + 1:
        capped = bool(re.search(r"分别[^,;。\d]{0,6}(?:最高|不超过)", after))
        pairs = [
            (g.removesuffix("级"), "最高" if capped else "", s)
            for g, s in zip(listed.group(1).split("、"), sums, strict=True)
        ]
    elif len(each) >= 2 and len({g for g, *_ in each}) == len(each):
        pairs = [(g, cap, plain(to_wan(v, u))) for g, cap, v, u in each]
    else:
        return []
    grade = draft.declare(f"{named.group(1)}等级", "级", False, "integer")
    draft.conditions = [(c, k) for c, k in draft.conditions if c.startswith(("startswith(industry", "size_class"))]
    draft.proposed = {n: spec for n, spec in draft.proposed.items() if n == grade}
    return [
        ([(f"{grade} == {plain(number(g))}", 0.7)], (f"manual({amount})" if cap else amount, 0.7))
        for g, cap, amount in pairs
    ]


def _variants(text: str) -> list[tuple[list[tuple[str, float]], tuple[str, float]]]:
    """Enumerated awards: "A类200万元，B类100万元" or "博士研究生10万元，硕士研究生5万元"."""
    found = []
    for m in re.finditer(rf"([A-E])类,?{MONEY}", text):
        found.append(([(f'talent_level == "{m.group(1)}"', 0.8)], (_quantity(m.group(2), m.group(3), "money"), 0.8)))
    if len(found) >= 2:
        return found
    found = []
    for m in re.finditer(rf"(博士|硕士|本科|学士)([^,;。\d]{{0,8}}?){MONEY}", text):
        code = vocab.DEGREES[m.group(1)]
        each = _quantity(m.group(3), m.group(4), "money")
        if re.search(r"每(?:人每)?月", m.group(2) + text[: m.start()]):
            # 博士每人每月3000元，连续发放3年: the sum over the months paid, as one sum is read
            each = plain(number(each) * _months(text))
        found.append(([(f'degree == "{code}"', 0.8)], (each, 0.8)))
    return found if len(found) >= 2 else []


def _bare(text: str) -> bool:
    """A sentence that continues the previous one's measure: "首次突破5000万元的，给予30万元"."""
    text = _normalise(text)
    opening = re.match(rf"^(?:对)?(?:首次突破|首次超过|首次达到|不低于|达到|超过)\s*{QTY}", text)
    return bool(opening) and not measures(text)


def in_context(pieces: list[str]) -> list[str]:
    """Sentences of one clause, each elliptical one given the year and measure the previous one named."""
    out: list[str] = []
    last: str | None = None
    for piece in pieces:
        text = _normalise(piece)
        if _bare(piece) and last:
            out.append(last + re.sub(r"^对", "", piece))
        else:
            out.append(piece)
        found = measures(text)
        if found:
            _, _, start, end = found[0]
            year = next((w for w, _ in YEAR_WORDS if w in text[max(0, start - 10) : start]), "")
            last = year + text[start:end]
    return out


def guess_subject(document: str) -> str:
    """Whom a document addresses (enterprise, institute, talent), by the words it uses most."""
    talent = len(re.findall(r"人才|毕业生|博士|硕士|周岁|职称|个人", document))
    institute = len(re.findall(r"院所|高等院校|新型研发机构|高校(?!毕业生)", document))
    # (创业实体, 创业主体, 个体工商户: the businesses a 人社 创业 policy pays, firms though it names no 企业)
    enterprise = len(re.findall(r"企业|创业实体|创业主体|个体工商户", document))
    best = max(("enterprise", enterprise), ("institute", institute), ("talent", talent), key=lambda kv: kv[1])
    return best[0]


INCREMENT = "按每一档增量计的金额，须人工换算"
ONE_MACHINE = "按单台（套）封顶，须逐台计算"
UNREADABLE: list[tuple[str, str]] = [
    # what the extractor cannot draft on its own: a sentence goes whole to a person unless ``_connected`` drafted
    # it with the language's newer amount kinds and proposed attributes (its reason is then in ``Draft.handled``)
    (r"LPR|贷款市场报价利率|基准利率|基点|贴息率|月利率|‰", "贴息按利率（LPR、基点、基准利率）计算，须利率参数"),
    (r"一事一议", "一事一议：金额由评审确定"),
    # (补贴标准为最低工资标准的60%，留用率达到50%以上的提高到70%: a share of a wage the policy does not state; its
    # condition alone was drafted, silently, with no sum. A clause that states the sum, 每人每月1200元, is read)
    (r"^(?![^。]*(?:每人每月|每月每人)\d)[^。]*?最低工资标准的\d", "按最低工资标准的比例计算，须最低工资参数"),
    (r"美元", "以美元计的数额，须新增属性（数额照原文保留）"),
    (
        r"\d:\d|(?:资金|经费)[^,;。]{0,6}配套|配套比例|比例[^,;。]{0,4}配套|国拨经费|共同承担",
        "按上级或其他资金配套，须新增属性",
    ),
    (r"上浮\d|标准上浮|上浮(?:百分之)?[一二三四五六七八九十]", "在其他条款标准上浮，须人工换算"),
    (
        r"每(?:件|项|亩|台|套|个标准展位|个(?!项目|企业|单位|(?:经营|申报|市场|创业)?主体|(?:创业)?实体)|平方米|立方米|吨|头|只|辆|千瓦|架|座|出口)"
        r"|\d(?:元|万元)/(?:亩|台|套|件|个|平方米|立方米|吨|头|只|辆|千瓦)",
        "按件、亩、台计的金额，须计件属性与数量上限",
    ),
    (r"不(?:低|少)于\d+(?:\.\d+)?万?元的[^,;。]{0,6}(?:补贴|奖励|补助|资助|支持)", "金额只定下限，须人工确定"),
    (r"每(?:增加|新增|增长|超过|超出|提高)(?:\d|[一二三四五六七八九十])", INCREMENT),
    (r"前[两二三四五\d]年.{0,16}后[两二三四五\d]年", "分年度比例，须分年计划"),
    (r"分阶段|分期|预支", "分阶段拨付或预支，须人工确定"),
    # 按设备投资额的8%-12%: a share within a range is a reviewer's choice, never its lower end silently
    (r"的\s*\d+(?:\.\d+)?%?\s*(?:-|—|~|～|至|到)\s*\d+(?:\.\d+)?%", "按比例区间计算，金额由评审确定"),
    # 单台（套）设备补贴不超过50万元: a cap on each item the share of a total cannot hold
    (
        r"(?:单台|单套|每台|每套)(?:\(套\)|套)?(?:设备)?(?:的)?(?:补贴|补助|奖励|支持)?(?:金额)?(?:最高|不超过|上限)",
        ONE_MACHINE,
    ),
    (r"一定(?:的)?(?:补助|奖励|支持|补贴)", "金额未定，须人工确定"),
    # 经市政府同意后，奖励标准可适度提高: a sum nobody has set yet, never the conditions without it
    (r"(?:适度|适当)(?:提高|增加|上调)|另行(?:研究|确定|商定)", "金额未定，须人工确定"),
    # 按展位费的50%，单个展位补助最高2万元: a cap on each booth the share of the total fee cannot hold
    (
        r"(?:单个|每个)(?:标准)?展位(?:的)?(?:展位费)?(?:补贴|补助|奖励|支持)?(?:金额)?(?:最高|不超过|上限)",
        "按单个展位封顶，须逐个计算",
    ),
    # 给予100万元补助，绩效评估优秀的再给予50万元: a second sum on a second condition, never dropped silently
    (r"的,?再(?:给予|奖励|补助|补贴|资助)(?:一次性)?\d", AGAIN),
    (r"QS|泰晤士|软科|双一流|\d+强|百强", "名单或排名条件，须新增属性"),
    (r"亩均|人均|单位面积|每平方米(?!每月|补助|奖励|补贴|给予|资助|奖补|支持|\d)", "按亩均、人均计的指标，须新增属性"),
    (r"上市申请|正式受理|辅导备案|新三板|挂牌", LISTING_STAGE),
]
# bases of a share the schema has no attribute for
BASE_WORDS = "|".join(
    [
        *("保费", "募资", "中介服务费", "注册费", "总投入", "担保费", "社会保险费", "租金", "房租", "产值"),
        *("设备购置", "软件", "服务费", "认证费", "展位费", "培训费", "检测费", "留成", "财政贡献", "地方贡献"),
    ]
)
THRESHOLD = re.compile(
    rf"(达到|不低于|不少于|超过|不满|不足|低于|突破|满|高于)?({NUMBER})\s*(亿元|万元|元|人次|人|件|亩|家|%|立方米|平方米|吨|台|套|间夜)"
    r"(\((?:不)?含\))?(以上|及以上|以下|及以下|以内)?"
)


def _unread_threshold(text: str, draft: Draft) -> str | None:
    """A number the text compares with (达到 X、X 以上) that became no condition: the sentence is not fully read."""
    if draft.amount and draft.amount[0].startswith("tier("):
        return None
    for m in THRESHOLD.finditer(text):
        word, value, unit, _, suffix = m.groups()
        if not (word or suffix) or draft.taken(m.start(), m.end()):
            continue
        before = text[max(0, m.start() - 4) : m.start()]
        if (
            before.endswith("不")
            or re.search(r"最高|最低|上限|不超过|至多|封顶|每|按|总额", before)
            or (word is None and before.endswith("的"))
        ):
            continue
        shown = {plain(number(value)), plain(_in_wan(value, unit))}
        said = [c for c, _ in draft.conditions] + [c for own, _ in draft.variants for c, _ in own]
        said += [draft.amount[0]] if draft.amount and "(" in draft.amount[0] else []
        if any(re.search(rf"(?<![\d.]){re.escape(x)}(?![\d])", c) for x in shown for c in said):
            continue
        return f"门槛“{m.group(0)}”未能读成条件"
    return None


EACH_HEAD = re.compile(rf"每人(?:每月|每年)?(?:给予|奖励|补助|补贴|资助)?{MONEY}")
EACH_KIND = re.compile(rf"(?:企业|单位|主体|个体工商户)每(?:家|户|个)(?:给予|奖励|补助|补贴|资助|奖补){MONEY}")
GRANT_SUM = re.compile(
    rf"(?<!最高)(?<!不超过)(?<!累计)(?:给予|奖励|补助|补贴|资助|奖补)(?:一次性)?(?:奖励|补助|补贴|资助)?{MONEY}"
)


BOUND = re.compile(r"^(.+?) (>=|>|<=|<) (-?\d+(?:\.\d+)?)$")


def _contradictory(conditions: list[str]) -> bool:
    """Bounds on one figure that no value meets (x >= 5, x <= 10, x > 10)."""
    low: dict[str, tuple[Decimal, bool]] = {}
    high: dict[str, tuple[Decimal, bool]] = {}
    for c in conditions:
        if not (m := BOUND.match(c)):
            continue
        col, op, x = m.group(1), m.group(2), Decimal(m.group(3))
        if op in (">=", ">") and (col not in low or (x, op == ">") > low[col]):
            low[col] = (x, op == ">")
        elif op in ("<=", "<") and (col not in high or x < high[col][0] or (x == high[col][0] and op == "<")):
            high[col] = (x, op == "<")
    for col, (lo, lo_strict) in low.items():
        if col in high:
            hi, hi_strict = high[col]
            if lo > hi or (lo == hi and (lo_strict or hi_strict)):
                return True
    return False


def _unreadable(text: str, draft: Draft) -> str | None:
    if draft.unread:
        return draft.unread[0]
    for pattern, reason in UNREADABLE:
        if reason == ONE_MACHINE and PER_UNIT in draft.handled and not re.search(PCT, text):
            continue  # 按每台不超过2万元: the sum per machine itself, drafted as a per-unit sum, no cap on a share
        if reason not in draft.handled and re.search(pattern, text):
            return reason
    said = [c for c, _ in draft.conditions] + [c for own, _ in draft.variants for c, _ in own]
    for own in [[c for c, _ in draft.conditions]] + [[c for c, _ in draft.conditions + o] for o, _ in draft.variants]:
        if _contradictory(own):
            # X至Y的给予A，超过Y的给予B read as one benefit: conditions no claimant can meet, never drafted silently
            return "条件相互矛盾，所列档次未能逐一读出"
    graduated = re.search(r"毕业(?:后)?(?:\d+|[一两二三四五六七八九十])年(?:以)?内", text)
    if graduated and any(c.startswith("degree") for c in said):
        return "毕业年限条件，须新增属性"  # 毕业5年内的本科生: a limit on when the talent graduated, never dropped
    if any(re.search(r"差额|补差", seg) and not re.search(MONEY, seg) for seg in re.split(r"[,;。]", text)):
        # 已获省级奖励的，差额奖励: the sum less what another award paid, which the text does not state
        return "按差额给予，须人工换算"
    halves = [p for p in re.split(r"[；;]", text) if p.strip()]
    sums = [_quantity(g.group(1), g.group(2), "money") for p in halves if (g := GRANT_SUM.search(p))]
    # (市级奖励20万元，省级奖励50万元，国家级奖励200万元: sums for levels listed in one half, a comma apart)
    # (在省级按每吨给予50元补贴的基础上，县财政每吨再补贴10元: the other level's sum is the base, not a second one)
    own_text = re.sub(r"在[^;。]{0,40}?的基础上", "", text)
    listed_sums = [_quantity(g.group(1), g.group(2), "money") for g in GRANT_SUM.finditer(own_text)]
    if len(set(listed_sums)) > len(set(sums)):
        sums = listed_sums
    formula = draft.amount[0] if draft.amount else ""
    read_all = all(re.search(rf"(?<![\d.]){re.escape(x)}(?![\d.])", formula) for x in sums)
    if len(sums) >= 2 and not draft.variants and not read_all:
        # 对A，奖励X；B，奖励Y with B's claimant not read: never the first sum for both, silently
        return "两项以上的对象与金额未能逐一读出"
    each = {_quantity(m.group(1), m.group(2), "money") for m in EACH_KIND.finditer(text)}
    heads = {_quantity(m.group(1), m.group(2), "money") for m in EACH_HEAD.finditer(text)}
    if (
        len(heads) >= 2
        and not draft.variants
        and not all(re.search(rf"(?<![\d.]){re.escape(x)}(?![\d.])", formula) for x in heads)
    ):
        # 高级工每人3000元、技师每人5000元 / 每人每月1200元…提高到每人每月1500元: a sum per head for each kind or
        # case, never one of them for all
        return "两项以上的对象与金额未能逐一读出"
    if (
        len(each) >= 2
        and not draft.variants
        and not all(re.search(rf"(?<![\d.]){re.escape(x)}(?![\d.])", formula) for x in each)
    ):
        # 批发企业每家奖励8万元，零售企业每家奖励4万元: a sum for each kind of claimant, never one for all
        return "两项以上的对象与金额未能逐一读出"
    other = re.search(rf"其中[^,;。]{{0,16}}?(?:{AWARD}|奖励){MONEY}", text)
    if other and not draft.variants and _quantity(other.group(1), other.group(2), "money") not in formula:
        # 给予一次性奖励20万元，其中对制造业企业奖励30万元: a second sum for some of the claimants, never one for all
        return "两项以上的对象与金额未能逐一读出"
    listed = re.search(rf"分别[^;。]{{0,12}}?{MONEY}[^;。\d]{{0,3}}?{NUMBER}\s*(?:亿元|万元|元)", text)
    if "分别" in text and (len(_amount_list(text)) >= 2 or listed) and not draft.variants:
        return "“分别”列举的对象未能与金额逐一配对"
    listed_years = bool(draft.amount and draft.amount[0].startswith("schedule(") and YEARS_FROM_START.search(text))
    if "分别" in text and SHARES.search(text) and not draft.variants and not listed_years:
        # 前三年分别按营业收入的2%、1.5%、1%: shares listed for what is not read (years, kinds), never the first alone
        # (read as a schedule over the years from a dated start, they are each year's share)
        return "“分别”列举的比例未能与对象逐一配对"
    if draft.amount and (" + " in draft.amount[0] or draft.amount[0].startswith("tier(")):
        return None  # the bands' own numbers were read into the amount
    drafted_sum = bool(draft.amount) and bool(re.search(rf"每(?:人每)?月\s*{NUMBER}\s*元", text))
    paid = {
        p
        for m in re.finditer(rf"({PCT})的?(?:比例)?(?:给予|予以|进行)?(?:{AWARD}|奖励|奖补)", text)
        if (p := percentage(m.group(1))) is not None
        # (按月最低工资标准的70%给予见习补贴（…每人每月1330元）: a share of a wage standard, not of a figure of the
        # claimant's; with the sum it comes to stated and drafted, nothing is left unread)
        and not (drafted_sum and re.search(r"工资标准的?$", text[: m.start()]))
    }
    drafted = ([draft.amount[0]] if draft.amount else []) + [a for _, (a, _) in draft.variants]
    unread_shares = [
        p for p in paid if not any(re.search(rf"(?<![\d.]){re.escape(plain(p))}(?![\d])", f) for f in drafted)
    ]
    if len(paid) >= 2 and unread_shares and drafted:
        # 按增量的20%给予补助…其中对首次申报的企业按30%给予补助: a second share on a second condition, never dropped
        return "另有比例另有条件，须人工确定"
    if (
        drafted
        and paid
        and sorted(unread_shares) == sorted(paid)
        and 1 not in paid
        and not draft.handled & {RAISE, MATCHING}
        and "年化" not in text  # (年化2%…期限6个月: the share scaled by the months, drafted as 1%)
        and not re.search(rf"{PCT}、{PCT}", text)  # (分三年按40%、30%、30%发放: instalments, not a share that pays)
    ):
        # 按到款额的1%给予奖励，最高15万元；超过1亿元的，给予25万元: the share that pays drafted nowhere (only the
        # later fixed sum was), never a benefit without it
        return "按比例计算的金额未能读出"
    for m in RANGE.finditer(text):
        if m.group(5) and not draft.taken(m.start(), m.end()):
            return f"区间“{m.group(0)}”未能读成条件"
    if (
        (
            share := re.search(
                rf"按照?(?:不超过)?(?:其|企业)?(?:实际|当年)?(?:发生|支付|缴纳)?(?:的)?([^,;。]{{0,14}}?)的?(?:{PCT})",
                text,
            )
        )
        and "share" not in draft.handled
        and re.search(BASE_WORDS, share.group(1))
    ):
        return f"按“{share.group(1)}”计算，须新增属性"
    if (
        draft.amount is None
        and not draft.variants
        and (
            re.search(rf"(?:按|给予|不超过)[^,;。]{{0,16}}?{PCT}[^,;。\d]{{0,6}}?(?:{AWARD}|奖励|奖补)", text)
            # 奖励额不超过其纳税额地方留成部分的10%: the share said after the grant's own word
            or re.search(rf"(?:奖励|补助|补贴|资助|奖补)(?:额|金额|资金)?(?:不超过|为|按)[^,;。]{{0,20}}?{PCT}", text)
        )
    ):
        return "按比例计算的金额未能读出"  # a share that pays, not read: never the conditions without their amount
    return _unread_threshold(text, draft)


# patents granted in the year, by kind (the schema holds only the stock of valid invention patents)
PATENT_KINDS = {
    "发明专利": "invention_patents_granted",
    "实用新型专利": "utility_patents_granted",
    "外观设计专利": "design_patents_granted",
    "(?:PCT|国际)专利": "pct_patents_granted",
}
# 上年度12月公布的一年期LPR: when the rate was published, no threshold
# (按中国人民银行公布的同期贷款基准利率, 全国银行间同业拆借中心发布的LPR: who publishes the rate is no part of it)
RATE_PUBLISHER = r"(?:中国人民银行|人民银行|央行|全国银行间同业拆借中心|同业拆借中心)?"
PUBLISHED = rf"(?:(?:上一?年度|上年|当年)?(?:\d{{1,2}}月份?)?(?:最后一次)?{RATE_PUBLISHER}(?:公布|发布)的)?"
LPR = r"(?:同期)?(?:[一五15]年期(?:以上)?)?(?:贷款市场报价利率(?:\(LPR\))?|LPR)"
# (按照年基准利率的50%: the yearly rate, as 一年期 is)
BENCHMARK = r"(?:同期)?(?:同档次)?(?:银行)?(?:[一五1-5]年期|年)?(?:贷款)?基准利率"
PER_UNIT = "按件、亩、台计的金额，须计件属性与数量上限"
LPR_REASON = "贴息按利率（LPR、基点、基准利率）计算，须利率参数"
CASE_BY_CASE = "一事一议：金额由评审确定"
SCHEDULE = "分年度比例，须分年计划"
RAISE = "在其他条款标准上浮，须人工换算"
RANKING = "名单或排名条件，须新增属性"
USD_REASON = "以美元计的数额，须新增属性（数额照原文保留）"
MATCHING = "按上级或其他资金配套，须新增属性"
HEADS = "按人计的金额，未能读出所计的人数"
# (自治区: an autonomous region's grant is its provincial one)
GRANT_LEVELS = (("国家|中央|国拨|部级", "national_grant"), ("省|自治区", "provincial_grant"), ("市", "city_grant"))


def _matching(text: str, draft: Draft) -> None:
    """1:1 配套 and 按国拨经费的20%配套: the matched grant (a proposed attribute, named in the clause's words)
    times the ratio, within the clause's cap. Cost sharing between governments and raises stay for a person."""
    if re.search(r"上浮|共同承担|之和|差额", text):
        return
    if re.search(rf"{RATIO}(?:、|和|及){RATIO}", text) or len(set(re.findall(RATIO, text))) >= 2:
        # 一等奖、二等奖分别按1:1、1:0.5配套: ratios listed for what no level names (``_matching_levels`` pairs
        # levels), or each said for a claimant of its own (第一承担单位按1:1…；参与单位按1:0.5): never one ratio for
        # all, the sentence stays with a person
        return
    shares = rf"((?:[^,;。、]{{2,12}}?{PCT}、)+[^,;。、]{{2,12}}?{PCT})"
    if listed := re.search(rf"分别按照?{shares}[^,;。]{{0,10}}?配套", text):
        # 分别按国拨经费的20%、省拨经费的30%给予配套: one benefit per grant matched, each within the cap
        variants: list[tuple[list[tuple[str, float]], tuple[str, float]]] = []
        cap = _cap(text, draft)
        for words, share in re.findall(rf"([^,;。、]{{2,12}}?)的?({PCT})", listed.group(1)):
            level = next((n for w, n in GRANT_LEVELS if re.search(w, words)), None)
            if level is None or not re.search(r"资金|资助|经费|拨款", words):
                return  # a share of what is not named: the sentence stays with a person
            col = f"{draft.propose(level, words)}[{_year(text, listed.start())}]"
            variants.append(([(f"{col} > 0", 0.7)], (_capped(f"{col} * {plain(_pct(share))}", cap), 0.7)))
        draft.variants, draft.amount = variants, None
        draft.conditions = [(c, k) for c, k in draft.conditions if not c.startswith(("new_loans", "fixed_investment"))]
        draft.handled.add(MATCHING)
        return
    ratio: Decimal | None = None
    words = ""
    if m := re.search(
        r"在([^,;。]{2,16}?)的?基础上,?[^,;。\d]{0,8}?(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)(?:的)?(?:比例)?[^,;。]{0,6}?配套",
        text,
    ):
        # 在省级奖励的基础上，市级再给予1:1配套: the grant named before 基础上, matched at the ratio; another clause's
        # standard (在前款奖励标准的基础上) is no grant received: left for a person
        if re.search(r"标准|前款|本条|上述|第.{1,4}条", m.group(1)):
            return
        words, ratio = m.group(1), number(m.group(3)) / number(m.group(2))
    elif m := re.search(
        r"按(?:照)?(?:不超过)?([^,;。]{0,16}?)(?:的)?(?:比例)?(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)(?:的)?(?:比例)?[^,;。]{0,6}?配套",
        text,
    ):
        words, ratio = m.group(1), number(m.group(3)) / number(m.group(2))
    elif m := re.search(
        rf"按(?:照)?(?:不超过)?([^,;。]{{2,16}}?)(?:的)?({PCT})[^,;。]{{0,10}}?配套|"
        rf"按(?:照)?([^,;。]{{2,18}}?)给予(?:最高|不超过)?({PCT})的?(?:比例)?(?:的)?配套|"
        # 给予上级奖励资金50%的配套奖励: the grant named between 给予 and its share
        rf"给予(?:其)?([^,;。\d]{{2,14}}?)的?({PCT})的?(?:比例)?(?:的)?配套",
        text,
    ):
        words, ratio = next((m.group(i), percentage(m.group(i + 1))) for i in (1, 3, 5) if m.group(i) is not None)
    elif m := re.search(rf"(?:给予|予以)(?:最高|不超过)?({PCT})的?(?:比例)?(?:的)?(?:资金)?配套", text):
        # 对获得省级科技奖励的单位，给予60%的配套奖励: a share of the grant the claimant is named by (below)
        words, ratio = "", percentage(m.group(1))
    elif m := re.search(
        # (本市再按省级补助额的10%追加补助; 省级按市州补贴资金的20%给予叠加补贴: a lower level's grant, topped up)
        rf"按(?:照)?(?:其)?((?:国家|中央|部级|省级|自治区|上级|市州|市县|市级|县级)[^,;。\d%]{{0,8}}?"
        rf"(?:支持|资助|补助|补贴|奖励)(?:资金)?(?:额度|金额|资金|经费|额))"
        # (按照中央支持额度的20%由省级财政给予补助: the level that pays, named between the share and its verb)
        rf"的({PCT})(?:由[^,;。\d]{{2,8}}?)?(?:给予|予以|追加|叠加|再给予)",
        text,
    ):
        # 省级财政按中央支持额度的20%给予补助 (no word 配套): a share of the superior grant the claimant received
        words, ratio = m.group(1), percentage(m.group(2))
    if ratio is None or not m:
        return
    words = re.sub(r"^(?:企业|其)?(?:上一?年度|当年)?(?:实际)?(?:所获|获得|下达|到位|拨付)?(?:的)?", "", words)
    words = re.sub(r"(?:给予|予以)(?:最高|不超过)?$", "", words)
    named = re.search(r"资金|资助|经费|奖励|补助|拨款|奖金|支持额度", words)
    if not named or not any(re.search(w, words) for w, _ in GRANT_LEVELS):
        # 按到位资金给予30%的配套: the grant is the one the claimant is named by, when it names one
        grant = r"资金|资助|经费|拨款|奖|^(?:国家|中央|省|市).*项目$"
        candidates = (
            re.search(r"获得([^,;。]{2,12}?)(?:支持|资助|立项)", text),
            # 对平台获得的省支持建设经费，按1:1给予配套: the grant named before the ratio's clause
            re.search(
                r"(?:到位|获得|所获|下达|拨付)的?([^,;。\d]{2,12}?(?:资金|资助|经费|拨款))(?:的|,)", text[: m.start()]
            ),
            re.search(r"(?:获得|荣获|获)([^,;。\d]{2,12}?(?:奖励|奖))的", text[: m.start()]),
            # 对国家级科技项目，给予100%的资金配套: the grant of the project of that level the claimant holds
            re.match(rf"(?:对|凡)((?:{LEVEL_WORDS})[^,;。\d]{{2,10}}?项目)[,;]", text),
        )
        # the first naming that is a grant (获得的省支持建设经费 is, 获得的省 is not)
        got = next((c for c in candidates if c and re.search(grant, c.group(1))), None)
        if got:
            words = got.group(1)
        elif not named:
            return  # what is matched is not named: left for a person
    name = next((n for w, n in GRANT_LEVELS if re.search(w, words)), "superior_grant")
    if re.match(rf"(?:{LEVEL_WORDS})(?:、|和|及|与)(?:{LEVEL_WORDS})", words):
        name = "superior_grant"  # (省、市支持资金: the levels' grants together, no one level's)
    col = f"{draft.propose(name, words)}[{_year(text, m.start())}]"
    formula = col if ratio == 1 else f"{col} * {plain(ratio)}"
    draft.amount = (_capped(formula, _cap(text, draft)), 0.7)
    draft.conditions = [(c, k) for c, k in draft.conditions if not c.startswith(("new_loans", "fixed_investment"))]
    draft.add(f"{col} > 0", 0.7)
    draft.handled.add(MATCHING)


def _annualised(text: str, draft: Draft) -> None:
    """对首贷户获得的首笔贷款，给予年化2%的贴息，贴息期限不超过6个月，最高20万元: the loan times the yearly rate
    for the months paid (12 when the clause says none), within the cap; the loan in the clause's words."""
    # (按实际投放贷款的年化1%给予贴息: the loan named right before the rate)
    rate = re.search(
        rf"(?:给予|按)(?:([^,;。\d]{{2,10}}?贷款)的)?(?:贷款)?年化({NUMBER})%的?(?:给予)?(?:贴息|利息补贴|补贴)", text
    )
    named = rate.group(1) if rate else None
    loan = (
        None
        if named
        else re.search(r"(?:获得|发放|新增)的?([^,;。\d的]{0,8}?贷款)", text[: rate.start()] if rate else "")
    )
    if not rate or not (named or loan) or LPR_REASON in draft.handled or re.search(r"LPR|基准利率|报价利率", text):
        return
    period = re.search(rf"(?:贴息|补贴)期限?(?:为)?(?:最长)?(?:不超过)?({NUMBER})(个月|年)", text)
    months = (number(period.group(1)) * (12 if period.group(2) == "年" else 1)) if period else Decimal(12)
    said, where = (named, rate.start(1)) if named else (loan.group(1), loan.start()) if loan else ("", 0)
    words = re.sub(r"^(?:银行|商业银行)", "", said) or "贷款"
    col = f"{draft.declare(words, '万元', True)}[{_year(text, where)}]"
    draft.amount = (_capped(f"{col} * {plain(number(rate.group(2)) / 100 * months / 12)}", _cap(text, draft)), 0.6)
    if not draft.conditions and re.match(r"对[^,;。\d]{2,30}?的(?:企业|单位|主体|项目),", text):
        _claimant(text, draft, text.find(","))  # (对已获得省级…贴息的项目: who may claim, in the clause's words)
    draft.add(f"{col} > 0", 0.6)
    draft.handled.add("share")


LEVEL_WORDS = r"国家级|国家|中央|省部级|自治区级|省级|自治区|省|市级|市"
LEVEL_LIST = re.compile(rf"({LEVEL_WORDS})((?:(?:、|和|及|与)(?:{LEVEL_WORDS}))+)([^,;。、\d]{{2,12}}?)(?:的|,|且|并)")
RATIO = r"(\d+(?:\.\d+)?)[:∶](\d+(?:\.\d+)?)"


def _matching_levels(text: str, draft: Draft) -> bool | None:
    """获得国家级、省级科学技术奖的，分别按上级奖励经费的1:1.5、1:1给予配套 (or one ratio for all, with caps listed
    分别): one benefit per level listed, each matching that level's grant, named in the level's and the clause's
    words, at its ratio and within its cap. None when the clause lists no levels to match; False when its ratios or
    caps do not pair one to one with the levels (the sentence goes to a person)."""
    if "配套" not in text or re.search(r"上浮|共同承担|之和|差额|基础上", text):
        return None
    listed = LEVEL_LIST.search(text)
    if not listed:
        return None
    if re.search(rf"按照?(?:{LEVEL_WORDS})(?:、|和|及|与)(?:{LEVEL_WORDS})[^,;。\d、]{{2,10}}?的{PCT}(?![、和])", text):
        # 按省、市支持资金的50%给予配套，最高50万元: one share of the levels' grants together, within one cap (a
        # benefit per level would pay the cap twice)
        return None
    levels = [listed.group(1), *re.split(r"、|和|及|与", listed.group(2))[1:]]
    after = text[listed.end() :]
    ratios = [number(b) / number(a) for a, b in re.findall(RATIO, after)]
    before = after.split("配套")[0]
    if not ratios and "%" in before:
        # 国家级、省级…，分别按照上级补助资金的50%、30%给予配套: shares listed (or one for all), as ratios are
        ratios = [p for x in re.findall(rf"({PCT})", before) if (p := percentage(x)) is not None]
    elif "%" in before:
        return None
    if len(ratios) not in (1, len(levels)):
        return False
    caps: list[str | None] = [_cap(after, draft)] * len(levels)
    if each := re.search(
        rf"分别(?:最高)?(?:不超过)?({LIST}(?:、{LIST})+)|最高分别(?:不超过)?({LIST}(?:、{LIST})+)", after
    ):
        listed_caps = _amount_list(each.group(0))
        if len(listed_caps) != len(levels):
            return False
        caps = list(listed_caps)
    names = [next((n for w, n in GRANT_LEVELS if re.search(w, level)), None) for level in levels]
    if None in names or len(set(names)) != len(names):
        return None
    year = _year(text, listed.start())
    draft.variants = []
    for level, name, ratio, cap in zip(
        levels, names, ratios * len(levels) if len(ratios) == 1 else ratios, caps, strict=True
    ):
        col = f"{draft.propose(str(name), level + listed.group(3))}[{year}]"
        formula = col if ratio == 1 else f"{col} * {plain(ratio)}"
        draft.variants.append(([(f"{col} > 0", 0.7)], (_capped(formula, cap), 0.7)))
    draft.amount = None
    # the grant of each level is the condition; no title or event of the year read from the same words
    draft.conditions = [(c, k) for c, k in draft.conditions if not re.search(r"== (?:last|this)_year", c)]
    draft.handled.add(MATCHING)
    return True


def _granted_once(draft: Draft) -> None:
    """获得省级财政资金支持的企业，按到位资金给予30%的配套: having the grant is its own condition (> 0), never also
    an event of the year read from the same words."""
    grants = [str(spec.get("label", "")) for spec in draft.proposed.values() if spec.get("unit") == "万元"]
    events = {
        name
        for name, spec in draft.proposed.items()
        if spec.get("unit") == "年" and any(g and str(spec.get("label", "")).startswith(g) for g in grants)
    }
    draft.conditions = [(c, k) for c, k in draft.conditions if re.split(r"[\[ ]", c, maxsplit=1)[0] not in events]
    for name in events:
        draft.proposed.pop(name)


COUNTED = {"件": "integer", "项": "integer", "台": "integer", "套": "integer", "个": "integer", "辆": "integer"}
COUNTED |= {"头": "integer", "只": "integer", "株": "integer", "张": "integer", "架": "integer", "座": "integer"}
COUNTED |= {"亩": "decimal", "平方米": "decimal", "立方米": "decimal", "吨": "decimal", "千瓦": "decimal"}
COUNTED |= {"间夜": "integer"}  # a hotel room for one night (会议 sums per 间夜)
COUNTED |= {"架次": "integer", "列": "integer"}  # (包机每架次1.5万元, 旅游专列每列1.2万元: flights and trains run)
PER_CLAIMANT = r"项目|企业|单位|主体|家|户"
NEW_THINGS = r"新建成|新建设|新建|新注册|新增|新获得|新取得|新获|新授权|购置|引进|获得|取得|新认定|进入"
GRANTS = r"给予|奖励|补贴|补助|资助|奖补"


def _per_unit_kinds(text: str, draft: Draft) -> bool:
    """引进的国际性、全国性展览项目，按展览面积分别给予每平方米30元、25元补助，单个项目分别最高不超过300万元、
    200万元: one per-unit benefit for each kind listed before, over the measure after 按 of that kind, each with its
    own sum and cap (the kinds share the noun written once, after the last)."""
    units = "|".join(sorted(COUNTED, key=len, reverse=True))
    m = re.search(
        rf"按照?([^,;。按]{{2,8}}?)分别(?:给予|按)?每({units})({NUMBER})(元|万元)((?:、{NUMBER}(?:元|万元)?)+)",
        text,
    )
    if not m:
        return False
    sums = [m.group(3), *re.findall(rf"、({NUMBER})", m.group(5))]
    unit_of = [m.group(4)] * len(sums)
    listed = re.search(r"([^,;。、]{1,12})((?:、[^,;。、]{1,12})+)[,;]", text[: m.start()])
    if not listed:
        return False
    kinds = [listed.group(1), *listed.group(2).split("、")[1:]]
    kinds = [re.sub(r"^(?:对|凡)?(?:新)?(?:引进的?|举办的?)?", "", k) for k in kinds]
    last = kinds[-1]
    if len(kinds) != len(sums) or any(len(k) > len(last) for k in kinds[:-1]):
        return False
    # 国际性、全国性展览项目: the noun after the last kind's own word (as long as the first's) is every kind's
    noun = last[len(kinds[0]) :]
    kinds = [k + noun for k in kinds[:-1]] + [last]
    caps = re.search(
        rf"分别(?:最高)?(?:不超过)?({NUMBER})(万元|元)((?:、{NUMBER}(?:万元|元)?)+)", text[m.end() :]
    ) or re.search(rf"最高分别(?:不超过)?({NUMBER})(万元|元)((?:、{NUMBER}(?:万元|元)?)+)", text[m.end() :])
    cap_list = [caps.group(1), *re.findall(rf"、({NUMBER})", caps.group(3))] if caps else []
    if caps and len(cap_list) != len(sums):
        return False
    yearly = bool(re.search(r"年度|每年|当年|上年|展会|展览|博览会|交易会", text))
    variants = []
    for i, (kind, each) in enumerate(zip(kinds, sums, strict=True)):
        name = draft.declare(f"{kind}{m.group(1)}", m.group(2), yearly, COUNTED[m.group(2)])
        col = f"{name}[{_year(text, m.start())}]" if yearly else name
        cap = _quantity(cap_list[i], caps.group(2), "money") if caps else None
        formula = _capped(f"per_unit({col}, {_quantity(each, unit_of[i], 'money')})", cap)
        variants.append(([(f"{col} > 0", 0.7)], (formula, 0.7)))
    draft.variants, draft.amount = variants, None
    draft.handled.add(PER_UNIT)
    return True


# 每件分别资助2000元、500元和300元 (分别每件…): each kind listed before it paid its own sum per unit
EACH_KIND_LISTED = re.compile(
    rf"(?:每(件|项|个|台|套)分别|分别每(件|项|个|台|套))(?:定额)?(?:{GRANTS})?(?:一次性)?({NUMBER})(元|万元)"
    rf"((?:[、和及]{NUMBER}(?:元|万元)?)+)"
)


def _per_unit_each_kind_listed(text: str, draft: Draft) -> bool:
    """国内发明专利、实用新型专利和外观设计专利授权的，每件分别定额资助2000元、500元和300元: one per-unit benefit for
    each kind listed before 每件分别, in order, over the count of that kind (the kinds share a noun written once, after
    the last: 发明、实用新型和外观设计专利); counted in the year when the clause says they were granted or gained."""
    m = EACH_KIND_LISTED.search(text)
    if not m:
        return False
    unit = m.group(1) or m.group(2)
    if _count_cap(text[m.end() :], "|".join(COUNTED)) or re.search(r"最高|不超过|上限", text[m.end() :]):
        return False  # a count or a sum capped over all kinds together: how to share it, a person says
    # (1万元、5000元: each sum in its own unit, the first's where it says none)
    sums = [(m.group(3), m.group(4))]
    sums += [(n, u or m.group(4)) for n, u in re.findall(rf"[、和及]({NUMBER})(元|万元)?", m.group(5))]
    pieces = [p for p in re.split(r"[,;。]", text[: m.start()]) if p.strip()]
    if not pieces:
        return False
    words = re.sub(r"^(?:对|凡)?(?:企业|单位)?", "", pieces[-1])
    words = re.sub(r"(?:获得)?(?:授权|获权|受理)?的?$", "", words)
    # (当年新获得绿色食品、有机农产品和地理标志认证的产品: the year and 获得 open the list, 认证的产品 closes it;
    # neither is a kind, and the year dates every kind)
    said_year = _year_said(words[:6])
    words = re.sub(r"^(?:当年|本年度|上一?年度|年度内)?(?:新)?(?:获得|取得|通过)", "", words)
    words = re.sub(r"(?:认证|认定|登记)的(?:产品|商标)$", "", words)
    # (高新技术企业新授权的发明专利: who holds them and how they came end at the last 的)
    kinds = [k.rpartition("的")[2] for k in re.split(r"[、和及]", words) if k]
    if len(kinds) != len(sums) or not all(2 <= len(k) <= 14 for k in kinds):
        return False
    # (发明、实用新型和外观设计专利: the last kind's noun is every kind's)
    noun = next((n for n in ("专利", "商标", "软件著作权", "证书") if kinds[-1].endswith(n)), "")
    kinds = [k if k.endswith(noun) else k + noun for k in kinds]
    # (获得授权的, 新授权的: how they came, no part of what is counted)
    kinds = [re.sub(rf"^(?:{NEW_THINGS}|新)?(?:授权|获权)?的?", "", k) for k in kinds]
    yearly = bool(re.search(rf"{NEW_THINGS}|新(?:登记|申请)|授权|获权|年度|每年|当年|上年", text[: m.start()]))
    variants = []
    for kind, (each, each_unit) in zip(kinds, sums, strict=True):
        # (a patent kind granted in the year is the figure a sum per kind, 每件奖励X, reads: the same name)
        patent = next((k for k in PATENT_KINDS if yearly and re.fullmatch(rf"(?:国内)?{k}", kind)), None)
        name = draft.propose(PATENT_KINDS[patent]) if patent else draft.declare(kind, unit, yearly, COUNTED[unit])
        col = f"{name}[{said_year or _year(text, m.start())}]" if yearly else name
        formula = f"per_unit({col}, {_quantity(each, each_unit, 'money')})"
        variants.append(([(f"{col} > 0", 0.7)], (formula, 0.7)))
    draft.variants, draft.amount = variants, None
    draft.handled.add(PER_UNIT)
    return True


MARKET_SHARE = re.compile(
    rf"((?:国外|境外|国际)?(?:传统|新兴)市场)[,，]?按照?(?:不超过|不高于)?(?:当年|上年度)?(?:实际)?(?:支付|发生|缴纳)?的?"
    rf"([^,;。、\d]{{0,8}}?)的?({PCT})"
)


def _market_shares(text: str, draft: Draft) -> list[tuple[list[tuple[str, float]], tuple[str, float]]]:
    """传统市场按实际支出的50%、新兴市场按70%: a share of the fee (展位费, 保费) paid in each market, one benefit per
    market, each on the fee paid there (a proposed yearly sum in the market's words)."""
    found = list(MARKET_SHARE.finditer(text))
    if len(found) < 2 or len({m.group(1) for m in found}) != len(found):
        return []
    fee = re.search(r"展位费|保费|保险费|参展费用|运输费", text)
    words = fee.group(0) if fee else next((m.group(2) for m in found if m.group(2)), "")
    if not words or re.search(r"\d", words):
        return []
    if _cap(text[found[-1].end() :]) is not None:
        # 单一企业奖励总额不超过200万元 after both: one ceiling over two benefits, which no one benefit holds
        draft.unread.append("两项比例共用一个总额上限，须人工确定")
        return []
    year = "this_year" if "当年" in found[0].group(0) else "last_year"
    out = []
    for m in found:
        rate = percentage(m.group(3))
        if rate is None:
            return []
        name = draft.declare(f"{m.group(1)}{words}", "万元", True)
        col = f"{name}[{year}]"
        out.append(([(f"{col} > 0", 0.6)], (f"{col} * {plain(rate)}", 0.6)))
    draft.handled.add("share")
    return out


CREDENTIAL = r"职业资格证书|职业资格|职业技能等级证书|技能等级证书|等级证书|证书|资格"


# 招用高校毕业生、16—24岁登记失业青年的企业: kinds of people hired, listed; the age band is each person's, checked
# per person
HIRED_KINDS = re.compile(
    r"(?:新招用|招用|吸纳|招收|聘用)([^,;。]{0,30}?(?:毕业生|青年|人员|劳动力|军人|残疾人)"
    r"(?:、[^,;。、]{0,14}?(?:毕业生|青年|人员|劳动力|军人|残疾人))+)(?:的|,|并|签订|开展|参加)"
)


def _hired_kinds(text: str, draft: Draft) -> list[tuple[list[tuple[str, float]], tuple[str, float]]]:
    """对招用高校毕业生、16—24岁登记失业青年的企业，按每招用1人1500元: one sum per hire of each kind listed, one
    benefit per kind over its own count (graduates as the schema counts them, the others in the clause's words);
    before, the first kind alone was drafted and the others silently lost."""
    heads = re.search(rf"每(?:招用|吸纳|新招用)?(?:1|一)?(?:名|人)[^,;。\d]{{0,12}}?({NUMBER})(元|万元)", text)
    # (吸纳登记失业人员、脱贫劳动力开展以工代训的企业，按每人每月500元…最长6个月: each kind's months, as the monthly
    # sums of one kind are counted)
    monthly = re.search(rf"每人每月[^,;。\d]{{0,6}}?({NUMBER})(元|万元)", text)
    if not heads or "分别" in text or (re.search(r"每(?:人)?每?(?:月|年)", text) and not monthly):
        return []
    listed = HIRED_KINDS.search(text[: heads.start()])
    if not listed:
        return []
    year = _year(text, listed.start())
    money = (
        plain(to_wan(monthly.group(1), monthly.group(2)) * _months(text))
        if monthly
        else _quantity(heads.group(1), heads.group(2), "money")
    )
    variants = []
    for kind in listed.group(1).split("、"):
        if "高校毕业生" in kind:
            col = f"new_hires_graduates[{year}]"
        else:
            words = re.sub(rf"^(?:{NUMBER}(?:—|-|~|至|到){NUMBER}岁|{NUMBER}岁(?:以上|以下))?的?", "", kind)
            if not 2 <= len(words) <= 12:
                return []
            col = f"{draft.declare(words, '人', True, 'integer')}[{year}]"
        variants.append(([(f"{col} >= 1", 0.6)], (f"{col} * {money}", 0.7)))
    draft.conditions = [(c, k) for c, k in draft.conditions if not c.startswith("new_hires_graduates")]
    draft.handled.add(PER_UNIT)
    return variants


def _per_head_kinds(text: str, draft: Draft) -> list[tuple[list[tuple[str, float]], tuple[str, float]]]:
    """高级技师、技师职业资格的，分别按每人3000元、2000元 / 省内、省外每次分别补助0.4万元、0.8万元: a sum per
    person or per time for each kind listed, one benefit per kind over its own count (people counted from one,
    times as things are)."""
    m = re.search(
        rf"(?:分别(?:按|给予)?每(人|次)|每(人|次)分别(?:按|给予|补助|奖励|补贴)?)[^,;。\d]{{0,8}}?"
        rf"({NUMBER})(元|万元)((?:、{NUMBER}(?:元|万元)?)+)",
        text,
    )
    if not m:
        return []
    per = m.group(1) or m.group(2)
    sums = [m.group(3), *re.findall(rf"、({NUMBER})", m.group(5))]
    before = text[: m.start()]
    listed = re.search(r"([^,;。、]{1,16})((?:、[^,;。、]{1,10})+?)(的)?[,;]?$", before)
    if not listed:
        return []
    if re.match(
        r"(?:对|凡)?[^,;。]*的(?:职工|员工|人员|个人|人才)[,;]", before[listed.start() :] + ","
    ) and not re.search(r"给予(?:企业|单位|用人单位)", text):
        return []  # 对取得A、B的职工，分别给予每人X、Y: each person's own sum, not a count of people
    kinds = [listed.group(1), *listed.group(2).split("、")[1:]]
    kinds[0] = re.split(r"取得|获得|考取|晋升为|评为", kinds[0])[-1]
    kinds[0] = re.sub(r"^(?:对|凡)", "", kinds[0])
    kinds[-1] = kinds[-1].split("的")[0]  # (技师职业资格的职工: the kind ends before its 的)
    # 高级技师、技师职业资格: the credential written once, after the last kind, is every kind's
    if credential := re.search(rf"(?:{CREDENTIAL})$", kinds[-1]):
        kinds = [k if k.endswith(credential.group(0)) else k + credential.group(0) for k in kinds]
    if len(kinds) != len(sums) or any(not (2 <= len(k) <= 12) for k in kinds):
        return []
    activity = re.search(r"([\u4e00-\u9fff]{2,6}(?:活动|展会|展销会|博览会|会议))的?,$", before[: listed.start()])
    year = _year(text, listed.start())
    variants = []
    for kind, each in zip(kinds, sums, strict=True):
        label = kind + (activity.group(1).split("的")[-1] if activity and per == "次" else "")
        name = draft.declare(label, "人" if per == "人" else "次", True, "integer")
        col = f"{name}[{year}]"
        money = _quantity(each, m.group(4), "money")
        if per == "人":
            variants.append(([(f"{col} >= 1", 0.6)], (f"{col} * {money}", 0.6)))
        else:
            variants.append(([(f"{col} > 0", 0.6)], (f"per_unit({col}, {money})", 0.6)))
    draft.handled.add(PER_UNIT)
    return variants


def _count_cap(text: str, units: str) -> str | None:
    """The count a per-unit sum is paid for at most: 每年最多资助10件, 每年资助不超过20件, 最多补贴5个展位."""
    if m := re.search(
        # (补贴期限不超过12个月: a period of payment, no count of units)
        rf"(?:每年)?(?:{GRANTS}|支持)?(?:最多|最高|不超过|至多|限)(?:{GRANTS}|支持)?({NUMBER})\s*(?:{units})(?!月)",
        text,
    ):
        return plain(number(m.group(1)))
    return None


# 补贴金额不超过其实际支付的租金: a sum per 平方米 bounded by the rent the claimant paid
RENT_PAID_BOUND = re.compile(
    r"不(?:超过|高于|得超过)(?:其|企业)?(?:同期)?实际(?:支付|缴纳|发生)?的?(?:房屋|场地)?租金"
    # (实际租金低于补贴标准的，按实际租金补贴: the same bound, said as what is paid when the rent is lower)
    r"|实际(?:支付的?)?租金低于[^,;。]{0,6}标准的,?按实际(?:支付的?)?租金"
)


# 每进入一个国家或地区资助3万元 (a PCT filing's national phases), 每个国家或地区资助2000元 (a 马德里 registration's
# designations): a sum per country an international filing reaches
COUNTRY_OF_FILING = re.compile(
    rf"每(?:进入|指定)?(?:一|1)?个国家(?:或地区|和地区|\(地区\))?(?:{GRANTS}|支持)?(?:一次性)?({NUMBER})(元|万元)"
)
FILINGS_BY_COUNTRY = (
    (r"PCT|专利合作条约", "PCT国际专利申请进入国家阶段的国家或地区"),
    (r"马德里", "马德里商标国际注册指定的国家或地区"),
)


def _per_country_of_filing(text: str, draft: Draft) -> bool:
    """per_unit over the countries (or regions) the claimant's international filings reached in the year: each
    country a PCT filing entered the national phase of, each a 马德里 registration designated. A cap on the
    countries of one filing (每件PCT申请最多资助5个国家或地区) is no count of the claimant's: it is never drafted as a
    cap on the firm's count (the rule pays every country the firm counts; its lower confidence asks a person)."""
    m = COUNTRY_OF_FILING.search(text)
    kind = next((label for words, label in FILINGS_BY_COUNTRY if re.search(words, text)), None)
    if not m or kind is None:
        return False
    col = f"{draft.declare(kind, '个', True, 'integer')}[{_year(text, m.start())}]"
    each = _quantity(m.group(1), m.group(2), "money")
    draft.spans.append(m.span())
    draft.amount = (_capped(f"per_unit({col}, {each})", _cap(text, draft)), 0.6)
    draft.add(f"{col} > 0", 0.6)
    draft.handled.add(PER_UNIT)
    return True


def _per_unit(text: str, draft: Draft) -> bool:
    """每台1万元, 每平方米800元, 200元/亩, 每个展会每期0.8万元: per_unit over the count of the thing the clause
    names (a quantity proposed in its words, counted in the year when it is new: 新注册, 购置, 新建), with a
    count cap (每年最多N件) and the clause's money cap. Several per-unit sums (金奖每项30万元；银奖每项10万元) stay
    for a person."""
    units = "|".join(sorted(COUNTED, key=len, reverse=True))
    # "按200元/亩给予补助" says 每亩200元: the sum per unit, written the other way round
    text = re.sub(rf"({NUMBER})(元|万元)/({units})", r"每\3\1\2", text)
    # "每新增1台工业机器人，给予1万元" counts the things added, not an increment of a measure
    # (每培育1家毕业企业，给予运营机构3万元: firms an incubator raised, the sum to its operator, who claims)
    firms_counted: list[str] = []

    def counted_apart(g: re.Match[str]) -> str:
        if g.group(2) == "家":
            firms_counted.append(g.group(3))
        said = f"{g.group(1)}{g.group(3)},每{g.group(2).replace('家', '个')}{g.group(4)}{g.group(5)}{g.group(6)}"
        return said.ljust(len(g.group(0)))[: len(g.group(0))]

    text, added = re.subn(
        # (a firm counted, 1家, is one of the things counted, 每个: 每家 alone is a sum per claimant, never a count)
        # (每新引进或孵化一家…，给予孵化器8万元: either way of raising it counts; the incubator is who claims)
        rf"每(?:新)?(新增|购置|引进|新建|培育|孵化)(?:或(?:新增|引进|培育|孵化))?(?:1|一)({units}|家)([^,;。\d]{{2,12}}?),?"
        rf"((?:{GRANTS})?(?:企业)?)(?:运营机构|运营单位|运营主体|孵化器|孵化载体|众创空间|加速器)?({NUMBER})(元|万元)",
        counted_apart,
        text,
    )
    found = list(
        re.finditer(
            # (按库容每100立方米补助1万元: so much per whole step of the units counted)
            rf"每(?:[1-9]\d*)?({units})(?:\((?:套|台|个)\))?(?!{PER_CLAIMANT})(?:支持|{GRANTS})?([^,;。\d]{{0,4}}?)(?:每期|每次)?(?:{GRANTS})?"
            rf"(?:不超过|最高)?({NUMBER})(元|万元)",
            text,
        )
    )
    if len(found) != 1:
        return False
    m = found[0]
    unit, thing = m.group(1), re.sub(rf"(?:一次性)?(?:{GRANTS})?(?:一次性)?$", "", m.group(2))
    thing = re.sub(r"(?:最高|不超过|不高于)+$", "", thing)  # (每台最高不超过2000元: a bound, no thing counted)
    thing = re.sub(r"^(?:定额|一次性)", "", thing)  # (每件定额资助5000元: how it is paid, not what is counted)
    if re.search(r"每年|年度|累计", thing):
        return False  # (每个机构每年最高50万元: a yearly cap on each claimant, no sum per thing counted)
    # 每个工位每月300元…补贴期限不超过12个月: a monthly sum per unit, paid over the clause's months
    # (按每月每平方米30元: the month said before the unit is the same monthly sum)
    monthly = thing.endswith("每月") or text[: m.start()].endswith("每月")
    thing = thing.removesuffix("每月")
    pieces = [p for p in re.split(r"[,;。]", text[: m.start()]) if p.strip()]
    # the claimant's words, not a bare 按 or 按…标准 before the sum
    # (按每月每平方米30元: the month is how the sum is said, no thing counted)
    while pieces and re.fullmatch(r"按照?(?:每月)?(?:[^,;。]{0,4}标准)?|(?:并)?(?:经[^,;。]{0,8})?", pieces[-1]):
        pieces.pop()
    while pieces and re.fullmatch(r"(?:市|区|县|省|各级)?(?:级)?财政(?:部门)?(?:再)?", pieces[-1].strip()):
        pieces.pop()  # 市财政每吨再补贴15元: the authority that pays, not what is counted
    claimant = pieces[-1] if pieces else ""
    if re.search(r".按照?[^按]{2,12}$", claimant):
        # 省内自办展览项目按展览面积给予: the thing counted is what follows 按, the words before it name the claimant
        after_an = claimant[claimant.rfind("按") :]
        # (繁育基地按不高于1500元/亩: when nothing but the bound follows 按, the words before it name the thing)
        bound_only = not re.sub(rf"^按照?|(?:{GRANTS}|不超过|不高于|最高|上限)+$", "", after_an)
        claimant = claimant[: claimant.rfind("按")] if bound_only else after_an
    # 按租用面积给予不超过每平方米80元: the piece names the thing counted (租用面积), the rest is how it is paid
    claimant = (
        re.sub(rf"^按照?|(?:{GRANTS})?(?:不超过|最高)?$", "", claimant) if claimant.startswith("按") else claimant
    )
    if len(thing) == 1 and thing in COUNTED:
        return False  # a compound measure word (每台套): what one unit is, is left for a person
    if len(thing) < 2 or thing.endswith("费"):
        # 每辆车2万元: the unit's own noun; 每平方米支持展位费4000元: the fee is what is paid, not what is counted;
        # the thing is the one the claimant names
        thing = ""
    activity = re.search(
        rf"每(?:加工|生产|销售|收购|处理|回收|使用|储备)(?:1|一)?{unit}([^,;。\d]{{1,8}}?)(?:{GRANTS}|,)",
        text[: m.start()],
    )
    certified = re.search(rf"(?:获得|取得|通过)([^,;。\d]{{2,12}}?)(认证|认定)的{re.escape(thing)}$", claimant)
    if thing and certified:
        # 对新获得“白河精品”认证的产品，每个产品给予…: the products counted are those the certificate names
        thing = re.sub(r"[“”\"]", "", certified.group(1)) + certified.group(2) + thing
    led = re.search(rf"({LED_STANDARD})([^,;。\d、和及]{{2,8}}?标准)", claimant)
    led = led if not thing and unit in ("项", "个", "件") else None
    if led:
        # 对牵头制定团体标准并在…平台公开的，每项给予…: the standards led, counted in the year they were published
        thing = _led_standard(led.group(1), led.group(2))
    if not thing and len(firms_counted) == 1:
        thing = firms_counted[0]  # (the firms counted, not who counts them: 对孵化器…每培育1家毕业企业)
        # (每孵化一家国家高新技术企业: the firms counted hold the title, not the incubator that claims)
        draft.conditions = [
            (c, k)
            for c, k in draft.conditions
            if not any(w in thing and c.startswith(f"{a} ") for w, a in vocab.CERTIFICATIONS.items())
        ]
    run = re.search(r"(?:旅游)?(?:专列|包机|班列|航班)", text[: m.start()]) if unit in ("架次", "列") else None
    if run:
        thing = run.group(0)  # 组织旅游专列…的旅行社，每列补贴: the trains or flights run, counted over the year
    if not thing and activity:
        # 在省级按每加工1吨玉米给予80元补贴的基础上，市财政每吨再补贴15元: the 吨 of 玉米 processed in the year
        thing = activity.group(1)
    if not thing and (counted := _per_unit_thresholded_quantity(draft, unit)):
        # 仓储总面积在20000平方米及以上的，…按最高不超过40元/平方米; 总间夜数达到400间夜以上的，按每间夜100元: the sum
        # is paid on the quantity the threshold already counts, never on a second one named by the words around it
        return _per_unit_on_thresholded(text, m, counted, draft)
    if not thing:
        before = re.sub(r"^(?:对|凡|经[^,;。]{0,6}?认定的|企业)", "", claimant)
        if owner := re.match(
            r"(.+?)的[^的]{0,4}?(?:经营主体|企业|单位|家庭农场|合作社|项目|主体|农户|种植户|养殖户|养殖场|农场|个人)$",
            before,
        ):
            before = owner.group(1)
        thing = re.sub(rf"(?:的|按照?|(?:建设)?(?:{GRANTS})?标准(?:为|是)?)$", "", before)
        # (总部企业在湖滨区首次购置自用办公用房: who bought it and where are no part of what is counted)
        thing = re.sub(
            # (总部企业首次在本区购置: 首次 said before the place as well as after it)
            r"^(?:[\u4e00-\u9fff]{0,6}?(?:企业|单位|机构))?(?:首次)?(?:在[\u4e00-\u9fff]{2,8}?)?(?:首次)?(?=购置|购买|新建|租赁|租用)",
            "",
            thing,
        )
    # a thing new in the year (新建, 新注册, 购置) is counted in that year, however the clause words it
    new = re.search(NEW_THINGS, thing) or re.search(NEW_THINGS, text[: m.start()])
    thing = re.sub(rf"^(?:按照?)?(?:{'|'.join(w for w, _ in YEAR_WORDS)})?(?:的)?", "", thing)
    # (获得授权的国外发明专利: how it came, 授权 with it, is no part of what is counted)
    thing = re.sub(rf"^(?:企业|单位)?(?:{NEW_THINGS}|新(?:{NEW_THINGS})?)?(?:授权)?(?:的)?", "", thing)
    years = "|".join(w for w, _ in YEAR_WORDS)
    if len(thing) > 14 and "的" in thing:
        # 通过马德里体系新获得国际注册的商标, 获核准注册的地理标志证明商标、集体商标: what is counted is the noun
        # after the last 的, with what the last verb before it says of it (国际注册); how it was got is no part of it
        head, _, noun = thing.rpartition("的")
        said_of = re.split(r"获得|取得|提交|核准|获批", head)[-1]
        thing = f"{said_of}的{noun}" if said_of and len(said_of) + len(noun) < 14 else noun
    elif came := re.fullmatch(rf"(?:企业|单位)?(?:{years})?[^的]*?(?:{NEW_THINGS}|投入使用)[^的]*的(.{{2,14}})", thing):
        thing = came.group(1)  # 企业上年度新购置并投入使用的工业机器人: what follows how and when it came
    if not (2 <= len(thing) <= 14) or re.search(r"\d(?![A-Za-z])", thing):  # (5G基站 names a thing, no number)
        return False
    # (每年不超过150万元 is a yearly ceiling of the grant: it makes no stock, such as an area rented, a yearly figure)
    yearly = bool(new) or bool(activity) or bool(led) or bool(run)
    yearly = yearly or bool(re.search(r"年度|每年(?!(?:累计)?不超过|最高)|当年|上年", text))
    # an exhibition's or a fair's area (展览面积, 展位面积) is a figure of the year it is held, not a stock
    yearly = yearly or bool(re.search(r"展会|展览|博览会|交易会", text))
    for title, spec in list(draft.proposed.items()):
        if str(spec["label"]).endswith(("认定年份", "获得年份", "注册年份")) and thing in str(spec["label"]):
            # 对新认定的省级星创天地，每个奖励10万元: what is counted is the title itself, not a second condition
            draft.conditions = [(c, k) for c, k in draft.conditions if not re.search(rf"\b{title}\b", c)]
            del draft.proposed[title]
    rented = re.search(r"(租赁|租用)([\u4e00-\u9fff]{2,10}?)(?:的|,)", text) if unit == "平方米" else None
    if rented and not yearly and not thing.endswith("面积"):
        # 租用经营场地的，按每平方米每月10元: what is counted is the area rented, named as the rent readings name it
        # (按租用面积给予…元/平方米 names it itself)
        thing = f"{rented.group(1)}{rented.group(2)}面积"
    name = draft.declare(thing, "家" if firms_counted else unit, yearly, COUNTED[unit])
    year = _year(text, m.start()) if not (said := _year_said(claimant)) else said
    col = f"{name}[{year}]" if yearly else name
    each = _quantity(m.group(3), m.group(4), "money")
    if monthly:
        each = plain(number(each) * _months(text))
    if re.search(
        rf"每(?:个|次|届|期|场)?(?:展会|展览|博览会|交易会|次|届|期|场)[^,;。]{{0,4}}?(?:最多|至多|不超过|限)"
        rf"(?:{GRANTS}|支持)?{NUMBER}\s*(?:{units})",
        text[m.end() :],
    ):
        return False  # 每个展会最多支持2个标准展位: a count capped per show, not per year; how many shows, no one says
    most = _count_cap(text[m.end() :], units)
    step = re.match(r"每([1-9]\d*)", m.group(0))
    if step and step.group(1) != "1":
        if most:
            return False  # a count cap beside a step of several units: which one bounds what, a person says
        counted_in = f"steps({col}, {step.group(1)})"  # (每100立方米1万元: whole steps only, 250立方米 is 2)
    else:
        counted_in = col
    formula = f"per_unit({counted_in}, {each}{', ' + most if most else ''})"
    draft.spans.append(m.span())  # 每平方米…不超过4000元 is the sum per unit, never the grant's cap
    draft.amount = (_capped(formula, _cap(text, draft)), 0.7)
    if rented and RENT_PAID_BOUND.search(text):
        # 补贴金额不超过其实际支付的租金: the area's sum never more than the rent itself paid
        paid = f"{draft.propose('rent_paid')}[last_year]"
        draft.amount = (f"min({draft.amount[0]}, {paid})", 0.7)
        draft.add(f"{paid} > 0", 0.7)
    draft.conditions = [(c, k) for c, k in draft.conditions if not c.startswith(("new_loans", "fixed_investment"))]
    least = re.search(rf"({NUMBER})\s*{unit}(\(含\))?(以上|及以上)的", text[: m.start()])
    if least and not draft.taken(*least.span()):
        # 新增就业岗位50个以上的企业，按每个岗位1000元: the count the sum is paid on must reach the threshold
        draft.add(f"{col} >= {plain(number(least.group(1)))}", 0.7, least.span())
    else:
        draft.add(f"{col} > 0", 0.7)
    draft.handled.add(PER_UNIT)
    if added:
        draft.handled.add(INCREMENT)
    return True


def _per_unit_thresholded_quantity(draft: Draft, unit: str) -> str | None:
    """The one proposed quantity, counted in ``unit``, that the clause has already set a threshold on (…在20000平方米
    及以上的): the thing a per-unit sum with no noun of its own is paid on."""
    names = {
        found.group(1)
        for c, _ in draft.conditions
        if (found := re.fullmatch(r"([a-z_0-9]+)(?:\[[a-z_()0-9]+\])? (?:>=|>) [\d.]+", c))
        and found.group(1) in draft.proposed
        and draft.proposed[found.group(1)].get("unit") == unit
    }
    return names.pop() if len(names) == 1 else None


def _per_unit_on_thresholded(text: str, m: re.Match[str], name: str, draft: Draft) -> bool:
    """per_unit over a quantity whose threshold the clause states, the threshold kept as the only condition on it."""
    col = next(c.split(" ")[0] for c, _ in draft.conditions if re.match(rf"{name}\b", c))
    each = _quantity(m.group(3), m.group(4), "money")
    draft.spans.append(m.span())
    draft.amount = (_capped(f"per_unit({col}, {each})", _cap(text, draft)), 0.7)
    draft.handled.add(PER_UNIT)
    return True


STEP = re.compile(
    # (产值增量每1000万元奖励1.5万元: the increase named first, then its step)
    # (每同比增长1亿元支持不超过8万元: the growth over the year before, the sum per step a ceiling said as the sum)
    rf"(?:每(?:同比)?(?:增加|新增|增长|增|超过|超出|提高)|(?P<named>增量|增加额|新增额)(?:部分)?(?:按)?每)(?P<before>[^,;。\d]{{0,6}}?)(?P<size>{NUMBER})\s*(?P<unit>亿元|万元|元|个百分点)"
    rf"(?P<after>[^,;。\d]{{0,8}}?),?(?:的标准)?(?:再|另|均)?(?:给予|奖励|补助|补贴|资助|奖补|支持)(?:一次性)?(?:不超过|最高)?"
    rf"(?:奖励|补助|补贴)?(?P<each>{NUMBER})\s*(?P<money>万元|元)"
)
INCREASE = re.compile(r"^(.+\]) - ([a-z_]+\[[a-z_()0-9]+\]) (>=|>) ([\d.]+)$")
GROWN = re.compile(r"^([a-z_]+\[[a-z_()0-9]+\]) (>=|>) ([a-z_]+\[[a-z_()0-9]+\]) \* ([\d.]+)$")


def _steps(text: str, draft: Draft) -> str | None:
    """每新增1000万元产值奖励2万元, 增速每超过1个百分点给予20万元: so much per whole step of an increase, the
    increase being the one the clause names (a measure's rise over the year before; the growth rate above its
    threshold), with its cap and a base sum (在2万元的基础上, counted from the threshold). None when the increase
    or its threshold cannot be told: the sentence then stays with a person."""
    found = STEP.search(text)
    if not found:
        return None
    points = found["unit"] == "个百分点"
    size = plain(number(found["size"])) if points else _quantity(found["size"], found["unit"], "money")
    each = _quantity(found["each"], found["money"], "money")
    said = [c for c, _ in draft.conditions]
    base: str | None = None
    threshold: str | None = None
    if points:
        for c in said:
            if m := re.fullmatch(r"revenue_growth (>=|>) ([\d.]+)", c):
                base, threshold = "revenue_growth", m.group(2)
            elif m := GROWN.fullmatch(c):
                rate = plain((number(m.group(4)) - 1) * 100)
                base, threshold = f"(ratio({m.group(1)}, {m.group(3)}) - 1) * 100", rate
        if base is None or threshold is None:
            return None
        base = f"{base} - {threshold}"  # points above the threshold the clause sets
    else:
        named = [
            (attr, s0)
            for attr, kind, s0, e0 in measures(text)
            if kind == "money"
            and found.start() - (8 if found["named"] else 0) <= s0 < found.end() + len(found["after"])
        ]
        increases = [m for c in said if (m := INCREASE.fullmatch(c))]
        if named:
            attr, at = named[0]
            year = _year(text, at)
            col = _column(attr, year)
            if "[" not in col:
                return None
            base = f"{col} - {attr}[{PREVIOUS[year]}]"
            threshold = next((m.group(4) for m in increases if f"{m.group(1)} - {m.group(2)}" == base), None)
        elif len(increases) == 1:
            m = increases[0]
            base, threshold = f"{m.group(1)} - {m.group(2)}", m.group(4)
        else:
            return None
    formula = f"per_unit(steps({base}, {size}), {each})"
    if start := re.search(rf"在({NUMBER})(万元|元)的?基础上[,]?$", text[max(0, found.start() - 16) : found.start()]):
        if threshold is None or points:
            return None
        first = _quantity(start.group(1), start.group(2), "money")
        formula = f"{first} + per_unit(steps({base} - {threshold}, {size}), {each})"
    return _capped(formula, _cap(text[found.end() :]))


# 进出口额达到1亿元以上的，每1000万元给予3万元: so much per whole step of the level a threshold names (not of an
# increase: STEP reads those); never the step's size as the sum
LEVEL_STEP = re.compile(
    rf"(?<![增加长超出高量额])每(?P<size>{NUMBER})\s*(?P<unit>亿元|万元),?(?:给予|奖励|补助|补贴|资助|奖补)(?:一次性)?"
    rf"(?:奖励|补助|补贴)?(?P<each>{NUMBER})\s*(?P<money>万元|元)"
)


def _level_steps(text: str, draft: Draft) -> str | None:
    """The level is the one money measure the clause's threshold names (进出口额 >= 1亿元); None when there is not
    exactly one, or the step comes before it: the sentence then stays with a person."""
    found = LEVEL_STEP.search(text)
    if not found:
        return None
    said = [m.group(1) for c, _ in draft.conditions if (m := re.fullmatch(r"([a-z_]+\[[a-z_()0-9]+\]) >=? [\d.]+", c))]
    levels = set(said)
    named = [(a, s0) for a, kind, s0, _ in measures(text[: found.start()]) if kind == "money"]
    if len(levels) != 1 or not named:
        return None
    (level,) = levels
    if level.split("[")[0] not in {a for a, _ in named}:
        return None
    size = _quantity(found["size"], found["unit"], "money")
    each = _quantity(found["each"], found["money"], "money")
    return _capped(f"per_unit(steps({level}, {size}), {each})", _cap(text[found.end() :]))


def _per_visit(text: str, draft: Draft) -> bool:
    """累计达到1000人次以上的，按每人次20元给予奖励: the sum per visit over the visits the threshold counted (its
    proposed count in 人次), the threshold kept as the condition, the clause's money cap a ``min``."""
    m = re.search(rf"每人次(?:{GRANTS})?({NUMBER})(元|万元)", text)
    counted = [
        (c, name)
        for c, _ in draft.conditions
        if (name := c.split("[")[0].split(" ")[0]) in draft.proposed and draft.proposed[name]["unit"] == "人次"
    ]
    if m and not counted and (brought := re.search(r"组织([^,;。组]{0,10}?游客)", text[: m.start()])):
        # 对旅行社组织外地游客来本市旅游…按每人次20元: the visits of the tourists it brought, counted in the year;
        # which visits count (住宿1晚以上, 过夜) is part of what is counted, never dropped
        stay = re.search(rf"(住宿{NUMBER}(?:晚|夜)(?:及)?以上|过夜)", text[brought.end() : m.start()])
        name = draft.declare(brought.group(1) + (stay.group(1) if stay else ""), "人次", True, "integer")
        col = f"{name}[{_year(text, brought.start())}]"
        draft.add(f"{col} > 0", 0.6)
        counted = [(col, name)]
    if not m or len({name for _, name in counted}) != 1:
        return False
    col = counted[0][0].split(" ")[0]
    each = _quantity(m.group(1), m.group(2), "money")
    draft.spans.append(m.span())
    draft.amount = (_capped(f"per_unit({col}, {each})", _cap(text, draft)), 0.7)
    draft.handled.add(PER_UNIT)
    return True


def _reimbursed(text: str, draft: Draft) -> None:
    """对投保的企业，按实际支付的保费给予补贴: the sum paid itself, in full (no share is stated), on a base the
    schema lacks; paid when there is one."""
    m = re.search(
        r"按(?:照)?(?:用人单位|企业|单位|其)?(?:上一?年度|当年)?(?:实际)?(?:为其|为职工)?(?:缴纳|支付|发生)的?"
        rf"([^,;。\d%]{{2,30}}?)(?:{GRANTS})(?![^,;。]*(?:{PCT}|\d))",
        text,
    )
    base = next((name for words, name in PROPOSED_BASES if m and re.search(words, m.group(1))), None)
    if m is None or base is None or re.search(r"为其|招用|吸纳|期限", text):
        # 招用…毕业生…按实际为其缴纳的社会保险费给予补贴，补贴期限不超过6个月: the hires' insurance over a
        # period, not the firm's yearly sum: for a person
        return
    col = draft.propose(base)
    col = f"{col}[{_year(text, m.start(1))}]" if PROPOSED[base][3] else col
    draft.amount = (_capped(col, _cap(text, draft)), 0.7)
    draft.add(f"{col} > 0", 0.7)


# the handled mark of a yearly per-unit sum paid 连续N年, read as the sum over the years
YEARS_SUMMED = "years_summed"


def _year_said(words: str) -> str | None:
    """The year a phrase names itself (当年新注册的…), if any."""
    return next((year for word, year in YEAR_WORDS if word in words), None)


def _connected(text: str, draft: Draft) -> None:
    """The constructs the rules language grew for real policies (docs/formats.md, "Amounts"): per-unit amounts
    with count caps, interest as a share of LPR, 一事一议 within a stated cap, shares of a base the schema lacks
    (a proposed attribute). Each drafts the amount in its own form and marks the reason it settles as handled;
    what it cannot place stays for a person."""
    if draft.variants and (PER_UNIT in draft.handled or "share" in draft.handled):
        return  # (per-unit sums listed with 分别, one per kind, and shares per market are read already)
    # 每件资助X元，每年最多资助N件: per_unit over the patents granted in the year, never a fixed sum
    kinds = {k for k in PATENT_KINDS if re.search(k, text)}
    per_item = re.search(
        rf"(?:(?:新)?(?:获得)?授权的?({'|'.join(PATENT_KINDS)})[^;。]{{0,4}}?每件|每件(?:新)?(?:授权的?)?"
        rf"({'|'.join(PATENT_KINDS)}))(?:资助|奖励|补助|给予)?({NUMBER})(元|万元)",
        text,
    )
    if len(kinds) >= 2 and "分别" not in text:
        # 发明专利每件5000元；实用新型专利每件1000元: one per-unit benefit for each kind, each with its own sum
        variants: list[tuple[list[tuple[str, float]], tuple[str, float]]] = []
        # (当年获得授权的国内发明专利…，实用新型专利…: the year said before the first kind dates them all)
        granted = min(m.start() for k in kinds for m in [re.search(k, text)] if m)
        for kind in sorted(kinds, key=lambda k: text.find(k.split("(")[0])):
            own = re.findall(rf"{kind}[^;。每]{{0,10}}?每件(?:给予|资助|奖励|补助)?({NUMBER})(元|万元)", text)
            if len(own) != 1:
                variants = []
                break
            col = f"{draft.propose(PATENT_KINDS[kind])}[{_year(text, granted)}]"
            each = _quantity(own[0][0], own[0][1], "money")
            variants.append(([(f"{col} > 0", 0.8)], (f"per_unit({col}, {each})", 0.8)))
        if variants:
            draft.variants, draft.amount = variants, None
            draft.handled.add(PER_UNIT)
            return
    # PCT申请…进入国家阶段的，每件资助2万元: the applications that entered a national phase, not patents granted
    if entered := re.search(
        rf"(?:PCT|国际专利申请)[^;。]{{0,30}}?进入(?:国家|国外|外国)阶段[^;。]{{0,4}}?每件(?:资助|奖励|补助|给予)?"
        rf"({NUMBER})(元|万元)",
        text,
    ):
        col = f"{draft.propose('pct_national_phase')}[{_year_said(text[: entered.end()]) or 'last_year'}]"
        most = _count_cap(text[entered.end() :], "件|项")
        each = _quantity(entered.group(1), entered.group(2), "money")
        draft.amount = (
            _capped(f"per_unit({col}, {each}{', ' + most if most else ''})", _cap(text[entered.end() :], draft)),
            0.8,
        )
        draft.add(f"{col} > 0", 0.8)
        draft.handled.add(PER_UNIT)
        return
    if per_item and len(kinds) == 1:  # several kinds, each its own sum, are variants: left for a person
        name = PATENT_KINDS[next(iter(kinds))]
        col = f"{draft.propose(name)}[{_year(text, per_item.start())}]"
        most = _count_cap(text[per_item.end() :], "件|项")
        each = _quantity(per_item.group(3), per_item.group(4), "money")
        # 单个企业每年最高10万元 after the sum caps the firm's total, as for 每亩 below (it was dropped silently)
        firm_cap = _cap(text[per_item.end() :], draft)
        draft.amount = (_capped(f"per_unit({col}, {each}{', ' + most if most else ''})", firm_cap), 0.8)
        draft.add(f"{col} > 0", 0.8)
        draft.handled.add(PER_UNIT)
        return
    # 种植面积达到50亩以上的，按每亩100元给予补贴，最高20万元: per_unit over an area the schema lacks
    # (每亩一次性补贴200元: paid once, as 每亩补贴200元 is)
    # (每亩每年补贴50元: a yearly sum per 亩, paid for the year's area as 每亩 is)
    if m := re.search(
        rf"每亩(?:每年)?(?:一次性)?(?:给予|奖励|补贴|补助|资助|奖补)?(?:一次性)?({NUMBER})(元|万元)", text
    ):
        area = next((k for k in ("种植", "流转", "用地") if k in text), None)
        named = re.search(rf"([\u4e00-\u9fff]{{2,8}})面积(?:连片)?(?:达到|在)?({NUMBER})亩(\(含\))?(以上|及以上)", text)
        # (对新建标准化茶园面积连片在100亩以上的: the thing's own words after 新建/对, the area's 连片 after 面积)
        noun = named and re.split(r"新建|建设|对|的", named.group(1))[-1]
        # (集中连片种植粮食或蔬菜面积: crops between 种植 and 面积 keep it the planted area; a 种植基地's is its own)
        words = noun or ""
        crops = not re.search(r"(?:基地|园区?|场)$", words) and bool(re.search(r"种植|流转|用地", words))
        if named and noun and len(noun) >= 2 and not crops:
            # 新建连片面积达到500亩以上的…基地: the area the threshold names (a base's 连片面积, a stock), not the
            # yearly 种植面积 a 种植基地's name would suggest
            col = draft.declare(f"{noun}面积", "亩", False)
            draft.add(f"{col} >= {plain(number(named.group(2)))}", 0.7, named.span())
            each = _quantity(m.group(1), m.group(2), "money")
            draft.amount = (_capped(f"per_unit({col}, {each})", _cap(text, draft)), 0.7)
            draft.handled.add(PER_UNIT)
            return
        built = (
            None
            if named or area
            else re.search(
                rf"(?:新建|建设)?连片(?:新建|建设)?([\u4e00-\u9fff]{{0,10}}?)({NUMBER})亩(\(含\))?(以上|及以上)", text
            )
        )
        # (连片新建食用菌大棚30亩以上: the thing named after 连片新建; else the one the clause opens with)
        thing = built and (
            built.group(1)
            or re.split(
                r"符合|经(?=认定|批准|审核|验收|备案)|通过|按照|达到", re.split(r"[,、;]", text[: built.start()])[0]
            )[0]
        )
        thing = thing and re.sub(r"^(?:对|新建|建设)+", "", thing)
        if built and thing and 2 <= len(thing) <= 12 and not re.search(r"\d|企业|主体|单位|项目", thing):
            # 设施蔬菜温室大棚符合建设标准、连片新建100亩以上的，每亩补贴8000元: the area of the thing the clause
            # opens with, newly built in one piece (a stock, not a yearly planted area), paid per 亩 over it
            col = draft.declare(thing, "亩", False)
            draft.add(f"{col} >= {plain(number(built.group(2)))}", 0.7, built.span())
            each = _quantity(m.group(1), m.group(2), "money")
            draft.amount = (_capped(f"per_unit({col}, {each})", _cap(text, draft)), 0.7)
            draft.handled.add(PER_UNIT)
            return
        if area is None:
            _per_unit(text, draft)
            return
        name = {"种植": "planted_area", "流转": "transferred_land", "用地": "land_area"}[area]
        yearly = PROPOSED[name][3]
        # (当年流转土地…每亩60元: the year said before the area's own word dates it)
        year = _year(text, text.find(area)) if _year(text, text.find(area)) != "last_year" else _year(text, m.start())
        # (对当年新流转土地、集中连片种植…面积: a year said in the area's own phrase, before any comma, dates it)
        year = _year_said(re.split(r"[,;。]", text[: text.find(area)])[-1]) or year
        col = f"{draft.propose(name)}[{year}]" if yearly else draft.propose(name)
        # 集中连片100亩以上（含100亩）: the threshold on the area, its 含 written before or after 以上
        if least := re.search(
            rf"(?:面积|连片)(?:达到|在)?({NUMBER})亩(\(含[^)]{{0,8}}\))?(以上|及以上)(\(含[^)]{{0,8}}\))?", text
        ):
            draft.add(f"{col} >= {plain(number(least.group(1)))}", 0.7, least.span())
        elif band := re.search(
            rf"(?:面积|连片)(?:达到|在)?({NUMBER})亩(\(含\))?(?:至|-|—|~|到)({NUMBER})亩(\((?:不)?含\))?的", text
        ):
            # 流转面积100亩（含）至500亩（不含）的: a band of the area, its upper end kept only when said (含)
            draft.add(f"{col} >= {plain(number(band.group(1)))}", 0.7, band.span())
            upper = "<=" if band.group(4) == "(含)" else "<"
            draft.add(f"{col} {upper} {plain(number(band.group(3)))}", 0.7, band.span())
        else:
            draft.add(f"{col} > 0", 0.7)
        if term := re.search(
            rf"(流转|租赁|承包)期限?(?:在|为|达到)?({NUMBER})年(\(含[^)]{{0,6}}\))?(以上|及以上)", text
        ):
            # 流转期限5年以上（含5年）: how long the land is held, a condition of its own, never dropped
            name = draft.declare(f"{term.group(1)}期限", "年", False)
            draft.add(f"{name} >= {plain(number(term.group(2)))}", 0.7, term.span())
        per_mu = _quantity(m.group(1), m.group(2), "money")
        mu_cap = _cap(text, draft)
        summed = re.search(rf"连续(?:补贴|补助|支持|给予|奖补)?([{CN}\d])年", text)
        if summed and re.search(r"每亩每年|每年每亩", text):
            # 每亩每年补贴50元，连续补贴3年: the sum over the years (as 每人每年2万元连续3年 is read), a yearly cap
            # (每年…最高) times the years too
            mu_years = number(summed.group(1))
            per_mu = plain(number(per_mu) * mu_years)
            yearly_cap = re.search(r"每年[^,;。]{0,6}?最高|年度[^,;。]{0,4}?最高", text)
            mu_cap = plain(number(mu_cap) * mu_years) if mu_cap and yearly_cap else mu_cap
            draft.handled.add(YEARS_SUMMED)
        draft.amount = (_capped(f"per_unit({col}, {per_mu})", mu_cap), 0.7)
        draft.handled.add(PER_UNIT)
        return
    if (
        _per_unit_kinds(text, draft)
        or _per_unit_each_kind_listed(text, draft)
        or _per_visit(text, draft)
        or _per_country_of_filing(text, draft)
        or _per_unit(text, draft)
    ):
        return
    # 前两年给予全额租金补贴，后三年按60%给予补贴: a multi-year schedule of the year's rent, counted from entry
    years = rf"[{CN}\d]"
    if (
        (each_year := re.search(rf"按([^,;。\d]{{2,24}}?)的({PCT}),?连续({years})年", text))
        and (event := re.search(r"(完工|投产|竣工|入驻|落户)", text[: each_year.start()]))
        and not re.search(r"前[一二三两\d]年|后[一二三两\d]年", text)
    ):
        # 对…完工的项目，按企业技术改造后产生的地方新增财力的50%，连续3年奖补: the same share of the year's figure
        # each year of a period that starts at the event the clause names (a schedule over that period)
        noun = re.split(r"的", each_year.group(1))[-1]
        count, yearly_share = int(number(each_year.group(3))), percentage(each_year.group(2))
        if 2 <= len(noun) <= 10 and 1 < count <= 10 and yearly_share and 0 < yearly_share <= 1:
            col = f"{draft.declare(noun, '万元', True)}[last_year]"
            start = draft.declare(event.group(1), None, False, "date")
            shares = ", ".join([plain(yearly_share)] * count)
            draft.amount = (f"schedule({_capped(col, _cap(text, draft))}, [{shares}], years_since({start}) + 1)", 0.6)
            draft.add(f"{col} > 0", 0.6)
            draft.handled.add(SCHEDULE)
            return
    if (
        plan := re.search(
            rf"前({years})年[^,;。\d]{{0,10}}?(全额|{PCT})[^,;。]{{0,8}}?,?"
            rf"(?:后({years})年|第({years})(?:(?:至|到|-|—)({years}))?年)[^,;。\d]{{0,6}}?({PCT}|减半)",
            text,
        )
    ) and re.search(r"租金|房租", text):
        # (自起租之日起: the lease's start, a date of its own, as 自起租之日起每年按… is read)
        leased = re.search(r"自(起租|租赁)之日起", text)
        if not re.search(r"入驻|引进|落户", text) and not leased:
            return  # the period's start is not said: left for a person
        first = int(number(plan.group(1)))
        if plan.group(3):
            second = int(number(plan.group(3)))
        else:
            # 前两年…全额补贴，第三年减半: the years after the first ones named by their numbers, which must follow on
            low = int(number(plan.group(4)))
            second = int(number(plan.group(5) or plan.group(4))) - low + 1
            if low != first + 1 or second < 1:
                return
        share_1 = Decimal(1) if plan.group(2) == "全额" else percentage(plan.group(2)) or Decimal(0)
        share_2 = Decimal("0.5") if plan.group(6) == "减半" else percentage(plan.group(6)) or Decimal(0)
        if first + second > 10 or not (0 < share_1 <= 1 and 0 < share_2 <= 1):
            return
        col = f"{draft.propose('rent_paid')}[last_year]"
        shares = ", ".join([plain(share_1)] * first + [plain(share_2)] * second)
        start = draft.declare(leased.group(1), None, False, "date") if leased else draft.propose("settled_date")
        subsidised = col
        if area_cap := re.search(rf"(?:补贴|补助|资助)?面积(?:最高|最多)?不超过({NUMBER})平方米", text):
            # 补贴面积不超过2000平方米: the rent of that much of the area rented, never of all of it
            rented = re.search(r"(租赁|租用)([\u4e00-\u9fff]{2,10}?)(?:的|,)", text)
            area = draft.declare(f"{rented.group(1)}{rented.group(2)}面积" if rented else "租用面积", "平方米", False)
            most_area = plain(number(area_cap.group(1)))
            subsidised = f"{col} * ratio(min({area}, {most_area}), {area})"
            draft.spans.append(area_cap.span())
        draft.amount = (
            f"schedule({_capped(subsidised, _cap(text, draft))}, [{shares}], years_since({start}) + 1)",
            0.7,
        )
        draft.add(f"{col} > 0", 0.7)
        if "总部企业" in text:
            draft.add(draft.propose("hq_enterprise"), 0.7)
        draft.handled.add(SCHEDULE)
        return
    if _rent_by_numbered_years(text, draft) or _shares_over_years_from_start(text, draft):
        return
    # 地方财政贡献500万元以下的部分奖励10%，超过500万元的部分奖励20%: bands over a contribution the schema lacks
    if m := re.search(r"地方(?:财政|经济|财力)贡献", text):
        col = f"local_fiscal_contribution[{_year(text, m.start())}]"
        increase = re.match(rf"(?:额)?(?:的)?(?:增量|新增部分|增长部分)(?:部分)?的?({PCT})", text[m.end() :])
        if increase and (increase_share := percentage(increase.group(1))) is not None and draft.amount is None:
            # 按其对地方财政贡献增量的30%: a share of the increase over the year before, paid only when there is one
            year = col.split("[")[1].rstrip("]")
            before = f"local_fiscal_contribution[{PREVIOUS[year]}]"
            draft.propose("local_fiscal_contribution")
            draft.amount = (_capped(f"({col} - {before}) * {plain(increase_share)}", _cap(text, draft)), 0.7)
            draft.add(f"{col} > {before}", 0.7)
            draft.handled.add("share")
            return
        if banded := _progressive(text, col):
            draft.propose("local_fiscal_contribution")
            draft.amount = banded
            draft.add(f"{col} > 0", 0.7)
            draft.spans.append((m.start(), len(text)))  # the bands' own numbers are no thresholds
        elif (
            least := re.search(
                rf"地方(?:财政|经济|财力)贡献(?:额)?(首次)?({CMP})?({NUMBER})(亿元|万元)({SUFFIX})?", text[m.start() :]
            )
        ) and (op := _op(least.group(2), least.group(5))):
            value = _quantity(least.group(3), least.group(4), "money")
            draft.propose("local_fiscal_contribution")
            span = (m.start() + least.start(), m.start() + least.end())
            draft.add(f"{col} {op} {value}", 0.7, span)
            if least.group(1) and op in (">=", ">"):
                # 首次超过1000万元: crossed this time, below it the year before (as any first crossing)
                year = col.split("[")[1].rstrip("]")
                draft.add(f"local_fiscal_contribution[{PREVIOUS[year]}] {'<' if op == '>=' else '<='} {value}", 0.7)
            if not draft.variants:
                draft.amount = _amount(text, draft)  # read again, the threshold's number now taken
        return
    # 按LPR的X%给予贴息，单户年度贴息不超过Y万元: X% of the interest the loan bears at LPR, capped; a share of the
    # 基准利率 (同期同档次贷款基准利率的50%) is read the same way, at that rate
    if m := re.search(
        # (按其新增贷款合同签订日LPR的10%给予一年期贴息: the day the rate is read on, and one year's interest)
        # (按不高于上年末一年期LPR的40%: a bound on the share, and the year-end rate it is read at;
        # 按贷款发生时一年期LPR的50%: the moment of the loan, said with 时)
        rf"按照?(?:其)?(?:[^,;。\d%]{{0,14}}?(?:签订日|发放日|放款日|当期|当月|(?:发生|发放|签订|放款)时))?(?:不超过|不高于)?(?:上一?年年?末)?"
        rf"{PUBLISHED}(?:{LPR}|({BENCHMARK}))"
        # (予以一年贴息: one year's interest, as 一年期贴息 is)
        rf"(?:计算的?(?:贷款)?利息)?的({PCT})(?:给予|进行|予以)?(?:一年期?)?(?:财政)?贴息|"
        rf"贴息比例为(?:不超过)?(?:{LPR}|({BENCHMARK}))的({PCT})|"
        # 按贷款基准利率给予全额贴息 (参照一年期贷款基准利率…): the whole interest at that rate
        rf"(?:按照?|参照){PUBLISHED}(?:{LPR}|({BENCHMARK}))(?:给予|予以)?(?:财政)?全额贴息",
        text,
    ):
        at = "loan_interest_at_benchmark" if m.group(1) or m.group(3) or m.group(5) else "loan_interest_at_lpr"
        # (企业当年设备投资达到500万元以上的，其设备购置贷款按…: the loans of the year the clause dates)
        dated = "this_year" if re.search(r"当年|本年度", text[: m.start()]) else "last_year"
        col = f"{draft.propose(at)}[{dated}]"
        whole = m.group(0).endswith("全额贴息")
        m = re.search(rf"({PCT})", m.group(0)[m.group(0).rfind("的") :]) or m
        share = "1" if whole else plain(percentage(m.group(1)) or Decimal(0))
        # the cap on the subsidy, not on the loan (单户贷款金额最高1000万元 bounds the loan): 贴息…最高, or a 最高 of
        # its own after the share
        cap = re.search(
            rf"贴息(?:金额|总额)?(?:不超过|最高(?:限额)?(?:不超过)?|上限为?)({NUMBER})(亿元|万元)", text
        ) or re.search(
            # 单个企业每年最高50万元, 单户年度贴息最高: the yearly cap of one claimant's subsidy
            rf"[,;](?:单个(?:企业|主体|项目)|[每单]家企业|单户(?:企业)?|每户)?(?:每年|年度|当年)?(?:贴息)?最高(?:补助|补贴)?"
            rf"(?:不超过)?({NUMBER})(亿元|万元)",
            text[m.end() :],
        )
        limit = _quantity(cap.group(1), cap.group(2), "money") if cap else None
        at_rate = col if share == "1" else f"{col} * {share}"
        if bounded := re.search(
            rf"(?:贴息)?贷款(?:额度|金额|本金)(?:最高(?:不超过)?|不超过|上限为?)({NUMBER})(亿元|万元)(?![的以])", text
        ):
            # 单个主体年度贴息贷款额度最高不超过300万元 bounds the loan, not the subsidy: the interest on the part of
            # the loan within the bound (it was dropped, so every loan's whole interest was paid on)
            loan = f"{draft.propose('loan_amount')}[{dated}]"
            bound = _quantity(bounded.group(1), bounded.group(2), "money")
            at_rate = f"{at_rate} * min({loan}, {bound}) / {loan}"
            draft.spans.append(bounded.span())
        elif not cap and re.search(rf"贴息额度(?:最高)?(?:不超过|为)?{NUMBER}(?:亿元|万元)", text):
            # 每户贷款贴息额度不超过300万元: the loan's or the subsidy's ceiling, the words do not say (it was dropped)
            draft.unread.append("贴息额度上限须人工确定：贷款额度还是贴息金额")
        capped = _capped(at_rate, limit)
        # 实际利率低于基准利率的按实际利率贴息: at most the interest actually paid
        at_actual = re.search(r"利率低于[^,;。]{0,12}?的?,?按(?:照)?实际(?:贷款)?利率", text)
        if at_actual:
            capped = f"min({', '.join([at_rate, 'loan_interest_paid[last_year]', *([str(limit)] if limit else [])])})"
        # the loan's interest at that rate is the base: neither the new loans nor the interest actually paid
        draft.conditions = [
            (c, k) for c, k in draft.conditions if not c.startswith(("new_loans", "loan_interest_paid"))
        ]
        draft.amount = (capped, 0.7)
        if not draft.conditions and re.match(r"对[^,;。\d]{2,30}?的(?:企业|单位|主体),", text):
            # 对入选智能制造试点示范项目的企业，按其…LPR的10%: who may claim, named in words no attribute reads, is a
            # yes-or-no fact in those words, never dropped
            _claimant(text, draft, text.find(","))
        elif not draft.conditions and (
            lent := re.match(r"对([^,;。\d]{2,20}?(?:企业|单位|主体))的(?:贷款|借款),", text)
        ):
            # 对劳动密集型企业的贷款，按…基准利率的50%: the loans' holder, named in words no attribute reads, claims
            draft.add(draft.declare(lent.group(1), None, False, "boolean"), 0.5, lent.span(1))
        draft.add(f"{col} > 0", 0.7)
        # (…新增的、利率不高于同期LPR上浮50个基点的银行贷款: the loans' rate, its 贷款 said after it)
        if bp := re.search(rf"(?:贷款)?利率(?:不高于|不超过){LPR}(?:上浮|加)(\d+)个基点", text):
            draft.add(f"{draft.propose('loan_rate_over_lpr_bp')}[last_year] <= {bp.group(1)}", 0.7, bp.span())
            draft.handled.add(RAISE)  # 上浮N个基点 is the rate condition, not a raise of another clause's amount
        elif re.search(r"贷款利率|基点", text) and not at_actual:
            return  # a rate condition in another form: left for a person
        size = re.search(
            rf"贷款(?:金额|额度|额)在?(不低于|不少于|达到)?({NUMBER})(亿元|万元)(以内|以上|及以上)?(\(含\))?", text
        )
        if size and (size.group(1) or size.group(4)):
            # 以内/以上/不低于 include the number (民法典 第一千二百五十九条)
            value = _quantity(size.group(2), size.group(3), "money")
            op = "<=" if size.group(4) == "以内" else ">="
            draft.add(f"{draft.propose('loan_amount')}[last_year] {op} {value}", 0.7, size.span())
        if "新型农业经营主体" in text:
            draft.add(draft.propose("new_agri_operator"), 0.7)
        if term := re.search(rf"({NUMBER})年期(以上|及以上)[^,;。\d]{{0,6}}?贷款", text):
            draft.add(f"{draft.propose('loan_term')} >= {plain(number(term.group(1)))}", 0.7, term.span())
        draft.handled.add(LPR_REASON)
        return
    # a ranking the firm belongs to (世界500强企业区域总部): a yes-or-no attribute, its number no threshold
    if rank := re.search(r"(世界|中国)(?:企业)?500强(?:企业)?(?:的)?(区域总部|地区总部)?", text):
        name = "world_top" if rank.group(1) == "世界" else "china_top"
        name += "_regional_hq" if rank.group(2) and name == "world_top" else "_company"
        draft.add(draft.propose(name), 0.6, rank.span())
        draft.handled.add(RANKING)
    # 一事一议, 最高X万元: an amount a reviewer sets within the stated cap
    if "一事一议" in text:
        if m := re.search(rf"总投资({NUMBER})(亿元|万元)(以上|及以上)", text):
            value = _quantity(m.group(1), m.group(2), "money")
            draft.add(f"{draft.propose('project_investment')} >= {value}", 0.7, m.span())
        if not draft.conditions and re.match(r"对|凡", text):
            _claimant(text, draft, text.find(","))
        if not draft.conditions:
            return  # who may be considered is a judgement the text leaves open: the sentence goes to a person
        if re.search(rf"(?:不超过|不高于|最高)[^,;。]{{0,14}}?的?{PCT}", text):
            return  # 一事一议 within a share of the investment: a cap no number states, left for a person
        # (一事一议…给予100万元至500万元支持: the range's top is its cap, as a range alone is read, ``_amount``)
        ranged = draft.amount if draft.amount and draft.amount[0].startswith("manual(") else None
        draft.amount = ranged or (f"manual({_cap(text, draft) or ''})", 0.7)
        draft.variants = []
        draft.handled.add(CASE_BY_CASE)
        return
    # 按实际募资净额的X%给予最高Y万元奖励
    if m := re.search(rf"按(?:实际)?募资净额的({PCT})", text):
        col = draft.propose("ipo_net_proceeds")
        draft.amount = (_capped(f"{col} * {plain(percentage(m.group(1)) or Decimal(0))}", _cap(text, draft)), 0.7)
        draft.add(f"{col} > 0", 0.7)
        draft.handled.add("share")
        return
    # 按不超过其总投入的30%给予支持，最高100万元: a share of a base the schema lacks, as a proposed attribute
    found = (
        re.search(
            # (按认定后第一年度产品销售合同金额的5%: a period named before the sum is part of its words)
            rf"按照?(?:不超过)?(?:其|企业)?(?:实际|当年)?(?:发生|支付|缴纳)?(?:的)?([^,;。]{{0,14}}?|[^,;。]{{0,8}}?后"
            rf"第[一二三\d](?:个)?(?:年度|年)[^,;。]{{2,12}}?)的?({PCT})",
            text,
        )
        # 每年按租赁额的3个百分点给予补贴: points of a sum, a share as % is
        or re.search(rf"按照?(?:其)?(?:实际)?([^,;。\d]{{2,14}}?)的({NUMBER}个百分点)(?=给予|予以)", text)
        # 根据项目购置仪器设备和软件金额给予最高15%的资助
        or re.search(
            rf"(?:根据|依据)(?:项目)?(?:实际)?(?:购置)?(?:的)?([^,;。\d]{{2,14}}?)给予(?:最高|不超过)?({PCT})", text
        )
        # 给予其实际支付检测费用50%的补助
        or re.search(
            # (给予不超过项目固定资产投资额6%、最高1000万元的投资补助: the cap said between the share and the grant)
            rf"给予(?:不超过)?(?:其|企业)?(?:实际|当年)?(?:发生|支付|缴纳)?(?:的)?([^,;。\d]{{2,14}}?)的?({PCT})"
            rf"(?:、(?:最高|不超过){NUMBER}(?:亿元|万元|元))?的?(?:投资)?(?:{AWARD}|奖励)",
            text,
        )
        # 补助标准为服务合同金额的30%: the grant's standard said as a share of a named sum
        or re.search(rf"(?:补助|奖励|资助|补贴|奖补)标准为(?:不超过)?([^,;。\d]{{2,14}}?)的({PCT})", text)
        # 对其自缴保费部分再给予20%的补贴: the base named after 对, then the grant and its share
        or re.search(rf"对(?:其)?([^,;。\d]{{2,12}}?)(?:部分)?,?(?:再|另行?)?给予({PCT})的?(?:{AWARD}|奖补|奖励)", text)
    )
    base = found and next((name for words, name in PROPOSED_BASES if re.search(words, found.group(1))), None)
    if found and base and re.search(r"费、", found.group(1)):
        return  # 按评估费、担保费的50%: two bases of one share, never one of them alone (left for a person)
    if found and base == "social_insurance_paid" and re.search(r"为其|招用|吸纳|安置", text) and "期限" in text:
        # 吸纳就业困难人员的，按企业为其实际缴纳社会保险费的60%…补贴期限最长不超过3年: the hires' insurance, each
        # over their own period, not the firm's yearly sum (as 按实际为其缴纳的社会保险费 above): for a person
        return
    if found and base and not re.search(r"未通过|未获|未能", text):
        if m := re.search(r"(国家级|省级|市级)工业设计中心", text):
            level = {"国家级": "national", "省级": "prov", "市级": "city"}[m.group(1)]
            draft.add(f"{draft.propose(f'cert_design_center_{level}_year')} == last_year", 0.7, m.span())
        incurred = {
            "insurance_premium": "投保|保险",
            "rent_paid": "租|入驻",
            "guarantee_fees": "担保",
            "booth_fees": "展|交易会|博览会|广交会|华交会|进博会",
        }
        incurred |= {"certification_fees": "认证", "testing_fees": "检测|检验", "training_fees": "培训"}
        claimant = re.match(r"对[^,;。]{2,}的", text[: found.start()])
        # (对企业购买的专利保险，按保费: what the claimant bought, named after its 的, is what the base is paid on)
        head = re.match(r"对[^,;。]{2,}", text[: found.start()])
        if (
            not draft.conditions
            and claimant
            and not re.search(incurred.get(base, "^$"), head.group(0) if head else claimant.group(0))
        ):
            return  # who may claim is named in words no rule reads (对按时还本付息的合作社): left for a person
        # the clause's own word for the base is its label (保险费 where the clause says it, not 保费)
        own_word = next(
            m.group(0) for words, name in PROPOSED_BASES if name == base and (m := re.search(words, found.group(1)))
        )
        label = own_word if PROPOSED[base][0] not in found.group(1) else None
        col = f"{draft.propose(base, label)}[{_year(text, found.end(1))}]"
        if base == "guarantee_fees":
            # 获得的银行担保贷款，按担保费的50%: the fee is paid on the loan; the loan is no condition of its own
            draft.conditions = [(c, k) for c, k in draft.conditions if not c.startswith("new_loans")]
        rate = plain(_share_of(found.group(2)))
        draft.amount = (_capped(f"{col} * {rate}", _cap(text, draft), _floor(text)), 0.7)
        draft.add(f"{col} > 0", 0.7)
        draft.handled.add("share")
    elif (
        found
        and draft.amount is None
        and not draft.variants
        and not re.search(r"未通过|未获|未能|利率|LPR|标准(?!为)", text)
    ):
        _declared_share(text, found, draft)


def _share_of(said: str) -> Decimal:
    """20% or 3个百分点 (of a sum, not of a rate) as a fraction."""
    if points := re.fullmatch(rf"({NUMBER})个百分点", said):
        return number(points.group(1)) / 100
    return percentage(said) or Decimal(0)


def _bigrams(words: str) -> set[str]:
    return {words[i : i + 2] for i in range(len(words) - 1)} - {"企业", "单位", "实际", "项目", "给予", "开展"}


# a year said right before a recognition (上年度新认定, 当年首次获评): the recognition's year, never a sum's
DATED_RECOGNITION = re.compile(
    r"(?:上一年度|上年度|上年|前一年度|当年度|当年|本年度)(?=(?:新|首次)?(?:认定|获评|评为|列入|纳入|入选|获得))"
    # (列入上年度省首台（套）…目录: said right after the listing, the listing's year too)
    r"|(?<=认定|获评|评为|列入|纳入|入选)(?:上一年度|上年度|前一年度|当年度|本年度)"
)


def _declared_share(text: str, found: re.Match[str], draft: Draft) -> None:
    """按软件和信息服务收入的5%, 按担保额的1%: a share of a sum no table names, proposed in the clause's words.
    The claimant must be the one who has that sum (对开展融资担保业务的机构 … 按担保额): a claimant named in other
    words (对开展智能化改造的企业 … 按项目实际投资) is a condition no rule reads, left for a person."""
    # (按该产品首台（套）销售价格的10%: the product the clause named, no word of the sum's own name)
    words = re.sub(r"^(?:其|该(?:产品|项目|设备|装备)?)", "", found.group(1))
    words = re.sub(r"^(?:项目)?(?:实际)?(?:完成|发生|支付|缴纳|获得(?!投资|融资))?(?:的)?", "", words)
    # 认定后第一年度产品销售合同金额: the period after an event dates the sum for a person, its words name it
    words = re.sub(r"^[^,;。]{0,8}?后第[一二三\d](?:个)?(?:年度|年)", "", words)
    # (对企业在质押贷款中自行承担的评估费用, 对企业办理知识产权质押融资发生的评估费: the sum named after what the
    # claimant did to bear it)
    named = re.match(
        r"对(?:企业)?[^,;。\d]{0,16}?(?:自行)?(?:实际)?(?:发生|支付|缴纳|投入|承担)的([^,;。\d]{2,12}?(?:费用|费|支出))[,;]",
        text,
    )
    by_name = words in ("", "额", "金额", "发生额", "支出额") and named is not None
    if by_name and named:
        words = named.group(1)  # 对企业发生的技术开发费用，按实际发生额的10%: the sum the claimant was named by
    # 购买…科技服务的，按服务合同实际支付金额的50%: the sum is what the service the claimant bought cost (a year's
    # spending, read for the last one as any undated 实际支付 is)
    bought_service = re.search(r"购买[^,;。]*([\u4e00-\u9fff]{2}服务)的,?$", text[: found.start()])
    bought_service = (
        bought_service if re.match(r"服务(?:合同)?(?:实际)?(?:支付|发生)?(?:的)?(?:金额|费用|费)$", words) else None
    )
    if bought_service:
        words = f"{bought_service.group(1)}费用"
    # (按其销售价格的8%: the price a product sold for is a sum as well)
    # (按购房合同价款的20%: what a home cost is a sum too; 按实际发行规模的2‰: the size of an issue is its sum)
    named_sum = re.search(rf"(?:{MONEY_NOUN}|费|价格|价款|房款|(?:发行|融资|募集)规模)$", words)
    if not (2 <= len(words) <= 12) or not named_sum or re.search(r"\d", words):
        return
    granted = re.match(r"(?:补助|奖励|资助|补贴|奖补)标准", found.group(0))  # (补助标准为X的30%: said before)
    granted = granted or re.search(rf"(?:{AWARD}|奖励)$", found.group(0))  # (给予X的6%的投资补助: said after)
    # (按发行金额0.5‰的比例对中介服务费用给予补助: what the sum pays for, named between the share and its verb)
    if not granted and not re.match(
        r"(?:[^,;。]{0,4}?|的?比例对[^,;。\d]{2,12}?(?:费用|费))(?:给予|奖励|补助|补贴|资助|奖补|支持)",
        text[found.end() :],
    ):
        return  # a share that is no grant (按无形资产成本的200%在税前摊销): a tax rule, not this reading
    if "美元" in text:
        return  # 按到账额的2% after a 美元 figure: a share of it paid in 元 needs an exchange rate (to a person)
    claimant = re.match(r"对([^,;。]{2,})的", text[: found.start()])
    # (对项目建设新增的生产设备，按设备实际购入价格: the thing named after 的 is the claimant's too)
    whole = re.match(r"对([^,;。]{2,})", text[: found.start()])
    shared = _bigrams(claimant.group(1) if claimant else "") | _bigrams(whole.group(1) if whole else "")
    # (对…购买自用办公用房的，按购房价款的2%: who bought a thing has its price, however each is worded)
    bought = re.search(r"购买|购置", claimant.group(1) if claimant else "") and re.search(r"价款|房款|价格", words)
    # (对经省级认定的数字化车间，按项目合同金额的10%: a facility or project recognised is who claims, its title a
    # yes-or-no fact in the clause's words, and the sum is that project's own)
    recognised = re.match(
        r"对经(?:国家|省|自治区|市|区|县)?级?(?:[^,;。\d的]{0,6}?)?认定的([^,;。\d]{2,10}?)(?:项目)?,$",
        text[: found.start()],
    )
    if not draft.conditions and recognised and re.search(r"合同|项目|投资|建设|购置", words):
        draft.add(draft.declare(recognised.group(1), None, False, "boolean"), 0.6, recognised.span(1))
        name = draft.declare(re.sub(r"^项目", "", words), "万元", False)
        draft.amount = (_capped(f"{name} * {plain(_share_of(found.group(2)))}", _cap(text, draft), _floor(text)), 0.6)
        draft.add(f"{name} > 0", 0.6)
        draft.handled.add("share")
        return
    # 对…组织实施并通过市知识产权局验收的专利导航项目，按项目实际投入的50%: a project accepted is who claims (the
    # year it was accepted, as a title's year), and the sum is that project's own, named as the clause names it
    accepted = re.match(r"对[^;。]*?通过[^,;。\d]{0,12}?验收的([^,;。\d]{2,10}?)(?:项目)?,$", text[: found.start()])
    if not draft.conditions and accepted and re.search(r"投入|投资|合同|费用", words):
        year = "this_year" if re.search(r"当年|本年度", text[: accepted.start(1)]) else "last_year"
        done = draft.declare(f"{accepted.group(1)}验收年份", "年", False, "integer")
        draft.add(f"{done} == {year}", 0.6, accepted.span(1))
        name = draft.declare(re.sub(r"^(?:其|该)?项目", "", found.group(1)), "万元", False)
        draft.amount = (_capped(f"{name} * {plain(_share_of(found.group(2)))}", _cap(text, draft), _floor(text)), 0.6)
        draft.add(f"{name} > 0", 0.6)
        draft.handled.add("share")
        return
    if not draft.conditions and claimant and not by_name and not shared & _bigrams(words) and not bought:
        return
    # (对上年度新认定为首台（套）…的产品，按其销售价格: the year dates the recognition, not the price)
    undated = DATED_RECOGNITION.sub("", text)
    said = next((y for w, y in YEAR_WORDS if w in undated), None)
    if (
        said is None
        and re.search(r"(?:经费|费用|费|支出|发行金额|发行额|发行规模)$", words)
        # (单一企业年度补助不超过8万元: the same yearly ceiling; 每家企业年度内不超过100万元 on what it issued)
        and re.search(r"(?:每年|年度内?)(?:补助|资助|奖励|补贴)?(?:最高|最多|不超过|补助|资助)", text)
    ):
        said = "last_year"  # 按实际支付合作经费的25%…每年最高20万元: a yearly grant on the year's spending
    elif said is None and bought_service:
        said = "last_year"
    elif said is None and (words.startswith("年化") or re.search(r"新发生", text[: found.start()])):
        # 按年化担保额的0.5%, 新发生的…担保业务，按担保金额: the business of a year, read for the last one
        said = "last_year"
    elif said is None and re.search(r"每年按", text[: found.start() + 2]):
        said = "last_year"  # 租赁期内每年按租赁额的3个百分点: each year's grant on that year's sum
    elif said is None and re.search(r"年度[\u4e00-\u9fff]{0,6}?(?:余额|发生额|总额)", words):
        said = "last_year"  # 按该项业务年度平均余额的1‰: a figure of a year, read for the last one
    elif said is None and re.search(r"费(?:用)?$", words) and re.search(r"新(?:取得|获得|获)", text[: found.start()]):
        # 对新取得国际商标注册的…按注册费的60%: the fee of what the claimant newly obtained, that year's
        said = "last_year"
    # (上年度技术合同实际到款额: the year is the column's, not part of the quantity's name)
    dated = re.sub(rf"^(?:{'|'.join(w for w, _ in YEAR_WORDS)})", "", words)
    words = dated if len(dated) >= 2 and said is not None else words
    # (the document's full-width brackets, 首台（套）, as an officer reads the label)
    name = draft.declare(words.replace("(", "（").replace(")", "）"), "万元", said is not None)
    col = f"{name}[{said}]" if said else name
    rate = plain(_share_of(found.group(2)))
    draft.amount = (_capped(f"{col} * {rate}", _cap(text, draft), _floor(text)), 0.6)
    draft.add(f"{col} > 0", 0.6)
    draft.handled.add("share")


def _propose_used(text: str, draft: Draft) -> None:
    """Every quantity the schema lacks that a drafted rule uses is proposed, labelled in the clause's own words;
    a share or increment of one is then read (the reason to leave it for a person is settled)."""
    rules = [c for c, _ in draft.conditions] + [c for own, _ in draft.variants for c, _ in own]
    amounts = ([draft.amount[0]] if draft.amount else []) + [a for _, (a, _) in draft.variants]
    words = {attr: text[start:end] for attr, _, start, end in reversed(measures(text))}
    for name in PROPOSED:
        used = re.compile(rf"\b{name}\b")
        if name in draft.proposed or not any(used.search(r) for r in rules + amounts):
            continue
        draft.propose(name, words.get(name))
        if any(used.search(a) for a in amounts):
            draft.handled.add("share")


# another clause's standard raised or scaled (docs/formats.md, "Amounts", award): 在前款奖励标准基础上上浮50%,
# 在省级奖励标准基础上加倍, 奖励标准上浮20%执行 (this clause's own), 按工业类项目奖励标准的80%给予奖励. The words naming
# the standard, 奖励/标准 dropped, stand for it until a document resolves them (``draft._resolve_awards``).
STANDARD = r"(?:奖励|奖补|补助|补贴|资助|支持)?(?:金额|额度)?标准"
RAISES = (
    re.compile(
        rf"在(?P<ref>[^,;。]{{1,16}}?)(?:奖励|奖补|补助|补贴|资助)?(?:金额|额度)?(?:标准)?的?基础上,?"
        rf"(?:奖励|奖补|补助|补贴|资助)?(?:金额|额度)?再?(?:(?:上浮|提高|增加)(?P<pct>{PCT})|(?P<double>加倍))"
    ),
    # (在线下展览补贴基础上再给予10%的上浮补助: the raise said as a grant of the share, its kind after it)
    re.compile(
        rf"在(?P<ref>[^,;。]{{1,16}}?)的?基础上,?再?给予(?P<pct>{PCT})的(?:上浮|提高|增加)(?:补助|奖励|补贴|资助|奖补)"
    ),
    # (补助金额上浮20%: the clause's own sum, raised, as its 标准 is)
    re.compile(rf"(?P<ref>)(?:{STANDARD}|(?:奖励|奖补|补助|补贴|资助)(?:金额|额度))再?上浮(?P<pct>{PCT})"),
    re.compile(rf"按照?(?P<ref>[^,;。按]{{1,16}}?){STANDARD}的(?P<pct>{PCT})"),
    # 按本政策第八条标准执行: another article's standard as it is (only an article cited by number: 按规定标准执行 names
    # none; the reading text hides the citation as ※)
    re.compile(
        rf"(?:按照?|参照|比照)(?:(?:本(?:政策|办法|措施|细则|意见|规定))?(?P<ref>第[{CN}\d]+条)|※+)(?:规定的?)?"
        rf"{STANDARD}(?P<same>执行|给予(?:奖励|补助|补贴|支持|资助|奖补))"
    ),
    # 奖励标准同第八条, 补助标准参照本办法第八条执行
    re.compile(
        rf"{STANDARD}(?:同|参照|比照|按照?)(?:(?:本(?:政策|办法|措施|细则|意见|规定))?(?P<ref>第[{CN}\d]+条)|※+)"
        rf"(?P<same>(?:规定)?(?:执行)?)(?=[,;。]|$)"
    ),
)
# who a raise or 一事一议 is for, when no attribute reads it: the clause's own words, as a yes-or-no attribute
CLAIMANT = re.compile(r"(?:对|凡)?(?P<who>[^,;。]{2,30}?)(?:的(?:企业|单位|主体))?,")


def _raise(plain_text: str, text: str) -> tuple[str, tuple[int, int]] | None:
    """The raise's amount (award of the standard it names × the share) and its span in ``text``."""
    for pattern in RAISES:
        found, here = pattern.search(plain_text), pattern.search(text)
        if not found or not here:
            continue
        if found.groupdict().get("double") or found.groupdict().get("same") is not None:
            share: Decimal | None = Decimal(1)  # 加倍: as much again; 按第八条标准执行: as much
        else:
            share = percentage(found.group("pct")) if found.groupdict().get("pct") else None
        if not share or share > 10:
            return None
        ref = re.sub(r"^(?:按照?|在)", "", found.group("ref") or "") or "本条"
        if re.fullmatch(r"现有|原有|现行|目前|当前", ref):
            return None  # 省出资额在现有基础上提高25%: a body's own funding grown, no standard of any benefit
        if re.search(r"工资|薪酬|收费|价格|电价|利率|社会平均|社平|物价", ref):
            return None  # 按当地最低工资标准的70%: a figure set outside the policy, no benefit of its own
        return f'award("{ref}") * {plain(share)}', here.span()
    return None


def _claimant(text: str, draft: Draft, end: int) -> None:
    """A claimant no attribute reads (对列入重点产业链的企业, 对特别重大的招商项目): a yes-or-no attribute labelled with
    the clause's words, so the benefit states who may claim instead of going without a condition."""
    head = text[: max(end, 0)].rstrip(",")
    found = CLAIMANT.fullmatch(head + ",") if head else None
    if not found or re.search(r"\d|※|一事一议", found.group("who")):
        return
    draft.add(draft.declare(found.group("who"), None, False, "boolean"), 0.5, found.span("who"))


RENEWAL = r"(?:通过)?(?:重新认定|复审|复核)"
# 省级20万元 after a first level's sum (…给予50万元补助，省级20万元): a level and its sum alone
LEVEL_SUM = r"(?:国家级|自治区级|省级|市级|区级|县级)(?=\d+(?:\.\d+)?万元(?:[,，;；。]|$))"
# a first certification after a renewal's half (对通过复审的…，给予5万元；首次通过认定的，给予20万元)
FIRST = r"(?:首次|新)(?:通过)?(?:认定|获评|评定|获批)"  # (新获批省级企业技术中心的，给予Y)


def _each_claimant(text: str, subject: str) -> Draft | None:
    """对A，给予X；对B，给予Y: one benefit per claimant, as a document reads the two halves (its sentences split at
    ；), so a clause drafts alike alone and in its document. Every half must read whole, else None."""
    # (对A，给予X，对B给予Y: a comma before the second 对 divides them as well, and one before a renewal or a
    # second title's first certification: 对新认定的A奖励X，新认定的B奖励Y)
    parts = [
        p
        # (…的扶持X，列入B的扶持Y: a comma before a parallel 列入 half too)
        for p in re.split(
            rf"[；;]|[，,](?=对|{RENEWAL}(?:通过)?的|{FIRST}的|(?:被)?列入[^,，;；。]{{2,24}}?的|{LEVEL_SUM})",
            text.strip().rstrip("。"),
        )
        if p.strip()
    ]
    # (…每立方米100元；…每立方米150元；单个主体补助最高不超过60万元: a last part that is only the claimant's cap
    # is every half's, no half of its own)
    shared_cap = re.fullmatch(
        # (同一主体补助总额不超过60万元: the same cap said of the total)
        r"\s*(?:单个主体|单户|每户|单个企业|单家企业|同一主体)(?:每年|年度)?(?:补助|补贴|奖补|资助|奖励)?(?:金额|资金|总额)?"
        r"(?:最高(?:不超过)?|不超过)(\d+(?:\.\d+)?)万元\s*",
        parts[-1] if len(parts) >= 3 else "",
    )
    parts = parts[:-1] if shared_cap else parts
    if len(parts) < 2:
        return None
    # (…给予50万元补助，省级20万元，市级10万元: another level's sum alone, said as 省级的，给予20万元 says it)
    parts = [parts[0], *(re.sub(rf"^\s*({LEVEL_SUM})", r"\1的，给予", p) for p in parts[1:])]
    # 对新认定的国家级企业技术中心，给予X；省级的，给予Y (获批省级的, 认定为省级的): the first claimant at another level
    first_level = re.match(
        rf"\s*(?:对|凡)([^,，]*?)({LEVEL_WORDS.replace('|国家|', '|')})([^,，]*?)(?:[,，]|(?=给予|奖励|补助|资助))",
        parts[0],
    )
    for i in range(1, len(parts)):
        other = re.match(
            r"\s*(?:获批|认定为|被认定为|获评|评为|新认定为)?(国家级|自治区级|省级|市级|区级|县级)的[,，]", parts[i]
        )
        if first_level and other and other.group(1) != first_level.group(2):
            who = f"对{first_level.group(1)}{other.group(1)}{first_level.group(3)}"
            parts[i] = f"{who}，{parts[i][other.end() :]}"
    # a later half may leave out its claimant: a renewal of the first half's certificate (重新认定的，给予Y) or the
    # next threshold of its measure (首次突破5亿元的，给予Y), read as the document reads such a sentence
    later = [
        bool(re.match(r"\s*(?:对|凡)", p))
        or bool(re.match(rf"\s*(?:{RENEWAL}|{FIRST})", p))
        or _bare(p)
        or bool(FURTHER.fullmatch(_plain(p).strip()))  # 进入创新层的，再给予Y: a benefit of its own beside the first
        for p in parts[1:]
    ]
    first = bool(re.match(r"\s*(?:对|凡)", parts[0])) or (
        bool(re.search(r"首次|新认定", parts[0])) and all(re.match(rf"\s*{RENEWAL}", p) for p in parts[1:])
    )
    if verb := re.search(r"晋升为|升级为|认定为|评为|获评|新建|新增|新购置|购置|获批|列入", parts[0]):
        # 资质晋升为特级的，给予X；晋升为一级的，给予Y: halves in parallel, each naming its own title after the verb
        # (对新获批设立A的，给予X；新获批B的，给予Y: the 新 before the verb is the half's own)
        parallel = [
            p.lstrip().startswith(verb.group(0)) or re.sub(r"^(?:新|首次)", "", p.lstrip()).startswith(verb.group(0))
            for p in parts[1:]
        ]
        later = [a or b for a, b in zip(later, parallel, strict=True)]
        first = first or all(parallel)
    if all(LISTING_STAGES.search(p) or re.search(r"完成股份制改造|完成股改", p) for p in parts):
        # 报辅导备案的企业，奖励X；通过辅导验收的企业，再奖励Y: each half names its own stage of the listing (a
        # completed 股份制改造 its first)
        first, later = True, [True] * len(later)
    boards = [BOARDS.findall(p) for p in parts]
    if all(boards) and len({tuple(b) for b in boards}) == len(boards):
        # 在主板上市的，奖励X；在科创板、创业板上市的，奖励Y: each half names its own boards
        first, later = True, [True] * len(later)
    # 按到款额的1%给予奖励，最高15万元；到款额超过1亿元的，给予25万元: a flat sum above a threshold of the share's
    # own base, in place of the share (``_top_band``)
    above = len(parts) == 2 and bool(re.match(rf"\s*[^,，;；]{{2,12}}?(?:超过|达到)\s*{NUMBER}", parts[1]))
    # 库容500立方米（含）至2000立方米的，补助X；库容2000立方米（含）以上的，补助Y: a later half opening with the
    # measure the first half banded, named again before its own band
    banded = re.search(r"[：:,，]\s*([\u4e00-\u9fff]{2,6}?)(?:在|达到)?\s*\d", parts[0])
    again = rf"\s*{re.escape(banded.group(1))}(?:在|达到)?\s*\d" if banded else ""
    rebanded = bool(again) and all(re.match(again, p) for p in parts[1:])
    # (…，集中连片流转面积100亩（含）至500亩（不含）的…；500亩（含）以上的: the measure named after a comma too)
    unit = re.search(rf"[：:,，]\s*([\u4e00-\u9fff]{{2,10}}?)(?:在|达到)?\s*{NUMBER}\s*(平方米|立方米|吨|亩)", parts[0])
    if unit and not rebanded and all(re.match(rf"\s*{NUMBER}\s*{unit.group(2)}", p) for p in parts[1:]):
        # …按实际租用面积给予补贴：租用面积50平方米以下的，每年补贴X；50平方米（含）以上的，每年补贴Y，补贴期限最长不
        # 超过3年: later bands of the measure, its name and the lead left out, and the period said once for all
        lead = parts[0][: unit.start(1)]
        period = re.search(r",\s*(?:补贴|发放|享受)?期限[^,;。]*$", _plain(parts[-1]))
        parts = [
            *(p + (period.group(0) if period else "") for p in parts[:1]),
            *(lead + unit.group(1) + p.lstrip() for p in parts[1:]),
        ]
        rebanded = True
    later = [a or rebanded for a in later]
    if above and first and not later[0]:
        later = [True]
    if not (first and all(later)):
        return None
    from policyreach.extract.clauses import TIER_PIECE  # the document's splitter keeps tier lists whole

    # (bands of a quantity in 立方米, 吨, 亩, which ``_tiers`` does not read, are read half by half)
    money_bands = re.search(r"\d\s*(?:万元|亿元|元)(?:\(含\))?(?:至|以上|以下)", _plain(text))
    if len(TIER_PIECE.findall(_plain(text))) >= 2 and (money_bands or not rebanded):
        return None
    halves = [draft_sentence(p + "。", subject) for p in in_context(parts)]
    for i in range(1, len(halves)):
        # 对首次认定的…，给予X；对重新认定的，给予Y: the renewal of the certification the first half named, read
        # as the first is (the certificate's year), each with its own sum
        # (a title the schema lacks, 省级绿色工厂, is the year of its proposed attribute, as a certificate's is)
        titled = {n for n, p in halves[i - 1].proposed.items() if p.get("unit") == "年"}
        named = [
            (c, k)
            for c, k in halves[i - 1].conditions
            if re.fullmatch(r"cert_\w+_year == \w+", c) or (c.split(" ")[0] in titled and " == " in c)
        ]
        if halves[i].manual and len(named) == 1 and re.match(rf"\s*对?(?:{RENEWAL}|{FIRST})", parts[i]):
            amount = _amount(_normalise(parts[i]), Draft())
            if amount and not halves[i].conditions:
                halves[i] = Draft(conditions=list(named), amount=amount)
    if all(boards) and len({tuple(b) for b in boards}) == len(boards):
        for own, half in zip(boards, halves, strict=True):
            # the board a half names is its condition (being listed there), in the clause's words
            if "listed" in [c for c, _ in half.conditions]:
                fact = half.declare("、".join(own), None, False, "boolean")
                half.conditions = [(fact if c == "listed" else c, k) for c, k in half.conditions]
    unnamed = not any(h.conditions for h in halves)
    for part, half in zip(parts, halves, strict=True):
        # 对跨行业平台给予最高2000万元；对企业级平台给予80万元: each half's claimant is a kind named in words no
        # attribute reads, a yes-or-no fact in the clause's words (as a lone clause's is, ``_claimant``); only when
        # no half names its claimant otherwise, and never 企业 alone or the rest (对其他符合条件的企业)
        kind = re.match(r"\s*对([^,，;；。\d]{2,30}?)(?:的(?:企业|单位|主体))?(?:[,，]|给予)", part)
        if (
            kind
            and unnamed
            and not re.fullmatch(r"(?:企业|单位|项目|主体|机构)|.*(?:其他|其余|符合条件).*", kind.group(1))
            and half.amount
            and not half.conditions
            and not half.variants
            and not any("待人工" in note for note in half.manual)
            and not re.search(r"一事一议|※", kind.group(1))
        ):
            half.conditions, half.manual = [(half.declare(kind.group(1), None, False, "boolean"), 0.5)], []
    if not all(h.amount and h.conditions and not h.manual and not h.variants for h in halves):
        stated = rf"{MONEY}|{PCT}|{RATIO}|一事一议"
        if sum(1 for p in parts if re.search(stated, _plain(p))) >= 2:
            # two sums for two claimants, not both read: never the first alone, silently
            flagged = Draft()
            flagged.manual.append(f"{text.strip()}（待人工：两项以上的对象与金额未能逐一读出）")
            return flagged
        return None
    if above and halves[0].amount and " * " in halves[0].amount[0] and not _top_band(halves):
        return None  # (the second half's threshold is not on the first half's base: left to the checks below)
    combined = Draft()
    # 50平方米以下的…；50平方米（含）以上的…: the band that owns its bound said so, the other one stops below it
    owned = {c.replace(" >= ", " <= ") for half in halves for c, _ in half.conditions if " >= " in c}
    for half in halves:
        assert half.amount is not None
        own = [(c.replace(" <= ", " < ") if c in owned else c, k) for c, k in half.conditions]
        if shared_cap and not half.amount[0].startswith("min("):
            half.amount = (f"min({half.amount[0]}, {shared_cap.group(1)})", half.amount[1])
        combined.variants.append((own, half.amount))
        combined.proposed |= half.proposed
        combined.handled |= half.handled
    return combined


# (第二年、第三年减半: two years named apart share one rate, as 第二至三年 does)
RENT_YEAR = re.compile(rf"第([{CN}\d])(?:年?(?:至|到|、|-|—)第?([{CN}\d]))?年[^,;。\d%]{{0,10}}?(全额|{PCT}|减半)")


def _rent_by_numbered_years(text: str, draft: Draft) -> bool:
    """第一年租金100%补贴、第二至三年租金50%补贴: a schedule of the year's rent written year by year, counted from
    the entry (入驻, 落户, 引进) or from the claimant's recognition (经认定) when the clause says which; the years must
    follow on from the first."""
    found = list(RENT_YEAR.finditer(text))
    if len(found) < 2 or not re.search(r"租金|房租", text):
        return False
    shares: list[str] = []
    for m in found:
        low, high = int(number(m.group(1))), int(number(m.group(2) or m.group(1)))
        word = m.group(3)
        share = Decimal(1) if word == "全额" else Decimal("0.5") if word == "减半" else percentage(word)
        if low != len(shares) + 1 or high < low or share is None or not 0 < share <= 1:
            return False
        shares += [plain(share)] * (high - low + 1)
    if len(shares) > 10:
        return False
    if re.search(r"入驻|引进|落户", text):
        start = draft.propose("settled_date")
    elif re.search(r"(?:经|新|通过)认定", text):
        start = draft.declare("认定", None, False, "date")
    else:
        return False  # the period's start is not said: left for a person
    col = f"{draft.propose('rent_paid')}[last_year]"
    plan = f"schedule({_capped(col, _cap(text, draft))}, [{', '.join(shares)}], years_since({start}) + 1)"
    draft.amount = (plan, 0.7)
    draft.add(f"{col} > 0", 0.7)
    if kind := re.match(r"对经认定(?:备案)?的([^,;。的]{2,10}?)[,，]", text):
        # 对经认定备案的众创空间: whose rent it is, a recognised kind of place (a yes-or-no fact in its words)
        draft.add(draft.declare(kind.group(1), None, False, "boolean"), 0.6, kind.span(1))
    draft.spans += [m.span() for m in found]
    draft.handled.add(SCHEDULE)
    return True


YEARS_FROM_START = re.compile(
    rf"自(?P<start>[^,;。起自]{{1,8}}?)(?P<when>当年|次年|之日)?起,?连续(?P<n>[{CN}\d])年,?(?:每年)?(?:分别)?按(?:照)?"
    rf"(?P<base>[^,;。\d%按]{{1,12}}?)的(?P<shares>{PCT}(?:、{PCT})*)"
)


# 自起租之日起每年按照实际租金的30%予以补贴，可连续补贴3年: the same reading, the period said after the share (the
# start's own words may hold 起: 起租)
YEARS_FROM_START_AFTER = re.compile(
    rf"自(?P<start>[^,;。自]{{1,8}}?)(?P<when>当年|次年|之日)?起,?每年按(?:照)?(?P<base>[^,;。\d%按]{{1,12}}?)的"
    rf"(?P<shares>{PCT})[^,;。\d]{{0,8}}?,?(?:可|最长)?连续(?:补贴|支持|资助|奖励|给予)?(?P<n>[{CN}\d])年"
)


# 自认定次年起5年内，按其上年度地方财政贡献给予奖励，前两年按100%、后三年按50%: the same reading, the period said
# first as N年内 and its shares in two groups of years that fill it
YEARS_FROM_START_GROUPED = re.compile(
    rf"自(?P<start>[^,;。起自]{{1,8}}?)(?P<when>当年|次年|之日)?起,?(?P<n>[{CN}\d])年内,?按(?:照)?"
    rf"(?P<base>[^,;。\d%按]{{1,16}}?)(?:给予|予以)[^,;。\d]{{0,10}}?,?"
    rf"前(?P<first>[{CN}\d])年按(?:照)?(?P<s1>{PCT})[^,;。\d]{{0,6}}?[、,]后(?P<second>[{CN}\d])年按(?:照)?(?P<s2>{PCT})"
)
# 自认定之日起5年内，前2年按其地方财政贡献的100%、后3年按50%: the base said with the first group (the period's length
# said before the groups or not at all)
YEARS_FROM_START_GROUPS_NAMING = re.compile(
    rf"自(?P<start>[^,;。起自]{{1,8}}?)(?P<when>当年|次年|之日)?起,?(?:(?P<n>[{CN}\d])年内,?)?前(?P<first>[{CN}\d])年"
    rf"按(?:照)?(?P<base>[^,;。\d%按]{{1,16}}?)的(?P<s1>{PCT})[^,;。\d]{{0,8}}?[、,]后(?P<second>[{CN}\d])年"
    rf"按(?:照)?(?P<s2>{PCT})"
)
# 自认定次年起5年内，按其地方财政贡献的100%、100%、50%、50%、50%: each year's share listed, the period said as N年内
YEARS_FROM_START_WITHIN = re.compile(
    rf"自(?P<start>[^,;。起自]{{1,8}}?)(?P<when>当年|次年|之日)?起,?(?P<n>[{CN}\d])年内,?(?:每年)?(?:分别)?按(?:照)?"
    rf"(?P<base>[^,;。\d%按]{{1,16}}?)的(?P<shares>{PCT}(?:、{PCT})*)"
)


def _shares_over_years_from_start(text: str, draft: Draft) -> bool:
    """自开业起连续三年每年按实际房租的30%…每年最高40万元; 自开业当年起连续三年分别按当年地方贡献的80%、50%、30%:
    a share of a yearly figure for each year of a period the clause dates from an event (开业, 入驻, 投产), a schedule
    over those years (one share each year, or the listed shares in turn), the yearly cap on each year's sum."""
    m = next(
        (
            found
            for pattern in (
                YEARS_FROM_START,
                YEARS_FROM_START_AFTER,
                YEARS_FROM_START_GROUPED,
                YEARS_FROM_START_GROUPS_NAMING,
                YEARS_FROM_START_WITHIN,
            )
            if (found := pattern.search(text))
        ),
        None,
    )
    if not m:
        return False
    if "first" in m.groupdict():
        # (前两年按100%、后三年按50% of 5年内: each group's share for its years, which must fill the period)
        first, second = int(number(m["first"])), int(number(m["second"]))
        years = int(number(m["n"])) if m["n"] else first + second
        read = [percentage(m["s1"])] * first + [percentage(m["s2"])] * second if first + second == years else []
    else:
        years = int(number(m["n"]))
        read = [percentage(x) for x in re.findall(PCT, m["shares"])]
    shares = [x for x in read if x is not None and 0 < x <= 1]
    if not 1 < years <= 10 or len(shares) != len(read) or len(shares) not in (1, years):
        return False
    words = re.sub(r"^(?:实际|其|企业)+", "", m["base"])
    said = next((y for w, y in YEAR_WORDS if words.startswith(w)), None)
    words = re.sub("^(?:" + "|".join(w for w, _ in YEAR_WORDS) + ")", "", words)
    words = re.sub(r"^(?:实际|区级|市级|县级)+", "", words)
    words = re.sub(r"^对[^,;。\d]{1,8}?(?=地方)", "", words)  # (对湖滨区地方财政贡献: where it is paid, not what)
    base_name = next((name for pattern, name in PROPOSED_BASES if re.fullmatch(pattern, words)), None)
    if base_name is None and re.fullmatch(r"地方(?:财政|经济|财力)?贡献", words):
        base_name = "local_fiscal_contribution"
    # (按其上一年度研发投入的20%: a figure the schema holds is read as the schema's, not proposed in its words)
    held = next(
        (a for a, pattern, kind in vocab.MEASURE_PATTERNS if kind == "money" and re.fullmatch(pattern, words)), None
    )
    col = draft.propose(base_name, words) if base_name else held or draft.declare(words, "万元", True)
    col = f"{col}[{said or 'last_year'}]"
    # 年房租超过50万元, 当年区级地方贡献在5万元（含）以上: the figure's own threshold, said before the period
    limit = re.search(
        rf"{words}(?:费用|额)?(?:在|为)?(超过|达到|不低于|高于)?({NUMBER})(万元|亿元)(\(含\))?(以上|及以上)?",
        text[: m.start()],
    )
    if limit and (relation := _op(limit.group(1), limit.group(5))) and not draft.taken(*limit.span()):
        relation = ">=" if limit.group(4) and relation == ">" else relation
        draft.conditions = [(c, k) for c, k in draft.conditions if not c.startswith(col.split("[")[0])]
        draft.add(f"{col} {relation} {_quantity(limit.group(2), limit.group(3), 'money')}", 0.7, limit.span())
    # (对新认定的市级新型研发机构，自认定次年起: the years count from the year the title was awarded, as a title's
    # year is read everywhere else, not from a date of 认定 proposed apart)
    titled = re.search(rf"新认定(?:为)?的?((?:{LEVEL_WORD})[^,;。\d、]{{2,14}}?)(?:的)?[,，]", text[: m.start()])
    # (总部企业自认定次年起: the title the clause opens with, right before the period, is the one recognised)
    titled = titled or re.fullmatch(r"([\u4e00-\u9fff]{2,10}?(?:企业|机构|中心|总部))", text[: m.start()])
    if m["start"] == "认定" and titled:
        named = draft.declare(f"{titled.group(1)}认定年份", "年", False, "integer")
        period = f"this_year - {named}" + (" + 1" if m["when"] != "次年" else "")
    else:
        start = draft.declare(re.sub(r"(?:之日|当年|次年)$", "", m["start"]), None, False, "date")
        period = f"years_since({start})" + (" + 1" if m["when"] != "次年" else "")
    cap = _cap(text[m.end() :])
    if len(shares) == 1:
        plan = f"schedule({_capped(f'{col} * {plain(shares[0])}', cap)}, [{', '.join(['1'] * years)}], {period})"
    else:
        plan = f"schedule({_capped(col, cap)}, [{', '.join(plain(x) for x in shares)}], {period})"
    draft.amount = (plan, 0.7)
    if not any(re.match(rf"{re.escape(col.split('[')[0])}\b", c) for c, _ in draft.conditions):
        draft.add(f"{col} > 0", 0.7)
    draft.spans.append(m.span())
    draft.handled.add(SCHEDULE)
    if m["start"] == "认定" and titled:
        # (the share of its base read over years counted from the title the clause names: no base left for a person;
        # counted from a date of an event proposed apart, 自认定次年起 after 新认定的总部企业…的, it still goes to one)
        draft.handled.add("share")
    return True


def _rising_threshold_halves(text: str, subject: str) -> Draft | None:
    """外来参会人数在1000人以上的，给予80万元；外来参会人数达3000人以上的，给予100万元: halves that each set a
    higher threshold on one measure with a sum of their own are bands of it, as an officer reads them: each band
    ends below the next one's threshold (the later band owns it). Only when every half reads whole, one threshold
    and one flat sum each, on one quantity (the later halves name it in fewer words); else None."""
    parts = [p for p in re.split(r"[；;]", text.strip().rstrip("。")) if p.strip()]
    if len(parts) < 2:
        return None
    halves = [draft_sentence(p + "。", subject) for p in parts]
    said = halves[0].conditions[0][0] if halves[0].conditions else ""
    lead = re.fullmatch(r"(quantity_\w+)(?:\[\w+\])? (?:>=|>) [\d.]+", said)
    for i, part in enumerate(parts[1:], start=1):
        if lead and halves[i].manual and re.match(rf"(?:达到|达|在|超过|不低于|不少于)?{NUMBER}", part.strip()):
            # (…人数达到1万人次以上的，给予5万元；达到2万人次以上的，给予10万元: a later half that names no measure
            # raises the first half's)
            label = str(halves[0].proposed[lead.group(1)]["label"])
            halves[i] = draft_sentence(label + part.strip() + "。", subject)
    bounds: list[tuple[str, str, Decimal]] = []
    dates: list[str] = []
    for half in halves:
        only = half.conditions[0][0] if len(half.conditions) == 1 else ""
        found = re.fullmatch(r"(quantity_\w+)(\[\w+\])? (>=|>) (\d+(?:\.\d+)?)", only)
        if half.manual or half.variants or not half.amount or not re.fullmatch(r"[\d.]+", half.amount[0]):
            return None
        if not found:
            return None
        # (一年内引来5趟以上…；引来10趟以上…: the year said in the first half dates the later halves' counts too)
        dates.append(found.group(2) or "")
        bounds.append((found.group(1), found.group(3), Decimal(found.group(4))))
    first = halves[0].proposed[bounds[0][0]]
    if any(
        str(h.proposed[name]["label"]) not in str(first["label"]) or h.proposed[name].get("unit") != first.get("unit")
        for h, (name, _, _) in zip(halves, bounds, strict=True)
    ) or any(later[2] <= earlier[2] for earlier, later in itertools.pairwise(bounds)):
        return None
    if any(d and d != dates[0] for d in dates[1:]):
        return None
    name = bounds[0][0] + dates[0]
    if dates[0] and not first.get("yearly"):
        return None
    banded = Draft(proposed={bounds[0][0]: first})
    for i, (half, (_, op, low)) in enumerate(zip(halves, bounds, strict=True)):
        assert half.amount is not None
        own = [(f"{name} {op} {plain(low)}", 0.7)]
        if i + 1 < len(bounds):
            upper_op = "<=" if bounds[i + 1][1] == ">" else "<"
            own.append((f"{name} {upper_op} {plain(bounds[i + 1][2])}", 0.7))
        banded.variants.append((own, half.amount))
    return banded


def _bounded_halves(text: str, subject: str) -> Draft | None:
    """面积大于等于2000平方米的，最高奖励10万元；面积小于2000平方米、大于等于1000平方米的，最高奖励5万元；面积小于
    1000平方米的，最高奖励1万元: halves that each bound one measure on both sides or one, with a sum of their own
    (flat or a reviewer's within a cap), are its bands as written. Only when every half reads whole on that one
    quantity and no two bands overlap; else None."""
    parts = [p for p in re.split(r"[；;]", text.strip().rstrip("。")) if p.strip()]
    if len(parts) < 2:
        return None
    halves = [draft_sentence(p + "。", subject) for p in parts]
    names: set[str] = set()
    spans: list[tuple[Decimal, bool, Decimal, bool]] = []  # (low, low included, high, high included) of each band
    for half in halves:
        if half.manual or half.variants or not half.amount or not half.conditions:
            return None
        if not re.fullmatch(r"[\d.]+|manual\([\d.]+\)", half.amount[0]):
            return None
        low, low_in, high, high_in = Decimal("-Infinity"), False, Decimal("Infinity"), False
        for condition, _ in half.conditions:
            found = re.fullmatch(r"(quantity_\w+) (>=|>|<=|<) (\d+(?:\.\d+)?)", condition)
            if not found:
                return None
            names.add(found.group(1))
            value = Decimal(found.group(3))
            if found.group(2).startswith(">"):
                low, low_in = value, found.group(2) == ">="
            else:
                high, high_in = value, found.group(2) == "<="
        spans.append((low, low_in, high, high_in))
    # (商超门店面积…；门店面积…: the later halves name the measure in fewer words; one unit throughout)
    first = re.split(r" ", halves[0].conditions[0][0])[0]
    spec = halves[0].proposed[first]
    first_label = str(spec["label"])
    for other in names:
        theirs = next(h.proposed[other] for h in halves if other in h.proposed)
        said = str(theirs["label"])
        if theirs.get("unit") != spec.get("unit") or (said not in first_label and first_label not in said):
            return None
    ordered = sorted(spans)
    for (_, _, high, high_in), (low, low_in, _, _) in itertools.pairwise(ordered):
        if low < high or (low == high and high_in and low_in):
            return None  # overlapping bands: a person decides which sum a firm on the edge gets
    banded = Draft(proposed={first: spec})
    for half in halves:
        assert half.amount is not None
        own = [(re.sub(r"^quantity_\w+", first, c), k) for c, k in half.conditions]
        banded.variants.append((own, half.amount))
    return banded


def _top_band(halves: list[Draft]) -> bool:
    """The share's half gets the threshold's complement, so the flat sum replaces the share above it; only when
    the threshold is on the share's own base (its words within the base's), else False and nothing is changed."""
    share, flat = halves
    base = share.amount and re.search(r"(quantity_\w+)(\[\w+\])? \*", share.amount[0])
    bound = [re.fullmatch(r"(quantity_\w+)(\[\w+\])? (>|>=) (\d+(?:\.\d+)?)", c) for c, _ in flat.conditions]
    if not base or len(bound) != 1 or not bound[0] or not flat.amount or not re.fullmatch(r"[\d.]+", flat.amount[0]):
        return False
    said, shared = str(flat.proposed[bound[0].group(1)]["label"]), str(share.proposed[base.group(1)]["label"])
    if said not in shared:
        return False
    col, op, x = base.group(1) + (base.group(2) or ""), bound[0].group(3), bound[0].group(4)
    share.conditions.append((f"{col} {'<=' if op == '>' else '<'} {x}", 0.6))
    flat.conditions = [(f"{col} {op} {x}", 0.6)]
    flat.proposed = {}
    return True


# a sum for the government unit ranked first in an appraisal (对排名第一的县（市）区奖励100万元): paid to no claimant
RANKED_GOVERNMENT = re.compile(
    r"(?:排名|排序|考核|考评|评价)[^,;。]{0,6}?(?:第[一二三\d]|前[一二三四五六七八九十\d]+)名?的?"
    r"(?:县|乡镇|乡|镇|街道|开发区|园区|区|市|部门|单位)"
)


# a working fund for a body that helps bring firms in (对协助纳统的村居委员会，每成功入库一家企业给予5000元工作经费):
# paid to no claimant of a policy for firms
HELPERS_FUND = re.compile(
    r"(?:村居委员会|村委会|居委会|社区|商协会|行业协会|商会|街道|乡镇|部门)[^。]{0,30}?每[^。]{0,16}?"
    rf"(?:给予|奖励|补助){MONEY}(?:的)?工作(?:经费|奖励)"
)


def _reads(draft: Draft, attr: str) -> bool:
    """Whether a drafted condition, the amount or a variant (a tier of 分别) reads the yearly column ``attr``."""
    rules = [c for c, _ in draft.conditions] + ([draft.amount[0]] if draft.amount else [])
    rules += [c for cs, (a, _) in draft.variants for c in [*(c for c, _ in cs), a]]
    return any(re.search(rf"\b{attr}\[", r) for r in rules)


def _read_as(draft: Draft, attr: str, name: str) -> None:
    """Every rule of the draft reading the yearly column ``attr`` reads the proposed quantity ``name`` instead."""

    def renamed(rule: str) -> str:
        return re.sub(rf"\b{attr}\[", f"{name}[", rule)

    draft.conditions = [(renamed(c), k) for c, k in draft.conditions]
    if draft.amount:
        draft.amount = (renamed(draft.amount[0]), draft.amount[1])
    draft.variants = [([(renamed(c), k) for c, k in cs], (renamed(a), ka)) for cs, (a, ka) in draft.variants]


def _purchased_technology(text: str, draft: Draft) -> None:
    """企业购买科技成果，…技术交易额在30万元以上的，给予技术交易额10%的奖励: the buyer's purchases, not the contracts
    it registered as a seller (the schema's 技术合同成交额); proposed in the clause's words, read wherever it was."""
    bought = r"购买(?:[^,;。]{0,6}?)(?:科技成果|技术成果|技术)|引进[^,;。]{0,8}?技术成果|技术吸纳|吸纳技术"
    if not re.search(bought, text) or CONTRACT_PARTY_SHARES.search(text):
        return  # (a seller and a buyer named each with its share: the seller's is the registered sum)
    named = re.search(r"技术(?:合同)?(?:交易|成交)额", text)
    if not named or not _reads(draft, "tech_contract_turnover"):
        return
    _read_as(draft, "tech_contract_turnover", draft.declare(named.group(0), "万元", True))


# a sum for whoever brought a project in (引荐人) or helped firms to a title (帮助企业成功申报…的中介机构, 每培育一家):
# paid to no claimant of the policy, as a helping body's working fund is
INTERMEDIARY = re.compile(
    r"引荐(?:人|单位|者)|(?:帮助|协助|培育|辅导)[^。]{0,20}?企业[^。]{0,20}?(?:中介|服务|咨询)机构|"
    r"(?:中介|服务|咨询)机构[^。]{0,12}?每(?:培育|帮助|服务|辅导)?(?:成功)?(?:一家|1家)"
)


# a sum for each person who won or helped win a prize (对科学技术杰出贡献奖获得者，给予每人80万元; 获奖项目的参与人
# （非参与单位）每位1.5万元): paid to people, no claimant of a policy for firms or institutes
PRIZE_WINNER_EACH = re.compile(
    r"奖[^,;。]{0,12}?(?:获得者|获奖者|获奖人|完成人|参与人|获奖个人)(?:[(（][^)）]{0,10}[)）])?[^。]{0,12}?每(?:人|位|名)"
)


# a sum for an inventor in person (非职务发明人申请国内发明专利的，每件资助500元): paid to a person, no claimant of a
# policy for firms or institutes, as a prize's winner is
INVENTOR_IN_PERSON = re.compile(r"(?:对)?(?:非职务发明(?:人|者)?|个人发明人|发明人个人)")


# what pays nothing to a claimant: a tax treatment (按15%的税率缴纳, 减半征收); its numbers are no rule unless the
# sentence also pays something
# (租金按市场租金的50%收取: a price the claimant pays, at a share of another)
NO_PAYMENT = re.compile(r"税率(?:缴纳|征收|计征)|减半征收|减征|免征|按[^,，;；。]{0,16}?%收取")
PAYS = re.compile(r"给予|奖励|补助|补贴|资助|贴息|奖补|返还|配套")


def _product_sales(text: str, draft: Draft) -> None:
    """对发明专利产品上年度销售收入超过800万元的企业，按该产品销售收入的1%: the sales of a named product, not the
    firm's revenue; proposed in the clause's words, read wherever the revenue was."""
    named = re.search(r"(?<![企其])([\u4e00-\u9fff]{2,10}?产品)(?:上一?年度|当年)?(?:的)?(?:年)?销售收入", text)
    if not named or re.fullmatch(r"(?:企业|主营|主要|全部|自有|本地)产品", named.group(1)):
        return
    if not _reads(draft, "revenue"):
        return
    _read_as(draft, "revenue", draft.declare(re.sub(r"^(?:对|凡)", "", named.group(1)) + "销售收入", "万元", True))


# sales made online (网络销售收入, 通过电子商务平台实现的主营业务收入): a figure of their own, never the firm's revenue
ONLINE_SALES = re.compile(
    r"(?:网络|网上|线上|电子商务|电商)(?:平台)?(?:实现的?|完成的?)?(?:年度?)?(?:的)?"
    r"(?:销售收入|销售额|营业收入|主营业务收入|零售额|交易额)"
)


def _online_sales(text: str, draft: Draft) -> None:
    """对利用电子商务平台实现的主营业务收入达到2000万元以上的企业，按网络销售收入的1.5%: the sales the firm made
    online, proposed as a yearly figure in the clause's words, read wherever the revenue was."""
    if not ONLINE_SALES.search(text) or not _reads(draft, "revenue"):
        return
    if re.search(r"营业收入|销售收入|销售额|营收", ONLINE_SALES.sub("", text)):
        return  # (营业收入2000万元以上且网络零售额…: the firm's revenue is named too, and read as such)
    _read_as(draft, "revenue", draft.declare("网络销售收入", "万元", True))


FURTHER = re.compile(
    rf"(?:对)?([^,;。\d]{{2,12}}?)的,?再(?:给予|奖励|补助|补贴|资助)(?:一次性)?{MONEY}(?:奖励|补助|补贴|资助)?"
)
# 年度内自主评价取证人数达到200人以上的，再给予5万元奖励: the fact is a threshold on a figure of the year
FURTHER_THRESHOLD = re.compile(
    rf"(?:对)?((?:年度内|当年|上一?年度)?[^,;。\d]{{2,14}}?(?:达到|超过)\d+(?:\.\d+)?(?:人|名|家|个|项|件)(?:\(含\))?(?:以上|及以上))"
    rf"的,?再(?:给予|奖励|补助|补贴|资助)(?:一次性)?{MONEY}(?:奖励|补助|补贴|资助)?"
)


def _further(text: str, subject: str) -> Draft | None:
    """进入创新层的，再给予50万元奖励 (a sentence of its own, after the one that paid the first sum): a benefit of its
    own, paid beside the first, on the fact its words name: what a sentence of those words reads, else a yes-or-no
    fact in the clause's words. Anything else it says (a first sum, a number in its words) leaves it to a person."""
    m = FURTHER.fullmatch(_plain(text).strip().rstrip("。"))
    if not m and (m := FURTHER_THRESHOLD.fullmatch(_plain(text).strip().rstrip("。"))):
        # (the threshold read as such a sentence reads it, or the sentence goes to a person: never a yes-or-no fact)
        alone = draft_sentence(f"对{m.group(1)}的企业，给予{m.group(2)}{m.group(3)}。", subject)
        read = alone.conditions and not alone.manual and not alone.variants and alone.amount is not None
        return alone if read else None
    if not m:
        return None
    words = m.group(1)
    alone = draft_sentence(f"对{words}的企业，给予{m.group(2)}{m.group(3)}。", subject)
    if any("待人工" in note for note in alone.manual) or alone.variants or alone.amount is None:
        return None
    if not alone.conditions:  # (its only note then says no condition was read: the words are the condition)
        alone.conditions, alone.manual = [(alone.declare(words, None, False, "boolean"), 0.6)], []
    return alone if not alone.manual else None


# what a sum includes, said in brackets after it (按项目合同金额（含设备投资和工业软件购置费用）的10%): the sum's
# description with no figure of its own, read past, or its words (设备投资) would be taken for the base of the share
SUM_INCLUDES = re.compile(r"(?<=金额|费用|价款|总额)[（(](?:含|包括|包含)[^（）()\d]{2,30}[）)]")


# 给予奖励20万元，分两年兑现：入统次年兑现10万元；第二年营业收入较上年增长的，再兑现10万元: one award paid as
# sums in successive years, a later sum on a condition of its own; each year's sum is a benefit of its own
SUM_IN_YEARLY_INSTALMENTS = re.compile(
    rf"^(?P<lead>[^;。]+?),给予(?:一次性)?(?:奖励|补助|奖补|资助)?(?P<total>{NUMBER})万元(?:奖励|补助)?,"
    r"分(?P<years>[两二三2-3])年(?:兑现|拨付|发放|支付)[:,](?P<plan>[^。]+?)。?$"
)
INSTALMENT_YEAR = re.compile(
    rf"^(?:(?P<first>首年|第一年|当年|[^,;次]{{1,4}}次年)|(?P<later>第[二三2-3]年|次年))(?P<when>[^,;]*?的,)?"
    rf"(?:再)?(?:兑现|拨付|发放|支付)(?:剩余)?(?:奖励|资金)?(?P<sum>{NUMBER})万元$"
)


def _sums_by_year_of_payment(text: str, shown: str, subject: str) -> Draft | None:
    """An award paid as sums over successive years (SUM_IN_YEARLY_INSTALMENTS): each year's sum a benefit, the
    claimant's event (首次纳入规模以上工业统计) dated that many years back, a later year's own condition
    (营业收入较上年增长的) read as the year of payment's. Drafted as one, the whole sum asked for the later
    year's condition at once. None when no such plan is said; the sentence (``shown``) to a person when its sums
    are not read as the award's parts."""
    whole = SUM_IN_YEARLY_INSTALMENTS.match(text)
    if not whole:
        return None
    unread = Draft(manual=[f"{shown}（待人工：分年兑现的金额未能逐年读出）"])
    if not re.search(MONEY, whole.group("plan")):
        return None  # (分两年兑现，第一年50%…: shares of the one sum, the award's schedule)
    # (each year's sum after ； or after ， when a year opens it: 第一年兑现10万元，第二年…)
    parts = [p for p in re.split(r";|,(?=首年|第[一二三2-3]年|当年|次年)", whole.group("plan")) if p]
    years = [INSTALMENT_YEAR.match(p) for p in parts]
    if (
        len(parts) != {"两": 2, "二": 2, "2": 2}.get(whole.group("years"), 3)
        or not all(years)
        or sum(float(number(y.group("sum"))) for y in years if y) != float(number(whole.group("total")))
        or any((y.group("later") is None) != (k == 0) for k, y in enumerate(years) if y)
    ):
        return unread
    lead = whole.group("lead")
    base = _draft_sentence(f"{lead},给予奖励{whole.group('total')}万元。", subject)
    dated = [c for c, _ in base.conditions if re.fullmatch(r"\w+_year == (?:last|this)_year", c)]
    if base.amount is None or base.variants or not dated:
        return unread  # no event to count the years from
    out = Draft(proposed=dict(base.proposed))
    for k, year in enumerate(years, start=1):
        assert year is not None
        own = _draft_sentence(f"{lead},{year.group('when') or ''}给予奖励{year.group('sum')}万元。", subject)
        if own.amount is None or own.variants or own.manual:
            return unread
        # (the event of 当年 is last year's a year later, of 上年 the year before last)
        back = {"last_year": f"years_ago({k})", "this_year": "last_year" if k == 2 else f"years_ago({k - 1})"}
        shifted = [
            (c.rsplit(" ", 1)[0] + " " + back[c.rsplit(" ", 1)[1]] if c in dated and k > 1 else c, conf)
            for c, conf in own.conditions
        ]
        out.variants.append((shifted, own.amount))
        out.proposed.update(own.proposed)
    return out


# 批发业企业年销售额达到2000万元以上、零售业企业年销售额达到500万元以上的，分别奖励10万元、6万元: each trade with
# its own floor, listed before 分别, each paid its sum
TRADE_FLOORS_LISTED = re.compile(
    r"^(?P<pre>[^;。]*?)(?P<list>(?:(?:批发|零售|住宿|餐饮)业?[、和及]?)+企业[^;。,、]*?\d[^;。,、]*?(?:以上|以下)"
    r"(?:、(?:(?:批发|零售|住宿|餐饮)业?[、和及]?)+企业[^;。,、]*?\d[^;。,、]*?(?:以上|以下))+)"
    r"(?P<post>的,?)分别(?P<verb>[^;。\d]{0,12}?)(?P<items>\d+(?:\.\d+)?万?元(?:、\d+(?:\.\d+)?万?元)+)"
    r"(?P<rest>[^;。]*)[;。]?$"
)
# 批发、零售、住宿、餐饮企业，年销售额（营业额）分别达到2000万元、500万元、200万元、200万元以上的，分别给予…: the
# trades listed first, then each one's floor with 分别, then each one's sum
TRADES_THEN_FLOORS_LISTED = re.compile(
    r"^(?P<pre>[^;。]*?)(?P<trades>(?:(?:批发|零售|住宿|餐饮)业?[、和及]?){2,})企业,?(?P<measure>[^;。,]*?)"
    r"分别(?P<verb>达到|在|超过)?(?P<floors>\d+(?:\.\d+)?[万亿]?元(?:、\d+(?:\.\d+)?[万亿]?元)+)(?P<post>(?:及)?以上的,?)"
    r"分别(?P<give>[^;。\d]{0,12}?)(?P<items>\d+(?:\.\d+)?万?元(?:、\d+(?:\.\d+)?万?元)+)(?P<rest>[^;。]*)[;。]?$"
)
# 年度销售额同比增速超过15%、25%的，分别按其销售额增量部分的1%、2%给予奖励: bands of growth listed before 分别,
# each paying its share (a band up to where the next begins)
GROWTH_BANDS_SHARES_LISTED = re.compile(
    r"^(?P<pre>[^;。]*?(?:增速|增幅|增长率|增长))(?P<op>超过|高于|达到|不低于)?"
    r"(?P<list>\d+(?:\.\d+)?%(?:、\d+(?:\.\d+)?%)+)(?P<post>(?:以上|及以上)?的,?)分别"
    r"(?P<verb>按[^;。%]*?的)(?P<items>\d+(?:\.\d+)?%(?:、\d+(?:\.\d+)?%)+)(?P<rest>[^;。]*)[;。]?$"
)

# 评估费、担保费，分别按实际发生额的50%、30%给予补助，每家企业每项每年最高不超过5万元: fees listed before 分别, each
# paid its own share of what it cost; a cap said 每项 is each fee's own
FEES_SHARES_LISTED = re.compile(
    r"^(?P<pre>[^;。]*?(?:的|,|对))(?P<list>[^\x00-\x7f的,;。、]{1,6}费(?:、[^\x00-\x7f的,;。、]{1,6}费)+)(?P<post>的?,?)分别"
    r"(?P<verb>按(?:[^;。%]*?的)?)(?P<items>\d+(?:\.\d+)?%(?:、\d+(?:\.\d+)?%)+)(?P<rest>[^;。]*)[;。]?$"
)


def _each_listed_pair(text: str, shown: str, subject: str) -> Draft | None:
    """A list before 分别 whose every member carries its own threshold (trades with their floors; bands of growth),
    each paired with its sum or share after it: one benefit per pair, read as the sentence said of that pair alone.
    None when no such list is said; the sentence (``shown``) to a person when a pair does not read whole."""
    unread = Draft(manual=[f"{shown}（待人工：“分别”列举的对象未能与金额逐一配对）"])
    if m := TRADE_FLOORS_LISTED.match(text):
        members = re.split(r"、(?=(?:批发|零售|住宿|餐饮))", m.group("list"))
        items = m.group("items").split("、")
        if len(members) != len(items):
            return unread
        pieces = [
            f"{m.group('pre')}{a}的,{m.group('verb')}{b}{m.group('rest')}。"
            for a, b in zip(members, items, strict=True)
        ]
    elif m := TRADES_THEN_FLOORS_LISTED.match(text):
        members = re.findall(r"(?:批发|零售|住宿|餐饮)", m.group("trades"))
        floors, items = m.group("floors").split("、"), m.group("items").split("、")
        if not len(members) == len(floors) == len(items):
            return unread
        pieces = [
            f"{m.group('pre')}{trade}企业,{m.group('measure')}{m.group('verb') or ''}{floor}{m.group('post')}"
            f"{m.group('give')}{item}{m.group('rest')}。"
            for trade, floor, item in zip(members, floors, items, strict=True)
        ]
    elif m := GROWTH_BANDS_SHARES_LISTED.match(text):
        members, items = m.group("list").split("、"), m.group("items").split("、")
        if len(members) != len(items):
            return unread
        over = m.group("op") in ("超过", "高于")  # (超过25% leaves 25% to the band below; 达到25% takes it)
        last = f"{members[-1]}{m.group('post').removesuffix('的,').removesuffix('的')}"
        bands = [f"{a}-{b}" + ("" if over else "(不含)") for a, b in itertools.pairwise(members)] + [last]
        pieces = [
            f"{m.group('pre')}{m.group('op') or ''}{band}的,{m.group('verb')}{item}{m.group('rest')}。"
            for band, item in zip(bands, items, strict=True)
        ]
    elif m := FEES_SHARES_LISTED.match(text):
        members, items = m.group("list").split("、"), m.group("items").split("、")
        if len(members) != len(items):
            return unread
        rest = re.sub(r"(?<=企业|单位)每项|每项(?=每年|最高|不超过)", "", m.group("rest"))
        pieces = [
            f"{m.group('pre')}{fee}{m.group('post')}{m.group('verb')}{item}{rest}。"
            for fee, item in zip(members, items, strict=True)
        ]
    else:
        return None
    out = Draft()
    for piece in pieces:
        own = _draft_sentence(piece, subject)
        if own.amount is None or own.variants or own.manual:
            return unread
        out.variants.append((own.conditions, own.amount))
        out.proposed.update(own.proposed)
    return out


# （GB/T 29490—2023）after a standard's title: its number and year, no figure of the claimant's
STANDARD_NUMBER_SAID = re.compile(r"\((?:GB|ISO)[^()]{0,30}\)")


def draft_sentence(text: str, subject: str = "enterprise") -> Draft:
    """Everything the sentence says that the rules language can hold; the rest is kept as manual.

    The grammar reads the sentence in its canonical wording (``variants``); a sentence left to a person is shown
    as the document wrote it."""
    written = text.strip()
    read = SUM_INCLUDES.sub("", variants.canonical(written))
    draft = (
        _sums_by_year_of_payment(_plain(read), read, subject)
        or _each_listed_pair(_plain(read), read, subject)
        or _draft_sentence(read, subject)
    )
    if NO_PAYMENT.search(_plain(read)) and not PAYS.search(_plain(read)):
        # a tax treatment pays no sum: whom it names may be read (its eligibility), its rate is never an amount
        draft.amount, draft.variants = None, []
    if read != written:
        draft.manual = [note.replace(read, written) for note in draft.manual]
    return draft


# 省级以上企业技术中心，给予奖励，其中国家级100万元、省级30万元: each level its own sum, said after 其中; read as the
# levels listed with 分别 are (国家级、省级企业技术中心，分别给予奖励100万元、30万元)
LEVEL_WORD = r"(?:国家级|自治区级|省级|市级|区级|县级)"
LEVEL_SUMS_AFTER = re.compile(
    rf"(?:自治区级|省级|市级|区级|县级)以上([^,;。]{{2,20}}?)(的)?,((?:给予|奖励|补助|支持|资助)[^,;。\d]{{0,8}}?),其中"
    rf"({LEVEL_WORD}{MONEY}(?:[、,]{LEVEL_WORD}{MONEY})+)(?=[,;。]|$)"
)


# two titles of one noun listed before 分别, the later written by its own word only (优势企业、示范企业)
TITLES_SHARING_A_HEAD = re.compile(
    r"(获得|认定为|获评|评为|列入|入选)([\u4e00-\u9fff]{4,14}?)(企业|单位|中心|基地|平台)、([\u4e00-\u9fff]{2,3})\3"
    r"(?:称号)?(?:的)?,?[^,;。]{0,6}?分别"
)


# a loan of a size a bank grants (合作银行给予最高不超过600万元的科技信用担保贷款): lent, never paid; with no other sum
# and no word of a subsidy the clause is no rule for a claimant (its figure is the loan's size, no award)
LENT_ONLY = re.compile(rf"(?:给予|提供|发放)(?:最高)?(?:不超过)?{MONEY}(?:的)?[^,;。\d]{{0,12}}?贷款")
SUBSIDISED = re.compile(r"贴息|利息|补贴|补助|奖励|资助|奖补|担保费|保费")


# an award to a firm's managers (给予其高管人员及高层次人才奖励): paid to people, no claimant of a policy for firms
MANAGERS_AWARDED = re.compile(
    r"给予(?:其|企业)?(?:高管人员|高级管理人员|经营管理团队|管理团队|法定代表人|主要负责人|经营者)[^,;。\d]{0,12}?(?:奖励|补助)"
)
# people credited with bringing a project in (对引进…大项目的有功人员，给予个人奖励): paid to persons, no claimant of a
# policy for firms, whatever the sum (the project's size is their merit, no firm's threshold)
CREDITED_STAFF = re.compile(r"有功人员")
# a bound on the fee rate a guarantor or lender may charge (担保费率原则上不超过1%), with nothing paid: a term of
# their business, no rule for a claimant (its 单户担保金额 figures are no claimant's threshold)
FEE_RATE_BOUND = re.compile(r"费率(?:原则上|一般)?(?:不超过|不高于|降至|控制在)")
# a transfer between governments (省级…给予…的财力补助): paid to a lower government, no claimant's sum
FISCAL_TRANSFER = re.compile(r"财力补助|财力补贴|财力支持")
# a credit line a bank grants (单户授信额度由最高3000万元提高至5000万元): lent, never paid, as LENT_ONLY
CREDIT_LINE_ONLY = re.compile(r"授信额度")


# 对首次认定的高新技术企业，规模以上企业奖励50万元，规模以下企业奖励15万元: the claimant split by size after it is
# named, said as two halves (对…规模以上高新技术企业，奖励50万元；对…规模以下高新技术企业，奖励15万元)
SCALE_HALVES = re.compile(
    r"^(对|凡)([^,，；;。]*?的)?([^,，；;。的]{2,16}?企业)[,，]规模以上(?:工业)?企业([^,，；;。]*?万元)[,，；;]"
    r"规模以下(?:工业)?企业([^,，；;。]*?万元)(.*)$"
)


def _draft_sentence(text: str, subject: str) -> Draft:
    if halves_by_size := SCALE_HALVES.match(text.strip()):
        who, said, kind, above, below, rest = halves_by_size.groups()
        text = f"{who}{said or ''}规模以上{kind}，{above}；{who}{said or ''}规模以下{kind}，{below}{rest}"
    if RANKED_GOVERNMENT.search(_plain(text)) and re.search(r"通报|考核|考评|评价", text):
        return Draft()  # an appraisal of governments: no rule for a claimant, nothing drafted
    if (
        (lent := LENT_ONLY.search(_plain(text)))
        and not SUBSIDISED.search(_plain(text))
        and not re.search(MONEY, _plain(text)[: lent.start()] + _plain(text)[lent.end() :])
    ):
        return Draft()
    if HELPERS_FUND.search(_plain(text)) or INTERMEDIARY.search(_plain(text)):
        return Draft()
    if subject != "talent" and PRIZE_WINNER_EACH.search(_plain(text)):
        return Draft()
    if subject != "talent" and INVENTOR_IN_PERSON.match(_plain(text)):
        return Draft()
    if (
        subject != "talent"
        and MANAGERS_AWARDED.search(_plain(text))
        and not re.search(rf"(?:给予|奖励|补助)[^,;。]{{0,8}}?{MONEY}", _plain(text))
    ):
        return Draft()  # (its figures are the firm's thresholds; a sum paid to the firm beside it is read as usual)
    if FEE_RATE_BOUND.search(_plain(text)) and not PAYS.search(_plain(text)):
        return Draft()
    if subject != "talent" and CREDITED_STAFF.search(_plain(text)):
        return Draft()  # (whatever it pays, it pays the persons; its figures are their merit)
    if FISCAL_TRANSFER.search(_plain(text)) or (
        CREDIT_LINE_ONLY.search(_plain(text)) and not SUBSIDISED.search(_plain(text))
    ):
        return Draft()
    if halves := _each_claimant(text, subject):
        return halves
    if banded := _rising_threshold_halves(text, subject) or _bounded_halves(text, subject):
        return banded
    if further := _further(text, subject):
        return further
    original, text = text.strip(), _normalise(text)
    if by_level := LEVEL_SUMS_AFTER.search(text):
        pairs = re.findall(rf"({LEVEL_WORD})((?:{NUMBER})\s*(?:亿元|万元|元))", by_level.group(4))
        # (each level with the title written out, as ``_normalise`` writes 国家级、省级X)
        level_titles = "、".join(lv + by_level.group(1) for lv, _ in pairs)
        sums = "、".join(sm for _, sm in pairs)
        kind = re.sub(r"^(?:给予|奖励|补助|支持|资助)(?:一次性)?", "", by_level.group(3)) or "奖励"
        listed = f"{level_titles}{by_level.group(2) or ''},分别给予{sums}{kind}"
        text = text[: by_level.start()] + listed + text[by_level.end() :]
    # 国家知识产权优势企业、示范企业…分别: the later title said by its own word and noun only shares the first's head
    # (国家知识产权示范企业); written out, so that each title is read whole
    if listed_title := TITLES_SHARING_A_HEAD.search(text):
        own = listed_title.group(4)
        head = listed_title.group(2)[: -len(own)] if len(listed_title.group(2)) > len(own) else ""
        if head:
            text = text[: listed_title.start(4)] + head + text[listed_title.start(4) :]
    # 软件业务收入首次突破5亿元: the revenue of one business of the firm, a yearly figure of its own in its words; read
    # as the revenue is (the same length of words, 主营 for its kind), then renamed after the readings
    business = re.search(r"(?<!主营)([\u4e00-\u9fff]{2})业务收入", text)
    if business and (text.count("业务收入") > 1 or re.search(vocab.REVENUE, text)):
        business = None  # (按其业务收入: named again in other words; 营业收入 beside it: the revenue is read too)
    if business and business.group(1) != "主营":
        text = text[: business.start(1)] + "主营" + text[business.end(1) :]
    # 每获得1件发明专利授权，给予1万元 says 新获得授权的发明专利，每件给予1万元: the things gained in the year, counted
    text = re.sub(r"每(?:新)?(?:获得|取得)(?:1|一)件([^,;。\d]{2,10}?)(?:授权)?,", r"新获得授权的\1,每件", text)
    # 新获得国内发明专利授权的，每件…; 新获准注册地理标志证明商标、集体商标的，每件…: the things counted said inside
    # the verb's words, read as 新获得授权的国内发明专利 and 新获准注册的…商标 are
    text = re.sub(
        r"(新)?(?:获得|取得)((?:国内|国外|境外)?(?:发明|实用新型|外观设计)?专利)授权的,每件",
        r"新获得授权的\2,每件",
        text,
    )
    text = re.sub(r"(新)?(获准注册|核准注册|获核准注册)([^,;。\d的]{2,20}?商标)的,每件", r"\1\2的\3,每件", text)
    # 力争到2027年培育…企业400家以上，对…给予: a target set before the clause counts what the plan wants, nobody's
    # threshold; hidden from the readers, as a raise's standard is
    target = re.match(r"(?:力争|争取)?(?:到|至)\d{4}年(?:底|末)?[^,;。]*?(?:以上|左右|\d)[,;]", text)
    if target and re.search(AWARD, text[target.end() :]):
        text = "※" * target.end() + text[target.end() :]
    # 在省级财政给予年化2%贴息的基础上，市级再按…年化1%给予贴息: a superior's subsidy is no sum this clause pays;
    # hidden from the readers (as a target is), the clause's own rate after it read
    if superior := re.search(r"在(?:国家|中央|省级?|市级?|上级)[^,;。]{0,10}?年化\d+(?:\.\d+)?%的?贴息的?基础上", text):
        text = text[: superior.start()] + "※" * (superior.end() - superior.start()) + text[superior.end() :]
    # 本项目年度补助总额不超过10万元: the programme's yearly budget, no claimant's cap; hidden from the readers as a
    # superior's subsidy is (its figure is no rule)
    if budget := re.search(
        rf"(?:本项目|本专项|本政策|该项目|该专项)(?:每年|年度)?(?:补助|资助|奖励|支持|扶持)?(?:资金)?(总额"
        rf"(?:不超过|最高|为|控制在)?{NUMBER}(?:亿元|万元)(?:以内)?)",
        text,
    ):
        # (its 年度 still says the counted things are the year's)
        text = text[: budget.start(1)] + "※" * (budget.end(1) - budget.start(1)) + text[budget.end(1) :]
    draft = Draft()
    raised = _raise(_plain(original), text)
    if raised:
        # the standard's words and the share are no condition nor amount of their own: hidden from the readers
        start, end = raised[1]
        text = text[:start] + "※" * (end - start) + text[end:]
    _comparisons(text, draft)
    _rd_share(text, draft)
    _occurrence(text, draft)
    _added_measure_increase(text, draft)
    _certifications(text, draft)
    _people(text, draft)
    _institutes(text, draft)
    _places_and_kinds(text, draft, subject)
    _declared_thresholds(text, draft)
    _declared_ranges(text, draft)
    _declared_counts(text, draft)
    _declared_count_growth(text, draft)
    _demonstration_title(text, draft)
    _served_firms(text, draft)
    _loan_term_bounds(text, draft)
    _fee_rates(text, draft)  # (three readings of a rate the schema lacks, each its own words; the fee's first)
    _declared_rates(text, draft)
    _rate_thresholds(text, draft)  # those the reading above leaves: a rate after 或, dated by 年度
    if (levels := _matching_levels(text, draft)) is False:
        # 国家、省、市 listed with two ratios: never one level's grant at another's ratio
        draft.manual.append(f"{original}（待人工：{MATCHING}，所列级别与比例或上限未能逐一配对）")
        draft.conditions, draft.amount, draft.variants, draft.proposed = [], None, [], {}
        return draft
    if not levels:
        draft.variants = (
            _closed_bands(text, draft)
            or _rate_bands(text, draft)
            or _contract_party_shares(text, draft)
            or _respectively(text, draft)
            or _per_head_kinds(text, draft)
            or _hired_kinds(text, draft)
            or _market_shares(text, draft)
            or _size_shares(text, draft)
            or _prize_sums(text, draft)
            or _trade_sums(text, draft)
            or _assessed_grade_sums(text, draft)
            or _variants(text)
        )
        if draft.variants:
            draft.conditions = [
                (c, k) for c, k in draft.conditions if not c.startswith(("talent_level ==", "degree =="))
            ]
        else:
            draft.amount = _amount(text, draft)
            if draft.amount is None:
                _annualised(text, draft)
            _matching(text, draft)
            _title(text, draft)
            _certified_or_moved_in(text, draft)
            _either_certificate(text, draft)
            if MATCHING in draft.handled:
                _granted_once(draft)
    _connected(text, draft)
    _share_base_said_short(draft)
    _grant_units_of_a_count(text, draft)
    if draft.amount is None and not draft.variants:
        _reimbursed(text, draft)
    if draft.amount and draft.amount[0].startswith("manual(") and not draft.conditions and re.match(r"对|凡", text):
        # 对新引进的高端产业优质项目，…最高奖励1亿元: the reviewer's amount is for the kind of claimant the clause
        # names in words, as with 一事一议
        _claimant(text, draft, text.find(","))
    elif (
        draft.amount
        and draft.amount[0].startswith("manual(")
        and not draft.conditions
        and (given := re.search(r"给予([^,;。\d]{2,8}?)(?:每年|年度)?(?:最高|不超过)", text))
        and not re.search(r"^(?:一次性|企业|单位|其|项目)|奖|补|资助|支持|资金", given.group(1))
    ):
        # 给予零工市场每年最高16万元的补助: the kind of claimant named after 给予, a reviewer's amount within the cap
        draft.add(draft.declare(given.group(1), None, False, "boolean"), 0.6, given.span(1))
    steps_unread = False
    if STEP.search(text):
        if stepped := _steps(text, draft):
            draft.amount, draft.variants = (stepped, 0.6), []
            draft.handled.add(INCREMENT)
        else:
            steps_unread = True  # so much per step of an increase it cannot tell: never the step as the sum
    elif LEVEL_STEP.search(text):
        if stepped := _level_steps(text, draft):
            draft.amount, draft.variants = (stepped, 0.6), []
            draft.handled.add(INCREMENT)
        else:
            steps_unread = True
    if raised:
        # (上浮补助金额最高8万元: the raise's own ceiling, said after it)
        raise_cap = re.search(rf"上浮(?:补助|奖励|补贴|部分)?(?:金额|额度)?最高(?:不超过)?({NUMBER})(万元|元)", text)
        ceiling = raise_cap and _quantity(raise_cap.group(1), raise_cap.group(2), "money")
        draft.amount, draft.variants = (_capped(raised[0], ceiling or None), 0.6), []
        if not draft.conditions and re.search(rf'award\("第[{CN}\d]+条"\)', raised[0]) and not _each_title(text, draft):
            # 对新认定的省级工程研究中心，按第八条标准执行: the title's year, as with a sum (a standard named in words,
            # 在市级示范奖励基础上加倍, keeps its claimant in words, as the set labels it)
            _title(text, draft)
        if not draft.conditions and not draft.variants:
            _claimant(text, draft, raised[1][0])
        draft.handled.add(RAISE)
    if (
        draft.amount
        and draft.amount[0].startswith(("min(new_hires_graduates", "new_hires_graduates"))
        and not any("new_hires_graduates" in c for c, _ in draft.conditions)
    ):
        col = draft.amount[0].removeprefix("min(").split(" *")[0]
        draft.add(f"{col} >= 1", 0.6)
    if draft.amount and (
        paid_for := re.search(
            rf"连续({NUMBER})年(?:每年)?(?:给予|奖励|补贴|补助)[^,;。\d]{{0,4}}?({NUMBER})(万元|元)", text
        )
    ):
        each = _quantity(paid_for.group(2), paid_for.group(3), "money")
        if draft.amount[0] == each:
            # 连续三年每年给予10万元: the sum over the years, as 每人每年2万元连续3年 is read (the timing stays
            # in the text)
            draft.amount = (plain(number(each) * number(paid_for.group(1))), draft.amount[1])
    elif (
        draft.amount
        and "(" in draft.amount[0]
        and not draft.amount[0].startswith("schedule(")
        and YEARS_SUMMED not in draft.handled
        # (自认定次年起连续3年，每年按租金的30%: the years said before the yearly share, as after the grant's word)
        and re.search(rf"连续(?:奖励|支持|补贴|补助|给予)({NUMBER})年|连续({NUMBER})年,?每年", text)
    ):
        draft.handled.discard(SCHEDULE)
        draft.manual.append(f"{original}（待人工：按年计算的金额连续多年发放，须分年计划）")
        draft.conditions, draft.amount, draft.variants, draft.proposed = [], None, [], {}
        return draft
    _product_sales(text, draft)
    _online_sales(text, draft)
    if business and business.group(1) != "主营" and _reads(draft, "revenue"):
        _read_as(draft, "revenue", draft.declare(business.group(0), "万元", True))
    _purchased_technology(text, draft)
    _propose_used(text, draft)
    _usd_read(text, draft)
    _loan_rate_over_lpr_bound(text, draft)
    constructs.floor_only(text, draft)
    constructs.rate_range(text, draft)
    constructs.rate_floor(text, draft)
    constructs.less_received(text, draft)
    fund = re.search(
        # (每年投入4000万元，支持…发展: money a government puts in each year, not a claimant's 投入…以上)
        rf"(?:每年|年度|预计|计划)?(?:统筹|预算)?(?:安排|拿出|整合|(?<=每年|年度)投入)[^,;。]{{0,10}}?(?:专项资金|资金|经费)?"
        rf"({NUMBER})(亿元|万元)(?!以上|及以上|\(含)|"
        rf"(?:设立|安排)[^,;。]{{0,12}}?(?:专项资金|资金)({NUMBER})(亿元|万元)|"
        rf"(?:专项资金|资金|基金)(?:总)?规模(?:为|达到?)?(?:每年)?({NUMBER})(亿元|万元)|"
        # 奖补资金总额控制在80万元之内: the ceiling of what all claimants together get, a fund's size
        rf"总额控制在({NUMBER})(亿元|万元)(?:之内|以内|内)|"
        # (…从就业补助资金列支，每年约2000万元: the yearly sum drawn from a fund, the fund's share, no award)
        rf"列支[^。;\d]{{0,10}}?(?:每年|年度)(?:约|共计|合计|安排)?({NUMBER})(亿元|万元)",
        text,
    )
    size = fund and plain(
        to_wan(
            fund.group(1) or fund.group(3) or fund.group(5) or fund.group(7) or fund.group(9),
            fund.group(2) or fund.group(4) or fund.group(6) or fund.group(8) or fund.group(10),
        )
    )
    if fund and fund.group(7):
        draft.spans.append(fund.span())  # the total all claimants get: no threshold of any of them
    if fund and draft.amount and (fund.group(5) or fund.group(7)) and draft.amount[0] == size:
        draft.amount = None  # 专项资金规模为每年2亿元, 总额控制在80万元之内: the fund's size, never an award
    elif (
        fund
        and draft.amount
        and draft.amount[0] == size
        # (预计安排资金3000万元: the money planned for the measure, as a fund's size is; 市财政每年在知识产权专项资金中
        # 安排1500万元: the fund named before 安排 is this sum's fund too; 安排9000万元资金，支持种质资源保护: a fund
        # that pays no one, with no word of paying, is a fund too)
        and (
            # (县里拿出500万元，对…以奖代补: money set aside is a fund whatever the words of paying after it)
            # (设立…专项奖补资金1200万元, 整合1500万元资金用于发放消费券: money set up or pooled is a fund too)
            re.search(r"专项资金|基金|每年|年度|预计|计划|拿出|设立|整合", text[max(0, fund.start() - 20) : fund.end()])
            or not PAYS.search(text)
        )
        and not re.search(r"对[^,;。]{1,40}?的", text[: fund.start()])
    ):
        # 市财政每年安排工业企业技术改造专项资金3000万元，由…统筹使用: a named fund's size with no claimant before
        # it (对…的, as in 对…企业，安排资金50万元给予奖励, where the sum is an award) is the fund, never an award
        draft.amount = None
    if fund and (draft.amount is None or fund.group(0).endswith(draft.amount[0] + "万元")):
        draft.budget = size or None
        if draft.amount is None and not draft.variants:
            draft.conditions = []  # "安排资金支持企业上市" sizes a fund: it sets no condition
            if fund.group(7) and re.search(r"对[^,;。]{2,40}?(?:给予|予以)", text):
                # 对…排名前十的旅行社给予奖励，…总额控制在80万元之内: the award beside the total is unread, for a person
                draft.manual.append(original)
            return draft
    if plan := re.search(
        r"(?:按)?((?:\d+(?:\.\d+)?%、)+\d+(?:\.\d+)?%)(?:的比例)?(?:分[两二三四五\d][年期])?(?:拨付|兑付|发放|兑现)",
        text,
    ):
        draft.schedule = plan.group(1).split("、")
    elif years := re.findall(
        # (第二年企业仍在名录库内的，兑现其余50%: a later share on a condition of its own, still the plan's share)
        r"(?:第[一二三四五]年|首年|次年)(?:[^,;。]{2,30}?的,)?(?:拨付|兑付|发放|兑现)(?:其余|剩余)?(?:的)?(\d+%)",
        text,
    ):
        draft.schedule = years
        if draft.amount is None and not draft.variants and sum(float(y.rstrip("%")) for y in years) == 100:
            # the award's plan alone: a later year's condition (仍在限额以上企业名录库内) holds back that year's
            # payment, never the claim, so it is no condition of the benefit
            draft.conditions = []
    elif same_share := re.search(r"分([两二三四五2-5])年各(\d+%)(?:兑现|拨付|发放|兑付|下达)", text):
        # 奖励资金分两年各50%兑现: the same share each year
        said = same_share.group(1)
        count = int(said) if said.isdigit() else "  两三四五".index(said.replace("二", "两"))
        draft.schedule = [same_share.group(2)] * count
    elif (
        re.search(r"分[两二三四五\d](?:次|期|批|个?阶段)", text)
        and len(
            stages := re.findall(
                r"(?:拨付|兑付|发放|兑现)(?:剩余|其余|余下)?(?:资金|奖励|补助|补贴)?(?:的)?(\d+(?:\.\d+)?%)", text
            )
        )
        >= 2
    ):
        # 分两次拨付，项目开工建设后拨付50%，竣工验收后拨付50%: a share after each stage, in the stages' order
        # (…结业后拨付剩余50%: the rest said as such is the last stage's share)
        draft.schedule = stages
    if draft.amount is None and not draft.variants and re.search(r"^到\d{4}年|力争|目标(?:是|为)", text):
        draft.conditions = []  # a target (到2025年培育高新技术企业600家) names what is counted, not who is paid
    if (
        draft.amount is None
        and not draft.variants
        and re.search(r"对\d+(?:户|家|个)[^,;。]{2,}?(?:、\d+(?:户|家|个))", text)
    ):
        # 对19户科技领军企业、443户首次认定的高新技术企业给予奖补: a tally of firms a budget paid, no claimant's rule
        draft.conditions = []
    if (
        draft.amount is None
        and not draft.variants
        and re.search(r"(?:给予|予以)(?:重点|优先|倾斜)(?:支持|扶持)", text)
        and not re.search(MONEY, text)
    ):
        draft.conditions = []  # 对…企业给予重点支持: a priority, no sum for anyone: the sentence goes to a person
    if (
        draft.amount is None
        and not draft.variants
        and re.search(r"不予(?:补助|奖励|支持|补贴|扶持|资助|奖补)", text)
        and not SERIOUS_VIOLATION_SHUT_OUT.search(text)  # (who is shut out is said: read as 无严重失信 is)
    ):
        # 总投资不满30万元的项目，不予补助: an exclusion from another clause's grant, no benefit of its own; its figures
        # are conditions of that clause, for a person to join to it (never a benefit drafted on them)
        draft.manual.append(f"{original}（待人工：不予支持的情形，须并入相关条款的条件）")
        draft.conditions, draft.amount, draft.variants, draft.proposed = [], None, [], {}
        return draft
    if reason := (INCREMENT if steps_unread else None) or _unreadable(text, draft):
        # not fully read: the whole sentence goes to a person, with what was read as a hint, never half a rule
        read = [c for c, _ in draft.conditions] + ([draft.amount[0]] if draft.amount else [])
        hint = f"；已读出：{'；'.join(read)}" if read else ""
        draft.manual.append(f"{original}（待人工：{reason}{hint}）")
        draft.conditions, draft.amount, draft.variants, draft.proposed = [], None, [], {}
        draft.parameters = {}
        return draft
    _each_level(text, draft)
    if draft.schedule and not draft.conditions and draft.amount is None:
        return draft  # "补助资金分两年拨付，第一年60%…": the clause's payment plan, read as its instalments
    if (
        not draft.conditions
        and not draft.variants
        and draft.amount
        and re.fullmatch(r"\d+(?:\.\d+)?", draft.amount[0])
        and (
            won := re.match(
                # (被列入国家知识产权示范企业的，扶持10万元: the claimant named with no 对 before it)
                r"(?:对|凡)?(首次|新)?(?:被)?"
                # (新核准使用地理标志专用标志的企业: a mark's use allowed, as a certificate won)
                r"((?:通过|获得|荣获|入选|列入|获评|被认定为|认定为|核准使用)[^,;。\d]{4,24}?)的(?:企业|单位|项目)?,?"
                r"(?=[^,;。]{0,16}?\d)",
                # (通过《…》（GB/T 29490—2023）认证: a standard's number names the standard, no figure)
                (unnumbered := STANDARD_NUMBER_SAID.sub("", text)),
            )
        )
        # (对通过重新认定的: the renewal of a certificate another half names, read there; 新获得驰名商标认定 names
        # what was recognised, no renewal)
        and not (
            re.search(r"(?:认定|复审|复核|评价|评定)$", won.group(2))
            and not re.fullmatch(r"获得(?!重新)[^,;。\d复]{3,12}?(?:称号)?认定", won.group(2))
        )
    ):
        # 对通过知识产权管理体系认证的企业，给予一次性奖励3万元: what the claimant passed or won, named in words no
        # attribute reads, is a yes-or-no fact in those words (as a reviewer's amount's claimant is, ``_claimant``);
        # won for the first time (对首次获得“白河精品”认证的企业), the year it was won, as a title newly awarded is
        words = re.sub(r"[“”\"]", "", won.group(2))
        said = (won.start(2), won.end(2) + len(text) - len(unnumbered))  # (the number taken with the words)
        if "※" in words and len(written := _plain(original)) == len(text):
            # 通过《企业知识产权管理规范》认证: the standard's title is hidden from the readers, not from its label
            words = re.sub(r"[《》]", "", STANDARD_NUMBER_SAID.sub("", written[said[0] : said[1]]))
        if won.group(1):
            draft.add(f"{draft.declare(words + '年份', '年', False, 'integer')} == last_year", 0.5, said)
        else:
            draft.add(draft.declare(words, None, False, "boolean"), 0.5, said)
    if (
        draft.amount
        and not draft.variants
        and (store := re.search(r"(?<![国省市区内])首店", text))
        and not any("首店" in str(p["label"]) for p in draft.proposed.values())
    ):
        # 知名品牌首店, 设立品牌首店, 纳入限上统计的首店企业: a brand's first store in the area, a yes-or-no fact of the
        # claimant (its levels, 全国首店、全省首店, are facts of their own, read as a list)
        draft.add(draft.declare("首店", None, False, "boolean"), 0.5, store.span())
    if (
        (draft.amount or draft.variants)
        and (certified := re.match(r"对((?:通过|获得|取得)[^,;。\d且并、]{2,16}?认证)(?:且|并|、)", text))
        and not draft.taken(*certified.span(1))
    ):
        # 对获得有机茶认证且茶园面积不低于300亩的茶企业: a certificate the claimant holds beside a threshold is a
        # yes-or-no fact of its own, never dropped because another condition was read
        draft.add(draft.declare(certified.group(1), None, False, "boolean"), 0.5, certified.span(1))
    if not draft.conditions and not draft.variants:
        # a sentence with no condition the rules can hold is kept whole for the officer, never dropped
        draft.manual.append(original)
    return draft
