"""Typed reading of one CSV row: each bad value becomes an error naming the file, row and field.

Imported text is treated like typed text: control characters are removed (kimweb.fields.clean) and
the length limits are those of the directory's forms (and of the database column, if shorter);
text that no form field takes is limited like a form's text area (5000 characters).
"""

import re
from datetime import date, time
from functools import cache

from wtforms.validators import Length

from ..fields import clean, valid_email, valid_url
from . import forms
from .import_report import Report, column_limit
from .models import Contact, Location, Organization, Schedule, ScheduleException, Service, ServiceLanguage

# The longest text any form field of the directory takes (kimweb.fields.area).
DEFAULT_LIMIT = 5000
FORMS = {
    Organization: forms.OrganizationForm,
    Location: forms.LocationForm,
    Service: forms.ServiceForm,
    Schedule: forms.ScheduleForm,
    ScheduleException: forms.ExceptionForm,
    Contact: forms.ContactForm,
    ServiceLanguage: forms.LanguageForm,
}


@cache
def form_limit(model, attribute: str) -> int | None:
    """The maximum length the form for `model` allows for `attribute`, if it has that field."""
    field = getattr(FORMS.get(model), attribute, None)
    for validator in getattr(field, "kwargs", {}).get("validators", ()):
        if isinstance(validator, Length) and validator.max > 0:
            return validator.max
    return None


def text_limit(model, attribute: str) -> int:
    limits = [n for n in (form_limit(model, attribute), column_limit(model, attribute)) if n]
    return min(limits) if limits else DEFAULT_LIMIT


_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$")
TRUE = {"true", "1", "yes", "ja", "y", "t", "wahr", "x"}
FALSE = {"false", "0", "no", "nein", "n", "f", "falsch", ""}


class Row:
    def __init__(self, report: Report, file: str, number: int, values: dict[str, str]):
        self.report, self.file, self.number, self.values = report, file, number, values
        self.failed = False

    def error(self, column: str | None, message: str) -> None:
        self.failed = True
        self.report.error(self.file, self.number, column, message)

    def skip(self, table: str, reason: str) -> None:
        """Leave the row out (or a value of it), with the reason in the report; not an error."""
        self.report.skip(table, self.file, self.number, reason)

    def text(self, column: str, model=None, attribute: str | None = None, required: bool = False) -> str | None:
        value = clean(self.values.get(column) or "") or None
        if value is None:
            if required:
                self.error(column, "Pflichtfeld ist leer.")
            return None
        limit = text_limit(model, attribute or column) if model is not None else DEFAULT_LIMIT
        if len(value) > limit:
            self.error(column, f"Zu lang: {len(value)} Zeichen, höchstens {limit}.")
            return value[:limit]
        return value

    def integer(self, column: str, low: int, high: int) -> int | None:
        value = self.text(column)
        if value is None:
            return None
        if not re.fullmatch(r"-?\d{1,9}", value) or not low <= int(value) <= high:
            self.error(column, f"Keine ganze Zahl von {low} bis {high}: „{value[:40]}“.")
            return None
        return int(value)

    def decimal(self, column: str, low: float, high: float) -> float | None:
        value = self.text(column)
        if value is None:
            return None
        try:
            number = float(value.replace(",", "."))
        except ValueError:
            number = None
        if number is None or not low <= number <= high:
            self.error(column, f"Keine Zahl von {low:g} bis {high:g}: „{value[:40]}“.")
            return None
        return number

    def day(self, column: str, required: bool = False) -> date | None:
        value = self.text(column, required=required)
        if value is None:
            return None
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            self.error(column, f"Kein Datum (JJJJ-MM-TT): „{value[:40]}“.")
            return None

    def clock(self, column: str, required: bool = False) -> time | None:
        value = self.text(column, required=required)
        if value is None:
            return None
        match = _TIME.match(value)
        if not match:
            self.error(column, f"Keine Uhrzeit (HH:MM): „{value[:40]}“.")
            return None
        return time(int(match.group(1)), int(match.group(2)), int(match.group(3) or 0))

    def flag(self, column: str) -> bool | None:
        value = (self.values.get(column) or "").strip().lower()
        if value in TRUE:
            return True
        if value in FALSE:
            return False if value else None
        self.error(column, f"Kein Ja/Nein-Wert: „{value[:40]}“.")
        return None

    def choice(self, column: str, allowed, default=None, mapping: dict | None = None):
        value = self.text(column)
        if value is None:
            return default
        value = (mapping or {}).get(value, value)
        if value not in allowed:
            self.error(column, f"Unbekannter Wert „{value[:40]}“; erlaubt: {', '.join(sorted(allowed))}.")
            return default
        return value

    def email(self, column: str, model=None, attribute: str | None = None) -> str | None:
        value = self.text(column, model, attribute)
        if value and not valid_email(value):
            self.error(column, f"Keine gültige E-Mail-Adresse: „{value[:60]}“.")
        return value

    def url(self, column: str, model=None, attribute: str | None = None) -> str | None:
        value = self.text(column, model, attribute)
        if value and not valid_url(value):
            self.error(column, f"Keine gültige Web-Adresse (http/https): „{value[:60]}“.")
        return value
