"""The preview: what each row of a list will become, its problems with the cell named, and its
likely duplicates against the files on record and within the list itself, found by the intake's
own matching (kimweb.clients.matching). Nothing is written here."""

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import false, select

from ..auth.models import Team, User
from ..clients.districts import suggest_district
from ..clients.matching import Hint
from ..directory.models import Organization
from ..extensions import db
from ..fields import DateInputError, valid_email, valid_phone
from ..security import has_permission, roles_with
from ..textfold import fold
from .duplicates import decide, find_duplicates
from .mapping import FIELDS, Mapping, Sheet, column_letter, value_key
from .readers import Value
from .values import (
    CellDate,
    cell_text,
    read_date,
    read_gender,
    read_languages,
    read_nationalities,
    read_status,
    split_name,
)

# Text fields of a client row and their column lengths.
TEXT_LIMITS = {
    "family_name": 200,
    "given_names": 200,
    "phone": 60,
    "email": 254,
    "street": 200,
    "postcode": 10,
    "city": 100,
    "abh_file_number": 40,
}


@dataclass
class Importer:
    """Who imports, and for whom: a team lead only for the case managers of their team."""

    user: User | None  # None on the command line
    managers: list[User]
    teams: list[Team]
    everyone: bool  # admin or command line: any case manager, any file

    @property
    def team_id(self) -> int | None:
        return self.user.team_id if self.user is not None and not self.everyone else None


def importer_for(user: User | None) -> Importer:
    everyone = user is None or has_permission("import.all", user)
    query = (
        select(User).where(User.active.is_(True), User.role.in_(roles_with("client.read"))).order_by(User.display_name)
    )
    if not everyone:
        query = query.where(User.team_id == user.team_id) if user and user.team_id else query.where(false())
    teams = db.session.scalars(select(Team).order_by(Team.sort_order, Team.name)).all()
    return Importer(user, list(db.session.scalars(query)), list(teams), everyone)


def initials(name: str) -> str:
    return "".join(word[0] for word in fold(name).split() if word)


@dataclass
class PlannedRow:
    number: int
    client: dict = field(default_factory=dict)
    status: dict | None = None
    consent: dict | None = None
    follow_up: dict | None = None
    note_lines: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    hints: list[Hint] = field(default_factory=list)
    same_as_row: int | None = None
    decision: str = "new"  # "" (to decide), new, skip, same:<client id>, same_row

    @property
    def name(self) -> str:
        family, given = self.client.get("family_name", ""), self.client.get("given_names", "")
        return f"{family}, {given}" if given else family

    @property
    def needs_decision(self) -> bool:
        return not self.errors and (bool(self.hints) or self.same_as_row is not None)


@dataclass
class Plan:
    rows: list[PlannedRow]
    managers: dict[int, str]
    teams: dict[int, str]

    @property
    def errors(self) -> int:
        return sum(1 for r in self.rows if r.errors)

    @property
    def undecided(self) -> list[PlannedRow]:
        return [r for r in self.rows if not r.errors and r.decision == ""]


class _Resolver:
    """Looks up case managers, districts and agencies once per list, not once per row."""

    def __init__(self, importer: Importer, mapping: Mapping):
        self.importer = importer
        self.by_word: dict[str, int | None] = {}
        for user in importer.managers:
            for word in {
                fold(user.username),
                fold(user.display_name),
                initials(user.display_name),
                fold(user.display_name.split()[-1]) if user.display_name.split() else "",
            }:
                if not word:
                    continue
                # A word two colleagues share (initials "AS") points to nobody.
                self.by_word[word] = user.id if self.by_word.get(word, user.id) == user.id else None
        self.by_username = {u.username: u.id for u in importer.managers}
        self.mapped = mapping.values
        self.default_manager = self.by_username.get(mapping.default_case_manager)
        self.teams = {fold(t.name): t.id for t in importer.teams}
        self.team_of = {u.id: u.team_id for u in importer.managers}
        self.organizations = {fold(o.name): o.id for o in db.session.scalars(select(Organization))}

    def manager(self, text: str) -> int | None:
        key = value_key(text)
        mapped = self.mapped.get("case_manager", {}).get(key)
        if mapped:
            return self.by_username.get(mapped)
        return self.by_word.get(fold(text))

    def district(self, text: str) -> int | None:
        mapped = self.mapped.get("district", {}).get(value_key(text))
        if mapped:
            return self.teams.get(fold(mapped))
        return self.teams.get(fold(text))


