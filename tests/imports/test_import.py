"""Import in one transaction, the "same person" fill-in that never overwrites, and undo."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from kimweb.audit import AuditEvent
from kimweb.clients.casework_models import ClientDeadline, FollowUp, ResidenceStatus
from kimweb.clients.models import Client
from kimweb.extensions import db
from kimweb.imports.duplicates import apply_decisions
from kimweb.imports.mapping import find_header, propose
from kimweb.imports.models import ImportBatch
from kimweb.imports.plan import build_plan, importer_for
from kimweb.imports.readers import read_table
from kimweb.imports.service import UndoRefused, run_import, undo_batch
from kimweb.notes.models import ContactNote
from kimweb.timeutil import local_today


def _plan(data, user, decisions=None):
    sheet = find_header(read_table(data))
    plan = build_plan(sheet, propose(sheet), importer_for(user), local_today())
    apply_decisions(plan, decisions or {})
    return plan


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_import_creates_files_with_status_deadlines_follow_ups_and_note(app, office_list, lead):
    plan = _plan(office_list, lead, {11: "same_row"})
    report = run_import(plan, importer_for(lead), "Liste Osterfeld")
    outcomes = {r.row: r.outcome for r in report.rows}
    assert outcomes == {5: "created", 7: "created", 8: "created", 9: "created", 10: "error", 11: "skipped"}
    ayse = db.session.scalar(select(Client).where(Client.family_name == "Yilmaz"))
    assert ayse.case_number.startswith("KIM-")
    assert ayse.case_manager.username == "tcan" and ayse.district.name == "Osterfeld"
    status = db.session.scalar(select(ResidenceStatus).where(ResidenceStatus.client_id == ayse.id))
    assert (status.status_type, status.valid_until) == ("aufenthaltserlaubnis", date(2027, 3, 31))
    # deadlines exist at once, so alerts work from the first day
    assert db.session.scalar(select(func.count()).where(ClientDeadline.client_id == ayse.id)) > 0
    follow_up = db.session.scalar(select(FollowUp).where(FollowUp.client_id == ayse.id))
    assert follow_up.due_on == date(2027, 1, 15) and follow_up.assignee_id == ayse.case_manager_id
    note = db.session.scalar(select(ContactNote).where(ContactNote.client_id == ayse.id))
    assert note.text.startswith("Aus Liste „Liste Osterfeld“ übernommen (Zeile 5).")
    assert len(note.revisions) == 1
    batch = db.session.get(ImportBatch, report.batch_id)
    assert (batch.created_count, batch.updated_count, batch.skipped_count) == (4, 0, 2)
    assert "Yilmaz" not in batch.report  # the stored report holds no names
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"import.batch", "client.created"} <= actions


def test_dry_run_changes_nothing(app, office_list, lead):
    before = _count(Client)
    report = run_import(_plan(office_list, lead), importer_for(lead), "x", dry_run=True)
    assert report.count("created") == 4
    assert _count(Client) == before and _count(ImportBatch) == 0


def test_undecided_duplicates_are_skipped_and_listed(app, office_list, lead):
    report = run_import(_plan(office_list, lead), importer_for(lead), "x")
    skipped = [r for r in report.rows if r.outcome == "skipped"]
    assert [(r.row, r.reason) for r in skipped] == [(11, "mögliche Dublette, nicht entschieden")]


def test_same_person_fills_empty_fields_only(app, office_list, lead, make_client):
    can = next(u for u in importer_for(lead).managers if u.username == "tcan")
    on_file = make_client(can, family="Kowalski", given="Jan", birth=date(1990, 7, 14), phone="0208 999")
    plan = _plan(office_list, lead, {7: f"same:{on_file.id}", 11: "skip"})
    report = run_import(plan, importer_for(lead), "x")
    row = next(r for r in report.rows if r.row == 7)
    assert (row.outcome, row.case_number) == ("updated", on_file.case_number)
    on_file = db.session.get(Client, on_file.id)
    assert on_file.phone == "0208 999"  # never overwritten
    assert on_file.nationalities == "PL"  # was empty: filled
    assert db.session.scalar(select(func.count()).where(Client.family_name == "Kowalski")) == 1


def test_undo_removes_created_files_and_empties_filled_fields(app, office_list, lead, make_client):
    can = next(u for u in importer_for(lead).managers if u.username == "tcan")
    on_file = make_client(can, family="Kowalski", given="Jan", birth=date(1990, 7, 14))
    before = _count(Client)
    report = run_import(_plan(office_list, lead, {7: f"same:{on_file.id}", 11: "new"}), importer_for(lead), "x")
    assert _count(Client) == before + 4
    batch = db.session.get(ImportBatch, report.batch_id)
    assert undo_batch(batch, lead) == 5
    assert _count(Client) == before
    on_file = db.session.get(Client, on_file.id)
    assert on_file.nationalities == "" and _count(ResidenceStatus) == 0
    assert batch.undone_at is not None
    assert "import.undone" in set(db.session.scalars(select(AuditEvent.action)))
    with pytest.raises(UndoRefused, match="bereits"):
        undo_batch(batch, lead)


def test_undo_refused_after_a_file_changed_naming_it(app, office_list, lead):
    report = run_import(_plan(office_list, lead, {11: "skip"}), importer_for(lead), "x")
    ayse = db.session.scalar(select(Client).where(Client.family_name == "Yilmaz"))
    db.session.add(FollowUp(client_id=ayse.id, title="Anruf", due_on=local_today(), assignee_id=ayse.case_manager_id))
    db.session.commit()
    batch = db.session.get(ImportBatch, report.batch_id)
    with pytest.raises(UndoRefused) as refused:
        undo_batch(batch, lead)
    assert refused.value.case_numbers == [ayse.case_number]
    db.session.rollback()
    assert db.session.get(Client, ayse.id) is not None


def test_undo_refused_after_14_days(app, office_list, lead):
    report = run_import(_plan(office_list, lead, {11: "skip"}), importer_for(lead), "x")
    batch = db.session.get(ImportBatch, report.batch_id)
    batch.created_at -= timedelta(days=15)
    db.session.commit()
    with pytest.raises(UndoRefused, match="14 Tage"):
        undo_batch(batch, lead)
