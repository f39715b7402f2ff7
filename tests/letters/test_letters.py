"""Writing a letter: filled from the file and the directory, edited, saved as a letter note of the
correspondence register (with its deadline) and a PDF document of the file; a letter that
passes data needs a covering consent; every letter audited; who may do what."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from kimweb.audit import AuditEvent
from kimweb.documents.models import Document
from kimweb.documents.storage import store
from kimweb.extensions import db
from kimweb.letters.models import Letter, LetterTemplate, LetterTemplateVersion
from kimweb.notes.models import ContactNote, NoteLetter
from kimweb.timeutil import local_today

from .conftest import needs_pdf, template_id

pytestmark = needs_pdf


def _last_letter() -> Letter:
    return db.session.scalars(select(Letter).order_by(Letter.id.desc())).first()


def test_the_filled_draft_holds_client_agency_and_manager(client, person, office):
    _me, someone = person
    response = client.post(
        f"/klienten/{someone.id}/briefe/entwurf",
        data={"template_id": template_id("aufenthalt_verlaengerung"), "organization_id": office.id},
    )
    assert response.status_code == 200
    page = response.text
    assert "Ausländerbehörde Oberhausen\nBahnhofstraße 66\n46145 Oberhausen" in page
    assert "Mohammed Al-Hassan, geboren am 12.03.1985, wohnhaft Marktstraße 1, 46045 Oberhausen" in page
    assert "Az. ABH-2024-0815" in page
    assert "Petra Beispiel" in page
    # The template's answer deadline is proposed: 28 days.
    assert (local_today() + timedelta(days=28)).strftime("%d.%m.%Y") in page


def test_save_creates_register_entry_with_deadline_and_pdf_document(client, person, office, consent_for, write_letter):
    _me, someone = person
    consent_for(someone, office)
    deadline = (local_today() + timedelta(days=10)).strftime("%d.%m.%Y")
    response = write_letter(
        someone,
        office,
        "aufenthalt_verlaengerung",
        edit=lambda form: {"body": form["body"] + "\n\nNachtrag: Der Pass ist bis 2030 gültig.", "deadline": deadline},
    )
    assert response.status_code == 303
    letter = _last_letter()
    assert response.headers["Location"].endswith(f"/klienten/{someone.id}/briefe/{letter.id}")
    assert "Nachtrag: Der Pass ist bis 2030 gültig." in letter.body
    note = db.session.get(ContactNote, letter.note_id)
    assert note.kind == "letter_out" and note.client_id == someone.id
    register = db.session.get(NoteLetter, note.id)
    assert register.organization_id == office.id
    assert register.subject == letter.subject
    assert register.deadline == letter.deadline == local_today() + timedelta(days=10)
    assert register.deadline_confirmed_at is not None
    assert register.status == "open"
    assert [r.action for r in note.revisions] == ["created"]
    document = db.session.get(Document, letter.document_id)
    assert document.client_id == someone.id and document.media_type == "application/pdf"
    assert document.note_id == note.id and document.size > 1000
    # The register shows it among the file's open deadlines; the file lists the letter.
    page = client.get(f"/klienten/{someone.id}").text
    assert letter.subject.split(" – ")[0] in page
    assert "Briefe und Formulare" in page
    actions = set(
        db.session.scalars(
            select(AuditEvent.action).where(AuditEvent.object_type.in_(("letter", "document", "contact_note")))
        )
    )
    assert {"letter.created", "document.uploaded", "note.created"} <= actions


def test_downloads_are_audited(client, person, office, consent_for, write_letter):
    _me, someone = person
    consent_for(someone, office)
    write_letter(someone, office, "terminvergabe")
    letter = _last_letter()
    client.get(f"/klienten/{someone.id}/briefe/{letter.id}/brief.docx")
    client.get(f"/klienten/{someone.id}/briefe/{letter.id}/brief.pdf")
    details = list(db.session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "letter.downloaded")))
    assert sorted(d.split("format=")[1] for d in details) == ["docx", "pdf"]


def test_the_pdf_download_is_the_letter_as_saved(client, person, office, consent_for, write_letter):
    me, someone = person
    consent_for(someone, office)
    write_letter(someone, office, "terminvergabe")
    letter = _last_letter()
    stored = store().path(db.session.get(Document, letter.document_id).sha256).read_bytes()
    # Later contact data does not change the letter that went out.
    me.contact_phone = "0000 000-000"
    db.session.commit()
    assert client.get(f"/klienten/{someone.id}/briefe/{letter.id}/brief.pdf").data == stored


def test_letter_to_an_agency_without_consent_is_refused(client, person, office, write_letter):
    _me, someone = person
    response = write_letter(someone, office, "aufenthalt_verlaengerung")
    assert response.status_code == 422
    assert "Nicht gespeichert: keine passende Einwilligung" in response.text
    assert "Für Ausländerbehörde Oberhausen liegt keine Einwilligung vor." in response.text
    # What was typed stays on screen.
    assert "beantrage ich die Verlängerung" in response.text
    assert db.session.scalar(select(func.count()).select_from(Letter)) == 0
    assert db.session.scalar(select(func.count()).select_from(ContactNote)) == 0
    assert db.session.scalar(select(func.count()).select_from(Document)) == 0


@pytest.mark.parametrize(
    ("consent", "reason"),
    [
        ({"purposes": "referral"}, "Zweck"),
        ({"scope": "identity"}, "Anschrift"),
        ({"revoked_on": local_today() - timedelta(days=1)}, "widerrufen"),
        ({"valid_until": local_today() - timedelta(days=1)}, "abgelaufen"),
    ],
)
def test_a_consent_that_does_not_cover_the_letter_is_named(
    client, person, office, consent_for, write_letter, consent, reason
):
    _me, someone = person
    consent_for(someone, office, **consent)
    response = write_letter(someone, office, "aufenthalt_verlaengerung")
    assert response.status_code == 422
    assert reason in response.text


def test_consent_for_only_identity_covers_a_letter_passing_only_identity(
    client, person, agency, consent_for, write_letter
):
    _me, someone = person
    jobcenter = agency("Jobcenter Oberhausen")
    consent_for(someone, jobcenter, scope="identity")
    assert (
        write_letter(
            someone, jobcenter, "widerspruch_jobcenter", bescheid_datum="01.12.2026", aktenzeichen="BG-1"
        ).status_code
        == 303
    )
    assert _last_letter().consent_id is not None


def test_papers_the_client_signs_need_no_consent(client, person, office, write_letter):
    _me, someone = person
    assert write_letter(someone, office, "vollmacht").status_code == 303
    assert _last_letter().consent_id is None


def test_invalid_letter_form_answers_422_in_german(client, person, office, consent_for, write_letter):
    _me, someone = person
    response = write_letter(
        someone,
        office,
        "terminvergabe",
        edit=lambda form: {
            "subject": "",
            "address": "\n".join(f"Zeile {n}" for n in range(8)),
            "deadline": "01.01.2001",
        },
    )
    assert response.status_code == 422
    assert "Bitte geben Sie den Betreff an." in response.text
    assert "höchstens 6 Zeilen" in response.text
    assert "Vergangenheit" in response.text


def test_a_template_edit_is_a_new_version_and_old_letters_keep_theirs(
    client, person, office, consent_for, write_letter, login_as, enter
):
    me, someone = person
    consent_for(someone, office)
    write_letter(someone, office, "terminvergabe")
    first = _last_letter()
    admin = login_as("admin")
    code_id = template_id("terminvergabe")
    page = client.get(f"/briefvorlagen/{code_id}")
    assert page.status_code == 200 and "{{ klient_name }}" in page.text
    data = {
        "title": "Bitte um Terminvergabe",
        "subject": "Terminbitte – {{ klient_name }}",
        "body": "Sehr geehrte Damen und Herren,\n\nbitte geben Sie {{ klient_name }} einen Termin.",
        "passes_data": "y",
        "deadline_days": "7",
        "version": "1",
    }
    assert client.post(f"/briefvorlagen/{code_id}", data=data).status_code == 303
    template = db.session.get(LetterTemplate, code_id)
    assert [v.number for v in template.versions] == [1, 2]
    # A stale edit (from version 1) answers 409 with the text kept.
    stale = client.post(f"/briefvorlagen/{code_id}", data={**data, "body": "Mein Text {{ klient_name }}"})
    assert stale.status_code == 409 and "Mein Text" in stale.text
    enter(me)
    write_letter(someone, office, "terminvergabe")
    second = _last_letter()
    assert second.template_version.number == 2 and second.subject == "Terminbitte – Mohammed Al-Hassan"
    assert db.session.get(Letter, first.id).template_version.number == 1
    assert admin.id != me.id


@pytest.mark.parametrize(
    "body",
    ["{{ klient_name.__class__.__mro__ }}", "{{ kunde }}", "{% for x in range(9**9) %}{% endfor %}", "{{ klient_name "],
)
def test_admin_cannot_store_a_template_that_escapes(client, login_as, body):
    login_as("admin")
    code_id = template_id("vollmacht")
    response = client.post(
        f"/briefvorlagen/{code_id}",
        data={"title": "Vollmacht", "subject": "Vollmacht", "body": body, "version": "1"},
    )
    assert response.status_code == 422
    assert "Erlaubte Platzhalter" in response.text and "{{ klient_name }}" in response.text
    assert (
        db.session.scalar(
            select(func.count()).select_from(LetterTemplateVersion).where(LetterTemplateVersion.template_id == code_id)
        )
        == 1
    )


def test_another_case_managers_client_is_not_found(client, person, office, make_client, make_user, login_as):
    other = make_client(make_user("case_manager", team="Sterkrade-Nord"), family="Fremd")
    me, _someone = person
    response = client.post(
        f"/klienten/{other.id}/briefe/entwurf",
        data={"template_id": template_id("vollmacht"), "organization_id": office.id},
    )
    assert response.status_code == 404
    assert client.get(f"/klienten/{other.id}/briefe/neu").status_code == 404


def test_a_letter_of_another_file_is_not_found(client, person, office, consent_for, write_letter, make_client):
    me, someone = person
    consent_for(someone, office)
    write_letter(someone, office, "vollmacht")
    letter = _last_letter()
    mine_too = make_client(me, family="Zweite")
    assert client.get(f"/klienten/{mine_too.id}/briefe/{letter.id}").status_code == 404
    assert client.get(f"/klienten/{mine_too.id}/briefe/{letter.id}/brief.pdf").status_code == 404


LETTER_PAGES = ["/klienten/{c}/briefe/neu", "/klienten/{c}/formulare"]
ADMIN_PAGES = ["/briefvorlagen/", "/texte/datenschutz/de", "/texte/datenschutz/neu"]


@pytest.mark.parametrize(
    ("role", "letters", "admin"),
    [
        ("reception", 404, 404),
        ("coordination", 404, 404),
        ("dpo", 404, 404),
        ("admin", 404, 200),
        ("team_lead", 200, 404),
        ("case_manager", 200, 404),
    ],
)
def test_permission_matrix(client, make_user, make_client, login_as, role, letters, admin):
    owner = make_user("case_manager")
    someone = make_client(owner)
    user = login_as(role)
    if role == "case_manager":
        someone = make_client(user)
    for url in LETTER_PAGES:
        assert client.get(url.format(c=someone.id)).status_code == letters, (role, url)
    for url in ADMIN_PAGES:
        assert client.get(url).status_code == admin, (role, url)


@pytest.mark.parametrize("days", ["²", "٢", "１２", str(2**40), "-3"])
def test_odd_deadline_days_in_a_template_are_refused_in_german(client, login_as, days):
    login_as("admin")
    code_id = template_id("vollmacht")
    response = client.post(
        f"/briefvorlagen/{code_id}",
        data={"title": "Vollmacht", "subject": "Vollmacht", "body": "Text", "deadline_days": days, "version": "1"},
    )
    assert response.status_code == 422 and "Zahl von 1 bis 365" in response.text
