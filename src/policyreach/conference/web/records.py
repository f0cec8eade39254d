"""Record pages of the conference (政协履职): a member's duty record and assessment clause by clause,
public-opinion reports, the consultation plan with sign-up and sign-in, consultative supervision, the 包保
ledger, the assessment reform, and the year's statistics with charts and XLSX.

Every route carrying an object id reads it through the workflow module's own access check (``reports.get``,
``duty.member_for``, ``liaison.get``, ``supervision.visible``), so a member never opens another's record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any

import plotly
import plotly.graph_objects as go
from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from policyreach.app import consents
from policyreach.app.ports import PlatformServices
from policyreach.conference import (
    activities,
    activity_forms,
    annual_report,
    duty,
    legislation,
    liaison,
    reports,
    roles,
    statistics,
    supervision,
    terms,
)
from policyreach.conference import plan as consultation_plan
from policyreach.conference.assessment import GRADE_ZH, AssessmentRules, FormRule, compare, load_rules
from policyreach.conference.models import ConferenceMember, HandlingUnit, Proposal
from policyreach.conference.records_models import (
    Activity,
    BulletinIssue,
    DutyEntry,
    LegislativeComment,
    LegislativeDraft,
    LiaisonRequest,
    LiaisonTarget,
    LiaisonVisit,
    OpinionReport,
    Participant,
)
from policyreach.conference.states import PSTATE_ZH
from policyreach.conference.web.access import visible_object
from policyreach.conference.web.answers import back, guard
from policyreach.push.clock import current_clock, local, today
from policyreach.redemption import audit
from policyreach.reports.pdf import PdfUnavailable, html_to_pdf
from policyreach.rules.errors import RuleError
from policyreach.simulation.reform import Reform
from policyreach.store.models import Account, DisclosureConsent, Entity
from policyreach.web.charts import figure_html
from policyreach.web.deps import allow, csrf, db, platform, session_data
from policyreach.web.downloads import attachment
from policyreach.web.security import same_token
from policyreach.web.templating import templates
from policyreach.web.validation import parse_date

router = APIRouter(prefix="/conference")
DbSession = Annotated[Session, Depends(db)]
Plat = Annotated[PlatformServices, Depends(platform)]
FORM = [Depends(csrf), Depends(visible_object)]  # the object's owner answers before the form is read
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
STAFF = (roles.COMMITTEE, roles.INFO_OFFICE, roles.LEADER, roles.ADMIN)
CONTEXT = {
    "REPORT_ZH": reports.STATE_ZH,
    "ACTIVITY_ZH": activities.STATE_ZH,
    "ENTRY_ZH": duty.ENTRY_ZH,
    "DECLARED_KINDS": duty.DECLARED_KINDS,
    "FORWARD_ZH": reports.FORWARD_ZH,
    "LEVEL_ZH": reports.LEVEL_ZH,
    "SUPERVISION_ZH": supervision.STATE_ZH,
    "REQUEST_ZH": liaison.REQUEST_ZH,
    "KIND_ZH_L": liaison.KIND_ZH,
    "RATING_ZH": statistics.RATING_ZH,
    "percent": statistics.percent,
    "GRADE_ZH": GRADE_ZH,
    "FORMS": activities.FORMS,
    "PSTATE_ZH": PSTATE_ZH,
    "OUTCOME_ZH": legislation.OUTCOME_ZH,
}


User = Annotated[Account, Depends(allow("conference.use"))]


def _page(request: Request, name: str, user: Account, **data: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, {"user": user, **CONTEXT, **data})


def _year(plat: PlatformServices, year: int | None, session: Session | None = None) -> int:
    """The year asked for, else the last complete year: the one the annual work report and assessment cover."""
    if year is not None and not 2000 <= year <= 2100:  # a year typed into the address: refused, not a 500
        raise HTTPException(400, f"“年份”应在 2000 至 2100 之间，填写的是 {str(year)[:10]}")
    return year or plat.as_of.year - 1


def _rules_of_year(year: int, forms: tuple[FormRule, ...]) -> AssessmentRules:
    """The assessment rules in force at the end of ``year``; a year before their first dated values is a page that
    does not exist, said in Chinese."""
    try:
        return load_rules(dt.date(year, 12, 31), forms=forms)
    except RuleError as exc:
        raise HTTPException(404, f"{year} 年没有施行中的履职考核办法（{exc.message_zh}），请选择其他年份") from None


@router.get("/records/plotly.min.js", include_in_schema=False)
def plotly_js(_user: User) -> FileResponse:
    """Plotly's JavaScript from the installed package, never from a CDN."""
    return FileResponse(PLOTLY_JS, media_type="application/javascript")


# -- duty record and assessment --------------------------------------------------------------------


@router.get("/me/assessment", include_in_schema=False)
def my_assessment(user: User, session: DbSession) -> RedirectResponse:
    member = guard(duty.member_for, session, user)
    return RedirectResponse(f"/conference/members/{member.id}/assessment", status_code=303)


