"""From a list's cells to its columns: where the header row is, what each column means (proposed
from German and English header words, corrected by the person), and how values map (the list's
"AE" to the status code, a case manager's initials to the account). A Mapping is plain JSON, so
it can be saved per team and reused, or passed to the command line."""

import json
import re
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from ..textfold import fold
from .readers import RawTable, TableError, Value

# The fields a column can fill, with the header words that propose them (folded, see _key).
FIELDS: dict[str, tuple] = {
    "full_name": (
        _l("Name, Vorname (in einer Spalte)"),
        ("name vorname", "name, vorname", "vor und nachname", "full name", "klient", "klientin", "klient/in", "person"),
    ),
    "family_name": (_l("Familienname"), ("nachname", "familienname", "name", "surname", "last name", "family name")),
    "given_names": (_l("Vorname(n)"), ("vorname", "vornamen", "vorname(n)", "first name", "given name", "given names")),
    "birth_date": (
        _l("Geburtsdatum"),
        (
            "geb.-datum",
            "geb. datum",
            "geburtsdatum",
            "geb.",
            "geb",
            "geboren",
            "geb. am",
            "date of birth",
            "birth date",
            "dob",
        ),
    ),
    "gender": (_l("Geschlecht"), ("geschlecht", "gender", "sex", "m/w")),
    "nationalities": (
        _l("Staatsangehörigkeit"),
        (
            "staatsang.",
            "staatsang",
            "staatsangehörigkeit",
            "nationalität",
            "nationality",
            "citizenship",
            "herkunftsland",
        ),
    ),
    "languages": (_l("Sprache(n)"), ("sprache", "sprachen", "language", "languages", "muttersprache")),
    "phone": (_l("Telefon"), ("telefon", "tel.", "tel", "telefonnummer", "handy", "mobil", "phone", "mobile")),
    "email": (_l("E-Mail"), ("e-mail", "email", "mail")),
    "street": (_l("Straße"), ("strasse", "str.", "adresse", "anschrift", "street", "address")),
    "postcode": (_l("PLZ"), ("plz", "postleitzahl", "postcode", "zip")),
    "city": (_l("Ort"), ("ort", "wohnort", "stadt", "city")),
    "status_type": (
        _l("Aufenthaltsstatus"),
        ("aufenthaltsstatus", "aufenthalt", "status", "aufenthaltstitel", "titel", "residence status"),
    ),
    "legal_basis": (_l("Rechtsgrundlage"), ("rechtsgrundlage", "paragraph", "legal basis")),
    "status_valid_until": (
        _l("Status gültig bis"),
        ("gültig bis", "gültigkeit", "ablaufdatum", "befristet bis", "ablauf", "valid until", "expiry", "expires"),
    ),
    "passport_valid_until": (_l("Pass gültig bis"), ("pass gültig bis", "pass bis", "passport valid until")),
    "abh_file_number": (_l("Aktenzeichen Ausländerbehörde"), ("az abh", "aktenzeichen abh", "abh-az")),
    "case_manager": (
        _l("Fallmanager/in"),
        (
            "fallmanager/in",
            "fallmanager",
            "fallmanagerin",
            "fallmanager*in",
            "fm",
            "zuständig",
            "betreuer/in",
            "betreuer",
            "case manager",
        ),
    ),
    "district": (_l("Sozialraum"), ("sozialraum", "stadtteil", "bezirk", "district")),
    "consent_on": (
        _l("Einwilligung Fallmanagement am"),
        ("einwilligung", "einwilligung am", "datenschutz", "dse", "einverständniserklärung", "consent"),
    ),
    "consent_agency": (
        _l("Schweigepflichtentbindung: Stelle"),
        ("schweigepflichtentbindung", "spe", "spe für", "entbindung", "consent agency"),
    ),
    "consent_given_on": (
        _l("Schweigepflichtentbindung: Datum"),
        ("spe am", "spe vom", "entbindung am", "consent date"),
    ),
    "consent_purpose": (
        _l("Schweigepflichtentbindung: Zweck"),
        ("spe zweck", "zweck", "umfang", "consent purpose", "scope"),
    ),
    "next_step": (_l("Nächster Schritt"), ("nächster schritt", "next step", "to do", "todo", "aufgabe")),
    "follow_up_on": (
        _l("Wiedervorlage am"),
        ("wiedervorlage", "wv", "wiedervorlage am", "wv am", "follow-up", "follow up"),
    ),
    "remarks": (
        _l("Bemerkung (in die Aufnahmenotiz)"),
        (
            "bemerkung",
            "bemerkungen",
            "anmerkung",
            "anmerkungen",
            "notiz",
            "notizen",
            "kommentar",
            "notes",
            "remarks",
            "lfd. nr.",
            "nr.",
            "aktenzeichen",
        ),
    ),
}
FIELD_LABELS = {key: label for key, (label, _words) in FIELDS.items()}
REPEATABLE = frozenset({"remarks"})
DATE_FIELDS = (
    "birth_date",
    "status_valid_until",
    "passport_valid_until",
    "consent_on",
    "consent_given_on",
    "follow_up_on",
)
# Fields whose values are mapped (status words, case managers, districts).
VALUE_FIELDS = ("status_type", "case_manager", "district")

