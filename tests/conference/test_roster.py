"""Onboarding: the roster and the handling units imported from XLSX, all rows or none, and a new term rolled over."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from policyreach.app.accounts import check_password
from policyreach.conference import roster
from policyreach.conference.models import ConferenceMember, HandlingUnit
from policyreach.store import crypto
from policyreach.store.models import Account
from tests.conference import records_db
from tests.conference.records_db import make_people
from tests.conference.test_records_web import demo, records_app  # noqa: F401 - shared session fixtures
from tests.web.conftest import csrf_of, login

records_factory, db = records_db.records_factory, records_db.db
HEADERS = ["姓名", "界别", "专门委员会", "党派", "职务", "联系电话", "届次", "登录账号", "统一身份标识", "届次起始年份"]


def _book(rows: list[list[object]], headers: list[str] = HEADERS) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def scratch(records_factory):
    """A session on the shared records database that is rolled back at the end: a new 届次 imported here must not
    become the current term of the tests that run after."""
    with records_factory() as session:
        yield session
        session.rollback()


def _count(session) -> int:
    return session.scalar(select(func.count()).select_from(ConferenceMember))


def test_the_template_lists_every_column_with_a_guide() -> None:
    book = load_workbook(io.BytesIO(roster.template("members")))
    assert [c.value for c in book.worksheets[0][1]] == HEADERS
    guide = {row[0]: row[1] for row in book["填写说明"].iter_rows(min_row=2, values_only=True)}
    assert guide["姓名"] == "是" and guide["联系电话"] == "否"


def test_a_roster_with_a_bad_row_is_refused_whole_with_its_row_and_column_marked(db) -> None:
    people = make_people(db)
    before = _count(db)
    raw = _book(
        [
            ["测试委员一", "经济界", "经济委员会", "民盟", "委员", "13800001111", "第十四届", "rosterone"],
            ["测试委员二", "科技界", "", "九三学社", "", "1380000", "第十四届", ""],
            ["测试委员三", "", "", "", "", "", "十四届", ""],
        ]
    )
    outcome = roster.import_roster(db, people.committee, raw, "members", "名册.xlsx")
    assert not outcome.ok and _count(db) == before
    assert db.scalar(select(Account).where(Account.username == "rosterone")) is None
    assert [str(e) for e in outcome.errors] == [
        "第 3 行“联系电话”：“1380000”应为手机号或带区号的固定电话",
        "第 4 行“届次”：“十四届”应写作“第十四届”这样的届次",
        "第 4 行“界别”：必填，不能为空",
    ]
    marked = load_workbook(io.BytesIO(outcome.marked))
    cell = marked.worksheets[0]["F3"]
    assert cell.fill.fgColor.rgb == "FFFF9999" and "手机号" in cell.comment.text
    assert marked["错误说明"].max_row == 4


def test_a_roster_is_taken_whole_with_accounts_and_sealed_phones_and_a_new_term_rolls_over(scratch) -> None:
    db = scratch
    people = make_people(db)
    raw = _book(
        [
            ["测试甲委员", "经济界", "经济委员会", "民盟", "常委", "13800002222", "第十四届", "rostera"],
            ["测试乙委员", "科技界", "", "九三学社", "副主席", "", "第十四届", "rosterb"],
            ["测试丙委员", "农业界", "", "", "", "0431-88880000", "第十四届", ""],
        ]
    )
    outcome = roster.import_roster(db, people.office, raw, "members", "名册.xlsx")
    assert outcome.ok and outcome.added == 3 and len(outcome.accounts) == 2
    a = db.scalar(select(ConferenceMember).where(ConferenceMember.name == "测试甲委员"))
    assert a.party == "中国民主同盟" and a.position == "常委" and not a.is_leader
    assert a.phone != "13800002222" and crypto.open_sealed(a.phone) == "13800002222"
    assert roster.phone_tail(a) == "尾号 2222"
    account = db.get(Account, a.account_pk)
    password = next(p for name, _, p in outcome.accounts if name == "测试甲委员")
    assert account.role == "member" and account.must_change_password and check_password(account.password_hash, password)
    b = db.scalar(select(ConferenceMember).where(ConferenceMember.name == "测试乙委员"))
    assert b.is_leader and db.get(Account, b.account_pk).role == "leader"
    # the next term: 甲 continues (same person, same account), 丁 is new, 丙 stays a member of the old term
    nxt = _book([["测试甲委员", "经济界", "经济委员会", "民盟", "委员", "", "第十五届", "rostera"],
                 ["测试丁委员", "社科界", "", "", "", "", "第十五届", ""]])  # fmt: skip
    rolled = roster.import_roster(db, people.office, nxt, "members", "新一届名册.xlsx")
    assert rolled.ok and (rolled.added, rolled.updated, rolled.accounts) == (1, 1, [])
    db.refresh(a)
    assert a.term == "第十五届" and a.account_pk == account.id and crypto.open_sealed(a.phone) == "13800002222"
    c = db.scalar(select(ConferenceMember).where(ConferenceMember.name == "测试丙委员"))
    assert c.term == "第十四届"
    # someone else's login name is refused, naming the row
    taken = _book([["测试戊委员", "经济界", "", "", "", "", "第十五届", people.unit.username]])
    refused = roster.import_roster(db, people.office, taken, "members", "x.xlsx")
    assert [str(e) for e in refused.errors] == [f"第 2 行“登录账号”：“{people.unit.username}”已被其他账号使用"]


def test_members_and_units_cannot_import_and_units_are_imported_with_their_account(db) -> None:
    people = make_people(db)
    for who in (people.member, people.unit, people.leader):
        try:
            roster.import_roster(db, who, b"", "units")
        except roster.roles.Forbidden:
            continue
        raise AssertionError(f"{who.role} imported a roster")
    raw = _book(
        [["长春市测试名册局", "测试名册局", "政府部门", "rosterunit"]], ["单位名称", "简称", "类别", "登录账号"]
    )
    outcome = roster.import_roster(db, people.committee, raw, "units", "承办单位.xlsx")
    assert outcome.ok and outcome.added == 1
    unit = db.scalar(select(HandlingUnit).where(HandlingUnit.name == "长春市测试名册局"))
    account = db.scalar(select(Account).where(Account.username == "rosterunit"))
    assert unit.short_name == "测试名册局" and account.role == "unit" and account.department == unit.name


def test_the_office_imports_from_the_page_and_a_member_is_refused(platform, records_app) -> None:  # noqa: F811
    bad = _book(
        [
            ["页面委员甲", "经济界", "", "", "", "", "第十四届", ""],
            ["页面委员乙", "经济界", "", "民x党", "", "", "第十四届", ""],
        ]
    )
    good = _book([["页面委员甲", "经济界", "", "", "", "", "第十四届", "pagemembera"]])
    with TestClient(records_app) as office:
        login(office, "committee1")
        page = office.get("/conference/roster").text
        assert "导入委员名册" in page and "第十四届" in page
        files = {"file": ("名册.xlsx", bad, roster_mime())}
        refused = office.post("/conference/roster", data={"csrf_token": csrf_of(page), "kind": "members"}, files=files)
        assert refused.status_code == 400 and "第 3 行“党派”" in refused.text and "所有行均未写入" in refused.text
        assert "data:application/vnd.openxmlformats" in refused.text
        with platform.sessions() as session:
            assert session.scalar(select(ConferenceMember).where(ConferenceMember.name == "页面委员甲")) is None
        files = {"file": ("名册.xlsx", good, roster_mime())}
        done = office.post("/conference/roster", data={"csrf_token": csrf_of(page), "kind": "members"}, files=files)
        assert done.status_code == 200 and "pagemembera" in done.text and "首次登录须修改密码" in done.text
    with TestClient(records_app) as member:
        login(member, "member1")
        assert member.get("/conference/roster").status_code == 403


def roster_mime() -> str:
    return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_office_staff_and_leaders_get_their_accounts_from_a_list(db) -> None:
    people = make_people(db)
    raw = _book(
        [["测试工作人员", "信息办", "rosterstaff"], ["测试领导", "政协领导", "rosterleader"]],
        ["姓名", "岗位", "登录账号"],
    )
    admin = Account(username=f"rosteradmin{people.unit_row.id}", password_hash="x", role="admin", display_name="管理员")
    db.add(admin)
    db.flush()
    try:  # the office cannot open accounts that see more than it does (a leader's)
        roster.import_roster(db, people.committee, raw, "staff", "工作人员.xlsx")
        raise AssertionError("the office opened staff accounts")
    except roster.roles.Forbidden:
        pass
    outcome = roster.import_roster(db, admin, raw, "staff", "工作人员.xlsx")
    assert outcome.ok and [u for _, u, _ in outcome.accounts] == ["rosterstaff", "rosterleader"]
    made = {
        a.username: a for a in db.scalars(select(Account).where(Account.username.in_(["rosterstaff", "rosterleader"])))
    }
    assert made["rosterstaff"].role == "info_office" and made["rosterleader"].role == "leader"
    assert all(a.must_change_password for a in made.values())
    again = roster.import_roster(db, admin, raw, "staff", "工作人员.xlsx")
    assert next(str(e) for e in again.errors) == "第 2 行“登录账号”：“rosterstaff”已被其他账号使用"


def test_a_member_not_reappointed_keeps_their_record_but_is_no_longer_invited(scratch) -> None:
    import datetime as dt

    from policyreach.conference import activities, duty
    from policyreach.conference.roles import Forbidden

    db = scratch
    people = make_people(db)
    kept, left = people.member_row, people.other_member_row  # both 第十四届
    earlier = activities.plan(db, people.committee, title="换届前的视察", form="视察", held_on=dt.date(2026, 3, 2))
    activities.notify(db, people.committee, earlier, "请出席。", [kept, left])
    assert {p.member_pk for p in earlier.participants if p.invited} == {kept.id, left.id}
    assert roster.current_term(db) == "第十四届"
    # the new term's roster lists only one of the two: the other is not re-appointed
    nxt = _book([[kept.name, kept.sector_group, "", "", "", "", "第十五届", ""]])
    assert roster.import_roster(db, people.office, nxt, "members", "第十五届名册.xlsx").ok
    assert roster.current_term(db) == "第十五届" and not roster.serving(db, left) and roster.serving(db, kept)
    later = activities.plan(db, people.committee, title="换届后的调研", form="调研", held_on=dt.date(2026, 5, 6))
    activities.notify(db, people.committee, later, "请出席。", [kept, left])
    assert {p.member_pk for p in later.participants if p.invited} == {kept.id}
    try:
        activities.sign_up(db, people.other_member, later, dt.datetime(2026, 5, 1, 9))
        raise AssertionError("a member of the earlier term signed up for a new activity")
    except Forbidden as refused:
        assert "第十四届" in str(refused)
    # the earlier term's invitation, account and record stay as they were
    assert left.term == "第十四届" and left.account_pk == people.other_member.id
    assert duty.member_for(db, people.other_member) is left
    assert [a.id for a, _ in duty.record_of(db, left, 2026).attendance] == [earlier.id]


def test_terms_are_ordered_by_their_number() -> None:
    numbers = [roster.term_number(t) for t in ("第九届", "第十届", "第十一届", "第十四届", "第二十届", "第二十一届")]
    assert numbers == [9, 10, 11, 14, 20, 21] and roster.term_number("十四届") == 0
