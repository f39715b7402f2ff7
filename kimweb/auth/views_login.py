"""Logging in (throttled, with a safe `next`) and logging out."""

from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user
from sqlalchemy import func, select, update

from .. import audit
from ..database import writes_after_reading
from ..extensions import db
from ..security import requires, start_session
from . import ldap_login
from .blueprint import bp
from .forms import LoginForm
from .login_session import complete_login, end_for_logout
from .models import User
from .passwords import hash_password, needs_rehash, verify_password
from .sso_accounts import local_password_allowed
from .throttle import begin_login_write, minutes_locked, note_attempt, refuse_locked
from .views_ldap import directory_password_login


def safe_next(target: str | None) -> str:
    """Only a path on this site; anything with a scheme, host or backslash goes to the start page."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("home.index")


@bp.route("/login", methods=["GET", "POST"])
@writes_after_reading
def login():
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        username = form.username.data.strip().lower()
        address = request.remote_addr or "-"
        password = form.password.data
        # Read, then end the read: the password check below holds no transaction and no lock.
        locked = minutes_locked(username, address)
        if locked:
            begin_login_write()
            return refuse_locked(form, locked)
        user = db.session.scalar(select(User).where(func.lower(User.username) == username))
        user_id = getattr(user, "id", None)
        stored_hash = user.password_hash if user is not None and user.active and local_password_allowed(user) else None
        db.session.rollback()
        # Without an account the check runs against a dummy hash: the answer time does not tell
        # which accounts exist.
        right = verify_password(stored_hash, password)
        new_hash = hash_password(password) if right and stored_hash and needs_rehash(stored_hash) else None
        if right:
            begin_login_write()
            locked = minutes_locked(username, address)
            if locked:
                return refuse_locked(form, locked)
            user = db.session.get(User, user_id)
            if user is not None and user.active:
                note_attempt(username, address, True)
                if new_hash:
                    # Not through the ORM: a rehash is no edit and must not make an open admin form stale.
                    db.session.execute(update(User).where(User.id == user.id).values(password_hash=new_hash))
                complete_login(user)
                return redirect(safe_next(request.args.get("next")), code=303)
        if ldap_login.configured():
            answer = directory_password_login(form, username, address, safe_next(request.args.get("next")))
            if answer is not None:
                return answer
        begin_login_write()
        locked = minutes_locked(username, address)
        if locked:
            return refuse_locked(form, locked)
        note_attempt(username, address, False)
        # The typed name only when it is an account: otherwise it may be a mistyped password.
        audit.record(
            "login.failed",
            "user",
            user_id,
            outcome="failed",
            detail=f"username={username}" if user_id is not None else None,
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
