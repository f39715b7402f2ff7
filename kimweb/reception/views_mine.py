"""For case managers: who is waiting for me, calling the next person (or one in particular),
and the header badge, both polled cheaply."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from .. import audit, htmx
from ..extensions import db
from ..security import requires
from ..timeutil import local_today
from . import polling
from .badge import badge_state, waiting_badge
from .blueprint import bp
from .forms import CallForm
from .models import CALLED, WAITING
from .queue import mine_rows, openable_files, row_id, visit_or_404
from .views_queue import undo_context
from .visits import QueueError, allowed_targets, call_next, change_state, last_room, queue_version, ticket_label


def mine_state(day) -> str:
    return polling.cheap_state("m", day.isoformat(), queue_version(day), polling.minute())


def _mine_page(form: CallForm, status: int = 200):
    day = local_today()
    state = mine_state(day)
    waiting, current, finished = mine_rows(day, current_user)
    summary = ngettext("%(num)d wartet auf Sie", "%(num)d warten auf Sie", len(waiting))
    context = dict(
        form=form,
        waiting=waiting,
        current=current,
        finished=finished,
        openable=openable_files(current + finished, current_user),
        summary=summary,
        etag=polling.etag(state, summary),
        oob_summary=htmx.is_partial() and polling.live_text_changed(summary),
        targets={r.visit.id: allowed_targets(r.visit, current_user) for r in current + finished},
        **undo_context(current_user),
    )
    return htmx.render("reception/mine.html", "reception/_mine.html", **context), status


@bp.route("/empfang/fuer-mich")
@requires("reception.queue_own")
def mine():
    if htmx.is_partial() and polling.unchanged(mine_state(local_today())):
        return polling.not_modified(mine_state(local_today()))
    form = CallForm(formdata=None, data={"room": last_room(current_user)})
    return _mine_page(form)


@bp.route("/empfang/fuer-mich/zaehler")
@requires("reception.queue_own")
def badge():
    found = waiting_badge()
    if polling.unchanged(badge_state(found.count)):
        return polling.not_modified(badge_state(found.count))
    return render_template("reception/_waiting_badge_poll.html", badge=found)


@bp.route("/empfang/fuer-mich/aufrufen", methods=["POST"])
@requires("reception.queue_own")
def call():
    """Without a visit_id: the longest-waiting person for me. With one: that person."""
    form = CallForm()
    if not form.validate():
        return _mine_page(form, 422)
    room = form.room.data
    if request.form.get("visit_id"):
        visit = visit_or_404(row_id(request.form["visit_id"]) or 0)
        try:
            change_state(visit, CALLED, current_user, seen=WAITING, room=room)
        except QueueError as error:
            db.session.rollback()
            flash(str(error.message), "error")
            return redirect(url_for("reception.mine"), code=303)
    else:
        visit = call_next(current_user, room)
        if visit is None:
            db.session.rollback()
            flash(_("Gerade wartet niemand auf Sie."), "info")
            return redirect(url_for("reception.mine"), code=303)
    audit.record("visit.state", "visit", visit.id, detail=f"{WAITING} -> {CALLED}")
    db.session.commit()
    flash(
        _("Nummer %(ticket)s ist aufgerufen (Raum %(room)s).", ticket=ticket_label(visit.ticket), room=room), "success"
    )
    return redirect(url_for("reception.mine"), code=303)
