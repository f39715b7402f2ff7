"""Writing a note: fields stored, follow-up created on the case file, German errors with 422,
text shown escaped with links clickable, audited by id only."""

from datetime import timedelta

from sqlalchemy import select

from kimweb.audit import AuditEvent
from kimweb.clients.casework_models import FollowUp
from kimweb.extensions import db
from kimweb.lifeareas import LifeArea
from kimweb.notes.models import ContactNote
from kimweb.notes.text import linkify
from kimweb.timeutil import local_today, to_local
from tests.helpers import note_form


def test_a_note_with_agencies_life_areas_and_a_follow_up(client, make_user, make_client, enter, agency):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    jobcenter, abh = agency("Jobcenter Oberhausen"), agency("Ausländerbehörde Oberhausen")
    areas = db.session.scalars(select(LifeArea.id).order_by(LifeArea.sort_order).limit(2)).all()
    due = local_today() + timedelta(days=7)
    response = client.post(
        f"/klienten/{person.id}/notizen/neu",
        data=note_form(
            organization_ids=[str(jobcenter.id), str(abh.id)],
            life_area_ids=[str(a) for a in areas],
            participants_text="Frau Yilmaz (Dolmetscherin)",
            text="Zeile eins\nZeile zwei",
            follow_up_title="Bescheid nachfragen",
            follow_up_due=due.strftime("%d.%m.%Y"),
        ),
    )
    assert response.status_code == 303
    note = db.session.scalar(select(ContactNote))
    assert response.headers["Location"].endswith(f"/klienten/{person.id}#note-{note.id}")
    assert note.kind == "phone" and note.duration_minutes == 15 and note.author_id == owner.id
    assert to_local(note.occurred_at).strftime("%H:%M") == "09:30"
    assert {o.name for o in note.organizations} == {"Jobcenter Oberhausen", "Ausländerbehörde Oberhausen"}
    assert [a.id for a in note.life_areas] == list(areas)
    assert note.text == "Zeile eins\nZeile zwei"
    follow_up = db.session.scalar(select(FollowUp))
    assert (follow_up.title, follow_up.due_on, follow_up.assignee_id) == ("Bescheid nachfragen", due, owner.id)
    assert note.follow_up_id == follow_up.id
    assert [r.action for r in note.revisions] == ["created"]
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "note.created"))
    assert event.object_id == str(note.id) and "Bescheid" not in (event.detail or "")
    page = client.get(f"/klienten/{person.id}").text
    assert "Zeile eins\nZeile zwei" in page and "Bescheid nachfragen" in page


def test_invalid_input_gets_german_messages_next_to_the_fields(client, make_user, make_client, enter):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    tomorrow = (local_today() + timedelta(days=1)).strftime("%d.%m.%Y")
    response = client.post(
        f"/klienten/{person.id}/notizen/neu",
        data=note_form(
            kind="",
            text="",
            occurred_on=tomorrow,
            occurred_time="25:00",
            duration_minutes="lang",
            follow_up_due=tomorrow,
            organization_ids="999999",
        ),
    )
    assert response.status_code == 422
    for message in (
        "Bitte wählen Sie die Art des Kontakts.",
        "Bitte schreiben Sie die Notiz.",
        "Ein Kontakt kann nicht in der Zukunft liegen.",
        "Bitte geben Sie die Uhrzeit als HH:MM ein",
        "Bitte geben Sie die Dauer in ganzen Minuten ein",
        "Bitte beschreiben Sie die Wiedervorlage.",
        "Bitte wählen Sie nur Einträge aus der Liste.",
    ):
        assert message in response.text, message
    assert 'aria-invalid="true"' in response.text
    assert db.session.scalar(select(ContactNote)) is None


def test_fifty_thousand_characters_fit_and_one_more_does_not(client, make_user, make_client, enter):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    too_long = client.post(f"/klienten/{person.id}/notizen/neu", data=note_form(text="a" * 50_001))
    assert too_long.status_code == 422 and "Höchstens 50000 Zeichen." in too_long.text
    assert "a" * 50_001 in too_long.text  # the text stays on screen
    ok = client.post(f"/klienten/{person.id}/notizen/neu", data=note_form(text="ä" * 50_000))
    assert ok.status_code == 303
    assert len(db.session.scalar(select(ContactNote.text))) == 50_000


def test_links_are_clickable_and_nothing_else_is_interpreted():
    html = str(
        linkify(
            "Siehe https://www.bamf.de/x?a=1&b=<2>. Und <script>alert(1)</script> "
            'javascript:alert(1) "https://x.example/"onmouseover="y'
        )
    )
    assert '<a href="https://www.bamf.de/x?a=1&amp;b=" rel="noopener noreferrer" target="_blank">' in html
    assert "&lt;2&gt;." in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html
    assert 'onmouseover="' not in html
    assert str(linkify("http://")) == "http://"


def test_closed_files_take_no_new_notes(client, make_user, make_client, enter):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    person.phase = 7
    db.session.commit()
    assert client.get(f"/klienten/{person.id}/notizen/neu").status_code == 404
    # A write to a closed file is refused (kimweb.clients.access answers 409 for every feature).
    assert client.post(f"/klienten/{person.id}/notizen/neu", data=note_form()).status_code in (404, 409)
    assert db.session.scalar(select(ContactNote)) is None
    assert "Neue Notiz" not in client.get(f"/klienten/{person.id}").text
