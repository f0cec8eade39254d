"""The same clause however a real document words it (issue 22, eighth round): meaning-preserving rewrites of a
clause must leave its draft unchanged.

Two kinds of case. *Templates*: a sentence of our own with one slot, filled by each form real documents use for
the same thing (the first form is the seed; the seed alone must draft something, not go to a person). *Development
seeds*: sentences of tests/extract/real/devset.yaml that the extractor gets right (development sources only, never a
held-out one: ``realset.held_out`` is checked), each rewritten by the word-level rewrites below wherever they apply.
Either way the rewritten sentence's draft must equal the seed's, compared in ``extract/compare.py``'s canonical form
(operands sorted, 1亿元 = 10000万元, ``x == True`` = ``x``), with a proposed attribute named by its unit and type,
not by the hash of its words.

Where real documents use each family (one address per family; the wording in the tests is ours):
- amounts (人民币X万元, X万元/家, 每家X万元, 一次性给予X万元): https://www.chacewang.com/newsdetail/news296316.html
- thresholds (X（含）以上, X及以上, X以上（含X）): http://sc.ruichuangshe.cn/jbzc_2024/chengdu/qyssgzlfzrgzc_27010.html
- numerals (Chinese numerals, 亿元 beside 万元): http://jinouzl.com/policy/leqing/2016-05-11/373.html
- ranges (超过X（含）、未达到Y; X（含）—Y之间): https://m.auto-fm.com/detail/2296.html
- years (上年度, 上一年度, 年度): https://www.chacewang.com/newsdetail/news607193.html
- subjects (企业, 单位, 市场主体): http://hyzy.hunancourt.gov.cn/article/detail/2021/11/id/6375317.shtml
- verbs (奖励, 补助, 奖补, 扶持): http://sme.dyyseo.com/hai-cang-qu-2020-nian-shi-xian-kua-yue-fa-zhan-jiang-li
- caps (单个企业最高, 每家企业最高不超过, 累计不超过): https://www.chacewang.com/newsdetail/news674922.html
- first/renewal (首次通过认定, 新认定, 通过复审, 再次通过认定): https://hongliipr.com/newsinfo/8111944.html and
  https://11.wendadaohang.com/zd/vMS7FPMvv88qSFSvSS.html
- a cap written 最高为X and ranges X（含）以上、Y（不含）以下: http://sme.dyyseo.com/hai-cang-qu-2020-nian-shi-xian-kua-yue-fa-zhan-jiang-li
- increments (每新增, 增量部分) and 每家企业最高奖励X: https://chacewang.com/newsdetail/news748437.html
- a cap before the award's noun (按采购额的2%给予最高200万元资助): https://www.gxqyrd.cn/zzrd/gq/4830.html
- who among governments pays (奖励资金由县财政承担): http://117.156.67.38/zwgk-view/24764.html
- the monthly forms (元/人·月), schedules as ratios (4:3:3), table notation (X≤营业收入<Y) and sums without 元 are
  ours, met probing the extractor; no document with them was found in the stored pages.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from policyreach import settings
from policyreach.extract import variants
from policyreach.extract.compare import canonical
from policyreach.extract.realset import held_out, load_set
from policyreach.extract.scoring import normalise
from policyreach.extract.sentence import Draft, draft_sentence
from policyreach.rules.errors import RuleError
from policyreach.rules.language import Env
from policyreach.rules.policy import Parameter
from policyreach.rules.schema import ProposedAttribute, Schema, extend, load_schema

DEVSET = Path(__file__).parent / "real" / "devset.yaml"
DAY = dt.date(2025, 1, 1)


@cache
def _schema() -> Schema:
    return load_schema(settings.schema_path())


def _canon(expr: str, env: Env, amount: bool) -> str:
    # per_unit, manual and schedule amounts are no plain expression: their text, normalised, is their form
    return canonical(expr, env, DAY, amount=amount) or normalise(expr)


def fingerprint(draft: Draft) -> tuple[object, ...]:
    """What a draft means: conditions, amount, each variant, whether it went to a person, canonical."""
    schema = _schema()
    try:
        if draft.proposed:
            extra = {n: ProposedAttribute.model_validate(p).attribute(n) for n, p in draft.proposed.items()}
            schema = extend(schema, extra)
        params = {n: Parameter.model_validate(p) for n, p in draft.parameters.items()}
    except (RuleError, ValueError):
        params = {}
    env = Env(schema=schema, params=params)
    # an attribute proposed from the clause's words is named by a hash of them: named here by what it holds
    names = {n: f"<{p.get('unit')},{p.get('type')},{p.get('yearly')}>" for n, p in draft.proposed.items()}

    def named(text: str) -> str:
        for name, shown in names.items():
            text = re.sub(rf"\b{name}(?![0-9a-f])", shown, text)  # a yearly one is written name_2024
        return text

    conditions = tuple(sorted(named(_canon(c, env, False)) for c, _ in draft.conditions))
    amount = named(_canon(draft.amount[0], env, True)) if draft.amount else None
    variants = tuple(
        sorted(
            (tuple(sorted(named(_canon(c, env, False)) for c, _ in own)), named(_canon(a, env, True)))
            for own, (a, _) in draft.variants
        )
    )
    return (bool(draft.manual), conditions, amount, variants)


@cache
def _meaning(seed: str) -> tuple[object, ...]:
    return fingerprint(draft_sentence(seed))  # a seed is compared with each of its rewrites: drafted once


# --- templates: one slot, every form of it -------------------------------------------------------------------

TEMPLATES: dict[str, list[tuple[str, list[str]]]] = {
    "amounts": [
        (
            "对上年度营业收入5000万元以上的企业，{}。",
            [
                "给予50万元奖励",
                "给予人民币50万元奖励",
                "给予50万元人民币奖励",
                "奖励50万元/家",
                "每家奖励50万元",
                "每家企业奖励50万元",
                "一次性给予50万元奖励",
                "给予50万元的一次性奖励",
                "一次性奖励人民币50万元",
                "给予每家企业50万元奖励",
                "按每家50万元的标准给予奖励",
                "给予企业50万元奖励",
                "给予50万元资金奖励",
                "奖补50万元",
                "给予一次性50万元奖励",
                "奖励金额为50万元",
            ],
        ),
        (
            "对首次认定为国家高新技术企业的企业，{}。",
            [
                "给予30万元奖励",
                "奖励30万元/家",
                "给予人民币30万元奖励",
                "给予30万元人民币的一次性奖励",
                "每家给予30万元奖励",
                "一次性给予30万元",
            ],
        ),
        (
            "对认定为省级企业技术中心的企业，{}。",
            ["奖励30万元", "奖励30万元/家", "每家奖励30万元", "给予30万元奖励"],
        ),
    ],
    "thresholds": [
        (
            "对上年度营业收入{}的企业，给予20万元奖励。",
            [
                "5000万元以上",
                "5000万元（含）以上",
                "5000万元及以上",
                "达到5000万元以上",
                "不低于5000万元",
                "5000万元（含本数）以上",
                "在5000万元以上（含5000万元）",
                "5000万元以上（含5000万元）",
                "达到5000万元（含）以上",
                "达5000万元及以上",
                "5000万元（含5000万元）以上",
                "5000万元以上（含本数）",
                "达到或超过5000万元",
                "大于等于5000万元",
                "≥5000万元",
                "不低于5000万元（含）",
            ],
        ),
        (
            "对上年度纳税额{}的企业，给予10万元奖励。",
            [
                "500万元以上",
                "500万元（含本数）以上",
                "500万元（含）以上",
                "在500万元以上（含500万元）",
                "不少于500万元",
            ],
        ),
        (
            "对上年度研发费用{}的企业，给予5万元奖励。",
            ["超过1000万元", "1000万元以上（不含1000万元）", "1000万元（不含）以上", "高于1000万元"],
        ),
    ],
    "numerals": [
        (
            "对上年度营业收入{}以上的企业，给予20万元奖励。",
            ["1亿元", "10000万元", "一亿元", "10,000万元", "１亿元", "1.0亿元", "壹亿元"],
        ),
        (
            "对上年度营业收入5000万元以上的企业，给予{}奖励。",
            ["50万元", "五十万元", "500000元", "500,000元", "５０万元", "0.005亿元"],
        ),
        (
            "对上年度营业收入{}以上的企业，给予20万元奖励。",
            ["5000万元", "五千万元", "5,000万元", "0.5亿元", "５０００万元", "伍仟万元"],
        ),
    ],
    "ranges": [
        (
            "对上年度主营业务收入{}的企业，给予5万元奖励。",
            [
                "在2000万元至5000万元之间",
                "2000万元至5000万元",
                "2000万元—5000万元",
                "2000万元～5000万元",
                "2000万元-5000万元",
                "2000万元以上、5000万元以下",
                "在2000万元和5000万元之间",
                "2000万元（含）至5000万元（含）",
                "不低于2000万元、不超过5000万元",
                "2000万元及以上、5000万元及以下",
                "2000万元（含）至5000万元（含）之间",
                "2000万元到5000万元",
                "2000至5000万元",
                "介于2000万元和5000万元之间",
                "2000万元（含）—5000万元（含）",
            ],
        ),
        (
            "对上年度主营业务收入{}的企业，给予5万元奖励。",
            [
                "超过2000万元、不足5000万元",
                "超过2000万元且不足5000万元",
                "高于2000万元、低于5000万元",
                "2000万元（不含）至5000万元（不含）",
                "超过2000万元、未达到5000万元",
                "2000万元以上（不含2000万元）、5000万元以下（不含5000万元）",
                "大于2000万元、小于5000万元",
            ],
        ),
        (
            "对上年度主营业务收入{}的企业，给予5万元奖励。",
            [
                "2000万元（含）至5000万元（不含）",
                "2000万元以上、不足5000万元",
                "达到2000万元、不足5000万元",
                "超过2000万元（含）、未达到5000万元",
                "2000万元（含）—5000万元之间（不含5000万元）",
            ],
        ),
    ],
    "years": [
        (
            "对{}营业收入5000万元以上的企业，给予20万元奖励。",
            ["上年度", "上一年度", "上年", "前一年度", "上一年", "上一个年度"],
        ),
        (
            "{}研发费用不低于2000万元的，按其研发费用的8%给予奖励，单个企业最高50万元。",
            ["上年度", "上一年度", "上年", "企业上一年度"],
        ),
    ],
    "subjects": [
        (
            "对上年度营业收入5000万元以上的{}，给予20万元奖励。",
            ["企业", "单位", "市场主体", "企业（单位）"],
        ),
        (
            "{}",
            [
                "对上年度营业收入5000万元以上的企业，给予20万元奖励。",
                "上年度营业收入5000万元以上的企业，给予20万元奖励。",
                "企业上年度营业收入达到5000万元以上的，给予20万元奖励。",
                "凡上年度营业收入5000万元以上的企业，给予20万元奖励。",
                "对上年度营业收入5000万元以上的企业，由区财政给予20万元奖励。",
                "对上年度营业收入5000万元以上的企业，给予该企业20万元奖励。",
            ],
        ),
    ],
    "verbs": [
        (
            "对上年度营业收入5000万元以上的企业，给予20万元{}。",
            [
                "奖励",
                "补助",
                "资助",
                "补贴",
                "奖补",
                "资金支持",
                "扶持",
                "资金奖励",
                "奖励资金",
                "的奖励",
                "一次性奖励",
                "奖励资金支持",
            ],
        ),
        (
            "对上年度营业收入5000万元以上的企业，一次性{}20万元。",
            ["奖励", "补助", "资助", "补贴", "奖补"],
        ),
    ],
    "caps": [
        (
            "对上年度研发费用500万元以上的企业，按研发费用的10%给予补贴，{}。",
            [
                "最高100万元",
                "最高不超过100万元",
                "单个企业最高100万元",
                "每家企业累计不超过100万元",
                "上限为100万元",
                "封顶100万元",
                "补贴上限为100万元",
                "最多不超过100万元",
                "单个企业补贴总额不超过100万元",
                "每家企业最高补贴100万元",
                "单家企业最高不超过100万元",
                "以100万元为限",
                "最高可达100万元",
                "最高给予100万元",
                "补贴金额最高不超过100万元",
                "单个企业补贴最高可达100万元",
                "最高补贴100万元",
                "补贴总额以100万元为上限",
            ],
        ),
    ],
    "first_or_renewed": [
        (
            "对{}的国家高新技术企业，给予30万元奖励。",
            ["首次认定", "新认定", "首次被认定", "首次通过认定", "新获认定", "首次获得认定"],
        ),
        (
            "对{}国家高新技术企业的企业，给予30万元奖励。",
            ["首次认定为", "新认定为", "首次被认定为"],
        ),
        (
            "对{}的国家高新技术企业，给予10万元奖励。",
            ["通过复审", "复审", "重新认定", "通过重新认定", "再次通过认定", "复审通过", "经复审认定", "再次被认定"],
        ),
        (
            "{}",
            [
                "对首次认定的国家高新技术企业，给予30万元奖励；对通过复审的国家高新技术企业，给予10万元奖励。",
                "对首次认定的国家高新技术企业给予30万元奖励，通过复审的给予10万元奖励。",
                "对首次认定的国家高新技术企业，给予30万元奖励；通过复审的，给予10万元奖励。",
                "对新认定的国家高新技术企业给予30万元奖励，对重新认定的给予10万元奖励。",
                "对首次通过认定的国家高新技术企业，一次性给予30万元奖励；对再次通过认定的，一次性给予10万元奖励。",
            ],
        ),
    ],
}


# a second batch, written after the first passed: forms met probing the extractor with real documents' wordings
MORE: dict[str, list[tuple[str, list[str]]]] = {
    "amounts": [
        (
            "对上年度营业收入5000万元以上的企业，{}。",
            ["奖励20万元", "奖励20万", "给予20万奖励", "一次性奖励20万"],
        ),
    ],
    "thresholds": [
        (
            "对上年度营业收入{}的企业，给予20万元奖励。",
            ["超过5000万元", "逾5000万元", "超5000万元", "＞5000万元", "5000万元以上（不含本数）"],
        ),
        (
            "对上年度{}的企业，给予10万元奖励。",
            ["纳税总额500万元以上", "缴纳税收500万元以上", "纳税500万元以上", "纳税额达500万元以上"],
        ),
    ],
    "ranges": [
        (
            "对上年度{}的企业，给予5万元奖励。",
            [
                "营业收入2000万元（含）至5000万元（不含）",
                "2000万元≤营业收入＜5000万元",
                "营业收入2000万元（含）～5000万元（不含）",
                "营业收入2000万元以上不足5000万元",
                "营业收入≥2000万元且＜5000万元",
                "营业收入在2000万元（含）至5000万元之间（不含5000万元）",
            ],
        ),
        (
            "对上年度{}的企业，给予5万元奖励。",
            [
                "营业收入2000万元至5000万元",
                "营业收入2000万元以上5000万元以下",
                "2000万元≤营业收入≤5000万元",
                "营业收入2000万～5000万元",
                "营业收入2000万元以上（含2000万元）、5000万元以下（含5000万元）",
            ],
        ),
        (
            "对上年度{}的企业，给予5万元奖励。",
            ["营业收入超过2000万元、不足5000万元", "营业收入大于2000万元小于5000万元", "2000万元＜营业收入＜5000万元"],
        ),
    ],
    "subjects": [
        (
            "对新认定的{}企业技术中心，分别给予100万元、50万元奖励。",
            ["国家级、省级", "国家级和省级", "国家级及省级", "国家级与省级"],
        ),
    ],
}

# a fourth batch: the families whose rules are formulas (monthly sums, interest, increments, payment schedules)
MORE.update(
    {
        "monthly": [
            (
                "对吸纳高校毕业生就业的企业，{}，按12个月发放，单个企业最高20万元。",
                [
                    "每人每月补贴500元",
                    "按500元/人·月给予补贴",
                    "按500元/月·人给予补贴",
                    "按每人每月500元的标准给予补贴",
                ],
            ),
        ],
        "interest": [
            (
                "对中小微企业上年度发生的银行贷款利息，按实际支付利息的50%给予贴息，{}。",
                ["单个企业最高50万元", "单个企业最高贴息50万元", "每家企业贴息最高不超过50万元"],
            ),
        ],
        "growth": [
            (
                "按上年度纳税总额{}的20%给予补助，单个企业最高不超过50万元。",
                ["增量部分", "新增部分", "增长部分"],
            ),
            (
                "对上年度出口额{}500万元以上的企业，奖励20万元。",
                ["比上年增加", "同比增加", "比上年新增", "较上年度增加"],
            ),
        ],
        "caps": [
            (  # a rate's cap written with 为, 额度 or 补助额, or before the award's noun: the amount went uncapped
                "对上年度研发费用500万元以上的企业，按研发费用的10%{}。",
                [
                    "给予补贴，最高100万元",
                    "给予补贴，每家企业该项奖励最高为100万元",
                    "给予补贴，最高为100万元",
                    "给予补贴，最高额度100万元",
                    "给予补贴，最高补助额100万元",
                    "给予补贴，补贴最高限额为100万元",
                    "给予不超过100万元的补贴",
                ],
            ),
        ],
        "levels": [
            (  # one certification at two levels, each with its sum: a benefit each, never one with both conditions
                "{}",
                [
                    "对新认定的国家级企业技术中心，给予100万元奖励；对新认定的省级企业技术中心，给予50万元奖励。",
                    "对新认定的国家级企业技术中心给予100万元奖励，省级企业技术中心给予50万元奖励。",
                    "对新认定的国家级企业技术中心奖励100万元、省级奖励50万元。",
                    "对新认定的国家级企业技术中心，给予100万元奖励；省级企业技术中心，给予50万元奖励。",
                    "对新认定的国家级企业技术中心给予100万元奖励；省级的，给予50万元奖励。",
                ],
            ),
        ],
        "rates": [
            (  # a share of a base written without 的, or as a multiple: the base went unread or the amount was lost
                "对上年度研发费用500万元以上的企业，{}，最高100万元。",
                [
                    "按研发费用的10%给予补贴",
                    "按研发费用10%给予补贴",
                    "按研发费用的0.1倍给予补贴",
                    "按照研发费用10%的比例给予补贴",
                    "按研发费用的百分之十给予补贴",
                ],
            ),
        ],
        "funding": [
            (  # who among governments pays is no rule for the claimant
                "对上年度营业收入5000万元以上的企业，给予20万元奖励{}。",
                [
                    "",
                    "，所需资金由市财政承担",
                    "，资金由市、区两级财政按1:1比例分担",
                    "，奖励资金由市、区财政各承担50%",
                ],
            ),
        ],
        "schedule": [
            (
                "企业上市成功的，奖励200万元，{}。",
                ["按40%、30%、30%分三期兑付", "按照4:3:3的比例分三期兑付", "分三期按40%、30%、30%兑付"],
            ),
        ],
    }
)


def _template_cases() -> list[tuple[str, str, str]]:
    cases = []
    rounds = [*TEMPLATES.items(), *((f"more_{f}", t) for f, t in MORE.items())]
    for family, templates in [*rounds, *((f"r2_{f}", t) for f, t in ROUND2.items())]:
        for t, (template, forms) in enumerate(templates):
            cases += [(f"{family}{t}-{i}", template.format(forms[0]), template.format(f)) for i, f in enumerate(forms)]
    return cases


# --- development seeds, rewritten word by word ----------------------------------------------------------------

NUM = r"\d+(?:\.\d+)?"
CN_DIGITS = "零一二三四五六七八九"


def _chinese(n: int) -> str:
    """1-99 in Chinese numerals: 8 → 八, 10 → 十, 15 → 十五, 30 → 三十."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_DIGITS[tens] + "十")
    return head + (CN_DIGITS[ones] if ones or not tens else "")


