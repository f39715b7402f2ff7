"""The waiting-room screen (no login, a screen key in the path; numbers and rooms, never names)
and the admin page that creates and revokes screen keys."""

from flask import abort, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from .. import audit, htmx
from ..extensions import db
from ..security import requires
from ..timeutil import local_today
from . import polling
from .blueprint import bp
from .forms import ScreenKeyForm
from .models import ScreenKey
from .queue import called_tickets
from .screens import active_screen, create_key, revoke
from .visits import queue_version

_NEW_KEY = "reception_new_screen_key"


@bp.route("/wartezimmer/<key>")
def screen(key: str):
    """Public by design (see security.PUBLIC_ENDPOINTS): the key is the only way in."""
    found = active_screen(key)
    if found is None:
        if htmx.is_partial():
            # A revoked screen stops polling and says so instead of showing old numbers.
            return render_template("reception/_screen_closed.html"), 404
        abort(404)
    day = local_today()
    state = f"s.{found.id}.{day.isoformat()}.{queue_version(day)}"
    if htmx.is_partial() and polling.unchanged(state):
        return polling.not_modified(state)
    called = called_tickets(day)
    live = " ".join(f"{c.ticket} {c.room}" for c in called[:1])
    context = dict(called=called, key=key, etag=polling.etag(state, live))
    return htmx.render("reception/screen.html", "reception/_screen.html", **context)


@bp.route("/empfang/bildschirme")
@requires("reception.screens")
def screens():
    new = session.pop(_NEW_KEY, None)
    keys = db.session.scalars(
        select(ScreenKey).order_by(ScreenKey.revoked_at.is_not(None), ScreenKey.created_at.desc())
    )
    return render_template("reception/screens.html", keys=list(keys), form=ScreenKeyForm(formdata=None), new=new)


@bp.route("/empfang/bildschirme", methods=["POST"])
@requires("reception.screens")
def screen_create():
    form = ScreenKeyForm()
    if not form.validate():
        keys = db.session.scalars(select(ScreenKey).order_by(ScreenKey.created_at.desc()))
        return render_template("reception/screens.html", keys=list(keys), form=form, new=None), 422
    screen_key, key = create_key(form.label.data, current_user)
    audit.record("screen_key.created", "screen_key", screen_key.id)
    db.session.commit()
    # Shown once on the next page, then gone: the database only has its hash.
    session[_NEW_KEY] = {"label": screen_key.label, "url": url_for("reception.screen", key=key, _external=True)}
    return redirect(url_for("reception.screens"), code=303)


@bp.route("/empfang/bildschirme/<int:key_id>/sperren", methods=["POST"])
@requires("reception.screens")
def screen_revoke(key_id: int):
    screen_key = db.session.get(ScreenKey, key_id) if key_id < 2**31 else None
    if screen_key is None:
        abort(404)
    if screen_key.revoked_at is None:
        revoke(screen_key, current_user)
        audit.record("screen_key.revoked", "screen_key", screen_key.id)
        db.session.commit()
        flash(_("Der Bildschirm „%(label)s“ ist gesperrt.", label=screen_key.label), "success")
    return redirect(url_for("reception.screens"), code=303)
