"""The officer's review queue: filtered and paged in the URL, decisions on the detail page with a reason and a
confirmation, the filter kept across actions, batches of 免申即享 applications, materials previewed in the page."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from policyreach.redemption.states import State
from policyreach.store.models import Account, Application, Entity, Material
from tests.web.conftest import csrf_of, login

PERIOD = "queue-test"


@pytest.fixture(scope="module")
def made(platform) -> dict[str, object]:
    """Sixty applications of one 科技局 benefit from firms of two districts, with known dates and amounts."""
    with platform.sessions() as session:
        department = session.scalar(select(Account.department).where(Account.username == "officer"))
        benefit = next(
            b for b in platform.compiled.benefits if b.spec.department == department and b.spec.redemption == "review"
        )
        automatic = next(
            b
            for b in platform.compiled.benefits
            if b.spec.department == department and b.spec.redemption != "review" and b.id != benefit.id
        )
        firms = list(
            session.scalars(
                select(Entity).where(Entity.kind == "enterprise", Entity.district.is_not(None)).order_by(Entity.id)
            ).all()[-200:]
        )
        district = firms[0].district
        ids = []
        for i, firm in enumerate(firms[:60]):
            a = Application(
                entity_pk=firm.id,
                benefit_id=benefit.id,
                period=f"{PERIOD}-{i}",
                state=State.SUBMITTED,
                redemption="review",
                amount=Decimal(10_000) * (i + 1),  # 1 … 60 万元
                snapshot={
                    "benefit": {"title": benefit.spec.title, "department": department},
                    "conditions": [
                        {
                            "clause": "第一条",
                            "rule": "无严重失信记录",
                            "outcome": "met",
                            "inputs": [{"column": "serious_violation", "value": "False", "source": "credit"}],
                        }
                    ],
                },
                created_at=dt.datetime(2026, 3, 1, 2, 0) + dt.timedelta(days=i),  # naive UTC, as stored
            )
            session.add(a)
            session.flush()
            ids.append(a.id)
        extra = Application(
            entity_pk=firms[100].id,
            benefit_id=automatic.id,
            period=f"{PERIOD}-auto",
            state=State.SUBMITTED,
            redemption="automatic",
            amount=Decimal(5_000),
            snapshot={"benefit": {"title": automatic.spec.title, "department": department}},
        )
        session.add(extra)
        session.commit()
        in_district = sum(1 for f in firms[:60] if f.district == district)
        return {
            "benefit": benefit.id,
            "automatic": extra.id,
            "ids": ids,
            "district": district,
            "in_district": in_district,
        }


@pytest.fixture
def officer(app) -> TestClient:
    return login(TestClient(app), "officer")


def _total(page: str) -> int:
    found = re.search(r"共 (\d+) 件", page)
    assert found, "the queue says how many applications match"
    return int(found.group(1))


def test_the_queue_filters_and_pages_in_the_url(officer, made) -> None:
    benefit = made["benefit"]
    first = officer.get(f"/console/applications?benefit={benefit}&state=submitted").text
    assert _total(first) >= 60
    assert "第 1 / " in first and 'rel="next"' in first
    rows = re.findall(r'<tr id="a(\d+)">', first)
    assert len(rows) == 50  # a page, not the whole department
    nxt = re.search(r'href="(/console/applications\?[^"]+)" rel="next"', first).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(nxt).query) == {"benefit": [benefit], "state": ["submitted"], "page": ["2"]}
    second = officer.get(nxt).text
    assert not set(rows) & set(re.findall(r'<tr id="a(\d+)">', second))

    # amounts in 万元 as typed, dates as Beijing days (2 a.m. UTC is 10 a.m. in Beijing, the same day)
    ranged = officer.get(f"/console/applications?benefit={benefit}&min_wan=10&max_wan=12.5").text
    assert _total(ranged) == 3  # 10, 11 and 12 万元
    dated = officer.get(f"/console/applications?benefit={benefit}&since=2026-03-01&until=2026-03-05").text
    assert _total(dated) == 5 and "2026-03-01 10:00" in dated
    by_district = officer.get(f"/console/applications?benefit={benefit}&district={made['district']}").text
    assert _total(by_district) == made["in_district"]
    bad = officer.get(f"/console/applications?benefit={benefit}&min_wan=abc&since=2026-02-30")
    assert bad.status_code == 200 and "金额下限（万元）" in bad.text and "申请日期（起）" in bad.text
    assert 'aria-invalid="true"' in bad.text and 'value="abc"' in bad.text  # what was typed is kept


def test_a_decision_needs_its_confirmation_and_reason_and_returns_to_the_filter(officer, made, platform) -> None:
    benefit, application_id = made["benefit"], made["ids"][0]
    back = f"benefit={benefit}&state=submitted&page=2"
    page = officer.get(f"/console/applications/{application_id}", params={"back": back}).text
    # the detail page acts, in the officer's words
    for words in ("审核决定", "核准", "要求补充材料", "驳回", "无严重失信记录", "严重失信", "满足", "否"):
        assert words in page
    assert "serious_violation" not in page and ">met<" not in page and "False" not in page
    assert f"/console/applications?state=submitted&amp;benefit={benefit}&amp;page=2#a{application_id}" in page
    token = csrf_of(page)
    form = {"csrf_token": token, "back": back}

    unconfirmed = officer.post(f"/console/applications/{application_id}", data={**form, "action": "approve"})
    assert unconfirmed.status_code == 409 and "勾选确认框" in unconfirmed.text
    no_reason = officer.post(
        f"/console/applications/{application_id}", data={**form, "action": "more_material", "confirm": "yes"}
    )
    assert no_reason.status_code == 409 and "须写明需补充哪些材料" in no_reason.text
    with platform.sessions() as session:
        assert session.get(Application, application_id).state == State.SUBMITTED  # nothing was taken

    done = officer.post(
        f"/console/applications/{application_id}",
        data={**form, "action": "more_material", "confirm": "yes", "reason": "请补充 2025 年度研发费用专项审计报告"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert (
        done.headers["location"] == f"/console/applications?state=submitted&benefit={benefit}&page=2#a{application_id}"
    )
    # a forged ``back`` can only ever lead to this page
    forged = officer.post(
        f"/console/applications/{made['ids'][1]}",
        data={**form, "back": "//evil.example/?x=1", "action": "reject", "confirm": "yes", "reason": "材料不全"},
        follow_redirects=False,
    )
    assert forged.status_code == 303 and forged.headers["location"] == f"/console/applications#a{made['ids'][1]}"
    history = officer.get(f"/console/applications/{application_id}").text
    assert "要求补充材料：请补充 2025 年度研发费用专项审计报告" in history and "application." not in history


def test_a_batch_of_automatic_applications_is_approved_and_review_ones_are_left(officer, made, platform) -> None:
    review_id = made["ids"][5]
    token = csrf_of(officer.get("/console/applications").text)
    refused = officer.post(
        "/console/applications", data={"csrf_token": token, "action": "approve", "ids": [str(made["automatic"])]}
    )
    assert refused.status_code == 400 and "勾选确认框" in refused.text
    response = officer.post(
        "/console/applications",
        data={
            "csrf_token": token,
            "action": "approve",
            "confirm": "yes",
            "ids": [str(made["automatic"]), str(review_id)],
            "back": "state=submitted",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"].startswith(
        "/console/applications?state=submitted&"
    )
    shown = officer.get(response.headers["location"]).text
    with platform.sessions() as session:
        automatic = session.get(Application, made["automatic"]).state
        assert session.get(Application, review_id).state == State.SUBMITTED
    if automatic == State.APPROVED:
        assert "已核准 1 件" in shown
    else:  # the fund had no room: said, and nothing moved
        assert automatic == State.SUBMITTED and "已核准 0 件" in shown
    assert f"{review_id}：申报审批类申请须逐件审核材料后核准" in shown


def test_materials_are_previewed_in_the_page_and_framed_by_this_site_only(
    officer, made, platform, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("POLICYREACH_UPLOADS", str(tmp_path))
    (tmp_path / "m1").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (tmp_path / "m2").write_bytes(b"PK\x03\x04 not previewed")
    application_id = made["ids"][10]
    with platform.sessions() as session:
        pdf = Material(
            application_id=application_id, name="审计报告.pdf", stored_as="m1", content_type="application/pdf", size=15
        )
        zipped = Material(
            application_id=application_id, name="附件.zip", stored_as="m2", content_type="application/zip", size=20
        )
        session.add_all([pdf, zipped])
        session.commit()
        pdf_id, zip_id = pdf.id, zipped.id
    page = officer.get(f"/console/applications/{application_id}").text
    assert f'<iframe src="/console/documents/{pdf_id}?preview=true" title="材料预览：审计报告.pdf"' in page
    assert f"/console/documents/{zip_id}?preview" not in page
    shown = officer.get(f"/console/documents/{pdf_id}?preview=true")
    assert shown.headers["content-disposition"].startswith("inline")
    assert "frame-ancestors 'self'" in shown.headers["content-security-policy"]
    assert shown.headers["x-frame-options"] == "SAMEORIGIN"
    kept = officer.get(f"/console/documents/{zip_id}?preview=true")  # not a kind the page shows: downloaded
    assert kept.headers["content-disposition"].startswith("attachment")
    assert "frame-ancestors 'none'" in kept.headers["content-security-policy"]
    assert officer.get("/console/applications").headers["x-frame-options"] == "DENY"


def test_the_console_opens_on_what_waits_and_each_count_opens_its_queue(officer, made) -> None:
    page = officer.get("/console").text
    todo = page[page.index('id="todo"') : page.index("</section>", page.index('id="todo"'))]
    waiting = int(re.search(r"待审核申请 (\d+) 件", todo).group(1))
    overdue = int(re.search(r"其中 (\d+) 件已超过 15 天未办理", todo).group(1))
    assert waiting >= overdue >= 58  # the test's March applications wait still (two were decided above, at most)
    links = dict(
        (text, href.replace("&amp;", "&"))
        for href, text in re.findall(r'<a (?:class="error" )?href="([^"]+)">([^<]+)</a>', todo)
    )
    assert _total(officer.get(links[f"待审核申请 {waiting} 件"]).text) == waiting
    assert _total(officer.get(links[f"其中 {overdue} 件已超过 15 天未办理"]).text) == overdue
