"""City ingest, measured small (issue 25, BENCH=city's first figure): one registry batch of a generated city's tax
figures (three years of revenue, tax and R&D expense) through ``app.ingest.submit`` on a throw-away PostgreSQL
cluster, with and without the report's per-entity match comparison. ``python -m benchmarks.city_ingest N``.

Not the 1,000,000-entity run the issue asks for: at the rates measured here that run takes hours (BENCHMARKS.md says
by how much it misses and why)."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import polars as pl
from tests.conftest import pg_cluster
from tests.integration.cities import plain_city

from policyreach.app import ingest

AS_OF = dt.date(2026, 6, 1)


def main(entities: int) -> dict[str, object]:
    load = os.getloadavg()[0]
    with pg_cluster() as url, tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        platform = plain_city(base, url, entities, 3, AS_OF)
        frame = pl.read_parquet(base / "pop.parquet").filter(pl.col("kind") == "enterprise")
        yearly = [c for c in frame.columns if c.rpartition("_")[0] in ("revenue", "tax_paid", "rd_expense")]
        figures: dict[str, object] = {"entities": entities, "load_at_start": round(load, 1)}
        for label, factor, limit in (("with_report_matching", 2, "1000000"), ("without_report_matching", 3, "0")):
            os.environ["POLICYREACH_INGEST_MATCH_LIMIT"] = limit
            batch = frame.select(["uscc", *yearly]).with_columns([pl.col(c) * factor for c in yearly])
            path = base / f"tax-{label}.csv"
            batch.write_csv(path)
            started = time.perf_counter()
            report = ingest.submit(
                platform,
                path,
                source="tax",
                kind="enterprise",
                batch_id=label,
                as_of=AS_OF,
                actor=None,
                submitted_by="bench",
            )
            seconds = time.perf_counter() - started
            assert report.ok, report.errors[:3]
            figures[label] = {
                "rows": batch.height,
                "values_changed": report.values_changed,
                "seconds": round(seconds, 1),
                "rows_per_second": round(batch.height / seconds),
                "million_rows_hours": round(1_000_000 / (batch.height / seconds) / 3600, 1),
            }
        with platform.engine.connect() as connection:
            size = connection.exec_driver_sql("SELECT pg_database_size(current_database())").scalar_one()
            tables = dict(
                connection.exec_driver_sql(
                    "SELECT relname, pg_total_relation_size(relid) FROM pg_statio_user_tables "
                    "WHERE relname IN ('entities', 'value_changes', 'ingest_changes')"
                ).all()
            )
        figures["database_bytes_per_entity"] = round(size / entities)
        figures["table_bytes_per_entity"] = {name: round(value / entities) for name, value in tables.items()}
        platform.engine.dispose()
    return figures


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 3000), indent=1))
