"""Case conferences: which participating agencies have no active consent of the client (warned
about before saving; going ahead needs a stated reason, which is logged), and the agreements,
each of which becomes a follow-up on the case file and stays in step with it when the note is
edited.

A removed agreement's follow-up is deleted while it is still open: it only reminded of the
agreement, and marking it done would record work that never happened. A follow-up that is
already done stays as it is (it records work that did happen), also when its agreement changes.
What the agreements were stays in the note's revisions and the audit trail.
"""

from dataclasses import dataclass
from datetime import date

from flask_login import current_user
from sqlalchemy import exists, select

from .. import audit
from ..clients import consent_scope
from ..clients.casework_models import Consent, FollowUp
from ..clients.models import Client
from ..directory.models import Organization
from ..extensions import db
from ..signals import appointment_date_set, conference_without_consent
from .models import ContactNote, NoteAgreement, NoteConference


def agencies_without_consent(client: Client, organization_ids: list[int], today: date) -> list[Organization]:
    """The agencies among `organization_ids` that no consent of the client covers for a case
    conference today (none given, not for this purpose, expired, or revoked): the same rule as
    for referrals, in clients/consent_scope.py."""
    if not organization_ids:
        return []
    consents = db.session.scalars(
        select(Consent).where(Consent.client_id == client.id, Consent.organization_id.in_(organization_ids))
    )
    covered = {c.organization_id for c in consents if not consent_scope.gaps(c, "conference", set(), False, today)}
    missing = [i for i in organization_ids if i not in covered]
    if not missing:
        return []
    return list(
        db.session.scalars(select(Organization).where(Organization.id.in_(missing)).order_by(Organization.name))
    )


def apply_conference(
    note: ContactNote, next_date: date | None, missing: list[Organization], override_reason: str | None
) -> None:
    if note.kind != "case_conference":
        note.conference = None
        return
    conference = note.conference or NoteConference()
    conference.next_date = next_date
    conference.missing_consent = "\n".join(o.name for o in missing)[:2000] or None
    conference.override_reason = override_reason if missing else None
    note.conference = conference
    if missing:
        conference_without_consent.send(note, agencies=missing, reason=override_reason, user=current_user)


def announce_next_date(note: ContactNote, client: Client) -> None:
    """A case conference's next date becomes an appointment (kimweb/appointments); call it once
    the note has its id. A note that is no longer a conference, or lost its date, cancels it."""
    next_date = note.conference.next_date if note.kind == "case_conference" and note.conference else None
    appointment_date_set.send(
        note,
        source=f"conference:{note.id}",
        client=client,
        on_date=next_date,
        kind="case_conference",
        user=current_user,
    )


def _title(what: str, who: str | None) -> str:
    return (f"{what} ({who})" if who else what)[:500]


def _follow_up(note: ContactNote, what: str, who: str | None, due_on: date) -> FollowUp:
    return FollowUp(
        client_id=note.client_id,
        title=_title(what, who),
        due_on=due_on,
        assignee_id=current_user.id,
        created_by_id=current_user.id,
    )


def add_agreements(note: ContactNote, rows: list[tuple[str, str | None, date]]) -> list[NoteAgreement]:
    """Each agreement becomes a follow-up for the person who wrote the conference note."""
    added = []
    for what, who, due_on in rows:
        added.append(NoteAgreement(what=what, who=who, due_on=due_on, follow_up=_follow_up(note, what, who, due_on)))
        note.agreements.append(added[-1])
    return added


def belong_elsewhere(note: ContactNote, agreement_ids: list[int | None]) -> bool:
    """Whether a form names an agreement of another note (a tampered form: the view answers 404).
    An id of no agreement at all is one removed meanwhile (in another tab): its row is new again."""
    foreign = {i for i in agreement_ids if i is not None} - {a.id for a in note.agreements}
    return bool(foreign) and bool(db.session.scalar(select(exists().where(NoteAgreement.id.in_(foreign)))))


@dataclass
class AgreementChange:
    action: str  # added / changed / removed
    agreement: NoteAgreement
    agreement_id: int | None = None  # kept for a removed agreement, whose row is gone after the flush
    fields: tuple[str, ...] = ()
    follow_up_id: int | None = None
    follow_up: str = ""  # what happened to it: created / updated / removed / kept_done


def edit_agreements(note: ContactNote, rows: list[tuple]) -> list[AgreementChange]:
    """Apply the agreement rows of an edit (saved id or None, what, who, due, remove) and keep the
    follow-ups in step: a changed agreement changes its open follow-up (title, due date), a new
    one gets a follow-up, a removed one takes its open follow-up with it. Saved agreements that
    the form does not name stay as they are."""
    saved = {a.id: a for a in note.agreements}
    changes: list[AgreementChange] = []
    for agreement_id, what, who, due_on, remove in rows:
        agreement = saved.pop(agreement_id, None) if agreement_id is not None else None
        if agreement is None:
            if not remove:
                changes.append(
                    AgreementChange("added", add_agreements(note, [(what, who, due_on)])[0], follow_up="created")
                )
            continue
        if remove:
            changes.append(_remove(note, agreement))
            continue
        fields = tuple(
            name
            for name, old, new in (
                ("what", agreement.what, what),
                ("who", agreement.who, who),
                ("due", agreement.due_on, due_on),
            )
            if old != new
        )
        if fields:
            agreement.what, agreement.who, agreement.due_on = what, who, due_on
            changes.append(
                AgreementChange("changed", agreement, agreement.id, fields, follow_up=_in_step(note, agreement))
            )
    return changes


def _in_step(note: ContactNote, agreement: NoteAgreement) -> str:
    follow_up = agreement.follow_up
    if follow_up is None:
        agreement.follow_up = _follow_up(note, agreement.what, agreement.who, agreement.due_on)
        return "created"
    if follow_up.done_at is not None:
        return "kept_done"
    follow_up.title, follow_up.due_on = _title(agreement.what, agreement.who), agreement.due_on
    follow_up.version += 1  # a follow-up form open on the case file now answers 409
    return "updated"


def _remove(note: ContactNote, agreement: NoteAgreement) -> AgreementChange:
    change = AgreementChange("removed", agreement, agreement.id, follow_up_id=agreement.follow_up_id)
    follow_up = agreement.follow_up
    if follow_up is not None and follow_up.done_at is None:
        db.session.delete(follow_up)
        change.follow_up = "removed"
    elif follow_up is not None:
        change.follow_up = "kept_done"
    note.agreements.remove(agreement)
    return change


def drop_open_follow_ups(note: ContactNote) -> list[int]:
    """A deleted conference note takes the open follow-ups of its agreements with it (as a removed
    agreement does); done ones stay. The agreements stay in the note's history. The ids removed."""
    removed = []
    for agreement in note.agreements:
        follow_up = agreement.follow_up
        if follow_up is not None and follow_up.done_at is None:
            removed.append(follow_up.id)
            agreement.follow_up = None
            db.session.delete(follow_up)
    return removed


def audit_agreements(note: ContactNote, changes: list[AgreementChange]) -> None:
    """One audit row per changed agreement: ids, field names and what became of the follow-up."""
    for change in changes:
        agreement_id = change.agreement_id or change.agreement.id
        follow_up_id = change.follow_up_id or change.agreement.follow_up_id
        detail = f"client={note.client_id}; note={note.id}"
        if change.fields:
            detail += "; fields=" + ",".join(change.fields)
        if follow_up_id:
            detail += f"; followup={follow_up_id} {change.follow_up}"
        audit.record(f"note.agreement_{change.action}", "note_agreement", agreement_id, detail=detail)