Rewrite = Callable[[str], str | None]


def _sub(pattern: str, replacement: str, count: int = 0) -> Rewrite:
    def rewrite(text: str) -> str | None:
        out = re.sub(pattern, replacement, text, count=count)
        return out if out != text else None

    return rewrite


# each rewrite keeps the meaning of every sentence it applies to (its pattern says where it applies)
REWRITES: dict[str, Rewrite] = {
    # years: 上年度 is 上一年度 and 上年
    "year_上一年度": _sub(r"上年度", "上一年度"),
    "year_上年": _sub(r"上年度(?!比|较)", "上年"),
    # amounts: a sum in 人民币 says the same, before or after it
    "amount_人民币前": _sub(rf"(给予|奖励|补助|补贴|资助)({NUM})万元", r"\1人民币\2万元"),
    "amount_人民币后": _sub(rf"(给予|奖励|补助|补贴|资助)({NUM})万元(?=[，。；]|奖励|补助|资金|的)", r"\1\2万元人民币"),
    "amount_每家": _sub(rf"(奖励|补助|补贴)({NUM})万元。$", r"\1\2万元/家。"),
    # thresholds: X以上 is X（含）以上, X及以上 and X（含本数）以上 (民法典 第一千二百五十九条 says 以上 includes it)
    "threshold_及以上": _sub(rf"(?<![\d.])({NUM}(?:亿元|万元|元|人|件|家))以上", r"\1及以上"),
    "threshold_含以上": _sub(rf"(?<![\d.])({NUM}(?:亿元|万元|元|人|件|家))以上", r"\1（含）以上"),
    "threshold_含本数": _sub(rf"(?<![\d.])({NUM}(?:亿元|万元|元|人|件|家))以上", r"\1（含本数）以上"),
    "threshold_以下含": _sub(rf"(?<![\d.])({NUM}(?:亿元|万元|元|人|件|家))以下(?!（)", r"\1（含）以下"),
    # numerals: 1亿元 is 10000万元, and a thousands separator changes nothing
    "numeral_亿为万": lambda text: (
        re.sub(rf"(?<![\d.])({NUM})亿元", lambda m: f"{int(float(m.group(1)) * 10000)}万元", text)
        if re.search(rf"(?<![\d.]){NUM}亿元", text) and not re.search(r"亿元（含|\d万元（含|（含\d", text)
        else None
    ),
    "numeral_千分位": _sub(r"(?<![\d.,])(\d{1,3})(\d{3})(?=万元|元)", r"\1,\2"),
    "numeral_全角": lambda text: (
        text.translate(str.maketrans("0123456789", "０１２３４５６７８９")) if re.search(r"\d", text) else None
    ),
    # verbs: a sum of money given as 奖励 or as 奖补 is the same award
    "verb_奖补": _sub(rf"给予({NUM})万元奖励", r"给予\1万元奖补"),
    "verb_资助": _sub(rf"给予一次性补助({NUM})万元", r"给予一次性资助\1万元"),
    # caps: 最高X is 最高不超过X and 单个企业最高X
    "cap_不超过": _sub(rf"(?<=[，,])最高({NUM}万元)", r"最高不超过\1"),
    "cap_上限": _sub(rf"单个企业最高({NUM}万元)", r"每家企业最高不超过\1"),
    # first/renewal: 新认定 is 首次认定, 通过复审 is 通过重新认定
    "first_首次": _sub(r"对新认定的", "对首次认定的"),
    "first_首次被": _sub(r"企业首次被认定为", "企业首次认定为"),
    "renewal_重新认定": _sub(r"通过复审的", "通过重新认定的"),
    # numerals: 10% is 10％ and 百分之十; 5000元 is 0.5万元; a space a PDF left between a number and its unit
    "numeral_全角百分号": _sub(r"(?<=\d)%", "％"),
    "numeral_百分之": lambda text: (
        re.sub(r"(?<![\d.])(\d{1,2})%", lambda m: "百分之" + _chinese(int(m.group(1))), text)
        if re.search(r"(?<![\d.])\d{1,2}%", text)
        else None
    ),
    "numeral_元为万元": _sub(r"(?<![\d.万亿])([1-9]\d*)0000元", r"\1万元"),
    "numeral_空格": _sub(r"(?<=\d)(?=万元|亿元|元|%)", " "),
    # punctuation: half-width commas and brackets, as a PDF copy or a web page gives them
    "punct_半角": lambda text: (
        text.replace("，", ",").replace("（", "(").replace("）", ")").replace("；", ";")
        if re.search(r"[，（）；]", text)
        else None
    ),
    # claimants: 对 before the claimant may be left out; 一次性 says when it is paid, not how much
    "claimant_无对": _sub(r"^对", "", count=1),
    "amount_一次性": _sub(rf"给予({NUM})万元", r"一次性给予\1万元", count=1),
    # subjects: 对…的企业 for a firm is 对…的单位 when the clause is about firms and names no other kind
    "subject_市场主体": _sub(r"的企业，", "的市场主体，", count=1),
}


