"""Helpers of the web tests; the seeded platform and its app are session fixtures in tests/conftest.py."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.conftest import PLATFORM_AS_OF

AS_OF = PLATFORM_AS_OF  # the seeded platform (tests/conftest.py) is evaluated on this day


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
