"""A talent's personal information under the Personal Information Protection Law (个人信息保护法): what the platform
holds, with which consent, for what purpose; the talent's export of it and request to delete it.

Each kind of personal data (``ITEMS``) is held under a consent the talent gave for a stated purpose (a row of
``personal_consents``: what, why, when, withdrawn when). The ID number itself is kept sealed with SM4
(``store.crypto``), the key outside the database. Withdrawing a consent deletes what it covered, and a deletion
request deletes everything personal, unless the law requires keeping it: an application on which public money was
paid is an accounting record kept ``POLICYREACH_MONEY_RECORDS_YEARS`` after the payment (会计档案管理办法), and then
the reason is recorded and shown. Not the disclosure consent of ``app.consents`` (who outside may see an entity).
The callers record each step in the audit chain (this layer sits below it). See README, "个人信息 / Personal data".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from policyreach import settings
from policyreach.store import crypto
from policyreach.store.models import (
    Application,
    DeletionRequest,
    Entity,
    IngestBatch,
    IngestChange,
    Interaction,
    LedgerEntry,
    PersonalConsent,
    SavedBankAccount,
    SensitiveValue,
    ValueChange,
)

ID_NUMBER = "id_number"


@dataclass(frozen=True)
class Item:
    label: str  # what, as the talent reads it
    purpose: str  # why
    columns: tuple[str, ...]  # the profile's attributes it covers (deleted on withdrawal)


ITEMS: dict[str, Item] = {
    "identity": Item("身份证号", "核验人才身份，防止同一人重复申领人才补贴", ()),
    "education": Item(
        "学历学位、职称、出生日期", "判断是否符合人才分类及各项人才补贴的条件", ("degree", "title", "birth_date")
    ),
    "housing": Item("在长春的住房情况", "判断是否符合购房补贴、租房补贴的条件", ("owns_home_in_changchun",)),
}
# what a deletion keeps of the entity: its name (the account's) and the registry's key (a digest, not the number)
KEPT_ON_DELETION = ("name", "id_hash")


class PersonalDataError(ValueError):
    """A request the rules refuse; the message is Chinese, shown to the user, naming the field."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def consents_of(session: Session, entity_pk: int) -> dict[str, PersonalConsent]:
    rows = session.scalars(select(PersonalConsent).where(PersonalConsent.entity_pk == entity_pk))
    return {row.item: row for row in rows}


def consented(session: Session, entity_pk: int, item: str) -> bool:
    row = consents_of(session, entity_pk).get(item)
    return row is not None and row.withdrawn_at is None


def give(session: Session, entity_pk: int, item: str, by: str) -> PersonalConsent:
    """The talent agrees to ``item`` for its stated purpose (again, after a withdrawal: a new date)."""
    if item not in ITEMS:
        raise PersonalDataError("授权事项无效：请从列表中选择")
    row = consents_of(session, entity_pk).get(item)
    if row is None:
        row = PersonalConsent(entity_pk=entity_pk, item=item)
        session.add(row)
    row.purpose, row.given_at, row.given_by = ITEMS[item].purpose, _now(), by
    row.withdrawn_at = row.withdrawn_by = None
    session.flush()
    return row


def check_id_number(raw: str) -> str:
    """An 18-character resident ID number (GB 11643-1999) with a correct check character, or PersonalDataError."""
    number = raw.strip().upper()
    if len(number) != 18 or not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise PersonalDataError("身份证号：请填写18位公民身份号码（最后一位可为X）")
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    check = "10X98765432"[sum(int(d) * w for d, w in zip(number[:17], weights, strict=True)) % 11]
    if number[17] != check:
        raise PersonalDataError("身份证号：校验位不正确，请核对后重新填写")
    return number


def set_id_number(session: Session, entity_pk: int, raw: str) -> None:
    """Keep the talent's ID number sealed; only under the identity consent."""
    number = check_id_number(raw)
    if not consented(session, entity_pk, "identity"):
        raise PersonalDataError("身份证号：请先同意“身份证号”一项的个人信息处理授权")
    sealed = crypto.seal(number)
    row = session.scalar(
        select(SensitiveValue).where(SensitiveValue.entity_pk == entity_pk, SensitiveValue.field == ID_NUMBER)
    )
    if row is None:
        kid = crypto.key_id_of(sealed)
        session.add(SensitiveValue(entity_pk=entity_pk, field=ID_NUMBER, key_id=kid, sealed=sealed))
    else:
        row.sealed, row.key_id = sealed, crypto.key_id_of(sealed)
    session.flush()


