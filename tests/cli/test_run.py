"""``make run``'s main job end to end, without the server: the installed command on a small city, twice; and the
same command outside demo mode, which creates no account and says how to create the first administrator."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path


def _command() -> str:
    command = shutil.which("policyreach", path=str(Path(sys.executable).parent))
    assert command, "the policyreach command is not installed in the virtual environment"
    return command


def _run(data: Path, *args: str, demo: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "POLICYREACH_DATA_DIR": str(data),
        "POLICYREACH_SAMPLE_ENTITIES": "1500",
        "POLICYREACH_AS_OF": "2026-06-01",
        "COLUMNS": "160",
        "POLICYREACH_DEMO": "1" if demo else "0",  # make run turns demo mode on
    }
    env.pop("POLICYREACH_DATABASE_URL", None)
    command = [_command(), *(args or ("run", "--no-serve"))]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)


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
    # the firm's report tells what its page tells: the best plan's total per payout, closed windows counted apart
    # and listed after the open ones (on 2026-06-01 the tax items' window closed the day before), 万元 with at most
    # two decimals
    report = first.stdout[first.stdout.index("智能匹配报告") : first.stdout.index("政策通已就绪")]
    assert "按最佳申报方案" in report and "本轮已截止" in report
    items = [block for block in report.split("\n\n")[1:] if "→" in block]  # one block per item, wrapped or not
    # the page's order (ranking.rank): by status, and within a status what can be applied for today comes first
    bands = [next(i for i, zh in enumerate(("  符合 ·", "可能符合 ·", "部分符合 ·")) if zh in b) for b in items]
    closed = ["已截止" in block.split("→", 1)[1] for block in items]
    assert items and bands == sorted(bands), items
    assert all(closed[i] <= closed[i + 1] for i in range(len(items) - 1) if bands[i] == bands[i + 1]), items
    assert not all(closed), items
    assert "给予支持" not in report  # a tax relief is estimated, not granted
    assert not re.search(r"\d\.\d{3,}", first.stdout), re.findall(r"\S*\d\.\d{3,}\S*", first.stdout)
    again = _run(tmp_path)  # kept between runs: the second start seeds nothing twice and lists the same logins
    assert again.returncode == 0, again.stderr[-3000:]
    assert _accounts(again.stdout) == _accounts(first.stdout)


def _accounts(stdout: str) -> list[str]:
    table = stdout[stdout.index("演示账号") :]
    return [line.split("│")[1].strip() for line in table.splitlines() if line.startswith("│")]


def test_outside_demo_mode_no_account_exists_until_an_administrator_is_created(tmp_path: Path) -> None:
    started = _run(tmp_path, demo=False)
    assert started.returncode == 0, started.stderr[-3000:]
    assert "policyreach admin create" in started.stdout  # the first start says what to do
    assert "demo1234" not in started.stdout and "演示账号" not in started.stdout
    assert not (tmp_path / "population.parquet").exists()
    with sqlite3.connect(tmp_path / "policyreach.db") as db:
        assert db.execute("SELECT count(*) FROM accounts").fetchone() == (0,)
        assert db.execute("SELECT count(*) FROM entities").fetchone() == (0,)
    short = _run(tmp_path, "admin", "create", "--username", "root", "--password", "short", demo=False)
    assert short.returncode == 1 and "至少 12 位" in short.stderr
    made = _run(tmp_path, "admin", "create", "--username", "root", "--password", "A-long-passphrase", demo=False)
    assert made.returncode == 0, made.stderr[-3000:]
    again = _run(tmp_path, "admin", "create", "--username", "root", "--password", "A-long-passphrase", demo=False)
    assert again.returncode == 1 and "已存在" in again.stderr
    with sqlite3.connect(tmp_path / "policyreach.db") as db:
        rows = db.execute("SELECT username, role FROM accounts").fetchall()
    assert rows == [("root", "admin")]
    restarted = _run(tmp_path, demo=False)
    assert restarted.returncode == 0 and "policyreach admin create" not in restarted.stdout
