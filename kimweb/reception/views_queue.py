"""The queue board for the desk and the team lead (polled, 304 while nothing changed), and the
state buttons every visit carries."""

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .. import audit, htmx
from ..extensions import db
from ..security import has_permission, requires
from ..timeutil import local_today
from . import polling
from .blueprint import bp
from .forms import StateForm
from .models import CALLED, DONE, IN_CONSULTATION, LEFT, NO_SHOW, STATES, WAITING, Visit
from .queue import board_rows, day_counts, live_summary, one_row, openable_files, row_id, visit_or_404
from .visits import QueueError, allowed_targets, change_state, in_scope, queue_version, ticket_label

# The steps that take someone out of the queue without a consultation: they offer an undo.
UNDOABLE = (LEFT, NO_SHOW)

# Where a state button returns to: the page it was pressed on, if this user may see it.
BACK = {
    "board": ("reception.board", "reception.board"),
    "mine": ("reception.mine", "reception.queue_own"),
    "desk": ("reception.desk", "reception.desk"),
}


def back_url(**args) -> str:
    wanted = BACK.get(request.form.get("back", ""))
    for endpoint, permission in ([wanted] if wanted else []) + list(BACK.values()):
        if has_permission(permission):
            return url_for(endpoint, **args)
    return url_for("home.index")


# What the flash says after a step (the ticket is filled in).
DONE_MESSAGES = {
    WAITING: _l("Nummer %(ticket)s wartet wieder."),
    IN_CONSULTATION: _l("Das Gespräch mit Nummer %(ticket)s läuft."),
    DONE: _l("Nummer %(ticket)s ist erledigt."),
    LEFT: _l("Nummer %(ticket)s ist als „gegangen, ohne Gespräch“ ausgetragen."),
    NO_SHOW: _l("Nummer %(ticket)s ist als „nicht erschienen“ ausgetragen."),
}


def undo_context(user) -> dict:
    """The visit just ended by "Gegangen" or "Nicht erschienen" (?zuletzt=<id>), with its undo
    button, if it is today's, still ended, and this user may put it back in the queue."""
    wanted = row_id(request.args.get("zuletzt"))
    visit = db.session.get(Visit, wanted) if wanted is not None and wanted < 2**31 else None
    if visit is None or visit.state not in UNDOABLE or not in_scope(visit, user):
        return {"undo": None}
    if WAITING not in allowed_targets(visit, user):
        return {"undo": None}
    return {"undo": one_row(visit, user)}


def board_state(day) -> str:
    return polling.cheap_state("b", day.isoformat(), queue_version(day), polling.minute())


@bp.route("/empfang/warteschlange")
@requires("reception.board")
def board():
    day = local_today()
    state = board_state(day)
    if htmx.is_partial() and polling.unchanged(state):
        return polling.not_modified(state)
    context = board_context(day, state) | undo_context(current_user)
    return htmx.render("reception/board.html", "reception/_board.html", **context)


def board_context(day, state: str | None = None) -> dict:
    state = state or board_state(day)
    open_rows, closed = board_rows(day, current_user)
    summary = live_summary(day_counts(day))
    return dict(
        open_rows=open_rows,
        closed=closed,
        summary=summary,
        etag=polling.etag(state, summary),
        oob_summary=htmx.is_partial() and polling.live_text_changed(summary),
        targets={r.visit.id: allowed_targets(r.visit, current_user) for r in open_rows + closed},
        openable=openable_files(open_rows + closed, current_user),
    )


@bp.route("/empfang/besuch/<int:visit_id>/status", methods=["POST"])
@requires("reception.visit")
def change(visit_id: int):
    """One step of the state machine; the service decides whether this user may take it."""
    visit = visit_or_404(visit_id)
    form = StateForm()
    if not form.validate() or form.to.data not in STATES:
        flash(_("Dieser Schritt ist für diesen Besuch nicht möglich."), "error")
        return redirect(back_url(), code=303)
    before = visit.state
    try:
        change_state(visit, form.to.data, current_user, seen=form.seen.data or None, room=(form.room.data or "")[:40])
    except QueueError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return redirect(back_url(), code=303)
    audit.record("visit.state", "visit", visit.id, detail=f"{before} -> {visit.state}")
    db.session.commit()
    ticket = ticket_label(visit.ticket)
    if visit.state == CALLED:
        flash(_("Nummer %(ticket)s ist aufgerufen (Raum %(room)s).", ticket=ticket, room=visit.room), "success")
    elif visit.state in DONE_MESSAGES:
        flash(str(DONE_MESSAGES[visit.state]) % {"ticket": ticket}, "success")
    if visit.state in UNDOABLE:
        return redirect(back_url(zuletzt=visit.id), code=303)
    return redirect(back_url(), code=303)
