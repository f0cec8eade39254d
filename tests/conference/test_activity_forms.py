"""Activity forms the office extends (issue 27, item 4), through the pages on the conference tests' seeded platform:
a form added on its page is planned, attended and scored by the assessment rules; a non-member expert is counted
among the people taking part and never assessed; a speech counts only once staff select it; beneficiaries add up in
the statistics, the XLSX and the annual report; bad input and other roles are refused with nothing written.

The tests work in the evaluation date's own year (the demo fills the year before it), so that their figures are exact
and the demo year's stay as the other tests expect; the demo year is the previous year beside them."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from decimal import Decimal

import pytest
from docx import Document
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import func, select

from policyreach.conference import activities, annual_report, duty, statistics
from policyreach.conference.activity_forms import rules_of
from policyreach.conference.assessment import load_rules
from policyreach.conference.demo_records import seed_conference_records
from policyreach.conference.models import ConferenceMember
from policyreach.conference.records_models import Activity, ActivityForm, ActivityGuest, ActivitySpeech
from policyreach.store.db import transaction
from policyreach.store.models import Account
from policyreach.web.app import create_app
from tests.web.conftest import AS_OF, csrf_of, login

YEAR = AS_OF.year  # the current year: the demo fills the last complete one
DEMO_YEAR = AS_OF.year - 1


@pytest.fixture(scope="module")
def forms_app(platform):
    with transaction(platform.sessions) as session:
        seed_conference_records(session, AS_OF)  # idempotent: the demo's accounts and forms' activities
    return create_app(platform, secret="forms-secret")


def _client(app, username: str) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield login(client, username)


@pytest.fixture
def office(forms_app):
    yield from _client(forms_app, "xinxiban")


@pytest.fixture
def member(forms_app):
    yield from _client(forms_app, "weiyuan")


@pytest.fixture
def leader(forms_app):
    yield from _client(forms_app, "lingdao")


def _post(client: TestClient, page: str, url: str, data: dict) -> object:
    token = csrf_of(client.get(page).text)
    return client.post(url, data={"csrf_token": token, **data}, follow_redirects=False)


def _plan(office: TestClient, platform, title: str, form: str, day: dt.date) -> int:
    answer = _post(
        office, "/conference/activities", "/conference/activities", {"title": title, "form": form, "held_on": day}
    )
    assert answer.status_code == 303, answer.text
    with platform.sessions() as session:
        return session.scalar(select(Activity.id).where(Activity.title == title))


def _attend(platform, activity_pk: int, usernames: list[str]) -> None:
    """Held, the paper list entered for the members, attendance closed: the workflow's own steps."""
    with transaction(platform.sessions) as session:
        staff = session.scalar(select(Account).where(Account.username == "xinxiban"))
        act = session.get(Activity, activity_pk)
        pks = [
            session.scalar(
                select(ConferenceMember.id)
                .join(Account, Account.id == ConferenceMember.account_pk)
                .where(Account.username == u)
            )
            for u in usernames
        ]
        now = dt.datetime.combine(act.held_on, dt.time(18))
        activities.notify(session, staff, act, "请参加", [])
        activities.hold(session, staff, act)
        activities.mark_paper(session, staff, act, pks, now)
        activities.close_attendance(session, staff, act, now)


def _score(platform, username: str) -> Decimal:
    with platform.sessions() as session:
        rules = load_rules(dt.date(YEAR, 12, 31), forms=rules_of(session))
        member = session.get(ConferenceMember, _member_pk(platform, username))
        return duty.assessment_of(session, rules, member, YEAR).score


def _member_pk(platform, username: str) -> int:
    with platform.sessions() as session:
        return session.scalar(
            select(ConferenceMember.id)
            .join(Account, Account.id == ConferenceMember.account_pk)
            .where(Account.username == username)
        )


def _counts(platform, username: str) -> dict[str, int]:
    with platform.sessions() as session:
        return duty.year_counts(session, YEAR, [_member_pk(platform, username)])[_member_pk(platform, username)]


