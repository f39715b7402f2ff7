"""Importing a checked list in one transaction, and undoing a whole batch.

Each new row becomes a file the way intake makes one (case number from the counter, phase entry,
search keys), with its residence status record (deadlines computed at once, so alerts work from
the first day), consent, follow-up and an intake note "aus Liste … übernommen". A row decided
"same person" fills only the empty fields of that file and adds its records; nothing on file is
overwritten. A batch can be undone for UNDO_DAYS, file by file only if none was changed since:
each item keeps a fingerprint of its file (versions, phase, case manager, and how many rows each
part of the file has), compared before anything is removed."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, insert, select, update

from .. import audit
from ..auth.models import User
from ..clients.casenumbers import next_case_numbers
from ..clients.casework_models import Consent, FollowUp, ResidenceStatus
from ..clients.matching import name_keys, refresh_search, search_columns
from ..clients.models import Client, ClientNameKey, PhaseEntry
from ..clients.residence import refresh_deadlines, refresh_deadlines_many
from ..database import chunks
from ..extensions import db
from ..notes.models import ContactNote, ContactNoteRevision, snapshot
from ..timeutil import format_date, local_today, utcnow
from .models import ImportBatch, ImportItem, ImportUpload
from .plan import Importer, Plan, PlannedRow

UNDO_DAYS = 14
# An upload left in the wizard is deleted after this many hours (on the next upload, or by
# `flask clients import-purge`, e.g. nightly from cron).
UPLOAD_HOURS = 4
# Client fields a "same person" row may fill when they are empty on file.
FILLABLE = (
    "given_names",
    "birth_date",
    "gender",
    "nationalities",
    "languages",
    "phone",
    "email",
    "street",
    "postcode",
    "city",
    "district_id",
    "abh_file_number",
    "consent_on",
)


@dataclass
class ReportRow:
    row: int
    outcome: str  # created / updated / skipped / error
    case_number: str = ""
    reason: str = ""


@dataclass
class Report:
    rows: list[ReportRow] = field(default_factory=list)
    batch_id: int | None = None

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)

    def to_json(self) -> str:
        return json.dumps([[r.row, r.outcome, r.case_number, r.reason] for r in self.rows], ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "Report":
        return cls([ReportRow(*item) for item in json.loads(text or "[]")])


OUTCOMES = {"created": _l("angelegt"), "updated": _l("ergänzt"), "skipped": _l("übersprungen"), "error": _l("Fehler")}


def _outcome_rows(plan: Plan) -> tuple[list[PlannedRow], Report]:
    report = Report()
    todo = []
    for row in plan.rows:
        if row.errors:
            report.rows.append(ReportRow(row.number, "error", reason="; ".join(row.errors)[:1000]))
        elif row.decision == "":
            report.rows.append(ReportRow(row.number, "skipped", reason=_("mögliche Dublette, nicht entschieden")))
        elif row.decision == "skip":
            report.rows.append(ReportRow(row.number, "skipped", reason=_("übersprungen (entschieden)")))
        elif row.decision == "same_row":
            report.rows.append(
                ReportRow(
                    row.number, "skipped", reason=_("dieselbe Person wie Zeile %(row)d", row=row.same_as_row or 0)
                )
            )
        else:
            todo.append(row)
    return todo, report


def run_import(plan: Plan, importer: Importer, source_name: str, *, dry_run: bool = False) -> Report:
    """Write the plan in the current transaction and commit it (or, for a dry run, roll it back)."""
    todo, report = _outcome_rows(plan)
    _merge_same_rows(plan)
    user_id = importer.user.id if importer.user else None
    label = source_name[:200]
    batch = ImportBatch(team_id=importer.team_id, created_by_id=user_id, source_name=label)
    db.session.add(batch)
    db.session.flush()
    done: list[tuple[PlannedRow, Client, str, list[str]]] = []
    fresh = [row for row in todo if not row.decision.startswith("same:")]
    done += [(row, client, "created", []) for row, client in zip(fresh, _new_files(fresh, user_id), strict=True)]
    for row in todo:
        if row.decision.startswith("same:"):
            found = _same_person(row, int(row.decision[5:]), importer)
            if found is None:
                report.rows.append(ReportRow(row.number, "skipped", reason=_("Akte nicht gefunden oder nicht erlaubt")))
                continue
            done.append((row, found[0], "updated", found[1]))
    added = _add_records([(row, client) for row, client, _action, _filled in done], user_id, label)
    items = []
    for (row, client, action, filled), records in zip(done, added, strict=True):
        items.append(
            ImportItem(
                batch_id=batch.id,
                client_id=client.id,
                case_number=client.case_number,
                action=action,
                filled=" ".join(filled),
                added=json.dumps(records),
            )
        )
        reason = _("Felder ergänzt: %(fields)s", fields=", ".join(filled)) if filled else ""
        report.rows.append(ReportRow(row.number, action, client.case_number, reason))
    db.session.add_all(items)
    db.session.flush()
    prints = fingerprints([i.client_id for i in items if i.client_id])
    for item in items:
        item.fingerprint = prints.get(item.client_id or 0, "")
    report.rows.sort(key=lambda r: r.row)
    batch.created_count, batch.updated_count = report.count("created"), report.count("updated")
    batch.skipped_count = report.count("skipped") + report.count("error")
    batch.report = report.to_json()
    report.batch_id = batch.id
    if dry_run:
        db.session.rollback()
        report.batch_id = None
        return report
    audit.record(
        "import.batch",
        "import_batch",
        batch.id,
        detail=f"created={batch.created_count}; updated={batch.updated_count}; skipped={batch.skipped_count}",
        user=importer.user,
    )
    created = [i.client_id for i in items if i.action == "created"]
    updated = [i.client_id for i in items if i.action == "updated"]
    audit.record_many("client.created", "client", created, detail=f"import_batch={batch.id}")
    audit.record_many("client.import_filled", "client", updated, detail=f"import_batch={batch.id}")
    db.session.commit()
    return report


def _merge_same_rows(plan: Plan) -> None:
    """A row decided "same person as row N" lends its values to row N where that row has none."""
    by_number = {r.number: r for r in plan.rows}
    for row in plan.rows:
        if row.decision != "same_row" or row.errors or row.same_as_row not in by_number:
            continue
        target = by_number[row.same_as_row]
        for key, value in row.client.items():
            if value not in (None, "") and target.client.get(key) in (None, ""):
                target.client[key] = value
        target.status = target.status or row.status
        target.consent = target.consent or row.consent
        target.follow_up = target.follow_up or row.follow_up
        target.note_lines.extend(_("Zeile %(row)d: %(text)s", row=row.number, text=line) for line in row.note_lines)


def _new_files(rows: list[PlannedRow], user_id: int | None) -> list[Client]:
    """New files the way intake makes them (case number from the counter, phase entry, search
    columns and duplicate keys), written together: one list is a thousand files."""
    today = local_today()
    clients = []
    for row, number in zip(rows, next_case_numbers(today.year, len(rows)), strict=True):
        names = search_columns(row.client["family_name"], row.client["given_names"], (), number)
        clients.append(
            Client(**row.client, **names, case_number=number, phase=1, phase_since=today, created_by_id=user_id)
        )
    db.session.add_all(clients)
    db.session.flush()
    db.session.add_all(PhaseEntry(client_id=c.id, phase=1, entered_on=today, entered_by_id=user_id) for c in clients)
    keys = [
        {"key": key, "client_id": c.id}
        for c in clients
        for key in sorted(name_keys(c.family_name, c.given_names, (), c.birth_date))
    ]
    for start in range(0, len(keys), 5000):
        db.session.execute(insert(ClientNameKey), keys[start : start + 5000])
    return clients


def _same_person(row: PlannedRow, client_id: int, importer: Importer) -> tuple[Client, list[str]] | None:
    """The file on record, with the fields this row filled; None if it is closed or not the
    importer's (a team lead: a file of the team's case managers or the team's district)."""
    client = db.session.get(Client, client_id)
    if client is None or client.closed or client.restricted:
        return None
    own = client.case_manager_id in {m.id for m in importer.managers} or (
        client.district_id is not None and client.district_id == importer.team_id
    )
    if not (importer.everyone or own):
        return None
    filled = []
    for key in FILLABLE:
        value = row.client.get(key)
        if value in (None, "") or getattr(client, key) not in (None, ""):
            continue
        setattr(client, key, value)
        if key == "birth_date":
            client.birth_date_approximate = bool(row.client.get("birth_date_approximate"))
        filled.append(key)
    if filled:
        client.version += 1
        if {"given_names", "birth_date"} & set(filled):
            refresh_search(client)
    return client, filled