@router.get("/members", response_class=HTMLResponse, include_in_schema=False)
def member_list(
    request: Request, user: User, session: DbSession, plat: Plat, q: str = "", year: int | None = None
) -> HTMLResponse:
    guard(roles.require, user, STAFF, "委员名录")
    shown = _year(plat, year, session)
    query = (  # the members who sat in the year: a former member's record is read under the years they served
        select(ConferenceMember)
        .where(ConferenceMember.id.in_(terms.members_of_year(session, shown)))
        .order_by(ConferenceMember.sector_group, ConferenceMember.id)
    )
    if q:
        query = query.where(ConferenceMember.name.contains(q) | ConferenceMember.sector_group.contains(q))
    members = list(session.scalars(query.limit(200)))
    held = terms.terms_of(session, [m.id for m in members])
    return _page(
        request,
        "conference_member_list.html",
        user,
        members=members,
        held=held,
        q=q,
        year=shown,
        term=terms.term_of_year(session, shown),
    )


@router.get("/members/{member_pk}/assessment", response_class=HTMLResponse, include_in_schema=False)
def assessment_page(
    request: Request,
    member_pk: int,
    user: User,
    session: DbSession,
    plat: Plat,
    year: int | None = None,
    note: str = "",
) -> HTMLResponse:
    member = guard(duty.member_for, session, user, member_pk)
    y = _year(plat, year, session)
    rules = _rules_of_year(y, activity_forms.rules_of(session))
    result = duty.assessment_of(session, rules, member, y)
    record = duty.record_of(session, member, y)
    own = user.role == roles.MEMBER
    return _page(
        request,
        "conference_member_assessment.html",
        user,
        member=member,
        year=y,
        record=record,
        result=result,
        rules=rules,
        own=own,
        note=note,
        schema=rules.schema,
        sources={k: rules.schema.source_label(rules.schema.attributes[k].source) for k in record.counts},
    )


@router.post("/duty", include_in_schema=False, dependencies=FORM)
def declare(
    user: User,
    session: DbSession,
    kind: Annotated[str, Form()],
    title: Annotated[str, Form()],
    happened_on: Annotated[dt.date, Form()],
    evidence: Annotated[str, Form()],
) -> RedirectResponse:
    entry = guard(duty.declare, session, user, kind=kind, title=title, happened_on=happened_on, evidence=evidence)
    session.commit()
    return back(f"/conference/members/{entry.member_pk}/assessment?year={entry.year}", "已提交，待办公厅审核")


@router.get("/duty/pending", response_class=HTMLResponse, include_in_schema=False)
def pending_duties(request: Request, user: User, session: DbSession, note: str = "") -> HTMLResponse:
    guard(roles.require, user, duty.CONFIRMERS, "审核履职事项")
    entries = list(
        session.scalars(
            select(DutyEntry).where(DutyEntry.state == "declared").order_by(DutyEntry.happened_on).limit(200)
        )
    )
    return _page(request, "conference_member_duties.html", user, entries=entries, note=note)


@router.post("/duty/{entry_id}/decide", include_in_schema=False, dependencies=FORM)
def decide_duty(
    entry_id: int, user: User, session: DbSession, decision: Annotated[str, Form()], reason: Annotated[str, Form()] = ""
) -> RedirectResponse:
    entry = session.get(DutyEntry, entry_id)
    if entry is None:
        raise HTTPException(404, "事项不存在")
    guard(duty.decide, session, user, entry, decision == "confirm", reason)
    session.commit()
    return back("/conference/duty/pending", "已审核")


@router.api_route("/assessment/reform", methods=["GET", "POST"], response_class=HTMLResponse, include_in_schema=False)
async def reform_page(
    request: Request, user: User, session: DbSession, plat: Plat, year: int | None = None
) -> HTMLResponse:
    """A change of the assessment rules as a reform: every member's grade before and after."""
    guard(roles.require, user, (roles.LEADER, roles.ADMIN, roles.COMMITTEE), "考核办法调整测算")
    y = _year(plat, year, session)
    forms = activity_forms.rules_of(session)
    before = _rules_of_year(y, forms)
    params = {name: p for name, p in before.policy.parameters.items()}
    result = error = None
    changes: dict[str, Decimal] = {}
    if request.method == "POST":
        form = await request.form()
        data = session_data(request)
        if data is None or not same_token(data["c"], str(form.get("csrf_token") or "")):
            raise HTTPException(403, "表单已过期或来源不明，请刷新页面后重试")
        for name in params:
            raw = str(form.get(name) or "").strip()
            if raw and raw != str(before.parameter(name)):
                try:
                    changes[name] = Decimal(raw)
                except InvalidOperation:
                    error = f"参数 {params[name].label} 应为数字"
                    continue
                if not changes[name].is_finite() or abs(changes[name]) >= 10**12:  # NaN, 1e308: not a parameter
                    error = f"参数 {params[name].label} 应为有限的数字（绝对值小于 10 的 12 次方）"
                    del changes[name]
        if changes and error is None:
            reform = Reform(
                id="assessment-change",
                title="考核办法调整",
                parameters={f"{before.policy.id}.{k}": _yaml_number(v) for k, v in changes.items()},
            )
            after = guard(load_rules, dt.date(y, 12, 31), reform=reform, forms=forms)
            counts = duty.year_counts(session, y)
            result = compare(before, after, [(str(m), c, list(c)) for m, c in sorted(counts.items())])
    return _page(
        request,
        "conference_member_reform.html",
        user,
        params=params,
        rules=before,
        year=y,
        changes=changes,
        result=result,
        error=error,
    )


