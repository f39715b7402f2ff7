"""The rows of each HSDS table, read from the directory: one function per table.

The public export leaves out internal contacts and confidential addresses; the internal one keeps them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..lifeareas import all_life_areas
from .hsds_schema import ACCESSIBILITY_FLAGS, LIFE_AREA_VOCABULARY, STATUS_TO_HSDS, derived_id, life_area_taxonomy_id
from .models import Contact, Location, Organization, Phone, Service


@dataclass
class Directory:
    """The records an export writes, and their HSDS ids by database id."""

    internal: bool
    organizations: list[Organization]
    locations: list[Location]
    services: list[Service]
    contacts: list[Contact]
    phones: list[Phone]
    org_uuid: dict[int | None, str] = field(default_factory=dict)
    loc_uuid: dict[int | None, str] = field(default_factory=dict)
    svc_uuid: dict[int | None, str] = field(default_factory=dict)
    sal_uuid: dict[tuple[int | None, int | None], str] = field(default_factory=dict)
    contact_uuid: dict[int | None, str] = field(default_factory=dict)

    def hidden(self, location: Location) -> bool:
        """A confidential address leaves the public export (the location itself stays)."""
        return location.address_confidential and not self.internal


def load(internal: bool) -> Directory:
    services = db.session.scalars(
        select(Service)
        .order_by(Service.uuid)
        .options(
            selectinload(Service.at_locations),
            selectinload(Service.schedules),
            selectinload(Service.exceptions),
            selectinload(Service.languages),
            selectinload(Service.areas),
            selectinload(Service.life_areas),
        )
    ).all()
    contacts = [
        c for c in db.session.scalars(select(Contact).order_by(Contact.uuid)) if c.visibility != "internal" or internal
    ]
    found = Directory(
        internal=internal,
        organizations=list(db.session.scalars(select(Organization).order_by(Organization.uuid))),
        locations=list(
            db.session.scalars(select(Location).order_by(Location.uuid).options(selectinload(Location.district)))
        ),
        services=list(services),
        contacts=contacts,
        phones=list(db.session.scalars(select(Phone).order_by(Phone.uuid))),
    )
    found.org_uuid = {o.id: o.uuid for o in found.organizations}
    found.loc_uuid = {loc.id: loc.uuid for loc in found.locations}
    found.svc_uuid = {s.id: s.uuid for s in found.services}
    found.sal_uuid = {(s.id, link.location_id): link.uuid for s in found.services for link in s.at_locations}
    found.contact_uuid = {c.id: c.uuid for c in found.contacts}
    return found


def organization_rows(d: Directory) -> list[dict]:
    return [
        {
            "id": o.uuid,
            "name": o.name,
            "alternate_name": o.alternate_name,
            "description": o.description,
            "email": o.email,
            "url": o.url,
            "legal_status": o.legal_status,
        }
        for o in d.organizations
    ]


def location_rows(d: Directory) -> list[dict]:
    rows = []
    for loc in d.locations:
        hide = d.hidden(loc)
        rows.append(
            {
                "id": loc.uuid,
                "organization_id": d.org_uuid.get(loc.organization_id),
                "name": loc.name,
                "alternate_name": loc.alternate_name,
                "description": None if hide else loc.description,
                "transportation": None if hide else loc.transportation,
                "latitude": None if hide else loc.latitude,
                "longitude": None if hide else loc.longitude,
                "x_district": None if hide else (loc.district.name if loc.district else None),
                "x_address_confidential": loc.address_confidential,
            }
        )
    return rows


def physical_address_rows(d: Directory) -> list[dict]:
    return [
        {
            "id": loc.address_uuid or derived_id("address", loc.uuid),
            "location_id": loc.uuid,
            "address_1": loc.address_1,
            "address_2": loc.address_2,
            "city": loc.city,
            "state_province": loc.state_province,
            "postal_code": loc.postal_code,
            "country": loc.country,
        }
        for loc in d.locations
        if not d.hidden(loc) and any((loc.address_1, loc.address_2, loc.city, loc.postal_code))
    ]


def accessibility_rows(d: Directory) -> list[dict]:
    rows = []
    for loc in d.locations:
        for flag in ACCESSIBILITY_FLAGS:
            value = getattr(loc, flag)
            if value is not None:
                rows.append(
                    {
                        "id": derived_id("accessibility", loc.uuid, flag),
                        "location_id": loc.uuid,
                        "accessibility": flag,
                        "details": "yes" if value else "no",
                    }
                )
        if loc.accessibility_note and not d.hidden(loc):
            rows.append(
                {
                    "id": derived_id("accessibility", loc.uuid, "note"),
                    "location_id": loc.uuid,
                    "accessibility": "note",
                    "details": loc.accessibility_note,
                }
            )
    return rows


def service_rows(d: Directory) -> list[dict]:
    return [_service_row(s, d.org_uuid[s.organization_id]) for s in d.services]


def _service_row(s: Service, organization_uuid: str) -> dict:
    return {
        "id": s.uuid,
        "organization_id": organization_uuid,
        "name": s.name,
        "alternate_name": s.alternate_name,
        "description": s.description,
        "url": s.url,
        "email": s.email,
        "status": STATUS_TO_HSDS.get(s.status, s.status),
        "interpretation_services": s.interpretation_services,
        "application_process": s.application_process,
        "wait_time": f"{s.wait_days} days" if s.wait_days is not None else None,
        "fees": s.fees,
        "x_alert": s.alert,
        "x_status_until": s.status_until,
        "x_referral_channel": s.referral_channel,
        "x_referral_address": s.referral_address,
        "x_referral_note": s.referral_note,
        "x_fees_covered_by": s.fees_covered_by,
        "x_intake_mode": s.intake_mode,
        "x_capacity": s.capacity,
        "x_capacity_updated_on": s.capacity_updated_on,
        "x_minimum_age": s.minimum_age,
        "x_maximum_age": s.maximum_age,
        "x_last_verified_on": s.last_verified_on,
        "x_last_verified_method": s.last_verified_method,
        "x_next_review_on": s.next_review_on,
    }


def service_at_location_rows(d: Directory) -> list[dict]:
    return [
        {
            "id": link.uuid,
            "service_id": s.uuid,
            "location_id": d.loc_uuid[link.location_id],
            "description": link.description,
        }
        for s in d.services
        for link in sorted(s.at_locations, key=lambda x: x.uuid)
    ]


def regular_schedule_rows(d: Directory) -> list[dict]:
    return [
        {
            "id": slot.uuid,
            "service_id": s.uuid,
            "location_id": d.loc_uuid.get(slot.location_id),
            "service_at_location_id": d.sal_uuid.get((s.id, slot.location_id)),
            "weekday": slot.weekday,
            "opens_at": slot.opens_at,
            "closes_at": slot.closes_at,
            "x_attending": slot.attending,
            "x_booking_url": slot.booking_url,
            "x_note": slot.note,
        }
        for s in d.services
        for slot in sorted(s.schedules, key=lambda x: x.uuid)
    ]


def holiday_schedule_rows(d: Directory) -> list[dict]:
    return [
        {
            "id": exc.uuid,
            "service_id": s.uuid,
            "location_id": d.loc_uuid.get(exc.location_id),
            "service_at_location_id": d.sal_uuid.get((s.id, exc.location_id)),
            "closed": exc.closed,
            "opens_at": exc.opens_at,
            "closes_at": exc.closes_at,
            "start_date": exc.start_date,
            "end_date": exc.end_date,
            "x_note": exc.note,
        }
        for s in d.services
        for exc in sorted(s.exceptions, key=lambda x: x.uuid)
    ]


def language_rows(d: Directory) -> list[dict]:
    return [
        {"id": lang.uuid, "service_id": s.uuid, "language": lang.code, "x_mode": lang.mode, "x_note": lang.note}
        for s in d.services
        for lang in sorted(s.languages, key=lambda x: x.uuid)
    ]


def service_area_rows(d: Directory) -> list[dict]:
    return [
        {
            "id": area.uuid,
            "service_id": s.uuid,
            "service_area": area.district.name if area.district else area.name,
            "description": area.description,
        }
        for s in d.services
        for area in sorted(s.areas, key=lambda x: x.uuid)
    ]


def eligibility_rows(d: Directory) -> list[dict]:
    return [
        {"id": derived_id("eligibility", s.uuid), "service_id": s.uuid, "eligibility": s.eligibility}
        for s in d.services
        if s.eligibility
    ]


def required_document_rows(d: Directory) -> list[dict]:
    return [
        {"id": derived_id("document", s.uuid), "service_id": s.uuid, "document": s.documents_required}
        for s in d.services
        if s.documents_required
    ]


def service_taxonomy_rows(d: Directory) -> list[dict]:
    return [
        {
            "id": derived_id("service_taxonomy", s.uuid, life_area.code),
            "service_id": s.uuid,
            "taxonomy_id": life_area_taxonomy_id(life_area.code),
        }
        for s in d.services
        for life_area in s.life_areas
    ]


def taxonomy_rows(_d: Directory) -> list[dict]:
    return [
        {"id": life_area_taxonomy_id(life_area.code), "name": life_area.label, "vocabulary": LIFE_AREA_VOCABULARY}
        for life_area in all_life_areas()
    ]


def contact_rows(d: Directory) -> list[dict]:
    return [
        {
            "id": c.uuid,
            "organization_id": d.org_uuid.get(c.organization_id),
            "service_id": d.svc_uuid.get(c.service_id),
            "name": c.name,
            "title": c.title,
            "department": c.department,
            "email": c.email,
            "x_responsibility": c.responsibility,
            "x_visibility": c.visibility,
        }
        for c in d.contacts
    ]


def phone_rows(d: Directory) -> list[dict]:
    return [
        {
            "id": p.uuid,
            "location_id": d.loc_uuid.get(p.location_id),
            "service_id": d.svc_uuid.get(p.service_id),
            "organization_id": d.org_uuid.get(p.organization_id),
            "contact_id": d.contact_uuid.get(p.contact_id),
            "service_at_location_id": d.sal_uuid.get((p.service_id, p.location_id)),
            "number": p.number,
            "extension": p.extension,
            "type": p.type,
            "language": p.language,
            "description": p.description,
        }
        for p in d.phones
        # The phones of internal contacts leave the public export with their contacts.
        if not p.contact_id or p.contact_id in d.contact_uuid
    ]


# One function per HSDS table (hsds_schema.TABLES names them all).
TABLE_ROWS: dict[str, Callable[[Directory], list[dict]]] = {
    "organization": organization_rows,
    "location": location_rows,
    "physical_address": physical_address_rows,
    "accessibility_for_disabilities": accessibility_rows,
    "service": service_rows,
    "service_at_location": service_at_location_rows,
    "regular_schedule": regular_schedule_rows,
    "holiday_schedule": holiday_schedule_rows,
    "language": language_rows,
    "service_area": service_area_rows,
    "eligibility": eligibility_rows,
    "required_document": required_document_rows,
    "service_taxonomy": service_taxonomy_rows,
    "taxonomy": taxonomy_rows,
    "contact": contact_rows,
    "phone": phone_rows,
}