# --- second round (variants2): forms met in real documents for the commonest structures --------------------------
# Where real documents use each (one address per family; the wording here is ours):
# - a sum before its noun and 一次性 after the verb (给予一次性奖励10万元): https://chacewang.com/newsdetail/news748437.html
# - 予以…奖补, 每家企业一次性奖补X: http://sdlmsw.cn/index.php?id=978
# - 给予每家X奖励, 给予最高X的奖励, 较上一年度: http://kjy.hznu.edu.cn/c/2025-09-05/3104068.shtml
# - 首次达到X、Y…分别, 超X, 单家企业补助最高不超过X, 每家企业每年最高不超过X:
#   https://www.chacewang.com/newsdetail/news342741.html
# - 首次超过X、Y…分别一次性给予, 单户企业: https://www.chacewang.com/newsdetail/news607193.html
# - 达到X及以上 (a 商务 notice copied in traditional script; its address was not kept by the search)
# - 上限达X: http://www.uekitaka-mc.com/article/2719.html
# - the others (及其以上, 5千万元, 最多X, 最高可获X, 1比1 / 等额配套, 上限为N件, X元/月,
#   初次/首度认定, 依次, 按X、Y分别给予, 伍拾万圆, 超出 / 多于) are forms of official and legal
#   Chinese met probing the extractor; no document in the stored pages was found using them: ours.
ROUND2: dict[str, list[tuple[str, list[str]]]] = {
    "orders": [
        (  # the sum, its verb and who gets it, in the orders and words real documents use
            "{}",
            [
                "对上年度营业收入5000万元以上的企业，给予50万元奖励。",
                "对上年度营业收入5000万元以上的企业，予以50万元奖励。",
                "对上年度营业收入5000万元以上的企业，给予一次性奖励50万元。",
                "对上年度营业收入5000万元以上的企业，一次性奖补50万元。",
                "对上年度营业收入5000万元以上的企业，每家企业一次性奖补50万元。",
                "对上年度营业收入5000万元以上的企业，给予50万元奖补资金。",
                "对上年度营业收入5000万元以上的企业，给予补助资金50万元。",
                "对上年度营业收入5000万元以上的企业，给予每家50万元奖励。",
                "对上年度营业收入5000万元以上的企业，给予单户企业50万元奖励。",
                "对上年度营业收入5000万元以上的企业，按50万元/户给予奖励。",
                "对上年度营业收入5000万元以上的企业，奖励标准为50万元。",
                "对上年度营业收入5000万元以上的企业，可获得50万元奖励。",
                "对于上年度营业收入5000万元以上的企业，给予50万元奖励。",
                "凡上年度营业收入5000万元以上的企业，均给予50万元奖励。",
                "上年度营业收入达到5000万元以上的企业，可申请50万元奖励。",
                "企业上年度营业收入5000万元以上的，奖励50万元。",
                "对上年度营业收入5000万元以上之企业，给予50万元奖励。",
                "对上年度实现营业收入5000万元以上的企业，给予50万元奖励。",
                "对上年度营业收入在5000万元以上的企业给予50万元奖励。",
                "对上年度营业收入5000万元以上的企业，市财政给予50万元奖励。",
                "上年度营业收入5000万元以上的企业可享受50万元奖励。",
                "对上年度营业收入5000万元以上的企业，给予50万元整的奖励。",
            ],
        ),
    ],
    "numerals": [
        (
            "对上年度营业收入5000万元以上的企业，给予{}奖励。",
            ["50万元", "50万元整", "人民币伍拾万元整", "五十万元整", "伍拾万圆", "50.0万元", "50 万元"],
        ),
    ],
    "thresholds": [
        (
            "对上年度营业收入{}的企业，给予20万元奖励。",
            [
                "5000万元以上",
                "5000万元及其以上",
                "5千万元以上",
                "5千万以上",
                "5000万元及5000万元以上",
                "达到5000万元及以上",
                "在5000万元（含）以上",
                "5000万元（含）及以上",
                "达到5000万元（含5000万元）以上",
                "0.5亿元及以上",
            ],
        ),
        (
            "对上年度营业收入{}的企业，给予20万元奖励。",
            ["超过5000万元", "超出5000万元", "多于5000万元", "5000万元以上（不含）", "5000万元（不含）以上"],
        ),
    ],
    "tiers": [
        (
            "上年度主营业务收入首次{}",
            [
                "达到2000万元、8000万元的，分别给予一次性奖励10万元、20万元。",
                "突破2000万元、8000万元的，分别给予一次性奖励10万元、20万元。",
                "达2000万元、8000万元的，分别给予一次性奖励10万元、20万元。",
                "达到2000万元、8000万元的，分别一次性给予10万元、20万元奖励。",
                "达到2000万元和8000万元的，分别给予一次性奖励10万元和20万元。",
                "达到2000万元及8000万元的，分别给予一次性奖励10万元及20万元。",
                "达到2000万元、8000万元的，分别给予一次性奖励10万元以及20万元。",
                "达到2000万元，8000万元的，分别给予一次性奖励10万元，20万元。",
                "达到2千万元、8千万元的，分别给予一次性奖励10万元、20万元。",
                "达到2000万元以上、8000万元以上的，分别给予一次性奖励10万元、20万元。",
                "达到2000万元、8000万元的，按10万元、20万元分别给予一次性奖励。",
                "达到2000万元、8000万元的，依次给予一次性奖励10万元、20万元。",
                "达到2000万元、8000万元的企业，分别给予一次性奖励10万元、20万元。",
                "达到2000万元、0.8亿元的，分别给予一次性奖励十万元、二十万元。",
                "达到2000、8000万元的，分别给予一次性奖励10、20万元。",
            ],
        ),
    ],
    "caps": [
        (
            "对上年度研发费用500万元以上的企业，按研发费用的10%给予补贴，{}。",
            [
                "最高100万元",
                "最多100万元",
                "最多补贴100万元",
                "每家企业最高可获100万元补贴",
                "单个企业最高可获得100万元",
                "上限达100万元",
                "最高补贴不超过100万元",
                "原则上不超过100万元",
                "单个企业累计最高100万元",
                "单户企业最高100万元",
                "单家企业补助最高不超过100万元",
                "每家企业每年最高不超过100万元",
                "最高不超过100万元（含）",
                "补贴金额以100万元封顶",
                "最高补贴额度为100万元",
                "最高壹佰万元",
            ],
        ),
    ],
    "rates": [
        (
            "对上年度研发费用500万元以上的企业，{}，最高100万元。",
            [
                "按研发费用的10%给予补贴",
                "按照研发费用10%给予补贴",
                "给予研发费用10%的补贴",
                "按研发费用的10%比例给予补贴",
                "按研发费用10%的标准给予补贴",
                "按研发费用的10%进行补贴",
                "以研发费用的10%给予补贴",
            ],
        ),
        (
            "对中小微企业上年度发生的银行贷款利息，{}，单个企业最高50万元。",
            [
                "按实际支付利息的50%给予贴息",
                "按实际支付利息50%给予贴息",
                "给予实际支付利息50%的贴息",
                "按照实际支付利息的50%给予贴息补助",
                "按实际支付利息的百分之五十给予贴息",
            ],
        ),
    ],
    "matching": [
        (
            "对牵头承担国家重点研发计划项目的企业，{}，单个项目最高500万元。",
            [
                "按国家实际拨付经费1:1的比例给予配套",
                "按国家实际拨付经费1∶1的比例给予配套",
                "按国家实际拨付经费1比1的比例给予配套",
                "按国家实际拨付经费给予1:1配套",
                "按国家实际拨付经费等额给予配套",
                "按国家实际拨付经费的100%给予配套",
            ],
        ),
    ],
    "per_unit": [
        (
            "对新授权的发明专利，{}。",
            [
                "每件资助1000元，每家单位每年最多资助10件",
                "按1000元/件给予资助，每家单位每年最多资助10件",
                "每件资助1千元，每家单位每年最多资助10件",
                "每件资助0.1万元，每家单位每年最多资助10件",
                "每件资助1000元，每家单位每年资助上限为10件",
                "每件资助1000元，每家单位每年资助数量不超过10件",
            ],
        ),
    ],
    "monthly": [
        (
            "对吸纳高校毕业生就业的企业，{}，按12个月发放，单个企业最高20万元。",
            [
                "每人每月补贴500元",
                "按每人500元/月给予补贴",
                "每人每月补贴0.05万元",
                "按每人每月500元给予补贴",
                "按500元/人/月给予补贴",
            ],
        ),
    ],
    "first": [
        (
            "对{}的国家高新技术企业，给予30万元奖励。",
            ["首次认定", "初次认定", "首度认定", "首次获批", "首次入选"],
        ),
    ],
}

