"""Console pages for the finance bureau and policy officers: simulation, reforms, allocation of funds."""

from __future__ import annotations

import re
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

import plotly.graph_objects as go
import polars as pl
from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from policyreach import settings
from policyreach.allocation.plan import WAN, FundsPlan, claims_from_simulation
from policyreach.allocation.report import compare
from policyreach.app import likelihood
from policyreach.app.platform import Platform
from policyreach.engine.cases import CaseFailure
from policyreach.redemption import pending_claims
from policyreach.redemption.funds import parse_money
from policyreach.rules.errors import RuleError, RuleErrors
from policyreach.rules.library import compile_library
from policyreach.rules.policy import STATUS_ZH
from policyreach.rules.yamlsource import load_yaml
from policyreach.simulation import reform_form
from policyreach.simulation.compare import Comparison
from policyreach.simulation.dimensions import DIMENSIONS
from policyreach.simulation.export import write_xlsx
from policyreach.simulation.reform import Reform, apply_reform, reform_test_report
from policyreach.simulation.simulate import simulate
from policyreach.store.models import Account, Entity
from policyreach.web.charts import figure_html
from policyreach.web.console import DbSession, Officer, Plat, _chart, _xlsx
from policyreach.web.deps import csrf
from policyreach.web.downloads import attachment, file_name
from policyreach.web.templating import templates
from policyreach.web.uploads import on_disk, read_limited
from policyreach.workbooks import UnreadableFile, decode_text

router = APIRouter(prefix="/console")
SPLITS = ("district", "section", "size_class", "age_band")
SHOWN = 50  # gainers and losers listed by name


@router.get("/simulation", response_class=HTMLResponse, include_in_schema=False)
def simulation_page(request: Request, user: Officer, plat: Plat, session: DbSession) -> HTMLResponse:
    sim = plat.simulation(session)
    charts = {
        dim: _chart(
            sim.by(dim, payout="cash").filter(pl.col("entities") > 0), f"按{DIMENSIONS[dim]}：资金拨付金额（万元）"
        )
        for dim in SPLITS
    }
    return templates.TemplateResponse(
        request,
        "console_simulation.html",
        {
            "user": user,
            "sim": sim,
            "charts": charts,
            "unreached": sim.unreached_benefits(),
            "uncovered": sim.uncovered_industries(),
        },
    )


@router.get("/likelihood", response_class=HTMLResponse, include_in_schema=False)
def likelihood_page(request: Request, user: Officer, plat: Plat, m: int | None = None) -> HTMLResponse:
    """The learned likelihood as an officer checks it: which model, trained when, on how many rows, how good on its
    held-out rows, and which features weigh in one model (permutation importance, in Chinese)."""
    model = plat.likelihood
    rows = likelihood.overview(model, plat.compiled) if model is not None else []
    if m is not None and not 0 <= m < len(rows):
        raise HTTPException(400, f"模型编号 m 超出范围（0 至 {max(len(rows) - 1, 0)}）")
    learned = [r for r in rows if r.learned]
    shown = rows[m] if m is not None else max(learned, key=lambda r: r.rows, default=None)
    return templates.TemplateResponse(
        request,
        "console_likelihood.html",
        {
            "user": user,
            "model": model,
            "provenance": likelihood.provenance(model, plat.schema),
            "rows": rows,
            "shown": shown,
            "importances": (
                likelihood.feature_importances(model, shown.index, plat.schema)
                if model is not None and shown is not None and shown.learned
                else []
            ),
        },
    )


@router.get("/simulation.xlsx", include_in_schema=False)
def simulation_export(user: Officer, plat: Plat, session: DbSession) -> Response:
    with tempfile.TemporaryDirectory() as tmp:
        path = write_xlsx(Path(tmp) / "simulation.xlsx", plat.simulation(session))
        data = path.read_bytes()
    return Response(
        data,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={
            "Content-Disposition": attachment(file_name("政策兑现模拟", plat.today().isoformat(), suffix=".xlsx"))
        },
    )


async def _yaml_upload(upload: UploadFile, name: str) -> object:
    """An uploaded YAML file read like a policy file: capped, UTF-8 or GBK, aliases bounded, errors as RuleError."""
    data = await read_limited(upload, settings.text_upload_max_bytes())
    return load_yaml(name, decode_text(data, name)).data


