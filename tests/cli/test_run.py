"""``make run``'s main job end to end, without the server: the installed command on a small city, twice."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


def _run(data: Path) -> subprocess.CompletedProcess[str]:
    command = shutil.which("policyreach", path=str(Path(sys.executable).parent))
    assert command, "the policyreach command is not installed in the virtual environment"
    env = {
        **os.environ,
        "POLICYREACH_DATA_DIR": str(data),
        "POLICYREACH_SAMPLE_ENTITIES": "1500",
        "POLICYREACH_AS_OF": "2026-06-01",
        "COLUMNS": "160",
    }
    env.pop("POLICYREACH_DATABASE_URL", None)
    return subprocess.run([command, "run", "--no-serve"], env=env, capture_output=True, text=True, timeout=600)


def test_main_job_sets_up_matches_and_prints_the_city_then_runs_again(tmp_path: Path) -> None:
    first = _run(tmp_path)
    assert first.returncode == 0, first.stderr[-3000:]
    assert (tmp_path / "population.parquet").exists() and (tmp_path / "policyreach.db").exists()
    for expected in (
        "政策通已就绪",
        "演示账号",
        "enterprise1",
        "talent1",
        "officer",
        "member1",
        "committee1",
        "unit1",
        "leader1",
        "demo1234",
    ):
        assert expected in first.stdout, expected
    again = _run(tmp_path)  # kept between runs: the second start seeds nothing twice and lists the same logins
    assert again.returncode == 0, again.stderr[-3000:]
    assert _accounts(again.stdout) == _accounts(first.stdout)


def _accounts(stdout: str) -> list[str]:
    table = stdout[stdout.index("演示账号") :]
    return [line.split("│")[1].strip() for line in table.splitlines() if line.startswith("│")]
