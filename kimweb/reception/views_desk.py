"""The desk: one search field for known clients, one-click check-in, the short walk-in form,
the ticket slip, and corrections. Names travel only in POST bodies, never in URLs."""

from dataclasses import dataclass, field

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from itsdangerous import BadData, URLSafeTimedSerializer
from sqlalchemy import select

from .. import audit, htmx
from ..clients.access import reception_lookup
from ..database import reads_only
from ..extensions import db
from ..home.panels import panels_for_current_user
from ..security import has_permission, requires
from ..timeutil import local_today
from .blueprint import bp
from .forms import KnownCheckInForm, LinkForm, SearchForm, VisitEditForm, WalkInForm
from .models import OPEN_STATES, Visit
from .queue import one_row, row_id, visit_or_404, waiting_walk_ins
from .views_queue import board_context, undo_context
from .visits import QueueError, check_in, check_in_client, link_to_file, ticket_label, update_details


@dataclass
class Matches:
    """What a search at the desk found: known clients (with today's open visit, if any), and
    today's walk-ins "ohne Akte" whose noted name fits (the same person must not wait twice)."""

    found: list = field(default_factory=list)
    open_visits: dict = field(default_factory=dict)
    waiting: list = field(default_factory=list)
    given_missing: bool = False


def _matches(form: SearchForm) -> Matches:
    family, given, birth = form.person()
    if not family:
        return Matches()
    day = local_today()
    found = reception_lookup(family, given, birth)
    open_visits = {}
    if found:
        rows = db.session.execute(
            select(Visit.client_id, Visit).where(
                Visit.day == day, Visit.state.in_(OPEN_STATES), Visit.client_id.in_([f.client_id for f in found])
            )
        ).all()
        open_visits = {client_id: visit for client_id, visit in rows}
    waiting = waiting_walk_ins(day, family, given, current_user)
    return Matches(found, open_visits, waiting, given_missing=not given)


def _walk_in_from_search(form: SearchForm) -> WalkInForm:
    family, given, _birth = form.person()
    return WalkInForm(formdata=None, data={"family_name": family, "given_names": given})


def _desk(search=None, walk_in=None, matches=None, searched=False, status=200):
    search = search or SearchForm(formdata=None)
    just = None
    wanted = row_id(request.args.get("besuch")) if request.method == "GET" else None
    if wanted is not None:
        visit = db.session.get(Visit, wanted)
        just = one_row(visit, current_user) if visit and visit.day == local_today() else None
    board = board_context(local_today()) if has_permission("reception.board") else None
    return render_template(
        "reception/desk.html",
        search=search,
        walk_in=walk_in,
        matches=matches or Matches(),
        searched=searched,
        just=just,
        board=board,
        # The desk is reception's start page: the start panels they may see (who is expected today).
        panels=panels_for_current_user(),
        **undo_context(current_user),
    ), status


@bp.route("/empfang/anmeldung")
@requires("reception.desk")
def desk():
    return _desk()


@bp.route("/empfang/suche", methods=["POST"])
@reads_only
@requires("reception.desk")
def search():
    """Known clients while typing (htmx) or after pressing Enter (the whole page)."""
    form = SearchForm()
    form.validate()
    matches = _matches(form) if not form.errors else Matches()
    searched = bool((form.q.data or "").strip())
    # The walk-in form only when it is needed (rendering it on every keystroke would double the
    # cost): nobody found, a given name typed, nobody of that name waiting; or asked for ("neu").
    needed = not (matches.found or matches.waiting or matches.given_missing)
    walk_in = _walk_in_from_search(form) if searched and (needed or "neu" in request.form) else None
    if walk_in is not None:
        walk_in.same_name_waiting = tuple(matches.waiting)
    if htmx.is_partial():
        return render_template(
            "reception/_search_results.html", matches=matches, walk_in=walk_in, searched=searched, search=form
        )
    return _desk(form, walk_in, matches, searched)


def _checked_in(check):
    visit_id, ticket = check.visit.id, ticket_label(check.visit.ticket)
    if check.created:
        audit.record("visit.checked_in", "visit", visit_id, detail=f"client={check.visit.client_id or '-'}")
    db.session.commit()
    if check.created:
        flash(_("Angemeldet mit Nummer %(ticket)s.", ticket=ticket), "success")
    else:
        flash(_("Diese Person ist heute schon angemeldet (Nummer %(ticket)s).", ticket=ticket), "info")
    return redirect(url_for("reception.desk", besuch=visit_id), code=303)


def checkin_token(client_id: int) -> str:
    """What a search result's check-in button carries instead of the bare id: reception can check
    in only people its own search just found, not walk through the client list by id."""
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="kimweb-checkin").dumps(client_id)


def checkin_client_id(token: str | None) -> int | None:
    try:
        value = URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="kimweb-checkin").loads(
            token or "", max_age=CHECKIN_TOKEN_SECONDS
        )
    except BadData:
        return None
    return value if isinstance(value, int) else None


# A search result may be clicked for this long (a queue at the desk, a phone call in between).
CHECKIN_TOKEN_SECONDS = 30 * 60
bp.add_app_template_global(checkin_token, "checkin_token")