def _cell(values: list[Value], index: int) -> Value:
    return values[index] if index < len(values) else None


def build_plan(
    sheet: Sheet, mapping: Mapping, importer: Importer, today: date, *, check_duplicates: bool = True
) -> Plan:
    resolver = _Resolver(importer, mapping)
    columns = [(index, mapping.field_of(index, label)) for index, label in enumerate(sheet.columns)]
    columns = [(index, key) for index, key in columns if key]
    read = [_row(number, values, columns, sheet, resolver, today) for number, values in sheet.rows]
    rows = [row for row in read if row is not None]
    if check_duplicates:
        find_duplicates(rows)
        decide(rows, mapping)
    return Plan(
        rows,
        {u.id: u.display_name for u in importer.managers},
        {t.id: t.name for t in importer.teams},
    )


def _row(number, values, columns, sheet: Sheet, resolver: _Resolver, today: date) -> PlannedRow | None:
    if all(cell_text(v) == "" for v in values):
        return None
    row = PlannedRow(number)
    client = row.client
    where = {
        key: _("Zeile %(row)d, Spalte %(column)s", row=number, column=column_letter(index)) for index, key in columns
    }
    remarks = []
    dates: dict[str, CellDate | None] = {}
    texts: dict[str, str] = {}
    for index, key in columns:
        cell = _cell(values, index)
        text = cell_text(cell)
        if key in (
            "birth_date",
            "status_valid_until",
            "passport_valid_until",
            "consent_on",
            "consent_given_on",
            "follow_up_on",
        ):
            try:
                dates[key] = read_date(cell, today, birth=key == "birth_date")
            except DateInputError as error:
                row.errors.append(f"{where[key]}: „{text}“ – {error.message}")
            continue
        if key == "remarks":
            if text:
                label = sheet.columns[index] or column_letter(index)
                remarks.append(f"{label}: {text}")
            continue
        texts[key] = text
    # Names
    family, given = texts.get("family_name", ""), texts.get("given_names", "")
    if texts.get("full_name"):
        split_family, split_given = split_name(texts["full_name"])
        family, given = family or split_family, given or split_given
    if not family:
        column = where.get("family_name") or where.get("full_name") or _("Zeile %(row)d", row=number)
        row.errors.append(_("%(where)s: Der Familienname fehlt.", where=column))
    for key, value in (("family_name", family), ("given_names", given)):
        if len(value) > TEXT_LIMITS[key]:
            row.errors.append(
                _(
                    "%(where)s: Der Name ist länger als %(max)d Zeichen.",
                    where=where.get(key) or where.get("full_name", ""),
                    max=TEXT_LIMITS[key],
                )
            )
    client["family_name"], client["given_names"] = family[:200], given[:200]
    # Birth date
    birth = dates.get("birth_date")
    if birth is not None:
        client["birth_date"], client["birth_date_approximate"] = birth.value, birth.approximate
        if birth.approximate:
            row.warnings.append(
                _("%(where)s: ungenaues Datum („%(text)s“), bitte prüfen.", where=where["birth_date"], text=birth.text)
            )
            row.note_lines.append(_("Geburtsdatum laut Liste: %(text)s", text=birth.text))
    # Plain text fields
    for key in ("phone", "email", "street", "postcode", "city", "abh_file_number"):
        value = texts.get(key, "")
        if not value:
            continue
        if (
            len(value) > TEXT_LIMITS[key]
            or (key == "email" and not valid_email(value))
            or (key == "phone" and not valid_phone(value))
        ):
            row.warnings.append(
                _(
                    "%(where)s: „%(text)s“ wird nicht übernommen (steht in der Aufnahmenotiz).",
                    where=where[key],
                    text=value[:60],
                )
            )
            row.note_lines.append(f"{FIELDS[key][0]}: {value[:500]}")
            continue
        client[key] = value
    if texts.get("gender"):
        gender = read_gender(texts["gender"])
        if gender:
            client["gender"] = gender
        else:
            row.warnings.append(
                _(
                    "%(where)s: Geschlecht „%(text)s“ unbekannt, nicht übernommen.",
                    where=where["gender"],
                    text=texts["gender"][:40],
                )
            )
    for key, reader in (("nationalities", read_nationalities), ("languages", read_languages)):
        if texts.get(key):
            codes, unknown = reader(texts[key])
            client[key] = " ".join(codes)
            if unknown:
                row.warnings.append(
                    _(
                        "%(where)s: „%(text)s“ unbekannt (steht in der Aufnahmenotiz).",
                        where=where[key],
                        text=", ".join(unknown)[:80],
                    )
                )
                row.note_lines.append(f"{FIELDS[key][0]}: {texts[key][:200]}")
    # Case manager and district
    manager_id = None
    if texts.get("case_manager"):
        manager_id = resolver.manager(texts["case_manager"])
        if manager_id is None:
            row.errors.append(
                _(
                    "%(where)s: Fallmanager/in „%(text)s“ ist unbekannt oder nicht in Ihrem Team. Bitte ordnen Sie den Wert zu.",
                    where=where["case_manager"],
                    text=texts["case_manager"][:60],
                )
            )
    elif resolver.default_manager:
        manager_id = resolver.default_manager
    else:
        row.errors.append(
            _("Zeile %(row)d: Keine Fallmanager/in. Bitte wählen Sie eine für die ganze Liste.", row=number)
        )
    client["case_manager_id"] = manager_id
    district_id = None
    if texts.get("district"):
        district_id = resolver.district(texts["district"])
        if district_id is None:
            row.warnings.append(
                _("%(where)s: Sozialraum „%(text)s“ unbekannt.", where=where["district"], text=texts["district"][:60])
            )
    if district_id is None and client.get("postcode"):
        suggested = suggest_district(client.get("postcode"), client.get("street"))
        district_id = suggested.id if suggested else None
    if district_id is None and manager_id is not None:
        district_id = resolver.team_of.get(manager_id)
    client["district_id"] = district_id
    consent_on = dates.get("consent_on")
    if consent_on is not None:
        client["consent_on"] = consent_on.value
    # Residence status
    status_text = texts.get("status_type", "")
    until = dates.get("status_valid_until")
    if status_text:
        reading = read_status(status_text, resolver.mapped.get("status_type", {}))
        if reading is None:
            row.errors.append(
                _(
                    "%(where)s: Aufenthaltsstatus „%(text)s“ ist unbekannt. Bitte ordnen Sie den Wert zu.",
                    where=where["status_type"],
                    text=status_text[:60],
                )
            )
        else:
            basis = texts.get("legal_basis") or reading.legal_basis
            row.status = {
                "status_type": reading.code,
                "legal_basis": (basis or None) and basis[:200],
                "valid_until": until.value if until else None,
            }
            passport = dates.get("passport_valid_until")
            if passport is not None:
                row.status["passport_valid_until"] = passport.value
    elif until is not None:
        row.status = {"status_type": "unbekannt", "legal_basis": None, "valid_until": until.value}
        row.warnings.append(
            _(
                "%(where)s: Gültig bis ohne Status: als Status „unbekannt“ übernommen.",
                where=where["status_valid_until"],
            )
        )
    if until is not None and until.approximate:
        row.warnings.append(
            _(
                "%(where)s: ungenaues Datum („%(text)s“), bitte prüfen.",
                where=where["status_valid_until"],
                text=until.text,
            )
        )
    # Consent to pass data to an agency
    agency = texts.get("consent_agency", "")
    if agency:
        organization_id = resolver.organizations.get(fold(agency))
        given_on = dates.get("consent_given_on") or consent_on
        if organization_id is None:
            row.warnings.append(
                _(
                    "%(where)s: Stelle „%(text)s“ steht nicht im Wegweiser; die Schweigepflichtentbindung steht nur in der Aufnahmenotiz.",
                    where=where["consent_agency"],
                    text=agency[:80],
                )
            )
            row.note_lines.append(_("Schweigepflichtentbindung laut Liste: %(text)s", text=agency[:200]))
        elif given_on is None:
            row.warnings.append(
                _(
                    "%(where)s: Schweigepflichtentbindung ohne Datum: steht nur in der Aufnahmenotiz.",
                    where=where["consent_agency"],
                )
            )
            row.note_lines.append(_("Schweigepflichtentbindung laut Liste: %(text)s", text=agency[:200]))
        else:
            row.consent = {
                "organization_id": organization_id,
                "given_on": given_on.value,
                "purpose": texts.get("consent_purpose", "")[:500],
            }
    # Follow-up
    step = texts.get("next_step", "")
    follow_on = dates.get("follow_up_on")
    if follow_on is not None:
        row.follow_up = {
            "title": (step or _("Wiedervorlage aus der übernommenen Liste"))[:500],
            "due_on": follow_on.value,
        }
    elif step:
        row.note_lines.append(_("Nächster Schritt laut Liste: %(text)s", text=step[:1000]))
    row.note_lines.extend(remarks)
    return row