def _reform_context(plat: Platform, picked: str | None) -> dict[str, Any]:
    """The published policies to pick from, and the form of the one picked (its numbers with values in force)."""
    policies = sorted(plat.library.policies.values(), key=lambda p: p.title)
    context: dict[str, Any] = {"policies": policies, "picked": None, "fields": []}
    if picked:
        policy = plat.library.policies.get(picked)
        if policy is None:
            raise HTTPException(400, "所选政策（policy）不在现行政策库中")
        context["picked"] = policy
        context["fields"] = reform_form.fields(policy, plat.schema, plat.as_of)
    return context


@router.get("/reform", response_class=HTMLResponse, include_in_schema=False)
def reform_page(request: Request, user: Officer, plat: Plat, policy: str | None = None) -> HTMLResponse:
    context = {"user": user, "errors": [], "c": None, **_reform_context(plat, policy)}
    return templates.TemplateResponse(request, "console_reform.html", context)


@router.post("/reform", response_class=HTMLResponse, include_in_schema=False, dependencies=[Depends(csrf)])
async def reform_run(
    request: Request, user: Officer, plat: Plat, session: DbSession, reform: Annotated[UploadFile, File()]
) -> HTMLResponse:
    """Baseline and reform side by side; a reform is validated like a policy before it is simulated."""
    name = Path(reform.filename or "reform.yaml").name
    try:
        plan = Reform.model_validate(await _yaml_upload(reform, name) or {})
    except (RuleErrors, RuleError, ValueError) as exc:  # ValueError: pydantic's, or an unreadable file's
        return _reform_refused(request, user, plat, None, _messages(exc))
    return _reform_result(request, user, plat, session, plan, name, None, [])


Many = Annotated[list[str], Form()]


@router.post("/reform/policy", response_class=HTMLResponse, include_in_schema=False, dependencies=[Depends(csrf)])
def reform_policy_run(
    request: Request,
    user: Officer,
    plat: Plat,
    session: DbSession,
    policy: Annotated[str, Form()] = "",
    key: Many = [],  # noqa: B006 - FastAPI gives each request its own list
    value: Many = [],  # noqa: B006
) -> HTMLResponse:
    """A published policy with the numbers the officer changed in the form, against the library in force."""
    context = _reform_context(plat, policy or None)
    picked = context["picked"]
    if picked is None:
        raise HTTPException(400, "请先选择一项现行政策（policy）")
    try:
        raw = load_yaml(plat.library.files[picked.id]).data
        plan, words = reform_form.reform_of(picked, raw, context["fields"], key, value)
    except reform_form.FormError as exc:
        return _reform_refused(request, user, plat, picked.id, [str(exc)], status=400)
    return _reform_result(request, user, plat, session, plan, "表单修改", picked.id, words)


def _messages(exc: Exception) -> list[str]:
    return [str(e) for e in getattr(exc, "errors", [exc])] if isinstance(exc, RuleErrors) else [str(exc)]


def _reform_refused(
    request: Request, user: Account, plat: Platform, picked: str | None, errors: list[str], status: int = 422
) -> HTMLResponse:
    context = {"user": user, "errors": errors, "c": None, **_reform_context(plat, picked)}
    return templates.TemplateResponse(request, "console_reform.html", context, status_code=status)


