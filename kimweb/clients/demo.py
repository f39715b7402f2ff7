"""Demo clients for `flask seed-demo`: invented people with the tangle of problems KIM sees,
dates relative to today so that deadlines and alerts are always live. Idempotent."""

from datetime import date, timedelta

from sqlalchemy import select

from ..auth.models import Team, User
from ..directory.models import Organization
from ..extensions import db
from ..lifeareas import LifeArea
from ..timeutil import local_today
from .casenumbers import next_case_number
from .casework_models import Assessment, Consent, FollowUp, Goal, Involvement, Measure, ResidenceStatus
from .demo_people import PEOPLE
from .matching import refresh_search
from .models import Client, ClientDeputy, HouseholdMember, PhaseEntry
from .residence import refresh_deadlines

D = timedelta


def _org(fragment: str) -> Organization | None:
    return db.session.scalar(
        select(Organization).where(Organization.name.like(f"%{fragment}%")).order_by(Organization.id).limit(1)
    )


def seed_demo_clients() -> list[str]:
    users = {u.username: u for u in db.session.scalars(select(User).where(User.username.in_(("mueller", "yilmaz"))))}
    if not users:
        return []
    today = local_today()
    areas = {a.code: a for a in db.session.scalars(select(LifeArea))}
    created = []
    for person in PEOPLE:
        if person["manager"] not in users:
            continue
        exists = db.session.scalar(
            select(Client.id).where(
                Client.family_name == person["family_name"], Client.given_names == person["given_names"]
            )
        )
        if exists:
            continue
        created.append(_person(person, users, areas, today).case_number)
    return created


def _person(p: dict, users: dict, areas: dict, today: date) -> Client:
    manager = users[p["manager"]]
    district = db.session.scalar(select(Team).where(Team.id == manager.team_id))
    referred = _org(p["referred_by"]) if p.get("referred_by") else None
    client = Client(
        case_number=next_case_number(today.year),
        family_name=p["family_name"],
        given_names=p["given_names"],
        name_original=p.get("name_original"),
        other_spellings="\n".join(s.strip() for s in p.get("other_spellings", "").split(",") if s.strip()) or None,
        birth_date=p["birth_date"],
        birth_date_approximate=p.get("birth_date_approximate", False),
        gender=p.get("gender"),
        nationalities=p["nationalities"],
        languages=p["languages"],
        interpreter_needed=p.get("interpreter_needed", False),
        interpreter_language=p.get("interpreter_language"),
        street=p.get("street"),
        postcode=p.get("postcode"),
        city="Oberhausen",
        district_id=district.id if district else None,
        access_route=p["access_route"],
        referred_by_id=referred.id if referred else None,
        privacy_info_on=today - D(90),
        consent_on=today - D(90),
        consent_language=p["languages"].split()[0],
        case_manager_id=manager.id,
        phase=p["phase"],
        phase_since=today - D(14),
        created_by_id=manager.id,
    )
    for family, given, relation, born in p.get("household", []):
        client.household.append(
            HouseholdMember(family_name=family, given_names=given, relation=relation, birth_date=born)
        )
    db.session.add(client)
    db.session.flush()
    for phase in range(1, p["phase"] + 1):
        db.session.add(
            PhaseEntry(
                client_id=client.id, phase=phase, entered_on=today - D(90 - 15 * phase), entered_by_id=manager.id
            )
        )
    for s in p.get("status", []):
        values = {k: (today + D(v) if isinstance(v, int) else v) for k, v in s.items()}
        db.session.add(ResidenceStatus(client_id=client.id, created_by_id=manager.id, **values))
    for code, (need, situation) in p.get("needs", {}).items():
        if code in areas:
            db.session.add(
                Assessment(
                    client_id=client.id,
                    life_area_id=areas[code].id,
                    need=need,
                    situation=situation,
                    priority=1 if need == "urgent" else 2,
                )
            )
    for code, text, target, measures in p.get("goals", []):
        goal = Goal(
            client_id=client.id,
            life_area_id=areas[code].id if code in areas else None,
            text=text,
            target_on=today + D(target),
            status="in_progress",
        )
        for what, responsible, agency, due in measures:
            org = _org(agency) if agency else None
            goal.measures.append(
                Measure(
                    what=what, responsible=responsible, organization_id=org.id if org else None, due_on=today + D(due)
                )
            )
        db.session.add(goal)
    for agency, purpose, purposes, scope, kinds, health, given, until, revoked in p.get("consents", []):
        org = _org(agency)
        if org:
            db.session.add(
                Consent(
                    client_id=client.id,
                    organization_id=org.id,
                    purpose=purpose,
                    purposes=purposes,
                    data_scope=scope,
                    data_kinds=kinds,
                    health_data=health,
                    given_on=today + D(given),
                    valid_until=today + D(until) if until is not None else None,
                    explained_language=client.consent_language,
                    revoked_on=today + D(revoked) if revoked else None,
                    created_by_id=manager.id,
                )
            )
    for agency, role, since in p.get("involved", []):
        org = _org(agency)
        if org:
            db.session.add(Involvement(client_id=client.id, organization_id=org.id, role=role, since=today + D(since)))
    for title, due in p.get("followups", []):
        db.session.add(
            FollowUp(
                client_id=client.id,
                title=title,
                due_on=today + D(due),
                assignee_id=manager.id,
                created_by_id=manager.id,
            )
        )
    if p.get("deputy") in users:
        db.session.add(ClientDeputy(client_id=client.id, user_id=users[p["deputy"]].id, added_by_id=manager.id))
    db.session.flush()
    refresh_search(client)
    refresh_deadlines(client.id)
    return client
