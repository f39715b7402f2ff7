"""Fixtures for notes: the client-file fixtures, plus notes made directly and posted forms."""

from datetime import timedelta

import pytest

from kimweb.extensions import db
from kimweb.notes.models import ContactNote, snapshot
from kimweb.timeutil import local_today, utcnow


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


def note_form(**values) -> dict:
    form = {
        "occurred_on": local_today().strftime("%d.%m.%Y"),
        "occurred_time": "09:30",
        "kind": "phone",
        "duration_minutes": "15",
        "participants_text": "",
        "text": "Telefonat mit dem Jobcenter.",
        "version": "0",
    }
    form.update(values)
    return {k: v for k, v in form.items() if v is not None}
