"""Full-text search over notes: within one client's notes, or (team leads) over every file the user
may open. Every word of the query (folded: "Mueller" finds "Müller") must occur in the note's
folded text, participants or agencies."""

from sqlalchemy import or_, select

from ..clients.access import visible_clients
from ..clients.models import Client
from ..extensions import db
from ..search import query_words
from .access import readable
from .models import ENTRY_LOADS, ContactNote

# Like a timeline page: enough to find the note, cheap to render.
MAX_HITS = 25


def search_client_notes(client: Client, query: str, limit: int = MAX_HITS) -> list[ContactNote]:
    words = query_words(query)
    if not words:
        return []
    # Only notes whose content the user may read: a hit in a confidential note would tell.
    statement = select(ContactNote).where(ContactNote.client_id == client.id, ContactNote.deleted_at.is_(None),
                                          readable(client))
    for word in words:
        # fold() leaves letters, digits and single spaces: no LIKE wildcard can come from a query.
        statement = statement.where(ContactNote.search_text.like(f"%{word}%"))
    statement = (statement.order_by(ContactNote.occurred_at.desc(), ContactNote.id.desc()).limit(limit)
                 .options(*ENTRY_LOADS))
    return list(db.session.scalars(statement))


def search_team_notes(user, query: str, limit: int = MAX_HITS) -> list[tuple[ContactNote, Client]]:
    """Hits across the files `user` may open, newest first; confidential notes only where the user
    wrote them or is the client's case manager."""
    words = query_words(query)
    if not words:
        return []
    # The visible files first, as a plain id list: the notes are then read through the
    # (client_id, occurred_at) index instead of scanning every note in the city.
    client_ids = db.session.scalars(visible_clients(user).with_only_columns(Client.id)).all()
    if not client_ids:
        return []
    statement = (select(ContactNote, Client).join(Client, Client.id == ContactNote.client_id)
                 .where(ContactNote.client_id.in_(client_ids), ContactNote.deleted_at.is_(None),
                        or_(ContactNote.confidential.is_(False), ContactNote.author_id == user.id,
                            Client.case_manager_id == user.id)))
    for word in words:
        statement = statement.where(ContactNote.search_text.like(f"%{word}%"))
    statement = statement.order_by(ContactNote.occurred_at.desc(), ContactNote.id.desc()).limit(limit)
    return [(note, client) for note, client in db.session.execute(statement.options(*ENTRY_LOADS))]
