"""Drafts: saved on the server while typing (per user and client), restored when the form opens
again, offered after the next login when a session expired, gone once the note is saved."""

import re

from sqlalchemy import func, select

from kimweb.extensions import db
from kimweb.notes.models import ContactNote, NoteDraft
from tests.helpers import log_in, note_form, whole_file

HX = {"HX-Request": "true"}


def test_autosave_then_reopening_restores_the_draft(client, make_user, make_client, enter, agency):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    org = agency()
    form = client.get(f"/klienten/{person.id}/notizen/neu").text
    assert f'hx-post="/klienten/{person.id}/notizen/entwurf"' in form and 'hx-trigger="input delay:2s' in form
    saved = client.post(
        f"/klienten/{person.id}/notizen/entwurf",
        headers=HX,
        data=note_form(
            text="Halb geschriebener Bericht\nzweite Zeile",
            kind="home_visit",
            organization_ids=str(org.id),
            confidential="y",
        ),
    )
    assert saved.status_code == 200 and 'id="draft-status"' in saved.text and "Entwurf gespeichert um" in saved.text
    assert "<html" not in saved.text
    stored = db.session.scalar(select(NoteDraft))
    assert "csrf" not in stored.fields and '"version"' not in stored.fields
    # A second save replaces the first: one draft per user and client.
    client.post(
        f"/klienten/{person.id}/notizen/entwurf",
        headers=HX,
        data=note_form(
            text="Halb geschriebener Bericht\nzweite Zeile, mehr",
            kind="home_visit",
            organization_ids=str(org.id),
            confidential="y",
        ),
    )
    assert db.session.scalar(select(func.count()).select_from(NoteDraft)) == 1
    page = client.get(f"/klienten/{person.id}/notizen/neu").text
    assert "wurde wiederhergestellt" in page
    assert "Halb geschriebener Bericht\nzweite Zeile, mehr</textarea>" in page
    assert '<option selected value="home_visit">' in page or 'value="home_visit" selected' in page
    assert re.search(
        rf'<input checked id="organization_ids-\d+" name="organization_ids" type="checkbox" value="{org.id}">', page
    )
    assert 'id="confidential" name="confidential" type="checkbox" value="y"' in page and "checked" in page
    assert "Entwurf weiterschreiben" in whole_file(client, person.id).text
    # Saving the note ends the draft.
    assert client.post(f"/klienten/{person.id}/notizen/neu", data=note_form(text="Fertig")).status_code == 303
    assert db.session.scalar(select(func.count()).select_from(NoteDraft)) == 0
    # An autosave sent just before the save and answered after it leaves no draft behind.
    late = client.post(f"/klienten/{person.id}/notizen/entwurf", headers=HX, data=note_form(text="Fertig "))
    assert late.status_code == 200 and "Entwurf gespeichert" not in late.text
    assert db.session.scalar(select(func.count()).select_from(NoteDraft)) == 0
    assert "Entwurf weiterschreiben" not in whole_file(client, person.id).text


def test_drafts_are_per_user(client, make_user, make_client, enter):
    owner = make_user("case_manager")
    lead = make_user("team_lead", team="Osterfeld")
    person = make_client(owner)
    enter(owner)
    client.post(f"/klienten/{person.id}/notizen/entwurf", headers=HX, data=note_form(text="Nur meiner"))
    enter(lead)
    page = client.get(f"/klienten/{person.id}/notizen/neu").text
    assert "Nur meiner" not in page and "wiederhergestellt" not in page
    assert "Nur meiner" not in client.get("/").text


def test_a_submit_after_the_session_expired_keeps_the_autosaved_draft(app, client, make_user, make_client, enter):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    client.post(f"/klienten/{person.id}/notizen/entwurf", headers=HX, data=note_form(text="Langer Bericht"))
    with client.session_transaction() as session:
        session["seen"] = 0  # idle for decades
    late = client.post(
        f"/klienten/{person.id}/notizen/entwurf", headers=HX, data=note_form(text="Langer Bericht, ergänzt")
    )
    assert late.status_code == 401 and "/login" in late.headers["HX-Redirect"]
    submit = client.post(f"/klienten/{person.id}/notizen/neu", data=note_form(text="Langer Bericht, ergänzt"))
    assert submit.status_code == 302 and "/login" in submit.headers["Location"]
    assert db.session.scalar(select(func.count()).select_from(ContactNote)) == 0
    assert "Langer Bericht" in db.session.scalar(select(NoteDraft.fields))
    log_in(client, owner)
    start = client.get("/").text
    assert "Ungespeicherte Notiz-Entwürfe" in start and f"/klienten/{person.id}/notizen/neu" in start
    assert "Langer Bericht</textarea>" in client.get(f"/klienten/{person.id}/notizen/neu").text


def test_without_javascript_the_draft_button_saves_and_discard_removes(client, make_user, make_client, enter):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    response = client.post(f"/klienten/{person.id}/notizen/entwurf", data=note_form(text="Ohne JS"))
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/klienten/{person.id}/notizen/neu")
    assert "Ohne JS</textarea>" in client.get(f"/klienten/{person.id}/notizen/neu").text
    assert client.post(f"/klienten/{person.id}/notizen/entwurf/verwerfen").status_code == 303
    assert db.session.scalar(select(func.count()).select_from(NoteDraft)) == 0


def test_a_foreign_client_gets_no_draft(client, make_user, make_client, login_as):
    owner = make_user("case_manager")
    person = make_client(owner)
    login_as("case_manager", team="Sterkrade-Nord")
    for url in (f"/klienten/{person.id}/notizen/entwurf", f"/klienten/{person.id}/notizen/entwurf/verwerfen"):
        assert client.post(url, headers=HX, data=note_form(text="x")).status_code == 404
    assert db.session.scalar(select(func.count()).select_from(NoteDraft)) == 0


def test_autosave_racing_the_save_of_its_note_gets_a_normal_answer(app, make_user, make_client):
    """The last autosave and the save of the note leave the browser at the same moment: whichever
    the server takes first, both are answered (no 500 "nicht gespeichert") and nothing is lost."""
    from tests.helpers import post_at_once

    owner = make_user("case_manager")
    person = make_client(owner)
    person_id = person.id
    for round_ in range(8):
        clients = [app.test_client(), app.test_client()]
        for c in clients:
            log_in(c, owner)
        clients[1].post(f"/klienten/{person_id}/notizen/entwurf", headers=HX, data=note_form(text=f"Bericht {round_}"))
        paths = [f"/klienten/{person_id}/notizen/neu", f"/klienten/{person_id}/notizen/entwurf"]
        # Even rounds: the autosave holds what the save holds; odd rounds: a word more.
        texts = [f"Bericht {round_} fertig", f"Bericht {round_} fertig" + (" und mehr" if round_ % 2 else "")]
        posts = [(path, note_form(text=text)) for path, text in zip(paths, texts, strict=True)]
        statuses = post_at_once(clients, posts, headers=HX)
        assert statuses[1] == 200, statuses
        assert statuses[0] in (200, 303), statuses
