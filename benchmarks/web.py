"""``BENCH=web``: a firm's policy page under load, with 20,000 entities and the sample library loaded.

The server runs in its own process (uvicorn, one worker) on loopback; the load generator (asyncio + httpx,
50 concurrent clients, each logged in as a different firm) sends requests at a fixed rate and measures each
latency from the moment the request was due, so a server falling behind cannot hide its queue. Every
request is a real page for a different firm: nothing is cached across users.

``WEB_DB=postgres`` (issue 25's figure "a firm's policy page with 2 server workers"): the same load against the city
on a throw-away PostgreSQL cluster instead, ``CITY_ENTITIES`` generated entities (default 20,000) pushed through the
HTTP ingest API as ``BENCH=city`` does, served by ``policyreach serve --workers N`` for each N of ``WEB_WORKERS``
(default ``1,2``). Each step also records the load generator's CPU time over its wall time, the server processes'
and the whole machine's busy share, since the generator shares the machine's cores with the server it measures.
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
from typing import NotRequired, TypedDict

import httpx
import numpy as np
import polars as pl
import psutil
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


class Busy(TypedDict):
    """Clocks read at one moment (seconds): the differences of two readings are a step's figures."""

    wall: float
    generator: float  # this process's CPU
    servers: dict[int, float]  # CPU by server process id
    database: dict[int, float]  # CPU by process id of the throw-away cluster
    machine: float  # the machine's busy CPU


class RateFigures(TypedDict):
    """One step of the load at a fixed rate; CPU figures are seconds per wall second (1.0: one core busy)."""

    rate: float
    requests: int
    errors: int
    p50_ms: float
    p99_ms: float
    generator_cpu_per_wall: float
    generator_share_of_machine: float
    machine_busy_share: float
    # with a server process to watch (WEB_DB=postgres) only
    server_cpu_per_wall: NotRequired[float]
    server_cpu_per_wall_by_process: NotRequired[list[float]]
    database_cpu_per_wall: NotRequired[float]
    other_cpu_per_wall: NotRequired[float]


class WebFigures(TypedDict):
    concurrency: int
    entities: int
    requests: int
    p50_ms: float  # at 100 req/s
    p99_ms: float
    errors: int
    max_rate_p99_under_100ms: float
    rates: list[RateFigures]
    machine: common.Machine


class WorkerFigures(TypedDict):
    max_rate_p99_under_100ms: float
    rates: list[RateFigures]


class WebCityFigures(TypedDict):
    entities: int
    concurrency: int
    seconds_per_step: float
    load_at_start: list[float]  # 1, 5 and 15 minutes
    machine: common.Machine
    workers: dict[str, WorkerFigures]  # by number of server workers
    load_at_end: list[float]


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


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


# the throw-away cluster's postmaster (run_city sets it): its processes are the database's CPU, not every
# ``postgres`` process of the machine (other clusters of a shared machine are other work)
_cluster: psutil.Process | None = None


def _postmaster(url: str) -> psutil.Process | None:
    """The process listening on ``url``'s port: the cluster's postmaster."""
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    for connection in psutil.net_connections(kind="tcp"):
        address = connection.laddr  # an empty tuple for a socket without one (none that listens)
        if connection.status == psutil.CONN_LISTEN and address and address.port == port and connection.pid:
            return psutil.Process(connection.pid)
    return None


