"""The files of an activity's outcome (附件材料: 调研报告, 会议纪要, photos of the visit), for a form that records
attachments. The office's staff who record the outcome upload and remove them; whoever may read the activity's record
downloads them. A file is checked by content (``redemption.materials.check``: PDF, DOCX, XLSX, JPG, PNG) and stored
under a random name beneath ``settings.uploads_dir() / "conference"``, as proposals' attachments are: nothing of the
uploader's file name reaches the file system. The free-text ``Activity.materials`` stays beside them as notes
(文号, links to what is published elsewhere).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path, PureWindowsPath

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from policyreach import settings
from policyreach.clock import as_utc
from policyreach.conference import activities, activity_forms, roles
from policyreach.conference.records_models import Activity, ActivityAttachment
from policyreach.conference.roles import Forbidden, IllegalTransition
from policyreach.redemption import audit, materials
from policyreach.redemption.claims import ClaimRefused
from policyreach.store.models import Account

UPLOADERS = activities.ORGANISERS  # those who record the activity's outcome (activities.conclude)
MAX_PER_ACTIVITY = 50  # a bound on what one activity keeps on disk; the office merges files past it
ACCEPT = ",".join(sorted(materials.CONTENT_TYPES))


def directory() -> Path:
    return settings.uploads_dir() / "conference"


def max_bytes() -> int:
    """The platform's per-file upload limit, never above what the content check accepts for materials."""
    return min(settings.upload_max_bytes(), materials.MAX_BYTES)


def may_read(session: Session, account: Account) -> bool:
    """Who reads an activity's record (and so its files): the office's staff and leaders, and members on the
    roster; a handling unit's staff do not."""
    if account.role in activity_forms.RECORDERS:
        return True
    return account.role == roles.MEMBER and roles.member_of(session, account) is not None


def require_reader(session: Session, account: Account) -> None:
    if not may_read(session, account):
        raise Forbidden("活动记录仅限政协机关、领导和委员查看")


def accepts(session: Session, activity: Activity) -> None:
    """Refuse before any byte is read when the activity cannot take a file: its form records no attachments, or it
    was cancelled."""
    form = activity_forms.of(session, activity)
    if form is None or not form.has_attachments:
        raise IllegalTransition(
            f"“附件”：“{activity.form}”活动不记录{activity_forms.PARTS_ZH['has_attachments']}，不能上传文件"
        )
    if activity.state == "cancelled":
        raise IllegalTransition("“附件”：活动已取消，不能上传文件")


def _display_name(name: str) -> str:
    """The file's own name, without any directory a browser or a crafted request put before it (either slash)."""
    return PureWindowsPath(name).name.strip()[:200]


def attach(
    session: Session, account: Account, activity: Activity, name: str, data: bytes, now: dt.datetime
) -> ActivityAttachment:
    """Store one file for the activity; every check comes before the file is written, and a failure after it (the
    row's flush) takes the file away again, so a refusal leaves nothing behind."""
    roles.require(account, UPLOADERS, "上传活动附件")
    accepts(session, activity)
    shown = _display_name(name)
    if not shown:
        raise ValueError("“附件”：请选择要上传的文件")
    kept = (
        session.scalar(
            select(func.count()).select_from(ActivityAttachment).where(ActivityAttachment.activity_pk == activity.id)
        )
        or 0
    )
    if kept >= MAX_PER_ACTIVITY:
        raise IllegalTransition(f"“附件”：每项活动最多保存 {MAX_PER_ACTIVITY} 个文件，请合并或删除后再上传")
    try:
        suffix = materials.check(shown, data)
    except ClaimRefused as exc:
        raise ValueError(f"“附件”：{exc}") from exc
    folder = directory()
    stored_as = materials.save(folder, data)
    path = folder / stored_as
    try:
        row = ActivityAttachment(
            activity_pk=activity.id,
            name=shown,
            stored_as=stored_as,
            content_type=materials.CONTENT_TYPES[suffix],
            size=len(data),
            uploaded_by=account.username,
            uploaded_at=as_utc(now).replace(tzinfo=None),  # stored as UTC, shown in Beijing time
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            account.username,
            "activity.attachment_added",
            f"activity:{activity.id}",
            {"attachment": row.id, "name": row.name, "size": row.size, "content_type": row.content_type},
        )
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    session.expire(activity, ["attachments"])
    return row


def of_activity(session: Session, activity: Activity, attachment_id: int) -> ActivityAttachment:
    """The attachment with this id when it belongs to this activity; another activity's id is not found."""
    row = session.get(ActivityAttachment, attachment_id)
    if row is None or row.activity_pk != activity.id:
        raise LookupError("没有找到该附件")
    return row


def remove(session: Session, account: Account, activity: Activity, attachment_id: int) -> ActivityAttachment:
    """Delete the row (one conditional DELETE: of two staff removing the same file, one is told it is gone) and audit
    what was removed; the caller removes the stored file once the transaction is committed."""
    roles.require(account, UPLOADERS, "删除活动附件")
    row = of_activity(session, activity, attachment_id)
    gone = session.execute(
        delete(ActivityAttachment)
        .where(ActivityAttachment.id == row.id, ActivityAttachment.activity_pk == activity.id)
        .execution_options(synchronize_session=False)
    )
    if gone.rowcount != 1:  # type: ignore[attr-defined]
        raise LookupError("该附件已被删除")
    session.expire(activity, ["attachments"])
    session.expunge(row)  # the DELETE bypassed the session: it must not think the row is still there
    audit.record(
        session,
        account.username,
        "activity.attachment_removed",
        f"activity:{activity.id}",
        {
            "attachment": row.id,
            "name": row.name,
            "size": row.size,
            "uploaded_by": row.uploaded_by,
            "uploaded_at": row.uploaded_at.isoformat(),
        },
    )
    return row


def uploaders(session: Session, rows: Iterable[ActivityAttachment]) -> dict[str, str]:
    """Username → the name people read (an account's display name), for the list of files."""
    names = {r.uploaded_by for r in rows}
    if not names:
        return {}
    found = session.execute(select(Account.username, Account.display_name).where(Account.username.in_(names)))
    return {u: d or u for u, d in found}


def size_zh(size: int) -> str:
    if size < 1024:
        return f"{size} 字节"
    if size < 2**20:
        return f"{size / 1024:.1f} KB"
    return f"{size / 2**20:.1f} MB"
