"""The index behind the note search: every way to a page of hits (few candidates from the index,
or reading the notes newest first) gives the same hits; the index follows every change to a note,
however it is written; the migration indexes the notes that were there before it."""

import re
from datetime import datetime, timedelta

import pytest
from sqlalchemy import delete, text, update

from kimweb.extensions import db
from kimweb.notes import search
from kimweb.notes.models import ContactNote
from kimweb.notes.search_keys import text_keys as fold
from kimweb.timeutil import utcnow

HX = {"HX-Request": "true"}
START = datetime(2026, 1, 5, 8, 0)


def hits(response) -> list[int]:
    assert response.status_code == 200
    return [int(i) for i in re.findall(r'<article id="note-(\d+)"', response.text)]


def team_hits(response) -> list[int]:
    assert response.status_code == 200
    return [int(i) for i in re.findall(r'#note-(\d+)"', response.text)]


def newest_first(notes) -> list[int]:
    return [n.id for n in sorted(notes, key=lambda n: (n.occurred_at, n.id), reverse=True)]


WAYS = {
    "few candidates": {},
    # SQLite reads these the same way, file by file; PostgreSQL reads the newest notes first ...
    "the newest notes first": {"MAX_CANDIDATES": 0, "RECENT": 30},
    # ... and file by file when those are too few.
    "file by file": {"MAX_CANDIDATES": 0, "RECENT": 1},
}


@pytest.fixture(params=list(WAYS))
def way(request, monkeypatch):
    """The index gives the candidates when they are few; with none allowed, every search reads
    the notes newest first instead."""
    for name, value in WAYS[request.param].items():
        monkeypatch.setattr(search, name, value)
    return request.param


def test_the_same_hits_every_way(client, make_user, make_client, make_note, enter, way):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    other = make_client(owner, "Kovalenko", "Olena")
    courses = [
        make_note(person, owner, f"Integrationssprachkurs Nr {i}", at=START + timedelta(hours=i)) for i in range(30)
    ]
    doctor = make_note(person, owner, "Übersetzung beim Arzttermin", at=START)
    gone = make_note(person, owner, "Sprachkurs abgebrochen", at=START + timedelta(days=5))
    gone.deleted_at, gone.deleted_by_id, gone.delete_reason = utcnow(), owner.id, "doppelt"
    db.session.commit()
    make_note(other, owner, "Sprachkurs in einer anderen Akte")
    url = f"/klienten/{person.id}/notizen/suche"

    # Inside a longer word; the newest MAX_HITS of 30; not the deleted note, not the other file.
    assert hits(client.post(url, data={"q": "sprachkurs"}, headers=HX)) == newest_first(courses)[: search.MAX_HITS]
    assert hits(client.post(url, data={"q": "arzt UEBERSETZUNG"}, headers=HX)) == [doctor.id]
    assert hits(client.post(url, data={"q": "abgebrochen"}, headers=HX)) == []
    assert hits(client.post(url, data={"q": "anderen"}, headers=HX)) == []
    # Words of one or two letters are too short for the index, and still count.
    assert hits(client.post(url, data={"q": "Nr 7"}, headers=HX)) == newest_first(
        [courses[7], courses[17], courses[27]]
    )
    assert hits(client.post(url, data={"q": "kurs 1 nr"}, headers=HX)) == newest_first(
        [n for i, n in enumerate(courses) if "1" in str(i)]
    )


