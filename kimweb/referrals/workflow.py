"""What happens when a referral is made or moves on: the consent check, the disclosure log, the
status history, the follow-up date and the client's involved agencies. Views call these; nothing
here reads the request."""

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..clients import consent_scope
from ..clients.casework_models import Involvement
from ..clients.models import Client
from ..clients.views_common import record_change
from ..directory.models import Service
from ..extensions import db
from ..security import has_permission
from ..signals import appointment_date_set
from ..timeutil import local_today, to_local, utcnow
from .choices import CLOSED_STATUSES, FOLLOW_UP_DAYS, INVOLVING, OPEN_STATUSES, STATUSES
from .models import Disclosure, Referral, ReferralEvent

PURPOSE = "referral"


class Refused(Exception):
    """A referral may not pass its data on: the check says why (German, for the user)."""

    def __init__(self, check: consent_scope.Check):
        super().__init__(check.reasons)
        self.check = check


@dataclass
class Draft:
    """What the form asks for, checked and cleaned."""

    service: Service
    life_area_id: int | None
    reason: str
    urgency: str
    channel: str
    scope: list[str]
    health: bool
    send_now: bool
    follow_up_on: date | None
    override_reason: str | None = None


def consent_check(client: Client, referral_or_draft, today: date) -> consent_scope.Check:
    if isinstance(referral_or_draft, Draft):
        organization_id = referral_or_draft.service.organization_id
        name = referral_or_draft.service.organization.name
        scope, health = set(referral_or_draft.scope), referral_or_draft.health
    else:
        organization_id, name = referral_or_draft.organization_id, referral_or_draft.organization_name
        scope, health = set(consent_scope.codes(referral_or_draft.data_scope)), referral_or_draft.health_data
    if organization_id is None:  # the agency left the directory: nobody to check against
        return consent_scope.Check(name, reasons=[_("Die Stelle ist nicht mehr im Wegweiser.")])
    return consent_scope.check(client.id, organization_id, name, PURPOSE, scope, health, today)


def may_override() -> bool:
    return has_permission("referral.override")


def _cleared(check: consent_scope.Check, override_reason: str | None) -> bool:
    return check.covered or bool(override_reason and may_override())


def default_follow_up(
    today: date, status: str, appointment_on: date | None = None, sent_on: date | None = None
) -> date | None:
    """14 days after sending (or after any other step); the day after an appointment, but not in
    the past when the appointment is recorded afterwards."""
    if status in CLOSED_STATUSES:
        return None
    if status == "appointment" and appointment_on:
        return max(appointment_on + timedelta(days=1), today)
    start = sent_on if status == "sent" and sent_on else today
    return start + timedelta(days=FOLLOW_UP_DAYS)


def create(client: Client, draft: Draft, today: date) -> Referral:
    """Save a new referral; refuses (Refused) when its data may not be passed on."""
    check = consent_check(client, draft, today)
    override = draft.override_reason if not check.covered else None
    if not _cleared(check, override):
        raise Refused(check)
    service = draft.service
    referral = Referral(
        client_id=client.id,
        service_id=service.id,
        organization_id=service.organization_id,
        service_name=service.name,
        organization_name=service.organization.name,
        life_area_id=draft.life_area_id,
        reason=draft.reason,
        urgency=draft.urgency,
        channel=draft.channel,
        data_scope=" ".join(draft.scope),
        health_data=draft.health,
        consent_id=check.consent.id if check.consent else None,
        override_reason=override,
        override_by_id=current_user.id if override else None,
        status="planned",
        created_by_id=current_user.id,
        follow_up_on=draft.follow_up_on or default_follow_up(today, "planned"),
    )
    db.session.add(referral)
    referral.events.append(ReferralEvent(status="planned", by_id=current_user.id))
    db.session.flush()
    record_change(
        client,
        "referral_added",
        referral=referral.id,
        service=service.id,
        consent=referral.consent_id or "-",
        override=int(bool(override)),
    )
    if draft.send_now:
        move(client, referral, "sent", today, on_date=today, follow_up_on=draft.follow_up_on)
    return referral