# the second round's second batch: interest said as a ceiling on the rate, percentage points, matching, per-person
# sums and bands said with 达到 (the interest forms: https://www.chacewang.com/newsdetail/news607193.html writes 按
# 不超过…的X%; the others are ours)
ROUND2.update(
    {
        "interest": [
            (
                "对新型农业经营主体贷款，{}，单个主体年度贴息金额不超过200万元。",
                [
                    "按不超过贷款市场报价利率（LPR）的50%进行贴息",
                    "贴息比例不超过贷款市场报价利率（LPR）的50%",
                    "按最高不超过贷款市场报价利率（LPR）的50%进行贴息",
                    "按不高于贷款市场报价利率（LPR）的50%进行贴息",
                    "按不超过贷款市场报价利率（LPR）的50%给予贴息",
                    "按不超过贷款市场报价利率（LPR）的百分之五十进行贴息",
                ],
            ),
            (
                "对上年度新增银行贷款的企业，{}。",
                [
                    "按贷款额2个百分点给予贴息，最高50万元",
                    "按照贷款额2个百分点给予贴息，最高不超过50万元",
                    "按贷款额2%给予贴息，最高50万元",
                    "按贷款额的2%给予贴息，最高50万元",
                    "按贷款额两个百分点给予贴息，最高50万元",
                ],
            ),
        ],
        "matching2": [
            (
                "对获批建设省级重点实验室的单位，按省级支持经费{}配套补助。",
                ["给予1:1", "给予1∶1", "1:1给予", "给予等额", "给予1比1", "以1:1比例给予"],
            ),
        ],
        "per_person": [
            (
                "企业招用就业困难人员并稳定就业6个月以上的，{}，每家企业当年累计补助不超过15万元。",
                [
                    "按每人800元的标准给予补贴",
                    "按800元/人的标准给予补贴",
                    "每人给予800元补贴",
                    "按每人0.08万元的标准给予补贴",
                ],
            ),
        ],
        "bands": [
            (
                "上年度研发费用{}",
                [
                    "在2000万元以上的，奖励10万元；在1亿元以上的，奖励100万元。",
                    "达到2000万元的，奖励10万元；达到1亿元的，奖励100万元。",
                    "在2000万元以上的，奖励10万元；1亿元以上的，奖励100万元。",
                    "达2000万元以上的，奖励10万元；达1亿元以上的，奖励100万元。",
                    "在2000万元及以上的，奖励10万元；在10000万元及以上的，奖励100万元。",
                ],
            ),
        ],
    }
)

