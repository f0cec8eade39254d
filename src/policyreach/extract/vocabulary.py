"""The synonym table: how policy text names attributes, certifications, places, industries and sizes.

Measures are matched by small compositional patterns (a head word and the words policies put around it:
研发 + 费用/投入/经费/支出, 营业/销售/主营 + 收入/额), so variants such as 研发经费支出 or 主营收入 need no entry
of their own; each schema label is added as a literal alternative, so a new attribute with a label is found
without touching this file.
"""

from __future__ import annotations

import re
from functools import cache

from policyreach import settings
from policyreach.rules.schema import load_schema
from policyreach.standards import divisions, industry

REVENUE = r"(?:主营业务收入|营业收入|销售收入|主营收入|经营收入|营业额|销售额|营收)"
# a kind of trade named before 进出口额/出口额 (跨境电商进出口额, 一般贸易出口额) is a part of the firm's trade, a
# figure of its own: read as the whole 进出口额 it put a threshold on the wrong figure (an invented condition);
# 出口额 inside such a 进出口额 is no 出口额 either
TRADE_PART = r"(?<!跨境电商)(?<!电商)(?<!一般贸易)(?<!加工贸易)(?<!服务贸易)(?<!数字贸易)(?<!边境贸易)(?<!保税)"
RD = r"(?:研发|科研|研究开发)(?:费用投入|费用支出|费用|经费投入|经费支出|投入|经费|支出)"

# (attribute, pattern, kind): kind is "money" (万元), "count" (people, items) or "pct" (a derived percentage).
# Order matters: the first pattern that matches a stretch of text owns it (ratios before their parts).
MEASURE_PATTERNS: list[tuple[str, str, str]] = [
    ("rd_ratio", rf"(?:{RD}|研发)(?:占(?:上年度)?{REVENUE}(?:的)?(?:比例|比重)|强度|占比)", "pct"),
    ("rd_staff_ratio", r"研发人员(?:数量)?(?:占(?:从业人员|职工)(?:总数)?(?:的)?(?:比例|比重)|占比|比例)", "pct"),
    ("tech_turnover_and_income", r"技术合同成交额与成果转化收入合计", "money"),
    ("revenue", rf"{REVENUE}(?:规模)?", "money"),
    ("rd_expense", RD, "money"),
    (
        "tax_paid",
        r"(?:纳税总额|税收贡献|纳税额|入库税金|税收缴纳额|实缴税款|实缴税金|地方税收|税收"
        r"|(?<!应)纳税|税金|税款)",
        "money",
    ),
    ("exports", rf"{TRADE_PART}(?<!进)(?:外贸)?出口(?:额|规模|总额|金额)", "money"),
    ("fixed_investment", r"(?:固定资产投资|固定资产投入|设备投资|设备投入)", "money"),
    ("tech_contract_turnover", r"(?:技术合同(?:成交|交易|登记)额|技术交易额|成交额|登记额)", "money"),
    ("tech_transfer_income", r"(?:科技)?成果(?:转移)?转化(?:收入|收益)", "money"),
    ("total_assets", r"(?:资产总额|资产规模|总资产)", "money"),
    ("new_loans", r"新增(?:银行|信用|质押)?贷款(?:金额|规模|额)?", "money"),
    ("loan_interest_paid", r"(?:贷款利息|所付利息|支付利息|利息支出)", "money"),
    # (实缴注册资本 is what was paid in: under 认缴 the registered sum may be far larger, so it is a figure of its own)
    ("registered_capital", r"(?<!实缴)(?:注册资本|注册资金)", "money"),
    (
        "new_hires_graduates",
        # 毕业年度, 离校2年内未就业 qualify which graduates; the hiring is what is counted
        # (毕业年度和离校2年内未就业: both kinds named together; 毕业2年内 as 离校2年内)
        r"(?:新招用|吸纳|招用|新签劳动合同的)(?:(?:毕业年度|应届)(?:和|或|及|、)?)?(?:(?:离校|毕业)(?:\d|[一两二三四五])年内(?:未就业)?)?"
        r"(?:的)?(?:全日制)?高校毕业生(?:人数)?",
        "count",
    ),
    ("researchers", r"科研人员(?:规模|数量|人数)?", "count"),
    ("rd_staff", r"研发人员(?:数量|人数)?", "count"),
    (
        "employees",
        # (缴纳失业保险员工人数, 参保职工人数: the insured headcount, a figure of its own)
        r"(?<!保险)(?<!参保)(?:从业人员(?:人数|规模)?|从业人数|职工人数|在岗职工数|在岗职工|员工总数|员工人数|用工人数"
        r"|吸纳就业人数"
        r"|员工|职工)",
        "count",
    ),
    ("invention_patents", r"有效发明专利", "count"),
]
# attributes read by year (the rest, such as registered capital, are not)
NOT_YEARLY = {"registered_capital", "invention_patents"}
# derived percentages and sums written as expressions of a year
EXPRESSIONS = {
    "rd_staff_ratio": "ratio(rd_staff[{y}], employees[{y}]) * 100",
    "tech_turnover_and_income": "tech_contract_turnover[{y}] + tech_transfer_income[{y}]",
}


