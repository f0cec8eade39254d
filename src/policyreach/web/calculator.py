"""The public policy calculator (政策计算器): a few values, no login, what one may claim and what is unknown."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from policyreach.app.platform import WHO, Platform
from policyreach.engine.entity import entity_from_mapping
from policyreach.rules.errors import RuleError
from policyreach.web.deps import platform
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


def _values(form: dict[str, str], kind: str, last_year: int) -> dict[str, object]:
    values: dict[str, object] = {"kind": kind}
    by_year: dict[
        str, dict[int, object]
    ] = {}  # the dicts of yearly attributes, typed here; ``values`` holds the same ones
    for name, _, typ, kinds in FIELDS:
        raw = form.get(name, "").strip()
        if not raw or kind not in kinds:
            continue
        value: object = int(raw) if typ == "int" else raw
        if name == "revenue_prev" or name in YEARLY:
            attr, year = ("revenue", last_year - 1) if name == "revenue_prev" else (name, last_year)
            series = by_year.setdefault(attr, {})
            series[year] = value
            values.setdefault(attr, series)
        else:
            values[name] = value
    return values


@router.get("/calculator", response_class=HTMLResponse, include_in_schema=False)
async def calculator(request: Request, plat: Annotated[Platform, Depends(platform)]) -> HTMLResponse:
    form = dict(request.query_params)
    kind = form.get("kind", "enterprise")
    results, error = None, None
    if form.get("go"):
        try:
            record = entity_from_mapping(plat.schema, _values(form, kind, plat.as_of.year - 1), verified=())
            results = plat.matcher.match(record, who=WHO.get(kind, "您"))
            results.sort(key=lambda m: (["eligible", "likely", "partial"].index(m.status), -m.degree))
        except (RuleError, ValueError) as exc:
            error = f"输入有误：{exc}"
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
    )
