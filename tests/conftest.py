from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from policyreach.rules.library import load_library
from policyreach.rules.schema import load_schema

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def fixture_schema():
    return load_schema(FIXTURES / "schema")


@pytest.fixture(scope="session")
def fixture_library(fixture_schema):
    return load_library(FIXTURES / "library", fixture_schema)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throw-away PostgreSQL cluster for the whole session (initdb refuses root: run as ``postgres``)."""
    path = os.pathsep.join([os.environ.get("PATH", ""), *sorted(glob.glob("/usr/lib/postgresql/*/bin"))])
    initdb, pg_ctl = shutil.which("initdb", path=path), shutil.which("pg_ctl", path=path)
    assert initdb and pg_ctl, "PostgreSQL server binaries (initdb, pg_ctl) are not installed: run make test"
    base = Path(tempfile.mkdtemp(prefix="policyreach-pg-"))
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(base, "postgres")
    data, port = base / "data", _free_port()
    subprocess.run([*as_postgres, initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"],
                   check=True, capture_output=True)
    subprocess.run([*as_postgres, pg_ctl, "-D", str(data), "-l", str(base / "server.log"), "-w", "-o",
                    f"-p {port} -h 127.0.0.1 -k {base} -F", "start"], check=True, capture_output=True)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_postgres, pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)