def _add_records(done: list[tuple[PlannedRow, Client]], user_id: int | None, label: str) -> list[dict[str, list[int]]]:
    """Each row's status record (with its deadlines), consent, follow-up and intake note; the
    ids added per row, for undo."""
    records: list[dict[str, Any]] = []
    now = utcnow()
    for row, client in done:
        author = user_id or client.case_manager_id
        made: dict[str, Any] = {}
        if row.status:
            made["residence_status"] = ResidenceStatus(client_id=client.id, created_by_id=author, **row.status)
        if row.consent:
            made["consent"] = Consent(client_id=client.id, created_by_id=author, **row.consent)
        if row.follow_up:
            made["follow_up"] = FollowUp(
                client_id=client.id, assignee_id=client.case_manager_id, created_by_id=author, **row.follow_up
            )
        lines = [_("Aus Liste „%(name)s“ übernommen (Zeile %(row)d).", name=label, row=row.number), *row.note_lines]
        note = ContactNote(
            client_id=client.id,
            author_id=author,
            occurred_at=now,
            kind="other",
            text="\n".join(lines),
            created_at=now,
            updated_at=now,
        )
        snapshot(note, "created", author)
        made["contact_note"] = note
        db.session.add_all(made.values())
        records.append(made)
    db.session.flush()
    added = [{table: [record.id] for table, record in made.items()} for made in records]
    with_status = [client.id for (_row, client), made in zip(done, records, strict=True) if "residence_status" in made]
    # The rows are written; let go of them: the deadlines' DELETE looks through every object the
    # session holds, and reads the status records anew.
    _let_go()
    refresh_deadlines_many(with_status)
    _let_go()
    return added


