"""A file's phase history as open and closed stretches, and the day it ends closed.

The phase entries are the record (never rewritten). Sorted by day (entries of one day in the
order they were made), a closing ends a stretch and the next entry opens another. A file without
entries (imported before the history was kept) was opened when it was created and, if it is
closed, closed on its phase date.

`Client.history_closed_on` keeps the day the history ends with a closing (None while the file is
open), refreshed whenever a flush writes phase entries or a file's phase: the KIM reports pass over
files closed before their period in the query, without reading the rest of them
(kimweb/kim_reports/facts.py). It is only a shortcut: None means "read the file", and the reports
still work out every file's stretches from its entries.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import cast

from sqlalchemy import Table, bindparam, event, inspect, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from ..database import chunks
from .choices import CLOSED_PHASE
from .models import Client, PhaseEntry

# (phase, day, closure reason, reopened), as read from phase_entry
Entry = tuple[int, date, str | None, bool]


def history_of(
    entries: Sequence[Entry], phase: int, phase_since: date | None, closure_reason: str | None, created_at: datetime
) -> Sequence[Entry]:
    """The file's entries sorted by day, or for a file without entries the history its phase
    implies."""
    if entries:
        return sorted(entries, key=_day) if len(entries) > 1 else entries
    created = created_at.date()
    history: list[Entry] = [(1, created, None, False)]
    if phase == CLOSED_PHASE:
        history.append((CLOSED_PHASE, max(phase_since or created, created), closure_reason, False))
    return history


def _day(entry: Entry) -> date:
    return entry[1]


def closed_on(history: Sequence[Entry]) -> date | None:
    """The day a history (sorted, history_of) ends with a closing; None if it ends open."""
    last = history[-1]
    return last[1] if last[0] == CLOSED_PHASE else None


def refresh_closed_on(connection: Connection, client_ids: Iterable[int] | None = None) -> None:
    """Work out `history_closed_on` again for these files (None: every file) and write what
    changed."""
    if client_ids is None:
        _refresh(connection, None)
        return
    for chunk in chunks(sorted(set(client_ids))):
        _refresh(connection, chunk)


def read_entries(connection: Connection, ids: list[int] | None = None) -> dict[int, list[Entry]]:
    """The phase entries of these files (None: of every file) by file, in the order they were
    made (history_of sorts them by day)."""
    statement = select(
        PhaseEntry.client_id, PhaseEntry.phase, PhaseEntry.entered_on, PhaseEntry.closure_reason, PhaseEntry.reopened
    ).order_by(PhaseEntry.id)
    if ids is not None:
        statement = statement.where(PhaseEntry.client_id.in_(ids))
    entries: dict[int, list[Entry]] = defaultdict(list)
    for client_id, phase, day, reason, reopened in connection.execute(statement).all():
        entries[client_id].append((phase, day, reason, bool(reopened)))
    return entries


def _refresh(connection: Connection, ids: list[int] | None) -> None:
    entries = read_entries(connection, ids)
    read_files = select(
        Client.id, Client.phase, Client.phase_since, Client.closure_reason, Client.created_at, Client.history_closed_on
    )
    if ids is not None:
        read_files = read_files.where(Client.id.in_(ids))
    changed = []
    for client_id, phase, phase_since, reason, created_at, kept in connection.execute(read_files):
        closed = closed_on(history_of(entries.get(client_id, ()), phase, phase_since, reason, created_at))
        if closed != kept:
            changed.append({"file": client_id, "day": closed})
    if changed:
        table = cast(Table, Client.__table__)
        connection.execute(
            # updated_at as it was: this is bookkeeping, not a change of the file.
            update(table)
            .where(table.c.id == bindparam("file"))
            .values(history_closed_on=bindparam("day"), updated_at=table.c.updated_at),
            changed,
        )


_PHASE_FIELDS = ("phase", "phase_since", "closure_reason", "created_at")


@event.listens_for(Session, "after_flush")
def _phase_written(session: Session, _context) -> None:
    ids = {obj.client_id for obj in (*session.new, *session.dirty, *session.deleted) if isinstance(obj, PhaseEntry)}
    ids |= {obj.id for obj in session.new if isinstance(obj, Client)}
    ids |= {obj.id for obj in session.dirty if isinstance(obj, Client) and _phase_changed(obj)}
    if ids:
        refresh_closed_on(session.connection(), ids)


def _phase_changed(client: Client) -> bool:
    state = inspect(client)
    return any(state.attrs[name].history.has_changes() for name in _PHASE_FIELDS)
