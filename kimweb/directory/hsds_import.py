"""Import an HSDS CSV package (zip or folder): upsert by id in one transaction, with a report.

Columns a package does not have leave kimweb's values alone; nothing is deleted. Any error rolls
the whole import back and the report names the file, row and field.
"""

import re
from collections import defaultdict
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from .. import audit
from ..auth.models import Team
from ..extensions import db
from ..lifeareas import LifeArea
from ..textfold import fold
from .choices import (
    ATTENDING,
    CAPACITY,
    INTAKE_MODES,
    LANGUAGE_MODES,
    REFERRAL_CHANNELS,
    VERIFY_METHODS,
    VISIBILITY,
    language_code,
)
from .editing import apply
from .hsds_schema import ACCESSIBILITY_FLAGS, LIFE_AREA_VOCABULARY, NOT_HELD, STATUS_FROM_HSDS, TABLES
from .import_report import Report
from .models import (
    Contact,
    Location,
    Organization,
    Phone,
    Schedule,
    ScheduleException,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceLanguage,
)
from .package_reader import PackageError, read_package
from .rowparse import Row
from .search import indexing

_WAIT = re.compile(r"^\s*(\d{1,4})\s*(days?|tage?n?|d)?\s*$", re.IGNORECASE)
ORDER = (
    "organization",
    "location",
    "physical_address",
    "accessibility_for_disabilities",
    "service",
    "service_at_location",
    "taxonomy",
    "service_taxonomy",
    "contact",
    "phone",
    "regular_schedule",
    "holiday_schedule",
    "language",
    "service_area",
    "eligibility",
    "required_document",
)


def import_package(source: Path | bytes, source_name: str) -> Report:
    """Import into the current transaction; on errors everything is rolled back. The caller commits."""
    report = Report(source_name)
    try:
        tables, extra = read_package(source)
    except PackageError as error:
        report.error(error.file, error.row, error.field, error.message)
        return report
    for path in extra:
        report.skip("(Dateien)", path, None, "Die Datei gehört nicht zum Paket (nicht in datapackage.json).")
    importer = _Importer(report, tables)
    try:
        importer.run()
        db.session.flush()
    except IntegrityError as error:
        db.session.rollback()
        report.error("(Datenbank)", None, None, f"Die Daten widersprechen sich: {str(error.orig)[:300]}")
        return report
    if not report.ok:
        db.session.rollback()
        return report
    for object_type, obj, action, changes in importer.changes:
        audit.record(f"directory.import.{action}", object_type, obj.id, detail="; ".join(changes) or None)
    indexing.reindex(importer.touched)
    return report