def _reform_result(
    request: Request,
    user: Account,
    plat: Platform,
    session: Session,
    plan: Reform,
    name: str,
    picked: str | None,
    words: list[str],
) -> HTMLResponse:
    try:
        reformed = apply_reform([plat.library_dir], plat.schema, plan, name)
    except (RuleErrors, RuleError, ValueError) as exc:
        return _reform_refused(request, user, plat, picked, _messages(exc))
    baseline = plat.simulation(session)
    after = simulate(compile_library(reformed, plat.as_of), plat.population(session), dims=baseline.dims)
    comparison = Comparison(baseline, after)
    split = comparison.by("district").filter((pl.col("amount") != 0) | (pl.col("amount_reform") != 0))
    labels = split["label"].to_list()  # district names; floats below only size the bars, the table is exact
    changes = [float(v) for v in split["amount_change"]]
    figure = go.Figure(
        [
            go.Bar(
                name="金额变化",
                x=labels,
                y=changes,
                marker_color=["#2a7" if v >= 0 else "#c33" for v in changes],
                hovertemplate="%{x}<br>变化 %{y} 万元<extra></extra>",
            )
        ]
    )
    figure.update_layout(height=340, title="按区县：改革带来的金额变化（万元）", margin={"t": 40, "b": 80})
    gaining, losing = comparison.gaining(), comparison.losing()
    shown = [*gaining["entity_id"].head(SHOWN), *losing["entity_id"].head(SHOWN)]
    names = dict(session.execute(select(Entity.entity_id, Entity.name).where(Entity.entity_id.in_(shown))).all())
    titles = {b.id: b.spec.title for b in [*baseline.compiled.benefits, *after.compiled.benefits]}
    failures = reform_test_report(reformed).failures or []
    return templates.TemplateResponse(
        request,
        "console_reform.html",
        {
            "user": user,
            "errors": [],
            "c": comparison,
            "plan": plan,
            "words": words,
            "changes": comparison.benefits(),
            "split": split,
            "gaining": gaining,
            "losing": losing,
            "names": names,
            "titles": titles,
            "shown": SHOWN,
            "chart": figure_html(figure),
            "failures": [_case_change(f, titles) for f in failures],
            **_reform_context(plat, picked),
        },
    )


STATUS_WORDS = {**STATUS_ZH, "pending": "待核实", "True": "是", "False": "否", "None": "无"}
FIELD_WORDS = {"status": "结论", "amount": "金额（万元）", "degree": "符合度", "provable": "可证明", "outcome": "结论"}


def _case_change(failure: CaseFailure, titles: dict[str, str]) -> str:
    """A case of the library whose expectation the reform changes, in words (no file, no ids)."""
    field = FIELD_WORDS.get(failure.field, failure.field)
    expected, actual = (STATUS_WORDS.get(str(v), _plain(v)) for v in (failure.expected, failure.actual))
    title = titles.get(failure.benefit, "")
    return f"用例「{failure.case}」{f'「{title}」' if title else ''}：{field}原为 {expected}，改革后为 {actual}"


def _plain(value: object) -> str:
    return format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)


@router.get("/allocation", response_class=HTMLResponse, include_in_schema=False)
def allocation_page(request: Request, user: Officer) -> HTMLResponse:
    return templates.TemplateResponse(
        request, "console_allocation.html", {"user": user, "errors": [], "outcomes": None}
    )


@router.post("/allocation", response_class=HTMLResponse, include_in_schema=False, dependencies=[Depends(csrf)])
async def allocation_run(
    request: Request, user: Officer, plat: Plat, session: DbSession, plan_file: Annotated[UploadFile, File()]
) -> HTMLResponse:
    """First come first served, pro-rata and the HiGHS optimum for an uploaded funds plan."""
    try:
        plan = FundsPlan.model_validate(await _yaml_upload(plan_file, "资金方案") or {})
        claims = claims_from_simulation(plat.simulation(session), plan)
    except (ValidationError, ValueError, RuleError) as exc:
        return templates.TemplateResponse(
            request,
            "console_allocation.html",
            {"user": user, "errors": [f"资金方案有误：{exc}"], "outcomes": None},
            status_code=422,
        )
    outcomes = compare(claims, time_limit=30)
    for outcome in outcomes:  # a fund by its name in the plan, never its code
        outcome.binding = [
            _named_funds(t, {k: v.name for k, v in plan.funds.items() if v.name}) for t in outcome.binding
        ]
    return templates.TemplateResponse(
        request,
        "console_allocation.html",
        {
            "user": user,
            "errors": [],
            "outcomes": outcomes,
            "plan": plan,
            "claims": claims,
            "chart": _allocation_chart(outcomes),
        },
    )


