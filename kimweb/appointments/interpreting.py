"""Interpreter requests: made from an appointment's interpreter need, answered (confirmed with a
name, or declined), and the notice the volunteer pool needs (five working days)."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import audit
from ..extensions import db
from ..timeutil import local_day, local_today, utcnow
from .choices import VOLUNTEER_KINDS
from .models import Appointment, Interpreter, InterpreterRequest
from .schedule import working_days_until


def notice_warning(appointment: Appointment, kind: str) -> str | None:
    """A warning when the pool gets less notice than it needs (working days, NRW holidays off)."""
    needed = int(current_app.config["INTERPRETER_NOTICE_DAYS"])
    left = working_days_until(local_today(), local_day(appointment.starts_at))
    if kind in VOLUNTEER_KINDS and left < needed:
        return str(
            _l(
                "Bis zum Termin bleiben nur %(left)d Arbeitstage; der Sprachmittlerpool braucht %(needed)d. "
                "Bitte fragen Sie sofort an oder buchen Sie eine beauftragte Dolmetscherin.",
                left=left,
                needed=needed,
            )
        )
    return None


def request_interpreter(appointment: Appointment, language: str, kind: str, legal: bool, note: str | None, user):
    entry = InterpreterRequest(
        appointment_id=appointment.id,
        language=language,
        kind=kind,
        legal_consequences=legal,
        note=note,
        requested_by_id=user.id,
    )
    db.session.add(entry)
    db.session.flush()
    audit.record("interpreter.requested", "interpreter_request", entry.id, detail=f"appointment={appointment.id}")
    return entry


def answer(entry: InterpreterRequest, state: str, interpreter: Interpreter | None, name: str | None, note: str | None):
    entry.state = state
    entry.interpreter_id = interpreter.id if interpreter else None
    entry.interpreter_name = (interpreter.name if interpreter else name) if state == "confirmed" else None
    # The office's own note: never on the request that goes to the pool or agency.
    entry.answer_note = note or entry.answer_note
    entry.answered_at = utcnow()
    entry.version += 1
    audit.record("interpreter.answered", "interpreter_request", entry.id, detail=f"state={state}")


def interpreter_choices(language: str | None = None) -> dict[str, str]:
    """The available interpreters, those speaking `language` first."""
    rows = db.session.scalars(select(Interpreter).where(Interpreter.active.is_(True)).order_by(Interpreter.name)).all()
    speaking = [i for i in rows if language and language in i.languages.split()]
    others = [i for i in rows if i not in speaking]
    return {str(i.id): f"{i.name} ({i.languages})" for i in speaking + others}
