"""The wizard over HTTP: upload, mapping, preview, import, report, CSV, undo; who may use it."""

import io
import re

import pytest
from sqlalchemy import func, select

from kimweb.audit import AuditEvent
from kimweb.clients.models import Client
from kimweb.extensions import db
from kimweb.imports.models import ImportBatch, ImportMapping, ImportUpload


def _upload(client, data: bytes, name="liste.xlsx", **extra):
    return client.post(
        "/import/hochladen", data={"file": (io.BytesIO(data), name), **extra}, content_type="multipart/form-data"
    )


def _upload_id(response) -> int:
    return int(re.search(r"/import/(\d+)/zuordnung", response.headers["Location"]).group(1))


def _mapping_form(page: str) -> dict:
    """The mapping page's selects with their selected options, as a browser would post them."""
    form = {}
    for name, body in re.findall(r'<select id="[^"]+" name="([^"]+)">(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', body)
        form[name] = chosen.group(1) if chosen else ""
    return form


@pytest.mark.parametrize("role", ["case_manager", "reception", "coordination", "dpo"])
def test_only_team_lead_and_admin(client, login_as, role):
    login_as(role)
    assert client.get("/import/").status_code == 404
    assert _upload(client, b"a;b").status_code == 404


def test_the_whole_wizard(client, login_as, office_list, make_user):
    lead = login_as("team_lead", username="leitung")
    make_user("case_manager", username="tcan", display_name="Tarik Can")
    assert client.get("/import/").status_code == 200
    response = _upload(client, office_list)
    assert response.status_code == 303
    upload_id = _upload_id(response)
    page = client.get(f"/import/{upload_id}/zuordnung").get_data(as_text=True)
    assert "Excel-Arbeitsmappe" in page and "Zeile 4" in page
    form = _mapping_form(page)
    assert form["spalte-0"] == "full_name"
    form.update({"aktion": "weiter", "source_label": "Liste Osterfeld", "template_name": "Osterfeld-Liste"})
    response = client.post(f"/import/{upload_id}/zuordnung", data=form)
    assert response.status_code == 303
    assert db.session.scalar(select(ImportMapping.name)) == "Osterfeld-Liste"
    assert "wird verarbeitet" in client.get(f"/import/{upload_id}/vorschau").get_data(as_text=True)
    table = client.post(f"/import/{upload_id}/vorschau", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "Zeile 10, Spalte B" in table and "dieselbe Person wie Zeile 5" in table
    # the duplicate must be decided
    response = client.post(f"/import/{upload_id}/import", data={})
    assert response.status_code == 422 and "Bitte entscheiden Sie" in response.get_data(as_text=True)
    response = client.post(f"/import/{upload_id}/import", data={"d-11": "same_row"})
    assert response.status_code == 303
    batch = db.session.scalar(select(ImportBatch))
    assert batch.created_count == 4 and batch.created_by_id == lead.id
    assert db.session.scalar(select(func.count()).select_from(ImportUpload)) == 0  # the file is gone
    report = client.get(f"/import/lauf/{batch.id}").get_data(as_text=True)
    assert "angelegt" in report and "Ganzen Import rückgängig machen" in report
    csv = client.get(f"/import/lauf/{batch.id}/bericht.csv")
    assert csv.data.startswith(b"\xef\xbb\xbf") and b"Zeile;Ergebnis;Aktenzeichen;Grund" in csv.data
    assert client.post(f"/import/lauf/{batch.id}/rueckgaengig").status_code == 303
    assert db.session.scalar(select(func.count()).select_from(Client)) == 0
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"import.uploaded", "import.batch", "import.undone"} <= actions


def test_a_broken_file_changes_nothing(client, login_as):
    login_as("admin")
    response = _upload(client, b"PK\x03\x04 kaputt")
    assert response.status_code == 422
    assert "beschädigt" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(ImportUpload)) == 0


def test_uploads_belong_to_their_uploader_and_cancel_deletes(client, login_as, make_user, enter, office_list):
    login_as("team_lead", username="leitung")
    upload_id = _upload_id(_upload(client, office_list))
    enter(make_user("team_lead", username="andere"))
    assert client.get(f"/import/{upload_id}/zuordnung").status_code == 404
    assert client.post(f"/import/{upload_id}/abbrechen").status_code == 404
    enter(make_user("admin"))
    assert client.get(f"/import/{upload_id}/zuordnung").status_code == 404


def test_cancel_deletes_the_file(client, login_as, office_list):
    login_as("team_lead")
    upload_id = _upload_id(_upload(client, office_list))
    assert client.post(f"/import/{upload_id}/abbrechen").status_code == 303
    assert db.session.scalar(select(func.count()).select_from(ImportUpload)) == 0


def test_mapping_refuses_tampered_and_incomplete_choices(client, login_as, office_list):
    login_as("team_lead")
    upload_id = _upload_id(_upload(client, office_list))
    response = client.post(f"/import/{upload_id}/zuordnung", data={"spalte-0": "<script>", "aktion": "weiter"})
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "Bitte wählen Sie einen Eintrag aus der Liste" in text and "Familiennamen" in text


def test_no_names_in_urls_or_logs(client, login_as, office_list, make_user, caplog):
    login_as("team_lead")
    make_user("case_manager", username="tcan", display_name="Tarik Can")
    upload_id = _upload_id(_upload(client, office_list))
    response = client.post(f"/import/{upload_id}/import", data={"unentschiedene": "ueberspringen"})
    assert response.status_code == 303 and "Yilmaz" not in response.headers["Location"]
    assert "Yilmaz" not in caplog.text
    details = " ".join(filter(None, db.session.scalars(select(AuditEvent.detail))))
    assert "Yilmaz" not in details