# the second round's third batch: ranges with 介于 and no 之间, periods and monthly sums said in other words (ours)
ROUND2.update(
    {
        "ranges": [
            (
                "对上年度研发费用{}的企业，一次性奖励30万元。",
                [
                    "在2000万元至1亿元之间",
                    "介于2000万元至1亿元",
                    "在2000万元至10000万元之间",
                    "在2千万元至1亿元之间",
                    "在0.2亿元至1亿元之间",
                    "在2000万元与1亿元之间",
                ],
            ),
        ],
        "periods": [
            (
                "企业新招用高校毕业生并签订劳动合同的，按每人每月300元给予补贴，{}，最高10万元。",
                ["补贴期限6个月", "补贴期限为6个月", "补贴6个月", "补贴期限半年", "补贴期限六个月"],
            ),
            (
                "对新引进的博士研究生，{}。",
                [
                    "按每人每月3000元发放生活补贴，最长发放3年",
                    "每人每月发放生活补贴3000元，最长发放3年",
                    "按3000元/人/月发放生活补贴，最长发放3年",
                    "按每人每月3000元发放生活补贴，最长发放36个月",
                    "按每人每月0.3万元发放生活补贴，最长发放3年",
                    "按每人3000元/月发放生活补贴，最长发放3年",
                    "按每人每月三千元发放生活补贴，最长发放三年",
                ],
            ),
        ],
    }
)

