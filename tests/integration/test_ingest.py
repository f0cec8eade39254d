"""Registries that push (issue 25, item 2), on PostgreSQL: system accounts send batches through the ingest API with a
bearer token; a batch is written once per batch id (two concurrent posts of one batch, released by a barrier, write
once), writes only its source's attributes, writes nothing when a row is bad (the report names row and column in
Chinese), reports what changed, and can be rolled back with every value it changed restored."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from policyreach.app import ingest
from policyreach.app.accounts import hash_password
from policyreach.app.platform import Platform
from policyreach.standards.uscc import make_uscc
from policyreach.store.models import Account, AuditEntry, Entity, EntityValue, IngestBatch, IngestChange
from policyreach.store.registry_imports import RegistryImport
from policyreach.web.app import create_app
from tests.integration.cities import plain_city
from tests.web.conftest import csrf_of, login

AS_OF = dt.date(2026, 6, 1)
PASSWORD = "Ingest-pass-2026"
SOURCES = ("tax", "market_supervision", "science_bureau", "statistics")


@pytest.fixture(scope="module")
def city(postgres_database, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Platform, TestClient]]:
    base = tmp_path_factory.mktemp("ingest")
    platform = plain_city(base, postgres_database("policyreach_ingest"), 300, 43, AS_OF)
    hashed = hash_password(PASSWORD)
    with platform.sessions() as session, session.begin():
        for source in SOURCES:
            session.add(
                Account(
                    username=f"sys-{source}",
                    password_hash=hashed,
                    role="registry",
                    department=source,
                    display_name=source,
                )
            )
    with TestClient(create_app(platform, secret="ingest-test", totp_required=False)) as client:
        yield platform, client
    platform.engine.dispose()


@pytest.fixture(scope="module")
def tokens(city: tuple[Platform, TestClient]) -> dict[str, str]:
    _, client = city
    found = {}
    for source in SOURCES:
        answer = client.post("/api/token", json={"username": f"sys-{source}", "password": PASSWORD})
        assert answer.status_code == 200, answer.text
        found[source] = answer.json()["token"]
    return found


def _firms(platform: Platform, n: int, skip: int = 0) -> list[Entity]:
    with platform.sessions() as session:
        query = select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id).offset(skip).limit(n)
        return list(session.scalars(query))


def _state(platform: Platform, pks: list[int]) -> dict[int, tuple[dict[str, Any], dict[str, Any]]]:
    with platform.sessions() as session:
        rows = session.scalars(select(Entity).where(Entity.id.in_(pks)))
        return {e.id: (dict(e.values), dict(e.provenance)) for e in rows}


def _push(client: TestClient, token: str, body: str | bytes, batch: str, kind: str = "enterprise", **params: str):
    content_type = params.pop("content_type", "application/x-ndjson")
    query = {"kind": kind, "batch_id": batch, "as_of": "2026-05-31", **params}
    return client.post(
        "/api/ingest/batches",
        params=query,
        content=body,
        headers={"Authorization": f"Bearer {token}", "Content-Type": content_type},
    )


def _lines(rows: list[dict[str, Any]]) -> str:
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n"


def test_a_tax_batch_writes_its_figures_verified_once_and_reports_what_changed(city, tokens) -> None:
    platform, client = city
    firms = _firms(platform, 5)
    rows = [{"uscc": f.uscc, "revenue_2025": "123456.78", "tax_paid_2025": 4321} for f in firms]
    answer = _push(client, tokens["tax"], _lines(rows), "tax-2026-05-a")
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert report["state"] == "applied" and not report["replayed"]
    assert report["rows"] == 5 and report["entities_changed"] == 5 and report["values_changed"] == 10
    assert report["matches_changed"] is not None and report["summary"].startswith("批次 tax-2026-05-a")
    stored = _state(platform, [f.id for f in firms])
    for values, provenance in stored.values():
        assert values["revenue_2025"] == "123456.78" and values["tax_paid_2025"] == "4321"
        assert provenance["revenue_2025"] == {"source": "tax", "as_of": "2026-05-31", "batch_id": "tax-2026-05-a"}

    again = _push(client, tokens["tax"], _lines(rows), "tax-2026-05-a")
    assert again.status_code == 200 and again.json()["replayed"] is True
    assert again.json()["values_changed"] == 10  # the first post's report, not a second write
    with platform.sessions() as session:
        batch = session.scalar(select(IngestBatch).where(IngestBatch.batch_id == "tax-2026-05-a"))
        assert batch is not None
        # one row per entity the batch changed, not one per value
        changes = list(session.scalars(select(IngestChange).where(IngestChange.batch_pk == batch.id)))
        assert len(changes) == 5 and {c.cells for c in changes} == {2}

    other = _push(client, tokens["tax"], _lines(rows[:2]), "tax-2026-05-a")
    assert other.status_code == 409 and "内容不同" in other.json()["detail"]


def test_a_batch_with_bad_rows_writes_nothing_and_names_row_and_column(city, tokens) -> None:
    platform, client = city
    firms = _firms(platform, 3, skip=10)
    before = _state(platform, [f.id for f in firms])
    unknown = make_uscc("9", "1", "220102", "MA0000X1")
    rows = [
        {"uscc": firms[0].uscc, "revenue_2025": "100"},
        {"uscc": firms[1].uscc, "revenue_2025": "一百万"},
        {"uscc": unknown, "name": "不存在的公司", "revenue_2025": "5"},
    ]
    answer = _push(client, tokens["tax"], _lines(rows), "tax-bad-1")
    assert answer.status_code == 400
    errors = answer.json()["errors"]
    assert [e["row"] for e in errors] == [2]  # the cell check first: the bad number, on line 2 of the body
    assert "营业收入" in errors[0]["column"] and errors[0]["message"].startswith("第2行")
    assert _state(platform, [f.id for f in firms]) == before

    rows[1]["revenue_2025"] = "200"
    answer = _push(client, tokens["tax"], _lines(rows), "tax-bad-1")  # now only the unknown firm is wrong
    assert answer.status_code == 400
    [problem] = answer.json()["errors"]
    assert problem["row"] == 3 and "平台中没有该主体" in problem["reason"] and "市场监督管理局" in problem["reason"]
    assert _state(platform, [f.id for f in firms]) == before
    with platform.sessions() as session:  # refused: the batch id is free for the corrected batch
        assert session.scalar(select(IngestBatch).where(IngestBatch.batch_id == "tax-bad-1")) is None


def test_a_source_writes_only_its_own_attributes(city, tokens) -> None:
    platform, client = city
    [firm] = _firms(platform, 1, skip=20)
    answer = _push(client, tokens["tax"], _lines([{"uscc": firm.uscc, "cert_hightech_year": 2024}]), "tax-cert")
    assert answer.status_code == 400
    [problem] = answer.json()["errors"]
    assert "科学技术局" in problem["reason"] and "无权写入" in problem["reason"]
    refused = _push(client, tokens["tax"], "x\n", "tax-as-other", source="science_bureau")
    assert refused.status_code == 403
    anonymous = client.post(
        "/api/ingest/batches", params={"kind": "enterprise", "batch_id": "x", "as_of": "2026-05-31"}
    )
    assert anonymous.status_code == 401


def test_a_gbk_csv_batch_and_its_rollback_restore_every_value(city, tokens) -> None:
    platform, client = city
    firms = _firms(platform, 4, skip=30)
    pks = [f.id for f in firms]
    before = _state(platform, pks)
    header = "统一社会信用代码,营业收入(万元)·2025,纳税总额(万元)·2024\n"
    body = header + "".join(f"{f.uscc},{900 + i},{12 + i}\n" for i, f in enumerate(firms))
    answer = _push(client, tokens["tax"], body.encode("gbk"), "tax-csv-1", content_type="text/csv")
    assert answer.status_code == 200, answer.text
    assert answer.json()["values_changed"] > 0
    assert _state(platform, pks) != before

    undone = client.post(
        "/api/ingest/batches/tax/tax-csv-1/rollback", headers={"Authorization": f"Bearer {tokens['tax']}"}
    )
    assert undone.status_code == 200, undone.text
    assert undone.json()["state"] == "rolled_back" and undone.json()["restored"] == answer.json()["values_changed"]
    assert _state(platform, pks) == before  # every value and its provenance as it was
    twice = client.post(
        "/api/ingest/batches/tax/tax-csv-1/rollback", headers={"Authorization": f"Bearer {tokens['tax']}"}
    )
    assert twice.status_code == 409 and "已于" in twice.json()["detail"]
    # another source's batch is not this account's: not found, never forbidden
    foreign = client.post(
        "/api/ingest/batches/tax/tax-csv-1/rollback",
        headers={"Authorization": f"Bearer {tokens['science_bureau']}"},
    )
    assert foreign.status_code == 404


def test_a_rollback_is_refused_while_a_later_batch_changed_its_values(city, tokens) -> None:
    platform, client = city
    [firm] = _firms(platform, 1, skip=40)
    first = _push(client, tokens["tax"], _lines([{"uscc": firm.uscc, "revenue_2024": "10"}]), "tax-later-1")
    second = _push(client, tokens["tax"], _lines([{"uscc": firm.uscc, "revenue_2024": "20"}]), "tax-later-2")
    assert first.status_code == second.status_code == 200
    refused = client.post(
        "/api/ingest/batches/tax/tax-later-1/rollback", headers={"Authorization": f"Bearer {tokens['tax']}"}
    )
    assert refused.status_code == 409 and "此后已被更改" in refused.json()["detail"]
    assert _state(platform, [firm.id])[firm.id][0]["revenue_2024"] == "20"
    with platform.sessions() as session:
        assert ingest.load_batch(session, "tax", "tax-later-1").state == "applied"  # nothing half-done


def test_market_supervision_creates_a_firm_and_its_rollback_removes_it(city, tokens) -> None:
    platform, client = city
    code = make_uscc("9", "1", "220102", "MA1234X5")
    row = {"uscc": code, "name": "长春新注册科技有限公司", "district": "220102", "established": "2026-03-01"}
    answer = _push(client, tokens["market_supervision"], _lines([row]), "ms-new-1")
    assert answer.status_code == 200, answer.text
    assert answer.json()["created"] == 1
    with platform.sessions() as session:
        firm = session.scalar(select(Entity).where(Entity.uscc == code))
        assert firm is not None and firm.name == "长春新注册科技有限公司" and firm.district == "220102"
    undone = client.post(
        "/api/ingest/batches/market_supervision/ms-new-1/rollback",
        headers={"Authorization": f"Bearer {tokens['market_supervision']}"},
    )
    assert undone.status_code == 200, undone.text
    with platform.sessions() as session:
        assert session.scalar(select(Entity).where(Entity.uscc == code)) is None


def test_a_complete_list_batch_closes_the_unnamed_and_rolls_back(city, tokens) -> None:
    platform, client = city
    firms = _firms(platform, 2, skip=50)
    with platform.sessions() as session:
        everyone = [e.id for e in session.scalars(select(Entity).where(Entity.kind == "enterprise"))]
    before = _state(platform, everyone)
    rows = [{"uscc": f.uscc, "name": f.name, "cert_hightech_year": 2025} for f in firms]
    answer = _push(client, tokens["science_bureau"], _lines(rows), "hightech-2026", registry="hightech_list")
    assert answer.status_code == 200, answer.text
    assert answer.json()["rows"] == 2
    with platform.sessions() as session:
        assert session.scalar(select(RegistryImport).where(RegistryImport.batch_id == "hightech-2026")) is not None
    undone = client.post(
        "/api/ingest/batches/science_bureau/hightech-2026/rollback",
        headers={"Authorization": f"Bearer {tokens['science_bureau']}"},
    )
    assert undone.status_code == 200, undone.text
    assert _state(platform, everyone) == before
    with platform.sessions() as session:
        assert session.scalar(select(RegistryImport).where(RegistryImport.batch_id == "hightech-2026")) is None


def _in_threads(name: str, replacement: Any, calls: list[Any]) -> None:
    """``calls`` run in threads at once while ``ingest.<name>`` is ``replacement``."""
    original = getattr(ingest, name)
    setattr(ingest, name, replacement)
    try:
        threads = [threading.Thread(target=call) for call in calls]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        setattr(ingest, name, original)


def test_two_concurrent_posts_of_one_batch_write_once(city, tmp_path: Path) -> None:
    """The unique constraint decides, not a look-up first: both threads pass validation, meet at the barrier, and
    insert; one writes and the other answers its report."""
    platform, _ = city
    firms = _firms(platform, 20, skip=60)
    body = tmp_path / "batch.jsonl"
    body.write_text(_lines([{"uscc": f.uscc, "exports_2025": "77.5"} for f in firms]), encoding="utf-8")
    barrier = threading.Barrier(2)
    reports: list[ingest.BatchReport] = []
    original = ingest.validate_import

    def validated(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        barrier.wait(timeout=30)  # both past every check, then both write at once
        return result

    def post() -> None:
        reports.append(
            ingest.submit(
                platform,
                body,
                source="statistics",
                kind="enterprise",
                batch_id="stats-race",
                as_of=AS_OF,
                actor=None,
                submitted_by="race",
            )
        )

    _in_threads("validate_import", validated, [post, post])
    assert len(reports) == 2
    assert sorted(r.replayed for r in reports) == [False, True]
    assert reports[0].values_changed == reports[1].values_changed == 20
    with platform.sessions() as session:
        batches = list(session.scalars(select(IngestBatch).where(IngestBatch.batch_id == "stats-race")))
        assert len(batches) == 1
        assert session.scalar(select(func.count()).where(IngestChange.batch_pk == batches[0].id)) == 20


def test_a_file_through_the_console_takes_the_same_path(city) -> None:
    """The console's import is the API's path: the same checks, the same report, written once."""
    platform, _ = city
    firms = _firms(platform, 3, skip=90)
    original = _state(platform, [f.id for f in firms])
    with TestClient(create_app(platform, secret="ingest-test", totp_required=False)) as browser:
        login(browser, "sys-statistics", PASSWORD)
        page = browser.get("/console/ingest")
        assert page.status_code == 200 and "登记数据导入" in page.text
        body = "统一社会信用代码,出口额(万元)·2025\n" + "".join(f"{f.uscc},{31 + i}\n" for i, f in enumerate(firms))
        form = {"csrf_token": csrf_of(page.text), "kind": "enterprise", "batch_id": "stats-console-1"}
        form |= {"as_of": "2026-05-31", "source": "tax"}  # a system account's source is its own, whatever is sent
        sent = browser.post("/console/ingest", data=form, files={"file": ("出口.csv", body.encode("gbk"), "text/csv")})
        assert sent.status_code == 200, sent.text
        assert "3 个主体的 3 项数据变化" in sent.text
        bad = body.replace(f"{firms[1].uscc},32", f"{firms[1].uscc},三十二")
        form["batch_id"] = "stats-console-2"
        refused = browser.post(
            "/console/ingest", data=form, files={"file": ("出口.csv", bad.encode("gbk"), "text/csv")}
        )
        assert refused.status_code == 400 and "未写入任何数据" in refused.text
    stored = _state(platform, [f.id for f in firms])
    assert [stored[f.id][0]["exports_2025"] for f in firms] == ["31", "32", "33"]
    assert stored[firms[0].id][1]["exports_2025"]["source"] == "statistics"
    before_rollback = stored
    with TestClient(create_app(platform, secret="ingest-test", totp_required=False)) as browser:
        login(browser, "sys-statistics", PASSWORD)
        page = browser.get("/console/ingest")
        action = "/console/ingest/statistics/stats-console-1/rollback"
        assert f'action="{action}"' in page.text  # the batch offers its rollback in the list
        undone = browser.post(action, data={"csrf_token": csrf_of(page.text)})
        assert undone.status_code == 200 and "已回滚：恢复 3 项数据" in undone.text
        again = browser.post(action, data={"csrf_token": csrf_of(undone.text)})
        assert again.status_code == 409 and "回滚" in again.text  # said in Chinese, nothing changed twice
        slash = dict(
            form, batch_id="stats/console", csrf_token=csrf_of(again.text)
        )  # an id that cannot be addressed is refused up front
        refused = browser.post("/console/ingest", data=slash, files={"file": ("出口.csv", body.encode(), "text/csv")})
        assert refused.status_code == 400 and "批次号只能由" in refused.text
    assert _state(platform, [f.id for f in firms]) == original != before_rollback  # every value and its provenance
    with platform.sessions() as session:  # both entered the audit chain, by the account that acted
        trail = session.execute(
            select(AuditEntry.actor, AuditEntry.action).where(AuditEntry.subject == "ingest:statistics:stats-console-1")
        ).all()
    assert sorted(trail) == [("sys-statistics", "ingest.batch"), ("sys-statistics", "ingest.rollback")]


def _rollback(client: TestClient, token: str, source: str, batch: str):
    return client.post(f"/api/ingest/batches/{source}/{batch}/rollback", headers={"Authorization": f"Bearer {token}"})


def _changes(platform: Platform, batch_id: str) -> list[IngestChange]:
    with platform.sessions() as session:
        batch = session.scalar(select(IngestBatch).where(IngestBatch.batch_id == batch_id))
        assert batch is not None
        return list(session.scalars(select(IngestChange).where(IngestChange.batch_pk == batch.id)))


def test_a_first_load_keeps_no_old_values_and_rollbacks_undo_each_batch_in_turn(city, tokens) -> None:
    """A firm created by 市场监管, given its first tax figures, then a second tax batch replacing one and adding one:
    the first load's rows keep nothing old; each rollback brings back exactly what its batch found (a first value
    disappears again, a replaced one returns with its provenance), and a batch whose values a later batch changed
    is refused until that one is rolled back."""
    platform, client = city
    code = make_uscc("9", "1", "220102", "MA7777X8")
    created = _push(
        client, tokens["market_supervision"], _lines([{"uscc": code, "name": "长春首载科技有限公司"}]), "ms-f1"
    )
    assert created.status_code == 200, created.text
    first = _push(client, tokens["tax"], _lines([{"uscc": code, "revenue_2025": "300"}]), "tax-f1")
    assert first.status_code == 200, first.text
    [change] = _changes(platform, "tax-f1")
    assert (change.created, change.cells, change.old) == (False, 1, None)  # a first value: nothing to keep
    [made] = _changes(platform, "ms-f1")
    assert made.created is True
    with platform.sessions() as session:
        pk = session.scalar(select(Entity.id).where(Entity.uscc == code))
    after_first = _state(platform, [pk])[pk]
    second = _push(
        client, tokens["tax"], _lines([{"uscc": code, "revenue_2025": "450", "tax_paid_2025": 12}]), "tax-f2"
    )
    assert second.status_code == 200 and second.json()["values_changed"] == 2
    [change] = _changes(platform, "tax-f2")
    assert change.cells == 2 and change.old == {"revenue_2025": ["300", after_first[1]["revenue_2025"]]}

    refused = _rollback(client, tokens["tax"], "tax", "tax-f1")
    assert refused.status_code == 409 and "此后已被更改" in refused.json()["detail"] and "长春首载科技" in refused.text
    assert _state(platform, [pk])[pk][0]["revenue_2025"] == "450"  # nothing half-done

    undone = _rollback(client, tokens["tax"], "tax", "tax-f2")
    assert undone.status_code == 200 and undone.json()["restored"] == 2
    assert _state(platform, [pk])[pk] == after_first  # the first batch's value and provenance, no tax paid
    undone = _rollback(client, tokens["tax"], "tax", "tax-f1")
    assert undone.status_code == 200 and undone.json()["restored"] == 1
    values, provenance = _state(platform, [pk])[pk]
    assert "revenue_2025" not in values and "revenue_2025" not in provenance
    assert _rollback(client, tokens["market_supervision"], "market_supervision", "ms-f1").status_code == 200
    with platform.sessions() as session:
        assert session.scalar(select(Entity).where(Entity.uscc == code)) is None
        # its values go with it (PostgreSQL keeps no foreign key to cascade them: the rollback deletes them)
        assert session.scalar(select(func.count()).where(EntityValue.entity_pk == pk)) == 0


def test_each_entity_a_batch_changed_is_told_to_the_worker_once(city, tokens) -> None:
    """The worker re-matches each changed firm: a batch's row per entity is what it reads (no row per value), and
    what keys the population cache (a batch does not rewrite each entity's row)."""
    from policyreach.push import events
    from policyreach.push.models import Job

    platform, client = city
    firms = _firms(platform, 3, skip=110)
    with platform.sessions() as session, session.begin():
        events.scan_changes(session)  # what earlier tests changed
        simulated = platform.simulation(session)
    rows = [{"uscc": f.uscc, "revenue_2023": "81", "tax_paid_2023": "2"} for f in firms]
    assert _push(client, tokens["tax"], _lines(rows), "tax-worker-1").status_code == 200
    with platform.sessions() as session:  # every process's population cache sees the batch too
        assert platform.simulation(session) is not simulated
    with platform.sessions() as session, session.begin():
        assert events.scan_changes(session) == 3
        queued = session.scalars(select(Job.payload).where(Job.kind == "push.rematch_entity")).all()
        assert {f.id for f in firms} <= {p["entity_pk"] for p in queued}
        assert events.scan_changes(session) == 0  # told once


def test_an_erased_value_leaves_no_copy_in_a_batch_record(city, tokens) -> None:
    """A value erased at the person's request (个人信息保护法) goes from the batch's record of what it replaced too;
    the batch's rollback then finds its values changed and is refused rather than bringing it back."""
    from policyreach.app.personal_data import _erase

    platform, client = city
    [firm] = _firms(platform, 1, skip=120)
    assert (
        _push(client, tokens["tax"], _lines([{"uscc": firm.uscc, "revenue_2024": "1"}]), "tax-erase-1").status_code
        == 200
    )
    assert (
        _push(client, tokens["tax"], _lines([{"uscc": firm.uscc, "revenue_2024": "2"}]), "tax-erase-2").status_code
        == 200
    )
    [change] = _changes(platform, "tax-erase-2")
    assert change.old is not None and "revenue_2024" in change.old
    with platform.sessions() as session, session.begin():
        entity = session.get(Entity, firm.id)
        assert entity is not None
        assert _erase(session, entity, ("revenue_2024",)) == ["revenue_2024"]
    [change] = _changes(platform, "tax-erase-2")
    assert change.old is None
    refused = _rollback(client, tokens["tax"], "tax", "tax-erase-2")
    assert refused.status_code == 409 and "此后已被更改" in refused.json()["detail"]
    assert "revenue_2024" not in _state(platform, [firm.id])[firm.id][0]


def test_rolling_back_the_batch_that_created_a_firm_takes_every_value_with_it(city, tokens) -> None:
    """Another source's values of a firm the rolled-back batch created go with the firm: PostgreSQL keeps no foreign
    key to cascade them (migration g003i), so the rollback deletes them itself."""
    platform, client = city
    code = make_uscc("9", "1", "220102", "MA8888X9")
    named = _lines([{"uscc": code, "name": "长春短暂科技有限公司"}])
    assert _push(client, tokens["market_supervision"], named, "ms-gone-1").status_code == 200
    taxed = _lines([{"uscc": code, "revenue_2025": "5"}])
    assert _push(client, tokens["tax"], taxed, "tax-gone-1").status_code == 200
    with platform.sessions() as session:
        pk = session.scalar(select(Entity.id).where(Entity.uscc == code))
    assert _rollback(client, tokens["market_supervision"], "market_supervision", "ms-gone-1").status_code == 200
    with platform.sessions() as session:
        assert session.get(Entity, pk) is None
        assert session.scalar(select(func.count()).where(EntityValue.entity_pk == pk)) == 0


def _meeting(parties: int, timeout: float) -> tuple[Any, list[bool]]:
    """``ingest.read_values`` wrapped to wait, inside the batch's transaction and after its entities are locked,
    for ``parties`` batches to be there at once; whether each got through together (True) or waited alone until
    ``timeout`` (False: another batch could not get that far while this one held its locks)."""
    barrier = threading.Barrier(parties)
    met: list[bool] = []
    original = ingest.read_values

    def waiting(*args: Any, **kwargs: Any) -> Any:
        try:
            barrier.wait(timeout=timeout)
            met.append(True)
        except threading.BrokenBarrierError:
            met.append(False)
        return original(*args, **kwargs)

    return waiting, met


def _together(
    platform: Platform, base: Path, batches: list[tuple[str, str, list[dict[str, Any]]]], timeout: float
) -> tuple[list[Any], list[bool]]:
    """The batches (source, batch id, rows) submitted from threads released at once; their reports (or the
    exception each raised) and what :func:`_meeting` saw."""
    start = threading.Barrier(len(batches))
    waiting, met = _meeting(len(batches), timeout)
    outcomes: list[Any] = []

    def post(source: str, batch_id: str, rows: list[dict[str, Any]]) -> None:
        body = base / f"{batch_id}.jsonl"
        body.write_text(_lines(rows), encoding="utf-8")
        start.wait(timeout=30)
        try:
            outcomes.append(
                ingest.submit(
                    platform,
                    body,
                    source=source,
                    kind="enterprise",
                    batch_id=batch_id,
                    as_of=AS_OF,
                    actor=None,
                    submitted_by="together",
                )
            )
        except Exception as exc:  # kept for the assertion: a batch that failed shows why
            outcomes.append(exc)

    _in_threads("read_values", waiting, [lambda batch=batch: post(*batch) for batch in batches])
    return outcomes, met


def test_batches_of_two_sources_naming_the_same_firms_write_at_the_same_time(city, tmp_path: Path) -> None:
    """A tax batch and a statistics batch over the same firms, neither writing the firm's own row, hold their
    locks together (``FOR KEY SHARE``): both are inside their transactions, past the lock, at the same moment.
    Under ``FOR UPDATE`` the second waits for the first to commit, and the first meets nobody."""
    platform, _ = city
    firms = _firms(platform, 15, skip=140)
    tax = [{"uscc": f.uscc, "revenue_2024": "3210.5"} for f in firms]
    stats = [{"uscc": f.uscc, "exports_2024": "65.25"} for f in firms]
    batches = [("tax", "tax-together", tax), ("statistics", "stats-together", stats)]
    outcomes, met = _together(platform, tmp_path, batches, 10)
    assert met == [True, True]
    assert all(isinstance(o, ingest.BatchReport) and o.state == "applied" for o in outcomes), outcomes
    for values, provenance in _state(platform, [f.id for f in firms]).values():
        assert values["revenue_2024"] == "3210.5" and values["exports_2024"] == "65.25"
        assert provenance["revenue_2024"]["batch_id"] == "tax-together"
        assert provenance["exports_2024"]["batch_id"] == "stats-together"


def test_two_batches_of_one_source_over_the_same_firms_write_one_after_the_other(city, tmp_path: Path) -> None:
    """Two tax batches writing the same figure of the same firms, released together: they write the same value
    rows, so the source's advisory lock makes the second wait for the first (without it both delete the old rows
    and the second's insert collides with the first's, or records a replaced value that is no longer there). The
    one that wrote last recorded the other's values as what it replaced: its rollback brings them back."""
    platform, _ = city
    firms = _firms(platform, 15, skip=160)
    batches = [
        ("tax", f"tax-same-{n}", [{"uscc": f.uscc, "tax_paid_2024": str(111 * n)} for f in firms]) for n in (1, 2)
    ]
    outcomes, met = _together(platform, tmp_path, batches, 1.5)
    assert met == [False, False]  # the first waited alone: the second was held before reading anything
    assert all(isinstance(o, ingest.BatchReport) and o.state == "applied" for o in outcomes), outcomes
    state = _state(platform, [f.id for f in firms])
    last = {provenance["tax_paid_2024"]["batch_id"] for _, provenance in state.values()}
    assert len(last) == 1
    [later] = last
    earlier, value = ("tax-same-1", "111") if later == "tax-same-2" else ("tax-same-2", "222")
    ingest.rollback(platform, "tax", later, by="test")
    for values, provenance in _state(platform, [f.id for f in firms]).values():
        assert values["tax_paid_2024"] == value and provenance["tax_paid_2024"]["batch_id"] == earlier
