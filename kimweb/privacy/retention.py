"""Retention: what is due, legal holds, erasure on request or at the end of retention, and the
automatic deletions (visits without a file, drafts, login attempts, old audit rows). Services
flush; the view or command commits."""

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import and_, delete, exists, func, select

from .. import audit
from ..audit import AuditEvent
from ..auth.models import LoginAttempt
from ..clients.choices import CLOSED_PHASE
from ..clients.models import Client
from ..extensions import db
from ..notes.models import NoteDraft
from ..reception.models import Visit
from ..timeutil import local_today, utcnow
from .anonymise import anonymise, record_in_ledger
from .models import PrivacyErasure, PrivacyHold

# The database refuses to delete audit rows younger than this (migration 0013), whatever is configured.
AUDIT_FLOOR_DAYS = 366


def _days(kind: str) -> timedelta:
    days = current_app.config["PRIVACY_RETENTION_DAYS"][kind]
    return timedelta(days=max(days, AUDIT_FLOOR_DAYS) if kind == "audit" else days)


def held():
    """The condition 'a legal hold applies to the client' (for queries over Client)."""
    return exists().where(
        PrivacyHold.client_id == Client.id, PrivacyHold.lifted_at.is_(None), PrivacyHold.until >= local_today()
    )


def active_hold(client_id: int) -> PrivacyHold | None:
    return db.session.scalar(
        select(PrivacyHold).where(
            PrivacyHold.client_id == client_id, PrivacyHold.lifted_at.is_(None), PrivacyHold.until >= local_today()
        )
    )


def _anonymised():
    return exists().where(PrivacyErasure.client_id == Client.id, PrivacyErasure.anonymised_at.is_not(None))


def due_files(scope=None):
    """Closed files past their retention date, not anonymised, without a legal hold (within `scope`)."""
    query = select(Client).where(
        Client.phase == CLOSED_PHASE, Client.retention_until <= local_today(), ~_anonymised(), ~held()
    )
    if scope is not None:
        query = query.where(scope)
    return db.session.scalars(query.order_by(Client.retention_until, Client.id)).all()


def held_files(scope=None):
    query = select(Client).where(held(), ~_anonymised())
    if scope is not None:
        query = query.where(scope)
    return db.session.scalars(query.order_by(Client.id)).all()


def erase(client: Client, reason_code: str, user=None) -> PrivacyErasure:
    """Record a confirmed erasure and anonymise at once, unless a legal hold applies (then the
    retention job carries it out when the hold ends)."""
    erasure = db.session.scalar(select(PrivacyErasure).where(PrivacyErasure.client_id == client.id))
    if erasure is None:
        erasure = PrivacyErasure(
            client_id=client.id, reason_code=reason_code, confirmed_by_id=getattr(user, "id", None)
        )
        db.session.add(erasure)
        db.session.flush()
    if erasure.anonymised_at is None and active_hold(client.id) is None:
        carry_out(erasure, client, user)
    elif erasure.anonymised_at is None:
        audit.record("client.erasure_held", "client", client.id, detail=f"reason: {reason_code}", user=user)
    return erasure


def carry_out(erasure: PrivacyErasure, client: Client, user=None) -> None:
    anonymise(client)
    erasure.anonymised_at = utcnow()
    db.session.flush()
    record_in_ledger(erasure)
    audit.record("client.anonymised", "client", client.id, detail=f"reason: {erasure.reason_code}", user=user)


def pending_erasures() -> list[PrivacyErasure]:
    """Confirmed erasures whose legal hold has ended."""
    return list(
        db.session.scalars(
            select(PrivacyErasure)
            .join(Client, Client.id == PrivacyErasure.client_id)
            .where(PrivacyErasure.anonymised_at.is_(None), ~held())
        )
    )


@dataclass
class Automatic:
    kind: str
    label: str
    count: int


def automatic(dry_run: bool) -> list[Automatic]:
    """The deletions that need no confirmation: counted, and carried out unless dry_run."""
    now, today = utcnow(), local_today()
    rules = [
        (
            "visit_without_file",
            "Besuche ohne Akte",
            Visit,
            and_(Visit.client_id.is_(None), Visit.day < today - _days("visit_without_file")),
        ),
        ("draft", "Entwürfe", NoteDraft, NoteDraft.saved_at < now - _days("draft")),
        ("login_attempt", "Anmeldeversuche", LoginAttempt, LoginAttempt.at < now - _days("login_attempt")),
        ("audit", "Protokolleinträge", AuditEvent, AuditEvent.at < now - _days("audit")),
    ]
    done = []
    for kind, label, model, condition in rules:
        count = db.session.scalar(select(func.count()).select_from(model).where(condition)) or 0
        if count and not dry_run:
            db.session.execute(delete(model).where(condition))
        done.append(Automatic(kind, label, count))
    return done