def _yaml_number(value: Decimal) -> int | float:
    # the reform is applied through YAML, which has no Decimal; a short decimal survives a float's repr exactly
    return int(value) if value == value.to_integral_value() else float(value)


# -- public-opinion reports ------------------------------------------------------------------------


@router.get("/reports", response_class=HTMLResponse, include_in_schema=False)
def report_list(
    request: Request,
    user: User,
    session: DbSession,
    plat: Plat,
    year: int | None = None,
    state: str = "",
    note: str = "",
) -> HTMLResponse:
    rows = guard(reports.visible, session, user, year=year)  # every year unless one is asked for
    if state:
        rows = [r for r in rows if r.state == state]
    incoming = reports.proposals_to_take(session, user) if user.role == roles.INFO_OFFICE else []
    return _page(
        request,
        "conference_report_list.html",
        user,
        reports=rows[:300],
        total=len(rows),
        state=state,
        year=year,
        note=note,
        incoming=incoming,
    )


@router.post("/reports/from-proposal/{proposal_id}", include_in_schema=False, dependencies=FORM)
def report_from_proposal(proposal_id: int, user: User, session: DbSession) -> RedirectResponse:
    """The information office takes in a proposal that was not filed and turned into a report."""
    guard(roles.require, user, reports.OFFICE, "将不立案提案转为社情民意信息")
    proposal = session.get(Proposal, proposal_id)
    if proposal is None:
        raise HTTPException(404, "提案不存在")
    report = guard(reports.from_proposal, session, user, proposal, today())
    session.commit()
    return back(f"/conference/reports/{report.id}", "已转为社情民意信息")


@router.get("/reports/new", response_class=HTMLResponse, include_in_schema=False)
def report_new(request: Request, user: User) -> HTMLResponse:
    guard(roles.require, user, (roles.MEMBER,), "撰写社情民意信息")
    return _page(request, "conference_report_form.html", user)


@router.post("/reports", include_in_schema=False, dependencies=FORM)
def report_create(
    user: User,
    session: DbSession,
    title: Annotated[str, Form()],
    situation: Annotated[str, Form()],
    suggestion: Annotated[str, Form()],
    analysis: Annotated[str, Form()] = "",
    category: Annotated[str, Form()] = "其他",
    group: Annotated[str, Form()] = "",
    submit_now: Annotated[str, Form()] = "",
) -> RedirectResponse:
    report = guard(
        reports.create,
        session,
        user,
        title=title,
        situation=situation,
        analysis=analysis,
        suggestion=suggestion,
        category=category,
        group=group or None,
        year=today().year,
    )
    if submit_now:
        guard(reports.submit, session, user, report, today())
    session.commit()
    return back(f"/conference/reports/{report.id}", "已报送" if submit_now else "草稿已保存")


@router.get("/reports/{report_id}", response_class=HTMLResponse, include_in_schema=False)
def report_page(request: Request, report_id: int, user: User, session: DbSession, note: str = "") -> HTMLResponse:
    report = guard(reports.get, session, user, report_id)
    return _page(
        request,
        "conference_report.html",
        user,
        report=report,
        note=note,
        is_author=user.role == roles.MEMBER,
        office=user.role == roles.INFO_OFFICE,
    )


@router.post("/reports/{report_id}/act", include_in_schema=False, dependencies=FORM)
def report_act(
    report_id: int,
    user: User,
    session: DbSession,
    action: Annotated[str, Form()],
    text: Annotated[str, Form()] = "",
    rating: Annotated[str, Form()] = "",
    to: Annotated[str, Form()] = "",
    leader: Annotated[str, Form()] = "",
    level: Annotated[str, Form()] = "city",
) -> RedirectResponse:
    report: OpinionReport = guard(reports.get, session, user, report_id)
    day = today()
    steps = {
        "submit": lambda: reports.submit(session, user, report, day),
        "accept": lambda: reports.accept(session, user, report),
        "edit": lambda: reports.edit(session, user, report, text=text or None, rating=rating or None),
        "return": lambda: reports.return_for_revision(session, user, report, text),
        "archive": lambda: reports.archive(session, user, report, text),
        "adopt": lambda: reports.adopt(session, user, report, _current_issue(session, day), day),
        "forward": lambda: reports.forward(session, user, report, to, day),
        "instruction": lambda: reports.record_instruction(
            session, user, report, leader=leader, level=level, text=text, on=day
        ),
        "higher": lambda: reports.record_higher_adoption(session, user, report),
    }
    if action not in steps:
        raise HTTPException(400, "未知操作")
    guard(steps[action])
    session.commit()
    return back(f"/conference/reports/{report.id}", "已办理")


