"""Reading referrals: a file's referrals and disclosures, the open referrals of my files or my
team's, the start-page panel, and what the directory learns (counts only, no client data)."""

from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import selectinload

from ..clients.access import visibility
from ..clients.choices import CLOSED_PHASE
from ..clients.models import Client
from ..contributions import DueItem
from ..extensions import db
from ..timeutil import local_today
from .choices import OPEN_STATUSES
from .models import Disclosure, Referral

PANEL_DAYS = 7
STATS_DAYS = 365
# Below this many, a median says more about single people than about the service.
MEDIAN_FROM = 3
# Where a referral stands now that counts as "accepted" for the directory's figures (one that
# had an appointment and was declined later does not count).
ACCEPTED = ("appointment", "accepted", "done")


def proposes_no_response(referral: Referral, today: date | None = None) -> bool:
    """Its follow-up date has passed without an answer from the agency: "keine Rückmeldung?"."""
    today = today or local_today()
    return (
        referral.status in ("sent", "appointment")
        and referral.follow_up_on is not None
        and referral.follow_up_on < today
    )


def file_context(client: Client) -> dict:
    referrals = db.session.scalars(
        select(Referral)
        .where(Referral.client_id == client.id)
        .options(selectinload(Referral.life_area))
        .order_by(Referral.status.not_in(OPEN_STATUSES), Referral.created_at.desc(), Referral.id.desc())
    ).all()
    disclosures = db.session.scalars(
        select(Disclosure)
        .where(Disclosure.client_id == client.id)
        .options(selectinload(Disclosure.disclosed_by), selectinload(Disclosure.consent))
        .order_by(Disclosure.disclosed_on.desc(), Disclosure.id.desc())
    ).all()
    return {"referrals": referrals, "disclosures": disclosures, "today": local_today()}


def open_referrals(
    user, *, overdue_only: bool = False, own_only: bool = False, due_within: int | None = None, limit: int = 200
) -> list:
    """(Referral, Client) of the open files `user` may open, follow-up date first: all open
    referrals, or those overdue, or those to follow up within `due_within` days; `own_only`
    leaves out deputyships and the rest of the team."""
    today = local_today()
    query = (
        select(Referral, Client)
        .join(Client, Client.id == Referral.client_id)
        .where(visibility(user), Client.phase < CLOSED_PHASE, Referral.status.in_(OPEN_STATUSES))
    )
    if not own_only:
        # Own files need no query for their case manager: it is `user`, in the session already.
        query = query.options(selectinload(Client.case_manager))
    if overdue_only:
        query = query.where(Referral.follow_up_on < today)
    if due_within is not None:
        query = query.where(Referral.follow_up_on <= today + timedelta(days=due_within))
    if own_only:
        query = query.where(Client.case_manager_id == user.id)
    return list(db.session.execute(query.order_by(Referral.follow_up_on, Referral.id).limit(limit)))


def panel_context() -> dict:
    rows = open_referrals(current_user, own_only=True, due_within=PANEL_DAYS, limit=30)
    return {"rows": rows, "today": local_today()}


@dataclass(frozen=True)
class ServiceStats:
    referred: int
    accepted: int
    median_days: float | None
    with_appointment: int

    @property
    def accepted_share(self) -> int | None:
        return round(100 * self.accepted / self.referred) if self.referred else None


def service_stats(service_id: int, today: date | None = None) -> ServiceStats:
    """Referrals sent to the service in the last 12 months: how many, the share the agency took
    on, and the median days from sent to the appointment. Only counts leave this function."""
    today = today or local_today()
    since = today - timedelta(days=STATS_DAYS)
    rows = db.session.execute(
        select(Referral.sent_on, Referral.appointment_on, Referral.status.in_(ACCEPTED)).where(
            Referral.service_id == service_id, Referral.sent_on.is_not(None), Referral.sent_on >= since
        )
    ).all()
    waits = [(appointment - sent).days for sent, appointment, _ in rows if sent and appointment and appointment >= sent]
    return ServiceStats(
        referred=len(rows),
        accepted=sum(1 for *_, yes in rows if yes),
        median_days=median(waits) if len(waits) >= MEDIAN_FROM else None,
        with_appointment=len(waits),
    )


def team_counts(user) -> dict[str, int]:
    """Open referrals by state in the files `user` may open."""
    return dict(
        db.session.execute(
            select(Referral.status, func.count())
            .join(Client, Client.id == Referral.client_id)
            .where(visibility(user), Client.phase < CLOSED_PHASE, Referral.status.in_(OPEN_STATUSES))
            .group_by(Referral.status)
        ).all()
    )


# Built once (the case file's first screen asks on every opening); the file is a bound parameter.
_DUE = (
    select(Referral)
    .where(
        Referral.client_id == bindparam("client_id"),
        Referral.status.in_(OPEN_STATUSES),
        Referral.follow_up_on.is_not(None),
    )
    .order_by(Referral.follow_up_on, Referral.id)
)


def due_referrals(client: Client) -> list[DueItem]:
    """Open referrals of a file with a day to follow them up: among what is due in the file."""
    referrals = db.session.scalars(_DUE, {"client_id": client.id})
    return [
        DueItem(
            r.follow_up_on,
            _("Nachhalten"),
            f"{r.service_name} ({r.organization_name})",
            url_for("referrals.detail", client_id=client.id, referral_id=r.id),
        )
        for r in referrals
        if r.follow_up_on is not None
    ]
