"""The unified identity's settings: off without an issuer, and every one read from its environment variable."""

from __future__ import annotations

from policyreach.web.oidc import OidcConfig


def test_without_an_issuer_there_is_no_unified_sign_in(monkeypatch) -> None:
    monkeypatch.delenv("POLICYREACH_OIDC_ISSUER", raising=False)
    assert OidcConfig.from_settings() is None
    monkeypatch.setenv("POLICYREACH_OIDC_ISSUER", "  ")
    assert OidcConfig.from_settings() is None


def test_the_settings_come_from_the_environment(monkeypatch) -> None:
    for name, value in {
        "POLICYREACH_OIDC_ISSUER": "https://id.jl.gov.cn/oidc/",
        "POLICYREACH_OIDC_CLIENT_ID": "zct",
        "POLICYREACH_OIDC_CLIENT_SECRET": "s",
        "POLICYREACH_OIDC_SCOPES": "profile uscc",
        "POLICYREACH_OIDC_CREDIT_CODE_CLAIM": "uscc",
        "POLICYREACH_OIDC_PERSON_CLAIM": "id_hash",
        "POLICYREACH_OIDC_LEEWAY": "5",
        "POLICYREACH_PUBLIC_URL": "https://zct.changchun.gov.cn/",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("POLICYREACH_OIDC_REDIRECT_URL", raising=False)
    monkeypatch.delenv("POLICYREACH_OIDC_POST_LOGOUT_URL", raising=False)
    config = OidcConfig.from_settings()
    assert config == OidcConfig(
        issuer="https://id.jl.gov.cn/oidc",
        client_id="zct",
        client_secret="s",
        redirect_url="https://zct.changchun.gov.cn/login/oidc/callback",
        post_logout_url="https://zct.changchun.gov.cn/login",
        scopes="openid profile uscc",  # an OpenID Connect request always asks for openid
        credit_code_claim="uscc",
        person_claim="id_hash",
        leeway=5,
    )
