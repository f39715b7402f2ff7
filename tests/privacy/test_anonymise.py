"""Erasure and retention: anonymisation keeps every figure the statistics count, leaves no trace
of the person in any search or any column, stops at a legal hold and is re-applied after a restore."""

from collections import Counter
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import String, func, select, text, update

from kimweb.clients.choices import CLOSED_PHASE
from kimweb.clients.matching import PersonQuery, likely_matches
from kimweb.clients.models import Client
from kimweb.documents.models import Document
from kimweb.documents.search import search_team_documents
from kimweb.documents.storage import put_bytes, store
from kimweb.extensions import db
from kimweb.notes.models import ContactNote
from kimweb.notes.search import search_team_notes
from kimweb.privacy import retention
from kimweb.privacy.anonymise import KEEP
from kimweb.privacy.models import PrivacyErasure, PrivacyHold
from kimweb.privacy.records import client_tables
from kimweb.textfold import fold
from kimweb.timeutil import local_today, utcnow
from tests.privacy.conftest import fill_file

# Rows that go with the person: documents (with their files), drafts, name keys.
DELETED = {"document", "disclosure_document", "note_draft", "client_name_key"}
# Columns that change on purpose: the birth date becomes the year, the file number a placeholder.
# A letter's link to its PDF document empties with the document (kimweb/letters/models.py).
CHANGED = {
    ("client", "birth_date"),
    ("client", "birth_date_approximate"),
    ("client", "restricted"),
    ("letter", "document_id"),
}


def _figures() -> Counter:
    """Per table of the file: the row count, and counts per value of every column the statistics
    may use (every non-text column and every kept code column)."""
    figures: Counter = Counter()
    for table in client_tables():
        if table.name in DELETED or table.name.startswith("privacy"):
            continue
        figures[(table.name, "rows")] = db.session.scalar(select(func.count()).select_from(table))
        for column in table.c:
            if (table.name, column.name) in CHANGED or column.name == "updated_at":
                continue
            if isinstance(column.type, String) and column.name not in KEEP.get(table.name, ()):
                continue
            for value, count in db.session.execute(select(column, func.count()).group_by(column)):
                figures[(table.name, column.name, str(value))] = count
    return figures


def _closed(person, years_ago=4):
    person.phase = CLOSED_PHASE
    person.retention_until = local_today() - timedelta(days=1)
    db.session.commit()


def test_anonymisation_keeps_every_figure(app, staff, make_client, agency):
    agency()
    person = make_client(staff["cm"], birth=date(1985, 3, 12))
    other = make_client(staff["cm"], family="Kovalenko", given="Olena")
    fill_file(person)
    # The filler's own erasure and hold rows would stop the erasure: this test wants it done.
    db.session.execute(PrivacyErasure.__table__.delete())
    db.session.execute(PrivacyHold.__table__.delete())
    db.session.commit()
    before = _figures()
    retention.erase(db.session.get(Client, person.id), "request", staff["lead"])
    db.session.commit()
    assert _figures() == before
    kept = db.session.get(Client, person.id)
    assert kept.birth_date == date(1985, 1, 1) and kept.case_number == f"ANON-{person.id}"
    assert db.session.get(Client, other.id).family_name == "Kovalenko"
    # Nothing but codes is left in the person's text columns.
    markers = [
        value
        for table in client_tables()
        for column in table.c
        if isinstance(column.type, String) and column.name not in KEEP.get(table.name, ())
        for value in db.session.scalars(select(column).where(column.like("Q%")))
    ]
    assert markers == []


NAME, WORD = "Zyxwabrücke", "zauberwortqq"


def _person_with_traces(staff, make_client):
    person = make_client(staff["cm"], family=NAME, given="Ilona", phone="0208 123456", street="Zyxweg 3")
    note = ContactNote(
        client_id=person.id,
        author_id=staff["cm"].id,
        occurred_at=utcnow(),
        kind="phone",
        text=f"Gespräch über {WORD}",
        search_text=fold(f"Gespräch über {WORD}"),
    )
    key = put_bytes(f"%PDF {WORD}".encode())
    document = Document(
        client_id=person.id,
        type_id=1,
        title=f"Bescheid {WORD}",
        filename="bescheid.pdf",
        media_type="application/pdf",
        size=10,
        sha256=key,
        uploaded_by_id=staff["cm"].id,
        text=WORD,
        search_text=fold(f"Bescheid {WORD}"),
    )
    db.session.add_all([note, document])
    db.session.commit()
    return person, key


