"""One's own account: the account page, changing the password, the interface language."""

from flask import flash, redirect, render_template, url_for
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


@bp.route("/konto", methods=["GET"])
@requires("account.own")
def account():
    return render_template(
        "auth/account.html", password_form=PasswordChangeForm(), language_form=LanguageForm(locale=current_user.locale)
    )


@bp.route("/konto/passwort", methods=["POST"])
@requires("account.own")
def change_password():
    form = PasswordChangeForm()
    if not form.validate_on_submit():
        return render_template(
            "auth/account.html", password_form=form, language_form=LanguageForm(locale=current_user.locale)
        ), 422
    user = db.session.get(User, current_user.id)
    user.password_hash = hash_password(form.new_password.data)
    user.password_changed_at = utcnow()
    user.end_all_sessions()
    audit.record("user.password_changed", "user", user.id)
    db.session.commit()
    # Other sessions end; this one continues under the new session version.
    start_session(user)
    login_user(user)
    flash(_("Ihr Passwort wurde geändert. Andere Sitzungen wurden beendet."), "success")
    return redirect(url_for("auth.account"), code=303)


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