def id_number(session: Session, entity_pk: int) -> str | None:
    row = session.scalar(
        select(SensitiveValue).where(SensitiveValue.entity_pk == entity_pk, SensitiveValue.field == ID_NUMBER)
    )
    return None if row is None else crypto.open_sealed(row.sealed)


@dataclass(frozen=True)
class Hold:
    """Why personal data must be kept although the talent asked to delete it (``until`` None: until an open
    application is finished)."""

    until: dt.date | None
    reason: str


# states of an application still being handled (redemption.states, named here: this layer sits below it)
OPEN_STATES = frozenset(
    {"offered", "submitted", "held", "more_material", "approved", "notice", "objected", "disbursing"}
)


def legal_hold(session: Session, entity_pk: int, today: dt.date, *, open_applications: bool = True) -> Hold | None:
    """What the law requires keeping of the entity's data: applications on which public money was paid (the
    accounting records' years), else applications still being handled (the data the talent's own request needs)."""
    paid = session.execute(
        select(Application.id, LedgerEntry.at)
        .join(LedgerEntry, LedgerEntry.application_id == Application.id)
        .where(Application.entity_pk == entity_pk, LedgerEntry.kind == "pay")
    ).all()
    if paid:
        years = settings.money_records_years()
        last = max(at for _, at in paid).date()
        try:
            until = last.replace(year=last.year + years)
        except ValueError:  # paid on 29 February
            until = dt.date(last.year + years, 3, 1)
        if until > today:
            numbers = "、".join(f"第 {pk} 号" for pk in sorted({pk for pk, _ in paid}))
            return Hold(
                until,
                f"您的申请（{numbers}）已拨付财政资金，按《会计档案管理办法》须连同申请人信息保存 {years} 年，"
                f"至 {until.isoformat()}；届时将按您的要求删除",
            )
    if not open_applications:
        return None
    open_ones = session.scalars(
        select(Application.id).where(Application.entity_pk == entity_pk, Application.state.in_(OPEN_STATES))
    ).all()
    if open_ones:
        numbers = "、".join(f"第 {pk} 号" for pk in sorted(open_ones))
        return Hold(
            None,
            f"您的申请（{numbers}）正在办理，办理需要这些信息（《个人信息保护法》第十三条）；"
            "申请办结或撤回后可再次申请删除",
        )
    return None


def _forget_bank_accounts(session: Session, entity_pk: int) -> None:
    """Finished applications without payment keep their decision, not the account money would have gone to; the
    account saved for future claims goes too."""
    session.execute(delete(SavedBankAccount).where(SavedBankAccount.entity_pk == entity_pk))
    for application in session.scalars(select(Application).where(Application.entity_pk == entity_pk)):
        if "bank" in (application.snapshot or {}):
            application.snapshot = {k: v for k, v in application.snapshot.items() if k != "bank"}


def _erase(session: Session, entity: Entity, columns: tuple[str, ...] | None) -> list[str]:
    """Delete the personal values (``columns``; None: every value but what identifies the account)."""
    values, provenance = dict(entity.values), dict(entity.provenance)
    gone = [c for c in values if (c in columns if columns is not None else c not in KEPT_ON_DELETION)]
    for column in gone:
        values.pop(column, None)
        provenance.pop(column, None)
    entity.values, entity.provenance = values, provenance
    if gone:
        # the history of a deleted value would keep it: it goes too
        session.execute(delete(ValueChange).where(ValueChange.entity_pk == entity.id, ValueChange.column.in_(gone)))
        # and so would a registry batch's record of what it replaced (a rollback then finds the value changed since
        # and is refused, rather than bringing it back)
        for change in session.scalars(select(IngestChange).where(IngestChange.entity_pk == entity.id)):
            if change.old and any(c in change.old for c in gone):
                change.old = {c: v for c, v in change.old.items() if c not in gone} or None
    return gone


