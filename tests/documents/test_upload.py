"""Upload, view, download, versions and soft delete, on SQLite and PostgreSQL."""

import hashlib
from pathlib import Path

from sqlalchemy import select

from kimweb.audit import AuditEvent
from kimweb.documents import reading
from kimweb.documents.models import Document
from kimweb.extensions import db
from tests.documents import files
from tests.helpers import whole_file


def _stored(app, document: Document) -> Path:
    return Path(app.config["DOCUMENTS_PATH"]) / document.sha256[:2] / document.sha256


def test_upload_stores_by_hash_and_reads_the_text_layer(app, client, login_as, manager, person, upload):
    login_as(manager)
    content = files.text_pdf()
    response = upload(person, ("Bescheid Jobcenter.pdf", content), title="Bescheid November", document_date="3.11.2026")
    assert response.status_code == 303
    document = db.session.scalar(select(Document))
    assert response.headers["Location"].endswith(f"/klienten/{person.id}/dokumente/{document.id}")
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert _stored(app, document).read_bytes() == content
    assert document.filename == "Bescheid Jobcenter.pdf" and document.media_type == "application/pdf"
    assert not list(Path(app.config["DOCUMENTS_PATH"]).rglob("*Jobcenter*"))  # never the user's name
    reading.wait_idle()
    db.session.expire_all()
    document = db.session.get(Document, document.id)
    assert document.text_status == "done" and document.text_source == "pdf"
    assert "Rechtsbehelfsbelehrung" in document.text
    page = client.get(f"/klienten/{person.id}/dokumente/{document.id}").get_data(as_text=True)
    assert "Bescheid November" in page and "Rechtsbehelfsbelehrung" in page
    assert "Bescheid November" in whole_file(client, person.id).get_data(as_text=True)


def test_view_and_download_with_safe_headers_and_audited(app, client, login_as, manager, person, upload):
    login_as(manager)
    upload(person, ("Ärztlicher Befund ü.pdf", files.text_pdf()))
    document = db.session.scalar(select(Document))
    inline = client.get(f"/klienten/{person.id}/dokumente/{document.id}/ansehen")
    assert inline.status_code == 200 and inline.mimetype == "application/pdf"
    assert inline.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in inline.headers["Content-Security-Policy"]
    assert inline.headers["Cache-Control"] == "no-store"
    assert inline.headers["Content-Disposition"].startswith("inline;")
    download = client.get(f"/klienten/{person.id}/dokumente/{document.id}/herunterladen")
    disposition = download.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''%C3%84rztlicher%20Befund%20%C3%BC.pdf" in disposition
    assert 'filename="_rztlicher Befund _.pdf"' in disposition
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_type == "document")).all()
    assert {"document.uploaded", "document.opened", "document.downloaded"} <= set(actions)
    # ... and the file's "who opened this file" list counts each of them as an opening of the file.
    opened = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "client.opened", AuditEvent.object_id == str(person.id))
    ).all()
    assert len(opened) >= 2


def test_many_files_at_once(client, login_as, manager, person, upload):
    login_as(manager)
    response = upload(person, ("a.pdf", files.text_pdf(["Eins"])), ("b.png", files.png()), ("c.txt", b"Notiz"))
    assert response.status_code == 303 and response.headers["Location"].endswith("#section-documents")
    titles = db.session.scalars(select(Document.title).order_by(Document.id)).all()
    assert titles == ["a", "b", "c"]


