"""Without WeasyPrint (or its Pango libraries) the letter is still saved and the DOCX offered;
the pages say plainly that no PDF can be made."""

from sqlalchemy import select

from kimweb.extensions import db
from kimweb.letters import output
from kimweb.letters.models import Letter


def test_missing_weasyprint_is_said_plainly(client, person, office, consent_for, write_letter, monkeypatch):
    monkeypatch.setattr(output, "weasyprint", None)
    _me, someone = person
    consent_for(someone, office)
    start = client.get(f"/klienten/{someone.id}/briefe/neu")
    assert "WeasyPrint" in start.text and "DOCX" in start.text
    response = write_letter(someone, office, "terminvergabe")
    assert response.status_code == 303
    letter = db.session.scalars(select(Letter)).one()
    assert letter.note_id is not None and letter.document_id is None
    page = client.get(response.headers["Location"])
    assert "Das PDF kann auf diesem Server nicht erzeugt werden" in page.text
    assert "brief.pdf" not in page.text and "brief.docx" in page.text
    pdf = client.get(f"/klienten/{someone.id}/briefe/{letter.id}/brief.pdf")
    assert pdf.status_code == 503 and "WeasyPrint" in pdf.text, pdf.text[-1500:]
    assert client.get(f"/klienten/{someone.id}/briefe/{letter.id}/brief.docx").status_code == 200
