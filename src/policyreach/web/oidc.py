"""Sign-in through the province's unified identity (OpenID Connect, Authlib): authorization code with PKCE.

``/login/oidc`` sends the browser to the provider with a fresh state, nonce and PKCE verifier, kept in a signed,
short-lived cookie of this browser; ``/login/oidc/callback`` takes the provider's answer only with that cookie's
state, trades the code (with the verifier) for tokens, verifies the ID token (signature against the provider's JWKS,
iss, aud, exp, the nonce) and maps the identity to an account (``app/identities.py``). The session it opens is the
platform's own (``auth_sessions``), like a password login's. Off unless POLICYREACH_OIDC_ISSUER is set.
"""

from __future__ import annotations

import hmac
import logging
import threading
import time
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlsplit

import requests
from authlib.integrations.base_client import BaseApp, OAuth2Mixin, OAuthError, OpenIDMixin
from authlib.integrations.requests_client import OAuth2Session
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer
from joserfc.errors import ExpiredTokenError, InvalidClaimError, JoseError, MissingClaimError
from sqlalchemy.orm import Session

from policyreach import settings
from policyreach.app import agents
from policyreach.app.accounts import open_session
from policyreach.app.identities import Identity, IdentityRefused, signs_in_through
from policyreach.app.identities import sign_in as identity_sign_in
from policyreach.redemption import audit
from policyreach.web.deps import allow, db
from policyreach.web.security import SESSION_COOKIE, SESSION_MAX_AGE, Sessions, client_address, is_https

log = logging.getLogger("policyreach.web.oidc")
router = APIRouter()
DbSession = Annotated[Session, Depends(db)]

PENDING_COOKIE = "pr_oidc"  # the state, nonce and PKCE verifier of the sign-in this browser started
PENDING_MAX_AGE = 600  # seconds a person has at the provider
PENDING_PATH = "/login/oidc"


@dataclass(frozen=True)
class OidcConfig:
    issuer: str
    client_id: str
    client_secret: str
    redirect_url: str
    post_logout_url: str
    scopes: str = "openid profile credit_code"
    credit_code_claim: str = "credit_code"
    person_claim: str = "sub"
    leeway: int = 30  # seconds of clock difference allowed on exp and iat
    timeout: float = 10.0  # seconds for each call to the provider

    @classmethod
    def from_settings(cls) -> OidcConfig | None:
        issuer = settings.oidc_issuer()
        if not issuer:
            return None
        return cls(
            issuer=issuer,
            client_id=settings.oidc_client_id(),
            client_secret=settings.oidc_client_secret(),
            redirect_url=settings.oidc_redirect_url(),
            post_logout_url=settings.oidc_post_logout_url(),
            # an OpenID Connect request, whatever else is asked: without "openid" no ID token and no nonce
            scopes=" ".join(dict.fromkeys(["openid", *settings.oidc_scopes().split()])),
            credit_code_claim=settings.oidc_credit_code_claim(),
            person_claim=settings.oidc_person_claim(),
            leeway=settings.oidc_leeway(),
        )


class _AuthlibClient(OAuth2Mixin, OpenIDMixin, BaseApp):
    """Authlib's own OpenID Connect client (the one its framework integrations use) over requests, without a
    framework: this platform keeps the pending state in its own signed cookie, not in a server-side session."""

    client_cls = OAuth2Session


class ProviderError(Exception):
    """The provider could not be reached or answered nonsense: a 502 for the person, the details in the log."""


