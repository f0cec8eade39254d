"""The activity forms the office runs, as a list it edits (视察, 界别座谈会, 委员专家基层行 …), and what an activity of
a form records beyond attendance: non-member participants (experts: a name, 单位, 专业 — never accounts), speeches
(submitted by the member, selected or not by staff), beneficiaries (直接受益群众 人次) and materials.

How a form counts in the assessment is data, read by the rules: ``counts_as`` puts attendances under one of the
assessment's own clauses (会议出席, 协商视察调研活动, 为民服务) or under a score item of the form's own, whose points
are a parameter of a generated policy (``assessment.FormRule``); the evaluation has no branch per form.
Form names are never changed once made: an activity names its form, and last year's figures must keep meaning the
same thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Set as AbstractSet
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from policyreach.conference import roles
from policyreach.conference.assessment import FormRule
from policyreach.conference.records_models import Activity, ActivityForm, ActivityGuest, ActivitySpeech
from policyreach.conference.roles import Forbidden, IllegalTransition
from policyreach.redemption import audit
from policyreach.store.models import Account

EDITORS = (roles.COMMITTEE, roles.INFO_OFFICE, roles.ADMIN)  # the office's staff; leaders read the list only
RECORDERS = (roles.COMMITTEE, roles.INFO_OFFICE, roles.LEADER, roles.ADMIN)  # as activities.ORGANISERS
COUNTS_AS_ZH = {
    "meeting": "计入会议出席（考核办法第四条）",
    "activity": "计入协商、视察、调研活动（第五条）",
    "service": "计入为民服务活动（第八条）",
    "own": "单独计分（按本形式分值）",
    "none": "不计分",
}
PARTS_ZH = {
    "has_experts": "专家等非委员参加人员",
    "has_speeches": "发言（委员提交、机关选用）",
    "has_beneficiaries": "直接受益群众人次",
    "has_outcome": "活动成果",
    "has_attachments": "附件材料",
}
CATEGORY_HINTS = ("会议", "协商议政", "视察调研", "凝聚共识", "为民服务", "联络走访", "民主监督")
SPEECH_ZH = {"submitted": "待选用", "selected": "已选用", "not_selected": "未选用"}
MAX_POINTS = Decimal(100)
MAX_BENEFICIARIES = 10_000_000


def listed(session: Session, *, active_only: bool = False) -> list[ActivityForm]:
    query = select(ActivityForm).order_by(ActivityForm.position, ActivityForm.id)
    if active_only:
        query = query.where(ActivityForm.active.is_(True))
    return list(session.scalars(query))


def of(session: Session, activity: Activity) -> ActivityForm | None:
    return session.scalar(select(ActivityForm).where(ActivityForm.name == activity.form))


def count_key(form: ActivityForm) -> str:
    """The member attribute counting a year's attendances at an own-scored form."""
    return f"form_{form.id}_attended"


def rules_of(session: Session) -> tuple[FormRule, ...]:
    """The own-scored forms as the assessment reads them (retired ones too: their past activities still count)."""
    return tuple(
        FormRule(count_key(f), f.name, f.points, f.cap)
        for f in session.scalars(select(ActivityForm).where(ActivityForm.counts_as == "own").order_by(ActivityForm.id))
        if f.points is not None
    )


def _decimal(raw: str | Decimal | None, label: str) -> Decimal | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        raise ValueError(f"“{label}”应为数字") from None
    if not value.is_finite() or value < 0 or value > MAX_POINTS:
        raise ValueError(f"“{label}”应在 0 至 {MAX_POINTS} 分之间")
    if value != value.quantize(Decimal("0.01")):
        raise ValueError(f"“{label}”最多两位小数")
    return value


def _settings(
    category: str, counts_as: str, points: str | Decimal | None, cap: str | Decimal | None
) -> tuple[str, str, Decimal | None, Decimal | None]:
    category = category.strip()
    if not category:
        raise ValueError("“类别”不能为空")
    if len(category) > 16:
        raise ValueError("“类别”最多 16 个字")
    if counts_as not in COUNTS_AS_ZH:
        raise ValueError(f"“计分方式”应为：{'、'.join(COUNTS_AS_ZH.values())}")
    pts, most = _decimal(points, "每次分值"), _decimal(cap, "最高分")
    if counts_as == "own":
        if pts is None or pts == 0:
            raise ValueError("“每次分值”：单独计分的形式须填写大于 0 的分值")
        if most is not None and most < pts:
            raise ValueError("“最高分”不能低于每次分值")
    else:  # points of a form counted under a clause are the clause's; a value here would mislead
        pts = most = None
    return category, counts_as, pts, most


