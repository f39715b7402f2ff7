"""An appointment of a case file: make it (from the file or from the week), change or move it,
cancel it, settle it, print the slip, download it as .ics. Clients only through client_or_404."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import audit
from ..clients.access import client_or_404
from ..extensions import db
from ..fields import parse_id
from ..security import requires
from ..timeutil import format_date, local_day
from . import service
from .blueprint import bp
from .choices import ACTIVE_STATES, TRANSITIONS
from .editing import draft_from, fill, make_form, prefill, warnings_for
from .feed import single_event
from .forms import CancelForm, StateForm
from .queries import appointment_of, clients_to_pick
from .schedule import rooms, week_start
from .slip import slip_context


def _week_url(appointment) -> str:
    return url_for("appointments.week", monday=week_start(local_day(appointment.starts_at)).isoformat())


def _render_form(form, client, appointment=None, warnings=(), status=200, from_week=False):
    return render_template(
        "appointments/form_page.html",
        form=form,
        client=client,
        appointment=appointment,
        warnings=list(warnings),
        from_week=from_week,
        rooms=rooms(),
    ), status


def _save_new(form, client, from_week: bool):
    draft = draft_from(form, client, client.case_manager_id, creating=True) if form.validate_on_submit() else None
    if draft is None:
        return _render_form(form, client, status=422, from_week=from_week)
    warnings = warnings_for(draft)
    if warnings and not form.confirm_conflicts.data:
        return _render_form(form, client, warnings=warnings, status=422, from_week=from_week)
    appointment = service.create(draft, current_user)
    db.session.commit()
    flash(_("Der Termin am %(date)s wurde eingetragen.", date=format_date(appointment.starts_at)), "success")
    if from_week:
        return redirect(_week_url(appointment), code=303)
    return redirect(url_for("appointments.detail", client_id=client.id, appointment_id=appointment.id), code=303)


@bp.route("/klienten/<int:client_id>/termine/neu", methods=["GET", "POST"])
@requires("appointment.write")
def new(client_id: int):
    client = client_or_404(client_id, lock=request.method == "POST")
    form = make_form({str(client.id): client.display_name})
    if request.method == "GET":
        prefill(form, client, request.args)
        form.client_id.data = str(client.id)
        return _render_form(form, client)
    form.client_id.data = str(client.id)
    return _save_new(form, client, from_week=False)


@bp.route("/termine/neu", methods=["GET", "POST"])
@requires("appointment.write")
def new_in_week():
    """From "Meine Woche": the person is picked from the files one may open."""
    form = make_form(clients_to_pick(current_user))
    if request.method == "GET":
        prefill(form, None, request.args)
        return _render_form(form, None, from_week=True)
    client_id = parse_id(form.client_id.data)
    if client_id is None:
        form.validate()
        form.client_id.errors = [_("Bitte wählen Sie die Person.")]
        return _render_form(form, None, status=422, from_week=True)
    client = client_or_404(client_id, lock=True)
    return _save_new(form, client, from_week=True)


@bp.route("/klienten/<int:client_id>/termine/<int:appointment_id>")
@requires("appointment.read")
def detail(client_id: int, appointment_id: int):
    client = client_or_404(client_id)
    appointment = appointment_of(client, appointment_id)
    audit.record("appointment.viewed", "appointment", appointment.id)
    return _detail_page(client, appointment)


def _detail_page(client, appointment, cancel_form=None, state_form=None, status=200):
    version = str(appointment.version)
    return render_template(
        "appointments/detail.html",
        client=client,
        appointment=appointment,
        cancel_form=cancel_form or CancelForm(formdata=None, version=version),
        state_form=state_form or StateForm(formdata=None, version=version),
        next_states=TRANSITIONS.get(appointment.state, ()),
        may_cancel=appointment.state in ACTIVE_STATES,
        week_url=_week_url(appointment),
    ), status


def _stale_message() -> str:
    return _(
        "Jemand anderes hat diesen Termin inzwischen geändert. Ihre Eingaben sind noch da: "
        "bitte prüfen Sie sie und speichern Sie erneut."
    )


@bp.route("/klienten/<int:client_id>/termine/<int:appointment_id>/bearbeiten", methods=["GET", "POST"])
@requires("appointment.write")
def edit(client_id: int, appointment_id: int):
    """Change or move an appointment; a stale form answers 409 with what was typed kept."""
    client = client_or_404(client_id, lock=request.method == "POST")
    appointment = appointment_of(client, appointment_id)
    form = make_form({str(client.id): client.display_name})
    if request.method == "GET":
        fill(form, appointment)
        return _render_form(form, client, appointment)
    form.client_id.data = str(client.id)
    if form.version.stale(appointment.version):
        form.validate()
        flash(_stale_message(), "error")
        form.version.data = str(appointment.version)
        return _render_form(form, client, appointment, status=409)
    draft = draft_from(form, client, appointment.case_manager_id, creating=False) if form.validate_on_submit() else None
    if draft is None:
        return _render_form(form, client, appointment, status=422)
    moved = (draft.starts_at, draft.ends_at) != (appointment.starts_at, appointment.ends_at)
    warnings = warnings_for(draft, exclude_id=appointment.id) if moved or appointment.room != draft.room else []
    if warnings and not form.confirm_conflicts.data:
        return _render_form(form, client, appointment, warnings=warnings, status=422)
    service.update_appointment(appointment, draft)
    db.session.commit()
    flash(_("Der Termin wurde gespeichert."), "success")
    return redirect(url_for("appointments.detail", client_id=client.id, appointment_id=appointment.id), code=303)


@bp.route("/klienten/<int:client_id>/termine/<int:appointment_id>/absagen", methods=["POST"])
@requires("appointment.write")
def cancel(client_id: int, appointment_id: int):
    client = client_or_404(client_id, lock=True)
    appointment = appointment_of(client, appointment_id)
    form = CancelForm()
    if appointment.state not in ACTIVE_STATES:
        abort(409, _("Dieser Termin kann nicht mehr abgesagt werden."))
    if form.version.stale(appointment.version):
        flash(_stale_message(), "error")
        form.version.data = str(appointment.version)
        return _detail_page(client, appointment, cancel_form=form, status=409)
    if not form.validate_on_submit():
        return _detail_page(client, appointment, cancel_form=form, status=422)
    service.cancel(appointment, form.reason.data)
    db.session.commit()
    flash(_("Der Termin wurde abgesagt."), "success")
    return redirect(url_for("appointments.detail", client_id=client.id, appointment_id=appointment.id), code=303)


@bp.route("/klienten/<int:client_id>/termine/<int:appointment_id>/stand", methods=["POST"])
@requires("appointment.write")
def settle(client_id: int, appointment_id: int):
    client = client_or_404(client_id, lock=True)
    appointment = appointment_of(client, appointment_id)
    form = StateForm()
    if form.version.stale(appointment.version):
        flash(_stale_message(), "error")
        form.version.data = str(appointment.version)
        return _detail_page(client, appointment, state_form=form, status=409)
    if not form.validate_on_submit() or not service.settle(appointment, form.state.data):
        form.state.errors = [*form.state.errors, _("Dieser Schritt ist für diesen Termin nicht möglich.")]
        return _detail_page(client, appointment, state_form=form, status=422)
    db.session.commit()
    flash(_("Der Stand des Termins wurde gespeichert."), "success")
    return redirect(url_for("appointments.detail", client_id=client.id, appointment_id=appointment.id), code=303)


@bp.route("/klienten/<int:client_id>/termine/<int:appointment_id>/zettel")
@requires("appointment.read")
def slip(client_id: int, appointment_id: int):
    """The appointment slip for the client: German, and the client's language where texts exist."""
    client = client_or_404(client_id)
    appointment = appointment_of(client, appointment_id)
    audit.record("appointment.slip", "appointment", appointment.id)
    return render_template("appointments/slip.html", **slip_context(client, appointment))


@bp.route("/klienten/<int:client_id>/termine/<int:appointment_id>/termin.ics")
@requires("appointment.read")
def ics(client_id: int, appointment_id: int):
    """One appointment for one's own calendar: labelled like the feed, without names."""
    client = client_or_404(client_id)
    appointment = appointment_of(client, appointment_id)
    audit.record("appointment.ics", "appointment", appointment.id)
    body = single_event(appointment, current_user)
    return (
        body,
        200,
        {
            "Content-Type": "text/calendar; charset=utf-8",
            "Content-Disposition": f'attachment; filename="termin-{appointment.id}.ics"',
        },
    )
