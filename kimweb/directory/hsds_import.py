"""Import an HSDS CSV package (zip or folder): upsert by id in one transaction, with a report.

Columns a package does not have leave kimweb's values alone; nothing is deleted. Any error rolls
the whole import back and the report names the file, row and field. The rows are read and checked
by hsds_rows; this module resolves their references and writes them.
"""

from collections import defaultdict
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.exc import DataError, IntegrityError

from .. import audit
from ..auth.models import Team
from ..extensions import db
from ..lifeareas import LifeArea
from ..textfold import fold
from .choices import LANGUAGE_MODES, language_code
from .editing import apply
from .hsds_rows import (
    accessibility_values,
    address_values,
    contact_values,
    exception_times,
    exception_values,
    language_values,
    location_values,
    organization_values,
    phone_values,
    schedule_values,
    service_area_values,
    service_values,
    weekly_times,
)
from .hsds_schema import LIFE_AREA_VOCABULARY, NOT_HELD, TABLES
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
from .rowparse import Row, text_limit
from .search import indexing

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
        for problem in error.problems:
            report.error(problem.file, problem.row, problem.field, problem.message)
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
    except DataError:
        # The checks above should catch every value the database refuses; if one slips through,
        # the import still ends with a message and nothing written, not with a traceback.
        db.session.rollback()
        report.error("(Datenbank)", None, None, "Die Datenbank hat einen Wert abgelehnt (zu lang oder ungültig).")
        return report
    if not report.ok:
        db.session.rollback()
        return report
    for object_type, obj, action, changes in importer.changes:
        audit.record(f"directory.import.{action}", object_type, obj.id, detail="; ".join(changes) or None)
    indexing.reindex(importer.touched)
    return report


class _Record(Protocol):
    @property
    def id(self) -> int: ...


class _Importer:
    def __init__(self, report: Report, tables):
        self.report, self.tables = report, tables
        # model -> HSDS id -> record, of every model the package may name.
        self.cache: dict[type, dict[str, Any]] = {
            model: {o.uuid: o for o in db.session.scalars(select(model))}  # type: ignore[attr-defined]
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
        self.changes: list[tuple[str, _Record, str, list[str]]] = []

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
        if row.failed or uuid is None:
            return None
        obj = self.cache[model].get(uuid)
        created = obj is None
        if obj is None:
            obj = model(uuid=uuid)
            self.cache[model][uuid] = obj
        changes = apply(obj, values)
        if created:
            db.session.add(obj)
        self.report.count(table, "created" if created else ("updated" if changes else "unchanged"))
        if object_type and (created or changes):
            self.changes.append((object_type, obj, "created" if created else "changed", changes))
        return obj

    def _organization(self):
        for row in self.rows("organization"):
            self.upsert("organization", row, Organization, organization_values(row), "organization")

    def _location(self):
        for row in self.rows("location"):
            organization = self.ref(row, "organization_id", Organization)
            location = self.upsert(
                "location", row, Location, location_values(row, organization, self.districts), "location"
            )
            self._touch_location(location)

    def _touch_location(self, location):
        if location is not None and location.id:
            self.touched.update(indexing.services_at(location.id))

    def _physical_address(self):
        seen = set()
        for row in self.rows("physical_address"):
            location = self.ref(row, "location_id", Location, required=True)
            values = address_values(row)
            if row.failed:
                continue
            if location.uuid in seen:
                row.skip(
                    "physical_address", "kimweb führt eine Besuchsadresse je Standort; weitere werden nicht übernommen."
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
                grouped[location].append((kind, details))
        for location, entries in grouped.items():
            values = accessibility_values(entries)
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
            values = service_values(row, organization)
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
                row.skip("service_at_location", "Dieses Angebot ist an diesem Standort schon verknüpft.")
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
                row.skip("taxonomy", f"Die Kategorie „{name[:60]}“ entspricht keinem Handlungsfeld.")

    def _service_taxonomy(self):
        for row in self.rows("service_taxonomy"):
            service = self.ref(row, "service_id", Service, required=True)
            area = self.taxonomy.get(row.text("taxonomy_id") or "")
            if row.failed:
                continue
            if area is None:
                row.skip("service_taxonomy", "Kategorie ohne Handlungsfeld.")
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
            values = contact_values(row, service, organization)
            if not row.failed and not values["service_id"] and not values["organization_id"]:
                row.skip("contact", "Kontakt ohne Angebot und ohne Träger.")
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
            values = phone_values(row, contact, service, location, organization)
            if not row.failed and not any((contact, service, location, organization)):
                row.skip("phone", "Telefonnummer ohne Zuordnung.")
                continue
            self.upsert("phone", row, Phone, values, "phone")

    def _slot_owner(self, row: Row, table: str):
        service = self.ref(row, "service_id", Service)
        sal_service, sal_location = self._sal_service(row)
        location = self.ref(row, "location_id", Location) or sal_location
        service = service or sal_service
        if service is None and not row.failed:
            row.skip(table, "Öffnungszeiten ohne Angebot übernimmt kimweb nicht (nur je Angebot).")
        return service, location

    def _regular_schedule(self):
        for row in self.rows("regular_schedule"):
            service, location = self._slot_owner(row, "regular_schedule")
            times = weekly_times(row)
            if service is None:
                continue
            self.upsert("regular_schedule", row, Schedule, schedule_values(row, service, location, times))

    def _holiday_schedule(self):
        for row in self.rows("holiday_schedule"):
            service, location = self._slot_owner(row, "holiday_schedule")
            times = exception_times(row)
            if service is None:
                continue
            self.upsert("holiday_schedule", row, ScheduleException, exception_values(row, service, location, times))

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
                row.skip("language", f"Sprache „{name[:40]}“ hat keinen ISO-639-Code in kimweb.")
                continue
            if taken.get((service.id, code, mode), row.text("id")) != row.text("id"):
                row.skip("language", "Diese Sprache ist für das Angebot schon eingetragen.")
                continue
            values = language_values(row, service, code, mode)
            language = self.upsert("language", row, ServiceLanguage, values)
            if language is not None:
                taken[(service.id, code, mode)] = language.uuid

    def _service_area(self):
        for row in self.rows("service_area"):
            service = self.ref(row, "service_id", Service, required=True)
            values = service_area_values(row, service, self.districts)
            if values is None:
                continue
            self.upsert("service_area", row, ServiceArea, values)
            self._touch(service)

    def _grouped_text(self, table: str, column: str, attribute: str):
        grouped = defaultdict(list)
        limit = text_limit(Service, attribute)
        for row in self.rows(table):
            service = self.ref(row, "service_id", Service, required=True)
            value = row.text(column, Service, attribute, required=True)
            if row.failed:
                continue
            grouped[service].append(value)
            if len("\n".join(grouped[service])) > limit:
                row.error(column, f"Zusammen mit den Zeilen davor zu lang für ein Angebot: höchstens {limit} Zeichen.")
        for service, values in grouped.items():
            self._merge(table, "service", service, {attribute: "\n".join(values)}, len(values))

    def _eligibility(self):
        self._grouped_text("eligibility", "eligibility", "eligibility")

    def _required_document(self):
        self._grouped_text("required_document", "document", "documents_required")