@router.post("/allocation/platform", response_class=HTMLResponse, include_in_schema=False, dependencies=[Depends(csrf)])
def allocation_from_platform(
    request: Request,
    user: Officer,
    plat: Plat,
    session: DbSession,
    entity_cap: Annotated[str, Form()] = "",
) -> HTMLResponse:
    """The three strategies on what the platform holds: this period's remaining budgets and the applications
    waiting for a decision, by name; nothing is decided or written here."""
    cap = None
    if entity_cap.strip():
        try:
            cap = parse_money(entity_cap.strip()) * WAN
        except ValueError:
            return templates.TemplateResponse(
                request,
                "console_allocation.html",
                {"user": user, "errors": ["单个主体上限（entity_cap）须为不超过两位小数的万元数"], "outcomes": None},
                status_code=400,
            )
    found = pending_claims.pending(session, plat, cap)
    context: dict[str, Any] = {"user": user, "errors": [], "outcomes": None, "found": found}
    if found.claims is None:
        context["errors"] = [f"{found.period} 年没有待审核且所属资金已安排预算的申请，无需配置。"]
        return templates.TemplateResponse(request, "console_allocation.html", context)
    claims = found.claims
    outcomes = compare(claims, time_limit=30)
    for outcome in outcomes:  # a fund by its name, never its code
        outcome.binding = [_named_funds(text, found.fund_names) for text in outcome.binding]
    frame = claims.frame.with_row_index("row").sort("amount", descending=True).head(SHOWN)
    rows = [
        {
            "firm": found.firm_names.get(r["entity_id"], ""),
            "benefit": found.titles.get(r["benefit_id"], ""),
            "fund": found.fund_names.get(r["fund"], ""),
            "amount": r["amount"],
            "paid": [Decimal(int(o.paid[r["row"]])) / 100 for o in outcomes],
        }
        for r in frame.iter_rows(named=True)
    ]
    budgets = [(found.fund_names.get(k, ""), f.budget) for k, f in claims.funds.items()]
    context |= {
        "outcomes": outcomes,
        "claims": claims,
        "rows": rows,
        "budgets": budgets,
        "chart": _allocation_chart(outcomes),
    }
    return templates.TemplateResponse(request, "console_allocation.html", context)


def _named_funds(text: str, names: dict[str, str]) -> str:
    for fund_id, name in sorted(names.items(), key=lambda item: -len(item[0])):
        text = text.replace(f"资金 {fund_id} ", f"{name} ")
    return text


def _allocation_chart(outcomes: list[Any]) -> str:
    labels = [o.label for o in outcomes]
    figure = go.Figure(
        [
            go.Bar(
                name="使用资金（万元）", x=labels, y=[float(o.money_used) / 10_000 for o in outcomes], offsetgroup=1
            ),
            go.Bar(name="覆盖主体", x=labels, y=[o.entities_reached for o in outcomes], yaxis="y2", offsetgroup=2),
        ]
    )
    figure.update_layout(
        barmode="group",
        height=320,
        margin={"t": 30},
        yaxis={"title": "万元"},
        yaxis2={"title": "主体", "overlaying": "y", "side": "right"},
    )
    return figure_html(figure)


__all__ = ["_xlsx", "router"]


@router.get("/extract", response_class=HTMLResponse, include_in_schema=False)
def extract_page(request: Request, user: Officer) -> HTMLResponse:
    return templates.TemplateResponse(request, "console_extract.html", {"user": user, "draft": None, "text": ""})


@router.post("/extract", response_class=HTMLResponse, include_in_schema=False, dependencies=[Depends(csrf)])
async def extract_run(
    request: Request,
    user: Officer,
    text: Annotated[str, Form()] = "",
    document: Annotated[UploadFile | None, File()] = None,
) -> HTMLResponse:
    """Paste a document's text or upload a .txt/.docx/.pdf/.html: clauses, drafted rules with confidence, manual
    parts."""
    from policyreach.extract.documents import read_document
    from policyreach.extract.draft import draft_policy, to_yaml

    if document is not None and document.filename:
        suffix = Path(document.filename).suffix.lower()
        try:
            # the sender's own suffix (a .doc is refused by name with the way out), unless it is no suffix at all
            async with on_disk(document, suffix if re.fullmatch(r"\.[a-z0-9]{1,8}", suffix) else ".txt") as path:
                text = read_document(path)  # a .docx checked for its inflated size first, text read as UTF-8 or GBK
        except UnreadableFile as exc:
            return templates.TemplateResponse(
                request,
                "console_extract.html",
                {"user": user, "draft": None, "text": "", "error": str(exc)},
                status_code=400,
            )
    from policyreach.extract.assistant import config_from_env

    draft = draft_policy(text, "draft", assistant=config_from_env()) if text.strip() else None
    return templates.TemplateResponse(
        request,
        "console_extract.html",
        {"user": user, "draft": draft, "text": text, "yaml": to_yaml(draft) if draft else ""},
    )
