"""Completing a login the same way for every method (audited, the session replaced), and keeping SSO
sessions honest: every SSO_RECHECK_INTERVAL the directory or the provider is asked again, and a
person it no longer lets in loses access."""

import logging
import secrets
from datetime import timedelta

from flask import current_app, flash, request, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user
from sqlalchemy import delete, select, update
from sqlalchemy.orm.attributes import set_committed_value

from .. import audit
from ..database import allow_writes_from_now, reads_only_from_now
from ..extensions import db
from ..security import start_session
from ..timeutil import utcnow
from . import ldap_login, oidc
from .models import User
from .sso_accounts import deactivate, role_and_team
from .sso_models import SsoGrant

log = logging.getLogger(__name__)

# Grants older than this are gone: no OIDC session lives that long at a city's provider.
GRANT_MAX_AGE = timedelta(hours=24)

ENDED = _l("Ihre Anmeldung wurde beendet, weil Ihr Stadtkonto keinen Zugang zu kimweb mehr hat.")
PROVIDER_ENDED = _l("Ihre Anmeldung beim Stadtkonto ist abgelaufen. Bitte melden Sie sich erneut an.")


def complete_login(user: User, method: str = "local", token: dict | None = None) -> None:
    """Record the login and give the browser a fresh session for this user."""
    # Not through the ORM: a login is no edit of the account, so it neither raises the account's
    # version (an admin's open form stays valid) nor fails when a login in parallel raised it.
    now = utcnow()
    db.session.execute(update(User).where(User.id == user.id).values(last_login_at=now))
    set_committed_value(user, "last_login_at", now)
    audit.record("login", "user", user.id, user=user, detail=None if method == "local" else f"method={method}")
    grant_key = None
    if method == "oidc" and token is not None:
        grant_key = secrets.token_urlsafe(32)
        db.session.execute(delete(SsoGrant).where(SsoGrant.created_at < utcnow() - GRANT_MAX_AGE))
        db.session.add(
            SsoGrant(
                key=grant_key,
                user_id=user.id,
                refresh_token=token.get("refresh_token"),
                id_token=token.get("id_token"),
            )
        )
    db.session.commit()
    start_session(user)
    login_user(user)
    if method != "local":
        session["sso"] = {"method": method, "checked": utcnow().timestamp(), "grant": grant_key}


def _grant() -> SsoGrant | None:
    key = (session.get("sso") or {}).get("grant")
    return db.session.scalar(select(SsoGrant).where(SsoGrant.key == key)) if key else None


def end_for_logout(post_logout_redirect_uri: str) -> str | None:
    """Before logout: forget this session's grant; the provider's logout URL if it has one."""
    sso = session.get("sso") or {}
    if sso.get("method") != "oidc" or not oidc.configured():
        return None
    grant = _grant()
    id_token = grant.id_token if grant is not None else None
    if grant is not None:
        db.session.delete(grant)
    return oidc.end_session_url(id_token, post_logout_redirect_uri)


def _end_session(message) -> None:
    grant = _grant()
    if grant is not None:
        db.session.commit()
        allow_writes_from_now()
        db.session.delete(grant)
        db.session.commit()
    logout_user()
    session.clear()
    flash(message, "info")


def _ldap_still_allowed(user: User) -> bool | None:
    """True/False as the directory says now; None when it cannot answer."""
    try:
        entry = ldap_login.find(user.username)
    except ldap_login.DirectoryUnavailable:
        return None
    if entry is None or entry.disabled or role_and_team(entry.groups)[0] is None:
        reason = "missing" if entry is None else "disabled" if entry.disabled else "no role"
        # This request read in a plain transaction; the write takes one of its own.
        db.session.commit()
        allow_writes_from_now()
        account = db.session.get(User, user.id)
        if account is not None:
            deactivate(account, reason, by="session check")
            db.session.commit()
        return False
    return True


def _oidc_still_allowed() -> bool | None:
    grant = _grant()
    if grant is None or not grant.refresh_token:
        return False
    try:
        token = oidc.refresh(grant.refresh_token)
    except oidc.OAuthError:
        return False
    except oidc.OidcFailure:
        return None
    # Providers that rotate refresh tokens hand out a new one each time.
    db.session.commit()
    allow_writes_from_now()
    grant = _grant()
    if grant is None:
        return False
    grant.refresh_token = token.get("refresh_token") or grant.refresh_token
    grant.id_token = token.get("id_token") or grant.id_token
    db.session.commit()
    reads_only_from_now()  # the page this request asked for is a read (and audited as one)
    return True


def recheck() -> None:
    """before_request: ask the directory or provider again once the interval has passed."""
    sso = session.get("sso")
    if not sso or request.endpoint == "static" or not current_user.is_authenticated:
        return
    now = utcnow().timestamp()
    if now - sso.get("checked", 0) < current_app.config["SSO_RECHECK_INTERVAL"].total_seconds():
        return
    method = sso.get("method")
    if method == "ldap" and ldap_login.configured():
        allowed = _ldap_still_allowed(current_user)
        message = ENDED
    elif method == "oidc" and oidc.configured():
        allowed = _oidc_still_allowed()
        message = PROVIDER_ENDED
    else:
        # The method was switched off for this installation: its sessions end.
        allowed, message = False, PROVIDER_ENDED
    if allowed is False:
        _end_session(message)
        return
    if allowed is None:
        # The directory is down: staff keep working; asked again after the next interval.
        log.warning("SSO session check: %s did not answer", method)
    session["sso"] = {**sso, "checked": now}