def _found(client, staff) -> dict:
    lead = db.session.get(type(staff["lead"]), staff["lead"].id)
    page = client.post("/klienten/", data={"q": NAME}).get_data(as_text=True)
    return {
        "caseload": "Ilona" in page,  # the search field shows the name typed
        "duplicates": bool(likely_matches(PersonQuery(family=NAME, given="Ilona", birth_date=date(1985, 3, 12)))),
        "notes": bool(search_team_notes(lead, WORD)),
        "documents": bool(search_team_documents(lead, [fold(WORD)])),
    }


def _columns_holding(word: str) -> list[str]:
    """Every text column of every table that still holds the word (audit excluded: ids only)."""
    found = []
    for table in db.metadata.sorted_tables:
        for column in table.c:
            if isinstance(column.type, String):
                if db.session.scalar(select(func.count()).where(func.lower(column).like(f"%{word.lower()}%"))):
                    found.append(f"{table.name}.{column.name}")
    return found


def test_nothing_of_an_anonymised_person_is_found(app, client, enter, staff, make_client):
    person, key = _person_with_traces(staff, make_client)
    enter(staff["lead"])
    assert _found(client, staff) == {"caseload": True, "duplicates": True, "notes": True, "documents": True}
    response = client.post(
        f"/klienten/{person.id}/datenschutz/loeschung", data={"reason_code": "request", "confirm": "y"}
    )
    assert response.status_code == 303
    found = _found(client, staff)
    assert found == {"caseload": False, "duplicates": False, "notes": False, "documents": False}
    assert _columns_holding(NAME) == [] and _columns_holding(WORD) == [] and _columns_holding("Zyxweg") == []
    assert not store().exists(key)
    if db.engine.dialect.name == "sqlite":
        assert db.session.scalar(text("PRAGMA secure_delete")) == 1
        for index in ("contact_note_search", "document_search"):
            hits = db.session.scalar(
                text(f"SELECT count(*) FROM {index} WHERE search_text LIKE :w"), {"w": f"%{WORD}%"}
            )
            assert hits == 0
            # The index holds exactly what its table holds (no stale tokens of the old text).
            db.session.execute(text(f"INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)"))
    erasure = db.session.scalar(select(PrivacyErasure))
    assert erasure.reason_code == "request" and erasure.confirmed_by_id == staff["lead"].id


def test_only_the_team_lead_erases_and_must_confirm(client, enter, staff, make_client):
    person = make_client(staff["cm"])
    enter(staff["cm"])
    assert (
        client.post(
            f"/klienten/{person.id}/datenschutz/loeschung", data={"reason_code": "request", "confirm": "y"}
        ).status_code
        == 404
    )
    enter(staff["lead"])
    assert (
        client.post(f"/klienten/{person.id}/datenschutz/loeschung", data={"reason_code": "request"}).status_code == 422
    )
    assert client.post(f"/klienten/{person.id}/datenschutz/loeschung", data={"confirm": "y"}).status_code == 422
    assert db.session.get(Client, person.id).family_name == "Al-Hassan"


def test_legal_hold_stops_erasure_and_the_retention_job(client, enter, runner, staff, make_client):
    person = make_client(staff["cm"])
    _closed(person)
    enter(staff["lead"])
    assert (
        client.post(
            f"/klienten/{person.id}/datenschutz/sperre", data={"reason": "Klage anhängig", "until": "31.12.2099"}
        ).status_code
        == 303
    )
    assert "Al-Hassan" not in runner.invoke(args=["retention", "run", "--dry-run"]).output
    assert retention.due_files() == []
    client.post(f"/klienten/{person.id}/datenschutz/loeschung", data={"reason_code": "request", "confirm": "y"})
    runner.invoke(args=["retention", "run"])
    assert db.session.get(Client, person.id).family_name == "Al-Hassan"
    # The hold ends: the confirmed erasure is carried out by the next run.
    db.session.execute(update(PrivacyHold).values(until=local_today() - timedelta(days=1)))
    db.session.commit()
    result = runner.invoke(args=["retention", "run"])
    assert result.exit_code == 0, result.output
    assert db.session.get(Client, person.id).family_name == "Anonymisiert"


