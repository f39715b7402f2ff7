"""Forms of the directory; every check on the server with a German message next to the field."""

import re
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    FloatField,
    HiddenField,
    IntegerField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, NumberRange, Optional, ValidationError

from ..fields import (
    CheckboxCodes,
    SelectField,
    TriStateField,
    area,
    check_email,
    check_phone,
    check_url,
    choices,
    clean,
    max_length,
    text,
    valid_email,
    valid_phone,
    valid_url,
)
from ..textfold import fold_words
from ..timeutil import local_today
from .choices import (
    ATTENDING,
    CAPACITY,
    INTAKE_MODES,
    LANGUAGE_MODES,
    LANGUAGES,
    REFERRAL_CHANNELS,
    SERVICE_STATUS,
    VERIFY_METHODS,
    VISIBILITY,
    WEEKDAYS,
)


class MultiCheckboxField(CheckboxCodes):
    unknown_message = _l("Bitte wählen Sie nur aus der Liste.")


class OrganizationForm(FlaskForm):
    name = text(_l("Name"), required=_l("Bitte geben Sie den Namen des Trägers ein."))
    alternate_name = text(_l("Kurzname / Abkürzung"), description=_l("z. B. ABH, JC, VHS"))
    description = area(_l("Beschreibung"))
    url = text(_l("Website"), 500, validators=[check_url])
    email = text(_l("E-Mail (öffentlich)"), 254, validators=[check_email])
    phone = text(_l("Telefon (Zentrale)"), 60, validators=[check_phone])
    legal_status = text(_l("Rechtsform"), 120, description=_l("z. B. Behörde, e. V., gGmbH"))
    version = HiddenField()


class LocationForm(FlaskForm):
    name = text(_l("Name des Standorts"), required=_l("Bitte geben Sie einen Namen für den Standort ein."))
    address_1 = text(_l("Straße und Hausnummer"))
    postal_code = StringField(_l("PLZ"), validators=[Optional(), max_length(10)], filters=[clean])
    city = text(_l("Ort"), 120)
    district_id = SelectField(_l("Sozialraum"), choices=[])
    address_confidential = BooleanField(_l("Adresse vertraulich (nur für Mitarbeitende sichtbar)"))
    transportation = text(_l("Anfahrt mit Bus und Bahn"), 500)
    phone = text(_l("Telefon am Standort"), 60, validators=[check_phone])
    step_free = TriStateField(_l("Stufenloser Zugang"))
    lift = TriStateField(_l("Aufzug"))
    accessible_wc = TriStateField(_l("Barrierefreies WC"))
    accessibility_note = area(_l("Hinweise zur Barrierefreiheit"), 1000)
    latitude = FloatField(
        _l("Breitengrad"), validators=[Optional(), NumberRange(-90, 90, message=_l("Zwischen -90 und 90."))]
    )
    longitude = FloatField(
        _l("Längengrad"), validators=[Optional(), NumberRange(-180, 180, message=_l("Zwischen -180 und 180."))]
    )
    description = area(_l("Beschreibung"))
    version = HiddenField()

    def validate_postal_code(self, field):
        if field.data and not re.fullmatch(r"[0-9A-Za-z -]{4,10}", field.data.strip()):
            raise ValidationError(_l("Bitte geben Sie eine Postleitzahl ein (z. B. 46045)."))