# the second round's fourth batch: a cap said with 达 (最高达X, 高达X), met checking the 达X rewrite (ours)
ROUND2["caps"].append(
    (
        "对上年度研发费用500万元以上的企业，按研发费用的10%给予补贴，{}。",
        ["最高100万元", "最高达100万元", "补贴金额高达100万元", "最高达到100万元"],
    )
)
# the fifth batch: a cap said with 不得, 限 or the award's own noun (ours; all three drafted the rate uncapped)
ROUND2["caps"].append(
    (
        "对上年度研发费用500万元以上的企业，按研发费用的10%给予补贴，{}。",
        ["最高100万元", "最高不得超过100万元", "最高限100万元", "最高奖补100万元", "单个企业不得超过100万元"],
    )
)

# seed rewrites of the second round: each keeps the meaning of every sentence it applies to
REWRITES2: dict[str, Rewrite] = {
    "verb_予以": _sub(r"给予", "予以"),
    "amount_整": _sub(rf"((?:给予|奖励|补助|补贴|资助|奖补)(?:一次性)?(?:奖励|补助)?{NUM}万元)(?=[。；])", r"\1整"),
    "amount_大写": lambda text: (
        re.sub(
            r"(给予|奖励|补助|补贴|资助|奖补)(一次性(?:奖励|补助)?)?(?<![\d.])([1-9]\d?)万元",
            lambda m: m.group(1) + (m.group(2) or "") + _chinese(int(m.group(3))).translate(UPPER_CN) + "万元",
            text,
        )
        if re.search(r"(给予|奖励|补助|补贴|资助|奖补)(一次性(?:奖励|补助)?)?(?<![\d.])[1-9]\d?万元", text)
        else None
    ),
    "numeral_千万": _sub(r"(?<![\d.])([1-9])000万元", r"\1千万元"),
    "list_和": _sub(rf"(?<=万元)、({NUM}万元)(?![、\d])", r"和\1"),
    "list_及": _sub(rf"(?<=万元)、({NUM}万元)(?![、\d])", r"及\1"),
    "cap_最多": _sub(rf"(?<=[，,])最高({NUM}万元)", r"最多\1"),
    "cap_单户": _sub(r"单个企业", "单户企业"),
    "first_突破": _sub(r"首次达到", "首次突破"),
    "first_初次": _sub(r"首次", "初次"),
    "claimant_对于": _sub(r"^对(?!于)", "对于", count=1),
    "band_达到": _sub(rf"在({NUM}(?:亿元|万元|元))以上的(?=[，,])", r"达到\1的"),
    "interest_不高于": _sub(r"按不超过(?=贷款市场报价利率)", "按不高于"),
}