def withdraw(session: Session, entity: Entity, item: str, by: str, today: dt.date) -> Hold | None:
    """Withdraw a consent: what it covered is deleted, unless a legal hold keeps it (returned, nothing deleted
    then but the consent is still marked withdrawn: nothing new is collected under it)."""
    row = consents_of(session, entity.id).get(item)
    if item not in ITEMS or row is None or row.withdrawn_at is not None:
        raise PersonalDataError("授权事项：该项授权不存在或已撤回")
    row.withdrawn_at, row.withdrawn_by = _now(), by
    # an open application already holds what it needs in its snapshot: only the law's years keep the data here
    hold = legal_hold(session, entity.id, today, open_applications=False)
    if hold is None:
        _erase(session, entity, ITEMS[item].columns)
        if item == "identity":
            session.execute(
                delete(SensitiveValue).where(SensitiveValue.entity_pk == entity.id, SensitiveValue.field == ID_NUMBER)
            )
    session.flush()
    return hold


def request_deletion(session: Session, entity: Entity, by: str, today: dt.date) -> DeletionRequest:
    """Delete the talent's personal data now, or record why the law keeps it (and until when)."""
    hold = legal_hold(session, entity.id, today)
    row = DeletionRequest(
        entity_pk=entity.id,
        requested_by=by,
        requested_at=_now(),
        state="held" if hold else "done",
        reason=hold.reason if hold else "",
        held_until=hold.until if hold else None,
    )
    session.add(row)
    if hold is None:
        _erase(session, entity, None)
        session.execute(delete(SensitiveValue).where(SensitiveValue.entity_pk == entity.id))
        session.execute(delete(Interaction).where(Interaction.entity_pk == entity.id))
        _forget_bank_accounts(session, entity.id)
        for consent in consents_of(session, entity.id).values():
            if consent.withdrawn_at is None:
                consent.withdrawn_at, consent.withdrawn_by = _now(), by
    session.flush()
    return row


def deletion_requests(session: Session, entity_pk: int) -> list[DeletionRequest]:
    query = select(DeletionRequest).where(DeletionRequest.entity_pk == entity_pk)
    return list(session.scalars(query.order_by(DeletionRequest.id.desc())))


def _when(value: dt.datetime | dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _readable_id_number(session: Session, entity_pk: int) -> str | None:
    try:
        return id_number(session, entity_pk)
    except crypto.CryptoError:
        return "（无法解密：密钥缺失或数据被改动，请联系平台管理员）"


def export(session: Session, entity: Entity) -> dict[str, Any]:
    """Everything the platform holds about the talent, as the talent may take it away (个人信息保护法 art. 45)."""
    applications = session.scalars(select(Application).where(Application.entity_pk == entity.id))
    changes = session.scalars(select(ValueChange).where(ValueChange.entity_pk == entity.id).order_by(ValueChange.id))
    batches = session.execute(
        select(IngestBatch, IngestChange)
        .join(IngestChange, IngestChange.batch_pk == IngestBatch.id)
        .where(IngestChange.entity_pk == entity.id)
        .order_by(IngestChange.id)
    ).all()
    return {
        "导出时间": _now().isoformat(timespec="seconds") + "Z",
        "主体": {"编号": entity.entity_id, "名称": entity.name, "类型": entity.kind},
        "身份证号": _readable_id_number(session, entity.id),
        "信息": dict(entity.values),
        "来源": dict(entity.provenance),
        "授权": [
            {
                "事项": ITEMS[c.item].label if c.item in ITEMS else c.item,
                "目的": c.purpose,
                "同意时间": _when(c.given_at),
                "撤回时间": _when(c.withdrawn_at),
            }
            for c in consents_of(session, entity.id).values()
        ],
        "申请": [
            {
                "编号": a.id,
                "事项": a.benefit_id,
                "状态": a.state,
                "金额（元）": None if a.amount is None else str(a.amount),
                "提交时间": _when(a.created_at),
            }
            for a in applications
        ],
        "信息修改记录": [
            {"项目": c.column, "原值": c.old, "新值": c.new, "来源": c.source, "时间": _when(c.at)} for c in changes
        ],
        # a registry batch's values are the current ones that carry its batch (来源); what it replaced is here
        "登记数据批次": [
            {
                "批次": b.batch_id,
                "来源": b.source,
                "截至": b.as_of.isoformat(),
                "写入项数": c.cells,
                "替换的原值": {column: was for column, (was, _) in (c.old or {}).items()},
                "状态": b.state,
                "时间": _when(b.at),
            }
            for b, c in batches
        ],
        "删除请求": [
            {"时间": _when(d.requested_at), "结果": d.state, "原因": d.reason}
            for d in deletion_requests(session, entity.id)
        ],
    }
