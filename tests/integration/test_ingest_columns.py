"""A city's batch (more rows than ``POLICYREACH_INGEST_MATCH_LIMIT``) writes its values column by column
(``app/ingest._by_column``); a small batch goes value by value and compares each entity's matches. Both must write
the same: the same sequence of batches (a first load of every type — text, decimal, integer, date, flag — a later
batch with values unchanged, changed, new and blank, a renaming, a rollback) is sent once each way for two sets of
new firms, and the values, their provenance, the entity rows, the batches' records and the reports agree."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from policyreach.app import ingest
from policyreach.app.platform import Platform
from policyreach.standards.uscc import make_uscc
from policyreach.store.models import Entity, IngestBatch, IngestChange
from tests.integration.cities import plain_city

AS_OF = dt.date(2026, 6, 1)
FIRMS = 30


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Platform:
    base = tmp_path_factory.mktemp("ingest-columns")
    return plain_city(base, f"sqlite:///{base / 'city.db'}", 10, 67, AS_OF)


def _batches(codes: list[str]) -> list[tuple[str, str, list[dict[str, Any]]]]:
    firms = [
        {
            "uscc": c,
            "name": f"列式企业{n}",
            "district": "220102" if n % 2 else "220104",
            "industry": "C3911",
            "established": f"201{n % 10}-0{1 + n % 9}-15",
            "registered_capital": f"{100 + n}.50" if n % 3 else "0",
            "listed": "是" if n % 4 == 0 else "否",
            "invention_patents": str(n % 5),
        }
        for n, c in enumerate(codes)
    ]
    taxes = [{"uscc": c, "revenue_2025": f"{1000 + n}.25", "tax_paid_2025": "12"} for n, c in enumerate(codes)]
    later = [
        {
            "uscc": c,
            # unchanged (skipped), changed (kept for the rollback), or blank (left as it is)
            "revenue_2025": f"{1000 + n}.25" if n % 3 == 0 else f"{2000 + n}" if n % 3 == 1 else "",
            "tax_paid_2025": "12.000" if n % 2 else "13",  # equal by value: not written again
            "rd_expense_2025": f"{n}.125",  # new
        }
        for n, c in enumerate(codes)
    ]
    renamed = [
        {"uscc": c, "name": f"列式企业{n}", "industry": "I6513" if n % 2 else "C3911"} for n, c in enumerate(codes)
    ]
    return [
        ("market_supervision", "ms-1", firms),
        ("tax", "tax-1", taxes),
        ("tax", "tax-2", later),
        ("market_supervision", "ms-2", renamed),
    ]


def _send(platform: Platform, tmp: Path, codes: list[str], tag: str) -> list[dict[str, Any]]:
    reports = []
    for source, batch_id, rows in _batches(codes):
        body = tmp / f"{tag}-{batch_id}.jsonl"
        body.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        report = ingest.submit(
            platform,
            body,
            source=source,
            kind="enterprise",
            batch_id=f"{tag}-{batch_id}",
            as_of=AS_OF,
            actor=None,
            submitted_by="t",
        )
        assert report.ok, report.errors
        reports.append({k: report.as_dict()[k] for k in ("rows", "created", "values_changed", "entities_changed")})
    assert ingest.rollback(platform, "tax", f"{tag}-tax-2", "t").restored is not None
    return reports


def _state(platform: Platform, codes: list[str], tag: str) -> list[Any]:
    found = []
    with platform.sessions() as session:
        for code in codes:
            firm = session.scalar(select(Entity).where(Entity.uscc == code))
            assert firm is not None
            provenance = {
                column: {**origin, "batch_id": str(origin.get("batch_id", "")).removeprefix(f"{tag}-")}
                for column, origin in firm.provenance.items()
            }
            changes = [
                (batch.batch_id.removeprefix(f"{tag}-"), change.created, change.cells, change.old)
                for change, batch in session.execute(
                    select(IngestChange, IngestBatch)
                    .join(IngestBatch, IngestBatch.id == IngestChange.batch_pk)
                    .where(IngestChange.entity_pk == firm.id)
                    .order_by(IngestChange.id)
                )
            ]
            values = {c: v for c, v in firm.values.items() if c != "uscc"}  # the two sets' codes differ
            found.append((firm.name, firm.district, firm.industry, values, provenance, changes))
    return found


def test_a_city_batch_by_column_writes_what_the_per_value_path_writes(
    platform: Platform, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    by_value = [make_uscc("9", "1", "220102", f"MA{n:05d}X") for n in range(FIRMS)]
    by_column = [make_uscc("9", "1", "220102", f"MC{n:05d}Y") for n in range(FIRMS)]
    monkeypatch.setenv("POLICYREACH_INGEST_MATCH_LIMIT", str(FIRMS))  # every batch compared, value by value
    reports_by_value = _send(platform, tmp_path, by_value, "v")
    monkeypatch.setenv("POLICYREACH_INGEST_MATCH_LIMIT", "0")  # every batch a city's: by column
    reports_by_column = _send(platform, tmp_path, by_column, "c")
    assert reports_by_column == reports_by_value
    assert reports_by_value[2]["values_changed"] > 0  # the later batch changed some, skipped some
    for old_firm, new_firm in zip(_state(platform, by_value, "v"), _state(platform, by_column, "c"), strict=True):
        name_old, *rest_old = old_firm
        name_new, *rest_new = new_firm
        assert name_old == name_new
        # the restored values and the batches' records keep the other set's batch ids; compare without the tag
        assert json.dumps(rest_new, sort_keys=True, default=str).replace('"c-', '"') == json.dumps(
            rest_old, sort_keys=True, default=str
        ).replace('"v-', '"')
