from __future__ import annotations

import contextlib
import datetime as dt
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

from policyreach import plugins
from policyreach.population.generate import generate
from policyreach.rules.library import load_library
from policyreach.rules.schema import load_schema

FIXTURES = Path(__file__).parent / "fixtures"

# Tests sign the audit chain with a key of their own and keep its anchor out of the repository's data directory;
# processes the tests start inherit both.
os.environ.setdefault("POLICYREACH_AUDIT_KEY", "test-audit-key-" + os.urandom(8).hex())
os.environ.setdefault(
    "POLICYREACH_AUDIT_ANCHOR", str(Path(tempfile.mkdtemp(prefix="policyreach-anchor-")) / "audit.anchor")
)
# the sensitive fields' key ring and the retention exports likewise stay out of the repository
_keep = Path(tempfile.mkdtemp(prefix="policyreach-keys-"))
os.environ.setdefault("POLICYREACH_FIELD_KEYS", str(_keep / "field.keys"))
os.environ.setdefault("POLICYREACH_RETENTION_EXPORT_DIR", str(_keep / "retention"))

# Every password of the tests is throw-away: hashed at argon2's least cost instead of the default's 64 MiB and four
# lanes (0.2 CPU-s a run, paid at every sign-in of the suite); tests/app/test_accounts.py checks the default.
os.environ.setdefault("POLICYREACH_ARGON2", "1,8,1")

# The seeded platform of the tests is a demo city, whose officers sign in with the demo password alone, as in
# `make run`; the second factor's own tests build apps that require it (tests/web/test_second_factor.py).
os.environ.setdefault("POLICYREACH_TOTP_REQUIRED", "0")

# The policy side's tests also run with the conference plug-in disabled (POLICYREACH_PLUGINS=none, in make test):
# then the plug-in's own tests are not collected, since there is nothing of it to test.
_enabled = {p.name for p in plugins.installed()}
collect_ignore = [] if "conference" in _enabled else ["conference", "test_plugins.py", "cli"]


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