def _current_issue(session: Session, day: dt.date) -> BulletinIssue:
    """This month's bulletin issue, opened on first use."""
    issue = session.scalar(
        select(BulletinIssue)
        .where(BulletinIssue.year == day.year, BulletinIssue.published_on >= day.replace(day=1))
        .order_by(BulletinIssue.number.desc())
    )
    return issue or reports.bulletin_issue(session, day.year, day)


# -- activities, supervision -----------------------------------------------------------------------


@router.get("/activities", response_class=HTMLResponse, include_in_schema=False)
def activity_plan(
    request: Request, user: User, session: DbSession, plat: Plat, year: int | None = None, note: str = ""
) -> HTMLResponse:
    y = _year(plat, year, session)
    plan = activities.plan_of(session, y)
    mine: dict[int, Participant] = {}
    member = roles.member_of(session, user)
    if member is not None:
        rows = session.scalars(select(Participant).where(Participant.member_pk == member.id))
        mine = {p.activity_pk: p for p in rows}
    return _page(
        request,
        "conference_activities.html",
        user,
        plan=plan,
        mine=mine,
        year=y,
        note=note,
        today=today(),
        staff=user.role in activities.ORGANISERS,
        yearly_plan=consultation_plan.of_year(session, y),
        PLAN_ZH=consultation_plan.STATE_ZH,
        plan_office=user.role in consultation_plan.OFFICE,
        plan_approver=user.role in consultation_plan.APPROVERS,
        FORMS=[f.name for f in activity_forms.listed(session, active_only=True)],
    )


@router.post("/activities/{activity_id}/act", include_in_schema=False, dependencies=FORM)
def activity_act(
    activity_id: int,
    user: User,
    session: DbSession,
    action: Annotated[str, Form()],
    text: Annotated[str, Form()] = "",
    adopted: Annotated[str, Form()] = "",
    held_on: Annotated[str, Form()] = "",
    place: Annotated[str, Form()] = "",
    invite: Annotated[str, Form()] = "",
    adopted_by: Annotated[str, Form()] = "",
    adopted_on: Annotated[dt.date | None, Form()] = None,
) -> RedirectResponse:
    act = session.get(Activity, activity_id)
    if act is None:
        raise HTTPException(404, "活动不存在")
    now = local(current_clock()).replace(tzinfo=None)
    steps: dict[str, Callable[[], object]] = {
        "sign_up": lambda: activities.sign_up(session, user, act, now),
        "sign_in": lambda: activities.sign_in(session, user, act, now),
        "leave": lambda: activities.ask_leave(session, user, act, text),
        "notify": lambda: activities.notify(session, user, act, text, _invitees(session, act, invite)),
        "cancel": lambda: activities.cancel(session, user, act, text),
        "hold": lambda: activities.hold(session, user, act),
        "conclude": lambda: activities.conclude(
            session, user, act, text, adopted == "yes", adopted_by=adopted_by, adopted_on=adopted_on
        ),
    }
    if action == "change":
        new_day = parse_date(held_on, "held_on") if held_on.strip() else act.held_on
        steps["change"] = lambda: activities.change(
            session, user, act, held_on=new_day, place=place or act.place, reason=text
        )
    if action not in steps:
        raise HTTPException(400, "未知操作")
    if action == "notify" and not text.strip():
        raise HTTPException(400, "“通知内容”不能为空")
    guard(steps[action])
    session.commit()
    return back(f"/conference/activities?year={act.year}#a{act.id}", "已办理")


def _invitees(session: Session, act: Activity, invite: str) -> list[ConferenceMember]:
    query = select(ConferenceMember)
    if invite == "committee" and act.lead_committee:
        query = query.where(ConferenceMember.committee == act.lead_committee)
    return list(session.scalars(query))


ATTENDANCE_ZH = {"present": "出席", "excused": "请假", "unexcused": "无故缺席"}
LEAVE_ZH = {"requested": "请假待审批", "approved": "请假已批准", "declined": "请假未批准"}


@router.get("/activities/{activity_id}/attendance", response_class=HTMLResponse, include_in_schema=False)
def attendance_page(request: Request, activity_id: int, user: User, session: DbSession, note: str = "") -> HTMLResponse:
    """The attendance of one activity for staff: who signed in (app or paper), leave to decide, closing."""
    guard(roles.require, user, activities.ORGANISERS, "管理考勤")
    act = session.get(Activity, activity_id)
    if act is None:
        raise HTTPException(404, "活动不存在")
    rows = sorted(
        (p for p in act.participants if p.invited or p.signed_up_at or p.signed_in_at or p.leave_state),
        key=lambda p: (p.signed_in_at is not None, p.member.name),
    )
    return _page(
        request,
        "conference_activity_attendance.html",
        user,
        act=act,
        rows=rows,
        counts=activities.reconcile(act),
        note=note,
        ATTENDANCE_ZH=ATTENDANCE_ZH,
        LEAVE_ZH=LEAVE_ZH,
        CORRECTIONS=activities.CORRECTIONS,
    )


