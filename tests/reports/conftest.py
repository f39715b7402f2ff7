"""A small world with known figures for the KIM reports: the first quarter of 2026, two teams,
three case managers, eight files with openings, closings (one on the last day), a reopening and a
reassignment across teams, contacts, statuses, plan and a referral."""

from dataclasses import dataclass
from datetime import date, datetime

import pytest
from sqlalchemy import select

from kimweb.auth.models import Traeger, User
from kimweb.clients.assignments import reassign
from kimweb.clients.casework_models import Assessment, Goal, Measure, ResidenceStatus
from kimweb.clients.models import Client, HouseholdMember, PhaseEntry
from kimweb.extensions import db
from kimweb.lifeareas import LifeArea
from kimweb.notes.models import ContactNote
from kimweb.referrals.models import Referral, ReferralEvent

START, END = date(2026, 1, 1), date(2026, 3, 31)
TODAY = date(2026, 12, 7)


@dataclass
class World:
    a1: User  # Osterfeld, Caritas
    a2: User  # Osterfeld, DRK
    b: User  # Sterkrade-Mitte, Caritas
    lead: User  # team lead of Osterfeld
    files: dict[str, Client]
    area: LifeArea


def traeger(name: str) -> int:
    found = db.session.scalar(select(Traeger.id).where(Traeger.name == name))
    assert found is not None
    return found


def _file(number, manager, opened: date, *, closed=None, reason=None, reopened=None, **fields) -> Client:
    client = Client(
        case_number=f"T-{number}",
        family_name=f"Geheimname{number}",
        given_names="Vorname",
        birth_date=date(1990, 5, 17),
        case_manager_id=manager.id,
        district_id=manager.team_id,
        phase=1,
        created_at=datetime.combine(opened, datetime.min.time()).replace(hour=9),
        **fields,
    )
    db.session.add(client)
    db.session.flush()
    db.session.add(PhaseEntry(client_id=client.id, phase=1, entered_on=opened))
    if closed:
        db.session.add(PhaseEntry(client_id=client.id, phase=7, entered_on=closed, closure_reason=reason))
        client.phase = 7
    if reopened:
        db.session.add(PhaseEntry(client_id=client.id, phase=3, entered_on=reopened, reopened=True))
        client.phase = 3
    return client


def _note(client, author, at: datetime, kind: str, minutes: int, deleted=False):
    db.session.add(
        ContactNote(
            client_id=client.id,
            author_id=author.id,
            occurred_at=at,
            kind=kind,
            duration_minutes=minutes,
            text="vertraulicher Text",
            deleted_at=datetime(2026, 3, 1) if deleted else None,
        )
    )


