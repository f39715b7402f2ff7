"""The desk: one search field for known clients, one-click check-in, the short walk-in form,
the ticket slip, and corrections. Names travel only in POST bodies, never in URLs."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from itsdangerous import BadData, URLSafeTimedSerializer
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from .. import audit, htmx
from ..clients.access import reception_lookup
from ..clients.models import Client
from ..database import reads_only
from ..extensions import db
from ..security import has_permission, requires
from ..timeutil import local_today
from .blueprint import bp
from .forms import SearchForm, VisitEditForm, WalkInForm
from .models import OPEN_STATES, Visit
from .queue import one_row, row_id, visit_or_404
from .views_queue import board_context
from .visits import check_in, open_visit_of, ticket_label, update_details


def _matches(form: SearchForm) -> tuple[list, dict]:
    family, given, birth = form.person()
    found = reception_lookup(family, given, birth) if family else []
    day = local_today()
    open_visits = {}
    if found:
        rows = db.session.execute(
            select(Visit.client_id, Visit).where(
                Visit.day == day, Visit.state.in_(OPEN_STATES), Visit.client_id.in_([f.client_id for f in found])
            )
        ).all()
        open_visits = {client_id: visit for client_id, visit in rows}
    return found, open_visits


def _walk_in_from_search(form: SearchForm) -> WalkInForm:
    family, given, _birth = form.person()
    return WalkInForm(formdata=None, data={"family_name": family, "given_names": given})


def _desk(search=None, walk_in=None, found=None, open_visits=None, searched=False, status=200):
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
        found=found or [],
        open_visits=open_visits or {},
        searched=searched,
        just=just,
        board=board,
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
    found, open_visits = _matches(form) if not form.errors else ([], {})
    searched = bool((form.q.data or "").strip())
    # The walk-in form only when it is needed: rendering it on every keystroke would double the cost.
    walk_in = _walk_in_from_search(form) if searched and (not found or "neu" in request.form) else None
    if htmx.is_partial():
        return render_template(
            "reception/_search_results.html",
            found=found,
            open_visits=open_visits,
            walk_in=walk_in,
            searched=searched,
            search=form,
        )
    return _desk(form, walk_in, found, open_visits, searched)


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
    client_id = checkin_client_id(request.form.get("client_id"))
    # Only the case manager's id is read: reception learns nothing else from the file.
    manager_id = db.session.scalar(select(Client.case_manager_id).where(Client.id == client_id)) if client_id else None
    if manager_id is None:
        flash(_("Diese Person wurde nicht gefunden. Bitte suchen Sie erneut."), "error")
        return redirect(url_for("reception.desk"), code=303)
    try:
        check = check_in(current_user, client_id=client_id, case_manager_id=manager_id)
        return _checked_in(check)
    except IntegrityError:
        # Another desk checked the same person in at this very moment (PostgreSQL): theirs counts.
        db.session.rollback()
        existing = open_visit_of(client_id, local_today())
        if existing is None:
            raise
        flash(
            _("Diese Person ist heute schon angemeldet (Nummer %(ticket)s).", ticket=ticket_label(existing.ticket)),
            "info",
        )
        return redirect(url_for("reception.desk", besuch=existing.id), code=303)


@bp.route("/empfang/anmeldung/neu", methods=["POST"])
@requires("reception.desk")
def check_in_walk_in():
    form = WalkInForm()
    if not form.validate():
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
