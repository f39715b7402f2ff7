"""What each section of the case file shows: one context builder per section, used by the whole
page and by the fragments htmx swaps in after an edit."""

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..audit import AuditEvent
from ..auth.models import User
from ..extensions import db
from ..lifeareas import all_life_areas
from ..timeutil import local_today
from .access import is_responsible
from .casework_models import Assessment, Consent, FollowUp, Goal, Involvement, Measure
from .followups import sealed
from .models import Client, ClientDeputy, PhaseEntry
from .residence import overview

EXPIRING_DAYS = 30


@dataclass(frozen=True)
class ConsentState:
    code: str  # active / expiring / expired / revoked
    label: str
    css: str


def consent_state(consent: Consent, today: date) -> ConsentState:
    if consent.revoked_on and consent.revoked_on <= today:
        return ConsentState("revoked", _("widerrufen"), "badge-muted")
    if consent.valid_until and consent.valid_until < today:
        return ConsentState("expired", _("abgelaufen"), "badge-danger")
    if consent.valid_until and consent.valid_until <= today + timedelta(days=EXPIRING_DAYS):
        return ConsentState("expiring", _("läuft bald ab"), "badge-warn")
    return ConsentState("active", _("gültig"), "badge-ok")


def _personal(client: Client, today: date) -> dict:
    return {}


def _household(client: Client, today: date) -> dict:
    return {"members": client.household}


def _status(client: Client, today: date) -> dict:
    return {"status": overview(client.id, today)}


def _assessment(client: Client, today: date) -> dict:
    stored = {
        a.life_area_id: a for a in db.session.scalars(select(Assessment).where(Assessment.client_id == client.id))
    }
    return {"assessments": [(area, stored.get(area.id)) for area in all_life_areas()]}


def _plan(client: Client, today: date) -> dict:
    goals = db.session.scalars(
        select(Goal)
        .where(Goal.client_id == client.id)
        .options(selectinload(Goal.measures).selectinload(Measure.organization), selectinload(Goal.life_area))
        .order_by(Goal.status.in_(("done", "dropped")), Goal.target_on.is_(None), Goal.target_on, Goal.id)
    ).all()
    return {"goals": goals}


def _consents(client: Client, today: date) -> dict:
    consents = db.session.scalars(
        select(Consent)
        .where(Consent.client_id == client.id)
        .options(selectinload(Consent.organization))
        .order_by(Consent.revoked_on.is_not(None), Consent.given_on.desc(), Consent.id.desc())
    ).all()
    return {"consents": [(c, consent_state(c, today)) for c in consents]}


def _network(client: Client, today: date) -> dict:
    involved = db.session.scalars(
        select(Involvement)
        .where(Involvement.client_id == client.id)
        .options(selectinload(Involvement.organization))
        .order_by(Involvement.ended_on.is_not(None), Involvement.since.desc(), Involvement.id)
    ).all()
    consents = db.session.scalars(select(Consent).where(Consent.client_id == client.id)).all()
    best: dict[int, ConsentState] = {}
    rank = {"active": 3, "expiring": 2, "expired": 1, "revoked": 0}
    for consent in consents:
        state = consent_state(consent, today)
        if consent.organization_id not in best or rank[state.code] > rank[best[consent.organization_id].code]:
            best[consent.organization_id] = state
    return {"involved": [(i, best.get(i.organization_id)) for i in involved]}


def _followups(client: Client, today: date) -> dict:
    items = db.session.scalars(
        select(FollowUp)
        .where(FollowUp.client_id == client.id)
        .options(selectinload(FollowUp.assignee))
        .order_by(FollowUp.done_at.is_not(None), FollowUp.due_on, FollowUp.id)
    ).all()
    return {"followups": items, "sealed_followups": sealed(items)}


def _phase(client: Client, today: date) -> dict:
    entries = db.session.scalars(
        select(PhaseEntry)
        .where(PhaseEntry.client_id == client.id)
        .options(selectinload(PhaseEntry.entered_by))
        .order_by(PhaseEntry.entered_at.desc(), PhaseEntry.id.desc())
    ).all()
    return {"phase_entries": entries}


def _deputies(client: Client, today: date) -> dict:
    deputies = db.session.scalars(
        select(User)
        .join(ClientDeputy, ClientDeputy.user_id == User.id)
        .where(ClientDeputy.client_id == client.id)
        .order_by(User.display_name)
    ).all()
    return {"deputies": deputies}


OPENINGS_SHOWN = 50


def _openings(client: Client, today: date) -> dict:
    if not is_responsible(client):
        return {"openings": None}
    events = db.session.execute(
        select(AuditEvent.at, User.display_name, AuditEvent.username)
        .outerjoin(User, User.id == AuditEvent.user_id)
        .where(
            AuditEvent.object_type == "client",
            AuditEvent.object_id == str(client.id),
            AuditEvent.action == "client.opened",
        )
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(OPENINGS_SHOWN)
    ).all()
    return {"openings": events}


SECTIONS = {
    "personal": ("clients/sections/_personal.html", _personal),
    "household": ("clients/sections/_household.html", _household),
    "status": ("clients/sections/_status.html", _status),
    "assessment": ("clients/sections/_assessment.html", _assessment),
    "plan": ("clients/sections/_plan.html", _plan),
    "consents": ("clients/sections/_consents.html", _consents),
    "network": ("clients/sections/_network.html", _network),
    "followups": ("clients/sections/_followups.html", _followups),
    "phase": ("clients/sections/_phase.html", _phase),
    "deputies": ("clients/sections/_deputies.html", _deputies),
    "openings": ("clients/sections/_openings.html", _openings),
}


def section_context(client: Client, name: str, today: date | None = None) -> dict:
    today = today or local_today()
    return {
        "client": client,
        "today": today,
        "responsible": is_responsible(client, current_user),
        **SECTIONS[name][1](client, today),
    }


def file_context(client: Client) -> dict:
    today = local_today()
    context = {"client": client, "today": today, "responsible": is_responsible(client, current_user)}
    for _template, build in SECTIONS.values():
        context.update(build(client, today))
    return context
