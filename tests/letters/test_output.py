"""Every seeded template, written for a demo client: the PDF and the DOCX hold the letter (text
extracted and checked), the address sits in the DIN 5008 form B window, pages are numbered."""

import io

import pytest
from docx import Document as DocxDocument
from pypdf import PdfReader
from sqlalchemy import select

from kimweb.extensions import db
from kimweb.letters.models import Letter
from kimweb.letters.seeds import TEMPLATES

from .conftest import needs_pdf

MM = 72 / 25.4
A4_HEIGHT = 297 * MM

FILLED = {
    "bescheid_datum": "01.12.2026",
    "aktenzeichen": "BG-12345",
    "frist_bis": "31.01.2027",
    "unterlagen": "Mietvertrag\nLohnabrechnungen Oktober und November",
}


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def docx_text(data: bytes) -> str:
    document = DocxDocument(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [p.text for p in document.sections[0].header.paragraphs]
    return "\n".join(parts)


def _written(client, person, office, consent_for, write_letter, code) -> Letter:
    _me, someone = person
    consent_for(someone, office)
    response = write_letter(someone, office, code, **FILLED)
    assert response.status_code == 303, response.text[:3000]
    return db.session.scalars(select(Letter).order_by(Letter.id.desc())).first()


@needs_pdf
@pytest.mark.parametrize("code", [t[0] for t in TEMPLATES])
def test_each_seeded_template_renders_to_pdf_and_docx(client, person, office, consent_for, write_letter, code):
    letter = _written(client, person, office, consent_for, write_letter, code)
    _me, someone = person
    title = next(t[1] for t in TEMPLATES if t[0] == code)
    assert letter.template_version.title == title
    pdf = client.get(f"/klienten/{someone.id}/briefe/{letter.id}/brief.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    docx = client.get(f"/klienten/{someone.id}/briefe/{letter.id}/brief.docx")
    assert docx.status_code == 200
    for text in (pdf_text(pdf.data), docx_text(docx.data)):
        flat = " ".join(text.split())
        assert "Mohammed Al-Hassan" in flat
        assert "Ausländerbehörde Oberhausen" in flat
        assert "Bahnhofstraße 66" in flat and "46145 Oberhausen" in flat
        assert "Petra Beispiel" in flat
        assert "0208 825-1234" in flat
        assert " ".join(letter.subject.split()) in flat
    flat_pdf = " ".join(pdf_text(pdf.data).split())
    assert "Seite 1 von" in flat_pdf
    expected = {
        "aufenthalt_verlaengerung": [
            "beantrage ich die Verlängerung des Aufenthaltstitels (Aufenthaltserlaubnis)",
            "Fiktionsbescheinigung",
        ],
        "widerspruch_jobcenter": ["Bescheid vom 01.12.2026", "BG-12345", "Widerspruch", "fristwahrend"],
        "fristverlaengerung": ["bis zum 31.01.2027", "BG-12345"],
        "terminvergabe": ["möglichst bis zum 31.01.2027"],
        "vollmacht": ["bevollmächtige hiermit", "Unterschrift"],
        "schweigepflichtentbindung": ["von der Schweigepflicht", "jederzeit ganz oder teilweise widerrufen"],
        "uebersendung_unterlagen": ["Mietvertrag", "Lohnabrechnungen Oktober und November"],
    }[code]
    for phrase in expected:
        assert phrase in flat_pdf, phrase
        assert phrase in " ".join(docx_text(docx.data).split()), phrase


def _positions(data: bytes) -> dict[str, tuple[float, float]]:
    """Where each text run starts on page 1 (x and y in mm from the top left)."""
    reader = PdfReader(io.BytesIO(data))
    found: dict[str, tuple[float, float]] = {}

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
            found.setdefault(text.strip(), (x / MM, (A4_HEIGHT - y) / MM))

    reader.pages[0].extract_text(visitor_text=visit)
    return found


@needs_pdf
def test_the_address_sits_in_the_din_5008_window(client, person, office, consent_for, write_letter):
    letter = _written(client, person, office, consent_for, write_letter, "aufenthalt_verlaengerung")
    _me, someone = person
    pdf = client.get(f"/klienten/{someone.id}/briefe/{letter.id}/brief.pdf").data
    positions = _positions(pdf)
    lines = ["Ausländerbehörde Oberhausen", "Bahnhofstraße 66", "46145 Oberhausen"]
    for line in lines:
        match = next((pos for text, pos in positions.items() if text.startswith(line)), None)
        assert match is not None, (line, positions)
        x, y = match
        # Form B window: 20 mm from the left, 45 mm from the top, 85 x 45 mm; the address zone
        # is its lower 27.3 mm (below the 17.7 mm for the return line), text 5 mm inside.
        assert 24 <= x <= 26, (line, x)
        assert 45 + 17.7 <= y <= 90, (line, y)
    tops = [next(pos[1] for text, pos in positions.items() if text.startswith(line)) for line in lines]
    assert tops == sorted(tops)
    # The subject comes below the window, at about 98 mm.
    subject_y = next(pos[1] for text, pos in positions.items() if text.startswith("Antrag auf Verlängerung"))
    assert 95 <= subject_y <= 106


@needs_pdf
def test_a_long_letter_numbers_every_page(client, person, office, consent_for, write_letter):
    _me, someone = person
    consent_for(someone, office)
    long_body = "\n\n".join(
        f"Absatz {n}: " + "Bitte berücksichtigen Sie die beigefügten Nachweise. " * 6 for n in range(40)
    )
    response = write_letter(someone, office, "terminvergabe", edit=lambda form: {"body": long_body})
    assert response.status_code == 303
    letter = db.session.scalars(select(Letter).order_by(Letter.id.desc())).first()
    reader = PdfReader(io.BytesIO(client.get(f"/klienten/{someone.id}/briefe/{letter.id}/brief.pdf").data))
    pages = len(reader.pages)
    assert pages >= 2
    for number, page in enumerate(reader.pages, 1):
        assert f"Seite {number} von {pages}" in page.extract_text()
