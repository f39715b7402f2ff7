"""The case manager history of a file: a CaseAssignment row at every reassignment."""

from datetime import date

from sqlalchemy import select

from ..auth.models import User
from ..extensions import db
from .models import CaseAssignment, Client


def reassign(client: Client, new_manager_id: int, *, by_id: int | None, on: date, reason: str | None = None) -> bool:
    """Hand a file to another case manager from `on`; False if it is theirs already. Flushes only.

    A file without history gets its first row (the old case manager since the file was created),
    so the days before the change still count for the one who did the work."""
    if client.case_manager_id == new_manager_id:
        return False
    has_history = db.session.scalar(select(CaseAssignment.id).where(CaseAssignment.client_id == client.id).limit(1))
    if not has_history:
        old = db.session.get(User, client.case_manager_id)
        db.session.add(
            CaseAssignment(
                client_id=client.id,
                case_manager_id=client.case_manager_id,
                team_id=old.team_id if old else None,
                from_on=client.created_at.date(),
            )
        )
    new = db.session.get(User, new_manager_id)
    db.session.add(
        CaseAssignment(
            client_id=client.id,
            case_manager_id=new_manager_id,
            team_id=new.team_id if new else None,
            from_on=on,
            assigned_by_id=by_id,
            reason=(reason or "").strip()[:500] or None,
        )
    )
    client.case_manager_id = new_manager_id
    db.session.flush()
    return True
