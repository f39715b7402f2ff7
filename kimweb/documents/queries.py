"""What the case file shows of its documents: the current versions with their previews, identity
documents seen, and validity dates among what is due."""

import base64
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from flask_login import current_user
from sqlalchemy import exists, select
from sqlalchemy.orm import aliased, selectinload

from ..clients.models import Client
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


def current_versions(client_id: int | None):
    """The documents of a file (None: of any file) that no later upload replaces, deleted ones left out."""
    newer = aliased(Document)
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


def due_context(client: Client) -> list[Due]:
    """Validity ending within DUE_WITHIN (or ended) of current documents and of identity documents
    seen (the latest sighting of each kind): for the case file's header."""
    today = local_today()
    horizon = today + DUE_WITHIN
    found: list[Due] = []
    for document in db.session.scalars(
        current_versions(client.id)
        .where(Document.valid_until.is_not(None), Document.valid_until <= horizon)
        .options(selectinload(Document.type))
    ):
        label = document.title if can_read(document, client, current_user) else document.type.label
        found.append(Due(label, document.valid_until, f"document-{document.id}"))
    latest: dict[str, IdSighting] = {}
    for sighting in db.session.scalars(
        select(IdSighting).where(IdSighting.client_id == client.id).order_by(IdSighting.seen_on, IdSighting.id)
    ):
        latest[sighting.kind] = sighting
    for sighting in latest.values():
        if sighting.valid_until and sighting.valid_until <= horizon:
            found.append(
                Due(str(ID_KINDS.get(sighting.kind, sighting.kind)), sighting.valid_until, "section-documents")
            )
    return sorted(found, key=lambda due: due.valid_until)


def types_for_upload() -> list[DocumentType]:
    return list(db.session.scalars(select(DocumentType).where(DocumentType.active).order_by(DocumentType.sort_order)))


def max_megabytes() -> int:
    return int(current_app.config["DOCUMENTS_MAX_BYTES"]) // (1024 * 1024)
