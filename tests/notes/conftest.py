"""Fixtures for notes: notes made directly (the posted form: note_form in tests/helpers.py)."""

from datetime import timedelta

import pytest

from kimweb.extensions import db
from kimweb.notes.models import ContactNote, snapshot
from kimweb.timeutil import utcnow


@pytest.fixture
def make_note(app):
    """A note written by `author` on `person`, stored as the write form would store it."""

    def _make(
        person,
        author,
        text="Gespräch über den Sprachkurs.",
        *,
        confidential=False,
        kind="in_person",
        at=None,
        organizations=(),
        life_areas=(),
    ) -> ContactNote:
        note = ContactNote(
            client_id=person.id,
            author_id=author.id,
            occurred_at=at or utcnow() - timedelta(hours=1),
            kind=kind,
            text=text,
            confidential=confidential,
        )
        note.organizations = list(organizations)
        note.life_areas = list(life_areas)
        db.session.add(note)
        snapshot(note, "created", author.id)
        db.session.commit()
        return note

    return _make
