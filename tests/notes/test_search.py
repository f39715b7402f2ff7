"""Search within one client's notes: all words, German folding, POST only (no words in URLs),
never a hit in a confidential note one may not read, in a deleted note, or in another file."""

from sqlalchemy import select

from kimweb.audit import AuditEvent
from kimweb.extensions import db

HX = {"HX-Request": "true"}


def hits(response) -> list[str]:
    import re

    return [int(i) for i in re.findall(r'<article id="note-(\d+)"', response.text)]


def test_words_are_folded_and_all_must_match(client, make_user, make_client, make_note, enter, agency):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    jc = agency("Jobcenter Oberhausen")
    a = make_note(person, owner, "Gespräch mit Frau Müller über die Übersetzung der Zeugnisse.")
    b = make_note(person, owner, "Bescheid vom Jobcenter ist da.", organizations=[jc])
    make_note(person, owner, "Nichts Besonderes.")
    url = f"/klienten/{person.id}/notizen/suche"
    assert hits(client.post(url, data={"q": "mueller uebersetzung"}, headers=HX)) == [a.id]
    assert hits(client.post(url, data={"q": "MÜLLER Zeugnis"}, headers=HX)) == [a.id]
    assert hits(client.post(url, data={"q": "oberhausen"}, headers=HX)) == [b.id]  # the agency's name
    assert hits(client.post(url, data={"q": "müller jobcenter"}, headers=HX)) == []
    response = client.post(url, data={"q": "%_%"}, headers=HX)
    assert response.status_code == 200 and "Bitte geben Sie einen Suchbegriff ein." in response.text
    full = client.post(url, data={"q": "zeugnisse"})
    assert full.status_code == 200 and "<html" in full.text and hits(full) == [a.id]
    assert client.get(url).status_code == 405  # no search words in URLs


def test_edits_are_searchable_and_deleted_notes_are_not(client, make_user, make_client, make_note, enter):
    from tests.helpers import note_form

    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    note = make_note(person, owner, "Erster Wortlaut")
    client.post(
        f"/klienten/{person.id}/notizen/{note.id}/bearbeiten", data=note_form(text="Zweiter Wortlaut", version="1")
    )
    url = f"/klienten/{person.id}/notizen/suche"
    assert hits(client.post(url, data={"q": "zweiter"}, headers=HX)) == [note.id]
    assert hits(client.post(url, data={"q": "erster"}, headers=HX)) == []
    client.post(f"/klienten/{person.id}/notizen/{note.id}/loeschen", data={"version": "2", "reason": "doppelt"})
    assert hits(client.post(url, data={"q": "zweiter"}, headers=HX)) == []


def test_no_hits_in_confidential_notes_one_may_not_read_or_in_foreign_files(
    client, make_user, make_client, make_note, enter, login_as
):
    owner = make_user("case_manager")
    lead = make_user("team_lead", team="Osterfeld")
    person = make_client(owner)
    make_note(person, owner, "Traumatherapie begonnen", confidential=True)
    open_note = make_note(person, owner, "Therapie: Wartezeit drei Monate")
    enter(lead)
    url = f"/klienten/{person.id}/notizen/suche"
    assert hits(client.post(url, data={"q": "therapie"}, headers=HX)) == [open_note.id]
    assert hits(client.post(url, data={"q": "traumatherapie"}, headers=HX)) == []
    enter(owner)
    assert len(hits(client.post(url, data={"q": "therapie"}, headers=HX))) == 2
    login_as("case_manager", team="Sterkrade-Nord")
    response = client.post(url, data={"q": "therapie"}, headers=HX)
    assert response.status_code == 404 and "Therapie" not in response.text
    assert db.session.scalar(select(AuditEvent.detail).where(AuditEvent.detail.like("%therapie%"))) is None
