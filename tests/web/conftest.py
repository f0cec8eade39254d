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


def plain_readings(case_keys: list[str]) -> dict[str, str]:
    """The readings any officer gives without doubt, per benefit: the case meeting every condition is 符合, the case
    outside the policy's scope (or, lacking one, just below its first threshold) is 不符合; the rest left unstated."""
    readings: dict[str, str] = {}
    benefits = dict.fromkeys(key.split(":")[0] for key in case_keys)
    for benefit in benefits:
        if f"{benefit}:typical" in case_keys:
            readings[f"{benefit}:typical"] = "eligible"
        outside = next((k for k in (f"{benefit}:excluded", f"{benefit}:0:below") if k in case_keys), None)
        if outside is not None:
            readings[outside] = "ineligible"
    return readings


def state_plain_cases(client: TestClient, version_id: int) -> httpx.Response:
    """The officer states ``plain_readings`` on the version's cases page (the submission gate needs them)."""
    page = client.get(f"/console/policy-versions/{version_id}/cases").text
    readings = plain_readings(re.findall(r'name="case" value="([^"]+)"', page))
    data: dict[str, object] = {"csrf_token": csrf_of(page), "case": list(readings)}
    data |= {"outcome": list(readings.values()), "amount": [""] * len(readings)}
    return client.post(f"/console/policy-versions/{version_id}/cases", data=data, follow_redirects=False)
