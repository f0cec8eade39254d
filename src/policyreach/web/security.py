"""Signed session cookies, CSRF tokens, client addresses behind proxies, security headers and the login limiter
(passwords and server-side sessions: app.accounts)."""

from __future__ import annotations

import hmac
import ipaddress
import math
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypedDict
from urllib.parse import urlsplit

from fastapi import Request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from policyreach import settings
from policyreach.app.accounts import authenticate
from policyreach.store.models import Account, LoginFailure

SESSION_COOKIE = "pr_session"
SESSION_MAX_AGE = 8 * 3600
LOGIN_COOKIE = "pr_login"  # the pre-session nonce the login form's token is bound to
LOGIN_FORM_MAX_AGE = 12 * 3600


class SessionData(TypedDict):
    """What a session cookie carries; only a cookie this platform signed is read, so every key is there."""

    a: int  # the account id
    c: str  # the CSRF token of forms
    s: str  # the server-side session's secret (app.accounts.open_session): without its row the cookie opens nothing


class Sessions:
    """Session state in a signed, time-limited cookie: the account, a CSRF token and the server-side session."""

    def __init__(self, secret: str) -> None:
        self.secret = secret
        self._serializer = URLSafeTimedSerializer(secret, salt="policyreach-session")
        self._login_forms = URLSafeTimedSerializer(secret, salt="policyreach-login-form")

    def issue(self, account_id: int, session_secret: str) -> str:
        return self._serializer.dumps({"a": account_id, "c": secrets.token_urlsafe(24), "s": session_secret})

    def read(self, cookie: str | None) -> SessionData | None:
        if not cookie:
            return None
        try:
            data = self._serializer.loads(cookie, max_age=SESSION_MAX_AGE)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not {"a", "c", "s"} <= data.keys():
            return None  # a cookie of an older release, without a server-side session: it opens nothing
        return SessionData(a=data["a"], c=data["c"], s=data["s"])

    def login_token(self, nonce: str) -> str:
        """The login form's CSRF token: the pre-session cookie's nonce, signed (a cross-site page can neither read
        the cookie nor sign another nonce, so it cannot post a login of its own choosing)."""
        return self._login_forms.dumps(nonce)

    def login_token_matches(self, token: str | None, nonce: str | None) -> bool:
        if not token or not nonce:
            return False
        try:
            signed = self._login_forms.loads(token, max_age=LOGIN_FORM_MAX_AGE)
        except BadSignature:
            return False
        return isinstance(signed, str) and hmac.compare_digest(signed, nonce)


def same_token(expected: str, given: str | None) -> bool:
    return given is not None and hmac.compare_digest(expected, given)


# -- where a request comes from ----------------------------------------------------------------------------------


class TrustedProxies:
    """The reverse proxies whose forwarding headers are believed (POLICYREACH_TRUSTED_PROXIES)."""

    def __init__(self, entries: Iterable[str]) -> None:
        self.networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        self.names: set[str] = set()  # a peer that is no address (the test client's "testclient")
        for entry in entries:
            try:
                self.networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                self.names.add(entry)

    def __contains__(self, host: str) -> bool:
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return host in self.names
        return any(address in network for network in self.networks)


def _proxies(request: Request) -> TrustedProxies:
    found = getattr(request.app.state, "trusted_proxies", None)
    return found if found is not None else TrustedProxies(())


def _peer(request: Request) -> str:
    return request.client.host if request.client else ""


