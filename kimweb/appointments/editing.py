"""What the appointment pages share: the form with its choices, the form as a Draft (times in
Berlin, checked), and the conflict warnings that ask for a second click."""

import re
from datetime import datetime, timedelta

from flask_babel import gettext as _

from ..clients.models import Client
from ..fields import parse_id
from ..timeutil import to_local, utcnow
from . import schedule
from .forms import AppointmentForm
from .models import Appointment
from .queries import location_choices, organization_choices
from .service import DEFAULT_LENGTH, Draft


def make_form(client_choices=None, **kwargs) -> AppointmentForm:
    return AppointmentForm(
        client_choices=client_choices, locations=location_choices(), organizations=organization_choices(), **kwargs
    )


def fill(form: AppointmentForm, appointment: Appointment) -> None:
    """The form from a stored appointment (GET of the edit page)."""
    start, end = to_local(appointment.starts_at), to_local(appointment.ends_at)
    form.client_id.data = str(appointment.client_id)
    form.for_household.data = appointment.for_household
    form.day.data, form.start.data, form.end.data = start.date(), start.time(), end.time()
    form.kind.data, form.place.data, form.room.data = appointment.kind, appointment.place, appointment.room
    form.location_id.data = str(appointment.location_id or "")
    form.organization_id.data = str(appointment.organization_id or "")
    form.bring.data, form.note.data = appointment.bring, appointment.note
    form.interpreter_language.data = appointment.interpreter_language or ""
    form.interpreter_kind.data = appointment.interpreter_kind
    form.legal_consequences.data = appointment.legal_consequences
    form.recorded_afterwards.data = appointment.recorded_afterwards
    form.version.data = str(appointment.version)


def prefill(form: AppointmentForm, client: Client | None, args) -> None:
    """A new appointment: the day and hour clicked in the week, the client's interpreter need."""
    day = args.get("tag", "")
    try:
        form.day.data = datetime.strptime(day, "%Y-%m-%d").date() if day else None
    except ValueError:
        form.day.data = None
    start = args.get("beginn", "")
    if re.fullmatch(r"[0-9]{2}:[0-9]{2}", start):
        form.start.raw = start
    form.kind.data, form.place.data = "office", "room"
    rooms = schedule.rooms()
    form.room.data = rooms[0] if rooms else ""
    if client is not None and client.interpreter_needed and client.interpreter_language:
        form.interpreter_language.data = client.interpreter_language
        form.interpreter_kind.data = "pool"


def draft_from(form: AppointmentForm, client: Client, case_manager_id: int, *, creating: bool) -> Draft | None:
    """The form as a Draft, or None after putting a German message next to the wrong field."""
    day, start = form.day.data, form.start.data
    end = form.end.data
    try:
        starts_at = schedule.to_utc(day, start)
    except schedule.NoSuchTime as problem:
        form.start.errors = [*form.start.errors, str(problem)]
        return None
    if end is None:
        ends_at = starts_at + DEFAULT_LENGTH
    else:
        try:
            ends_at = schedule.to_utc(day, end)
        except schedule.NoSuchTime as problem:
            form.end.errors = [*form.end.errors, str(problem)]
            return None
    if ends_at <= starts_at:
        form.end.errors = [*form.end.errors, _("Das Ende muss nach dem Beginn liegen.")]
        return None
    if ends_at - starts_at > timedelta(hours=12):
        form.end.errors = [*form.end.errors, _("Ein Termin dauert höchstens 12 Stunden.")]
        return None
    afterwards = bool(form.recorded_afterwards.data)
    if creating and starts_at < utcnow() - timedelta(minutes=5) and not afterwards:
        form.day.errors = [
            *form.day.errors,
            _(
                "Der Termin liegt in der Vergangenheit. Wenn Sie einen stattgefundenen Termin nachtragen, "
                "kreuzen Sie „nachträglich erfasst“ an."
            ),
        ]
        return None
    if afterwards and starts_at > utcnow():
        form.recorded_afterwards.errors = [_("Nur ein Termin in der Vergangenheit kann nachträglich erfasst werden.")]
        return None
    place = form.place.data or "room"
    return Draft(
        client_id=client.id,
        case_manager_id=case_manager_id,
        starts_at=starts_at,
        ends_at=ends_at,
        kind=form.kind.data or "office",
        place=place,
        room=(form.room.data or "") if place == "room" else "",
        location_id=parse_id(form.location_id.data) if place == "location" else None,
        organization_id=parse_id(form.organization_id.data),
        for_household=bool(form.for_household.data),
        bring=form.bring.data or "",
        interpreter_language=(form.interpreter_language.data or None) if form.interpreter_kind.data else None,
        interpreter_kind=form.interpreter_kind.data or "",
        legal_consequences=bool(form.legal_consequences.data),
        note=form.note.data or "",
        recorded_afterwards=afterwards,
    )


def warnings_for(draft: Draft, exclude_id: int | None = None) -> list[str]:
    if draft.recorded_afterwards:
        return []
    return [
        c.message
        for c in schedule.conflicts(draft.case_manager_id, draft.client_id, draft.starts_at, draft.ends_at, exclude_id)
    ]