def test_the_team_search_the_same_every_way(client, make_user, make_client, make_note, enter, way):
    lead = make_user("team_lead", team="Osterfeld")
    colleague = make_user("case_manager", team="Osterfeld")
    stranger = make_user("case_manager", team="Sterkrade-Nord")
    ours, mine, theirs = (
        make_client(colleague),
        make_client(lead, "Haddad", "Rania"),
        make_client(stranger, "Popa", "Ion"),
    )
    at = iter(START + timedelta(days=i) for i in range(10))
    make_note(ours, colleague, "Schuldnerberatung, vertraulich A", confidential=True, at=next(at))
    seen = [
        make_note(mine, colleague, "Schuldnerberatung, vertraulich B", confidential=True, at=next(at)),
        make_note(ours, lead, "Schuldnerberatung, vertraulich C", confidential=True, at=next(at)),
    ]
    make_note(theirs, stranger, "Schuldnerberatung in Sterkrade", at=next(at))
    gone = make_note(ours, colleague, "Schuldnerberatung abgesagt", at=next(at))
    gone.deleted_at, gone.deleted_by_id, gone.delete_reason = utcnow(), colleague.id, "falsch"
    db.session.commit()
    # The newest notes of all: more than a page.
    recent = [
        make_note(
            ours if i % 2 else mine, colleague, f"Termin Schuldnerberatung {i}", at=START + timedelta(days=20 + i)
        )
        for i in range(30)
    ]
    enter(lead)
    response = client.post("/notizen/teamsuche", data={"q": "schuldner"}, headers=HX)
    assert team_hits(response) == newest_first(recent + seen)[: search.MAX_HITS]
    response = client.post("/notizen/teamsuche", data={"q": "vertraulich"}, headers=HX)
    assert team_hits(response) == newest_first(seen) and "vertraulich A" not in response.text
    assert team_hits(client.post("/notizen/teamsuche", data={"q": "sterkrade"}, headers=HX)) == []
    assert team_hits(client.post("/notizen/teamsuche", data={"q": "schuldner ab"}, headers=HX)) == []


def _found(client, person_id, word) -> list[int]:
    return hits(client.post(f"/klienten/{person_id}/notizen/suche", data={"q": word}, headers=HX))


def _check_index():
    """SQLite: FTS5 compares the index with the notes' texts and fails on any difference."""
    if db.engine.dialect.name == "sqlite":
        db.session.execute(
            text("INSERT INTO contact_note_search(contact_note_search, rank) VALUES ('integrity-check', 1)")
        )
        db.session.commit()


def test_the_index_follows_every_change(client, make_user, make_client, make_note, enter):
    from tests.helpers import note_form

    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    note = make_note(person, owner, "Erster Wortlaut")
    client.post(
        f"/klienten/{person.id}/notizen/{note.id}/bearbeiten", data=note_form(text="Zweiter Wortlaut", version="1")
    )
    assert _found(client, person.id, "zweiter") == [note.id] and _found(client, person.id, "erster") == []
    # Written around the application (an import, a repair by hand): the index follows all the same.
    db.session.execute(
        text(
            "INSERT INTO contact_note (client_id, author_id, occurred_at, kind, confidential, text, created_at, "
            "updated_at, version, search_text) VALUES (:client, :author, :at, 'phone', :no, 'Rückruf Müller', :at, :at, "
            "1, :folded)"
        ),
        {"client": person.id, "author": owner.id, "at": utcnow(), "no": False, "folded": fold("Rückruf Müller")},
    )
    db.session.commit()
    added = db.session.scalar(text("SELECT max(id) FROM contact_note"))
    assert _found(client, person.id, "mueller") == [added]
    db.session.execute(update(ContactNote).where(ContactNote.id == added).values(search_text=fold("Rückruf Meyer")))
    db.session.commit()
    assert _found(client, person.id, "mueller") == [] and _found(client, person.id, "meyer") == [added]
    db.session.execute(delete(ContactNote).where(ContactNote.id == added))
    db.session.commit()
    assert _found(client, person.id, "meyer") == []
    _check_index()


def test_the_migration_indexes_the_notes_already_there(app, client, make_user, make_client, make_note, enter):
    from flask_migrate import downgrade, upgrade

    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    person_id, note_id = person.id, make_note(person, owner, "Anerkennung der Zeugnisse beantragt").id
    db.session.remove()
    downgrade(revision="0006")
    try:
        db.session.execute(
            text("UPDATE contact_note SET search_text = :folded WHERE id = :id"),
            {"folded": fold("Anerkennung der Zeugnisse abgelehnt"), "id": note_id},
        )
        db.session.commit()
    finally:
        db.session.remove()
        upgrade()
    # 0021 rebuilt the keys (with stems) from the note itself, and the index followed.
    assert _found(client, person_id, "abgelehnt") == []
    assert _found(client, person_id, "beantragt") == [note_id]
    assert _found(client, person_id, "Zeugnis") == [note_id]
    _check_index()
