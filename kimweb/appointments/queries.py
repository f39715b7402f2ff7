"""Reading appointments, always scoped: a file's appointments after client_or_404, one's own
week (only files one may open), reception's expected list (reception-safe fields only), the
start page panel; every read of client data audited."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import and_, bindparam, or_, select
from sqlalchemy.orm import joinedload, selectinload

from ..auth.models import User
from ..clients.access import audit_shown, part_or_404, visibility
from ..clients.choices import CLOSED_PHASE
from ..clients.models import Client
from ..contributions import DueItem
from ..directory.models import Location, Organization
from ..extensions import db
from ..reception.models import Visit
from ..timeutil import local_today, to_local, utcnow
from .choices import ACTIVE_STATES, CANCELLED, KEPT, KINDS, MISSED_UNCONFIRMED
from .models import Appointment, InterpreterRequest
from .schedule import day_bounds


def appointment_of(client: Client, appointment_id: int) -> Appointment:
    """An appointment of a file the user opened through client_or_404; 404 for any other."""
    return part_or_404(Appointment, appointment_id, client)


def file_context(client: Client) -> dict:
    """The case file's "Termine": what is ahead first, then the last ones."""
    now = utcnow()
    rows = db.session.scalars(
        select(Appointment)
        .where(Appointment.client_id == client.id)
        .options(joinedload(Appointment.case_manager), selectinload(Appointment.requests))
        .order_by(Appointment.starts_at.desc())
        .limit(60)
    ).all()
    ahead = sorted((a for a in rows if a.ends_at >= now), key=lambda a: a.starts_at)
    past = [a for a in rows if a.ends_at < now][:10]
    return {"ahead": ahead, "past": past, "to_confirm": [a for a in past if a.state == MISSED_UNCONFIRMED]}


# Appointments this far ahead count as due in the file's header.
DUE_AHEAD = timedelta(days=14)


# Built once (the case file's first screen asks on every opening); the file and the time are
# bound parameters.
_DUE = (
    select(Appointment)
    .where(
        Appointment.client_id == bindparam("client_id"),
        or_(
            and_(
                Appointment.state.in_(ACTIVE_STATES),
                Appointment.ends_at >= bindparam("now"),
                Appointment.starts_at < bindparam("ahead"),
            ),
            Appointment.state == MISSED_UNCONFIRMED,
        ),
    )
    # The newest first: those ahead are never crowded out by many old ones to confirm.
    .order_by(Appointment.starts_at.desc())
    .limit(20)
)


def due_appointments(client: Client) -> list[DueItem]:
    """The file's planned or confirmed appointments of the next two weeks, and those past without
    a visit or a note that the case manager is to confirm, as due items (one query)."""
    now = utcnow()
    rows = db.session.scalars(_DUE, {"client_id": client.id, "now": now, "ahead": now + DUE_AHEAD}).all()
    items = []
    for row in rows:
        starts, ends = to_local(row.starts_at), to_local(row.ends_at)
        kind = KINDS.get(row.kind, row.kind)
        to_confirm = row.state == MISSED_UNCONFIRMED
        items.append(
            DueItem(
                starts.date(),
                _("Termin"),
                _("%(kind)s ohne Besuch oder Notiz vergangen: bitte bestätigen", kind=kind)
                if to_confirm
                else str(kind),
                url_for("appointments.detail", client_id=client.id, appointment_id=row.id),
                severity="overdue" if to_confirm else "info",
                detail=f"{starts:%H:%M}–{ends:%H:%M}",
            )
        )
    return items


def week(user, monday: date) -> list[Appointment]:
    """The appointments of `user` in the Berlin week from `monday`, of files they may open."""
    start, _ = day_bounds(monday)
    end, _ = day_bounds(monday + timedelta(days=7))
    rows = db.session.scalars(
        select(Appointment)
        .join(Client, Client.id == Appointment.client_id)
        .where(
            Appointment.case_manager_id == user.id,
            Appointment.starts_at >= start,
            Appointment.starts_at < end,
            visibility(user),
        )
        .options(joinedload(Appointment.client), selectinload(Appointment.requests), joinedload(Appointment.location))
        .order_by(Appointment.starts_at)
    ).all()
    audit_shown({a.client_id for a in rows}, detail="appointments-week")
    return list(rows)


