"""One's own account: the account page, changing the password, the interface language."""

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from .. import audit
from ..extensions import db
from ..security import requires, start_session
from ..timeutil import utcnow
from .blueprint import bp
from .forms import LanguageForm, PasswordChangeForm
from .models import User
from .passwords import hash_password
from .throttle import minutes_locked, note_attempt


@bp.route("/konto", methods=["GET"])
@requires("account.own")
def account():
    return render_template(
        "auth/account.html", password_form=PasswordChangeForm(), language_form=LanguageForm(locale=current_user.locale)
    )


@bp.route("/konto/passwort", methods=["POST"])
@requires("account.own")
def change_password():
    """Throttled like the login, in the same counts: a wrong current password is a guess at the
    account's password (someone at an unlocked screen), so it counts against the account and the
    address like a failed login, and too many answer 429 without checking the password at all."""
    form = PasswordChangeForm()
    username, address = current_user.username.lower(), request.remote_addr or "-"
    locked = minutes_locked(username, address)
    if locked:
        audit.record("user.password_change_throttled", "user", current_user.id, outcome="refused")
        db.session.commit()
        form.current_password.errors = [
            _(
                "Zu viele falsche Versuche mit dem aktuellen Passwort. Bitte versuchen Sie es in %(n)d Minuten "
                "erneut oder wenden Sie sich an die Administration.",
                n=locked,
            )
        ]
        return _account_page(form), 429
    if not form.validate_on_submit():
        if form.current_password.data and form.current_password.errors:
            note_attempt(username, address, False)
            audit.record("user.password_change_failed", "user", current_user.id, outcome="failed")
            db.session.commit()
        return _account_page(form), 422
    user = db.session.get(User, current_user.id)
    user.password_hash = hash_password(form.new_password.data)
    user.password_changed_at = utcnow()
    user.end_all_sessions()
    audit.record("user.password_changed", "user", user.id)
    db.session.commit()
    # Other sessions end; this one continues under the new session version, its lifetime still
    # counted from the login.
    since = session.get("since")
    start_session(user)
    if since is not None:
        session["since"] = since
    login_user(user)
    flash(_("Ihr Passwort wurde geändert. Andere Sitzungen wurden beendet."), "success")
    return redirect(url_for("auth.account"), code=303)


def _account_page(form: PasswordChangeForm) -> str:
    return render_template(
        "auth/account.html", password_form=form, language_form=LanguageForm(locale=current_user.locale)
    )


@bp.route("/konto/sprache", methods=["POST"])
@requires("account.own")
def change_language():
    form = LanguageForm()
    if not form.validate_on_submit():
        return render_template("auth/account.html", password_form=PasswordChangeForm(), language_form=form), 422
    user = db.session.get(User, current_user.id)
    user.locale = form.locale.data
    audit.record("user.locale_changed", "user", user.id, detail=f"locale={form.locale.data}")
    db.session.commit()
    flash(_("Die Sprache wurde geändert."), "success")
    return redirect(url_for("auth.account"), code=303)
