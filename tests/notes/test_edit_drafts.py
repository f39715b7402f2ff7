"""Drafts of edits: saved while typing (per user and note), restored when the edit form opens
again with a hint and a way to discard them, gone once the edit is saved; a draft of an older
version answers 409 on save, keeping its text; an edit whose session expired is offered after
the next login."""

from sqlalchemy import func, select

from kimweb.extensions import db
from kimweb.notes.models import ContactNote, NoteDraft
from tests.helpers import log_in, note_form, whole_file

HX = {"HX-Request": "true"}


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(NoteDraft))


def test_an_edit_is_autosaved_restored_and_ends_with_the_save(client, make_user, make_client, make_note, enter):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    note = make_note(person, owner, "Gespräch über den Sprachkurs.", kind="in_person")
    other = make_note(person, owner, "Eine andere Notiz")
    url = f"/klienten/{person.id}/notizen/{note.id}/bearbeiten"
    draft_url = f"/klienten/{person.id}/notizen/{note.id}/entwurf"
    form = client.get(url).text
    assert f'hx-post="{draft_url}"' in form and 'hx-trigger="input delay:2s' in form
    assert "wiederhergestellt" not in form
    saved = client.post(
        draft_url,
        headers=HX,
        data=note_form(
            text="Gespräch über den Sprachkurs.\nNachtrag: Kita-Platz ab März", kind="in_person", version="1"
        ),
    )
    assert saved.status_code == 200 and "Entwurf gespeichert um" in saved.text and "<html" not in saved.text
    client.post(
        draft_url,
        headers=HX,
        data=note_form(
            text="Gespräch über den Sprachkurs.\nNachtrag: Kita-Platz ab April", kind="in_person", version="1"
        ),
    )
    assert _count() == 1
    # The note itself is untouched until the edit is saved.
    assert db.session.get(ContactNote, note.id).text == "Gespräch über den Sprachkurs."
    page = client.get(url).text
    assert "Entwurf vom" in page and "wiederhergestellt" in page and "Entwurf verwerfen" in page
    assert "Nachtrag: Kita-Platz ab April</textarea>" in page
    assert 'name="version" type="hidden" value="1"' in page
    assert "Achtung:" not in page  # nobody changed the note meanwhile
    # Only that note's edit form and nothing else brings it back.
    assert "wiederhergestellt" not in client.get(f"/klienten/{person.id}/notizen/{other.id}/bearbeiten").text
    assert "wiederhergestellt" not in client.get(f"/klienten/{person.id}/notizen/neu").text
    file_page = whole_file(client, person.id).text
    assert "ungespeicherte Änderung" in file_page and "Änderung weiterschreiben" in file_page
    assert "Entwurf weiterschreiben" not in file_page  # that is for a new note
    response = client.post(
        url,
        data=note_form(
            text="Gespräch über den Sprachkurs.\nNachtrag: Kita-Platz ab April", kind="in_person", version="1"
        ),
    )
    assert response.status_code == 303
    assert _count() == 0
    assert db.session.get(ContactNote, note.id).text.endswith("ab April")
    assert "ungespeicherte Änderung" not in whole_file(client, person.id).text
    # An autosave that arrives after the save (sent just before it) leaves no draft behind.
    client.post(
        draft_url,
        headers=HX,
        data=note_form(
            text="Gespräch über den Sprachkurs.\nNachtrag: Kita-Platz ab April", kind="in_person", version="1"
        ),
    )
    assert _count() == 0


def test_discarding_an_edit_draft_shows_the_saved_note(client, make_user, make_client, make_note, enter):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    note = make_note(person, owner, "Gespeicherte Fassung")
    base = f"/klienten/{person.id}/notizen/{note.id}"
    # Without JavaScript the "Als Entwurf speichern" button does the same as the autosave.
    response = client.post(f"{base}/entwurf", data=note_form(text="Verworfene Fassung", version="1"))
    assert response.status_code == 303 and response.headers["Location"].endswith(f"{base}/bearbeiten")
    assert "Verworfene Fassung</textarea>" in client.get(f"{base}/bearbeiten").text
    assert client.post(f"{base}/entwurf/verwerfen").status_code == 303
    assert _count() == 0
    page = client.get(f"{base}/bearbeiten").text
    assert "Gespeicherte Fassung</textarea>" in page and "wiederhergestellt" not in page