class ServiceForm(FlaskForm):
    name = text(_l("Name des Angebots"), required=_l("Bitte geben Sie den Namen des Angebots ein."))
    alternate_name = text(_l("Kurzname / Abkürzung"))
    description = area(_l("Beschreibung"))
    life_areas = MultiCheckboxField(_l("Handlungsfelder"), choices=[])
    status = SelectField(_l("Status"), choices=choices(SERVICE_STATUS))
    alert = text(_l("Hinweis zum Status"), 500, description=_l("z. B. „wegen Umbau geschlossen“"))
    status_until = DateField(_l("Status gilt bis"), validators=[Optional()])
    referral_channel = SelectField(
        _l("Weg für Fachkräfte"), choices=choices(REFERRAL_CHANNELS, _l("– nicht bekannt –"))
    )
    referral_address = text(_l("Durchwahl, Postfach oder Formular-Adresse"), 500)
    referral_note = area(_l("So vermitteln Sie"), description=_l("Was Fachkräfte bei der Anmeldung wissen müssen."))
    application_process = area(_l("So melden sich Klientinnen und Klienten an"))
    intake_mode = SelectField(_l("Zugang"), choices=choices(INTAKE_MODES, _l("– nicht bekannt –")))
    capacity = SelectField(_l("Aufnahme"), choices=choices(CAPACITY, _l("– nicht bekannt –")))
    wait_days = IntegerField(
        _l("Übliche Wartezeit in Tagen"),
        validators=[Optional(), NumberRange(0, 3650, message=_l("Bitte eine Zahl zwischen 0 und 3650."))],
    )
    capacity_updated_on = DateField(_l("Aufnahme-Stand vom"), validators=[Optional()])
    eligibility = area(_l("Für wen"), 2000)
    minimum_age = IntegerField(_l("Alter ab"), validators=[Optional(), NumberRange(0, 120, message=_l("0 bis 120."))])
    maximum_age = IntegerField(_l("Alter bis"), validators=[Optional(), NumberRange(0, 120, message=_l("0 bis 120."))])
    documents_required = area(_l("Mitzubringen"), 2000)
    fees = area(_l("Kosten"), 1000)
    fees_covered_by = text(_l("Kostenträger"), 300)
    interpretation_services = text(_l("Dolmetschen (allgemein)"), 500)
    districts = MultiCheckboxField(
        _l("Zuständig für Sozialräume"), choices=[], description=_l("Keine Auswahl: für die ganze Stadt.")
    )
    locations = MultiCheckboxField(_l("Standorte"), choices=[])
    url = text(_l("Website des Angebots"), 500, validators=[check_url])
    email = text(_l("E-Mail (öffentlich)"), 254, validators=[check_email])
    phone = text(_l("Telefon (öffentlich)"), 60, validators=[check_phone])
    version = HiddenField()

    def validate_maximum_age(self, field):
        if field.data is not None and self.minimum_age.data is not None and field.data < self.minimum_age.data:
            raise ValidationError(_l("Das Höchstalter muss mindestens so hoch sein wie das Mindestalter."))

    def validate_referral_address(self, field):
        value = (field.data or "").strip()
        if not value:
            return
        channel = self.referral_channel.data
        if channel == "mailbox" and not valid_email(value):
            raise ValidationError(_l("Für ein Funktionspostfach bitte eine E-Mail-Adresse eingeben."))
        if channel == "direct_line" and not valid_phone(value):
            raise ValidationError(_l("Für eine Durchwahl bitte eine Telefonnummer eingeben."))
        if channel == "form" and not valid_url(value):
            raise ValidationError(_l("Für ein Formular bitte die Adresse mit https:// eingeben."))


def _time_field(label, required=True):
    validators = [InputRequired(_l("Bitte geben Sie eine Uhrzeit ein (z. B. 09:00)."))] if required else [Optional()]
    return TimeField(label, validators=validators)


class ScheduleForm(FlaskForm):
    weekday = SelectField(_l("Wochentag"), choices=choices(WEEKDAYS))
    opens_at = _time_field(_l("von"))
    closes_at = _time_field(_l("bis"))
    attending = SelectField(_l("Zugang"), choices=choices(ATTENDING))
    booking_url = text(_l("Link zur Terminbuchung"), 500, validators=[check_url])
    note = text(_l("Hinweis"), 300)

    def validate_closes_at(self, field):
        if field.data and self.opens_at.data and field.data <= self.opens_at.data:
            raise ValidationError(_l("Das Ende muss nach dem Beginn liegen."))


