"""What the data-protection officer reads: the audit trail searched by person, user, action and
period; the registers of exports, overrides, erasures, restrictions and holds; the record of
processing activities (Art. 30). Ids, dates, agencies and reasons, never file content."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import func, or_, select

from ..audit import AuditEvent
from ..clients.models import Client
from ..extensions import db
from ..fields import parse_id
from ..notes.models import ContactNote, NoteConference
from ..referrals.models import Disclosure
from ..timeutil import day_start_utc
from .models import PrivacyErasure, PrivacyHold, PrivacyRestriction
from .records import client_tables
from .subject_access import SECTION_TITLES, notice_text

MAX_ROWS = 500


def person_id(text: str | None) -> int | None:
    """A client id typed as a number, or the id of a case number; None if neither."""
    if not text:
        return None
    found = db.session.scalar(select(Client.id).where(Client.case_number == text.strip()))
    if found is None:
        found = parse_id(text.strip())
    return found


def search_audit(client_id: int | None, username: str | None, action: str | None, start: date | None, end: date | None):
    query = select(AuditEvent)
    if client_id is not None:
        query = query.where(
            or_(
                (AuditEvent.object_type == "client") & (AuditEvent.object_id == str(client_id)),
                AuditEvent.detail.like(f"%client={client_id};%"),
                AuditEvent.detail == f"client={client_id}",
                AuditEvent.detail.like(f"%client={client_id}"),
            )
        )
    if username:
        query = query.where(AuditEvent.username == username)
    if action:
        query = query.where(AuditEvent.action.like(f"{action}%"))
    if start:
        query = query.where(AuditEvent.at >= day_start_utc(start))
    if end:
        query = query.where(AuditEvent.at < day_start_utc(end + timedelta(days=1)))
    return db.session.scalars(query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(MAX_ROWS)).all()


@dataclass
class Registers:
    exports: Sequence[AuditEvent]
    disclosure_overrides: Sequence[Disclosure]
    conference_overrides: Sequence[Any]
    erasures: Sequence[PrivacyErasure]
    restrictions: Sequence[PrivacyRestriction]
    holds: Sequence[PrivacyHold]


def registers() -> Registers:
    newest = AuditEvent.at.desc()
    return Registers(
        exports=db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "client.exported").order_by(newest).limit(MAX_ROWS)
        ).all(),
        disclosure_overrides=db.session.scalars(
            select(Disclosure)
            .where(Disclosure.override_reason.is_not(None))
            .order_by(Disclosure.disclosed_at.desc())
            .limit(MAX_ROWS)
        ).all(),
        conference_overrides=db.session.execute(
            select(NoteConference, ContactNote.client_id, ContactNote.occurred_at)
            .join(ContactNote, ContactNote.id == NoteConference.note_id)
            .where(NoteConference.missing_consent.is_not(None))
            .order_by(ContactNote.occurred_at.desc())
            .limit(MAX_ROWS)
        ).all(),
        erasures=db.session.scalars(select(PrivacyErasure).order_by(PrivacyErasure.confirmed_at.desc())).all(),
        restrictions=db.session.scalars(select(PrivacyRestriction).order_by(PrivacyRestriction.set_at.desc())).all(),
        holds=db.session.scalars(select(PrivacyHold).order_by(PrivacyHold.set_at.desc())).all(),
    )


def processing_record() -> dict:
    """The record of processing activities (Art. 30 GDPR) from the app's own configuration."""
    recipients = db.session.execute(
        select(Disclosure.organization_name, func.count())
        .group_by(Disclosure.organization_name)
        .order_by(Disclosure.organization_name)
    ).all()
    return {
        "controller": current_app.config["PRIVACY_CONTROLLER"],
        "notice": notice_text(),
        "categories": [str(SECTION_TITLES.get(t.name, t.name)) for t in client_tables()],
        "recipients": recipients,
        "retention": current_app.config["PRIVACY_RETENTION_DAYS"],
    }
