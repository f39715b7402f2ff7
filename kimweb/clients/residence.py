"""A client's residence status history read through kimweb.deadlines: current record, alerts, stay."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import cast

from sqlalchemy import Table, bindparam, delete, insert, select, update

from ..database import chunks
from ..deadlines import Alert, LawfulStay, lawful_stay, status_alerts, status_deadlines
from ..extensions import db
from .casework_models import ClientDeadline, DeadlineConfirmation, ResidenceStatus
from .models import Client

# Files whose deadlines refresh_deadlines_many() rewrites per round of statements.
FILES_PER_STATEMENT = 500


# Built once (the case file's first screen reads it on every opening); the file is a bound parameter.
_HISTORY = select(ResidenceStatus).where(ResidenceStatus.client_id == bindparam("client_id"))


def history(client_id: int) -> list[ResidenceStatus]:
    """All records, the newest paper first; superseded corrections included (they are history)."""
    records = db.session.scalars(_HISTORY, {"client_id": client_id}).all()
    return sorted(records, key=lambda r: (r.starts_on or date.min, r.id), reverse=True)


def current_record(records: list[ResidenceStatus]) -> ResidenceStatus | None:
    """The paper in force: the latest-starting record that no correction has replaced."""
    live = [r for r in records if r.superseded_at is None]
    return max(live, key=lambda r: (r.starts_on or date.min, r.id), default=None)


def refresh_deadlines(client_id: int) -> None:
    """Keep client_deadline in step with the current record (call after any status change)."""
    refresh_deadlines_many([client_id])


def refresh_deadlines_many(client_ids: Sequence[int]) -> None:
    """Keep client_deadline and the files' next deadline in step with their current records: a
    few statements per FILES_PER_STATEMENT files (an import takes thousands at once)."""
    db.session.flush()
    table = cast(Table, Client.__table__)
    set_next_due = update(table).where(table.c.id == bindparam("client_id")).values(next_due=bindparam("due"))
    ids = list(dict.fromkeys(client_ids))
    for chunk in chunks(ids, FILES_PER_STATEMENT):
        db.session.execute(delete(ClientDeadline).where(ClientDeadline.client_id.in_(chunk)))
        records: dict[int, list[ResidenceStatus]] = defaultdict(list)
        for record in db.session.scalars(select(ResidenceStatus).where(ResidenceStatus.client_id.in_(chunk))):
            records[record.client_id].append(record)
        rows, next_due = [], []
        for client_id in chunk:
            current = current_record(records[client_id])
            deadlines = status_deadlines(current) if current is not None else []
            rows += [
                {
                    "client_id": client_id,
                    "status_id": current.id,
                    "kind": d.kind,
                    "due": d.due,
                    "after_due": d.after_due,
                }
                for d in deadlines
                if current is not None
            ]
            next_due.append(
                {"client_id": client_id, "due": min((d.due for d in deadlines if d.after_due), default=None)}
            )
        if rows:
            db.session.execute(insert(ClientDeadline), rows)
        db.session.execute(set_next_due, next_due)
    # (the UPDATE went past the session: files it holds read their next deadline again)
    held = set(ids)
    for obj in list(db.session.identity_map.values()):
        if isinstance(obj, Client) and obj.id in held:
            db.session.expire(obj, ["next_due", "updated_at"])


@dataclass(frozen=True)
class FileAlert:
    alert: Alert
    status_id: int
    confirmation: DeadlineConfirmation | None


@dataclass(frozen=True)
class StatusOverview:
    records: list[ResidenceStatus]
    current: ResidenceStatus | None
    alerts: list[FileAlert]
    stay: LawfulStay


def overview(client_id: int, today: date) -> StatusOverview:
    records = history(client_id)
    current = current_record(records)
    alerts = []
    if current is not None:
        confirmations = {
            (c.kind, c.due): c
            for c in db.session.scalars(
                select(DeadlineConfirmation).where(DeadlineConfirmation.status_id == current.id)
            )
        }
        alerts = [FileAlert(a, current.id, confirmations.get((a.kind, a.due))) for a in status_alerts(current, today)]
    live = [r for r in records if r.superseded_at is None]
    return StatusOverview(records, current, alerts, lawful_stay(live, today))
