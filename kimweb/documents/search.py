"""Searching the documents' text (title, text layer, OCR) beside the notes: within one file, or a
team lead's files; the same rules as the note search (kimweb/notes/search.py): every folded word
must occur, confidential documents only for their uploader and the file's case manager, deleted
and replaced versions left out. The trigram index of migration 0010 narrows the candidates."""

from flask_login import current_user
from sqlalchemy import or_, text
from sqlalchemy.orm import selectinload

from .. import audit
from ..clients.access import audit_shown, visible_clients
from ..clients.models import Client
from ..directory.search.vocabulary import query_words
from ..extensions import db
from .access import readable
from .models import Document
from .queries import current_versions

MAX_HITS = 25
MAX_CANDIDATES = 1000
TRIGRAM = 3


def search_hits(subject: tuple[Client | None, str]) -> list[tuple[Document, Client]]:
    """The documents part of a note search: (the file, or None for the user's files; the query).
    A search across files is audited like the team's note search (hit count, never the words), and
    every file whose documents it shows gets its "client.opened" row (kimweb.clients.access)."""
    client, query = subject
    words = query_words(query)
    if not words:
        return []
    if client is not None:
        audit_shown([client.id])
        return [(document, client) for document in search_client_documents(client, words)]
    hits = search_team_documents(current_user, words)
    audit_shown({client.id for _document, client in hits})
    audit.record("document.team_search", "team", current_user.team_id, detail=f"hits={len(hits)}")
    return hits


def search_client_documents(client: Client, words: list[str], limit: int = MAX_HITS) -> list[Document]:
    query = _matching(words).where(Document.client_id == client.id, readable(client))
    return list(db.session.scalars(query.options(selectinload(Document.type)).limit(limit)))


def search_team_documents(user, words: list[str], limit: int = MAX_HITS) -> list[tuple[Document, Client]]:
    files = db.session.execute(visible_clients(user).with_only_columns(Client.id, Client.case_manager_id)).all()
    if not files:
        return []
    managed = [client_id for client_id, manager_id in files if manager_id == user.id]
    may_read = or_(
        Document.confidential.is_(False), Document.uploaded_by_id == user.id, Document.client_id.in_(managed)
    )
    query = (
        _matching(words)
        .add_columns(Client)
        .join(Client, Client.id == Document.client_id)
        .where(Document.client_id.in_([client_id for client_id, _ in files]), may_read)
        .options(selectinload(Document.type))
        .limit(limit)
    )
    return [(document, client) for document, client in db.session.execute(query)]


def _matching(words: list[str]):
    # fold() leaves letters and digits only: no LIKE wildcard can come from a query.
    query = current_versions(None).where(*(Document.search_text.like(f"%{word}%") for word in words))
    candidates = _few_candidates(words)
    if candidates is not None:
        query = query.where(Document.id.in_(candidates))
    return query.order_by(Document.uploaded_at.desc(), Document.id.desc())


def _few_candidates(words: list[str]) -> list[int] | None:
    """SQLite: the documents whose three-letter pieces the FTS5 index finds, if few. (PostgreSQL
    uses its trigram index for the LIKE by itself.)"""
    words = [word for word in words if len(word) >= TRIGRAM]
    if not words or db.session.get_bind().dialect.name != "sqlite":
        return None
    pieces = sorted({word[i : i + TRIGRAM] for word in words for i in range(len(word) - TRIGRAM + 1)})
    statement = text("SELECT rowid FROM document_search WHERE document_search MATCH :pieces LIMIT :n")
    ids = db.session.scalars(statement, {"pieces": " ".join(f'"{p}"' for p in pieces), "n": MAX_CANDIDATES + 1}).all()
    return list(ids) if len(ids) <= MAX_CANDIDATES else None
