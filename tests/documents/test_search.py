"""Document text found by the notes search: within a file and across a team lead's files, with the
notes' rules (confidential for uploader and case manager only; deleted and replaced left out)."""

from sqlalchemy import select

from kimweb.audit import AuditEvent
from kimweb.documents.models import Document
from kimweb.extensions import db
from tests.conftest import log_in
from tests.documents import files

HX = {"HX-Request": "true"}


def _search(client, person, words):
    return client.post(f"/klienten/{person.id}/notizen/suche", data={"q": words}, headers=HX).text


def test_file_search_finds_document_text(client, login_as, manager, person, upload):
    login_as(manager)
    upload(person, ("a.pdf", files.text_pdf(["Mietschuldenübernahme beantragt"])), title="Antrag Sozialamt")
    upload(person, ("b.pdf", files.text_pdf(["Kindergeld"])), title="Familienkasse")
    found = _search(client, person, "mietschulden")
    assert "1 Dokument gefunden" in found and "Antrag Sozialamt" in found and "Familienkasse" not in found
    assert "Antrag Sozialamt" in _search(client, person, "Übernahme")  # umlauts folded, inside a word
    assert "Dokument gefunden" not in _search(client, person, "Wohngeld")


def test_deleted_and_replaced_versions_are_not_found(client, login_as, manager, person, upload):
    login_as(manager)
    upload(person, ("v1.pdf", files.text_pdf(["Erstfassung Widerspruch"])), title="Widerspruch")
    first = db.session.scalar(select(Document))
    upload(
        person, ("v2.pdf", files.text_pdf(["Endfassung Widerspruch"])), title="Widerspruch", previous_id=str(first.id)
    )
    assert "Dokument gefunden" not in _search(client, person, "Erstfassung")
    assert "1 Dokument gefunden" in _search(client, person, "Endfassung")
    second = db.session.scalar(select(Document).where(Document.id != first.id))
    client.post(f"/klienten/{person.id}/dokumente/{second.id}/loeschen", data={"reason": "doppelt"})
    assert "Dokument gefunden" not in _search(client, person, "Endfassung")


def test_confidential_text_only_for_uploader_and_case_manager(client, make_user, manager, person, upload):
    lead = make_user("team_lead")
    log_in(client, lead)
    upload(person, ("t.pdf", files.text_pdf(["Traumatherapie begonnen"])), title="Bericht", confidential="y")
    assert "1 Dokument gefunden" in _search(client, person, "traumatherapie")
    log_in(client, manager)
    assert "1 Dokument gefunden" in _search(client, person, "traumatherapie")
    log_in(client, make_user("team_lead"))
    assert "Dokument gefunden" not in _search(client, person, "traumatherapie")


def test_team_search_finds_documents_across_files_and_is_audited(client, make_user, make_client, manager, upload):
    lead = make_user("team_lead")
    mine = make_client(manager, family="Nowak", given="Anna")
    log_in(client, manager)
    upload(mine, ("a.pdf", files.text_pdf(["Sprachzertifikat B1 bestanden"])), title="Zertifikat B1")
    stranger = make_user("case_manager", team="Sterkrade")
    elsewhere = make_client(stranger, family="Other", given="File")
    log_in(client, stranger)
    upload(elsewhere, ("b.pdf", files.text_pdf(["Sprachzertifikat B1 bestanden"])), title="Fremdes Zertifikat")
    log_in(client, lead)
    page = client.post("/notizen/teamsuche", data={"q": "sprachzertifikat"}, headers=HX).text
    assert "Zertifikat B1" in page and "Nowak" in page and "Fremdes Zertifikat" not in page
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "document.team_search")) is not None


def test_document_hits_write_the_files_opened_rows(client, make_user, make_client, manager, person, upload):
    def opened(file) -> int:
        return len(
            db.session.scalars(
                select(AuditEvent).where(AuditEvent.action == "client.opened", AuditEvent.object_id == str(file.id))
            ).all()
        )

    only_documents = make_client(manager, family="Nowak", given="Anna")
    log_in(client, manager)
    upload(only_documents, ("a.pdf", files.text_pdf(["Sprachzertifikat B1 bestanden"])), title="Zertifikat B1")
    lead = make_user("team_lead")
    log_in(client, lead)
    before = opened(only_documents), opened(person)
    page = client.post("/notizen/teamsuche", data={"q": "sprachzertifikat"}, headers=HX).text
    assert "Zertifikat B1" in page
    assert (opened(only_documents), opened(person)) == (before[0] + 1, before[1])
    before = opened(only_documents)
    _search(client, only_documents, "sprachzertifikat")
    assert opened(only_documents) == before + 1  # the file's search: one row, notes and documents together
