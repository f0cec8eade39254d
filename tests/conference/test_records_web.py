"""Record pages on the seeded demo year: a member's assessment clause by clause (and nobody else's),
reports through the pages, the 包保 ledger with unclaimed benefits, the reform, statistics and XLSX."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from decimal import Decimal
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import func, select

from policyreach.conference import statistics
from policyreach.conference.demo_records import seed_conference_records
from policyreach.conference.models import Assignment, ConferenceMember, HandlingUnit, Proposal
from policyreach.conference.records_models import DutyEntry, LiaisonTarget, OpinionReport
from policyreach.store.db import transaction
from policyreach.store.models import Account, AuditEntry, DisclosureConsent, Entity
from policyreach.web.app import create_app
from tests.web.conftest import AS_OF, csrf_of, login

YEAR = AS_OF.year - 1  # the demo year: the last complete year


@pytest.fixture(scope="session")
def demo(platform):
    """The demo year's records seeded once into the shared platform (idempotent)."""
    with transaction(platform.sessions) as session:
        made = seed_conference_records(session, AS_OF)
    return made


@pytest.fixture(scope="session")
def records_app(platform, demo):
    return create_app(platform, secret="records-secret")


def _client(app, username: str) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield login(client, username)


@pytest.fixture
def member(records_app):
    yield from _client(records_app, "weiyuan")


@pytest.fixture
def office(records_app):
    yield from _client(records_app, "xinxiban")


@pytest.fixture
def leader(records_app):
    yield from _client(records_app, "lingdao")


def _member_pk(platform, username: str) -> int:
    with platform.sessions() as session:
        account = session.scalar(select(Account).where(Account.username == username))
        return session.scalar(select(ConferenceMember.id).where(ConferenceMember.account_pk == account.id))


def test_the_demo_year_has_counts_of_the_order_of_the_work_report(platform, demo) -> None:
    with platform.sessions() as session:
        stats = statistics.year_stats(session, YEAR)
        members = session.scalars(select(ConferenceMember)).all()
    assert stats.sample
    # the figures the 长春 work report quotes, in the demo's own rows (other tests add rows to the same year):
    # 425 proposals filed, 426 社情民意, 8 regulations with 300+ opinions
    with platform.sessions() as session:
        filed = select(func.count()).select_from(Proposal).where(Proposal.year == YEAR, Proposal.sample.is_(True))
        assert session.scalar(filed.where(Proposal.state.in_(statistics.FILED))) == 425
        sent = select(func.count()).select_from(OpinionReport)
        assert session.scalar(sent.where(OpinionReport.year == YEAR, OpinionReport.sample.is_(True))) == 426
    assert stats.reports["adopted"] >= 150
    assert stats.reports["instructed"] > 0 and stats.reports["higher_adopted"] > 0
    assert len(members) >= 400 and len({m.sector_group for m in members}) >= 20
    assert stats.legislation["drafts"] == 8 and stats.legislation["comments"] >= 300
    assert sum(stats.activities.values()) >= 20


def test_a_member_sees_their_assessment_clause_by_clause(platform, member) -> None:
    response = member.get("/conference/me/assessment", follow_redirects=True)
    assert response.status_code == 200
    html = response.text
    mine = _member_pk(platform, "weiyuan")
    assert str(response.url).endswith(f"/conference/members/{mine}/assessment")
    assert "逐条计分" in html and "第二条 提案" in html and "第十条" in html
    assert "本项得" in html and re.search(r"<strong>\d+(\.\d+)?</strong> 分 · 等次", html)
    assert "出席了全体会议或常委会议（您：" in html  # the engine's sentence with the member's own figure
    assert "政协履职平台（系统记录）" in html
    before = member.get(f"/conference/members/{mine}/assessment?year=2005")  # before the rules' first dated values
    assert before.status_code == 404 and "2005 年没有施行中的履职考核办法" in before.text


def test_a_member_cannot_open_another_members_record_and_a_unit_no_record(platform, member, records_app) -> None:
    mine = _member_pk(platform, "weiyuan")
    with platform.sessions() as session:
        other = session.scalar(select(ConferenceMember.id).where(ConferenceMember.id != mine).limit(1))
    assert member.get(f"/conference/members/{other}/assessment").status_code == 403
    assert member.get("/conference/statistics").status_code == 403
    assert member.get("/conference/statistics.xlsx").status_code == 403
    assert member.get("/conference/duty/pending").status_code == 403
    with platform.sessions() as session:
        theirs = session.scalar(select(OpinionReport.id).where(OpinionReport.author_pk != mine).limit(1))
        target = session.scalar(select(LiaisonTarget.id).limit(1))
    assert member.get(f"/conference/reports/{theirs}").status_code == 403
    assert member.get(f"/conference/liaison/{target}").status_code == 403
    with TestClient(records_app) as firm:
        login(firm, "enterprise1")
        assert firm.get("/conference/reports").status_code == 403
        assert firm.get(f"/conference/members/{mine}/assessment").status_code == 403


