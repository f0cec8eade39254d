"""No dead end: a benefit a firm qualifies for on its own declared figures says why it is not one click, and offers
the two ways on — proof for an officer to review, or the registry's update — with the form to apply right there."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from policyreach.app.accounts import hash_password
from policyreach.store.models import Account, Application, Entity
from tests.web.conftest import csrf_of, login


def _firm_qualifying_on_its_own_word(platform) -> tuple[str, str]:
    with platform.sessions() as session:
        claimed = set(session.scalars(select(Application.entity_pk)))
        for entity in session.scalars(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id.desc())):
            if entity.id in claimed:
                continue
            for m in platform.matcher.match(platform.record(entity)):
                if (
                    m.status == "eligible"
                    and not m.one_click
                    and m.benefit.spec.redemption in ("instant", "automatic")
                    and m.window.open
                    and m.payout == "cash"
                    and any(i["value"] is not None and not i["verified"] for c in m.conditions for i in c.inputs)
                ):
                    username = f"declared{entity.id}"
                    session.add(
                        Account(
                            username=username,
                            password_hash=hash_password("demo1234"),
                            role="enterprise",
                            entity_pk=entity.id,
                        )
                    )
                    session.commit()
                    return username, m.benefit_id
    raise AssertionError("no firm of the sample city qualifies on a self-declared figure")


def test_a_benefit_met_on_declared_figures_says_why_and_offers_review(app, platform, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("POLICYREACH_UPLOADS", str(tmp_path))
    username, benefit_id = _firm_qualifying_on_its_own_word(platform)
    firm = login(TestClient(app), username)
    page = firm.get(f"/me/benefits/{benefit_id}").text
    assert 'id="next-step"' in page and "尚未经权威数据核验" in page
    assert "提交证明材料" in page and "等待权威数据更新" in page
    assert "一键申领" not in page  # no button that would be refused
    applied = firm.post(
        f"/me/benefits/{benefit_id}/apply",
        data={"csrf_token": csrf_of(page), "idempotency_key": "next-step-1"},
        files=[("materials", ("证明.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"))],
        follow_redirects=False,
    )
    assert applied.status_code == 303, applied.text
    with platform.sessions() as session:
        made = session.scalar(
            select(Application).where(Application.benefit_id == benefit_id).order_by(Application.id.desc()).limit(1)
        )
        assert made is not None and made.state == "submitted" and made.redemption == "review"
