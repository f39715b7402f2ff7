"""What the team lead's overview counts per case manager, as caseload filters ("needs attention"):
registered with the caseload at start-up, so a count on the overview and the list behind its link
come from one condition."""

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, exists, or_

from ..clients.caseload import Watch, register_watch
from ..clients.casework_models import ClientDeadline, Consent, FollowUp
from ..clients.models import Client
from ..notes.models import ContactNote, NoteLetter
from ..referrals.models import Referral
from ..timeutil import day_start_utc

CONSENT_DAYS = 30
NO_CONTACT_DAYS = 56  # eight weeks


def new_this_month(today: date):
    return Client.created_at >= day_start_utc(today.replace(day=1))


def follow_up_overdue(today: date):
    return exists().where(FollowUp.client_id == Client.id, FollowUp.done_at.is_(None), FollowUp.due_on < today)


def deadline_overdue(today: date):
    return or_(
        exists().where(
            ClientDeadline.client_id == Client.id, ClientDeadline.after_due.is_(True), ClientDeadline.due < today
        ),
        exists().where(NoteLetter.client_id == Client.id, NoteLetter.status == "open", NoteLetter.deadline < today),
    )


def consent_expiring(today: date):
    return exists().where(
        Consent.client_id == Client.id,
        Consent.revoked_on.is_(None),
        and_(Consent.valid_until >= today, Consent.valid_until <= today + timedelta(days=CONSENT_DAYS)),
    )


def referral_waiting(today: date):
    return exists().where(Referral.client_id == Client.id, Referral.status == "sent")


def no_recent_contact(today: date):
    since = day_start_utc(today - timedelta(days=NO_CONTACT_DAYS))
    return ~exists().where(
        ContactNote.client_id == Client.id, ContactNote.deleted_at.is_(None), ContactNote.occurred_at >= since
    )


WATCHES = (
    Watch("neu", _l("neu in diesem Monat"), new_this_month),
    Watch("wiedervorlage", _l("Wiedervorlage überfällig"), follow_up_overdue),
    Watch("frist", _l("Frist überschritten"), deadline_overdue),
    Watch("einwilligung", _l("Einwilligung läuft in 30 Tagen ab"), consent_expiring),
    Watch("vermittlung", _l("Vermittlung wartet auf Antwort"), referral_waiting),
    Watch("kontakt", _l("letzter Kontakt vor mehr als 8 Wochen"), no_recent_contact),
)


def register() -> None:
    for watch in WATCHES:
        register_watch(watch)