def add(
    session: Session,
    account: Account,
    *,
    name: str,
    category: str,
    counts_as: str,
    points: str | Decimal | None = None,
    cap: str | Decimal | None = None,
    parts: AbstractSet[str] = frozenset(),
) -> ActivityForm:
    """A new form of activity, usable at once for planning and counted as ``counts_as`` says."""
    roles.require(account, EDITORS, "维护活动形式")
    name = name.strip()
    if not name:
        raise ValueError("“形式名称”不能为空")
    if len(name) > 16:
        raise ValueError("“形式名称”最多 16 个字")
    category, counts_as, pts, most = _settings(category, counts_as, points, cap)
    unknown = set(parts) - set(PARTS_ZH)
    if unknown:
        raise ValueError(f"“记录内容”不认识：{'、'.join(sorted(unknown))}")
    if session.scalar(select(ActivityForm.id).where(ActivityForm.name == name)) is not None:
        raise ValueError(f"“形式名称”重复：已有名为“{name}”的活动形式")
    position = (session.scalar(select(func.max(ActivityForm.position))) or 0) + 1
    form = ActivityForm(
        name=name,
        category=category,
        counts_as=counts_as,
        points=pts,
        cap=most,
        active=True,
        position=position,
        **{part: part in parts for part in PARTS_ZH},
    )
    # the unique name settles a race between two editors that both passed the check above: the loser is refused
    _insert(session, form, f"“形式名称”重复：已有名为“{name}”的活动形式")
    audit.record(
        session,
        account.username,
        "activity_form.added",
        f"activity_form:{form.id}",
        {
            "name": name,
            "category": category,
            "counts_as": counts_as,
            "points": pts,
            "cap": most,
            "parts": sorted(parts),
        },
    )
    return form


def edit(
    session: Session,
    account: Account,
    form: ActivityForm,
    *,
    category: str,
    counts_as: str,
    points: str | Decimal | None = None,
    cap: str | Decimal | None = None,
    parts: AbstractSet[str] = frozenset(),
    active: bool = True,
) -> None:
    """Change what a form records and how it counts (the name stays: activities and past figures name it)."""
    roles.require(account, EDITORS, "维护活动形式")
    category, counts_as, pts, most = _settings(category, counts_as, points, cap)
    unknown = set(parts) - set(PARTS_ZH)
    if unknown:
        raise ValueError(f"“记录内容”不认识：{'、'.join(sorted(unknown))}")
    before = {"category": form.category, "counts_as": form.counts_as, "points": form.points, "cap": form.cap}
    form.category, form.counts_as, form.points, form.cap, form.active = category, counts_as, pts, most, active
    for part in PARTS_ZH:
        setattr(form, part, part in parts)
    audit.record(
        session,
        account.username,
        "activity_form.changed",
        f"activity_form:{form.id}",
        {"before": before, "category": category, "counts_as": counts_as, "points": pts, "cap": most, "active": active},
    )


def _insert(session: Session, row: object, duplicate: str) -> None:
    """Insert under a savepoint: a unique constraint another request won first is a refusal, not a server error."""
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        raise ValueError(duplicate) from None


def _form_of(session: Session, activity: Activity, part: str) -> ActivityForm:
    form = of(session, activity)
    if form is None or not getattr(form, part):
        raise IllegalTransition(f"“{activity.form}”活动不记录{PARTS_ZH[part]}")
    return form


