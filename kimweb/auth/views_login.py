"""Logging in (throttled, with a safe `next`) and logging out."""

from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user
from sqlalchemy import func, select

from .. import audit
from ..extensions import db
from ..security import requires, start_session
from . import ldap_login
from .blueprint import bp
from .forms import LoginForm
from .login_session import complete_login, end_for_logout
from .models import User
from .passwords import hash_password, needs_rehash, verify_password
from .sso_accounts import local_password_allowed
from .throttle import minutes_locked, note_attempt
from .views_ldap import directory_password_login


def safe_next(target: str | None) -> str:
    """Only a path on this site; anything with a scheme, host or backslash goes to the start page."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("home.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        username = form.username.data.strip().lower()
        address = request.remote_addr or "-"
        locked = minutes_locked(username, address)
        if locked:
            audit.record("login.throttled", "user", None, outcome="refused")
            db.session.commit()
            form.password.errors = [
                _(
                    "Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es in %(n)d Minuten erneut "
                    "oder wenden Sie sich an die Administration.",
                    n=locked,
                )
            ]
            return render_template("auth/login.html", form=form), 429
        user = db.session.scalar(select(User).where(func.lower(User.username) == username))
        if (
            user is not None
            and user.active
            and local_password_allowed(user)
            and verify_password(user.password_hash, form.password.data)
        ):
            note_attempt(username, address, True)
            if needs_rehash(user.password_hash):
                user.password_hash = hash_password(form.password.data)
            complete_login(user)
            return redirect(safe_next(request.args.get("next")), code=303)
        if ldap_login.configured():
            answer = directory_password_login(form, username, address, safe_next(request.args.get("next")))
            if answer is not None:
                return answer
        if user is None or not user.active:
            # Same work as a real check, so the answer time does not tell which accounts exist.
            verify_password(None, form.password.data)
        note_attempt(username, address, False)
        # The typed name only when it is an account: otherwise it may be a mistyped password.
        audit.record(
            "login.failed",
            "user",
            getattr(user, "id", None),
            outcome="failed",
            detail=f"username={username}" if user is not None else None,
        )
        db.session.commit()
        form.password.errors = [_("Benutzername oder Passwort ist nicht richtig.")]
        status = 422
    elif request.method == "POST":
        status = 422
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
@requires("account.own")
def logout():
    user = db.session.get(User, current_user.id)
    # Ends this session and every copy of its cookie (other tabs, other PCs).
    user.end_all_sessions()
    audit.record("logout", "user", user.id)
    # An OIDC login also ends at the provider, where it offers that.
    provider_logout = end_for_logout(url_for("auth.login", _external=True))
    db.session.commit()
    logout_user()
    start_session(None)
    flash(_("Sie sind abgemeldet."), "info")
    return redirect(provider_logout or url_for("auth.login"), code=303)
