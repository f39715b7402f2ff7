"""What each section of the case file shows: one context builder per section, used by the whole
page and by the fragments htmx swaps in after an edit."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..audit import AuditEvent
from ..auth.models import User
from ..extensions import db
from ..lifeareas import all_life_areas
from ..timeutil import local_today
from .access import is_responsible
from .casework_models import Assessment, Consent, FollowUp, Goal, InvolvedPerson, Involvement, Measure
from .consent_states import ConsentState, consent_state
from .followups import sealed
from .glance import due_context
from .models import Client, ClientDeputy, PhaseEntry
from .residence import overview


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
    persons = db.session.scalars(
        select(InvolvedPerson)
        .where(InvolvedPerson.client_id == client.id)
        .order_by(InvolvedPerson.ended_on.is_not(None), InvolvedPerson.id)
    ).all()
    return {"involved": [(i, best.get(i.organization_id)) for i in involved], "persons": persons}


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
# Reads of one person within this gap are one visit to the file (every fragment, edit form and
# section is audited as a read; the list shows visits, not requests).
VISIT_GAP = timedelta(minutes=30)
# How many audit rows are grouped into visits for the list.
OPENINGS_READ = 2000


@dataclass(frozen=True)
class Opening:
    """One visit of one person to the file: from its first read to its last."""

    user_id: int | None
    name: str
    first: datetime
    last: datetime
    reads: int


def visits(events, gap: timedelta = VISIT_GAP) -> list[Opening]:
    """Audit rows (at, user_id, name), newest first, grouped into visits per person, newest first."""
    grouped: list[Opening] = []
    open_visit: dict[object, int] = {}  # person -> index in grouped of their visit being built
    for at, user_id, name in events:
        key = user_id if user_id is not None else name
        index = open_visit.get(key)
        if index is not None and grouped[index].first - at <= gap:
            visit = grouped[index]
            grouped[index] = Opening(visit.user_id, visit.name, at, visit.last, visit.reads + 1)
            continue
        open_visit[key] = len(grouped)
        grouped.append(Opening(user_id, name or "–", at, at, 1))
    return grouped


def _openings(client: Client, today: date) -> dict:
    if not is_responsible(client):
        return {"openings": None}
    events = db.session.execute(
        select(AuditEvent.at, AuditEvent.user_id, func.coalesce(User.display_name, AuditEvent.username))
        .outerjoin(User, User.id == AuditEvent.user_id)
        .where(
            AuditEvent.object_type == "client",
            AuditEvent.object_id == str(client.id),
            AuditEvent.action == "client.opened",
        )
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(OPENINGS_READ)
    ).all()
    openings = visits(events)[:OPENINGS_SHOWN]
    current = next((o for o in openings if o.user_id == current_user.id), None)
    return {"openings": openings, "current_opening": current}


def _due(client: Client, today: date) -> dict:
    return due_context(client)


SECTIONS = {
    "due": ("clients/sections/_due.html", _due),
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


# The sections' names in the file's list of sections, in the order shown.
SECTION_LABELS = {
    "status": _l("Aufenthalt"),
    "plan": _l("Hilfeplan"),
    "assessment": _l("Einschätzung"),
    "consents": _l("Einwilligungen"),
    "network": _l("Beteiligte"),
    "followups": _l("Wiedervorlagen"),
    "personal": _l("Stammdaten"),
    "household": _l("Haushalt"),
    "phase": _l("Phasen"),
    "deputies": _l("Vertretung"),
    "due": _l("Alles Fällige"),
    "openings": _l("Wer hat geöffnet"),
}


def section_context(client: Client, name: str, today: date | None = None) -> dict:
    today = today or local_today()
    return {
        "client": client,
        "today": today,
        "responsible": is_responsible(client, current_user),
        **SECTIONS[name][1](client, today),
    }
