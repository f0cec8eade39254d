# ruff: noqa: E501
# (appended the 2026-12-06 sentences to devset.yaml once, kept as written; run again it would append them twice)
"""Sentences from 22 more studied documents (issue 22, second round), worded by us in the structure of a phrasing
seen in the document whose address each carries; no document text is copied. Labels follow write_devset.py's
conventions (money in 万元; 以上/以下/以内/届满/达到/不低于/不超过 include, 不满/超过/以外/低于/不足 exclude unless the clause
says otherwise; 上年度 → [last_year], 当年 → [this_year]; 新认定/首次认定/重新认定 → cert_…_year == last_year;
a rate of a base adds `base > 0`; bands of one quantity listed with 分别 and no 首次 are exclusive bands), and the
README's for the new constructs: quantities the schema lacks under `proposed:`, amounts in 美元 kept in 万美元 as
stated, 1:1 matching as the matched amount, `manual(cap)` for an amount a reviewer sets within a stated range.
A sentence whose amount needs a figure it does not state (上浮 of another clause's award, an exchange rate, a
reference rate not in the schema) has no rule: it must go whole to a person."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

S = {
    "fj_lpr": "http://fujian.gov.cn:85/gate/big5/www.fujian.gov.cn/hdjl/hdjlzsk/sscjdglj/zscqyycj/zlqzy/202211/t20221123_6060781.htm",
    "kj_level": "https://www.chacewang.com/newsdetail/news549246.html",
    "minying": "http://www.hooverssubs.com/20/17228.html",
    "waizi": "https://m.wenke99.com/p-11302290.html",
    "wudi": "https://www.wusiwangluo.com/19394.html",
    "longgang": "http://www.ka78x.cn/bmzz/kjj/xxgk/qt/cjwt/content/post_11440576.html",
    "xiamen": "http://jingyuhuahui.com/xiamen/news/2980380.html",
    "contest": "http://m.txwheels.com/xwxq_634279.html",
    "purchase": "https://www.chacewang.com/newsdetail/news246689.html",
    "binhai": "http://bhxww.cn/shownews.asp?id=51370",
    "haicang": "http://sme.dyyseo.com/hai-cang-qu-2020-nian-shi-xian-kua-yue-fa-zhan-jiang-li",
    "output": "https://chacewang.com/newsdetail/news748437.html",
    "fuyang": "http://cn.ttfly.com/com/fuyangwurenji/sell/itemid-14234.html",
    "yishui": "http://yishui.gov.cn/info/129365/342127.htm",
    "shantou": "https://www.shantou.gov.cn/cnst/ztzl/stshqzchb/jxj/zy/content/post_1361930.html",
    "tj_gq": "http://182.61.201.157/p/7182516437",
    "tj_bh": "http://tmosaas.com/zonghe/2022/0325/73488.html",
    "gx": "http://gxt.gxzf.gov.cn/ztgz/ywzt/zxqyfw/zxqyzcxx/t15456238.shtml",
    "gx2": "http://kyfz.org.cn/show-23988.html",
    "sx": "https://photoint.net/article/edu/250279.html",
    "equip": "http://baoyang8.com.cn/?p=18561",
    "tj_zz": "http://www.hadonghoon.cn/news/yqgh/2023/0421/19358.html",
}

LPR = {"label": "LPR", "unit": "万元", "yearly": True}
MONEY_Y = {"unit": "万元", "yearly": True}
MONEY = {"unit": "万元", "yearly": False}
SMALL = 'size_class in ["小", "微"]'
SME = 'size_class in ["中", "小", "微"]'
INDUSTRIAL = 'startswith(industry, ["B", "C", "D"])'


def p(label: str, base: dict, **more: object) -> dict:
    return {"label": label, **base, **more}


ITEMS: list[tuple[str, str, str, dict]] = [
    # 福建: 专利权/商标专用权质押贷款按一年期LPR的一定比例贴息，累计贴息有上限
    (
        "fj_lpr",
        "interest",
        "对小微企业的专利权质押贷款，按一年期贷款市场报价利率（LPR）的20%给予贴息，单户企业累计贴息不超过20万元。",
        {
            "conditions": ["interest_at_lpr[last_year] > 0", SMALL],
            "amount": "min(interest_at_lpr[last_year] * 0.2, 20)",
            "proposed": {"interest_at_lpr": LPR},
        },
    ),
    (
        "fj_lpr",
        "interest",
        "对小微企业的商标专用权质押贷款，按一年期贷款市场报价利率（LPR）的40%给予贴息，单户企业累计贴息不超过30万元。",
        {
            "conditions": ["interest_at_lpr[last_year] > 0", SMALL],
            "amount": "min(interest_at_lpr[last_year] * 0.4, 30)",
            "proposed": {"interest_at_lpr": LPR},
        },
    ),
    ("fj_lpr", "non_rule_numbers", "单笔融资的贴息时间自计息之日起最长不超过1年。", {"traps": ["1"]}),
    # 科技: 国家级、省级平台分别奖励
    (
        "kj_level",
        "tier_list",
        "对新认定的国家级、省级企业技术中心，分别给予一次性奖励80万元、20万元。",
        {
            "variants": [
                {"conditions": ["cert_tech_center_nat_year == last_year"], "amount": "80"},
                {"conditions": ["cert_tech_center_prov_year == last_year"], "amount": "20"},
            ]
        },
    ),
    (
        "kj_level",
        "tier_list",
        "县级财政对新认定的国家级、省级企业技术中心，分别再给予50万元、20万元的补差奖励。",
        {
            "variants": [
                {"conditions": ["cert_tech_center_nat_year == last_year"], "amount": "50"},
                {"conditions": ["cert_tech_center_prov_year == last_year"], "amount": "20"},
            ]
        },
    ),
    # 民营经济专项资金: 小升规每户奖励，战略性新兴产业上浮
    (
        "minying",
        "first_or_renewed",
        "对上年度主营业务收入首次达到规模以上并纳入统计联网直报的中小微工业企业，每户给予20万元奖励。",
        {"conditions": ["first_time_above_scale_year == last_year", SME, INDUSTRIAL], "amount": "20"},
    ),
    (
        "minying",
        "matching",
        "对符合战略性新兴产业条件的企业，在首次升规奖励的基础上奖励额度再上浮20%。",
        {"awaits": ["raise"]},
    ),
    # 外资外贸: 美元门槛，每出口1美元奖励人民币若干元，到账外资按比例（需汇率）
    (
        "waizi",
        "usd",
        "对当年自营进出口额达到1000万美元以上、且比上年增长15%以上的企业，奖励10万元。",
        {
            "conditions": ["trade_usd[this_year] >= 1000", "trade_usd[this_year] >= trade_usd[last_year] * 1.15"],
            "amount": "10",
            "proposed": {"trade_usd": {"label": "进出口额", "unit": "万美元", "yearly": True}},
        },
    ),
    (
        "waizi",
        "usd",
        "对自营出口企业，按当年出口额每1美元奖励人民币0.01元，单个企业最高不超过20万元。",
        {
            "conditions": ["exports_usd[this_year] > 0"],
            "amount": "min(exports_usd[this_year] * 0.01, 20)",
            "proposed": {"exports_usd": {"label": "出口额", "unit": "万美元", "yearly": True}},
        },
    ),
    (
        "waizi",
        "usd",
        "对当年新设外资企业实际到账外资500万美元以上的，按到账额的2%给予奖励，单个企业最高不超过200万元人民币。",
        {"awaits": ["proposed_attribute"]},
    ),
    ("waizi", "matching", "非工业类外资项目按照工业类项目奖励标准的80%给予奖励。", {"awaits": ["raise"]}),
    # 无棣: 进出口额区间（含上限），展会按期补助
    (
        "wudi",
        "range",
        "对当年度自营进出口额在300万元至500万元（含500万元）的企业，一次性奖励2万元。",
        {
            "conditions": ["trade[this_year] > 300", "trade[this_year] <= 500"],
            "amount": "2",
            "proposed": {"trade": p("进出口额", MONEY_Y)},
        },
    ),
    (
        "wudi",
        "legal_reading",
        "对当年度自营进出口额500万元以上的企业，一次性奖励3万元。",
        {"conditions": ["trade[this_year] >= 500"], "amount": "3", "proposed": {"trade": p("进出口额", MONEY_Y)}},
    ),
    (
        "wudi",
        "per_unit",
        "对参加境内重点国际性展会的企业，每个展会每期补助0.8万元。",
        {
            "conditions": ["fairs[last_year] > 0"],
            "amount": "per_unit(fairs[last_year], 0.8)",
            "proposed": {"fairs": {"label": "展会", "unit": "个", "yearly": True, "type": "integer"}},
        },
    ),
    # 龙岗: 按上级资助金额一定比例配套
    (
        "longgang",
        "matching",
        "对上年度获上级立项的创新平台，按上级资助金额的50%给予配套扶持，最高500万元。",
        {
            "conditions": ["superior_funding[last_year] > 0"],
            "amount": "min(superior_funding[last_year] * 0.5, 500)",
            "proposed": {"superior_funding": p("上级资助", MONEY_Y)},
        },
    ),
    ("longgang", "matching", "同一项目已获区级配套扶持的，按最高金额给予差额扶持。", {"awaits": ["raise"]}),
    # 厦门: 1:1 配套，按中央财政资金比例配套，资助总额不超过总投入
    (
        "xiamen",
        "matching",
        "对承担国家重大新药创制专项的企业，按国家实际资助1:1的比例予以配套支持，单个项目最高1000万元。",
        {
            "conditions": ["national_funding[last_year] > 0"],
            "amount": "min(national_funding[last_year], 1000)",
            "proposed": {"national_funding": p("国家实际资助", MONEY_Y)},
        },
    ),
    (
        "xiamen",
        "matching",
        "按企业上年度实际获得的中央财政资金给予30%的配套支持，单个课题最高支持500万元。",
        {
            "conditions": ["central_funding[last_year] > 0"],
            "amount": "min(central_funding[last_year] * 0.3, 500)",
            "proposed": {"central_funding": p("中央财政资金", MONEY_Y)},
        },
    ),
    ("xiamen", "matching", "国家和省、市资助金额之和不超过项目总投入。", {"awaits": ["proposed_attribute"]}),
    # 创业大赛: 金额区间由评审确定，不重复资助
    (
        "contest",
        "case_by_case",
        "对在省级创业大赛中获得前三名并在本市完成商事登记的项目，每个项目给予3万元至15万元的配套资助。",
        {
            "conditions": ["startup_contest_top3"],
            "amount": "manual(15)",
            "proposed": {
                "startup_contest_top3": {"label": "创业大赛", "unit": None, "yearly": False, "type": "boolean"}
            },
        },
    ),
    (
        "contest",
        "non_rule_numbers",
        "同一项目同时获得国家级、省级创业大赛前3名的，不重复资助，按就高原则执行。",
        {"traps": ["3"]},
    ),
    # 工信: 新增采购额比例奖励，重大项目区间支持
    (
        "purchase",
        "rate_cap",
        "对上年度本地新增采购额达到1000万元以上的企业，按新增采购额的1%给予奖励，最高200万元。",
        {
            "conditions": ["new_local_purchase[last_year] >= 1000"],
            "amount": "min(new_local_purchase[last_year] * 0.01, 200)",
            "proposed": {"new_local_purchase": p("新增采购额", MONEY_Y)},
        },
    ),
    (
        "purchase",
        "case_by_case",
        "对符合条件的重大产业化项目，单个项目给予100万元—2000万元支持。",
        {"amount": "manual(2000)"},
    ),
    # 滨海: 每亩补助，网上销售额分档分别奖励，每个商标奖励
    (
        "binhai",
        "per_unit",
        "对连片种植面积达到1000亩以上的家庭农场，按每亩50元给予一次性补助。",
        {
            "conditions": ["planted_area >= 1000"],
            "amount": "per_unit(planted_area, 0.005)",
            "proposed": {"planted_area": {"label": "种植面积", "unit": "亩", "yearly": False}},
        },
    ),
    (
        "binhai",
        "tier_list",
        "家庭农场上年度网上销售本地农产品金额达到100万元、300万元、800万元以上的，分别给予1万元、3万元、8万元的一次性奖励。",
        {
            "variants": [
                {"conditions": ["online_sales[last_year] >= 100", "online_sales[last_year] < 300"], "amount": "1"},
                {"conditions": ["online_sales[last_year] >= 300", "online_sales[last_year] < 800"], "amount": "3"},
                {"conditions": ["online_sales[last_year] >= 800"], "amount": "8"},
            ],
            "proposed": {"online_sales": p("网上销售", MONEY_Y)},
        },
    ),
    (
        "binhai",
        "per_unit",
        "新注册农产品商标的，每个奖励2000元。",
        {
            "conditions": ["new_trademarks[last_year] > 0"],
            "amount": "per_unit(new_trademarks[last_year], 0.2)",
            "proposed": {"new_trademarks": {"label": "商标", "unit": "个", "yearly": True, "type": "integer"}},
        },
    ),
    # 海沧: 产值区间（含/不含）+ 同比增长 + 增量部分比例，文号
    (
        "haicang",
        "growth",
        "对上年度工业产值在5亿元（含）以上、10亿元（不含）以下，当年工业产值同比增长30%（含）以上的企业，按增量部分的1%给予奖励，每家企业最高1000万元。",
        {
            "conditions": [
                "output[last_year] >= 50000",
                "output[last_year] < 100000",
                "output[this_year] >= output[last_year] * 1.3",
            ],
            "amount": "min((output[this_year] - output[last_year]) * 0.01, 1000)",
            "proposed": {"output": p("产值", MONEY_Y)},
        },
    ),
    (
        "haicang",
        "non_rule_numbers",
        "根据厦海政〔2019〕58号文，企业申报的各项补助累计原则上不超过其区级税收留成。",
        {"awaits": ["proposed_attribute"], "traps": ["2019", "58"]},
    ),
    # 产值与设备购置额门槛
    (
        "output",
        "legal_reading",
        "对上年度产值5000万元以下的企业，给予一次性奖励10万元。",
        {"conditions": ["output[last_year] <= 5000"], "amount": "10", "proposed": {"output": p("产值", MONEY_Y)}},
    ),
    (
        "output",
        "legal_reading",
        "对投资期内新设备购置额达到500万元以上的技术改造项目，给予一次性奖励50万元。",
        {
            "conditions": ["equipment_purchase >= 500"],
            "amount": "50",
            "proposed": {"equipment_purchase": p("设备购置额", MONEY)},
        },
    ),
    (
        "output",
        "per_unit",
        "项目内企业年度新增工业产值合计超过1亿元的，按每新增1亿元工业产值奖励10万元的标准给予奖励。",
        {"awaits": ["per_unit"]},
    ),
    # 设备购置额比例、基准利率贴息、保费、每平方米、首台套售价
    (
        "fuyang",
        "rate_cap",
        "对总投资3000万元及以上的工业强基技术改造项目，按设备购置额的8%给予补助，单个项目最高500万元。",
        {
            "conditions": ["total_investment >= 3000", "equipment_purchase > 0"],
            "amount": "min(equipment_purchase * 0.08, 500)",
            "proposed": {"total_investment": p("总投资", MONEY), "equipment_purchase": p("设备购置额", MONEY)},
        },
    ),
    (
        "fuyang",
        "interest",
        "对技术改造项目3年期以上贷款，按同期银行贷款基准利率的40%给予贴息，贴息总额最高500万元。",
        {"awaits": ["lpr"]},
    ),
    (
        "fuyang",
        "rate_cap",
        "对投保首台（套）重大技术装备综合险的企业，按年度保费的80%给予补助，最高200万元。",
        {
            "conditions": ["premium[last_year] > 0"],
            "amount": "min(premium[last_year] * 0.8, 200)",
            "proposed": {"premium": p("保费", MONEY_Y)},
        },
    ),
    (
        "fuyang",
        "per_unit",
        "经认定的百级洁净厂房，每平方米补助800元。",
        {
            "conditions": ["cleanroom_area > 0"],
            "amount": "per_unit(cleanroom_area, 0.08)",
            "proposed": {"cleanroom_area": {"label": "洁净厂房", "unit": "平方米", "yearly": False}},
        },
    ),
    # 沂水: 资金规模 + 设备投资分档比例，工业机器人，标杆项目个数
    (
        "yishui",
        "tier_list",
        "县财政设立3000万元技术改造奖补资金，对项目设备实际投资达到500万元（含）、2000万元（含）、5000万元（含）以上的，分别按实际投资额的1.5%、1.8%、2%给予奖补，最高100万元。",
        {
            "variants": [
                {
                    "conditions": ["equipment_investment >= 500", "equipment_investment < 2000"],
                    "amount": "min(equipment_investment * 0.015, 100)",
                },
                {
                    "conditions": ["equipment_investment >= 2000", "equipment_investment < 5000"],
                    "amount": "min(equipment_investment * 0.018, 100)",
                },
                {"conditions": ["equipment_investment >= 5000"], "amount": "min(equipment_investment * 0.02, 100)"},
            ],
            "proposed": {"equipment_investment": p("设备实际投资", MONEY)},
            "traps": ["3000"],
        },
    ),
    (
        "yishui",
        "rate_cap",
        "对上年度购置工业机器人实际投入达到100万元以上的企业，按实际投入的1.5%给予奖补，最高80万元。",
        {
            "conditions": ["robot_investment[last_year] >= 100"],
            "amount": "min(robot_investment[last_year] * 0.015, 80)",
            "proposed": {"robot_investment": p("工业机器人", MONEY_Y)},
        },
    ),
    (
        "yishui",
        "non_rule_numbers",
        "每年评选不多于5个重大技术改造标杆项目，每个项目另行奖励50万元。",
        {
            "conditions": ["benchmark_project"],
            "amount": "50",
            "proposed": {"benchmark_project": {"label": "标杆项目", "unit": None, "yearly": False, "type": "boolean"}},
            "traps": ["5"],
        },
    ),
    # 汕头: 文号 + 门槛 + 设备购置额比例；比例区间
    (
        "shantou",
        "non_rule_numbers",
        "根据粤经信技改〔2017〕95号，对上年度主营业务收入3000万元以上的企业，按设备购置额的10%给予事后奖补，单个项目不超过800万元。",
        {
            "conditions": ["revenue[last_year] >= 3000", "equipment_purchase > 0"],
            "amount": "min(equipment_purchase * 0.1, 800)",
            "proposed": {"equipment_purchase": p("设备购置额", MONEY)},
            "traps": ["2017", "95"],
        },
    ),
    (
        "shantou",
        "range",
        "奖补金额为设备购置额的8%～12%，单个项目奖补额度原则上不超过1000万元。",
        {"awaits": ["manual_amount"]},
    ),
    # 天津: 高企按销售收入三档分别奖励，重新认定
    (
        "tj_gq",
        "tier_list",
        "对首次通过认定的国家高新技术企业，按其上年度销售收入5000万元（含）以下、5000万元至2亿元（含）、2亿元以上三档，分别给予20万元、30万元、40万元奖励。",
        {
            "conditions": ["cert_hightech_year == last_year"],
            "variants": [
                {"conditions": ["revenue[last_year] <= 5000"], "amount": "20"},
                {"conditions": ["revenue[last_year] > 5000", "revenue[last_year] <= 20000"], "amount": "30"},
                {"conditions": ["revenue[last_year] > 20000"], "amount": "40"},
            ],
        },
    ),
    (
        "tj_gq",
        "first_or_renewed",
        "对通过重新认定的国家级高新技术企业，给予每家企业8万元奖励。",
        {"conditions": ["cert_hightech_year == last_year"], "amount": "8"},
    ),
    # 天津滨海高新区: 再次认定、营收与研发强度、独角兽、按市级资金匹配
    (
        "tj_bh",
        "first_or_renewed",
        "对资格到期后再次申报并通过认定的高新技术企业，给予15万元奖励。",
        {"conditions": ["cert_hightech_year == last_year"], "amount": "15"},
    ),
    (
        "tj_bh",
        "legal_reading",
        "对上年度营业收入5亿元以上、研发投入强度达到5%以上的企业，给予一次性奖励150万元。",
        {
            "conditions": ["revenue[last_year] >= 50000", "rd_expense[last_year] >= revenue[last_year] * 0.05"],
            "amount": "150",
        },
    ),
    (
        "tj_bh",
        "first_or_renewed",
        "对首次入选中国独角兽企业榜单的企业，给予一次性奖励600万元。",
        {"conditions": ["cert_unicorn_year == last_year"], "amount": "600"},
    ),
    (
        "tj_bh",
        "matching",
        "对首次通过评价的瞪羚企业，区财政按市级奖励资金的100%给予一次性配套奖励。",
        {
            "conditions": ["cert_gazelle_year == last_year", "city_award[last_year] > 0"],
            "amount": "city_award[last_year]",
            "proposed": {"city_award": p("市级奖励", MONEY_Y)},
        },
    ),
    # 广西: 产值门槛 + 增速 + 同比增量比例；文号与排名
    (
        "gx",
        "growth",
        "对上年度工业总产值超过2亿元且增速不低于12%的制造业企业，按产值同比增量的1%予以奖励，每家企业最高不超过100万元。",
        {
            "conditions": [
                "output[last_year] > 20000",
                "output[last_year] >= output[years_ago(2)] * 1.12",
                'startswith(industry, "C")',
            ],
            "amount": "min((output[last_year] - output[years_ago(2)]) * 0.01, 100)",
            "proposed": {"output": p("产值", MONEY_Y)},
        },
    ),
    (
        "gx",
        "non_rule_numbers",
        "根据《关于加力振作工业经济的通知》（工信部联运行〔2022〕160号），对产值排全区前500名的工业企业给予重点支持。",
        {"traps": ["2022", "160", "500"]},
    ),
    # 广西: 增速每超1个百分点奖励；不低于某金额
    (
        "gx2",
        "growth",
        "对上年度产值同比增长15%以上的电子信息制造业企业，增速每超过1个百分点给予20万元补贴，单个企业最多不超过100万元。",
        {"awaits": ["proposed_attribute"]},
    ),
    (
        "gx2",
        "case_by_case",
        "对产值和销售收入同比增长15%以上的粮油加工企业，每家给予不低于50万元的促销补贴。",
        {"awaits": ["manual_amount"]},
    ),
    # 山西: 首次认定小巨人，省级/国家级分别，文号 + 与省同等额度
    (
        "sx",
        "first_or_renewed",
        "对首次认定的国家级专精特新“小巨人”企业，一次性奖励60万元。",
        {"conditions": ["cert_little_giant_year == last_year"], "amount": "60"},
    ),
    (
        "sx",
        "tier_list",
        "对首次认定的省级专精特新中小企业、国家级专精特新“小巨人”企业，分别给予10万元、30万元奖励。",
        {
            "variants": [
                {"conditions": ["cert_srdi_year == last_year"], "amount": "10"},
                {"conditions": ["cert_little_giant_year == last_year"], "amount": "30"},
            ]
        },
    ),
    (
        "sx",
        "matching",
        "依据晋政办发〔2019〕87号，对上年度首次认定的国家级专精特新“小巨人”企业，市财政给予与省同等额度的配套奖励。",
        {"awaits": ["raise"], "traps": ["2019", "87"]},
    ),
    # 设备补贴: 总投入比例上限，已付利息比例
    (
        "equip",
        "rate_cap",
        "对技术装备升级改造项目，按项目实际总投入的10%给予资助，资助上限为3000万元。",
        {
            "conditions": ["input_total[last_year] > 0"],
            "amount": "min(input_total[last_year] * 0.1, 3000)",
            "proposed": {"input_total": p("总投入", MONEY_Y)},
        },
    ),
    (
        "equip",
        "interest",
        "对企业通过银行贷款或融资租赁购置设备发生的利息，按不超过已支付利息的50%给予最高300万元贴息。",
        {
            "conditions": ["loan_interest_paid[last_year] > 0"],
            "amount": "min(loan_interest_paid[last_year] * 0.5, 300)",
        },
    ),
    # 天津制造业: 总投资门槛 + 设备投资额比例
    (
        "tj_zz",
        "rate_cap",
        "对总投资1000万元以上的工业技术改造项目，竣工投产后按设备、软硬件投资额的10%给予最高3000万元支持。",
        {
            "conditions": ["total_investment >= 1000", "equipment_investment > 0"],
            "amount": "min(equipment_investment * 0.1, 3000)",
            "proposed": {"total_investment": p("总投资", MONEY), "equipment_investment": p("软硬件投资额", MONEY)},
        },
    ),
    (
        "tj_zz",
        "rate_cap",
        "对总投资5000万元以上的重大工业项目，竣工投产后按设备投资额的8%给予最高2000万元支持。",
        {
            "conditions": ["total_investment >= 5000", "equipment_investment > 0"],
            "amount": "min(equipment_investment * 0.08, 2000)",
            "proposed": {"total_investment": p("总投资", MONEY), "equipment_investment": p("设备投资额", MONEY)},
        },
    ),
]


def held_out(address: str) -> bool:
    return int(hashlib.sha256(address.encode("utf-8")).hexdigest(), 16) % 100 < 30


def main() -> None:
    path = Path(__file__).with_name("devset.yaml")
    start = len(yaml.safe_load(path.read_text(encoding="utf-8"))["sentences"]) + 1
    out = ["# --- second round (2026-12-06): 22 more documents, write_more.py ---"]
    for n, (key, family, text, label) in enumerate(ITEMS, start):
        item = {
            "id": f"r{n:03d}",
            "family": family,
            "source": S[key],
            "text": text,
            "conditions": label.get("conditions", []),
            "amount": label.get("amount"),
        }
        for extra in ("variants", "proposed", "awaits", "traps"):
            if extra in label:
                item[extra] = label[extra]
        dumped = yaml.safe_dump([item], allow_unicode=True, sort_keys=False, width=10_000)
        out.append(f"# source: {S[key]}\n{dumped.rstrip()}")
    with path.open("a", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
