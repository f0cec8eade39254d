"""The public policy calculator (政策计算器): a few values, no login, what one may claim and what is unknown.

It asks one question at a time, the value whose answer settles the most expected money first
(``policyreach.questions``, issue 21 item 6): the page shows what the values so far give, then that one
question with a way to skip it; every field can still be filled at once. The values given so far travel in
the query string (no login, nothing stored)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from policyreach.app.platform import WHO, Platform
from policyreach.engine.entity import entity_from_mapping
from policyreach.engine.match import Match
from policyreach.questions import Question, next_question
from policyreach.rules import ranges
from policyreach.rules.errors import RuleError
from policyreach.rules.schema import Schema
from policyreach.standards import industry as gbt4754
from policyreach.web.deps import allow, db, platform
from policyreach.web.templating import templates

router = APIRouter()

# (field, label, type, kinds); yearly fields are for the last full year unless marked "prev"
FIELDS = [
    ("district", "所在区县", "district", ("enterprise", "institute")),
    ("industry", "所属行业（输入名称搜索，如“汽车”“软件”）", "industry", ("enterprise",)),
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
    # more values the library reads, so the question selector can ask for what settles the most (issue 21 item 6)
    ("functional_area", "所在功能区", "code:CHANGCHUN_FUNCTIONAL_AREAS", ("enterprise", "institute")),
    ("serious_violation", "是否有严重失信或重大违法记录", "bool", ("enterprise", "institute")),
    ("listed", "是否上市企业", "bool", ("enterprise",)),
    ("cert_srdi_year", "省级专精特新中小企业认定年份", "int", ("enterprise",)),
    ("invention_patents", "有效发明专利（件）", "int", ("enterprise",)),
    ("employer_district", "用人单位所在区县", "district", ("talent",)),
    ("talent_level", "长春市人才分类", "code:TALENT_LEVELS", ("talent",)),
    ("title", "职称", "code:TITLES", ("talent",)),
    ("contract_years", "劳动合同年限（年）", "int", ("talent",)),
    ("social_insurance_months", "在长缴纳社保月数（月）", "int", ("talent",)),
    ("owns_home_in_changchun", "在长春有自有住房", "bool", ("talent",)),
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
        # full-width digits and commas (a phone keyboard in Chinese mode), spaces grouping digits: read as typed
        text = re.sub(r"[\s,]", "", unicodedata.normalize("NFKC", raw))
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
    if typ == "bool":
        if raw not in ("true", "false"):
            raise FieldError(f"“{label}”应为“是”或“否”，填写的是“{shown}”")
        return raw == "true"
    if typ.startswith("code:") or typ in ("district", "degree"):
        codeset = {"district": "CHANGCHUN_DISTRICTS", "degree": "DEGREES"}.get(typ, typ.removeprefix("code:"))
        if raw not in schema.codesets[codeset].values:
            raise FieldError(f"“{label}”无效，请从列表中选择，填写的是“{shown}”")
        return raw
    if typ == "industry":
        if len(raw) > 100:
            raise FieldError(f"“{label}”过长（最多 100 个字）")
        found = gbt4754.search(raw)
        if len(found) != 1:  # several are offered to choose from before the values are read (``_industry``)
            raise FieldError(f"“{label}”：没有找到名称含“{shown}”的行业，请换个说法（如“汽车”“软件”“餐饮”）")
        return found[0][0]
    if typ == "date":
        try:
            return dt.date.fromisoformat(raw).isoformat()
        except ValueError:
            raise FieldError(f"“{label}”应为日期（如 2020-05-18），填写的是“{shown}”") from None
    if len(raw) > 100:
        raise FieldError(f"“{label}”过长（最多 100 个字）")
    return raw


def _industry_shown(code: str) -> str:
    """A code as the field shows it back: "C36 汽车制造业" (what was typed, when it is no code)."""
    found = gbt4754.search(code) if gbt4754.is_valid_industry(code) else []
    return f"{found[0][0]} {found[0][1]}" if found else code


def column_of(name: str, last_year: int) -> str:
    """The stored column a field fills (what the question selector asks for)."""
    if name == "revenue_prev":
        return f"revenue_{last_year - 1}"
    return f"{name}_{last_year}" if name in YEARLY else name


def _summary(results: list[Match]) -> dict[str, object]:
    """What the values so far give, in a few numbers (shown before the question)."""
    eligible = [m for m in results if m.status == "eligible"]
    known = [m.amount for m in eligible if m.amount is not None and m.payout == "cash"]
    return {
        "eligible": len(eligible),
        "likely": sum(m.status == "likely" for m in results),
        "partial": sum(m.status == "partial" for m in results),
        "cash_yuan": sum(known, Decimal(0)) * 10000,
    }


def _industry(form: dict[str, str]) -> list[tuple[str, str]]:
    """The industry as typed, read against GB/T 4754 names: one match becomes its code in ``form`` (so it travels
    as a code), several are returned for the person to choose from (the field left empty until then)."""
    raw = form.get("industry", "").strip()
    if not raw or len(raw) > 100:  # too long to be a name: refused with the other fields' checks
        return []
    found = gbt4754.search(raw)
    if len(found) == 1:
        form["industry"] = found[0][0]
        return []
    if found:
        form["industry"] = ""
        form["industry_query"] = raw[:40]
    return found


@router.get(
    "/calculator", response_class=HTMLResponse, include_in_schema=False, dependencies=[Depends(allow("public.read"))]
)
async def calculator(
    request: Request, plat: Annotated[Platform, Depends(platform)], session: Annotated[Session, Depends(db)]
) -> HTMLResponse:
    form = dict(request.query_params)
    kind = form.get("kind", "enterprise")
    industry_choices = _industry(form) if kind == "enterprise" else []
    results, error, summary = None, None, None
    question: Question | None = None
    asked: str | None = None  # the field the question fills
    last_year = plat.as_of.year - 1
    names = [name for name, _, _, kinds in FIELDS if kind in kinds]
    skipped = [n for n in form.get("skip", "").split(",") if n in names]
    if kind not in WHO:
        kind, error = "enterprise", "主体类型无效，请选择企业、院所/高校或个人"
    else:
        try:
            record = entity_from_mapping(plat.schema, _values(form, kind, last_year, plat.schema), verified=())
            if form.get("go") or any(form.get(n, "").strip() for n in names):
                results = sorted(
                    plat.matcher.match(record, who=WHO.get(kind, "您")),
                    key=lambda m: (["eligible", "likely", "partial"].index(m.status), -m.degree),
                )
                summary = _summary(results)
            by_column = {column_of(n, last_year): n for n in names if not form.get(n, "").strip()}
            question = next_question(
                plat.matcher,
                record,
                plat.question_priors(session),
                allowed=set(by_column),
                skipped=[column_of(n, last_year) for n in skipped],
            )
            asked = by_column[question.column] if question is not None else None
        except FieldError as exc:
            error = f"输入有误：{exc}"
        except RuleError as exc:
            error = f"输入有误：{exc.message_zh}"
    given = {n: form[n].strip() for n in names if form.get(n, "").strip()}
    skip_url = None
    if asked is not None:
        skip_to = ",".join([*skipped, asked])
        skip_url = "/calculator?" + urlencode({"kind": kind, "go": "1", **given, "skip": skip_to})
    codes = plat.schema.codesets
    return templates.TemplateResponse(
        request,
        "calculator.html",
        {
            "user": None,
            "fields": FIELDS,
            "labels": {name: label for name, label, _, _ in FIELDS},
            "form": form,
            "kind": kind,
            "given": given,
            "skipped": skipped,
            "skip_url": skip_url,
            "question": question,
            "asked": asked,
            "summary": summary,
            "results": results,
            "error": error,
            "districts": codes["CHANGCHUN_DISTRICTS"].labels,
            "codes": {
                typ: codes[typ.removeprefix("code:")].labels for _, _, typ, _ in FIELDS if typ.startswith("code:")
            },
            "degrees": codes["DEGREES"].labels,
            "industry_choices": industry_choices,
            "industries": [(gbt4754.full_code(d), n) for d, n in gbt4754.DIVISIONS.items()],
            "industry_shown": _industry_shown(form.get("industry", "")),
            "benefit_titles": [
                b.spec.title
                for b in (plat.compiled.find(i) for i in (question.benefits[:3] if question else ()))
                if b is not None
            ],
        },
        status_code=400 if error else 200,  # the form keeps what was typed (``form``), the message says which field
    )
