"""Reading single cells of a list: dates in the forms German offices write them, names in one
column, residence status words and abbreviations, nationalities, languages, gender.

Dates go through kimweb.fields.parse_date (the intake's own rules: 1.2.85, 01.02.1985, a bare
year, "ca. 1980"); on top of it come what only spreadsheets hold: real date cells, Excel serial
numbers, and month and year ("02/1985"). A date known only to the year or month is stored as its
first day, flagged approximate, and the row says "ungenaues Datum, bitte prüfen"; the text as the
list had it goes into the intake note.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l

from ..clients.choices import GENDERS, NATIONALITIES, STATUS_TYPES
from ..directory.choices import LANGUAGES
from ..fields import NO_SUCH_DAY, DateInputError, parse_date
from ..textfold import fold
from .mapping import value_key
from .readers import Value

EXCEL_EPOCH = date(1899, 12, 30)
_MONTH_YEAR = re.compile(r"^(\d{1,2})\s*[./-]\s*(\d{4})$")
_SERIAL = re.compile(r"^\d{4,5}$")


@dataclass(frozen=True)
class CellDate:
    value: date
    approximate: bool
    text: str  # as the list had it (for the intake note)


def read_date(cell: Value, today: date, *, birth: bool = False) -> CellDate | None:
    """A date from a cell, None for an empty one; DateInputError with a German message otherwise."""
    if cell is None or cell == "":
        return None
    if isinstance(cell, date):
        return CellDate(cell, False, cell.strftime("%d.%m.%Y"))
    if isinstance(cell, (int, float)):
        number = int(cell)
        if birth and 1900 <= number <= today.year:
            return CellDate(date(number, 1, 1), True, str(number))
        return _serial(number, str(cell))
    text = str(cell).strip()
    if match := _MONTH_YEAR.match(text):
        month, year = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            raise DateInputError(NO_SUCH_DAY)
        return CellDate(date(year, month, 1), True, text)
    if _SERIAL.match(text) and not (birth and 1900 <= int(text) <= today.year):
        return _serial(int(text), text)
    parsed = parse_date(text, today, birth=birth)
    if parsed is None:
        return None
    return CellDate(parsed.value, parsed.approximate, text)


def _serial(number: int, text: str) -> CellDate:
    # Excel counts days from 30.12.1899; 1 to 73,000 covers 1900 to 2099.
    if not 1 <= number <= 73_000:
        raise DateInputError(_l("Bitte prüfen Sie das Datum."))
    return CellDate(EXCEL_EPOCH + timedelta(days=number), False, text)


def split_name(text: str) -> tuple[str, str]:
    """ "Familienname, Vorname" (the usual list form) or "Vorname Familienname" without a comma
    (the last word taken as the family name); (family, given)."""
    text = " ".join(text.split())
    if "," in text:
        family, _, given = text.partition(",")
        return family.strip(), given.strip()
    words = text.split(" ")
    if len(words) == 1:
        return words[0], ""
    return words[-1], " ".join(words[:-1])


# The list's words for a status, folded: abbreviations offices use, and every label and code.
STATUS_WORDS = {
    "ae": "aufenthaltserlaubnis",
    "aufenthaltserlaubnis": "aufenthaltserlaubnis",
    "ne": "niederlassungserlaubnis",
    "niederlassungserlaubnis": "niederlassungserlaubnis",
    "duldung": "duldung_60a",
    "geduldet": "duldung_60a",
    "gestattung": "aufenthaltsgestattung",
    "aufenthaltsgestattung": "aufenthaltsgestattung",
    "ag": "aufenthaltsgestattung",
    "fiktion": "fiktion_81_4",
    "fiktionsbescheinigung": "fiktion_81_4",
    "fb": "fiktion_81_4",
    "blaue karte": "blaue_karte",
    "blaue karte eu": "blaue_karte",
    "dauer eu": "daueraufenthalt_eu",
    "daueraufenthalt eu": "daueraufenthalt_eu",
    "visum": "visum",
    "eingebuergert": "eingebuergert",
    "deutsch": "eingebuergert",
    "eu": "freizuegigkeit_eu",
    "freizuegigkeit": "freizuegigkeit_eu",
    "freizuegigkeit eu": "freizuegigkeit_eu",
    "chancen aufenthalt": "chancen_aufenthalt",
    "chancenaufenthalt": "chancen_aufenthalt",
    "104c": "chancen_aufenthalt",
    "unbekannt": "unbekannt",
    "ungeklaert": "unbekannt",
}
STATUS_WORDS.update({fold(str(label)): code for code, label in STATUS_TYPES.items()})
STATUS_WORDS.update({fold(code): code for code in STATUS_TYPES})
_PARAGRAPH = re.compile(r"§.*$")
_DULDUNG_SUB = re.compile(r"60\s*([bcd])", re.IGNORECASE)
_FIKTION_SUB = re.compile(r"abs\.?\s*([34])", re.IGNORECASE)


@dataclass(frozen=True)
class StatusReading:
    code: str
    legal_basis: str | None


def read_status(text: str, mapped: dict[str, str]) -> StatusReading | None:
    """The status code of a list's word: the person's value mapping first, then the known words,
    then the first word ("AE § 25 Abs. 2" is an Aufenthaltserlaubnis with its legal basis)."""
    key = value_key(text)
    paragraph = _PARAGRAPH.search(text)
    basis = paragraph.group(0).strip()[:200] if paragraph else None
    code = mapped.get(key) or STATUS_WORDS.get(key)
    if not code:
        bare = value_key(_PARAGRAPH.sub("", text))
        code = mapped.get(bare) or STATUS_WORDS.get(bare) or STATUS_WORDS.get(bare.split(" ")[0] if bare else "")
    if not code or code not in STATUS_TYPES:
        return None
    if code == "duldung_60a" and basis and (sub := _DULDUNG_SUB.search(basis)):
        code = f"duldung_60{sub.group(1).lower()}"
    if code == "fiktion_81_4" and basis and (sub := _FIKTION_SUB.search(basis)) and sub.group(1) == "3":
        code = "fiktion_81_3"
    return StatusReading(code, basis)


_NATIONALITY_WORDS = {fold(label): code for code, label in NATIONALITIES.items()}
_NATIONALITY_WORDS.update({code.lower(): code for code in NATIONALITIES})
_NATIONALITY_WORDS.update(
    {
        "tuerkisch": "TR",
        "syrisch": "SY",
        "ukrainisch": "UA",
        "italienisch": "IT",
        "polnisch": "PL",
        "bosnisch": "BA",
        "rumaenisch": "RO",
        "bulgarisch": "BG",
        "irakisch": "IQ",
        "afghanisch": "AF",
        "eritreisch": "ER",
        "iranisch": "IR",
        "russisch": "RU",
        "serbisch": "RS",
        "kosovarisch": "XK",
        "albanisch": "AL",
        "griechisch": "GR",
        "kroatisch": "HR",
        "marokkanisch": "MA",
        "deutsch": "DE",
        "somalisch": "SO",
        "nigerianisch": "NG",
        "georgisch": "GE",
        "staatenlos": "XXA",
        "ungeklaert": "XXX",
    }
)
_SEPARATORS = re.compile(r"\s*[,/;+]\s*|\s+und\s+")


def read_codes(text: str, words: dict[str, str]) -> tuple[list[str], list[str]]:
    """Codes for a cell of one or more names ("Syrien / Irak"); (codes, words not known)."""
    codes, unknown = [], []
    for part in _SEPARATORS.split(text.strip()):
        if not part:
            continue
        code = words.get(fold(part))
        if code and code not in codes:
            codes.append(code)
        elif not code:
            unknown.append(part)
    return codes, unknown


def read_nationalities(text: str) -> tuple[list[str], list[str]]:
    return read_codes(text, _NATIONALITY_WORDS)


_LANGUAGE_WORDS = {fold(name): code for code, name in LANGUAGES.items()}
_LANGUAGE_WORDS.update({code.lower(): code for code in LANGUAGES})


def read_languages(text: str) -> tuple[list[str], list[str]]:
    return read_codes(text, _LANGUAGE_WORDS)


_GENDER_WORDS = {fold(str(label)): code for code, label in GENDERS.items()}
_GENDER_WORDS.update({"w": "female", "f": "female", "frau": "female", "m": "male", "mann": "male", "d": "diverse"})


def read_gender(text: str) -> str | None:
    return _GENDER_WORDS.get(fold(text))


def cell_text(cell: Value) -> str:
    """A cell as text (a number without ".0", a date as DD.MM.YYYY)."""
    if cell is None:
        return ""
    if isinstance(cell, date):
        return cell.strftime("%d.%m.%Y")
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()
