"""Logging in with the city's account over OpenID Connect: off to the provider, and back with a code
that is exchanged for a checked ID token."""

import logging

from authlib.integrations.base_client.errors import MismatchingStateError
from flask import abort, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from .. import audit
from ..database import writes_on_get
from ..extensions import db
from . import oidc
from .blueprint import bp
from .forms import LoginForm
from .login_session import complete_login
from .sso_accounts import provision
from .views_login import safe_next

log = logging.getLogger(__name__)

_NEXT_KEY = "oidc_next"


def _refused(message: str, status: int):
    form = LoginForm()
    return render_template("auth/login.html", form=form, sso_error=message), status


@bp.route("/login/stadtkonto", methods=["GET"])
def oidc_start():
    if not oidc.configured():
        abort(404)
    session[_NEXT_KEY] = safe_next(request.args.get("next"))
    # Authlib keeps state, nonce and the PKCE verifier in the session until the browser returns.
    return oidc.client().authorize_redirect(url_for("auth.oidc_callback", _external=True))


@bp.route("/login/stadtkonto/rueckkehr", methods=["GET"])
@writes_on_get
def oidc_callback():
    if not oidc.configured():
        abort(404)
    try:
        token = oidc.client().authorize_access_token()
    except MismatchingStateError:
        audit.record("login.failed", "user", None, outcome="failed", detail="oidc; state")
        db.session.commit()
        return _refused(
            _(
                "Die Anmeldung ist abgelaufen oder wurde in einem anderen Fenster begonnen. "
                "Bitte melden Sie sich erneut an."
            ),
            400,
        )
    except oidc.OidcFailure as error:
        log.warning("OIDC login failed: %s", type(error).__name__)
        audit.record("login.failed", "user", None, outcome="failed", detail=f"oidc; {type(error).__name__}"[:200])
        db.session.commit()
        return _refused(_("Die Anmeldung mit dem Stadtkonto ist fehlgeschlagen. Bitte versuchen Sie es erneut."), 400)
    claims = token.get("userinfo")
    if not claims or not oidc.issuer_matches(claims):
        audit.record("login.failed", "user", None, outcome="failed", detail="oidc; no valid id token")
        db.session.commit()
        return _refused(_("Die Anmeldung mit dem Stadtkonto ist fehlgeschlagen. Bitte versuchen Sie es erneut."), 400)
    outcome = provision(oidc.person_from(claims))
    if outcome.user is None:
        db.session.commit()
        return _refused(outcome.refusal or "", 403)
    next_url = session.get(_NEXT_KEY) or url_for("home.index")
    complete_login(outcome.user, "oidc", token)
    return redirect(next_url, code=303)
