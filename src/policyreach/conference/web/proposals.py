"""Proposal pages (提案): members draft and submit (jointly), the committee reviews with likely duplicates side by
side and assigns, units see only their own assignments and answer, proposers rate; a late-items dashboard and
a public, searchable page of published proposals with their answers.

Every route that carries a proposal id reads it through ``proposals.get_visible`` and every route that carries
an assignment id through ``proposals.assignment_of_unit`` (units) or the visible proposal (committee).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from policyreach import settings
from policyreach.app.ports import PlatformServices
from policyreach.conference import evidence as ev
from policyreach.conference import proposals as wf
from policyreach.conference import todo
from policyreach.conference.models import (
    Assignment,
    Attachment,
    ConferenceMember,
    Evaluation,
    Evidence,
    HandlingUnit,
    Proposal,
    Supervision,
)
from policyreach.conference.roles import (
    COMMITTEE,
    LEADER,
    MEMBER,
    ROLE_ZH,
    UNIT,
    Forbidden,
    member_of,
    sees_everything,
    unit_of,
)
from policyreach.conference.similarity import Index, proposal_text
from policyreach.conference.states import ASTATE_ZH, PSTATE_ZH, IllegalTransition, PState
from policyreach.conference.web.access import visible_object
from policyreach.push.clock import today
from policyreach.redemption import materials
from policyreach.store.models import Account, AuditEntry
from policyreach.web.deps import allow, csrf, db, platform
from policyreach.web.templating import templates
from policyreach.web.uploads import read_limited
from policyreach.web.validation import parse_date

router = APIRouter(prefix="/conference")
DbSession = Annotated[Session, Depends(db)]
Plat = Annotated[PlatformServices, Depends(platform)]
FORM = [Depends(csrf), Depends(visible_object)]  # the object's owner answers before the form is read
CONTEXT = {
    "PSTATE_ZH": PSTATE_ZH,
    "ASTATE_ZH": ASTATE_ZH,
    "RATINGS": wf.RATINGS,
    "CLASSES": wf.CLASSES,
    "ROLE_IN_HANDLING": wf.ROLE_IN_HANDLING,
    "DISPOSALS": wf.DISPOSALS,
    "CATEGORIES": wf.CATEGORIES,
    "LINK_KINDS": wf.LINK_KINDS,
    "ROLE_ZH": ROLE_ZH,
    "ACTION_ZH": {
        "proposal.draft": "起草（或退回草稿）",
        "proposal.edit": "修改",
        "proposal.cosigning": "提交并请联名确认",
        "proposal.cosign": "联名确认",
        "proposal.submitted": "提交提案委员会",
        "proposal.filed": "立案",
        "proposal.not_filed": "不立案",
        "proposal.merged": "并案",
        "proposal.draft_returned": "退回修改",
        "proposal.assigned": "交办",
        "proposal.answered": "全部答复",
        "proposal.closed": "评价并办结",
        "proposal.extend": "延期",
        "proposal.key": "列为重点提案",
        "proposal.supervise": "督办",
        "proposal.publish": "公开设置",
        "proposal.evidence": "附政策证据",
        "assignment.assigned": "交办单位",
        "assignment.adjusting": "申请调整",
        "assignment.withdrawn": "同意调整",
        "assignment.opinion_sent": "会办意见",
        "assignment.answered": "答复",
        "assignment.contact": "与提案人沟通",
        "assignment.chase": "催办",
    },
}


User = Annotated[Account, Depends(allow("conference.use"))]


def _visible(session: Session, user: Account, proposal_id: int) -> Proposal:
    try:
        return wf.get_visible(session, user, proposal_id)
    except Forbidden as exc:
        raise HTTPException(404, str(exc)) from exc


def _back(proposal_id: int, error: str = "", note: str = "") -> RedirectResponse:
    query = f"?error={quote(error)}" if error else (f"?note={quote(note)}" if note else "")
    return RedirectResponse(f"/conference/proposals/{proposal_id}{query}", status_code=303)


def _act(proposal_id: int, session: Session, action: Callable[[], object], note: str) -> RedirectResponse:
    """Run one workflow action in its own transaction; its refusal is shown on the proposal's page."""
    try:
        action()
        session.commit()
    except Forbidden as exc:
        session.rollback()
        raise HTTPException(403, str(exc)) from exc
    except (wf.Refused, IllegalTransition) as exc:
        session.rollback()
        return _back(proposal_id, error=str(exc))
    return _back(proposal_id, note=note)


