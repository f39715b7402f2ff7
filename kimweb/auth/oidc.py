"""OpenID Connect with Authlib: the provider's client (code flow with PKCE S256, state and nonce kept
in the session, discovery and keys fetched once and cached), reading a person from the ID token, and
asking the provider again with the refresh token."""

from typing import Any
from urllib.parse import urlsplit

from authlib.integrations.base_client import OAuthError
from authlib.integrations.flask_client import OAuth
from authlib.oidc.core import UserInfo
from flask import Flask, current_app
from joserfc.errors import JoseError

from .sso_accounts import DirectoryPerson

PROVIDER = "city"

# Everything that means "this answer from the provider cannot be trusted or used".
OidcFailure = (OAuthError, JoseError, ValueError, KeyError, OSError)


def configured(app: Flask | None = None) -> bool:
    return bool((app or current_app).config.get("OIDC_ISSUER"))


def check_settings(config) -> None:
    if not config.get("OIDC_ISSUER"):
        return
    for key in ("OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"):
        if not config.get(key):
            raise RuntimeError(f"OIDC_ISSUER is set, so {key} must be set too.")


def init_oidc(app: Flask) -> None:
    """Register the provider's client; the metadata and keys are fetched on first use."""
    if not configured(app):
        return
    config = app.config
    oauth = OAuth(app)
    metadata_url = config["OIDC_METADATA_URL"] or (
        config["OIDC_ISSUER"].rstrip("/") + "/.well-known/openid-configuration"
    )
    oauth.register(
        PROVIDER,
        client_id=config["OIDC_CLIENT_ID"],
        client_secret=config["OIDC_CLIENT_SECRET"],
        server_metadata_url=metadata_url,
        client_kwargs={
            "scope": config["OIDC_SCOPES"],
            "code_challenge_method": "S256",
            "timeout": config["OIDC_TIMEOUT"],
        },
    )
    app.extensions["kimweb_oidc"] = oauth


def client():
    return current_app.extensions["kimweb_oidc"].create_client(PROVIDER)


def _claim(claims: dict, path: str) -> Any:
    value: Any = claims
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def person_from(claims: UserInfo | dict) -> DirectoryPerson:
    """The person the ID token describes; the issuer, audience, expiry and nonce are checked already."""
    config = current_app.config
    groups = _claim(claims, config["OIDC_GROUPS_CLAIM"]) or []
    if isinstance(groups, str):
        groups = [groups]
    # Keycloak's group paths ("/kim/fallmanagement") match with or without the leading slash.
    names = [str(g) for g in groups] + [str(g).lstrip("/") for g in groups if str(g).startswith("/")]
    return DirectoryPerson(
        source="oidc",
        username=str(_claim(claims, config["OIDC_USERNAME_CLAIM"]) or ""),
        external_id=str(claims["sub"]),
        display_name=str(_claim(claims, config["OIDC_NAME_CLAIM"]) or ""),
        groups=names,
    )


def issuer_matches(claims: UserInfo | dict) -> bool:
    """The ID token's issuer is the configured one (Authlib checks it against the discovery document)."""
    return str(claims.get("iss", "")).rstrip("/") == current_app.config["OIDC_ISSUER"].rstrip("/")


def refresh(refresh_token: str) -> dict:
    """A new token from the provider; raises OAuthError when the provider says no (session ended,
    account disabled)."""
    return client().fetch_access_token(grant_type="refresh_token", refresh_token=refresh_token)


def end_session_url(id_token: str | None, post_logout_redirect_uri: str) -> str | None:
    """Where to send the browser so the provider ends its session too, if it offers that."""
    try:
        provider = client()
        if not provider.load_server_metadata().get("end_session_endpoint"):
            return None
        result = provider.create_logout_url(
            post_logout_redirect_uri=post_logout_redirect_uri,
            id_token_hint=id_token,
            client_id=current_app.config["OIDC_CLIENT_ID"],
        )
    except OidcFailure:
        return None
    return result["url"]


def _origin(url: str | None) -> str | None:
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("https", "http") and parts.netloc else None


def allow_logout_redirect(response):
    """after_request: the logout form's POST ends in a redirect to the provider, and browsers apply
    the page's CSP form-action to that redirect: the provider's origin joins 'self'."""
    policy = response.headers.get("Content-Security-Policy")
    if not policy or "form-action 'self'" not in policy:
        return response
    metadata = current_app.extensions["kimweb_oidc"].create_client(PROVIDER).server_metadata
    origins = {_origin(current_app.config["OIDC_ISSUER"]), _origin(metadata.get("end_session_endpoint"))}
    extra = " ".join(sorted(o for o in origins if o))
    if extra:
        response.headers["Content-Security-Policy"] = policy.replace(
            "form-action 'self'", f"form-action 'self' {extra}"
        )
    return response
