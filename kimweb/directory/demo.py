"""Demo seeder: the fictional agencies of demo_data.py with hours, contacts and languages (idempotent)."""

import uuid
from datetime import time, timedelta

from sqlalchemy import select

from ..auth.models import Team
from ..extensions import db
from ..lifeareas import LifeArea
from ..textfold import fold
from ..timeutil import local_today
from .demo_data import AGENCIES
from .models import (
    Contact,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceLanguage,
)
from .search import indexing
from .upkeep_models import Tip

DEMO_NAMESPACE = uuid.UUID("0c4e2b8e-8d55-4d43-b0a5-5a1c3b7d9e21")
DAYS = {"Mo": 1, "Di": 2, "Mi": 3, "Do": 4, "Fr": 5, "Sa": 6, "So": 7}


def _id(*parts) -> str:
    return str(uuid.uuid5(DEMO_NAMESPACE, "/".join(parts)))


def parse_slots(spec: str):
    """'Mo,Di 08:00-12:00 walk_in | Do 14:00-18:00 appointment' -> (weekday, opens, closes, attending)."""
    for part in filter(None, (p.strip() for p in spec.split("|"))):
        days, span, attending = part.split()
        start, end = span.split("-")
        for day in days.split(","):
            yield DAYS[day], time.fromisoformat(start), time.fromisoformat(end), attending


def seed_directory() -> list[str]:
    teams = {t.name: t for t in db.session.scalars(select(Team))}
    areas = {a.code: a for a in db.session.scalars(select(LifeArea))}
    existing = set(db.session.scalars(select(Organization.uuid)))
    today = local_today()
    created, touched = [], []
    for spec in AGENCIES:
        org_uuid = _id("org", spec["name"])
        if org_uuid in existing:
            continue
        organization = Organization(
            uuid=org_uuid,
            name=spec["name"],
            alternate_name=spec["alt"],
            legal_status=spec["legal"],
            email=spec["email"],
            url=spec["url"],
        )
        db.session.add(organization)
        db.session.flush()
        db.session.add(
            Phone(
                uuid=_id("orgphone", spec["name"]),
                organization_id=organization.id,
                number=spec["phone"],
                type="voice",
                description="Zentrale",
            )
        )
        district = teams.get(spec["district"])
        location = Location(
            uuid=_id("loc", spec["name"]),
            organization_id=organization.id,
            name=spec["alt"] or spec["name"].split(" (Demo)")[0],
            address_1=spec["street"],
            postal_code=spec["postcode"],
            city="Oberhausen",
            country="DE",
            district_id=district.id if district else None,
            address_confidential=spec["confidential"],
            step_free=spec["step_free"],
            transportation=spec["transport"] or f"Bus bis Haltestelle {spec['street'].rsplit(' ', 1)[0]}",
        )
        db.session.add(location)
        db.session.flush()
        for number, s in enumerate(spec["services"]):
            service = _service(s, organization, location, areas, teams, today, f"{spec['name']}/{number}")
            touched.append(service.id)
        created.append(spec["name"])
    if touched:
        indexing.reindex(touched)
    return created


def _service(s: dict, organization, location, areas, teams, today, key: str) -> Service:
    channel, address, note = s["referral"] or (None, None, None)
    service = Service(
        uuid=_id("svc", key),
        organization_id=organization.id,
        name=s["name"],
        sort_key=fold(s["name"])[:200],
        description=s["description"],
        status=s["status"],
        alert=s["alert"],
        intake_mode=s["intake"],
        capacity=s["capacity"],
        wait_days=s["wait"],
        capacity_updated_on=today - timedelta(days=min(s["checked"], 60)),
        documents_required=s["documents"],
        referral_channel=channel,
        referral_address=address,
        referral_note=note,
        eligibility=s["eligibility"],
        fees=s["fees"],
        last_verified_on=today - timedelta(days=s["checked"]),
        last_verified_method="phone",
        next_review_on=today - timedelta(days=s["checked"]) + timedelta(days=365),
        application_process="Bitte vorher anrufen." if s["intake"] == "appointment" else None,
    )
    service.life_areas = [areas[code] for code in s["areas"]]
    db.session.add(service)
    db.session.flush()
    service.at_locations.append(ServiceAtLocation(uuid=_id("sal", key), location_id=location.id))
    for name in s["districts"]:
        service.areas.append(ServiceArea(uuid=_id("area", key, name), district_id=teams[name].id))
    for number, (weekday, opens, closes, attending) in enumerate(parse_slots(s["hours"])):
        service.schedules.append(
            Schedule(
                uuid=_id("slot", key, str(number)),
                weekday=weekday,
                opens_at=opens,
                closes_at=closes,
                attending=attending,
                location_id=location.id,
            )
        )
    for item in filter(None, s["languages"].split(",")):
        code, mode = item.split(":")
        service.languages.append(ServiceLanguage(uuid=_id("lang", key, item), code=code, mode=mode))
    for number, (name, title, responsibility, phone, email, visibility) in enumerate(s["contacts"]):
        contact = Contact(
            uuid=_id("contact", key, str(number)),
            organization_id=organization.id,
            name=name,
            title=title,
            department=None,
            responsibility=responsibility,
            email=email,
            visibility=visibility,
        )
        service.contacts.append(contact)
        db.session.flush()
        if phone:
            db.session.add(
                Phone(uuid=_id("phone", key, str(number)), contact_id=contact.id, number=phone, type="voice")
            )
    if "Dolmetscherpool" in s["name"] or "Aufenthaltstitel" in s["name"]:
        db.session.add(
            Tip(
                service_id=service.id,
                text="Termine für Dolmetschung früh anfragen; dienstags ist es oft ruhiger."
                if "Dolmetscher" in s["name"]
                else "Bei drohendem Jobverlust die "
                "Arbeitgeberbescheinigung gleich mitschicken, dann geht es schneller.",
                review_on=today + timedelta(days=180),
            )
        )
    return service