def _let_go() -> None:
    for obj in list(db.session.identity_map.values()):
        # (expunging a note takes its revisions along: cascade)
        if isinstance(obj, _WRITTEN) and obj in db.session:
            db.session.expunge(obj)


_WRITTEN = (Client, PhaseEntry, ResidenceStatus, Consent, FollowUp, ContactNote, ContactNoteRevision)


def _client_tables():
    """Every table with a client_id column that points at client (the parts of a file), except
    the import's own."""
    for table in db.metadata.sorted_tables:
        column = table.c.get("client_id")
        if column is None or table.name == "import_item":
            continue
        if any(fk.column.table.name == "client" for fk in column.foreign_keys):
            yield table, column


def fingerprints(client_ids: list[int]) -> dict[int, str]:
    """A short hash per file of what a change would move: the file's versions, phase, case
    manager, restriction, and per part of the file the number of rows and the sum of versions."""
    if not client_ids:
        return {}
    parts: dict[int, list[str]] = {cid: [] for cid in client_ids}
    for chunk in chunks(client_ids):
        for row in db.session.execute(
            select(
                Client.id,
                Client.version,
                Client.household_version,
                Client.phase,
                Client.case_manager_id,
                Client.restricted,
                Client.family_name,
                Client.given_names,
            ).where(Client.id.in_(chunk))
        ):
            parts[row.id].append("|".join(map(str, row)))
        for table, column in _client_tables():
            version = table.c.get("version")
            measures = [func.count()] + ([func.coalesce(func.sum(version), 0)] if version is not None else [])
            for row in db.session.execute(select(column, *measures).where(column.in_(chunk)).group_by(column)):
                parts[row[0]].append(f"{table.name}:{':'.join(str(v) for v in row[1:])}")
    return {cid: hashlib.sha256("\n".join(sorted(p)).encode()).hexdigest() for cid, p in parts.items()}