# -- duplicates ----------------------------------------------------------------------------------------------

_index_cache: dict[tuple, Index] = {}


def _index(session: Session) -> Index:
    """The similarity index of every proposal that left its proposer's hands, rebuilt when that set changes."""
    key = (
        str(session.get_bind().engine.url),
        *session.execute(
            select(func.count(), func.max(Proposal.id), func.max(Proposal.submitted_on)).where(
                Proposal.state.not_in([PState.DRAFT, PState.COSIGNING])
            )
        ).one(),
    )
    if key not in _index_cache:
        rows = session.execute(
            select(Proposal.id, Proposal.title, Proposal.case_text, Proposal.suggestions).where(
                Proposal.state.not_in([PState.DRAFT, PState.COSIGNING])
            )
        )
        _index_cache.clear()
        _index_cache[key] = Index().extend((pid, proposal_text(t, c, s)) for pid, t, c, s in rows)
    return _index_cache[key]


def similar(session: Session, proposal: Proposal, k: int = 3) -> list[tuple[Proposal, float]]:
    found = _index(session).search(
        proposal_text(proposal.title, proposal.case_text, proposal.suggestions), k, exclude=[proposal.id]
    )
    return [(p, score) for pid, score in found if (p := session.get(Proposal, pid)) is not None]


# -- lists ---------------------------------------------------------------------------------------------------


@router.get("", include_in_schema=False, response_model=None)
def home(request: Request, user: User, session: DbSession) -> HTMLResponse | RedirectResponse:
    """Each role lands on its own work: members, the committee and units on their pending items with counts that
    open the filtered lists; the information office on its reports, leaders on the year's statistics."""
    landing = {"info_office": "/conference/reports", "leader": "/conference/statistics"}
    if user.role not in todo.BY_ROLE:
        return RedirectResponse(landing.get(user.role, "/conference/proposals"), status_code=303)
    day = today()
    return templates.TemplateResponse(
        request,
        "conference_home.html",
        {
            "user": user,
            "items": todo.proposal_items(session, user, day),
            "report_items": todo.report_items(session, user),
            "attend": todo.activities_to_attend(session, user, day) if user.role == MEMBER else [],
            "unit": unit_of(session, user),
            "today": day,
            **CONTEXT,
        },
    )


