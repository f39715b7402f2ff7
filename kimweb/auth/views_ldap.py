"""The LDAP / Active Directory branch of the login form: the password checked by the city's directory,
the account created or updated from its groups."""

import logging

from flask import redirect, render_template
from flask_babel import gettext as _

from ..extensions import db
from . import ldap_login
from .forms import LoginForm
from .login_session import complete_login
from .sso_accounts import provision
from .throttle import begin_login_write, minutes_locked, note_attempt, refuse_locked

log = logging.getLogger(__name__)


def directory_password_login(form: LoginForm, username: str, address: str, next_url: str):
    """A response when the directory decided (logged in, refused, or unreachable); None when the
    name or password is wrong, so the form answers as for any failed login."""
    try:
        entry = ldap_login.authenticate(username, form.password.data)
    except ldap_login.DirectoryUnavailable as error:
        log.warning("LDAP login: directory unavailable (%s)", type(error).__name__)
        form.password.errors = [
            _(
                "Der Verzeichnisdienst der Stadt ist gerade nicht erreichbar. Bitte versuchen Sie es in "
                "einigen Minuten erneut."
            )
        ]
        return render_template("auth/login.html", form=form), 503
    if entry is None:
        return None
    begin_login_write()
    locked = minutes_locked(username, address)
    if locked:
        return refuse_locked(form, locked)
    outcome = provision(entry.person())
    if outcome.user is None:
        db.session.commit()
        form.password.errors = [outcome.refusal]
        return render_template("auth/login.html", form=form), 403
    note_attempt(username, address, True)
    complete_login(outcome.user, "ldap")
    return redirect(next_url, code=303)
