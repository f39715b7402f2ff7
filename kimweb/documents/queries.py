"""What the case file shows of its documents: the current versions with their previews, identity
documents seen, and validity dates among what is due."""

import base64
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from flask import current_app, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import String, bindparam, exists, false, literal_column, select, union_all
from sqlalchemy.orm import aliased, selectinload

from ..clients.models import Client
from ..contributions import DueItem
from ..extensions import db
from ..security import has_permission
from ..timeutil import local_today
from .access import can_read
from .choices import ID_KINDS
from .models import TEXT_PENDING, Document, DocumentType, IdSighting
from .reading import ocr_available, schedule, stale_pending
from .storage import is_key, store

# Validity dates this close (or past) show in the file's header.
DUE_WITHIN = timedelta(days=60)
SHOWN = 100


# Built once: making an alias is costly, and the file's first screen asks on every opening.
_NEWER = aliased(Document)


def current_versions(client_id: int | None):
    """The documents of a file (None: of any file) that no later upload replaces, deleted ones left out."""
    newer = _NEWER
    query = select(Document).where(
        Document.deleted_at.is_(None),
        ~exists().where(newer.previous_id == Document.id, newer.deleted_at.is_(None)),
    )
    return query if client_id is None else query.where(Document.client_id == client_id)


@dataclass(frozen=True)
class Row:
    document: Document
    readable: bool
    preview: str | None  # a data: URL (no request of its own, so not one audit row per picture)


def file_context(client: Client) -> dict:
    documents = db.session.scalars(
        current_versions(client.id)
        .options(selectinload(Document.type), selectinload(Document.uploaded_by))
        .order_by(Document.document_date.desc().nulls_last(), Document.uploaded_at.desc(), Document.id.desc())
        .limit(SHOWN)
    ).all()
    rows = [Row(d, can_read(d, client), _preview(d) if can_read(d, client) else None) for d in documents]
    if any(d.text_status == TEXT_PENDING for d in documents):
        # Readers that ended with their process: start them again.
        for document_id in stale_pending(client.id):
            schedule(document_id)
    sightings = db.session.scalars(
        select(IdSighting)
        .where(IdSighting.client_id == client.id)
        .options(selectinload(IdSighting.seen_by))
        .order_by(IdSighting.seen_on.desc(), IdSighting.id.desc())
    ).all()
    return {
        "rows": rows,
        "sightings": sightings,
        "ocr": ocr_available(),
        "may_write": has_permission("document.write") and not client.closed,
        "today": local_today(),
    }


def _preview(document: Document) -> str | None:
    if not document.thumbnail_sha256 or not is_key(document.thumbnail_sha256):
        return None
    path = store().path(document.thumbnail_sha256)
    if not path.is_file():
        return None
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


@dataclass(frozen=True)
class Due:
    label: str
    valid_until: date
    anchor: str


@cache
def _due_statement():
    documents = (
        current_versions(None)
        .join(DocumentType, DocumentType.id == Document.type_id)
        .where(
            Document.client_id == bindparam("client_id"),
            Document.valid_until.is_not(None),
            Document.valid_until <= bindparam("horizon"),
        )
        .with_only_columns(
            literal_column("'document'", String).label("source"),
            Document.id,
            Document.title,
            DocumentType.label,
            Document.valid_until,
            Document.confidential,
            Document.uploaded_by_id,
            Document.valid_until.label("seen"),
        )
    )
    sightings = select(
        literal_column("'sighting'", String),
        IdSighting.id,
        IdSighting.kind,
        IdSighting.kind,
        IdSighting.valid_until,
        false(),
        IdSighting.seen_by_id,
        IdSighting.seen_on,
    ).where(IdSighting.client_id == bindparam("client_id"))
    return union_all(documents, sightings)


def due_context(client: Client) -> list[Due]:
    """Validity ending within DUE_WITHIN (or ended) of current documents and of identity documents
    seen (the latest sighting of each kind): for the case file's header. One statement (the file's
    first screen counts its queries): the documents and the sightings as one UNION ALL, built once
    (building it costs more than running it) with the file and the day as bound parameters."""
    today = local_today()
    horizon = today + DUE_WITHIN
    found: list[Due] = []
    latest: dict[str, Any] = {}
    rows: list[Any] = list(db.session.execute(_due_statement(), {"client_id": client.id, "horizon": horizon}))
    for source, row_id, title, type_label, valid_until, confidential, uploaded_by_id, _seen in rows:
        if source == "document":
            may_read = not confidential or current_user.id in (uploaded_by_id, client.case_manager_id)
            found.append(Due(title if may_read else type_label, valid_until, f"document-{row_id}"))
    sighted = [row for row in rows if row[0] == "sighting"]
    for row in sorted(sighted, key=lambda row: (row[7], row[1])):
        latest[row[2]] = row
    for row in latest.values():
        if row[4] and row[4] <= horizon:
            found.append(Due(str(ID_KINDS.get(row[2], row[2])), row[4], "section-documents"))
    return sorted(found, key=lambda due: due.valid_until)


def types_for_upload() -> list[DocumentType]:
    return list(db.session.scalars(select(DocumentType).where(DocumentType.active).order_by(DocumentType.sort_order)))


def max_megabytes() -> int:
    return int(current_app.config["DOCUMENTS_MAX_BYTES"]) // (1024 * 1024)


def due_items(client: Client) -> list[DueItem]:
    """The same validities as the file's due items (kimweb.contributions.CLIENT_DUE)."""
    return [
        DueItem(
            due.valid_until,
            _("Gültigkeit"),
            due.label,
            url_for("clients.section", client_id=client.id, name="documents", _anchor=due.anchor),
            "overdue" if due.valid_until < local_today() else "",
            _("gültig bis %(date)s", date=due.valid_until.strftime("%d.%m.%Y")),
        )
        for due in due_context(client)
    ]
