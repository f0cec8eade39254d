"""One-click claims on PostgreSQL: exactly once under concurrency, never over budget, fully audited."""

from __future__ import annotations

import threading
from decimal import Decimal

import psycopg
import pytest
from sqlalchemy import func, select, text

from policyreach.app.funds import fund_of
from policyreach.redemption import audit, funds
from policyreach.redemption.claims import ClaimRefused, one_click
from policyreach.redemption.states import IllegalTransition, State, check
from policyreach.store.db import make_engine, migrate, sessions, transaction
from policyreach.store.models import Application, AuditEntry, Entity
from tests.platforms import demo_platform
from tests.web.conftest import AS_OF


@pytest.fixture(scope="module")
def platform(postgres_url, tmp_path_factory):
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS policyreach_claims")
        connection.execute("CREATE DATABASE policyreach_claims")
    plat = demo_platform(
        tmp_path_factory.mktemp("claims"),
        postgres_url.rsplit("/", 1)[0] + "/policyreach_claims",
        3000,
        31,
        AS_OF,
        missing_rate=0.0,
    )
    yield plat
    plat.engine.dispose()


def _provable_claims(platform, limit: int = 40) -> list[tuple[int, str]]:
    """(entity pk, benefit id) of instant benefits the entity can claim with one click."""
    found = []
    with platform.sessions() as session:
        for entity in session.scalars(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id)):
            for match in platform.matcher.match(platform.record(entity)):
                if match.status == "eligible" and match.provable and match.benefit.spec.redemption == "instant":
                    found.append((entity.id, match.benefit_id))
            if len(found) >= limit:
                break
    assert found, "the sample city should have provable one-click benefits"
    return found


def _claim(platform, entity_pk: int, benefit_id: str, key: str | None, results: list) -> None:
    try:
        with transaction(platform.sessions) as session:
            entity = session.get(Entity, entity_pk)
            application = one_click(session, platform, entity, benefit_id, idempotency_key=key, actor="test")
            results.append(application.id)
    except ClaimRefused as exc:
        results.append(str(exc))


def test_twenty_concurrent_clicks_make_one_application(platform) -> None:
    entity_pk, benefit_id = _provable_claims(platform)[0]
    results: list = []
    threads = [
        threading.Thread(target=_claim, args=(platform, entity_pk, benefit_id, f"k{i}", results)) for i in range(20)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with platform.sessions() as session:
        count = session.scalar(
            select(func.count())
            .select_from(Application)
            .where(Application.entity_pk == entity_pk, Application.benefit_id == benefit_id)
        )
    assert count == 1
    assert len(results) == 20 and len({r for r in results if isinstance(r, int)}) == 1


def test_a_retried_request_returns_the_same_application(platform) -> None:
    entity_pk, benefit_id = _provable_claims(platform)[1]
    first, second = [], []
    _claim(platform, entity_pk, benefit_id, "retry-1", first)
    _claim(platform, entity_pk, benefit_id, "retry-1", second)
    assert first == second and isinstance(first[0], int)


def test_concurrent_claims_never_overspend_a_fund(platform) -> None:
    claims = _provable_claims(platform)
    benefit_id = max({b for _, b in claims}, key=lambda b: sum(1 for _, x in claims if x == b))
    entities = [e for e, b in claims if b == benefit_id][:8]
    fund_id = fund_of(platform.compiled.benefit(benefit_id))
    period = funds.budget_period(platform.as_of)
    with transaction(platform.sessions) as session:
        amount = platform.match_one(session.get(Entity, entities[0]), benefit_id).amount * 10_000
        used = funds.figures_for(session, fund_id, period).used
        funds.set_budget(session, fund_id, period, used + amount * Decimal("2.5"), "测试：只容两项", "finance")
    results: list = []
    threads = [threading.Thread(target=_claim, args=(platform, e, benefit_id, None, results)) for e in entities]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    approved = [r for r in results if isinstance(r, int)]
    refused = [r for r in results if isinstance(r, str)]
    with platform.sessions() as session:
        now = funds.figures_for(session, fund_id, period)
        paid = session.scalar(select(func.sum(Application.amount)).where(Application.id.in_(approved)))
        assert now.used <= now.budget and paid == now.used - used
        assert funds.reconcile(session) == []
    assert approved and any("额度已用完" in r for r in refused)


def test_snapshot_keeps_the_evidence(platform) -> None:
    results: list = []
    for entity_pk, benefit_id in _provable_claims(platform)[2:]:
        _claim(platform, entity_pk, benefit_id, None, results)
        if isinstance(results[-1], int):
            break
    with platform.sessions() as session:
        application = session.get(Application, results[-1])
        snap = application.snapshot
        assert application.state == State.APPROVED and snap["rule_version"] and snap["conditions"]
        assert all(i["source"] for c in snap["conditions"] for i in c["inputs"])


def test_the_state_machine_refuses_illegal_moves() -> None:
    check(State.APPROVED, State.NOTICE)
    with pytest.raises(IllegalTransition, match="已拨付"):
        check(State.PAID, State.APPROVED)
    with pytest.raises(IllegalTransition, match="不能变为“已拨付”"):
        check(State.SUBMITTED, State.PAID)


def test_audit_chain_detects_altered_and_deleted_entries(platform) -> None:
    with transaction(platform.sessions) as session:
        for i in range(3):
            audit.record(session, "officer", "test.action", f"thing:{i}", {"n": i})
    with platform.sessions() as session:
        assert audit.verify(session) == []
    with transaction(platform.sessions) as session:  # tamper with the database directly
        last = session.scalar(select(func.max(AuditEntry.id)))
        session.execute(text("UPDATE audit_log SET subject = 'thing:x' WHERE id = :i"), {"i": last - 1})
    with platform.sessions() as session:
        assert any("内容与其哈希不符" in str(p) for p in audit.verify(session))
    with transaction(platform.sessions) as session:
        session.execute(text("UPDATE audit_log SET subject = 'thing:1' WHERE id = :i"), {"i": last - 1})
        session.execute(text("DELETE FROM audit_log WHERE id = :i"), {"i": last})  # cut the tail
    with platform.sessions() as session:
        problems = audit.verify(session)
        assert problems and any("最新的记录被删除" in str(p) for p in problems)


def test_cli_audit_verify(tmp_path, monkeypatch) -> None:
    from typer.testing import CliRunner

    from policyreach.cli import app

    monkeypatch.setenv("POLICYREACH_DATABASE_URL", f"sqlite:///{tmp_path / 'audit.db'}")
    engine = make_engine()
    migrate(engine)
    with transaction(sessions(engine)) as session:
        audit.record(session, "admin", "login", "account:1")
        audit.record(session, "admin", "login", "account:1")
    assert CliRunner().invoke(app, ["audit", "verify"]).exit_code == 0
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE audit_log SET actor = 'someone' WHERE id = 1")
    result = CliRunner().invoke(app, ["audit", "verify"])
    assert result.exit_code == 1 and "第 1 条" in result.output
