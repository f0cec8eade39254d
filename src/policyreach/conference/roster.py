"""Onboarding a real conference: its roster of members and its handling units, imported from XLSX.

The office fills a template (one sheet, Chinese headers, a guide sheet), uploads it, and either every row is taken
or none is: a refused file names each row and column that is wrong, and comes back as a marked copy (the wrong
cells filled red with the reason as a comment, and an error sheet). A member is matched by name and 界别 (the same
person keeps their history across terms); importing the roster of a new 届次 moves the members it lists to that
term and adds the new ones, and the members of the old term keep their rows, records and figures (the latest term
on the roster is the current one: only its members are invited to new activities). A 登录账号 column gives a member
an account at once, with a one-time password they must change at the first sign-in; a 统一身份标识 column names the
member's subject at the unified identity, whose sign-in then lands in the member's account. Past years' records come
in through the same machinery (``history``).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from sqlalchemy import select
from sqlalchemy.orm import Session

from policyreach import clock
from policyreach.conference import roles, terms
from policyreach.conference.models import ConferenceMember, HandlingUnit
from policyreach.conference.terms import TERM, term_number
from policyreach.redemption import audit
from policyreach.store import crypto
from policyreach.store.models import Account
from policyreach.workbooks import active_sheet, load_xlsx

IMPORTERS = (roles.COMMITTEE, roles.INFO_OFFICE, roles.ADMIN)  # the office's staff and the administrator
PARTIES = (
    "中国共产党",
    "中国国民党革命委员会",
    "中国民主同盟",
    "中国民主建国会",
    "中国民主促进会",
    "中国农工民主党",
    "中国致公党",
    "九三学社",
    "台湾民主自治同盟",
    "无党派人士",
    "群众",
)
PARTY_SHORT = {
    "中共": "中国共产党",
    "民革": "中国国民党革命委员会",
    "民盟": "中国民主同盟",
    "民建": "中国民主建国会",
    "民进": "中国民主促进会",
    "农工党": "中国农工民主党",
    "致公党": "中国致公党",
    "台盟": "台湾民主自治同盟",
}
LEADER_POSITIONS = ("主席", "副主席", "秘书长")
POSITIONS = (*LEADER_POSITIONS, "常委", "委员")
UNIT_KINDS = {"政府部门": "government", "党群部门": "party", "法院检察院": "court", "企业": "enterprise"}
PHONE = re.compile(r"^(1\d{10}|0\d{2,3}-?\d{7,8})$")
USERNAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]{2,31}$")
YEAR = re.compile(r"^(19[5-9]\d|20\d\d)$")
RED = PatternFill("solid", fgColor="FFFF9999")
Rows = list[tuple[int, dict[str, str]]]  # (the sheet's row number, header → text)


@dataclass(frozen=True)
class Column:
    header: str
    required: bool
    guide: str
    check: Callable[[str], str | None]  # the Chinese reason a value is refused, None when it is right


def _nonempty(limit: int) -> Callable[[str], str | None]:
    return lambda v: f"不能超过 {limit} 个字" if len(v) > limit else None


def _one_of(options: tuple[str, ...], aliases: dict[str, str] | None = None) -> Callable[[str], str | None]:
    known = set(options) | set(aliases or {})
    return lambda v: None if v in known else f"应为：{'、'.join(options)}"


def _pattern(rx: re.Pattern[str], what: str) -> Callable[[str], str | None]:
    return lambda v: None if rx.match(v) else what


USERNAME_RULE = _pattern(USERNAME, "应为字母开头的 3–32 位字母、数字或 _.-")
MEMBER_COLUMNS = (
    Column("姓名", True, "委员姓名", _nonempty(64)),
    Column("界别", True, "如：经济界、科技界、中国民主同盟", _nonempty(64)),
    Column("专门委员会", False, "如：经济委员会（可空）", _nonempty(64)),
    Column("党派", False, "、".join((*PARTY_SHORT, "九三学社", "无党派人士", "群众")), _one_of(PARTIES, PARTY_SHORT)),
    Column("职务", False, "主席、副主席、秘书长、常委或委员（空为委员）", _one_of(POSITIONS)),
    Column("联系电话", False, "手机号或带区号的固定电话；加密保存", _pattern(PHONE, "应为手机号或带区号的固定电话")),
    Column("届次", True, "如：第十四届", _pattern(TERM, "应写作“第十四届”这样的届次")),
    Column("登录账号", False, "填写则开通委员账号（字母开头，3–32 位）", USERNAME_RULE),
    Column(
        "统一身份标识", False, "委员在统一身份认证平台的用户标识（sub）；填写后委员可用统一身份登录", _nonempty(255)
    ),
    Column(
        "届次起始年份",
        False,
        "本届第一次全体会议的年份，如 2022；空则按每届五年推算（第十四届自 2022 年起）",
        _pattern(YEAR, "应为四位年份，如 2022"),
    ),
)
UNIT_COLUMNS = (
    Column("单位名称", True, "如：长春市商务局", _nonempty(100)),
    Column("简称", True, "如：市商务局", _nonempty(32)),
    Column("类别", False, "政府部门、党群部门、法院检察院或企业（空为政府部门）", _one_of(tuple(UNIT_KINDS))),
    Column("登录账号", False, "填写则开通承办单位账号", USERNAME_RULE),
)
STAFF_ROLES = {"提案委员会": roles.COMMITTEE, "信息办": roles.INFO_OFFICE, "政协领导": roles.LEADER}
STAFF_COLUMNS = (
    Column("姓名", True, "工作人员或领导的姓名", _nonempty(64)),
    Column("岗位", True, "提案委员会、信息办或政协领导", _one_of(tuple(STAFF_ROLES))),
    Column("登录账号", True, "字母开头，3–32 位", USERNAME_RULE),
)
KINDS = {
    "members": ("委员名册", MEMBER_COLUMNS),
    "units": ("承办单位", UNIT_COLUMNS),
    "staff": ("机关工作人员", STAFF_COLUMNS),
}


@dataclass(frozen=True)
class RowError:
    row: int  # the sheet's row number, as Excel shows it
    column: str  # the header
    message: str

    def __str__(self) -> str:
        return f"第 {self.row} 行“{self.column}”：{self.message}"


@dataclass
class Outcome:
    """What an import did (or, with ``errors``, why it did nothing)."""

    kind: str
    added: int = 0
    updated: int = 0
    accounts: list[tuple[str, str, str]] = field(default_factory=list)  # (name, username, one-time password)
    errors: list[RowError] = field(default_factory=list)
    marked: bytes | None = None  # the uploaded workbook with the wrong cells marked, when refused

    @property
    def ok(self) -> bool:
        return not self.errors


def kinds() -> dict[str, tuple[str, tuple[Column, ...]]]:
    """Every sheet the office imports: the roster's and the past years' (``history``, which builds on this module)."""
    from policyreach.conference import history

    return {**KINDS, **history.KINDS}


def template(kind: str) -> bytes:
    """The empty template of ``kind`` (one of :func:`kinds`) with a guide sheet."""
    title, columns = kinds()[kind]
    book = Workbook()
    sheet = active_sheet(book)
    sheet.title = title
    sheet.append([c.header for c in columns])
    for i, c in enumerate(columns, start=1):
        sheet.cell(row=1, column=i).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(i)].width = max(12, len(c.header) * 3)
    guide = book.create_sheet("填写说明")
    guide.append(["列", "必填", "说明"])
    for c in columns:
        guide.append([c.header, "是" if c.required else "否", c.guide])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():  # a phone number typed into a number cell
        value = int(value)
    return str(value).strip()


def read(raw: bytes, kind: str, filename: str = "文件") -> tuple[Rows, list[RowError]]:
    """Every data row of the upload as header → text, and every error; nothing is written."""
    title, columns = kinds()[kind]
    book = load_xlsx(raw, filename, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        return [], [RowError(1, "表头", f"“{filename}”是空表，请使用{title}模板")]
    headers = [_text(h) for h in rows[0]]
    missing = [c.header for c in columns if c.required and c.header not in headers]
    if missing:
        return [], [RowError(1, h, f"缺少必填列“{h}”（请使用{title}模板）") for h in missing]
    out: Rows = []
    errors: list[RowError] = []
    for number, values in enumerate(rows[1:], start=2):
        record = {h: _text(v) for h, v in zip(headers, values, strict=False) if h}
        if not any(record.values()):
            continue
        for c in columns:
            value = record.get(c.header, "")
            if not value:
                if c.required:
                    errors.append(RowError(number, c.header, "必填，不能为空"))
                continue
            reason = c.check(value)
            if reason:
                errors.append(RowError(number, c.header, f"“{value[:40]}”{reason}"))
        out.append((number, record))
    if not out and not errors:
        errors.append(RowError(2, "表头", "表中没有数据行"))
    return out, errors


def _duplicates(rows: Rows, keys: tuple[str, ...], what: str) -> list[RowError]:
    seen: dict[tuple[str, ...], int] = {}
    errors = []
    for number, record in rows:
        key = tuple(record.get(k, "") for k in keys)
        if key in seen:
            errors.append(RowError(number, keys[0], f"与第 {seen[key]} 行是同一{what}"))
        seen.setdefault(key, number)
    return errors


def _taken_usernames(session: Session, rows: Rows, own: dict[str, int]) -> list[RowError]:
    """A 登录账号 that belongs to someone else (another account than the row's own member or unit already has)."""
    names = [r.get("登录账号", "") for _, r in rows if r.get("登录账号")]
    existing = {a.username: a.id for a in session.scalars(select(Account).where(Account.username.in_(names)))}
    errors = []
    for number, record in rows:
        username = record.get("登录账号", "")
        if username and username in existing and own.get(username) != existing[username]:
            errors.append(RowError(number, "登录账号", f"“{username}”已被其他账号使用"))
    errors += _duplicates([(n, r) for n, r in rows if r.get("登录账号")], ("登录账号",), "登录账号")
    return errors


def _taken_identities(session: Session, rows: Rows, members: dict[tuple[str, str], ConferenceMember]) -> list[RowError]:
    """A 统一身份标识 already bound to another member (one person, one identity)."""
    subjects = [r["统一身份标识"] for _, r in rows if r.get("统一身份标识")]
    holders = {
        m.identity_subject: m
        for m in session.scalars(select(ConferenceMember).where(ConferenceMember.identity_subject.in_(subjects)))
    }
    errors = []
    for number, record in rows:
        holder = holders.get(record.get("统一身份标识", ""))
        if holder is not None and members.get((record["姓名"], record["界别"])) is not holder:
            errors.append(
                RowError(number, "统一身份标识", f"已是委员“{holder.name}（{holder.sector_group}）”的统一身份")
            )
    errors += _duplicates([(n, r) for n, r in rows if r.get("统一身份标识")], ("统一身份标识",), "统一身份")
    return errors


def import_roster(
    session: Session, account: Account, raw: bytes, kind: str, filename: str = "文件", today: dt.date | None = None
) -> Outcome:
    """Check every row, then take all of them or none (the caller commits); a refusal carries the marked copy.
    ``today`` bounds the past years' sheets (their 年度 must be earlier)."""
    from policyreach.conference import history

    roles.require(account, IMPORTERS, "导入名册")
    if kind not in kinds():
        raise ValueError("名册类别应为委员名册、承办单位、机关工作人员或往年数据")
    rows, errors = read(raw, kind, filename)
    outcome = Outcome(kind)
    if kind in history.KINDS:
        errors += history.check_years(rows, today or clock.today())
        if not errors:  # the cross-checks read each cell as its column allows: only once every cell passed
            errors += history.import_rows(session, kind, rows, outcome)
    elif kind == "members":
        errors += _duplicates(rows, ("姓名", "界别"), "委员（姓名和界别相同）")
        members = {(m.name, m.sector_group): m for m in session.scalars(select(ConferenceMember))}
        own = {
            a.username: a.id
            for a in session.scalars(select(Account).where(Account.id.in_([m.account_pk for m in members.values()])))
        }
        errors += _taken_usernames(session, rows, own)
        errors += _taken_identities(session, rows, members)
        errors += _term_years(rows)
        if not errors:
            _apply_members(session, rows, members, outcome)
    elif kind == "staff":
        # accounts that see and decide more than their importer: only the administrator opens them
        roles.require(account, (roles.ADMIN,), "导入机关工作人员和领导账号")
        errors += _taken_usernames(session, rows, {})  # staff accounts are new: any existing name is someone else's
        if not errors:
            for _, r in rows:
                made, password = _account(session, r["登录账号"], STAFF_ROLES[r["岗位"]], r["姓名"], None)
                outcome.accounts.append((r["姓名"], made.username, password))
                outcome.added += 1
    else:
        errors += _duplicates(rows, ("单位名称",), "单位")
        units = {u.name: u for u in session.scalars(select(HandlingUnit))}
        own = {a.username: a.id for a in session.scalars(select(Account).where(Account.role == roles.UNIT))}
        errors += _taken_usernames(session, rows, own)
        if not errors:
            _apply_units(session, rows, units, outcome)
    if errors:
        outcome.errors = sorted(errors, key=lambda e: (e.row, e.column))
        outcome.marked = marked_copy(raw, outcome.errors)
        return outcome
    audit.record(
        session,
        account.username,
        f"conference.roster_{kind}",
        "conference:roster",
        {"file": filename, "added": outcome.added, "updated": outcome.updated, "accounts": len(outcome.accounts)},
    )
    return outcome


def _term_years(rows: Rows) -> list[RowError]:
    """One start year per 届次 in a file: two rows dating the same term differently are both wrong."""
    years: dict[str, set[str]] = {}
    for _, r in rows:
        if r.get("届次起始年份"):
            years.setdefault(r["届次"], set()).add(r["届次起始年份"])
    return [
        RowError(n, "届次起始年份", f"同一文件中{r['届次']}的起始年份不一致（{'、'.join(sorted(years[r['届次']]))}）")
        for n, r in rows
        if len(years.get(r["届次"], ())) > 1 and r.get("届次起始年份")
    ]


def _apply_members(
    session: Session, rows: Rows, members: dict[tuple[str, str], ConferenceMember], outcome: Outcome
) -> None:
    for _, r in rows:
        member = members.get((r["姓名"], r["界别"]))
        if member is None:
            member = ConferenceMember(name=r["姓名"], sector_group=r["界别"], term=r["届次"])
            session.add(member)
            outcome.added += 1
        else:
            outcome.updated += 1
        if member.id is None or term_number(r["届次"]) >= term_number(member.term):  # an older roster: a seat only
            party = r.get("党派", "")
            member.committee = r.get("专门委员会") or member.committee
            member.party = PARTY_SHORT.get(party, party) or member.party
            member.position = r.get("职务") or member.position or "委员"
            member.is_leader = member.position in LEADER_POSITIONS
        first_year = r.get("届次起始年份")
        terms.seat(session, member, r["届次"], int(first_year) if first_year else None)
        if r.get("联系电话"):
            member.phone = crypto.seal(r["联系电话"])
        if r.get("统一身份标识"):
            member.identity_subject = r["统一身份标识"]
        session.flush()
        if r.get("登录账号") and member.account_pk is None:
            role = roles.LEADER if member.is_leader else roles.MEMBER
            made, password = _account(session, r["登录账号"], role, member.name, None)
            member.account_pk = made.id
            outcome.accounts.append((member.name, made.username, password))


def _apply_units(session: Session, rows: Rows, units: dict[str, HandlingUnit], outcome: Outcome) -> None:
    for _, r in rows:
        unit = units.get(r["单位名称"])
        if unit is None:
            unit = HandlingUnit(name=r["单位名称"], short_name=r["简称"])
            session.add(unit)
            outcome.added += 1
        else:
            outcome.updated += 1
        unit.short_name = r["简称"]
        unit.kind = UNIT_KINDS.get(r.get("类别", ""), unit.kind or "government")
        session.flush()
        username = r.get("登录账号")
        has_account = session.scalar(
            select(Account.id).where(Account.role == roles.UNIT, Account.department == unit.name)
        )
        if username and has_account is None:
            made, password = _account(session, username, roles.UNIT, unit.name, unit.name)
            outcome.accounts.append((unit.name, made.username, password))


def _account(session: Session, username: str, role: str, display: str, department: str | None) -> tuple[Account, str]:
    """An account with a one-time password its owner must change at the first sign-in."""
    from policyreach.app.accounts import hash_password
    from policyreach.app.passwords import check

    password = "Zx" + secrets.token_urlsafe(9) + "7!"
    check(password, username)
    made = Account(
        username=username,
        password_hash=hash_password(password),
        role=role,
        department=department,
        display_name=display,
        must_change_password=True,
    )
    session.add(made)
    session.flush()
    return made, password


def marked_copy(raw: bytes, errors: list[RowError]) -> bytes:
    """The upload with each wrong cell red and its reason as a comment, plus a sheet listing every error."""
    book = load_xlsx(raw)
    sheet = book.worksheets[0]
    headers = {_text(c.value): i for i, c in enumerate(sheet[1], start=1)}
    for e in errors:
        cell = sheet.cell(row=e.row, column=headers.get(e.column, 1))
        cell.fill = RED
        cell.comment = Comment(e.message, "政策通")
    listing = book.create_sheet("错误说明")
    listing.append(["行", "列", "问题"])
    for e in errors:
        listing.append([e.row, e.column, e.message])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def current_term(session: Session) -> str | None:
    """The latest 届次 on the roster: importing a new term's roster makes it current."""
    named = set(session.scalars(select(ConferenceMember.term).distinct()))
    return max(named, key=term_number) if named else None


def serving(session: Session, member: ConferenceMember) -> bool:
    """Whether the member belongs to the current term (one not re-appointed keeps their records, not new duties)."""
    return member.term == current_term(session)


def account_for_identity(session: Session, issuer: str, subject: str, name: str | None) -> int | None:
    """The account a member named by their unified identity signs in as (the roster's 统一身份标识): their own, or
    one made now for a member who has none (a 委员 or a leader, as the roster's position says); None for anyone else.
    """
    member = session.scalar(select(ConferenceMember).where(ConferenceMember.identity_subject == subject))
    if member is None:
        return None
    from policyreach.app.accounts import hash_password
    from policyreach.app.identities import username_for

    if member.account_pk is not None:
        account = session.get(Account, member.account_pk)
        if account is not None and account.must_change_password:
            # the one-time password handed out at import was never used: the identity replaces it (as for a firm's
            # agent), so no password stays valid that nobody chose
            account.password_hash = hash_password(secrets.token_urlsafe(32))
            account.must_change_password = False
        return member.account_pk

    made = Account(
        # the identity's own fixed name: a parallel first sign-in collides on it and reads this one back
        username=username_for(issuer, subject),
        password_hash=hash_password(secrets.token_urlsafe(32)),  # never typed: signs in through the provider
        role=roles.LEADER if member.is_leader else roles.MEMBER,
        display_name=member.name,
    )
    session.add(made)
    session.flush()
    member.account_pk = made.id
    session.flush()
    audit.record(session, "system", "conference.identity_bound", f"member:{member.id}", {"account": made.username})
    return made.id


def reseal_phones(session: Session, ring: crypto.FieldRing) -> int:
    """``policyreach keys rotate``: every member's sealed contact number re-sealed under the ring's current key."""
    count = 0
    for member in session.scalars(select(ConferenceMember).where(ConferenceMember.phone.is_not(None))):
        assert member.phone is not None  # the query's filter; a list keeps no narrowing
        member.phone = crypto.reseal(member.phone, ring)
        count += 1
    return count


def phone_tail(member: ConferenceMember) -> str:
    """The contact number as staff see it in lists: only its last four digits."""
    if not member.phone:
        return "—"
    try:
        return "尾号 " + crypto.open_sealed(member.phone)[-4:]
    except crypto.CryptoError:
        return "（无法解密）"