@router.get("/proposals", response_class=HTMLResponse, include_in_schema=False)
def proposal_list(
    request: Request,
    user: User,
    session: DbSession,
    q: str = "",
    state: str = "",
    year: str = "",
    todo_key: Annotated[str, Query(alias="todo")] = "",
) -> HTMLResponse:
    query = (
        todo.query(session, user, todo_key, today()) if todo_key in todo.TODO_ZH else wf.visible_query(session, user)
    )
    if q.strip():
        query = query.where(or_(Proposal.title.contains(q.strip()), Proposal.number.contains(q.strip())))
    if state:
        query = query.where(Proposal.state == state)
    if year.isascii() and year.isdigit() and len(year) == 4:
        query = query.where(Proposal.year == int(year))
    rows = list(session.scalars(query.order_by(Proposal.id.desc()).limit(200)))
    member, unit = member_of(session, user), unit_of(session, user)
    mine: list[Proposal] = []
    to_cosign: list[Proposal] = []
    if member is not None:
        mine = list(
            session.scalars(select(Proposal).where(Proposal.proposer_pk == member.id).order_by(Proposal.id.desc()))
        )
        to_cosign = [
            p
            for p in session.scalars(wf.visible_query(session, user).where(Proposal.state == PState.COSIGNING))
            if any(c.member_pk == member.id and c.state == "pending" for c in p.cosigners)
        ]
    tasks: list[Assignment] = []
    if unit is not None:
        tasks = list(
            session.scalars(select(Assignment).where(Assignment.unit_pk == unit.id).order_by(Assignment.id.desc()))
        )
    counts = Counter(session.scalars(wf.visible_query(session, user).with_only_columns(Proposal.state)))
    return templates.TemplateResponse(
        request,
        "conference_proposals.html",
        {
            "user": user,
            "rows": rows,
            "mine": mine,
            "to_cosign": to_cosign,
            "tasks": tasks,
            "unit": unit,
            "counts": counts,
            "q": q,
            "state": state,
            "year": year,
            "todo": todo_key if todo_key in todo.TODO_ZH else "",
            "TODO_ZH": todo.TODO_ZH,
            "today": today(),
            **CONTEXT,
        },
    )


@router.get("/proposals/new", response_class=HTMLResponse, include_in_schema=False)
def new_page(request: Request, user: User, session: DbSession, error: str = "") -> HTMLResponse:
    if user.role != MEMBER:
        raise HTTPException(403, "只有政协委员可以提交提案")
    me = member_of(session, user)
    others = list(
        session.scalars(
            select(ConferenceMember)
            .where(ConferenceMember.account_pk.is_not(None), ConferenceMember.id != (me.id if me else 0))
            .order_by(ConferenceMember.name)
        )
    )
    units = list(session.scalars(select(HandlingUnit).order_by(HandlingUnit.name)))
    return templates.TemplateResponse(
        request,
        "conference_proposal_new.html",
        {"user": user, "others": others, "units": units, "error": error, **CONTEXT},
    )


@router.post("/proposals", include_in_schema=False, dependencies=FORM)
def create(
    user: User,
    session: DbSession,
    title: Annotated[str, Form()],
    category: Annotated[str, Form()],
    case_text: Annotated[str, Form()] = "",
    analysis: Annotated[str, Form()] = "",
    suggestions: Annotated[str, Form()] = "",
    units: Annotated[list[str] | None, Form()] = None,
    cosigners: Annotated[list[int] | None, Form()] = None,
    during: Annotated[str, Form()] = "plenary",
    consent: Annotated[str, Form()] = "",
    go: Annotated[str, Form()] = "draft",
    group: Annotated[str, Form()] = "",
) -> RedirectResponse:
    try:
        proposal = wf.draft(
            session,
            user,
            title=title,
            category=category,
            case_text=case_text,
            analysis=analysis,
            suggestions=suggestions,
            suggested_units=units or [],
            cosigner_pks=cosigners or [],
            during=during if during in ("plenary", "regular") else "plenary",
            public_consent=bool(consent),
            year=today().year,
            group=group,
        )
        if go == "submit":
            wf.submit(session, user, proposal, today())
        session.commit()
    except Forbidden as exc:
        raise HTTPException(403, str(exc)) from exc
    except (wf.Refused, IllegalTransition) as exc:
        session.rollback()
        return RedirectResponse(f"/conference/proposals/new?error={quote(str(exc))}", status_code=303)
    return _back(
        proposal.id,
        note="已提交，等待联名委员确认"
        if proposal.state == PState.COSIGNING
        else ("已提交提案委员会" if proposal.state == PState.SUBMITTED else "草稿已保存"),
    )


# -- one proposal --------------------------------------------------------------------------------------------


