"""Reception's "Erwartet heute": today's office appointments with time, name as for check-in,
case manager and room, late arrivals marked; checking someone in from the list is one click and
links the visit to the appointment."""

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from .. import audit
from ..extensions import db
from ..reception.visits import check_in, open_visit_of, ticket_label
from ..security import requires
from ..timeutil import local_today
from . import service
from .blueprint import bp
from .choices import ACTIVE_STATES, MISSED_UNCONFIRMED
from .models import Appointment
from .queries import expected_today
from .schedule import day_bounds


@bp.route("/empfang/erwartet")
@requires("appointment.expected")
def expected():
    rows = expected_today()
    # Names of people with an appointment, shown to the desk: who looked, and how many rows.
    audit.record("appointment.expected_viewed", detail=f"rows={len(rows)}")
    return render_template("appointments/expected.html", rows=rows)


@bp.route("/empfang/erwartet/<int:appointment_id>/anmelden", methods=["POST"])
@requires("appointment.expected", "reception.desk")
def check_in_expected(appointment_id: int):
    start, end = day_bounds(local_today())
    appointment = db.session.get(Appointment, appointment_id)
    # Only today's expected appointments: the list is not a way into other days or files.
    if (
        appointment is None
        or not start <= appointment.starts_at < end
        or appointment.kind != "office"
        or appointment.state not in ACTIVE_STATES + (MISSED_UNCONFIRMED,)
    ):
        flash(_("Dieser Termin ist nicht (mehr) für heute erwartet. Bitte prüfen Sie die Liste."), "error")
        return redirect(url_for("appointments.expected"), code=303)
    g.setdefault(service.CHOSEN_KEY, appointment.id)
    try:
        check = check_in(current_user, client_id=appointment.client_id, case_manager_id=appointment.case_manager_id)
    except IntegrityError:
        # Another desk checked the same person in at this very moment: theirs counts.
        db.session.rollback()
        existing = open_visit_of(appointment.client_id, local_today())
        if existing is None:
            raise
        flash(
            _("Diese Person ist heute schon angemeldet (Nummer %(ticket)s).", ticket=ticket_label(existing.ticket)),
            "info",
        )
        return redirect(url_for("appointments.expected"), code=303)
    visit = check.visit
    if appointment.visit_id is None:
        service.link_visit(appointment, visit.id)
    if check.created:
        audit.record(
            "visit.checked_in", "visit", visit.id, detail=f"client={visit.client_id}; appointment={appointment.id}"
        )
    db.session.commit()
    if check.created:
        flash(_("Angemeldet mit Nummer %(ticket)s.", ticket=ticket_label(visit.ticket)), "success")
    else:
        flash(
            _("Diese Person ist heute schon angemeldet (Nummer %(ticket)s).", ticket=ticket_label(visit.ticket)), "info"
        )
    return redirect(url_for("appointments.expected"), code=303)
