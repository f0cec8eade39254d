"""Pages of the activity forms the office extends (the list, adding and changing a form) and of what one activity
records beyond attendance: non-member participants, speeches submitted and selected, beneficiaries, materials and
the files attached to its outcome (uploaded, downloaded and removed here, see ``conference.activity_files``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from policyreach.conference import activities, activity_files, activity_forms, roles
from policyreach.conference.records_models import Activity, ActivityForm, ActivitySpeech
from policyreach.conference.web.access import visible_object
from policyreach.conference.web.answers import back, guard
from policyreach.push.clock import current_clock, local
from policyreach.store.models import Account
from policyreach.web.deps import allow, csrf, db
from policyreach.web.templating import templates
from policyreach.web.uploads import read_limited

router = APIRouter(prefix="/conference")
DbSession = Annotated[Session, Depends(db)]
User = Annotated[Account, Depends(allow("conference.use"))]
FORM = [Depends(csrf), Depends(visible_object)]
Text = Annotated[str, Form()]


def _page(request: Request, name: str, user: Account, **data: Any) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        name,
        {
            "user": user,
            "COUNTS_AS_ZH": activity_forms.COUNTS_AS_ZH,
            "PARTS_ZH": activity_forms.PARTS_ZH,
            "SPEECH_ZH": activity_forms.SPEECH_ZH,
            "ACTIVITY_ZH": activities.STATE_ZH,
            **data,
        },
    )


def _now() -> dt.datetime:
    return local(current_clock()).replace(tzinfo=None)


@router.get("/activity-forms", response_class=HTMLResponse, include_in_schema=False)
def form_list(request: Request, user: User, session: DbSession, note: str = "") -> HTMLResponse:
    guard(roles.require, user, activity_forms.RECORDERS, "活动形式目录")
    return _page(
        request,
        "conference_activity_forms.html",
        user,
        forms=activity_forms.listed(session),
        editor=user.role in activity_forms.EDITORS,
        CATEGORY_HINTS=activity_forms.CATEGORY_HINTS,
        note=note,
    )


@router.post("/activity-forms", include_in_schema=False, dependencies=FORM)
def form_add(
    user: User,
    session: DbSession,
    name: Text = "",
    category: Text = "",
    counts_as: Text = "",
    points: Text = "",
    cap: Text = "",
    parts: Annotated[list[str] | None, Form()] = None,
) -> RedirectResponse:
    guard(roles.require, user, activity_forms.EDITORS, "维护活动形式")  # before anything typed is read
    form = guard(
        activity_forms.add,
        session,
        user,
        name=name,
        category=category,
        counts_as=counts_as,
        points=points,
        cap=cap,
        parts=set(parts or ()),
    )
    session.commit()
    return back(f"/conference/activity-forms#f{form.id}", f"已增加活动形式“{form.name}”")


@router.post("/activity-forms/{form_id}", include_in_schema=False, dependencies=FORM)
def form_edit(
    form_id: int,
    user: User,
    session: DbSession,
    category: Text = "",
    counts_as: Text = "",
    points: Text = "",
    cap: Text = "",
    parts: Annotated[list[str] | None, Form()] = None,
    active: Text = "",
) -> RedirectResponse:
    guard(roles.require, user, activity_forms.EDITORS, "维护活动形式")
    form = session.get(ActivityForm, form_id)
    if form is None:
        raise HTTPException(404, "活动形式不存在")
    guard(
        activity_forms.edit,
        session,
        user,
        form,
        category=category,
        counts_as=counts_as,
        points=points,
        cap=cap,
        parts=set(parts or ()),
        active=active == "yes",
    )
    session.commit()
    return back(f"/conference/activity-forms#f{form.id}", f"已修改活动形式“{form.name}”")


def _activity(session: Session, activity_id: int) -> Activity:
    act = session.get(Activity, activity_id)
    if act is None:
        raise HTTPException(404, "活动不存在")
    return act


@router.get("/activities/{activity_id}/record", response_class=HTMLResponse, include_in_schema=False)
def activity_record(request: Request, activity_id: int, user: User, session: DbSession, note: str = "") -> HTMLResponse:
    """One activity's record: who took part (members and experts), speeches, beneficiaries, materials and files."""
    act = _activity(session, activity_id)
    guard(activity_files.require_reader, session, user)
    staff = user.role in activity_forms.RECORDERS
    member = roles.member_of(session, user) if user.role == roles.MEMBER else None
    speeches = list(act.speeches) if staff else [s for s in act.speeches if member and s.member_pk == member.id]
    return _page(
        request,
        "conference_activity_record.html",
        user,
        act=act,
        form=activity_forms.of(session, act),
        staff=staff,
        speeches=speeches,
        can_speak=member is not None,
        present=sum(1 for p in act.participants if p.signed_in_at is not None),
        files=list(act.attachments),
        uploaders=activity_files.uploaders(session, act.attachments),
        may_upload=user.role in activity_files.UPLOADERS,
        FILE_ACCEPT=activity_files.ACCEPT,
        FILE_MAX_MB=f"{activity_files.max_bytes() / 2**20:g}",
        size_zh=activity_files.size_zh,
        note=note,
    )