def test_type_and_file_are_required(client, login_as, manager, person):
    login_as(manager)
    response = client.post(f"/klienten/{person.id}/dokumente/neu", data={"type_id": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Bitte wählen Sie mindestens eine Datei." in page
    assert "Bitte wählen Sie die Art des Dokuments." in page


def test_new_version_links_to_the_previous_and_replaces_it_in_the_file(client, login_as, manager, person, upload):
    login_as(manager)
    upload(person, ("v1.pdf", files.text_pdf(["Erste Fassung"])), title="Antrag")
    first = db.session.scalar(select(Document))
    form = client.get(f"/klienten/{person.id}/dokumente/neu?previous={first.id}").get_data(as_text=True)
    assert 'value="Antrag"' in form
    upload(person, ("v2.pdf", files.text_pdf(["Zweite Fassung"])), title="Antrag", previous_id=str(first.id))
    second = db.session.scalar(select(Document).where(Document.id != first.id))
    assert second.previous_id == first.id
    page = whole_file(client, person.id).get_data(as_text=True)
    assert f"document-{second.id}" in page and f"document-{first.id}" not in page
    assert "Frühere Fassungen" in client.get(f"/klienten/{person.id}/dokumente/{second.id}").get_data(as_text=True)
    # Replacing the old one again would fork the history: refused.
    assert upload(person, ("v3.pdf", files.text_pdf(["Dritte"])), previous_id=str(first.id)).status_code == 409


def test_soft_delete_needs_a_reason_and_is_audited(app, client, login_as, manager, person, upload):
    login_as(manager)
    upload(person, ("a.pdf", files.text_pdf()))
    document = db.session.scalar(select(Document))
    url = f"/klienten/{person.id}/dokumente/{document.id}/loeschen"
    assert client.post(url, data={"reason": ""}).status_code == 422
    assert client.post(url, data={"reason": "falsche Akte"}).status_code == 303
    db.session.expire_all()
    document = db.session.get(Document, document.id)
    assert document.deleted and document.delete_reason == "falsche Akte"
    assert _stored(app, document).is_file()  # kept until the retention rules remove it
    assert client.get(f"/klienten/{person.id}/dokumente/{document.id}/ansehen").status_code == 404
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "document.deleted")) is not None


def test_identity_copy_needs_a_reason_and_seen_is_recorded_instead(client, login_as, manager, person, upload):
    login_as(manager)
    passport_type = 10  # "Kopie Pass/Passersatz", seeded by the migration
    response = upload(person, ("pass.jpg", files.jpeg()), type_id=passport_type)
    assert response.status_code == 422
    assert "nur mit einem Grund" in response.get_data(as_text=True)
    assert db.session.scalar(select(Document)) is None
    response = upload(
        person, ("pass.jpg", files.jpeg()), type_id=passport_type, copy_reason="Ausländerbehörde verlangt Kopie"
    )
    assert response.status_code == 303
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "document.id_copy_kept")) is not None
    response = client.post(
        f"/klienten/{person.id}/ausweise/neu",
        data={"kind": "residence_card", "number": "Y12345678", "valid_until": "31.12.2026", "seen_on": "1.12.2026"},
    )
    assert response.status_code == 303
    page = whole_file(client, person.id).get_data(as_text=True)
    assert "Y12345678" in page and "gesehen am 01.12.2026 von Frau Fall" in page
    # The residence card's validity is among what is due in the file's header.
    assert "gültig bis 31.12.2026" in page.split("cf-alerts", 1)[1].split("</header>", 1)[0]


def test_validity_shows_among_what_is_due(client, login_as, manager, person, upload):
    login_as(manager)
    upload(
        person,
        ("zert.pdf", files.text_pdf(["Zertifikat"])),
        title="Fiktionsbescheinigung",
        valid_until="1.1.2020",
        document_date="1.1.2019",
    )
    page = client.get(f"/klienten/{person.id}").get_data(as_text=True)
    header = page.split("cf-alerts", 1)[1].split("</header>", 1)[0]
    assert "Fiktionsbescheinigung" in header and "gültig bis 01.01.2020" in header


def test_signed_consent_attached_from_the_consent(client, login_as, manager, person, upload):
    from datetime import date

    from kimweb.clients.casework_models import Consent
    from kimweb.directory.models import Organization

    login_as(manager)
    agency = Organization(name="Caritas Test")
    consent = Consent(client_id=person.id, organization=agency, given_on=date(2026, 11, 1))
    db.session.add(consent)
    db.session.commit()
    page = whole_file(client, person.id).text
    assert f"/klienten/{person.id}/dokumente/neu?consent={consent.id}" in page
    assert (
        "Einwilligung für Caritas Test" in client.get(f"/klienten/{person.id}/dokumente/neu?consent={consent.id}").text
    )
    assert (
        upload(person, ("einwilligung.pdf", files.text_pdf()), type_id=4, consent_id=str(consent.id)).status_code == 303
    )
    assert db.session.scalar(select(Document.consent_id)) == consent.id
    # An id of something that is not this file's: 404, nothing stored.
    assert upload(person, ("x.pdf", files.text_pdf()), consent_id="999").status_code == 404
