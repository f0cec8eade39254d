"""The public policy calculator (政策计算器): a few values, no login, what one may claim and what is unknown."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from policyreach.app.platform import WHO, Platform
from policyreach.engine.entity import entity_from_mapping
from policyreach.rules import ranges
from policyreach.rules.errors import RuleError
from policyreach.rules.schema import Schema
from policyreach.web.deps import allow, platform
from policyreach.web.templating import templates

router = APIRouter()

# (field, label, type, kinds); yearly fields are for the last full year unless marked "prev"
FIELDS = [
    ("district", "所在区县", "district", ("enterprise", "institute")),
    ("industry", "所属行业（如 C36）", "text", ("enterprise",)),
    ("employees", "上年度从业人员（人）", "int", ("enterprise",)),
    ("revenue", "上年度营业收入（万元）", "dec", ("enterprise",)),
    ("revenue_prev", "前年营业收入（万元）", "dec", ("enterprise",)),
    ("total_assets", "上年末资产总额（万元）", "dec", ("enterprise",)),
    ("rd_expense", "上年度研发费用（万元）", "dec", ("enterprise", "institute")),
    ("tax_paid", "上年度纳税总额（万元）", "dec", ("enterprise",)),
    ("cert_hightech_year", "国家高新技术企业认定年份", "int", ("enterprise",)),
    ("cert_tech_sme_year", "科技型中小企业入库年份", "int", ("enterprise",)),
    ("degree", "学历学位", "degree", ("talent",)),
    ("birth_date", "出生日期", "date", ("talent",)),
    ("arrival_date", "来长日期", "date", ("talent",)),
]
YEARLY = {"employees", "revenue", "total_assets", "rd_expense", "tax_paid"}


class FieldError(ValueError):
    """One field's value refused; the message (Chinese) names the field."""


def _values(form: dict[str, str], kind: str, last_year: int, schema: Schema) -> dict[str, object]:
    values: dict[str, object] = {"kind": kind}
    by_year: dict[
        str, dict[int, object]
    ] = {}  # the dicts of yearly attributes, typed here; ``values`` holds the same ones
    for name, label, typ, kinds in FIELDS:
        raw = form.get(name, "").strip()
        if not raw or kind not in kinds:
            continue
        value = _typed(name, label, typ, raw, schema)
        if name == "revenue_prev" or name in YEARLY:
            attr, year = ("revenue", last_year - 1) if name == "revenue_prev" else (name, last_year)
            series = by_year.setdefault(attr, {})
            series[year] = value
            values.setdefault(attr, series)
        else:
            values[name] = value
    return values


def _typed(name: str, label: str, typ: str, raw: str, schema: Schema) -> object:
    """One field as the engine takes it, checked against its attribute's declared range (rules/ranges.py)."""
    shown = raw if len(raw) <= 40 else raw[:40] + "…"
    if typ in ("int", "dec"):
        text = raw.replace(",", "").replace("，", "")
        pattern = r"[+-]?\d{1,20}" if typ == "int" else r"[+-]?(\d{1,20}(\.\d{0,6})?|\.\d{1,6})"
        if not re.fullmatch(pattern, text):
            kind = "整数" if typ == "int" else "数值（最多 6 位小数）"
            raise FieldError(f"“{label}”应为{kind}，填写的是“{shown}”")
        number = Decimal(text)
        attr = schema.attributes.get("revenue" if name == "revenue_prev" else name)
        if attr is not None:
            try:
                ranges.check(attr, number)
            except ranges.OutOfRange as exc:
                raise FieldError(str(exc).replace(f"“{attr.label}”", f"“{label}”")) from None
        return int(number) if typ == "int" else text
    if typ == "date":
        try:
            return dt.date.fromisoformat(raw).isoformat()
        except ValueError:
            raise FieldError(f"“{label}”应为日期（如 2020-05-18），填写的是“{shown}”") from None
    if len(raw) > 100:
        raise FieldError(f"“{label}”过长（最多 100 个字）")
    return raw


@router.get(
    "/calculator", response_class=HTMLResponse, include_in_schema=False, dependencies=[Depends(allow("public.read"))]
)
async def calculator(request: Request, plat: Annotated[Platform, Depends(platform)]) -> HTMLResponse:
    form = dict(request.query_params)
    kind = form.get("kind", "enterprise")
    results, error = None, None
    if kind not in WHO:
        kind, error = "enterprise", "主体类型无效，请选择企业、院所/高校或个人"
    elif form.get("go"):
        try:
            record = entity_from_mapping(
                plat.schema, _values(form, kind, plat.as_of.year - 1, plat.schema), verified=()
            )
            results = plat.matcher.match(record, who=WHO.get(kind, "您"))
            results.sort(key=lambda m: (["eligible", "likely", "partial"].index(m.status), -m.degree))
        except FieldError as exc:
            error = f"输入有误：{exc}"
        except RuleError as exc:
            error = f"输入有误：{exc.message_zh}"
    codes = plat.schema.codesets
    return templates.TemplateResponse(
        request,
        "calculator.html",
        {
            "user": None,
            "fields": FIELDS,
            "form": form,
            "kind": kind,
            "results": results,
            "error": error,
            "districts": codes["CHANGCHUN_DISTRICTS"].labels,
            "degrees": codes["DEGREES"].labels,
        },
        status_code=400 if error else 200,  # the form keeps what was typed (``form``), the message says which field
    )
