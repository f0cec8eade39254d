"""docs/DEPLOY.md, run (issue 25, items 4-6): every ``sh`` block of the guide, in order, as one shell script against
throw-away PostgreSQL clusters, with only its paths and ports replaced by temporary ones.

The script sets up the database, secrets and accounts, loads a rehearsal city through the ingest path, starts
``policyreach serve --workers 2`` and ``policyreach worker``, pushes registry batches through the API with bearer
tokens, rolls one back, runs the jobs by hand, backs up, and restores into a *fresh* cluster where ``audit verify`` and
``audit funds`` must pass. Where the guide starts its processes the script pauses once: this test then starts a
second server process over the same database and checks that the processes agree after a change (a registry's
batch pushed through one server is matched the same by the other and by the worker), and gives the funds a budget so
that the backup holds audit entries and the ledger something to check.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from sqlalchemy import select, text

from policyreach import settings
from policyreach.push.models import MatchState
from policyreach.redemption.funds import set_budget
from policyreach.store.db import make_engine, sessions
from policyreach.store.models import Account, Entity, Fund
from tests.conftest import pg_cluster
from tests.integration.servers import free_port, serve

GUIDE = settings.ROOT / "docs" / "DEPLOY.md"
PASSWORD = "Deploy-guide-2026!"
PAUSE_AFTER = "## 7."  # the script waits here while the test checks the running processes


def blocks(markdown: str, language: str) -> list[tuple[int, str]]:
    """(offset, body) of every fenced block of ``language``."""
    return [(m.start(), m.group(1)) for m in re.finditer(rf"```{language}\n(.*?)```", markdown, re.S)]


def _superuser(url: str, *statements: str) -> None:
    with psycopg.connect(url, autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


@pytest.fixture(scope="module")
def fresh_cluster() -> Iterator[str]:
    """The restore drill's new server: a cluster of its own, empty."""
    with pg_cluster() as url:
        yield url


def _port(url: str) -> int:
    return int(url.rsplit(":", 1)[1].split("/")[0])


def test_the_deployment_guide_runs_end_to_end(
    postgres_url: str, fresh_cluster: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    live_port, drill_port, web_port = _port(postgres_url), _port(fresh_cluster), free_port()
    _superuser(postgres_url, "DROP DATABASE IF EXISTS policyreach", "DROP ROLE IF EXISTS policyreach")
    swaps = [
        ("/etc/policyreach", str(tmp_path / "etc")),
        ("/var/lib/policyreach", str(tmp_path / "lib" / "policyreach")),
        ("/var/backups/policyreach", str(tmp_path / "backups")),
        ("/opt/policyreach/release", str(settings.ROOT)),
        ("127.0.0.1:5432", f"127.0.0.1:{live_port}"),
        ("-p 5432", f"-p {live_port}"),
        ("127.0.0.1:5433", f"127.0.0.1:{drill_port}"),
        ("-p 5433", f"-p {drill_port}"),
        ("127.0.0.1:8000", f"127.0.0.1:{web_port}"),
        ("POLICYREACH_PORT=8000", f"POLICYREACH_PORT={web_port}"),
    ]

    def swapped(body: str) -> str:
        for old, new in swaps:
            body = body.replace(old, new)
        return body

    env_file = next(body for _, body in blocks(guide, "ini") if "POLICYREACH_DATABASE_URL=" in body)
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "policyreach.env").write_text(swapped(env_file), encoding="utf-8")
    paused, resume = tmp_path / "paused", tmp_path / "resume"
    pause_at = guide.index(PAUSE_AFTER)
    script = ["set -euo pipefail", f"cd {tmp_path}"]
    for offset, body in blocks(guide, "sh"):
        if offset > pause_at and not any("touch" in line and str(paused) in line for line in script):
            script.append(f"touch {paused}; while [ ! -e {resume} ]; do sleep 0.2; done")
        script.append(swapped(body))
    assert len(script) > 10, "the guide's sh blocks were not found"

    bin_dirs = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYREACH_")}
    env |= {
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), *map(str, bin_dirs), env.get("PATH", "")]),
        "ADMIN_PASSWORD": PASSWORD,
        "REGISTRY_PASSWORD": PASSWORD,
        # the administrator's second factor is its own suite's; here the API reads matches with the password alone
        "POLICYREACH_TOTP_REQUIRED": "0",
        "POLICYREACH_WORKER_POLL": "0.5",
    }
    log = tmp_path / "guide.log"
    process = subprocess.Popen(
        ["bash", "-c", "\n".join(script)],
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # the servers and the worker it starts are stopped with it, by its process group
    )
    second = None
    try:
        deadline = time.monotonic() + 400
        while not paused.exists():
            assert process.poll() is None, log.read_text(errors="replace")[-4000:]
            assert time.monotonic() < deadline, log.read_text(errors="replace")[-4000:]
            time.sleep(0.3)
        live = f"postgresql://policyreach@127.0.0.1:{live_port}/policyreach"
        server_env = {**env, **_env_file(tmp_path / "etc"), "POLICYREACH_TRUSTED_PROXIES": ""}
        second, other = serve(server_env, tmp_path / "second.log")
        _processes_agree(live, f"http://127.0.0.1:{web_port}", other)
        for key, value in _env_file(tmp_path / "etc").items():  # the deployment's audit secret signs the budgets
            monkeypatch.setenv(key, value)
        _budgets(live)
        resume.touch()
        assert process.wait(timeout=400) == 0, log.read_text(errors="replace")[-4000:]
    finally:
        with contextlib.suppress(ProcessLookupError):  # the script's group: its servers and worker
            os.killpg(process.pid, signal.SIGTERM)
        if second is not None:
            second.terminate()
            second.wait(timeout=30)
    output = log.read_text(errors="replace")
    assert output.count("审计日志完整") == 2, output[-3000:]  # on the live database, then on the restored one
    assert output.count("资金台账与申请、预算、拨付批次一致") == 2, output[-3000:]
    assert "已恢复" in output and '"replayed":false' in output.replace(" ", "")
    restored = f"postgresql://postgres@127.0.0.1:{drill_port}/policyreach"
    counted = ("entities", "audit_log", "fund_budgets", "ingest_batches", "value_changes")
    assert _counts(restored, counted) == _counts(live.replace("policyreach@", "postgres@"), counted)
    assert _counts(restored, ("audit_log",))["audit_log"] > 0