@bp.route("/empfang/anmeldung/bekannt", methods=["POST"])
@requires("reception.desk")
def check_in_known():
    """One click: the visit asks for the case manager and carries the file's language and
    interpreter need (visits.check_in_client); reception learns nothing else from the file."""
    form = KnownCheckInForm()
    client_id = checkin_client_id(form.client_id.data)
    check = (
        check_in_client(current_user, client_id, priority=form.priority.data) if form.validate() and client_id else None
    )
    if check is None:
        db.session.rollback()
        flash(_("Diese Person wurde nicht gefunden. Bitte suchen Sie erneut."), "error")
        return redirect(url_for("reception.desk"), code=303)
    return _checked_in(check)


@bp.route("/empfang/besuch/<int:visit_id>/akte", methods=["POST"])
@requires("reception.desk")
def link(visit_id: int):
    """A walk-in "ohne Akte" found later by name: their visit now belongs to the file."""
    visit = _todays_visit_or_404(visit_id)
    form = LinkForm()
    client_id = checkin_client_id(form.client_id.data) if form.validate() else None
    try:
        if client_id is None:
            raise QueueError(_("Diese Person wurde nicht gefunden. Bitte suchen Sie erneut."))
        link_to_file(visit, client_id, current_user)
    except QueueError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return redirect(url_for("reception.desk"), code=303)
    audit.record("visit.linked", "visit", visit.id, detail=f"client={client_id}")
    db.session.commit()
    row = one_row(visit, current_user)
    flash(
        _("Nummer %(ticket)s gehört jetzt zur Akte und wartet %(wanted)s.", ticket=row.ticket, wanted=row.wanted_to),
        "success",
    )
    return redirect(url_for("reception.desk", besuch=visit.id), code=303)


@bp.route("/empfang/anmeldung/neu", methods=["POST"])
@requires("reception.desk")
def check_in_walk_in():
    form = WalkInForm()
    valid = form.validate()
    waiting = waiting_walk_ins(local_today(), form.family_name.data or "", form.given_names.data or "", current_user)
    form.same_name_waiting = tuple(waiting)
    if valid and waiting and not form.other_person.data:
        form.other_person.errors = [
            _(
                "Eine Person mit diesem Namen wartet schon (Nummer %(ticket)s). Ist es eine andere Person, "
                "bestätigen Sie das bitte hier.",
                ticket=", ".join(r.ticket for r in waiting),
            )
        ]
        valid = False
    if not valid:
        return _desk(walk_in=form, status=422)
    values = form.concern_values()
    check = check_in(current_user, family_name=form.family_name.data, given_names=form.given_names.data or "", **values)
    return _checked_in(check)


def _todays_visit_or_404(visit_id: int) -> Visit:
    """The desk works on today's visits; older concerns and walk-in names are not for browsing."""
    visit = visit_or_404(visit_id)
    if visit.day != local_today():
        abort(404)
    return visit


@bp.route("/empfang/besuch/<int:visit_id>/zettel")
@requires("reception.desk")
def slip(visit_id: int):
    """The small printed slip: number, time, what to do. No name: slips get left behind."""
    visit = _todays_visit_or_404(visit_id)
    return render_template("reception/slip.html", row=one_row(visit, current_user))


@bp.route("/empfang/besuch/<int:visit_id>/bearbeiten", methods=["GET", "POST"])
@requires("reception.desk")
def edit(visit_id: int):
    """Reassign or correct a visit; a stale form answers 409 and keeps what was typed."""
    visit = _todays_visit_or_404(visit_id)
    walk_in = visit.client_id is None
    form = VisitEditForm(formdata=request.form if request.method == "POST" else None, walk_in=walk_in)
    if request.method == "GET":
        form.process(obj=visit)
        form.wanted_from(visit)
        form.language.data = visit.language or ""
        form.life_area_id.data = str(visit.life_area_id or "")
        form.version.data = str(visit.version)
    row = one_row(visit, current_user)
    if request.method == "GET":
        return render_template("reception/edit.html", form=form, row=row)
    if not form.validate():
        return render_template("reception/edit.html", form=form, row=row), 422
    values = form.concern_values()
    if walk_in:
        values.update(family_name=form.family_name.data, given_names=form.given_names.data or "")
    if not update_details(visit, current_user, values, row_id(form.version.data) or 0):
        db.session.rollback()
        flash(
            _(
                "Jemand anderes hat diesen Besuch inzwischen geändert. Bitte prüfen Sie Ihre Eingaben "
                "und speichern Sie erneut."
            ),
            "error",
        )
        form.version.data = str(visit_or_404(visit_id).version)
        return render_template("reception/edit.html", form=form, row=one_row(visit, current_user)), 409
    audit.record(
        "visit.corrected",
        "visit",
        visit.id,
        detail=f"case_manager={values['case_manager_id'] or '-'}; team={values['team_id'] or '-'}",
    )
    db.session.commit()
    flash(_("Der Besuch %(ticket)s wurde gespeichert.", ticket=row.ticket), "success")
    return redirect(url_for("reception.board"), code=303)
