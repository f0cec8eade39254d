"""``policyreach warm``: compiles the kernel's serial and parallel paths (make test runs it before its test processes,
so here the cache is warm and the command is quick)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from policyreach import settings
from policyreach.cli import app, warm
from policyreach.engine import kernel

SMALL = str(warm.SERIAL_ENTITIES)


def test_the_two_populations_straddle_the_kernels_parallel_threshold() -> None:
    # each path is compiled apart: a population on one side only would leave the other to the first real match
    assert warm.SERIAL_ENTITIES / 64 < kernel.PARALLEL_WORDS <= warm.PARALLEL_ENTITIES / 64


@pytest.mark.parametrize(
    ("args", "sizes", "one_entity"),
    [
        (["--entities", SMALL], [warm.SERIAL_ENTITIES] * 2, True),
        (["--part", "serial"], [warm.SERIAL_ENTITIES], True),
        (["--part", "parallel", "--entities", SMALL], [warm.SERIAL_ENTITIES], False),
    ],
)
def test_warm_matches_each_part_and_says_where_the_cache_is(monkeypatch, args, sizes, one_entity) -> None:  # type: ignore[no-untyped-def]
    populations: list[int] = []
    entities: list[str] = []
    match_population, match_entity = warm.match_population, warm.match_entity

    def on_population(compiled, frame, **options):  # type: ignore[no-untyped-def]
        assert options["backend"] == "numba"
        populations.append(frame.height)
        return match_population(compiled, frame, **options)

    def on_entity(compiled, record, **options):  # type: ignore[no-untyped-def]
        assert options["backend"] == "numba"
        entities.append(record.entity_id)
        return match_entity(compiled, record, **options)

    monkeypatch.setattr(warm, "match_population", on_population)
    monkeypatch.setattr(warm, "match_entity", on_entity)
    result = CliRunner().invoke(app, ["warm", *args])
    assert result.exit_code == 0, result.output
    assert str(settings.numba_cache_dir()) in result.output
    assert populations == sizes
    assert bool(entities) == one_entity
