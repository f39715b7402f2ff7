"""The case file's first screen: who this is, what is due (soonest first), the situation per life
area, who is involved and the latest contacts, in a handful of queries. The header's list of
what is due is built here too, for the page and for the out-of-band refresh after a save."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import Date, Integer, String, bindparam, cast, literal_column, null, or_, select, union_all
from sqlalchemy.orm import joinedload

from ..auth.models import User
from ..contributions import CLIENT_FILE, DueItem, due_items, first_screen_parts
from ..deadlines import Alert, status_alerts
from ..directory.models import Organization
from ..extensions import db
from ..lifeareas import LifeArea
from ..timeutil import local_today
from .casework_models import Assessment, Consent, FollowUp, Goal, InvolvedPerson, Involvement
from .choices import PERSON_KINDS
from .consent_states import ConsentState, consent_state
from .followups import sealed
from .models import Client, ClientDeputy
from .residence import current_record, history

# How many of the due items the header lists; the rest are one click away (section "due").
DUE_SHOWN = 6
# Follow-ups further ahead than this are planned, not due: they stay in their section.
FOLLOW_UP_HORIZON = timedelta(days=30)
OPEN_GOAL = ("open", "in_progress")


def section_url(client: Client, name: str, anchor: str | None = None) -> str:
    return url_for("clients.section", client_id=client.id, name=name, _anchor=anchor)


def severity(due: date, today: date) -> str:
    if due < today:
        return "overdue"
    if due <= today + timedelta(days=7):
        return "urgent"
    return "soon"


@dataclass(frozen=True)
class Due:
    """What the header lists: the contributed items and the file's own, soonest first."""

    items: list[DueItem]
    today: date

    @property
    def shown(self) -> list[DueItem]:
        return self.items[:DUE_SHOWN]

    @property
    def more(self) -> int:
        return max(0, len(self.items) - DUE_SHOWN)


# The first screen's statements are built once, with the file (and the day) as bound parameters:
# building a statement and its cache key costs more than running it (a UNION of three SELECTs
# about 0.8 ms, its execution about 0.1 ms), and the file is opened all day long.


@cache
def _followups_statement():
    return (
        select(FollowUp)
        .where(FollowUp.client_id == bindparam("client_id"), FollowUp.done_at.is_(None))
        .order_by(FollowUp.due_on, FollowUp.id)
    )


@cache
def _consents_statement():
    return select(Consent).where(Consent.client_id == bindparam("client_id")).options(joinedload(Consent.organization))


def _followups(client: Client) -> list[FollowUp]:
    return list(db.session.scalars(_followups_statement(), {"client_id": client.id}))


def _consents(client: Client) -> list[Consent]:
    return list(db.session.scalars(_consents_statement(), {"client_id": client.id}))


def _status_alerts(client: Client, today: date) -> list[Alert]:
    """The current residence status's alerts (who checked them is the status section's business)."""
    current = current_record(history(client.id))
    return status_alerts(current, today) if current is not None else []


def due_list(
    client: Client, today: date, alerts: list[Alert], followups: list[FollowUp], consents: list[Consent]
) -> Due:
    items: list[DueItem] = []
    for alert in alerts:
        items.append(DueItem(alert.due, _("Aufenthalt"), alert.label, section_url(client, "status"), alert.severity))
    hidden = sealed(followups)
    for f in followups:
        if f.due_on <= today + FOLLOW_UP_HORIZON:
            title = _("Vertrauliche Wiedervorlage") if f.id in hidden else f.title
            items.append(DueItem(f.due_on, _("Wiedervorlage"), title, section_url(client, "followups")))
    for consent in consents:
        state = consent_state(consent, today)
        if state.code in ("expiring", "expired") and consent.valid_until:
            items.append(
                DueItem(
                    consent.valid_until,
                    _("Einwilligung"),
                    _("Einwilligung %(agency)s", agency=consent.organization.name),
                    section_url(client, "consents"),
                    "overdue" if state.code == "expired" else "soon",
                    _("gültig bis %(date)s", date=consent.valid_until.strftime("%d.%m.%Y")),
                )
            )
    items.extend(due_items(client))
    items = [
        item if item.severity else DueItem(**{**item.__dict__, "severity": severity(item.due, today)}) for item in items
    ]
    return Due(sorted(items, key=lambda item: (item.due, item.kind)), today)


def due_context(client: Client) -> dict:
    """The header's list of what is due, queried on its own (the out-of-band refresh, section)."""
    today = local_today()
    return {"due": due_list(client, today, _status_alerts(client, today), _followups(client), _consents(client))}


@dataclass
class AreaLine:
    """One life area on the first screen: its need and priority, and its open goals."""

    label: str
    sort_order: int
    need: str | None = None
    priority: int | None = None
    goals: list[tuple[str, date | None]] = field(default_factory=list)


@dataclass(frozen=True)
class Involved:
    """One line of "who is involved": an agency (with its consent state) or a person."""

    name: str
    role: str
    contact: str
    since: date | None
    consent: ConsentState | None
    agency: bool


# The area's name as a correlated subquery: a join would let SQLite start from the life area and
# read every client's assessments of it (60 ms at 100,000 clients instead of well under one).
def _area_label(column):
    return select(LifeArea.label).where(LifeArea.id == column).scalar_subquery()


def _area_order(column):
    return select(LifeArea.sort_order).where(LifeArea.id == column).scalar_subquery()