@pytest.fixture
def world(app, make_user) -> World:
    a1 = make_user("case_manager", team="Osterfeld", traeger_id=traeger("Caritas"))
    a2 = make_user("case_manager", team="Osterfeld", traeger_id=traeger("DRK"))
    b = make_user("case_manager", team="Sterkrade-Mitte", traeger_id=traeger("Caritas"))
    lead = make_user("team_lead", team="Osterfeld")
    files = {
        "old": _file(1, a1, date(2025, 6, 1), gender="female", nationalities="SY", languages="ar"),
        "new": _file(2, a1, date(2026, 2, 10), access_route="walk_in", gender="male", nationalities="SY UA"),
        "closed_last_day": _file(3, a2, date(2025, 10, 1), closed=date(2026, 3, 31), reason="goals_met"),
        "closed_after": _file(4, a2, date(2025, 11, 1), closed=date(2026, 4, 1), reason="moved_away"),
        "reopened": _file(
            5, a1, date(2025, 5, 1), closed=date(2026, 1, 15), reason="moved_away", reopened=date(2026, 2, 1)
        ),
        "reassigned": _file(6, a1, date(2025, 12, 1)),
        "before": _file(7, a1, date(2025, 1, 1), closed=date(2025, 12, 31), reason="goals_met"),
        "first_day": _file(8, a2, date(2026, 1, 1), access_route="self", interpreter_needed=True),
    }
    db.session.flush()
    reassign(files["reassigned"], b.id, by_id=lead.id, on=date(2026, 2, 15), reason="Umzug in anderen Sozialraum")
    new = files["new"]
    db.session.add_all(
        [
            HouseholdMember(client_id=new.id, family_name="X", relation="spouse"),
            HouseholdMember(client_id=new.id, family_name="Y", relation="child"),
        ]
    )
    # Contacts: one for team A before the reassignment, one for team B after it; one outside the
    # period and one deleted, neither counted.
    reassigned = files["reassigned"]
    _note(reassigned, a1, datetime(2026, 1, 20, 9), "phone", 30)
    _note(reassigned, b, datetime(2026, 3, 1, 9), "in_person", 60)
    _note(files["old"], a1, datetime(2026, 2, 2, 9), "case_conference", 90)
    _note(files["old"], a1, datetime(2025, 12, 20, 9), "phone", 15)
    _note(files["old"], a1, datetime(2026, 2, 3, 9), "phone", 15, deleted=True)
    # Residence status: Duldung -> Aufenthaltserlaubnis (renewed in time), befristet -> unbefristet,
    # befristet -> eingebürgert; one permit that ran out without an application (missed).
    db.session.add_all(
        [
            ResidenceStatus(
                client_id=new.id, status_type="duldung_60a", valid_from=date(2025, 1, 1), valid_until=date(2026, 3, 5)
            ),
            ResidenceStatus(client_id=new.id, status_type="aufenthaltserlaubnis", valid_from=date(2026, 3, 1)),
            ResidenceStatus(client_id=files["old"].id, status_type="aufenthaltserlaubnis", valid_from=date(2024, 1, 1)),
            ResidenceStatus(
                client_id=files["old"].id, status_type="niederlassungserlaubnis", valid_from=date(2026, 2, 1)
            ),
            ResidenceStatus(
                client_id=files["closed_last_day"].id, status_type="aufenthaltserlaubnis", valid_from=date(2023, 1, 1)
            ),
            ResidenceStatus(
                client_id=files["closed_last_day"].id, status_type="eingebuergert", valid_from=date(2026, 3, 15)
            ),
            ResidenceStatus(
                client_id=files["closed_after"].id,
                status_type="aufenthaltserlaubnis",
                valid_from=date(2025, 3, 1),
                valid_until=date(2026, 2, 28),
            ),
        ]
    )
    area = db.session.scalar(select(LifeArea).where(LifeArea.code == "arbeit"))
    db.session.add_all(
        [
            Assessment(client_id=new.id, life_area_id=area.id, need="urgent"),
            Assessment(client_id=files["old"].id, life_area_id=area.id, need="some"),
        ]
    )
    goal = Goal(
        client_id=new.id,
        text="Arbeit finden",
        life_area_id=area.id,
        created_at=datetime(2026, 2, 11, 10),
        attainment="achieved",
        evaluated_on=date(2026, 3, 20),
    )
    old_goal = Goal(
        client_id=files["old"].id,
        text="Sprachkurs",
        life_area_id=area.id,
        created_at=datetime(2025, 7, 1, 10),
        attainment="partly",
        evaluated_on=date(2026, 2, 1),
    )
    db.session.add_all([goal, old_goal])
    db.session.flush()
    db.session.add(Measure(goal_id=goal.id, what="Bewerbung", done_on=date(2026, 3, 1)))
    referral = Referral(
        client_id=new.id,
        service_name="Beratung",
        organization_name="Jobcenter Test",
        reason="Arbeit",
        channel="phone",
        status="done",
        created_at=datetime(2026, 2, 12, 10),
    )
    db.session.add(referral)
    db.session.flush()
    db.session.add_all(
        [
            ReferralEvent(referral_id=referral.id, status="sent", at=datetime(2026, 2, 12, 10)),
            ReferralEvent(referral_id=referral.id, status="accepted", at=datetime(2026, 3, 1, 10)),
            ReferralEvent(referral_id=referral.id, status="done", at=datetime(2026, 4, 5, 10)),
        ]
    )
    db.session.commit()
    return World(a1, a2, b, lead, files, area)
