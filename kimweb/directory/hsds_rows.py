"""Reading and checking HSDS rows: what one row of each table means in kimweb's fields.

Each function reads the row's columns (a bad value is an error on the row, see rowparse.Row) and
returns the values to write; the references to other records arrive already resolved. Writing
them is hsds_import's part.
"""

import re
from datetime import time

from ..auth.models import Team
from ..fields import valid_email, valid_phone, valid_url
from ..textfold import fold
from .choices import ATTENDING, CAPACITY, INTAKE_MODES, REFERRAL_CHANNELS, VERIFY_METHODS, VISIBILITY
from .hsds_schema import ACCESSIBILITY_FLAGS, STATUS_FROM_HSDS
from .models import (
    Contact,
    Location,
    Organization,
    Phone,
    Schedule,
    ScheduleException,
    Service,
    ServiceArea,
    ServiceLanguage,
)
from .rowparse import Row

_WAIT = re.compile(r"^\s*(\d{1,4})\s*(days?|tage?n?|d)?\s*$", re.IGNORECASE)


def present(row: Row, values: dict, mapping: dict) -> dict:
    """Only the columns the file has: a package without x_ columns leaves those fields alone."""
    return {**values, **{attr: value for column, (attr, value) in mapping.items() if column in row.values}}


def organization_values(row: Row) -> dict:
    return present(
        row,
        {"name": row.text("name", Organization, required=True)},
        {
            "alternate_name": ("alternate_name", row.text("alternate_name", Organization)),
            "description": ("description", row.text("description", Organization)),
            "email": ("email", row.email("email", Organization)),
            "url": ("url", row.url("url", Organization)),
            "legal_status": ("legal_status", row.text("legal_status", Organization)),
        },
    )


def location_values(row: Row, organization: Organization | None, districts: dict[str, Team]) -> dict:
    district = None
    if named := row.text("x_district"):
        district = districts.get(fold(named))
        if district is None:
            row.error("x_district", f"Unbekannter Sozialraum „{named[:60]}“.")
    return present(
        row,
        {"name": row.text("name", Location, required=True)},
        {
            "organization_id": ("organization_id", organization.id if organization else None),
            "alternate_name": ("alternate_name", row.text("alternate_name", Location)),
            "description": ("description", row.text("description", Location)),
            "transportation": ("transportation", row.text("transportation", Location)),
            "latitude": ("latitude", row.decimal("latitude", -90, 90)),
            "longitude": ("longitude", row.decimal("longitude", -180, 180)),
            "x_district": ("district_id", district.id if district else None),
            "x_address_confidential": ("address_confidential", bool(row.flag("x_address_confidential"))),
        },
    )


def address_values(row: Row) -> dict:
    return {
        "address_uuid": row.text("id", required=True),
        "address_1": row.text("address_1", Location),
        "address_2": row.text("address_2", Location),
        "city": row.text("city", Location),
        "postal_code": row.text("postal_code", Location),
        "state_province": row.text("state_province", Location),
        "country": row.text("country", Location),
    }


def accessibility_values(entries: list[tuple[str, str | None]]) -> dict:
    """One location's rows (accessibility, details): yes/no flags kimweb knows, the rest as one note."""
    values: dict = {}
    notes = []
    for kind, details in entries:
        if kind in ACCESSIBILITY_FLAGS and details and details.lower() in ("yes", "no"):
            values[kind] = details.lower() == "yes"
        elif kind == "note":
            notes.append(details or "")
        else:
            notes.append(f"{kind}: {details}" if details else kind)
    if notes:
        values["accessibility_note"] = "\n".join(notes)[:1000]
    return values


def _wait_days(row: Row) -> int | None:
    text = row.text("wait_time")
    if not text:
        return None
    match = _WAIT.match(text)
    if match:
        return int(match.group(1))
    row.skip("service", f"wait_time „{text[:40]}“ ist keine Zahl von Tagen; nicht übernommen.")
    return None


def _referral_address(row: Row) -> str | None:
    """Like the service form: the address must fit the channel (e-mail, phone, web form)."""
    address = row.text("x_referral_address", Service, "referral_address")
    channel = (row.values.get("x_referral_channel") or "").strip()
    if address and channel == "mailbox" and not valid_email(address):
        row.error("x_referral_address", "Für ein Funktionspostfach bitte eine E-Mail-Adresse.")
    elif address and channel == "direct_line" and not valid_phone(address):
        row.error("x_referral_address", "Für eine Durchwahl bitte eine Telefonnummer.")
    elif address and channel == "form" and not valid_url(address):
        row.error("x_referral_address", f"Keine gültige Web-Adresse (http/https): „{address[:60]}“.")
    return address


