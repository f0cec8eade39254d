"""One seeded platform per test session: a temporary SQLite database, the sample library, a small city."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from policyreach import settings
from policyreach.population.generate import generate
from policyreach.rules.library import load_library
from policyreach.rules.schema import load_schema
from policyreach.store.db import make_engine, migrate, sessions, transaction
from policyreach.web.app import create_app
from policyreach.web.platform import Platform
from policyreach.web.seed import seed

AS_OF = dt.date(2026, 6, 1)


@pytest.fixture(scope="session")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Platform:
    base: Path = tmp_path_factory.mktemp("web")
    generate(1500, 17, base / "pop.parquet", as_of_year=AS_OF.year)
    engine = make_engine(f"sqlite:///{base / 'web.db'}")
    migrate(engine)
    schema = load_schema(settings.ROOT / "schema")
    library_dir = base / "library"  # a copy: uploads in the tests publish here, never into the repository
    shutil.copytree(settings.ROOT / "library", library_dir)
    plat = Platform(engine, sessions(engine), schema, load_library([library_dir], schema), AS_OF, library_dir)
    with transaction(plat.sessions) as session:
        seed(session, base / "pop.parquet", schema, plat.compiled, AS_OF)
    return plat


@pytest.fixture(scope="session")
def app(platform: Platform):
    return create_app(platform, secret="test-secret")


def login(client: TestClient, username: str, password: str = "demo1234") -> TestClient:
    response = client.post("/login", data={"username": username, "password": password}, follow_redirects=False)
    assert response.status_code == 303, response.text
    return client


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


@pytest.fixture
def firm(app) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield login(client, "enterprise1")
