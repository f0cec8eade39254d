"""Draft rules from one clause sentence: conditions, an amount, and what could not become a rule."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from policyreach.extract import vocabulary as vocab
from policyreach.extract.numbers import NUMBER, number, percentage, plain, to_wan

MONEY = rf"({NUMBER})\s*(亿元|万元|元)"
COMPARATORS = "不低于|达到|超过|不超过|低于|不足|满|不少于"
YEAR = {"上年度": "last_year", "上一年度": "last_year", "上年": "last_year", "当年": "this_year", "本年度": "this_year",
        "前一年度": "years_ago(2)"}


@dataclass
class Draft:
    conditions: list[tuple[str, float]] = field(default_factory=list)  # (expression, confidence)
    amount: tuple[str, float] | None = None
    manual: list[str] = field(default_factory=list)

    def add(self, expr: str, confidence: float) -> None:
        if expr not in [c for c, _ in self.conditions]:
            self.conditions.append((expr, confidence))


def _normalise(text: str) -> str:
    table = str.maketrans("０１２３４５６７８９％；：（）", "0123456789%;:()")
    return text.translate(table).replace(" ", "")


def _year(text: str, start: int) -> str:
    window = text[max(0, start - 8):start]
    for word, year in YEAR.items():
        if word in window:
            return year
    return "last_year"


def _measures(text: str, draft: Draft) -> None:
    for word, (attr, money) in sorted(vocab.MEASURES.items(), key=lambda kv: -len(kv[0])):
        for m in re.finditer(re.escape(word), text):
            rest = text[m.end():m.end() + 24]
            year = _year(text, m.start())
            col = f"{attr}[{year}]"
            unit = MONEY if money else rf"({NUMBER})\s*(人|件)"
            if first := re.match(rf"首次突破{unit}", rest):
                value = _value(first.group(1), first.group(2), money)
                draft.add(f"{col} >= {value}", 0.9)
                draft.add(f"{attr}[years_ago(2)] < {value}", 0.9)
                continue
            if cmp := re.match(rf"(?:在|较前一年度)?({COMPARATORS})?{unit}(以上|以下)?", rest):
                word_cmp, suffix = cmp.group(1), cmp.group(cmp.lastindex or 0)
                op = _operator(word_cmp, suffix if suffix in ("以上", "以下") else None)
                if op:
                    draft.add(f"{col} {op} {_value(cmp.group(2), cmp.group(3), money)}", 0.85)
    text_plain = text
    for word, attr in vocab.PLAIN_COUNTS.items():
        if m := re.search(rf"{word}[^，。]{{0,6}}?({NUMBER})\s*(件|亿元|万元|元)?(以上|及以上)?", text_plain):
            value = to_wan(m.group(1), m.group(2)) if m.group(2) and "元" in m.group(2) else Decimal(m.group(1))
            draft.add(f"{attr} >= {plain(value)}", 0.8)


def _value(value: str, unit: str, money: bool) -> str:
    return plain(to_wan(value, unit)) if money else plain(number(value))


def _operator(word: str | None, suffix: str | None) -> str | None:
    if word in ("不低于", "达到", "满", "不少于") or (word is None and suffix == "以上"):
        return ">="
    if word == "超过":
        return ">"
    if word == "不超过" or suffix == "以下":
        return "<="
    if word in ("低于", "不足"):
        return "<"
    return None


def _certifications(text: str, draft: Draft) -> None:
    for word, attr in sorted(vocab.CERTIFICATIONS.items(), key=lambda kv: -len(kv[0])):
        i = text.find(word)
        if i < 0 or any(attr in c for c, _ in draft.conditions):
            continue
        before = text[max(0, i - 14):i]
        after = text[i + len(word):i + len(word) + 6]
        if re.search("有效期内", text):
            draft.add(f"{attr} >= last_year - 2", 0.7)
        elif re.search("首次|新认定|新获|上年度.*(认定|入库|获得)|重新认定|被认定|入库", before) or (
                "上年度" in before and "认定" in after):
            draft.add(f"{attr} == last_year", 0.85)
        elif re.search("已认定|已获|获得|获评|拥有", before):
            draft.add(f"{attr} <= last_year", 0.7)


def _people(text: str, draft: Draft) -> None:
    for word, code in vocab.DEGREES.items():
        if word in text:
            draft.add(f'degree == "{code}"', 0.85)
            break
    for word, code in vocab.TITLES.items():
        if word in text:
            draft.add(f'title == "{code}"', 0.85)
    if m := re.search(rf"({NUMBER})周岁(以下|以内)", text):
        draft.add(f"age <= {plain(Decimal(m.group(1)))}", 0.85)
    if m := re.search(rf"来长工作不超过({NUMBER})年", text):
        draft.add(f"years_in_changchun <= {m.group(1)}", 0.85)
    if "无自有住房" in text:
        draft.add("not owns_home_in_changchun", 0.8)
    if m := re.search(rf"社会保险满({NUMBER})个月", text):
        draft.add(f"social_insurance_months >= {m.group(1)}", 0.85)
    if m := re.search(r"认定为([A-E])类", text):
        draft.add(f'talent_level == "{m.group(1)}"', 0.85)


def _places_and_kinds(text: str, draft: Draft) -> None:
    for name, code in vocab.AREA_NAMES.items():
        if f"注册在{name}" in text or f"{name}的企业" in text:
            draft.add(f'functional_area == "{code}"', 0.85)
            break
    named = [code for _, code in sorted((text.find(name), code) for name, code in vocab.DISTRICT_NAMES.items()
                                        if name in text)]
    if len(named) == 1 and not any("functional_area" in c for c, _ in draft.conditions):
        draft.add(f'district == "{named[0]}"', 0.8)
    elif len(named) > 1:
        draft.add("district in [" + ", ".join(f'"{c}"' for c in named) + "]", 0.75)
    if re.search("长春市(行政区域内)?(依法)?(登记)?注册|在长春市注册", text):
        draft.add("district in CHANGCHUN_DISTRICTS", 0.85)
    for word, sizes in vocab.SIZES.items():
        if re.search(rf"(?<![型新]){word}", text):
            draft.add(f"size_class in {sizes}", 0.85)
            break
    if re.search("首次纳入规模以上[^,，。]*统计", text):
        draft.add("first_time_above_scale_year == last_year", 0.85)
    elif "规模以上" in text and "首次开展研发" not in text:
        draft.add("first_time_above_scale_year <= last_year", 0.7)
    for name, code in sorted(vocab.INDUSTRY_NAMES.items(), key=lambda kv: -len(kv[0])):
        if name in text and not (name == "工业企业" and "规模以上工业企业" in text):
            target = f'"{code}"' if isinstance(code, str) else "[" + ", ".join(f'"{c}"' for c in code) + "]"
            draft.add(f"startswith(industry, {target})", 0.75)
            break
    if re.search("无严重失信", text):
        draft.add("not serious_violation", 0.9)
    _facts(text, draft)
    if m := re.search(rf"研发人员(?:占从业人员比例|占比)(不低于|达到)?({NUMBER})%", text):
        draft.add(f"ratio(rd_staff[last_year], employees[last_year]) * 100 >= {m.group(2)}", 0.85)
    if "首次开展研发活动" in text:
        draft.add("rd_expense[last_year] > 0", 0.8)
        draft.add("rd_expense[years_ago(2)] == 0", 0.8)
    for word, (attr, _) in vocab.MEASURES.items():
        if re.search(f"{word}(人数)?不低于前一年度", text):
            draft.add(f"{attr}[last_year] >= {attr}[years_ago(2)]", 0.8)
        if re.search(f"{word}(人数)?较前一年度(净)?增加|{word}较前一年度增长的部分", text):
            draft.add(f"{attr}[last_year] > {attr}[years_ago(2)]", 0.8)
    if m := re.search(rf"研发费用占营业收入比例(不低于|达到)?({NUMBER})%", text):
        draft.add(f"rd_ratio >= {m.group(2)}", 0.9)
    if m := re.search(rf"(?:营业收入|营收)[^,，。]{{0,8}}?(增长率|增长)(不低于|达到)?({NUMBER})%(?:以上)?", text):
        draft.add(f"revenue_growth >= {m.group(3)}", 0.8)


BASES = {"出口增量": "(exports[last_year] - exports[years_ago(2)])", "投资额": "fixed_investment[last_year]",
         "成交额": "tech_contract_turnover[last_year]", "贷款利息": "loan_interest_paid[last_year]",
         "质押贷款额": "new_loans[last_year]", "贷款额": "new_loans[last_year]"}


def _facts(text: str, draft: Draft) -> None:
    """Plain facts policies state in set phrases."""
    if m := re.search(rf"签订({NUMBER})年以上劳动合同", text):
        draft.add(f"contract_years >= {m.group(1)}", 0.8)
    for thing, attr in (("出口实绩", "exports"), ("出口", "exports"), ("贷款", "new_loans")):
        if f"前一年度无{thing}" in text:
            draft.add(f"{attr}[years_ago(2)] == 0", 0.8)
            if attr == "new_loans":
                draft.add("new_loans[last_year] > 0", 0.7)
            break
    if "上市" in text and "上市辅导" not in text:
        draft.add("listed", 0.7)
    if m := re.search(r"纳税信用(?:等级)?为([ABMCD])级?", text):
        draft.add(f'tax_credit_grade == "{m.group(1)}"', 0.85)
    if "外资企业" in text or "外商投资企业" in text:
        draft.add('ownership == "foreign"', 0.8)
    if m := re.search(rf"成立不满({NUMBER})年", text):
        draft.add(f"firm_age < {m.group(1)}", 0.8)
    elif m := re.search(rf"成立满({NUMBER})年", text):
        draft.add(f"firm_age >= {m.group(1)}", 0.8)
    if re.search("营业收入连续三年增长", text):
        draft.add("revenue[last_year] > revenue[years_ago(2)]", 0.75)
        draft.add("revenue[years_ago(2)] > revenue[years_ago(3)]", 0.75)
    if m := re.search(rf"出口额较前一年度增长({NUMBER})%以上", text):
        draft.add(f"exports[last_year] >= exports[years_ago(2)] * {plain(1 + number(m.group(1)) / 100)}", 0.75)


def _base(text: str) -> str | None:
    for word, base in BASES.items():
        if word in text:
            return base
    for word, (attr, _) in sorted(vocab.MEASURES.items(), key=lambda kv: -len(kv[0])):
        if word in text:
            return f"{attr}[last_year]"
    return None


def _capped(formula: str, cap: str | None) -> str:
    return f"min({formula}, {cap})" if cap else formula


def _amount(text: str) -> tuple[str, float] | None:
    cap = re.search(rf"最高(?:不超过)?{MONEY}", text)
    cap_value = plain(to_wan(cap.group(1), cap.group(2))) if cap else None
    if inc := re.search(rf"([^，。]{{2,8}}?)较前一年度增长的部分，按((?:{NUMBER})%)", text):
        base, rate = _base(inc.group(1)), percentage(inc.group(2))
        if base and rate is not None:
            attr = base.split("[")[0]
            return _capped(f"({base} - {attr}[years_ago(2)]) * {plain(rate)}", cap_value), 0.75
    if head := re.search(rf"每(?:招用)?1?人(?:给予)?({NUMBER})元", text):
        return _capped(f"new_hires_graduates[last_year] * {plain(to_wan(head.group(1), '元'))}", cap_value), 0.75
    if share := re.search(rf"按([^，。]*?)的?((?:{NUMBER})%|百分之{NUMBER}|千分之{NUMBER})", text):
        base, rate = _base(share.group(1)) or _base(text[:share.start()]), percentage(share.group(2))
        if base and rate is not None:
            formula = f"{base} * {plain(rate)}"
            return _capped(formula, cap_value), 0.8
    if tiers := re.findall(rf"{MONEY}以上(?:的)?(?:给予|奖励){MONEY}", text):
        base = _base(text) or "revenue[last_year]"
        bands = ", ".join(f"[{plain(to_wan(a, u))}, {plain(to_wan(b, v))}]" for a, u, b, v in tiers)
        return f"tier({base}, [{bands}])", 0.75
    if monthly := re.search(rf"每月(?:给予)?({NUMBER})元", text):
        months = re.search(rf"按({NUMBER})个月", text)
        total = to_wan(monthly.group(1), "元") * Decimal(months.group(1) if months else 12)
        return plain(total), 0.8
    if fixed := re.search(rf"(?:给予|奖励|补贴|补助)[^，。\d{{}}]{{0,8}}?{MONEY}", text):
        return plain(to_wan(fixed.group(1), fixed.group(2))), 0.85
    if granted := re.search(rf"(?:发放|津贴)[^，。]{{0,6}}?{MONEY}", text):
        return plain(to_wan(granted.group(1), granted.group(2))), 0.75
    return None


def draft_sentence(text: str) -> Draft:
    """Everything the sentence says that the rules language can hold; the rest is kept as manual."""
    text = _normalise(text)
    draft = Draft()
    _measures(text, draft)
    _certifications(text, draft)
    _people(text, draft)
    _places_and_kinds(text, draft)
    draft.amount = _amount(text)
    if draft.amount and draft.amount[0].startswith("tier("):
        base, first = re.match(r"tier\((.+?), \[\[([^,]+),", draft.amount[0]).groups()
        draft.add(f"{base} >= {first}", 0.7)
    if draft.amount and draft.amount[0].startswith("min(new_hires_graduates") and not any(
            "new_hires_graduates" in c for c, _ in draft.conditions):
        draft.add("new_hires_graduates[last_year] >= 1", 0.6)
    if not draft.conditions:
        # a sentence with no condition the rules can hold is kept whole for the officer, never dropped
        draft.manual.append(text)
    return draft
