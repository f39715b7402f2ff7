"""Letters in and out: required fields, the deadline suggested across weekends and NRW holidays and
confirmed by a person, the status with its revision, open deadlines on the start page and the file."""

from datetime import date, timedelta

from sqlalchemy import select

from kimweb.audit import AuditEvent
from kimweb.extensions import db
from kimweb.notes.models import ContactNote, NoteLetter, snapshot
from kimweb.timeutil import local_today, utcnow
from tests.helpers import note_form, whole_file

HX = {"HX-Request": "true"}


def letter_form(org, **values) -> dict:
    return note_form(
        kind="letter_in",
        letter_authority=str(org.id),
        letter_subject="Bescheid Bürgergeld",
        letter_date="03.03.2026",
        **values,
    )


def test_a_letter_needs_authority_subject_and_date(client, make_user, make_client, enter):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    response = client.post(
        f"/klienten/{person.id}/notizen/neu",
        data=note_form(kind="letter_out", letter_decision_kind="jobcenter", letter_deadline="01.12.2026"),
    )
    assert response.status_code == 422
    for message in (
        "Bitte wählen Sie die Behörde oder Stelle.",
        "Bitte geben Sie den Betreff an.",
        "Bitte geben Sie das Datum des Schreibens an.",
        "Für den Fristvorschlag brauchen wir den Tag der Zustellung.",
        "Bitte prüfen Sie die Frist am Schreiben und bestätigen Sie sie.",
    ):
        assert message in response.text, message
    # The same fields on a phone call are simply not stored.
    assert client.post(f"/klienten/{person.id}/notizen/neu", data=note_form(letter_subject="egal")).status_code == 303
    assert db.session.scalar(select(NoteLetter)) is None


def test_the_deadline_is_suggested_past_easter_and_confirmed_by_a_person(client, make_user, make_client, enter, agency):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    jobcenter = agency("Jobcenter Oberhausen")
    url = f"/klienten/{person.id}/notizen/neu"
    # Served 03.03.2026 + one month = Good Friday 03.04.2026; Saturday, Sunday, Easter Monday follow.
    first = client.post(
        url, data=letter_form(jobcenter, letter_served_on="03.03.2026", letter_decision_kind="jobcenter")
    )
    assert first.status_code == 422
    assert "Vorgeschlagen: 07.04.2026" in first.text and 'value="07.04.2026"' in first.text
    assert db.session.scalar(select(NoteLetter)) is None
    unconfirmed = client.post(
        url,
        data=letter_form(
            jobcenter, letter_served_on="03.03.2026", letter_decision_kind="jobcenter", letter_deadline="07.04.2026"
        ),
    )
    assert unconfirmed.status_code == 422
    saved = client.post(
        url,
        data=letter_form(
            jobcenter,
            letter_served_on="03.03.2026",
            letter_decision_kind="jobcenter",
            letter_deadline="07.04.2026",
            letter_deadline_confirmed="y",
        ),
    )
    assert saved.status_code == 303
    letter = db.session.scalar(select(NoteLetter))
    assert (letter.deadline, letter.deadline_confirmed_by_id, letter.status) == (date(2026, 4, 7), owner.id, "open")
    assert letter.organization_id == jobcenter.id and letter.served_on == date(2026, 3, 3)


def test_the_suggestion_fragment_names_the_shift(client, make_user, make_client, enter):
    owner = enter(make_user("case_manager"))
    person = make_client(owner)
    url = f"/klienten/{person.id}/notizen/fristvorschlag"
    response = client.post(url, headers=HX, data={"letter_decision_kind": "jobcenter", "letter_served_on": "3.3.26"})
    assert response.status_code == 200 and "Vorschlag: 07.04.2026" in response.text
    assert "Karfreitag" in response.text and "Ostermontag" in response.text and "§ 84 Abs. 1 SGG" in response.text
    missing = client.post(
        url,
        headers=HX,
        data={"letter_decision_kind": "jobcenter", "letter_remedy_missing": "y", "letter_served_on": "03.03.2026"},
    )
    assert "Vorschlag: 03.03.2027" in missing.text  # one year without instructions on remedies
    for data in (
        {"letter_decision_kind": "erfunden", "letter_served_on": "03.03.2026"},
        {"letter_decision_kind": "jobcenter", "letter_served_on": "kein Datum"},
    ):
        response = client.post(url, headers=HX, data=data)
        assert response.status_code == 200 and "Vorschlag:" not in response.text


