"""Reading documents: OCR of a scanned German letter (made here with Pillow), the page while the text
is read, and the letter's date and appeal deadline proposed for its note."""

import os
import shutil
from datetime import date

import pytest
from sqlalchemy import select, update

from kimweb.directory.models import Organization
from kimweb.documents import reading
from kimweb.documents.letter_hints import find_letter_date, hint, simplified
from kimweb.documents.models import Document
from kimweb.extensions import db
from kimweb.notes.models import ContactNote, NoteLetter, snapshot
from kimweb.timeutil import utcnow
from tests.documents import files
from tests.helpers import whole_file


@pytest.fixture
def tesseract(app):
    if not reading.ocr_available(app):
        reason = "Tesseract with German is not installed (apt-get install tesseract-ocr tesseract-ocr-deu)"
        if os.environ.get("CI"):
            pytest.fail(reason + "; CI must run the OCR tests")
        pytest.skip(reason)


@pytest.mark.parametrize("make", [files.png, files.scanned_pdf], ids=["png", "image-pdf"])
def test_ocr_reads_a_scanned_german_letter(tesseract, client, login_as, manager, person, upload, make):
    login_as(manager)
    assert upload(person, ("scan", make())).status_code == 303
    document = db.session.scalar(select(Document))
    assert document.text_status == "done" and document.text_source == "ocr"
    folded = simplified(document.text)
    assert "jobcenter oberhausen" in folded and "rechtsbehelfsbelehrung" in folded
    assert document.thumbnail_sha256  # the list shows a preview
    assert "data:image/png;base64," in whole_file(client, person.id).get_data(as_text=True)


def test_without_tesseract_the_page_says_ocr_is_off(app, client, login_as, manager, person, upload):
    app.config["DOCUMENTS_OCR"] = False
    login_as(manager)
    upload(person, ("scan.png", files.png()))
    document = db.session.scalar(select(Document))
    assert document.text_status == "none"
    assert "Texterkennung (OCR) ist aus" in whole_file(client, person.id).get_data(as_text=True)
    page = client.get(f"/klienten/{person.id}/dokumente/{document.id}").get_data(as_text=True)
    assert "Die Texterkennung (OCR) ist aus" in page


def test_while_read_the_page_says_so_and_polls(client, login_as, manager, person, upload):
    login_as(manager)
    upload(person, ("a.pdf", files.text_pdf()))
    document = db.session.scalar(select(Document))
    db.session.execute(update(Document).values(text_status="pending", text_claimed_at=utcnow()))
    db.session.commit()
    fragment = client.get(f"/klienten/{person.id}/dokumente/{document.id}/text").get_data(as_text=True)
    assert "Text wird gelesen …" in fragment and 'hx-trigger="every 2s"' in fragment
    assert "Text wird gelesen …" in whole_file(client, person.id).get_data(as_text=True)
    db.session.execute(update(Document).values(text_status="done"))
    db.session.commit()
    done = client.get(f"/klienten/{person.id}/dokumente/{document.id}/text", headers={"HX-Request": "true"})
    assert done.headers["HX-Refresh"] == "true"  # the whole page again, with text and proposal


def test_a_reader_that_died_is_replaced(app, client, login_as, manager, person, upload):
    login_as(manager)
    upload(person, ("a.pdf", files.text_pdf()))
    document = db.session.scalar(select(Document))
    db.session.execute(update(Document).values(text_status="pending", text_claimed_at=None, text=None))
    db.session.commit()
    client.get(f"/klienten/{person.id}/dokumente/{document.id}/text")
    reading.wait_idle()
    db.session.expire_all()
    assert db.session.get(Document, document.id).text_status == "done"


def test_letter_note_gets_date_and_deadline_proposed(tesseract, client, login_as, manager, person, upload):
    login_as(manager)
    org = Organization(name="Jobcenter Oberhausen")
    note = ContactNote(client_id=person.id, author_id=manager.id, occurred_at=utcnow(), kind="letter_in", text="Post")
    note.letter = NoteLetter(client_id=person.id, organization=org, subject="Bescheid", letter_date=date(2026, 11, 5))
    db.session.add(note)
    snapshot(note, "created", manager.id)
    db.session.commit()
    form = client.get(f"/klienten/{person.id}/dokumente/neu?note={note.id}").get_data(as_text=True)
    assert "gehört zur Notiz" in form
    assert upload(person, ("brief.png", files.png()), note_id=str(note.id)).status_code == 303
    document = db.session.scalar(select(Document))
    assert document.note_id == note.id
    page = client.get(f"/klienten/{person.id}/dokumente/{document.id}").get_data(as_text=True)
    assert "Datum des Schreibens: 03.11.2026" in page and "in der Notiz: 05.11.2026" in page
    assert "Bescheid des Jobcenters (Widerspruch)" in page
    assert "Angenommene Zustellung: 07.11.2026" in page
    assert "Vorschlag: 07.12.2026" in page


def test_hint_from_text():
    today = date(2026, 12, 7)
    text = "Stadt Oberhausen Ausländerbehörde\nGeb. 01.02.1990\nDatum: 12. Oktober 2026\nBescheid ... Rechtsbehelfsbelehrung"
    found = hint(text, today)
    assert found.letter_date == date(2026, 10, 12) and found.kind == "auslaenderbehoerde"
    assert find_letter_date(simplified("gültig bis 01.01.2026, Schreiben vom 02.12.2026"), today) == date(2026, 12, 2)
    assert find_letter_date(simplified("Termin am 24.12.2026"), today) is None  # in the future
    assert hint("", today) is None


def test_tesseract_binary_missing_means_ocr_off(app):
    app.config["DOCUMENTS_TESSERACT"] = "/nonexistent/tesseract"
    assert reading.ocr_available(app) is False
    assert shutil.which("/nonexistent/tesseract") is None