def test_retention_page_lists_due_files_and_confirms_in_bulk(client, enter, staff, make_client):
    first, second = make_client(staff["cm"]), make_client(staff["cm"], family="Kovalenko")
    open_file = make_client(staff["cm"], family="Offen")
    _closed(first)
    _closed(second)
    enter(staff["lead"])
    page = client.get("/datenschutz/aufbewahrung").get_data(as_text=True)
    assert first.case_number in page and second.case_number in page and open_file.case_number not in page
    response = client.post(
        "/datenschutz/aufbewahrung", data={"client_id": [str(first.id), str(second.id), str(open_file.id)]}
    )
    assert response.status_code == 303
    names = dict(db.session.execute(select(Client.id, Client.family_name)).all())
    assert names == {first.id: "Anonymisiert", second.id: "Anonymisiert", open_file.id: "Offen"}
    enter(staff["cm"])
    assert client.get("/datenschutz/aufbewahrung").status_code == 404


def test_retention_run_deletes_what_is_automatic(app, runner, staff, make_client, make_visit_row):
    make_visit_row(day=local_today() - timedelta(days=91))
    make_visit_row(day=local_today())
    dry = runner.invoke(args=["retention", "run", "--dry-run"])
    assert "1 Besuche ohne Akte fällig" in dry.output
    result = runner.invoke(args=["retention", "run"])
    assert "1 Besuche ohne Akte gelöscht" in result.output
    assert db.session.scalar(text("SELECT count(*) FROM visit")) == 1


def test_reapply_after_restore(app, runner, staff, make_client):
    person = make_client(staff["cm"])
    retention.erase(db.session.get(Client, person.id), "request", staff["lead"])
    db.session.commit()
    # A restore from a backup made before the erasure: the name is back, the record gone.
    db.session.execute(update(Client).where(Client.id == person.id).values(family_name="Al-Hassan", street="Weg 1"))
    db.session.execute(PrivacyErasure.__table__.delete())
    db.session.commit()
    result = runner.invoke(args=["retention", "reapply"])
    assert result.exit_code == 0, result.output
    restored = db.session.get(Client, person.id)
    db.session.refresh(restored)
    assert restored.family_name == "Anonymisiert" and restored.street is None
    assert db.session.scalar(select(PrivacyErasure.client_id)) == person.id


@pytest.fixture
def make_visit_row(app):
    from kimweb.reception.models import Visit

    def _visit(day):
        db.session.add(
            Visit(
                day=day,
                ticket=db.session.scalar(select(func.count()).select_from(Visit)) + 1,
                family_name="Walk",
                checked_in_at=datetime.combine(day, datetime.min.time()),
            )
        )
        db.session.commit()

    return _visit


def test_retention_run_prunes_drafts_login_attempts_and_old_audit_rows(app, runner, staff, make_client):
    from kimweb.audit import AuditEvent
    from kimweb.auth.models import LoginAttempt
    from kimweb.notes.models import NoteDraft

    person = make_client(staff["cm"])
    now = utcnow()
    db.session.add_all(
        [
            NoteDraft(user_id=staff["cm"].id, client_id=person.id, fields="{}", saved_at=now - timedelta(days=31)),
            LoginAttempt(at=now - timedelta(days=91), username="x", remote_addr="1", succeeded=False),
            LoginAttempt(at=now, username="y", remote_addr="1", succeeded=True),
            AuditEvent(at=now - timedelta(days=3 * 365 + 2), action="old.one"),
            AuditEvent(at=now - timedelta(days=400), action="young.one"),
        ]
    )
    db.session.commit()
    # Even a configured period below the database's floor of a year never touches younger rows.
    app.config["PRIVACY_RETENTION_DAYS"] = {**app.config["PRIVACY_RETENTION_DAYS"], "audit": 30}
    result = runner.invoke(args=["retention", "run"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(func.count()).select_from(NoteDraft)) == 0
    assert db.session.scalars(select(LoginAttempt.username)).all() == ["y"]
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert "old.one" not in actions and "young.one" not in actions
    app.config["PRIVACY_RETENTION_DAYS"] = {**app.config["PRIVACY_RETENTION_DAYS"], "audit": 3 * 365}
    db.session.add(AuditEvent(at=now - timedelta(days=400), action="kept.one"))
    db.session.commit()
    runner.invoke(args=["retention", "run"])
    assert "kept.one" in set(db.session.scalars(select(AuditEvent.action)))