class ExceptionForm(FlaskForm):
    start_date = DateField(_l("vom"), validators=[InputRequired(_l("Bitte geben Sie ein Datum ein."))])
    end_date = DateField(_l("bis einschließlich"), validators=[Optional()])
    closed = BooleanField(_l("geschlossen"), default=True)
    opens_at = _time_field(_l("sonst geöffnet von"), required=False)
    closes_at = _time_field(_l("bis"), required=False)
    note = text(_l("Anlass"), 300, description=_l("z. B. Betriebsausflug"))

    def validate_end_date(self, field):
        if field.data and self.start_date.data and field.data < self.start_date.data:
            raise ValidationError(_l("Das Ende darf nicht vor dem Beginn liegen."))
        if field.data and self.start_date.data and field.data - self.start_date.data > timedelta(days=366):
            raise ValidationError(_l("Höchstens ein Jahr."))

    def validate(self, extra_validators=None):
        # Across fields, and also when both times are empty (Optional() would skip a field check).
        valid = super().validate(extra_validators)
        if self.closed.data or self.opens_at.errors or self.closes_at.errors:
            return valid
        if not (self.opens_at.data and self.closes_at.data):
            self.closes_at.errors.append(_l("Geben Sie Sonderzeiten an oder kreuzen Sie „geschlossen“ an."))
            return False
        if self.closes_at.data <= self.opens_at.data:
            self.closes_at.errors.append(_l("Das Ende muss nach dem Beginn liegen."))
            return False
        return valid


class ContactForm(FlaskForm):
    name = text(_l("Name"))
    title = text(_l("Funktion"))
    department = text(_l("Abteilung / Team"))
    responsibility = area(_l("Zuständig für"), 1000, description=_l("z. B. Buchstaben A–K, Einbürgerung"))
    phone = text(_l("Telefon"), 60, validators=[check_phone])
    email = text(_l("E-Mail"), 254, validators=[check_email])
    visibility = SelectField(
        _l("Sichtbarkeit"),
        choices=choices(VISIBILITY),
        description=_l("Interne Kontakte erscheinen nie auf dem Handzettel und nicht im Export."),
    )

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if not any((f.data or "").strip() for f in (self.name, self.department, self.phone, self.email)):
            self.name.errors.append(_l("Bitte geben Sie mindestens Name, Abteilung, Telefon oder E-Mail an."))
            return False
        return valid


class LanguageForm(FlaskForm):
    code = SelectField(_l("Sprache"), choices=choices(dict(sorted(LANGUAGES.items(), key=lambda item: item[1]))))
    mode = SelectField(_l("Wie"), choices=choices(LANGUAGE_MODES))
    note = text(_l("Hinweis"), 300)


class TipForm(FlaskForm):
    text = TextAreaField(
        _l("Tipp"),
        validators=[DataRequired(_l("Bitte schreiben Sie den Tipp.")), max_length(1000)],
        filters=[clean],
        description=_l("Nur Hinweise zur Stelle, keine Daten über Klientinnen und Klienten."),
    )
    review_on = DateField(_l("Gültig bis"), validators=[InputRequired(_l("Bitte geben Sie ein Datum ein."))])

    def validate_review_on(self, field):
        today = local_today()
        if field.data and not today <= field.data <= today + timedelta(days=730):
            raise ValidationError(_l("Bitte ein Datum zwischen heute und in zwei Jahren."))


class SuggestionForm(FlaskForm):
    text = TextAreaField(
        _l("Was stimmt nicht, und was ist richtig?"),
        validators=[DataRequired(_l("Bitte beschreiben Sie die Änderung.")), max_length(5000)],
        filters=[clean],
    )


class VerifyForm(FlaskForm):
    method = SelectField(_l("Geprüft per"), choices=choices({k: v for k, v in VERIFY_METHODS.items() if k != "import"}))
    note = text(_l("Notiz"), 500)


class DecisionForm(FlaskForm):
    decision = SelectField(
        _l("Entscheidung"), choices=choices({"accepted": _l("übernommen"), "rejected": _l("abgelehnt")})
    )
    note = text(_l("Begründung"), 1000)


class SynonymForm(FlaskForm):
    term = text(_l("Suchwort oder Abkürzung"), 64, required=_l("Bitte geben Sie das Suchwort ein."))
    expansion = text(_l("steht für"), 64, required=_l("Bitte geben Sie das gemeinte Wort ein."))

    def validate_term(self, field):
        if len(fold_words(field.data)) != 1:
            raise ValidationError(_l("Bitte genau ein Wort (Buchstaben und Ziffern)."))

    def validate_expansion(self, field):
        if len(fold_words(field.data)) != 1:
            raise ValidationError(_l("Bitte genau ein Wort (Buchstaben und Ziffern)."))


class UploadForm(FlaskForm):
    file = FileField(_l("Datei"), validators=[FileRequired(_l("Bitte wählen Sie eine Datei aus."))])
