"""Files that are refused with a clear German message, and nothing of them stored."""

from pathlib import Path

import pytest
from sqlalchemy import select

from kimweb.documents.checks import clean_filename
from kimweb.documents.models import Document
from kimweb.extensions import db
from tests.documents import files


def _nothing_stored(app) -> bool:
    root = Path(app.config["DOCUMENTS_PATH"])
    kept = [p for p in root.rglob("*") if p.is_file()] if root.exists() else []
    return not kept and db.session.scalar(select(Document)) is None


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bescheid.pdf", files.exe(), "Programme und Skripte werden nicht angenommen."),
        ("setup.exe", files.text_pdf(), "Programme und Skripte werden nicht angenommen."),
        ("unterlagen.zip", files.zip_archive(), "Archive (ZIP, RAR, 7z …) werden nicht angenommen."),
        ("antrag.docx", files.zip_archive(), "Archive (ZIP, RAR, 7z …) werden nicht angenommen."),
        ("brief.pdf", files.javascript_pdf(), "PDF-Dateien mit Skripten"),
        ("brief.pdf", files.hidden_javascript_pdf(), "PDF-Dateien mit Skripten"),
        ("brief.pdf", files.embedded_file_pdf(), "angehängten Dateien"),
        ("foto.pdf", files.png(), "ist aber eine PNG-Datei"),
        ("leer.pdf", b"", "Die Datei ist leer."),
        ("kaputt.pdf", b"%PDF-1.4\n garbage", "beschädigt"),
        ("daten.bin", bytes(range(256)) * 4, "Diese Art von Datei wird nicht angenommen."),
    ],
)
def test_refused_with_a_reason_and_nothing_stored(
    app, client, login_as, manager, person, upload, name, content, message
):
    login_as(manager)
    response = upload(person, (name, content))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert _nothing_stored(app)


def test_oversized_refused(app, client, login_as, manager, person, upload):
    app.config["DOCUMENTS_MAX_BYTES"] = 10 * 1024
    login_as(manager)
    response = upload(person, ("gross.pdf", files.text_pdf(pad=20_000)))
    assert response.status_code == 422
    assert "Die Datei ist größer als 10 KB und wird nicht angenommen." in response.get_data(as_text=True)
    assert _nothing_stored(app)


def test_one_bad_file_in_a_batch_stores_none_of_it(app, client, login_as, manager, person, upload):
    login_as(manager)
    response = upload(person, ("gut.pdf", files.text_pdf()), ("schlecht.pdf", files.exe()))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "schlecht.pdf: Programme und Skripte" in page and "Es wurde nichts gespeichert" in page
    assert _nothing_stored(app)


def test_accepted_kinds(client, login_as, manager, person, upload):
    login_as(manager)
    response = upload(
        person,
        ("a.docx", files.docx()),
        ("b.odt", files.odt()),
        ("c.jpg", files.jpeg()),
        ("d.tif", _tiff()),
        (
            "e.eml",
            b"From: amt@example.org\r\nSubject: Termin\r\nDate: Mon, 2 Nov 2026 10:00:00 +0100\r\n\r\nBitte kommen Sie.",
        ),
        ("f.txt", "Grüße aus Oberhausen".encode()),
    )
    assert response.status_code == 303, response.get_data(as_text=True)
    kinds = db.session.scalars(select(Document.media_type).order_by(Document.id)).all()
    assert kinds == [
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.oasis.opendocument.text",
        "image/jpeg",
        "image/tiff",
        "message/rfc822",
        "text/plain",
    ]
    texts = db.session.scalars(select(Document.text).order_by(Document.id)).all()
    assert "Antrag auf Kindergeld" in texts[0] and "Familienkasse" in texts[1] and "Bitte kommen Sie" in texts[4]


def _tiff() -> bytes:
    import io

    out = io.BytesIO()
    files.letter_image().save(out, "TIFF")
    return out.getvalue()


def test_dangerous_name_is_cleaned_for_storage_and_download(app, client, login_as, manager, person, upload):
    login_as(manager)
    response = upload(person, ("../../etc/pa\x00ss\x1bwd\u202e.pdf", files.text_pdf()))
    assert response.status_code == 303
    document = db.session.scalar(select(Document))
    assert document.filename == "passwd.pdf"
    assert all(p.name != "passwd.pdf" for p in Path(app.config["DOCUMENTS_PATH"]).rglob("*"))
    disposition = client.get(f"/klienten/{person.id}/dokumente/{document.id}/herunterladen").headers[
        "Content-Disposition"
    ]
    assert "/" not in disposition and "\x1b" not in disposition


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("..\\..\\boot.ini", "boot.ini"),
        ("...", "dokument"),
        ('a<b>:"c"|?*.pdf', "a_b___c____.pdf"),
        ("  Bescheid   vom 3.11.pdf ", "Bescheid vom 3.11.pdf"),
        ("x" * 300 + ".pdf", "x" * 196 + ".pdf"),
    ],
)
def test_clean_filename(raw, clean):
    assert clean_filename(raw) == clean


def test_email_with_a_program_attached_is_refused(app, client, login_as, manager, person, upload):
    login_as(manager)
    mail = (
        b"From: a@example.org\r\nSubject: Rechnung\r\nDate: Mon, 2 Nov 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nHallo\r\n'
        b'--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="rechnung.exe"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\nTVqQAAMAAAAEAAAA\r\n--b--\r\n"
    )
    response = upload(person, ("rechnung.eml", mail))
    assert response.status_code == 422 and "Programm im Anhang" in response.text
    assert _nothing_stored(app)