def service_values(row: Row, organization: Organization | None) -> dict:
    wait_days = _wait_days(row)
    return present(
        row,
        {
            "name": row.text("name", Service, required=True),
            "organization_id": organization.id if organization else None,
        },
        {
            "alternate_name": ("alternate_name", row.text("alternate_name", Service)),
            "description": ("description", row.text("description", Service)),
            "url": ("url", row.url("url", Service)),
            "email": ("email", row.email("email", Service)),
            "status": ("status", row.choice("status", set(STATUS_FROM_HSDS.values()), "active", STATUS_FROM_HSDS)),
            "interpretation_services": ("interpretation_services", row.text("interpretation_services", Service)),
            "application_process": ("application_process", row.text("application_process", Service)),
            "wait_time": ("wait_days", wait_days),
            "fees": ("fees", row.text("fees", Service)),
            "x_alert": ("alert", row.text("x_alert", Service, "alert")),
            "x_status_until": ("status_until", row.day("x_status_until")),
            "x_referral_channel": ("referral_channel", row.choice("x_referral_channel", REFERRAL_CHANNELS)),
            "x_referral_address": ("referral_address", _referral_address(row)),
            "x_referral_note": ("referral_note", row.text("x_referral_note", Service, "referral_note")),
            "x_fees_covered_by": ("fees_covered_by", row.text("x_fees_covered_by", Service, "fees_covered_by")),
            "x_intake_mode": ("intake_mode", row.choice("x_intake_mode", INTAKE_MODES)),
            "x_capacity": ("capacity", row.choice("x_capacity", CAPACITY)),
            "x_capacity_updated_on": ("capacity_updated_on", row.day("x_capacity_updated_on")),
            "x_minimum_age": ("minimum_age", row.integer("x_minimum_age", 0, 120)),
            "x_maximum_age": ("maximum_age", row.integer("x_maximum_age", 0, 120)),
            "x_last_verified_on": ("last_verified_on", row.day("x_last_verified_on")),
            "x_last_verified_method": ("last_verified_method", row.choice("x_last_verified_method", VERIFY_METHODS)),
            "x_next_review_on": ("next_review_on", row.day("x_next_review_on")),
        },
    )


def contact_values(row: Row, service: Service | None, organization: Organization | None) -> dict:
    return present(
        row,
        {
            "service_id": service.id if service else None,
            "organization_id": organization.id if organization else (service.organization_id if service else None),
        },
        {
            "name": ("name", row.text("name", Contact)),
            "title": ("title", row.text("title", Contact)),
            "department": ("department", row.text("department", Contact)),
            "email": ("email", row.email("email", Contact)),
            "x_responsibility": ("responsibility", row.text("x_responsibility", Contact, "responsibility")),
            "x_visibility": ("visibility", row.choice("x_visibility", VISIBILITY, "public")),
        },
    )


def phone_values(
    row: Row,
    contact: Contact | None,
    service: Service | None,
    location: Location | None,
    organization: Organization | None,
) -> dict:
    return {
        "contact_id": contact.id if contact else None,
        "service_id": service.id if service else None,
        "location_id": location.id if location else None,
        "organization_id": organization.id if organization else None,
        "number": row.text("number", Phone, required=True),
        "extension": row.text("extension", Phone),
        "type": row.text("type", Phone),
        "language": row.text("language", Phone),
        "description": row.text("description", Phone),
    }


def weekly_times(row: Row) -> tuple[int | None, time | None, time | None]:
    """Weekday, opening and closing time of a regular_schedule row, checked."""
    weekday = row.integer("weekday", 1, 7)
    if weekday is None and not row.failed:
        row.error("weekday", "Der Wochentag fehlt (1 = Montag bis 7 = Sonntag).")
    opens, closes = row.clock("opens_at", required=True), row.clock("closes_at", required=True)
    if opens and closes and closes <= opens:
        row.error("closes_at", "Die Schließzeit muss nach der Öffnungszeit liegen.")
    return weekday, opens, closes


def schedule_values(
    row: Row, service: Service, location: Location | None, times: tuple[int | None, time | None, time | None]
) -> dict:
    weekday, opens, closes = times
    return present(
        row,
        {
            "service_id": service.id,
            "location_id": location.id if location else None,
            "weekday": weekday,
            "opens_at": opens,
            "closes_at": closes,
        },
        {
            "x_attending": ("attending", row.choice("x_attending", ATTENDING, "hours")),
            "x_booking_url": ("booking_url", row.url("x_booking_url", Schedule, "booking_url")),
            "x_note": ("note", row.text("x_note", Schedule, "note")),
        },
    )


def exception_times(row: Row) -> dict:
    """Dates and times of a holiday_schedule row, checked."""
    start = row.day("start_date", required=True)
    end = row.day("end_date") or start
    closed = bool(row.flag("closed"))
    opens, closes = row.clock("opens_at"), row.clock("closes_at")
    if start and end and end < start:
        row.error("end_date", "Das Ende liegt vor dem Beginn.")
    if not closed and not (opens and closes and closes > opens):
        row.error("closes_at", "Ohne „closed“ braucht es Öffnungs- und eine spätere Schließzeit.")
    return {
        "start_date": start,
        "end_date": end,
        "closed": closed,
        "opens_at": None if closed else opens,
        "closes_at": None if closed else closes,
    }


def exception_values(row: Row, service: Service, location: Location | None, times: dict) -> dict:
    return present(
        row,
        {"service_id": service.id, "location_id": location.id if location else None, **times},
        {"x_note": ("note", row.text("x_note", ScheduleException, "note"))},
    )


def language_values(row: Row, service: Service, code: str, mode: str) -> dict:
    return present(
        row,
        {"service_id": service.id, "code": code, "mode": mode},
        {"x_note": ("note", row.text("x_note", ServiceLanguage, "note"))},
    )


def service_area_values(row: Row, service: Service | None, districts: dict[str, Team]) -> dict | None:
    name = row.text("service_area", ServiceArea, "name")
    district = districts.get(fold(name)) if name else None
    if service is None:
        return None
    return {
        "service_id": service.id,
        "district_id": district.id if district else None,
        "name": None if district else name,
        "description": row.text("description", ServiceArea),
    }