UPPER_CN = str.maketrans("一二三四五六七八九十", "壹贰叁肆伍陆柒捌玖拾")

# development seeds of the second round (development sources only): tier lists, rates with caps, interest,
# matching and per-unit sums, the structures the first round's seeds left out
SEEDS2 = ["r227", "r026", "r031", "r032", "r328", "r208", "r213", "r221", "r398", "r501", "r174", "r421"]


# development sentences the extractor drafted right when this test was written (development sources only); the
# last 14 were added in a third batch, after every rewrite was run over every right development sentence
SEEDS = [
    "r002",
    "r003",
    "r005",
    "r006",
    "r008",
    "r010",
    "r012",
    "r017",
    "r019",
    "r020",
    "r021",
    "r044",
    "r048",
    "r049",
    "r050",
    "r052",
    "r053",
    "r054",
    "r056",
    "r057",
    "r063",
    "r066",
    "r069",
    "r072",
    "r075",
    "r076",
    "r077",
    "r078",
    "r080",
    "r081",
    "r083",
    "r084",
    "r085",
    "r086",
    "r088",
    "r089",
    "r090",
    "r093",
    "r095",
    "r096",
    "r097",
    "r103",
    "r130",
    "r131",
    "r132",
    "r135",
    "r136",
    "r137",
    "r138",
    "r257",
    "r365",
    "r388",
    "r389",
    "r396",
    "r405",
    "r408",
    "r414",
    "r415",
    "r418",
    "r433",
    "r441",
    "r446",
    "r552",
]