class _Importer:
    def __init__(self, report: Report, tables):
        self.report, self.tables = report, tables
        self.cache = {
            model: {o.uuid: o for o in db.session.scalars(select(model))}
            for model in (
                Organization,
                Location,
                Service,
                ServiceAtLocation,
                Contact,
                Phone,
                Schedule,
                ScheduleException,
                ServiceLanguage,
                ServiceArea,
            )
        }
        self.districts = {fold(t.name): t for t in db.session.scalars(select(Team).where(Team.kind == "district"))}
        self.life_areas = {}
        for area in db.session.scalars(select(LifeArea)):
            self.life_areas[area.code] = self.life_areas[fold(area.label)] = area
        self.taxonomy: dict[str, LifeArea] = {}
        self.touched: set[int] = set()
        self.changes: list[tuple[str, object, str, list[str]]] = []

    def run(self):
        for name in ORDER:
            if name in self.tables:
                getattr(self, "_" + name)()
                db.session.flush()
        for name, table in self.tables.items():
            if name in NOT_HELD or name not in TABLES:
                reason = NOT_HELD.get(name, f"Die Tabelle „{name}“ kennt kimweb nicht.")
                for number, _values in table.rows:
                    self.report.skip(name, table.file, number, reason)

    def rows(self, name):
        table = self.tables[name]
        for number, values in table.rows:
            yield Row(self.report, table.file, number, values)

    def ref(self, row: Row, column: str, model, required: bool = False):
        key = row.text(column, required=required)
        if key is None:
            return None
        found = self.cache[model].get(key)
        if found is None:
            row.error(column, f"Verweist auf „{key[:64]}“, das es weder im Paket noch in kimweb gibt.")
        return found

    def upsert(self, table: str, row: Row, model, values: dict, object_type: str | None = None):
        uuid = row.text("id", required=True)
        if uuid and len(uuid) > 64:
            row.error("id", "Die Kennung ist länger als 64 Zeichen.")
        if row.failed:
            return None
        obj = self.cache[model].get(uuid)
        created = obj is None
        if created:
            obj = model(uuid=uuid)
            self.cache[model][uuid] = obj
        changes = apply(obj, values)
        if created:
            db.session.add(obj)
        self.report.count(table, "created" if created else ("updated" if changes else "unchanged"))
        if object_type and (created or changes):
            self.changes.append((object_type, obj, "created" if created else "changed", changes))
        return obj

    def present(self, row: Row, values: dict, mapping: dict) -> dict:
        """Only the columns the file has: a package without x_ columns leaves those fields alone."""
        return {**values, **{attr: value for column, (attr, value) in mapping.items() if column in row.values}}

    def _organization(self):
        for row in self.rows("organization"):
            values = self.present(
                row,
                {"name": row.text("name", Organization, required=True)},
                {
                    "alternate_name": ("alternate_name", row.text("alternate_name", Organization)),
                    "description": ("description", row.text("description")),
                    "email": ("email", row.email("email", Organization)),
                    "url": ("url", row.url("url", Organization)),
                    "legal_status": ("legal_status", row.text("legal_status", Organization)),
                },
            )
            self.upsert("organization", row, Organization, values, "organization")

    def _location(self):
        for row in self.rows("location"):
            organization = self.ref(row, "organization_id", Organization)
            district = None
            if row.text("x_district"):
                district = self.districts.get(fold(row.text("x_district")))
                if district is None:
                    row.error("x_district", f"Unbekannter Sozialraum „{row.text('x_district')[:60]}“.")
            values = self.present(
                row,
                {"name": row.text("name", Location, required=True)},
                {
                    "organization_id": ("organization_id", organization.id if organization else None),
                    "alternate_name": ("alternate_name", row.text("alternate_name", Location)),
                    "description": ("description", row.text("description")),
                    "transportation": ("transportation", row.text("transportation", Location)),
                    "latitude": ("latitude", row.decimal("latitude", -90, 90)),
                    "longitude": ("longitude", row.decimal("longitude", -180, 180)),
                    "x_district": ("district_id", district.id if district else None),
                    "x_address_confidential": ("address_confidential", bool(row.flag("x_address_confidential"))),
                },
            )
            location = self.upsert("location", row, Location, values, "location")
            self._touch_location(location)

    def _touch_location(self, location):
        if location is not None and location.id:
            self.touched.update(indexing.services_at(location.id))

    def _physical_address(self):
        seen = set()
        for row in self.rows("physical_address"):
            location = self.ref(row, "location_id", Location, required=True)
            values = {
                "address_uuid": row.text("id", required=True),
                "address_1": row.text("address_1", Location),
                "address_2": row.text("address_2", Location),
                "city": row.text("city", Location),
                "postal_code": row.text("postal_code", Location),
                "state_province": row.text("state_province", Location),
                "country": row.text("country", Location),
            }
            if row.failed:
                continue
            if location.uuid in seen:
                self.report.skip(
                    "physical_address",
                    row.file,
                    row.number,
                    "kimweb führt eine Besuchsadresse je Standort; weitere werden nicht übernommen.",
                )
                continue
            seen.add(location.uuid)
            had = location.address_uuid is not None
            changes = apply(location, values)
            self.report.count("physical_address", "unchanged" if not changes else ("updated" if had else "created"))
            if changes:
                self.changes.append(("location", location, "changed", changes))
                self._touch_location(location)

    def _accessibility_for_disabilities(self):
        grouped = defaultdict(list)
        for row in self.rows("accessibility_for_disabilities"):
            location = self.ref(row, "location_id", Location, required=True)
            kind = row.text("accessibility", required=True)
            details = row.text("details")
            if not row.failed:
                grouped[location].append((row, kind, details))
        for location, entries in grouped.items():
            values, notes = {}, []
            for row, kind, details in entries:
                if kind in ACCESSIBILITY_FLAGS and (details or "").lower() in ("yes", "no"):
                    values[kind] = details.lower() == "yes"
                elif kind == "note":
                    notes.append(details or "")
                else:
                    notes.append(f"{kind}: {details}" if details else kind)
            if notes:
                values["accessibility_note"] = "\n".join(notes)[:1000]
            self._merge("accessibility_for_disabilities", "location", location, values, len(entries))

    def _merge(self, table, object_type, obj, values, rows):
        before_empty = all(getattr(obj, k) is None for k in values)
        changes = apply(obj, values)
        what = "unchanged" if not changes else ("created" if before_empty else "updated")
        self.report.count(table, what, rows)
        if changes:
            self.changes.append((object_type, obj, "changed", changes))

    def _service(self):
        for row in self.rows("service"):
            organization = self.ref(row, "organization_id", Organization, required=True)
            wait_days = None
            if row.text("wait_time"):
                match = _WAIT.match(row.text("wait_time"))
                if match:
                    wait_days = int(match.group(1))
                else:
                    self.report.skip(
                        "service",
                        row.file,
                        row.number,
                        f"wait_time „{row.text('wait_time')[:40]}“ ist keine Zahl von Tagen; nicht übernommen.",
                    )
            values = self.present(
                row,
                {
                    "name": row.text("name", Service, required=True),
                    "organization_id": organization.id if organization else None,
                },
                {
                    "alternate_name": ("alternate_name", row.text("alternate_name", Service)),
                    "description": ("description", row.text("description")),
                    "url": ("url", row.url("url", Service)),
                    "email": ("email", row.email("email", Service)),
                    "status": (
                        "status",
                        row.choice("status", set(STATUS_FROM_HSDS.values()), "active", STATUS_FROM_HSDS),
                    ),
                    "interpretation_services": (
                        "interpretation_services",
                        row.text("interpretation_services", Service),
                    ),
                    "application_process": ("application_process", row.text("application_process")),
                    "wait_time": ("wait_days", wait_days),
                    "fees": ("fees", row.text("fees")),
                    "x_alert": ("alert", row.text("x_alert", Service, "alert")),
                    "x_status_until": ("status_until", row.day("x_status_until")),
                    "x_referral_channel": ("referral_channel", row.choice("x_referral_channel", REFERRAL_CHANNELS)),
                    "x_referral_address": (
                        "referral_address",
                        row.text("x_referral_address", Service, "referral_address"),
                    ),
                    "x_referral_note": ("referral_note", row.text("x_referral_note")),
                    "x_fees_covered_by": ("fees_covered_by", row.text("x_fees_covered_by", Service, "fees_covered_by")),
                    "x_intake_mode": ("intake_mode", row.choice("x_intake_mode", INTAKE_MODES)),
                    "x_capacity": ("capacity", row.choice("x_capacity", CAPACITY)),
                    "x_capacity_updated_on": ("capacity_updated_on", row.day("x_capacity_updated_on")),
                    "x_minimum_age": ("minimum_age", row.integer("x_minimum_age", 0, 120)),
                    "x_maximum_age": ("maximum_age", row.integer("x_maximum_age", 0, 120)),
                    "x_last_verified_on": ("last_verified_on", row.day("x_last_verified_on")),
                    "x_last_verified_method": (
                        "last_verified_method",
                        row.choice("x_last_verified_method", VERIFY_METHODS),
                    ),
                    "x_next_review_on": ("next_review_on", row.day("x_next_review_on")),
                },
            )
            service = self.upsert("service", row, Service, values, "service")
            if service is not None:
                self._touch(service)

    def _touch(self, service):
        if service.id:
            self.touched.add(service.id)
        else:
            db.session.flush()
            self.touched.add(service.id)

    def _service_at_location(self):
        pairs = {(link.service_id, link.location_id): uuid for uuid, link in self.cache[ServiceAtLocation].items()}
        for row in self.rows("service_at_location"):
            service = self.ref(row, "service_id", Service, required=True)
            location = self.ref(row, "location_id", Location, required=True)
            if row.failed:
                continue
            existing = pairs.get((service.id, location.id))
            if existing and existing != row.text("id"):
                self.report.skip(
                    "service_at_location",
                    row.file,
                    row.number,
                    "Dieses Angebot ist an diesem Standort schon verknüpft.",
                )
                continue
            link = self.upsert(
                "service_at_location",
                row,
                ServiceAtLocation,
                {"service_id": service.id, "location_id": location.id, "description": row.text("description")},
            )
            if link is not None:
                pairs[(service.id, location.id)] = link.uuid
                self._touch(service)

    def _sal_service(self, row: Row):
        link = self.ref(row, "service_at_location_id", ServiceAtLocation)
        return (link.service, link.location) if link else (None, None)

    def _taxonomy(self):
        for row in self.rows("taxonomy"):
            key = row.text("id", required=True)
            name = row.text("name") or ""
            area = self.life_areas.get(fold(name))
            if row.text("vocabulary") == LIFE_AREA_VOCABULARY or area:
                if area is None:
                    row.error("name", f"Kein Handlungsfeld heißt „{name[:60]}“.")
                    continue
                self.taxonomy[key] = area
                self.report.count("taxonomy", "unchanged")
            else:
                self.report.skip(
                    "taxonomy", row.file, row.number, f"Die Kategorie „{name[:60]}“ entspricht keinem Handlungsfeld."
                )

    def _service_taxonomy(self):
        for row in self.rows("service_taxonomy"):
            service = self.ref(row, "service_id", Service, required=True)
            area = self.taxonomy.get(row.text("taxonomy_id") or "")
            if row.failed:
                continue
            if area is None:
                self.report.skip("service_taxonomy", row.file, row.number, "Kategorie ohne Handlungsfeld.")
            elif area in service.life_areas:
                self.report.count("service_taxonomy", "unchanged")
            else:
                service.life_areas.append(area)
                self.report.count("service_taxonomy", "created")
                self.changes.append(("service", service, "changed", [f"life_areas: + {area.code}"]))
                self._touch(service)

    def _contact(self):
        for row in self.rows("contact"):
            service = self.ref(row, "service_id", Service)
            sal_service, _location = self._sal_service(row)
            service = service or sal_service
            organization = self.ref(row, "organization_id", Organization)
            values = self.present(
                row,
                {
                    "service_id": service.id if service else None,
                    "organization_id": organization.id
                    if organization
                    else (service.organization_id if service else None),
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
            if not row.failed and not values["service_id"] and not values["organization_id"]:
                self.report.skip("contact", row.file, row.number, "Kontakt ohne Angebot und ohne Träger.")
                continue
            self.upsert("contact", row, Contact, values, "contact")
            if service and not row.failed:
                self._touch(service)

    def _phone(self):
        for row in self.rows("phone"):
            contact = self.ref(row, "contact_id", Contact)
            sal_service, sal_location = self._sal_service(row)
            service = self.ref(row, "service_id", Service) or sal_service
            location = self.ref(row, "location_id", Location) or sal_location
            organization = self.ref(row, "organization_id", Organization)
            values = {
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
            if not row.failed and not any((contact, service, location, organization)):
                self.report.skip("phone", row.file, row.number, "Telefonnummer ohne Zuordnung.")
                continue
            self.upsert("phone", row, Phone, values, "phone")

    def _slot_owner(self, row: Row, table: str):
        service = self.ref(row, "service_id", Service)
        sal_service, sal_location = self._sal_service(row)
        location = self.ref(row, "location_id", Location) or sal_location
        service = service or sal_service
        if service is None and not row.failed:
            self.report.skip(
                table, row.file, row.number, "Öffnungszeiten ohne Angebot übernimmt kimweb nicht (nur je Angebot)."
            )
        return service, location

    def _regular_schedule(self):
        for row in self.rows("regular_schedule"):
            service, location = self._slot_owner(row, "regular_schedule")
            weekday = row.integer("weekday", 1, 7)
            if weekday is None and not row.failed:
                row.error("weekday", "Der Wochentag fehlt (1 = Montag bis 7 = Sonntag).")
            opens, closes = row.clock("opens_at", required=True), row.clock("closes_at", required=True)
            if opens and closes and closes <= opens:
                row.error("closes_at", "Die Schließzeit muss nach der Öffnungszeit liegen.")
            if service is None:
                continue
            self.upsert(
                "regular_schedule",
                row,
                Schedule,
                self.present(
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
                ),
            )

    def _holiday_schedule(self):
        for row in self.rows("holiday_schedule"):
            service, location = self._slot_owner(row, "holiday_schedule")
            start = row.day("start_date", required=True)
            end = row.day("end_date") or start
            closed = bool(row.flag("closed"))
            opens, closes = row.clock("opens_at"), row.clock("closes_at")
            if start and end and end < start:
                row.error("end_date", "Das Ende liegt vor dem Beginn.")
            if not closed and not (opens and closes and closes > opens):
                row.error("closes_at", "Ohne „closed“ braucht es Öffnungs- und eine spätere Schließzeit.")
            if service is None:
                continue
            self.upsert(
                "holiday_schedule",
                row,
                ScheduleException,
                self.present(
                    row,
                    {
                        "service_id": service.id,
                        "location_id": location.id if location else None,
                        "start_date": start,
                        "end_date": end,
                        "closed": closed,
                        "opens_at": None if closed else opens,
                        "closes_at": None if closed else closes,
                    },
                    {"x_note": ("note", row.text("x_note", ScheduleException, "note"))},
                ),
            )

    def _language(self):
        taken = {(lang.service_id, lang.code, lang.mode): uuid for uuid, lang in self.cache[ServiceLanguage].items()}
        for row in self.rows("language"):
            service = self.ref(row, "service_id", Service, required=True)
            name = row.text("language", required=True)
            mode = row.choice("x_mode", LANGUAGE_MODES, "staff")
            if row.failed:
                continue
            code = language_code(name)
            if code is None:
                self.report.skip(
                    "language", row.file, row.number, f"Sprache „{name[:40]}“ hat keinen ISO-639-Code in kimweb."
                )
                continue
            if taken.get((service.id, code, mode), row.text("id")) != row.text("id"):
                self.report.skip(
                    "language", row.file, row.number, "Diese Sprache ist für das Angebot schon eingetragen."
                )
                continue
            language = self.upsert(
                "language",
                row,
                ServiceLanguage,
                self.present(
                    row,
                    {"service_id": service.id, "code": code, "mode": mode},
                    {"x_note": ("note", row.text("x_note", ServiceLanguage, "note"))},
                ),
            )
            if language is not None:
                taken[(service.id, code, mode)] = language.uuid

    def _service_area(self):
        for row in self.rows("service_area"):
            service = self.ref(row, "service_id", Service, required=True)
            name = row.text("service_area", ServiceArea, "name")
            district = self.districts.get(fold(name)) if name else None
            if service is None:
                continue
            self.upsert(
                "service_area",
                row,
                ServiceArea,
                {
                    "service_id": service.id,
                    "district_id": district.id if district else None,
                    "name": None if district else name,
                    "description": row.text("description", ServiceArea),
                },
            )
            self._touch(service)

    def _grouped_text(self, table: str, column: str, attribute: str):
        grouped = defaultdict(list)
        for row in self.rows(table):
            service = self.ref(row, "service_id", Service, required=True)
            value = row.text(column, required=True)
            if not row.failed:
                grouped[service].append(value)
        for service, values in grouped.items():
            self._merge(table, "service", service, {attribute: "\n".join(values)}, len(values))

    def _eligibility(self):
        self._grouped_text("eligibility", "eligibility", "eligibility")

    def _required_document(self):
        self._grouped_text("required_document", "document", "documents_required")