def test_a_draft_of_an_older_version_does_not_overwrite_silently(client, make_user, make_client, enter, agency):
    """The letter's status moved on (by a colleague) after the author began the edit."""
    owner = make_user("case_manager")
    lead = make_user("team_lead", display_name="Frau Leitung")
    person = make_client(owner)
    abh = agency("Ausländerbehörde Oberhausen")
    enter(owner)
    assert (
        client.post(
            f"/klienten/{person.id}/notizen/neu",
            data=note_form(
                kind="letter_in",
                letter_authority=str(abh.id),
                letter_subject="Anhörung",
                letter_date="03.03.2026",
                text="Anhörungsschreiben erhalten.",
            ),
        ).status_code
        == 303
    )
    note = db.session.scalar(select(ContactNote))
    base = f"/klienten/{person.id}/notizen/{note.id}"
    mine = note_form(
        kind="letter_in",
        letter_authority=str(abh.id),
        letter_subject="Anhörung",
        letter_date="03.03.2026",
        text="Anhörungsschreiben erhalten. Termin beim Anwalt vereinbart.",
        version="1",
    )
    client.post(f"{base}/entwurf", headers=HX, data=mine)
    enter(lead)
    assert client.post(f"{base}/stand", data={"status": "answered", "version": "1"}).status_code == 303
    enter(owner)
    page = client.get(f"{base}/bearbeiten")
    assert page.status_code == 200 and "wiederhergestellt" in page.text
    assert "Achtung:" in page.text and "Frau Leitung" in page.text and f"{base}/verlauf" in page.text
    assert 'name="version" type="hidden" value="1"' in page.text
    # Saving the restored draft: 409, the text stays on screen, nothing is overwritten.
    stale = client.post(f"{base}/bearbeiten", data=mine)
    assert stale.status_code == 409
    assert "Termin beim Anwalt vereinbart." in stale.text
    assert 'name="version" type="hidden" value="2"' in stale.text
    db.session.expire_all()
    stored = db.session.get(ContactNote, note.id)
    assert (stored.version, stored.letter.status, stored.text) == (2, "answered", "Anhörungsschreiben erhalten.")
    assert _count() == 1  # still there until the edit is saved
    # Saving again, having seen the conflict, takes the text over as a new revision.
    again = client.post(f"{base}/bearbeiten", data={**mine, "version": "2", "letter_status": "answered"})
    assert again.status_code == 303
    db.session.expire_all()
    stored = db.session.get(ContactNote, note.id)
    assert (stored.version, stored.letter.status) == (3, "answered")
    assert stored.text.endswith("Termin beim Anwalt vereinbart.")
    assert _count() == 0


def test_an_edit_submitted_after_the_session_expired_is_offered_after_login(
    client, make_user, make_client, make_note, enter
):
    owner = enter(make_user("case_manager"))
    person = make_client(owner, "Haddad", "Rania")
    note = make_note(person, owner, "Kurz notiert")
    base = f"/klienten/{person.id}/notizen/{note.id}"
    client.post(
        f"{base}/entwurf", headers=HX, data=note_form(text="Kurz notiert, dann ausführlich ergänzt", version="1")
    )
    with client.session_transaction() as session:
        session["seen"] = 0  # idle for decades
    late = client.post(f"{base}/entwurf", headers=HX, data=note_form(text="Kurz notiert, dann", version="1"))
    assert late.status_code == 401 and "/login" in late.headers["HX-Redirect"]
    submit = client.post(
        f"{base}/bearbeiten", data=note_form(text="Kurz notiert, dann ausführlich ergänzt", version="1")
    )
    assert submit.status_code == 302 and "/login" in submit.headers["Location"]
    assert f"{base}/bearbeiten" in submit.headers["Location"]  # back to the form after login
    db.session.expire_all()
    assert db.session.get(ContactNote, note.id).version == 1
    log_in(client, owner)
    start = client.get("/").text
    assert "Ungespeicherte Notiz-Entwürfe" in start and f"{base}/bearbeiten" in start
    assert "Änderung an der Notiz vom" in start and "Haddad" in start
    page = client.get(f"{base}/bearbeiten").text
    assert "wiederhergestellt" in page and "Kurz notiert, dann ausführlich ergänzt</textarea>" in page


