"""Changing appointments: create, move, cancel, settle; linking a visit at check-in; dates from
other features becoming appointments; the nightly "nicht erschienen?". Views commit; these
functions only change the session (and write the audit rows that join its transaction)."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask import g, has_request_context
from sqlalchemy import select, update

from .. import audit
from ..clients.models import Client
from ..extensions import db
from ..notes.models import ContactNote
from ..timeutil import local_day, local_today, utcnow
from .choices import ACTIVE_STATES, CANCELLED, KEPT, MISSED_UNCONFIRMED, PLANNED, TRANSITIONS
from .models import Appointment
from .schedule import NoSuchTime, day_bounds, to_utc

DEFAULT_LENGTH = timedelta(hours=1)
# A date agreed elsewhere without an hour is put at 09:00 and marked "Uhrzeit offen".
OPEN_TIME = time(9, 0)


@dataclass
class Draft:
    """An appointment as the form gives it, times already as naive UTC."""

    client_id: int
    case_manager_id: int
    starts_at: datetime
    ends_at: datetime
    kind: str
    place: str
    room: str = ""
    location_id: int | None = None
    organization_id: int | None = None
    for_household: bool = False
    bring: str = ""
    interpreter_language: str | None = None
    interpreter_kind: str = ""
    legal_consequences: bool = False
    note: str = ""
    recorded_afterwards: bool = False


_FIELDS = (
    "client_id",
    "case_manager_id",
    "starts_at",
    "ends_at",
    "kind",
    "place",
    "room",
    "location_id",
    "organization_id",
    "for_household",
    "bring",
    "interpreter_language",
    "interpreter_kind",
    "legal_consequences",
    "note",
    "recorded_afterwards",
)


def create(draft: Draft, user) -> Appointment:
    appointment = Appointment(**{f: getattr(draft, f) for f in _FIELDS}, created_by_id=user.id)
    if draft.recorded_afterwards:
        appointment.state = KEPT
    db.session.add(appointment)
    db.session.flush()
    audit.record("appointment.created", "appointment", appointment.id, detail=f"client={draft.client_id}")
    return appointment


def update_appointment(appointment: Appointment, draft: Draft) -> None:
    """Save the form over the appointment (the view has checked its version). Moving it to
    another time makes the hour known and a missed one planned again."""
    values = {f: getattr(draft, f) for f in _FIELDS if f != "client_id"}
    changed = sorted(f for f, v in values.items() if getattr(appointment, f) != v)
    moved = appointment.starts_at != draft.starts_at or appointment.ends_at != draft.ends_at
    for field, value in values.items():
        setattr(appointment, field, value)
    if moved:
        appointment.time_open = False
        if appointment.state == MISSED_UNCONFIRMED:
            appointment.state = PLANNED
    appointment.version += 1
    audit.record("appointment.changed", "appointment", appointment.id, detail="fields=" + ",".join(changed))


def cancel(appointment: Appointment, reason: str) -> None:
    appointment.state = CANCELLED
    appointment.cancel_reason = reason
    appointment.version += 1
    audit.record("appointment.cancelled", "appointment", appointment.id)


def settle(appointment: Appointment, state: str) -> bool:
    """A step by hand (bestätigt, wahrgenommen, nicht erschienen); False if not allowed from here."""
    if state not in TRANSITIONS.get(appointment.state, ()):
        return False
    appointment.state = state
    appointment.version += 1
    audit.record("appointment.state", "appointment", appointment.id, detail=f"state={state}")
    return True


def link_visit(appointment: Appointment, visit_id: int) -> None:
    appointment.visit_id = visit_id
    appointment.state = KEPT
    appointment.version += 1
    audit.record("appointment.arrived", "appointment", appointment.id, detail=f"visit={visit_id}")


def todays_open_appointment(client_id: int, now: datetime | None = None) -> Appointment | None:
    """The client's appointment today that no visit has been linked to yet, the one nearest now."""
    start, end = day_bounds(local_today())
    now = now or utcnow()
    candidates = db.session.scalars(
        select(Appointment).where(
            Appointment.client_id == client_id,
            Appointment.starts_at >= start,
            Appointment.starts_at < end,
            Appointment.state.in_(ACTIVE_STATES + (MISSED_UNCONFIRMED,)),
            Appointment.visit_id.is_(None),
        )
    ).all()
    if not candidates:
        return None
    return min(candidates, key=lambda a: abs((a.starts_at - now).total_seconds()))


