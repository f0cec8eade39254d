# ruff: noqa: B007, B905, E501, SIM108
# (the generator that wrote devset.yaml once, kept as written so that it reproduces the committed set)
"""Writes devset.yaml: clause sentences in the phrasing families of real public policy documents (issue 22).

Every sentence is worded here, in the structure of a family observed in the document whose address it carries,
never copied: the numbers, measures and wording variants are varied by a seeded generator so that each family
appears with the kinds of numbers real documents use. The labels are computed here, from the generator's own
values, and share no code with the extractor (so the set cannot lean on it). Run once; the YAML is the set.

Label conventions (how an officer reads the words; 民法典 第一千二百五十九条 for 以上/以下/以内/届满 and
不满/超过/以外): money in 万元; 以上/以下/以内/届满/达到/不低于/不超过 include the number, 不满/超过/以外/低于/不足 exclude
it, unless the clause says otherwise (（不含）, （含）); 上年度 → [last_year], 当年 → [this_year];
首次突破 X → v[last_year] >= X and v[years_ago(2)] < X; 新认定/首次认定/重新认定/复审 → cert_…_year == last_year.

`awaits` names the constructs of the rules language that rules-grow adds (progressive bands, per-unit amounts,
schedules, instalments, manual amounts, proposed attributes …). A sentence with `awaits` and no labelled rule
cannot be written in the language on main: it must be flagged whole for a person today and counts as wrong in
the scores; one with `awaits` and a labelled rule is labelled in the best form that exists today. `traps` are numbers in the sentence that
are not rules (文号, 名单, 资金规模, 条款号, 有效期): none may appear in a drafted rule.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

SOURCES = {
    "kaifeng": "http://www.kaifeng.gov.cn/kfsrmzfwz/szfbgswj202303312215/pc/content/content_1765918279767756800.html",
    "shengzhou": "http://www.bjhold.com/art/2022/12/19/art_1529980_59040743.html",
    "ouhai": "http://www.zstuoh.com/nd.jsp?id=50",
    "ningbo": "https://www.gxqyrd.cn/zzrd/gq/7592.html",
    "panzhou": "https://www.chacewang.com/newsdetail/news91060.html",
    "chengdu": "https://wap.265xx.com/w410/196841.html",
    "waimao": "http://ask.fsou.com/html/text/lar/173615/17361535_1.html",
    "suzhou": "https://kststis.com/ksproject/ndaservplat/Apps/psp/index.php?s=%2FHome%2FPolicySearch%2Fpolicydetail"
    "%2Fid%2F1001018%2Fquery_value1%2F%E5%9B%BE%E8%A7%A3%E6%94%BF%E7%AD%96%2Forderway%2F%2Fi%2F3",
    "jiangyin": "http://joindcxcy.com/jyetsc/Apps/sme/index.php?s=/PolicySearch/doPolicyTagSearch/query_field0/"
    "classification%2Ceq/query_value0/%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD%E4%BA%A7%E4%B8%9A/query_value1/"
    "%E6%94%BF%E7%AD%96%E6%A3%80%E7%B4%A2/qb/1/p/2",
    "qingdao": "https://gqrdw.com/shandong/1061.html",
    "shandong": "http://m.kl.net.cn/g82075381.html",
    "shenzhen_gxj": "http://pinsenzixun.com/hydt/830.html",
    "shenzhen_design": "http://www.159875.cn/?p=15903",
    "hefei": "https://www.ushui.net/law/v?id=v79f3v01c102114ddf5b6cd2c8a4c4da37de487eeb8586cfddc6",
    "suining": "http://sdhanrun.com/hnsn/jbzc/202210/9b3e65225f5e4f7693da8f26b8699361.shtml",
    "minqing": "https://69agri.com/tag/%e4%b8%89%e5%86%9c/page/10",
    "liaoning": "http://gold.caiding5.cn/news/28581.html",
    "xishui": "http://www.xishuirmt.cn/p/52778.html",
    "yongkang": "http://nbxinxi.com/a/yongkangshi/20210606/273713.html",
    "langfang": "http://m.2223444.com/system/2024/01/29/030106815.shtml",
    "kuogang": "https://epaper.scdaily.cn/shtml/scrb/20230704/297108.shtml",
    "yantai": "http://chengju.com/techan/10e85d060fd0790dd2121f03736b2d28.html",
    "guangdong_sb": "https://g230.com/index.php/293926691.html",
    "chongqing": "https://www.imsilkroad.com/news/p/114878.html",
    "caikejiao": "https://research.dhu.edu.cn/2017/0317/c19271a175506/page.htm",
    "zhuhai": "http://guangzhou.3158.cn/info/20141008/n62577111117415.html",
    "maok": "https://maok.cn/index.php?c=preview&id=93954&s=news",
}

MONEY = [  # (words, attribute)
    ("营业收入", "revenue"),
    ("主营业务收入", "revenue"),
    ("销售收入", "revenue"),
    ("研发费用", "rd_expense"),
    ("纳税总额", "tax_paid"),
    ("出口额", "exports"),
    ("固定资产投资", "fixed_investment"),
    ("技术合同成交额", "tech_contract_turnover"),
]
YEARS = [("上年度", "last_year"), ("当年", "this_year"), ("上一年度", "last_year")]
WHO = ["企业", "工业企业", "规上企业", "中小企业", "制造业企业", "软件企业"]
WHO_EXTRA = {
    "工业企业": ['startswith(industry, ["B", "C", "D"])'],
    "规上企业": ["first_time_above_scale_year <= last_year"],
    "中小企业": ['size_class in ["中", "小", "微"]'],
    "制造业企业": ['startswith(industry, "C")'],
    "软件企业": ['startswith(industry, "I65")'],
    "企业": [],
}
GIVE = ["给予{a}万元奖励", "一次性奖励{a}万元", "给予一次性补助{a}万元", "奖励{a}万元", "给予{a}万元资金支持"]
CN_NUM = {1: "一", 2: "两", 3: "三", 4: "四", 5: "五", 10: "十", 20: "二十", 30: "三十", 50: "五十", 100: "一百"}


def plain(x: float) -> str:
    text = f"{x:.6f}".rstrip("0").rstrip(".")
    return text


class Writer:
    def __init__(self) -> None:
        self.rng = random.Random(22)
        self.items: list[dict] = []

    def add(self, family: str, source: str, text: str, conditions=(), amount=None, **extra) -> None:
        item = {
            "id": f"r{len(self.items) + 1:03d}",
            "family": family,
            "source": SOURCES[source],
            "text": text,
            "conditions": list(conditions),
            "amount": amount,
        }
        item.update({k: v for k, v in extra.items() if v})
        if any(i["text"] == text for i in self.items):
            return  # a repeat adds nothing
        self.items.append(item)

    def pick(self, seq):
        return self.rng.choice(seq)

    def money(self, lo: int, hi: int, step: int) -> int:
        return self.rng.randrange(lo, hi, step)


def wan(x: int) -> tuple[str, int]:
    """A threshold in 万元 written the way documents write it: 亿元 for round hundreds of millions."""
    if x >= 10000 and x % 10000 == 0:
        return f"{x // 10000}亿元", x
    if x >= 10000 and x % 1000 == 0:
        return f"{plain(x / 10000)}亿元", x
    return f"{x}万元", x


def certification(w: Writer) -> None:
    certs = [
        ("国家高新技术企业", "cert_hightech_year"),
        ("高新技术企业", "cert_hightech_year"),
        ("科技型中小企业", "cert_tech_sme_year"),
        ("省级专精特新中小企业", "cert_srdi_year"),
        ("国家级专精特新“小巨人”企业", "cert_little_giant_year"),
        ("省级企业技术中心", "cert_tech_center_prov_year"),
        ("瞪羚企业", "cert_gazelle_year"),
        ("技术创新示范企业", "cert_innovation_demo_year"),
    ]
    forms = [
        "对上年度首次认定为{c}的，{g}。",
        "对新认定的{c}，{g}。",
        "上年度通过{c}重新认定的企业，{g}。",
        "对通过复审的{c}，{g}。",
        "对当年首次获评{c}的，{g}。",
        "企业首次被认定为{c}的，{g}。",
    ]
    for i in range(24):
        c, attr = certs[i % len(certs)]
        form = forms[i % len(forms)]
        if "复审" in form or "重新认定" in form:
            c, attr = ("高新技术企业", "cert_hightech_year") if i % 2 else ("国家高新技术企业", "cert_hightech_year")
        a = w.pick([5, 10, 15, 20, 30, 50])
        year = "this_year" if "当年" in form else "last_year"
        w.add(
            "first_or_renewed",
            w.pick(["shandong", "shengzhou", "yantai", "qingdao"]),
            form.format(c=c, g=w.pick(GIVE).format(a=a)),
            [f"{attr} == {year}"],
            str(a),
        )


def tiers(w: Writer) -> None:
    # thresholds written once, amounts 分别
    for i in range(12):
        words, attr = w.pick(MONEY[:3])
        base = w.pick([1000, 2000, 5000])
        xs = [base, base * 2, base * 5] if i % 2 else [base, base * 4]
        amounts = sorted(w.rng.sample([5, 10, 20, 30, 50, 80, 100], len(xs)))
        shown = [wan(x)[0] for x in xs]
        first = i % 3 != 2
        verb = "首次突破" if first else "首次达到"
        text = (
            f"{'对' if i % 4 == 0 else ''}上年度{words}{verb}{'、'.join(shown)}的，"
            f"分别给予一次性奖励{'、'.join(f'{a}万元' for a in amounts)}。"
        )
        variants = [
            {"conditions": [f"{attr}[last_year] >= {x}", f"{attr}[years_ago(2)] < {x}"], "amount": str(a)}
            for x, a in zip(xs, amounts)
        ]
        w.add("tier_list", w.pick(["shengzhou", "ouhai", "kaifeng"]), text, variants=variants)
    # levels of a certification, 分别
    level_sets = [
        (("国家级", "cert_tech_center_nat_year"), ("省级", "cert_tech_center_prov_year"), "企业技术中心"),
        (("国家级专精特新“小巨人”企业", "cert_little_giant_year"), ("省级专精特新中小企业", "cert_srdi_year"), ""),
    ]
    for i in range(10):
        (n1, a1), (n2, a2), tail = level_sets[i % 2]
        x1, x2 = w.pick([100, 200, 300]), w.pick([20, 30, 50])
        lead = w.pick(["对新认定的", "对首次认定为", "上年度新获评"])
        text = f"{lead}{n1}、{n2}{tail}的，分别给予{x1}万元、{x2}万元奖励。"
        variants = [
            {"conditions": [f"{a1} == last_year"], "amount": str(x1)},
            {"conditions": [f"{a2} == last_year"], "amount": str(x2)},
        ]
        w.add("tier_list", w.pick(["suzhou", "shengzhou", "shenzhen_design"]), text, variants=variants)
    # bands read as a table: X以上的 Y；Z以上的 W
    for i in range(8):
        words, attr = w.pick(MONEY[:5])
        x1, x2 = w.pick([500, 1000, 2000]), w.pick([5000, 10000])
        a1, a2 = w.pick([10, 20]), w.pick([50, 100])
        text = f"上年度{words}在{wan(x1)[0]}以上的，奖励{a1}万元；在{wan(x2)[0]}以上的，奖励{a2}万元。"
        w.add(
            "tier_list",
            w.pick(["kaifeng", "qingdao"]),
            text,
            [f"{attr}[last_year] >= {x1}"],
            f"tier({attr}[last_year], [[{x1}, {a1}], [{x2}, {a2}]])",
        )


def ranges(w: Writer) -> None:
    forms = [
        ("{m}在{x}（含）至{y}（不含）之间的", ">=", "<"),
        ("{m}{x}—{y}（含{y}）的", ">", "<="),
        ("{m}为{x}～{y}的", ">=", "<="),
        ("{m}达到{x}至{y}（不含）的", ">=", "<"),
        ("{m}{x}（不含）至{y}（含）的", ">", "<="),
        ("{m}在{x}至{y}之间的", ">=", "<="),
    ]
    for i in range(24):
        words, attr = w.pick(MONEY)
        form, lo, hi = forms[i % len(forms)]
        x = w.pick([500, 1000, 2000, 3000])
        y = x * w.pick([2, 5, 10])
        yx, yy = wan(x)[0], wan(y)[0]
        if "（含{y}）" in form:
            clause = form.format(m=words, x=x, y=f"{y}万元")
        else:
            clause = form.format(m=words, x=yx, y=yy)
        a = w.pick([10, 20, 30, 50])
        yr, col = w.pick(YEARS[:2])
        text = f"对{yr}{clause}企业，{w.pick(GIVE).format(a=a)}。"
        if "—" in clause and "亿" in clause.split("—")[0] + "x":
            pass
        w.add(
            "range",
            w.pick(["suining", "kaifeng", "liaoning"]),
            text,
            [f"{attr}[{col}] {lo} {x}", f"{attr}[{col}] {hi} {y}"],
            str(a),
        )


def legal(w: Writer) -> None:
    forms = [
        ("{m}{x}以上的{who}", ">="),
        ("{m}在{x}以下的{who}", "<="),
        ("{m}{x}以内的{who}", "<="),
        ("{m}不满{x}的{who}", "<"),
        ("{m}超过{x}的{who}", ">"),
        ("{m}达到{x}（不含）以上的{who}", ">"),
        ("{m}{x}以下（不含）的{who}", "<"),
        ("{m}不低于{x}的{who}", ">="),
        ("{m}低于{x}的{who}", "<"),
        ("{m}不超过{x}的{who}", "<="),
    ]
    for i in range(20):
        words, attr = w.pick(MONEY)
        form, op = forms[i % len(forms)]
        who = w.pick(WHO)
        x = w.pick([100, 300, 500, 1000, 2000, 5000, 20000])
        yr, col = w.pick(YEARS)
        a = w.pick([5, 10, 20, 30])
        text = f"{yr}{form.format(m=words, x=wan(x)[0], who=who)}，{w.pick(GIVE).format(a=a)}。"
        w.add(
            "legal_reading",
            w.pick(["suining", "shandong", "ouhai", "hefei"]),
            text,
            [f"{attr}[{col}] {op} {x}", *WHO_EXTRA[who]],
            str(a),
        )
    people = [
        ("从业人员{n}人以上的企业", "employees[last_year] >= {n}"),
        ("从业人员{n}人以下的企业", "employees[last_year] <= {n}"),
        ("从业人员不满{n}人的企业", "employees[last_year] < {n}"),
        ("从业人员超过{n}人的企业", "employees[last_year] > {n}"),
        ("成立届满{k}年的企业", "firm_age >= {k}"),
        ("成立不满{k}年的企业", "firm_age < {k}"),
        ("注册成立{k}年以内的企业", "firm_age <= {k}"),
        ("有效发明专利{p}件以上的企业", "invention_patents >= {p}"),
        ("有效发明专利超过{p}件的企业", "invention_patents > {p}"),
        ("从业人员{n}人以内的企业", "employees[last_year] <= {n}"),
    ]
    for i in range(10):
        form, cond = people[i]
        n, k, p = w.pick([50, 100, 300]), w.pick([2, 3, 5]), w.pick([5, 10, 20])
        a = w.pick([5, 10, 20])
        text = f"对上年度{form.format(n=n, k=k, p=p)}，{w.pick(GIVE).format(a=a)}。"
        w.add("legal_reading", w.pick(["hefei", "ouhai"]), text, [cond.format(n=n, k=k, p=p)], str(a))


def growth(w: Writer) -> None:
    for i in range(8):
        p, a = w.pick([10, 15, 20, 30]), w.pick([10, 20, 30])
        who = w.pick(["企业", "工业企业"])
        form = w.pick(
            ["对上年度营业收入同比增长{p}%以上的{who}，{g}。", "上年度营业收入比上年增长{p}%及以上的{who}，{g}。"]
        )
        text = form.format(p=p, who=who, g=w.pick(GIVE).format(a=a))
        w.add("growth", w.pick(["kaifeng", "ningbo"]), text, [f"revenue_growth >= {p}", *WHO_EXTRA[who]], str(a))
    for i in range(8):
        words, attr = w.pick([("研发费用", "rd_expense"), ("纳税总额", "tax_paid"), ("出口额", "exports")])
        p, c = w.pick([5, 10, 20]), w.pick([50, 100, 200])
        form = w.pick(
            [
                "对上年度{m}超出上一年度的部分，按{p}%给予奖励，最高{c}万元。",
                "按上年度{m}增量部分的{p}%给予补助，单个企业最高不超过{c}万元。",
                "企业上年度{m}较前一年度增长的部分，按{p}%给予奖补，最高{c}万元。",
            ]
        )
        text = form.format(m=words, p=p, c=c)
        w.add(
            "growth",
            w.pick(["hangzhou" if False else "kaifeng", "qingdao"]),
            text,
            [f"{attr}[last_year] > {attr}[years_ago(2)]"],
            f"min(({attr}[last_year] - {attr}[years_ago(2)]) * {plain(p / 100)}, {c})",
        )
    for i in range(8):
        words, attr = w.pick([("研发费用", "rd_expense"), ("出口额", "exports"), ("纳税总额", "tax_paid")])
        x, a = w.pick([100, 200, 500]), w.pick([10, 20])
        text = f"对上年度{words}比上年增加{x}万元以上的企业，{w.pick(GIVE).format(a=a)}。"
        w.add(
            "growth", w.pick(["ningbo", "qingdao"]), text, [f"{attr}[last_year] - {attr}[years_ago(2)] >= {x}"], str(a)
        )


def rate_cap(w: Writer) -> None:
    bases = [
        ("研发费用", "rd_expense"),
        ("固定资产投资", "fixed_investment"),
        ("技术合同成交额", "tech_contract_turnover"),
    ]
    for i in range(12):
        words, attr = w.pick(bases)
        x, p, c = w.pick([500, 1000, 2000]), w.pick([3, 5, 8, 10]), w.pick([50, 100, 200, 300])
        form = w.pick(
            [
                "对上年度{m}达到{x}以上的企业，按{m}的{p}%给予补助，最高不超过{c}万元。",
                "上年度{m}不低于{x}的，按其{m}的{p}%给予奖励，单个企业最高{c}万元。",
                "对上年度{m}{x}以上的项目，按{m}的{p}%给予补贴，补贴上限为{c}万元。",
            ]
        )
        text = form.format(m=words, x=wan(x)[0], p=p, c=c)
        w.add(
            "rate_cap",
            w.pick(["chengdu", "shenzhen_design", "jiangyin"]),
            text,
            [f"{attr}[last_year] >= {x}"],
            f"min({attr}[last_year] * {plain(p / 100)}, {c})",
        )
    for i in range(8):
        words, attr = w.pick(bases)
        x, p, f, c = w.pick([200, 500]), w.pick([5, 10]), w.pick([5, 10]), w.pick([100, 200])
        text = f"对上年度{words}达到{x}万元以上的企业，按{words}的{p}%给予补助，最低不少于{f}万元、最高不超过{c}万元。"
        w.add(
            "rate_cap_floor",
            w.pick(["shenzhen_gxj", "chengdu"]),
            text,
            [f"{attr}[last_year] >= {x}"],
            f"max(min({attr}[last_year] * {plain(p / 100)}, {c}), {f})",
        )
    for i in range(6):
        k, x, c = w.pick([2, 3, 5]), w.pick([1000, 2000]), w.pick([20, 50])
        text = f"上年度技术合同成交额{x}万元以上的企业，按成交额的千分之{CN_NUM.get(k, k)}给予奖励，最高{c}万元。"
        w.add(
            "rate_cap",
            "jiangyin",
            text,
            [f"tech_contract_turnover[last_year] >= {x}"],
            f"min(tech_contract_turnover[last_year] * {plain(k / 1000)}, {c})",
        )
    for i in range(4):
        p, c = w.pick([30, 50]), w.pick([30, 50, 100])
        text = f"对经认定的市级工业设计中心，按不超过其总投入的{p}%给予支持，最高不超过{c}万元。"
        w.add("rate_cap", "shenzhen_design", text, awaits=["proposed_attribute"])


def monthly(w: Writer) -> None:
    for i in range(8):
        m, n = w.pick([300, 500, 800, 1000]), w.pick([6, 12])
        form = w.pick(
            [
                "企业新招用高校毕业生并签订劳动合同的，按每人每月{m}元给予补贴，补贴期限{n}个月，最高{c}万元。",
                "对吸纳高校毕业生就业的企业，每人每月补贴{m}元，按{n}个月发放，单个企业最高{c}万元。",
            ]
        )
        c = w.pick([10, 20, 50])
        text = form.format(m=m, n=n, c=c)
        w.add(
            "monthly",
            w.pick(["guangdong_sb", "langfang", "kuogang"]),
            text,
            ["new_hires_graduates[last_year] >= 1"],
            f"min(new_hires_graduates[last_year] * {plain(m * n / 10000)}, {c})",
        )
    for i in range(6):
        deg, code = w.pick([("博士", "doctor"), ("硕士", "master")])
        m, n = w.pick([1000, 2000, 3000]), w.pick([12, 24, 36])
        text = f"对全职引进的{deg}研究生，每人每月发放生活补贴{m}元，连续发放{n}个月。"
        w.add(
            "monthly",
            w.pick(["kuogang", "langfang"]),
            text,
            [f'degree == "{code}"'],
            plain(m * n / 10000),
            subject="talent",
            awaits=["schedule"] if n > 12 else [],
        )
    for i in range(4):
        m = w.pick([1000, 1500])
        text = f"对招用离校两年内未就业高校毕业生的企业，按每招用1人{m}元的标准发放一次性扩岗补助。"
        w.add(
            "monthly",
            w.pick(["kuogang", "yantai"]),
            text,
            ["new_hires_graduates[last_year] >= 1"],
            f"new_hires_graduates[last_year] * {plain(m / 10000)}",
        )


def per_unit(w: Writer) -> None:
    for i in range(8):
        a, k = w.pick([1000, 2000, 3000, 5000]), w.pick([5, 10, 20])
        text = w.pick(
            [
                "对新授权的发明专利，每件资助{a}元，每家单位每年最多资助{k}件。",
                "企业获得PCT国际专利授权的，按每件{a}元给予奖励，每年最多奖励{k}件。",
            ]
        ).format(a=a, k=k)
        w.add("per_unit", w.pick(["shenzhen_gxj", "suzhou"]), text, awaits=["per_unit", "proposed_attribute"])
    for i in range(6):
        a, c = w.pick([50, 100, 200]), w.pick([10, 20, 50])
        text = f"对新建高标准农田的经营主体，按每亩{a}元给予补贴，单个主体最高不超过{c}万元。"
        w.add("per_unit", w.pick(["yongkang", "minqing"]), text, awaits=["per_unit", "proposed_attribute"])
    for i in range(4):
        a, c = w.pick([1, 2]), w.pick([20, 50])
        text = f"企业购置工业机器人的，每台给予{a}万元补助，同一企业年度补助不超过{c}万元。"
        w.add("per_unit", "kaifeng", text, awaits=["per_unit", "proposed_attribute"])


def progressive(w: Writer) -> None:
    for i in range(12):
        words, attr = w.pick([("纳税总额", "tax_paid"), ("研发费用", "rd_expense")])
        x, y = w.pick([500, 1000]), w.pick([3000, 5000])
        r1, r2, r3 = w.pick([1, 2]), w.pick([3, 4]), w.pick([5, 6])
        text = (
            f"按上年度{words}分段累进给予奖励：{x}万元以下部分奖励{r1}%，{x}万元至{y}万元部分奖励{r2}%，"
            f"超过{y}万元部分奖励{r3}%。"
        )
        v = f"{attr}[last_year]"
        formula = (
            f"min({v}, {x}) * {plain(r1 / 100)} + max(min({v}, {y}) - {x}, 0) * {plain(r2 / 100)}"
            f" + max({v} - {y}, 0) * {plain(r3 / 100)}"
        )
        w.add(
            "progressive",
            w.pick(["ouhai", "hefei"]),
            text,
            [f"{v} > 0"],
            formula,
            awaits=["progressive"],
        )


def schedule(w: Writer) -> None:
    for i in range(9):
        a = w.pick([100, 200, 500])
        plan = w.pick(["40%、30%、30%", "50%、50%", "30%、30%、40%"])
        years = plan.count("、") + 1
        text = w.pick(
            [
                "对首次在上海、深圳、北京证券交易所上市的企业，给予{a}万元奖励，分{y}年按{p}的比例拨付。",
                "企业上市成功的，奖励{a}万元，按{p}分{y}期兑付。",
            ]
        ).format(a=a, p=plan, y="两" if years == 2 else "三")
        w.add("schedule", w.pick(["panzhou", "chengdu", "maok"]), text, ["listed"], str(a), awaits=["instalments"])
    for i in range(6):
        text = w.pick(
            [
                "对入驻孵化载体的企业，前两年给予全额租金补贴，后三年按60%给予补贴。",
                "对新引进的总部企业，自用办公用房租金前三年补贴100%，后两年补贴50%。",
            ]
        )
        w.add("schedule", w.pick(["ouhai", "zhuhai"]), text, awaits=["schedule", "proposed_attribute"])


def interest(w: Writer) -> None:
    for i in range(14):
        p, c = w.pick([30, 40, 50, 60, 80]), w.pick([20, 50, 100, 200])
        text = w.pick(
            [
                "对中小微企业上年度发生的银行贷款利息，按实际支付利息的{p}%给予贴息，单个企业最高{c}万元。",
                "按企业上年度实际支付贷款利息的{p}%给予贴息补助，每家企业贴息上限{c}万元。",
            ]
        ).format(p=p, c=c)
        w.add(
            "interest",
            w.pick(["xishui", "chongqing"]),
            text,
            ["loan_interest_paid[last_year] > 0", *(['size_class in ["中", "小", "微"]'] if "中小微" in text else [])],
            f"min(loan_interest_paid[last_year] * {plain(p / 100)}, {c})",
        )
    for i in range(6):
        k, c = w.pick([1, 2]), w.pick([50, 100])
        text = f"对上年度新增银行贷款的企业，按贷款额{k}个百分点给予贴息，最高{c}万元。"
        w.add(
            "interest",
            w.pick(["xishui", "liaoning"]),
            text,
            ["new_loans[last_year] > 0"],
            f"min(new_loans[last_year] * {plain(k / 100)}, {c})",
        )
    for i in range(14):
        p, c = w.pick([25, 30, 50, 70]), w.pick([50, 100, 200])
        text = w.pick(
            [
                "贷款利率不高于同期贷款市场报价利率（LPR）上浮{b}个基点的，按LPR的{p}%给予贴息，单户年度贴息不超过{c}万元。",
                "对新型农业经营主体贷款，按不超过贷款市场报价利率（LPR）的{p}%进行贴息，单个主体年度贴息金额不超过{c}万元。",
            ]
        ).format(p=p, c=c, b=w.pick([20, 50]))
        w.add("interest", w.pick(["suining", "liaoning"]), text, awaits=["proposed_attribute", "lpr"])


def matching(w: Writer) -> None:
    for i in range(8):
        c = w.pick([100, 200, 300, 500, 1000])
        text = w.pick(
            [
                "对获得国家级科技计划项目立项的，按国家下达资金1:1给予配套支持，最高{c}万元。",
                "对获得省级专项资金支持的项目，市财政按1∶1比例予以配套，单个项目最高不超过{c}万元。",
            ]
        ).format(c=c)
        w.add("matching", w.pick(["suzhou", "caikejiao"]), text, awaits=["proposed_attribute"])
    for i in range(6):
        p = w.pick([20, 30, 50])
        text = w.pick(
            [
                "对列入重点产业链的企业，在前款奖励标准基础上上浮{p}%。",
                "对在功能区内的企业，奖励标准上浮{p}%执行。",
            ]
        ).format(p=p)
        w.add("matching", w.pick(["ningbo", "suzhou"]), text, awaits=["raise"])


def usd(w: Writer) -> None:
    for i in range(5):
        x, a = w.pick([500, 1000, 2000, 3000, 4500]), w.pick([5, 10, 20, 30])
        text = f"上年度进出口总额{x}万美元（含）以上的外贸企业，给予{a}万元奖励。"
        w.add("usd", "waimao", text, awaits=["proposed_attribute"], traps=[str(x)])
    for i in range(4):
        r = w.pick(["0.02", "0.05"])
        text = f"企业出口软件产品的，每出口1美元奖励人民币{r}元。"
        w.add("usd", "waimao", text, awaits=["per_unit", "proposed_attribute"])


def case_by_case(w: Writer) -> None:
    forms = [
        "对产业链带动作用特别突出的重大项目，按照“一事一议”方式给予综合扶持。",
        "对新获认定的国家级制造业创新中心，给予“一事一议”奖励。",
        "对引进的世界500强企业区域总部，采取一事一议方式给予支持，最高{c}万元。",
        "对特别重大的招商项目，经市政府研究，可实行一事一议。",
    ]
    for i in range(9):
        text = forms[i % len(forms)].format(c=w.pick([1000, 3000]))
        traps = ["500"] if "500强" in text else []
        w.add("case_by_case", w.pick(["ningbo", "suzhou", "hefei"]), text, awaits=["manual_amount"], traps=traps)


def traps(w: Writer) -> None:
    for i in range(6):
        n, y, a = w.pick([5, 12, 18, 29, 33]), w.pick([2021, 2022, 2023]), w.pick([10, 15, 20])
        text = (
            f"根据《企业研发投入后补助办法》（财科〔{y}〕{n}号），对上年度首次认定的国家高新技术企业给予{a}万元奖励。"
        )
        w.add(
            "non_rule_numbers",
            w.pick(["caikejiao", "shenzhen_gxj"]),
            text,
            ["cert_hightech_year == last_year"],
            str(a),
            traps=[str(y), str(n)],
        )
    for i in range(6):
        f, a = w.pick([3000, 5000, 8000, 10000, 20000]), w.pick([10, 20, 30, 50])
        text = f"市财政每年安排专项资金{f}万元，对上年度首次认定的高新技术企业，每家给予{a}万元奖励。"
        w.add(
            "non_rule_numbers",
            w.pick(["panzhou", "jiangyin"]),
            text,
            ["cert_hightech_year == last_year"],
            str(a),
            traps=[str(f)],
        )
    for i in range(4):
        q, a = w.pick([100, 200]), w.pick([30, 50])
        text = f"对毕业于QS世界大学排名前{q}位高校或“双一流”建设高校的博士，给予{a}万元安家补贴。"
        w.add("non_rule_numbers", "kuogang", text, awaits=["proposed_attribute"], traps=[str(q)], subject="talent")
    for i in range(4):
        y = w.pick([2024, 2025])
        text = f"本措施自{y}年1月1日起施行，有效期至{y + 2}年12月31日。"
        w.add("non_rule_numbers", w.pick(["hefei", "kaifeng"]), text, traps=[str(y), str(y + 2)])
    for i in range(4):
        n, a = w.pick([3, 5, 8]), w.pick([10, 20])
        text = f"符合本办法第{CN_NUM.get(n, n)}条规定、上年度营业收入首次突破1亿元的企业，奖励{a}万元。"
        w.add(
            "non_rule_numbers",
            w.pick(["jiangyin", "shenzhen_gxj"]),
            text,
            ["revenue[last_year] >= 10000", "revenue[years_ago(2)] < 10000"],
            str(a),
            traps=[str(n)],
        )


# hand-worded sentences: the less regular shapes of the same families, as documents actually vary them
BY_HAND = [
    (
        "first_or_renewed",
        "shandong",
        "首次通过高新技术企业认定的小微企业，一次性补助10万元。",
        ["cert_hightech_year == last_year", 'size_class in ["小", "微"]'],
        "10",
        {},
    ),
    (
        "first_or_renewed",
        "yantai",
        "当年通过认定的高新技术企业，一次性补助资金十万元。",
        ["cert_hightech_year == this_year"],
        "10",
        {},
    ),
    (
        "first_or_renewed",
        "qingdao",
        "对上年度新入库的科技型中小企业，每家给予2万元补助。",
        ["cert_tech_sme_year == last_year"],
        "2",
        {},
    ),
    (
        "first_or_renewed",
        "kaifeng",
        "上年度首次纳入规模以上工业企业统计的，给予一次性奖励10万元。",
        ["first_time_above_scale_year == last_year", 'startswith(industry, ["B", "C", "D"])'],
        "10",
        {},
    ),
    (
        "first_or_renewed",
        "shengzhou",
        "对当年认定为省级专精特新中小企业的，一次性奖励企业20万元。",
        ["cert_srdi_year == this_year"],
        "20",
        {},
    ),
    (
        "tier_list",
        "shengzhou",
        "软件企业年销售收入首次突破1000万元、5000万元的，分别给予一次性奖励10万元、50万元。",
        [],
        None,
        {
            "variants": [
                {
                    "conditions": [
                        "revenue[last_year] >= 1000",
                        "revenue[years_ago(2)] < 1000",
                        'startswith(industry, "I65")',
                    ],
                    "amount": "10",
                },
                {
                    "conditions": [
                        "revenue[last_year] >= 5000",
                        "revenue[years_ago(2)] < 5000",
                        'startswith(industry, "I65")',
                    ],
                    "amount": "50",
                },
            ]
        },
    ),
    (
        "tier_list",
        "chengdu",
        "对首次挂牌新三板基础层、创新层的企业，分别给予20万元、30万元补助。",
        [],
        None,
        {"awaits": ["proposed_attribute"]},
    ),
    (
        "tier_list",
        "shenzhen_design",
        "对认定为国家级、省级工业设计中心的，分别给予最高500万元、300万元支持。",
        [],
        None,
        {"awaits": ["proposed_attribute", "manual_amount"]},
    ),
    (
        "range",
        "suining",
        "贷款金额在1000万元以内（含）的，按照不超过贷款市场报价利率的50%进行贴息。",
        [],
        None,
        {"awaits": ["lpr", "proposed_attribute"]},
    ),
    (
        "range",
        "liaoning",
        "单户贷款额度在30万元至300万元之间、期限最长不超过5年的设施农业贷款，给予贴息支持。",
        [],
        None,
        {"awaits": ["proposed_attribute"]},
    ),
    (
        "legal_reading",
        "yongkang",
        "种植面积达到50亩（含）以上的规模化粮食生产经营主体，可申请贷款贴息。",
        [],
        None,
        {"awaits": ["proposed_attribute"]},
    ),
    (
        "legal_reading",
        "ouhai",
        "对上年度纳税总额超过500万元且从业人员100人以上的企业，给予10万元奖励。",
        ["tax_paid[last_year] > 500", "employees[last_year] >= 100"],
        "10",
        {},
    ),
    (
        "legal_reading",
        "hefei",
        "上年度营业收入不满2000万元的小微企业，给予3万元补助。",
        ["revenue[last_year] < 2000", 'size_class in ["小", "微"]'],
        "3",
        {},
    ),
    (
        "growth",
        "kaifeng",
        "对一季度产值达到4000万元及以上且同比增长10%及以上的工业企业，给予一次性奖补20万元。",
        [],
        None,
        {"awaits": ["proposed_attribute"]},
    ),
    (
        "growth",
        "ningbo",
        "上年度研发费用较前一年度增长20%以上的企业，给予5万元奖励。",
        ["rd_expense[last_year] >= rd_expense[years_ago(2)] * 1.2"],
        "5",
        {},
    ),
    (
        "rate_cap",
        "chengdu",
        "对在北交所首发上市的企业，按实际募资净额的1%给予最高不超过350万元奖励。",
        [],
        None,
        {"awaits": ["proposed_attribute"]},
    ),
    (
        "rate_cap",
        "waimao",
        "对投保出口信用保险的企业，按当年实际支付保费的30%予以奖励，单一企业奖励总额不超过200万元。",
        [],
        None,
        {"awaits": ["proposed_attribute"]},
    ),
    (
        "rate_cap",
        "shandong",
        "首次申报高新技术企业未通过认定的科技型小微企业，按实际发生中介服务费用的60%给予补贴，不超过5万元。",
        [],
        None,
        {"awaits": ["proposed_attribute"]},
    ),
    (
        "rate_cap",
        "jiangyin",
        "对企业上年度研发费用按百分之五给予后补助，单个企业最高100万元。",
        ["rd_expense[last_year] > 0"],
        "min(rd_expense[last_year] * 0.05, 100)",
        {},
    ),
    (
        "monthly",
        "guangdong_sb",
        "企业招用应届高校毕业生并缴纳社会保险费的，按企业实际缴纳的社会保险费给予补贴，补贴期限不超过6个月。",
        [],
        None,
        {"awaits": ["proposed_attribute"]},
    ),
    (
        "monthly",
        "kuogang",
        "对新引进的硕士研究生，每人每年发放生活补贴2万元，连续发放3年。",
        ['degree == "master"'],
        "6",
        {"awaits": ["schedule"], "subject": "talent"},
    ),
    (
        "per_unit",
        "shenzhen_gxj",
        "对获得中国专利金奖的单位，每项奖励30万元；获得中国专利银奖的，每项奖励10万元。",
        [],
        None,
        {"awaits": ["per_unit", "proposed_attribute"]},
    ),
    (
        "per_unit",
        "waimao",
        "参加境外展会的企业，每个标准展位补助1.5万元，金额低于1.5万元的按实补助。",
        [],
        None,
        {"awaits": ["per_unit", "proposed_attribute"]},
    ),
    (
        "per_unit",
        "minqing",
        "农业经营主体贷款可享受月利率2‰的贴息补助，单个主体享受贴息的贷款额最高200万元（含）。",
        [],
        None,
        {"awaits": ["proposed_attribute"]},
    ),
    (
        "progressive",
        "hefei",
        "对上年度地方财政贡献500万元以下的部分奖励10%，超过500万元的部分奖励20%。",
        [],
        None,
        {"awaits": ["progressive", "proposed_attribute"]},
    ),
    (
        "progressive",
        "ouhai",
        "按上年度纳税总额累进奖励：不超过1000万元部分按2%，超过1000万元部分按5%。",
        ["tax_paid[last_year] > 0"],
        "min(tax_paid[last_year], 1000) * 0.02 + max(tax_paid[last_year] - 1000, 0) * 0.05",
        {"awaits": ["progressive"]},
    ),
    ("schedule", "panzhou", "企业在境内主板首发上市的，给予一次性奖励1500万元。", ["listed"], "1500", {}),
    (
        "schedule",
        "zhuhai",
        "对挂牌上市后备企业，可在奖励额度内提前预支不超过20万元的奖励资金，用于支付中介服务费。",
        [],
        None,
        {"awaits": ["manual_amount"]},
    ),
    (
        "schedule",
        "chengdu",
        "发行上市申请被北交所正式受理的，给予100万元奖励。",
        [],
        None,
        {"awaits": ["proposed_attribute"]},
    ),
    (
        "schedule",
        "maok",
        "对完成上市辅导备案的企业给予50万元，申报材料获受理的再给予100万元，成功上市的再给予150万元。",
        [],
        None,
        {"awaits": ["proposed_attribute", "instalments"]},
    ),
    (
        "interest",
        "xishui",
        "省级及以上龙头企业按不高于年贴息率2%补贴，单家企业最高贴息1000万元。",
        [],
        None,
        {"awaits": ["proposed_attribute"]},
    ),
    (
        "interest",
        "chongqing",
        "微型企业到期偿还本息后，按同期同档次贷款基准利率的50%给予财政贴息。",
        [],
        None,
        {"awaits": ["lpr"]},
    ),
    (
        "interest",
        "liaoning",
        "单个主体年度贴息比例不高于LPR的70%且不超过2%，年度贴息总额不超过200万元。",
        [],
        None,
        {"awaits": ["lpr", "proposed_attribute"]},
    ),
    (
        "interest",
        "xishui",
        "对上年度获得首笔银行贷款的小微企业，按实际支付利息的50%给予贴息，最高20万元。",
        ["loan_interest_paid[last_year] > 0", 'size_class in ["小", "微"]'],
        "min(loan_interest_paid[last_year] * 0.5, 20)",
        {},
    ),
    (
        "matching",
        "suzhou",
        "重大科技创新载体的部分运行经费由市财政与县级市（区）按1∶1比例共同承担。",
        [],
        None,
        {"awaits": ["proposed_attribute"]},
    ),
    (
        "matching",
        "caikejiao",
        "对承担国家重大科技专项的单位，按国拨经费的20%给予配套，最高500万元。",
        [],
        None,
        {"awaits": ["proposed_attribute"]},
    ),
    ("matching", "ningbo", "对链主型企业开展本地配套协作的，给予一定补助。", [], None, {"awaits": ["manual_amount"]}),
    (
        "usd",
        "waimao",
        "上年度出口额达到500万美元以上、且增幅不低于10%的企业，奖励5万元。",
        [],
        None,
        {"awaits": ["proposed_attribute"], "traps": ["500"]},
    ),
    (
        "usd",
        "waimao",
        "对开展跨境人民币结算业务的企业，一次性给予0.5万元人民币奖励。",
        [],
        None,
        {"awaits": ["proposed_attribute"]},
    ),
    (
        "usd",
        "waimao",
        "对当年实际到位外资超过1000万美元的新设外商投资企业，按实际到资额的1%给予奖励，最高100万元。",
        [],
        None,
        {"awaits": ["proposed_attribute"], "traps": ["1000"]},
    ),
    (
        "case_by_case",
        "suzhou",
        "对在苏建设的国家实验室基地，按照“一事一议”方式给予支持。",
        [],
        None,
        {"awaits": ["manual_amount"]},
    ),
    (
        "case_by_case",
        "suzhou",
        "全过程支持新建全国重点实验室，分阶段给予最高2亿元资助。",
        [],
        None,
        {"awaits": ["manual_amount", "instalments"]},
    ),
    (
        "case_by_case",
        "ningbo",
        "对成功列入省级产业集群核心区的产业项目，给予“一事一议”综合扶持政策。",
        [],
        None,
        {"awaits": ["manual_amount"]},
    ),
    (
        "case_by_case",
        "hefei",
        "对总投资10亿元以上的重大产业项目，实行“一事一议”。",
        [],
        None,
        {"awaits": ["manual_amount", "proposed_attribute"]},
    ),
    (
        "non_rule_numbers",
        "panzhou",
        "市财政每年预算安排5000万元支持企业上市（挂牌）工作。",
        [],
        None,
        {"traps": ["5000"]},
    ),
    (
        "non_rule_numbers",
        "shenzhen_gxj",
        "本操作规程自2023年7月1日起施行，有效期5年。",
        [],
        None,
        {"traps": ["2023", "5"]},
    ),
    (
        "non_rule_numbers",
        "kaifeng",
        "到2025年，全市制造业增加值占地区生产总值比重达到35%左右。",
        [],
        None,
        {"traps": ["2025", "35"]},
    ),
    (
        "non_rule_numbers",
        "jiangyin",
        "根据（澄高管〔2017〕29号）第二条第九点规定，设立创新型产业集群发展培育专项资金。",
        [],
        None,
        {"traps": ["2017", "29"]},
    ),
    (
        "non_rule_numbers",
        "ningbo",
        "县财政计划每年安排3亿元打造县域标志性产业链群。",
        [],
        None,
        {"traps": ["30000", "3"]},
    ),
    (
        "non_rule_numbers",
        "qingdao",
        "到2023年，全区培育科技型中小企业1000家、高新技术企业600家。",
        [],
        None,
        {"traps": ["1000", "600"]},
    ),
]


def by_hand(w: Writer) -> None:
    for family, source, text, conditions, amount, extra in BY_HAND:
        w.add(family, source, text, conditions, amount, **extra)


def main() -> None:
    w = Writer()
    for family in (
        certification,
        tiers,
        ranges,
        legal,
        growth,
        rate_cap,
        monthly,
        per_unit,
        progressive,
        schedule,
        interest,
        matching,
        usd,
        case_by_case,
        traps,
        by_hand,
    ):
        family(w)
    header = (Path(__file__).read_text(encoding="utf-8").split('"""')[1]).strip()
    lines = ["# " + line if line else "#" for line in header.splitlines()]
    lines.append("sentences:")
    for item in w.items:
        lines.append(f"# source: {item['source']}")
        block = yaml.safe_dump([item], allow_unicode=True, sort_keys=False, width=200)
        lines.append(block.rstrip())
    out = Path(__file__).with_name("devset.yaml")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(len(w.items), "sentences")


if __name__ == "__main__":
    main()