def clients_to_pick(user) -> dict[str, str]:
    """The open files one may open, for the week view's "new appointment" (name and case number)."""
    rows = db.session.execute(
        select(Client.id, Client.family_name, Client.given_names, Client.case_number)
        .where(visibility(user), Client.phase != CLOSED_PHASE)
        .order_by(Client.case_manager_id != user.id, Client.sort_name)
        .limit(500)
    ).all()
    return {str(r.id): f"{r.family_name}, {r.given_names} ({r.case_number})" for r in rows}


def location_choices() -> dict[str, str]:
    rows = db.session.execute(
        select(Location.id, Location.name, Location.address_1, Location.city, Organization.name)
        .outerjoin(Organization, Organization.id == Location.organization_id)
        .where(Location.address_confidential.is_(False))
        .order_by(Organization.name, Location.name)
        .limit(1000)
    ).all()
    return {str(r[0]): " – ".join(p for p in (r[4], r[1], ", ".join(x for x in (r[2], r[3]) if x)) if p) for r in rows}


def organization_choices() -> dict[str, str]:
    rows = db.session.execute(select(Organization.id, Organization.name).order_by(Organization.name).limit(2000)).all()
    return {str(i): name for i, name in rows}


@dataclass(frozen=True)
class Expected:
    """One row of reception's "Erwartet heute": what reception may know, nothing of the file."""

    appointment_id: int
    starts_at: datetime
    family_name: str
    given_names: str
    birth_year: int | None
    case_manager: str
    room: str
    for_household: bool
    interpreter_language: str | None
    arrived: bool
    ticket: int | None
    late: bool


def expected_today(now: datetime | None = None) -> list[Expected]:
    """Today's appointments in the office (not cancelled), with reception-safe fields only."""
    now = now or utcnow()
    start, end = day_bounds(local_today())
    late_after = timedelta(minutes=int(current_app.config["APPOINTMENT_LATE_MINUTES"]))
    rows = db.session.execute(
        select(Appointment, Client.family_name, Client.given_names, Client.birth_date, User.display_name, Visit.ticket)
        .join(Client, Client.id == Appointment.client_id)
        .join(User, User.id == Appointment.case_manager_id)
        .outerjoin(Visit, Visit.id == Appointment.visit_id)
        .where(
            Appointment.starts_at >= start,
            Appointment.starts_at < end,
            Appointment.kind == "office",
            Appointment.state != CANCELLED,
        )
        .order_by(Appointment.starts_at, Client.sort_name)
    ).all()
    found = []
    for a, family, given, birth, manager, ticket in rows:
        arrived = a.visit_id is not None or a.state == KEPT
        found.append(
            Expected(
                appointment_id=a.id,
                starts_at=a.starts_at,
                family_name=family,
                given_names=given,
                birth_year=birth.year if birth else None,
                case_manager=manager,
                room=a.room,
                for_household=a.for_household,
                interpreter_language=a.interpreter_language if a.interpreter_kind else None,
                arrived=arrived,
                ticket=ticket,
                late=not arrived and now > a.starts_at + late_after,
            )
        )
    return found


def todays_panel() -> dict:
    """The start page's "Termine heute" of the current user, with who has arrived."""
    start, end = day_bounds(local_today())
    rows = db.session.execute(
        select(Appointment, Visit)
        .join(Client, Client.id == Appointment.client_id)
        .outerjoin(Visit, Visit.id == Appointment.visit_id)
        .where(
            Appointment.case_manager_id == current_user.id,
            Appointment.starts_at >= start,
            Appointment.starts_at < end,
            Appointment.state != CANCELLED,
            visibility(current_user),
        )
        .options(joinedload(Appointment.client))
        .order_by(Appointment.starts_at)
    ).all()
    audit_shown({a.client_id for a, _v in rows}, detail="appointments-today")
    return {"rows": rows, "now": utcnow()}


def open_requests(user) -> list[InterpreterRequest]:
    """Interpreter requests not yet answered, of appointments of files `user` may open."""
    rows = db.session.scalars(
        select(InterpreterRequest)
        .join(Appointment, Appointment.id == InterpreterRequest.appointment_id)
        .join(Client, Client.id == Appointment.client_id)
        .where(InterpreterRequest.state == "requested", Appointment.state.in_(ACTIVE_STATES), visibility(user))
        .options(joinedload(InterpreterRequest.appointment).joinedload(Appointment.client))
        .order_by(Appointment.starts_at)
    ).all()
    audit_shown({r.appointment.client_id for r in rows}, detail="interpreter-requests")
    return list(rows)


def hour_minute(moment: datetime) -> str:
    return to_local(moment).strftime("%H:%M")