def move(
    client: Client,
    referral: Referral,
    status: str,
    today: date,
    *,
    on_date: date | None = None,
    note: str | None = None,
    appointment_note: str | None = None,
    follow_up_on: date | None = None,
) -> None:
    """Take the referral to `status` (the caller checked that the step is allowed). Data leaves
    when a planned referral is first sent or an appointment is made: that is checked again here,
    because the consent may have been revoked since the referral was planned."""
    first_contact = referral.sent_on is None and status in INVOLVING
    sent_on = on_date if status == "sent" and on_date else today
    if first_contact and referral.passes_data:
        # The consent must have covered the day the data left (it may have been sent days ago).
        check = consent_check(client, referral, sent_on)
        # An override was decided (by someone allowed to) when the referral was made; whoever
        # then sends it carries that decision out.
        if not (check.covered or referral.override_reason):
            raise Refused(check)
        referral.consent_id = check.consent.id if check.consent else None
        disclose(client, referral, check.consent, sent_on)
    if first_contact:
        referral.sent_on = sent_on
    if status == "appointment":
        referral.appointment_on, referral.appointment_note = on_date, appointment_note
        appointment_date_set.send(
            referral,
            source=f"referral:{referral.id}",
            client=client,
            on_date=on_date,
            kind="accompaniment",
            time_text=appointment_note,
            organization_id=referral.organization_id,
            user=current_user,
        )
    if status in ("declined", "done", "cancelled"):
        referral.outcome = note
    referral.status, referral.status_at = status, utcnow()
    referral.follow_up_on = (
        None
        if status in CLOSED_STATUSES
        else (follow_up_on or default_follow_up(today, status, referral.appointment_on, referral.sent_on))
    )
    referral.version += 1
    referral.events.append(ReferralEvent(status=status, by_id=current_user.id, on_date=on_date, note=note))
    _keep_involvement(client, referral, today)
    record_change(client, "referral_status", referral=referral.id, status=status)


def disclose(client: Client, referral: Referral, consent, on: date) -> Disclosure:
    entry = Disclosure(
        client_id=client.id,
        referral_id=referral.id,
        organization_id=referral.organization_id,
        disclosed_on=on,
        organization_name=referral.organization_name,
        data_scope=referral.data_scope,
        health_data=referral.health_data,
        channel=referral.channel,
        consent_id=consent.id if consent else None,
        override_reason=None if consent else referral.override_reason,
        disclosed_by_id=current_user.id,
    )
    db.session.add(entry)
    db.session.flush()
    record_change(
        client,
        "disclosure",
        referral=referral.id,
        organization=referral.organization_id,
        consent=entry.consent_id or "-",
        override=int(entry.override_reason is not None),
    )
    return entry


def _keep_involvement(client: Client, referral: Referral, today: date) -> None:
    """The agency joins the involved agencies when it learns of the client, and leaves when a
    referral that brought it ends, unless it is involved for another reason."""
    if referral.organization_id is None:
        return
    active = db.session.scalars(
        select(Involvement).where(
            Involvement.client_id == client.id,
            Involvement.organization_id == referral.organization_id,
            Involvement.ended_on.is_(None),
        )
    ).all()
    if referral.status in INVOLVING:
        if not active:
            involvement = Involvement(
                client_id=client.id,
                organization_id=referral.organization_id,
                role=_("Vermittlung: %(service)s", service=referral.service_name)[:200],
                since=referral.sent_on or today,
                referral_id=referral.id,
            )
            db.session.add(involvement)
            db.session.flush()
            record_change(
                client,
                "involvement_added",
                involvement=involvement.id,
                organization=referral.organization_id,
                referral=referral.id,
            )
        return
    if referral.status in CLOSED_STATUSES:
        other = db.session.scalar(
            select(Referral.id)
            .where(
                Referral.client_id == client.id,
                Referral.organization_id == referral.organization_id,
                Referral.id != referral.id,
                Referral.status.in_(INVOLVING),
            )
            .limit(1)
        )
        for involvement in active:
            if involvement.referral_id == referral.id and other is not None:
                involvement.referral_id = other  # another referral keeps the agency involved
            elif involvement.referral_id == referral.id:
                involvement.ended_on = today
                involvement.version += 1
                record_change(
                    client, "involvement_changed", ["ended_on"], involvement=involvement.id, referral=referral.id
                )


def status_label(code: str) -> str:
    return str(STATUSES.get(code, code))


def cancel_with_file(client: Client, today: date) -> None:
    """A closed file keeps no open referral: each is cancelled (its history says why), and the
    agencies it brought leave the involved list."""
    for referral in db.session.scalars(
        select(Referral).where(Referral.client_id == client.id, Referral.status.in_(OPEN_STATUSES))
    ):
        move(client, referral, "cancelled", today, note=_("Akte abgeschlossen."))


def log_conference_disclosures(note, agencies, reason: str | None, user) -> None:
    """A case conference with agencies that no consent covers passed data on under an override:
    each agency joins the disclosure log (once per agency and day, also when the note is edited)."""
    on = to_local(note.occurred_at).date() if note.occurred_at else local_today()
    for agency in agencies:
        logged = db.session.scalar(
            select(Disclosure.id).where(
                Disclosure.client_id == note.client_id,
                Disclosure.organization_id == agency.id,
                Disclosure.channel == "conference",
                Disclosure.disclosed_on == on,
            )
        )
        if logged is None:
            db.session.add(
                Disclosure(
                    client_id=note.client_id,
                    organization_id=agency.id,
                    organization_name=agency.name,
                    channel="conference",
                    override_reason=reason,
                    disclosed_on=on,
                    disclosed_by_id=user.id,
                )
            )
