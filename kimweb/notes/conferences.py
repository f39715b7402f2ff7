"""Case conferences: which participating agencies have no active consent of the client (warned
about before saving; going ahead needs a stated reason, which is logged), and the agreements,
each of which becomes a follow-up on the case file."""

from datetime import date

from flask_login import current_user
from sqlalchemy import or_, select

from ..clients.casework_models import Consent, FollowUp
from ..clients.models import Client
from ..directory.models import Organization
from ..extensions import db
from .models import ContactNote, NoteAgreement, NoteConference


def agencies_without_consent(client: Client, organization_ids: list[int], today: date) -> list[Organization]:
    """The agencies among `organization_ids` that the client has no consent for today (none
    given, expired, or revoked)."""
    if not organization_ids:
        return []
    covered = set(db.session.scalars(
        select(Consent.organization_id).where(
            Consent.client_id == client.id, Consent.organization_id.in_(organization_ids), Consent.given_on <= today,
            or_(Consent.valid_until.is_(None), Consent.valid_until >= today),
            or_(Consent.revoked_on.is_(None), Consent.revoked_on > today))))
    missing = [i for i in organization_ids if i not in covered]
    if not missing:
        return []
    return list(db.session.scalars(select(Organization).where(Organization.id.in_(missing)).order_by(Organization.name)))


def apply_conference(note: ContactNote, next_date: date | None, missing: list[Organization],
                     override_reason: str | None) -> None:
    if note.kind != "case_conference":
        note.conference = None
        return
    conference = note.conference or NoteConference()
    conference.next_date = next_date
    conference.missing_consent = "\n".join(o.name for o in missing)[:2000] or None
    conference.override_reason = override_reason if missing else None
    note.conference = conference


def add_agreements(note: ContactNote, rows: list[tuple[str, str | None, date]]) -> None:
    """Each agreement becomes a follow-up for the person who wrote the conference note."""
    for what, who, due_on in rows:
        title = f"{what} ({who})" if who else what
        follow_up = FollowUp(client_id=note.client_id, title=title[:500], due_on=due_on, assignee_id=current_user.id,
                             created_by_id=current_user.id)
        note.agreements.append(NoteAgreement(what=what, who=who, due_on=due_on, follow_up=follow_up))