@contextlib.contextmanager
def pg_cluster() -> Iterator[str]:
    """A throw-away PostgreSQL cluster, stopped and removed on exit (initdb refuses root: run as ``postgres``)."""
    path = os.pathsep.join([os.environ.get("PATH", ""), *sorted(glob.glob("/usr/lib/postgresql/*/bin"))])
    initdb, pg_ctl = shutil.which("initdb", path=path), shutil.which("pg_ctl", path=path)
    assert initdb and pg_ctl, "PostgreSQL server binaries (initdb, pg_ctl) are not installed: run make test"
    base = Path(tempfile.mkdtemp(prefix="policyreach-pg-"))
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(base, "postgres")
    data, port = base / "data", _free_port()
    subprocess.run(
        [*as_postgres, initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            *as_postgres,
            pg_ctl,
            "-D",
            str(data),
            "-l",
            str(base / "server.log"),
            "-w",
            "-o",
            f"-p {port} -h 127.0.0.1 -k {base} -F",
            "start",
        ],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_postgres, pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throw-away PostgreSQL cluster for the whole session."""
    with pg_cluster() as url:
        yield url


@pytest.fixture(scope="session")
def postgres_database(postgres_url: str):
    """Make a fresh database on the session's cluster and give its URL: each suite its own, none sees another's rows."""
    import psycopg

    def make(name: str) -> str:
        with psycopg.connect(postgres_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
        return postgres_url.rsplit("/", 1)[0] + "/" + name

    return make


# -- the seeded platform, its server and the browser: one of each per test session, shared by every directory ----
# (a module that re-imports a session fixture gets its own copy: a second platform, server or Playwright, and two
# sync Playwrights cannot run in one process)

PLATFORM_AS_OF = dt.date(2026, 6, 1)
ARTIFACTS = Path(__file__).parent / "artifacts"
PHONE = {"width": 390, "height": 844}


def seeded_platform(base: Path):
    """A temporary SQLite database, a copy of the sample library, a small seeded city (the conference's year too)."""
    from tests.platforms import demo_platform

    return demo_platform(base, None, 1500, 17, PLATFORM_AS_OF)


@pytest.fixture(scope="session")
def platform(tmp_path_factory: pytest.TempPathFactory):
    """The platform in-process tests call through TestClient."""
    return seeded_platform(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="session")
def likelihood_file(platform, tmp_path_factory: pytest.TempPathFactory):
    """A learned likelihood of the shared platform, trained once per session (on a small sample per model: the
    nightly job's sample is a setting) and then taken away again, so that a test sees a model only through
    :func:`with_likelihood`. Returns the model and the file it was stored in."""
    from sqlalchemy import delete

    from policyreach.app import likelihood
    from policyreach.store.models import PlatformState

    path = tmp_path_factory.mktemp("model") / "likelihood.pkl"
    patch = pytest.MonkeyPatch()
    patch.setenv("POLICYREACH_LIKELIHOOD_MODEL", str(path))
    patch.setenv("POLICYREACH_LIKELIHOOD_MAX_ROWS", "400")
    try:
        with platform.sessions() as session, session.begin():
            model = platform.train_likelihood(session)
    finally:
        patch.undo()
        platform.likelihood = None
        with platform.sessions() as session, session.begin():
            session.execute(delete(PlatformState).where(PlatformState.key == likelihood.LIKELIHOOD_VERSION))
    return model, path


@contextlib.contextmanager
def with_likelihood(platform, trained) -> Iterator[object]:
    """The shared platform with the session's model in force, as a process sees it after the nightly training (the
    file in place, its version announced), and without it again afterwards."""
    from sqlalchemy import delete

    from policyreach.app import likelihood
    from policyreach.store.models import PlatformState

    model, path = trained
    patch = pytest.MonkeyPatch()
    patch.setenv("POLICYREACH_LIKELIHOOD_MODEL", str(path))
    with platform.sessions() as session, session.begin():
        session.merge(PlatformState(key=likelihood.LIKELIHOOD_VERSION, value=model.info.version))
    platform.likelihood = model
    try:
        yield model
    finally:
        patch.undo()
        platform.likelihood = None
        with platform.sessions() as session, session.begin():
            session.execute(delete(PlatformState).where(PlatformState.key == likelihood.LIKELIHOOD_VERSION))


@pytest.fixture(scope="session")
def served_platform(tmp_path_factory: pytest.TempPathFactory):
    """The platform behind the live server: browser clicks change its data, never that of the in-process tests."""
    return seeded_platform(tmp_path_factory.mktemp("served"))


@pytest.fixture(scope="session")
def app(platform):
    from policyreach.web.app import create_app

    return create_app(platform, secret="test-secret")


@pytest.fixture(scope="session")
def server(served_platform) -> Iterator[str]:
    """The platform served by uvicorn on loopback, in a thread."""
    import threading
    import time

    import uvicorn

    from policyreach.web.app import create_app

    port = _free_port()
    config = uvicorn.Config(
        create_app(served_platform, secret="browser-secret"), host="127.0.0.1", port=port, log_level="warning"
    )
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield instance
        instance.close()


def _page(browser, request, **options):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="zh-CN", accept_downloads=True, **options)
    page = context.new_page()
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.fixture
def phone(browser, request):
    yield from _page(browser, request, viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)


@pytest.fixture
def desktop(browser, request):
    yield from _page(browser, request, viewport={"width": 1280, "height": 900})


# -- generated firms for the import tests (the imports package and the CLI's import command) ----------------------


@pytest.fixture(scope="session")
def sample_firms(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    """A few generated enterprises with every core value present: valid USCCs, districts, industries."""
    path = tmp_path_factory.mktemp("firms") / "firms.parquet"
    generate(2_000, 99, path, missing_rate=0.0)
    df = pl.read_parquet(path).filter(pl.col("kind") == "enterprise").head(10)
    return df.to_dicts()


@pytest.fixture
def out_dir(tmp_path) -> Path:
    return tmp_path


# The longest single files, started first: `make test` hands files to its workers in collection order (--dist
# loadfile --no-loadscope-reorder), so a long file collected last ran alone while the other worker had finished (the
# last CI's slowest tests; each is one file that cannot be split across workers). xdist's default order, the files
# with the most tests first, put these one-test files last.
LONGEST_FIRST = (
    "tests/browser/test_accessibility.py",
    "tests/integration/test_deploy_guide.py",
    "tests/spark/test_standalone_cluster.py",
    "tests/redemption/test_money_machine.py",
    "tests/web/test_authorization.py",
    "tests/spark/test_spark_parity.py",
    "tests/spark/test_nightly_rematch.py",
    "tests/spark/test_sample_parity.py",
    "tests/spark/test_match_cli.py",
    "tests/cli/test_run.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    rank = {path: i for i, path in enumerate(LONGEST_FIRST)}
    root = Path(str(config.rootpath))

    def first(item: pytest.Item) -> int:
        return rank.get(Path(str(item.path)).relative_to(root).as_posix(), len(LONGEST_FIRST))

    items.sort(key=first)  # stable: every other test keeps its place