@cache
def _devset() -> dict[str, dict[str, object]]:
    return {str(item["id"]): item for item in load_set(DEVSET)}


def _seed_cases() -> list[tuple[str, str, str]]:
    cases = []
    for sid in SEEDS + SEEDS2:
        item = _devset()[sid]
        text = str(item["text"])
        for name, rewrite in (REWRITES | REWRITES2).items():
            if (rewritten := rewrite(text)) is not None:
                cases.append((f"{sid}-{name}", text, rewritten))
    return cases


def test_seeds_are_development_sentences() -> None:
    """The held-out part is never a seed: it would be tuned on."""
    assert all(not held_out(str(_devset()[sid]["source"])) for sid in SEEDS + SEEDS2)
    assert len(_seed_cases()) >= 150


# every case passes since extract/variants.py (the batches' failures were committed first as strict xfails, then
# removed as they passed: 68 of 509 at 1b5f102, 17 of 30 at e3a7236, 16 of 775 at e7a03b8, 7 of 17 at 378d316,
# 6 of 7 at cb056b7, 1 of 4 at 0d7624b, 4 of 5 at 330d972, 3 of 7 at 156e9fb; the second round (variants2): 63 of
# 408 at 53a6118, 11 of 38 at c0f1a40, 2 of 18 at 3b1c92b, 3 of 4 at aec2a05, 4 of 5 at c30c1fb)
CASES = _template_cases() + _seed_cases()


@pytest.mark.parametrize(("seed", "variant"), [pytest.param(seed, variant, id=cid) for cid, seed, variant in CASES])
def test_a_meaning_preserving_rewrite_drafts_the_same_rules(seed: str, variant: str) -> None:
    want = _meaning(seed)
    assert not want[0] and (want[1] or want[3]), f"the seed itself is not read: {seed}"
    assert fingerprint(draft_sentence(variant)) == want, variant


def test_the_canonical_wording_is_a_fixed_point() -> None:
    """A clause split into halves is read through ``canonical`` again: a second pass must change nothing."""
    for text in sorted({variant for _, _, variant in CASES}):
        once = variants.canonical(text)
        assert variants.canonical(once) == once, text


def test_a_sentence_left_to_a_person_is_shown_as_written() -> None:
    """The grammar reads the canonical wording; the officer sees the document's own words (人民币, 1,000万元)."""
    text = "对符合条件的企业，给予人民币1,000万元奖励。"
    assert variants.canonical(text) != text
    assert draft_sentence(text).manual == [text]


def test_前一年度_beside_another_year_stays_the_year_before_it() -> None:
    """前一年度 alone is 上一年度; beside 上年度 it is the year before that one (a library clause lost it once)."""
    alone = draft_sentence("对前一年度营业收入5000万元以上的企业，给予20万元奖励。")
    assert [c for c, _ in alone.conditions] == ["revenue[last_year] >= 5000"]
    beside = draft_sentence("对前一年度无出口实绩、上年度出口额不低于100万元的企业，给予3万元奖励。")
    assert sorted(c for c, _ in beside.conditions) == ["exports[last_year] >= 100", "exports[years_ago(2)] == 0"]


def test_an_article_number_is_no_claimant() -> None:
    """对 is put before a claimant named without it, never before a clause's article number."""
    text = "第四条 对上年度新认定的省级企业技术中心，给予20万元一次性奖励。"
    assert variants.canonical(text) == text
    assert variants.canonical("新引进的高端产业优质项目，最高奖励1亿元。").startswith("对新引进")
