"""Dates as people type them at the desk: 1.2.90, 01.02.1990, 1990-02-01, or only a year.

Two-digit years: a birth date takes the latest century that does not put it in the future (on
21.11.2026, "21.11.26" is 2026 and "22.11.26" is 1926, so people over 99 need four digits); any
other date takes the year within
80 years before and 19 years after today (in 2026: "07" to "45" are 2007 to 2045, "46" to "99"
are 1946 to 1999).
"""

import re
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

_DOTTED = re.compile(r"^(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_YEAR = re.compile(r"^(?:ca\.?\s*|~\s*)?(\d{4})$", re.IGNORECASE)

EARLIEST_YEAR = 1900
LATEST_YEAR = 2100
FUTURE_WINDOW = 19  # two-digit years up to this far ahead of today, for non-birth dates

FORMAT_MESSAGE = _l("Bitte geben Sie das Datum als TT.MM.JJJJ ein, z. B. 01.02.1990.")
NO_SUCH_DAY = _l("Diesen Tag gibt es nicht. Bitte prüfen Sie Tag und Monat.")
FUTURE_BIRTH = _l("Ein Geburtsdatum kann nicht in der Zukunft liegen.")
YEAR_RANGE = _l("Bitte prüfen Sie das Jahr (1900 bis 2100).")


class DateInputError(ValueError):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class ParsedDate:
    value: date
    approximate: bool  # only the year was typed


def expand_year(two_digits: int, today: date, *, birth: bool) -> int:
    century = today.year - today.year % 100
    if birth:
        year = century + two_digits
        return year if year <= today.year else year - 100
    year = century + two_digits
    if year > today.year + FUTURE_WINDOW:
        year -= 100
    elif year < today.year - (99 - FUTURE_WINDOW):
        year += 100
    return year


def parse_date(text: str | None, today: date, *, birth: bool = False) -> ParsedDate | None:
    """The date typed in `text`, or None for an empty field; DateInputError with a German
    message otherwise. Only birth dates may be a bare year ("1985", "ca. 1985"): they become
    01.01. of that year, flagged approximate."""
    text = (text or "").strip()
    if not text:
        return None
    approximate = short_year = False
    if match := _DOTTED.match(text):
        day, month, year_text = match.groups()
        year = int(year_text)
        short_year = len(year_text) == 2
        if short_year:
            year = expand_year(year, today, birth=birth)
    elif match := _ISO.match(text):
        year_text, month, day = match.groups()
        year = int(year_text)
    elif birth and (match := _YEAR.match(text)):
        year, month, day, approximate = int(match.group(1)), 1, 1, True
    else:
        raise DateInputError(FORMAT_MESSAGE)
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise DateInputError(YEAR_RANGE)
    try:
        value = date(year, int(month), int(day))
    except ValueError:
        raise DateInputError(NO_SUCH_DAY) from None
    if birth and short_year and value > today:
        try:
            value = value.replace(year=year - 100)
        except ValueError:  # 29 February of a year that was no leap year a century earlier
            raise DateInputError(NO_SUCH_DAY) from None
    if birth and value > today:
        raise DateInputError(FUTURE_BIRTH)
    return ParsedDate(value, approximate)
