"""Who sees which document: 404 outside the file's scope, reception never, confidential documents
only for their uploader and the file's case manager."""

import pytest
from sqlalchemy import select

from kimweb.documents.models import Document
from kimweb.extensions import db
from tests.conftest import log_in
from tests.documents import files
from tests.helpers import whole_file

PATHS = ("", "/ansehen", "/herunterladen", "/text", "/loeschen")


@pytest.fixture
def document(client, login_as, manager, person, upload):
    login_as(manager)
    upload(person, ("Befund.pdf", files.text_pdf(["Geheimer Befund"])), title="Befund Marker")
    return db.session.scalar(select(Document))


@pytest.mark.parametrize("role", ["reception", "admin", "case_manager"])
def test_outside_the_file_everything_is_404(client, make_user, person, document, role):
    other = make_user(role, team="Sterkrade" if role == "case_manager" else None)
    log_in(client, other)
    for path in PATHS:
        response = client.get(f"/klienten/{person.id}/dokumente/{document.id}{path}")
        assert response.status_code == 404, path
        assert "Befund Marker" not in response.get_data(as_text=True)
    assert client.get(f"/klienten/{person.id}/dokumente/neu").status_code == 404


def test_a_document_of_another_file_is_404(client, make_client, manager, person, document):
    other_file = make_client(manager, family="Nowak", given="Anna")
    log_in(client, manager)
    assert client.get(f"/klienten/{other_file.id}/dokumente/{document.id}").status_code == 404
    assert client.get(f"/klienten/{other_file.id}/dokumente/neu?previous={document.id}").status_code == 404


def test_team_lead_and_deputy_see_it(client, make_user, person, document):
    lead = make_user("team_lead")
    log_in(client, lead)
    assert client.get(f"/klienten/{person.id}/dokumente/{document.id}/ansehen").status_code == 200


def test_confidential_only_for_uploader_and_case_manager(client, make_user, manager, person, upload):
    colleague_lead = make_user("team_lead")
    log_in(client, colleague_lead)
    response = upload(person, ("b.pdf", files.text_pdf(["Vertraulich"])), title="Therapiebericht", confidential="y")
    assert response.status_code == 303
    document = db.session.scalar(select(Document))
    log_in(client, manager)  # the file's case manager
    assert client.get(f"/klienten/{person.id}/dokumente/{document.id}").status_code == 200
    other_lead = make_user("team_lead")
    log_in(client, other_lead)
    page = whole_file(client, person.id).get_data(as_text=True)
    assert "Vertrauliches Dokument" in page and "Therapiebericht" not in page
    for path in PATHS:
        assert client.get(f"/klienten/{person.id}/dokumente/{document.id}{path}").status_code == 404


def test_only_admin_edits_document_types(client, make_user):
    log_in(client, make_user("case_manager"))
    assert client.get("/admin/dokumentarten").status_code == 404
    log_in(client, make_user("admin"))
    assert "Bescheid" in client.get("/admin/dokumentarten").get_data(as_text=True)
    response = client.post("/admin/dokumentarten/neu", data={"label": "Bescheid", "data_scope": ["identity"]})
    assert response.status_code == 422 and "gibt es schon" in response.get_data(as_text=True)
    response = client.post(
        "/admin/dokumentarten/neu",
        data={"label": "Psychologisches Gutachten", "health": "y", "data_scope": ["identity"]},
    )
    assert response.status_code == 303
    assert "Psychologisches Gutachten" in client.get("/admin/dokumentarten").get_data(as_text=True)


def test_closed_file_takes_no_uploads(client, login_as, manager, make_client, upload):
    login_as(manager)
    closed = make_client(manager)
    closed.phase = 7
    db.session.commit()
    assert client.get(f"/klienten/{closed.id}/dokumente/neu").status_code in (404, 409)
    assert upload(closed, ("a.pdf", files.text_pdf())).status_code in (404, 409)
