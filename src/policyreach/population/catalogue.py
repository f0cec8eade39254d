"""The attributes the generator writes and the importer reads, per entity kind.

The binding list is docs/attributes.md; the schema files (``schema/*.yaml``) carry the same
names with labels, units, sources and code sets. :func:`catalogue` reads the schema when it
is there and falls back to the built-in copy of docs/attributes.md below, so the generator
and the importer work before (and independently of) the schema files.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from policyreach import settings
from policyreach.rules.schema import load_schema

log = logging.getLogger(__name__)

KINDS: tuple[str, ...] = ("enterprise", "institute", "talent")
SELF_DECLARED = "self_declared"

SOURCES: dict[str, str] = {
    "market_supervision": "市场监督管理局",
    "tax": "税务局",
    "science_bureau": "科学技术局",
    "miit": "工业和信息化局",
    "statistics": "统计局",
    "hr_social_security": "人力资源和社会保障局",
    "self_declared": "自行填报",
}

KIND_ZH = {"enterprise": "企业", "institute": "院所/高校", "talent": "人才"}


@dataclass(frozen=True)
class Spec:
    """One stored attribute: name, Chinese label, type, unit, source, yearly, kinds, allowed values."""

    name: str
    label: str
    type: str  # decimal | integer | boolean | string | date
    unit: str | None
    source: str
    yearly: bool
    kinds: tuple[str, ...]
    codeset: str | None = None
    values: tuple[str, ...] = ()  # allowed values (enums); empty = free / checked by a standard
    value_labels: dict[str, str] = field(default_factory=dict)
    description: str | None = None
    min: Decimal | None = None  # the range the schema declares (rules/ranges.py)
    max: Decimal | None = None

    @property
    def verified_source(self) -> bool:
        return self.source != SELF_DECLARED


ENT, INST, TAL = ("enterprise",), ("institute",), ("talent",)
EI = ("enterprise", "institute")
ALL = KINDS

OWNERSHIP = {
    "state": "国有",
    "private": "民营",
    "foreign": "外资",
    "hmt": "港澳台资",
    "collective": "集体",
    "other": "其他",
}
TAX_GRADES = {"A": "A级", "B": "B级", "M": "M级", "C": "C级", "D": "D级"}
INSTITUTE_TYPES = {
    "university": "高等院校",
    "research_institute": "科研院所",
    "new_rd_institution": "新型研发机构",
    "hospital": "医疗机构",
}
PLATFORM_LEVELS = {"national": "国家级", "province": "省级", "city": "市级", "none": "无"}
DEGREES = {"doctor": "博士", "master": "硕士", "bachelor": "学士", "college": "专科", "other": "其他"}
TITLES = {"senior": "正高级", "deputy_senior": "副高级", "intermediate": "中级", "junior": "初级", "none": "无"}
TALENT_LEVELS = {"A": "A类", "B": "B类", "C": "C类", "D": "D类", "E": "E类"}

# name, label, type, unit, source, yearly, kinds, enum/codeset
_RAW: list[tuple[Any, ...]] = [
    ("uscc", "统一社会信用代码", "string", None, "market_supervision", False, EI, "USCC"),
    ("name", "名称", "string", None, "market_supervision", False, ALL, None),
    ("established", "成立日期", "date", None, "market_supervision", False, EI, None),
    ("registered_capital", "注册资本", "decimal", "万元", "market_supervision", False, ENT, None),
    ("district", "所在区县", "string", None, "market_supervision", False, EI, "CHANGCHUN_DIVISIONS"),
    ("functional_area", "所在功能区", "string", None, "market_supervision", False, EI, "CHANGCHUN_FUNCTIONAL_AREAS"),
    ("industry", "所属行业", "string", None, "market_supervision", False, ENT, "GBT4754"),
    ("ownership", "登记注册类型", "string", None, "market_supervision", False, ENT, OWNERSHIP),
    ("listed", "上市企业", "boolean", None, "market_supervision", False, ENT, None),
    ("registered_in_changchun", "在长春注册", "boolean", None, "market_supervision", False, ENT, None),
    ("employees", "从业人员", "integer", "人", "hr_social_security", True, ENT, None),
    ("revenue", "营业收入", "decimal", "万元", "tax", True, ENT, None),
    ("total_assets", "资产总额", "decimal", "万元", "statistics", True, ENT, None),
    ("tax_paid", "纳税总额", "decimal", "万元", "tax", True, ENT, None),
    ("rd_expense", "研发费用", "decimal", "万元", "tax", True, EI, None),
    ("rd_staff", "研发人员", "integer", "人", "science_bureau", True, ENT, None),
    ("exports", "出口额", "decimal", "万元", "statistics", True, ENT, None),
    ("fixed_investment", "固定资产投资", "decimal", "万元", "statistics", True, ENT, None),
    ("tech_contract_turnover", "技术合同成交额", "decimal", "万元", "science_bureau", True, EI, None),
    ("loan_interest_paid", "贷款利息支出", "decimal", "万元", "self_declared", True, ENT, None),
    ("new_loans", "新增贷款", "decimal", "万元", "self_declared", True, ENT, None),
    ("cert_hightech_year", "国家高新技术企业认定年份", "integer", "年", "science_bureau", False, ENT, None),
    ("cert_tech_sme_year", "科技型中小企业入库年份", "integer", "年", "science_bureau", False, ENT, None),
    ("cert_srdi_year", "省级专精特新中小企业认定年份", "integer", "年", "miit", False, ENT, None),
    ("cert_little_giant_year", "国家级专精特新“小巨人”认定年份", "integer", "年", "miit", False, ENT, None),
    ("cert_gazelle_year", "瞪羚企业认定年份", "integer", "年", "science_bureau", False, ENT, None),
    ("cert_unicorn_year", "独角兽企业认定年份", "integer", "年", "science_bureau", False, ENT, None),
    ("cert_innovation_demo_year", "技术创新示范企业认定年份", "integer", "年", "miit", False, ENT, None),
    ("cert_tech_center_prov_year", "省级企业技术中心认定年份", "integer", "年", "miit", False, ENT, None),
    ("cert_tech_center_nat_year", "国家级企业技术中心认定年份", "integer", "年", "miit", False, ENT, None),
    ("cert_first_set_year", "首台(套)重大技术装备认定年份", "integer", "年", "miit", False, ENT, None),
    ("cert_lab_prov_year", "省级重点实验室/工程研究中心认定年份", "integer", "年", "science_bureau", False, EI, None),
    ("invention_patents", "有效发明专利", "integer", "件", "market_supervision", False, ENT, None),
    ("other_patents", "其他专利", "integer", "件", "market_supervision", False, ENT, None),
    ("serious_violation", "严重失信或重大违法记录", "boolean", None, "market_supervision", False, EI, None),
    ("tax_credit_grade", "纳税信用等级", "string", None, "tax", False, ENT, TAX_GRADES),
    ("first_time_above_scale_year", "首次纳入规上年份", "integer", "年", "statistics", False, ENT, None),
    ("new_hires_graduates", "新招用高校毕业生", "integer", "人", "hr_social_security", True, ENT, None),
    # institute
    ("institute_type", "机构类型", "string", None, "science_bureau", False, INST, INSTITUTE_TYPES),
    ("researchers", "科研人员", "integer", "人", "science_bureau", True, INST, None),
    ("tech_transfer_income", "成果转化收入", "decimal", "万元", "science_bureau", True, INST, None),
    ("cert_lab_nat_year", "国家级重点实验室认定年份", "integer", "年", "science_bureau", False, INST, None),
    ("platform_level", "创新平台级别", "string", None, "science_bureau", False, INST, PLATFORM_LEVELS),
    # talent
    ("id_hash", "身份证号摘要", "string", None, "hr_social_security", False, TAL, None),
    ("birth_date", "出生日期", "date", None, "hr_social_security", False, TAL, None),
    ("degree", "学历学位", "string", None, "hr_social_security", False, TAL, DEGREES),
    ("title", "职称", "string", None, "hr_social_security", False, TAL, TITLES),
    ("talent_level", "长春市人才分类", "string", None, "hr_social_security", False, TAL, TALENT_LEVELS),
    ("field", "专业领域", "string", None, "self_declared", False, TAL, None),
    ("employer_uscc", "用人单位统一社会信用代码", "string", None, "hr_social_security", False, TAL, "USCC"),
    ("employer_district", "用人单位所在区县", "string", None, "hr_social_security", False, TAL, "CHANGCHUN_DIVISIONS"),
    ("arrival_date", "来长日期", "date", None, "hr_social_security", False, TAL, None),
    ("owns_home_in_changchun", "在长春有自有住房", "boolean", None, "self_declared", False, TAL, None),
    ("social_insurance_months", "在长缴纳社保月数", "integer", "月", "hr_social_security", False, TAL, None),
    ("contract_years", "劳动合同年限", "integer", "年", "hr_social_security", False, TAL, None),
]


def builtin_catalogue() -> list[Spec]:
    out: list[Spec] = []
    for name, label, typ, unit, source, yearly, kinds, enum in _RAW:
        codeset, values, labels = None, (), {}
        if isinstance(enum, dict):
            values, labels = tuple(enum), dict(enum)
        elif isinstance(enum, str):
            codeset = enum
        out.append(Spec(name, label, typ, unit, source, yearly, kinds, codeset, values, labels))
    return out


_CACHE: dict[str, list[Spec]] = {}


def catalogue(schema: Any = None, *, schema_dir: Path | str | None = None) -> list[Spec]:
    """The stored attributes: from ``schema`` (a loaded Schema), else ``schema/`` if it loads, else built in.

    Names, kinds, types, yearly flags and the generator's value logic follow docs/attributes.md;
    the schema contributes labels, units, sources and code sets where it declares them, and
    any attribute it adds beyond the list (written as null by the generator).
    """
    if schema is None:
        key = str(schema_dir or "")
        if key in _CACHE:
            return _CACHE[key]
        schema = _try_load_schema(schema_dir)
        result = _merge(schema)
        _CACHE[key] = result
        return result
    return _merge(schema)


def _try_load_schema(schema_dir: Path | str | None) -> Any:
    try:
        path = Path(schema_dir) if schema_dir else settings.schema_path()
        if not path.exists() or (path.is_dir() and not any(path.glob("*.yaml"))):
            return None
        return load_schema(path)
    except Exception as exc:  # a schema being edited must not stop the generator
        log.warning("schema not usable, using the built-in attribute list: %s", exc)
        return None


def _merge(schema: Any) -> list[Spec]:
    specs = builtin_catalogue()
    if schema is None:
        return specs
    attrs = getattr(schema, "attributes", {}) or {}
    codesets = getattr(schema, "codesets", {}) or {}
    out: list[Spec] = []
    seen: set[str] = set()
    for spec in specs:
        attr = attrs.get(spec.name)
        seen.add(spec.name)
        if attr is None:
            out.append(spec)
            continue
        values, labels = spec.values, spec.value_labels
        cs = codesets.get(attr.codeset) if attr.codeset else None
        if cs is not None and spec.codeset is None:
            values, labels = tuple(cs.values), {**spec.value_labels, **dict(cs.labels)}
        out.append(
            Spec(
                name=spec.name,
                label=attr.label or spec.label,
                type=spec.type,
                unit=attr.unit if attr.unit is not None else spec.unit,
                source=attr.source or spec.source,
                yearly=spec.yearly,
                kinds=spec.kinds,
                codeset=attr.codeset or spec.codeset,
                values=values,
                value_labels=labels,
                description=attr.description,
                min=getattr(attr, "min", None),
                max=getattr(attr, "max", None),
            )
        )
    for name, attr in attrs.items():
        if name in seen or name in ("entity_id", "kind"):
            continue
        cs = codesets.get(attr.codeset) if attr.codeset else None
        out.append(
            Spec(
                name=name,
                label=attr.label,
                type=str(attr.type),
                unit=attr.unit,
                source=attr.source,
                yearly=attr.yearly,
                kinds=tuple(attr.kinds) or KINDS,
                codeset=attr.codeset,
                values=tuple(cs.values) if cs else (),
                value_labels=dict(cs.labels) if cs else {},
                description=attr.description,
                min=getattr(attr, "min", None),
                max=getattr(attr, "max", None),
            )
        )
    return out


def years_for(as_of_year: int) -> list[int]:
    """The three yearly columns written: the three full years before ``as_of_year``."""
    return [as_of_year - 3, as_of_year - 2, as_of_year - 1]


def columns(specs: list[Spec], years: list[int]) -> list[tuple[str, Spec, int | None]]:
    """Physical columns: (column name, spec, year or None)."""
    out: list[tuple[str, Spec, int | None]] = []
    for spec in specs:
        if spec.yearly:
            out.extend((f"{spec.name}_{y}", spec, y) for y in years)
        else:
            out.append((spec.name, spec, None))
    return out
