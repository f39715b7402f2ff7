"""Rebuilding every note's search keys (migration 0021 and `flask notes reindex`), in chunks."""

from sqlalchemy import bindparam, select, update

from ..directory.models import Organization
from ..textfold import fold
from .models import ContactNote, note_organization
from .search_keys import text_keys

_CHUNK = 500


def reindex_notes(connection, *, stems: bool = True) -> int:
    """Rebuild every note's search text on `connection`; with stems=False the plain folded text
    of before the stems (a downgrade). Returns how many notes."""
    names: dict[int, list[str]] = {}
    for note_id, name in connection.execute(
        select(note_organization.c.note_id, Organization.name).join(
            Organization, Organization.id == note_organization.c.organization_id
        )
    ):
        names.setdefault(note_id, []).append(name)
    count, last = 0, 0
    while True:
        rows = connection.execute(
            select(ContactNote.id, ContactNote.text, ContactNote.participants_text)
            .where(ContactNote.id > last)
            .order_by(ContactNote.id)
            .limit(_CHUNK)
        ).all()
        if not rows:
            return count
        values = []
        for note_id, text, participants in rows:
            parts = [text or "", participants or "", *sorted(names.get(note_id, []))]
            values.append({"note": note_id, "keys": text_keys(*parts) if stems else fold(" ".join(parts))})
        statement = update(ContactNote).where(ContactNote.id == bindparam("note")).values(search_text=bindparam("keys"))
        connection.execute(statement, values)  # one executemany per chunk
        count += len(rows)
        last = rows[-1][0]