@router.get("/proposals/{proposal_id}", response_class=HTMLResponse, include_in_schema=False)
def proposal_page(
    request: Request, proposal_id: int, user: User, session: DbSession, plat: Plat, error: str = "", note: str = ""
) -> HTMLResponse:
    p = _visible(session, user, proposal_id)
    member, unit = member_of(session, user), unit_of(session, user)
    mine = [a for a in p.assignments if unit is not None and a.unit_pk == unit.id]
    # a unit reads its own assignment and, as lead, the co-handling opinions addressed to it; not other answers
    shown = (
        p.assignments
        if user.role != UNIT
        else (mine + [a for a in p.assignments if a.role == "co" and any(m.role == "lead" for m in mine)])
    )
    duplicates = similar(session, p) if user.role in (COMMITTEE, LEADER, "admin") else []
    # a member writing a draft sees similar filed proposals (past years too), to avoid asking twice
    earlier = (
        [(d, score) for d, score in similar(session, p, 6) if d.state in wf.FILED_STATES][:3]
        if user.role == MEMBER and p.state == PState.DRAFT
        else []
    )
    units = list(session.scalars(select(HandlingUnit).order_by(HandlingUnit.name)))
    leaders = list(session.scalars(select(ConferenceMember).where(ConferenceMember.is_leader)))
    history = (
        []
        if user.role == UNIT
        else list(
            session.scalars(select(AuditEntry).where(AuditEntry.subject == f"proposal:{p.id}").order_by(AuditEntry.id))
        )
    )
    evaluations = list(
        session.scalars(select(Evaluation).where(Evaluation.proposal_pk == p.id).order_by(Evaluation.id))
    )
    supervisions = list(
        session.scalars(select(Supervision).where(Supervision.proposal_pk == p.id).order_by(Supervision.held_on))
    )
    evidence = list(session.scalars(select(Evidence).where(Evidence.proposal_pk == p.id).order_by(Evidence.id)))
    attachments = list(
        session.scalars(select(Attachment).where(Attachment.proposal_pk == p.id).order_by(Attachment.id))
    )
    targets = link_targets(plat)
    benefits = targets["benefit"]
    return templates.TemplateResponse(
        request,
        "conference_proposal.html",
        {
            "user": user,
            "p": p,
            "member": member,
            "unit": unit,
            "mine": mine,
            "shown": shown,
            "is_proposer": member is not None and p.proposer_pk == member.id,
            "my_cosign": next((c for c in p.cosigners if member is not None and c.member_pk == member.id), None),
            "duplicates": duplicates,
            "earlier": earlier,
            "units": units,
            "leaders": leaders,
            "history": history,
            "evaluations": evaluations,
            "supervisions": supervisions,
            "evidence": evidence,
            "benefits": benefits,
            "attachments": attachments,
            "targets": targets,
            "link_titles": {kind: dict(items) for kind, items in targets.items()},
            "benefit_titles": dict(benefits),
            "evidence_kinds": ev.KINDS,
            "error": error,
            "note": note,
            "today": today(),
            "sees_all": sees_everything(user),
            **CONTEXT,
        },
    )


