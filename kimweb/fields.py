"""The one form-field toolkit every feature uses: text cleaned of control characters and limited in
length, German dates as typed, code lists, phone / e-mail / web address checks, record versions.

Dates as people type them at the desk: 1.2.90, 01.02.1990, 1990-02-01, or only a year; birth
dates also as month and year (03.1985, 3/1985), where the form stores that precision.


Two-digit years: a birth date takes the latest century that does not put it in the future (on
21.11.2026, "21.11.26" is 2026 and "22.11.26" is 1926, so people over 99 need four digits); any
other date takes the year within
80 years before and 19 years after today (in 2026: "07" to "45" are 2007 to 2045, "46" to "99"
are 1946 to 1999).
"""

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

import wtforms
from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from werkzeug.routing import IntegerConverter
from werkzeug.routing import ValidationError as RouteValidationError
from wtforms import Field, HiddenField, SelectMultipleField, StringField, TextAreaField, widgets
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, StopValidation, ValidationError
from wtforms.widgets import TextInput

from .timeutil import format_date, local_today

_DOTTED = re.compile(r"^(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_YEAR = re.compile(r"^(?:ca\.?\s*|~\s*)?(\d{4})$", re.IGNORECASE)
_MONTH_YEAR = re.compile(r"^(\d{1,2})\s*[./]\s*(\d{4})$")

# How much of a birth date is known: the stored date is the first day of the month or year.
DAY, MONTH, YEAR = "day", "month", "year"

EARLIEST_YEAR = 1900
LATEST_YEAR = 2100
FUTURE_WINDOW = 19  # two-digit years up to this far ahead of today, for non-birth dates

FORMAT_MESSAGE = _l("Bitte geben Sie das Datum als TT.MM.JJJJ ein, z. B. 01.02.1990.")
NO_SUCH_DAY = _l("Diesen Tag gibt es nicht. Bitte prüfen Sie Tag und Monat.")
FUTURE_BIRTH = _l("Ein Geburtsdatum kann nicht in der Zukunft liegen.")
YEAR_RANGE = _l("Bitte prüfen Sie das Jahr (1900 bis 2100).")
NO_SUCH_MONTH = _l("Diesen Monat gibt es nicht. Bitte geben Sie ihn als 01 bis 12 ein, z. B. 03.1985.")


class DateInputError(ValueError):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class ParsedDate:
    value: date
    approximate: bool  # only the year was typed
    precision: str = DAY  # DAY, MONTH ("03.1985") or YEAR ("1985")


def show_partial_date(value: date | None, precision: str | None = DAY) -> str:
    """A date as far as it is known: 12.03.1985, 03.1985 or 1985."""
    if value is None:
        return ""
    if precision == MONTH:
        return value.strftime("%m.%Y")
    if precision == YEAR:
        return str(value.year)
    return format_date(value)


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


def parse_date(text: str | None, today: date, *, birth: bool = False, months: bool = False) -> ParsedDate | None:
    """The date typed in `text`, or None for an empty field; DateInputError with a German
    message otherwise. Only birth dates may be a bare year ("1985", "ca. 1985"): they become
    01.01. of that year, flagged approximate. With `months`, a birth date may also be a month
    and year ("03.1985", "3/1985"): the first of that month, with precision MONTH."""
    text = (text or "").strip()
    if not text:
        return None
    approximate = short_year = False
    precision = DAY
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
        year, month, day, approximate, precision = int(match.group(1)), 1, 1, True, YEAR
    elif birth and months and (match := _MONTH_YEAR.match(text)):
        month, year, day, precision = match.group(1), int(match.group(2)), 1, MONTH
        if not 1 <= int(month) <= 12:
            raise DateInputError(NO_SUCH_MONTH)
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
    return ParsedDate(value, approximate, precision)


# Control characters other than tab and newline: nobody types them, and PostgreSQL refuses NUL.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(value):
    """Text without control characters (except tab and newline) and surrounding spaces."""
    if isinstance(value, str):
        return _CONTROL.sub("", value).strip()
    return value


# Ids and page numbers typed or passed in URLs and forms. `str.isdigit()` also accepts "²", "٢" and
# "１２", and a number beyond 32 bits overflows PostgreSQL's `integer` columns (beyond 64 SQLite's).
_ASCII_NUMBER = re.compile(r"[0-9]{1,10}")
MAX_ID = 2**31 - 1


def parse_number(text) -> int | None:
    """ASCII digits without sign or spaces, 0 to 2**31-1; anything else is None."""
    if not isinstance(text, str) or not _ASCII_NUMBER.fullmatch(text):
        return None
    value = int(text)
    return value if value <= MAX_ID else None


def parse_id(text) -> int | None:
    """A record id from a URL or a form (1 to 2**31-1, the range of PostgreSQL's `integer`), or None."""
    value = parse_number(text)
    return value if value else None


def parse_ids(values, limit: int = 200) -> list[int]:
    """The valid ids among `values` (a form's getlist), sorted and without repeats; at most `limit`."""
    return sorted({value for raw in values or () if (value := parse_id(raw)) is not None})[:limit]


def parse_page(text, maximum: int = 10_000) -> int:
    """A page number from the query string: 1 for anything that is none, at most `maximum`."""
    value = parse_id(text)
    return min(value, maximum) if value else 1


class IdConverter(IntegerConverter):
    """`<int:...>` in routes: ASCII digits only and within PostgreSQL's `integer`, otherwise 404."""

    regex = r"[0-9]+"

    def to_python(self, value: str):
        number = parse_number(value)
        if number is None:
            raise RouteValidationError()
        return number


# Search boxes that search as you type (caseload, directory, notes) keep the first SEARCH_MAX
# characters of what was typed, cleaned, before anything reaches the database: nobody searches with
# more words than that, and a 50,000-character word must not become a LIKE pattern. Searches
# that are forms of their own (reception, picking a client) refuse longer input with a message.
SEARCH_MAX = 200


def search_words(value) -> str:
    """A search box's text: control characters removed, at most SEARCH_MAX characters."""
    return clean(value if isinstance(value, str) else "")[:SEARCH_MAX].strip()


def max_length(n: int):
    return Length(max=n, message=_l("Höchstens %(max)d Zeichen."))


def text(label, n=200, required=None, validators=(), **kwargs) -> StringField:
    """One line of text: cleaned, at most `n` characters, required with that message if given."""
    first = [DataRequired(required)] if required else [Optional()]
    return StringField(label, validators=first + [max_length(n), *validators], filters=[clean], **kwargs)


def area(label, n=5000, required=None, validators=(), **kwargs) -> TextAreaField:
    first = [DataRequired(required)] if required else [Optional()]
    return TextAreaField(label, validators=first + [max_length(n), *validators], filters=[clean], **kwargs)


PHONE = re.compile(r"^\+?[0-9 ()/.\-]{5,40}$")


def valid_url(value: str) -> bool:
    try:
        parts = urlsplit(value)
    except ValueError:  # "http://[" and the like
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value


def valid_email(value: str) -> bool:
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def valid_phone(value: str) -> bool:
    return bool(PHONE.match(value)) and sum(c.isdigit() for c in value) >= 5


def check_url(_form, field):
    if field.data and not valid_url(field.data.strip()):
        raise ValidationError(_l("Bitte geben Sie eine vollständige Adresse mit https:// ein."))


def check_email(_form, field):
    if field.data and not valid_email(field.data.strip()):
        raise ValidationError(_l("Bitte geben Sie eine gültige E-Mail-Adresse ein."))


def check_phone(_form, field):
    if field.data and not valid_phone(field.data.strip()):
        raise ValidationError(_l("Bitte geben Sie eine Telefonnummer aus Ziffern ein (z. B. 0208 825-0)."))


def choices(mapping: dict, empty=None) -> list[SelectChoice]:
    items = [SelectChoice(str(k), v) for k, v in mapping.items()]
    return ([SelectChoice("", empty)] if empty is not None else []) + items


class SelectWidget(widgets.Select):
    """wtforms' <select> with the same HTML, its options written directly: wtforms builds each
    option through html_params() and Markup.format(), and looks up render_option's signature
    on every select (the caseload's filters, some 50 options, took a third of the page's time).
    An option with extra attributes (render_kw) is still rendered by wtforms."""

    @classmethod
    def _dispatch_render_option(cls):
        return cls.render_option

    @classmethod
    def render_option(cls, choice, **kwargs):
        if kwargs or choice.render_kw:
            return super().render_option(choice, **kwargs)
        value = str(choice.value) if isinstance(choice.value, bool) else choice.value
        # As html_params(): the attributes in name order, a quote in a safe value escaped too.
        value = escape(value).replace(Markup('"'), Markup("&quot;"))
        label = escape(choice.label or choice.value)
        if choice.selected:
            return Markup(f'<option selected value="{value}">{label}</option>')
        return Markup(f'<option value="{value}">{label}</option>')


class SelectField(wtforms.SelectField):
    """wtforms' SelectField drawn by SelectWidget: every form takes its selects from here."""

    widget = SelectWidget()


class ChoiceField(SelectField):
    """A select whose wrong values (a tampered form) get a German message, not a crash. A select
    left out of the post counts as its empty choice."""

    def pre_validate(self, form):
        if self.data is None:
            self.data = ""
        if self.data not in {c.value for c in self.choices}:
            raise ValidationError(_l("Bitte wählen Sie einen Eintrag aus der Liste."))


class CodesField(SelectMultipleField):
    """Several codes from a list, stored as one space-separated string. Rendered as checkboxes:
    the `field` macro of _forms.html shows it as a chooser (filter box, count) – no Ctrl key."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()
    unknown_message = _l("Bitte wählen Sie nur Einträge aus der Liste.")

    def pre_validate(self, form):
        known = {str(choice[0]) for choice in self.iter_choices()}
        if any(value not in known for value in self.data or ()):
            raise ValidationError(self.unknown_message)

    @property
    def joined(self) -> str:
        return " ".join(self.data or ())

    def set_joined(self, value: str | None) -> None:
        self.data = (value or "").split()


class CheckboxCodes(CodesField):
    """Codes from a short list, all shown as checkboxes (the `checkboxes` macro of _forms.html)."""


class TriStateField(SelectField):
    """Yes / no / not known, stored as True / False / None."""

    def __init__(self, label, **kwargs):
        super().__init__(label, choices=choices({"": _l("unbekannt"), "1": _l("ja"), "0": _l("nein")}), **kwargs)

    @property
    def value(self):
        return {"1": True, "0": False}.get(self.data)

    def set(self, value):
        self.data = "" if value is None else ("1" if value else "0")


class TypedText(Field):
    """A value typed as text and read by `parse` (dates, times, minutes): the text stays in the
    field as typed, and a ValueError from `parse` is the field's one message (it stops the other
    validators: "wrong format" and "required" for the same text would only confuse)."""

    widget = TextInput()
    placeholder: str | None = None

    def __init__(self, label=None, validators=None, **kwargs):
        render_kw = {
            "inputmode": "numeric",
            "autocomplete": "off",
            **({"placeholder": self.placeholder} if self.placeholder else {}),
            **kwargs.pop("render_kw", {}),
        }
        super().__init__(label, validators, render_kw=render_kw, **kwargs)
        self.raw = None
        self._problem = None

    def parse(self, raw: str):
        raise NotImplementedError

    def show(self, value) -> str:
        return str(value)

    def process_formdata(self, valuelist):
        self.raw = clean(valuelist[0]) if valuelist else ""
        self.data = None
        if not self.raw:
            return
        try:
            self.data = self.parse(self.raw)
        except ValueError as error:
            self._problem = getattr(error, "message", None) or error.args[0]

    def pre_validate(self, form):
        if self._problem:
            raise StopValidation(self._problem)

    def _value(self):
        if self.raw is not None:
            return self.raw
        return self.show(self.data) if self.data else ""


class DateText(TypedText):
    """A date typed as DD.MM.YYYY (also 1.2.90).
    birth=True refuses future dates and accepts a bare year, which sets `approximate`;
    months=True (a birth date whose precision is stored) also accepts "03.1985" and "3/1985".
    `precision` says how much was typed (DAY, MONTH, YEAR); set it before showing a stored date."""

    placeholder = "TT.MM.JJJJ"

    def __init__(
        self, label=None, validators=None, *, birth: bool = False, months: bool = False, required=None, **kwargs
    ):
        validators = list(validators or [])
        if required:
            validators.insert(0, DataRequired(required))
        super().__init__(label, validators, **kwargs)
        self.birth = birth
        self.months = months
        self.approximate = False
        self.precision = DAY

    def parse(self, raw: str):
        # DateInputError is a ValueError
        parsed = parse_date(raw, local_today(), birth=self.birth, months=self.months)
        if parsed is None:  # only blank text parses to None, and process_formdata skips that
            raise ValueError(FORMAT_MESSAGE)
        self.approximate = parsed.approximate
        self.precision = parsed.precision
        return parsed.value

    def show(self, value) -> str:
        return show_partial_date(value, self.precision)


class VersionField(HiddenField):
    """The version of the record the form was filled from; a different one on save means 409."""

    def stale(self, current: int) -> bool:
        return (self.data or "") != str(current)