def _letter(person, author, org, deadline, *, confidential=False, status="open"):
    note = ContactNote(
        client_id=person.id,
        author_id=author.id,
        occurred_at=utcnow(),
        kind="letter_in",
        text="Schreiben",
        confidential=confidential,
    )
    note.letter = NoteLetter(
        client_id=person.id,
        organization=org,
        subject="Anhörung zur Verlängerung",
        letter_date=local_today(),
        deadline=deadline,
        status=status,
    )
    db.session.add(note)
    snapshot(note, "created", author.id)
    db.session.commit()
    return note


def test_open_deadlines_on_the_start_page_and_in_the_file(client, make_user, make_client, enter, agency):
    owner = make_user("case_manager")
    lead = make_user("team_lead", team="Osterfeld")
    person = make_client(owner, "Haddad", "Rania")
    abh = agency("Ausländerbehörde Oberhausen")
    soon = local_today() + timedelta(days=5)
    _letter(person, owner, abh, soon)
    _letter(person, owner, abh, soon + timedelta(days=1), status="done")
    secret = _letter(person, owner, abh, soon + timedelta(days=2), confidential=True)
    enter(owner)
    start = client.get("/").text
    assert "Fristen aus Schreiben" in start and soon.strftime("%d.%m.%Y") in start and "Haddad" in start
    assert (soon + timedelta(days=1)).strftime("%d.%m.%Y") not in start  # done
    page = whole_file(client, person.id).text
    assert "Offene Fristen aus Schreiben" in page and f"#note-{secret.id}" in page
    header = page.split('class="cf-alerts"', 1)[1].split("</div>", 1)[0]
    assert soon.strftime("%d.%m.%Y") in header and "Ausländerbehörde Oberhausen" in header  # in the file's header
    enter(lead)
    assert f'href="#note-{secret.id}"' not in whole_file(client, person.id).text
    assert "Fristen aus Schreiben" not in client.get("/").text  # not the lead's own files


def test_changing_the_status_adds_a_revision(client, make_user, make_client, enter, agency):
    owner = make_user("case_manager")
    lead = make_user("team_lead", team="Osterfeld")
    person = make_client(owner)
    note = _letter(person, owner, agency(), local_today() + timedelta(days=3))
    enter(lead)  # not the author: answering a letter is team work
    url = f"/klienten/{person.id}/notizen/{note.id}/stand"
    assert client.post(url, data={"status": "answered", "version": "1"}).status_code == 303
    db.session.expire_all()
    stored = db.session.get(ContactNote, note.id)
    assert stored.letter.status == "answered" and stored.version == 2
    assert [r.action for r in stored.revisions] == ["created", "status"]
    assert "beantwortet" in stored.revisions[-1].letter_summary
    assert client.post(url, data={"status": "done", "version": "1"}).status_code == 409
    assert client.post(url, data={"status": "erfunden", "version": "2"}).status_code == 400
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "note.letter_status")) is not None
    history = client.get(f"/klienten/{person.id}/notizen/{note.id}/verlauf").text
    assert "Stand des Schreibens geändert" in history
    enter(owner)
    form = client.get(f"/klienten/{person.id}/notizen/{note.id}/bearbeiten").text
    assert 'value="Anhörung zur Verlängerung"' in form and '<option selected value="answered">' in form


def test_the_day_a_letter_was_handled_is_kept_for_in_time(client, make_user, make_client, enter, agency):
    owner = make_user("case_manager")
    person = make_client(owner)
    note = _letter(person, owner, agency(), local_today() - timedelta(days=2))
    enter(owner)
    url = f"/klienten/{person.id}/notizen/{note.id}/stand"
    assert client.post(url, data={"status": "answered", "version": "1"}).status_code == 303
    db.session.expire_all()
    assert db.session.get(ContactNote, note.id).letter.handled_on == local_today()
    # Answered after the deadline: the timeline says so.
    page = client.get(f"/klienten/{person.id}/abschnitt/notes").text
    assert "nach Fristablauf" in page
    # Moving on from answered to done keeps the first day; back to open forgets it.
    assert client.post(url, data={"status": "done", "version": "2"}).status_code == 303
    db.session.expire_all()
    assert db.session.get(ContactNote, note.id).letter.handled_on == local_today()
    assert client.post(url, data={"status": "open", "version": "3"}).status_code == 303
    db.session.expire_all()
    assert db.session.get(ContactNote, note.id).letter.handled_on is None