class OidcClient:
    """The provider's metadata and keys (read once, keys again on an unknown key id) and the flow's three calls."""

    def __init__(self, config: OidcConfig) -> None:
        self.config = config
        self._lock = threading.Lock()
        self._app = _AuthlibClient(
            framework=None,
            name="unified-identity",
            client_id=config.client_id,
            client_secret=config.client_secret or None,
            server_metadata_url=f"{config.issuer}/.well-known/openid-configuration",
            client_kwargs={
                "scope": config.scopes,
                "code_challenge_method": "S256",
                "token_endpoint_auth_method": "client_secret_basic" if config.client_secret else "none",
                "default_timeout": config.timeout,
            },
        )

    def metadata(self) -> dict[str, Any]:
        with self._lock:  # several request threads may be first
            try:
                found: dict[str, Any] = self._app.load_server_metadata()
            except (requests.RequestException, ValueError) as exc:
                raise ProviderError(f"metadata: {exc}") from exc
        if found.get("issuer", "").rstrip("/") != self.config.issuer:
            # OpenID Connect Discovery: metadata naming another issuer is not this provider's
            self._app.server_metadata.pop("_loaded_at", None)
            raise ProviderError(f"metadata names issuer {found.get('issuer')!r}, not {self.config.issuer!r}")
        return found

    def start(self) -> dict[str, str]:
        """The authorization URL with a fresh state, nonce and PKCE (S256) verifier."""
        self.metadata()
        started: dict[str, str] = self._app.create_authorization_url(self.config.redirect_url)
        return started

    def finish(self, code: str, verifier: str, nonce: str) -> dict[str, Any]:
        """Trade the code for tokens and verify the ID token: the claims, with userinfo's when the token lacks the
        identity's claims. Raises OAuthError (refused by the provider), JoseError (a token that fails a check) or
        ProviderError."""
        if not nonce:  # Authlib checks the token's nonce only against a non-empty one
            raise MissingClaimError("nonce")
        self.metadata()
        try:
            token = self._app.fetch_access_token(self.config.redirect_url, code=code, code_verifier=verifier)
        except requests.RequestException as exc:
            raise ProviderError(f"token endpoint: {exc}") from exc
        if "id_token" not in token:
            raise MissingClaimError("id_token")
        options = {
            "iss": {"essential": True, "value": self.config.issuer},
            "aud": {"essential": True, "value": self.config.client_id},
        }
        claims: dict[str, Any] = dict(
            self._app.parse_id_token(token, nonce=nonce, claims_options=options, leeway=self.config.leeway)
        )
        # a provider that follows OpenID Connect Core to the letter puts a code flow's profile claims in userinfo
        # only; a person's identity has no credit code anywhere, and asking once more costs one call
        if not claims.get(self.config.credit_code_claim) and self.metadata().get("userinfo_endpoint"):
            try:
                info = dict(self._app.userinfo(token=token))
            except requests.RequestException as exc:
                raise ProviderError(f"userinfo: {exc}") from exc
            if info.get("sub") != claims.get("sub"):  # OpenID Connect Core 5.3.2: another person's userinfo
                raise InvalidClaimError("sub")
            claims = {**info, **claims}
        return claims

    def logout_url(self) -> str | None:
        """The provider's end_session_endpoint (RP-initiated logout), with where to come back, or None."""
        try:
            endpoint = self.metadata().get("end_session_endpoint")
        except ProviderError:
            log.warning("provider unreachable at logout: only the platform's session ended", exc_info=True)
            return None
        if not endpoint:
            return None
        made: dict[str, str] = self._app.create_logout_url(
            post_logout_redirect_uri=self.config.post_logout_url, client_id=self.config.client_id
        )
        return made["url"]

    def allow_logout_redirect(self, csp: str) -> str:
        """The content-security policy with the provider's origins in form-action: browsers apply it to the
        redirects that follow a form's submission, and the logout form's answer redirects to the provider."""
        endpoint = self._app.server_metadata.get("end_session_endpoint") or ""
        origins = dict.fromkeys(_origin(url) for url in (self.config.issuer, endpoint) if url)
        return csp.replace("form-action 'self'", " ".join(["form-action 'self'", *origins]), 1)

    def identity(self, claims: dict[str, Any]) -> Identity:
        def text(name: str) -> str | None:
            value = claims.get(name)
            return str(value).strip() or None if value is not None else None

        return Identity(
            issuer=self.config.issuer,
            subject=str(claims["sub"]),
            credit_code=text(self.config.credit_code_claim),
            person_id=text(self.config.person_claim),
            name=text("name"),
        )


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def client_of(request: Request) -> OidcClient:
    found: OidcClient | None = getattr(request.app.state, "oidc", None)
    if found is None:
        raise HTTPException(404, "本平台未启用统一身份认证，请使用用户名和密码登录")
    return found


def _pending(request: Request) -> URLSafeTimedSerializer:
    sessions: Sessions = request.app.state.sessions
    return URLSafeTimedSerializer(sessions.secret, salt="policyreach-oidc-pending")


def _local(target: str) -> str:
    """A path on this site to go to after signing in (never another site; short enough for the pending cookie)."""
    local = target.startswith("/") and not target.startswith("//") and "\\" not in target and len(target) <= 1000
    return target if local else "/"


@router.get("/login/oidc", include_in_schema=False, dependencies=[Depends(allow("public.read"))])
def start(request: Request, next: str = "/") -> Response:
    client = client_of(request)
    try:
        started = client.start()
    except ProviderError:
        log.warning("unified identity unreachable", exc_info=True)
        raise HTTPException(502, "统一身份认证平台暂时无法访问，请稍后重试，或使用用户名和密码登录") from None
    pending = {k: started[k] for k in ("state", "nonce", "code_verifier")} | {"next": _local(next)}
    response = RedirectResponse(started["url"], status_code=303)
    response.set_cookie(
        PENDING_COOKIE,
        _pending(request).dumps(pending),
        max_age=PENDING_MAX_AGE,
        httponly=True,
        samesite="lax",  # the provider sends the browser back by a top-level GET, which carries a lax cookie
        secure=is_https(request),
        path=PENDING_PATH,
    )
    return response


REFUSED_BY_PROVIDER = {
    "access_denied": "您在统一身份认证平台取消了登录",
    "login_required": "统一身份认证平台要求重新登录",
    "consent_required": "统一身份认证平台未获得您的授权",
}