def test_edit_drafts_are_the_authors_and_go_with_a_deleted_note(client, make_user, make_client, make_note, enter):
    owner = make_user("case_manager")
    lead = make_user("team_lead")
    person = make_client(owner)
    note = make_note(person, owner, "Original")
    base = f"/klienten/{person.id}/notizen/{note.id}"
    enter(lead)  # may read the file and the note, may not edit it
    for url in (f"{base}/entwurf", f"{base}/entwurf/verwerfen"):
        assert client.post(url, headers=HX, data=note_form(text="fremd", version="1")).status_code == 404
    assert _count() == 0
    enter(owner)
    client.post(f"{base}/entwurf", headers=HX, data=note_form(text="Halb geändert", version="1"))
    assert client.post(f"{base}/loeschen", data={"version": "1", "reason": "Falsche Akte"}).status_code == 303
    assert _count() == 0
    assert "Ungespeicherte Notiz-Entwürfe" not in client.get("/").text
    assert client.post(f"{base}/entwurf", headers=HX, data=note_form(text="x", version="2")).status_code == 404


def test_a_new_note_draft_and_an_edit_draft_live_side_by_side(client, make_user, make_client, make_note, enter):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    note = make_note(person, owner, "Original")
    client.post(f"/klienten/{person.id}/notizen/entwurf", headers=HX, data=note_form(text="Neue Notiz, halb"))
    client.post(
        f"/klienten/{person.id}/notizen/{note.id}/entwurf",
        headers=HX,
        data=note_form(text="Original, geändert", version="1"),
    )
    assert _count() == 2
    assert "Neue Notiz, halb</textarea>" in client.get(f"/klienten/{person.id}/notizen/neu").text
    assert "Original, geändert</textarea>" in client.get(f"/klienten/{person.id}/notizen/{note.id}/bearbeiten").text
    # Saving the new note ends its draft only.
    assert client.post(f"/klienten/{person.id}/notizen/neu", data=note_form(text="Neue Notiz")).status_code == 303
    assert db.session.scalar(select(NoteDraft.note_id)) == note.id


def test_edit_autosave_racing_the_save_of_its_note_gets_a_normal_answer(app, make_user, make_client, make_note):
    from tests.helpers import post_at_once

    owner = make_user("case_manager")
    person = make_client(owner)
    note = make_note(person, owner, text="Erste Fassung")
    person_id, note_id = person.id, note.id
    for round_ in range(8):
        version = str(db.session.get(ContactNote, note_id).version)
        clients = [app.test_client(), app.test_client()]
        for c in clients:
            log_in(c, owner)
        base = f"/klienten/{person_id}/notizen/{note_id}"
        clients[1].post(f"{base}/entwurf", headers=HX, data=note_form(text=f"Fassung {round_}", version=version))
        texts = [f"Fassung {round_} fertig", f"Fassung {round_} fertig" + (" und mehr" if round_ % 2 else "")]
        posts = [
            (f"{base}/{step}", note_form(text=t, version=version))
            for step, t in zip(("bearbeiten", "entwurf"), texts, strict=True)
        ]
        statuses = post_at_once(clients, posts, headers=HX)
        assert statuses[1] == 200, statuses
        assert statuses[0] in (200, 303), statuses
