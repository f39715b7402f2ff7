"""The append-only audit trail: who did what to which object, when, with what outcome.

Rows hold ids and action names only, never names or free text about clients. Nothing in the app
updates or deletes them; the database refuses it too (triggers in the migration).
"""

from datetime import datetime

from flask import has_request_context, request
from flask_login import current_user
from sqlalchemy import Index, String, event, insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from .database import SAFE_METHODS, get_request_writes, write_connection
from .extensions import Model, db
from .timeutil import utcnow


class AuditEvent(Model):
    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int | None]
    # The account name at the time, so the row stays readable if the account is renamed.
    username: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    object_type: Mapped[str | None] = mapped_column(String(40))
    object_id: Mapped[str | None] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(20), default="ok")
    remote_addr: Mapped[str | None] = mapped_column(String(64))
    # Field names or codes only (e.g. "role: case_manager -> team_lead"), never client text.
    detail: Mapped[str | None] = mapped_column(String(2000))

    __table_args__ = (
        Index("ix_audit_event_object", "object_type", "object_id", "at"),
        Index("ix_audit_event_at", "at"),
    )


@event.listens_for(Session, "before_flush")
def _refuse_audit_changes(session, _context, _instances):
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEvent):
            raise RuntimeError("audit_event is append-only")


def record(
    action: str,
    object_type: str | None = None,
    object_id=None,
    *,
    outcome: str = "ok",
    detail: str | None = None,
    user=None,
) -> None:
    """Write one audit row.

    In a write request it joins the request's transaction, so it commits (or rolls back) with
    the change it describes. In a read request (opening a case file) it commits at once on a
    connection of its own: the read has happened, whatever the rest of the request does.
    """
    values = _values(action, object_type, object_id, outcome=outcome, detail=detail, user=user)
    if _on_own_connection():
        with write_connection() as connection, connection.begin():
            connection.execute(insert(AuditEvent), values)
    else:
        db.session.add(AuditEvent(**values))


def record_many(action: str, object_type: str, object_ids, *, detail: str | None = None) -> None:
    """One row per object (e.g. every file a search showed), written in one INSERT; joins or
    stays out of the request's transaction like record()."""
    rows = [_values(action, object_type, object_id, detail=detail) for object_id in object_ids]
    if not rows:
        return
    statement = insert(AuditEvent).values(rows)  # a multi-row VALUES: one statement
    if _on_own_connection():
        with write_connection() as connection, connection.begin():
            connection.execute(statement)
    else:
        db.session.execute(statement)


def _values(action, object_type, object_id, *, outcome: str = "ok", detail: str | None = None, user=None) -> dict:
    if user is None and has_request_context() and current_user.is_authenticated:
        user = current_user
    return {
        "at": utcnow(),
        "user_id": getattr(user, "id", None),
        "username": getattr(user, "username", None),
        "action": action,
        "object_type": object_type,
        "object_id": None if object_id is None else str(object_id),
        "outcome": outcome,
        "remote_addr": request.remote_addr if has_request_context() else None,
        "detail": detail[:2000] if detail else None,
    }


def _on_own_connection() -> bool:
    return has_request_context() and request.method in SAFE_METHODS and not get_request_writes()