def test_a_declared_duty_is_confirmed_by_the_office_and_counts(platform, member, office) -> None:
    mine = _member_pk(platform, "weiyuan")
    page = member.get(f"/conference/members/{mine}/assessment").text
    before = int(re.search(r"大会发言、协商发言</th><td>(\d+)", page).group(1))
    response = member.post(
        "/conference/duty",
        data={
            "csrf_token": csrf_of(page),
            "kind": "speeches",
            "title": "专题协商会发言（测试）",
            "happened_on": AS_OF.replace(year=YEAR).isoformat(),
            "evidence": "发言稿编号 T-1",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    with platform.sessions() as session:
        entry = session.scalar(select(DutyEntry).where(DutyEntry.title == "专题协商会发言（测试）"))
    pending = office.get("/conference/duty/pending").text
    assert "专题协商会发言（测试）" in pending
    assert (
        office.post(
            f"/conference/duty/{entry.id}/decide", data={"csrf_token": csrf_of(pending), "decision": "confirm"}
        ).status_code
        == 200
    )
    after = member.get(f"/conference/members/{mine}/assessment").text
    assert int(re.search(r"大会发言、协商发言</th><td>(\d+)", after).group(1)) == before + 1


def test_a_report_written_on_the_page_is_adopted_by_the_office(platform, member, office, leader) -> None:
    form = member.get("/conference/reports/new").text
    response = member.post(
        "/conference/reports",
        data={
            "csrf_token": csrf_of(form),
            "title": "关于冬季供热投诉快速响应的建议（测试）",
            "category": "社会建设",
            "situation": "供热投诉集中在11月。",
            "analysis": "",
            "suggestion": "建立24小时响应机制。",
            "submit_now": "1",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    report_id = int(re.search(r"/conference/reports/(\d+)", response.headers["location"]).group(1))
    page = office.get(f"/conference/reports/{report_id}").text
    assert "接收编辑" in page
    for data in ({"action": "accept"}, {"action": "edit", "text": "编辑稿", "rating": "A"}, {"action": "adopt"}):
        assert (
            office.post(f"/conference/reports/{report_id}/act", data={"csrf_token": csrf_of(page), **data}).status_code
            == 200
        )
    html = leader.get(f"/conference/reports/{report_id}").text
    assert "已采用编发" in html and "编入《社情民意" in html
    again = office.post(f"/conference/reports/{report_id}/act", data={"csrf_token": csrf_of(page), "action": "accept"})
    assert again.status_code == 400  # adopted → editing is not in the state machine
    forward = {"csrf_token": csrf_of(form), "action": "forward", "to": "province"}  # allowed move, wrong role
    assert member.post(f"/conference/reports/{report_id}/act", data=forward).status_code == 403
    with platform.sessions() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.subject == f"report:{report_id}").order_by(AuditEntry.id)
        ).all()
    assert actions == ["report.draft", "report.submitted", "report.editing", "report.edited", "report.adopted"]
    assert member.post(f"/conference/reports/{report_id}/act", data={"action": "archive"}).status_code == 403


def test_a_leader_sees_the_covered_firms_unclaimed_benefits_and_logs_a_request(platform, leader) -> None:
    page = leader.get("/conference/liaison").text
    target = int(re.search(r'href="/conference/liaison/(\d+)"', page).group(1))
    html = leader.get(f"/conference/liaison/{target}").text
    assert "可享受但尚未申请的政策" in html
    with platform.sessions() as session:
        row = session.get(LiaisonTarget, target)
        entity = row.entity
        expected = [
            m.title for m in platform.matches(session, entity, habits=False) if m.status in ("eligible", "likely")
        ]
    assert expected and all(title in html for title in expected[:3])
    response = leader.post(
        f"/conference/liaison/{target}/act",
        data={"csrf_token": csrf_of(html), "action": "request", "text": "希望对接高新技术企业认定辅导（测试）"},
    )
    assert response.status_code == 200 and "希望对接高新技术企业认定辅导（测试）" in response.text


def test_a_rules_change_shows_every_members_grade_before_and_after(leader) -> None:
    page = leader.get("/conference/assessment/reform").text
    assert "优秀等次线" in page
    html = leader.post("/conference/assessment/reform", data={"csrf_token": csrf_of(page), "line_qualified": "90"}).text
    assert "调整前后" in html
    moved = re.search(r"等次变化 (\d+) 人", html)
    assert moved and int(moved.group(1)) > 0
    assert "合格 → 基本合格" in html or "合格 → 不合格" in html or "优秀 → 合格" in html
    refused = leader.post("/conference/assessment/reform", data={"line_qualified": "90"})
    assert refused.status_code == 403  # no CSRF token


def test_statistics_page_and_xlsx_agree_with_the_counts(platform, leader) -> None:
    html = leader.get("/conference/statistics").text
    with platform.sessions() as session:
        stats = statistics.year_stats(session, YEAR)
    assert "示例数据" in html and f"收到 {stats.reports['received']} 篇" in html
    assert 'src="/conference/records/plotly.min.js"' in html and "plotly" in html.lower()
    assert leader.get("/conference/records/plotly.min.js").status_code == 200
    response = leader.get("/conference/statistics.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    overview = {row[0]: row[1] for row in book["总览"].iter_rows(min_row=3, values_only=True)}
    assert overview["收到社情民意信息"] == stats.reports["received"]
    assert overview["采用编发"] == stats.reports["adopted"]
    assert overview["立法协商意见"] == stats.legislation["comments"]
    assert "（示例数据）" in book["总览"]["A1"].value
    sectors = {row[0]: row[1] for row in book["界别"].iter_rows(min_row=2, values_only=True)}
    assert sum(sectors.values()) == sum(r["members"] for r in stats.by_sector.values())
    # the splits the work report uses add up, and each figure is on the page and in the workbook
    filed = stats.proposals["filed"]
    assert sum(stats.by_origin.values()) == filed == sum(stats.by_during.values())
    with platform.sessions() as session:
        adopted = session.scalar(
            select(func.count(func.distinct(Assignment.proposal_pk)))
            .join(Proposal, Proposal.id == Assignment.proposal_pk)
            .where(
                Proposal.year == YEAR,
                Proposal.state.in_(statistics.FILED),
                Assignment.role.in_(("lead", "separate")),
                Assignment.answer_class == "A",
            )
        )
    assert 0 < stats.proposals["adopted"] == adopted == overview["已解决或采纳（A类）"]
    assert f'<th scope="row">答复件数</th><td>{stats.proposals["answers"]} 件' in html
    assert f"已解决或采纳（A类）</th><td>{adopted} 件" in html
    q = stats.participation
    assert q["active"] + q["silent"] == q["members"] == overview["委员人数"] and 0 < q["silent"] < q["members"]
    assert 0 < q["attended"] <= q["invited"] and Decimal(str(overview["出席率"])) == stats.attendance_rate
    assert f"全年未提交的 {q['silent']} 人" in html


def test_legislation_clause_by_clause_and_a_planned_activity_from_the_pages(platform, member, records_app) -> None:
    with TestClient(records_app) as staff:
        login(staff, "committee1")
        listing = staff.get("/conference/legislation").text
        draft_id = int(re.search(r'href="/conference/legislation/(\d+)"', listing).group(1))
        page = member.get(f"/conference/legislation/{draft_id}").text
        assert "对本条的意见" in page and "起草单位" in page
        response = member.post(
            f"/conference/legislation/{draft_id}/comment",
            data={"csrf_token": csrf_of(page), "clause": "3", "text": "建议明确容缺受理的适用范围。（测试）"},
        )
        assert response.status_code == 200 and "建议明确容缺受理的适用范围。（测试）" in response.text
        # the confirmation travels in the query, before the clause's #anchor, so the page can show it
        assert response.url.query == b"note=" + quote("意见已提交").encode() and "意见已提交" in response.text
        with platform.sessions() as session:
            from policyreach.conference.records_models import LegislativeComment

            comment = session.scalar(
                select(LegislativeComment).where(LegislativeComment.text == "建议明确容缺受理的适用范围。（测试）")
            )
        assert (
            member.post(
                f"/conference/legislation/comments/{comment.id}/decide",
                data={"csrf_token": csrf_of(page), "outcome": "adopted", "reason": "自己采纳"},
            ).status_code
            == 403
        )
        staff_page = staff.get(f"/conference/legislation/{draft_id}").text
        decided = staff.post(
            f"/conference/legislation/comments/{comment.id}/decide",
            data={"csrf_token": csrf_of(staff_page), "outcome": "partly", "reason": "已在实施细则中体现。"},
        )
        assert (
            decided.status_code == 200
            and "已在实施细则中体现。" in decided.text
            and 'role="status">已登记' in decided.text
        )
        plan = staff.get("/conference/activities").text
        added = staff.post(
            "/conference/activities",
            data={
                "csrf_token": csrf_of(plan),
                "title": "数字经济专题协商会（测试）",
                "form": "专题协商会",
                "held_on": f"{YEAR}-12-01",
                "topic": "数据要素",
                "lead_committee": "经济委员会",
                "notice": "请按时参加。",
                "invite": "committee",
            },
        )
        assert added.status_code == 200 and "数字经济专题协商会（测试）" in added.text and "已发通知" in added.text
        assert (
            member.post(
                "/conference/activities",
                data={"csrf_token": csrf_of(page), "title": "x", "form": "调研", "held_on": f"{YEAR}-12-01"},
            ).status_code
            == 403
        )


def test_the_office_takes_in_a_proposal_turned_into_a_report(platform, office, records_app) -> None:
    page = office.get("/conference/reports").text
    found = re.search(r'action="/conference/reports/from-proposal/(\d+)"', page)
    assert found, "the demo year has proposals not filed and turned into reports"
    proposal_id = int(found.group(1))
    with TestClient(records_app) as unit:
        login(unit, "unit1")
        token = csrf_of(unit.get("/conference/proposals").text)
        # a proposal the unit cannot see is not found to it (the object rule answers before the role's)
        assert (
            unit.post(f"/conference/reports/from-proposal/{proposal_id}", data={"csrf_token": token}).status_code == 404
        )
    response = office.post(f"/conference/reports/from-proposal/{proposal_id}", data={"csrf_token": csrf_of(page)})
    assert response.status_code == 200 and "已报送" in response.text
    assert f'from-proposal/{proposal_id}"' not in office.get("/conference/reports").text


# routes whose object is shared by design: the plan and the drafts are open to every conference account
SHARED = {
    "/conference/activities/{activity_id}/act",
    "/conference/legislation/{draft_id}",
    "/conference/legislation/{draft_id}/comment",
}


def _record_routes(app) -> list[tuple[str, set[str]]]:
    from policyreach.conference.web import records as conference_records

    paths = []
    for route in conference_records.router.routes:
        if "{" in route.path:
            paths.append((route.path, set(route.methods) - {"HEAD"}))
    return paths


def test_every_record_route_with_an_id_refuses_another_member(platform, records_app) -> None:
    """A member tries every id-carrying record route on someone else's object: refused, nothing leaks."""
    with platform.sessions() as session:
        me = _member_pk(platform, "weiyuan")
        other = session.scalar(
            select(ConferenceMember).where(ConferenceMember.id != me, ConferenceMember.account_pk.is_not(None))
        )
        report = session.scalar(select(OpinionReport).where(OpinionReport.author_pk != me))
        target = session.scalar(select(LiaisonTarget).where(LiaisonTarget.member_pk != me))
        entry = session.scalar(select(DutyEntry).where(DutyEntry.member_pk != me, DutyEntry.state == "declared"))
        from policyreach.conference.models import Proposal
        from policyreach.conference.records_models import LegislativeComment, SupervisionItem

        comment = session.scalar(select(LegislativeComment).where(LegislativeComment.state == "pending"))
        item = session.scalar(select(SupervisionItem).where(SupervisionItem.state == "open"))
        proposal = session.scalar(select(Proposal).where(Proposal.state == "not_filed"))
        consent = session.scalar(select(DisclosureConsent).limit(1))
        from policyreach.conference.records_models import Activity, LegislativeDraft

        activity = session.scalar(select(Activity).limit(1))
        draft = session.scalar(select(LegislativeDraft).limit(1))
    ids = {
        "activity_id": activity.id,  # the attendance of any activity is the office's only
        "draft_id": draft.id,
        "consent_id": consent.id,
        "member_pk": other.id,
        "report_id": report.id,
        "target_id": target.id,
        "entry_id": entry.id,
        "comment_id": comment.id,
        "item_id": item.id,
        "proposal_id": proposal.id,
    }
    secrets = {report.title if report.author_pk != me else "", target.name}
    tried = set()
    with TestClient(records_app) as client:
        login(client, "weiyuan")
        token = csrf_of(client.get("/conference/activities").text)
        for template, methods in _record_routes(records_app):
            if template in SHARED:
                continue
            path = template
            for name, value in ids.items():
                path = path.replace("{" + name + "}", str(value))
            assert "{" not in path, f"no object to try for {template}"
            for method in methods:
                data = (
                    {
                        "csrf_token": token,
                        "action": "visit",
                        "text": "x",
                        "decision": "confirm",
                        "outcome": "adopted",
                        "reason": "x",
                        "to": "closed",
                    }
                    if method == "POST"
                    else None
                )
                response = client.request(method, path, data=data, follow_redirects=False)
                assert response.status_code in (403, 404), (method, template, response.status_code)
                assert not any(s and s in response.text for s in secrets), (method, template)
                tried.add((method, template))
    with platform.sessions() as session:
        assert session.get(DutyEntry, entry.id).state == "declared"
        assert session.get(type(comment), comment.id).state == "pending"
    expected = {(m, p) for p, ms in _record_routes(records_app) if p not in SHARED for m in ms}
    assert tried == expected and len(tried) >= 9


def test_the_grouped_counts_of_the_year_equal_each_members_record(platform, demo) -> None:
    from policyreach.conference import duty

    with platform.sessions() as session:
        grouped = duty.year_counts(session, YEAR)
        members = session.scalars(select(ConferenceMember).order_by(ConferenceMember.id)).all()
        assert len(grouped) == len(members) >= 400
        for member in members[:: max(1, len(members) // 60)] + [m for m in members if m.account_pk is not None]:
            assert grouped[member.id] == duty.record_of(session, member, YEAR).counts, member.id
        assert sum(c["reports_submitted"] for c in grouped.values()) >= 400


def test_a_unit_sees_and_rectifies_only_its_own_supervision_findings(platform, records_app) -> None:
    import datetime as dt

    from policyreach.conference import roles, supervision
    from policyreach.conference.records_models import SupervisionItem

    with transaction(platform.sessions) as session:
        unit_account = session.scalar(select(Account).where(Account.username == "unit1"))
        staff = session.scalar(select(Account).where(Account.username == "committee1"))
        mine = supervision.record_finding(
            session,
            staff,
            unit_pk=roles.unit_of(session, unit_account).id,
            year=YEAR,
            finding="商圈停车难问题整改（测试）",
            due_on=dt.date(YEAR, 11, 30),
        )
        this_year = supervision.record_finding(
            session,
            staff,
            unit_pk=mine.unit_pk,
            year=YEAR + 1,
            finding="老旧小区电梯加装进度（测试）",
            due_on=dt.date(YEAR + 1, 6, 30),
        )
        others = session.scalar(
            select(SupervisionItem).where(SupervisionItem.unit_pk != mine.unit_pk, SupervisionItem.year == YEAR)
        )
        mine_id, other_id, this_year_id = mine.id, others.id, this_year.id
    with TestClient(records_app) as unit:
        login(unit, "unit1")
        page = unit.get("/conference/supervision").text
        assert "商圈停车难问题整改（测试）" in page and f'id="s{other_id}"' not in page
        assert (
            unit.post(
                f"/conference/supervision/{other_id}/act",
                data={"csrf_token": csrf_of(page), "to": "rectified", "text": "x"},
            ).status_code
            == 404
        )
        done = unit.post(
            f"/conference/supervision/{mine_id}/act",
            data={"csrf_token": csrf_of(page), "to": "rectified", "text": "新增停车泊位300个"},
        )
        assert done.status_code == 200 and "新增停车泊位300个" in done.text and "已报整改" in done.text
        # a finding of this year is followed up too, and the page comes back on its year with the confirmation
        current = unit.post(
            f"/conference/supervision/{this_year_id}/act",
            data={"csrf_token": csrf_of(page), "to": "rectified", "text": "已完成加装12部"},
        )
        assert current.status_code == 200 and "老旧小区电梯加装进度（测试）" in current.text
        assert 'role="status">已办理' in current.text
        assert unit.get("/conference/reports").status_code == 403


def test_a_leader_registers_a_covered_firm_once_and_sees_its_unclaimed_benefits(platform, leader, office) -> None:
    page = leader.get("/conference/liaison").text
    with platform.sessions() as session:
        covered = set(session.scalars(select(LiaisonTarget.entity_pk).where(LiaisonTarget.entity_pk.is_not(None))))
        firm = next(
            e
            for e in session.scalars(
                select(Entity).where(Entity.kind == "enterprise", Entity.uscc.is_not(None)).order_by(Entity.id)
            )
            if e.id not in covered
        )
        before = session.scalar(select(func.count()).select_from(LiaisonTarget))
    form = {"csrf_token": csrf_of(page), "kind": "enterprise", "firm": firm.uscc.lower(), "since": "2026-03-01"}
    response = leader.post("/conference/liaison", data=form)
    assert response.status_code == 200 and "已登记包保对象" in response.text
    # nothing about the firm until it consents or the information office approves
    assert firm.name not in response.text and "可享受但尚未申请的政策" not in response.text
    target_page = str(response.url)
    again = leader.post("/conference/liaison", data=form)  # a second click: one ledger entry, and it says why
    assert again.status_code == 400 and "已在您的包保台账中" in again.text
    unknown = leader.post("/conference/liaison", data={**form, "firm": "91220100XXXXXXXXXX"})
    assert unknown.status_code == 400 and "91220100XXXXXXXXXX" in unknown.text
    park = leader.post("/conference/liaison", data={**form, "kind": "park", "firm": "", "name": "  "})
    assert park.status_code == 400 and "名称" in park.text
    office_page = office.get("/conference/members").text
    refused = office.post("/conference/liaison", data={**form, "csrf_token": csrf_of(office_page)})
    assert refused.status_code == 403  # the information office covers no firm
    with platform.sessions() as session:
        assert session.scalar(select(func.count()).select_from(LiaisonTarget)) == before + 1
        row = session.scalar(select(LiaisonTarget).where(LiaisonTarget.entity_pk == firm.id))
        assert (row.name, row.since.isoformat(), row.sample) == (f"企业 {firm.uscc}", "2026-03-01", False)
        consent = session.scalar(select(DisclosureConsent).where(DisclosureConsent.subject == f"liaison:{row.id}"))
    assert firm.uscc in leader.get("/conference/liaison").text
    approvals = office.get("/conference/liaison-approvals").text
    office.post(f"/conference/liaison-approvals/{consent.id}", data={"csrf_token": csrf_of(approvals)})
    shown = leader.get(target_page).text
    assert firm.name in shown and "可享受但尚未申请的政策" in shown


def test_staff_change_and_cancel_an_activity_with_a_reason(leader) -> None:
    plan = leader.get("/conference/activities").text
    added = leader.post(
        "/conference/activities",
        data={
            "csrf_token": csrf_of(plan),
            "title": "营商环境调研（调整测试）",
            "form": "调研",
            "held_on": f"{YEAR}-11-10",
        },
        follow_redirects=False,
    )
    activity = re.search(r"#a(\d+)", added.headers["location"])
    assert added.status_code == 303 and activity
    act = f"/conference/activities/{activity.group(1)}/act"
    token = csrf_of(leader.get("/conference/activities").text)
    bad_day = leader.post(
        act, data={"csrf_token": token, "action": "change", "held_on": f"{YEAR}-02-30", "text": "改期"}
    )
    assert bad_day.status_code == 400 and "日期" in bad_day.text
    no_reason = leader.post(act, data={"csrf_token": token, "action": "cancel", "text": " "})
    assert no_reason.status_code == 400 and "原因" in no_reason.text
    moved = leader.post(
        act,
        data={"csrf_token": token, "action": "change", "held_on": f"{YEAR}-11-12", "place": "二楼", "text": "避开会期"},
    )
    assert moved.status_code == 200 and f"{YEAR}-11-12" in moved.text
    cancelled = leader.post(act, data={"csrf_token": token, "action": "cancel", "text": "议题并入季度协商"})
    assert cancelled.status_code == 200 and "已取消" in cancelled.text


def test_the_office_runs_fair_attendance_paper_sign_in_and_leave_then_closes_it(platform, member, office) -> None:
    from policyreach.clock import today as clock_today
    from policyreach.conference.records_models import Activity, Participant

    day = clock_today()
    with platform.sessions() as session:
        weiyuan = session.get(ConferenceMember, _member_pk(platform, "weiyuan"))
        committee = weiyuan.committee
        colleagues = session.scalars(
            select(ConferenceMember).where(ConferenceMember.committee == committee, ConferenceMember.id != weiyuan.id)
        ).all()
    plan = office.get("/conference/activities").text
    # planned without a notice: the notice goes out later from the plan (it used to be "未知操作")
    office.post(
        "/conference/activities",
        data={
            "csrf_token": csrf_of(plan),
            "title": "考勤测试座谈会",
            "form": "协商座谈会",
            "held_on": str(day),
            "lead_committee": committee,
        },
    )
    with platform.sessions() as session:
        act_id = session.scalar(select(Activity.id).where(Activity.title == "考勤测试座谈会"))
    base = f"/conference/activities/{act_id}"
    noticed = office.post(
        f"{base}/act",
        data={"csrf_token": csrf_of(plan), "action": "notify", "text": "请准时出席。", "invite": "committee"},
    )
    assert noticed.status_code == 200 and "已发通知" in noticed.text
    page = member.get(f"/conference/activities?year={day.year}").text
    asked = member.post(f"{base}/act", data={"csrf_token": csrf_of(page), "action": "leave", "text": "赴省里开会"})
    assert asked.status_code == 200 and "请假待审批" in asked.text
    assert office.post(f"{base}/act", data={"csrf_token": csrf_of(plan), "action": "hold"}).status_code == 200
    sheet = office.get(f"{base}/attendance").text
    assert "请假待审批" in sheet and "赴省里开会" in sheet and "纸质签到表上有签名" in sheet
    paper = colleagues[0]
    token = csrf_of(sheet)
    refused = office.post(f"{base}/attendance", data={"csrf_token": token, "action": "close", "confirm": "yes"})
    assert refused.status_code == 400 and "待审批" in refused.text
    office.post(f"{base}/attendance", data={"csrf_token": token, "action": "paper", "member": [paper.id]})
    office.post(f"{base}/attendance", data={"csrf_token": token, "action": "approve", "member": [weiyuan.id]})
    assert office.post(f"{base}/attendance", data={"csrf_token": token, "action": "close"}).status_code == 400
    closed = office.post(f"{base}/attendance", data={"csrf_token": token, "action": "close", "confirm": "yes"})
    assert closed.status_code == 200 and "考勤已确认" in closed.text
    assert member.get(f"{base}/attendance").status_code == 403
    with platform.sessions() as session:
        rows = {p.member_pk: p for p in session.scalars(select(Participant).where(Participant.activity_pk == act_id))}
    # nobody who was excused or signed on paper is absent; everyone else invited is
    assert rows[weiyuan.id].absence == "excused" and rows[paper.id].absence is None and rows[paper.id].signed_in_by
    assert all(rows[c.id].absence == "unexcused" for c in colleagues[1:])


def test_the_years_report_is_produced_with_last_year_beside_and_the_work_reports_totals(platform, leader) -> None:
    from docx import Document

    response = leader.get(f"/conference/statistics/report.docx?year={YEAR}")
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = [[c.text for c in row.cells] for table in doc.tables for row in table.rows[1:]]
    rows = {label: tuple(rest) for label, *rest in cells}
    with platform.sessions() as session:
        stats = statistics.year_stats(session, YEAR)
    # the work report's quoted totals, and the statistics queries, in the document's sentences and tables
    filed, received = stats.proposals["filed"], stats.reports["received"]
    assert f"经审查立案 {filed} 件" in text and f"收到社情民意信息 {received} 篇" in text
    assert f"对 {stats.legislation['drafts']} 部法规草案" in text and filed >= 425 and received >= 426
    assert rows["收到提案"][0] == f"{stats.proposals['received']}件" and rows["立案"][0] == f"{filed}件"
    assert rows["已解决或采纳（A类）"][0] == f"{stats.proposals['adopted']}件"
    assert rows["出席率"][0] == statistics.percent(stats.attendance_rate)
    unit = stats.by_unit[0]
    assert rows[unit.name][0] == f"{unit.assigned}件次"
    # the year before the demo's has no data: shown as 0, and the change is said in words
    assert rows["收到提案"][1] == "0件" and rows["收到提案"][2] == f"增加 {stats.proposals['received']}件"
    assert "一、提案工作" in text and "七、委员履职参与" in text
    pdf = leader.get(f"/conference/statistics/report.pdf?year={YEAR}")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_office_enters_its_own_work_drafts_findings_and_the_plans_approval(platform, office, leader) -> None:
    from policyreach.clock import today as clock_today
    from policyreach.conference.records_models import ConsultationPlan, LegislativeDraft, SupervisionItem

    day = clock_today()
    listing = office.get(f"/conference/legislation?year={day.year}").text
    registered = office.post(
        "/conference/legislation",
        data={
            "csrf_token": csrf_of(listing),
            "title": "长春市测试促进条例（草案）",
            "drafting_office": "市司法局",
            "comments_due": str(day),
            "clauses": "第一条 为了促进测试，制定本条例。\n第二条 本条例适用于本市行政区域。",
        },
    )
    assert registered.status_code == 200 and "已登记，共 2 条" in registered.text and "意见征集截止" in registered.text
    with platform.sessions() as session:
        draft_id = session.scalar(select(LegislativeDraft.id).where(LegislativeDraft.title.like("长春市测试促进条例%")))
    closed = office.post(
        f"/conference/legislation/{draft_id}/close",
        data={"csrf_token": csrf_of(listing), "note": "无意见，按原稿报送。"},
    )
    assert closed.status_code == 200 and "协商结果" in closed.text and "按原稿报送" in closed.text

    page = office.get("/conference/supervision").text
    assert "登记监督发现的问题" in page
    with platform.sessions() as session:
        unit_id = session.scalar(select(HandlingUnit.id).where(HandlingUnit.name == "长春市商务局"))
    found = office.post(
        "/conference/supervision",
        data={"csrf_token": csrf_of(page), "unit": unit_id, "finding": "夜市经营许可办理时限过长（测试）",
              "due_on": str(day)},
    )  # fmt: skip
    assert found.status_code == 200 and "夜市经营许可办理时限过长（测试）" in found.text
    assert (
        office.post(
            "/conference/supervision",
            data={"csrf_token": csrf_of(page), "unit": 999999, "finding": "x", "due_on": str(day)},
        ).status_code
        == 400
    )
    with platform.sessions() as session:
        assert (
            session.scalar(select(SupervisionItem.state).where(SupervisionItem.finding.like("夜市经营许可%"))) == "open"
        )

    year = day.year + 1
    plan_page = office.get(f"/conference/activities?year={year}").text
    assert "尚未起草" in plan_page
    for action in ("start", "submit"):
        office.post("/conference/plan", data={"csrf_token": csrf_of(plan_page), "year": year, "action": action})
    leader_page = leader.get(f"/conference/activities?year={year}").text
    assert "登记审定" in leader_page
    approved = leader.post(
        "/conference/plan",
        data={"csrf_token": csrf_of(leader_page), "year": year, "action": "approve",
              "approved_by": "中共长春市委常委会会议", "approved_on": str(day)},
    )  # fmt: skip
    assert approved.status_code == 200 and f"经中共长春市委常委会会议于 {day} 审定" in approved.text
    published = office.post(
        "/conference/plan", data={"csrf_token": csrf_of(plan_page), "year": year, "action": "publish"}
    )
    assert published.status_code == 200 and "已印发" in published.text
    with platform.sessions() as session:
        assert session.scalar(select(ConsultationPlan.state).where(ConsultationPlan.year == year)) == "published"


def test_a_proposals_instruction_goes_to_its_unit_and_back_and_leaders_ledgers_are_shared(
    platform, office, leader
) -> None:
    from policyreach.clock import today as clock_today

    day = clock_today()
    with platform.sessions() as session:
        proposal = session.scalar(select(Proposal).where(Proposal.number.is_not(None)).order_by(Proposal.id.desc()))
        unit = session.scalar(select(HandlingUnit).where(HandlingUnit.name == "长春市商务局"))
    page = office.get("/conference/instructions").text
    assert "登记领导批示" in page and "（示例）" in page  # the demo's 批示 are there
    recorded = office.post(
        "/conference/instructions",
        data={"csrf_token": csrf_of(page), "subject": "proposal", "reference": proposal.number, "leader": "市长 测试",
              "text": "请商务局牵头研究（测试批示）", "on": str(day)},
    )  # fmt: skip
    assert recorded.status_code == 200 and "请商务局牵头研究（测试批示）" in recorded.text
    assert office.post(
        "/conference/instructions",
        data={"csrf_token": csrf_of(page), "subject": "proposal", "reference": "0000-9999", "leader": "x", "text": "x",
              "on": str(day)},
    ).status_code == 400  # fmt: skip
    task_id = int(re.search(rf'id="i(\d+)">\s*<h2><a href="/conference/proposals/{proposal.id}"', recorded.text)[1])
    forwarded = office.post(
        f"/conference/instructions/{task_id}",
        data={"csrf_token": csrf_of(page), "action": "forward", "unit": unit.id, "due_on": str(day)},
    )
    assert forwarded.status_code == 200 and f"转办 {unit.name}" in forwarded.text
    with TestClient(office.app) as unit_client:
        login(unit_client, "unit1")
        mine = unit_client.get("/conference/instructions").text
        assert "请商务局牵头研究（测试批示）" in mine
        answered = unit_client.post(
            f"/conference/instructions/{task_id}",
            data={"csrf_token": csrf_of(mine), "action": "answer", "feedback": "已制定工作方案（测试）"},
        )
        assert answered.status_code == 200 and "已制定工作方案（测试）" in answered.text
        assert unit_client.get("/conference/ledgers").status_code == 403
    ledgers = leader.get("/conference/ledgers")
    assert ledgers.status_code == 200 and "领导包保台账" in ledgers.text
