"""``BENCH=web``: a firm's policy page under load, with 20,000 entities and the sample library loaded.

The server runs in its own process (uvicorn, one worker) on loopback; the load generator (asyncio + httpx,
50 concurrent clients, each logged in as a different firm) sends requests at a fixed rate and measures each
latency from the moment the request was due, so a server falling behind cannot hide its queue. Every
request is a real page for a different firm: nothing is cached across users.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import polars as pl
from sqlalchemy import select

from benchmarks import common
from benchmarks.simulate import population
from policyreach import settings
from policyreach.app.accounts import hash_password
from policyreach.app.demo import seed
from policyreach.rules.library import compile_library, load_library
from policyreach.rules.schema import load_schema
from policyreach.store.db import make_engine, migrate, sessions, transaction
from policyreach.store.models import Account, Entity

AS_OF = dt.date(2026, 6, 1)
CLIENTS = 50
PASSWORD = "bench1234"


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _prepare(data: Path, entities: int) -> list[str]:
    """A seeded database and one login per client, each for a different enterprise."""
    parquet = data / "population.parquet"
    pl.read_parquet(population(entities)).write_parquet(parquet)
    engine = make_engine(f"sqlite:///{data / 'policyreach.db'}")
    migrate(engine)
    schema = load_schema(settings.schema_path())
    compiled = compile_library(load_library([settings.library_path()], schema), AS_OF)
    factory = sessions(engine)
    with transaction(factory) as session:
        seed(session, parquet, schema, compiled, AS_OF)
        firms = list(
            session.scalars(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id).limit(CLIENTS * 20))
        )
        chosen = random.Random(7).sample(firms, CLIENTS)
        password = hash_password(PASSWORD)
        for i, entity in enumerate(chosen):
            session.add(Account(username=f"load{i}", password_hash=password, role="enterprise", entity_pk=entity.id))
    engine.dispose()
    return [f"load{i}" for i in range(CLIENTS)]


async def _login(base: str, username: str) -> httpx.AsyncClient:
    client = httpx.AsyncClient(base_url=base, timeout=10)
    # as a browser does: the form's page first (its pre-session cookie and token: login CSRF), then the form
    page = (await client.get("/login")).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token, "no login form token"
    data = {"username": username, "password": PASSWORD, "csrf_token": token.group(1)}
    response = await client.post("/login", data=data)
    assert response.status_code == 303, (response.status_code, response.text[-300:])  # signed in, not the form again
    return client


async def _run_rate(clients: list[httpx.AsyncClient], rate: float, seconds: float) -> dict[str, Any]:
    total = int(rate * seconds)
    latencies: list[float] = []
    errors = 0
    start = time.perf_counter() + 0.2
    locks = [asyncio.Lock() for _ in clients]  # a client sends one request at a time, like a browser tab

    async def one(i: int) -> None:
        nonlocal errors
        due = start + i / rate
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        async with locks[i % len(clients)]:
            try:
                response = await clients[i % len(clients)].get("/me/policies")
                if response.status_code != 200:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
        latencies.append((time.perf_counter() - due) * 1000)

    await asyncio.gather(*(one(i) for i in range(total)))
    values = np.array(latencies)
    return {
        "rate": rate,
        "requests": total,
        "errors": errors,
        "p50_ms": round(float(np.percentile(values, 50)), 1),
        "p99_ms": round(float(np.percentile(values, 99)), 1),
    }


async def _load(base: str, usernames: list[str], rates: list[float], seconds: float) -> list[dict[str, Any]]:
    clients = [await _login(base, u) for u in usernames]
    for client in clients[:5]:  # warm up the server's first requests
        await client.get("/me/policies")
    results = []
    for rate in rates:
        result = await _run_rate(clients, rate, seconds)
        print(
            f"  {rate:>5.0f} req/s: p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms, errors {result['errors']}",
            flush=True,
        )
        results.append(result)
        if result["p99_ms"] > 400:
            break
    for client in clients:
        await client.aclose()
    return results


@contextlib.contextmanager
def served(data: Path) -> Iterator[str]:
    """The platform on ``data`` in its own uvicorn process on loopback; yields its base URL."""
    port = _port()
    env = {
        **os.environ,
        "POLICYREACH_DATA_DIR": str(data),
        "POLICYREACH_AS_OF": AS_OF.isoformat(),
        "POLICYREACH_LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "policyreach.web.server:app_from_settings",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env=env,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


def run() -> dict[str, Any]:
    seconds = float(os.environ.get("BENCH_WEB_SECONDS", "10"))
    rates = [25.0, 50.0, 100.0, 150.0, 200.0, 300.0, 400.0]
    with tempfile.TemporaryDirectory(prefix="policyreach-web-") as tmp:
        data = Path(tmp)
        usernames = _prepare(data, 20_000)
        with served(data) as base:
            results = asyncio.run(_load(base, usernames, rates, seconds))
    at_100 = next(r for r in results if r["rate"] == 100.0)
    ok = [r["rate"] for r in results if r["p99_ms"] <= 100 and r["errors"] == 0]
    figures = {
        "concurrency": CLIENTS,
        "entities": 20_000,
        "requests": sum(r["requests"] for r in results),
        "p50_ms": at_100["p50_ms"],
        "p99_ms": at_100["p99_ms"],
        "errors": sum(r["errors"] for r in results),
        "max_rate_p99_under_100ms": max(ok) if ok else 0,
        "rates": results,
        "machine": common.machine(),
    }
    print(
        f"web: at 100 req/s p50 {figures['p50_ms']} ms, p99 {figures['p99_ms']} ms; highest rate with p99 ≤ 100 ms:"
        f" {figures['max_rate_p99_under_100ms']:.0f} req/s",
        flush=True,
    )
    common.merge_results("web", figures)
    rows = "\n".join(f"| {r['rate']:.0f} | {r['p50_ms']} | {r['p99_ms']} | {r['errors']} |" for r in results)
    common.write_section(
        "web",
        f"""## Web: a firm's policy page under load (`BENCH=web`)

`/me/policies` (match the firm against the whole library, rank with its habits, render) with 20,000 entities in
SQLite, one uvicorn worker, {CLIENTS} concurrent clients each logged in as a different firm, open-loop load at a
fixed rate for {seconds:.0f} s per step; latency measured from the moment each request was due.

| rate (req/s) | p50 (ms) | p99 (ms) | errors |
| --- | --- | --- | --- |
{rows}

Highest rate with p99 ≤ 100 ms: **{figures["max_rate_p99_under_100ms"]:.0f} req/s**; at 100 req/s p50
{figures["p50_ms"]} ms, p99 {figures["p99_ms"]} ms.
""",
    )
    return figures
