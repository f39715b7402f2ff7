"""The timeline of one client's notes: newest first, filtered, read page by page (keyset)."""

from dataclasses import dataclass, field
from datetime import date

from flask_login import current_user
from sqlalchemy import exists, select, tuple_

from ..clients.models import Client
from ..extensions import db
from ..fields import parse_id
from ..timeutil import to_local
from .access import can_read, readable
from .choices import KINDS
from .models import ENTRY_LOADS, ContactNote, note_life_area, note_organization

PAGE_SIZE = 25
NEWEST_FIRST = (ContactNote.occurred_at.desc(), ContactNote.id.desc())


@dataclass(frozen=True)
class Filters:
    """Ids and codes only: they may travel in URLs (no words, no names)."""

    kind: str = ""
    life_area_id: int | None = None
    organization_id: int | None = None
    author_id: int | None = None

    @classmethod
    def from_args(cls, args) -> "Filters":
        def number(name):
            value = args.get(name, "")
            return parse_id(value)

        kind = args.get("art", "")
        return cls(
            kind=kind if kind in KINDS else "",
            life_area_id=number("feld"),
            organization_id=number("stelle"),
            author_id=number("von"),
        )

    def as_args(self) -> dict:
        args = {"art": self.kind, "feld": self.life_area_id, "stelle": self.organization_id, "von": self.author_id}
        return {k: v for k, v in args.items() if v}

    @property
    def by_content(self) -> bool:
        return bool(self.kind or self.life_area_id or self.organization_id)


@dataclass
class Entry:
    note: ContactNote
    readable: bool
    day: date
    new_day: bool


@dataclass
class Page:
    entries: list[Entry] = field(default_factory=list)
    next_before: int | None = None  # the id of the last note shown, when there are more
    last_day: date | None = None


def load_page(
    client: Client,
    filters: Filters,
    before: ContactNote | None = None,
    previous_day: date | None = None,
    size: int = PAGE_SIZE,
) -> Page:
    # The page's ids first, from the timeline index alone; then its notes with what they show.
    # One query doing both is planned by what PostgreSQL knows of the table: without fresh
    # statistics it joins all of a client's notes before it sorts them.
    query = select(ContactNote.id).where(ContactNote.client_id == client.id)
    if filters.by_content:
        # Type, agency and life area are part of the content: a filter on them must not reveal
        # them for a confidential note the user may not read.
        query = query.where(readable(client))
    if filters.kind:
        query = query.where(ContactNote.kind == filters.kind)
    if filters.author_id:
        query = query.where(ContactNote.author_id == filters.author_id)
    if filters.life_area_id:
        query = query.where(
            exists().where(
                note_life_area.c.note_id == ContactNote.id, note_life_area.c.life_area_id == filters.life_area_id
            )
        )
    if filters.organization_id:
        query = query.where(
            exists().where(
                note_organization.c.note_id == ContactNote.id,
                note_organization.c.organization_id == filters.organization_id,
            )
        )
    if before is not None:
        # As a row comparison, both databases read the index from that point on (written out as
        # "earlier, or as early with a smaller id", PostgreSQL reads from the newest note and skips).
        query = query.where(tuple_(ContactNote.occurred_at, ContactNote.id) < (before.occurred_at, before.id))
    ids = list(db.session.scalars(query.order_by(*NEWEST_FIRST).limit(size + 1)))
    page = Page(entries=entries(client, notes_in_order(ids[:size]), previous_day))
    page.last_day = page.entries[-1].day if page.entries else previous_day
    if len(ids) > size:
        page.next_before = ids[size - 1]
    return page


def notes_in_order(ids: list[int]) -> list[ContactNote]:
    """The notes of these ids, in this order, with what a timeline entry shows."""
    if not ids:
        return []
    found = {
        note.id: note
        for note in db.session.scalars(select(ContactNote).where(ContactNote.id.in_(ids)).options(*ENTRY_LOADS))
    }
    return [found[i] for i in ids]


def entries(client: Client, notes: list[ContactNote], previous_day: date | None = None) -> list[Entry]:
    """Notes as timeline entries: a day heading before the first note of each day."""
    result = []
    day = previous_day
    for note in notes:
        note_day = to_local(note.occurred_at).date()
        result.append(Entry(note, can_read(note, client, current_user), note_day, note_day != day))
        day = note_day
    return result