class UndoRefused(Exception):
    def __init__(self, message: str, case_numbers: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.case_numbers = case_numbers or []


def undo_deadline(batch: ImportBatch) -> datetime:
    return batch.created_at + timedelta(days=UNDO_DAYS)


def undo_batch(batch: ImportBatch, user: User | None) -> int:
    """Remove what the batch created and empty what it filled; UndoRefused if too late, done
    already, or any of its files changed since (naming them). Commits."""
    if batch.undone_at is not None:
        raise UndoRefused(_("Dieser Import wurde bereits rückgängig gemacht."))
    if utcnow() > undo_deadline(batch):
        raise UndoRefused(_("Ein Import kann nur %(days)d Tage lang rückgängig gemacht werden.", days=UNDO_DAYS))
    items = [i for i in batch.items if i.client_id is not None]
    now = fingerprints([i.client_id for i in items if i.client_id])
    changed = sorted(i.case_number for i in items if now.get(i.client_id or 0) != i.fingerprint)
    gone = sorted(i.case_number for i in batch.items if i.client_id is None)
    if changed or gone:
        raise UndoRefused(
            _(
                "Diese Akten wurden seit dem Import geändert (oder gelöscht); der Import kann nicht rückgängig gemacht werden:"
            ),
            changed + gone,
        )
    created = [i.client_id for i in items if i.action == "created"]
    for item in items:
        if item.action == "updated":
            _empty_again(item)
    for chunk in chunks([c for c in created if c is not None]):
        db.session.execute(update(ImportItem).where(ImportItem.client_id.in_(chunk)).values(client_id=None))
        db.session.execute(delete(Client).where(Client.id.in_(chunk)))
    batch.undone_at = utcnow()
    batch.undone_by_id = user.id if user else None
    audit.record(
        "import.undone",
        "import_batch",
        batch.id,
        detail=f"removed={len(created)}; emptied={len(items) - len(created)}",
        user=user,
    )
    audit.record_many("client.import_undone", "client", [i.client_id for i in items], detail=f"import_batch={batch.id}")
    db.session.commit()
    return len(items)


_MODELS: dict[str, Any] = {
    "residence_status": ResidenceStatus,
    "consent": Consent,
    "follow_up": FollowUp,
    "contact_note": ContactNote,
}


def _empty_again(item: ImportItem) -> None:
    client = db.session.get(Client, item.client_id)
    if client is None:
        return
    for table, ids in json.loads(item.added or "{}").items():
        model = _MODELS.get(table)
        if model is not None and ids:
            if model is ContactNote:
                for note in db.session.scalars(select(ContactNote).where(ContactNote.id.in_(ids))):
                    db.session.delete(note)
            else:
                db.session.execute(delete(model).where(model.id.in_(ids)))
    filled = item.filled.split()
    for key in filled:
        setattr(client, key, "" if key in ("nationalities", "languages") else None)
        if key == "birth_date":
            client.birth_date_approximate = False
    if filled:
        client.version += 1
        refresh_search(client)
    refresh_deadlines(client.id)


REPORT_HEADER = ("Zeile", "Ergebnis", "Aktenzeichen", "Grund")


def purge_expired() -> int:
    """Delete uploads older than UPLOAD_HOURS (the caller commits); returns how many."""
    result = db.session.execute(
        delete(ImportUpload).where(ImportUpload.created_at < utcnow() - timedelta(hours=UPLOAD_HOURS))
    )
    return int(getattr(result, "rowcount", 0) or 0)


def report_table_rows(report: Report) -> list[list[str | int]]:
    return [[r.row, str(OUTCOMES.get(r.outcome, r.outcome)), r.case_number, r.reason] for r in report.rows]


def format_deadline(batch: ImportBatch) -> str:
    return format_date(undo_deadline(batch))