# Set by the one-click check-in from "Erwartet heute": the signal then links that appointment.
CHOSEN_KEY = "kimweb_appointment_checkin"


def link_on_check_in(visit, **_kwargs) -> None:
    """Receiver of signals.visit_checked_in: a person with an appointment today arrived."""
    if visit.client_id is None:
        return
    chosen_id = g.get(CHOSEN_KEY) if has_request_context() else None
    appointment = db.session.get(Appointment, chosen_id) if chosen_id else None
    if appointment is None or appointment.client_id != visit.client_id or appointment.visit_id is not None:
        appointment = todays_open_appointment(visit.client_id)
    if appointment is not None:
        link_visit(appointment, visit.id)
        db.session.flush()


def from_other_feature(
    sender,
    *,
    source: str,
    client: Client,
    on_date: date | None,
    kind: str,
    at: time | None = None,
    time_text: str | None = None,
    organization_id: int | None = None,
    user=None,
    **_kwargs,
) -> None:
    """Receiver of signals.appointment_date_set: a referral's appointment, a case conference's next
    date become appointments; saved again, the same appointment moves (or is cancelled when the
    date was removed)."""
    existing = db.session.scalar(select(Appointment).where(Appointment.source == source))
    if at is None and time_text:
        at = time_in(time_text)
    if on_date is None:
        if existing is not None and existing.state in ACTIVE_STATES:
            cancel(existing, "Datum entfernt")
        return
    try:
        starts_at = to_utc(on_date, at or OPEN_TIME)
    except NoSuchTime:  # a time the clocks skip: the hour stays open
        at, starts_at = None, to_utc(on_date, OPEN_TIME)
    values = {
        "starts_at": starts_at,
        "ends_at": starts_at + DEFAULT_LENGTH,
        "time_open": at is None,
        "organization_id": organization_id,
    }
    if existing is not None:
        if (existing.starts_at, existing.organization_id) != (starts_at, organization_id):
            for field, value in values.items():
                setattr(existing, field, value)
            if existing.state == CANCELLED:
                existing.state = PLANNED
            existing.version += 1
            audit.record("appointment.changed", "appointment", existing.id, detail=f"from={source}")
        return
    appointment = Appointment(
        client_id=client.id,
        case_manager_id=client.case_manager_id,
        kind=kind,
        place="location" if kind == "accompaniment" else "none",
        source=source,
        created_by_id=getattr(user, "id", None),
        **values,
    )
    db.session.add(appointment)
    db.session.flush()
    audit.record("appointment.created", "appointment", appointment.id, detail=f"from={source}", user=user)


_CLOCK = re.compile(r"\b([01]?\d|2[0-3])[:.]([0-5]\d)\b")


def time_in(words: str) -> time | None:
    """The first clock time in free text ("10:30 Uhr, Herr Brandt" -> 10:30), if any."""
    match = _CLOCK.search(words)
    return time(int(match.group(1)), int(match.group(2))) if match else None


def mark_missed(now: datetime | None = None) -> list[int]:
    """Past appointments still planned or confirmed, with no visit and no contact note on that
    day, become "nicht erschienen?" for the case manager to confirm (the nightly job)."""
    now = now or utcnow()
    rows = db.session.scalars(
        select(Appointment).where(
            Appointment.state.in_(ACTIVE_STATES), Appointment.ends_at < now, Appointment.visit_id.is_(None)
        )
    ).all()
    marked = []
    for appointment in rows:
        start, end = day_bounds(local_day(appointment.starts_at))
        noted = db.session.scalar(
            select(ContactNote.id)
            .where(
                ContactNote.client_id == appointment.client_id,
                ContactNote.occurred_at >= start,
                ContactNote.occurred_at < end,
                ContactNote.deleted_at.is_(None),
            )
            .limit(1)
        )
        if noted is not None:
            continue
        db.session.execute(
            update(Appointment)
            .where(Appointment.id == appointment.id, Appointment.state.in_(ACTIVE_STATES))
            .values(state=MISSED_UNCONFIRMED, version=Appointment.version + 1)
        )
        marked.append(appointment.id)
    if marked:
        audit.record_many("appointment.missed_unconfirmed", "appointment", marked, detail="nightly")
    return marked