def client_address(request: Request) -> str:
    """The client's address: the peer's, unless the peer is a trusted proxy; then the nearest address in
    X-Forwarded-For that is not one (the entries left of it are the client's own word and prove nothing)."""
    peer, trusted = _peer(request), _proxies(request)
    if peer not in trusted:
        return peer[:64]
    hops = [hop.strip() for hop in request.headers.get("x-forwarded-for", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if hop not in trusted:
            return hop[:64]
    return (hops[0] if hops else peer)[:64]


def is_https(request: Request) -> bool:
    """Served over HTTPS: the request's scheme, POLICYREACH_HTTPS, or a trusted proxy's X-Forwarded-Proto."""
    if request.url.scheme == "https" or settings.https():
        return True
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[-1].strip().lower()
    return forwarded == "https" and _peer(request) in _proxies(request)


def is_local(request: Request) -> bool:
    """A request from this machine itself: a loopback peer with no forwarding header (a proxy on the same machine
    forwards others' requests, and those are not local)."""
    if request.headers.get("x-forwarded-for") or request.headers.get("forwarded"):
        return False
    try:
        return ipaddress.ip_address(_peer(request)).is_loopback
    except ValueError:
        return False


def same_origin(request: Request) -> bool:
    """The Origin (or, without one, the Referer) names this site; a request with neither passes (some browsers and
    privacy tools strip both), since the form's token is still checked."""
    source = request.headers.get("origin")
    if source is None:
        source = request.headers.get("referer")
    if source is None:
        return True
    if source == "null":  # a sandboxed frame or a data: page: never this site
        return False
    netloc = urlsplit(source).netloc.lower()
    allowed = {request.headers.get("host", "").lower(), urlsplit(settings.public_url()).netloc.lower()}
    if _peer(request) in _proxies(request) and request.headers.get("x-forwarded-host"):
        allowed.add(request.headers["x-forwarded-host"].split(",")[-1].strip().lower())
    return netloc in allowed - {""}


# -- headers -----------------------------------------------------------------------------------------------------

CONTENT_SECURITY_POLICY = (
    # every script is a file of this origin: no inline script or handler, no eval (charts are drawn by
    # /static/charts.js from the figure's JSON in a data attribute); Plotly still sets inline styles
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
}
HSTS = "max-age=31536000; includeSubDomains"


def security_headers(request: Request) -> dict[str, str]:
    headers = dict(SECURITY_HEADERS)
    if is_https(request):  # over plain HTTP the header is ignored by browsers, and would mislead a reader
        headers["Strict-Transport-Security"] = HSTS
    return headers


# -- the login limiter -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    attempt: int | None  # the row recording this attempt, None when refused
    retry_after: int = 0  # seconds
    message: str = ""


def _wait_text(seconds: int) -> str:
    return f"{seconds} 秒" if seconds < 60 else f"{math.ceil(seconds / 60)} 分钟"


class LoginLimiter:
    """Limits on guessing passwords, shared by every way to log in and every server process (``login_failures``).

    - **A user name under attack is slowed, not locked:** after ``free`` failures on a name (from any address)
      within ``window`` seconds, an address that failed on that name must wait before its next try, a wait that
      doubles with every further failure on the name, from ``base`` up to ``max_wait``. The wait runs from that
      address's own last failure, so an address that has not failed on the name (the owner, elsewhere) is always
      heard at once: nobody can lock another person out by failing on their name.
    - **A source address that fails often is blocked hard:** ``address_limit`` failures within ``window``, on any
      names (one password tried over many names), and it is refused until they age out.

    Every attempt is written *before* its password is checked and counted with the others in flight, so parallel
    tries cannot all slip through before the first failure is recorded; a refused or successful attempt's row is
    deleted, a failed one's stays as the failure. Rows older than ``window`` are pruned at each failure, which
    bounds the table by one window of attempts (each costing an argon2 run).
    """

    def __init__(
        self,
        free: int = 5,
        base: float = 30.0,
        max_wait: float = 900.0,
        address_limit: int = 30,
        window: float = 900.0,
    ) -> None:
        self.free, self.base, self.max_wait = free, base, max_wait
        self.address_limit, self.window = address_limit, window

    def wait(self, failures: int) -> float:
        """Seconds an address waits after its own failure, when the name has ``failures`` within the window."""
        if failures < self.free:
            return 0.0
        return min(self.base * 2 ** min(failures - self.free, 16), self.max_wait)

    def attempt(self, session: Session, username: str, address: str, now: float) -> Verdict:
        username, address = username[:64], address[:64]
        row = LoginFailure(username=username, address=address, at=now)
        session.add(row)
        session.commit()  # visible to the other processes before this attempt counts them
        since = now - self.window
        others = LoginFailure.id != row.id
        refusal = self._address_blocked(session, address, since, others, now) or self._name_slowed(
            session, username, address, since, others, now
        )
        if refusal is not None:
            session.execute(delete(LoginFailure).where(LoginFailure.id == row.id))
            session.commit()
            return refusal
        return Verdict(row.id)

    def _address_blocked(
        self, session: Session, address: str, since: float, others: ColumnElement[bool], now: float
    ) -> Verdict | None:
        recent = select(LoginFailure.at).where(LoginFailure.address == address, LoginFailure.at > since, others)
        oldest_counted = session.scalar(recent.order_by(LoginFailure.at.desc()).offset(self.address_limit - 1).limit(1))
        if oldest_counted is None:
            return None
        retry = max(1, math.ceil(oldest_counted + self.window - now))
        return Verdict(None, retry, f"此网络地址登录失败次数过多，已暂时封禁，请 {_wait_text(retry)}后再试")

    def _name_slowed(
        self, session: Session, username: str, address: str, since: float, others: ColumnElement[bool], now: float
    ) -> Verdict | None:
        on_name = (LoginFailure.username == username, LoginFailure.at > since, others)
        failures = session.scalar(select(func.count()).select_from(LoginFailure).where(*on_name)) or 0
        wait = self.wait(failures)
        if not wait:
            return None
        last_here = session.scalar(select(func.max(LoginFailure.at)).where(*on_name, LoginFailure.address == address))
        if last_here is None or now >= last_here + wait:
            return None
        retry = max(1, math.ceil(last_here + wait - now))
        return Verdict(None, retry, f"登录尝试过于频繁，请 {_wait_text(retry)}后再试")

    def failed(self, session: Session, verdict: Verdict, now: float) -> None:
        session.execute(delete(LoginFailure).where(LoginFailure.at <= now - self.window))
        session.commit()

    def succeeded(self, session: Session, verdict: Verdict, username: str, address: str) -> None:
        """The attempt's row goes, and with it this address's failures on this name (never others' failures: an
        attacker who owns one account must not be able to clear the count of the address or of another name)."""
        session.execute(
            delete(LoginFailure).where(
                (LoginFailure.id == verdict.attempt)
                | ((LoginFailure.username == username[:64]) & (LoginFailure.address == address[:64]))
            )
        )
        session.commit()


class TooManyAttempts(Exception):
    """A login refused by the limiter, before any password was checked: answered 429 with Retry-After."""

    def __init__(self, retry_after: int, message: str) -> None:
        super().__init__(message)
        self.retry_after, self.message = retry_after, message


def check_login(request: Request, session: Session, username: str, password: str) -> Account | None:
    """The one way to check credentials (the login form and ``/api/token``): limited per name and address, one
    argon2 run per attempt heard. Raises TooManyAttempts; None for a wrong name or password."""
    limiter: LoginLimiter = request.app.state.login_limiter
    address, now = client_address(request), time.time()
    verdict = limiter.attempt(session, username, address, now)
    if verdict.attempt is None:
        raise TooManyAttempts(verdict.retry_after, verdict.message)
    user = authenticate(session, username, password)
    if user is None:
        limiter.failed(session, verdict, now)
    else:
        limiter.succeeded(session, verdict, username, address)
    return user