def test_a_form_added_on_its_page_is_planned_attended_and_scored_by_the_rules(platform, office, member) -> None:
    answer = _post(
        office,
        "/conference/activity-forms",
        "/conference/activity-forms",
        {
            "name": "委员读书活动",
            "category": "凝聚共识",
            "counts_as": "own",
            "points": "1.5",
            "cap": "6",
            "parts": ["has_experts"],
        },
    )
    assert answer.status_code == 303, answer.text
    page = office.get("/conference/activity-forms").text
    assert "委员读书活动" in page and "每次 1.50 分" in page
    assert "委员读书活动" in office.get(f"/conference/activities?year={YEAR}").text  # offered for planning
    first = _plan(office, platform, "读书分享会（一）", "委员读书活动", dt.date(YEAR, 3, 10))
    second = _plan(office, platform, "读书分享会（二）", "委员读书活动", dt.date(YEAR, 4, 10))
    before = _score(platform, "weiyuan")  # what other tests of the shared platform left this member this year
    _attend(platform, first, ["weiyuan"])
    _attend(platform, second, ["weiyuan"])
    with platform.sessions() as session:
        form = session.scalar(select(ActivityForm).where(ActivityForm.name == "委员读书活动"))
        key = f"form_{form.id}_attended"
    counts = _counts(platform, "weiyuan")
    assert counts[key] == 2 and counts["activities_attended"] == 0  # its own item, not the 第五条 count
    html = member.get(f"/conference/members/{_member_pk(platform, 'weiyuan')}/assessment?year={YEAR}").text
    # the engine's item, from the generated policy in the rules language: 2 × 1.5 分
    assert "委员读书活动" in html and "参加“委员读书活动”活动，每次计1.5分，本项最高计6分。" in html
    with platform.sessions() as session:
        rules = load_rules(dt.date(YEAR, 12, 31), forms=rules_of(session))
        result = duty.assessment_of(
            session, rules, session.get(ConferenceMember, _member_pk(platform, "weiyuan")), YEAR
        )
    item = next(i for i in result.items if i.title == "委员读书活动")
    assert item.points == Decimal("3.00") and item.match.status == "eligible"
    assert result.score - before == Decimal("3.00")  # the two attendances add 2 × 1.5 to the total
    # the office changes the points on the page: the same attendance now scores under the new parameter
    _post(
        office,
        "/conference/activity-forms",
        f"/conference/activity-forms/{form.id}",
        {
            "category": "凝聚共识",
            "counts_as": "own",
            "points": "2",
            "cap": "3",
            "parts": ["has_experts"],
            "active": "yes",
        },
    )
    with platform.sessions() as session:
        rules = load_rules(dt.date(YEAR, 12, 31), forms=rules_of(session))
        result = duty.assessment_of(
            session, rules, session.get(ConferenceMember, _member_pk(platform, "weiyuan")), YEAR
        )
    assert next(i for i in result.items if i.title == "委员读书活动").points == Decimal("3.00")  # 2 × 2, capped at 3


def test_a_non_member_expert_takes_part_and_is_never_assessed(platform, office) -> None:
    act = _plan(office, platform, "专家义诊（一）", "为民服务", dt.date(YEAR, 5, 12))
    _attend(platform, act, ["weiyuan"])
    answer = _post(
        office,
        f"/conference/activities/{act}/record",
        f"/conference/activities/{act}/guests",
        {"name": "赵明远", "unit": "吉林大学白求恩第一医院", "speciality": "心血管内科"},
    )
    assert answer.status_code == 303, answer.text
    assert "赵明远（吉林大学白求恩第一医院，心血管内科）" in office.get(f"/conference/activities/{act}/record").text
    with platform.sessions() as session:
        stats = statistics.year_stats(session, YEAR)
        everyone = duty.year_counts(session, YEAR)
        members = set(session.scalars(select(ConferenceMember.id)))
    row = stats.by_form["为民服务"]
    assert (row.members, row.experts, row.people) == (1, 1, 2)
    assert stats.category_total("为民服务", "people") == 2
    # the assessment counts members only: one attendance at 为民服务 (第八条), nobody else has any
    assert set(everyone) == members
    assert sum(c["public_services"] for c in everyone.values()) == 1
    assert _counts(platform, "weiyuan")["public_services"] == 1


