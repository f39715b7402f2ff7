"""Import of a flat CSV list, one row per service, as departments keep them in Excel (";" or ",", UTF-8 or
Windows-1252). Agencies and services are matched by name; like the HSDS import, all or nothing, with the
same checks (row limit, broken quoting, NUL bytes, text limits of the forms, http/https only; the same
service of the same agency twice is an error)."""

import re
from datetime import time

from sqlalchemy import select

from .. import audit
from ..auth.models import Team
from ..extensions import db
from ..lifeareas import LifeArea
from ..textfold import fold
from .choices import language_code
from .editing import apply, set_main_phone
from .import_report import Report
from .models import Location, Organization, Schedule, Service, ServiceAtLocation, ServiceLanguage
from .package_reader import MAX_UNCOMPRESSED, PackageError, parse_csv, row_limit
from .rowparse import Row
from .search import indexing

COLUMNS = {
    "traeger": "organization",
    "angebot": "service",
    "beschreibung": "description",
    "handlungsfelder": "life_areas",
    "strasse": "street",
    "plz": "postal_code",
    "ort": "city",
    "sozialraum": "district",
    "telefon": "phone",
    "e mail": "email",
    "email": "email",
    "website": "url",
    "sprachen": "languages",
    "zugang": "intake",
    "mitzubringen": "documents",
    "oeffnungszeiten": "hours",
    "so vermitteln": "referral_note",
    "hinweis fuer fachkraefte": "referral_note",
}
REQUIRED = ("organization", "service")
INTAKE = {
    "offene sprechstunde": "walk_in",
    "ohne termin": "walk_in",
    "walk_in": "walk_in",
    "termin": "appointment",
    "mit termin": "appointment",
    "nur mit termin": "appointment",
    "appointment": "appointment",
    "zuweisung": "referral_only",
    "nur ueber zuweisung": "referral_only",
    "referral_only": "referral_only",
}
DAYS = {"mo": 1, "di": 2, "mi": 3, "do": 4, "fr": 5, "sa": 6, "so": 7}
_SLOT = re.compile(r"^(mo|di|mi|do|fr|sa|so)\s+(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$")


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def parse_hours(text: str) -> list[tuple[int, time, time]] | None:
    """'Mo 09:00-12:00; Di 14:00-16:00' -> slots; None when a part cannot be read."""
    slots: list[tuple[int, time, time]] = []
    for part in re.split(r"[;,\n]", text):
        part = part.strip().lower()
        if not part:
            continue
        match = _SLOT.match(part)
        if not match:
            return None
        day, h1, m1, h2, m2 = match.groups()
        try:
            opens, closes = time(int(h1), int(m1)), time(int(h2), int(m2))
        except ValueError:
            return None
        if closes <= opens:
            return None
        slots.append((DAYS[day], opens, closes))
    return slots


def import_flat(data: bytes, source_name: str) -> Report:
    report = Report(source_name)
    if len(data) > MAX_UNCOMPRESSED:
        report.error(source_name, None, None, "Die Datei ist zu groß (höchstens 50 MB).")
        return report
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        header, rows, problems = parse_csv(source_name, text, delimiter, row_limit())
    except PackageError as error:
        report.error(error.file, error.row, error.field, error.message)
        return report
    for problem in problems:
        report.error(problem.file, problem.row, problem.field, problem.message)
    mapping = {h: COLUMNS[fold(h)] for h in header if fold(h) in COLUMNS}
    missing = [r for r in REQUIRED if r not in mapping.values()]
    if missing:
        report.error(
            source_name,
            1,
            None,
            "Es fehlen die Spalten „Träger“ und „Angebot“."
            if len(missing) == 2
            else f"Es fehlt die Spalte „{'Träger' if missing[0] == 'organization' else 'Angebot'}“.",
        )
        return report
    if not report.ok:
        return report
    importer = _FlatImporter(report, source_name)
    for number, values in rows:
        importer.row(Row(report, source_name, number, {mapping[k]: v for k, v in values.items() if k in mapping}))
    if not report.ok:
        db.session.rollback()
        return report
    db.session.flush()
    indexing.reindex(importer.touched)
    return report


