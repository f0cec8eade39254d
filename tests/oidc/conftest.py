"""A real OpenID Connect provider (the npm package oidc-provider, run by Node from provider.mjs) and the platform
served with unified sign-in pointing at it, both on 127.0.0.1, once per test session."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import httpx
import pytest
from sqlalchemy import select

from policyreach.standards.uscc import make_uscc
from policyreach.store.models import Account, Entity
from tests.conftest import _free_port

HERE = Path(__file__).parent
CLIENT_ID, CLIENT_SECRET = "policyreach", "client-secret-of-the-tests"
UNKNOWN_CODE = make_uscc("9", "1", "220101", "MA000000")  # well-formed, and no firm of the sample city has it


@dataclass(frozen=True)
class Oidc:
    issuer: str
    app_url: str
    app: object  # the FastAPI app (its session serializer signs a forged pending cookie in the nonce test)
    firm: Entity
    talent: Entity
    claimant: Entity  # a firm with a one-click benefit: its legal person authorises an agent who claims it
    benefit_id: str  # that benefit

    @property
    def callback(self) -> str:
        return f"{self.app_url}/login/oidc/callback"


def _entity_of(platform, username: str) -> Entity:
    with platform.sessions() as session:
        account = session.scalar(select(Account).where(Account.username == username))
        assert account is not None and account.entity is not None, f"the demo city has no {username}"
        entity = account.entity
        session.expunge(entity)
        return entity


def _start_provider(config: dict) -> tuple[subprocess.Popen[str], str]:
    node = shutil.which("node")
    assert node, "Node is not installed: run make system-deps"
    assert (HERE / "node_modules" / "oidc-provider").is_dir(), "oidc-provider is not installed: run make system-deps"
    process = subprocess.Popen(
        [node, str(HERE / "provider.mjs"), json.dumps(config)],
        stdin=subprocess.PIPE,  # closed when the tests end, however they end: the provider stops with it
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line, "the OIDC provider did not start"
    return process, json.loads(line)["issuer"]


@pytest.fixture(scope="session")
def oidc(platform) -> Iterator[Oidc]:
    import uvicorn

    from policyreach.web.app import create_app
    from policyreach.web.oidc import OidcConfig
    from tests.web.test_one_click import _firm_with_a_one_click_benefit

    firm, talent = _entity_of(platform, "enterprise1"), _entity_of(platform, "talent1")
    claimant_login, benefit_id = _firm_with_a_one_click_benefit(platform, from_the_middle=True)
    claimant = _entity_of(platform, claimant_login)
    port = _free_port()
    app_url = f"http://127.0.0.1:{port}"
    accounts = {
        "legal-person-1": {"name": "法人一", "credit_code": firm.uscc},
        "legal-person-late": {"name": "法人二", "credit_code": firm.uscc},
        "legal-person-phone": {"name": "法人三", "credit_code": firm.uscc},  # the browser test's own
        "stranger": {"name": "外地企业", "credit_code": UNKNOWN_CODE},
        talent.values["id_hash"]: {"name": talent.name},
        "legal-person-agents": {"name": "法人四", "credit_code": claimant.uscc},
        "agent-person-1": {"name": "周会计"},  # a natural person, neither a firm nor a talent: only an agent
        # conference members the roster names by their identity (tests/conference/test_member_identity.py)
        "member-person-1": {"name": "身份委员甲"},
        "member-person-2": {"name": "身份委员乙"},
    }
    provider, issuer = _start_provider(
        {
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "redirect_uris": [f"{app_url}/login/oidc/callback"],
            "post_logout_redirect_uris": [f"{app_url}/login"],
            "accounts": accounts,
            "short_lived": ["legal-person-late"],
        }
    )
    config = OidcConfig(
        issuer=issuer,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        redirect_url=f"{app_url}/login/oidc/callback",
        post_logout_url=f"{app_url}/login",
        leeway=0,  # the expired-token test waits out a one-second token, not a tolerance
    )
    app = create_app(platform, secret="oidc-secret", identity=config)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield Oidc(
            issuer=issuer,
            app_url=app_url,
            app=app,
            firm=firm,
            talent=talent,
            claimant=claimant,
            benefit_id=benefit_id,
        )
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        assert provider.stdin is not None
        provider.stdin.close()
        try:
            provider.wait(timeout=5)
        except subprocess.TimeoutExpired:
            provider.kill()


def at_provider(client: httpx.Client, oidc: Oidc, login: str, next: str = "/") -> str:
    """Start a sign-in at the platform and sign in at the provider as ``login``: the callback URL the provider
    sends the browser back to (not yet visited)."""
    started = client.get(f"{oidc.app_url}/login/oidc", params={"next": next})
    assert started.status_code == 303, started.text
    url = started.headers["location"]
    assert url.startswith(f"{oidc.issuer}/auth?")
    for _ in range(10):
        response = client.get(url)
        if response.status_code == 200 and 'name="login"' in response.text:
            action = re.search(r'action="([^"]+)"', response.text)
            assert action is not None
            response = client.post(
                urljoin(url, action.group(1)), data={"prompt": "login", "login": login, "password": "any"}
            )
        assert response.status_code in (302, 303), response.text[:500]
        url = urljoin(url, response.headers["location"])
        if url.startswith(oidc.callback):
            return url
    raise AssertionError("the provider never sent the browser back")
