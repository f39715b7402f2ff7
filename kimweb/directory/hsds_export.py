"""Export the directory as an HSDS CSV package (a zip with datapackage.json and one CSV per table).

The public export leaves out internal contacts and confidential addresses; the internal one (for
moving data between kimweb systems) keeps them.
"""

import csv
import io
import zipfile

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..lifeareas import all_life_areas
from .hsds_schema import (
    ACCESSIBILITY_FLAGS,
    LIFE_AREA_VOCABULARY,
    STATUS_TO_HSDS,
    TABLES,
    datapackage,
    derived_id,
    life_area_taxonomy_id,
)
from .models import Contact, Location, Organization, Phone, Service


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "strftime") and hasattr(value, "hour") and not hasattr(value, "day"):
        return value.strftime("%H:%M")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def package_rows(internal: bool = False) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    organizations = db.session.scalars(select(Organization).order_by(Organization.uuid)).all()
    org_uuid = {o.id: o.uuid for o in organizations}
    for o in organizations:
        rows["organization"].append(
            {
                "id": o.uuid,
                "name": o.name,
                "alternate_name": o.alternate_name,
                "description": o.description,
                "email": o.email,
                "url": o.url,
                "legal_status": o.legal_status,
            }
        )
    locations = db.session.scalars(
        select(Location).order_by(Location.uuid).options(selectinload(Location.district))
    ).all()
    loc_uuid = {loc.id: loc.uuid for loc in locations}
    hidden_locations = set()
    for loc in locations:
        hide = loc.address_confidential and not internal
        if hide:
            hidden_locations.add(loc.id)
        rows["location"].append(
            {
                "id": loc.uuid,
                "organization_id": org_uuid.get(loc.organization_id),
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
        if not hide and any((loc.address_1, loc.address_2, loc.city, loc.postal_code)):
            rows["physical_address"].append(
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
            )
        for flag in ACCESSIBILITY_FLAGS:
            value = getattr(loc, flag)
            if value is not None:
                rows["accessibility_for_disabilities"].append(
                    {
                        "id": derived_id("accessibility", loc.uuid, flag),
                        "location_id": loc.uuid,
                        "accessibility": flag,
                        "details": "yes" if value else "no",
                    }
                )
        if loc.accessibility_note and not hide:
            rows["accessibility_for_disabilities"].append(
                {
                    "id": derived_id("accessibility", loc.uuid, "note"),
                    "location_id": loc.uuid,
                    "accessibility": "note",
                    "details": loc.accessibility_note,
                }
            )
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
    svc_uuid = {s.id: s.uuid for s in services}
    sal_uuid = {}
    for s in services:
        rows["service"].append(_service_row(s, org_uuid))
        for link in sorted(s.at_locations, key=lambda x: x.uuid):
            sal_uuid[(s.id, link.location_id)] = link.uuid
            rows["service_at_location"].append(
                {
                    "id": link.uuid,
                    "service_id": s.uuid,
                    "location_id": loc_uuid[link.location_id],
                    "description": link.description,
                }
            )
        for slot in sorted(s.schedules, key=lambda x: x.uuid):
            rows["regular_schedule"].append(
                {
                    "id": slot.uuid,
                    "service_id": s.uuid,
                    "location_id": loc_uuid.get(slot.location_id),
                    "service_at_location_id": sal_uuid.get((s.id, slot.location_id)),
                    "weekday": slot.weekday,
                    "opens_at": slot.opens_at,
                    "closes_at": slot.closes_at,
                    "x_attending": slot.attending,
                    "x_booking_url": slot.booking_url,
                    "x_note": slot.note,
                }
            )
        for exc in sorted(s.exceptions, key=lambda x: x.uuid):
            rows["holiday_schedule"].append(
                {
                    "id": exc.uuid,
                    "service_id": s.uuid,
                    "location_id": loc_uuid.get(exc.location_id),
                    "service_at_location_id": sal_uuid.get((s.id, exc.location_id)),
                    "closed": exc.closed,
                    "opens_at": exc.opens_at,
                    "closes_at": exc.closes_at,
                    "start_date": exc.start_date,
                    "end_date": exc.end_date,
                    "x_note": exc.note,
                }
            )
        for lang in sorted(s.languages, key=lambda x: x.uuid):
            rows["language"].append(
                {"id": lang.uuid, "service_id": s.uuid, "language": lang.code, "x_mode": lang.mode, "x_note": lang.note}
            )
        for area in sorted(s.areas, key=lambda x: x.uuid):
            rows["service_area"].append(
                {
                    "id": area.uuid,
                    "service_id": s.uuid,
                    "service_area": area.district.name if area.district else area.name,
                    "description": area.description,
                }
            )
        if s.eligibility:
            rows["eligibility"].append(
                {"id": derived_id("eligibility", s.uuid), "service_id": s.uuid, "eligibility": s.eligibility}
            )
        if s.documents_required:
            rows["required_document"].append(
                {"id": derived_id("document", s.uuid), "service_id": s.uuid, "document": s.documents_required}
            )
        for life_area in s.life_areas:
            rows["service_taxonomy"].append(
                {
                    "id": derived_id("service_taxonomy", s.uuid, life_area.code),
                    "service_id": s.uuid,
                    "taxonomy_id": life_area_taxonomy_id(life_area.code),
                }
            )
    for life_area in all_life_areas():
        rows["taxonomy"].append(
            {"id": life_area_taxonomy_id(life_area.code), "name": life_area.label, "vocabulary": LIFE_AREA_VOCABULARY}
        )
    contacts = db.session.scalars(select(Contact).order_by(Contact.uuid)).all()
    contact_uuid = {}
    for c in contacts:
        if c.visibility == "internal" and not internal:
            continue
        contact_uuid[c.id] = c.uuid
        rows["contact"].append(
            {
                "id": c.uuid,
                "organization_id": org_uuid.get(c.organization_id),
                "service_id": svc_uuid.get(c.service_id),
                "name": c.name,
                "title": c.title,
                "department": c.department,
                "email": c.email,
                "x_responsibility": c.responsibility,
                "x_visibility": c.visibility,
            }
        )
    for p in db.session.scalars(select(Phone).order_by(Phone.uuid)):
        if p.contact_id and p.contact_id not in contact_uuid:
            continue
        rows["phone"].append(
            {
                "id": p.uuid,
                "location_id": loc_uuid.get(p.location_id),
                "service_id": svc_uuid.get(p.service_id),
                "organization_id": org_uuid.get(p.organization_id),
                "contact_id": contact_uuid.get(p.contact_id),
                "service_at_location_id": sal_uuid.get((p.service_id, p.location_id)),
                "number": p.number,
                "extension": p.extension,
                "type": p.type,
                "language": p.language,
                "description": p.description,
            }
        )
    return rows


def _service_row(s: Service, org_uuid: dict) -> dict:
    return {
        "id": s.uuid,
        "organization_id": org_uuid[s.organization_id],
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


def csv_text(columns, rows) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: _text(row.get(c)) for c in columns})
    return out.getvalue()


def package_files(internal: bool = False) -> dict[str, str]:
    rows = package_rows(internal)
    files = {"datapackage.json": datapackage(internal)}
    for name, (path, columns) in TABLES.items():
        files[path] = csv_text(columns, rows[name])
    return files


def export_zip(internal: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, content in package_files(internal).items():
            # A fixed date: the same data gives the same bytes.
            info = zipfile.ZipInfo(path, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content.encode("utf-8"))
    return buffer.getvalue()
