"""Anonymisation that keeps the statistics (Art. 17 GDPR, § 84 SGB X).

Every text column of every table of the file is blanked unless it is listed in KEEP (codes the
reports count: phases, status groups, life areas, outcomes...), so a text column added later is
blanked by default. Names, contact data, street, file numbers, free text, household names and note
texts go; documents are deleted with their stored files; search keys and drafts are deleted, and
the SQLite full-text indexes are optimised so no trace stays in them.
"""

import json
from datetime import date
from pathlib import Path

from flask import current_app
from sqlalchemy import Table, delete, func, select, text, update

from ..clients.models import Client, ClientNameKey
from ..documents.models import Document
from ..documents.storage import is_key, store
from ..extensions import db
from ..notes.models import NoteDraft
from ..timeutil import utcnow
from .models import PrivacyErasure
from .records import client_tables

# Columns with codes or counts the statistics need; everything else of type text is blanked.
KEEP = {
    "client": {"gender", "nationalities", "languages", "interpreter_language", "postcode", "city", "access_route"}
    | {"consent_language", "closure_reason"},
    "assessment": {"need"},
    "consent": {"purposes", "data_scope", "explained_language"},
    "goal": {"status", "attainment"},
    "household_member": {"relation"},
    "id_sighting": {"kind"},
    "phase_entry": {"closure_reason"},
    "privacy_erasure": {"reason_code"},
    "residence_status": {"status_type", "legal_basis", "employment_permitted"},
    "visit": {"state", "language", "interpreter"},
    "client_deadline": {"kind"},
    "contact_note": {"kind"},
    "deadline_confirmation": {"kind"},
    "measure": {"responsible"},
    "referral": {"service_name", "organization_name", "urgency", "channel", "data_scope", "status"},
    "contact_note_revision": {"action", "kind", "life_area_labels"},
    "disclosure": {"organization_name", "data_scope", "channel"},
    "note_letter": {"decision_kind", "status"},
    "referral_event": {"status"},
    "appointment": {"kind", "place", "state", "interpreter_language", "interpreter_kind"},
    "interpreter_request": {"language", "kind", "state"},
}
ANONYMOUS = "Anonymisiert"


def _blank(table: Table, column) -> object:
    if column.nullable:
        return None
    return ANONYMOUS if (table.name, column.name) == ("client", "family_name") else ""


def anonymise(client: Client) -> None:
    """Anonymise the file now (the caller checked holds and records the erasure); flushes."""
    _delete_documents(client.id)
    db.session.execute(delete(NoteDraft).where(NoteDraft.client_id == client.id))
    db.session.execute(delete(ClientNameKey).where(ClientNameKey.client_id == client.id))
    db.session.flush()
    for table in client_tables():
        owner = owner_condition(table, client.id)
        if owner is None:
            continue
        keep = KEEP.get(table.name, set())
        values = {
            column.name: _blank(table, column)
            for column in table.c
            if isinstance(column.type, db.String)
            and not column.foreign_keys
            and not column.primary_key
            and column.name not in keep
        }
        if values:
            db.session.execute(update(table).where(owner).values(**values))
    birth = client.birth_date
    db.session.execute(
        update(Client)
        .where(Client.id == client.id)
        .values(
            case_number=f"ANON-{client.id}",
            birth_date=date(birth.year, 1, 1) if birth else None,
            birth_date_approximate=True,
            birth_date_precision="year",
            sort_name=ANONYMOUS,
            restricted=False,
        )
    )
    db.session.flush()
    db.session.expire(client)
    _optimise_search_indexes()


def owner_condition(table: Table, client_id: int):
    """The WHERE that picks the person's rows of `table` (directly by client_id, or through the
    parent row: a note's revisions, a goal's measures)."""
    if table.name == "client":
        return table.c.id == client_id
    if "client_id" in table.c:
        return table.c.client_id == client_id
    for fk in table.foreign_keys:
        parent = fk.column.table
        if parent.name != table.name:
            inner = owner_condition(parent, client_id)
            if inner is not None:
                return fk.parent.in_(select(fk.column).where(inner))
    return None


def _delete_documents(client_id: int) -> None:
    """The person's documents and their stored files (unless another document holds the same file)."""
    documents = db.session.scalars(select(Document).where(Document.client_id == client_id)).all()
    keys = {key for d in documents for key in (d.sha256, d.thumbnail_sha256) if key}
    ids = [d.id for d in documents]
    if not ids:
        return
    disclosure_document = db.metadata.tables["disclosure_document"]
    db.session.execute(delete(disclosure_document).where(disclosure_document.c.document_id.in_(ids)))
    db.session.execute(update(Document).where(Document.previous_id.in_(ids)).values(previous_id=None))
    db.session.execute(delete(Document).where(Document.id.in_(ids)))
    db.session.flush()
    storage = store()
    for key in keys:
        shared = db.session.scalar(
            select(func.count()).where((Document.sha256 == key) | (Document.thumbnail_sha256 == key))
        )
        if not shared and is_key(key) and storage.exists(key):
            storage.path(key).chmod(0o640)
            storage.remove(key)


def _optimise_search_indexes() -> None:
    """FTS5 keeps old tokens in its segments until they are merged: merge them now."""
    if db.engine.dialect.name == "sqlite":
        for index in ("contact_note_search", "document_search"):
            db.session.execute(text(f"INSERT INTO {index}({index}) VALUES ('optimize')"))


def is_anonymised(client_id: int) -> bool:
    return (
        db.session.scalar(
            select(PrivacyErasure.id).where(
                PrivacyErasure.client_id == client_id, PrivacyErasure.anonymised_at.is_not(None)
            )
        )
        is not None
    )


def ledger_path() -> Path:
    return Path(current_app.config["PRIVACY_ERASURE_LEDGER"])


def record_in_ledger(erasure: PrivacyErasure) -> None:
    """The erasure outside the database too (ids and codes only), so `flask retention reapply`
    finds it after a restore from a backup made before it."""
    path = ledger_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    entry = {
        "client_id": erasure.client_id,
        "reason_code": erasure.reason_code,
        "at": (erasure.anonymised_at or utcnow()).isoformat(),
    }
    with open(path, "a", encoding="utf-8") as ledger:
        ledger.write(json.dumps(entry) + "\n")


def ledger_entries() -> list[dict]:
    path = ledger_path()
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
