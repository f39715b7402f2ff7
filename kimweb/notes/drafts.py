"""Drafts of new notes, saved on the server while typing (never in the browser: shared PCs).

Why this keeps a note whose session expired: the autosave posts every few seconds while the
user types, and each save counts as activity, so a session only expires after the user stopped
typing. A submit after expiry reaches the server without a user (nothing can be stored for an
unknown user), but everything typed up to the last autosave is already in the draft; after the
next login the form and the case file offer it again.
"""

import json

from sqlalchemy import delete, select
from werkzeug.datastructures import MultiDict

from ..extensions import db
from ..timeutil import utcnow
from .models import MAX_TEXT, NoteDraft

# The fields a draft keeps: what the user typed, never the CSRF token or a version.
SINGLE = ("occurred_on", "occurred_time", "kind", "duration_minutes", "participants_text", "text",
          "follow_up_title", "follow_up_due", "confidential", "letter_authority", "letter_subject", "letter_date",
          "letter_served_on", "letter_decision_kind", "letter_remedy_missing", "letter_deadline", "letter_status",
          "conference_next_date", "consent_override_reason",
          *(f"agreements-{row}-{part}" for row in range(3) for part in ("what", "who", "due")))
MULTIPLE = ("organization_ids", "life_area_ids")
SHORT = 1000


def fields_from(form: MultiDict) -> dict:
    values: dict = {}
    for name in SINGLE:
        value = form.get(name)
        if value:
            values[name] = value[:MAX_TEXT if name == "text" else SHORT]
    for name in MULTIPLE:
        ids = [v for v in form.getlist(name) if v.isascii() and v.isdigit() and len(v) < 10][:200]
        if ids:
            values[name] = ids
    return values


def find(user_id: int, client_id: int) -> NoteDraft | None:
    return db.session.scalar(select(NoteDraft).where(NoteDraft.user_id == user_id, NoteDraft.client_id == client_id))


def save(user_id: int, client_id: int, form: MultiDict) -> NoteDraft | None:
    """Store what the form holds; an empty form removes the draft (nothing to keep)."""
    values = fields_from(form)
    draft = find(user_id, client_id)
    if not values.get("text") and not values.get("participants_text") and not values.get("follow_up_title"):
        if draft is not None:
            db.session.delete(draft)
        return None
    if draft is None:
        draft = NoteDraft(user_id=user_id, client_id=client_id)
        db.session.add(draft)
    draft.fields = json.dumps(values, ensure_ascii=False)
    draft.saved_at = utcnow()
    return draft


def as_formdata(draft: NoteDraft) -> MultiDict:
    values = json.loads(draft.fields)
    data = MultiDict()
    for name, value in values.items():
        for item in value if isinstance(value, list) else [value]:
            data.add(name, item)
    return data


def discard(user_id: int, client_id: int) -> None:
    db.session.execute(delete(NoteDraft).where(NoteDraft.user_id == user_id, NoteDraft.client_id == client_id))
