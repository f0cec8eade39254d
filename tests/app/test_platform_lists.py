"""The platform closes the world with the registry lists in force (issue 21): the seeded demo city imports its
certification lists and the 失信 list, so a firm the 独角兽 list does not name is known not to be one."""

from __future__ import annotations

import polars as pl
from fastapi.testclient import TestClient
from sqlalchemy import select

from policyreach.engine.batch import match_population
from policyreach.store.entities import population_frame
from policyreach.store.models import Account, Entity
from tests.web.conftest import login

UNICORN = "gx-unicorn"


def _unlisted_firm(session) -> Entity:
    for entity in session.scalars(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id)):
        if entity.values.get("cert_unicorn_year") is None:
            return entity
    raise AssertionError("every demo firm is a unicorn")


def _statuses(frame: pl.DataFrame, platform) -> dict[str, int]:
    pairs = match_population(platform.compiled, frame).frame().filter(pl.col("benefit_id") == UNICORN)
    return dict(pairs.group_by("status").len().iter_rows())


def test_a_firm_the_unicorn_list_does_not_name_is_known_not_to_be_one(platform) -> None:
    assert {imp.registry for imp in platform.imports} >= {"unicorn_list", "hightech_list", "credit_blacklist"}
    with platform.sessions() as session:
        firm = _unlisted_firm(session)
        record = platform.record(firm)
        assert record.absent["cert_unicorn_year"].sentence().startswith("科技局独角兽企业名单（截至 ")
        match = platform.match_one(firm, UNICORN)
        assert match is not None and match.status == "ineligible"
        # the whole city, as the console and push read it: nobody is "likely" a unicorn, those listed stay eligible
        closed = _statuses(platform.frame(session), platform)
        open_world = _statuses(population_frame(session, platform.schema, platform.as_of.year), platform)
    assert open_world.get("likely", 0) > 100, "without the list, unknown certification years read as 'likely'"
    assert closed.get("likely", 0) == 0
    assert closed.get("eligible", 0) == open_world.get("eligible", 0)


def test_the_benefit_page_says_which_list_decided_it(app, platform) -> None:
    with platform.sessions() as session:
        account = session.scalar(select(Account).where(Account.username == "enterprise1"))
        assert account is not None
        firm = session.get(Entity, account.entity_pk)
        assert firm is not None and firm.values.get("cert_unicorn_year") is None
    with TestClient(app) as client:
        page = login(client, "enterprise1").get(f"/me/benefits/{UNICORN}").text
    assert "科技局独角兽企业名单（截至" in page and "未列入" in page
    assert "可能符合" not in page


def test_the_profile_says_not_obtained_with_the_list_and_still_takes_a_declaration(app) -> None:
    with TestClient(app) as client:
        page = login(client, "enterprise1").get("/me").text
    row = page[page.index('id="f-cert_unicorn_year"') :][:1200]
    assert 'placeholder="未获得"' in row
    assert "科技局独角兽企业名单（截至" in row and "视为未获得" in row


def test_the_officer_sees_a_declaration_the_list_contradicts(app, platform) -> None:
    with platform.sessions() as session, session.begin():
        firm = _unlisted_firm(session)
        entity_id, before = firm.entity_id, (dict(firm.values), dict(firm.provenance))
        firm.values = {**firm.values, "cert_unicorn_year": 2025}
        firm.provenance = {**firm.provenance, "cert_unicorn_year": {"source": "self_declared"}}
    try:
        with TestClient(app) as client:
            page = login(client, "officer").get(f"/console/entities/{entity_id}").text
        assert "自行填报与主管部门名单不一致" in page
        section = page.split("自行填报与主管部门名单不一致")[1][:400]
        assert platform.schema.attributes["cert_unicorn_year"].label in section
        assert "企业自报 2025；科技局独角兽企业名单（截至" in page
    finally:
        with platform.sessions() as session, session.begin():
            firm = session.scalar(select(Entity).where(Entity.entity_id == entity_id))
            assert firm is not None
            firm.values, firm.provenance = before