def _busy(server: psutil.Process | None) -> Busy:
    """Wall time, this process's CPU, each server process's CPU, the database's and the machine's busy CPU (seconds),
    now. The database is the throw-away cluster's postmaster and its backends (a backend that ends between two
    readings takes its time with it, so the figure is a lower bound)."""
    servers: dict[int, float] = {}
    database: dict[int, float] = {}
    if server is not None:
        for proc in [server, *server.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                times = proc.cpu_times()
                servers[proc.pid] = times.user + times.system
    if _cluster is not None:
        for proc in [_cluster, *_cluster.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                times = proc.cpu_times()
                database[proc.pid] = times.user + times.system
    machine = psutil.cpu_times()
    idle = machine.idle + getattr(machine, "iowait", 0.0)
    return {
        "wall": time.perf_counter(),
        "generator": time.process_time(),
        "servers": servers,
        "database": database,
        "machine": sum(machine) - idle,
    }


async def _run_rate(
    clients: list[httpx.AsyncClient], rate: float, seconds: float, server: psutil.Process | None = None
) -> RateFigures:
    total = int(rate * seconds)
    latencies: list[float] = []
    errors = 0
    before = _busy(server)
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
    after = _busy(server)
    wall = after["wall"] - before["wall"]
    cores = os.cpu_count() or 1
    generator = (after["generator"] - before["generator"]) / wall
    values = np.array(latencies)
    result: RateFigures = {
        "rate": rate,
        "requests": total,
        "errors": errors,
        "p50_ms": round(float(np.percentile(values, 50)), 1),
        "p99_ms": round(float(np.percentile(values, 99)), 1),
        # CPU seconds per wall second: 1.0 is one core busy; the machine has ``cores``
        "generator_cpu_per_wall": round(generator, 3),
        "generator_share_of_machine": round(generator / cores, 3),
        "machine_busy_share": round((after["machine"] - before["machine"]) / wall / cores, 3),
    }
    if server is not None:
        # per process, so that the table shows every worker serving (the supervisor itself stays near 0)
        per_process = [
            round((cpu - before["servers"].get(pid, 0.0)) / wall, 3) for pid, cpu in after["servers"].items()
        ]
        server_cpu = result["server_cpu_per_wall"] = round(sum(per_process), 3)
        result["server_cpu_per_wall_by_process"] = sorted(per_process, reverse=True)
        database = sum(cpu - before["database"].get(pid, 0.0) for pid, cpu in after["database"].items())
        result["database_cpu_per_wall"] = round(database / wall, 3)
        # what the rest of the machine (other people's jobs) took meanwhile, in cores
        result["other_cpu_per_wall"] = round(
            result["machine_busy_share"] * cores - generator - server_cpu - database / wall, 3
        )
    return result


async def _load(
    base: str, usernames: list[str], rates: list[float], seconds: float, server: psutil.Process | None = None
) -> list[RateFigures]:
    clients = [await _login(base, u) for u in usernames]
    # warm up the server's first requests (with several workers, every client once: each worker gets some)
    for client in clients if server is not None else clients[:5]:
        assert (await client.get("/me/policies")).status_code == 200
    results = []
    for rate in rates:
        result = await _run_rate(clients, rate, seconds, server)
        print(
            f"  {rate:>5.0f} req/s: p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms, errors {result['errors']},"
            f" generator CPU {result['generator_cpu_per_wall']:.2f} core(s),"
            f" server {result.get('server_cpu_per_wall_by_process')}, database {result.get('database_cpu_per_wall')},"
            f" machine busy {result['machine_busy_share']:.0%}",
            flush=True,
        )
        results.append(result)
        # past saturation every step only queues more; with a server (several workers on a shared machine) stop
        # when even the median waits, since the other jobs' bursts alone can push the tail past 400 ms
        if result["p99_ms"] > 400 and (server is None or result["p50_ms"] > 100):
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


def run() -> WebFigures | WebCityFigures:
    if os.environ.get("WEB_DB", "sqlite") == "postgres":
        return run_city()
    seconds = float(os.environ.get("BENCH_WEB_SECONDS", "10"))
    rates = [25.0, 50.0, 100.0, 150.0, 200.0, 300.0, 400.0]
    with tempfile.TemporaryDirectory(prefix="policyreach-web-") as tmp:
        data = Path(tmp)
        usernames = _prepare(data, 20_000)
        with served(data) as base:
            results = asyncio.run(_load(base, usernames, rates, seconds))
    at_100 = next(r for r in results if r["rate"] == 100.0)
    ok = [r["rate"] for r in results if r["p99_ms"] <= 100 and r["errors"] == 0]
    figures: WebFigures = {
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


CITY_RATES = [25.0, 50.0, 60.0, 75.0, 90.0, 100.0, 125.0, 150.0, 175.0, 200.0]


def _city(url: str, base: Path, entities: int) -> tuple[dict[str, str], list[str]]:
    """The generated city pushed through the ingest API into ``url`` (as ``BENCH=city``), and one login per client;
    returns the servers' environment and the client user names."""
    from tests.integration.servers import serve

    from benchmarks import city
    from policyreach.app.build import from_settings
    from policyreach.population.catalogue import catalogue
    from policyreach.population.generate import generate
    from policyreach.rules.schema import SELF_DECLARED

    population = base / "pop.parquet"
    generate(entities, 7, population, as_of_year=AS_OF.year)
    schema = load_schema(settings.ROOT / "schema")
    platform = from_settings(demo=False, engine=make_engine(url), schema=schema, as_of=AS_OF).platform
    frame = pl.read_parquet(population)
    sources = sorted({s.source for s in catalogue(schema) if s.source != SELF_DECLARED})
    hashed = hash_password(city.PASSWORD)
    with platform.sessions() as session, session.begin():
        for source in sources:
            session.add(Account(username=f"sys-{source}", password_hash=hashed, role="registry", department=source))
    env = {
        **os.environ,
        "POLICYREACH_DATABASE_URL": url,
        "POLICYREACH_DATA_DIR": str(base),
        "POLICYREACH_SECRET": "web-city-bench-secret",  # every worker signs and reads the same session cookies
        "POLICYREACH_AS_OF": AS_OF.isoformat(),
        "POLICYREACH_DEMO": "0",
        "POLICYREACH_LOG_LEVEL": "WARNING",
        "POLICYREACH_INGEST_MAX_BYTES": str(2 << 30),
        "POLICYREACH_INGEST_MATCH_LIMIT": "0",
    }
    process, server = serve(env, base / "ingest.log")
    try:
        ingest = city._ingest(server, frame, schema, sources, common.env_int("CITY_PARALLEL", 2))
        print(f"  ingested {entities:,} entities through the API in {ingest['seconds']} s", flush=True)
    finally:
        process.terminate()
        process.wait(30)
    with platform.sessions() as session, session.begin():
        firms = list(
            session.scalars(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id).limit(CLIENTS * 20))
        )
        password = hash_password(PASSWORD)
        for i, entity in enumerate(random.Random(7).sample(firms, CLIENTS)):
            session.add(Account(username=f"load{i}", password_hash=password, role="enterprise", entity_pk=entity.id))
    platform.engine.dispose()
    return env, [f"load{i}" for i in range(CLIENTS)]


@contextlib.contextmanager
def _serve_workers(env: dict[str, str], workers: int, log: Path) -> Iterator[tuple[str, psutil.Process]]:
    """``policyreach serve --workers N`` on a free loopback port, once every worker answers; yields its URL and
    the supervising process (its children are the workers)."""
    port = _port()
    command = [str(Path(sys.executable).parent / "policyreach"), "serve", "--workers", str(workers)]
    server = subprocess.Popen(
        command,
        env={**env, "POLICYREACH_HOST": "127.0.0.1", "POLICYREACH_PORT": str(port)},
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 300
        while True:
            assert server.poll() is None, log.read_text(errors="replace")[-3000:]
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.3)
        supervisor = psutil.Process(server.pid)
        # the socket answers as soon as one worker is up: wait until every worker runs and the processes have
        # gone quiet (each worker builds its platform: the library loaded and compiled)
        while workers > 1 and len(supervisor.children()) < workers:  # one worker serves in the supervisor
            assert time.monotonic() < deadline, "workers did not start"
            time.sleep(0.3)
        quiet = 0
        last = _busy(supervisor)
        while quiet < 3 and time.monotonic() < deadline:
            time.sleep(1)
            now = _busy(supervisor)
            spent = sum(now["servers"].values()) - sum(last["servers"].get(pid, 0.0) for pid in now["servers"])
            quiet = quiet + 1 if spent < 0.1 else 0
            last = now
        yield base, supervisor
    finally:
        server.terminate()
        server.wait(timeout=30)


def run_city() -> WebCityFigures:
    from tests.conftest import pg_cluster

    entities = common.env_int("CITY_ENTITIES", 20_000)
    seconds = float(os.environ.get("BENCH_WEB_SECONDS", "10"))
    counts = [int(n) for n in os.environ.get("WEB_WORKERS", "1,2").split(",") if n.strip()]
    load_at_start, machine = [round(v, 2) for v in os.getloadavg()], common.machine()
    workers: dict[str, WorkerFigures] = {}
    global _cluster
    with pg_cluster() as url, tempfile.TemporaryDirectory(prefix="policyreach-web-city-") as tmp:
        base = Path(tmp)
        _cluster = _postmaster(url)
        env, usernames = _city(url, base, entities)
        for count in counts:
            print(f"  policyreach serve --workers {count}", flush=True)
            with _serve_workers(env, count, base / f"serve-{count}.log") as (server, supervisor):
                results = asyncio.run(_load(server, usernames, CITY_RATES, seconds, supervisor))
            ok = [r["rate"] for r in results if r["p99_ms"] <= 100 and r["errors"] == 0]
            workers[str(count)] = {"max_rate_p99_under_100ms": max(ok) if ok else 0, "rates": results}
    figures: WebCityFigures = {
        "entities": entities,
        "concurrency": CLIENTS,
        "seconds_per_step": seconds,
        "load_at_start": load_at_start,
        "machine": machine,
        "workers": workers,
        "load_at_end": [round(v, 2) for v in os.getloadavg()],
    }
    _city_report(figures)
    return figures


def _city_report(f: WebCityFigures) -> None:
    common.merge_results("web_city", f)
    best = {n: w["max_rate_p99_under_100ms"] for n, w in f["workers"].items()}
    print(
        "web (PostgreSQL): highest rate with p99 ≤ 100 ms "
        + ", ".join(f"{n} worker(s) {r:.0f} req/s" for n, r in best.items()),
        flush=True,
    )
    tables = []
    for n, w in f["workers"].items():
        rows = "\n".join(
            f"| {r['rate']:.0f} | {r['p50_ms']} | {r['p99_ms']} | {r['errors']} | {r['generator_cpu_per_wall']:.2f} "
            f"({r['generator_share_of_machine']:.0%}) | {r['server_cpu_per_wall']:.2f} "
            f"({' + '.join(f'{c:.2f}' for c in r['server_cpu_per_wall_by_process'][: int(n)])}) | "
            f"{r['database_cpu_per_wall']:.2f} | {r['other_cpu_per_wall']:.2f} | "
            f"{r['machine_busy_share']:.0%} |"
            for r in w["rates"]
        )
        tables.append(
            f"`policyreach serve --workers {n}`: highest rate with p99 ≤ 100 ms **{w['max_rate_p99_under_100ms']:.0f}"
            " req/s**\n\n| rate (req/s) | p50 (ms) | p99 (ms) | errors | load generator CPU, cores (share of the "
            "machine) | server CPU, cores (by worker) | PostgreSQL CPU, cores | other jobs' CPU | machine busy |\n"
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n" + rows
        )
    start, end = (", ".join(f"{v:.2f}" for v in f[key]) for key in ("load_at_start", "load_at_end"))
    common.write_section(
        "web_city",
        f"""## Web on PostgreSQL with several server workers (`BENCH=web WEB_DB=postgres`, issue 25)

Last run: {dt.date.today().isoformat()}, `make bench BENCH=web WEB_DB=postgres CITY_ENTITIES={f["entities"]}`:
`/me/policies` for {f["concurrency"]} firms, each its own login, open-loop at a fixed rate for
{f["seconds_per_step"]:.0f} s per step (latency from the moment each request was due), against the city of
{f["entities"]:,} generated entities pushed through the ingest API into a throw-away PostgreSQL cluster, served by
`policyreach serve --workers N`. Load average (1, 5, 15 min) {start} at the start, {end} at the end, on
{f["machine"]["cores"]} cores shared with other work; the load generator (one asyncio process) runs on the same
cores, and its CPU is in the tables (cores busy = CPU seconds per wall second).

"""
        + "\n\n".join(tables)
        + "\n",
    )