@cache
def _life_areas_statement():
    assessed = select(
        literal_column("'a'", String),
        Assessment.life_area_id,
        _area_label(Assessment.life_area_id),
        _area_order(Assessment.life_area_id),
        Assessment.need,
        Assessment.priority,
        cast(null(), String(1000)),
        cast(null(), Date),
    ).where(Assessment.client_id == bindparam("client_id"), Assessment.need != "none")
    goals = select(
        literal_column("'g'", String),
        Goal.life_area_id,
        _area_label(Goal.life_area_id),
        _area_order(Goal.life_area_id),
        cast(null(), String(10)),
        cast(null(), Integer),
        Goal.text,
        Goal.target_on,
    ).where(Goal.client_id == bindparam("client_id"), Goal.status.in_(OPEN_GOAL), Goal.life_area_id.is_not(None))
    return union_all(assessed, goals)


def _life_areas(client: Client) -> list[AreaLine]:
    """The areas with a need or an open goal, most urgent first: assessments and goals in one
    statement (UNION ALL), the area's name looked up per row."""
    lines: dict[int, AreaLine] = {}
    rows: list[Any] = list(db.session.execute(_life_areas_statement(), {"client_id": client.id}))
    for source, area_id, label, sort_order, need, priority, text, target_on in rows:
        line = lines.setdefault(area_id, AreaLine(label, sort_order))
        if source == "a":
            line.need, line.priority = need, priority
        else:
            line.goals.append((text, target_on))
    for line in lines.values():
        line.goals.sort(key=lambda goal: (goal[1] is None, goal[1] or date.max))
    rank = {"urgent": 0, "some": 1}
    return sorted(lines.values(), key=lambda line: (rank.get(line.need or "", 2), line.priority or 9, line.sort_order))


@cache
def _involved_statement():
    client_id, today = bindparam("client_id"), bindparam("today")
    agencies = (
        select(
            literal_column("'a'", String),
            Involvement.id,
            Organization.name,
            Involvement.role,
            Involvement.contact_person,
            cast(null(), String(200)),
            Involvement.since,
            Involvement.organization_id,
            cast(null(), String(20)),
        )
        .join(Organization, Organization.id == Involvement.organization_id)
        .where(Involvement.client_id == client_id, or_(Involvement.ended_on.is_(None), Involvement.ended_on >= today))
    )
    persons = select(
        literal_column("'p'", String),
        InvolvedPerson.id,
        InvolvedPerson.name,
        InvolvedPerson.role,
        InvolvedPerson.phone,
        InvolvedPerson.email,
        InvolvedPerson.since,
        cast(null(), Integer),
        InvolvedPerson.kind,
    ).where(
        InvolvedPerson.client_id == client_id,
        or_(InvolvedPerson.ended_on.is_(None), InvolvedPerson.ended_on >= today),
    )
    stand_ins = (
        select(
            literal_column("'d'", String),
            User.id,
            User.display_name,
            cast(null(), String(200)),
            cast(null(), String(200)),
            cast(null(), String(200)),
            cast(null(), Date),
            cast(null(), Integer),
            cast(null(), String(20)),
        )
        .join(ClientDeputy, ClientDeputy.user_id == User.id)
        .where(ClientDeputy.client_id == client_id)
    )
    return union_all(agencies, persons, stand_ins)


def _involved(client: Client, consents: list[Consent], today: date) -> tuple[list[Involved], list[str]]:
    """Agencies and persons involved now, agencies first, and the file's deputies: the people
    around the file in one statement (UNION ALL)."""
    rank = {"active": 3, "expiring": 2, "expired": 1, "revoked": 0}
    best: dict[int, ConsentState] = {}
    for consent in consents:
        state = consent_state(consent, today)
        if consent.organization_id not in best or rank[state.code] > rank[best[consent.organization_id].code]:
            best[consent.organization_id] = state
    rows: list[Any] = sorted(
        db.session.execute(_involved_statement(), {"client_id": client.id, "today": today}),
        key=lambda row: (row[0], row[1]),
    )
    found = []
    names = []
    for source, _id, name, role, contact, email, since, organization_id, kind in rows:
        if source == "a":
            found.append(Involved(name, role or "", contact or "", since, best.get(organization_id), True))
        elif source == "p":
            what = " · ".join(x for x in (str(PERSON_KINDS.get(kind, kind)), role) if x)
            found.append(Involved(name, what, " · ".join(x for x in (contact, email) if x), since, None, False))
        else:
            names.append(name)
    return found, sorted(names)


def deputies(client: Client) -> list[str]:
    """The names of the file's deputies (the first screen reads them with who is involved)."""
    return list(
        db.session.scalars(
            select(User.display_name)
            .join(ClientDeputy, ClientDeputy.user_id == User.id)
            .where(ClientDeputy.client_id == client.id)
            .order_by(User.display_name)
        )
    )


def age(birth: date | None, today: date) -> int | None:
    if birth is None:
        return None
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def glance_context(client: Client) -> dict:
    """Everything the first screen (and the case summary) shows."""
    today = local_today()
    consents = _consents(client)
    contributed = {"parts": first_screen_parts(CLIENT_FILE, client)}
    involved, deputy_names = _involved(client, consents, today)
    return {
        "client": client,
        "today": today,
        "age": age(client.birth_date, today),
        "deputies": deputy_names,
        "due": due_list(client, today, _status_alerts(client, today), _followups(client), consents),
        "areas": _life_areas(client),
        "involved": involved,
        **contributed,
    }
