"""Notes are never overwritten: an edit adds a revision, a deletion marks the note deleted with a
reason; both show in the history and in the audit trail; a stale save answers 409 keeping the text."""

from sqlalchemy import select

from kimweb.audit import AuditEvent
from kimweb.extensions import db
from kimweb.notes.models import ContactNote, ContactNoteRevision
from tests.helpers import note_form, whole_file


def test_an_edit_adds_a_revision_and_keeps_the_old_text(client, make_user, make_client, make_note, enter):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    note = make_note(person, owner, "Alte Fassung")
    url = f"/klienten/{person.id}/notizen/{note.id}/bearbeiten"
    form = client.get(url)
    assert (
        form.status_code == 200
        and "Alte Fassung" in form.text
        and 'name="version" type="hidden" value="1"' in form.text
    )
    response = client.post(url, data=note_form(text="Neue Fassung", version="1", kind="in_person"))
    assert response.status_code == 303
    db.session.expire_all()
    note = db.session.get(ContactNote, note.id)
    assert (note.text, note.version, note.kind) == ("Neue Fassung", 2, "in_person")
    assert [(r.number, r.action, r.text) for r in note.revisions] == [
        (1, "created", "Alte Fassung"),
        (2, "edited", "Neue Fassung"),
    ]
    history = client.get(f"/klienten/{person.id}/notizen/{note.id}/verlauf")
    assert history.status_code == 200
    assert history.text.index("Neue Fassung") < history.text.index("Alte Fassung")
    assert "bearbeitet" in whole_file(client, person.id).text
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == str(note.id))).all()
    assert "note.edited" in actions and "note.history_viewed" in actions


def test_a_stale_edit_is_409_and_keeps_the_users_text(client, make_user, make_client, make_note, enter):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    note = make_note(person, owner, "Original")
    url = f"/klienten/{person.id}/notizen/{note.id}/bearbeiten"
    assert client.post(url, data=note_form(text="Erste Änderung (anderer Tab)", version="1")).status_code == 303
    stale = client.post(url, data=note_form(text="Mein langer Text, der nicht verloren gehen darf", version="1"))
    assert stale.status_code == 409
    assert "Mein langer Text, der nicht verloren gehen darf" in stale.text
    assert 'name="version" type="hidden" value="2"' in stale.text  # saving again takes it over
    assert db.session.get(ContactNote, note.id).text == "Erste Änderung (anderer Tab)"
    again = client.post(url, data=note_form(text="Mein langer Text, der nicht verloren gehen darf", version="2"))
    assert again.status_code == 303
    assert db.session.scalar(select(ContactNoteRevision.number).order_by(ContactNoteRevision.number.desc())) == 3


def test_a_soft_delete_needs_a_reason_and_stays_in_the_history(client, make_user, make_client, make_note, enter):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    note = make_note(person, owner, "Versehentlich in der falschen Akte")
    url = f"/klienten/{person.id}/notizen/{note.id}/loeschen"
    assert client.get(url).status_code == 200
    missing = client.post(url, data={"version": "1", "reason": ""})
    assert missing.status_code == 422 and "Bitte geben Sie einen Grund an." in missing.text
    response = client.post(url, data={"version": "1", "reason": "Falsche Akte"})
    assert response.status_code == 303
    db.session.expire_all()
    stored = db.session.get(ContactNote, note.id)
    assert stored is not None and stored.deleted and stored.delete_reason == "Falsche Akte"
    page = whole_file(client, person.id).text
    assert "Gelöschte Notiz" in page and "Versehentlich in der falschen Akte" not in page
    history = client.get(f"/klienten/{person.id}/notizen/{note.id}/verlauf").text
    assert "Falsche Akte" in history and "Versehentlich in der falschen Akte" in history
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "note.deleted"))
    assert event.object_id == str(note.id) and "Falsche" not in (event.detail or "")
    # A deleted note is not edited or deleted again.
    assert client.get(f"/klienten/{person.id}/notizen/{note.id}/bearbeiten").status_code == 404
    assert client.post(url, data={"version": "2", "reason": "nochmal"}).status_code == 404


def test_a_stale_delete_is_409(client, make_user, make_client, make_note, enter):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    note = make_note(person, owner)
    client.post(f"/klienten/{person.id}/notizen/{note.id}/bearbeiten", data=note_form(version="1"))
    response = client.post(
        f"/klienten/{person.id}/notizen/{note.id}/loeschen", data={"version": "1", "reason": "Grund"}
    )
    assert response.status_code == 409 and "Grund" in response.text
    assert not db.session.get(ContactNote, note.id).deleted


def test_only_the_author_edits_or_deletes(client, make_user, make_client, make_note, enter):
    owner = make_user("case_manager")
    lead = make_user("team_lead", team="Osterfeld")
    person = make_client(owner)
    note = make_note(person, owner)
    enter(lead)
    assert f"/notizen/{note.id}/bearbeiten" not in client.get(f"/klienten/{person.id}").text
    for action in ("bearbeiten", "loeschen"):
        url = f"/klienten/{person.id}/notizen/{note.id}/{action}"
        assert client.get(url).status_code == 404
        assert client.post(url, data=note_form(version="1", reason="x")).status_code == 404
    assert db.session.get(ContactNote, note.id).version == 1