def add_guest(
    session: Session, account: Account, activity: Activity, *, name: str, unit: str, speciality: str
) -> ActivityGuest:
    """A non-member who took part (an expert): counted among the participants, never assessed."""
    roles.require(account, RECORDERS, "登记参加人员")
    _form_of(session, activity, "has_experts")
    if activity.state == "cancelled":
        raise IllegalTransition("活动已取消")
    name, unit, speciality = name.strip(), unit.strip(), speciality.strip()
    for value, label, most in ((name, "姓名", 50), (unit, "单位", 100), (speciality, "专业", 100)):
        if not value:
            raise ValueError(f"“{label}”不能为空")
        if len(value) > most:
            raise ValueError(f"“{label}”最多 {most} 个字")
    if any(g.name == name and g.unit == unit for g in activity.guests):
        raise ValueError(f"“姓名”重复：{unit}的{name}已登记")
    guest = ActivityGuest(
        activity_pk=activity.id, name=name, unit=unit, speciality=speciality, added_by=account.username
    )
    _insert(session, guest, f"“姓名”重复：{unit}的{name}已登记")
    activity.guests.append(guest)
    audit.record(
        session, account.username, "activity.guest_added", f"activity:{activity.id}", {"name": name, "unit": unit}
    )
    return guest


def submit_speech(
    session: Session, account: Account, activity: Activity, *, title: str, text: str, now: dt.datetime
) -> ActivitySpeech:
    """The member submits a speech (发言材料); staff select it or not. One speech per member and activity."""
    roles.require(account, (roles.MEMBER,), "提交发言")
    member = roles.member_of(session, account)
    if member is None:
        raise Forbidden("该账号未关联委员")
    _form_of(session, activity, "has_speeches")
    if activity.state in ("cancelled", "concluded"):
        raise IllegalTransition("活动已取消或已报送成果，不能再提交发言")
    title, text = title.strip(), text.strip()
    if not title:
        raise ValueError("“发言题目”不能为空")
    if len(title) > 200:
        raise ValueError("“发言题目”最多 200 个字")
    if not text:
        raise ValueError("“发言内容”不能为空")
    if session.scalar(
        select(ActivitySpeech.id).where(
            ActivitySpeech.activity_pk == activity.id, ActivitySpeech.member_pk == member.id
        )
    ):
        raise IllegalTransition("您已为本次活动提交过发言")
    speech = ActivitySpeech(
        activity_pk=activity.id, member_pk=member.id, title=title, text=text, state="submitted", submitted_at=now
    )
    _insert(session, speech, "您已为本次活动提交过发言")  # a double click, two tabs: one speech
    audit.record(
        session, account.username, "activity.speech_submitted", f"activity:{activity.id}", {"speech": speech.id}
    )
    return speech


def decide_speech(session: Session, account: Account, speech: ActivitySpeech, selected: bool, now: dt.datetime) -> None:
    """Staff select the speech or not, once: a conditional update, so two staff deciding at once cannot both."""
    roles.require(account, RECORDERS, "选用发言")
    to = "selected" if selected else "not_selected"
    done = session.execute(
        update(ActivitySpeech)
        .where(ActivitySpeech.id == speech.id, ActivitySpeech.state == "submitted")
        .values(state=to, decided_by=account.username, decided_at=now)
        .execution_options(synchronize_session=False)
    )
    if done.rowcount != 1:  # type: ignore[attr-defined]
        raise IllegalTransition("该发言已处理")
    session.refresh(speech)
    audit.record(
        session, account.username, f"activity.speech_{to}", f"activity:{speech.activity_pk}", {"speech": speech.id}
    )


def set_figures(
    session: Session, account: Account, activity: Activity, *, beneficiaries: int | None, materials: str
) -> None:
    """What the activity achieved in figures: 直接受益群众 人次 (for a form that counts them) and its materials."""
    roles.require(account, RECORDERS, "登记活动成效")
    form = of(session, activity)
    if activity.state not in ("held", "concluded"):
        raise IllegalTransition("活动举行后才能登记受益人次和材料")
    if beneficiaries is not None:
        if form is None or not form.has_beneficiaries:
            raise IllegalTransition(f"“{activity.form}”活动不记录{PARTS_ZH['has_beneficiaries']}")
        if not 0 <= beneficiaries <= MAX_BENEFICIARIES:
            raise ValueError(f"“直接受益群众人次”应在 0 至 {MAX_BENEFICIARIES} 之间")
    if materials.strip() and (form is None or not form.has_attachments):
        raise IllegalTransition(f"“{activity.form}”活动不记录{PARTS_ZH['has_attachments']}")
    before = {"beneficiaries": activity.beneficiaries}
    activity.beneficiaries = beneficiaries
    activity.materials = materials.strip() or None
    audit.record(
        session,
        account.username,
        "activity.figures",
        f"activity:{activity.id}",
        {"before": before, "beneficiaries": beneficiaries, "materials": bool(materials.strip())},
    )
