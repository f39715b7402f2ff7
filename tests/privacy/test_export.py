"""The Art. 15 export holds everything kimweb stores about the person: a marker in every text
column of every table of the file (found from the schema) reaches the JSON and the HTML."""

import io
import json
import zipfile

from sqlalchemy import func, select

from kimweb.audit import AuditEvent
from kimweb.clients.choices import CLOSED_PHASE
from kimweb.documents.models import Document
from kimweb.documents.storage import put_bytes
from kimweb.extensions import db
from kimweb.letters.models import OfficeText
from kimweb.letters.office_texts import PRIVACY_KEY
from kimweb.privacy.records import client_tables
from tests.privacy.conftest import fill_file


def _export(client, person) -> zipfile.ZipFile:
    response = client.post(f"/klienten/{person.id}/auskunft")
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.data))


def test_every_marker_of_every_table_is_in_the_export(client, enter, staff, make_client, agency):
    agency()
    person = make_client(staff["cm"])
    markers = fill_file(person)
    assert len(markers) > 100
    key = put_bytes(b"%PDF-1.4 Bescheid")
    db.session.add(
        Document(
            client_id=person.id,
            type_id=1,
            title="Bescheid",
            filename="bescheid.pdf",
            media_type="application/pdf",
            size=17,
            sha256=key,
            uploaded_by_id=staff["cm"].id,
        )
    )
    db.session.commit()
    enter(staff["cm"])
    archive = _export(client, person)
    data = json.loads(archive.read("auskunft.json"))
    html = archive.read("auskunft.html").decode()
    as_json = json.dumps(data, ensure_ascii=False)
    missing_json = [m for m in markers if m not in as_json]
    missing_html = [m for m in markers if m not in html]
    assert not missing_json and not missing_html
    # Every table of the file, found from the schema, is in the export: a new table is too.
    assert {table.name for table in client_tables()} == set(data["records"])
    assert "Zweck" in data["notice"] and "Art. 15" in html
    assert "auskunft.pdf" in archive.namelist()
    assert archive.read("auskunft.pdf").startswith(b"%PDF")
    files = [name for name in archive.namelist() if name.startswith("dokumente/")]
    assert [archive.read(name) for name in files] == [b"%PDF-1.4 Bescheid"]


def test_export_shows_who_opened_the_file_as_role_and_team_and_is_audited(client, enter, staff, make_client):
    person = make_client(staff["cm"])
    enter(staff["lead"])
    assert client.get(f"/klienten/{person.id}").status_code == 200
    archive = _export(client, person)
    data = json.loads(archive.read("auskunft.json"))
    opened = [e for e in data["access_log"] if e["action"] == "client.opened"]
    assert opened and opened[0]["staff"] == "Teamleitung, Osterfeld"
    assert "leitung1" not in json.dumps(data)
    exported = db.session.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "client.exported")
    )
    assert exported == 1


def test_export_with_staff_names_when_configured(app, client, enter, staff, make_client):
    app.config["PRIVACY_EXPORT_STAFF_NAMES"] = True
    person = make_client(staff["cm"])
    enter(staff["cm"])
    client.get(f"/klienten/{person.id}")
    data = json.loads(_export(client, person).read("auskunft.json"))
    assert any(e["staff"] == "Sabine Müller" for e in data["access_log"])


def test_only_who_answers_for_the_file_may_export(client, enter, staff, make_client):
    person = make_client(staff["cm"])
    for user in (staff["other"], staff["desk"], staff["admin"], staff["dpo"]):
        enter(user)
        assert client.post(f"/klienten/{person.id}/auskunft").status_code == 404, user.role


def test_export_of_a_closed_file_and_by_command(client, enter, runner, tmp_path, staff, make_client):
    person = make_client(staff["cm"])
    person.phase = CLOSED_PHASE
    db.session.commit()
    enter(staff["cm"])
    assert client.post(f"/klienten/{person.id}/auskunft").status_code == 200
    target = tmp_path / "out.zip"
    result = runner.invoke(args=["clients", "export", person.case_number, str(target)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(target) as archive:
        assert json.loads(archive.read("auskunft.json"))["case_number"] == person.case_number
    assert runner.invoke(args=["clients", "export", "nope", str(target)]).exit_code != 0


def test_export_in_german_and_english_with_the_privacy_text_in_the_persons_language(client, enter, staff, make_client):
    person = make_client(staff["cm"], languages="ar de")
    db.session.add(
        OfficeText(key=PRIVACY_KEY, language="ar", number=1, title="معلومات حول حماية البيانات", body="نص عربي")
    )
    db.session.commit()
    enter(staff["cm"])
    archive = _export(client, person)
    german = archive.read("auskunft.html").decode()
    english = archive.read("auskunft-en.html").decode()
    assert '<html lang="de">' in german and "Familienname" in german and "family_name" not in german
    assert '<html lang="en">' in english and "Information about your stored data" in english
    assert "Surname" in english and "Al-Hassan" in english
    for document in (german, english):
        assert 'lang="ar" dir="rtl"' in document and "نص عربي" in document
    assert "auskunft-en.pdf" in archive.namelist()
    assert json.loads(archive.read("auskunft.json"))["notice_in_own_language"]["language"] == "ar"
