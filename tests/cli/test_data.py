"""The data commands, driven through Typer's CliRunner."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pyarrow.parquet as pq
from openpyxl import load_workbook
from sqlalchemy import func, select
from typer.testing import CliRunner

from policyreach.cli.data import data_app
from policyreach.engine.entity import EntityRecord
from policyreach.imports.registries import close_record
from policyreach.imports.xlsx import ERROR_SHEET, TEMPLATE_SHEET
from policyreach.population.generate import generate
from policyreach.rules.schema import load_schema
from policyreach.settings import ROOT
from policyreach.store.db import make_engine, migrate, sessions
from policyreach.store.entities import replace_population
from policyreach.store.models import Entity, ValueChange
from policyreach.store.registry_imports import RegistryImport, imports_in_force
from tests.imports.test_imports import fill_template

runner = CliRunner()


def test_generate_writes_parquet_and_csv(tmp_path):
    out = tmp_path / "pop.parquet"
    result = runner.invoke(
        data_app,
        [
            "generate",
            "--entities",
            "1000",
            "--seed",
            "7",
            "--out",
            str(out),
            "--csv",
            "--missing-rate",
            "0.1",
            "--self-declared-rate",
            "0.2",
        ],
    )
    assert result.exit_code == 0, result.output
    assert pq.ParquetFile(out).metadata.num_rows == 1000
    assert pl.read_csv(out.with_suffix(".csv"), infer_schema_length=0).height == 1000
    assert "1,000" in result.output
    bad = runner.invoke(data_app, ["generate", "--entities", "0", "--out", str(out), "-q"])
    assert bad.exit_code == 2


def test_template_then_import_round_trip(tmp_path, sample_firms):
    template = tmp_path / "企业导入模板.xlsx"
    result = runner.invoke(
        data_app, ["template", "--out", str(template), "--kind", "enterprise", "--as-of-year", "2025"]
    )
    assert result.exit_code == 0, result.output
    fill_template(template, sample_firms[:3])
    out = tmp_path / "imported.parquet"
    result = runner.invoke(
        data_app,
        [
            "import",
            str(template),
            "--kind",
            "enterprise",
            "--source",
            "tax",
            "--batch-id",
            "B-001",
            "--out",
            str(out),
            "--as-of",
            "2025-06-30",
        ],
    )
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert table.num_rows == 3 and table.column("revenue_2024__verified").to_pylist() == [True] * 3


def test_import_of_a_broken_file_exits_1_with_a_marked_copy(tmp_path, sample_firms):
    template = tmp_path / "t.xlsx"
    runner.invoke(data_app, ["template", "--out", str(template), "--as-of-year", "2025"])
    fill_template(template, sample_firms[:2])
    wb = load_workbook(template)
    wb[TEMPLATE_SHEET]["A3"] = "91220102MA0000000X"
    wb.save(template)
    marked = tmp_path / "marked.xlsx"
    out = tmp_path / "never.parquet"
    result = runner.invoke(
        data_app, ["import", str(template), "--out", str(out), "--errors-out", str(marked), "--as-of", "2025-06-30"]
    )
    assert result.exit_code == 1
    assert not out.exists()
    wb = load_workbook(marked)
    assert wb[TEMPLATE_SHEET]["A3"].comment is not None and ERROR_SHEET in wb.sheetnames
    unknown = runner.invoke(data_app, ["import", str(template), "--source", "weather"])
    assert unknown.exit_code == 2


def _city(tmp_path, monkeypatch):
    """A small stored city without any list imported, reached by the commands through the settings."""

    url = f"sqlite:///{tmp_path / 'lists.db'}"
    monkeypatch.setenv("POLICYREACH_DATABASE_URL", url)
    monkeypatch.setenv("POLICYREACH_AS_OF", "2026-06-01")
    monkeypatch.setenv("POLICYREACH_DEMO", "0")
    population = tmp_path / "pop.parquet"
    generate(300, 5, population, as_of_year=2026)
    engine = make_engine(url)
    migrate(engine)
    schema = load_schema(ROOT / "schema")
    with sessions(engine)() as session, session.begin():
        replace_population(session, pl.read_parquet(population), schema, "base", dt.date(2026, 6, 1))
    return engine, schema


def test_import_list_writes_the_named_and_closes_the_world_for_the_rest(tmp_path, monkeypatch):
    engine, schema = _city(tmp_path, monkeypatch)
    with sessions(engine)() as session:
        firms = list(session.scalars(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id).limit(3)))
    label = schema.attributes["cert_unicorn_year"].label
    listed = tmp_path / "unicorns.csv"
    listed.write_text(
        f"统一社会信用代码,企业名称,{label}\n{firms[0].uscc},{firms[0].name},2024\n{firms[1].uscc},{firms[1].name},2025\n",
        encoding="gbk",  # as the bureau's Excel saves it
    )
    args = ["import-list", "unicorn_list", str(listed), "--as-of", "2026-06-30", "--batch-id", "KJ-2026-07"]
    result = runner.invoke(data_app, args)
    assert result.exit_code == 0, result.output
    assert "列入 2 个主体" in result.output and "未列入者视为未获得" in result.output
    with sessions(engine)() as session:
        first = session.get(Entity, firms[0].id)
        assert first is not None and first.values["cert_unicorn_year"] == 2024
        assert first.provenance["cert_unicorn_year"] == {
            "source": "science_bureau",
            "as_of": "2026-06-30",
            "batch_id": "KJ-2026-07",
        }
        (imp,) = [i for i in imports_in_force(session, schema) if i.registry == "unicorn_list"]
        third = session.get(Entity, firms[2].id)
        assert third is not None
        record = EntityRecord(third.entity_id, third.kind, dict(third.values), {}, third.name)
        assert close_record(record, schema, [imp]).absent["cert_unicorn_year"].batch == "KJ-2026-07"
        changes = session.scalar(select(func.count()).select_from(ValueChange))
    assert changes == 2

    # the next list no longer names the first firm: the value the earlier list wrote is withdrawn
    listed.write_text(f"统一社会信用代码,企业名称,{label}\n{firms[1].uscc},{firms[1].name},2025\n", encoding="utf-8")
    args[-1], args[4] = "KJ-2026-12", "2026-12-01"
    result = runner.invoke(data_app, args)
    assert result.exit_code == 0, result.output
    assert "撤销 1 项" in result.output
    with sessions(engine)() as session:
        first = session.get(Entity, firms[0].id)
        assert first is not None and "cert_unicorn_year" not in first.values


def test_import_list_with_an_unknown_firm_writes_nothing_and_names_it(tmp_path, monkeypatch):
    engine, _ = _city(tmp_path, monkeypatch)
    with sessions(engine)() as session, session.begin():
        firm, gone = session.scalars(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id).limit(2))
        before, stranger = dict(firm.values), gone.uscc  # a well-formed code the platform does not know
        session.delete(gone)
    listed = tmp_path / "blacklist.csv"
    listed.write_text(f"统一社会信用代码,企业名称\n{firm.uscc},{firm.name}\n{stranger},某某公司\n", encoding="utf-8")
    args = ["import-list", "credit_blacklist", str(listed), "--as-of", "2026-06-30", "--batch-id", "XY-1"]
    result = runner.invoke(data_app, [*args, "--kind", "enterprise"])
    assert result.exit_code == 1
    assert stranger in result.output and "平台中没有该主体" in result.output and "未导入任何数据" in result.output
    with sessions(engine)() as session:
        again = session.get(Entity, firm.id)
        assert again is not None and again.values == before
        assert session.scalars(select(RegistryImport)).first() is None
    # a list covering two kinds needs --kind; without it nothing is read
    unsure = runner.invoke(data_app, args)
    assert unsure.exit_code == 2 and "--kind" in unsure.output
