"""Form fields for client files: German dates as typed, code lists, cleaned text, versions."""

import re

from flask_babel import lazy_gettext as _l
from wtforms import Field, HiddenField, SelectField, SelectMultipleField, StringField, TextAreaField, widgets
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, StopValidation, ValidationError
from wtforms.widgets import TextInput

from ..timeutil import format_date, local_today
from .dates import parse_date

# Control characters other than tab and newline: nobody types them, and PostgreSQL refuses NUL.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(value):
    if isinstance(value, str):
        return _CONTROL.sub("", value).strip()
    return value


def blank_to_none(value):
    return value or None


def max_length(n: int):
    return Length(max=n, message=_l("Höchstens %(max)d Zeichen."))


def text(label, n=200, required=None, **kwargs) -> StringField:
    first = [DataRequired(required)] if required else [Optional()]
    return StringField(label, validators=first + [max_length(n)], filters=[clean], **kwargs)


def area(label, n=5000, required=None, **kwargs) -> TextAreaField:
    first = [DataRequired(required)] if required else [Optional()]
    return TextAreaField(label, validators=first + [max_length(n)], filters=[clean], **kwargs)


def choices(mapping: dict, empty=None) -> list[SelectChoice]:
    items = [SelectChoice(str(k), v) for k, v in mapping.items()]
    return ([SelectChoice("", empty)] if empty is not None else []) + items


class ChoiceField(SelectField):
    """A select whose wrong values (a tampered form) get a German message, not a crash. A select
    left out of the post counts as its empty choice."""

    def pre_validate(self, form):
        if self.data is None:
            self.data = ""
        if self.data not in {c.value for c in self.choices}:
            raise ValidationError(_l("Bitte wählen Sie einen Eintrag aus der Liste."))


class CodesField(SelectMultipleField):
    """Several codes from a list, stored as one space-separated string."""

    def pre_validate(self, form):
        known = {c.value for c in self.choices}
        if any(value not in known for value in self.data or ()):
            raise ValidationError(_l("Bitte wählen Sie nur Einträge aus der Liste."))

    @property
    def joined(self) -> str:
        return " ".join(self.data or ())

    def set_joined(self, value: str | None) -> None:
        self.data = (value or "").split()


class CheckboxCodes(CodesField):
    """Codes as a list of checkboxes (render with the `checkboxes` macro of _forms.html)."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


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
    birth=True refuses future dates and accepts a bare year, which sets `approximate`."""

    placeholder = "TT.MM.JJJJ"

    def __init__(self, label=None, validators=None, *, birth: bool = False, required=None, **kwargs):
        validators = list(validators or [])
        if required:
            validators.insert(0, DataRequired(required))
        super().__init__(label, validators, **kwargs)
        self.birth = birth
        self.approximate = False

    def parse(self, raw: str):
        parsed = parse_date(raw, local_today(), birth=self.birth)  # DateInputError is a ValueError
        self.approximate = parsed.approximate
        return parsed.value

    def show(self, value) -> str:
        return format_date(value)


class VersionField(HiddenField):
    """The version of the record the form was filled from; a different one on save means 409."""

    def stale(self, current: int) -> bool:
        return (self.data or "") != str(current)
