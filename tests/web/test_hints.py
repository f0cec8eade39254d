"""What would change a match, as the firm reads it: the benefit page's hints, the link to the very profile field,
and the same sentences in the report (docs/formats.md, "What would change it")."""

from __future__ import annotations

import html
import io
import re

from openpyxl import load_workbook
from sqlalchemy import select

from policyreach.engine.match import Match
from policyreach.store.models import Account


def _matches(platform, username: str) -> list[Match]:
    with platform.sessions() as session:
        user = session.scalar(select(Account).where(Account.username == username))
        return platform.matches(session, user.entity)


def test_a_missing_value_links_to_its_field_of_the_profile(firm, platform) -> None:
    match, hint = next(
        (m, h) for m in _matches(platform, "enterprise1") for h in m.hints if h.kind == "missing" and h.fields
    )
    page = firm.get(f"/me/benefits/{match.benefit_id}").text
    assert "还差什么" in page and html.escape(hint.text) in page
    field = hint.fields[0]
    assert f'<a href="/me#field-{field.column}">填写{html.escape(field.label)}</a>' in page
    profile = firm.get("/me").text
    # the anchor names the row of that very field, whose input the page's script focuses on arrival
    row = re.search(rf'<tr id="field-{field.column}">(.*?)</tr>', profile, re.S)
    assert row is not None and f'name="{field.column}"' in row.group(1)
    assert '<script src="/static/field-focus.js" defer></script>' in profile
    assert firm.get("/static/field-focus.js").status_code == 200


def test_a_partial_match_that_cannot_change_holds_out_no_amount(firm, platform) -> None:
    match = next(m for m in _matches(platform, "enterprise1") if m.status == "partial" and m.fixed)
    page = firm.get(f"/me/benefits/{match.benefit_id}").text
    assert "若满足全部条件" not in page and "无法通过补充材料改变" in page
    for hint in match.hints:
        assert html.escape(hint.text) in page
    hopeful = next(m for m in _matches(platform, "enterprise1") if m.status == "partial" and not m.fixed)
    assert "若满足全部条件" in firm.get(f"/me/benefits/{hopeful.benefit_id}").text
    # the report says the same sentences (one renderer): JSON and its HTML
    benefits = firm.get("/me/report.json").json()["benefits"]
    items = {b["benefit_id"]: b for b in benefits}
    assert items[match.benefit_id]["fixed"] is True
    assert [h["text"] for h in items[match.benefit_id]["hints"]] == [h.text for h in match.hints]
    assert "若满足全部条件" not in (items[match.benefit_id]["amount_rule"] or "")
    assert html.escape(match.hints[0].text) in firm.get("/me/report").text
    sheet = load_workbook(io.BytesIO(firm.get("/me/report.xlsx").content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r[0] == "兑现事项")  # below the summary lines
    column = rows[header].index("还差什么")
    row = rows[header + 1 + [b["benefit_id"] for b in benefits].index(match.benefit_id)]  # the JSON's order
    assert row[0] == match.title
    assert row[column] == "；".join(h.text for h in match.hints)


def test_the_api_and_the_policy_list_say_the_same(app, firm, platform) -> None:
    from fastapi.testclient import TestClient

    matches = _matches(platform, "enterprise1")
    fixed = next(m for m in matches if m.status == "partial" and m.fixed)
    listing = firm.get("/me/policies").text
    item = listing[listing.index(f'href="/me/benefits/{fixed.benefit_id}"') :].split("</li>")[0]
    assert "暂不能申报（未满足的条件无法通过补充材料改变）" in item and "待补充信息后测算" not in item
    with TestClient(app) as client:
        token = client.post("/api/token", json={"username": "enterprise1", "password": "demo1234"}).json()["token"]
        with platform.sessions() as session:
            entity_id = session.scalar(select(Account).where(Account.username == "enterprise1")).entity.entity_id
        got = client.get(f"/api/entities/{entity_id}/matches", headers={"Authorization": f"Bearer {token}"}).json()
    by_id = {m["benefit_id"]: m for m in got}
    assert by_id[fixed.benefit_id]["fixed"] is True
    assert [h["text"] for h in by_id[fixed.benefit_id]["hints"]] == [h.text for h in fixed.hints]
    missing = next(m for m in matches if any(h.kind == "missing" and h.fields for h in m.hints))
    fields = [f for h in by_id[missing.benefit_id]["hints"] for f in h["fields"]]
    assert fields == [f.column for h in missing.hints for f in h.fields]
