"""``policyreach warm``: compiles the kernel's serial and parallel paths (make test runs it before its test processes,
so here the cache is warm and the command is quick)."""

from __future__ import annotations

from typer.testing import CliRunner

from policyreach import settings
from policyreach.cli import app, warm
from policyreach.engine import kernel


def test_the_two_populations_straddle_the_kernels_parallel_threshold() -> None:
    # each path is compiled apart: a population on one side only would leave the other to the first real match
    assert warm.SERIAL_ENTITIES / 64 < kernel.PARALLEL_WORDS <= warm.PARALLEL_ENTITIES / 64


def test_warm_matches_and_says_where_the_cache_is(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls: list[tuple[int, str]] = []
    match_population = warm.match_population

    def spy(compiled, frame, **options):  # type: ignore[no-untyped-def]
        calls.append((frame.height, options["backend"]))
        return match_population(compiled, frame, **options)

    monkeypatch.setattr(warm, "match_population", spy)
    result = CliRunner().invoke(app, ["warm", "--entities", str(warm.SERIAL_ENTITIES)])
    assert result.exit_code == 0, result.output
    assert str(settings.numba_cache_dir()) in result.output
    assert calls and all(backend == "numba" for _, backend in calls)
