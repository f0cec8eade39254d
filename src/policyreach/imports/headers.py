"""Column headers: Chinese (``营业收入(万元)·2024``) or English (``revenue_2024``), both ways."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from policyreach.population.catalogue import Spec

YEAR_SEP = "·"
_YEAR_SUFFIX = re.compile(r"^(?P<body>.*?)\s*(?:[·•・_\-\s]|\.)?\s*(?P<year>(?:19|20)\d{2})\s*年?$")
_YEAR_PREFIX = re.compile(r"^(?P<year>(?:19|20)\d{2})\s*年(?:度)?\s*(?P<body>.+)$")
_UNIT = re.compile(r"^(?P<label>.+?)\s*\((?P<unit>[^()]+)\)$")
# units a header may carry instead of the schema's, with the factor to the schema's unit
UNIT_FACTORS: dict[tuple[str, str], Decimal] = {
    ("元", "万元"): Decimal("0.0001"),
    ("亿元", "万元"): Decimal(10000),
    ("千元", "万元"): Decimal("0.1"),
}
ALIASES: dict[str, str] = {
    "统一社会信用代码": "uscc",
    "信用代码": "uscc",
    "社会信用代码": "uscc",
    "企业名称": "name",
    "单位名称": "name",
    "机构名称": "name",
    "姓名": "name",
    "名称": "name",
    "区县": "district",
    "所属区县": "district",
    "行政区划": "district",
    "所在区县代码": "district",
    "功能区": "functional_area",
    "所属功能区": "functional_area",
    "开发区": "functional_area",
    "行业代码": "industry",
    "所属行业代码": "industry",
    "国民经济行业代码": "industry",
    "营业收入": "revenue",
    "从业人员": "employees",
    "资产总额": "total_assets",
    "纳税总额": "tax_paid",
    "研发费用": "rd_expense",
    "研发人员": "rd_staff",
    "注册资本": "registered_capital",
    "成立日期": "established",
    "从业人数": "employees",
    "从业人员数": "employees",
    "职工人数": "employees",
    "营业收入额": "revenue",
    "主营业务收入": "revenue",
    "纳税额": "tax_paid",
    "研发费用支出": "rd_expense",
    "研发人员数": "rd_staff",
    "出口额": "exports",
    "用人单位信用代码": "employer_uscc",
}
PASSTHROUGH = ("entity_id", "kind")


def normalise(text: object) -> str:
    s = unicodedata.normalize("NFKC", str(text if text is not None else "")).strip()
    s = s.replace("\n", "").replace("\u3000", " ")
    return re.sub(r"\s+", " ", s)


@dataclass(frozen=True)
class Column:
    """A recognised header: which attribute, which year, which unit (and the factor to the schema unit)."""

    header: str
    name: str  # physical column name (revenue_2024, uscc, entity_id …)
    spec: Spec | None
    year: int | None = None
    factor: Decimal | None = None


class HeaderError(ValueError):
    pass


def chinese_header(spec: Spec, year: int | None = None) -> str:
    unit = spec.unit if spec.unit and not (spec.unit == "年" and spec.label.endswith("年份")) else None
    text = f"{spec.label}({unit})" if unit else spec.label
    return f"{text}{YEAR_SEP}{year}" if year is not None else text


def match_header(raw: object, specs: list[Spec]) -> Column:
    """Recognise one header or raise :class:`HeaderError` with the reason in Chinese."""
    header = normalise(raw)
    if not header:
        raise HeaderError("列标题为空")
    by_name = {s.name: s for s in specs}
    by_label = {normalise(s.label): s for s in specs}
    low = header.lower()
    if low in PASSTHROUGH:
        return Column(header, low, None)
    if low in by_name and not by_name[low].yearly:
        return Column(header, low, by_name[low])
    m = re.match(r"^([a-z][a-z0-9_]*)_(\d{4})$", low)
    if m and m.group(1) in by_name:
        named = by_name[m.group(1)]
        if not named.yearly:
            raise HeaderError(f"“{named.label}”不分年度，列标题不应带年份")
        return Column(header, low, named, int(m.group(2)))
    if low in by_name and by_name[low].yearly:
        raise HeaderError(f"“{by_name[low].label}”按年度填报，请在列标题中写明年份，如 {low}_2024")

    body, year = header, None
    ym = _YEAR_SUFFIX.match(header) or _YEAR_PREFIX.match(header)
    if ym and (ym.group("body").strip() and not ym.group("body").strip().isdigit()):
        body, year = ym.group("body").strip(" ·•・_-"), int(ym.group("year"))
    spec, unit = _label_and_unit(body, by_label)
    if spec is None:
        raise HeaderError(f"无法识别的列“{header}”：既不是中文列名也不是英文字段名（见模板“填写说明”）")
    factor = None
    if unit is not None and spec.unit is not None and unit != spec.unit:
        factor = UNIT_FACTORS.get((unit, spec.unit))
        if factor is None:
            raise HeaderError(f"“{spec.label}”的单位应为{spec.unit}，列标题写的是{unit}")
    elif unit is not None and spec.unit is None and unit not in ("代码", "年"):
        raise HeaderError(f"“{spec.label}”没有单位，列标题写的是{unit}")
    if spec.yearly and year is None:
        raise HeaderError(f"“{spec.label}”按年度填报，请在列标题中写明年份，如 {chinese_header(spec, 2024)}")
    if not spec.yearly and year is not None:
        raise HeaderError(f"“{spec.label}”不分年度，列标题不应带年份")
    name = f"{spec.name}_{year}" if spec.yearly else spec.name
    return Column(header, name, spec, year, factor)


def _label_and_unit(body: str, by_label: dict[str, Spec]) -> tuple[Spec | None, str | None]:
    candidates: list[tuple[str, str | None]] = [(body, None)]
    um = _UNIT.match(body)
    if um:
        candidates.append((um.group("label").strip(), um.group("unit").strip()))
    for label, unit in candidates:
        if label in by_label:
            return by_label[label], unit
        if label in ALIASES:
            spec = next((s for s in by_label.values() if s.name == ALIASES[label]), None)
            if spec is not None:
                return spec, unit
    return None, None
