"""Demo data: a week of appointments for the demo case manager (two expected today at reception),
an interpreter request, and the office's interpreters. Idempotent."""

from datetime import datetime, time, timedelta

from sqlalchemy import select

from ..auth.models import User
from ..clients.models import Client
from ..extensions import db
from ..timeutil import BERLIN, local_today
from .models import Appointment, Interpreter, InterpreterRequest
from .schedule import NoSuchTime, to_utc, week_start

DEMO_INTERPRETERS = (
    ("Samira Haddad", "pool", "ar ku", "0208 555-101", "sprachmittlung@kim-demo.example"),
    ("Oleksandr Bondar", "pool", "uk ru", "0208 555-102", None),
    (
        "Dolmetschdienst Rhein-Ruhr",
        "agency",
        "ar fa prs ps tr ti",
        "0208 555-200",
        "auftrag@dolmetschdienst-demo.example",
    ),
)

# (day of the week 0-6, start, minutes, kind, room, interpreter language, interpreter kind, legal)
DEMO_WEEK = (
    (0, time(9, 0), 60, "office", "Raum 2", None, "", False),
    (1, time(14, 0), 90, "accompaniment", "", "ar", "professional", True),
    (2, time(10, 30), 60, "home_visit", "", None, "", False),
    (3, time(11, 0), 45, "office", "Raum 1", "uk", "pool", False),
    (4, time(13, 0), 30, "remote", "", None, "", False),
)


def _today_times() -> list[time]:
    """Two times today: one a while ago (late, not yet arrived) and one ahead."""
    now = datetime.now(BERLIN)
    earlier = max(now - timedelta(minutes=40), now.replace(hour=0, minute=5))
    later = min(now + timedelta(hours=1), now.replace(hour=23, minute=0))
    return [earlier.time().replace(second=0, microsecond=0), later.time().replace(second=0, microsecond=0)]


def seed_demo_appointments() -> list[str]:
    created: list[str] = []
    for name, source, languages, phone, email in DEMO_INTERPRETERS:
        if db.session.scalar(select(Interpreter.id).where(Interpreter.name == name)) is None:
            db.session.add(Interpreter(name=name, source=source, languages=languages, phone=phone, email=email))
            created.append(name)
    manager = db.session.scalar(select(User).where(User.username == "mueller"))
    if manager is None or db.session.scalar(select(Appointment.id).limit(1)) is not None:
        return created
    clients = db.session.scalars(
        select(Client).where(Client.case_manager_id == manager.id).order_by(Client.id).limit(6)
    ).all()
    if not clients:
        return created
    monday = week_start(local_today())
    for number, (weekday, start, minutes, kind, room, language, interpreting, legal) in enumerate(DEMO_WEEK):
        person = clients[number % len(clients)]
        appointment = _add(person, manager, monday + timedelta(days=weekday), start, minutes, kind, room)
        appointment.interpreter_language, appointment.interpreter_kind = language, interpreting
        appointment.legal_consequences = legal
        if interpreting:
            db.session.flush()
            db.session.add(
                InterpreterRequest(
                    appointment_id=appointment.id, language=language or "", kind=interpreting, legal_consequences=legal
                )
            )
    for number, start in enumerate(_today_times()):
        person = clients[(number + 1) % len(clients)]
        _add(person, manager, local_today(), start, 45, "office", f"Raum {number + 1}")
    created.append(f"{len(DEMO_WEEK) + 2} Termine")
    return created


def _add(person, manager, day, start, minutes, kind, room) -> Appointment:
    try:
        starts_at = to_utc(day, start)
    except NoSuchTime:
        starts_at = to_utc(day, time(9, 0))
    appointment = Appointment(
        client_id=person.id,
        case_manager_id=manager.id,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes),
        kind=kind,
        place={"office": "room", "home_visit": "home", "remote": "none"}.get(kind, "none"),
        room=room,
        bring="Personalausweis, letzter Bescheid" if kind == "office" else "",
    )
    db.session.add(appointment)
    return appointment
