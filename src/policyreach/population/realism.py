"""The generator's picture of 长春: how entities spread over districts, industries and sizes.

Codes, names and district shares come from the national standards (``policyreach.standards``);
this module holds only the generator's propensities.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from policyreach.standards import divisions

# --- districts --------------------------------------------------------------------------------------------
# district -> [(functional area code, probability that an entity of the district sits in it)]
FUNCTIONAL_AREAS: dict[str, list[tuple[str, float]]] = {
    "220104": [("cc_gaoxin", 0.30), ("cc_xinqu", 0.05)],
    "220102": [("cc_jingyue", 0.30)],
    "220105": [("cc_jingkai", 0.30)],
    "220106": [("cc_qikai", 0.30)],
    "220103": [("cc_xinqu", 0.10), ("cc_kuancheng", 0.05)],
    "220113": [("cc_konggang", 0.12), ("cc_zhonghan", 0.10), ("cc_xinqu", 0.05)],
}


def district_table() -> tuple[list[str], np.ndarray]:
    """District codes and their probabilities (each district's share of registered market entities)."""
    codes = sorted(divisions.DISTRICT_WEIGHTS)
    p = np.array([divisions.DISTRICT_WEIGHTS[c] for c in codes], dtype=float)
    return codes, p / p.sum()


# --- industries -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Industry:
    code: str
    weight: float
    log_emp: float  # median log employees
    rev_per_emp: float  # median operating revenue per employee, 万元
    tech: float  # propensity for R&D and 高新 (0-1)
    manufacturing: bool
    words: tuple[str, ...]  # words for firm names


_AUTO = ("汽车零部件", "汽车部件", "汽车配件", "汽车科技", "汽车电子")
_FOOD = ("食品", "农业科技", "粮油", "米业", "乳业", "农产品加工")
_BIO = ("生物医药", "药业", "生物科技", "制药", "医疗器械")
_OPTO = ("光电", "光电科技", "电子科技", "光学", "仪器仪表")
_EQUIP = ("机械", "装备制造", "精密机械", "智能装备", "机电设备")
_ELEC = ("电气", "电力设备", "电器")
_TRADE = ("商贸", "贸易", "商业", "供应链")
_IT = ("信息技术", "软件", "网络科技", "数据科技", "智能科技")
_TECH = ("科技", "技术服务", "检测技术", "工程设计", "环保科技")
_BIZ = ("商务服务", "企业管理", "人力资源", "咨询")
_BUILD = ("建筑工程", "建设工程", "装饰工程", "市政工程")
_GEN = ("实业", "科技", "发展")

INDUSTRIES: tuple[Industry, ...] = (
    # pillar: 汽车
    Industry("C36", 0.075, 3.0, 70, 0.55, True, _AUTO),
    # 农副食品加工 / 食品制造 / 酒饮料
    Industry("C13", 0.040, 2.6, 90, 0.15, True, _FOOD),
    Industry("C14", 0.025, 2.5, 60, 0.2, True, _FOOD),
    Industry("C15", 0.008, 2.6, 60, 0.1, True, ("酒业", "饮品")),
    # 医药
    Industry("C27", 0.035, 2.9, 55, 0.9, True, _BIO),
    # 光电信息
    Industry("C39", 0.028, 2.8, 45, 0.9, True, _OPTO),
    Industry("C40", 0.015, 2.6, 35, 0.95, True, _OPTO),
    # 装备制造
    Industry("C34", 0.030, 2.7, 45, 0.6, True, _EQUIP),
    Industry("C35", 0.030, 2.7, 45, 0.65, True, _EQUIP),
    Industry("C38", 0.020, 2.7, 50, 0.6, True, _ELEC),
    Industry("C37", 0.006, 3.2, 60, 0.6, True, ("轨道交通装备", "客车配套")),
    # other manufacturing
    Industry("C33", 0.018, 2.4, 40, 0.25, True, ("金属制品", "钢结构")),
    Industry("C29", 0.012, 2.4, 40, 0.3, True, ("塑料制品", "橡胶制品")),
    Industry("C30", 0.010, 2.5, 40, 0.15, True, ("建材", "新型材料")),
    Industry("C26", 0.010, 2.6, 70, 0.6, True, ("化工", "化学")),
    Industry("C18", 0.006, 2.3, 25, 0.05, True, ("服饰", "服装")),
    Industry("C21", 0.006, 2.2, 30, 0.05, True, ("家具", "木业")),
    Industry("C23", 0.005, 2.2, 30, 0.1, True, ("印刷", "包装")),
    Industry("D44", 0.005, 3.0, 150, 0.2, False, ("能源", "热电")),
    # agriculture
    Industry("A01", 0.020, 1.6, 25, 0.05, False, ("农业", "种植", "农业发展")),
    Industry("A03", 0.010, 1.6, 30, 0.05, False, ("牧业", "养殖")),
    # construction
    Industry("E47", 0.020, 2.6, 55, 0.05, False, _BUILD),
    Industry("E48", 0.020, 2.6, 60, 0.05, False, _BUILD),
    Industry("E50", 0.015, 2.0, 40, 0.05, False, _BUILD),
    # services
    Industry("F51", 0.120, 1.5, 90, 0.03, False, _TRADE),
    Industry("F52", 0.090, 1.3, 40, 0.01, False, ("商贸", "超市", "商店", "连锁")),
    Industry("G54", 0.030, 2.0, 35, 0.02, False, ("运输", "物流", "客运")),
    Industry("G59", 0.012, 2.0, 40, 0.02, False, ("仓储", "物流")),
    Industry("H61", 0.015, 2.0, 15, 0.01, False, ("酒店", "宾馆")),
    Industry("H62", 0.030, 1.6, 12, 0.01, False, ("餐饮", "餐饮管理")),
    Industry("I64", 0.020, 1.8, 30, 0.5, False, _IT),
    Industry("I65", 0.055, 2.0, 25, 0.75, False, _IT),
    Industry("J66", 0.003, 2.5, 120, 0.1, False, ("投资", "金融服务")),
    Industry("K70", 0.025, 2.0, 50, 0.01, False, ("房地产开发", "置业", "物业服务")),
    Industry("L72", 0.060, 1.6, 20, 0.02, False, _BIZ),
    Industry("M73", 0.012, 2.2, 20, 0.95, False, ("研究院", "技术研究")),
    Industry("M74", 0.030, 2.0, 22, 0.3, False, ("工程设计", "检测技术", "规划设计")),
    Industry("M75", 0.040, 1.7, 20, 0.7, False, _TECH),
    Industry("N77", 0.010, 1.8, 20, 0.2, False, ("环保科技", "环境工程")),
    Industry("O80", 0.020, 1.4, 12, 0.01, False, ("家政服务", "生活服务")),
    Industry("P83", 0.006, 1.8, 10, 0.05, False, ("教育科技", "培训")),
    Industry("Q84", 0.006, 2.2, 18, 0.15, False, ("医疗", "健康管理")),
    Industry("R86", 0.006, 1.6, 15, 0.05, False, ("文化传媒", "影视")),
    Industry("R89", 0.004, 1.6, 12, 0.01, False, ("体育", "健身")),
)


def industry_arrays() -> dict[str, np.ndarray]:
    w = np.array([i.weight for i in INDUSTRIES])
    return {
        "p": w / w.sum(),
        "log_emp": np.array([i.log_emp for i in INDUSTRIES]),
        "rev_pc": np.array([i.rev_per_emp for i in INDUSTRIES]),
        "tech": np.array([i.tech for i in INDUSTRIES]),
        "manuf": np.array([i.manufacturing for i in INDUSTRIES]),
        "section": np.array([i.code[0] for i in INDUSTRIES]),
        "equipment": np.array([i.code in ("C34", "C35", "C36", "C37", "C38", "C40") for i in INDUSTRIES]),
    }


# 规模以上 thresholds (万元 of operating revenue): industry 2000, wholesale 2000, retail/hotel/catering 500,
# services with qualification 1000; construction has a licence rule, approximated by 2000.
ABOVE_SCALE = {"C": 2000, "B": 2000, "D": 2000, "E": 2000, "F51": 2000, "F52": 500, "H": 500}


def above_scale_threshold(code: str) -> float:
    return float(ABOVE_SCALE.get(code, ABOVE_SCALE.get(code[0], 1000)))


# --- names --------------------------------------------------------------------------------------------------
BRAND_CHARS = tuple(
    "华宇鑫盛恒泰达通瑞丰博远中信德嘉航一汇安金天顺星众凯新联创科吉北东方长兴隆昌源宏光明润福晟睿智卓越和亚"
)
NAME_PREFIXES = ("长春", "长春市", "吉林省", "吉林", "长春")
FORMS = ("有限公司", "有限公司", "有限公司", "有限责任公司", "股份有限公司")
SURNAMES = tuple(
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段"
)
GIVEN_CHARS = tuple(
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志宇浩然晨阳博文思雨欣怡子轩梓涵一鸣海波春雷丹彤"
)
INSTITUTE_PREFIXES = ("长春", "吉林省", "中国科学院长春", "长春市", "吉林")
INSTITUTE_FIELDS = (
    "光学精密机械",
    "应用化学",
    "汽车工程",
    "生物制品",
    "农业科学",
    "光电技术",
    "新材料",
    "中医药",
    "信息技术",
    "智能制造",
    "地理与农业生态",
    "食品科学",
)
INSTITUTE_SUFFIX = {
    "university": ("大学", "学院", "职业技术学院"),
    "research_institute": ("研究所", "研究院"),
    "new_rd_institution": ("产业技术研究院", "创新研究院"),
    "hospital": ("医院", "专科医院"),
}
TALENT_FIELDS = (
    "汽车工程",
    "光电信息",
    "生物医药",
    "农业科学",
    "机械工程",
    "计算机软件",
    "材料科学",
    "化学化工",
    "经济管理",
    "临床医学",
    "教育",
    "电子信息",
)
