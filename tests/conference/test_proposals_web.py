"""The proposal pages end to end through HTTP on the seeded platform, and every route carrying a proposal or
assignment id tried as another unit."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import select

from policyreach.conference.models import Assignment, ConferenceMember, HandlingUnit, Proposal
from policyreach.store.models import Account
from tests.web.conftest import csrf_of, login

TITLE = "关于新民胡同夜市冬季暖棚改造的建议（网页测试）"


def _ids(platform, title):
    with platform.sessions() as session:
        p = session.scalar(select(Proposal).where(Proposal.title == title))
        return p.id, [a.id for a in p.assignments]


def _post(client: TestClient, page: str, action: str, data: dict) -> str:
    token = csrf_of(client.get(page).text)
    response = client.post(action, data={"csrf_token": token, **data}, follow_redirects=True)
    assert response.status_code == 200, response.text[:500]
    return response.text


def test_joint_proposal_through_the_pages(app, platform):
    with platform.sessions() as session:
        cosigner = session.scalar(
            select(ConferenceMember)
            .join(Account, Account.id == ConferenceMember.account_pk)
            .where(Account.username == "member2")
        )
        commerce = session.scalar(select(HandlingUnit).where(HandlingUnit.name == "长春市商务局"))
        benefit = platform.compiled.benefits[0]
    with (
        TestClient(app) as member,
        TestClient(app) as co,
        TestClient(app) as committee,
        TestClient(app) as unit,
        TestClient(app) as other_unit,
        TestClient(app) as admin,
    ):
        login(member, "member1")
        html = _post(
            member,
            "/conference/proposals/new",
            "/conference/proposals",
            {
                "title": TITLE,
                "category": "经济建设",
                "case_text": "新民胡同夜市冬季停业，商户收入断档。",
                "analysis": "缺少保温设施。",
                "suggestions": "建设暖棚和风雨连廊，冬季经营给予补贴，实现夜市全年开放。",
                "units": ["长春市商务局"],
                "cosigners": [str(cosigner.id)],
                "consent": "yes",
                "go": "submit",
            },
        )
        assert "联名待确认" in html
        pid, _ = _ids(platform, TITLE)
        page = f"/conference/proposals/{pid}"

        login(co, "member2")
        assert TITLE in co.get("/conference/proposals").text  # listed under 待我确认联名
        assert "待审查" in _post(co, page, f"{page}/cosign", {"agree": "yes"})

        login(committee, "committee1")
        review = committee.get(page).text
        # the planted demo proposals on the same matter are suggested side by side
        suggested = re.findall(r'<div class="dup">.*?</div>', review, re.S)
        assert len(suggested) == 3 and any("新民胡同" in s for s in suggested)
        assert "已立案待交办" in _post(committee, page, f"{page}/review", {"decision": "file"})
        assert "办理中" in _post(committee, page, f"{page}/assign", {"mode": "lead", "lead": str(commerce.id)})
        _, (aid,) = _ids(platform, TITLE)

        login(other_unit, "unit3")
        assert other_unit.get(page).status_code == 404
        assert TITLE not in other_unit.get("/conference/proposals").text

        login(unit, "unit1")
        assert TITLE in unit.get("/conference/proposals").text
        _post(unit, page, f"/conference/assignments/{aid}/contact", {"note": "电话沟通办理思路"})
        html = _post(
            unit,
            page,
            f"/conference/assignments/{aid}/answer",
            {
                "text": "已在新民胡同建设暖棚，冬季夜市正常经营，并纳入夜间经济扶持政策。",
                "answer_class": "A",
                "benefit": benefit.id,
            },
        )
        assert "已答复待评价" in html and benefit.spec.title in html

        html = _post(member, page, f"{page}/evaluate", {"rating": "satisfied"})
        assert "已办结" in html and "满意" in html

        # published with consent; found by the public search without a login
        _post(committee, page, f"{page}/publish", {"published": "yes"})
        with TestClient(app) as anonymous:
            listing = anonymous.get("/conference/public", params={"q": "暖棚改造"}).text
            assert TITLE in listing
            public = anonymous.get(f"/conference/public/{pid}").text
            assert "已在新民胡同建设暖棚" in public and benefit.spec.title in public

        # the benefit pages show the proposal its answer names
        assert TITLE in member.get(f"/conference/benefits/{benefit.id}").text
        login(admin, "admin")
        assert TITLE in admin.get(f"/console/benefits/{benefit.id}").text


def _routes(app) -> list[tuple[str, set[str]]]:
    out = []

    def walk(routes, prefix=""):
        for route in routes:
            if hasattr(route, "original_router"):
                walk(route.original_router.routes, prefix + route.include_context.prefix)
            elif getattr(route, "methods", None):
                out.append((prefix + route.path, set(route.methods)))

    walk(app.routes)
    return [(p, m) for p, m in out if "{proposal_id}" in p or "{assignment_id}" in p]


def test_every_route_with_a_proposal_or_assignment_id_refuses_another_unit(app, platform):
    """A unit tries every such route on a proposal assigned to another unit: refused, and nothing leaks."""
    with platform.sessions() as session:
        row = session.execute(
            select(Proposal, Assignment)
            .join(Assignment, Assignment.proposal_pk == Proposal.id)
            .join(HandlingUnit, HandlingUnit.id == Assignment.unit_pk)
            .where(HandlingUnit.name == "长春市科学技术局", Proposal.state == "assigned")
            .limit(1)
        ).one()
        proposal, assignment = row
    routes = _routes(app)
    assert len(routes) >= 15, routes
    tried = set()
    with TestClient(app) as client:
        login(client, "unit1")  # 长春市商务局
        token = csrf_of(client.get("/conference/proposals").text)
        for template, methods in routes:
            path = (
                template.replace("{proposal_id}", str(proposal.id))
                .replace("{assignment_id}", str(assignment.id))
                .replace("{attachment_id}", "1")
            )
            for method in methods - {"HEAD"}:
                data = (
                    {
                        "csrf_token": token,
                        "text": "答复内容写在这里了。",
                        "answer_class": "A",
                        "reason": "x",
                        "note": "x",
                        "opinion": "x",
                        "grant": "yes",
                        "agree": "yes",
                        "decision": "file",
                        "mode": "lead",
                        "rating": "satisfied",
                        "kind": "gaps",
                        "months": "5",
                        "published": "yes",
                        "leader": "1",
                        "title": "改",
                    }
                    if method == "POST"
                    else None
                )
                response = client.request(method, path, data=data, follow_redirects=False)
                assert response.status_code in (403, 404), (method, template, response.status_code)
                assert proposal.title not in response.text, (method, template)
                tried.add((method, template))
    with platform.sessions() as session:
        assert session.get(Assignment, assignment.id).state == assignment.state
    assert tried == {(m, p) for p, ms in routes for m in ms - {"HEAD"}}


def test_dashboard_shows_late_items_by_unit_to_the_committee_only(app, platform):
    with TestClient(app) as committee, TestClient(app) as member:
        login(committee, "committee1")
        html = committee.get("/conference/proposals-dashboard").text
        late = int(re.search(r"超期未答复：(\d+) 件", html).group(1))
        assert late >= 10  # the demo year leaves some answers late
        assert "长春市" in html and "按期" in html
        login(member, "member1")
        assert member.get("/conference/proposals-dashboard").status_code == 403
        assert member.get("/conference/proposals").status_code == 200
    with TestClient(app) as firm:
        login(firm, "enterprise1")
        assert firm.get("/conference/proposals").status_code == 403


def test_member_attaches_a_frozen_evidence_snapshot_from_the_page(app, platform):
    with TestClient(app) as member:
        login(member, "member3")
        html = _post(
            member,
            "/conference/proposals/new",
            "/conference/proposals",
            {
                "title": "关于补齐行业政策覆盖缺口的建议（证据测试）",
                "category": "经济建设",
                "case_text": "部分行业无政策覆盖。",
                "suggestions": "针对未覆盖行业出台扶持政策。",
                "go": "draft",
            },
        )
        assert "草稿已保存" in html
        pid, _ = _ids(platform, "关于补齐行业政策覆盖缺口的建议（证据测试）")
        page = f"/conference/proposals/{pid}"
        assert 'id="earlier"' in member.get(page).text  # similar filed proposals shown while drafting
        html = _post(member, page, f"{page}/evidence", {"kind": "gaps", "split": "district"})
        assert "已附上政策证据快照" in html and "政策覆盖缺口（按区县）" in html and "覆盖率" in html
        _post(member, page, f"{page}/submit", {})
        html = _post(member, page, f"{page}/evidence", {"kind": "unclaimed"})
        assert "只能在提交前为草稿附上政策证据" in html


def test_group_proposal_returned_edited_and_resubmitted(app, platform):
    title = "关于规范民宿发展的建议（一案多事）"
    with TestClient(app) as member, TestClient(app) as committee:
        login(member, "member1")
        html = _post(
            member,
            "/conference/proposals/new",
            "/conference/proposals",
            {
                "title": title,
                "category": "社会建设",
                "case_text": "民宿审批难，且停车难。",
                "suggestions": "出台民宿管理办法；增加停车位。",
                "group": "民盟长春市委员会",
                "go": "submit",
            },
        )
        assert "待审查" in html and "民盟长春市委员会（联系人 王建华）" in html
        pid, _ = _ids(platform, title)
        page = f"/conference/proposals/{pid}"
        login(committee, "committee1")
        _post(committee, page, f"{page}/review", {"decision": "return", "reason": "一案多事，请拆分"})
        assert committee.get(page).status_code == 404  # a draft again: the proposer's alone
        html = member.get(page).text
        assert "草稿" in html and "退回理由：一案多事，请拆分" in html
        html = _post(
            member,
            page,
            f"{page}/edit",
            {"title": "关于规范乡村民宿发展的建议", "case_text": "民宿审批难。", "suggestions": "出台民宿管理办法。"},
        )
        assert "草稿已修改" in html and "关于规范乡村民宿发展的建议" in html
        assert "待审查" in _post(member, page, f"{page}/submit", {})
        # the committee cannot edit a member's text, and an empty title is refused
        assert (
            committee.post(
                f"{page}/edit", data={"csrf_token": csrf_of(committee.get(page).text), "title": "改"}
            ).status_code
            == 403
        )
    with platform.sessions() as session:
        p = session.get(Proposal, pid)
        assert (p.origin, p.proposer_group, p.title) == ("group", "民盟长春市委员会", "关于规范乡村民宿发展的建议")


def test_attachments_checked_by_content_and_read_only_by_who_sees_the_proposal(app, platform, tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYREACH_UPLOADS", str(tmp_path / "uploads"))
    title = "关于附件测试的建议"
    pdf = b"%PDF-1.4\n% conference attachment test\n"
    with platform.sessions() as session:
        science = session.scalar(select(HandlingUnit).where(HandlingUnit.name == "长春市科学技术局"))
    with (
        TestClient(app) as member,
        TestClient(app) as committee,
        TestClient(app) as unit,
        TestClient(app) as other_unit,
    ):
        login(member, "member1")
        _post(
            member,
            "/conference/proposals/new",
            "/conference/proposals",
            {"title": title, "category": "其他", "suggestions": "附件见后。", "go": "draft"},
        )
        pid, _ = _ids(platform, title)
        page = f"/conference/proposals/{pid}"
        token = csrf_of(member.get(page).text)
        bad = member.post(
            f"{page}/attachments",
            data={"csrf_token": token},
            files={"file": ("调研报告.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")},
        )
        assert "内容与扩展名 .pdf 不符" in bad.text
        good = member.post(
            f"{page}/attachments",
            data={"csrf_token": token},
            files={"file": ("../../调研报告.pdf", pdf, "application/pdf")},
        )
        assert "附件已上传" in good.text and "调研报告.pdf" in good.text
        stored = list((tmp_path / "uploads" / "conference").iterdir())
        assert len(stored) == 1 and "调研" not in stored[0].name  # a random name, nothing of the user's
        link = f"{page}/attachments/" + good.text.split(f"{page}/attachments/")[1].split('"')[0]
        assert member.get(link).content == pdf
        _post(member, page, f"{page}/submit", {})
        login(committee, "committee1")
        _post(committee, page, f"{page}/review", {"decision": "file"})
        _post(committee, page, f"{page}/assign", {"mode": "lead", "lead": str(science.id)})
        login(unit, "unit2")
        assert unit.get(link).content == pdf
        login(other_unit, "unit3")
        assert other_unit.get(link).status_code == 404
        assert other_unit.get(link.replace(f"/proposals/{pid}/", "/proposals/1/")).status_code == 404


def test_an_answer_may_link_a_whole_policy_and_nothing_outside_the_library(app, platform):
    title = "关于公交线网与政策衔接的建议（政策链接测试）"
    policy_id, policy = sorted(platform.library.policies.items())[0]
    with platform.sessions() as session:
        transport = session.scalar(select(HandlingUnit).where(HandlingUnit.name == "长春市交通运输局"))
    with TestClient(app) as member, TestClient(app) as committee, TestClient(app) as unit:
        login(member, "member1")
        _post(
            member,
            "/conference/proposals/new",
            "/conference/proposals",
            {"title": title, "category": "社会建设", "suggestions": "优化公交线网。", "go": "submit"},
        )
        pid, _ = _ids(platform, title)
        page = f"/conference/proposals/{pid}"
        login(committee, "committee1")
        _post(committee, page, f"{page}/review", {"decision": "file"})
        _post(committee, page, f"{page}/assign", {"mode": "lead", "lead": str(transport.id)})
        _, (aid,) = _ids(platform, title)
        login(unit, "unit3")
        _post(unit, page, f"/conference/assignments/{aid}/contact", {"note": "座谈"})
        answer = {"text": "已调整公交线网并纳入相关政策。", "answer_class": "B"}
        html = _post(unit, page, f"/conference/assignments/{aid}/answer", {**answer, "benefit": "policy:no-such"})
        assert "所选政策不在政策库中" in html
        html = _post(unit, page, f"/conference/assignments/{aid}/answer", {**answer, "benefit": f"policy:{policy_id}"})
        assert "已答复待评价" in html and f"落实政策：政策 {policy.title}" in html
    with platform.sessions() as session:
        assert (session.get(Assignment, aid).link_kind, session.get(Assignment, aid).link_id) == ("policy", policy_id)


def test_each_conference_role_lands_on_its_own_work(app):
    landings = {
        "member1": "/conference",
        "unit1": "/conference",
        "committee1": "/conference",
        "info1": "/conference/reports",
        "leader1": "/conference/statistics",
    }
    for username, page in landings.items():
        with TestClient(app) as client:
            login(client, username)
            response = client.get("/", follow_redirects=True)
            assert response.status_code == 200, (username, response.status_code)
            assert response.url.path == page, username


def test_members_committee_and_units_land_on_counts_that_open_their_lists(app):
    """Each count on the landing page is the number of rows of the list it links to, and the demo's overdue items
    are among the committee's and a unit's pending work."""
    seen: dict[str, dict[str, int]] = {}
    for username in ("member1", "committee1", "unit1"):
        with TestClient(app) as client:
            login(client, username)
            page = client.get("/conference")
            assert page.status_code == 200 and "待办事项" in page.text
            items = re.findall(r'id="todo-(\w+)" href="([^"]+)"><span>([^<]+)</span><span class="n">(\d+)', page.text)
            assert items, username
            seen[username] = {}
            for key, href, label, count in items:
                listed = client.get(href.replace("&amp;", "&"))
                assert listed.status_code == 200, href
                if href.startswith("/conference/proposals?todo="):
                    section = listed.text.split('id="list"', 1)[1]
                    assert f"待办：{label}" in section
                    rows = section.count("<tr><td>")  # the empty list's row spans its columns
                    assert rows == min(int(count), 200), (username, key, rows, count)
                seen[username][key] = int(count)
    assert seen["committee1"]["overdue"] >= 10  # the demo year's late answers
    assert set(seen["member1"]) >= {"cosign", "evaluate", "returned", "handling", "reports"}
    assert set(seen["unit1"]) == {"answer", "opinion", "overdue"}