@router.post("/activities/{activity_id}/attendance", include_in_schema=False, dependencies=FORM)
def attendance_act(
    activity_id: int,
    user: User,
    session: DbSession,
    action: Annotated[str, Form()],
    member: Annotated[list[int] | None, Form()] = None,
    to: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
    confirm: Annotated[str, Form()] = "",
) -> RedirectResponse:
    guard(roles.require, user, activities.ORGANISERS, "管理考勤")  # before anything typed is read
    act = session.get(Activity, activity_id)
    if act is None:
        raise HTTPException(404, "活动不存在")
    now = local(current_clock()).replace(tzinfo=None)
    chosen = member or []
    if action in ("approve", "decline", "correct") and len(chosen) != 1:
        raise HTTPException(400, "请选择一位委员")
    if action == "close" and confirm != "yes":
        raise HTTPException(400, "请勾选“已核对签到和请假”后再确认考勤")
    steps: dict[str, Callable[[], object]] = {
        "paper": lambda: activities.mark_paper(session, user, act, chosen, now),
        "approve": lambda: activities.decide_leave(session, user, act, chosen[0], True),
        "decline": lambda: activities.decide_leave(session, user, act, chosen[0], False),
        "close": lambda: activities.close_attendance(session, user, act, now),
        "correct": lambda: activities.correct(session, user, act, chosen[0], to, reason),
    }
    if action not in steps:
        raise HTTPException(400, "未知操作")
    if action == "paper" and not chosen:
        raise HTTPException(400, "请勾选在纸质签到表上签到的委员")
    guard(steps[action])
    session.commit()
    notes = {"paper": "已录入纸质签到", "approve": "已批准请假", "decline": "已不批准请假", "close": "考勤已确认"}
    return back(f"/conference/activities/{act.id}/attendance", notes.get(action, "已更正"))