_SPACES = re.compile(r"\s+")
_TRAIL = re.compile(r"[\s:*]+$")


def header_key(text) -> str:
    """A header cell compared without case, umlauts, trailing colons and double spaces."""
    return _TRAIL.sub("", _SPACES.sub(" ", fold(str(text or "")).strip()))


_WORDS = {
    header_key(word): key for key, (_label, words) in reversed(FIELDS.items()) for word in words if header_key(word)
}


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the column as the spreadsheet names it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class Sheet:
    """A list with its header found: one label per column, and the data rows below it."""

    header_row: int
    columns: list[str]
    rows: list[tuple[int, list[Value]]]
    detected: str
    notes: list[str] = field(default_factory=list)


def _known(values: list[Value]) -> int:
    return sum(1 for v in values if isinstance(v, str) and header_key(v) in _WORDS)


def find_header(table: RawTable, max_rows: int = 20) -> Sheet:
    """The header is the row among the first ones that names most known fields (title rows,
    empty rows and a merged group row above it are passed over). A header cell left empty by a
    merged cell that spans two header rows takes the text from the row above."""
    candidates = table.rows[:max_rows]
    best = max(range(len(candidates)), key=lambda i: (_known(candidates[i][1]), -i))
    if _known(candidates[best][1]) == 0:
        # No known word: the first row with at least two text cells.
        best = next((i for i, (_n, values) in enumerate(candidates) if sum(isinstance(v, str) for v in values) >= 2), 0)
    number, values = candidates[best]
    above = candidates[best - 1][1] if best > 0 and candidates[best - 1][0] == number - 1 else []
    width = max(len(values), max((len(v) for _n, v in table.rows[best + 1 :]), default=0))
    width = min(width, 100)
    columns = []
    for index in range(width):
        label = values[index] if index < len(values) else None
        if label is None and index < len(above) and sum(v is not None for v in above) >= 2:
            label = above[index]
        columns.append(str(label).strip() if label is not None else "")
    rows = table.rows[best + 1 :]
    if not rows:
        raise TableError(str(_l("Unter der Kopfzeile stehen keine Daten.")))
    if len(rows) > 20_000:
        raise TableError(str(_l("Die Liste hat mehr als 20.000 Zeilen. Bitte teilen Sie sie auf.")))
    return Sheet(number, columns, rows, table.detected, list(table.notes))


@dataclass
class Mapping:
    """What each column means, how values map, and defaults. Columns are named by their header
    text (so a saved mapping fits the next list of the same shape) and matched by position when
    the header text is empty."""

    columns: dict[str, str] = field(default_factory=dict)  # header label -> field key ("" ignores it)
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # field -> {list value key: target}
    default_case_manager: str = ""  # username
    source_label: str = ""  # how the intake note names the list
    decisions: dict[str, str] = field(default_factory=dict)  # "row number" -> new / skip / same:<case number>

    def to_json(self) -> str:
        return json.dumps(
            {
                "columns": self.columns,
                "values": self.values,
                "default_case_manager": self.default_case_manager,
                "source_label": self.source_label,
                "decisions": self.decisions,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str | None) -> "Mapping":
        try:
            data = json.loads(text or "{}")
        except ValueError:
            raise TableError(str(_l("Die Zuordnungsdatei ist kein gültiges JSON."))) from None
        if not isinstance(data, dict):
            raise TableError(str(_l("Die Zuordnungsdatei ist kein gültiges JSON.")))

        def strings(value) -> dict[str, str]:
            return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}

        values = data.get("values")
        return cls(
            columns={k: v for k, v in strings(data.get("columns")).items() if v in FIELDS or v == ""},
            values={
                f: {value_key(k): v for k, v in strings(m).items()}
                for f, m in (values or {}).items()
                if f in VALUE_FIELDS
            }
            if isinstance(values, dict)
            else {},
            default_case_manager=str(data.get("default_case_manager") or "")[:64],
            source_label=str(data.get("source_label") or "")[:200],
            decisions=strings(data.get("decisions")),
        )

    def field_of(self, index: int, label: str) -> str:
        return self.columns.get(label or f"#{column_letter(index)}", "")


def column_name(index: int, label: str) -> str:
    """How a mapping names a column: its header text, or #C for a column without one."""
    return label or f"#{column_letter(index)}"


def propose(sheet: Sheet) -> Mapping:
    """A first mapping from the header words; each field once (the leftmost column wins)."""
    columns: dict[str, str] = {}
    taken: set[str] = set()
    keys = [header_key(label) for label in sheet.columns]
    has_given = any(_WORDS.get(k) == "given_names" for k in keys)
    for index, (label, key) in enumerate(zip(sheet.columns, keys, strict=True)):
        target = _WORDS.get(key, "")
        if not target:
            target = next((f for word, f in _WORDS.items() if len(word) > 3 and key.startswith(word)), "")
        if target == "family_name" and key == "name" and not has_given:
            target = "full_name"
        if target in taken and target not in REPEATABLE:
            target = ""
        if target:
            taken.add(target)
        columns[column_name(index, label)] = target
    return Mapping(columns=columns)


def value_key(value) -> str:
    """A list value as value mappings compare it (folded, spaces collapsed)."""
    return _SPACES.sub(" ", fold(str(value or "")).strip())
