"""``BENCH=simulate``: the sample library over 1,000,000 generated entities, baseline and one reform.

Figures: ``simulate.entities``, ``simulate.seconds`` (baseline + reform, population already on
disk; target under 10 s). Peer in the same run: the single-entity engine on a sample, scaled
up — what matching row by row would cost.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import TypedDict

import polars as pl

from benchmarks import common
from policyreach import settings
from policyreach.engine.entity import record_from_row
from policyreach.engine.match import match_entity
from policyreach.population.generate import generate
from policyreach.rules.library import compile_library, load_library
from policyreach.rules.schema import load_schema
from policyreach.simulation.compare import Comparison
from policyreach.simulation.reform import apply_reform, load_reform
from policyreach.simulation.simulate import simulate


class SimulateFigures(TypedDict):
    entities: int
    benefits: int
    seconds: float  # baseline and reform, the population's read included
    read_seconds: float
    row_by_row_seconds_estimate: float
    speedup_vs_row_by_row: float
    reform: str  # the reform file's name
    reform_cost_change_wan: str  # 万元, exact
    reform_gaining_pairs: int
    eligible_pairs: int
    districts: int
    machine: common.Machine


AS_OF = dt.date(2026, 6, 1)
REFORM = settings.ROOT / "examples" / "reforms" / "hightech-award.yaml"


def population(entities: int) -> Path:
    path = settings.ROOT / "benchmarks" / "cache" / f"population_{entities}_{AS_OF.year}.parquet"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        generate(entities, 42, path, as_of_year=AS_OF.year)
    return path


def run() -> SimulateFigures:
    entities = common.env_int("BENCH_SIMULATE_ENTITIES", 1_000_000)
    path = population(entities)
    schema = load_schema(settings.schema_path())
    library = load_library([settings.library_path()], schema)
    reformed = apply_reform([settings.library_path()], schema, load_reform(REFORM), str(REFORM))

    start = time.perf_counter()
    frame = pl.read_parquet(path)
    read = time.perf_counter() - start
    baseline = simulate(compile_library(library, AS_OF), frame)
    reform = simulate(compile_library(reformed, AS_OF), frame, dims=baseline.dims)
    comparison = Comparison(baseline, reform)
    cost, gaining = comparison.cost_change, comparison.gaining().height
    districts = comparison.by("district").height  # the split an officer looks at first is part of the run
    seconds = time.perf_counter() - start

    sample = frame.head(2000)
    compiled = compile_library(library, AS_OF)
    t0 = time.perf_counter()
    for row in sample.iter_rows(named=True):
        match_entity(compiled, record_from_row(row, schema))
    row_by_row = (time.perf_counter() - t0) / sample.height * entities * 2  # baseline + reform
    figures: SimulateFigures = {
        "entities": entities,
        "benefits": len(compiled.benefits),
        "seconds": round(seconds, 2),
        "read_seconds": round(read, 2),
        "row_by_row_seconds_estimate": round(row_by_row, 1),
        "speedup_vs_row_by_row": round(row_by_row / seconds, 1),
        "reform": str(REFORM.name),
        "reform_cost_change_wan": str(cost),
        "reform_gaining_pairs": gaining,
        "eligible_pairs": int(baseline.benefits["eligible"].sum()),
        "districts": districts,
        "machine": common.machine(),
    }
    print(
        f"simulate: {entities:,} entities × {figures['benefits']} benefits, baseline + reform in {seconds:.2f} s "
        f"(read {read:.2f} s); row by row would take ~{row_by_row:,.0f} s ({figures['speedup_vs_row_by_row']}× "
        f"slower); reform cost change {cost} 万元, {gaining:,} new eligible pairs",
        flush=True,
    )
    common.merge_results("simulate", figures)
    common.write_section("simulate", markdown(figures))
    return figures


def markdown(f: SimulateFigures) -> str:
    return f"""## Simulation: sample library over the whole population (`BENCH=simulate`)

{f["entities"]:,} generated entities × {f["benefits"]} benefits, evaluated as of {AS_OF}: read the Parquet
population, match and aggregate the baseline, then the reform `examples/reforms/{f["reform"]}` (validated,
compiled, matched, compared: cost change, entities gaining and losing, the split by district). Only eligible
pairs are kept row by row (likely and partial ones are counted), and the population's dimensions are computed
when a split asks for them.

| figure | value |
| --- | --- |
| baseline + reform, seconds | {f["seconds"]} (target < 10) |
| of which reading Parquet | {f["read_seconds"]} s |
| peer: single-entity engine, scaled from 2,000 rows | \
{f["row_by_row_seconds_estimate"]:,} s ({f["speedup_vs_row_by_row"]}× slower) |
| eligible pairs (baseline) | {f["eligible_pairs"]:,} |
| reform: cost change | {f["reform_cost_change_wan"]} 万元, {f["reform_gaining_pairs"]:,} newly eligible pairs |
"""