@router.post("/proposals/{proposal_id}/edit", include_in_schema=False, dependencies=FORM)
def edit(
    proposal_id: int,
    user: User,
    session: DbSession,
    title: Annotated[str, Form()],
    case_text: Annotated[str, Form()] = "",
    analysis: Annotated[str, Form()] = "",
    suggestions: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """The proposer revises a draft (e.g. one returned by the committee)."""
    p = _visible(session, user, proposal_id)
    return _act(
        p.id,
        session,
        lambda: wf.edit_draft(
            session, user, p, title=title.strip(), case_text=case_text, analysis=analysis, suggestions=suggestions
        ),
        "草稿已修改",
    )


@router.post("/proposals/{proposal_id}/submit", include_in_schema=False, dependencies=FORM)
def submit(proposal_id: int, user: User, session: DbSession) -> RedirectResponse:
    p = _visible(session, user, proposal_id)
    return _act(p.id, session, lambda: wf.submit(session, user, p, today()), "已提交")


@router.post("/proposals/{proposal_id}/cosign", include_in_schema=False, dependencies=FORM)
def cosign(proposal_id: int, user: User, session: DbSession, agree: Annotated[str, Form()]) -> RedirectResponse:
    p = _visible(session, user, proposal_id)
    return _act(
        p.id,
        session,
        lambda: wf.cosign(session, user, p, agree == "yes", today()),
        "已确认联名" if agree == "yes" else "已拒绝联名",
    )


@router.post("/proposals/{proposal_id}/review", include_in_schema=False, dependencies=FORM)
def review(
    proposal_id: int,
    user: User,
    session: DbSession,
    decision: Annotated[str, Form()],
    reason: Annotated[str, Form()] = "",
    disposal: Annotated[str, Form()] = "",
    disposal_unit: Annotated[str, Form()] = "",
    into: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """立案 / 不立案 / 并案 / 退回修改."""
    p = _visible(session, user, proposal_id)

    def run() -> None:
        if decision == "file":
            wf.file_proposal(session, user, p, today())
        elif decision == "not_file":
            wf.not_file(session, user, p, reason, disposal, disposal_unit or None)
        elif decision == "merge":
            target = _visible(session, user, int(into)) if into.strip().isdigit() else None
            if target is None:
                raise wf.Refused("请选择要并入的提案")
            wf.merge(session, user, p, target)
        elif decision == "return":
            wf.return_to_proposer(session, user, p, reason)
        else:
            raise wf.Refused("未知的审查决定")

    response = _act(p.id, session, run, "审查结果已保存")
    if p.state == PState.DRAFT:  # returned: the draft is the proposer's again and no longer on the committee's list
        return RedirectResponse("/conference/proposals?state=submitted", status_code=303)
    return response


@router.post("/proposals/{proposal_id}/assign", include_in_schema=False, dependencies=FORM)
def assign(
    proposal_id: int,
    user: User,
    session: DbSession,
    mode: Annotated[str, Form()],
    lead: Annotated[str, Form()] = "",
    co: Annotated[list[int] | None, Form()] = None,
    separate: Annotated[list[int] | None, Form()] = None,
) -> RedirectResponse:
    p = _visible(session, user, proposal_id)

    def run() -> None:
        if mode == "lead":
            if not (lead.isascii() and lead.isdigit() and len(lead) <= 18):
                raise wf.Refused("请选择主办单位")
            wf.assign(session, user, p, today(), lead=int(lead), co=[c for c in co or [] if c != int(lead)])
        else:
            wf.assign(session, user, p, today(), separate=separate or [])

    return _act(p.id, session, run, "已交办")


@router.post("/proposals/{proposal_id}/extend", include_in_schema=False, dependencies=FORM)
def extend(
    proposal_id: int, user: User, session: DbSession, months: Annotated[int, Form()], reason: Annotated[str, Form()]
) -> RedirectResponse:
    p = _visible(session, user, proposal_id)
    return _act(p.id, session, lambda: wf.extend(session, user, p, months, reason), "已延期")


@router.post("/proposals/{proposal_id}/publish", include_in_schema=False, dependencies=FORM)
def publish(proposal_id: int, user: User, session: DbSession, published: Annotated[str, Form()]) -> RedirectResponse:
    p = _visible(session, user, proposal_id)
    return _act(p.id, session, lambda: wf.publish(session, user, p, published == "yes"), "公开设置已保存")


@router.post("/proposals/{proposal_id}/evaluate", include_in_schema=False, dependencies=FORM)
def evaluate(
    proposal_id: int,
    user: User,
    session: DbSession,
    rating: Annotated[str, Form()],
    comment: Annotated[str, Form()] = "",
) -> RedirectResponse:
    p = _visible(session, user, proposal_id)
    return _act(p.id, session, lambda: wf.evaluate(session, user, p, rating, comment, today()), "评价已提交")


@router.post("/proposals/{proposal_id}/key", include_in_schema=False, dependencies=FORM)
def make_key(proposal_id: int, user: User, session: DbSession, leader: Annotated[int, Form()]) -> RedirectResponse:
    p = _visible(session, user, proposal_id)

    def run() -> None:
        supervisor = session.get(ConferenceMember, leader)
        if supervisor is None:
            raise wf.Refused("请选择督办领导")
        wf.make_key(session, user, p, supervisor)

    return _act(p.id, session, run, "已列为重点提案")


@router.post("/proposals/{proposal_id}/supervise", include_in_schema=False, dependencies=FORM)
def supervise(
    proposal_id: int,
    user: User,
    session: DbSession,
    kind: Annotated[str, Form()],
    note: Annotated[str, Form()] = "",
    on: Annotated[str, Form()] = "",
) -> RedirectResponse:
    p = _visible(session, user, proposal_id)
    day = parse_date(on, "on") if on.strip() else today()
    return _act(p.id, session, lambda: wf.supervise(session, user, p, kind, note, day), "督办记录已保存")


@router.post("/proposals/{proposal_id}/evidence", include_in_schema=False, dependencies=FORM)
def attach_evidence(
    proposal_id: int,
    user: User,
    session: DbSession,
    plat: Plat,
    kind: Annotated[str, Form()],
    split: Annotated[str, Form()] = "section",
    benefit: Annotated[list[str] | None, Form()] = None,
) -> RedirectResponse:
    """A frozen snapshot from the simulation side (or the take-up of named benefits), attached to a draft."""
    p = _visible(session, user, proposal_id)
    chosen = [b for b in benefit or [] if b]
    return _act(
        p.id,
        session,
        lambda: ev.attach(session, user, p, plat, kind, split=split, on=today(), benefit_ids=chosen),
        "已附上政策证据快照",
    )


@router.get("/benefits/{benefit_id}", response_class=HTMLResponse, include_in_schema=False)
def benefit_page(request: Request, benefit_id: str, user: User, session: DbSession, plat: Plat) -> HTMLResponse:
    """A benefit as conference users see it: what it gives, and the proposals whose answers it implements."""
    found = next((b for b in plat.compiled.benefits if b.id == benefit_id), None)
    if found is None:
        raise HTTPException(404, "政策库中没有该兑现事项")
    linked = [
        (p, c)
        for p, c in ev.proposals_for_benefit(session, benefit_id)
        if session.scalar(wf.visible_query(session, user).where(Proposal.id == p.id)) is not None
    ]
    return templates.TemplateResponse(
        request, "conference_proposal_benefit.html", {"user": user, "b": found.spec, "linked": linked, **CONTEXT}
    )


@router.post("/proposals/{proposal_id}/attachments", include_in_schema=False, dependencies=FORM)
async def upload(
    proposal_id: int, user: User, session: DbSession, file: Annotated[UploadFile | None, File()] = None
) -> RedirectResponse:
    p = _visible(session, user, proposal_id)
    if file is None or not file.filename:
        return _back(p.id, error="请选择要上传的文件")
    data = await read_limited(file, materials.MAX_BYTES)  # in chunks: too large is 413, never read whole
    directory = settings.uploads_dir() / "conference"
    return _act(
        p.id,
        session,
        lambda: wf.attach_file(session, user, p, directory, file.filename or "附件", data, today()),
        "附件已上传",
    )


@router.get("/proposals/{proposal_id}/attachments/{attachment_id}", include_in_schema=False)
def download(proposal_id: int, attachment_id: int, user: User, session: DbSession) -> FileResponse:
    """Anyone who may read the proposal (its units included) downloads its attachments; nobody else."""
    p = _visible(session, user, proposal_id)
    attachment = session.get(Attachment, attachment_id)
    if attachment is None or attachment.proposal_pk != p.id:
        raise HTTPException(404, "没有找到该附件")
    return FileResponse(
        settings.uploads_dir() / "conference" / attachment.stored_as,
        media_type=attachment.content_type,
        filename=attachment.name,
    )


# -- the units' side -----------------------------------------------------------------------------------------


def _assignment(session: Session, user: Account, assignment_id: int) -> Assignment:
    try:
        return wf.assignment_of_unit(session, user, assignment_id)
    except Forbidden as exc:
        raise HTTPException(404, str(exc)) from exc


@router.get("/unit/assignments/{assignment_id}", include_in_schema=False)
def assignment_link(assignment_id: int, user: User, session: DbSession) -> RedirectResponse:
    """The link a 催办 notice carries: the unit's own assignment only."""
    a = _assignment(session, user, assignment_id)
    return RedirectResponse(f"/conference/proposals/{a.proposal_pk}#a{a.id}", status_code=303)


@router.post("/assignments/{assignment_id}/adjust", include_in_schema=False, dependencies=FORM)
def request_adjustment(
    assignment_id: int, user: User, session: DbSession, reason: Annotated[str, Form()]
) -> RedirectResponse:
    a = _assignment(session, user, assignment_id)
    return _act(
        a.proposal_pk,
        session,
        lambda: wf.request_adjustment(session, user, a, reason, today()),
        "已申请调整，等待提案委员会决定",
    )


@router.post("/assignments/{assignment_id}/opinion", include_in_schema=False, dependencies=FORM)
def send_opinion(
    assignment_id: int, user: User, session: DbSession, opinion: Annotated[str, Form()]
) -> RedirectResponse:
    a = _assignment(session, user, assignment_id)
    return _act(a.proposal_pk, session, lambda: wf.send_opinion(session, user, a, opinion), "会办意见已送主办单位")


@router.post("/assignments/{assignment_id}/contact", include_in_schema=False, dependencies=FORM)
def record_contact(
    assignment_id: int, user: User, session: DbSession, note: Annotated[str, Form()], on: Annotated[str, Form()] = ""
) -> RedirectResponse:
    a = _assignment(session, user, assignment_id)
    day = parse_date(on, "on") if on.strip() else today()
    return _act(a.proposal_pk, session, lambda: wf.record_contact(session, user, a, day, note), "沟通情况已记录")


def link_targets(plat: PlatformServices) -> dict[str, list[tuple[str, str]]]:
    """What an answer may link to: the library's benefits and policies, and the reforms beside it."""
    return {
        "benefit": [(b.id, b.spec.title) for b in plat.compiled.benefits],
        "policy": [(pid, policy.title) for pid, policy in sorted(plat.library.policies.items())],
        "reform": [(f.stem, f.stem) for f in ev.reform_files(plat)],
    }


@router.post("/assignments/{assignment_id}/answer", include_in_schema=False, dependencies=FORM)
def answer(
    assignment_id: int,
    user: User,
    session: DbSession,
    plat: Plat,
    text: Annotated[str, Form()],
    answer_class: Annotated[str, Form()],
    benefit: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """``benefit`` is a benefit id, or ``policy:<id>`` / ``reform:<id>`` for a whole policy or a reform."""
    a = _assignment(session, user, assignment_id)
    kind, _, target = benefit.rpartition(":") if ":" in benefit else ("benefit", "", benefit)

    def run() -> None:
        if target and (kind not in wf.LINK_KINDS or target not in dict(link_targets(plat)[kind])):
            raise wf.Refused("所选政策不在政策库中")
        wf.answer(
            session, user, a, text, answer_class, today(), link_kind=kind if target else None, link_id=target or None
        )

    return _act(a.proposal_pk, session, run, "答复已提交")


@router.post("/assignments/{assignment_id}/decide", include_in_schema=False, dependencies=FORM)
def decide_adjustment(
    assignment_id: int,
    user: User,
    session: DbSession,
    grant: Annotated[str, Form()],
    decision: Annotated[str, Form()] = "",
    new_unit: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """The committee decides a unit's request for adjustment (read through the proposal it can see)."""
    a = session.get(Assignment, assignment_id)
    if a is None:
        raise HTTPException(404, "没有找到该承办任务")
    _visible(session, user, a.proposal_pk)
    return _act(
        a.proposal_pk,
        session,
        lambda: wf.decide_adjustment(
            session, user, a, grant == "yes", decision, today(), new_unit=int(new_unit) if new_unit.isdigit() else None
        ),
        "调整申请已处理",
    )


# -- dashboard of late items ---------------------------------------------------------------------------------


@router.get("/proposals-dashboard", response_class=HTMLResponse, include_in_schema=False)
def dashboard(request: Request, user: User, session: DbSession) -> HTMLResponse:
    if user.role not in (COMMITTEE, LEADER, "admin"):
        raise HTTPException(403, "办理进度仅供提案委员会和政协领导查看")
    day = today()
    late = wf.late_items(session, day)
    by_unit: dict[str, list[wf.Late]] = {}
    for item in late:
        by_unit.setdefault(item.unit.name, []).append(item)
    rows = session.execute(
        select(HandlingUnit.name, Assignment.answered_on, Proposal.deadline)
        .join(Assignment, Assignment.unit_pk == HandlingUnit.id)
        .join(Proposal, Proposal.id == Assignment.proposal_pk)
        .where(Assignment.state == "answered")
    ).all()
    totals: dict[str, list[int]] = {}
    for name, answered_on, deadline in rows:
        entry = totals.setdefault(name, [0, 0])
        entry[0] += 1
        entry[1] += bool(deadline is None or (answered_on is not None and answered_on <= deadline))
    answered = sorted((name, n, on_time) for name, (n, on_time) in totals.items())
    return templates.TemplateResponse(
        request,
        "conference_proposal_dashboard.html",
        {
            "user": user,
            "late": late,
            "by_unit": sorted(by_unit.items(), key=lambda kv: -len(kv[1])),
            "answered": sorted(answered),
            "today": day,
            **CONTEXT,
        },
    )


# -- the public page -----------------------------------------------------------------------------------------


def _public_query() -> Select[Proposal]:
    return select(Proposal).where(
        Proposal.published, Proposal.public_consent, Proposal.state.in_([s.value for s in wf.FILED_STATES])
    )


@router.get(
    "/public", response_class=HTMLResponse, include_in_schema=False, dependencies=[Depends(allow("public.read"))]
)
def public_list(request: Request, session: DbSession, q: str = "", category: str = "") -> HTMLResponse:
    query = _public_query()
    if q.strip():
        words = q.strip()
        query = query.where(
            or_(
                Proposal.title.contains(words),
                Proposal.case_text.contains(words),
                Proposal.suggestions.contains(words),
                Proposal.number.contains(words),
            )
        )
    if category in wf.CATEGORIES:
        query = query.where(Proposal.category == category)
    rows = list(session.scalars(query.order_by(Proposal.number.desc()).limit(100)))
    return templates.TemplateResponse(
        request, "conference_public.html", {"user": None, "rows": rows, "q": q, "category": category, **CONTEXT}
    )


@router.get(
    "/public/{proposal_id}",
    response_class=HTMLResponse,
    include_in_schema=False,
    dependencies=[Depends(allow("public.read"))],
)
def public_page(request: Request, proposal_id: int, session: DbSession, plat: Plat) -> HTMLResponse:
    p = session.scalar(_public_query().where(Proposal.id == proposal_id))
    if p is None:
        raise HTTPException(404, "该提案未公开")
    answers = [a for a in p.assignments if a.state == "answered"]
    return templates.TemplateResponse(
        request,
        "conference_public_proposal.html",
        {
            "user": None,
            "p": p,
            "answers": answers,
            "benefit_titles": {b.id: b.spec.title for b in plat.compiled.benefits},
            **CONTEXT,
        },
    )