@router.post("/activities", include_in_schema=False, dependencies=FORM)
def activity_plan_add(
    user: User,
    session: DbSession,
    title: Annotated[str, Form()],
    form: Annotated[str, Form()],
    held_on: Annotated[dt.date, Form()],
    topic: Annotated[str, Form()] = "",
    lead_committee: Annotated[str, Form()] = "",
    notice: Annotated[str, Form()] = "",
    invite: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """Add an activity to the plan; with a notice it goes out at once to the invited members."""
    act = guard(
        activities.plan,
        session,
        user,
        title=title,
        form=form,
        held_on=held_on,
        topic=topic,
        lead_committee=lead_committee,
    )
    if notice.strip():
        guard(activities.notify, session, user, act, notice, _invitees(session, act, invite))
    session.commit()
    return back(f"/conference/activities?year={act.year}#a{act.id}", "已列入计划")


@router.get("/legislation", response_class=HTMLResponse, include_in_schema=False)
def legislation_list(
    request: Request, user: User, session: DbSession, plat: Plat, year: int | None = None, note: str = ""
) -> HTMLResponse:
    y = _year(plat, year, session)
    drafts = list(
        session.scalars(select(LegislativeDraft).where(LegislativeDraft.year == y).order_by(LegislativeDraft.id))
    )
    counts = {
        d.id: session.scalars(select(LegislativeComment.state).where(LegislativeComment.draft_pk == d.id)).all()
        for d in drafts
    }
    return _page(
        request,
        "conference_activity_legislation_list.html",
        user,
        drafts=drafts,
        counts=counts,
        year=y,
        recorder=user.role in legislation.RECORDERS,
        note=note,
    )


@router.post("/legislation", include_in_schema=False, dependencies=FORM)
def legislation_register(
    user: User,
    session: DbSession,
    title: Annotated[str, Form()],
    drafting_office: Annotated[str, Form()],
    clauses: Annotated[str, Form()],
    comments_due: Annotated[dt.date | None, Form()] = None,
) -> RedirectResponse:
    """The office registers a draft regulation for 立法协商: its clauses pasted as numbered, a deadline."""
    parsed = legislation.parse_clauses(clauses)
    if not parsed:
        raise HTTPException(400, "“条款”不能为空：请粘贴草案条文（每条以“第X条”开头）")
    year = (comments_due or today()).year
    draft = guard(
        legislation.add_draft,
        session,
        user,
        title=title,
        drafting_office=drafting_office,
        year=year,
        clauses=parsed,
        comments_due=comments_due,
    )
    session.commit()
    return back(f"/conference/legislation/{draft.id}", f"已登记，共 {len(parsed)} 条")


@router.post("/legislation/{draft_id}/close", include_in_schema=False, dependencies=FORM)
def legislation_close(
    draft_id: int, user: User, session: DbSession, note: Annotated[str, Form()] = ""
) -> RedirectResponse:
    draft = session.get(LegislativeDraft, draft_id)
    if draft is None:
        raise HTTPException(404, "草案不存在")
    guard(legislation.close, session, user, draft, note, today())
    session.commit()
    return back(f"/conference/legislation/{draft.id}", "立法协商已结束")


@router.get("/legislation/{draft_id}", response_class=HTMLResponse, include_in_schema=False)
def legislation_draft(request: Request, draft_id: int, user: User, session: DbSession, note: str = "") -> HTMLResponse:
    draft = session.get(LegislativeDraft, draft_id)
    if draft is None:
        raise HTTPException(404, "草案不存在")
    comments = list(
        session.scalars(
            select(LegislativeComment).where(LegislativeComment.draft_pk == draft.id).order_by(LegislativeComment.id)
        )
    )
    return _page(
        request,
        "conference_activity_legislation.html",
        user,
        draft=draft,
        note=note,
        clauses=legislation.by_clause(draft, comments),
        recorder=user.role in legislation.RECORDERS,
        pending=sum(1 for c in comments if c.state == "pending"),
        open_for_comments=draft.closed_on is None and (draft.comments_due is None or today() <= draft.comments_due),
    )


@router.post("/legislation/{draft_id}/comment", include_in_schema=False, dependencies=FORM)
def legislation_comment(
    draft_id: int, user: User, session: DbSession, clause: Annotated[str, Form()], text: Annotated[str, Form()]
) -> RedirectResponse:
    draft = session.get(LegislativeDraft, draft_id)
    if draft is None:
        raise HTTPException(404, "草案不存在")
    guard(legislation.comment, session, user, draft, clause, text, today())
    session.commit()
    return back(f"/conference/legislation/{draft.id}#c{clause}", "意见已提交")


@router.post("/legislation/comments/{comment_id}/decide", include_in_schema=False, dependencies=FORM)
def legislation_decide(
    comment_id: int,
    user: User,
    session: DbSession,
    outcome: Annotated[str, Form()],
    reason: Annotated[str, Form()] = "",
) -> RedirectResponse:
    row = session.get(LegislativeComment, comment_id)
    if row is None:
        raise HTTPException(404, "意见不存在")
    guard(legislation.decide, session, user, row, outcome, reason, today())
    session.commit()
    return back(f"/conference/legislation/{row.draft_pk}#c{row.clause}", "已登记")


@router.get("/supervision", response_class=HTMLResponse, include_in_schema=False)
def supervision_page(
    request: Request, user: User, session: DbSession, plat: Plat, year: int | None = None, note: str = ""
) -> HTMLResponse:
    items = guard(supervision.visible, session, user, _year(plat, year, session))
    return _page(
        request,
        "conference_activity_supervision.html",
        user,
        items=items,
        year=_year(plat, year, session),
        note=note,
        office=user.role in supervision.OFFICE,
        units=session.scalars(select(HandlingUnit).order_by(HandlingUnit.name)).all()
        if user.role in supervision.OFFICE
        else [],
        today=today(),
    )


@router.post("/supervision", include_in_schema=False, dependencies=FORM)
def supervision_record(
    user: User,
    session: DbSession,
    unit: Annotated[int, Form()],
    finding: Annotated[str, Form()],
    due_on: Annotated[dt.date, Form()],
) -> RedirectResponse:
    """The office records a 协商式监督 finding for a unit, to be followed to rectification."""
    if session.get(HandlingUnit, unit) is None:
        raise HTTPException(400, "“被监督单位”不存在，请从列表中选择")
    if not finding.strip():
        raise HTTPException(400, "“发现的问题”不能为空")
    if due_on < today():
        raise HTTPException(400, "“整改期限”不能早于今天")
    item = guard(
        supervision.record_finding,
        session,
        user,
        unit_pk=unit,
        finding=finding.strip(),
        due_on=due_on,
        year=today().year,
    )
    session.commit()
    return back(f"/conference/supervision?year={item.year}#s{item.id}", "已登记")


@router.post("/plan", include_in_schema=False, dependencies=FORM)
def plan_act(
    user: User,
    session: DbSession,
    year: Annotated[int, Form()],
    action: Annotated[str, Form()],
    approved_by: Annotated[str, Form()] = "",
    approved_on: Annotated[dt.date | None, Form()] = None,
    note: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """The year's consultation plan: start the draft, submit, 审定 (body and date), return, publish."""
    if not 2000 <= year <= 2100:
        raise HTTPException(400, "“年份”应在 2000 至 2100 之间")
    if action == "start":
        guard(consultation_plan.start, session, user, year)
    else:
        found = consultation_plan.of_year(session, year)
        if found is None:
            raise HTTPException(400, f"{year}年度协商计划尚未起草")
        guard(
            consultation_plan.move,
            session,
            user,
            found,
            action,
            today=today(),
            approved_by=approved_by,
            approved_on=approved_on,
            note=note,
        )
    session.commit()
    return back(f"/conference/activities?year={year}", "已办理")


@router.post("/supervision/{item_id}/act", include_in_schema=False, dependencies=FORM)
def supervision_act(
    item_id: int,
    user: User,
    session: DbSession,
    to: Annotated[str, Form()],
    text: Annotated[str, Form()] = "",
) -> RedirectResponse:
    # a finding of any year, not only the one the page opens on: this year's findings are followed up this year
    item = guard(supervision.one, session, user, item_id)
    if item is None:
        raise HTTPException(404, "监督事项不存在或不属于您")
    guard(supervision.move, session, user, item, to, text=text, today=today())
    session.commit()
    return back(f"/conference/supervision?year={item.year}#s{item.id}", "已办理")


# -- 包保 ledger ------------------------------------------------------------------------------------


@router.get("/liaison", response_class=HTMLResponse, include_in_schema=False)
def liaison_list(request: Request, user: User, session: DbSession) -> HTMLResponse:
    return _page(
        request,
        "conference_liaison.html",
        user,
        targets=guard(liaison.targets, session, user),
        today=today().isoformat(),
    )


@router.post("/liaison", include_in_schema=False, dependencies=FORM)
def liaison_cover(
    user: User,
    session: DbSession,
    kind: Annotated[str, Form()],
    name: Annotated[str, Form()] = "",
    firm: Annotated[str, Form()] = "",
    since: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """A leader or member registers a firm (by its credit code or platform number), project or park they cover."""
    entity = None
    if kind == "enterprise":
        code = firm.strip().upper()
        entity = session.scalar(select(Entity).where((Entity.uscc == code) | (Entity.entity_id == code)))
        if entity is None:
            raise HTTPException(400, f"平台中没有统一社会信用代码或编号为“{firm.strip()}”的企业")
    try:
        start = dt.date.fromisoformat(since) if since else today()
    except ValueError as exc:
        raise HTTPException(400, "包保起始日期格式应为 2026-01-31") from exc
    target = guard(liaison.cover, session, user, kind=kind, name=name, since=start, entity=entity)
    session.commit()
    return back(f"/conference/liaison/{target.id}", "已登记包保对象")


@router.get("/liaison/{target_id}", response_class=HTMLResponse, include_in_schema=False)
def liaison_target(
    request: Request, target_id: int, user: User, session: DbSession, plat: Plat, note: str = ""
) -> HTMLResponse:
    target = guard(liaison.get, session, user, target_id)

    visits = list(
        session.scalars(
            select(LiaisonVisit).where(LiaisonVisit.target_pk == target.id).order_by(LiaisonVisit.visited_on.desc())
        )
    )
    requests_ = list(
        session.scalars(select(LiaisonRequest).where(LiaisonRequest.target_pk == target.id).order_by(LiaisonRequest.id))
    )
    # nothing about a firm (its name, what it qualifies for) before it consents or the information office approves
    disclosed = liaison.disclosed(session, target)
    entity = session.get(Entity, target.entity_pk) if target.entity_pk and disclosed else None
    consent = consents.of(session, liaison.subject(target)) if target.entity_pk else None
    return _page(
        request,
        "conference_liaison_target.html",
        user,
        target=target,
        visits=visits,
        requests=requests_,
        entity=entity,
        consent=consent,
        CONSENT_ZH=consents.STATE_ZH,
        unclaimed=liaison.unclaimed_benefits(session, plat, target) if disclosed else [],
        note=note,
    )


@router.get("/liaison-approvals", response_class=HTMLResponse, include_in_schema=False)
def liaison_approvals(
    request: Request,
    user: Annotated[Account, Depends(allow("conference.liaison.approve"))],
    session: DbSession,
    note: str = "",
) -> HTMLResponse:
    """The information office's list of 包保 registrations whose firm has not answered yet."""
    rows = consents.pending(session, "liaison:")
    keys = {c.id: c.subject.removeprefix("liaison:") for c in rows}
    targets = {pk: session.get(LiaisonTarget, int(key)) if key.isdigit() else None for pk, key in keys.items()}
    return _page(request, "conference_liaison_approvals.html", user, rows=rows, targets=targets, note=note)


@router.post("/liaison-approvals/{consent_id}", include_in_schema=False, dependencies=[Depends(csrf)])
def approve_liaison(
    consent_id: int,
    user: Annotated[Account, Depends(allow("conference.liaison.approve"))],
    session: DbSession,
) -> RedirectResponse:
    consent = session.get(DisclosureConsent, consent_id)
    if consent is None or not consent.subject.startswith("liaison:"):
        raise HTTPException(404, "没有这项包保登记")
    try:
        consents.approve(session, consent, user.username)
    except consents.ConsentError as exc:
        raise HTTPException(409, str(exc)) from exc
    audit.record(session, user.username, "liaison.approved", consent.subject, {"consent": consent.id})
    session.commit()
    return back("/conference/liaison-approvals", "已批准")


@router.post("/liaison/{target_id}/act", include_in_schema=False, dependencies=FORM)
def liaison_act(
    target_id: int,
    user: User,
    session: DbSession,
    action: Annotated[str, Form()],
    text: Annotated[str, Form()] = "",
    handled_by: Annotated[str, Form()] = "",
    request_id: Annotated[int | None, Form()] = None,
) -> RedirectResponse:
    target = guard(liaison.get, session, user, target_id)
    day = today()
    if action == "visit":
        guard(liaison.visit, session, user, target, day, text)
    elif action == "request":
        guard(liaison.raise_request, session, user, target, text, day)
    elif action in ("in_progress", "closed"):
        row = session.get(LiaisonRequest, request_id) if request_id else None
        if row is None or row.target_pk != target.id:
            raise HTTPException(404, "诉求不存在")
        guard(liaison.move_request, session, user, row, action, handled_by=handled_by, result=text, on=day)
    else:
        raise HTTPException(400, "未知操作")
    session.commit()
    return back(f"/conference/liaison/{target.id}", "已记录")


# -- statistics ------------------------------------------------------------------------------------


def _bar(labels: list[str], values: list[Any], title: str, unit: str = "件") -> str:
    # floats only to draw; the table beside each chart shows the exact figures
    figure = go.Figure(
        go.Bar(x=labels, y=[float(v or 0) for v in values], hovertemplate="%{x}<br>%{y}" + unit + "<extra></extra>")
    )
    figure.update_layout(title=title, height=300, margin={"l": 40, "r": 10, "t": 40, "b": 90})
    return figure_html(figure)


def _stats_user(user: Account) -> None:
    guard(roles.require, user, STAFF, "年度统计")


@router.get("/statistics", response_class=HTMLResponse, include_in_schema=False)
def statistics_page(
    request: Request, user: User, session: DbSession, plat: Plat, year: int | None = None
) -> HTMLResponse:
    _stats_user(user)
    stats = statistics.year_stats(session, _year(plat, year, session))
    charts = {
        "classes": _bar(["A类", "B类", "C类"], [stats.answer_classes.get(c, 0) for c in "ABC"], "答复分类"),
        "units": _bar(
            [u.name.removeprefix("长春市") for u in stats.by_unit[:15]],
            [u.assigned for u in stats.by_unit[:15]],
            "承办件数（前15个单位）",
        ),
        "sectors": _bar(
            list(stats.by_sector)[:24], [r["proposals"] for r in stats.by_sector.values()][:24], "各界别立案提案"
        ),
        "categories": _bar(list(stats.by_category), list(stats.by_category.values()), "提案类别"),
    }
    return _page(request, "conference_statistics.html", user, stats=stats, charts=charts)


@router.get("/statistics/report.docx", include_in_schema=False)
def annual_report_docx(user: User, session: DbSession, plat: Plat, year: int | None = None) -> Response:
    """The year's statistics as the report's Word document, the previous year beside each figure."""
    _stats_user(user)
    y = _year(plat, year, session)
    body = annual_report.to_docx(statistics.year_stats(session, y), statistics.year_stats(session, y - 1))
    return Response(
        body,
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        headers={"Content-Disposition": attachment(f"政协履职工作统计-{y}.docx")},
    )


def _annual_report_html(session: Session, y: int) -> str:
    now, before = statistics.year_stats(session, y), statistics.year_stats(session, y - 1)
    return templates.get_template("conference_annual_report.html").render(
        title=annual_report.title(now), now=now, before=before, sections=annual_report.sections(now, before)
    )


@router.get("/statistics/report", response_class=HTMLResponse, include_in_schema=False)
def annual_report_page(user: User, session: DbSession, plat: Plat, year: int | None = None) -> HTMLResponse:
    """The report as the page the PDF is printed from: read in the browser before downloading it."""
    _stats_user(user)
    return HTMLResponse(_annual_report_html(session, _year(plat, year, session)))


@router.get("/statistics/report.pdf", include_in_schema=False)
def annual_report_pdf(
    request: Request, user: User, session: DbSession, plat: Plat, year: int | None = None
) -> Response:
    _stats_user(user)
    y = _year(plat, year, session)
    html = _annual_report_html(session, y)
    try:
        body = html_to_pdf(html)
    except PdfUnavailable as exc:
        raise HTTPException(503, str(exc)) from exc
    return Response(
        body,
        media_type="application/pdf",
        headers={"Content-Disposition": attachment(f"政协履职工作统计-{y}.pdf")},
    )


@router.get("/statistics.xlsx", include_in_schema=False)
def statistics_xlsx(user: User, session: DbSession, plat: Plat, year: int | None = None) -> Response:
    _stats_user(user)
    y = _year(plat, year, session)
    body = statistics.to_xlsx(statistics.year_stats(session, y))
    name = f"政协履职统计-{y}.xlsx"
    return Response(
        body,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": attachment(name)},
    )
