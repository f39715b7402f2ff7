"""What the notes give the case file's first screen: open letter deadlines (among what is due) and
the latest contacts. One query each; confidential content only for those who may read it."""

from functools import cache

from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import bindparam, select, true
from sqlalchemy.orm import joinedload

from ..clients.models import Client
from ..contributions import DueItem
from ..extensions import db
from .access import can_read, readable_by, reads_all
from .models import ContactNote, NoteLetter

LATEST_SHOWN = 4


def _note_url(client: Client, note_id: int) -> str:
    return url_for("clients.section", client_id=client.id, name="notes", _anchor=f"note-{note_id}")


# The first screen's statements are built once, the file (and the reader) as bound parameters:
# building a statement costs more than running it, and files are opened all day long.


@cache
def _due_letters_statement(all_notes: bool):
    return (
        select(NoteLetter)
        .join(ContactNote, ContactNote.id == NoteLetter.note_id)
        .where(
            NoteLetter.client_id == bindparam("client_id"),
            NoteLetter.status == "open",
            NoteLetter.deadline.is_not(None),
            ContactNote.deleted_at.is_(None),
            true() if all_notes else readable_by(bindparam("user_id")),
        )
        .options(joinedload(NoteLetter.organization))
        .order_by(NoteLetter.deadline, NoteLetter.note_id)
        .limit(20)
    )


_LATEST = (
    select(ContactNote)
    .where(ContactNote.client_id == bindparam("client_id"), ContactNote.deleted_at.is_(None))
    .options(joinedload(ContactNote.author))
    .order_by(ContactNote.occurred_at.desc(), ContactNote.id.desc())
    .limit(LATEST_SHOWN)
)


def due_letters(client: Client) -> list[DueItem]:
    """Open letters of this file with a deadline, as due items (a confidential letter only for
    those who may read its note: its deadline tells too much)."""
    all_notes = reads_all(client)
    rows = db.session.scalars(
        _due_letters_statement(all_notes),
        {"client_id": client.id} if all_notes else {"client_id": client.id, "user_id": current_user.id},
    )
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
    notes = db.session.scalars(_LATEST, {"client_id": client.id}).all()
    return [
        {
            "note": note,
            "readable": can_read(note, client),
            "url": _note_url(client, note.id),
        }
        for note in notes
    ]
