"""Forms of appointments: the appointment, cancelling it, its state, an interpreter request and
its answer, the office's interpreters, and the calendar feed settings."""

import re
from datetime import time

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField
from wtforms.validators import ValidationError

from ..fields import (
    CheckboxCodes,
    ChoiceField,
    DateText,
    TypedText,
    VersionField,
    area,
    check_email,
    check_phone,
    choices,
    text,
)
from ..reception.choices import language_choices
from .choices import FEED_LABELS, INTERPRETER_KINDS, INTERPRETER_SOURCES, KINDS, PLACES, STATES

_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?(?:\s*Uhr)?$", re.IGNORECASE)
TIME_MESSAGE = _l("Bitte geben Sie die Uhrzeit als HH:MM ein, z. B. 09:30.")


def _languages(with_empty: bool = True) -> list:
    return choices(dict(pair for pair in language_choices() if with_empty or pair[0]))


def parse_time(raw: str) -> time:
    match = _TIME.match(raw.strip())
    if not match:
        raise ValueError(str(TIME_MESSAGE))
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        raise ValueError(str(TIME_MESSAGE))
    return time(hour, minute)


class TimeText(TypedText):
    """A time of day typed as 9:30, 09.30, 14 or 14:00 Uhr."""

    placeholder = "HH:MM"

    def parse(self, raw: str):
        return parse_time(raw)

    def show(self, value) -> str:
        return value.strftime("%H:%M")


class AppointmentForm(FlaskForm):
    client_id = ChoiceField(_l("Person"), choices=[])
    for_household = BooleanField(_l("mit Haushalt (Familie kommt mit)"))
    day = DateText(_l("Datum"), required=_l("Bitte geben Sie das Datum ein."))
    start = TimeText(_l("Beginn"))
    end = TimeText(_l("Ende"), description=_l("Leer lassen: eine Stunde nach Beginn."))
    kind = ChoiceField(_l("Art des Termins"), choices=choices(KINDS))
    place = ChoiceField(_l("Ort"), choices=choices(PLACES))
    room = text(_l("Raum"), 40)
    location_id = ChoiceField(_l("Ort aus dem Wegweiser"), choices=[])
    organization_id = ChoiceField(_l("Betrifft die Stelle"), choices=[])
    bring = text(_l("Bitte mitbringen"), 500, description=_l("Steht auf dem Terminzettel für die Person."))
    interpreter_language = ChoiceField(_l("Sprache für Dolmetschen"), choices=[])
    interpreter_kind = ChoiceField(
        _l("Art des Dolmetschens"), choices=choices(INTERPRETER_KINDS, empty=_l("– keines nötig –"))
    )
    legal_consequences = BooleanField(_l("Gespräch mit Rechtsfolgen (kein ehrenamtlicher Pool)"))
    note = area(_l("Notiz"), 2000)
    recorded_afterwards = BooleanField(_l("nachträglich erfasst (Termin liegt in der Vergangenheit)"))
    confirm_conflicts = BooleanField(_l("Trotz der Hinweise speichern"))
    version = VersionField()

    def __init__(self, *args, client_choices=None, locations=None, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.client_id.choices = choices(client_choices or {}, empty=_l("– bitte wählen –"))
        self.location_id.choices = choices(locations or {}, empty=_l("– keiner –"))
        self.organization_id.choices = choices(organizations or {}, empty=_l("– keine –"))
        self.interpreter_language.choices = _languages()

    def validate_start(self, field):
        if field.data is None and not field.errors:
            raise ValidationError(_l("Bitte geben Sie die Uhrzeit des Beginns ein."))

    def validate_room(self, field):
        if self.place.data == "room" and self.kind.data == "office" and not field.data:
            raise ValidationError(_l("Bitte geben Sie den Raum an."))

    def validate_location_id(self, field):
        if self.place.data == "location" and not field.data:
            raise ValidationError(_l("Bitte wählen Sie einen Ort aus dem Wegweiser."))

    def validate_interpreter_kind(self, field):
        if field.data and not self.interpreter_language.data:
            self.interpreter_language.errors = [
                *self.interpreter_language.errors,
                _l("Bitte wählen Sie die Sprache für das Dolmetschen."),
            ]
            raise ValidationError(_l("Bitte geben Sie auch die Sprache an."))
        if field.data == "pool" and self.legal_consequences.data:
            raise ValidationError(
                _l(
                    "Für Gespräche mit Rechtsfolgen wird der ehrenamtliche Pool nicht eingesetzt. "
                    "Bitte wählen Sie eine beauftragte Dolmetscherin oder Telefondolmetschen."
                )
            )


class CancelForm(FlaskForm):
    reason = area(_l("Grund der Absage"), 500, required=_l("Bitte geben Sie den Grund der Absage an."))
    version = VersionField()


class StateForm(FlaskForm):
    state = ChoiceField(_l("Neuer Stand"), choices=choices(STATES))
    version = VersionField()


class RequestForm(FlaskForm):
    language = ChoiceField(_l("Sprache"), choices=[])
    kind = ChoiceField(_l("Art"), choices=choices(INTERPRETER_KINDS))
    legal_consequences = BooleanField(_l("Gespräch mit Rechtsfolgen"))
    note = area(_l("Hinweise für die Sprachmittlung"), 1000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = _languages()

    def validate_language(self, field):
        if not field.data:
            raise ValidationError(_l("Bitte wählen Sie die Sprache."))

    def validate_kind(self, field):
        if field.data == "pool" and self.legal_consequences.data:
            raise ValidationError(_l("Für Gespräche mit Rechtsfolgen wird der ehrenamtliche Pool nicht eingesetzt."))


class AnswerForm(FlaskForm):
    state = ChoiceField(
        _l("Antwort"),
        choices=choices({"confirmed": _l("zugesagt"), "declined": _l("abgesagt")}, empty=_l("– bitte wählen –")),
    )
    interpreter_id = ChoiceField(_l("Dolmetscher/in aus der Liste"), choices=[])
    interpreter_name = text(_l("oder Name"), 200)
    note = area(_l("Interne Notiz zur Antwort (steht nicht auf der Anfrage)"), 1000)
    version = VersionField()

    def __init__(self, *args, interpreters=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.interpreter_id.choices = choices(interpreters or {}, empty=_l("– nicht aus der Liste –"))

    def validate_state(self, field):
        if not field.data:
            raise ValidationError(_l("Bitte wählen Sie die Antwort."))
        if field.data == "confirmed" and not (self.interpreter_id.data or self.interpreter_name.data):
            raise ValidationError(_l("Bitte geben Sie an, wer zugesagt hat."))


class InterpreterForm(FlaskForm):
    name = text(_l("Name"), 200, required=_l("Bitte geben Sie den Namen ein."))
    source = ChoiceField(_l("Herkunft"), choices=choices(INTERPRETER_SOURCES))
    languages = CheckboxCodes(_l("Sprachen"), choices=[])
    phone = text(_l("Telefon"), 60, validators=[check_phone])
    email = text(_l("E-Mail"), 254, validators=[check_email])
    note = text(_l("Hinweis"), 1000)
    active = BooleanField(_l("verfügbar"), default=True)
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.languages.choices = _languages(with_empty=False)

    def validate_languages(self, field):
        if not field.data:
            raise ValidationError(_l("Bitte wählen Sie mindestens eine Sprache."))


class FeedForm(FlaskForm):
    label = ChoiceField(_l("Wie Personen im Kalender erscheinen"), choices=choices(FEED_LABELS))