def _env_file(directory: Path) -> dict[str, str]:
    found = {}
    for name in ("policyreach.env", "secrets.env"):
        for line in (directory / name).read_text(encoding="utf-8").splitlines():
            if "=" in line:
                key, _, value = line.partition("=")
                found[key.strip()] = value.strip()
    return found


def _counts(url: str, tables: tuple[str, ...]) -> dict[str, int]:
    with psycopg.connect(url) as connection:
        return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}  # type: ignore[index]


def _token(base: str, username: str) -> str:
    answer = httpx.post(f"{base}/api/token", json={"username": username, "password": PASSWORD}, timeout=60)
    assert answer.status_code == 200, answer.text
    return str(answer.json()["token"])


def _matches(base: str, token: str, entity_id: str) -> list[tuple[str, str, Any]]:
    answer = httpx.get(
        f"{base}/api/entities/{entity_id}/matches", headers={"Authorization": f"Bearer {token}"}, timeout=60
    )
    assert answer.status_code == 200, answer.text
    return sorted((m["benefit_id"], m["status"], m.get("amount")) for m in answer.json())


def _processes_agree(live: str, first: str, second: str) -> None:
    """A tax batch pushed through the first server (two uvicorn workers) is matched the same by the second server
    process at its next request, and by the worker's re-match of the changed firms."""
    engine = make_engine(live)
    factory = sessions(engine)
    with factory() as session:
        firms = list(
            session.scalars(
                select(Entity)
                .where(Entity.kind == "enterprise", Entity.uscc.is_not(None))
                .order_by(Entity.id)
                .limit(40)
            )
        )
        assert session.scalar(select(Account).where(Account.username == "admin")) is not None
    on_first, on_second = _token(first, "admin"), _token(second, "admin")
    before = {f.entity_id: _matches(second, on_second, f.entity_id) for f in firms}
    rows = "uscc,revenue_2025,tax_paid_2025,rd_expense_2025\n" + "".join(f"{f.uscc},90000,4500,9000\n" for f in firms)
    tax = _token(first, "push-tax")
    pushed = httpx.post(
        f"{first}/api/ingest/batches",
        params={"kind": "enterprise", "batch_id": "agreement-1", "as_of": "2026-06-01"},
        content=rows.encode(),
        headers={"Authorization": f"Bearer {tax}", "Content-Type": "text/csv"},
        timeout=120,
    )
    assert pushed.status_code == 200, pushed.text
    changed = pushed.json()["matches_changed_entities"]
    assert changed, pushed.json()  # the batch changes some firm's matches: the agreement below means something
    for entity_id in changed[:5]:
        seen = _matches(second, on_second, entity_id)
        assert seen != before[entity_id]  # the other process sees the new values at once
        assert seen == _matches(first, on_first, entity_id)
    # the worker re-matches each changed firm (value_changes → push.rematch_entity) and stores what is claimable
    pks = {f.entity_id: f.id for f in firms}
    deadline = time.monotonic() + 180
    for entity_id in changed[:3]:
        claimable = {(b, s) for b, s, _ in _matches(second, on_second, entity_id) if s in ("eligible", "likely")}
        while True:
            with factory() as session:
                stored = set(
                    session.execute(
                        select(MatchState.benefit_id, MatchState.status).where(MatchState.entity_pk == pks[entity_id])
                    ).all()
                )
            if stored == claimable:
                break
            assert time.monotonic() < deadline, (entity_id, stored, claimable)
            time.sleep(1)
    engine.dispose()


def _budgets(live: str) -> None:
    """Every fund gets this year's budget, as the finance bureau sets it (in the audit log): the backup then holds
    audit entries for ``audit verify`` and budgets for ``audit funds`` to check on the restored cluster."""
    engine = make_engine(live)
    with sessions(engine)() as session, session.begin():
        period = str(dt.date.today().year)
        for fund_id in session.scalars(select(Fund.id)):
            set_budget(session, fund_id, period, Decimal("5000000"), "财预〔2026〕1号（部署演练）", "deploy-guide")
        assert session.execute(text("SELECT count(*) FROM audit_log")).scalar_one() > 0
    engine.dispose()
