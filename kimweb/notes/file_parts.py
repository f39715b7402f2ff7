"""What the notes give the case file's first screen: open letter deadlines (among what is due) and
the latest contacts. One query each; confidential content only for those who may read it."""

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..clients.models import Client
from ..contributions import DueItem
from ..extensions import db
from .access import can_read, readable
from .models import ContactNote, NoteLetter

LATEST_SHOWN = 4


def _note_url(client: Client, note_id: int) -> str:
    return url_for("clients.section", client_id=client.id, name="notes", _anchor=f"note-{note_id}")


def due_letters(client: Client) -> list[DueItem]:
    """Open letters of this file with a deadline, as due items (a confidential letter only for
    those who may read its note: its deadline tells too much)."""
    rows = db.session.execute(
        select(NoteLetter)
        .join(ContactNote, ContactNote.id == NoteLetter.note_id)
        .where(
            NoteLetter.client_id == client.id,
            NoteLetter.status == "open",
            NoteLetter.deadline.is_not(None),
            ContactNote.deleted_at.is_(None),
            readable(client),
        )
        .options(joinedload(NoteLetter.organization))
        .order_by(NoteLetter.deadline, NoteLetter.note_id)
        .limit(20)
    ).scalars()
    return [
        DueItem(
            letter.deadline,
            _("Frist"),
            f"{letter.organization.name}: {letter.subject}",
            _note_url(client, letter.note_id),
        )
        for letter in rows
        if letter.deadline is not None
    ]


def latest_contacts(client: Client) -> list[dict]:
    """The newest notes: when, what kind, who, and the start of the text if it may be read."""
    notes = db.session.scalars(
        select(ContactNote)
        .where(ContactNote.client_id == client.id, ContactNote.deleted_at.is_(None))
        .options(joinedload(ContactNote.author))
        .order_by(ContactNote.occurred_at.desc(), ContactNote.id.desc())
        .limit(LATEST_SHOWN)
    ).all()
    return [
        {
            "note": note,
            "readable": can_read(note, client),
            "url": _note_url(client, note.id),
        }
        for note in notes
    ]