@router.post("/activities/{activity_id}/guests", include_in_schema=False, dependencies=FORM)
def guest_add(
    activity_id: int, user: User, session: DbSession, name: Text = "", unit: Text = "", speciality: Text = ""
) -> RedirectResponse:
    guard(roles.require, user, activity_forms.RECORDERS, "登记参加人员")
    act = _activity(session, activity_id)
    guard(activity_forms.add_guest, session, user, act, name=name, unit=unit, speciality=speciality)
    session.commit()
    return back(f"/conference/activities/{act.id}/record", "已登记参加人员")


@router.post("/activities/{activity_id}/speeches", include_in_schema=False, dependencies=FORM)
def speech_submit(
    activity_id: int, user: User, session: DbSession, title: Text = "", text: Text = ""
) -> RedirectResponse:
    act = _activity(session, activity_id)
    guard(activity_forms.submit_speech, session, user, act, title=title, text=text, now=_now())
    session.commit()
    return back(f"/conference/activities/{act.id}/record", "发言已提交，待机关选用")


@router.post("/speeches/{speech_id}/decide", include_in_schema=False, dependencies=FORM)
def speech_decide(speech_id: int, user: User, session: DbSession, decision: Text = "") -> RedirectResponse:
    guard(roles.require, user, activity_forms.RECORDERS, "选用发言")
    speech = session.get(ActivitySpeech, speech_id)
    if speech is None:
        raise HTTPException(404, "发言不存在")
    if decision not in ("select", "reject"):
        raise HTTPException(400, "“选用结果”应为选用或不选用")
    guard(activity_forms.decide_speech, session, user, speech, decision == "select", _now())
    session.commit()
    return back(
        f"/conference/activities/{speech.activity_pk}/record", "已选用" if decision == "select" else "已标记为未选用"
    )


@router.post("/activities/{activity_id}/figures", include_in_schema=False, dependencies=FORM)
def figures_set(
    activity_id: int, user: User, session: DbSession, beneficiaries: Text = "", materials: Text = ""
) -> RedirectResponse:
    guard(roles.require, user, activity_forms.RECORDERS, "登记活动成效")
    act = _activity(session, activity_id)
    count: int | None = None
    if beneficiaries.strip():
        try:
            count = int(beneficiaries.strip())
        except ValueError:
            raise HTTPException(400, "“直接受益群众人次”应为整数") from None
    guard(activity_forms.set_figures, session, user, act, beneficiaries=count, materials=materials)
    session.commit()
    return back(f"/conference/activities/{act.id}/record", "已登记活动成效")


@router.post("/activities/{activity_id}/attachments", include_in_schema=False, dependencies=FORM)
async def attachment_upload(
    activity_id: int, user: User, session: DbSession, file: Annotated[UploadFile | None, File()] = None
) -> RedirectResponse:
    """The office adds a file to the activity's outcome: refused before the file is read when the role, the form or
    the activity's state does not allow it; over the upload limit it is 413, taken in chunks, never read whole."""
    guard(roles.require, user, activity_files.UPLOADERS, "上传活动附件")
    act = _activity(session, activity_id)
    guard(activity_files.accepts, session, act)
    if file is None or not file.filename:
        raise HTTPException(400, "“附件”：请选择要上传的文件")
    data = await read_limited(file, activity_files.max_bytes())
    row = guard(activity_files.attach, session, user, act, file.filename, data, current_clock().now())
    stored, name, back_to = row.stored_as, row.name, f"/conference/activities/{act.id}/record#files"
    try:
        session.commit()
    except BaseException:
        (activity_files.directory() / stored).unlink(missing_ok=True)  # no file without its row
        raise
    return back(back_to, f"已上传附件“{name}”")


@router.get("/activities/{activity_id}/attachments/{attachment_id}", include_in_schema=False)
def attachment_download(activity_id: int, attachment_id: int, user: User, session: DbSession) -> FileResponse:
    """Whoever may read the activity's record downloads its files; an id of another activity's file is 404."""
    act = _activity(session, activity_id)
    guard(activity_files.require_reader, session, user)
    row = guard(activity_files.of_activity, session, act, attachment_id)
    path = activity_files.directory() / row.stored_as
    if not path.is_file():
        raise HTTPException(404, "附件文件已不在存储中，请联系政协机关重新上传")
    return FileResponse(path, media_type=row.content_type, filename=row.name)


@router.post("/activities/{activity_id}/attachments/{attachment_id}/delete", include_in_schema=False, dependencies=FORM)
def attachment_remove(activity_id: int, attachment_id: int, user: User, session: DbSession) -> RedirectResponse:
    guard(roles.require, user, activity_files.UPLOADERS, "删除活动附件")
    act = _activity(session, activity_id)
    row = guard(activity_files.remove, session, user, act, attachment_id)
    session.commit()
    # only once the row is gone for good: a failed commit must not leave a row without its file
    (activity_files.directory() / row.stored_as).unlink(missing_ok=True)
    return back(f"/conference/activities/{act.id}/record#files", f"已删除附件“{row.name}”")
