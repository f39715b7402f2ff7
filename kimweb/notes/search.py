"""Full-text search over notes: within one client's notes, or (team leads) over every file the user
may open. Every word of the query (folded and stemmed: "Mueller" finds "Müller", "Termine" finds
"Termin", "Kontoauszug" finds "Kontoauszüge") must occur in the note's text, participants or
agencies, also inside a longer word ("therapie" finds "Traumatherapie"). Only a note's current
text counts: neither old revisions nor deleted notes. The keys of both sides come from one place,
kimweb.notes.search_keys.

The words are always checked with LIKE on the keys (ContactNote.search_text); a trigram
index (migration 0007: FTS5 on SQLite, pg_trgm on PostgreSQL) narrows down the notes to check.
PostgreSQL's planner knows how common a word is, and for one file it chooses well by itself.
Otherwise the index is asked first for the notes, in any file, that contain every word: if there
are few, only those are checked. If there are many, the words are common, and reading the files'
notes newest first fills the page soon: SQLite leaves each file as soon as its notes are older
than the page so far; PostgreSQL cannot, so it reads the newest notes of the database first, then
file by file. At worst (words common elsewhere, rare in these files) the files' notes are all read
once, never the whole table.
"""

from sqlalchemy import ARRAY, Integer, func, literal, or_, select, text, true
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.sql.util import ClauseAdapter

from ..clients.access import visible_clients
from ..clients.models import Client
from ..extensions import db
from .access import readable
from .models import ContactNote
from .search_keys import query_keys
from .timeline import NEWEST_FIRST, notes_in_order

# Like a timeline page: enough to find the note, cheap to render.
MAX_HITS = 25
# At most this many notes found by the index are checked one by one (a few milliseconds).
MAX_CANDIDATES = 1000
# PostgreSQL, many files: the newest notes of the database read before going file by file.
RECENT = 5000
TRIGRAM = 3


def search_client_notes(client: Client, query: str, limit: int = MAX_HITS) -> list[ContactNote]:
    words = query_keys(query)
    if not words:
        return []
    # Only notes whose content the user may read: a hit in a confidential note would tell.
    return notes_in_order(_newest_matching(words, limit, [client.id], readable(client)))


def search_team_notes(user, query: str, limit: int = MAX_HITS) -> list[tuple[ContactNote, Client]]:
    """Hits across the files `user` may open, newest first; confidential notes only where the user
    wrote them or is the client's case manager."""
    words = query_keys(query)
    if not words:
        return []
    # The visible files first, as a plain id list: the notes are then read through an index
    # instead of joining every note in the city to its file.
    files = db.session.execute(visible_clients(user).with_only_columns(Client.id, Client.case_manager_id)).all()
    if not files:
        return []
    managed = [client_id for client_id, manager_id in files if manager_id == user.id]
    may_read = or_(
        ContactNote.confidential.is_(False), ContactNote.author_id == user.id, ContactNote.client_id.in_(managed)
    )
    ids = _newest_matching(words, limit, [client_id for client_id, _ in files], may_read)
    if not ids:
        return []
    # A hit shows its file, date, kind, author and text: nothing else is loaded.
    hits = {
        note.id: (note, client)
        for note, client in db.session.execute(
            select(ContactNote, Client)
            .join(Client, Client.id == ContactNote.client_id)
            .where(ContactNote.id.in_(ids))
            .options(joinedload(ContactNote.author), selectinload(ContactNote.organizations))
        )
    }
    return [hits[i] for i in ids]


def _newest_matching(words: list[str], limit: int, file_ids: list[int], may_read) -> list[int]:
    """The ids of the newest notes of these files that contain every word (not deleted, readable)."""
    # Keys hold only letters and digits: no LIKE wildcard can come from a query.
    matching = [
        ContactNote.deleted_at.is_(None),
        may_read,
        *(ContactNote.search_text.like(f"%{word}%") for word in words),
    ]
    in_files = ContactNote.client_id.in_(file_ids)
    postgresql = _dialect() == "postgresql"
    # PostgreSQL plans one file well by itself: the trigram index for rare words, else the file's
    # notes newest first.
    if not (postgresql and len(file_ids) == 1):
        candidates = _few_candidates(words)
        if candidates is not None:
            return _newest(limit, in_files, ContactNote.id.in_(candidates), *matching)
    if postgresql and len(file_ids) > 1:
        return _newest_in_many_files(limit, file_ids, matching)
    return _newest(limit, in_files, *matching)


def _newest(limit: int, *conditions) -> list[int]:
    return list(db.session.scalars(select(ContactNote.id).where(*conditions).order_by(*NEWEST_FIRST).limit(limit)))


def _few_candidates(words: list[str]) -> list[int] | None:
    """The ids of the notes, in any file, that the index finds for the words (the notes holding
    each of their three-letter pieces, deleted ones included), if at most MAX_CANDIDATES."""
    words = [word for word in words if len(word) >= TRIGRAM]
    if not words:
        return None  # words of one or two letters: the index has nothing to say about them
    if _dialect() == "sqlite":
        pieces = sorted({word[i : i + TRIGRAM] for word in words for i in range(len(word) - TRIGRAM + 1)})
        # Each piece a quoted string, all of them required (folded words hold no quotes).
        statement = text("SELECT rowid FROM contact_note_search WHERE contact_note_search MATCH :pieces LIMIT :n")
        found = db.session.scalars(statement, {"pieces": " ".join(f'"{p}"' for p in pieces), "n": MAX_CANDIDATES + 1})
    else:
        found = db.session.scalars(
            select(ContactNote.id)
            .where(ContactNote.deleted_at.is_(None), *(ContactNote.search_text.like(f"%{word}%") for word in words))
            .limit(MAX_CANDIDATES + 1)
        )
    ids = list(found)
    return ids if len(ids) <= MAX_CANDIDATES else None


def _newest_in_many_files(limit: int, file_ids: list[int], matching: list) -> list[int]:
    """PostgreSQL: among the newest RECENT notes of the database first (through the index on
    occurred_at, stopping at a full page; enough while the words are common in these files), then
    each file's notes newest first (LATERAL: through the timeline index, leaving a file at a full
    page)."""
    in_files = ContactNote.client_id.in_(file_ids)
    recent = select(ContactNote.__table__).order_by(*NEWEST_FIRST).limit(RECENT).subquery("recent")
    among_recent = ClauseAdapter(recent).traverse
    ids = list(
        db.session.scalars(
            select(recent.c.id)
            .where(*(among_recent(c) for c in (in_files, *matching)))
            .order_by(recent.c.occurred_at.desc(), recent.c.id.desc())
            .limit(limit)
        )
    )
    if len(ids) == limit:  # the newest hits of all: any other is older than every recent note
        return ids
    file = func.unnest(literal(file_ids, ARRAY(Integer))).table_valued("id").render_derived(name="file")
    per_file = (
        select(ContactNote.id, ContactNote.occurred_at)
        .where(ContactNote.client_id == file.c.id, *matching)
        .order_by(*NEWEST_FIRST)
        .limit(limit)
        .lateral()
    )
    return list(
        db.session.scalars(
            select(per_file.c.id)
            .select_from(file)
            .join(per_file, true())
            .order_by(per_file.c.occurred_at.desc(), per_file.c.id.desc())
            .limit(limit)
        )
    )


def _dialect() -> str:
    return db.session.get_bind().dialect.name
