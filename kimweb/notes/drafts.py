"""Drafts of notes, saved on the server while typing (never in the browser: shared PCs): one per
user and client for a new note, one per user and note for an edit.

Why this keeps a note whose session expired: the autosave posts every few seconds while the
user types, and each save counts as activity, so a session only expires after the user stopped
typing. A submit after expiry reaches the server without a user (nothing can be stored for an
unknown user), but everything typed up to the last autosave is already in the draft; after the
next login the form, the case file and the start page offer it again. Edits work the same way;
their draft also keeps the version of the note the edit started from, so that a draft of an
older version answers 409 on save instead of overwriting a newer one unseen.
"""

import json
from datetime import timedelta

from sqlalchemy import delete, select
from werkzeug.datastructures import MultiDict

from ..extensions import db
from ..fields import clean, parse_id, parse_number
from ..timeutil import utcnow
from .models import MAX_TEXT, ContactNote, NoteDraft

# How recent a save must be for an autosave with its very text to count as belonging to it.
JUST_SAVED = timedelta(minutes=2)
MAX_AGREEMENTS = 20  # NoteForm.agreements' max_entries
# The fields a draft keeps: what the user typed, never the CSRF token (the version of an edit is a
# column of its own).
SINGLE = (
    "occurred_on",
    "occurred_time",
    "kind",
    "duration_minutes",
    "participants_text",
    "text",
    "follow_up_title",
    "follow_up_due",
    "confidential",
    "letter_authority",
    "letter_subject",
    "letter_date",
    "letter_served_on",
    "letter_decision_kind",
    "letter_remedy_missing",
    "letter_deadline",
    "letter_status",
    "conference_next_date",
    "consent_override_reason",
    *(f"agreements-{row}-{part}" for row in range(MAX_AGREEMENTS) for part in ("id", "what", "who", "due", "remove")),
)
MULTIPLE = ("organization_ids", "life_area_ids")
SHORT = 1000


def fields_from(form: MultiDict) -> dict:
    values: dict = {}
    for name in SINGLE:
        value = form.get(name)
        if value:
            values[name] = value[: MAX_TEXT if name == "text" else SHORT]
    for name in MULTIPLE:
        ids = [v for v in form.getlist(name) if parse_id(v) is not None][:200]
        if ids:
            values[name] = ids
    return values


def _mine(user_id: int, client_id: int, note_id: int | None):
    return (
        NoteDraft.user_id == user_id,
        NoteDraft.client_id == client_id,
        NoteDraft.note_id.is_(None) if note_id is None else NoteDraft.note_id == note_id,
    )


def find(user_id: int, client_id: int, note_id: int | None = None) -> NoteDraft | None:
    """The user's draft of a new note for this client, or of their edit of note `note_id`."""
    return db.session.scalar(select(NoteDraft).where(*_mine(user_id, client_id, note_id)))


def edited_note_ids(user_id: int, client_id: int) -> set[int]:
    """The notes of this client with an unsaved edit of the user (marked on the timeline)."""
    return set(
        db.session.scalars(
            select(NoteDraft.note_id).where(
                NoteDraft.user_id == user_id, NoteDraft.client_id == client_id, NoteDraft.note_id.is_not(None)
            )
        )
    )


def save(user_id: int, client_id: int, form: MultiDict, note: ContactNote | None = None) -> NoteDraft | None:
    """Store what the form holds; an empty form removes the draft (nothing to keep). For an edit
    (`note`), the version the form was filled from is kept with it."""
    values = fields_from(form)
    draft = find(user_id, client_id, note.id if note else None)
    version = form.get("version", "")
    version = parse_number(version)
    empty = not values.get("text") and not values.get("participants_text") and not values.get("follow_up_title")
    if empty or _already_saved(user_id, client_id, values, note, version):
        if draft is not None:
            db.session.delete(draft)
        return None
    if draft is None:
        draft = NoteDraft(user_id=user_id, client_id=client_id, note_id=note.id if note else None)
        db.session.add(draft)
    if note is not None:
        draft.note_version = note.version if version is None else version
    draft.fields = json.dumps(values, ensure_ascii=False)
    draft.saved_at = utcnow()
    return draft


def _already_saved(user_id: int, client_id: int, values: dict, note: ContactNote | None, version: int | None) -> bool:
    """Whether the form holds nothing unsaved. This is what the last autosave looks like when it
    arrives just after the save it preceded (the page waits for the save's answer, and the
    autosave's timer may run out meanwhile): its text is the text just saved. For an edit: the
    form is of an older version, and the note has its text. For a new note: the note the user
    saved on this file a moment ago has its text (the same short text written again later, such
    as "nicht erreicht", is a new note and gets its draft)."""
    text = clean(values.get("text", ""))
    if note is not None:
        return version != note.version and text == note.text
    newest = db.session.scalar(
        select(ContactNote.text)
        .where(
            ContactNote.client_id == client_id,
            ContactNote.author_id == user_id,
            ContactNote.deleted_at.is_(None),
            ContactNote.created_at >= utcnow() - JUST_SAVED,
        )
        .order_by(ContactNote.id.desc())
        .limit(1)
    )
    return bool(text) and text == newest


def as_formdata(draft: NoteDraft) -> MultiDict:
    values = json.loads(draft.fields)
    data: MultiDict = MultiDict()
    for name, value in values.items():
        for item in value if isinstance(value, list) else [value]:
            data.add(name, item)
    if draft.note_id is not None and draft.note_version is not None:
        data["version"] = str(draft.note_version)
    return data


def discard(user_id: int, client_id: int, note_id: int | None = None) -> None:
    db.session.execute(delete(NoteDraft).where(*_mine(user_id, client_id, note_id)))


def discard_all_of(note: ContactNote) -> None:
    """A deleted note is not edited any more: whatever drafts of edits there were go with it."""
    db.session.execute(delete(NoteDraft).where(NoteDraft.note_id == note.id))
