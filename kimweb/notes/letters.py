"""Letters in and out: the deadline suggestion from kimweb.deadlines (a person confirms it), the
letter's fields on save, and open deadlines for the start page and the case file."""

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from ..clients.access import visibility
from ..clients.models import Client
from ..deadlines import Deadline, appeal_deadline
from ..directory.models import Organization
from ..extensions import db
from ..signals import appointment_date_set
from ..timeutil import format_date, utcnow
from .forms import NoteForm
from .models import ContactNote, NoteLetter


def suggestion(kind: str | None, served_on: date | None, remedy_missing: bool) -> Deadline | None:
    if not kind or not served_on:
        return None
    try:
        return appeal_deadline(kind, served_on, remedy_missing)
    except ValueError:  # a kind the table does not know (a tampered form)
        return None


def offer_suggestion(form: NoteForm) -> bool:
    """A letter with a decision and its service day but no deadline yet: put the suggested day
    into the field and ask the person to check it (the form goes back with 422). True if so."""
    if not form.is_letter or form.letter_deadline.data or form.letter_deadline.raw:
        return False
    found = suggestion(form.letter_decision_kind.data, form.letter_served_on.data, form.letter_remedy_missing.data)
    if found is None:
        return False
    form.letter_deadline.data, form.letter_deadline.raw = found.due, format_date(found.due)
    form.letter_deadline.errors = [
        _l(
            "Vorgeschlagen: %(date)s. Bitte prüfen Sie die Frist am Schreiben und bestätigen Sie sie.",
            date=format_date(found.due),
        )
    ]
    return True


def warn_non_working_deadline(form: NoteForm) -> bool:
    """A deadline typed on a weekend or holiday is said once, with the next working day (the
    form goes back with 422); saved again with the same day, it is kept. True if warned now."""
    warning = form.deadline_warning
    if warning is None or form.letter_deadline_warned.data == warning.day.isoformat():
        return False
    form.deadline_warned_now = True
    return True


def apply_letter(form: NoteForm, note: ContactNote) -> None:
    """Store the letter fields on the note (or remove them when it is no longer a letter)."""
    if not form.is_letter:
        note.letter = None
        return
    letter = note.letter or NoteLetter(client_id=note.client_id)
    previous_deadline = letter.deadline if note.letter else None
    letter.organization = db.session.get_one(Organization, int(form.letter_authority.data))
    letter.subject = form.letter_subject.data
    letter.letter_date = form.letter_date.data
    letter.served_on = form.letter_served_on.data
    letter.decision_kind = form.letter_decision_kind.data or None
    letter.remedy_instructions_missing = bool(form.letter_remedy_missing.data)
    letter.set_status(form.letter_status.data or "open")
    letter.deadline = form.letter_deadline.data
    letter.hearing_on, letter.hearing_time = form.letter_hearing_on.data, form.letter_hearing_time.data or None
    if letter.deadline is None:
        letter.deadline_confirmed_at = letter.deadline_confirmed_by_id = None
    elif letter.deadline != previous_deadline or letter.deadline_confirmed_at is None:
        letter.deadline_confirmed_at, letter.deadline_confirmed_by_id = utcnow(), current_user.id
    note.letter = letter


def fill_form(form: NoteForm, letter: NoteLetter) -> None:
    form.letter_authority.data = str(letter.organization_id)
    form.letter_subject.data = letter.subject
    form.letter_date.data, form.letter_served_on.data = letter.letter_date, letter.served_on
    form.letter_decision_kind.data = letter.decision_kind or ""
    form.letter_remedy_missing.data = letter.remedy_instructions_missing
    form.letter_deadline.data = letter.deadline
    form.letter_deadline_confirmed.data = letter.deadline_confirmed_at is not None
    form.letter_status.data = letter.status
    form.letter_hearing_on.data, form.letter_hearing_time.data = letter.hearing_on, letter.hearing_time


def announce_hearing(note: ContactNote, client: Client) -> None:
    """A letter's hearing date becomes an appointment (kimweb/appointments), once the note has its
    id; no longer a letter, or the date removed, cancels it."""
    letter = note.letter
    appointment_date_set.send(
        note,
        source=f"letter:{note.id}",
        client=client,
        on_date=letter.hearing_on if letter else None,
        kind="accompaniment",
        time_text=letter.hearing_time if letter else None,
        organization_id=letter.organization_id if letter else None,
        user=current_user,
    )


def _readable_for(user):
    """Letters whose note the user may read (a confidential letter's deadline tells too much)."""
    return or_(ContactNote.confidential.is_(False), ContactNote.author_id == user.id, Client.case_manager_id == user.id)


def open_deadlines(client: Client | None = None, limit: int = 20) -> list[tuple[NoteLetter, Client]]:
    """Open letters with a deadline, soonest first: of one file, or of the files the current user
    is case manager of (their start page)."""
    query = (
        select(NoteLetter, Client)
        .join(ContactNote, ContactNote.id == NoteLetter.note_id)
        .join(Client, Client.id == NoteLetter.client_id)
        .where(
            NoteLetter.status == "open",
            NoteLetter.deadline.is_not(None),
            ContactNote.deleted_at.is_(None),
            _readable_for(current_user),
            visibility(current_user),
        )
        .options(joinedload(NoteLetter.organization), joinedload(NoteLetter.note))
        .order_by(NoteLetter.deadline, NoteLetter.note_id)
        .limit(limit)
    )
    if client is not None:
        query = query.where(NoteLetter.client_id == client.id)
    else:
        query = query.where(Client.case_manager_id == current_user.id)
    return [(letter, client) for letter, client in db.session.execute(query)]