@cache
def schema_labels() -> dict[str, tuple[str, str]]:
    """Each yearly or numeric schema attribute's Chinese label, as a literal alternative for its attribute."""
    try:
        schema = load_schema(settings.schema_path())
    except Exception:
        return {}
    labels: dict[str, tuple[str, str]] = {}
    for name, attr in schema.attributes.items():
        if attr.type.value in ("decimal", "integer") and attr.unit not in ("年", None) and len(attr.label) >= 3:
            labels[attr.label] = (name, "money" if attr.unit == "万元" else "count")
    return labels


@cache
def measure_regex() -> list[tuple[str, re.Pattern[str], str]]:
    known = {a for a, _, _ in MEASURE_PATTERNS}
    extra = [(attr, re.escape(label), kind) for label, (attr, kind) in schema_labels().items() if attr not in known]
    return [(a, re.compile(p), k) for a, p, k in MEASURE_PATTERNS + extra]


CERTIFICATIONS: dict[str, str] = {
    "国家高新技术企业": "cert_hightech_year",
    "高新技术企业": "cert_hightech_year",
    "高企": "cert_hightech_year",
    "科技型中小企业": "cert_tech_sme_year",
    "小巨人": "cert_little_giant_year",
    "专精特新中小企业": "cert_srdi_year",
    "省级专精特新": "cert_srdi_year",
    "专精特新企业": "cert_srdi_year",  # (对“专精特新”企业的贷款: the title without its 中小)
    "瞪羚企业": "cert_gazelle_year",
    "独角兽企业": "cert_unicorn_year",
    "国家级企业技术中心": "cert_tech_center_nat_year",
    "国家企业技术中心": "cert_tech_center_nat_year",
    "省级企业技术中心": "cert_tech_center_prov_year",
    # (自治区级: an autonomous region's certification is its provincial one)
    "自治区级企业技术中心": "cert_tech_center_prov_year",
    "技术创新示范企业": "cert_innovation_demo_year",
    "首台（套）": "cert_first_set_year",
    "首台(套)": "cert_first_set_year",
    "首台套": "cert_first_set_year",
    "国家重点实验室": "cert_lab_nat_year",
    "省级重点实验室": "cert_lab_prov_year",
    "自治区级重点实验室": "cert_lab_prov_year",
    "自治区重点实验室": "cert_lab_prov_year",
}
DEGREES = {"博士": "doctor", "硕士": "master", "本科": "bachelor", "学士": "bachelor", "专科": "college"}
DEGREE_ORDER = ["college", "bachelor", "master", "doctor"]
TITLES = {"正高级": "senior", "副高级": "deputy_senior", "中级职称": "intermediate"}
INSTITUTES = {
    "高等院校": "university",
    "高校": "university",
    "科研院所": "research_institute",
    "新型研发机构": "new_rd_institution",
}
SIZE_WORDS = {"大型": "大", "中型": "中", "小型": "小", "微型": "微"}
SIZES = {
    "中小微": ["中", "小", "微"],
    "中小企业": ["中", "小", "微"],
    "中小制造": ["中", "小", "微"],
    "小微": ["小", "微"],
}
AREA_NAMES = {
    **{v: k for k, v in divisions.FUNCTIONAL_AREAS.items()},
    **{v.removeprefix("长春"): k for k, v in divisions.FUNCTIONAL_AREAS.items() if len(v) > 6},
    **{v: k for k, v in divisions.FUNCTIONAL_AREA_SHORT.items()},
    "长春高新技术产业开发区": "cc_gaoxin",
}
DISTRICT_NAMES = {name: code for code, name in divisions.DISTRICTS.items()}
INDUSTRY_NAMES: dict[str, str | list[str]] = {
    name: f"{industry.section_of(code)}{code}" for code, name in industry.DIVISIONS.items()
}
INDUSTRY_NAMES.update(
    {
        "汽车零部件": "C36",
        "整车": "C36",
        "汽车制造": "C36",
        "软件企业": "I65",
        "软件和信息技术服务": "I65",
        "生物医药": "C27",
        "医药制造": "C27",
        "农产品加工": ["C13", "C14", "C15"],
        "工业企业": ["B", "C", "D"],
        "工业类": ["B", "C", "D"],
        "制造业": "C",
        "制造企业": "C",
        "烟草制造": "C16",
        # 电子信息制造业 is the statistics' 计算机、通信和其他电子设备制造业 (GB/T 4754 C39)
        "电子信息制造": "C39",
        # 物流 has no division of its own: its firms (运输, 仓储, 配送, 快递) are the section 交通运输、仓储和邮政业
        "物流企业": "G",
        # a policy's 农业企业 (beside 农民专业合作社, 家庭农场, 种养大户) farms, raises stock and fishes: the section
        # 农、林、牧、渔业, not the statistics' division 农业 (A01, crops alone), which would shut out a livestock farm
        "农业企业": "A",
    }
)
# 门类 names (住宿和餐饮业, 批发和零售业 …) name a whole section
INDUSTRY_NAMES.update({name: letter for letter, name in industry.SECTIONS.items() if "、" not in name})