def test_a_speech_counts_only_when_staff_select_it(platform, office, member) -> None:
    forum = _plan(office, platform, "经济界别座谈会", "界别座谈会", dt.date(YEAR, 6, 3))
    joint = _plan(office, platform, "联组会议（测试）", "联组会议", dt.date(YEAR, 6, 4))
    for act, title in ((forum, "关于民营企业融资的发言"), (joint, "关于职业教育的发言")):
        answer = _post(
            member,
            f"/conference/activities/{act}/record",
            f"/conference/activities/{act}/speeches",
            {"title": title, "text": "发言全文"},
        )
        assert answer.status_code == 303, answer.text
    assert _counts(platform, "weiyuan")["speeches"] == 0  # submitted is not yet a speech
    with platform.sessions() as session:
        first, second = (
            session.scalar(select(ActivitySpeech.id).where(ActivitySpeech.activity_pk == a)) for a in (forum, joint)
        )
    page = f"/conference/activities/{forum}/record"
    rejected = _post(office, page, f"/conference/speeches/{first}/decide", {"decision": "reject"})
    assert rejected.status_code == 303, rejected.text[-1500:]
    assert _counts(platform, "weiyuan")["speeches"] == 0  # submitted then not selected: nothing
    # a decided speech is not decided again (a second decision would otherwise flip it)
    again = _post(office, page, f"/conference/speeches/{first}/decide", {"decision": "select"})
    assert again.status_code == 400 and "已处理" in again.text
    assert _post(office, page, f"/conference/speeches/{second}/decide", {"decision": "select"}).status_code == 303
    assert _counts(platform, "weiyuan")["speeches"] == 1
    with platform.sessions() as session:
        stats = statistics.year_stats(session, YEAR)
    assert (stats.taking_part["speeches_submitted"], stats.taking_part["speeches_selected"]) == (2, 1)


def test_beneficiaries_sum_in_the_statistics_the_xlsx_and_the_report(platform, office) -> None:
    days = (dt.date(YEAR, 7, 1), dt.date(YEAR, 8, 1))
    acts = [_plan(office, platform, f"基层行（{i}）", "委员专家基层行", d) for i, d in enumerate(days)]
    for act, n in zip(acts, (700, 450), strict=True):
        _attend(platform, act, ["weiyuan"])
        answer = _post(
            office,
            f"/conference/activities/{act}/record",
            f"/conference/activities/{act}/figures",
            {"beneficiaries": str(n)},
        )
        assert answer.status_code == 303, answer.text
    with platform.sessions() as session:
        now, before = statistics.year_stats(session, YEAR), statistics.year_stats(session, YEAR - 1)
        total = sum(a.beneficiaries or 0 for a in session.scalars(select(Activity).where(Activity.year == YEAR)))
    assert now.by_form["委员专家基层行"].beneficiaries == 1150
    assert now.category_total("为民服务", "beneficiaries") == total  # with 为民服务 activities of other tests, if any
    section = next(s for s in annual_report.sections(now, before) if s.title == "活动参与与为民服务")
    figure = next(f for f in section.figures if f.label == "为民服务直接受益群众")
    assert (figure.this_year, figure.last_year) == (total, before.category_total("为民服务", "beneficiaries"))
    text = "\n".join(
        c.text for t in Document(io.BytesIO(annual_report.to_docx(now, before))).tables for r in t.rows for c in r.cells
    )
    assert f"{total}人次" in text
    book = load_workbook(io.BytesIO(office.get(f"/conference/statistics.xlsx?year={YEAR}").content))
    rows = {r[0]: r for r in book["活动形式"].iter_rows(values_only=True)}
    assert rows["委员专家基层行"][5] == 1150
    assert f"直接受益群众 {total} 人次" in office.get(f"/conference/statistics?year={YEAR}").text


