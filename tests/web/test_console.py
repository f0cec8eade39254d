"""The government console: library with tests, who qualifies, push lists, search, policy upload."""

from __future__ import annotations

import io
import re

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import select

from policyreach.store.models import Account, Interaction
from tests.conftest import FIXTURES
from tests.web.conftest import csrf_of, login


def _admin(app) -> TestClient:
    return login(TestClient(app), "admin")


def test_firms_cannot_open_the_console(firm) -> None:
    assert firm.get("/console", follow_redirects=False).status_code == 403


def test_library_page_lists_benefits_with_tests(app, platform) -> None:
    html = _admin(app).get("/console").text
    assert "政策库" in html and "用例通过" in html
    assert len(re.findall(r'href="/console/benefits/', html)) == len(platform.compiled.benefits)


def test_officers_see_their_department_only(app, platform) -> None:
    html = login(TestClient(app), "officer").get("/console").text
    shown = set(re.findall(r'href="/console/benefits/([a-z0-9-]+)"', html))
    with platform.sessions() as session:
        department = session.scalar(select(Account.department).where(Account.username == "officer"))
    assert shown == {b.id for b in platform.compiled.benefits if b.spec.department == department}


def test_benefit_page_counts_and_chart(app, platform) -> None:
    client = _admin(app)
    with platform.sessions() as session:
        sim = platform.simulation(session)
    row = sim.benefits.sort("eligible", descending=True).row(0, named=True)
    html = client.get(f"/console/benefits/{row['benefit_id']}").text
    assert f"符合 <strong>{row['eligible']}</strong> 个主体" in html
    assert "/console/vendor/plotly.min.js" in html and "data-figure=" in html and "<script>" not in html
    assert client.get("/console/vendor/plotly.min.js").status_code == 200
    book = load_workbook(io.BytesIO(client.get(f"/console/benefits/{row['benefit_id']}/export.xlsx").content))
    district = book["按区县"]
    assert sum(r[2] for r in district.iter_rows(min_row=2, values_only=True)) >= row["eligible"]


def test_push_list_leaves_out_firms_that_applied_elsewhere(app, platform) -> None:
    client = _admin(app)
    with platform.sessions() as session:
        sim = platform.simulation(session)
        row = sim.benefits.sort("eligible", descending=True).row(0, named=True)
        eligible = sim.eligible([row["benefit_id"]])
        first = eligible["entity_id"][0]
        from policyreach.store.models import Entity

        entity = session.scalar(select(Entity).where(Entity.entity_id == first))
        session.add(Interaction(entity_pk=entity.id, benefit_id=row["benefit_id"], action="applied_elsewhere"))
        session.commit()
    book = load_workbook(io.BytesIO(client.get(f"/console/benefits/{row['benefit_id']}/push.xlsx").content))
    ids = [r[0] for r in book.active.iter_rows(min_row=2, values_only=True)]
    assert first not in ids and len(ids) == eligible.height - 1


def test_entity_search(app, platform) -> None:
    client = _admin(app)
    with platform.sessions() as session:
        entity = session.scalar(select(Account).where(Account.username == "enterprise1")).entity
    html = client.get("/console/entities", params={"q": entity.uscc}).text
    assert entity.name in html
    assert entity.name in client.get(f"/console/entities/{entity.entity_id}").text
    assert client.get("/console/entities/NOPE").status_code == 404


def test_upload_reports_errors_and_publishes_a_tested_policy(app, platform) -> None:
    client = _admin(app)
    token = csrf_of(client.get("/console/upload").text)
    good = (
        (FIXTURES / "library" / "hightech.yaml")
        .read_text(encoding="utf-8")
        .replace("district in CHANGCHUN_DISTRICTS", "district in CHANGCHUN_DISTRICTS")
    )
    broken = good.replace('"revenue[last_year] >= 2000"', '"revenue[last_year] >= banana"')
    response = client.post(
        "/console/upload",
        data={"csrf_token": token},
        files={"policy": ("uploaded.yaml", broken.encode(), "application/x-yaml")},
    )
    assert response.status_code == 422 and "banana" in response.text and "uploaded.yaml" in response.text
    before = len(platform.compiled.benefits)
    # the officer of the department uploads it (a draft); the administrator publishes it: four eyes
    own = good.replace("测试市科学技术局", "长春市科学技术局")
    with TestClient(app) as officer:
        login(officer, "officer")
        response = officer.post(
            "/console/upload",
            data={"csrf_token": csrf_of(officer.get("/console/upload").text)},
            files={"policy": ("uploaded.yaml", own.encode(), "application/x-yaml")},
        )
    assert response.status_code == 200 and "已保存为草稿" in response.text, response.text
    draft = re.search(r"草稿编号 (\d+)", response.text).group(1)
    page = client.get("/console/upload").text
    assert f'action="/console/drafts/{draft}/publish"' in page
    published = client.post(f"/console/drafts/{draft}/publish", data={"csrf_token": csrf_of(page)})
    assert published.status_code == 200 and "上传政策" in published.text
    assert len(platform.compiled.benefits) == before + 2
    assert (platform.library_dir / "uploaded.yaml").exists()


def test_admin_creates_accounts_and_officers_cannot(app, platform) -> None:
    client = _admin(app)
    token = csrf_of(client.get("/console/accounts").text)
    with platform.sessions() as session:
        firm = session.scalar(select(Account).where(Account.username == "enterprise3")).entity
    response = client.post(
        "/console/accounts",
        data={
            "csrf_token": token,
            "username": "newfirm",
            "password": "S3cret-pass-26",
            "role": "enterprise",
            "subject": firm.uscc,
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    with TestClient(app) as newcomer:
        login(newcomer, "newfirm", "S3cret-pass-26")
        # the administrator chose the password: its owner changes it before anything else
        assert newcomer.get("/me/policies", follow_redirects=False).headers["location"] == "/account/password"
        page = newcomer.get("/account/password").text
        changed = newcomer.post(
            "/account/password",
            data={
                "csrf_token": csrf_of(page),
                "current": "S3cret-pass-26",
                "new": "Mine-Now-2026",
                "repeated": "Mine-Now-2026",
            },
        )
        assert changed.status_code == 200
        assert firm.name in newcomer.get("/me/policies").text
    bad = client.post(
        "/console/accounts",
        data={"csrf_token": token, "username": "x", "password": "short", "role": "enterprise", "subject": ""},
    )
    assert bad.status_code == 400 and "至少 12 位" in bad.text
    wrong_kind = client.post(
        "/console/accounts",
        data={
            "csrf_token": token,
            "username": "y",
            "password": "Long-enough-1",
            "role": "talent",
            "subject": firm.uscc,
        },
    )
    assert "没有找到类型为“人才”" in wrong_kind.text
    officer = login(TestClient(app), "officer")
    assert officer.get("/console/accounts").status_code == 403
