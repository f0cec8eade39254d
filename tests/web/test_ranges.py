"""Numbers within their declared range: refused at the door with a Chinese message, and never a 500 afterwards.

Reproduced from outside: a firm saved ``1e308`` as a self-declared figure and every page that evaluated it answered
500; negative figures were accepted ("预计可得 -500 万元").
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi.testclient import TestClient
from sqlalchemy import select

from policyreach.rules import ranges
from policyreach.store.models import Account, Entity, ValueChange
from tests.web.conftest import csrf_of, login

COLUMN = "loan_interest_paid_2025"  # self-declared, editable by the firm


def _count(platform, model) -> int:
    with platform.sessions() as session:
        return len(session.scalars(select(model.id)).all())


def test_the_profile_refuses_out_of_range_figures_naming_the_field(app, platform) -> None:
    with TestClient(app) as client:
        login(client, "enterprise3")
        token = csrf_of(client.get("/me").text)
        before = _count(platform, ValueChange)
        refused = (("1e308", "数值过大"), ("-500", "不能为负数"), ("NaN", "不是数字"), ("9" * 10_000, "数值过大"))
        for typed, words in refused:
            response = client.post("/me/values", data={"csrf_token": token, COLUMN: typed})
            assert response.status_code == 400, (typed, response.status_code)
            assert words in response.text and "贷款利息支出" in response.text
            assert f'value="{typed[:1000]}"' in response.text  # the form keeps what was typed
        assert _count(platform, ValueChange) == before  # nothing written


def test_the_calculator_refuses_out_of_range_values(app) -> None:
    with TestClient(app) as client:
        for field, typed, words in (
            ("revenue", "1e308", "应为数值"),
            ("revenue", "99999999999999", "数值过大"),
            ("revenue", "-500", "不能为负数"),
            ("employees", "abc", "应为整数"),
            ("birth_date", "2020-13-45", "应为日期"),
            ("industry", "x" * 10_000, "过长"),
        ):
            kind = "talent" if field == "birth_date" else "enterprise"
            response = client.get("/calculator", params={"go": "1", "kind": kind, field: typed})
            assert response.status_code == 400, (field, typed, response.status_code)
            assert words in response.text, (field, typed)
        assert client.get("/calculator", params={"go": "1", "kind": "enterprise", "revenue": "5000"}).status_code == 200


BAD = {"revenue_2025": "1e308", "total_assets_2025": "-5e20", "employees_2025": "abc", "established": "2020-99-99"}


@contextmanager
def _stored(platform, username: str, bad: dict[str, object]) -> Iterator[str]:
    """Values written straight into the database (as before the checks existed), put back afterwards."""
    with platform.sessions() as session:
        entity = session.scalar(select(Account).where(Account.username == username)).entity
        entity_id, old = entity.entity_id, dict(entity.values)
        entity.values = {**old, **bad}
        session.commit()
    try:
        yield entity_id
    finally:
        with platform.sessions() as session:
            entity = session.scalar(select(Entity).where(Entity.entity_id == entity_id))
            entity.values = old
            session.commit()


def test_a_stored_value_out_of_range_never_fails_a_page(app, platform) -> None:
    benefit = next(b.id for b in platform.compiled.benefits if "enterprise" in b.kinds and "revenue" in str(b.columns))
    with _stored(platform, "enterprise3", BAD) as entity_id:
        with TestClient(app) as firm:
            login(firm, "enterprise3")
            for path in ("/me", "/me/policies", "/me/report", "/me/report.json", f"/me/benefits/{benefit}"):
                assert firm.get(path).status_code == 200, path
            assert "超出有效范围" in firm.get("/me").text
        with TestClient(app) as admin:
            login(admin, "admin")
            for path in (
                "/console/simulation",
                f"/console/benefits/{benefit}",
                f"/console/benefits/{benefit}/push",
                f"/console/entities/{entity_id}",
            ):
                assert admin.get(path).status_code == 200, path
            page = admin.get(f"/console/entities/{entity_id}").text
            assert "数据待核查" in page  # flagged for an officer, every bad column named
            assert all(column in page for column in BAD)


def test_stored_values_read_as_unknown_out_of_range(platform) -> None:
    revenue = platform.schema.attributes["revenue"]
    assert ranges.stored(revenue, "1e308") is None
    assert ranges.stored(revenue, "-1") is None
    assert ranges.stored(revenue, "12.5") is not None
    assert ranges.flagged(platform.schema, {"revenue_2025": "1e308", "revenue_2024": "3"})[0][0] == "revenue_2025"