def _rows(platform) -> tuple[int, int, int]:
    with platform.sessions() as session:
        return (
            session.scalar(select(func.count()).select_from(ActivityForm)),
            session.scalar(select(func.count()).select_from(ActivityGuest)),
            session.scalar(select(func.coalesce(func.sum(Activity.beneficiaries), 0))),
        )


def test_bad_input_gets_a_chinese_400_naming_the_field_and_writes_nothing(platform, office) -> None:
    act = _plan(office, platform, "为民服务（坏输入）", "为民服务", dt.date(YEAR, 9, 1))
    _attend(platform, act, [])
    before = _rows(platform)
    page = "/conference/activity-forms"
    cases = [
        (page, {"name": " ", "category": "凝聚共识", "counts_as": "activity"}, "“形式名称”不能为空"),
        (page, {"name": "视察", "category": "视察调研", "counts_as": "activity"}, "“形式名称”重复"),
        (page, {"name": "新形式", "category": "凝聚共识", "counts_as": "own", "points": "-1"}, "“每次分值”"),
        (page, {"name": "新形式", "category": "", "counts_as": "activity"}, "“类别”不能为空"),
        (f"/conference/activities/{act}/figures", {"beneficiaries": "-5"}, "“直接受益群众人次”"),
        (f"/conference/activities/{act}/figures", {"beneficiaries": "很多"}, "“直接受益群众人次”应为整数"),
        (
            f"/conference/activities/{act}/guests",
            {"name": "", "unit": "吉林大学", "speciality": "法学"},
            "“姓名”不能为空",
        ),
    ]
    for url, data, message in cases:
        answer = _post(office, page, url, data)
        assert answer.status_code == 400, (url, data, answer.text)
        assert message in answer.text
    assert _rows(platform) == before
    unknown = _post(
        office,
        "/conference/activities",
        "/conference/activities",
        {"title": "x", "form": "不存在的形式", "held_on": f"{YEAR}-01-01"},
    )
    assert unknown.status_code == 400 and "活动形式" in unknown.text


def test_only_office_staff_edit_forms(platform, member, leader) -> None:
    before = _rows(platform)
    data = {"name": "越权形式", "category": "凝聚共识", "counts_as": "activity"}
    for client in (member, leader):
        page = "/conference/activities"  # any page of theirs carries their token
        answer = _post(client, page, "/conference/activity-forms", data)
        assert answer.status_code == 403, answer.text
    with platform.sessions() as session:
        form_id = session.scalar(select(ActivityForm.id).where(ActivityForm.name == "视察"))
    edit = {"category": "x", "counts_as": "none", "active": ""}
    assert _post(leader, "/conference/activities", f"/conference/activity-forms/{form_id}", edit).status_code == 403
    assert _rows(platform) == before
    with platform.sessions() as session:
        assert session.get(ActivityForm, form_id).counts_as == "activity"
    assert member.get("/conference/activity-forms").status_code == 403
    assert "活动形式目录" in leader.get("/conference/activity-forms").text  # leaders read it


def test_the_demo_year_counts_the_work_reports_service_figures(platform, forms_app) -> None:
    with platform.sessions() as session:
        stats = statistics.year_stats(session, DEMO_YEAR)
    service = stats.by_form_category["为民服务"]
    assert 140 <= service.people < 150 and service.experts > 0  # "140多名委员和专家"
    assert 10_000 < service.beneficiaries < 11_000  # "直接受益群众超过1万人次"
    assert stats.taking_part["speeches_selected"] < stats.taking_part["speeches_submitted"]
    added = {"界别座谈会", "主题征文", "参观", "书画笔会", "委员专家基层行", "为民服务", "联组会议", "大会发言"}
    assert added | {"走访民主党派", "走访工商联", "督办视察"} <= set(stats.by_form)