class _FlatImporter:
    def __init__(self, report: Report, source: str):
        self.report, self.source = report, source
        self.organizations = {fold(o.name): o for o in db.session.scalars(select(Organization))}
        self.areas = {}
        for area in db.session.scalars(select(LifeArea)):
            self.areas[area.code] = self.areas[fold(area.label)] = area
        self.districts = {fold(t.name): t for t in db.session.scalars(select(Team).where(Team.kind == "district"))}
        self.touched: set[int] = set()
        self.seen: dict[tuple[str, str], int] = {}

    def row(self, row: Row):
        org_name = row.text("organization", Organization, "name", required=True)
        name = row.text("service", Service, "name", required=True)
        if org_name and name:
            key = (fold(org_name), fold(name))
            if key in self.seen:
                row.error("Angebot", f"Dieses Angebot dieses Trägers steht schon in Zeile {self.seen[key]}.")
            self.seen.setdefault(key, row.number)
        areas = [self.areas.get(fold(p)) for p in re.split(r"[;,]", row.text("life_areas") or "") if p.strip()]
        if None in areas:
            row.error("Handlungsfelder", "Unbekanntes Handlungsfeld; erlaubt sind Kürzel oder Namen der Liste.")
        codes = [language_code(p) for p in re.split(r"[;,]", row.text("languages") or "") if p.strip()]
        if None in codes:
            row.error("Sprachen", "Unbekannte Sprache; bitte ISO-639-Codes (z. B. tr, ar) oder deutsche Namen.")
        district = None
        if district_name := row.text("district"):
            district = self.districts.get(fold(district_name))
            if district is None:
                row.error("Sozialraum", f"Unbekannter Sozialraum „{district_name[:60]}“.")
        intake = None
        if intake_text := row.text("intake"):
            intake = INTAKE.get(fold(intake_text))
            if intake is None:
                row.error("Zugang", "Erlaubt: offene Sprechstunde, mit Termin, nur über Zuweisung.")
        hours_text = row.text("hours")
        slots = parse_hours(hours_text) if hours_text else []
        if slots is None:
            row.error("Öffnungszeiten", "Bitte so: „Mo 09:00-12:00; Do 14:00-18:00“ (Ende nach Beginn).")
        email, url, phone = row.email("email", Service), row.url("url", Service), row.text("phone")
        if phone and not re.fullmatch(r"\+?[0-9 ()/.\-]{5,40}", phone):
            row.error("Telefon", "Keine Telefonnummer.")
        if row.failed:
            return
        organization = self.organizations.get(fold(org_name))
        if organization is None:
            organization = Organization(name=org_name)
            db.session.add(organization)
            db.session.flush()
            self.organizations[fold(org_name)] = organization
            self.report.count("organization", "created")
        service = db.session.scalars(
            select(Service).where(Service.organization_id == organization.id, Service.sort_key == fold(name)[:200])
        ).first()
        created = service is None
        if service is None:
            service = Service(name=name, organization_id=organization.id, status="active")
            db.session.add(service)
        changes = apply(
            service,
            {
                "name": name,
                "description": row.text("description", Service),
                "email": email,
                "url": url,
                "intake_mode": intake,
                "documents_required": row.text("documents", Service, "documents_required"),
                "referral_note": row.text("referral_note", Service),
            },
        )
        db.session.flush()
        changes += self._links(
            service, organization, row, [a for a in areas if a], [c for c in codes if c], district, slots
        )
        changes += set_main_phone(phone, service_id=service.id)
        self.report.count("service", "created" if created else ("updated" if changes else "unchanged"))
        if created or changes:
            audit.record(
                "directory.import." + ("created" if created else "changed"),
                "service",
                service.id,
                detail="; ".join(changes),
            )
            self.touched.add(service.id)

    def _links(self, service, organization, row, areas, codes, district, slots) -> list[str]:
        changes = []
        if areas and {a.id for a in areas} != {a.id for a in service.life_areas}:
            service.life_areas = areas
            changes.append("life_areas: " + ", ".join(a.code for a in areas))
        for code in codes:
            if not any(lang.code == code for lang in service.languages):
                service.languages.append(ServiceLanguage(code=code, mode="staff"))
                changes.append(f"language: + {code}")
        street = row.text("street", Location, "address_1")
        if street:
            location = db.session.scalars(
                select(Location).where(Location.organization_id == organization.id, Location.address_1 == street)
            ).first()
            if location is None:
                location = Location(organization_id=organization.id, name=street, address_1=street)
                db.session.add(location)
            changes += apply(
                location,
                {
                    "postal_code": row.text("postal_code", Location),
                    "city": row.text("city", Location),
                    "district_id": district.id if district else location.district_id,
                },
            )
            db.session.flush()
            if all(link.location_id != location.id for link in service.at_locations):
                service.at_locations.append(ServiceAtLocation(location_id=location.id))
                changes.append(f"location: + {street}")
        wanted = sorted((d, o, c) for d, o, c in slots)
        current = sorted((s.weekday, s.opens_at, s.closes_at) for s in service.schedules)
        if slots and wanted != current:
            service.schedules = [Schedule(weekday=d, opens_at=o, closes_at=c, attending="hours") for d, o, c in wanted]
            changes.append("hours: " + "; ".join(f"{d} {o:%H:%M}-{c:%H:%M}" for d, o, c in wanted))
        return changes
