"""A real Spark cluster, not only local mode: a standalone master and a worker on 127.0.0.1.

Both are started from the installed pyspark (``spark-class``, ``SPARK_HOME`` = the package's
directory) on free ports; ``policyreach match --backend spark --master spark://…`` runs in its
own process as the driver, the worker's executor does the work, and the results are the
in-process engine's. The cluster is shut down in the fixture's teardown, whatever happened.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pyspark
import pytest

from policyreach.engine.batch import match_population
from policyreach.engine.streaming import read_matches
from policyreach.rules.library import CompiledLibrary
from tests.spark.conftest import AS_OF, ROOT

SPARK_HOME = Path(pyspark.__file__).resolve().parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _cluster_state(ui_port: int) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{ui_port}/json/", timeout=5) as response:
        return json.load(response)


def _wait(what: str, check: object, processes: list[subprocess.Popen], logs: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for proc in processes:
            assert proc.poll() is None, f"{proc.args[1]} exited: {_tail(logs)}"
        try:
            if check():  # type: ignore[operator]
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{what} within {timeout}s: {_tail(logs)}")


def _tail(logs: Path) -> str:
    return "\n".join(p.read_text(errors="replace")[-2000:] for p in sorted(logs.glob("*.log")))


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def standalone_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """(master URL, master web UI port) of a one-worker standalone cluster."""
    base = tmp_path_factory.mktemp("spark-cluster")
    env = {
        **os.environ,
        "SPARK_HOME": str(SPARK_HOME),
        "SPARK_LOCAL_IP": "127.0.0.1",
        "SPARK_LOG_DIR": str(base),
        "SPARK_WORKER_DIR": str(base / "work"),
        "PYSPARK_PYTHON": sys.executable,
        "SPARK_NO_DAEMONIZE": "1",
    }
    port, ui_port, worker_ui = _free_port(), _free_port(), _free_port()
    spark_class = str(SPARK_HOME / "bin" / "spark-class")
    processes: list[subprocess.Popen] = []

    def start(name: str, *args: str) -> subprocess.Popen:
        log = (base / f"{name}.log").open("w")
        proc = subprocess.Popen(
            [spark_class, *args], env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )  # its own process group: the teardown stops it all
        processes.append(proc)
        return proc

    try:
        start(
            "master",
            "org.apache.spark.deploy.master.Master",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--webui-port",
            str(ui_port),
        )
        _wait("the master listening", lambda: _cluster_state(ui_port)["status"] == "ALIVE", processes, base)
        start(
            "worker",
            "org.apache.spark.deploy.worker.Worker",
            "--host",
            "127.0.0.1",
            "--cores",
            "2",
            "--memory",
            "1g",
            "--webui-port",
            str(worker_ui),
            "--work-dir",
            str(base / "work"),
            f"spark://127.0.0.1:{port}",
        )
        _wait("the worker registered", lambda: _cluster_state(ui_port)["aliveworkers"] == 1, processes, base)
        yield f"spark://127.0.0.1:{port}", ui_port
    finally:
        for proc in reversed(processes):
            _stop(proc)


def test_match_on_a_standalone_cluster(
    standalone_cluster: tuple[str, int], population_file: Path, sample_compiled: CompiledLibrary, tmp_path: Path
) -> None:
    master, ui_port = standalone_cluster
    out = tmp_path / "matches"
    command = [
        str(Path(sys.executable).parent / "policyreach"),
        "match",
        "--backend",
        "spark",
        "--master",
        master,
        "--conf",
        "spark.executor.memory=768m",
        "--conf",
        "spark.sql.shuffle.partitions=2",
        "--input",
        str(population_file),
        "--out",
        str(out),
        "--library",
        str(ROOT / "library"),
        "--schema",
        str(ROOT / "schema"),
        "--as-of",
        AS_OF.isoformat(),
    ]
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable, "SPARK_LOCAL_IP": "127.0.0.1"}
    run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-4000:]
    assert f"Spark（{master}）" in run.stdout
    # the job ran on the cluster: the master lists the finished application and its executor's cores
    apps = _cluster_state(ui_port)["completedapps"]
    assert any(app["name"] == "policyreach-match" and app["cores"] >= 1 for app in apps), apps
    got = read_matches(out).sort(["entity_id", "benefit_id"])
    want = match_population(sample_compiled, pl.read_parquet(population_file)).frame()
    want = want.with_columns(pl.col("degree").cast(pl.Int32)).sort(["entity_id", "benefit_id"])
    assert got.height == want.height > 10_000
    assert got.drop("outcomes").equals(want)
