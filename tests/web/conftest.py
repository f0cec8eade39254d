"""Helpers of the web tests; the seeded platform and its app are session fixtures in tests/conftest.py."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.conftest import PLATFORM_AS_OF

AS_OF = PLATFORM_AS_OF  # the seeded platform (tests/conftest.py) is evaluated on this day


def post_login(client: TestClient | httpx.Client, username: str, password: str = "demo1234") -> httpx.Response:
    """The login form as a browser sends it: its page first (the pre-session cookie and the form's token)."""
    token = csrf_of(client.get("/login").text)
    return client.post(
        "/login", data={"username": username, "password": password, "csrf_token": token}, follow_redirects=False
    )


def login(client: TestClient, username: str, password: str = "demo1234") -> TestClient:
    response = post_login(client, username, password)
    assert response.status_code == 303, response.text
    return client


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


def claim_form(page: str, number: str = "6222 0202 0011 2233") -> dict[str, str]:
    """The one-click form as a firm fills it: the account name the page pre-fills (the registered name), a number."""
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page)
    name = re.search(r'name="account_name" value="([^"]*)"', page)
    assert key and name, "no one-click form with a bank account on the page"
    return {
        "csrf_token": csrf_of(page),
        "idempotency_key": key.group(1),
        "account_name": html.unescape(name.group(1)),
        "account_number": number,
    }


@pytest.fixture
def firm(app) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield login(client, "enterprise1")