@router.get("/login/oidc/callback", include_in_schema=False, dependencies=[Depends(allow("public.read"))])
def callback(request: Request, session: DbSession) -> Response:
    """The provider's answer: nothing is written unless every check passed, and the pending cookie is spent."""
    client = client_of(request)
    try:
        return _callback(request, session, client)
    except HTTPException as refused:
        session.rollback()
        # a pending sign-in answers once: the refusal (the app's Chinese error page) also deletes its cookie
        spent = Response()
        spent.delete_cookie(PENDING_COOKIE, path=PENDING_PATH)
        headers = {"set-cookie": spent.headers["set-cookie"]}
        raise HTTPException(refused.status_code, refused.detail, headers=headers) from None


def _callback(request: Request, session: Session, client: OidcClient) -> Response:
    params = request.query_params
    try:
        pending = _pending(request).loads(request.cookies.get(PENDING_COOKIE, ""), max_age=PENDING_MAX_AGE)
    except BadSignature:
        raise HTTPException(400, "登录请求已过期或不是由本浏览器发起的（state），请重新登录") from None
    if not isinstance(pending, dict) or not {"state", "nonce", "code_verifier", "next"} <= pending.keys():
        raise HTTPException(400, "登录请求已过期或不是由本浏览器发起的（state），请重新登录")
    # the state binds the answer to the sign-in this browser started: without it an attacker's code would sign
    # the victim in as the attacker (login CSRF)
    if not hmac.compare_digest(str(pending["state"]), params.get("state", "")):
        raise HTTPException(400, "登录请求的 state 参数与本浏览器发起的不一致，已拒绝登录，请重新登录")
    if params.get("iss") is not None and params["iss"].rstrip("/") != client.config.issuer:
        raise HTTPException(400, "登录应答来自另一个身份认证平台（iss），已拒绝登录")
    if params.get("error"):
        error = params["error"][:64]
        reason = REFUSED_BY_PROVIDER.get(error, f"统一身份认证平台未完成登录（{error}）")
        raise HTTPException(400, f"{reason}，请重新登录")
    code = params.get("code", "")
    if not code:
        raise HTTPException(400, "登录应答缺少授权码（code），请重新登录")
    try:
        claims = client.finish(code, str(pending["code_verifier"]), str(pending["nonce"]))
    except ProviderError:
        log.warning("unified identity failed", exc_info=True)
        raise HTTPException(502, "统一身份认证平台暂时无法访问，请稍后重试") from None
    except OAuthError as exc:
        raise HTTPException(400, f"统一身份认证平台拒绝了本次授权（{exc.error}），请重新登录") from None
    except ExpiredTokenError:
        raise HTTPException(400, "身份令牌已过期，请重新登录") from None
    except InvalidClaimError as exc:
        if exc.claim == "nonce":
            raise HTTPException(400, "身份令牌与本次登录请求不符（nonce），已拒绝登录，请重新登录") from None
        raise HTTPException(400, f"身份令牌的 {exc.claim} 声明不正确，已拒绝登录") from None
    except MissingClaimError as exc:
        raise HTTPException(400, f"身份令牌缺少 {exc.claim} 声明，已拒绝登录") from None
    except (JoseError, ValueError) as exc:
        log.warning("ID token refused: %s", exc)
        raise HTTPException(400, "身份令牌无效（签名或格式不正确），已拒绝登录") from None
    try:
        signed_in = identity_sign_in(session, client.identity(claims), time.time())
    except IdentityRefused as exc:
        raise HTTPException(403, str(exc)) from None
    refusal = agents.sign_in_refusal(signed_in.account)  # an agent whose authorisation ended since it was bound
    if refusal is not None:
        raise HTTPException(403, refusal)
    user, address = signed_in.account, client_address(request)
    if signed_in.created:
        detail = {"ip": address, "issuer": client.config.issuer, "entity": user.entity_pk, "role": user.role}
        audit.record(session, user.username, "account_created_oidc", f"account:{user.id}", detail)
    audit.record(session, user.username, "login", f"account:{user.id}", {"ip": address, "via": "oidc"})
    sessions: Sessions = request.app.state.sessions
    cookie = sessions.issue(user.id, open_session(session, user.id, "web", SESSION_MAX_AGE))
    session.commit()
    response = RedirectResponse(_local(str(pending["next"])), status_code=303)
    response.set_cookie(
        SESSION_COOKIE, cookie, max_age=SESSION_MAX_AGE, httponly=True, samesite="lax", secure=is_https(request)
    )
    response.delete_cookie(PENDING_COOKIE, path=PENDING_PATH)
    return response


def logout_target(request: Request, session: Session, account_id: int) -> str | None:
    """Where a signed-out account goes next: the provider's end_session_endpoint when it signed in through it (the
    provider's own session would otherwise sign it straight back in), else None."""
    client: OidcClient | None = getattr(request.app.state, "oidc", None)
    if client is None or not signs_in_through(session, account_id, client.config.issuer):
        return None
    return client.logout_url()
